"""Metric keys (the `metrics` table), the wordings that name them (PHENOMENA §5), and how a wording plus
its context (stage, unit, project scope, region, staff head) becomes a metric key.

A wording names a *concept* (基本支出, 公务接待费, 行政编制 …); the metric depends on context: 基本支出 under a
年初预算 phrase is `budget.initial_basic`, under 总支出/决算 `expenditure.basic`; 公务接待 with 元 is the
amount, with 批次 the batches, with 人次 the persons; 行政 under 编制 counts posts, under 人员 people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

YUAN, PERCENT, COUNT, PERSONS = "yuan", "percent", "count", "persons"

# key, label_zh, unit, description — the rows of the `metrics` table.
METRICS: list[tuple[str, str, str, str]] = [
    ("budget.initial_total", "年初预算（收入）总额", YUAN, "年初预算收入 / 部门预算收入 / 年初批复预算"),
    ("budget.initial_basic", "年初预算 基本支出", YUAN, "基本支出 under a 年初预算 phrase"),
    ("budget.initial_basic_personnel", "基本支出中 工资福利支出（人员经费）", YUAN, "年初 basic breakdown"),
    ("budget.initial_basic_goods_services", "基本支出中 商品和服务支出（公用经费）", YUAN, "年初 basic breakdown"),
    ("budget.initial_basic_household_subsidy", "基本支出中 对个人和家庭的补助", YUAN, "年初 basic breakdown"),
    ("budget.initial_project", "年初预算 项目支出", YUAN,
     "项目支出 under 年初预算; per project when the subject is a project"),
    ("budget.adjusted_total", "调整后预算 / 全年预算数", YUAN, "调整后预算, 全年预算数, 全年(调整)预算数"),
    ("revenue.total", "总收入 / 收入总计", YUAN, "收入总计 (incl. carry-over); 本年收入合计 is a second reading"),
    ("revenue.carryover", "上年结转结余 / 年初结转和结余", YUAN, "department level only, never a project's"),
    ("revenue.fiscal_appropriation", "本年财政拨款收入", YUAN, "财政拨款收入"),
    ("revenue.other", "其他收入", YUAN, "其他收入"),
    ("expenditure.total", "本年总支出 / 支出总计", YUAN,
     "支出总计 (incl. carry-over); 本年支出合计 is a second reading"),
    ("expenditure.basic", "基本支出（决算）", YUAN, "基本支出 under 总支出 / 决算"),
    ("expenditure.project", "项目支出（决算）", YUAN, "项目支出 under 总支出 / 决算"),
    ("expenditure.carryover_end", "年末结转结余", YUAN, "年末结转和结余"),
    ("expenditure.payment_progress_pct", "支付进度", PERCENT, "资金支付进度"),
    ("projects.received", "项目实际到位资金 / 项目实际收入", YUAN, "project funds received"),
    ("projects.spent", "项目已使用资金 / 项目支出", YUAN, "project funds spent"),
    ("projects.execution_rate_pct", "项目资金执行率", PERCENT, "项目资金执行率 / 项目执行率"),
    ("sangong.total", "“三公”经费合计", YUAN, "决算 (actual), never the budget"),
    ("sangong.outbound", "因公出国（境）费", YUAN, ""),
    ("sangong.vehicle", "公务用车购置及运行维护费", YUAN, ""),
    ("sangong.vehicle_purchase", "公务用车购置费", YUAN, ""),
    ("sangong.vehicle_operation", "公务用车运行维护费", YUAN, ""),
    ("sangong.reception", "公务接待费", YUAN, ""),
    ("sangong.reception_domestic", "国内公务接待费", YUAN, ""),
    ("sangong.reception_foreign", "外事 / 国（境）外接待费", YUAN, ""),
    ("meeting_fee", "会议费", YUAN, "a combined 会议费和培训费 amount is neither"),
    ("training_fee", "培训费", YUAN, ""),
    ("sangong.outbound_groups", "因公出国（境）团组数", COUNT, "团组 个/次"),
    ("sangong.outbound_persons", "因公出国（境）人次", COUNT, "人 or 人次"),
    ("sangong.vehicles_purchased", "购置公务用车数", COUNT, "辆"),
    ("sangong.vehicles_held", "公务用车保有量", COUNT, "辆"),
    ("sangong.reception_batches", "国内公务接待批次", COUNT, "批次/次/个"),
    ("sangong.reception_persons", "国内公务接待人次", COUNT, "人次 or 人"),
    ("sangong.reception_foreign_batches", "外事接待批次", COUNT, "批次/次/个"),
    ("sangong.reception_foreign_persons", "外事接待人次", COUNT, "人次 or 人"),
    ("staff.authorized_total", "编制总数", PERSONS, "核定编制, 编制数, 人员编制"),
    ("staff.authorized_admin", "行政编制", PERSONS, ""),
    ("staff.authorized_institution", "事业编制", PERSONS, ""),
    ("staff.actual_total", "实有人员", PERSONS, "实有人数, 在职人员, 年末在职人数; never 离退休/编外"),
    ("staff.actual_admin", "实有行政人员", PERSONS, ""),
    ("staff.actual_institution", "实有事业人员", PERSONS, ""),
]
METRIC_UNITS = {key: unit for key, _, unit, _ in METRICS}

_Q = r"[“”\"'‘’「」]?"


@dataclass(frozen=True)
class Concept:
    """A family of wordings. `tier` 2 wordings are generic and only used when no tier-1 wording fits;
    `stage_word` wordings (年初预算, 全年预算) right after another wording only set that one's stage."""

    name: str
    pattern: re.Pattern[str]
    tier: int = 1
    stage_word: bool = False
    default_class: str | None = "money"


