"""The building blocks of attachment parsing: Excel display, printed numbers and targets, labels, sniffing,
grids and merges, consistency checks."""

from __future__ import annotations

import io

import docx
import pytest

from pipelines.attachments import extract_forms
from pipelines.attachments.checks import check_form, expected_rating
from pipelines.attachments.docx import read_docx
from pipelines.attachments.forms import Total
from pipelines.attachments.labels import MONEY_UNIT_RE, bare, kind_from_text, level_label, strip_code
from pipelines.attachments.numbers import actual_number, display_number, money_value, split_target
from pipelines.attachments.safety import Deadline, Limits
from pipelines.attachments.sniff import extension, magic_kind
from pipelines.grid import Grid, GridCell, a1, column_letter, parse_a1, parse_range
from pipelines.text import is_blank


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (0.9351, "0.00%", "93.51%"),
        (1, "0%", "100%"),
        (1860000, "#,##0.00", "1,860,000.00"),
        (120, "0.00", "120.00"),
        (486.0, "General", "486"),
        (14.58, None, "14.58"),
        (0.1 + 0.2, "General", "0.3"),
        (1234.5, "#,##0", "1,235"),
        (-5, "0.00;(0.00)", "(5.00)"),
        (-5, "#,##0.00", "-5.00"),
        (12.5, '0.00"万元"', "12.50万元"),
        (1234567, "#,##0,", "1,235"),
        (3, "@", "3"),
        (2.5, "0.0#", "2.5"),
        (0.000125, "0.00%", "0.01%"),
        (45000, "yyyy-mm-dd", "45000"),
        (97.25, "[Red]0.00", "97.25"),
    ],
)
def test_display_number(value, fmt, shown):
    assert display_number(value, fmt) == shown


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("≥48次", ("≥", 48, "次")),
        ("≧500户", ("≥", 500, "户")),
        ("=100百分比", ("=", 100, "百分比")),
        ("≤7.5万元", ("≤", 7.5, "万元")),
        ("＝100%", ("=", 100, "%")),
        ("═100%", ("=", 100, "%")),
        ("≥15年", ("≥", 15, "年")),
        ("不低于85%", ("≥", 85, "%")),
        ("100%", (None, 100, "%")),
        ("≥3.2万亩", ("≥", 3.2, "万亩")),
        ("5月31日前", (None, None, None)),
        ("12月底前", (None, None, None)),
        ("90%-95%", (None, None, None)),
        ("按期完成", (None, None, None)),
        ("", (None, None, None)),
        ("—", (None, None, None)),
    ],
)
def test_split_target(text, parsed):
    assert split_target(text) == parsed


@pytest.mark.parametrize(
    "text, value",
    [
        ("96.5%", 96.5),
        ("7.14万元", 7.14),
        ("-3.6", -3.6),
        ("−3.6", -3.6),
        ("１２０", 120),
        ("486", 486),
        ("5月28日完成", None),
        ("达到预期", None),
        ("—", None),
        ("/", None),
        ("", None),
        ("0", 0),
    ],
)
def test_actual_number(text, value):
    assert actual_number(text) == value


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        ("1,860,000.00", "元", (1860000.0, "元", False)),
        ("128.47", "万元", (1284700.0, "万元", False)),
        ("5,903.218476", "万元", (59032184.76, "万元", False)),
        ("120万", "元", (1200000.0, "万", True)),
        ("0.00", "万元", (0.0, "万元", False)),
        ("—", "元", (None, "元", False)),
        ("见附件", "元", (None, "元", False)),
    ],
)
def test_money_value(text, unit, expected):
    assert money_value(text, unit) == expected


def test_blank_glyphs_are_null_not_zero():
    assert all(is_blank(text) for text in ("", " ", "—", "-", "/", "无", "——"))
    assert not any(is_blank(text) for text in ("0", "0.00", "无此项"))


def test_labels():
    assert bare("全年(调整)预算数") == "全年预算数"
    assert bare("执行率（B/A）") == "执行率"
    assert bare("一级\n指标") == "一级指标"
    assert level_label("产出指标\n(50分)") == "产出指标"
    assert level_label("效益指标（30分）") == "效益指标"
    assert strip_code("305001-长丰县水利局（本级）") == "长丰县水利局（本级）"
    assert strip_code("530000210000000012345-农村公路养护") == "农村公路养护"
    assert strip_code("示例县-水务局") == "示例县-水务局"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("附件4:2023年度项目支出绩效自评表-审核-确定20240312101010123.xlsx", "project_self_eval"),
        ("部门整体支出绩效自评表", "department_self_eval"),
        ("2023年度部门整体绩效目标完成情况表", "target_completion"),
        ("2023年部门决算公开表", "final_accounts_tables"),
        ("项目支出绩效目标表", "performance_targets"),
        ("2024年部门预算公开表", "budget_tables"),
        ("附件1", None),
    ],
)
def test_kind_from_name(name, kind):
    assert kind_from_text(name) == kind


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"PK\x03\x04rest", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole"),
        (b"%PDF-1.7\n", "pdf"),
        (b"\n\n%PDF-1.4", "pdf"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        (b"<html><body>", "html"),
        (b'<?xml version="1.0"?>\n<!-- x --><html>', "html"),
        (b"", "empty"),
        (b"hello", "unknown"),
    ],
)
def test_magic_kind(data, kind):
    assert magic_kind(data) == kind


