"""VSB / 博达 (Visual SiteBuilder) portals: nearly every Yunnan county site.

List pages: the column's first page is `{column}.htm`; further pages are numbered backwards,
`{column}/{M-1}.htm` … `{column}/1.htm`, where M is the page count printed by the pager
(`span.p_t`: `共N条` and `k/M`). Articles live at `/info/{column id}/{id}.htm`.

Site search, a second way in (off by default: `GOVREPORTS_SITE_SEARCH = True` in the entry's `settings:` or
`crawl --set GOVREPORTS_SITE_SEARCH=1`): VSB's "webber" endpoint (docs/design.md) is asked for each of
`SEARCH_WORDS`; the articles it answers (on the portal's hosts, with report titles) go to the same pipeline as
listed ones. It finds reports filed under columns no budget label leads to. One query per word and page, so a
site of 500 reports costs about 30 requests; the site id (`owner`) is read from the home page's markup.
"""

from __future__ import annotations

import json
import re

import scrapy

from crawler.spiders.base import PortalSpider
from crawler.spiders.generic import is_report_title

PAGE_COUNT = re.compile(r"(\d+)\s*/\s*(\d+)")
SEARCH_PATH = "/aop_component//webber/search/search/search/queryPage"  # the double slash as sites print it
SEARCH_WORDS = ("部门预算", "部门决算", "绩效自评", "绩效评价", "三公经费")
SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGES = 25  # per word: 500 hits
SITE_OWNER = re.compile(r"""(?:owner["']?\s*[=:]\s*["']?|"wbnews"\s*,\s*)(\d{5,})""")


class VsbSpider(PortalSpider):
    name = "vsb"
    cms = "vsb"

    async def start(self):
        async for request in super().start():
            yield request
        if self.mode != "discover" and hasattr(self, "settings") and self.settings.getbool("GOVREPORTS_SITE_SEARCH"):
            yield scrapy.Request(
                self.hosts.roots()[0],
                callback=self.search_site,
                errback=self.on_error,
                dont_filter=True,
                meta={"kind": "navigation"},
            )

    def parse_list(self, response):
        for link in response.css('a[href*="info/"]'):
            href = link.attrib["href"]
            if not href.endswith(".htm"):
                continue
            title = link.attrib.get("title") or " ".join(link.css("::text").getall()).strip()
            date = link.xpath("normalize-space(following-sibling::span[1])").get() or None
            yield from self.listed(response, response.urljoin(href), title=title, date=date)
        if response.meta.get("column"):  # the column's first page knows the others
            yield from self.page_through(response, _other_pages(response, self.max_list_pages))

    # -- site search --------------------------------------------------------------------------------
    def search_site(self, response):
        """The home page: read the site id, then query the search endpoint for each report word."""
        owner = SITE_OWNER.search(response.text)
        for word in SEARCH_WORDS:
            yield self.search_request(
                response.urljoin(SEARCH_PATH), word, 1, owner.group(1) if owner else None, referer=response.url
            )

    def search_request(self, url: str, word: str, page: int, owner: str | None, referer: str) -> scrapy.Request:
        query = {
            "aliasName": "article_data,open_data",
            "keyWord": word,
            "auditing": ["1"],
            "orderType": "score",
            "page": {"current": page, "size": SEARCH_PAGE_SIZE},
        }
        if owner:
            query["owner"] = owner
        headers = {"Referer": referer, **({"owner": owner} if owner else {})}
        return scrapy.http.JsonRequest(
            url,
            data=query,
            headers=headers,
            callback=self.parse_search,
            errback=self.on_error,
            dont_filter=True,
            meta={
                "kind": "list",
                "chain": f"site-search:{word}",
                "word": word,
                "page": page,
                "owner": owner,
                "referer": referer,
            },
        )

    def parse_search(self, response):
        """One page of search hits: report-titled articles on the portal's hosts, then the next page."""
        try:
            found = json.loads(response.text)["data"]["page"]
        except (ValueError, KeyError, TypeError):
            self.logger.warning("site search of %s answered no result page", self.portal_id)
            return
        for record in found.get("records") or ():
            url = response.urljoin(record.get("url") or "")
            title = re.sub(r"<[^>]+>", "", record.get("title") or "")  # hits come with <em> highlights
            if self.hosts.allows(url) and is_report_title(title):
                self.crawler.stats.inc_value("govreports/site_search_hits")
                yield from self.listed(response, url, title=title, date=record.get("createDate"))
        meta = response.meta
        if meta["page"] < min(int(found.get("pages") or 1), SEARCH_MAX_PAGES):
            yield self.search_request(response.url, meta["word"], meta["page"] + 1, meta["owner"], meta["referer"])


def _other_pages(response, limit: int) -> list[str]:
    """`{column}/{M-1}.htm` … `{column}/1.htm`, newest first, at most `limit` of them (a pager may claim
    millions; `next_list` records the cap when the last of them is refused)."""
    stem = response.url[: -len(".htm")] if response.url.endswith(".htm") else response.url.rstrip("/")
    return [f"{stem}/{number}.htm" for number in range(_page_count(response) - 1, 0, -1)[:limit]]


def _page_count(response) -> int:
    """M from the pager's `k/M`; 1 when the column has no pager."""
    for text in response.css("span.p_t ::text").getall():
        match = PAGE_COUNT.search(text)
        if match:
            return int(match.group(2))
    return 1
