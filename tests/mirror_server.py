"""Offline portal mirrors for crawl tests: a loopback HTTP server and crawls run in a child process.

`serve_mirror(root)` serves a mirror directory (`tests/fixtures/mirrors/{trs,hanweb,generic}/`) on 127.0.0.1 at a
free port, with the quirks real portals have:

* files go out as stored; HTML as `text/html` **without** a charset (like many old portals), so the page's own
  declaration, or detection, decides how it is read;
* `routes.json` in the mirror root gives paths another status: `{"/a/b.html": {"status": 412}}` (challenge pages);
* a `.jsp` endpoint is a directory whose files are named by one query parameter: `dataproxy.jsp/page=2.xml`
  answers `/module/web/jpage/dataproxy.jsp?page=2&appid=1&…`, `downfile.jsp/filename=x.xlsx` answers
  `downfile.jsp?classid=0&filename=x.xlsx&…`;
* `routes=` adds or overrides answers for one test: `{"/path": (status, body_bytes)}`;
* `{{host:NAME}}` in a page is replaced by the base URL of another mirror (`links={"NAME": base_url}`), and
  `{{netloc}}` by the mirror's own host and port, so mirrors can link each other (sibling hosts);
* `webber-search.json` in the mirror root makes it answer VSB's site search (docs/design.md),
  `POST /aop_component//webber/search/search/search/queryPage`, over its records: title contains the
  `keyWord` (or a `field[].fieldValue`), paged by `page.current` / `page.size`;
* `log=` (a list) receives `METHOD path` of every request, to check what a crawl asked for.

Twisted's reactor cannot restart inside one process, so crawls run in a child Python (`crawl_mirror`,
`collect_items`), like `benchmarks/crawl.py` does.
"""

from __future__ import annotations

import json
import mimetypes
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from loopback import serve_handler

ROOT = Path(__file__).resolve().parents[1]
MIRRORS = Path(__file__).resolve().parent / "fixtures" / "mirrors"

# Fast, polite-free settings for loopback crawls, with the challenge middleware on (see crawler/challenge.py).
TEST_SETTINGS = {
    "LOG_LEVEL": "WARNING",
    "DOWNLOADER_MIDDLEWARES": {
        "crawler.middlewares.ArchiveMiddleware": 950,
        "crawler.challenge.ChallengeMiddleware": 900,
    },
}


WEBBER_SEARCH = "/aop_component/webber/search/search/search/queryPage"  # printed with a double slash


