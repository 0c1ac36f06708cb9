"""A crawl killed with SIGKILL mid-way and resumed ends with the same database as an uninterrupted crawl."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import GOVREPORTS, PROJECT, crawl, crawl_args

from crawler.sample_portal.build import build_large_portal
from crawler.sample_portal.server import serve

ARTICLES = 240
SLOW = ["--set", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]


@pytest.fixture(scope="module")
def slow_portal(tmp_path_factory):
    site = build_large_portal(tmp_path_factory.mktemp("large") / "site", ARTICLES)
    with serve(site, latency=0.03) as base_url:
        yield base_url


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # the crawl has not created the table yet
        return 0


def kill_midway(base_url: str, workdir: Path) -> int:
    """Start a crawl, SIGKILL it once a third of the articles landed; returns how many had landed."""
    args = [GOVREPORTS, *crawl_args("sample", base_url, workdir, "--jobdir", str(workdir / "job"), *SLOW)]
    process = subprocess.Popen(args, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored_documents(workdir / "reports.db") < ARTICLES // 3:
        assert process.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline, "the crawl made no progress"
        time.sleep(0.05)
    helpers = children_of(process.pid)
    assert helpers, "the crawl extracts in a child process"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in helpers if alive(pid)], "the killed crawl left its extraction process behind"
    return stored_documents(workdir / "reports.db")


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def snapshot(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return {
            "documents": conn.execute("select id, content_sha256, status from documents order by id").fetchall(),
            "figures": conn.execute(
                "select document_id, metric, subject, value from figures order by 1, 2, 3, 4"
            ).fetchall(),
            "fts": conn.execute("select rowid from documents_fts order by rowid").fetchall(),
            "versions": conn.execute("select document_id, version from document_versions order by 1, 2").fetchall(),
        }


def test_killed_crawl_resumes_to_the_same_database(slow_portal, tmp_path):
    reference, resumed = tmp_path / "reference", tmp_path / "resumed"
    with ThreadPoolExecutor(1) as meanwhile:  # the uninterrupted crawl runs alongside, into its own database
        uninterrupted = meanwhile.submit(crawl, "sample", slow_portal, reference, *SLOW)
        landed = kill_midway(slow_portal, resumed)
        assert 0 < landed < ARTICLES
        run = crawl("sample", slow_portal, resumed, "--jobdir", str(resumed / "job"), *SLOW)
        assert uninterrupted.result()["status"] == "finished"
    assert run["status"] == "finished" and run["mode"] == "full"  # the interrupted run was noticed
    expected, actual = snapshot(reference / "reports.db"), snapshot(resumed / "reports.db")
    assert len(actual["documents"]) == ARTICLES
    assert actual == expected  # no document lost, none duplicated, one version each
    with sqlite3.connect(resumed / "reports.db") as conn:
        raw = [row[0] for row in conn.execute("select raw_sha256 from documents")]
    assert all((resumed / "archive" / "objects" / sha[:2] / sha).exists() for sha in raw)
