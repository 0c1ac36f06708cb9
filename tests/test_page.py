"""Page parsing: fixture pages with expected JSON side by side, and the body/table/attachment rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parsel import Selector

from pipelines.body import CELL_SEP
from pipelines.extract import extract_page
from pipelines.page import document_fields, find_attachments, parse_document, parse_html, parse_plaintext

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
EXPECTED = sorted(FIXTURES.glob("*.json"))


def _fixture(path: Path):
    expected = json.loads(path.read_text(encoding="utf-8"))
    return expected, parse_document((FIXTURES / expected["input"]).read_bytes(), expected["url"])


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_fixture_document_and_attachments(path):
    expected, page = _fixture(path)
    document = document_fields(page)
    assert page.encoding == expected["encoding"]
    assert {key: document[key] for key in expected["document"]} == expected["document"]
    assert page.attachments == expected["attachments"]


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_fixture_body(path):
    expected, page = _fixture(path)
    text = page.body.text
    assert [s for s in expected["body_contains"] if s not in text] == []
    assert [s for s in expected["body_excludes"] if s in text] == []
    tables = [
        {"caption": t.caption, "unit_line": t.unit_line, "rows": len(t.rows), "cols": len(t.rows[0])}
        for t in page.body.tables
    ]
    assert tables == expected["tables"]


def _html(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _body(html_body: str):
    return parse_html(_html(f'<div id="vsb_content"><div class="v_news_content">{html_body}</div></div>')).body


def test_paragraphs_and_breaks_become_lines_and_inline_tags_do_not_split_numbers():
    body = _body("<p>收入<span>1,2</span><b>36</b>.50万元</p><p>公务接待费 1.27 万<br>元</p>\n<p>  </p><p>①12人</p>")
    assert body.text == "收入1,236.50万元\n公务接待费 1.27 万\n元\n(1) 12人"


def test_script_style_and_comments_are_not_text():
    body = _body("<p>预算<script>var a='999';</script><!-- 888 --><style>p{}</style>12.5万元</p>")
    assert body.text == "预算12.5万元"


def test_table_grid_expands_spans_and_records_offsets():
    body = _body(
        "<p>表3 项目收支明细表</p><p>单位：万元</p>"
        "<table><tr><td rowspan='2'>项目</td><td colspan='2'>资金</td></tr>"
        "<tr><td>到位</td><td>使用</td></tr>"
        "<tr><td>一级<br>指标</td><td>5</td><td></td></tr></table><p>完</p>"
    )
    (table,) = body.tables
    assert table.texts == [["项目", "资金", "资金"], ["项目", "到位", "使用"], ["一级指标", "5", ""]]
    assert (table.caption, table.unit_line) == ("表3 项目收支明细表", "单位:万元")
    origin, copy = table.rows[0][0], table.rows[1][0]
    assert (origin.merge, origin.origin, copy.merge, copy.origin, copy.start) == ("A1:A2", True, "A1:A2", False, -1)
    assert (origin.locator, copy.locator, table.rows[0][2].locator) == ("table1!A1", "table1!A2", "table1!C1")
    for row in table.rows:
        for cell in row:
            if cell.start >= 0:
                assert body.text[cell.start : cell.end] == cell.text
    assert (
        body.text[table.start : table.end] == f"项目{CELL_SEP}资金\n到位{CELL_SEP}使用\n一级指标{CELL_SEP}5{CELL_SEP}"
    )
    assert body.text.endswith("\n完")


def test_unit_line_from_a_merged_first_row_or_the_caption():
    merged = _body("<table><tr><td colspan='3'>单位：万元</td></tr><tr><td>a</td><td>1</td><td>2</td></tr></table>")
    captioned = _body("<table><caption>表2 汇总表（金额单位：元）</caption><tr><td>a</td><td>1</td></tr></table>")
    assert merged.tables[0].unit_line == "单位:万元"
    assert (captioned.tables[0].caption, captioned.tables[0].unit_line) == ("表2 汇总表(金额单位:元)", "金额单位:元")


def test_unit_declared_beside_the_compiler_or_under_the_caption_binds_to_the_table():
    compiler = _body(
        "<p>三公经费支出决算表</p><p>编制单位：某县林业局 单位：元</p><table><tr><td>a</td><td>1</td></tr></table>"
    )
    numbered = _body(
        "<p>“三公”经费支出决算表</p><p>公开07表 单位：万元</p><table><tr><td>a</td><td>1</td></tr></table>"
    )
    above_caption = _body(
        "<p>金额单位：元</p><p>某局2023年三公经费情况表</p><table><tr><td>a</td><td>1</td></tr></table>"
    )
    assert (compiler.tables[0].caption, compiler.tables[0].unit_line) == ("三公经费支出决算表", "单位:元")
    assert (numbered.tables[0].caption, numbered.tables[0].unit_line) == ("“三公”经费支出决算表", "单位:万元")
    assert (above_caption.tables[0].caption, above_caption.tables[0].unit_line) == (
        "某局2023年三公经费情况表",
        "金额单位:元",
    )


def test_a_unit_is_never_carried_into_the_next_table():
    body = _body(
        "<p>单位：万元</p><table><tr><td>a</td><td>1</td></tr></table>"
        "<p>说明</p><table><tr><td>b</td><td>2</td></tr></table>"
    )
    assert [t.unit_line for t in body.tables] == ["单位:万元", ""]


def test_one_column_and_nested_tables_are_layout_not_data():
    body = _body(
        "<table><tr><td><p>第一段</p><p>第二段</p></td></tr></table>"
        "<table><tr><td><table><tr><td>x</td><td>1</td></tr></table></td><td>旁注</td></tr></table>"
    )
    assert body.text == f"第一段\n第二段\nx{CELL_SEP}1\n旁注"
    assert [t.texts for t in body.tables] == [[["x", "1"]]]


def test_chrome_is_not_body_and_block_comes_from_above_the_body():
    page = parse_html(
        _html(
            "<div class='nav'>首页 政务公开</div>"
            "<div class='location'>当前位置：首页 &gt; 财政预决算 &gt; 部门决算 &gt; 正文</div>"
            "<ul><li>索引号：slj/2023-00047</li><li>发布日期：2023-06-14</li></ul>"
            "<h1>示例县水务局2022年度部门决算</h1>"
            "<div class='TRS_Editor'><p>公开时间：2023年9月15日</p><p>正文内容</p></div>"
            "<div class='footer'>网站标识码：5325240001 滇ICP备00000000号</div>",
        )
    )
    assert page.body.text == "公开时间:2023年9月15日\n正文内容"
    assert (page.fields["index_no"], page.fields["published"]) == ("slj/2023-00047", "2023-06-14")
    assert page.block_text == "索引号:slj/2023-00047\n发布日期:2023-06-14"
    assert (page.title, page.column) == ("示例县水务局2022年度部门决算", "部门决算")


def test_a_bare_trail_from_the_home_page_names_the_column_and_a_units_column_files_a_place_titled_report():
    """`首页 >> 部门信息公开 >> 某县交通运输局 >> 正文` (no `当前位置`): the column is its last item; a report the title
    files under its place alone (`某县2020年第一批…工程绩效自评报告`) is that unit's, when the page names no other."""
    title = "宾川县2020年第一批农村公路安保工程绩效自评报告"
    html = (
        f"<html><body><h1>{title}</h1><div class='meta'><p>首页 &gt;&gt; 部门信息公开 &gt;&gt; 宾川县交通运输局"
        " &gt;&gt; 正文</p></div><div class='article'><p>一、绩效目标分解下达情况</p>"
        f"<p>{'该工程按计划开工建设并按期完工，完成了年度绩效目标。' * 4}</p></div>"
        "</body></html>"
    )
    page = parse_html(html)
    assert page.column == "宾川县交通运输局"
    document = document_fields(page)
    assert (document["department"], document["department_basis"]) == ("宾川县交通运输局", "column")


def test_a_bracketed_project_line_under_a_units_heading_is_the_titles_second_line():
    """`某站2019年度绩效自评报告` ⏎ `(某示范推广项目)`: the report is that project's, its title both lines."""
    html = (
        "<html><body><h1>示例县林业技术推广站2019年度绩效自评报告</h1><div class='article'>"
        "<p>(林木良种示范推广项目)</p><p>一、项目基本情况</p><p>项目实际到位资金5万元。</p></div></body></html>"
    )
    document = document_fields(parse_html(html))
    assert document["title"] == "示例县林业技术推广站2019年度绩效自评报告(林木良种示范推广项目)"
    assert document["report_type"] == "self_eval_project"
    unbracketed = html.replace("<p>(林木良种示范推广项目)</p>", "")
    assert parse_html(unbracketed).title == "示例县林业技术推广站2019年度绩效自评报告"


def test_meta_tags_are_read_whatever_their_case():
    page = parse_html(
        _html(
            "<p>x</p>",
            head='<meta name="SiteIdCode" content="3303270003"><meta name="ColumnName" content="部门预决算">',
        )
    )
    assert page.meta["SiteIDCode"] == "3303270003"
    assert page.column == "部门预决算"


