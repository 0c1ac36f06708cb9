"""Tables → projects, figures and max scores (tests/corpus/03-*), built as Body objects by hand."""

import pytest

from pipelines.body import CELL_SEP, Body
from pipelines.extract import extract_page
from pipelines.figures import extract_figures
from pipelines.grid import PrintedCell, grid_from_printed

DEPT = "示例县水务局"
LEFT, UP = "<", "^"  # a cell merged with its left / upper neighbour (colspan / rowspan)


def body_with_table(
    rows: list[list[str]], before: str = "", after: str = "", caption: str = "", unit_line: str = ""
) -> Body:
    """Render `rows` into the text one row per line (as the HTML renderer does) and build the grid."""
    text = before + "".join(line + "\n" for line in (caption, unit_line) if line)
    start = len(text)
    printed_rows: list[list[PrintedCell]] = []
    for r, row in enumerate(rows):
        printed = [
            PrintedCell(value, _run(rows, r, c, UP), _run([row], 0, c, LEFT))
            for c, value in enumerate(row)
            if value not in (LEFT, UP)
        ]
        for i, cell in enumerate(printed):
            if i:
                text += CELL_SEP
            cell.start, cell.end = len(text), len(text) + len(cell.text)
            text += cell.text
        text += "\n"
        printed_rows.append(printed)
    table = grid_from_printed(
        "table1", printed_rows, caption=caption, unit_line=unit_line, start=start, end=len(text) - 1
    )
    return Body(text=text + after, tables=[table])


def _run(rows: list[list[str]], r: int, c: int, marker: str) -> int:
    """1 + how many `marker` cells follow (r, c) downwards (UP) or to the right (LEFT): its span."""
    span = 1
    while True:
        r2, c2 = (r + span, c) if marker == UP else (r, c + span)
        if r2 >= len(rows) or c2 >= len(rows[r2]) or rows[r2][c2] != marker:
            return span
        span += 1


def extract(body: Body, report_type: str = "self_eval_department_and_project") -> dict:
    return extract_figures(body, {"department": DEPT, "fiscal_year": 2022, "report_type": report_type})


def figures(result: dict) -> set[tuple]:
    return {(f["metric"], f["value"]) for f in result["figures"]}


def test_income_and_expense_table_becomes_project_rows_with_null_blanks():
    body = body_with_table(
        [
            ["预算项目名称", "年初结转结余", "本年实际到位资金", "已使用资金", "年末结转结余资金", "资金使用率"],
            ["河道清淤经费", "0", "50", "48.5", "1.5", "97.00%"],
            ["水质监测经费", "2", "8", "10", "", "100%"],
            ["合计", "2", "58", "58.5", "1.5", ""],
        ],
        unit_line="单位：万元",
    )
    result = extract(body)
    assert result["projects"] == [
        {
            "name": "河道清淤经费",
            "carryover_start": 0.0,
            "received": 500000.0,
            "spent": 485000.0,
            "carryover_end": 15000.0,
            "usage_rate_pct": 97.0,
            "initial_budget": None,
            "full_year_budget": None,
            "executed": None,
            "execution_rate_pct": None,
            "score": None,
            "rating": None,
            "locator": "table 1 row 2",
        },
        {
            "name": "水质监测经费",
            "carryover_start": 20000.0,
            "received": 80000.0,
            "spent": 100000.0,
            "carryover_end": None,
            "usage_rate_pct": 100.0,
            "initial_budget": None,
            "full_year_budget": None,
            "executed": None,
            "execution_rate_pct": None,
            "score": None,
            "rating": None,
            "locator": "table 1 row 3",
        },
    ]
    assert result["figures"] == [] and result["validation_issues"] == []


def test_self_evaluation_table_with_two_header_rows_and_caption_unit():
    body = body_with_table(
        [
            ["序号", "项目名称", "项目资金", LEFT, LEFT, "执行率", "自评得分", "评价等级"],
            [UP, UP, "年初预算数", "全年预算数", "全年执行数", UP, UP, UP],
            ["1", "305001-河道清淤经费", "100.00", "120.00", "114.00", "95.00%", "92.5", "优秀"],
            ["2", "水质监测经费", "40.00", "40.00", "30.00", "75.00%", "78", "中"],
            ["合计", LEFT, "140.00", "160.00", "144.00", "—", "—", "—"],
        ],
        caption="表2 项目支出绩效自评结果汇总表（单位：万元）",
    )
    result = extract(body)
    first, second = result["projects"]
    assert first["name"] == "河道清淤经费"
    assert (first["initial_budget"], first["full_year_budget"], first["executed"]) == (1000000.0, 1200000.0, 1140000.0)
    assert (first["execution_rate_pct"], first["score"], first["rating"]) == (95.0, 92.5, "优")
    assert (second["score"], second["rating"], second["carryover_start"]) == (78.0, "中", None)
    assert sorted((e["subject"], e["rating_text"], e["rating"]) for e in result["evaluations"]) == [
        ("水质监测经费", "中", "中"),
        ("河道清淤经费", "优秀", "优"),
    ]
    assert result["validation_issues"] == []


