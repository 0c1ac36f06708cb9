"""A real `redis-server` for tests and benchmarks: loopback only, a free port, no persistence, stopped by PID.

The binary comes from the system (`.ci/system-deps.sh` installs it). Without it, tests that need it are
skipped with the reason on a developer machine, and fail under CI (`CI` set), where a missing server is a
broken setup rather than a reason to skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis


class RedisServer:
    def __init__(self, binary: str):
        self.workdir = tempfile.TemporaryDirectory(prefix="redis-")
        self.log = Path(self.workdir.name) / "redis.log"
        for _ in range(5):  # a free port can be taken by someone else before redis binds it
            self.port = _free_port()
            self.process = subprocess.Popen(
                [
                    binary,
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    self.workdir.name,
                    "--daemonize",
                    "no",
                    "--loglevel",
                    "warning",
                    "--logfile",
                    self.log.name,
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if self._wait_ready():
                return
            self._kill()
        raise RuntimeError(f"redis-server did not start: {self.log.read_text(errors='replace')[-2000:]}")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def _wait_ready(self, seconds: float = 10) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                return self.client().ping()
            except redis.ConnectionError:
                time.sleep(0.05)
        return False

    def _kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self._kill()
        self.workdir.cleanup()


def redis_binary() -> str | None:
    return shutil.which("redis-server")


def require_redis_binary() -> str:
    """The redis-server binary; skips the test without it, except under CI where that is a failure."""
    import pytest  # here, so that benchmarks can use this module without pytest

    binary = redis_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing under CI: .ci/system-deps.sh should have installed it")
        pytest.skip("redis-server is not installed (run .ci/system-deps.sh as root, or apt-get install redis-server)")
    return binary


@contextmanager
def running_redis(binary: str) -> Iterator[RedisServer]:
    server = RedisServer(binary)
    try:
        yield server
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
