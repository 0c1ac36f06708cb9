"""`scrapy crawl vsb -a portal=sample` against `govreports crawl sample`, side by side on the bundled sample portal
served on loopback (issue 13: a plain Scrapy or Scrapyd run applies the registry's settings itself, so it takes about
as long as the project's own command). Prints each command's wall-clock seconds, documents stored and the ratio.
Target: ratio (scrapy / govreports) between 0.8 and 1.25, the same documents.

    .venv/bin/python benchmarks/scrapy_crawl.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils
from harness import ROOT

from crawler.sample_portal.build import build_site
from crawler.sample_portal.server import serve

BIN = Path(sys.executable).parent


def timed(command: list[str], db: Path) -> tuple[float, int]:
    """(seconds, documents stored) of one crawl command run from the checkout."""
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started, sqlite_utils.Database(db)["documents"].count


def commands(base_url: str, work: Path, run: str) -> dict[str, tuple[list[str], Path]]:
    ours, plain = work / f"g{run}", work / f"s{run}"
    return {
        "govreports crawl": (
            [
                str(BIN / "govreports"),
                "crawl",
                "sample",
                "--base-url",
                base_url,
                "--db",
                str(ours / "reports.db"),
                "--archive",
                str(ours / "archive"),
            ],
            ours / "reports.db",
        ),
        "scrapy crawl": (
            [
                str(BIN / "scrapy"),
                "crawl",
                "vsb",
                "-a",
                "portal=sample",
                "-a",
                f"base_url={base_url}",
                "-s",
                f"GOVREPORTS_DB={plain / 'reports.db'}",
                "-s",
                f"GOVREPORTS_ARCHIVE={plain / 'archive'}",
            ],
            plain / "reports.db",
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    best: dict[str, tuple[float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp, serve(build_site()) as base_url:
        for run in range(options.rounds):  # interleaved, so load on the machine hits both alike
            for name, (command, db) in commands(base_url, Path(tmp), str(run)).items():
                seconds, documents = timed(command, db)
                print(f"{name}: {seconds:.1f} s, {documents} documents")
                best[name] = min(best.get(name, (seconds, documents)), (seconds, documents))
    ratio = best["scrapy crawl"][0] / best["govreports crawl"][0]
    same = best["scrapy crawl"][1] == best["govreports crawl"][1]
    print(f"scrapy / govreports: {ratio:.2f} (target 0.8–1.25), same documents: {same}")


if __name__ == "__main__":
    main()
