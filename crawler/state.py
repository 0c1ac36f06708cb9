"""What the database already knows about a portal, read once when a crawl starts (incremental crawling)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Known:
    published: str | None
    etag: str | None
    last_modified: str | None
    status: str | None


def load_known(db_path: str | Path, portal_id: str) -> dict[str, Known]:
    """Every document URL of the portal stored so far, with what a conditional request needs."""
    if not Path(db_path).exists():
        return {}
    with sqlite3.connect(db_path) as conn:
        if not conn.execute("select 1 from sqlite_master where name = 'documents'").fetchone():
            return {}
        rows = conn.execute(
            "select url, published, http_etag, http_last_modified, status from documents where portal_id = ?",
            [portal_id],
        ).fetchall()
    return {url: Known(*rest) for url, *rest in rows}


def pending_attachments(db_path: str | Path, portal_id: str) -> list[tuple[str, str | None, str]]:
    """(url, name, page url) of attachments linked from stored pages but never downloaded (e.g. the crawl
    was killed between a page and its files): the next crawl fetches them without re-fetching the page."""
    if not Path(db_path).exists():
        return []
    with sqlite3.connect(db_path) as conn:
        if not conn.execute("select 1 from sqlite_master where name = 'attachments'").fetchone():
            return []
        return conn.execute(
            """select a.url, a.name, d.url from attachments a join documents d on d.id = a.document_id
               where d.portal_id = ? and a.sha256 is null and a.parse_status is null""",
            [portal_id],
        ).fetchall()


def interrupted_run(db_path: str | Path, portal_id: str) -> int | None:
    """The id of an earlier run of the portal that never finished (killed), if any."""
    if not Path(db_path).exists():
        return None
    with sqlite3.connect(db_path) as conn:
        if not conn.execute("select 1 from sqlite_master where name = 'crawl_runs'").fetchone():
            return None
        row = conn.execute(
            """select id from crawl_runs where portal_id = ? and status = 'running'
               and id < (select max(id) from crawl_runs where portal_id = ?) order by id desc limit 1""",
            [portal_id, portal_id],
        ).fetchone()
    return row[0] if row else None
