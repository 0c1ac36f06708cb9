"""Tables of the body: project tables → `projects` rows, other tables → figures, score tables → max scores.

The header decides which column is which (headers may span two rows and merged cells repeat in the grid):
项目收支明细表 (年初结转结余 │ 本年实际到位资金 │ 已使用资金 │ 年末结转结余 │ 资金使用率) and 自评结果表
(年初预算数 │ 全年预算数 │ 全年执行数 │ 执行率 │ 自评得分 │ 评价等级) become project rows; 合计 rows are not
projects but are kept for the `project rows vs total` check. In other tables a row label that is a metric
wording (公务接待费, 基本支出, 会议费, 合计 …) crossed with a column whose header gives the stage (预算数 →
budget, 决算数 / 全年执行 → actual; 增减 columns are skipped) is a figure. Label/value grids (`人员编制 │ 68 │
实有人数 │ 64`) pair each label with the number to its right. Blank cells are NULL, never 0.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from pipelines.attachments.labels import FUNDS_COLUMNS, role_of
from pipelines.body import Body
from pipelines.figures.evaluations import normalise_rating
from pipelines.figures.metrics import (
    CONCEPT_BY_NAME,
    DEPARTMENT_TOTALS,
    FILLER,
    GAP_STAGE_MARKERS,
    METRIC_UNITS,
    Concept,
    Context,
    find_label,
    find_labels_in_list,
    last_stage,
    resolve,
    topics_of,
    total_reading,
)
from pipelines.figures.numbers import CellValue, decimals_of, parse_cell
from pipelines.figures.page_forms import PROJECT_FIELDS, PageForms, read_page_form
from pipelines.figures.records import DocumentFacts, Figure, metric_value
from pipelines.figures.units import (
    INFERRED,
    INLINE,
    MONEY_MULTIPLIERS,
    TABLE_HEADER,
    exempt_from_table_unit,
    header_unit,
    unit_class,
)
from pipelines.grid import Grid, GridCell, row_span, same_cell
from pipelines.lexicon import alternation, lexicon
from pipelines.schema import yuan_columns
from pipelines.text import TRADITIONAL_CHARS as _TRADITIONAL_CHARS
from pipelines.text import normalise, simplified_reading, to_yuan
from pipelines.title import without_own_level

_MONEY_FIELDS = yuan_columns("projects")
_COLUMNS = lexicon().sections["columns"]  # the table vocabulary of pipelines/lexicon.yaml


def _words(name: str) -> re.Pattern[str]:
    return re.compile(alternation(_COLUMNS[name]))


_FIELD_HEADERS = tuple((name, re.compile(alternation(words))) for name, words in _COLUMNS["project_fields"].items())
_NAME_HEADER = _words("project_name")
_UNIT_HEADER = _words("unit_name")
_STAFF_CONCEPTS = frozenset(
    {"auth_total", "auth_admin", "auth_institution", "actual_total", "actual_admin", "actual_institution"}
)
_TOTAL_ROW = _words("total")
_SANGONG_TOTAL_ROW = _words("sangong_total")
_SKIP_COLUMN = _words("skip")
_SHARE_COLUMN = _words("share")
_FUND_PART_COLUMN = _words("fund_part")
_TITLE_ROW = re.compile(r"表(?:\s*[(（][^)）]{0,20}[)）])?$")
# a table's imprint beside its unit (`编制单位:某某委员会 | 2016年度 | 金额单位:元`): who made it and for when
_IMPRINT = re.compile(r"^(?:编制单位|填报单位|单位名称)\s*[:：]|^(?:19|20)\d{2}\s*年度?$")
_FISCAL_SCOPE = _words("fiscal_scope")
_CHANGE_ROW = _words("change_row")
_ROW_PERIOD = _words("row_period")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_LETTER_SPACING = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")  # `预 算 数`, `决 算 数` in headers
_PRIOR_YEAR = re.compile(r"上年|上一年|去年")
_LABEL_UNIT = re.compile(r"\s*\(\s*(万元|元|辆|个|人次|人|批次|批|次|%)\s*\)\s*$")
_COUNT_WORDS = tuple((klass, re.compile(alternation(words))) for klass, words in _COLUMNS["counts"].items())
_SUB_ROW = re.compile(r"^(?:其中[:：]?)")
# `其中：`, economic codes (`30215 会议费`) and enumerators before a row label.
# `一、收入支出情况对比 (一) 收入总计`: a section heading printed in the cell of its first row (a PDF's text)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLASS_ITEMS = frozenset({"basic", "project_exp"})
_QUALIFIER_NOISE = re.compile(r"本年|部门|单位|其中|合计|总计|[(（][^)）]*[)）]")
_SECTION_HEAD = re.compile(r"^.+\s(?=[(（][一二三四五六七八九十]{1,3}[)）])")
_LABEL_NOISE = re.compile(
    r"^[\s　]*(?:其中[:：]?)?[\s　]*(?:\d{3,7}(?![\d年])\s*)?"
    r"(?:[一二三四五六七八九十]+[、.]|\d{1,2}[.、]|[(（][一二三四五六七八九十\d]+[)）])?\s*"
)
_CODE_PREFIX = re.compile(r"^\s*(?:\d+[-.、]\s*|[(（]\d+[)）]\s*)+")
_SCORE_TABLE = re.compile(r"得分")
_MAX_HEADER = re.compile(r"分值|权重|满分|标准分")
_SANGONG_FAMILY = {
    "sangong",
    "outbound",
    "vehicle",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
    "reception_domestic",
    "reception_foreign",
}


def _norm(text: str) -> str:
    """A cell as the lexicon reads it: normalised, traditional script in its simplified reading."""
    text = normalise(text or "").strip()
    return simplified_reading(text) if _TRADITIONAL_CHARS.search(text) else text


@dataclass
class ProjectTotals:
    """A project table's 合计 row next to its project rows, for the sum and rate checks."""

    table: int
    fields: list[str]
    rows: list[dict]
    total: dict
    source_text: str
    tolerance: dict[str, float]  # per summand, in yuan: one unit of the last printed digit