class _Mirror:
    def __init__(self, root: Path, routes: dict[str, tuple[int, bytes]], links: dict[str, str]):
        self.root = root.resolve()
        manifest = self.root / "routes.json"
        self.statuses = {
            path: spec["status"]
            for path, spec in (json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}).items()
        }
        self.routes = routes
        self.substitutions = {f"{{{{host:{name}}}}}".encode(): url.encode() for name, url in links.items()}

    def substitute(self, body: bytes) -> bytes:
        for placeholder, value in self.substitutions.items():
            body = body.replace(placeholder, value)
        return body

    def search(self, target: str, body: bytes) -> tuple[int, bytes, str]:
        """VSB's webber search over `webber-search.json`: records whose title holds the query's word."""
        index = self.root / "webber-search.json"
        if urlsplit(target).path.replace("//", "/") != WEBBER_SEARCH or not index.is_file():
            return 404, b"<html><body>404 Not Found</body></html>", "text/html"
        query = json.loads(body or b"{}")
        words = [query.get("keyWord") or ""] + [f.get("fieldValue", "") for f in query.get("field") or []]
        word = next((w for w in words if w), "")
        records = [r for r in json.loads(self.substitute(index.read_bytes())) if word and word in r["title"]]
        page = query.get("page") or {}
        current, size = int(page.get("current", 1)), int(page.get("size", 10))
        answer = {
            "code": 200,
            "data": {
                "page": {
                    "records": records[(current - 1) * size : current * size],
                    "total": len(records),
                    "current": current,
                    "size": size,
                    "pages": max(1, -(-len(records) // size)),
                }
            },
        }
        return 200, json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json;charset=UTF-8"

    def answer(self, target: str) -> tuple[int, bytes, str]:
        """(status, body, content type) for a request target (path and query)."""
        parts = urlsplit(target)
        path = unquote(parts.path)
        if path in self.routes:
            status, body = self.routes[path]
            return status, body, "text/html"
        file = self._file(path, parts.query)
        if file is None:
            return 404, b"<html><body>404 Not Found</body></html>", "text/html"
        body = file.read_bytes()
        return self.statuses.get(path, 200), self.substitute(body) if b"{{" in body else body, _content_type(file)

    def _file(self, path: str, query: str) -> Path | None:
        candidate = (self.root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        if candidate.is_dir() and path.endswith(".jsp"):
            return _jsp_answer(candidate, query)
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


def _jsp_answer(directory: Path, query: str) -> Path | None:
    """The file named `param=value` (or `param=value.ext`) for the first query parameter that has one."""
    for key, value in parse_qsl(query, keep_blank_values=True):
        name = f"{key}={value}"
        for file in directory.iterdir():
            if file.name == name or file.name.startswith(name + "."):
                return file
    return None


def _content_type(file: Path) -> str:
    if file.suffix in (".html", ".htm", ".shtml"):
        return "text/html"
    if file.suffix == ".xml":
        return "text/xml;charset=UTF-8"
    return mimetypes.guess_type(file.name)[0] or "application/octet-stream"


@contextmanager
def serve_mirror(
    root: Path,
    routes: dict[str, tuple[int, bytes]] | None = None,
    *,
    host: str = "127.0.0.1",
    links: dict[str, str] | None = None,
    log: list[str] | None = None,
) -> Iterator[str]:
    """Serve `root` on `host` (a loopback address, free port) while the block runs; yields the base URL."""
    mirror = _Mirror(root, {} if routes is None else routes, links or {})  # a test may change routes later

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.reply(*mirror.answer(self.path))

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.reply(*mirror.search(self.path, self.rfile.read(length)))

        def reply(self, status: int, body: bytes, content_type: str):
            if log is not None:
                log.append(f"{self.command} {self.path}")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with serve_handler(Handler, host) as base_url:
        mirror.substitutions[b"{{netloc}}"] = base_url.removeprefix("http://").encode()  # before any request
        yield base_url


_CRAWL_CHILD = """
import json, sys
from crawler.run import run_crawl
portal, db, archive, base_url, settings = json.loads(sys.argv[1])
print(json.dumps(run_crawl(portal, db=db, archive=archive, base_url=base_url, settings=settings)))
"""

_ITEMS_CHILD = """
import json, sys
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from crawler.registry import get_portal
from crawler.run import crawl_settings
from crawler.spiders import spider_for

portal_id, archive, base_url, overrides = json.loads(sys.argv[1])
portal = get_portal(portal_id)
process = CrawlerProcess(crawl_settings(portal, db=archive + "/unused.db", archive=archive,
                                        overrides={**overrides, "ITEM_PIPELINES": {}}))
crawler = process.create_crawler(spider_for(portal["cms"]))
items = []

def keep(item, **_):
    row = {"type": type(item).__name__, "url": item.url}
    row.update({k: getattr(item, k) for k in ("kind", "list_title", "list_date", "http_status", "document_url",
                                               "name") if hasattr(item, k)})
    items.append(row)

crawler.signals.connect(keep, signal=signals.item_scraped)
process.crawl(crawler, portal=portal, base_url=base_url)
process.start()
stats = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, float, str))}
print(json.dumps({"items": items, "stats": stats}, ensure_ascii=False))
"""


def _child(code: str, args: list, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise RuntimeError(f"crawl child failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result.stdout.strip().splitlines()[-1]


def crawl_mirror(portal: str | dict, base_url: str, work: Path, settings: dict | None = None) -> dict:
    """Crawl a registry portal (its id, or an entry as a dict) into `work/reports.db` (the full item pipeline);
    returns its crawl_runs row."""
    args = [portal, str(work / "reports.db"), str(work / "archive"), base_url, {**TEST_SETTINGS, **(settings or {})}]
    return json.loads(_child(_CRAWL_CHILD, args))


def collect_items(portal_id: str, base_url: str, work: Path, settings: dict | None = None) -> dict:
    """Crawl with Scrapy's own machinery and no item pipeline; returns {"items": [...], "stats": {...}}."""
    args = [portal_id, str(work / "archive"), base_url, {**TEST_SETTINGS, **(settings or {})}]
    return json.loads(_child(_ITEMS_CHILD, args))