def _concept(name: str, pattern: str, **options) -> Concept:
    return Concept(name, re.compile(pattern), **options)


CONCEPTS: list[Concept] = [
    _concept("initial_total", r"年初(?:部门)?预算(?:收入|数|总额|资金|安排(?:收入)?)?|部门预算收入|"
             r"(?:部门)?收入预算(?:总额)?|年初批复(?:预算)?(?:数|资金)?|年初(?:预算)?安排(?:预算|资金)?|"
             r"预算安排(?:收入)?", stage_word=True),
    _concept("adjusted_total", r"(?:全年)?调整后(?:的)?(?:全年)?预算(?:数)?|全年(?:\(调整\))?预算(?:数)?(?:调整为)?|"
             r"调整预算(?:数|后)?|预算调整为", stage_word=True),
    _concept("revenue_total", r"(?:部门整体|全年|本年|部门)?总收入|收入总计|全年(?:部门)?收入"),
    _concept("revenue_current", r"本年收入合计|收入合计"),
    _concept("revenue_carryover", r"(?:上年|年初)结转(?:和)?结余|上年结转|年初结转"),
    _concept("fiscal", r"(?<!基金预算)(?<!基金)(?<!经营预算)(?:本年|当年)?(?:一般公共预算)?财政拨款(?:收入)?"
             r"(?!\s*(?:支出|收|“|\"|三公|基本|项目))"),
    _concept("revenue_other", r"其他收入"),
    _concept("expenditure_total", r"(?:本年|全年|部门)?总支出|支出总计|全年(?:实际)?支出|实际支出|本年支出(?!合计)"),
    _concept("expenditure_current", r"本年支出合计|支出合计"),
    _concept("basic", r"基本支出"),
    _concept("project_exp", r"项目支出"),
    _concept("carryover_end", r"年末结转(?:和)?结余(?:资金)?|年末结转|年末结余"),
    _concept("payment_progress", r"(?:资金|预算)?支付进度|预算执行进度", default_class="percent"),
    _concept("personnel", r"工资福利(?:支出|收支)?|人员经费"),
    _concept("goods", r"商品和服务(?:支出|收支)?|公用经费"),
    _concept("household", r"对个人和家庭(?:的)?补助(?:支出|收支)?"),
    _concept("received", r"(?:本年|当年)?(?:实际)?到位(?:资金)?"),
    _concept("exec_rate", r"项目(?:资金)?(?:总体)?执行率", default_class="percent"),
    _concept("sangong", _Q + r"三公" + _Q + r"\s*经费(?:财政拨款)?(?:支出)?(?:合计|总额)?"),
    _concept("outbound", r"(?:因公)?出国(?:\(境\))?(?:团组(?:数)?|费用|经费|费|人次|人数)?|团组(?:数)?"),
    _concept("vehicle", r"公务用车购置(?:及|和)运行(?:维护|维修)?费|公务用车购置及运维费|公务用车费|"
             r"车辆购置及运行(?:维护)?费|公车(?:购置及)?运行及维护费?"),
    _concept("vehicle_purchase", r"公务用车购置(?:费|支出)?|公车购置费?|车辆购置费|购置(?:公务用车|车辆)|购车(?:费)?"),
    _concept("vehicle_purchase_bare", r"购置费"),
    _concept("vehicle_operation", r"公务用车运行(?:维护|维修)?(?:费|支出)?|公车运行(?:维护)?费|车辆运行(?:维护)?费"),
    _concept("vehicle_operation_bare", r"运行(?:维护|维修)费|运维费"),
    _concept("vehicles_held", r"(?:公务用车|车辆)?保有量|共有公务用车|实有公务用车|公务用车(?:总数|数量)",
             default_class=None),
    _concept("reception", r"公务(?:接待|招待)(?:费用?|经费|支出)?|接待(?:批次|人次|人数|次数|团组)|接待费|接待"),
    _concept("reception_domestic", r"国内(?:公务)?接待(?:费用?|支出|批次|人次|人数)?|接待国内(?:团组|来宾|客人)"),
    _concept("reception_foreign", r"(?:外事|国\(境\)外|境外|外宾)(?:公务)?接待(?:费用?|支出|批次|人次|人数)?|"
             r"接待(?:外事|外宾|境外|国\(境\)外)(?:团组|来宾|客人)"),
    _concept("meeting", r"会议费(?:用)?"),
    _concept("training", r"培训费(?:用)?"),
    _concept("auth_total", r"核定(?:行政事业)?编制(?:数|人数|总数)?|编制总数|编制人数|人员编制(?:数)?|总编制|编制数",
             default_class="person"),
    _concept("auth_admin", r"行政编制", default_class="person"),
    _concept("auth_institution", r"(?:全额(?:拨款)?)?事业编制", default_class="person"),
    _concept("actual_total", r"(?:年末)?实有(?:在编|在职)?人(?:员|数)|(?:年末)?在职(?:在编)?人(?:员|数)|在编人员|"
             r"(?:实际)?在岗人(?:员|数)",
             default_class="person"),
    _concept("actual_admin", r"(?:实有|在编|在职)?行政人员", default_class="person"),
    _concept("actual_institution", r"(?:实有|在编|在职)?事业人员", default_class="person"),
    # Not staff of this metric set: the label blocks the number (and anything inheriting from it).
    _concept("excluded", r"(?:离退休|退休|离休|编外|临时|聘用|返聘|公益性岗位|遗属|外聘|劳务派遣|专业技术|工勤|"
             r"正科级|副科级|科级|管理岗位?|专技岗位?|政法专项)(?:[\u4e00-\u9fff]{0,4}?(?:人员|人数|职工|编制))?",
             default_class=None),
    # Generic wordings, only when nothing specific fits and the context says what they mean.
    _concept("spent", r"已使用(?:资金)?|实际使用|已支出|(?:全年)?执行(?:数)?|使用|支出", tier=2),
    _concept("received_generic", r"(?:实际)?收入", tier=2),
    _concept("exec_rate_generic", r"(?:总体|资金)?执行率", tier=2, default_class="percent"),
    _concept("auth_total_bare", r"编制", tier=2, default_class="person"),
    _concept("staff_admin_bare", r"行政", tier=2, default_class="person"),
    _concept("staff_institution_bare", r"事业", tier=2, default_class="person"),
]
CONCEPT_BY_NAME = {concept.name: concept for concept in CONCEPTS}

