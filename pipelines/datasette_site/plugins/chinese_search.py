"""Datasette plugin: Chinese table search over the bigram FTS index of `pipelines.search`.

Two parts:

* `prepare_connection` replaces the SQL function `escape_fts` (Datasette's default quotes words, which
  finds nothing in a bigram index for terms of 3+ characters) with `pipelines.search.fts_query`, and adds
  `search_snippet(text, query[, width])`, because FTS5's snippet() cannot work on a pre-tokenised index.
  The hook is `trylast`, so it runs after Datasette's own and its functions win.

  Both are Python functions that anyone can call from a SQL query, and SQLite cannot interrupt a function
  call (Datasette's time limit works between SQLite's own steps), so each bounds its input: a query of more
  than MAX_QUERY_CHARS characters is refused, a snippet is cut from the first MAX_SNIPPET_TEXT characters of
  its text and is at most MAX_SNIPPET_WIDTH characters either side. One call then costs milliseconds, and a
  query calling them on every row is stopped by the time limit like any other.

* `filters_from_request` implements `?_search=` and `?_search_<column>=` for tables that name their FTS
  table in this plugin's table-level configuration (`plugins: {chinese_search: {fts_table: …}}`) instead
  of Datasette's `fts_table` key. Datasette writes `rowid in (select rowid from FTS where FTS match …)`,
  and SQLite then looks every match up by rowid: on a table of long documents that is a page read per
  match, so the sorted page, the count and every facet of a search matching most of 200,000 reports each
  take up to a second and hit the time limit. When the page is sorted by an indexed column, this filter
  writes `+rowid in (…)` instead: the unary plus makes SQLite walk an index (the sort column's for the
  page, a small covering index for the count, the facet column's for a facet) and test membership, which
  stops after one page of matches and stays far below the limit. Without such an index it keeps the plain
  form, which is better for pages in rowid order or sorted by an unindexed column.
  `_searchmode=raw` passes the query to FTS5 unchanged, as in Datasette. An empty search does not filter.

* Bounded searches (`asgi_wrapper`): before a table page with `?_search=` runs, one FTS query fetches at most
  `MATCH_CAP + 1` matching rowids (milliseconds). With at most `MATCH_CAP` matches the page filters on that
  id list, so the rows, the exact count and every facet read only those rows. With more, the count is
  estimated from how far into the (uniformly hashed) rowid range the first matches reached, the page says
  so ("about N, estimated"), and counting and facets are skipped (`_nocount=auto&_nofacet=auto`, dropped
  again on the next request). The rows then come from walking the sort index and probing the index for
  each row when matches are dense, or from the full match list when they are not.
"""

import json
import re
import time
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite
from datasette.utils.asgi import BadRequest

from pipelines.search import fts_query, snippet

PLUGIN = "chinese_search"
MAX_QUERY_CHARS = 1000
MAX_SNIPPET_TEXT = 200_000
MAX_SNIPPET_WIDTH = 500


def bounded_fts_query(query):
    if query is not None and len(str(query)) > MAX_QUERY_CHARS:
        raise ValueError(f"search query longer than {MAX_QUERY_CHARS} characters")
    return fts_query(query)


def bounded_snippet(text, query, width=40):
    if query is not None and len(str(query)) > MAX_QUERY_CHARS:
        raise ValueError(f"search query longer than {MAX_QUERY_CHARS} characters")
    text = text[:MAX_SNIPPET_TEXT] if isinstance(text, str) else text
    return snippet(text, query, max(0, min(int(width), MAX_SNIPPET_WIDTH)))


MATCH_CAP = 1000  # up to this many matches: exact count and facets
DENSE = 0.3  # from this share of the table's rows matching, probe per row instead of listing the matches
AUTO = "auto"  # the value of the _nocount/_nofacet this plugin adds, so it can take them away again
SCOPE_KEY = "govreports.search"
TABLE_PATH = re.compile(r"^/([^/]+)/([^/.]+)(\.\w+)?$")
_row_counts: dict[tuple[str, str], tuple[float, int]] = {}
ROW_COUNT_SECONDS = 60


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def bounded_search(scope, receive, send):
            if scope["type"] == "http":
                scope = await _with_search_bounds(datasette, scope)
            await app(scope, receive, send)

        return bounded_search

    return wrap


