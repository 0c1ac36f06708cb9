"""The Scrapy item pipeline: fetched bodies → extraction → the SQLite store.

Bad input never stops the crawl: a page that cannot be parsed, a blocked download or a broken file is a
`crawl_errors` row (its bytes are already in the raw archive), and the crawl goes on.
"""
from __future__ import annotations

import asyncio
import logging
import traceback

from scrapy import signals

from crawler.fetch_policy import cap_reached, url_blocked
from crawler.items import FetchedAttachment, FetchedPage, FetchError, PageGone, PageUnchanged
from crawler.registry import all_portals
from pipelines import regions
from pipelines.attachments import KILL_GRACE, Limits, parse_attachment
from pipelines.attachments.safety import MB
from pipelines.attachments.sniff import magic_kind
from pipelines.columns import save_columns
from pipelines.crosscheck import form_vs_report, with_department
from pipelines.extract import MalformedPage, extract_page
from pipelines.figures.metrics import METRICS
from pipelines.store import Store, now_iso, stable_id
from pipelines.workers import SupervisedPool, TaskFailed

log = logging.getLogger(__name__)


def prepare_store(path) -> Store:
    """Open the database and (re)load the reference tables every dataset carries."""
    store = Store(path)
    store.upsert_portals(all_portals())
    store.load_reference("regions", regions.all_regions(), pk="code")
    metrics = [dict(zip(("key", "label_zh", "unit", "description"), m, strict=True)) for m in METRICS]
    store.load_reference("metrics", metrics, pk="key")
    return store


def save_page(store: Store, page: FetchedPage, *, region_hint: str | None,
              seen: str | None = None) -> tuple[str, list[str]]:
    """Extract one fetched page and store it; returns 'new'/'changed'/'unchanged' and the page's defects."""
    result = extract_page(page.body, page.url, http_charset=page.http_charset, region_hint=region_hint)
    return store_page(store, page, result, seen=seen)


def store_page(store: Store, page: FetchedPage, result: dict, *, seen: str | None = None) -> tuple[str, list[str]]:
    """Store what `extract_page` found on a fetched page; see `save_page`."""
    document = {**result["document"], "url": page.url, "portal_id": page.portal_id,
                "raw_sha256": page.raw_sha256, "http_etag": page.etag, "http_last_modified": page.last_modified}
    change = store.save_document(document, result, seen=seen)
    for link in result["attachments"]:
        if link["url"]:
            store.save_attachment_link(page.url, link["url"], link["name"])
    return change, result["defects"]


def save_attachment(store: Store, item: FetchedAttachment, parsed: dict | None = None) -> str:
    """Parse one downloaded attachment and store it; returns its parse_status. `parsed` is `parse_attachment`'s
    answer when the file was parsed elsewhere (in the crawl's worker pool). An HTML page instead of the file
    raises BlockedDownload, an empty file EmptyAttachment, each once the attachment row is stored."""
    kind = magic_kind(item.body[:4096])
    document_id = stable_id(item.document_url)
    fields = {"document_id": document_id, "bytes": len(item.body),
              "sha256": item.raw_sha256, "fetched": now_iso(), "name": item.name, "ext": kind}
    if kind == "html":
        store.save_attachment_file(item.url, {**fields, "parse_status": "error",
                                              "error": "the server answered with an HTML page, not the file"})
        raise BlockedDownload(f"download refused: got an HTML page ({len(item.body)} bytes)")
    parsed = parsed or parse_attachment(item.body, name=item.name)
    check_against_page(store, document_id, parsed)
    store.save_attachment_file(item.url, {**fields, "ext": parsed.get("kind") or kind,
                                          "form_kind": parsed.get("form_kind"),
                                          "parse_status": parsed["parse_status"], "error": parsed.get("error")},
                               parsed)
    if parsed["parse_status"] == "empty":
        raise EmptyAttachment(f"empty attachment ({len(item.body)} bytes): {parsed.get('error')}")
    return parsed["parse_status"]


def save_unparsed_attachment(store: Store, item: FetchedAttachment, error: str) -> None:
    """An attachment whose parse was stopped (time or memory cap): stored as an error, so that later runs do
    not fetch it again and again."""
    store.save_attachment_file(item.url, {"document_id": stable_id(item.document_url), "bytes": len(item.body),
                                          "sha256": item.raw_sha256, "fetched": now_iso(), "name": item.name,
                                          "ext": magic_kind(item.body[:4096]), "parse_status": "error",
                                          "error": error})


def check_against_page(store: Store, document_id: int, parsed: dict) -> None:
    """Tie a form to its page: department forms rarely print the department, and figures without a year of
    their own belong to the page's fiscal year; then compare the form's scores with the report's."""
    row = store.db.execute("select department, fiscal_year from documents where id = ?", [document_id]).fetchone()
    if row is None:
        return
    department, fiscal_year = row
    parsed["evaluations"] = with_department(parsed.get("evaluations") or [], department)
    parsed["figures"] = [{**f, "subject": f.get("subject") or department,
                          "fiscal_year": f.get("fiscal_year") or fiscal_year} for f in parsed.get("figures") or []]
    printed = list(store.db.query("select subject_type, subject, score from evaluations "
                                  "where document_id = ? and attachment_id is null", [document_id]))
    parsed["validation_issues"] = [*(parsed.get("validation_issues") or []),
                                   *form_vs_report(printed, parsed["evaluations"], department)]