@dataclass
class ScoreTotal:
    """`合计 │ 100 │ 92` in a table with 分值/得分 columns: a maximum and a score."""

    max_score: float | None
    score: float
    rating_text: str | None
    source_text: str


@dataclass
class TableResults:
    figures: list[Figure] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    project_evaluations: list[dict] = field(default_factory=list)
    project_totals: list[ProjectTotals] = field(default_factory=list)
    score_totals: list[ScoreTotal] = field(default_factory=list)
    forms: PageForms = field(default_factory=PageForms)  # self-evaluation forms printed in the body


class _Grid:
    """A table with normalised cell texts, its unit, header rows and column headers."""

    def __init__(self, body: Body, table: Grid, index: int):
        self.body, self.table, self.index = body, table, index
        rows = [[_norm(cell.text) for cell in row] for row in table.rows]
        self.unit = header_unit(table.caption) or header_unit(table.unit_line)
        first_data = 0
        while first_data < len(rows) and (
            self._is_title_row(rows[first_data]) or _spans_the_table(table.rows[first_data])
        ):
            self.unit = self.unit or next(filter(None, map(_declared_unit, rows[first_data])), None)
            first_data += 1
        header_end = first_data
        while header_end < len(rows) and header_end - first_data < 3 and not _has_number(rows[header_end]):
            header_end += 1
        if header_end == len(rows):
            header_end = first_data
        self.texts = rows
        self.header_rows = range(first_data, header_end)
        self.data_rows = range(header_end, len(rows))
        width = max((len(row) for row in rows), default=0)
        self.header_stacks = [self._header_stack(c) for c in range(width)]
        self.headers = [" ".join(stack) for stack in self.header_stacks]
        if self.headers and not self.unit:  # `项目(单位:元)`: the corner cell over the row labels declares it
            self.unit = _declared_unit(self.headers[0])

    @staticmethod
    def _is_title_row(row: list[str]) -> bool:
        """A row of several columns that holds only the table's title (`…统计表`, merged across it) and/or its unit
        (`单位：万元`, alone or in the title's last cell), or its unit beside its imprint (`编制单位:X | 2016年度 |
        金额单位:元`): a unit for the whole table, not for the columns under it."""
        distinct = {text for text in row if text}
        if not 1 <= len(distinct) <= 3 or len(row) < 2:
            return False
        units = {text for text in distinct if _declared_unit(text)}
        titles = {text for text in distinct - units if _TITLE_ROW.search(text)}
        imprint = {text for text in distinct - units - titles if _IMPRINT.search(text)}
        if imprint:
            return len(units) == 1 and units | titles | imprint == distinct
        return units | titles == distinct and len(units) <= 1 and len(titles) <= 1 and len(distinct) <= 2

    def _header_stack(self, column: int) -> list[str]:
        """The distinct header texts above a column, top to bottom."""
        parts: list[str] = []
        for r in self.header_rows:
            text = _LETTER_SPACING.sub("", self.texts[r][column]) if column < len(self.texts[r]) else ""
            if text and text not in parts:
                parts.append(text)
        return parts

    def cell(self, row: int, column: int) -> str:
        return self.texts[row][column] if column < len(self.texts[row]) else ""

    def heads_column(self, row: int, column: int) -> bool:
        """The cell is part of a header cell merged down into the data rows."""
        cell = self.table.rows[row][column]
        return not cell.origin and any(
            same_cell(cell, self.table.rows[r][column]) for r in self.header_rows if column < len(self.table.rows[r])
        )

    def row_span(self, row: int) -> tuple[int, int]:
        return row_span(self.table.rows[row]) or (self.table.start, self.table.end)

    def source(self, row: int) -> tuple[str, int, int]:
        start, end = self.row_span(row)
        return self.body.text[start:end], start, end

    def locator(self, row: int, column: int | None = None) -> str:
        where = f"table {self.index + 1} row {row + 1}"
        return where if column is None else f"{where} col {column + 1}"

    def printed(self, row: int, column: int) -> str:
        cell = self.table.rows[row][column]
        return self.body.text[cell.start : cell.end] if cell.start >= 0 else cell.text

    def money_unit(self, value: CellValue, column: int, row_label: str = "") -> tuple[str, str, str]:
        """(unit, unit_text, unit_basis) of a money cell: inline, then its row label's (`一、医院总收入(元)`, in a
        table whose rows have units of their own), then column header, then table unit."""
        if value.unit in MONEY_MULTIPLIERS:
            return value.unit, value.unit, INLINE
        column_unit = header_unit(row_label) or header_unit(self.headers[column])
        if column_unit:
            return column_unit, column_unit, TABLE_HEADER
        if self.unit:
            return self.unit, self.unit, TABLE_HEADER
        return "", "", INFERRED


