"""The words forms are keyed by: column headers, row labels, titles, grades.

Cells are found by anchor labels with alias lists, never by position (tests/corpus/03-*). A header is compared in
its *bare* form: NFKC, no whitespace (headers break over lines: `一级` ⏎ `指标`), no parenthesised parts
(`全年预算数（A）`, `执行率(B/A)`, `指标权重(分)`, `全年(调整)预算数`, `项目资金（万元）`).
"""

from __future__ import annotations

import functools
import re

from pipelines.lexicon import lexicon
from pipelines.text import TRADITIONAL_CHARS, normalise, simplified_reading

_PARENS_RE = re.compile(r"[(\[【﹙][^()\[\]【】﹙﹚]*[)\]】﹚]")
_WEIGHT_RE = re.compile(r"[(【﹙]\s*\d+(?:\.\d+)?\s*分?\s*[)】﹚]")
_CODE_PREFIX_RE = re.compile(r"^(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{2,}\s*[-—_]\s*(?=\S)")


def norm(text: str) -> str:
    """Normalised, no whitespace at all; a traditional-script label (a mirror's `項(xiàng)目名稱`) in its simplified
    reading, glosses dropped."""
    text = "".join(normalise(text, matching=True).split())
    return simplified_reading(text) if TRADITIONAL_CHARS.search(text) else text


@functools.lru_cache(maxsize=4096)  # the same headers and labels recur in every table of a page and across pages
def bare(text: str) -> str:
    """A header without parenthesised parts or a trailing colon: `全年(调整)预算数` → `全年预算数`."""
    return _PARENS_RE.sub("", norm(text)).rstrip(":")


def level_label(text: str) -> str:
    """An 一级/二级 label without its weight: `产出指标\\n(50分)` → `产出指标`."""
    return _WEIGHT_RE.sub("", norm(text))


def strip_code(name: str) -> str:
    """Budget codes glued to names: `305001-长丰县水利局（本级）` → `长丰县水利局（本级）`."""
    return _CODE_PREFIX_RE.sub("", name.strip())


# What a form's 项目名称 cell may print around the name: the allotting document's number before it
# (`某财行(2022)10号 X专项经费`) and the form's own title after it (`X补助经费支出绩效自评表`)
_CITED_DOCUMENT_RE = re.compile(r"^[\u4e00-\u9fff]{1,8}[(（〔\[【]\s*\d{4}\s*[)）〕\]】]\s*\d{1,4}\s*号\s+(?=\S)")
_FORM_TITLE_END_RE = re.compile(r"(?<=.{4})(?:项目)?(?:支出)?绩效(?:自评|目标)表$")


def form_project(name: str) -> str:
    """The project a form's 项目名称 cell names, without a budget code, a cited document number before it or the
    form's title after it."""
    return _FORM_TITLE_END_RE.sub("", _CITED_DOCUMENT_RE.sub("", strip_code(name)))


_FORMS = lexicon().sections["forms"]  # the anchor labels, in pipelines/lexicon.yaml


def _columns(name: str) -> dict[str, tuple[str, ...]]:
    return {role: tuple(aliases) for role, aliases in _FORMS[name].items()}


INDICATOR_COLUMNS = _columns("indicator_columns")
FUNDS_COLUMNS = _columns("funds_columns")
# 部门整体支出绩效自评表 (Yunnan 表十三/十四): 二、部门年度重点工作任务, one project per row.
TASK_COLUMNS = _columns("task_columns")
GOAL_COLUMNS = _columns("goal_columns")
DEPARTMENT_FUNDS_ROWS = _columns("department_funds_rows")
GOAL_BLOCK_LABELS = frozenset(_FORMS["goal_block"])
PROJECT_LABELS = frozenset(_FORMS["project"])
DEPARTMENT_LABELS = frozenset(_FORMS["department"])
IMPLEMENTER_LABELS = frozenset(_FORMS["implementer"])
TOTAL_LABELS = frozenset(_FORMS["total"])
RATING_LABELS = frozenset(_FORMS["rating"])
STOP_LABELS = TOTAL_LABELS | frozenset(_FORMS["stop"])
CONCLUSION_LABELS = frozenset(_FORMS["conclusion"])
CONCLUSION_RATING_RE = re.compile(r"等级(?:为|是|评定为|:)?[“”\"'【\[]?(优秀|良好|合格|不合格|较差|优|良|中|差)")
FINAL_ACCOUNTS_LABELS = frozenset({"行次", "栏次"})
FUNDS_SUB_ROW_RE = re.compile(r"其中|财政拨款|结转|其他资金|单位资金|专户|财政资金|自筹|上级|本级")
MONEY_UNIT_RE = re.compile(r"[(（]\s*(亿元|万元|元)\s*(?:[)）]|$)")  # `(万元` whose bracket a PDF line break lost
SHEET_UNIT_RE = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)")
YEAR_RE = re.compile(r"(20\d{2}|19\d{2})\s*年")

# Ratings: the printed word → 优/良/中/差. 合格/不合格 belong to the four-word scheme 优秀/良好/合格/不合格;
# 较好/一般 map to nothing (never derived from the score).
RATINGS = {
    "优": "优",
    "优秀": "优",
    "良": "良",
    "良好": "良",
    "中": "中",
    "中等": "中",
    "合格": "中",
    "差": "差",
    "不合格": "差",
    "较差": "差",
    "较好": None,
    "一般": None,
}

_TITLE_WORDS_RE = re.compile(r"绩效|决算|预算|自评|评价|收支|收入|支出|目标")
_TITLE_END_RE = re.compile(r"(表|报告)$")

FORM_KINDS = (
    (re.compile(r"部门整体(支出)?绩效目标完成情况|绩效目标完成情况表"), "target_completion"),
    (re.compile(r"(部门|单位|机关)(\(单位\))?整体(支出)?绩效(自评|评价)"), "department_self_eval"),
    (re.compile(r"项目(支出)?绩效(单位)?(自评|评价)|专项资金.*绩效自评"), "project_self_eval"),
    (re.compile(r"绩效目标(申报)?表|公开表[67]"), "performance_targets"),
    (re.compile(r"决算"), "final_accounts_tables"),
    (re.compile(r"预算"), "budget_tables"),
)


def role_of(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    label = bare(text)
    for role, aliases in table.items():
        if label in aliases:
            return role
    return None


def kind_from_text(text: str | None) -> str | None:
    """A `form_kind` from a title or an attachment name."""
    if not text:
        return None
    folded = norm(text)
    for pattern, kind in FORM_KINDS:
        if pattern.search(folded):
            return kind
    return None


def is_title(text: str) -> bool:
    """A form or table title: `2023年度项目支出绩效自评表`, `收入支出决算总表（公开01表）`."""
    folded = _PARENS_RE.sub("", norm(text))
    return 4 <= len(folded) <= 60 and bool(_TITLE_END_RE.search(folded)) and bool(_TITLE_WORDS_RE.search(folded))


def fiscal_year(text: str | None) -> int | None:
    match = YEAR_RE.search(normalise(text, matching=True)) if text else None
    return int(match.group(1)) if match else None
