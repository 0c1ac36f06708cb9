"""The Scrapy item pipeline: the spider's items → extraction in the worker pool → the SQLite store.

Scrapy glue only: it knows the crawler (settings, stats, signals) and the spider (its portal, mode and columns),
and hands the portal registry's entries and the portal's region to `pipelines/`, whose plain functions
(`pipelines.crawl`, `pipelines.extract`, `pipelines.attachments`) do the work and know nothing of Scrapy's
crawl. Extraction is CPU work: every page and attachment is parsed in a `pipelines.workers.SupervisedPool`
process and awaited, so the reactor keeps downloading meanwhile; only the store's writes run here.

Bad input never stops the crawl: a page that cannot be parsed, a blocked download or a broken file is a
`crawl_errors` row (its bytes are already in the raw archive), and the crawl goes on.
"""

from __future__ import annotations

import asyncio
import logging
import traceback

from scrapy import signals

from crawler.fetch_policy import cap_reached, url_blocked
from crawler.registry import all_portals
from pipelines.attachments import KILL_GRACE, Limits, parse_attachment
from pipelines.attachments.safety import MB
from pipelines.attachments.sniff import magic_kind
from pipelines.columns import save_columns
from pipelines.crawl import (
    BlockedDownload,
    EmptyAttachment,
    prepare_store,
    save_attachment,
    save_unparsed_attachment,
    store_page,
)
from pipelines.extract import MalformedPage, extract_page
from pipelines.items import FetchedAttachment, FetchedPage, FetchError, PageGone, PageUnchanged
from pipelines.store import Store, now_iso, stable_id
from pipelines.workers import SupervisedPool, TaskFailed

log = logging.getLogger(__name__)


def page_caps(settings) -> dict:
    """The time and memory caps of one page's extraction, as `SupervisedPool.run` takes them."""
    return {
        "timeout": settings.getfloat("GOVREPORTS_EXTRACT_TIMEOUT"),
        "max_memory": settings.getint("GOVREPORTS_EXTRACT_MEMORY_MB") * MB,
    }


def extract_processes(settings) -> int:
    """`GOVREPORTS_EXTRACT_PROCESSES`, which must be 1 or more: extraction never runs in the reactor's thread,
    where one slow page or file would stall every download of the crawl."""
    processes = settings.getint("GOVREPORTS_EXTRACT_PROCESSES")
    if processes < 1:
        raise ValueError(
            f"GOVREPORTS_EXTRACT_PROCESSES must be 1 or more, not {processes}: pages and attachments "
            "are always extracted in worker processes"
        )
    return processes


