"""Figures in running text: synthetic wordings of docs/metrics.md's keys (not the gold pages' phrasing).

Each case lists *every* figure the text must yield, so an extra figure (a distractor taken) fails as well.
"""

import importlib.util
import sys
import time
from pathlib import Path

import pytest

from pipelines.body import Body
from pipelines.extract import extract_page
from pipelines.figures import extract_figures
from pipelines.figures.sentences import MAX_SENTENCE

_SPEED = Path(__file__).resolve().parents[1] / "benchmarks" / "extract_speed.py"
_spec = importlib.util.spec_from_file_location("extract_speed_benchmark", _SPEED)
extract_speed = sys.modules.setdefault("extract_speed_benchmark", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(extract_speed)

DEPT = "示例县水务局"


def extract(text: str, report_type: str = "self_eval_department_and_project", fiscal_year: int = 2022) -> dict:
    document = {"department": DEPT, "fiscal_year": fiscal_year, "report_type": report_type, "title": ""}
    return extract_figures(Body(text=text), document)


def found(text: str, **options) -> set[tuple]:
    return {
        (f["metric"], f["value"]) if f["subject"] == DEPT else (f["metric"], f["subject"], f["value"])
        for f in extract(text, **options)["figures"]
    }


CASES = [
    # amounts, units and separators
    ("年初预算收入736.82万元。", {("budget.initial_total", 7368200.0)}),
    ("2022年预算收入93.14万元。", {("budget.initial_total", 931400.0)}),
    ("年初批复预算1,207.4452万元。", {("budget.initial_total", 12074452.0)}),
    ("全年总支出5,903.218476万元。", {("expenditure.total", 59032184.76)}),
    ("本年收入合计1.26亿元。", {("revenue.total", 126000000.0)}),
    ("公务接待费支出6,210.50元。", {("sangong.reception", 6210.5)}),
    ("公务用车运行维护费支出1,508.00元。", {("sangong.vehicle_operation", 1508.0)}),
    ("公务用车运行维护费1, 537.40万元。", {("sangong.vehicle_operation", 15374000.0)}),  # a PDF's space after a comma
    ("2021年“三公”经费总支出为96.50万元。", {("sangong.total", 965000.0)}),
    ("公务接待费方面，2022年决算数为36.42万元，2023年预算数为33.00万元。", {("sangong.reception", 364200.0)}),
    ("因公出国(境)费用方面，2022年决算数为零，2023年未安排预算。", {("sangong.outbound", 0.0)}),
    ("公务接待费支出2.44万元，年初预算为3万元，差值为0.56万元。", {("sangong.reception", 24400.0)}),
    (
        "实有在职人数92人，其中行政编制29人、全额补助事业编制30人、退休人员22人。",
        {("staff.actual_total", 92), ("staff.actual_admin", 29), ("staff.actual_institution", 30)},
    ),
    ("单位编制55人，周转编制11个，现有在职职工62人。", {("staff.authorized_total", 55), ("staff.actual_total", 62)}),
    ("共有行政编制4个，参公事业编制2个。", {("staff.authorized_admin", 4)}),  # more posts than the admin ones
    (
        "编制总数16人，其中管理编制1人，事业编制13人。",
        {("staff.authorized_total", 16), ("staff.authorized_institution", 13)},
    ),
    (
        "车辆购置及运行费决算数为719.05万元，各类车辆存量246辆。",
        {("sangong.vehicle", 7190500.0), ("sangong.vehicles_held", 246)},
    ),
    ("公务用车购置费及运行维护费决算数为100.1万元，完成预算的98.6%。", {("sangong.vehicle", 1001000.0)}),
    (
        "公务用车购置费和运行维护费分别为10万元、20万元。",  # two items, each with its amount
        {("sangong.vehicle_purchase", 100000.0), ("sangong.vehicle_operation", 200000.0)},
    ),
    (
        "财政编制为19人，实际在职17人、退休6人、聘用2人，合计25人。",
        {("staff.authorized_total", 19), ("staff.actual_total", 17)},
    ),
    ("单位编制100人，预算人数77人，内设机构10个。", {("staff.authorized_total", 100)}),
    (
        "2017年度收入、支总计521.99万元，与2016年相比增加74.56万元。",
        {("revenue.total", 5219900.0), ("expenditure.total", 5219900.0)},
    ),
    (
        "本年收入998.00万元，其中财政拨款收入996.00万元，占总收入的99.8",
        {("revenue.total", 9980000.0), ("revenue.fiscal_appropriation", 9960000.0)},
    ),
    (
        "实有人数8人，其中：行政在职人数3人，参照公务员法管理的事业单位在职人数0人，事业单位在职人数5人。",
        {("staff.actual_total", 8), ("staff.actual_admin", 3), ("staff.actual_institution", 5)},
    ),
    ("财政供养人员中行政在职0人，事业在职4人。", {("staff.actual_admin", 0), ("staff.actual_institution", 4)}),
    (
        "2017年度收入决算6,842.50万元，支出决算6,790.10万元。",
        {("revenue.total", 68425000.0), ("expenditure.total", 67901000.0)},
    ),
    ("截至2016年12月31日，本部门共有一般公务用车2辆。", {("sangong.vehicles_held", 2)}),
    (
        "车辆购置费预算为6,975万元，由于资金到位较晚没有执行完：公务接待费支出数772.88万元，预算数773.16万元。",
        {("sangong.reception", 7728800.0)},
    ),
    ("总人数500人，其中，在职正式职工300人、退休职工200人。", {("staff.actual_total", 500)}),
    # the people a programme serves are no staff (`参保总人数`, `受益总人数`)
    ("全县失业保险参保总人数18250人，受益总人数3120人。", set()),
    ("在编人数20人，非在编人数18人。", {("staff.actual_total", 20)}),
    ("现有人员编制(事业编制)8名，在职人员5人。", {("staff.authorized_institution", 8), ("staff.actual_total", 5)}),
    (
        "实有人数小计25人，其中：在职人数小计25人，包括行政编制在职人数0人，事业编制在职人数25人。",
        {("staff.actual_total", 25), ("staff.actual_admin", 0), ("staff.actual_institution", 25)},
    ),
    ("全院总职工数为300人，其中在编80人。", {("staff.actual_total", 300)}),
    ("现有职工31人，其中在编人员22人，县招聘6人，临时工3人。", {("staff.actual_total", 31)}),
    ("编制6名，实有5人，1人退休。", {("staff.authorized_total", 6), ("staff.actual_total", 5)}),  # the count first
    ("现有在职人员10人和1名退休人员。", {("staff.actual_total", 10)}),  # the count before the retired's noun
    (
        "事业编制100人；工勤编制0名；实际100人。",
        {("staff.authorized_institution", 100), ("staff.authorized_total", 100), ("staff.actual_total", 100)},
    ),
    ("以钱养事编制4人。", set()),
    ("现有正式工作人员18人。", {("staff.actual_total", 18)}),
    ("核定事业编制6名(原核定4名、核增2名)。", {("staff.authorized_institution", 6), ("staff.authorized_total", 6)}),
    ("核定编制总人数为7人。", {("staff.authorized_total", 7)}),
    (
        "核定行政编制共34人。在职行政30人。",
        {("staff.authorized_admin", 34), ("staff.authorized_total", 34), ("staff.actual_admin", 30)},
    ),
    ("定编定岗人数为4人。", {("staff.authorized_total", 4)}),
    ("定编人员94人，实有在职人员89人，退休人员21人。", {("staff.authorized_total", 94), ("staff.actual_total", 89)}),
    ("单位现有在职在编职工5人，聘用人员21人。", {("staff.actual_total", 5)}),
    ("截止到2021年末在职244人，其中：政法专项230人、工勤14人；离休1人。", {("staff.actual_total", 244)}),
    ("单位核定编制6人，年初实有10人，年末实有11人。", {("staff.authorized_total", 6), ("staff.actual_total", 11)}),
    ("本单位编制员额60人，实有人数58人。", {("staff.authorized_total", 60), ("staff.actual_total", 58)}),
    ("事业编制总数5人，现已录用4人，实际在编制人数4人。", {("staff.authorized_total", 5), ("staff.actual_total", 4)}),
    ("干部职工10人。其中：在职人员6人，退休人员4人。", {("staff.actual_total", 10), ("staff.actual_total", 6)}),
    ("现有干职工 54 人(其中在职32人，退休22人)。", {("staff.actual_total", 54)}),
    ("2017年度单位资金结转84.44万元，与上年相比减少234.54万元。", {("expenditure.carryover_end", 844400.0)}),
    (
        "本单位编制人数小计33人，其中：行政编制人数0人，全额补助事业编制人数33人。",
        {("staff.authorized_total", 33), ("staff.authorized_admin", 0), ("staff.authorized_institution", 33)},
    ),
    (
        "本年支出120万元。本年结转和结余20万元。",
        {("expenditure.total", 1200000.0), ("expenditure.carryover_end", 200000.0)},
    ),
    (
        "2014年度部门决算收入955.22万元，其中财政拨款收入167.2万元，年初项目支出结转和结余16.5万元。"
        "2014年度部门决算支出955.22万元。",
        {
            ("revenue.total", 9552200.0),
            ("revenue.fiscal_appropriation", 1672000.0),
            ("revenue.carryover", 165000.0),
            ("expenditure.total", 9552200.0),
        },
    ),
    (
        "2015年共收入600万元，共支出500万元。公务接待费共支出1.2万元。",
        {("revenue.total", 6000000.0), ("expenditure.total", 5000000.0), ("sangong.reception", 12000.0)},
    ),
    # the head count with the retired is the figure, its serving part no second one (README: Head counts)
    ("我系统纳入部门预算编制27人。其中：实有在职人员22人，离退休人员5人。", {("staff.actual_total", 27)}),
    (
        "示例站事业编10个，在职8人。",
        {("staff.authorized_institution", 10), ("staff.authorized_total", 10), ("staff.actual_total", 8)},
    ),
    (
        "公务接待费用4万元，接待74批(次)813人。",
        {("sangong.reception", 40000.0), ("sangong.reception_batches", 74), ("sangong.reception_persons", 813)},
    ),
    (
        "实有人数231人，其中：在职219人，离退休12人。纳入统发工资人数219人，其中：在职219人。"
        "非统发工资人数24人，其中：在职24人，离退休0人。",
        {("staff.actual_total", 231)},
    ),
    ("各级单位年末人数50人，其中在职人员33人，退休17人。", {("staff.actual_total", 50)}),
    (
        "行政编制数23个，事业编制数44个(其中经费自理编制数7个)；经费自理人员7人。",
        {("staff.authorized_admin", 23), ("staff.authorized_institution", 44)},
    ),
    (
        "编制人数为6人，其中行政4人，事业2人。实有在职人数5人：行政3人，事业2人。",
        {
            ("staff.authorized_total", 6),
            ("staff.authorized_admin", 4),
            ("staff.authorized_institution", 2),
            ("staff.actual_total", 5),
            ("staff.actual_admin", 3),
            ("staff.actual_institution", 2),
        },
    ),
    ("2017年“三公”经费公共财政拨款支出1360.13万元，比上年减少支出613.80万元。", {("sangong.total", 13601300.0)}),
    ("现有在职职工共33人，其中在编职工17人，临聘人员16人。", {("staff.actual_total", 33)}),
    ("本单位人员合计77人，其中在职37人，离退休40人。", {("staff.actual_total", 77)}),
    (
        "实有人数7人，其中在职7人，包括行政0人、参照公务员管理0人、全额补助7人、部分补助0人、自收自支0人。",
        {("staff.actual_total", 7), ("staff.actual_admin", 0), ("staff.actual_institution", 7)},
    ),
    (
        "编制数为7人，其中行政编制0人、全额补助事业编制7人、部分补助事业编制0人、自收自支事业编制0人。",
        {("staff.authorized_total", 7), ("staff.authorized_admin", 0), ("staff.authorized_institution", 7)},
    ),
    (
        "我镇行政及事业单位编制88名，其中镇机关行政编制34名、全额事业单位编制45名。",
        {("staff.authorized_total", 88), ("staff.authorized_admin", 34), ("staff.authorized_institution", 45)},
    ),
    # kinds of staff listed bare after a count of 职工 (the 参公 share is neither kind of ours)
    ("县交通运输局在职职工90人,参公15人,事业75人。", {("staff.actual_total", 90), ("staff.actual_institution", 75)}),
    # the 参公 share of the staff is neither kind of ours, also spelt out at length
    (
        "在职在编人员91人,包括:行政在职在编人员0人、参公事业在职在编人员0人、全额事业在职在编91人。",
        {("staff.actual_total", 91), ("staff.actual_admin", 0), ("staff.actual_institution", 91)},
    ),
    # each part's kind of posts in brackets after its name
    (
        "核定编制12名,其中机关(行政编制)7名、所属中心(事业编制)5名。",
        {("staff.authorized_total", 12), ("staff.authorized_admin", 7), ("staff.authorized_institution", 5)},
    ),
    # the establishment of organs and institutions together: the whole, no kind
    ("核定区妇联机关事业编制11名,现有在职人员11人。", {("staff.authorized_total", 11), ("staff.actual_total", 11)}),
    (
        "共有编制11名，实有行政编制人员5人，参公事业编制人员6人。",
        {("staff.authorized_total", 11), ("staff.actual_admin", 5)},
    ),
    ("事业单位，在岗编制职工人员为 201 人，退休人员 53 人。", {("staff.actual_total", 201)}),
    ("现有人数18人，其中：在职编制14人；离退休4人。", {("staff.actual_total", 18)}),
    (
        "是政府举办的公益性服务单位,目前规格为正科级单位\n单位编制30人,周转编制2个,现有在职职工31人。",
        {("staff.authorized_total", 30), ("staff.actual_total", 31)},
    ),
    (
        "实有人数小计15人，其中：在职人数小计7人，全部补助事业在职人数7人，退休人数小计8人。",
        {("staff.actual_total", 15), ("staff.actual_institution", 7)},
    ),
    ("一般公务用车编制2台，实有公务用车2辆。", {("sangong.vehicles_held", 2)}),
    ("公务接待费财政拨款预算60.50万元，实际支出52.30万元，比预算减少8.20万元。", {("sangong.reception", 523000.0)}),
    (
        "财政拨款收入为145.36万元，上年结余7.47万元，累计收入152.83万元，本年支出137.26万元，收支结余15.57万元。",
        {
            ("revenue.fiscal_appropriation", 1453600.0),
            ("revenue.carryover", 74700.0),
            ("revenue.total", 1528300.0),
            ("expenditure.total", 1372600.0),
            ("expenditure.carryover_end", 155700.0),
        },
    ),
    ("年初预算经费145.36万元，其中人员经费开支126.18万元。", {("budget.initial_total", 1453600.0)}),
    ("公务用车运行及维护支出7.50万元。", {("sangong.vehicle_operation", 75000.0)}),
    (
        "2022年公务接待费3.46万元，主要用于上级部门工作指导。共37批次、331人次。",
        {("sangong.reception", 34600.0), ("sangong.reception_batches", 37), ("sangong.reception_persons", 331)},
    ),
    ("本局接待来访群众。共120人次。", set()),
    ("2022年无因公出国(境)人员。", {("sangong.outbound_persons", 0)}),
    ("无因公出国(境)团组及人次。", {("sangong.outbound_groups", 0), ("sangong.outbound_persons", 0)}),
    (
        "部门收入5649006.18元，支出5238630.16元，比上年收入增加50.8%。",
        {("revenue.total", 5649006.18), ("expenditure.total", 5238630.16)},
    ),
    ("机关运行经费财政拨款961456.57元。", set()),
    ("在编人数在职教师48人；退休教师21人。", {("staff.actual_total", 48)}),
    ("财政供养实有在职 25 人，其中事业编制 20 人。", {("staff.actual_total", 25), ("staff.actual_institution", 20)}),
    ("实有在职人员700人。其中：事业编制390人。", {("staff.actual_total", 700), ("staff.actual_institution", 390)}),
    ("在编人数26人。现有教职工人员41人。", {("staff.actual_total", 26), ("staff.actual_total", 41)}),
    ("公务接待费2015年财政拨款决算数为624.24万元。", {("sangong.reception", 6242400.0)}),
    ("公务用车(含执勤执法用车)运行支出12.40万元。", {("sangong.vehicle_operation", 124000.0)}),
    ("本单位无公务用车，所以没有公务用车运行维护费。", {("sangong.vehicle_operation", 0.0)}),
    (
        "因公出国(境)费财政拨款预算512.60万元(含随展人员费用180.00万元)，实际支出468.92万元。",
        {("sangong.outbound", 4689200.0)},
    ),
    (
        "公务用车购置及运行费41万元，其中车辆购置支出6万元，车辆运行维护支出35万元。",
        {("sangong.vehicle", 410000.0), ("sangong.vehicle_purchase", 60000.0), ("sangong.vehicle_operation", 350000.0)},
    ),
    ("公务用车运行维护费决算数为 6.72 万元。", {("sangong.vehicle_operation", 67200.0)}),
    ("会议费0.362万元。", {("meeting_fee", 3620.0)}),
    ("公务接待费１，２３４．５０元。", {("sangong.reception", 1234.5)}),
    ("公务接待费1.85 万\n元。", {("sangong.reception", 18500.0)}),
    ("公务接待费3.2萬元。", {("sangong.reception", 32000.0)}),
    # unit from the sentence, from a later sibling
    (
        "年初预算安排500.00万元，其中：基本支出312.40（其中工资福利支出286.15万元，商品和服务支出26.25万元），"
        "项目支出187.60万元。",
        {
            ("budget.initial_total", 5000000.0),
            ("budget.initial_basic", 3124000.0),
            ("budget.initial_basic_personnel", 2861500.0),
            ("budget.initial_basic_goods_services", 262500.0),
            ("budget.initial_project", 1876000.0),
        },
    ),
    # paired and shared values
    ("2022年度收、支总计各是612.30、640.18万元。", {("revenue.total", 6123000.0), ("expenditure.total", 6401800.0)}),
    ("2022年度收、支总计均为845.06万。", {("revenue.total", 8450600.0), ("expenditure.total", 8450600.0)}),
    (
        "本年支出合计300万元，基本支出、项目支出分别为120.50万元、179.50万元。",
        {("expenditure.total", 3000000.0), ("expenditure.basic", 1205000.0), ("expenditure.project", 1795000.0)},
    ),
    ("会议费、培训费均为0。", {("meeting_fee", 0.0), ("training_fee", 0.0)}),
    # printed zeros
    ("本年度无会议费和培训费支出。", {("meeting_fee", 0.0), ("training_fee", 0.0)}),
    ("因公出国（境）费、公务用车购置费均未发生。", {("sangong.outbound", 0.0), ("sangong.vehicle_purchase", 0.0)}),
    ("培训费支出为零。", {("training_fee", 0.0)}),
    # 三公 counts
    ("国内公务接待14批次、93人次。", {("sangong.reception_batches", 14), ("sangong.reception_persons", 93)}),
    (
        "公务接待费1.20万元，接待批次为6个，接待人数211人。",
        {("sangong.reception", 12000.0), ("sangong.reception_batches", 6), ("sangong.reception_persons", 211)},
    ),
    (
        "公务接待费1.20万元，累计2个批次、9人次。",
        {("sangong.reception", 12000.0), ("sangong.reception_batches", 2), ("sangong.reception_persons", 9)},
    ),
    (
        "因公出国（境）费3.10万元，团组1次，出国3人。",
        {("sangong.outbound", 31000.0), ("sangong.outbound_groups", 1), ("sangong.outbound_persons", 3)},
    ),
    ("购置公务用车0辆，年末公务用车保有量3辆。", {("sangong.vehicles_purchased", 0), ("sangong.vehicles_held", 3)}),
    ("共有公务用车5辆，其中一般公务用车4辆、特种专业技术用车1辆。", {("sangong.vehicles_held", 5)}),
    ("外事接待0批次、0人次。", {("sangong.reception_foreign_batches", 0), ("sangong.reception_foreign_persons", 0)}),
    (
        "国（境）外接待费支出0.00元，共安排国（境）外公务接待0批次，接待人次0人。",
        {
            ("sangong.reception_foreign", 0.0),
            ("sangong.reception_foreign_batches", 0),
            ("sangong.reception_foreign_persons", 0),
        },
    ),
    (
        "国内公务接待支出3.20万元，共接待国内团组28个、216人次；外事接待支出0万元，共接待外事团组0个、0人次。",
        {
            ("sangong.reception_domestic", 32000.0),
            ("sangong.reception_batches", 28),
            ("sangong.reception_persons", 216),
            ("sangong.reception_foreign", 0.0),
            ("sangong.reception_foreign_batches", 0),
            ("sangong.reception_foreign_persons", 0),
        },
    ),
    (
        "国内接待310批，共计2466人次；接待外宾27批，共计95人次。",
        {
            ("sangong.reception_batches", 310),
            ("sangong.reception_persons", 2466),
            ("sangong.reception_foreign_batches", 27),
            ("sangong.reception_foreign_persons", 95),
        },
    ),
    (
        "公务接待费3.2万元，接待团组12个，来宾86人次。",
        {("sangong.reception", 32000.0), ("sangong.reception_batches", 12), ("sangong.reception_persons", 86)},
    ),
    (
        "公务用车购置及运行经费1.7亿元，其中购置费0.3亿元、运行经费1.4亿元；机关运行经费0.9亿元。",
        {
            ("sangong.vehicle", 170000000.0),
            ("sangong.vehicle_purchase", 30000000.0),
            ("sangong.vehicle_operation", 140000000.0),
        },
    ),
    (
        "我局“三公”经费公共预算财政拨款支出64.2万元，其中公务接待费12.4万元。",
        {("sangong.total", 642000.0), ("sangong.reception", 124000.0)},
    ),
    # each kind's posts paired with its staff; one kind's posts before the whole staff
    (
        "本部门行政编制0人，实有人数0人；事业编制18人，实际16人。",
        {
            ("staff.authorized_admin", 0),
            ("staff.actual_admin", 0),
            ("staff.authorized_institution", 18),
            ("staff.actual_institution", 16),
        },
    ),
    (
        "行政编制16名，年末实有在职人员15人。",
        {("staff.authorized_admin", 16), ("staff.authorized_total", 16), ("staff.actual_total", 15)},
    ),
    (
        "编制人数小计64人，其中：行政编制人数0人，全部补助事业编制人数64人。",
        {("staff.authorized_total", 64), ("staff.authorized_admin", 0), ("staff.authorized_institution", 64)},
    ),
    (  # the posts' own 其中 list under a count of staff; a 差额 share (`事业编`) is none of ours, nor is the
        # 全部补助 share beside it (one funding share of the institution posts)
        "实有人数 71 人，其中编制人数小计40人，其中：全部补助事业编制人数30人，差额补助事业编10人。",
        {("staff.actual_total", 71), ("staff.authorized_total", 40)},
    ),
    (
        "2016年部门预算拟安排支出3210万元，其中：人员支出1180万元，公用支出76万元，项目支出54万元。",
        {
            ("budget.initial_basic_personnel", 11800000.0),
            ("budget.initial_basic_goods_services", 760000.0),
            ("budget.initial_project", 540000.0),
        },
    ),
    (  # a school's parts: their staff are no figure of the school's
        "本校设初中部、高中部；初中部学生共1210人，教职工81人；高中部学生1102人，教职工96人。全校教职工177人。",
        {("staff.actual_total", 177)},
    ),
    # a self-evaluation form's funds rows flattened into text are a project's money, not the department's revenue
    ("资金情况(万元)全年预算数(A)全年执行数(B)年度资金总额:30 30其中:本年财政拨款30其他资金", set()),
    (
        "示例县农业农村部门，现有职工318人，其中：行政人员21人、事业人员297人。",
        {("staff.actual_total", 318), ("staff.actual_admin", 21), ("staff.actual_institution", 297)},
    ),
    (  # one amount right after 收、支总计 is both totals; a change after 各 is none
        "2019年度收、支总计3,960.51万元，与2018年度相比，收、支总计各增加140.34万元。",
        {("revenue.total", 39605100.0), ("expenditure.total", 39605100.0)},
    ),
    (  # a budget named 年度预算 before the actual of the same item
        "2016年度“三公”经费财政拨款年度预算为6.5万元，支出决算为3.11万元，完成预算的47.85%。",
        {("sangong.total", 31100.0)},
    ),
    (  # `无` lists items joined by 、, not the next clause after a comma
        "因公出国(境)费用支出减少的主要原因是无因公出国(境)，公务用车购置及运行维护费支出减少的主要原因是车辆减少。",
        {("sangong.outbound", 0.0)},
    ),
    ("本年度无因公出国(境)费、公务接待费支出。", {("sangong.outbound", 0.0), ("sangong.reception", 0.0)}),
    (
        "示例中学编制总数412人。在职员工398人，其中专业技术岗位381人。",
        {("staff.authorized_total", 412), ("staff.actual_total", 398)},
    ),
    (  # an included part of the same item in a `(含…)` bracket is no second amount of it
        "公务用车购置及运行费实际支出2599.23万元(含援外医疗队公务用车购置及运行费1146.00万元)。",
        {("sangong.vehicle", 25992300.0)},
    ),
    ("接待费3.2万元(含外事接待1.1万元)。", {("sangong.reception", 32000.0), ("sangong.reception_foreign", 11000.0)}),
    (  # `N人次的…费用`: the count is of persons, not of the noun after 的
        "主要用于2个因公出国(境)团组10人次的出国(境)费用。",
        {("sangong.outbound_groups", 2), ("sangong.outbound_persons", 10)},
    ),
    (
        "区信访局编制人数6名；财政供养人数8名，其中在职5名、离退休人数3名。",
        {("staff.authorized_total", 6), ("staff.actual_total", 8), ("staff.actual_total", 5)},
    ),
    ("实有干部职工6人，其中藏族4人。", {("staff.actual_total", 6)}),
    ("三公经费总数，2015年决算数为42742万元。", {("sangong.total", 427420000.0)}),  # a topic, then its clause
    # a section number glued after a word, with no unit in its sentence, is no amount
    ("经费保障形式为财政拨款3、人员构成：实有在职25人。", {("staff.actual_total", 25)}),
    ("公务接待费和会议费分别为3、5万元。", {("sangong.reception", 30000.0), ("meeting_fee", 50000.0)}),
    # 三公 budget vs actual, changes, shares
    (
        "一般公共预算财政拨款“三公”经费支出年初预算12.60万元，决算9.84万元，完成预算的78.10%。",
        {("sangong.total", 98400.0)},
    ),
    # last year's amount printed bare after 较上年 (its unit the sentence's) is last year's figure
    ("“三公”经费3.72万元，较上年3.95减少0.23万元。", {("sangong.total", 37200.0), ("sangong.total", 39500.0)}),
    ("“三公“经费支出2.50万元，比上年增加12.30万元，增长8.5%，占37.5%。", {("sangong.total", 25000.0)}),
    ("会议费和培训费合计3.50万元。", set()),
    # staffing
    (
        "核定编制28人，其中行政编制10人、全额拨款事业编制18人；实有人员25人。",
        {
            ("staff.authorized_total", 28),
            ("staff.authorized_admin", 10),
            ("staff.authorized_institution", 18),
            ("staff.actual_total", 25),
        },
    ),
    ("我局2022年度实际在岗人员32人。", {("staff.actual_total", 32)}),
    ("在职人数 43 人，离退休人员19人，临时聘用3人，编外人员5人。", {("staff.actual_total", 43)}),
    (
        "年末实有人数30人（行政12人、事业18人）。",
        {("staff.actual_total", 30), ("staff.actual_admin", 12), ("staff.actual_institution", 18)},
    ),
    # distractors
    ("内设3个科室，下辖8个村，服务群众4,100人次，种植1,300亩，监测覆盖率100%。", set()),
    ("截至2023年12月31日，联系电话0873-7654321，网站标识码5325240001，监督索引号53252407734201000。", set()),
    ("根据《示例县财政局关于下达2022年预算的通知》（示财绩〔2023〕6号），浏览次数：318。", set()),
    ("上年决算数8.20万元。", set()),
    ("污水处理项目年初结转18.00万元。", set()),
    ("财政拨款收、支总计各是4,130.15、4,125.89万元。", set()),
    ("开通12345热线，推进“十四五”规划和5G基站建设。", set()),
    # a project's measures beside its money take no money unit from it
    (
        "安排资金5000万元，主要用于建设排水管网29公里、DN500管道3.2千米、泵站2座。",
        {("budget.initial_total", 50000000.0)},
    ),
    ("较上年度增（减）0万元，增（降）幅0%。", set()),
    # revenue and stage
    (
        "收入总计845.06万元，其中年初结转和结余12.00万元，财政拨款收入820.00万元，其他收入13.06万元。",
        {
            ("revenue.total", 8450600.0),
            ("revenue.carryover", 120000.0),
            ("revenue.fiscal_appropriation", 8200000.0),
            ("revenue.other", 130600.0),
        },
    ),
    (
        "本年收入合计500万元，其中：一般公共预算财政拨款收入420万元，政府性基金预算财政拨款收入60万元，其他收入20万元。",
        {("revenue.total", 5000000.0), ("revenue.other", 200000.0)},
    ),
    (
        "全年(调整)预算数612.00万元，支付进度95.10%。",
        {("budget.adjusted_total", 6120000.0), ("expenditure.payment_progress_pct", 95.1)},
    ),
    ("年末结转和结余20.10万元。", {("expenditure.carryover_end", 201000.0)}),
    # project money
    (
        "年初批复5个项目312.00万元，实际到位286.40万元，项目执行率91.80%。",
        {
            ("budget.initial_project", 3120000.0),
            ("projects.received", 2864000.0),
            ("projects.execution_rate_pct", 91.8),
        },
    ),
    (
        "农村饮水安全巩固提升项目年初预算100万元，实际支出95万元。",
        {
            ("budget.initial_project", "农村饮水安全巩固提升", 1000000.0),
            ("projects.spent", "农村饮水安全巩固提升", 950000.0),
        },
    ),
    ("2023年部门收入预算1,234.56万元。", {("budget.initial_total", 12345600.0)}),
    (
        "本年支出合计1,300.50万元，其中项目支出1,200.50万元，"
        "主要用于：疫情防控经费300.00万元，基本公共卫生服务补助900.50万元。",
        {
            ("expenditure.total", 13005000.0),
            ("expenditure.project", 12005000.0),
            ("projects.spent", "疫情防控经费", 3000000.0),
            ("projects.spent", "基本公共卫生服务补助", 9005000.0),
        },
    ),
    (
        "2023年收支总预算1,200.00万元，含下属服务中心经费300.00万元，机关幼儿园经费150.00万元。",
        {("budget.initial_total", 12000000.0)},
    ),  # subordinate units' shares, no projects
    (
        "年初预算200万元，其中项目支出80万元，包括河道清淤经费50万元、水质监测项目30万元。",
        {
            ("budget.initial_total", 2000000.0),
            ("budget.initial_project", 800000.0),
            ("budget.initial_project", "河道清淤经费", 500000.0),
            ("budget.initial_project", "水质监测", 300000.0),
        },
    ),
]


def test_a_compared_year_binds_its_own_item_but_not_a_change():
    def years(text: str) -> set[tuple]:
        return {(f["metric"], f["fiscal_year"], f["value"]) for f in extract(text)["figures"]}

    assert years("2022年总收入520.00万元。相比2021年的总收入480.00万元增加40.00万元。") == {
        ("revenue.total", 2022, 5200000.0),
        ("revenue.total", 2021, 4800000.0),
    }
    assert years("其他收入12.00万元，较2021年度决算数增加0.50万元。") == {("revenue.other", 2022, 120000.0)}


def test_amounts_without_units_take_the_declared_unit_line_not_wan():
    """A table flattened to text: `单位:元` (after a `单位:` field naming the unit) is the amounts' unit."""
    assert found("单位:示例县人民医院 单位:元\n(一) 收入总计 3215678.20\n(二) 支出总计 3100450.00") == {
        ("revenue.total", 3215678.2),
        ("expenditure.total", 3100450.0),
    }


@pytest.mark.parametrize("text,expected", CASES, ids=[case[0][:24] for case in CASES])
def test_text_figures(text, expected):
    assert found(text) == expected


def test_stage_comes_from_each_sentence_not_the_document_type():
    text = (
        "2022年部门预算收入100万元，其中基本支出60万元、项目支出40万元。"
        "全年支出98万元，其中基本支出59万元，项目支出39万元。"
    )
    assert found(text, report_type="final_accounts") == {
        ("budget.initial_total", 1000000.0),
        ("budget.initial_basic", 600000.0),
        ("budget.initial_project", 400000.0),
        ("expenditure.total", 980000.0),
        ("expenditure.basic", 590000.0),
        ("expenditure.project", 390000.0),
    }


def test_personnel_costs_in_a_final_accounts_sentence_are_not_budget_lines():
    text = "2022年度基本支出2,645.30万元，其中：人员经费2,402.11万元，公用经费243.19万元。"
    assert found(text, report_type="final_accounts") == {("expenditure.basic", 26453000.0)}


def test_a_fund_scoped_line_is_not_the_departments():
    """一般公共预算财政拨款基本支出 is the fiscal-appropriation part, not the department's 基本支出 (issue 10, 6)."""
    text = (
        "2022年本年支出合计1,270.58万元，其中：基本支出872.16万元，项目支出398.42万元。"
        "2022年度一般公共预算财政拨款基本支出846.35万元，其中：人员经费768.92万元，公用经费77.43万元。"
    )
    assert found(text, report_type="final_accounts") == {
        ("expenditure.total", 12705800.0),
        ("expenditure.basic", 8721600.0),
        ("expenditure.project", 3984200.0),
    }


def test_section_heading_sets_the_stage():
    text = "一、年初预算安排情况\n基本支出60万元，项目支出40万元。\n二、决算情况\n基本支出59万元，项目支出39万元。"
    assert found(text) == {
        ("budget.initial_basic", 600000.0),
        ("budget.initial_project", 400000.0),
        ("expenditure.basic", 590000.0),
        ("expenditure.project", 390000.0),
    }


def test_a_sentence_after_a_semicolon_takes_the_year_of_the_first_number_before_it():
    """The year binds across `；` (one sentence in Chinese), not the paragraph's first year, nor the year a clause
    compared with (`上年为…`)."""
    text = (
        "2022年度支出合计900万元，其中：基本支出600万元；项目支出300万元。"
        "2021年度支出合计810万元，其中：基本支出560万元；项目支出250万元。"
        "会议费0.62万元，上年为0.95万元；培训费1.40万元。"
    )
    figures = {(f["metric"], f["fiscal_year"], f["value"]) for f in extract(text, "final_accounts")["figures"]}
    assert {figure for figure in figures if figure[0] == "expenditure.project"} == {
        ("expenditure.project", 2022, 3000000.0),
        ("expenditure.project", 2021, 2500000.0),
    }
    assert ("training_fee", 2022, 14000.0) in figures


def test_a_figure_of_another_year_is_bound_to_that_year():
    figures = extract("2021年“三公”经费支出3.95万元。2022年“三公”经费支出3.72万元。")["figures"]
    assert {(f["fiscal_year"], f["value"]) for f in figures} == {(2021, 39500.0), (2022, 37200.0)}


def test_provenance_points_at_the_printed_number():
    text = "一、概况\n　　2022年“三公”经费支出合计38,652.40元，其中公务接待费8,782.40元。"
    for figure in extract(text)["figures"]:
        assert figure["value_text"] in text[figure["span_start"] : figure["span_end"]]
        assert figure["source_text"] == text[figure["span_start"] : figure["span_end"]]
        assert figure["unit_basis"] == "inline" and figure["unit_text"] == "元"


def test_unit_basis_records_where_the_unit_came_from():
    text = "年初预算安排500.00万元，其中：基本支出312.40（其中工资福利支出286.15万元）。"
    basis = {f["metric"]: (f["unit_basis"], f["unit_text"]) for f in extract(text)["figures"]}
    assert basis["budget.initial_basic"] == ("sentence", "万元")
    assert basis["budget.initial_total"] == ("inline", "万元")


def test_a_zero_statement_keeps_its_words_as_printed_text():
    text = "我单位2022年无会议费支出。"
    (figure,) = extract(text)["figures"]
    assert (figure["metric"], figure["value"], figure["value_text"]) == ("meeting_fee", 0.0, "无")
    assert "无" in text[figure["span_start"] : figure["span_end"]]


def test_offsets_survive_normalisation_of_full_width_text():
    text = "说明：公务接待费　１，２３４．５０元，会议费⑴０.５万元。"
    for figure in extract(text)["figures"]:
        assert figure["value_text"] in text[figure["span_start"] : figure["span_end"]]


def test_a_sentence_repeating_an_amount_20000_times_is_extracted_in_linear_time():
    """The text pass never rescans a whole sentence per number, and a figure's source text is a bounded window:
    a ~450 KB page with one endless sentence took minutes and gigabytes when it did (issue 12)."""
    page = extract_speed.repeated_amount_page(20000)
    started = time.process_time()
    result = extract_page(page, "http://127.0.0.1/repeated.htm")
    assert time.process_time() - started < 10
    body = result["document"]["body_text"]
    assert len(result["figures"]) == 97  # one per distinct amount
    for figure in result["figures"]:
        assert figure["metric"] == "sangong.reception"
        assert len(figure["source_text"]) <= MAX_SENTENCE
        assert body[figure["span_start"] : figure["span_end"]] == figure["source_text"]
        assert figure["value_text"] in figure["source_text"]


def test_traditional_script_reads_as_simplified_with_spans_into_the_stored_text():
    """A mirror's traditional-script copy (pinyin glossed after some characters) gives the simplified reading's
    figures, and every span still points at the printed number of the stored traditional text."""
    text = (
        "2022年“三公”經(jīng)費(fèi)支出合計12.60萬元，其中公務(wù)接待費3.20萬元，公務用車運行維護費9.40萬元；"
        "公務用車保有量3輛。"
    )
    figures = extract(text, report_type="final_accounts")["figures"]
    assert {(f["metric"], f["value"]) for f in figures} == {
        ("sangong.total", 126000.0),
        ("sangong.reception", 32000.0),
        ("sangong.vehicle_operation", 94000.0),
        ("sangong.vehicles_held", 3),
    }
    for figure in figures:
        assert text[figure["span_start"] : figure["span_end"]] == figure["source_text"]
        assert figure["value_text"] in figure["source_text"]


def test_a_pdf_line_wrapped_inside_a_word_is_read_as_one_line():
    text = "2023年度一般公共预算财政拨款安排的“三公”经费支\n出决算总额为5.61万元，比上年减少0.47万元。"
    assert found(text, report_type="final_accounts", fiscal_year=2023) == {("sangong.total", 56100.0)}


def test_a_section_about_the_sangong_budget_gives_no_sangong_figures():
    text = (
        "一、财政拨款安排的“三公”经费预算情况\n2023年财政拨款安排“三公”经费29万元，其中公务接待费1万元。\n"
        "二、“三公”经费支出决算情况\n2023年“三公”经费27万元，其中公务接待费1万元。\n三、其他\n会议费2万元。"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2023) == {
        ("sangong.total", 270000.0),
        ("sangong.reception", 10000.0),
        ("meeting_fee", 20000.0),
    }


def test_an_amount_spent_in_a_year_printed_after_its_item_on_a_budget_page_is_that_years_actual():
    text = "公务接待费2015年年末支出2.48万元（共接待11批、60人次），2016年预算与上年实际支出相比，减少20.16%。"
    figures = extract(text, report_type="budget", fiscal_year=2016)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.reception", 2015, 24800.0),
        ("sangong.reception_batches", 2015, 11),
        ("sangong.reception_persons", 2015, 60),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024年“三公”经费预算安排3.00万元，全部为公务接待费，未安排因公出国（境）经费。", set()),  # budget stage
        (
            "2023年“三公”经费预算执行数为2.10万元，未发生因公出国（境）费。",
            {("sangong.total", 21000.0), ("sangong.outbound", 0.0)},
        ),  # last year's actual, printed on a budget page
    ],
)
def test_a_zero_statement_on_a_budget_page_takes_its_sentence_stage(text, expected):
    assert found(text, report_type="budget", fiscal_year=2024) >= expected
    assert not {f for f in found(text, report_type="budget", fiscal_year=2024) if f[0] == "sangong.outbound"} - expected


