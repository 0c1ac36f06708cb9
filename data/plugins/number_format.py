"""Datasette plugin: money as `4,419.00 元`, counts as integers, rates without float noise, in HTML cells.

JSON and CSV keep the stored numbers; the cell's `title` holds the stored value. The rules live in
`pipelines.display` (shared with the report page).
"""
from datasette import hookimpl
from markupsafe import Markup, escape

from pipelines.display import cell_unit, format_value


@hookimpl
def render_cell(row, value, column):
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    text = format_value(value, cell_unit(column, row))
    if text is None or cell_unit(column, row) is None:
        return None
    return Markup(f'<span class="number" title="{escape(value)}">{escape(text)}</span>')
