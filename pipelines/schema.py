"""The dataset's tables: one typed record per table, the one place their columns are defined.

Each record is a dataclass whose fields are the table's columns, in the order a new database creates them (Datasette
shows them in that order), each with its SQL type and a one-line description (bilingual: the Chinese term, then
what it means). From here come
* the store's tables (`pipelines.store` creates and extends them with sqlite-utils),
* Datasette's column descriptions (the `columns:` sections of pipelines/datasette_site/metadata.yaml), and
* docs/data-dictionary.md;
`make docs` (`python -m pipelines.docgen`) rewrites both files, and tests/test_schema.py fails when they, a freshly
built database and these records disagree.

A parser may build fields no column holds: each one is listed in `DROPPED` with the reason, and the store refuses
any other unknown field instead of losing it silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

R = TypeVar("R")

# Python types as sqlite-utils takes them, by the SQL type it gives the column.
SQL_TYPES: dict[str, type] = {"INTEGER": int, "TEXT": str, "REAL": float}


def integer(description: str) -> Any:
    return field(default=None, metadata={"sql": "INTEGER", "description": description})


def text(description: str) -> Any:
    return field(default=None, metadata={"sql": "TEXT", "description": description})


def real(description: str) -> Any:
    return field(default=None, metadata={"sql": "REAL", "description": description})


@dataclass(frozen=True)
class Table:
    name: str
    record: type
    pk: str | tuple[str, ...]

    @property
    def description(self) -> str:
        return self.record.__doc__ or ""

    @property
    def columns(self) -> dict[str, type]:
        """Column name → Python type, as sqlite-utils' `create` and `add_column` take them."""
        return {f.name: SQL_TYPES[f.metadata["sql"]] for f in fields(self.record)}

    def descriptions(self) -> dict[str, str]:
        return {f.name: f.metadata["description"] for f in fields(self.record)}

    def sql_types(self) -> dict[str, str]:
        return {f.name: f.metadata["sql"] for f in fields(self.record)}


TABLES: dict[str, Table] = {}  # in creation order: a table comes after the tables its foreign keys name


def table(name: str, pk: str | tuple[str, ...] = "id") -> Callable[[type[R]], type[R]]:
    """Register the record (a slotted, keyword-only dataclass) as table `name`."""

    def register(record: type[R]) -> type[R]:
        TABLES[name] = Table(name, record, pk)
        return record

    return register


@table("portals")
@dataclass(slots=True, kw_only=True)
class Portal:
    """门户网站 — the configured 政府信息公开 portals the crawler visits"""

    id: str | None = text("门户标识 — the portal's slug, e.g. kaiyuan")
    name: str | None = text("名称 — the portal's name, e.g. 开远市人民政府信息公开")
    region_code: str | None = text("行政区划代码 — 6-digit GB/T 2260 code of the portal's region")
    cms: str | None = text("网站系统 — the portal's CMS family (vsb, trs, hanweb, generic…)")
    base_url: str | None = text("网址 — the portal's base URL")
    start_columns: str | None = text(
        "起始栏目 — JSON list of column (栏目) paths given as hints; discovery finds the others"
    )
    verified: int | None = integer("已核实 — 1 when the portal's configuration was checked against the live site")
    note: str | None = text("备注 — free-text note about the portal")
    hosts: str | None = text("关联站点 — JSON list of sibling hosts of the same government whose links are followed")
    evidence: str | None = text("依据 — what confirmed the host, CMS family and columns, and when")
    verified_on: str | None = text("核实日期 — when `govreports verify` confirmed it")


@table("regions", pk="code")
@dataclass(slots=True, kw_only=True)
class Region:
    """行政区划 — administrative areas (province, prefecture, county) with GB/T 2260 codes"""

    code: str | None = text("行政区划代码 — 6-digit GB/T 2260 code, e.g. 532502 for 开远市")
    name: str | None = text("名称 — full name, e.g. 开远市")
    short_name: str | None = text("简称 — short name, e.g. 开远")
    level: str | None = text("级别 — province / prefecture / county")
    parent_code: str | None = text("上级代码 — code of the enclosing area")


