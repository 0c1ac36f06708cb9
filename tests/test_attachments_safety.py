"""Hostile and oversized files: each ends within the time budget and 200 MB of extra memory, with a recorded
error and no exception; the limits themselves (time, memory, size, cells, pages) are real."""

from __future__ import annotations

import io
import os
import resource
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from pipelines.attachments import Limits, parse_attachment
from pipelines.attachments.safety import (
    MB,
    AttachmentError,
    Deadline,
    TimeBudgetExceeded,
    UnsafeFile,
    run_isolated,
    scan_xml_parts,
)

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import make_attachment_fixtures as fixtures

HOSTILE = {
    "h_corrupt.xlsx": ("error", "broken zip container"),
    "h_zip_bomb.xlsx": ("error", "zip bomb: members declare"),
    "h_ratio_bomb.docx": ("error", "zip bomb: member 'word/document.xml' is compressed"),
    "h_billion_laughs.xlsx": ("error", "declares a DTD or entities"),
    "h_billion_laughs.docx": ("error", "declares a DTD or entities"),
    "h_encrypted.xls": ("error", "password-protected (encrypted) xls workbook"),
    "h_encrypted.xlsx": ("error", "password-protected"),
    "h_garbage_ole.xls": ("error", "broken OLE compound file"),
    "h_unreadable.et": ("unsupported", "xls/et workbook cannot be read by xlrd"),
    "h_word97.doc": ("unsupported", "Word 97-2003 binary document"),
    "h_blocked.xlsx": ("error", "HTML page instead of the file"),
    "h_garbage.pdf": ("error", "broken PDF"),
}
BUDGET_SECONDS = 5.0
EXTRA_MEMORY = 200 * MB
RECORDS = ("projects", "indicators", "evaluations", "figures", "goals", "validation_issues")


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    fixtures.write_fixtures(out)
    return out


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _assert_refused(result: dict, name: str) -> None:
    status, message = HOSTILE[name]
    assert result["parse_status"] == status
    assert message in result["error"]
    assert all(result[key] == [] for key in RECORDS)


def test_every_hostile_fixture_is_listed(hostile_dir):
    assert {path.name for path in hostile_dir.glob("h_*")} == set(HOSTILE)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_in_process(hostile_dir, name):
    """Without the isolating child, the guards alone keep time and memory down (Python heap measured by
    tracemalloc, the whole process by its peak RSS)."""
    data = (hostile_dir / name).read_bytes()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = parse_attachment(data, name, Limits(isolate=False))
        elapsed = time.monotonic() - started
        traced_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    _assert_refused(result, name)
    assert elapsed < BUDGET_SECONDS
    assert traced_peak < EXTRA_MEMORY
    assert peak_after - peak_before < EXTRA_MEMORY


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_isolated(hostile_dir, name):
    """The default: parsed in a forked child, whose peak RSS over this process's size is the extra memory."""
    data = (hostile_dir / name).read_bytes()
    started = time.monotonic()
    result = parse_attachment(data, name)
    elapsed = time.monotonic() - started
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    _assert_refused(result, name)
    assert elapsed < BUDGET_SECONDS
    assert children_peak - _rss() < EXTRA_MEMORY


def test_billion_laughs_is_a_real_bomb_and_xxe_is_refused_too():
    """The fixture's entity declares 10^9 `lol`s (3 GB); the guard refuses any DTD, so external entities
    (XXE) never reach a parser either."""
    assert fixtures.BILLION_LAUGHS.count(b"&lol") >= 90 and b"<!ENTITY lol9" in fixtures.BILLION_LAUGHS
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<worksheet><sheetData>&x;</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", xxe)
    with pytest.raises(UnsafeFile, match="DTD"):
        scan_xml_parts(zipfile.ZipFile(buffer), Deadline(5))


@pytest.mark.parametrize("isolate", [False, True])
def test_time_budget_stops_a_slow_parse(isolate):
    """A large but honest workbook (60k rows) under a 0.3 s budget: stopped, whether cooperatively (checks
    between rows) or by killing the child."""
    data = fixtures.large_workbook(60_000)
    started = time.monotonic()
    result = parse_attachment(data, "big.xlsx", Limits(time_budget=0.3, isolate=isolate))
    elapsed = time.monotonic() - started
    assert result["parse_status"] == "error" and "time budget of" in result["error"]
    assert elapsed < 2.0


def test_isolated_parse_is_killed_when_stuck():
    """A call that never checks the deadline (a stuck library call) is killed by the parent."""
    started = time.monotonic()
    with pytest.raises(TimeBudgetExceeded, match="killed"):
        run_isolated(time.sleep, (30,), timeout=0.5, max_memory=256 * MB)
    assert time.monotonic() - started < 3


def _allocate(size: int) -> dict:
    return {"size": len(bytearray(size))}


def test_isolated_parse_has_a_memory_cap():
    with pytest.raises(AttachmentError, match="died without an answer"):
        run_isolated(_allocate, (2048 * MB,), timeout=10, max_memory=256 * MB)
    assert run_isolated(_allocate, (16 * MB,), timeout=10, max_memory=256 * MB) == {"size": 16 * MB}


def test_oversize_file_is_refused_before_reading():
    result = parse_attachment(b"PK\x03\x04" + bytes(2000), "big.xlsx", Limits(max_bytes=1000))
    assert result["parse_status"] == "error" and "over the" in result["error"]


def test_cell_limit_counts_merged_copies():
    result = parse_attachment(fixtures.large_workbook(500), "x.xlsx", Limits(max_cells=1000, isolate=False))
    assert result["parse_status"] == "error" and "more than 1000 cells" in result["error"]


def test_pdf_page_cap(hostile_dir):
    result = parse_attachment((hostile_dir / "f_forms.pdf").read_bytes(), "f.pdf", Limits(pdf_max_pages=1))
    assert [p["name"] for p in result["projects"]] == ["社区养老服务补助资金"]
    assert result["notes"] == ["PDF has 2 pages; only the first 1 were read"]


@pytest.mark.parametrize(
    "data, status",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01garbage" * 10, "unsupported"),
        (b"PK\x05\x06" + bytes(18), "unsupported"),
    ],
)
def test_empty_and_unknown_bytes(data, status):
    assert parse_attachment(data, "x.xlsx")["parse_status"] == status
