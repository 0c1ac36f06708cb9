"""Fetched items → the SQLite store: what a crawl, `rebuild` and `merge` do with a page or file once it is fetched
and extracted. Plain functions over `pipelines.items`; the Scrapy item pipeline that calls them during a crawl
is `crawler.pipelines.StorePipeline`, and whatever comes from the portal registry is handed in by the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from pipelines import regions
from pipelines.attachments import parse_attachment
from pipelines.attachments.sniff import magic_kind
from pipelines.crosscheck import form_vs_report, with_department
from pipelines.figures.metrics import METRICS
from pipelines.items import FetchedAttachment, FetchedPage
from pipelines.store import Store, now_iso, stable_id


def prepare_store(path, portals: Iterable[dict]) -> Store:
    """Open the database and (re)load the reference tables every dataset carries: `portals` (the registry's
    entries, from the caller), regions and metrics."""
    store = Store(path)
    store.upsert_portals(portals)
    store.load_reference("regions", regions.all_regions(), pk="code")
    metrics = [dict(zip(("key", "label_zh", "unit", "description"), m, strict=True)) for m in METRICS]
    store.load_reference("metrics", metrics, pk="key")
    return store


def store_page(store: Store, page: FetchedPage, result: dict, *, seen: str | None = None) -> tuple[str, list[str]]:
    """Store what `pipelines.extract.extract_page` found on a fetched page; returns 'new'/'changed'/
    'unchanged' and the page's defects."""
    document = {
        **result["document"],
        "url": page.url,
        "portal_id": page.portal_id,
        "raw_sha256": page.raw_sha256,
        "http_etag": page.etag,
        "http_last_modified": page.last_modified,
    }
    change = store.save_document(document, result, seen=seen)
    for link in result["attachments"]:
        if link["url"]:
            store.save_attachment_link(page.url, link["url"], link["name"])
    return change, result["defects"]


def save_attachment(store: Store, item: FetchedAttachment, parsed: dict | None = None) -> str:
    """Parse one downloaded attachment and store it; returns its parse_status. `parsed` is `parse_attachment`'s
    answer when the file was parsed elsewhere (in the crawl's worker pool). An HTML page instead of the file
    raises BlockedDownload, an empty file EmptyAttachment, each once the attachment row is stored."""
    kind = magic_kind(item.body[:4096])
    document_id = stable_id(item.document_url)
    fields = {
        "document_id": document_id,
        "bytes": len(item.body),
        "sha256": item.raw_sha256,
        "fetched": now_iso(),
        "name": item.name,
        "ext": kind,
    }
    if kind == "html":
        store.save_attachment_file(
            item.url,
            {**fields, "parse_status": "error", "error": "the server answered with an HTML page, not the file"},
        )
        raise BlockedDownload(f"download refused: got an HTML page ({len(item.body)} bytes)")
    parsed = parsed or parse_attachment(item.body, name=item.name)
    check_against_page(store, document_id, parsed)
    store.save_attachment_file(
        item.url,
        {
            **fields,
            "ext": parsed.get("kind") or kind,
            "form_kind": parsed.get("form_kind"),
            "parse_status": parsed["parse_status"],
            "error": parsed.get("error"),
            "notes": _json_list(parsed.get("notes")),
        },
        parsed,
    )
    if parsed["parse_status"] == "empty":
        raise EmptyAttachment(f"empty attachment ({len(item.body)} bytes): {parsed.get('error')}")
    return parsed["parse_status"]


def _json_list(items: list[str] | None) -> str | None:
    return json.dumps(items, ensure_ascii=False) if items else None


def save_unparsed_attachment(store: Store, item: FetchedAttachment, error: str) -> None:
    """An attachment whose parse was stopped (time or memory cap): stored as an error, so that later runs do
    not fetch it again and again."""
    store.save_attachment_file(
        item.url,
        {
            "document_id": stable_id(item.document_url),
            "bytes": len(item.body),
            "sha256": item.raw_sha256,
            "fetched": now_iso(),
            "name": item.name,
            "ext": magic_kind(item.body[:4096]),
            "parse_status": "error",
            "error": error,
        },
    )


def check_against_page(store: Store, document_id: int, parsed: dict) -> None:
    """Tie a form to its page: department forms rarely print the department, and figures without a year of
    their own belong to the page's fiscal year; then compare the form's scores with the report's."""
    row = store.db.execute("select department, fiscal_year from documents where id = ?", [document_id]).fetchone()
    if row is None:
        return
    department, fiscal_year = row
    parsed["evaluations"] = with_department(parsed.get("evaluations") or [], department)
    parsed["figures"] = [
        {**f, "subject": f.get("subject") or department, "fiscal_year": f.get("fiscal_year") or fiscal_year}
        for f in parsed.get("figures") or []
    ]
    printed = list(
        store.db.query(
            "select subject_type, subject, score from evaluations where document_id = ? and attachment_id is null",
            [document_id],
        )
    )
    parsed["validation_issues"] = [
        *(parsed.get("validation_issues") or []),
        *form_vs_report(printed, parsed["evaluations"], department),
    ]


class BlockedDownload(Exception):
    pass


class EmptyAttachment(Exception):
    """A zero-byte attachment, or one with no cells or text: stored, and recorded as `malformed`."""