@table("metrics", pk="key")
@dataclass(slots=True, kw_only=True)
class Metric:
    """指标 — the metric keys used in figures, with their Chinese labels and units"""

    key: str | None = text("指标键 — the metric key, e.g. sangong.reception")
    label_zh: str | None = text("中文名称 — the Chinese label, e.g. 公务接待费")
    unit: str | None = text("单位 — yuan, percent, count or persons")
    description: str | None = text("说明 — what the metric covers and which printed phrases map to it")


@table("documents")
@dataclass(slots=True, kw_only=True)
class Document:
    """公开文件 — one row per disclosure page (政府信息公开 item) found by the crawler"""

    id: int | None = integer("标识 — stable integer id derived from the page URL (also the rowid of documents_fts)")
    title: str | None = text("标题 — the page title")
    department: str | None = text(
        "部门 — the reporting department: from the title, else the body, 来源 or 发布机构; its full name where the"
        " page prints one, without a (本级) qualifier"
    )
    fiscal_year: int | None = integer("年度 — the fiscal year the report covers")
    report_type: str | None = text(
        "报告类型 — self_eval_department_and_project, self_eval_department, "
        "self_eval_project, final_accounts, budget, performance_targets, "
        "external_evaluation or other"
    )
    published: str | None = text("发布日期 — publication date (ISO 8601)")
    region_code: str | None = text("行政区划代码 — 6-digit code of the region the report belongs to")
    portal_id: str | None = text("门户 — the portal the page was found on (portals.id)")
    index_no: str | None = text("索引号 — the portal's index number of the disclosure item")
    publisher: str | None = text(
        "发布机构 — the publishing body as printed (often the finance bureau, not the department)"
    )
    doc_no: str | None = text("文号 — document number, NULL when printed as 无 or empty")
    written: str | None = text("成文日期 — date the document was written, when printed")
    published_time: str | None = text("发布时间 — publication time, when the page prints one")
    validity: str | None = text("时效性 — validity as printed (有效…)")
    category: str | None = text(
        "类别 — report (a budget, accounts or evaluation report) or notice (通知, 公告, 办法…), from the title"
    )
    column_name: str | None = text("栏目 — the portal column (栏目) the page was listed in")
    supervision_no: str | None = text(
        "监督索引号 — Yunnan 决算 supervision index number (first six digits = region code)"
    )
    url: str | None = text("网址 — the page's URL")
    status: str | None = text(
        "状态 — live (served at the last visit) or removed (gone, or no longer listed); a "
        "changed page is a new row in document_versions"
    )
    body_text: str | None = text("正文 — the page's body as plain text; figure spans are offsets into it")
    first_seen: str | None = text("首次发现 — when the crawler first saw the page")
    last_seen: str | None = text("最近发现 — when the crawler last saw the page")
    status_changed: str | None = text("状态变更 — when the status last changed")
    encoding: str | None = text("编码 — the charset the page was really in (utf-8, gbk, gb2312, gb18030)")
    content_sha256: str | None = text("内容哈希 — SHA-256 of the normalised content, used to detect changes")
    raw_sha256: str | None = text("原始哈希 — SHA-256 of the bytes as fetched")
    http_etag: str | None = text("ETag — the server's ETag, sent back as If-None-Match on the next crawl")
    http_last_modified: str | None = text("Last-Modified — the server's Last-Modified, sent back as If-Modified-Since")


@table("document_versions")
@dataclass(slots=True, kw_only=True)
class DocumentVersion:
    """文件版本 — one row each time a page was first seen or its content changed"""

    id: int | None = integer("标识 — row id")
    document_id: int | None = integer("文件 — documents.id")
    version: int | None = integer("版本号 — 1 for the first version, then counting up")
    content_sha256: str | None = text("内容哈希 — SHA-256 of the normalised content of this version")
    raw_sha256: str | None = text("原始哈希 — SHA-256 of the bytes as fetched")
    fetched: str | None = text("抓取时间 — when this version was fetched")
    changed_fields: str | None = text(
        "变更字段 — JSON list of the document columns that changed from the previous version"
    )


