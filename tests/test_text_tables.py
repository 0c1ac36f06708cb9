"""Plain-text tables flattened one cell per line (the seed's 表1)."""

from conftest import shared_dir

from pipelines.extract import extract_page
from pipelines.text_tables import find_text_tables

TEXT = """具体情况如下:
表1 项目收支明细表
单位:万元
预算项目名称 |
年初结转结余 |
已使用资金 |
年末结转结余资金 |
甲经费 |
0 |
5 |
|
乙工作经费 |
1.5 |
8.3 |
— |
合计 |
|
13.3 |
|
(三)下一节"""


def test_reconstructs_rows_columns_caption_unit_and_offsets():
    (table,) = find_text_tables(TEXT)
    assert table.texts == [
        ["预算项目名称", "年初结转结余", "已使用资金", "年末结转结余资金"],
        ["甲经费", "0", "5", ""],
        ["乙工作经费", "1.5", "8.3", "—"],
        ["合计", "", "13.3", ""],
    ]
    assert (table.caption, table.unit_line) == ("表1 项目收支明细表", "单位:万元")
    assert TEXT[table.start : table.end].startswith("预算项目名称 |") and TEXT[table.start : table.end].endswith("|")
    for row in table.rows:
        for cell in row:
            assert TEXT[cell.start : cell.end] == cell.text


def test_text_without_pipe_cells_has_no_table():
    assert find_text_tables("一、概况\n收入合计100万元。\n") == []


def test_cell_count_that_fits_no_width_is_not_a_table():
    assert find_text_tables("名称 |\n金额 |\n甲 |\n1 |\n2 |\n") == []


def test_a_last_row_cut_to_its_label_keeps_the_width():
    """The table's last row printed its label only (`公务用车购置费 |`): its blank cells were dropped."""
    text = "项目 |\n预算数 |\n决算数 |\n合计 |\n4.5 |\n3.2 |\n公务接待费 |\n4.5 |\n3.2 |\n公务用车购置费 |\n二、说明"
    (table,) = find_text_tables(text)
    assert table.texts[:3] == [["项目", "预算数", "决算数"], ["合计", "4.5", "3.2"], ["公务接待费", "4.5", "3.2"]]
    assert table.texts[3][0] == "公务用车购置费" and not any(table.texts[3][1:])


def test_seed_table():
    (path,) = (shared_dir() / "seed").glob("*.txt")
    (table,) = find_text_tables(path.read_text(encoding="utf-8"))
    assert len(table.rows) == 6 and len(table.rows[0]) == 6
    assert table.texts[5] == ["合计", "", "63.3", "63.3", "", ""]


PIPE_ROWS = """情况统计表 | ||||
单位:万元 | ||||
项目 | 上年决算数 | 本年决算数 | 比上年增减 | |
增减金额 | 增减幅度 | |||
合计 | 18.64 | 15.27 | -3.37 | -18.08% |
公务接待费 | 6.92 | 5.48 | -1.44 | |
说明文字。"""


def test_pipe_rows_with_a_title_row_a_unit_row_and_a_continued_header():
    (table,) = find_text_tables(PIPE_ROWS)
    assert table.texts == [
        ["项目", "上年决算数", "本年决算数", "比上年增减", "比上年增减"],
        ["项目", "上年决算数", "本年决算数", "增减金额", "增减幅度"],
        ["合计", "18.64", "15.27", "-3.37", "-18.08%"],
        ["公务接待费", "6.92", "5.48", "-1.44", ""],
    ]
    assert (table.caption, table.unit_line) == ("情况统计表", "单位:万元")
    for row in table.rows:
        for cell in row:
            if cell.start >= 0:
                assert PIPE_ROWS[cell.start : cell.end] == cell.text


ALIGNED = """三公经费支出决算表
编制单位:某县农业农村局 单位:元
项目 预算数 决算数
合计 180000.00 152630.40
公务接待费 40000.00 24220.00
公务用车保有量(辆) 6
- 12 -
全年支出情况如下，共计 5 项。"""


def test_aligned_columns_under_a_header_line_right_align_short_rows():
    (table,) = find_text_tables(ALIGNED)
    assert table.texts == [
        ["项目", "预算数", "决算数"],
        ["合计", "180000.00", "152630.40"],
        ["公务接待费", "40000.00", "24220.00"],
        ["公务用车保有量(辆)", "", "6"],
    ]
    assert (table.caption, table.unit_line) == ("三公经费支出决算表", "单位:元")


def test_sentences_with_numbers_are_not_aligned_tables():
    assert (
        find_text_tables("收入情况 支出情况\n本年收入 120.5 万元，比上年增加 3.2 万元。\n其中 财政拨款 100 20\n") == []
    )


COMPARED = """某卫生院收支对比表
单位:元
项目 2022年度 2023年度 2023年比2022年增减
增减额 增减率
一、收支情况 (一) 收入总计 6500.00 7200.50 700.50 10.78%
1. 其他收入 3000 3500 500 16.67%
2. 科教项目收入 0"""


def test_a_second_header_line_splits_the_header_cell_it_shares_a_word_with():
    (table,) = find_text_tables(COMPARED)
    assert table.texts == [
        ["项目", "2022年度", "2023年度", "2023年比2022年增减", "2023年比2022年增减"],
        ["项目", "2022年度", "2023年度", "增减额", "增减率"],
        ["一、收支情况 (一) 收入总计", "6500.00", "7200.50", "700.50", "10.78%"],
        ["1. 其他收入", "3000", "3500", "500", "16.67%"],
        ["2. 科教项目收入", "", "", "", "0"],
    ]


