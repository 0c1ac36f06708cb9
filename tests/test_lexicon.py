"""The label lexicon (pipelines/lexicon.yaml): the file loads and is well formed, and every wording added to it
gives its figure. A new wording is one line in the yaml plus one case in `WORDINGS` (sentence → every figure).
"""

import re
from pathlib import Path

import pytest

from pipelines.body import Body
from pipelines.figures import extract_figures
from pipelines.figures.metrics import CONCEPTS, Context, resolve
from pipelines.lexicon import LexiconError, first_chars, first_class, guarded, lexicon, literal_led, text_firsts

DEPT = "示例县文旅局"


def figures_of(text: str, report_type: str = "final_accounts", fiscal_year: int = 2023) -> set[tuple]:
    document = {"department": DEPT, "fiscal_year": fiscal_year, "report_type": report_type, "title": ""}
    return {
        (f["metric"], f["value"])
        if f["subject"] == DEPT and f["fiscal_year"] == fiscal_year
        else (f["metric"], f["subject"], f["fiscal_year"], f["value"])
        for f in extract_figures(Body(text=text), document)["figures"]
    }


# (sentence, report type, every figure it must give). Invented wordings of each lexicon entry.
WORDINGS = [
    (
        "1、收入:326.50万元\n其中:财政拨款收入318.20万元。\n2、支出:321.75万元\n其中:基本支出268.35万元。",
        "self_eval_department",
        {
            ("revenue.total", 3265000.0),
            ("revenue.fiscal_appropriation", 3182000.0),
            ("expenditure.total", 3217500.0),
            ("expenditure.basic", 2683500.0),
        },
    ),
    ("年末在职实有26人。", "final_accounts", {("staff.actual_total", 26)}),
    ("实有在职编制内人员7人。", "final_accounts", {("staff.actual_total", 7)}),
    (
        "在职人员9人，退休人员3人。公务用车1台(轿车)。",
        "final_accounts",
        {("staff.actual_total", 9), ("sangong.vehicles_held", 1)},
    ),
    ("计划购置一般公务用车4辆，新增公务用车1辆。", "final_accounts", set()),  # purchases and changes, no fleet
    (
        "本年支出总额为640.20万元，其中教育支出630.20万元；结余45.10万元。",
        "final_accounts",
        {("expenditure.total", 6402000.0), ("expenditure.carryover_end", 451000.0)},
    ),
    (
        "总编制40名，其中：行政编制12名，事业工勤编制28名。在职人员总数40人，其中：行政人员12人，事业工勤人员28人。",
        "budget",
        {
            ("staff.authorized_total", 40),
            ("staff.authorized_admin", 12),
            ("staff.authorized_institution", 28),
            ("staff.actual_total", 40),
            ("staff.actual_admin", 12),
            ("staff.actual_institution", 28),
        },
    ),
    (
        "共有编制9名，其中：行政编制0人，其他事业编制人9人。",
        "budget",
        {("staff.authorized_total", 9), ("staff.authorized_admin", 0), ("staff.authorized_institution", 9)},
    ),
    ("2023年“三公”经费总开支86.5万元。", "final_accounts", {("sangong.total", 865000.0)}),
    (  # 以及 joins the vehicle item, and 运作 is 运行 for cars as well
        "公务用车购置以及运行费12万元，全年车辆运作费10万元。",
        "final_accounts",
        {("sangong.vehicle", 120000.0), ("sangong.vehicle_operation", 100000.0)},
    ),
    ("2023年本所部门预算资金总额为1,236.50万元。", "final_accounts", {("budget.initial_total", 12365000.0)}),
    (  # the kinds of units a count of units breaks down into are no posts
        "2023年独立编制机构数5个,其中行政1个,事业4个。核定行政编制12名，事业编制8名。",
        "final_accounts",
        {("staff.authorized_admin", 12), ("staff.authorized_institution", 8)},
    ),
    (  # a place's fiscal revenue in news of a unit's 三公 is no revenue of the unit; 运作 is 运行
        "今年全市财政总收入完成86.4亿元。本局“三公”经费支出12.5万元，其中公务用车购置及运作维护费8.2万元"
        "(公务用车运作维护费8.2万元)。",
        "final_accounts",
        {("sangong.total", 125000.0), ("sangong.vehicle", 82000.0), ("sangong.vehicle_operation", 82000.0)},
    ),
    (  # money a project or fund was given; a level's share of it is no project
        "该项目安排预算资金5000万元。示例福利机构运行经费项目预算合计为423.38万元(其中:自治区169.35万元,"
        "市级254.03万元)。市财政全额安排学前教育专项资金1,356.00万元。",
        "self_eval_project",
        {
            ("budget.initial_project", 50000000.0),
            ("budget.initial_project", "示例福利机构运行经费", 2023, 4233800.0),
            ("budget.initial_project", 13560000.0),
        },
    ),
    (  # the posts a unit used to hold are none of its kinds now; 与 joins the vehicle item
        "核定事业编制5人,原有行政编制2人。(二)公务用车购置与运行费35.9万元。",
        "final_accounts",
        {("staff.authorized_institution", 5), ("sangong.vehicle", 359000.0)},
    ),
    (  # a quota of temporary hires is no kind of post, nor the establishment
        "本单位事业编制18个,政府临聘编制2个,实有人员20人。",
        "self_eval_department",
        {("staff.authorized_institution", 18), ("staff.actual_total", 20)},
    ),
    ("2023年预算资金212.5万元,年中调剂增加8万元。", "self_eval_department", {("budget.initial_total", 2125000.0)}),
    (  # 购置 left out, a doubled 费, the misprint 保用量
        "其中公务用车及运行维护费用12.4万元。公务用车运行费维护费12.4万元。年末公务用车保用量6辆。",
        "final_accounts",
        {("sangong.vehicle", 124000.0), ("sangong.vehicle_operation", 124000.0), ("sangong.vehicles_held", 6)},
    ),
    (  # a PDF's wrapped line left a space inside a word
        "编制30人,年 末实有28人,其中在职人员20人。2023年全 年实际支 出41.5万元。",
        "final_accounts",
        {("staff.authorized_total", 30), ("staff.actual_total", 28), ("expenditure.total", 415000.0)},
    ),
    (  # a space after a count parts two items of a list
        "本级单位年末核定编制人数5人 实有人数9人 其中行政人员1人 事业人员8人",
        "final_accounts",
        {
            ("staff.authorized_total", 5),
            ("staff.actual_total", 9),
            ("staff.actual_admin", 1),
            ("staff.actual_institution", 8),
        },
    ),
    (
        "2023年度8类妇幼保健服务资金512万元全部执行到位。资金预算512万元,支付率98.5%。"
        "2023年市级补助资金300万元,全部在规定时限内及时下达拨付给项目单位。",
        "self_eval_project",
        {
            ("projects.received", 5120000.0),
            ("budget.initial_project", 5120000.0),
            ("projects.execution_rate_pct", 98.5),
            ("projects.received", 3000000.0),
        },
    ),
    (  # numbered projects run on in one paragraph, a PDF's space after a decimal point
        "1、纪念馆维修项目:预算12. 6万元,全年实际支付12. 6万元,使用率100%。"
        "2、展陈更新项目:预算8万元,全年实际支付7.2万元。",
        "self_eval_department",
        {
            ("budget.initial_project", "纪念馆维修", 2023, 126000.0),
            ("projects.spent", "纪念馆维修", 2023, 126000.0),
            ("projects.execution_rate_pct", "纪念馆维修", 2023, 100.0),
            ("budget.initial_project", "展陈更新", 2023, 80000.0),
            ("projects.spent", "展陈更新", 2023, 72000.0),
        },
    ),
    (
        "1、项目资金到位情况。道路养护资金640万元目前已全部拨付。截至12月10日，已完成拨付598.5万元。",
        "self_eval_project",
        {("projects.received", 6400000.0), ("projects.spent", 5985000.0)},
    ),
    ("截至2023年底，累计拨付资金88.6万元。", "self_eval_project", {("projects.spent", 886000.0)}),
    (  # a fund's sum that its projects break down: the fund's and each project's budget
        "我局申报安排省级林业资金共500万元，其中：造林与修复300万元，湿地保护200万元。",
        "self_eval_project",
        {
            ("budget.initial_project", 5000000.0),
            ("budget.initial_project", "造林与修复", 2023, 3000000.0),
            ("budget.initial_project", "湿地保护", 2023, 2000000.0),
        },
    ),
    ("1月份将省级补助资金86万元全部拨付各个县市区，保障了人员待遇。", "self_eval_project", set()),  # paid on
    (
        "其中：因公出国(境)费、公务用车购置及运行费、公务接待费三项支出分别为0万元、6.8万元、1.45万元。",
        "final_accounts",
        {("sangong.outbound", 0.0), ("sangong.vehicle", 68000.0), ("sangong.reception", 14500.0)},
    ),
    (
        "会议费、培训费等2项经费分别是：3.1万元、4万元。",
        "final_accounts",
        {("meeting_fee", 31000.0), ("training_fee", 40000.0)},
    ),
    # on a budget page, a total its own clause calls 决算 is the year before's actual, no budget total
    (
        "2022年度部门决算支出总计1210.50万元。2023年收入预算总计1320.40万元。",
        "budget",
        {("expenditure.total", DEPT, 2022, 12105000.0), ("budget.initial_total", 13204000.0)},
    ),
    # the paid staff by their kind of post: each kind's staff, not a second total
    (
        "财政供养人员共计1,244人。其中：行政编制财政供养人员345人，事业编制财政供养人员899人，离退休人员206人。",
        "final_accounts",
        {("staff.actual_total", 1244), ("staff.actual_admin", 345), ("staff.actual_institution", 899)},
    ),
    # `收支决算总计` is both totals; the appropriation's `收支总计` with its note in brackets is none of them
    (
        "2023年度收支决算总计941.48万元。2023年度财政拨款(含政府性基金拨款)收支总计684万元。",
        "final_accounts",
        {("revenue.total", 9414800.0), ("expenditure.total", 9414800.0)},
    ),
    # a budget's zero 非税收入 source is no budget total
    (
        "2023年预算收入合计44.45万元，其中公共财政预算拨款44.45万元；专户管理的非税收入预算数为0元。",
        "budget",
        {("budget.initial_total", 444500.0)},
    ),
    # a fully funded share of institution posts beside a 差额 share that is not 0 is no kind's total; alone it is
    (
        "行政事业总编制为249个，其中行政编13个、全额事业编45个、差额事业编120个。全额事业编制52个的单位。",
        "final_accounts",
        {("staff.authorized_total", 249), ("staff.authorized_admin", 13), ("staff.authorized_institution", 52)},
    ),
    # `现有编制人员` counts people (its 其中 lists the serving and the retired)
    (
        "现有编制人员205人。其中，局机关在职113人、离休2人、退休75人。",
        "self_eval_department",
        {("staff.actual_total", 205)},
    ),
    # an older budget's total, glued to its year and broken down by source; a fund's share elsewhere is none
    (
        "2023年一般预算收入418.44万元，其中：财政拨款352.60万元，其他收入6.13万元；预算支出418.44万元。",
        "budget",
        {("budget.initial_total", 4184400.0)},
    ),
    (
        "2023年收入预算总计500万元，其中：一般预算收入480万元，政府性基金收入20万元。",
        "budget",
        {("budget.initial_total", 5000000.0)},
    ),
    # staff printed with their kind of post after 实有, serving staff on fully funded posts, a court's officers
    ("截至年底，本单位实有行政编制70人。", "final_accounts", {("staff.actual_admin", 70)}),
    (
        "现有人数43人，其中：在职全额编制23人；离退休20人。",
        "final_accounts",
        {("staff.actual_total", 43)},
    ),
    (
        "我院年底人员编制数78人，实有在职在编干警人数69人，临时聘用人员28人。",
        "final_accounts",
        {("staff.authorized_total", 78), ("staff.actual_total", 69)},
    ),
    # a qualified income's budget (`另外的收入预算`) is no budget total; the spending total alone is (the
    # appropriation's budget is the budget year's appropriation, as the README's Budget revenue convention says)
    (
        "2023年财政拨款收入预算280.50万元，另外的收入预算12.30万元。2023年支出预算总计292.80万元。",
        "budget",
        {("budget.initial_total", 2928000.0)},
    ),
    # a kind's staff after its posts and their changes in short clauses
    (
        "机关行政编制50名，调出2人，调入3人，1人退休，实有45人；事业编制6名，实有6人。",
        "final_accounts",
        {
            ("staff.authorized_admin", 50),
            ("staff.actual_admin", 45),
            ("staff.authorized_institution", 6),
            ("staff.actual_institution", 6),
        },
    ),
    # a bracketed note with numbers of its own between a wording and its number: the wording names it
    (
        "本年支出合计80万元，其中基本支出(含人员经费20万元)50万元，项目支出30万元。",
        "final_accounts",
        {("expenditure.total", 800000.0), ("expenditure.basic", 500000.0), ("expenditure.project", 300000.0)},
    ),
    (
        "本单位实有人员71人，其中行政编(含工勤3人)60人，参公编5人，事业编6人。",
        "final_accounts",
        {("staff.actual_total", 71), ("staff.actual_admin", 60), ("staff.actual_institution", 6)},
    ),
    # each kind's posts with its staff glued on (`行政编制30人实有19人`); a kind none of ours (工勤) gives no staff
    (
        "编制60人,行政编制30人实有19人,工勤编3人实有13人,事业编制27人实有37人,离退休人员58人。",
        "final_accounts",
        {
            ("staff.authorized_total", 60),
            ("staff.authorized_admin", 30),
            ("staff.actual_admin", 19),
            ("staff.authorized_institution", 27),
            ("staff.actual_institution", 37),
        },
    ),
    # each kind's staff with `实有` after it, and `事业编7人` inside a bracketed 其中 under a head count (people)
    (
        "在编在岗实有人数44名,其中:行政在编在岗实有19人;事业人员实有23人。现实有15人(其中:公务员7人、事业编7人)。",
        "final_accounts",
        {
            ("staff.actual_total", 44),
            ("staff.actual_admin", 19),
            ("staff.actual_institution", 23),
            ("staff.actual_total", 15),
            ("staff.actual_institution", 7),
        },
    ),
    # subordinate units listed after `下属N个事业单位：`, between semicolons: each one's posts are its own
    (
        "本局核定编制24名;下属2个事业单位:示例县应急事务中心,全额拨款,核定编制6人;示例县执法队,参公管理,核定编制10名。",
        "budget",
        {
            ("staff.authorized_total", 24),
            ("staff.authorized_total", "示例县应急事务中心", 2023, 6),
            ("staff.authorized_total", "示例县执法队", 2023, 10),
        },
    ),
    # on a budget page, last year's 三公 actual broken down by a `其中` list later in its sentence: items and all
    (
        "2022年度“三公”经费支出合计7.45万元,其中:公务接待费2.15万元,公务用车运行维护费5.30万元。",
        "budget",
        {
            ("sangong.total", DEPT, 2022, 74500.0),
            ("sangong.reception", DEPT, 2022, 21500.0),
            ("sangong.vehicle_operation", DEPT, 2022, 53000.0),
        },
    ),
    # a fund's own section (`一般公共预算收入支出决算情况`): its totals are the fund's, none of the unit's
    (
        "一、收支情况\n2023年度总支出1095.67万元。\n二、2023年度一般公共预算收入支出决算情况\n"
        "2023年度一般公共预算收入总计1085.31万元,本年支出1070.67万元,年末结转和结余30.65万元。",
        "final_accounts",
        {("expenditure.total", 10956700.0)},
    ),
    (
        "单位编制人数42人，单位实际人数37人。",
        "final_accounts",
        {("staff.authorized_total", 42), ("staff.actual_total", 37)},
    ),
    # the year compared with (`较2014年同期6万元下降…`, `较2014年…总额2174万元同期下降…`) is the amount's
    (
        "2023年“三公经费”总额为2028万元,较2022年三公经费总额2174万元同期下降6.72%,其中:因公出国(境)费5万元,"
        "较2022年同期6万元下降16.66%。",
        "final_accounts",
        {
            ("sangong.total", 20280000.0),
            ("sangong.total", DEPT, 2022, 21740000.0),
            ("sangong.outbound", 50000.0),
            ("sangong.outbound", DEPT, 2022, 60000.0),
        },
    ),
    # on a budget page, last year's trip counts are last year's actuals
    (
        "2022年因公出国(境)团组1次,出国(境)1人次,实际发生因公出国(境)经费支出3万元。",
        "budget",
        {
            ("sangong.outbound_groups", DEPT, 2022, 1),
            ("sangong.outbound_persons", DEPT, 2022, 1),
            ("sangong.outbound", DEPT, 2022, 30000.0),
        },
    ),
    # a `其中` list of a budget's 三公 items goes on after semicolons: all of it budgeted, no figure of ours
    (
        "2023年三公经费预算安排情况:2023年本级三公经费支出总额为1841.3万元。其中:因公出国(境)费用0万元;"
        "公务接待费140万元;公务用车购置及运行维护费1701.3万元。",
        "final_accounts",
        set(),
    ),
    # a project's money in a single-project report's prose: funds allocated and all received, paid, its progress rate
    (
        "市级下达森林防火补助经费75.96万元,全部到位。截至年底,已拨付75.96万元,项目资金支出进度比率为100%。",
        "self_eval_project",
        {
            ("projects.received", "森林防火补助经费", 2023, 759600.0),
            ("projects.spent", 759600.0),
            ("projects.execution_rate_pct", 100.0),
        },
    ),
    # an older budget's `其中：财政预算拨款` is the appropriation; a fund's share (`一般公共财政预算拨款`) is none
    (
        "收入预算383万元。其中：财政预算拨款383万元。",
        "budget",
        {("budget.initial_total", 3830000.0)},
    ),
    ("收入预算400万元，其中：一般公共财政预算拨款390万元。", "budget", {("budget.initial_total", 4000000.0)}),
    # `人员工资` with its amount is the personnel line of the basic spending
    (
        "1、基本支出157.05万元，(其中：人员工资126.23万元，公用经费30.82万元)",
        "budget",
        {
            ("budget.initial_basic", 1570500.0),
            ("budget.initial_basic_personnel", 1262300.0),
            ("budget.initial_basic_goods_services", 308200.0),
        },
    ),
    # a budget whose 其中 opens with the initial budget is the adjusted one; its 调整追加 is a change, no project
    (
        "2023年预算收入69.06万元,其中年初预算57.28万元,调整追加11.78万元。",
        "self_eval_department",
        {("budget.adjusted_total", 690600.0), ("budget.initial_total", 572800.0)},
    ),
    # the people a budget is drawn up for, the retired included; its serving part after 其中 is no second count
    ("我单位纳入部门预算编制31人。其中：实有在职人员26人，离退休人员5人。", "budget", {("staff.actual_total", 31)}),
    # 涉外 reception and its visiting groups and guests; the rest of the reception money is no item of ours
    (
        "其中涉外的公务接待费支出14万元。全年接待国外来访团组6个，接待来访外宾31人次；其他公务接待费支出51.7万元。",
        "final_accounts",
        {
            ("sangong.reception_foreign", 140000.0),
            ("sangong.reception_foreign_batches", 6),
            ("sangong.reception_foreign_persons", 31),
        },
    ),
    # the serving part of a head count in the next clause or sentence is no second head count
    ("年末实有人数73;\n在职人员29,比上年减少6人。", "final_accounts", {("staff.actual_total", 73)}),
    ("财政供养人数27人。\n其中:在职16人(离岗退养1人),离退休11人。", "budget", {("staff.actual_total", 27)}),
    # beside the staff on the establishment, a count whose bracket lists hired help is none of ours
    (
        "我单位人员编制数16人,实际在编13人,实有人数32人(其中退休2人,聘用18人,正式在职13人)。",
        "budget",
        {("staff.authorized_total", 16), ("staff.actual_total", 13)},
    ),
    ("年初预算在职正式职工323人，当年退休19人。", "budget", set()),  # budgeted staff, not a count
    # short item wordings beside the other 三公 items: `招待费`, `出国出境`; a hospital's 业务招待费 is none
    (
        "“三公”经费支出合计10.2万元，其中招待费支出4.56万元，因公出国出境支出0元，公务用车运行维护费5.64万元。",
        "final_accounts",
        {
            ("sangong.total", 102000.0),
            ("sangong.reception", 45600.0),
            ("sangong.outbound", 0.0),
            ("sangong.vehicle_operation", 56400.0),
        },
    ),
    ("医院业务招待费支出12万元。", "final_accounts", set()),
    # an item as a topic, the unit named again before the clause's year; a per-head average is no item
    (
        "在因公出国(境)费用方面，市民政局2023年决算数358.7万元，涉及出国团组14个、出国人数95人，"
        "每人平均因公出国(境)费用3.7万元。",
        "final_accounts",
        {("sangong.outbound", 3587000.0), ("sangong.outbound_groups", 14), ("sangong.outbound_persons", 95)},
    ),
    # an older 三公 statement's `实际发生额`
    (
        "2023年，示例县文旅局财政拨款开支的“三公经费”实际发生额为713.22万元。",
        "final_accounts",
        {("sangong.total", 7132200.0)},
    ),
    # a statement of zero naming the fund before the item (`没有一般公共预算财政拨款“三公”经费支出`)
    (
        "示例县文旅局2023年没有一般公共预算财政拨款“三公”经费支出，故本表无数据。",
        "final_accounts",
        {("sangong.total", 0.0)},
    ),
    # a kind of posts outside our split (`工勤人员编制0人`) is no second establishment
    (
        "在职人员编制21人，其中：行政编制0人，工勤人员编制0人，事业编制21人。",
        "budget",
        {("staff.authorized_total", 21), ("staff.authorized_admin", 0), ("staff.authorized_institution", 21)},
    ),
    # a school's head count and the serving part after its 其中 (no second head count)
    ("2023年我校有教职工157人，其中：在职教职工92人，离退休职工65人。", "budget", {("staff.actual_total", 157)}),
    # `实有干部` is a head count (the retired included, as the Head counts convention reads it)
    (
        "编制72个，实有干部87人，其中在职63人、退休24人。",
        "budget",
        {("staff.authorized_total", 72), ("staff.actual_total", 87)},
    ),
    # the retired counted by kind after their total: no staff of ours
    ("示例县接待办退休3人，行政人员2人，其他事业人员1人。", "budget", set()),
    # a count worded as the sum of a list that counts the retired or hired help is none of ours
    (
        "人员编制为18人，现实有在编人员15人，退休人员3人，劳务派遣5人，共实有人数23人。",
        "budget",
        {("staff.authorized_total", 18), ("staff.actual_total", 15)},
    ),
    ("现有在职人员15人，退休3人，总人数18人。", "budget", {("staff.actual_total", 15)}),
    # a budget's appropriation worded `财政拨款收入预算` (spaced, as PDFs print it)
    (
        "示例县文旅局2023年财政拨款收入预算 282.4 万元，财政拨款支出预算 282.4 万元。",
        "budget",
        set(),  # a budget's revenue part is budgeted, no revenue received
    ),
    # money received named after 收到 with words between; one level's share (收到中央下达…) is none of ours
    (
        "我局收到2023年某补助地方资金预算(第七批)资金353.6万元。",
        "self_eval_project",
        {("projects.received", 3536000.0)},
    ),
    ("收到中央下达残疾人补贴资金412.6万元，地方匹配188.4万元。", "self_eval_project", set()),
    # money allotted to the reporting place (`下达我县…资金`, `向我区下达…资金`), not to others nor as a budget; the
    # fund the allotment names is the subject of its money
    (
        "2023年度，下达我县中央财政困难群众救助补助资金318万元，用于特困人员供养。",
        "self_eval_project",
        {("projects.received", "中央财政困难群众救助补助资金", 2023, 3180000.0)},
    ),
    (
        "中央分两批向我区下达城乡居民养老保险转移支付资金6,520万元。",
        "self_eval_project",
        {("projects.received", "城乡居民养老保险转移支付资金", 2023, 65200000.0)},
    ),
    ("省财政厅下达各市县救助补助资金2,400万元。", "self_eval_project", set()),
    ("项目批复资金350万已全部到位，属于省财政下拨资金。", "self_eval_project", {("projects.received", 3500000.0)}),
    ("中央下达我省3批水利救灾资金(水利部分),共计6800万元。", "self_eval_project", {("projects.received", 68000000.0)}),
    ("下达我县乡村道路养护资金为420万元。", "self_eval_project", {("projects.received", 4200000.0)}),
    ("森林防火专项资金18万元，资金已到位。", "self_eval_project", {("projects.received", 180000.0)}),
    (
        "共下达我市中央福彩公益金318.6万元。",
        "self_eval_project",
        {("projects.received", "中央福彩公益金", 2023, 3186000.0)},
    ),
    # obtained, raised or received for a named fund; a forecast or a bare 公益金 is none
    (
        "获得中省水利发展资金1500万元。",
        "self_eval_project",
        {("projects.received", "中省水利发展资金", 2023, 15000000.0)},
    ),
    (
        "共筹集城乡医疗救助补助资金862.4万元。",
        "self_eval_project",
        {("projects.received", "城乡医疗救助补助资金", 2023, 8624000.0)},
    ),
    (
        "共收到上级拨付的福利彩票公益金8万元。",
        "self_eval_project",
        {("projects.received", "福利彩票公益金", 2023, 80000.0)},
    ),
    ("预计形成销量12亿元，筹集公益金1.9亿元。", "self_eval_project", set()),
    (
        "该项目预算数为24.00万元，决算数为18.60万元。",
        "self_eval_project",
        {("budget.initial_project", 240000.0), ("projects.spent", 186000.0)},
    ),
    ("项目进度滞后未拨付的除外，实际拨付86万元。", "self_eval_project", {("projects.spent", 860000.0)}),
    (
        "实际形成支出420万元，支出率96.5%。",
        "self_eval_project",
        {("projects.spent", 4200000.0), ("projects.execution_rate_pct", 96.5)},
    ),
    # what a fund or a works project spent: `资金执行总量`, `已拨付工程款`
    ("2023年城乡居民养老保险资金执行总量2960万元。", "self_eval_project", {("projects.spent", 29600000.0)}),
    ("该项目已拨付工程款700万元，剩余工程款待申请。", "self_eval_project", {("projects.spent", 7000000.0)}),
    # a transfer's budget allotted: the project's budget, not money received
    ("中央下达我县政法转移支付资金预算150万元。", "self_eval_project", {("budget.initial_project", 1500000.0)}),
    # a staff clause glued on without a comma (`…15人退休人员7人`): the count is no count of the retired
    (
        "本馆编制人数是15人,现有在职人员15人退休人员7人。",
        "budget",
        {("staff.authorized_total", 15), ("staff.actual_total", 15)},
    ),
    ("运动员伙食补助预算经费92.4万元。", "budget", set()),  # a named item's budget, no total
    # a head count dated to a month's or year's end (`截至2016年12月有职工296人`)
    ("实际开放床位150张，截至12月有职工296人，其中高级职称30人。", "final_accounts", {("staff.actual_total", 296)}),
    # a project's year budget after 该项目, and payments named after 发放 (`全年发放X资金12万元`)
    (
        "该项目2023年预算780万元，实际支出457.37万元。",
        "self_eval_project",
        {("budget.initial_project", 7800000.0), ("projects.spent", 4573700.0)},
    ),
    ("全年发放救助生活无着人员救助资金12万元。", "self_eval_project", {("projects.spent", 120000.0)}),
    # `部门预算总计`; a subtotal before `即：` is no project of the list
    ("部门预算总计100.46万元。", "budget", {("budget.initial_total", 1004600.0)}),
    (
        "项目支出预算130.6万元，其中：1.财政拨款安排项目2个，预算资金为130.6万元，即：冻猪肉储备经费82.8万元、粮库改造尾款经费47.8万元。",
        "budget",
        {
            ("budget.initial_project", 1306000.0),
            ("budget.initial_project", "冻猪肉储备经费", 2023, 828000.0),
            ("budget.initial_project", "粮库改造尾款经费", 2023, 478000.0),
        },
    ),
    # a subsidy fund's payments (`资金发放`), not its rate per head (`发放标准`)
    (
        "按照发放标准每只补助500元,2023年共完成资金发放64500元。",
        "self_eval_project",
        {("projects.spent", 64500.0)},
    ),
    # an approved budget (`批复我局…`) is the initial budget, and `其中包含` introduces one project's share
    (
        "经市人民政府同意,批复我局项目支出160万元,其中包含农村环境综合整治项目经费10万元。",
        "self_eval_project",
        {("budget.initial_project", 1600000.0), ("budget.initial_project", "农村环境综合整治项目经费", 2023, 100000.0)},
    ),
    # after `共有N个支出项目`, each clause of the list opening with a bare name is that project's
    (
        "我院2023年共有3个支出项目。其中,法院执行年初预算数6万元,年末结算支出6万元,项目资金支出进度比率为100%;"
        "案件审判411.95万元,年末结算支出411.95万元。",
        "self_eval_department",
        {
            ("budget.initial_project", "法院执行", 2023, 60000.0),
            ("projects.spent", "法院执行", 2023, 60000.0),
            ("projects.execution_rate_pct", "法院执行", 2023, 100.0),
            ("projects.spent", "案件审判", 2023, 4119500.0),
        },
    ),
    (
        "2023年收入预算5200万元,其中上年结余结(转)150万元。",
        "budget",
        {("budget.initial_total", 52000000.0)},  # its parts are budgeted, no revenue received
    ),
    # a head count that says it includes hired help is none of ours; `在编在岗` is the staff
    (
        "目前单位在编在岗4人,编外长期聘用人员56人,期末实有人员60人(含编内人员+编外长期聘用人员)。",
        "budget",
        {("staff.actual_total", 4)},
    ),
    # the cars a unit holds, printed in a budget: a count, never budgeted
    ("本单位在编实有车辆6辆。", "budget", {("sangong.vehicles_held", 6)}),
    # 财政补助收入 split by budget: the general budget's and the fund budget's shares are parts, no total of ours
    (
        "收入预算总计1520.60万元，其中：财政拨款收入1500.60万元，其他收入20万元。财政拨款收入中，"
        "一般公共预算财政补助收入1480.60万元，政府性基金预算财政补助收入20万元。",
        "budget",
        {("budget.initial_total", 15206000.0)},
    ),
    # the sum of a list of staff kinds is the whole staff; of a list of posts, the whole establishment (not the
    # last kind's); a list counting the retired or hired help sums none of ours
    (
        "年末实有人员：公务员8人，参公人员6人，工勤人员2人，共计16人。离退休人员：离休1人、退休25人，共计26人。",
        "final_accounts",
        {("staff.actual_total", 16)},
    ),
    (
        "核定行政编制10名、事业编制5名，共计15名。实有人员中，在职12人、聘用3人，合计15人。",
        "budget",
        {
            ("staff.authorized_admin", 10),
            ("staff.authorized_institution", 5),
            ("staff.authorized_total", 15),
            ("staff.actual_total", 12),
        },
    ),
    (
        "核定编制30名，其中参公编制人数27名，后勤服务编制人数3名。",
        "final_accounts",
        {("staff.authorized_total", 30)},
    ),  # 参公 / 后勤 shares are no total of ours
    # 参公事业编制 listed beside the other kinds is a category of its own, no 事业编制 figure (here its 0)
    (
        "本单位行政编制5个，事业编制3个，参公事业编制0个；在职实有7人。",
        "budget",
        {("staff.authorized_admin", 5), ("staff.authorized_institution", 3), ("staff.actual_total", 7)},
    ),
    # a 参公 unit's 核定…参公事业编制 is its whole establishment; a retiree count with a bracket is none
    (
        "核定全额拨款参公事业编制9人；在职实有8人。退休（财政供养）实有人数3人。",
        "final_accounts",
        {("staff.authorized_total", 9), ("staff.actual_total", 8)},
    ),
    # … and so is `现有事业编制(参公)`, no institution posts
    (
        "现有事业编制(参公)11名，年底实有人员9人。",
        "self_eval_department",
        {("staff.authorized_total", 11), ("staff.actual_total", 9)},
    ),
    # … and so is the unit's own `单位参照公务员管理事业编制` where no other kind of post is printed
    (
        "2023年末单位参照公务员管理事业编制4人,实有人数1人,其中:财政全供养1人。",
        "self_eval_department",
        {("staff.authorized_total", 4), ("staff.actual_total", 1)},
    ),
    # … and the unit's, named before 有 (`某区残联有参公事业编制人数9人`)
    ("示例区残疾人联合会有参公事业编制人数7人(含工勤岗位1人)。", "budget", {("staff.authorized_total", 7)}),
    # three kinds: 行政事业编制 beside a plain 事业编制 count is a kind of its own, neither's institution posts
    (
        "核定编制40名(其中行政编制25名,行政事业编制11名,事业编制4名)。",
        "budget",
        {("staff.authorized_total", 40), ("staff.authorized_admin", 25), ("staff.authorized_institution", 4)},
    ),
    (
        "全额事业编制52个，实有在职人员50人。",
        "final_accounts",
        {("staff.authorized_institution", 52), ("staff.authorized_total", 52), ("staff.actual_total", 50)},
    ),
    # an economic class that is a share of 项目支出 is no line of the basic budget
    (
        "项目支出 52000 元。其中：商品和服务支出 50000 元，占项目支出预算 96.15%。",
        "budget",
        {("budget.initial_project", 52000.0)},
    ),
    # a reason clause naming 基本支出 is not what the class under 项目支出 breaks down
    (
        "2.项目支出 0元，同比减少 36000 元。原因是编外人员经费列入基本支出。其中：商品和服务支出预算 0元。",
        "budget",
        {("budget.initial_project", 0.0)},
    ),
    # a 项目支出 list of economic classes (`其他支出类项目`) names no projects
    (
        "项目支出90.00万元，包括：商品服务支出60.00万元，其他支出类项目30.00万元。",
        "budget",
        {("budget.initial_project", 900000.0)},
    ),
    # the economic classes of the whole budget (`按支出经济分类科目：…`) are no lines of the basic budget
    (
        "基本支出130.00万元，项目支出40.00万元。"
        "按支出经济分类科目：工资福利支出118.00万元，商品和服务支出42.00万元，对个人和家庭的补助支出10.00万元。",
        "budget",
        {("budget.initial_basic", 1300000.0), ("budget.initial_project", 400000.0)},
    ),
    (
        "年初批复预算3个项目120万元，调整预算后项目预算112.50万元。",
        "self_eval_project",
        {("budget.initial_project", 1200000.0), ("budget.adjusted_total", 1125000.0)},
    ),
    ("年初部门预算收入812.40万元。", "self_eval_department", {("budget.initial_total", 8124000.0)}),
    ("全年调整后预算905.10万元。", "self_eval_department", {("budget.adjusted_total", 9051000.0)}),
    ("收入总计1,020.33万元。", "final_accounts", {("revenue.total", 10203300.0)}),
    ("年初结转和结余40.20万元。", "final_accounts", {("revenue.carryover", 402000.0)}),
    ("本年财政拨款收入960.00万元。", "final_accounts", {("revenue.fiscal_appropriation", 9600000.0)}),
    ("其他收入20.13万元。", "final_accounts", {("revenue.other", 201300.0)}),
    ("支出总计1,001.00万元。", "final_accounts", {("expenditure.total", 10010000.0)}),
    ("(一)收入决算总计286.40万元。", "final_accounts", {("revenue.total", 2864000.0)}),
    (
        "2023年度收支总决算852.30万元。",
        "final_accounts",
        {("revenue.total", 8523000.0), ("expenditure.total", 8523000.0)},
    ),
    ("(二)支出决算总计286.40万元。", "final_accounts", {("expenditure.total", 2864000.0)}),
    (
        "本单位收入总额980.20万元，支出总额951.60万元。",
        "final_accounts",
        {("revenue.total", 9802000.0), ("expenditure.total", 9516000.0)},
    ),
    ("年末结转和结余19.33万元。", "final_accounts", {("expenditure.carryover_end", 193300.0)}),
    ("资金支付进度98.20%。", "self_eval_department", {("expenditure.payment_progress_pct", 98.2)}),
    (
        "全年预算数为60万元,执行数为57万元,完成预算的95%。",
        "self_eval_project",
        {("budget.adjusted_total", 600000.0), ("projects.spent", 570000.0), ("projects.execution_rate_pct", 95.0)},
    ),
    ("余额404元,年度资金使用完成比率96.25 %。", "self_eval_project", {("projects.execution_rate_pct", 96.25)}),
    ("本年实际支出820.5万元。", "self_eval_department", {("expenditure.total", 8205000.0)}),
    ("该项目实际到账86万元。", "self_eval_project", {("projects.received", 860000.0)}),
    (
        "该项目应到位120万元,实际到位96万元。",
        "self_eval_project",
        {("projects.received", 960000.0)},
    ),  # not what was due
    (
        "行政编制在职15人,事业编制在职9人,总人数24人。",
        "final_accounts",
        {("staff.actual_admin", 15), ("staff.actual_institution", 9), ("staff.actual_total", 24)},
    ),
    (
        "我院行政政法专项编制96人,事业编3人。",
        "final_accounts",
        {("staff.authorized_admin", 96), ("staff.authorized_institution", 3)},
    ),
    ("本年本单位收入、支出总预算均为412.30万元。", "budget", {("budget.initial_total", 4123000.0)}),
    (  # the short 公共预算 beside a 政府性基金 appropriation: only part of 财政拨款
        "其中:公共预算财政拨款收入1000万元,,政府性基金预算拨款收入20万元。",
        "final_accounts",
        set(),
    ),
    (
        "我院批复编制为40人,其中政法编制40人,现有政法编制人员36人。",
        "final_accounts",
        {("staff.authorized_total", 40), ("staff.actual_total", 36)},
    ),
    (
        "市财政局下达示例县2023年河道治理补助资金共计320万元。",
        "self_eval_project",
        {("projects.received", "河道治理补助资金", 2023, 3200000.0)},
    ),
    ("省财政厅下达各市县河道治理补助资金1,200万元。", "self_eval_project", set()),  # to others, not to the unit
    (
        "2023年下达省级福彩公益金86万元。",
        "self_eval_project",
        {("projects.received", "省级福彩公益金", 2023, 860000.0)},
    ),
    (
        "2023年下达了城区绿化经费:214.6万元。",
        "self_eval_project",
        {("projects.received", "城区绿化经费", 2023, 2146000.0)},
    ),
    ("安排公务接待费5.20万元,比上年预算减1.10万元。", "other", set()),  # allotted: a budget, no 三公 figure
    (
        "共安排因公出国(境)团组0个,累计0人次。",
        "final_accounts",
        {("sangong.outbound_groups", 0), ("sangong.outbound_persons", 0)},
    ),
    (
        "财政部下达2023年中央自然灾害救灾资金(森林防火补助经费)640万元。",
        "self_eval_project",
        {("projects.received", "中央自然灾害救灾资金(森林防火补助经费)", 2023, 6400000.0)},
    ),
    ("我局联合市财政局下达2023年度标准化补助经费200万元。", "self_eval_project", set()),  # allotted on by the unit
    (  # allotted by the notice cited right before
        "根据《省财政厅关于下达2023年农田水利资金的通知》(示财农〔2023〕12号),下达中央农田水利资金(小型水库)300万元。",
        "self_eval_project",
        {("projects.received", "中央农田水利资金(小型水库)", 2023, 3000000.0)},
    ),
    ("下达中央资金20万元,县级资金12万元,共计下达32万元。", "self_eval_project", {("projects.received", 320000.0)}),
    ("资金来源为市级财政,项目预算金额540万元。", "self_eval_project", {("budget.initial_project", 5400000.0)}),
    ("资金来源为财政投入,2023年预算实际安排86.4万元。", "self_eval_project", {("budget.initial_project", 864000.0)}),
    ("2023年文物保护专项资金共支75.3万元。", "self_eval_project", {("projects.spent", 753000.0)}),
    ("该项目在2023年度安排预算86.2万元。", "self_eval_project", {("budget.initial_project", 862000.0)}),
    ("2023年初我局申请预算资金150万元。", "self_eval_project", {("budget.initial_project", 1500000.0)}),
    ("2023年共支持文物保护项目12个。", "self_eval_project", set()),
    ("截至年底,已拨付至项目单位资金86.5万元。", "self_eval_project", {("projects.spent", 865000.0)}),
    ("一标段已支付工程款326400.50元。", "self_eval_project", {("projects.spent", 326400.5)}),
    ("2023年实际使用补贴资金12.4万元,并已结算到位。", "self_eval_project", {("projects.spent", 124000.0)}),
    ("补助资金已拨付到各乡镇。", "self_eval_project", set()),
    (
        "2023年预算金额48.5万元,经费来源为财政拨款,预算执行46万元。",
        "self_eval_project",
        {("budget.initial_project", 485000.0), ("projects.spent", 460000.0)},
    ),
    (  # the levels' shares in brackets are no projects
        "省级财政计划投入资金318万元,(其中中央补助资金200万元、省级补助资金118万元)。",
        "self_eval_project",
        {("budget.initial_project", 3180000.0)},
    ),
    ("我局实际支出820.5万元。", "self_eval_department", {("expenditure.total", 8205000.0)}),
    ("示例县城乡居民基础养老金实际支出239.53万元。", "self_eval_department", set()),  # an item's, not the unit's
    ("“三公”经费支出合计8.40万元。", "final_accounts", {("sangong.total", 84000.0)}),
    ("公务用车购置及运维费5.10万元。", "final_accounts", {("sangong.vehicle", 51000.0)}),
    ("公务招待费1.30万元。", "final_accounts", {("sangong.reception", 13000.0)}),
    ("公车购置及运行维护费3.20万元。", "final_accounts", {("sangong.vehicle", 32000.0)}),
    (
        "车辆购置0.00万元，车辆运行3.39万元。",
        "final_accounts",
        {("sangong.vehicle_purchase", 0.0), ("sangong.vehicle_operation", 33900.0)},
    ),
    (
        "外事接待0批次、0人次。",
        "final_accounts",
        {("sangong.reception_foreign_batches", 0), ("sangong.reception_foreign_persons", 0)},
    ),
    ("年末公务用车保有量4辆。", "final_accounts", {("sangong.vehicles_held", 4)}),
    # vehicle counts in narrative: renewed / newly bought cars, the cars held (编制数和实有数, 实有在编车辆); a
    # per-car or per-person average is no amount of any item
    (
        "公务用车购置费52.30万元（更新公务用车3辆，车均17.43万元）。",
        "final_accounts",
        {("sangong.vehicle_purchase", 523000.0), ("sangong.vehicles_purchased", 3)},
    ),
    (
        "公务用车购置费13.50万元，更新执法执勤用车1辆。",
        "final_accounts",
        {("sangong.vehicle_purchase", 135000.0), ("sangong.vehicles_purchased", 1)},
    ),
    (
        "全年更新、新购车辆156辆，公务用车车均购置经费15.60万元。",
        "final_accounts",
        {("sangong.vehicles_purchased", 156)},
    ),
    (
        "公务车辆编制数和实有数均为48辆，车辆运行费312.00万元，平均每辆车的运行维护费用为6.50万元。",
        "final_accounts",
        {("sangong.vehicles_held", 48), ("sangong.vehicle_operation", 3120000.0)},
    ),
    (
        "公务用车运行维护费28.40万元，实有在编车辆12辆，公务用车车均运行维护费2.37万元。",
        "final_accounts",
        {("sangong.vehicle_operation", 284000.0), ("sangong.vehicles_held", 12)},
    ),
    (
        "因公出国(境)团组31个，420人次，人均因公出国(境)费用2.10万元。",
        "final_accounts",
        {("sangong.outbound_groups", 31), ("sangong.outbound_persons", 420)},
    ),
    (
        "核定编制32人，其中行政编制20人、事业编制12人。",
        "final_accounts",
        {("staff.authorized_total", 32), ("staff.authorized_admin", 20), ("staff.authorized_institution", 12)},
    ),
    ("年末在职人员30人。", "final_accounts", {("staff.actual_total", 30)}),
    # staff in 预算/决算 narratives: 在职在编, 实有编制人员 (people, not posts), schools' 教职工, 共有工作人员,
    # 行政编/事业编 without 制; the 参公 share printed in full and 控制编制 are no posts of ours
    (
        "事业编制18名，在职在编16人，聘用人员4人。",
        "budget",  # one kind of post only: also the total
        {("staff.authorized_institution", 18), ("staff.authorized_total", 18), ("staff.actual_total", 16)},
    ),
    ("本单位实有编制人员40人。", "final_accounts", {("staff.actual_total", 40)}),
    ("年末教职工57人，退休教职工80人，学生620人。", "final_accounts", {("staff.actual_total", 57)}),
    (
        "核定人员编制33人，实际正式教职工31人。",
        "final_accounts",
        {("staff.authorized_total", 33), ("staff.actual_total", 31)},
    ),
    ("中心共有工作人员22人。", "final_accounts", {("staff.actual_total", 22)}),
    (
        "总编制为60个，其中行政编11个、全额事业编40个。",
        "self_eval_department",
        {("staff.authorized_total", 60), ("staff.authorized_admin", 11), ("staff.authorized_institution", 40)},
    ),
    (
        "现有人员编制90人，其中参照公务员管理事业编制52人，事业编制38人。另有事业控制编制9人。",
        "budget",
        {("staff.authorized_total", 90), ("staff.authorized_institution", 38)},
    ),
    # a printed zero as `…费用没有，…`, but not `没有超过`; `比上年累计支出X万元减少…`: X is last year's amount
    (
        "因公出国（境）费用没有，原因是未安排出访；公务接待费6.20万元，比上年累计支出7.00万元下降0.80万元。",
        "final_accounts",
        {("sangong.outbound", 0.0), ("sangong.reception", 62000.0), ("sangong.reception", DEPT, 2022, 70000.0)},
    ),
    # a bracketed aside between an item's counts: the number after it is the outer item's again
    (
        "国内公务接待共12批次（其中外事接待3批次），96人次。",
        "final_accounts",
        {
            ("sangong.reception_batches", 12),
            ("sangong.reception_foreign_batches", 3),
            ("sangong.reception_persons", 96),
        },
    ),
    # the Jiangxi 人员情况 template: labels ending in 人数; the 参公, 差额 and 自收自支 shares are no figure of
    # ours, nor is the 全部补助 share beside a 自收自支 share that is not 0 (one funding share, not all the posts)
    (
        "编制人数25，其中：行政编制人数10、参照公务员管理的事业编制人数0、全部补助事业编制人数15、差额补助事业编制人数0、"
        "自收自支编制人数6人。实有人数28，其中：行政在职人数9、全部补助事业在职人数13、自收自支在职人数6。",
        "budget",
        {
            ("staff.authorized_total", 25),
            ("staff.authorized_admin", 10),
            ("staff.actual_total", 28),
            ("staff.actual_admin", 9),
        },
    ),
    # a section listing function classes: each class's 基本支出/项目支出 split is not the department's
    (
        "五、一般公共预算支出情况说明\n2023年一般公共预算拨款支出80.00万元，其中：基本支出70.00万元，项目支出10.00万元。\n"
        "（一）一般公共预算支出按支出功能分类科目划分。\n行政运行60.00万元，其中：基本支出60.00万元，项目支出0万元。\n"
        "其他一般公共服务支出20.00万元，其中：基本支出10.00万元，项目支出10.00万元。\n"
        "（二）按支出结构分类划分。\n1.基本支出预算70.00万元。",
        "budget",
        {("budget.initial_basic", 700000.0), ("budget.initial_project", 100000.0)},
    ),
    # a flattened table with a 行次 column: the row number between a label and its amount is no figure
    (
        "收入支出决算总表 金额单位:万元 项目 行次 金额 一一般公共预算财政拨款收入 1 512.30 一一般公共服务支出 32 0.00 "
        "五事业收入 5 20.10 五教育支出 36 498.00 八其他收入 8 6.45 九卫生健康支出 40 12.20",
        "final_accounts",
        {("revenue.fiscal_appropriation", 5123000.0), ("revenue.other", 64500.0)},
    ),
    # a 参公 unit's whole establishment; retired staff with a bracketed qualifier are no staff
    (
        "中心核定全额拨款参公事业编制15人，其中参公编制人数13人；在职实有14人。退休(财政供养)实有人数3人。",
        "budget",
        {("staff.authorized_total", 15), ("staff.actual_total", 14)},
    ),
    # an economic class that says it is a share of the projects' money is no part of the basic expenditure
    (
        "2. 项目支出 50000 元。其中:\n工资福利支出 12000 元,占项目支出预算 24%。"
        "商品和服务支出 38000 元,占项目支出预算 76%。",
        "budget",
        {("budget.initial_project", 50000.0)},
    ),
    # hospitals: 在职职工, 财政补助收入; a 基本支出 that says it is a share of the fiscal appropriation is that
    # part only
    (
        "我院在职职工编制数300人，年末在职职工280人，离退休职工90人。",
        "final_accounts",
        {("staff.authorized_total", 300), ("staff.actual_total", 280)},
    ),
    (
        "2023年总收入5200.00万元，其中：财政补助收入1800.00万元，其他收入60.00万元。",
        "final_accounts",
        {("revenue.total", 52000000.0), ("revenue.fiscal_appropriation", 18000000.0), ("revenue.other", 600000.0)},
    ),
    (
        "1.基本支出1200.00万元，占一般公共预算财政拨款总支出的80%；2.项目支出300.00万元，占一般公共预算财政拨款总支出的20%。",
        "final_accounts",
        set(),
    ),
    # `财政预算拨款` names the fund, not the budget stage
    (
        "2023年本部门财政预算拨款“三公”经费支出合计12万元，其中公务接待费2万元。",
        "final_accounts",
        {("sangong.total", 120000.0), ("sangong.reception", 20000.0)},
    ),
    # budget and account totals: 收支总预算, 收入总预算, 本单位收入为 / 本单位支出为
    ("本局2023年收支总预算2,310.40万元。", "budget", {("budget.initial_total", 23104000.0)}),
    ("2023年收入总预算156.2万元，同比增加3.1万元。", "budget", {("budget.initial_total", 1562000.0)}),
    ("2023年财政拨款收支总预算630.00万元。", "budget", set()),
    (
        "2023年度，本单位收入为412.50万元；本单位支出为420.10万元。",
        "final_accounts",
        {("revenue.total", 4125000.0), ("expenditure.total", 4201000.0)},
    ),
    (
        "2023年度，示例镇卫生院收入为412.50万元。2023年度，示例镇卫生院支出为420.10万元。其中：基本支出300.10万元。",
        "final_accounts",
        {("revenue.total", 4125000.0), ("expenditure.total", 4201000.0), ("expenditure.basic", 3001000.0)},
    ),
    # 三公 totals: a quote mark after 经费, 总计, 决算为, 共计支出, a lost opening quote
    ("实际支出“三公经费”决算为21.40万元。", "final_accounts", {("sangong.total", 214000.0)}),
    ("三公经费总计9.87万元。", "final_accounts", {("sangong.total", 98700.0)}),
    ("“三公”经费共计支出12.30万元。", "final_accounts", {("sangong.total", 123000.0)}),
    ("三公”经费支出合计6.54万元。", "final_accounts", {("sangong.total", 65400.0)}),
    ("「三公」经费支出6.54万元。", "final_accounts", {("sangong.total", 65400.0)}),
    # vehicles: 公务车购置, 公务用车运行费用, one combined 购置及运行维护费 in a sentence about vehicles
    (
        "公务车购置0万元，公务用车运行费用4.20万元。",
        "final_accounts",
        {("sangong.vehicle_purchase", 0.0), ("sangong.vehicle_operation", 42000.0)},
    ),
    (
        "公务用车保有量2辆，购置及运行维护费5.20万元。",
        "final_accounts",
        {("sangong.vehicles_held", 2), ("sangong.vehicle", 52000.0)},
    ),
    ("单位购置及运行维护费5.20万元。", "final_accounts", set()),
    # 接待 … 批次 … 人 with words between, in a sentence about 公务接待
    (
        "公务接待费3.00万元，接待来访人员28批次，约310人。",
        "final_accounts",
        {("sangong.reception", 30000.0), ("sangong.reception_batches", 28), ("sangong.reception_persons", 310)},
    ),
    ("全年接待来访群众120人次。", "final_accounts", set()),
    # a statement of zero about a count is a count
    (
        "无因公出国(境)人数，公务用车保有量为2辆。",
        "final_accounts",
        {("sangong.outbound_persons", 0), ("sangong.vehicles_held", 2)},
    ),
    # the fiscal-appropriation table's totals are not the department's
    ("财政拨款收入总计480万元，财政拨款支出总计480万元。", "final_accounts", set()),
    # each clause binds its own year
    (
        "公务接待费2023年为3.8万元，2022年为4.5万元。",
        "final_accounts",
        {("sangong.reception", 38000.0), ("sangong.reception", DEPT, 2022, 45000.0)},
    ),
    # counts: before their noun, a fleet 保有的 N 辆, a count in a sentence about one item
    (
        "本局因公出国（境）0个团组，因公出国（境）0人次。",
        "final_accounts",
        {("sangong.outbound_groups", 0), ("sangong.outbound_persons", 0)},
    ),
    (
        "公务用车运行维护费9.12万元，用于年末保有的5辆执法执勤用车。",
        "final_accounts",
        {("sangong.vehicle_operation", 91200.0), ("sangong.vehicles_held", 5)},
    ),
    (
        "因公出国（境）支出3.20万元，主要是赴境外开展文化交流，全年累计1个批次、出国累计4人次。",
        "final_accounts",
        {("sangong.outbound", 32000.0), ("sangong.outbound_groups", 1), ("sangong.outbound_persons", 4)},
    ),
    (
        "公务接待费3.00万元，主要用于接待上级检查，服务群众4,100人次。",
        "final_accounts",
        {("sangong.reception", 30000.0)},
    ),
    # 公车运行及维护 is the operation; （“三公”经费）, 开支, （决算数）
    (
        "公车购置安排12.60万元；公车运行及维护10.35万元。",
        "final_accounts",
        {("sangong.vehicle_purchase", 126000.0), ("sangong.vehicle_operation", 103500.0)},
    ),
    (
        "因公出国（境）经费、公务接待费（“三公”经费）决算总额42.75万元。",
        "final_accounts",
        {("sangong.total", 427500.0)},
    ),
    ("我院2022年三公经费开支38.47万元。", "final_accounts", {("sangong.total", DEPT, 2022, 384700.0)}),
    ("2022年“三公”经费实际支出（决算数）8.37万元。", "final_accounts", {("sangong.total", DEPT, 2022, 83700.0)}),
    # a previous-year amount is that year's figure; a comparison's stage word is not the sentence's
    (
        "基本支出986.35万元，上年为921.47万元。",
        "final_accounts",
        {("expenditure.basic", 9863500.0), ("expenditure.basic", DEPT, 2022, 9214700.0)},
    ),
    (
        "2023年“三公”经费预算12.50万元，比2022年执行数11.86万元增加0.64万元，其中公务接待费4.50万元。",
        "budget",
        {("sangong.total", DEPT, 2022, 118600.0)},
    ),
    # a fund scope before a line makes it that fund's part
    ("一般公共预算财政拨款基本支出846.35万元。", "final_accounts", set()),
    ("一般公共预算财政拨款支出年初预算为1,180.00万元，支出决算为1,225.36万元。", "final_accounts", set()),
    # a total that is all one item; every item named in a statement of zero; projects listed in brackets
    (
        "2022年度“三公”经费支出3.92万元，均为公务接待费。",
        "final_accounts",
        {("sangong.total", DEPT, 2022, 39200.0), ("sangong.reception", DEPT, 2022, 39200.0)},
    ),
    (
        "未发生因公出国（境）、公务用车购置及运行和公务接待支出。",
        "final_accounts",
        {("sangong.outbound", 0.0), ("sangong.vehicle", 0.0), ("sangong.reception", 0.0)},
    ),
    (
        "项目支出174.30万元（人大代表履职经费96.00万元、常委会会议及视察调研经费78.30万元）。",
        "budget",
        {
            ("budget.initial_project", 1743000.0),
            ("budget.initial_project", "人大代表履职经费", 2023, 960000.0),
            ("budget.initial_project", "常委会会议及视察调研经费", 2023, 783000.0),
        },
    ),
    # a year inside brackets binds nothing; a sum of two items is neither's
    (
        "年初预算收入985万元（含2022年结转50万元），全年收入总计1,020万元。",
        "final_accounts",
        {("budget.initial_total", 9850000.0), ("revenue.total", 10200000.0)},
    ),
    (
        "会议费支出1.2万元，培训费支出0.8万元，合计2万元。",
        "final_accounts",
        {("meeting_fee", 12000.0), ("training_fee", 8000.0)},
    ),
    # a department's 全年执行数 is its spending; a stray comma after a PDF line break
    (
        "全年预算数为1,226.35万元，全年执行数为1,201.84万元。",
        "self_eval_department",
        {("budget.adjusted_total", 12263500.0), ("expenditure.total", 12018400.0)},
    ),
    (
        "全年因公出国（境）团组共计\n,0 个，累计 0 人次。",
        "final_accounts",
        {("sangong.outbound_groups", 0), ("sangong.outbound_persons", 0)},
    ),
    (
        "部门预算总金额803.74万元，其中：基本支出757.49万元。",
        "self_eval_department",
        {("budget.initial_total", 8037400.0), ("budget.initial_basic", 7574900.0)},
    ),
    ("财政预算项目资金16万元，支付16万元。", "self_eval_project", {("projects.spent", 160000.0)}),
    # a score or an indicator's value after a project's money is no project of a list
    (
        "项目支出50万元，其中：道路养护经费30万元，实际完成值为20万元。",
        "final_accounts",
        {("expenditure.project", 500000.0), ("projects.spent", "道路养护经费", 2023, 300000.0)},
    ),
    (
        "本项目安排资金10万元，其中：项目立项6分，资金管理9分，总得分90，(二)完成情况1.产出目标完成情况。",
        "self_eval_project",
        {("budget.initial_project", 100000.0)},
    ),
    (
        "在职在编人员25人，包括：事业在职在编25人。",
        "budget",
        {("staff.actual_total", 25), ("staff.actual_institution", 25)},
    ),
    # a spending budget beside a revenue budget of another amount is no total; alone it is
    ("2023年收入预算3814.61万元。2023年支出预算3380.61万元。", "budget", {("budget.initial_total", 38146100.0)}),
    (
        "2023年支出预算286.40万元，其中：基本支出200.00万元。",
        "budget",
        {("budget.initial_total", 2864000.0), ("budget.initial_basic", 2000000.0)},
    ),
    ("6、其他工资福利支出374640元", "budget", set()),  # one line of the personnel spending
    (
        "机关行政编制8名,在编7人。",
        "final_accounts",
        {("staff.authorized_total", 8), ("staff.authorized_admin", 8), ("staff.actual_admin", 7)},
    ),
    (
        "在职在编行政人员4人,参公1人,机关工勤1人,全额拨款事业单位人员2人。",
        "final_accounts",
        {("staff.actual_admin", 4), ("staff.actual_institution", 2)},
    ),
    ("2023年度部门整体支出1286.40万元。", "self_eval_department", {("expenditure.total", 12864000.0)}),
    (
        "实际财政供养人员87人,其中在职57人,离休0人,退休30人。",
        "budget",
        {("staff.actual_total", 87)},
    ),  # everyone paid, retirees too (the serving part is no second head count)
    ("部门专项项目预算74000.00元(明细项目见附表)。", "budget", {("budget.initial_project", 74000.0)}),
    ("项目支出900元(基本建设类项目300元,行政事业类项目600元)。", "budget", {("budget.initial_project", 900.0)}),
    (
        "2023年部门预算收入总数8105563元,较2022年部门预算收入总数8014212元增长1.13%。",
        "budget",
        {("budget.initial_total", 8105563.0), ("budget.initial_total", DEPT, 2022, 8014212.0)},
    ),
    (
        "全年应执行数为7.79万元,实际执行率为100%。",
        "self_eval_project",
        {("budget.adjusted_total", 77900.0), ("projects.execution_rate_pct", 100.0)},
    ),
    (
        "2023年收到财政资金共2330.9万元。2023年支出2310.4万元。",
        "self_eval_project",
        {("projects.received", 23309000.0), ("projects.spent", 23104000.0)},
    ),
    (
        "2023年收入5000000元,支出5100000.50元。",
        "final_accounts",
        {("revenue.total", 5000000.0), ("expenditure.total", 5100000.5)},
    ),
    (
        "行政编制0人,实有人数0人;事业编制35人,实有人数30人;聘用人员1人。",
        "budget",
        {
            ("staff.authorized_admin", 0),
            ("staff.actual_admin", 0),
            ("staff.authorized_institution", 35),
            ("staff.actual_institution", 30),
        },
    ),  # each kind's posts paired with its staff
    (
        "年末实有人数70人,其中行政编(含参公)25人、事业编15人,扶持岗20人。",
        "budget",
        {("staff.actual_total", 70), ("staff.actual_admin", 25), ("staff.actual_institution", 15)},
    ),
    (  # the organ's posts beside its subordinate units', and the staff of each by the same two names
        "2023年机关岗位编制4个;下属事业单位编制9个。实有人数机关4人,下属事业单位8人。",
        "budget",
        {
            ("staff.authorized_admin", 4),
            ("staff.authorized_institution", 9),
            ("staff.actual_admin", 4),
            ("staff.actual_institution", 8),
        },
    ),
    # a bare 机关编制 is the whole establishment; `其中机关25名` is the head office's share of one kind
    (
        "镇政府机关编制40人,其中:行政编制18人,事业编制22人。",
        "budget",
        {("staff.authorized_total", 40), ("staff.authorized_admin", 18), ("staff.authorized_institution", 22)},
    ),
    (
        "中心事业编制30名,其中机关12名,下设三个站。",
        "budget",
        {("staff.authorized_institution", 30), ("staff.authorized_total", 30)},  # its only kind of posts
    ),
    (  # `2022年度相比` (the 与 lost) binds no year: the breakdown after it, its sentence end lost too, is this year's
        "2023年度收入合计500.00万元,2022年度相比,减少20.00万元,下降3.8%主要原因是经费减少其中:财政拨款收入480.00万元。",
        "final_accounts",
        {("revenue.total", 5000000.0), ("revenue.fiscal_appropriation", 4800000.0)},
    ),
    (  # the sources listed after a budget's revenue total are no projects
        "2023年单位预算收入总额为320.50万元,其中:当年财政拨款300.50万元,上级补助0万元,附属单位上缴20万元。",
        "budget",
        {("budget.initial_total", 3205000.0)},
    ),
    (  # a unit in brackets after the wording is the amount's, whatever the page's other amounts are in
        "年初预算收入合计248.60万元。基本支出(元):1900000;项目支出(元):586000。",
        "budget",
        {
            ("budget.initial_total", 2486000.0),
            ("budget.initial_basic", 1900000.0),
            ("budget.initial_project", 586000.0),
        },
    ),
    ("2023年部门预算收入总计(单位:元)3,456,789.00。", "budget", {("budget.initial_total", 3456789.0)}),
    (  # a unit the paragraph declares before its list, on a page whose other amounts are in 万元
        "本年收入合计123.45万元。\n“三公”经费支出(元):公务接待费12,345.00;公务用车运行维护费23,456.00。",
        "final_accounts",
        {("revenue.total", 1234500.0), ("sangong.reception", 12345.0), ("sangong.vehicle_operation", 23456.0)},
    ),
    # a sentence opened by the appropriation's total speaks of the appropriation: its 支出总计 too
    ("2023年度财政拨款收入总计520.30万元,支出总计520.30万元。", "final_accounts", set()),
    (  # a line opened by one function class: its appropriation is that class's, no revenue of the department
        "2023年部门预算收入749.64万元。\n1文化旅游体育与传媒支出:财政拨款622.17万元,比2022年预算数增加12.00万元。",
        "budget",
        {("budget.initial_total", 7496400.0)},
    ),
    (  # `“三公”年初预算` (no 经费) and `因公出国境费` (brackets lost) are 三公 budgets: no figures of a 决算
        "2023年“三公”年初预算为8万元,其中公务接待费年初预算8万元,因公出国境费年初预算0万元。"
        "2023年“三公”经费决算支出6.89万元。",
        "final_accounts",
        {("sangong.total", 68900.0)},
    ),
    (  # the year's start beside its end; one school level's staff in a list
        "我校年初在职职工 120 人,期间调入 6 人,调出 2 人,年末在职职工 124 人。",
        "final_accounts",
        {("staff.actual_total", 124)},
    ),
    ("2023年初在职人数为86人,退休人数为20人。", "final_accounts", {("staff.actual_total", 86)}),  # the only count
    ("年末实有在编人数为学前教职工3人,小学教职工96人,初中教职工51人。", "final_accounts", set()),
    ("示例县实验小学教职工51人。", "final_accounts", {("staff.actual_total", 51)}),  # a school named so
    (  # a `单位：元` line over label lines (a table flattened without bars), on a page whose prose is in 万元
        "本年收入合计123.45万元。\n二、“三公”经费支出情况\n单位：元\n公务接待费：12,345.00\n公务用车运行维护费：23,456.00",
        "final_accounts",
        {("revenue.total", 1234500.0), ("sangong.reception", 12345.0), ("sangong.vehicle_operation", 23456.0)},
    ),
    (  # a section heading ends its reach
        "本年收入合计123.45万元。\n单位：元\n公务接待费：12,345.00\n三、其他说明\n会议费2.50",
        "final_accounts",
        {("sangong.reception", 12345.0), ("revenue.total", 1234500.0), ("meeting_fee", 25000.0)},
    ),
    ("本年收入合计人民币123.45万元。", "final_accounts", {("revenue.total", 1234500.0)}),  # 人民币 before the amount
    (  # a function class item named by its level (`(项)`) before the wording: that item's budget and spending
        "教育支出(类)主要用于直属学校的运行。其中:高等教育(项)年初预算为1,062.30万元,支出决算为1,170.80万元。",
        "final_accounts",
        set(),
    ),
    (  # a currency note in brackets between the 三公 budget and `实际支出`: the actual is the 三公 total's
        "该部2023年「三公经费」预算总额266.89万元(人民币,下同),实际支出260.41万元。其中,因公出国(境)费支出86.15万元。",
        "final_accounts",
        {("sangong.total", 2604100.0), ("sangong.outbound", 861500.0)},
    ),
    (
        "其中公务用车购置费131万元,购置用车6辆,比年初预算数减少469万元。",
        "final_accounts",
        {("sangong.vehicle_purchase", 1310000.0), ("sangong.vehicles_purchased", 6)},
    ),
    (  # a numbered item `收入决算:` before the year's 决算数
        "1、收入决算:2023年决算数318.13万元,其中:公共预算财政拨款收入316.53万元。",
        "final_accounts",
        {("revenue.total", 3181300.0), ("revenue.fiscal_appropriation", 3165300.0)},
    ),
    (  # posts counted before their kind; a subordinate unit's internal posts are none of the unit's
        "核定7名事业编制。事业单位某科技馆,核定内部编制5个。",
        "final_accounts",
        {("staff.authorized_institution", 7), ("staff.authorized_total", 7)},
    ),
    (  # a court's whole establishment of one kind; `目前实有` staff; a 行政政法 establishment is administrative posts
        "某县人民法院现有政法专项编制96人,实有人员82人。",
        "budget",
        {("staff.authorized_total", 96), ("staff.actual_total", 82)},
    ),
    (
        "某县人民法院行政政法编制106名,工勤编制3人。目前实有164人,其中:在职行政人员103名,临时工57人。",
        "budget",
        {("staff.authorized_admin", 106), ("staff.actual_total", 164), ("staff.actual_admin", 103)},
    ),
    (  # listed as one kind among others, 政法专项 posts are no whole establishment
        "我局由县编办核定政法专项编制186人、行政工勤编制9人。",
        "budget",
        set(),
    ),
    # items the schema does not keep: their stage word is no budget total
    ("2018年机关运行经费预算安排143800元，政府采购预算安排7980元，用于办公设备。", "budget", set()),
    # staff: a unit's 员工 (not its hired ones), 在岗正式职工
    ("本社员工51名。", "budget", {("staff.actual_total", 51)}),
    ("单位有聘用员工12人。", "budget", set()),
    (
        "核定编制38人。在岗正式职工59人，退休职工21人。",
        "budget",
        {("staff.authorized_total", 38), ("staff.actual_total", 59)},
    ),
    # a society's, Red Cross's or charity's accounts
    ("2023年，本会实现财务收入120.50万元。", "other", {("revenue.total", 1205000.0)}),
    ("本年度本会政府拨款收入80.20万元。", "other", {("revenue.fiscal_appropriation", 802000.0)}),
    ("本年度其它收入6.30万元。", "other", {("revenue.other", 63000.0)}),
    ("3.其他收入支出5.10万元，占总支出的4.2%。", "other", set()),
    ("2023年度，本会财务支出共计98.70万元。", "other", {("expenditure.total", 987000.0)}),
    (
        "全年慈善资金收入312.00万元，慈善资金支出298.40万元。",
        "other",
        {("revenue.total", 3120000.0), ("expenditure.total", 2984000.0)},
    ),
    ("协会合并支出812.30万元。", "other", {("expenditure.total", 8123000.0)}),
    # older 决算 wordings: totals named 收入决算总额 / 支出决算, the carry-over as 上年结转收入
    (
        "2023年某站收入决算总额为640.20万元，上年结转收入35.10万元。2023年度支出决算598.75万元。",
        "final_accounts",
        {
            ("revenue.total", 6402000.0),
            ("revenue.carryover", 351000.0),
            ("expenditure.total", 5987500.0),
        },
    ),
    (
        "我局2023年收入决算总额512万元，支出决算总额498万元。",
        "final_accounts",
        {("revenue.total", 5120000.0), ("expenditure.total", 4980000.0)},
    ),
    ("2023年度基本支出决算总额为410万元。", "final_accounts", {("expenditure.basic", 4100000.0)}),
    ("2023年底共有职工47人。", "final_accounts", {("staff.actual_total", 47)}),
    # `机关事业编制` listed after another kind of post is the institution posts; alone it is the whole establishment
    (
        "核定编制总数36人(其中行政编制27人、机关事业编制9人)。",
        "final_accounts",
        {("staff.authorized_total", 36), ("staff.authorized_admin", 27), ("staff.authorized_institution", 9)},
    ),
    ("核定机关事业编制14名。", "final_accounts", {("staff.authorized_total", 14)}),
    # on a 部门预算 page the lines and totals are the budget's
    (
        "收入总计500万元，基本支出300万元，项目支出200万元。",
        "budget",
        {
            ("budget.initial_total", 5000000.0),
            ("budget.initial_basic", 3000000.0),
            ("budget.initial_project", 2000000.0),
        },
    ),
    # a number without a unit after a counting wording is a count (a count table pasted as text)
    (
        "因公出国(境)团组数2，因公出国(境)人次6，公务用车购置数1，公务用车保有量9，国内公务接待批次30。",
        "final_accounts",
        {
            ("sangong.outbound_groups", 2),
            ("sangong.outbound_persons", 6),
            ("sangong.vehicles_purchased", 1),
            ("sangong.vehicles_held", 9),
            ("sangong.reception_batches", 30),
        },
    ),
    # on a budget page a zero stated beside a compared 决算 is the budget's (none of ours); a 决算's own zero counts
    (
        "“三公”经费预算12.4万元，其中因公出国(境)经费0元，较2017年决算一致，原因为无因公出国人员。2017年决算中无因公出国人员。",
        "budget",
        {("sangong.outbound_persons", DEPT, 2017, 0)},
    ),
    (
        "基本支出预算650万元，其中：工资和福利支出560万元，商品和服务支出90万元。",
        "budget",
        {
            ("budget.initial_basic", 6500000.0),
            ("budget.initial_basic_personnel", 5600000.0),
            ("budget.initial_basic_goods_services", 900000.0),
        },
    ),
    # one kind of posts named twice is still the only kind: the unit's whole establishment
    (
        "核定事业编制253人，在职在编人员250人，全部为事业编制。",
        "final_accounts",
        {("staff.authorized_institution", 253), ("staff.authorized_total", 253), ("staff.actual_total", 250)},
    ),
    # a Hubei self-evaluation's execution-rate line: the full-year budget and what of it was spent
    (
        "1.执行率情况。\n示例部门2023年预算数1,205.30万元,执行数1180.25万元,执行率为97.92%。",
        "self_eval_department",
        {("budget.adjusted_total", 12053000.0), ("expenditure.total", 11802500.0)},
    ),
    ("2023年项目预算数为50万元，执行数为0万元。", "budget", set()),  # a budget page's project line, no rate
    (  # Yunnan's execution-rate line: the project's money in all, what of it was paid out, the rate
        "1.执行率情况。\n该项目财政资金总额9.60万元,拨付使用9.60万元,预算执行率100%。",
        "self_eval_project",
        {("budget.adjusted_total", 96000.0), ("projects.spent", 96000.0), ("projects.execution_rate_pct", 100.0)},
    ),
    # a change of a qualified item (`增加了专项项目支出…`), a function class cut short: no figures
    ("收入比上年增加了42.6万元,主要是增加了专项项目支出42.6万元。", "budget", set()),
    (
        "2023年年初预算数280.50万元,其中,基本支出66.20万元(社会保障和就业支出21.40万元,医疗卫生与计划生育支5.3万元)。",
        "budget",
        {("budget.initial_total", 2805000.0), ("budget.initial_basic", 662000.0)},
    ),
    # a page counter's label with no number of its own names none of the next line's (`浏览次数:` ⏎ `项目…`)
    (
        "浏览次数:\n项目全年预算数为260万元,执行数为251万元。",
        "self_eval_project",
        {("budget.adjusted_total", 2600000.0), ("projects.spent", 2510000.0)},
    ),
    # a year and month run together (`202212月末`) is no count; a whole city's fiscal totals are none of ours
    (
        "核定编制15人,202312月末在编在职人员12人。",
        "final_accounts",
        {("staff.authorized_total", 15), ("staff.actual_total", 12)},
    ),
    ("连同上级补助,全市收入总计956.3亿元,全市支出总计812.7亿元。", "final_accounts", set()),
    # another item's running cost in a sentence that also speaks of a 用车费: no car's
    ("其中公共书屋运行经费4万元，文化工作用车费1万元。", "final_accounts", set()),
    ("截至年底项目实际支出89+82万元。", "self_eval_project", set()),  # the terms of a sum (an OCR's 89.82): none
    ("2023年预算指标312.60万元,和上年相比增加18.20万元。", "budget", {("budget.initial_total", 3126000.0)}),
    # people by kind of posts, the 实有 of the first kind going on to the next
    (
        "截至年末我所实有行政编制30人,事业编制4人,另有退休人员9人。",
        "final_accounts",
        {("staff.actual_admin", 30), ("staff.actual_institution", 4)},
    ),
    # a label before the only kind (`编制数:`) names no other kind
    ("1.编制数:事业编制9人", "final_accounts", {("staff.authorized_institution", 9), ("staff.authorized_total", 9)}),
    # cars held, counted in 台 too; a machine's 台 is no car; a year after the count binds none of it
    ("现有车辆2台，购置电脑12台。", "budget", {("sangong.vehicles_held", 2)}),
    ("机关编制内公务用车3辆、2022年底部门资产合计数100万元。", "budget", {("sangong.vehicles_held", 3)}),
    # an older budget's 专项经费 beside 人员经费 and 公用经费 is its projects' money; 商品服务支出 without 和
    (
        "其中人员经费27.2万元，商品服务支出5.29万元；专项经费11.4万元。",
        "budget",
        {
            ("budget.initial_basic_personnel", 272000.0),
            ("budget.initial_basic_goods_services", 52900.0),
            ("budget.initial_project", 114000.0),
        },
    ),
    (
        "事业编制核定数 35 名。全年实际收入1699.12万元，全年实际支出1650.20万元。",
        "self_eval_department",
        {
            ("staff.authorized_institution", 35),
            ("staff.authorized_total", 35),
            ("revenue.total", 16991200.0),
            ("expenditure.total", 16502000.0),
        },
    ),
    # a project's money in a self-evaluation's prose: the budget index it was given, what reached it, what it spent
    (
        "法律顾问经费年初财政下达资金5万元，指标金额是5万元，实际拨付金额是4.8万元，实际支出4.8万元。",
        "self_eval_project",
        {
            ("budget.initial_project", 50000.0),
            ("projects.received", 48000.0),
            ("projects.spent", 48000.0),
        },
    ),
    # a row of bare numbers no table reader took names none of them (its columns are unknown); a sentence still does
    (
        "(2) 基本支出 100.54 58.07 158.61 158.45 99.9 0.16 0.1\n本年基本支出158.45万元。",
        "self_eval_department",
        {("expenditure.basic", 1584500.0)},
    ),
    # a court's kinds of posts listed together, and the same kinds in brackets after its head count (staff per kind)
    (
        "全院政法编制60人,行政事业编制7人。年末实有在职人员63人(政法编制56人,行政事业编制7人)。",
        "final_accounts",
        {
            ("staff.authorized_admin", 60),
            ("staff.authorized_institution", 7),
            ("staff.actual_total", 63),
            ("staff.actual_admin", 56),
            ("staff.actual_institution", 7),
        },
    ),
    (
        "全院行政编制60人,机关事业编制7人。",
        "final_accounts",
        {("staff.authorized_admin", 60), ("staff.authorized_institution", 7)},
    ),
    # a project's 预算经费; a bare `2.资金:` item heading names no project called 资金
    (
        "2.资金:示例路网项目预算经费为3483万元,支付3483万元。",
        "self_eval_project",
        {("budget.initial_project", 34830000.0), ("projects.spent", 34830000.0)},
    ),
    # money allotted and said to have arrived reached the project; a numbered project item right after a run-in
    # section heading names the project
    (
        "(一)项目资金安排落实情况:1、档案管理项目资金:县财政安排30万元在当年都按时到位;2、档案馆建设项目资金:县财政安排"
        "427.36万元,于当年全部到位。",
        "self_eval_project",
        {("projects.received", "档案管理", 2023, 300000.0), ("projects.received", "档案馆建设", 2023, 4273600.0)},
    ),
    # a head count that includes the retired is the figure, its serving part after 其中 no second one
    ("年末人数77人，其中在职人员62人，退休人员15人。", "final_accounts", {("staff.actual_total", 77)}),
    ("我场现有职工总人数79人，其中在职职工40人，退休职工39人。", "final_accounts", {("staff.actual_total", 79)}),
    (
        "年末决算中收入总数为965.73万元，支出总数为901.23万元。人员支出占本期支出总数的比例为80%。",
        "final_accounts",
        {("revenue.total", 9657300.0), ("expenditure.total", 9012300.0)},
    ),
    (
        "村村通维护经费项目资金预算140.11万元，到位140.11万元，实际支出140.11万元。",
        "self_eval_project",
        {
            ("budget.initial_project", "村村通维护经费", 2023, 1401100.0),
            ("projects.received", "村村通维护经费", 2023, 1401100.0),
            ("projects.spent", "村村通维护经费", 2023, 1401100.0),
        },
    ),
    (
        "本年年初预算收入612.30万元，收入决算数为688.15万元；本年决算支出702.46万元，上年决算支出655.20万元。",
        "self_eval_department",
        {
            ("budget.initial_total", 6123000.0),
            ("revenue.total", 6881500.0),
            ("expenditure.total", 7024600.0),
            ("expenditure.total", DEPT, 2022, 6552000.0),
        },
    ),
    # the general budget's appropriation beside the fund budget's, after a semicolon: a part, not the appropriation
    (
        "2020年本年收入合计500万元，其中：一般公共预算财政拨款收入300万元，占60%；政府性基金预算财政拨款120万元，占24%。",
        "final_accounts",
        {("revenue.total", DEPT, 2020, 5000000.0)},
    ),
    # a period and a zero word before 项目支出 name no project (`本年无` is none): the department's zero
    ("本年无项目支出预算。", "budget", {("budget.initial_project", 0.0)}),
    # `用…财政拨款开支的` defines the 三公 items, no stage: on a 部门预算 page the total is the budget's (no figure)
    ("2024年用一般公共预算财政拨款开支的“三公”经费支出合计31.20万元。", "budget", set()),
    (
        "2023年用一般公共预算财政拨款开支的“三公”经费支出合计27.85万元。",
        "final_accounts",
        {("sangong.total", 278500.0)},
    ),
    (
        "单位年初预算支出530.40万元，支出决算数为566.12万元。",
        "self_eval_department",
        {("budget.initial_total", 5304000.0), ("expenditure.total", 5661200.0)},
    ),
    (
        "驻外人员住房补助经费项目经费预算96万元，全年实际支出数为88.4万元。",
        "self_eval_project",
        {
            ("budget.initial_project", "驻外人员住房补助经费", 2023, 960000.0),
            ("projects.spent", "驻外人员住房补助经费", 2023, 884000.0),
        },
    ),
    (
        "部门预算经费总预算188.61万元，按经济分类：基本支出142.66万元，项目支出45.95万元。",
        "budget",
        {
            ("budget.initial_total", 1886100.0),
            ("budget.initial_basic", 1426600.0),
            ("budget.initial_project", 459500.0),
        },
    ),
    # a sentence's project words after an amount's clause do not make that amount a project's
    (
        "年末决算中收入总数为965.73万元，其中财政补助收入为958.94万元，项目资金为82.52万元。",
        "final_accounts",
        {("revenue.total", 9657300.0), ("revenue.fiscal_appropriation", 9589400.0)},
    ),
    # a change verb right before the item's wording: the amount and its 其中 breakdown are changes, no figures
    (
        "公务接待费支出5万元。因机构调整，减少了“三公”经费3万元，其中公务用车运行维护费2万元；另压缩公务接待费1万元。",
        "final_accounts",
        {("sangong.reception", 50000.0)},
    ),
]