def _spans_the_table(row: list[GridCell]) -> bool:
    """A row that is one cell merged across the whole table (`一般公共预算财政拨款“三公”经费` over all its columns):
    the table's title, above its header."""
    return len(row) > 1 and row[0].merge is not None and all(cell.merge == row[0].merge for cell in row)


def _declared_unit(text: str) -> str | None:
    """The money unit a `单位：元` cell declares for its table."""
    return header_unit(text) if "单位" in text else None


def _has_number(row: list[str]) -> bool:
    return any(parse_cell(text).numeric for text in row[1:])


def analyse_tables(body: Body, facts: DocumentFacts) -> TableResults:
    results = TableResults()
    for index, table in enumerate(body.tables):
        if not table.rows or read_page_form(table, body.text, facts, results.forms):
            continue
        for section in _sections(table):
            _analyse_grid(_Grid(body, section, index), facts, results)
    return results


def _analyse_grid(grid: _Grid, facts: DocumentFacts, results: TableResults) -> None:
    name_column = _project_name_column(grid)
    if name_column is not None:
        _project_table(grid, name_column, facts, results)
    elif not _staff_roster(grid, facts, results):
        _score_table(grid, results)
        _metric_table(grid, facts, results)


def _sections(table: Grid) -> list[Grid]:
    """A table of stacked sections, each under a header row of its own (`财政供养人员情况(人) │ 编制数 │ 实际在职人数`,
    its row of counts, then `经费控制情况(万元) │ 2021年决算数 │ 2022年预算数 │ 2022年决算数` and the money under
    it): one grid per section, so each section's numbers take their own columns' years and stages."""
    texts = [[_norm(cell.text) for cell in row] for row in table.rows]
    starts = [0]
    starts += [r for r in range(1, len(texts)) if _has_number(texts[r - 1]) and _reheads_columns(texts[r])]
    if len(starts) == 1:
        return [table]
    bounds = zip(starts, [*starts[1:], len(texts)], strict=True)
    return [
        Grid(table.name, table.rows[a:b], table.caption, table.unit_line, table.start, table.end) for a, b in bounds
    ]