# What may stand between a wording and its number (`公务接待费支出为4,419.00元`, `保有量为3辆`).
FILLER = re.compile(
    r"(?:\s|[:：]|为|是|达到|达|共计|共|合计|累计|总计|总额|约|计|支出|决算数|决算|预算数|预算|安排|实际|全年|本年|当年|"
    r"年末|金额|资金|费用|经费|分别|各|均|调整为|仅|只有|总数|数|的|了|已|完成|执行|控制在|人数|人次|批次|次数|来宾|客人|"
    r"\((?:万元|元)\)|\d+个(?:重点|预算|专项)?项目)*"
)
_STAGE_WORDS = (
    r"(?P<adjusted>调整后|全年(?:\(调整\))?预算|调整预算|预算调整)|"
    r"(?P<initial>年初(?:部门)?预算|部门预算|预算安排|安排预算|年初批复|年初安排|批复预算|预算数|预算为|预算收入{extra})|"
    r"(?P<final>决算|总支出|支出总计|全年(?:实际)?支出|实际支出|本年支出|支出合计|全年收入|总收入|收入总计|收入合计|"
    r"执行数|全年执行|支出情况|收支情况|实际到位|已使用)"
)
STAGE_MARKERS = re.compile(_STAGE_WORDS.format(extra=""))
GAP_STAGE_MARKERS = re.compile(_STAGE_WORDS.format(extra="|预算"))
STAGE_DEPENDENT = frozenset({"basic", "project_exp", "personnel", "goods", "household"})
FINAL_ONLY = frozenset({
    "sangong", "outbound", "vehicle", "vehicle_purchase", "vehicle_purchase_bare", "vehicle_operation",
    "vehicle_operation_bare", "vehicles_held", "reception", "reception_domestic", "reception_foreign",
    "meeting", "training",
})