def test_a_project_report_money_is_never_the_department_revenue():
    """A 项目支出绩效自评表 flattened into lines: its 当年财政拨款 row is the project's funding."""
    text = "项目资金情况\n年度资金总额 43.20万元\n其中：当年财政拨款 43.20万元\n执行数 37.24万元"
    assert not {f for f in found(text, report_type="self_eval_project") if f[0].startswith("revenue.")}


def test_a_project_list_under_a_head_without_its_own_amount_gives_each_projects_spending():
    text = "项目支出包括河道巡查经费12.5万元，防汛物资储备经费3万元和水质监测经费6.20万元。"
    assert found(text, report_type="self_eval_department") == {
        ("projects.spent", "河道巡查经费", 125000.0),
        ("projects.spent", "防汛物资储备经费", 30000.0),
        ("projects.spent", "水质监测经费", 62000.0),
    }
    assert found(text, report_type="budget") == {
        ("budget.initial_project", "河道巡查经费", 125000.0),
        ("budget.initial_project", "防汛物资储备经费", 30000.0),
        ("budget.initial_project", "水质监测经费", 62000.0),
    }


@pytest.mark.parametrize(
    "head, metric, fund",
    [
        ("河道治理专项2024年预算资金86万元", "budget.initial_project", set()),
        # the allotment names the fund: its money is the fund's, not the unit's
        ("2024年下达我县河道治理专项资金86万元", "projects.received", {"河道治理专项资金"}),
        ("2024年河道治理专项资金实际支出86万元", "projects.spent", set()),
    ],
)
def test_a_funds_money_broken_down_into_projects_across_semicolons_gives_each_project_its_part(head, metric, fund):
    text = f"{head}，其中：东河清淤项目30万元；西岸护坡项目56万元。"
    parts = {(m, subject, value) for m, subject, value in (f for f in found(text) if len(f) == 3)}
    funds = {(metric, name, 860000.0) for name in fund}
    assert parts == {(metric, "东河清淤", 300000.0), (metric, "西岸护坡", 560000.0)} | funds


