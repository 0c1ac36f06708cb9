"""Incremental crawling: requests per run and detected changes on a generated 5,000-article VSB portal.

Runs, all against one database:
  1. first crawl (nothing known yet: every list page and article);
  2. the same portal unchanged, incremental (the daily run): target <= 2% of run 1's requests;
  3. after editing 1% of the articles, deleting 0.25% (404) and unlisting 0.25%, a recheck (the wide
     re-check): every edit must come out as `changed` and every deletion/unlisting as `removed`.

    .venv/bin/python benchmarks/incremental.py [--articles 5000]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

import sqlite_utils
from harness import NO_POLITENESS, bench_portal, crawl

from crawler.sample_portal.build import build_large_portal
from crawler.sample_portal.content import COLUMNS
from crawler.sample_portal.server import serve

ARTICLE_LINK = re.compile(r'<li[^>]*>\s*<a href="[^"]*?/info/\d+/(\d+)\.htm".*?</li>', re.S)


def crawl_mode(base_url: str, work: Path, mode: str) -> dict:
    return crawl(
        bench_portal(base_url),
        db=str(work / "bench.db"),
        archive=str(work / "archive"),
        settings=NO_POLITENESS,
        mode=mode,
    )


def mutate(site: Path, n_articles: int, rng: random.Random) -> tuple[set[str], set[str]]:
    """Edit 1% of the articles, delete 0.25% and unlist 0.25%; returns (edited, removed) article paths."""
    articles = sorted(p for p in (site / "info").rglob("*.htm"))
    chosen = rng.sample(articles, n_articles // 100 + n_articles // 200)
    edited, deleted, unlisted = (
        chosen[: n_articles // 100],
        chosen[n_articles // 100 :][::2],
        chosen[n_articles // 100 :][1::2],
    )
    for path in edited:
        html = path.read_text(encoding="utf-8")
        path.write_text(html.replace("</p>", "（本文已更正）</p>", 1), encoding="utf-8")
    for path in deleted:
        path.unlink()
    unlisted_ids = {p.stem for p in unlisted}
    column = site / COLUMNS["ysjxgl"].path.lstrip("/")
    for page in [column, *column.with_suffix("").glob("*.htm")]:
        html = page.read_text(encoding="utf-8")
        kept = ARTICLE_LINK.sub(lambda m: "" if m.group(1) in unlisted_ids else m.group(0), html)
        if kept != html:
            page.write_text(kept, encoding="utf-8")
    relative = lambda paths: {"/" + str(p.relative_to(site)) for p in paths}  # noqa: E731
    return relative(edited), relative(deleted) | relative(unlisted)


def detected(db: Path, run_started: str) -> tuple[set[str], set[str]]:
    database = sqlite_utils.Database(db)
    changed = {
        r["url"]
        for r in database.query(
            "select d.url from document_versions v join documents d on d.id = v.document_id "
            "where v.version > 1 and v.fetched >= ?",
            [run_started],
        )
    }
    removed = {r["url"] for r in database.query("select url from documents where status = 'removed'")}
    path = lambda url: "/" + url.split("/", 3)[3]  # noqa: E731
    return {path(u) for u in changed}, {path(u) for u in removed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = build_large_portal(work / "site", options.articles)
        with serve(site) as base_url:
            first = crawl_mode(base_url, work, "incremental")
            again = crawl_mode(base_url, work, "incremental")
            edited, removed = mutate(site, options.articles, random.Random(7))
            recheck = crawl_mode(base_url, work, "recheck")
        found_changed, found_removed = detected(work / "bench.db", recheck["started"])
    print(f"articles: {options.articles}")
    for name, run in (("first crawl", first), ("unchanged, incremental", again), ("after edits, recheck", recheck)):
        print(
            f"{name:<24} requests {run['requests']:>6}  new {run['new_documents']:>5}  "
            f"changed {run['changed_documents']:>4}  unchanged {run['unchanged_documents']:>5}  "
            f"removed {run['removed_documents']:>4}  {run['duration_seconds']:.0f}s"
        )
    print(
        f"unchanged re-crawl: {again['requests'] / first['requests']:.2%} of the first crawl's requests (target <= 2%)"
    )
    print(
        f"edits detected: {len(found_changed & edited)}/{len(edited)} (false: {len(found_changed - edited)}); "
        f"removals detected: {len(found_removed & removed)}/{len(removed)} (false: {len(found_removed - removed)})"
    )


if __name__ == "__main__":
    main()