def test_a_section_heading_in_the_first_row_and_a_qualified_class_are_no_labels():
    result = extract_page(("某卫生院收支情况公示\n\n" + COMPARED.replace("科教项目收入", "科教项目支出")).encode())
    figures = {(f["metric"], f["fiscal_year"]): f["value"] for f in result["figures"]}
    assert figures[("revenue.total", 2023)] == 7200.50 and figures[("revenue.total", 2022)] == 6500.00
    assert figures[("revenue.other", 2023)] == 3500 and not any(m == "expenditure.project" for m, _ in figures)


GRADES = """具体结果如下:
序号 主管部门 项目名称 资金量(万元) 评价等级
1 某县教育局 校舍维修补助 3,260.00 良
2 某县卫生健康局 基层医疗设备购置补助 1,652.00 中
请各单位于年底前完成整改。"""


def test_rows_with_one_token_per_header_column_are_read_cell_by_cell():
    (table,) = find_text_tables(GRADES)
    assert table.texts[1] == ["1", "某县教育局", "校舍维修补助", "3,260.00", "良"]
    assert len(table.texts) == 3


FUNDS = """项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
(万元)
年度资金总额: 0 0 0 10 0 0
其中:本年财政拨款 64 64 63.872
上年结转资金"""


def test_a_funds_block_printed_as_text_keeps_its_unit_and_left_aligns_sub_rows():
    (table,) = find_text_tables(FUNDS)
    assert table.texts == [
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额:", "0", "0", "0", "10", "0", "0"],
        ["其中:本年财政拨款", "64", "64", "63.872", "", "", ""],
    ]


STREAM = """2022年度“三公”经费支出决算表 |
单位:万元 |
“三公”经费合计 |
因公出国(境)费 |
公务用车购置及运行费 |
公务接待费 |
|||
小计 |
公务用车购置费 |
公务用车运行费 |
||
7.90 |
0 |
7.50 |
5.00 |
2.50 |
0.40 |
"""


def test_headers_over_one_row_of_amounts_flattened_cell_by_cell():
    (table,) = find_text_tables(STREAM)
    assert (table.caption, table.unit_line) == ("2022年度“三公”经费支出决算表", "单位:万元")
    assert table.texts == [
        [
            "“三公”经费合计",
            "因公出国(境)费",
            "公务用车购置及运行费",
            "公务用车购置及运行费",
            "公务用车购置及运行费",
            "公务接待费",
        ],
        ["“三公”经费合计", "因公出国(境)费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"],
        ["7.90", "0", "7.50", "5.00", "2.50", "0.40"],
    ]


STAGE_CELLS = [
    "一般公共预算财政拨款“三公”经费支出决算表",
    "单位:万元",
    "一般公共预算财政拨款“三公”经费",
    "合计",
    "因公出国",
    "(境)费",
    "公务用车购置及运行维护费",
    "公务接待费",
    "小计",
    "公务用车",
    "购置费",
    "公务用车",
    "运行维护费",
    *["预算数", "决算数"] * 6,
    *["412.30", "296.18", "40.00", "0.00", "300.40", "250.57", "60.00", "58.03", "240.40", "192.54", "71.90", "45.61"],
    "注:本表反映部门本年度“三公”经费支出预决算情况。",
]
STAGE_STREAM = "\n\n".join(STAGE_CELLS) + "\n"  # one cell per line, blank lines between, no bars


