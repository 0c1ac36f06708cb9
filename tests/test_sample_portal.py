"""The offline sample portal: built into a temporary directory, served on loopback, fetched over real HTTP."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from decimal import Decimal
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import openpyxl
import pytest
from conftest import shared_dir

from crawler.sample_portal import content
from crawler.sample_portal.build import build_large_portal, build_site
from crawler.sample_portal.content import COLUMNS, PAGE_SIZE
from crawler.sample_portal.forms import form_truth
from crawler.sample_portal.markup import page_path
from crawler.sample_portal.server import XLSX, serve

REPO = Path(__file__).resolve().parents[1]
SEED_SOURCE = shared_dir() / "seed" / "000_4155bb5af9874e54.txt"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("portal") / "site")


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_html(url: str) -> lxml.html.HtmlElement:
    status, _, body = fetch(url)
    assert status == 200, url
    return lxml.html.fromstring(body.decode("utf-8"))


def text_of(element) -> str:
    return element.text_content().strip()


def list_page(base_url: str, column, k: int, pages: int):
    url = base_url + page_path(column, k, pages)
    doc = get_html(url)
    totals = [text_of(span) for span in doc.cssselect("span.p_t")]
    items = [
        (urljoin(url, a.get("href")), a.get("title"), text_of(a), text_of(li.cssselect("span")[0]))
        for li in doc.cssselect("div.list li")
        for a in li.cssselect("a")
    ]
    return doc, totals, items


# ---------------------------------------------------------------------------------------------------------------
# Lists and pager


@pytest.mark.parametrize("key", sorted(COLUMNS))
def test_backwards_pager_pages_agree_with_their_items(base_url, key):
    column = COLUMNS[key]
    expected = content.column_articles(key)
    _, totals, _ = list_page(base_url, column, 1, 1)
    total = int(re.fullmatch(r"共(\d+)条", totals[0]).group(1))
    pages = int(re.fullmatch(r"1/(\d+)", totals[1]).group(1))
    assert total == len(expected)
    assert pages == -(-total // PAGE_SIZE)
    seen = []
    for k in range(1, pages + 1):
        doc, totals, items = list_page(base_url, column, k, pages)
        assert totals == [f"共{total}条", f"{k}/{pages}"]
        assert text_of(doc.cssselect("span.p_pages span.p_no_d")[0]) == str(k)
        assert bool(doc.cssselect("span.p_first_d.p_fun_d")) == (k == 1)
        assert bool(doc.cssselect("span.p_last_d.p_fun_d")) == (k == pages)
        assert len(items) == (PAGE_SIZE if k < pages else total - PAGE_SIZE * (pages - 1))
        seen += items
    assert [urlsplit(url).path for url, *_ in seen] == [a.path for a in expected]
    assert [date for *_, date in seen] == [a.published.isoformat() for a in expected]


def test_budget_column_has_enough_reports_over_at_least_three_backwards_pages(base_url):
    column = COLUMNS["ysjxgl"]
    items = content.column_articles("ysjxgl")
    pages = -(-len(items) // PAGE_SIZE)
    assert pages >= 3 and sum(a.kind == "report" for a in items) >= 25
    assert page_path(column, pages, pages) == "/zfxxgk/fdzdgknr/czxx/ysjxgl/1.htm"
    assert page_path(column, 2, pages) == f"/zfxxgk/fdzdgknr/czxx/ysjxgl/{pages - 1}.htm"
    first, *_ = list_page(base_url, column, 1, pages)
    next_href = first.cssselect("span.p_next a")[0].get("href")
    last_href = first.cssselect("span.p_last a")[0].get("href")
    assert (next_href, last_href) == (f"ysjxgl/{pages - 1}.htm", "ysjxgl/1.htm")
    assert first.cssselect("span.p_dot")
    hrefs = [a.get("href") for a in first.cssselect("div.list li a")]
    assert all(href.startswith("../../../info/1015/") for href in hrefs)


def test_list_anchors_keep_the_full_title_and_truncate_long_ones(base_url):
    column = COLUMNS["ysjxgl"]
    pages = -(-len(content.column_articles("ysjxgl")) // PAGE_SIZE)
    _, _, items = list_page(base_url, column, 1, pages)
    long_items = [(title, text) for _, title, text, _ in items if len(title) > 26]
    assert long_items, "page 1 should show truncated titles"
    for title, text in long_items:
        assert text.endswith("...") and title.startswith(text[:-3])


def test_information_tree_links_the_budget_columns(base_url):
    doc = get_html(base_url + "/zfxxgk.htm")
    targets = {urlsplit(urljoin(base_url + "/zfxxgk.htm", a.get("href"))).path for a in doc.cssselect("a")}
    assert {COLUMNS["ysjxgl"].path, COLUMNS["bmjs"].path, "/zfxxgk/fdzdgknr/czxx.htm"} <= targets
    home = get_html(base_url + "/index.htm")
    assert any(a.get("href") == "zfxxgk.htm" for a in home.cssselect("a"))


# ---------------------------------------------------------------------------------------------------------------
# Article pages


def test_seed_copy_is_exact():
    assert content.SEED_TEXT.read_bytes() == SEED_SOURCE.read_bytes()


def test_seed_article_reproduces_every_line_and_table_1(base_url):
    doc = get_html(base_url + content.article(content.SEED_ID).path)
    body = doc.cssselect("#vsb_content .v_news_content")[0]
    paragraphs = [text_of(p) for p in body.cssselect("p") if not p.xpath("ancestor::table")]
    _, lines = content.seed_lines()
    table_lines = [line for line in lines if content.is_table_line(line)]
    attachment_lines = [line for line in lines if line.startswith("附件【")]
    other_lines = [line.strip() for line in lines if line not in table_lines and line not in attachment_lines]
    assert paragraphs == [line for line in other_lines if line]
    tables = body.cssselect("table")
    assert len(tables) == 1
    rows = [[text_of(td) for td in tr.cssselect("td")] for tr in tables[0].cssselect("tr")]
    assert all(len(row) == 6 for row in rows)
    assert [cell for row in rows for cell in row] == [line.rstrip()[:-1].strip() for line in table_lines]
    assert rows[0][0] == "预算项目名称" and rows[-1][0] == "合计"
    before = tables[0].getprevious()
    assert text_of(before) == "单位:万元" and text_of(before.getprevious()) == "表1 项目收支明细表"
    page_text = text_of(doc)
    assert all(line in page_text for line in attachment_lines)


def test_seed_article_metadata_and_vsb_markup(base_url):
    _status, _, raw = fetch(base_url + content.article(content.SEED_ID).path)
    html = raw.decode("utf-8")
    doc = lxml.html.fromstring(html)
    block = [text_of(li) for li in doc.cssselect("div.xxgk-head li")]
    assert block == [
        "索引号000014348/2023-02345",
        "发布机构开远市政务服务管理局",
        "文号",
        "发布日期2023-10-27",
        "时效性有效",
    ]
    assert [text_of(li.cssselect("em")[0]) for li in doc.cssselect("div.xxgk-head li")] == [
        "索引号",
        "发布机构",
        "文号",
        "发布日期",
        "时效性",
    ]
    metas = {m.get("name"): m.get("content") for m in doc.cssselect("meta[name]")}
    assert metas["ArticleTitle"] == "开远市政务服务管理局2022年度部门整体和项目支出绩效自评报告"
    assert metas["PubDate"].startswith("2023-10-27") and metas["ContentSource"] == "开远市政务服务管理局"
    assert {"SiteName", "SiteDomain", "SiteIDCode", "ColumnName"} <= set(metas)
    assert "<!--Announced by Visual SiteBuilder 9-->" in html and "_showDynClicks(" in html
    assert doc.cssselect('form[name="_newscontent_fromname"] #vsb_content .v_news_content')
    assert text_of(doc.cssselect("div.xxgk-column")[0]) == "预算绩效管理"
    links = doc.cssselect("ul[style] li a")
    assert [text_of(a) for a in links] == [x.name for x in content.article(content.SEED_ID).attachments]
    assert all(
        re.fullmatch(
            r"/system/_content/download\.jsp\?urltype=news\.DownloadAttachUrl&owner=1384663421"
            r"&wbfileid=\d+",
            a.get("href"),
        )
        for a in links
    )
    assert "owner=1384663421&amp;wbfileid=" in html


def test_every_page_is_labelled_as_sample_data(site):
    pages = list(site.rglob("*.htm"))
    assert len(pages) > 50
    for page in pages:
        assert content.SAMPLE_NOTICE_ZH.encode("utf-8") in page.read_bytes(), page


def test_news_pages_have_no_disclosure_block_and_notices_are_not_reports(base_url):
    for article_id in content.non_report_ids():
        a = content.article(article_id)
        doc = get_html(base_url + a.path)
        assert bool(doc.cssselect("div.xxgk-head")) == (a.kind == "notice")
        assert not re.search(r"自评报告|部门决算$", a.title), a.title
    for article_id in content.report_ids():
        assert re.search(r"绩效自评报告$|部门决算$", content.article(article_id).title)


# ---------------------------------------------------------------------------------------------------------------
# Downloads


def test_download_without_referer_gets_an_html_page(base_url):
    attachment = content.article(content.SEED_ID).attachments[0]
    status, headers, body = fetch(base_url + attachment.url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<html>" in body and "请从原页面下载".encode() in body and not body.startswith(b"PK")


def test_download_with_a_foreign_referer_is_refused_too(base_url):
    attachment = content.article(content.SEED_ID).attachments[0]
    _, headers, body = fetch(base_url + attachment.url, {"Referer": "http://example.org/x.htm"})
    assert headers["Content-Type"].startswith("text/html") and not body.startswith(b"PK")


def test_download_with_referer_gets_the_xlsx(base_url):
    seed = content.article(content.SEED_ID)
    for attachment in seed.attachments:
        status, headers, body = fetch(base_url + attachment.url, {"Referer": base_url + seed.path})
        assert status == 200 and headers["Content-Type"] == XLSX
        assert body[:2] == b"PK"
        assert "filename*=UTF-8''" in headers["Content-Disposition"]
        openpyxl.load_workbook(io.BytesIO(body))


def test_seed_forms_carry_the_seed_scores(site):
    seed = content.article(content.SEED_ID)
    project_form, department_form, _ = seed.attachments
    scores = [footer_score(ws) for ws in workbook(site, project_form).worksheets]
    assert scores == [100, 100, 100, 100]
    assert footer_score(workbook(site, department_form).active) == 97


def workbook(site: Path, attachment) -> openpyxl.Workbook:
    return openpyxl.load_workbook(site / ".attachments" / f"{attachment.wbfileid}.xlsx")


def footer_score(ws) -> float:
    row = next(r for r in ws.iter_rows(values_only=True) if "总分" in r)
    return row[row.index("总分") + 2]


def funds_row(ws) -> tuple:
    return next(r for r in ws.iter_rows(values_only=True) if r[1] == "年度资金总额")


def test_every_form_agrees_with_its_report(site):
    forms = [x for i in content.report_ids() for x in content.article(i).attachments]
    assert len(forms) >= 40
    for attachment in forms:
        truth = form_truth(attachment)
        sheets = workbook(site, attachment).worksheets
        if attachment.form_kind == "project_self_eval":
            assert len(sheets) == len(truth["projects"])
            for ws, project in zip(sheets, truth["projects"], strict=True):
                _, _, _, initial, full_year, executed, _, rate, *_ = funds_row(ws)
                assert (initial, full_year, executed) == (
                    project["initial_budget"],
                    project["full_year_budget"],
                    project["executed"],
                )
                assert round(rate * 100, 2) == project["execution_rate_pct"]
                assert footer_score(ws) == project["score"]
        elif attachment.form_kind == "department_self_eval":
            assert footer_score(sheets[0]) == truth["evaluations"][0]["score"]
        report_projects = {p.name for p in attachment.report.projects}
        assert {p["name"] for p in truth["projects"]} <= report_projects


def test_unknown_attachment_is_404(base_url):
    status, _, _ = fetch(
        base_url + "/system/_content/download.jsp?urltype=news.DownloadAttachUrl&wbfileid=1",
        {"Referer": base_url + "/index.htm"},
    )
    assert status == 404


# ---------------------------------------------------------------------------------------------------------------
# Faults, robots, conditional requests, latency


def test_fault_articles_are_listed_and_misbehave(base_url):
    listed = {a.id for a in content.column_articles("ysjxgl")}
    (malformed,), (missing,), (error,) = content.MALFORMED_IDS, content.MISSING_IDS, content.ERROR_IDS
    assert {malformed, missing, error} <= listed
    assert fetch(base_url + content.article(missing).path)[0] == 404
    assert fetch(base_url + content.article(error).path)[0] == 500
    status, _, body = fetch(base_url + content.article(malformed).path)
    assert status == 200 and not body.rstrip().endswith(b"</html>")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "索引号".encode() in body


def test_hidden_build_files_are_not_served(base_url):
    for path in ("/.portal.json", "/.build-stamp", "/.attachments/2716401.xlsx", "/../README.md"):
        assert fetch(base_url + path)[0] == 404


def test_robots_allows_everything_but_system_resource(base_url):
    status, _, body = fetch(base_url + "/robots.txt")
    assert status == 200 and body.decode().splitlines() == ["User-agent: *", "Disallow: /system/resource/"]


def test_conditional_requests_answer_304(base_url):
    url = base_url + COLUMNS["ysjxgl"].path
    status, headers, body = fetch(url)
    assert status == 200 and body
    assert fetch(url, {"If-None-Match": headers["ETag"]})[:1] == (304,)
    assert fetch(url, {"If-None-Match": '"stale"'})[0] == 200
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": formatdate(0, usegmt=True)})[0] == 200
    assert fetch(url, {"If-None-Match": '"stale"', "If-Modified-Since": headers["Last-Modified"]})[0] == 200


def test_latency_is_added_per_request(site):
    with serve(site, latency=0.2) as url:
        started = time.perf_counter()
        assert fetch(url + "/robots.txt")[0] == 200
        assert time.perf_counter() - started >= 0.2


def test_server_runs_as_a_module(site):
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.sample_portal.server", "--port", "0", "--root", str(site)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://[\d.]+:\d+", line).group(0)
        assert fetch(url + "/index.htm")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


# ---------------------------------------------------------------------------------------------------------------
# Build


def test_rebuilding_is_a_no_op_and_reproducible_in_another_process(site, tmp_path):
    files = sorted(p for p in site.rglob("*") if p.is_file())
    before = {p: p.stat().st_mtime_ns for p in files}
    build_site(site)
    assert {p: p.stat().st_mtime_ns for p in files} == before
    other = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", f"from crawler.sample_portal.build import build_site; build_site({str(other)!r})"],
        cwd=REPO,
        env=env,
        check=True,
    )
    assert sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file()) == [p.relative_to(site) for p in files]
    for p in files:
        assert (other / p.relative_to(site)).read_bytes() == p.read_bytes(), p


def test_build_refuses_a_foreign_directory(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        build_site(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_large_portal_has_consistent_pagination(tmp_path):
    started = time.perf_counter()
    root = build_large_portal(tmp_path / "large", 200)
    assert time.perf_counter() - started < 10
    column = COLUMNS["ysjxgl"]
    with serve(root) as url:
        _, totals, _ = list_page(url, column, 1, 1)
        assert totals == ["共200条", "1/20"]
        ids = []
        for k in range(1, 21):
            _, totals, items = list_page(url, column, k, 20)
            assert totals == ["共200条", f"{k}/20"] and len(items) == 10
            ids += [int(re.search(r"/(\d+)\.htm$", link).group(1)) for link, *_ in items]
        assert ids == sorted(set(ids), reverse=True) and len(ids) == 200
        assert fetch(url + "/zfxxgk/fdzdgknr/czxx/ysjxgl/1.htm")[0] == 200
        assert fetch(url + "/zfxxgk/fdzdgknr/czxx/ysjxgl/20.htm")[0] == 404
        assert fetch(url + f"/info/1015/{ids[-1]}.htm")[0] == 200


# ---------------------------------------------------------------------------------------------------------------
# The truth: consistent numbers, except the documented inconsistencies


def figure_values(truth: dict) -> dict[str, Decimal]:
    return {f["metric"]: Decimal(str(f["value"])) for f in truth["figures"] if "subject" not in f}


def broken_rules(truth: dict) -> set[str]:
    """Recompute the consistency checks on the truth figures; return the rules that fail."""
    v, broken = figure_values(truth), set()

    def check(rule: str, total: str, *parts: str) -> None:
        if total in v and all(p in v for p in parts) and abs(v[total] - sum(v[p] for p in parts)) > Decimal("0.5"):
            broken.add(rule)

    check("sum_mismatch", "budget.initial_total", "budget.initial_basic", "budget.initial_project")
    check(
        "sum_mismatch",
        "budget.initial_basic",
        "budget.initial_basic_personnel",
        "budget.initial_basic_goods_services",
        "budget.initial_basic_household_subsidy",
    )
    check("sum_mismatch", "revenue.total", "revenue.carryover", "revenue.fiscal_appropriation", "revenue.other")
    check("sum_mismatch", "sangong.total", "sangong.outbound", "sangong.vehicle", "sangong.reception")
    check("sum_mismatch", "sangong.vehicle", "sangong.vehicle_purchase", "sangong.vehicle_operation")
    check("sum_mismatch", "sangong.reception", "sangong.reception_domestic", "sangong.reception_foreign")
    check("sum_mismatch", "staff.authorized_total", "staff.authorized_admin", "staff.authorized_institution")
    check("sum_mismatch", "staff.actual_total", "staff.actual_admin", "staff.actual_institution")
    if truth["document"]["report_type"] != "final_accounts":
        check("sum_mismatch", "expenditure.total", "expenditure.basic", "expenditure.project")
        if v["expenditure.total"] > v["revenue.total"]:
            broken.add("balance")
        rate = (v["projects.spent"] / v["projects.received"] * 100).quantize(Decimal("0.01"))
        if abs(rate - v["projects.execution_rate_pct"]) > Decimal("0.05"):
            broken.add("rate_mismatch")
        received = sum(Decimal(str(p.get("received", p.get("full_year_budget")))) for p in truth["projects"])
        if received != v["projects.received"]:
            broken.add("sum_mismatch")
    for evaluation in truth["evaluations"]:
        score = evaluation["score"]
        band = "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"
        if band != evaluation["rating"]:
            broken.add("rating_score_mismatch")
    return broken


def test_numbers_are_consistent_except_the_documented_inconsistencies():
    found = {}
    for article_id in content.report_ids():
        truth = content.expected(article_id)
        broken = broken_rules(truth)
        if broken:
            found[article_id] = broken
        assert {i["rule"] for i in truth["expected_validation_issues"]} == broken, truth["document"]["title"]
    assert found == {i: set(rules) for i, rules in content.KNOWN_INCONSISTENCIES.items()}
    assert len(found) >= 3


def printed_forms(figure: dict) -> set[str]:
    """How a figure's number can be printed (its unit may sit elsewhere in the sentence or above the table)."""
    value = Decimal(str(figure["value"]))
    if figure["metric"].endswith("_pct"):
        return {f"{value:.2f}%", "100%"} if value == 100 else {f"{value:.2f}%"}
    if isinstance(figure["value"], int):
        return {str(value)}
    wan = value / 10000
    return {f"{wan:.2f}", f"{wan:,.2f}", f"{wan.normalize():f}", f"{value:,.2f}", f"{value:.2f}"}