LABEL_REACH = 48


@dataclass(frozen=True)
class Label:
    concept: Concept
    start: int
    end: int
    stage: str | None = None  # set when a stage wording (年初预算) followed the concept's wording


def last_stage(text: str, markers: re.Pattern[str] = STAGE_MARKERS) -> str | None:
    stage = None
    for match in markers.finditer(text):
        stage = match.lastgroup
    return stage


def find_label(window: str) -> Label | None:
    """The wording that names the number printed right after `window`: the closest one whose gap to the
    number is only filler (为, 支出, 共 …); specific wordings before generic ones. Only the last
    `LABEL_REACH` characters can hold it."""
    reach = max(len(window) - LABEL_REACH, 0)
    matches = [(match, concept) for concept in CONCEPTS for match in concept.pattern.finditer(window, reach)]
    valid = [(m, c) for m, c in matches if FILLER.fullmatch(window, m.end())]
    if not valid:
        return None
    match, concept = min(valid, key=lambda mc: (mc[1].tier, -mc[0].end(), -(mc[0].end() - mc[0].start())))
    if concept.stage_word:
        topic = _topic_before(matches, window, match.start())
        if topic is not None:
            return Label(topic[1], topic[0].start(), topic[0].end(), stage=_stage_of(concept))
    return Label(concept, match.start(), match.end())


def _topic_before(matches, window: str, position: int):
    """A specific, non-stage wording ending right before `position` (only filler between)."""
    candidates = [
        (m, c) for m, c in matches
        if c.tier == 1 and not c.stage_word and m.end() <= position and FILLER.fullmatch(window, m.end(), position)
    ]
    return max(candidates, key=lambda mc: (mc[0].end(), mc[0].end() - mc[0].start()), default=None)


def _stage_of(concept: Concept) -> str:
    return "adjusted" if concept.name == "adjusted_total" else "initial"


def find_labels_in_list(text: str) -> list[Label]:
    """The tier-1 wordings of a `A、B和C` list, left to right (longest first where they overlap)."""
    found: list[Label] = []
    matches = sorted(
        ((m, c) for c in CONCEPTS if c.tier == 1 for m in c.pattern.finditer(text)),
        key=lambda mc: (mc[0].start(), -(mc[0].end() - mc[0].start())),
    )
    cursor = 0
    for match, concept in matches:
        if match.start() >= cursor:
            found.append(Label(concept, match.start(), match.end()))
            cursor = match.end()
    return found


@dataclass
class Context:
    """What decides a concept's metric besides its wording."""

    unit_class: str | None
    stage: str | None = None
    project_scope: bool = False  # the sentence is about project funds (项目资金, N个项目, 该项目)
    project_subject: bool = False  # the figure's subject is one project
    region: str | None = None  # `foreign` after 外事/国(境)外, else domestic
    staff_kind: str | None = None  # `posts` under 编制, `people` under 人员
    vehicle_context: bool = False  # the sentence speaks of 公务用车


