"""The one table model: every table of every source becomes a `Grid` of `GridCell`s.

An HTML `<table>` of a page body, a text table of a page saved as text (pipe rows, one cell per line, or
columns aligned with spaces), an xlsx/xls sheet, a Word document and a PDF all arrive here in the same
shape, so the same recognizers (income/expenditure summaries, 三公 tables, project tables, self-evaluation
forms, indicator tables) read them all:

* merged ranges are expanded: every position a range covers holds a cell with the range's text and the same
  `merge` reference (`A5:A9`); only the top-left copy has `origin` True. A label merged down over ten
  indicator rows is read on each of them;
* `locator` says where a cell was printed (`公开14表!D7`, `table2!C5`, `page 3`); a cell of a page body also
  has `start`/`end`, its offsets in `body_text` (the printed cell, so figures keep exact provenance);
* the grid keeps its `caption` (a `<caption>`, a `表1 …` title line) and the nearest `unit_line` before it
  (`单位：元`, `金额单位：万元`), bound to this table and never carried into the next one.

Rows of sheets and documents may differ in length (a document's paragraphs are one-cell rows between its
tables); grids of a page body are rectangular.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipelines.text import is_blank, leading_number

CELL_SEP = " | "  # how a page body renders the cells of one table row into `body_text`


@dataclass
class GridCell:
    text: str  # as displayed, outer whitespace stripped
    locator: str
    row: int  # 1-based row number in the source sheet / table
    merge: str | None = None  # the merged range covering this position (`A5:A9`), shared by its copies
    origin: bool = True  # False on the copies of a merged range
    start: int = -1  # offsets of the printed text in `body_text` (page tables, origin cells only)
    end: int = -1
    printed: bool = True  # False: a position the source printed nothing for (a PDF's text dropped its empty cells)


@dataclass
class Grid:
    name: str  # sheet name, `table1`, `document`, `pages`
    rows: list[list[GridCell]] = field(default_factory=list)
    caption: str = ""  # <caption> text, or a `表1 …` title line right above the table
    unit_line: str = ""  # a `单位：万元` / `金额单位：元` line right above the table (or in its caption)
    start: int = -1  # offsets of the whole table in `body_text` (page tables only)
    end: int = -1

    @property
    def texts(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.rows]


@dataclass
class PrintedCell:
    """A cell as a page prints it, before its spans are expanded: an HTML `<td>` or a text-table cell."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    start: int = -1
    end: int = -1
    printed: bool = True  # False: a cell put back where a text table dropped an empty one (no null figure)


def grid_from_printed(name: str, rows: list[list[PrintedCell]], **described) -> Grid:
    """Expand the spans of printed rows into a rectangular grid (HTML layout rules: a cell takes the first
    column its row has free; a rowspan is clipped at the last row)."""
    covered: dict[tuple[int, int], GridCell] = {}
    n_rows = len(rows)
    for r, row in enumerate(rows):
        c = 0
        for printed in row:
            while (r, c) in covered:
                c += 1
            rowspan = min(printed.rowspan, n_rows - r)
            ref = (
                f"{a1(r, c)}:{a1(r + rowspan - 1, c + printed.colspan - 1)}"
                if rowspan > 1 or printed.colspan > 1
                else None
            )
            for dr in range(rowspan):
                for dc in range(printed.colspan):
                    covered[(r + dr, c + dc)] = GridCell(
                        printed.text, f"{name}!{a1(r + dr, c + dc)}", r + dr + 1, ref, origin=False
                    )
            covered[(r, c)] = GridCell(
                printed.text, f"{name}!{a1(r, c)}", r + 1, ref, True, printed.start, printed.end, printed.printed
            )
            c += printed.colspan
    width = max((c for _, c in covered), default=-1) + 1
    grid_rows = [
        # a position no cell covers (a row that ended early) printed nothing: no null figure from it
        [covered.get((r, c)) or GridCell("", f"{name}!{a1(r, c)}", r + 1, printed=False) for c in range(width)]
        for r in range(n_rows)
    ]
    return Grid(name, grid_rows, **described)


# `单位：万元`, `金额单位:元`, `编制单位:某局 单位:元`: a money unit declared for the table below (text is NFKC).
_UNIT_DECLARATION = re.compile(
    r"(?:金额|计量|货币)?单位\s*[:：]\s*(?:人民币)?\s*(?:万元|亿元|千元|元|万)(?![\u4e00-\u9fff])"
)
_CAPTION_LINE = re.compile(
    r"^附?表\s*[0-9一二三四五六七八九十]+|^.{2,48}表(?:\s*[(（][^)）]{0,20}[)）])?$|公开\d{1,2}表"
)
_UNIT_LINE_MAX = 60


