"""Running a crawl in-process, and rebuilding the database from the raw archive."""

from __future__ import annotations

import json
import math
import os
import sqlite3
from difflib import get_close_matches
from functools import partial
from pathlib import Path

import sqlite_utils
from scrapy.crawler import CrawlerProcess
from scrapy.settings import BaseSettings
from scrapy.utils.project import get_project_settings
from w3lib.encoding import http_content_type_encoding

from crawler.archive import RawArchive
from crawler.challenge import detect_challenge
from crawler.distributed import redis_settings
from crawler.headers import header
from crawler.registry import all_portals, get_portal
from crawler.spiders import spider_for
from pipelines.extract import extract_page
from pipelines.items import FetchedAttachment, FetchedPage
from pipelines.store import Store, crawl_lock


def crawl_settings(
    portal: dict,
    *,
    db: str,
    archive: str,
    jobdir: str | None = None,
    overrides: dict | None = None,
    redis_url: str | None = None,
    worker: str | None = None,
):
    """The Scrapy settings of one crawl; with `redis_url`, of one worker of the portal's distributed job."""
    settings = project_settings()
    settings.setdict(portal.get("settings") or {}, priority="spider")
    settings.setdict({"GOVREPORTS_DB": str(db), "GOVREPORTS_ARCHIVE": str(archive)}, priority="cmdline")
    if jobdir:
        settings.set("JOBDIR", str(jobdir), priority="cmdline")
    if redis_url:
        if jobdir:
            raise ValueError("a distributed crawl keeps its frontier in Redis: --jobdir does not apply")
        settings.setdict(redis_settings(portal["id"], redis_url, worker), priority="cmdline")
        extensions = {**settings.getdict("EXTENSIONS"), "crawler.distributed.Coordinator": 500}
        settings.set("EXTENSIONS", extensions, priority="cmdline")
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def project_settings():
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    return get_project_settings()


_BOOLEANS = {"1", "0", "true", "false", "True", "False"}


def check_setting(name: str, value: str, defaults=None) -> None:
    """Refuse (ValueError) a `--set NAME=VALUE` whose name is no setting of Scrapy's or ours (a typo would be
    silently ignored) or whose value cannot be read as the setting's type (it would fail mid-crawl)."""
    defaults = defaults if defaults is not None else project_settings()
    if name not in defaults:
        close = get_close_matches(name, list(defaults), n=1)
        raise ValueError(f"unknown setting {name!r}" + (f" (did you mean {close[0]}?)" if close else ""))
    default = defaults[name]
    if isinstance(default, bool):
        if value not in _BOOLEANS:
            raise ValueError(f"{name} takes true or false, not {value!r}")
    elif isinstance(default, (int, float)):
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"{name} takes a number, not {value!r}") from None
        if not math.isfinite(number) or number < 0:
            raise ValueError(f"{name} takes a number of 0 or more, not {value!r}")
    elif isinstance(default, (dict, list, BaseSettings)):
        try:
            json.loads(value)
        except ValueError:
            raise ValueError(f"{name} takes a JSON {type(default).__name__}, not {value!r}") from None


def run_crawl(
    portal: str | dict,
    *,
    db: str,
    archive: str,
    base_url: str | None = None,
    jobdir: str | None = None,
    settings: dict | None = None,
    redis_url: str | None = None,
    worker: str | None = None,
    **spider_args,
) -> dict:
    """Crawl one portal (a registry id, or an entry as a dict) to completion; returns this run's `crawl_runs` row.

    Crawls into one database take turns (`pipelines.store.crawl_lock`, waiting up to `GOVREPORTS_DB_LOCK_WAIT`
    seconds). Raises CrawlFailed when the database cannot be opened or the crawl could not record its run.
    With `redis_url`, this process is one worker (named `worker`) of a distributed crawl of the portal
    (see `crawler.distributed`): the returned row counts this worker's share."""
    portal = portal if isinstance(portal, dict) else get_portal(portal)
    crawl = crawl_settings(
        portal, db=db, archive=archive, jobdir=jobdir, overrides=settings, redis_url=redis_url, worker=worker
    )
    with crawl_lock(db, crawl.getfloat("GOVREPORTS_DB_LOCK_WAIT"), holder=f"crawl of {portal['id']}"):
        open_database(db)
        process = CrawlerProcess(crawl)
        crawler = process.create_crawler(spider_for(portal["cms"]))
        process.crawl(
            crawler, portal=portal, base_url=base_url, **{k: v for k, v in spider_args.items() if v is not None}
        )
        process.start()
    run_id = crawler.stats.get_value("govreports/run_id") if crawler.stats else None
    if run_id is None:
        raise CrawlFailed(f"the crawl of {portal['id']} did not start; the log above says why")
    return run_row(db, run_id)


