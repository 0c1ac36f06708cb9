"""What hostile pages and files cost the crawl: each goes through the crawl's supervised extraction pool with the
default caps (crawler/settings.py, pipelines/attachments/safety.py), and the script prints the wall time, the
outcome (ok, or the `crawl_errors` kind it would be recorded as) and the largest memory any worker reached.

Target: every case ends within its time cap plus a second or two, no worker passes its memory cap, and a small
page extracted after each case still works (the pool replaced a dead worker).

    .venv/bin/python benchmarks/hostile.py
"""

from __future__ import annotations

import asyncio
import io
import resource
import sys
import time
from functools import partial
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parents[1])  # not benchmarks/: its incremental.py shadows Twisted's

from openpyxl import Workbook  # noqa: E402

from crawler.pipelines import page_caps  # noqa: E402
from crawler.run import project_settings  # noqa: E402
from pipelines.attachments import KILL_GRACE, Limits, parse_attachment  # noqa: E402
from pipelines.extract import extract_page  # noqa: E402
from pipelines.workers import SupervisedPool, TaskFailed  # noqa: E402

TITLE = "2023年度部门整体支出绩效自评报告"


def page(body: str) -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head><body><h1>{TITLE}</h1>'
        f'<div class="v_news_content">{body}</div></body></html>'
    ).encode()


def repeated_amount() -> bytes:
    """One sentence repeating an amount 20,000 times (≈ 450 KB)."""
    return page("<p>" + "支出1.25万元，" * 20_000 + "。</p>")


def big_page() -> bytes:
    """6 MB of ordinary report paragraphs."""
    return page("<p>本年度支出合计1,234.56万元，其中基本支出800.12万元，项目支出434.44万元。</p>" * 60_000)


def span_bomb() -> bytes:
    """A small table whose row and column spans ask for a grid of hundreds of millions of cells."""
    row = "<tr>" + '<td rowspan="200" colspan="5000">1.0</td>' * 4 + "</tr>"
    return page("<table>" + row * 200 + "</table>")


def deep_nesting() -> bytes:
    """An unclosed <font> in each of 3,000 paragraphs."""
    return page("".join(f"<p><font>第{i}段，支出{i}万元。" for i in range(3000)))


def sparse_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "项目名称"
    workbook.active.cell(row=49_000, column=250, value=1.5)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PAGES = {
    "repeated amount": repeated_amount,
    "6 MB page": big_page,
    "span bomb": span_bomb,
    "deep nesting": deep_nesting,
}
ATTACHMENTS = {"sparse xlsx": sparse_xlsx}


async def measure(pool: SupervisedPool, caps: dict, name: str, run) -> None:
    started = time.monotonic()
    try:
        await run()
        outcome = "ok"
    except TaskFailed as exc:
        outcome = exc.kind
    except Exception as exc:  # noqa: BLE001 - a recorded parse error
        outcome = f"parse ({type(exc).__name__})"
    seconds = time.monotonic() - started
    await pool.run(extract_page, page("<p>支出合计100万元。</p>"), "http://127.0.0.1/ok.htm", **caps)  # still works
    print(f"{name:<16} {seconds:7.2f} s  {outcome}")


async def main() -> None:
    caps = page_caps(project_settings())
    limits = Limits(isolate=False)
    attachment_caps = {"timeout": limits.time_budget + KILL_GRACE, "max_memory": limits.max_memory}
    print(
        f"caps: page {caps['timeout']:g} s / {caps['max_memory'] >> 20} MB, "
        f"attachment {attachment_caps['timeout']:g} s / {attachment_caps['max_memory'] >> 20} MB"
    )
    pool = SupervisedPool(1)
    try:
        for name, build in PAGES.items():
            body = build()
            await measure(
                pool,
                caps,
                f"{name} ({len(body) >> 10} KB)",
                partial(pool.run, extract_page, body, "http://127.0.0.1/x.htm", **caps),
            )
        for name, build in ATTACHMENTS.items():
            data = build()
            await measure(
                pool,
                caps,
                f"{name} ({len(data) >> 10} KB)",
                partial(pool.run, parse_attachment, data, name="a.xlsx", limits=limits, **attachment_caps),
            )
    finally:
        pool.close()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss >> 10
    print(f"largest worker: {peak} MB resident")


if __name__ == "__main__":
    asyncio.run(main())
