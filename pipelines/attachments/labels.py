"""The words forms are keyed by: column headers, row labels, titles, grades.

Cells are found by anchor labels with alias lists, never by position (PHENOMENA §6). A header is compared in
its *bare* form: NFKC, no whitespace (headers break over lines: `一级` ⏎ `指标`), no parenthesised parts
(`全年预算数（A）`, `执行率(B/A)`, `指标权重(分)`, `全年(调整)预算数`, `项目资金（万元）`).
"""
from __future__ import annotations

import re

from pipelines.attachments.numbers import fold

_PARENS_RE = re.compile(r"[(\[【﹙][^()\[\]【】﹙﹚]*[)\]】﹚]")
_WEIGHT_RE = re.compile(r"[(【﹙]\s*\d+(?:\.\d+)?\s*分?\s*[)】﹚]")
_CODE_PREFIX_RE = re.compile(r"^(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{2,}\s*[-—_]\s*(?=\S)")


def norm(text: str) -> str:
    """NFKC, no whitespace at all."""
    return "".join(fold(text).split())


def bare(text: str) -> str:
    """A header without parenthesised parts or a trailing colon: `全年(调整)预算数` → `全年预算数`."""
    return _PARENS_RE.sub("", norm(text)).rstrip(":")


def level_label(text: str) -> str:
    """An 一级/二级 label without its weight: `产出指标\\n(50分)` → `产出指标`."""
    return _WEIGHT_RE.sub("", norm(text))


def strip_code(name: str) -> str:
    """Budget codes glued to names: `305001-长丰县水利局（本级）` → `长丰县水利局（本级）`."""
    return _CODE_PREFIX_RE.sub("", name.strip())


INDICATOR_COLUMNS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称", "具体指标", "绩效指标名称"),
    "nature": ("指标性质",),
    "target": ("调整指标值", "指标值", "年度指标值", "目标值", "年度目标值", "全年指标值", "预期指标值",
               "绩效指标值", "指标目标值", "预期目标值"),
    "target_initial": ("年初指标值",),
    "unit": ("度量单位", "计量单位"),
    "actual": ("实际完成值", "全年完成值", "完成值", "实际值", "全年实际值", "实际完成指标值",
               "全年实际完成值", "实际完成情况"),
    "weight": ("分值", "权重", "指标权重", "指标分值"),
    "score": ("得分", "指标得分", "自评得分"),
    "note": ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "未完成原因分析", "原因分析及改进措施",
             "偏差原因分析及整改措施", "偏差原因及改进措施"),
}

FUNDS_COLUMNS = {
    "initial": ("年初预算数", "年初预算", "年初预算金额"),
    "full_year": ("全年预算数", "调整后预算数", "调整后预算", "全年调整预算数", "全年预算"),
    "executed": ("全年执行数", "预算执行数", "执行数", "全年实际执行数", "实际执行数", "实际支出数"),
    "weight": ("分值", "权重", "执行率权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分", "执行率得分"),
}

# 部门整体支出绩效自评表 (Yunnan 表十三/十四): 二、部门年度重点工作任务, one project per row.
TASK_COLUMNS = {
    "task": ("任务名称",),
    "project": ("项目", "项目名称", "对应项目"),
    "full_year": ("批复金额", "预算金额", "全年预算数"),
    "executed": ("实际支出金额", "实际支出", "执行金额"),
    "rate": ("预算执行率", "执行率"),
}

GOAL_COLUMNS = {
    "expected": ("预期目标", "年初绩效目标", "年初目标", "年度目标"),
    "adjusted": ("全年绩效目标", "调整后绩效目标", "调整绩效目标"),
    "actual": ("实际完成情况", "全年目标实际完成情况", "全年实际完成情况", "实际完成"),
}

GOAL_BLOCK_LABELS = frozenset({"年度总体目标", "总体目标", "年度目标", "年度绩效目标", "当年绩效目标", "项目绩效目标"})
PROJECT_LABELS = frozenset({"项目名称"})
DEPARTMENT_LABELS = frozenset({"主管部门", "部门名称", "单位名称", "部门", "预算单位", "主管部门名称"})
IMPLEMENTER_LABELS = frozenset({"实施单位", "项目实施单位"})
TOTAL_LABELS = frozenset({"总分", "合计", "总计", "自评总分", "综合得分", "总得分", "自评得分", "评价得分"})
RATING_LABELS = frozenset({"自评等级", "评价等级", "绩效等级", "等级", "评定等级", "自评结果等级"})
STOP_LABELS = TOTAL_LABELS | frozenset({"其他需要说明事项", "其他需说明事项", "评价结论", "自评结论", "存在问题",
                                        "改进措施", "填表人", "填报人", "项目负责人", "财务负责人"})
CONCLUSION_LABELS = frozenset({"评价结论", "自评结论", "部门自评结论", "绩效自评结论"})
CONCLUSION_RATING_RE = re.compile(r"等级(?:为|是|评定为|:)?[“”\"'【\[]?(优秀|良好|合格|不合格|较差|优|良|中|差)")
FINAL_ACCOUNTS_LABELS = frozenset({"行次", "栏次"})
FUNDS_SUB_ROW_RE = re.compile(r"其中|财政拨款|结转|其他资金|单位资金|专户|财政资金|自筹|上级|本级")
MONEY_UNIT_RE = re.compile(r"[(（]\s*(亿元|万元|元)\s*[)）]")
SHEET_UNIT_RE = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)")
YEAR_RE = re.compile(r"(20\d{2}|19\d{2})\s*年")

# Ratings: the printed word → 优/良/中/差. 合格/不合格 belong to the four-word scheme 优秀/良好/合格/不合格;
# 较好/一般 map to nothing (never derived from the score).
RATINGS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "合格": "中",
           "差": "差", "不合格": "差", "较差": "差", "较好": None, "一般": None}

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
    match = YEAR_RE.search(fold(text)) if text else None
    return int(match.group(1)) if match else None