def test_a_sangong_table_pasted_one_cell_per_line_without_bars_keeps_each_items_stages():
    (table,) = find_text_tables(STAGE_STREAM)
    assert (table.caption, table.unit_line) == ("一般公共预算财政拨款“三公”经费支出决算表", "单位:万元")
    items = ["合计", "因公出国(境)费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    assert table.texts[1] == [item for item in items for _ in range(2)]
    assert table.texts[2] == ["预算数", "决算数"] * 6
    assert table.texts[3][-2:] == ["71.90", "45.61"]
    figures = extract_page(("示例区民政局2020年“三公”经费决算公开\n" + STAGE_STREAM).encode())["figures"]
    assert {(f["metric"], f["value"]) for f in figures} == {
        ("sangong.total", 2961800.0),
        ("sangong.outbound", 0.0),
        ("sangong.vehicle", 2505700.0),
        ("sangong.vehicle_purchase", 580300.0),
        ("sangong.vehicle_operation", 1925400.0),
        ("sangong.reception", 456100.0),
    }


FLAT_FORM = """部门预算项目支出绩效自评表(2024年度) |
项目名称 |
51092324R000000012345-河道保洁经费 |
主管部门 |
某县水务局 |
实施单位 (盖章) |
某县水务局 |
预算执行情况(10分) |
年度预算数(万元) |
年初预算 |
调整后预算数 |
预算执行数 |
预算执行率 |
权重 |
得分 |
原因 |
总额 |
30.00 |
32.50 |
31.20 |
96.00% |
10 |
9.6 |
|
其中:财政资金 |
30.00 |
32.50 |
31.20 |
96.00% |
/ |
/ |
一级指标 |
二级指标 |
三级指标 |
指标值 |
完成值 |
权重 |
得分 |
产出指标 |
数量指标 |
保洁河道长度 |
≥40公里 |
42公里 |
90 |
88 |
合计 |
100 |
97.6 |
"""


def test_a_form_printed_one_cell_per_line_becomes_its_label_funds_and_indicator_rows():
    (table,) = find_text_tables(FLAT_FORM)
    texts = [[text for text in row if text] for row in table.texts]
    assert texts[:3] == [
        ["项目名称", "51092324R000000012345-河道保洁经费"],
        ["主管部门", "某县水务局"],
        ["实施单位 (盖章)", "某县水务局"],
    ]
    assert texts[3] == [
        "预算执行情况(10分)年度预算数(万元)",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
    ]
    assert texts[4] == ["总额", "30.00", "32.50", "31.20", "96.00%", "10", "9.6"]  # `原因` has no column
    assert texts[5][0] == "其中:财政资金"
    assert texts[6][:3] == ["一级指标", "二级指标", "三级指标"] and texts[7] == ["合计", "100", "97.6"]
    for row in table.rows:
        for cell in row:
            printed = FLAT_FORM[cell.start : cell.end]
            assert cell.start < 0 or printed == cell.text or printed.replace(" |\n", "") == cell.text


def test_a_form_flattened_into_one_paragraph_joins_headers_split_over_words():
    text = (
        "附件： 项目支出绩效自评表 项目名称 乡村道路养护 主管部门 某镇人民政府 项目资金 (万元) 年初 预算数 全年 预算数 "
        "全年 执行数 分值 执行率 得分 年度资金总额 12 12 11.4 10 95% 9.5 其中:本年财政拨款 12 12 11.4"
    )
    (table,) = find_text_tables(text)
    texts = [[cell for cell in row if cell] for row in table.texts]
    assert texts[2] == ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert texts[3] == ["年度资金总额", "12", "12", "11.4", "10", "95%", "9.5"]


def test_a_paragraph_forms_header_cell_whose_bracketed_note_a_space_split_stays_one_cell():
    text = (
        "项目支出绩效自评表 项目名称 法律援助经费 主管部门 某市司法局 项目资金(万元) 年初预算数 全年预算数 全年执行数 "
        "分值 执行率(全年 执行数/全年 预算数) 得分 年度资金总额: 85.5 85.5 85.5 10 100% 10"
    )
    (table,) = find_text_tables(text)
    texts = [[cell for cell in row if cell] for row in table.texts]
    assert texts[2][-2:] == ["执行率(全年 执行数/全年 预算数)", "得分"]
    assert texts[3] == ["年度资金总额:", "85.5", "85.5", "85.5", "10", "100%", "10"]


def test_a_project_table_headed_by_project_name_is_no_flattened_form():
    text = "项目名称 年初预算数 全年预算数 全年执行数\n甲项目 10 12 11\n乙项目 5 5 4.5"
    (table,) = find_text_tables(text)
    assert table.texts == [
        ["项目名称", "年初预算数", "全年预算数", "全年执行数"],
        ["甲项目", "10", "12", "11"],
        ["乙项目", "5", "5", "4.5"],
    ]


PARAGRAPHS = """项目绩效自评表

单位:万元

项目名称

债券类型

发行规模

自评分数

自评等级

甲镇污水管网改造工程

专项债券

300

91.5

乙村道路建设工程

专项债券

120

88

下一步将加快项目建设进度。"""


def test_cells_pasted_one_per_paragraph_lose_their_trailing_blank_cells():
    (table,) = find_text_tables(PARAGRAPHS)
    assert table.texts == [
        ["项目名称", "债券类型", "发行规模", "自评分数", "自评等级"],
        ["甲镇污水管网改造工程", "专项债券", "300", "91.5", ""],
        ["乙村道路建设工程", "专项债券", "120", "88", ""],
    ]
    assert table.unit_line == "单位:万元"
    for row in table.rows:
        for cell in row:
            assert not cell.text or PARAGRAPHS[cell.start : cell.end] == cell.text


def test_a_flattened_forms_label_cells_are_no_paragraph_table():
    form = "项目名称\n\n某经费\n\n主管部门\n\n某局\n\n实施单位\n\n某所\n\n甲\n\n1\n\n乙\n\n2"
    assert all(table.texts[0][0] != "项目名称" for table in find_text_tables(form))


def test_a_forms_funds_header_never_continues_the_label_rows_above():
    text = (
        "项目名称 | 某经费 | | |\n主管部门 | 某局 | 实施单位 | 某所 |\n"
        "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 |\n总额 | 1.00 | 2.00 | 1.80 |"
    )
    (table,) = find_text_tables(text)
    funds_header = next(row for row in table.texts if "年初预算" in row)
    assert funds_header[:2] == ["预算执行情况(10分)", "年度预算数(万元)"]


CELLS = ["年度", "合计", "接待费", "公车购置及运行费", "合计", "购置", "运行", "2021年", "30", "10", "20", "5", "15"]
BARS_ON_OWN_LINES = "对比情况\n" + "".join(f"{cell}\n|\n" for cell in CELLS)


def test_cells_whose_bar_is_on_a_line_of_their_own_and_a_flattened_group_header():
    """`年度` ⏎ `|` ⏎ …: each cell's bar on its own line; `公车购置及运行费` is a group printed over
    `合计 │ 购置 │ 运行`."""
    (table,) = find_text_tables(BARS_ON_OWN_LINES)
    assert table.texts == [
        ["年度", "合计", "接待费", "公车购置及运行费", "公车购置及运行费", "公车购置及运行费"],
        ["年度", "合计", "接待费", "合计", "购置", "运行"],
        ["2021年", "30", "10", "20", "5", "15"],
    ]
    for row in table.rows:
        for cell in row:
            if cell.start >= 0:
                assert BARS_ON_OWN_LINES[cell.start : cell.end] == cell.text


LABEL_ONLY_ROWS = """某局三公经费决算情况表
单位:万元
项      目 本年决算数
一、支出合计 12.46
1、因公出国(境)费用
2、公务接待费 4.18
其中:(1)公务用车运行维护费
二、相关统计数
1.公务接待批次(批) 52
三、增减变化原因说明 比上年减少1.06万元，主要是压减接待。"""


def test_aligned_rows_that_print_their_label_only_and_a_letter_spaced_header_cell():
    (table,) = find_text_tables(LABEL_ONLY_ROWS)
    assert table.texts == [
        ["项目", "本年决算数"],
        ["一、支出合计", "12.46"],
        ["2、公务接待费", "4.18"],
        ["1.公务接待批次(批)", "52"],
    ]


def test_a_cell_a_text_table_never_printed_gives_no_null_figure():
    """`公务用车保有量(辆) 6` under `预算数 决算数`: the dropped 预算数 cell is unknown, not a printed blank."""
    (table,) = find_text_tables(ALIGNED)
    padding = table.rows[3][1]
    assert (padding.text, padding.printed) == ("", False) and table.rows[1][1].printed


def _cells_per_line(cells: list[str], bar: bool) -> str:
    """A table pasted one cell per line: `text |` (a blank cell a bare `|`), or one per paragraph (blank dropped)."""
    if bar:
        return "\n".join(f"{cell} |" if cell else "|" for cell in cells)
    return "\n\n".join(cell for cell in cells if cell)


SUMMARY_CELLS = [
    "公开01表", "编制单位:某县档案馆", "金额单位:元", "收入", "支出",
    "项目", "行次", "决算数", "项目(按功能分类)", "行次", "决算数", "按支出性质", "行次", "决算数",
    "栏次", "", "1", "栏次", "", "2", "栏次", "", "3",
    "一、财政拨款收入", "1", "3,164,250.00", "一、一般公共服务支出", "31", "2,905,000.00",
    "一、基本支出", "61", "2,410,050.00",
    "其中:政府性基金", "2", "0.00", "二、外交支出", "32", "0.00", "二、项目支出", "62", "754,200.00",
    "二、上级补助收入", "3", "18,000.00", "三、国防支出", "33", "", "三、上缴上级支出", "63", "0.00",
    "三、事业收入", "4",
]  # fmt: skip


def test_a_summary_flattened_cell_by_cell_rebuilds_its_blocks_by_their_row_numbers():
    """A 收入支出决算总表 pasted one cell per line: `收入 │ 支出` over three blocks (收入, 支出 by function, 支出 by
    nature), 栏次 rows, then rows that each start with a label; every row goes to its block by its 行次."""
    text = "一、收入支出决算总表\n" + _cells_per_line(SUMMARY_CELLS, bar=True) + "\n第三部分 情况说明"
    (table,) = find_text_tables(text)
    assert (table.caption, table.unit_line) == ("一、收入支出决算总表 公开01表", "金额单位:元")
    assert table.texts[:2] == [
        ["收入"] * 3 + ["支出"] * 6,
        ["项目", "行次", "决算数", "项目(按功能分类)", "行次", "决算数", "按支出性质", "行次", "决算数"],
    ]
    assert table.texts[2] == ["一、财政拨款收入", "1", "3,164,250.00"] + [""] * 6
    assert table.texts[4] == [""] * 6 + ["一、基本支出", "61", "2,410,050.00"]
    assert table.texts[9] == [""] * 3 + ["三、国防支出", "33", ""] + [""] * 3
    assert table.texts[-1] == ["三、事业收入", "4"] + [""] * 7
    for row in table.rows:
        for cell in row:
            if cell.start >= 0:
                assert text[cell.start : cell.end] == cell.text


def test_a_summary_pasted_one_cell_per_paragraph_gives_its_revenue_and_expenditure_lines():
    """The same table with one cell per paragraph (blank cells lost): the appropriation received and the
    basic/project split are the department's; function classes, 上级补助收入 and the 行次 are no figures."""
    page = "某县档案馆2022年部门决算\n\n收入支出决算总表\n\n" + _cells_per_line(SUMMARY_CELLS, bar=False)
    figures = {(f["metric"], f["value"]) for f in extract_page(page.encode("utf-8"))["figures"]}
    assert figures == {
        ("revenue.fiscal_appropriation", 3164250.0),
        ("expenditure.basic", 2410050.0),
        ("expenditure.project", 754200.0),
    }


def test_a_flattened_fiscal_appropriation_summary_gives_no_department_lines():
    """Its caption (财政拨款收入支出决算总表) bound from the cells above `收入`: fiscal scope, no department totals."""
    cells = ["财政拨款收入支出决算总表", *SUMMARY_CELLS]
    assert extract_page(_cells_per_line(cells, bar=True).encode("utf-8"))["figures"] == []


OPENED_ROWS = """一、2022年度一般公共预算财政拨款“三公”经费支出决算表
单位:万元
|
项 目 |
预 算 数 |
决 算 数 |
|
合 计 |
58 |
41.60 |
|
公务接待费 |
6 |
3.25 |
|
公务用车购置及运行维护费 |
52 |
38.35 |
|
其中:公务用车运行维护费 |
22 |
18.35 |
|
公务用车购置费 |
30 |
20.00 |
二、情况说明"""


def test_rows_each_opened_by_a_bare_bar_keep_their_sub_rows():
    """`|` ⏎ `项 目 |` ⏎ `预 算 数 |` …: a markdown table pasted one cell per line, each row opened by a bar of its
    own (the first one right under the unit line is no cell of that line); the 其中 row is a row like the others."""
    (table,) = find_text_tables(OPENED_ROWS)
    assert (table.caption, table.unit_line) == ("一、2022年度一般公共预算财政拨款“三公”经费支出决算表", "单位:万元")
    assert table.texts[0] == ["项 目", "预 算 数", "决 算 数"]
    assert table.texts[4:] == [["其中:公务用车运行维护费", "22", "18.35"], ["公务用车购置费", "30", "20.00"]]
    page = "某中心2022年度“三公”经费支出决算情况说明\n" + OPENED_ROWS
    figures = {(f["metric"], f["value"]) for f in extract_page(page.encode("utf-8"))["figures"]}
    assert figures == {
        ("sangong.total", 416000.0),
        ("sangong.reception", 32500.0),
        ("sangong.vehicle", 383500.0),
        ("sangong.vehicle_operation", 183500.0),
        ("sangong.vehicle_purchase", 200000.0),
    }


def test_a_row_broken_over_two_lines_is_one_row():
    text = (
        "资金来源 | 年初预算数 | 全年执行数 | 分值 | 得分 |\n年度资金总额 | 60.00 | 65.00 | 10 | 10 |\n"
        "基本支出 | 45.00 | 43.00 |\n10 | 10 | ||\n项目支出 | 15.00 | 22.00 | 10 | 10 |"
    )
    (table,) = find_text_tables(text)
    assert table.texts[2] == ["基本支出", "45.00", "43.00", "10", "10"]
    assert table.texts[3][0] == "项目支出"


def test_a_label_alone_on_its_line_heads_the_row_of_amounts_under_it():
    """`年度资金总额 |` ⏎ `| 18.5 | 18.2 |`: the amounts' row opens with a blank cell where its label was."""
    text = (
        "项目名称 | 某某补助项目 |\n| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
        "年度资金总额 |\n| 18.5 | 18.5 | 18.2 | 10 | 98.38% | 9.8 |\n"
        "其中:当年财政拨款 |\n| 18.5 | 18.5 | 18.2 | | | |\n"
    )
    (table,) = find_text_tables(text)
    assert table.texts[2] == ["年度资金总额", "18.5", "18.5", "18.2", "10", "98.38%", "9.8"]
    assert table.texts[3][:4] == ["其中:当年财政拨款", "18.5", "18.5", "18.2"]


INLINE = (
    "某院2022年“三公”经费支出决算表 单位:万元 项 目 预算数 决算数 合 计 30.00 28.50 公务接待费 10.00 9.50 "
    "公务用车购置及运行费 20.00 19.00 其中:公务用车运行维护费 20.00 19.00 二、说明 本院严控支出。"
)


def test_a_table_whose_rows_a_pdf_put_on_one_line_is_read_row_by_row():
    (table,) = find_text_tables(INLINE)
    assert table.texts == [
        ["项目", "预算数", "决算数"],
        ["合计", "30.00", "28.50"],
        ["公务接待费", "10.00", "9.50"],
        ["公务用车购置及运行费", "20.00", "19.00"],
        ["其中:公务用车运行维护费", "20.00", "19.00"],
    ]
    assert table.unit_line == "单位:万元" and INLINE[table.end - 5 : table.end] == "19.00"
    assert INLINE[table.start :].startswith("项 目")


def test_group_cells_printed_side_by_side_span_the_repeats_of_the_sub_header_below():
    text = (
        "单位:万元\n项目 | 预算数 | 决算数 | ||||\n"
        "合计 | 一般公共预算 | 政府性基金 | 合计 | 一般公共预算 | 政府性基金 | |\n"
        "公务接待费 | 6 | 6 | 0 | 4.18 | 4.18 | 0 |\n总计 | 6 | 6 | 0 | 4.18 | 4.18 | 0 |\n"
    )
    (table,) = find_text_tables(text)
    assert table.texts[:2] == [
        ["项目", "预算数", "预算数", "预算数", "决算数", "决算数", "决算数"],
        ["项目", "合计", "一般公共预算", "政府性基金", "合计", "一般公共预算", "政府性基金"],
    ]
    unequal = text.replace("| 合计 | 一般公共预算 | 政府性基金 | |", "| 合计 | 一般公共预算 | 其他 | |")
    assert find_text_tables(unequal)[0].texts[0][-1] == "决算数"  # no repeat: the last group fills the rest


BUDGET_TABLES_IN_ONE_RUN = """收 入 | | 支 出 | |
项 目 | 预算数 | 项 目 | 预算数 |
一、一般公共预算拨款收入 | 1,520.40 | 一、农林水支出 | 1,560.40 |
本年收入合计 | 1,520.40 | 本年支出合计 | 1,560.40 |
上年结转 | 40.00 | | |
收 入 总 计 | 1,560.40 | 支 出 总 计 | 1,560.40 |
科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
| 合计 | 1,560.40 | 1,210.40 | 350.00 |
213 | 农林水支出 | 1,560.40 | 1,210.40 | 350.00 |"""


def test_a_header_row_right_after_a_row_of_amounts_opens_the_next_pipe_table():
    """Two tables pasted without a line between them; the second's header opens with a cell, so the bar that
    opens its 合计 row stands for an empty 科目编码 cell (no markdown row)."""
    summary, spending = find_text_tables(BUDGET_TABLES_IN_ONE_RUN)
    assert summary.texts[-1] == ["收 入 总 计", "1,560.40", "支 出 总 计", "1,560.40"]
    assert spending.texts == [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "1,560.40", "1,210.40", "350.00"],
        ["213", "农林水支出", "1,560.40", "1,210.40", "350.00"],
    ]


