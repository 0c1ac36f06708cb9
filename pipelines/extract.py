"""One page or one attachment file in, its records (docs/data-dictionary.md) out as `extract`'s JSON.

The same functions run inside the crawl (the item pipeline), over the raw archive (`govreports rebuild`)
and over one saved file (`govreports extract`), so the three can never disagree. No network here.
"""

from __future__ import annotations

import hashlib

from pipelines.attachments import parse_attachment
from pipelines.attachments.sniff import magic_kind
from pipelines.figures import extract_figures
from pipelines.page import document_fields, parse_document
from pipelines.regions import placed_in_region, region_conflicts
from pipelines.text import ImplausibleNumber

ATTACHMENT_MAGIC = {"zip", "ole", "pdf"}


class MalformedPage(ValueError):
    """The page has no readable article: no title and no body text."""


class NotAPage(ValueError):
    """A file that is neither a web page (or its saved text) nor an attachment type the parsers know."""


_UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def looks_binary(data: bytes) -> bool:
    """Control bytes (other than tab, line breaks, form feed, escape) in the first 4 KB: an image, an archive,
    an executable; never a page, in any of the encodings portals use (UTF-16 starts with its BOM)."""
    head = data[:4096]
    if head.startswith(_UNICODE_BOMS):
        return False
    return sum(byte < 32 and byte not in _TEXT_CONTROLS for byte in head) > len(head) // 100


def extract_page(
    data: bytes | str, url: str | None = None, *, http_charset: str | None = None, region_hint: str | None = None
) -> dict:
    page = parse_document(data, url, http_charset=http_charset)
    if not page.title and not page.body.text.strip():
        raise MalformedPage(f"no title and no article text found ({len(data)} bytes, {page.encoding})")
    document = document_fields(page)
    if not document.get("region_code"):
        document["region_code"] = region_hint
    document["body_text"] = page.body.text
    document["encoding"] = page.encoding
    document["content_sha256"] = content_hash(document)
    try:
        extracted = extract_figures(page.body, document)
    except ImplausibleNumber as exc:  # the page is kept, with its text and without figures
        extracted = {
            key: [] for key in ("figures", "projects", "evaluations", "indicators", "goals", "validation_issues")
        }
        page.defects.append(f"figures not extracted: {exc}")
    _place_the_units(document, extracted)
    issues = [*extracted["validation_issues"], *_region_issues(page, document, region_hint), *_year_issues(document)]
    return {
        "document": document,
        "figures": extracted["figures"],
        "projects": extracted["projects"],
        "evaluations": extracted["evaluations"],
        "indicators": extracted["indicators"],
        "goals": extracted["goals"],
        "attachments": [_attachment_link(a) for a in page.attachments],
        "validation_issues": issues,
        "defects": page.defects,
    }


def extract_file(data: bytes, url: str | None = None, *, name: str | None = None) -> dict:
    """`govreports extract PATH`: an attachment (by its bytes) or a page; anything else raises NotAPage."""
    kind = magic_kind(data[:4096])
    if kind in ATTACHMENT_MAGIC:
        return parse_attachment(data, name=name)
    if kind == "empty":
        raise NotAPage(f"{name or 'the file'} is empty")
    if kind == "unknown" and looks_binary(data):
        raise NotAPage(
            f"{name or 'the file'} is neither a web page nor an attachment type the parsers know "
            "(xlsx, xls/et, docx, pdf)"
        )
    return extract_page(data, url)


def _place_the_units(document: dict, extracted: dict) -> None:
    """Units the page names by their level alone (`区政协`, a round-up's `市统计局`) take the name of the region, once
    that is known from the page or from the portal's registry entry (`北塔区政协`), in the document and in its
    records, so the units of many places do not share one name in the dataset."""
    region = document.get("region_code")
    document["department"] = placed_in_region(document.get("department"), region)
    for record in [*extracted["figures"], *extracted["evaluations"]]:
        record["subject"] = placed_in_region(record.get("subject"), region)


def _region_issues(page, document: dict, portal_region: str | None) -> list[dict]:
    """`region_mismatch` when the department's region, the 监督索引号 prefix, the site's 网站标识码 and the
    portal's registry region do not nest in one another (see docs/design.md, checks)."""
    conflicts = region_conflicts(
        department=document.get("department"),
        site_id_code=page.meta.get("SiteIDCode"),
        supervision_no=document.get("supervision_no"),
        hint=portal_region,
    )
    return [{"rule": "region_mismatch", "detail": conflict} for conflict in conflicts]


# Fiscal years a report of each type may cover, relative to its publish year (docs/design.md).
_YEAR_BOUNDS = {"budget": (0, 1), "performance_targets": (0, 1), "final_accounts": (-2, 0)}
_SELF_EVALUATION_BOUNDS = (-2, 0)


def _year_issues(document: dict) -> list[dict]:
    """`year_mismatch` when the fiscal year is implausible for the publish date (kept, not changed)."""
    year, published, kind = document.get("fiscal_year"), document.get("published"), document.get("report_type")
    if not (year and published and kind) or kind in ("other", "external_evaluation"):
        return []
    low, high = _YEAR_BOUNDS.get(kind, _SELF_EVALUATION_BOUNDS)
    published_year = int(published[:4])
    if published_year + low <= year <= published_year + high:
        return []
    return [
        {
            "rule": "year_mismatch",
            "detail": f"fiscal year {year} for a {kind} published {published}",
            "expected": f"{published_year + low}–{published_year + high}",
            "observed": str(year),
        }
    ]


def content_hash(document: dict) -> str:
    """A hash of what a reader sees (title, metadata, text): unchanged pages keep it across re-crawls
    even when the portal's page chrome (counters, navigation) changes."""
    keys = ("title", "index_no", "publisher", "doc_no", "published", "validity", "body_text")
    text = "\x1f".join(str(document.get(k) or "") for k in keys)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _attachment_link(link: dict) -> dict:
    name = link.get("name") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name[-6:] else None
    return {"url": link.get("url"), "name": name, "ext": ext}
