"""Column discovery: from the home page alone, over menus, the 信息公开 tree, year folders and sibling hosts.

Every family's mirror is crawled with no start column (the VSB mirror with a wrong one): every report must
land, `portal_columns` must name the columns, and the second crawl must start from them without reading the
home page again. Also: the VSB site search, a column that stops yielding, `finished_empty`, and `verify`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from mirror_server import MIRRORS, crawl_mirror, serve_mirror

from crawler.discovery import HostPolicy, link_kind, should_rediscover
from crawler.registry import get_portal, mark_verified
from pipelines.columns import merge_columns, save_columns
from pipelines.store import Store

GOVREPORTS = str(Path(sys.executable).with_name("govreports"))
VSB = json.loads((MIRRORS / "vsb" / "expected.json").read_text("utf-8"))


def test_link_kinds():
    assert link_kind("财政信息", ()) == "column"
    assert link_kind("预决算与三公经费", ()) == "column"
    assert link_kind("法定主动公开内容", ()) == "navigation"
    assert link_kind("政府信息公开", ()) == "navigation"
    assert link_kind("政府信息公开指南", ()) is None and link_kind("政府信息公开年报", ()) is None
    assert link_kind("2025年", ("政府信息公开", "部门决算")) == "column"
    assert link_kind("2024", ("财政信息",)) == "column"
    assert link_kind("2024", ("新闻中心",)) is None  # a year is a folder only below a budget column
    assert link_kind("示例县水务局2024年度部门决算", ("部门决算",)) is None  # a report title, not a column
    assert link_kind("新闻中心", ()) is None


def test_host_policy_follows_the_base_host_and_the_listed_hosts_only():
    policy = HostPolicy("https://www.cxz.gov.cn", ("czj.cxz.gov.cn", "127.0.0.2:8080"))
    assert policy.allows("https://www.cxz.gov.cn/zfxxgk.htm")
    assert policy.allows("http://czj.cxz.gov.cn/xxgk/ysjxgl.htm")  # either scheme
    assert policy.allows("http://127.0.0.2:8080/") and not policy.allows("http://127.0.0.2:8081/")
    assert not policy.allows("https://rsj.cxz.gov.cn/zfxxgk.htm")  # same government, not listed
    assert not policy.allows("https://www.cxz.gov.cn.evil.test/")
    assert not policy.allows("ftp://www.cxz.gov.cn/x")
    assert policy.roots() == ["https://www.cxz.gov.cn/", "https://czj.cxz.gov.cn/", "https://127.0.0.2:8080/"]


def test_rediscovery_is_due_when_nothing_is_known_a_column_went_quiet_or_the_map_is_old():
    now = datetime(2026, 12, 4, tzinfo=UTC)
    fresh = (now - timedelta(days=2)).isoformat()
    active = {"status": "active", "discovered": fresh, "last_seen": fresh}
    assert should_rediscover("incremental", [], 30, now)
    assert not should_rediscover("incremental", [active], 30, now)
    assert should_rediscover("full", [active], 30, now)
    assert should_rediscover("incremental", [active, {**active, "status": "empty"}], 30, now)
    assert should_rediscover("incremental", [{**active, "discovered": (now - timedelta(days=40)).isoformat()}], 30, now)


def test_mark_verified_edits_only_the_entry(tmp_path):
    registry = tmp_path / "portals.yaml"
    registry.write_text(
        '# the registry\nportals:\n  - id: a\n    name: A\n    region_code: "532524"\n    cms: vsb\n'
        "    base_url: http://a.test\n    verified: false\n    note: unverified\n\n  # -- next\n"
        '  - id: b\n    name: B\n    region_code: "532524"\n    cms: vsb\n'
        "    base_url: http://b.test\n",
        encoding="utf-8",
    )
    mark_verified("a", "2026-12-04", registry)
    text = registry.read_text("utf-8")
    assert (
        '  - id: a\n    name: A\n    region_code: "532524"\n    cms: vsb\n'
        '    base_url: http://a.test\n    verified: true\n    verified_on: "2026-12-04"\n    note: unverified\n'
        "\n  # -- next\n  - id: b\n" in text
    )
    assert text.startswith("# the registry\n") and text.count("verified:") == 1  # b untouched


def test_worker_columns_merge_into_one_row_and_merging_twice_changes_nothing(tmp_path):
    def column(articles: int, status: str) -> dict:
        return {
            "url": "http://gov.test/bmjs.htm",
            "label_path": "财政信息 > 部门决算",
            "cms": "vsb",
            "articles_seen": articles,
            "latest_article": "2025-09-18" if articles else None,
            "status": status,
            "source": "discovery",
        }

    one, two, merged = (Store(tmp_path / name) for name in ("w1.db", "w2.db", "merged.db"))
    save_columns(
        one.db, "p", [column(3, "active")], "2026-12-04T10:00:00+00:00", True, {"http://gov.test/bmjs.htm": [1, 2, 3]}
    )
    save_columns(two.db, "p", [column(0, "empty")], "2026-12-04T11:00:00+00:00", True, {})
    for worker in (one, two, one):
        merge_columns(merged.db, worker.db)
    row = merged.db["portal_columns"].get(("p", "http://gov.test/bmjs.htm"))
    assert (row["status"], row["articles_seen"], row["latest_article"]) == ("active", 3, "2025-09-18")
    assert (row["first_seen"], row["last_seen"]) == ("2026-12-04T10:00:00+00:00", "2026-12-04T11:00:00+00:00")
    assert merged.db["column_articles"].count == 3


# -- crawls of the mirrors ---------------------------------------------------------------------------------
def stored(work: Path, base_urls: dict[str, str]) -> set[str]:
    """Stored document URLs, with each mirror's base URL replaced by its name."""
    rows = sqlite_utils.Database(work / "reports.db").query("select url from documents")
    return {_named(row["url"], base_urls) for row in rows}


