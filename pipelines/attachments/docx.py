"""Word documents (docx) → one Grid: paragraphs as one-cell rows, table rows with their merges, in body order.

Merges are read from the table XML itself: `w:gridSpan` spans columns, `w:vMerge="restart"` opens a vertical
merge that the following rows' `w:vMerge` (no value, or `continue`) cells in the same grid column extend.
`w:gridBefore` shifts a row right. Field-code instructions (`w:instrText`) and deleted text are not text.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from pipelines.attachments.safety import CellBudget, Deadline, Limits
from pipelines.grid import Grid, GridCell, a1, merge_into, trim

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_VAL = qn("w:val")


def read_docx(data: bytes, limits: Limits, deadline: Deadline, notes: list[str]) -> list[Grid]:
    document = docx.Document(io.BytesIO(data))
    reader = _BodyReader(limits, deadline)
    reader.read(document.element.body)
    return [Grid("document", trim(reader.rows))]


class _BodyReader:
    def __init__(self, limits: Limits, deadline: Deadline):
        self.limits = limits
        self.deadline = deadline
        self.budget = CellBudget(limits.max_cells)
        self.rows: list[list[GridCell]] = []
        self.paragraphs = 0
        self.tables = 0

    def read(self, container) -> None:
        for child in container.iterchildren():
            self.deadline.check()
            if child.tag == _P:
                self.paragraphs += 1
                text = paragraph_text(child)
                if text:
                    self.rows.append([GridCell(text, f"paragraph {self.paragraphs}", self.paragraphs)])
            elif child.tag == _TBL:
                self.tables += 1
                self.rows.extend(self._table(child, f"table{self.tables}"))
            elif child.tag == _SDT:  # content control: its content is body content
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read(content)

    def _table(self, table, name: str) -> list[list[GridCell]]:
        rows: list[list[GridCell]] = []
        ranges: list[list[int]] = []  # [r1, c1, r2, c2], extended downwards by vMerge continuations
        open_vertical: dict[int, list[int]] = {}  # grid column → the range a vMerge there continues
        for r, tr in enumerate(tr for tr in table.iterchildren(_TR)):
            if r >= self.limits.max_rows:
                break
            self.deadline.check()
            row: list[GridCell] = []
            col = min(max(_int_prop(tr, "w:trPr", "w:gridBefore", 0), 0), self.limits.max_columns)
            for tc in tr.iterchildren(_TC):
                if col >= self.limits.max_columns:
                    break
                span = max(1, min(_int_prop(tc, "w:tcPr", "w:gridSpan", 1), self.limits.max_columns))
                while len(row) < col:
                    row.append(GridCell("", f"{name}!{a1(r, len(row))}", r + 1))
                vmerge = _vmerge(tc)
                if vmerge == "continue" and col in open_vertical:
                    open_vertical[col][2] = r
                    text = ""
                else:
                    text = cell_text(tc)
                    if span > 1 or vmerge == "restart":
                        ranges.append([r, col, r, col + span - 1])
                    if vmerge == "restart":
                        open_vertical[col] = ranges[-1]
                    else:
                        open_vertical.pop(col, None)
                row.append(GridCell(text, f"{name}!{a1(r, col)}", r + 1))
                col += span
            self.budget.spend(max(col, len(row)))
            rows.append(row)
        merge_into(
            rows,
            [(r1, c1, r2, c2) for r1, c1, r2, c2 in ranges],
            lambda r, c: GridCell("", f"{name}!{a1(r, c)}", r + 1),
            self.limits.max_columns,
            self.budget,
        )
        return rows


def _int_prop(element, container: str, tag: str, default: int) -> int:
    props = element.find(qn(container))
    node = props.find(qn(tag)) if props is not None else None
    if node is None:
        return default
    try:
        return int(node.get(_VAL, default))
    except ValueError:
        return default


def _vmerge(tc) -> str | None:
    props = tc.find(qn("w:tcPr"))
    node = props.find(qn("w:vMerge")) if props is not None else None
    if node is None:
        return None
    return "restart" if node.get(_VAL) == "restart" else "continue"


def paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts).strip()


def cell_text(tc) -> str:
    return "\n".join(text for p in tc.iter(_P) if (text := paragraph_text(p)))