@table("attachments")
@dataclass(slots=True, kw_only=True)
class Attachment:
    """附件 — files linked from a disclosure page (xlsx, xls, docx, pdf…)"""

    id: int | None = integer("标识 — stable integer id derived from the file URL")
    document_id: int | None = integer("文件 — the page that links the file (documents.id)")
    url: str | None = text("网址 — the file's URL")
    name: str | None = text("名称 — the link text, e.g. 附件4:…自评表.xlsx")
    ext: str | None = text("扩展名 — file extension")
    bytes: int | None = integer("大小 — size in bytes")
    sha256: str | None = text("哈希 — SHA-256 of the file")
    form_kind: str | None = text("表格类型 — which kind of form the parser recognised (e.g. a self-evaluation form)")
    parse_status: str | None = text("解析状态 — outcome of parsing the file")
    error: str | None = text("错误 — the parser's error message, if any")
    fetched: str | None = text("下载时间 — when the file was downloaded")
    notes: str | None = text(
        "解析说明 — JSON list of what the parser left out (hidden sheets, rows or pages past the "
        "limits, formulas without a cached value)"
    )


@table("facts")
@dataclass(slots=True, kw_only=True)
class Fact:
    """事实 — one row per number: per subject, fiscal year, metric and stage, whichever documents print it"""

    id: int | None = integer("标识 — stable 52-bit id of the key (subject, fiscal_year, metric, stage)")
    subject: str | None = text("主体 — the department, or the project for project-level money")
    fiscal_year: int | None = integer("年度 — the figure's own year, else its document's")
    metric: str | None = text("指标 — metric key (metrics.key)")
    stage: str | None = text(
        "阶段 — actual (决算, self-evaluations) or budget (a budget.* metric, or printed in a 预算 / 绩效目标 document)"
    )
    value: float | None = real(
        "数值 — the chosen figure's value (yuan / percent / count / persons); NULL when every printing is blank"
    )
    unit: str | None = text("单位 — yuan, percent, count or persons")
    value_text: str | None = text("原文数值 — the chosen figure's number as printed")
    subject_type: str | None = text("主体类型 — department (the subject is the document's department) or project")
    department: str | None = text("部门 — the department of the chosen figure's document")
    region_code: str | None = text("行政区划代码 — the region of the chosen figure's document")
    figure_id: int | None = integer("数值 — the chosen figure (figures.id): its source sentence and document")
    document_id: int | None = integer("文件 — the document of the chosen figure")
    attachment_id: int | None = integer(
        "附件 — the attachment of the chosen figure, NULL when it is the page's own text"
    )
    report_type: str | None = text("报告类型 — the report type of the chosen figure's document")
    published: str | None = text("发布日期 — publication date of that document")
    documents: int | None = integer("文件数 — how many documents print this fact")
    figures: int | None = integer(
        "数值个数 — how many figures print it (a document may print it twice, e.g. a sentence and a table)"
    )
    values_differ: int | None = integer("数值不一致 — 1 when the printed values differ (compared to the fen)")
    min_value: float | None = real("最小值 — the smallest printed value")
    max_value: float | None = real("最大值 — the largest printed value")
    chosen_by: str | None = text(
        "选取依据 — why this figure was chosen (only printing, all agree, or values differ) "
        "and from which kind of document"
    )


