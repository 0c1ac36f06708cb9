"""Budget, 三公, staffing, project and score figures of one document body, with provenance.

`extract_figures(body, document)` returns the `figures`, `projects`, `evaluations` and `validation_issues`
records (docs/data-dictionary.md). Tables are read first (their rows become projects and name the projects the text
talks about), then the running text outside the tables, then scores; checks run over everything found and never
change a value.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from decimal import Decimal

from pipelines.body import Body
from pipelines.figures.checks import run_checks
from pipelines.figures.distractors import masked_positions
from pipelines.figures.evaluations import TextEvaluations
from pipelines.figures.metrics import METRICS
from pipelines.figures.numbers import parse_cell, scan_numbers
from pipelines.figures.records import DocumentFacts, Figure
from pipelines.figures.sentences import NormalText, matching_copy, split_paragraphs
from pipelines.figures.tables import TableResults, analyse_tables
from pipelines.figures.text_figures import TextPass, project_name
from pipelines.figures.units import default_money_unit
from pipelines.grid import Grid
from pipelines.text import parse_decimal
from pipelines.title import BRACKETED_PROJECT, is_whole_place, project_from_title, without_cited_titles

__all__ = ["METRICS", "extract_figures"]


def extract_figures(body: Body, document: dict) -> dict:
    normal = matching_copy(body.text)
    text = normal.text
    facts = DocumentFacts(
        department=document.get("department") or "",
        fiscal_year=document.get("fiscal_year"),
        report_type=document.get("report_type") or "other",
        four_word_scheme=all(word in text for word in ("优秀", "良好", "合格")),
        published_year=int(document["published"][:4]) if document.get("published") else None,
        whole_place=is_whole_place(document.get("department")),
    )
    if facts.report_type in ("self_eval_project", "self_eval_department_and_project", "external_evaluation"):
        title = document.get("title") or ""
        # a title-less page about one project, its own or one evaluated (`对2019-2021年道路保洁项目开展重点绩效评价`)
        one_project = facts.report_type in ("self_eval_project", "external_evaluation")
        in_text = _year_named_project(text) if not title and one_project else None
        facts.title_project = project_from_title(title) or _named_project(text) or in_text
        facts.known_projects.update(filter(None, [facts.title_project]))
    tokens = scan_numbers(text)
    mask = masked_positions(text)
    for token in tokens:
        token.masked = bool(mask[token.num_start])
    facts.money_default = default_money_unit([t.unit for t in tokens if not t.masked and t.unit], text)
    tables = analyse_tables(body, facts)

    excluded = [(normal.from_original(start), normal.from_original(end)) for start, end in _table_spans(body)]
    tokens = [t for t in tokens if not any(start <= t.num_start < end for start, end in excluded)]
    paragraphs = split_paragraphs(text, [(t.num_start, t.end) for t in tokens], excluded)
    label_text = without_cited_titles(text)
    text_pass = TextPass(normal, body.text, label_text, tokens, paragraphs, facts)
    figures = _grand_budget_totals(_with_only_kind_of_posts(text_pass.run() + tables.figures + tables.forms.figures))
    projects = tables.projects + tables.forms.projects

    evaluations = _evaluations(text_pass, label_text, facts, tables, normal, body.text)
    _name_projects_alike(figures, projects, evaluations, tables.forms.indicators + tables.forms.goals, facts.department)
    issues = run_checks(figures, evaluations, projects, tables.project_totals, facts.department, facts.report_type)
    return {
        "figures": [figure.record() for figure in _without_rounded_copies(_distinct(figures), facts.money_default)],
        "projects": projects,
        "evaluations": evaluations,
        "indicators": tables.forms.indicators,
        "goals": tables.forms.goals,
        "validation_issues": issues + tables.forms.issues,
    }


# A cover form's name line (`项目名称    森林防火专项`, `项目名称        优 抚`), for a report whose title names
# no project; also a form flattened into lines of label-value pairs (`一、基本情况 项目名称: X 是否为专项资金: …`), or
# run together (`项目名称:X项目项目单位:…`), also without colons (`项目名称-X项目单位Y主管部门Z`, a form flattened
# into one run on a document site)
_PROJECT_NAME_LINE = re.compile(
    r"(?:(?:^[ \t]*|[ \t])项目名称[ \t]*[:：]?|项目名称[:：\-－]"
    r"|项目名称(?=[^\n:：|]{2,48}?(?:项目(?:实施)?单位|主管部门)))"
    r"[ \t]*(?P<name>[^\s:：|][^\n:：|]{1,47}?)"
    r"(?:[ \t]*$|[ \t]+(?=[^\s:：|]{2,14}[:：])|(?=(?:项目(?:实施)?单位|主管部门|实施单位)[:：\s])"
    r"|(?=(?:项目(?:实施)?单位|主管部门)[\u4e00-\u9fff]))",
    re.M,
)
_NAME_LINE_REACH = 2000
# the transfer-payment self-evaluation template's first section (`(一)下达X转移支付预算和绩效目标情况`): its fund
_TRANSFER_TARGETS_HEADING = re.compile(
    r"^[ \t]*[(（][一二三四五六七八九十]{1,2}[)）][ \t]*(?:中央)?下达(?:(?:19|20)\d\d\s*年度?)?"
    r"(?P<name>(?!专项|资金|预算)[\u4e00-\u9fff“”]{2,30}?)(?:专项)?(?:转移支付)?(?:资金)?(?:预算)?和绩效目标情况",
    re.M,
)
# a line of its own in brackets under a title that names no project (`2020年度项目绩效自评报告` ⏎ `(某某会议经费项目)`)
_BRACKETED_PROJECT = re.compile(rf"^[ \t]*{BRACKETED_PROJECT}[ \t]*$", re.M)
_BRACKET_LINE_REACH = 300  # the title's next lines


_WHOLE_SPENDING = re.compile(r"部门整体|单位整体|整体支出")
# the one project a report says it has (`我校2022年项目为一个:课后服务项目`, `实施项目共1个，即X项目`)
_ONE_PROJECT = re.compile(
    r"项目(?:共|为|有)?\s*(?:1|一)\s*个\s*[:：,，]?\s*(?:即|为|是)?\s*(?P<name>[\u4e00-\u9fff“”\"]{2,30}?)项目"
)


def _named_project(text: str) -> str | None:
    """The project a `项目名称：` line, the text or a bracketed line under the title names, unless it is the
    department's whole spending (`项目名称:2022年1-9月部门整体支出绩效评价`, a commissioned evaluation's cover)."""
    line = (
        _PROJECT_NAME_LINE.search(text, 0, _NAME_LINE_REACH)
        or _ONE_PROJECT.search(text, 0, _NAME_LINE_REACH)
        or _BRACKETED_PROJECT.search(text, 0, _BRACKET_LINE_REACH)
        or _TRANSFER_TARGETS_HEADING.search(text, 0, _NAME_LINE_REACH)
    )
    name = re.sub(r"\s+", "", line.group("name")).removesuffix("项目") if line else None
    return None if name is None or _WHOLE_SPENDING.search(name) else name


# A title-less project report's project, named with its year (`2024年某镇某社区产业设施配套项目已验收结算`)
_YEAR_NAMED_PROJECT = re.compile(
    r"(?:19|20)\d\d\s*年度?(?P<name>[\u4e00-\u9fff]{4,30}?)(?:项目(?!支出|资金|绩效|自评|的)|(?=绩效自评(?:工作|报告)))"
)  # also the fund a self-evaluation names (`完成了2022年度粮食风险基金绩效自评工作`)


# `2024年度实施的衔接资金项目`, `2023年度中央专项资金转移支付涉及两类项目`: a phrase, no name
_PHRASE = re.compile(r"的|^(?:实施|开展|安排|完成|下达)|部门|整体|涉及|包括|共有|分别")


def _year_named_project(text: str) -> str | None:
    names = (m for m in _YEAR_NAMED_PROJECT.finditer(text, 0, _NAME_LINE_REACH) if not _PHRASE.search(m.group("name")))
    match = next(names, None)
    if match is None:
        return None
    # `2024年X项目`: the year is part of the project's name; `2022年度X绩效自评工作`: of the evaluation, and so
    # is the end of a period (`对2019-2021年X项目开展…评价`)
    allotted = _ALLOTTED_LEAD.match(match.group("name"))
    if allotted:  # `2023年中央下达X项目预算资金…`: the year and the verb are the allotment's, not the name's
        return match.group("name")[allotted.end() :]
    period = _PERIOD_BEFORE.search(text, 0, match.start())
    if match.group(0).endswith("项目") and not period:
        return match.group(0).removesuffix("项目")
    return match.group("name")


_ALLOTTED_LEAD = re.compile(r"(?:中央|省级?|市级?|县级?|自治区)(?:财政)?(?:下达|安排|拨付)")
_PERIOD_BEFORE = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–~至到]\s*$")


_PROSE = re.compile(r"[。；;]|[,，].*[,，]")
_VERDICT = re.compile(r"得分|评分|等级|等次")
_NOTE = re.compile(r"\s*(?:注|说明|备注)\s*[:：]")  # a table's note (`注: …2023年公务接待费决算数为7万元。`)
_PROSE_CHARS = 30


def _table_spans(body: Body) -> list[tuple[int, int]]:
    """The spans the text pass leaves to the table readers: every table, except the verdict its cells print in
    prose (a form's 评价结论 / 自评结论 sentence, which says the score and grade in words) and the notes it ends
    with (`注: …`), which the text pass reads as any sentence. Other prose cells (goals, descriptions) of a form
    stay with it: their amounts are a project's, not the department's. A report printed in a layout table (a
    heading and its prose per row) leaves all its prose to the text pass."""
    spans = []
    for table in body.tables:
        start = table.start
        layout = not _prints_numbers(table)
        prose = sorted(
            (cell.start, cell.end)
            for row in table.rows
            for cell in row
            if cell.start >= 0
            and len(cell.text) >= _PROSE_CHARS
            and _PROSE.search(cell.text)
            and (layout or _VERDICT.search(cell.text) or _NOTE.match(cell.text))
        )
        for prose_start, prose_end in prose:
            spans.append((start, prose_start))
            start = prose_end
        spans.append((start, table.end))
    return spans


def _prints_numbers(table: Grid) -> bool:
    """Some cell is a number alone: a table of data or a form, not a report printed in a table (a heading and its
    prose per row)."""
    return any(parse_cell(cell.text).numeric for row in table.rows for cell in row if cell.origin)


def _evaluations(
    text_pass: TextPass, label_text: str, facts: DocumentFacts, tables: TableResults, normal: NormalText, original: str
) -> list[dict]:
    """Scores from the text, then from project tables; a score table's 合计 row adds the maximum."""
    sentences = [s for paragraph in text_pass.paragraphs for s in paragraph.sentences]
    starts = [sentence.start for sentence in sentences]

    def sentence_at(position: int) -> str:
        sentence = sentences[bisect.bisect_right(starts, position) - 1]
        return original[normal.to_original(sentence.start) : normal.to_original_end(sentence.end)]

    finder = TextEvaluations(
        label_text, facts.department, facts.four_word_scheme, project_name, facts.report_type == "self_eval_project"
    )
    for paragraph, subject in zip(text_pass.paragraphs, text_pass.paragraph_subjects, strict=True):
        finder.paragraph(paragraph, subject, sentence_at)
    found = finder.found + tables.project_evaluations + tables.forms.evaluations
    for evaluation in found:  # a form that prints no project name, in a report about one project
        if evaluation["subject_type"] == "project" and not evaluation["subject"] and facts.title_project:
            evaluation["subject"] = facts.title_project
    merged = _merge(found)
    for total in tables.score_totals:
        match = next((e for e in merged if e["score"] == total.score), None)
        if match is not None and match.get("max_score") is None:
            match["max_score"] = total.max_score
    return merged


def _name_projects_alike(
    figures: list[Figure], projects: list[dict], evaluations: list[dict], form_rows: list[dict], department: str
) -> None:
    """A page names a project the same way in its figures, project rows, evaluations and its forms' indicator and
    goal rows: without the trailing 项目 a form's 项目名称 cell or a title may print (`…业务支出项目` → `…业务支出`),
    as the prose's names already are."""
    for figure in figures:
        if figure.subject != department:
            figure.subject = project_name(figure.subject)
    for row, key in [*((row, "name") for row in projects), *((row, "project") for row in form_rows)]:
        if row.get(key) and row[key] != department:  # a department form's rows carry the department
            row[key] = project_name(row[key])
    for evaluation in evaluations:
        if evaluation["subject_type"] == "project" and evaluation["subject"]:
            evaluation["subject"] = project_name(evaluation["subject"])


def _merge(evaluations: list[dict]) -> list[dict]:
    """One evaluation per subject: the first found, completed by later ones (a table's grade, a maximum)."""
    merged: dict[tuple[str, str], dict] = {}
    for evaluation in evaluations:
        key = (evaluation["subject_type"], evaluation["subject"])
        if key not in merged:
            merged[key] = dict(evaluation)
            continue
        for name, value in evaluation.items():
            if merged[key].get(name) is None:
                merged[key][name] = value
    return list(merged.values())


_POST_KINDS = ("staff.authorized_admin", "staff.authorized_institution")
# The word before each 编制 a sentence prints: two different ones (`行政编制4个，参公事业编制2个`) are two kinds of
# posts; the same one twice (`核定事业编制253人，…250人全部为事业编制`) is still one. A label (`编制数:事业编制16人`)
# names no kind.
_POST_KIND_WORD = re.compile(r"([\u4e00-\u9fff]{0,2})编制(?!数|情况)")


def _with_only_kind_of_posts(figures: list[Figure]) -> list[Figure]:
    """A unit that prints one kind of post only (`全额事业编制166个`, no total, no other kind) has that many posts
    in all: the number is also its `staff.authorized_total`, with the same provenance. Another kind printed beside
    it, even one that is no figure of ours (`行政编制4个，参公事业编制2个`), says there are more; the same kind named
    again (`核定事业编制253人，…全部为事业编制`) does not."""
    posts = [f for f in figures if f.metric.startswith("staff.authorized") and f.value is not None]
    kinds = {f.metric for f in posts}
    if len(kinds) != 1 or not kinds <= set(_POST_KINDS) or len({(f.subject, f.value) for f in posts}) != 1:
        return figures
    if len(set(_POST_KIND_WORD.findall(posts[0].source_text))) > 1:
        return figures
    return [*figures, dataclasses.replace(posts[0], metric="staff.authorized_total")]


def _grand_budget_totals(figures: list[Figure]) -> list[Figure]:
    """A 部门预算's total is its 收入总计 / 支出总计: where the page prints one, a 本年收入合计 (this year's income
    without the carry-over, read as the total when nothing else is) is no budget total, nor is a spending budget
    (`支出预算3380.61万元`) beside a revenue budget of another amount (`收入预算3814.61万元`)."""
    grand = {(f.subject, f.fiscal_year) for f in figures if f.metric == "budget.initial_total" and f.reading == "grand"}
    return [
        f
        for f in figures
        if not (
            f.metric == "budget.initial_total"
            and f.reading in ("current", "spending")
            and (f.subject, f.fiscal_year) in grand
        )
    ]


def _distinct(figures: list[Figure]) -> list[Figure]:
    """One figure per (metric, subject, year, value), the first printed; a NULL only when nothing else."""
    ordered = sorted(figures, key=lambda f: (f.span_start, f.origin != "text"))
    seen, out = set(), []
    valued = {(f.metric, f.subject, f.fiscal_year) for f in figures if f.value is not None}
    for figure in ordered:
        key = (figure.metric, figure.subject, figure.fiscal_year, figure.value)
        if key in seen or (figure.value is None and key[:3] in valued):
            continue
        seen.add(key)
        out.append(figure)
    return out


_COMPARED_COPIES = 64


def _without_rounded_copies(figures: list[Figure], money_unit: str) -> list[Figure]:
    """Without an amount that only rounds another of the same metric, subject and year (a headline's `仅8万元`
    beside the report's `8.27万元`, `4亿元` beside `4.02亿元`): the exact one is the figure. Nor without the same
    printed number under another unit than the page's (`公务接待费1.58元` beside `1.58万元`): a unit misprint."""
    groups: dict[tuple, list[Figure]] = {}
    for figure in figures:
        if figure.unit == "yuan" and figure.value:
            groups.setdefault((figure.metric, figure.subject, figure.fiscal_year), []).append(figure)
    rounded = {
        id(rough)
        for group in groups.values()
        if 1 < len(group) <= _COMPARED_COPIES  # a page never prints one item's amount more often
        for rough in group
        if any(_rounds(rough, exact) or _misprinted_unit(rough, exact, money_unit) for exact in group)
    }
    return [figure for figure in figures if id(figure) not in rounded]


def _rounds(rough: Figure, exact: Figure) -> bool:
    """`rough` prints fewer decimals than `exact` and is `exact` rounded to them."""
    if exact.decimals <= rough.decimals or rough.value == exact.value:
        return False
    try:
        printed = parse_decimal(rough.value_text)
    except ValueError:  # a zero word (`为零`) or a glyph: nothing to round
        return False
    scale = Decimal(str(rough.value)) / printed if printed else Decimal(0)
    half_step = Decimal(5) * Decimal(10) ** (-rough.decimals - 1) * scale
    return abs(Decimal(str(rough.value)) - Decimal(str(exact.value))) <= half_step


def _misprinted_unit(figure: Figure, other: Figure, money_unit: str) -> bool:
    """`figure` prints the number `other` prints, under a unit that is not the page's and `other`'s is."""
    return (
        figure.value_text == other.value_text
        and figure.unit_text != other.unit_text
        and other.unit_text == money_unit
        and figure.value != other.value
    )