async def _with_search_bounds(datasette, scope: dict) -> dict:
    """The request scope, with the match probe's result and, for large results, no count or facets."""
    match = TABLE_PATH.match(scope.get("path", ""))
    if not match:
        return scope
    args = [
        (k, v)
        for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if not (k in ("_nocount", "_nofacet") and v == AUTO)
    ]
    query = scope.get("query_string", b"")
    database, table = match.group(1), match.group(2)
    search = dict(args).get("_search", "").strip()
    searches = [k for k, v in args if k.startswith("_search") and v.strip()]
    try:
        fts_table = (datasette.plugin_config(PLUGIN, database=database, table=table) or {}).get("fts_table")
        db = datasette.get_database(database)
    except KeyError:
        return scope
    if not fts_table or searches != ["_search"] or dict(args).get("_searchmode") == "raw":
        return {**scope, "query_string": urlencode(args).encode("latin-1")} if AUTO.encode() in query else scope
    rows = await db.execute(
        f"select rowid from [{fts_table}] where [{fts_table}] match escape_fts(:q) "
        f"order by rowid limit {MATCH_CAP + 1}",
        {"q": search},
    )
    ids = [row[0] for row in rows]
    bounds = {"ids": ids, "exact": len(ids) <= MATCH_CAP}
    if not bounds["exact"]:
        last = (await db.execute(f"select rowid from [{fts_table}] order by rowid desc limit 1")).first()[0]
        estimate = round(len(ids) * last / max(ids[-1], 1), -2)
        bounds["estimate"] = estimate
        bounds["dense"] = estimate >= DENSE * await _row_count(db, table)
        keys = {k for k, _ in args}
        args += [(k, AUTO) for k in ("_nocount", "_nofacet") if k not in keys]
    return {**scope, "query_string": urlencode(args).encode("latin-1"), SCOPE_KEY: bounds}


async def _row_count(db, table: str) -> int:
    """The table's row count, remembered for a minute (the probe needs only its order of magnitude)."""
    key = (db.name, table)
    cached = _row_counts.get(key)
    if cached is None or time.monotonic() - cached[0] > ROW_COUNT_SECONDS:
        count = (await db.execute(f"select count(*) from [{table}]")).first()[0]
        cached = _row_counts[key] = (time.monotonic(), count)
    return cached[1]


@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, bounded_fts_query, deterministic=True)
    conn.create_function("search_snippet", 2, bounded_snippet, deterministic=True)
    conn.create_function("search_snippet", 3, bounded_snippet, deterministic=True)


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    fts_table = (datasette.plugin_config(PLUGIN, database=database, table=table) or {}).get("fts_table")
    if not fts_table:
        return None

    async def search_filter():
        searches = {
            key: request.args[key]
            for key in request.args
            if (key == "_search" or key.startswith("_search_")) and request.args[key].strip()
        }
        db = datasette.get_database(database)
        fts_columns = await db.table_columns(fts_table)
        match = ":search_{}" if request.args.get("_searchmode") == "raw" else "escape_fts(:search_{})"
        sort = _sort_column(request, datasette.table_metadata(database, table))
        rowid = "+rowid" if sort in await _index_leading_columns(db, table) else "rowid"
        bounds = request.scope.get(SCOPE_KEY)
        if bounds and "_search" in searches:
            return _bounded_filter(bounds, searches["_search"], fts_table, table)
        clauses, params, descriptions = [], {}, []
        for i, (key, text) in enumerate(searches.items()):
            column = key[len("_search_") :] if key != "_search" else None
            if column is not None and column not in fts_columns:
                raise BadRequest(f"Cannot search by column {column!r}: search columns are {fts_columns}")
            target = escape_sqlite(column or fts_table)
            clauses.append(
                f"{rowid} in (select rowid from {escape_sqlite(fts_table)} where {target} match {match.format(i)})"
            )
            params[f"search_{i}"] = text
            descriptions.append(f'search {"column " + column + " " if column else ""}matches "{text}"')
        return FilterArguments(
            clauses, params, descriptions, {"supports_search": True, "search": searches.get("_search", "")}
        )

    return search_filter


def _bounded_filter(bounds: dict, text: str, fts_table: str, table: str) -> FilterArguments:
    """The `_search` clause when the probe has run: its id list, or a probe per row for dense matches."""
    extra = {"supports_search": True, "search": text}
    if bounds["exact"]:
        return FilterArguments(
            ["rowid in (select value from json_each(:search_ids))"],
            {"search_ids": json.dumps(bounds["ids"])},
            [f'search matches "{text}"'],
            extra,
        )
    fts, outer = escape_sqlite(fts_table), escape_sqlite(table)
    clause = (
        f"exists (select 1 from {fts} where {fts} match escape_fts(:search_0) and {fts}.rowid = {outer}.rowid)"
        if bounds["dense"]
        else f"+rowid in (select rowid from {fts} where {fts} match escape_fts(:search_0))"
    )
    description = (
        f'search matches "{text}" (about {bounds["estimate"]:,.0f} rows, estimated; the exact '
        f"count and facets are shown for searches with at most {MATCH_CAP:,} matches)"
    )
    return FilterArguments([clause], {"search_0": text}, [description], extra)


def _sort_column(request, table_metadata: dict) -> str | None:
    """The column the table page orders by, as Datasette decides it: the request's, else the metadata's."""
    return (
        request.args.get("_sort")
        or request.args.get("_sort_desc")
        or table_metadata.get("sort")
        or table_metadata.get("sort_desc")
    )


async def _index_leading_columns(db, table: str) -> set[str]:
    rows = await db.execute(
        "select info.name from pragma_index_list(:table) as list, pragma_index_info(list.name) as info "
        "where info.seqno = 0",
        {"table": table},
    )
    return {row[0] for row in rows}
