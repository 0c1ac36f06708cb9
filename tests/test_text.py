from __future__ import annotations

import codecs
from decimal import Decimal

import pytest

from pipelines.text import (
    BLANK_GLYPHS,
    canonical_charset,
    declared_charset,
    decode_bytes,
    find_date,
    is_normalised,
    leading_number,
    normalise,
    to_simplified,
)

PAGE = (
    "<html><head>{meta}<title>示例县水务局2023年度部门整体支出绩效自评报告</title></head>"
    "<body><p>索引号：slj/2023-00047</p><p>发布日期：2023-06-14</p><p>年初预算收入736.82万元，堃䶮</p></body></html>"
)


def page(meta: str = "") -> str:
    return PAGE.format(meta=meta)


def test_gbk_bytes_declared_utf8_are_decoded_as_gb18030():
    text = page('<meta charset="utf-8">')
    decoded, encoding = decode_bytes(text.encode("gb18030"))
    assert (decoded, encoding) == (text, "gb18030")


def test_bytes_without_declaration_are_detected():
    text = page()
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_declared_gb2312_is_read_as_gb18030_so_rare_name_characters_survive():
    # 䶮 (U+4DAE) is outside GB2312 and GBK; pages declaring gb2312 still carry it as a GB18030 sequence.
    text = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    decoded, encoding = decode_bytes(text.encode("gb18030"))
    assert encoding == "gb18030"
    assert "堃䶮" in decoded


def test_utf8_bytes_declared_gbk_are_not_turned_into_mojibake():
    text = page('<meta charset="gbk">')
    decoded, encoding = decode_bytes(text.encode("utf-8"))
    assert encoding == "utf-8"
    assert "发布日期" in decoded and "鍙戝竷" not in decoded


@pytest.mark.parametrize(
    "bom, codec",
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_byte_order_mark_wins_over_a_wrong_declaration(bom, codec):
    text = page('<meta charset="gbk">')
    decoded, _ = decode_bytes(bom + text.encode(codec))
    assert decoded.lstrip("\ufeff") == text


def test_http_charset_comes_before_the_page_declaration():
    text = page('<meta charset="iso-8859-1">')
    assert decode_bytes(text.encode("gb18030"), http_charset="GBK") == (text, "gb18030")


def test_wrong_http_charset_is_overridden_when_it_does_not_decode():
    text = page()
    assert decode_bytes(text.encode("utf-8"), http_charset="gb2312") == (text, "utf-8")


def test_a_damaged_byte_in_a_gbk_page_costs_one_character_not_the_page():
    text = page() * 5
    data = text.encode("gb18030")
    cut = data.index("发布日期".encode("gb18030"))
    decoded, encoding = decode_bytes(data[:cut] + b"\xff" + data[cut:])
    assert encoding == "gb18030"
    assert decoded.count("\ufffd") == 1 and decoded.count("发布日期") == 5


def test_bytes_that_decode_nowhere_fall_back_to_gb18030_with_replacement():
    decoded, encoding = decode_bytes(b"abc\x80")
    assert (decoded, encoding) == ("abc\ufffd", "gb18030")


def test_literal_replacement_characters_in_utf8_text_keep_utf8():
    text = "索引号000014348/2023-02345\n发布日期2023-10-27\n预算编制工作不够精准\ufffd\n"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_charset_names():
    assert canonical_charset("GB2312") == "gb18030"
    assert canonical_charset("x-gbk") == "gb18030"
    assert canonical_charset("UTF8") == "utf-8"
    assert canonical_charset("no-such-charset") is None
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK" />') == "GBK"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("①12人", "(1) 12人"),
        ("⑴负责", "(1) 负责"),
        ("⒉公务接待", "2. 公务接待"),
        ("㉑项", "(21) 项"),
        ("１２３．４５万元", "123.45万元"),
        ("（一）部门概况：", "(一)部门概况:"),
        ("８３．５０％", "83.50%"),
        ("文\u3000\u3000号", "文 号"),
        ("预\u200b算", "预算"),
        ("决算数为\xa0\xa06.72 万元", "决算数为 6.72 万元"),
        ("第一行  \n\t第二行", "第一行 \n 第二行"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_normalise_keeps_line_count():
    text = "一\n\n二\r\n三\u3000\n"
    assert normalise(text).count("\n") == text.count("\n")


def test_matching_form_blanks_enumerators_and_folds_units_and_minus_but_the_reading_form_does_not():
    printed = "①结余\u200b−3.5萬元，⑵12億元"
    assert normalise(printed) == "(1) 结余−3.5萬元,(2) 12億元"
    assert normalise(printed, matching=True) == " 结余-3.5万元, 12亿元"
    assert normalise("㊱  项", matching=True, collapse_spaces=False) == "   项"
    assert not is_normalised(printed) and not is_normalised("萬") and is_normalised("结余-3.5万元")


@pytest.mark.parametrize(
    "cell, parsed",
    [
        ("1,860,000.00", (Decimal("1860000.00"), "")),
        ("≥48次", None),
        ("52 次", (Decimal(52), "次")),
        ("+3.6", (Decimal("3.6"), "")),
        ("−3.6%", (Decimal("-3.6"), "%")),
        ("１２０万元", (Decimal(120), "万元")),
        ("612.30,640.18", (Decimal("612.30"), ",640.18")),
        ("见附件", None),
    ],
)
def test_leading_number(cell, parsed):
    assert leading_number(cell) == parsed


def test_blank_glyphs_are_no_number():
    assert all(leading_number(glyph) is None for glyph in BLANK_GLYPHS)
    assert leading_number(None) is None


@pytest.mark.parametrize(
    "text, printed",
    [
        ("发布时间：2023/09/26 10:30", "2023/09/26"),
        ("2023年 9月 5日发布", "2023年 9月 5日"),
        ("12023-01-01", None),
        ("浏览次数：12", None),
    ],
)
def test_find_date_returns_the_date_as_printed(text, printed):
    assert find_date(text) == printed


def test_variant_forms_that_opencc_keeps_read_as_simplified():
    """`陜西省` (a variant OpenCC's t2s leaves) must read as 陕西省 so its region is found; lengths stay."""
    assert to_simplified("陜西省財政廳") == "陕西省财政厅"
