"""Consistency checks (docs/design.md). A failure is a `validation_issues` row; no value is ever changed.

Tolerance is the printed precision: one unit of the last printed digit per summand (±0.01 per 2-decimal
万元 summand), ±0.05 percentage points for rates.
"""

from __future__ import annotations

from collections import defaultdict

from pipelines.figures.records import Figure
from pipelines.figures.tables import ProjectTotals
from pipelines.figures.units import MONEY_MULTIPLIERS

RATE_TOLERANCE = 0.05
_BANDS = (("优", 90.0), ("良", 80.0), ("中", 60.0), ("差", float("-inf")))
_SUMS = (
    ("revenue.total", ("revenue.carryover", "revenue.fiscal_appropriation", "revenue.other"), "收入构成"),
    (
        "budget.initial_basic",
        (
            "budget.initial_basic_personnel",
            "budget.initial_basic_goods_services",
            "budget.initial_basic_household_subsidy",
        ),
        "基本支出构成",
    ),
    ("budget.initial_total", ("budget.initial_basic", "budget.initial_project"), "年初预算 基本+项目"),
    ("expenditure.total", ("expenditure.basic", "expenditure.project"), "支出 基本+项目"),
    ("sangong.vehicle", ("sangong.vehicle_purchase", "sangong.vehicle_operation"), "公务用车 购置+运行"),
    ("sangong.reception", ("sangong.reception_domestic", "sangong.reception_foreign"), "公务接待 国内+外事"),
    ("staff.authorized_total", ("staff.authorized_admin", "staff.authorized_institution"), "编制 行政+事业"),
    ("staff.actual_total", ("staff.actual_admin", "staff.actual_institution"), "实有 行政+事业"),
)


def issue(rule: str, detail: str, expected, observed) -> dict:
    return {"rule": rule, "detail": detail, "expected": expected, "observed": observed}


def tolerance(figure: Figure) -> float:
    """One unit of the last printed digit (counts are exact)."""
    if figure.unit in ("count", "persons"):
        return 0.0
    if figure.unit != "yuan":
        return 10.0**-figure.decimals
    return 10.0**-figure.decimals * float(MONEY_MULTIPLIERS.get(figure.unit_text, 1))


def _value(figure: Figure) -> float:
    """The value of a figure known to have one (`_Values` keeps only those)."""
    if figure.value is None:
        raise ValueError(f"{figure.metric} at {figure.span_start} has no value")
    return figure.value


class _Values:
    """Department-level figures by metric (several readings possible)."""

    def __init__(self, figures: list[Figure], department: str):
        self.by_metric: dict[str, list[Figure]] = defaultdict(list)
        for figure in figures:
            if figure.subject == department and figure.value is not None:
                self.by_metric[figure.metric].append(figure)

    def all(self, metric: str) -> list[Figure]:
        return self.by_metric.get(metric, [])

    def first(self, metric: str) -> Figure | None:
        found = self.all(metric)
        return found[0] if found else None


def run_checks(
    figures: list[Figure],
    evaluations: list[dict],
    projects: list[dict],
    totals: list[ProjectTotals],
    department: str,
    report_type: str,
) -> list[dict]:
    values = _Values(figures, department)
    issues: list[dict] = []
    issues += _sum_checks(values)
    issues += _sangong_total(values)
    issues += _balance(values, report_type)
    issues += _project_totals(totals)
    issues += _project_rates(projects, totals)
    issues += _text_rates(figures, values, totals, department)
    issues += _ratings(evaluations, projects)
    issues += _counts(values)
    issues += _text_vs_table(figures)
    return issues


def _spans(figures: list[Figure]) -> str:
    return "; ".join(f"{f.metric}={f.value_text}{f.unit_text} @{f.span_start}-{f.span_end}" for f in figures)


def _sum_checks(values: _Values) -> list[dict]:
    issues = []
    for total_metric, part_metrics, name in _SUMS:
        totals = values.all(total_metric)
        parts = [values.first(metric) for metric in part_metrics]
        present = [part for part in parts if part is not None]
        if not totals or len(present) < 2:
            continue
        issues += _compare_sum(totals, present, len(present) == len(parts), name)
    return issues


def _compare_sum(totals: list[Figure], parts: list[Figure], complete: bool, name: str) -> list[dict]:
    """Flag when no reading of the total equals the parts (or, with parts missing, is below them)."""
    computed = sum(_value(part) for part in parts)
    allowed = sum(tolerance(part) for part in parts) + max(tolerance(total) for total in totals)
    if any(abs(_value(total) - computed) <= allowed for total in totals):
        return []
    if not complete and all(computed <= _value(total) + allowed for total in totals):
        return []
    observed = totals[0]
    return [
        issue(
            "sum_mismatch",
            f"{name}: {_spans(parts)} sum to {computed:.2f}, printed total {_spans(totals)}",
            round(computed, 2),
            observed.value,
        )
    ]


