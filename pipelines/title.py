"""Facts read from an article title: the department, the fiscal year and the report type.

The department comes from the title, not from 发布机构 (often the finance bureau). Titles are normalised first
(NFKC, whitespace collapsed, 【】, file extensions and `附件2-1` prefixes stripped); the department is what is
left after removing the year, the report-type tail and a leading 关于.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.regions import name_region
from pipelines.text import normalise

# (keyword, report_type), matched longest first; the first keyword found in the title decides.
_TYPE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("部门整体和项目支出绩效自评", "self_eval_department_and_project"),
    ("部门整体及项目支出绩效自评", "self_eval_department_and_project"),
    ("部门整体与项目支出绩效自评", "self_eval_department_and_project"),
    ("整体和项目支出绩效自评", "self_eval_department_and_project"),
    ("部门整体支出绩效自评", "self_eval_department"),
    ("部门整体支出绩效评价", "self_eval_department"),
    ("部门整体绩效自评", "self_eval_department"),
    ("整体支出绩效评价", "self_eval_department"),
    ("整体支出绩效自评", "self_eval_department"),
    ("机关整体支出", "self_eval_department"),
    ("单位整体支出", "self_eval_department"),
    ("项目支出绩效单位自评", "self_eval_project"),
    ("项目支出绩效自评表", "self_eval_project"),
    ("项目支出绩效自评", "self_eval_project"),
    ("部门决算", "final_accounts"),
    ("单位决算", "final_accounts"),
    ("决算公开", "final_accounts"),
    ("部门预算", "budget"),
    ("单位预算", "budget"),
    ("绩效目标申报表", "performance_targets"),
    ("绩效目标表", "performance_targets"),
    ("公开表6", "performance_targets"),
    ("公开表7", "performance_targets"),
)
_TYPE_ORDER = sorted(_TYPE_KEYWORDS, key=lambda pair: len(pair[0]), reverse=True)
_PROJECT_FUNDS = re.compile(r"专项资金|转移支付")
_EXTERNAL = re.compile(r"第三方|重点绩效评价|受.{1,30}委托|绩效评价报告")
# A title ending in one of these is a notice, policy or news item, not a report, whatever it mentions
# (关于开展2023年度预算绩效自评工作的通知 is about self-evaluations but is not one).
_NOTICE_TAIL = re.compile(
    r"(?:通知|公告|通告|公示|启事|简章|意见|决定|批复|复函|办法|细则|规程|方案|规划|新闻|动态|简报|会议|纪要)"
    r"[)）]?$"
)
_SANGONG = re.compile(r"[\"“'‘「]?三公[\"”'’」]?\s*经费")
_OTHER = re.compile(r"三公经费|“三公”经费|预算绩效管理办法|政府预决算|政府预算|政府决算")
_OPENING = 600  # how much of a title-less text names its report type and department
_TEXT_HINTS = (("自评", "self_eval_department"), ("决算", "final_accounts"), ("预算", "budget"))
# Column names that hint a type when the title does not decide.
_COLUMN_HINTS = (("决算", "final_accounts"), ("绩效目标", "performance_targets"), ("预算", "budget"))

# Words that start the report-type tail of a title; the department ends where the first one begins.
_TAIL_START = re.compile(
    r"部门整体|部门\(单位\)|单位整体|机关整体|整体支出|项目支出|部门决算|单位决算|部门预算|单位预算|决算公开|预算公开"
    r"|预决算|绩效自评|绩效评价|绩效目标|自评报告|评价报告|专项资金|转移支付|决算|预算|[\"“]三公"
)
_YEAR = r"(?:19[89]\d|20\d\d)"
_TITLE_YEARS = (
    ("title_niandu", re.compile(rf"({_YEAR})\s*年度")),
    ("title_nian", re.compile(rf"({_YEAR})\s*年")),
    ("title_bare", re.compile(rf"(?<!\d)({_YEAR})(?!\d)(?=\s*(?:部门|单位|机关|项目|绩效|决算|预算|整体|自评))")),
)
_BODY_YEARS = (
    ("body_cover_line", re.compile(rf"[(（]\s*({_YEAR})\s*年度\s*[)）]"), 300),
    ("body_evaluation_year", re.compile(rf"评价年度\s*[:：]\s*({_YEAR})"), None),
    ("body_first_year", re.compile(rf"({_YEAR})年(?:度|末|部门|预算|决算)"), None),
)
_ATTACHMENT_PREFIX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]+(?:\s*-\s*\d+)?\s*[:：、.．]?\s*")
_EXTENSION = re.compile(r"\.(?:xlsx?|et|docx?|wps|pdf|zip|rar|html?)$", re.I)
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\d()])\s+|\s+(?=[\u4e00-\u9fff\d()])")
_ORG_SUFFIX = re.compile(
    r"(?:局|委员会|委|办公室|办|院|中心|政府|站|所|队|馆|会|联|协|部|厅|处|室|社|校|学|园|场|台|团|司|街道|镇|乡|科|股)"
    r"(?:\(本级\))?$"
)


@dataclass
class TitleFacts:
    department: str | None
    department_basis: str | None  # `title`, `text` (a page without a title), `source`, `publisher` or None
    fiscal_year: int | None
    fiscal_year_basis: str | None  # which rule of PHENOMENA §3 gave the year
    report_type: str


def normalise_title(title: str) -> str:
    """NFKC, whitespace collapsed (`2022 年度` -> `2022年度`), 【】, a file extension and `附件2-1` dropped."""
    text = " ".join(normalise(title or "").split())
    text = re.sub(r"^【[^】]{0,12}】", "", text).replace("【", "").replace("】", "")
    text = _EXTENSION.sub("", text.strip())
    text = _ATTACHMENT_PREFIX.sub("", text)
    return _CJK_SPACE.sub("", text).strip()


def report_type(title: str, column: str | None = None) -> str:
    """The SCHEMA `report_type` for a normalised title, with the column name as a hint when the title is silent."""
    if is_notice(title):
        return "other"
    for keyword, kind in _TYPE_ORDER:
        if keyword in title:
            return kind
    if "自评" in title and _PROJECT_FUNDS.search(title):
        return "self_eval_project"
    if _EXTERNAL.search(title) and "自评" not in title:
        return "external_evaluation"
    if _SANGONG.search(title):
        return _sangong_report_type(title)
    if _OTHER.search(title):
        return "other"
    for hint, kind in _COLUMN_HINTS:
        if column and hint in column:
            return kind
    if "自评" in title:  # 绩效评价自评报告及评分表（整体支出）
        return "self_eval_project" if "项目" in title else "self_eval_department"
    return "other"


def _sangong_report_type(title: str) -> str:
    """A department's 三公 statement: its 决算 (or 支出 / 增减 account) or its 预算; both or neither, or a region's
    aggregate (示例县2023年“三公”经费预算情况说明), is another kind of page."""
    if department_from_title(title) is None:
        return "other"
    final, budget = "决算" in title, "预算" in title
    if final != budget:
        return "final_accounts" if final else "budget"
    return "final_accounts" if not budget and re.search(r"支出|增减", title) else "other"


def report_type_from_text(text: str) -> str:
    """The report type of a page without a title, from its opening text: a type keyword (部门决算 …), else the
    first of 自评 / 决算 / 预算 it mentions."""
    opening = normalise_title(text[:_OPENING])
    kind = next((kind for keyword, kind in _TYPE_ORDER if keyword in opening), None)
    if kind:
        return kind
    found = [(opening.find(word), kind) for word, kind in _TEXT_HINTS if word in opening]
    return min(found)[1] if found else "other"


def is_notice(title: str) -> bool:
    """True for notices, policies and news (`…的通知`, `…公告`, `…管理办法`): disclosure pages, not reports."""
    return bool(_NOTICE_TAIL.search(title))


def fiscal_year(title: str, body_text: str = "", published: str | None = None) -> tuple[int | None, str | None]:
    """(year, rule) by PHENOMENA §3: title 年度 / 年 / bare year, then the body, then publish year − 1."""
    for rule, pattern in _TITLE_YEARS:
        match = pattern.search(title)
        if match:
            return int(match.group(1)), rule
    for rule, pattern, limit in _BODY_YEARS:
        match = pattern.search(body_text[:limit] if limit else body_text)
        if match:
            return int(match.group(1)), rule
    if published and published[:4].isdigit():
        return int(published[:4]) - 1, "published_minus_one"
    return None, None


def department_from_title(title: str) -> str | None:
    """The title minus a leading 关于, the year and the report-type tail; None when no organisation is left.

    In `A关于B…` (a finance bureau's report on another unit) the department is B when B names an organisation.
    """
    issuer, _, subject = title.partition("关于")
    return _organisation(subject) or _organisation(issuer)


def _organisation(text: str) -> str | None:
    """`text` without its year and report-type tail, if what is left ends like an organisation name."""
    year = re.search(rf"{_YEAR}\s*年度?|(?<!\d){_YEAR}(?!\d)", text)
    if year and year.start() == 0:
        text = text[year.end():]
    elif year:
        text = text[: year.start()]
    tail = _TAIL_START.search(text)
    if tail:
        text = text[: tail.start()]
    text = re.sub(r"(?:的|公开|年度)+$", "", text.strip(" -_:、,"))
    paren = re.search(r"\((?!本级\))", text)
    if paren:
        text = text[: paren.start()]
    return text if len(text) >= 2 and _ORG_SUFFIX.search(text) else None


# An organisation named in running text, for pages without a title: the shortest run of Han characters that ends
# like a government unit; it must start with a region name (`现将宜君县统计局…` → 宜君县统计局).
_TEXT_ORGANISATION = re.compile(
    r"[\u4e00-\u9fff]{2,28}?(?:局|委员会|办公室|中心|站|所|院|馆|大队|支队|队|处|委|办|政府|学校|协会|联合会)"
    r"(?:\(本级\))?"
)


def department_from_text(text: str) -> str | None:
    """The first unit the opening text names with its region (`…现将宜君县统计局2022年度…`), or None."""
    for match in _TEXT_ORGANISATION.finditer(normalise(text[:_OPENING])):
        name = match.group()
        for start in range(len(name) - 3):
            if name_region(name[start:]):
                return name[start:]
    return None


def title_facts(
    title: str,
    body_text: str = "",
    column: str | None = None,
    source: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
) -> TitleFacts:
    """Department, fiscal year and report type of a page; the department falls back to 来源, then 发布机构."""
    clean = normalise_title(title)
    department, basis = department_from_title(clean), "title"
    if not department and not clean:
        department, basis = department_from_text(body_text), "text"
    if not department:
        department, basis = next(((value, name) for value, name in ((source, "source"), (publisher, "publisher"))
                                  if value), (None, None))
    year, year_rule = fiscal_year(clean, body_text, published)
    kind = report_type(clean, column) if clean else report_type_from_text(body_text)
    return TitleFacts(department, basis, year, year_rule, kind)