def test_a_budgets_grand_total_is_its_total_and_letter_spaced_labels_are_read():
    page = "某县农业农村局2024年部门预算\n单位:万元\n" + BUDGET_TABLES_IN_ONE_RUN
    result = extract_page(page.encode(), "http://www.example.gov.cn/a.txt")
    assert {(f["metric"], f["value"]) for f in result["figures"]} == {
        ("budget.initial_total", 15604000.0),
        ("budget.initial_basic", 12104000.0),
        ("budget.initial_project", 3500000.0),
    }


def test_a_form_whose_name_row_reads_special_fund_opens_a_form():
    """`专项(项目)名称` (a transfer payment's form) opens a form like `项目名称`; cells may carry their unit."""
    text = (
        "专项(项目)名称  示例村道路硬化项目 负责人及电话  李某\n"
        "县级主管部门  示例县交通运输局 实施单位  示例镇人民政府\n"
        "项目资金(万元) \n"
        "全年预算数(A)  全年执行数(B)  执行率(B/A) \n"
        "年度资金总额:  80.00万元 76.00万元 95%\n"
    )
    (form,) = find_text_tables(text)
    assert form.texts[0][:2] == ["专项(项目)名称", "示例村道路硬化项目"]
    assert form.texts[-1] == ["年度资金总额:", "80.00万元", "76.00万元", "95%"]