def _sangong_total(values: _Values) -> list[dict]:
    """因公出国 + 公务用车 (or 购置 + 运行) + 公务接待 = “三公” total."""
    totals = values.all("sangong.total")
    vehicle = values.first("sangong.vehicle")
    vehicle_parts = [values.first("sangong.vehicle_purchase"), values.first("sangong.vehicle_operation")]
    items = [values.first("sangong.outbound"), values.first("sangong.reception")]
    items += [vehicle] if vehicle is not None else vehicle_parts
    present = [item for item in items if item is not None]
    if not totals or len(present) < 2:
        return []
    complete = (
        values.first("sangong.outbound") is not None
        and values.first("sangong.reception") is not None
        and (vehicle is not None or any(part is not None for part in vehicle_parts))
    )
    return _compare_sum(totals, present, complete, "“三公”经费 items")


def _balance(values: _Values, report_type: str) -> list[dict]:
    """Spending above revenue (grand totals first, else 本年 totals); unequal 决算 grand totals."""
    for reading in ("grand", "current"):
        revenue = [f for f in values.all("revenue.total") if f.reading == reading]
        spending = [f for f in values.all("expenditure.total") if f.reading == reading]
        if not (revenue and spending):
            continue
        r, s = revenue[0], spending[0]
        allowed = tolerance(r) + tolerance(s)
        if _value(s) > _value(r) + allowed:
            return [issue("balance", f"expenditure {_spans([s])} exceeds revenue {_spans([r])}", r.value, s.value)]
        if report_type == "final_accounts" and reading == "grand" and abs(_value(s) - _value(r)) > allowed:
            return [issue("balance", f"决算 totals differ: {_spans([r, s])}", r.value, s.value)]
        return []
    return []


def _project_totals(totals: list[ProjectTotals]) -> list[dict]:
    issues = []
    for table in totals:
        for name in table.fields:
            printed = table.total.get(name)
            cells = [row[name] for row in table.rows if row.get(name) is not None]
            if printed is None or not cells or name not in table.tolerance:
                continue
            computed = sum(cells)
            if abs(computed - printed) > table.tolerance[name] * len(cells):
                issues.append(
                    issue(
                        "sum_mismatch",
                        f"table {table.table + 1} {name}: project rows sum to "
                        f"{computed:.2f}, 合计 row prints {printed:.2f} ({table.source_text})",
                        round(computed, 2),
                        printed,
                    )
                )
    return issues


def _usage_rate(row: dict) -> float | None:
    base = (row.get("carryover_start") or 0.0) + (row.get("received") or 0.0)
    return 100.0 * row["spent"] / base if row.get("spent") is not None and base else None


def _execution_rate(row: dict) -> float | None:
    if row.get("executed") is None or not row.get("full_year_budget"):
        return None
    return 100.0 * row["executed"] / row["full_year_budget"]


def _project_rates(projects: list[dict], totals: list[ProjectTotals]) -> list[dict]:
    issues = []
    rows = [(row.get("name"), row) for row in projects] + [(f"合计 (table {t.table + 1})", t.total) for t in totals]
    for name, row in rows:
        for field, computed in (("usage_rate_pct", _usage_rate(row)), ("execution_rate_pct", _execution_rate(row))):
            printed = row.get(field)
            if printed is not None and computed is not None and abs(printed - computed) > RATE_TOLERANCE:
                issues.append(
                    issue(
                        "rate_mismatch",
                        f"{name}: printed {field} {printed}% but the row's amounts give {computed:.2f}%",
                        round(computed, 2),
                        printed,
                    )
                )
    return issues


def _text_rates(figures: list[Figure], values: _Values, totals: list[ProjectTotals], department: str) -> list[dict]:
    """Printed rates in the text against the amounts they are a ratio of."""
    issues = []
    progress = values.first("expenditure.payment_progress_pct")
    spent, budget = values.first("expenditure.total"), values.first("budget.adjusted_total")
    if progress and spent and budget and budget.value:
        computed = 100.0 * _value(spent) / _value(budget)
        if abs(computed - _value(progress)) > RATE_TOLERANCE:
            issues.append(
                issue(
                    "rate_mismatch",
                    f"支付进度 {_spans([progress])} vs {_spans([spent, budget])} = {computed:.2f}%",
                    round(computed, 2),
                    progress.value,
                )
            )
    by_subject: dict[str, dict[str, Figure]] = defaultdict(dict)
    for figure in figures:
        by_subject[figure.subject].setdefault(figure.metric, figure)
    for subject, metrics in by_subject.items():
        rate = metrics.get("projects.execution_rate_pct")
        if rate is None or rate.value is None:
            continue
        if subject == department:
            issues += _rate_against(rate, {}, totals)
        else:
            issues += _rate_against(rate, metrics, [])
    return issues


