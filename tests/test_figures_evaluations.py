"""Scores and ratings in text (the evaluations table), with synthetic wordings."""

import pytest

from pipelines.body import Body
from pipelines.figures import extract_figures
from pipelines.figures.evaluations import normalise_rating

DEPT = "示例县水务局"


def evaluations(text: str) -> list[tuple]:
    document = {"department": DEPT, "fiscal_year": 2022, "report_type": "self_eval_department_and_project"}
    found = extract_figures(Body(text=text), document)["evaluations"]
    return sorted(
        (e["subject_type"], e["subject"], e["score"], e["rating_text"], e["rating"], e["max_score"]) for e in found
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("部门整体支出绩效自评得分91.5分，等级为“优”。", [("department", DEPT, 91.5, "优", "优", None)]),
        ("我局综合评分为88分，评价等级：良好。", [("department", DEPT, 88.0, "良好", "良", None)]),
        (  # the unit speaking of itself before the project it scores
            "我校教育专项工作经费项目自评得分100分，自评结果为“优秀”。",
            [("project", "教育专项工作经费", 100.0, "优秀", "优", None)],
        ),
        ("我局2022年度自评得分为89.5分，评价等级为“良”。", [("department", DEPT, 89.5, "良", "良", None)]),
        ("经自评，本部门绩效评价得分\n90 分，评定为【优秀】。", [("department", DEPT, 90.0, "优秀", "优", None)]),
        ("本单位自评总分(分)96.2。", [("department", DEPT, 96.2, None, None, None)]),
        (  # scores of several projects listed across `、`: each its own name, not the ones before it
            "根据各乡镇上报情况，河道清淤绩效自评分数为76.5分、堤防加固绩效自评得分88分。",
            [("project", "堤防加固", 88.0, None, None, None), ("project", "河道清淤", 76.5, None, None, None)],
        ),
        # a form flattened into one run: the label printing its unit is the score's header, the next cell follows
        ("部门联系人王五电话自评总分(分)94.36年初预算数", [("department", DEPT, 94.36, None, None, None)]),
        ("一、项目概况5.1绩效评价得分情况说明", []),  # a heading's number glued to words is no score
        # the grade first, its score in brackets after it; also a form's label on its own line, the grade
        # letter-spaced and the bracket lost
        ("综合评价等级为“优”（92.5分）。", [("department", DEPT, 92.5, "优", "优", None)]),
        ("评价结果\n优 秀93分)", [("department", DEPT, 93.0, "优秀", "优", None)]),
        ("评价结果：良好（84分）。", [("department", DEPT, 84.0, "良好", "良", None)]),
        # the score as 评分结果, the verdict on the whole after it; `优良` is no grade
        ("本部门绩效评分结果为86.2分，总体绩效良好。", [("department", DEPT, 86.2, "良好", "良", None)]),
        # a whole report's `自评得97.5分`, not an indicator's `自评得2分`
        ("经综合评价，本部门自评得96.5分。", [("department", DEPT, 96.5, None, None, None)]),
        ("该指标分值5分，自评得2分。", []),
        # a grade after both 为 and a colon
        ("本单位自评得分91.3，综合评价结果为：优。", [("department", DEPT, 91.3, "优", "优", None)]),
        ("本部门自评分为93分，整体看总体绩效优良。", [("department", DEPT, 93.0, None, None, None)]),
        # a letter grade is kept as printed; which word it stands for is not printed
        ("我局整体绩效自评分数为89分，等级为B。", [("department", DEPT, 89.0, "B", None, None)]),
        (  # `评定结果` and `综合` are parts of the score's label, no project's name
            "客观评价2021年饮水安全项目资金使用情况，评定结果得分为90.15分，评定等次为“优”。",
            [("department", DEPT, 90.15, "优", "优", None)],
        ),
        ("满分100分，我局最终得分92分，评价结果为“优”。", [("department", DEPT, 92.0, "优", "优", 100.0)]),
        (
            "农村饮水安全巩固提升项目自评得分85分，等级为良。",
            [("project", "农村饮水安全巩固提升", 85.0, "良", "良", None)],
        ),
        (
            "项目自评结果如下：河道清淤经费93分（优），水质监测经费78.5分（中）。",
            [("project", "水质监测经费", 78.5, "中", "中", None), ("project", "河道清淤经费", 93.0, "优", "优", None)],
        ),
        ("我局自评得分86分，未评定等级。", [("department", DEPT, 86.0, None, None, None)]),
        # a bare `项目…得分` after a paragraph that opened with the project's name
        (
            "文物保护项目绩效自评综述：根据年初设定的绩效目标，项目绩效自评得分为95分。",
            [("project", "文物保护", 95.0, None, None, None)],
        ),
        # an indicator's maximum is not the total's
        ("资金到位率本项目满分3分，得3分，我局总得分90分。", [("department", DEPT, 90.0, None, None, None)]),
        # a score alone under the heading that announces it
        ("一、自评结论\n(一)自评得分\n93.5分。\n(二)绩效目标完成情况", [("department", DEPT, 93.5, None, None, None)]),
        ("(一)部门整体支出绩效自评得分\n88分,评价等级为良。", [("department", DEPT, 88.0, "良", "良", None)]),
        ("(一)河道清淤经费项目自评得分\n91分。", [("project", "河道清淤经费", 91.0, None, None, None)]),
        # a grade after 结论, its closing quote lost at the paragraph's end
        ("本单位自评得分为98分，自评结论为“优秀", [("department", DEPT, 98.0, "优秀", "优", None)]),
        # a scheme with bonus points scores above 100
        ("我局衔接资金绩效自评得分103.5分。", [("department", DEPT, 103.5, None, None, None)]),
        # a grade without a score, also broken by a line end
        ("部门目标实现率100%，整体绩效自评为优\n秀。", [("department", DEPT, None, "优秀", "优", None)]),
    ],
)
def test_scores(text, expected):
    assert evaluations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "得分≥90分评为优，80（含）至90分为良，良：80～89分，60分以下为差。",
        "全县12个部门中9个为“优”。",
        "部门预算绩效目标得分率95%。",
        "经县财政局组织的重点评价，得分82分。",
        "评价结果为优的项目共3个。",
        "90分及以上评为优秀（90分及以上），80至89分评为良（80-89分）。",  # a grade's threshold in brackets
        "评价结论为“良”的3个，“中”的1个。",
        "经评价，该项目评价结果为良。",
        "满意度指标受益户满意度10≥95%≥95%10……总分100100注：一级指标分值统一设置为…",  # 分值 and 得分 glued
        "(一)自评得分\n本项目共设3个一级指标。\n100分以上为优。",  # no score alone under the heading
        "五、绩效评价结论\n5.1绩效评价得分\n5.2存在的绩效问题\n六、其他",  # a contents list's next heading number
        "项目资金(万元) 年度资金总额 全年预算数 全年执行数 分值 执行率 得分 0 86.25 10 100% 10",  # a flattened row
        "有年度计划得3分,没 有不得分 1、制度健全情况 2 分;",  # a scoring rule, then a list item's number
    ],
)
def test_not_scores(text):
    assert evaluations(text) == []


