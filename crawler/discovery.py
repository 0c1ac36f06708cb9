"""Column discovery: find a portal's budget and performance columns by following its navigation.

Registry start columns are guesses that go stale when a site is rebuilt; the site's own menus do not lie. From
the home page (and the home pages of the portal's sibling hosts), a crawl follows, within `DISCOVERY_DEPTH`
hops and `DISCOVERY_PAGES` pages:

* navigation links (政府信息公开, 法定主动公开内容, 信息公开目录, 重点领域信息公开 …) — read only for their links;
* budget columns: short link texts with a budget word (财政信息, 财政预决算, 部门预算, 部门决算, 三公经费,
  预算绩效管理, 绩效评价 — `crawler.spiders.generic.is_column_text`, the one lexicon of budget columns); each is
  read as a list by the family's spider *and* scanned for sub-columns;
* year folders (`2024`, `2025年`, `2023年度`) below a budget column.

What each column listed is kept in the `portal_columns` table (see `pipelines.columns`); later crawls start from
the columns found there, and rediscover when a known column stops yielding articles, when none is known, when
the last discovery is older than `GOVREPORTS_REDISCOVER_DAYS`, and in `full`, `recheck` and `discover` modes.

Links are followed only to the portal's own host and the sibling hosts its registry entry lists under `hosts:`
(a finance bureau's or a disclosure site's host of the same government) — never to any other host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

DISCOVERY_DEPTH = 6  # hops from a home page: home → 政府信息公开 → 法定主动公开内容 → 财政信息 → 部门决算 → 2024年
DISCOVERY_PAGES = 300  # navigation and column pages read for discovery in one crawl, at most
REDISCOVER_DAYS = 30  # default of the GOVREPORTS_REDISCOVER_DAYS setting
# What marks a budget / final-account / performance column's name (财政预决算, 部门决算, 预算绩效管理).
COLUMN_WORDS = ("预算", "决算", "预决算", "绩效", "三公", "财政")
COLUMN_NAME_MAX = 12  # a column name is short; a report title is longer or carries a year
YEAR = re.compile(r"(?:19[89]\d|20\d\d)")
NAVIGATION_WORDS = ("信息公开", "政务公开", "公开目录", "主动公开", "重点领域", "公开内容", "政府信息", "部门信息")
# Pages of the 信息公开 tree that never lead to report columns: the guide, the annual reports, requests.
NAVIGATION_DEAD_ENDS = ("指南", "年报", "年度报告", "依申请", "申请表", "制度", "意见箱")
YEAR_FOLDER = re.compile(r"^\s*(?:19[89]\d|20\d\d)\s*(?:年度?)?\s*$")
LABEL_SEPARATOR = " > "


def is_column_text(text: str) -> bool:
    """A link text naming a budget column: a column word, short, no year (财政预决算, 部门决算, 预算绩效管理)."""
    return any(word in text for word in COLUMN_WORDS) and len(text) <= COLUMN_NAME_MAX and not YEAR.search(text)


def is_navigation_text(text: str) -> bool:
    """A link into the 政府信息公开 tree: 政府信息公开, 法定主动公开内容, 信息公开目录, 重点领域信息公开."""
    return (
        len(text) <= COLUMN_NAME_MAX
        and any(word in text for word in NAVIGATION_WORDS)
        and not any(word in text for word in NAVIGATION_DEAD_ENDS)
    )


def is_year_folder(text: str, label_path: tuple[str, ...]) -> bool:
    """A year sub-column (`2024`, `2025年`) of a budget column: only a year, below a label with a budget word."""
    return bool(YEAR_FOLDER.match(text)) and any(word in label for label in label_path for word in COLUMN_WORDS)


def link_kind(text: str, label_path: tuple[str, ...]) -> str | None:
    """'column', 'navigation' or None for a link text found on a page reached through `label_path`."""
    if is_column_text(text) or is_year_folder(text, label_path):
        return "column"
    if is_navigation_text(text):
        return "navigation"
    return None


@dataclass(frozen=True)
class HostPolicy:
    """The hosts a portal's links may be followed to: its base host (on its port, when the base URL names one)
    and the registry's `hosts:`.

    An entry with a port (`127.0.0.2:8080`) matches that host and port; one without matches the host name on
    any port and scheme (`czj.cxz.gov.cn` over http or https)."""

    base_url: str
    hosts: tuple[str, ...] = ()

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        base = urlsplit(self.base_url)
        if parts.hostname == base.hostname and (base.port is None or parts.port == base.port):
            return True
        return any(
            parts.netloc.lower() == host.lower() if ":" in host else parts.hostname == host.lower()
            for host in self.hosts
        )

    def roots(self) -> list[str]:
        """The home pages discovery starts from: the portal's, then each sibling host's (same scheme)."""
        base = urlsplit(self.base_url)
        return [f"{base.scheme}://{base.netloc}/", *(f"{base.scheme}://{host}/" for host in self.hosts)]


def policy_for(portal: dict) -> HostPolicy:
    return HostPolicy(portal["base_url"], tuple(portal.get("hosts") or ()))


@dataclass
class ColumnSeen:
    """One column a crawl read: where it came from, and what its list pages showed in this crawl."""

    url: str
    label_path: tuple[str, ...]
    source: str  # discovery, registry, known (from portal_columns)
    articles: set[str] = field(default_factory=set)
    latest: str | None = None  # newest list date (ISO)
    failed: bool = False  # a list page of the column answered with an error

    def saw(self, url: str, listed_on: str | None) -> None:
        self.articles.add(url)
        if listed_on and (self.latest is None or listed_on > self.latest):
            self.latest = listed_on

    @property
    def status(self) -> str:
        if self.articles:
            return "active"
        return "failed" if self.failed else "empty"

    def record(self, cms: str) -> dict:
        return {
            "url": self.url,
            "label_path": LABEL_SEPARATOR.join(self.label_path),
            "cms": cms,
            "articles_seen": len(self.articles),
            "latest_article": self.latest,
            "status": self.status,
            "source": self.source,
        }


def should_rediscover(mode: str, known: list[dict], max_age_days: int, now: datetime | None = None) -> bool:
    """Whether this crawl runs discovery again (see the module docstring)."""
    if mode != "incremental" or not known:
        return True
    if any(column["status"] != "active" for column in known):
        return True
    newest = max((column["discovered"] or "" for column in known), default="")
    if not newest:
        return True
    now = now or datetime.now(UTC)
    return datetime.fromisoformat(newest) < now - timedelta(days=max_age_days)
