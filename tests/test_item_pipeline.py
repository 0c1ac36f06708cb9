"""The Scrapy item pipeline parses every page and attachment in the worker pool and awaits it: the event loop
the crawl's downloads run on keeps turning while a large page or file is parsed, and what was parsed lands in
the store."""

from __future__ import annotations

import asyncio
import io
import time

import pytest
import sqlite_utils
from openpyxl import Workbook
from scrapy.utils.test import get_crawler

from crawler.pipelines import StorePipeline
from crawler.registry import get_portal
from crawler.run import crawl_settings
from crawler.spiders import spider_for
from pipelines.items import FetchedAttachment, FetchedPage
from pipelines.store import stable_id

PAGE_URL = "http://127.0.0.1:8765/info/1015/9001.htm"
FORM_URL = "http://127.0.0.1:8765/system/_content/download.jsp?wbfileid=9001"


def large_page(rows: int) -> bytes:
    """A report page whose table takes the extractor about a second."""
    cells = "".join(f"<tr><td>项目{i}</td><td>{1000 + i}</td><td>{900 + i}</td></tr>" for i in range(rows))
    return (
        "<html><head><meta charset='utf-8'><title>某局2023年度部门决算</title></head><body>"
        f"<h1>某局2023年度部门决算</h1><table><tr><td>项目</td><td>预算数</td><td>决算数</td></tr>{cells}</table>"
        "</body></html>"
    ).encode()


def large_form(rows: int) -> bytes:
    """An xlsx form that takes the attachment parser about a second."""
    book = Workbook()
    sheet = book.active
    sheet.append(["项目名称", "年度预算数", "全年执行数", "分值", "得分"])
    for i in range(rows):
        sheet.append([f"项目{i}", 1000 + i, 900 + i, 10, 9])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def longest_stall(awaitable) -> tuple[float, float]:
    """(the longest the event loop went without running a 10 ms ticker, how long `awaitable` took)."""
    longest, done = 0.0, asyncio.Event()

    async def tick():
        nonlocal longest
        last = time.monotonic()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.monotonic()
            longest, last = max(longest, now - last), now

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0.05)  # the ticker is running before the work starts
    longest = 0.0
    started = time.monotonic()
    await awaitable
    took = time.monotonic() - started
    done.set()
    await ticker
    return longest, took


@pytest.fixture
def pipeline(tmp_path):
    settings = crawl_settings(get_portal("sample"), db=tmp_path / "reports.db", archive=tmp_path / "archive")
    ours = {name: value for name, value in settings.copy_to_dict().items() if name.startswith("GOVREPORTS_")}
    crawler = get_crawler(spider_for("vsb"), settings_dict=ours)  # no reactor: the item pipeline needs none
    crawler.spider = spider_for("vsb")(portal="sample")
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    yield pipeline
    pipeline.pool.close()
    pipeline.store.close()


def test_pages_and_attachments_are_parsed_off_the_event_loop(pipeline, tmp_path):
    page = FetchedPage(
        url=PAGE_URL, body=large_page(12000), status=200, http_charset="utf-8", raw_sha256="p", portal_id="sample"
    )
    form = FetchedAttachment(
        url=FORM_URL,
        body=large_form(24000),
        status=200,
        raw_sha256="f",
        portal_id="sample",
        document_url=PAGE_URL,
        name="项目自评表.xlsx",
    )
    warm_up = FetchedPage(
        url=PAGE_URL + "?warm", body=large_page(1), status=200, http_charset="utf-8", raw_sha256="w", portal_id="sample"
    )

    async def crawl():
        await pipeline.process_item(warm_up)  # the worker's start-up is not what is measured
        return [await longest_stall(pipeline.process_item(item)) for item in (page, form)]

    for stall, took in asyncio.run(crawl()):
        assert took > 0.5  # long enough that parsing on the loop would show as a stall this long
        assert stall < took / 3, f"the event loop stalled {stall:.2f} s during a {took:.2f} s parse"
    db = sqlite_utils.Database(tmp_path / "reports.db")
    assert db["documents"].get(stable_id(PAGE_URL))["title"] == "某局2023年度部门决算"
    assert db["attachments"].get(stable_id(FORM_URL))["parse_status"] == "ok"
    assert db.execute("select count(*) from crawl_errors").fetchone()[0] == 0
