"""Shared fixtures: the sample portal served on loopback, crawls run through the real CLI, the published site in
process (`datasette.client`) or, where a URL is needed, over HTTP."""

from __future__ import annotations

import asyncio
import functools
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from crawler.cli import datasette_args, main
from crawler.sample_portal.build import build_site
from crawler.sample_portal.server import serve
from pipelines import datasette_site

PROJECT = Path(__file__).resolve().parents[1]
GOVREPORTS = str(Path(sys.executable).with_name("govreports"))


@functools.cache
def shared_dir() -> Path:
    """The project's read-only shared notes (gold pages, seed): `GOVREPORTS_SHARED`, else `shared/` beside the
    checkout, else beside the local checkout this one was cloned from (a scratch clone in a temporary directory)."""
    if "GOVREPORTS_SHARED" in os.environ:
        return Path(os.environ["GOVREPORTS_SHARED"])
    beside = PROJECT.parent / "shared"
    if beside.is_dir():
        return beside
    origin = subprocess.run(
        ["git", "-C", str(PROJECT), "config", "--get", "remote.origin.url"], capture_output=True, text=True
    ).stdout.strip()
    cloned_from = Path(origin).parent / "shared" if origin and Path(origin).is_dir() else None
    return cloned_from if cloned_from is not None and cloned_from.is_dir() else beside


# benchmarks/accuracy.py (the gold and corpus tests' scorer) reads GOVREPORTS_SHARED, else `shared/` beside the
# checkout: point it where the tests look, so that a scratch clone's gold tests read the same pages.
os.environ.setdefault("GOVREPORTS_SHARED", str(shared_dir()))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def invoke(*args: str) -> Result:
    """`govreports ARGS` in this process through click's CliRunner, whatever its exit status: for every command
    that starts no crawl (a crawl runs Twisted's reactor, which cannot restart in one process: see run_cli)."""
    return CliRunner().invoke(main, list(args))


def invoke_ok(*args: str) -> Result:
    """`invoke`, which must succeed."""
    result = invoke(*args)
    assert result.exit_code == 0, (result.output[-3000:], result.exception)
    return result


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `govreports ARGS` in a child process: a crawl (Twisted's reactor cannot restart in one process), or
    the installed command as a shell runs it."""
    result = subprocess.run([GOVREPORTS, *args], capture_output=True, text=True, timeout=timeout, cwd=PROJECT)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def crawl_args(portal: str, base_url: str, workdir: Path, *extra: str) -> list[str]:
    """`govreports crawl` arguments for `portal` served at `base_url`, with its database and archive in `workdir`."""
    return [
        "crawl",
        portal,
        "--base-url",
        base_url,
        "--db",
        str(workdir / "reports.db"),
        "--archive",
        str(workdir / "archive"),
        *extra,
    ]


def crawl(portal: str, base_url: str, workdir: Path, *extra: str) -> dict:
    out = run_cli(*crawl_args(portal, base_url, workdir, *extra))
    return json.loads(out.stdout.strip().splitlines()[-1])


class Site:
    """The published site on one database: `get` fails on an error status, `response` returns any. A query string
    goes either in PATH or in PARAMS (httpx replaces the one in the path when params are given)."""

    def response(self, path: str, **params) -> httpx.Response:
        raise NotImplementedError

    def get(self, path: str, **params) -> httpx.Response:
        response = self.response(path, **params)
        response.raise_for_status()
        return response


class InProcessSite(Site):
    """The site `govreports serve` publishes, answered in this process by `datasette.client` (Datasette's own ASGI
    client): the same metadata, plugins, templates and settings, without a port or a child process."""

    def __init__(self, db: Path):
        self.datasette = datasette_site.in_process(db)

    def response(self, path: str, **params) -> httpx.Response:
        return asyncio.run(self.datasette.client.get(path, params=params or None))


class DatasetteServer(Site):
    """`govreports serve`'s own Datasette command line, on a free loopback port: for what needs a real server
    (a browser, concurrent requests, the command line itself)."""

    def __init__(self, db: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            datasette_args(db, self.port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=PROJECT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/-/versions.json", timeout=1)
                return
            except httpx.TransportError:
                assert self.process.poll() is None, self.process.stderr.read().decode()
                time.sleep(0.2)
        raise RuntimeError("datasette did not start")

    def response(self, path: str, **params) -> httpx.Response:
        return httpx.get(self.url + path, params=params or None, timeout=30)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`make test`: `--dist loadgroup`) the tests that read the crawled sample run on one
    worker, so that the three crawls behind `crawled` happen once, not once per worker."""
    for item in items:
        if "crawled" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("crawled"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def sample_portal(sample_site):
    with serve(sample_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def crawled(sample_portal, tmp_path_factory):
    """The sample portal crawled three times into one database: first, again incrementally, then a recheck.

    Returns (workdir, first run, second run, recheck run)."""
    workdir = tmp_path_factory.mktemp("crawl")
    first = crawl("sample", sample_portal, workdir)
    second = crawl("sample", sample_portal, workdir)
    recheck = crawl("sample", sample_portal, workdir, "--mode", "recheck")
    return workdir, first, second, recheck


@pytest.fixture(scope="session")
def datasette(crawled) -> InProcessSite:
    """The site over the crawled sample, in process."""
    return InProcessSite(crawled[0] / "reports.db")


@pytest.fixture(scope="session")
def datasette_server(crawled):
    """The site over the crawled sample, served by a real `datasette serve` (the browser tests need a URL)."""
    server = DatasetteServer(crawled[0] / "reports.db")
    yield server
    server.stop()
