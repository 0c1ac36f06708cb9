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

import re
import unicodedata
from dataclasses import dataclass, field

from pipelines.body import Body
from pipelines.figures.evaluations import normalize_rating
from pipelines.figures.metrics import (
    CONCEPT_BY_NAME, GAP_STAGE_MARKERS, METRIC_UNITS, Concept, Context, find_label, last_stage, resolve,
)
from pipelines.figures.page_forms import PROJECT_FIELDS, PageForms, read_page_form
from pipelines.figures.numbers import CellValue, decimals_of, parse_cell, to_yuan
from pipelines.figures.records import DocumentFacts, Figure, metric_value
from pipelines.grid import Grid, row_span, same_cell
from pipelines.figures.units import (
    INFERRED, INLINE, MONEY_MULTIPLIERS, TABLE_HEADER, exempt_from_table_unit, header_unit, unit_class,
)

_MONEY_FIELDS = {"carryover_start", "received", "spent", "carryover_end", "initial_budget", "full_year_budget",
                 "executed"}
_RATE_FIELDS = {"usage_rate_pct", "execution_rate_pct"}
_FIELD_HEADERS = (
    ("usage_rate_pct", re.compile(r"使用率")),
    ("execution_rate_pct", re.compile(r"执行率")),
    ("carryover_end", re.compile(r"年末结转|年末结余|结余资金")),
    ("carryover_start", re.compile(r"年初结转|上年结转")),
    ("received", re.compile(r"到位|实际收入|本年收入")),
    ("spent", re.compile(r"已使用|已支出|使用资金|实际使用")),
    ("initial_budget", re.compile(r"年初预算")),
    ("full_year_budget", re.compile(r"全年(?:\(调整\))?预算|调整后预算")),
    ("executed", re.compile(r"执行数|全年执行|实际执行|预算执行")),
    ("score", re.compile(r"得分|评分")),
    ("rating", re.compile(r"等级|等次|评价结果|评级")),
)
_NAME_HEADER = re.compile(r"项目名称|预算项目|^项目$")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|总分|合\s*计|总\s*计)$")
_SKIP_COLUMN = re.compile(r"序号|行次|栏次|编码|代码|科目|备注|说明|原因|增减|增长|变动|比上年|上年")
_SUB_ROW = re.compile(r"^(?:其中[:：]?)")
# `其中：`, economic codes (`30215 会议费`) and enumerators before a row label.
_LABEL_NOISE = re.compile(
    r"^[\s　]*(?:其中[:：]?)?[\s　]*(?:\d{3,7}\s*)?"
    r"(?:[一二三四五六七八九十]+[、.]|\d{1,2}[.、]|[(（][一二三四五六七八九十\d]+[)）])?\s*"
)
_CODE_PREFIX = re.compile(r"^\s*(?:\d+[-.、]\s*|[(（]\d+[)）]\s*)+")
_SCORE_TABLE = re.compile(r"得分")
_MAX_HEADER = re.compile(r"分值|权重|满分|标准分")
_SANGONG_FAMILY = {"sangong", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception",
                   "reception_domestic", "reception_foreign"}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


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
        while first_data < len(rows) and self._is_unit_row(rows[first_data]):
            self.unit = self.unit or header_unit(rows[first_data][0])
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
        self.headers = [self._column_header(c) for c in range(width)]

    @staticmethod
    def _is_unit_row(row: list[str]) -> bool:
        distinct = {text for text in row if text}
        return len(distinct) == 1 and bool(header_unit(next(iter(distinct)))) and "单位" in next(iter(distinct))

    def _column_header(self, column: int) -> str:
        parts: list[str] = []
        for r in self.header_rows:
            if column < len(self.texts[r]) and self.texts[r][column] and self.texts[r][column] not in parts:
                parts.append(self.texts[r][column])
        return " ".join(parts)

    def cell(self, row: int, column: int) -> str:
        return self.texts[row][column] if column < len(self.texts[row]) else ""

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
        return self.body.text[cell.start:cell.end] if cell.start >= 0 else cell.text

    def money_unit(self, value: CellValue, column: int) -> tuple[str, str, str]:
        """(unit, unit_text, unit_basis) of a money cell: inline, then column header, then table unit."""
        if value.unit in MONEY_MULTIPLIERS:
            return value.unit, value.unit, INLINE
        column_unit = header_unit(self.headers[column])
        if column_unit:
            return column_unit, column_unit, TABLE_HEADER
        if self.unit:
            return self.unit, self.unit, TABLE_HEADER
        return "", "", INFERRED


def _has_number(row: list[str]) -> bool:
    return any(parse_cell(text).numeric for text in row[1:])


def analyse_tables(body: Body, facts: DocumentFacts) -> TableResults:
    results = TableResults()
    for index, table in enumerate(body.tables):
        if not table.rows:
            continue
        grid = _Grid(body, table, index)
        if read_page_form(table, body.text, facts, results.forms):
            continue
        name_column = _project_name_column(grid)
        if name_column is not None:
            _project_table(grid, name_column, facts, results)
            continue
        _score_table(grid, results)
        _metric_table(grid, facts, results)
    return results


# -- project tables ---------------------------------------------------------------------------------------

def _project_name_column(grid: _Grid) -> int | None:
    fields = [_field_of(header) for header in grid.headers]
    if sum(1 for f in fields if f and f not in ("score", "rating")) < 1:
        return None
    for column, header in enumerate(grid.headers):
        if _NAME_HEADER.search(header.replace(" ", "")):
            labels = [_row_label(grid, r, column) for r in grid.data_rows]
            worded = sum(1 for label in labels if label and _concept_of(label))
            if "名称" in header or "预算项目" in header or worded * 2 < len(labels):
                return column
    return None