def _named(url: str, base_urls: dict[str, str]) -> str:
    for name, base in base_urls.items():
        if url.startswith(base + "/"):
            return name + url.removeprefix(base)
    return url


def columns(work: Path, portal_id: str) -> dict[str, dict]:
    rows = sqlite_utils.Database(work / "reports.db").query(
        "select * from portal_columns where portal_id = ?", [portal_id]
    )
    return {row["url"]: row for row in rows}


@pytest.mark.parametrize("family", ["trs", "hanweb", "generic"])
def test_home_page_alone_finds_every_report_and_the_second_crawl_starts_from_the_columns(family, tmp_path):
    want = set(json.loads((MIRRORS / family / "expected.json").read_text("utf-8"))["documents"])
    portal = {**get_portal(f"mirror-{family}"), "start_columns": []}
    log: list[str] = []
    with serve_mirror(MIRRORS / family, log=log) as base_url:
        first = crawl_mirror(portal, base_url, tmp_path)
        found = columns(tmp_path, portal["id"])
        second_from = len(log)
        second = crawl_mirror(portal, base_url, tmp_path)
    assert first["status"] == second["status"] == "finished"
    assert stored(tmp_path, {"": base_url}) == want
    assert found and all(row["status"] == "active" and row["articles_seen"] > 0 for row in found.values())
    assert all(row["label_path"].startswith("政府信息公开") and row["cms"] == family for row in found.values())
    assert "GET /" in log[:second_from] and "GET /" not in log[second_from:]
    column_paths = {url.removeprefix(base_url) for url in found}
    assert column_paths <= {line.removeprefix("GET ") for line in log[second_from:]}
    assert second["new_documents"] == 0


@pytest.fixture()
def vsb_sites():
    """The VSB mirror, its finance bureau on 127.0.0.2 (a listed sibling) and a host it must never visit."""
    logs = {"main": [], "czj": [], "other": []}
    with (
        serve_mirror(MIRRORS / "vsb-other", host="127.0.0.3", log=logs["other"]) as other,
        serve_mirror(MIRRORS / "vsb-czj", host="127.0.0.2", log=logs["czj"]) as czj,
        serve_mirror(MIRRORS / "vsb", links={"czj": czj, "other": other}, log=logs["main"]) as main,
    ):
        portal = {**get_portal("mirror-vsb"), "hosts": [czj.removeprefix("http://")]}
        yield portal, {"main": main, "czj": czj, "other": other}, logs