def test_the_rating_is_never_derived_from_the_score():
    ((_, _, score, rating_text, rating, _),) = evaluations("我局部门整体支出绩效自评得分95分。")
    assert (score, rating_text, rating) == (95.0, None, None)


@pytest.mark.parametrize(
    "word,four_word,expected",
    [
        ("优秀", False, "优"),
        ("良好", False, "良"),
        ("优", False, "优"),
        ("差", False, "差"),
        ("合格", False, None),
        ("合格", True, "中"),
        ("不合格", True, "差"),
        ("较好", True, None),
        ("一般", False, None),
    ],
)
def test_normalise_rating(word, four_word, expected):
    assert normalise_rating(word, four_word) == expected


def test_a_printed_grade_that_disagrees_with_the_score_is_flagged():
    document = {"department": DEPT, "fiscal_year": 2022, "report_type": "self_eval_department"}
    result = extract_figures(Body(text="部门整体支出绩效自评得分85分，等级为“优”。"), document)
    assert [issue["rule"] for issue in result["validation_issues"]] == ["rating_score_mismatch"]
    assert result["evaluations"][0]["rating"] == "优"


PIPE_FORM = """部门预算项目支出绩效自评表(2023年度) |
项目名称 | 某县档案数字化经费 |
主管部门 | 某县档案馆 | 实施单位 | 某县档案馆 |
预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |
总额 | 5.00 | 5.00 | 4.80 | 96.00% | 10 | 9.6 |
绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |
产出指标 | 数量指标 | 数字化卷数 | ≥ | 2000 | 卷 | 2100 | 90 | |
合计 | 100 | |||||||||
评价结论 | 按计划完成。 |"""


