"""The published site: a real database built with Store, answered in process by `datasette.client` with the
metadata, plugins, templates and settings `govreports serve` uses (tests/test_hostile_datasette.py and the browser
tests cover the real server)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlite_utils
import yaml
from conftest import InProcessSite

from pipelines import datasette_site
from pipelines.store import Store, stable_id

METADATA = datasette_site.METADATA


def _figure(
    body: str,
    metric: str,
    value: float | None,
    source_text: str,
    value_text: str,
    unit_text: str = "万元",
    unit: str = "yuan",
    **extra,
) -> dict:
    start = body.index(source_text)
    return {
        "metric": metric,
        "value": value,
        "unit": unit,
        "value_text": value_text,
        "unit_text": unit_text,
        "unit_basis": "inline",
        "source_text": source_text,
        "span_start": start,
        "span_end": start + len(source_text),
        **extra,
    }


def _report(
    url: str,
    department: str,
    year: int,
    body: str,
    *,
    region: str = "532502",
    portal: str = "kaiyuan",
    report_type: str = "self_eval_department_and_project",
    title: str | None = None,
    published: str = "2023-10-27",
) -> dict:
    return {
        "url": url,
        "portal_id": portal,
        "region_code": region,
        "department": department,
        "fiscal_year": year,
        "report_type": report_type,
        "published": published,
        "title": title or f"{department}{year}年度部门整体支出绩效自评报告",
        "publisher": "开远市财政局",
        "index_no": f"000014348/{year + 1}-{stable_id(url) % 100000:05d}",
        "body_text": body,
        "content_sha256": f"sha-{url}",
    }


EDU_2022 = (
    "一、部门基本情况。2022年度三公经费支出3.60万元，其中：公务接待费1.20万元，接待批次12批次、"
    "接待人次96人次；公务用车运行维护费2.40万元。年初预算总额1,250.00万元，培训费0.50万元。"
    "部门整体支出绩效自评得分95分，评价等级为优。"
)
HEALTH_2022 = (
    "二、三公经费情况。公务接待费2.50万元，因公出国（境）费0元。年初预算总额980.00万元，"
    "支出总计1,020.30万元，支付进度100%。自评得分88.5分，等级良好。"
)
CIVIL_2022 = "三、公务接待费—。本部门年初预算总额300.00万元。无培训安排。"
FINANCE_2022 = "财政局预算编制说明：三，公开透明；公务活动从简。预算执行率98%。"
EDU_2021 = "2021年度教育局决算：公务接待费0.80万元，支出总计1,100.00万元。预算调整说明。"
EDU_2022_FINAL = "开远市教育局2022年度部门决算：公务接待费1.10万元。"
MENGZI_2022 = "林业和草原局2022年度预算执行情况：国内公务接待费0.30万元；培训费0.20万元。"

DOCUMENTS = [
    (
        _report("https://www.hhky.gov.cn/info/1/1.htm", "开远市教育局", 2022, EDU_2022),
        {
            "figures": [
                _figure(EDU_2022, "sangong.total", 36000.0, "2022年度三公经费支出3.60万元", "3.60"),
                _figure(EDU_2022, "sangong.reception", 12000.0, "公务接待费1.20万元", "1.20"),
                _figure(
                    EDU_2022, "sangong.reception_batches", 12, "接待批次12批次", "12", unit="count", unit_text="批次"
                ),
                _figure(EDU_2022, "budget.initial_total", 12500000.0, "年初预算总额1,250.00万元", "1,250.00"),
                _figure(EDU_2022, "training_fee", 5000.0, "培训费0.50万元", "0.50"),
            ],
            "evaluations": [
                {
                    "subject_type": "department",
                    "subject": "开远市教育局",
                    "score": 95.0,
                    "rating_text": "优",
                    "rating": "优",
                }
            ],
        },
    ),
    (
        _report("https://www.hhky.gov.cn/info/1/2.htm", "开远市卫生健康局", 2022, HEALTH_2022),
        {
            "figures": [
                _figure(HEALTH_2022, "sangong.reception", 25000.0, "公务接待费2.50万元", "2.50"),
                _figure(HEALTH_2022, "budget.initial_total", 9800000.0, "年初预算总额980.00万元", "980.00"),
                _figure(HEALTH_2022, "expenditure.total", 10203000.0, "支出总计1,020.30万元", "1,020.30"),
                _figure(
                    HEALTH_2022,
                    "expenditure.payment_progress_pct",
                    100.0,
                    "支付进度100%",
                    "100",
                    unit="percent",
                    unit_text="%",
                ),
            ],
            "evaluations": [
                {
                    "subject_type": "department",
                    "subject": "开远市卫生健康局",
                    "score": 88.5,
                    "rating_text": "良好",
                    "rating": "良",
                }
            ],
            "validation_issues": [
                {
                    "rule": "sangong.parts_sum",
                    "detail": "三公 items do not add up",
                    "expected": "25000.0",
                    "observed": "0.0",
                }
            ],
        },
    ),
    (
        _report("https://www.hhky.gov.cn/info/1/3.htm", "开远市民政局", 2022, CIVIL_2022),
        {"figures": [_figure(CIVIL_2022, "sangong.reception", None, "公务接待费—", "—", unit_text="")]},
    ),
    (
        _report(
            "https://www.hhky.gov.cn/info/1/4.htm",
            "开远市财政局",
            2022,
            FINANCE_2022,
            report_type="budget",
            title="开远市财政局2022年部门预算公开",
        ),
        {},
    ),
    (
        _report(
            "https://www.hhky.gov.cn/info/1/5.htm",
            "开远市教育局",
            2021,
            EDU_2021,
            report_type="final_accounts",
            published="2022-09-01",
        ),
        {
            "figures": [
                _figure(EDU_2021, "sangong.reception", 8000.0, "公务接待费0.80万元", "0.80"),
                _figure(EDU_2021, "expenditure.total", 11000000.0, "支出总计1,100.00万元", "1,100.00"),
            ]
        },
    ),
    (
        _report(
            "https://www.hhky.gov.cn/info/1/6.htm",
            "开远市教育局",
            2022,
            EDU_2022_FINAL,
            report_type="final_accounts",
            title="开远市教育局2022年度部门决算",
            published="2023-06-01",
        ),
        {"figures": [_figure(EDU_2022_FINAL, "sangong.reception", 11000.0, "公务接待费1.10万元", "1.10")]},
    ),
    (
        _report(
            "https://www.hhmz.gov.cn/info/2/1.htm",
            "蒙自市林业和草原局",
            2022,
            MENGZI_2022,
            region="532503",
            portal="mengzi",
            title="蒙自市林业和草原局2022年度三公经费说明",
        ),
        {"figures": [_figure(MENGZI_2022, "sangong.reception_domestic", 3000.0, "国内公务接待费0.30万元", "0.30")]},
    ),
]


def build_database(path: Path) -> Path:
    store = Store(path)
    store.load_reference(
        "regions",
        [
            {"code": "532502", "name": "开远市", "short_name": "开远", "level": "county", "parent_code": "532500"},
            {"code": "532503", "name": "蒙自市", "short_name": "蒙自", "level": "county", "parent_code": "532500"},
        ],
        pk="code",
    )
    store.load_reference(
        "metrics",
        [
            {"key": "sangong.reception", "label_zh": "公务接待费", "unit": "yuan"},
            {"key": "expenditure.total", "label_zh": "支出总计", "unit": "yuan"},
        ],
        pk="key",
    )
    store.upsert_portals(
        [
            {
                "id": "kaiyuan",
                "name": "开远市人民政府信息公开",
                "region_code": "532502",
                "cms": "vsb",
                "base_url": "https://www.hhky.gov.cn/",
            }
        ]
    )
    for document, children in DOCUMENTS:
        store.save_document(document, children)
    store.close()
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> InProcessSite:
    """The site over a freshly built database."""
    return InProcessSite(build_database(tmp_path_factory.mktemp("site") / "reports.db"))


def get_json(site: InProcessSite, path: str, **params) -> dict | list:
    return site.get(path, **params).json()


def substring_scan(query: str) -> set[int]:
    """Documents where every term occurs in the title or the body: what search must return."""
    terms = query.split()
    return {stable_id(d["url"]) for d, _ in DOCUMENTS if all(t in d["title"] or t in d["body_text"] for t in terms)}


@pytest.mark.parametrize(
    "query", ["三公", "预算", "培训", "接待", "公务接待费", "三公经费", "三公 培训", "公务接待费 教育局", "预算 接待"]
)
def test_table_search_returns_exactly_the_substring_matches(site, query):
    rows = get_json(site, "/reports/documents.json", _search=query, _shape="array", _col="title")
    expected = substring_scan(query)
    assert expected, "the fixture must contain matches for every query"
    assert {row["id"] for row in rows} == expected


def test_near_miss_across_punctuation_is_not_a_match(site):
    # FINANCE_2022 has 三，公 but not 三公
    rows = get_json(site, "/reports/documents.json", _search="三公", _shape="array")
    assert stable_id("https://www.hhky.gov.cn/info/1/4.htm") not in {row["id"] for row in rows}


def test_search_page_html_lists_matching_titles(site):
    page = site.response("/reports/documents", _search="三公 培训").text
    assert "开远市教育局2022年度部门整体支出绩效自评报告" in page
    assert "开远市卫生健康局2022年度部门整体支出绩效自评报告" not in page


def test_search_box_column_search_and_blank_search(site):
    page = site.response("/reports/documents", _search="三公").text
    assert 'name="_search" value="三公"' in page
    by_title = get_json(site, "/reports/documents.json", _search_title="三公经费", _shape="array")
    assert {r["id"] for r in by_title} == {stable_id("https://www.hhmz.gov.cn/info/2/1.htm")}
    by_body = get_json(site, "/reports/documents.json", _search_body="三公经费", _shape="array")
    assert {r["id"] for r in by_body} == {
        stable_id("https://www.hhky.gov.cn/info/1/1.htm"),
        stable_id("https://www.hhky.gov.cn/info/1/2.htm"),
    }
    assert len(get_json(site, "/reports/documents.json", _search="", _shape="array")) == len(DOCUMENTS)
    bad = site.response("/reports/documents.json", _search_url="x")
    assert bad.status_code == 400


def test_documents_facets_are_configured(site):
    data = get_json(site, "/reports/documents.json", _search="公务接待费")
    assert set(data["facet_results"]) >= {
        "portal_id",
        "department",
        "fiscal_year",
        "report_type",
        "publisher",
        "region_code",
    }
    years = {r["value"]: r["count"] for r in data["facet_results"]["fiscal_year"]["results"]}
    assert years == {2022: 5, 2021: 1}


def test_documents_sorted_newest_first(site):
    rows = get_json(site, "/reports/documents.json", _shape="array", _col="published")
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)


def test_metadata_descriptions_are_served(site):
    metadata = get_json(site, "/-/metadata.json")
    documents = metadata["databases"]["reports"]["tables"]["documents"]
    assert documents["columns"]["index_no"].startswith("索引号 — ")
    page = site.response("/reports/figures").text
    assert "来源文本 — the exact sentence or table row" in page


def test_reception_query_ranks_kaiyuan_departments_of_the_year(site):
    rows = get_json(site, "/reports/reception_by_department.json", region="开远市", year="2022", _shape="array")
    assert [(r["department"], r["reception"]) for r in rows] == [
        ("开远市卫生健康局", 25000.0),
        ("开远市教育局", 11000.0),
        ("开远市民政局", None),
        ("开远市财政局", None),
    ]
    assert rows[1]["reception_batches"] == 12


def test_metric_change_compares_with_previous_year(site):
    rows = get_json(site, "/reports/metric_change.json", metric="sangong.reception", region="教育局", _shape="array")
    change = {r["fiscal_year"]: (r["previous_value"], r["change"]) for r in rows}
    # 2022: the 决算 (1.10万元) is the fact, not the self-evaluation's 1.20万元
    assert change == {2021: (None, None), 2022: (11000.0 - 3000.0, 3000.0)}


def test_figure_provenance_points_at_the_source_span(site):
    rows = get_json(
        site, "/reports/figure_provenance.json", department="卫生健康局", metric="公务接待费", _shape="array"
    )
    assert len(rows) == 1
    assert rows[0]["text_at_span"] == rows[0]["source_text"] == "公务接待费2.50万元"
    assert rows[0]["page_url"] == "https://www.hhky.gov.cn/info/1/2.htm"


def test_search_query_cuts_snippets_around_the_match(site):
    rows = get_json(site, "/reports/search_documents.json", q="三公 培训", _shape="array")
    assert {r["document_id"] for r in rows} == substring_scan("三公 培训")
    assert all("【三公】" in r["snippet"] or "【培训】" in r["snippet"] for r in rows)


def test_rating_distribution_counts_each_department_year_once(site):
    rows = get_json(site, "/reports/rating_distribution.json", _shape="array")
    assert rows == [
        {
            "region_code": "532502",
            "region_name": "开远市",
            "fiscal_year": 2022,
            "departments": 2,
            "mean_score": 91.75,
            "min_score": 88.5,
            "max_score": 95.0,
            "优": 1,
            "良": 1,
            "中": 0,
            "差": 0,
            "ungraded": 0,
        }
    ]


def test_budget_execution_coverage_and_issue_queries(site):
    budget = get_json(site, "/reports/budget_execution.json", region="卫生健康局", _shape="array")
    assert [(r["spent_pct_of_budget"], r["payment_progress_pct"]) for r in budget] == [(104.11, 100.0)]
    coverage = get_json(site, "/reports/coverage.json", _shape="array")
    assert [
        (r["portal_id"], r["fiscal_year"], r["documents"], r["departments"], r["with_figures"], r["with_issues"])
        for r in coverage
    ] == [("kaiyuan", 2022, 5, 4, 4, 2), ("kaiyuan", 2021, 1, 1, 1, 0), ("mengzi", 2022, 1, 1, 1, 0)]
    assert coverage[0]["portal_name"] == "开远市人民政府信息公开"
    issues = get_json(site, "/reports/documents_with_issues.json", region="532502", _shape="array")
    assert [(r["rule"], r["url"]) for r in issues] == [
        ("sangong.parts_sum", "https://www.hhky.gov.cn/info/1/2.htm"),
        # the 决算 and the self-evaluation of 教育局 2022 print different 公务接待费: kept with the fact's figure
        ("facts.documents_disagree", "https://www.hhky.gov.cn/info/1/6.htm"),
    ]
    assert "12000.00" in issues[1]["observed"] and issues[1]["expected"] == "11000.00"


def test_every_canned_query_runs_with_blank_parameters(site):
    queries = yaml.safe_load(METADATA.read_text())["databases"]["reports"]["queries"]
    for name in queries:
        response = site.response(f"/reports/{name}.json", _shape="objects")
        assert response.status_code == 200, (name, response.text[:300])
        assert response.json()["ok"] is not False, name


def test_views_pivot_department_years(site):
    rows = get_json(site, "/reports/department_year.json", department="开远市卫生健康局", _shape="array")
    assert len(rows) == 1
    row = rows[0]
    assert (row["budget_initial_total"], row["expenditure_total"], row["payment_progress_pct"]) == (
        9800000.0,
        10203000.0,
        100.0,
    )
    assert (row["score"], row["rating"], row["region_name"], row["documents"]) == (88.5, "良", "开远市", 1)
    edu = get_json(
        site, "/reports/department_year.json", department="开远市教育局", fiscal_year="2022", _shape="array"
    )[0]
    assert (edu["sangong_reception"], edu["documents"], edu["conflicting_metrics"]) == (11000.0, 2, "sangong.reception")
    picked = get_json(
        site,
        "/reports/department_year_metrics.json",
        department="开远市教育局",
        fiscal_year="2022",
        metric="sangong.reception",
        _shape="array",
    )
    assert [(r["value"], r["figures"], r["documents"], r["min_value"], r["max_value"]) for r in picked] == [
        (11000.0, 2, 2, 11000.0, 12000.0)
    ]
    sangong = get_json(
        site, "/reports/sangong_by_department_year.json", department="开远市教育局", _shape="array", _sort="fiscal_year"
    )
    assert [(r["fiscal_year"], r["reception"], r["sangong_total"]) for r in sangong] == [
        (2021, 8000.0, None),
        (2022, 11000.0, 36000.0),
    ]


def test_every_column_of_the_database_is_described(tmp_path):
    db = build_database(tmp_path / "reports.db")
    store = Store(db)
    tables = yaml.safe_load(METADATA.read_text())["databases"]["reports"]["tables"]
    names = [
        t for t in store.db.table_names() if not t.startswith(("documents_fts_", "figures_fts_"))
    ] + store.db.view_names()
    missing = [
        f"{t}.{c}" for t in names for c in store.db[t].columns_dict if c not in tables.get(t, {}).get("columns", {})
    ]
    store.close()
    assert missing == []


def test_views_and_canned_queries_work_on_an_empty_database(tmp_path):
    Store(tmp_path / "reports.db").close()
    site = InProcessSite(tmp_path / "reports.db")
    queries = yaml.safe_load(METADATA.read_text())["databases"]["reports"]["queries"]
    views = ["department_year_metrics", "department_year", "sangong_by_department_year"]
    for name in [*views, *queries]:
        response = site.response(f"/reports/{name}.json", _shape="array")
        assert (response.status_code, response.json()) == (200, []), name


SORT_INDEX = "create index idx_documents_published on documents(published desc, id)"


def test_search_walks_the_sort_index_when_there_is_one(tmp_path):
    """In-process: `+rowid` (index walk) only when the page's sort column is indexed; same pages either way.

    The index orders ties by id ascending, as Datasette's `_next` pages assume: with a plain index on
    `published` the first page lists ties by id descending and the second page repeats some of them.
    """
    db_path = build_database(tmp_path / "reports.db")
    site = InProcessSite(db_path)

    def search_pages(**params) -> tuple[str, list[int]]:
        sql, ids, next_token = None, [], None
        while True:
            query = urlencode({**params, "_size": 2, **({"_next": next_token} if next_token else {})})
            data = site.get(f"/reports/documents.json?{query}").json()
            sql = sql or data["query"]["sql"]
            ids += [row[0] for row in data["rows"]]
            next_token = data["next"]
            if not next_token:
                return sql, ids

    db = sqlite_utils.Database(db_path)
    for index in db["documents"].indexes:
        if index.columns[0] == "published":
            db.execute(f"drop index [{index.name}]")
    # a column search (?_search= is bounded first: see test_large_searches_are_bounded…)
    plain_sql, plain_ids = search_pages(_search_body="公务接待费")
    db.execute(SORT_INDEX)
    indexed_sql, indexed_ids = search_pages(_search_body="公务接待费")
    unindexed_sort_sql, _ = search_pages(_search_body="公务接待费", _sort="title")
    db.close()
    assert " rowid in (select rowid from documents_fts" in plain_sql
    assert "+rowid in (select rowid from documents_fts where body match" in indexed_sql
    assert "+rowid" not in unindexed_sort_sql
    assert plain_ids == indexed_ids
    assert len(set(plain_ids)) == len(plain_ids) and set(plain_ids) == substring_scan("公务接待费")


def test_large_searches_are_bounded_and_small_ones_exact(tmp_path, monkeypatch):
    """In-process, with the cap lowered to 2: a search with more matches than the cap gets an estimated count
    marked as such and no facets, and the next, smaller search gets its exact count and facets back."""
    from datasette.plugins import pm

    site = InProcessSite(build_database(tmp_path / "reports.db"))
    plugin = pm.get_plugin("chinese_search.py")  # plugins-dir modules are registered by file name, once
    monkeypatch.setattr(plugin, "MATCH_CAP", 2)

    def search(**params) -> dict:
        return site.get("/reports/documents.json", **params).json()

    large = search(_search="公务接待费")
    assert large["filtered_table_rows_count"] is None and large["facet_results"] == {}
    assert "estimated" in large["human_description_en"]
    assert {row[0] for row in large["rows"]} == substring_scan("公务接待费")
    html = site.get("/reports/documents", _search="公务接待费").text
    assert "estimated" in html and 'name="_nofacet"' in html  # the form carries the marker, not the choice
    small = search(_search="接待批次", _nofacet="auto", _nocount="auto")  # what the form sends next
    assert small["filtered_table_rows_count"] == len(substring_scan("接待批次")) == 1
    assert "fiscal_year" in small["facet_results"] and "estimated" not in small["human_description_en"]
    excluded = search(_search="公务接待费 -教育局")
    assert {row[0] for row in excluded["rows"]} == {
        i for i in substring_scan("公务接待费") if i not in substring_scan("教育局")
    }
