"""The SQLite store: the tables of SHARED SCHEMA.md, written with sqlite-utils.

One `Store` wraps one database file. Documents are keyed by a stable integer id derived from their URL,
so re-crawling or rebuilding upserts the same rows instead of adding new ones, and the FTS index can use the
same number as its rowid (Datasette's table search joins on rowid). A document's child rows (figures,
projects, evaluations, indicators, validation issues) are replaced as a whole when the document is saved:
they are a function of the document, never edited in place.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from pipelines.search import index_text

DOCUMENT_COLUMNS = {
    "id": int, "url": str, "portal_id": str, "region_code": str, "index_no": str, "publisher": str,
    "doc_no": str, "published": str, "published_time": str, "written": str, "validity": str,
    "category": str, "column_name": str, "title": str, "department": str, "fiscal_year": int,
    "report_type": str, "supervision_no": str, "body_text": str, "content_sha256": str, "raw_sha256": str,
    "encoding": str, "first_seen": str, "last_seen": str, "status": str, "status_changed": str,
}
ATTACHMENT_COLUMNS = {
    "id": int, "document_id": int, "url": str, "name": str, "ext": str, "bytes": int, "sha256": str,
    "form_kind": str, "parse_status": str, "error": str, "fetched": str,
}
FIGURE_COLUMNS = {
    "id": int, "document_id": int, "attachment_id": int, "metric": str, "subject": str, "fiscal_year": int,
    "value": float, "unit": str, "value_text": str, "unit_text": str, "unit_basis": str, "source_text": str,
    "span_start": int, "span_end": int, "locator": str,
}
PROJECT_COLUMNS = {
    "id": int, "document_id": int, "attachment_id": int, "name": str, "carryover_start": float,
    "received": float, "spent": float, "carryover_end": float, "usage_rate_pct": float,
    "initial_budget": float, "full_year_budget": float, "executed": float, "execution_rate_pct": float,
    "score": float, "rating": str, "locator": str,
}
EVALUATION_COLUMNS = {
    "id": int, "document_id": int, "attachment_id": int, "subject_type": str, "subject": str, "score": float,
    "max_score": float, "rating_text": str, "rating": str, "source_text": str, "locator": str,
}
INDICATOR_COLUMNS = {
    "id": int, "document_id": int, "attachment_id": int, "project": str, "level1": str, "level2": str,
    "level3": str, "target_text": str, "target_operator": str, "target_value": float, "target_unit": str,
    "actual_text": str, "actual_value": float, "weight": float, "score": float, "deviation_note": str,
    "row": int, "locator": str,
}
VALIDATION_COLUMNS = {
    "id": int, "document_id": int, "attachment_id": int, "rule": str, "detail": str, "expected": str,
    "observed": str,
}
CHILD_TABLES = {
    "figures": FIGURE_COLUMNS, "projects": PROJECT_COLUMNS, "evaluations": EVALUATION_COLUMNS,
    "indicators": INDICATOR_COLUMNS, "validation_issues": VALIDATION_COLUMNS,
}
FTS_TABLE = "documents_fts"


def stable_id(url: str) -> int:
    """A positive 63-bit integer id for a URL, the same on every machine and every rebuild."""
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:15], 16)


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=30000")
        self.ensure_schema()

    # -- schema -------------------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        db = self.db
        db["portals"].create(
            {"id": str, "name": str, "region_code": str, "cms": str, "base_url": str, "start_columns": str,
             "verified": int, "note": str}, pk="id", if_not_exists=True)
        db["regions"].create(
            {"code": str, "name": str, "short_name": str, "level": str, "parent_code": str},
            pk="code", if_not_exists=True)
        db["metrics"].create(
            {"key": str, "label_zh": str, "unit": str, "description": str}, pk="key", if_not_exists=True)
        db["documents"].create(DOCUMENT_COLUMNS, pk="id", if_not_exists=True)
        db["attachments"].create(ATTACHMENT_COLUMNS, pk="id", if_not_exists=True)
        for name, columns in CHILD_TABLES.items():
            db[name].create(columns, pk="id", if_not_exists=True)
        db["crawl_runs"].create(
            {"id": int, "portal_id": str, "started": str, "finished": str, "requests": int,
             "new_documents": int, "changed_documents": int, "unchanged_documents": int,
             "removed_documents": int, "errors": int, "challenges": int, "status": str}, pk="id",
            if_not_exists=True)
        db["crawl_errors"].create(
            {"id": int, "run_id": int, "portal_id": str, "url": str, "kind": str, "http_status": int,
             "message": str, "time": str}, pk="id", if_not_exists=True)
        self._ensure_indexes()
        if FTS_TABLE not in db.table_names():
            db.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, tokenize='unicode61')")

    def _ensure_indexes(self) -> None:
        wanted = {
            "documents": [["url"], ["portal_id"], ["department"], ["fiscal_year"], ["report_type"],
                          ["publisher"], ["region_code"], ["status"]],
            "attachments": [["document_id"], ["url"], ["sha256"]],
            "figures": [["document_id"], ["metric"], ["subject"]],
            "projects": [["document_id"]], "evaluations": [["document_id"]], "indicators": [["document_id"]],
            "validation_issues": [["document_id"], ["rule"]],
            "crawl_errors": [["run_id"], ["kind"]],
        }
        for table, indexes in wanted.items():
            for columns in indexes:
                self.db[table].create_index(columns, if_not_exists=True, unique=(columns == ["url"]
                                                                                 and table == "documents"))

    # -- reference tables ---------------------------------------------------------------------------
    def upsert_portals(self, portals: Iterable[dict]) -> None:
        rows = [{**p, "start_columns": json.dumps(p.get("start_columns", []), ensure_ascii=False),
                 "verified": int(bool(p.get("verified", False)))} for p in portals]
        keep = set(self.db["portals"].columns_dict)
        self.db["portals"].upsert_all([{k: v for k, v in r.items() if k in keep} for r in rows], pk="id")

    def load_reference(self, table: str, rows: Iterable[dict], pk: str) -> None:
        self.db[table].upsert_all(rows, pk=pk, alter=True)

    # -- runs and errors ----------------------------------------------------------------------------
    def start_run(self, portal_id: str) -> int:
        return self.db["crawl_runs"].insert(
            {"portal_id": portal_id, "started": now_iso(), "status": "running"}).last_pk

    def finish_run(self, run_id: int, status: str, **counts: int) -> None:
        self.db["crawl_runs"].update(run_id, {"finished": now_iso(), "status": status, **counts})

    def record_error(self, run_id: int | None, portal_id: str | None, url: str, kind: str,
                     message: str, http_status: int | None = None) -> None:
        self.db["crawl_errors"].insert({
            "run_id": run_id, "portal_id": portal_id, "url": url, "kind": kind,
            "http_status": http_status, "message": message[:2000], "time": now_iso()})

    # -- documents ----------------------------------------------------------------------------------
    def save_document(self, document: dict, children: dict[str, list[dict]], *, seen: str | None = None) -> str:
        """Upsert one document with its child rows; returns 'new', 'changed' or 'unchanged'.

        `document` holds the `documents` columns (at least url and content_sha256); `children` maps child
        table names to rows without `document_id`.
        """
        seen = seen or now_iso()
        doc_id = stable_id(document["url"])
        existing = self.db.execute(
            "select content_sha256, first_seen from documents where id = ?", [doc_id]).fetchone()
        change = "new" if existing is None else (
            "unchanged" if existing[0] == document.get("content_sha256") else "changed")
        row = {k: document.get(k) for k in DOCUMENT_COLUMNS}
        row.update(id=doc_id, last_seen=seen, status="live",
                   first_seen=existing[1] if existing else seen)
        with self.db.conn:
            self.db["documents"].upsert(row, pk="id")
            for table, columns in CHILD_TABLES.items():
                self._replace_children(table, columns, doc_id, children.get(table, []))
            self.db.execute(f"delete from {FTS_TABLE} where rowid = ?", [doc_id])
            self.db.execute(f"insert into {FTS_TABLE}(rowid, title, body) values (?, ?, ?)",
                            [doc_id, index_text(row["title"]), index_text(row["body_text"])])
        return change

    def _replace_children(self, table: str, columns: dict, doc_id: int, rows: list[dict]) -> None:
        self.db.execute(f"delete from {table} where document_id = ? and attachment_id is null", [doc_id])
        if rows:
            self.db[table].insert_all(
                ({k: r.get(k) for k in columns if k != "id"} | {"document_id": doc_id} for r in rows))

    def save_attachment_link(self, document_url: str, url: str, name: str | None) -> int:
        """Record an attachment link found on a page (before or without its download)."""
        att_id = stable_id(url)
        self.db["attachments"].upsert(
            {"id": att_id, "document_id": stable_id(document_url), "url": url, "name": name}, pk="id")
        return att_id

    def save_attachment_file(self, url: str, fields: dict[str, Any],
                             children: dict[str, list[dict]] | None = None) -> int:
        """Store a downloaded attachment's file facts and whatever its parser extracted."""
        att_id = stable_id(url)
        row = {k: fields.get(k) for k in ATTACHMENT_COLUMNS if k in fields}
        doc_id = fields.get("document_id")
        with self.db.conn:
            self.db["attachments"].upsert({"id": att_id, "url": url, **row}, pk="id")
            for table, columns in CHILD_TABLES.items():
                self.db.execute(f"delete from {table} where attachment_id = ?", [att_id])
                rows = (children or {}).get(table, [])
                if rows:
                    self.db[table].insert_all(
                        {k: r.get(k) for k in columns if k != "id"}
                        | {"document_id": doc_id, "attachment_id": att_id} for r in rows)
        return att_id

    def document_hash(self, url: str) -> str | None:
        row = self.db.execute("select content_sha256 from documents where id = ?", [stable_id(url)]).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self.db.close()