def test_an_allotments_channel_and_reach_are_no_part_of_the_funds_name():
    text = "2023年度自治区财政厅分解下达中央转移支付全区文物保护专项资金共8650万元。"
    assert ("projects.received", "文物保护专项资金", 86500000.0) in found(text, report_type="self_eval_project")


def test_levels_and_batches_of_a_funds_money_are_no_projects():
    text = (
        "2024年收到河道治理资金共86万元，其中：中央资金50万元，地方资金30万元，其他资金6万元。上级分两批向我县下达河道治理"
        "资金86万元(其中第一批50万元，第二批36万元)。"
    )
    # the fund's money is the fund's (its name printed where it was received), no level's or batch's
    assert {f[1] for f in found(text) if len(f) == 3} <= {"河道治理资金"}


def test_a_breakdown_opening_the_next_sentence_lists_the_projects_of_the_amount_that_ended_the_one_before():
    text = "省财政厅下达我市文化补助资金300万元。其中，乡村书屋更新120万元，戏曲进乡村180万元。"
    parts = {f for f in found(text) if len(f) == 3}
    assert ("projects.received", "乡村书屋更新", 1200000.0) in parts
    assert ("projects.received", "戏曲进乡村", 1800000.0) in parts
    # the centre's and the province's share together is a level's, no project
    shares = "省财政厅下达我市文化补助资金300万元。其中，央省200万元、市级100万元。"
    assert not [f for f in found(shares) if len(f) == 3 and f[1] in ("央省", "市级")]


