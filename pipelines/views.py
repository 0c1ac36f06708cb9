"""SQL views that turn the long `figures` table into one row per department and fiscal year.

A department-year can be covered by several documents (budget, final accounts, self-evaluation report,
attachments), which may print different values for the same metric. The views never average or add them:
`department_year_metrics` picks one figure per department, year and metric — the non-null value from the
most recently published document — and says how many figures competed and whether their values differ, so
the disagreement stays visible (`conflicting_metrics`). The pivoted views read from it.

Only department-level figures are used: a figure's `subject` is the department unless it names a project.
A figure's own `fiscal_year` wins over its document's (a 2022 report may print the 2023 budget).
"""
from __future__ import annotations

import sqlite_utils

DEPARTMENT_YEAR_METRICS_SQL = """
with department_figures as (
    select d.department, cast(coalesce(f.fiscal_year, d.fiscal_year) as integer) as fiscal_year,
           f.metric, f.value,
           f.unit, f.id as figure_id, f.document_id, d.published, d.region_code, d.portal_id
    from figures f join documents d on d.id = f.document_id
    where d.department is not null
      and coalesce(f.subject, d.department) = d.department
      and coalesce(f.fiscal_year, d.fiscal_year) is not null
),
ranked as (
    select *,
           row_number() over (partition by department, fiscal_year, metric
                              order by value is null, published desc, figure_id desc) as pick,
           count(*) over (partition by department, fiscal_year, metric) as figures,
           min(value) over (partition by department, fiscal_year, metric) as min_value,
           max(value) over (partition by department, fiscal_year, metric) as max_value
    from department_figures
)
select k.department, k.fiscal_year, k.metric, k.value, k.unit, k.figure_id, k.document_id, k.published,
       k.region_code, r.name as region_name, k.portal_id, k.figures, k.min_value, k.max_value,
       k.min_value <> k.max_value as values_differ
from ranked k
left join regions r on r.code = k.region_code
where k.pick = 1
"""

# (view column, metric key) pairs pivoted into `department_year`.
DEPARTMENT_YEAR_COLUMNS = [
    ("budget_initial_total", "budget.initial_total"),
    ("budget_adjusted_total", "budget.adjusted_total"),
    ("revenue_total", "revenue.total"),
    ("expenditure_total", "expenditure.total"),
    ("expenditure_basic", "expenditure.basic"),
    ("expenditure_project", "expenditure.project"),
    ("payment_progress_pct", "expenditure.payment_progress_pct"),
    ("sangong_total", "sangong.total"),
    ("sangong_outbound", "sangong.outbound"),
    ("sangong_vehicle", "sangong.vehicle"),
    ("sangong_vehicle_purchase", "sangong.vehicle_purchase"),
    ("sangong_vehicle_operation", "sangong.vehicle_operation"),
    ("sangong_reception", "sangong.reception"),
    ("meeting_fee", "meeting_fee"),
    ("training_fee", "training_fee"),
    ("staff_authorized_total", "staff.authorized_total"),
    ("staff_actual_total", "staff.actual_total"),
]

# (view column, metric key) pairs pivoted into `sangong_by_department_year`: money in yuan, then counts.
SANGONG_COLUMNS = [
    ("sangong_total", "sangong.total"),
    ("outbound", "sangong.outbound"),
    ("outbound_groups", "sangong.outbound_groups"),
    ("outbound_persons", "sangong.outbound_persons"),
    ("vehicle", "sangong.vehicle"),
    ("vehicle_purchase", "sangong.vehicle_purchase"),
    ("vehicle_operation", "sangong.vehicle_operation"),
    ("vehicles_purchased", "sangong.vehicles_purchased"),
    ("vehicles_held", "sangong.vehicles_held"),
    ("reception", "sangong.reception"),
    ("reception_domestic", "sangong.reception_domestic"),
    ("reception_foreign", "sangong.reception_foreign"),
    ("reception_batches", "sangong.reception_batches"),
    ("reception_persons", "sangong.reception_persons"),
    ("reception_foreign_batches", "sangong.reception_foreign_batches"),
    ("reception_foreign_persons", "sangong.reception_foreign_persons"),
]


