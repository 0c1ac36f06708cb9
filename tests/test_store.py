"""The store: stable ids, upserts without duplicates, child rows replaced, 2-character Chinese search."""

import sqlite3

import pytest

from pipelines.search import fts_query
from pipelines.store import Store, stable_id

DOC = {
    "url": "http://127.0.0.1/info/1015/1.htm",
    "title": "开远市水务局2022年度部门整体支出绩效自评报告",
    "body_text": "“三公”经费支出1.2万元，其中公务接待费0.8万元。培训费为零。",
    "content_sha256": "a",
}
FIGURE = {"metric": "sangong.total", "value": 12000.0, "unit": "yuan", "value_text": "1.2", "unit_text": "万元"}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "r.db")
    yield s
    s.close()


def search(store, query):
    sql = "select rowid from documents_fts where documents_fts match ?"
    return {row[0] for row in store.db.execute(sql, [fts_query(query)]).fetchall()}


def test_saving_twice_keeps_one_row_and_replaces_children(store):
    assert store.save_document(DOC, {"figures": [FIGURE]}) == "new"
    assert store.save_document(DOC, {"figures": [FIGURE, {**FIGURE, "metric": "sangong.reception"}]}) == "unchanged"
    assert store.db["documents"].count == 1
    assert [r["metric"] for r in store.db["figures"].rows] == ["sangong.total", "sangong.reception"]
    assert store.save_document({**DOC, "content_sha256": "b"}, {}) == "changed"
    assert store.db["figures"].count == 0
    assert store.db["documents_fts"].count == 1


def test_first_seen_survives_updates(store):
    store.save_document(DOC, {}, seen="2026-01-01T00:00:00+00:00")
    store.save_document(DOC, {}, seen="2026-02-01T00:00:00+00:00")
    row = store.db["documents"].get(stable_id(DOC["url"]))
    assert (row["first_seen"], row["last_seen"]) == ("2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00")


@pytest.mark.parametrize(
    "query,found",
    [
        ("三公", True),
        ("培训", True),
        ("公务接待", True),
        ("公务接待费", True),
        ("三公 培训", True),
        ("水务局", True),
        ("2022年", True),
        ("接待", True),
        ("费", True),
        ("公务招待", False),
        ("三公 教育局", False),
        ("培训费用", False),
    ],
)
def test_search_matches_substrings_of_any_length(store, query, found):
    store.save_document(DOC, {})
    text = DOC["title"] + DOC["body_text"]
    assert all(term in text for term in query.split()) == found  # the oracle: a substring scan
    assert (search(store, query) == {stable_id(DOC["url"])}) == found


def test_database_opens_in_stock_sqlite(store):
    store.save_document(DOC, {})
    path = store.path
    store.close()
    with sqlite3.connect(path) as conn:  # no loadable tokenizer needed
        assert (
            conn.execute("select count(*) from documents_fts where documents_fts match '\"三公\"'").fetchone()[0] == 1
        )


def test_errors_and_runs(store):
    run = store.start_run("sample")
    store.record_error(run, "sample", "http://x/1.htm", "http", "HTTP 500", 500)
    store.finish_run(run, "finished", requests=3, errors=1)
    assert store.db["crawl_runs"].get(run)["status"] == "finished"
    assert store.db["crawl_errors"].count == 1


def test_ids_fit_javascript_and_older_databases_migrate(tmp_path):
    """Ids are 52-bit; a database written with the older 60-bit ids is rewritten on open, references and
    search index included, and keyed into facts."""
    import hashlib

    path = tmp_path / "old.db"
    store = Store(path)
    store.save_document({**DOC, "department": "开远市水务局", "fiscal_year": 2022}, {"figures": [FIGURE]})
    att = store.save_attachment_link(DOC["url"], "http://127.0.0.1/a.xlsx", "附件")
    store.close()
    old_doc = int(hashlib.sha256(DOC["url"].encode()).hexdigest()[:15], 16)
    old_att = int(hashlib.sha256(b"http://127.0.0.1/a.xlsx").hexdigest()[:15], 16)
    with sqlite3.connect(path) as connection:  # what a database from before looked like
        connection.execute("update documents set id = ?", [old_doc])
        connection.execute("update documents_fts set rowid = ?", [old_doc])
        connection.execute("update figures set document_id = ?, fact_id = null", [old_doc])
        connection.execute("update attachments set id = ?, document_id = ?", [old_att, old_doc])
        connection.execute("delete from facts")
    store = Store(path)
    doc_id = stable_id(DOC["url"])
    assert doc_id < 2**53 and old_doc >= 2**53
    assert [r["id"] for r in store.db["documents"].rows] == [doc_id]
    assert [r["document_id"] for r in store.db["figures"].rows] == [doc_id]
    assert [(r["id"], r["document_id"]) for r in store.db["attachments"].rows] == [(att, doc_id)]
    assert search(store, "三公") == {doc_id}
    assert [(r["subject"], r["value"], r["figure_id"]) for r in store.db["facts"].rows] == [
        ("开远市水务局", 12000.0, 1)
    ]
    store.close()


def test_a_fact_prefers_the_final_accounts_and_flags_disagreement(store):
    self_eval = {
        **DOC,
        "department": "开远市水务局",
        "fiscal_year": 2022,
        "report_type": "self_eval_department",
        "published": "2023-10-01",
    }
    accounts = {
        **self_eval,
        "url": "http://127.0.0.1/info/1015/2.htm",
        "report_type": "final_accounts",
        "published": "2023-06-01",
    }
    store.save_document(self_eval, {"figures": [FIGURE]})
    store.save_document(accounts, {"figures": [{**FIGURE, "value": 11000.0}]})
    fact = list(store.db["facts"].rows)
    assert [(f["value"], f["report_type"], f["documents"], f["values_differ"]) for f in fact] == [
        (11000.0, "final_accounts", 2, 1)
    ]
    issues = list(store.db.query("select * from validation_issues where rule = 'facts.documents_disagree'"))
    assert len(issues) == 1 and issues[0]["expected"] == "11000.00" and "12000.00" in issues[0]["observed"]
    store.save_document({**self_eval, "content_sha256": "b"}, {"figures": [{**FIGURE, "value": 11000.0}]})
    assert [f["values_differ"] for f in store.db["facts"].rows] == [0]
    assert store.db.execute("select count(*) from validation_issues").fetchone()[0] == 0
