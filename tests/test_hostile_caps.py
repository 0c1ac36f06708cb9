"""Caps: a pager that claims 3,000,000 list pages, a run that would never end, an archive that would fill the
disk. Each cap comes from a setting, stops the walk or the run, and is recorded as `cap_reached`."""

from __future__ import annotations

import json

import sqlite_utils
from conftest import crawl_args
from hostile_site import COLUMN, OTHER_COLUMN, article, list_page, run_govreports, serve_routes

STEM = COLUMN.removesuffix(".htm")
REPORT = "2023年度部门决算公开说明"


def endless_column() -> dict:
    """A column whose pager says 1/3000000, with real list pages behind its newest few page numbers."""
    routes = {COLUMN: list_page([("/info/1001/1.htm", f"{REPORT}1")], pager="1/3000000"), OTHER_COLUMN: list_page([])}
    for page in range(1, 6):
        number = 3_000_000 - page
        routes[f"{STEM}/{number}.htm"] = list_page(
            [(f"/info/1001/{page + 1}.htm", f"{REPORT}{page + 1}")], pager=f"{page + 1}/3000000"
        )
    for article_id in range(1, 7):
        routes[f"/info/1001/{article_id}.htm"] = article(REPORT, ["本年度支出合计100万元。" * 40])
    return routes


def crawl_endless(tmp_path, *caps: str):
    with serve_routes(endless_column()) as (base_url, log):
        result = run_govreports(*crawl_args("sample", base_url, tmp_path, *caps), timeout=120)
    db = sqlite_utils.Database(tmp_path / "reports.db")
    errors = list(db.query("select url, kind, message from crawl_errors"))
    assert {error["kind"] for error in errors} == {"cap_reached"}  # nothing else failed
    return result, log.paths, errors


def test_a_pager_is_trusted_up_to_the_list_page_cap(tmp_path):
    result, paths, caps = crawl_endless(tmp_path, "--set", "GOVREPORTS_MAX_LIST_PAGES=3")
    assert result.returncode == 0, result.stderr[-2000:]
    list_pages = [p for p in paths if p.startswith(STEM + "/")]
    assert list_pages == [f"{STEM}/2999999.htm", f"{STEM}/2999998.htm"]  # the newest, then the cap
    assert len(caps) == 1 and "GOVREPORTS_MAX_LIST_PAGES = 3" in caps[0]["message"]


def test_the_request_cap_closes_the_run_and_says_so(tmp_path):
    result, paths, caps = crawl_endless(tmp_path, "--set", "GOVREPORTS_MAX_REQUESTS=4")
    assert result.returncode == 1
    assert json.loads(result.stdout.splitlines()[-1])["status"] == "max_requests"
    assert len(paths) <= 4
    assert len(caps) == 1 and "GOVREPORTS_MAX_REQUESTS = 4" in caps[0]["message"]


def test_the_archive_cap_closes_the_run_and_says_so(tmp_path):
    result, _paths, caps = crawl_endless(tmp_path, "--set", "GOVREPORTS_MAX_ARCHIVE_BYTES=3000")
    assert result.returncode == 1
    assert json.loads(result.stdout.splitlines()[-1])["status"] == "max_archive_bytes"
    assert len(caps) == 1 and "GOVREPORTS_MAX_ARCHIVE_BYTES = 3000" in caps[0]["message"]
    archive = sqlite_utils.Database(tmp_path / "archive" / "index.db")
    assert archive.execute("select sum(bytes) from responses").fetchone()[0] < 3000 + 5000  # one page past it
