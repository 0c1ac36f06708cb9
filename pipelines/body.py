"""The document body as the extractors see it: one text plus the tables inside it.

`body_text` is what the `documents` table stores and what every figure's `span_start`/`span_end` point into.
Tables are rendered into that text one row per line, cells joined by `CELL_SEP`, so a researcher reading
`body_text` still sees the table; the `Table` objects keep the grid (with row/col spans expanded) and the
offset of every cell, so table figures get exact provenance too.
"""
from __future__ import annotations

from dataclasses import dataclass, field

CELL_SEP = " | "


@dataclass
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    start: int = -1  # offset of the cell text in body_text (-1 for a spanned copy with no text of its own)
    end: int = -1
    header: bool = False  # a <th> cell


@dataclass
class Table:
    """A table with spans expanded: `grid[r][c]` is the Cell covering that position (merged cells repeat)."""

    grid: list[list[Cell]]
    start: int  # offset of the table's first character in body_text
    end: int
    caption: str = ""  # <caption> text, or a `表1 …` title line right above the table
    unit_line: str = ""  # a `单位：万元` / `金额单位：元` line right above the table (or in the caption)

    @property
    def rows(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.grid]


@dataclass
class Body:
    text: str
    tables: list[Table] = field(default_factory=list)