def test_a_total_row_that_lost_its_colspan_prints_the_weights_sum_not_a_score():
    from pipelines.extract import extract_page

    result = extract_page(PIPE_FORM.encode(), "http://example.gov.cn/a.txt")
    assert all(row["score"] != 100 for row in result["evaluations"])


@pytest.mark.parametrize(
    "title,subject",
    [("乡村少年宫运行补助资金项目自评报告", "乡村少年宫运行补助资金"), ("", None)],
)
@pytest.mark.parametrize(
    "text",
    [
        "本项目安排资金10万元。经对资金投入和使用情况进行评价，自评分为96分。其中：项目立项6分，总得分96。",
        "项目能严格按照项目实施方案开展绩效评分96分,自评为优。",  # a clause on how it went names no project
        "一、基本情况\n项目自评分:96分",  # `自评分`, no project called `项目自`
        "对照评分表逐项自评打分，自评分数96。",  # `自评分数`
        "经自评，该项资金绩效自评得分96分。",  # a fund's report: `该项资金` is the report's project
    ],
)
def test_an_unnamed_score_in_a_project_report_is_the_projects(title, subject, text):
    document = {"department": "", "fiscal_year": 2022, "report_type": "self_eval_project", "title": title}
    found = extract_figures(Body(text=text), document)["evaluations"]
    assert [(e["subject_type"], e["subject"], e["score"]) for e in found] == [("project", subject, 96.0)]


def test_this_projects_score_names_no_project_called_this_project():
    """`本项目…得分` with no project named before it: the project is unknown, never one called `本项目`."""
    document = {"department": "示例县民政局", "fiscal_year": 2022, "report_type": "other", "title": ""}
    found = extract_figures(Body(text="经综合评价，本项目绩效评价得分为89分，等级为良。"), document)["evaluations"]
    assert [(e["subject_type"], e["subject"], e["score"]) for e in found] == [("project", None, 89.0)]


def test_an_evaluators_score_in_a_projects_numbered_paragraph_is_that_projects():
    from pipelines.extract import extract_page

    text = (
        "示例县2022年8个重点项目绩效评价报告公开\n1、示例乡农田道路建设项目,铺建砂石路8公里。实际已支付148.20万元。"
        "第三方机构最终绩效评价总得分为90.5分,评价等级为优秀。"
    )
    evaluations = extract_page(text.encode(), "http://example.gov.cn/a.txt")["evaluations"]
    assert [(e["subject_type"], e["subject"], e["score"]) for e in evaluations] == [
        ("project", "示例乡农田道路建设", 90.5)
    ]


def test_a_heading_number_and_a_parts_bracketed_score_name_no_subject():
    text = "一、自评结论\n(一)自评得分99分。\n(二)绩效目标完成情况\nA产出指标(自评分19分)"
    assert [(subject_type, score) for subject_type, _, score, *_ in evaluations(text)] == [("department", 99.0)]
