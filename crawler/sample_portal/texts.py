"""Report texts written from a `model.Report`: the body as blocks, and the truth a correct extract gives.

Each sentence builder prints numbers and records, at the same time, the figure it printed, so the truth can
never drift from the text. Phrasing varies per report (a seeded choice between a few variants), modelled on
how Yunnan county reports word things (docs/metrics.md); the prose itself is written for this sample.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .model import (
    BOTH,
    DEPARTMENT,
    FAULT_EXECUTION_RATE,
    FAULT_SANGONG_SUM,
    FINAL_ACCOUNTS,
    HUNDRED,
    PROJECT,
    TEN_THOUSAND,
    ProjectResult,
    Report,
    q2,
    seeded_rng,
    to_yuan,
)

NUMERALS = "一二三四五六七八九十"
RATING_WORDS = {"优": ("优", "优秀"), "良": ("良", "良好"), "中": ("中",), "差": ("差",)}
TYPE_TAILS = {
    BOTH: "部门整体和项目支出绩效自评报告",
    DEPARTMENT: "部门整体支出绩效自评报告",
    PROJECT: "项目支出绩效自评报告",
    FINAL_ACCOUNTS: "部门决算",
}


@dataclass(frozen=True)
class Block:
    """A piece of an article body: a paragraph, a bold heading, a right-aligned line or a table."""

    kind: str  # "p", "heading", "right", "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # table rows, the first is the header


@dataclass
class Rendered:
    title: str
    blocks: list[Block]
    figures: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    evaluations: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)

    def add(self, metric: str, value: float | int, subject: str | None = None) -> None:
        figure = {"metric": metric, "value": value}
        if subject:
            figure["subject"] = subject
        self.figures.append(figure)

    def p(self, text: str) -> None:
        self.blocks.append(Block("p", text))

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))


def subject_name(project: str) -> str:
    """A project as a figure's `subject`: the name without a trailing 项目."""
    return project[:-2] if project.endswith("项目") else project


def compact(value: Decimal) -> str:
    """`30.00` → `30`, `8.30` → `8.3`: how many tables print 万元 amounts and scores."""
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(value: Decimal, short_hundred: bool = True) -> str:
    return "100%" if short_hundred and value == HUNDRED else f"{value:.2f}%"


