"""What the crawler may fetch: http(s) URLs on the portal's own hosts, at public addresses, within a budget.

A portal is a site we do not control: a compromised or broken one can link (or redirect) to `file:///etc/passwd`,
to an FTP server that never answers, to another site, or to an address inside the researcher's network (a router,
a cloud metadata service at 169.254.169.254). `FetchPolicyMiddleware` checks every request before it is
downloaded, redirects and robots.txt included (redirected requests pass through the downloader middlewares
again):

1. scheme: only `http` and `https` (the `ftp`, `file`, `data` and `s3` download handlers are disabled in the
   settings as well, so nothing else could be fetched even past this check);
2. host: the registry entry's `base_url` host and the hosts it lists under `hosts:` (e.g. a finance bureau's
   file server), through Scrapy's own `OffsiteMiddleware` and the spider's `allowed_domains` (which also admit
   their subdomains);
3. address: the host's addresses must all be global unicast; loopback, private, link-local (cloud metadata),
   shared, multicast and reserved addresses are refused unless the entry opts in with
   `allow_private_hosts: true` (the loopback sample portal and the test mirrors do). The name is resolved
   through Scrapy's caching resolver, so the connection uses the very address that was checked;
4. budget: at most `GOVREPORTS_MAX_REQUESTS` requests per run; the run then closes as `max_requests`.

Every refusal is a `crawl_errors` row of kind `blocked_url` (the `url_blocked` signal, recorded by the item
pipeline) and the request's errback sees a `BlockedUrl`, an `IgnoreRequest` it need not record again.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import _schedule_coro, maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

if TYPE_CHECKING:
    from crawler.spiders.base import PortalSpider

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
url_blocked = object()  # signal: (url, reason); the item pipeline records it
cap_reached = object()  # signal: (url, message); a cap of the run was reached


class Refused(IgnoreRequest):
    """A request the fetch policy refused and has already recorded (the spider's errback records nothing)."""


class BlockedUrl(Refused):
    """A URL the fetch policy does not fetch; its message says why."""


class OverRequestCap(Refused):
    """A request past GOVREPORTS_MAX_REQUESTS, while the run closes."""


def portal_hosts(portal: dict) -> list[str]:
    """The host names a portal's pages, redirects and attachments may be on."""
    siblings = (urlsplit(f"//{host}").hostname for host in portal.get("hosts") or ())  # `host:port` → host
    hosts = [urlsplit(portal["base_url"]).hostname, *siblings]
    return list(dict.fromkeys(host.lower() for host in hosts if host))


def is_public(address: str) -> bool:
    """A global unicast address (IPv4-mapped IPv6 judged by its IPv4 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


class FetchPolicyMiddleware(OffsiteMiddleware):
    """Scheme, host, address and request-count policy (see the module docstring); replaces Scrapy's
    OffsiteMiddleware at the same place in the chain, keeping its `allowed_domains` matching."""

    def __init__(self, stats, max_requests: int):
        super().__init__(stats)
        self.max_requests = max_requests
        self.requests = 0

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler.stats, crawler.settings.getint("GOVREPORTS_MAX_REQUESTS"))
        middleware.crawler = crawler
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    # Scrapy awaits a coroutine here, and calls it without the deprecated `spider` argument.
    async def process_request(self, request):  # type: ignore[override]
        url = urlparse_cached(request)
        if url.scheme not in ALLOWED_SCHEMES:
            self.refuse(request, f"scheme {url.scheme or '(none)'!r} is not fetched: only http and https")
        spider = cast("PortalSpider", self.crawler.spider)  # installed by the project's settings for its spiders
        if not self.should_follow(request, spider):
            self.refuse(
                request, f"host {url.hostname!r} is not one of the portal's hosts ({', '.join(spider.allowed_domains)})"
            )
        if not spider.portal.get("allow_private_hosts"):
            await self.check_address(request, url.hostname or "")
        self.count(request)

    async def check_address(self, request, host: str) -> None:
        address = _ip_literal(host)
        if address is None:
            from twisted.internet import reactor

            try:  # Scrapy's resolver caches the answer, and the connection is made to the cached address
                address = await maybe_deferred_to_future(reactor.resolve(host))
            except DNSLookupError:
                return  # the download fails the ordinary way, as a network error
        if not is_public(address):
            self.refuse(
                request,
                f"host {host!r} is at the non-public address {address} (loopback, private, "
                "link-local or reserved); set allow_private_hosts on the registry entry to allow it",
            )

    def count(self, request) -> None:
        self.requests += 1
        if self.max_requests and self.requests > self.max_requests:
            if self.requests == self.max_requests + 1:
                message = f"the run reached GOVREPORTS_MAX_REQUESTS = {self.max_requests}; closing it"
                self.crawler.signals.send_catch_log(cap_reached, url=request.url, message=message)
                _schedule_coro(self.crawler.engine.close_spider_async(reason="max_requests"))
            raise OverRequestCap(f"over the run's cap of {self.max_requests} requests")

    def refuse(self, request, reason: str) -> None:
        self.stats.inc_value("govreports/blocked_urls")
        log.warning("blocked %s: %s", request.url, reason)
        self.crawler.signals.send_catch_log(url_blocked, url=request.url, reason=reason)
        raise BlockedUrl(reason)
