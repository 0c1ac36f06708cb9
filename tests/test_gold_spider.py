"""Every gold page yields its gold document fields through the spider path too: served over HTTP at its
real URL path (no charset header, as many portals do), found on a list page by the generic spider, stored."""

from __future__ import annotations

import html
import json
from urllib.parse import urlsplit

import pytest
import sqlite_utils
from conftest import shared_dir
from mirror_server import crawl_mirror, serve_mirror

GOLD = sorted(p for p in (shared_dir() / "gold").glob("dev*.json"))
NOT_STORED_AS_FIELDS = {"url", "published_time"}


@pytest.fixture(scope="module")
def crawled_gold(tmp_path_factory):
    root = tmp_path_factory.mktemp("gold-mirror")
    items = []
    for answer_path in GOLD:
        answer = json.loads(answer_path.read_text(encoding="utf-8"))
        path = urlsplit(answer["url"]).path
        (root / path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / path.lstrip("/")).write_bytes((answer_path.parent / answer["input"]).read_bytes())
        title = html.escape(answer["document"]["title"])
        items.append(
            f'<li><a href="{path}" title="{title}">{title}</a><span>{answer["document"]["published"]}</span></li>'
        )
    (root / "zfxxgk").mkdir(exist_ok=True)
    (root / "zfxxgk" / "index.html").write_text(
        f'<html><head><meta charset="utf-8"><title>预算绩效管理</title></head><body><ul>{"".join(items)}</ul>'
        "</body></html>",
        encoding="utf-8",
    )
    work = tmp_path_factory.mktemp("gold-crawl")
    with serve_mirror(root) as base_url:
        crawl_mirror("mirror-generic", base_url, work)
        yield base_url, sqlite_utils.Database(work / "reports.db")


@pytest.mark.parametrize("answer_path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_page_through_the_spider(crawled_gold, answer_path):
    base_url, db = crawled_gold
    answer = json.loads(answer_path.read_text(encoding="utf-8"))
    rows = list(db.query("select * from documents where url = ?", [base_url + urlsplit(answer["url"]).path]))
    assert rows, f"{answer['input']} was not stored"
    expected = {k: v for k, v in answer["document"].items() if k not in NOT_STORED_AS_FIELDS}
    assert {k: rows[0][k] for k in expected} == expected
