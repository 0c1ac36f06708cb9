"""The xlsx attachments: Yunnan self-evaluation forms written with openpyxl, byte-for-byte reproducible.

Layouts (tests/corpus/03-*/README.md): the 项目支出绩效自评表 of 公开14表 (`项目资金（元）`, 一级/二级 cells
merged down, a two-row indicator header, operator glyphs in their own cell, a `总分` footer); the
部门整体支出绩效自评表 (部门总体目标, 年度目标, 重点工作任务 with 批复金额/实际支出金额, the indicator grid,
自评结论); and a plain 部门整体绩效目标完成情况表. Amounts are in 元. Numbers come from the same `model.Report` as
the report text, so forms and text agree.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from .content import Attachment
from .model import TEN_THOUSAND, Indicator, ProjectResult, Report, q2

MONEY = "#,##0.00"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TABLE_NUMBER = {2021: "附表2", 2022: "公开14表", 2023: "公开15表"}
DEPARTMENT_TABLE_NUMBER = {2021: "附表1", 2022: "公开13表", 2023: "公开14表"}
FIXED_ZIP_TIME = (2024, 3, 1, 9, 0, 0)


def yuan(wan: Decimal) -> float:
    return float(q2(wan * TEN_THOUSAND))


def cell_value(text: str) -> str | int | float:
    """Numbers as number cells (as exporters write them), anything else as text."""
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    return text


def merge(ws: Worksheet, min_row: int, min_col: int, max_row: int, max_col: int) -> None:
    """Record a merged range without openpyxl's per-cell border copying (`merge_cells` costs ~2 ms a range);
    the covered cells stay empty, as in files from most exporters."""
    ws.merged_cells.add(CellRange(min_col=min_col, min_row=min_row, max_col=max_col, max_row=max_row))


class Sheet:
    """A worksheet written row by row; `put` places a value over a (merged) range of columns."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.row = 0

    def next_row(self) -> int:
        self.row += 1
        return self.row

    def put(
        self, first: int, last: int, value, number_format: str | None = None, *, rows: int = 1, bold: bool = False
    ) -> None:
        cell = self.ws.cell(row=self.row, column=first, value=value)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BOX
        if bold:
            cell.font = Font(bold=True)
        if number_format:
            cell.number_format = number_format
        if last > first or rows > 1:
            merge(self.ws, self.row, first, self.row + rows - 1, last)

    def title(self, text: str) -> None:
        self.next_row()
        self.put(1, 10, text, bold=True)
        self.ws.cell(row=self.row, column=1).alignment = Alignment(horizontal="center")

    def widths(self) -> None:
        for letter, width in zip("ABCDEFGHIJ", (12, 14, 26, 12, 14, 12, 12, 10, 10, 28), strict=True):
            self.ws.column_dimensions[letter].width = width


def indicator_rows(sheet: Sheet, indicators: list[Indicator]) -> None:
    """The indicator grid: two header rows, then one row per 三级指标 with 一级/二级 merged down."""
    sheet.next_row()
    sheet.put(1, 1, "一级指标", rows=2)
    sheet.put(2, 2, "二级指标", rows=2)
    sheet.put(3, 3, "三级指标", rows=2)
    sheet.put(4, 6, "年度指标值")
    for column, label in ((7, "实际完成值"), (8, "分值"), (9, "得分"), (10, "偏差原因分析及改进措施")):
        sheet.put(column, column, label, rows=2)
    sheet.next_row()
    for column, label in ((4, "指标性质"), (5, "指标值"), (6, "度量单位")):
        sheet.put(column, column, label)
    first_row = sheet.row + 1
    for item in indicators:
        sheet.next_row()
        for column, value in (
            (3, item.level3),
            (4, item.operator),
            (5, cell_value(item.target)),
            (6, item.unit),
            (7, cell_value(item.actual)),
            (10, item.note),
        ):
            sheet.put(column, column, None if value == "" else value)
        if item.level3:
            sheet.put(8, 8, float(item.weight))
            sheet.put(9, 9, float(item.score))
    merge_runs(sheet, first_row, [i.level1 for i in indicators], column=1)
    merge_runs(sheet, first_row, [(i.level1, i.level2) for i in indicators], column=2)