def test_transfer_funds_allotted_from_above_and_listed_as_projects_are_each_projects_money():
    text = "2024年度，中央、省级下达转移支付敬老院运行项目35万元；城乡低保、临时救助项目2.5万元；法律援助经费6万元。"
    parts = {f for f in found(text) if len(f) == 3}
    assert parts >= {
        ("projects.received", "敬老院运行", 350000.0),
        ("projects.received", "城乡低保、临时救助", 25000.0),
        ("projects.received", "法律援助经费", 60000.0),
    }
    assert not found("2024年中央下达残疾人补贴资金412.6万元，全年执行400万元。") & {
        ("projects.received", "全年执行", 4000000.0)
    }


def test_a_budget_after_the_cars_or_a_sangong_item_in_its_sentence_is_that_items():
    fleet = "2023年我站公车实有数量5辆，年初预算经费为30万元，和上年持平。"
    assert not [f for f in found(fleet, report_type="budget") if f[0] == "budget.initial_total"]
    total = "2023年年初预算数为500万元，公务用车运行维护费2万元。"  # the item named after the total: still ours
    assert ("budget.initial_total", 5000000.0) in found(total, report_type="budget")


def test_a_numbered_list_announced_as_the_projects_gives_one_project_per_line():
    """Lines between the items explain the one before; the next heading of another rank ends the list; a line
    named only by a wording (`会议费`) is that item, no project."""
    text = (
        "（二）项目支出预算情况\n"
        "2019年安排项目支出1301620元，具体项目情况说明如下：\n"
        "1、委员履职补助462000元；\n"
        "测算标准：154名委员，每人每年3000元。\n"
        "2、第11届全体会议经费596000元，同上年；\n"
        "3、会议费50000元。\n"
        "（三）其他说明\n"
        "4、报刊征订12000元。"
    )
    assert found(text, report_type="budget", fiscal_year=2019) == {
        ("budget.initial_project", 1301620.0),
        ("budget.initial_project", "委员履职补助", 462000.0),
        ("budget.initial_project", "第11届全体会议经费", 596000.0),
    }


def test_a_list_announced_by_its_main_projects_gives_one_project_per_line():
    text = (
        "（四）专项支出预算情况说明\n"
        "专项支出预算为36.0万元，主要项目是：\n"
        "1、图书采购经费18.0万元\n"
        "2、开展古籍普查、修复工作经费6.0万元\n"
        "3、免费开放经费12.0万元\n"
        "四、“三公”经费预算情况说明"
    )
    assert found(text, report_type="budget", fiscal_year=2016) == {
        ("budget.initial_project", "图书采购经费", 180000.0),
        ("budget.initial_project", "开展古籍普查、修复工作经费", 60000.0),
        ("budget.initial_project", "免费开放经费", 120000.0),
    }


def test_a_gloss_in_brackets_between_a_wording_and_its_amount_is_skipped():
    text = (
        "2017年部门经费预算7464053元，基本支出4566793元，其中工资福利支出(人员支出)3265013元，"
        "对个人和家庭补助支出（人员支出）457838元；项目支出(专项工作经费支出)2897260元。"
    )
    assert found(text, report_type="budget", fiscal_year=2017) == {
        ("budget.initial_total", 7464053.0),
        ("budget.initial_basic", 4566793.0),
        ("budget.initial_basic_personnel", 3265013.0),
        ("budget.initial_basic_household_subsidy", 457838.0),
        ("budget.initial_project", 2897260.0),
    }


def test_under_the_appropriations_grand_totals_this_years_income_is_the_appropriation():
    text = (
        "2022年财政拨款收入总计766.75万元，其中：2022年收入合计610.42万元；"
        "2022年财政拨款支出总计766.75万元，其中：2022年支出合计766.60万元。"
    )
    assert found(text, report_type="final_accounts") == {("revenue.fiscal_appropriation", 6104200.0)}


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("", "2024年某镇某社区排水设施配套"),  # title-less: the project the text names with its year
        ("某镇2024年度项目绩效自评报告", DEPT),  # a title that names no project: the unit's, as before
    ],
)
def test_a_title_less_project_reports_money_is_the_project_its_text_names_with_its_year(title, subject):
    text = "一、项目基本情况\n计划资金全部到位56万元,2024年某镇某社区排水设施配套项目已验收结算。"
    document = {"department": DEPT, "fiscal_year": 2024, "report_type": "self_eval_project", "title": title}
    figures = extract_figures(Body(text=text), document)["figures"]
    assert [(f["metric"], f["subject"], f["value"]) for f in figures] == [("projects.received", subject, 560000.0)]


def test_a_title_less_fund_self_evaluation_names_its_fund_without_the_evaluations_year():
    text = "我省较好完成了2022年度粮食风险基金绩效自评工作。\n2022年,实际到位资金1500万元,执行率为100%。"
    document = {"department": "", "fiscal_year": 2022, "report_type": "self_eval_project", "title": ""}
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {f["subject"] for f in figures} == {"粮食风险基金"}


def test_a_三公_items_heading_names_the_bare_spending_under_it():
    text = (
        "1.因公出国(境)支出\n2015年全年支出22.6万元,比上年增加13.9万元。\n"
        "2.公务用车购置及运行维护费支出\n(1)公务用车购置\n2015年末公务用车保有量33辆。全年支出61.4万元。\n"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2015) == {
        ("sangong.outbound", 226000.0),
        ("sangong.vehicle_purchase", 614000.0),
        ("sangong.vehicles_held", 33),
    }


@pytest.mark.parametrize(
    "text",
    [
        "(二)支出预算:2021年年初预算数355.68万元,其中:一般公共服务289.63万元,教育1.05万元,住房保障9.07万元。",
        "(一)收入预算:2021年年初预算数355.68万元,其中:一般公共预算财政拨款355.68万元,财政专户管理资金0万元。",
    ],
)
def test_the_function_classes_and_sources_a_budget_lists_are_no_projects(text):
    figures = found(text, report_type="budget", fiscal_year=2021)
    assert ("budget.initial_total", 3556800.0) in figures
    assert not any(metric == "budget.initial_project" for metric, *_ in figures)


def test_a_kind_of_budget_before_a_bare_支出_is_no_spending():
    """`专项预算支出` names a kind of budgeted spending (专项预算 beside 部门预算); `预算支出` after the year's budget
    is what was spent of it."""
    listed = "项目资金总预算为612万元,其中部门预算项目支出12万元,专项预算支出600万元。"
    assert found(listed, report_type="self_eval_project") == {("budget.initial_project", 120000.0)}
    spent = "示例补助资金全年预算安排85万元,预算支出82.45万元,预算执行率为97%。"
    assert ("projects.spent", 824500.0) in found(spent, report_type="self_eval_project")


@pytest.mark.parametrize(
    "section",
    [
        "(四)财政拨款收入支出决算总体情况。",  # the heading opens the paragraph
        "四、财政拨款收入支出决算总体情况说明\n",  # a heading line of its own
    ],
)
def test_bare_totals_in_the_appropriations_section_are_the_appropriations(section):
    text = (
        "一、收入支出决算总体情况说明\n2022年度收、支总计1,520.40万元。\n"
        f"{section}2022年度财政拨款收入总计980.60万元,包括:一般公共预算拨款900.20万元。"
        "支出总计980.60万元,包括:教育支出612.55万元。\n五、一般公共预算财政拨款支出决算情况说明\n"
    )
    assert found(text, report_type="final_accounts") == {
        ("revenue.total", 15204000.0),
        ("expenditure.total", 15204000.0),
    }


def test_a_units_own_income_and_spending_after_its_name():
    text = "2021年度，示例卫生院单位收入为470.12万元，单位支出为468.74万元。各单位支出12万元。"
    assert found(text, report_type="final_accounts", fiscal_year=2021) == {
        ("revenue.total", 4701200.0),
        ("expenditure.total", 4687400.0),
    }


def test_the_years_income_and_spending_whose_change_a_project_explains_are_the_departments():
    """`2017年度收入X万元，…主要原因是：新增…的项目资金`: the cause names projects, the amount is the year's income; a
    bare `年度支出` yields to an item named before it."""
    text = (
        "2017年度收入1858.06万元，与上年相比，增加193万元，增减变化主要原因是：新增拨入的教育费附加的项目资金。"
        "2017年度支出2092.60万元，与上年相比，增加71.82万元。公务接待费2017年度支出1.20万元。"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2017) == {
        ("revenue.total", 18580600.0),
        ("expenditure.total", 20926000.0),
        ("sangong.reception", 12000.0),
    }


def test_a_rate_after_a_projects_name_in_its_own_clause_is_that_projects_execution_rate():
    text = (
        "2.资金执行情况：下达的8个项目均已完工，其中3个项目资金执行100%；示例村道路硬化项目99.80%，"
        "示例河堤修复项目执行率95.60%，2023年美丽乡村建设项目99.49%。"
    )
    assert found(text, report_type="self_eval_project", fiscal_year=2023) == {
        ("projects.execution_rate_pct", "示例村道路硬化", 99.8),
        ("projects.execution_rate_pct", "示例河堤修复", 95.6),
        ("projects.execution_rate_pct", "2023年美丽乡村建设", 99.49),
    }


def test_a_transfer_payment_is_no_payment_made():
    """`转移支付` names a kind of fund; only a `支付` of its own is money paid out."""
    document = {"department": DEPT, "fiscal_year": 2023, "report_type": "self_eval_project"}
    document["title"] = "示例镇2023年度上级转移支付资金绩效自评报告"
    text = "2023年度下达上级转移支付资金612.40万元。项目资金16万元，支付16万元。"
    figures = extract_figures(Body(text=text), document)["figures"]
    assert [(f["metric"], f["value"]) for f in figures] == [("projects.spent", 160000.0)]


def test_an_item_number_glued_to_the_bracket_before_it_is_no_amount():
    text = "2019年支出预算：1、基本支出157.05万元，(其中：人员工资126.23万元，公用经费30.82万元)2、项目支出77万元。"
    assert found(text, report_type="budget", fiscal_year=2019) == {
        ("budget.initial_basic", 1570500.0),
        ("budget.initial_basic_personnel", 1262300.0),
        ("budget.initial_basic_goods_services", 308200.0),
        ("budget.initial_project", 770000.0),
    }


def test_a_paragraph_opened_by_a_fund_scopes_its_current_totals_and_a_scope_note_keeps_the_pair():
    text = (
        "本部门2019年度收支总计(含结转和结余)1323.65万元。\n"
        "一般公共预算财政拨款本年收入979.53万元，比上年增加28.13万元；本年支出869.0万元，比上年增加240.09万元。\n"
        "事业编制实有人数111人。"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2019) == {
        ("revenue.total", 13236500.0),
        ("expenditure.total", 13236500.0),
        ("staff.actual_institution", 111),
    }