def test_project_total_row_that_does_not_add_up_is_flagged_not_fixed():
    body = body_with_table(
        [
            ["项目名称", "全年预算数（万元）", "执行数（万元）", "执行率"],
            ["河道清淤经费", "100", "90", "90%"],
            ["水质监测经费", "50", "50", "96%"],
            ["合计", "150", "145", "93.33%"],
        ]
    )
    result = extract(body)
    rules = sorted(issue["rule"] for issue in result["validation_issues"])
    assert rules == ["rate_mismatch", "rate_mismatch", "sum_mismatch"]
    assert result["projects"][1]["execution_rate_pct"] == 96.0


def test_sangong_table_takes_the_final_accounts_column():
    body = body_with_table(
        [
            ["项目", "金额（万元）", LEFT, "增减金额"],
            [UP, "预算数", "决算数", UP],
            ["合计", "20.00", "18.46", "-1.54"],
            ["因公出国（境）费", "0", "0", "0"],
            ["公务用车购置及运行维护费", "16.00", "14.62", "-1.38"],
            ["其中：公务用车购置费", "0", "0", "0"],
            ["　　　公务用车运行维护费", "16.00", "14.62", "-1.38"],
            ["公务接待费", "4.00", "3.84", "-0.16"],
        ]
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.total", 184600.0),
        ("sangong.outbound", 0.0),
        ("sangong.vehicle", 146200.0),
        ("sangong.vehicle_purchase", 0.0),
        ("sangong.vehicle_operation", 146200.0),
        ("sangong.reception", 38400.0),
    }


def test_a_sangong_tables_bare_parts_under_the_vehicle_row_are_the_vehicles():
    body = body_with_table(
        [
            ["项目", "2014年决算(万元)"],
            ["公务接待费", "2.10"],
            ["公务用车购置及运行维护费", "12.60"],
            ["其中：购置经费", "0"],
            ["运行维护费", "12.60"],
        ]
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.reception", 21000.0),
        ("sangong.vehicle", 126000.0),
        ("sangong.vehicle_purchase", 0.0),
        ("sangong.vehicle_operation", 126000.0),
    }


def test_blank_cell_is_null_with_the_glyph_kept_and_codes_are_not_amounts():
    body = body_with_table(
        [
            ["项目", "决算数", "备注"],
            ["30215 会议费", "1.35", "全县工作会议"],
            ["30216 培训费", "—", ""],
        ],
        unit_line="单位：万元",
    )
    result = extract(body, "final_accounts")
    by_metric = {f["metric"]: f for f in result["figures"]}
    assert set(by_metric) == {"meeting_fee", "training_fee"}
    assert by_metric["meeting_fee"]["value"] == 13500.0
    assert by_metric["meeting_fee"]["unit_basis"] == "table_header"
    assert (by_metric["training_fee"]["value"], by_metric["training_fee"]["value_text"]) == (None, "—")
    for figure in result["figures"]:
        assert figure["value_text"] in body.text[figure["span_start"] : figure["span_end"]]
        assert figure["locator"].startswith("table 1 row")


def test_a_table_blank_with_a_value_in_the_text_keeps_the_text_value_and_is_flagged():
    body = body_with_table(
        [["项目", "决算数"], ["培训费", "—"]], before="全年培训费支出1.20万元。\n", unit_line="单位：万元"
    )
    result = extract(body, "final_accounts")
    assert figures(result) == {("training_fee", 12000.0)}
    assert [issue["rule"] for issue in result["validation_issues"]] == ["text_table_mismatch"]


def test_label_value_grid():
    body = body_with_table(
        [
            ["联系人", "周**", "联系电话", "0730-3226518"],
            ["人员编制", "68", "实有人数", "64"],
        ]
    )
    assert figures(extract(body)) == {("staff.authorized_total", 68), ("staff.actual_total", 64)}


def test_budget_execution_table_with_units_in_cells():
    body = body_with_table(
        [
            ["项目", "年初预算", "全年预算", "全年执行", "执行率"],
            ["合计", "2314.56万", "2905.31万", "2861.07万", "98.48%"],
            ["基本支出", "1628.40万", "1702.95万", "1702.95万", "100%"],
            ["项目支出", "686.16万", "1202.36万", "1158.12万", "96.32%"],
        ]
    )
    result = extract(body)
    assert figures(result) == {
        ("budget.initial_total", 23145600.0),
        ("budget.adjusted_total", 29053100.0),
        ("expenditure.total", 28610700.0),
        ("budget.initial_basic", 16284000.0),
        ("expenditure.basic", 17029500.0),
        ("budget.initial_project", 6861600.0),
        ("expenditure.project", 11581200.0),
    }
    assert {f["unit_basis"] for f in result["figures"]} == {"inline"}
    assert result["projects"] == []


def test_score_table_total_gives_the_department_maximum():
    body = body_with_table(
        [
            ["一级指标", "分值", "得分"],
            ["部门决策", "25", "23"],
            ["部门管理", "75", "69"],
            ["合计", "100", "92"],
        ],
        before="我局部门整体支出绩效自评得分92分，等级：优秀。\n",
    )
    (evaluation,) = extract(body)["evaluations"]
    assert (evaluation["score"], evaluation["max_score"], evaluation["rating"]) == (92.0, 100.0, "优")


