"""The base spider: a portal from the registry, its start columns, articles and attachments.

A CMS family subclasses `PortalSpider` and says how its list pages look (`parse_list`): which links are
articles and which pages come next. Everything else — start requests, article and attachment requests with
the right Referer, error items — is shared. Spiders never parse documents; they hand bodies to the item
pipeline (`pipelines.crawl.StorePipeline`).
"""
from __future__ import annotations

from urllib.parse import urljoin

import scrapy
from parsel import Selector
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from w3lib.encoding import http_content_type_encoding

from crawler.challenge import ChallengeDetected
from crawler.items import FetchedAttachment, FetchedPage, FetchError, PageGone, PageUnchanged
from crawler.registry import get_portal
from crawler.state import Known, interrupted_run, load_known, pending_attachments
from pipelines.metadata import parse_date
from pipelines.page import find_attachments
from pipelines.text import decode_bytes


MODES = ("incremental", "full", "recheck")


class PortalSpider(scrapy.Spider):
    """Crawl modes:

    * `incremental` (default): read each column newest first and stop paging once `margin` consecutive
      articles are already known (and their listed date unchanged), or older than `since`;
    * `full`: walk every list page, fetch every article not yet known (a killed run resumes this way);
    * `recheck`: walk every list page and re-request every known article conditionally (ETag /
      Last-Modified): edits are re-extracted, 404/410 and articles gone from their list become `removed`.
    """

    cms: str = ""  # the registry's `cms` value this spider serves
    complete_lists: bool = True  # a full walk of the start columns lists every article (removal detection)

    def __init__(self, portal: str | dict, base_url: str | None = None, mode: str = "incremental",
                 since: str | None = None, margin: int | str = 10, **kwargs):
        self.portal = portal if isinstance(portal, dict) else get_portal(portal)
        if base_url:
            self.portal = {**self.portal, "base_url": base_url}
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.portal_id = self.portal["id"]
        self.base_url = self.portal["base_url"].rstrip("/") + "/"
        self.mode, self.since, self.margin = mode, since, int(margin)
        self.known: dict[str, Known] = {}
        self.listed_urls: set[str] = set()
        self.list_errors = 0
        self._known_streak: dict[str, int] = {}  # per column: consecutive known articles
        self._stopped: set[str] = set()  # columns whose incremental paging has stopped
        super().__init__(name=f"{self.cms}:{self.portal_id}", **kwargs)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        """Apply the portal's registry `settings:` at spider priority, so `scrapy crawl vsb -a portal=ID` and
        Scrapyd runs behave like `govreports crawl ID` (command-line `-s` settings still win). Scrapy freezes
        the settings only after the spider is created, so this is the place."""
        portal = kwargs.get("portal")
        if portal is not None:
            entry = portal if isinstance(portal, dict) else get_portal(portal)
            crawler.settings.setdict(entry.get("settings") or {}, priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.portal.get("settings"):
            spider.logger.info("portal %s settings: %s", spider.portal_id, spider.portal["settings"])
        return spider

    async def start(self):
        db = self.settings["GOVREPORTS_DB"] if hasattr(self, "settings") else None  # None: not in a crawler
        self.known = load_known(db, self.portal_id) if db else {}
        if db and self.mode == "incremental" and interrupted_run(db, self.portal_id):
            self.logger.info("an earlier run was interrupted: resuming with a full walk of the lists")
            self.mode = "full"
        for column in self.portal["start_columns"]:
            url = urljoin(self.base_url, column.lstrip("/"))
            yield self.list_request(url, column=column, chain=url)
        for url, name, document_url in pending_attachments(db, self.portal_id) if db else ():
            yield self.attachment_request(url, name=name, document_url=document_url)

    # -- list pages ---------------------------------------------------------------------------------
    def list_request(self, url: str, **meta) -> scrapy.Request:
        return scrapy.Request(url, callback=self._on_list, errback=self.on_error,
                              meta={"kind": "list", "chain": url, **meta})

    def next_list(self, response, url: str, **meta):
        """A further list page of the same column, unless incremental paging has stopped for it."""
        chain = response.meta.get("chain")
        if chain not in self._stopped:
            yield self.list_request(url, **{**meta, "chain": chain})

    def page_through(self, response, urls: list[str]):
        """The column's further pages, newest first: all at once when every page is walked, one after
        another in incremental mode so that paging can stop at the first page of known articles."""
        if self.mode != "incremental":
            for url in urls:
                yield from self.next_list(response, url)
        elif urls:
            yield from self.next_list(response, urls[0], pending_pages=urls[1:])

    def _on_list(self, response):
        yield from self.parse_list(response)
        if response.meta.get("pending_pages"):
            yield from self.page_through(response, response.meta["pending_pages"])

    def parse_list(self, response):
        raise NotImplementedError(f"{type(self).__name__} must say how its list pages look")

    # -- articles -----------------------------------------------------------------------------------
    def listed(self, response, url: str, *, title: str | None = None, date: str | None = None):
        """An article link on a list page: request it when it is new, changed or due a recheck."""
        chain = response.meta.get("chain")
        self.listed_urls.add(url)
        listed_on = iso_date(date)
        if self.since and listed_on and listed_on < self.since:
            self._stopped.add(chain)
            return
        known = self.known.get(url)
        if known is None or known.status == "removed" or (listed_on and known.published
                                                           and listed_on != known.published):
            self._known_streak[chain] = 0
            yield self.article_request(url, title=title, date=date, referer=response.url)
            return
        self._known_streak[chain] = self._known_streak.get(chain, 0) + 1
        if self.mode == "incremental" and self._known_streak[chain] >= self.margin:
            self._stopped.add(chain)
        if self.mode == "recheck":
            yield self.article_request(url, title=title, date=date, referer=response.url, known=known)

    def article_request(self, url: str, *, title: str | None = None, date: str | None = None,
                        referer: str | None = None, known: Known | None = None) -> scrapy.Request:
        headers = {"Referer": referer} if referer else {}
        meta = {"kind": "article", "list_title": title, "list_date": date}
        if known:  # a conditional request: 304 means unchanged, 404/410 means taken down
            headers.update({k: v for k, v in (("If-None-Match", known.etag),
                                               ("If-Modified-Since", known.last_modified)) if v})
            meta["handle_httpstatus_list"] = [304, 404, 410]
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error, headers=headers,
                              meta=meta)

    def unlisted_known(self) -> set[str]:
        """Known live articles that no list page showed in a complete walk: taken down or moved."""
        if self.mode == "incremental" or not self.complete_lists or self.list_errors:
            return set()
        return {url for url, k in self.known.items() if k.status != "removed"} - self.listed_urls

    def attachment_request(self, url: str, *, name: str | None, document_url: str) -> scrapy.Request:
        # Some servers refuse downloads without the article as Referer; send it always.
        return scrapy.Request(url, callback=self.parse_attachment, errback=self.on_error,
                              headers={"Referer": document_url},
                              meta={"kind": "attachment", "name": name, "document_url": document_url})

    # -- callbacks ----------------------------------------------------------------------------------
    def parse_article(self, response):
        if response.status == 304:
            yield PageUnchanged(response.url, self.portal_id)
            return
        if response.status in (404, 410):
            yield PageGone(response.url, self.portal_id, response.status)
            return
        charset = http_content_type_encoding(_header(response, "Content-Type"))
        yield FetchedPage(
            url=response.url, body=response.body, status=response.status, http_charset=charset,
            raw_sha256=response.meta.get("raw_sha256"), portal_id=self.portal_id,
            list_title=response.meta.get("list_title"), list_date=response.meta.get("list_date"),
            etag=_header(response, "ETag") or None, last_modified=_header(response, "Last-Modified") or None)
        for link in find_attachments(page_selector(response).root, response.url):
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
        if request.meta.get("kind") == "list":
            self.list_errors += 1
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


def _header(response, name: str) -> str:
    return (response.headers.get(name) or b"").decode("latin-1")


def iso_date(text: str | None) -> str | None:
    """A list page's printed date as ISO (`2023-10-27`), or None."""
    return parse_date(text)[0]


def page_selector(response) -> Selector:
    """The page parsed after decoding it as the extractors do: Scrapy trusts a declared charset, and old
    portals declare utf-8 over GBK bytes, which would garble titles and attachment names."""
    if "page_selector" not in response.meta:
        charset = http_content_type_encoding(_header(response, "Content-Type"))
        response.meta["page_selector"] = Selector(text=decode_bytes(response.body, charset)[0])
    return response.meta["page_selector"]