def _reheads_columns(row: list[str]) -> bool:
    """A row without numbers whose cells right of its label each name a year or a stage (`2021年决算数`)."""
    heads = {text for text in row[1:] if text}
    return (
        len(heads) >= 2
        and not _has_number(row)
        and all(_YEAR.search(text) or last_stage(text, GAP_STAGE_MARKERS) for text in heads)
    )


def _staff_roster(grid: _Grid, facts: DocumentFacts, results: TableResults) -> bool:
    """A roster of the department's units (`单位 │ 经费性质 │ 编制人数 │ 实有人数`, one row per unit): each row's
    posts and staff are that unit's; the `X(本级)` row is the department's own. A 合计 row sums units of differing
    kinds and gives nothing."""
    if not grid.headers or not _UNIT_HEADER.search(_LETTER_SPACING.sub("", grid.headers[0])):
        return False
    columns = {
        c: concept
        for c, header in enumerate(grid.headers)
        if c and (concept := _concept_of(header)) is not None and concept.name in _STAFF_CONCEPTS
    }
    if not columns:
        return False
    for r in grid.data_rows:
        unit = _CODE_PREFIX.sub("", grid.cell(r, 0)).strip()
        if not unit or _is_total(unit) or parse_cell(unit).numeric:
            continue
        own = without_own_level(_norm(unit))
        subject = facts.department if own != _norm(unit) or own == facts.department else unit
        for c, concept in columns.items():
            if parse_cell(grid.cell(r, c)).numeric:  # a row cut off by the page's end prints no blank of its own
                _emit(grid, r, c, concept, None, None, facts.fiscal_year, facts, results, subject)
    return True


# -- project tables ---------------------------------------------------------------------------------------


def _project_name_column(grid: _Grid) -> int | None:
    """The name column of a project table: one with money or rate columns, or a 项目名称 list of grades."""
    fields = [_field_of(header) for header in grid.headers]
    if not any(fields):
        return None
    money = any(f and f not in ("score", "rating") for f in fields)
    for column, header in enumerate(grid.headers):
        if _NAME_HEADER.search(header.replace(" ", "")):
            labels = [_row_label(grid, r, column) for r in grid.data_rows]
            worded = sum(1 for label in labels if label and _concept_of(label))
            if "名称" in header or (money and ("预算项目" in header or worded * 2 < len(labels))):
                return column
    return None


def _field_of(header: str) -> str | None:
    return next((name for name, pattern in _FIELD_HEADERS if pattern.search(header)), None)


def _project_table(grid: _Grid, name_column: int, facts: DocumentFacts, results: TableResults) -> None:
    columns = {c: field for c, h in enumerate(grid.headers) if c != name_column and (field := _field_of(h))}
    rows, total = [], None
    for r in grid.data_rows:
        name = _CODE_PREFIX.sub("", grid.cell(r, name_column)).strip()
        if not name or _SUB_ROW.match(name) or parse_cell(name).numeric:
            continue
        values = _project_values(grid, r, columns, facts, None)
        source_text = grid.source(r)[0]
        if _TOTAL_ROW.match(name.replace(" ", "")):
            total = values
            total_source = source_text
            continue
        record = {"name": name, **dict.fromkeys(PROJECT_FIELDS), **values, "locator": grid.locator(r)}
        rows.append(record)
        if set(columns.values()) - {"score", "rating"}:  # a list of grades only (a 评价结果通报) is no project row
            results.projects.append(record)
        facts.known_projects.add(name)
        if record["score"] is not None or record["rating"] is not None:
            results.project_evaluations.append(
                {
                    "subject_type": "project",
                    "subject": name,
                    "score": record["score"],
                    "max_score": None,
                    "rating_text": values.get("rating_text"),
                    "rating": record["rating"],
                    "source_text": source_text,
                    "locator": grid.locator(r),
                }
            )
        record.pop("rating_text", None)
    if total is not None:
        total.pop("rating_text", None)
        results.project_totals.append(
            ProjectTotals(
                grid.index, sorted(set(columns.values())), rows, total, total_source, _tolerances(grid, columns, facts)
            )
        )


