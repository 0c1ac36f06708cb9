"""Recognise the forms in a file's grids and extract their records (tests/corpus/03-self-eval-forms-in-page/README.md).

A grid (a sheet, a Word document, a PDF) can hold several forms: they are split at title rows
(`…项目支出绩效自评表`) and at a second `项目名称` row. Each form is classified by its title, else by its
labels, else by the attachment name. Every block is found by anchor labels, never by position:

* the funds block: a header row with 年初预算数 / 全年预算数 / 全年执行数 / 执行率 / 分值 / 得分; the first row
  under it is the total (年度资金总额), the next rows named 其中：当年财政拨款 / 上年结转资金 / 其他资金 are its parts;
* the goals: a header row with 预期目标 (年初绩效目标) and 实际完成情况, the texts in the row below;
* the indicators: a header row with 三级指标 (or 指标名称), maybe a second header row under it
  (`年度指标值` over `指标性质 │ 指标值 │ 度量单位`), then one row per 三级指标 until a 总分 / 合计 row;
* the total: the 总分 row (max score under 分值, score under 得分, the grade word after), or a labelled
  `自评总分` cell.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeGuard

from pipelines.attachments import labels as L
from pipelines.attachments.checks import check_form
from pipelines.attachments.numbers import (
    actual_number,
    money_value,
    normalise_operator,
    percent_number,
    split_target,
    to_python,
)
from pipelines.grid import (
    CELL_SEP,
    Grid,
    GridCell,
    amounts_without_label,
    distinct_cells,
    distinct_positions,
    row_source_text,
)
from pipelines.text import is_blank, leading_number

PROJECT = "project_self_eval"
DEPARTMENT = "department_self_eval"
TARGETS = "performance_targets"
FINAL_ACCOUNTS = "final_accounts_tables"
BUDGET = "budget_tables"

_KNOWN_LABELS = (
    frozenset(
        alias
        for table in (L.INDICATOR_COLUMNS, L.FUNDS_COLUMNS, L.GOAL_COLUMNS)
        for aliases in table.values()
        for alias in aliases
    )
    | L.GOAL_BLOCK_LABELS
    | L.PROJECT_LABELS
    | L.DEPARTMENT_LABELS
    | L.IMPLEMENTER_LABELS
    | L.STOP_LABELS
    | L.RATING_LABELS
    | {"项目资金", "绩效指标", "年度资金总额", "财政处室", "部门联系人", "联系电话", "中央主管部门"}
)


@dataclass
class Segment:
    grid: Grid
    start: int
    end: int
    title: str | None

    @property
    def rows(self) -> list[list[GridCell]]:
        return self.grid.rows[self.start : self.end]

    @property
    def locator(self) -> str:
        """`Sheet1!A1:J26` for a sheet, `page 1–page 2` / `paragraph 1–table1!J19` elsewhere."""
        first = next((row[0].locator for row in self.rows if row), self.grid.name)
        last = next((row[-1].locator for row in reversed(self.rows) if row), first)
        if first == last:
            return first
        sheet, _, cell = last.rpartition("!")
        if sheet and first.startswith(sheet + "!"):
            return f"{first}:{cell}"
        return f"{first}–{last}"


@dataclass
class Funds:
    header: dict[str, GridCell]
    total_label: str
    total: dict[str, GridCell]
    total_source: str
    parts: list[tuple[str, dict[str, GridCell], str]]  # label, cells, printed row
    unit_text: str
    unit_basis: str


@dataclass
class Task:
    """A row of a department form's 重点工作任务 table: one project's approved and spent money."""

    name: str
    cells: dict[str, GridCell]
    source_text: str
    unit_text: str
    unit_basis: str


@dataclass
class Total:
    score: int | float | None
    max_score: int | float | None
    rating_text: str | None
    source_text: str
    locator: str


@dataclass
class Form:
    kind: str
    title: str | None
    locator: str
    fiscal_year: int | None = None
    project: str | None = None
    department: str | None = None
    implementer: str | None = None
    funds: Funds | None = None
    tasks: list[Task] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    total: Total | None = None


# --- splitting and classification ----------------------------------------------------------------------


def split_forms(grid: Grid) -> list[Segment]:
    """Cut a grid at title rows, and at a `项目名称` row when the current form already has one."""
    segments = [Segment(grid, 0, len(grid.rows), None)]
    has_body = has_project = False
    named: str | None = None
    for index, row in enumerate(grid.rows):
        cells = distinct_cells(row)
        title = _title_of(cells)
        if title:
            if has_body:
                segments.append(Segment(grid, index, len(grid.rows), title))
                has_body = has_project = False
            else:
                segments[-1].title = segments[-1].title or title
            continue
        name = _project_named(row)
        if name is not None and name != named:
            if has_project:
                segments.append(Segment(grid, index, len(grid.rows), None))
            has_project, named = True, name
        has_body = has_body or bool(cells)
    for current, following in itertools.pairwise(segments):
        current.end = following.start
    return segments


def _project_named(row: list[GridCell]) -> str | None:
    """The name the row's `项目名称` label gives (`""` when no cell follows it), None when the row has no such label
    or the cell after it is another label: a text table's rowspan repeats the label beside other rows' labels
    (`转移支付(项目)名称 │ 地方主管部门 │ …`) or with the same name, and starts no new form."""
    for col, cell in enumerate(row):
        if L.bare(cell.text) in L.PROJECT_LABELS:
            value = next((right.text for right in row[col + 1 :] if right.text != cell.text), "")
            return None if _is_label(value) else value
    return None


def _title_of(cells: list[GridCell]) -> str | None:
    if not 1 <= len(cells) <= 2:
        return None
    main = max(cells, key=lambda cell: len(cell.text)).text
    return main if L.is_title(main) else None


def classify(segment: Segment, title: str | None, name: str | None) -> str | None:
    """The form's kind from its title, else from the labels it holds, else from the attachment name."""
    kind = L.kind_from_text(title)
    if kind:
        return kind
    rows = segment.rows
    header = _find_indicator_header(rows)
    if header:
        columns = header[1]
        if "score" not in columns and "actual" not in columns and not _executed(rows[: header[0]]):
            return TARGETS  # a 绩效目标表: targets only, no money spent, no scores
        if _labelled(rows, L.PROJECT_LABELS):
            return PROJECT
        return DEPARTMENT if _labelled(rows, L.DEPARTMENT_LABELS | {"自评总分"}) else PROJECT
    if any(L.bare(cell.text) in L.FINAL_ACCOUNTS_LABELS for row in rows for cell in row):
        return FINAL_ACCOUNTS
    head = rows[:_FORM_HEAD_ROWS]
    if _labelled(head, L.PROJECT_LABELS) and _read_funds(head, []) is not None:
        return PROJECT  # a project's name and a funds block: a form cut before its indicator table
    return L.kind_from_text(name)


