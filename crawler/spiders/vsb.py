"""VSB / 博达 (Visual SiteBuilder) portals: nearly every Yunnan county site.

List pages: the column's first page is `{column}.htm`; further pages are numbered backwards,
`{column}/{M-1}.htm` … `{column}/1.htm`, where M is the page count printed by the pager
(`span.p_t`: `共N条` and `k/M`). Articles live at `/info/{column id}/{id}.htm`.
"""
from __future__ import annotations

import re

from crawler.spiders.base import PortalSpider

PAGE_COUNT = re.compile(r"(\d+)\s*/\s*(\d+)")


class VsbSpider(PortalSpider):
    name = "vsb"
    cms = "vsb"

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