def test_every_truth_figure_is_printed_on_its_page(base_url):
    for article_id in content.report_ids():
        a = content.article(article_id)
        page = text_of(get_html(base_url + a.path).cssselect("#vsb_content")[0])
        for figure in content.expected(article_id)["figures"]:
            assert any(form in page for form in printed_forms(figure)), (a.title, figure)


def test_reports_cover_departments_years_types_and_publishers():
    reports = [content.expected(i) for i in content.report_ids()]
    docs = [r["document"] for r in reports]
    departments = {d["department"] for d in docs} - {"开远市政务服务管理局"}
    assert len(departments) >= 8
    assert {2021, 2022, 2023} <= {d["fiscal_year"] for d in docs}
    types = [d["report_type"] for d in docs]
    assert types.count("self_eval_department_and_project") > types.count("self_eval_department") > 0
    assert types.count("self_eval_project") > 0 and types.count("final_accounts") >= 3
    publishers = {d["publisher"] == d["department"] for d in docs}
    assert publishers == {True, False}
    assert all(1 <= len(r["attachments"]) <= 3 for r in reports)
    assert all(r["figures"] and r["evaluations"] for r in reports)
    seed = content.expected(content.SEED_ID)
    assert seed["document"]["index_no"] == "000014348/2023-02345" and seed["document"]["doc_no"] is None
