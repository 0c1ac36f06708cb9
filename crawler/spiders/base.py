"""The base spider: a portal from the registry, its start columns, articles and attachments.

A CMS family subclasses `PortalSpider` and says how its list pages look (`parse_list`): which links are
articles and which pages come next. Everything else — start requests, column discovery (`crawler.discovery`),
article and attachment requests with the right Referer, error items — is shared. Spiders never parse
documents; they hand bodies to the item pipeline (`crawler.pipelines.StorePipeline`).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as ConnectTimeout
from w3lib.encoding import http_content_type_encoding

from crawler.challenge import ChallengeDetected
from crawler.discovery import (
    DISCOVERY_DEPTH,
    DISCOVERY_PAGES,
    LABEL_SEPARATOR,
    REDISCOVER_DAYS,
    ColumnSeen,
    link_kind,
    policy_for,
    should_rediscover,
)
from crawler.fetch_policy import Refused, portal_hosts
from crawler.headers import header, headers_text
from crawler.registry import get_portal
from crawler.state import Known, interrupted_run, load_known, pending_attachments
from pipelines.columns import load_columns
from pipelines.items import FetchedAttachment, FetchedPage, FetchError, PageGone, PageUnchanged
from pipelines.page import find_attachments
from pipelines.text import decode_bytes, find_date, parse_date

MODES = ("incremental", "full", "recheck", "discover")
FILE_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".et",
    ".wps",
    ".zip",
    ".rar",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".mp4",
    ".ofd",
)


class PortalSpider(scrapy.Spider):
    """Crawl modes:

    * `incremental` (default): read each column newest first and stop paging once `margin` consecutive
      articles are already known (and their listed date unchanged), or older than `since`;
    * `full`: walk every list page, fetch every article not yet known (a killed run resumes this way);
    * `recheck`: walk every list page and re-request every known article conditionally (ETag /
      Last-Modified): edits are re-extracted, 404/410 and articles gone from their list become `removed`;
    * `discover`: find the portal's columns and walk their lists, fetch no article (`govreports verify`).

    Columns come from the `portal_columns` table (what earlier crawls found), the registry's `start_columns`
    (hints) and, when due (`crawler.discovery.should_rediscover`), discovery from the home pages.
    """

    cms: str = ""  # the registry's `cms` value this spider serves
    complete_lists: bool = True  # a full walk of the start columns lists every article (removal detection)
    lists_navigation: bool = False  # navigation pages are also read as lists (report links on a home page)

    def __init__(
        self,
        portal: str | dict,
        base_url: str | None = None,
        mode: str = "incremental",
        since: str | None = None,
        margin: int | str = 10,
        **kwargs,
    ):
        self.portal = portal if isinstance(portal, dict) else get_portal(portal)
        if base_url:
            self.portal = {**self.portal, "base_url": base_url}
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.portal_id = self.portal["id"]
        self.base_url = self.portal["base_url"].rstrip("/") + "/"
        self.allowed_domains = portal_hosts(self.portal)  # enforced by crawler.fetch_policy
        self.mode, self.since, self.margin = mode, since, int(margin)
        self.known: dict[str, Known] = {}
        self.listed_urls: set[str] = set()
        self.list_errors = 0
        self._known_streak: dict[str, int] = {}  # per column: consecutive known articles
        self._stopped: set[str] = set()  # columns whose incremental paging has stopped
        self.hosts = policy_for(self.portal)  # links are followed to the base host and the registry's `hosts:`
        self.columns: dict[str, ColumnSeen] = {}  # column first-page URL → what its lists showed
        self.discovering = False
        self._visited: set[str] = set()  # navigation and column pages requested (discovery does not repeat them)
        self._discovery_pages = 0
        self._list_pages: dict[str, int] = {}  # per column: list pages requested
        super().__init__(name=f"{self.cms}:{self.portal_id}", **kwargs)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        """Apply the portal's registry `settings:` at spider priority, so `scrapy crawl vsb -a portal=ID` and
        Scrapyd runs behave like `govreports crawl ID` (command-line `-s` settings still win). Scrapy freezes
        the settings only after the spider is created, so this is the place."""
        portal = kwargs.get("portal")
        if portal is not None:
            entry = portal if isinstance(portal, dict) else get_portal(portal)
            if entry.get("settings") and not crawler.settings.frozen:  # frozen: a test's bound spider
                crawler.settings.setdict(entry["settings"], priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.portal.get("settings"):
            spider.logger.info("portal %s settings: %s", spider.portal_id, spider.portal["settings"])
        return spider

    @property
    def max_list_pages(self) -> int:
        return self.settings.getint("GOVREPORTS_MAX_LIST_PAGES") if hasattr(self, "settings") else 1000

    async def start(self):
        db = self.settings["GOVREPORTS_DB"] if hasattr(self, "settings") else None  # None: not in a crawler
        self.known = load_known(db, self.portal_id) if db else {}
        if db and self.mode == "incremental" and interrupted_run(db, self.portal_id):
            self.logger.info("an earlier run was interrupted: resuming with a full walk of the lists")
            self.mode = "full"
        for request in self.column_starts(load_columns(db, self.portal_id) if db else [], db):
            yield request
        for url, name, document_url in pending_attachments(db, self.portal_id) if db else ():
            yield self.attachment_request(url, name=name, document_url=document_url)

    def column_starts(self, known_columns: list[dict], db: str | None):
        """Discovery from the home pages when it is due, then the known active columns, then the registry's
        start columns (hints). Columns known on other hosts (an earlier crawl with another `--base-url`) do not
        count."""
        known_columns = [column for column in known_columns if self.hosts.allows(column["url"])]
        max_age = self.settings.getint("GOVREPORTS_REDISCOVER_DAYS", REDISCOVER_DAYS) if db else REDISCOVER_DAYS
        self.discovering = should_rediscover(self.mode, known_columns, max_age)
        if self.discovering:
            self.logger.info("discovering the columns of %s from %s", self.portal_id, ", ".join(self.hosts.roots()))
            for root in self.hosts.roots():
                self._visited.add(root)
                yield self.navigation_request(root, (), 0)
        for column in known_columns:
            if column["status"] == "active":
                path = tuple(label for label in (column["label_path"] or "").split(LABEL_SEPARATOR) if label)
                yield from self.column_request(column["url"], path, source="known")
        for column in self.portal.get("start_columns") or ():
            yield from self.column_request(urljoin(self.base_url, column.lstrip("/")), (), source="registry")

    # -- list pages ---------------------------------------------------------------------------------
    def list_request(self, url: str, **meta) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self._on_list, errback=self.on_error, meta={"kind": "list", "chain": url, **meta}
        )

    def next_list(self, response, url: str, **meta):
        """A further list page of the same column, unless incremental paging has stopped for it or the column
        has had its `GOVREPORTS_MAX_LIST_PAGES` (recorded as `cap_reached` once)."""
        chain = response.meta.get("chain")
        if chain in self._stopped:
            return
        self._list_pages[chain] = self._list_pages.get(chain, 1) + 1
        if self._list_pages[chain] > self.max_list_pages:
            self._stopped.add(chain)
            yield self.cap_reached(
                chain,
                f"the column has more than GOVREPORTS_MAX_LIST_PAGES = "
                f"{self.max_list_pages} list pages; the rest are not walked",
            )
            return
        yield self.list_request(url, **{**meta, "chain": chain})

    def cap_reached(self, url: str, message: str) -> FetchError:
        self.logger.warning("%s: %s", url, message)
        return FetchError(url, "cap_reached", message, portal_id=self.portal_id)

    def page_through(self, response, urls: list[str]):
        """The column's further pages, newest first: all at once when every page is walked, one after
        another in incremental mode so that paging can stop at the first page of known articles."""
        if self.mode != "incremental":
            for url in urls:
                yield from self.next_list(response, url)
        elif urls:
            yield from self.next_list(response, urls[0], pending_pages=urls[1:])

    def answered(self) -> None:
        """Counts the portal's answers (list pages, articles, attachments; robots.txt aside): a run with none
        did not crawl anything, whatever Scrapy's close reason says."""
        if hasattr(self, "crawler"):
            self.crawler.stats.inc_value("govreports/answered")

    def _on_list(self, response):
        self.answered()
        yield from self.parse_list(response)
        if response.meta.get("pending_pages"):
            yield from self.page_through(response, response.meta["pending_pages"])
        if self.discovering and response.meta.get("column"):  # a column's first page: its sub-columns
            yield from self.scan(response)

    # -- column discovery ---------------------------------------------------------------------------
    def column_request(self, url: str, label_path: tuple[str, ...], *, source: str, depth: int = 0, **meta):
        """The first page of a column, once per crawl and only on the portal's hosts."""
        if url in self._visited or not self.hosts.allows(url):
            return
        self._visited.add(url)
        self.columns.setdefault(url, ColumnSeen(url, label_path, source))
        yield self.list_request(url, column=url, label_path=label_path, nav_depth=depth, budget_column=True, **meta)

    def navigation_request(self, url: str, label_path: tuple[str, ...], depth: int) -> scrapy.Request:
        """A page read only for its links (home page, 政府信息公开, 法定主动公开内容)."""
        return scrapy.Request(
            url,
            callback=self._on_navigation,
            errback=self.on_error,
            meta={"kind": "navigation", "label_path": label_path, "nav_depth": depth},
        )

    def _on_navigation(self, response):
        if self.lists_navigation:
            yield from self.parse_list(response)
        yield from self.scan(response)

    def scan(self, response):
        """Follow the page's navigation and budget-column links within the discovery bounds."""
        depth, path = response.meta.get("nav_depth", 0), tuple(response.meta.get("label_path", ()))
        if depth >= DISCOVERY_DEPTH:
            return
        for url, text, _ in self.links(response):
            kind = link_kind(text, path)
            if kind is None or url in self._visited or self._discovery_pages >= DISCOVERY_PAGES:
                continue
            self._discovery_pages += 1
            if kind == "column":
                yield from self.column_request(url, (*path, text), source="discovery", depth=depth + 1)
            else:
                self._visited.add(url)
                yield self.navigation_request(url, (*path, text), depth + 1)

    def links(self, response):
        """(absolute URL, link text, nearby date) of every page link to the portal's hosts (not files). A URL
        can come twice (a pager prints `2` and `下一页` for one page): each anchor is judged by its own text."""
        if not isinstance(response, TextResponse):
            return
        for anchor in page_selector(response).css("a[href]"):
            href = anchor.attrib["href"].strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            url = response.urljoin(href).split("#", 1)[0]
            if not self.hosts.allows(url) or urlsplit(url).path.lower().endswith(FILE_EXTENSIONS):
                continue
            text = " ".join(" ".join(anchor.css("::text").getall()).split()) or anchor.attrib.get("title", "")
            yield url, text.strip(), _nearby_date(anchor)

    def _discovery_miss(self, request) -> bool:
        """A navigation page below the home page, or a newly discovered column, that failed: a broken menu link
        of the site, logged and counted (`govreports/discovery_errors`), not a crawl error. A home page that
        fails, and known and registry columns that fail, are errors (a known one is reported as stopped)."""
        column = self.columns.get(request.meta.get("chain"))
        menu_link = request.meta.get("kind") == "navigation" and request.meta.get("nav_depth", 0) > 0
        if menu_link or (column and column.source == "discovery" and request.meta.get("column")):
            if hasattr(self, "crawler"):
                self.crawler.stats.inc_value("govreports/discovery_errors")
            self.logger.info("discovery: %s failed", request.url)
            return True
        return False

    def column_records(self) -> list[dict]:
        """`portal_columns` rows of this crawl: columns that listed articles, and known ones that stopped."""
        return [
            column.record(self.cms) for column in self.columns.values() if column.articles or column.source == "known"
        ]

    def parse_list(self, response):
        raise NotImplementedError(f"{type(self).__name__} must say how its list pages look")

    # -- articles -----------------------------------------------------------------------------------
    def listed(self, response, url: str, *, title: str | None = None, date: str | None = None):
        """An article link on a list page: request it when it is new, changed or due a recheck."""
        chain = response.meta.get("chain")
        self.listed_urls.add(url)
        listed_on = iso_date(date)
        if chain in self.columns:
            self.columns[chain].saw(url, listed_on)
        if self.mode == "discover":
            return
        if self.since and listed_on and listed_on < self.since:
            self._stopped.add(chain)
            return
        known = self.known.get(url)
        if (
            known is None
            or known.status == "removed"
            or (listed_on and known.published and listed_on != known.published)
        ):
            self._known_streak[chain] = 0
            yield self.article_request(url, title=title, date=date, referer=response.url)
            return
        self._known_streak[chain] = self._known_streak.get(chain, 0) + 1
        if self.mode == "incremental" and self._known_streak[chain] >= self.margin:
            self._stopped.add(chain)
        if self.mode == "recheck":
            yield self.article_request(url, title=title, date=date, referer=response.url, known=known)

    def article_request(
        self,
        url: str,
        *,
        title: str | None = None,
        date: str | None = None,
        referer: str | None = None,
        known: Known | None = None,
    ) -> scrapy.Request:
        headers = {"Referer": referer} if referer else {}
        meta: dict[str, object] = {"kind": "article", "list_title": title, "list_date": date}
        if known:  # a conditional request: 304 means unchanged, 404/410 means taken down
            headers.update(
                {k: v for k, v in (("If-None-Match", known.etag), ("If-Modified-Since", known.last_modified)) if v}
            )
            meta["handle_httpstatus_list"] = [304, 404, 410]
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error, headers=headers, meta=meta)

    def unlisted_known(self) -> set[str]:
        """Known live articles that no list page showed in a complete walk: taken down or moved."""
        if self.mode == "incremental" or not self.complete_lists or self.list_errors:
            return set()
        return {url for url, k in self.known.items() if k.status != "removed"} - self.listed_urls

    def attachment_request(self, url: str, *, name: str | None, document_url: str) -> scrapy.Request:
        # Some servers refuse downloads without the article as Referer; send it always.
        return scrapy.Request(
            url,
            callback=self.parse_attachment,
            errback=self.on_error,
            headers={"Referer": document_url},
            meta={"kind": "attachment", "name": name, "document_url": document_url},
        )

    # -- callbacks ----------------------------------------------------------------------------------
    def parse_article(self, response):
        self.answered()
        if response.status == 304:
            yield PageUnchanged(response.url, self.portal_id)
            return
        if response.status in (404, 410):
            yield PageGone(response.url, self.portal_id, response.status)
            return
        charset = http_content_type_encoding(header(response.headers, "Content-Type"))
        yield FetchedPage(
            url=response.url,
            body=response.body,
            status=response.status,
            http_charset=charset,
            raw_sha256=response.meta.get("raw_sha256"),
            portal_id=self.portal_id,
            list_title=response.meta.get("list_title"),
            list_date=response.meta.get("list_date"),
            etag=header(response.headers, "ETag") or None,
            last_modified=header(response.headers, "Last-Modified") or None,
        )
        for link in find_attachments(page_selector(response).root, response.url):
            if link["url"]:
                yield self.attachment_request(link["url"], name=link["name"], document_url=response.url)

    def parse_attachment(self, response):
        self.answered()
        yield FetchedAttachment(
            url=response.url,
            body=response.body,
            status=response.status,
            headers=headers_text(response.headers),
            raw_sha256=response.meta.get("raw_sha256"),
            portal_id=self.portal_id,
            document_url=response.meta["document_url"],
            name=response.meta.get("name"),
        )

    def on_error(self, failure):
        request = failure.request
        if request.meta.get("kind") == "list":
            self.list_errors += 1
            if request.meta.get("chain") in self.columns:
                self.columns[request.meta["chain"]].failed = True
        if failure.check(Refused):  # the fetch policy has recorded the refusal
            return
        if failure.check(ChallengeDetected):  # error is None while a later retry is pending
            if failure.value.error:
                yield failure.value.error
            return
        if self._discovery_miss(request):
            return
        if failure.check(HttpError):
            status = failure.value.response.status
            yield FetchError(request.url, "http", f"HTTP {status}", http_status=status, portal_id=self.portal_id)
        elif failure.check(DNSLookupError, ConnectTimeout, TCPTimedOutError):
            yield FetchError(request.url, "network", repr(failure.value), portal_id=self.portal_id)
        else:
            yield FetchError(
                request.url, "network", f"{failure.type.__name__}: {failure.value}", portal_id=self.portal_id
            )


def _nearby_date(anchor) -> str | None:
    return find_date(" ".join(anchor.xpath("..//text()").getall()))


def iso_date(text: str | None) -> str | None:
    """A list page's printed date as ISO (`2023-10-27`), or None."""
    return parse_date(text)[0]


def page_selector(response) -> Selector:
    """The page parsed after decoding it as the extractors do: Scrapy trusts a declared charset, and old
    portals declare utf-8 over GBK bytes, which would garble titles and attachment names."""
    if "page_selector" not in response.meta:
        charset = http_content_type_encoding(header(response.headers, "Content-Type"))
        response.meta["page_selector"] = Selector(text=decode_bytes(response.body, charset)[0])
    return response.meta["page_selector"]
