"""Plain `scrapy crawl` (and so Scrapyd, which runs it with `-a` arguments) behaves like `govreports crawl`:
the spider applies its portal's registry settings itself, and a missing or unknown portal is one line."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT

SCRAPY = str(Path(sys.executable).with_name("scrapy"))


def scrapy(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([SCRAPY, *args], capture_output=True, text=True, timeout=timeout, cwd=PROJECT)


@pytest.mark.parametrize(
    "arguments, message",
    [
        ((), "vsb needs a portal: -a portal=ID"),
        (("-a", "portal=nosuch"), "no portal 'nosuch' in the registry"),
    ],
)
def test_a_missing_or_unknown_portal_is_one_line(arguments, message):
    result = scrapy("crawl", "vsb", *arguments)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"scrapy crawl: {result.stderr.strip().split(': ', 1)[1]}"]
    assert message in result.stderr


def test_scrapy_crawl_applies_the_registry_settings(sample_portal, tmp_path):
    """The sample entry turns delays and AutoThrottle off; without them this crawl would take minutes."""
    result = scrapy(
        "crawl",
        "vsb",
        "-a",
        "portal=sample",
        "-s",
        "AUTOTHROTTLE_DEBUG=True",
        "-a",
        f"base_url={sample_portal}",
        "-s",
        f"GOVREPORTS_DB={tmp_path / 'reports.db'}",
        "-s",
        f"GOVREPORTS_ARCHIVE={tmp_path / 'a'}",
        timeout=110,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "portal sample settings: {" in result.stderr
    assert "[scrapy.extensions.throttle]" not in result.stderr  # AutoThrottle off: its debug lines absent
    assert "Spider closed (finished)" in result.stderr
    with sqlite3.connect(tmp_path / "reports.db") as connection:
        assert connection.execute("select count(*) from documents").fetchone()[0] > 0
