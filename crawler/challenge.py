"""Bot challenges: answers that are a JavaScript cookie challenge instead of the page asked for.

Many Chinese government sites sit behind an anti-bot gateway. Instead of the page it answers with a small
script that computes a cookie and reloads, typically:

* 瑞数 (RiverSecurity): HTTP 412 (some versions 202), `$_ts=window['$_ts']`, `<meta … r='m'>`, cookies named
  like `FSSBBIl1UgzbN7N80S` / `…T`;
* 加速乐 (Knownsec): HTTP 521 (also 512), `<script>document.cookie=…;location.href=location.pathname+…`,
  cookies `__jsluid_*` / `__jsl_clearance[_s]`;
* Aliyun WAF: HTTP 200, `var arg1='…'` computing `acw_sc__v2`, then a reload;
* the `_guard` WAF: HTTP 200, a ~40-byte `<script src="/_guard/auto.js"></script>` stub.

`ChallengeMiddleware` (a downloader middleware) recognises them so a challenge page is never stored as a
document: it counts it (`govreports/challenges`), retries it later a bounded number of times and finally hands
the spider's errback a `ChallengeDetected` failure carrying a `FetchError(kind="challenge")` item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest

from pipelines.items import FetchError

CHALLENGE_STATUSES = {412: "412 (瑞数-style)", 521: "521 (加速乐-style)"}

# Markers that only anti-bot gateways print. Searched in the first bytes of small bodies, case-sensitively.
BODY_MARKERS = {
    "$_ts=window": "瑞数 $_ts",
    "FSSBBIl1UgzbN7N": "瑞数 cookie",
    "__jsl_clearance": "加速乐 __jsl_clearance",
    "__jsluid": "加速乐 __jsluid",
    "acw_sc__v2": "Aliyun acw_sc__v2",
    "_guard/auto.js": "_guard WAF",
    "/cdn-cgi/challenge-platform/": "Cloudflare challenge",
}
_COOKIE_WRITE = re.compile(r"document\s*\.\s*cookie\s*=")
_RELOAD = re.compile(r"location\s*\.\s*(?:reload|replace|href\s*=|assign)|(?:window|document)\s*\.\s*location\s*=")
_SCRIPT = re.compile(rb"<script\b.*?</script\s*>", re.I | re.S)
_STYLE = re.compile(rb"<style\b.*?</style\s*>", re.I | re.S)
_TAG = re.compile(rb"<[^>]*>", re.S)
_SPACE = re.compile(rb"\s+|&nbsp;")

# A challenge page shows (almost) nothing: real pages carry navigation, a title and body text. The gateways'
# own scripts can weigh 60 kB, so the test is on visible text, not on bytes.
MAX_VISIBLE_TEXT = 200
SCANNED_BYTES = 256 * 1024


@dataclass(frozen=True)
class Challenge:
    status: int
    marker: str

    def describe(self) -> str:
        return f"bot challenge (HTTP {self.status}, {self.marker})"


def detect_challenge(status: int, body: bytes) -> Challenge | None:
    """The challenge a response is, or None for an ordinary page. Pure: also usable over the raw archive."""
    if status in CHALLENGE_STATUSES:
        return Challenge(status, _body_marker(body) or CHALLENGE_STATUSES[status])
    if not 200 <= status < 300 or _visible_text_length(body) > MAX_VISIBLE_TEXT:
        return None
    marker = _body_marker(body)
    return Challenge(status, marker) if marker else None


def _body_marker(body: bytes) -> str | None:
    head = body[:SCANNED_BYTES].decode("latin-1")
    for needle, name in BODY_MARKERS.items():
        if needle in head:
            return name
    if _COOKIE_WRITE.search(head) and _RELOAD.search(head):
        return "script sets a cookie and reloads"
    return None


def _visible_text_length(body: bytes) -> int:
    text = _TAG.sub(b"", _STYLE.sub(b"", _SCRIPT.sub(b"", body[:SCANNED_BYTES])))
    return len(_SPACE.sub(b"", text))


class ChallengeDetected(IgnoreRequest):
    """Raised for a challenge answer. `error` is the item to record, or None while a retry is scheduled."""

    def __init__(self, challenge: Challenge, error: FetchError | None):
        super().__init__(challenge.describe())
        self.challenge = challenge
        self.error = error


class ChallengeMiddleware:
    """Keeps challenge answers away from spider callbacks; retries them later, then records them.

    Settings: `GOVREPORTS_CHALLENGE_RETRIES` (how many later retries, default 1) and
    `GOVREPORTS_CHALLENGE_RETRY_DELAY` (seconds before each, default 300). A pending retry keeps the spider open.
    """

    def __init__(self, crawler, retries: int, delay: float):
        self.crawler = crawler
        self.retries = retries
        self.delay = delay
        self.pending: set = set()

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(
            crawler,
            crawler.settings.getint("GOVREPORTS_CHALLENGE_RETRIES", 1),
            crawler.settings.getfloat("GOVREPORTS_CHALLENGE_RETRY_DELAY", 300.0),
        )
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request, response, spider=None):
        if urlsplit(request.url).path == "/robots.txt":  # Scrapy's robots middleware judges its own fetch
            return response
        challenge = detect_challenge(response.status, response.body)
        if challenge is None:
            return response
        self.crawler.stats.inc_value("govreports/challenges")
        attempt = request.meta.get("challenge_attempt", 0)
        if attempt < self.retries:
            self._retry_later(request, attempt + 1)
            raise ChallengeDetected(challenge, None)
        portal_id = getattr(self.crawler.spider, "portal_id", None)
        tries = f"; gave up after {attempt} later retr{'y' if attempt == 1 else 'ies'}" if attempt else ""
        raise ChallengeDetected(
            challenge,
            FetchError(
                request.url, "challenge", challenge.describe() + tries, http_status=response.status, portal_id=portal_id
            ),
        )

    def _retry_later(self, request, attempt: int) -> None:
        from twisted.internet import reactor  # imported late: importing it early would install the wrong reactor

        retry = request.replace(dont_filter=True, meta={**request.meta, "challenge_attempt": attempt})
        self.crawler.stats.inc_value("govreports/challenge_retries")
        call = reactor.callLater(self.delay, self._resend, retry)
        self.pending.add(call)

    def _resend(self, retry) -> None:
        self.pending = {call for call in self.pending if call.active()}
        self.crawler.engine.crawl(retry)

    def spider_idle(self, spider=None):
        if any(call.active() for call in self.pending):
            raise DontCloseSpider

    def spider_closed(self, spider=None):
        for call in self.pending:
            if call.active():
                call.cancel()