def test_title_prefers_the_heading_repeated_in_the_head_title():
    page = parse_html(
        _html(
            "<h1>示例县人民政府门户网站</h1><h2 class='art-title'>示例县水务局2022年度部门决算</h2><p>x</p>",
            head="<title>示例县水务局2022年度部门决算-示例县人民政府</title>",
        )
    )
    assert page.title == "示例县水务局2022年度部门决算"


VSB_ATTACHMENTS = """
<div id="vsb_content"><div class="v_news_content"><p>正文
<a href="/__local/A/B/C/1C9D.xlsx">附件1：自评表.xlsx</a>
<a href="../../info/1043/238716.htm">另一篇文章</a>
<img src="/__local/A/pic.jpg"></p></div></div>
<ul style="list-style-type:none;">
<li>附件【<a href="/system/_content/download.jsp?urltype=news.DownloadAttachUrl&amp;owner=1&amp;wbfileid=42">附件2：目标表</a>】已下载<span>3</span>次</li>
<li>附件【<a href="/system/_content/download.jsp?urltype=news.DownloadAttachUrl&amp;owner=1&amp;wbfileid=42">附件2：目标表</a>】</li>
<li><a href="//cdn.example.gov.cn/f/报告.PDF" title="示例县水务局2022年度项目支出绩效自评报告.pdf">示例县水务局2022年度项目支出...</a></li>
<li><a href="javascript:void(0)">打印.doc</a></li>
</ul>
<div class="foot"><a href="/guide.doc">政府信息公开指南.doc</a></div>
"""  # noqa: E501 - the links as a VSB page prints them


def test_attachment_links():
    page = parse_html(_html(VSB_ATTACHMENTS), url="https://www.example.gov.cn/info/1043/238715.htm")
    assert page.attachments == [
        {"url": "https://www.example.gov.cn/__local/A/B/C/1C9D.xlsx", "name": "附件1：自评表.xlsx"},
        {
            "url": "https://www.example.gov.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl"
            "&owner=1&wbfileid=42",
            "name": "附件2：目标表",
        },
        {"url": "https://cdn.example.gov.cn/f/报告.PDF", "name": "示例县水务局2022年度项目支出绩效自评报告.pdf"},
    ]


def test_find_attachments_works_on_a_parsel_root():
    root = Selector(text=_html(VSB_ATTACHMENTS)).root
    names = [link["name"] for link in find_attachments(root, "https://www.example.gov.cn/info/1043/238715.htm")]
    assert names == ["附件1：自评表.xlsx", "附件2：目标表", "示例县水务局2022年度项目支出绩效自评报告.pdf"]


def test_relative_attachment_without_page_url_has_no_url():
    page = parse_html(_html("<div id='zoom'><a href='./P0202305.pdf'>表.pdf</a></div>"))
    assert page.attachments == [{"url": None, "name": "表.pdf"}]


def test_empty_vsb_body_is_not_replaced_by_page_chrome():
    page = parse_html(
        _html(
            "<div id='vsb_content'><div class='v_news_content'></div></div>"
            "<div class='footer'><p>主办单位：示例县人民政府办公室 联系电话：0873-1234567 "
            "网站标识码：5325240001</p></div>"
        )
    )
    assert page.body.text == ""


PLAIN = """- 示例县水务局
-
索引号slj/2023-00047
-
发布机构示例县财政局
-
文号
-
发布日期2023-06-14
-
时效性有效
示例县水务局2022年度部门整体支出绩效自评报告
一、部门概况
核定编制⑴12人。
附件【附件1:自评表.xlsx】
"""


def test_plaintext_page():
    page = parse_plaintext(PLAIN)
    assert page.title == "示例县水务局2022年度部门整体支出绩效自评报告"
    assert page.fields["publisher"] == "示例县财政局"
    assert page.fields["published"] == "2023-06-14"
    assert page.body.text == "一、部门概况\n核定编制(1) 12人。"
    assert page.body.tables == []
    assert page.attachments == [{"url": None, "name": "附件1:自评表.xlsx"}]
    assert page.is_html is False


def test_parse_document_dispatches_on_content():
    assert parse_document(PLAIN.encode("gb18030")).is_html is False
    html = parse_document(_html("<div id='zoom'><p>正文</p></div>").encode("utf-8"))
    assert (html.is_html, html.encoding, html.body.text) == (True, "utf-8", "正文")


def test_document_fields_report_supervision_number_and_region():
    page = parse_html(
        _html(
            "<p>发布机构：示例县财政局</p><h1>建水县水务局2022年度部门决算</h1>"
            "<div id='vsb_content'><div class='v_news_content'><p>监督索引号53252407734201000</p>"
            "<p>收、支总计均为100.00万元。</p></div></div>"
        )
    )
    document = document_fields(page)
    assert (document["supervision_no"], document["region_code"]) == ("53252407734201000", "532524")
    assert (document["department"], document["report_type"], document["fiscal_year"]) == (
        "建水县水务局",
        "final_accounts",
        2022,
    )


def test_block_in_the_same_layout_table_as_the_body_is_read_and_kept_out_of_the_body():
    page = parse_html(
        _html(
            "<table><tr><td>索引号：slj/2023-00047</td></tr>"
            "<tr><td class='TRS_Editor'><p>正文第一段</p></td></tr></table>"
        )
    )
    assert (page.fields["index_no"], page.body.text) == ("slj/2023-00047", "正文第一段")


def test_plaintext_date_line_under_the_title_is_block_not_body():
    page = parse_plaintext(
        "示例县水务局2022年度部门决算\n发布日期：2023-09-28 来源：示例县财政局\n一、部门概况\n正文。"
    )
    assert (page.fields["published"], page.fields["publisher"]) == ("2023-09-28", "示例县财政局")
    assert page.body.text == "一、部门概况\n正文。"


def test_a_title_glued_to_the_body_under_a_file_name_line_is_the_title():
    page = parse_plaintext(
        "水利站2023年整体绩效自评总结报告.docx\n"
        "示例县水利站 2023 年整体和项目支出绩效自评总结报告 一 绩效管理工作开展情况。 我站按要求开展自评。"
    )
    assert page.title == "示例县水利站 2023 年整体和项目支出绩效自评总结报告"
    assert page.body.text == "水利站2023年整体绩效自评总结报告.docx\n一 绩效管理工作开展情况。 我站按要求开展自评。"


def test_a_file_name_title_that_the_body_repeats_with_report_words_takes_them():
    """A shared document's page titled by its file name (no report words) whose text opens with that name and the
    report words glued to its first sentence: the title is the longer one (and so is the report's kind)."""
    html = (
        "<html><head><title>2022年示例非遗保护扶持</title></head><body><div class='article'>"
        "<p>《2022年示例非遗保护扶持》由会员上传分享。</p>"
        "<p>1、2022年示例非遗保护扶持绩效评价报告按照市财政局通知,我们接受委托开展了评价。</p></div></body></html>"
    )
    assert parse_html(html).title == "2022年示例非遗保护扶持绩效评价报告"
    plain = html.replace("绩效评价报告按照", "按照")
    assert parse_html(plain).title == "2022年示例非遗保护扶持"


_CELL = st.tuples(
    st.sampled_from(["", "合计", "1,386.00", "98.5%", "—", "一级<br>指标", "1.27 万<br>元", "<p>项目</p><p>名称</p>"]),
    st.integers(1, 3),
    st.integers(1, 3),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=2, max_size=4), min_size=1, max_size=5))
def test_any_span_layout_gives_a_rectangular_grid_with_exact_offsets(rows):
    cells = "".join(
        "<tr>" + "".join(f"<td rowspan='{r}' colspan='{c}'>{text}</td>" for text, r, c in row) + "</tr>" for row in rows
    )
    body = _body(f"<p>前</p><table>{cells}</table><p>后</p>")
    (table,) = body.tables
    assert len(table.rows) == len(rows)
    assert len({len(row) for row in table.rows}) == 1
    origins = [cell for row in table.rows for cell in row if cell.start >= 0]
    assert len(origins) == sum(len(row) for row in rows)
    for cell in origins:
        assert body.text[cell.start : cell.end] == cell.text and "\n" not in cell.text
    assert body.text.startswith("前\n") and body.text.endswith("\n后")
    assert body.text[table.start : table.end].count("\n") == len(rows) - 1
    assert body.text[table.end] == "\n"


def test_source_line_breaks_inside_chinese_text_are_not_spaces():
    body = _body("<p>基本\n支出1,035.\n12万元，\n  其中 national\nbudget 100\n200</p>")
    assert body.text == "基本支出1,035.12万元,其中 national budget 100 200"


def test_source_line_breaks_above_the_body_still_separate_labels():
    page = parse_html(_html("<div>来源：示例县水务局\n日期：2023-06-14</div><div id='zoom'><p>正文</p></div>"))
    assert (page.fields["publisher"], page.fields["published"]) == ("示例县水务局", "2023-06-14")


