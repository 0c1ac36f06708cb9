"""Distributed crawling: worker processes sharing one frontier in a real redis-server, merged afterwards.

The sample portal is served with a per-request latency and each worker keeps to 2 requests at a time, so a
crawl lasts long enough for every worker to take part; the single-process reference crawl uses the same
server (document ids are hashes of URLs, so the base URL must match).
"""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils
from conftest import GOVREPORTS, PROJECT, crawl, invoke_ok
from redis_server import require_redis_binary, running_redis

from crawler.distributed import JobKeys
from crawler.merge import merge_databases, merged_versions
from crawler.sample_portal.server import serve
from pipelines.search import fts_query
from pipelines.store import CHILD_TABLES, Store

LATENCY = 0.2
WORKER_SETTINGS = ("--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "--set", "LOG_LEVEL=INFO")
BOUND = 120  # seconds for a whole distributed crawl
FETCHED_KINDS = ("list", "article", "attachment")
JOB = JobKeys.for_portal("sample")


# -- fixtures ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def redis_server():
    with running_redis(require_redis_binary()) as server:
        yield server


@pytest.fixture(scope="module")
def slow_portal(sample_site):
    with serve(sample_site, latency=LATENCY) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def single(slow_portal, tmp_path_factory) -> Path:
    workdir = tmp_path_factory.mktemp("single")
    crawl("sample", slow_portal, workdir)
    return workdir


class Worker:
    """`govreports crawl sample --redis …` in a child process, with its own database and archive."""

    def __init__(self, name: str, redis_url: str, base_url: str, workdir: Path, *extra: str):
        self.name, self.db, self.archive = name, workdir / f"{name}.db", workdir / f"{name}-archive"
        self.log = workdir / f"{name}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    GOVREPORTS,
                    "crawl",
                    "sample",
                    "--redis",
                    redis_url,
                    "--worker",
                    name,
                    "--base-url",
                    base_url,
                    "--db",
                    str(self.db),
                    "--archive",
                    str(self.archive),
                    *WORKER_SETTINGS,
                    *extra,
                ],
                stdout=subprocess.DEVNULL,
                stderr=log,
                cwd=PROJECT,
            )

    def wait(self, deadline: float, exit_code: int = 0) -> None:
        try:
            self.process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"worker {self.name} did not stop by itself:\n{self.log.read_text()[-3000:]}")
        assert self.process.returncode == exit_code, self.log.read_text()[-3000:]

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def fetches(self) -> Counter[str]:
        return fetches(self.archive)

    def has_fetched_an_article(self) -> bool:
        """Also polled while the worker runs, when its archive index may not exist, or be half-created, yet."""
        try:
            return any("/info/" in url for url in self.fetches())
        except sqlite3.OperationalError:
            return False


