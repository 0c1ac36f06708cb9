"""Facts read from an article title: the department, the fiscal year and the report type.

The department comes from the title, not from 发布机构 (often the finance bureau). Titles are normalised first
(NFKC, whitespace collapsed, 【】, file extensions and `附件2-1` prefixes stripped); the department is what is
left after removing the year, the report-type tail and a leading 关于. When the title names no unit (a
title-less text, `2022年度部门整体支出绩效评价自评报告`, a project's evaluation), the body's opening names it:
a `填报单位：` / `主管部门` cell, the unit an evaluation was made of (`对X实施的…开展…评价`), or the unit a
sentence or heading opens with (`现将X2022年度…`, `X概况`, `X（以下简称…）`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipelines import regions
from pipelines.regions import name_region, province_short_names
from pipelines.text import normalise

# (keyword, report_type), matched longest first; the first keyword found in the title decides.
_TYPE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("部门整体和项目支出绩效自评", "self_eval_department_and_project"),
    ("部门整体及项目支出绩效自评", "self_eval_department_and_project"),
    ("部门整体与项目支出绩效自评", "self_eval_department_and_project"),
    ("整体和项目支出绩效自评", "self_eval_department_and_project"),
    ("绩效评价工作开展情况", "self_eval_department_and_project"),  # a unit's account of its own evaluations
    ("绩效自评工作开展情况", "self_eval_department_and_project"),
    ("部门整体支出绩效自评", "self_eval_department"),
    ("部门整体支出绩效评价", "self_eval_department"),
    ("预算绩效部门评价", "self_eval_department"),  # `某办公室2024年度预算绩效部门评价报告`
    ("项目支出部门评价", "self_eval_project"),  # `某公证处关于2021年X项目支出部门评价报告`: its own project's
    ("部门整体绩效自评", "self_eval_department"),
    ("整体绩效自评", "self_eval_department"),  # `…2021年度部门预算整体绩效自评报告`: not the budget
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
    ("决算批复", "final_accounts"),  # `…2022年决算批复公开资料`: the approved final accounts, published by the unit
    ("部门预算", "budget"),
    ("单位预算", "budget"),
    ("部门收支预算", "budget"),  # `某幼儿园2021年部门收支预算情况公示`
    ("财政预算公开", "budget"),  # a school's `2020年财政预算公开情况说明`
    ("年预算公开", "budget"),  # `2020年预算公开情况说明`, not `政府预算公开`
    ("预算公开附表", "budget"),  # `某管理处预算公开附表-2022.xlsx`: a unit's budget tables
    ("决算公开附表", "final_accounts"),
    ("绩效目标申报表", "performance_targets"),
    ("绩效目标表", "performance_targets"),
    ("公开表6", "performance_targets"),
    ("公开表7", "performance_targets"),
)
_TYPE_ORDER = sorted(_TYPE_KEYWORDS, key=lambda pair: len(pair[0]), reverse=True)
# `…改造经费 绩效自评表`, `…保种经费的绩效自评报告`: the funds of one project
# A fund's or programme's own evaluation names whose it is without a unit (`…生活补助经费转移支付2023年度绩效自评报告`,
# `2021年某民生工程绩效自评报告`, `2022年区本级体彩公益金绩效使用自评报告`, `关于…专项资金的绩效评价报告`,
# `某县大气转移支付2020年度绩效自评报告`, `…补助资金支付2023年度绩效自评报告`)
FUND_REPORT = re.compile(
    r"(?:经费|资金|工程|公益金|补助|补贴|转移支付|国债)[”\"]?\s*(?:\(第[一二三四五六七八九十\d]{1,3}批\))?"
    r"\s*(?:项目)?\s*(?:的)?\s*(?:支出|支付|使用|(?:预算)?执行)?\s*(?:情况)?"
    r"\s*(?:转移支付)?\s*(?:(?:19|20)\d\d\s*年度?)?"
    r"\s*(?:的)?\s*(?:区域)?(?:\([^()]{1,30}\))?\s*(?:事前|事中|事后|全周期|全过程|自我)?绩效\s*(?:使用|目标)?\s*(?:评价工作)?\s*(?:自评|评价)(?:情况)?(?:的)?(?:表|报告)"
)  # also `…资金使用情况绩效自评报告`, `…补助资金绩效评价工作自评报告`, `…补助资金绩效目标自评表`,
# `…救灾资金绩效自评情况的报告`, `关于抗疫特别国债执行情况绩效自评报告`, `…专项资金预算执行情况绩效自评报告`, a batch
# (`…事业资金(第一批)2024年度绩效自评报告`), a fund's regional form (`…补助资金区域绩效目标自评表`,
# `…转移支付区域(动物防疫补助)绩效目标自评表`), a fund named in quotes (`2016年度“科学普及专项资金”绩效…`)
_PROGRAMME_REPORT = re.compile(
    r"项目\s*(?:(?:19|20)\d\d\s*年度?)?\s*(?:支出)?\s*绩效\s*(?:评价)?\s*自评(?:价)?(?:报告|表)"
)  # also `…产业园项目2022年度绩效自评报告`
_PROJECT_FUNDS = re.compile(r"专项资金|转移支付|" + FUND_REPORT.pattern)
# someone else's evaluation of the unit's work: a third party's, a key evaluation, one commissioned, a re-evaluation
_EXTERNAL = re.compile(r"第三方|重点(?:项目)?绩效评价|受.{1,30}委托|绩效再?评价报告")
# A title ending in one of these is a notice, policy or news item, not a report, whatever it mentions
# (关于开展2023年度预算绩效自评工作的通知 is about self-evaluations but is not one).
_NOTICE_TAIL = re.compile(
    r"(?:通知|公告|通告|公示|启事|简章|意见|决定|批复|复函|办法|细则|规程|方案|规划|新闻|动态|简报|会议|纪要)"
    r"[)）]?$"
)
_DISPLAYED_REPORT = re.compile(r"(?:预算|决算)(?:情况)?(?:公开)?公示[)）]?$")
_APPROVED_REPORT = re.compile(r"(?:部门|单位)(预算|决算)的?批复$")
_OTHER = re.compile(r"三公经费|“三公”经费|预算绩效管理办法|政府预决算|政府预算|政府决算")
# Column names that hint a type when the title does not decide.
_COLUMN_HINTS = (("决算", "final_accounts"), ("绩效目标", "performance_targets"), ("预算", "budget"))

# Words that start the report-type tail of a title; the department ends where the first one begins.
_TAIL_START = re.compile(
    r"(?:概况|基本情况)(?:及|和)|部门整体|部门\(单位\)|单位整体|机关整体|整体支出|项目支出|部门决算|单位决算|部门预算|单位预算|决算公开|预算公开"
    r"|预决算|财政支出(?:政策|项目)?(?=绩效)|绩效自评|绩效评价|绩效目标|自评报告|评价报告|(?:中央|省级|市级|县级|区级|一般性)?(?:财政)?(?:专项资金|转移支付)|一般公共预算|财政拨款|决算|预算"
    r"|[\"“‘']?三公|财务(?:收支|信息|状况|情况|公示|公开)"  # a hospital's or school's `财务收支情况公示`
)
_YEAR = r"(?:19[89]\d|20\d\d)"
_TITLE_YEARS = (
    ("title_niandu", re.compile(rf"({_YEAR})\s*年度")),
    ("title_nian", re.compile(rf"({_YEAR})\s*年")),
    ("title_bare", re.compile(rf"(?<!\d)({_YEAR})(?!\d)(?=\s*(?:部门|单位|机关|项目|绩效|决算|预算|整体|自评))")),
    ("title_lead", re.compile(rf"^({_YEAR})(?=[\u4e00-\u9fff])")),  # `2015某中心概况及决算情况说明`
    ("title_tail", re.compile(rf"(?<=[-_－—])({_YEAR})$")),  # a file's name: `某管理处预算公开附表-2022`
)


def _money_year(year_tail: str, money_words: str) -> re.Pattern[str]:
    """A year (not one compared with: `较2022年…`) bound to money words in its own clause (`2024 年一般公共预算拨款
    支出…`)."""
    uncompared = r"(?<![较比与至])(?<![较比与至]\s)"
    return re.compile(rf"{uncompared}({_YEAR})\s*{year_tail}[^,，。;；:：\n]{{0,14}}?(?:{money_words})")


_BODY_YEARS = (
    ("body_cover_line", re.compile(rf"[(（]\s*({_YEAR})\s*年度\s*[)）]"), 300),
    ("body_evaluation_year", re.compile(rf"评价年度\s*[:：]\s*({_YEAR})"), None),
    # the calendar year a report covers (`2021年1月1日-2021年12月31日`, `项目起止时间2020年元月起至2020年12月止`)
    (
        "body_period",
        re.compile(
            rf"({_YEAR})\s*年\s*(?:0?1|元|一)\s*月(?:\s*0?1\s*日)?\s*起?\s*(?:至|到|[-—－~～])\s*\1\s*年\s*12\s*月"
        ),
        None,
    ),
    # not a year compared with (`较2022年度决算数增加…`)
    (
        "body_first_year",
        re.compile(
            rf"(?<![较比与])(?<![较比与]\s)({_YEAR})\s*(?:年(?:度|末|部门|单位预算|预算|决算|本年"
            rf"|一般公共预算|[“\"]?三公)|(?=决算))"  # also a year glued to 决算 (`中央本级“三公”经费2012决算支出`)
        ),
        None,
    ),
    # a fragment without a title (PDF→text pages, excerpts): the first year its money is printed for
    # (`2024 年一般公共预算拨款支出…`, `2020年本年收入合计…`, `2010年，某部“三公经费”财政拨款预算…`)
    ("body_money_year", _money_year("年[,，]?", "预算|决算|收入|支出"), None),
)
# A finance bureau's summary of a whole county's or city's units (`经示例县财政局汇总，2022年全县…“三公”经费决算总额…`):
# the place is the page's subject, the year the one the summary opens with, its stage that of the summary's sentence.
_FINANCE_SUMMARY = re.compile(
    rf"经\s*(?P<place>[\u4e00-\u9fff]{{2,12}}?)\s*财政[局厅]?\s*汇总\s*[,，]?\s*"
    rf"(?:(?P<year>{_YEAR})\s*年度?)?(?P<sentence>[^。]*)"
)
_SITE_GREETING = re.compile(r"欢迎(?:来到|访问|光临)\s*(?P<name>[\u4e00-\u9fff]{2,20}?)\s*(?:门户|官方)?网站")
_SITE_REACH = 200  # the greeting is the page's first line
_SITE_WORDS = re.compile(r"(?:门户|官方)?网站$")
_ATTACHMENT_PREFIX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]+(?:\s*-\s*\d+)?\s*[:：、.．]?\s*")
_ATTACHED_FILE = re.compile(r"^附件\s*[:：]?\s*【(?P<name>[^【】]+)】$")  # `附件【某局2019年三公经费公开表.xls】`
# A template's `XX部门` left before the unit's name, or a unit's budget code glued to it (`360035某市某幼儿园…`).
_BLANK_MARK = r"(?:XX|xx|××)"  # what a template or a copy prints for a name left out
_PLACEHOLDER = re.compile(rf"^(?:{_BLANK_MARK}+(?![省市县区州旗镇乡])(?:部门|单位)?|\d{{6}}(?=[\u4e00-\u9fff]))")
# A name whose place a copy blanked out (`XX市第一幼儿园`): no unit's name
_BLANKED_NAME = re.compile(_BLANK_MARK)
_EXTENSION = re.compile(r"\.(?:xlsx?|et|docx?|wps|pdf|zip|rar|html?)$", re.I)
# a list item's bullet before a title, the question marks a copy's lost characters became (`?????某镇人民政府…`), a
# column's tag (`【财政决算】天水市某博物馆2017年度部门决算`) or an old site's player notice
_BULLET = re.compile(r"^\s*(?:[•·●▪◆■◇○◎]+|[?？\ufffd]{2,}|【[^】\d]{2,8}】|(?:请)?下载安装\s*Flash\s*播放器)\s*")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\d()])\s+|\s+(?=[\u4e00-\u9fff\d()])")
# the same within a line: a cover's lines stay apart (`(二)机构设置…构成` ⏎ `我中心内设…` is no unit's name)
_CJK_SPACE_IN_LINE = re.compile(r"(?<=[\u4e00-\u9fff\d()])[^\S\n]+|[^\S\n]+(?=[\u4e00-\u9fff\d()])")
# Unit endings that also end common words, shared by the patterns below: not the 局 of `布局` / `格局` / `全局`, the
# 处 of `地处` / `处理` / `处置`, nor the 政府 of a government's office elsewhere (`…人民政府驻上海办事处` goes on).
_BUREAU = r"(?<![布格全大结开当])局"
_OFFICE = r"(?<!地)处(?!理|置)"
_GOVERNMENT = r"政府(?!驻)"
# The last characters of a unit's name (not the 校 of 校园); also `县人大`, a school's short name (`罗定二中`,
# `湖塘桥初中`), `共青团中央`, a vocational school (`某区职业中专`) and a road section's office (`某区公路管理段`).
_SUFFIX = (
    rf"(?:{_BUREAU}|委员会|委|办公室|办事处|办|院|中心|{_GOVERNMENT}|站|所(?!属|有|在|需)|队|馆|会|联|协|部|厅|署|{_OFFICE}|室"
    r"|社|校(?!园)|学|园(?!林|艺)|场|台|团|司|宫|海关"
    r"|街道|(?<!城)镇|(?<!城)乡|科|股|学区|人大(?!代表|常委|主任|工委)|(?<=[一二三四五六七八九十初高])中(?![心学队])|(?<=团)中央"
    r"|(?<=职业|卫生)中专|职专|(?<=公路|管理|养护|工务)段)"
)
# an office's second name: `民宗局(外侨办)`, `文化馆(某县艺术团)`, not a scope note (`管理站(包括锡盟博物馆)`)
_ALIAS = r"(?!包括|含|包含)[^()]{1,12}(?:办|局|委|委员会|办公室|馆|院|中心|团|站|所|社)"
# the part of a unit that reports (`教育局(乡镇学校)`: the schools' accounts, not the bureau's)
_REPORTING_PART = r"(?!包括|含|包含)[^()]{1,8}学校"
_ORG_SUFFIX = re.compile(_SUFFIX + rf"(?:\((?:本级|{_ALIAS}|{_REPORTING_PART})\))?$")
# A unit's name in running text: the shortest run of Han characters ending like an organisation, checked by
# what must follow it in each pattern (so `县委办公室2022年` is read whole, not as `县委`).
_ORG = rf"([\u4e00-\u9fff()]{{1,40}}?{_SUFFIX}(?:\((?:本级|{_ALIAS}|{_REPORTING_PART})\))?)"
# A unit whose own structure a clause or line describes (`…的通知》，北京广播电视台内设16个职能部室`, `蒙正幼儿园内设
# 行政办公室、…`, `花桥镇人民政府设置机构为：…`, `X乡人民政府下属二级预算单位0个`) presents itself, place name or
# not; the parent a unit belongs to (`…，是X局下设的…机构`) does not.
_UNIT_STRUCTURE = re.compile(
    rf"(?:(?<=[,，。)）])|^){_ORG}(?=内设|下设(?!的)|设置机构|设有|下属[\u4e00-\u9fff]{{0,6}}单位\s*\d+\s*个)", re.M
)
# A unit that says what it is (`X档案馆为…管理的公益一类事业单位`, `X台是财政一级预算单位`, `X属区级直属单位,是…行政
# 单位`) presents itself too.
_SELF_DESCRIPTION = re.compile(
    r"[为是属][^。\n]{0,40}?(?:事业单位|行政单位|行政机关|工作部门|直属机构|一级预算单位|人民团体|群团组织|群众团体|社会团体)"
    r"|是一所[^。\n]{0,20}?(?:学校|中学|小学|医院|卫生院|幼儿园)"  # `津市五中是一所义务教育学校`
)
# A Hunan department form's own name row (`预算部门名称 | 某某部`): the reporting department, with or without its place
_BUDGET_DEPARTMENT_LABEL = re.compile(rf"^预算部门(?:名称)?\s*[:|]?\s*{_ORG}(?=[\s|,;:。]|$)", re.M)
# A unit between a year and its own budget or accounts (`1.2016年某某大学年初部门预算收入为…`), or on a line of its
# own with its seal (`中共某市委政策研究室(盖章)` under a report's title), is the reporting unit.
_YEAR_AND_OWN_REPORT = re.compile(rf"(?:19|20)\d\d\s*年度?\s*{_ORG}(?=\s*(?:年初|年末)?(?:部门|单位)(?:预算|决算))")
# The scope of a unit's accounts (`X委员会本级1个单位，无下属单位`): the unit's own level, so the unit
_OWN_LEVEL_SCOPE = re.compile(rf"(?:^|(?<=[。;；\s]))\s*{_ORG}(?=本级\s*共?\s*\d+\s*个(?:预算)?单位)", re.M)
_SEALED_UNIT = re.compile(rf"^\s*{_ORG}(?=\s*\(\s*(?:盖章|印章|公章)\s*\)\s*$)", re.M)
_BODY_DEPARTMENT = (
    # a transfer payment's form names the unit that spent the money apart from the ministries above it (its
    # 中央主管部门 and 省级主管部门 are never the unit)
    re.compile(rf"资金使用单位\s*[:|]?\s*{_ORG}(?=[\s|,;:。]|$)", re.M),
    re.compile(
        r"(?:单位名称|部门名称|部门\(单位\)(?:全称|名称)|单位全称|预算单位|填报单位|项目单位|(?:项目)?实施单位|"
        r"被评价单位)\s*(?:\(盖章\))?\s*[:|]?\s*"
        rf"(?:\d+\s*-\s*)?{_ORG}(?=[\s|,;:。]|$)",
        re.M,
    ),
    # the bureau in charge, when the form names no unit of its own (`主管部门 | X局 | 项目实施单位 | Y馆`: Y)
    re.compile(rf"(?:项目主管部门|(?<!中央)(?<!省级)主管部门)\s*[:|]?\s*{_ORG}(?=[\s|,;:。]|$)", re.M),
    re.compile(rf"对{_ORG}(?=(?:实施的|负责的|承担的|的)?[^。\n]{{0,40}}?(?:开展|进行)了?[^。\n]{{0,10}}?评价)"),
    _BUDGET_DEPARTMENT_LABEL,
    _OWN_LEVEL_SCOPE,
    re.compile(
        rf"(?:^|现将|特将|第[一二三四五六七八九十]部分\s*[:：]?\s*|^[一二三四五六七八九十]+、\s*)"
        r"(?:\d{3,9}\s*)?"  # the unit's budget code (`第一部分 106004X概况`)
        rf"{_ORG}(?=\s*(?:(?:19|20)\d\d\s*年|(?:基本)?概况|\(以下简称|内设|下设|机构设置|{_SELF_DESCRIPTION.pattern}|隶属))",
        re.M,
    ),
    re.compile(rf"(?<=。){_ORG}(?={_SELF_DESCRIPTION.pattern})"),  # `…设置情况。X为…独立设置的群众团体`
    _UNIT_STRUCTURE,
    # the unit's own budget as the one item of its 单位构成 (`二、部门预算单位构成` ⏎ `1.X服务中心本级。`), or the
    # one unit its budget takes in (`纳入2020年部门预算编制范围的预算单位为祁东县救助管理站`, `X镇人民政府只有本级,
    # 没有其他预算单位`)
    re.compile(rf"^\s*\d{{1,2}}\s*[.、．]\s*{_ORG}本级\s*[。;；]?\s*$", re.M),
    re.compile(rf"编制范围的(?:预算)?单位(?:为|是)\s*{_ORG}(?=\s*(?:本级)?\s*(?:[。,，;；]|$))", re.M),
    re.compile(rf"(?:^|(?<=[。;；\s]))\s*{_ORG}(?=(?:只有|仅有|仅含|仅)本级)", re.M),
    _YEAR_AND_OWN_REPORT,
    _SEALED_UNIT,
)
# The unit the 机构设置 section describes (`(二)机构设置。区委老干部局下设3个内设机构`) is the report's own, with
# or without its place.
_NAME_MIN = 4  # characters of a name read without its place: `学校内设6个处室` names no unit
_OWN_ORGANISATION = re.compile(
    rf"机构设置(?:情况)?\s*[。.:：]?\s*{_ORG}(?=(?:下设|内设)\s*\d+\s*个|现有[^。\n]{{0,12}}?编制)"
)  # also `(二)机构设置情况 禄丰县人民法院现有政法专项编制91人`
# The unit a section heading presents (`第一部分 自治区政府接待服务中心概况`) is the report's own, place name or not.
_OWN_UNIT_HEADING = re.compile(r"\s*(?:基本)?概况")  # also `一、X卫生院基本概况`
# a section heading naming the unit's own report (`第二部分 湖塘桥初中2016年度部门决算表`)
_OWN_REPORT_HEADING = re.compile(
    r"\s*(?:19|20)\d\d\s*年度?\s*(?:部门|单位)(?:决算|预算)(?:表|情况说明|说明|公开)?[ \t]*$", re.M
)
_ALL_OF_A_KIND = re.compile(r"[各全本我该]")  # `全市各博物馆`: units of a kind, or the text's own unit, no name
_BODY_REACH = 4000  # the opening of the body, where the reporting unit is named
_PLACE_BEFORE_YEAR = re.compile(
    r"(?:^|[,，:：])\s*([\u4e00-\u9fff]{2,20}?)(?=\s*(?:(?:向社会)?(?:公布|公开)了?)?\s*(?:19|20)\d\d\s*年)", re.M
)  # `示例县2022年…`, `…，某省向社会公布了2013年省级“三公”经费…`
# fund words that contain 预算 (`一般预算` is the older name of 一般公共预算)
_FUND_SCOPE = re.compile(r"一般(?:公共)?预算|公共预算|政府性基金预算|国有资本经营预算")
_NOT_REPORT_WORDS = re.compile(
    _FUND_SCOPE.pattern
    + r"|预决算|预算法|预算单位|预算编制|政府预算|预算信息|部门预算中|预算(?=整体支出|绩效)|《[^》]{0,80}》"
    + r"|预算(?:刚性)?约束|预算管理"  # a policy's words (`硬化预算刚性约束`, `加强预算管理`)
)  # a budget unit, the making of a budget, the policy of publishing budgets, the scope of a 三公 disclosure
# (`部门预算中使用财政拨款开支…的单位包括…`), what an evaluation evaluates (`对2022年部门预算整体支出进行了绩效评价`,
# `预算绩效`) and a cited document (`根据《关于做好2022年度预算绩效自评工作的通知》`): no report
_TEXT_REACH = 600  # how far into a title-less text its report type and (in passing) its unit are read
_REPORT_HEADING = re.compile(r"(?:19|20)\d\d\s*年度?.{0,20}(?:决算|预算|绩效|三公)")


@dataclass
class TitleFacts:
    department: str | None
    # `title`, `body`, `body_heading`, `title_region`, `body_region`, `site`, `source`, `publisher` or None
    department_basis: str | None
    fiscal_year: int | None
    fiscal_year_basis: str | None  # which rule of `fiscal_year` gave the year
    report_type: str
    place: str | None = None  # the place the title names (`西宁市36个部门晒出…`), where its units are

    @property
    def placed_department(self) -> str | None:
        """The department with the title's place before it when it names none (`市园林局` under a 西宁市
        headline): what its region is read from."""
        if not self.department or not self.place or name_region(self.department):
            return self.department
        return self.place + self.department


# A title that is an uploaded file's name (`…决算公开表20221013044707503.xls`): its extension and upload stamp, or
# the dash a copy left before it (`…绩效自评表 -.xls`).
_FILE_NAME_TAIL = re.compile(r"(?:[_-]?\d{12,}|\s*[-_—]+)?\.(?:xlsx?|et|docx?|wps|pdf)$", re.I)
# a model-essay site's number of one copy (`…自评报告 篇14`) or of the copies it collects (`…自评报告(精选10篇)`)
ESSAY_COPY_NUMBER = re.compile(
    r"\s*(?:篇\s*\d{1,2}|[(（]\s*(?:精选|通用|优选|热门)?\s*\d{1,3}\s*篇\s*[)）]|(?:精选|通用)\s*\d{1,3}\s*篇)\s*$"
)


# A mirror's or spam site's name glued to a report's title (`…2020年度单位决算-某某旗舰厅官`).
# (not a subtitle that names what the report is about, `…情况说明—三公经费`, nor the unit's short name after a
# file's name, `…决算公开说明-水务站.pdf`)
_TAIL_AFTER_REPORT = re.compile(
    r"(?<=决算|预算|报告|说明|情况|公开|自评|评价)\s*[-_|–—]+\s*(?![^-_|–—]*(?:三公|预算|决算|经费|绩效))"
    r"(?![\u4e00-\u9fff]{1,12}(?:处|局|站|所|中心|院|馆|队)$)[^-_|–—]{2,30}$"
)


def printed_title(title: str | None) -> str | None:
    """The title as stored: a list bullet, an attachment's number or a column's tag before it (`• 某小学2016部门决算`,
    `附件2:…`, `【财政决算】…`), a file
    name's extension and upload stamp (a document-sharing site titles its page with the uploaded file's name), a
    model-essay site's copy number and a site's name glued after the report words dropped."""
    if not title:
        return None
    title = _ATTACHED_FILE.sub(r"\g<name>", _BULLET.sub("", title.strip()))
    title = ESSAY_COPY_NUMBER.sub("", _FILE_NAME_TAIL.sub("", _ATTACHMENT_PREFIX.sub("", title)))
    return _TAIL_AFTER_REPORT.sub("", title).strip() or None


def normalise_title(title: str) -> str:
    """NFKC, whitespace collapsed (`2022 年度` -> `2022年度`), 【】, a file extension, a copy number (`篇1`),
    `附件2-1`, a template's `XX部门` and a glued unit code dropped."""
    text = _ATTACHED_FILE.sub(r"\g<name>", _BULLET.sub("", " ".join(normalise(title or "").split())))
    text = re.sub(r"^【[^】]{0,12}】", "", text).replace("【", "").replace("】", "")
    text = ESSAY_COPY_NUMBER.sub("", _EXTENSION.sub("", text.strip()))
    text = _PLACEHOLDER.sub("", _ATTACHMENT_PREFIX.sub("", text))
    return _CJK_SPACE.sub("", text).strip()


