"""Tables printed as text, rebuilt into the one table model (`pipelines.grid.Grid`).

Reports saved as text, PDFs converted to text and pages that paste a table as paragraphs print tables in these
layouts; each becomes a grid whose cells keep their offsets in the text:

* **one cell per line**, each line ending in ` |` (a blank cell is a bare `|`; a bar printed on a line of its own
  closes the cell above it). The column count is not printed:
  header cells are text and every data row starts with a name (or with its serial, under a `序号` header cell: a
  finance bureau's table of evaluated projects), so the width is the largest one for which every
  row starts with a text cell (the last row may stop at its label: its blank cells were dropped); a group header
  printed before its subtotal and parts (`公车购置及运行维护费 │ 合计 │ 车辆购置 │ 车辆运行`) spans them;
* **pipe rows**, one row per line, cells between `|` (`合计 | 18.64 | 15.27 |`). Leading one-cell rows are the
  title and unit line; a short all-text row right under the header continues it (its cells sit under the last
  columns); a short data row is left-aligned;
* **aligned columns**, cells separated by spaces (`合计 180000.00 152630.40`), under a header line of words
  (`项目 预算数 决算数`). A data row with fewer numbers than the header has columns lacks its leading ones (a
  PDF drops empty cells), so its numbers are right-aligned (left-aligned under a form's funds header, whose
  sub-rows leave 分值/执行率/得分 empty); a unit line `(万元)` right under the header completes its first cell; a second
  header line of words splits the header cell it shares a word with (`…增减` ⏎ `增减额 增减率`);
  a row with one token per header column
  (`1 某局 某项目 3,260.00 良`) is read cell by cell.

* **a self-evaluation form flattened to one cell per line** (`项目名称` ⏎ name ⏎ … ⏎ `年初` ⏎ `预算数` ⏎ … ⏎
  `年度资金总额` ⏎ `43.2` …, each line maybe ending in ` |`, blank cells dropped or left as bare `|`): the form's
  label rows, its funds block and its indicator header are rebuilt as rows for the form reader;
* **one cell per paragraph, no separators** (`项目名称` ⏎ ⏎ `自评分数` ⏎ ⏎ name ⏎ ⏎ `96.5` …): a project table
  pasted cell by cell, from a project-name header cell; every row starts with a text cell, and rows shorter than
  the header lost their trailing blank cells (a 自评等级 left empty);
* **a label and its values, one cell per line**: a caption cell, a run of column headers (`2022 年决算数` ⏎
  `2023 年预算数` …), then each row's label followed by one value per column or by none (the Hunan
  部门整体支出绩效评价基础数据表, a form's funds block, whose form title may stand a few cells above);
* **headers over one row of amounts, cell by cell** (`合计 |`, `公务用车购置及运行费 |`, `|||`, `小计 |` … `42.36 |`):
  a 三公 table whose merged cells were flattened away; its two header rows are rebuilt from the group and its parts;
* **the same without bars, stage by stage**: the national template's 三公 table pasted one cell per line under its
  caption (`…“三公”经费支出决算表` ⏎ `单位:万元` ⏎ `合计` ⏎ `因公出国` ⏎ `(境)费` … ⏎ `预算数` ⏎ `决算数` … ⏎ amounts):
  names a line break split are joined, and each item keeps its 预算数 and 决算数 columns.

The caption and the unit line right above are bound to the table as for HTML tables (`grid.describe`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from pipelines.attachments import labels as L
from pipelines.attachments.forms import DEPARTMENT, PROJECT
from pipelines.figures.numbers import parse_cell
from pipelines.grid import Grid, PrintedCell, amounts_without_label, describe, grid_from_printed
from pipelines.lexicon import alternation, lexicon
from pipelines.text import is_blank

_CELL_LINE = re.compile(r"^[ \t]*(?P<text>[^|]*?)[ \t]*\|[ \t]*$")
_TEXT_CELL_LINE = re.compile(r"^[ \t]*[^|\s][^|]*\|[ \t]*$")  # `项 目 |`: a cell with its own bar, not a bare `|`
_PIPE = re.compile(r"\s*\|\s*")
# a word, or a cell whose bracketed note a space split (`执行率(全年 执行数/全年 预算数)` is one header cell)
_TOKEN = re.compile(r"(?:[^\s\u3000(（]|[(（][^()（）\n]{0,30}?[)）]|[(（])+")
_SENTENCE = re.compile(r"[。；;，,：:！？]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LABEL_COLON = re.compile(r"[:：](?=\s)")  # `年度资金总额： 0 0 0`: a label's colon before its numbers
_UNIT_ONLY = re.compile(r"^[(（]\s*(?:万元|元|亿元)\s*[)）]$")
_SCORING = re.compile(r"分值|得分|执行率|权重")
_SUB_ITEM = re.compile(r"^\s*其中\s*[:：]")  # `其中：公务用车购置费 0.00 0.00` is a row, not a sentence
_MIN_CELL_LINES = 4
_NAME_CELL = re.compile(alternation(lexicon().sections["columns"]["project_name"]))
_PARAGRAPH_CELL_CHARS = 60
_DROPPED_CELLS = 2  # trailing blank cells a row pasted cell by cell may have lost
_MIN_ROWS = 2
_HEADER_CHARS = 120
_LABEL_ROW_CHARS = 30
_HEADER_CELLS = 3  # text cells of a row that heads a new pipe table

Line = tuple[int, int, str]  # start offset, end offset, text


def find_text_tables(text: str, outside: Sequence[tuple[int, int]] = ()) -> list[Grid]:
    """Every text table of `text`, skipping the spans in `outside` (tables already known, e.g. HTML ones)."""
    lines = [line for line in _lines(text) if not any(start <= line[0] < end for start, end in outside)]
    tables: list[Grid] = []
    i = floor = 0
    while i < len(lines):
        found = _form_stream(lines, i) or _summary_stream(lines, i, floor)
        if found:
            pass
        elif "|" in lines[i][2]:
            found = _cell_per_line(lines, i) or _bar_rows(lines, i) or _pipe_rows(lines, i) or _header_stream(lines, i)
            if found is None:  # a run of pipe lines that is no table: skip it, up to a form or summary it holds
                end = _contiguous(lines, i, lambda line: "|" in line)
                i = next(
                    (k for k in range(i + 1, end) if _form_start(lines[k]) is not None or _opens_summary(lines[k])),
                    end,
                )
                continue
        else:
            found = (
                _cell_paragraphs(lines, i)
                or _label_stream(lines, i)
                or _stage_stream(lines, i)
                or _aligned(lines, i)
                or _result_rows(lines, i)
                or _inline(lines, i)
            )
        if found is None:
            i += 1
            continue
        rows, first, end, title, *span = found
        start, stop = span[0] if span else (lines[first][0], lines[end - 1][1])
        grid = grid_from_printed(f"text{len(tables) + 1}", rows, start=start, end=stop)
        describe(grid, [line[2].strip() for line in lines[max(0, i - 2) : i]] + title)
        tables.append(grid)
        i = floor = end
    return tables


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    start = 0
    printed = text.split("\n")
    for index, line in enumerate(printed):
        if (
            line.strip() == "|"
            and out
            and out[-1][1] == start - 1
            and out[-1][2].strip()
            and "|" not in out[-1][2]
            and not _TEXT_CELL_LINE.match(printed[index + 1] if index + 1 < len(printed) else "")
        ):
            # `年度` ⏎ `|` ⏎ `合计` ⏎ `|`: the bar closing a cell printed on a line of its own; the line break
            # becomes a space, so offsets in the joined line stay those of the text. (Before `项 目 |` the bar
            # opens a row whose cells end in their own bars: `单位：万元` ⏎ `|` ⏎ `项 目 |` ⏎ `预算数 |` …)
            previous = out.pop()
            out.append((previous[0], start + len(line), previous[2] + " " + line))
        else:
            out.append((start, start + len(line), line))
        start += len(line) + 1
    return out


def _is_text(cell: str) -> bool:
    return not is_blank(cell) and not parse_cell(cell).numeric


def _contiguous(lines: list[Line], i: int, test) -> int:
    """End index of the run of lines from `i` that pass `test` and follow each other in the text."""
    end = i
    while end < len(lines) and test(lines[end][2]) and (end == i or lines[end][0] == lines[end - 1][1] + 1):
        end += 1
    return end


# -- one cell per line ------------------------------------------------------------------------------------


# the label of a header's row of column numbers (`栏 次` ⏎ `1` ⏎ `2` …), printed alone when the numbers were dropped
_COLUMN_NUMBERS_LABEL = re.compile(r"栏\s*次")


def _cell_per_line(lines: list[Line], i: int):
    end = _contiguous(lines, i, lambda line: bool(_CELL_LINE.match(line)))
    end = next((k for k in range(i + 1, end) if _form_start(lines[k]) is not None), end)  # a form is read alone
    if end - i < _MIN_CELL_LINES:
        return None
    cells = []
    for start, _, line in lines[i:end]:
        match = _CELL_LINE.match(line)
        assert match is not None  # _contiguous kept only cell lines
        cells.append(
            PrintedCell(
                match.group("text"),
                start=start + match.start("text"),
                end=start + match.start("text") + len(match.group("text")),
            )
        )
    opened = _opened_width([cell.text for cell in cells])
    cells = [cell for k, cell in enumerate(cells) if k % opened] if opened else cells
    cells = [cell for cell in cells if not _COLUMN_NUMBERS_LABEL.fullmatch(cell.text)]  # its numbers are lost
    shape = _shape([cell.text for cell in cells])
    if shape is None or (opened and shape[1] != opened - 1):
        return None
    header, width = shape
    rows = [cells[k : k + width] for k in range(header, len(cells), width)]
    return [*_header_rows_of(cells[:header]), *rows], i, end, []


_BAR_RUN = re.compile(r"^[ \t]*\|[ \t|]*\|[ \t|]*$")  # `||||||||`: the end of a row and its blank cells
_BAR_ROWS = 3
# a cell's first line, printed above the line that carries its bar (`预算执行情况(万元)` ⏎ `(20分) |`)
_BAR_TEXT_CHARS = 30


def _bar_rows(lines: list[Line], i: int):
    """A table or form pasted one cell per line, each cell closed by its bar and each row by a run of bars
    (`项目名称 |` ⏎ `春节走访慰问经费 |` ⏎ `||||||||` ⏎ `主管部门 |` …): rows of their own widths, as the form printed
    them. A table ends where a form's rows begin, or where a header row follows a row of amounts (`财政供养人员情况 │
    编制数 …` ⏎ `15 │ 15 │ 100%` ⏎ `经费控制情况(万元) │ 2023年决算数 …`); a row of amounts one cell short of the header
    above it lost its blank label cell."""
    rows, ends, k = _bar_run_rows(lines, i)
    form = next((n for n, r in enumerate(rows) if _FORM_LABELS & {L.bare(c.text) for c in r}), None)
    if form == 0:
        return (rows, i, k, []) if len(rows) >= _BAR_ROWS else None
    if form is not None:  # a table printed right above a form (its title line may have left the body)
        rows, k = rows[:form], ends[form - 1]
    cut = next((n for n in range(2, len(rows)) if _header_after_amounts(rows[n - 1], rows[n])), None)
    if cut is not None:
        rows, k = rows[:cut], ends[cut - 1]
    ended = cut is not None or form is not None  # a table with a header of its own and at least one row
    if len(rows) < _BAR_ROWS - ended or not any(parse_cell(c.text).numeric for r in rows for c in r):
        return None
    if any(_opens_summary(line) for line in lines[i:k]):
        return None  # a 收支总表 pasted the same way: its own reader rebuilds its blocks
    return _with_label_cells(rows), i, k, []


def _bar_run_rows(lines: list[Line], i: int) -> tuple[list[list[PrintedCell]], list[int], int]:
    """The rows from line `i` on, the line after each row's bar run, and the line the rows end before. A cell
    broken over two lines keeps both (its text then has no offsets of its own)."""
    rows: list[list[PrintedCell]] = []
    ends: list[int] = []
    row: list[PrintedCell] = []
    pending: list[str] = []
    k = i
    while k < len(lines):
        start, _, line = lines[k]
        cell = _CELL_LINE.match(line)
        if row and line.strip() == "|" and parse_cell(row[-1].text).numeric and _label_cell_next(lines, k):
            rows.append(row)  # a lone bar before the next row's label: this row's end (`0.00 |` ⏎ `|` ⏎ `总计 |`)
            ends.append(k + 1)
            row = []
        elif cell:
            text = cell.group("text")
            at = start + cell.start("text")
            printed = PrintedCell(text, start=at, end=at + len(text))
            row.append(PrintedCell("".join(pending) + text) if pending else printed)
            pending = []
        elif _BAR_RUN.match(line) and row:
            rows.append(row)
            ends.append(k + 1)
            row = []
        elif not pending and _cell_start(line):
            pending = [line.strip()]
        else:
            break
        k += 1
    if rows and _labelled_amounts(row):  # the last row, its closing bars lost to the text after it
        rows.append(row)
        ends.append(k - len(pending))
    return rows, ends, k - len(pending)


def _labelled_amounts(row: list[PrintedCell]) -> bool:
    """`总计 │ 8.50 │ 8.50 │ 0.00`: a label, then amounts."""
    return len(row) > 1 and _is_text(row[0].text) and all(parse_cell(c.text).numeric for c in row[1:] if c.text)


def _label_cell_next(lines: list[Line], k: int) -> bool:
    """The line after `k` is a cell of words (`总计 |`): the label that opens a row."""
    following = _CELL_LINE.match(lines[k + 1][2]) if k + 1 < len(lines) else None
    return following is not None and _is_text(following.group("text"))


def _cell_start(line: str) -> bool:
    """A cell's first line, printed above the line that carries its bar (`预算执行情况(万元)` ⏎ `(20分) |`); a form's
    title line starts the next table instead."""
    text = line.strip()
    if "|" in line or not text or len(text) > _BAR_TEXT_CHARS:
        return False
    return not (L.is_title(text) and L.kind_from_text(text))


def _header_after_amounts(above: list[PrintedCell], row: list[PrintedCell]) -> bool:
    """A column header right under a row of bare amounts (a form's label row `项目类别 │ 1、部门预算项目` is none)."""
    amounts = [c.text for c in above[1:] if c.text] if _is_text(above[0].text) else [c.text for c in above if c.text]
    bare = bool(amounts) and all(_BARE_AMOUNT.fullmatch(text) for text in amounts)
    texts = [c.text for c in row]
    return bare and sum(map(_is_text, texts)) >= _HEADER_CELLS and not any(parse_cell(t).numeric for t in texts)


_BARE_AMOUNT = re.compile(r"-?[\d,]+(?:\.\d+)?%?")


def _with_label_cells(rows: list[list[PrintedCell]]) -> list[list[PrintedCell]]:
    """Rows that lost the label cell their header's first column spanned get it back: a row of amounts one cell
    short of the header above it (a blank label), and a sub-header repeating under each group of the header above
    it (`项目 │ 预算数 │ 决算数` over `合计 │ 一般公共预算 │ 政府性基金 │ 合计 │ …`: the groups spread over their
    columns)."""
    out = [rows[0]]
    for row in rows[1:]:
        above = out[-1]
        header_above = not any(parse_cell(c.text).numeric for c in above)
        if header_above and all(parse_cell(c.text).numeric for c in row) and len(row) == len(above) - 1:
            row = [PrintedCell(""), *row]
        elif header_above and not any(parse_cell(c.text).numeric for c in row) and len(above) > 1:
            spread = _spread_groups(above, [PrintedCell(above[0].text), *row])
            if spread is not None:
                out[-1], row = spread, [PrintedCell(above[0].text), *row]
        out.append(row)
    return out


def _opened_width(texts: list[str]) -> int | None:
    """The width of rows that each open with a bare bar (`|` ⏎ `项 目 |` ⏎ `预 算 数 |` ⏎ `决 算 数 |` ⏎ `|` ⏎
    `合 计 |` …, a markdown row pasted one cell per line): a blank cell before every row, and nowhere else in
    the header row; None for other tables."""
    if texts[0] or len(texts) < 2 or not _is_text(texts[1]):
        return None
    for width in range(3, len(texts) // 2 + 1):
        if all(not texts[k] for k in range(0, len(texts), width)) and all(map(_is_text, texts[1:width])):
            return width
    return None


def _header_rows_of(header: list[PrintedCell]) -> list[list[PrintedCell]]:
    """A header row flattened from two (`… │ 公车购置及运行维护费 │ 合计 │ 车辆购置 │ 车辆运行`, the group's
    subtotal and parts printed after it): the two rows rebuilt, else the row as printed."""
    leaves = _leaves(header)
    if len(leaves) == len(header) and all(parent is None for parent, _ in leaves):
        return [header]
    top = [PrintedCell(parent.text) if parent else leaf for parent, leaf in leaves]
    return [top, [leaf if parent else PrintedCell(leaf.text) for parent, leaf in leaves]]


def _shape(texts: list[str]) -> tuple[int, int] | None:
    """(header cells, width) of cells printed one per line: the header is one row, or one more cell when a group
    header sits over its subtotal and parts (`公车购置及运行维护费` over `合计 │ 车辆购置 │ 车辆运行`)."""
    leading = 0
    while leading < len(texts) and _is_text(texts[leading]):
        leading += 1
    if _numbered_rows(texts, leading):
        return leading, leading
    for width in range(leading - 1, 1, -1):
        for header in (width, width + 1):
            if header > width and len(_leaves([PrintedCell(text) for text in texts[:header]])) != width:
                continue
            body = texts[header:]
            rest = body[len(body) - len(body) % width :]  # a last row whose blank cells were dropped: a label only
            if (
                not any(parse_cell(text).numeric for text in rest)
                and all(_is_text(body[k]) for k in range(0, len(body), width))
                and any(parse_cell(text).numeric for text in body)
            ):
                return header, width
    return None


_SERIAL_HEADER = re.compile(r"序\s*号|编\s*号")


def _numbered_rows(texts: list[str], width: int) -> bool:
    """Rows that each open with their serial under a `序号` header cell (`序号 |` … ⏎ `1 |` ⏎ name … ⏎ `2 |` …);
    the last row may be cut short."""
    body = texts[width:]
    if width < 3 or len(body) < width or not _SERIAL_HEADER.fullmatch(texts[0].strip()):
        return False
    return all(body[k].strip() == str(n + 1) for n, k in enumerate(range(0, len(body), width)))


# -- one cell per paragraph -------------------------------------------------------------------------------


def _cell_paragraphs(lines: list[Line], i: int):
    """A project table pasted one cell per paragraph (blank lines between cells) from its `项目名称` cell: the
    header is the leading run of text cells, every row starts with a text cell and prints a number, and a row
    shorter than the header lacks its trailing cells (blank ones a paste drops), which are restored empty."""
    if not _NAME_CELL.fullmatch(lines[i][2].strip()):
        return None
    found = _line_cells(
        lines, i, _PARAGRAPH_CELL_CHARS, lambda text: bool(_SENTENCE.search(_number_free(text))), reach=None
    )
    cells = [cell for cell, _ in found]
    end = found[-1][1] + 1 if found else i
    split = _paragraph_split([cell.text for cell in cells])
    if split is None:
        return None
    header, width = split
    rows = [cells[:header]] + [
        cells[k : k + width] + [PrintedCell("") for _ in range(header - width)]
        for k in range(header, len(cells), width)
    ]
    return rows, i, end, []


def _paragraph_split(texts: list[str]) -> tuple[int, int] | None:
    """(header cells, row cells) of a table pasted cell by cell, the widest rows first; None if no split fits."""
    leading = 0
    while leading < len(texts) and _is_text(texts[leading]):
        leading += 1
    for header in range(min(leading, 12), 2, -1):
        if any(L.bare(text) in _FORM_LABELS for text in texts[1:header]):
            return None  # a flattened form's label rows, not a table header
        body = texts[header:]
        for width in range(header, max(1, header - _DROPPED_CELLS - 1), -1):
            rows = [body[k : k + width] for k in range(0, len(body), width)]
            if (
                len(rows) >= _MIN_ROWS
                and len(body) % width == 0
                and all(_is_text(row[0]) and any(parse_cell(text).numeric for text in row[1:]) for row in rows)
            ):
                return header, width
    return None


# -- rows of a label and its values, one cell per line, under a run of column headers -------------------------

# A column header of such a table: what a column of amounts, counts or rates holds (`2022 年决算数`, `编制数`,
# `2023 年实际在职人数`, `控制率`, `全年执行数`, `自评得分`), never a row's label (`三公经费:`, `其中:办公经费`).
_STREAM_COLUMN = re.compile(
    r"(?:(?:19|20)\d{2}\s*年度?)?\s*[\u4e00-\u9fff]{0,6}?"
    r"(?:预算数|决算数|执行数|编制数|人数|控制率|执行率|完成率|分值|得分)(?:\s*[(（][^()（）]{0,8}[)）])?"
)
_STREAM_HEADERS = 2  # column headers a label stream prints at least
_ROW_LABEL_HEADER = re.compile(r"项目|科目|项目名称|指标名称")
_CLAUSE_END = re.compile(r"[。；;，,！？]")


def _label_stream(lines: list[Line], i: int):
    """A table pasted one cell per line (blank lines between cells): a caption cell (`经费控制情况(万元`), the
    column headers (`2022 年决算数` ⏎ `2023 年预算数` ⏎ `2023 年决算数`), then rows of a label followed by one
    value per column, or by none (a label row whose cells were left empty: `1、业务工作经费`). Values right after
    the headers belong to the caption (`财政供养人员情况` ⏎ `编制数` ⏎ `实际在职人数` ⏎ `46` ⏎ `50`). The
    Hunan 部门整体支出绩效评价基础数据表 and forms' funds blocks are printed so."""
    if not _column_header_next(lines, i):
        return None  # most lines: no table of this kind starts here
    found = _line_cells(lines, i, _STREAM_CELL_CHARS, lambda text: bool(_CLAUSE_END.search(_number_free(text))))
    cells = [cell for cell, _ in found]
    if not cells:
        return None  # the caption line itself is a sentence, a pipe row or too long to be a cell
    line_of = {id(cell): k for cell, k in found}
    width = _headers_after(cells, 0)
    # one value column is enough under a row-label header (`项 目` ⏎ `2016年决算数` ⏎ `合 计` ⏎ `3378.43` …)
    needed = 1 if _ROW_LABEL_HEADER.fullmatch(L.bare(cells[0].text)) else _STREAM_HEADERS
    if width < needed or not _is_text(cells[0].text) or _STREAM_COLUMN.fullmatch(cells[0].text):
        return None
    rows = [cells[: 1 + width]]
    k = 1 + width
    if k + width <= len(cells) and not any(_is_text(cell.text) for cell in cells[k : k + width]):
        rows.append([PrintedCell("", printed=False), *cells[k : k + width]])  # the caption's own values
        k += width
    while k < len(cells) and _is_text(cells[k].text) and _headers_after(cells, k) < _STREAM_HEADERS:
        values = 0
        while k + 1 + values < len(cells) and not _is_text(cells[k + 1 + values].text):
            values += 1
        if values not in (0, width):
            break
        rows.append(cells[k : k + 1 + values] + [PrintedCell("", printed=False) for _ in range(width - values)])
        k += 1 + values
    while len(rows) > 1 and not any(cell.text for cell in rows[-1][1:]):
        rows.pop()  # label rows after the last values are text below the table
    if len(rows) < _MIN_ROWS:
        return None
    last = max(line_of[id(cell)] for row in rows for cell in row if id(cell) in line_of)
    return rows, i, last + 1, _form_title_above(lines, i, rows[0])


_TITLE_REACH = 8  # lines above a funds block that may hold its form's title (with the form's label rows between)


def _form_title_above(lines: list[Line], i: int, header: list[PrintedCell]) -> list[str]:
    """The title of the form a funds block belongs to (`2023年度部门整体支出绩效自评表` ⏎ `预算部门、单位名称` ⏎ … ⏎
    `年初预算数` …), printed a few cells above it; none for other tables."""
    if not _funds_header(header):
        return []
    above = [line[2].strip() for line in lines[max(0, i - 2 * _TITLE_REACH) : i] if line[2].strip()]
    titles = (text for text in reversed(above[-_TITLE_REACH:]) if L.kind_from_text(text) in (PROJECT, DEPARTMENT))
    return next(([text] for text in titles if L.is_title(text)), [])


def _column_header_next(lines: list[Line], i: int) -> bool:
    """The first non-blank line after line `i` is a column header."""
    following = next((line[2].strip() for line in lines[i + 1 : i + 1 + _TITLE_REACH] if line[2].strip()), "")
    return bool(_STREAM_COLUMN.fullmatch(following))


def _headers_after(cells: list[PrintedCell], k: int) -> int:
    """How many column headers follow the cell at `k` (a caption, or the next table's caption)."""
    count = 0
    while k + 1 + count < len(cells) and _STREAM_COLUMN.fullmatch(cells[k + 1 + count].text):
        count += 1
    return count


# -- a self-evaluation form flattened to one cell per line ------------------------------------------------

_FORM_LABELS = L.PROJECT_LABELS | L.DEPARTMENT_LABELS | L.IMPLEMENTER_LABELS
_FORM_REACH = 400  # cells of a flattened form read from its 项目名称 cell on
_FORM_CELL_CHARS = 200
_FORM_LEAD = 6  # words a flattened form's paragraph may print before its 项目名称 (附件, the title, the year)


def _stream_cells(line: Line) -> list[PrintedCell] | None:
    """The cells a line of a flattened form prints: the line itself when it ends in ` |` (a bare `|` is a blank
    cell), else its words (a form flattened into a paragraph separates its cells by spaces); None for a line
    that prints a longer cell or several pipe cells."""
    start, _, text = line
    match = _CELL_LINE.match(text)
    if match is None:
        return None if "|" in text else _tokens(line)
    cell = match.group("text")
    if "|" in cell or len(cell) > _FORM_CELL_CHARS:
        return None
    return [PrintedCell(cell, start=start + match.start("text"), end=start + match.start("text") + len(cell))]


def _form_start(line: Line) -> int | None:
    """Where a form flattened to a stream of cells starts in a line: its `项目名称` cell, the line's first or
    one of its first words (`附件： 项目支出绩效自评表 （2022年度） 项目名称 …`); None elsewhere."""
    if not any(label in line[2] for label in L.PROJECT_LABELS):  # most lines: no need to split them
        return None
    cells = _stream_cells(line) or []
    return next((k for k, cell in enumerate(cells[: _FORM_LEAD + 1]) if L.bare(cell.text) in L.PROJECT_LABELS), None)


def _form_stream(lines: list[Line], i: int):
    """A 项目支出绩效自评表 flattened to a stream of cells (one per line, or a paragraph of words): from its
    `项目名称` cell, the label rows (项目名称, 主管部门, 实施单位 with the cell after each), the funds header (a
    header split over two lines, `年初` ⏎ `预算数`, is joined), the total row and its 其中 rows (the cells after
    each label, in the header's order), the indicator header and the 总分 row, so the form reader classifies and
    reads them as in any other grid. The indicator rows themselves are not rebuilt (their blank cells are lost)."""
    lead = _form_start(lines[i])
    if lead is None:
        return None
    cells: list[PrintedCell] = []
    line_of: list[int] = []
    end = i
    while end < len(lines) and len(cells) < _FORM_REACH and (end == i or lines[end][0] == lines[end - 1][1] + 1):
        found = _stream_cells(lines[end])
        if found is None:
            break
        found = found[lead:] if end == i else found
        cells += found
        line_of += [end] * len(found)
        end += 1
    rows = _stream_rows(cells)
    if rows is None:
        return None
    last = max(line_of[k] for k, cell in enumerate(cells) if any(cell is printed for row in rows for printed in row))
    width = max(len(row) for row in rows)
    return [row + [PrintedCell("") for _ in range(width - len(row))] for row in rows], i, last + 1, []


def _stream_rows(cells: list[PrintedCell]) -> list[list[PrintedCell]] | None:
    texts = [cell.text for cell in cells]
    header = _stream_header(
        texts, 0, "funds", lambda roles: "executed" in roles and bool(roles & {"initial", "full_year"})
    )
    if header is None:
        return None
    start, stop, columns = header
    rows = [
        [cells[k], cells[k + 1]]
        for k in range(start - 1)
        if L.bare(texts[k]) in _FORM_LABELS and _is_text(texts[k + 1]) and not _is_form_word(texts[k + 1])
    ]
    if not rows or L.bare(rows[0][0].text) not in L.PROJECT_LABELS:
        return None  # a project table's header (项目名称 │ 年初预算数 …), not a form
    used = {id(cell) for row in rows for cell in row}
    block = [cell for cell in cells[max(0, start - 2) : start] if id(cell) not in used]
    funds_rows, k = _funds_rows(cells, stop, len(columns))
    if not funds_rows or not any(parse_cell(cell.text).numeric for cell in funds_rows[0][1:]):
        return None  # no total row of amounts under the header
    unit = [cell for cell in cells[stop:k] if L.MONEY_UNIT_RE.search(cell.text) and cell not in block]
    rows.append([_joined(block + unit[:1])] + [_joined([cells[j] for j in span]) for _, span in columns])
    rows += funds_rows
    indicators = _stream_header(texts, k, "indicator", lambda roles: "level3" in roles)
    if indicators:
        rows.append([_joined([cells[j] for j in span]) for _, span in indicators[2]])
        total = _stream_total(cells, indicators[1])
        rows += [total] if total else []
    return rows


def _is_form_word(text: str) -> bool:
    """A form's label or column header, never the value of a label."""
    return L.bare(text) in _FORM_LABELS or any(
        L.role_of(text, table) for table in (L.FUNDS_COLUMNS, L.INDICATOR_COLUMNS)
    )


def _stream_total(cells: list[PrintedCell], k: int) -> list[PrintedCell] | None:
    """The 总分 row after the indicator header: its label and the two numbers after it (分值, 得分)."""
    for j in range(k, len(cells) - 2):
        if L.bare(cells[j].text) in L.TOTAL_LABELS:
            numbers = cells[j + 1 : j + 3]
            if all(parse_cell(cell.text).numeric for cell in numbers):
                return [cells[j], *numbers]
    return None


def _funds_rows(cells: list[PrintedCell], k: int, width: int) -> tuple[list[list[PrintedCell]], int]:
    """The total row right under the funds header and the 其中 rows after it: each a label and the amount
    and blank cells that follow it (at most one per header column); the index of the next cell. Header cells
    the reader has no role for (`原因`) are passed over: the total row's label is the text right before its
    amounts."""
    while k + 1 < len(cells) and _is_text(cells[k + 1].text):
        k += 1
    rows: list[list[PrintedCell]] = []
    while k < len(cells) and _is_text(cells[k].text) and (not rows or L.FUNDS_SUB_ROW_RE.search(L.norm(cells[k].text))):
        row, k = [cells[k]], k + 1
        while k < len(cells) and len(row) <= width and not _is_text(cells[k].text):
            row.append(cells[k])
            k += 1
        while k < len(cells) and is_blank(cells[k].text):  # the blanks of columns the header has no role for
            k += 1
        rows.append(row)
    return rows, k


def _stream_header(texts: list[str], k: int, table: str, complete):
    """(first cell, end, [(role, cell indices)]) of the first run of header cells of a `forms` column table
    from cell `k` on whose roles are `complete`, a header split over two lines joined; None when none is."""
    while k < len(texts):
        columns: list[tuple[str, tuple[int, ...]]] = []
        start = k
        while k < len(texts):
            role, span = _header_role(texts, k, table)
            if not role:
                break
            columns.append((role, span))
            k = span[-1] + 1
        if columns and complete({role for role, _ in columns}):
            return start, k, columns
        k = max(k, start + 1)
    return None


def _header_role(texts: list[str], k: int, table: str) -> tuple[str | None, tuple[int, ...]]:
    tables = {"funds": L.FUNDS_COLUMNS, "indicator": L.INDICATOR_COLUMNS}[table]
    role = L.role_of(texts[k], tables)
    if role or k + 1 >= len(texts) or not _is_text(texts[k]):
        return role, (k,)
    return L.role_of(texts[k] + texts[k + 1], tables), (k, k + 1)


def _joined(cells: list[PrintedCell]) -> PrintedCell:
    """A header printed over two lines as one cell (its offsets span both)."""
    if len(cells) == 1:
        return cells[0]
    if not cells:
        return PrintedCell("")
    return PrintedCell("".join(cell.text for cell in cells), start=cells[0].start, end=cells[-1].end)


# -- a header-over-values table flattened into a stream of cells ----------------------------------------

_TOTAL_WORD = re.compile(r"^(?:小计|合计)$")


def _header_stream(lines: list[Line], i: int):
    """A table of column headers over one row of amounts, flattened cell by cell with the merged cells left as
    bare pipes (`合计 |`, `公务用车购置及运行费 |`, `|||`, `小计 |` … `42.36 |` …): the headers in printed order,
    a group header followed by its `小计` and parts, then as many amounts as there are leaf columns."""
    end = _contiguous(lines, i, lambda line: "|" in line)
    cells = [cell for line in lines[i:end] for cell in _pipe_cells(line) if cell.text]
    title = []
    while cells and (_CAPTION_CELL.search(cells[0].text) or _UNIT_CELL.search(cells[0].text)):
        title.append(cells.pop(0).text)
    first_value = next((k for k, cell in enumerate(cells) if not _is_text(cell.text)), len(cells))
    headers, values = cells[:first_value], cells[first_value:]
    if len(values) < 3 or any(_is_text(cell.text) for cell in values):
        return None
    leaves = _leaves(headers)
    if len(leaves) != len(values):
        return None
    return [*_header_rows_of(headers)[-2:], values], i, end, title


# -- a 三公 table's headers, stage by stage, over one row of amounts, one cell per line and no bars ---------

_SANGONG_CAPTION = re.compile(r"三公.{0,12}表$")
_STAGE_CELL = re.compile(r"^(?:年初)?(?:预算数?|决算数?|执行数)$")
_STREAM_CELL_CHARS = 30
_STREAM_CELLS = 120
_WHOLE_HEADER = re.compile(r"(?:费|计|数|额|支出)$")  # a header cell that ends a name, not half of one


def _stage_stream(lines: list[Line], i: int):
    """The 三公 table of the national template pasted one cell per line without bars: caption and unit, the item
    headers (a group printed before its `小计` and parts, a name broken over two lines: `因公出国` ⏎ `(境)费`),
    one `预算数` ⏎ `决算数` pair per item, then the amounts in the same order."""
    if not _opens_stage_stream(lines, i):
        return None
    cells, end = _plain_cells(lines, i)
    title = [cell.text for cell in cells[:2] if _CAPTION_CELL.search(cell.text) or _UNIT_CELL.search(cell.text)]
    cells = cells[len(title) :]
    total = next((k for k, cell in enumerate(cells) if _TOTAL_WORD.match(cell.text)), None)
    first_value = next((k for k, cell in enumerate(cells) if not _is_text(cell.text)), len(cells))
    if total is None or total > first_value:
        return None
    headers, values = cells[total:first_value], cells[first_value:]
    rows = _stage_block_rows(cells[:total], _joined_fragments(headers), values)
    if rows:
        return rows, i, end, title, (lines[i][0], rows[-1][-1].end)
    stage_start = next((k for k, cell in enumerate(headers) if _STAGE_CELL.match(cell.text)), len(headers))
    items, stage_cells = _joined_fragments(headers[:stage_start]), headers[stage_start:]
    leaves = _leaves(items)
    per_leaf = max(1, len(stage_cells) // max(1, len(leaves)))
    if len(values) < len(leaves) * per_leaf or (stage_cells and len(stage_cells) != len(leaves) * per_leaf):
        return None
    values = values[: len(leaves) * per_leaf]
    parents = [parent or leaf for parent, leaf in leaves for _ in range(per_leaf)]
    names = [leaf for _, leaf in leaves for _ in range(per_leaf)]
    rows = [[PrintedCell(cell.text) for cell in parents], names, *([stage_cells] if stage_cells else []), values]
    return rows, i, end, title, (lines[i][0], values[-1].end)


def _opens_stage_stream(lines: list[Line], i: int) -> bool:
    """The table's caption (`…“三公”经费支出决算表`), or its unit line right over a stage header of the 三公
    (`单位:万元` ⏎ `2010年“三公经费”财政拨款决算数`: a caption-less table after the sentence announcing it)."""
    text = lines[i][2].strip()
    if _SANGONG_CAPTION.search(text):
        return True
    following = lines[i + 1][2].strip() if i + 1 < len(lines) else ""
    return bool(_UNIT_CELL.search(text) and "三公" in following and _STAGE_GROUP.search(following))


def _stage_block_rows(above: list[PrintedCell], items: list[PrintedCell], values: list[PrintedCell]):
    """The template's other layout: a header per stage first (`2010年“三公经费”财政拨款预算数` ⏎ `…决算数` ⏎
    `2011年…预算数`), then the same item headers once per stage, then the amounts in that order. Its rows (stage
    headers over item headers over leaf headers over the amounts), or None when the items do not repeat once per
    stage header or fewer amounts than columns follow."""
    stages = [cell for cell in above if _STAGE_GROUP.search(cell.text)]
    if len(stages) < 2 or len(items) % len(stages):
        return None
    size = len(items) // len(stages)
    texts = [cell.text for cell in items]
    if texts != texts[:size] * len(stages):
        return None
    leaves = _leaves(items[:size])
    if len(values) < len(stages) * len(leaves):
        return None
    columns = [(stage, parent or leaf, leaf) for stage in stages for parent, leaf in leaves]
    headers = [[PrintedCell(column[level].text) for column in columns] for level in range(3)]
    return [*headers, values[: len(columns)]]


_STAGE_GROUP = re.compile(r"(?:预算|决算|执行)数?$")


def _plain_cells(lines: list[Line], i: int) -> tuple[list[PrintedCell], int]:
    """The short lines from `i` on, blank lines skipped, up to the first sentence or long line."""
    found = _line_cells(
        lines,
        i,
        _STREAM_CELL_CHARS,
        lambda text: bool(_SENTENCE.search(_number_free(text))) and not _UNIT_CELL.search(text),
    )
    return [cell for cell, _ in found], found[-1][1] + 1 if found else i


def _line_cells(
    lines: list[Line], i: int, max_chars: int, stops, reach: int | None = _STREAM_CELLS * 2
) -> list[tuple[PrintedCell, int]]:
    """The non-blank lines from `i` on as cells with their line index, up to the first long line, pipe row or line
    `stops` rejects (a sentence), within `reach` lines (None: no limit)."""
    found: list[tuple[PrintedCell, int]] = []
    for k in range(i, len(lines) if reach is None else min(len(lines), i + reach)):
        start, _, line = lines[k]
        text = line.strip()
        if not text:
            continue
        if len(text) > max_chars or "|" in text or stops(text):
            break
        offset = start + line.index(text)
        found.append((PrintedCell(text, start=offset, end=offset + len(text)), k))
    return found


def _joined_fragments(cells: list[PrintedCell]) -> list[PrintedCell]:
    """Header cells with a name a line break split joined again (`公务用车` ⏎ `购置费` → `公务用车购置费`)."""
    joined: list[PrintedCell] = []
    for cell in cells:
        previous = joined[-1] if joined else None
        if previous and not _WHOLE_HEADER.search(previous.text) and not _TOTAL_WORD.match(previous.text):
            joined[-1] = PrintedCell(previous.text + cell.text, start=previous.start, end=cell.end)
        else:
            joined.append(cell)
    return joined


def _leaves(headers: list[PrintedCell]) -> list[tuple[PrintedCell | None, PrintedCell]]:
    """The leaf columns in order, each with its group header: a group (公务用车购置及运行费) is replaced by its
    `小计` and parts, wherever they were printed (right after it, or after the whole first header row), and a
    change group (`2017年决算比上年增减情况`) by its amount and rate (`增加额`, `增加幅度`)."""
    return _vehicle_leaves(headers) or _change_leaves(headers) or [(None, cell) for cell in headers]


def _change_leaves(headers: list[PrintedCell]) -> list[tuple[PrintedCell | None, PrintedCell]] | None:
    group = next((cell for cell in headers if _CHANGE_GROUP.search(cell.text)), None)
    parts = [cell for cell in headers if _CHANGE_PART.match(cell.text)]
    if group is None or len(parts) < 2:
        return None
    others = [cell for cell in headers if all(cell is not part for part in parts)]
    return [
        pair for cell in others for pair in ([(group, part) for part in parts] if cell is group else [(None, cell)])
    ]


_CHANGE_GROUP = re.compile(r"增减(?:情况|变化|变动)?$")
_CHANGE_PART = re.compile(r"^(?:增减|增加|减少)(?:额|数|幅度|率|比例)")


def _vehicle_leaves(headers: list[PrintedCell]) -> list[tuple[PrintedCell | None, PrintedCell]] | None:
    subtotal = next(
        (
            k
            for k, cell in enumerate(headers)
            if _TOTAL_WORD.match(cell.text) and any(_PART_OF.search(other.text) for other in headers[:k])
        ),
        None,
    )
    if subtotal is None:
        return None
    parts_end = subtotal + 1
    while parts_end < len(headers) and _PART_OF.search(headers[parts_end].text):
        parts_end += 1
    children, others = headers[subtotal:parts_end], headers[:subtotal] + headers[parts_end:]
    group = next((cell for cell in reversed(headers[:subtotal]) if _PART_OF.search(cell.text)), None)
    if group is None:
        return None
    return [
        pair
        for cell in others
        for pair in ([(group, child) for child in children] if cell is group else [(None, cell)])
    ]


_CAPTION_CELL = re.compile(r"表$")
_UNIT_CELL = re.compile(r"^(?:金额)?单位\s*[:：]")
_PART_OF = re.compile(r"购置|运行|维护")  # the parts of a 公务用车购置及运行费 group


# -- a two-block summary flattened to a stream of cells -------------------------------------------------

# `text |`, and `text | ||` or a bare `||`: the cell and the blank (or merged) cells after it
_SUMMARY_CELL_LINE = re.compile(r"^[ \t]*(?P<text>[^|]*?)[ \t]*\|[ \t|]*$")
_BLOCK_LABEL = re.compile(r"^(?:项目|科目|按.{1,8}(?:分类|性质))")  # the label column that opens each block
_NUMBERING_CELL = "栏次"
_ROW_NUMBER_CELL = "行次"
_NAMED_CAPTION = re.compile(r"[\u4e00-\u9fff]表$")  # `收入支出决算总表`, not `公开01表`
_SUMMARY_CELL_CHARS = 40
_SUMMARY_REACH = 800  # cells
_PREAMBLE_LINES = 16


def _opens_summary(line: Line) -> bool:
    """A `收入` cell: the side header over the first block of a 收支总表."""
    return "收" in line[2] and L.norm(line[2].replace("|", "")) == "收入"


def _summary_cells(line: Line, piped: bool) -> list[PrintedCell] | None:
    """The cell one line of a flattened summary prints ([] for an empty line), None for a line that is no cell:
    with bars, `text |` or a run of bars (a blank cell); without, a short line that is no sentence."""
    start, _, text = line
    if not text.strip():
        return []
    if piped:
        match = _SUMMARY_CELL_LINE.match(text)
        if match is None:
            return None
        cell, offset = match.group("text"), start + match.start("text")
        blanks = [PrintedCell("") for _ in range(text.count("|") - 1)] if cell else []
        return [PrintedCell(cell, start=offset, end=offset + len(cell)), *blanks]
    stripped = text.strip()
    if "|" in text or len(stripped) > _SUMMARY_CELL_CHARS or "。" in stripped:
        return None
    offset = start + text.index(stripped)
    return [PrintedCell(stripped, start=offset, end=offset + len(stripped))]


def _summary_stream(lines: list[Line], i: int, floor: int):
    """A 收支总表 (公开01表, 部门收支总表) flattened to a stream of cells, one per line (`text |`, bare bars for
    blank cells) or one per paragraph (blank cells lost): from its `收入` │ `支出` side headers, the column
    names of its blocks (`项目 │ 行次 │ 决算数` once for 收入, again for each 支出 block: by function, by
    nature), 栏次 rows, then rows that each start with a label. Each row goes to its block by its 行次 (every
    block numbers its rows on from the one before it) or, without a 行次 column, in turn; the grid is the table's
    real layout with one printed row per block row, so each amount has its block's side and column header."""
    if not _opens_summary(lines[i]):
        return None
    piped = "|" in lines[i][2]
    cells: list[PrintedCell] = []
    line_of: list[int] = []
    k = i
    while k < len(lines) and len(cells) < _SUMMARY_REACH and (k == i or lines[k][0] == lines[k - 1][1] + 1):
        found = _summary_cells(lines[k], piped)
        if found is None:
            break
        cells += found
        line_of += [k] * len(found)
        k += 1
    texts = [L.norm(cell.text) for cell in cells]
    layout = _summary_layout(texts)
    if layout is None:
        return None
    sides, names, width, rows = layout
    blocks = len(names) // width
    numbered = all(texts[names[b * width + 1]] == _ROW_NUMBER_CELL for b in range(blocks))
    numbers = [_row_number(texts, row) if numbered else None for row in rows]
    top = [PrintedCell(cells[side].text, colspan=width * (1 if n == 0 else blocks - 1)) for n, side in enumerate(sides)]
    grid_rows = [top, [cells[k] for k in names]]
    for row, block in zip(rows, _blocks_of(numbers, blocks), strict=True):
        printed = [cells[k] for k in row[:width]]
        grid_rows.append(
            [PrintedCell("") for _ in range(block * width)]
            + printed
            + [PrintedCell("") for _ in range((blocks - block) * width - len(printed))]
        )
    last = max(line_of[k] for row in rows for k in row)
    return grid_rows, i, last + 1, _summary_title(lines, i, floor, piped)


def _summary_layout(texts: list[str]):
    """(side cells, column-name cells, block width, label-led rows as cell indices) of a summary's cells, or None."""
    filled = [k for k, text in enumerate(texts) if text]
    if len(filled) < 2 or texts[filled[1]] != "支出":
        return None
    names: list[int] = []
    k = filled[1] + 1
    while k < len(texts) and texts[k] != _NUMBERING_CELL:
        if texts[k] and not _is_text(texts[k]):
            return None  # a number in the header: no summary
        following = next((j for j in range(k + 1, len(texts)) if texts[j]), None)
        if texts[k] and following is not None and not _is_text(texts[following]):
            break  # the first row's label
        names += [k] if texts[k] else []
        k += 1
    starts = [n for n, k in enumerate(names) if _BLOCK_LABEL.match(texts[k])]
    width = starts[1] if len(starts) > 1 else len(names)
    if width < 2 or not starts or starts != list(range(0, len(names), width)) or len(names) < 2 * width:
        return None
    rows: list[list[int]] = []
    numbering = False
    for j in range(k, len(texts)):
        if _is_text(texts[j]):
            numbering = texts[j] == _NUMBERING_CELL
            if not numbering:
                rows.append([j])
        elif rows and not numbering:
            rows[-1].append(j)
    if not any(parse_cell(texts[k]).numeric for row in rows for k in row[1:width]):
        return None  # (a table cut after its first row still counts: its two-row header says what it is)
    return filled[:2], names, width, rows


def _row_number(texts: list[str], row: list[int]) -> int | None:
    value = parse_cell(texts[row[1]]).value if len(row) > 1 else None
    return int(value) if value is not None and value == int(value) and 0 < value < 1000 else None


def _blocks_of(numbers: list[int | None], blocks: int) -> list[int]:
    """The block of each row: the first row of each block sets where its 行次 start; a later row belongs to the
    last block starting at or before its 行次. A row without a 行次 (or a table without them) follows the row before
    it in turn."""
    firsts: list[int] = []
    out: list[int] = []
    for number in numbers:
        following = (out[-1] + 1) % blocks if out else 0
        if number is not None and len(firsts) < blocks and following == len(firsts):
            if firsts and number <= firsts[-1]:
                firsts = []  # no increasing 行次: rows are read in turn
            else:
                firsts.append(number)
            out.append(following)
        elif number is not None and len(firsts) == blocks:
            out.append(max((b for b, first in enumerate(firsts) if first <= number), default=0))
        else:
            out.append(following)
    return out


def _summary_title(lines: list[Line], i: int, floor: int, piped: bool) -> list[str]:
    """The caption and the unit printed among the cells above the `收入` cell (`收入支出决算总表`, `公开01表`,
    `编制单位：…`, `2016年度`, `金额单位：元`), up to the named caption (a cell, or a line of its own): [caption,
    unit] as `describe` reads them."""
    captions: list[str] = []
    unit = ""
    for k in range(i - 1, max(floor, i - _PREAMBLE_LINES) - 1, -1):
        if lines[k][1] + 1 != lines[k + 1][0]:
            break
        found = _summary_cells(lines[k], piped)
        if found is None:  # a caption printed as a line of its own above the cells ends the walk too
            caption = lines[k][2].strip()
            captions[:0] = [caption] if _NAMED_CAPTION.search(caption) else []
            break
        text = found[0].text.strip() if found else ""
        unit = unit or (text if L.SHEET_UNIT_RE.search(L.norm(text)) else "")
        if _CAPTION_CELL.search(text):
            captions.insert(0, text)
            if _NAMED_CAPTION.search(text):
                break
    return [text for text in (" ".join(captions), unit) if text]


# -- pipe rows --------------------------------------------------------------------------------------------


def _pipe_cells(line: Line, markdown: bool = True) -> list[PrintedCell]:
    """The cells of one `a | b | c |` line with their offsets; trailing empty cells dropped. A leading bar opens a
    markdown row, unless the table is no markdown (`markdown` False: its header opens with a cell), where it
    follows an empty first cell (`| 合计 | 3,475.89 |` under `科目编码 | 科目名称 | 合计 |`)."""
    start, _, text = line
    cells, position = [], 0
    for separator in [*_PIPE.finditer(text), None]:
        stop = separator.start() if separator else len(text)
        piece = text[position:stop]
        stripped = piece.strip()
        offset = start + position + (len(piece) - len(piece.lstrip()))
        cells.append(PrintedCell(stripped, start=offset, end=offset + len(stripped)))
        position = separator.end() if separator else len(text)
    if markdown and text.lstrip().startswith("|"):  # a markdown row `| a | b |` opens with its separator
        cells.pop(0)
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def _pipe_rows(lines: list[Line], i: int):
    end = _next_table(lines, i, _contiguous(lines, i, lambda line: "|" in line))
    header = next((line for line in lines[i:end] if sum(1 for cell in _pipe_cells(line) if cell.text) >= 2), lines[i])
    markdown = header[2].lstrip().startswith("|")
    rows = [_pipe_cells(line, markdown) for line in lines[i:end]]
    title: list[str] = []
    first = 0
    while first < len(rows) and sum(1 for cell in rows[first] if cell.text) <= 1:
        title += [cell.text for cell in rows[first] if cell.text]
        first += 1
    body = _rejoin_broken_rows([row for row in rows[first:] if row])
    if len(body) < _MIN_ROWS or not any(parse_cell(cell.text).numeric for row in body for cell in row[1:]):
        return None
    width = max(len(row) for row in body)
    aligned: list[list[PrintedCell]] = []
    in_header = True
    printed_above: list[PrintedCell] = []  # the header row above as printed, before its blanks were filled
    for row in body:
        is_header = all(not parse_cell(cell.text).numeric for cell in row)
        if in_header and is_header and aligned and len(row) < width and not _funds_header(row):
            above = aligned[-1]
            row = [PrintedCell(cell.text) for cell in above[: width - len(row)]] + row  # continues the header
        in_header = in_header and is_header
        row = row + [PrintedCell("") for _ in range(width - len(row))]
        if in_header:
            if aligned:
                aligned[-1] = _spread_groups(printed_above, row) or aligned[-1]
            printed_above = list(row)
            for c in range(1, width):  # an empty header cell is the merged continuation of the one to its left
                row[c] = row[c] if row[c].text else PrintedCell(row[c - 1].text)
        aligned.append(row)
    return aligned, i + first, end, title


def _next_table(lines: list[Line], i: int, end: int) -> int:
    """Where the next table starts in a run of pipe rows: a row of three or more text cells and no amount right
    after a row of amounts (`科目编码 | 科目名称 | 合计 | 基本支出 | …` under a 收支总表's totals) is a new header;
    a form's indicator header (`一级指标 | 二级指标 | …` under its funds rows) is not."""
    after_amounts = False
    for k in range(i, end):
        texts = [cell.text for cell in _pipe_cells(lines[k])]
        numeric = any(parse_cell(text).numeric for text in texts[1:])
        header = not numeric and sum(_is_text(text) for text in texts) >= _HEADER_CELLS
        if after_amounts and header and not any(_is_form_word(text) for text in texts):
            return k
        after_amounts = numeric
    return end


def _spread_groups(above: list[PrintedCell], row: list[PrintedCell]) -> list[PrintedCell] | None:
    """`项目 | 预算数 | 决算数 | | |` over `项目 | 合计 | 一般公共预算 | 政府性基金 | 合计 | …`: group cells that lost
    their spans (printed side by side at the left) each span one repeat of the sub-header row below them."""
    groups = [cell for cell in above[1:] if cell.text]
    subs = [cell.text for cell in row[1:]]
    if len(groups) < 2 or any(not cell.text for cell in above[1 : len(groups) + 1]) or len(subs) % len(groups):
        return None
    size = len(subs) // len(groups)
    if size < 2 or any(subs[k * size : (k + 1) * size] != subs[:size] for k in range(len(groups))):
        return None
    return [above[0]] + [
        groups[k // size] if k % size == 0 else PrintedCell(groups[k // size].text) for k in range(len(subs))
    ]


def _rejoin_broken_rows(rows: list[list[PrintedCell]]) -> list[list[PrintedCell]]:
    """Rows broken over two lines put back together: a line of bare amounts (`10 | 10 |`) under a short labelled
    row of amounts (`基本支出 | 800.00 | 700.00 |`) holds that row's last cells when both fit in the table's width;
    a label alone on its line (`年度资金总额 |`) over a row of amounts with a blank label cell (`| 32.4 | 31.69 |`)
    is that row's label."""
    width = max((len(row) for row in rows), default=0)
    out: list[list[PrintedCell]] = []
    for row in rows:
        above = out[-1] if out else None
        if (
            above
            and _is_text(above[0].text)
            and any(parse_cell(cell.text).numeric for cell in above[1:])
            and parse_cell(row[0].text).numeric
            and len(above) + len(row) <= width
        ):
            out[-1] = above + row
        elif above and len(above) == 1 and _is_text(above[0].text) and amounts_without_label(row):
            out[-1] = above + row[1:]
        else:
            out.append(row)
    return out


def _funds_header(row: list[PrintedCell]) -> bool:
    """A form's funds header (`年初预算 │ 调整后预算数 │ 预算执行数 …`) starts a block of its own: it never continues
    the header row above it."""
    return sum(1 for cell in row if L.role_of(cell.text, L.FUNDS_COLUMNS)) >= 2


# -- aligned columns --------------------------------------------------------------------------------------


def _tokens(line: Line) -> list[PrintedCell]:
    start, _, text = line
    return [PrintedCell(m.group(), start=start + m.start(), end=start + m.end()) for m in _TOKEN.finditer(text)]


def _value_row(line: Line) -> tuple[PrintedCell, list[PrintedCell]] | None:
    """(label, values) of `label number number …`, or None."""
    if _SENTENCE.search(_number_free(_LABEL_COLON.sub(" ", _SUB_ITEM.sub("", line[2])))):
        return None
    tokens = _tokens(line)
    first = next((k for k, token in enumerate(tokens) if parse_cell(token.text).numeric or is_blank(token.text)), None)
    if not first or not all(parse_cell(t.text).numeric or is_blank(t.text) for t in tokens[first:]):
        return None
    label = tokens[:first]
    if not _HAN.search(label[-1].text):
        return None
    return PrintedCell(" ".join(t.text for t in label), start=label[0].start, end=label[-1].end), tokens[first:]


def _label_row(line: Line) -> tuple[PrintedCell, list[PrintedCell]] | None:
    """A row that prints its label only, its amount cells left blank (`1、因公出国(境)费用`)."""
    text = line[2].strip()
    if not text or len(text) > _LABEL_ROW_CHARS or _SENTENCE.search(_SUB_ITEM.sub("", text)) or "|" in text:
        return None
    if not _HAN.search(text) or any(parse_cell(token.text).numeric for token in _tokens(line)[1:]):
        return None
    offset = line[0] + line[2].index(text)
    return PrintedCell(text, start=offset, end=offset + len(text)), []


def _full_row(line: Line, width: int) -> tuple[PrintedCell, list[PrintedCell]] | None:
    """A row with one token per header column and a number among them (`1 某局 某项目 3,260.00 良`)."""
    tokens = _tokens(line)
    if (
        len(tokens) != width
        or not _HAN.search(line[2])
        or _SENTENCE.search(_number_free(line[2]))
        or not any(parse_cell(token.text).numeric for token in tokens[1:])
    ):
        return None
    return tokens[0], tokens[1:]


def _number_free(text: str) -> str:
    return re.sub(r"\d[\d,]*(?:\.\d+)?", "0", text)


def _header(line: Line) -> list[PrintedCell] | None:
    if len(line[2]) > _HEADER_CHARS or " " not in line[2].strip() or _SENTENCE.search(line[2]):
        return None
    tokens = _letter_spaced(_tokens(line))
    if (
        len(tokens) < 2
        or _SENTENCE.search(line[2])
        or not all(_is_text(t.text) and _HAN.search(t.text) for t in tokens)
    ):
        return None
    return tokens


# `项 目 预算数 决算数 合 计 65.00 64.87 公务接待费 21.00 21.00 …`: a table whose rows a PDF's text put on one line.
_INLINE_HEADER = re.compile(
    r"项\s*目\s+(?P<columns>(?:(?:上年|本年)?(?:预算数|决算数|执行数)\s+){1,3}(?:上年|本年)?(?:预算数|决算数|执行数))"
)
_INLINE_LABEL_TOKENS = 6
_INLINE_CONTEXT = 60


def _inline(lines: list[Line], i: int):
    """The rows of a table printed on one line after its `项目 │ 预算数 │ 决算数` header: each label followed by one
    number per column (extra numbers, of rows whose label was lost, are left alone); it ends at the first words
    that are no row. Its span is only the table's part of the line."""
    start, _, text = lines[i]
    header = _INLINE_HEADER.search(text)
    if header is None:
        return None
    columns = header.group("columns").split()
    tokens = [token for token in _tokens(lines[i]) if token.start >= start + header.end()]
    rows: list[list[PrintedCell]] = []
    label: list[PrintedCell] = []
    k = 0
    while k < len(tokens):
        values = list(_numbers_from(tokens, k))
        if values and label and len(values) >= len(columns):
            rows.append([_joined_label(label), *values[: len(columns)]])
            label, k = [], k + len(values)
            continue
        if values or len(label) >= _INLINE_LABEL_TOKENS or _SENTENCE.search(_SUB_ITEM.sub("", tokens[k].text)):
            break
        label.append(tokens[k])
        k += 1
    if len(rows) < _MIN_ROWS:
        return None
    header_row = [PrintedCell("项目"), *(PrintedCell(column) for column in columns)]
    before = text[max(0, header.start() - _INLINE_CONTEXT) : header.start()].strip()
    return [header_row, *rows], i, i + 1, [before], (start + header.start(), rows[-1][-1].end)


def _numbers_from(tokens: list[PrintedCell], k: int):
    while k < len(tokens) and parse_cell(tokens[k].text).numeric:
        yield tokens[k]
        k += 1


def _joined_label(tokens: list[PrintedCell]) -> PrintedCell:
    text = (
        "".join(token.text for token in tokens)
        if all(len(t.text) == 1 for t in tokens)
        else " ".join(token.text for token in tokens)
    )
    return PrintedCell(text, start=tokens[0].start, end=tokens[-1].end)


def _letter_spaced(tokens: list[PrintedCell]) -> list[PrintedCell]:
    """`项      目 决算数`: single characters spaced out to fill a header cell are one word (whose printed form
    spans the spaces, so it keeps no offsets)."""
    merged: list[PrintedCell] = []
    run: list[PrintedCell] = []
    for token in [*tokens, None]:
        if token is not None and len(token.text) == 1 and _HAN.match(token.text):
            run.append(token)
            continue
        if run:
            merged.append(run[0] if len(run) == 1 else PrintedCell("".join(cell.text for cell in run)))
            run = []
        if token is not None:
            merged.append(token)
    return merged


def _aligned(lines: list[Line], i: int):
    header = _header(lines[i])
    if header is None:
        return None
    rows = []
    end = i + 1
    if end < len(lines) and _UNIT_ONLY.match(lines[end][2].strip()):  # `(万元)` under the first header cell
        header[0] = PrintedCell(header[0].text + lines[end][2].strip())
        end += 1
    sub_header = _sub_header(lines, end, header)
    end += 1 if sub_header else 0
    while end < len(lines) and lines[end][0] == lines[end - 1][1] + 1:
        found = _value_row(lines[end]) or _full_row(lines[end], len(header)) or _label_row(lines[end])
        if found is None:
            break
        rows.append(found)
        end += 1
    while rows and not rows[-1][1]:  # label-only lines after the last amount are no rows of the table
        rows.pop()
        end -= 1
    if sum(1 for _, values in rows if values) < _MIN_ROWS:
        return None
    printed = len(header) + max(len(sub_header) - 1, 0)  # the columns the header lines name
    width = max(printed, 1 + max(len(values) for _, values in rows))
    if width - 1 < max(len(values) for _, values in rows) or printed not in (width, width - 1):
        return None
    header_rows = _header_rows(header, sub_header, labelled=printed == width)
    grid_rows = [*header_rows]
    scored = bool(_SCORING.search(header[-1].text))  # a form's funds rows leave 分值/执行率/得分 empty
    for label, values in rows:
        if not values:
            continue  # a label-only line: how many blank cells it lost is not printed, so it gives no nulls
        padding = [PrintedCell("", printed=False) for _ in range(width - 1 - len(values))]
        grid_rows.append([label] + (values + padding if scored else padding + values))
    return grid_rows, i, end, []


# A results summary printed as spaced text (`序号 项目名称 项目实施单位 预算数(调整后) 执行数 结余数 结余交回财政数
# 自评得分`), its blank cells lost: each row's amounts are known by their sum (budget = spent + balance), its last
# number the score
_RESULT_HEADER = re.compile(r"项目名称.*预算数.*执行数.*结余数.*得分")
_RESULT_ROW = re.compile(r"^\s*\d{1,3}\s+\S+\s+\S+(?:\s+-?[\d.,]+){4,5}\s*$")
_RESULT_COLUMNS = ("项目名称", "项目实施单位", "预算数(调整后)", "执行数", "结余数", "自评得分")


def _result_rows(lines: list[Line], i: int):
    """The rows of a results summary whose amounts add up (`1 某资金 某局 3543.206 3543.206 0 100`: budget, spent,
    balance, score; a fifth amount before the score is the balance returned, no column of ours)."""
    if not _RESULT_HEADER.search(lines[i][2].replace(" ", "")):
        return None
    end = i + 1
    if end < len(lines) and _header(lines[end]) and not _RESULT_ROW.match(lines[end][2]):
        end += 1  # the budget's sub-columns (`中央 省级 市级 区级`), whose blanks the rows lost
    rows = []
    while end < len(lines) and _RESULT_ROW.match(lines[end][2]):
        _, name, unit, *amounts = _tokens(lines[end])
        budget, spent, balance = (parse_cell(cell.text).value for cell in amounts[:3])
        if budget is None or spent is None or balance is None or abs(budget - spent - balance) > _SUM_SLACK:
            return None
        rows.append([name, unit, *amounts[:3], amounts[-1]])
        end += 1
    if len(rows) < _MIN_ROWS:
        return None
    return [[PrintedCell(text) for text in _RESULT_COLUMNS], *rows], i, end, []


_SUM_SLACK = Decimal("0.01")


def _sub_header(lines: list[Line], index: int, header: list[PrintedCell]) -> list[PrintedCell]:
    """The words of a second header line that splits one header cell into columns (`项目 2021年 2022年 增减` ⏎
    `增减额 增减率`), or nothing."""
    if index >= len(lines) or lines[index][0] != lines[index - 1][1] + 1:
        return []
    sub = _header(lines[index])
    return sub if sub and len(sub) < len(header) else []


def _header_rows(header: list[PrintedCell], sub_header: list[PrintedCell], labelled: bool) -> list[list[PrintedCell]]:
    """The header as grid rows: with a second line, the cell it splits (the last one sharing a word with it,
    else the last one) spans its columns and every other header cell spans both rows."""
    top = header if labelled else [PrintedCell(""), *header]
    if not sub_header:
        return [top]
    words = {sub.text[k : k + 2] for sub in sub_header for k in range(len(sub.text) - 1)}
    split = max(
        (c for c, cell in enumerate(top) if any(cell.text[k : k + 2] in words for k in range(len(cell.text) - 1))),
        default=len(top) - 1,
    )
    spanned = [
        replace(cell, colspan=len(sub_header)) if c == split else replace(cell, rowspan=2) for c, cell in enumerate(top)
    ]
    return [spanned, sub_header]