def test_a_years_spending_budget_is_the_budget_total():
    assert found("2021年支出预算286.40万元，其中基本支出196.40万元。", report_type="budget", fiscal_year=2021) == {
        ("budget.initial_total", 2864000.0),
        ("budget.initial_basic", 1964000.0),
    }


def test_one_line_of_the_goods_and_services_is_not_all_of_them():
    text = "基本支出80万元，其中：工资福利支出50万元，商品和服务支出27万元，其中其他商品和服务支出3万元。"
    assert found(text, report_type="budget") == {
        ("budget.initial_basic", 800000.0),
        ("budget.initial_basic_personnel", 500000.0),
        ("budget.initial_basic_goods_services", 270000.0),
    }


def test_a_letter_spaced_label_is_read_as_its_word():
    """PDF text prints a table's labels letter-spaced (`收 入 总 计`); its amounts keep their offsets."""
    text = "2023年部门收支预算：收 入 总 计 1,246.80 支 出 总 计 1,246.80"
    result = extract(text, report_type="budget", fiscal_year=2023)
    assert [(f["metric"], f["value"], f["value_text"]) for f in result["figures"]] == [
        ("budget.initial_total", 12468000.0, "1,246.80")
    ]


def test_a_number_that_goes_on_a_run_of_column_numbers_is_no_amount():
    text = "合计 3,863.45 3,863.45 755.73 4 5 6 7 8 上年结转 9 2022年部门支出总体情况表"
    assert ("revenue.carryover", 90000.0) not in found(text, report_type="budget")
    assert found("上年结转 9 万元。", report_type="final_accounts") == {("revenue.carryover", 90000.0)}


def test_a_stage_of_money_in_brackets_is_no_project():
    text = "2023年收入预算总额为94.76万元，其中：上年结转收入0万元(项目预算0万元、政府性基金0万元)。"
    assert all(f["subject"] == DEPT for f in extract(text, report_type="budget", fiscal_year=2023)["figures"])


def test_an_amount_after_an_items_counts_is_the_items_money_not_a_sum():
    text = "其中：外事接待费支出0万元，国内公务接待40批次，310人，共计支出2.60万元。"
    assert found(text, report_type="final_accounts") == {
        ("sangong.reception_foreign", 0.0),
        ("sangong.reception_batches", 40),
        ("sangong.reception_persons", 310),
        ("sangong.reception_domestic", 26000.0),
    }


def test_an_amount_glued_to_the_unit_of_the_one_before_is_a_change_not_a_figure():
    text = "“三公”经费决算支出数为52.40万元，较2021年决算数48.10万元4.30万元，增长8.94%。"
    assert found(text, report_type="final_accounts") == {("sangong.total", 524000.0), ("sangong.total", 481000.0)}


def test_a_change_that_lost_its_word_in_a_list_of_changes_is_no_figure():
    text = (
        "其中：因公出国（境）费支出决算增加0元，增长0%；公务用车购置及运行费支出决算41,650.00元，增长20.35%；"
        "公务接待费支出决算增加16,560.00元，增长13.40%。"
    )
    assert found(text, report_type="final_accounts") == set()
    # an actual followed by its growth rate, its siblings' changes printed in another shape, stays
    text = "公务接待费决算12万元，比上年增加2万元，增长20%；公务用车运行费决算8万元，增长5%；会议费增加1万元。"
    assert found(text, report_type="final_accounts") == {
        ("sangong.reception", 120000.0),
        ("sangong.vehicle_operation", 80000.0),
    }


def test_last_years_amount_after_a_completion_rate_belongs_to_the_item_before_the_rate():
    text = "“三公”经费预算数为60万元，决算支出数为52.40万元，完成年初预算数的87.33%，较2021年决算数48.10万元有所增加。"
    assert found(text, report_type="final_accounts") == {("sangong.total", 524000.0), ("sangong.total", 481000.0)}


def test_row_numbers_of_a_flattened_table_are_no_amounts_and_pasted_amounts_are_nobodys():
    """`八、其他收入 8 A B C 9 10`: the amounts of several rows pasted after the last label name none of them;
    `本年收入合计 13 使用…结余 14`: a row whose amount is blank prints its 行次 only."""
    head = "收入 项目 行次 金额 一、一般公共预算财政拨款收入 1 "
    pasted = head + "八、其他收入 8 6,408,512.30 9,215,040.77 9 10 本年收入合计 13 年初结转和结余 15 总计 16"
    assert found(pasted, report_type="final_accounts") == set()
    aligned = head + "1,250.00 八、其他收入 8 33.19 本年收入合计 13 年初结转和结余 15 总计 16"
    assert found(aligned, report_type="final_accounts") == {
        ("revenue.fiscal_appropriation", 12500000.0),
        ("revenue.other", 331900.0),
    }


def test_last_year_in_a_news_copy_counts_from_when_it_was_written():
    """`去年` is the year before the text was written (a 2023 article on 2022 actuals); `上年` the year before the
    report's. Undated, `去年` is the year an account of actuals is about (written the year after it), and the year
    before a budget's."""
    text = "公务用车运行维护费去年决算数为41.16万元。上年公务接待费12万元。"

    def years(published, report_type="final_accounts"):
        document = {"department": DEPT, "fiscal_year": 2022, "report_type": report_type, "title": ""}
        result = extract_figures(Body(text=text), {**document, "published": published})
        return {f["metric"]: f["fiscal_year"] for f in result["figures"]}

    assert years("2023-07-19") == {"sangong.vehicle_operation": 2022, "sangong.reception": 2021}
    assert years(None) == {"sangong.vehicle_operation": 2022, "sangong.reception": 2021}
    assert years(None, "other") == {"sangong.vehicle_operation": 2022, "sangong.reception": 2021}


def test_a_round_up_binds_each_units_figures_to_the_unit_its_section_heads():
    """A news round-up: each unit under a heading line of its name, the lead summing up the whole city. Filed
    under its first unit, the page's lead gives no figure; each section's numbers are its unit's."""
    text = (
        "本市市级“三公经费”决算总额9,120万元。\n示例县水务局\n示例县水务局2010年“三公经费”决算数为88.10万元。\n"
        "示例县林业局\n示例县林业局2010年“三公经费”决算数为41.20万元，其中公务接待费6.30万元。"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2010) == {
        ("sangong.total", 881000.0),
        ("sangong.total", "示例县林业局", 412000.0),
        ("sangong.reception", "示例县林业局", 63000.0),
    }
    unsectioned = text.replace("示例县林业局\n示例县林业局", "示例县林业局")
    assert ("sangong.total", 91200000.0) in found(unsectioned.replace("示例县水务局\n", ""), report_type="other")


def test_a_headlines_rounded_amount_beside_the_exact_one_is_no_second_figure():
    text = "示例县水务局去年公务接待费仅8万元\n2022年公务接待费8.27万元，“三公”经费4.02亿元。“三公”经费约4亿元。"
    assert found(text, report_type="final_accounts") == {("sangong.reception", 82700.0), ("sangong.total", 402000000.0)}
    different = found("公务接待费9万元。公务接待费8.27万元。", report_type="final_accounts")
    assert ("sangong.reception", 90000.0) in different  # 9 is no rounding of 8.27


def test_an_amount_after_a_compared_year_and_its_item_is_that_years():
    text = "2015年“三公”经费合计21.23万元。较2014年度部门决算公开“三公”经费合计26.08万元减少4.85万元。"
    figures = extract(text, report_type="final_accounts", fiscal_year=2015)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.total", 2015, 212300.0),
        ("sangong.total", 2014, 260800.0),
    }


def test_the_year_before_年初预算_in_a_comparison_is_the_amounts():
    text = "2019年初收入预算数3,826.41万元，比2018年初预算3,512.07万元，增加314.34万元。"
    figures = extract(text, report_type="budget", fiscal_year=2019)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("budget.initial_total", 2019, 38264100.0),
        ("budget.initial_total", 2018, 35120700.0),
    }


def test_last_years_bare_amount_after_较上年_is_bound_to_last_year():
    figures = extract("“三公”经费3.72万元，较上年3.95减少0.23万元。", report_type="final_accounts")["figures"]
    assert {(f["fiscal_year"], f["value"]) for f in figures} == {(2022, 37200.0), (2021, 39500.0)}


def test_on_a_whole_places_page_a_unit_the_sentence_names_is_the_subject():
    """A news page about a province's budgets quotes named units' lines: each is that unit's, not the province's;
    the finance bureau that sums them up is no subject."""
    text = (
        "经湖南省财政厅汇总，省级“三公”经费预算3.2亿元。\n"
        "比如，湖南省档案局预算说明表明，该部门2015年基本支出预算812.40万元，其中工资福利支出502.10万元。"
    )
    document = {"department": "湖南省", "fiscal_year": 2015, "report_type": "budget", "title": ""}
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} == {
        ("budget.initial_basic", "湖南省档案局", 8124000.0),
        ("budget.initial_basic_personnel", "湖南省档案局", 5021000.0),
    }


def test_on_a_whole_places_page_a_unit_named_by_its_level_alone_is_the_subject():
    """`支出最多的是省交通运输厅`: a round-up names the place's units by their level word; `“三公”支出` without 经费
    is the 三公 total."""
    text = "全省10部门公布2010年“三公”支出。其中支出最多的是省交通厅,2010年“三公”支出为142.31万元。"
    document = {"department": "陕西省", "fiscal_year": 2010, "report_type": "other", "title": ""}
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} == {("sangong.total", "省交通厅", 1423100.0)}


def test_last_years_spending_on_a_budget_page_is_last_years_actual():
    text = "2013年“三公经费”财政拨款支出1,236.48万元，2014年“三公经费”财政拨款预算1,165.24万元。"
    figures = extract(text, report_type="budget", fiscal_year=2014)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {("sangong.total", 2013, 12364800.0)}


def test_on_a_whole_places_page_the_finance_department_that_sums_it_up_is_no_subject():
    text = "迪庆州财政局对州本级2015年度“三公”经费决算数进行统计汇总，州本级“三公”经费支出1,134万元。"
    document = {"department": "迪庆州", "fiscal_year": 2015, "report_type": "other", "title": ""}
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} == {("sangong.total", "迪庆州", 11340000.0)}


def test_on_a_whole_places_page_a_subset_of_its_units_repeats_none_of_its_figures():
    """`县直…` after the county's own sum: the county-level departments only, in that sentence and the rest of its
    paragraph; where the page prints no sum of the whole place, the subset's stands for it."""
    whole = "巴东县2022年“三公”经费决算数合计为620.40万元，其中：公务用车购置费150.20万元、公务接待费50.10万元。\n"
    subset = (
        "2022年县直财政拨款资金安排“三公”经费决算数为480.30万元。"
        "具体情况为：公务用车购置及运行维护费430.30万元，公务接待费50.00万元。"
    )
    document = {"department": "巴东县", "fiscal_year": 2022, "report_type": "other", "title": ""}

    def figures(text: str) -> set:
        return {(f["metric"], f["value"]) for f in extract_figures(Body(text=text), document)["figures"]}

    assert figures(whole + subset) == {
        ("sangong.total", 6204000.0),
        ("sangong.vehicle_purchase", 1502000.0),
        ("sangong.reception", 501000.0),
    }
    assert ("sangong.total", 4803000.0) in figures(subset)


def test_a_budget_under_a_heading_that_names_a_sangong_item_is_that_items():
    text = "一、因公出国(境)经费\n2014年预算安排40万元，较2013年下降39.39%。\n二、公务接待费\n2014年预算安排154万元。"
    assert found(text, report_type="budget", fiscal_year=2014) == set()
    other_heading = text.replace("因公出国(境)经费", "收支预算")
    assert ("budget.initial_total", 400000.0) in found(other_heading, report_type="budget")


def test_the_older_一般公共财政预算_is_a_fund_scope():
    text = "2019年收入预算3,826.41万元，其中：一般公共财政预算收入预算数3,700.10万元。"
    assert found(text, report_type="budget", fiscal_year=2019) == {("budget.initial_total", 38264100.0)}


def test_a_number_printed_under_a_unit_other_than_the_pages_is_a_misprint_of_the_same_figure():
    text = "2015年公务接待费2.58元，经核查，2015年度我单位支出公务接待费为2.58万元，较上年减少0.26万元。"
    assert found(text, report_type="final_accounts", fiscal_year=2015) == {("sangong.reception", 25800.0)}


def test_a_news_round_up_gives_each_paragraph_the_unit_it_opens_with():
    text = (
        "新华网北京7月19日电 中央和国家有关部门19日公布了“三公经费”情况。\n"
        "水利部2011年度“三公经费”财政拨款支出决算3,120.40万元。\n"
        "中国人民银行2011年度“三公经费”全年支出决算2,466.37万元。\n"
        "2011年工商总局“三公经费”决算1,037.50万元。"
    )
    document = {"department": "水利部", "fiscal_year": 2011, "report_type": "final_accounts", "title": ""}
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {(f["subject"], f["value"]) for f in figures} == {
        ("水利部", 31204000.0),
        ("中国人民银行", 24663700.0),
        ("工商总局", 10375000.0),
    }


def test_next_years_appropriation_budget_beside_this_years_accounts_is_no_revenue():
    """`2011年财政拨款预算总额X` on a 2010 决算 page: an appropriation budgeted, not the revenue received."""
    text = "2010年“三公”经费财政拨款决算总额1,132.95万元，2011年财政拨款预算总额1,141.23万元。"
    assert found(text, report_type="final_accounts", fiscal_year=2010) == {("sangong.total", 11329500.0)}


def test_a_zero_of_counted_units_is_not_the_pages_zero():
    """`有22个部门未产生因公出国费`: a zero of those units; the page's own `未产生` stays its zero."""
    others = "2013年，全省有22个省级部门未产生因公出国(境)费用，6家单位公务接待费为零。"
    assert found(others, report_type="other", fiscal_year=2013) == set()
    assert found("本部门未产生因公出国(境)费用。", report_type="final_accounts") == {("sangong.outbound", 0.0)}