def test_plain_text_keeps_everything_above_its_title():
    """A cover form and a staffing line above the title stay in the body; only label lines leave it."""
    page = parse_plaintext(
        "填报单位:示例县民政局\n自评得分:91.5分\n核定编制48名,实有45人。\n"
        "示例县民政局2022年度部门整体支出绩效自评报告\n一、部门概况\n"
    )
    assert page.title == "示例县民政局2022年度部门整体支出绩效自评报告"
    assert page.body.text == "自评得分:91.5分\n核定编制48名,实有45人。\n一、部门概况"


@pytest.mark.parametrize(
    "text, title",
    [
        ("现将示例县统计局2022年度“三公”经费支出情况说明如下:\n因公出国(境)费0万元。", ""),  # a sentence
        ("第二部分 2022年度部门决算情况说明\n一、收入", ""),  # a section heading
        ("示例县民政局\n2022年度部门整体支出绩效自评报告\n一、概况", "示例县民政局2022年度部门整体支出绩效自评报告"),
        ("2021年度融安县“三公”经费支出决算情况\n一、总体情况", "2021年度融安县“三公”经费支出决算情况"),  # a place
        (
            "- 索引号: abc/2023-00001\n- 文号:\n示例县水务局2022年度项目支出绩效单位自评报告\n一、概况",
            "示例县水务局2022年度项目支出绩效单位自评报告",
        ),  # an empty `文号:` is a label, not a lead-in
        (
            "重庆市铜梁区示例镇人民政府\n2021年度“三公”经费决算汇总情况\n按照要求,现将情况公布如下:",
            "重庆市铜梁区示例镇人民政府2021年度“三公”经费决算汇总情况",
        ),  # the unit's line, then a title naming none
        (
            "(2018部门预算公开)\n示例县公共资源交易中心2018年部门预算\n及“三公”经费预算编制说明\n第一部分:概况",
            "示例县公共资源交易中心2018年部门预算及“三公”经费预算编制说明",
        ),  # a bracketed tag; a title on two lines
        (
            "2016年示例县司法局部门“三公”经费情况统计表 | ||\n项 目 | 决算数 |\n合 计 | 1.20 |",
            "2016年示例县司法局部门“三公”经费情况统计表",
        ),  # a text table's first row: no cell residue
        (
            "您好,示例市政府门户网站欢迎您!   今天是:\n| 简体版 | 繁体版\n"
            "2019年第一季度“三公经费”管理使用情况\n根据要求现将情况报告如下",
            "2019年第一季度“三公经费”管理使用情况",
        ),  # a site's header copied above the title is no lead-in
        (
            "示例区人民政府门户网站! 今日是:\n模式切换\n示例区统计局2017年部门决算\n一、部门概况",
            "示例区统计局2017年部门决算",
        ),  # also `今日是:`
        (
            "首页 政务资讯 政务公开 部门乡镇 政民互动 办事服务\n首页 > 政府信息公开 > 预算/决算\n"
            "关于示例区民政局2021年部门预算编制的说明\n发布时间:2021-02-10\n按照有关规定,现说明如下。",
            "关于示例区民政局2021年部门预算编制的说明",
        ),  # a site's menu (`部门乡镇` names a 部门) above a breadcrumb is no title
        (
            "今天是 欢迎您来到示例中学!\n信息检索:\n您当前的位置:首页 > 校务公开\n示例市第五中学2021年度部门决算公开\n"
            "2022年11月28日 | 点击数:120\n第一部分 概况",
            "示例市第五中学2021年度部门决算公开",
        ),  # a site's search box (`信息检索:`) is no lead-in
        (
            "示例县第一小学2023年度项目支出绩效自评报告\n(教育专项工作经费)\n一、自评结论",
            "示例县第一小学2023年度项目支出绩效自评报告(教育专项工作经费)",
        ),  # the project's name in brackets under the title (not a year line such as `（2022年度）`)
        (
            "示例市林业局2021年度\n项目绩效自评报告\n(市级森林防火“三三制”补助经费项目)\n一、项目基本情况",
            "示例市林业局2021年度项目绩效自评报告(市级森林防火“三三制”补助经费项目)",
        ),  # a title over three lines, its project's name quoting a word
        (
            "目 录\n第二部分 2024年部门预算报表\n表1. 部门收支总表\n表3-2. 一般公共预算项目支出预算表\n"
            "示例县实验小学校\n2024年部门预算编制说明\n一、基本职能",
            "示例县实验小学校2024年部门预算编制说明",
        ),  # the contents' forms are no title
        (
            "示例市城建幼儿园 2022\n单位预算及三公经费预算情况说明\n一、单位基本情况",
            "示例市城建幼儿园 2022单位预算及三公经费预算情况说明",
        ),  # the unit's line ends with a bare year
        (
            "示例市检测所关于2017年度\n- 1、下载文档前请自行甄别文档内容的完整性。\n"
            "- 2、如文档侵犯您的权益,请联系客服。\n"
            "示例市检测所关于2017年度\n部门决算信息公开的说明\n一、部门概况",
            "示例市检测所关于2017年度部门决算信息公开的说明",
        ),  # a document-sharing site's notices are no text of the report
        (
            "索引号: 431102009/2022-00132 发文日期: 2022-04-07\n统一登记号: 信息时效性: 有效 文号 :\n"
            "2021年林业局部门整体支出绩效自评表\n部门整体支出绩效自评表",
            "2021年林业局部门整体支出绩效自评表",
        ),  # a metadata row ending in an empty label is no lead-in
        (
            "当前位置:首页>公告公示\n日期:2024-06-11 17:40  来源:示例区退役军人事务局\n分享到:\n"
            "优抚对象生活补助经费转移支付2023年度绩效自评报告\n一、绩效目标分解下达情况",
            "优抚对象生活补助经费转移支付2023年度绩效自评报告",
        ),  # a fund's report titled by the fund's name
        (
            "项目支出绩效目标表_第1页\n项目支出绩效目标表_第2页\n项目名称 | 示例村道路硬化 |",
            "项目支出绩效目标表",
        ),  # a document-sharing site's captions of the file's page thumbnails
        (
            "湖北省示例专项资金2022年度绩效自评报告.docx\n1、湖北省示例专项资金2022年度绩效自评报湖北省示例厅二O二三年三月序号",
            "湖北省示例专项资金2022年度绩效自评报告",
        ),  # a shared file's name naming its place, over text that glued its title to the next words
        (
            "文库 - 千万精品文档\n\n大关县示例卫生院2021年部门决算公开表20221013044707503.xls\n收入支出决算总表 |",
            "大关县示例卫生院2021年部门决算公开表",
        ),  # an upload's time stamp and the extension after the file's name
    ],
)
def test_plain_text_title_is_a_title_line_or_nothing(text, title):
    page = parse_plaintext(text)
    assert page.title == title
    assert text.split("\n")[-1] in page.body.text


def test_plain_text_metadata_rows_with_bracketed_labels_are_the_block():
    page = parse_plaintext(
        "| [ 索引号 ] | 115002410091384799/2024-00235 | [ 发文字号 ] | |\n"
        "| [ 成文日期 ] | 2024-10-09 | [ 发布日期 ] | 2024-10-09 |\n"
        "示例县水务局2023年度决算公开说明\n一、单位基本情况"
    )
    assert (page.fields["index_no"], page.fields["published"]) == ("115002410091384799/2024-00235", "2024-10-09")
    assert "索引号" not in page.body.text


def test_a_name_row_of_the_block_is_the_title_of_a_plain_text_page():
    """`名称 | X2020年部门预算公开` files the page under its full title; a line below that reads like a title
    (`部门2020年部门预算`) stays in the body; a label printed as the value of 文号 (`文件分类`) is no 文号."""
    page = parse_plaintext(
        "名称 | 示例县人大2020年部门预算公开 | ||||\n"
        "---|---|---|---|---|---|\n"
        "索引号 | 000014349yx_czj/2020-00150 | 发布日期 | 2020-06-08 | 发布机构 | 县财政局 |\n"
        "文号 | 文件分类 | 财政、金融、审计、税务 | 所属机构 | 县财政局 |\n"
        "部门2020年部门预算\n一、部门概况\n本单位人员合计77人。"
    )
    assert page.title == "示例县人大2020年部门预算公开"
    assert page.fields["doc_no"] is None
    assert page.body.text.startswith("部门2020年部门预算")


def test_a_mirrors_traditional_html_body_is_read_in_simplified_script_for_the_document_fields():
    """A plain-text copy is read as simplified whole; an HTML copy only had its title and block read so, and a
    title-less page lost what its body says (here its report word, 自評)."""
    body = (
        "<p>本單位認真組織開展了部門整體支出績效自評工作,對照年初設定的績效目標,逐項對照檢查,現將有關情況報告如下:</p>"
        "<p>一、部門基本情況</p><p>本單位負責全縣社會救助和養老服務工作。</p>"
    )
    page = parse_html(f"<html><body><div class='content'>{body}</div></body></html>", "http://127.0.0.1/a")
    assert document_fields(page)["report_type"] == "self_eval_department"


