"""Portals on no known CMS family: follow budget columns from a start page, keep report pages.

From each start page (a home or 政府信息公开 page) the spider follows links to the portal's hosts whose text or
URL marks a budget, final-account or performance column (预算, 决算, 绩效, 三公, 财政, `czxx`, `yjs`, `ysjx` …) up to
`max_depth` hops; it pages through lists by their 下一页 / 下页 / `>` links; it requests article-like links whose
text reads like a report title, or every dated article-like row of a budget column. An article is kept only when
its title says it is a report (`is_report_title`, the report-type keywords of `pipelines.title`); a page that
is not a report but was reached from a budget column is read once more as a list (year sub-columns).
The spider never reads figures: that is the item pipeline's job.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.http import TextResponse

from crawler.discovery import COLUMN_NAME_MAX, YEAR, is_column_text
from crawler.spiders.base import FILE_EXTENSIONS, PortalSpider, page_selector
from pipelines.title import normalise_title, report_type

# What marks a budget / final-account / performance column: words in the link text (`crawler.discovery`), stems
# in the URL.
COLUMN_URL_STEMS = (
    "czxx",
    "czyjs",
    "czysjs",
    "yjs",
    "ysjs",
    "ysjx",
    "ysgk",
    "jsgk",
    "czzj",
    "bmys",
    "bmjs",
    "sgjf",
    "jxgl",
    "jxpj",
    "jxzp",
)
NEXT_PAGE_TEXTS = ("下一页", "下页", ">", "›", "后一页")
ID_IN_NAME = re.compile(r"\d{3,}")
LIST_NAME = re.compile(r"^(?:index|list|default)(?:[_-]\d+)?\.", re.I)


def is_report_title(title: str | None) -> bool:
    """A title a report page carries: `pipelines.title.report_type` gives it a type other than `other`."""
    clean = normalise_title(title or "")
    return bool(clean) and report_type(clean) != "other"


def is_column_url(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return any(stem in segment for segment in path.split("/") for stem in COLUMN_URL_STEMS)


def is_column_link(url: str, text: str) -> bool:
    """A link to a budget column: its text names one, or its URL stem does and it is not a document."""
    return is_column_text(text) or (is_column_url(url) and not is_article_url(url))


def is_article_url(url: str) -> bool:
    """A document page, by its URL: the last path segment carries an id and is not an index or list page."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return bool(ID_IN_NAME.search(name)) and not LIST_NAME.match(name) and not name.lower().endswith(FILE_EXTENSIONS)


def looks_like_report_link(text: str) -> bool:
    """A link text worth fetching from any list: a report title, not a short column name."""
    return is_report_title(text) and (bool(YEAR.search(text)) or len(text) > COLUMN_NAME_MAX)


class GenericSpider(PortalSpider):
    name = "generic"
    cms = "generic"
    complete_lists = False  # it discovers columns by heuristics, so an unseen article is not proof of removal
    lists_navigation = True  # report links printed on home and 政府信息公开 pages are followed too
    max_depth = 3  # column hops from a start page
    max_list_pages = 30  # pages followed through one list's pager

    def parse_list(self, response):
        if not isinstance(response, TextResponse):
            return
        hops = response.meta.get("hops", 0)
        in_budget = response.meta.get("budget_column", False)
        page = response.meta.get("list_page", 1)
        for url, text, date in self.links(response):
            if text in NEXT_PAGE_TEXTS:
                if page < self.max_list_pages:
                    yield from self.next_list(response, url, hops=hops, budget_column=in_budget, list_page=page + 1)
            elif is_article_url(url) and looks_like_report_link(text):
                yield from self._article(url, text, date, response, hops)
            elif is_column_link(url, text):
                if hops < self.max_depth:
                    label_path = (*response.meta.get("label_path", ()), text)
                    yield from self.column_request(
                        url, label_path, source="discovery", depth=response.meta.get("nav_depth", 0) + 1, hops=hops + 1
                    )
            elif in_budget and date and is_article_url(url):  # a dated list row, not page chrome
                yield from self._article(url, text, date, response, hops)

    def parse_article(self, response):
        if not isinstance(response, TextResponse):
            return
        if self._marks_report(response):
            yield from super().parse_article(response)
            return
        self.crawler.stats.inc_value("govreports/generic_not_report")
        if response.meta.get("budget_column") and response.meta.get("hops", 0) < self.max_depth:
            response.meta.update(hops=response.meta.get("hops", 0) + 1, budget_column=False, list_page=1)
            yield from self.parse_list(response)

    def _article(self, url: str, text: str, date: str | None, response, hops: int):
        for request in self.listed(response, url, title=text or None, date=date):
            request.meta.update(hops=hops, budget_column=response.meta.get("budget_column", False))
            yield request

    def _marks_report(self, response) -> bool:
        page = page_selector(response)
        candidates = [
            page.css('meta[name="ArticleTitle"]::attr(content)').get(),
            page.css("title::text").get(),
            *page.css("h1 ::text, h2 ::text").getall()[:4],
        ]
        return any(is_report_title(candidate) for candidate in candidates if candidate)