def enumerate_cn(items: list[str] | tuple[str, ...]) -> str:
    """`一是…；二是…。`"""
    return "；".join(f"{NUMERALS[i]}是{item}" for i, item in enumerate(items)) + "。"


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class Style:
    """Per-report printing choices."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.separators = rng.random() < 0.5  # 1,234.56万元
        self.compact_table = rng.random() < 0.5  # 8.3 instead of 8.30 in tables
        self.blank_zero_carryover = rng.random() < 0.6  # an empty 年末结转结余 cell instead of 0
        self.long_ratings = rng.random() < 0.3  # 优秀 / 良好

    def wan(self, value: Decimal) -> str:
        return f"{value:,.2f}" if self.separators and value >= 1000 else f"{value:.2f}"

    def cell(self, value: Decimal) -> str:
        return compact(value) if self.compact_table else f"{value:.2f}"

    def word(self, rating: str) -> str:
        words = RATING_WORDS[rating]
        return words[-1] if self.long_ratings else words[0]

    def pick(self, *variants):
        return self.rng.choice(variants)


def evaluation(subject_type: str, subject: str, score: Decimal, rating_text: str, rating: str) -> dict:
    return {
        "subject_type": subject_type,
        "subject": subject,
        "score": float(score),
        "rating_text": rating_text,
        "rating": rating,
    }


# ---------------------------------------------------------------------------------------------------------------
# 一、基本情况


def staff_sentence(r: Report, doc: Rendered, style: Style) -> str:
    s, y = r.staff, r.year
    for metric, value in (
        ("staff.authorized_total", s.authorized_total),
        ("staff.authorized_admin", s.authorized_admin),
        ("staff.authorized_institution", s.authorized_institution),
        ("staff.actual_admin", s.actual_admin),
        ("staff.actual_institution", s.actual_institution),
    ):
        doc.add(metric, value)
    variant = style.rng.randrange(3)
    if variant == 0:
        return (
            f"{y}年末实有人员编制{s.authorized_total}人。其中：行政编制{s.authorized_admin}人，事业编制"
            f"{s.authorized_institution}人；在职在编实有行政人员{s.actual_admin}人，事业人员{s.actual_institution}人。"
        )
    doc.add("staff.actual_total", s.actual_total)
    if variant == 1:
        return (
            f"截至{y}年12月31日，核定编制{s.authorized_total}人，其中行政编制{s.authorized_admin}人、事业编制"
            f"{s.authorized_institution}人；实有人员{s.actual_total}人，其中行政人员{s.actual_admin}人、事业人员"
            f"{s.actual_institution}人；另有离退休人员{s.retired}人。"
        )
    return (
        f"部门编制总数{s.authorized_total}名，其中行政编制{s.authorized_admin}名、事业编制{s.authorized_institution}名；"
        f"年末在职在编人员{s.actual_total}名，其中实有行政人员{s.actual_admin}名、实有事业人员{s.actual_institution}名。"
    )


def section_overview(r: Report, doc: Rendered, style: Style) -> None:
    d = r.dept
    doc.heading(style.pick("一、单位基本情况", "一、部门基本情况", "一、部门概况"))
    doc.p("（一）单位概况")
    doc.p("1.职能职责")
    doc.p(f"{d.name}是开远市人民政府工作部门。主要职责是：{d.duties}")
    doc.p("2.机构设置及人员情况")
    units = f"下属{len(d.units)}个事业单位（{'、'.join(d.units)}）" if d.units else "无下属事业单位"
    doc.p(f"内设{d.offices}个科室，{units}。" + staff_sentence(r, doc, style))
    doc.p("（二）年度工作目标及重点工作任务")
    doc.p(f"{r.year}年重点工作任务：" + enumerate_cn(d.goals))
    doc.p("（三）预算绩效管理开展情况")
    doc.p(
        style.pick(
            "按照全面实施预算绩效管理的要求，编制年度预算时同步设置部门整体和项目绩效目标，做到目标清晰、指标量化、可衡量；"
            "年度执行中按季度开展绩效运行监控，年度终了组织开展绩效自评。",
            "成立了由主要领导任组长的预算绩效管理工作领导小组，明确财务部门牵头、业务科室配合的工作机制，"
            "对重点项目实行绩效目标、运行监控和自评全过程管理。",
            "严格执行预算绩效管理制度，将绩效目标审核、执行监控、绩效自评和结果应用贯穿预算管理全过程，"
            "绩效自评结果作为下一年度预算安排的重要依据。",
        )
    )


# ---------------------------------------------------------------------------------------------------------------
# 二、收支情况


def budget_sentence(r: Report, doc: Rendered, style: Style) -> str:
    w = style.wan
    doc.add("budget.initial_total", to_yuan(r.initial_total))
    doc.add("budget.initial_basic", to_yuan(r.basic))
    doc.add("budget.initial_basic_personnel", to_yuan(r.personnel))
    doc.add("budget.initial_basic_goods_services", to_yuan(r.goods))
    doc.add("budget.initial_basic_household_subsidy", to_yuan(r.household))
    doc.add("budget.initial_project", to_yuan(r.initial_project))
    for p in r.planned:
        doc.add("budget.initial_project", to_yuan(p.initial), subject_name(p.name))
    listing = "，".join(f"{p.name}{w(p.initial)}万元" for p in r.planned)
    if style.rng.random() < 0.5:
        return (
            f"根据《开远市财政局关于下达{r.year}年财政经费支出预算的通知》，{r.year}年部门预算收入{w(r.initial_total)}万元，"
            f"其中：基本支出{w(r.basic)}万元（包含工资福利支出{w(r.personnel)}万元，商品和服务支出{w(r.goods)}万元，"
            f"对个人和家庭的补助支出{w(r.household)}万元）；项目支出安排预算{w(r.initial_project)}万元，包括{listing}。"
        )
    return (
        f"{r.year}年年初预算数为{w(r.initial_total)}万元。其中，基本支出{w(r.basic)}万元，含人员经费{w(r.personnel)}万元、"
        f"公用经费{w(r.goods)}万元、对个人和家庭的补助{w(r.household)}万元；项目支出{w(r.initial_project)}万元，"
        f"分别为{listing}。"
    )


def printed_execution_rate(r: Report, doc: Rendered) -> Decimal:
    """The 项目资金执行率 as printed; a FAULT_EXECUTION_RATE report prints a wrong one."""
    if r.fault != FAULT_EXECUTION_RATE:
        return r.execution_rate
    printed = r.execution_rate - 4
    doc.issues.append(
        {
            "rule": "rate_mismatch",
            "detail": f"项目资金执行率 printed {printed}% but 已使用 ÷ 到位 = {r.execution_rate}%",
            "expected": float(r.execution_rate),
            "observed": float(printed),
        }
    )
    return printed


def totals_sentence(r: Report, doc: Rendered, style: Style) -> str:
    w, y = style.wan, r.year
    rate = printed_execution_rate(r, doc)
    for metric, value in (
        ("revenue.total", r.revenue),
        ("revenue.carryover", r.carryover),
        ("revenue.fiscal_appropriation", r.fiscal),
        ("revenue.other", r.other),
        ("expenditure.total", r.expenditure),
        ("expenditure.basic", r.exp_basic),
        ("expenditure.project", r.project_spent),
        ("projects.received", r.project_received),
        ("projects.spent", r.project_spent),
    ):
        doc.add(metric, to_yuan(value))
    doc.add("expenditure.payment_progress_pct", float(r.payment_progress))
    doc.add("projects.execution_rate_pct", float(rate))
    projects = (
        f"{len(r.projects)}个项目全年实际到位资金{w(r.project_received)}万元，已使用资金{w(r.project_spent)}万元，"
        f"项目资金执行率为{pct(rate)}，具体情况如下："
    )
    if style.rng.random() < 0.5:
        return (
            f"截至{y}年12月31日，部门整体总收入{w(r.revenue)}万元，其中：上年结转结余{w(r.carryover)}万元，本年财政拨款收入"
            f"{w(r.fiscal)}万元，其他收入{w(r.other)}万元。本年总支出{w(r.expenditure)}万元，其中基本支出{w(r.exp_basic)}万元，"
            f"项目支出{w(r.project_spent)}万元，支付进度为{pct(r.payment_progress)}。" + projects
        )
    doc.add("expenditure.carryover_end", to_yuan(r.carryover_end))
    return (
        f"{y}年度部门总收入{w(r.revenue)}万元（上年结转结余{w(r.carryover)}万元、本年财政拨款收入{w(r.fiscal)}万元、"
        f"其他收入{w(r.other)}万元）；全年总支出{w(r.expenditure)}万元（基本支出{w(r.exp_basic)}万元、项目支出"
        f"{w(r.project_spent)}万元），年末结转结余{w(r.carryover_end)}万元，支付进度{pct(r.payment_progress)}。"
        + projects
    )


def usage_table(r: Report, doc: Rendered, style: Style) -> Block:
    """表1 项目收支明细表 (收入/支出 columns), the layout of the seed."""

    def carry(value: Decimal) -> tuple[str, float | None]:
        if not value and style.blank_zero_carryover:
            return "", None
        return style.cell(value), to_yuan(value)

    rows = [("预算项目名称", "年初结转结余", "本年实际到位资金", "已使用资金", "年末结转结余资金", "资金使用率")]
    for p in r.projects:
        end_text, end_value = carry(p.carryover_end)
        rows.append((p.name, "0", style.cell(p.received), style.cell(p.spent), end_text, pct(p.rate)))
        doc.projects.append(
            {
                "name": p.name,
                "carryover_start": 0.0,
                "received": to_yuan(p.received),
                "spent": to_yuan(p.spent),
                "carryover_end": end_value,
                "usage_rate_pct": float(p.rate),
            }
        )
    total_end = r.project_received - r.project_spent
    rows.append(("合计", "", style.cell(r.project_received), style.cell(r.project_spent), carry(total_end)[0], ""))
    return Block("table", rows=tuple(rows))


def result_table(r: Report, doc: Rendered, style: Style) -> Block:
    """项目支出绩效自评结果汇总表 (budget, execution, score and grade per project)."""
    rows = [("项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率", "自评得分", "评价等级")]
    for p in r.projects:
        word = style.word(p.rating)
        rows.append(
            (
                p.name,
                style.cell(p.initial),
                style.cell(p.received),
                style.cell(p.spent),
                pct(p.rate, False),
                compact(p.score),
                word,
            )
        )
        doc.projects.append(
            {
                "name": p.name,
                "initial_budget": to_yuan(p.initial),
                "full_year_budget": to_yuan(p.received),
                "executed": to_yuan(p.spent),
                "execution_rate_pct": float(p.rate),
                "score": float(p.score),
                "rating": p.rating,
            }
        )
    rows.append(
        (
            "合计",
            style.cell(r.initial_project),
            style.cell(r.project_received),
            style.cell(r.project_spent),
            "—",
            "—",
            "—",
        )
    )
    return Block("table", rows=tuple(rows))


def yuan(value: Decimal) -> str:
    return f"{value:,.2f}"


def yuan_as_wan(value: Decimal) -> str:
    """An amount kept in 元 printed in 万元 (exact: such amounts are whole hundreds of 元)."""
    return f"{value / TEN_THOUSAND:.2f}"


def sangong_total_printed(r: Report, doc: Rendered) -> Decimal:
    s = r.sangong
    if r.fault != FAULT_SANGONG_SUM:
        return s.total
    printed = s.total + 1200
    doc.issues.append(
        {
            "rule": "sum_mismatch",
            "detail": f"“三公”经费 items add up to {s.total}元 but the total is printed as {printed}元",
            "expected": float(s.total),
            "observed": float(printed),
        }
    )
    return printed


def record_sangong(s, total: Decimal, doc: Rendered) -> None:
    for metric, value in (
        ("sangong.total", total),
        ("sangong.outbound", s.outbound),
        ("sangong.vehicle", s.vehicle),
        ("sangong.vehicle_purchase", s.purchase),
        ("sangong.vehicle_operation", s.operation),
        ("sangong.reception", s.reception),
        ("sangong.reception_domestic", s.domestic),
        ("sangong.reception_foreign", s.foreign),
    ):
        doc.add(metric, float(value))
    for metric, value in (
        ("sangong.outbound_groups", s.groups),
        ("sangong.outbound_persons", s.travellers),
        ("sangong.vehicles_purchased", s.bought),
        ("sangong.vehicles_held", s.held),
        ("sangong.reception_batches", s.batches),
        ("sangong.reception_persons", s.visitors),
        ("sangong.reception_foreign_batches", s.foreign_batches),
        ("sangong.reception_foreign_persons", s.foreign_visitors),
    ):
        doc.add(metric, value)


def sangong_paragraphs(r: Report, doc: Rendered) -> list[str]:
    s, y = r.sangong, r.year
    total = sangong_total_printed(r, doc)
    record_sangong(s, total, doc)
    if s.unit == "元":
        return [
            f"{y}年度一般公共预算财政拨款“三公”经费支出{yuan(total)}元，其中：因公出国（境）费{yuan(s.outbound)}元，"
            f"公务用车购置及运行维护费{yuan(s.vehicle)}元，公务接待费{yuan(s.reception)}元。具体情况如下：",
            f"1.因公出国（境）费支出{yuan(s.outbound)}元，组织因公出国（境）团组{s.groups}个，累计{s.travellers}人次。",
            f"2.公务用车购置及运行维护费支出{yuan(s.vehicle)}元。其中：公务用车购置费{yuan(s.purchase)}元，购置车辆{s.bought}辆；"
            f"公务用车运行维护费{yuan(s.operation)}元，年末公务用车保有量{s.held}辆，主要用于业务工作用车的燃料、维修、保险等支出。",
            f"3.公务接待费支出{yuan(s.reception)}元。其中：国内公务接待费{yuan(s.domestic)}元，共接待{s.batches}批次、"
            f"{s.visitors}人次；外事接待费{yuan(s.foreign)}元，外事接待{s.foreign_batches}批次、{s.foreign_visitors}人次。",
        ]
    wan = yuan_as_wan
    return [
        f"{y}年“三公”经费支出合计{wan(total)}万元。其中：因公出国（境）费{wan(s.outbound)}万元，出国（境）团组{s.groups}个、"
        f"{s.travellers}人次；公务用车购置及运行维护费{wan(s.vehicle)}万元（公务用车购置费{wan(s.purchase)}万元，公务用车运行维护费"
        f"{wan(s.operation)}万元），购置车辆{s.bought}辆，年末公务用车保有量{s.held}辆；公务接待费{wan(s.reception)}万元"
        f"（国内公务接待费{wan(s.domestic)}万元，外事接待费{wan(s.foreign)}万元），国内公务接待{s.batches}批次、{s.visitors}人次，"
        f"外事接待{s.foreign_batches}批次、{s.foreign_visitors}人次。",
    ]


def fee_clause(name: str, value: Decimal, unit: str, style: Style) -> str:
    if not value:
        return style.pick(f"无{name}支出", f"{name}支出为零")
    shown = yuan(value) if unit == "元" else yuan_as_wan(value)
    return f"{name}支出{shown}{unit}"


def fees_sentence(r: Report, doc: Rendered, style: Style) -> str:
    s = r.sangong
    doc.add("meeting_fee", float(s.meeting))
    doc.add("training_fee", float(s.training))
    return (
        f"{r.year}年{fee_clause('会议费', s.meeting, s.unit, style)}，"
        f"{fee_clause('培训费', s.training, s.unit, style)}。"
    )


def section_money(r: Report, doc: Rendered, style: Style) -> None:
    doc.heading("二、单位整体收支情况")
    doc.p(f"（一）{r.year}年年初预算安排情况")
    doc.p(budget_sentence(r, doc, style))
    doc.p(f"（二）{r.year}年单位整体收支情况")
    doc.p(totals_sentence(r, doc, style))
    if r.report_type == PROJECT:
        doc.p(f"表1 {r.year}年度项目支出绩效自评结果汇总表")
        doc.p("单位：万元")
        doc.blocks.append(result_table(r, doc, style))
    else:
        doc.p("表1 项目收支明细表")
        doc.p("单位：万元")
        doc.blocks.append(usage_table(r, doc, style))
    doc.p("（三）“三公”经费支出情况")
    for text in sangong_paragraphs(r, doc):
        doc.p(text)
    doc.p("（四）会议费、培训费支出情况")
    doc.p(fees_sentence(r, doc, style))
    doc.p("（五）资金管理情况")
    doc.p(
        style.pick(
            "严格执行财务管理制度，资金拨付履行审批程序，做到专款专用；重大支出事项经集体研究决定，未发现截留、挤占、挪用资金的情况。",
            "年度预算资金收支基本平衡，各项支出按预算和规定用途使用，资金使用合规；但年中追加事项较多，预算编制的前瞻性有待加强。",
        )
    )


# ---------------------------------------------------------------------------------------------------------------
# 三、绩效目标完成情况 and 四、结论


def project_progress(p: ProjectResult, year: int) -> str:
    spec = p.spec
    status = (
        f"{year}年度该项目设定的绩效目标已全部完成。"
        if not sum(p.losses.values())
        else f"{year}年度该项目绩效目标基本完成，个别指标未完全达到预期。"
    )
    return f"{spec.output}完成{p.achieved}{spec.unit}，{spec.quality}达到{p.quality_pct}%，{status}"


def section_targets(r: Report, doc: Rendered, style: Style) -> None:
    d = r.dept
    doc.heading("三、绩效目标的完成情况")
    doc.p("（一）部门整体支出绩效目标完成情况")
    doc.p("1.产出指标完成情况")
    doc.p(
        f"{r.year}年，{d.self_ref}围绕年度工作目标，完成了{len(d.goals)}项重点工作任务，基本支出保障了机构正常运转，"
        "项目支出按计划实施，预算执行进度符合要求。"
    )
    doc.p("2.效益指标完成情况")
    doc.p(
        style.pick(
            "通过各项工作的落实，部门履职能力进一步增强，社会效益逐步显现，为全市经济社会发展提供了有力保障。",
            "各项重点工作按期推进，服务质量和办事效率稳步提高，部门职能作用得到较好发挥。",
        )
    )
    doc.p("3.满意度指标完成情况")
    doc.p(
        f"通过发放调查问卷、走访服务对象等方式了解，服务对象对{d.short}工作的满意度为{r.satisfaction_pct}%，达到年初设定目标。"
    )
    doc.p("（二）项目绩效目标完成情况")
    for i, p in enumerate(r.projects, 1):
        doc.p(f"{i}.{p.name}绩效目标完成情况")
        doc.p(project_progress(p, r.year))


def department_verdict(r: Report, doc: Rendered, style: Style) -> str:
    score, word = compact(r.dept_score), style.word(r.dept_rating)
    doc.evaluations.append(evaluation("department", r.dept.name, r.dept_score, word, r.dept_rating))
    return style.pick(
        f"我单位{r.year}年部门整体支出绩效自评得分{score}分，评价等级为“{word}”。",
        f"经综合评价，{r.dept.short}{r.year}年度部门整体支出绩效自评得分为{score}分，等级为“{word}”。",
        f"对照部门整体支出绩效评价指标体系逐项打分，{r.dept.self_ref}{r.year}年度部门整体支出自评综合得分{score}分，评价等级为{word}。",
    )


def section_verdict(r: Report, doc: Rendered, style: Style) -> None:
    doc.heading("四、绩效自评结论")
    if r.report_type in (BOTH, DEPARTMENT):
        doc.p(department_verdict(r, doc, style))
    if r.report_type in (BOTH, PROJECT):
        quoted = style.rng.random() < 0.5
        for p in r.projects:
            word = style.word(p.rating)
            doc.evaluations.append(evaluation("project", p.name, p.score, word, p.rating))
            doc.p(
                f"{p.name}绩效自评得分{compact(p.score)}分，评价等级为“{word}”。"
                if quoted
                else f"{p.name}自评得分{compact(p.score)}分，等级为{word}。"
            )


def section_closing(r: Report, doc: Rendered, style: Style, written: date) -> None:
    doc.heading("五、存在问题及原因")
    doc.p(
        style.pick(
            "一是预算编制的精细化程度不够，年中追加调整事项较多；二是个别绩效指标以定性描述为主，量化程度不高；"
            "三是绩效自评结果的应用还不充分。",
            "一是部分项目前期论证不足，资金支付进度前慢后快；二是绩效目标与预算编制的衔接还不够紧密；"
            "三是财务人员业务水平有待进一步提高。",
        )
    )
    doc.heading("六、整改措施及建议")
    doc.p(
        style.pick(
            "一是提前谋划下一年度重点工作，提高预算编制的准确性；二是细化量化绩效指标，加强绩效运行监控；"
            "三是将自评结果与预算安排挂钩，切实提高财政资金使用效益。",
            "一是加强项目前期论证和预算执行跟踪，均衡支付进度；二是组织财务和业务人员参加预算绩效管理培训；"
            "三是健全内部控制制度，规范资金使用管理。",
        )
    )
    doc.blocks.append(Block("right", r.dept.name))
    doc.blocks.append(Block("right", cn_date(written)))


def report_title(r: Report, year_first: bool) -> str:
    tail = TYPE_TAILS[r.report_type]
    return f"{r.year}年度{r.dept.name}{tail}" if year_first else f"{r.dept.name}{r.year}年度{tail}"


def render_self_evaluation(r: Report, written: date, *, year_first_title: bool = False) -> Rendered:
    """A 绩效自评报告 of any of the three self-evaluation types."""
    style = Style(seeded_rng(r.dept.name, r.year, "text"))
    doc = Rendered(title=report_title(r, year_first_title), blocks=[])
    doc.p(
        f"按照开远市财政局关于开展{r.year}年度预算绩效自评工作的统一部署，{r.dept.self_ref}对{r.year}年度预算执行情况"
        "开展了绩效自评，现将有关情况报告如下。"
    )
    section_overview(r, doc, style)
    section_money(r, doc, style)
    section_targets(r, doc, style)
    section_verdict(r, doc, style)
    section_closing(r, doc, style, written)
    return doc


# ---------------------------------------------------------------------------------------------------------------
# 部门决算 (Yunnan template: 第一部分 … 第五部分)

TABLE_COUNTS = {2019: 8, 2020: 9, 2021: 9, 2022: 14}  # 2023 onwards: 15


def supervision_index(r: Report) -> str:
    """A 17-digit 监督索引号 starting with the region code 532502 (a distractor, never the 索引号)."""
    return f"532502{r.dept.org_code[-5:]}{r.year % 100:02d}1000"


def final_accounts_income(r: Report, doc: Rendered) -> str:
    w = f"{r.revenue:,.2f}"
    this_year = r.fiscal + r.other
    doc.add("revenue.total", to_yuan(r.revenue))
    doc.add("expenditure.total", to_yuan(r.revenue))
    doc.add("revenue.fiscal_appropriation", to_yuan(r.fiscal))
    doc.add("revenue.other", to_yuan(r.other))
    doc.add("revenue.carryover", to_yuan(r.carryover))
    return (
        f"本年收入合计{this_year:,.2f}万元，其中：财政拨款收入{r.fiscal:,.2f}万元，"
        f"占{q2(r.fiscal / this_year * HUNDRED)}%；"
        f"其他收入{r.other:,.2f}万元，占{q2(r.other / this_year * HUNDRED)}%。"
        f"另有年初结转和结余{r.carryover:,.2f}万元，"
        f"收入总计{w}万元。"
    )


def final_accounts_spending(r: Report, doc: Rendered) -> str:
    e = r.expenditure
    doc.add("expenditure.basic", to_yuan(r.exp_basic))
    doc.add("expenditure.project", to_yuan(r.project_spent))
    doc.add("expenditure.carryover_end", to_yuan(r.carryover_end))
    return (
        f"本年支出合计{e:,.2f}万元，其中：基本支出{r.exp_basic:,.2f}万元，占{q2(r.exp_basic / e * HUNDRED)}%；"
        f"项目支出{r.project_spent:,.2f}万元，占{q2(r.project_spent / e * HUNDRED)}%。"
        f"年末结转和结余{r.carryover_end:,.2f}万元。"
    )


def final_accounts_sangong(r: Report, doc: Rendered) -> list[str]:
    s = r.sangong
    record_sangong(s, s.total, doc)
    assert s.unit == "万元", "a 决算 prints 三公 in 万元: generate it with sangong_in_wan=True"
    wan = yuan_as_wan
    budget = q2(s.total / TEN_THOUSAND * Decimal("1.18"))
    return [
        f"（一）总体情况。{r.year}年度一般公共预算财政拨款“三公”经费支出年初预算为{budget}万元，支出决算为{wan(s.total)}万元，"
        f"完成预算的{q2(s.total / TEN_THOUSAND / budget * HUNDRED)}%，"
        "决算数小于预算数的主要原因是厉行节约、严控一般性支出。",
        f"1.因公出国（境）费{wan(s.outbound)}万元，因公出国（境）团组{s.groups}个，累计{s.travellers}人次。",
        f"2.公务用车购置及运行维护费{wan(s.vehicle)}万元，其中：公务用车购置费{wan(s.purchase)}万元，购置车辆{s.bought}辆；"
        f"公务用车运行维护费{wan(s.operation)}万元。截至{r.year}年12月31日，公务用车保有量为{s.held}辆。",
        f"3.公务接待费{wan(s.reception)}万元，其中：国内接待费{wan(s.domestic)}万元，共接待{s.batches}批次、{s.visitors}人次；"
        f"外事接待费{wan(s.foreign)}万元，外事接待{s.foreign_batches}批次、{s.foreign_visitors}人次。",
    ]


def final_accounts_performance(r: Report, doc: Rendered) -> list[str]:
    doc.evaluations.append(evaluation("department", r.dept.name, r.dept_score, r.dept_rating, r.dept_rating))
    lines = [
        f"（一）部门整体支出绩效自评情况。{r.dept.self_ref}{r.year}年度部门整体支出绩效自评得分为{compact(r.dept_score)}分，"
        f"等级为“{r.dept_rating}”。"
    ]
    parts = []
    for p in r.projects[:2]:
        doc.evaluations.append(evaluation("project", p.name, p.score, p.rating, p.rating))
        parts.append(f"{p.name}自评得分{compact(p.score)}分，评价等级为{p.rating}")
    lines.append(
        f"（二）项目支出绩效自评情况。{r.dept.self_ref}对{len(r.projects)}个项目开展了自评，其中："
        + "；".join(parts)
        + "。"
    )
    lines.append("（三）部门整体支出绩效自评表、项目支出绩效自评表详见附件。")
    return lines


def render_final_accounts(r: Report, written: date) -> Rendered:
    d, s = r.dept, r.staff
    doc = Rendered(title=f"{d.name}{r.year}年度部门决算", blocks=[])
    doc.p(f"监督索引号{supervision_index(r)}")
    doc.heading(f"第一部分　{d.name}概况")
    doc.p("一、主要职能")
    doc.p(d.duties)
    doc.p("二、部门基本情况")
    for metric, value in (
        ("staff.authorized_total", s.authorized_total),
        ("staff.authorized_admin", s.authorized_admin),
        ("staff.authorized_institution", s.authorized_institution),
        ("staff.actual_total", s.actual_total),
    ):
        doc.add(metric, value)
    doc.p(
        f"本部门内设科室{d.offices}个，下属事业单位{len(d.units)}个。本部门编制总数{s.authorized_total}人，其中行政编制"
        f"{s.authorized_admin}人，事业编制{s.authorized_institution}人；年末实有人员{s.actual_total}人，离退休人员{s.retired}人。"
    )
    doc.heading(f"第二部分　{r.year}年度部门决算表")
    doc.p(
        f"本部分包括收入支出决算表、收入决算表、支出决算表等{TABLE_COUNTS.get(r.year, 15)}张公开表，"
        "以附件形式另行公开。"
    )
    doc.heading(f"第三部分　{r.year}年度部门决算情况说明")
    doc.p("一、收入支出决算总体情况说明")
    doc.p(f"{r.year}年度收、支总计均为{r.revenue:,.2f}万元。")
    doc.p("二、收入决算情况说明")
    doc.p(final_accounts_income(r, doc))
    doc.p("三、支出决算情况说明")
    doc.p(final_accounts_spending(r, doc))
    doc.p("四、一般公共预算财政拨款“三公”经费支出决算情况说明")
    for text in final_accounts_sangong(r, doc):
        doc.p(text)
    doc.heading("第四部分　其他重要事项的情况说明")
    doc.p("一、会议费、培训费支出情况")
    doc.add("meeting_fee", float(r.sangong.meeting))
    doc.add("training_fee", float(r.sangong.training))
    doc.p(
        f"{r.year}年度会议费支出{yuan_as_wan(r.sangong.meeting)}万元，培训费支出{yuan_as_wan(r.sangong.training)}万元。"
    )
    doc.p("二、机关运行经费支出情况")
    doc.p(
        f"本部门{r.year}年度机关运行经费支出{q2(r.goods * Decimal('0.92')):,.2f}万元，"
        "主要用于办公、水电、差旅等日常公用支出。"
    )
    doc.p("三、部门绩效自评情况")
    for text in final_accounts_performance(r, doc):
        doc.p(text)
    doc.heading("第五部分　名词解释")
    doc.p("1.财政拨款收入：指本年度从本级财政部门取得的财政拨款。")
    doc.p("2.“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。")
    doc.blocks.append(Block("right", d.name))
    doc.blocks.append(Block("right", cn_date(written)))
    return doc