def _project_values(grid: _Grid, row: int, columns: dict[int, str], facts: DocumentFacts, unit: str | None) -> dict:
    """The printed fields of one row; money in yuan (cell unit, else `unit`, else the column's or table's)."""
    values: dict = {}
    for column, name in columns.items():
        text = grid.cell(row, column)
        if name == "rating":
            values["rating_text"] = text or None
            values["rating"] = normalise_rating(text, facts.four_word_scheme) if text else None
            continue
        cell = parse_cell(text)
        if cell.value is None:
            values[name] = None
        elif name in _MONEY_FIELDS:
            cell_unit = cell.unit if cell.unit in MONEY_MULTIPLIERS else unit
            cell_unit = cell_unit or grid.money_unit(cell, column)[0] or facts.money_default
            values[name] = to_yuan(cell.value, MONEY_MULTIPLIERS[cell_unit])
        else:
            values[name] = float(cell.value)
    return values


def _tolerances(grid: _Grid, columns: dict[int, str], facts: DocumentFacts) -> dict[str, float]:
    tolerances = {}
    for column, name in columns.items():
        if name not in _MONEY_FIELDS:
            continue
        decimals = max((decimals_of(grid.cell(r, column)) for r in grid.data_rows), default=0)
        unit = grid.money_unit(parse_cell(""), column)[0] or facts.money_default
        tolerances[name] = 10.0**-decimals * float(MONEY_MULTIPLIERS[unit])
    return tolerances


# -- score tables -----------------------------------------------------------------------------------------


def _score_table(grid: _Grid, results: TableResults) -> None:
    headers = " ".join(grid.headers)
    if not (_SCORE_TABLE.search(headers) and _MAX_HEADER.search(headers)):
        return
    for r in grid.data_rows:
        cells = [grid.cell(r, c) for c in range(len(grid.texts[r]))]
        if not any(_TOTAL_ROW.match(text.replace(" ", "")) for text in cells):
            continue
        numbers = [value for text in _distinct(cells) if (value := parse_cell(text).value) is not None]
        if not numbers:
            continue
        rating = next((text for text in cells if normalise_rating(text, True)), None)
        max_score = float(numbers[0]) if len(numbers) > 1 else None
        results.score_totals.append(ScoreTotal(max_score, float(numbers[-1]), rating, grid.source(r)[0]))


def _distinct(cells: list[str]) -> list[str]:
    out: list[str] = []
    for text in cells:
        if not out or out[-1] != text:
            out.append(text)
    return out


# -- other tables -----------------------------------------------------------------------------------------


def _row_label(grid: _Grid, row: int, column: int = 0) -> str:
    return _LABEL_NOISE.sub("", grid.cell(row, column)).strip()


@functools.lru_cache(maxsize=16384)
def _concept_of(label: str) -> Concept | None:
    label = _LABEL_UNIT.sub("", label)
    if _is_total(label):
        return None
    found = find_label(label)
    if found is None or found.concept.name == "excluded" or not FILLER.fullmatch(label, found.end):
        return None
    if len(find_labels_in_list(label)) > 1:
        return None  # `会议费、培训费`: one amount for two items, neither's
    if found.concept.name in _CLASS_ITEMS and _HAN.search(_QUALIFIER_NOISE.sub("", label[: found.start])):
        return None  # `科教项目支出` (a hospital's research projects): a qualifier makes the class some other item
    return found.concept


def _is_total(label: str, sangong_table: bool = False) -> bool:
    """`合计`, `总计`, `小计`; in a 三公 table also `支出合计` / `经费合计` (the 三公 total, not expenditure)."""
    bare = label.replace(" ", "")
    return bool(_TOTAL_ROW.match(bare) or (sangong_table and _SANGONG_TOTAL_ROW.match(bare)))


@functools.lru_cache(maxsize=16384)
def _label_class(label: str) -> str | None:
    """The count a row or column label announces: `公务用车保有量(辆)` → vehicle, `接待人数` → person."""
    unit = _LABEL_UNIT.search(label)
    if unit:
        return unit_class(unit.group(1))
    return next((klass for klass, pattern in _COUNT_WORDS if pattern.search(label)), None)


