"""Self-evaluation scores and ratings printed in the text (department and projects).

`部门整体支出绩效自评得分91.5分，等级为“优”`, `综合评分88.5分`, `自评得分\\n92 分`, per project
`XX项目自评得分85分，评价等级为良`, and lists `4个项目的自评结果分别为：A96分，等级“优”；B92分…` or
`项目自评得分：A95分（优），B97分（优）`. The printed grade word is kept in `rating_text`; `rating` is its
normalised form (优秀→优, 良好→良; 合格→中 and 不合格→差 only under the 优秀/良好/合格/不合格 scheme) and stays
None when no grade is printed: it is never derived from the score. Threshold statements (`≥90分评为优`,
`80（含）至90分为良`), 得分率 and re-scores by another evaluator (财政局复核) are not scores.
"""

from __future__ import annotations

import re

from pipelines.figures.sentences import Paragraph

_RATING_WORD = r"优秀|良好|不合格|合格|中等|较好|一般|优(?!良)|良|中|差"  # (`总体绩效优良`: no grade)
_NORMALISED = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "差": "差"}
_FOUR_WORD = {"合格": "中", "不合格": "差"}
# After a score: not a threshold (`90分以上`, `80（含）至90分`, `≥90分评为优`), not a percent, and not the first of
# a row's numbers (`分值 执行率 得分 0 207.45 10 100%`: a flattened form's header and cells).
_GLUED_WORD_AFTER = r"(?!(?!分)[\u4e00-\u9fff])"  # nor a heading's number (`5.1绩效评价得分` ⏎ `5.2存在…`)
_NOT_A_RANGE_AFTER = (
    r"(?!\s*分?\s*(?:以上|以下|及以上|及以下|\(含\)|至|～|~|-|—|到|%|为优|为良|为中|为差|评为|定为|的为))"
)
_NOT_A_SCORE_AFTER = r"(?![\d.])(?!\s+\d)" + _GLUED_WORD_AFTER + _NOT_A_RANGE_AFTER
# A label that prints its unit (`自评总分(分)97.93年初预算数…`, a form flattened into one run of text) is the score's
# header: the next cell's words may follow the number directly.
# (also `绩效评分结果为83.4分`, and `自评得97.5分` for a whole report's score, not an indicator's `自评得2分`; not a
# scoring rule's `没有不得分`, nor the number of the list item after it:
# `…不得分 1、运行监管记录 3 分`)
_SCORE = re.compile(
    r"(?<!不)(?P<label>(?:(?:综合|最终|评定结果|评价结果)?(?:自评|评价|绩效评价|考核|绩效)?(?:得分|评分|总分)(?:结果)?"
    r"|自评分(?:数)?|自评得(?=\s*(?:[5-9]\d|1[01]\d)(?:\.\d+)?\s*分))"
    r"(?P<unit>\(分\))?)(?!率)\s*"
    r"(?:为|是|:)?\s*"
    rf"(?P<num>\d+(?:\.\d+)?)(?![\d.])(?!\s+\d)(?!\s*、)(?(unit)|{_GLUED_WORD_AFTER}){_NOT_A_RANGE_AFTER}\s*分?"
)
_LIST_INTRO = re.compile(r"(?:自评结果|自评得分|评价结果|得分情况|评分结果|自评情况)(?:分别)?(?:为|是|如下)?\s*:")
_ITEM = re.compile(
    r"(?P<name>[^,;:。、\d()“”\"]{2,40}?)\s*(?:绩效)?(?:自评)?(?:得分|评分)?(?:为)?\s*(?P<num>\d+(?:\.\d+)?)"
    + _NOT_A_SCORE_AFTER
    + r"\s*分"
)
_RATING = re.compile(
    # (also the verdict on the whole after a score: `…评分结果为83.4分，资金项目总体绩效良好`)
    r"(?:等级|评价等级|评定等级|评价结果|结果|结论|评级|等次|评定|评为|定为|总体绩效)\s*(?:为|是)?\s*:?\s*[“\"'‘「『【\[(]?\s*"
    r"(?P<word>" + _RATING_WORD + r"|[ABCD](?![A-Za-z0-9]))"  # also a letter grade (`等级为B`), kept as printed
)
_PRINTED_GRADE = r"优\s*秀|良\s*好|不合\s*格|合\s*格|优|良|中|差"  # also letter-spaced (`优 秀`)
# A grade and its score after it (`综合评价等级为“优”（92.5分）`), also under its label on a line of its own (a
# form's `评价结果` ⏎ `优 秀93分)`, the grade letter-spaced, the bracket lost)
_GRADE_LABEL_WORDS = r"(?:(?:综合|最终)?(?:绩效)?(?:评价|评定|自评)?(?:结果|等级|结论)|评为|定为)"
_GRADE_AND_SCORE = (
    rf"(?P<word>中\s*等|{_PRINTED_GRADE})[”\"'’」』】\]]?\s*[(（]?\s*"
    r"(?P<num>\d+(?:\.\d+)?)" + _NOT_A_SCORE_AFTER + r"\s*分(?!\s*(?:以上|以下|及以上|及以下|至|到|～|~|-|—))"
)
# (also a table row's cells: `评价结果 | 优秀93分`)
_SCORE_AFTER_GRADE = re.compile(_GRADE_LABEL_WORDS + r"\s*(?:为|是|:|\|)?\s*[“\"'‘「『【\[]?\s*" + _GRADE_AND_SCORE)
_GRADE_LABEL_LINE = re.compile(r"\s*" + _GRADE_LABEL_WORDS + r"\s*:?\s*")
_GRADE_AND_SCORE_LINE = re.compile(r"\s*" + _GRADE_AND_SCORE)
# A grade printed without a score (`整体绩效自评为优秀`): an evaluation whose score is NULL.
_GRADE_ONLY = re.compile(
    r"(?:自评|评价)(?:结果|等级|结论)?\s*(?:为|是|评定为|:)\s*[“\"'‘「『【\[]?\s*"
    rf"(?P<word>{_PRINTED_GRADE})(?![”\"'’」』】\]]?[\u4e00-\u9fff]?(?:的|等|以|次|分|个))"
)
_GRADE_LABEL = re.compile(r"(?:部门整体|单位整体|整体|项目)?(?:支出)?(?:绩效)?$")  # what names the grade's subject
_DEPARTMENT_LABEL = re.compile(r"整体")
_PAREN_RATING = re.compile(r"^\s*[(【\[]\s*(?P<word>" + _RATING_WORD + r")\s*[)】\]]")
_MAX_SCORE = re.compile(r"满分(?:为)?\s*(\d+(?:\.\d+)?)\s*分")
_DEPARTMENT_WORDS = re.compile(
    r"部门整体|单位整体|整体支出|整体绩效|我局|我单位|本单位|本部门|本局|我委|我办|我中心|全局|部门|单位"
)
# a project report's own heading before its score (`某馆2020年度项目绩效自评报告 自评得分100分`): the project's score,
# though the heading names the unit
_PROJECT_REPORT_HEADING = re.compile(r"项目(?:支出)?绩效(?:自评|评价)报告")
_OTHER_EVALUATOR = re.compile(r"(?:财政局|财政部门|第三方|中介机构)(?:组织)?(?:的)?(?:复核|抽查|重点评价|评价|再评价)")
# `该项目…`, a fund report's `该项资金…`, also a bare `项目绩效自评得分为95分`
_THIS_PROJECT = re.compile(r"(?:该|本|此)(?:项目|项?(?:专项)?资金)|项目(?:绩效)?(?:自评)?$")
# The project a paragraph names before a bare `项目…得分` (`公共文化服务体系项目绩效自评综述：…项目绩效自评得分…`)
_NAMED_PROJECT = re.compile(r"(?:^|[。;:,，：；\n])\s*(?P<name>[\u4e00-\u9fff“”]{2,20}?)项目(?=绩效|支出|资金|自评)")
# A heading that announces the score printed alone under it (`(一)自评得分` ⏎ `100分。`, Yunnan's project reports)
_SCORE_HEADING = re.compile(
    r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}\s*[、.．])?\s*"
    r"(?P<whose>[^\d,，。;；:：]{0,20}?)(?:(?:自评|绩效|评价)(?:得分|评分|总分)|自评分)\s*[:：]?\s*"
)
_BARE_SCORE = re.compile(r"\s*(?P<num>\d+(?:\.\d+)?)\s*分(?![\u4e00-\u9fff]{0,2}(?:值|以上|以下))")
_AGGREGATE = re.compile(r"(?:平均|均分|最高|最低)$")
_INDICATOR_CATEGORY = re.compile(r"(?:投入|过程|产出|效果|效益|决策|管理|满意度)(?:指标)?$")
# A clause that says how the work went (`项目能严格按照项目实施方案开展绩效评分100分`) names no project
# not a name: a phrase of the procedure, or the evaluator (`第三方机构最终绩效评价总得分为91.8分`)
_NOT_A_NAME = re.compile(
    r"严格|按照|根据|依据|经过|通过|第三方|中介机构|评价总$|最终"
    r"|^[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]?$"  # a heading's number (`(一)自评得分99分`)
    r"|[(（]$"  # a part's score in brackets (`A产出指标(自评分19分)`)
)
_CLAUSE_START = re.compile(r"[。;,:]|(?<=分)、")  # also after a score listed before (`A得分73分、B得分89分`)
_PREFIX_NOISE = re.compile(r"^(?:经自评|经综合评价|经评价|其中|对照[^,]*)?\s*(?:(?:19|20)\d{2}\s*年度?)?\s*")
# the unit speaking of itself before the project it scores (`我校教育专项工作经费项目自评得分100分`)
_SELF = re.compile(r"^我(?:校|单位|局|院|中心|站|所|部|委|办|馆|园|镇|乡|街道)\s*")
_NAME_TAIL = re.compile(r"(?:的)?(?:绩效)?(?:自评|评价)?$")
# How far a score looks back for its subject and ahead for its grade: a clause, never the whole paragraph.
_LOOKBACK, _LOOKAHEAD = 300, 600


