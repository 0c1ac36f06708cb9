"""Datasette plugin: browse any table or view with a `region_code` column by province → prefecture → county.

Three parts, all read-only (they work on an immutable published database):

* Every connection gets a temporary view `region_lineage(code, ancestor)`: each region paired with itself
  and each area it lies in, from the database's own `regions` table (GB/T 2260 has three levels, so a
  region has at most two ancestors). Units a province administers directly (municipal districts,
  省直辖县级市) have the province as parent and lie in no prefecture. SQL on the site (the dashboards, the
  SQL editor) can use it: `region_code in (select code from region_lineage where ancestor = '532500')`.

* `?_region=CODE_OR_NAME` keeps the rows whose region is that area or lies inside it (532500 or
  红河哈尼族彝族自治州 keeps every county of 红河州). A table without `region_code` but with a `document_id`
  (figures, projects, evaluations, indicators, attachments, validation_issues…) is filtered by its
  document's region.

* A facet type `region`, configured in metadata as `facets: [{region: province}, {region: prefecture}]`,
  counts the current rows by the province (or prefecture) their region lies in, labelled with its Chinese
  name. Clicking a value sets `?_region=` to it, so choosing a province and then one of its prefectures
  drills down; the county level is the plain `region_code` facet, which Datasette already labels through
  the foreign key to `regions`.

* Where Datasette shows a bare `region_code` (row pages, views), the code is shown with its place in the
  hierarchy, 云南省 › 红河哈尼族彝族自治州 › 开远市, each name linking to the documents of that area.
"""

import time
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_removed_args, path_with_replaced_args
from datasette.utils.asgi import BadRequest
from markupsafe import Markup, escape

ARG = "_region"
COLUMN = "region_code"
DOCUMENT_COLUMN = "document_id"
# Facet names as shown above each facet: Chinese term, then English.
LEVEL_NAMES = {"province": "省级 province", "prefecture": "地级 prefecture", "county": "县级 county"}

LINEAGE_VIEW_SQL = """
create temp view if not exists region_lineage as
select code, code as ancestor from main.regions
union all
select code, parent_code from main.regions where parent_code is not null
union all
select r.code, p.parent_code from main.regions r join main.regions p on p.code = r.parent_code
where p.parent_code is not null
"""
LEVEL_ORDER = "case a.level when 'province' then 0 when 'prefecture' then 1 else 2 end"
AREA_CODES_SQL = (
    "select l.code from region_lineage l join regions a on a.code = l.ancestor where :region_area in (a.code, a.name)"
)


@hookimpl
def prepare_connection(conn):
    # Only databases with regions: Datasette's own in-memory databases are query-only, even for temp views.
    if conn.execute("select 1 from sqlite_master where type = 'table' and name = 'regions'").fetchone():
        conn.execute(LINEAGE_VIEW_SQL)


@hookimpl
def filters_from_request(request, database, table, datasette):
    area = request.args.get(ARG, "").strip()
    if not area:
        return None

    async def region_filter():
        db = datasette.get_database(database)
        columns = await db.table_columns(table)
        if COLUMN in columns:
            clause = f"{COLUMN} in ({AREA_CODES_SQL})"
        elif DOCUMENT_COLUMN in columns:
            clause = f"{DOCUMENT_COLUMN} in (select id from documents where {COLUMN} in ({AREA_CODES_SQL}))"
        else:
            raise BadRequest(f"{ARG}= needs a {COLUMN} or {DOCUMENT_COLUMN} column, which {table} does not have")
        names = [
            row[0]
            for row in await db.execute(
                "select name from regions where code = :area or name = :area order by code", {"area": area}
            )
        ]
        if not names:
            raise BadRequest(f"Unknown region {area!r}: use a 6-digit code or a full name from regions")
        return FilterArguments([clause], {"region_area": area}, [f"region is {' / '.join(names)} or lies inside it"])

    return region_filter


