"""Datasette plugin: every number one click from its source.

* `department_year.documents` links to those documents; its numbers link to their facts (`number_format`).
* Id columns link to their row wherever they appear — row pages (Datasette 0.65 shows foreign keys there as
  bare numbers), views and canned queries: `document_id`, `figure_id`, `fact_id`, `attachment_id`,
  `previous_figure_id`, `metric`. Table pages keep Datasette's own labelled links.
* The raw archive is served by the site, so a number can be checked when the portal is down or has changed
  the page: `/-/archive/<sha256>` serves the archived bytes (looked up by their SHA-256 only, never by a path
  from the request; at most `MAX_BYTES`; HTML with scripts disabled by a sandbox policy), and
  `/-/archive/document/<id>` and `/-/archive/attachment/<id>` redirect to a document's or attachment's
  copy. `raw_sha256` and `attachments.sha256` cells link there. The archive is the `archive` folder beside
  the database file (where `govreports crawl` and `demo` write it), or `$GOVREPORTS_ARCHIVE`.
* A figure's row page (template `row-reports-figures.html`) shows its source sentence highlighted in its
  paragraph of the document's body, with links to the document, the original URL and the archived copy.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

LINKS = {
    "document_id": "documents",
    "figure_id": "figures",
    "previous_figure_id": "figures",
    "fact_id": "facts",
    "attachment_id": "attachments",
    "metric": "metrics",
}
ARCHIVE_LINKS = {("documents", "raw_sha256"), ("attachments", "sha256")}
SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_BYTES = 64 * 1024 * 1024
CONTEXT_CHARS = 300  # of the paragraph either side of a figure's source text
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


def archive_dir(datasette) -> Path | None:
    if os.environ.get("GOVREPORTS_ARCHIVE"):
        return Path(os.environ["GOVREPORTS_ARCHIVE"])
    for db in datasette.databases.values():
        if db.path:
            return Path(db.path).resolve().parent / "archive"
    return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if isinstance(value, dict) or value in (None, ""):
        return None  # an expanded foreign key (Datasette links it) or nothing to link
    if table == "department_year" and column == "documents":
        documents = (
            datasette.urls.table(database, "documents")
            + "?"
            + urlencode({"department": row["department"], "fiscal_year": row["fiscal_year"]})
        )
        return Markup(f'<a href="{escape(documents)}">{escape(value)}</a>')
    if (table, column) in ARCHIVE_LINKS and isinstance(value, str) and SHA256.fullmatch(value):
        return Markup(f'<a href="/-/archive/{value}" title="{value}">存档 archived copy</a>')
    other = LINKS.get(column)
    if other is None or other == table:
        return None
    return Markup(f'<a href="{escape(datasette.urls.row(database, other, str(value)))}">{escape(value)}</a>')


@hookimpl
def register_routes():
    return [
        (r"^/-/archive/(?P<sha256>[0-9a-f]{64})$", serve_archived),
        (r"^/-/archive/(?P<kind>document|attachment)/(?P<row_id>[0-9]{1,19})$", archived_copy_of),
    ]


async def serve_archived(datasette, request):
    sha256 = request.url_vars["sha256"]
    root = archive_dir(datasette)
    path = root / "objects" / sha256[:2] / sha256 if root else None
    if root is None or path is None or not path.is_file():
        return Response.text(
            f"No archived copy {sha256} here: this site has no raw archive beside its "
            "database, or the file was never fetched.",
            status=404,
        )
    if path.stat().st_size > MAX_BYTES:
        return Response.text(
            f"The archived file is larger than {MAX_BYTES // 2**20} MB: get it from the archive directly.", status=413
        )
    return Response(
        path.read_bytes(),
        content_type=_archived_type(root, sha256),
        headers={
            "Content-Security-Policy": "sandbox",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "public, max-age=31536000, immutable",
        },
    )


def _archived_type(root: Path, sha256: str) -> str:
    """The Content-Type the portal sent with these bytes (from the archive's index), else a safe default."""
    index = root / "index.db"
    headers: dict[str, str] = {}
    if index.is_file():
        connection = sqlite3.connect(index.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = connection.execute(
                "select headers from responses where sha256 = ? order by id desc limit 1", [sha256]
            ).fetchone()
        finally:
            connection.close()
        headers = json.loads(row[0] or "{}") if row else {}
    return next((v for k, v in headers.items() if k.lower() == "content-type"), "application/octet-stream")


async def archived_copy_of(datasette, request):
    kind, row_id = request.url_vars["kind"], int(request.url_vars["row_id"])
    sql = {
        "document": "select raw_sha256 from documents where id = ?",
        "attachment": "select sha256 from attachments where id = ?",
    }[kind]
    for db in datasette.databases.values():
        if await db.table_exists(f"{kind}s"):
            row = (await db.execute(sql, [row_id])).first()
            if row and row[0]:
                return Response.redirect(f"/-/archive/{row[0]}")
    return Response.text(f"No archived copy is recorded for {kind} {row_id}.", status=404)


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "figures":
        return {}

    async def figure_context():
        db = datasette.get_database(database)
        pks = request.url_vars.get("pks", "")
        if not pks.isdigit():
            return {}
        row = (
            await db.execute(
                "select f.span_start, f.span_end, f.source_text, f.locator, f.document_id, f.attachment_id, "
                "d.title, d.url, d.body_text, d.raw_sha256, a.name as attachment_name, a.url as attachment_url, "
                "a.sha256 as attachment_sha256 from figures f join documents d on d.id = f.document_id "
                "left join attachments a on a.id = f.attachment_id where f.id = ?",
                [int(pks)],
            )
        ).first()
        if row is None:
            return {}
        return {
            "figure_source": {
                **dict(row),
                "body_text": None,
                "paragraph": source_paragraph(row["body_text"], row["span_start"], row["span_end"]),
            }
        }

    return figure_context


def source_paragraph(body: str | None, start: int | None, end: int | None) -> Markup | None:
    """The paragraph of `body` around the span, the span marked, cut to CONTEXT_CHARS either side."""
    if not body or start is None or end is None or not 0 <= start < end <= len(body):
        return None
    breaks = list(PARAGRAPH_BREAK.finditer(body))
    first = max([m.end() for m in breaks if m.end() <= start] + [0, start - CONTEXT_CHARS])
    last = min([m.start() for m in breaks if m.start() >= end] + [len(body), end + CONTEXT_CHARS])
    return Markup(
        ("…" if first > 0 and body[first - 1] != "\n" else "")
        + str(escape(body[first:start]))
        + f"<mark>{escape(body[start:end])}</mark>"
        + str(escape(body[end:last]))
        + ("…" if last < len(body) and body[last] != "\n" else "")
    )