def _rate_against(rate: Figure, metrics: dict[str, Figure], totals: list[ProjectTotals]) -> list[dict]:
    """A project's printed execution rate against its printed spent ÷ adjusted budget; the department's
    overall rate against the project table's 合计 row (never against the whole department budget)."""
    candidates = []
    spent, adjusted, initial = (
        metrics.get(m) for m in ("projects.spent", "budget.adjusted_total", "budget.initial_project")
    )
    if spent and spent.value is not None and adjusted and adjusted.value:  # a blank cell is no amount
        candidates.append(
            (
                100.0 * spent.value / adjusted.value,
                f"{_spans([spent, adjusted])}",
                initial and initial.value and 100.0 * spent.value / initial.value,
            )
        )
    for table in totals:
        row = table.total
        executed = _execution_rate(row)
        if executed is not None:
            initial_rate = 100.0 * row["executed"] / row["initial_budget"] if row.get("initial_budget") else None
            candidates.append((executed, f"table {table.table + 1} 合计 全年执行数/全年预算数", initial_rate))
        elif (usage := _usage_rate(row)) is not None:
            candidates.append((usage, f"table {table.table + 1} 合计 已使用/(结转+到位)", None))
    issues = []
    for computed, source, alternative in candidates:
        if abs(computed - _value(rate)) > RATE_TOLERANCE:
            note = f" (against the 年初预算 it is {alternative:.2f}%)" if alternative else ""
            issues.append(
                issue(
                    "rate_mismatch",
                    f"{rate.subject}: printed 执行率 {_spans([rate])} but {source} = {computed:.2f}%{note}",
                    round(computed, 2),
                    rate.value,
                )
            )
    return issues


def score_band(score: float) -> str:
    return next(grade for grade, floor in _BANDS if score >= floor)


def _ratings(evaluations: list[dict], projects: list[dict]) -> list[dict]:
    issues = []
    rows = [(e["subject"], e.get("score"), e.get("rating"), e.get("max_score")) for e in evaluations]
    for subject, score, rating, max_score in rows:
        if score is not None and rating and score_band(score) != rating:
            issues.append(
                issue(
                    "rating_score_mismatch",
                    f"{subject}: score {score} is {score_band(score)} under the central scheme, printed grade {rating}",
                    score_band(score),
                    rating,
                )
            )
        if score is not None and max_score is not None and score > max_score:
            issues.append(
                issue("score_sum_mismatch", f"{subject}: score {score} above max {max_score}", max_score, score)
            )
    return issues


def _counts(values: _Values) -> list[dict]:
    issues = []
    for groups, persons in (
        ("sangong.outbound_groups", "sangong.outbound_persons"),
        ("sangong.reception_batches", "sangong.reception_persons"),
        ("sangong.reception_foreign_batches", "sangong.reception_foreign_persons"),
    ):
        g, p = values.first(groups), values.first(persons)
        if g is None or p is None:
            continue
        if (_value(g) == 0 and _value(p) > 0) or _value(g) > _value(p):
            issues.append(issue("count_contradiction", f"{_spans([g, p])}", g.value, p.value))
    return issues


def _text_vs_table(figures: list[Figure]) -> list[dict]:
    """The same metric printed in the text and in a table with different values (or a table blank)."""
    issues = []
    grouped: dict[tuple, list[Figure]] = defaultdict(list)
    for figure in figures:
        grouped[(figure.metric, figure.subject, figure.fiscal_year, figure.reading)].append(figure)
    for (metric, *_), found in grouped.items():
        text = [f for f in found if f.origin == "text" and f.value is not None]
        for table in (f for f in found if f.origin == "table"):
            if not text:
                continue
            if table.value is None or all(abs(table.value - _value(f)) > tolerance(f) + tolerance(table) for f in text):
                issues.append(
                    issue(
                        "text_table_mismatch",
                        f"{metric}: {_spans(text)} vs {_spans([table])} ({table.locator})",
                        text[0].value,
                        table.value,
                    )
                )
    return issues