def test_a_table_pasted_cell_by_cell_above_a_late_title_stays_in_the_body():
    text = "编制数 |\n实有人数 |\n||\n12 |\n11 |\n||\n示例县档案馆2023年度部门整体支出绩效自评表\n一、部门概况"
    page = parse_plaintext(text)
    assert page.title == "示例县档案馆2023年度部门整体支出绩效自评表"
    assert page.body.text.startswith("编制数 |\n实有人数 |\n||\n12 |")


def test_a_unit_line_with_its_level_over_the_report_line_is_one_title():
    page = parse_plaintext("重庆市示例县地方志办公室(本级)\n2022年度部门决算情况说明\n一、部门基本情况\n")
    assert page.title == "重庆市示例县地方志办公室(本级)2022年度部门决算情况说明"


def test_a_header_row_of_labels_and_a_contents_sub_item_are_no_title():
    page = parse_plaintext(
        "索 引 号 640181-109/2021-00008 文  号 生成日期 2021-02-21\n"
        "责任部门 示例市司法局 公开时限 长期公开 所属分类 部门预算\n"
        "\n——部门经济分类支出情况\n一、部门职责\n"
    )
    assert page.title == ""
    assert page.fields["publisher"] == "示例市司法局"


def test_a_breadcrumb_is_never_the_title():
    page = parse_html(
        _html(
            "<h2>您现在的位置: 首页 > 通知公告 > 绩效评价报告</h2><h1>示例县政协2021年度部门决算</h1>"
            "<div id='zoom'><p>正文</p></div>"
        )
    )
    assert page.title == "示例县政协2021年度部门决算"


def test_a_site_name_heading_gives_way_to_the_title_printed_in_the_body():
    page = parse_html(
        _html(
            "<div id='vsb_content'><div class='v_news_content'><p>核定编制12名。</p>"
            "<p><strong>施甸县档案馆2022年度部门决算</strong></p><p>一、收入</p></div></div>",
            head="<title>施甸县人民政府</title>",
        )
    )
    assert page.title == "施甸县档案馆2022年度部门决算"
    assert page.body.text.startswith("核定编制12名。")


def test_a_publish_date_printed_under_the_heading_inside_the_article():
    page = parse_html(
        _html(
            "<table><tr><td>成文日期</td><td>2023-02-14</td></tr></table>"
            "<div id='zoom'><p>2023年部门预算</p><p>发布日期:2023-02-16</p><p>一、收支</p></div>"
        )
    )
    assert (page.fields["published"], page.fields["written"]) == ("2023-02-16", "2023-02-14")


def test_an_article_that_is_mostly_a_data_table_beats_the_footer():
    rows = "".join(f"<tr><td>公务接待费{i}</td><td>{i}.50</td></tr>" for i in range(8))
    page = parse_document(
        "<html><body><div class='info'>来源：某县人民政府 时间：2024-09-30</div><div class='text'>"
        f"<p>某局三公经费决算统计表</p><table>{rows}</table></div>"
        "<div class='foot'>Copyright 某某资讯港 All Rights Reserved 联系我们 网站地图</div></body></html>".encode()
    )
    assert page.body.text.startswith("某局三公经费决算统计表") and len(page.body.tables) == 1


def test_a_saved_text_page_with_each_label_above_its_value_keeps_the_values_in_the_block():
    from pipelines.page import parse_plaintext

    page = parse_plaintext(
        "索引号\nabc1/2023-00012\n发布机构\n示例县财政局\n文  号\n发布日期\n2023-09-26\n"
        "示例县水务局2022年度部门决算\n2022年度收入总计120.50万元。"
    )
    assert (page.fields["index_no"], page.fields["published"]) == ("abc1/2023-00012", "2023-09-26")
    assert page.title == "示例县水务局2022年度部门决算"
    assert page.body.text == "2022年度收入总计120.50万元。"


def test_a_title_printed_as_a_one_cell_line_loses_its_cell_end():
    from pipelines.page import parse_plaintext

    page = parse_plaintext(
        "报表编号:510000_0013zp |\n示例县水务局部门预算项目支出绩效自评表(2023年度) |\n项目名称 |\n甲经费 |\n"
    )
    assert page.title == "示例县水务局部门预算项目支出绩效自评表(2023年度)"


def test_a_one_step_breadcrumb_from_the_home_page_is_no_title():
    from pipelines.page import parse_plaintext

    text = "首页 > 政府预决算\n\n2019年“三公”经费预算情况说明\n\n时间:2019-01-10 来源:县财政局\n\n正文……"
    page = parse_plaintext(text)
    assert (page.title, page.fields["source"]) == ("2019年“三公”经费预算情况说明", "县财政局")


def test_a_title_broken_before_its_report_words_is_joined():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("某某官方网站\n民宗局(外侨办)2016年度“三公”经费财政拨款\n决算情况说明\n一、单位范围\n……")
    assert page.title == "民宗局(外侨办)2016年度“三公”经费财政拨款决算情况说明"


def test_a_title_printed_as_a_名称_row_is_the_title():
    from pipelines.page import parse_plaintext

    text = (
        "索引号: | 1150/2022-01109 | 发布机构: | 示例区财政局 |\n"
        "名称: | 重庆市沙坪坝区示例局2021年度部门决算 | ||\n一、基本情况"
    )
    assert parse_plaintext(text).title == "重庆市沙坪坝区示例局2021年度部门决算"


def test_a_title_line_that_goes_on_with_the_metadata_is_split_at_the_first_label():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("示例县第一中学2020年部门预算 发布日期:2020-02-08 07:40 信息来源: 编辑:示例县教育局\n正文")
    assert (page.title, page.fields["published"]) == ("示例县第一中学2020年部门预算", "2020-02-08")


def test_a_short_line_under_the_title_with_a_label_after_a_site_name_is_metadata():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("青岛市政协2015年部门决算公开补充说明\n青岛政务网 发布日期 : 2018-08-20\n正文……")
    assert page.fields["published"] == "2018-08-20"


def test_a_bare_当前位置_line_hides_no_title():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("当前位置:\n上海市示范区教育局2020年“三公”经费决算公开\n来源:上海市示范区教育局\n正文……")
    assert page.title == "上海市示范区教育局2020年“三公”经费决算公开"


def test_metadata_printed_one_label_or_value_per_line_under_the_title_is_read():
    from pipelines.page import parse_plaintext

    text = (
        "示例乡2017年“三公”经费决算支出情况说明\n\n索引号\n01525774-9-04_A/2018-0919002\n发文机构\n"
        "隆阳区示例乡人民政府\n公开目录\n三公经费\n文      号\n浏览量\n日期\n2018-09-19\n\n根据……，现将决算公开如下。"
    )
    page = parse_plaintext(text)
    fields = page.fields
    assert (fields["index_no"], fields["publisher"], fields["published"]) == (
        "01525774-9-04_A/2018-0919002",
        "隆阳区示例乡人民政府",
        "2018-09-19",
    )
    assert page.body.text.startswith("根据")


def test_a_unit_line_above_a_report_name_without_a_unit_is_the_titles_head():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("示例职业学院\n政府采购决算公开情况说明\n根据……的通知，现将2021年度情况说明如下。")
    assert page.title == "示例职业学院政府采购决算公开情况说明"


def test_a_title_a_line_break_cut_inside_a_word_is_joined():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("示例市妇联2019年度一般公共预算财政\n拨款“三公”经费支出决算\n一、2019年度决算表\n……")
    assert page.title == "示例市妇联2019年度一般公共预算财政拨款“三公”经费支出决算"


def test_a_title_cell_that_names_no_unit_is_still_the_title():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("2019年“三公”经费决算情况及增减变化原因说明 |\n一、2019年“三公”经费决算情况 我局…… |\n")
    assert page.title == "2019年“三公”经费决算情况及增减变化原因说明"


def test_a_publication_date_in_a_bracketed_toolbar_line_under_the_title():
    from pipelines.page import parse_plaintext

    page = parse_plaintext(
        "示例县政协2022年度部门整体支出绩效评价报告\n【字体：大 中 小】 【发布时间：2023-05-12 09:30】 "
        "【作者：县政协办】\n一、收入：615.40万元。"
    )
    assert page.fields["published"] == "2023-05-12"


def test_a_saved_text_pages_footer_site_code_is_its_site_id():
    from pipelines.page import parse_plaintext

    page = parse_plaintext(
        "示例镇2022年“三公”经费支出说明\n2022年公务接待费支出3.46万元。\n金堂县人民政府主办\n网站标识码：5101210012"
    )
    assert page.meta["SiteIDCode"] == "5101210012"


def test_a_score_tables_rows_are_no_title():
    text = (
        "(20 分)项目决策(8 分)立项依据充分性\n4 3 (\n12 分)项目管理(9分)资金到位率绩效评价\n"
        "3 2 ( 特性指标60 分)项目绩效(15 ) 完成数量\n本单位2019年整体支出开展绩效自评,自评得分93.5分。"
    )
    assert parse_plaintext(text).title == ""


