"""One grid model for every attachment format: a sheet, a Word document or a PDF becomes rows of cells.

A merged range is expanded: every position it covers holds a cell with the range's text and the same
`merge` reference, so a label merged down over ten indicator rows is read on each of them. Rows may have
different lengths (a document's paragraphs are one-cell rows between its tables). `locator` says where a
cell was printed (`公开14表!D7`, `table1!C5`, `page 3`) and is what provenance records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.body import CELL_SEP, Table


@dataclass
class GridCell:
    text: str  # as displayed, outer whitespace stripped
    locator: str
    row: int  # 1-based row number in the source sheet / table
    merge: str | None = None  # the merged range covering this position (`A5:A9`), shared by its copies
    origin: bool = True  # False on the copies of a merged range


@dataclass
class Grid:
    name: str  # sheet name, `table1`, `document`, `pages`
    rows: list[list[GridCell]] = field(default_factory=list)


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


def merge_into(rows: list[list[GridCell]], ranges: list[tuple[int, int, int, int]], make_cell,
               max_columns: int, budget) -> None:
    """Expand merged ranges (0-based inclusive) into `rows`: clip them to the rows read and the column limit,
    charge the covered area to `budget` (a `safety.CellBudget`) first, then copy each range's top-left cell
    over its positions. `make_cell(row, col)` builds an empty cell where a row is too short."""
    clipped = [(r1, c1, min(r2, len(rows) - 1), min(c2, max_columns - 1))
               for r1, c1, r2, c2 in ranges if r1 < len(rows) and c1 < max_columns]
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


def grid_from_table(table: Table, name: str = "table") -> Grid:
    """An HTML table of the page body (spans already expanded by `pipelines.body`) as a Grid, so a
    self-evaluation form printed inside an article is read by the same form extractor."""
    grid = Grid(name)
    for r, row in enumerate(table.grid):
        cells = []
        for c, cell in enumerate(row):
            spanned = cell.rowspan > 1 or cell.colspan > 1
            ref = f"{a1(cell.row, cell.col)}:{a1(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)}"
            cells.append(GridCell(cell.text.strip(), f"{name}!{a1(r, c)}", r + 1,
                                  ref if spanned else None, origin=(cell.row, cell.col) == (r, c)))
        grid.rows.append(cells)
    return grid
