"""`govreports probe URL`: look at a portal's home page and propose registry entries for it.

The probe fetches the home page and, when it links one, the 政府信息公开 page; it names the CMS family from
markers in the markup (VSB: `Visual SiteBuilder`, `/system/resource/`, `_sitegray`, `vsb_content`, `/info/…htm`
links; TRS: `TRS_Editor`, `createPageHTML`, `/YYYYMM/t…` links; Hanweb: `/art/…/art_`, `/col/col`, `hanweb`,
`jpage`) and collects candidate budget columns (links whose text names 预算/决算/绩效/财政 columns). Columns are
grouped by the family their URL shape belongs to (a VSB site can keep legacy TRS directories), one proposed
entry per family. Proposals are unverified by construction: a person checks them before a large crawl.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawler.fetch_policy import ALLOWED_SCHEMES
from crawler.settings import DOWNLOAD_MAXSIZE, USER_AGENT
from crawler.spiders.generic import is_column_link
from pipelines import regions
from pipelines.text import decode_bytes

Fetch = Callable[[str], tuple[str, bytes]]  # url -> (final url, body)

FAMILY_MARKERS = {
    "vsb": (r"Visual\s*SiteBuilder", r"/system/resource/", r"_sitegray", r"vsb_content", r"/info/\d+/\d+\.htm"),
    "trs": (r"TRS_Editor", r"createPageHTML", r"/\d{6}/t\d{8}_\d+\.s?html?"),
    "hanweb": (r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+", r"/col/col\d+", r"hanweb", r"jpage"),
}
DISCLOSURE_TEXTS = ("政府信息公开", "信息公开")
HANWEB_COLUMN = re.compile(r"/col/col\d+/")
DIRECTORY_COLUMN = re.compile(r"(?:/|/index(?:_\w+)?\.s?html?)$")
NAME_SEPARATORS = re.compile(r"\s*[-_|｜—]+\s*")


@dataclass
class _Page:
    url: str
    html: str

    @property
    def selector(self) -> Selector:
        return Selector(text=self.html)


class _HttpRedirectsOnly(urllib.request.HTTPRedirectHandler):
    """urllib follows redirects to ftp: too; a probe, like a crawl, follows http(s) only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ALLOWED_SCHEMES:
            raise urllib.error.HTTPError(newurl, code, f"redirect to {newurl} not followed", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpRedirectsOnly)


def fetch_url(url: str, timeout: float = 30.0) -> tuple[str, bytes]:
    """GET with the project's User-Agent; returns (final URL, body). Only http(s), as in a crawl (urllib would
    read a `file:` or `ftp:` link of a hostile home page), and no more than DOWNLOAD_MAXSIZE bytes."""
    if urlsplit(url).scheme not in ALLOWED_SCHEMES:
        raise ValueError(f"not fetched: {url} (only http and https)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with _OPENER.open(request, timeout=timeout) as response:
        body = response.read(DOWNLOAD_MAXSIZE + 1)
        if len(body) > DOWNLOAD_MAXSIZE:
            raise ValueError(f"not fetched: {url} is larger than {DOWNLOAD_MAXSIZE} bytes")
        return response.geturl(), body


def probe(url: str, fetch: Fetch = fetch_url) -> list[dict]:
    """Proposed registry entries for the portal at `url` (one per CMS family with budget columns)."""
    home = _get(fetch, url)
    pages = [home]
    disclosure = _disclosure_link(home)
    if disclosure:
        pages.append(_get(fetch, disclosure))
    family = detect_family(" ".join(page.html for page in pages))
    columns: dict[str, list[str]] = {}
    for page in pages:
        for column in budget_columns(page.url, page.html):
            paths = columns.setdefault(column_family(column, family), [])
            if _path(column) not in paths:
                paths.append(_path(column))
    return _proposals(home, family, columns, disclosure)


def detect_family(html: str) -> str:
    """The CMS family whose markers the markup shows most; `generic` when none shows."""
    scores = {
        family: sum(bool(re.search(marker, html, re.I)) for marker in markers)
        for family, markers in FAMILY_MARKERS.items()
    }
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] else "generic"