def test_a_self_evaluation_form_is_one_project_not_a_list_of_rows():
    body = body_with_table(
        [
            ["项目名称", "农村饮水安全巩固提升项目", LEFT, LEFT, LEFT, LEFT, LEFT],
            ["主管部门", "示例县水务局", LEFT, "实施单位", "示例县水务局", LEFT, LEFT],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "120", "114", "10", "95%", "9.5"],
            ["其中：当年财政拨款", "100", "120", "114", "—", "—", "—"],
            ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
            ["产出指标(50分)", "数量指标", "新建供水工程", "≥40个", "42个", "20", "20"],
            ["其他需要说明事项", "总分", "100", LEFT, "93.5", "优", LEFT],
        ]
    )
    result = extract(body)
    project = "农村饮水安全巩固提升"  # a page names the project without the trailing 项目 its cell prints
    assert result["projects"] == [
        {
            "name": project,
            "carryover_start": None,
            "received": None,
            "spent": None,
            "carryover_end": None,
            "usage_rate_pct": None,
            "initial_budget": 1000000.0,
            "full_year_budget": 1200000.0,
            "executed": 1140000.0,
            "execution_rate_pct": 95.0,
            "score": 93.5,
            "rating": "优",
            "department": "示例县水务局",
            "implementing_unit": "示例县水务局",
            "locator": "table1!A1:G8",
        }
    ]
    # The funds row is the project's money (subject: the project), never the department's revenue.
    assert {(f["metric"], f["subject"], f["value"]) for f in result["figures"]} == {
        ("budget.initial_project", project, 1000000.0),
        ("budget.adjusted_total", project, 1200000.0),
        ("projects.spent", project, 1140000.0),
        ("projects.execution_rate_pct", project, 95.0),
    }
    for figure in result["figures"]:
        assert body.text[figure["span_start"] : figure["span_end"]].startswith("年度资金总额")
    assert [f["value_text"] for f in result["figures"]] == ["100", "120", "114", "95%"]
    (evaluation,) = result["evaluations"]
    assert (evaluation["subject"], evaluation["score"], evaluation["max_score"]) == (project, 93.5, 100.0)
    (indicator,) = result["indicators"]
    assert (indicator["project"], indicator["level1"], indicator["level3"], indicator["score"]) == (
        project,
        "产出指标",
        "新建供水工程",
        20,
    )


def test_a_forms_funds_row_printed_as_its_label_over_a_row_of_its_amounts_is_one_row():
    body = body_with_table(
        [
            ["项目名称", "林场防火通道建设项目", "", "", "", "", ""],
            ["主管部门", "示例县林业局", "实施单位", "示例县林业局", "", "", ""],
            ["项目资金(万元)", "", "", "", "", "", ""],
            ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "", "", "", "", "", ""],
            ["", "", "48.5", "47.2", "10", "97.32%", "9.7"],
            ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
        ]
    )
    found = {(f["metric"], f["value"]) for f in extract(body)["figures"]}
    assert found == {
        ("budget.adjusted_total", 485000.0),
        ("projects.spent", 472000.0),
        ("projects.execution_rate_pct", 97.32),
    }


def test_two_block_final_accounts_table_reads_each_half_with_its_own_labels_and_skips_row_numbers():
    body = body_with_table(
        [
            ["收入", LEFT, "支出", LEFT],
            ["项目", "金额", "项目", "金额"],
            ["一般公共预算财政拨款收入", "3,800.00", "一般公共服务支出", "1,200.00"],
            ["其他收入", "30.00", "卫生健康支出", "2,850.33"],
            ["本年收入合计", "3,830.00", "本年支出合计", "4,050.33"],
            ["年初结转和结余", "350.12", "年末结转和结余", "129.79"],
            ["收入总计", "4,180.12", "支出总计", "4,180.12"],
        ],
        unit_line="单位：万元",
    )
    result = extract(body, "final_accounts")
    assert [issue["rule"] for issue in result["validation_issues"]] == []  # 收入总计 = 支出总计
    assert figures(result) == {
        ("revenue.fiscal_appropriation", 38000000.0),
        ("revenue.other", 300000.0),
        ("revenue.total", 38300000.0),
        ("expenditure.total", 40503300.0),
        ("revenue.carryover", 3501200.0),
        ("expenditure.carryover_end", 1297900.0),
        ("revenue.total", 41801200.0),
        ("expenditure.total", 41801200.0),
    }


def test_row_number_columns_are_not_amounts():
    body = body_with_table(
        [
            ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["本年收入合计", "1", "3,830.00", "本年支出合计", "9", "4,050.33"],
        ],
        unit_line="单位：万元",
    )
    assert figures(extract(body, "final_accounts")) == {
        ("revenue.total", 38300000.0),
        ("expenditure.total", 40503300.0),
    }


def years(result: dict) -> set[tuple]:
    return {(f["metric"], f["fiscal_year"], f["value"]) for f in result["figures"]}


