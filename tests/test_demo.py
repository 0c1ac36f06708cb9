"""`govreports demo`: a short progress display and a plain summary instead of Scrapy's log."""

from __future__ import annotations

import socket

import pytest
from conftest import invoke_ok, run_cli

from crawler.registry import get_portal


def _port_busy(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_demo_prints_a_summary_and_keeps_scrapys_log_in_a_file(tmp_path):
    port = int(get_portal("sample")["base_url"].rsplit(":", 1)[1])
    if _port_busy(port):
        pytest.skip(f"port {port} is in use (another demo is running)")
    result = run_cli("demo", "--no-serve", "--db", str(tmp_path / "reports.db"))
    assert "[scrapy" not in result.stdout + result.stderr and "Gave up retrying" not in result.stderr
    assert "documents" in result.stderr and "figures" in result.stderr  # the progress line
    summary = result.stdout
    assert "sample" in summary and "not government data" in summary
    assert "errors are deliberate" in summary
    log = (tmp_path / "demo-crawl.log").read_text(encoding="utf-8")
    assert "Spider closed (finished)" in log


def test_status_shows_unchanged_documents(crawled):
    workdir = crawled[0]
    line = invoke_ok("status", "--db", str(workdir / "reports.db")).stdout
    recheck = crawled[3]
    assert f"unchanged {recheck['unchanged_documents']:>5}" in line
