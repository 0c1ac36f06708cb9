"""TRS, Hanweb and generic spiders: list parsing over markup snippets, crawls of the offline mirrors over HTTP.

Snippet tests call `parse_list` on a Scrapy `HtmlResponse`/`XmlResponse` and look at the requests it yields.
Mirror tests serve `tests/fixtures/mirrors/{family}/` on 127.0.0.1 and crawl it in a child process: first with
Scrapy's own machinery only (which pages become items), then through the whole item pipeline into SQLite,
checking the stored documents against the mirror's `expected.json`.
"""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from mirror_server import MIRRORS, collect_items, crawl_mirror, serve_mirror
from scrapy.http import HtmlResponse, Request, XmlResponse

from crawler.spiders.generic import (
    GenericSpider,
    is_article_url,
    is_column_link,
    is_report_title,
    looks_like_report_link,
)
from crawler.spiders.hanweb import HanwebSpider, parse_datastore
from crawler.spiders.trs import TrsSpider
from crawler.state import Known

PORTAL = {"id": "t", "name": "t", "region_code": "532525", "base_url": "http://gov.test", "start_columns": ["/"]}


def spider(cls, mode="full"):
    return cls({**PORTAL, "cms": cls.cms}, mode=mode)


def response(url: str, body: str, cls=HtmlResponse, **meta) -> HtmlResponse:
    return cls(url=url, body=body.encode("utf-8"), encoding="utf-8", request=Request(url, meta=meta))


def requests_of(output) -> list[tuple[str, str, dict]]:
    return [(r.url, r.meta["kind"], r.meta) for r in output]


def articles(output) -> list[tuple[str, str | None, str | None]]:
    return [
        (url, meta["list_title"], meta["list_date"]) for url, kind, meta in requests_of(output) if kind == "article"
    ]


def lists(output) -> list[str]:
    return [url for url, kind, _ in requests_of(output) if kind == "list"]


# -- TRS -------------------------------------------------------------------------------------------------------
COLUMN = "http://gov.test/zfxxgk/czxx/ysjxgl/"


def trs_page(rows: str, pager: str = "") -> str:
    return f"<html><body><div class='nav'><ul><li><a href='/'>首页</a></li></ul></div>{rows}{pager}</body></html>"


def test_trs_ogi_list_rows_with_dates():
    page = trs_page(
        "<ul id='ogi-list'><li><a href='./202305/t20230518_641001.html' title='示例县水务局2022年度部门"
        "整体支出绩效自评报告'>示例县水务局2022年度…</a><span>2023-05-18</span></li></ul>"
    )
    assert articles(spider(TrsSpider).parse_list(response(COLUMN, page))) == [
        (COLUMN + "202305/t20230518_641001.html", "示例县水务局2022年度部门整体支出绩效自评报告", "2023-05-18")
    ]


def test_trs_str_link_overrides_the_anchor_and_document_write_links_count():
    page = trs_page("""<ul id='ogi-list'>
      <li><a href='./202306/t20230612_641054.html' id='lk1'>甲</a><script>var strLink = "./202306/t20230612_641055.html";
        if (strLink != "") { document.getElementById("lk1").href = strLink; }</script><span>2023-06-12</span></li>
      <li><a href='./202306/t20230613_641060.html'>乙</a><script>var strLink = "";</script><span>2023-06-13</span></li>
      <li><script>document.write('<a href="./202306/t20230620_641080.html" target="_blank">丙报告</a>');</script>
        <span>2023-06-20</span></li></ul>""")  # noqa: E501 - a TRS list as it is printed
    assert articles(spider(TrsSpider).parse_list(response(COLUMN, page))) == [
        (COLUMN + "202306/t20230612_641055.html", "甲", "2023-06-12"),
        (COLUMN + "202306/t20230613_641060.html", "乙", "2023-06-13"),
        (COLUMN + "202306/t20230620_641080.html", "丙报告", "2023-06-20"),
    ]


def test_trs_list_tab_and_dd_rows_and_other_article_shapes():
    tab = trs_page(
        "<table class='listTab'><tr><th>标题</th></tr><tr><td><a href='./202309/t20230928_650210.shtml'>"
        "部门决算</a></td><td class='rq'><span>2023-09-28</span></td></tr></table>"
    )
    dd = trs_page(
        "<div id='ogi-list'><dl><dd><a href='../202309/20230926_650180.htm'>统计局决算</a>"
        "<span>2023/09/26</span></dd><dd><a href='/c/t123456.shtml'>旧文章</a></dd></dl></div>"
    )
    assert articles(spider(TrsSpider).parse_list(response(COLUMN, tab))) == [
        (COLUMN + "202309/t20230928_650210.shtml", "部门决算", "2023-09-28")
    ]
    assert articles(spider(TrsSpider).parse_list(response(COLUMN, dd))) == [
        ("http://gov.test/zfxxgk/czxx/202309/20230926_650180.htm", "统计局决算", "2023/09/26"),
        ("http://gov.test/c/t123456.shtml", "旧文章", None),
    ]


