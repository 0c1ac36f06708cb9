"""Datasette bounds: the plugin's SQL functions refuse or cut oversized input, so one anonymous request cannot
hold a SQL thread for seconds or take gigabytes, heavy requests do not stall other pages, and the site does not
reveal where its database file lives."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from conftest import DatasetteServer

from pipelines.store import Store

DOC = {
    "url": "http://127.0.0.1/info/1001/1.htm",
    "title": "2023年度部门决算公开说明",
    "body_text": "“三公”经费支出1.2万元。" * 2000,
    "content_sha256": "a",
}
# A 15-million-character string built inside SQLite, for each plugin function.
HUGE = "replace(hex(zeroblob(7500000)), '00', '三 ')"
HEAVY = {
    "escape_fts": f"select escape_fts({HUGE})",
    "search_snippet text": f"select length(search_snippet({HUGE}, '三公', 40))",
    "search_snippet query": f"select search_snippet('三公经费', {HUGE})",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("datasette") / "reports.db"
    store = Store(db)
    store.save_document(DOC, {})
    store.close()
    server = DatasetteServer(db)
    yield server, db
    server.stop()


def sql(server, query: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.get(server.url + "/reports.json", params={"sql": query}, timeout=60)
    return response, time.monotonic() - started


@pytest.mark.parametrize("name", HEAVY)
def test_plugin_functions_bound_their_input(site, name):
    server, _ = site
    response, seconds = sql(server, HEAVY[name])
    assert seconds < 3
    if name == "search_snippet text":  # cut to its first MAX_SNIPPET_TEXT characters, then answered
        assert response.status_code == 200 and response.json()["rows"][0][0] < 2000
    else:
        # SQLite reports a Python function's exception without its message
        assert response.status_code == 400 and response.json()["error"] == "user-defined function raised exception"


def test_heavy_requests_do_not_stall_other_pages(site):
    server, _ = site
    heavy = [threading.Thread(target=sql, args=(server, HEAVY["escape_fts"])) for _ in range(3)]
    for thread in heavy:
        thread.start()
    started = time.monotonic()
    response = httpx.get(server.url + "/reports/documents.json", params={"_search": "三公"}, timeout=60)
    elapsed = time.monotonic() - started
    for thread in heavy:
        thread.join()
    assert response.status_code == 200 and len(response.json()["rows"]) == 1
    assert elapsed < 5  # unbounded, each of them held a SQL thread for 12 s


def test_search_still_works_within_the_bounds(site):
    server, _ = site
    response, _ = sql(server, "select search_snippet(body_text, '三公', 5) from documents")
    assert response.json()["rows"][0][0].startswith("“【三公】”经费支")


def test_the_database_path_is_not_shown(site):
    server, db = site
    for path in ("/-/databases.json", "/-/databases"):
        response = httpx.get(server.url + path, timeout=30)
        assert response.status_code == 200 and str(db.parent) not in response.text
        assert [d["name"] for d in response.json()] == ["reports"]