def report_type(title: str, column: str | None = None) -> str:
    """The `report_type` (data dictionary) of a normalised title; the column name hints when the title is silent."""
    approved = _APPROVED_REPORT.search(title)
    if approved:  # `…2018年某镇人民政府部门预算的批复`: the finance bureau's approval prints the unit's budget
        return "budget" if approved.group(1) == "预算" else "final_accounts"
    if is_notice(title):
        return "other"
    for keyword, kind in _TYPE_ORDER:
        if keyword in title:
            return kind
    named = _evaluation_type(title) or _sangong_type(title) or _unit_report_type(title)
    if named:
        return named
    if _OTHER.search(title):
        return "other"
    for hint, kind in _COLUMN_HINTS:
        if column and hint in column:
            return kind
    return "other"


# a project's or a fund's `绩效报告` (`某局2016年度项目绩效报告`): its own account of the results
_PERFORMANCE_REPORT = re.compile(r"(?:项目|资金|经费)绩效报告")


def _evaluation_type(title: str) -> str | None:
    """A self-evaluation by what it covers (整体 and/or 项目/专项), or an evaluation made by someone else."""
    evaluated = "绩效" in title and bool(re.search(r"评价|考评|评估", title))  # (`绩效考评报告`: an older word)
    own = "自评" in title or "自我" in title  # `X资金自我绩效评价报告`: a self-evaluation in full words
    if not own and not evaluated and not _PERFORMANCE_REPORT.search(title):
        return None
    if not own and _EXTERNAL.search(title) and not ("整体" in title and "重点" not in title):
        return "external_evaluation"
    whole, project = "整体" in title, bool(re.search(r"项目|专项", title))
    if whole:
        return "self_eval_department_and_project" if project else "self_eval_department"
    if project or _PROJECT_FUNDS.search(title):
        return "self_eval_project"
    return "self_eval_department" if "自评" in title else None


_UNIT_REPORT_ENDING = re.compile(
    r"(预算|决算)(?:基本|编制)?(?:(?:有关)?(?:情况)?(?:公开)?(?:情况)?的?(?:说明|报告)|公开|公示|信息|资讯"
    r"|(?:公开)?(?:收支|收入|支出)?总?(?:情况)?表)?$"  # also `某局预算公开表`
)


# A title that names only the year before its report (`2016年度预算编制说明`)
_YEAR_ALONE = re.compile(r"\s*(?:关于)?\s*(?:19|20)\d\d\s*年度?\s*")


def _unit_report_type(title: str) -> str | None:
    """`2023年某中学预算说明`, `某局2022年决算情况说明`, `…预算有关情况的说明`, `…决算报告`, `某中心2021年预算`,
    `2017年某小学决算`, `2024年某局预算公开说明`, `2015年某职业中专预算收支表`, `某中学2021年收支预算公示`: a unit's own
    预算 or 决算 (a place's is not a unit's); also one that names no unit, only its year (`2016年度预算编制说明`)."""
    ending = _UNIT_REPORT_ENDING.search(title)
    if ending is None or "三公" in title or not (department_from_title(title) or names_only_its_year(title)):
        return None
    return "budget" if ending.group(1) == "预算" else "final_accounts"


def names_only_its_year(title: str) -> bool:
    """A unit's 预算 or 决算 titled by its year alone (`2016年度预算编制说明`), on the unit's own portal."""
    ending = _UNIT_REPORT_ENDING.search(title)
    return bool(ending and _YEAR_ALONE.fullmatch(title, 0, ending.start()))


def _sangong_type(title: str) -> str | None:
    """A department's 三公 page is a budget when it speaks of 预算 only, final accounts when of 决算 or spending
    only; a whole county's 三公 totals (no unit in the title) are `other`."""
    if "三公" not in title or not department_from_title(title):
        return None
    return _sangong_stage(title)


# A news headline quotes one of a unit's 三公 amounts (`…公务接待费仅6万元`, `…公车花费1229万`).
_NEWS_HEADLINE = re.compile(r"(?:三公|公务接待|公务用车|公车|因公出国)[^,，。]{0,12}?\d+(?:\.\d+)?\s*余?[万亿]")