def test_sangong_table_with_year_columns_count_rows_and_its_own_total():
    body = body_with_table(
        [
            ["项目", "上年决算数", "本年预算数", "本年决算数", "增减额"],
            ["一、支出合计", "9,000.00", "12,000.00", "8,500.00", "-500.00"],
            ["1、因公出国(境)费用", "0.00", "0.00", "0.00", "0.00"],
            ["2、公务接待费", "3,000.00", "4,000.00", "2,500.00", "-500.00"],
            ["公务用车保有量(辆)", "3", "/", "2", "-1"],
            ["公务接待批次(批)", "12", "/", "10", "-2"],
            ["公务接待人数", "80", "/", "66", "-14"],
        ],
        unit_line="单位:元",
    )
    assert years(extract(body, "final_accounts")) == {
        # the 三公 table's 支出合计 is sangong.total (never expenditure.total); 预算数 and 增减 are not figures
        ("sangong.total", 2021, 9000.0),
        ("sangong.total", 2022, 8500.0),
        ("sangong.outbound", 2021, 0.0),
        ("sangong.outbound", 2022, 0.0),
        ("sangong.reception", 2021, 3000.0),
        ("sangong.reception", 2022, 2500.0),
        ("sangong.vehicles_held", 2021, 3),
        ("sangong.vehicles_held", 2022, 2),
        ("sangong.reception_batches", 2021, 12),
        ("sangong.reception_batches", 2022, 10),
        ("sangong.reception_persons", 2021, 80),
        ("sangong.reception_persons", 2022, 66),
    }


def test_transposed_sangong_table_takes_items_from_the_header_and_years_from_the_rows():
    body = body_with_table(
        [
            ["年度", "合计", "因公出国(境)经费", "公务接待费", "公车购置及运行维护费", LEFT, LEFT],
            [UP, UP, UP, UP, "合计", "车辆购置", "车辆运行"],
            ["2021年", "64.18", "0", "9.36", "54.82", "25.00", "29.82"],
            ["2022年", "41.07", "0", "7.15", "33.92", "0", "33.92"],
            ["2022年比2021年增减%", "-36.01", "—", "-23.61", "-38.12", "-100.00", "13.75"],
        ],
        unit_line="单位：万元",
    )
    assert years(extract(body, "final_accounts")) == {
        ("sangong.total", 2021, 641800.0),
        ("sangong.outbound", 2021, 0.0),
        ("sangong.reception", 2021, 93600.0),
        ("sangong.vehicle", 2021, 548200.0),
        ("sangong.vehicle_purchase", 2021, 250000.0),
        ("sangong.vehicle_operation", 2021, 298200.0),
        ("sangong.total", 2022, 410700.0),
        ("sangong.outbound", 2022, 0.0),
        ("sangong.reception", 2022, 71500.0),
        ("sangong.vehicle", 2022, 339200.0),
        ("sangong.vehicle_purchase", 2022, 0.0),
        ("sangong.vehicle_operation", 2022, 339200.0),
    }


def test_national_sangong_layout_skips_the_budget_group_and_the_column_numbers():
    body = body_with_table(
        [
            ["预算数", LEFT, LEFT, LEFT, "决算数", LEFT, LEFT, LEFT],
            [
                "合计",
                "因公出国(境)费",
                "公务用车购置及运行费",
                "公务接待费",
                "合计",
                "因公出国(境)费",
                "公务用车购置及运行费",
                "公务接待费",
            ],
            ["1", "2", "3", "4", "5", "6", "7", "8"],
            ["9.80", "0.00", "6.50", "3.30", "8.16", "0.00", "5.92", "2.24"],
        ],
        caption="“三公”经费支出决算表",
        unit_line="单位:万元",
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.total", 81600.0),
        ("sangong.outbound", 0.0),
        ("sangong.vehicle", 59200.0),
        ("sangong.reception", 22400.0),
    }