def test_a_title_on_three_lines_unit_then_guanyu_then_a_letter_spaced_ending():
    text = (
        "示例县文学艺术界联合会\n关于财政拨款“三公”经费2015年决算的\n情 况 说 明\n"
        "示例县文学艺术界联合会2015年公务接待费0.50万元。"
    )
    page = parse_document(text.encode())
    assert page.title == "示例县文学艺术界联合会关于财政拨款“三公”经费2015年决算的情 况 说 明"
    assert page.body.text.startswith("示例县文学艺术界联合会2015年")


def test_a_row_of_header_cells_is_no_title_and_a_unit_line_with_its_year_opens_one():
    from pipelines.page import parse_plaintext

    text = (
        "示例县人民法院2021年度\n一般公共预算及政府性基金财政\n拨款“三公”经费支出决算情况说明\n"
        "一、“三公”经费支出决算表\n单位:万元\n项目 | 预算数 | 决算数 | ||||\n公务接待费 | 6 | 4.18 |\n"
    )
    title = "示例县人民法院2021年度一般公共预算及政府性基金财政拨款“三公”经费支出决算情况说明"
    assert parse_plaintext(text).title == title
    headed = "一、“三公”经费支出决算表\n项目 | 预算数 | 决算数 | ||||\n公务接待费 | 6 | 4.18 |\n"
    assert parse_plaintext(headed).title != "项目 | 预算数 | 决算数"


def test_a_date_alone_under_the_heading_is_the_publication_date_but_a_signatures_is_not():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("示例县疾控中心2026年度部门预算\n\n  • 2026-02-14\n  • 分享到\n\n第一部分 概况")
    assert page.fields["published"] == "2026-02-14"
    counted = parse_plaintext("示例县疾控中心2026年度部门预算\n\n2026-02-14 15:24:15    点击:[]  \n\n第一部分 概况")
    assert counted.fields["published"] == "2026-02-14"  # with its time and an empty hit counter
    bracketed = parse_plaintext("示例县疾控中心2026年度部门预算\n\n[ 2026-02-14 ] 阅读:2957\n\n第一部分 概况")
    assert bracketed.fields["published"] == "2026-02-14"  # in brackets, a reading count after it
    from pipelines.extract import extract_page

    posted = (  # the posting unit and the date with its time over the text, the report's own date under its heading
        "<h1>示例市福利院2020年度部门决算</h1><div class='meta'><p>示例市福利院  2023-09-12 10:15:40</p></div>"
        "<div class='article'><p>示例市福利院2020年度部门决算</p><p>2022年9月12日</p><p>目 录</p>"
        "<p>第一部分 部门概况</p></div>"
    )
    assert extract_page(posted.encode(), "http://127.0.0.1/p.html")["document"]["published"] == "2023-09-12"
    text = "根据有关规定，现将本院2021年度政府采购情况说明如下。" * 3
    signed = f"示例学院政府采购决算公开情况说明\n{text}\n示例学院\n2022年4月14日"
    assert parse_plaintext(signed).fields.get("published") is None


def test_发表日期_is_the_publication_date():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("示例镇中心学校\n发表日期:2021-02-23  文章来源:\n示例镇中心学校2021年部门预算公开")
    assert page.fields["published"] == "2021-02-23"


def test_an_attachment_number_line_is_no_lead_in_and_a_templates_placeholder_is_no_part_of_the_unit():
    from pipelines.extract import extract_page

    text = "附件3:\nXX部门示例县实验小学\n2019年度部门决算公开\n目 录\n第一部分 部门概况\n"
    document = extract_page(text.encode(), "http://x.example/a.txt")["document"]
    assert (document["title"], document["department"]) == ("XX部门示例县实验小学2019年度部门决算公开", "示例县实验小学")


def test_a_news_headline_quoting_a_三公_amount_is_the_title():
    from pipelines.page import parse_plaintext

    text = "示例网 > 新闻中心\n\n示例署公布“三公经费” 去年公车支出4.5亿元\n\n2011年07月22日 09:12 来源:示例社\n正文。"
    assert parse_plaintext(text).title == "示例署公布“三公经费” 去年公车支出4.5亿元"


def test_a_date_and_time_alone_under_the_heading_is_the_publication_date():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("头部背景\n2016年示例剧院决算基本情况说明\n2017-09-18 00:00:00\n\n一、部门职责")
    assert page.fields["published"] == "2017-09-18"
    # the publishing unit glued after the time, its labels lost
    page = parse_plaintext("2024年示例区文化和旅游局预算公开说明\n2024年02月01日 17:33示例区文化和旅游局\n一、主要职责")
    assert page.fields["published"] == "2024-02-01"
    # a byline before it: the publishing unit and a bar, or an author and an editor
    for byline in ("示例区文化和旅游局 | 2024-03-05", "作者:王五 编辑:abc 2024-03-05 10:20:30"):
        title = "示例区文化和旅游局2023年度项目绩效自评报告"
        html = f"<html><body><h1>{title}</h1><div class='meta'><p>{byline}</p></div><p>一、项目概况</p></body></html>"
        assert parse_html(html).fields["published"] == "2024-03-05", byline


def test_a_shared_documents_file_name_is_its_title():
    from pipelines.page import parse_plaintext

    text = "《示例县农业农村局2019年示例经费的绩效自评报告.docx》由会员分享，可在线阅读。\n1、正文"
    assert parse_plaintext(text).title == "示例县农业农村局2019年示例经费的绩效自评报告"


def test_a_covers_year_unit_and_report_lines_are_one_title():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("2020年\n广东省示例运输管理办公室\n部门预算\n目 录\n一、主要职责\n")
    assert page.title == "2020年广东省示例运输管理办公室部门预算"
    page = parse_plaintext("2019年度\n山东省示例路小学\n预算有关情况的说明\n目 录\n第一部分\n")  # 预算 first
    assert page.title == "2019年度山东省示例路小学预算有关情况的说明"


def test_an_empty_document_number_cell_takes_no_heading_below_it():
    from pipelines.page import parse_plaintext

    grid = "发布机构: | 示例镇人民政府 | 成文日期: | 2022年03月10日 | |\n发文字号: |\n"
    page = parse_plaintext(grid + "目录\n第一部分:单位概况\n")
    assert page.fields["doc_no"] is None


def test_a_funds_evaluation_names_whose_it_is_without_a_unit():
    from pipelines.page import parse_plaintext

    page = parse_plaintext(
        "发布机构 区文广旅体局\n2022年区本级体彩公益金绩效使用自评报告\n2022年，财政下拨经费190万元。"
    )
    assert page.title == "2022年区本级体彩公益金绩效使用自评报告"


def test_metadata_printed_as_a_markdown_table_under_the_title():
    from pipelines.page import parse_plaintext

    text = (
        "示例老年大学2020年预算公开\n| 索 引 号 | MB0000000/2021-00001 | 发布日期 | 2020-01-18 |\n|---|---|---|---|\n"
        "| 发布机构 | 示例老年大学 | 文 号 | 示预公开 |\n| 分 类 | 教育 | 有 效 性 | 有效 |\n"
        "示例老年大学2020年部门预算公开说明\n"
    )
    fields = parse_plaintext(text).fields
    assert (fields["publisher"], fields["doc_no"], fields["validity"]) == ("示例老年大学", "示预公开", "有效")


def test_a_title_broken_after_关于_and_its_year_is_joined():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("示例市示例湖管理局关于2018年度\n部门决算信息公开的说明\n一、部门概况\n")
    assert page.title == "示例市示例湖管理局关于2018年度部门决算信息公开的说明"


def test_a_document_number_alone_at_the_head_of_a_page_is_its_doc_no():
    from pipelines.page import parse_plaintext

    page = parse_plaintext(
        "示例市2018年示例镇人民政府部门预算的批复\n日期: 2018-02-27\n\n  示财预函[2018]35号\n\n正文。"
    )
    assert page.fields["doc_no"] == "示财预函[2018]35号"
    cited = "示例局2023年度部门决算\n根据《关于做好决算工作的通知》(示财〔2024〕2号),现将情况说明如下。"
    assert parse_plaintext(cited).fields.get("doc_no") is None  # a number cited in a sentence is no doc_no


def test_an_index_number_alone_at_the_head_of_a_page_is_its_index_number():
    from pipelines.page import parse_plaintext

    page = parse_plaintext("11330782000000000G/2021-000065\n市教育局\n2021-03-02\n主动公开\n一、某校概况\n正文。")
    assert (page.fields["index_no"], page.fields["published"]) == ("11330782000000000G/2021-000065", "2021-03-02")
    later = parse_plaintext("一、某校概况\n" + "正文说明。" * 20 + "\n11330782000000000G/2021-000065\n")
    assert later.fields.get("index_no") is None


def test_a_model_essay_copy_number_is_no_part_of_the_title_and_its_poster_no_publisher():
    """A model-essay site numbers each copy it collects (`…自评报告 篇2`) and prints when and by whom it was posted."""
    page = parse_plaintext(
        "某某范文网整理的河道保洁经费绩效自评报告(精选4篇),供参考。\n河道保洁经费绩效自评报告 篇2\n"
        "2024-05-09 来源:晨曦小编\n一、基本情况\n石楼县水务局2023年度河道保洁经费预算12万元。"
    )
    document = document_fields(page)
    assert (document["title"], document["report_type"]) == ("河道保洁经费绩效自评报告", "self_eval_project")
    assert (document["published"], document["publisher"]) == (None, None)