@table("figures")
@dataclass(slots=True, kw_only=True)
class Figure:
    """数值 — every number extracted from a page or attachment, with its provenance"""

    id: int | None = integer("标识 — row id")
    document_id: int | None = integer("文件 — the page the figure belongs to (documents.id)")
    attachment_id: int | None = integer("附件 — the attachment it was read from, NULL when from the page itself")
    metric: str | None = text("指标 — metric key (metrics.key), e.g. sangong.reception")
    subject: str | None = text("主体 — the department, or the project name for project-level money")
    fiscal_year: int | None = integer(
        "年度 — the year the figure itself names (a 2022 report may print the 2023 "
        "budget); NULL when it names none, then its document's fiscal_year applies "
        "(facts.fiscal_year is the resolved year)"
    )
    value: float | None = real("数值 — the value in yuan / percent / count / persons; NULL when printed blank, — or /")
    unit: str | None = text("单位 — yuan, percent, count or persons")
    value_text: str | None = text("原文数值 — the number as printed")
    unit_text: str | None = text("原文单位 — the unit as printed (万元, 元, %, 人次…)")
    unit_basis: str | None = text(
        "单位来源 — where the unit came from (inline, sentence, table_header, sheet, inferred)"
    )
    source_text: str | None = text("来源文本 — the exact sentence or table row the figure was read from")
    span_start: int | None = integer("起始位置 — character offset of source_text in documents.body_text")
    span_end: int | None = integer("结束位置 — end offset (exclusive) of source_text in documents.body_text")
    locator: str | None = text("位置 — sheet/cell locator for figures read from attachments")
    fact_id: int | None = integer("事实 — the fact (facts.id) this figure prints; several figures print one fact")


@table("projects")
@dataclass(slots=True, kw_only=True)
class Project:
    """项目 — budget project rows from report tables and self-evaluation forms"""

    id: int | None = integer("标识 — row id")
    document_id: int | None = integer("文件 — documents.id")
    attachment_id: int | None = integer("附件 — the attachment the row was read from, if any")
    name: str | None = text(
        "项目名称 — project name, without a trailing 项目 when read from a page (an attachment's form keeps it)"
    )
    carryover_start: float | None = real("年初结转 — carry-over at the start of the year (yuan)")
    received: float | None = real("到位资金 — funds received (yuan)")
    spent: float | None = real("已使用资金 — funds spent (yuan)")
    carryover_end: float | None = real("年末结转 — carry-over at the end of the year (yuan)")
    usage_rate_pct: float | None = real("使用率 — usage rate in percent")
    initial_budget: float | None = real("年初预算数 — initial budget (yuan)")
    full_year_budget: float | None = real("全年预算数 — full-year budget (yuan)")
    executed: float | None = real("全年执行数 — amount executed (yuan)")
    execution_rate_pct: float | None = real("执行率 — execution rate in percent")
    score: float | None = real("得分 — the project's self-evaluation score")
    rating: str | None = text("评价等级 — 优/良/中/差, NULL when no grade is printed")
    department: str | None = text("主管部门 — the department a self-evaluation form prints for the project")
    implementing_unit: str | None = text("实施单位 — the unit a self-evaluation form names as carrying the project out")
    locator: str | None = text("位置 — sheet/cell locator")


@table("evaluations")
@dataclass(slots=True, kw_only=True)
class Evaluation:
    """绩效评价结果 — self-evaluation scores and grades of departments and projects"""

    id: int | None = integer("标识 — row id")
    document_id: int | None = integer("文件 — documents.id")
    attachment_id: int | None = integer("附件 — the attachment it was read from, if any")
    subject_type: str | None = text("评价对象类型 — department or project")
    subject: str | None = text("评价对象 — the department or project evaluated")
    score: float | None = real("得分 — the score")
    max_score: float | None = real("满分 — the maximum score, when printed")
    rating_text: str | None = text("等级原文 — the grade as printed (优秀, 良好…)")
    rating: str | None = text("评价等级 — normalised grade 优/良/中/差, NULL when none is printed")
    source_text: str | None = text("来源文本 — the sentence or row the result was read from")
    locator: str | None = text("位置 — sheet/cell locator")