@pytest.mark.parametrize("hint", ["wrong", "none"])
def test_vsb_year_folders_and_a_sibling_host_from_the_home_page(vsb_sites, tmp_path, hint):
    portal, bases, logs = vsb_sites
    portal = portal if hint == "wrong" else {**portal, "start_columns": []}
    first = crawl_mirror(portal, bases["main"], tmp_path)
    assert first["status"] == "finished"
    assert stored(tmp_path, bases) == (
        {f"main{path}" for path in VSB["documents"]} | {f"czj{path}" for path in VSB["sibling_documents"]}
    )
    assert logs["other"] == []  # linked from the site, but not one of the entry's hosts
    found = {_named(url, bases): row for url, row in columns(tmp_path, "mirror-vsb").items()}
    assert {url: (row["label_path"], row["articles_seen"], row["latest_article"]) for url, row in found.items()} == {
        "main/zfxxgk/fdzdgknr/czxx/bmjs/2025n.htm": (
            "政府信息公开 > 法定主动公开内容 > 财政信息 > 部门决算 > 2025年",
            4,
            "2025-09-18",
        ),
        "main/zfxxgk/fdzdgknr/czxx/bmjs/2024.htm": (
            "政府信息公开 > 法定主动公开内容 > 财政信息 > 部门决算 > 2024",
            2,
            "2024-09-20",
        ),
        "czj/xxgk/ysjxgl.htm": ("信息公开 > 预算绩效管理", 2, "2025-05-28"),
    }
    db = sqlite_utils.Database(tmp_path / "reports.db")
    errors = list(db.query("select url, kind, http_status from crawl_errors"))
    assert errors == [
        {"url": bases["main"] + column, "kind": "http", "http_status": 404} for column in portal["start_columns"]
    ]  # a wrong hint is reported, nothing else
    assert not any(line.startswith("POST") for line in logs["main"])  # site search is off by default

    before = {name: len(lines) for name, lines in logs.items()}
    second = crawl_mirror(portal, bases["main"], tmp_path)
    assert second["status"] == "finished" and second["new_documents"] == 0
    again = {name: lines[before[name] :] for name, lines in logs.items()}
    assert "GET /" not in again["main"] and "GET /" not in again["czj"]
    assert "GET /zfxxgk/fdzdgknr/czxx/bmjs/2025n.htm" in again["main"] and "GET /xxgk/ysjxgl.htm" in again["czj"]


def test_site_search_finds_reports_filed_outside_the_budget_columns(vsb_sites, tmp_path):
    portal, bases, logs = vsb_sites
    run = crawl_mirror(portal, bases["main"], tmp_path, {"GOVREPORTS_SITE_SEARCH": True})
    assert run["status"] == "finished"
    assert f"main{next(iter(VSB['search_only']))}" in stored(tmp_path, bases)
    assert "main/info/1060/6001.htm" not in stored(tmp_path, bases)  # a notice the search also answered
    assert any(line.startswith("POST /aop_component//webber/search/") for line in logs["main"])


def test_a_column_that_stops_yielding_is_noticed_and_rediscovered(tmp_path):
    portal = {**get_portal("mirror-trs"), "start_columns": []}
    log: list[str] = []
    routes: dict[str, tuple[int, bytes]] = {}
    with serve_mirror(MIRRORS / "trs", routes=routes, log=log) as base_url:
        crawl_mirror(portal, base_url, tmp_path)
        routes["/zfxxgk/fdzdgknr/czxxgk/bmjs/"] = (200, b"<html><body><ul id='ogi-list'></ul></body></html>")
        stale = crawl_mirror(portal, base_url, tmp_path)
        third_from = len(log)
        crawl_mirror(portal, base_url, tmp_path)
    db = sqlite_utils.Database(tmp_path / "reports.db")
    row = db["portal_columns"].get((portal["id"], base_url + "/zfxxgk/fdzdgknr/czxxgk/bmjs/"))
    assert (row["status"], row["articles_seen"]) == ("empty", 0) and row["last_yield"] < row["last_seen"]
    assert [
        r["kind"]
        for r in db.query("select kind from crawl_errors where run_id = ? and kind = 'column_empty'", [stale["id"]])
    ] == ["column_empty"]
    assert "GET /" in log[third_from:]  # the quiet column makes the next crawl look at the menus again