def fetches(archive: Path) -> Counter[str]:
    """How many times each list page, article and attachment was fetched, from a raw archive's index."""
    with closing(sqlite3.connect(f"file:{archive / 'index.db'}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            f"select url from responses where kind in ({', '.join('?' * len(FETCHED_KINDS))})", FETCHED_KINDS
        ).fetchall()
    return Counter(url for (url,) in rows)


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def run_job(workers: list[Worker], workdir: Path) -> tuple[float, Path]:
    """Wait for every worker to stop by itself, merge their databases; returns (seconds, merged database)."""
    started = time.monotonic()
    for worker in workers:
        worker.wait(started + BOUND)
    elapsed = time.monotonic() - started
    merged = workdir / "merged.db"
    invoke_ok("merge", str(merged), *(str(w.db) for w in workers))
    return elapsed, merged


@pytest.fixture(scope="module")
def together(redis_server, slow_portal, single, tmp_path_factory):
    """Two workers started at the same time. Returns (workers, seconds, merged database, keys left)."""
    workdir = tmp_path_factory.mktemp("together")
    workers = [Worker(name, redis_server.url, slow_portal, workdir) for name in ("w1", "w2")]
    try:
        elapsed, merged = run_job(workers, workdir)
    finally:
        for worker in workers:
            worker.kill()
    return workers, elapsed, merged, redis_server.client().keys(f"{JOB.prefix}:*")


@pytest.fixture
def launch(slow_portal, tmp_path):
    """Starts workers for one test: `launch(name, redis_url, *extra)`; kills those still running at its end."""
    started: list[Worker] = []

    def start(name: str, redis_url: str, *extra: str) -> Worker:
        started.append(Worker(name, redis_url, slow_portal, tmp_path, *extra))
        return started[-1]

    yield start
    for worker in started:
        worker.kill()


# -- comparing datasets -----------------------------------------------------------------------------
def dataset(path: Path) -> dict:
    """What a crawl stored, independent of row ids and of which process stored it."""
    db = sqlite_utils.Database(path)
    children = {
        table: Counter(tuple(row[c] for c in columns if c != "id") for row in db[table].rows)
        for table, columns in CHILD_TABLES.items()
    }
    return {
        "documents": dict(db.execute("select id, content_sha256 from documents").fetchall()),
        "attachments": set(db.execute("select id, document_id, sha256, name, parse_status from attachments")),
        "errors": set(db.execute("select url, kind, http_status, message from crawl_errors")),
        "fts": db["documents_fts"].count,
        **children,
    }


def faulty_urls(single_dir: Path) -> set[str]:
    """URLs the reference crawl fetched more than once: retried server errors."""
    return {url for url, n in fetches(single_dir / "archive").items() if n > 1}


def assert_fetched_once(workers: list[Worker], single_dir: Path) -> None:
    counts = [w.fetches() for w in workers]
    fetched = set().union(*counts)
    assert fetched == set(fetches(single_dir / "archive"))
    for url in fetched - faulty_urls(single_dir):
        assert [c[url] for c in counts].count(1) == 1 and sum(c[url] for c in counts) == 1, url


# -- two workers started together -------------------------------------------------------------------
@pytest.mark.redis
def test_workers_stop_by_themselves_and_clean_up(together):
    workers, elapsed, _, keys_left = together
    assert elapsed < BOUND
    assert keys_left == []  # the last worker out deleted the job's keys
    for worker in workers:
        assert "is done: the frontier is empty and no worker is busy" in worker.log.read_text()


@pytest.mark.redis
def test_merged_workers_equal_a_single_crawl(together, single):
    _, _, merged, _ = together
    expected = dataset(single / "reports.db")
    assert dataset(merged) == expected
    assert expected["documents"] and expected["figures"]  # a comparison of empty crawls would prove nothing
    db = sqlite_utils.Database(merged)
    assert db["crawl_runs"].count == 2
    assert db["document_versions"].count == db["documents"].count


@pytest.mark.redis
def test_nothing_is_fetched_twice_and_both_workers_share(together, single):
    workers, _, _, _ = together
    assert_fetched_once(workers, single)
    for worker in workers:
        assert worker.has_fetched_an_article(), f"{worker.name} fetched no article"


@pytest.mark.redis
def test_merging_again_changes_nothing(together, tmp_path):
    workers, _, merged, _ = together
    copy = tmp_path / "again.db"
    shutil.copy(merged, copy)
    before = dataset(copy)
    counts = merge_databases(copy, [w.db for w in workers])
    assert counts["crawl_runs"] == counts["documents"] == counts["attachments"] == 0
    assert dataset(copy) == before


# -- a worker that starts late, a worker that dies, Redis that goes away ----------------------------
@pytest.mark.redis
def test_a_late_worker_waits_and_helps(redis_server, launch, single, tmp_path):
    # A slow first worker: extraction no longer holds up its downloads, and at full speed it could empty the
    # frontier before the second has even started on a loaded machine.
    first = launch(
        "early", redis_server.url, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--set", "DOWNLOAD_DELAY=0.3"
    )
    client = redis_server.client()
    wait_for(lambda: client.exists(JOB.dupefilter), 30, "the first worker's seed requests")
    late = launch("late", redis_server.url)
    _, merged = run_job([first, late], tmp_path)
    assert late.has_fetched_an_article(), "the late worker did not help"
    assert_fetched_once([first, late], single)
    assert dataset(merged)["documents"] == dataset(single / "reports.db")["documents"]
    assert client.keys(f"{JOB.prefix}:*") == []


@pytest.mark.redis
def test_a_dead_worker_does_not_keep_the_others_waiting(redis_server, launch):
    timeout = 3
    # paced, so that neither worker can empty the frontier before the other has started on a loaded machine
    setting = (
        "--set",
        f"GOVREPORTS_REDIS_WORKER_TIMEOUT={timeout}",
        "--set",
        "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        "--set",
        "DOWNLOAD_DELAY=0.3",
    )
    doomed, survivor = (launch(name, redis_server.url, *setting) for name in ("doomed", "survivor"))
    wait_for(
        lambda: doomed.has_fetched_an_article() and survivor.has_fetched_an_article(),
        60,
        "both workers' first articles",
    )
    doomed.process.send_signal(signal.SIGKILL)  # with the requests it had taken: those are lost to the job
    doomed.process.wait()
    survivor.wait(time.monotonic() + BOUND)
    assert "is done: the frontier is empty and no worker is busy" in survivor.log.read_text()
    # The dead worker never leaves: its entry goes stale, and a finished job's keys expire after the timeout.
    client = redis_server.client()
    wait_for(lambda: not client.keys(f"{JOB.prefix}:*"), 3 * timeout, "the job's keys to go")


@pytest.mark.redis
def test_a_worker_stops_when_redis_stays_away(launch):
    timeout = 3
    with running_redis(require_redis_binary()) as own_redis:
        worker = launch("stranded", own_redis.url, "--set", f"GOVREPORTS_REDIS_WORKER_TIMEOUT={timeout}")
        wait_for(worker.has_fetched_an_article, 60, "the worker's first article")
    worker.wait(time.monotonic() + 10 * timeout, exit_code=1)  # a run that did not finish fails the command
    (run,) = sqlite_utils.Database(worker.db)["crawl_runs"].rows
    assert run["status"] == "redis_unreachable"
    assert "Redis has been unreachable" in worker.log.read_text()


# -- merge rules (no Redis) -------------------------------------------------------------------------
URL = "http://127.0.0.1/info/1015/1.htm"


def worker_db(path: Path, content: str, seen: str, figure: float) -> Path:
    store = Store(path)
    document = {"url": URL, "title": f"报告{content}", "body_text": "三公经费", "content_sha256": content}
    store.save_document(document, {"figures": [{"metric": "sangong.total", "value": figure}]}, seen=seen)
    store.close()
    return path


def test_the_most_recent_fetch_wins_and_histories_interleave(tmp_path):
    older = worker_db(tmp_path / "a.db", "v1", "2026-01-01T00:00:00+00:00", 1.0)
    newer = worker_db(tmp_path / "b.db", "v2", "2026-02-01T00:00:00+00:00", 2.0)
    for order in ([older, newer], [newer, older]):
        out = tmp_path / f"out-{order[0].stem}.db"
        merge_databases(out, order)
        db = sqlite_utils.Database(out)
        (row,) = db["documents"].rows
        assert (row["content_sha256"], row["first_seen"], row["last_seen"]) == (
            "v2",
            "2026-01-01T00:00:00+00:00",
            "2026-02-01T00:00:00+00:00",
        )
        assert [r["value"] for r in db["figures"].rows] == [2.0]
        assert [
            (v["version"], v["content_sha256"]) for v in db.query("select * from document_versions order by version")
        ] == [(1, "v1"), (2, "v2")]
        assert (
            db.execute(
                "select count(*) from documents_fts where documents_fts match ?", [fts_query("报告")]
            ).fetchone()[0]
            == 1
        )


def test_a_version_repeating_the_previous_content_is_dropped():
    rows = [
        {
            "document_id": 1,
            "version": 1,
            "content_sha256": "x",
            "raw_sha256": None,
            "fetched": "2026-01-02",
            "changed_fields": "[]",
        },
        {
            "document_id": 1,
            "version": 1,
            "content_sha256": "x",
            "raw_sha256": None,
            "fetched": "2026-01-01",
            "changed_fields": "[]",
        },
        {
            "document_id": 1,
            "version": 2,
            "content_sha256": "y",
            "raw_sha256": None,
            "fetched": "2026-01-03",
            "changed_fields": '["title"]',
        },
    ]
    assert [(r["version"], r["fetched"], r["content_sha256"]) for r in merged_versions(rows)] == [
        (1, "2026-01-01", "x"),
        (2, "2026-01-03", "y"),
    ]


def test_merging_into_an_input_is_refused(tmp_path):
    db = worker_db(tmp_path / "a.db", "v1", "2026-01-01T00:00:00+00:00", 1.0)
    with pytest.raises(ValueError):
        merge_databases(db, [db])
