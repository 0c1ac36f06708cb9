"""Schema upgrades: a database written before columns were added upgrades without moving a value, because
rows are read by column name, never by position."""

from __future__ import annotations

import sqlite3

from pipelines.store import DOCUMENT_COLUMNS, MIGRATIONS, Store, stable_id

LATER = ("http_etag", "http_last_modified")  # columns an older release did not have
URL = "http://127.0.0.1/info/1001/1.htm"


def old_database(path) -> dict:
    """A documents table as an older release wrote it, with one document; returns that row."""
    columns = [c for c in DOCUMENT_COLUMNS if c not in LATER]
    row = {column: f"old {column}" for column in columns}
    row.update(
        id=stable_id(URL),
        url=URL,
        fiscal_year=2023,
        status="live",
        content_sha256="sha",
        first_seen="2020-01-01T00:00:00+00:00",
        last_seen="2020-02-01T00:00:00+00:00",
        status_changed="2020-01-01T00:00:00+00:00",
    )
    with sqlite3.connect(path) as conn:
        conn.execute(f"create table documents ({', '.join(f'[{c}]' for c in columns)}, primary key (id))")
        conn.execute(f"insert into documents values ({', '.join('?' for _ in columns)})", [row[c] for c in columns])
    return row


def test_an_old_database_upgrades_without_moving_a_value(tmp_path):
    path = tmp_path / "old.db"
    before = old_database(path)
    store = Store(path)  # adds the later columns (at the end of the table)
    document = {k: v for k, v in before.items() if k not in ("first_seen", "last_seen", "status", "status_changed")}
    assert store.save_document(document, {}, seen="2026-01-01T00:00:00+00:00") == "unchanged"
    after = store.db["documents"].get(stable_id(URL))
    store.close()
    assert after["first_seen"] == "2020-01-01T00:00:00+00:00"  # not "live", as a read by position gave
    assert after["status_changed"] == "2020-01-01T00:00:00+00:00" and after["status"] == "live"
    assert after["last_seen"] == "2026-01-01T00:00:00+00:00"
    for column, value in before.items():
        if column != "last_seen":
            assert after[column] == value, column


def test_a_first_seen_damaged_by_reads_by_position_is_repaired(tmp_path):
    path = tmp_path / "damaged.db"
    store = Store(path)
    store.save_document({"url": URL, "title": "t", "content_sha256": "a"}, {}, seen="2021-05-01T00:00:00+00:00")
    store.db.execute("update documents set first_seen = 'live'")  # what an upgrade read by position left
    store.db.execute("delete from _sqlite_migrations")  # a database from before the repair
    store.close()
    repaired = Store(path)
    assert repaired.db["documents"].get(stable_id(URL))["first_seen"] == "2021-05-01T00:00:00+00:00"
    assert [m.name for m in MIGRATIONS.applied(repaired.db)] == ["m001_first_seen_from_versions"]
    repaired.close()
