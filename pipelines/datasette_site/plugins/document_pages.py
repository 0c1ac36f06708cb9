"""Datasette plugin: pages a researcher can read.

* A document's page (template `row-reports-documents.html`) reads like the report: title, the metadata
  block (索引号, 发布机构, 文号, dates), region path, links to the original and the archived copy, its facts
  and figures as a compact table, then the body at reading width. `document_page` supplies the figures.
* Elsewhere (table pages) `body_text` is shown folded (`<details>`) with its length, in a box that keeps line
  breaks and scrolls, instead of one enormous cell. JSON and CSV are unchanged.
* Table pages hide bookkeeping columns (hashes, HTTP validators) unless the request chooses columns itself
  (`?_col=` / `?_nocol=`): configured per table as `plugins: {document_pages: {hidden_columns: [...]}}`.
* A database holding the bundled sample portal's invented reports says so on every page (`sample_data`).
"""

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

from pipelines.display import format_value

PLUGIN = "document_pages"
COLUMNS = {"body_text"}
STYLE = "max-height: 24em; max-width: 60em; overflow: auto; white-space: pre-wrap"
SAMPLE_PORTAL = "sample"
DOCUMENT_FIGURES_SQL = """
select f.id as figure_id, coalesce(m.label_zh, f.metric) as metric_label, f.metric, f.subject,
       coalesce(f.fiscal_year, d.fiscal_year) as fiscal_year, f.value, f.unit, f.value_text, f.unit_text,
       f.source_text, f.attachment_id, f.fact_id, fa.figure_id = f.id as chosen, fa.values_differ, fa.documents
from figures f join documents d on d.id = f.document_id
left join metrics m on m.key = f.metric
left join facts fa on fa.id = f.fact_id
where f.document_id = :id
order by f.attachment_id is not null, f.span_start, f.id
"""


@hookimpl
def render_cell(value, column):
    if column not in COLUMNS or not isinstance(value, str) or not value:
        return None
    return Markup(
        f'<details class="body-text"><summary>正文 body text · {len(value):,} 字 characters</summary>'
        f'<div style="{STYLE}">{escape(value)}</div></details>'
    )


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def hide_bookkeeping(scope, receive, send):
            if scope["type"] == "http":
                scope = _with_hidden_columns(datasette, scope)
            await app(scope, receive, send)

        return hide_bookkeeping

    return wrap


def _with_hidden_columns(datasette, scope: dict) -> dict:
    parts = scope.get("path", "").strip("/").split("/")
    if len(parts) != 2 or "." in parts[1]:  # an HTML table page only: JSON and CSV keep every column
        return scope
    try:
        hidden = (datasette.plugin_config(PLUGIN, database=parts[0], table=parts[1]) or {}).get("hidden_columns")
    except KeyError:
        return scope
    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if not hidden or any(key in ("_col", "_nocol") for key, _ in args):
        return scope
    return {**scope, "query_string": urlencode(args + [("_nocol", c) for c in hidden]).encode("latin-1")}


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    async def page_vars():
        db = datasette.get_database(database) if database else None
        found: dict[str, object] = {"sample_data": await _holds_sample_data(datasette)}
        if view_name == "row" and table == "documents" and db is not None:
            pks = request.url_vars.get("pks", "")
            if pks.isdigit():
                rows = await db.execute(DOCUMENT_FIGURES_SQL, {"id": int(pks)})
                found["document_figures"] = [{**dict(r), "shown": format_value(r["value"], r["unit"])} for r in rows]
        return found

    return page_vars


_sample_databases: dict[str, bool] = {}


async def _holds_sample_data(datasette) -> bool:
    """Whether any served database holds documents of the bundled sample portal (checked once per database)."""
    for db in datasette.databases.values():
        if not db.path:  # Datasette's own in-memory databases
            continue
        if db.path not in _sample_databases:
            _sample_databases[db.path] = bool(await db.table_exists("documents")) and bool(
                (
                    await db.execute("select exists (select 1 from documents where portal_id = ?)", [SAMPLE_PORTAL])
                ).first()[0]
            )
        if _sample_databases[db.path]:
            return True
    return False
