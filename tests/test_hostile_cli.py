"""Clear errors: every CLI failure is one line and a non-zero exit (a traceback only with -v), and `extract`
refuses files that are neither pages nor known attachment types."""

from __future__ import annotations

import json
import os
import struct
import zlib

import pytest
from conftest import invoke
from hostile_site import run_govreports

from pipelines.store import Store


def assert_one_line_error(result, *words: str):
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


def png() -> bytes:
    """A tiny real PNG image."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(b"\x00\xff\x00\x00" * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def test_an_unknown_portal_is_one_line(tmp_path):
    result = run_govreports("crawl", "nosuchportal", "--db", str(tmp_path / "r.db"), timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: no portal 'nosuchportal' in the registry; `govreports portals` lists them"
    ]


@pytest.mark.parametrize("command", ["status", "check", "export"])
def test_a_file_that_is_not_a_database_is_one_line(tmp_path, command):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200)
    extra = ["-o", str(tmp_path / "out.csv"), "--format", "csv"] if command == "export" else []
    assert_one_line_error(invoke(command, "--db", str(path), *extra), "database", "not a database")


def test_an_unwritable_export_path_is_one_line(tmp_path):
    db = tmp_path / "r.db"
    Store(db).close()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_one_line_error(invoke("export", "--db", str(db), "--format", "csv", "-o", str(blocker / "out.csv")))


def test_verbose_shows_the_traceback(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 200)
    result = invoke("-v", "status", "--db", str(path))
    assert result.exit_code != 0 and result.exception is not None and "not a database" in str(result.exception)


@pytest.mark.parametrize(
    "name,content",
    [
        ("photo.png", png()),
        ("program.bin", bytes(range(256)) * 40),
        ("random.dat", os.urandom(8192)),
    ],
)
def test_extract_refuses_files_that_are_neither_pages_nor_attachments(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_line_error(invoke("extract", str(path)), name, "neither a web page nor an attachment type")


def test_extract_of_an_empty_file_is_one_line(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_bytes(b"")
    assert_one_line_error(invoke("extract", str(path)), "empty")


def test_extract_still_reads_pages_and_saved_text(tmp_path):
    page = tmp_path / "page.htm"
    page.write_bytes(
        "<html><body><h1>2023年度部门决算公开说明</h1><div class='v_news_content'><p>支出合计100万元。"
        "</p></div></body></html>".encode("gbk")
    )
    result = invoke("extract", str(page))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["document"]["title"] == "2023年度部门决算公开说明"
