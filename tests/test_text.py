from __future__ import annotations

import codecs

import pytest

from pipelines.text import canonical_charset, declared_charset, decode_bytes, normalise

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