def news_headline(title: str) -> bool:
    """A news headline that quotes one of a unit's 三公 amounts."""
    return bool(_NEWS_HEADLINE.search(title))


def _headline_stage(headline: str) -> str | None:
    """The stage of the amount a news headline quotes (`…决算数467.54万元`, `…预算为80万元`); a headline that only
    measures against the budget (`不到预算的一成`) names none."""
    if "决算" in headline:
        return "final_accounts"
    return "budget" if re.search(r"预算(?:数|为|是)?\s*\d", headline) else None


_BUDGET_CHANGES = re.compile(r"(?<=预算)(?:对比|比较)?增减")


_STAGE_REACH = 200  # characters of a 三公 page's opening that may say its stage (a table's column header)


def _sangong_stage(text: str) -> str | None:
    stage_words = _FUND_SCOPE.sub("", text)  # 一般公共预算 names the fund, not the stage
    stage_words = stage_words.replace("支出预算", "预算")  # `“三公”经费支出预算情况`: a budget of spending
    stage_words = _BUDGET_CHANGES.sub("", stage_words)  # `预算对比增减说明`: the budget's changes, no spending
    budget, final = "预算" in stage_words, bool(re.search(r"决算|支出|增减|执行", stage_words))
    if budget != final:
        return "budget" if budget else "final_accounts"
    return None


def is_notice(title: str) -> bool:
    """True for notices, policies and news (`…的通知`, `…公告`, `…管理办法`): disclosure pages, not reports. A
    report put on display (`某中学2021年收支预算公示`, `…部门决算公示`) is the report."""
    return bool(_NOTICE_TAIL.search(title)) and not _DISPLAYED_REPORT.search(title)


def fiscal_year(title: str, body_text: str = "", published: str | None = None) -> tuple[int | None, str | None]:
    """(year, rule), first found: title 年度 / 年 / bare year, a headline's 今年 / 去年 from the publication date,
    then the body, then publish year − 1. A template's name (`2020年预算单位部门决算公开模板`, the file a
    document-sharing site files a unit's 2017 report under) gives no year."""
    for rule, pattern in _TITLE_YEARS:
        match = None if _TEMPLATE_NAME.search(title) else pattern.search(title)
        if match:
            return int(match.group(1)), rule
    relative = re.search(r"今年|去年", title)  # a news headline's `公安部今年三公减少…`, counted from its date
    if relative and published and published[:4].isdigit():
        return int(published[:4]) - (relative.group() == "去年"), "title_relative"
    # the text's own years before a cited notice's (`根据《关于报送2020年预算绩效目标…的通知》，我院对2019年度…`)
    uncited = without_cited_titles(body_text)
    for text in dict.fromkeys((uncited, body_text)):  # (each once)
        for rule, pattern, limit in _BODY_YEARS:
            match = pattern.search(text[:limit] if limit else text)
            if match:
                return int(match.group(1)), rule
    if published and published[:4].isdigit():
        return int(published[:4]) - 1, "published_minus_one"
    return None, None


# a document the text cites (`根据《关于报送2020年预算绩效目标和2019年度…自评报告的通知》`): its years and wordings
# are the notice's
_CITED_TITLE = re.compile(r"《[^》\n]{0,120}》")


def without_cited_titles(text: str) -> str:
    """`text` with every cited document's title blanked out, character for character (offsets stay)."""
    return _CITED_TITLE.sub(lambda cited: "□" * len(cited.group()), text)


_TEMPLATE_NAME = re.compile(r"(?:模板|模版|范本|样本|范文)\s*$")
# A year bound to a budget in its own clause (`2023年收入预算总计…`, `2024年部门预算…`), not one compared with
_BUDGET_YEAR = _money_year("年度?", "预算")


def _budget_year(body_text: str, first: int | None) -> int | None:
    """A 部门预算 page whose year only its body gives: the year its budget is printed for, when that comes after
    the first year the body names (`2022年度部门决算支出…` in the unit's introduction, then `2023年收入预算…`)."""
    match = _BUDGET_YEAR.search(body_text)
    budgeted = int(match.group(1)) if match else None
    return budgeted if budgeted and first and budgeted > first else first


def department_from_title(title: str) -> str | None:
    """The title minus a leading 关于, the year and the report-type tail; None when no organisation is left.

    In `A关于B…` (a finance bureau's report on another unit) the department is B when B names an organisation.
    """
    issuer, _, subject = title.partition("关于")
    return _organisation(subject) or _organisation(issuer) or _unit_after_year(title) or _unit_of_fund(title)


def _unit_of_fund(text: str) -> str | None:
    """`某区交通运输局X补助地方资金转移支付2023年度绩效自评报告` (a title, or its part before the year): the unit,
    named with its place (not a word such as 校园), whose fund follows."""
    named = _named_part(text)
    lead = re.match(_ORG, named)
    if lead is None or not name_region(lead.group(1)):
        return None
    return lead.group(1) if _FUND_END.search(named, lead.end()) else None


_PLACE_THEN_YEAR = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{2,12}}?)\s*{_YEAR}\s*-?\s*年?度?(?P<rest>.+)$")


def _unit_after_year(title: str) -> str | None:
    """`示例县2015年度林业站“三公”经费决算表`: the place, then the year, then its unit (the place's unit, unless
    the unit names its own place)."""
    match = _PLACE_THEN_YEAR.match(title)
    unit = _organisation(match.group("rest")) if match and name_region(match.group("place")) else None
    if unit is None or not match:
        return None
    place = match.group("place")
    bare_place = place[:-1] if len(place) > 2 and place[-1] in _LEVEL_SUFFIXES else place
    return unit if name_region(unit) or unit.startswith(bare_place) else place + unit  # `调兵山经济开发区…` names it


_LEVEL_SUFFIXES = "省市县区州旗盟"


def _organisation(text: str) -> str | None:
    """`text` without its year and report-type tail, if what is left ends like an organisation name, or names a
    place's departments of one domain (`寻甸县教育部门“三公”经费决算…`: those departments together)."""
    text = without_own_level(_named_part(text)) or ""
    if _DOMAIN_OF_PLACE.fullmatch(text) and name_region(text):
        return text
    return text if len(text) >= 2 and _ORG_SUFFIX.search(text) else None


_BODY_ALONE = re.compile(rf"(?:{regions.BODY_BEFORE_PLACE})")


def _placed_body(department: str | None, body_text: str) -> str | None:
    """A title that names only the party, league or CPPCC body, without its place (a shared file's name,
    `中国共产主义青年团2021年度…`), whose body prints the body's full name (`中国共产主义青年团邵阳市北塔区委员会`)."""
    if not department or not _BODY_ALONE.fullmatch(department):
        return department
    full = re.search(rf"{re.escape(department)}[\u4e00-\u9fff]{{2,20}}?(?:委员会|委)", body_text[:_BODY_REACH])
    return full.group() if full and name_region(full.group()) else department


def _bureau_of_domain_title(department: str | None, body_text: str) -> str | None:
    """A title's departments of one domain (`海南省交通运输部门2022年…`) whose body opens a sentence with that
    domain's bureau and the year (`交通运输厅2022年一般公共预算…`): the bureau, with the title's place."""
    domain = _DOMAIN_OF_PLACE.fullmatch(department or "")
    if domain is None:
        return department
    bureau = re.search(
        rf"(?:^|(?<=[。\n]))\s*(?:{re.escape(domain.group('place'))})?{re.escape(domain.group('domain'))}"
        r"(?P<kind>厅|局|委员会)(?=\s*(?:19|20)\d\d\s*年)",
        body_text[:_TEXT_REACH],
    )
    return domain.group("place") + domain.group("domain") + bureau.group("kind") if bureau else department


_DOMAIN_OF_PLACE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{1,9}?[省市县区州旗])(?!本级|级|直|所属|各|全|有关|相关|其他)"
    r"(?P<domain>[\u4e00-\u9fff]{2,6})部门"
)  # (not a level's or a kind's: `某市本级部门`, `某县各部门`)


CENTRAL_LEVEL = "中央本级"  # the central government's own units, summed up like a place's
# the centre's own sum, also as its units' or departments' 三公 (`2015年中央单位“三公经费”支出合计…亿元`), its
# administrative units' (`中央行政事业单位财政拨款…“三公”经费支出合计…`) or a headline's (`中央去年“三公”支出…`)
_CENTRAL_SUM = re.compile(
    r"中央本级|中央(?:单位|部门)[“\"]?三公|中央行政事业单位|^中央(?:去年|今年|(?:19|20)\d\d年度?)?[“\"]?三公"
)


def is_whole_place(name: str | None) -> bool:
    """Whether a department is a place (a county, a province) or the central level, whose figures are sums."""
    return name is not None and (name == CENTRAL_LEVEL or region_from_title(name) is not None)


def region_from_title(title: str) -> str | None:
    """The place a whole county's or city's report is about (`示例县2022年度“三公”经费决算情况` → 示例县,
    `示例区本级2021年…汇总说明` → 示例区, `示例省68个省级部门公开…` → 示例省, also after `关于`): the title names no
    unit, only a place, before its year and report-type tail."""
    name = _PLACE_TAIL.sub("", _named_part(_AGGREGATE_VERB.split(title.removeprefix("关于"), maxsplit=1)[0]))
    name = _PROVINCE_ABBREVIATIONS.get(name, name)  # a headline's `鄂55个省级部门…`
    region = regions.get(name_region(name)) if name else None
    if region and any(name.endswith(n) for n in regions.names_of(region)):
        return name  # also `彭水自治县`
    return None


# The one-character names of provinces a news headline uses alone (`鄂55个省级部门公布预算`).
_PROVINCE_ABBREVIATIONS = dict(
    zip(
        "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵黔云滇藏陕甘青宁新",
        "北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 江苏省 浙江省 安徽省 福建省 "
        "江西省 山东省 河南省 湖北省 湖南省 广东省 广西壮族自治区 海南省 重庆市 四川省 贵州省 贵州省 云南省 "
        "云南省 西藏自治区 陕西省 甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区".split(),
        strict=True,
    )
)
# What follows the place in a title about a whole place's figures: its own level (`区本级`, `湖南省级`), a count
# of its departments, or a news verb (`北京市公布2010年“三公”经费…`).
# also `新疆本级`, `某市市级`
_PLACE_TAIL = re.compile(r"(?:(?<=[省市县区旗州])[省市县区旗州]?本级|本级|(?<=[省市县区旗州])[省市县区旗州]?级)$")
_AGGREGATE_VERB = re.compile(r"\d+个|\d+(?=部门)|公布|晒出?|首次公开|集中公开")
# A title about a whole place's figures, not one unit's: its level, a sum over its units, a count of them.
_AGGREGATE_TITLE = re.compile(r"本级|[省市县区]级|汇总|\d+个[\u4e00-\u9fff]{0,4}部门|各部门|公布|晒")


def _named_part(text: str) -> str:
    """`text` without its year and report-type tail: what names the unit or place the title is about."""
    year = re.search(rf"{_YEAR}\s*年度?|(?<!\d){_YEAR}(?!\d)|(?:去|今|上|前)年", text)  # `审计署去年公车花费…`
    if year and year.start() == 0:
        text = text[year.end() :]
    elif year:
        text = text[: year.start()]
    tail = _TAIL_START.search(text)
    if tail:
        text = text[: tail.start()]
    text = re.sub(r"(?:的|公开|公布|晒出?|年度)+$", "", text.strip(' -_:、,《“"'))  # also a headline's `某部晒三公`
    unit = re.sub(r"(?:部门|单位)$", "", text)  # `示例市司法局部门“三公”经费…`: the unit before 部门
    if unit != text and _ORG_SUFFIX.search(unit):
        text = unit
    paren = _QUALIFIER_IN_BRACKETS.search(text)
    if paren:
        text = text[: paren.start()]
    return text


# A bracket after the name qualifies it (`（某专项资金）`) and goes, unless it is the unit's own level (`(本级)`) or
# its second name (`民宗局(外侨办)`: one office under two names).
_QUALIFIER_IN_BRACKETS = re.compile(rf"\((?!本级\)|{_ALIAS}\)|{_REPORTING_PART}\))")


def _published_by_finance(publisher: str | None) -> bool:
    """No publisher, or a finance bureau: the one that publishes a whole county's totals."""
    return not publisher or "财政" in publisher


def region_from_body(body_text: str, headline: str = "") -> str | None:
    """The place the body's opening sentence is about (`示例县2022年“三公”经费决算数合计为…`), for a page whose
    title names neither a unit nor a place; under a headline about a level's sum (`省级…“三公”经费去年支出…`),
    the place the body names with its level or its finance department."""
    for match in _PLACE_BEFORE_YEAR.finditer(body_text[:_BODY_REACH]):
        place = region_from_title(match.group(1))
        if place:
            return place
    return _level_place(body_text[:_TEXT_REACH]) if _AGGREGATE_TITLE.search(headline) else None


# A level's sum names its place before the level (`陕西省省级行政事业单位…`, `某省省直各部门`), or through the
# finance department that reports it (`四川省财政厅厅长…向…报告`): the place, for a page whose headline only says
# `省级…`.
_LEVEL_OF_PLACE = (
    re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:本级|[省市县区][级直])"),  # also `山东省省直各部门…`
    re.compile(r"([\u4e00-\u9fff]{2,10}?)财政(?:厅|局)"),
)


# A finance bureau's sum over its own level, naming no place (`经汇总市本级行政单位…“三公”经费支出…`)
_TIME_WORD = re.compile(r"^(?:今年|去年|明年|上年|当年|目前|同时)")
_LEVEL_SUM_REACH = 300  # the opening sentences of a news item on a level's sum
_LEVEL_SUM = re.compile(
    r"经\s*汇总\s*[省市县区州旗]本级|[省市县区州旗]本级[^。]{0,40}三公"
    r"|[省市县区州旗]级(?:党政机关|部门|行政事业单位)[^。]{0,40}三公"  # `北京市级党政机关和…单位“三公”经费…`
)


# the units directly under a place's government (`市直党政机关和事业单位`), summed up like its level
_DIRECT_UNITS_SUM = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,12}?[省市县区州旗])直(?:党政机关|部门|行政事业单位|各部门)[^。]{0,40}三公"
)


def _level_place(opening: str) -> str | None:
    for pattern in _LEVEL_OF_PLACE:
        for match in pattern.finditer(opening):
            place = _place_ending(_TIME_WORD.sub("", match.group(1)))  # `今年陕西省省级…`: without the time
            if place:
                return place
    return None


def _place_ending(words: str) -> str | None:
    """The longest tail of `words` that names a place (`2014年,广州市` → 广州市)."""
    return next((words[k:] for k in range(len(words) - 1) if region_from_title(words[k:])), None)