def test_budget_prose_with_last_years_twin():
    """`2020年预算内收入安排…（其中…）` and the same sentence for 2019: each year's budget and its economic classes."""
    text = (
        "2020年预算内收入安排655.55万元，支出655.55万元（其中用于工资福利支出为613.35万元，商品和服务支出14.03万元）。\n"
        "2019年预算内收入安排617.41万元，支出617.41万元（其中用于工资福利支出为579.11万元，商品和服务支出12.1万元）。"
    )
    figures = {(f["metric"], f["fiscal_year"]): f["value"] for f in extract(text, "budget", 2020)["figures"]}
    assert figures[("budget.initial_total", 2020)] == 6555500.0 and figures[("budget.initial_total", 2019)] == 6174100.0
    assert figures[("budget.initial_basic_personnel", 2019)] == 5791100.0


def test_a_single_project_reports_money_is_its_titles_project_in_every_paragraph():
    document = {
        "department": DEPT,
        "fiscal_year": 2017,
        "report_type": "self_eval_project",
        "title": "乡村少年宫运行补助资金项目自评报告",
    }
    text = (
        "1.项目资金到位情况：该项目年初预算资金为16万元，全部为市级财政资金。\n"
        "2.项目资金执行情况：2017年，财政预算项目资金16万元，支付16万元。\n"
    )
    found = extract_figures(Body(text=text), document)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in found} == {
        ("budget.initial_project", "乡村少年宫运行补助资金", 160000.0),
        ("projects.spent", "乡村少年宫运行补助资金", 160000.0),
    }


@pytest.mark.parametrize(("basic", "project"), [("基本支出：", "(二)项目支出："), ("(一)基本支出", "(二)项目支出")])
def test_a_line_announced_alone_names_the_budget_amount_of_the_next_paragraph(basic, project):
    """`基本支出：` alone on a line, or a numbered heading `(一)基本支出` (whose `支出` is no tail to drop)."""
    text = (
        f"具体安排情况如下：\n\n{basic}\n\n2018年年初预算数为1973.4万元，是指保障机构运转的支出。\n\n"
        f"{project}\n\n2018年年初预算数为159.30万元，是指完成特定任务的支出。"
    )
    assert found(text, report_type="budget", fiscal_year=2018) == {
        ("budget.initial_basic", 19734000.0),
        ("budget.initial_project", 1593000.0),
    }


def test_last_years_amount_after_a_change_belongs_to_the_sentences_item():
    """`…决算数为A万元，比预算减少X万元，比2013年度决算数B万元减少Y万元`: B is the item's amount of 2013."""
    text = "因公出国(境)费2014年决算数为79.26万元，比2014年度预算减少14.85万元，比2013年度决算数87.50万元减少8.24万元。"
    figures = {(f["metric"], f["fiscal_year"]): f["value"] for f in extract(text, "final_accounts", 2014)["figures"]}
    assert figures == {("sangong.outbound", 2014): 792600.0, ("sangong.outbound", 2013): 875000.0}


def test_a_sentence_opening_with_其中_breaks_down_the_last_total_in_its_year_and_stage():
    text = (
        "示例署2011年度“三公经费”预算数812.40万元，全年支出决算790.15万元。其中，因公出国(境)费402.60万元。\n"
        "2012年，示例署“三公经费”财政拨款预算760.00万元。其中，因公出国(境)费380.00万元。"
    )
    figures = extract(text, report_type="final_accounts", fiscal_year=2012)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.total", 2011, 7901500.0),
        ("sangong.outbound", 2011, 4026000.0),
    }


def test_a_breakdown_after_a_clause_on_last_year_keeps_the_sentences_own_year():
    text = "2022年“三公”经费支出决算为10.40万元，2021年为12.10万元。其中：公务接待费3.20万元。"
    figures = extract(text, report_type="final_accounts", fiscal_year=2022)["figures"]
    assert ("sangong.reception", 2022, 32000.0) in {(f["metric"], f["fiscal_year"], f["value"]) for f in figures}


@pytest.mark.parametrize("rate", ["完成预算数的96.10%，", "占年初预算的96.10%，"])
def test_a_budget_that_is_only_the_base_of_a_rate_sets_no_stage(rate):
    text = (
        f"2021年度，示例县“三公”经费支出决算汇总数为410.20万元，较年初预算数426.85万元减少16.65万元，{rate}"
        "较上年430.10万元减少19.90万元。其中：公务接待费为120.30万元；公务用车运行维护费为289.90万元。"
    )
    figures = extract(text, report_type="final_accounts", fiscal_year=2021)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.total", 2021, 4102000.0),
        ("sangong.total", 2020, 4301000.0),
        ("sangong.reception", 2021, 1203000.0),
        ("sangong.vehicle_operation", 2021, 2899000.0),
    }


def test_上年_opening_a_clause_binds_its_breakdown_to_the_year_before():
    text = (
        "“三公”经费支出情况：上年度“三公”经费支出31.20万元，其中公务用车运行维护费20.10万元、公务接待费11.10万元。"
        "本年“三公”经费支出26.40万元，其中公务接待费8.30万元。上年结转资金5万元。"
    )
    figures = extract(text, report_type="final_accounts", fiscal_year=2018)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.total", 2017, 312000.0),
        ("sangong.vehicle_operation", 2017, 201000.0),
        ("sangong.reception", 2017, 111000.0),
        ("sangong.total", 2018, 264000.0),
        ("sangong.reception", 2018, 83000.0),
        ("revenue.carryover", 2018, 50000.0),
    }


def test_a_wording_that_ends_a_list_of_all_three_sangong_items_names_their_sum():
    text = "经汇总，示例省本级因公出国(境)经费、公务用车购置及运行费、公务接待费决算支出3.52亿元。"
    assert found(text, report_type="final_accounts") == {("sangong.total", 352000000.0)}
    two_items = text.replace("因公出国(境)经费、", "")
    assert found(two_items, report_type="final_accounts") == set()  # two items' one amount cannot be split


def test_一般公共预算安排_names_a_fund_not_the_budget_stage():
    text = "一般公共预算安排“三公”经费支出16.80万元，比年初预算增加2.10万元。其中：公务接待费5.40万元。"
    assert found(text, report_type="final_accounts") == {("sangong.total", 168000.0), ("sangong.reception", 54000.0)}


def test_an_item_opened_as_a_topic_with_a_comma_then_its_year_names_the_amount():
    text = "公务接待费，2018年决算数205万元，较2017年决算数251万元下降18.3%。"
    figures = extract(text, report_type="final_accounts", fiscal_year=2018)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.reception", 2018, 2050000.0),
        ("sangong.reception", 2017, 2510000.0),
    }


@pytest.mark.parametrize("aside", ["，全部为公务用车运行费。", "（全部为公务用车运行费）。"])
def test_a_vehicle_item_that_is_all_operation_is_also_the_operation_figure(aside):
    text = "公务用车购置及运行费决算数为5.12万元" + aside
    assert found(text, report_type="final_accounts") == {
        ("sangong.vehicle", 51200.0),
        ("sangong.vehicle_operation", 51200.0),
    }


def test_a_year_of_the_units_history_binds_nothing():
    text = "本中心成立于1975年，2015年改制为示例市某中心，2018年正式命名为某园，现有在职职工62人。"
    figures = extract(text, report_type="budget", fiscal_year=2024)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {("staff.actual_total", 2024, 62)}


def test_a_one_sentence_summary_gives_this_years_income_and_spending_and_a_funds_carry_overs_are_its_own():
    text = (
        "2023年度上年结转和结余资金为12.30万元，本年收入846.20万元，支出852.75万元，年末结转和结余资金为5.75万元。\n"
        "2023年政府性基金预算财政拨款上年结转和结余0万元，政府性基金预算财政拨款年末结转和结余0万元。"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2023) == {
        ("revenue.carryover", 123000.0),
        ("revenue.total", 8462000.0),
        ("expenditure.total", 8527500.0),
        ("expenditure.carryover_end", 57500.0),
    }


def test_a_row_pasted_one_cell_per_line_names_its_first_amount_only_under_a_header_that_opens_with_the_actual():
    rows = "公务接待费\n50.50\n30.00\n公务用车购置及运行维护费\n12.80\n12.00\n说明如下。"
    assert found("单位:万元\n" + rows, report_type="final_accounts") == set()  # the header was lost
    assert found("2022年决算数\n2021年决算数\n" + rows, report_type="final_accounts") == {
        ("sangong.reception", 505000.0),
        ("sangong.vehicle", 128000.0),
    }
    assert found("预算数\n决算数\n" + rows, report_type="final_accounts") == set()


def test_the_old_一般预算_is_a_fund_scope_and_收入及支出总预算_the_budget_total():
    text = "2011年，省示例厅一般预算财政拨款安排的“三公经费”支出535.81万元，其中因公出国(境)费213.88万元。"
    assert found(text, report_type="final_accounts", fiscal_year=2011) == {
        ("sangong.total", 5358100.0),
        ("sangong.outbound", 2138800.0),
    }
    assert found("2011年部门收入及支出总预算670605.60万元。", report_type="budget", fiscal_year=2011) == {
        ("budget.initial_total", 6706056000.0)
    }


def test_the_2025_reforms_project_classes_only_特定目标类_is_项目支出():
    text = (
        "本单位2026年支出预算1291.68万元，其中：人员类项目支出375.95万元，占29.10%；"
        "运转类项目支出50.76万元，占3.93%；特定目标类项目支出864.97万元，占66.97%。"
    )
    assert found(text, report_type="budget", fiscal_year=2026) == {
        ("budget.initial_total", 12916800.0),
        ("budget.initial_project", 8649700.0),
    }


def test_amounts_in_a_flattened_forms_indicator_table_are_indicator_values():
    form = (
        "项目名称示例院区建设补助年度财政资金总额1000万元一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分"
        "效益指标经济效益院区医疗收入达到5亿元5亿元6.47亿元10"
    )
    assert found(form, report_type="self_eval_project") == set()


def test_a_全年支出_heading_on_a_budget_page_names_no_actual_stage():
    text = "（二）全年支出\n1、基本支出\n2022年基本支出264.72万元，其中人员经费227.22万元，公用经费37.5万元。"
    assert found(text, report_type="budget") == {
        ("budget.initial_basic", 2647200.0),
        ("budget.initial_basic_personnel", 2272200.0),
        ("budget.initial_basic_goods_services", 375000.0),
    }


def test_a_carry_over_named_结余和结转():
    text = "收入总计998.00万元，其中上年结余和结转204.33万元。"
    assert found(text, report_type="final_accounts") == {("revenue.total", 9980000.0), ("revenue.carryover", 2043300.0)}
    # a budget's revenue parts are budgeted, no revenue received
    assert found(text.replace("收入总额", "收入预算总额"), report_type="budget") == {
        ("budget.initial_total", 9980000.0)
    }


def test_a_sentence_opening_with_此外_adds_parts_of_the_last_total():
    text = (
        "2011年示例署“三公经费”预算约为5.1亿元，其中公务用车购置及运行费4.5亿元。"
        "此外，因公出国(境)费和公务接待费分别为2619和3573万元。"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2010) == set()


def test_a_sentence_without_a_year_takes_the_year_of_its_paragraphs_first_amount():
    text = (
        "2011年示例局开展业务活动共开支公务接待费120万元。其中：外事接待费支出4.0万元，主要用于外宾考察。"
        "国内公务接待支出116.0万元，主要用于普查验收。\n2012年示例局拟安排公务接待费预算110万元。"
    )
    figures = extract(text, report_type="budget", fiscal_year=2012)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.reception", 2011, 1200000.0),
        ("sangong.reception_foreign", 2011, 40000.0),
        ("sangong.reception_domestic", 2011, 1160000.0),
    }


def test_a_paragraph_defining_an_item_gives_its_budget_no_total():
    text = (
        "（一）经费拨款：指财政部门当年安排给单位的资金。2013年预算安排3464.93万元。\n"
        "2013年本部门收入预算总额3600.00万元。"
    )
    assert found(text, report_type="budget", fiscal_year=2013) == {("budget.initial_total", 36000000.0)}


def test_a_project_reports_staff_counts_are_the_units():
    title = "示例县水务局2020年示例保护经费的绩效自评报告"
    document = {"department": DEPT, "fiscal_year": 2020, "report_type": "self_eval_project", "title": title}
    text = "（一）项目单位基本情况。本中心核定事业编制12名，实有在职人员11人。（二）该项目年初预算30万元。"
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {f["subject"] for f in figures if f["metric"].startswith("staff.")} == {DEPT}


def test_a_sibling_item_printed_as_a_sentence_ends_the_function_classes():
    text = (
        "（一）按支出功能分类，包括卫生健康支出(类) 1165.43万元。\n"
        "（二）按支出用途分类，包括人员支出401.10万元，日常公用支出715.90万元，项目支出48.43万元。"
    )
    assert found(text, report_type="budget", fiscal_year=2021) == {
        ("budget.initial_basic_personnel", 4011000.0),
        ("budget.initial_basic_goods_services", 7159000.0),
        ("budget.initial_project", 484300.0),
    }


def test_a_change_is_no_projects_name():
    text = "2022年收入预算为848.34万元，其中：一般公共预算848.34万元占100%，比上年预算数增加203.69万元。"
    assert all(f["subject"] == DEPT for f in extract(text, report_type="budget")["figures"])