_FORM_HEAD_ROWS = 20  # a form prints its name and funds block within its first rows


_EXECUTION_HEADS = re.compile(r"执行数|执行率|得分")


def _executed(rows: list[list[GridCell]]) -> bool:
    """A funds block that reports what was spent or scored (全年执行数 / 执行率 / 得分): a self-evaluation even
    where its indicator header lost its 实际完成值 and 得分 columns to the text's line breaks."""
    return any(_EXECUTION_HEADS.search(L.bare(cell.text)) for row in rows for cell in row)


# --- reading one form ----------------------------------------------------------------------------------


def read_form(segment: Segment, kind: str, title: str | None, above: list[list[GridCell]] | None = None) -> Form:
    """One form's records. `above`: rows printed before the grid (a page table's caption and unit line)."""
    rows = segment.rows
    form = Form(kind, title, segment.locator, fiscal_year=L.fiscal_year(title))
    if kind in (FINAL_ACCOUNTS, BUDGET):
        return form  # recognised; their amounts belong to the page-level table extractors
    project = _labelled(rows, L.PROJECT_LABELS)
    department = _labelled(rows, L.DEPARTMENT_LABELS)
    implementer = _labelled(rows, L.IMPLEMENTER_LABELS)
    form.project = L.form_project(project[1]) if project else None
    form.department = L.strip_code(department[1]) if department else None
    form.implementer = L.strip_code(implementer[1]) if implementer else None
    context = (above or []) + segment.grid.rows[: segment.start]
    form.funds = _read_funds(rows, context)
    form.tasks = _read_tasks(rows, context) if kind == DEPARTMENT else []
    form.goals = _read_goals(rows)
    header = _find_indicator_header(rows)
    end = None
    if header:
        form.indicators, end = _read_indicators(rows, header)
    form.total = _read_total(rows, end, header[1] if header else {})
    if form.total and not form.total.rating_text:
        form.total.rating_text = _conclusion_rating(rows)
    return form


def _labelled(rows: list[list[GridCell]], names: frozenset[str] | set[str]) -> tuple[GridCell, str] | None:
    """The value of the first cell labelled with one of `names`: the next cell to its right, or the text
    after a colon in the label cell itself (`部门：示例县农业农村局`)."""
    for row in rows:
        for col, cell in distinct_positions(row):
            label = L.bare(cell.text)
            if label in names:
                value = _value_right(row, col)
                if value is not None:
                    return cell, value.text
            head, sep, rest = _split_colon(cell.text)
            if sep and L.bare(head) in names and rest.strip():
                return cell, rest.strip()
    return None


