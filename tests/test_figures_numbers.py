"""Number and unit parsing (conventions of docs/data-dictionary.md)."""

from decimal import Decimal

import pytest

from pipelines.figures.distractors import masked_positions
from pipelines.figures.numbers import decimals_of, parse_cell, scan_numbers
from pipelines.figures.sentences import matching_copy, split_paragraphs
from pipelines.figures.units import header_unit, unit_class
from pipelines.text import parse_decimal, to_yuan


def tokens(text: str) -> list[tuple]:
    return [(str(t.value), t.unit) for t in scan_numbers(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("9,218.40万元", [("9218.40", "万元")]),
        ("612.30,640.18万元", [("612.30", None), ("640.18", "万元")]),
        ("4,116.28、4,180.52万元", [("4116.28", None), ("4180.52", "万元")]),
        ("合计 ,0 批", [("0", "批")]),
        ("1,2345元", [("1", None), ("2345", "元")]),
        ("1.27 万\n元", [("1.27", "万元")]),
        ("下降-5.20%", [("-5.20", "%")]),
        ("2296.153442万元", [("2296.153442", "万元")]),
        ("1.2万亩", [("1.2", "万亩")]),
        ("350万已全部到位", [("350", "万")]),  # 万 before a word that goes on the sentence: 万元, its 元 left out
        ("1.26亿元", [("1.26", "亿元")]),
        ("2个批次、9人次", [("2", "个批次"), ("9", "人次")]),
        ("合计:¥1,234,500.00。", [("1234500.00", "元")]),  # a yuan sign before the number is its unit
        ("合计:￥ 12.50万元", [("12.50", "万元")]),  # the printed unit after it wins
        ("总容积766万m3、管网29公里、管长84000米", [("766", "万m3"), ("29", "公里"), ("84000", "米")]),  # measures
    ],
)
def test_scan_numbers(text, expected):
    assert tokens(text) == expected


def test_a_count_followed_by_its_noun_counts_something_else():
    found = scan_numbers("内设3个科室,接待5批次,其中")
    assert [t.counts_other for t in found] == [True, False]


@pytest.mark.parametrize(
    "text,value,unit,blank",
    [
        ("1,386.00", Decimal("1386.00"), None, False),
        ("¥1,386.00", Decimal("1386.00"), "元", False),
        ("120万", Decimal("120"), "万", False),
        ("98.83%", Decimal("98.83"), "%", False),
        ("", None, None, True),
        ("—", None, None, True),
        ("-", None, None, True),
        ("/", None, None, True),
        ("无", None, None, True),
        ("项目名称", None, None, False),
    ],
)
def test_parse_cell(text, value, unit, blank):
    cell = parse_cell(text)
    assert (cell.value, cell.unit, cell.blank) == (value, unit, blank)


def test_money_is_rounded_to_the_fen_with_decimal_arithmetic():
    assert to_yuan(Decimal("2296.153442"), Decimal(10000)) == 22961534.42
    assert to_yuan(Decimal("0.000051"), Decimal(10000)) == 0.51
    assert to_yuan(parse_decimal("1,207.4452"), Decimal(10000)) == 12074452.0
    assert decimals_of("12.60") == 2 and decimals_of("5") == 0


@pytest.mark.parametrize(
    "text,unit",
    [
        ("单位：万元", "万元"),
        ("金额单位：元", "元"),
        ("全年预算数（万元）", "万元"),
        ("表2 汇总表(单位:万元)", "万元"),
        ("项目资金（元）", "元"),
        ("执行率", None),
        ("单位：万元以上", None),
    ],
)
def test_header_unit(text, unit):
    assert header_unit(matching_copy(text).text) == unit


def test_unit_classes():
    assert [unit_class(u) for u in ("万元", "元", "%", "批次", "人次", "辆", "分", "亩")] == [
        "money",
        "money",
        "percent",
        "group",
        "person",
        "vehicle",
        "score",
        "other",
    ]


@pytest.mark.parametrize(
    "distractor",
    [
        "2023年12月31日",
        "2024-05-20",
        "0873-7654321",
        "139****5621",
        "网站标识码5325240001",
        "示财绩〔2023〕6号",
        "浏览次数:318",
        "已下载12次",
        "公开14表",
        "第二部分",
        "附件2-1",
        "滇ICP备05003518号",
        "12345热线",
        "2022年度",
        "“三公”经费2010决算支出",  # a year glued to 决算/预算
        "供热管网DN300-DN500",  # a pipe's bore
        "20201225日",  # a date whose digits run together
        "现有教职工3040余人",  # a rounded count
        "投入资金100多万元",  # a rounded amount
        "本年安排20xx年度考核经费",  # a template's masked year
        "201X年度部门预算",
        "按要求编报2020-预算",  # a year with a dash before 预算
        "今年编列2019三公经费",  # a year glued to 三公
        "每人每月发放80元",  # a rate per head, no money spent
        "补助标准为每户500元",
        "按260元/人/月发放",
    ],
)
def test_distractors_are_masked(distractor):
    text = matching_copy(distractor).text
    mask = masked_positions(text)
    assert all(mask[t.num_start] for t in scan_numbers(text)), distractor


@pytest.mark.parametrize("rule", ["“三公经费”0,每超过一个百分点扣0.8分", "支付率95%,每低于1个百分点扣1分"])
def test_a_scoring_rules_threshold_is_masked(rule):
    text = matching_copy(rule).text
    threshold = scan_numbers(text)[0]
    assert masked_positions(text)[threshold.num_start]


def test_normalisation_keeps_offsets_into_the_original():
    original = "会议费⑴１２．５万元"
    normal = matching_copy(original)
    (token,) = [t for t in scan_numbers(normal.text) if t.unit]
    start, end = normal.to_original(token.num_start), normal.to_original_end(token.num_end)
    assert original[start:end] == "１２．５"


def test_soft_line_breaks_do_not_end_a_paragraph():
    text = "公务接待费1.27 万\n元,自评得分\n92 分。\n二、下一节"
    paragraphs = split_paragraphs(text, [(t.num_start, t.end) for t in scan_numbers(text)], [])
    assert [text[p.start : p.end] for p in paragraphs] == ["公务接待费1.27 万\n元,自评得分\n92 分。", "二、下一节"]
    assert paragraphs[1].heading


def test_the_factors_of_a_computation_are_masked_and_its_product_is_not():
    text = matching_copy("(7)退休人员支出:17574.45元×12个月) = 210,893.4元").text
    mask = masked_positions(text)
    assert [(str(t.value), bool(mask[t.num_start])) for t in scan_numbers(text)] == [
        ("7", True),
        ("17574.45", True),
        ("12", False),
        ("210893.4", False),
    ]
