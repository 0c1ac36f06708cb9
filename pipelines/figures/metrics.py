"""Metric keys (the `metrics` table), the wordings that name them (docs/metrics.md), and how a wording plus
its context (stage, unit, project scope, region, staff head) becomes a metric key.

A wording names a *concept* (基本支出, 公务接待费, 行政编制 …); the metric depends on context: 基本支出 under a
年初预算 phrase is `budget.initial_basic`, under 总支出/决算 `expenditure.basic`; 公务接待 with 元 is the
amount, with 批次 the batches, with 人次 the persons; 行政 under 编制 counts posts, under 人员 people.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from pipelines.lexicon import alternation, first_chars, guarded, lexicon, text_firsts

YUAN, PERCENT, COUNT, PERSONS = "yuan", "percent", "count", "persons"

# key, label_zh, unit, description — the rows of the `metrics` table.
METRICS: list[tuple[str, str, str, str]] = [
    ("budget.initial_total", "年初预算（收入）总额", YUAN, "年初预算收入 / 部门预算收入 / 年初批复预算"),
    ("budget.initial_basic", "年初预算 基本支出", YUAN, "基本支出 under a 年初预算 phrase"),
    ("budget.initial_basic_personnel", "基本支出中 工资福利支出（人员经费）", YUAN, "年初 basic breakdown"),
    ("budget.initial_basic_goods_services", "基本支出中 商品和服务支出（公用经费）", YUAN, "年初 basic breakdown"),
    ("budget.initial_basic_household_subsidy", "基本支出中 对个人和家庭的补助", YUAN, "年初 basic breakdown"),
    (
        "budget.initial_project",
        "年初预算 项目支出",
        YUAN,
        "项目支出 under 年初预算; per project when the subject is a project",
    ),
    ("budget.adjusted_total", "调整后预算 / 全年预算数", YUAN, "调整后预算, 全年预算数, 全年(调整)预算数"),
    ("revenue.total", "总收入 / 收入总计", YUAN, "收入总计 (incl. carry-over); 本年收入合计 is a second reading"),
    ("revenue.carryover", "上年结转结余 / 年初结转和结余", YUAN, "department level only, never a project's"),
    ("revenue.fiscal_appropriation", "本年财政拨款收入", YUAN, "财政拨款收入"),
    ("revenue.other", "其他收入", YUAN, "其他收入"),
    (
        "expenditure.total",
        "本年总支出 / 支出总计",
        YUAN,
        "支出总计 (incl. carry-over); 本年支出合计 is a second reading",
    ),
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

_LEXICON = lexicon()


@dataclass(frozen=True)
class Concept:
    """A family of wordings (`pipelines/lexicon.yaml`). `tier` 2 wordings are generic and only used when no
    tier-1 wording fits; `stage_word` wordings (年初预算, 全年预算) right after another wording only set that
    one's stage; a concept that `needs` a topic (购置费 → vehicle) only counts in a sentence about it."""

    name: str
    pattern: re.Pattern[str]
    tier: int = 1
    stage_word: bool = False
    default_class: str | None = "money"
    needs: str | None = None
    first: frozenset[str] | None = None  # what its matches start with (None: anything), to skip absent ones


CONCEPTS: list[Concept] = [
    Concept(
        entry.name,
        re.compile(guarded(entry.pattern)),
        entry.tier,
        entry.stage_word,
        entry.default_class,
        entry.needs,
        first_chars(entry.pattern),
    )
    for entry in _LEXICON.concepts
]
# The topic words of a sentence (公务用车 → vehicle, 公务接待 → reception).
TOPICS = {name: re.compile(alternation(words)) for name, words in _LEXICON.sections["topics"].items()}


def topics_of(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in TOPICS.items() if pattern.search(text))


CONCEPT_BY_NAME = {concept.name: concept for concept in CONCEPTS}

# What may stand between a wording and its number (`公务接待费支出为4,419.00元`, `保有量为3辆`).
# Possessive (`*+`): each filler is the first alternative that matches where it starts, as everywhere in the
# lexicon, and a run the text only almost fills fails at once instead of trying every split of it (`决算数` is also
# `决算` + `数`: twenty repeats are a million splits).
FILLER = re.compile(f"(?:{alternation(_LEXICON.words('filler'))})*+")
# A note in brackets between a wording and its number (`基本支出(含人员经费20万元)50万元`, `行政编(含工勤3人)60人`)
NOTE_GAP = re.compile(
    r"\s*[(（][^()（）]{0,19}[\u4e00-\u9fff][^()（）]{0,19}[)）]\s*(?:为|是)?\s*"
)  # words, not `(B/A)`