def _pivot(columns: list[tuple[str, str]]) -> str:
    """`max(case …)` select items: exact, since the metrics view has one row per metric and key."""
    return ",\n       ".join(
        f"max(case when m.metric = '{metric}' then m.value end) as {name}" for name, metric in columns)


def _department_year_sql() -> str:
    return f"""
with document_years as (
    select department, fiscal_year, max(region_code) as region_code, max(portal_id) as portal_id,
           count(*) as documents, group_concat(distinct report_type) as report_types
    from documents
    where department is not null and fiscal_year is not null
    group by department, fiscal_year
),
metric_years as (
    select m.department, m.fiscal_year, max(m.region_code) as region_code, max(m.portal_id) as portal_id,
           {_pivot(DEPARTMENT_YEAR_COLUMNS)},
           group_concat(case when m.values_differ then m.metric end) as conflicting_metrics
    from department_year_metrics m
    group by m.department, m.fiscal_year
),
keys as (
    select department, fiscal_year from document_years
    union
    select department, fiscal_year from metric_years
)
select k.department, k.fiscal_year,
       coalesce(y.region_code, m.region_code) as region_code, r.name as region_name,
       coalesce(y.portal_id, m.portal_id) as portal_id,
       coalesce(y.documents, 0) as documents, y.report_types,
       {", ".join(f"m.{name}" for name, _ in DEPARTMENT_YEAR_COLUMNS)},
       s.score, s.max_score, s.rating, s.rating_text, m.conflicting_metrics
from keys k
left join document_years y on y.department = k.department and y.fiscal_year = k.fiscal_year
left join metric_years m on m.department = k.department and m.fiscal_year = k.fiscal_year
left join department_scores s on s.department = k.department and s.fiscal_year = k.fiscal_year
left join regions r on r.code = coalesce(y.region_code, m.region_code)
"""


# One department score per department and year: the newest document's, a printed score before a bare grade.
DEPARTMENT_SCORES_SQL = """
select department, fiscal_year, region_code, region_name, score, max_score, rating, rating_text, document_id
from (
    select d.department, d.fiscal_year, d.region_code, r.name as region_name, e.score, e.max_score, e.rating,
           e.rating_text, d.id as document_id,
           row_number() over (partition by d.department, d.fiscal_year
                              order by e.score is null, d.published desc, e.id desc) as pick
    from evaluations e join documents d on d.id = e.document_id
    left join regions r on r.code = d.region_code
    where e.subject_type = 'department' and d.department is not null and d.fiscal_year is not null
)
where pick = 1
"""


def _sangong_sql() -> str:
    return f"""
with sangong as (
    select m.department, m.fiscal_year, max(m.region_code) as region_code, max(m.portal_id) as portal_id,
           {_pivot(SANGONG_COLUMNS)},
           count(*) as items_reported,
           group_concat(case when m.values_differ then m.metric end) as conflicting_metrics
    from department_year_metrics m
    where m.metric like 'sangong.%'
    group by m.department, m.fiscal_year
)
select s.department, s.fiscal_year, s.region_code, r.name as region_name, s.portal_id,
       {", ".join(f"s.{name}" for name, _ in SANGONG_COLUMNS)},
       s.items_reported, s.conflicting_metrics
from sangong s
left join regions r on r.code = s.region_code
"""


def view_definitions() -> dict[str, str]:
    """View name → SELECT, in creation order (a view only reads views listed before it)."""
    return {
        "department_year_metrics": DEPARTMENT_YEAR_METRICS_SQL,
        "department_scores": DEPARTMENT_SCORES_SQL,
        "department_year": _department_year_sql(),
        "sangong_by_department_year": _sangong_sql(),
    }


def create_views(db: sqlite_utils.Database) -> None:
    """Create or replace the project's views; safe on an empty database and on every schema check."""
    for name, sql in view_definitions().items():
        db.create_view(name, sql.strip(), replace=True)