@table("indicators")
@dataclass(slots=True, kw_only=True)
class Indicator:
    """绩效指标 — 三级指标 rows of performance self-evaluation forms"""

    id: int | None = integer("标识 — row id")
    document_id: int | None = integer("文件 — documents.id")
    attachment_id: int | None = integer("附件 — the attachment (form) the row was read from")
    project: str | None = text("项目 — the project the form belongs to, NULL for a department form")
    level1: str | None = text("一级指标 — level-1 indicator (产出指标, 效益指标…)")
    level2: str | None = text("二级指标 — level-2 indicator (数量指标, 质量指标…)")
    level3: str | None = text("三级指标 — level-3 indicator as printed")
    target_text: str | None = text("年度指标值 — the target as printed")
    target_operator: str | None = text("目标比较符 — ≥, ≤, = … parsed from the target")
    target_value: float | None = real("目标值 — numeric target")
    target_unit: str | None = text("目标单位 — unit of the target")
    actual_text: str | None = text("实际完成值 — the achieved value as printed")
    actual_value: float | None = real("实际值 — numeric achieved value")
    weight: float | None = real("分值 — the indicator's weight")
    score: float | None = real("得分 — the indicator's score")
    deviation_note: str | None = text("偏差原因 — explanation of deviations and improvement measures")
    row: int | None = integer("行号 — row number in the form")
    locator: str | None = text("位置 — sheet/cell locator")


@table("goals")
@dataclass(slots=True, kw_only=True)
class Goal:
    """绩效目标 — the 年度总体目标 block of self-evaluation forms (the goal as set, as adjusted, and what was
    achieved)"""

    id: int | None = integer("标识 — row id")
    document_id: int | None = integer("文件 — documents.id")
    attachment_id: int | None = integer("附件 — the attachment (form) the goal was read from")
    project: str | None = text("项目 — the project the form belongs to, NULL for a department form")
    expected_text: str | None = text("预期目标 — the goal set at the start of the year, as printed")
    adjusted_text: str | None = text("调整后目标 — the adjusted goal, when the form prints one")
    actual_text: str | None = text("实际完成情况 — what was achieved, as printed")
    locator: str | None = text("位置 — sheet/cell locator")


@table("validation_issues")
@dataclass(slots=True, kw_only=True)
class ValidationIssue:
    """校验问题 — consistency checks a page failed; both values are kept, nothing is fixed"""

    id: int | None = integer("标识 — row id")
    document_id: int | None = integer("文件 — documents.id")
    attachment_id: int | None = integer("附件 — the attachment concerned, if any")
    rule: str | None = text("规则 — the check that failed (e.g. parts do not add up to the total)")
    detail: str | None = text("说明 — what was compared")
    expected: str | None = text("期望值 — the value the check expected")
    observed: str | None = text("实际值 — the value printed")
    locator: str | None = text("位置 — sheet/cell locator of the form or cell concerned, for attachments")
    fact_id: int | None = integer("事实 — for facts.documents_disagree, the fact whose printings disagree")


@table("crawl_runs")
@dataclass(slots=True, kw_only=True)
class CrawlRun:
    """抓取记录 — one row per crawl of a portal"""

    id: int | None = integer("标识 — run id")
    portal_id: str | None = text("门户 — portals.id")
    started: str | None = text("开始时间 — start time")
    finished: str | None = text("结束时间 — end time")
    duration_seconds: float | None = real("耗时 — duration of the run in seconds")
    mode: str | None = text("模式 — incremental, full, recheck or discover")
    requests: int | None = integer("请求数 — HTTP requests made")
    new_documents: int | None = integer("新增 — pages seen for the first time")
    changed_documents: int | None = integer("变更 — pages whose content changed")
    unchanged_documents: int | None = integer("未变 — pages seen again unchanged")
    removed_documents: int | None = integer("删除 — pages no longer listed")
    errors: int | None = integer("错误数 — fetch or parse errors")
    challenges: int | None = integer("反爬挑战 — HTTP 412/521 JavaScript challenge pages met")
    status: str | None = text(
        "状态 — running, finished, finished_empty (finished, but the portal has no live report:"
        " its columns are wrong or gone), or why it stopped (shutdown, redis_unreachable …)"
    )


@table("crawl_errors")
@dataclass(slots=True, kw_only=True)
class CrawlError:
    """抓取错误 — failed fetches and parses"""

    id: int | None = integer("标识 — row id")
    run_id: int | None = integer("抓取记录 — crawl_runs.id")
    portal_id: str | None = text("门户 — portals.id")
    url: str | None = text("网址 — the URL concerned")
    kind: str | None = text("类型 — kind of failure (http, timeout, challenge, parse…)")
    http_status: int | None = integer("HTTP 状态码 — the HTTP status, when there was a response")
    message: str | None = text("信息 — the error message")
    time: str | None = text("时间 — when it happened")


