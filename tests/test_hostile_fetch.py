"""Fetch policy: a hostile portal cannot make the crawler fetch local files, other schemes, other hosts or
internal addresses, nor hang it. Every refusal is a `blocked_url` row, and the refused servers see nothing."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
from pathlib import Path

import pytest
import sqlite_utils
from conftest import crawl_args
from hostile_site import (
    COLUMN,
    OTHER_COLUMN,
    XLSX,
    Reply,
    article,
    list_page,
    run_govreports,
    run_portal_dict,
    serve_routes,
    silent_server,
)

from crawler.probe import fetch_url
from crawler.registry import get_portal

TIMEOUT = 2  # DOWNLOAD_TIMEOUT of these crawls (seconds)
BOUND = 90  # seconds any crawl here may take


def hostile_routes(internal: str, silent_port: int, ftp_port: int) -> dict[str, Reply]:
    data_url = "data:application/vnd.ms-excel;base64," + base64.b64encode(b"\xd0\xcf\x11\xe0secret").decode()
    return {
        COLUMN: list_page(
            [
                ("/info/1001/1.htm", "2023年度部门整体支出绩效自评报告"),
                ("/info/1001/2.htm", "2023年度部门决算公开说明"),
                (f"{internal}/info/1001/3.htm", "2023年度部门预算公开说明"),
            ]
        ),
        OTHER_COLUMN: list_page([]),
        "/info/1001/1.htm": article(
            "2023年度部门整体支出绩效自评报告",
            ["一、部门基本情况。年度预算收入120.5万元。"],
            [
                ("file:///etc/passwd", "附件1.xlsx"),
                (f"ftp://127.0.0.1:{ftp_port}/report.xlsx", "附件2.xlsx"),
                (data_url, "附件3.xls"),
                (f"{internal}/files/secret.xlsx", "附件4.xlsx"),
                ("http://169.254.169.254/latest/meta-data/x.xlsx", "附件5.xlsx"),
                (f"http://127.0.0.1:{silent_port}/hang.xlsx", "附件6.xlsx"),
                ("/files/trickle.xlsx", "附件7.xlsx"),
                ("/files/moved.xlsx", "附件8.xlsx"),
            ],
        ),
        "/files/moved.xlsx": Reply(status=302, headers={"Location": "file:///etc/hostname"}),
        "/info/1001/2.htm": Reply(status=302, headers={"Location": f"{internal}/info/1001/2.htm"}),
        "/files/trickle.xlsx": Reply(content_type=XLSX, trickle=0.2),
    }


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    """(database, run, elapsed seconds, portal base URL, internal server's log, connections to the FTP port)."""
    workdir = tmp_path_factory.mktemp("hostile-fetch")
    with (
        serve_routes({"/info/1001/3.htm": article("内部页面", ["不应被抓取。"])}) as (internal, internal_log),
        silent_server() as (silent_port, _),
        silent_server() as (ftp_port, ftp_connections),
    ):
        routes = hostile_routes(internal.replace("127.0.0.1", "localhost"), silent_port, ftp_port)
        with serve_routes(routes) as (base_url, _):
            started = time.monotonic()
            result = run_govreports(
                *crawl_args(
                    "sample", base_url, workdir, "--set", f"DOWNLOAD_TIMEOUT={TIMEOUT}", "--set", "RETRY_TIMES=0"
                ),
                timeout=BOUND,
            )
            elapsed = time.monotonic() - started
        assert result.returncode == 0, result.stderr[-3000:]
        yield (
            sqlite_utils.Database(workdir / "reports.db"),
            json.loads(result.stdout.splitlines()[-1]),
            elapsed,
            base_url,
            list(internal_log.paths),
            len(ftp_connections),
        )


def errors_by_url(db, run) -> dict[str, dict]:
    return {row["url"]: row for row in db.query("select * from crawl_errors where run_id = ?", [run["id"]])}


def test_only_http_on_the_portals_hosts_is_requested(hostile_crawl):
    db, run, _, _base_url, internal_paths, ftp_connections = hostile_crawl
    assert internal_paths == []  # neither the linked article, the redirect target nor the attachment
    errors = errors_by_url(db, run)
    blocked = {url for url, row in errors.items() if row["kind"] == "blocked_url"}
    internal = [url for url in blocked if url.startswith("http://localhost:")]
    assert {url.split("/", 3)[3] for url in internal} == {"info/1001/3.htm", "info/1001/2.htm", "files/secret.xlsx"}
    assert {"file:///etc/passwd", "http://169.254.169.254/latest/meta-data/x.xlsx"} <= blocked
    assert any(url.startswith("ftp://") for url in blocked) and any(url.startswith("data:") for url in blocked)
    assert ftp_connections == 0
    assert "scheme 'file'" in errors["file:///etc/passwd"]["message"]


def test_nothing_refused_is_stored_or_archived(hostile_crawl):
    db, _run, _, base_url, _, _ = hostile_crawl
    assert {row["url"] for row in db.query("select url from documents")} == {base_url + "/info/1001/1.htm"}
    assert db.execute("select count(*) from attachments where sha256 is not null").fetchone()[0] == 0
    archive = sqlite_utils.Database(
        Path(db.conn.execute("pragma database_list").fetchone()[2]).parent / "archive" / "index.db"
    )
    assert {url.split("/", 3)[2] for (url,) in archive.execute("select url from responses")} == {
        base_url.split("/", 3)[2]
    }  # the redirect to file:///etc/hostname included


def test_a_silent_or_trickling_server_costs_at_most_the_timeout(hostile_crawl):
    db, run, elapsed, base_url, _, _ = hostile_crawl
    # well under BOUND, which a hang without the timeout reaches (Scrapy's default timeout is 180 s); not tighter,
    # since the crawl itself takes 10-30 s on a loaded two-core machine
    assert run["status"] == "finished" and elapsed < 60
    errors = errors_by_url(db, run)
    for name in ("/files/trickle.xlsx",):
        assert errors[base_url + name]["kind"] == "network"
    hang = next(row for url, row in errors.items() if url.endswith("/hang.xlsx"))
    assert hang["kind"] == "network" and "TimeoutError" in hang["message"]


def test_a_live_portal_pointed_at_loopback_is_refused(tmp_path):
    """A portal without `allow_private_hosts` never connects to a private address, even with --base-url."""
    with serve_routes({COLUMN: list_page([])}) as (base_url, log):
        result = run_govreports(*crawl_args("kaiyuan", base_url, tmp_path), timeout=BOUND)
    assert log.paths == []
    assert result.returncode != 0
    db = sqlite_utils.Database(tmp_path / "reports.db")
    rows = list(db.query("select url, kind, message from crawl_errors"))
    assert {row["kind"] for row in rows} == {"blocked_url"}
    assert rows and all(row["url"].startswith(base_url) for row in rows)  # the first request, whichever it is
    assert "non-public address 127.0.0.1" in rows[0]["message"]


def test_hosts_listed_in_the_registry_entry_are_allowed(tmp_path):
    """An entry's `hosts:` (e.g. a finance bureau's file server) admits its attachments."""
    with serve_routes({"/files/a.xlsx": Reply(b"", content_type=XLSX)}) as (files, files_log):
        other_host = files.replace("127.0.0.1", "localhost")
        routes = {
            COLUMN: list_page([("/info/1001/1.htm", "2023年度部门决算公开说明")]),
            "/info/1001/1.htm": article(
                "2023年度部门决算公开说明",
                ["一般公共预算财政拨款支出100万元。"],
                [(f"{other_host}/files/a.xlsx", "附件.xlsx")],
            ),
        }
        with serve_routes(routes) as (base_url, _):
            portal = {**get_portal("sample"), "base_url": base_url, "hosts": ["localhost"], "start_columns": [COLUMN]}
            result = run_portal_dict(portal, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert files_log.paths == ["/robots.txt", "/files/a.xlsx"]
    db = sqlite_utils.Database(tmp_path / "reports.db")
    assert db.execute("select count(*) from crawl_errors where kind = 'blocked_url'").fetchone()[0] == 0


def test_probe_fetches_only_http():
    """`govreports probe` follows a home page's links with urllib, which would read file: and ftp: URLs."""
    with pytest.raises(ValueError, match="only http and https"):
        fetch_url("file:///etc/passwd")
    with (
        serve_routes({"/": Reply(status=302, headers={"Location": "ftp://127.0.0.1:9/x"})}) as (base_url, _),
        pytest.raises(urllib.error.HTTPError, match="not followed"),
    ):
        fetch_url(base_url + "/")
