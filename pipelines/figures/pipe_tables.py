"""Tables flattened into plain text one cell per line, each line ending in ` |` (a blank cell is a bare `|`):

    表1 项目收支明细表
    单位:万元
    预算项目名称 |
    年初结转结余 |
    …
    公共资源交易中心工作经费 |
    0 |
    |

The column count is not printed. Header cells are text; data rows start with a name followed by numbers or
blanks. So the leading run of text cells is the header plus the first row's name, and the width is the
largest candidate for which every row starts with a text cell. Cells keep their offsets into the text.
"""
from __future__ import annotations

import re

from pipelines.grid import Grid, PrintedCell, grid_from_printed
from pipelines.figures.numbers import is_blank, parse_cell

_CELL_LINE = re.compile(r"^[ \t]*(?P<text>.*?)[ \t]*\|[ \t]*$")
_CAPTION = re.compile(r"^\s*表\s*(?:\d+|[一二三四五六七八九十]+)")
_UNIT_LINE = re.compile(r"^\s*(?:金额)?单位\s*[:：]")


def find_pipe_tables(text: str) -> list[Grid]:
    tables = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        run_end = i
        while run_end < len(lines) and _CELL_LINE.match(lines[run_end][2]):
            run_end += 1
        if run_end - i >= 4:
            table = _table(lines, i, run_end, f"table{len(tables) + 1}")
            if table is not None:
                tables.append(table)
        i = max(run_end, i + 1)
    return tables


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line), line))
        start += len(line) + 1
    return out


def _cells(lines: list[tuple[int, int, str]]) -> list[tuple[str, int, int]]:
    cells = []
    for start, _, line in lines:
        match = _CELL_LINE.match(line)
        cell_start = start + match.start("text")
        cells.append((match.group("text"), cell_start, cell_start + len(match.group("text"))))
    return cells


def _is_text(cell: str) -> bool:
    return not is_blank(cell) and not parse_cell(cell).numeric


def _width(cells: list[tuple[str, int, int]]) -> int | None:
    leading = 0
    while leading < len(cells) and _is_text(cells[leading][0]):
        leading += 1
    for width in range(leading - 1, 1, -1):
        body = cells[width:]
        if len(body) % width == 0 and all(_is_text(body[k][0]) for k in range(0, len(body), width)):
            return width
    return None


def _table(lines, first: int, end: int, name: str) -> Grid | None:
    cells = _cells(lines[first:end])
    width = _width(cells)
    if width is None:
        return None
    rows = [[PrintedCell(cell_text, start=start, end=stop) for cell_text, start, stop in cells[offset:offset + width]]
            for offset in range(0, len(cells), width)]
    caption, unit_line = _caption_and_unit(lines, first)
    return grid_from_printed(name, rows, caption=caption, unit_line=unit_line, start=lines[first][0],
                             end=lines[end - 1][1])


def _caption_and_unit(lines, first: int) -> tuple[str, str]:
    caption = unit_line = ""
    for _, _, line in reversed(lines[max(0, first - 2):first]):
        if not unit_line and _UNIT_LINE.match(line):
            unit_line = line.strip()
        elif not caption and _CAPTION.match(line):
            caption = line.strip()
    return caption, unit_line
