"""Navigation of the published site (in process): region hierarchy, document pages, the dashboard's data and assets."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import InProcessSite

from pipelines import datasette_site
from pipelines.store import Store

METADATA = yaml.safe_load(datasette_site.METADATA.read_text())
DASHBOARD = METADATA["plugins"]["datasette-dashboards"]["overview"]
SEED_INDEX_NO = "000014348/2023-02345"


@pytest.fixture(scope="module")
def documents_count(crawled):
    with sqlite3.connect(crawled[0] / "reports.db") as connection:
        return connection.execute("select count(*) from documents").fetchone()[0]


def facet(data: dict, name: str) -> list[tuple]:
    return [(r["label"], r["count"], r["selected"]) for r in data["facet_results"][name]["results"]]


def test_region_facets_walk_province_prefecture_county(datasette, documents_count):
    data = datasette.get("/reports/documents.json", _size=0).json()
    assert facet(data, "省级 province") == [("云南省", documents_count, False)]
    assert facet(data, "地级 prefecture") == [("红河哈尼族彝族自治州", documents_count, False)]
    assert facet(data, "region_code") == [("开远市", documents_count, False)]
    drill = data["facet_results"]["省级 province"]["results"][0]["toggle_url"]
    assert "_region=530000" in drill
    selected = datasette.get(urlsplit(drill)._replace(scheme="", netloc="").geturl()).json()
    assert facet(selected, "省级 province") == [("云南省", documents_count, True)]
    assert "_region" not in selected["facet_results"]["省级 province"]["results"][0]["toggle_url"]


@pytest.mark.parametrize(
    "area, matches",
    [("530000", True), ("红河哈尼族彝族自治州", True), ("开远市", True), ("532501", False), ("北京市", False)],
)
def test_region_filter_keeps_rows_inside_the_area(datasette, documents_count, area, matches):
    data = datasette.get("/reports/documents.json", _region=area, _size=0).json()
    assert data["filtered_table_rows_count"] == (documents_count if matches else 0)
    assert "lies inside it" in data["human_description_en"]


def test_region_filter_works_on_views_and_refuses_what_it_cannot_do(datasette):
    rows = datasette.get("/reports/department_year.json", _region="红河哈尼族彝族自治州", _shape="array").json()
    assert rows and {r["region_code"] for r in rows} == {"532502"}
    assert datasette.response("/reports/metrics.json", _region="530000").status_code == 400


def test_region_filter_reaches_every_table_with_a_document_id(datasette):
    """figures (and projects, attachments…) are filtered by their document's region."""
    for table in ("figures", "projects", "attachments", "validation_issues", "facts"):
        everything = datasette.get(f"/reports/{table}.json", _size=0).json()["filtered_table_rows_count"]
        inside = datasette.get(f"/reports/{table}.json", _region="532500", _size=0).json()
        outside = datasette.get(f"/reports/{table}.json", _region="北京市", _size=0).json()
        assert (inside["filtered_table_rows_count"], outside["filtered_table_rows_count"]) == (everything, 0), table
    assert datasette.response("/reports/documents.json", _region="火星").status_code == 400


def test_document_page_links_its_figures_and_other_rows(datasette):
    seed = datasette.get("/reports/documents.json", index_no=SEED_INDEX_NO, _shape="array").json()[0]
    page = datasette.get(f"/reports/documents/{seed['id']}").text
    linked = set(re.findall(r'href="/reports/(\w+)\?document_id=' + str(seed["id"]), page))
    assert linked >= {"figures", "projects", "indicators", "evaluations", "attachments"}
    figures = datasette.get("/reports/figures.json", document_id=seed["id"], _size=0).json()
    assert f"{figures['filtered_table_rows_count']:,} rows</a>\n                from document_id in figures" in page
    assert re.search(r'<details class="body-text"><summary>正文 body text · [\d,]+ 字', page)
    breadcrumb = re.findall(r'href="/reports/documents\?_region=(\d+)">([^<]+)</a>', page)
    # in the report's metadata block, and again in the table of all columns
    assert breadcrumb[:3] == [("530000", "云南省"), ("532500", "红河哈尼族彝族自治州"), ("532502", "开远市")]
    assert 'href="/reports/regions/532502">532502</a>' in page


def test_dashboard_is_listed_and_uses_local_scripts(datasette):
    listing = datasette.get("/-/dashboards").text
    assert "/-/dashboards/overview" in listing
    page = datasette.get("/-/dashboards/overview").text
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert scripts and all(src.startswith("/") for src in scripts), scripts
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        assert any(src.endswith(name) for src in scripts)
        assert datasette.get(f"/-/static-plugins/datasette_dashboards/{name}").status_code == 200
    assert "532502 开远市" in page and "530000 云南省" in page  # region filter options, every level


@pytest.mark.parametrize(
    "filters", [{}, {"region": "532500 红河哈尼族彝族自治州", "year": "2022"}, {"region": "110000 北京市"}]
)
def test_dashboard_chart_queries_answer_for_each_filter(datasette, crawled, filters):
    with sqlite3.connect(crawled[0] / "reports.db") as connection:
        expected = connection.execute(
            "select count(*) from documents where (? = '' or fiscal_year = ?)",
            [filters.get("year", ""), int(filters.get("year", 0))],
        ).fetchone()[0]
    expected = 0 if filters.get("region", "").startswith("110000") else expected
    results = {}
    for name, chart in DASHBOARD["charts"].items():
        results[name] = datasette.get("/reports.json", sql=chart["query"], _shape="array", **filters).json()
    assert results["documents-count"] == [{"documents": expected}]
    charted = [name for name, rows in results.items() if rows and name.endswith(("trend", "items", "coverage"))]
    assert charted == ([] if expected == 0 else ["sangong-trend", "sangong-items", "coverage"])
    if "year" in filters:
        assert {r["年度"] for r in results["sangong-trend"]} == {2022}


def test_dashboard_and_region_facets_work_on_an_empty_database(tmp_path):
    Store(tmp_path / "reports.db").close()
    fetch = InProcessSite(tmp_path / "reports.db").response
    for name, chart in DASHBOARD["charts"].items():
        response = fetch("/reports.json", sql=chart["query"], _shape="array")
        assert response.status_code == 200, (name, response.text[:300])
    documents = fetch("/reports/documents.json").json()
    assert documents["facet_results"]["省级 province"]["results"] == []
    assert fetch("/-/dashboards/overview").status_code == 200
