"""`probe`: CMS family and budget columns of a portal, proposed as registry entries (local mirrors only)."""

from __future__ import annotations

import pytest
from mirror_server import MIRRORS, serve_mirror

from crawler.probe import column_family, detect_family, probe
from crawler.sample_portal.build import build_site
from crawler.sample_portal.server import serve


@pytest.mark.parametrize(
    "html, family",
    [
        (
            '<meta name="generator" content="Visual SiteBuilder 9"><script src="/system/resource/js/base.js"></script>',
            "vsb",
        ),
        ('<div id="vsb_content"></div><a href="/info/1121/195601.htm">x</a>', "vsb"),
        ('<div class="TRS_Editor"></div><script>createPageHTML(3, 0, "index", "html");</script>', "trs"),
        ('<a href="./202305/t20230518_641001.html">x</a>', "trs"),
        ('<a href="/art/2023/8/30/art_1229_42.html">x</a><a href="/col/col1229/index.html">y</a>', "hanweb"),
        ('<script src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>', "hanweb"),
        ('<a href="/html/2023/0915/2301.html">x</a>', "generic"),
    ],
)
def test_family_markers(html, family):
    assert detect_family(html) == family


@pytest.mark.parametrize(
    "url, site, family",
    [
        ("http://gov.test/col/col1229000035/index.html", "generic", "hanweb"),
        ("http://gov.test/zfxxgk/czxx/ysjxgl/", "vsb", "trs"),  # a legacy TRS directory on a VSB site
        ("http://gov.test/zfxxgk/czxx/ysjxgl/index.html", "trs", "trs"),
        ("http://gov.test/zfxxgk/fdzdgknr/czxx/ysjxgl.htm", "vsb", "vsb"),
        ("http://gov.test/channels/120.html", "generic", "generic"),
    ],
)
def test_column_family_by_url_shape(url, site, family):
    assert column_family(url, site) == family


@pytest.mark.parametrize(
    "family, columns",
    [
        ("trs", ["/zfxxgk/fdzdgknr/czxxgk/", "/zfxxgk/fdzdgknr/czxxgk/ysjxgl/", "/zfxxgk/fdzdgknr/czxxgk/bmjs/"]),
        ("hanweb", ["/col/col1229000031/index.html", "/col/col1229000035/index.html"]),
        ("generic", ["/channels/120.html"]),
    ],
)
def test_probe_proposes_an_entry_for_each_mirror(family, columns):
    with serve_mirror(MIRRORS / family) as base_url:
        entries = probe(base_url + "/")
    assert len(entries) == 1
    entry = entries[0]
    assert (entry["cms"], entry["base_url"], entry["start_columns"]) == (family, base_url, columns)
    assert entry["name"] == "示例县人民政府"
    assert entry["verified"] is False and "fill it in" in entry["note"]  # no region for an invented county


def test_probe_reads_the_vsb_sample_portal(tmp_path):
    with serve(build_site(tmp_path / "site")) as base_url:
        entries = probe(base_url + "/")
    assert [(e["cms"], e["region_code"]) for e in entries] == [("vsb", "532502")]
    assert {"/zfxxgk/fdzdgknr/czxx/ysjxgl.htm", "/zfxxgk/fdzdgknr/czxx/bmjs.htm"} <= set(entries[0]["start_columns"])


def test_probe_splits_legacy_trs_columns_of_a_vsb_site():
    pages = {
        "https://www.hh.gov.cn/": (
            '<html><head><meta name="SiteName" content="红河州人民政府"></head><body>'
            '<script src="/system/resource/js/vsbscreen.min.js"></script>'
            '<a href="/zfxxgk.htm">政府信息公开</a></body></html>'
        ),
        "https://www.hh.gov.cn/zfxxgk.htm": (
            '<html><body><div id="vsb_content"></div>'
            '<a href="/zfxxgk/fdzdgknr/czxx/bmjs.htm">部门决算</a>'
            '<a href="/zfxxgk/fdzdgknr/zdlyxxgk_1/czxxgk/ysjxgl/">预算绩效管理</a>'
            '<a href="/info/1001/2002.htm">2023年某局部门决算</a></body></html>'
        ),
    }
    entries = probe("https://www.hh.gov.cn/", fetch=lambda url: (url, pages[url].encode("utf-8")))
    assert [(e["id"], e["cms"], e["start_columns"]) for e in entries] == [
        ("hh", "vsb", ["/zfxxgk/fdzdgknr/czxx/bmjs.htm"]),
        ("hh-trs", "trs", ["/zfxxgk/fdzdgknr/zdlyxxgk_1/czxxgk/ysjxgl/"]),
    ]
    assert {e["region_code"] for e in entries} == {"532500"}
