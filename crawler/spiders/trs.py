"""TRS / 拓尔思 (WCM) portals: provincial and city sites, and legacy columns of sites now on VSB.

List pages: `index.html`, then `index_1.html` … `index_{M-1}.html`, where M is the page count printed by the
pager script (`createPageHTML(M, 0, "index", "html")`, `var countPage = M`) or the text `共M页`; department
directories use other stems (`createPageHTML(M, 0, "index_bm", "shtml")` → `index_bm_1.shtml` …).
Rows: `ul#ogi-list li`, `div#ogi-list dd`, `.listTab tr` (date in `td.rq span`), or plain `li` with a date
`span`. A row's link may be written by an inline `<script>`, and a script's `strLink` overrides the anchor's
href (a "link document" pointing elsewhere): the script wins. Articles: `…/YYYYMM/tYYYYMMDD_{id}.html`
(`.shtml`, `.htm`), `…/YYYYMM/YYYYMMDD_{id}.html`, `…/t{id}.shtml`.
"""

from __future__ import annotations

import re

from crawler.spiders.base import PortalSpider
from pipelines.text import find_date

PAGE_COUNT_PATTERNS = (
    re.compile(r"createPageHTML\(\s*(\d+)"),
    re.compile(r"\bcountPage\s*=\s*(\d+)"),
    re.compile(r"共\s*(\d+)\s*页"),
)
PAGE_STEM = re.compile(r"createPageHTML\([^,)]*,[^,)]*,\s*[\"']([\w-]+)[\"']\s*,\s*[\"'](\w+)[\"']")
STR_LINK = re.compile(r"\bstrLink\s*=\s*[\"']([^\"']*)[\"']")
SCRIPT_HREF = re.compile(r"href\s*=\s*\\?[\"']([^\"'\\]+)\\?[\"']")
SCRIPT_TITLE = re.compile(r"\b(?:strTitle|str_title|titleStr)\s*=\s*[\"']([^\"']+)[\"']")
SCRIPT_ANCHOR_TEXT = re.compile(r">([^<>\"']{2,})</a>")


class TrsSpider(PortalSpider):
    name = "trs"
    cms = "trs"
    # Row containers, most specific first; the first that yields article links is the list.
    row_selectors = ("ul#ogi-list li", "div#ogi-list dd", ".listTab tr", "li")
    article_url = re.compile(r"(?:/\d{6}/t?\d{8}_\d+|/t\d+)\.s?html?$")

    def parse_list(self, response):
        for url, title, date in self._rows(response):
            yield from self.listed(response, url, title=title, date=date)
        if response.meta.get("column"):  # the column's first page knows the others
            yield from self.page_through(response, self._other_pages(response))

    def _rows(self, response):
        for selector in self.row_selectors:
            rows = [parsed for row in response.css(selector) if (parsed := self._parse_row(row, response))]
            if rows:
                return rows
        return []

    def _parse_row(self, row, response) -> tuple[str, str | None, str | None] | None:
        script = "\n".join(row.css("script::text").getall())
        anchor = row.css("a[href]")
        href = _script_link(script) or anchor.attrib.get("href", "")
        if not href:
            return None
        url = response.urljoin(href.strip())
        if not self.article_url.search(url.split("?", 1)[0]):
            return None
        title = (
            anchor.attrib.get("title")
            or " ".join(anchor.css("::text").getall()).strip()
            or _script_title(script)
            or None
        )
        return url, title, _row_date(row)

    def _other_pages(self, response) -> list[str]:
        """`index_1.html` … `index_{M-1}.html`, newest first, at most GOVREPORTS_MAX_LIST_PAGES of them."""
        count = _page_count(response)
        stem, suffix = _page_stem(response)
        directory = response.url.split("?", 1)[0].rsplit("/", 1)[0] + "/"
        return [f"{directory}{stem}_{number}.{suffix}" for number in range(1, count)[: self.max_list_pages]]


def _script_link(script: str) -> str | None:
    """The href a row's script writes: a non-empty `strLink`, else the first href in `document.write`."""
    override = STR_LINK.search(script)
    if override and override.group(1).strip():
        return override.group(1)
    written = SCRIPT_HREF.search(script)
    return written.group(1) if written else None


def _script_title(script: str) -> str | None:
    match = SCRIPT_TITLE.search(script) or SCRIPT_ANCHOR_TEXT.search(script)
    return match.group(1).strip() if match else None


def _row_date(row) -> str | None:
    for text in row.css("td.rq span::text, td.rq::text, span::text, em::text, i::text").getall():
        date = find_date(text)
        if date:
            return date
    return None


def _page_count(response) -> int:
    """M from the pager script or text; 1 when the column has no pager."""
    scripts = "\n".join(response.css("script::text").getall())
    text = scripts + "\n" + " ".join(response.css("body ::text").getall())
    for pattern in PAGE_COUNT_PATTERNS:
        match = pattern.search(text)
        if match:
            return max(int(match.group(1)), 1)
    return 1


def _page_stem(response) -> tuple[str, str]:
    """The pager's file stem and suffix (`index`, `html`); else taken from the first page's own name."""
    match = PAGE_STEM.search("\n".join(response.css("script::text").getall()))
    if match:
        return match.group(1), match.group(2)
    name = response.url.split("?", 1)[0].rsplit("/", 1)[1]
    stem, _, suffix = name.partition(".")
    return stem or "index", suffix or "html"
