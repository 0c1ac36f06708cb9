"""Merging the worker databases of a distributed crawl into one (`govreports merge OUT.db IN.db …`).

Why per-worker databases at all: see `crawler.distributed`. The merge goes through the store rather than
copying rows, so the output is exactly what a single crawl would have written:

* documents are upserted by id (the stable hash of their URL) with `Store.save_document`, which replaces
  their child rows and re-indexes them for full-text search; when several databases hold the same document,
  the most recently fetched content wins (`last_seen`), `first_seen` is the earliest, and the status is the
  one changed last. Version histories are interleaved by fetch time, dropping a version that repeats the
  content of the one before it;
* attachments are upserted by id with their parsed rows; a downloaded file beats a bare link. An attachment
  that a worker stored without its page (another worker fetched the page) is checked against the page now,
  as a single crawl checks it when it is downloaded (the department of a department form, the form's
  scores against the report's) — which is why every input's documents are merged before any attachment;
* crawl runs are appended with their errors (re-numbered); a run already present — the same input merged
  twice — is skipped, so merging again is harmless;
* the columns each worker found (`portal_columns`, `column_articles`) are folded together
  (`pipelines.columns.merge_columns`), so a later crawl from the merged database starts from them.

Inputs are opened read-only; OUT may already hold an earlier merge and is updated in place.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from contextlib import ExitStack, closing
from pathlib import Path

import sqlite_utils

from crawler.registry import all_portals
from pipelines.columns import merge_columns
from pipelines.crawl import check_against_page, prepare_store
from pipelines.store import ATTACHMENT_COLUMNS, CHILD_TABLES, TABLES, Store, stable_id

RUN_COLUMNS = [c for c in TABLES["crawl_runs"][0] if c != "id"]
ERROR_COLUMNS = [c for c in TABLES["crawl_errors"][0] if c not in ("id", "run_id")]
VERSION_COLUMNS = [c for c in TABLES["document_versions"][0] if c != "id"]


def merge_databases(out: Path, inputs: Iterable[Path]) -> dict[str, int]:
    """Merge every input database into `out`; returns how many rows of each kind were written."""
    inputs = [Path(p) for p in inputs]
    if any(p.resolve() == Path(out).resolve() for p in inputs):
        raise ValueError(f"{out} is also an input: merge into a new or another database")
    counts: Counter[str] = Counter()
    with ExitStack() as stack:
        sources = [
            sqlite_utils.Database(
                stack.enter_context(closing(sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)))
            )
            for path in inputs
        ]
        store = prepare_store(out, all_portals())
        stack.callback(store.close)
        for source in sources:
            for document in source.query("select * from documents order by id"):
                counts["documents"] += merge_document(store, source, document)
        for source in sources:
            for attachment in source.query("select * from attachments order by id"):
                counts["attachments"] += merge_attachment(store, source, attachment)
        for source in sources:
            merge_columns(store.db, source)
        for source in sources:
            for run in source.query("select * from crawl_runs order by id"):
                errors = append_run(store, source, run)
                if errors is not None:
                    counts["crawl_runs"] += 1
                    counts["crawl_errors"] += errors
    return {kind: counts[kind] for kind in ("documents", "attachments", "crawl_runs", "crawl_errors")}


# -- documents --------------------------------------------------------------------------------------
def merge_document(store: Store, source: sqlite_utils.Database, document: dict) -> int:
    """Merge one source document; returns 1 when its content was written (newer than what OUT held)."""
    doc_id = stable_id(document["url"])
    current = _get(store.db, "documents", doc_id)
    versions = _versions(store.db, doc_id) + _versions(source, document["id"])
    newer = current is None or (document["last_seen"] or "") > (current["last_seen"] or "")
    if newer:
        store.save_document(document, _children(source, "document_id", document["id"]), seen=document["last_seen"])
    with store.db.conn:
        store.db.table("documents").update(doc_id, merged_bookkeeping([r for r in (current, document) if r]))
        store.db.execute("delete from document_versions where document_id = ?", [doc_id])
        store.db.table("document_versions").insert_all(
            {**row, "document_id": doc_id} for row in merged_versions(versions)
        )
    return int(newer)


def merged_bookkeeping(rows: list[dict]) -> dict:
    """When the merged document was first and last seen, and its status as changed last."""
    latest_status = max(rows, key=lambda r: r["status_changed"] or "")
    return {
        "first_seen": min((r["first_seen"] for r in rows if r["first_seen"]), default=None),
        "last_seen": max((r["last_seen"] for r in rows if r["last_seen"]), default=None),
        "status": latest_status["status"],
        "status_changed": latest_status["status_changed"],
    }


def merged_versions(rows: list[dict]) -> list[dict]:
    """Version rows of one document from several databases as one history: ordered by fetch time, a row
    repeating the previous row's content dropped, numbered from 1. (`changed_fields` stays as each database
    recorded it: relative to that database's previous version.)"""
    history: list[dict] = []
    for row in sorted(rows, key=lambda r: (r["fetched"] or "", r["version"] or 0)):
        if history and history[-1]["content_sha256"] == row["content_sha256"]:
            continue
        history.append({**{k: row.get(k) for k in VERSION_COLUMNS}, "version": len(history) + 1})
    return history


