"""Numbers of a generated department-year: budget, revenue, spending, 三公, staff, projects and scores.

Everything is derived from a seeded RNG, in exact decimals, so that every printed part adds up to its printed
total (except where a report carries a deliberate `fault`, see `content.KNOWN_INCONSISTENCIES`). Money is kept in
万元 with 2 decimals; 三公 amounts and meeting/training fees in 元 with 2 decimals (rounded to 100 元 when they are
printed in 万元 somewhere).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)

# report_type values (docs/data-dictionary.md)
BOTH = "self_eval_department_and_project"
DEPARTMENT = "self_eval_department"
PROJECT = "self_eval_project"
FINAL_ACCOUNTS = "final_accounts"

# deliberate inconsistencies a report can carry
FAULT_SANGONG_SUM = "sangong_sum"  # printed 三公 total is not the sum of its items
FAULT_EXECUTION_RATE = "execution_rate"  # printed 项目资金执行率 is not spent ÷ received


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def seeded_rng(*parts: object) -> random.Random:
    """A RNG that depends only on `parts` (not on PYTHONHASHSEED or the Python version's str hashing)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def amount(rng: random.Random, base: Decimal, low: float, high: float) -> Decimal:
    """A 2-decimal amount between base×low and base×high."""
    return q2(base * Decimal(str(round(rng.uniform(low, high), 6))))


def rating_for(score: Decimal) -> str:
    """The central grading scheme: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60."""
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"


def spread_loss(rng: random.Random, total: Decimal, caps: dict[str, Decimal]) -> dict[str, Decimal]:
    """Split `total` lost points (a multiple of 0.5) over the keys, in half points, none above its cap."""
    if total > sum(caps.values()):
        raise ValueError(f"cannot spread {total} points over {caps}")
    halves_left = int(total * 2)
    keys = list(caps)
    losses = {}
    for i, key in enumerate(keys):
        room_after = int(sum(caps[k] for k in keys[i + 1 :]) * 2)
        low, high = max(0, halves_left - room_after), min(int(caps[key] * 2), halves_left)
        halves = rng.randint(low, high)
        losses[key] = Decimal(halves) / 2
        halves_left -= halves
    return losses


@dataclass(frozen=True)
class ProjectSpec:
    """A recurring budget project of a department and the indicators its self-evaluation form uses."""

    name: str
    base: Decimal  # typical annual budget, 万元
    output: str  # 数量指标
    unit: str
    target: int
    quality: str  # 质量指标 (target ≥ 95%)
    benefit: str  # 社会效益指标 (qualitative target)
    served: str  # whose satisfaction is surveyed


@dataclass(frozen=True)
class Department:
    name: str
    short: str  # 市财政局
    self_ref: str  # 我局
    org_code: str  # first part of its 索引号
    duties: str
    offices: int
    units: tuple[str, ...]  # subordinate institutions
    admin: int  # 行政编制
    institution: int  # 事业编制
    basic: Decimal  # 基本支出 scale, 万元
    goals: tuple[str, ...]
    projects: tuple[ProjectSpec, ...]


@dataclass(frozen=True)
class Indicator:
    """One 三级指标 row of a self-evaluation form."""

    level1: str
    level2: str
    level3: str = ""  # empty: a sub-category row with no indicator (生态效益指标)
    operator: str = ""  # printed glyph (≧, ≦, ═) or 定性
    target: str = ""
    unit: str = ""
    actual: str = ""
    weight: Decimal = Decimal(0)
    score: Decimal = Decimal(0)
    note: str = ""


@dataclass
class ProjectResult:
    spec: ProjectSpec
    initial: Decimal  # 年初预算数, 0 for a project added during the year
    received: Decimal  # 本年实际到位资金 = 全年预算数
    spent: Decimal
    losses: dict[str, Decimal]  # indicator key → points lost
    achieved: int  # actual of the 数量指标
    quality_pct: int
    satisfaction_pct: int

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def carryover_end(self) -> Decimal:
        return self.received - self.spent

    @cached_property
    def rate(self) -> Decimal:
        """执行率 / 资金使用率 in percent, 2 decimals."""
        return q2(self.spent / self.received * HUNDRED)

    @property
    def funds_score(self) -> Decimal:
        """The 10-point budget-execution row of the form: 10 × 执行率."""
        return q2(self.rate / 10)

    @cached_property
    def score(self) -> Decimal:
        return self.funds_score + 90 - sum(self.losses.values())

    @property
    def rating(self) -> str:
        return rating_for(self.score)

    def indicators(self) -> list[Indicator]:
        spec, loss = self.spec, self.losses
        return [
            Indicator(
                "产出指标",
                "数量指标",
                spec.output,
                "≧",
                str(spec.target),
                spec.unit,
                str(self.achieved),
                Decimal(15),
                Decimal(15),
            ),
            Indicator(
                "产出指标", "质量指标", spec.quality, "≧", "95", "%", f"{self.quality_pct}%", Decimal(15), Decimal(15)
            ),
            Indicator(
                "产出指标",
                "时效指标",
                "项目实施进度",
                "定性",
                "按期完成",
                actual="基本按期完成" if loss["timeliness"] else "按期完成",
                weight=Decimal(10),
                score=10 - loss["timeliness"],
                note="部分工作受客观因素影响延后完成" if loss["timeliness"] else "",
            ),
            Indicator(
                "产出指标",
                "成本指标",
                "项目成本控制",
                "≦",
                f"{self.received:.2f}",
                "万元",
                f"{self.spent:.2f}",
                Decimal(10),
                Decimal(10),
            ),
            Indicator(
                "效益指标",
                "社会效益指标",
                spec.benefit,
                "定性",
                "有效提升",
                actual="基本达到预期" if loss["benefit"] else "达到预期",
                weight=Decimal(15),
                score=15 - loss["benefit"],
                note="效益尚未充分显现，下一年度加强跟踪问效" if loss["benefit"] else "",
            ),
            Indicator("效益指标", "生态效益指标"),
            Indicator(
                "效益指标",
                "可持续影响指标",
                "长效管理机制",
                "定性",
                "持续发挥作用",
                actual="部分完成" if loss["sustain"] else "达到预期",
                weight=Decimal(15),
                score=15 - loss["sustain"],
                note="管理制度有待进一步健全" if loss["sustain"] else "",
            ),
            Indicator(
                "满意度指标",
                "服务对象满意度指标",
                f"{spec.served}满意度",
                "≧",
                "90",
                "%",
                f"{self.satisfaction_pct}%",
                Decimal(10),
                Decimal(10),
            ),
        ]


PROJECT_LOSS_CAPS = {"timeliness": Decimal(9), "benefit": Decimal(14), "sustain": Decimal(14)}
DEPARTMENT_LOSS_CAPS = {"quality": Decimal(14), "duty": Decimal(19), "mechanism": Decimal(9)}


@dataclass
class Staff:
    authorized_admin: int
    authorized_institution: int
    actual_admin: int
    actual_institution: int
    retired: int  # a distractor

    @property
    def authorized_total(self) -> int:
        return self.authorized_admin + self.authorized_institution

    @property
    def actual_total(self) -> int:
        return self.actual_admin + self.actual_institution


@dataclass
class Sangong:
    """三公 amounts in 元; `unit` is how the report prints them."""

    unit: str  # "元" or "万元"
    outbound: Decimal
    groups: int
    travellers: int
    purchase: Decimal
    bought: int
    operation: Decimal
    held: int
    domestic: Decimal
    batches: int
    visitors: int
    foreign: Decimal
    foreign_batches: int
    foreign_visitors: int
    meeting: Decimal
    training: Decimal

    @property
    def vehicle(self) -> Decimal:
        return self.purchase + self.operation

    @property
    def reception(self) -> Decimal:
        return self.domestic + self.foreign

    @property
    def total(self) -> Decimal:
        return self.outbound + self.vehicle + self.reception


@dataclass
class Report:
    dept: Department
    year: int
    report_type: str
    staff: Staff
    personnel: Decimal
    goods: Decimal
    household: Decimal
    projects: list[ProjectResult]
    carryover: Decimal
    fiscal: Decimal
    other: Decimal
    exp_basic: Decimal
    sangong: Sangong
    dept_losses: dict[str, Decimal]
    satisfaction_pct: int
    fault: str | None = None

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.goods + self.household

    @property
    def planned(self) -> list[ProjectResult]:
        """Projects in the 年初 budget (a project added during the year has no initial amount)."""
        return [p for p in self.projects if p.initial]

    @property
    def initial_project(self) -> Decimal:
        return sum((p.initial for p in self.projects), Decimal(0))

    @property
    def initial_total(self) -> Decimal:
        return self.basic + self.initial_project

    @property
    def revenue(self) -> Decimal:
        return self.carryover + self.fiscal + self.other

    @property
    def project_received(self) -> Decimal:
        return sum((p.received for p in self.projects), Decimal(0))

    @property
    def project_spent(self) -> Decimal:
        return sum((p.spent for p in self.projects), Decimal(0))

    @property
    def expenditure(self) -> Decimal:
        return self.exp_basic + self.project_spent

    @property
    def carryover_end(self) -> Decimal:
        return self.revenue - self.expenditure

    @property
    def payment_progress(self) -> Decimal:
        return q2(self.expenditure / self.revenue * HUNDRED)

    @property
    def execution_rate(self) -> Decimal:
        return q2(self.project_spent / self.project_received * HUNDRED)

    @property
    def dept_score(self) -> Decimal:
        return Decimal(100) - sum(self.dept_losses.values())

    @property
    def dept_rating(self) -> str:
        return rating_for(self.dept_score)

    def dept_indicators(self) -> list[Indicator]:
        loss, s = self.dept_losses, self.sangong
        cap = q2(Decimal(int(s.total / 5000) + 1) * Decimal("0.5"))  # next half 万元 above the actual
        return [
            Indicator(
                "产出指标",
                "数量指标",
                "年度重点工作任务完成数",
                "≧",
                str(len(self.dept.goals)),
                "项",
                str(len(self.dept.goals)),
                Decimal(15),
                Decimal(15),
            ),
            Indicator(
                "产出指标",
                "数量指标",
                "预算项目实施个数",
                "≧",
                str(len(self.projects)),
                "个",
                str(len(self.projects)),
                Decimal(10),
                Decimal(10),
            ),
            Indicator(
                "产出指标",
                "质量指标",
                "重点工作完成质量",
                "定性",
                "达到年度目标",
                actual="基本达到" if loss["quality"] else "达到预期",
                weight=Decimal(15),
                score=15 - loss["quality"],
                note="个别任务完成质量有待提高" if loss["quality"] else "",
            ),
            Indicator(
                "产出指标",
                "时效指标",
                "预算执行进度",
                "≧",
                "90",
                "%",
                f"{self.payment_progress}%",
                Decimal(10),
                Decimal(10),
            ),
            Indicator(
                "产出指标",
                "成本指标",
                "“三公”经费支出",
                "≦",
                f"{cap}",
                "万元",
                f"{q2(s.total / TEN_THOUSAND)}",
                Decimal(10),
                Decimal(10),
            ),
            Indicator(
                "效益指标",
                "社会效益指标",
                "部门履职效能",
                "定性",
                "有效提升",
                actual="基本达到预期" if loss["duty"] else "达到预期",
                weight=Decimal(20),
                score=20 - loss["duty"],
                note="部分绩效目标设置不够精准" if loss["duty"] else "",
            ),
            Indicator(
                "效益指标",
                "可持续影响指标",
                "长效管理机制建设",
                "定性",
                "持续完善",
                actual="部分完成" if loss["mechanism"] else "达到预期",
                weight=Decimal(10),
                score=10 - loss["mechanism"],
                note="内控制度执行有待加强" if loss["mechanism"] else "",
            ),
            Indicator(
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "≧",
                "90",
                "%",
                f"{self.satisfaction_pct}%",
                Decimal(10),
                Decimal(10),
            ),
        ]


def _loss_band(rng: random.Random, bands: list[tuple[float, int, int]]) -> Decimal:
    """Pick a (probability, low, high) band, then a half-point loss inside it."""
    pick = rng.random()
    for probability, low, high in bands:
        if pick < probability:
            return Decimal(rng.randint(low * 2, high * 2)) / 2
        pick -= probability
    raise ValueError("band probabilities must add up to 1")


def _project(rng: random.Random, spec: ProjectSpec, growth: Decimal, planned: bool) -> ProjectResult:
    initial = amount(rng, spec.base * growth, 0.85, 1.2) if planned else Decimal(0)
    if initial and rng.random() < 0.5:
        initial = Decimal(int(initial))
    if not planned:
        received = amount(rng, spec.base * growth, 0.5, 0.9)
    elif rng.random() < 0.6:
        received = initial
    else:
        received = initial + amount(rng, initial, 0.02, 0.15)
    spent = received if rng.random() < 0.55 else amount(rng, received, 0.8, 0.995)
    loss = _loss_band(rng, [(0.75, 0, 6), (0.18, 9, 16), (0.07, 20, 27)])
    return ProjectResult(
        spec=spec,
        initial=initial,
        received=received,
        spent=spent,
        losses=spread_loss(rng, loss, PROJECT_LOSS_CAPS),
        achieved=spec.target + rng.randint(0, max(1, spec.target // 20)),
        quality_pct=rng.randint(96, 100),
        satisfaction_pct=rng.randint(91, 98),
    )


def _sangong(rng: random.Random, in_hundreds: bool) -> Sangong:
    """三公 in 元. `in_hundreds` rounds every amount to 100 元 so it prints exactly in 万元 too."""
    step = Decimal(100) if in_hundreds else Decimal("0.01")

    def money(low: int, high: int) -> Decimal:
        value = Decimal(rng.randint(low * 100, high * 100)) / 100
        return (value / step).to_integral_value(ROUND_HALF_UP) * step

    travel = rng.random() < 0.08
    bought = 1 if rng.random() < 0.08 else 0
    held = rng.choice([0, 0, 1, 2, 2, 3, 4, 5])
    batches = rng.randint(3, 40)
    foreign = rng.random() < 0.05
    return Sangong(
        unit="万元" if in_hundreds else "元",
        outbound=money(18000, 60000) if travel else Decimal(0),
        groups=1 if travel else 0,
        travellers=rng.randint(2, 4) if travel else 0,
        purchase=money(120000, 180000) if bought else Decimal(0),
        bought=bought,
        operation=money(4000 * held, 16000 * held) if held else Decimal(0),
        held=held,
        domestic=money(150 * batches, 600 * batches),
        batches=batches,
        visitors=batches * rng.randint(3, 9),
        foreign=money(3000, 9000) if foreign else Decimal(0),
        foreign_batches=1 if foreign else 0,
        foreign_visitors=rng.randint(3, 8) if foreign else 0,
        meeting=money(2000, 30000) if rng.random() < 0.5 else Decimal(0),
        training=money(2000, 30000) if rng.random() < 0.5 else Decimal(0),
    )


def generate_report(
    dept: Department, year: int, report_type: str, *, fault: str | None = None, sangong_in_wan: bool | None = None
) -> Report:
    """The numbers of `dept`'s fiscal `year`. Same arguments, same numbers (and the report type does not change
    them, so a 自评报告 and a 部门决算 of one department-year agree)."""
    rng = seeded_rng(dept.name, year)
    growth = Decimal(str(round(1 + (year - 2021) * 0.04 + rng.uniform(-0.03, 0.05), 4)))
    basic = dept.basic * growth
    pool = dept.projects
    chosen = [pool[(year + k) % len(pool)] for k in range(min(3, len(pool)))]
    projects = [_project(rng, spec, growth, planned=True) for spec in chosen]
    if len(pool) > 3 and rng.random() < 0.4:
        projects.append(_project(rng, pool[(year + 3) % len(pool)], growth, planned=False))
    staff_admin = dept.admin + rng.randint(-1, 1)
    staff_inst = dept.institution + rng.randint(-2, 2)
    staff = Staff(
        staff_admin,
        staff_inst,
        staff_admin - rng.randint(0, 1),
        staff_inst - rng.randint(0, 3),
        retired=rng.randint(5, 40),
    )
    personnel = amount(rng, basic, 0.84, 0.9)
    goods = amount(rng, basic, 0.06, 0.12)
    household = amount(rng, basic, 0.002, 0.015) if rng.random() < 0.7 else Decimal(0)
    coin = rng.random() < 0.5  # drawn even when the caller decides, so the later numbers do not shift
    sangong = _sangong(rng, coin if sangong_in_wan is None else sangong_in_wan)
    report = Report(
        dept=dept,
        year=year,
        report_type=report_type,
        staff=staff,
        personnel=personnel,
        goods=goods,
        household=household,
        projects=projects,
        carryover=Decimal(0),
        fiscal=Decimal(0),
        other=Decimal(0),
        exp_basic=amount(rng, personnel + goods + household, 0.97, 1.05),
        sangong=sangong,
        dept_losses=spread_loss(rng, _loss_band(rng, [(0.8, 1, 9), (0.2, 11, 18)]), DEPARTMENT_LOSS_CAPS),
        satisfaction_pct=rng.randint(91, 98),
        fault=fault,
    )
    report.carryover = amount(rng, report.initial_total, 0.0, 0.05)
    report.other = Decimal(0) if rng.random() < 0.6 else amount(rng, Decimal(10), 0.05, 2.0)
    slack = amount(rng, report.expenditure, 0.0, 0.03)
    report.fiscal = report.expenditure - report.carryover - report.other + slack
    return report


def to_yuan(wan: Decimal) -> float:
    return float(wan * TEN_THOUSAND)
