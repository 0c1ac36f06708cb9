"""SQL views that turn the long `facts` table into one row per department and fiscal year.

A department-year can be covered by several documents (budget, final accounts, self-evaluation report,
attachments), which may print different values for the same metric. `facts` (see `pipelines.facts`) has
already chosen one value per subject, year, metric and stage by a stated rule and says how many documents
printed it and whether they disagree. `department_year_metrics` takes the department-level facts, the
actual (决算/自评) stage before the budget stage, so each (department, year, metric) has one row; the pivoted
views read from it. Nothing here averages or adds printings of the same number.

Values are shown as stored numbers without float noise: money and rates rounded to the fen / 0.01, counts
and persons as integers.
"""

from __future__ import annotations

import sqlite_utils

# A fact's value as the views show it: counts and persons are integers, everything else two decimals.
CLEAN_VALUE = "case when {t}.unit in ('count', 'persons') then cast({t}.value as integer) else round({t}.value, 2) end"

DEPARTMENT_YEAR_METRICS_SQL = f"""
with department_facts as (
    select f.*, row_number() over (partition by f.subject, f.fiscal_year, f.metric
                                   order by f.stage = 'actual' desc) as pick
    from facts f
    where f.subject_type = 'department' and f.fiscal_year is not null
)
select k.department, k.fiscal_year, k.metric, {CLEAN_VALUE.format(t="k")} as value, k.unit, k.stage,
       k.id as fact_id, k.figure_id, k.document_id, k.published, k.region_code, r.name as region_name,
       d.portal_id, k.documents, k.figures, round(k.min_value, 2) as min_value,
       round(k.max_value, 2) as max_value, k.values_differ
from department_facts k
left join regions r on r.code = k.region_code
left join documents d on d.id = k.document_id
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
        f"max(case when m.metric = '{metric}' then m.value end) as {name}" for name, metric in columns
    )


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