def test_extension():
    assert extension("附件4:自评表-审核-确定.xlsx ") == "xlsx"
    assert extension("自评表") == ""


def test_cell_references():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert parse_a1("D7") == (6, 3)
    assert parse_range("B9:A5") == (4, 0, 8, 1)
    with pytest.raises(ValueError):
        parse_a1("7D")


def test_docx_merges_become_merged_ranges():
    """gridSpan and vMerge are expanded: the merged text repeats with one `merge` reference."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "产出指标"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "数量指标"
    table.cell(1, 1).text, table.cell(2, 2).text = "a", "b"
    buffer = io.BytesIO()
    document.save(buffer)
    grid = read_docx(buffer.getvalue(), Limits(), Deadline(5), [])[0]
    assert [[cell.text for cell in row] for row in grid.rows] == [
        ["产出指标", "数量指标", "数量指标"],
        ["产出指标", "a"],
        ["产出指标", "", "b"],
    ]
    assert {cell.merge for row in grid.rows for cell in row[:1]} == {"A1:A3"}
    assert (grid.rows[0][1].merge, grid.rows[0][2].origin, grid.rows[0][2].locator) == ("B1:C1", False, "table1!C1")


@pytest.mark.parametrize(
    "score, band", [(90, "优"), (89.99, "良"), (80, "良"), (79.99, "中"), (60, "中"), (59.99, "差")]
)
def test_rating_bands(score, band):
    assert expected_rating(score) == band


def test_rate_check_notes_a_rate_against_the_initial_budget():
    funds = {"initial": 100.0, "full_year": 120.0, "executed": 96.0, "rate": 96.0}
    issues = check_form([], funds, None, None, "S!A1")
    assert [(i["rule"], i["expected"], i["observed"]) for i in issues] == [("rate_mismatch", 80.0, 96.0)]
    assert "年初预算数" in issues[0]["detail"]


def test_score_sum_tolerates_rounding_only():
    rows = [{"level3": f"i{n}", "weight": 10, "score": 3.33, "locator": "S!C1"} for n in range(3)]
    funds = {"score": 0.01}
    assert check_form(rows, funds, Total(10.0, 100, None, "", "S!G9"), None, "S") == []
    assert [i["rule"] for i in check_form(rows, funds, Total(10.1, 100, None, "", "S!G9"), None, "S")] == [
        "score_sum_mismatch"
    ]


def _grid(rows: list[list[str]]) -> Grid:
    return Grid(
        "S", [[GridCell(text, f"S!{a1(r, c)}", r + 1) for c, text in enumerate(row)] for r, row in enumerate(rows)]
    )


_FORM_TOP = [["2023年度项目支出绩效自评表"], ["项目名称", "示例项目"]]
_FORM_BOTTOM = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "示例数量", "≥10个", "10个", "90", "90"],
    ["总分", "", "", "", "", "100", "99"],
]


def test_money_unit_missing_is_inferred_and_flagged():
    funds = [
        ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100", "100", "100", "10", "100%", "9"],
    ]
    result = extract_forms([_grid(_FORM_TOP + funds + _FORM_BOTTOM)])
    assert {f["unit_basis"] for f in result["figures"] if f["unit"] == "yuan"} == {"inferred"}
    assert [issue["rule"] for issue in result["validation_issues"]] == ["unit_inferred"]


def test_amount_with_its_own_unit_wins_over_the_header():
    funds = [
        ["项目资金（元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "120万", "120万", "120万", "10", "100%", "9"],
    ]
    figures = extract_forms([_grid(_FORM_TOP + funds + _FORM_BOTTOM)])["figures"]
    money = [(f["value"], f["unit_text"], f["unit_basis"]) for f in figures if f["unit"] == "yuan"]
    assert money == [(1200000.0, "万", "inline")] * 3


def test_results_table_is_not_read_as_one_forms_funds():
    """自评结果表: one project per row under 项目名称 │ 年初预算数 │ … — no figures for the form."""
    table = [
        ["项目支出绩效自评结果表"],
        ["项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率", "自评得分"],
        ["甲项目", "10", "10", "9", "90%", "95"],
        ["乙项目", "20", "20", "20", "100%", "98"],
    ]
    result = extract_forms([_grid(table)])
    assert result["figures"] == [] and result["projects"] == []


def test_a_unit_cell_whose_closing_bracket_was_lost_still_names_the_unit():
    """A PDF's line break cut `(万元)` after its unit: `(万元` at the end of a cell is still 万元."""
    assert MONEY_UNIT_RE.search("年度预算申请(万元").group(1) == "万元"
    assert MONEY_UNIT_RE.search("项目资金（元）").group(1) == "元"
    assert MONEY_UNIT_RE.search("(万元以上的项目") is None
