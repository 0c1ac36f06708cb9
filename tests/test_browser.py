"""A researcher's path through the site in headless Chromium: search, a report, its figures, the dashboard, a CSV.

Runs Debian's /usr/bin/chromium through Playwright (never a downloaded browser) against the `datasette_server` fixture,
with no internet: the dashboard's Vega scripts must come from the site itself. Screenshots go to
test-artifacts/browser/. Without Chromium the tests skip, except under CI, where that is a failure.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import PROJECT
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = PROJECT / "test-artifacts" / "browser"
SEED_INDEX_NO = "000014348/2023-02345"
SEED_TITLE = "开远市政务服务管理局2022年度部门整体和项目支出绩效自评报告"
RECEPTION_QUERY = "公务接待费 of every 开远市 department in 2022, highest first"
VEGA_CHARTS = ("sangong-trend", "sangong-items", "score-distribution", "coverage")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run .ci/system-deps.sh as root (installs chromium and fonts-noto-cjk)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, datasette_server):
    context = browser.new_context(base_url=datasette_server.url, viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((datasette_server.url, "data:", "blob:"))
            else None
        ),
    )
    yield page
    context.close()
    assert outside == [], "the site must work offline"


@pytest.fixture(scope="module")
def database(crawled):
    return crawled[0] / "reports.db"


def query(database: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql, params).fetchall()


def shot(page: Page, name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def glyphs_differ(page: Page, first: str, second: str) -> bool:
    """Draw two characters with the page's font: two missing glyphs render as the same empty box."""
    return page.evaluate(
        """([a, b]) => {
        const draw = (ch) => {
            const canvas = document.createElement('canvas');
            canvas.width = 64; canvas.height = 64;
            const context = canvas.getContext('2d');
            context.font = '48px ' + getComputedStyle(document.body).fontFamily;
            context.fillText(ch, 4, 52);
            return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
        };
        return draw(a) !== draw(b);
    }""",
        [first, second],
    )


def test_search_a_report_and_follow_it_to_its_figures(page, database):
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("政府预决算与绩效自评报告")
    assert glyphs_differ(page, "公", "务"), "Chinese characters render as boxes: install fonts-noto-cjk"
    shot(page, "01-home")

    page.goto("/reports/documents")
    page.locator("input[name=_search]").fill("公务接待费")
    page.locator("input[name=_search]").press("Enter")
    page.wait_for_url(re.compile(r"_search="))
    matches = query(
        database, "select count(*) from documents where instr(title, '公务接待费') or instr(body_text, '公务接待费')"
    )[0][0]
    expect(page.locator("h3").first).to_contain_text(f"{matches} rows")
    shot(page, "02-search")

    # drill down by region: the prefecture facet keeps the search and filters to 红河州
    page.locator(".facet-info", has_text="地级 prefecture").get_by_role("link", name="红河哈尼族彝族自治州").click()
    page.wait_for_url(re.compile(r"_region=532500"))
    expect(page.locator("h3").first).to_contain_text(f"{matches} rows")
    expect(page.locator("h3").first).to_contain_text("红河哈尼族彝族自治州")
    seed_row = page.locator("table.rows-and-columns tbody tr", has_text=SEED_TITLE)
    expect(seed_row).to_have_count(1)
    shot(page, "02b-search-in-honghe")

    seed_row.locator("td.col-id a").click()
    # the report page: title, metadata block, region path, body at reading width, figures formatted as money
    expect(page.locator("h1")).to_contain_text(SEED_TITLE)
    expect(page.locator("dd.index-no")).to_have_text(SEED_INDEX_NO)
    expect(page.locator("dd.region-path")).to_contain_text("云南省 › 红河哈尼族彝族自治州 › 开远市")
    body = page.locator("div.report-body")
    expect(body).to_contain_text("公务接待费支出4,419.00元")
    width = body.bounding_box()["width"]
    assert 600 <= width <= 1000, f"the body is {width}px wide: not a readable column"
    reception = page.locator("table.report-figures tr", has_text="公务接待费").first
    expect(reception.locator("td.value")).to_have_text("4,419.00 元")
    shot(page, "03-document")

    # a figure, followed to its source sentence highlighted in its paragraph, and to the archived page
    document_url = page.url
    reception.locator("td.value a").click()
    page.wait_for_url(re.compile(r"/reports/figures/\d+$"))
    expect(page.locator("blockquote.source-paragraph mark")).to_contain_text("公务接待费支出4,419.00元")
    expect(page.locator("a.document-link")).to_have_text(SEED_TITLE)
    with page.expect_response(re.compile(r"/-/archive/[0-9a-f]{64}$")) as archived:
        page.locator("a.archive-link").click()
    assert archived.value.ok and SEED_TITLE in archived.value.text()
    shot(page, "03b-archived-copy")
    page.goto(document_url)

    seed_id, figures = query(
        database,
        "select d.id, count(f.id) from documents d join figures f on f.document_id = d.id where d.index_no = ?",
        [SEED_INDEX_NO],
    )[0]
    page.locator("li", has_text="from document_id in figures").locator("a").click()
    page.wait_for_url(re.compile(rf"/reports/figures\?document_id={seed_id}"))
    expect(page.locator("h3").first).to_contain_text(f"{figures} rows")
    expect(page.locator("table.rows-and-columns")).to_contain_text("公务接待费支出4,419.00元")
    shot(page, "04-figures")


def test_dashboard_draws_its_charts_and_filters_them(page, database):
    page.goto("/-/dashboards/overview")
    for chart in VEGA_CHARTS:
        expect(page.locator(f"#chart-{chart}").locator("canvas, svg").first).to_be_visible(timeout=20000)
    documents = query(database, "select count(*) from documents")[0][0]
    expect(page.locator("#chart-documents-count")).to_have_text(str(documents), timeout=20000)
    shot(page, "05-dashboard")

    page.locator("select#region").select_option("532502 开远市")
    page.locator("select#year").select_option("2022")
    page.locator("input[type=submit][value=Apply]").click()
    page.wait_for_url(re.compile(r"year=2022"))
    in_2022 = query(database, "select count(*) from documents where fiscal_year = 2022")[0][0]
    expect(page.locator("#chart-documents-count")).to_have_text(str(in_2022), timeout=20000)
    for chart in VEGA_CHARTS:
        expect(page.locator(f"#chart-{chart}").locator("canvas, svg").first).to_be_visible(timeout=20000)
    shot(page, "06-dashboard-kaiyuan-2022")


def test_canned_query_and_its_csv_export(page):
    page.goto("/reports")
    page.get_by_role("link", name=RECEPTION_QUERY).click()
    page.wait_for_url(re.compile(r"/reports/reception_by_department\?"))
    expect(page.locator("table.rows-and-columns")).to_contain_text("开远市政务服务管理局")
    shot(page, "07-reception-query")

    with page.expect_response(re.compile(r"/reports/reception_by_department\.csv")) as exported:
        page.locator("p.export-links").get_by_role("link", name="CSV").click()
    response = exported.value
    assert response.ok and response.headers["content-type"].startswith("text/plain")
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert list(rows[0])[:5] == ["department", "fiscal_year", "region_code", "region_name", "reception"]
    assert {(r["fiscal_year"], r["region_name"]) for r in rows} == {("2022", "开远市")}
    receptions = [float(r["reception"]) for r in rows if r["reception"]]
    assert receptions == sorted(receptions, reverse=True) and len(receptions) >= 5
    assert all(r["reception"] == "" for r in rows[len(receptions) :]), "departments without a figure come last"
    assert {r["department"]: r["reception"] for r in rows}["开远市政务服务管理局"] == "4419.0"
