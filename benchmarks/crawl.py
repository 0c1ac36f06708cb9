"""Crawl speed and memory: a generated 5,000-article VSB portal on loopback vs `scrapy bench`, side by side.

Politeness is off for both (loopback only); our crawl keeps the raw archive, page parsing, figure
extraction and SQLite writes on. Prints pages/s for both, their ratio and the crawl's peak RSS.
Targets: ratio >= 0.5, peak RSS < 400 MB.

    .venv/bin/python benchmarks/crawl.py [--articles 5000]
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import NO_POLITENESS, bench_portal, crawl

from crawler.sample_portal.build import build_large_portal
from crawler.sample_portal.server import serve


def crawl_ours(base_url: str, work: Path) -> tuple[float, int, int]:
    """Returns (pages/s, pages, peak RSS in MB) of one crawl in a child process."""
    started = time.perf_counter()
    run = crawl(
        bench_portal(base_url), db=str(work / "bench.db"), archive=str(work / "archive"), settings=NO_POLITENESS
    )
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return run["requests"] / elapsed, run["requests"], peak_mb


def scrapy_bench(seconds: int = 20) -> float:
    """pages/s of `scrapy bench` (its own loopback server and a link-following spider)."""
    out = subprocess.run(
        [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=INFO"],
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
    )
    log = out.stderr + out.stdout
    pages = int(re.search(r"'response_received_count': (\d+)", log).group(1))
    elapsed = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", log).group(1))
    return pages / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = build_large_portal(work / "site", options.articles)
        with serve(site) as base_url:
            ours, pages, peak_mb = crawl_ours(base_url, work)
        bench = scrapy_bench()
    print(f"articles: {options.articles}, requests: {pages}")
    print(f"govreports crawl: {ours:.1f} pages/s, peak RSS {peak_mb} MB")
    print(f"scrapy bench:     {bench:.1f} pages/s")
    print(f"ratio: {ours / bench:.2f} (target >= 0.5); peak RSS target < 400 MB")


if __name__ == "__main__":
    main()