def run_status(reason: str, stats) -> str:
    """The run's `status`: Scrapy's close reason, except that a run that received no answer at all (every
    request failed, was refused or timed out) is `failed`, not `finished`."""
    if reason == "finished" and not stats.get_value("govreports/answered") and stats.get_value("govreports/errors"):
        return "failed"
    return reason


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.processes = extract_processes(crawler.settings)  # a wrong value refuses the crawl before it starts
        self.store: Store  # opened, and the run started, by open_spider
        self.run_id: int

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        # The run is finished on spider_closed (not close_spider) because only the signal carries the reason.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.url_blocked, signal=url_blocked)
        crawler.signals.connect(pipeline.cap_reached, signal=cap_reached)
        return pipeline

    def open_spider(self):
        spider = self.crawler.spider
        self.store = prepare_store(self.crawler.settings["GOVREPORTS_DB"], all_portals())
        self.run_id = self.store.start_run(spider.portal_id, spider.mode)
        self.crawler.stats.set_value("govreports/run_id", self.run_id)  # how run_crawl finds its own run
        self.portal_id = spider.portal_id
        self.region_hint = spider.portal.get("region_code")
        self.stats = self.crawler.stats
        settings = self.crawler.settings
        # Extraction is CPU work: in its own processes it uses the cores Scrapy's single thread leaves idle, and a
        # page or file that would run for minutes or take gigabytes is stopped at the caps (pipelines.workers).
        self.pool = SupervisedPool(self.processes)
        self.page_caps = page_caps(settings)
        self.stored: dict[str, asyncio.Future] = {}  # page URL → done once the page is in the database

    async def process_item(self, item):
        try:
            if isinstance(item, FetchedPage):
                await self._save_page(item)
            elif isinstance(item, FetchedAttachment):
                await self._save_attachment(item)
            elif isinstance(item, PageUnchanged):
                self.store.touch(item.url)
                self.stats.inc_value("govreports/documents_unchanged")
            elif isinstance(item, PageGone):
                self._removed(item.url)
            elif isinstance(item, FetchError):
                self._error(item.url, item.kind, item.message, item.http_status)
        except (MalformedPage, EmptyAttachment) as exc:
            self._error(item.url, "malformed", str(exc))
        except TaskFailed as exc:  # stopped at a cap: recorded, and the pool has a fresh worker for the next
            if isinstance(item, FetchedAttachment):
                save_unparsed_attachment(self.store, item, str(exc))
            self._error(item.url, exc.kind, str(exc))
        except BlockedDownload as exc:
            self._error(item.url, "blocked_download", str(exc))
        except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop the crawl; the archive has the bytes
            log.error("extraction failed for %s\n%s", item.url, traceback.format_exc())
            self._error(item.url, "parse", f"{type(exc).__name__}: {exc}")
        return item

    async def _save_page(self, page: FetchedPage) -> None:
        done = self.stored[page.url] = asyncio.get_running_loop().create_future()
        try:
            result = await self._extract(page)
            change, defects = store_page(self.store, page, result)
            self.stats.inc_value(f"govreports/documents_{change}")
            if defects:  # stored with what could be read, and reported
                self._error(page.url, "malformed", "; ".join(defects))
        finally:
            done.set_result(None)
            del self.stored[page.url]

    async def _extract(self, page: FetchedPage) -> dict:
        return await self.pool.run(
            extract_page,
            page.body,
            page.url,
            http_charset=page.http_charset,
            region_hint=self.region_hint,
            **self.page_caps,
        )

    async def _save_attachment(self, item: FetchedAttachment) -> None:
        if item.document_url in self.stored:  # a form is checked against its page: store the page first
            await asyncio.shield(self.stored[item.document_url])
        parsed = None
        if magic_kind(item.body[:4096]) != "html":  # an HTML page instead of the file is refused unparsed
            # The pool worker is the isolation: the parse runs in it, under the attachment limits' caps.
            limits = Limits(isolate=False)
            parsed = await self.pool.run(
                parse_attachment,
                item.body,
                name=item.name,
                limits=limits,
                timeout=limits.time_budget + KILL_GRACE,
                max_memory=limits.max_memory,
            )
        status = save_attachment(self.store, item, parsed)
        self.stats.inc_value(f"govreports/attachments_{status}")

    def url_blocked(self, url: str, reason: str) -> None:
        self._error(url, "blocked_url", reason)

    def cap_reached(self, url: str, message: str) -> None:
        self._error(url, "cap_reached", message)

    def _removed(self, url: str) -> None:
        if self.store.mark_removed(url):
            self.stats.inc_value("govreports/documents_removed")

    def _error(self, url: str, kind: str, message: str, http_status: int | None = None) -> None:
        self.stats.inc_value("govreports/errors")
        self.store.record_error(self.run_id, self.portal_id, url, kind, message, http_status)

    def spider_closed(self, spider, reason):
        self.pool.close()
        if reason == "finished":
            for url in spider.unlisted_known():
                self._removed(url)
        self._save_columns(spider)
        stats = self.stats
        status = run_status(reason, stats)
        if status == "finished" and self._found_no_report(spider):
            status = "finished_empty"
        self.store.finish_run(  # mode: the spider may have switched to resume a killed run
            self.run_id,
            status,
            mode=spider.mode,
            requests=stats.get_value("downloader/request_count", 0),
            new_documents=stats.get_value("govreports/documents_new", 0),
            changed_documents=stats.get_value("govreports/documents_changed", 0),
            unchanged_documents=stats.get_value("govreports/documents_unchanged", 0),
            removed_documents=stats.get_value("govreports/documents_removed", 0),
            errors=stats.get_value("govreports/errors", 0),
            challenges=stats.get_value("govreports/challenges", 0),
        )
        self.store.close()

    def _save_columns(self, spider) -> None:
        """Keep the columns this crawl read in `portal_columns`; a known column that stopped yielding is a
        warning and a `column_empty` error row (the next crawl rediscovers the portal's columns)."""
        stopped = save_columns(
            self.store.db,
            self.portal_id,
            spider.column_records(),
            now_iso(),
            discovered=spider.discovering,
            articles={
                url: [stable_id(article) for article in column.articles] for url, column in spider.columns.items()
            },
        )
        for column in stopped:
            message = (
                f"column {column['label_path'] or column['url']} listed articles before and "
                f"{'answered with an error' if column['status'] == 'failed' else 'lists none'} now"
            )
            log.warning("%s: %s", self.portal_id, message)
            self._error(column["url"], "column_empty", message)

    def _found_no_report(self, spider) -> bool:
        """A finished crawl after which the portal has no live report: its columns are wrong or gone. (Not
        for `discover` runs, which fetch no article, nor for one worker's share of a distributed crawl.)"""
        if spider.mode == "discover" or self.crawler.settings.get("GOVREPORTS_REDIS_JOB"):
            return False
        found = self.store.db.execute(
            "select 1 from documents where portal_id = ? and status = 'live' and report_type is not null "
            "and report_type != 'other' limit 1",
            [self.portal_id],
        ).fetchone()
        if found:
            return False
        message = (
            f"the crawl found no report on {self.portal_id} ({len(spider.columns)} column(s) read): "
            "check the registry entry with `govreports verify`"
        )
        log.warning(message)
        self._error(spider.base_url, "no_reports", message)
        return True