LABEL_STREAM = """基础数据表

财政供养人员情况(人

编制数

实际在职人数

30

28

经费控制情况(万元

2022 年决算数

2023 年决算数

三公经费:

2.10

1.80

1、业务工作经费

项目支出:

120.00

98.50

说明:以上数据来自决算报表,其他支出不在此列。"""


def test_labels_each_followed_by_one_value_per_column_header_are_rows():
    """A table pasted one cell per line: the values right after the headers are the caption's; a label without
    values is a row left blank; the next caption with headers opens the next table; a sentence ends it."""
    staff, money = find_text_tables(LABEL_STREAM)
    assert staff.texts == [["财政供养人员情况(人", "编制数", "实际在职人数"], ["", "30", "28"]]
    assert money.texts == [
        ["经费控制情况(万元", "2022 年决算数", "2023 年决算数"],
        ["三公经费:", "2.10", "1.80"],
        ["1、业务工作经费", "", ""],
        ["项目支出:", "120.00", "98.50"],
    ]


def test_a_comparison_tables_row_number_change_and_rate_columns_are_no_figures():
    """`项目 | 行号 | 本期 | 上年同期 | 增加额 | 增长率`: this year's and last year's amounts only."""
    text = (
        "示例市康复医院2022年财务收支情况\n单位:元 | |\n项目 | 行号 | 本 期 | 上年同期 | 增加额 | 增长率 |\n"
        "1、总收入 | 1 | 5200000.00 | 4800000.00 | 400000.00 | 8.33% |\n"
        "其他收入 | 2 | 200000.00 | 300000.00 | -100000.00 | -33.33% |\n"
    )
    figures = extract_page(text.encode(), "http://127.0.0.1/a.txt")["figures"]
    assert {(f["metric"], f["fiscal_year"], f["value"]) for f in figures} == {
        ("revenue.total", 2022, 5_200_000),
        ("revenue.total", 2021, 4_800_000),
        ("revenue.other", 2022, 200_000),
        ("revenue.other", 2021, 300_000),
    }


