"""The figures the extractor produces (`figures` in docs/data-dictionary.md), and the document facts every pass
needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pipelines import schema
from pipelines.figures.metrics import COUNT, METRIC_UNITS, PERSONS, YUAN
from pipelines.figures.units import MONEY_MULTIPLIERS
from pipelines.text import to_yuan

FIGURE_FIELDS = schema.parser_fields("figures")


@dataclass
class DocumentFacts:
    department: str
    fiscal_year: int | None
    report_type: str
    money_default: str = "万元"
    four_word_scheme: bool = False  # the document grades 优秀/良好/合格/不合格
    known_projects: set[str] = field(default_factory=set)
    title_project: str | None = None  # the project a single-project report's title names
    published_year: int | None = None  # when the text was written: its `去年` is the year before
    whole_place: bool = False  # the page is about a whole place's figures (a county's 三公 sum, a province's news)

    @property
    def one_project(self) -> bool:
        """The report is about one project: its own self-evaluation, or an evaluation of it by someone else."""
        return self.report_type in ("self_eval_project", "external_evaluation")


@dataclass
class Figure:
    metric: str
    subject: str
    fiscal_year: int | None
    value: float | int | None
    unit: str
    value_text: str
    unit_text: str
    unit_basis: str
    source_text: str
    span_start: int
    span_end: int
    locator: str | None = None
    origin: str = "text"  # text / table (for the text-vs-table check)
    reading: str = "grand"  # grand / current: 收入总计 vs 本年收入合计 (both are revenue.total)
    decimals: int = 2  # printed decimals, the tolerance of checks

    def record(self) -> dict:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


def metric_value(metric: str, number: Decimal | None, unit: str | None) -> float | int | None:
    """The stored value: yuan rounded to the fen, percent as printed, counts and persons as integers."""
    if number is None:
        return None
    kind = METRIC_UNITS[metric]
    if kind == YUAN:
        return to_yuan(number, MONEY_MULTIPLIERS[unit or "元"])
    if kind in (COUNT, PERSONS):
        return int(number)
    return float(number)