def test_a_title_row_merged_across_the_table_leaves_three_header_rows_for_the_items_and_stages():
    """`一般公共预算财政拨款“三公”经费` over all columns, then the items, the vehicle's parts and `预算数 │ 决算数`
    under each: the title row is no header row, so the stage row is still one."""
    body = body_with_table(
        [
            ["一般公共预算财政拨款“三公”经费", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
            ["合计", LEFT, "因公出国(境)费", LEFT, "公务用车购置及运行维护费", LEFT, "公务接待费", LEFT],
            [UP, UP, UP, UP, "小计", LEFT, UP, UP],
            ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
            ["52.00", "41.30", "10.00", "0.00", "30.00", "28.10", "12.00", "13.20"],
        ],
        caption="一般公共预算财政拨款“三公”经费支出决算表",
        unit_line="单位:万元",
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.total", 413000.0),
        ("sangong.outbound", 0.0),
        ("sangong.vehicle", 281000.0),
        ("sangong.reception", 132000.0),
    }


def test_a_share_column_beside_the_final_column_is_not_a_second_figure():
    body = body_with_table(
        [
            ["项目", "决算数", "其中:一般公共预算财政拨款"],
            ["“三公”经费合计", "58,240.00", "50,000.00"],
            ["会议费", "12,300.00", "12,000.00"],
        ],
        unit_line="单位:元",
    )
    assert figures(extract(body, "final_accounts")) == {("sangong.total", 58240.0), ("meeting_fee", 12300.0)}


def test_a_share_column_under_a_merged_unit_cell_is_still_a_share_and_no_revenue():
    """A text 三公 table with `单位：万元` merged over 决算数 and `其中：公共预算财政拨款`: the share column's 合计 is
    no 财政拨款 revenue; at the budget stage nothing of the table is a figure."""

    def read(stage: str) -> set[tuple]:
        text = (
            f"2016年示例县司法局部门“三公”经费情况统计表 | ||\n? | 单位:万元 | |\n"
            f"项 目 | 本年{stage}数 | 其中:公共预算财政拨款 |\n合 计 | 12.40 | 11.90 |\n"
            "1.因公出国(境)费用 | 0 | 0 |\n2.公务接待费 | 3.10 | 2.60 |\n3.公务用车运行维护费 | 9.30 | 9.30 |\n"
        )
        return {(f["metric"], f["value"]) for f in extract_page(text.encode())["figures"]}

    assert read("决算") == {
        ("sangong.total", 124000.0),
        ("sangong.outbound", 0.0),
        ("sangong.reception", 31000.0),
        ("sangong.vehicle_operation", 93000.0),
    }
    assert read("预算") == set()


def test_a_funds_row_that_lost_its_blank_first_amount_and_runs_on_into_the_next_label_is_read_from_the_right():
    body = body_with_table(
        [
            ["项目名称", "学生营养改善计划", LEFT, LEFT, LEFT, LEFT, LEFT],
            ["主管部门", "示例县教育局", LEFT, "实施单位", "示例县第二中学", LEFT, LEFT],
            ["项目资金（元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "52400.00", "52400.00", "10", "100%", "10", "其中：当年财政拨款"],
        ]
    )
    assert {(f["metric"], f["value"]) for f in extract(body)["figures"]} == {
        ("budget.adjusted_total", 52400.0),
        ("projects.spent", 52400.0),
        ("projects.execution_rate_pct", 100.0),
    }


def test_a_traditional_mirrors_form_with_pinyin_glosses_in_its_cells_is_read_as_the_form():
    body = body_with_table(
        [
            ["項(xiàng)目名稱", "農(nóng)村飲水安全鞏固提升項(xiàng)目", LEFT, LEFT, LEFT, LEFT, LEFT],
            ["主管部門", "示例縣水務(wù)局", LEFT, "實(shí)施單位", "示例縣水務(wù)局", LEFT, LEFT],
            [
                "項(xiàng)目資金（萬(wàn)元）",
                "年初預(yù)算數(shù)",
                "全年預(yù)算數(shù)",
                "全年執(zhí)行數(shù)",
                "分值",
                "執(zhí)行率",
                "得分",
            ],
            ["年度資金總額", "100", "120", "114", "10", "95%", "9.5"],
            ["一級指標(biāo)", "二級指標(biāo)", "三級指標(biāo)", "指標(biāo)值", "實(shí)際完成值", "分值", "得分"],
            ["產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)", "新建供水工程", "≥40個", "42個", "20", "20"],
        ]
    )
    project = "农村饮水安全巩固提升"
    assert {(f["metric"], f["subject"], f["value"]) for f in extract(body)["figures"]} == {
        ("budget.initial_project", project, 1000000.0),
        ("budget.adjusted_total", project, 1200000.0),
        ("projects.spent", project, 1140000.0),
        ("projects.execution_rate_pct", project, 95.0),
    }


def test_department_form_key_tasks_are_projects_and_its_conclusion_gives_the_score():
    body = body_with_table(
        [
            ["部门名称", "示例县水务局", LEFT, LEFT, LEFT, LEFT],
            ["任务名称", "项目", "主要内容", "批复金额（元）", "实际支出金额（元）", "预算执行率"],
            ["河道巡查", "河道巡查保洁经费", "开展河道日常巡查", "300,000.00", "285,000.00", "95.00%"],
            ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "得分"],
            ["产出指标", "数量指标", "巡查河道里程", "≥120公里", "126公里", "20"],
            [
                "部门自评结论",
                "经自评，示例县水务局2022年度部门整体支出绩效自评得分为91.5分，评价等级为“优”。",
                LEFT,
                LEFT,
                LEFT,
                LEFT,
            ],
        ]
    )
    result = extract(body, "self_eval_department")
    project = "河道巡查保洁经费"
    assert [(p["name"], p["full_year_budget"], p["executed"], p["execution_rate_pct"]) for p in result["projects"]] == [
        (project, 300000.0, 285000.0, 95.0)
    ]
    assert {(f["metric"], f["subject"], f["value"]) for f in result["figures"]} == {
        ("budget.adjusted_total", project, 300000.0),
        ("projects.spent", project, 285000.0),
        ("projects.execution_rate_pct", project, 95.0),
    }
    assert [(e["subject_type"], e["subject"], e["score"], e["rating"]) for e in result["evaluations"]] == [
        ("department", DEPT, 91.5, "优")
    ]


def test_fiscal_appropriation_table_totals_are_not_the_departments():
    body = body_with_table(
        [
            ["收入", LEFT, "支出", LEFT],
            ["项目", "金额", "项目", "金额"],
            ["一般公共预算财政拨款", "1,856.42", "一般公共预算财政拨款支出", "1,842.75"],
            ["收入总计", "2,167.02", "支出总计", "2,167.02"],
        ],
        caption="财政拨款收入支出决算总表",
        unit_line="单位:万元",
    )
    assert extract(body, "final_accounts")["figures"] == []


def test_summary_table_grand_totals_and_a_partial_fiscal_row():
    body = body_with_table(
        [
            ["收入", LEFT, "支出", LEFT],
            ["项目", "决算数", "项目", "决算数"],
            ["一、一般公共预算财政拨款收入", "1,856.42", "一、城乡社区支出", "1,452.36"],
            ["二、政府性基金预算财政拨款收入", "230.00", "二、住房保障支出", "250.00"],
            ["总计", "2,200.93", "总计", "2,200.93"],
        ],
        caption="收入支出决算总表",
        unit_line="单位:万元",
    )
    # 一般公共预算 alone is only part of 财政拨款 when 政府性基金 was received; 总计 is each side's grand total
    assert figures(extract(body, "final_accounts")) == {
        ("revenue.total", 22009300.0),
        ("expenditure.total", 22009300.0),
    }


def test_budget_page_tables_give_budget_figures_only():
    body = body_with_table(
        [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", "979.28", "712.45", "266.83"],
            ["213", "农林水支出", "842.50", "575.67", "266.83"],
        ],
        caption="部门支出总表",
        unit_line="单位:万元",
    )
    assert figures(extract(body, "budget")) == {
        ("budget.initial_total", 9792800.0),
        ("budget.initial_basic", 7124500.0),
        ("budget.initial_project", 2668300.0),
    }


def test_a_list_of_graded_projects_gives_evaluations_not_project_rows():
    body = body_with_table(
        [
            ["序号", "主管部门", "项目名称", "资金量(万元)", "评价等级"],
            ["1", "某县教育局", "校舍维修补助", "3,260.00", "良"],
            ["2", "某县卫生健康局", "基层医疗设备购置补助", "1,652.00", "中"],
        ]
    )
    result = extract(body, "external_evaluation")
    assert result["projects"] == []
    assert [(e["subject_type"], e["subject"], e["score"], e["rating"]) for e in result["evaluations"]] == [
        ("project", "校舍维修补助", None, "良"),
        ("project", "基层医疗设备购置补助", None, "中"),
    ]


def test_hubei_form_funds_block_with_budget_and_execution_columns_only():
    body = body_with_table(
        [
            ["项目名称", "城乡低保提标补助资金", LEFT, LEFT, LEFT],
            ["预算执行情况(万元)(10分)", "预算数", "执行数", "执行率", "得分(分值×执行率)"],
            ["年度财政资金总额", "1,286.40", "1,262.61", "98.15%", "9.8"],
            ["一级指标", "二级指标", "三级指标", "分值", "得分"],
            ["产出指标(50分)", "数量指标", "城乡低保保障人数", "20", "20"],
            ["合计", LEFT, LEFT, "100", "98.5"],
        ]
    )
    project = "城乡低保提标补助资金"
    assert {(f["metric"], f["subject"], f["value"]) for f in extract(body)["figures"]} == {
        ("budget.adjusted_total", project, 12864000.0),
        ("projects.spent", project, 12626100.0),
        ("projects.execution_rate_pct", project, 98.15),
    }


def test_a_rate_shifted_into_a_lost_execution_cell_is_no_amount():
    """`部门整体支出总额 | 864.2 | 100% | 20`: the 执行数 cell was lost, so `100%` stands under 执行数(B); it gives
    no spending at all, not a NULL one (a NULL says the form printed a blank)."""
    body = body_with_table(
        [
            ["单位名称", "示例镇人民政府", LEFT, LEFT, LEFT],
            ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
            ["部门整体支出总额", "864.2", "100%", "20", ""],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "得分"],
        ]
    )
    figures = extract(body)["figures"]
    assert all(f["value"] is not None for f in figures), figures
    assert ("budget.adjusted_total", 8642000.0) in {(f["metric"], f["value"]) for f in figures}