def merge_runs(sheet: Sheet, first_row: int, keys: list, column: int) -> None:
    """Write each run of equal keys once, merged down over the run's rows."""
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            label = keys[start][-1] if isinstance(keys[start], tuple) else keys[start]
            cell = sheet.ws.cell(row=first_row + start, column=column, value=label)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = BOX
            if i - start > 1:
                merge(sheet.ws, first_row + start, column, first_row + i - 1, column)
            start = i


def total_row(sheet: Sheet, score: Decimal, rating: str) -> None:
    sheet.next_row()
    sheet.put(1, 2, "其他需要说明事项")
    sheet.put(3, 6, "无")
    sheet.put(7, 7, "总分")
    sheet.put(8, 8, 100)
    sheet.put(9, 9, float(score))
    sheet.put(10, 10, rating)


def project_sheet(ws: Worksheet, report: Report, project: ProjectResult) -> None:
    """One Yunnan 公开14表 项目支出绩效自评表."""
    sheet, dept = Sheet(ws), report.dept.name
    sheet.widths()
    sheet.title(f"{report.year}年度项目支出绩效自评表")
    sheet.next_row()
    sheet.put(1, 7, f"部门：{dept}")
    sheet.put(8, 10, TABLE_NUMBER.get(report.year, "公开15表"))
    sheet.next_row()
    sheet.put(1, 2, "项目名称")
    sheet.put(3, 10, project.name)
    sheet.next_row()
    sheet.put(1, 2, "主管部门")
    sheet.put(3, 5, dept)
    sheet.put(6, 7, "实施单位")
    sheet.put(8, 10, dept)
    sheet.next_row()
    sheet.put(1, 1, "项目资金\n（元）", rows=5)
    sheet.put(2, 3, None)
    for column, label in ((4, "年初预算数"), (5, "全年预算数"), (6, "全年执行数"), (7, "分值"), (8, "执行率")):
        sheet.put(column, column, label)
    sheet.put(9, 10, "得分")
    funds = (
        ("年度资金总额", project.initial, project.received, project.spent),
        ("其中：当年财政拨款", project.initial, project.received, project.spent),
        ("上年结转资金", None, None, None),
        ("其他资金", None, None, None),
    )
    for label, initial, full_year, executed in funds:
        sheet.next_row()
        sheet.put(2, 3, label)
        for column, value in ((4, initial), (5, full_year), (6, executed)):
            sheet.put(column, column, "—" if value is None else yuan(value), None if value is None else MONEY)
        if label == "年度资金总额":
            sheet.put(7, 7, 10)
            sheet.put(8, 8, float(project.rate / 100), "0.00%")
            sheet.put(9, 10, float(project.funds_score))
        else:
            for column in (7, 8):
                sheet.put(column, column, "—")
            sheet.put(9, 10, "—")
    spec = project.spec
    sheet.next_row()
    sheet.put(1, 1, "年度总体目标", rows=2)
    sheet.put(2, 6, "预期目标")
    sheet.put(7, 10, "实际完成情况")
    sheet.next_row()
    sheet.put(
        2,
        6,
        f"{spec.output}不少于{spec.target}{spec.unit}，{spec.quality}达到95%以上，{spec.benefit}有效提升，"
        f"{spec.served}满意度达到90%以上。",
    )
    sheet.put(
        7,
        10,
        f"{spec.output}{project.achieved}{spec.unit}，{spec.quality}{project.quality_pct}%，"
        f"{spec.served}满意度{project.satisfaction_pct}%。",
    )
    sheet.next_row()
    sheet.put(1, 10, "绩效指标")
    indicator_rows(sheet, project.indicators())
    total_row(sheet, project.score, project.rating)


