"""Datasette plugin: money as `4,419.00 元`, counts as integers, rates without float noise, in HTML cells.

JSON and CSV keep the stored numbers; the cell's `title` holds the stored value. In the pivoted views
(`department_year`, `sangong_by_department_year`) each number links to the fact behind it. The rules live in
`pipelines.display` (shared with the report page).
"""

from urllib.parse import urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

from pipelines.display import PIVOTED, cell_unit, format_value


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    unit = cell_unit(column, row, table)
    if unit is None:
        return None
    shown = f'<span class="number" title="{escape(value)}">{escape(format_value(value, unit))}</span>'
    metric = PIVOTED.get(table or "", {}).get(column)
    if metric:
        facts = (
            datasette.urls.table(database, "facts")
            + "?"
            + urlencode({"subject": row["department"], "fiscal_year": row["fiscal_year"], "metric": metric})
        )
        shown = f'<a href="{escape(facts)}">{shown}</a>'
    return Markup(shown)
