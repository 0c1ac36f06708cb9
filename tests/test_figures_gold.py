"""The gold pages (../shared/gold): the seed exactly, the dev pages above the precision/recall targets,
provenance for every figure, the expected validation issues and no distractor taken."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from pipelines.figures import extract_figures

_ACCURACY = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy.py"
_spec = importlib.util.spec_from_file_location("figures_accuracy", _ACCURACY)
accuracy = sys.modules.setdefault("figures_accuracy", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(accuracy)

PAGES = {page.name: page for page in accuracy.load_pages()}
RESULTS = {name: extract_figures(page.body, page.document) for name, page in PAGES.items()}
# The rule each page's `expected_validation_issues` describes.
EXPECTED_RULES = {
    "seed": ["balance"],
    "dev03": ["rate_mismatch"],
    "dev06": ["sum_mismatch"],
    "dev07": ["balance"],
    "dev08": ["sum_mismatch"],
}


def test_seed_every_figure_project_and_evaluation():
    page, result = PAGES["seed"], RESULTS["seed"]
    tallies = accuracy.score_figures(page, result["figures"])
    assert [m for t in tallies.values() for m in t.misses] == []
    assert [e for t in tallies.values() for e in t.extras] == []
    assert accuracy.score_rows(page.answer["projects"], result["projects"], "name", accuracy.PROJECT_KEYS).misses == []
    evaluations = accuracy.score_rows(page.answer["evaluations"], result["evaluations"], "subject", ("score", "rating"))
    assert evaluations.misses == [] and len(result["evaluations"]) == len(page.answer["evaluations"])


def test_seed_basic_expenditure_takes_its_unit_from_the_sentence():
    (basic,) = [f for f in RESULTS["seed"]["figures"] if f["metric"] == "budget.initial_basic"]
    assert (basic["value"], basic["value_text"], basic["unit_text"], basic["unit_basis"]) == (
        4049600.0,
        "404.96",
        "万元",
        "sentence",
    )


def test_dev_pages_precision_and_recall():
    total = accuracy.Tally()
    for name, page in PAGES.items():
        if name.startswith("dev"):
            for tally in accuracy.score_figures(page, RESULTS[name]["figures"]).values():
                total.add(tally)
    assert total.precision >= 0.98 and total.recall >= 0.95, (total.precision, total.recall)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_projects_and_evaluations(name):
    page, result = PAGES[name], RESULTS[name]
    rows = accuracy.score_rows(page.answer.get("projects", []), result["projects"], "name", accuracy.PROJECT_KEYS)
    assert rows.misses == [] and len(result["projects"]) == len(page.answer.get("projects", []))
    evaluations = accuracy.score_rows(
        page.answer.get("evaluations", []),
        result["evaluations"],
        "subject",
        ("score", "rating", "rating_text", "max_score"),
    )
    assert evaluations.misses == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_figure_points_at_its_printed_number(name):
    body_text = PAGES[name].body.text
    for figure in RESULTS[name]["figures"]:
        assert figure["value_text"] in body_text[figure["span_start"] : figure["span_end"]], figure
        assert figure["source_text"] == body_text[figure["span_start"] : figure["span_end"]]
        assert figure["unit_basis"] in ("inline", "sentence", "table_header", "sheet", "inferred")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_expected_validation_issues(name):
    assert [issue["rule"] for issue in RESULTS[name]["validation_issues"]] == EXPECTED_RULES.get(name, [])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_distractor_becomes_a_figure(name):
    for distractor in PAGES[name].answer.get("distractors", []):
        for number in re.findall(r"\d[\d,]*(?:\.\d+)?", distractor):
            taken = [
                f
                for f in RESULTS[name]["figures"]
                if f["value_text"] == number
                and distractor in f["source_text"]
                and not _also_a_gold_figure(PAGES[name], f)
            ]
            assert taken == [], distractor


def _also_a_gold_figure(page, figure) -> bool:
    department = page.document["department"]
    gold = page.answer["figures"] + page.answer.get("optional_figures", [])
    return any(
        g["metric"] == figure["metric"]
        and g.get("subject", department) == figure["subject"]
        and g["value"] == figure["value"]
        for g in gold
    )