_SANGONG_BY_CLASS = {
    "sangong": {"money": "sangong.total"},
    "outbound": {"money": "sangong.outbound", "group": "sangong.outbound_groups",
                 "person": "sangong.outbound_persons"},
    "vehicle": {"money": "sangong.vehicle"},
    "vehicle_purchase": {"money": "sangong.vehicle_purchase", "vehicle": "sangong.vehicles_purchased"},
    "vehicle_operation": {"money": "sangong.vehicle_operation"},
    "vehicles_held": {"vehicle": "sangong.vehicles_held"},
    "reception": {"money": "sangong.reception", "group": "sangong.reception_batches",
                  "person": "sangong.reception_persons"},
    "reception_domestic": {"money": "sangong.reception_domestic", "group": "sangong.reception_batches",
                           "person": "sangong.reception_persons"},
    "reception_foreign": {"money": "sangong.reception_foreign", "group": "sangong.reception_foreign_batches",
                          "person": "sangong.reception_foreign_persons"},
    "meeting": {"money": "meeting_fee"},
    "training": {"money": "training_fee"},
}
_STAFF = {
    "auth_total": "staff.authorized_total", "auth_total_bare": "staff.authorized_total",
    "auth_admin": "staff.authorized_admin", "auth_institution": "staff.authorized_institution",
    "actual_total": "staff.actual_total", "actual_admin": "staff.actual_admin",
    "actual_institution": "staff.actual_institution",
}
_BY_STAGE = {
    "basic": {"initial": "budget.initial_basic", "final": "expenditure.basic"},
    "project_exp": {"initial": "budget.initial_project", "final": "expenditure.project"},
    "personnel": {"initial": "budget.initial_basic_personnel"},
    "goods": {"initial": "budget.initial_basic_goods_services"},
    "household": {"initial": "budget.initial_basic_household_subsidy"},
}
_DEPARTMENT_MONEY = {
    "initial_total": "budget.initial_total", "adjusted_total": "budget.adjusted_total",
    "revenue_total": "revenue.total", "revenue_current": "revenue.total",
    "revenue_carryover": "revenue.carryover", "fiscal": "revenue.fiscal_appropriation",
    "revenue_other": "revenue.other", "expenditure_total": "expenditure.total",
    "expenditure_current": "expenditure.total", "carryover_end": "expenditure.carryover_end",
    "received": "projects.received",
}
# Inside a sentence about project funds, totals are the projects' money and carry-overs are not revenue.
_PROJECT_MONEY = {
    "initial_total": "budget.initial_project", "received": "projects.received",
    "received_generic": "projects.received", "revenue_total": "projects.received",
    "expenditure_total": "projects.spent", "spent": "projects.spent",
    "revenue_carryover": None, "carryover_end": None, "revenue_current": None, "expenditure_current": None,
}
_PERCENT = {"payment_progress": "expenditure.payment_progress_pct", "exec_rate": "projects.execution_rate_pct"}
_SCOPED_PERCENT = {"exec_rate_generic": "projects.execution_rate_pct"}


def resolve(concept: str, context: Context) -> str | None:
    """The metric key a concept names in this context, or None when it names none of ours."""
    unit_class = context.unit_class
    if concept.removesuffix("_bare") in _SANGONG_BY_CLASS:
        return _sangong(concept, context)
    if concept in _STAFF or concept in ("staff_admin_bare", "staff_institution_bare"):
        return _staff(concept, context) if unit_class in ("person", "group") else None
    scoped = context.project_scope or context.project_subject
    if unit_class == "percent":
        return _PERCENT.get(concept) or (_SCOPED_PERCENT.get(concept) if scoped else None)
    if unit_class != "money":
        return None
    if concept == "project_exp" and context.project_subject:
        return {"initial": "budget.initial_project", "final": "projects.spent"}.get(context.stage or "")
    if concept in _BY_STAGE:
        return _BY_STAGE[concept].get(context.stage or "")
    if context.project_subject:
        return "budget.adjusted_total" if concept == "adjusted_total" else _PROJECT_MONEY.get(concept)
    if context.project_scope and (concept in _PROJECT_MONEY or concept == "adjusted_total"):
        return _PROJECT_MONEY.get(concept)
    return _DEPARTMENT_MONEY.get(concept)


def _sangong(concept: str, context: Context) -> str | None:
    if context.stage in ("initial", "adjusted"):
        return None
    if concept.endswith("_bare") and not context.vehicle_context:
        return None
    base = concept.removesuffix("_bare")
    if base == "reception" and context.region == "foreign" and context.unit_class in ("group", "person"):
        base = "reception_foreign"
    return _SANGONG_BY_CLASS[base].get(context.unit_class or "")


def _staff(concept: str, context: Context) -> str | None:
    if concept in _STAFF:
        return _STAFF[concept]
    kind = "institution" if concept == "staff_institution_bare" else "admin"
    if context.staff_kind == "posts":
        return f"staff.authorized_{kind}"
    if context.staff_kind == "people":
        return f"staff.actual_{kind}"
    return None