def department_from_body(body_text: str, within: str | None = None) -> str | None:
    """The unit the body's opening names, by the most reliable pattern first; it must begin with a place name
    (so `本局` or a `县财政局` in passing never count) unless the unit presents itself (its own 概况 heading or
    机构设置 sentence), and name the place the title names, if any (`乐至县医疗保障局` in a report titled `乐至县…`,
    never `…和县政府` in one titled `云县…`). Last, the same read over the cover's first lines without the spaces a
    PDF's text puts between Han characters (`西宁市某区某路 社区服务中心 2018年度部门决算`)."""
    opening = _SALUTATION.sub("", body_text[:_BODY_REACH], count=1)
    renamed = _RENAMED.search(opening, 0, _TEXT_REACH)
    line_end = opening.find("\n", renamed.end()) if renamed else -1
    if renamed and _RENAMING.search(opening, renamed.end(), line_end if line_end >= 0 else len(opening)):
        renamed = None  # `1965年更名为A，1973年更名为B，1997年改称为C`: a history, no name of the unit now
    if renamed and (within is None or within in renamed.group(1)):
        return renamed.group(1)  # `X(旧名)…更名为Y，以下简称…`: the unit's name now
    own = _OWN_ORGANISATION.search(opening)
    if own and within is None and len(own.group(1)) >= _NAME_MIN:
        return own.group(1)  # `(二)机构设置。区委老干部局下设3个内设机构`: the unit describes itself
    offices = _internal_offices(opening)
    for pattern in _BODY_DEPARTMENT:
        for match in pattern.finditer(opening):
            name = _before_copula(
                re.sub(r"^(?:现将|特将|本|我|其中|包括|第[一二三四五六七八九十]部分\s*)", "", match.group(1))
            )
            if name in offices or _NEWS_CLAUSE.search(name):
                continue  # `社会服务处是市委履行…职能的工作部门`: one of the offices the unit says it has
            presents_itself = (
                pattern
                in (_UNIT_STRUCTURE, _BUDGET_DEPARTMENT_LABEL, _OWN_LEVEL_SCOPE, _YEAR_AND_OWN_REPORT, _SEALED_UNIT)
                or _OWN_UNIT_HEADING.match(opening, match.end())
                or _OWN_REPORT_HEADING.match(opening, match.end())
                or _SELF_DESCRIPTION.match(opening, match.end())
            )
            placeless = within is None and (
                _TOWNSHIP_UNIT.fullmatch(name)
                or (len(name) >= 4 and not _ALL_OF_A_KIND.match(name) and presents_itself)
            )  # `第一部分 市博物馆概况`: the unit its own overview presents, its place left to the portal
            placed = name_region(name) or _ZONE_UNIT.match(name)
            if (placed or placeless or _central_body(name) == name) and (within is None or within in name):
                return name
    first = (
        _first_unit_named(opening) or _bureau_of_domain(opening) or _contact_unit(body_text) or _composed_unit(opening)
    )
    if first and (within is None or within in first):
        return first
    cover = _CJK_SPACE_IN_LINE.sub("", opening[:_COVER_CHARS])
    return department_from_body(cover, within) if cover != opening[:_COVER_CHARS] else None


def _before_copula(name: str) -> str:
    """`X中心是Y局` read as one name (`X中心是Y局下设二级机构`): the unit before 是, which says what it is."""
    unit, copula, _ = name.partition("是")
    return unit if copula and _ORG_SUFFIX.search(unit) else name


# A report sent to the level above (`关于上报2023年…绩效自评的报告`), whose body opens with the addressee's name on
# a line of its own (its colon often lost): the unit that posted it
_SENT_UPWARD = re.compile(r"关于(?:上报|报送|呈报)")
# A report to the level above opens with its addressees (`某市财政局、某市农业农村工作委员会：`): no unit of its own
_SALUTATION = re.compile(
    r"^\s*(?:[\u4e00-\u9fff()（）]{2,30}[、，,]\s*)*[\u4e00-\u9fff()（）]{2,30}?(?:局|委员会|委|厅|办公室|政府|部)\s*[:：]\s*\n"
)
_RENAMED = re.compile(rf"更名为\s*{_ORG}(?=[,，。;；(（]|以下)")
_RENAMING = re.compile(r"(?:更名|改称|改名)为")
# A unit of a development zone, which no list of places holds (`义龙试验区群众工作部`, `某某新区统计局`)
_ZONE_UNIT = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?:试验区|新区|开发区|示范区|管理区|保税区|产业园区)(?=[\u4e00-\u9fff]{2})"
)
_COVER_CHARS = 200  # a PDF cover's lines, whose text may break the unit's name with a space
# The offices a unit lists as its own (`机关下设办公室、参政议政处、…社会服务处5个处(室)`), never the unit
_OFFICE_LIST = re.compile(
    r"(?:下设|内设)(?:机构)?(?:有)?[:：]?(?P<list>[^。;；:：]{2,200}?)(?:\d+|[一二三四五六七八九十]+)个"
)
_LIST_MARK = re.compile(r"[、,，和及]")


def _internal_offices(opening: str) -> set[str]:
    return {name.strip() for m in _OFFICE_LIST.finditer(opening) for name in _LIST_MARK.split(m.group("list"))}


# A unit named by a bare level word or no place at all, as a last resort where nothing else names the unit: the one
# its own 单位构成 section names (`从单位构成看，区政协包括办公室…`, `部门预算单位构成` ⏎
# `…，区接待办公室不设二级机构`), the one whose 三公 or budget a sentence opens with
# (`2016年，市人大“三公”经费预算为…`), the one whose budget takes in its units
# (`纳入国土资源局部门预算编制范围的单位…`), or the one whose duties the 职能职责 section states
# (`…规定，市政协机关的主要职责是：`).
_COMPOSED_UNIT = (
    re.compile(
        # (never the level word inside a place's name: `单位构成 示例县统计局由…` is no `县统计局`)
        rf"单位构成[^\n。]{{0,4}}\n?(?:[^。\n]{{0,20}}?[,，:：])?\s*(?<![\u4e00-\u9fff])"
        rf"(?P<unit>[区市县州省旗][\u4e00-\u9fff]{{0,14}}?{_SUFFIX})"
        r"(?=不设|包括|由|为|下设|内设|共有|是|只有|仅有)"
    ),
    re.compile(
        rf"(?:^|(?<=年)[,，]?|(?<=[。\n]))\s*(?P<unit>[区市县州省旗][\u4e00-\u9fff]{{0,14}}?{_SUFFIX})"
        r"(?=\s*(?:(?:19|20)\d{2}\s*年度?)?\s*(?:[“\"]?三公|部门(?:预算|决算)))",
        re.M,
    ),
    # `纳入国土资源局部门预算编制范围的单位共9个`: the unit whose budget takes in its subordinate units
    re.compile(
        rf"纳入(?P<unit>[\u4e00-\u9fff]{{1,16}}?{_SUFFIX})\s*(?:(?:19|20)\d{{2}}\s*年度?)?\s*部门(?:预算|决算)编制范围"
    ),
    re.compile(
        rf"(?<![\u4e00-\u9fff])(?P<unit>[区市县州省旗][\u4e00-\u9fff]{{0,14}}?{_SUFFIX})(?:机关)?的?(?:主要)?职(?:责|能)"
        r"(?:是|为|包括|有|[:：])"
    ),
)


def _composed_unit(opening: str) -> str | None:
    found = next((match for pattern in _COMPOSED_UNIT if (match := pattern.search(opening))), None)
    return found.group("unit") if found else None


# The unit whose contacts close the report (`联系方式：某县交通运输局政务公开电子邮箱：…`) published it.
_CONTACT = re.compile(rf"(?:联系方式|联系单位|联系电话|咨询电话|监督电话)\s*[:：]\s*{_ORG}")


def _contact_unit(body_text: str) -> str | None:
    named = [match.group(1) for match in _CONTACT.finditer(body_text)]
    return next((name for name in named if name_region(name)), None)


# `汾阳市教育科技部门，现有教职工…` names the place's departments of a domain; the bureau the body names for it
# (`教育科技局机关…`) is the unit.
_DOMAIN_DEPARTMENTS = re.compile(r"([\u4e00-\u9fff]{3,16}?)部门(?=[,，:：\s])")


def _bureau_of_domain(opening: str) -> str | None:
    domains = _DOMAIN_DEPARTMENTS.search(opening[:_TEXT_REACH])
    if domains is None:
        return None
    named = domains.group(1)
    place_end = next((k for k in range(2, len(named)) if name_region(named[:k])), 0)  # the shortest place
    domain = named[place_end:] if place_end else ""
    bureau = re.search(rf"{re.escape(domain)}(局|委员会)", opening) if len(domain) >= 2 else None
    return named + bureau.group(1) if bureau else None


# A news round-up of several units' figures gives each unit a heading line of its own name, and the paragraph under
# it opens with that name again (`市文化局` ⏎ `市文化局2010年“三公经费”…`).
_UNIT_HEADING = re.compile(
    r"^[ \t\u3000]*(?P<name>[\u4e00-\u9fff]{1,18}" + _SUFFIX + r")[ \t\u3000]*\n"
    r"(?:[ \t\u3000]*\n)*[ \t\u3000]*(?P=name)",
    re.M,
)


def unit_sections(body_text: str) -> list[tuple[int, str]]:
    """(start, name) of each unit's section in a round-up of several units: a heading line of the unit's name (see
    `_UNIT_HEADING`), or, under a lead that says several departments published (`中央和国家有关部门19日公布了…`),
    a paragraph that opens with a unit's name (`国家税务总局去年“三公经费”…`, `2011年，商务部…`)."""
    headed = [
        (match.start("name"), match.group("name"))
        for match in _UNIT_HEADING.finditer(body_text)
        if not _NOT_A_UNIT.search(match.group("name"))
    ]
    if headed or not _ROUND_UP_LEAD.search(body_text, 0, _TEXT_REACH):
        return headed
    opened = []
    for line in re.finditer(r"^[^\n]+", body_text, re.M):
        head = line.group()[:_PARAGRAPH_HEAD]
        unit = _first_unit_named(head)
        if unit and head.find(unit) <= _UNIT_LEAD_CHARS:
            opened.append((line.start(), unit))
    return opened if len({name for _, name in opened}) >= 2 else []


# A news lead about several departments publishing (`中央和国家有关部门19日公布了…`, `北京44个部门公布…`).
_ROUND_UP_LEAD = re.compile(r"(?:各|有关|\d+个)[\u4e00-\u9fff]{0,8}部门[^。\n]{0,12}(?:公布|公开|晒)")
_PARAGRAPH_HEAD = 30
_UNIT_LEAD_CHARS = 8  # `2011年，商务部…`: how far into its paragraph a round-up names its unit


# A township or street office a township's own report names without its county (`现将焦石镇2020年度…`).
# A central-government body names no place (`中国科学院`, `国家林业局`, `中央编办`); a phrase about policy
# (`按照国家政策规定安排各学校`) is none.
_CENTRAL_BODY = re.compile(r"(?:中国|国家|中央|全国|国务院)(?=[\u4e00-\u9fff]{2})|共青团中央$")
_NOT_A_BODY = re.compile(r"政策|规定|要求|安排|有关|各|法律|法规|以及")
_CENTRAL_BODY_CHARS = 12


# Ministries and central offices named without 中国 where a sentence or a dateline opens with them (`卫生部在其网站
# 公布…`, `2014年外交部…`, `【本报北京22日电】国家环保部昨日发布…`), not in passing in a list (`…、财政部代理发行的
# 债券`); `财政部门` is no ministry.
_MINISTRY = re.compile(
    r"(?:^|(?<=[,，。\s年日电】]))(?:国家)?(?:外交|国防|教育|科学技术|科技|工业和信息化|公安|民政|司法|财政"
    r"|人力资源和社会保障|自然资源|生态环境|住房和城乡建设|交通运输|水利|农业农村|农业|商务|文化和旅游|文化|卫生"
    r"|退役军人事务|应急管理|国土资源|环境保护|环保|铁道|监察|人事|建设)部(?!门|分|属|委)"
    r"|(?:^|(?<=[,，。\s年日电】]))(?:审计署|海关总署|中国人民银行|(?:工商|税务|质检|体育|林业|旅游|统计|广电)总局)",
    re.M,
)


def _central_body(name: str) -> str | None:
    found = _CENTRAL_BODY.search(name)
    body = name[found.start() :] if found else ""
    return body if body and len(body) <= _CENTRAL_BODY_CHARS and not _NOT_A_BODY.search(body) else None


_TOWNSHIP_UNIT = re.compile(rf"(?!{_ALL_OF_A_KIND.pattern})[\u4e00-\u9fff]{{2,6}}(?:镇|乡|街道)(?:人民政府|办事处)?")
# Last resort for a page that names its unit only in passing (`…使用财政拨款安排靖西市某某站出国团组0个`): the
# first unit of the opening that starts with a place name, whatever surrounds it, unless it is the head of a
# project's name (`…马鞍医院建设工程`, `…医院重建项目`).
_UNIT_IN_TEXT = re.compile(
    rf"[\u4e00-\u9fff]{{2,28}}?(?:{_BUREAU}|委员会|常委会|办公室|办公厅|(?<![大餐客展门舞歌厅])(?<!财政)厅(?!长)|办事处|中心|站|所|院|馆"
    rf"|大队|支队|队|{_OFFICE}|委|办(?!公)|{_GOVERNMENT}|校(?!园)"
    r"|中学|小学|职业中专|职专|学区|幼儿园|公园|陵园|植物园|动物园|电视台|电台|气象台|地震台|联合会|红十字会|慈善总会|协会|学会|青少年宫"
    r"|文化宫|研究室)"
    # not `…中心` of `…中心校`, `…中心医院` or a township's `…中心小学校` / `…中心卫生院`, nor `…委员会` of
    # `…委员会办公室`, nor `…常委` of `…常委会`, nor a party committee whose bureau follows (`昌吉州党委老干部局`,
    # `柳州市委组织部信息中心`), nor a project's name, nor the 所 of `部门所属…`, nor the 政府 of `政府拨款`
    # (`X红十字会本级政府拨款收入`)
    r"(?![\u4e00-\u9fff]{0,2}工程|(?:提升)?(?:重建|建设|改造|扩建|新建)项目|[校站所院馆局队]|员会|(?<=常委)会|办公[室厅]|党校|医院"
    r"|管理(?:处|所|局|站|中心|办公室)"  # `某烈士陵园管理处`: the name goes on
    r"|(?<=党委|[市县区州旗盟]委)[\u4e00-\u9fff]{0,5}?(?:局|部|办公室)|(?<=所)[属有在需]|(?<=政府)(?:拨款|补助|采购|性|购买)"
    r"|(?<=中心)(?:小学|中学|卫生院|幼儿园|学校|完小|敬老院))"
)


