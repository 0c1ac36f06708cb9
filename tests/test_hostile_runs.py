"""Writers and honest runs: concurrent writers lose nothing, crawls into one database take turns, and `crawl`
reports its own run, with a non-zero exit when it did not finish or every request failed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading

import pytest
import sqlite_utils
from conftest import PROJECT, crawl_args, invoke
from hostile_site import COLUMN, Reply, run_govreports, serve_routes

from pipelines.store import crawl_lock

WRITER = """
import sys
from pipelines.store import Store
store = Store(sys.argv[1])
for n in range(int(sys.argv[3])):
    url = f"http://127.0.0.1/{sys.argv[2]}/{n}.htm"
    store.save_document({"url": url, "title": "t", "body_text": "b" * 2000, "content_sha256": url},
                        {"figures": [{"metric": "sangong.total", "value": n, "source_text": "x"}] * 5})
"""


def test_concurrent_writers_lose_nothing(tmp_path):
    """Two processes writing one database at once: every write waits its turn (BEGIN IMMEDIATE)."""
    db = tmp_path / "r.db"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), name, "150"], cwd=PROJECT, stderr=subprocess.PIPE, text=True
        )
        for name in ("a", "b", "c")
    ]
    for writer in writers:
        assert writer.wait(120) == 0, writer.stderr.read()[-2000:]
    database = sqlite_utils.Database(db)
    assert database["documents"].count == 450 and database["figures"].count == 450 * 5


def summary(db) -> tuple:
    database = sqlite_utils.Database(db)
    documents = sorted(row[0] for row in database.execute("select url from documents"))
    figures = database.execute("select count(*) from figures").fetchone()[0]
    attachments = database.execute("select count(*) from attachments where sha256 is not null").fetchone()[0]
    return documents, figures, attachments


def test_two_simultaneous_crawls_end_like_one(sample_portal, tmp_path):
    alone = tmp_path / "alone"
    assert run_govreports(*crawl_args("sample", sample_portal, alone), timeout=300).returncode == 0
    shared = tmp_path / "shared"
    results = [None, None]

    def crawl(i):
        results[i] = run_govreports(*crawl_args("sample", sample_portal, shared), timeout=300)

    threads = [threading.Thread(target=crawl, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0, 0], [r.stderr[-2000:] for r in results]
    assert summary(shared / "reports.db") == summary(alone / "reports.db")
    runs = [json.loads(r.stdout.splitlines()[-1]) for r in results]
    assert sorted(run["id"] for run in runs) == [1, 2]  # each printed its own run
    assert sorted(run["new_documents"] for run in runs)[0] == 0  # the second came after the first


def test_a_crawl_refuses_a_database_another_crawl_holds(tmp_path):
    db = tmp_path / "reports.db"
    with crawl_lock(db, 0, holder="crawl of sample"):
        result = invoke(*crawl_args("sample", "http://127.0.0.1:9", tmp_path, "--set", "GOVREPORTS_DB_LOCK_WAIT=0.5"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error: another crawl is writing")
    assert "crawl of sample" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def failing_portal():
    """Every page answers 503."""
    with serve_routes({"/": Reply(b"busy", status=503), COLUMN: Reply(b"busy", status=503)}) as (base_url, _):
        yield base_url


def test_a_crawl_in_which_every_request_failed_exits_non_zero(failing_portal, tmp_path, crawled):
    shutil.copy(crawled[0] / "reports.db", tmp_path / "reports.db")  # earlier good runs
    earlier = sqlite_utils.Database(tmp_path / "reports.db").execute("select max(id) from crawl_runs").fetchone()[0]
    result = run_govreports(*crawl_args("sample", failing_portal, tmp_path, "--set", "RETRY_TIMES=0"))
    assert result.returncode == 1
    run = json.loads(result.stdout.splitlines()[-1])
    assert (run["id"], run["status"]) == (earlier + 1, "failed")  # its own run, not the earlier finished one
    assert "Error: the crawl ended 'failed'" in result.stderr


@pytest.mark.parametrize(
    "content", [b"this is not a database, just text" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_a_foreign_or_corrupt_database_is_one_clear_error(tmp_path, content):
    (tmp_path / "reports.db").write_bytes(content)
    result = invoke(*crawl_args("sample", "http://127.0.0.1:9", tmp_path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "cannot be used as the database" in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_database_is_one_clear_error(tmp_path, sample_portal):
    probe = tmp_path / "probe"
    probe.touch(mode=0o444)
    if os.access(probe, os.W_OK):  # decided before the crawl, not after it
        pytest.skip("running as a user that can write read-only files (root)")
    assert run_govreports(*crawl_args("sample", sample_portal, tmp_path)).returncode == 0
    (tmp_path / "reports.db").chmod(0o444)
    try:
        result = run_govreports(*crawl_args("sample", sample_portal, tmp_path))
    finally:
        (tmp_path / "reports.db").chmod(0o644)
    if result.returncode == 0:
        pytest.skip("running as a user that can write read-only files (root)")
    assert result.returncode == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "option,message",
    [
        (("--since", "notadate"), "not a date written YYYY-MM-DD"),
        (("--since", "2024-13-01"), "not a date written YYYY-MM-DD"),
        (("--set", "NOEQUALS"), "is not NAME=VALUE"),
        (("--set", "DOWNLOAD_TIMOUT=5"), "unknown setting 'DOWNLOAD_TIMOUT' (did you mean DOWNLOAD_TIMEOUT?)"),
        (("--set", "DOWNLOAD_TIMEOUT=soon"), "DOWNLOAD_TIMEOUT takes a number"),
        (("--set", "ROBOTSTXT_OBEY=maybe"), "ROBOTSTXT_OBEY takes true or false"),
    ],
)
def test_crawl_options_are_checked_before_anything_starts(tmp_path, option, message):
    result = invoke(*crawl_args("sample", "http://127.0.0.1:9", tmp_path, *option))
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "reports.db").exists()