def test_a_bureau_section_posting_a_fund_report_is_no_unit():
    """`来源: 财政局综合股`: a fund report titled by its place is its publisher's, but a bureau's section is none."""
    page = parse_plaintext(
        "会宁县2021年度残疾人事业发展补助资金绩效自评报告\n来源: 财政局综合股  日期: 2022-04-06\n"
        "一、资金下达情况\n下达我县补助资金20万元。"
    )
    assert document_fields(page)["department"] == "会宁县"


def test_a_programmes_report_titled_by_its_place_is_its_publishers():
    page = parse_plaintext(
        "会宁县2023年度国家基本公共卫生服务项目绩效评价自评报告\n来源: 会宁县卫生健康局  日期: 2024-04-06\n"
        "一、项目基本情况\n全县12类基本公共卫生服务资金1200万元全部执行到位。"
    )
    assert document_fields(page)["department"] == "会宁县卫生健康局"


def test_a_fund_report_posted_by_a_bureau_named_without_its_place_takes_the_titles_place():
    page = parse_plaintext(
        "标题:锡林郭勒盟城乡居民基本养老保险补助资金2022年度绩效自评报告\n发文机构:人力资源和社会保障局\n"
        "一、绩效目标分解下达情况\n下达我盟补助资金3000万元。"
    )
    assert document_fields(page)["department"] == "锡林郭勒盟人力资源和社会保障局"
    page = parse_plaintext(
        "宣城市2019年体育强省建设专项资金绩效自评报告\n发文机构:市教育体育局\n一、基本情况\n下达我市专项资金412万元。"
    )
    assert document_fields(page)["department"] == "宣城市教育体育局"  # not `宣城市市…`


def test_a_departments_office_posting_a_fund_report_is_no_unit():
    """`来源:厅规划财务处`: an office, no unit; the fund's report is the place's its title names (as a bureau's
    section posting one is, below)."""
    page = parse_plaintext(
        "广西城乡居民基本养老保险补助资金转移支付2022年度绩效自评报告\n来源:厅规划财务处\n"
        "一、绩效目标分解下达情况\n中央向我区下达补助资金3000万元。"
    )
    assert document_fields(page)["department"] == "广西壮族自治区"  # the province by its official name


def test_a_report_two_units_issue_together_is_the_posting_units():
    page = parse_plaintext(
        "攀枝花市财政局 攀枝花市文化广播电视和旅游局 关于2023年旅游发展基金补助地方项目资金绩效评价的报告\n"
        "来源:攀枝花市文化广播电视和旅游局     发布时间:2024-04-27\n一、基本情况\n下达我市旅游发展基金50万元。"
    )
    assert document_fields(page)["department"] == "攀枝花市文化广播电视和旅游局"


def test_a_fund_report_whose_title_names_no_one_is_the_place_its_opening_reports_for():
    page = parse_plaintext(
        "关于抗疫特别国债执行情况绩效自评报告\n根据上级要求，现将博乐市2020年抗疫特别国债项目支出绩效自评工作报告如下:\n"
        "一、绩效目标分解下达情况\n自治州下达抗疫特别国债资金4.54亿元。"
    )
    document = document_fields(page)
    assert (document["department"], document["region_code"]) == ("博乐市", "652701")


def test_a_titles_short_unit_name_takes_the_full_one_its_publisher_prints():
    page = parse_plaintext(
        "游仙区政府办2022年部门预算\n发文机构:游仙区人民政府办公室\n一、基本情况\n单位现有公务用车2辆。"
    )
    assert document_fields(page)["department"] == "游仙区人民政府办公室"
    page = parse_plaintext(
        "中国人民政治协商会议晋中市委员会2019年部门预算\n发文机构:中国人民政治协商会议晋中市委员会办公厅\n一、基本情况"
    )
    assert document_fields(page)["department"] == "中国人民政治协商会议晋中市委员会"  # its office is another unit


def test_an_evaluation_titled_page_whose_body_opens_with_the_units_own_report_title_is_a_self_evaluation():
    page = parse_plaintext(
        "示例县文旅局2019年度项目绩效评价报告\n发布时间:2020-11-16\n来源:文旅局\n"
        "示例县文化广电体育和旅游局\n2019年度文旅专项资金项目自评报告\n一、基本情况\n全年支出专项资金200万元。"
    )
    assert document_fields(page)["report_type"] == "self_eval_project"


def test_an_evaluation_titled_page_whose_body_opens_with_the_units_own_form_is_a_self_evaluation():
    page = parse_plaintext(
        "示例市科学技术协会(本级)绩效评价报告\n发布时间:2023-05-17\n2022年度科普经费项目自评表\n"
        "单位名称:示例市科学技术协会\n项目名称 科学普及经费\n年度财政资金总额 104 103.97 99.97 19"
    )
    assert document_fields(page)["report_type"] == "self_eval_project"


def test_a_fund_forms_supervising_bodies_are_no_unit():
    """A regional fund form pasted cell by cell names the ministry and the province's bureau above the unit."""
    page = parse_plaintext(
        "食品监管补助资金区域绩效目标自评表\n来源:安居区市场监管局 发布时间:2022-08-15 18:21\n"
        "专项名称\n\n食品监管补助资金\n\n中央主管部门\n\n市场监管总局\n\n省级主管部门\n\n四川省市场监管局\n\n"
        "预算数:\n\n2.38\n\n执行数:\n\n2.38"
    )
    document = document_fields(page)
    assert (document["department"], document["report_type"]) == ("安居区市场监管局", "self_eval_project")


def test_an_evaluation_report_whose_body_says_the_unit_evaluated_itself_is_a_self_evaluation():
    page = parse_plaintext(
        "示例县卫生学校2016年学生资助专项项目绩效评价报告\n发布时间:2017-07-21\n"
        "根据省财政厅要求，我校对纳入绩效目标管理的预算项目开展绩效自评，现将有关情况报告如下：\n一、项目概况"
    )
    assert document_fields(page)["report_type"] == "self_eval_project"
    page = parse_plaintext(
        "示例县2016年学生资助专项项目绩效评价报告\n受示例县财政局委托，某某会计师事务所对该项目开展了重点绩效评价。"
    )
    assert document_fields(page)["report_type"] == "external_evaluation"  # someone else evaluated it
    page = parse_plaintext(
        "2016年度“科学普及专项资金”绩效评价报告\n示例省财政厅 时间:2017年06月23日 00:00\n"
        "我会成立财政专项资金自评工作小组，对该资金进行绩效评价，现将自评情况报告如下：\n一、资金绩效评价工作情况"
    )
    document = document_fields(page)
    assert (document["title"], document["report_type"]) == (
        "2016年度“科学普及专项资金”绩效评价报告",
        "self_eval_project",
    )


def _flat_page(*lines: str) -> bytes:
    """A page whose article has no container of its own: every line a paragraph of <body>."""
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return f"<html><head><meta charset='utf-8'></head><body>{paragraphs}</body></html>".encode()


def test_a_metadata_block_printed_in_the_body_head_of_a_page_without_an_article_container():
    page = parse_document(
        _flat_page(
            "• 索引号",
            "  • 01234567-8-/2023-0501009",
            "• 发布机构",
            "  • 示例市文化和旅游局",
            "• 发布日期",
            "  • 2023-05-01",
            "• 文号",
            "• 浏览量",
            "<b>示例市博物馆2022年度项目支出绩效自评报告</b>",
            "一、自评结论：本项目自评得分95分。",
        )
    )
    assert (page.fields["index_no"], page.fields["publisher"], page.fields["published"]) == (
        "01234567-8-/2023-0501009",
        "示例市文化和旅游局",
        "2023-05-01",
    )
    page = parse_document(
        _flat_page(
            "• 首页",
            "  • 政务公开",
            "  • [ 索引号 ] 00112233445566778X/2020-00412 [ 发文字号 ]",
            "    [ 主题分类 ] 财政",
            "    [ 发布机构 ] 市林业局",
            "    [ 成文日期 ] 2020-11-02 [ 发布日期 ] 2020-11-03",
            "示例市2019年度林业改革发展资金绩效评价结果",
            "按照要求，现将评价结果公开如下。",
        )
    )
    assert (page.fields["index_no"], page.fields["publisher"], page.fields["published"]) == (
        "00112233445566778X/2020-00412",
        "市林业局",
        "2020-11-03",
    )


def test_a_source_and_date_line_under_a_heading_that_a_site_banner_pushes_down():
    banner = ["欢迎访问示例县人民医院", "急诊电话:0000-1234567", "二级甲等综合医院", "县级临床重点专科建设单位"] * 2
    page = parse_document(
        _flat_page(
            *banner,
            "示例县人民医院2023年度单位决算",
            "来源:示例县人民医院    发布时间:2024-09-20 10:15:00",
            "第一部分 单位概况",
            "一、本单位2023年度收入总计3210.50万元，支出总计3198.20万元。",
        )
    )
    assert (page.fields["publisher"], page.fields["published"]) == ("示例县人民医院", "2024-09-20")


