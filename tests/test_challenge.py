"""Bot challenges: recognised by status and body, counted, retried later, recorded, never stored as documents."""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from mirror_server import MIRRORS, collect_items, crawl_mirror, serve_mirror
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.challenge import ChallengeDetected, ChallengeMiddleware, detect_challenge
from crawler.spiders.trs import TrsSpider

RIVERSECURITY = (
    b"<html><head><meta id='a1' content='xYz' r='m'><script r='m'>$_ts=window['$_ts'];"
    b"if(!$_ts)$_ts={};$_ts.nsd=1;$_ts.cd='qqq';</script></head><body></body></html>"
)
JIASULE = (
    b"<script>document.cookie=('__jsl_clearance_s=1700000000.1|0|abc');"
    b"location.href=location.pathname+location.search</script>"
)
ALIYUN = (
    b"<html><script>var arg1='0A1B2C';function r(x){document.cookie='acw_sc__v2='+x;"
    b"document.location.reload();}r(arg1);</script></html>"
)
GUARD = b'<script src="/_guard/auto.js"></script>'
COOKIE_RELOAD = (
    b"<html><body><script>document.cookie='token=1; path=/'; window.location.reload();</script></body></html>"
)


@pytest.mark.parametrize(
    "status, body, marker",
    [
        (412, RIVERSECURITY, "瑞数 $_ts"),
        (412, b"", "412 (瑞数-style)"),
        (202, RIVERSECURITY, "瑞数 $_ts"),
        (521, JIASULE, "加速乐 __jsl_clearance"),
        (200, ALIYUN, "Aliyun acw_sc__v2"),
        (200, GUARD, "_guard WAF"),
        (200, COOKIE_RELOAD, "script sets a cookie and reloads"),
    ],
)
def test_challenges_are_recognised(status, body, marker):
    challenge = detect_challenge(status, body)
    assert (challenge.status, challenge.marker) == (status, marker)


ARTICLE_TEXT = "示例县水务局2022年度部门整体支出绩效自评报告。" * 20


@pytest.mark.parametrize(
    "status, body",
    [
        (
            200,
            f"<html><head><script>$_ts=window['$_ts'];</script></head><body><p>{ARTICLE_TEXT}</p></body></html>".encode(),
        ),
        (200, f"<html><body><script>document.cookie='font=16';</script><p>{ARTICLE_TEXT}</p></body></html>".encode()),
        (200, b"<html><body><script>document.cookie='a=1';</script></body></html>"),
        (404, RIVERSECURITY),
        (200, b""),
    ],
)
def test_ordinary_pages_are_not_challenges(status, body):
    """A page with real text keeps a gateway's script (瑞数 instruments every page); a cookie without a reload,
    or an error status, is not a challenge."""
    assert detect_challenge(status, body) is None


def test_no_mirror_page_but_the_challenges_is_a_challenge():
    for family in ("trs", "hanweb", "generic"):
        root = MIRRORS / family
        challenges = json.loads((root / "expected.json").read_text("utf-8"))["challenges"]
        for file in root.rglob("*.html"):
            path = "/" + file.relative_to(root).as_posix()
            found = detect_challenge(challenges.get(path, 200), file.read_bytes())
            assert (found is not None) == (path in challenges), path


def _middleware(retries: int):
    crawler = get_crawler(TrsSpider, {"GOVREPORTS_CHALLENGE_RETRIES": retries})
    return ChallengeMiddleware.from_crawler(crawler), crawler


def _response(url: str, status: int, body: bytes, request: Request) -> HtmlResponse:
    return HtmlResponse(url=url, status=status, body=body, request=request)


def test_middleware_passes_ordinary_pages_through():
    middleware, _ = _middleware(retries=1)
    request = Request("http://gov.test/a/t20230101_1.html")
    response = _response(request.url, 200, ARTICLE_TEXT.encode(), request)
    assert middleware.process_response(request, response) is response


def test_middleware_records_a_challenge_once_retries_are_spent():
    middleware, crawler = _middleware(retries=1)
    request = Request("http://gov.test/a/t20230101_1.html", meta={"challenge_attempt": 1})
    with pytest.raises(ChallengeDetected) as raised:
        middleware.process_response(request, _response(request.url, 412, RIVERSECURITY, request))
    error = raised.value.error
    assert (error.url, error.kind, error.http_status) == (request.url, "challenge", 412)
    assert "瑞数" in error.message and "1 later retry" in error.message
    assert crawler.stats.get_value("govreports/challenges") == 1
    assert not middleware.pending


def test_middleware_without_retries_records_at_once():
    middleware, _ = _middleware(retries=0)
    request = Request("http://gov.test/a/t20230101_2.html")
    with pytest.raises(ChallengeDetected) as raised:
        middleware.process_response(request, _response(request.url, 200, ALIYUN, request))
    assert raised.value.error.kind == "challenge"
    assert raised.value.error.http_status == 200


def test_project_settings_enable_the_middleware_after_the_archive():
    """The archive keeps the challenge body (it sees responses first), then the challenge middleware acts."""
    middlewares = project_settings.DOWNLOADER_MIDDLEWARES
    assert "crawler.challenge.ChallengeMiddleware" in middlewares
    assert middlewares["crawler.challenge.ChallengeMiddleware"] < middlewares["crawler.middlewares.ArchiveMiddleware"]


def test_mirror_challenges_are_retried_then_recorded_as_errors(tmp_path):
    challenges = json.loads((MIRRORS / "trs" / "expected.json").read_text("utf-8"))["challenges"]
    with serve_mirror(MIRRORS / "trs") as base_url:
        result = collect_items("mirror-trs", base_url, tmp_path)
    errors = [item for item in result["items"] if item["type"] == "FetchError"]
    assert sorted((e["url"].removeprefix(base_url), e["kind"], e["http_status"]) for e in errors) == sorted(
        (path, "challenge", status) for path, status in challenges.items()
    )
    assert result["stats"]["govreports/challenges"] == 2 * len(challenges)  # first answer and one later retry
    assert result["stats"]["govreports/challenge_retries"] == len(challenges)


def test_mirror_challenge_gives_a_crawl_error_row_and_no_document(tmp_path):
    challenges = json.loads((MIRRORS / "trs" / "expected.json").read_text("utf-8"))["challenges"]
    with serve_mirror(MIRRORS / "trs") as base_url:
        crawl_mirror("mirror-trs", base_url, tmp_path)
    db = sqlite_utils.Database(tmp_path / "reports.db")
    rows = {
        row["url"].removeprefix(base_url): (row["kind"], row["http_status"])
        for row in db.query("select url, kind, http_status from crawl_errors")
    }
    assert rows == {path: ("challenge", status) for path, status in challenges.items()}
    documents = {row["url"].removeprefix(base_url) for row in db.query("select url from documents")}
    assert documents and not documents & set(challenges)