def _split_colon(text: str) -> tuple[str, str, str]:
    for sep in ("：", ":"):
        if sep in text:
            return text.partition(sep)
    return text, "", ""


def _value_right(row: list[GridCell], col: int) -> GridCell | None:
    label = row[col]
    for cell in row[col + 1 :]:
        if not cell.text or (label.merge and cell.merge == label.merge):
            continue
        return None if _is_label(cell.text) else cell
    return None


@functools.lru_cache(maxsize=8192)
def _is_label(text: str) -> bool:
    return L.bare(text) in _KNOWN_LABELS


def _cell(row: list[GridCell], col: int | None) -> GridCell | None:
    return row[col] if col is not None and col < len(row) else None


def _text(row: list[GridCell], col: int | None) -> str:
    cell = _cell(row, col)
    return cell.text if cell else ""


_HEADER_TABLES = {
    "indicator": L.INDICATOR_COLUMNS,
    "funds": L.FUNDS_COLUMNS,
    "goal": L.GOAL_COLUMNS,
    "task": L.TASK_COLUMNS,
}


def _map_columns(row: list[GridCell], table: str) -> dict[str, int]:
    """role → first column whose header names it, for one of the `_HEADER_TABLES`."""
    columns: dict[str, int] = {}
    for col, cell in enumerate(row):
        if cell.text:
            role = _role(cell.text, table)
            if role and role not in columns:
                columns[role] = col
    return columns


@functools.lru_cache(maxsize=8192)
def _role(text: str, table: str) -> str | None:
    return L.role_of(text, _HEADER_TABLES[table])


# --- funds -----------------------------------------------------------------------------------------------


def _read_funds(rows: list[list[GridCell]], context: list[list[GridCell]]) -> Funds | None:
    """The form's funds block. A header that also names 项目名称 heads a results table (one project per row,
    自评结果表), not this form's funds: it is left alone."""
    for index, row in enumerate(rows):
        columns = _map_columns(row, "funds")
        if "executed" in columns and ("initial" in columns or "full_year" in columns):
            if any(L.bare(cell.text) in L.PROJECT_LABELS for cell in row):
                return None
            return _funds_block(rows, index, columns, context)
    return None


def _funds_block(rows, index: int, columns: dict[str, int], context) -> Funds | None:
    rows = rows[: index + 1] + _label_rows_joined(rows[index + 1 :])
    header = rows[index]
    first = min(columns.values())
    following = [i for i in range(index + 1, len(rows)) if rows[i]]
    if not following:
        return None

    def label_shift(i: int) -> int:
        return _lost_label_cells(rows[i], first) - _header_without_label(rows[i], first)

    def shift(i: int) -> int:
        return label_shift(i) + _dropped_blank_cells(rows[i], columns, label_shift(i))

    def label(i: int) -> str:
        return " ".join(
            cell.text
            for col, cell in distinct_positions(rows[i])
            if col < first - shift(i) and cell.text != _text(header, col)
        )

    def cells(i: int) -> dict[str, GridCell]:
        low = first - label_shift(i)  # where the row's amounts start: a dropped cell moves none before it
        return {role: rows[i][col - shift(i)] for role, col in columns.items() if low <= col - shift(i) < len(rows[i])}

    total = following[0]
    parts = []
    for i in following[1:]:
        name = label(i)
        if not name or not (L.FUNDS_SUB_ROW_RE.search(L.norm(name)) or L.role_of(name, L.DEPARTMENT_FUNDS_ROWS)):
            break
        parts.append((name, cells(i), row_source_text(rows[i])))
    parts = parts or _labelled_parts(rows[total + 1 : total + 1 + _LABELLED_PARTS_ROWS], cells(total))
    unit_text, unit_basis = _funds_unit(rows, index, total, context)
    block = next((cell.text for col, cell in distinct_positions(header) if col < first), "")
    return Funds(
        {role: header[col] for role, col in columns.items()},
        label(total) or block,
        cells(total),
        row_source_text(rows[total]),
        parts,
        unit_text,
        unit_basis,
    )


# `其中:基本支出:20` / `项目支出:1369.3`: a department form's 按支出性质分 block, each amount in its label's cell
_LABELLED_AMOUNT = re.compile(
    r"^(?:其中\s*:\s*)?(?P<label>[\u4e00-\u9fff]{2,10})\s*:\s*(?P<amount>\d[\d,]*(?:\.\d+)?)$"
)
_LABELLED_PARTS_ROWS = 4  # rows under the total row that may hold that block
_ROUNDING = Decimal("0.011")  # two amounts rounded to cents may miss their printed sum by a cent


