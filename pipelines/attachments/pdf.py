"""PDF → one Grid: each page's text lines and ruled tables, top to bottom, pages in order, up to a page cap.

A ruled table's merged cells come back from pdfplumber as one bounding box over several grid slots; the grid
slots are rebuilt from the distinct cell edges so the merge is expanded like a spreadsheet's. Text in a PDF
cell wraps over lines (`农村户用卫` ⏎ `生厕所`, `万` ⏎ `元`): the lines of a cell are joined without a space.
Page markers (`-2-`) are dropped. The locator of everything is `page N`.
"""

from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from pipelines.attachments.safety import AttachmentError, CellBudget, Deadline, Limits
from pipelines.grid import Grid, GridCell, merge_into, trim

_PAGE_MARKER_RE = re.compile(r"^[-－—–]\s*\d+\s*[-－—–]$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")


def read_pdf(data: bytes, limits: Limits, deadline: Deadline, notes: list[str]) -> list[Grid]:
    try:
        document = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise AttachmentError(f"encrypted PDF: {type(exc).__name__}") from None
    except (PdfminerException, PDFSyntaxError) as exc:
        raise AttachmentError(f"broken PDF: {_cause(exc)}") from None
    budget = CellBudget(limits.max_cells)
    rows: list[list[GridCell]] = []
    with document:
        pages = document.pages
        if len(pages) > limits.pdf_max_pages:
            notes.append(f"PDF has {len(pages)} pages; only the first {limits.pdf_max_pages} were read")
        for number, page in enumerate(pages[: limits.pdf_max_pages], start=1):
            deadline.check()
            try:
                rows.extend(_page_rows(page, number, budget))
            finally:
                page.close()
    return [Grid("pages", trim(rows))]


def _cause(exc: Exception) -> str:
    inner = exc.args[0] if exc.args else exc
    return f"{type(inner).__name__}: {inner}"


def _page_rows(page, number: int, budget: CellBudget) -> list[list[GridCell]]:
    locator = f"page {number}"
    tables = page.find_tables()
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    items: list[tuple[float, list[list[GridCell]]]] = []
    for line in outside.extract_text_lines():
        text = line["text"].strip()
        if text and not _PAGE_MARKER_RE.match(text):
            items.append((line["top"], [[GridCell(text, locator, number)]]))
    for table in tables:
        items.append((table.bbox[1], _table_rows(table, locator, number, budget)))
    items.sort(key=lambda item: item[0])
    return [row for _, block in items for row in block]


def _table_rows(table, locator: str, page_number: int, budget: CellBudget) -> list[list[GridCell]]:
    texts = table.extract()
    boxes = [(r, c, box) for r, row in enumerate(table.rows) for c, box in enumerate(row.cells) if box]
    xs = sorted({round(v, 1) for _, _, box in boxes for v in (box[0], box[2])})
    ys = sorted({round(v, 1) for _, _, box in boxes for v in (box[1], box[3])})
    n_rows, n_cols = max(len(ys) - 1, 0), max(len(xs) - 1, 0)
    budget.spend(n_rows * n_cols)
    rows = [[GridCell("", locator, page_number) for _ in range(n_cols)] for _ in range(n_rows)]
    ranges = []
    for r, c, (x0, top, x1, bottom) in boxes:
        r1, r2 = ys.index(round(top, 1)), ys.index(round(bottom, 1)) - 1
        c1, c2 = xs.index(round(x0, 1)), xs.index(round(x1, 1)) - 1
        rows[r1][c1] = GridCell(_cell_text(texts[r][c]), locator, page_number)
        if r2 > r1 or c2 > c1:
            ranges.append((r1, c1, r2, c2))
    merge_into(rows, ranges, lambda r, c: GridCell("", locator, page_number), n_cols or 1, budget)
    return rows


def _cell_text(text: str | None) -> str:
    return "".join((text or "").split("\n")).strip()
