"""Downloader middlewares: the raw archive sees every response before anything else does."""

from __future__ import annotations

from scrapy import signals
from scrapy.utils.defer import _schedule_coro

from crawler.archive import RawArchive
from crawler.fetch_policy import cap_reached
from crawler.headers import header, headers_text


class ArchiveMiddleware:
    """Stores every response body (errors included) in the raw archive and notes its sha256 in the request meta.

    The portal's share of the archive is capped at `GOVREPORTS_MAX_ARCHIVE_BYTES`: the response that reaches the
    cap is still stored, then the run is closed as `max_archive_bytes` and the cap recorded."""

    def __init__(self, crawler, archive: RawArchive):
        self.crawler = crawler
        self.archive = archive
        self.max_bytes = crawler.settings.getint("GOVREPORTS_MAX_ARCHIVE_BYTES")
        self.portal_bytes: int | None = None  # counted from the archive at the first response

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler, RawArchive(crawler.settings["GOVREPORTS_ARCHIVE"]))
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request, response):
        if request.meta.get("archive", True):
            self._count(response)
            request.meta["raw_sha256"] = self.archive.put(
                response.url,
                response.body,
                status=response.status,
                headers=headers_text(response.headers),
                kind=request.meta.get("kind", "page"),
                referer=header(request.headers, "Referer") or None,
                portal_id=getattr(self.crawler.spider, "portal_id", None),
            )
        return response

    def _count(self, response) -> None:
        portal_id = getattr(self.crawler.spider, "portal_id", None)
        if not self.max_bytes or portal_id is None:
            return
        if self.portal_bytes is None:
            self.portal_bytes = self.archive.portal_bytes(portal_id)
        before, self.portal_bytes = self.portal_bytes, self.portal_bytes + len(response.body)
        if before <= self.max_bytes < self.portal_bytes:
            message = (
                f"the portal's raw archive reached GOVREPORTS_MAX_ARCHIVE_BYTES = {self.max_bytes} bytes; "
                "closing the run"
            )
            self.crawler.signals.send_catch_log(cap_reached, url=response.url, message=message)
            _schedule_coro(self.crawler.engine.close_spider_async(reason="max_archive_bytes"))

    def spider_closed(self):
        self.archive.close()
