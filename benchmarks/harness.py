"""What the crawl benchmarks share: a portal entry for a generated site, and crawls run in a child process
(Twisted's reactor cannot restart inside one process, and a child's peak memory can be read afterwards)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The project instead of this folder: benchmarks/incremental.py would shadow Twisted's `incremental` package.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]

from crawler.sample_portal.content import COLUMNS  # noqa: E402

# Loopback only: robots.txt, delays and AutoThrottle off, 16 requests in flight.
NO_POLITENESS = {
    "ROBOTSTXT_OBEY": False,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "WARNING",
}

_CHILD = """
import json, sys
from crawler.run import run_crawl
portal, options = json.loads(sys.argv[1])
print(json.dumps(run_crawl(portal, **options)))
"""


def bench_portal(base_url: str, portal_id: str = "bench") -> dict:
    """A registry entry for a site built by `build_large_portal` (one VSB column)."""
    return {
        "id": portal_id,
        "name": portal_id,
        "region_code": "532502",
        "cms": "vsb",
        "base_url": base_url,
        "start_columns": [COLUMNS["ysjxgl"].path],
        "settings": {},
    }


def child_crawl(portal: dict, **options) -> subprocess.Popen:
    """Start `run_crawl(portal, **options)` in a child Python; its stdout's last line is the run row (JSON)."""
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, json.dumps([portal, options])], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )


def run_row(child: subprocess.Popen) -> dict:
    out, _ = child.communicate()
    if child.returncode:
        raise RuntimeError(f"crawl child failed with {child.returncode}")
    return json.loads(out.strip().splitlines()[-1])


def crawl(portal: dict, **options) -> dict:
    """One crawl to completion in a child process; returns its `crawl_runs` row."""
    return run_row(child_crawl(portal, **options))
