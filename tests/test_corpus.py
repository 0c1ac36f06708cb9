"""The pattern corpus (tests/corpus/NN-pattern/): pages we wrote after studying real reports, one folder per
layout or wording, each with its answer. The answers are well-formed, every extracted figure points at its
printed number, no listed distractor becomes a figure,
and the corpus stays above its accuracy floor."""

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from pipelines.extract import extract_page
from pipelines.figures.metrics import METRIC_UNITS

_ACCURACY = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy.py"
_spec = importlib.util.spec_from_file_location("figures_accuracy", _ACCURACY)
accuracy = sys.modules.setdefault("figures_accuracy", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(accuracy)

CORPUS = accuracy.CORPUS
PAGES = {page.name: page for page in accuracy.load_corpus()}
ANSWER_KEYS = {"input", "url", "encoding", "declared", "note", "pattern", "document", "figures"}
# The floor the whole corpus must stay above (figures, end to end through `extract_page`); issue 10's targets.
PRECISION_FLOOR, RECALL_FLOOR = 0.98, 0.95


def _result(name: str) -> dict:
    page = PAGES[name]
    return extract_page(page.data, page.url)


def test_the_corpus_covers_many_patterns():
    patterns = {page.pattern for page in PAGES.values()}
    assert len(PAGES) >= 60 and len(patterns) >= 8, (len(PAGES), sorted(patterns))


@pytest.mark.parametrize("folder", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_every_pattern_says_how_often_it_was_seen(folder):
    readme = (CORPUS / folder / "README.md").read_text(encoding="utf-8")
    assert re.search(r"Seen on:\s*\d+ real pages", readme), folder


@pytest.mark.parametrize("name", sorted(PAGES))
def test_answer_is_well_formed(name):
    page = PAGES[name]
    assert ANSWER_KEYS <= set(page.answer), ANSWER_KEYS - set(page.answer)
    assert page.answer["pattern"] == page.pattern == name.split("/")[0]
    for figure in page.answer["figures"] + page.answer.get("optional_figures", []):
        assert figure["metric"] in METRIC_UNITS, figure
    page.data.decode(page.answer["encoding"])  # the bytes really are in the stated charset


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_figure_points_at_its_printed_number(name):
    result = _result(name)
    body_text = result["document"]["body_text"]
    for figure in result["figures"]:
        printed = body_text[figure["span_start"] : figure["span_end"]]
        assert figure["value_text"] in printed and figure["source_text"] == printed, figure


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_distractor_becomes_a_figure(name):
    page, figures = PAGES[name], _result(name)["figures"]
    gold = page.answer["figures"] + page.answer.get("optional_figures", [])
    department = page.document["department"]
    for distractor in page.answer.get("distractors", []):
        for number in re.findall(r"\d[\d,]*(?:\.\d+)?", distractor):
            taken = [
                f
                for f in figures
                if f["value_text"] == number
                and distractor in f["source_text"]
                and not any(
                    g["metric"] == f["metric"]
                    and g.get("subject", department) == f["subject"]
                    and g["value"] == f["value"]
                    for g in gold
                )
            ]
            assert taken == [], distractor


def test_corpus_precision_and_recall():
    total = accuracy.Tally()
    for tally in accuracy.evaluate_pages(list(PAGES.values())).patterns.values():
        total.add(tally)
    assert total.precision >= PRECISION_FLOOR and total.recall >= RECALL_FLOOR, (total.precision, total.recall)


def test_document_fields_of_every_corpus_page():
    run = accuracy.evaluate_pages(list(PAGES.values()))
    total = accuracy.Tally()
    for tally in run.documents.values():
        total.add(tally)
    assert total.recall >= RECALL_FLOOR, total.recall


def test_answers_are_json_files_beside_their_pages():
    for answer_path in CORPUS.glob("*/*.json"):
        answer = json.loads(answer_path.read_text(encoding="utf-8"))
        assert (answer_path.parent / answer["input"]).is_file(), answer_path
