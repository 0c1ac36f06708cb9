"""The SQLite store: the tables of `pipelines.schema` (docs/data-dictionary.md), written with sqlite-utils.

One `Store` wraps one database file. Documents are keyed by a stable integer id derived from their URL,
so re-crawling or rebuilding upserts the same rows instead of adding new ones, and the FTS index can use the
same number as its rowid (Datasette's table search joins on rowid). A document's child rows (figures,
projects, evaluations, indicators, validation issues) are replaced as a whole when the document is saved:
they are a function of the document, never edited in place.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import sqlite_utils
from sqlite_utils.db import DescIndex
from sqlite_utils.migrations import Migrations

from pipelines import schema
from pipelines.columns import create_coverage_view
from pipelines.facts import FACT_FOREIGN_KEYS, FACT_INDEXES, assign_and_refresh, fact_ids_of_document
from pipelines.facts import rebuild_all as rebuild_facts
from pipelines.search import index_text
from pipelines.views import create_views

DOCUMENT_COLUMNS = schema.TABLES["documents"].columns
# Columns whose change does not make a new version (bookkeeping, not content).
UNVERSIONED = {
    "id",
    "raw_sha256",
    "http_etag",
    "http_last_modified",
    "first_seen",
    "last_seen",
    "status",
    "status_changed",
    "content_sha256",
}
ATTACHMENT_COLUMNS = schema.TABLES["attachments"].columns
# A document's rows, replaced as a whole when it is saved (with its attachments' rows when they are).
CHILD_TABLES = {
    name: schema.TABLES[name].columns
    for name in ("figures", "projects", "evaluations", "indicators", "goals", "validation_issues")
}
TABLES: dict[str, tuple[dict, str | tuple[str, ...]]] = {
    name: (table.columns, table.pk) for name, table in schema.TABLES.items()
}
_TO_DOCUMENT = [("document_id", "documents", "id"), ("attachment_id", "attachments", "id")]
# Declared so Datasette links rows to their document, metric, portal and region (not enforced by SQLite).
FOREIGN_KEYS = {
    "documents": [("portal_id", "portals", "id"), ("region_code", "regions", "code")],
    "document_versions": [("document_id", "documents", "id")],
    "attachments": [("document_id", "documents", "id")],
    "figures": [*_TO_DOCUMENT, ("metric", "metrics", "key"), ("fact_id", "facts", "id")],
    **dict.fromkeys(("projects", "evaluations", "indicators", "goals"), _TO_DOCUMENT),
    "validation_issues": [*_TO_DOCUMENT, ("fact_id", "facts", "id")],
    "facts": FACT_FOREIGN_KEYS,
    "crawl_errors": [("run_id", "crawl_runs", "id")],
    "portal_columns": [("portal_id", "portals", "id")],
    "column_articles": [("document_id", "documents", "id")],
}
FTS_TABLE = "documents_fts"
FIGURES_FTS_TABLE = "figures_fts"  # figures' source_text, bigram-indexed like documents (rowid = figures.id)


# A document's or attachment's records by child table: `pipelines.schema` records, or dicts of their fields (as
# the extractors' JSON has them); other keys (`document`, `defects` …) are not read.
Children = Mapping[str, Iterable[Any]]


class UnknownField(ValueError):
    """A parser built a field that no column holds and `schema.DROPPED` does not list."""


def table_row(table: str, record: dict | Any) -> dict:
    """The row of `table` for one record (a `pipelines.schema` record, or a dict of its fields), without `id`.
    A dict's fields must be columns or listed in `schema.DROPPED`: any other is a bug to fix in `pipelines.schema`
    (a new column, or a reason to drop it), never a silent loss."""
    columns = TABLES[table][0]
    if isinstance(record, schema.TABLES[table].record):
        return {column: getattr(record, column) for column in columns if column != "id"}
    if not isinstance(record, dict):
        raise TypeError(f"a {type(record).__name__} is no {table} record")
    unknown = record.keys() - columns.keys() - schema.dropped_fields(table)
    if unknown:
        raise UnknownField(
            f"{table} records carry {', '.join(sorted(unknown))}, which no column holds: add the column "
            "to pipelines/schema.py, or say in schema.DROPPED why it is not stored"
        )
    return {column: record.get(column) for column in columns if column != "id"}


def stable_id(url: str) -> int:
    """A positive 52-bit integer id for a URL, the same on every machine, rebuild and merge.

    52 bits (the first 13 hex digits of the URL's SHA-256) stay exact in a JavaScript number (2^53), so
    browsers, Observable and any JSON client see the id the database has. Databases from before used the
    first 15 digits; `migrate_ids_to_52_bits` shifts their ids to these.
    """
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS], 16)


ID_HEX_DIGITS = 13
OLD_ID_HEX_DIGITS = 15
_ID_OWNERS = {
    "documents": ["document_versions", "attachments", *CHILD_TABLES, "facts"],
    "attachments": [*CHILD_TABLES, "facts"],
}


def migrate_ids_to_52_bits(db: sqlite_utils.Database) -> bool:
    """Rewrite the 60-bit document and attachment ids of an older database as the 52-bit ids of
    `stable_id` (the same hash, 8 bits shorter: old >> 8), with every reference and the search index.

    Detected on one row whose id is the old hash of its URL; returns whether it migrated. Runs in one
    transaction: a crash leaves the old ids, and the next open migrates again.
    """
    if not _has_old_ids(db):
        return False
    shift = 4 * (OLD_ID_HEX_DIGITS - ID_HEX_DIGITS)
    column_of = {"documents": "document_id", "attachments": "attachment_id"}
    with db.atomic():
        for owner, referrers in _ID_OWNERS.items():
            # via negative ids, so no new id can meet an old one it has not replaced yet
            db.execute(f"update {owner} set id = -(id >> {shift})")
            db.execute(f"update {owner} set id = -id")
            for table in referrers:
                if table in db.table_names():
                    column = column_of[owner]
                    db.execute(f"update {table} set {column} = {column} >> {shift} where {column} is not null")
        db.execute(f"update {FTS_TABLE} set rowid = rowid >> {shift}")
    return True


def _has_old_ids(db: sqlite_utils.Database) -> bool:
    for table in ("documents", "attachments"):
        row = db.execute(f"select id, url from {table} where url is not null limit 1").fetchone()
        if row:
            digest = hashlib.sha256(row[1].encode("utf-8")).hexdigest()
            return row[0] == int(digest[:OLD_ID_HEX_DIGITS], 16) != int(digest[:ID_HEX_DIGITS], 16)
    return False


def ensure_facts(db: sqlite_utils.Database) -> None:
    """Give an older database its facts: the foreign keys to them, and every figure keyed and chosen."""
    for table in ("figures", "validation_issues"):
        if not any(fk.column == "fact_id" for fk in db.table(table).foreign_keys):
            db.table(table).add_foreign_key("fact_id", "facts", "id")
    unkeyed = db.execute(
        "select exists (select 1 from figures where fact_id is null and document_id in (select id from documents))"
    ).fetchone()[0]
    if unkeyed and not db.execute("select exists (select 1 from facts)").fetchone()[0]:
        with db.atomic():
            rebuild_facts(db)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


BUSY_TIMEOUT = 30.0  # seconds a write waits for another writer of the same database


def open_database(
    path: str | Path, *, isolation_level: Literal["DEFERRED", "EXCLUSIVE", "IMMEDIATE"] | None = "DEFERRED"
) -> sqlite_utils.Database:
    """A database file as the store and the raw archive open it (the one place their PRAGMAs live): WAL, so
    readers never block the writer; synchronous=NORMAL, durable at each checkpoint, which WAL makes safe; a
    writer waits up to `BUSY_TIMEOUT` for another."""
    db = sqlite_utils.Database(sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=isolation_level))
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


# Schema changes that are more than a new table or column (those `Store.ensure_schema` adds by itself): one named
# function each, applied once per database and recorded in `_sqlite_migrations` (sqlite-utils).
MIGRATIONS = Migrations("govreports")


@MIGRATIONS()
def m001_first_seen_from_versions(db: sqlite_utils.Database) -> None:
    """Older releases read the stored document back by column position, so a database upgraded with a new column
    got the document's status ('live') written into first_seen. The first version's fetch time is when the
    document was first seen."""
    db.execute("""update documents set first_seen = (select min(fetched) from document_versions v
                                                     where v.document_id = documents.id)
                  where first_seen in ('live', 'removed')""")


class DatabaseBusy(Exception):
    """Another crawl holds the database's crawl lock."""


@contextlib.contextmanager
def crawl_lock(db: str | Path, wait: float, holder: str = ""):
    """Hold the crawl lock of database `db` (an flock on `DB.lock`, released by the kernel however the process
    ends): crawls into one database run one after another. Waits up to `wait` seconds for the crawl that holds
    it, then raises DatabaseBusy naming it."""
    path = Path(f"{db}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as lock:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    lock.seek(0)
                    raise DatabaseBusy(
                        f"another crawl is writing {db} ({lock.read().strip() or 'unknown'}); waited {wait:g} s"
                    ) from None
                time.sleep(0.2)
        lock.truncate(0)
        lock.write(f"pid {os.getpid()} {holder} since {now_iso()}")
        lock.flush()
        yield


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Implicit transactions begin IMMEDIATE: a deferred BEGIN that later writes cannot wait for another
        # writer (SQLite answers "database is locked" at once, whatever busy_timeout says).
        self.db = open_database(self.path, isolation_level="IMMEDIATE")
        with self.transaction():
            self.ensure_schema()
            MIGRATIONS.apply(self.db)

    @contextlib.contextmanager
    def transaction(self):
        """A write transaction that takes the write lock up front (`BEGIN IMMEDIATE`), waiting up to
        BUSY_TIMEOUT for another writer; nested, it is a savepoint of the outer one (sqlite-utils' atomic)."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()  # a no-op when the error already ended the transaction
            raise

    # -- schema -------------------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create missing tables, and add columns that newer versions introduced to older databases."""
        for name, (columns, pk) in TABLES.items():
            table = self.db.table(name)
            table.create(columns, pk=pk, if_not_exists=True, foreign_keys=FOREIGN_KEYS.get(name))
            for column, kind in columns.items():
                if column not in table.columns_dict:
                    table.add_column(column, kind)
        self._ensure_indexes()
        if FTS_TABLE not in self.db.table_names():
            self.db.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, tokenize='unicode61')")
        if FIGURES_FTS_TABLE not in self.db.table_names():
            self.db.execute(f"CREATE VIRTUAL TABLE {FIGURES_FTS_TABLE} USING fts5(source_text, tokenize='unicode61')")
        migrate_ids_to_52_bits(self.db)
        ensure_facts(self.db)
        create_views(self.db)
        create_coverage_view(self.db)

    def _ensure_indexes(self) -> None:
        wanted = {
            # (published desc, id): Datasette's default sort with stable paging between equal dates
            "documents": [
                [DescIndex("published"), "id"],
                ["url"],
                ["portal_id"],
                ["department"],
                ["fiscal_year"],
                ["report_type"],
                ["publisher"],
                ["region_code"],
                ["status"],
            ],
            "attachments": [["document_id"], ["url"], ["sha256"]],
            "document_versions": [["document_id"]],
            "figures": [["document_id"], ["metric"], ["subject"], ["fact_id"]],
            "projects": [["document_id"]],
            "evaluations": [["document_id"]],
            "indicators": [["document_id"]],
            "goals": [["document_id"]],
            "validation_issues": [["document_id"], ["rule"], ["fact_id"]],
            "facts": FACT_INDEXES,
            "crawl_errors": [["run_id"], ["kind"]],
        }
        for table, indexes in wanted.items():
            for columns in indexes:
                self.db.table(table).create_index(
                    columns, if_not_exists=True, unique=(table, columns) == ("documents", ["url"])
                )

    # -- reference tables ---------------------------------------------------------------------------
    def upsert_portals(self, portals: Iterable[dict]) -> None:
        rows = [
            {
                **p,
                "start_columns": json.dumps(p.get("start_columns", []), ensure_ascii=False),
                "hosts": json.dumps(p.get("hosts", []), ensure_ascii=False),
                "verified": int(bool(p.get("verified", False))),
            }
            for p in portals
        ]
        keep = set(self.db["portals"].columns_dict)
        self.db.table("portals").upsert_all([{k: v for k, v in r.items() if k in keep} for r in rows], pk="id")

    def load_reference(self, table: str, rows: Iterable[dict], pk: str) -> None:
        self.db.table(table).upsert_all(rows, pk=pk, alter=True)

    # -- runs and errors ----------------------------------------------------------------------------
    def start_run(self, portal_id: str, mode: str | None = None) -> int:
        runs = self.db.table("crawl_runs").insert(
            {"portal_id": portal_id, "started": now_iso(), "mode": mode, "status": "running"}
        )
        assert runs.last_pk is not None  # set by every insert
        return runs.last_pk

    def finish_run(self, run_id: int, status: str, **counts: int) -> None:
        started = datetime.fromisoformat(self.db.table("crawl_runs").get(run_id)["started"])
        finished = datetime.now(UTC).replace(microsecond=0)
        self.db.table("crawl_runs").update(
            run_id,
            {
                "finished": finished.isoformat(),
                "duration_seconds": (finished - started).total_seconds(),
                "status": status,
                **counts,
            },
        )

    def record_error(
        self,
        run_id: int | None,
        portal_id: str | None,
        url: str,
        kind: str,
        message: str,
        http_status: int | None = None,
    ) -> None:
        self.db.table("crawl_errors").insert(
            {
                "run_id": run_id,
                "portal_id": portal_id,
                "url": url,
                "kind": kind,
                "http_status": http_status,
                "message": message[:2000],
                "time": now_iso(),
            }
        )

    # -- documents ----------------------------------------------------------------------------------
    def save_document(self, document: dict | schema.Document, children: Children, *, seen: str | None = None) -> str:
        """Upsert one document with its child rows; returns 'new', 'changed' or 'unchanged'.

        `document` holds the `documents` columns (at least url and content_sha256); `children` maps child
        table names to records without `document_id`. A new or changed document gets a `document_versions` row
        naming the fields that changed; a removed document that is served again is live again.
        """
        seen = seen or now_iso()
        row = table_row("documents", document)
        doc_id = stable_id(row["url"])
        old = next(self.db.query("select * from documents where id = ?", [doc_id]), None)  # by column name
        change = (
            "new" if old is None else ("unchanged" if old["content_sha256"] == row["content_sha256"] else "changed")
        )
        row.update(
            id=doc_id,
            last_seen=seen,
            status="live",
            first_seen=old["first_seen"] if old else seen,
            status_changed=old["status_changed"] if old and old["status"] == "live" else seen,
        )
        with self.transaction():
            self.db.table("documents").upsert(row, pk="id")
            if change != "unchanged":
                self._add_version(doc_id, row, old, seen)
            self._replace_children(
                "document_id = ? and attachment_id is null", [doc_id], {"document_id": doc_id}, children
            )
            self.db.execute(f"delete from {FTS_TABLE} where rowid = ?", [doc_id])
            self.db.execute(
                f"insert into {FTS_TABLE}(rowid, title, body) values (?, ?, ?)",
                [doc_id, index_text(row["title"]), index_text(row["body_text"])],
            )
        return change

    def _add_version(self, doc_id: int, row: dict, old: dict | None, seen: str) -> None:
        changed = sorted(
            k
            for k in DOCUMENT_COLUMNS
            if k not in UNVERSIONED and (old or {}).get(k) != row[k] and (old is not None or row[k] is not None)
        )
        version = (
            self.db.execute("select count(*) from document_versions where document_id = ?", [doc_id]).fetchone()[0] + 1
        )
        self.db.table("document_versions").insert(
            {
                "document_id": doc_id,
                "version": version,
                "content_sha256": row["content_sha256"],
                "raw_sha256": row["raw_sha256"],
                "fetched": seen,
                "changed_fields": json.dumps(changed),
            }
        )

    def touch(self, url: str, seen: str | None = None) -> None:
        """A known document answered 304 Not Modified: still there, unchanged."""
        with self.transaction():
            self.db.execute("update documents set last_seen = ? where id = ?", [seen or now_iso(), stable_id(url)])

    def mark_removed(self, url: str, seen: str | None = None) -> bool:
        """A known document is gone (404/410, or no longer listed): kept, with status 'removed'."""
        with self.transaction():
            cursor = self.db.execute(
                "update documents set status = 'removed', status_changed = ? where id = ? and status != 'removed'",
                [seen or now_iso(), stable_id(url)],
            )
        return cursor.rowcount > 0

    def _replace_children(self, scope: str, params: list, fixed: dict, children: Children) -> None:
        """Replace the child rows matching `scope` (a where clause) by `children`, with `fixed` columns set,
        keeping the figures' search index and the document's facts in step."""
        document_id = fixed["document_id"]
        previous_facts = fact_ids_of_document(self.db, document_id) if document_id is not None else set()
        self.db.execute(
            f"delete from {FIGURES_FTS_TABLE} where rowid in (select id from figures where {scope})", params
        )
        for table in CHILD_TABLES:
            self.db.execute(f"delete from {table} where {scope}", params)
            rows = [table_row(table, record) | fixed for record in children.get(table) or []]
            if rows:
                self.db.table(table).insert_all(rows)
        figures = self.db.execute(f"select id, source_text from figures where {scope}", params).fetchall()
        self.db.conn.executemany(
            f"insert into {FIGURES_FTS_TABLE}(rowid, source_text) values (?, ?)",
            [(figure_id, index_text(text)) for figure_id, text in figures],
        )
        if document_id is not None:
            assign_and_refresh(self.db, document_id, previous_facts)

    def save_attachment_link(self, document_url: str, url: str, name: str | None) -> int:
        """Record an attachment link found on a page (before or without its download)."""
        att_id = stable_id(url)
        self.db.table("attachments").upsert(
            {"id": att_id, "document_id": stable_id(document_url), "url": url, "name": name}, pk="id"
        )
        return att_id

    def save_attachment_file(self, url: str, fields: dict[str, Any], children: Children | None = None) -> int:
        """Store a downloaded attachment's file facts and whatever its parser extracted."""
        att_id = stable_id(url)
        row = {k: fields.get(k) for k in ATTACHMENT_COLUMNS if k in fields}
        doc_id = fields.get("document_id")
        with self.transaction():
            self.db.table("attachments").upsert({"id": att_id, "url": url, **row}, pk="id")
            self._replace_children(
                "attachment_id = ?", [att_id], {"document_id": doc_id, "attachment_id": att_id}, children or {}
            )
        return att_id

    def close(self) -> None:
        self.db.close()