def test_a_traditional_copys_date_label_in_the_body_head():
    page = parse_document(
        _flat_page(
            "示例第二中學2022年度部門決算公開",
            "   更新時間:2023-11-20 09:12:40",
            "第一部分 單位概況",
            "一、單位職責",
            "本單位是縣教育體育局所屬全額撥款事業單位，主要職責是實施高中學歷教育，開展教學研究。",
            "二、機構設置：學校內設辦公室、教務處、總務處、學生處四個職能處室。",
        )
    )
    assert page.fields["published"] == "2023-11-20"


def test_a_title_run_on_into_the_texts_first_words():
    page = parse_document(
        _flat_page(
            "附件2示例县2022年中央畜禽防疫专项转移支付绩效自评报告为进一步规范资金管理，现将自评情况报告如下：一、基本情况"
        )
    )
    assert page.title == "示例县2022年中央畜禽防疫专项转移支付绩效自评报告"
    page = parse_document(
        _flat_page(
            "《示例市第二中学专项资金绩效自评价报告.docx》由会员分享,可在线阅读。",
            "示例市第二中学专项资金绩效自评价报告一、基本情况(一)项目基本概况我校2022年项目为一个:课后服务项目",
        )
    )
    assert page.title == "示例市第二中学专项资金绩效自评价报告"


def test_a_form_title_cell_in_the_body_loses_its_bars_and_a_column_header_is_no_title():
    page = parse_document(
        _flat_page("|", "|", "部门预算项目支出绩效自评表(2023年度) | ||||", "项目名称 |", "示例工资性支出 |")
    )
    assert page.title == "部门预算项目支出绩效自评表(2023年度)"
    page = parse_document(
        _flat_page(
            "具体评价结果明细见下表：", "序号 |", "评价政策或项目资金名称 |", "主管部门 |", "1 |", "示例稳岗补贴 |"
        )
    )
    assert not page.title


@pytest.mark.parametrize(
    "text, kind",
    [
        (  # who commissioned it, in the active voice
            "示例市2019年度农田水利资金绩效评价结果的说明\n为提高资金使用效益，市财政局、市农业农村局委托第三方，"
            "对12个区县2019年度农田水利资金使用情况进行了绩效评价，现将结果公开如下。",
            "external_evaluation",
        ),
        (  # the report a cover names under the title
            "2022年图书馆绩效评价\n附件2-1\n示例区2022年度部门(单位)整体支出\n绩效评价自评报告\n"
            "部门(单位)名称: 示例区图书馆\n评价方式:部门(单位)绩效自评",
            "self_eval_department",
        ),
        (  # a finance bureau's results of its 重点项目 evaluations
            "我局组织开展了2023年重点项目绩效评价工作，现将评价情况通报如下：\n共对6个重点项目进行了评价。",
            "external_evaluation",
        ),
    ],
)
def test_a_title_naming_an_evaluation_but_not_whose_takes_its_kind_from_the_opening(text, kind):
    assert document_fields(parse_plaintext(text))["report_type"] == kind


def test_a_greeting_above_the_heading_of_an_html_page_names_its_sites_unit():
    html = (
        "<html><head><meta charset='utf-8'></head><body><div class='top'>欢迎来到祁门县政协网站!</div>"
        "<h1>部门整体支出绩效评价报告</h1><div class='article'><p>一、基本情况</p><p>1、收入:512.30万元。</p></div>"
        "</body></html>"
    )
    document = document_fields(parse_document(html.encode()))
    assert (document["department"], document["department_basis"]) == ("祁门县政协", "site")


def test_a_title_less_report_to_the_level_above_is_the_place_it_reports_for_not_its_addressees():
    page = parse_plaintext(
        "许昌市财政局、许昌市农业农村局：\n为加强补助资金绩效管理，按照许昌市财政局、许昌市农业农村局相关要求，"
        "禹州市认真开展了自评工作。现将禹州市2023年度衔接资金绩效自评情况报告如下：\n一、绩效目标完成情况"
    )
    document = document_fields(page)
    assert (document["department"], document["region_code"]) == ("禹州市", "411081")


def test_a_project_forms_implementing_unit_comes_before_its_supervising_bureau():
    page = parse_plaintext(
        "项目支出绩效自评表\n(2019年度)\n项目名称\n教学楼维修经费\n主管部门\n石家庄市教育局\n实施单位\n"
        "石家庄市第九中学\n项目资金\n(万元)\n年初\n预算数\n全年\n预算数\n全年\n执行数\n年度资金总额\n30\n30\n28.5"
    )
    assert document_fields(page)["department"] == "石家庄市第九中学"


def test_a_traditional_copys_title_in_its_body_is_read_as_simplified_without_its_glosses():
    page = parse_document(
        _flat_page(
            "附件2-1",
            "示例縣2019年度部門整體支出",
            "績效評(píng)價(jià)自評(píng)報(bào)告",
            "部門(單位)名稱: 示例縣水利局",
            "評(píng)價(jià)方式:部門(單位)績效自評(píng)",
            "一、部門(單位)基本概況：本單位負責全縣水利工程的建設與管理，實有人數二十八人，內設機構五個。",
        )
    )
    assert page.title == "示例县2019年度部门整体支出绩效评价自评报告"


def test_a_bare_department_evaluation_title_whose_opening_says_what_the_unit_evaluated_itself():
    html = (
        "<html><head><meta charset='utf-8'><title>部门评价报告</title></head><body><div class='article'>"
        "<p>部门评价报告根据县财政局要求，现将我办专项工作经费绩效自评情况报告如下：一、项目基本情况</p></div></body></html>"
    )
    assert document_fields(parse_document(html.encode()))["report_type"] == "self_eval_project"


def test_a_units_whole_spending_evaluation_made_by_a_commissioned_firm_is_external():
    page = parse_plaintext(
        "示例县宗教事务局2022年部门整体支出绩效评价报告\n委托单位:示例县财政局\n评价机构:示例会计师事务所\n"
        "我们接受示例县财政局(以下简称“县财政局”)委托，对示例县宗教事务局2022年部门整体支出开展绩效评价。"
    )
    assert document_fields(page)["report_type"] == "external_evaluation"


def test_an_appended_tables_caption_and_a_contents_entry_are_no_title():
    page = parse_document(
        _flat_page(
            "示例区审计局财政拨款“三公”经费决算2014年情况如下：",
            "2014年“三公”经费支出2.3万元，全部为公务接待费。",
            "附表：",
            "示例区审计局2014年“三公”经费决算表",
        )
    )
    assert not page.title
    page = parse_plaintext(
        "目录\n第一部分 部门概况\n第二部分 部门决算情况说明\n《收入支出决算总表》\n《项目收入支出决算表》"
    )
    assert page.title == ""


def test_an_html_pages_footer_site_code_gives_a_township_named_without_its_county_its_region():
    html = (
        "<html><head><meta charset='utf-8'><title>示例镇2016年“三公”经费支出说明</title></head><body>"
        "<h1>示例镇2016年“三公”经费支出说明</h1><div class='article'><p>2015年公务接待费0.8万元。</p></div>"
        "<div class='footer'><p>某县人民政府主办</p><p>网站标识码:5101210012</p></div></body></html>"
    )
    assert document_fields(parse_document(html.encode()))["region_code"] == "510121"


def test_a_programmes_report_reposted_by_a_website_is_the_place_its_title_names():
    page = parse_plaintext(
        "阿荣旗国家现代农业产业园项目2021年度绩效自评报告\n来源:某研究院 example.org\n"
        "一、基本情况\n我旗如期完成产业园建设任务，实际支付1850万元。"
    )
    document = document_fields(page)
    assert (document["department"], document["region_code"]) == ("阿荣旗", "150721")


def test_a_township_titled_without_its_county_takes_the_region_of_the_full_name_its_body_prints():
    page = parse_plaintext(
        "示例集镇人民政府2020年度“三公”经费支出决算情况说明\n安徽省怀远县示例集镇人民政府2020年度“三公”经费支出决算"
        "为3.2万元。"
    )
    document = document_fields(page)
    assert (document["department"], document["region_code"]) == ("示例集镇人民政府", "340321")


def test_a_title_that_is_only_the_sites_unit_is_no_title_and_the_text_names_the_page():
    html = (
        "<html><head><meta charset='utf-8'><title>沭阳县水利局</title></head><body>"
        "<div class='logo'>沭阳县水利局</div><div class='article'>"
        "<p>沭阳县河道管理所2019年“三公”经费财政拨款预算情况如下:</p><p>一、公务接待费</p>"
        "<p>2019年沭阳县河道管理所安排公务接待费预算3万元。</p></div></body></html>"
    )
    page = parse_document(html.encode())
    document = document_fields(page)
    assert (page.title, page.meta["SiteName"]) == ("", "沭阳县水利局")
    assert (document["department"], document["report_type"], document["region_code"]) == (
        "沭阳县河道管理所",
        "budget",
        "321322",
    )