# A unit the opening lists as subordinate to the reporting one (`下属正科级参公事业单位1个：X中心`).
_SUBORDINATE_BEFORE = re.compile(r"(?:下属|所属|直属|下辖|挂靠)[^。;；]{0,16}$")
# The centres and stations a unit lists as its own (`拥有1个中心、2个试验站，分别为X中心、…和Y试验站`)
_LISTED_AS_OWN = re.compile(r"(?:拥有|下设|设有)[^。;；]{0,30}分别为[^。;；]*$")
_LISTED_REACH = 200
# The body a unit belongs to (`我院为达州市民政局下属…单位`, `…隶属于某区委员会`) is not the unit.
_PARENT_AFTER = re.compile(r"(?:下属|所属|直属|管理的|主管的)")
# The leadership a text opens by praising (`云南省委、省政府历来高度重视…`): a place's party committee and government
_LEADERSHIP_AFTER = re.compile(r"\s*[、和及]\s*[省市县区州旗]?(?:人民)?政府")
# the body whose meeting the text reports (`召开中共某市委某工作领导小组第二次全体会议`): a meeting's name, no unit
_MEETING_OF = re.compile(r"召开|参加|出席|列席")
_MEETING_AFTER = re.compile(r"[\u4e00-\u9fff]{0,24}?(?:会议|大会)")
_BELONGS_TO = r"隶属于?|归属"
_PARENT_BEFORE = re.compile(rf"(?:{_BELONGS_TO})\s*$")
# The authority a text invokes (`根据涪陵区机构编制委员会相关文件，某中心为…`), or the body a unit belongs to, is not
# the unit.
_AUTHORITY_BEFORE = re.compile(rf"(?:根据|依据|按照|承担|协助|配合|{_BELONGS_TO})\s*$")
_PARENT_REACH = 4
# a fund form's cell naming a body above the unit (`省级主管部门 | 四川省市场监管局`), never the unit
_SUPERVISOR_LABEL = re.compile(r"(?:中央|省级)主管部门\s*[:：|]?\s*$")
_SUPERVISOR_REACH = 12
_SUBORDINATE_REACH = 20
# `可通过湖北省政府门户网站查询`, `据中国政府网消息`: a website, not the unit (`X局网站公布了…` is X's own site)
_WEBSITE_AFTER = re.compile(r"门户|网(?!站|点|格|络)")
# A reporter's source (`记者从某市财政局获悉`, `从市财政局了解到`) is not the unit.
# a reporter's source, also an official who spoke (`某市财政局副局长某某介绍`)
_INFORMED_BY = re.compile(
    r"\s*(?:获悉|了解到|得知)"
    r"|\s*(?:相关)?(?:副)?(?:[厅局处科部]长|主任|负责人)[\u4e00-\u9fff]{0,4}?(?:介绍|表示|透露|称)"
)
# The issuer of a rule the text cites (`落实中央政治局关于八项规定的精神`, `按照省财政厅印发的…`) is not the unit.
# also `国务院要求各…压缩2%`; and a kind of body a charter speaks of (`政协全国委员会和各级地方委员会的主要职能…`)
_ISSUER_OF_RULE = re.compile(
    r"\s*(?:关于|印发|制定|颁布|出台|的《|《|(?:相关|有关|的)?要求|[和及与]各级)"
    r"|\s*[(（]?\s*印?制\s*[)）]?\s*$",  # the maker of a form's template, on a cover line of its own (`林芝市财政局制`)
    re.M,
)
# The body that allots the money a report accounts for (`某区财政局下达我单位…资金`, `某县财政局于…将…资金…拨入我局
# 账户`) is not the unit.
_ALLOTS_TO_US = re.compile(
    r"[^。;；]{0,60}?(?:下达|下拨|拨付|拨入|抵达|转入|批复)(?:给|到|至)?(?:我|本)(?:单位|局|中心|站|所|院|部门|委|会|办)"
)
# The body that allots the money (`中共某区委农村工作领导小组下达…资金100万元`), never the unit that reports on it
# (unless the money is allotted for it: `自治区每年为林芝市广电局下达…经费`)
_ALLOTS = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:下达|下拨)")
_ALLOTTED_FOR = re.compile(r"[为给向](?!阳)")
_APPROVED_BY = re.compile(r"经(?!济|开|营|费)")  # not a 经济开发区's or 经营 unit's own name
# whose rule or demand the text follows, or who told the reporter (`据某市财政局相关负责人介绍`)
# (also a unit the text's event follows, `继某市政府…决算公开后`)
_RULE_VERBS = r"按照|根据|依照|遵照|贯彻|落实|据|继"
_RULE_BEFORE = re.compile(rf"(?:{_RULE_VERBS})\s*$")
_RULE_OPENING = re.compile(_RULE_VERBS)
_SUBMITTED_TO = re.compile(r"(?:提交|提请|报送|报请|向)\s*$")
_REVIEWS = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:审议|审查|审批|报告|汇报)")


def _named_in_passing(opening: str, start: int, end: int) -> bool:
    """The unit at `start:end` is the body a report goes to (`已提交某市人大常委会审议`, `向某委员会会议报告`), one
    whose demands the text follows or whose event it follows (`按照…`, `继…后`), or the reporter's source (`据…`)."""
    submitted = _SUBMITTED_TO.search(opening, max(0, start - 3), start) and _REVIEWS.match(opening, end)
    return bool(submitted or _RULE_BEFORE.search(opening, max(0, start - 4), start))


# A cited document's title (`根据《浙江省地方政府专项债券项目资金绩效管理办法》`) names its issuer, never the unit.
_CITED_TITLE = re.compile(r"《[^《》]{1,80}》")


_BODY_BEFORE = re.compile(rf"(?:{regions.BODY_BEFORE_PLACE})$")


def _city_without_its_level(name: str) -> bool:
    """`达州铁路中学`: a unit named after its prefecture-level city without the city's `市`."""
    return regions.prefecture_named_short(name) is not None


def unit_named(text: str) -> str | None:
    """The first unit `text` names with its place (`湖北省地方志编纂委员会办公室`) or, on a page about a whole place,
    by its level alone (`支出最多的是省交通运输厅`), if any, unless it only reports the numbers (`经某市财政局汇总，…`,
    `据某省统计局统计…`)."""
    level = _LEVEL_UNIT.search(text)
    unit = _first_unit_named(text, with_central=False) or (level.group("unit") if level else None)
    return None if unit and (_REPORTER.search(text) or _FINANCE_BUREAU.search(unit)) else unit


# A unit of the place a page is about, named by its level word after a verb or a list mark (`最多的是省交通运输厅`)
_LEVEL_UNIT = re.compile(
    r"(?:(?<=[是为])|(?<=[,，、:：;；])|^)(?P<unit>[省市县区][\u4e00-\u9fff]{2,12}?(?:厅|局|委员会|办公室|学院))"
)


_FINANCE_BUREAU = re.compile(r"财政(?:局|厅)$")  # on a page about a whole place, the one that sums it up


_REPORTER = re.compile(r"(?:经|据|根据|按照|由)[\u4e00-\u9fff]{2,20}?(?:局|厅|委|办)\s*(?:汇总|统计|公布|发布|审核)")


# A place whose name is also a verb: `会同` (`together with`) right after a unit's name, `随` (`along with`) after a
# date or a team (`评价小组人员于10月26日随县交通局进行实地查看`: no 随县)
_VERB_AFTER_UNIT = re.compile(r"[局委办院厅部室所站心会]会同|[日组员人]随县")


def _listed_as_own(opening: str, position: int) -> bool:
    sentence_start = max(opening.rfind("。", 0, position), position - _LISTED_REACH, 0)
    return bool(_LISTED_AS_OWN.search(opening, sentence_start, position))


def _first_unit_named(opening: str, with_central: bool = True) -> str | None:
    central: str | None = None
    cited = [match.span() for match in _CITED_TITLE.finditer(opening[:_TEXT_REACH])]
    for match in _UNIT_IN_TEXT.finditer(opening[:_TEXT_REACH]):
        if any(start < match.start() < end for start, end in cited):
            continue
        name = match.group()
        if (
            _NOT_A_UNIT.search(name)
            or _WEBSITE_AFTER.match(opening, match.end())
            or _INFORMED_BY.match(opening, match.end())
            or _ISSUER_OF_RULE.match(opening, match.end())
            or _ALLOTS_TO_US.match(opening, match.end())
            or (_ALLOTS.match(opening, match.end()) and not _ALLOTTED_FOR.search(name))
            or _APPROVED_BY.match(opening, max(0, match.start() - 1))  # `经某区人民政府同意`: who approved it
            or _APPROVED_BY.match(name)
            or _RULE_BEFORE.search(opening, max(0, match.start() - 4), match.start())  # `按照中央和省委…要求`
            or _RULE_OPENING.match(name)
            or _SUBORDINATE_BEFORE.search(opening, max(0, match.start() - _SUBORDINATE_REACH), match.start())
            or _listed_as_own(opening, match.end())
            or _PARENT_AFTER.match(opening, match.end())
            or _LEADERSHIP_AFTER.match(opening, match.end())
            or (_MEETING_OF.search(name) and _MEETING_AFTER.match(opening, match.end()))
            or _PARENT_BEFORE.search(opening, max(0, match.start() - _PARENT_REACH), match.start())
            or _SUPERVISOR_LABEL.search(opening, max(0, match.start() - _SUPERVISOR_REACH), match.start())
        ):
            continue
        central = central or _central_body(name)
        for start in range(len(name) - 3):
            if _AUTHORITY_BEFORE.search(opening, max(0, match.start() + start - _PARENT_REACH), match.start() + start):
                break
            if _VERB_AFTER_UNIT.match(opening, max(0, match.start() + start - 1)):
                continue  # `县交通运输局会同县财政局…`: no county 会同
            if name_region(name[start:]) or _city_without_its_level(name[start:]):
                if _named_in_passing(opening, match.start() + start, match.end()):
                    break
                body = _BODY_BEFORE.search(name, 0, start)  # `中国民主建国会武汉市委员会`: the body's name too
                return name[body.start() if body else start :]
    if not with_central:
        return None
    if central is None:
        ministry = next(
            (
                m
                for m in _MINISTRY.finditer(opening[:_TEXT_REACH])
                if not any(start < m.start() < end for start, end in cited)
                and not _ALLOTS_MONEY.match(opening, m.end())
                and not _ISSUER_OF_RULE.match(opening, m.end())
                and not _SUPERVISOR_LABEL.search(opening, max(0, m.start() - _SUPERVISOR_REACH), m.start())
            ),
            None,
        )  # not a rule's issuer in or before its cited title (`《财政部关于…》`, `财政部《关于…》`), the ministry that
        # allots a fund, nor a transfer form's supervising ministry (`中央主管部门 | 农业农村部`)
        central = ministry.group() if ministry else None
    return central  # a central body only when no local unit is named (`根据国家发展改革委…，现将某县…`)


_ALLOTS_MONEY = re.compile(r"(?:[、和及][\u4e00-\u9fff]{2,12}?部)?\s*(?:下达|下拨|拨付|下发|提前下达)")


_PROJECT_IN_TITLE = re.compile(
    # (also the evaluation's kind before its words: `X补贴事后绩效评价报告`, `X资金全周期绩效评价报告`)
    r"(?:项目支出|项目)?(?:的)?(?:财政)?(?:重点)?(?:事前|事中|事后|全周期|全过程|自我)?(?:绩效自评|绩效评价|支出绩效|绩效)"
    r"|项目自评|项目(?:支出)?部门评价"
)
# A title without a year names its project from its first word, unless an organ leads it (`X办公室Y项目自评报告`:
# where the unit's name ends is not printed)
_ORGAN_IN_NAME = re.compile(r"局|厅|委员会|委|政府|办公室|部门|单位|整体")
_PROJECT_IN_BRACKETS = re.compile(r"\((?:整体支出)?和(?P<name>[^()]{4,30}?)(?:专项支出|项目支出|专项|项目)\)")
# `…项目支出绩效自评表（X经费）`, `…自评报告(优抚)`, also a title cut before its closing bracket
_NAME_IN_BRACKETS = re.compile(
    r"自评(?:表|报告)\((?P<name>[^()]{2,30})\)?$|\((?P<fund>[^()]{4,30})\)\s*转移支付"
    r"|转移支付\((?P<part>[^()]{4,30}?)(?:项目)?\)"
)  # (also a transfer fund named in brackets before or after 转移支付: `某区应急管理局(X救灾资金)转移支付2022年度…`,
# `中央集中彩票公益金转移支付(福彩圆梦•孤儿助学工程项目)2019年-2020年度…`)
# a place before a fund's name: `某县…`, `锡林郭勒盟…`, a province by its short name (`广西城乡居民…补助资金`)
_REGION_PREFIX = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}?(?:自治州|自治县|省|市|州|县|区|旗|盟)|" + "|".join(province_short_names()) + ")"
)


def without_place(name: str) -> str:
    """A project's or a fund's name without the place it was allotted to (`保山市国家文物保护专项经费` → the fund
    `国家文物保护专项经费`), when that place is a known region (`城市管理经费` keeps its 城市)."""
    region = _REGION_PREFIX.match(name)
    return name[region.end() :] if region and name_region(region.group()) else name


_TAG_BEFORE_NAME = re.compile(r"^\([^()]{2,8}\)(?=[\u4e00-\u9fff])")
_COUNTED_PROJECTS = re.compile(r"\d+\s*个|[一二三四五六七八九十两]+个")
_COUNT_IN_BRACKETS = re.compile(r"共?\s*(?:\d+|[一二三四五六七八九十两]+)\s*(?:个|项)(?:项目)?")


def project_from_title(title: str) -> str | None:
    """The project a project report or an evaluation is about: what the title names between its year and the
    report words (`…2022年度城乡环境卫生整治专项经费项目支出绩效自评报告` → 城乡环境卫生整治专项经费,
    `2022年度凤庆县高标准农田建设项目财政重点绩效评价报告` → 高标准农田建设), or after 整体支出和 in brackets."""
    clean = normalise_title(title)
    named_in_brackets = "项目" in clean or FUND_REPORT.search(clean)  # not a kind of report (`…自评报告(草稿)`)
    bracket = _PROJECT_IN_BRACKETS.search(clean) or (_NAME_IN_BRACKETS.search(clean) if named_in_brackets else None)
    named = next((name for name in bracket.groups() if name), None) if bracket else None
    if named and not _COUNT_IN_BRACKETS.fullmatch(named):  # `…绩效自评表(共15个)`: how many, no name
        return named
    year = re.search(rf"{_YEAR}\s*年度?", clean)
    start = year.end() if year else 0
    tail = _PROJECT_IN_TITLE.search(clean, start)
    if tail is None:
        return None
    # `X资金使用情况绩效…`, `X补助资金转移支付绩效…` (not the kind a fund is named by: `X专项转移支付`)
    words = clean[start : tail.start()].strip(' ,、:“”"')
    words = re.sub(rf"\s*{_YEAR}\s*年度?$", "", words)  # the year printed again (`…资金转移支付 2023年度绩效…`)
    name = re.sub(r"(?:(?<!专项)转移支付|使用情况|(?:预算)?执行情况|区域|项目|的)$", "", words)
    name = _TEMPLATE_SPENDING.sub("", name)  # `X补偿基金财政支出项目绩效评价报告`: the old cover's words after the name
    name = _PROJECT_MONEY.sub("", name)  # `X项目专项资金绩效自评报告`: the project's money, the project is X
    before_year = False
    if not name and year is not None:  # `优抚对象生活补助经费转移支付2023年度绩效自评报告`: named before the year
        before_year = True
        name = re.sub(r"(?:(?<!专项)转移支付|支付|使用|项目|的)+$", "", clean[: year.start()].strip(' ,、:“”"'))
    # `关于抗疫特别国债执行情况绩效自评报告`; a kind of funds tagged before the name (`(直达资金)某工程项目…`)
    # (also after the unit that reports: `某镇关于X项目的绩效自评报告`)
    name = _TAG_BEFORE_NAME.sub("", name.removeprefix("关于"))
    unit_about = re.match(rf"[\u4e00-\u9fff]{{2,20}}?(?:{_SUFFIX}|[镇乡])关于", name)
    name = name[unit_about.end() :] if unit_about else name
    name = _BATCH.sub("", name)  # `X资金(第一批)`: one allotment of the fund, not another fund
    unit_lead = _unit_of_fund(name) if before_year else None
    if unit_lead:  # `某区交通运输局X补助地方资金转移支付2023年度…`: the unit's fund
        name = name[len(unit_lead) :]
    name = without_place(name)
    # `2023年度某县交通运输局部门公交补贴重点项目…`: the reporting unit (and its 部门) before the name, `重点` after it
    unit_before = None if before_year or year is None else _UNIT_BEFORE_NAME.match(name)
    if unit_before and len(name) - unit_before.end() >= 4:
        name = name[unit_before.end() :]
    name = name.removesuffix("重点") if len(name) >= 6 else name
    organ = _ORGAN_IN_NAME if year is None or before_year else re.compile(r"部门|单位|整体")
    # `某中心2022年度绩效自评报告`: a unit's, no project's (but `某市现代农业产业园项目2022年度…` names its project)
    named_project = before_year and year is not None and clean[: year.start()].rstrip().endswith("项目")
    unit = before_year and _ORG_SUFFIX.search(name) and not named_project
    # `某县财政支出项目绩效评价自评报告`: a template's words, no name; nor `某市第四中学专项资金…`, a unit's
    owner = re.match(_ORG, name)
    generic = _GENERIC_MONEY.fullmatch(name[owner.end() if owner else 0 :]) or _PLACE_SPENDING.fullmatch(name)
    counted = _COUNTED_PROJECTS.match(name)  # `某县2021年10个重点项目绩效评价报告`: several projects, none named
    return name if len(name) >= 4 and not organ.search(name) and not unit and not generic and not counted else None


