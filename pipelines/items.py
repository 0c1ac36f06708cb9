"""The pipeline's input contract: what a crawl hands to extraction and the store — fetched bodies, and fetches
that failed or found nothing new. Spiders (`crawler/`) build these and never extract; this side never knows
where they came from, which is why they live here and `pipelines/` imports nothing from `crawler/`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FetchedPage:
    """An article page as served (bytes and headers); `kind` is 'article'."""

    url: str
    body: bytes
    status: int
    http_charset: str | None
    raw_sha256: str | None
    portal_id: str
    list_title: str | None = None
    list_date: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    kind: str = "article"


@dataclass
class FetchedAttachment:
    url: str
    body: bytes
    status: int
    headers: dict = field(default_factory=dict)
    raw_sha256: str | None = None
    portal_id: str = ""
    document_url: str = ""
    name: str | None = None


@dataclass
class FetchError:
    url: str
    kind: str  # http, network, malformed, challenge, blocked_download, parse
    message: str
    http_status: int | None = None
    portal_id: str | None = None


@dataclass
class PageUnchanged:
    """A known article answered 304 Not Modified to a conditional request."""

    url: str
    portal_id: str


@dataclass
class PageGone:
    """A known article answered 404 or 410: taken down."""

    url: str
    portal_id: str
    http_status: int