@table("portal_columns", pk=("portal_id", "url"))
@dataclass(slots=True, kw_only=True)
class PortalColumn:
    """门户栏目 — the list pages (栏目) column discovery found on each portal and what they listed; later crawls start
    from the active ones, and a column that stops listing articles becomes empty or failed (with a column_empty row in
    crawl_errors) and makes the next crawl rediscover the portal's columns
    """

    portal_id: str | None = text("门户 — portals.id")
    url: str | None = text("网址 — the column's first list page")
    label_path: str | None = text(
        "栏目路径 — the link texts that led to it from a home page (政府信息公开 > … > 部门决算 > 2024年)"
    )
    cms: str | None = text("网站系统 — the spider family that read it")
    source: str | None = text(
        "来源 — discovery (found by following the site's links), registry (a start-column hint) or search"
    )
    articles_seen: int | None = integer("文章数 — article links its list pages showed in the latest crawl that read it")
    latest_article: str | None = text("最新日期 — the newest list date it showed")
    status: str | None = text(
        "状态 — active (lists articles), empty (lists none now) or failed (answered with an error)"
    )
    first_seen: str | None = text("首次发现 — when a crawl first read it")
    last_seen: str | None = text("最近读取 — when a crawl last read it")
    last_yield: str | None = text("最近有文 — when it last listed articles")
    discovered: str | None = text("最近发现 — when discovery last found it through the site's links")


@table("column_articles", pk=("column_url", "document_id"))
@dataclass(slots=True, kw_only=True)
class ColumnArticle:
    """栏目文章 — which column listed which document (one row per column and document)"""

    portal_id: str | None = text("门户 — portals.id")
    column_url: str | None = text("栏目 — portal_columns.url")
    document_id: int | None = integer("文件 — documents.id (may name a page that was not stored, e.g. a notice)")


# Set by the store (ids, and the document, attachment and fact a row belongs to), never by a parser.
ASSIGNED = frozenset({"id", "document_id", "attachment_id", "fact_id"})

# What parsers build that no column holds, and why: keys of `parse_attachment`'s answer (`funds_detail`, `forms`),
# and fields of a table's records (`documents.published_basis`). The store refuses any other field it has no column
# for.
DROPPED: dict[str, str] = {
    "funds_detail": "a form's 项目资金 block row by row (财政拨款, 其他资金 …) with its weight and score: the block's "
    "totals are stored as the project's initial_budget / full_year_budget / executed / "
    "execution_rate_pct and as figures; the part rows have no metric yet",
    "forms": "the forms found in a file (kind, title, locator, project, department, year), which `extract` shows: "
    "their records are stored, and the file's kind is attachments.form_kind",
    "document": "the department a department form prints: an attachment's rows belong to the page that links it, "
    "whose department is documents.department",
    "documents.department_basis": "which rule found the department (title, body, publisher …): shown by `extract` "
    "to explain a result, not data about the report",
    "documents.fiscal_year_basis": "which rule found the fiscal year: shown by `extract`, not data about the report",
    "documents.published_basis": "where the publication date was read: shown by `extract`, not data about the report",
}


def dropped_fields(table: str) -> frozenset[str]:
    """The fields of `table`'s records that `DROPPED` lists."""
    return frozenset(name.partition(".")[2] for name in DROPPED if name.startswith(f"{table}."))


def yuan_columns(name: str) -> frozenset[str]:
    """The columns of table `name` that hold yuan (their description says so)."""
    return frozenset(column for column, description in TABLES[name].descriptions().items() if "(yuan)" in description)


def parser_fields(name: str) -> tuple[str, ...]:
    """The columns of table `name` a parser fills (all but the ones the store assigns)."""
    return tuple(column for column in TABLES[name].columns if column not in ASSIGNED)