def test_trs_plain_li_rows_skip_navigation_links():
    page = trs_page(
        "<ul class='list'><li><a href='./202401/t20240105_7.html'>某报告</a><span>2024-01-05</span></li>"
        "<li><a href='./index_1.html'>下一页</a></li></ul>"
    )
    assert articles(spider(TrsSpider).parse_list(response(COLUMN, page))) == [
        (COLUMN + "202401/t20240105_7.html", "某报告", "2024-01-05")
    ]


@pytest.mark.parametrize(
    "pager, expected",
    [
        (
            '<script>createPageHTML(4, 0, "index", "html");</script>',
            [COLUMN + "index_1.html", COLUMN + "index_2.html", COLUMN + "index_3.html"],
        ),
        (
            "<script>var countPage = 3//共多少页\n"
            'createPageHTML(countPage, currentPage, "index_bm", "shtml");</script>',
            [COLUMN + "index_bm_1.shtml", COLUMN + "index_bm_2.shtml"],
        ),
        ("<div class='page'>共2页 当前第1页</div>", [COLUMN + "index_1.html"]),
        ("", []),
    ],
)
def test_trs_first_page_schedules_the_others_from_the_pager(pager, expected):
    page = trs_page("<ul id='ogi-list'></ul>", pager)
    assert lists(spider(TrsSpider).parse_list(response(COLUMN + "index.html", page, column="/x/"))) == expected
    assert lists(spider(TrsSpider).parse_list(response(COLUMN + "index_1.html", page))) == []


def test_incremental_paging_goes_one_page_at_a_time_and_stops_at_known_articles():
    incremental = spider(TrsSpider, mode="incremental")
    rows = "".join(
        f"<li><a href='./202401/t20240105_{i}.html'>报告{i}</a><span>2024-01-05</span></li>" for i in range(3)
    )
    page = trs_page(f"<ul id='ogi-list'>{rows}</ul>", '<script>createPageHTML(4, 0, "index", "html");</script>')
    first = requests_of(incremental._on_list(response(COLUMN + "index.html", page, column="/x/", chain="c")))
    assert [u for u, kind, _ in first if kind == "list"] == [COLUMN + "index_1.html"]
    assert first[-1][2]["pending_pages"] == [COLUMN + "index_2.html", COLUMN + "index_3.html"]
    incremental.known = {
        COLUMN + f"202401/t20240105_{i}.html": Known("2024-01-05", None, None, "live") for i in range(3)
    }
    incremental.margin = 3
    again = requests_of(incremental._on_list(response(COLUMN + "index.html", page, column="/x/", chain="c")))
    assert again == []  # three known articles in a row: this column's paging stops


def test_trs_pager_of_a_directory_url_uses_index_pages():
    page = trs_page("", '<script>createPageHTML(2, 0, "index", "html");</script>')
    assert lists(spider(TrsSpider).parse_list(response(COLUMN, page, column="/x/"))) == [COLUMN + "index_1.html"]


# -- Hanweb ----------------------------------------------------------------------------------------------------
NEXTGROUP = (
    '<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page={page}&appid=1&webid=3399&path=/'
    '&columnid=1229000035&unitid=4400001&webname=%E7%A4%BA%E4%BE%8B&permissiontype=0"></a>]]></nextgroup>'
)


def record(art: int, title: str, date: str = "2023-08-30") -> str:
    return (
        f"<record><![CDATA[<li><a href='/art/2023/8/30/art_1229000035_{art}.html' title='{title}'>{title}</a>"
        f"<span>{date}</span></li>]]></record>"
    )


def datastore(records: list[str], next_page: int | None, total_pages: int | None = 3) -> str:
    group = NEXTGROUP.format(page=next_page) if next_page else ""
    totals = f"<totalrecord>9</totalrecord><totalpage>{total_pages}</totalpage>" if total_pages else ""
    return f"<datastore>{group}{totals}<recordset>{''.join(records)}</recordset></datastore>"


COL_PAGE = "http://gov.test/col/col1229000035/index.html"
PROXY = (
    "http://gov.test/module/web/jpage/dataproxy.jsp?page={page}&appid=1&webid=3399&path=/&columnid=1229000035"
    "&unitid=4400001&webname=%E7%A4%BA%E4%BE%8B&permissiontype=0"
)


def column_page(store: str) -> str:
    return f"<html><body><div id='4400001'><script type='text/xml'>{store}</script></div></body></html>"