@pytest.mark.parametrize("text,report_type,expected", WORDINGS, ids=[case[0][:20] for case in WORDINGS])
def test_each_wording_gives_its_figure(text, report_type, expected):
    assert figures_of(text, report_type) == expected


def test_every_concept_of_the_file_is_known_to_the_metric_rules():
    """A concept added to the yaml without a rule that turns it into a metric would be silently dead."""
    names = {concept.name for concept in CONCEPTS}
    assert names == {entry.name for entry in lexicon().concepts}
    for name in names - {"excluded", "fiscal_total"}:
        contexts = [
            Context(
                unit_class=klass,
                stage=stage,
                project_scope=scope,
                topics=frozenset({"vehicle", "reception"}),
                staff_kind=kind,
            )
            for klass in ("money", "percent", "person", "group", "vehicle")
            for stage in (None, "initial", "adjusted", "final")
            for scope in (False, True)
            for kind in (None, "posts", "people")
        ]
        assert any(resolve(name, context) for context in contexts), name


def test_sections_every_extractor_reads_are_present():
    words = lexicon()
    for section, key in (
        ("stage", "initial"),
        ("stage", "final"),
        ("stage", "adjusted"),
        ("scope", "fiscal"),
        ("scope", "general_budget"),
        ("scope", "government_fund"),
        ("period", "prior"),
        ("region", "foreign"),
        ("zero", "after"),
        ("zero", "before"),
    ):
        assert words.words(section, key), (section, key)
    assert words.money_multipliers["万元"] == 10000 and words.money_multipliers["亿元"] == 100000000
    assert words.words("filler")