def test_a_funds_row_that_printed_no_cell_for_its_blank_initial_budget_is_read_from_the_right():
    """The row's rate (41.2 of 42.0 is 98.10%) shows which cell is missing: the blank 年初预算数."""
    body = body_with_table(
        [
            ["项目名称", "乡村道路养护补助", LEFT, LEFT, LEFT, LEFT, LEFT],
            ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "42.0", "41.2", "10", "98.10%", "9.8"],
            ["一级指标", "二级指标", "三级指标", "分值", "得分", LEFT, LEFT],
        ]
    )
    project = "乡村道路养护补助"
    assert {(f["metric"], f["subject"], f["value"]) for f in extract(body)["figures"]} == {
        ("budget.adjusted_total", project, 420000.0),
        ("projects.spent", project, 412000.0),
        ("projects.execution_rate_pct", project, 98.1),
    }


@pytest.mark.parametrize(
    ("basic", "project", "expected"),
    [
        ("318.85", "279.80", {("expenditure.basic", 3_188_500.0), ("expenditure.project", 2_798_000.0)}),
        ("300.00", "280.00", {("budget.initial_basic", 3_000_000.0), ("budget.initial_project", 2_800_000.0)}),
        ("310.00", "279.80", set()),  # adds up to neither total: no stage to read them at
    ],
)
def test_a_department_forms_labelled_spending_cells_take_the_stage_of_the_total_they_add_up_to(
    basic, project, expected
):
    """Hunan's `按支出性质分:` block prints each amount in its label's cell (`其中:基本支出:318.85`)."""
    body = body_with_table(
        [
            ["预算部门名称", "某某服务中心", LEFT, LEFT, LEFT, LEFT, LEFT],
            ["年度预算申请(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "580.00", "612.40", "598.65", "10", "97.8%", "9.8"],
            ["按收入性质分:", LEFT, LEFT, "按支出性质分:", LEFT, LEFT, LEFT],
            ["其中:一般公共预算:612.40", LEFT, LEFT, f"其中:基本支出:{basic}", LEFT, LEFT, LEFT],
            ["政府性基金拨款:", LEFT, LEFT, f"项目支出:{project}", LEFT, LEFT, LEFT],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "管理办公用房面积", "≥5万平方米", "5.2万平方米", "15", "15"],
        ]
    )
    figures = extract(body)["figures"]
    parts = {
        (f["metric"], f["value"]) for f in figures if f["metric"].endswith(("_basic", "_project", ".basic", ".project"))
    }
    assert parts == expected
    assert {f["value_text"] for f in figures if (f["metric"], f["value"]) in expected} <= {basic, project}