# A project named in brackets on a line of its own under a report's heading (`(某某会议经费项目)`), read by the page
# parser (as the title's second line) and by the figures (as the report's project)
BRACKETED_PROJECT = r"[(（](?P<name>[^()（）\n]{2,40}?(?:项目|资金|经费|专项|工程))[)）]"
_FUND_END = re.compile(r"[\u4e00-\u9fff]{4,}(?:资金|经费|补助|补贴|公益金)$")
# also a finance bureau's cover (`某县财政支出政策…`)
_GENERIC_MONEY = re.compile(r"(?:财政)?(?:专项|项目)?(?:支出|资金|经费)(?:政策)?")
# a place's fiscal spending, its name short (`浙江舟山财政支出项目绩效评价报告`: the template's words, no project)
_PLACE_SPENDING = re.compile(r"[\u4e00-\u9fff]{0,6}财政支出(?:政策)?")


_UNIT_BEFORE_NAME = re.compile(r"[\u4e00-\u9fff]{1,16}?(?:局|厅|委员会|办公室)(?:部门)?")
_PROJECT_MONEY = re.compile(r"(?<=[\u4e00-\u9fff]{4})项目专项资金$")
_BATCH = re.compile(r"\(第[一二三四五六七八九十\d]{1,3}批(?:次)?\)$")
_TEMPLATE_SPENDING = re.compile(r"(?<=[\u4e00-\u9fff]{4}(?:资金|经费|基金|补助|补贴))财政支出$")
_FINANCE_COVER = re.compile(r"财政支出(?:政策|项目)?绩效")


def _evaluates_itself(title: str, opening: str) -> bool:
    """A finance bureau's evaluation cover whose 评价方式 ticks the unit's own; a page titled `…项目绩效评价报告`
    whose body opens with the unit's own report or form title (`…2019年度文旅专项资金项目自评报告`,
    `2022年度科普经费项目自评表`) or says it evaluated itself (`…对纳入绩效目标管理的预算项目开展绩效自评`), when
    nobody else is named as the evaluator."""
    cover = opening[:_TEXT_REACH]
    if _SELF_EVALUATION_TICKED.search(cover) or _OWN_REPORT_TITLE.search(cover) or _evaluator_is_the_unit(cover):
        return True
    commissioned = _EXTERNAL_TEXT.search(title) or _EXTERNAL_TEXT.search(opening) or "第三方" in title
    return not commissioned and bool(_SELF_EVALUATION_DONE.search(opening) or _own_team(title, opening))


# A cover's evaluator and the units it names (`项目承担单位:某局`, `项目主管部门:某局(公章)`, `评价单位:某局`)
_COVER_UNIT = re.compile(
    r"(?P<role>评价(?:单位|机构)|(?:项目)?(?:承担|实施)?单位|主管部门)[ \t]*[:：][ \t]*"
    r"(?P<name>[\u4e00-\u9fff()（）]{4,40}?)[ \t]*(?:[(（]公章[)）])?[ \t]*$",
    re.M,
)


def _evaluator_is_the_unit(cover: str) -> bool:
    """A cover whose 评价单位 is the unit that carried the project out or is in charge of it: its own evaluation."""
    names: dict[str, set[str]] = {"evaluator": set(), "unit": set()}
    for line in _COVER_UNIT.finditer(cover):
        names["evaluator" if line.group("role").startswith("评价") else "unit"].add(line.group("name"))
    return bool(names["evaluator"] & names["unit"])


# `某县交通运输局组成绩效评价工作组，对…开展了…绩效评价`: a team the unit formed (named in the title too)
_TEAM_FORMED = re.compile(r"(?P<unit>[\u4e00-\u9fff]{2,24})组成了?(?:绩效)?评价(?:工作)?组")


def _own_team(title: str, opening: str) -> bool:
    """The unit the title names formed the evaluation team itself (not the finance bureau, whose team evaluates
    another unit's money)."""
    formed = _TEAM_FORMED.search(opening)
    if formed is None or "财政" in formed.group("unit"):
        return False
    unit = formed.group("unit")
    return any(unit[start:] in title for start in range(len(unit) - 3))


# A self-evaluation titled without saying whose spending (`某中心2024年绩效自评报告`) that opens with its projects
_WHOSE_SPENDING = re.compile(r"整体|部门|单位|项目|专项")
_PROJECTS_OPENING = re.compile(r"\A(?:[^\n]*\n){0,6}?\s*[一1]\s*[、.．]\s*项目(?:基本)?(?:情况|概况)\s*$", re.M)
_SELF_EVALUATION_DONE = re.compile(
    r"(?:开展|进行)了?[^。，,]{0,12}?绩效自评|现将[^。，,]{0,8}?自评情况|自评报告(?:汇报|报告)如下"
    r"|形成了?[^。，,]{0,8}?自评(?:价)?报告"  # `…根据综合意见形成自评报告`
    r"|经(?:综合)?自评[,，]"  # `经综合自评,2023年度…项目绩效自评得分94.9分`
    r"|绩效自评(?:综述|得分)"  # its own summary or score (`X项目绩效自评综述：…项目绩效自评得分为100分`)
    # the unit speaking of itself (`我处对2018年专项资金进行了绩效评价`)
    r"|我(?:处|局|单位|中心|院|站|所|委|办|馆|校|园)对[^。]{0,40}?(?:进行|开展)了?[^。，,]{0,6}?绩效评价"
    # its own report introduced (`现将我校2013年…补助资金项目绩效评价报告如下`)
    r"|现将我(?:处|局|单位|中心|院|站|所|委|办|馆|校|园|会)[^。]{0,60}?绩效评价(?:报告|情况)(?:报告|汇报)?如下"
)
_OWN_REPORT_TITLE = re.compile(r"^[^\n,，。]{4,60}项目(?:支出)?(?:绩效)?自评(?:价)?(?:报告|表)\s*$", re.MULTILINE)
# `评价方式:部门(单位)绩效自评R 财政部门组织评价□`: the box ticked (R is Wingdings' tick) is the unit's own evaluation
# On a cover whose boxes lost their ticks (`评价机构:□中介机构□专家组 项目单位评价组`) the option without an empty box
# is the one chosen: the project's unit.
_SELF_EVALUATION_TICKED = re.compile(
    r"(?:部门|单位)(?:\((?:单位|部门)\))?绩效自评\s*[R■√☑✓✔]"
    r"|(?:评价|考评)机构\s*[:：]\s*(?:□\s*[\u4e00-\u9fff]{2,8}\s*)+(?:项目)?(?:单位|部门)(?:自评|评价)?组?(?=\s|$)"
)


def title_facts(
    title: str,
    body_text: str = "",
    column: str | None = None,
    source: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    site: str = "",
) -> TitleFacts:
    """Department, fiscal year and report type of a page; the department falls back to 来源, then 发布机构."""
    clean = normalise_title(title)
    basis: str | None
    department, basis = department_from_title(clean), "title"
    department = _completed(_unabbreviated(_with_place(department, body_text), body_text), body_text)
    department = _bureau_of_domain_title(department, body_text)
    department = _placed_body(department, body_text)
    department = _placed_by_publisher(department, source, publisher)
    department = _spelt_out_by_publisher(department, source, publisher)
    department = _publisher_of_joint_title(department, source, publisher)
    headline = clean or _first_sentence(body_text)  # a title-less text's first line reads as its headline
    # a finance bureau's cover (`某县财政支出政策绩效评价报告`) names its own place, not the unit evaluated
    place = None if _FINANCE_COVER.search(clean) else region_from_title(headline)
    posted_by = next((value for value in (source, publisher) if value and not _NOT_A_UNIT.search(value)), None)
    # a fund's or a programme's report titled by its place (`某县2023年度国家基本公共卫生服务项目绩效评价自评报告`)
    fund_of_publisher = (FUND_REPORT.search(clean) or _PROGRAMME_REPORT.search(clean)) and posted_by
    if place and not department and _AGGREGATE_TITLE.search(headline) and not fund_of_publisher:
        department, basis = place, "title_region"  # a whole place's sum: its units named in the body are parts
    summary = None if department else _finance_summary(body_text)
    if summary and place and summary.group("place") != place:
        summary = None  # the title's place is summed up by another place's bureau: no whole-place summary of it
    if summary:  # `经弥勒市财政局汇总,…`: the place's sum (under a title naming it, or none)
        department, basis = summary.group("place"), "body_region"
    if not department and _CENTRAL_SUM.search(headline + body_text[:_TEXT_REACH]):
        department, basis = CENTRAL_LEVEL, "body_region"  # `财政部公布了中央本级“三公”经费…`: the centre's own sum
    if not department and _LEVEL_SUM.search(body_text[:_LEVEL_SUM_REACH]):
        # a place's own level summed up in the opening (`2015年北京市级党政机关…“三公”经费…`): the place, not a unit
        # the report then quotes or names in passing
        department = region_from_body(body_text, headline)
        basis = "body_region"
    direct = None if department or place else _DIRECT_UNITS_SUM.search(body_text[:_LEVEL_SUM_REACH])
    if direct:  # `2014年,广州市直党政机关和事业单位…“三公”经费合计为3.74亿元` under a headline naming no one: the city
        department, basis = _place_ending(direct.group("place")), "body_region"
    sections = unit_sections(body_text) if basis != "title" or not department else []
    opening = body_text
    if sections:  # a round-up: the unit of its first section, not the place the headline sums up
        department, basis = sections[0][1], "body_heading"
        opening = body_text[sections[0][0] :].partition("\n")[2]
    posted_basis = "source" if posted_by == source else "publisher"
    if not department and _SENT_UPWARD.match(clean) and posted_by:  # its body names its addressee
        department, basis = posted_by, posted_basis
    if not department:
        department, basis = department_from_body(body_text, within=place), "body"
        department = _official_place(_with_place(department and _undoubled(department), body_text), body_text)
    reporting_place = None
    if not department and (not clean or FUND_REPORT.search(clean)):  # also a title-less report sent upwards
        department = reporting_place = _place_reporting(body_text[:_TEXT_REACH])
        basis = "body_region"
    if not department:
        department, basis = _site_unit(site) or _copyright_unit(body_text), "site"
    # a unit of the title's place as the page's column (`首页 >> 部门信息公开 >> 某县交通运输局 >> 正文` over
    # `某县…工程绩效自评报告`): the report is that unit's
    if not department and place and column and column.startswith(place) and department_from_title(column) == column:
        department, basis = column, "column"
    if not department and not fund_of_publisher:
        department, basis = place or _place_of_fund(clean), "title_region"
    # a finance bureau's sum, or a news item on a place's own level (`2016年某市本级…“三公”经费预算总额为…亿元`)
    finance_sum = not department and (
        _published_by_finance(source or publisher) or _LEVEL_SUM.search(body_text[:_TEXT_REACH])
    )
    if finance_sum:
        department, basis = region_from_body(body_text, headline), "body_region"
        if not department and _LEVEL_SUM.search(body_text[:_TEXT_REACH]):
            department = _level_place(source or publisher or "")  # `经汇总市本级…` posted by 包头市财政局: 包头市
    if not department and not (finance_sum and "三公" in clean):  # a finance bureau's sum is no bureau's figure
        department, basis = posted_by, posted_basis
        fund_place = _REGION_PREFIX.match(clean) if fund_of_publisher else None
        if department and fund_place and name_region(fund_place.group()) and not name_region(department):
            # `发文机构: 人力资源和社会保障局` under `锡林郭勒盟…资金…`; `市教育体育局` under `宣城市…`
            named_place = fund_place.group()
            department = named_place + department.removeprefix(named_place[-1])
        department = _placed_by_level(department, body_text[:_TEXT_REACH])
    named_by_level = None if department else _unit_named_by_level(body_text[:_TEXT_REACH])
    if named_by_level:
        department, basis = named_by_level, "body"
    if basis in ("title_region", "body_region"):
        department = _official_place(department, body_text)
    heading = "" if clean else _opening_heading(body_text)
    named_report = heading if _YEAR_TITLE.fullmatch(heading) else ""  # `2024年度部门整体支出绩效自评表`
    kind = report_type(clean or heading, column)
    if summary and not clean:
        kind = _summary_type(summary.group("sentence"))
    elif kind == "other" and not clean:  # a whole place's page by its first line, a unit's by its report words
        whole_place = basis in ("title_region", "body_region") and not reporting_place
        kind = _summary_type(headline) if whole_place else _type_from_words(body_text)
    elif kind == "other" and basis in ("body", "body_heading") and "三公" in clean:  # a unit named in the body
        kind = _sangong_stage(clean) or _sangong_stage(_first_sentence(opening)) or kind
    elif kind == "other" and basis == "title" and "三公" in clean and not news_headline(clean):
        # `某局部门“三公”经费情况统计表` over a table headed `本年预算数`: the stage its opening names
        kind = _sangong_stage(clean) or _sangong_stage(body_text[:_STAGE_REACH]) or kind
    elif kind == "other" and news_headline(clean):  # `X部去年公务接待费仅6万元`: the report it quotes
        kind = _headline_stage(clean) or _type_from_words(body_text.replace(clean, "", 1))
    if kind == "other" and _UNTYPED_EVALUATION.search(clean) and not is_notice(clean):
        kind = _evaluation_by_opening(body_text)
    elif kind.startswith("self_eval") and "自评" not in clean and _EXTERNAL_TEXT.search(body_text[: _TEXT_REACH * 2]):
        kind = "external_evaluation"  # `某局…部门整体支出绩效评价报告` made by a firm the finance bureau commissioned
    if kind == "external_evaluation" and _evaluates_itself(clean, body_text[: _TEXT_REACH * 2]):
        kind = "self_eval_project"
    if kind == "self_eval_department" and not _WHOSE_SPENDING.search(clean) and _PROJECTS_OPENING.search(opening):
        kind = "self_eval_project"  # `某中心2024年绩效自评报告` over `一、项目基本情况`: its projects' evaluation
    if kind == "other" and basis in ("title_region", "body_region") and "三公" in clean:
        # a whole place's 三公 page (`2016年某省级三公经费公开`) by the stage its title or else its opening names
        kind = _summary_type(clean if _sangong_stage(clean) else _first_sentence(body_text))
    if kind == "final_accounts" and basis in ("title_region", "body_region"):
        kind = "other"  # a whole place's actuals are no department's 决算
    year, year_rule = fiscal_year(clean or _announced_report(body_text) or named_report, body_text, published)
    if summary and summary.group("year") and not (year_rule or "").startswith("title"):
        year, year_rule = int(summary.group("year")), "body_finance_summary"
    if kind == "budget" and year_rule in ("body_first_year", "body_money_year"):
        budgeted = _budget_year(body_text, year)
        year, year_rule = (budgeted, "body_budget_year") if budgeted != year else (year, year_rule)
    if department and _BLANKED_NAME.search(department):
        department = None
    place = place or _township_place(department, body_text)
    return TitleFacts(without_own_level(department), basis if department else None, year, year_rule, kind, place)


