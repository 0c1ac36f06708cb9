"""Hostile and broken portals on loopback, written by each test: a VSB-shaped site (the `sample` registry entry's
start columns) whose list pages, articles and attachments are whatever the test says, plus servers that accept
connections and never answer, or answer one byte at a time forever.

Every request each server sees is logged, so a test can check that a refused URL was never asked for.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from conftest import GOVREPORTS, PROJECT
from loopback import serve_handler

COLUMN = "/zfxxgk/fdzdgknr/czxx/ysjxgl.htm"  # the sample portal's columns, found from its home page
OTHER_COLUMN = "/zfxxgk/fdzdgknr/czxx/bmjs.htm"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    trickle: float | None = None  # instead of the body: one space every `trickle` seconds, forever


def list_page(links: list[tuple[str, str]], pager: str = "") -> Reply:
    """A VSB list page: (href, title) rows with a date, and an optional pager text (`1/3`)."""
    rows = "".join(
        f'<li><a href="{escape(href)}" title="{escape(title)}">{escape(title)}</a>'
        f"<span>2024-03-0{1 + i % 9}</span></li>"
        for i, (href, title) in enumerate(links)
    )
    html = (
        f'<html><head><meta charset="utf-8"><title>预算绩效管理</title></head><body><ul>{rows}</ul>'
        f'<span class="p_t">共{len(links)}条 {pager}</span></body></html>'
    )
    return Reply(html.encode())


def home_page() -> Reply:
    """The home page column discovery starts from: a menu linking the two budget columns."""
    html = (
        '<html><head><meta charset="utf-8"><title>示例县人民政府</title></head><body><ul class="menu">'
        f'<li><a href="{COLUMN}">预算绩效管理</a></li><li><a href="{OTHER_COLUMN}">部门决算</a></li>'
        "</ul></body></html>"
    )
    return Reply(html.encode())


def article(title: str, paragraphs: list[str], attachments: list[tuple[str, str]] = ()) -> Reply:
    """A VSB article page: title, body paragraphs and attachment links (href, link text)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="{escape(href)}">{escape(name)}</a></li>' for href, name in attachments)
    html = (
        f'<html><head><meta charset="utf-8"><title>{escape(title)}</title></head><body>'
        f'<h1 class="title">{escape(title)}</h1><div class="v_news_content">{body}</div>'
        f"<ul>{links}</ul></body></html>"
    )
    return Reply(html.encode())


class RequestLog:
    def __init__(self):
        self.lock = threading.Lock()
        self.paths: list[str] = []

    def add(self, path: str) -> None:
        with self.lock:
            self.paths.append(path)


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Reply]
    log: RequestLog

    def do_GET(self):
        self.log.add(self.path)
        reply = self.routes.get(self.path) or Reply(b"<html><body>not found</body></html>", status=404)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.trickle is None:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            if reply.trickle is None:
                self.wfile.write(reply.body)
                return
            while True:  # until the client gives up
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(reply.trickle)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_routes(routes: dict[str, Reply]) -> Iterator[tuple[str, RequestLog]]:
    """Serve `routes` (path → Reply; anything else is 404, `/` the home page unless given) on a free loopback
    port; yields (base URL, log)."""
    log = RequestLog()
    handler = type("HostileHandler", (_Handler,), {"routes": {"/": home_page(), **routes}, "log": log})
    with serve_handler(handler) as base_url:
        yield base_url, log


@contextlib.contextmanager
def silent_server() -> Iterator[tuple[int, list]]:
    """A TCP server that accepts connections and never says a word; yields (port, accepted connections)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def run_govreports(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`govreports ARGS` in a child process, whatever its exit status."""
    return subprocess.run([GOVREPORTS, *args], capture_output=True, text=True, timeout=timeout, cwd=PROJECT)


def run_portal_dict(
    portal: dict, workdir: Path, settings: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`crawler.run.run_crawl` with a registry entry given as a dict (hosts, allow_private_hosts …) in a child
    process (Twisted's reactor cannot restart); its stdout's last line is the run as JSON."""
    code = (
        "import json, sys; from crawler.run import run_crawl; "
        "print(json.dumps(run_crawl(json.loads(sys.argv[1]), db=sys.argv[2], archive=sys.argv[3], "
        "settings=json.loads(sys.argv[4]))))"
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            json.dumps(portal),
            str(workdir / "reports.db"),
            str(workdir / "archive"),
            json.dumps(settings or {}),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
