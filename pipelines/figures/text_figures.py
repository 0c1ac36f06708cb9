"""Figures printed in running text.

Each printed number is named by the closest wording before it whose gap to the number is only filler
(`公务接待费支出为4,419.00元`); a number with no wording of its own continues the previous one's
(`团组0个、0人次`, `年初预算为14.60万元，支出决算为12.06万元`) when only filler separates them. Change words
(比上年减少, 增长, 追加), shares (占), prior-year words and other nouns break that chain, which is what keeps
year-on-year changes and shares out. Lists (`收、支总计各是A、B`, `A、B均为0`, `分别为A、B`), statements of zero
(`无会议费支出`, `支出为零`, `均未发生`) and project lists after 项目支出 (`包括X经费5万元，Y经费8.3万元`) are read
first. Stage (年初预算 vs 决算) comes from the gap, then from the paragraph before the wording, then from the
section heading, then from the document type.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from pipelines.figures.metrics import (
    CONCEPT_BY_NAME,
    DEPARTMENT_TOTALS,
    FILLER,
    FINAL_ONLY,
    LABEL_REACH,
    METRIC_UNITS,
    REVENUE_PARTS,
    SCOPE_LIMITED,
    STAGE_DEPENDENT,
    Concept,
    Context,
    Label,
    WordingIndex,
    find_label,
    find_labels_in_list,
    last_stage,
    resolve,
    stage_markers,
    stage_of,
    topics_of,
    total_reading,
)
from pipelines.figures.numbers import NumberToken, decimals_of
from pipelines.figures.records import DocumentFacts, Figure, metric_value
from pipelines.figures.sentences import NormalText, Paragraph, Sentence
from pipelines.figures.units import (
    INFERRED,
    INLINE,
    MONEY_MULTIPLIERS,
    SENTENCE,
    TABLE_HEADER,
    header_unit,
    last_declared_unit,
)
from pipelines.lexicon import alternation, lexicon
from pipelines.title import unit_named, unit_sections, without_place

LEXICON = lexicon()

PROJECT_SCOPE = re.compile(
    r"项目资金|该项目|\d+\s*个(?:重点|预算|专项)?项目|项目(?:共|合计)?\s*\d+\s*个|项目实际|纳入(?:本次)?(?:绩效)?自评|"
    r"项目(?:的)?(?:年初|上年)结转"
)
_REGION = re.compile(
    f"(?P<foreign>{alternation(LEXICON.words('region', 'foreign'))})|"
    f"(?P<domestic>{alternation(LEXICON.words('region', 'domestic'))})"
)
_LIST_INTRO = re.compile(
    r"^[\s,，:：;；、]*(?:\(|包括|包含|分别为|分别是|其中(?:包括|包含)?|含|即|主要为|主要包括|主要用于|具体为|具体是|具体包括)"
    r"(?:(?<=其中)项目(?:资金|支出)?共?[两二三四五六七八九十\d]+[个项])?[:：]?"  # also `其中项目资金两项：A经费…`
)
_FUNCTION_CLASS_HEADING = re.compile(alternation(LEXICON.words("headings", "function_classes")))
_EXPENSE_DETAIL_HEADING = re.compile(alternation(LEXICON.words("headings", "expense_details")))
_SUM_WORD = re.compile(r"合计|总计|共计")
_FUNCTION_CLASS_ITEM = re.compile(alternation(LEXICON.words("headings", "function_class_item")))
_FUNCTION_CLASS_LEVEL = re.compile(alternation(LEXICON.words("headings", "function_class_level")))
_CLASS_SPLIT = ("basic", "project_exp")
_POSTS = frozenset({"auth_total", "auth_admin", "auth_institution"})  # the kinds of posts an establishment counts
_BASIC_PARTS = ("personnel", "goods", "household")
_SHARE_OF_PROJECTS = re.compile(r"[\s,，、]*(?:" + alternation(LEXICON.words("share_of", "project")) + ")")
# (also before a qualifier of the item: `增加了专项项目支出110.58万元`)
_CHANGED_ITEM = re.compile(
    "(?:" + alternation(LEXICON.words("changes", "verb_before_item")) + r')[\s“”"]*(?:专项|一般|其他|部分)?$'
)
_BREAKDOWN_LEAD = re.compile(r"其中[:：]?\s*$")
_CHANGE_VERB_REACH = 6
_COLUMN_RUN = 4  # bare numbers in a row, spaces only between: the cells of a table row, not a sentence's amounts
_SHARE_OF_FISCAL = re.compile(r"[\s,，、]*(?:" + alternation(LEXICON.words("share_of", "fiscal")) + ")")
# What an economic class (工资福利支出, 商品和服务支出 …) breaks down: the last of these printed shortly before it.
# (`列入基本支出。` in a reason clause is none: the owner opens an amount, a breakdown or a section)
_ECONOMIC_OWNER = re.compile(
    r"(?:基本支出|项目支出)(?=\s*(?:预算|决算)?数?\s*(?:中|包括|其中|情况|[\d:：,，为(（]))|经济分类"
)
_ECONOMIC_OWNER_REACH = 100
_ROW_NUMBER_HEADER = re.compile(alternation(LEXICON.words("columns", "row_number")))
# `项目支出X万元，包括A经费…`, `下达我县X资金86万元，其中：A项目30万元；B项目56万元`: a list of projects follows;
# after money received or spent only a `其中` list (`决算总支出X万元(包含使用的存量资金Y万元)` notes a part, no project)
_LIST_HEADS = ("project_exp", "initial_total", "received", "spent", "expenditure_total")
_WHEREOF_LIST_HEADS = frozenset({"received", "spent", "expenditure_total"})
_WHEREOF = re.compile(r"[\s,，:：;；、]*(?:其中|具体为|具体是)")  # also `共下达X经费873万元，具体为下达A工程545万元、…`
# after a bracket: `(包括A经费5万元、…)`; the verb an allotment's or a payment's items repeat (`具体为下达A工程545万元`,
# `其中：用于A建设项目200万元`)
_INTRO_WORD = re.compile(r"^(?:(?:其中|包括|包含|含)[:：]?)?(?:下达|支付|拨付|用于)?")
# `项目支出包括A经费X万元，B经费Y万元`: the list's head prints no amount of its own; its items follow at once.
_HEAD_WITHOUT_AMOUNT = re.compile(
    rf"(?:{CONCEPT_BY_NAME['project_exp'].pattern.pattern})\s*"
    r"(?:主要)?(?:包括|用于|包含)[:：]?(?=[\u4e00-\u9fff“])"
)
_ALLOTMENT_HEAD = re.compile(alternation(LEXICON.words("list_items", "allotted_from_above")))
_CHANGE_BEFORE = re.compile(r"(?:增加|减少)\s*$")
# `…决算2466.37万元。其中，因公出国(境)费…`, `…预算约为5.1亿元…。此外，因公出国(境)费…分别为…`: parts of the last total
_BREAKDOWN_OPENING = re.compile(r"\s*(?:其中|此外)")
# a sentence or paragraph that opens by breaking down the one before (`其中…`, `具体是：…`)
_WHEREOF_OPENING = re.compile(r"\s*(?:其中|具体(?:为|是))")
_SHAPE = 4  # characters before a change word that give an item's shape (`支出决算`)
_ENUMERATOR_AFTER = re.compile(r"[、.．](?=\s*[\u4e00-\u9fff\d])")  # `3、人员构成`: a heading's number
_SPENT = re.compile(r"支出(?!预算)")
_ALLOCATION_HEADING = re.compile(alternation(LEXICON.words("stage", "heading_initial")))
_INCLUDED_PART = re.compile(r"[(（]\s*(?:其中)?(?:含|包括|包含)[^()（）]*$")
_INCLUDED_REACH = 60  # characters from a `(含` to the amount in it
_RATE_AFTER = re.compile(r"\s*[,，]\s*(?:增长|下降)\s*-?\d")
_LIST_SEPARATOR = re.compile(r"^[\s,，、;；和及与]*")
_PROJECT_NAME = re.compile(
    r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z()“”\"]{1,39}"
    # one project of several kinds of spending (`城乡低保、特困供养项目`)
    r"|[\u4e00-\u9fff][\u4e00-\u9fff、]{1,38}(?:项目|经费|资金)"
)
_LEADING = re.compile(r"^[\s,，、;；:：和及与以(]*(?:其中[:：]?)?")
# also with a scope note (`收支总计(含结转和结余)1323.65万元`), the stage inside (`收支决算总计`, `收支总决算`), and the
# appropriation's with its own note (`财政拨款(含政府性基金拨款)收支总计`)
_PAIR_TOTALS = re.compile(
    r"(?P<fiscal>财政拨款(?:的)?(?:[(（][^()（）\d]{1,16}[)）])?)?"
    r"收(?:入)?[、,]?\s*支(?:出)?(?:(?:决算)?总计|总决算)\s*(?:[(（][^()（）\d]{1,12}[)）])?\s*"
    r"(?P<op>分别为|分别是|各是|各为|均为|均是|都是|都为|(?=\d))"
)
# `A、B、C分别为x、y、z`, also counted (`三项支出分别为`, `等3项经费分别是：`)
_GROUP_OP = re.compile(
    r"\s*(?:等\s*)?(?:[两二三四五六2-6]\s*项\s*)?(?:支出|费用|经费)?\s*"
    r"(?P<op>分别为|分别是|各是|各为|依次为|均为|均是|都是|都为)[:：]?"
)
_LIST_JOIN = re.compile(r"\s*[、和及与,]\s*")
# `A支出为零`, `A均未发生`, `A方面，2022年决算数为零` (the year, when printed, is the zero's)
_ZERO_AFTER = re.compile(
    r"(?:支出|费用)?(?:方面\s*[,，]?)?\s*(?:(?P<year>(?:19|20)\d{2})\s*年度?)?\s*(?:决算数?|支出数?)?\s*(?:均)?\s*"
    rf"(?P<word>{alternation(LEXICON.words('zero', 'after'))})"
)
_ZERO_BEFORE = re.compile(rf"(?P<word>{alternation(LEXICON.words('zero', 'before'))})$")
_ZERO_BEFORE_REACH = 16  # characters of the longest such word (`没有一般公共预算财政拨款“`)
_ZERO_OF_OTHERS = re.compile(rf"(?:{alternation(LEXICON.words('zero', 'others'))})\s*$")
_OTHERS_REACH = 16
_LIST_HINT = re.compile(
    alternation(
        (
            "分别",
            "各是",
            "各为",
            "依次为",
            "均",
            "都是",
            "都为",
            *LEXICON.words("zero", "after"),
            *LEXICON.words("zero", "before"),
        )
    )
)
_UNCHANGED = re.compile(r"(?:全年)?预算(?:未作|未|没有|无|不作)调整")
_GOVERNMENT_FUND = re.compile(
    rf"(?:{alternation(LEXICON.words('scope', 'government_fund'))})[^,，;；。]{{0,12}}?(?:收入|拨款)"
    r"\s*(\d[\d,]*(?:\.\d+)?)"
)
_COUNTED = re.compile(
    "|".join(f"(?P<{kind}>(?:{alternation(words)})$)" for kind, words in LEXICON.sections["units"]["counted"].items())
)
_YEAR_IN_GAP = re.compile(r"((?:19|20)\d{2})\s*年")
# A year that opens a clause binds what follows it in the sentence (`2023年“三公”经费实际支出…，其中公务接待费…`);
# not a year compared with (比2022年, 较 2022 年度, 与2022年相比, `2022年度相比`: 度 is kept, `?+`, so the look-ahead
# sees 相比), nor a date or a point in time (2022年12月, 2022年末).
# A year compared with binds nothing (`较2022年度决算数增加…`), unless its own item follows (`相比2016年的总收入X`);
# nor does a year of the unit's history (`成立于1975年，2015年改制为…，现有在职职工62人`).
_HISTORY_EVENT = r"(?:正式)?(?:成立|改制|命名|更名|组建|挂牌|设立|合并|撤销|升格|划转|转隶|建成|开始)"
_BINDING_YEAR = re.compile(
    r"(?:(?<![比较与同于])(?<![比较与同于]\s)|(?=(?:19|20)\d{2}\s*年(?:度)?的(?!\s*(?:决算|预算|执行|同期))))"
    rf"((?:19|20)\d{{2}})\s*年(?:度)?+(?!\s*\d{{1,2}}\s*月|\s*(?:以来|相比|同期)|\s*{_HISTORY_EVENT})"
)
_LAST_YEAR_WORDS = alternation(LEXICON.words("period", "prior"))
_PRIOR_WORDS = alternation(LEXICON.words("period", "prior") + LEXICON.words("period", "last_calendar"))
_PRIOR_YEAR_IN_GAP = re.compile(_PRIOR_WORDS)
_PRIOR_YEAR_BEFORE = re.compile(rf"(?:{_PRIOR_WORDS})(?:度)?(?:的)?\s*$")
_LAST_CALENDAR_YEAR = re.compile(alternation(LEXICON.words("period", "last_calendar")))
_ENUMERATOR = r"(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+\s*[、.．])"  # `(一)`, `1、`, `2.`
# `上年` opening a clause binds what follows like a year (`“三公”经费支出情况：上年度“三公”经费支出24.67万元，其中
# 公务接待费…`); not the wordings it starts (上年结转, 上年同期) nor a change or comparison (`上年度减少…`)
_OPENING_PRIOR_YEAR = re.compile(
    rf"(?:^|(?<=[,，:：;；。！？!?\n]))\s*(?:{_ENUMERATOR}\s*)?(?:{_LAST_YEAR_WORDS})(?:度)?"
    r"(?![\u4e00-\u9fff]{0,2}?(?:结转|结余|同期|相比|以来|比|增|减|下降|上升))"
)
_PROJECT_HEAD = re.compile(
    rf"^\s*{_ENUMERATOR}\s*(?P<name>(?:(?:19|20)\d{{2}}年度?)?[^。:：,，;；\d]{{2,40}}?)"
    r"\s*(?:[。:：]|(?<=项目)[,，])"
)  # also `1、某村农田道路建设项目，铺建砂石路…`: a project's paragraph opened by its name and a comma
# A section of a transfer-fund report headed by one of its funds (`一、中央自然灾害救灾资金(森林草原航空消防租机补助
# 经费)`): the fund in brackets, else the one named, owns the section's money
_FUND_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十]+\s*[、.．])\s*(?P<fund>[^。:：;；,，\d()]{4,30}?(?:资金|经费|补助|补贴|公益金))"
    r"(?:\((?P<part>[^()]{4,30}?(?:资金|经费|补助|补贴))\))?\s*[。:：]?\s*"
)
# A paragraph that opens by summing up one project's self-evaluation (`X项目绩效自评综述：…`)
_PROJECT_SUMMARY_HEAD = re.compile(
    r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}\s*[、.．])?\s*"
    r"(?P<name>[\u4e00-\u9fff“”]{2,30}?)(?:项目(?:支出)?(?:绩效)?自评(?:综述|情况|结论)?"
    r"|(?<=[费金助贴项])绩效自评(?:综述|情况|结论))\s*[:：]"
)  # also `(一)红十字事业发展工作经费绩效自评综述：项目全年预算数…` (a fund's name, no 项目)
# One project's report heading a paragraph of a bundle of them (`2022 年党建工作项目部门评价报告 一、项目基本情况…`)
_PROJECT_REPORT_HEAD = re.compile(
    r"\s*(?:(?:19|20)\d{2}\s*年度?\s*)?(?P<name>[\u4e00-\u9fff“”]{2,30}?)项目(?:支出)?(?:部门)?(?:绩效)?"
    r"(?:自评|评价)(?:总结)?报告(?=\s|[一二三四五六七八九十]{1,3}、)"
)
_WHOLE_SPENDING_NAME = re.compile(r"部门|单位|整体")  # `2022年度部门整体支出…`: no project
_PROJECT_PREFIX = re.compile(
    # (also after a section heading run into the paragraph: `(一)项目资金安排落实情况:1、档案管理项目资金:…`)
    r"^\s*(?:[(（][一二三四五六七八九十]+[)）][^:：。;；\d]{1,20}[:：]\s*(?=\d))?"
    r"(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．]|[一二三四五六七八九十]是)?\s*(?:其中[,，:：]?)?"
    r"(?:[\u4e00-\u9fff]{0,30}?(?:19|20)\d\d\s*年度?)?"  # the unit and year before the name (`某局2022年度X项目，…`)
    r"(?P<name>[\u4e00-\u9fff“”]{2,30}?(?:[(（][一二三四五六七八九十\d]{1,2}期[)）])?)(?:项目|专项支出)[,，:：]?\s*"
    r"(?=年初|全年|调整|实际|当年|本年|预算|资金|经费|总?支出|执行|到位|已|安排(?:项目)?(?:预算)?资金)"
)  # also a phase in brackets (`…改造工程(一期)项目: 预算1616万元`), a point of a list (`一是X项目,安排项目预算资金…`)
_NUMBERED = re.compile(rf"\s*(?:{_ENUMERATOR}|[一二三四五六七八九十]是)")  # also a point of a list (`一是…`)
_SCORE_TABLE_HEADER = re.compile(r"指标\s*分值|分值\s*得分")
_NUMBERED_FUND = re.compile(
    rf"\s*{_ENUMERATOR}\s*(?P<name>[\u4e00-\u9fff“”]{{2,30}}?(?:资金|经费|费用|费))(?=\s*\d[\d.,]*\s*[万亿]?元)"
)
# `财政预算项目资金16万元`: a name ending in 预算 is the money's stage, no project; nor is a change (`比上年…增加`),
# nor the rest of the projects (`其他专项支出预算为74.0万元，主要项目是：…`), nor a source of the money
_NOT_A_PROJECT = re.compile(
    r"我局|本部门|部门|单位|全部|各|所有|纳入|(?<!公)共|整体(?!提升|改造|修缮|搬迁)|重点|其中|全县|全市|本级|预算$|类$|增加|减少|^其[他它余]$"
    r"|^(?:安排|下达|下拨|拨付|批复|申报)"  # a verb of the money (`2019年安排项目支出…`), no name
    r"|^(?:财政拨款|财政|上级|自有|其他)(?:资金)?$"  # a source of the money (`财政拨款项目支出15万元`)
    r"|(?:无|没有|未)$|^(?:本年|当年|全年|上年|今年)"  # none, or a period (`本年无项目支出预算`: no name)
    r"|^本次|涉及$"  # what an evaluation covers (`本次评价涉及项目支出共50万元`)
)
_CLAUSE_MARK = re.compile(r"[,，;；:：]")
_QUOTED_PROJECT_CLAUSE = re.compile(
    r"[:：;；]\s*“(?P<name>[^“”:：;；,，。]{2,30})”项目(?=[^,，。;；:：]{0,6}?(?:支出|资金|预算|执行|到位))"
)
_STAFF_KINDS = frozenset({"actual_admin", "actual_institution", "staff_admin_bare", "staff_institution_bare"})
_RETIRED_COUNT = re.compile(r"(?:离退休|退休|离休)(?:人员|职工)?(?:共|合计)?\s*\d+\s*[人名]")
_LEVEL_PART = re.compile(
    r"\s*(?:其中\s*[:：]?\s*)?(?:(?:19|20)\d\d\s*年度?)?(?:中央|省级|市级|县级|区级|州级|盟级|自治区|地方|本级|其他资金)"
)
_SEGMENT_MARK = re.compile(r"[;；]")
_PROJECT_MONEY_CONCEPTS = frozenset({"spent", "received", "received_generic", "expenditure_total", "revenue_total"})
# A paragraph that announces its projects (`共有8个支出项目`), then one clause of its list: a bare name right before
# its money; names that are wordings of ours (基本支出, 人员经费) or sources of money (省级补助) are no projects
_PROJECTS_ANNOUNCED = re.compile(r"共有\s*\d+\s*个(?:支出|专项)?项目")


def _first_announced_item(content: str) -> re.Match[str] | None:
    """The first item of a list run on after its announcement (`…共有5个项目1、X项目:预算35.3万元`)."""
    announced = _PROJECTS_ANNOUNCED.search(content)
    if announced is None or not _NUMBERED.match(content, announced.end()):
        return None
    return _PROJECT_PREFIX.match(content[announced.end() :])


_BARE_PROJECT = re.compile(
    r"^\s*(?:其中[,，:：]?)?(?P<name>[\u4e00-\u9fff、及和]{2,14}?)(?=年初预算|全年预算|预算数|\d)"
)
_WORDING_NAME = re.compile(r"支出|收入|经费$|资金$|补助$|拨款$|配套$|合计|总计|预算|决算|^(?:中央|省|市|县|区|本)级?$")
_OPENS_BREAKDOWN = re.compile(r"其中\s*[:：]?\s*$")
_COLUMN_REACH = 40  # characters around a small integer searched for the column numbers it goes on
_REASON = re.compile(r"原因(?:是|为|主要是)?\s*[:：]|原因(?:是|为)")
_AFTER_LAST = 24
_CLAUSE_SEPARATOR = re.compile(r"[,，;；:：、]")
# A clause that names a project and says its rate follows (`响洪甸水毁修复项目执行率`, `某某项目`)
_PROJECT_RATE_CLAUSE = re.compile(
    r"(?P<name>(?:(?:19|20)\d{2}年度?)?[\u4e00-\u9fff“”]{2,30}?)(?:项目|专项)(?:资金)?(?:的)?(?:预算)?(?:执行率|执行|支付率)?"
    r"\s*(?:为|达到|达)?"
)
_BRACKET = re.compile(r"[(（)）]")
_SUM_WORDS = re.compile(r"合计|总计|共计")
# Funding shares of institution posts or staff: the fully funded one beside another that is not 0 is no kind's total
_FULLY_FUNDED = re.compile(r"全额|全部补助")
_FULLY_FUNDED_BEFORE = re.compile(r"(?:全额(?:拨款)?|全部补助)$")  # `全部补助事业人员33人`: before its wording
_OTHER_FUNDING = re.compile(r"(?:差额|自收自支|部分补助|经费自理)(?![^、，,；;。\d]{0,12}?0(?![\d.]))")
_SUBSET_OF_PLACE = re.compile(r"(?:区|县|市|旗|州|盟)直(?:属)?(?:各)?(?:部门|单位|机关|预算单位)?")  # 区直, 县直各部门
_WHOLE_PLACE = re.compile(r"全(?:区|县|市|旗|州|盟|省)")
_SUM_ALONE = re.compile(r"(?:合计|总计|共计|总共|一共|共有?)\s*(?:为|有)?\s*")  # a sum with no noun of its own
# The head of a list of staff kinds (`实有人员中，正式民警…`, `本局现有干部：公务员…`), and the people a list may
# count beside them who are none of the unit's staff: its sum is then none of ours
_STAFF_LIST_HEAD = re.compile(r"实有|现有|在职|在编|在岗")
_LIST_SUMS = {"auth_total": "staff.authorized_total", "actual_total": "staff.actual_total"}
_SUM_LEADS = ("共", "合计", "总")  # a count worded as the sum of a list (`共实有人数24人`, `总人数18人`)
_SUM_BEFORE = re.compile(rf"(?:{'|'.join(_SUM_LEADS)})\s*$")
# People counted by what took them out of the staff, the count first (`1人退休`, `2人调出`)
# (also before their noun, `10人和1名退休人员`; not the next count's wording, `在职人员15人退休人员7人`)
_LEAVERS_AFTER = re.compile(
    r"\s*[人名]?\s*(?:已)?(?:退休|离休|离退休|调出|调离|病故|去世|死亡|辞职|离职)"
    r"(?!\s*(?:人员|职工|人数|干部|教师)\s*(?:为|共|有)?\s*\d)"
)
_OUTSIDE_STAFF = re.compile(r"离退休|退休|离休|遗属|聘用|临聘|返聘|编外|临时|劳务派遣|公益性岗位|合同制|辅警|协警")
_GENERAL_BUDGET = re.compile(alternation(LEXICON.words("scope", "general_budget")))
_FUND_SCOPE = re.compile(
    alternation(
        LEXICON.words("scope", "fiscal")
        + LEXICON.words("scope", "general_budget")
        + LEXICON.words("scope", "government_fund")
    )
)
# The section on the appropriation's totals (`四、财政拨款收入支出决算总体情况说明`, `(四)财政拨款收支预算总体情况。…`):
# its bare `支出总计` or `基本支出` are the appropriation's, never the department's
_FISCAL_SECTION = re.compile(
    r"\s*(?:[一二三四五六七八九十\d]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])?\s*"
    r"(?:(?:19|20)\d{2}\s*年度?)?(?:(?:财政拨款|一般公共预算(?:财政拨款)?)(?:收入支出|收支)(?:决算|预算)?"
    r"|(?:一般公共预算)?财政拨款(?:基本)?支出决算)(?:总体)?(?:情况|执行情况)"
)  # also a fund's own section (`二、2018年度一般公共预算收入支出决算情况`, `五、一般公共预算财政拨款支出决算情况说明`)
_FISCAL_TOTAL_OPENING = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年度?\s*)?财政拨款收入(?:总计|合计)")
# A fund by name (not 财政拨款 alone, which a department's own paragraph may open with)
_NAMED_FUND = re.compile(
    alternation(LEXICON.words("scope", "general_budget") + LEXICON.words("scope", "government_fund"))
)
_NOT_A_LIST_ITEM = re.compile(
    _NAMED_FUND.pattern
    + "|收入|拨款|结转|结余|预算$"  # `(项目预算0万元、…)`: a stage of money, no project
    + "|^(?:调整)?追加|^调[增减整]"  # `其中年初预算A，调整追加B`: a change of the budget, no project
    + "|^预算(?:资金|金额)(?:为|是)?$"  # `…项目11个，预算资金为2827.23万元，即：A…`: the subtotal, no project
    # a level's share (`…项目预算合计为300万元(其中:自治区120万元,市级180万元)`), no project
    + r"|^(?:中央|自治区|省|市|县|区|地方)级?(?:财政)?(?:补助|配套)?(?:资金)?$"  # also `中央补助资金`, `县财政配套资金`
    + r"|^其[他它](?:资金|配套资金)$"  # `其中:中央资金A,地方资金B,其他资金C`: the rest of the levels' shares
    + r"|^(?:央|中央)(?:省|和省|、省)级?(?:财政)?(?:资金)?$"  # `其中,央省14059.11万元、市级1299万元`
    + r"|第[一二三四五六七八九十\d]{1,3}批"  # a batch of the money (`(其中第一批X万元,第二批Y万元)`), no project
    # a function class (社会保障和就业支出预算) is a spending category, never a project
    + r"|支出(?:预算|决算)?(?:数)?$|类(?:项目)?$"  # also `其他支出类项目`, `(基本建设类项目X元，行政事业类项目Y元)`
    # a subordinate unit's share of the total (`含机关幼儿园经费537.31万元`), no project
    + r"|(?:处|局|园|所|站|院|校|馆|中心|基地|办公室|委员会|大队|支队)经费$"
    # a score or an indicator's value (`总得分90`, `实际完成值为0万元`), never a project's money
    + "|"
    + alternation(LEXICON.words("list_items", "not_a_project"))
)
_COMPARED_YEAR = re.compile(
    r"^(?:比|较|与)\s*(?:(?:19|20)\d{2}\s*年(?:度|初)?(?:同期)?(?:的)?\s*(?:决算数?|执行数|预算数?|实际支出数?)?"
    r"|(?:上年度?|(?:上年|去年)同期)(?:的)?\s*(?:累计)?(?:支出|决算数?|执行数|实际支出数?)?)\s*(?:为)?\s*$"
)
_COMPARED_WITH_ITS_BUDGET = re.compile(
    r"\s*(?:万元|亿元|元)?\s*[,，]?\s*(?:比|较)\s*(?:年初)?预算(?:数)?\s*(?:减少|增加|下降|节约|节省|超支|少|多)"
)
_COMPARED_SPENDING = re.compile(
    r"^(?:比|较|与)\s*(?:(?:19|20)\d{2}\s*年度?|上年度?)(?:的)?\s*(?:实际支出|决算支出|支出决算)(?:数)?\s*(?:为)?\s*$"
)
_COMPARED_ITEM = re.compile(r"(?:比|较|与)\s*((?:19|20)\d{2})\s*年度?[^,，。;；\d]{0,12}$")
_COMPARED_ITEM_REACH = 24
_COMPARED_YEAR_GLUED = re.compile(r"(?:比|较|与)\s*((?:19|20)\d{2})\s*$")
# the change after a compared amount, also after a comma (`较2017年…1831.29万元，增加221.14万元`)
_CHANGE_AFTER = re.compile(r"\s*(?:万元|亿元|元)?\s*[,，]?\s*(?:同期)?\s*(?:增加|减少|下降|增长|上升)")
_COMPARISON_BEFORE = re.compile(r"(?:比|较|与)\s*(?:(?:19|20)\d{2}\s*年度?|上年度?|上一年度?)?(?:的)?\s*$")
# a stage word that is only the base of a rate (`完成预算数的96.02%`, `占年初预算的`): no stage of the amounts
_RATE_BASE_BEFORE = re.compile(r"(?:完成|占)\s*(?:年初|全年|调整后?)?\s*$")
# after a 三公 item's own clause (`公务接待费降幅最大`), a clause of its amount alone (`，2015年决算数…`, `，共…`)
_AMOUNT_CLAUSE = re.compile(
    r"[^,，。;；\d]{0,12}[,，]\s*(?:(?:19|20)\d{2}\s*年度?)?\s*(?:共计?|合计)?\s*(?:决算数?|执行数|实际支出)?\s*(?:为|是)?\s*"
)
_RATE_COLUMN_ABOVE = re.compile(r"(?:执行进度|执行率)\s*[(（]\s*%\s*[)）][ \t]*\n$")
_PAIR_LABEL = re.compile(r"[ \t]+[\u4e00-\u9fff]{2,8}[ \t]+")  # a label between two values of a row of pairs
_COMPARISON_WORD = re.compile(r"^(?:相比于?|相较于?|比|较|与)\s*")
_ALL_OF = re.compile(r"[,，(（]?\s*(?:全部|均|全)为")
_ITEM_ANNOUNCEMENT = re.compile(
    r"\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])?\s*(?P<item>[\u4e00-\u9fff]{2,10})\s*[:：]\s*"
)
_ANNOUNCED_ITEMS = frozenset({"basic", "project_exp", "personnel", "goods", "household"})
_ITEM_HEADING = re.compile(
    r"\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])\s*(?P<item>[\u4e00-\u9fff()]{2,16})\s*"
)
_ITEM_TAIL = re.compile(r"(?<=[\u4e00-\u9fff)])(?:支出|开支)?(?:情况)?$")  # `1.因公出国(境)支出`: the item's heading
# a cheap test before a heading's wording is read: a 三公 item's or a budget line's
_HEADING_ITEM_WORD = re.compile(r"出国|接待|公务用车|公车|基本支出|项目支出|人员经费|公用经费")
_SPENDING_WORDS = frozenset({"expenditure_total", "spent"})  # `全年支出`, `支出`: what an item heading's text spent
# a fund's or a work's name, then its spending word, right before the amount
_FUND_SPENT = re.compile(r"(?:经费|资金|工程)支出\s*$")
_SANGONG_HEADINGS = frozenset({"outbound", "reception", "vehicle", "vehicle_purchase", "vehicle_operation"})
_ITEM_JOINER = re.compile(r"[\s、,，和及与]*")
_ITEM_LIST_REACH = 40  # characters before a wording that may hold the items listed with it
_VEHICLE_PARTS = frozenset({"vehicle_purchase", "vehicle_operation"})
_SPENDING_OF = {"revenue_total": "expenditure_total", "revenue_current": "expenditure_current"}
# `财政拨款收入总计766.75万元，其中：2022年收入合计610.42万元`: under the appropriation's grand totals, this year's
# income is the appropriation received; its spending is no department figure
_FISCAL_BREAKDOWN = re.compile(r"财政拨款(?:收入|支出)总计[^。；;]*?其中\s*[:：]?[^。；;,，]*$")
_FISCAL_BREAKDOWN_REACH = 40
_FISCAL_PARTS = {"revenue_current": "fiscal", "expenditure_current": None}
_SPENDING_WORD = re.compile(r"支出(?:决算(?:数)?)?(?:为|是)?")  # also `收入决算A万元，支出决算B万元`
_COUNTED_ITEMS = {
    "outbound": "outbound",
    "reception": "reception",
    "reception_domestic": "reception",
    "reception_foreign": "reception",
}
_THIS_PROJECT = re.compile(r"(?:该|本|此)项目")
_PROJECT_SUFFIX = re.compile(r"(?:经费|资金|项目|工程|补助|补贴|费用)$")  # also `2.某代表大会费用。`
_HEADING_LEVEL = (
    re.compile(r"^\s*第[一二三四五六七八九十]+部分?"),
    re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]"),
    re.compile(r"^\s*[(（]\s*[一二三四五六七八九十]+\s*[)）]"),
    re.compile(r"^\s*\d{1,2}\s*[.、．]"),
    re.compile(r"^\s*[(（]\s*\d{1,2}\s*[)）]"),
)
_NUMBERED_LINE = 3  # the first level numbered with digits: the items of a list
# `…安排项目支出2897260元，具体项目情况说明如下：` (also `…的项目共4个，…。具体如下：`): numbered lines follow,
# each one project and its money
_PROJECT_LIST_INTRO = re.compile(  # also `…预算为74.0万元，主要项目是：`
    r"项目[^。]*如下[:：]?\s*$|项目共\d+个[^\n]*如下[:：]?\s*$|(?:主要|具体)项目(?:是|有|包括|为)?\s*[:：]\s*$"
)
_LISTED_PROJECT = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\dA-Za-z()（）“”、]{1,39}")  # also `古籍普查、保护工作经费`


# every rank in one match, one group per rank, tried in rank order
_ANY_HEADING_LEVEL = re.compile("|".join(f"({pattern.pattern})" for pattern in _HEADING_LEVEL))


def _heading_level(content: str) -> int | None:
    """The rank of the numbering a paragraph opens with (0: 第一部分 … 4: (1)), None when it has none."""
    opening = _ANY_HEADING_LEVEL.match(content)
    return opening.lastindex - 1 if opening and opening.lastindex else None


_OPEN, _CLOSE = re.compile(r"[(（][^)）]*$"), re.compile(r"[)）][\s,，、]*$")


def _aside(window: str, topic: _Topic | None, outer: _Topic | None) -> tuple[_Topic | None, _Topic | None, str]:
    """(topic, outer, window) for the next number: entering a bracket keeps the topic outside it; right after the
    bracket closes, the outside topic comes back and the window starts after the bracket (`共30批次(其中外事接待
    26批次),579人次`: 579 is the outer item's)."""
    if outer is None and _OPEN.search(window):
        return topic, topic, window
    close = _CLOSE.search(window) if outer is not None else None
    if close:
        return outer, None, window[close.start() + 1 :]
    return topic, outer, window


# A line that only declares the unit of what follows (`单位：元`, `（金额单位：万元）`), and the headings that end
# its reach
_UNIT_LINE_ALONE = re.compile(
    r"^[ \t]*[(（]?[ \t]*(?:金额)?单位[ \t]*[:：][ \t]*(万元|亿元|千元|元)[ \t]*[)）]?[ \t]*$", re.M
)
_SECTION_HEADING_LINE = re.compile(r"^[ \t]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)", re.M)
_UNIT_LINE_REACH = 600
_NOTE_ASIDE = re.compile(r"^\s*[(（][^()（）\d]{1,12}[)）]")  # `2668.9万元(人民币,下同),实际支出…`


def _wording_class(text: str, label: Label, concept: Concept) -> str | None:
    """What a number the wording `text[label.start:label.end]` names counts, when it carries no unit: what the
    wording's tail counts (`团组数`, `人次`, `保有量`), else the concept's own class (money for most)."""
    counted = _COUNTED.search(text, label.start, label.end) if label.end else None
    return counted.lastgroup if counted else concept.default_class


def _glued(tokens: list[NumberToken], index: int) -> bool:
    """An amount printed right after another one's unit (`较2022年决算数688.84万元131.49万元，增长19.09%`): the
    word between them (增加, 减少) was lost in a PDF conversion, so the amount is a change, never a figure."""
    previous = tokens[index - 1] if index else None
    return (
        previous is not None
        and previous.end == tokens[index].num_start
        and previous.unit_class == "money"
        and previous.has_unit
        and tokens[index].unit_class == "money"
    )


_QUOTED_WHOLE = re.compile(r"[“\"](?P<name>[^“”\"]+)[”\"]")


# The fund an allotment wording names (`下达我市土壤污染防治资金共`, `下达某区2021年中央农村环境整治专项资金共计`)
_ALLOTTED_FUND = re.compile(
    r"(?:下达了?(?:给|至|到)?(?:我|本)?[\u4e00-\u9fff*]{0,10}?(?:[省市县区旗盟州](?!级))?"
    r"|(?:收到|获得|筹集)了?(?:[\u4e00-\u9fff]{0,8}?的)?)"  # also `收到上级拨付的X公益金`, `共筹集X资金`
    r"(?:(?:19|20)\d\d\s*年度?)?"
    r"(?P<fund>[\u4e00-\u9fff“”]{2,30}?(?:资金|经费|公益金)(?:\([^()]{1,20}\))?)(?:共计|合计|共)?$"
)


# the channel and the reach before a fund's name (`下达中央转移支付全区文物保护专项资金`): no part of it
_FUND_SCOPE_LEAD = re.compile(
    r"^(?:(?:中央|省级?|自治区|市级?)?转移支付)?全(?:省|市|县|区|州|旗|盟)(?=[\u4e00-\u9fff]{4})"
)
# money named by its source or kind alone (`收到财政资金`, `下达上级补助资金`): no fund's name
_UNNAMED_MONEY = re.compile(r"(?:上级|财政|专项|补助|中央|省级?|市级?|县级?|区级?)*(?:资金|经费)")


def _allotted_fund(wording: str) -> str | None:
    """The fund an allotment's wording names: the subject of its money, also on a page whose unit is known (`我局共筹集
    X补助资金`, `收到上级拨付的X公益金`: the fund's money, not the unit's)."""
    allotted = _ALLOTTED_FUND.search(wording)
    fund = without_place(_FUND_SCOPE_LEAD.sub("", allotted.group("fund"))) if allotted else None
    return project_name(fund) if fund and not _UNNAMED_MONEY.fullmatch(fund) else None


def project_name(text: str) -> str:
    """A project's subject: the printed name without a trailing 项目 (`…经费项目` → `…经费`), nor the quote marks
    around the whole of it (`“校舍维修经费”项目` → `校舍维修经费`; `“两癌”筛查经费` keeps its own)."""
    name = text.strip()
    name = name[:-2] if name.endswith("项目") and len(name) > 4 else name
    quoted = _QUOTED_WHOLE.fullmatch(name)
    return quoted.group("name") if quoted else name


@dataclass
class _Topic:
    """What the previous number in the sentence was about: inherited by a number with no wording."""

    concept: Concept
    subject: str | None
    scoped: bool = False  # its wording was limited to one fund (一般公共预算财政拨款支出年初预算…)


class _Marks:
    """Positions of marker words in one paragraph or sentence, each with a value, scanned once: the value of the
    last marker ending at or before a position is a bisection, not a rescan of the text before it."""

    def __init__(self, ends: list[int], values: list):
        self.ends, self.values = ends, values

    @classmethod
    def of(cls, pattern: re.Pattern[str], text: str, start: int, end: int, value=lambda match: match.lastgroup):
        matches = list(pattern.finditer(text, start, end))
        return cls([match.end() for match in matches], [value(match) for match in matches])

    def last_before(self, position: int):
        index = bisect.bisect_right(self.ends, position) - 1
        return self.values[index] if index >= 0 else None


# `编制人数` counts posts; `实有17人，行政9人` people; `独立编制机构数8个,其中行政1个` units, whose kinds are no
# staff of ours
_STAFF_HEADS = re.compile(
    r"(?P<units>(?:独立编制|内设|下属|所属)?机构(?:总)?(?:数|数量))|(?P<posts>编制(?:人数|数)?)|(?P<people>人员|人数|职工|实有)"
)
# A count of staff, then 其中: the kinds of posts that follow count people holding them, not posts.
_STAFF_BREAKDOWN = re.compile(
    r"(?:实有|在职|实际|现有|在编|年末人数|(?<!编制)总人数|人员合计|纳入(?:部门)?预算编制|财政供养|教职(?:工|员工))"
    r"(?:(?!编制)[\u4e00-\u9fff]){0,6}?"  # (also a school's `我校有教职工157人，其中：在职教职工92人`)
    r"(?:人数|人员)?[\s:：为共计有]{0,3}"
    r"\d+\s*人\s*"
    r"(?:[,，。(（]?\s*其中|[(（])"  # also a bracket right after the count: `在职人员63人(政法编制56人,…)`
)
# A kind's posts listed after another kind's count (`行政编制60人,机关事业编制7人`, `政法编制60人,行政事业编制7人`):
# a kind of posts, never the whole establishment.
_POSTS_LISTED_BEFORE = re.compile(r"编制\s*(?:数)?\s*\d+\s*[人名个]\s*[,，、]\s*$")
_POSTS_LISTED_REACH = 16
_INSTITUTION_POSTS_AFTER = re.compile(r"\s*[名人个]?[^。；;]{0,12}?(?<![行政机关及和与、])事业编制\s*\d")
# the people of one kind of posts right before another kind's (`实有行政编制70人,事业编制0人`): a list of people
_ACTUAL_KIND_BEFORE = re.compile(r"实有[\u4e00-\u9fff]{0,6}编制(?:人员|人数)?\s*\d+\s*[人名]\s*[,，、]\s*$")
# a head count right before the serving part of it (`实有人数63人，在职人数61人`)
_HEAD_COUNT_BEFORE = re.compile(r"实有(?:人数|人员)?[\s:：为共计有]{0,3}\d+\s*人?\s*[,，、;；。]\s*$")
_HEAD_COUNT_REACH = 20
# The clause speaks of one part of the unit (a school's 初中部, a branch), of its subordinate units (`下属事业单位
# 1个：X中心，在编人员5人`, `下属事业单位2个,事业编制15名`) or of the groups it sends out (`派驻纪检监察组11个,行政编制
# 44名`), whose posts and staff are not the unit's own.
_PART_OF_UNIT = re.compile(
    r"(?:(?:初中部|高中部|小学部|幼儿部|分校|校区|分院)[^。;；]{0,24}"
    r"|(?:下属[^。;；]{0,12}单位|(?:派驻|派出)[^。;；\d]{0,12}(?:组|室|机构))\s*\d+\s*个[:：,，][^。;；]{0,30})$"
)
# The header of a self-evaluation form's indicator table flattened into a paragraph: what follows are indicators.
_INDICATOR_HEADER = re.compile(r"二级指标\s*三级指标|三级指标\s*(?:年度|年初)?(?:指标值|目标值)")
_SHARE_BEFORE = re.compile(r"占[^,，。;；\d]{0,14}?的?\s*$")
_SHARE_REACH = 18
# A paragraph that opens by defining an item (`（一）经费拨款：指财政部门当年安排给单位…的资金。2013年预算安排X万元`):
# its budget wording speaks of that item, never of the department's total.
_DEFINITION = re.compile(r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)?[^:：。,，]{2,40}?[:：]\s*指")
_ITEM_DEFINED_TOTALS = DEPARTMENT_TOTALS | {"initial_total", "adjusted_total"}  # the totals a defined item never is
# A count in a bracket after the unit's that is not the unit's: one of its own units' (`…实有23人(农业服务中心11人、文化
# 中心编制9人…)`), its subordinates', or the count before a change
_OTHERS_COUNT_IN_BRACKET = re.compile(
    r"(?:^|[(（、,，;；])\s*[\u4e00-\u9fff]{2,12}?(?:院|中心|站|所|校|馆|局|办公室|园|队)(?:编制|实有|在编|在职|人员)?[^\d、,，;；]{0,4}$"
    # (`共有车辆4辆(…、未实行车改的下属事业单位实有车辆3辆)`, `核定事业编制6名(原…核定事业编制4名、核增2名)`)
    r"|(?:^|[(（、,，;；])[^(（、,，;；\d]{0,12}下属[^(（、,，;；\d]{0,16}$"
    r"|(?:^|[(（、,，;；])\s*原(?!有)[^(（、,，;；\d]{0,30}$"
)
# An item of a list of subordinate units names the unit first (`(1)省妇联保育院：编制41名…`, `(3)X中心，编制4名`).
# (numbered, or listed after `下属3个事业单位：` and between semicolons: `…:A中心,副科级…,核定编制6人;B队,…`)
_SUBUNIT = re.compile(
    r"(?:[(（]\d{1,2}[)）]|下属\d{1,2}个(?:事业)?单位[:：]|[;；]|(?<![^。\n])其中[:：]?)"
    # the words announcing it are no part of its name (`；下设一个二级机构投资审计中心，核定…`)
    r"\s*(?:(?:下设|所属|下属)(?:[一二三四五六七八九十\d]{1,2}个)?(?:二级机构|事业单位|下属单位)?)?"
    r"(?P<unit>[\u4e00-\u9fff]{2,30}?(?:院|中心|站|所|校|馆|局|办公室|园|队))\s*[:：,，]"
)
# A numbered item of a combined budget that opens with one of its units and that unit's totals
# (`2、X服务站预算总收入…`, `(3)X茶场预算总支出…`): its amounts are that unit's, not the department's.
_UNIT_ITEM = re.compile(
    r"\s*(?:\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）])\s*(?P<unit>[\u4e00-\u9fff]{2,24}?(?:站|场|所|院|中心|校|馆|队|园|机关|本级))"
    r"(?=\s*(?:\d{4}\s*年度?)?\s*(?:部门)?(?:预算|决算)?\s*总?(?:收入|支出))"
)
_FORM_FUNDS = re.compile(r"年度资金总额|资金情况\s*\((?:万元|元)\)")
_FORM_FUNDS_REACH = 40
_PART_OF_UNIT_REACH = 60
_POSTS_BREAKDOWN = re.compile(r"编制[\u4e00-\u9fff]{0,4}\s*\d+\s*[人名个]\s*[,，]?\s*其中")
_POSTS_AS_PEOPLE = {"auth_admin": "actual_admin", "auth_institution": "actual_institution"}
_STAFF_BREAKDOWN_REACH = 80
# A kind's posts right before a count of staff in the next clause (`事业编制30人，实际25人`).
# (also across short clauses on the posts' changes: `行政编制50名，调出2人，调入3人，1人退休，实有45人`)
_POSTS_BEFORE = re.compile(
    r"(?P<kind>行政|事业)编制(?:数|人数)?\s*(?:为)?\s*\d+\s*[人名个]\s*(?:[,，、][^,，、;；。编实]{1,8}?)*[,，、]?\s*$"
)
_POSTS_BEFORE_REACH = 48
_BARE_STAFF = ("实有", "实际", "在编")
_HIRED_INCLUDED = re.compile(r"\s*[(（][^()（）]{0,12}(?:含|包括)[^()（）]{0,16}(?:编外|聘用|临时|劳务派遣)")
# a breakdown in brackets that lists hired help (`实有人数32人(其中退休2人,聘用18人,正式在职13人)`), beside a count
# of the staff on the establishment (`实际在编13人`), which is then the staff
_HIRED_LISTED = re.compile(r"\s*[(（]\s*其中[^()（）]{0,16}(?:编外|聘用|临时|劳务派遣)")
_ON_ESTABLISHMENT = re.compile(r"在编\s*\d")
_COUNT_CLASSES = frozenset({"group", "person", "vehicle"})  # counts of trips, visitors, cars: never budgeted money
# Posts of a kind that is none of ours right before a bare staff count (`工勤编3人实有13人`, `参公编制4名，实有4人`)
_OTHER_POSTS_BEFORE = re.compile(
    r"(?:工勤|后勤|参公|参照公务员管理)[^,，;；。\d]{0,6}编(?:制)?(?:数)?\s*\d+\s*[人名个]\s*[,，、]?\s*$"
)
_STAFF_OF_POSTS = {"行政": "actual_admin", "事业": "actual_institution"}
_OTHER_POSTS_AFTER = re.compile(r"\s*[人名个]?\s*[;；,，、]\s*(?:行政|机关|事业|工勤)[\u4e00-\u9fff]{0,4}编制")
# The other kind's posts and staff paired just before (`行政编制0人，实有人数0人；事业编制35人，实有人数30人`)
_OTHER_PAIR_BEFORE = re.compile(r"(?:行政|事业)编制[^;；。]{0,12}?实有[^;；。]{0,12}[;；]\s*$")
_OTHER_PAIR_REACH = 40
_BRACKETS_AND_REGIONS = re.compile(r"[(（]|[)）]|" + _REGION.pattern)


def _region_marks(text: str, start: int, end: int) -> _Marks:
    """After each 国内 / 外事 mention or bracket of a sentence: the last mention not inside a closed bracket."""
    visible: list[tuple[int, str | None]] = []  # (depth, region)
    depth = 0
    ends, values = [], []
    for match in _BRACKETS_AND_REGIONS.finditer(text, start, end):
        if match.group() in "(（":
            depth += 1
        elif match.group() in ")）":
            visible = [(d, region) for d, region in visible if d < depth]
            depth = max(depth - 1, 0)
        else:
            visible.append((depth, match.lastgroup))
        ends.append(match.end())
        values.append(visible[-1][1] if visible else None)
    return _Marks(ends, values)


_Carried = tuple[int | None, str | None] | None  # (year, stage) of a sentence's last 三公 amount


@dataclass
class _SentenceState:
    """One sentence and what its numbers' context is read from; each index is built on first use, once."""

    text: str  # the whole label text (offsets are the text's)
    sentence: Sentence
    tokens: list[NumberToken]
    project_scope: bool
    paragraph_subject: str | None
    content: str
    gap_markers: re.Pattern[str]
    named_class: str | None = None  # the unit class of the last number a wording or topic named
    money_topic: _Topic | None = None  # what the last amount of money named
    carried: _Carried = None  # the year and stage a sentence opening with 其中 takes from the one before
    sangong_read: bool = False  # a 三公 amount of the sentence was read
    sangong_year: int | None = None  # the year of the sentence's first 三公 amount
    change_named: bool = False  # an amount of the sentence was named a change (`减少了“三公”经费342.74万元`)
    scope_start: int = 0  # where its project words begin (0: the whole sentence is about projects)
    listed: bool = False  # a project of a list was read in the sentence
    open_list: Concept | None = None  # the money of a list of projects still open at its end (`其中：A项目X万元；`)
    closing_head: Concept | None = None  # a list's head that ends the sentence (`…下达我市X资金1883万元。` ⏎ `其中，…`)
    spent_beside_budget: bool = False  # a 三公 amount was compared with its own budget: what was spent
    document_year: int | None = None  # the document's fiscal year (`上年` opening a clause binds the one before)

    @functools.cached_property
    def topics(self) -> frozenset[str]:
        return topics_of(self.content)

    @functools.cached_property
    def regions(self) -> _Marks:
        return _region_marks(self.text, self.sentence.start, self.sentence.end)

    @functools.cached_property
    def money_tokens(self) -> list[NumberToken]:
        return [t for t in self.tokens if t.unit_class == "money" and not t.masked]

    @functools.cached_property
    def money_starts(self) -> list[int]:
        """num_start of the sentence's money tokens, for a unit borrowed from a sibling."""
        return [t.num_start for t in self.money_tokens]

    @functools.cached_property
    def token_starts(self) -> list[int]:
        return [t.num_start for t in self.tokens]

    @functools.cached_property
    def years(self) -> _Marks:
        """The years that bind the sentence's amounts: its printed ones, and the year before the document's after
        `上年` opening a clause."""
        if not self.document_year or "上" not in self.content:  # (a cheap test first: most sentences have none)
            return self.printed_years
        opening = _OPENING_PRIOR_YEAR.finditer(self.text, self.sentence.start, self.sentence.end)
        prior = [(match.end(), self.document_year - 1) for match in opening]
        if not prior:
            return self.printed_years
        marks = sorted([*zip(self.printed_years.ends, self.printed_years.values, strict=True), *prior])
        return _Marks([end for end, _ in marks], [year for _, year in marks])

    @functools.cached_property
    def printed_years(self) -> _Marks:
        """The binding years printed in the sentence; a year inside brackets (`（含2023年转列项目5个）`) binds
        nothing."""
        depth = _Marks.of(_BRACKET, self.text, self.sentence.start, self.sentence.end, lambda match: match.group())
        ends, values, level = [], [], 0
        opened = {index: mark in "(（" for index, mark in enumerate(depth.values)}
        for match in _BINDING_YEAR.finditer(self.text, self.sentence.start, self.sentence.end):
            before = bisect.bisect_right(depth.ends, match.start())
            level = sum(1 if opened[i] else -1 for i in range(before))
            if level <= 0:
                ends.append(match.end())
                values.append(int(match.group(1)))
        return _Marks(ends, values)

    @functools.cached_property
    def stages(self) -> _Marks:
        """The stage words of the sentence, except those of a comparison (`比2022年执行数11.86万元增加…`)."""
        ends, values = [], []
        for match in self.gap_markers.finditer(self.text, self.sentence.start, self.sentence.end):
            before = max(self.sentence.start, match.start() - 12)
            compared = _COMPARISON_BEFORE.search(self.text, before, match.start())
            if not (compared or _RATE_BASE_BEFORE.search(self.text, before, match.start())):
                ends.append(match.end())
                values.append(match.lastgroup)
        return _Marks(ends, values)

    @functools.cached_property
    def clauses(self) -> _Marks:
        """The ends of the sentence's clause marks."""
        return _Marks.of(_CLAUSE_MARK, self.text, self.sentence.start, self.sentence.end, lambda match: match.end())


def _whole_item(item: str, items: frozenset[str]) -> Concept | None:
    """The concept whose wording is the whole of `item`, when it is one of `items`."""
    label = find_label(item)
    whole = label is not None and (label.start, label.end) == (0, len(item))
    return label.concept if label is not None and whole and label.concept.name in items else None


class TextPass:
    def __init__(
        self,
        normal: NormalText,
        original: str,
        label_text: str,
        tokens: list[NumberToken],
        paragraphs: list[Paragraph],
        facts: DocumentFacts,
    ):
        self.normal = normal
        self.original = original
        self.text = label_text  # normalised text with 《…》 titles blanked, same offsets
        self.wordings = WordingIndex("")  # the wordings of the current paragraph
        self.token_starts = [token.num_start for token in tokens]
        budget = facts.report_type == "budget"
        self.markers, self.gap_markers = stage_markers(budget=budget), stage_markers(gap=True, budget=budget)
        self.tokens = tokens
        self.paragraphs = paragraphs
        self.facts = facts
        self.figures: list[Figure] = []
        self.heading_stages: dict[int, str | None] = {}
        self.heading_project: str | None = None
        self.fund_section: tuple[int, str] | None = None  # (rank, fund) of a fund report's section heading
        self.heading_item: Concept | None = None  # the budget line a `基本支出：` paragraph announces
        self.paragraph_subjects: list[str | None] = []  # the project each paragraph is about, if any
        self.item_subject: str | None = None  # the project the last numbered item of a run-on list named
        self.unmarked_changes: set[int] = set()  # ids of the current paragraph's changes printed without 增加/减少
        self.sangong_heading: str | None = None  # the stage a heading about 三公 names
        self.sangong_level = len(_HEADING_LEVEL)
        self.function_class_level: int | None = None  # inside a section that lists function classes
        self.expense_detail_level: int | None = None  # inside a section that lists a project's expenses
        self.fiscal_section_level: int | None = None  # inside the section on the appropriation's totals
        self.listing_projects = False  # after `具体项目情况说明如下：`, until a heading of another rank
        self.project_list_level: int | None = None  # the rank of the list's numbered lines, once one is seen
        self.listed_item = False  # the current paragraph is one of them
        self.row_numbered = bool(_ROW_NUMBER_HEADER.search(label_text))  # a flattened table with a 行次 column
        self.stage_marks = _Marks([], [])  # stage words of the current paragraph
        self.staff_marks = _Marks([], [])  # 编制 / 人员 heads of the current paragraph
        self.sections = unit_sections(label_text)  # a round-up's units, each under its own heading
        self.section_starts = [start for start, _ in self.sections]
        self.section_unit: str | None = None  # the unit of the current round-up section
        self.unit: str | None = None  # the unit the current numbers are about: the section's, or on a page about a
        # whole place, the one the sentence names before them
        self.lead = False  # in a round-up's lead, before the first unit it reports on
        self.last_sangong: _Carried = None  # year and stage of the paragraph's last 三公 amount so far
        self.indicators_from: int | None = None  # where a flattened form's indicator table starts in the paragraph
        self.defines_item = False  # the paragraph opens by defining one item (`（一）经费拨款：指…`)
        self.paragraph_states: list[_SentenceState] = []  # the paragraph's sentences so far, for its first year
        self.paragraph_year: int | None = None  # that year, once found
        self.paragraph_year_at = 0  # where the amount that year is bound to starts
        self.paragraph_scanned = 0  # how many of those sentences were read for it
        self.subset_figures: list[Figure] = []  # on a whole place's page, those of a subset of its units (区直)
        self.subset_paragraph: int | None = None  # the start of the paragraph that speaks of such a subset

    def run(self) -> list[Figure]:
        cursor = 0
        for paragraph in self.paragraphs:
            if paragraph.heading:
                self._enter_heading(paragraph)
            elif self.function_class_level is not None:
                self._leave_function_classes(paragraph)
            self._announce_item(paragraph)
            self._follow_project_list(paragraph)
            self._enter_section(paragraph.start)
            self._enter_unit_item(paragraph)
            subject = self._paragraph_subject(paragraph)
            self.paragraph_subjects.append(subject)
            while cursor < len(self.tokens) and self.tokens[cursor].num_start < paragraph.start:
                cursor += 1
            last = cursor
            while last < len(self.tokens) and self.tokens[last].num_start < paragraph.end:
                last += 1
            # only a paragraph with a number to name is indexed (a heading's year or a date is masked, never named)
            if any(not token.masked for token in self.tokens[cursor:last]):
                self._index_paragraph(paragraph)
                content = self.text[paragraph.start : paragraph.end]
                self.unmarked_changes = (
                    self._unmarked_changes(self.tokens[cursor:last])
                    if ("增加" in content or "减少" in content)
                    else set()
                )
            if not _WHEREOF_OPENING.match(self.text, paragraph.start):
                self.last_sangong = None  # (a paragraph opening with 其中 breaks down the one before: its stage holds)
            self.paragraph_states, self.paragraph_year, self.paragraph_scanned = [], None, 0
            self.item_subject = None
            for sentence in paragraph.sentences:
                while cursor < len(self.tokens) and self.tokens[cursor].num_start < sentence.start:
                    cursor += 1
                end = cursor
                while end < len(self.tokens) and self.tokens[end].num_start < sentence.end:
                    end += 1
                first = len(self.figures)
                level = _heading_level(self.text[sentence.start : sentence.end])
                if level is not None and level < _NUMBERED_LINE:
                    self.item_subject = None  # `二、存在的问题`: the list of projects is over
                self._sentence(paragraph, sentence, self.tokens[cursor:end], self.item_subject or subject)
                if self.facts.whole_place and self._about_a_subset(paragraph, sentence, self.tokens[cursor:end]):
                    self.subset_figures.extend(self.figures[first:])
                cursor = end
            if _PROJECT_LIST_INTRO.search(self.text, paragraph.start, paragraph.end):
                self.listing_projects, self.project_list_level = True, None
        return self._without_subset_repeats()

    def _about_a_subset(self, paragraph: Paragraph, sentence: Sentence, tokens: list[NumberToken]) -> bool:
        """On a page about a whole place, the sentence's numbers are a subset's (`2022年区直财政拨款资金安排“三公”
        经费决算数为736.40万元`: the district-level departments only), and so are those of the rest of its paragraph
        (`具体情况为：…`) until a sentence names the whole place again (`全区…`)."""
        first = next((token.num_start for token in tokens if not token.masked), sentence.end)
        if _WHOLE_PLACE.search(self.text, sentence.start, first):
            self.subset_paragraph = None
        elif _SUBSET_OF_PLACE.search(self.text, sentence.start, first):
            self.subset_paragraph = paragraph.start
        return self.subset_paragraph == paragraph.start

    def _without_subset_repeats(self) -> list[Figure]:
        """A subset's figures stand for the place only where the page prints none of the whole place's of their
        family (三公, staff, …) and year."""
        subset = {id(figure) for figure in self.subset_figures}

        def family(figure: Figure) -> tuple:
            return figure.metric.partition(".")[0], figure.subject, figure.fiscal_year

        whole = {family(figure) for figure in self.figures if id(figure) not in subset}
        return [figure for figure in self.figures if id(figure) not in subset or family(figure) not in whole]

    def _enter_section(self, position: int) -> None:
        """In a round-up of several units (`unit_sections`), numbers belong to the unit whose section they are in;
        the lead before the first section sums up others (the whole city, `本市市级…`) and gives no figure when
        the page is filed under its first unit."""
        opened = bisect.bisect_right(self.section_starts, position)
        self.unit = self.section_unit = self.sections[opened - 1][1] if opened else None
        self.lead = bool(self.sections) and not opened and self.sections[0][1] == self.facts.department

    def _enter_unit_item(self, paragraph: Paragraph) -> None:
        """A combined budget's item about one of its units (`_UNIT_ITEM`): its numbers are that unit's."""
        item = None if self.sections else _UNIT_ITEM.match(self.text, paragraph.start, paragraph.end)
        if item and item.group("unit") != self.facts.department:
            self.unit = item.group("unit")

    def _announce_item(self, paragraph: Paragraph) -> None:
        """`基本支出：` / `(二)项目支出：` alone on a line announces the budget line the next paragraph's
        `年初预算数为…` is about; any other heading ends it."""
        content = self.text[paragraph.start : paragraph.end]
        announced = _ITEM_ANNOUNCEMENT.fullmatch(content)
        heading = (
            _ITEM_HEADING.fullmatch(content)
            if paragraph.heading and not announced and _HEADING_ITEM_WORD.search(content)
            else None
        )
        named = announced or heading
        if named:
            item = named.group("item")
            # also a numbered heading: `一、因公出国(境)经费` ⏎ `预算安排40万元`, `(一)基本支出` ⏎ `年初预算数为71.3万`
            items = _ANNOUNCED_ITEMS if announced else _ANNOUNCED_ITEMS | _SANGONG_HEADINGS
            concept = _whole_item(item, items) or (_whole_item(_ITEM_TAIL.sub("", item), items) if heading else None)
            self.heading_item = concept
        elif paragraph.heading:
            self.heading_item = None

    def _follow_project_list(self, paragraph: Paragraph) -> None:
        """Inside an announced project list, a line numbered like its first item is the next item; a line numbered
        otherwise ends the list; an unnumbered line (`测算标准：268名代表…`) explains the item before it."""
        if not self.listing_projects:
            return
        level = _heading_level(self.text[paragraph.start : paragraph.end])
        if level is None:
            self.listed_item = False
            return
        if self.project_list_level is None and level >= _NUMBERED_LINE:
            self.project_list_level = level
        self.listed_item = level == self.project_list_level
        self.listing_projects = self.listed_item

    def _index_paragraph(self, paragraph: Paragraph) -> None:
        """Scan a paragraph that holds numbers once for its wordings (up to just after its last number: the noun
        a count names, `均为公务接待费`), stage words and staff heads."""
        last = self.tokens[bisect.bisect_left(self.token_starts, paragraph.end) - 1]
        self.wordings = WordingIndex(self.text, paragraph.start, min(paragraph.end, last.end + _AFTER_LAST))
        self.stage_marks = _Marks.of(self.markers, self.text, paragraph.start, paragraph.end)
        self.staff_marks = _Marks.of(_STAFF_HEADS, self.text, paragraph.start, paragraph.end)
        header = _INDICATOR_HEADER.search(self.text, paragraph.start, paragraph.end)
        self.indicators_from = header.start() if header else None
        self.defines_item = bool(_DEFINITION.match(self.text, paragraph.start, paragraph.end))

    # -- context -------------------------------------------------------------------------------------

    def _enter_heading(self, paragraph: Paragraph) -> None:
        content = self.text[paragraph.start : paragraph.end]
        level = _heading_level(content)
        level = len(_HEADING_LEVEL) if level is None else level
        for deeper in [key for key in self.heading_stages if key >= level]:
            del self.heading_stages[deeper]
        stage = last_stage(content, self.markers)
        if stage == "final" and self.facts.report_type == "budget" and "决算" not in content:
            stage = None  # `(二)全年支出` over a 部门预算's spending: the year's budgeted spending
        self.heading_stages[level] = stage
        # `三、“三公”经费预算情况说明`: the stage of a 三公 section, for 三公 amounts that name none
        self.sangong_heading = (
            last_stage(content, self.gap_markers) or ("initial" if _ALLOCATION_HEADING.search(content) else None)
            if "三公" in content
            else (self.sangong_heading if level > self.sangong_level else None)
        )
        self.sangong_level = level if "三公" in content else self.sangong_level
        if self.fiscal_section_level is not None and level <= self.fiscal_section_level:
            self.fiscal_section_level = None
        if self.fiscal_section_level is None and _FISCAL_SECTION.match(content):
            self.fiscal_section_level = level  # the outermost: `(二)…结构情况` under it is still the fund's
        if _FUNCTION_CLASS_HEADING.search(content):
            self.function_class_level = level
        elif self.function_class_level is not None and level <= self.function_class_level:
            self.function_class_level = None
        if _EXPENSE_DETAIL_HEADING.search(content):
            self.expense_detail_level = level
        elif self.expense_detail_level is not None and level <= self.expense_detail_level:
            self.expense_detail_level = None
        known = [name for name in self.facts.known_projects if name in content]
        self.heading_project = max(known, key=len) if known else None
        if self.fund_section and level <= self.fund_section[0]:
            self.fund_section = None
        fund = _FUND_HEADING.fullmatch(content) if "project" in self.facts.report_type else None
        if fund:
            self.fund_section = (level, project_name(fund.group("part") or fund.group("fund")))

    def _leave_function_classes(self, paragraph: Paragraph) -> None:
        """`(二)按支出用途分类，包括人员支出…` after `(一)按支出功能分类…`: an item of the same rank, even printed as a
        sentence, ends the function classes."""
        level = _heading_level(self.text[paragraph.start : paragraph.end])
        if level is not None and self.function_class_level is not None and level <= self.function_class_level:
            self.function_class_level = None

    def _section_stage(self) -> str | None:
        stages = [stage for _, stage in sorted(self.heading_stages.items()) if stage]
        if stages:
            return stages[-1]
        return {"final_accounts": "final", "budget": "initial"}.get(self.facts.report_type) or (
            "final" if self.facts.report_type.startswith("self_eval") else None
        )

    def _paragraph_subject(self, paragraph: Paragraph) -> str | None:
        content = self.text[paragraph.start : paragraph.end]
        head = _PROJECT_HEAD.match(content)
        if head:
            name = head.group("name").strip()
            if self._is_project(name, content):
                subject = project_name(name)
                self.facts.known_projects.add(subject)
                return subject
        summary = _PROJECT_SUMMARY_HEAD.match(content)
        if summary:  # `X项目绩效自评综述：…全年预算数为200万元，执行数为179.43万元`: the project's money
            subject = project_name(summary.group("name"))
            self.facts.known_projects.add(subject)
            return subject
        report_head = _PROJECT_REPORT_HEAD.match(content)
        if report_head and not _WHOLE_SPENDING_NAME.search(report_head.group("name")):
            subject = project_name(report_head.group("name"))
            self.facts.known_projects.add(subject)
            return subject
        if "该项目" in content and self.heading_project:
            return self.heading_project
        if self.fund_section:
            return self.fund_section[1]
        title_project = self.facts.title_project
        if title_project and (title_project in content or _THIS_PROJECT.search(content) or self.facts.one_project):
            return title_project  # a single-project report (or an evaluation of one project) speaks of its project
        return None

    def _label_before_own_name(self, name: str, state: _SentenceState, token: NumberToken, window: str) -> Label | None:
        """The subject's own name between a wording and its number is no gap: `区财政预算安排文化引导专项资金300万元`
        in a report on that fund is its budget, as `预算安排300万元` would be."""
        named = re.search(rf"[“\"]?{re.escape(name)}[”\"]?(?:项目)?(?:资金|经费)?\s*$", window)
        if named is None or not named.start():
            return None
        window_start = token.num_start - len(window)
        return self.wordings.label_before(window_start, window_start + named.start(), state.topics)

    def _heading_items(self, label: Label, state: _SentenceState) -> Label:
        """The item a heading announced, for a wording that names no item: `基本支出：` ⏎ `2018年年初预算数为1973.4
        万元` (the line's budget), `1.因公出国(境)支出` ⏎ `2015年全年支出226万元` (the 三公 item's spending)."""
        item = self.heading_item
        assert item is not None
        if state.named_class:  # the sentence named what its last number was (`国内公务接待8批次，…共计支出X`)
            return label
        if label.concept.stage_word:
            return Label(item, label.start, label.end, stage=stage_of(label.concept))
        if label.concept.name in _SPENDING_WORDS and item.name in _SANGONG_HEADINGS:
            return Label(item, label.start, label.end)
        return label

    def _is_project(self, name: str, paragraph: str) -> bool:
        if name in self.facts.known_projects or project_name(name) in self.facts.known_projects:
            return True
        if name.endswith("项目"):
            return True  # `1、某村农田道路建设项目，…`: named a project outright
        suffix = _PROJECT_SUFFIX.search(name)  # a name, not a bare `2.资金:` item heading
        return bool(suffix and suffix.start()) and ("project" in self.facts.report_type or "该项目" in paragraph)

    # -- one sentence ----------------------------------------------------------------------------------

    def _sentence(self, paragraph: Paragraph, sentence: Sentence, tokens: list[NumberToken], subject) -> None:
        content = self.text[sentence.start : sentence.end]
        if self.facts.whole_place and tokens:  # `比如，某省某办公室预算说明表明，该部门…基本支出…`
            self.unit = unit_named(self.text[sentence.start : tokens[0].num_start]) or self.section_unit
        prefix = _PROJECT_PREFIX.match(content)
        first_item = None if prefix else _first_announced_item(content)
        prefix = prefix or first_item or self._numbered_fund(content)
        # a numbered project of a run-on list (`…。2、X项目:预算20万元…`) owns its sentence, whatever its paragraph's,
        # and the sentences after it up to the next item (`…共支出成本20万元，已实际支付20万元。`)
        numbered = prefix and (first_item or _NUMBERED.match(content))
        if (subject is None or numbered) and prefix and not _NOT_A_PROJECT.search(prefix.group("name")):
            subject = prefix.group("name")
            self.item_subject = subject if numbered else self.item_subject
        subject = subject or self._announced_project(paragraph, sentence, content)
        project_report = self.facts.report_type == "self_eval_project"  # all its money is the projects'
        reason = _REASON.search(content)  # `…，增加变化主要原因是：新增…的项目资金`: the cause, not the amount's scope
        scope_word = PROJECT_SCOPE.search(content, 0, reason.start() if reason else len(content))
        scoped = project_report or subject is not None or scope_word is not None
        state = _SentenceState(
            self.text,
            sentence,
            tokens,
            scoped,
            subject,
            content,
            self.gap_markers,
            document_year=self.facts.fiscal_year,
        )
        if scope_word is not None and not (project_report or subject is not None):
            state.scope_start = sentence.start + scope_word.start()
        if _BREAKDOWN_OPENING.match(content):
            state.carried = self.last_sangong
        elif self._continues_breakdown(sentence):
            state.carried = self.paragraph_states[-1].carried  # `其中：A0万元；B140万元；…`: the same list
        self.paragraph_states.append(state)
        if all(token.masked for token in tokens):  # only zeros in words (`无A和B支出`), an unchanged budget
            self._label_lists(paragraph, state)
            self._unchanged_budget(state)
            return
        consumed = self._pair_totals(state) | self._label_lists(paragraph, state)
        consumed |= self._listed_project(paragraph, state)
        consumed |= {index for index, token in enumerate(tokens) if id(token) in self.unmarked_changes}
        topic: _Topic | None = None
        list_concept = self._list_going_on(sentence)
        head, head_concept = self._head_without_amount(sentence)
        window_start = sentence.start
        outer: _Topic | None = None  # the topic in force before a bracketed aside (`30批次(其中外事26批次),579人次`)
        scoring = False  # past a run-on score table's header (`一级指标 分值 二级指标 分值 三级指标 分值 得分 …`)
        for index, token in enumerate(tokens):
            if head and window_start <= head.start() and head.end() <= token.num_start:
                window_start, list_concept, topic = head.end(), head_concept, None
            window = self.text[window_start : token.num_start]
            scoring = scoring or bool(_SCORE_TABLE_HEADER.search(window))
            if scoring and not token.has_unit:  # its points, no money
                window_start, list_concept, topic = token.end, None, None
                continue
            inside = outer is not None
            topic, outer, window = _aside(window, topic, outer)
            if inside and outer is None and not window.strip():  # the number right after a bracketed note
                window = self._before_note(sentence, token)
            if (
                outer is not None
                and token.unit_class in ("person", "vehicle")
                and _OTHERS_COUNT_IN_BRACKET.search(window)
            ):
                window_start, topic = token.end, None  # `实有23人(甲中心11人、乙所编制3人)`: a unit's part, not ours
                continue
            if token.counts_other and self._count_before_noun(paragraph, state, token, window):
                window_start, topic = token.end, None
                continue
            if token.masked or token.counts_other:  # `年初批复5个项目312.00万元`: the wording reaches past the count
                topic = topic if token.masked else None
                continue
            window_start = token.end
            if index in consumed or token.unit_class in ("score", "other") or _glued(tokens, index):
                topic = None
                if token.unit_class == "score":  # `安排资金10万元，其中：项目立项6分…总得分90`: scores, no projects
                    list_concept = None
                continue
            after_pairs = self._after_label_pairs(tokens, index)
            if self._in_column_run(tokens, index) or after_pairs:
                # `② 基本支出 100.54 58.07 158.61 158.45 99.9 0.16 0.1`: a form's row whose header no table reader
                # took; which column is which is not known, and no one wording names them all
                if after_pairs and self._rate_column_above(token):
                    # the number after a row of pairs under a header line ending `预算执行进度(%)`: the rate
                    rate = CONCEPT_BY_NAME["exec_rate"]
                    self._emit_token(paragraph, state, token, rate, Label(rate, 0, 0), window, None)
                topic = None
                continue
            if self.row_numbered and self._row_number(token):
                # `八其他收入 8 33.19`: the 行次 between a label and its amount, which inherits the label; after
                # `八其他收入 8 33.19 41.20 9` the amounts of several rows were pasted together: none is named
                label = self.wordings.label_before(token.num_start - len(window), token.num_start, state.topics)
                lone = self._amounts_after(tokens, index) == 1
                topic = _Topic(label.concept, None) if label and label.concept.name != "excluded" and lone else None
                continue
            self._quoted_project_clause(state, window)
            item = self._list_item(paragraph, state, token, window, list_concept) if head else None
            topic = item or self._name_and_emit(paragraph, state, token, window, topic, list_concept)
            state.named_class = token.unit_class if topic else None
            state.money_topic = topic if topic and token.unit_class == "money" else state.money_topic
            if topic and topic.concept.name in ("sangong", "vehicle"):
                self._all_of_one_item(paragraph, state, token, window, topic.concept.name)
            if topic and topic.concept.name in _LIST_HEADS and self._opens_list(token, index, tokens, topic.concept):
                list_concept = topic.concept
            last = index == len(tokens) - 1
            state.closing_head = topic.concept if last and topic and topic.concept.name in _LIST_HEADS else None
        state.open_list = list_concept if state.listed else None
        self._unchanged_budget(state)

    @staticmethod
    def _quoted_project_clause(state: _SentenceState, window: str) -> None:
        """`…整体执行率为90%：“甲经费”项目支出20万元，执行率82%；“乙经费”项目支出…`: a clause opened by a quoted
        project's name speaks of that project from there on in its sentence."""
        if "”项目" not in window:  # (a cheap test before the pattern)
            return
        clauses = list(_QUOTED_PROJECT_CLAUSE.finditer(window))
        quoted = clauses[-1] if clauses else None
        if quoted and not _NOT_A_PROJECT.search(quoted.group("name")):
            state.paragraph_subject, state.project_scope = project_name(quoted.group("name")), True

    def _before_note(self, sentence: Sentence, token: NumberToken) -> str:
        """The window of a number printed right after a bracketed note with numbers of its own (`基本支出(含人员经费
        20万元)50万元`): from before the note, so that the wording the note follows names the number."""
        opening = max(self.text.rfind("(", sentence.start, token.num_start), sentence.start)
        return self.text[max(sentence.start, opening - LABEL_REACH) : token.num_start]

    def _listed_project(self, paragraph: Paragraph, state: _SentenceState) -> set[int]:
        """`1、代表履职补贴643200元；` in an announced project list: the line's first amount is the money of the
        project its words name (digits allowed: `第16届人大代表会议经费`); the numbers before it are the name's."""
        if not self.listed_item or state.sentence.start != paragraph.start or self.project_list_level is None:
            return set()
        marker = _HEADING_LEVEL[self.project_list_level].match(state.content)
        amounts = (k for k, token in enumerate(state.tokens) if token.unit_class == "money" and token.has_unit)
        index = next(amounts, None)
        if marker is None or index is None:
            return set()
        token = state.tokens[index]
        name = self.text[state.sentence.start + marker.end() : token.num_start].strip()
        wording = find_label(name)
        if (
            not _LISTED_PROJECT.fullmatch(name)
            or _NOT_A_LIST_ITEM.search(name)
            or (wording is not None and (wording.start, wording.end) == (0, len(name)))  # `1、会议费…`: no project
        ):
            return set()
        concept = CONCEPT_BY_NAME["project_exp"]
        self._emit_token(paragraph, state, token, concept, Label(concept, 0, 0), name, project_name(name))
        return set(range(index + 1))

    def _row_number(self, token: NumberToken) -> bool:
        """A 1–2 digit integer without a unit, spaced off from what follows it: a 行次 (`本年收入合计 27 使用…
        28`: a row whose amount cell is blank prints its 行次 only)."""
        printed = self.text[token.num_start : token.num_end]
        following = self.text[token.end : token.end + 1]
        return not token.has_unit and printed.isdigit() and len(printed) <= 2 and following in ("", " ", "\n")

    def _in_column_run(self, tokens: list[NumberToken], index: int) -> bool:
        """The number is one of a run of bare numbers (no unit) that only spaces separate on one line."""
        first = last = index
        while first > 0 and self._same_row(tokens[first - 1], tokens[first]):
            first -= 1
        while last + 1 < len(tokens) and self._same_row(tokens[last], tokens[last + 1]):
            last += 1
        return last - first + 1 >= _COLUMN_RUN

    def _after_label_pairs(self, tokens: list[NumberToken], index: int) -> bool:
        """`预算数 6.84 到位数 6.84 执行数 6.84 100.00`: after a row of label-value pairs, a bare number right after
        the last pair is the next column (here the rate under `预算执行进度(%)`), not the last label's second amount."""
        if self.row_numbered or index < 2 or not self._same_row(tokens[index - 1], tokens[index]):
            return False  # (in a flattened 收支总表 the number before is a 行次: `八其他收入 8 12.06`)
        return bool(_PAIR_LABEL.fullmatch(self.text, tokens[index - 2].end, tokens[index - 1].num_start))

    def _rate_column_above(self, token: NumberToken) -> bool:
        """The line above the token's ends with a rate's column header (`… 预算执行进度(%)`)."""
        line_start = self.text.rfind("\n", 0, token.num_start) + 1
        above_start = self.text.rfind("\n", 0, max(0, line_start - 1)) + 1
        return bool(line_start and _RATE_COLUMN_ABOVE.search(self.text, above_start, line_start))

    def _same_row(self, previous: NumberToken, following: NumberToken) -> bool:
        gap = self.text[previous.end : following.num_start]
        return not (previous.has_unit or following.has_unit or gap.strip() or "\n" in gap or not gap)

    def _amounts_after(self, tokens: list[NumberToken], index: int) -> int:
        """How many numbers follow the 行次 at `index` across spaces only, up to the next row number or word."""
        count = 0
        for previous, following in zip(tokens[index:], tokens[index + 1 :], strict=False):
            if self.text[previous.end : following.num_start].strip() or self._row_number(following):
                break
            count += 1
        return count

    def _unmarked_changes(self, tokens: list[NumberToken]) -> set[int]:
        """Amounts of a list of changes whose change word was lost at one item (`其中：A支出决算增加0元，增长0%；
        B支出决算174,732.10元，增长176.55%；C支出决算增加56,716.00元，增长95.00%`): an amount printed right after
        the words its siblings print before their 增加/减少, and followed by its growth rate, is a change too."""
        money = [token for token in tokens if token.unit_class == "money"]
        before_change = set()
        for token in money:
            change = _CHANGE_BEFORE.search(self.text, max(0, token.num_start - 6), token.num_start)
            if change:
                before_change.add(self.text[max(0, change.start() - _SHAPE) : change.start()])
        if (
            len(before_change) == 0
            or sum(1 for t in money if _CHANGE_BEFORE.search(self.text, max(0, t.num_start - 6), t.num_start)) < 2
        ):
            return set()
        return {
            id(token)
            for token in money
            if _RATE_AFTER.match(self.text, token.end)
            and self.text[max(0, token.num_start - _SHAPE) : token.num_start] in before_change
        }

    def _all_of_one_item(self, paragraph, state, token, window, whole: str) -> None:
        """`“三公”经费支出3.92万元，均为公务接待费`, `公务用车购置及运行费294万元(全部为公务用车运行费)`: the
        whole is also its one part's amount."""
        all_of = _ALL_OF.match(self.text, token.end)
        label = self.wordings.label_at(all_of.end(), state.topics) if all_of else None
        parts = _VEHICLE_PARTS if whole == "vehicle" else FINAL_ONLY - {"sangong"}
        if label is not None and label.concept.name in parts:
            self._emit_token(paragraph, state, token, label.concept, Label(label.concept, 0, 0), window, None)

    def _count_before_noun(self, paragraph, state, token, window) -> bool:
        """`因公出国（境）0个团组`, `核定7名事业编制`: a count printed before the noun it counts, when that noun is a
        三公 wording or a kind of posts."""
        label = self.wordings.label_at(token.end, state.topics)
        if label is None or label.concept.name not in FINAL_ONLY | _POSTS:
            return False
        return bool(self._emit_token(paragraph, state, token, label.concept, Label(label.concept, 0, 0), window, None))

    def _name_and_emit(self, paragraph, state, token, window, topic, list_concept) -> _Topic | None:
        """Emit the number under the first reading that names it; return the topic later numbers inherit.

        Order: a specific wording (even when it names none of our metrics: 三公 年初预算 stays 三公), a generic
        wording that resolves in this context, the previous number's topic across filler, a project list item.
        """
        label = self.wordings.label_before(token.num_start - len(window), token.num_start, state.topics)
        if label is None and state.paragraph_subject:
            label = self._label_before_own_name(state.paragraph_subject, state, token, window)
        if label is not None and label.concept.name == "excluded":
            return None
        rated = self._project_rate(paragraph, state, token, window)
        if rated is not None:
            return rated
        if label is not None and label.concept.name in _SPENDING_WORDS and _FUND_SPENT.search(window):
            # `其中：业务工作经费支出105.3万元；…`: an item of a list of projects, with its spending word
            item = self._list_item(paragraph, state, token, window[: label.start], list_concept)
            if item is not None:
                return item
        if label is not None and self.heading_item is not None:
            label = self._heading_items(label, state)
        item = topic or state.money_topic  # the item of the amount before, also across a bracketed aside
        if item is None:
            label = self._item_of_clause_before(label, token.num_start - len(window), window)
        if label is not None and item is not None and self._sangong_topic(item, window[: label.start]):
            # `公务接待费支出2.05万元，年初预算为2万元` (the item's budget, no figure of ours); `公务接待费财政拨款
            # 预算60万元（含…），实际支出52万元` (the item's actual)
            stage = self._stage_word(label, window)
            label = Label(item.concept, label.start, label.end, stage=stage) if stage else label
        label_start = token.num_start - len(window) + label.start if label is not None else 0
        if label is not None and self._names_a_change(state, label_start):
            return None
        every_item = (
            label is not None
            and label.concept.name in _SANGONG_HEADINGS
            and self._lists_every_item(label_start, label.concept)
        )
        if label is not None and every_item:
            # `因公出国(境)经费、公务用车购置及运行费、公务接待费决算支出94.7亿元`: the three items' sum
            label = Label(CONCEPT_BY_NAME["sangong"], label.start, label.end, stage=label.stage)
        if label is not None and label.concept.tier == 1:
            if every_item or not self._combined(window, label):
                self._emit_token(paragraph, state, token, label.concept, label, window, None)
            scoped = label.concept.name in SCOPE_LIMITED and self._scoped(state, label_start)
            return _Topic(label.concept, None, scoped)
        if label is not None and self._emit_token(paragraph, state, token, label.concept, label, window, None):
            return _Topic(label.concept, None)
        leading = _LEADING.sub("", window)
        summed = self._staff_sum(paragraph, state, token, window, leading)
        if summed is not None:
            return summed
        if (state.named_class == "percent" or topic is None) and state.money_topic and _COMPARED_YEAR.match(leading):
            # `决算820.33万元，完成预算的98.59%，较2022年决算数688.84万元`, also after a change (`…比预算减少X万元，
            # 比2013年度决算数Y万元减少…`): the item of the sentence's amount
            topic = state.money_topic
        if topic is not None and topic.concept.name in _SPENDING_OF and _SPENDING_WORD.fullmatch(leading):
            # `部门收入5649006.18元，支出5238630.16元`: the spending beside the income
            spending = CONCEPT_BY_NAME[_SPENDING_OF[topic.concept.name]]
            self._emit_token(paragraph, state, token, spending, Label(spending, 0, 0), window, topic.subject)
            return _Topic(spending, topic.subject)
        if topic is not None and topic.concept.stage_word and _COMPARED_SPENDING.match(leading):
            # `2023年收支总预算X，比上年实际支出Y增加…`: a budget compared with the spending of the year before
            spending = CONCEPT_BY_NAME["expenditure_total"]
            self._emit_token(paragraph, state, token, spending, Label(spending, 0, 0), window, topic.subject)
            return topic
        if topic is not None and (FILLER.fullmatch(leading) or _COMPARED_YEAR.match(leading)):
            # `…，上年为X` / `（2021年为X）`, and `比2022年执行数X万元增加…`: the same item in another year
            if topic.scoped or (token.unit_class == state.named_class == "money" and _SUM_WORDS.search(leading)):
                # `会议费1.2万元，培训费0.8万元，合计2万元`: a sum is no item's amount; after counts
                # (`国内公务接待221批次，1768人，共计支出9.95万元`) it is the item's money
                return topic
            self._emit_token(paragraph, state, token, topic.concept, Label(topic.concept, 0, 0), window, topic.subject)
            return topic
        item = self._list_item(paragraph, state, token, window, list_concept)
        if item is not None:
            return item
        clause = _CLAUSE_SEPARATOR.split(window)[-1]
        counted = self._counted_item(paragraph, state, token) if FILLER.fullmatch(clause) else None
        if counted is not None:  # `因公出国（境）支出3.20万元，主要是…，全年累计1个批次`, not `服务群众4,100人次`
            self._emit_token(paragraph, state, token, counted, Label(counted, 0, 0), window, None)
        return None

    def _scoped_before(self, state: _SentenceState, token: NumberToken) -> bool:
        """The sentence's project words come before the number or in its own clause: `收入总数为9657351.13元，其中…，
        项目资金为825187.35元` scopes the last amount only."""
        clause_end = _CLAUSE_MARK.search(self.text, token.end, state.sentence.end)
        return state.scope_start < (clause_end.start() if clause_end else state.sentence.end)

    def _names_a_change(self, state: _SentenceState, label_start: int) -> bool:
        """A change verb right before the item's wording (`减少了“三公”经费342.74万元`) makes the amount a change, and
        so does the `其中` breakdown that follows such an amount (`，其中公务用车购置及运行维护费308.87万元`)."""
        before = max(state.sentence.start, label_start - _CHANGE_VERB_REACH)
        if _CHANGED_ITEM.search(self.text, before, label_start):
            state.change_named = True
        elif not (state.change_named and _BREAKDOWN_LEAD.search(self.text, before, label_start)):
            return False
        return True

    def _kinds_of_the_retired(self, state: _SentenceState, label_start: int) -> bool:
        """A kind's count listed after a count of the retired, with no serving staff named between."""
        ends = [m.end() for m in _RETIRED_COUNT.finditer(self.text, state.sentence.start, label_start)]
        return bool(ends) and not _STAFF_LIST_HEAD.search(self.text, ends[-1], label_start)

    def _level_share(self, state: _SentenceState, label_start: int) -> bool:
        """In a sentence that opens with 其中, a clause that opens with a level of government (`中央补助…`,
        `省级财政配套资金…`) speaks of that level's part of a fund's money."""
        if not _WHEREOF_OPENING.match(state.content):
            return False
        starts = [
            max(
                (m.end() for m in marks.finditer(self.text, state.sentence.start, label_start)),
                default=state.sentence.start,
            )
            for marks in (_CLAUSE_MARK, _SEGMENT_MARK)
        ]  # its own clause, or the segment it ends (`其中:2024年中央集中彩票公益金10.7万元,2024年度执行数8.46万元;…`)
        return any(_LEVEL_PART.match(self.text, start, label_start) for start in starts)

    def _staff_sum(self, paragraph, state, token, window, leading) -> _Topic | None:
        """`实有人员中，正式民警132人、事业人员26人、辅警118人，共计276人`: a sum after a sentence's list of staff
        counts is the unit's whole staff, after a list of posts (`行政编制10名、事业编制5名，共计15名`) its whole
        establishment, never the last item's. A list that counts the retired or hired help (`实际在职19人、退休8人、
        聘用3人，合计30人`), or people served, sums none of ours."""
        if token.unit_class != "person" or not _SUM_ALONE.fullmatch(leading):
            return None
        listed = [t for t in state.tokens if t.num_start < token.num_start and t.unit_class == "person"]
        if len(listed) < 2 or _OUTSIDE_STAFF.search(self.text, state.sentence.start, token.num_start):
            return None
        sentence_start = self.normal.to_original(state.sentence.start)
        kinds = [f for f in self.figures if f.span_start == sentence_start and f.metric.startswith("staff.")]
        if kinds:
            name = "auth_total" if kinds[-1].metric.startswith("staff.authorized") else "actual_total"
        elif _STAFF_LIST_HEAD.search(self.text, state.sentence.start, listed[0].num_start):
            name = "actual_total"
        else:
            return None
        concept = CONCEPT_BY_NAME[name]
        if (_LIST_SUMS[name], token.value) not in {(f.metric, f.value) for f in kinds}:  # not printed before the list
            self._emit_token(paragraph, state, token, concept, Label(concept, 0, 0), window, None)
        return _Topic(concept, None)

    def _project_rate(self, paragraph, state, token, window) -> _Topic | None:
        """`…资金执行情况：桂花村美丽乡村项目99.89%，响洪甸水毁修复项目执行率95.6%`: in a paragraph about execution,
        a rate whose own clause names a project is that project's execution rate."""
        if token.unit_class != "percent" or "执行" not in self.text[paragraph.start : paragraph.end]:
            return None
        clause = _CLAUSE_SEPARATOR.split(window)[-1].strip()
        named = _PROJECT_RATE_CLAUSE.fullmatch(clause)
        if named is None or _NOT_A_PROJECT.search(named.group("name")):
            return None
        concept, subject = CONCEPT_BY_NAME["exec_rate"], project_name(named.group("name"))
        self._emit_token(paragraph, state, token, concept, Label(concept, 0, 0), window, subject)
        return _Topic(concept, subject)

    def _head_without_amount(self, sentence: Sentence) -> tuple[re.Match[str] | None, Concept]:
        """The head of a list whose items follow it at once, and what the items' money is: projects' spending
        (`项目支出包括A经费X万元…`) or money allotted from above (`中央、市级下达转移支付A项目40万元；…`)."""
        spending = _HEAD_WITHOUT_AMOUNT.search(self.text, sentence.start, sentence.end)
        if spending:
            return spending, CONCEPT_BY_NAME["project_exp"]
        if self.text.find("下达", sentence.start, sentence.end) < 0:  # (a cheap test before the long pattern)
            return None, CONCEPT_BY_NAME["received"]
        return _ALLOTMENT_HEAD.search(self.text, sentence.start, sentence.end), CONCEPT_BY_NAME["received"]

    def _after_sangong_item(self, state: _SentenceState, label_start: int) -> bool:
        """A 三公 item, or the cars (`我办公车实有数量7辆`), is spoken of earlier in the sentence: the budget that
        follows is its, not the department's."""
        named = self.wordings.hits_between(state.sentence.start, label_start)
        if any(hit[2].name in _SANGONG_HEADINGS or hit[2].name == "vehicles_held" for hit in named):
            return True
        return bool(topics_of(self.text[state.sentence.start : label_start]))

    def _list_item(self, paragraph, state, token, window, list_concept) -> _Topic | None:
        """A project of a list (`…，包括A经费X万元、B经费Y万元`): the window names only the item."""
        if list_concept is None:
            return None
        name = _INTRO_WORD.sub("", _LIST_SEPARATOR.sub("", _LIST_INTRO.sub("", window)).strip())
        if not _PROJECT_NAME.fullmatch(name) or _NOT_A_LIST_ITEM.search(name):
            return None
        item = _Topic(list_concept, project_name(name))
        self._emit_token(paragraph, state, token, list_concept, Label(list_concept, 0, 0), window, item.subject)
        state.listed = True
        return item

    def _counted_item(self, paragraph: Paragraph, state: _SentenceState, token: NumberToken) -> Concept | None:
        """The one 三公 item with counts (出国 or 接待) a sentence speaks of before a count nothing else names; in a
        sentence that names none (`共376批次、3314人次。`), the one its paragraph spoke of before it."""
        if token.unit_class not in ("group", "person"):
            return None
        items, topics = self._items_between(state.sentence.start, token.num_start), state.topics
        if not items:
            items = self._items_between(paragraph.start, state.sentence.start)
            topics = topics_of(self.text[paragraph.start : state.sentence.start])
        families = {_COUNTED_ITEMS[name] for name in items}
        if len(families) != 1 or len(items) != 1 or ("reception" in families and "reception" not in topics):
            return None  # `接待来访群众120人次` is no 公务接待
        return next(iter(items.values()))

    def _items_between(self, start: int, end: int) -> dict[str, Concept]:
        low = bisect.bisect_left(self.wordings.starts, start)
        high = bisect.bisect_left(self.wordings.starts, end, low)
        return {hit[2].name: hit[2] for hit in self.wordings.hits[low:high] if hit[2].name in _COUNTED_ITEMS}

    def _item_of_clause_before(self, label: Label | None, window_start: int, window: str) -> Label | None:
        """A 三公 item named in a clause of its own, then its amount under a bare stage or spending word, or none
        (`公务接待费降幅最大，2015年决算数2352万元`, `主要开销是公务用车运行维护费，去年共支出5亿元`,
        `因公出国(境)次之，共1.2亿元`): the item's amount, at that word's stage (an item's budget is no figure of
        ours)."""
        if label is not None and not (label.concept.stage_word or label.concept.name in _SPENDING_WORDS):
            return label
        end = window_start + (label.start if label is not None else len(window))
        items = [hit for hit in self.wordings.hits_between(window_start, end) if hit[2].name in _SANGONG_HEADINGS]
        if not items or not _CLAUSE_MARK.search(self.text, items[-1][1], end):
            return label
        if label is None:
            if not _AMOUNT_CLAUSE.fullmatch(self.text, items[-1][1], end):
                return None
            return Label(items[-1][2], items[-1][0] - window_start, items[-1][1] - window_start)
        stage = self._stage_word(label, window) if label.concept.stage_word else "final"
        return Label(items[-1][2], label.start, label.end, stage=stage)

    @staticmethod
    def _sangong_topic(topic: _Topic, before: str) -> bool:
        """The previous amount named a 三公 item and only punctuation (or a note in brackets without numbers,
        `(人民币,下同)`) separates it from the next wording, or a comparison (`决算6.4亿元，比年初预算8.3亿元减少…`)."""
        between = _LEADING.sub("", _NOTE_ASIDE.sub("", before.lstrip(")）")))
        return topic.concept.name in FINAL_ONLY and not _COMPARISON_WORD.sub("", between)

    @staticmethod
    def _stage_word(label: Label, window: str) -> str | None:
        """The stage a wording names by itself: 年初预算 / 调整预算, or a wording of filler words only (实际支出)."""
        if label.concept.stage_word:
            return stage_of(label.concept)
        return "final" if FILLER.fullmatch(window, label.start, label.end) else None

    @staticmethod
    def _combined(window: str, label: Label) -> bool:
        """`会议费和培训费合计3.5万元`: one amount for two wordings cannot be split."""
        before = window[: label.start]
        joiner = re.search(r"[和及与、]\s*$", before)
        if joiner is None:
            return False
        labels = find_labels_in_list(before[max(0, joiner.start() - 24) : joiner.start()])
        return bool(labels) and labels[-1].end == min(joiner.start(), 24)

    def _lists_every_item(self, label_start: int, concept: Concept) -> bool:
        """The wording at `label_start` ends a list (`A、B和C`) that names all three 三公 items: outbound, vehicles
        (as one item or as its purchase and operation) and reception."""
        names, position = {concept.name}, label_start
        while True:
            low = bisect.bisect_left(self.wordings.starts, position - _ITEM_LIST_REACH)
            high = bisect.bisect_left(self.wordings.starts, position, low)
            joined = [
                hit
                for hit in self.wordings.hits[low:high]
                if hit[2].name in _SANGONG_HEADINGS and _ITEM_JOINER.fullmatch(self.text, hit[1], position)
            ]
            if not joined:
                break
            start, _, item = min(joined)  # the longest wording ending there (`公务用车购置及运行费`, not `运行费`)
            names.add(item.name)
            position = start
        vehicles = "vehicle" in names or _VEHICLE_PARTS <= names
        return vehicles and {"outbound", "reception"} <= names

    def _opens_list(self, token: NumberToken, index: int, tokens: list[NumberToken], head: Concept) -> bool:
        following = tokens[index + 1].num_start if index + 1 < len(tokens) else token.end + 12
        intro = _WHEREOF if head.name in _WHEREOF_LIST_HEADS else _LIST_INTRO
        return bool(intro.match(self.text[token.end : following]))

    def _emit_token(self, paragraph, state, token, concept, label, window, item_subject) -> str | None:
        """Resolve and record one number; return its metric, or None when it names none of ours.

        `label` is the wording found in `window`; an empty label (end 0) stands for a concept the number
        inherited or a project list item, whose wording is not in the window."""
        subject = item_subject or state.paragraph_subject
        if subject is None and concept.name in _PROJECT_MONEY_CONCEPTS and label.end:
            subject = _allotted_fund(window[label.start : label.end])
        # a number without a unit is counted when its wording says so (`因公出国(境)团组数 13`, `接待人次 34`)
        unit_class = token.unit_class if token.has_unit else _wording_class(window, label, concept)
        window_start = token.num_start - len(window)
        label_start = window_start + label.start if label.end else token.num_start
        gap = window[label.end :] if label.end else window
        stage = self._stage(concept, gap, label, state, label_start, unit_class in _COUNT_CLASSES)
        budgeted = stage in ("initial", "adjusted") and concept.name in FINAL_ONLY
        counted_after_spending = state.spent_beside_budget and unit_class in _COUNT_CLASSES
        if budgeted and (counted_after_spending or self._beside_its_budget(token, gap, label)):
            # `其中，因公出国(境)经费326万元，比年初预算数减少84万元，共组织团组17个`: spent, and its counts are
            # the year's, whatever stage came before
            stage, state.spent_beside_budget = "final", True
        context = Context(
            unit_class=unit_class,
            stage=stage,
            project_scope=state.project_scope and self._scoped_before(state, token),
            project_subject=subject is not None,
            region=state.regions.last_before(token.num_start),
            staff_kind=self.staff_marks.last_before(label_start),
            topics=state.topics,
        )
        if self.indicators_from is not None and label_start > self.indicators_from:
            return None  # `…三级指标 年初目标值 实际完成值 … 医疗收入达到5亿元`: an indicator's value, no money of ours
        if unit_class == "person" and _LEAVERS_AFTER.match(self.text, token.end):
            return None  # `编制4名，实有3人，1人退休`: those who left, no staff of ours
        if self.defines_item and concept.name in _ITEM_DEFINED_TOTALS:
            return None  # `（一）经费拨款：指…。2013年预算安排34646.93万元`: that item's budget, not the total
        fully_funded = _FULLY_FUNDED.match(window, label.start, label.end) or _FULLY_FUNDED_BEFORE.search(
            window, 0, label.start
        )
        if fully_funded and _OTHER_FUNDING.search(state.content):
            # `全额事业编45个、差额事业编120个`: one funding share of the institution posts, not all of them
            return None
        if concept.name in _STAFF_KINDS and self._kinds_of_the_retired(state, label_start):
            return None  # `退休0人，行政人员0人，其他事业人员0人`: the retired by kind, no staff of ours
        if concept.name in _PROJECT_MONEY_CONCEPTS and state.project_scope and self._level_share(state, label_start):
            return None  # `其中中央补助经费执行7177万元，省级配套资金执行2088万元`: each level's part, no fund's whole
        concept = self._kind_of_posts(concept, window[label.start : label.end], label_start, token) or concept
        if concept.name in _POSTS_AS_PEOPLE and self._breaks_down_staff(label_start):
            concept = CONCEPT_BY_NAME[_POSTS_AS_PEOPLE[concept.name]]  # `实有在职人数92人，其中行政编制29人`
        if concept.name == "actual_total":
            if self._part_of_excluded_count(state, label_start):
                return None  # `非统发工资人数24人，其中：在职24人`: the serving part of a count that is none of ours
            wording = window[label.start : label.end]
            summed = _SUM_BEFORE.search(self.text, max(state.sentence.start, label_start - 2), label_start)
            if (summed or wording.startswith(_SUM_LEADS)) and (
                _OUTSIDE_STAFF.search(self.text, state.sentence.start, label_start)
            ):
                return None  # `在编15人，退休3人，劳务派遣5人，共实有人数24人`: a sum over the retired and hired help
            if _HIRED_INCLUDED.match(self.text, token.end) or (
                _HIRED_LISTED.match(self.text, token.end) and _ON_ESTABLISHMENT.search(state.content)
            ):
                return None  # `期末实有人员60人(含编内人员+编外长期聘用人员)`: hired help counted in, none of ours
            if ("在职" in wording or "在编" in wording) and (
                self._breaks_down_staff(label_start)
                or _HEAD_COUNT_BEFORE.search(self.text, max(0, label_start - _HEAD_COUNT_REACH), label_start)
            ):
                # `实有人数39人，其中在职人员38人，离休人员1人`, `实有人数63人，在职人数61人`: the head count is the
                # figure, not its part
                return None
            if wording in _BARE_STAFF and _OTHER_POSTS_BEFORE.search(
                self.text, max(0, label_start - _POSTS_BEFORE_REACH), label_start
            ):
                return None  # `工勤编3人实有13人`: the staff of a kind of posts that is none of ours
            concept = self._staff_of_posts(label_start, wording, token) or concept
        if concept.name in _FISCAL_PARTS and _FISCAL_BREAKDOWN.search(
            self.text, max(state.sentence.start, label_start - _FISCAL_BREAKDOWN_REACH), label_start
        ):
            part = _FISCAL_PARTS[concept.name]
            if part is None:
                return None  # `财政拨款支出总计…，其中：支出合计X万元`: the appropriation's spending, no total of ours
            concept = CONCEPT_BY_NAME[part]
        metric = resolve(concept.name, context)
        if metric is None or self._government_fund_part(concept, window, label, state):
            return None
        part_from = max(state.sentence.start, label_start - _PART_OF_UNIT_REACH)
        if metric.startswith("staff.") and _PART_OF_UNIT.search(self.text, part_from, label_start):
            return None  # `初中部学生1484人，教职工94人`: the staff of one part of the unit
        if self._included_part(state, token, metric):
            return None  # `实际支出2599.23万元(含援外医疗队公务用车购置及运行费1146.00万元)`: a part of the item
        if metric.startswith("revenue.") and _FORM_FUNDS.search(
            self.text, max(0, label_start - _FORM_FUNDS_REACH), label_start
        ):
            return None  # a self-evaluation form's `年度资金总额… 其中：本年财政拨款`: a project's money
        if self.function_class_level is not None and concept.name in _CLASS_SPLIT:
            return None  # a function class's own 基本支出/项目支出 split
        if concept.name == "initial_total" and label.end and self._after_sangong_item(state, label_start):
            return None  # `…公车实有数量7辆，年初预算经费为70万元`: that item's budget, no total of ours
        if self.expense_detail_level is not None and not _SUM_WORD.search(window):
            return None  # `二、项目支出明细情况` ⏎ `接待费` ⏎ `1.5`: one of a project's expenses
        if _FUNCTION_CLASS_ITEM.match(self.text, self.text.rfind("\n", 0, label_start) + 1, label_start):
            return None  # `1文化旅游体育与传媒支出:财政拨款622.17万元`: the class's money
        if _FUNCTION_CLASS_LEVEL.search(self.text, max(state.sentence.start, label_start - 8), label_start):
            return None  # `其中:高等教育(项)年初预算为…`: that item's money
        if concept.name in _BASIC_PARTS and (
            _SHARE_OF_PROJECTS.match(self.text, token.end) or not self._under_basic(label_start)
        ):
            return None  # `工资福利支出12000元，占项目支出预算2.56%`: the projects' economic class
        if concept.name in _CLASS_SPLIT and _SHARE_OF_FISCAL.match(self.text, token.end):
            return None  # `基本支出X万元，占一般公共预算财政拨款总支出的…`: only the fiscal part
        if concept.name in SCOPE_LIMITED and self._scoped(state, label_start):
            return None
        before_label = window[: label.start] if label.end else ""
        fiscal_year = self._compared_year(label_start, token) or self._own_year(state, label_start, gap, before_label)
        unit, unit_text, basis = self._unit(token, unit_class, state, gap if label.end else "")
        if basis == INFERRED and unit_class == "money" and _ENUMERATOR_AFTER.match(self.text, token.end):
            return None  # `…财政拨款3、人员构成…`: a section or page number before its heading, no amount
        if self._unitless_no_amount(token):
            return None
        if (
            metric.startswith("sangong.")
            and unit_class in _COUNT_CLASSES
            and self._counted_before_whereof(state, metric, fiscal_year, label_start)
        ):
            return None  # `团组69个、368人次，其中：部级领导…10个团组、60人次`: a part of the count
        self._add(
            metric,
            subject,
            token,
            token.value,
            unit,
            unit_text,
            basis,
            state.sentence,
            fiscal_year,
            total_reading(concept.name, window[label.start : label.end], metric),
        )
        return metric

    def _counted_before_whereof(self, state, metric: str, fiscal_year, label_start: int) -> bool:
        """A `其中` in the sentence before this count, which the sentence already gave for the year: a part."""
        if self.text.rfind("其中", state.sentence.start, label_start) < 0:
            return False
        sentence_start = self.normal.to_original(state.sentence.start)
        return any(
            figure.metric == metric and figure.fiscal_year == fiscal_year and figure.span_start == sentence_start
            for figure in self.figures
        )

    def _stage(
        self, concept: Concept, gap: str, label: Label, state: _SentenceState, label_start: int, counted: bool = False
    ):
        stage = last_stage(gap, self.gap_markers) or label.stage
        if concept.name in FINAL_ONLY:  # `“三公”经费预算总计18.60万元，其中：公务接待9.60万元` is all budget
            return self._sangong_stage(state, label_start, label, gap, stage, counted)
        if stage:
            return stage
        if concept.name in STAGE_DEPENDENT:
            return self.stage_marks.last_before(label_start) or self._section_stage()
        if concept.name in DEPARTMENT_TOTALS | REVENUE_PARTS and self.facts.report_type == "budget":
            # 收入总计 of a 部门预算 is the budget's total, and its 财政拨款收入 the budget's part, unless its own
            # clause says otherwise (`2022年度部门决算支出总计X万元` in the unit's introduction: last year's actual)
            wording_end = label_start + label.end - label.start
            clause_stage = self._clause_stage(state, label_start, wording_end)
            if clause_stage is None and label.end and self.text.startswith(("实际", "决算"), label_start):
                return "final"  # `比2022年实际支出X`, `比上年决算支出X`: what was spent (not `全年支出`, a heading)
            return clause_stage or self._section_stage()
        return None

    def _beside_its_budget(self, token: NumberToken, gap: str, label: Label) -> bool:
        """A 三公 amount whose own words name no stage, compared right after with its budget: what was spent."""
        own = last_stage(gap, self.gap_markers) or label.stage
        return own is None and bool(_COMPARED_WITH_ITS_BUDGET.match(self.text, token.end))

    def _clause_stage(self, state: _SentenceState, label_start: int, wording_end: int) -> str | None:
        """The stage word of a wording's clause, up to the wording's end (`部门决算支出`)."""
        index = bisect.bisect_right(state.stages.ends, wording_end) - 1
        if index < 0:
            return None
        clause_start = state.clauses.last_before(label_start) or state.sentence.start
        return state.stages.values[index] if state.stages.ends[index] > clause_start else None

    def _sangong_stage(
        self, state: _SentenceState, label_start: int, label: Label, gap: str, own: str | None, counted: bool = False
    ):
        """A 三公 amount's stage: its own, else a stage word of its sentence, else that of the total a `其中`
        sentence breaks down, else its section's. A `其中` sentence after takes this last stage (`预算数X，全年支出
        决算Y。其中…` breaks down Y) and the year of the sentence's first 三公 amount."""
        carried_year, carried_stage = state.carried or (None, None)
        stage = (
            own or state.stages.last_before(label_start) or carried_stage or self._breakdown_stage(state, label_start)
        )
        wording = self.text[label_start : label_start + label.end - label.start] if label.end else ""
        if stage is None and self._past_spending(state, label_start, wording + gap, counted):
            stage = "final"  # `2010年“三公经费”财政拨款支出X` (or `团组1次`) on a page about 2011's budget, also
            # under its 三公 budget heading
        stage = stage or self.sangong_heading
        if stage is None and self.facts.report_type == "budget":
            stage = self._section_stage()  # on a 部门预算 page, unmarked 三公 amounts are budgets
        if not state.sangong_read:  # `2022年…决算为12.36万元，2021年为15.02万元。其中：…`: the sentence's own year
            state.sangong_read, state.sangong_year = True, state.years.last_before(label_start) or carried_year
        self.last_sangong = (state.sangong_year, stage)
        return stage

    def _numbered_fund(self, content: str) -> re.Match[str] | None:
        """`1.老年福利类资金675.2万元,资金使用288.2万元`, `2、档案整理费5万元，实际已支付5万元`: in a report on funds or
        projects, a numbered line opened by a fund's or an expense's name right before its money is that item's;
        never one of our wordings (`1.公务接待费…`, `2.人员经费…`) nor a level's share (`1.中央资金…`)."""
        if "project" not in self.facts.report_type:
            return None
        named = _NUMBERED_FUND.match(content)
        name = named.group("name") if named else None
        if name is None or _NOT_A_PROJECT.search(name) or _LEVEL_PART.match(name):
            return None
        wording = find_label(name)
        return None if wording and wording.end == len(name) else named

    def _announced_project(self, paragraph: Paragraph, sentence: Sentence, content: str) -> str | None:
        """After `我院2018年共有8个支出项目…`, each clause of the list that opens with a bare name right before its
        money (`其中，法院执行年初预算数6万元，…；案件审判411.95万元，…`) is about that project."""
        if not _PROJECTS_ANNOUNCED.search(self.text, paragraph.start, sentence.start):
            return None
        named = _BARE_PROJECT.match(content)
        name = named.group("name") if named else None
        if name is None or _NOT_A_PROJECT.search(name) or _WORDING_NAME.search(name):
            return None
        wording = find_label(name)  # `法院执行` ends in a wording, but is none (`基本支出` would be)
        return None if wording and (wording.start, wording.end) == (0, len(name)) else name

    def _continues_breakdown(self, sentence: Sentence) -> bool:
        """The sentence goes on, after a semicolon, with the `其中` list the sentence before it opened."""
        previous = self.paragraph_states[-1] if self.paragraph_states else None
        return bool(previous and previous.carried and self._after_semicolon(sentence))

    def _list_going_on(self, sentence: Sentence) -> Concept | None:
        """The money of the list of projects the sentence before left open, when a semicolon is all that ends it
        (`其中：A项目120万元；B项目200万元。`), or whose head amount ended it, when this one opens the list
        (`…下达我市X资金1883万元。其中，A47万元，B50万元…`)."""
        previous = self.paragraph_states[-2] if len(self.paragraph_states) > 1 else None
        if previous is None:
            return None
        if self.text[sentence.start - 1 : sentence.start] in ("；", ";"):
            return previous.open_list
        opens_list = previous.closing_head and _WHEREOF_OPENING.match(self.text, sentence.start, sentence.end)
        return previous.closing_head if opens_list else None

    def _breakdown_stage(self, state: _SentenceState, label_start: int) -> str | None:
        """The stage of the 三公 amount a `其中` list later in its sentence breaks down (`2022年度“三公”经费支出合计
        7.45万元，其中：公务接待费2.15万元…` on a budget page: last year's actuals, items and all)."""
        if not state.sangong_read or self.last_sangong is None:
            return None
        return self.last_sangong[1] if "其中" in self.text[state.sentence.start : label_start] else None

    def _unitless_no_amount(self, token: NumberToken) -> bool:
        """A number printed without a unit after `占…的`: a share whose % sign was lost (`占总收入的99.8`); or a
        column number that goes on a run of them across a label (`4 5 6 7 8 上年结转 9`, a flattened header)."""
        if token.has_unit:
            return False
        start = max(0, token.num_start - _SHARE_REACH)
        return bool(_SHARE_BEFORE.search(self.text, start, token.num_start)) or self._column_number(token)

    def _column_number(self, token: NumberToken) -> bool:
        """One of three or more consecutive small integers (`1 2 3`, `7 8 上年结转 9`): a flattened table's column
        numbers, a label maybe printed before the last."""
        printed = self.text[token.num_start : token.num_end]
        if not printed.isdigit() or len(printed) > 2:
            return False
        n = int(printed)
        before = self.text[max(0, token.num_start - _COLUMN_REACH) : token.num_start]
        after = self.text[token.num_end : token.num_end + _COLUMN_REACH]

        def run_before(count: int) -> bool:
            run = r"\s+".join(str(k) for k in range(n - count, n))
            return n > count and bool(re.search(rf"(?<![\d.,]){run}\s+(?:[\u4e00-\u9fff]{{1,8}}\s*)?$", before))

        def run_after(count: int) -> bool:
            run = r"\s+".join(str(k) for k in range(n + 1, n + 1 + count))
            return bool(re.match(rf"\s+{run}(?![\d.,])", after))

        return run_before(2) or run_after(2) or (run_before(1) and run_after(1))

    def _included_part(self, state: _SentenceState, token: NumberToken, metric: str) -> bool:
        """The amount sits in a `(含…)` bracket after an amount of the same item: a part of it, not the item."""
        start = max(state.sentence.start, token.num_start - _INCLUDED_REACH)
        if not self.figures or not _INCLUDED_PART.search(self.text, start, token.num_start):
            return False
        last = self.figures[-1]  # the amount the bracket follows, if it is in this sentence
        return last.metric == metric and last.span_start == self.normal.to_original(state.sentence.start)

    def _past_spending(self, state: _SentenceState, label_start: int, words: str, counted: bool = False) -> bool:
        """The amount is spent (`支出X`), or a count of what happened (`团组1次`), in a year before the page's budget
        year, named in its clause (or by the total its `其中` sentence breaks down, or by its paragraph's first
        amount), or printed between its wording and it (`公务接待费2015年年末支出1.36万元` on a 2016 budget)."""
        in_gap = _YEAR_IN_GAP.search(words)
        year = int(in_gap.group(1)) if in_gap else self._dated_year(state, label_start)
        budget_year = self.facts.fiscal_year
        return bool(year and budget_year and year < budget_year and (counted or _SPENT.search(words)))

    def _paragraph_start(self, state: _SentenceState) -> int:
        """Where the paragraph of the sentence being read starts (its first sentence's start)."""
        return self.paragraph_states[0].sentence.start if self.paragraph_states else state.sentence.start

    def _scoped(self, state: _SentenceState, position: int) -> bool:
        """The clause names a fund scope before the wording (`一般公共预算财政拨款基本支出…`, `政府性基金预算财政拨款
        支出年初预算…`), or the paragraph opens with one (`一般公共预算财政拨款本年收入A万元，…；本年支出B万元`): the
        amount is that fund's part, not the department's line or total."""
        clause_start = state.clauses.last_before(position) or state.sentence.start
        if _FUND_SCOPE.search(self.text, clause_start, position):
            return True
        paragraph_start = self._paragraph_start(state)
        if self.fiscal_section_level is not None or _FISCAL_SECTION.match(self.text, paragraph_start):
            return True  # the section on the appropriation's totals, under its heading or opened by it
        if _FISCAL_TOTAL_OPENING.match(self.text, state.sentence.start):
            return True  # `2023年度财政拨款收入总计520.30万元,支出总计520.30万元`: the appropriation's spending
        return bool(_NAMED_FUND.match(self.text, paragraph_start))

    def _government_fund_part(self, concept: Concept, window: str, label: Label, state: _SentenceState) -> bool:
        """一般公共预算财政拨款收入 is only part of 财政拨款 when 政府性基金 income is also printed (non-zero), in the
        same sentence or after its semicolons (`其中：一般公共预算财政拨款收入X，占…；政府性基金预算财政拨款Y`)."""
        if concept.name != "fiscal" or not _GENERAL_BUDGET.search(window, label.start, label.end):
            return False
        stops = [found for found in (self.text.find(mark, state.sentence.start) for mark in "。\n") if found >= 0]
        end = min(stops, default=len(self.text))
        fund_amounts = _GOVERNMENT_FUND.finditer(self.text, state.sentence.start, max(end, state.sentence.end))
        return any(Decimal(m.group(1).replace(",", "")) != 0 for m in fund_amounts)

    def _part_of_excluded_count(self, state: _SentenceState, label_start: int) -> bool:
        """The wording opens the 其中 list of the count right before it, and that count's wording is none of ours
        (a payroll's, the retired's)."""
        if not _OPENS_BREAKDOWN.search(self.text, max(state.sentence.start, label_start - 4), label_start):
            return False
        head = next((t for t in reversed(state.tokens) if t.end <= label_start), None)
        if head is None:
            return False
        label = self.wordings.label_before(state.sentence.start, head.num_start, state.topics)
        return label is not None and label.concept.name == "excluded"

    def _kind_of_posts(self, concept: Concept, wording: str, label_start: int, token: NumberToken) -> Concept | None:
        """A whole-establishment wording that is one kind of posts in a list of kinds: `机关事业编制` after another
        kind's count is the institution posts; a court's `政法编制` before another kind's count its administrative
        posts (each alone is the whole establishment)."""
        if not concept.name.startswith("auth_total"):
            return None
        before = self.text[max(0, label_start - _POSTS_LISTED_REACH) : label_start]
        if "事业" in wording and _POSTS_LISTED_BEFORE.search(before):
            # (a third kind when the institution posts follow on their own: `行政编制30名,行政事业编制12名,事业编制5名`)
            third = _INSTITUTION_POSTS_AFTER.match(self.text, token.end)
            return CONCEPT_BY_NAME["excluded" if third else "auth_institution"]
        if self.text.endswith("政法", 0, label_start) and _OTHER_POSTS_AFTER.match(self.text, token.end):
            return CONCEPT_BY_NAME["auth_admin"]
        return None

    def _breaks_down_staff(self, label_start: int) -> bool:
        """The wording sits in the 其中 list after a count of staff (`实有在职人数92人，其中行政编制29人、…`), in the
        same clause group (no `；` or `。` between), and no count of posts opens a list of its own in between
        (`实有人数92人，其中编制人数小计42人，其中：…事业编制人数20人` lists posts)."""
        start = max(0, label_start - _STAFF_BREAKDOWN_REACH)
        if _ACTUAL_KIND_BEFORE.search(self.text, start, label_start):
            return True  # `实有行政编制70人,事业编制0人`: the list of people by kind goes on
        heads = list(_STAFF_BREAKDOWN.finditer(self.text, start, label_start))
        between = self.text[heads[-1].end() : label_start] if heads else ""
        return bool(heads) and not re.search(r"[;；。]", between) and not _POSTS_BREAKDOWN.search(between)

    def _staff_of_posts(self, label_start: int, wording: str, token: NumberToken) -> Concept | None:
        """The staff of one kind of posts, in clauses that pair each kind's posts with its staff (`行政编制5人，实有
        人数4人；事业编制30人，实际25人`): a bare `实有`/`实际`/`在编`, or a count the other kind's posts follow or
        whose pair precedes. A count after one kind's posts alone (`行政编制16名，实有在职人员15人`) is the unit's
        whole staff."""
        posts = _POSTS_BEFORE.search(self.text, max(0, label_start - _POSTS_BEFORE_REACH), label_start)
        if posts is None:
            return None
        paired = (
            wording in _BARE_STAFF
            or _OTHER_POSTS_AFTER.match(self.text, token.end)
            or _OTHER_PAIR_BEFORE.search(self.text, max(0, posts.start() - _OTHER_PAIR_REACH), posts.start())
        )
        return CONCEPT_BY_NAME[_STAFF_OF_POSTS[posts.group("kind")]] if paired else None

    def _under_basic(self, label_start: int) -> bool:
        """An economic class is a line of the basic budget unless what it breaks down, printed shortly before, is
        项目支出 (`项目支出0元。其中：商品和服务支出预算0元`) or the whole budget
        (`按支出经济分类科目：工资福利支出…`)."""
        owners = [
            m.group()
            for m in _ECONOMIC_OWNER.finditer(self.text, max(0, label_start - _ECONOMIC_OWNER_REACH), label_start)
        ]
        return not owners or owners[-1] == "基本支出"

    def _compared_year(self, label_start: int, token: NumberToken) -> int | None:
        """The year a clause compares with when its item and amount follow it and the change comes after them
        (`较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元`), or when the wording begins in that year's
        `年` (`比2017年初预算…`): the amount is that year's."""
        glued = _COMPARED_YEAR_GLUED.search(self.text, max(0, label_start - _COMPARED_ITEM_REACH), label_start)
        if glued:  # `比2017年初预算37221万元`: the wording `年初预算` starts inside the compared year's `2017年`
            return int(glued.group(1))
        compared = _COMPARED_ITEM.search(self.text, max(0, label_start - _COMPARED_ITEM_REACH), label_start)
        return int(compared.group(1)) if compared and _CHANGE_AFTER.match(self.text, token.end) else None

    def _own_year(self, state: _SentenceState, label_start: int, gap: str, before_label: str) -> int | None:
        """The year printed between the wording and its number (`公务接待费2022年为…`; `上年为…` is the year
        before the document's, `去年…` the year before it was written), else 上年 right before the wording
        (`上年公务接待费…`), else the last year that opened a clause of the sentence before the wording
        (`2021年“三公”经费…，其中…`), else the document's."""
        match = _YEAR_IN_GAP.search(gap)
        if match:
            return int(match.group(1))
        prior = _PRIOR_YEAR_IN_GAP.search(gap) or _PRIOR_YEAR_BEFORE.search(before_label)
        if prior:
            same_period = prior.string.startswith("同期", prior.end())  # `去年同期`: a year before the reported period
            if _LAST_CALENDAR_YEAR.search(prior.group()) and not same_period:
                return self._last_calendar_year()
            return self.facts.fiscal_year - 1 if self.facts.fiscal_year else None
        return self._dated_year(state, label_start) or self.facts.fiscal_year

    def _dated_year(self, state: _SentenceState, label_start: int) -> int | None:
        """The year the text binds to a wording: its sentence's, else that of the total a `其中` sentence breaks
        down, else that of its paragraph's first amount (`2011年…接待费185万元。其中：…。国内公务接待支出181.5万元`)."""
        carried_year = state.carried[0] if state.carried else None
        return (
            state.years.last_before(label_start)
            or carried_year
            or self._year_before_semicolon(state)
            or self._paragraph_year(label_start)
        )

    def _year_before_semicolon(self, state: _SentenceState) -> int | None:
        """A sentence that goes on after a semicolon speaks of the year that binds the first number of the sentence
        before it (`2016年度支出合计628万元，其中：基本支出230万元；项目支出398万元`: 2016's, whatever the paragraph's
        first; not the year compared with after it: `会议费0.62万元，上年为0.95万元；培训费1.40万元`)."""
        states = self.paragraph_states
        index = len(states) - 1 if states and states[-1] is state else 0
        while index > 0 and self._after_semicolon(states[index].sentence):
            index -= 1
            first = next((token for token in states[index].tokens if not token.masked), None)
            year = states[index].years.last_before(first.num_start) if first else None
            if year:
                return year
        return None

    def _after_semicolon(self, sentence: Sentence) -> bool:
        return self.text[sentence.start - 1 : sentence.start] in ("；", ";")

    def _paragraph_year(self, position: int) -> int | None:
        """The year bound to the first dated amount of the paragraph before `position` (read only when a sentence
        names no year of its own; each sentence is read once): in `现有公务用车2辆、2017年底部门资产合计…` the year of
        the assets that follow binds no count before them."""
        while self.paragraph_year is None and self.paragraph_scanned < len(self.paragraph_states):
            earlier = self.paragraph_states[self.paragraph_scanned]
            self.paragraph_scanned += 1
            amounts = earlier.money_tokens
            self.paragraph_year = earlier.printed_years.last_before(amounts[0].num_start) if amounts else None
            self.paragraph_year_at = amounts[0].num_start if amounts else 0
        return self.paragraph_year if self.paragraph_year_at < position else None

    def _last_calendar_year(self) -> int | None:
        """`去年`: the year before the text was written; undated, the year a report of actuals is about (written
        the year after it), or the year before a budget's."""
        if self.facts.published_year:
            return self.facts.published_year - 1
        if self.facts.fiscal_year is None:
            return None
        return self.facts.fiscal_year - (1 if self.facts.report_type == "budget" else 0)

    def _unit(self, token: NumberToken, unit_class: str | None, state: _SentenceState, gap: str = ""):
        """The number's own unit, else the one its wording prints (`医院总收入(元):2486000`), else the next money
        unit of the sentence, else the previous one."""
        if token.has_unit:
            return token.unit, token.unit or "", INLINE
        if unit_class != "money":
            return None, "", INFERRED
        labelled = header_unit(gap)
        if labelled in MONEY_MULTIPLIERS:
            return labelled, labelled, SENTENCE
        after = bisect.bisect_right(state.money_starts, token.num_start)
        before = bisect.bisect_left(state.money_starts, token.num_start) - 1
        siblings = state.money_tokens
        sibling = siblings[after] if after < len(siblings) else (siblings[before] if before >= 0 else None)
        if sibling is not None:
            return sibling.unit, sibling.unit or "", SENTENCE
        # `“三公”经费支出(元):公务接待费12,345.00;公务用车运行维护费23,456.00`: the unit the paragraph declared
        declared = last_declared_unit(self.text, self._paragraph_start(state), token.num_start)
        if declared in MONEY_MULTIPLIERS:
            return declared, declared, SENTENCE
        above = self._unit_line_above(token.num_start)
        if above:
            return above, above, TABLE_HEADER
        return self.facts.money_default, "", INFERRED

    def _unit_line_above(self, position: int) -> str | None:
        """The unit of a `单位：元` line a few lines above, with no section heading between (`单位：元` ⏎
        `公务接待费：12,345.00` ⏎ `公务用车运行维护费：23,456.00`: a table flattened into label lines)."""
        start = max(0, position - _UNIT_LINE_REACH)
        lines = list(_UNIT_LINE_ALONE.finditer(self.text, start, position))
        if not lines or _SECTION_HEADING_LINE.search(self.text, lines[-1].end(), position):
            return None
        return lines[-1].group(1)

    # -- lists and statements of zero -----------------------------------------------------------------

    def _pair_totals(self, state: _SentenceState) -> set[int]:
        """`收、支总计各是A、B` → revenue.total A, expenditure.total B; `均为A` or one amount right after it → both;
        财政拨款收、支总计 → none."""
        consumed: set[int] = set()
        content = state.content
        for match in _PAIR_TOTALS.finditer(content):
            first = self._token_after(state, state.sentence.start + match.end())
            if first is None:
                continue
            both = match.group("op") in ("均为", "均是", "都是", "都为", "为", "")  # "": one amount right after
            picked = [first] if both else [first, first + 1]
            if first + len(picked) > len(state.tokens) or any(
                state.tokens[index].unit_class not in (None, "money") for index in picked
            ):
                continue  # totals are money: a count or a rate after the wording names nothing
            consumed.update(picked)
            if match.group("fiscal"):
                continue
            metrics = ["revenue.total", "expenditure.total"]
            values = [picked[0], picked[0]] if both else picked
            for metric, index in zip(metrics, values, strict=True):
                token = state.tokens[index]
                unit, unit_text, basis = self._unit(token, "money", state)
                year = state.years.last_before(state.sentence.start + match.start()) or self.facts.fiscal_year
                self._add(metric, None, token, token.value, unit, unit_text, basis, state.sentence, year, "grand")
        return consumed

    def _label_lists(self, paragraph: Paragraph, state: _SentenceState) -> set[int]:
        """`A、B均为0`, `A、B分别为x、y`, `无A和B支出`, `A支出为零`, `A、B均未发生`."""
        consumed: set[int] = set()
        content = state.content
        if not _LIST_HINT.search(content):
            return consumed
        for run in self._label_runs(content):
            end = run[-1].end
            zero_before = _ZERO_BEFORE.search(content, max(0, run[0].start - _ZERO_BEFORE_REACH), run[0].start)
            zero_after = _ZERO_AFTER.match(content, end)
            zero = zero_before or zero_after
            if zero_before:  # `无因公出国(境)，公务用车…支出减少…`: a comma ends what `无` lists
                run = run[
                    : next((k for k in range(1, len(run)) if "," in content[run[k - 1].end : run[k].start]), len(run))
                ]
            statement = zero_before.start() if zero_before else run[0].start
            if zero and _ZERO_OF_OTHERS.search(content, max(0, statement - _OTHERS_REACH), statement):
                continue  # `22个部门未产生因公出国费`: those units' zero, not the page's
            if zero:
                printed_year = zero_after.group("year") if zero_after and not zero_before else None
                for label in run:
                    self._zero(paragraph, state, label, zero.group("word"), int(printed_year) if printed_year else None)
                continue
            op = _GROUP_OP.match(content, end)
            if op is None or len(run) < 2:
                continue
            first = self._token_after(state, state.sentence.start + op.end())
            if first is None:
                continue
            indexes = (
                [first] * len(run)
                if op.group("op").startswith(("均", "都"))
                else list(range(first, min(first + len(run), len(state.tokens))))
            )
            for label, index in zip(run, indexes, strict=False):
                consumed.add(index)
                token = state.tokens[index]
                self._emit_token(paragraph, state, token, label.concept, Label(label.concept, 0, 0), "", None)
        return consumed

    def _label_runs(self, content: str) -> list[list[Label]]:
        runs: list[list[Label]] = []
        for label in find_labels_in_list(content):
            if label.concept.name == "excluded":
                continue
            if runs and _LIST_JOIN.fullmatch(content[runs[-1][-1].end : label.start]):
                runs[-1].append(label)
            else:
                runs.append([label])
        return runs

    def _token_after(self, state: _SentenceState, position: int) -> int | None:
        """The index of the first number at or after `position` when only whitespace comes before it."""
        index = bisect.bisect_left(state.token_starts, position)
        if index == len(state.tokens) or self.text[position : state.tokens[index].num_start].strip():
            return None
        return index

    def _zero(
        self, paragraph: Paragraph, state: _SentenceState, label: Label, word: str, year: int | None = None
    ) -> None:
        """`无会议费支出` → 0 yuan; `无因公出国(境)人数` → 0 persons (the wording's tail says what is counted)."""
        unit_class = _wording_class(state.content, label, label.concept)
        if unit_class not in ("money", "person", "group"):
            return
        # `…预算执行数为3.96万元，未发生因公出国费` is actual; on a 部门预算 page, `未安排…经费` is a budget, and so
        # is `经费0元，较2017年决算一致，原因为无因公出国人员` (the 决算 is only compared with)
        stage = last_stage(state.content[: label.start], self.gap_markers, skip_compared=True) or (
            "initial" if self.facts.report_type == "budget" else "final"
        )
        context = Context(
            unit_class=unit_class,
            stage=stage,
            project_scope=state.project_scope,
            project_subject=state.paragraph_subject is not None,
            topics=state.topics,
        )
        metric = resolve(label.concept.name, context)
        if metric is None:
            return
        year = year or state.years.last_before(state.sentence.start + label.start) or self.facts.fiscal_year
        self._add(
            metric,
            state.paragraph_subject,
            None,
            Decimal(0),
            "元",
            "",
            INFERRED,
            state.sentence,
            year,
            "grand",
            value_text=word,
        )

    def _unchanged_budget(self, state: _SentenceState) -> None:
        """`全年预算未作调整`: the adjusted budget is the printed initial budget of the same subject."""
        content = state.content
        if not _UNCHANGED.search(content):
            return
        subject = state.paragraph_subject or self.facts.department
        initial = next(
            (
                f
                for f in reversed(self.figures)
                if f.subject == subject and f.metric in ("budget.initial_project", "budget.initial_total")
            ),
            None,
        )
        if initial is None:
            return
        start = min(initial.span_start, self.normal.to_original(state.sentence.start))
        end = self.normal.to_original_end(state.sentence.end)
        self.figures.append(
            Figure(
                "budget.adjusted_total",
                subject,
                initial.fiscal_year,
                initial.value,
                initial.unit,
                initial.value_text,
                initial.unit_text,
                initial.unit_basis,
                self.original[start:end],
                start,
                end,
                decimals=initial.decimals,
            )
        )

    # -- records ---------------------------------------------------------------------------------------

    def _add(
        self,
        metric,
        subject,
        token,
        number,
        unit,
        unit_text,
        basis,
        sentence,
        fiscal_year,
        reading,
        value_text: str | None = None,
    ) -> None:
        if self.lead:
            return
        if metric.startswith("staff."):
            # a project report's `项目单位基本情况` counts the unit's staff, never the project's; a list of
            # subordinate units (`(1)X保育院：编制41名…实有30人`) each unit's own
            end = token.num_start if token is not None else sentence.end  # a zero in words has no token
            subunits = list(_SUBUNIT.finditer(self.text, max(0, sentence.start - 1), end))  # from its `;`
            subject = subunits[-1].group("unit") if subunits else None
        span_start = self.normal.to_original(sentence.start)
        span_end = self.normal.to_original_end(sentence.end)
        if value_text is None:
            value_text = self.original[
                self.normal.to_original(token.num_start) : self.normal.to_original_end(token.num_end)
            ]
        self.figures.append(
            Figure(
                metric=metric,
                subject=subject or self.unit or self.facts.department,
                fiscal_year=fiscal_year,
                value=metric_value(metric, number, unit),
                unit=METRIC_UNITS[metric],
                value_text=value_text,
                unit_text=unit_text,
                unit_basis=basis,
                source_text=self.original[span_start:span_end],
                span_start=span_start,
                span_end=span_end,
                reading=reading,
                decimals=decimals_of(value_text),
            )
        )