_DOUBLED_SUFFIX = re.compile(r"(中心|局|院|馆|站|所)\1$")


def _undoubled(name: str) -> str:
    """A name whose suffix a typo doubled (`鄂州市急救中心中心为…`) without the copy."""
    return _DOUBLED_SUFFIX.sub(r"\1", name)


def without_own_level(name: str | None) -> str | None:
    """The unit's name without the `(本级)` / `(机关)本级` a title or a 单位名称 line adds to say the unit's own level
    (without its subordinate units): the canonical name other pages of the unit use (the title keeps it)."""
    if not name:
        return name
    bare = re.sub(r"\(本级\)$|(?<=[\u4e00-\u9fff])(?:机关)?本级$", "", name)  # also `某办公厅机关本级`
    return bare if bare != name and _ORG_SUFFIX.search(bare) else name


# A news outlet (`来源:某某日报`), or a person named by office (`省财政厅厅长某某向…`): never the reporting unit.
# An official by the place he heads (`某市长`), not a place whose name opens with 长 (`重庆市长寿区`, `湖南省长沙市`)
_HEAD_OF_PLACE = r"|[省市县区](?!" + "|".join(regions.names_opening_with("长")) + ")长"
# A news clause running from a place to a unit it names (`某区首次把区委…`, `某市抢在最后时刻公布了某市委办公室`,
# `某市级部门及有关单位通过某市人民政府`): no unit's name
_NEWS_CLAUSE = re.compile(r"了|把|首次|通过|梳理")
_NOT_A_UNIT = re.compile(
    r"新闻|报$|报社|电视台|广播|新华社|中新社|通讯社|网$|在线$|频道$|门户$|[厅局处科部]长|主任|书记|主席"
    r"|负责人|发言人|网站$"
    r"|以上|以下"  # a phrase about units (`当年获得市级以上确认的人才驿站数量`), no unit's name
    r"|关于"  # the subject of a decision (`根据中央和自治区关于推进政府预算信息公开的…`), no unit's name
    r"|所属|下属"  # a description (`作为安徽省教育厅所属高校`), no unit's name
    r"|大道|[路街巷]\d+号"  # an address (`海口市国兴大道省政府办公楼2楼`), no unit's name
    r"|[A-Za-z0-9-]+\.(?:org|com|net|cn|gov)\b"  # a website's domain (`来源:某研究院 example.org`)
    r"|目前|仍|正在|由于|已经"  # a clause (`某县财政支付系统目前仍处于冻结状态`), no unit's name
    r"|严格|贯彻|落实|认真"  # a clause of what a place did (`某省严格执行中央八项规定和国务院…`), no unit's name
    r"|股$|^[厅局委][\u4e00-\u9fff]{1,10}[处科室]$"  # a bureau's section (`来源: 财政局综合股`, `厅规划财务处`)
    r"|" + _NEWS_CLAUSE.pattern + _HEAD_OF_PLACE
)


_ABBREVIATION_CHARS = 3


_LEVEL_UNIT_REPEATS = 3  # how often a page names its unit by its level alone


def _unit_named_by_level(opening: str) -> str | None:
    """The unit a page that names no place keeps naming by its level alone (`一、省商务厅公开…的范围`, `省商务厅部门
    预算中…`, `2011年,省商务厅…`): the one named at least three times, as printed."""
    counts = Counter(match.group("unit") for match in _LEVEL_UNIT.finditer(opening))
    name, count = counts.most_common(1)[0] if counts else (None, 0)
    return name if count >= _LEVEL_UNIT_REPEATS else None


_PHRASE_IN_NAME = re.compile(r"[的是了]")  # (和, 与, 及 join the words of real names: 住房和城乡建设部)


def _unabbreviated(department: str | None, body_text: str) -> str | None:
    """A headline's abbreviation (`国办2013年…`) spelt out by the unit the body names first (`国务院办公厅`): same
    first character, and the abbreviation's characters in order within the full name."""
    if not department or len(department) > _ABBREVIATION_CHARS:
        return department
    full = _first_unit_named(body_text[:_TEXT_REACH])
    if full and full[0] == department[0] and len(full) > len(department) and _spells(full, department):
        return full
    # or a full name printed further on with the same first and last words (`科技部…`, then `截至年底，科学技术部…`)
    same_ends = re.escape(department[0]) + rf"[\u4e00-\u9fff]{{{len(department) - 1},10}}?" + re.escape(department[-1])
    fuller = (match.group() for match in re.finditer(same_ends, body_text[:_BODY_REACH]))
    # (not a phrase that goes on from the short name: `外交部的本职工作的一部分`)
    spelt = (name for name in fuller if _spells(name, department) and not _PHRASE_IN_NAME.search(name))
    return next((name for name in spelt if not name.startswith(department)), department)


def _completed(department: str | None, body_text: str) -> str | None:
    """A short word spelt out but for its end (`区科协` read as `某区科学技术协` where the body prints
    `某区科学技术协会`, `文联` as `…文学艺术界联`, `区人大` as `某区人大` where it prints `某区人大常委会`): the
    name the body prints, to its end."""
    for ending, rest in (("协", "会"), ("联", "合会"), ("人大", "常委会")):
        if department and department.endswith(ending) and department + rest in body_text[:_BODY_REACH]:
            return department + rest
    return department


def _spells(full: str, short: str) -> bool:
    """The short name's characters stand in the full one in order (`科技部` in `科学技术部`)."""
    rest = iter(full)
    return all(char in rest for char in short)


def _with_place(department: str | None, body_text: str) -> str | None:
    """A district's portal titles a page `水利和湖泊局2022年决算公开`; its body names the unit in full
    (`黄石港区水利和湖泊局…`): the full name, when the title's starts with no place and the body's does.
    A title may also print its place short (`大英文联…`) or its unit's name short (`某县政协办`) where the body
    prints the full form (`大英县文联`, `某县政协办公室`): the full one."""
    if not department:
        return department
    department = _spelt_out(department, body_text[:_BODY_REACH])
    if name_region(department) or _TOWNSHIP_UNIT.fullmatch(department):
        return department  # named with its place, or a township (a place itself)
    return _placed_in_body(department, body_text[:_BODY_REACH]) or department


def _placed_in_body(department: str, opening: str) -> str | None:
    """The body's form of `department` with a place before it (`黄石港区水利和湖泊局`), if it prints one."""
    for name in (re.escape(department), _gapped(department)):  # the body's form, or one spelling a word out
        for match in re.finditer(rf"[\u4e00-\u9fff]{{2,12}}(?P<unit>{name})", opening):
            if len(match.group("unit")) > len(department) + _SPELT_OUT:
                continue
            for start in range(match.start(), match.start("unit")):
                if name_region(opening[start : match.end()]):
                    return opening[start : match.end()]
    return None


def _placed_by_level(department: str | None, opening: str) -> str | None:
    """A 来源 naming its unit by its level alone (`县财政局`) on a page whose opening names the county
    (`…用于莒南县城乡环卫…`): the unit of the first place of that level the opening names."""
    if not department or name_region(department) or department[0] not in _PLACE_LEVELS:
        return department
    if not _ORG_SUFFIX.search(department):  # a short word (`市人社`) is left as printed
        return department
    for level in re.finditer(re.escape(department[0]), opening):
        before = opening[max(0, level.start() - _PLACE_NAME_CHARS) : level.end()]
        places = (before[start:] for start in range(len(before) - 2))  # the longest first: `莒南县`, not `南县`
        place = next((name for name in places if _is_place_name(name)), None)
        if place:
            return place + department[1:]
    return department


_PLACE_NAME_CHARS = 8  # characters a place's name may print before its level (`阿拉善左`)


def _is_place_name(name: str) -> bool:
    """`name` is a place's own name, nothing before it (`莒南县`, not `中共莒南县`)."""
    region = regions.get(name_region(name))
    return region is not None and name in regions.names_of(region)


def _township_place(department: str | None, body_text: str) -> str | None:
    """The place a township named without its county lies in, when the body prints its full name
    (`某集镇人民政府` titled, `某省某县某集镇人民政府` in the body), or the township's with its place before the name
    of one of its offices (`某街道办事处`, `某市某区某街道综合执法大队`): what its region is read from."""
    if not department or not _TOWNSHIP_UNIT.fullmatch(department) or name_region(department):
        return None
    township = _TOWNSHIP_GOVERNMENT.sub("", department)
    for name in dict.fromkeys((department, township)):
        placed = _placed_in_body(name, body_text[:_BODY_REACH])
        if placed:
            return placed.removesuffix(name)
    return None


_TOWNSHIP_GOVERNMENT = re.compile(r"(?<=[镇乡道])(?:人民政府|办事处)$")


_SPELT_OUT = 3  # characters a body's full form may add to a title's short unit name (`卫生中心` → `卫生服务中心`)


def _gapped(name: str) -> str:
    """A pattern for `name` with a few characters added after its first two (`南滩社区卫生服务中心` for
    `南滩社区卫生中心`). Each gap is atomic, reaching its next character the shortest way: a gap that could
    backtrack would cost time exponential in the name's length on a text repeating its characters."""
    gap = rf"[\u4e00-\u9fff]{{0,{_SPELT_OUT}}}?"
    return re.escape(name[:2]) + "".join(f"(?>{gap}{re.escape(char)})" for char in name[2:])


def _official_place(name: str | None, body_text: str) -> str | None:
    """A place, or a unit named after it, printed with the place's short form (`河南`, `张家川县某中学`) where the
    body's opening also prints the official form (`河南省`, a table caption's `单位:张家川回族自治县某中学`): the
    official one. Only for a place or a unit read from the body; a title's short form is the name the unit gives
    itself and stays. A province named by its short form alone (a headline's `山东首次公开…`) can be no other place:
    its official name, printed or not."""
    region = regions.get(name_region(name)) if name else None
    short = region["short_name"] if region else None
    if not name or not region or not short or not name.startswith(short) or name.startswith(region["name"]):
        return name  # also `贵州省`: already official, though it starts like `贵州`
    official = region["name"] + name[len(short) :]
    province_alone = name == short and region["level"] == "province"
    return official if province_alone or official in body_text[:_BODY_REACH] else name


def _placed_by_publisher(department: str | None, *publishers: str | None) -> str | None:
    """A title's unit without its place (`2021年林业局部门整体支出绩效自评表`) that the page's 来源 / 发布机构 names
    with it (`零陵区林业局`): the publisher's full name. A township keeps the name its title prints, as in
    `_with_place`."""
    if not department or name_region(department) or _TOWNSHIP_UNIT.fullmatch(department):
        return department
    return next((name for name in publishers if name and name.endswith(department) and name_region(name)), department)


# `现将博乐市2020年抗疫特别国债项目支出绩效自评工作报告如下`: the place reporting on a fund its title names alone
_PLACE_REPORTING = re.compile(r"现(?:将|就)(?P<place>[\u4e00-\u9fff]{2,10}?[省市县区州盟旗])\s*(?:19|20)\d\d\s*年")


_LEADING_YEAR = re.compile(rf"^{_YEAR}\s*年度?")


def _place_of_fund(title: str) -> str | None:
    """The place a fund's or programme's report names before the fund (`某旗现代农业产业园项目2021年度绩效自评
    报告`), whose subject it is when no unit posted it."""
    named = _LEADING_YEAR.sub("", title)  # also after the year (`2019年度某省X资金绩效评价报告`)
    prefix = _REGION_PREFIX.match(named) if FUND_REPORT.search(title) or _PROGRAMME_REPORT.search(title) else None
    return prefix.group() if prefix and name_region(prefix.group()) else None


def _place_reporting(opening: str) -> str | None:
    match = _PLACE_REPORTING.search(opening)
    place = match.group("place") if match else None
    return place if place and region_from_title(place) == place else None


_SPELT_OUT_BY_PUBLISHER = 6  # characters a publisher's full name may add (`游仙区政府办` → `游仙区人民政府办公室`)


def _spelt_out_by_publisher(department: str | None, *publishers: str | None) -> str | None:
    """A title's short unit name with its place (`游仙区政府办`, `某县文旅局`) that the 发文机构 / 来源 line prints in
    full (`游仙区人民政府办公室`): the full name. A township keeps the name its title prints."""
    if not department or _TOWNSHIP_UNIT.fullmatch(department) or not name_region(department):
        return department
    return next(
        (
            name
            for name in publishers
            if name
            and len(department) < len(name) <= len(department) + _SPELT_OUT_BY_PUBLISHER
            and name[:2] == department[:2]
            and not name.startswith(department)  # `…委员会办公厅`: the committee's office, another unit
            and name_region(name) == name_region(department)
            and _spells(name, department)
        ),
        department,
    )


def _publisher_of_joint_title(department: str | None, *publishers: str | None) -> str | None:
    """A report two units issue together (`某市财政局 某市文旅局 关于…的报告`), posted by one of them: the one that
    posted it, named last in the title."""
    if not department:
        return department
    return next(
        (
            name
            for name in publishers
            if name
            and len(name) < len(department)
            and department.endswith(name)
            and name_region(name)
            and _ORG_SUFFIX.search(department[: -len(name)])  # another unit before it, not its place (`宣城市`)
        ),
        department,
    )


# Short forms of a unit's last word that a title prints where the body spells it out.
_SHORT_SUFFIXES = {"办": "办公室", "委会": "委员会", "委": "委员会"}
_PLACE_LEVELS = "县市区旗"


