"""Figure extraction accuracy against the gold pages (../shared/gold beside the checkout: the seed and dev*.html).

A figure is right when metric, subject and value (within 0.01) match a gold figure; `optional_figures` are
neither required nor errors; a gold figure whose value is null passes when we emit null or nothing for it.
Prints precision and recall per metric family and overall, then project rows and evaluations.

    .venv/bin/python benchmarks/accuracy.py [--gold DIR] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.figures import extract_figures  # noqa: E402
from pipelines.figures.pipe_tables import find_pipe_tables  # noqa: E402
from pipelines.page import parse_document  # noqa: E402

# The project's shared notes sit beside the checkout; GOVREPORTS_SHARED points elsewhere.
GOLD = Path(os.environ.get("GOVREPORTS_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "gold"
TOLERANCE = 0.01
PROJECT_KEYS = ("carryover_start", "received", "spent", "carryover_end", "usage_rate_pct", "initial_budget",
                "full_year_budget", "executed", "execution_rate_pct", "score", "rating")


@dataclass
class GoldPage:
    name: str
    answer: dict
    body: object

    @property
    def document(self) -> dict:
        return self.answer["document"]


def load_pages(gold: Path = GOLD) -> list[GoldPage]:
    """Every gold page with its answer, parsed the way `extract` parses it."""
    pages = []
    for answer_path in sorted(gold.glob("*.json")):
        answer = json.loads(answer_path.read_text(encoding="utf-8"))
        if "input" not in answer:
            continue
        page = parse_document((gold / answer["input"]).read_bytes(), answer.get("url"))
        if not page.is_html and not page.body.tables:
            page.body.tables = find_pipe_tables(page.body.text)
        pages.append(GoldPage(answer_path.stem, answer, page.body))
    return pages


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(float(a) - float(b)) <= TOLERANCE


def _family(metric: str) -> str:
    return metric.split(".")[0] if "." in metric else "fees"


@dataclass
class Tally:
    true_positive: int = 0
    emitted: int = 0
    required: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.true_positive += other.true_positive
        self.emitted += other.emitted
        self.required += other.required
        self.found += other.found

    @property
    def precision(self) -> float:
        return self.true_positive / self.emitted if self.emitted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0


def score_figures(page: GoldPage, figures: list[dict]) -> dict[str, Tally]:
    """Tallies per metric family for one page."""
    department = page.document["department"]
    gold = [dict(g, subject=g.get("subject", department)) for g in page.answer["figures"]]
    optional = [dict(g, subject=g.get("subject", department)) for g in page.answer.get("optional_figures", [])]
    tallies: dict[str, Tally] = defaultdict(Tally)

    def same(g, f) -> bool:
        return g["metric"] == f["metric"] and g["subject"] == f["subject"] and _close(g["value"], f["value"])

    for g in gold:
        tally = tallies[_family(g["metric"])]
        if g["value"] is None:
            continue  # passes with null or nothing; emitting a value for it counts as an extra below
        tally.required += 1
        if any(same(g, f) for f in figures):
            tally.found += 1
        else:
            tally.misses.append(f"{page.name}: {g['metric']} {g['subject']} {g['value']}")
    for f in figures:
        if f["value"] is None and any(g["metric"] == f["metric"] and g["subject"] == f["subject"] for g in gold):
            continue
        tally = tallies[_family(f["metric"])]
        tally.emitted += 1
        if any(same(g, f) for g in gold) or any(same(o, f) for o in optional):
            tally.true_positive += 1
        else:
            tally.extras.append(f"{page.name}: {f['metric']} {f['subject']} {f['value']} ← {f['value_text']}")
    return tallies


def score_rows(gold_rows: list[dict], rows: list[dict], key: str, fields: tuple[str, ...]) -> Tally:
    """Rows match on their key; each printed gold field must agree."""
    tally = Tally(required=len(gold_rows), emitted=len(rows))
    for g in gold_rows:
        match = next((r for r in rows if r.get(key) == g.get(key) and
                      (key != "subject" or r.get("subject_type") == g.get("subject_type"))), None)
        if match is not None and all(_close(g[name], match.get(name)) for name in fields if name in g):
            tally.found += 1
            tally.true_positive += 1
        else:
            tally.misses.append(f"{g} → {match}")
    return tally


def evaluate(pages: list[GoldPage], verbose: bool = False) -> dict[str, Tally]:
    """Tallies per metric family, plus `dev pages`, `all pages`, `project rows` and `evaluations`."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for page in pages:
        result = extract_figures(page.body, page.document)
        for family, tally in score_figures(page, result["figures"]).items():
            for name in (family, "all pages", *(("dev pages",) if page.name.startswith("dev") else ())):
                tallies[name].add(tally)
            _report(verbose, [f"MISS  {line}" for line in tally.misses] + [f"EXTRA {line}" for line in tally.extras])
        rows = score_rows(page.answer.get("projects", []), result["projects"], "name", PROJECT_KEYS)
        scores = score_rows(page.answer.get("evaluations", []), result["evaluations"], "subject",
                            ("score", "rating", "rating_text", "max_score"))
        for name, tally in (("project rows", rows), ("evaluations", scores)):
            tallies[name].add(tally)
            _report(verbose, [f"ROW   {page.name}: {line}" for line in tally.misses])
    return tallies


def _report(verbose: bool, lines: list[str]) -> None:
    if verbose:
        for line in lines:
            print(line)


def pages_per_second(pages: list[GoldPage], rounds: int = 20) -> float:
    """Extraction speed on one core: CPU time, so other processes on the machine do not count."""
    started = time.process_time()
    for _ in range(rounds):
        for page in pages:
            extract_figures(page.body, page.document)
    return rounds * len(pages) / (time.process_time() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    pages = load_pages(args.gold)
    tallies = evaluate(pages, args.verbose)
    print(f"{'':<14}{'precision':>10}{'recall':>8}{'emitted':>9}{'required':>10}")
    summaries = ("dev pages", "all pages", "project rows", "evaluations")
    for name in sorted(n for n in tallies if n not in summaries) + list(summaries):
        tally = tallies[name]
        print(f"{name:<14}{tally.precision:>10.3f}{tally.recall:>8.3f}{tally.emitted:>9}{tally.required:>10}")
    print(f"{len(pages)} pages; extraction {pages_per_second(pages):.0f} pages/s on one core (CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