def department_sheet(ws: Worksheet, report: Report) -> None:
    """The Yunnan 部门整体支出绩效自评表."""
    sheet, dept = Sheet(ws), report.dept
    sheet.widths()
    sheet.title(f"{report.year}年度部门整体支出绩效自评表")
    sheet.next_row()
    sheet.put(1, 7, f"部门名称：{dept.name}")
    sheet.put(8, 10, DEPARTMENT_TABLE_NUMBER.get(report.year, "公开14表"))
    for label, value in (
        ("部门名称", dept.name),
        ("部门职责", dept.duties or "详见部门整体支出绩效自评报告"),
        ("总体绩效目标", "；".join(dept.goals) + "。"),
    ):
        sheet.next_row()
        sheet.put(1, 2, label)
        sheet.put(3, 10, value)
    section(sheet, "一、部门年度目标")
    sheet.next_row()
    sheet.put(1, 2, "财年")
    sheet.put(3, 6, "目标")
    sheet.put(7, 10, "实际完成情况")
    for goal in dept.goals:
        sheet.next_row()
        sheet.put(1, 2, report.year)
        sheet.put(3, 6, goal)
        sheet.put(7, 10, "已完成")
    section(sheet, "二、部门年度重点工作任务")
    sheet.next_row()
    for first, last, label in (
        (1, 2, "任务名称"),
        (3, 4, "主要内容"),
        (5, 5, "批复金额（元）"),
        (6, 6, "实际支出金额（元）"),
        (7, 7, "预算执行率"),
        (8, 10, "未完成原因和改进措施"),
    ):
        sheet.put(first, last, label)
    for p in report.projects:
        sheet.next_row()
        sheet.put(1, 2, p.name)
        sheet.put(3, 4, f"{p.spec.output}{p.spec.target}{p.spec.unit}")
        sheet.put(5, 5, yuan(p.received), MONEY)
        sheet.put(6, 6, yuan(p.spent), MONEY)
        sheet.put(7, 7, float(p.rate / 100), "0.00%")
        sheet.put(8, 10, "无" if p.spent == p.received else "部分资金尚未支付，将加快项目实施进度")
    section(sheet, "三、部门整体支出绩效指标")
    indicator_rows(sheet, report.dept_indicators())
    total_row(sheet, report.dept_score, report.dept_rating)
    for label, text in (
        (
            "四、部门自评结论",
            f"{dept.name}{report.year}年度部门整体支出绩效自评得分{report.dept_score}分，"
            f"评价等级为{report.dept_rating}。",
        ),
        ("五、绩效自评结果应用", "将自评结果作为下一年度预算编制和项目安排的重要依据，针对扣分事项制定整改措施。"),
    ):
        sheet.next_row()
        sheet.put(1, 2, label)
        sheet.put(3, 10, text)


def section(sheet: Sheet, text: str) -> None:
    sheet.next_row()
    sheet.put(1, 10, text, bold=True)