def test_a_count_of_projects_announces_their_list_and_sources_of_money_are_no_projects():
    text = (
        "参与绩效评价的项目共3个,项目支出120万元。其中:财政拨款项目支出20万元,其他项目支出100万元。具体如下:\n"
        "1、档案整理费8万元,主要用于档案整理;\n2、政策宣传经费12万元;\n3、就业专项资金100万元。"
    )
    assert found(text, report_type="self_eval_project") == {
        ("expenditure.project", 1_200_000),
        ("projects.spent", "档案整理费", 80_000),
        ("projects.spent", "政策宣传经费", 120_000),
        ("projects.spent", "就业专项资金", 1_000_000),
    }


def test_a_paragraph_summing_up_a_projects_self_evaluation_speaks_of_that_project():
    text = "文物保护项目绩效自评综述：根据年初设定的绩效目标，全年预算数为80万元，执行数为76.4万元。"
    assert found(text, report_type="other") == {
        ("budget.adjusted_total", "文物保护", 800_000),
        ("projects.spent", "文物保护", 764_000),
    }


def test_an_evaluation_of_one_project_speaks_of_that_project():
    document = {
        "department": DEPT,
        "fiscal_year": 2023,
        "report_type": "external_evaluation",
        "title": "示例县自然资源局2023年省级地质灾害防治专项资金项目绩效评价报告",
    }
    text = "2023年示例县地质灾害防治补助资金全年预算安排60万元,预算支出60万元,预算执行率为100%。"
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} == {
        ("budget.adjusted_total", "省级地质灾害防治专项资金", 600_000),
        ("projects.spent", "省级地质灾害防治专项资金", 600_000),
        ("projects.execution_rate_pct", "省级地质灾害防治专项资金", 100),
    }


def test_a_cover_forms_fields_with_their_unit_on_a_line_between_and_its_project_name_line():
    document = {
        "department": DEPT,
        "fiscal_year": 2021,
        "report_type": "self_eval_project",
        "title": "平江县财政支出项目绩效评价自评报告",
    }
    text = (
        "项目名称    护林防火 专项\n\n项目单位    示例县林业局\n\n计划安排资金\n\n(万元)\n\n60\n\n"
        "实际到位资金\n\n(万元)\n\n58\n\n实际支出\n\n(万元)\n\n57.5\n\n结余(万元)\n\n0.5"
    )
    figures = extract_figures(Body(text=text), document)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} >= {
        ("projects.received", "护林防火专项", 580_000),
        ("projects.spent", "护林防火专项", 575_000),
    }


def test_a_cover_form_flattened_into_one_run_names_its_project_before_its_unit_label():
    """`项目名称-X项目单位Y主管部门Z…`: labels and values glued, no colon; the title is the template's words."""
    document = {
        "department": "",
        "fiscal_year": None,
        "report_type": "external_evaluation",
        "title": "浙江示例财政支出项目绩效评价报告",
    }
    text = (
        "示例市财政支出项目绩效评价报告项目名称-市级文旅融合发展资金项目单位示例日报社主管部门示例市委宣传部"
        "预算安排资金(万元)1,250.00"
    )
    figures = extract_figures(Body(text=text), document)["figures"]
    assert [(f["metric"], f["subject"], f["value"]) for f in figures] == [
        ("budget.initial_project", "市级文旅融合发展资金", 12_500_000)
    ]


def test_the_rest_of_the_projects_is_no_project():
    figures = extract("其他专项支出预算为74.0万元，主要项目是：", report_type="budget")["figures"]
    assert not [f for f in figures if f["subject"] == "其他"]


def test_the_same_period_of_last_year_is_the_year_before_the_reported_one():
    text = "本年度公务用车费为28万元，比去年同期26万元增长了7.69%。本年度公务接待费为32万元，去年同期32.1万元。"
    figures = extract(text, report_type="other", fiscal_year=2018)["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("sangong.vehicle", 2018, 280_000),
        ("sangong.vehicle", 2017, 260_000),
        ("sangong.reception", 2018, 320_000),
        ("sangong.reception", 2017, 321_000),
    }


def test_each_numbered_unit_of_a_combined_budget_has_its_own_totals():
    text = (
        "预算总收入500万元，其中：经费拨款420万元，其他收入80万元。\n"
        "1、示例局机关预算总收入380万元，其中：其他收入30万元。\n"
        "2、示例推广站预算总支出120万元，其中：基本支出120万元；项目支出0元。"
    )
    figures = extract(text, report_type="budget")["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} >= {
        ("budget.initial_total", DEPT, 5_000_000),
        ("budget.initial_total", "示例局机关", 3_800_000),
        ("budget.initial_basic", "示例推广站", 1_200_000),
        ("budget.initial_project", "示例推广站", 0),
    }
    assert not [f for f in figures if f["subject"] == DEPT and f["value"] in (3_800_000, 300_000, 1_200_000)]


def test_each_subordinate_unit_of_a_list_has_its_own_staff():
    text = "直属2个事业单位：(1)示例保育院：编制41名，实有30人，退休16人；(2)示例服务中心，编制9名，实有8人。"
    figures = extract(text, report_type="budget")["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} == {
        ("staff.authorized_total", "示例保育院", 41),
        ("staff.actual_total", "示例保育院", 30),
        ("staff.authorized_total", "示例服务中心", 9),
        ("staff.actual_total", "示例服务中心", 8),
    }
    # the words announcing a subordinate are no part of its name
    text = "本局核定行政编制11名，在职13名；下设一个二级机构示例监测中心，核定事业编制6名，在职5人。"
    subjects = {f["subject"] for f in extract(text, report_type="budget")["figures"]}
    assert subjects == {DEPT, "示例监测中心"}


def test_a_source_of_money_opening_a_clause_of_an_announced_project_list_is_no_project():
    text = "我局2023年共有2个专项项目。其中,省级补助年初预算数30万元,年末结算支出30万元;案件审判年初预算数5万元。"
    subjects = {f["subject"] for f in extract(text, report_type="self_eval_department")["figures"]}
    assert "案件审判" in subjects and "省级补助" not in subjects


def test_a_numbered_paragraph_opened_by_a_project_and_a_comma_is_about_that_project():
    text = (
        "1、示例乡农田道路建设项目,铺建砂石路11公里。2023年下达财政专项扶贫资金197万元,实际已支付186.98万元,"
        "支付完成率为94.91%。\n2、示例村市场建设项目,新建管理用房一座。实际已支付101.59万元,支付完成率为94.06%。"
    )
    figures = extract(text, report_type="external_evaluation")["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} >= {
        ("projects.spent", "示例乡农田道路建设", 1869800.0),
        ("projects.execution_rate_pct", "示例乡农田道路建设", 94.91),
        ("projects.spent", "示例村市场建设", 1015900.0),
    }


def test_a_fund_reports_section_heading_names_the_fund_its_money_is_of():
    """`一、X资金(Y经费)` heads the section of one of the report's funds; `其中` each level's part is none of its
    money."""
    text = (
        "一、中央自然灾害救灾资金(森林草原航空消防租机补助经费)\n(一)资金投入情况。\n"
        "实际执行865.5万元，项目执行率91.2%。其中中央补助经费执行600万元，省级财政配套资金执行265.5万元。\n"
        "二、中央自然灾害救灾资金(冬春救助经费)\n实际执行320万元。"
    )
    document = {"department": DEPT, "fiscal_year": 2023, "report_type": "self_eval_project", "title": ""}
    found = {(f["metric"], f["subject"], f["value"]) for f in extract_figures(Body(text=text), document)["figures"]}
    assert found == {
        ("projects.spent", "森林草原航空消防租机补助经费", 8655000.0),
        ("projects.execution_rate_pct", "森林草原航空消防租机补助经费", 91.2),
        ("projects.spent", "冬春救助经费", 3200000.0),
    }


def test_an_amount_compared_with_a_printed_year_before_a_comma_and_its_change_is_that_years():
    text = "2018年部门预算收入总数2052.43万元，较2017年部门预算收入总数1831.29万元，增加221.14万元。"
    found = {(f["metric"], f["fiscal_year"], f["value"]) for f in extract(text, "budget", 2018)["figures"]}
    assert found == {("budget.initial_total", 2018, 20524300.0), ("budget.initial_total", 2017, 18312900.0)}


def test_a_paragraph_opening_with_its_breakdown_keeps_the_stage_of_the_paragraph_before():
    """`…“三公”经费预算总额为5.55亿元。` ⏎ `其中，公务接待费0.98亿元…`: the items are budgeted, as the total is (and
    budgeted 三公 amounts are no figures)."""
    text = "今年省本级部门“三公”经费预算总额为5.55亿元，较上年减少0.43亿元。\n其中，公务接待费0.98亿元，减少0.43亿元。"
    assert found(text, report_type="other") == set()


def test_the_one_project_a_report_says_it_has_owns_its_money():
    document = {"department": DEPT, "fiscal_year": 2022, "report_type": "self_eval_project", "title": ""}
    text = "一、基本情况\n我校2022年项目为一个:课后服务补助项目。\n二、资金使用情况\n2022年实际支出共计41.30万元。"
    found = extract_figures(Body(text=text), document)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in found} == {("projects.spent", "课后服务补助", 413000.0)}


def test_a_commissioned_evaluations_cover_naming_the_whole_spending_names_no_project():
    document = {
        "department": DEPT,
        "fiscal_year": 2022,
        "report_type": "external_evaluation",
        "title": f"{DEPT}2022年部门整体支出绩效评价报告",
    }
    text = "项目名称:2022年部门整体支出绩效评价\n二、预算执行情况\n2022年项目支出预算45.5万元，实际支出43.2万元。"
    found = extract_figures(Body(text=text), document)["figures"]
    assert {f["subject"] for f in found} == {DEPT}


def test_a_contents_lists_page_numbers_are_no_amounts():
    document = {"department": DEPT, "fiscal_year": 2022, "report_type": "self_eval_project", "title": ""}
    text = "目 录\n四、绩效评价分析情况 9\n(三)预算执行 11\n(四)预算管理 13\n"
    assert extract_figures(Body(text=text), document)["figures"] == []


@pytest.mark.parametrize(
    "text",
    [
        "2024年部门预算支出86.4万元，比2023年实际支出80.2万元增加6.2万元。",
        "2024年收支总预算86.4万元，比上年实际支出80.2万元增加6.2万元。",
        "2024年收支总预算86.4万元，比上年决算支出80.2万元增加6.2万元。",
    ],
)
def test_a_budget_compared_with_the_year_befores_actual_spending_gives_that_years_spending(text):
    figures = extract(text, report_type="budget", fiscal_year=2024)["figures"]
    spent = [(f["metric"], f["fiscal_year"], f["value"]) for f in figures if f["value"] == 802000.0]
    assert spent == [("expenditure.total", 2023, 802000.0)]


def test_a_part_a_total_notes_in_brackets_is_no_project_and_a_bracketed_list_drops_its_intro_word():
    text = (
        "2023年决算总支出860.40万元(包含使用的存量资金120.5万元)。"
        "2023年项目支出120万元(包括河道巡查经费50万元、水质监测经费70万元)。"
    )
    subjects = {f[1] for f in found(text, report_type="final_accounts") if len(f) == 3}
    assert subjects == {"河道巡查经费"} or subjects == {"河道巡查经费", "水质监测经费"}


def test_a_sangong_item_compared_with_its_own_budget_is_spent_whatever_stage_came_before():
    text = (
        "经汇总，2023年三公经费决算数为96.6万元，预算数为138.7万元。\n"
        "其中，因公出国(境)经费3.2万元，比年初预算数减少0.8万元，共组织因公出国(境)团组2个，6人次。"
    )
    assert {("sangong.outbound", 32000.0), ("sangong.outbound_groups", 2), ("sangong.outbound_persons", 6)} <= found(
        text, report_type="final_accounts", fiscal_year=2023
    )


def test_trip_counts_after_其中_are_parts_of_the_count_the_sentence_gave():
    text = "全年安排因公出国(境)团组12个、58人次，其中：参加国际会议3个团组、11人次，技术交流9个团组、47人次。"
    assert found(text, report_type="final_accounts") == {
        ("sangong.outbound_groups", 12),
        ("sangong.outbound_persons", 58),
    }
    # a count first given after 其中 is still read
    assert found("其中：因公出国(境)团组2个、6人次。", report_type="final_accounts") == {
        ("sangong.outbound_groups", 2),
        ("sangong.outbound_persons", 6),
    }


def test_a_run_on_list_of_projects_names_each_items_money_and_the_sentences_after_it():
    text = (
        "示例市公墓管理所2023年度共有3个项目1、纪念碑修缮项目:预算28.5万元,全年实际支付28.5万元,使用率100%。"
        "修缮范围为碑体及台阶。共支出成本28.5万元,已实际支付28.5万元。"
        "2、园区整体提升改造工程(二期)项目: 预算640万元,全年实际支付612万元,使用率95.63%。"
    )
    assert found(text, report_type="self_eval_project", fiscal_year=2023) == {
        ("budget.initial_project", "纪念碑修缮", 285000.0),
        ("projects.spent", "纪念碑修缮", 285000.0),
        ("projects.execution_rate_pct", "纪念碑修缮", 100.0),
        ("budget.initial_project", "园区整体提升改造工程(二期)", 6400000.0),
        ("projects.spent", "园区整体提升改造工程(二期)", 6120000.0),
        ("projects.execution_rate_pct", "园区整体提升改造工程(二期)", 95.63),
    }
    # a new section ends the list: its money is no longer the last project's
    after = text + "二、部门整体支出情况：全年总支出1500万元。"
    assert ("expenditure.total", 15000000.0) in found(after, report_type="self_eval_department", fiscal_year=2023)


