"""xlsx workbooks → one Grid per visible worksheet, cells shown as Excel shows them.

Values and merged ranges come from python-calamine (Rust: ~20× faster than openpyxl's read-only mode,
which matters for 决算 workbooks with long sheets under a 5-second budget). calamine does not report number
formats, and forms need them (`0.9351` under `0.00%` is printed `93.51%`), so each sheet's XML part is also
streamed once: a scan collects each cell's style index (`s="3"`), mapped through `styles.xml` to its format
code, and the formulas stored without a cached value (some export tools, and openpyxl itself, store a typed
`=100百分比` as a formula; calamine reads them as empty), which are shown as their formula text and noted.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile

from defusedxml.ElementTree import fromstring
from openpyxl.styles.numbers import BUILTIN_FORMATS
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from pipelines.attachments.numbers import display_value
from pipelines.attachments.safety import AttachmentError, CellBudget, Deadline, Limits
from pipelines.grid import Grid, GridCell, a1, merge_into, trim

_CELL_TAG_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_UNCACHED_FORMULA_RE = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>/]*>([^<]*)</(?:\w+:)?f>\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_REF_RE = re.compile(rb'\br="([A-Z]{1,3}\d+)"')
_STYLE_RE = re.compile(rb'\bs="(\d+)"')
_SCAN_CHUNK = 1 << 20
_OVERLAP = 4096


def read_xlsx(
    data: bytes, archive: zipfile.ZipFile, limits: Limits, deadline: Deadline, notes: list[str]
) -> list[Grid]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError) as exc:
        raise AttachmentError(f"xlsx workbook cannot be read: {exc}") from None
    parts, styles_part = _workbook_parts(archive)
    formats = _cell_formats(archive, styles_part)
    budget = CellBudget(limits.max_cells)
    grids = []
    for meta in workbook.sheets_metadata:
        deadline.check()
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        if meta.visible != SheetVisibleEnum.Visible:
            notes.append(f"hidden sheet {meta.name!r} skipped")
            continue
        styles, formulas = _scan_sheet(archive, parts.get(meta.name), deadline)
        sheet = workbook.get_sheet_by_name(meta.name)
        grids.append(_read_sheet(meta.name, sheet, styles, formats, formulas, limits, deadline, budget, notes))
    return grids


def _read_sheet(
    name: str,
    sheet,
    styles: dict[str, int],
    formats: list[str],
    formulas: dict[str, str],
    limits: Limits,
    deadline: Deadline,
    budget: CellBudget,
    notes: list[str],
) -> Grid:
    values = sheet.to_python(skip_empty_area=False, nrows=limits.max_rows + 1)
    if len(values) > limits.max_rows:
        notes.append(f"sheet {name!r} truncated at {limits.max_rows} rows")
        values = values[: limits.max_rows]
    rows: list[list[GridCell]] = []
    shown_formulas = []
    for r, row in enumerate(values):
        deadline.check()
        budget.spend(min(len(row), limits.max_columns))
        cells = []
        for c, value in enumerate(row[: limits.max_columns]):
            ref = a1(r, c)
            style = styles.get(ref)
            text = display_value(value, formats[style] if style is not None and style < len(formats) else None)
            if not text and ref in formulas:
                text = formulas[ref]
                shown_formulas.append(ref)
            cells.append(GridCell(text, f"{name}!{ref}", r + 1))
        rows.append(cells)
    if shown_formulas:
        notes.append(
            f"sheet {name!r}: formulas without a cached value shown as their formula text at "
            + ", ".join(shown_formulas)
        )
    ranges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []]
    merge_into(rows, ranges, lambda r, c: GridCell("", f"{name}!{a1(r, c)}", r + 1), limits.max_columns, budget)
    return Grid(name, trim(rows))


def _workbook_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str | None]:
    """Sheet name → its XML part, and the styles part, from the workbook and its relationships."""
    package = _relationship_ids(archive, "_rels/.rels", "")
    workbook_part = next(
        (target for kind, target in package.values() if kind.endswith("/officeDocument")), "xl/workbook.xml"
    )
    folder = posixpath.dirname(workbook_part)
    rels_part = posixpath.join(folder, "_rels", posixpath.basename(workbook_part) + ".rels")
    by_id = _relationship_ids(archive, rels_part, folder)
    parts = {}
    root = _xml(archive, workbook_part)
    if root is not None:
        for sheet in root.iterfind(".//{*}sheet"):
            rel_id = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), None)
            if rel_id in by_id:
                parts[sheet.get("name")] = by_id[rel_id][1]
    styles = next((target for kind, target in by_id.values() if kind.endswith("/styles")), None)
    return parts, styles


def _relationship_ids(archive: zipfile.ZipFile, rels_part: str, folder: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type URI, resolved target part)."""
    root = _xml(archive, rels_part)
    if root is None:
        return {}
    return {
        rel.get("Id"): (rel.get("Type", ""), _resolve(folder, rel.get("Target", "")))
        for rel in root.iterfind(".//{*}Relationship")
    }


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _xml(archive: zipfile.ZipFile, part: str):
    """A small package part parsed with defusedxml (its prolog was already scanned); None when absent."""
    try:
        return fromstring(archive.read(part))
    except KeyError:
        return None


def _cell_formats(archive: zipfile.ZipFile, styles_part: str | None) -> list[str]:
    """Number format code of each cell style (`cellXfs` index)."""
    root = _xml(archive, styles_part) if styles_part else None
    if root is None:
        return []
    custom = {int(fmt.get("numFmtId", -1)): fmt.get("formatCode", "General") for fmt in root.iterfind(".//{*}numFmt")}
    cell_xfs = root.find(".//{*}cellXfs")
    if cell_xfs is None:
        return []
    formats = []
    for xf in cell_xfs.iterfind("{*}xf"):
        fmt_id = int(xf.get("numFmtId", 0))
        formats.append(custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "General"))
    return formats


def _scan_sheet(
    archive: zipfile.ZipFile, part: str | None, deadline: Deadline
) -> tuple[dict[str, int], dict[str, str]]:
    """Style index of each styled cell, and `=formula` texts of formula cells without a cached value."""
    styles: dict[str, int] = {}
    formulas: dict[str, str] = {}
    if not part:
        return styles, formulas
    with archive.open(part) as member:
        tail = b""
        while chunk := member.read(_SCAN_CHUNK):
            deadline.check()
            window = tail + chunk
            for match in _CELL_TAG_RE.finditer(window):
                ref, style = _REF_RE.search(match.group(1)), _STYLE_RE.search(match.group(1))
                if ref and style:
                    styles[ref.group(1).decode()] = int(style.group(1))
            for match in _UNCACHED_FORMULA_RE.finditer(window):
                ref = _REF_RE.search(match.group(1))
                if ref and match.group(2).strip():
                    formulas[ref.group(1).decode()] = "=" + html.unescape(match.group(2).decode("utf-8", "replace"))
            tail = window[-_OVERLAP:]
    return styles, formulas
