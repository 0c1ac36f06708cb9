"""The published site over the crawled sample portal: facts, provenance one click away, readable pages.

In-process (`datasette.client`) with the project's metadata, plugins and templates, over the session's crawled
database and the raw archive beside it, as `govreports serve` finds them.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3

import pytest

SEED_INDEX_NO = "000014348/2023-02345"
SEED_TITLE = "开远市政务服务管理局2022年度部门整体和项目支出绩效自评报告"


@pytest.fixture(scope="module")
def database(crawled):
    return crawled[0] / "reports.db"


@pytest.fixture(scope="module")
def site(datasette):
    return datasette.response


def query(database, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql, params).fetchall()


def test_every_figure_page_links_its_document_and_archived_copy_which_is_served(database, site):
    figures = query(
        database,
        "select f.id, f.document_id, d.raw_sha256, f.span_start from figures f "
        "join documents d on d.id = f.document_id order by f.id",
    )
    assert len(figures) > 1000
    served = set()
    for figure_id, document_id, raw_sha256, span_start in figures:
        page = site(f"/reports/figures/{figure_id}").text
        assert f'class="document-link" href="/reports/documents/{document_id}"' in page, figure_id
        assert f'class="archive-link" href="/-/archive/{raw_sha256}"' in page, figure_id
        if span_start is not None:
            assert re.search(r'class="source-paragraph"[^>]*>[^<]*<mark>', page), figure_id
        served.add(raw_sha256)
    for sha256 in served:
        response = site(f"/-/archive/{sha256}")
        assert response.status_code == 200 and hashlib.sha256(response.content).hexdigest() == sha256
        assert response.headers["content-security-policy"] == "sandbox"


def test_archive_route_takes_only_a_hash_or_an_id(database, site):
    assert site("/-/archive/" + "0" * 64).status_code == 404
    for path in ("/-/archive/../../reports.db", "/-/archive/%2e%2e%2findex.db", "/-/archive/document/x"):
        response = site(path)
        assert response.status_code in (302, 403, 404) and b"SQLite format" not in response.content, path
    seed_id, raw = query(database, "select id, raw_sha256 from documents where index_no = ?", [SEED_INDEX_NO])[0]
    redirect = site(f"/-/archive/document/{seed_id}")
    assert redirect.status_code == 302 and redirect.headers["location"] == f"/-/archive/{raw}"


def test_figure_page_highlights_the_source_sentence_in_its_paragraph(database, site):
    figure_id, source = query(
        database,
        "select f.id, f.source_text from figures f join documents d "
        "on d.id = f.document_id where d.index_no = ? and f.metric = "
        "'sangong.reception' and f.attachment_id is null",
        [SEED_INDEX_NO],
    )[0]
    page = site(f"/reports/figures/{figure_id}").text
    paragraph = re.search(r'class="source-paragraph"[^>]*>(.*?)</blockquote>', page, re.S).group(1)
    assert f"<mark>{source}</mark>" in paragraph and len(paragraph) > len(source) + 20
    assert re.search(r'<td class="col-value[^"]*"><span class="number" title="4419.0">4,419.00 元</span>', page)
    fact_id = query(database, "select fact_id from figures where id = ?", [figure_id])[0][0]
    assert f'href="/reports/facts/{fact_id}"' in page and 'href="/reports/metrics/sangong.reception"' in page


def test_document_page_reads_like_the_report(database, site):
    seed_id, body = query(database, "select id, body_text from documents where index_no = ?", [SEED_INDEX_NO])[0]
    page = site(f"/reports/documents/{seed_id}").text
    assert "<h1" in page and SEED_TITLE in re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert f'<dd class="index-no">{SEED_INDEX_NO}</dd>' in page
    assert "云南省</a> › " in re.search(r'<dd class="region-path">(.*?)</dd>', page, re.S).group(1)
    assert 'class="archive-link"' in page and 'class="original-link"' in page
    figures_table = re.search(r'<table class="report-figures">(.*?)</table>', page, re.S).group(1)
    assert "公务接待费" in figures_table and "4,419.00 元" in figures_table
    assert re.search(r'<div class="report-body">', page) and body[:200] in page
    assert page.index('class="report-figures"') < page.index('class="report-body"')


def test_tables_hide_hashes_and_show_useful_columns_first(site):
    page = site("/reports/documents").text
    headers = re.findall(r'<th[^>]*data-column="(\w+)"', page)
    assert headers[:6] == ["id", "title", "department", "fiscal_year", "report_type", "published"]
    assert not {"content_sha256", "raw_sha256", "http_etag", "http_last_modified"} & set(headers)
    assert "raw_sha256" in site("/reports/documents.json?_size=1").json()["columns"]
    chosen = re.findall(r'<th[^>]*data-column="(\w+)"', site("/reports/documents?_col=raw_sha256").text)
    assert "raw_sha256" in chosen


def test_views_have_no_float_noise_and_link_their_ids(database, site):
    rows = site("/reports/department_year_metrics.json?_shape=array&_size=max").json()
    counts = [r for r in rows if r["unit"] in ("count", "persons") and r["value"] is not None]
    assert counts and all(isinstance(r["value"], int) for r in counts)
    assert all(r["value"] is None or round(r["value"], 2) == r["value"] for r in rows)
    page = site("/reports/metric_change?metric=sangong.reception").text
    assert re.search(r'<td class="col-figure_id"><a href="/reports/figures/\d+">', page)
    assert re.search(r'<td class="col-fact_id"><a href="/reports/facts/\d+">', page)
    search = site("/reports/search_documents?q=公务接待费").text
    assert re.search(r'<td class="col-document_id"><a href="/reports/documents/\d+">', search)


def test_facts_pick_one_value_and_list_disagreements(database, site):
    keys = query(database, "select subject, fiscal_year, metric, stage from facts")
    assert len(keys) == len(set(keys)) > 1000
    differ = query(database, "select id from facts where values_differ")
    issues = query(database, "select fact_id from validation_issues where rule = 'facts.documents_disagree'")
    assert differ and sorted(differ) == sorted(issues)
    page = site("/reports/validation_issues?rule=facts.documents_disagree").text
    assert re.search(r'<td class="col-fact_id[^"]*"><a href="/reports/facts/\d+">', page)
    unkeyed = query(
        database, "select count(*) from figures where fact_id is null or fact_id not in (select id from facts)"
    )[0][0]
    assert unkeyed == 0


def test_ids_are_exact_in_javascript(database):
    for table in ("documents", "attachments", "facts"):
        assert query(database, f"select max(id) from {table}")[0][0] < 2**53, table


def test_sample_data_is_labelled_on_the_home_page(site):
    home = site("/").text
    assert "示例数据 Sample data" in home and "not government data" in home


def test_department_year_links_its_numbers_to_facts_and_its_documents(site):
    page = site("/reports/department_year?department=开远市卫生健康局&fiscal_year=2022").text
    cell = re.search(r'<td class="col-sangong_reception[^"]*">(.*?)</td>', page, re.S).group(1)
    assert "3,400.00 元" in cell and "/reports/facts?subject=" in cell and "metric=sangong.reception" in cell
    facts_url = re.search(r'href="([^"]+)"', cell).group(1).replace("&amp;", "&")
    facts = site(facts_url.replace("/reports/facts?", "/reports/facts.json?_shape=array&")).json()
    assert [(f["value"], f["documents"]) for f in facts] == [(3400.0, 2)]
    assert re.search(r'<td class="col-documents[^"]*"><a href="/reports/documents\?department=', page)
