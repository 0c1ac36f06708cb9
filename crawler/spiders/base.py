"""The base spider: a portal from the registry, its start columns, articles and attachments.

A CMS family subclasses `PortalSpider` and says how its list pages look (`parse_list`): which links are
articles and which pages come next. Everything else — start requests, article and attachment requests with
the right Referer, error items — is shared. Spiders never parse documents; they hand bodies to the item
pipeline (`pipelines.crawl.StorePipeline`).
"""
from __future__ import annotations

from urllib.parse import urljoin

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError
from w3lib.encoding import http_content_type_encoding
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from crawler.challenge import ChallengeDetected
from crawler.items import FetchedAttachment, FetchedPage, FetchError
from crawler.registry import get_portal
from pipelines.page import find_attachments


class PortalSpider(scrapy.Spider):
    cms: str = ""  # the registry's `cms` value this spider serves

    def __init__(self, portal: str | dict, base_url: str | None = None, **kwargs):
        self.portal = portal if isinstance(portal, dict) else get_portal(portal)
        if base_url:
            self.portal = {**self.portal, "base_url": base_url}
        self.portal_id = self.portal["id"]
        self.base_url = self.portal["base_url"].rstrip("/") + "/"
        super().__init__(name=f"{self.cms}:{self.portal_id}", **kwargs)

    async def start(self):
        for column in self.portal["start_columns"]:
            yield self.list_request(urljoin(self.base_url, column.lstrip("/")), column=column)

    # -- requests -----------------------------------------------------------------------------------
    def list_request(self, url: str, **meta) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                              meta={"kind": "list", **meta})

    def article_request(self, url: str, *, title: str | None = None, date: str | None = None,
                        referer: str | None = None) -> scrapy.Request:
        headers = {"Referer": referer} if referer else {}
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error, headers=headers,
                              meta={"kind": "article", "list_title": title, "list_date": date})

    def attachment_request(self, url: str, *, name: str | None, document_url: str) -> scrapy.Request:
        # Some servers refuse downloads without the article as Referer; send it always.
        return scrapy.Request(url, callback=self.parse_attachment, errback=self.on_error,
                              headers={"Referer": document_url},
                              meta={"kind": "attachment", "name": name, "document_url": document_url})

    # -- callbacks ----------------------------------------------------------------------------------
    def parse_list(self, response):
        raise NotImplementedError(f"{type(self).__name__} must say how its list pages look")

    def parse_article(self, response):
        yield FetchedPage(
            url=response.url, body=response.body, status=response.status,
            http_charset=http_content_type_encoding(response.headers.get("Content-Type", b"").decode("latin-1")), raw_sha256=response.meta.get("raw_sha256"),
            portal_id=self.portal_id, list_title=response.meta.get("list_title"),
            list_date=response.meta.get("list_date"))
        for link in find_attachments(response.selector.root, response.url):
            if link["url"]:
                yield self.attachment_request(link["url"], name=link["name"], document_url=response.url)

    def parse_attachment(self, response):
        yield FetchedAttachment(
            url=response.url, body=response.body, status=response.status,
            headers={k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v},
            raw_sha256=response.meta.get("raw_sha256"), portal_id=self.portal_id,
            document_url=response.meta["document_url"], name=response.meta.get("name"))

    def on_error(self, failure):
        request = failure.request
        if failure.check(ChallengeDetected):  # error is None while a later retry is pending
            if failure.value.error:
                yield failure.value.error
            return
        if failure.check(HttpError):
            status = failure.value.response.status
            yield FetchError(request.url, "http", f"HTTP {status}", http_status=status, portal_id=self.portal_id)
        elif failure.check(DNSLookupError, TimeoutError, TCPTimedOutError):
            yield FetchError(request.url, "network", repr(failure.value), portal_id=self.portal_id)
        else:
            yield FetchError(request.url, "network", f"{failure.type.__name__}: {failure.value}",
                             portal_id=self.portal_id)