@dataclass
class _Column:
    """What a column's header says about the numbers under it."""

    skip: bool = False
    stage: str | None = None
    year: int | None = None
    concept: Concept | None = None  # the item a column header names (transposed tables)
    total: bool = False  # the header is 合计 / 小计 with no item above it
    klass: str | None = None


def _columns(grid: _Grid, facts: DocumentFacts, sangong_table: bool) -> list[_Column]:
    columns = []
    for header, stack in zip(grid.headers, grid.header_stacks, strict=True):
        column = _Column(
            skip=bool(_SKIP_COLUMN.search(header)),
            stage=last_stage(header, GAP_STAGE_MARKERS),
            year=_year_of(header, facts),
            klass=_label_class(header),
        )
        for text in reversed(stack):
            label = _LABEL_NOISE.sub("", text).strip()
            if _is_total(label, sangong_table):
                column.total = True
            elif (concept := _concept_of(label)) is not None and concept.tier == 1 and not concept.stage_word:
                if not (sangong_table and concept.name == "fiscal"):  # a 三公 table's 财政拨款 column is a scope
                    column.concept, column.total = concept, False
                break
        columns.append(column)
    for c, column in enumerate(columns):
        column.skip = column.skip or (sangong_table and _splits_an_item(grid.header_stacks, c))
    shares = [any(_SHARE_COLUMN.match(text) for text in stack) for stack in grid.header_stacks]
    valued = [c for c, column in enumerate(columns) if not column.skip and not shares[c]]
    for c, column in enumerate(columns):
        # `其中：一般公共预算财政拨款` beside 决算数 repeats part of it: the 决算数 column is the figure (also under a
        # merged `单位：万元` cell above both).
        column.skip = column.skip or (shares[c] and len(valued) > 1)
    if any(column.total for column in columns):  # the 合计 column is the figure; each fund type's is a part of it
        for c, column in enumerate(columns):  # also under a stage (`决算数` over `合计 │ 一般公共预算 │ 政府性基金`)
            lowest = grid.header_stacks[c][-1] if grid.header_stacks[c] else ""
            column.skip = column.skip or bool(_FUND_PART_COLUMN.match(lowest))
    return columns


def _splits_an_item(stacks: list[list[str]], c: int) -> bool:
    """`公务接待费` over `小计 │ 行政运行 │ 其他城乡社区管理事务支出`: beside the item's 小计, a column whose own header
    names no item, total, stage, year or count splits the item some other way (by function class): no figure."""
    stack = stacks[c]
    if len(stack) < 2:
        return False
    own = _LABEL_NOISE.sub("", stack[-1]).strip()
    named = _concept_of(own)
    if not _HAN.search(own) or _is_total(own, True) or (named is not None and named.tier == 1) or _label_class(own):
        return False
    if last_stage(own, GAP_STAGE_MARKERS) or _YEAR.search(own) or _PRIOR_YEAR.search(own):
        return False
    return any(
        other[:-1] == stack[:-1] and _is_total(_LABEL_NOISE.sub("", other[-1]).strip(), True)
        for k, other in enumerate(stacks)
        if k != c and len(other) == len(stack)
    )


def _year_of(text: str, facts: DocumentFacts) -> int | None:
    """The fiscal year a header or row label binds its numbers to: `2022年`, 上年 (the year before), 本年."""
    found = _YEAR.search(text)
    if found:
        return int(found.group(1))
    if facts.fiscal_year and _PRIOR_YEAR.search(text):
        return facts.fiscal_year - 1
    return None