_FORM_FUNDS_ONLY = (
    "示例项目经费绩效自评表(2022年度)\n"
    "项目名称 示例文物保护经费\n主管部门 示例区文化和旅游局   实施单位 示例区文化和旅游局\n"
    "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "(万元) 年度资金总额 40 40 36 10 0.9 9\n"
    "其中:当年财政拨款 40 40 36 10 0.9 9\n"
    "      上年结转资金\n  其他资金\n"
    "绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分\n"
)


def test_a_forms_funds_block_that_reports_spending_makes_it_a_self_evaluation():
    """Cut off where its indicator header loses 实际完成值/得分 to line breaks (or before its indicator table),
    a form whose funds report 全年执行数/执行率 is a project self-evaluation, not a 绩效目标表; its rate printed
    as the ratio (0.9 for 36 of 40) is 90%; its 当年财政拨款 row is the project's money, never revenue."""
    for text in (_FORM_FUNDS_ONLY, _FORM_FUNDS_ONLY.rsplit("绩效指标", 1)[0]):
        figures = extract_page(text.encode(), "http://127.0.0.1/a.txt")["figures"]
        assert {(f["metric"], f["subject"], f["value"]) for f in figures} == {
            ("budget.initial_project", "示例文物保护经费", 400_000),
            ("budget.adjusted_total", "示例文物保护经费", 400_000),
            ("projects.spent", "示例文物保护经费", 360_000),
            ("projects.execution_rate_pct", "示例文物保护经费", 90),
        }


_TRANSFER_FORM = (
    "就业补助资金绩效自评表\n就业补助资金绩效自评表 | |||||||\n(2023年度) | |||||||\n"
    "转移支付(项目)名称 | 示例补助资金 | ||||||\n中央主管部门 | 人力资源社会保障部 | ||||||\n"
    "地方主管部门 | 示例省人力资源和社会保障厅 | ||||||\n资金使用单位 | 淮南市示例区人力资源和社会保障局 | ||||\n"
    "资金投入情况 (万元) |\n全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||\n"
    "年度资金总额: | 500 | 450 | 90% | ||||\n其中:中央财政资金 | 500 | 450 | 90% | ||||\n地方财政资金 | |||||||\n"
)


def test_a_transfer_payments_form_reads_its_funds_under_a_header_that_lost_its_label_cell():
    """The 中央对地方转移支付 form: `转移支付(项目)名称` names the project (a text table repeats it beside the
    ministries' rows), the unit line above the header (`资金投入情况 (万元)`) gives the unit, the header lost the
    column its label spanned, and `资金使用单位` is the page's unit."""
    result = extract_page(_TRANSFER_FORM.encode(), "http://127.0.0.1/a.txt")
    assert {(f["metric"], f["subject"], f["value"]) for f in result["figures"]} == {
        ("budget.adjusted_total", "示例补助资金", 5_000_000),
        ("projects.spent", "示例补助资金", 4_500_000),
        ("projects.execution_rate_pct", "示例补助资金", 90),
    }
    assert result["document"]["department"] == "淮南市示例区人力资源和社会保障局"


