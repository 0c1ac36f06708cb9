"""Distributed crawl scaling: 1, 2 and 4 worker processes sharing one Redis frontier, side by side.

A generated VSB portal (`build_large_portal`, 2,000 articles by default) is served on loopback with 50 ms of
simulated latency per request, like a distant county server; a real redis-server holds the frontier. Each
round starts its workers together and times them until all have stopped by themselves; prints pages/s per
round and the scaling ratios (2 vs 1, 4 vs 1), and how long merging the round's worker databases takes.

Politeness is what distribution is for, so it is kept per worker: CONCURRENT_REQUESTS_PER_DOMAIN (default
2) bounds how many requests one worker has open on the host, as it would on a live portal, and the
scaling measured is the scaling that comes from adding workers (each on its own machine and IP in
production). Lifting the per-host limit instead would make one worker latency-free and leave nothing to
scale; with it, one worker is latency-bound (≤ per_host / latency pages/s). Other politeness (robots.txt,
delays, autothrottle) is off on loopback. The lists are walked in `full` mode, so every list page is queued
at once and the frontier is wide from the start (an incremental crawl walks each column page by page).

The sample server is a ThreadingHTTPServer (a thread per connection, the latency is a sleep that releases
the GIL), checked before the rounds by timing concurrent requests. On a 2-core machine the workers and the
server share the cores, so the 4-worker round is bounded by CPU (page parsing, figure extraction, SQLite
writes) rather than by latency.

    .venv/bin/python benchmarks/distributed.py [--articles 2000] [--workers 1 2 4] [--per-host 2] [--repeat 1]

The machine's other load moves single rounds by ±30% or more: use --repeat 2 or 3 for figures to compare.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlite_utils
from harness import NO_POLITENESS, ROOT, bench_portal, child_crawl, run_row

sys.path.append(str(ROOT / "tests"))

from redis_server import redis_binary, running_redis

from crawler.distributed import JobKeys
from crawler.merge import merge_databases
from crawler.sample_portal.build import build_large_portal
from crawler.sample_portal.content import COLUMNS
from crawler.sample_portal.server import serve

LATENCY = 0.05
PORTAL_ID = "bench"


def server_concurrency(base_url: str, requests: int = 8) -> float:
    """Seconds for `requests` simultaneous requests: about one latency when the server does not serialise them."""
    url = base_url + COLUMNS["ysjxgl"].path
    started = time.perf_counter()
    with ThreadPoolExecutor(requests) as pool:
        list(pool.map(lambda _: urllib.request.urlopen(url).read(), range(requests)))
    return time.perf_counter() - started


def crawl_round(
    n_workers: int, base_url: str, redis_url: str, work: Path, per_host: int
) -> tuple[float, int, list[Path]]:
    """Runs `n_workers` together, each with a new database in `work`; returns (seconds until all stopped,
    requests, the workers' databases)."""
    work.mkdir()
    dbs = [work / f"w{i}.db" for i in range(n_workers)]
    settings = {**NO_POLITENESS, "CONCURRENT_REQUESTS_PER_DOMAIN": per_host}
    started = time.perf_counter()
    workers = [
        child_crawl(
            bench_portal(base_url, PORTAL_ID),
            db=str(db),
            archive=str(db.with_suffix(".archive")),
            settings=settings,
            redis_url=redis_url,
            worker=f"w{i}",
            mode="full",
        )
        for i, db in enumerate(dbs)
    ]
    requests = sum(run_row(worker)["requests"] for worker in workers)
    return time.perf_counter() - started, requests, dbs


def timed_merge(dbs: list[Path], out: Path) -> tuple[float, int]:
    """(seconds, documents) of `govreports merge` over the workers' databases."""
    started = time.perf_counter()
    merge_databases(out, dbs)
    return time.perf_counter() - started, sqlite_utils.Database(out)["documents"].count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--per-host", type=int, default=2, help="CONCURRENT_REQUESTS_PER_DOMAIN of each worker")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the rounds this many times, interleaved, and compare the best of each",
    )
    options = parser.parse_args()
    binary = redis_binary()
    if binary is None:
        raise SystemExit("redis-server is not installed (see .ci/system-deps.sh)")
    rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp, running_redis(binary) as redis_server:
        work = Path(tmp)
        site = build_large_portal(work / "site", options.articles)
        with serve(site, latency=LATENCY) as base_url:
            print(f"server: 8 simultaneous requests in {server_concurrency(base_url):.3f} s (latency {LATENCY} s each)")
            for round_no, n in enumerate(options.workers * options.repeat):
                round_dir = work / f"round{round_no}"
                elapsed, requests, dbs = crawl_round(n, base_url, redis_server.url, round_dir, options.per_host)
                left = redis_server.client().keys(f"{JobKeys.for_portal(PORTAL_ID).prefix}:*")
                merge_seconds, documents = timed_merge(dbs, round_dir / "merged.db")
                rates[n] = max(rates.get(n, 0.0), requests / elapsed)
                print(
                    f"{n} worker(s): {requests} requests in {elapsed:.1f} s = {requests / elapsed:.1f} pages/s; "
                    f"merged: {documents} documents in {merge_seconds:.1f} s"
                    f"{'' if not left else f'  (keys left: {left})'}",
                    flush=True,
                )
    if 1 in rates:
        ratios = ", ".join(f"{n} vs 1 = {rates[n] / rates[1]:.2f}" for n in rates if n != 1)
        print(f"scaling{' (best of each)' if options.repeat > 1 else ''}: {ratios}")


if __name__ == "__main__":
    main()