def _spelt_out(department: str, opening: str) -> str:
    """The body's full form of a title's name: the level a place word dropped (`大英` + 县, `阿坝州九寨沟` + 县),
    or the short last word spelt out (`办` → `办公室`, `委会` → `委员会`); the name as printed when the body has no
    such form. A party's or league's short name before its place (`民进常州市委`, `共青团某县委员会`) stays as the
    title prints it, unless the body declares it the short form of a full name (`中国民主促进会常州市委员会(简称民进
    常州市委)`)."""
    declared = re.search(
        rf"(?:^|(?<=[。；;，,\s]))([\u4e00-\u9fff]{{4,40}})\s*\((?:以下)?简称\s*[“\"]?{re.escape(department)}[”\"]?\)",
        opening,
        re.M,
    )
    if declared and name_region(declared.group(1)):
        return declared.group(1)
    forms = [
        department[:cut] + level + department[cut:] for cut in range(2, len(department) - 1) for level in _PLACE_LEVELS
    ]
    short_end = next((end for end in _SHORT_SUFFIXES if department.endswith(end)), None)
    if short_end:
        forms += [form[: -len(short_end)] + _SHORT_SUFFIXES[short_end] for form in (department, *forms)]
    if department.endswith("政协"):  # `吕梁市政协`: the committee's official name (`中国人民政治协商会议吕梁市委员会`)
        forms.append(f"中国人民政治协商会议{department[:-2]}委员会")
    found = [form for form in forms if form in opening and name_region(form)]
    found += [form for form in _expansions(department, opening) if name_region(form)]
    found += _officially_placed(department, opening)
    found += _numbered_school(department, opening)
    return max(found, key=len) if found else department


_NUMBERED_SCHOOL = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,10}?)(?P<number>[一二三四五六七八九十]{1,3})(?P<kind>[中小])"
)


def _numbered_school(department: str, opening: str) -> list[str]:
    """A school a title names by its number (`某县二中`, `某镇三小`) where the body prints the full name
    (`某县第二中学`, `某镇第三小学`): the same place, so no region is needed to trust it."""
    short = _NUMBERED_SCHOOL.fullmatch(department)
    if short is None:
        return []
    full = f"{short['place']}第{short['number']}{short['kind']}学"
    return [full] if full in opening else []


def _officially_placed(department: str, opening: str) -> list[str]:
    """A title's place printed by its short name (`寻甸县农业农村局`) where the body prints the place's official name
    before the same unit word (`寻甸回族彝族自治县农业农村局`, an autonomous county)."""
    code = name_region(department)
    region = regions.get(code)
    if region is None or region["name"] == region.get("short_name"):
        return []
    cut = next((cut for cut in range(2, len(department) - 1) if name_region(department[:cut]) == code), None)
    form = region["name"] + department[cut:] if cut else None
    return [form] if form and len(form) > len(department) and form in opening else []


_ABBREVIATED_WORD = range(2, 5)  # the length of the short unit word after the place (`文联`, `文旅局`)
_ABBREVIATION_GAP = 6  # characters the full form may add between two of the short word's
_PLACE_END = "省市县区州旗盟"
_UNIT_END = "会局委室院馆站所厅心团校部社处队场"


def _expansions(department: str, opening: str) -> list[str]:
    """A unit whose title prints its word short after its place (`肇庆市文联`, `某县文旅局`, `某县科协`) where the
    body prints the full form once, often only in the signature under the text (`肇庆市文学艺术界联合会`): the same
    place, then the short word's characters in order, the first one first, at most `联合会` / `委员会` / `办公室`
    after it, ending as a unit's name ends. The closest such form (fewest added characters), not a subordinate
    unit's longer name (`某市卫生健康综合监督执法局` for `某市卫健局`)."""
    for length in _ABBREVIATED_WORD:
        place, short = department[:-length], department[-length:]
        if len(place) < 2 or place[-1] not in _PLACE_END:
            continue
        gap = rf"[\u4e00-\u9fff]{{0,{_ABBREVIATION_GAP}}}?"
        pattern = re.escape(place) + gap.join(map(re.escape, short)) + "(?:合会|员会|会|(?<=办)公室)?"
        found = {match.group() for match in re.finditer(pattern, opening)} - {department}
        # not a party committee's department (`某市委宣传部` is no `某市委员会宣传部`: its full form starts with 中共),
        # though a committee's office may be (`某市委网信办`: `某市委网络安全和信息化委员会办公室`)
        named = sorted((form for form in found if form[-1] in _UNIT_END and _not_committee_of(form, place)), key=len)
        if named:
            return named[:1]
    return []


def _not_committee_of(form: str, place: str) -> bool:
    """The full form does not read the place's party committee (`委`) as `委员会`."""
    return not form.startswith(place + "委员会")


_TEXT_HINTS = (
    ("项目支出绩效自评", "self_eval_project"),
    ("项目绩效自评", "self_eval_project"),
    ("项目绩效目标自评", "self_eval_project"),
    ("项目财政支出绩效评价报告", "self_eval_project"),  # the old cover template of a project's own evaluation
    ("项目绩效评价报告", "self_eval_project"),  # a heading in the text (`某办2017年度“X”项目 绩效评价报告 一、…`)
    ("自评", "self_eval_department"),
    ("决算", "final_accounts"),
    ("预算", "budget"),
)


_ANNOUNCED_REPORT = re.compile(r"现将(?P<report>[^。，,；;]{4,80}?(?:报告|说明|情况))(?:公开|报告)?如下")


def _announced_report(body_text: str) -> str:
    """The report a title-less text announces (`现将2024年X项目绩效目标自评报告如下：`), read for its year."""
    match = _ANNOUNCED_REPORT.search(body_text[:_TEXT_REACH])
    return match.group("report") if match else ""


def _first_sentence(body_text: str) -> str:
    return re.split(r"[。\n]", body_text.strip(), maxsplit=1)[0]


def _site_unit(site: str) -> str | None:
    """The body a site of its own belongs to, from its name or the greeting atop its pages (`欢迎来到示例县政协网站`),
    for a page that names its unit nowhere else. A government portal names no department."""
    greeting = _SITE_GREETING.search(site[:_SITE_REACH])
    name = greeting.group("name") if greeting else _SITE_WORDS.sub("", site.strip())
    return name if _ORG_SUFFIX.search(name) and name_region(name) and not name.endswith("政府") else None


_COPYRIGHT = re.compile(rf"版权所有\s*[:：]?\s*(?:©|\(c\))?\s*{_ORG}", re.I)
_COPYRIGHT_REACH = 600  # a footer copied with the text: its last lines
_PORTAL_OWNER = re.compile(r"政府$|政府办公室$|办公厅$")


def _copyright_unit(body_text: str) -> str | None:
    """The unit a site's footer names as its owner (`版权所有:某市妇幼保健院`), on a text copy that names its unit
    nowhere else; a portal's owner (a government or its general office) names no department."""
    owner = _COPYRIGHT.search(body_text, max(0, len(body_text) - _COPYRIGHT_REACH))
    name = owner and owner.group(1)
    return name if name and name_region(name) and not _PORTAL_OWNER.search(name) else None


def _finance_summary(body_text: str) -> re.Match[str] | None:
    """The opening's `经X财政局汇总` summary when X is a county or city: a whole place's figures."""
    summary = _FINANCE_SUMMARY.search(body_text[:_TEXT_REACH])
    return summary if summary and region_from_title(summary.group("place")) else None


def _summary_type(sentence: str) -> str:
    """A whole place's summary is a budget when its sentence speaks of 预算 only; its actuals are `other`. An amount
    measured against the budget (`支出总额为X万元，比年初预算增加Y万元`) is an actual."""
    stage_words = _NOT_REPORT_WORDS.sub("", sentence)
    actual = "决算" in stage_words or _BUDGET_COMPARISON.search(stage_words)
    return "budget" if "预算" in stage_words and not actual else "other"


_BUDGET_COMPARISON = re.compile(
    r"(?:比|较|与|和)\s*(?:年初预算(?:数)?|预算数?\s*(?:增加|减少|下降|增长|节约|节支))|完成(?:年初)?预算"
)  # `比年初预算减少…`, `比预算数减少1188万元`, `完成预算的…`


_ACTUAL_SPENDING = re.compile(r"实际支出|决算(?:数)?(?:为|是)|支出决算\s*\d")  # also `全年支出决算2,466.37万元`


# A title-less evaluation says who made it (`受X财政局委托，我所…绩效评价`, 重点绩效评价), or prints a scored
# indicator table (产出指标 … with 得分 / 评价结论 / 完成值), which no budget's 绩效目标表 has.
_EXTERNAL_TEXT = re.compile(
    r"受[^。]{1,30}委托[^。]{0,40}绩效评价|第三方[^。]{0,20}绩效评价|重点(?:项目)?绩效评价"
    r"|委托(?:第三方|[^。]{0,20}?(?:事务所|公司|机构))[^。]{0,80}?绩效评价"  # `我局委托第三方，对…进行了绩效评价`
    r"|接受[^。]{1,40}委托[^。]{0,80}?绩效评价"  # the firm's own words: `我们接受某市财政局委托，…开展绩效评价`
    # a firm's team that made it (`某会计师事务所有限责任公司绩效评价工作组…对某局…进行了绩效评价`)
    r"|(?:事务所|评估|咨询)[^。]{0,40}?(?:工作组|评价组|项目组)[^。]{0,80}?绩效评价"
    # a cover naming the firm or an intermediary as the evaluator (`评价机构:某会计师事务有限公司`, `考评机构:中介机构`)
    r"|(?:评价|考评)机构\s*[:：]\s*[^\n。;；:：]{0,40}?(?:事务所|事务有限|会计师|咨询|评估|(?<!□)中介机构)"
    # the finance bureau's own team (`县财政局组成了绩效评价工作组`): its evaluation of another unit's money
    r"|财政(?:局|厅)[^。]{0,10}?(?:组成|成立|组建)了?[^。]{0,10}?评价(?:工作)?(?:组|小组)"
)
_SCORED_INDICATORS = re.compile(r"产出(?:指标|目标)[\s\S]{0,600}?(?:得分|评价结论|完成值)")


# The first section of the national outline for a transfer payment's (or a project's) self-evaluation report,
# `一、绩效目标分解下达情况` (also `分解下达预算和绩效目标情况`)
_TRANSFER_SELF_EVALUATION = re.compile(r"绩效目标分解下达情况|分解下达预算和绩效目标")


# `我站对2022年度X专项项目使用管理情况开展了自评`, `某区对2023年度X资金预算执行情况进行了绩效自评`: a project's or
# a fund's self-evaluation
_PROJECT_EVALUATED = re.compile(r"对[^。；;]{0,40}(?:项目|资金|经费)[^。，,；;]{0,12}(?:开展了?|进行了?)(?:绩效)?自评")
_PROJECT_SCORED = re.compile(r"(?<!整体)项目(?:绩效)?自评(?:得分|总分|分数)")  # `一、自评结论 … 项目自评得分91分`


# A title that names an evaluation but not whose (`2021年文化馆绩效评价`, `某市2018年度X资金绩效评价结果的说明`, a bare
# `部门评价报告`)
_UNTYPED_EVALUATION = re.compile(r"(?:(?:绩效|部门)评价|绩效考评)(?!.*自评)")
# an opening that says what it evaluated itself (`现将我办专项工作经费绩效自评情况报告如下`)
_OWN_EVALUATION = re.compile(r"现将(?P<what>[^。，,:：]{0,30}?)自评情况")
# a text that opens with its project's money or goals (`项目全年预算数为…`, `项目绩效目标完成情况：…`)
_PROJECT_OPENING = re.compile(r"^\s*项目(?:全年|年初|总)?(?:预算|资金|绩效目标)", re.M)
# the report a cover names under such a title (`某区2021年度部门(单位)整体支出` ⏎ `绩效评价自评报告`)
_OPENING_REPORT = re.compile(r"[^。:：]{0,80}?(?:自评|评价)(?:报告|表)")
_COVER_LINES = 12


def _evaluation_by_opening(body_text: str) -> str:
    """Whose evaluation it is, by what the body opens with: who commissioned it (`我局委托第三方…绩效评价`), else
    what the unit says it evaluated itself, else the report the cover names."""
    if _EXTERNAL_TEXT.search(body_text[: _TEXT_REACH * 2]):
        return "external_evaluation"
    own = _OWN_EVALUATION.search(body_text[:_TEXT_REACH])
    if own:
        return _evaluation_type(own.group("what") + "自评报告") or "other"
    if _PROJECT_OPENING.search(body_text[:_TEXT_REACH]):
        return "self_eval_project"  # `2020年度绩效评价` over `项目全年预算数为1050万元,执行数为…`: one project's
    cover = _OPENING_REPORT.search("".join(body_text.split("\n", _COVER_LINES)[:_COVER_LINES])[:_TEXT_REACH])
    return (_evaluation_type(cover.group()) if cover and "绩效" in cover.group() else None) or "other"


def _type_from_words(body_text: str) -> str:
    """A title-less text whose opening heading says nothing: an evaluation by its maker or its scored indicator
    table, else the first of 自评 / 决算 / 预算 it mentions (fund scopes such as 一般公共预算, and 预决算 in the name
    of a cited rule, are no report words). An opening that reports what was actually spent (`实际支出…决算为22.62万元`)
    is a 决算 although it cites the budget first, and so is one that measures spending against the 年初预算."""
    if _EXTERNAL_TEXT.search(body_text[: _TEXT_REACH * 2]):
        return "external_evaluation"
    if _SCORED_INDICATORS.search(body_text[:_TEXT_REACH]):
        return "self_eval_department" if "整体" in body_text[:_TEXT_REACH] else "self_eval_project"
    if _TRANSFER_SELF_EVALUATION.search(body_text[: _TEXT_REACH * 2]):
        return "self_eval_project"
    opening = _CJK_SPACE_IN_LINE.sub("", _NOT_REPORT_WORDS.sub("", body_text[:_TEXT_REACH]))  # a PDF's spaces
    if _PROJECT_EVALUATED.search(opening) or _PROJECT_SCORED.search(opening):
        return "self_eval_project"
    found = [(opening.find(word), kind) for word, kind in _TEXT_HINTS if word in opening]
    kind = min(found)[1] if found else "other"
    actual = _ACTUAL_SPENDING.search(opening) or _BUDGET_COMPARISON.search(opening)
    return "final_accounts" if kind == "budget" and actual else kind


# An opening heading that is a report's own title (its year first, no clause, no second year), unlike a
# numbered item comparing years (`(一)…与2018年度决算对比情况`) or a clause (`较2022年度决算数增加0.00万元,…`)
_YEAR_TITLE = re.compile(r"(?:19|20)\d\d\s*年度?[^\d,，:：;；%]{4,40}(?:表|报告|说明)")
_CELL_LINES = 400  # lines read for a title-less text's opening heading, table cells (`2023年决算数 |`) included


def _opening_heading(body_text: str) -> str:
    """For a page without a title: the first of its opening lines that names a report (`第二部分 2022年度部门决算
    情况说明`, `X局2022年度“三公”经费支出决算情况如下：`), for the report type only."""
    lines = [line for line in body_text.split("\n", _CELL_LINES)[:_CELL_LINES] if "|" not in line][:40]
    headings = (line for line in lines if len(line) <= 60 and "。" not in line)  # not a paragraph nor a table's cell
    return next((normalise_title(line) for line in headings if _REPORT_HEADING.search(line)), "")