@functools.cache
def stage_markers(gap: bool = False, budget: bool = False) -> re.Pattern[str]:
    """Stage words as named groups `adjusted` / `initial` / `final`. `gap`: also the words that only count between
    a wording and its number (`三公经费预算12万元`); `budget`: a 部门预算 page, whose totals (收入总计 …) are no
    sign of the actual stage."""
    initial = _LEXICON.words("stage", "initial") + (_LEXICON.words("stage", "gap_initial") if gap else ())
    final = _LEXICON.words("stage", "final")
    if not budget:
        final = final[:1] + _LEXICON.words("stage", "totals") + final[1:]
    return re.compile(
        "|".join(
            f"(?P<{stage}>{alternation(words)})"
            for stage, words in (
                ("adjusted", _LEXICON.words("stage", "adjusted")),
                ("initial", initial),
                ("final", final),
            )
        )
    )


STAGE_MARKERS = stage_markers()
GAP_STAGE_MARKERS = stage_markers(gap=True)
# The department's totals: on a 部门预算 page (stage `initial`) they are the budget's total.
DEPARTMENT_TOTALS = frozenset({"revenue_total", "revenue_current", "expenditure_total", "expenditure_current"})
# The parts of the department's revenue: a budget's (`其中：财政拨款收入…`) are budgeted, no revenue received.
REVENUE_PARTS = frozenset({"fiscal", "revenue_other", "revenue_carryover"})
# The department's lines and totals: a fund scope before them in their clause (一般公共预算财政拨款基本支出) makes
# them that fund's part.
SCOPE_LIMITED = (
    frozenset({"basic", "project_exp", "personnel", "goods", "household", "initial_total", "adjusted_total"})
    | frozenset({"revenue_carryover", "carryover_end"})  # `政府性基金预算财政拨款上年结转和结余0万元`
    | DEPARTMENT_TOTALS
)
STAGE_DEPENDENT = frozenset({"basic", "project_exp", "personnel", "goods", "household"})
FINAL_ONLY = frozenset(
    {
        "sangong",
        "outbound",
        "vehicle",
        "vehicle_purchase",
        "vehicle_purchase_bare",
        "vehicle_operation",
        "vehicle_operation_bare",
        "vehicles_held",
        "reception",
        "reception_domestic",
        "reception_foreign",
        "meeting",
        "training",
    }
)


LABEL_REACH = 48


@dataclass(frozen=True)
class Label:
    concept: Concept
    start: int
    end: int
    stage: str | None = None  # set when a stage wording (年初预算) followed the concept's wording


# A stage word right after a comparison is only compared with (`较2017年决算一致`)
_COMPARED_BEFORE = re.compile(r"(?:较|比|与|同)\s*(?:上年度?|去年|(?:19|20)\d{2}\s*年度?)?\s*$")
_COMPARED_REACH = 12


def last_stage(text: str, markers: re.Pattern[str] = STAGE_MARKERS, skip_compared: bool = False) -> str | None:
    """The stage of the last stage word of `text`; with `skip_compared`, not of one only compared with."""
    stage = None
    for match in markers.finditer(text):
        start = match.start()
        if not (skip_compared and _COMPARED_BEFORE.search(text, max(0, start - _COMPARED_REACH), start)):
            stage = match.lastgroup
    return stage


def find_label(window: str) -> Label | None:
    """The wording that names the number printed right after `window`: the closest one whose gap to the
    number is only filler (为, 支出, 共 …); specific wordings before generic ones. Only the last
    `LABEL_REACH` characters can hold it."""
    reach = max(len(window) - LABEL_REACH, 0)
    hits = [(m.start(), m.end(), c) for c in CONCEPTS for m in c.pattern.finditer(window, reach)]
    return _pick(window, hits, len(window), 0)


# Which concepts a character can start (their index in CONCEPTS), so an index only scans the concepts whose first
# characters its text holds; concepts whose matches may start anywhere are always scanned.
def _concepts_by_first_char() -> dict[str, set[int]]:
    by_char: dict[str, set[int]] = {}
    for index, concept in enumerate(CONCEPTS):
        for char in concept.first or ():
            by_char.setdefault(char, set()).add(index)
    return by_char


_FIRSTS = _concepts_by_first_char()
_ANY_FIRST = frozenset(i for i, concept in enumerate(CONCEPTS) if concept.first is None)


