"""Render the sample portal (or a large synthetic one) into a directory that `server.serve` can serve.

Layout of the output: the site's pages at their URL paths (`index.htm`, `zfxxgk/…/ysjxgl.htm`, `info/1015/….htm`,
…), plus two hidden entries the server reads and never serves: `.portal.json` (attachment files and names, the
paths answered with HTTP 500) and `.attachments/{wbfileid}.xlsx`. Output is deterministic; files whose bytes do
not change are not rewritten, so their mtimes (and `Last-Modified`) stay put across rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from . import content, markup
from .content import COLUMNS, PAGE_SIZE, Article, Column
from .server import ATTACHMENTS, MANIFEST

DEFAULT_SITE_DIR = Path("data", "sample_portal", "site")  # an output: in the working directory, as the database
STAMP = ".build-stamp"
GARBAGE = b"\xff\xfe\xc3\x28\x00\xa0\xa1\xe2\x28\xa1<p><b><table><tr><td>\x9c\x81"

BASE_CSS = """/* sample portal */
body{margin:0;font:14px/1.8 "Microsoft YaHei",sans-serif;color:#333}
.w1200{width:1200px;margin:0 auto}.fr{float:right}.clearfix:after{content:"";display:block;clear:both}
.nav ul{margin:0;padding:0;background:#b71c1c}.nav li{display:inline-block;padding:8px 20px}.nav a{color:#fff}
.xxgk-head ul{list-style:none;border:1px solid #ddd;padding:10px}.xxgk-head li{display:inline-block;width:45%}
.xxgk-head em{font-style:normal;color:#666;margin-right:6px}
.list li span{float:right;color:#999}.p_pages span{margin:0 3px}
.footer{margin-top:30px;background:#eee;text-align:center;font-size:12px}.sample-notice{color:#b71c1c}
"""
COUNTER_JS = """// sample portal: VSB counter stubs (real portals fill view and download counts from the server)
function _jsq_(){}
function _showDynClicks(){}
function _showDynClickBatch(){}
function getClickTimes(){ return ""; }
"""


def write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def corrupt(html: str) -> bytes:
    """A malformed page: garbage bytes inside the body, closing tags dropped, the end cut off mid-way."""
    data = html.encode("utf-8")
    body = data.index(b'<div id="vsb_content">')
    cut = body + (len(data) - body) * 2 // 3
    middle = (body + cut) // 2
    return data[:middle] + GARBAGE + data[middle:cut].replace(b"</p>", b"", 12)


def article_bytes(a: Article) -> bytes:
    html = markup.article_page(a)
    return corrupt(html) if a.kind == "malformed" else html.encode("utf-8")


def static_files() -> dict[str, bytes]:
    return {"/style/base.css": BASE_CSS.encode(), "/system/resource/js/counter.js": COUNTER_JS.encode()}


def common_pages(lists: dict[Column, list[Article]]) -> dict[str, bytes]:
    pages = {path: html.encode("utf-8") for path, html in markup.tree_pages().items()}
    pages["/index.htm"] = markup.home_page({column: items[:6] for column, items in lists.items()}).encode("utf-8")
    for column, items in lists.items():
        pages.update(
            {path: html.encode("utf-8") for path, html in markup.column_pages(column, items, PAGE_SIZE).items()}
        )
    return pages


def write_tree(out_dir: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        write_if_changed(out_dir / path.lstrip("/"), data)


def prune(out_dir: Path, keep: set[Path]) -> None:
    """Remove files an earlier build wrote that this one did not (e.g. pages of a changed pager)."""
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def source_stamp() -> str:
    """A hash of everything the output depends on: this package's code, the seed text and openpyxl's version."""
    digest = hashlib.sha256(version("openpyxl").encode())
    for path in [*sorted(Path(__file__).parent.glob("*.py")), content.SEED_TEXT]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def owned_or_empty(out_dir: Path) -> bool:
    return not out_dir.exists() or (out_dir / STAMP).exists() or not any(out_dir.iterdir())


def build_site(out_dir: Path = DEFAULT_SITE_DIR) -> Path:
    """Build the sample portal into `out_dir`; a no-op when the stamp says it is up to date."""
    from .forms import attachment_bytes  # openpyxl import only when a build is needed

    out_dir = Path(out_dir)
    stamp = source_stamp()
    if (out_dir / STAMP).is_file() and (out_dir / STAMP).read_text() == stamp:
        return out_dir
    if not owned_or_empty(out_dir):
        raise FileExistsError(f"{out_dir} exists and was not built by build_site; refusing to overwrite it")
    everything = content.articles()
    lists = {column: content.column_articles(key) for key, column in COLUMNS.items()}
    files = {**static_files(), **common_pages(lists)}
    files.update({a.path: article_bytes(a) for a in everything if a.kind not in ("missing", "error")})
    attachments = {x.wbfileid: x for a in everything for x in a.attachments}
    files.update({f"/{ATTACHMENTS}/{n}.xlsx": attachment_bytes(x) for n, x in attachments.items()})
    manifest = {
        "owner": content.SITE.owner,
        "attachments": {str(n): {"file": f"{ATTACHMENTS}/{n}.xlsx", "name": x.name} for n, x in attachments.items()},
        "error_paths": [a.path for a in everything if a.kind == "error"],
    }
    files[f"/{MANIFEST}"] = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    write_tree(out_dir, files)
    prune(out_dir, {out_dir / p.lstrip("/") for p in files} | {out_dir / STAMP})
    (out_dir / STAMP).write_text(stamp)
    return out_dir


def build_large_portal(out_dir: Path, n_articles: int) -> Path:
    """A VSB portal of `n_articles` generated reports in one column of 10-item pages (for crawl benchmarks)."""
    out_dir = Path(out_dir)
    items = content.large_portal_articles(n_articles)
    newest_first = items[::-1]
    files = {**static_files(), **common_pages({COLUMNS["ysjxgl"]: newest_first})}
    files.update({a.path: markup.article_page(a).encode("utf-8") for a in items})
    manifest = {"owner": content.SITE.owner, "attachments": {}, "error_paths": []}
    files[f"/{MANIFEST}"] = json.dumps(manifest).encode("utf-8")
    write_tree(out_dir, files)
    return out_dir


if __name__ == "__main__":
    print(build_site())