def _metric_table(grid: _Grid, facts: DocumentFacts, results: TableResults) -> None:
    """Each number takes the nearest label to its left in its row (so `label │ value │ label │ value` grids and
    two-block 收入/支出 tables read right), the stage and year of its column header, and the count its label
    announces. Where the row label names no item (a year row of a transposed table, a 合计 row, no label at
    all) the column header names it."""
    sangong_table = _is_sangong_table(grid)
    if not sangong_table and _FISCAL_SCOPE.search(grid.table.caption):
        return  # 财政拨款收入支出决算总表 and its kin: the fiscal-appropriation scope, not the department's totals
    if _funds_fragment(grid):
        return  # a form's funds block cut from its form: project money, never the department's revenue
    columns = _columns(grid, facts, sangong_table)
    partial_fiscal = _has_government_funds(grid, columns)
    for r in grid.data_rows:
        if _numbering_row(grid.texts[r]):
            continue
        label = concept = label_cell = None
        for column, text in enumerate(grid.texts[r]):
            cell = grid.table.rows[r][column]
            context = columns[column] if column < len(columns) else _Column()
            parsed = parse_cell(text)
            is_label = not (parsed.numeric or parsed.blank)
            if (context.skip and not (is_label and label is None)) or same_cell(cell, label_cell):
                continue  # codes, notes and change columns; a 科目名称 column still names its row
            if is_label and grid.heads_column(r, column):
                continue  # `财政供养人员情况(人)` merged down from the header beside the counts: a header, no label
            if is_label:
                unspaced = _LETTER_SPACING.sub("", text)  # `收 入 总 计`
                label, label_cell = _LABEL_NOISE.sub("", _SECTION_HEAD.sub("", unspaced)).strip(), cell
                concept = None if _is_total(label, sangong_table) else _concept_of(label)
                if concept is not None and concept.name == "fiscal" and partial_fiscal and "一般公共预算" in label:
                    concept = None  # only part of 财政拨款 when 政府性基金 was received too
                continue
            if label is not None and _CHANGE_ROW.search(label):
                break
            _read_cell(grid, r, column, label or "", concept, context, sangong_table, facts, results)


def _read_cell(
    grid: _Grid,
    row: int,
    column: int,
    label: str,
    concept: Concept | None,
    context: _Column,
    sangong_table: bool,
    facts: DocumentFacts,
    results: TableResults,
) -> None:
    stage = context.stage or (last_stage(label, GAP_STAGE_MARKERS) if concept is None else None)
    if concept is None and label and not (_is_total(label, sangong_table) or _ROW_PERIOD.match(label)):
        return  # a row of something else (a function class, a unit): not ours
    if concept is None and context.concept is not None:
        concept = context.concept
    elif concept is None and (context.total or _is_total(label, sangong_table)):
        concept = _total_concept(grid, column, stage, sangong_table)
    if concept is None:
        return
    row_year = _year_of(label, facts) if _ROW_PERIOD.match(label) else None
    year = context.year or row_year or facts.fiscal_year
    _emit(grid, row, column, concept, stage, _label_class(label) or context.klass, year, facts, results)


def _is_sangong_table(grid: _Grid) -> bool:
    """A table of 三公 items; not one of the department's spending (`支出总额 │ 基本支出 │ 项目支出`) that lists
    them among its rows, whose totals are the department's."""
    labels = [_LABEL_NOISE.sub("", text).strip() for row in grid.texts for text in row[:2]]
    in_rows = {concept.name for text in labels if (concept := _concept_of(text)) is not None}
    in_headers = {concept.name for text in grid.headers if (concept := _concept_of(text)) is not None}
    spending_rows = bool(in_rows & _CLASS_ITEMS)
    return "三公" in grid.table.caption or (bool((in_rows | in_headers) & _SANGONG_FAMILY) and not spending_rows)


def _numbering_row(texts: list[str]) -> bool:
    """A 栏次 row `1 │ 2 │ 3 …` between the header and the amounts."""
    numbers = [parse_cell(text).value for text in _distinct(texts) if text]
    return len(numbers) >= 3 and numbers == list(range(1, len(numbers) + 1))


def _funds_fragment(grid: _Grid) -> bool:
    """A header with a self-evaluation form's funds columns (年初预算数 … 全年执行数 … 分值/得分)."""
    roles = {role_of(text, FUNDS_COLUMNS) for r in grid.header_rows for text in grid.texts[r]}
    return "executed" in roles and bool(roles & {"initial", "full_year"}) and bool(roles & {"weight", "score"})


def _has_government_funds(grid: _Grid, columns: list[_Column]) -> bool:
    """A row of 政府性基金 money with a non-zero amount (in its first amount column, past 行次): 一般公共预算 alone
    is then only part of 财政拨款."""
    for row in grid.texts:
        for c, text in enumerate(row):
            if "政府性基金" in text:
                amount = next(
                    (t for k, t in enumerate(row[c + 1 :], c + 1) if k < len(columns) and not columns[k].skip), ""
                )
                if parse_cell(amount).value:
                    return True
    return False


