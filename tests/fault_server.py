"""A fault-injecting server in front of a built sample portal, for crawling through bad networks and servers.

Faults are keyed by the request path (query included, as the crawler asks for it) and decided by how many
times that path has been asked for, so a crawl through the server is deterministic: `Fault("status",
times=2, status=503)` answers the first two attempts with 503 and serves the page from the third on;
`times=None` makes the fault permanent. Kinds:

* `status`: an HTTP error status (with `Retry-After: retry_after` when given);
* `reset`: the connection is reset (TCP RST) before any answer;
* `timeout`: the answer is held back `seconds` (set longer than the crawl's DOWNLOAD_TIMEOUT);
* `truncate`: the right headers, `Content-Length` included, then only half the body and a closed connection;
* `charset`: the page with a wrong charset in its `Content-Type` header (`gbk` for a UTF-8 page);
* `redirect`: a 302 to `location` (two paths redirecting to each other make a redirect loop);
* `slow`: the page, `seconds` late (shorter than the timeout).

Every attempt is logged with its time (`FaultLog`), so tests can check retry counts and backoff delays.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import socket
import struct
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from loopback import serve_handler

from crawler.sample_portal.server import Handler, Portal


@dataclass(frozen=True)
class Fault:
    kind: str
    times: int | None = None  # the first `times` attempts are faulty; None: every attempt
    status: int = 503
    seconds: float = 0.0
    retry_after: int | None = None
    location: str | None = None

    def applies(self, attempt: int) -> bool:
        return self.times is None or attempt <= self.times


class FaultLog:
    """When each path was asked for (monotonic seconds), in order."""

    def __init__(self):
        self._lock = threading.Lock()
        self.attempts: dict[str, list[float]] = defaultdict(list)

    def record(self, path: str) -> int:
        with self._lock:
            self.attempts[path].append(time.monotonic())
            return len(self.attempts[path])

    def gaps(self, path: str) -> list[float]:
        """Seconds between successive attempts of `path`."""
        times = self.attempts[path]
        return [later - earlier for earlier, later in itertools.pairwise(times)]


class FaultHandler(Handler):
    faults: dict[str, Fault]  # set on the subclass made by `serve_faults`
    log: FaultLog

    def respond(self, send_body: bool) -> None:
        attempt = self.log.record(self.path)
        fault = self.faults.get(self.path)
        if fault is None or not fault.applies(attempt):
            return super().respond(send_body)
        with contextlib.suppress(OSError):  # the crawler may have given up on this connection already
            getattr(self, f"fault_{fault.kind}")(fault, send_body)

    def fault_status(self, fault: Fault, send_body: bool) -> None:
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
        status = HTTPStatus(fault.status)
        self.send(
            status,
            f"<html><body>{status.value} {status.phrase}</body></html>".encode(),
            "text/html; charset=utf-8",
            send_body,
            headers,
        )

    def fault_reset(self, fault: Fault, send_body: bool) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()  # with a zero linger time, close sends RST
        self.close_connection = True

    def fault_timeout(self, fault: Fault, send_body: bool) -> None:
        time.sleep(fault.seconds)
        super().respond(send_body)

    fault_slow = fault_timeout  # the same delay; only its length relative to the crawl's timeout differs

    def fault_truncate(self, fault: Fault, send_body: bool) -> None:
        head, _, body = self.captured(send_body).partition(b"\r\n\r\n")
        self.wfile.write(head + b"\r\n\r\n" + body[: len(body) // 2])
        self.close_connection = True

    def fault_charset(self, fault: Fault, send_body: bool) -> None:
        head, _, body = self.captured(send_body).partition(b"\r\n\r\n")
        self.wfile.write(head.replace(b"charset=utf-8", b"charset=gbk") + b"\r\n\r\n" + body)

    def fault_redirect(self, fault: Fault, send_body: bool) -> None:
        self.send(HTTPStatus.FOUND, b"", "text/html; charset=utf-8", send_body, {"Location": fault.location})

    def captured(self, send_body: bool) -> bytes:
        """The bytes the healthy server would send for this request."""
        real, self.wfile = self.wfile, io.BytesIO()
        try:
            super().respond(send_body)
            return self.wfile.getvalue()
        finally:
            self.wfile = real


@contextlib.contextmanager
def serve_faults(root: Path, faults: dict[str, Fault]) -> Iterator[tuple[str, FaultLog]]:
    """Serve the built portal `root` through `faults` on a free loopback port; yields (base URL, log)."""
    log = FaultLog()
    handler = type("FaultyPortalHandler", (FaultHandler,), {"portal": Portal(root), "faults": faults, "log": log})
    with serve_handler(handler) as base_url:
        yield base_url, log
