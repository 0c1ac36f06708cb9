"""The `portal_columns` table: the list pages a crawl found for each portal and what they yielded.

Column discovery (`crawler.discovery`) writes one row per column a crawl read; the next crawl of the portal
starts from the active rows. A column that listed articles before and lists none now (or answers with an error)
is kept with status `empty` / `failed`, a warning and a `crawl_errors` row of kind `column_empty`, and the next
crawl rediscovers the portal's columns: sites move their columns, and a silent column must not look like a
quiet year.

`column_articles` says which column listed which document; the `report_coverage` view counts the stored
reports per portal, column (its label path, else the column name the page prints) and fiscal year, so a missing
year or column shows up as a gap.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

PORTAL_COLUMNS = "portal_columns"
COLUMN_ARTICLES = "column_articles"
REPORT_COVERAGE_SQL = """
select d.portal_id, coalesce(nullif(c.label_path, ''), c.url, d.column_name, '(column unknown)') as column_name,
       d.fiscal_year, count(distinct d.id) as reports, count(distinct case when d.report_type = 'budget'
       then d.id end) as budgets, count(distinct case when d.report_type = 'final_accounts' then d.id end)
       as final_accounts, count(distinct case when d.report_type like 'self_eval%' then d.id end)
       as self_evaluations, min(d.published) as first_published, max(d.published) as last_published
from documents d
left join column_articles a on a.document_id = d.id and a.portal_id = d.portal_id
left join portal_columns c on c.portal_id = a.portal_id and c.url = a.column_url
where d.status = 'live' and d.report_type is not null and d.report_type != 'other'
group by d.portal_id, 2, d.fiscal_year
order by d.portal_id, 2, d.fiscal_year desc
"""


def create_coverage_view(db: sqlite_utils.Database) -> None:
    db.create_view("report_coverage", REPORT_COVERAGE_SQL.strip(), replace=True)


def save_columns(
    db: sqlite_utils.Database,
    portal_id: str,
    records: list[dict],
    seen: str,
    discovered: bool,
    articles: dict[str, list[int]] | None = None,
) -> list[dict]:
    """Upsert what one crawl saw of the portal's columns (and, in `articles`, the document ids each column
    listed); returns the known columns that stopped yielding."""
    old = {row["url"]: row for row in db[PORTAL_COLUMNS].rows_where("portal_id = ?", [portal_id])}
    stopped = []
    rows = []
    for record in records:
        before = old.get(record["url"])
        yielded = record["status"] == "active"
        if before and before["status"] == "active" and not yielded:
            stopped.append({**before, **record})
        rows.append(
            {
                **record,
                "portal_id": portal_id,
                "first_seen": before["first_seen"] if before else seen,
                "last_seen": seen,
                "last_yield": seen if yielded else (before or {}).get("last_yield"),
                "label_path": record["label_path"] or (before or {}).get("label_path") or "",
                "source": (before or {}).get("source") if record["source"] == "known" else record["source"],
                "discovered": seen
                if discovered and record["source"] == "discovery"
                else (before or {}).get("discovered"),
            }
        )
    if rows:
        db.table(PORTAL_COLUMNS).upsert_all(rows, pk=("portal_id", "url"))
    listed = [
        {"portal_id": portal_id, "column_url": url, "document_id": document_id}
        for url, ids in (articles or {}).items()
        for document_id in ids
    ]
    if listed:
        db.table(COLUMN_ARTICLES).insert_all(listed, pk=("column_url", "document_id"), replace=True)
    return stopped


def load_columns(db_path: str | Path, portal_id: str) -> list[dict]:
    """The portal's known columns (read once when a crawl starts), most productive first."""
    if not Path(db_path).exists():
        return []
    with sqlite3.connect(db_path) as conn:
        if not conn.execute("select 1 from sqlite_master where name = ?", [PORTAL_COLUMNS]).fetchone():
            return []
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            f"select * from {PORTAL_COLUMNS} where portal_id = ? order by articles_seen desc, url", [portal_id]
        ).fetchall()
    return [dict(row) for row in rows]


def merge_columns(out: sqlite_utils.Database, source: sqlite_utils.Database) -> None:
    """Fold one worker database's `portal_columns` and `column_articles` into `out` (a distributed crawl's
    merge). Each worker read a share of a column's list pages, so the merged row takes the larger count, the
    newest dates and `active` when any worker saw the column list articles; merging twice changes nothing."""
    tables = set(source.table_names())
    if PORTAL_COLUMNS in tables:
        columns = out.table(PORTAL_COLUMNS)
        for row in source[PORTAL_COLUMNS].rows:
            old = next(columns.rows_where("portal_id = ? and url = ?", [row["portal_id"], row["url"]]), None)
            columns.upsert(_combined(old, row) if old else row, pk=("portal_id", "url"))
    if COLUMN_ARTICLES in tables:
        articles = source[COLUMN_ARTICLES].rows
        out.table(COLUMN_ARTICLES).insert_all(articles, pk=("column_url", "document_id"), replace=True)


def _combined(old: dict, new: dict) -> dict:
    def latest(key):
        return max((v for v in (old[key], new[key]) if v is not None), default=None)

    status = (
        "active"
        if "active" in (old["status"], new["status"])
        else (new["status"] if (new["last_seen"] or "") >= (old["last_seen"] or "") else old["status"])
    )
    return {
        **old,
        "label_path": old["label_path"] or new["label_path"],
        "status": status,
        "first_seen": min(v for v in (old["first_seen"], new["first_seen"]) if v is not None),
        **{key: latest(key) for key in ("articles_seen", "latest_article", "last_seen", "last_yield", "discovered")},
    }
