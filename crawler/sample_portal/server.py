"""A loopback HTTP server for a built portal directory, with the behaviour of a VSB county server.

* static files, with `ETag` (a hash of the bytes) and `Last-Modified`, answering `If-None-Match` /
  `If-Modified-Since` with 304;
* `/system/_content/download.jsp?…wbfileid=N` → the attachment (xlsx content type and a `Content-Disposition`
  file name), but only when the request carries a `Referer` from this host; without one, a small HTML page
  (HTTP 200) asking to download from the article page, as some VSB servers do;
* the manifest's `error_paths` → 500; unknown paths → 404; `/robots.txt` allows everything but `/system/resource/`;
* an optional `latency` (seconds) added to every request.

Usage: `with serve(build_site()) as base_url: …`, or `python -m crawler.sample_portal.server [--port N] [--root DIR]`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import mimetypes
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

MANIFEST = ".portal.json"  # written by build.py: attachments and error paths
ATTACHMENTS = ".attachments"  # attachment files, served only through download.jsp
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOAD_PATH = "/system/_content/download.jsp"
ROBOTS = b"User-agent: *\nDisallow: /system/resource/\n"
BLOCKED_DOWNLOAD = (
    '<html><head><meta charset="utf-8"><title>提示</title></head><body><p>请从原页面下载附件。</p></body></html>'
).encode()
CONTENT_TYPES = {
    ".htm": "text/html; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
}


class Portal:
    """A built portal directory and its manifest."""

    def __init__(self, root: Path, latency: float = 0.0):
        self.root = Path(root).resolve()
        self.latency = latency
        manifest_path = self.root / MANIFEST
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        self.attachments: dict[str, dict] = manifest.get("attachments", {})
        self.error_paths = set(manifest.get("error_paths", []))

    def file_for(self, path: str) -> Path | None:
        """The file behind a URL path; hidden entries (a segment starting with `.`) are never served."""
        if path.endswith("/"):
            path += "index.htm"
        parts = [part for part in unquote(path).split("/") if part]
        if any(part.startswith(".") for part in parts):
            return None
        candidate = self.root.joinpath(*parts)
        return candidate if candidate.is_file() else None


class Handler(BaseHTTPRequestHandler):
    server_version = "VSB-sample"
    protocol_version = "HTTP/1.1"
    portal: Portal  # set on the subclass made by `make_server`

    def log_message(self, format, *args):  # noqa: A002 (the base class's signature)
        """Quiet: tests and benchmarks make thousands of requests."""

    def do_GET(self):
        self.respond(send_body=True)

    def do_HEAD(self):
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        if self.portal.latency:
            time.sleep(self.portal.latency)
        url = urlsplit(self.path)
        if url.path == "/robots.txt":
            return self.send(HTTPStatus.OK, ROBOTS, "text/plain; charset=utf-8", send_body)
        if url.path == DOWNLOAD_PATH:
            return self.download(parse_qs(url.query), send_body)
        if url.path in self.portal.error_paths:
            return self.send(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                b"<html><body>500 Internal Server Error</body></html>",
                "text/html; charset=utf-8",
                send_body,
            )
        file = self.portal.file_for(url.path)
        if file is None:
            return self.send(
                HTTPStatus.NOT_FOUND, b"<html><body>404 Not Found</body></html>", "text/html; charset=utf-8", send_body
            )
        self.static(file, send_body)

    def static(self, file: Path, send_body: bool) -> None:
        data = file.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        mtime = int(file.stat().st_mtime)
        headers = {"ETag": etag, "Last-Modified": formatdate(mtime, usegmt=True)}
        if self.not_modified(etag, mtime):
            return self.send(HTTPStatus.NOT_MODIFIED, b"", None, False, headers)
        content_type = (
            CONTENT_TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        )
        self.send(HTTPStatus.OK, data, content_type, send_body, headers)

    def not_modified(self, etag: str, mtime: int) -> bool:
        """`If-None-Match` wins over `If-Modified-Since` (RFC 9110 §13.2.2)."""
        match = self.headers.get("If-None-Match")
        if match is not None:
            return match.strip() == "*" or etag in [tag.strip() for tag in match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            with contextlib.suppress(TypeError, ValueError, IndexError):
                return mtime <= int(parsedate_to_datetime(since).timestamp())
        return False

    def referer_is_local(self) -> bool:
        referer = self.headers.get("Referer")
        return bool(referer) and urlsplit(referer).netloc == self.headers.get("Host", "")

    def download(self, query: dict[str, list[str]], send_body: bool) -> None:
        entry = self.portal.attachments.get((query.get("wbfileid") or [""])[0])
        if entry is None:
            return self.send(
                HTTPStatus.NOT_FOUND, b"<html><body>404 Not Found</body></html>", "text/html; charset=utf-8", send_body
            )
        if not self.referer_is_local():
            return self.send(HTTPStatus.OK, BLOCKED_DOWNLOAD, "text/html; charset=utf-8", send_body)
        data = (self.portal.root / entry["file"]).read_bytes()
        name = entry["name"]
        ascii_name = "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in name)
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
        self.send(HTTPStatus.OK, data, XLSX, send_body, {"Content-Disposition": disposition})

    def send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str | None,
        send_body: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)


def make_server(root: Path, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0) -> ThreadingHTTPServer:
    handler = type("PortalHandler", (Handler,), {"portal": Portal(root, latency)})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


@contextlib.contextmanager
def serve(root: Path, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0) -> Iterator[str]:
    """Serve `root` in a background thread; yields the base URL (`http://127.0.0.1:PORT`, no trailing slash)."""
    server = make_server(root, host, port, latency)
    thread = threading.Thread(target=server.serve_forever, name="sample-portal", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main(argv: list[str] | None = None) -> None:
    from .build import build_site

    parser = argparse.ArgumentParser(description="Serve the govreports sample portal on the loopback interface.")
    parser.add_argument(
        "--port", type=int, default=8765, help="0 picks a free port (default: 8765, as in the registry entry `sample`)"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", type=Path, help="a built portal directory (default: build the sample portal)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    args = parser.parse_args(argv)
    root = args.root or build_site()
    server = make_server(root, args.host, args.port, args.latency)
    print(f"Serving {root} at http://{args.host}:{server.server_address[1]}/index.htm (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