_NAME_CHARS = 60
# the highest score a self-evaluation's 100-point scale gives with its bonus points (`自评得分103.5分`)
_WITH_BONUS = 120


def normalise_rating(word: str, four_word_scheme: bool) -> str | None:
    """优秀→优, 良好→良 …; 合格/不合格 only under the 优秀/良好/合格/不合格 scheme; anything else None."""
    word = (word or "").strip().strip("“”\"'【】[]()")
    if word in _NORMALISED:
        return _NORMALISED[word]
    if four_word_scheme and word in _FOUR_WORD:
        return _FOUR_WORD[word]
    return None


def rating_after(text: str) -> str | None:
    """The grade word printed after a score, up to the next score."""
    paren = _PAREN_RATING.match(text)
    if paren:
        return paren.group("word")
    match = _RATING.search(text)
    return match.group("word") if match else None


class TextEvaluations:
    """Scores in the paragraphs of a normalised text; `subject_of_paragraph` names a paragraph's project."""

    def __init__(self, text: str, department: str, four_word_scheme: bool, project_name, project_report: bool = False):
        self.text = text
        self.department = department
        self.project_report = project_report  # a report on one project: an unnamed score is the project's
        self.four_word_scheme = four_word_scheme
        self.project_name = project_name
        self.found: list[dict] = []
        self.score_heading: re.Match[str] | None = None  # the paragraph before, when it announced a score
        self.grade_label = False  # the paragraph before was a grade's label alone (`评价结果`)

    def paragraph(self, paragraph: Paragraph, paragraph_subject: str | None, source) -> None:
        content = self.text[paragraph.start : paragraph.end]
        announced, self.score_heading = self.score_heading, _SCORE_HEADING.fullmatch(content)
        grade_label, self.grade_label = self.grade_label, bool(_GRADE_LABEL_LINE.fullmatch(content))
        bare = _BARE_SCORE.match(content) if announced else None
        if announced and bare:  # `(一)自评得分` ⏎ `100分。`: the heading's score
            subject_type, subject = self._subject(announced.group("whose"), paragraph_subject)
            after = content[bare.end() : _sentence_end(content, bare.end())]
            self._add(subject_type, subject, bare.group("num"), after, source(paragraph.start), None)
            return
        max_match = _MAX_SCORE.search(content)
        max_score = float(max_match.group(1)) if max_match else None
        taken: list[tuple[int, int]] = []
        for intro in _LIST_INTRO.finditer(content):
            end = _sentence_end(content, intro.end())
            items = list(_ITEM.finditer(content, intro.end(), end))
            for i, item in enumerate(items):
                stop = items[i + 1].start() if i + 1 < len(items) else end
                name = self.project_name(item.group("name").strip(" ,;，；"))
                self._add(
                    "project",
                    name,
                    item.group("num"),
                    content[item.end() : stop],
                    source(paragraph.start + item.start()),
                    None,
                )
                taken.append((item.start(), item.end()))
        found = _SCORE.finditer(content) if "分" in content else ()  # (every score label holds 分: a cheap test first)
        scores = [m for m in found if not any(s <= m.start() < e for s, e in taken)]
        for i, score in enumerate(scores):
            stop = scores[i + 1].start() if i + 1 < len(scores) else _sentence_end(content, score.end())
            taken.append((score.start(), stop))
            before = content[max(0, score.start() - _LOOKBACK) : score.start()]
            sentence = before[_last_sentence_start(before) :]
            if _OTHER_EVALUATOR.search(sentence) or _AGGREGATE.search(before) or _INDICATOR_CATEGORY.search(before):
                # another evaluator's score, an average over many units (`平均得分89分`), a first-level
                # indicator's part of the score (`总得分为72.21分，其中：投入得分13.10分、过程得分…`)
                continue
            subject_type, subject = self._subject(before, paragraph_subject)
            first_in_sentence = i == 0 or scores[i - 1].end() <= score.start() - len(sentence)
            if first_in_sentence and _RATING.search(sentence):
                taken.append((score.start() - len(sentence), score.start()))  # its grade, printed first
            self._add(
                subject_type,
                subject,
                score.group("num"),
                content[score.end() : stop],
                source(paragraph.start + score.start()),
                max_score,
                grade_before=sentence if first_in_sentence else "",
            )

        labelled = _GRADE_AND_SCORE_LINE.match(content) if grade_label else None
        after_grade = _SCORE_AFTER_GRADE.finditer(content) if "分" in content else ()  # (a cheap test first)
        for graded in ([labelled] if labelled else []) + list(after_grade):
            if any(s <= graded.start("num") < e for s, e in taken):
                continue
            taken.append((graded.start(), graded.end()))
            before = content[max(0, graded.start() - _LOOKBACK) : graded.start()]
            subject_type, subject = self._subject(before, paragraph_subject)
            start = source(paragraph.start + graded.start())
            self._add(subject_type, subject, graded.group("num"), "", start, max_score, grade=graded.group("word"))
        self._grades_only(content, paragraph, paragraph_subject, taken, source)

    def _grades_only(self, content: str, paragraph: Paragraph, paragraph_subject, taken, source) -> None:
        """Grades printed without a score (`部门目标实现率100%，整体绩效自评为优秀`), outside any score's reach."""
        if "评" not in content:  # most paragraphs: no 自评/评价 word, no regex scan
            return
        for grade in _GRADE_ONLY.finditer(content):
            if any(s <= grade.start() < e for s, e in taken):
                continue
            subject_type: str
            subject: str | None
            before = content[max(0, grade.start() - _LOOKBACK) : grade.start()]
            label = _GRADE_LABEL.search(before)
            label_text = label.group() if label else ""
            before = before[: len(before) - len(label_text)]
            clause = before[max((m.end() for m in _CLAUSE_START.finditer(before)), default=0) :] + label_text
            if _DEPARTMENT_LABEL.search(label_text) or _DEPARTMENT_WORDS.search(clause):
                subject_type, subject = "department", self.department
            elif "项目" in clause:  # `该项目评价结果为良`: the paragraph's project, when it names one
                subject_type, subject = "project", paragraph_subject
            else:
                subject_type, subject = self._subject(before, paragraph_subject)
            if not subject:
                continue  # `上述项目…自评等级为“良”`: a grade of nobody named
            word = "".join(grade.group("word").split())  # `优 秀`: a line break inside the word
            self.found.append(
                {
                    "subject_type": subject_type,
                    "subject": subject,
                    "score": None,
                    "max_score": None,
                    "rating_text": word,
                    "rating": normalise_rating(word, self.four_word_scheme),
                    "source_text": source(paragraph.start + grade.start()),
                    "locator": None,
                }
            )

    def _subject(self, before: str, paragraph_subject: str | None) -> tuple[str, str | None]:
        clause = before[max((m.end() for m in _CLAUSE_START.finditer(before)), default=0) :]
        clause = _PREFIX_NOISE.sub("", clause.strip())
        if _THIS_PROJECT.match(clause):  # the project the paragraph names, else the one the title names (or none)
            named = [m.group("name") for m in _NAMED_PROJECT.finditer(before)]
            return "project", paragraph_subject or (self.project_name(named[-1]) if named else None)
        if self.project_report and _PROJECT_REPORT_HEADING.search(clause):
            return "project", paragraph_subject
        if _DEPARTMENT_WORDS.search(clause) or (self.department and self.department in clause):
            return "department", self.department
        name = _NAME_TAIL.sub("", _SELF.sub("", clause)).strip()
        if 2 <= len(name) <= _NAME_CHARS and not _NOT_A_NAME.search(name):  # longer: a flattened form's cells
            return "project", self.project_name(name)
        if paragraph_subject:
            return "project", paragraph_subject
        if self.project_report:
            return "project", None  # named by the title, when it names the project
        return "department", self.department

    def _add(
        self,
        subject_type: str,
        subject: str | None,
        number: str,
        after: str,
        source_text: str,
        max_score: float | None,
        grade_before: str = "",
        grade: str | None = None,
    ) -> None:
        """`grade_before`: the sentence before the score, when no other score is in it (`评价等级为“合格”，总得分为
        72.21分`: the grade printed first); `grade`: the grade printed right before it (`优秀（93分）`)."""
        graded_first = _RATING.search(grade_before)
        word = rating_after(after) or grade or (graded_first.group("word") if graded_first else None)
        word = "".join(word.split()) if word else None  # a letter-spaced grade (`优 秀`)
        if max_score is not None and float(number) > max_score:
            max_score = None  # `本项目满分3分，得3分…总得分90`: an indicator's maximum, not the total's
        if max_score is None and float(number) > _WITH_BONUS:
            return  # `总分100100`: a form's 分值 and 得分 glued together, no score
        self.found.append(
            {
                "subject_type": subject_type,
                "subject": subject,
                "score": float(number),
                "max_score": max_score,
                "rating_text": word,
                "rating": normalise_rating(word, self.four_word_scheme) if word else None,
                "source_text": source_text,
                "locator": None,
            }
        )


def _sentence_end(content: str, position: int) -> int:
    """The next full stop within `_LOOKAHEAD` characters, else that bound (a page may print none at all)."""
    bound = min(len(content), position + _LOOKAHEAD)
    end = content.find("。", position, bound)
    return bound if end < 0 else end


def _last_sentence_start(text: str) -> int:
    return max(text.rfind("。"), text.rfind(";"), text.rfind("；")) + 1
