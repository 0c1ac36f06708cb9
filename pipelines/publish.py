"""Checks a database must pass before it is published, and the immutable copy Datasette serves.

`soundness_problems` reads the database (never writes it) and lists what would make the published site wrong
or misleading: no documents or no figures, a search index out of step with its documents, figures pointing at
nothing or at text that is not there. It judges any database on its own terms: a crawl of one portal with no
attachments or self-evaluation reports is as publishable as the demo. `prepare_publish` refuses an unsound database;
otherwise it writes a compact, self-contained copy (rollback journal, vacuumed) and the `datasette inspect`
file, so the copy can be served immutable: `datasette serve -i reports.db --inspect-file inspect.json`.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from pipelines.search import fts_query, index_text

CORE_TABLES = ("documents", "figures", "projects", "evaluations", "attachments", "regions", "metrics", "portals")
# Tables that must hold rows; projects, evaluations and attachments may legitimately be empty (a portal that
# publishes only budgets and final accounts, without forms).
REQUIRED_ROWS = ("documents", "figures", "regions", "metrics", "portals")
FTS_TABLE = "documents_fts"
# Two-character terms common in the reports: the index must find exactly the documents a substring scan finds.
SPOT_CHECK_TERMS = ("三公", "预算", "绩效", "接待", "培训")
# The documents whose index text and search results are checked: ids are hashes of URLs, so the first ones
# by id are a spread over portals and years. All of them on small databases; a bounded cost on large ones.
SAMPLE_SIZE = 1000
SAMPLE_SQL = "select id, title, body_text from documents order by id limit :sample"
EXAMPLES = 5
PUBLISHED_NAME = "reports.db"  # the database is served as "reports", the name datasette_site/metadata.yaml configures
INSPECT_NAME = "inspect.json"


class UnsoundDatabase(Exception):
    """The database failed the publishing checks; `problems` lists them."""

    def __init__(self, problems: list[str]):
        super().__init__("the database is not fit to publish:\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


def soundness_problems(db_path: str | Path) -> list[str]:
    """Everything that makes the database unfit to publish, as sentences; empty when it is sound."""
    connection = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        missing = [t for t in (*CORE_TABLES, FTS_TABLE) if not _table_exists(connection, t)]
        if missing:
            return [f"missing tables: {', '.join(missing)}"]
        checks = (_integrity, _empty_tables, _fts_rowids, _fts_content, _fts_search, _orphan_figures, _figure_spans)
        return [problem for check in checks for problem in check(connection)]
    finally:
        connection.close()


def prepare_publish(db_path: str | Path, out_dir: str | Path) -> Path:
    """Copy a sound database into `out_dir` ready to serve immutable; returns the copy's path.

    The copy is taken with SQLite's backup API (consistent even while a crawl writes the source), switched
    from WAL to a rollback journal (an immutable file must not need -wal/-shm files beside it) and vacuumed;
    `inspect.json` beside it holds the table counts Datasette would otherwise compute at start-up.
    Raises UnsoundDatabase, and writes nothing, when the checks fail.
    """
    out_dir = Path(out_dir)
    problems = soundness_problems(db_path)
    if problems:
        raise UnsoundDatabase(problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / PUBLISHED_NAME
    if target.resolve() == Path(db_path).resolve():
        raise ValueError(f"{target} is the database itself: publish into another folder")
    for stale in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)
    source = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("pragma journal_mode=delete")
        copy.execute("vacuum")
    finally:
        copy.close()
        source.close()
    # Run inside out_dir so the file name recorded in inspect.json is relative: the folder can be moved.
    subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", PUBLISHED_NAME, "--inspect-file", INSPECT_NAME],
        cwd=out_dir,
        check=True,
        capture_output=True,
    )
    return target


def _table_exists(connection: sqlite3.Connection, name: str) -> bool:
    return (
        connection.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name]).fetchone()
        is not None
    )


def _ids(connection: sqlite3.Connection, sql: str, params=()) -> list[int]:
    return [row[0] for row in connection.execute(sql, params)]


def _described(count: int, what: str, ids: list) -> str:
    shown = ", ".join(str(i) for i in ids[:EXAMPLES]) + (", …" if len(ids) > EXAMPLES else "")
    return f"{count} {what} (e.g. {shown})"


def _integrity(connection: sqlite3.Connection) -> list[str]:
    result = [row[0] for row in connection.execute("pragma quick_check")]
    return [] if result == ["ok"] else [f"SQLite quick_check failed: {'; '.join(result[:EXAMPLES])}"]


def _empty_tables(connection: sqlite3.Connection) -> list[str]:
    return [
        f"table {table} is empty"
        for table in REQUIRED_ROWS
        if connection.execute(f"select not exists (select 1 from [{table}])").fetchone()[0]
    ]


def _fts_rowids(connection: sqlite3.Connection) -> list[str]:
    unindexed = _ids(connection, f"select id from documents where id not in (select rowid from {FTS_TABLE})")
    stray = _ids(connection, f"select rowid from {FTS_TABLE} where rowid not in (select id from documents)")
    problems = []
    if unindexed:
        problems.append(_described(len(unindexed), f"documents have no row in {FTS_TABLE}", unindexed))
    if stray:
        problems.append(_described(len(stray), f"{FTS_TABLE} rows have no document", stray))
    return problems


def _fts_content(connection: sqlite3.Connection) -> list[str]:
    """The index text of the sample documents must be what `index_text` makes of their title and body."""
    rows = connection.execute(
        f"select d.id, d.title, d.body_text, f.title, f.body from ({SAMPLE_SQL}) d "
        f"join {FTS_TABLE} f on f.rowid = d.id",
        {"sample": SAMPLE_SIZE},
    )
    stale = [
        doc_id
        for doc_id, title, body, fts_title, fts_body in rows
        if (fts_title, fts_body) != (index_text(title), index_text(body))
    ]
    if not stale:
        return []
    return [_described(len(stale), f"{FTS_TABLE} rows differ from their document's title or body", stale)]


def _fts_search(connection: sqlite3.Connection) -> list[str]:
    """Among the sample documents, searching a 2-character term must find exactly those that contain it."""
    problems = []
    for term in SPOT_CHECK_TERMS:
        params = {"sample": SAMPLE_SIZE, "term": term, "match": fts_query(term)}
        indexed = set(
            _ids(
                connection,
                f"select rowid from {FTS_TABLE} where {FTS_TABLE} match :match "
                f"and rowid in (select id from ({SAMPLE_SQL}))",
                params,
            )
        )
        scanned = set(
            _ids(
                connection,
                f"select id from ({SAMPLE_SQL}) where instr(title, :term) or instr(body_text, :term)",
                params,
            )
        )
        if indexed != scanned:
            differing = sorted(indexed ^ scanned)
            problems.append(
                _described(
                    len(differing),
                    f"documents disagree between search and a substring scan for {term} "
                    f"(search finds {len(indexed)}, the scan {len(scanned)})",
                    differing,
                )
            )
    return problems


def _orphan_figures(connection: sqlite3.Connection) -> list[str]:
    orphans = _ids(
        connection, "select id from figures where document_id is null or document_id not in (select id from documents)"
    )
    return [_described(len(orphans), "figures belong to no document", orphans)] if orphans else []


def _figure_spans(connection: sqlite3.Connection) -> list[str]:
    """A figure's span must lie inside its document's body text and hold exactly its source text.

    Bodies are read once per document (figures come ordered by document), not once per figure.
    """
    outside, mismatched = [], []
    body_of, body = None, ""
    rows = connection.execute(
        "select f.id, f.document_id, f.span_start, f.span_end, f.source_text from figures f "
        "where (f.span_start is not null or f.span_end is not null) "
        "and f.document_id in (select id from documents) order by f.document_id"
    )
    for figure_id, document_id, start, end, source_text in rows:
        if document_id != body_of:
            body_of = document_id
            body = connection.execute(
                "select coalesce(body_text, '') from documents where id = ?", [document_id]
            ).fetchone()[0]
        if start is None or end is None or not 0 <= start < end <= len(body):
            outside.append(figure_id)
        elif body[start:end] != source_text:
            mismatched.append(figure_id)
    problems = []
    if outside:
        problems.append(_described(len(outside), "figures have a span outside their document's body text", outside))
    if mismatched:
        problems.append(
            _described(len(mismatched), "figures have a span whose text differs from their source_text", mismatched)
        )
    return problems
