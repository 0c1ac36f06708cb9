"""How the site shows numbers: money with thousands separators and fen, counts as integers, rates as printed.

Stored values stay plain numbers (JSON and CSV are unchanged); only HTML cells are formatted, by the
`number_format` Datasette plugin and the report page template. Which columns hold money is derived from the
metric catalogue, so a new yuan metric pivoted into a view is formatted without another list to update.
"""

from __future__ import annotations

from pipelines.figures.metrics import METRICS
from pipelines.schema import yuan_columns
from pipelines.views import DEPARTMENT_YEAR_COLUMNS, SANGONG_COLUMNS

UNIT_OF_METRIC = {key: unit for key, _, unit, _ in METRICS}
# Columns whose unit comes from the row's own `unit` column (figures, facts and the views over them).
UNIT_COLUMN_VALUES = {"value", "min_value", "max_value", "previous_value", "change"}
# Columns that always hold yuan: pivoted yuan metrics, project money, canned-query aliases of them.
MONEY_COLUMNS = (
    {name for name, metric in DEPARTMENT_YEAR_COLUMNS + SANGONG_COLUMNS if UNIT_OF_METRIC.get(metric) == "yuan"}
    | yuan_columns("projects")
    | {"reception"}
)
# Pivoted views: view → column → metric, so a cell can link to the facts behind it.
PIVOTED = {"department_year": dict(DEPARTMENT_YEAR_COLUMNS), "sangong_by_department_year": dict(SANGONG_COLUMNS)}
UNIT_SUFFIX = {"yuan": " 元", "percent": "%", "count": "", "persons": " 人"}


def format_value(value, unit: str | None) -> str | None:
    """`4419.0, 'yuan'` → `4,419.00 元`; `29.0, 'count'` → `29`; `98.61, 'percent'` → `98.61%`."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if unit == "yuan":
        text = f"{value:,.2f}"
    elif unit in ("count", "persons") and float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{round(value, 2):,}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text + UNIT_SUFFIX.get(unit or "", "")


def cell_unit(column: str, row, table: str | None = None) -> str | None:
    """The unit of a cell, or None when the column is not a formatted number."""
    metric = PIVOTED.get(table or "", {}).get(column)
    if metric:
        return UNIT_OF_METRIC.get(metric)
    if column in UNIT_COLUMN_VALUES:
        try:
            return row["unit"]
        except (IndexError, KeyError):
            return None
    return "yuan" if column in MONEY_COLUMNS else None