def budget_columns(page_url: str, html: str) -> list[str]:
    """Absolute URLs of same-host links that name a budget, final-account or performance column."""
    host = urlsplit(page_url).netloc
    found = []
    for anchor in Selector(text=html).css("a[href]"):
        url = urljoin(page_url, anchor.attrib["href"].strip()).split("#", 1)[0]
        text = " ".join(" ".join(anchor.css("::text").getall()).split())
        if urlsplit(url).netloc == host and is_column_link(url, text) and url not in found:
            found.append(url)
    return found


def column_family(url: str, site_family: str) -> str:
    """The spider family a column URL belongs to: Hanweb `/col/col…/`, TRS directories (also legacy ones on
    VSB sites), VSB `.htm` lists; anything else is crawled like the site."""
    path = urlsplit(url).path
    if HANWEB_COLUMN.search(path):
        return "hanweb"
    if DIRECTORY_COLUMN.search(path) and site_family in ("trs", "vsb"):
        return "trs"
    if path.endswith(".htm") and site_family == "vsb":
        return "vsb"
    return site_family


def _get(fetch: Fetch, url: str) -> _Page:
    final_url, body = fetch(url)
    return _Page(final_url, decode_bytes(body)[0])


def _disclosure_link(page: _Page) -> str | None:
    host = urlsplit(page.url).netloc
    for wanted in DISCLOSURE_TEXTS:
        for anchor in page.selector.css("a[href]"):
            text = "".join(anchor.css("::text").getall()).strip()
            url = urljoin(page.url, anchor.attrib["href"].strip())
            if wanted in text and urlsplit(url).netloc == host and url.rstrip("/") != page.url.rstrip("/"):
                return url
    return None


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _proposals(home: _Page, family: str, columns: dict[str, list[str]], disclosure: str | None) -> list[dict]:
    parts = urlsplit(home.url)
    base_url = f"{parts.scheme}://{parts.netloc}"
    name = _site_name(home)
    region = _region(home, name)
    slug = _slug(parts.netloc)
    if not columns:  # nothing found: the generic spider discovers columns from the disclosure page itself
        columns = {"generic": [_path(disclosure) if disclosure else "/"]}
    families = sorted(columns, key=lambda f: (f != family, f))
    entries = []
    for index, cms in enumerate(families):
        entries.append(
            {
                "id": slug if index == 0 else f"{slug}-{cms}",
                "name": name,
                "region_code": region,
                "cms": cms,
                "base_url": base_url,
                "start_columns": columns[cms],
                "verified": False,
                "note": (
                    f"proposed by `govreports probe {home.url}` (site markup looks {family}); check the columns "
                    f"and the region code{'' if region else ' (not found: fill it in)'} before a large crawl"
                ),
            }
        )
    return entries


def _site_name(page: _Page) -> str:
    selector = page.selector
    name = selector.css('meta[name="SiteName"]::attr(content)').get() or selector.css("title::text").get() or ""
    return NAME_SEPARATORS.split(name.strip())[0] or urlsplit(page.url).netloc


def _region(page: _Page, name: str) -> str | None:
    """The region of the site id code (网站标识码 meta or footer), else of the site's name."""
    selector = page.selector
    site_id = selector.css(
        'meta[name="SiteIDCode"]::attr(content), meta[name="SiteIdCode"]::attr(content)'
    ).get() or _footer_site_id(page.html)
    return regions.site_id_region(site_id) or regions.name_region(name)


def _footer_site_id(html: str) -> str | None:
    match = re.search(r"网站标识码\s*[:：]?\s*(\d{10})", html)
    return match.group(1) if match else None


def _slug(netloc: str) -> str:
    host = netloc.lower().removeprefix("www.")
    host = re.sub(r"\.gov\.cn$|\.(?:com|cn|org|net)$", "", host)
    return re.sub(r"[^a-z0-9]+", "-", host).strip("-") or "portal"
