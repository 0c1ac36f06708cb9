"""Extraction speed: HTML bytes → every figure (decode, page parse, metadata, title facts, figures, checks) over
the sample portal's report pages, on one core. Target >= 100 pages/s.

Measured as CPU time of this single-threaded process, so other load on the machine does not count; the
wall-clock rate is printed beside it.

    .venv/bin/python benchmarks/extract_speed.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.sample_portal import content  # noqa: E402
from crawler.sample_portal.build import build_site  # noqa: E402
from pipelines.extract import extract_page  # noqa: E402


def report_pages(site: Path) -> list[tuple[str, bytes]]:
    paths = [content.expected(i)["path"] for i in content.report_ids() if i not in content.MALFORMED_IDS]
    return [(path, (site / path.lstrip("/")).read_bytes()) for path in paths if (site / path.lstrip("/")).exists()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    pages = report_pages(build_site())
    figures = sum(len(extract_page(body, "http://127.0.0.1" + path)["figures"]) for path, body in pages)
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(options.rounds):
        for path, body in pages:
            extract_page(body, "http://127.0.0.1" + path)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    count = options.rounds * len(pages)
    print(f"{len(pages)} report pages ({sum(len(b) for _, b in pages) // len(pages)} bytes on average), "
          f"{figures} figures per pass")
    print(f"extraction: {count / cpu:.0f} pages/s on one core (CPU time), {count / wall:.0f} pages/s wall clock "
          "(target >= 100)")


if __name__ == "__main__":
    main()
