"""Hanweb / 大汉 (JCMS) portals: Zhejiang, Hubei, Jiangsu.

A column page `/col/col{col}/index.html` carries its first records as XML inside a script:
`<script type="text/xml"><datastore><nextgroup>…</nextgroup><recordset><record><![CDATA[<li><a href=…>…</a>
<span>date</span></li>]]></record>…</recordset></datastore></script>`. An HTML parser sees that as one text
node, so the datastore is read as text. `<nextgroup>` links the paging endpoint
`/module/web/jpage/dataproxy.jsp?page=N&appid=1&webid=…&path=/&columnid=…&unitid=…&webname=…&permissiontype=0`,
which answers the next group as the same `<datastore>` XML (with `<totalrecord>`/`<totalpage>`).

We follow that GET link as the page names it, then ask for page N+1 while groups bring new records, up to the
printed `<totalpage>` and `max_groups`. (The browser's jpage.js POSTs `startrecord`/`endrecord`/`perpage`
instead; they are not verified on live sites, so they are not used.) Articles: `/art/YYYY/M/D/art_{col}_{id}.html`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawler.spiders.base import PortalSpider
from pipelines.text import find_date

DATASTORE = re.compile(r"<datastore>(.*?)</datastore>", re.S | re.I)
RECORD = re.compile(r"<record>(.*?)</record>", re.S | re.I)
NEXTGROUP = re.compile(r"<nextgroup>(.*?)</nextgroup>", re.S | re.I)
HREF = re.compile(r"href\s*=\s*[\"']([^\"']+)[\"']")
TOTAL_RECORDS = re.compile(r"<totalrecord>\s*(\d+)", re.I)
TOTAL_PAGES = re.compile(r"<totalpage>\s*(\d+)", re.I)
CDATA = re.compile(r"^\s*<!\[CDATA\[(.*)\]\]>\s*$", re.S)
PROXY_DIRECTORY = "/module/web/jpage/"


@dataclass
class Datastore:
    records: list[str] = field(default_factory=list)  # each record's HTML fragment
    next_group: str | None = None  # the nextgroup link as printed (usually site-absolute)
    total_records: int | None = None
    total_pages: int | None = None


def parse_datastore(text: str) -> Datastore | None:
    """The first `<datastore>` in a column page or a dataproxy answer; None when there is none."""
    match = DATASTORE.search(text)
    if not match:
        return None
    body = match.group(1)
    next_group = NEXTGROUP.search(body)
    href = HREF.search(_unwrap(next_group.group(1))) if next_group else None
    return Datastore(
        records=[_unwrap(record) for record in RECORD.findall(body)],
        next_group=html.unescape(href.group(1)) if href else None,
        total_records=_int(TOTAL_RECORDS.search(body)),
        total_pages=_int(TOTAL_PAGES.search(body)),
    )


def _unwrap(content: str) -> str:
    """A record's HTML: the CDATA section's text, or the entity-escaped text some sites print instead."""
    cdata = CDATA.match(content)
    return cdata.group(1) if cdata else html.unescape(content)


def _int(match) -> int | None:
    return int(match.group(1)) if match else None


class HanwebSpider(PortalSpider):
    name = "hanweb"
    cms = "hanweb"
    article_url = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html?$")
    max_groups = 200  # dataproxy pages per column, a bound for sites that never stop answering

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seen: dict[str, set[str]] = {}  # article URLs per column: a group with none new ends the column

    def parse_list(self, response):
        column_key = response.meta.get("column_key", response.url)
        seen = self._seen.setdefault(column_key, set())
        store = parse_datastore(response.text)
        rows = self._records(store, response) if store else self._anchors(response)
        new = [row for row in rows if row[0] not in seen]
        for url, title, date in new:
            seen.add(url)
            yield from self.listed(response, url, title=title, date=date)
        if store:
            yield from self._next_group(store, response, column_key, bool(new))

    def _records(self, store: Datastore, response):
        rows = (self._parse_record(Selector(text=record), response) for record in store.records)
        return [row for row in rows if row]

    def _anchors(self, response):
        """A column without a datastore (plain `<ul>` list): its article links."""
        rows = (self._parse_record(item, response) for item in response.css("li"))
        return [row for row in rows if row]

    def _parse_record(self, record, response) -> tuple[str, str | None, str | None] | None:
        anchor = record.css("a[href]")
        if not anchor:
            return None
        url = response.urljoin(anchor.attrib["href"].strip())
        if not self.article_url.search(urlsplit(url).path):
            return None
        title = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall()).strip() or None
        return url, title, find_date(" ".join(record.css("::text").getall()))

    def _next_group(self, store: Datastore, response, column_key: str, brought_new: bool):
        page = _page_number(response.url)
        if page is None:  # the column page: follow its nextgroup link as printed
            if store.next_group:
                proxy = urljoin(urljoin(response.url, PROXY_DIRECTORY), store.next_group)
                yield from self.next_list(response, proxy, column_key=column_key)
            return
        # page 1 may repeat the records embedded in the column page, so it never ends the column
        if not brought_new and page > 1:
            return
        if (store.total_pages and page >= store.total_pages) or page >= self.max_groups:
            return
        yield from self.next_list(response, _with_page(response.url, page + 1), column_key=column_key)


def _page_number(url: str) -> int | None:
    parts = urlsplit(url)
    if not parts.path.endswith("dataproxy.jsp"):
        return None
    value = parse_qs(parts.query).get("page", [""])[0]
    return int(value) if value.isdigit() else None


def _with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = [
        (k, str(page) if k == "page" else v)
        for k, vs in parse_qs(parts.query, keep_blank_values=True).items()
        for v in vs
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="/")))
