"""End to end: the sample VSB portal crawled over loopback HTTP into SQLite, and served by Datasette."""

from __future__ import annotations

import shutil

import pytest
import sqlite_utils
from conftest import crawl, invoke_ok

from crawler.sample_portal import content
from pipelines.store import stable_id

SEED_ATTACHMENTS = {
    "附件4:开远市政务服务管理局2022年预算项目支出绩效自评表-审核-确定.xlsx",
    "附件2:开远市政务服务管理局2022年部门整体支出绩效自评表-审核-确定.xlsx",
    "附件3:开远市政务服务管理局2022年部门整体绩效目标完成情况表-审核-确定.xlsx",
}
FAULTS = set(content.MALFORMED_IDS + content.MISSING_IDS + content.ERROR_IDS)


@pytest.fixture(scope="module")
def db(crawled):
    return sqlite_utils.Database(crawled[0] / "reports.db")


def url_of(base: str, article_id: int) -> str:
    return base + content.expected(article_id)["path"]


def test_seed_document_row(db, sample_portal):
    row = db["documents"].get(stable_id(url_of(sample_portal, content.SEED_ID)))
    assert {
        k: row[k]
        for k in (
            "index_no",
            "publisher",
            "doc_no",
            "published",
            "validity",
            "department",
            "fiscal_year",
            "report_type",
            "region_code",
            "portal_id",
        )
    } == {
        "index_no": "000014348/2023-02345",
        "publisher": "开远市政务服务管理局",
        "doc_no": None,
        "published": "2023-10-27",
        "validity": "有效",
        "department": "开远市政务服务管理局",
        "fiscal_year": 2022,
        "report_type": "self_eval_department_and_project",
        "region_code": "532502",
        "portal_id": "sample",
    }
    attachments = db.execute(
        "select name, parse_status, ext from attachments where document_id = ?", [row["id"]]
    ).fetchall()
    assert {a[0] for a in attachments} == SEED_ATTACHMENTS
    assert {(a[1], a[2]) for a in attachments} == {("ok", "xlsx")}  # fetched with a Referer, not the HTML refusal


def test_every_listed_article_lands_with_its_metadata(db, sample_portal):
    crawled_ids = {a.id for key in ("ysjxgl", "bmjs") for a in content.column_articles(key)} - FAULTS
    assert db["documents"].count == len(crawled_ids) + len(content.MALFORMED_IDS)
    for article_id in crawled_ids:
        expected = content.expected(article_id)
        row = db["documents"].get(stable_id(url_of(sample_portal, article_id)))
        assert {k: row[k] for k in expected["document"]} == expected["document"], article_id
        assert (row["category"] == "report") == expected["is_report"], row["title"]


def test_faults_are_recorded_and_the_rest_lands(db, sample_portal, crawled):
    errors = {
        (r["url"], r["kind"], r["http_status"])
        for r in db.query("select * from crawl_errors where run_id = ?", [crawled[1]["id"]])
    }
    assert (url_of(sample_portal, content.MISSING_IDS[0]), "http", 404) in errors
    assert (url_of(sample_portal, content.ERROR_IDS[0]), "http", 500) in errors
    assert (url_of(sample_portal, content.MALFORMED_IDS[0]), "malformed", None) in errors
    assert len(errors) == 3
    assert crawled[1]["status"] == "finished" and crawled[1]["errors"] == 3


def test_second_crawl_adds_no_rows(db, crawled):
    _, first, second, recheck = crawled
    assert first["new_documents"] == db["documents"].count
    assert second["new_documents"] == 0 and second["changed_documents"] == 0
    # incremental: paging stops after a page of known articles; only the listed 500/404 pages are retried
    assert second["requests"] <= first["requests"] * 0.1
    # recheck: every known article re-requested conditionally, all 304, nothing removed
    assert recheck["unchanged_documents"] == first["new_documents"]
    assert recheck["changed_documents"] == recheck["removed_documents"] == recheck["new_documents"] == 0
    assert db["document_versions"].count == db["documents"].count
    assert (
        db.execute("select count(*) from attachments").fetchone()[0]
        == db.execute("select count(distinct url) from attachments").fetchone()[0]
    )
    assert db["documents_fts"].count == db["documents"].count


