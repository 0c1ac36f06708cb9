"""Every gold page in shared/gold: the document fields and attachment names `extract` must reproduce.

New gold files are picked up by the glob; set GOVREPORTS_SHARED to use another copy of shared/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_dir

from pipelines.page import document_fields, parse_document

SHARED = shared_dir()
GOLD = sorted((SHARED / "gold").glob("dev*.json")) + sorted((SHARED / "gold").glob("seed.json"))


def test_the_gold_pages_are_there():
    assert len(GOLD) >= 9, f"expected the seed and dev pages under {SHARED}/gold"


def _load(path: Path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    page = parse_document((path.parent / gold["input"]).read_bytes(), gold.get("url"))
    return gold, page


@pytest.mark.parametrize("path", GOLD, ids=[path.stem for path in GOLD])
def test_document_fields_match_gold(path):
    gold, page = _load(path)
    document = document_fields(page)
    expected = dict(gold["document"])
    assert {key: document.get(key) for key in expected} == expected


@pytest.mark.parametrize("path", GOLD, ids=[path.stem for path in GOLD])
def test_attachment_names_match_gold(path):
    gold, page = _load(path)
    assert [attachment["name"] for attachment in page.attachments] == gold["attachments"]


@pytest.mark.parametrize("path", [p for p in GOLD if p.stem != "seed"], ids=lambda p: p.stem)
def test_encoding_matches_the_bytes(path):
    """The decoded text reads correctly whatever the page declares (gb2312/gbk are decoded as gb18030)."""
    gold, page = _load(path)
    expected = "gb18030" if gold["encoding"] in ("gb2312", "gbk", "gb18030") else gold["encoding"]
    assert page.encoding == expected
    assert gold["document"]["title"] in page.title
    assert "\ufffd" not in page.body.text