def _concepts_in(text: str) -> list[Concept]:
    """The concepts that may match in `text` (those whose first characters it holds), in lexicon order."""
    present = text_firsts(text) & _FIRSTS.keys()
    return [CONCEPTS[i] for i in sorted(_ANY_FIRST.union(*(_FIRSTS[char] for char in present)))]


class WordingIndex:
    """Every wording of a text (or of its `start:end` part), matched once (one scan per concept). The labels that
    may name a number are then a slice of this index, not a rescan of the text before the number: text extraction
    stays linear however many numbers a sentence repeats."""

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text = text
        end = len(text) if end is None else end
        concepts = _concepts_in(text[start:end])
        self.hits = sorted(
            ((m.start(), m.end(), c) for c in concepts for m in c.pattern.finditer(text, start, end)),
            key=lambda hit: hit[0],
        )
        self.starts = [hit[0] for hit in self.hits]

    def label_before(self, window_start: int, position: int, topics: frozenset[str] = frozenset()) -> Label | None:
        """`find_label(text[window_start:position])`, with offsets relative to `window_start`; a wording that
        needs a topic the sentence does not speak of (`topics`) is no label."""
        low = bisect.bisect_left(self.starts, max(window_start, position - LABEL_REACH))
        high = bisect.bisect_left(self.starts, position, low)
        hits = [
            hit
            for hit in self.hits[low:high]
            if hit[1] <= position and (hit[2].needs is None or hit[2].needs in topics)
        ]
        return _pick(self.text, hits, position, window_start)

    def hits_between(self, start: int, end: int) -> list[tuple[int, int, Concept]]:
        """The wordings (start, end, concept) that lie wholly between `start` and `end`."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end, low)
        return [hit for hit in self.hits[low:high] if hit[1] <= end]

    def label_at(self, position: int, topics: frozenset[str] = frozenset()) -> Label | None:
        """The longest tier-1 wording that starts at `position` (the noun after a count: `0个团组`)."""
        low = bisect.bisect_left(self.starts, position)
        high = bisect.bisect_right(self.starts, position, low)
        hits = [
            hit for hit in self.hits[low:high] if hit[2].tier == 1 and (hit[2].needs is None or hit[2].needs in topics)
        ]
        start, end, concept = max(hits, key=lambda hit: hit[1], default=(0, 0, None))
        return Label(concept, start, end) if concept else None


def _names_across(text: str, end: int, position: int) -> bool:
    """Only filler, or a bracketed note, stands between a wording's end and the number at `position`."""
    return bool(FILLER.fullmatch(text, end, position) or NOTE_GAP.fullmatch(text, end, position))


def _pick(text: str, hits: list[tuple[int, int, Concept]], position: int, offset: int) -> Label | None:
    """Among wordings (start, end, concept) of `text` before `position`, the one that names the number there;
    a stage wording right after a topic wording only sets that topic's stage. Offsets relative to `offset`."""
    valid = [
        hit for hit in hits if FILLER.fullmatch(text, hit[1], position) or NOTE_GAP.fullmatch(text, hit[1], position)
    ]
    if not valid:
        return None
    # A wording made only of filler words (实际支出, 全年支出) names the number only when nothing before it does:
    # in `“三公”经费实际支出28.64万元` the amount is the 三公 total.
    named = [hit for hit in valid if not FILLER.fullmatch(text, hit[0], hit[1])]
    valid = named or valid
    start, end, concept = min(valid, key=lambda hit: (hit[2].tier, -hit[1], -(hit[1] - hit[0])))
    if concept.stage_word:
        topics = [
            hit
            for hit in hits
            if hit[2].tier == 1 and not hit[2].stage_word and hit[1] <= start and FILLER.fullmatch(text, hit[1], start)
        ]
        topic = max(topics, key=lambda hit: (hit[1], hit[1] - hit[0]), default=None)
        if topic is not None:
            return Label(topic[2], topic[0] - offset, topic[1] - offset, stage=stage_of(concept))
    return Label(concept, start - offset, end - offset)


def total_reading(concept: str, wording: str, metric: str) -> str:
    """Which of a total's readings a wording gives: this year's only (`本年收入合计`), the spending side of a
    budget (`2023年支出预算…`, `医院总支出`: no budget total beside a revenue budget of another amount), or the
    grand total."""
    if concept.endswith("_current"):
        return "current"
    spending_side = concept.startswith("expenditure") or wording.startswith("支出")
    return "spending" if metric == "budget.initial_total" and spending_side else "grand"


