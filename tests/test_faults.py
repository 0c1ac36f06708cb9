"""Crawling the sample portal through a faulty server: transient faults are retried with backoff and land,
permanent ones are recorded in crawl_errors, and the crawl stays bounded and stops by itself."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import sqlite_utils
from conftest import crawl
from fault_server import Fault, serve_faults
from scrapy.http.headers import Headers
from scrapy.settings import Settings

from crawler.backoff import BackoffRetryMiddleware, retry_after
from crawler.sample_portal import content

TIMEOUT = 2.0  # DOWNLOAD_TIMEOUT for this crawl (seconds)
BACKOFF = 0.5  # GOVREPORTS_RETRY_BACKOFF: the first retry waits this long, the second twice as long
RETRY_TIMES = 2
CRAWL_BOUND = 120  # seconds

COLUMN = content.COLUMNS["ysjxgl"].path
ARTICLES = [a for a in content.column_articles("ysjxgl") if a.kind == "report" and a.attachments]
TRANSIENT = {  # each fails at first, then serves the page
    "http 500 once": Fault("status", times=1, status=500),
    "http 503 twice, Retry-After 1": Fault("status", times=2, status=503, retry_after=1),
    "connection reset once": Fault("reset", times=1),
    "timeout once": Fault("timeout", times=1, seconds=TIMEOUT * 2.5),
    "truncated body twice": Fault("truncate", times=2),
    "slow": Fault("slow", seconds=TIMEOUT / 4),
}
PERMANENT = {"http 503 always": Fault("status", status=503), "connection reset always": Fault("reset")}
FAULTY = dict(zip([*TRANSIENT, *PERMANENT, "redirect loop", "wrong charset"], ARTICLES, strict=False))
ATTACHMENT = content.expected(FAULTY["slow"].id)["attachments"][0]["url"]  # of a page that lands


def path(name: str) -> str:
    return content.expected(FAULTY[name].id)["path"]


def fault_schedule() -> dict[str, Fault]:
    loop = path("redirect loop")
    return {
        **{path(name): fault for name, fault in (TRANSIENT | PERMANENT).items()},
        loop: Fault("redirect", location=loop + "?again=1"),
        loop + "?again=1": Fault("redirect", location=loop),
        path("wrong charset"): Fault("charset"),
        COLUMN: Fault("status", times=1, status=503),  # the column's first list page
        ATTACHMENT: Fault("truncate", times=1),
    }


@pytest.fixture(scope="module")
def faulty_crawl(sample_site, tmp_path_factory):
    """(database, crawl_runs row, fault log, base URL, seconds the crawl took)."""
    workdir = tmp_path_factory.mktemp("faults")
    with serve_faults(sample_site, fault_schedule()) as (base_url, log):
        started = time.monotonic()
        run = crawl(
            "sample",
            base_url,
            workdir,
            "--set",
            f"DOWNLOAD_TIMEOUT={TIMEOUT}",
            "--set",
            f"GOVREPORTS_RETRY_BACKOFF={BACKOFF}",
            "--set",
            f"RETRY_TIMES={RETRY_TIMES}",
        )
        elapsed = time.monotonic() - started
    return sqlite_utils.Database(workdir / "reports.db"), run, log, base_url, elapsed


def broken_ids() -> set[int]:
    return {FAULTY[name].id for name in [*PERMANENT, "redirect loop"]}


def test_the_crawl_finishes_by_itself_within_bounds(faulty_crawl):
    _, run, log, _, elapsed = faulty_crawl
    assert run["status"] == "finished" and elapsed < CRAWL_BOUND
    # Twisted re-sends a request once by itself when a reused keep-alive connection drops before any answer,
    # so a path that always resets sees up to twice Scrapy's attempts; nothing else exceeds them.
    resets = {path("connection reset once"), path("connection reset always")}
    for requested, times in log.attempts.items():
        limit = 2 * (RETRY_TIMES + 1) if requested in resets else RETRY_TIMES + 1
        assert len(times) <= limit, requested
    assert run["requests"] <= sum(len(times) for times in log.attempts.values())


def test_healthy_pages_are_fetched_once(faulty_crawl):
    _, _, log, _, _ = faulty_crawl
    faulty = set(fault_schedule()) | {content.expected(i)["path"] for i in content.ERROR_IDS}
    assert all(len(times) == 1 for requested, times in log.attempts.items() if requested not in faulty)


def test_every_page_the_faults_let_through_lands(faulty_crawl):
    db, run, _, base_url, _ = faulty_crawl
    listed = {a.id for key in ("ysjxgl", "bmjs") for a in content.column_articles(key)}
    landing = listed - set(content.MISSING_IDS + content.ERROR_IDS) - broken_ids()
    stored = {row["url"]: row for row in db.query("select * from documents")}
    assert set(stored) == {base_url + content.expected(i)["path"] for i in landing}
    for article_id in landing:
        expected = content.expected(article_id)
        row = stored[base_url + expected["path"]]
        assert {k: row[k] for k in expected["document"]} == expected["document"], article_id
    assert run["new_documents"] == len(landing)


def test_attachments_of_landed_reports_are_parsed(faulty_crawl):
    db, _, _, _, _ = faulty_crawl
    landed_reports = set(content.report_ids()) - broken_ids()
    expected = sum(len(content.expected(i)["attachments"]) for i in landed_reports)
    assert dict(
        db.execute("select parse_status, count(*) from attachments where sha256 is not null group by 1").fetchall()
    ) == {"ok": expected}


def test_permanent_faults_are_recorded_with_a_clear_message(faulty_crawl):
    db, run, _, base_url, _ = faulty_crawl
    errors = {row["url"]: row for row in db.query("select * from crawl_errors where run_id = ?", [run["id"]])}
    url = lambda name: base_url + path(name)  # noqa: E731
    assert (errors[url("http 503 always")]["kind"], errors[url("http 503 always")]["http_status"]) == ("http", 503)
    assert errors[url("http 503 always")]["message"] == "HTTP 503"
    reset = errors[url("connection reset always")]
    assert reset["kind"] == "network" and "ConnectionLost" in reset["message"]
    loop = errors[url("redirect loop") + "?again=1"]
    assert loop["kind"] == "network" and "redirect loop" in loop["message"] and url("redirect loop") in loop["message"]
    known = {
        base_url + content.expected(i)["path"] for i in content.MISSING_IDS + content.ERROR_IDS + content.MALFORMED_IDS
    }
    assert set(errors) == known | {url("http 503 always"), url("connection reset always"), loop["url"]}
    assert run["errors"] == len(errors)


def test_retries_back_off_exponentially_and_honour_retry_after(faulty_crawl):
    _, _, log, _, _ = faulty_crawl
    first, second = log.gaps(path("http 503 always"))
    assert first >= BACKOFF and second >= 2 * BACKOFF
    assert all(gap >= 1.0 for gap in log.gaps(path("http 503 twice, Retry-After 1")))
    assert log.gaps(path("timeout once"))[0] > TIMEOUT  # retried only once the timeout had struck


def test_a_wrong_charset_header_keeps_attachment_names(faulty_crawl):
    db, _, _, base_url, _ = faulty_crawl
    article = content.expected(FAULTY["wrong charset"].id)
    names = {
        row[0]
        for row in db.execute(
            "select a.name from attachments a join documents d on d.id = a.document_id where d.url = ?",
            [base_url + article["path"]],
        )
    }
    assert names == {a["name"] for a in article["attachments"]}


def test_backoff_doubles_up_to_its_cap_and_retry_after_wins():
    middleware = BackoffRetryMiddleware(Settings({"GOVREPORTS_RETRY_BACKOFF": 0.5, "GOVREPORTS_RETRY_BACKOFF_MAX": 3}))
    assert [middleware.delay(n) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 3.0]
    assert middleware.delay(1, server_asks=2.0) == 2.0 and middleware.delay(1, server_asks=600.0) == 3.0


def test_retry_after_in_seconds_or_as_an_http_date():
    in_30s = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert retry_after(Headers({"Retry-After": "120"})) == 120
    assert 20 <= retry_after(Headers({"Retry-After": in_30s})) <= 30
    assert retry_after(Headers()) is None and retry_after(Headers({"Retry-After": "soon"})) is None
    assert retry_after({"retry-after": "120"}) == 120  # an archived fetch's headers