def _field_of(header: str) -> str | None:
    return next((name for name, pattern in _FIELD_HEADERS if pattern.search(header)), None)


def _project_table(grid: _Grid, name_column: int, facts: DocumentFacts, results: TableResults) -> None:
    columns = {c: _field_of(h) for c, h in enumerate(grid.headers) if c != name_column and _field_of(h)}
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
        record = {"name": name, **{f: None for f in PROJECT_FIELDS}, **values, "locator": grid.locator(r)}
        rows.append(record)
        results.projects.append(record)
        facts.known_projects.add(name)
        if record["score"] is not None or record["rating"] is not None:
            results.project_evaluations.append({
                "subject_type": "project", "subject": name, "score": record["score"], "max_score": None,
                "rating_text": values.get("rating_text"), "rating": record["rating"], "source_text": source_text,
                "locator": grid.locator(r),
            })
        record.pop("rating_text", None)
    if total is not None:
        total.pop("rating_text", None)
        results.project_totals.append(ProjectTotals(grid.index, sorted(set(columns.values())), rows, total,
                                                    total_source, _tolerances(grid, columns, facts)))


def _project_values(grid: _Grid, row: int, columns: dict[int, str], facts: DocumentFacts,
                    unit: str | None) -> dict:
    """The printed fields of one row; money in yuan (cell unit, else `unit`, else the column's or table's)."""
    values: dict = {}
    for column, name in columns.items():
        text = grid.cell(row, column)
        if name == "rating":
            values["rating_text"] = text or None
            values["rating"] = normalize_rating(text, facts.four_word_scheme) if text else None
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
        tolerances[name] = 10.0 ** -decimals * float(MONEY_MULTIPLIERS[unit])
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
        numbers = [parse_cell(text).value for text in _distinct(cells) if parse_cell(text).numeric]
        if not numbers:
            continue
        rating = next((text for text in cells if normalize_rating(text, True)), None)
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


def _concept_of(label: str) -> Concept | None:
    if _TOTAL_ROW.match(label.replace(" ", "")):
        return None
    found = find_label(label)
    if found is None or found.concept.name == "excluded" or found.end != len(label):
        return None
    return found.concept


def _metric_table(grid: _Grid, facts: DocumentFacts, results: TableResults) -> None:
    """Each number takes the nearest label to its left in its row (so `label │ value │ label │ value` grids and
    two-block 收入/支出 tables read right) and the stage of its column header."""
    for r in grid.data_rows:
        concept, is_total, label_cell = None, False, None
        for column, text in enumerate(grid.texts[r]):
            header = grid.headers[column] if column < len(grid.headers) else ""
            cell = grid.table.rows[r][column]
            if _SKIP_COLUMN.search(header) or same_cell(cell, label_cell):
                continue
            parsed = parse_cell(text)
            if not (parsed.numeric or parsed.blank):
                label = _LABEL_NOISE.sub("", text).strip()
                is_total = bool(_TOTAL_ROW.match(label.replace(" ", "")))
                concept, label_cell = (None if is_total else _concept_of(label)), cell
                continue
            stage = last_stage(header, GAP_STAGE_MARKERS)
            row_concept = _total_concept(grid, stage) if is_total else concept
            if row_concept is not None and label_cell is not None:
                _emit(grid, r, column, row_concept, stage, facts, results)


def _total_concept(grid: _Grid, stage: str | None) -> Concept | None:
    """What a 合计 row totals: the 三公 items, or the budget/expenditure lines of the column's stage."""
    concepts = {c.name for r in grid.data_rows if (c := _concept_of(_row_label(grid, r)))}
    if concepts & _SANGONG_FAMILY:
        return CONCEPT_BY_NAME["sangong"]
    if concepts & {"basic", "project_exp"}:
        name = {"initial": "initial_total", "adjusted": "adjusted_total"}.get(stage or "final", "expenditure_total")
        return CONCEPT_BY_NAME[name]
    return None


def _emit(grid: _Grid, row: int, column: int, concept: Concept, stage: str | None, facts: DocumentFacts,
          results: TableResults) -> None:
    text = grid.cell(row, column)
    cell = parse_cell(text)
    if not (cell.numeric or cell.blank):
        return
    header = grid.headers[column]
    if cell.unit is not None and unit_class(cell.unit) != "money":
        klass = unit_class(cell.unit)
    elif exempt_from_table_unit(header):
        klass = "percent" if re.search(r"率|%", header) else concept.default_class
    else:
        klass = concept.default_class
    context = Context(unit_class=klass, stage=stage or "final")
    metric = resolve(concept.name, context)
    if metric is None:
        return
    unit, unit_text, basis = ("", "", INLINE if cell.unit else INFERRED)
    if klass == "money":
        unit, unit_text, basis = grid.money_unit(cell, column)
        unit = unit or facts.money_default
    elif cell.unit:
        unit_text = cell.unit
    source_text, start, end = grid.source(row)
    printed = grid.printed(row, column).strip() or text
    results.figures.append(Figure(
        metric=metric, subject=facts.department, fiscal_year=facts.fiscal_year,
        value=metric_value(metric, cell.value, unit) if cell.value is not None else None,
        unit=METRIC_UNITS[metric], value_text=printed, unit_text=unit_text, unit_basis=basis,
        source_text=source_text, span_start=start, span_end=end,
        locator=grid.locator(row, column), origin="table",
        reading="current" if concept.name.endswith("_current") else "grand",
        decimals=decimals_of(str(cell.value)) if cell.value is not None else 0,
    ))
