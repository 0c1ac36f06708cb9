"""Publishing: a crawled database passes the checks, broken copies are refused, the copy serves immutable."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest
from conftest import free_port

from pipelines.datasette_site import datasette_options
from pipelines.publish import UnsoundDatabase, prepare_publish, soundness_problems

SEED_INDEX_NO = "000014348/2023-02345"
SEED_TITLE = "开远市政务服务管理局2022年度部门整体和项目支出绩效自评报告"
SEED_ID = f"(select id from documents where index_no = '{SEED_INDEX_NO}')"


@pytest.fixture(scope="module")
def database(crawled):
    return crawled[0] / "reports.db"


def copy_of(database, target):
    """A private copy of the session's crawled database, safe to break."""
    with sqlite3.connect(database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def test_crawled_database_is_sound(database):
    assert soundness_problems(database) == []


BREAKAGES = {
    "figures emptied": ("delete from figures", "table figures is empty"),
    "FTS row broken": (
        f"update documents_fts set body = 'x' where rowid = {SEED_ID}",
        "documents_fts rows differ from their document's title or body",
    ),
    "FTS row missing": (f"delete from documents_fts where rowid = {SEED_ID}", "documents have no row in documents_fts"),
    "stray FTS row": (
        "insert into documents_fts(rowid, title, body) values (7, '公务 务接', '')",
        "documents_fts rows have no document",
    ),
    "orphan figure": (
        "insert into figures(document_id, metric, value) values (7, 'sangong.reception', 1)",
        "figures belong to no document",
    ),
    "span past the body": (
        "update figures set span_end = span_end + 1000000 "
        "where id = (select min(id) from figures where span_start is not null)",
        "figures have a span outside their document's body text",
    ),
    "span shifted": (
        "update figures set span_start = span_start + 1, span_end = span_end + 1 "
        "where id = (select min(id) from figures where span_start is not null)",
        "figures have a span whose text differs from their source_text",
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_broken_database_is_refused(database, tmp_path, breakage):
    sql, expected = BREAKAGES[breakage]
    broken = copy_of(database, tmp_path / "broken.db")
    with sqlite3.connect(broken) as connection:
        connection.execute(sql)
    problems = soundness_problems(broken)
    assert any(expected in problem for problem in problems), problems
    with pytest.raises(UnsoundDatabase) as refused:
        prepare_publish(broken, tmp_path / "site")
    assert refused.value.problems == problems
    assert not (tmp_path / "site" / "reports.db").exists()


def test_search_spot_check_catches_text_the_index_lacks(database, tmp_path):
    """A body edited after it was indexed: searching 三公 misses the document a substring scan finds."""
    broken = copy_of(database, tmp_path / "broken.db")
    with sqlite3.connect(broken) as connection:
        connection.execute(
            "update documents set body_text = body_text || '三公' where id = "
            "(select min(id) from documents where instr(body_text, '三公') = 0)"
        )
    problems = soundness_problems(broken)
    assert any("1 documents disagree between search and a substring scan for 三公" in p for p in problems), problems


def test_any_portal_is_judged_on_its_own_terms(database, tmp_path):
    """Without the seed report, attachments, projects or evaluations a database is still publishable."""
    other = copy_of(database, tmp_path / "other.db")
    with sqlite3.connect(other) as connection:
        seed = connection.execute(f"select id from documents where index_no = '{SEED_INDEX_NO}'").fetchone()[0]
        for table in ("figures", "projects", "evaluations", "attachments", "validation_issues"):
            connection.execute(f"delete from {table} where document_id = ?", [seed])
        connection.execute("delete from documents_fts where rowid = ?", [seed])
        connection.execute("delete from documents where id = ?", [seed])
        for table in ("projects", "evaluations", "attachments"):
            connection.execute(f"delete from {table}")
    assert soundness_problems(other) == []


def test_missing_table_is_reported_alone(tmp_path):
    sqlite3.connect(tmp_path / "empty.db").execute("create table documents (id integer)").connection.close()
    assert soundness_problems(tmp_path / "empty.db") == [
        "missing tables: figures, projects, evaluations, attachments, regions, metrics, portals, documents_fts"
    ]


@pytest.fixture(scope="module")
def published(database, tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    return prepare_publish(database, site)


def test_publishing_onto_the_database_itself_is_refused(database, tmp_path):
    own = copy_of(database, tmp_path / "reports.db")
    with pytest.raises(ValueError, match="the database itself"):
        prepare_publish(own, tmp_path)
    assert soundness_problems(own) == []


def test_published_copy_is_compact_and_self_contained(database, published):
    assert published.name == "reports.db"
    with sqlite3.connect(published) as connection:
        assert connection.execute("pragma journal_mode").fetchone()[0] == "delete"
        copied = connection.execute("select count(*) from figures").fetchone()[0]
    with sqlite3.connect(database) as connection:
        assert connection.execute("select count(*) from figures").fetchone()[0] == copied
    inspect = json.loads((published.parent / "inspect.json").read_text())["reports"]
    assert inspect["file"] == "reports.db"
    assert inspect["tables"]["figures"]["count"] == copied
    assert soundness_problems(published) == []


@pytest.fixture(scope="module")
def immutable_site(published):
    """`datasette serve -i` on the published copy, as the README tells a publisher to run it."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            "-i",
            str(published),
            "--inspect-file",
            str(published.parent / "inspect.json"),
            *datasette_options(),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            httpx.get(base + "/-/versions.json", timeout=1)
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline, "datasette did not start"
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(10)


def get(base: str, path: str, **params):
    response = httpx.get(base + path, params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def test_published_copy_serves_immutable(immutable_site, published):
    databases = get(immutable_site, "/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("reports", False)]
    seed = get(immutable_site, "/reports/documents.json", index_no=SEED_INDEX_NO, _shape="array")
    assert [row["title"] for row in seed] == [SEED_TITLE]
    tables = {t["name"]: t["count"] for t in get(immutable_site, "/reports.json")["tables"]}
    with sqlite3.connect(published) as connection:
        assert tables["documents"] == connection.execute("select count(*) from documents").fetchone()[0]
        contains = {
            row[0]
            for row in connection.execute(
                "select id from documents where instr(title, '公务接待费') or instr(body_text, '公务接待费')"
            )
        }
    found = get(
        immutable_site, "/reports/documents.json", _search="公务接待费", _col="title", _shape="array", _size="max"
    )
    assert {row["id"] for row in found} == contains and SEED_TITLE in {row["title"] for row in found}
    assert not published.with_name("reports.db-wal").exists()


def test_published_copy_keeps_region_navigation_and_canned_queries(immutable_site):
    yunnan = get(immutable_site, "/reports/documents.json", _region="云南省", _size=0)
    assert (
        yunnan["filtered_table_rows_count"]
        == get(immutable_site, "/reports/documents.json", _size=0)["filtered_table_rows_count"]
    )
    rows = get(immutable_site, "/reports/reception_by_department.json", region="开远市", year="2022", _shape="array")
    assert ("开远市政务服务管理局", 4419.0) in {(r["department"], r["reception"]) for r in rows}
