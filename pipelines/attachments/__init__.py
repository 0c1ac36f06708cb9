"""Attachment parsing: a downloaded file's bytes → the records (docs/data-dictionary.md) of the forms it holds.

    parse_attachment(data, name=None, limits=None) -> dict

never raises for a bad file: a broken, encrypted, hostile or unreadable one comes back with
`parse_status` `error` / `unsupported` / `empty` and a message in `error`. `name` (the link text or file
name from the web) is used only to classify the form; it is never a filesystem path: everything is parsed
from the bytes in memory. See `safety` for the limits.
"""

from __future__ import annotations

from pipelines.attachments import forms as F
from pipelines.attachments.docx import read_docx
from pipelines.attachments.labels import is_title, kind_from_text
from pipelines.attachments.pdf import read_pdf
from pipelines.attachments.safety import (
    AttachmentError,
    Deadline,
    Limits,
    Unsupported,
    can_isolate,
    check_size,
    open_zip,
    run_isolated,
    scan_xml_parts,
)
from pipelines.attachments.sniff import extension, magic_kind, ole_kind, zip_kind
from pipelines.attachments.xls import read_xls
from pipelines.attachments.xlsx import read_xlsx
from pipelines.grid import Grid

__all__ = ["Grid", "Limits", "extract_forms", "parse_attachment", "read_grids"]

RECORD_KEYS = ("projects", "indicators", "evaluations", "figures", "goals", "funds_detail", "validation_issues")
KILL_GRACE = 0.5  # seconds the isolated child gets past its own deadline to report a clean error


class _EmptyFile(AttachmentError):
    status = "empty"


def parse_attachment(data: bytes, name: str | None = None, limits: Limits | None = None) -> dict:
    """Parse one attachment (xlsx, xls/et, docx, pdf) into its forms' records."""
    limits = limits or Limits()
    try:
        check_size(data, limits)
        isolate = can_isolate() if limits.isolate is None else limits.isolate and can_isolate()
        if isolate:
            return run_isolated(
                parse_in_process, (data, name, limits), limits.time_budget + KILL_GRACE, limits.max_memory
            )
    except AttachmentError as exc:
        return _failure(magic_kind(data[:4096]), exc, [])
    except (OSError, ValueError) as exc:  # no process could be forked, or its answer was cut off
        return _failure(magic_kind(data[:4096]), AttachmentError(f"isolated parse failed: {exc}"), [])
    return parse_in_process(data, name, limits)


def parse_in_process(data: bytes, name: str | None, limits: Limits) -> dict:
    """The parse itself, in the calling process, bounded by the cooperative deadline only."""
    deadline = Deadline(limits.time_budget)
    notes: list[str] = []
    kind = magic_kind(data)
    try:
        kind, grids = _read_grids(data, kind, name, limits, deadline, notes)
        if not any(grid.rows for grid in grids):
            raise _EmptyFile("no cells or text in the file" + (" (scanned images?)" if kind == "pdf" else ""))
        result = extract_forms(grids, name, deadline)
    except AttachmentError as exc:
        return _failure(kind, exc, notes)
    except (MemoryError, RecursionError) as exc:
        return _failure(kind, AttachmentError(f"{type(exc).__name__} while parsing"), notes)
    except Exception as exc:  # noqa: BLE001 - a hostile file must never raise into the crawler
        return _failure(kind, AttachmentError(f"{type(exc).__name__}: {exc}"), notes)
    return {"kind": kind, **result, "notes": notes, "parse_status": "ok", "error": None}


def read_grids(data: bytes, name: str | None = None, limits: Limits | None = None) -> list[Grid]:
    """The grids of a file, in this process (raises `AttachmentError` for a bad file): the same table model
    a page body's tables are in (`pipelines.grid`)."""
    limits = limits or Limits()
    return _read_grids(data, magic_kind(data), name, limits, Deadline(limits.time_budget), [])[1]


def _read_grids(
    data: bytes, kind: str, name: str | None, limits: Limits, deadline: Deadline, notes: list[str]
) -> tuple[str, list[Grid]]:
    ext = extension(name)
    if kind == "empty":
        raise _EmptyFile("the file is empty")
    if kind == "html":
        raise AttachmentError("blocked download: the server sent an HTML page instead of the file")
    if kind == "pdf":
        return kind, read_pdf(data, limits, deadline, notes)
    if kind == "zip":
        archive = open_zip(data, limits)
        kind = zip_kind(archive)
        if kind == "zip":
            raise Unsupported("a zip archive that is neither an xlsx workbook nor a docx document")
        scan_xml_parts(archive, deadline)
        if kind == "xlsx":
            return kind, read_xlsx(data, archive, limits, deadline, notes)
        return kind, read_docx(data, limits, deadline, notes)
    if kind == "ole":
        ole = ole_kind(data)
        if ole == "encrypted":
            raise AttachmentError("password-protected (encrypted) Office file")
        if ole == "doc":
            raise Unsupported(
                f"Word 97-2003 binary document{' (.' + ext + ')' if ext else ''} cannot be read; only docx is supported"
            )
        if ole == "xls":
            return "xls", read_xls(data, limits, deadline, notes)
        raise Unsupported(
            f"OLE compound file{' (.' + ext + ')' if ext else ''} holds neither a workbook nor a Word document"
        )
    raise Unsupported(
        f"unrecognised file type{' (.' + ext + ')' if ext else ''}: no xlsx/docx/xls/et/doc/wps/pdf signature"
    )


def extract_forms(grids: list[Grid], name: str | None = None, deadline: Deadline | None = None) -> dict:
    """Records of every form in `grids` (any source: sheets, documents, PDFs, the tables of a page body).
    `name` classifies forms whose content does not say what they are."""
    records: dict[str, list] = {key: [] for key in RECORD_KEYS}
    forms: list[dict] = []
    for grid in grids:
        title = grid.name if is_title(grid.name) else None  # a sheet named after its form
        for segment in F.split_forms(grid):
            if deadline:
                deadline.check()
            title = segment.title or title
            kind = F.classify(segment, title, name)
            if kind is None:
                continue
            form = F.read_form(segment, kind, title)
            for key, rows in F.form_records(form).items():
                records[key].extend(rows)
            forms.append(
                {
                    "form_kind": kind,
                    "title": title,
                    "locator": form.locator,
                    "project": form.project,
                    "department": form.department,
                    "fiscal_year": form.fiscal_year,
                }
            )
    kinds = list(dict.fromkeys(form["form_kind"] for form in forms))
    form_kind = _file_kind(kinds) or kind_from_text(name)
    department = next((f["department"] for f in forms if f["form_kind"] != F.PROJECT and f["department"]), None)
    return {
        "form_kind": form_kind,
        "document": {"department": department} if department else {},
        **records,
        "forms": forms,
    }


def _file_kind(kinds: list[str]) -> str | None:
    """One kind → that kind; a 决算/预算 workbook stays one even when it includes self-evaluation sheets."""
    if len(kinds) <= 1:
        return kinds[0] if kinds else None
    for container in (F.FINAL_ACCOUNTS, F.BUDGET):
        if container in kinds:
            return container
    return "mixed"


def _failure(kind: str, exc: AttachmentError, notes: list[str]) -> dict:
    return {
        "form_kind": None,
        "kind": kind,
        "document": {},
        **{key: [] for key in RECORD_KEYS},
        "forms": [],
        "notes": notes,
        "parse_status": exc.status,
        "error": str(exc) or type(exc).__name__,
    }