class BlockedDownload(Exception):
    pass


class EmptyAttachment(Exception):
    """A zero-byte attachment, or one with no cells or text: stored, and recorded as `malformed`."""


def page_caps(settings) -> dict:
    """The time and memory caps of one page's extraction, as `SupervisedPool.run` takes them."""
    return {"timeout": settings.getfloat("GOVREPORTS_EXTRACT_TIMEOUT"),
            "max_memory": settings.getint("GOVREPORTS_EXTRACT_MEMORY_MB") * MB}


def run_status(reason: str, stats) -> str:
    """The run's `status`: Scrapy's close reason, except that a run that received no answer at all (every
    request failed, was refused or timed out) is `failed`, not `finished`."""
    if reason == "finished" and not stats.get_value("govreports/answered") and stats.get_value("govreports/errors"):
        return "failed"
    return reason


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
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
        self.store = prepare_store(self.crawler.settings["GOVREPORTS_DB"])
        self.run_id = self.store.start_run(spider.portal_id, spider.mode)
        self.crawler.stats.set_value("govreports/run_id", self.run_id)  # how run_crawl finds its own run
        self.portal_id = spider.portal_id
        self.region_hint = spider.portal.get("region_code")
        self.stats = self.crawler.stats
        settings = self.crawler.settings
        processes = settings.getint("GOVREPORTS_EXTRACT_PROCESSES")
        # Extraction is CPU work: in its own processes it uses the cores Scrapy's single thread leaves idle, and a
        # page or file that would run for minutes or take gigabytes is stopped at the caps (pipelines.workers).
        self.pool = SupervisedPool(processes) if processes else None
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
        except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop the crawl; the archive keeps the bytes
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
        arguments = (page.body, page.url)
        options = {"http_charset": page.http_charset, "region_hint": self.region_hint}
        if self.pool is None:
            return extract_page(*arguments, **options)
        return await self.pool.run(extract_page, *arguments, **options, **self.page_caps)

    async def _save_attachment(self, item: FetchedAttachment) -> None:
        if item.document_url in self.stored:  # a form is checked against its page: store the page first
            await asyncio.shield(self.stored[item.document_url])
        parsed = None
        if self.pool is not None and magic_kind(item.body[:4096]) not in ("html", "empty"):
            # In a pool worker the parse runs in the worker itself, under the attachment limits' caps.
            limits = Limits(isolate=False)
            parsed = await self.pool.run(parse_attachment, item.body, name=item.name, limits=limits,
                                         timeout=limits.time_budget + KILL_GRACE,
                                         max_memory=limits.max_memory)
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
        if self.pool:
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
            self.run_id, status, mode=spider.mode,
            requests=stats.get_value("downloader/request_count", 0),
            new_documents=stats.get_value("govreports/documents_new", 0),
            changed_documents=stats.get_value("govreports/documents_changed", 0),
            unchanged_documents=stats.get_value("govreports/documents_unchanged", 0),
            removed_documents=stats.get_value("govreports/documents_removed", 0),
            errors=stats.get_value("govreports/errors", 0),
            challenges=stats.get_value("govreports/challenges", 0))
        self.store.close()

    def _save_columns(self, spider) -> None:
        """Keep the columns this crawl read in `portal_columns`; a known column that stopped yielding is a
        warning and a `column_empty` error row (the next crawl rediscovers the portal's columns)."""
        stopped = save_columns(self.store.db, self.portal_id, spider.column_records(), now_iso(),
                               discovered=spider.discovering,
                               articles={url: [stable_id(article) for article in column.articles]
                                         for url, column in spider.columns.items()})
        for column in stopped:
            message = (f"column {column['label_path'] or column['url']} listed articles before and "
                       f"{'answered with an error' if column['status'] == 'failed' else 'lists none'} now")
            log.warning("%s: %s", self.portal_id, message)
            self._error(column["url"], "column_empty", message)

    def _found_no_report(self, spider) -> bool:
        """A finished crawl after which the portal has no live report: its columns are wrong or gone. (Not
        for `discover` runs, which fetch no article, nor for one worker's share of a distributed crawl.)"""
        if spider.mode == "discover" or self.crawler.settings.get("GOVREPORTS_REDIS_JOB"):
            return False
        found = self.store.db.execute(
            "select 1 from documents where portal_id = ? and status = 'live' and report_type is not null "
            "and report_type != 'other' limit 1", [self.portal_id]).fetchone()
        if found:
            return False
        message = (f"the crawl found no report on {self.portal_id} ({len(spider.columns)} column(s) read): "
                   "check the registry entry with `govreports verify`")
        log.warning(message)
        self._error(spider.base_url, "no_reports", message)
        return True