class CrawlFailed(Exception):
    pass


def open_database(db: str | Path) -> None:
    """Open (creating or upgrading) the database once before crawling, so that a corrupt, foreign or read-only
    file is one clear error before anything is fetched."""
    try:
        Store(db).close()
    except sqlite3.DatabaseError as exc:
        raise CrawlFailed(f"{db} cannot be used as the database: {exc}") from None


def run_row(db: str | Path, run_id: int) -> dict:
    return sqlite_utils.Database(db).table("crawl_runs").get(run_id)


def rebuild_from_archive(archive_dir: Path, db: Path, overrides: dict | None = None) -> dict:
    """Re-extract the newest archived fetch of every article and attachment into `db`: pages in a supervised
    worker under the crawl's caps (an archived page that would run for minutes is recorded, not waited for),
    attachments under their own limits, the database locked against crawls meanwhile."""
    from crawler.pipelines import page_caps
    from pipelines.crawl import prepare_store, save_attachment, store_page
    from pipelines.workers import SupervisedPool

    settings = project_settings()
    settings.setdict(overrides or {}, priority="cmdline")
    with crawl_lock(db, settings.getfloat("GOVREPORTS_DB_LOCK_WAIT"), holder="rebuild"):
        archive, store, pool = RawArchive(archive_dir), prepare_store(db, all_portals()), SupervisedPool(1)
        caps = page_caps(settings)
        counts = {"documents": 0, "attachments": 0, "errors": 0}
        run_id = store.start_run("rebuild")
        try:
            for page, hint in _archived_pages(archive):
                extract = partial(
                    pool.call,
                    extract_page,
                    page.body,
                    page.url,
                    http_charset=page.http_charset,
                    region_hint=hint,
                    **caps,
                )
                # `_guarded` calls the action at once; the defaults only pin this iteration's page for the linter.
                counts["documents"] += _guarded(
                    store, run_id, page, lambda page=page, extract=extract: store_page(store, page, extract())
                )
            for row in archive.latest(kinds=("attachment",)):
                item = FetchedAttachment(
                    url=row["url"],
                    body=archive.get(row["sha256"]),
                    status=row["status"],
                    raw_sha256=row["sha256"],
                    portal_id=row["portal_id"],
                    document_url=row["referer"] or "",
                )
                counts["attachments"] += _guarded(store, run_id, item, partial(save_attachment, store, item))
        finally:
            pool.close()
        counts["errors"] = store.db.execute("select count(*) from crawl_errors where run_id = ?", [run_id]).fetchone()[
            0
        ]
        store.finish_run(run_id, "finished", new_documents=counts["documents"], errors=counts["errors"])
        store.close()
        archive.close()
    return counts


def _archived_pages(archive: RawArchive):
    """(FetchedPage, the portal's region code) for the newest archived fetch of every article."""
    for row in archive.latest(kinds=("article",)):
        body = archive.get(row["sha256"])
        if detect_challenge(row["status"], body):  # a bot-challenge page answered with HTTP 200
            continue
        page = FetchedPage(
            url=row["url"],
            body=body,
            status=row["status"],
            http_charset=http_content_type_encoding(header(row["headers"], "Content-Type")),
            raw_sha256=row["sha256"],
            portal_id=row["portal_id"],
        )
        yield page, get_portal(row["portal_id"]).get("region_code") if row["portal_id"] else None


def _guarded(store, run_id, item, action) -> int:
    """Run one page's or file's action; a failure is recorded (its kind: a cap's, else `parse`), and the
    rebuild goes on."""
    from pipelines.workers import TaskFailed

    try:
        action()
        return 1
    except TaskFailed as exc:
        store.record_error(run_id, item.portal_id, item.url, exc.kind, str(exc))
    except Exception as exc:  # noqa: BLE001 - a bad archived body is recorded, and the rebuild goes on
        store.record_error(run_id, item.portal_id, item.url, "parse", f"{type(exc).__name__}: {exc}")
    return 0