def test_a_funds_block_cut_from_its_form_never_becomes_department_revenue():
    body = body_with_table(
        [
            ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额:", "0", "0", "0", "10", "0", "0"],
            ["其中:本年财政拨款", "64", "64", "63.872", "", "", ""],
        ]
    )
    assert extract(body)["figures"] == []


def test_count_columns_say_what_their_numbers_count():
    body = body_with_table(
        [
            ["项目", "金额(万元)", "批次", "人次"],
            ["公务接待费", "2.50", "12", "80"],
            ["因公出国(境)费", "0", "0", "0"],
        ]
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.reception", 25000.0),
        ("sangong.reception_batches", 12),
        ("sangong.reception_persons", 80),
        ("sangong.outbound", 0.0),
        ("sangong.outbound_groups", 0),
        ("sangong.outbound_persons", 0),
    }


def test_fund_type_columns_beside_a_total_column_are_parts_not_figures():
    body = body_with_table(
        [
            ["项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
            ["“三公”经费", "9.60", "9.60", "0.00", "0.00"],
            ["（一）因公出国（境）支出", "0.00", "0.00", "0.00", "0.00"],
            ["（二）公务接待费支出", "9.60", "9.60", "0.00", "0.00"],
        ],
        before="单位：万元",
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.total", 96000.0),
        ("sangong.outbound", 0.0),
        ("sangong.reception", 96000.0),
    }


def test_department_form_basic_and_project_rows_are_the_departments_budget_and_spending():
    body = body_with_table(
        [
            ["部门名称", "示例县水务局", LEFT, LEFT, LEFT, LEFT],
            ["部门总体资金(万元)", "资金来源", "年初预算数", "全年执行数", "分值", "得分"],
            [UP, "年度资金总额:", "600.00", "650.00", "10", "10"],
            [UP, "基本支出", "450.00", "430.00", "", ""],
            [UP, "项目支出", "150.00", "220.00", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "得分"],
            ["产出指标", "数量指标", "巡查河道里程", "≥120公里", "126公里", "20"],
        ]
    )
    assert {(f["metric"], f["subject"], f["value"]) for f in extract(body)["figures"]} == {
        ("budget.initial_total", DEPT, 6000000.0),
        ("expenditure.total", DEPT, 6500000.0),
        ("budget.initial_basic", DEPT, 4500000.0),
        ("expenditure.basic", DEPT, 4300000.0),
        ("budget.initial_project", DEPT, 1500000.0),
        ("expenditure.project", DEPT, 2200000.0),
    }


def test_a_sangong_tables_fund_columns_under_each_stage_are_parts_of_its_合计():
    body = body_with_table(
        [
            ["项目", "预算数", LEFT, LEFT, "决算数", LEFT, LEFT],
            [UP, "合计", "一般公共预算", "政府性基金", "合计", "一般公共预算", "政府性基金"],
            ["公务接待费", "6", "6", "0", "4.18", "4.18", "0"],
            ["总计", "6", "6", "0", "4.18", "4.18", "0"],
        ]
    )
    assert figures(extract(body, "final_accounts")) == {("sangong.reception", 41800.0), ("sangong.total", 41800.0)}


def test_columns_that_split_a_sangong_item_by_function_class_beside_its_小计_are_no_figures():
    body = body_with_table(
        [
            ["三公经费项目", "合计", "公务用车购置及运行费", LEFT, LEFT, "公务接待费", LEFT, LEFT],
            [UP, UP, "小计", "公务用车购置费", "公务用车运行费", "小计", "行政运行", "其他社会保障和就业支出"],
            ["2023年度决算数", "8.40", "3.10", "0.00", "3.10", "5.30", "1.20", "4.10"],
        ],
        caption="“三公”经费支出决算表",
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.total", 84000.0),
        ("sangong.vehicle", 31000.0),
        ("sangong.vehicle_purchase", 0.0),
        ("sangong.vehicle_operation", 31000.0),
        ("sangong.reception", 53000.0),
    }


def test_a_row_naming_two_items_is_neither_and_vehicle_rows_in_other_words_are_read():
    """`会议费、培训费` prints one amount for two items; `公务用车购置和维护经费`, `公车运行维护` are vehicle rows."""
    body = body_with_table(
        [
            ["经费控制情况（万元）", "2023年决算数"],
            ["1、公务用车购置和维护经费", "1.35"],
            ["其中：公车购置", "0"],
            ["公车运行维护", "1.35"],
            ["会议费、培训费", "2.96"],
        ]
    )
    assert figures(extract(body, "final_accounts")) == {
        ("sangong.vehicle", 13500.0),
        ("sangong.vehicle_purchase", 0.0),
        ("sangong.vehicle_operation", 13500.0),
    }


def test_a_roster_of_units_gives_each_units_staff_and_the_own_row_the_departments():
    body = body_with_table(
        [
            ["单位", "经费性质", "编制人数", "实有人数"],
            ["合计", "", "58", "53"],
            [DEPT + "(本级)", "全额拨款", "16", "15"],
            ["示例县教师进修学校", "全额拨款", "42", "38"],
            ["示例县实验小学", "全额拨款", "", ""],  # cut off by the page's end
        ]
    )
    result = extract(body, "final_accounts")
    assert {(f["metric"], f["subject"], f["value"]) for f in result["figures"]} == {
        ("staff.authorized_total", DEPT, 16),
        ("staff.actual_total", DEPT, 15),
        ("staff.authorized_total", "示例县教师进修学校", 42),
        ("staff.actual_total", "示例县教师进修学校", 38),
    }


def test_a_row_label_prints_its_rows_unit():
    """`一、单位总收入(元)` in a table without a unit line, on a page whose amounts are in 万元: the row's yuan,
    not ten thousand times them; a change column (`预算增加`) gives nothing."""
    body = body_with_table(
        [
            ["指标名称", "2022年度预算数", "预算增加"],
            ["一、单位总收入(元)", "2486000", "1730"],
            ["二、单位总支出(元)", "2439000", "1460"],
        ],
        before="本年预算收入合计248.60万元。\n",
    )
    found = {f["value"] for f in extract(body, "budget")["figures"] if f["metric"] == "budget.initial_total"}
    assert found == {2486000.0}


@pytest.mark.parametrize(
    "rows",
    [
        [  # the title merged over two columns, the unit in the last cell of its row
            ["“三公”经费支出决算表", LEFT, "单位：元"],
            ["项目", "决算数", "备注"],
            ["公务接待费", "12,345.00", ""],
        ],
        [  # the unit in the corner cell over the row labels
            ["项目(单位:元)", "决算数"],
            ["公务接待费", "12,345.00"],
        ],
        [  # the unit beside the table's imprint, each merged over its own columns
            ["编制单位:示例县文联", LEFT, "2016年度", LEFT, "金额单位:元", LEFT],
            ["项目", "决算数", "项目", "决算数", "项目", "决算数"],
            ["公务接待费", "12,345.00", "一般公共服务支出", "8,000.00", "基本支出", "9,000.00"],
        ],
    ],
)
def test_a_table_declares_its_unit_in_a_cell(rows):
    """On a page whose other amounts are in 万元, a table's `单位：元` cell binds all its columns."""
    body = body_with_table(rows, before="本年收入合计123.45万元。\n")
    found = {(f["metric"], f["value"]) for f in extract(body, "final_accounts")["figures"]}
    assert ("sangong.reception", 12345.0) in found and ("sangong.reception", 123450000.0) not in found


def test_a_tables_note_is_read_as_text():
    """A note row (`注: …`) under a 三公 budget table says what was spent: the text pass reads it."""
    body = body_with_table(
        [
            ["项目", "2023年预算数", "2024年预算数"],
            ["公务接待费", "3", "7"],
            ["注: 一、三公经费的口径按有关规定执行。二、因接待任务增加,2023年公务接待费决算数为7万元。", LEFT, LEFT],
        ],
        unit_line="单位:万元",
    )
    document = {"department": DEPT, "fiscal_year": 2024, "report_type": "budget"}
    found = {(f["metric"], f["fiscal_year"], f["value"]) for f in extract_figures(body, document)["figures"]}
    assert ("sangong.reception", 2023, 70000.0) in found


def test_a_report_printed_in_a_layout_table_is_read_as_text_and_a_forms_prose_is_not():
    """A table that prints no number alone holds a report (a heading and its prose per row): its prose cells are
    text. A form's prose (a goal beside its funds rows) stays the project's."""
    prose = "本单位年初预算收入412.50万元,收入决算数为436.20万元。"
    layout = body_with_table([["一、部门基本情况", "(三)部门整体收支情况", prose]])
    form = body_with_table([["项目名称", "示例项目", LEFT], ["年度资金总额", "30", "30"], ["年度目标", prose, LEFT]])
    document = {"department": DEPT, "fiscal_year": 2023, "report_type": "self_eval_department"}
    read = {(f["metric"], f["value"]) for f in extract_figures(layout, document)["figures"]}
    assert read == {("budget.initial_total", 4125000.0), ("revenue.total", 4362000.0)}
    assert not any(f["value"] == 4362000.0 for f in extract_figures(form, document)["figures"])


def test_a_forms_mid_year_change_and_what_was_left_are_no_figures():
    """A whole-spending form's funds block (`年初预算安排金额 │ 年中调整金额 │ … │ 年度拨付金额 │ 本年度结余金额`): the
    change and the balance left are no spending of ours."""
    body = body_with_table(
        [
            ["资金结构", "年初预算安排金额(1)", "年中调整金额(2)", "年度拨付金额(3)", "本年度结余金额(4)"],
            ["基本支出", "80.5", "12.4", "92.6", "0.3"],
        ],
        unit_line="单位：万元",
    )
    assert figures(extract(body, "self_eval_department")) == {
        ("budget.initial_basic", 805000.0),
        ("expenditure.basic", 926000.0),
    }