def describe(grid: Grid, before: list[str], caption: str = "") -> None:
    """Bind the caption and the nearest unit line to a table, from the lines printed right above it.

    The unit is a `单位：…` declaration on the line right above (alone, or beside a caption or 编制单位), or on the
    line above a caption line, else in the caption, else in a merged first row. Nothing further up counts, so a
    unit is never carried from one table into the next."""
    unit_line = ""
    lines = [line for line in before[-2:] if line]
    for index in range(len(lines) - 1, -1, -1):
        found = _UNIT_DECLARATION.search(lines[index]) if len(lines[index]) <= _UNIT_LINE_MAX else None
        if found and all(_CAPTION_LINE.search(other) for other in lines[index + 1 :]):
            unit_line = found.group(0)
            rest = lines[index][: found.start()].strip()
            lines = ([rest] if rest else []) + lines[:index] + lines[index + 1 :]
            break
    if not caption:
        caption = next((line for line in reversed(lines) if _CAPTION_LINE.search(line)), "")
    if not unit_line:
        found = _UNIT_DECLARATION.search(caption) or _UNIT_DECLARATION.search(_merged_first_row(grid))
        unit_line = found.group(0) if found else ""
    grid.caption, grid.unit_line = caption, unit_line


def _merged_first_row(grid: Grid) -> str:
    """The first row's text when one cell spans it (a unit or title row), else ''."""
    texts = {cell.text for cell in grid.rows[0] if cell.text} if grid.rows else set()
    return texts.pop() if len(texts) == 1 else ""


def same_cell(a: GridCell | None, b: GridCell | None) -> bool:
    """The same printed cell: one object, or two positions of one merged range."""
    return a is not None and b is not None and (a is b or (a.merge is not None and a.merge == b.merge))


def column_letter(col: int) -> str:
    """0-based column index → `A`, `B`, … `AA`."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    """0-based (row, col) → `D7`."""
    return f"{column_letter(col)}{row + 1}"


_A1_RE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def parse_a1(ref: str) -> tuple[int, int]:
    """`D7` → (6, 3), 0-based."""
    match = _A1_RE.match(ref.strip().upper())
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """`A5:B9` → (first_row, first_col, last_row, last_col), 0-based inclusive."""
    first, _, last = ref.partition(":")
    r1, c1 = parse_a1(first)
    r2, c2 = parse_a1(last or first)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def merge_into(
    rows: list[list[GridCell]], ranges: list[tuple[int, int, int, int]], make_cell, max_columns: int, budget
) -> None:
    """Expand merged ranges (0-based inclusive) into `rows`: clip them to the rows read and the column limit,
    charge the covered area to `budget` (a `safety.CellBudget`) first, then copy each range's top-left cell
    over its positions. `make_cell(row, col)` builds an empty cell where a row is too short."""
    clipped = [
        (r1, c1, min(r2, len(rows) - 1), min(c2, max_columns - 1))
        for r1, c1, r2, c2 in ranges
        if r1 < len(rows) and c1 < max_columns
    ]
    budget.spend(sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in clipped))
    for r1, c1, r2, c2 in clipped:
        ref = f"{a1(r1, c1)}:{a1(r2, c2)}"
        _pad(rows[r1], c1 + 1, r1, make_cell)
        top = rows[r1][c1]
        top.merge = ref
        for r in range(r1, r2 + 1):
            _pad(rows[r], c2 + 1, r, make_cell)
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    rows[r][c] = GridCell(top.text, rows[r][c].locator, rows[r][c].row, ref, origin=False)


def _pad(row: list[GridCell], width: int, index: int, make_cell) -> None:
    while len(row) < width:
        row.append(make_cell(index, len(row)))


def trim(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """Drop trailing empty cells of each row and trailing empty rows."""
    for row in rows:
        while row and not row[-1].text:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def distinct_positions(row: list[GridCell]) -> list[tuple[int, GridCell]]:
    """(column, cell) for the non-empty cells of a row, each merged range once (at its first column)."""
    seen: set[object] = set()
    positions = []
    for col, cell in enumerate(row):
        key = cell.merge or id(cell)
        if cell.text and key not in seen:
            seen.add(key)
            positions.append((col, cell))
    return positions


def distinct_cells(row: list[GridCell]) -> list[GridCell]:
    return [cell for _, cell in distinct_positions(row)]


def row_source_text(row: list[GridCell]) -> str:
    """The row as provenance text: its distinct cells joined like `body_text` joins table cells."""
    return CELL_SEP.join(" ".join(cell.text.split()) for cell in distinct_cells(row))


def row_span(row: list[GridCell]) -> tuple[int, int] | None:
    """Offsets in `body_text` from the first to the last printed cell of a page-table row, or None."""
    printed = [cell for cell in row if cell.start >= 0]
    if not printed:
        return None
    return min(cell.start for cell in printed), max(cell.end for cell in printed)


def amounts_without_label(row: Sequence[GridCell] | Sequence[PrintedCell]) -> bool:
    """`│ 32.4 │ 31.69 │ 10 │`: a blank first cell, then amounts only (the row whose label sat on the row above)."""
    values = [cell.text for cell in row[1:] if not is_blank(cell.text)]
    return (
        len(row) > 1 and is_blank(row[0].text) and bool(values) and all(leading_number(v) is not None for v in values)
    )