def _versions(db: sqlite_utils.Database, doc_id: int) -> list[dict]:
    return list(db.query("select * from document_versions where document_id = ? order by version", [doc_id]))


# -- attachments ------------------------------------------------------------------------------------
def merge_attachment(store: Store, source: sqlite_utils.Database, attachment: dict) -> int:
    """Merge one source attachment; returns 1 when it was written (new to OUT, or a download of a bare link)."""
    current = _get(store.db, "attachments", stable_id(attachment["url"]))
    if current is not None and _downloaded(current) >= _downloaded(attachment):
        return 0
    fields = {k: attachment.get(k) for k in ATTACHMENT_COLUMNS if k not in ("id", "url")}
    children = _children(source, "attachment_id", attachment["id"])
    if _downloaded(attachment) and _get(source, "documents", attachment["document_id"]) is None:
        check_against_page(store, attachment["document_id"], children)
    store.save_attachment_file(attachment["url"], fields, children)
    return 1


def _downloaded(attachment: dict) -> bool:
    return attachment.get("sha256") is not None or attachment.get("parse_status") is not None


# -- runs and errors --------------------------------------------------------------------------------
def append_run(store: Store, source: sqlite_utils.Database, run: dict) -> int | None:
    """Append one crawl run with its errors; returns the number of errors, or None if OUT already has it."""
    row = {k: run.get(k) for k in RUN_COLUMNS}
    where = " and ".join(f"{k} is ?" for k in RUN_COLUMNS)
    if store.db.execute(f"select 1 from crawl_runs where {where}", list(row.values())).fetchone():
        return None
    errors = list(source.query("select * from crawl_errors where run_id = ? order by id", [run["id"]]))
    with store.db.conn:
        run_id = store.db.table("crawl_runs").insert(row).last_pk
        store.db.table("crawl_errors").insert_all(
            {**{k: e.get(k) for k in ERROR_COLUMNS}, "run_id": run_id} for e in errors
        )
    return len(errors)


# -- helpers ----------------------------------------------------------------------------------------
def _get(db: sqlite_utils.Database, table: str, row_id: int) -> dict | None:
    rows = list(db.query(f"select * from {table} where id = ?", [row_id]))
    return rows[0] if rows else None


def _children(source: sqlite_utils.Database, key: str, owner_id: int) -> dict[str, list[dict]]:
    """A document's own child rows (not its attachments'), or an attachment's, keyed by table."""
    only_own = " and attachment_id is null" if key == "document_id" else ""
    return {
        table: [
            {k: v for k, v in row.items() if k in columns and k not in ("id", "document_id", "attachment_id")}
            for row in source.query(f"select * from {table} where {key} = ?{only_own} order by id", [owner_id])
        ]
        for table, columns in CHILD_TABLES.items()
    }
