"""The portal registry (`crawler/portals.yaml`): every entry is complete and sound, and its spider starts offline."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import pytest

from crawler.registry import REQUIRED_KEYS, all_portals
from crawler.spiders import SPIDERS, spider_for
from pipelines import regions

PORTALS = all_portals()
IDS = [portal["id"] for portal in PORTALS]

HONGHE_COUNTIES = {
    "532501",
    "532502",
    "532503",
    "532504",
    "532523",
    "532524",
    "532525",
    "532527",
    "532528",
    "532529",
    "532530",
    "532531",
    "532532",
}


def test_ids_are_unique():
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("portal", PORTALS, ids=IDS)
def test_entry_is_complete_and_sound(portal):
    assert all(portal.get(key) for key in REQUIRED_KEYS)
    assert portal["cms"] in SPIDERS
    code = portal["region_code"]
    assert isinstance(code, str) and len(code) == 6 and code.isdigit()
    assert regions.get(code) is not None, f"{code} is not a current GB/T 2260 code"
    parts = urlsplit(portal["base_url"])
    assert parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/")
    assert all(column.startswith("/") for column in portal["start_columns"])
    assert isinstance(portal["verified"], bool)
    if not portal["verified"]:
        assert portal.get("note"), "an unverified entry says what is unverified"
    assert portal.get("evidence"), "every entry states what confirmed its host, family and columns"
    assert all(isinstance(host, str) and "/" not in host for host in portal["hosts"])


def test_honghe_and_all_thirteen_counties_are_registered():
    codes = {
        portal["region_code"]
        for portal in PORTALS
        if portal["id"] not in ("sample",) and not portal["id"].startswith("mirror-")
    }
    assert "532500" in codes
    assert HONGHE_COUNTIES <= codes
    assert {portal["cms"] for portal in PORTALS if portal["base_url"] == "https://www.hh.gov.cn"} == {"vsb", "trs"}


def test_other_prefectures_and_families_are_represented():
    prefectures = {
        portal["region_code"]
        for portal in PORTALS
        if regions.get(portal["region_code"])["level"] == "prefecture" and portal["region_code"].startswith("53")
    }
    assert len(prefectures) >= 10
    outside = {
        portal["cms"]
        for portal in PORTALS
        if not portal["region_code"].startswith("53") and not portal["id"].startswith("mirror-")
    }
    assert "hanweb" in outside
    assert "trs" in {portal["cms"] for portal in PORTALS if not portal["id"].startswith("mirror-")}


def test_every_test_mirror_has_an_entry():
    assert {"mirror-trs", "mirror-hanweb", "mirror-generic"} <= set(IDS)


async def _start_requests(spider) -> list:
    return [request async for request in spider.start()]


@pytest.mark.parametrize("portal", PORTALS, ids=IDS)
def test_spider_is_created_offline_and_yields_its_start_requests(portal):
    """Nothing known yet: the registry's start columns (hints), then discovery from the home pages."""
    spider = spider_for(portal["cms"])(portal=portal)
    requests = asyncio.run(_start_requests(spider))
    hints = [r for r in requests if r.meta["kind"] == "list"]
    assert [urlsplit(r.url).path for r in hints] == [c.split("?")[0] for c in portal["start_columns"]]
    assert all(urlsplit(r.url).netloc == urlsplit(portal["base_url"]).netloc for r in hints)
    roots = [r.url for r in requests if r.meta["kind"] == "navigation"]
    assert roots[0].rstrip("/") == portal["base_url"] and len(roots) == 1 + len(portal["hosts"])