@hookimpl
def render_cell(value, column, database, datasette):
    if column != COLUMN or not isinstance(value, str) or not value:
        return None

    async def breadcrumb():
        key = (database, value)
        cached = _breadcrumbs.get(key)
        if cached is None or time.monotonic() - cached[0] > BREADCRUMB_SECONDS:
            cached = _breadcrumbs[key] = (time.monotonic(), await _breadcrumb(datasette, database, value))
        return cached[1]

    return breadcrumb


# Region paths are reference data: remembered for a minute, so a page of rows costs no query per row.
_breadcrumbs: dict[tuple[str, str], tuple[float, Markup | None]] = {}
BREADCRUMB_SECONDS = 60


async def _breadcrumb(datasette, database: str, code: str) -> Markup | None:
    db = datasette.get_database(database)
    if not await db.table_exists("regions"):
        return None
    areas = await db.execute(
        "select a.code, a.name from region_lineage l join regions a on a.code = l.ancestor "
        f"where l.code = :code order by {LEVEL_ORDER}",
        {"code": code},
    )
    if not areas.rows:
        return None
    documents = datasette.urls.table(database, "documents")
    names = " › ".join(
        f'<a href="{escape(documents)}?{escape(urlencode({ARG: area}))}">{escape(name)}</a>'
        for area, name in areas.rows
    )
    return Markup(f'{names} <a href="{escape(datasette.urls.row(database, "regions", code))}">{escape(code)}</a>')


@hookimpl
def register_facet_classes():
    return [RegionFacet]


class RegionFacet(Facet):
    """Counts rows by the area of a given level (province, prefecture or county) their region lies in."""

    type = "region"

    async def suggest(self):
        return []

    async def facet_results(self):
        results: list[dict] = []
        timed_out: list[str] = []
        configs = self.get_configs()
        if not configs or COLUMN not in await self.get_columns(self.sql, self.params):
            return results, timed_out
        for source_and_config in configs:
            level = source_and_config["config"].get("level") or source_and_config["config"]["simple"]
            if level not in LEVEL_NAMES:
                raise BadRequest(f"region facets count by {', '.join(LEVEL_NAMES)}, not {level!r}")
            try:
                rows = await self._counts(level)
            except QueryInterrupted:
                timed_out.append(LEVEL_NAMES[level])
                continue
            results.append(self._facet(level, source_and_config["source"], rows))
        return results, timed_out

    async def _counts(self, level: str):
        """Rows per area of `level` that their region lies in: counted per region, then rolled up."""
        sql = f"""
            with per_region as (
                select {COLUMN} as code, count(*) as n from ({self.sql}) group by {COLUMN}
            )
            select a.code as value, a.name as label, sum(per_region.n) as count
            from per_region
            join region_lineage l on l.code = per_region.code
            join regions a on a.code = l.ancestor and a.level = :region_facet_level
            group by a.code, a.name
            order by count desc, a.code
            limit {self.get_facet_size() + 1}
        """
        return await self.ds.execute(
            self.database,
            sql,
            {**dict(self.params), "region_facet_level": level},
            truncate=False,
            custom_time_limit=self.ds.setting("facet_time_limit_ms"),
        )

    def _facet(self, level: str, source: str, rows) -> dict:
        selected_area = self.request.args.get(ARG)
        size = self.get_facet_size()
        values = []
        for row in rows.rows[:size]:
            selected = selected_area in (row["value"], row["label"])
            path = (
                path_with_removed_args(self.request, {ARG: selected_area})
                if selected
                else path_with_replaced_args(self.request, {ARG: row["value"]})
            )
            values.append(
                {
                    "value": row["value"],
                    "label": row["label"],
                    "count": row["count"],
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                    "selected": selected,
                }
            )
        return {
            "name": LEVEL_NAMES[level],
            "type": self.type,
            "hideable": source != "metadata",
            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_region": level})),
            "results": values,
            "truncated": len(rows) > size,
        }
