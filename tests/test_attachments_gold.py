"""Every gold form answer in shared/gold/forms/*.json against `parse_attachment` on its input file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipelines.attachments import parse_attachment

sys.path.insert(0, str(Path(__file__).parent))  # the answer comparer beside the tests, package or not
from attachments_answers import compare
from conftest import shared_dir

SHARED = shared_dir()
ANSWERS = sorted((SHARED / "gold" / "forms").glob("*.json"))


def test_gold_forms_are_present():
    assert ANSWERS, f"no gold form answers under {SHARED / 'gold' / 'forms'}"


@pytest.mark.parametrize("answer_path", ANSWERS, ids=[path.stem for path in ANSWERS])
def test_gold_form(answer_path: Path):
    answer = json.loads(answer_path.read_text(encoding="utf-8"))
    data = (answer_path.parent / answer["input"]).read_bytes()
    result = parse_attachment(data, answer["input"])
    assert result["parse_status"] == "ok", result["error"]
    assert compare(answer, result) == []
    assert result["validation_issues"] == []  # the gold forms add up


def test_gold_totals_match_the_readme():
    """README: 3 forms, 2 projects, 30 indicator rows, 3 evaluations, 11 figures (over the original three)."""
    results = [
        parse_attachment((SHARED / "gold" / "forms" / name).read_bytes(), name)
        for name in ("fd01.xlsx", "fd02.xlsx", "fd03.docx")
    ]
    counts = {
        key: sum(len(r[key]) for r in results) for key in ("forms", "projects", "indicators", "evaluations", "figures")
    }
    assert counts == {"forms": 3, "projects": 2, "indicators": 30, "evaluations": 3, "figures": 11}