def target_sheet(ws: Worksheet, report: Report) -> None:
    """A 部门整体绩效目标完成情况表: one row per annual goal."""
    sheet = Sheet(ws)
    sheet.widths()
    sheet.title(f"{report.year}年度部门整体绩效目标完成情况表")
    sheet.next_row()
    sheet.put(1, 10, f"部门：{report.dept.name}")
    sheet.next_row()
    for first, last, label in ((1, 1, "序号"), (2, 4, "年度绩效目标"), (5, 9, "主要完成情况"), (10, 10, "完成程度")):
        sheet.put(first, last, label)
    for number, goal in enumerate(report.dept.goals, 1):
        sheet.next_row()
        sheet.put(1, 1, number)
        sheet.put(2, 4, goal)
        sheet.put(5, 9, f"{goal}：全年工作按计划完成，达到预期目标。")
        sheet.put(10, 10, "完成")


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique worksheet name (≤ 31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", "", name)[:28]
    title, n = base, 2
    while title in used:
        title, n = f"{base}{n}", n + 1
    used.add(title)
    return title


def workbook_for(attachment: Attachment) -> Workbook:
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)  # a new workbook opens on its one worksheet
    report = attachment.report
    if attachment.form_kind == "project_self_eval":
        used: set[str] = set()
        for i, project in enumerate(attachment.projects):
            ws = first if i == 0 else wb.create_sheet()
            ws.title = sheet_title(project.name, used)
            project_sheet(ws, report, project)
    elif attachment.form_kind == "department_self_eval":
        first.title = "部门整体支出绩效自评表"
        department_sheet(first, report)
    else:
        first.title = "绩效目标完成情况"
        target_sheet(first, report)
    stamp = datetime(report.year + 1, 3, 1, 9, 0)
    wb.properties.creator = wb.properties.lastModifiedBy = "财务室"
    wb.properties.created = wb.properties.modified = stamp
    return wb


def reproducible_zip(data: bytes, core_xml: bytes) -> bytes:
    """Rewrite an xlsx with fixed entry times, our document properties (openpyxl stamps `modified` with the
    time of saving) and sorted `<mergeCell>`s (openpyxl keeps them in a set, ordered by PYTHONHASHSEED)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                body = sort_merge_cells(body)
            elif info.filename == "docProps/core.xml":
                body = core_xml
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, body)
    return out.getvalue()


def sort_merge_cells(xml: bytes) -> bytes:
    def sort_block(match: re.Match) -> bytes:
        cells = sorted(re.findall(rb"<mergeCell [^>]*/>", match.group(2)))
        return match.group(1) + b"".join(cells) + match.group(3)

    return re.sub(rb"(<mergeCells[^>]*>)(.*?)(</mergeCells>)", sort_block, xml, flags=re.S)


def attachment_bytes(attachment: Attachment) -> bytes:
    buffer = io.BytesIO()
    wb = workbook_for(attachment)
    wb.save(buffer)
    wb.properties.modified = wb.properties.created
    return reproducible_zip(buffer.getvalue(), tostring(wb.properties.to_tree()))


def form_truth(attachment: Attachment) -> dict:
    """What `extract` of the file should give: project rows, evaluations and the funds figures (yuan)."""
    report = attachment.report
    if attachment.form_kind == "department_self_eval":
        return {
            "document": {"department": report.dept.name},
            "projects": [],
            "figures": [],
            "evaluations": [
                {
                    "subject_type": "department",
                    "subject": report.dept.name,
                    "score": float(report.dept_score),
                    "max_score": 100,
                    "rating_text": report.dept_rating,
                    "rating": report.dept_rating,
                }
            ],
        }
    if attachment.form_kind == "target_completion":
        return {"document": {}, "projects": [], "figures": [], "evaluations": []}
    projects, figures, evaluations = [], [], []
    for p in attachment.projects:
        projects.append(
            {
                "name": p.name,
                "initial_budget": yuan(p.initial),
                "full_year_budget": yuan(p.received),
                "executed": yuan(p.spent),
                "execution_rate_pct": float(p.rate),
                "score": float(p.score),
                "rating": p.rating,
            }
        )
        figures += [
            {"metric": "budget.initial_project", "subject": p.name, "value": yuan(p.initial)},
            {"metric": "budget.adjusted_total", "subject": p.name, "value": yuan(p.received)},
            {"metric": "projects.spent", "subject": p.name, "value": yuan(p.spent)},
            {"metric": "projects.execution_rate_pct", "subject": p.name, "value": float(p.rate)},
        ]
        evaluations.append(
            {
                "subject_type": "project",
                "subject": p.name,
                "score": float(p.score),
                "max_score": 100,
                "rating_text": p.rating,
                "rating": p.rating,
            }
        )
    return {"document": {}, "projects": projects, "figures": figures, "evaluations": evaluations}