def _row_topics(grid: _Grid, row: int) -> frozenset[str]:
    """What a row and the few rows above it speak of: a bare `运行维护费` row under `公务用车购置及运行维护费` is the
    vehicles'."""
    first = max(grid.data_rows.start, row - _TOPIC_ROWS)
    return topics_of(" ".join(_row_label(grid, r) for r in range(first, row + 1)))


_TOPIC_ROWS = 3


def _total_concept(grid: _Grid, column: int, stage: str | None, sangong_table: bool) -> Concept | None:
    """What a 合计 / 总计 row totals: the 三公 items, the income or expenditure side of a two-block summary
    (by the block's header), or the budget/expenditure lines of the column's stage."""
    if sangong_table:
        return CONCEPT_BY_NAME["sangong"]
    side = grid.header_stacks[column][0].replace(" ", "") if grid.header_stacks[column] else ""
    if side in ("收入", "支出"):
        return CONCEPT_BY_NAME["revenue_total" if side == "收入" else "expenditure_total"]
    concepts = {c.name for r in grid.data_rows if (c := _concept_of(_row_label(grid, r)))}
    concepts |= {c.name for header in grid.headers if (c := _concept_of(header))}
    if concepts & {"basic", "project_exp"}:
        name = {"initial": "initial_total", "adjusted": "adjusted_total"}.get(stage or "final", "expenditure_total")
        return CONCEPT_BY_NAME[name]
    return None


def _emit(
    grid: _Grid,
    row: int,
    column: int,
    concept: Concept,
    stage: str | None,
    label_class: str | None,
    year: int | None,
    facts: DocumentFacts,
    results: TableResults,
    subject: str | None = None,
) -> None:
    text = grid.cell(row, column)
    cell = parse_cell(text)
    if not (cell.numeric or (cell.blank and grid.table.rows[row][column].printed)):
        return  # words, or a cell the text never printed (its blank is not known to be a blank)
    header = grid.headers[column]
    if cell.unit is not None and unit_class(cell.unit) != "money":
        klass = unit_class(cell.unit)
    elif label_class is not None:
        klass = label_class
    elif exempt_from_table_unit(header):
        klass = "percent" if re.search(r"率|%", header) else concept.default_class
    else:
        klass = concept.default_class
    stage = stage or ("initial" if facts.report_type == "budget" else "final")
    printed_concept = concept.name
    if stage == "initial" and facts.report_type == "budget" and concept.name in DEPARTMENT_TOTALS:
        concept = CONCEPT_BY_NAME["initial_total"]  # a 部门预算 table's 收入总计 / 支出总计 is the budget total
    # a project report's table without a project column speaks of the project its title or cover names
    project = subject or (facts.title_project if facts.one_project else None)
    context = Context(unit_class=klass, stage=stage, topics=_row_topics(grid, row), project_subject=project is not None)
    metric = resolve(concept.name, context)
    if metric is None or (facts.report_type == "budget" and metric.startswith(("revenue.", "expenditure."))):
        return  # a 部门预算 table prints budget amounts, never revenue or expenditure
    unit, unit_text, basis = ("", "", INLINE if cell.unit else INFERRED)
    if klass == "money":
        unit, unit_text, basis = grid.money_unit(cell, column, _row_label(grid, row))
        unit = unit or facts.money_default
    elif cell.unit:
        unit_text = cell.unit
    source_text, start, end = grid.source(row)
    printed = grid.printed(row, column).strip() or text
    results.figures.append(
        Figure(
            metric=metric,
            subject=project or facts.department,
            fiscal_year=year,
            value=metric_value(metric, cell.value, unit) if cell.value is not None else None,
            unit=METRIC_UNITS[metric],
            value_text=printed,
            unit_text=unit_text,
            unit_basis=basis,
            source_text=source_text,
            span_start=start,
            span_end=end,
            locator=grid.locator(row, column),
            origin="table",
            reading=total_reading(printed_concept, _row_label(grid, row), metric),
            decimals=decimals_of(str(cell.value)) if cell.value is not None else 0,
        )
    )
