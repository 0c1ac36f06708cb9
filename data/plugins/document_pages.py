"""Datasette plugin: a document's body text as a folded, scrolling block instead of one enormous cell.

A report's `body_text` is often 10,000+ characters; printed in a table cell it makes the row page tens of
thousands of pixels tall and pushes the links to the document's figures, projects and evaluations out of
sight. In HTML pages it is shown folded (`<details>`) with its length, in a box that keeps line breaks
and scrolls. JSON and CSV are unchanged.
"""
from datasette import hookimpl
from markupsafe import Markup, escape

COLUMNS = {"body_text"}
STYLE = "max-height: 24em; max-width: 60em; overflow: auto; white-space: pre-wrap"


@hookimpl
def render_cell(value, column):
    if column not in COLUMNS or not isinstance(value, str) or not value:
        return None
    return Markup(f'<details class="body-text"><summary>正文 body text · {len(value):,} 字 characters</summary>'
                  f'<div style="{STYLE}">{escape(value)}</div></details>')