def _labelled_parts(rows: list[list[GridCell]], total: dict[str, GridCell]) -> list[tuple[str, dict, str]]:
    """A Hunan department form's `按支出性质分:` block: `其中:基本支出:20 │ 项目支出:1369.3` in cells of their own
    under the total row. Its stage is the total column the two amounts add up to (全年执行数, else 年初预算数);
    none when they add up to neither."""
    found: dict[str, tuple[str, GridCell, str]] = {}
    for row in rows:
        for _, cell in distinct_positions(row):
            match = _LABELLED_AMOUNT.match(L.norm(cell.text))
            kind = L.role_of(match.group("label"), L.DEPARTMENT_FUNDS_ROWS) if match else None
            if match and kind:
                amount = _narrowed(cell, match.group("amount"))
                found.setdefault(kind, (match.group("label"), amount, row_source_text(row)))
    if len(found) != len(L.DEPARTMENT_FUNDS_ROWS):
        return []
    amounts = sum(Decimal(cell.text.replace(",", "")) for _, cell, _ in found.values())
    totals = {role: leading_number(_cell_text(total.get(role))) for role in ("executed", "initial")}
    stage = next((role for role, sum_ in totals.items() if sum_ and abs(sum_[0] - amounts) <= _ROUNDING), None)
    return [(label, {stage: cell}, source) for label, cell, source in found.values()] if stage else []


