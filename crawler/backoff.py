"""Faults a crawl should ride out: retries that back off, and redirect loops that end as errors.

`BackoffRetryMiddleware` is Scrapy's retry middleware (same settings: RETRY_TIMES, RETRY_HTTP_CODES,
RETRY_EXCEPTIONS) whose retries wait before going out again: `GOVREPORTS_RETRY_BACKOFF` seconds before the
first retry, doubling for each further one, at most `GOVREPORTS_RETRY_BACKOFF_MAX`; a `Retry-After` header
(seconds) on a 429/503 is honoured up to the same cap. Hammering a struggling county server straight away
mostly earns more 503s. The delay travels in the retry request's meta, so in a distributed crawl whichever
worker takes the retry off the shared frontier waits it out. The wait is an `await` in `process_request`
(Scrapy 2.19 runs downloader middlewares as coroutines on the asyncio reactor): it holds one of the
CONCURRENT_REQUESTS slots, not a per-host slot, so other hosts and pages go on meanwhile.

`RedirectLoopMiddleware` ends a redirect that comes back to a URL of its own chain with a `RedirectLoop`
error, which the spider records in crawl_errors. Without it the looping request is dropped silently by the
dupefilter (it has been seen), and the page vanishes from the crawl without a trace.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.asyncio import sleep

from crawler.headers import header

DELAY = "retry_delay"  # request meta: seconds to wait before sending this retry


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("GOVREPORTS_RETRY_BACKOFF", 2.0)
        self.cap = settings.getfloat("GOVREPORTS_RETRY_BACKOFF_MAX", 60.0)

    async def process_request(self, request):
        delay = request.meta.pop(DELAY, None)
        if delay:
            await sleep(delay)

    # Scrapy calls these without the deprecated `spider` argument, which RetryMiddleware still declares.
    def process_response(self, request, response):  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request):
            result.meta[DELAY] = self.delay(result.meta["retry_times"], retry_after(response.headers))
        return result

    def process_exception(self, request, exception):  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            result.meta[DELAY] = self.delay(result.meta["retry_times"])
        return result

    def delay(self, retry: int, server_asks: float | None = None) -> float:
        """Seconds before retry number `retry` (1 for the first)."""
        if server_asks is not None:
            return min(self.cap, server_asks)
        return min(self.cap, self.base * 2 ** (retry - 1))


def retry_after(headers) -> float | None:
    """A `Retry-After` header in seconds (delta-seconds or an HTTP date), or None."""
    value = (header(headers, "Retry-After") or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": UTC by RFC 5322
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class RedirectLoop(IgnoreRequest):
    pass


class RedirectLoopMiddleware:
    """Placed before Scrapy's RedirectMiddleware on the way back from the downloader (a higher number)."""

    def process_response(self, request, response):
        location = header(response.headers, "Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = urljoin(request.url, location)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            raise RedirectLoop(
                f"redirect loop: {request.url} redirects to {target}, already in its chain ({' -> '.join(chain)})"
            )
        return response