def stage_of(concept: Concept) -> str:
    return "adjusted" if concept.name == "adjusted_total" else "initial"


def find_labels_in_list(text: str) -> list[Label]:
    """The tier-1 wordings of a `A、B和C` list, left to right (longest first where they overlap)."""
    found: list[Label] = []
    matches = sorted(
        ((m, c) for c in _concepts_in(text) if c.tier == 1 for m in c.pattern.finditer(text)),
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
    topics: frozenset[str] = frozenset()  # what the sentence speaks of (vehicle, reception), see `topics_of`


_SANGONG_BY_CLASS = {
    "sangong": {"money": "sangong.total"},
    "outbound": {"money": "sangong.outbound", "group": "sangong.outbound_groups", "person": "sangong.outbound_persons"},
    "vehicle": {"money": "sangong.vehicle"},
    "vehicle_purchase": {"money": "sangong.vehicle_purchase", "vehicle": "sangong.vehicles_purchased"},
    "vehicle_operation": {"money": "sangong.vehicle_operation"},
    "vehicles_held": {"vehicle": "sangong.vehicles_held"},
    "reception": {
        "money": "sangong.reception",
        "group": "sangong.reception_batches",
        "person": "sangong.reception_persons",
    },
    "reception_domestic": {
        "money": "sangong.reception_domestic",
        "group": "sangong.reception_batches",
        "person": "sangong.reception_persons",
    },
    "reception_foreign": {
        "money": "sangong.reception_foreign",
        "group": "sangong.reception_foreign_batches",
        "person": "sangong.reception_foreign_persons",
    },
    "meeting": {"money": "meeting_fee"},
    "training": {"money": "training_fee"},
}
_STAFF = {
    "auth_total": "staff.authorized_total",
    "auth_total_bare": "staff.authorized_total",
    "auth_admin": "staff.authorized_admin",
    "auth_institution": "staff.authorized_institution",
    "actual_total": "staff.actual_total",
    "actual_admin": "staff.actual_admin",
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
    "initial_total": "budget.initial_total",
    "adjusted_total": "budget.adjusted_total",
    "revenue_total": "revenue.total",
    "revenue_current": "revenue.total",
    "revenue_carryover": "revenue.carryover",
    "fiscal": "revenue.fiscal_appropriation",
    "revenue_other": "revenue.other",
    "expenditure_total": "expenditure.total",
    "expenditure_current": "expenditure.total",
    "carryover_end": "expenditure.carryover_end",
    "received": "projects.received",
}
# Inside a sentence about project funds, totals are the projects' money and carry-overs are not revenue.
_PROJECT_MONEY = {
    "initial_total": "budget.initial_project",
    "received": "projects.received",
    "received_generic": "projects.received",
    "revenue_total": "projects.received",
    "expenditure_total": "projects.spent",
    "spent": "projects.spent",
    "revenue_carryover": None,
    "carryover_end": None,
    "revenue_current": None,
    "expenditure_current": None,
    "fiscal": None,  # a project's 本年财政拨款 is its funding, not the department's revenue
    "adjusted_total": "budget.adjusted_total",  # `调整预算后项目预算861.46万元`: the projects' adjusted budget
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
    if concept in DEPARTMENT_TOTALS and context.stage == "initial" and not scoped:
        return "budget.initial_total"
    if concept in ("initial_total", "adjusted_total") and context.stage == "final":
        return None  # `年初预算为X，支出决算为Y`: Y is no budget
    if concept in REVENUE_PARTS and context.stage in ("initial", "adjusted"):
        return None  # `2011年财政拨款预算总额X` beside a 2010 决算, a 部门预算's `其中：财政拨款收入…`: budgeted
    if context.project_subject:
        return "budget.adjusted_total" if concept == "adjusted_total" else _PROJECT_MONEY.get(concept)
    if context.project_scope and (concept in _PROJECT_MONEY or concept == "adjusted_total"):
        return _PROJECT_MONEY.get(concept)
    return _DEPARTMENT_MONEY.get(concept)


def _sangong(concept: str, context: Context) -> str | None:
    if context.stage in ("initial", "adjusted") and concept != "vehicles_held":
        return None  # budgeted amounts are none of ours; the cars a unit holds are a count, never budgeted
    needs = CONCEPT_BY_NAME[concept].needs
    if needs and needs not in context.topics:
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