def test_the_site_a_title_less_page_is_on_gives_its_region_when_its_text_names_none():
    html = (
        "<html><head><meta charset='utf-8'><title>沭阳县人民政府</title></head><body><div class='article'>"
        "<p>2021年度本单位“三公”经费财政拨款支出4.6万元，较上年减少0.3万元。</p></div></body></html>"
    )
    assert document_fields(parse_document(html.encode()))["region_code"] == "321322"


_SANGONG_NOTE = (  # an article long enough to be told from the page around it
    "<p>2023年“三公”经费财政拨款支出3.5万元，比上年减少0.4万元。</p><p>其中：因公出国（境）费0万元；"
    "公务用车购置及运行维护费2.1万元；公务接待费1.4万元，共接待12批次96人次。</p>"
    "<p>减少的主要原因是严格执行中央八项规定精神，压减一般性支出，从严控制公务接待的标准和次数。</p>"
)


def test_a_date_alone_under_the_heading_with_a_hit_counter_is_the_publication_date():
    html = (
        "<html><head><meta charset='utf-8'></head><body><div class='banner'>2024年05月06日</div>"
        "<h1>示例县文旅局2023年度“三公”经费决算说明</h1>"
        "<div class='info'><p>当前位置: 首页>>信息公开>>正文</p><p>2024-05-10 09:41:07    点击:[]</p></div>"
        f"<div class='article'>{_SANGONG_NOTE}</div></body></html>"
    )
    fields = parse_document(html.encode()).fields
    assert (fields["published"], fields["published_basis"]) == ("2024-05-10", "printed")


def test_a_date_in_the_banner_above_the_heading_is_the_sites_today_not_the_pages():
    html = (
        "<html><head><meta charset='utf-8'></head><body><div class='banner'>2024年05月06日</div>"
        "<h1>示例县文旅局2023年度“三公”经费决算说明</h1>"
        f"<div class='article'>{_SANGONG_NOTE}</div></body></html>"
    )
    assert parse_document(html.encode()).fields["published"] is None


def test_a_numbered_heading_is_no_title_and_an_announced_budget_gives_a_title_less_page_its_kind():
    lines = (
        "根据预算公开的有关规定，现将2024年部门预算公开如下：",
        "一、部门职责",
        "示例县实验小学负责全县小学教育。",
        "二、收支总体情况",
        "(1)项目支出增减情况",
        "2024年项目支出预算12.5万元。",
    )
    page = parse_document(_flat_page(*lines))
    document = document_fields(page)
    assert (page.title, document["report_type"]) == ("", "budget")


def test_a_year_on_the_line_above_the_title_is_part_of_it():
    page = parse_plaintext("2023年度\n示例县第二初级中学单位决算\n目录\n第一部分 单位概况\n一、主要职责")
    assert page.title == "2023年度示例县第二初级中学单位决算"


def test_a_numbered_heading_behind_a_mirrors_question_marks_for_lost_spaces_is_no_title():
    page = parse_plaintext(
        "?\n目 录\n第一部分 ?示例市接待办概况\n?\n一、主要职责\n????承担全市接待工作。\n????二、部门预算单位构成\n"
        "示例市接待办内设3个处室。\n第三部分 ?示例市接待办2017年部门预算情况说明\n财政拨款收支总预算1043.61万元。"
    )
    assert page.title == ""


def test_a_unit_that_says_what_kind_of_unit_it_is_presents_itself_before_the_offices_it_lists():
    page = parse_plaintext(
        "一、部门基本情况\n示例街道办事处属区级直属单位，是纳入2023年度部门决算编报范围的行政单位。\n(二)机构设置\n"
        "2023年独立编制机构数3个，分别为四川省成都市新都区示例街道综合执法大队、四川省成都市新都区示例街道文化站。\n"
        "二、部门决算情况说明\n2023年度收入合计1520万元。"
    )
    document = document_fields(page)
    assert (document["department"], document["region_code"]) == ("示例街道办事处", "510114")


def test_the_name_of_a_part_under_its_bare_part_heading_is_no_title():
    lines = (
        "第一部分 概况",
        "示例县第三小学是示例县教育局直属的财政全额拨款事业单位。",
        "第二部分",
        "2023年度部门决算报表(见附表)",
        "一、收入支出决算总表",
        "第三部分 2023年度部门决算情况说明",
        "2023年度决算总收入612.40万元，总支出598.75万元。",
    )
    page = parse_document(_flat_page(*lines))
    assert (page.title, document_fields(page)["report_type"]) == ("", "final_accounts")


def test_a_date_printed_year_last_alone_under_the_heading_is_the_publication_date():
    html = (
        "<html><head><meta charset='utf-8'></head><body><h1>示例县文旅局2023年度“三公”经费决算说明</h1>"
        f"<div class='info'><p>21.06.2024  18:05</p></div><div class='article'>{_SANGONG_NOTE}</div></body></html>"
    )
    assert parse_document(html.encode()).fields["published"] == "2024-06-21"


def test_a_sentence_line_naming_the_units_budget_units_is_no_title():
    lines = (
        "第一部分:部门概况",
        "一、主要职能",
        "示例县政协是示例县人民政治协商会议的常设机构。",
        "二、部门预算单位构成",
        "本部门仅有示例县政协办公室本级一个二级预算单位",
        "第二部分:2024年部门预算情况说明",
        "2024年收入预算总额186.20万元。",
    )
    page = parse_document(_flat_page(*lines))
    assert (page.title, document_fields(page)["report_type"]) == ("", "budget")


def test_a_title_less_report_opening_with_its_projects_self_score_is_a_project_evaluation():
    opening = "一、自评结论\n(一)自评得分\n项目自评得分88分，评价等级为良。\n(二)绩效目标完成情况\n"
    text = opening + "2023年示例市城管局环卫设施维护经费项目市级安排资金合计120万元，实际支出118万元。"
    document = document_fields(parse_plaintext(text))
    assert document["report_type"] == "self_eval_project"
    result = extract_page(text.encode())
    (evaluation,) = result["evaluations"]
    assert (evaluation["subject"], evaluation["score"]) == ("2023年示例市城管局环卫设施维护经费", 88)
    assert not any(f["metric"].startswith(("expenditure.", "revenue.")) for f in result["figures"])
    # a department's whole evaluation keeps its type
    whole = "一、自评结论\n部门整体支出绩效自评得分93分。\n二、收入情况\n2023年收入合计500万元。"
    assert document_fields(parse_plaintext(whole))["report_type"] == "self_eval_department"


def test_a_cover_naming_a_firm_or_an_intermediary_as_the_evaluator_is_an_external_evaluation():
    cover = "目录\n一、基本情况 ........ 1\n示例省省级财政项目资金绩效评价报告项目名称:示例水库除险加固\n"
    firm = cover + "评价机构:示例信达会计师事务有限公司\n一、项目基本情况\n该项目2023年预算500万元。"
    assert document_fields(parse_plaintext(firm))["report_type"] == "external_evaluation"
    title = "示例市财政支出项目绩效考评报告\n项目名称:城区路灯维护\n"
    older = title + "考评方式:财政部门组织评价 考评机构:中介机构\n一、项目概况"
    assert document_fields(parse_plaintext(older))["report_type"] == "external_evaluation"
    own = title + "考评方式:单位自评\n一、项目概况"
    assert document_fields(parse_plaintext(own))["report_type"] != "external_evaluation"


def test_a_forms_long_goal_cell_is_no_article_the_whole_form_is():
    goal = "(1)统筹推进全镇经济社会发展，组织实施村镇建设规划，做好道路、供水和环境整治等公共设施的建设管护工作。" * 4
    rows = [
        ["部门整体支出绩效自评表"],
        ["部门(单位)名称", "示例县青石镇人民政府", ""],
        ["资金(万元)", "年初预算数", "全年执行数"],
        ["年度资金总额", "1046.20", "1133.85"],
        ["年度总体目标", goal, "已完成"],
    ]
    table = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    page = parse_document(f"<html><body><div class='box'><table>{table}</table></div></body></html>".encode())
    assert "年度资金总额" in page.body.text and "统筹推进全镇经济社会发展" in page.body.text
    assert document_fields(page)["department"] == "示例县青石镇人民政府"


def test_the_longest_cell_beside_its_label_is_no_article_but_its_table_is():
    """A report printed as a table in a container no CMS names: its longest prose cell has a heading cell beside
    it, so the article is the table (every row of it), not that cell; a layout table's navigation cell (links)
    names nothing."""
    long_cell = "预算执行良好," * 12
    report = parse_html(
        "<html><body><div class='box'><table>"
        f"<tr><td>(一)部门概况</td><td>人员情况:年末实有人员12人。</td></tr>"
        f"<tr><td>(三)部门整体收支情况</td><td>{long_cell}</td></tr>"
        "</table></div></body></html>"
    )
    assert "人员情况" in report.body.text and long_cell in report.body.text
    layout = parse_html(
        "<html><body><table><tr><td><a href='/a'>首页</a><a href='/b'>通知</a></td>"
        f"<td>{long_cell}</td></tr></table><p>版权所有</p></body></html>"
    )
    assert layout.body.text == long_cell