def _label_rows_joined(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """A funds row printed as its label over a row of its amounts (`年度资金总额 │ │ │` over `│ │ 32.4 │ 31.69 │ 10`,
    the label's cell left blank): one row, the label's cell then the amounts."""
    out: list[list[GridCell]] = []
    for row in rows:
        above = out[-1] if out else None
        if above and _label_only(above) and amounts_without_label(row):
            out[-1] = above[:1] + row[1:]
        else:
            out.append(row)
    return out


def _label_only(row: list[GridCell]) -> bool:
    return bool(row) and not is_blank(row[0].text) and all(is_blank(cell.text) for cell in row[1:])


def _narrowed(cell: GridCell, amount: str) -> GridCell:
    """The cell reduced to the amount it prints after its label (offsets too, when the cell has them)."""
    at = cell.text.rfind(amount)
    if cell.start < 0 or at < 0:
        return dataclasses.replace(cell, text=amount)
    return dataclasses.replace(cell, text=amount, start=cell.start + at, end=cell.start + at + len(amount))


def _lost_label_cells(row: list[GridCell], first: int) -> int:
    """How many label cells a funds row lacks before its amounts: a text table keeps no rowspan, so under
    `预算执行情况(10分) │ 年度预算数(万元) │ 年初预算 …` the row `总额 │ 0.00 │ 3.36 …` starts its amounts one
    column early (the block's label spanned it in the printed form)."""
    amount = next((col for col, cell in enumerate(row[:first]) if leading_number(cell.text) is not None), None)
    lead = next((col for col, cell in enumerate(row) if not is_blank(cell.text)), 0)  # a leading bar's blank cell
    if not amount or any(is_blank(cell.text) for cell in row[lead:amount]):
        return 0
    return first - amount


def _dropped_blank_cells(row: list[GridCell], columns: dict[str, int], shift: int) -> int:
    """How many blank amount cells a funds row lost before its amounts: `年度资金总额 │ 32.4 │ 31.69 │ 10 │ 97.80% │ 9`
    under `年初预算数 │ 全年预算数 │ 全年执行数 │ 分值 │ 执行率 │ 得分` printed no cell for its empty 年初预算数, so its
    amounts end one column early. Read right-aligned only when the printed rate then checks out (执行数/全年预算数)."""
    # (a text cell after the amounts, the next row's label run onto this line, is not one of them)
    filled = [col for col, cell in enumerate(row) if leading_number(cell.text) is not None]
    if not filled or not {"rate", "executed", "full_year"} <= columns.keys():
        return 0
    dropped = max(columns.values()) - shift - filled[-1]
    if dropped <= 0 or dropped >= len(columns):
        return 0
    values = {
        role: leading_number(_text(row, columns[role] - shift - dropped)) for role in ("rate", "executed", "full_year")
    }
    rate, executed, full_year = (values[role] for role in ("rate", "executed", "full_year"))
    if rate is None or executed is None or full_year is None or not full_year[0]:
        return 0
    return dropped if abs(executed[0] / full_year[0] * 100 - rate[0]) <= 1 else 0


def _header_without_label(row: list[GridCell], first: int) -> int:
    """1 when the funds header starts at the first column but the row prints its label there and its amounts
    after it (`全年预算数(A) │ 全年执行数(B) │ …` over `年度资金总额: │ 808.1 │ 692.98 │ 86%`): the block's label
    (`资金投入情况(万元)`) sat on a line of its own, so the header lost the column it spanned."""
    if first or len(row) < 2 or is_blank(row[0].text) or leading_number(row[0].text) is not None:
        return 0
    return 1 if leading_number(row[1].text) is not None else 0


def _funds_unit(rows, header_index: int, total_index: int, context) -> tuple[str, str]:
    """The money unit: a `（万元）` in the funds header, the block's label on the line above it
    (`资金投入情况(万元)`) or its row labels, else a sheet-level `金额单位：元` line above, else 元 as a flagged
    guess."""
    for row in rows[max(0, header_index - 1) : total_index + 1]:
        for cell in row:
            match = L.MONEY_UNIT_RE.search(cell.text)
            if match:
                return match.group(1), "table_header"
    for row in reversed(context + rows[:header_index]):
        for cell in row:
            match = L.SHEET_UNIT_RE.search(cell.text)
            if match:
                return match.group(1), "sheet"
    return "元", "inferred"


# --- key tasks of a department form --------------------------------------------------------------------


def _read_tasks(rows: list[list[GridCell]], context: list[list[GridCell]]) -> list[Task]:
    """`任务名称 │ 项目 │ 主要内容 │ 批复金额 │ 实际支出金额 │ 预算执行率`: one project per row, until a row
    without amounts. The project column names the project; without one, the task name does."""
    for index, row in enumerate(rows):
        columns = _map_columns(row, "task")
        if not ({"full_year", "executed"} <= columns.keys() and ("task" in columns or "project" in columns)):
            continue
        unit_text, unit_basis = _funds_unit(rows, index, index, context)
        tasks = []
        for below in rows[index + 1 :]:
            cells = {role: below[col] for role, col in columns.items() if col < len(below)}
            if not any(leading_number(cells[role].text) for role in ("full_year", "executed") if role in cells):
                break
            name = _cell_text(cells.get("project")) or _cell_text(cells.get("task"))
            if name:
                tasks.append(Task(L.strip_code(name), cells, row_source_text(below), unit_text, unit_basis))
        return tasks
    return []


# --- goals -----------------------------------------------------------------------------------------------


def _read_goals(rows: list[list[GridCell]]) -> list[dict]:
    for index, row in enumerate(rows):
        columns = _map_columns(row, "goal")
        if "expected" in columns and "actual" in columns:
            below = rows[index + 1] if index + 1 < len(rows) else []
            texts = {role: _text(below, col) for role, col in columns.items() if _text(below, col) != _text(row, col)}
            if not any(texts.values()):
                return []
            return [
                {
                    "expected_text": texts.get("expected") or None,
                    "adjusted_text": texts.get("adjusted") or None,
                    "actual_text": texts.get("actual") or None,
                    "locator": (_cell(below, columns["expected"]) or below[0]).locator,
                }
            ]
    found = _labelled(rows, L.GOAL_BLOCK_LABELS)
    if found:
        return [{"expected_text": found[1], "adjusted_text": None, "actual_text": None, "locator": found[0].locator}]
    return []


# --- indicators ------------------------------------------------------------------------------------------


def _find_indicator_header(rows) -> tuple[int, dict[str, int], int] | None:
    """(header row, role → column, first data row) of the indicator table."""
    for index, row in enumerate(rows):
        columns = _map_columns(row, "indicator")
        if "level3" not in columns or len(columns) < 3:
            continue
        start = index + 1
        if start < len(rows):
            below = rows[start]
            sub = {
                role: col
                for role, col in _map_columns(below, "indicator").items()
                if _text(below, col) != _text(row, col)
            }
            if sub:
                columns.update(sub)
                start += 1
        return index, columns, start
    return None


def _read_indicators(rows, header: tuple[int, dict[str, int], int]) -> tuple[list[dict], int]:
    _, columns, start = header
    indicators: list[dict] = []
    level1 = level2 = None
    for index in range(start, len(rows)):
        row = rows[index]
        if any(L.bare(cell.text) in L.STOP_LABELS for cell in row):
            return indicators, index
        first = L.level_label(_text(row, columns.get("level1")))
        second = L.level_label(_text(row, columns.get("level2")))
        if first and first != level1:
            level1, level2 = first, None
        level2 = second or level2
        name_cell = _cell(row, columns.get("level3"))
        if name_cell is None or not name_cell.text or L.role_of(name_cell.text, L.INDICATOR_COLUMNS):
            continue
        indicators.append(_indicator(row, columns, level1, level2, name_cell))
    return indicators, len(rows)


def _indicator(row, columns: dict[str, int], level1, level2, name_cell: GridCell) -> dict:
    target = _text(row, columns.get("target")) or _text(row, columns.get("target_initial"))
    operator, value, unit, target_text = _target(
        _text(row, columns.get("nature")), target, _text(row, columns.get("unit"))
    )
    actual = _text(row, columns.get("actual"))
    note = _text(row, columns.get("note"))
    return {
        "level1": level1 if "level1" in columns else None,
        "level2": level2 if "level2" in columns else None,
        "level3": name_cell.text,
        "target_text": target_text,
        "target_operator": operator,
        "target_value": value,
        "target_unit": unit,
        "actual_text": actual or None,
        "actual_value": actual_number(actual),
        "weight": points(_text(row, columns.get("weight"))),
        "score": points(_text(row, columns.get("score"))),
        "deviation_note": None if is_blank(note) else note,
        "row": name_cell.row,
        "locator": name_cell.locator,
    }


def _target(nature: str, target: str, unit_cell: str) -> tuple[str | None, int | float | None, str | None, str | None]:
    """(operator, value, unit, target_text) from 指标性质 │ 指标值 │ 度量单位, any of which may be empty.

    An operator glyph in 指标性质 joins the three cells as printed (`≧500户`); `定性` keeps the value text
    alone; otherwise the value cell is read as an inline target (`≥48次`), its unit completed from 度量单位."""
    glyph = normalise_operator(nature)
    if not target:
        return None, None, None, None
    if glyph:
        _, value, inline_unit = split_target(target)
        if value is None:
            return None, None, None, target
        return glyph, value, unit_cell or inline_unit, nature.strip() + target + unit_cell
    if L.norm(nature) == "定性":
        return None, None, None, target
    operator, value, inline_unit = split_target(target)
    if value is None:
        return None, None, None, target
    unit = inline_unit or unit_cell or None
    return operator, value, unit, target if inline_unit or not unit_cell else target + unit_cell


def points(text: str | None) -> int | float | None:
    """A weight or score: `10`, `14.58`, `10分`; None for blanks and anything else."""
    parsed = leading_number(text)
    if parsed is None or parsed[1] not in ("", "分"):
        return None
    return to_python(parsed[0])


# --- total -----------------------------------------------------------------------------------------------


def _read_total(rows, start: int | None, columns: dict[str, int]) -> Total | None:
    """The 总分 row after the indicators (`start`: where they ended), else a labelled 自评总分 cell."""
    for row in rows[start:] if start is not None else []:
        for col, cell in distinct_positions(row):
            if L.bare(cell.text) in L.TOTAL_LABELS:
                return _total_row(row, col, columns)
    found = _labelled(rows, {"自评总分", "自评得分", "综合得分", "总分", "评价得分", "绩效自评得分"})
    if found is None:
        return None
    label, value = found
    rating = _labelled(rows, L.RATING_LABELS)
    return Total(points(value), None, rating[1] if rating else None, f"{label.text}{CELL_SEP}{value}", label.locator)


def _conclusion_rating(rows) -> str | None:
    """The grade a 评价结论 / 自评结论 cell states in words (`自评等级为“优”`) when no grade cell is printed."""
    found = _labelled(rows, L.CONCLUSION_LABELS)
    match = L.CONCLUSION_RATING_RE.search(L.norm(found[1])) if found else None
    return match.group(1) if match else None


_FULL_MARKS = 100.0


def _total_row(row: list[GridCell], col: int, columns: dict[str, int]) -> Total:
    label = row[col]
    after = [cell for c, cell in distinct_positions(row) if c > col and not (label.merge and cell.merge == label.merge)]
    weight_col, score_col = columns.get("weight"), columns.get("score")
    max_score = score = None
    if weight_col is not None and score_col is not None and min(weight_col, score_col) > col:
        max_score, score = points(_text(row, weight_col)), points(_text(row, score_col))
    numbers = [value for value in (points(cell.text) for cell in after) if value is not None]
    if score is None and (max_score is None or len(numbers) >= 2):  # not aligned with the columns: in order
        max_score, score = (numbers[0], numbers[1]) if len(numbers) >= 2 else (None, numbers[0] if numbers else None)
    if (
        numbers == [_FULL_MARKS]
        and weight_col is not None
        and score_col is not None
        and score == _FULL_MARKS
        and max_score is None
    ):  # `合计 │ 100` lost its colspan: the weights' sum, the 得分 left blank
        max_score, score = _FULL_MARKS, None
    rating = next((cell.text for cell in after if L.norm(cell.text) in L.RATINGS), None)
    return Total(score, max_score, rating, row_source_text(row), label.locator)


# --- records ---------------------------------------------------------------------------------------------


def form_records(form: Form) -> dict[str, list[dict]]:
    """The records of one form (docs/data-dictionary.md), with its validation issues."""
    out: dict[str, list[dict]] = {
        "projects": [],
        "indicators": [],
        "evaluations": [],
        "figures": [],
        "goals": [],
        "funds_detail": [],
        "validation_issues": [],
    }
    subject = form.project if form.kind in (PROJECT, TARGETS) else None
    out["indicators"] = [{"project": subject, **row} for row in form.indicators]
    out["goals"] = [{"project": subject, **goal} for goal in form.goals]
    if form.kind == TARGETS:
        return out
    funds = _funds_values(form.funds)
    total = form.total
    rating = L.RATINGS.get(L.norm(total.rating_text)) if total and total.rating_text else None
    if form.kind == PROJECT and (form.project or form.funds):
        out["projects"].append(
            {
                "name": form.project,
                "initial_budget": funds.get("initial"),
                "full_year_budget": funds.get("full_year"),
                "executed": funds.get("executed"),
                "execution_rate_pct": funds.get("rate"),
                "score": total.score if total else None,
                "rating": rating,
                "department": form.department,
                "implementing_unit": form.implementer,
                "locator": form.locator,
            }
        )
    if total and (total.score is not None or total.rating_text):
        is_project = form.kind == PROJECT
        out["evaluations"].append(
            {
                "subject_type": "project" if is_project else "department",
                "subject": form.project if is_project else form.department,
                "score": total.score,
                "max_score": total.max_score,
                "rating_text": total.rating_text,
                "rating": rating,
                "source_text": total.source_text,
                "locator": total.locator,
            }
        )
    for task in form.tasks:
        out["projects"].append(_task_project(task, form))
        out["figures"] += _task_figures(task, form)
    if form.funds:
        out["figures"] += _figures(form, form.funds)
        out["funds_detail"].append(_funds_detail(form, form.funds, funds))
    out["validation_issues"] = check_form(form.indicators, funds, total, rating, form.locator)
    if form.funds and form.funds.unit_basis == "inferred":
        out["validation_issues"].append(
            {
                "rule": "unit_inferred",
                "detail": "no money unit printed for the funds block; 元 assumed",
                "expected": None,
                "observed": "元",
                "locator": form.locator,
            }
        )
    return out


def _task_project(task: Task, form: Form) -> dict:
    money = {
        role: money_value(_cell_text(task.cells.get(role)), task.unit_text)[0] for role in ("full_year", "executed")
    }
    return {
        "name": task.name,
        "initial_budget": None,
        "full_year_budget": money["full_year"],
        "executed": money["executed"],
        "execution_rate_pct": percent_number(_cell_text(task.cells.get("rate"))),
        "score": None,
        "rating": None,
        "department": form.department,
        "implementing_unit": None,
        "locator": next(iter(task.cells.values())).locator,
    }


def _task_figures(task: Task, form: Form) -> list[dict]:
    figures = []
    for role, metric in (("full_year", "budget.adjusted_total"), ("executed", "projects.spent")):
        cell = task.cells.get(role)
        if _printed(cell):
            value, unit_text, inline = money_value(cell.text, task.unit_text)
            if _not_money(cell, value):
                continue
            figures.append(
                _figure(
                    form,
                    metric,
                    task.name,
                    cell,
                    value,
                    "yuan",
                    unit_text,
                    "inline" if inline else task.unit_basis,
                    task.source_text,
                )
            )
    rate = task.cells.get("rate")
    if _printed(rate):
        figures.append(
            _figure(
                form,
                "projects.execution_rate_pct",
                task.name,
                rate,
                percent_number(rate.text),
                "percent",
                "%",
                "inline" if "%" in rate.text else "inferred",
                task.source_text,
            )
        )
    return figures


def _funds_values(funds: Funds | None) -> dict:
    if funds is None:
        return {}
    values = {role: _money(funds, funds.total.get(role)) for role in ("initial", "full_year", "executed")}
    values["rate"] = _rate_percent(funds)
    values["weight"] = points(_cell_text(funds.total.get("weight")))
    values["score"] = points(_cell_text(funds.total.get("score")))
    return values


def _cell_text(cell: GridCell | None) -> str:
    return cell.text if cell else ""


def _money(funds: Funds, cell: GridCell | None) -> float | None:
    return money_value(_cell_text(cell), funds.unit_text)[0]


_RATIO_TOLERANCE = 0.006


def _rate_percent(funds: Funds) -> float | None:
    """The funds' execution rate in percent; a rate printed as the ratio itself (`0.958` for 27.8 of 29, no `%`)
    is that ratio times 100."""
    rate = percent_number(_cell_text(funds.total.get("rate")))
    executed, full_year = (_money(funds, funds.total.get(role)) for role in ("executed", "full_year"))
    ratio = executed / full_year if executed is not None and full_year else None
    if rate is not None and ratio is not None and rate <= 1 and abs(rate - ratio) <= _RATIO_TOLERANCE:
        return round(rate * 100, 6)
    return rate


_PROJECT_METRICS = (
    ("initial", "budget.initial_project"),
    ("full_year", "budget.adjusted_total"),
    ("executed", "projects.spent"),
)
_DEPARTMENT_METRICS = (
    ("initial", "budget.initial_total"),
    ("full_year", "budget.adjusted_total"),
    ("executed", "expenditure.total"),
)


def _figures(form: Form, funds: Funds) -> list[dict]:
    is_project = form.kind == PROJECT
    subject = form.project if is_project else form.department
    rows: list[tuple[tuple[tuple[str, str], ...], dict[str, GridCell], str]] = [
        (_PROJECT_METRICS if is_project else _DEPARTMENT_METRICS, funds.total, funds.total_source)
    ]
    if not is_project:
        rows += [(_kind_metrics(kind), cells, source) for kind, cells, source in _department_parts(funds)]
    figures = []
    for metrics, cells, source in rows:
        for role, metric in metrics:
            cell = cells.get(role)
            if not _printed(cell):
                continue
            value, unit_text, inline = money_value(cell.text, funds.unit_text)
            if _not_money(cell, value):
                continue
            figures.append(
                _figure(
                    form,
                    metric,
                    subject,
                    cell,
                    value,
                    "yuan",
                    unit_text,
                    "inline" if inline else funds.unit_basis,
                    source,
                )
            )
    rate = funds.total.get("rate")
    if is_project and _printed(rate):
        header = funds.header.get("rate")
        basis = (
            "inline"
            if "%" in L.norm(rate.text)
            else "table_header"
            if header and "%" in L.norm(header.text)
            else "inferred"
        )
        figures.append(
            _figure(
                form,
                "projects.execution_rate_pct",
                subject,
                rate,
                _rate_percent(funds),
                "percent",
                "%",
                basis,
                funds.total_source,
            )
        )
    return figures


def _department_parts(funds: Funds) -> list[tuple[str, dict[str, GridCell], str]]:
    """A department form's 基本支出 / 项目支出 rows under 年度资金总额, as (kind of spending, cells, printed row)."""
    found = []
    for name, cells, source in funds.parts:
        kind = L.role_of(name, L.DEPARTMENT_FUNDS_ROWS)
        if kind:
            found.append((kind, cells, source))
    return found


def _kind_metrics(kind: str) -> tuple[tuple[str, str], ...]:
    """The metrics of a 基本支出 (`basic`) or 项目支出 (`project`) row: its 年初预算数 and its 全年执行数; a
    全年预算数 of one kind of spending has no metric key."""
    return (("initial", f"budget.initial_{kind}"), ("executed", f"expenditure.{kind}"))


def _printed(cell: GridCell | None) -> TypeGuard[GridCell]:
    """A figure is kept for a printed number or a printed blank glyph (`—` → value None), not for an empty
    cell or words."""
    return cell is not None and bool(cell.text) and (is_blank(cell.text) or leading_number(cell.text) is not None)


def _not_money(cell: GridCell, value: float | None) -> bool:
    """A printed number that is no amount (`100%` shifted into the 执行数 cell of a row that lost it): no figure,
    where a printed blank glyph is a NULL one."""
    return value is None and not is_blank(cell.text)


def _figure(
    form: Form,
    metric: str,
    subject,
    cell: GridCell,
    value,
    unit: str,
    unit_text: str | None,
    basis: str,
    source_text: str,
) -> dict:
    return {
        "metric": metric,
        "subject": subject,
        "fiscal_year": form.fiscal_year,
        "value": value,
        "unit": unit,
        "value_text": cell.text,
        "unit_text": unit_text,
        "unit_basis": basis,
        "source_text": source_text,
        "span_start": None,
        "span_end": None,
        "locator": cell.locator,
    }


def _funds_detail(form: Form, funds: Funds, values: dict) -> dict:
    rows = [
        {
            "label": form_label,
            "initial": _money(funds, cells.get("initial")),
            "full_year": _money(funds, cells.get("full_year")),
            "executed": _money(funds, cells.get("executed")),
        }
        for form_label, cells, _ in [(funds.total_label, funds.total, funds.total_source), *funds.parts]
    ]
    return {
        "project": form.project if form.kind == PROJECT else None,
        "unit_printed": funds.unit_text,
        "unit_basis": funds.unit_basis,
        "weight": values.get("weight"),
        "execution_rate_pct": values.get("rate"),
        "execution_score": values.get("score"),
        "rows": rows,
    }
