"""Self-evaluation forms printed inside a page body, read by the attachment form reader.

A 项目支出绩效自评表 (Yunnan 公开14表, the national 财预〔2020〕10号 layout, the Sichuan export) or a
部门整体支出绩效自评表 printed as an HTML table or a text table is the same grid as the sheet of an xlsx
attachment, so `pipelines.attachments.forms` reads it and gives the same projects, indicators, evaluations and
project-money figures. Here those records only get their provenance in `body_text`: every figure's span is the
printed cell, its source text the printed row. The form's funds rows (年初预算数 / 全年预算数 / 全年执行数,
其中：本年财政拨款) are the project's money, never the department's revenue.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from pipelines.attachments import forms as F
from pipelines.attachments.labels import SHEET_UNIT_RE, is_title
from pipelines.figures.numbers import decimals_of
from pipelines.figures.records import DocumentFacts, Figure
from pipelines.grid import Grid, GridCell, row_span
from pipelines.text import TRADITIONAL_CHARS, simplified_reading

# A 绩效目标表 is read too: its targets are the project's, and its 资金总额 / 其中：财政拨款 rows no department's money.
_READ_KINDS = (F.PROJECT, F.DEPARTMENT, F.TARGETS)
# Words one of a form's first columns prints (funds block, indicator header, name and task rows): a cheap test
# before the form reader looks at a table.
_FORM_WORDS = re.compile(r"指标|项目资金|资金总额|预算执行|项目名称|任务名称|总额")
PROJECT_FIELDS = (
    "carryover_start",
    "received",
    "spent",
    "carryover_end",
    "usage_rate_pct",
    "initial_budget",
    "full_year_budget",
    "executed",
    "execution_rate_pct",
    "score",
    "rating",
)


@dataclass
class PageForms:
    figures: list[Figure] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    evaluations: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)


def read_page_form(grid: Grid, text: str, facts: DocumentFacts, found: PageForms) -> bool:
    """Read `grid` as self-evaluation forms when it is one (True), adding their records to `found`."""
    grid = _simplified(grid)
    if not any(_FORM_WORDS.search(cell.text) for row in grid.rows for cell in row[:3]):
        return False
    forms = [form for form in _forms(grid) if form.funds is not None or form.indicators or form.kind == F.TARGETS]
    if not forms:
        return False
    cells = {cell.locator: cell for row in grid.rows for cell in row}
    for form in forms:
        records = F.form_records(form)
        for project in records["projects"]:
            found.projects.append({**dict.fromkeys(PROJECT_FIELDS), **project})  # every field the form gave
            if project["name"]:
                facts.known_projects.add(project["name"])
        found.evaluations += [
            dict(e, subject=e["subject"] or facts.department) if e["subject_type"] == "department" else e
            for e in records["evaluations"]
        ]
        found.indicators += records["indicators"]
        found.goals += records["goals"]
        found.issues += records["validation_issues"]
        found.figures += [_figure(record, grid, cells[record["locator"]], text, facts) for record in records["figures"]]
    return True


def _simplified(grid: Grid) -> Grid:
    """A traditional-script mirror's form (`項(xiàng)目名稱`) as it reads in simplified script, glosses dropped; the
    cells keep their offsets, so a figure still points at the printed row."""
    if not any(TRADITIONAL_CHARS.search(cell.text) for row in grid.rows for cell in row):
        return grid
    rows = [[dataclasses.replace(cell, text=simplified_reading(cell.text)) for cell in row] for row in grid.rows]
    return dataclasses.replace(grid, rows=rows)


def _forms(grid: Grid) -> list[F.Form]:
    """The project and department forms in the grid; the unit line above the table counts as the sheet's."""
    title = grid.caption if is_title(grid.caption) else None
    forms = []
    for segment in F.split_forms(grid):
        kind = F.classify(segment, segment.title or title, None)
        if kind in _READ_KINDS:
            forms.append(F.read_form(segment, kind, segment.title or title, _unit_rows(grid)))
    return forms


def _unit_rows(grid: Grid) -> list[list[GridCell]]:
    """The caption and unit line as rows above the form, where the reader looks for `单位：元`."""
    return [[GridCell(line, grid.name, 0)] for line in (grid.caption, grid.unit_line) if SHEET_UNIT_RE.search(line)]


def _figure(record: dict, grid: Grid, cell: GridCell, text: str, facts: DocumentFacts) -> Figure:
    """The form's figure with its span: the printed row in `body_text`, the value text as printed (the amount
    alone where its cell also prints a label: `项目支出:279.80`)."""
    start, end = row_span(grid.rows[cell.row - 1]) or (grid.start, grid.end)
    return Figure(
        metric=record["metric"],
        subject=record["subject"] or facts.department,
        fiscal_year=record["fiscal_year"] or facts.fiscal_year,
        value=record["value"],
        unit=record["unit"],
        value_text=text[cell.start : cell.end]
        if cell.start >= 0 and cell.text == record["value_text"]
        else record["value_text"],
        unit_text=record["unit_text"] or "",
        unit_basis=record["unit_basis"],
        source_text=text[start:end],
        span_start=start,
        span_end=end,
        locator=record["locator"],
        origin="table",
        decimals=decimals_of(record["value_text"] or ""),
    )