def _bar_rows_form(rows: list[list[str]]) -> str:
    """A form pasted one cell per line, each cell closed by its bar and each row by a run of bars."""
    return "".join("".join(f"{cell}\n|\n" for cell in row) + "|" * max(2, 8 - len(row)) + "\n" for row in rows)


def test_a_form_pasted_cell_by_cell_with_a_bar_run_closing_each_row():
    text = "2022年度项目支出绩效自评表\n单位名称:示例市退役军人事务局\n" + _bar_rows_form(
        [
            ["项目名称", "节日走访慰问经费"],
            ["主管部门", "示例市退役军人事务局", "项目实施单位", "示例市退役军人事务局"],
            ["预算执行情况(万元)(20分)", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
            ["年度财政资金总额", "40", "38", "95%", "19"],
            ["总分(100分)", "96", "自评等级", "优"],
        ]
    )
    result = extract_page(text.encode(), "http://127.0.0.1/a.txt")
    assert {(f["metric"], f["subject"], f["value"]) for f in result["figures"]} == {
        ("budget.adjusted_total", "节日走访慰问经费", 400_000),
        ("projects.spent", "节日走访慰问经费", 380_000),
        ("projects.execution_rate_pct", "节日走访慰问经费", 95),
    }
    assert [(e["subject"], e["score"], e["rating"]) for e in result["evaluations"]] == [("节日走访慰问经费", 96, "优")]


def test_a_department_form_named_by_its_预算部门名称_under_a_title_less_cost_table():
    """A Hunan 部门整体 form pasted cell by cell under a cost-control table whose column headers print years
    (`2023年决算数 |`): the form's own heading, not a column header, gives the report type and year, and its
    `预算部门名称` row names the department."""
    cost_table = _bar_rows_form([["经费控制情况(万元)", "2023年决算数", "2024年预算数"], ["公用经费", "18", "19"]])
    form = _bar_rows_form(
        [
            ["预算部门名称", "某某办"],
            ["年度预算申请(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "820.50", "830.00", "815.40", "10", "98.2%", "9.8"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "完成审计项目", "≥20个", "22个", "20", "20"],
        ]
    )
    result = extract_page((cost_table + "2024年度部门整体支出绩效自评表\n" + form).encode(), "http://127.0.0.1/a.txt")
    assert (result["document"]["report_type"], result["document"]["fiscal_year"]) == ("self_eval_department", 2024)
    assert {(f["metric"], f["subject"], f["value"]) for f in result["figures"]} >= {
        ("budget.initial_total", "某某办", 8_205_000),
        ("budget.adjusted_total", "某某办", 8_300_000),
        ("expenditure.total", "某某办", 8_154_000),
    }


def test_tables_pasted_cell_by_cell_split_where_a_header_follows_a_row_of_amounts():
    """Hunan's cost-control tables: a header after a row of amounts starts the next table; a row of amounts one
    cell short of the header above it lost its blank label cell; a row that ended early prints no blanks."""
    text = _bar_rows_form(
        [
            ["财政供养人员情况(人)", "编制数", "2024年实际在职人数", "控制率"],
            ["18", "17", "94.4%"],
            ["经费控制情况(万元)", "2023年决算数", "2024年预算数", "2024年决算数"],
            ["三公经费", "3.2", "3.0", "2.6"],
            ["其中:公车购置"],
            ["项目支出:", "210.5", "198.0", "190.4"],
        ]
    )
    staff, costs = find_text_tables(text)
    assert staff.texts == [
        ["财政供养人员情况(人)", "编制数", "2024年实际在职人数", "控制率"],
        ["", "18", "17", "94.4%"],
    ]
    assert costs.texts[1] == ["三公经费", "3.2", "3.0", "2.6"]
    assert [cell.printed for cell in costs.rows[2]] == [True, False, False, False]
    page = "某某中心2024年度部门整体支出绩效自评报告\n" + text
    figures = {
        (f["metric"], f["fiscal_year"], f["value"])
        for f in extract_page(page.encode(), "http://127.0.0.1/a.txt")["figures"]
    }
    assert {
        ("staff.authorized_total", 2024, 18),
        ("staff.actual_total", 2024, 17),
        ("sangong.total", 2024, 26000.0),
        ("budget.initial_project", 2024, 1980000.0),
        ("expenditure.project", 2024, 1904000.0),
    } <= figures
    assert not any(metric == "sangong.vehicle_purchase" for metric, _, _ in figures)


LONE_BAR_ROWS = (
    "金额单位:万元 |\n||||||\n项目 |\n预算数 |\n决算数 |\n|||||\n"
    "合计 |\n一般公共预算财政拨款 |\n政府性基金预算财政拨款 |\n"
    "合计 |\n一般公共预算财政拨款 |\n政府性基金预算财政拨款 |\n||\n公务接待费 |\n6.00 |\n6.00 |\n0.00 |\n3.20 |\n"
    "3.20 |\n0.00 |\n|\n总计 |\n6.00 |\n6.00 |\n0.00 |\n3.20 |\n3.20 |\n0.00 |\n二、情况说明\n"
)


def test_rows_closed_by_a_lone_bar_under_groups_printed_side_by_side():
    """Each row of amounts closed by a lone `|` before the next row's label, the last one by the text after the
    table; `预算数 │ 决算数` over a sub-header printed three times spread over their columns."""
    (table,) = find_text_tables(LONE_BAR_ROWS)
    assert table.texts[1][:5] == ["项目", "预算数", "预算数", "预算数", "决算数"]
    assert table.texts[2][:3] == ["项目", "合计", "一般公共预算财政拨款"]
    assert table.texts[3:] == [
        ["公务接待费", "6.00", "6.00", "0.00", "3.20", "3.20", "0.00"],
        ["总计", "6.00", "6.00", "0.00", "3.20", "3.20", "0.00"],
    ]
    page = "示例县第三中学2022年度“三公”经费支出决算情况说明\n" + LONE_BAR_ROWS
    figures = {(f["metric"], f["value"]) for f in extract_page(page.encode(), "http://127.0.0.1/a.txt")["figures"]}
    assert figures == {("sangong.reception", 32000.0), ("sangong.total", 32000.0)}


def test_a_target_tables_funds_are_no_departments_money():
    text = (
        "附件2\n2022年省级示例水利专项资金绩效目标表\n"
        "项目名称 | 省级示例水利专项资金 | 主管部门(单位)名称 | 示例县水利局 | |\n"
        "资金情况(万元) | 资金总额 | 100 | 其中:财政拨款 | 100 | 其他资金 |\n"
        "总体目标 | 开展7个小型水利工程建设 | | | | |\n"
    )
    assert extract_page(text.encode(), "http://127.0.0.1/a.txt")["figures"] == []


def test_a_two_column_table_pasted_one_cell_per_paragraph_under_a_row_label_header():
    """`项 目` ⏎ `2016年决算数` ⏎ `合 计` ⏎ `338.40` …: one value column is enough when the caption cell is the
    row labels' header; without it, a label and a number on separate lines make no table."""
    text = (
        "单位:万元\n\n项  目\n\n2016年决算数\n\n合   计\n\n338.40\n\n1. 公务接待费\n\n150.10\n\n"
        "(2)公务用车购置\n\n26.20\n"
    )
    [grid] = find_text_tables(text)
    assert [[cell.text for cell in row] for row in grid.rows] == [
        ["项  目", "2016年决算数"],
        ["合   计", "338.40"],
        ["1. 公务接待费", "150.10"],
        ["(2)公务用车购置", "26.20"],
    ]
    assert find_text_tables("说明\n\n2016年决算数\n\n合计\n\n338.40\n") == []


def test_a_table_of_evaluated_projects_pasted_one_cell_per_line_with_numbered_rows():
    """A finance bureau's results of commissioned evaluations: each row opens with its serial, not its name, and
    the copy stops inside the last row."""
    header = ["序号", "评价政策或项目资金名称", "主管部门", "资金规模(万元)", "评分情况", "评级情况"]
    rows = [
        ["1", "示例区河道保洁经费项目", "区水利局", "120", "91.5", "优"],
        ["2", "示例区老旧小区改造资金项目", "区住建委", "3400", "84", "良"],
        ["3", "示例区公交补贴资金项目"],
    ]
    text = "具体评价结果明细见下表：\n" + "".join(f"{cell} |\n" for row in [header, *rows] for cell in row)
    result = extract_page(text.encode(), "http://127.0.0.1/a.txt")
    assert [(e["subject"], e["score"], e["rating"]) for e in result["evaluations"]] == [
        ("示例区河道保洁经费", 91.5, "优"),  # without the trailing 项目, as every project on a page
        ("示例区老旧小区改造资金", 84, "良"),
    ]


STAGE_BLOCKS = [
    "示例总署“三公经费”财政拨款情况表",
    "单位:万元",
    "2015年“三公经费”财政拨款预算数",
    "2015年“三公经费”财政拨款决算数",
    "2016年“三公经费”财政拨款预算数",
    *["合计", "因公出国(境)费", "公务用车购置及", "运行费", "公务", "接待费"] * 3,
    *["120.50", "40", "60.50", "20", "110.25", "38.10", "57.35", "14.80", "118", "39", "60", "19"],
    "关于“三公经费”财政拨款情况的说明",
]


def test_stage_headers_printed_before_repeated_item_headers_give_each_block_its_stage():
    (table,) = find_text_tables("\n".join(STAGE_BLOCKS))
    assert table.texts[0][4:8] == ["2015年“三公经费”财政拨款决算数"] * 4
    assert table.texts[2][:4] == ["合计", "因公出国(境)费", "公务用车购置及运行费", "公务接待费"]
    assert table.texts[3][4:8] == ["110.25", "38.10", "57.35", "14.80"]
    figures = extract_page(("示例总署2015年“三公经费”情况说明\n" + "\n".join(STAGE_BLOCKS)).encode())["figures"]
    assert {(f["metric"], f["value"], f["fiscal_year"]) for f in figures} == {
        ("sangong.total", 1102500.0, 2015),
        ("sangong.outbound", 381000.0, 2015),
        ("sangong.vehicle", 573500.0, 2015),
        ("sangong.reception", 148000.0, 2015),
    }


def test_a_traditional_copy_of_a_caption_less_table_under_its_unit_line_is_read_as_simplified():
    text = "\n".join(["按規定公佈如下:", *STAGE_BLOCKS[1:]])
    traditional = text.replace("单位", "單位").replace("经费", "經費").replace("财政拨款", "財政撥款")
    traditional = traditional.replace("预算数", "預算數").replace("决算数", "決算數").replace("运行费", "運行費")
    page = "示例總署2015年“三公經費”情況說明\n" + traditional.replace("接待费", "接待費")
    result = extract_page(page.encode())
    figures, body = result["figures"], result["document"]["body_text"]
    assert {(f["metric"], f["value"]) for f in figures if f["locator"]} == {
        ("sangong.total", 1102500.0),
        ("sangong.outbound", 381000.0),
        ("sangong.vehicle", 573500.0),
        ("sangong.reception", 148000.0),
    }
    for figure in figures:
        assert figure["value_text"] in body[figure["span_start"] : figure["span_end"]]