def test_every_attachment_is_fetched_and_parsed(db):
    statuses = dict(db.execute("select parse_status, count(*) from attachments group by 1").fetchall())
    expected = sum(len(content.expected(i)["attachments"]) for i in content.report_ids())
    assert statuses == {"ok": expected}


def test_attachments_missed_by_a_killed_crawl_are_fetched_next_time(crawled, sample_portal, tmp_path):
    """Pages stored, their files not yet downloaded: the next incremental crawl fetches only the files."""
    shutil.copy(crawled[0] / "reports.db", tmp_path / "reports.db")
    db = sqlite_utils.Database(tmp_path / "reports.db")
    missed = [r["id"] for r in db.query("select id from attachments order by id limit 3")]
    marks = ", ".join("?" * len(missed))
    db.execute(f"update attachments set sha256 = null, parse_status = null where id in ({marks})", missed)
    db.execute(f"delete from indicators where attachment_id in ({marks})", missed)
    db.conn.commit()
    run = crawl("sample", sample_portal, tmp_path)
    assert run["new_documents"] == run["changed_documents"] == 0
    rows = list(db.query(f"select parse_status, sha256 from attachments where id in ({marks})", missed))
    assert [r["parse_status"] for r in rows] == ["ok"] * 3 and all(r["sha256"] for r in rows)
    assert db.execute(f"select count(*) from indicators where attachment_id in ({marks})", missed).fetchone()[0]


def test_raw_archive_rebuilds_the_same_dataset(crawled, tmp_path):
    workdir = crawled[0]
    invoke_ok("rebuild", "--archive", str(workdir / "archive"), "--db", str(tmp_path / "reports.db"))
    original, rebuilt = sqlite_utils.Database(workdir / "reports.db"), sqlite_utils.Database(tmp_path / "reports.db")
    for table in ("documents", "attachments", "figures", "projects", "evaluations", "indicators"):
        assert rebuilt[table].count == original[table].count, table
    query = "select id, content_sha256 from documents order by id"
    assert rebuilt.execute(query).fetchall() == original.execute(query).fetchall()


@pytest.mark.parametrize("term", ["公务接待", "三公"])
def test_datasette_search_finds_the_seed(datasette, sample_portal, term):
    rows = datasette.get("/reports/documents.json", _search=term, _shape="array", _col="title").json()
    assert "开远市政务服务管理局2022年度部门整体和项目支出绩效自评报告" in {r["title"] for r in rows}


def test_datasette_facets_and_descriptions(datasette):
    data = datasette.get("/reports/documents.json", _facet="report_type").json()
    facets = {f["value"]: f["count"] for f in data["facet_results"]["report_type"]["results"]}
    assert facets["self_eval_department_and_project"] >= 10
    metadata = datasette.get("/-/metadata.json").json()
    columns = metadata["databases"]["reports"]["tables"]["documents"]["columns"]
    assert "索引号" in columns["index_no"]


@pytest.mark.parametrize("term", ["公务接待", "培训", "编制 事业"])
def test_datasette_searches_figures_by_their_source_text(datasette, db, term):
    """Figure search finds exactly the figures whose source text holds every term (a substring scan)."""
    rows = datasette.get(
        "/reports/figures.json", _search=term, _shape="array", _size="max", _col="source_text", _nocount=1
    ).json()
    expected = [
        r[0]
        for r in db.execute("select source_text from figures").fetchall()
        if all(t in (r[0] or "") for t in term.split())
    ]
    assert rows and sorted(r["source_text"] for r in rows) == sorted(expected)
    assert db["figures_fts"].count == db["figures"].count