def test_parse_datastore_reads_cdata_records_nextgroup_and_totals():
    store = parse_datastore(column_page(datastore([record(1, "甲"), record(2, "乙")], 2)))
    assert store.records[0].startswith("<li><a href='/art/2023/8/30/art_1229000035_1.html'")
    assert len(store.records) == 2
    assert store.next_group.startswith("/module/web/jpage/dataproxy.jsp?page=2&appid=1")
    assert (store.total_records, store.total_pages) == (9, 3)
    assert parse_datastore("<html><body>no list</body></html>") is None


def test_parse_datastore_reads_entity_escaped_records():
    escaped = (
        "<datastore><recordset><record>&lt;li&gt;&lt;a href='/art/2022/1/5/art_1_2.html'&gt;丙&lt;/a&gt;"
        "&lt;/li&gt;</record></recordset></datastore>"
    )
    assert parse_datastore(escaped).records == ["<li><a href='/art/2022/1/5/art_1_2.html'>丙</a></li>"]


def test_hanweb_column_page_requests_records_and_the_nextgroup_link():
    hanweb = spider(HanwebSpider)
    output = list(hanweb.parse_list(response(COL_PAGE, column_page(datastore([record(1, "甲")], 2)), column="/c/")))
    assert articles(output) == [("http://gov.test/art/2023/8/30/art_1229000035_1.html", "甲", "2023-08-30")]
    assert lists(output) == [PROXY.format(page=2)]


def test_hanweb_dataproxy_pages_continue_to_the_printed_total():
    hanweb = spider(HanwebSpider)
    page2 = hanweb.parse_list(
        response(PROXY.format(page=2), datastore([record(3, "丙")], 3), XmlResponse, column_key="c")
    )
    assert lists(page2) == [PROXY.format(page=3)]
    page3 = hanweb.parse_list(
        response(PROXY.format(page=3), datastore([record(4, "丁")], None), XmlResponse, column_key="c")
    )
    assert articles(page3) == [("http://gov.test/art/2023/8/30/art_1229000035_4.html", "丁", "2023-08-30")]
    assert lists(page3) == []


def test_hanweb_stops_when_a_group_repeats_but_not_on_page_one():
    hanweb = spider(HanwebSpider)
    same = datastore([record(1, "甲")], None, total_pages=None)
    list(hanweb.parse_list(response(COL_PAGE, column_page(same), column="/c/", column_key="c")))
    page1 = list(hanweb.parse_list(response(PROXY.format(page=1), same, XmlResponse, column_key="c")))
    assert (articles(page1), lists(page1)) == ([], [PROXY.format(page=2)])
    page2 = list(hanweb.parse_list(response(PROXY.format(page=2), same, XmlResponse, column_key="c")))
    assert (articles(page2), lists(page2)) == ([], [])


def test_hanweb_column_without_datastore_reads_its_article_links():
    page = (
        "<html><body><ul><li><a href='/art/2021/3/9/art_55_66.html'>戊</a><span>2021-03-09</span></li>"
        "<li><a href='/col/col55/index.html'>栏目</a></li></ul></body></html>"
    )
    assert articles(spider(HanwebSpider).parse_list(response(COL_PAGE, page))) == [
        ("http://gov.test/art/2021/3/9/art_55_66.html", "戊", "2021-03-09")
    ]


# -- generic ---------------------------------------------------------------------------------------------------
def test_generic_link_classification():
    assert is_report_title("示例县水务局2022年度部门决算")
    assert is_report_title("2022年度示例县文广局部门整体和项目支出绩效自评报告")
    assert not is_report_title("关于开展2023年度预算绩效运行监控工作的通知")
    assert not is_report_title("")
    assert is_column_link("http://gov.test/channels/120.html", "财政预决算")
    assert is_column_link("http://gov.test/zfxxgk/czyjs/", "更多")
    assert not is_column_link("http://gov.test/zfxxgk/czyjs/202301/t20230101_1.html", "更多")
    assert not is_column_link("http://gov.test/channels/110.html", "政策文件")
    assert is_article_url("http://gov.test/html/2023/0915/2301.html")
    assert not is_article_url("http://gov.test/zfxxgk/index_2.html")
    assert not is_article_url("http://gov.test/upload/2023/0915/2301.pdf")
    assert looks_like_report_link("示例县水务局2022年度部门决算")
    assert not looks_like_report_link("部门决算")


BUDGET_COLUMN = """<html><body>
<div class="menu"><a href="/">首页</a><a href="/channels/100.html">新闻动态</a><a href="http://other.test/1.html">外站</a></div>
<div class="side"><a href="/channels/121.html">部门决算</a></div>
<ul><li><a href="/html/2023/0915/2301.html">示例县水务局2022年度部门决算</a><span>2023-09-15</span></li>
<li><a href="/html/2023/0301/2190.html">关于开展预算绩效运行监控工作的通知</a><span>2023-03-01</span></li></ul>
<div class="pages"><a href="/channels/120_2.html">2</a> <a href="/channels/120_2.html">下一页</a></div>
</body></html>"""