def test_a_wording_that_is_not_a_pattern_is_refused(tmp_path: Path):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("concepts:\n  meeting:\n    wordings:\n      - '会议费(?:用'\nfiller: []\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="not a valid pattern"):
        lexicon.__wrapped__(bad)


def test_an_unknown_macro_is_refused(tmp_path: Path):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("concepts:\n  meeting:\n    wordings:\n      - '{NOPE}会议费'\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown macro"):
        lexicon.__wrapped__(bad)


def test_table_and_form_vocabulary_is_in_the_lexicon_file():
    """Column headers, row labels and form anchors are read from the same file as the text wordings: every
    entry of the `columns` and `forms` sections compiles, and each form block names at least one alias."""
    sections = lexicon().sections
    for name in ("skip", "share", "change_row", "row_period", "total", "sangong_total", "fiscal_scope", "project_name"):
        assert sections["columns"][name], name
    for block in ("indicator_columns", "funds_columns", "task_columns", "goal_columns"):
        assert all(aliases for aliases in sections["forms"][block].values()), block


@pytest.mark.parametrize(
    "wording, expanded",
    [
        ("(?:年末)?实有人员", ["年末实有人员", "实有人员"]),
        ("(?:本年|当年)?(?:实际)?到位", ["本年实际到位", "本年到位", "当年实际到位", "当年到位", "实际到位", "到位"]),
        ("(?:全额(?:拨款)?)?事业编制", ["全额(?:拨款)?事业编制", "事业编制"]),
        ("(?:a)*b", ["(?:a)*b"]),
        ("[ab]?c", ["[ab]?c"]),
    ],
)
def test_optional_leads_are_expanded_into_literal_led_alternatives(wording, expanded):
    """The same matches in the same order, each alternative starting with a literal (a fast scan)."""
    assert literal_led(wording) == expanded
    for text in ("年末实有人员", "本年到位", "全额拨款事业编制", "aab", "ac", "实际到位"):
        assert _matched(wording, text) == _matched("|".join(expanded), text)


def _matched(pattern: str, text: str) -> str | None:
    match = re.match(pattern, text)
    return match.group() if match else None


def test_first_characters_of_a_wording():
    assert first_chars("(?:年末)?实有人员") == frozenset("年实")
    assert first_chars("(?<!基金)(?:本年)?财政拨款") == frozenset("本财")
    assert first_chars("[\\u4e00-\\u9fff]{2}局") is None
    assert first_chars("(?<!\\d)\\d{4}年") == frozenset({"\\d"})  # any digit: the digit key


def test_first_character_class_guards_an_alternation_without_changing_its_matches():
    alternation = "(?<!\\d)\\d{1,2}月|第\\s*\\d+号|(?:^|(?<=，))[(（]\\d[)）]"
    assert first_class(alternation) == "[\\(\\d第（]"
    text = "（1）于12月召开，第 3号文件，2023年10月，(2)"
    assert [m.span() for m in re.finditer(guarded(alternation), text, re.M)] == [
        m.span() for m in re.finditer(alternation, text, re.M)
    ]
    assert first_class("a*") is None and first_class(".b") is None and guarded(".b") == ".b"


def test_a_space_may_open_a_guarded_wording():
    """`\\s?收入` can start at a space: the guard's class holds the space category, and its first characters
    the space key, which a text holds when it holds any space (an ideographic one too)."""
    wording = "(?<=[、.])\\s?收入|收入总计"
    assert first_class(wording) == "[\\s收]"
    assert first_chars(wording) == frozenset({"\\s", "收"})
    text = "一、 收入:12万元；二、收入总计"
    assert [m.span() for m in re.finditer(guarded(wording), text)] == [m.span() for m in re.finditer(wording, text)]
    assert {"\\s", "\\d"} <= text_firsts("一、\u3000收入:12万元") and "\\s" not in text_firsts("一、收入:12万元")


def test_a_wording_whose_branches_open_with_literals_is_left_unguarded():
    """The engine already skips by their first characters; a look-ahead in front would hide them from it."""
    assert guarded("项目支出|特定目标类项目") == "项目支出|特定目标类项目"
    assert guarded("(?:本年收入|收入合计)") == "(?:本年收入|收入合计)"
    assert guarded("[本当]年收入") == "[本当]年收入"
    assert guarded("(?<!基金)财政拨款|财政补助") == "(?=[财])(?:(?<!基金)财政拨款|财政补助)"


def test_no_filler_hides_a_longer_one_after_it():
    """Fillers match as a possessive run (the first alternative wins where it starts), so one that matches the start
    of a longer filler listed after it (`数` before `数额`) would hide that one."""
    fillers = lexicon().words("filler")
    for later, longer in enumerate(fillers):
        printed = re.sub(r"\(\?<?[=!][^)]*\)", "", longer)  # its look-arounds dropped
        if not re.fullmatch(r"[\u4e00-\u9fff]+", printed):
            continue
        for shorter in fillers[:later]:
            match = re.match(shorter, printed)
            assert not (match and match.end() < len(printed)), (shorter, longer)
