"""Compare a `parse_attachment` result with an answer file in the gold-forms format
(shared/gold/forms/README.md): indicators by (project, 三级指标) on every answered field, projects by name
(a trailing 项目 ignored), evaluations by (subject_type, subject) on score and rating, figures by metric and
subject. Numbers agree within 0.01; texts after NFKC and whitespace removal. Answers written by the fixture
generator may also hold `goals` (compared by project) and `validation_rules` (the rules of the expected
`validation_issues`, as a multiset)."""

from __future__ import annotations

import unicodedata

TOLERANCE = 0.01


def text_key(value) -> str | None:
    if value is None:
        return None
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def project_key(name) -> str | None:
    key = text_key(name)
    return key[:-2] if key and key.endswith("项目") else key


def same(expected, observed) -> bool:
    if isinstance(expected, bool) or isinstance(observed, bool):
        return expected == observed
    if isinstance(expected, (int, float)) and isinstance(observed, (int, float)):
        return abs(expected - observed) <= TOLERANCE
    if isinstance(expected, str) or isinstance(observed, str):
        return text_key(expected) == text_key(observed)
    return expected == observed


def compare(answer: dict, result: dict) -> list[str]:
    """Every disagreement between the answer and the result, as readable lines."""
    problems = []
    if answer.get("form_kind") != result.get("form_kind"):
        problems.append(f"form_kind: expected {answer.get('form_kind')!r}, got {result.get('form_kind')!r}")
    for key, value in answer.get("document", {}).items():
        if not same(value, result["document"].get(key)):
            problems.append(f"document.{key}: expected {value!r}, got {result['document'].get(key)!r}")
    problems += _compare_rows(
        "indicator",
        answer.get("indicators", []),
        result["indicators"],
        lambda row: (project_key(row.get("project")), text_key(row["level3"])),
        None,
    )
    problems += _compare_rows(
        "project", answer.get("projects", []), result["projects"], lambda row: project_key(row["name"]), None
    )
    problems += _compare_rows(
        "evaluation",
        answer.get("evaluations", []),
        result["evaluations"],
        lambda row: (row["subject_type"], project_key(row["subject"])),
        ("score", "rating"),
    )
    department = project_key(answer.get("document", {}).get("department"))
    problems += _compare_figures(answer.get("figures", []), result["figures"], department)
    if "goals" in answer:
        problems += _compare_rows(
            "goal",
            answer["goals"],
            result["goals"],
            lambda row: project_key(row["project"]),
            ("expected_text", "actual_text"),
        )
    if "validation_rules" in answer:
        rules = sorted(issue["rule"] for issue in result["validation_issues"])
        if rules != sorted(answer["validation_rules"]):
            problems.append(f"validation rules: expected {sorted(answer['validation_rules'])}, got {rules}")
    return problems


def _compare_rows(kind: str, expected_rows: list[dict], observed_rows: list[dict], key, fields) -> list[str]:
    problems = []
    observed = {}
    for row in observed_rows:
        if key(row) in observed:
            problems.append(f"{kind} {key(row)}: extracted twice")
        observed[key(row)] = row
    expected_keys = {key(row) for row in expected_rows}
    for extra in set(observed) - expected_keys:
        problems.append(f"{kind} {extra}: extracted but not in the answer")
    for row in expected_rows:
        got = observed.get(key(row))
        if got is None:
            problems.append(f"{kind} {key(row)}: missing")
            continue
        for field in fields or row:
            if field in row and not same(row[field], got.get(field)):
                problems.append(f"{kind} {key(row)} {field}: expected {row[field]!r}, got {got.get(field)!r}")
    return problems


def _compare_figures(expected_rows: list[dict], observed_rows: list[dict], department: str | None) -> list[str]:
    """A figure answered without a subject may be extracted with none or with the department's name."""
    problems = []

    def subject(row):
        key = project_key(row.get("subject"))
        return None if key == department else key

    observed = {}
    for row in observed_rows:
        observed.setdefault((row["metric"], subject(row)), []).append(row)
    for row in expected_rows:
        matches = observed.pop((row["metric"], subject(row)), [])
        if len(matches) != 1:
            problems.append(f"figure {row['metric']} / {row.get('subject')}: found {len(matches)} times")
        elif not same(row["value"], matches[0]["value"]):
            problems.append(
                f"figure {row['metric']} / {row.get('subject')}: expected {row['value']!r}, got {matches[0]['value']!r}"
            )
    for (metric, subj), rows in observed.items():
        problems.append(f"figure {metric} / {subj}: extracted {len(rows)} times but not in the answer")
    return problems