def test_generic_budget_column_follows_rows_columns_and_the_pager():
    output = list(
        spider(GenericSpider).parse_list(
            response("http://gov.test/channels/120.html", BUDGET_COLUMN, hops=1, budget_column=True)
        )
    )
    assert [url for url, _, _ in articles(output)] == [
        "http://gov.test/html/2023/0915/2301.html",
        "http://gov.test/html/2023/0301/2190.html",
    ]
    assert lists(output) == ["http://gov.test/channels/121.html", "http://gov.test/channels/120_2.html"]
    metas = {url: meta for url, _, meta in requests_of(output)}
    assert metas["http://gov.test/channels/121.html"]["hops"] == 2
    assert metas["http://gov.test/channels/120_2.html"]["list_page"] == 2


def test_generic_outside_budget_columns_only_report_titles_are_fetched():
    output = list(spider(GenericSpider).parse_list(response("http://gov.test/zfxxgk/", BUDGET_COLUMN)))
    assert [url for url, _, _ in articles(output)] == ["http://gov.test/html/2023/0915/2301.html"]


def test_generic_depth_limit_stops_column_hops():
    deep = spider(GenericSpider)
    output = deep.parse_list(
        response("http://gov.test/channels/120.html", BUDGET_COLUMN, hops=deep.max_depth, budget_column=True)
    )
    assert lists(output) == ["http://gov.test/channels/120_2.html"]


# -- the mirrors over HTTP -------------------------------------------------------------------------------------
def expected(family: str) -> dict:
    return json.loads((MIRRORS / family / "expected.json").read_text("utf-8"))


@pytest.mark.parametrize("family", ["trs", "hanweb", "generic"])
def test_mirror_crawl_fetches_exactly_the_report_pages(family, tmp_path):
    want = expected(family)
    with serve_mirror(MIRRORS / family) as base_url:
        result = collect_items(f"mirror-{family}", base_url, tmp_path)
    pages = {item["url"].removeprefix(base_url) for item in result["items"] if item["type"] == "FetchedPage"}
    attachments = {
        item["url"].removeprefix(base_url) for item in result["items"] if item["type"] == "FetchedAttachment"
    }
    assert pages == set(want["documents"])
    assert attachments == set(want["attachments"])
    assert all(
        path in want["challenges"]
        for path in (item["url"].removeprefix(base_url) for item in result["items"] if item["type"] == "FetchError")
    )
    titles = {
        item["url"].removeprefix(base_url): item["list_title"]
        for item in result["items"]
        if item["type"] == "FetchedPage"
    }
    assert all(titles[path] for path in pages)


@pytest.mark.parametrize("family", ["trs", "hanweb", "generic"])
def test_mirror_crawl_stores_documents_with_their_metadata(family, tmp_path):
    want = expected(family)
    with serve_mirror(MIRRORS / family) as base_url:
        run = crawl_mirror(f"mirror-{family}", base_url, tmp_path)
    assert run["status"] == "finished"
    db = sqlite_utils.Database(tmp_path / "reports.db")
    stored = {row["url"].removeprefix(base_url): row for row in db.query("select * from documents")}
    assert set(stored) == set(want["documents"])
    for path, fields in want["documents"].items():
        assert {key: stored[path][key] for key in fields} == fields, path
    files = {row["url"].removeprefix(base_url) for row in db.query("select url from attachments where bytes > 0")}
    assert files == set(want["attachments"])


def _bound_generic():
    from scrapy.utils.test import get_crawler

    return GenericSpider.from_crawler(get_crawler(GenericSpider), portal={**PORTAL, "cms": "generic"})


def test_generic_keeps_report_pages_and_reads_other_budget_pages_as_lists():
    generic = _bound_generic()
    report = (
        "<html><head><title>示例县水务局2022年度部门决算-示例县人民政府</title></head><body><p>正文</p></body></html>"
    )
    kept = list(generic.parse_article(response("http://gov.test/html/2023/0915/2301.html", report, kind="article")))
    assert [type(item).__name__ for item in kept] == ["FetchedPage"]
    year_list = (
        "<html><head><title>2023年-示例县人民政府</title></head><body><ul><li>"
        "<a href='/html/2023/0918/2310.html'>示例县教育体育局2022年度部门决算</a><span>2023-09-18</span></li>"
        "<li><a href='/html/2023/0901/1001.html'>示例县召开防火会议</a><span>2023-09-01</span></li>"
        "</ul></body></html>"
    )
    relisted = list(
        generic.parse_article(
            response("http://gov.test/channels/2023.html", year_list, kind="article", hops=1, budget_column=True)
        )
    )
    assert [r.url for r in relisted] == ["http://gov.test/html/2023/0918/2310.html"]
    assert generic.crawler.stats.get_value("govreports/generic_not_report") == 1
