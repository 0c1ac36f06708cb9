"""Downloader middlewares: the raw archive sees every response before anything else does."""
from __future__ import annotations

from scrapy import signals

from crawler.archive import RawArchive


def _headers_dict(headers) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in headers.items()}


class ArchiveMiddleware:
    """Stores every response body (errors included) in the raw archive and notes its sha256 in the request meta."""

    def __init__(self, crawler, archive: RawArchive):
        self.crawler = crawler
        self.archive = archive

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler, RawArchive(crawler.settings["GOVREPORTS_ARCHIVE"]))
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request, response):
        if request.meta.get("archive", True):
            request.meta["raw_sha256"] = self.archive.put(
                response.url, response.body, status=response.status,
                headers=_headers_dict(response.headers), kind=request.meta.get("kind", "page"),
                referer=(request.headers.get("Referer") or b"").decode("latin-1") or None,
                portal_id=getattr(self.crawler.spider, "portal_id", None))
        return response

    def spider_closed(self):
        self.archive.close()