def test_the_sections_of_the_appropriations_spending_are_the_funds_down_to_their_last_subsection():
    text = (
        "三、支出决算情况说明\n本年支出合计860.20万元，其中：基本支出790.10万元；项目支出70.10万元。\n"
        "四、一般公共预算财政拨款支出决算情况说明\n(一)财政拨款支出决算总体情况\n"
        "2022年度财政拨款支出812.40万元，占本年支出合计的94.4%。\n(二)财政拨款支出决算结构情况\n"
        "2022年度财政拨款支出812.40万元，主要用于以下方面：基本支出742.30万元，占91.37%；项目支出70.10万元。\n"
        "(三)财政拨款支出决算具体情况\n一般公共预算财政拨款收入：\n年初预算为655.00万元，支出决算为812.40万元。\n"
        "五、“三公”经费支出决算情况说明\n2022年度“三公”经费支出12.50万元。"
    )
    assert found(text, report_type="final_accounts", fiscal_year=2022) == {
        ("expenditure.total", 8602000.0),
        ("expenditure.basic", 7901000.0),
        ("expenditure.project", 701000.0),
        ("sangong.total", 125000.0),
    }


@pytest.mark.parametrize(
    "sentence,budget",
    [
        ("2022年区财政预算安排文化引导专项资金300万元，用于扶持文化事业。", 3000000.0),
        ("2022年预算安排“文化引导专项资金”项目资金260万元。", 2600000.0),
        ("2022年区财政安排文化引导专项资金300万元。", None),  # 安排 alone is no budget wording
        ("2022年预算安排宣传文化事业资金300万元。", None),  # another fund's name is a gap
    ],
)
def test_the_subjects_own_name_between_a_wording_and_its_amount_is_no_gap(sentence, budget):
    title = "示例区委宣传部2022年文化引导专项资金绩效自评报告"
    head = f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
    page = f"{head}<body><h1>{title}</h1><p>{sentence}</p></body></html>"
    figures = extract_page(page.encode(), "http://127.0.0.1/own-name.htm")["figures"]
    found = [
        f["value"] for f in figures if f["metric"] == "budget.initial_project" and f["subject"] == "文化引导专项资金"
    ]
    assert found == ([budget] if budget else [])


def test_a_paragraph_opened_by_a_numbered_project_whose_name_starts_with_its_year_is_that_projects():
    """`1.2021年第一批…建设项目,…。…已拨付270万元`: the name may open with its year (digits right after the number)."""
    text = (
        "1.2023年第一批衔接资金茶叶加工厂建设项目,项目实施助推产业发展。项目资金已拨付86万元。\n"
        "2.2023年第一批衔接资金村内道路硬化项目,提升出行条件。项目资金已拨付42.5万元。"
    )
    figures = extract(text, "self_eval_project", fiscal_year=2023)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures} == {
        ("projects.spent", "2023年第一批衔接资金茶叶加工厂建设", 860000.0),
        ("projects.spent", "2023年第一批衔接资金村内道路硬化", 425000.0),
    }


def test_a_sentence_opened_by_a_projects_name_then_its_total_spending_is_that_projects():
    """`X工程项目，总支出180万元`: the project the sentence opens with owns its total spending, as it owns `支出`."""
    text = "乙中学运动场改造工程项目，总支出96.4万元，其中省级补助资金60万元。"
    figures = extract(text, "self_eval_department", fiscal_year=2023)["figures"]
    assert ("projects.spent", "乙中学运动场改造工程", 964000.0) in {
        (f["metric"], f["subject"], f["value"]) for f in figures
    }


def test_a_title_less_evaluation_of_one_project_over_a_period_names_it_without_the_years():
    """`受委托，对2019-2021年X项目开展重点绩效评价`: an evaluation with no title is about the project its opening names,
    the years its period, no part of the name."""
    text = (
        "受区财政局委托，评价组对2020-2022年城区绿化养护项目开展了重点绩效评价。\n"
        "2020至2022年期间，截至2022年12月31日，已经支出3,120.50万元。\n"
        "经综合评价，该项目最终得分86.5分，等级为良。"
    )
    result = extract(text, "external_evaluation")
    assert ("projects.spent", "城区绿化养护", 31205000.0) in {
        (f["metric"], f["subject"], f["value"]) for f in result["figures"]
    }
    assert [(e["subject_type"], e["subject"], e["score"]) for e in result["evaluations"]] == [
        ("project", "城区绿化养护", 86.5)
    ]


def test_a_三公_section_on_what_was_allotted_holds_budgets():
    """`一、“三公”经费安排情况` heads the allotment, whatever the page's kind: its amounts are budgets, no figures;
    a section on the spending keeps them."""
    body = "2023年本部门财政拨款安排“三公”经费12.5万元，其中：公务接待费2.5万元，公务用车运行维护费10万元。"
    assert found("一、“三公”经费安排情况\n" + body, report_type="other", fiscal_year=2023) == set()
    spent = found("一、“三公”经费支出情况\n" + body, report_type="other", fiscal_year=2023)
    assert ("sangong.total", 125000.0) in spent


def test_a_clause_opened_by_a_quoted_projects_name_is_that_projects_without_its_quote_marks():
    """`…执行率为88%：“甲经费”项目支出31.4万元，预算执行率84.5%；“乙经费”项目支出…`: each quoted name owns its clause's
    money and rate, named without the quote marks; `本次评价涉及` is what an evaluation covers, no project."""
    text = (
        "本次评价涉及项目支出共156.20万元，两个项目整体预算执行率为88.10%：“教学培训经费”项目支出31.40万元，"
        "预算执行率84.50%，评价得分86分；“校舍维修改造经费”项目支出124.80万元，预算执行率为90.12%，评价得分81分。"
    )
    figures = extract(text, "self_eval_project", fiscal_year=2023)["figures"]
    named = {(f["metric"], f["subject"], f["value"]) for f in figures if f["subject"] != DEPT}
    assert named >= {
        ("projects.spent", "教学培训经费", 314000.0),
        ("projects.execution_rate_pct", "教学培训经费", 84.5),
        ("projects.spent", "校舍维修改造经费", 1248000.0),
        ("projects.execution_rate_pct", "校舍维修改造经费", 90.12),
    }
    assert not any("“" in f["subject"] or f["subject"].startswith("本次") for f in figures)


def test_an_allotment_to_the_units_place_and_its_items_after_具体为_are_money_received():
    """`共下达某市X经费620万元，具体为下达A工程400万元、B120万元…`: the fund's money (the place it was allotted to is
    no part of the fund's name) and each project's part."""
    text = (
        "2020年9月，市财政局共下达玉溪市国家文物保护专项经费620万元，具体为下达古城墙抢救性修缮工程400万元、"
        "博物馆藏品预防性保护120万元、石窟防雷工程100万元。"
    )
    figures = extract(text, "self_eval_project", fiscal_year=2020)["figures"]
    assert {(f["metric"], f["subject"], f["value"]) for f in figures if f["subject"] != DEPT} == {
        ("projects.received", "国家文物保护专项经费", 6200000.0),
        ("projects.received", "古城墙抢救性修缮工程", 4000000.0),
        ("projects.received", "博物馆藏品预防性保护", 1200000.0),
        ("projects.received", "石窟防雷工程", 1000000.0),
    }


def test_counts_of_the_units_own_units_in_a_bracket_after_its_staff_are_no_figures():
    """`事业人员实有18人(农技服务中心8人、文化服务中心编制6人、社保所编制4人)`: the parts of its units."""
    text = (
        "编制总数30名，其中：行政编制12名；事业编制18名。"
        "事业人员实有18人(农技服务中心8人、文化服务中心编制6人、社保所编制4人)。"
    )
    assert found(text, report_type="final_accounts") == {
        ("staff.authorized_total", 30),
        ("staff.authorized_admin", 12),
        ("staff.authorized_institution", 18),
        ("staff.actual_institution", 18),
    }


def test_a_levels_share_named_at_the_start_of_its_segment_keeps_its_execution_out_of_the_funds():
    """`…全年执行数为12万元。其中:2024年中央彩票公益金10万元,2024年度执行数8.5万元;…`: the central share's."""
    text = (
        "该项目全年预算数为13万元,全年执行数为12万元,预算执行率为92.31%。"
        "其中:2024年中央彩票公益金10万元,2024年度执行数8.5万元,预算执行率为85%。"
    )
    spent = {
        f["value"]
        for f in extract(text, "self_eval_project", fiscal_year=2024)["figures"]
        if f["metric"] == "projects.spent"
    }
    assert spent == {120000.0}


def test_on_a_page_naming_no_unit_an_allotted_funds_money_is_the_funds():
    """A title-less fund report whose unit is never named: the fund the allotment names is the money's subject, and
    `…转移支付涉及两类项目` is a phrase, no project's name."""
    text = (
        "我市2023年度中央专项资金转移支付涉及两类项目,分别是:水污染防治类和土壤污染防治类。\n"
        "水污染防治类:2023年度,中央下达我市水污染防治资金共860万元,我市及时将资金下拨至相关县区。"
    )
    document = {"department": None, "fiscal_year": 2023, "report_type": "self_eval_project", "title": ""}
    figures = extract_figures(Body(text=text), document)["figures"]
    assert [(f["metric"], f["subject"], f["value"]) for f in figures] == [
        ("projects.received", "水污染防治资金", 8600000.0)
    ]


def test_a_former_count_in_a_bracket_after_the_posts_is_no_figure():
    """`核定事业编制8名(原机关核定事业编制5名、核增3名)`: the establishment before a change, not the unit's now."""
    text = "某协会机关设内设机构2个，核定全额预算事业编制8名(原机关核定全额预算事业编制5名、核增3名)。"
    assert found(text, report_type="budget", fiscal_year=2023) == {
        ("staff.authorized_total", 8),
        ("staff.authorized_institution", 8),
    }


def test_a_point_of_a_list_opened_by_a_projects_name_is_that_projects():
    """`一是X项目,安排项目预算资金…`: in a report on a programme, each point its project opens is that project's."""
    text = (
        "安排乡村振兴示范项目预算资金860万元。"
        "一是人居环境整治项目,安排项目预算资金500万元,主要用于改厕。"
        "二是产业路建设项目,安排项目预算资金360万元。"
    )
    figures = extract(text, "self_eval_project", fiscal_year=2023)["figures"]
    found_here = {(f["metric"], f["subject"], f["value"]) for f in figures}
    assert ("budget.initial_project", "人居环境整治", 5000000.0) in found_here
    assert ("budget.initial_project", "产业路建设", 3600000.0) in found_here


def test_a_counted_list_of_projects_after_其中_gives_each_its_part():
    """`部门预算总计X万元，其中项目资金两项：A经费…，占…；B经费…`: the count between 其中 and the first item."""
    text = (
        "2022年部门预算总计86.3万元，其中项目资金两项：普法宣传经费20.5万元，占部门预算数的23.75%；调解工作经费6万元。"
    )
    assert found(text, report_type="self_eval_department") >= {
        ("budget.initial_total", 863000.0),
        ("budget.initial_project", "普法宣传经费", 205000.0),
        ("budget.initial_project", "调解工作经费", 60000.0),
    }


def test_a_payments_items_repeat_its_verb():
    """`实际支付X万元，其中：用于A建设项目200万元、B项目270万元`: the items without the verb."""
    text = "项目资金实际支付470万元，其中：用于服务中心建设项目150万元、专家工作站建设项目320万元。"
    names = {f["subject"] for f in extract(text, "self_eval_project", fiscal_year=2022)["figures"]}
    assert {"服务中心建设", "专家工作站建设"} <= names


def test_an_allotments_items_after_具体是_are_each_projects():
    """`下达预算资金A万元。具体是：X项目…万元；Y项目…万元`: each project's money received."""
    text = "2023年下达我区文物保护资金480万元。具体是：古塔修缮项目300万元；壁画保护项目180万元。"
    assert found(text, report_type="self_eval_project", fiscal_year=2023) >= {
        ("projects.received", "古塔修缮", 3000000.0),
        ("projects.received", "壁画保护", 1800000.0),
    }


def test_a_numbered_line_opened_by_a_funds_name_is_that_funds_in_a_project_report():
    """`1、资料整理费6万元，实际已支付6万元`: the item's money, not the unit's; a numbered 三公 item stays a 三公 item
    and a level's share no item."""
    text = (
        "1、资料整理费6万元，实际已支付6万元，资金支付率100%；\n"
        "2、稽查核查费用9万元，实际已支付8.5万元；\n"
        "3、公务接待费0.8万元；\n"
        "4、中央资金12万元。"
    )
    result = found(text, report_type="self_eval_project", fiscal_year=2024)
    assert {("projects.spent", "资料整理费", 60000.0), ("projects.spent", "稽查核查费用", 85000.0)} <= result
    assert not {f for f in result if len(f) == 3 and f[1] in ("公务接待费", "中央资金")}


def test_a_title_less_report_names_its_project_without_the_allotments_year_and_verb():
    """`2023年中央下达X项目预算资金1465万元`: X is the project, the year and 中央下达 the allotment's; its money is
    received."""
    text = "2023年中央下达油菜育苗基地建设项目预算资金680万元(分两年实施)。2023年完成支付312.4万元。"
    assert found(text, report_type="self_eval_project", fiscal_year=2023) >= {
        ("projects.received", "油菜育苗基地建设", 6800000.0),
        ("projects.spent", "油菜育苗基地建设", 3124000.0),
    }


def test_a_run_on_score_table_after_the_money_gives_no_money():
    """A form flattened into one run: after `一级指标 分值 … 得分`, bare numbers are points, never money."""
    text = (
        "项目资金(万元) 实际到位资金 300.00 实际使用情况 180.50 其中:中央财政 省财政预算 市县财政预算 180.50 "
        "二、绩效评价指标评分 一级指标 分值 二级指标 分值 三级指标 分值 得分 项目决策 15 项目目标 6 目标内容 6 5 "
        "决策过程 9 决策依据 2 2"
    )
    result = found(text, report_type="self_eval_project", fiscal_year=2023)
    assert {value for *_, value in result} == {3000000.0, 1805000.0}