def test_a_crawl_that_finds_no_report_ends_finished_empty(tmp_path):
    portal = {**get_portal("mirror-vsb"), "start_columns": [], "hosts": []}
    with serve_mirror(MIRRORS / "vsb", routes={"/zfxxgk.htm": (404, b"<html>404</html>")}) as base_url:
        run = crawl_mirror(portal, base_url, tmp_path)
    assert run["status"] == "finished_empty"
    errors = list(sqlite_utils.Database(tmp_path / "reports.db").query("select kind, message from crawl_errors"))
    assert [e["kind"] for e in errors] == ["no_reports"] and "govreports verify" in errors[0]["message"]


def test_verify_prints_the_columns_and_marks_the_entry(tmp_path):
    registry = tmp_path / "portals.yaml"
    registry.write_text(
        'portals:\n  - id: county\n    name: 示例县人民政府\n    region_code: "532524"\n    cms: vsb\n'
        "    base_url: https://www.example-county.gov.cn\n    verified: false\n    evidence: unconfirmed\n"
        "    note: a county to check\n    allow_private_hosts: true\n    settings:\n      DOWNLOAD_DELAY: 0\n"
        "      AUTOTHROTTLE_ENABLED: false\n",
        encoding="utf-8",
    )
    env = {**os.environ, "GOVREPORTS_REGISTRY": str(registry)}

    def verify(*extra: str, answer: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [GOVREPORTS, "verify", "county", "--base-url", base_url, "--db", str(tmp_path / "reports.db"), *extra],
            input=answer,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )

    with serve_mirror(MIRRORS / "vsb") as base_url:
        declined = verify(answer="n\n")
        assert declined.returncode == 0, declined.stderr[-2000:]
        assert "verified: false" in registry.read_text("utf-8")
        accepted = verify("--yes")
    assert accepted.returncode == 0, accepted.stderr[-2000:]
    assert "markup looks vsb" in accepted.stdout
    assert (
        "    4 articles  latest 2025-09-18  政府信息公开 > 法定主动公开内容 > 财政信息 > 部门决算 > 2025年"
        in accepted.stdout
    )
    assert "    2 articles  latest 2024-09-20" in accepted.stdout
    entry = registry.read_text("utf-8")
    assert '    verified: true\n    verified_on: "20' in entry and "verified: false" not in entry
    db = sqlite_utils.Database(tmp_path / "reports.db")
    assert db["documents"].count == 0  # discovery reads lists only
    assert {r["status"] for r in db.query("select status from crawl_runs")} == {"finished"}


def test_verify_refuses_when_nothing_is_found(tmp_path):
    env = {**os.environ}
    with serve_mirror(MIRRORS / "vsb", routes={"/zfxxgk.htm": (404, b"<html>404</html>")}) as base_url:
        result = subprocess.run(
            [GOVREPORTS, "verify", "mirror-vsb", "--base-url", base_url, "--db", str(tmp_path / "reports.db"), "--yes"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
    assert result.returncode == 1 and "found no column" in result.stderr


# -- the sample portal: no start column in the registry, the demo's documents unchanged --------------------
def test_sample_portal_is_crawled_from_its_discovered_columns(crawled, datasette):
    assert get_portal("sample")["start_columns"] == []
    rows = datasette.get("/reports/portal_columns.json", _shape="array").json()
    assert {(r["label_path"], r["status"]) for r in rows} == {("预算绩效管理", "active"), ("部门决算", "active")}
    coverage = datasette.get("/reports/report_coverage.json", _shape="array").json()
    assert {r["portal_id"] for r in coverage} == {"sample"}
    assert {r["column_name"] for r in coverage} == {"预算绩效管理", "部门决算"}
    assert (
        sum(r["reports"] for r in coverage)
        == sqlite_utils.Database(crawled[0] / "reports.db")
        .execute("select count(*) from documents where report_type is not null and report_type != 'other'")
        .fetchone()[0]
    )
