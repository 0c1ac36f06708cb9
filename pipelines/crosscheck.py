"""Checks across a page and its attachments: the form's total score against the report's printed score."""

from __future__ import annotations

SCORE_TOLERANCE = 0.005


def _key(evaluation: dict, department: str | None) -> tuple[str | None, str | None]:
    subject = evaluation.get("subject") or (department if evaluation.get("subject_type") == "department" else None)
    if subject and subject.endswith("项目"):
        subject = subject[: -len("项目")]
    return evaluation.get("subject_type"), subject


def form_vs_report(report: list[dict], form: list[dict], department: str | None) -> list[dict]:
    """A `text_form_mismatch` issue for every subject whose score differs between the report text and the
    attached form (both values kept: neither is taken as the right one)."""
    printed = {_key(e, department): e for e in report if e.get("score") is not None}
    issues = []
    for evaluation in form:
        text = printed.get(_key(evaluation, department))
        if text is None or evaluation.get("score") is None:
            continue
        if abs(text["score"] - evaluation["score"]) > SCORE_TOLERANCE:
            subject_type, subject = _key(evaluation, department)
            issues.append(
                {
                    "rule": "text_form_mismatch",
                    "detail": f"{subject_type} {subject}: the report prints {text['score']:g}, "
                    f"the attached form {evaluation['score']:g}",
                    "expected": text["score"],
                    "observed": evaluation["score"],
                }
            )
    return issues


def with_department(evaluations: list[dict], department: str | None) -> list[dict]:
    """A department form rarely repeats the department's name: the page's department is its subject."""
    return [
        {**e, "subject": e.get("subject") or department} if e.get("subject_type") == "department" else e
        for e in evaluations
    ]
