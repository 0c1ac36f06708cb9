"""Extraction accuracy against answered pages: the shared gold pages (../shared/gold beside the checkout: the
seed and dev*.html) and the pattern corpus (tests/corpus/NN-pattern/, pages we wrote after studying real
reports, one folder per layout or wording; see its README).

Every page goes through `extract_page`, as `govreports extract` runs it: the document fields are extracted,
not taken from the answer. A figure is right when metric, subject, fiscal year and value (within 0.01) match an
answered figure; `optional_figures` are neither required nor errors; an answered figure whose value is null
passes when we emit null or nothing for it. Prints precision and recall per metric family, per pattern, the
document fields per pattern, then project rows and evaluations.

    .venv/bin/python benchmarks/accuracy.py [--gold DIR] [--corpus DIR] [--only gold|corpus] [--verbose]
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

from pipelines.extract import extract_page
from pipelines.figures import extract_figures
from pipelines.figures.page_forms import PROJECT_FIELDS
from pipelines.page import parse_document

# The project's shared notes sit beside the checkout; GOVREPORTS_SHARED points elsewhere.
GOLD = Path(os.environ.get("GOVREPORTS_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "gold"
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
TOLERANCE = 0.01
PROJECT_KEYS = PROJECT_FIELDS  # the money and score fields a project row carries
EVALUATION_KEYS = ("score", "rating", "rating_text", "max_score")
DOCUMENT_KEYS = (
    "index_no",
    "publisher",
    "doc_no",
    "published",
    "validity",
    "title",
    "department",
    "fiscal_year",
    "report_type",
    "region_code",
)
SUMMARIES = ("dev pages", "all pages", "project rows", "evaluations")


@dataclass
class GoldPage:
    name: str  # `dev03`, `seed`, or `02-sangong-tables/sangong-3` for a corpus page
    answer: dict
    body: object
    data: bytes = b""
    pattern: str = "gold"  # the corpus folder, or `gold` for the shared pages

    @property
    def document(self) -> dict:
        return self.answer["document"]

    @property
    def url(self) -> str | None:
        return self.answer.get("url")


def load_pages(gold: Path = GOLD) -> list[GoldPage]:
    """Every gold page with its answer, parsed the way `extract` parses it."""
    return [_load(path, path.stem, "gold") for path in sorted(gold.glob("*.json")) if _answers_a_page(path)]


def load_corpus(corpus: Path = CORPUS) -> list[GoldPage]:
    """Every answered page of the pattern corpus; its folder is its pattern."""
    return [
        _load(path, f"{path.parent.name}/{path.stem}", path.parent.name)
        for path in sorted(corpus.glob("*/*.json"))
        if _answers_a_page(path)
    ]


def _answers_a_page(path: Path) -> bool:
    return "input" in json.loads(path.read_text(encoding="utf-8"))


def _load(answer_path: Path, name: str, pattern: str) -> GoldPage:
    answer = json.loads(answer_path.read_text(encoding="utf-8"))
    data = (answer_path.parent / answer["input"]).read_bytes()
    page = parse_document(data, answer.get("url"))
    return GoldPage(name, answer, page.body, data, answer.get("pattern", pattern))


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
    department, year = page.document["department"], page.document.get("fiscal_year")

    def answered(g: dict) -> dict:
        return dict(g, subject=g.get("subject", department), fiscal_year=g.get("fiscal_year") or year)

    gold = [answered(g) for g in page.answer["figures"]]
    optional = [answered(g) for g in page.answer.get("optional_figures", [])]
    tallies: dict[str, Tally] = defaultdict(Tally)

    def same(g, f) -> bool:  # a page that names no department: its figures' subject is empty
        return (
            g["metric"] == f["metric"]
            and (g["subject"] or "") == (f["subject"] or "")
            and _close(g["value"], f["value"])
            and g["fiscal_year"] == (f.get("fiscal_year") or year)
        )

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
    """Rows match on their key (an unnamed subject is None or '', as in `score_document`); each printed gold
    field must agree."""
    tally = Tally(required=len(gold_rows), emitted=len(rows))
    for g in gold_rows:
        match = next(
            (
                r
                for r in rows
                if (r.get(key) or None) == (g.get(key) or None)  # unnamed: None or ''
                and (key != "subject" or r.get("subject_type") == g.get("subject_type"))
            ),
            None,
        )
        if match is not None and all(_close(g[name], match.get(name)) for name in fields if name in g):
            tally.found += 1
            tally.true_positive += 1
        else:
            tally.misses.append(f"{g} → {match}")
    return tally


def score_document(page: GoldPage, document: dict) -> Tally:
    """One per answered document field; a field is found when the extracted value equals the answer."""
    tally = Tally()
    for key in DOCUMENT_KEYS:
        if key not in page.document:
            continue
        tally.required += 1
        tally.emitted += 1
        if (document.get(key) or None) == (page.document[key] or None):  # no title: None or ''
            tally.found += 1
            tally.true_positive += 1
        else:
            tally.misses.append(f"{page.name}: {key} {page.document[key]!r} ← {document.get(key)!r}")
    return tally


@dataclass
class Evaluation:
    """The tallies of a run: per metric family, per pattern, document fields per pattern, and summaries."""

    families: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    patterns: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    documents: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))


def evaluate(pages: list[GoldPage], verbose: bool = False, *, end_to_end: bool = False) -> dict[str, Tally]:
    """Tallies per metric family, plus `dev pages`, `all pages`, `project rows` and `evaluations`.
    By default figures are extracted given the answered document (the figure extractor alone)."""
    return evaluate_pages(pages, verbose, end_to_end=end_to_end).families


def evaluate_pages(pages: list[GoldPage], verbose: bool = False, *, end_to_end: bool = True) -> Evaluation:
    run = Evaluation()
    for page in pages:
        if end_to_end:
            result = extract_page(page.data, page.url)
            run.documents[page.pattern].add(documented := score_document(page, result["document"]))
            _report(verbose, [f"DOC   {line}" for line in documented.misses])
        else:
            result = extract_figures(page.body, page.document)
        for family, tally in score_figures(page, result["figures"]).items():
            for name in (family, "all pages", *(("dev pages",) if page.name.startswith("dev") else ())):
                run.families[name].add(tally)
            run.patterns[page.pattern].add(tally)
            _report(verbose, [f"MISS  {line}" for line in tally.misses] + [f"EXTRA {line}" for line in tally.extras])
        rows = score_rows(page.answer.get("projects", []), result["projects"], "name", PROJECT_KEYS)
        scores = score_rows(page.answer.get("evaluations", []), result["evaluations"], "subject", EVALUATION_KEYS)
        for name, tally in (("project rows", rows), ("evaluations", scores)):
            run.families[name].add(tally)
            _report(verbose, [f"ROW   {page.name}: {line}" for line in tally.misses])
    return run


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


def _print_table(title: str, tallies: dict[str, Tally], order: list[str]) -> None:
    print(f"\n{title:<34}{'precision':>10}{'recall':>8}{'emitted':>9}{'required':>10}")
    for name in order:
        tally = tallies[name]
        print(f"{name:<34}{tally.precision:>10.3f}{tally.recall:>8.3f}{tally.emitted:>9}{tally.required:>10}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", choices=("gold", "corpus"), help="score one set of pages")
    parser.add_argument("--pattern", help="only the corpus folders whose name contains this")
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    gold = load_pages(args.gold) if args.only != "corpus" else []
    corpus = load_corpus(args.corpus) if args.only != "gold" else []
    if args.pattern:
        corpus = [page for page in corpus if args.pattern in page.pattern]
    run = evaluate_pages(gold + corpus, args.verbose)
    families = sorted(n for n in run.families if n not in SUMMARIES)
    _print_table("figures per metric family", run.families, families + list(SUMMARIES))
    _print_table("figures per pattern", run.patterns, sorted(run.patterns))
    _print_table("document fields per pattern", run.documents, sorted(run.documents))
    corpus_total = Tally()
    for name, tally in run.patterns.items():
        if name != "gold":
            corpus_total.add(tally)
    print(
        f"\ncorpus: {len(corpus)} pages, figures precision {corpus_total.precision:.3f} "
        f"recall {corpus_total.recall:.3f}"
    )
    if gold:
        print(f"gold: {len(gold)} pages; extraction {pages_per_second(gold):.0f} pages/s on one core (CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
