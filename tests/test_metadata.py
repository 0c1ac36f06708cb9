"""The metadata block and title facts (documents in docs/data-dictionary.md), on small synthetic snippets."""

from __future__ import annotations

import pytest

from pipelines.metadata import parse_block, starts_with_label
from pipelines.regions import name_region
from pipelines.text import parse_date, simplified_reading
from pipelines.title import (
    department_from_body,
    department_from_title,
    fiscal_year,
    normalise_title,
    project_from_title,
    region_from_title,
    report_type,
    title_facts,
)

CORE = ("index_no", "publisher", "doc_no", "published", "published_time", "written", "validity")
FULL = {
    "index_no": "slj/2023-00047",
    "publisher": "示例县水务局",
    "doc_no": None,
    "published": "2023-06-14",
    "published_time": None,
    "written": None,
    "validity": "有效",
}


def core(text: str, meta: dict | None = None) -> dict:
    fields = parse_block(text, meta).fields
    return {key: fields[key] for key in CORE}


LAYOUTS = {
    "1 bulleted label：value": "• 索引号：slj/2023-00047\n• 发布机构：示例县水务局\n• 文号：\n"
    "• 发布日期：2023-06-14\n• 时效性：有效",
    "2 label line then value line": "索引号\nslj/2023-00047\n发布机构\n示例县水务局\n文号\n"
    "发布日期\n2023-06-14\n时效性\n有效",
    "3 glued label+value": "索引号slj/2023-00047\n发布机构示例县水务局\n文号\n发布日期2023-06-14\n时效性有效",
    "4 spaced labels, full-width colon": "索 引 号：slj/2023-00047\n发布机构：示例县水务局\n文　　号：\n"
    "发布日期：2023-06-14\n时 效 性：有效",
    "5a 2-column table": "索引号 | slj/2023-00047\n发布机构 | 示例县水务局\n文号 | \n"
    "发布日期 | 2023-06-14\n时效性 | 有效",
    "5b 4-column table": "索引号 | slj/2023-00047 | 发布机构 | 示例县水务局\n文号 |  | 发布日期 | 2023-06-14\n"
    "时效性 | 有效 | 公开方式 | 主动公开",
    "8 different order with extra labels": "发布机构：示例县水务局 索引号：slj/2023-00047\n公开目录：预算绩效管理\n"
    "发布日期：2023-06-14 文号： 浏览量：\n主题词：绩效 时效性：有效",
    "seed-style, `-` separator lines": "- 示例县水务局\n-\n索引号slj/2023-00047\n-\n发布机构示例县水务局\n-\n文号\n-\n"
    "发布日期2023-06-14\n-\n时效性有效",
}


@pytest.mark.parametrize("text", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_every_layout_reads_the_same_fields(text):
    assert core(text) == FULL


def test_a_widgets_text_is_no_validity_and_a_full_stop_no_part_of_the_publisher():
    fields = core("发布机构\n示例县财政局\n有 效 性\n语音播报\n分享:")
    assert (fields["publisher"], fields["validity"]) == ("示例县财政局", None)
    assert core("来源:示例部。")["publisher"] == "示例部"


def test_shifted_table_cells_give_the_date_to_the_label_next_to_it():
    fields = core("成文日期 | 发布日期 | 2023-03-09\n发布机构 | 示例县水务局 | 文号")
    assert (fields["written"], fields["published"], fields["doc_no"]) == (None, "2023-03-09", None)
    assert fields["publisher"] == "示例县水务局"


def test_layout_6_one_source_line_with_ui_words():
    fields = core("发布时间：2023-06-14 来源：示例县财政局字体大小：大 中 小 【打印本页】【关闭窗口】")
    assert (fields["publisher"], fields["published"]) == ("示例县财政局", "2023-06-14")
    fields = core("发布时间:2021-02-10 16:29    来源:示例区民政局      字体:    特大    颜色: 绿")
    assert fields["publisher"] == "示例区民政局"  # `特大` is a font size, no part of the unit's name


@pytest.mark.parametrize("placeholder", ["[db:出处]", "{$source}", "$laiyuan$", "本站编辑", "本站原创", "admin"])
def test_an_unfilled_template_field_is_no_value(placeholder):
    fields = core(f"来源:{placeholder}   作者:[db:作者]   发布时间:2018-03-31 00:00:00")
    assert (fields["publisher"], fields["published"]) == (None, "2018-03-31")


def test_a_spam_mirrors_advert_in_the_source_is_no_publisher():
    fields = core("来源: 华体会买球最新版 网 浏览字号:  发布时间:2022-04-28")
    assert (fields["publisher"], fields["published"]) == (None, "2022-04-28")


def test_layout_6_date_glued_to_the_source():
    fields = core("来源：县水务局2023-06-14 10:25 分享到：")
    assert (fields["publisher"], fields["published"], fields["published_time"]) == ("县水务局", "2023-06-14", "10:25")


def test_layout_7_date_under_the_title_outside_the_block():
    text = (
        "信息索引号：slj/2023-00047\n成文日期：2023-06-10\n公开方式：主动公开\n示例县水务局2023年度报告\n"
        "发布日期：2023-06-14"
    )
    fields = core(text)
    assert (fields["index_no"], fields["written"], fields["published"]) == (
        "slj/2023-00047",
        "2023-06-10",
        "2023-06-14",
    )


def test_a_count_an_empty_source_label_ran_into_is_no_publisher():
    assert parse_block("发布时间:2023-03-10 来源: :0次").fields["publisher"] is None


def test_a_publisher_printed_letter_spaced_is_read_without_its_spaces():
    assert parse_block("发布机构: 水 利 局 文号:").fields["publisher"] == "水利局"
    assert parse_block("来源: 某县 水务局").fields["source"] == "某县 水务局"  # words apart, not letters


def test_a_funds_regional_form_titled_in_book_marks_is_its_publishers():
    title = "2022年《池州市中央财政转移支付区域(农机购置补贴)绩效目标自评表》"
    assert region_from_title(normalise_title(title)) == "池州市"
    assert title_facts(title, publisher="池州市农业农村局").department == "池州市农业农村局"


def test_the_printed_publisher_wins_over_the_source_line():
    fields = parse_block("发布机构：示例县财政局\n信息来源：示例县水务局").fields
    assert (fields["publisher"], fields["source"]) == ("示例县财政局", "示例县水务局")


def test_publish_date_label_wins_over_a_later_publish_time_label():
    assert core("发布时间：2023-06-15\n发布日期：2023-06-14")["published"] == "2023-06-14"


@pytest.mark.parametrize(
    "label, field, value, expected",
    [
        ("索引號", "index_no", "slj/2023-00047", "slj/2023-00047"),
        ("发文机关", "publisher", "示例县人民政府", "示例县人民政府"),
        ("文章来源", "publisher", "示例县水务局", "示例县水务局"),
        ("文件编号", "doc_no", "示水发〔2023〕6号", "示水发〔2023〕6号"),
        ("备注/文号", "doc_no", "14", "14"),
        ("公开日期", "published", "2023-06-14", "2023-06-14"),
        ("公开时间", "published", "2023年6月14日", "2023-06-14"),
        ("生成日期", "written", "2023/06/10", "2023-06-10"),
        ("公文生成日期", "written", "2023-06-10", "2023-06-10"),
        ("效力属性", "validity", "有效", "有效"),
        ("效力状况", "validity", "失效", "失效"),
        ("制发机构", "publisher", "临夏州财政局", "临夏州财政局"),
        ("效力状态", "validity", "有效", "有效"),
        ("上传时间", "published", "2023-08-14", "2023-08-14"),
        ("编稿时间", "published", "2017-09-20", "2017-09-20"),
        ("编辑日期", "published", "2023-10-15", "2023-10-15"),
    ],
)
def test_label_synonyms(label, field, value, expected):
    assert core(f"{label}：{value}")[field] == expected


@pytest.mark.parametrize("placeholder", ["无", "—", "/", "-", ""])
def test_empty_document_numbers_are_null(placeholder):
    assert core(f"文号：{placeholder}\n发布日期：2023-06-14")["doc_no"] is None


def test_a_comment_link_after_the_source_is_no_part_of_it():
    assert parse_block("2014年04月19日 11:15:47来源:中国新闻网查看评论").fields["source"] == "中国新闻网"


def test_index_number_placeholder_is_null():
    assert core("索引号：自动生成")["index_no"] is None


def test_two_character_labels_need_a_boundary():
    """报告日期 / 资金来源 inside ordinary text are not the 日期 / 来源 labels."""
    fields = core("报告日期：2020-01-01 资金来源：上级补助")
    assert (fields["published"], fields["publisher"]) == (None, None)


@pytest.mark.parametrize(
    ("title", "publisher", "department"),
    [
        ("2021年林业局部门整体支出绩效自评表", "零陵区林业局", "零陵区林业局"),
        ("2021年林业局部门整体支出绩效自评表", "零陵区财政局", "林业局"),  # another unit's name
        ("涂井乡2021年部门决算", "忠县涂井乡", "涂井乡"),  # a township keeps its title name
    ],
)
def test_a_title_unit_without_its_place_takes_the_publishers_full_name(title, publisher, department):
    assert title_facts(title, "", publisher=publisher).department == department


def test_an_empty_document_number_above_a_term_row_stays_empty():
    fields = core("发文字号 制发机构\n有效期限 有效性\n成文日期 2024-03-27 发布日期 2024-03-27")
    assert (fields["doc_no"], fields["publisher"]) == (None, None)


def test_an_empty_publisher_above_a_field_it_does_not_know_stays_empty():
    fields = core("索引号: 3070211020000033/2022102100000123 发布机构:\n生效日期: 2022-10-21 废止日期:")
    assert fields["publisher"] is None


def test_the_short_validity_label_needs_a_colon():
    """`时效:` is the validity label, so an empty 文号 row above it stays empty; a form's 时效指标 is no label."""
    assert core("文号: | |\n时效: | 有效")["doc_no"] is None
    assert core("时效: | 有效")["validity"] == "有效"
    assert core("时效指标 | 及时率 | 100%")["validity"] is None


def test_a_hit_counter_ends_an_empty_source_and_is_no_value():
    """`来源: 点击:[]`: the counter's label ends the empty 来源 (never its value); `点击下载` is no label."""
    fields = parse_block("日期:2021年03月24日 作者: 来源: 点击:[]").fields
    assert fields["source"] is None and fields["published"] == "2021-03-24"
    assert not starts_with_label("点击下载附件")


def test_supervision_index_is_not_the_index_number():
    fields = parse_block("监督索引号53252407734201000\n索引号：slj/2023-00047").fields
    assert (fields["index_no"], fields["supervision_no"]) == ("slj/2023-00047", "53252407734201000")


def test_meta_tags_are_only_fallbacks():
    meta = {"PubDate": "2023-06-20 10:32", "ContentSource": "示例县财政局"}
    printed = parse_block("发布机构：示例县水务局\n发布日期：2023-06-14", meta).fields
    assert (printed["publisher"], printed["published"], printed["published_basis"]) == (
        "示例县水务局",
        "2023-06-14",
        "printed",
    )
    missing = parse_block("索引号：slj/2023-00047", meta).fields
    assert (missing["publisher"], missing["published"], missing["published_time"], missing["published_basis"]) == (
        "示例县财政局",
        "2023-06-20",
        "10:32",
        "meta",
    )


def test_archive_date_only_when_nothing_else_and_flagged():
    fields = parse_block("索引号：slj/2023-00047\n归档时间：2023-05-30").fields
    assert (fields["published"], fields["published_basis"]) == ("2023-05-30", "archived")
    fields = parse_block("归档时间：2023-05-30\n发布日期：2023-06-14").fields
    assert (fields["published"], fields["published_basis"]) == ("2023-06-14", "printed")


def test_block_text_keeps_the_lines_read():
    block = parse_block("首页 > 预算绩效\n索引号\nslj/2023-00047\n示例县水务局2023年度报告")
    assert block.text == "索引号\nslj/2023-00047"


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("2023-05-18", ("2023-05-18", None)),
        ("2023/05/18 10:00", ("2023-05-18", "10:00")),
        ("2023-06-14 10:25:33", ("2023-06-14", "10:25")),
        ("2023年9月28日", ("2023-09-28", None)),
        ("2023.5.8", ("2023-05-08", None)),
        ("2024915", ("2024-09-15", None)),  # one valid reading
        ("20230518", ("2023-05-18", None)),
        ("2024111", (None, None)),  # Jan 11 or Nov 1
        ("21.06.2019", ("2019-06-21", None)),  # year last, only day-first is a date
        ("6/21/2019", ("2019-06-21", None)),
        ("05.06.2019", (None, None)),  # May 6 or June 5
        ("1.5.2.2019", (None, None)),  # a section number, no date
        ("2023-13-01", (None, None)),
        ("二〇二三年六月", (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_date(printed, expected):
    assert parse_date(printed) == expected


# -- title facts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, department, year, kind",
    [
        (
            "开远市政务服务管理局2022年度部门整体和项目支出绩效自评报告",
            "开远市政务服务管理局",
            2022,
            "self_eval_department_and_project",
        ),
        ("2023年度示例县水务局部门整体支出绩效自评报告", "示例县水务局", 2023, "self_eval_department"),
        ("示例县林业站2019绩效自评报告", "示例县林业站", 2019, "self_eval_department"),
        ("示例县统计局2022年度 机关整体支出绩效评价报告", "示例县统计局", 2022, "self_eval_department"),
        ("关于示例县教育体育局2022年项目支出绩效自评情况的报告", "示例县教育体育局", 2022, "self_eval_project"),
        ("示例县水务局关于2022年度部门决算的说明", "示例县水务局", 2022, "final_accounts"),
        ("示例县水务局（本级）2023年部门预算", "示例县水务局", 2023, "budget"),  # its own level: the unit's name
        ("示例县水务局本级2023年部门预算", "示例县水务局", 2023, "budget"),
        ("示例县应急局（某专项资金）转移支付2023年度绩效自评报告", "示例县应急局", 2023, "self_eval_project"),
        ("附件2-1 示例县水务局2023年度项目支出绩效自评表.xlsx", "示例县水务局", 2023, "self_eval_project"),
        ("【预算绩效】示例县水务局2023年度部门整体绩效目标表", "示例县水务局", 2023, "performance_targets"),
        ("示例县财政局关于示例县水务局2022年度重点绩效评价报告", "示例县水务局", 2022, "external_evaluation"),
        ("示例县2023年“三公”经费预算情况说明", None, 2023, "other"),
        ("示例县林业局2022年度“三公”经费决算情况说明", "示例县林业局", 2022, "final_accounts"),
        ("示例县林业局2022年度“三公”经费支出情况", "示例县林业局", 2022, "final_accounts"),
        ("示例县林业局2024年“三公”经费预算情况表", "示例县林业局", 2024, "budget"),
        ("示例县林业局2024年“三公”经费预算及2023年决算情况说明", "示例县林业局", 2024, "other"),
        (
            "示例县照明管理处2022绩效评价自评报告及评分表(整体支出和路灯维护专项支出)",
            "示例县照明管理处",
            2022,
            "self_eval_department_and_project",
        ),
        ("示例县照明管理处2022绩效评价自评报告及评分表(整体支出)", "示例县照明管理处", 2022, "self_eval_department"),
        (
            "示例县政协2021年度部门整体支出及项目支出绩效评价报告",
            "示例县政协",
            2021,
            "self_eval_department_and_project",
        ),
        ("2022年度示例县高标准农田建设项目财政重点绩效评价报告", None, 2022, "external_evaluation"),
        ("示例县医保局2021年城乡医疗救助补助资金项目绩效再评价报告", "示例县医保局", 2021, "external_evaluation"),
        ("2023年示例县财政局一般公共预算财政拨款“三公”经费支出决算情况说明", "示例县财政局", 2023, "final_accounts"),
        ("2016年示例县司法局部门“三公”经费情况统计表", "示例县司法局", 2016, "other"),
        ("示例县职业技术学校2022年决算批复公开资料", "示例县职业技术学校", 2022, "final_accounts"),
        ("岳阳县2015年度移民局“三公”经费决算情况表", "岳阳县移民局", 2015, "final_accounts"),
        # the place, the year, then a unit whose name begins with the place's: no second place
        ("铁岭市2022年铁岭经济开发区管理委员会部门决算", "铁岭经济开发区管理委员会", 2022, "final_accounts"),
        ("示例县实验小学2020年财政预算公开情况说明", "示例县实验小学", 2020, "budget"),
        ("示例县第二幼儿园2021年部门收支预算情况公示", "示例县第二幼儿园", 2021, "budget"),
        ("2023年示例县第四高级中学预算说明", "示例县第四高级中学", 2023, "budget"),  # a unit's own 预算说明
        ("示例县2023年预算说明", None, 2023, "other"),  # a place's is no unit's
        ("2016年度预算编制说明", None, 2016, "budget"),  # the year alone: the portal's own budget
        ("示例县人大2020年部门预算公开", "示例县人大", 2020, "budget"),  # a people's congress by its short name
        ("2023年示例乡人民政府决算编制说明", "示例乡人民政府", 2023, "final_accounts"),  # a unit's 决算编制说明
        ("• 示例市龙祥小学2016部门决算", "示例市龙祥小学", 2016, "final_accounts"),  # a list bullet before it
        ("2017年示例市第五小学决算", "示例市第五小学", 2017, "final_accounts"),  # the unit's name right before 决算
        ("示例二中2018部门预算公开", "示例二中", 2018, "budget"),  # a school by its short name
        ("示例革命陵园管理处预算公开附表-2022", "示例革命陵园管理处", 2022, "budget"),  # a unit's budget tables
        ("示例县人大代表活动经费绩效自评报告", None, None, "self_eval_project"),  # a congress's deputies: no unit
        ("2024年示例区文化和旅游局预算公开说明", "示例区文化和旅游局", 2024, "budget"),  # 预算 + 公开 + 说明
        ("2019年度示例市香港路小学预算有关情况的说明", "示例市香港路小学", 2019, "budget"),  # 有关情况的说明
        ("2021年妇女儿童健康水平提升民生工程绩效自评报告", None, 2021, "self_eval_project"),  # a programme's
        ("2022年区本级体彩公益金绩效使用自评报告", None, 2022, "self_eval_project"),  # a fund's, 绩效使用
        ("示例县文化馆(示例县艺术团)2024年部门预算", "示例县文化馆(示例县艺术团)", 2024, "budget"),  # its second name
        ("2015年示例县职业中专预算收支表", "示例县职业中专", 2015, "budget"),  # a vocational school's budget tables
        ("示例县教育局预算公开表", "示例县教育局", None, "budget"),  # a shared sheet's name: its budget tables
        ("示例区公路管理段2021年部门预算公开", "示例区公路管理段", 2021, "budget"),  # a road section's office
        ("示例县公路段2022年部门决算", "示例县公路段", 2022, "final_accounts"),
        ("示例县第一中学校2021年收支预算公示", "示例县第一中学校", 2021, "budget"),  # a budget put on display
        ("示例区人民法院2022年财政预算资讯", "示例区人民法院", 2022, "budget"),  # a court's budget news item
        ("示例区第一幼儿园2021年度部门预算整体绩效自评报告", "示例区第一幼儿园", 2021, "self_eval_department"),
        ("示例县财政局关于2021年部门预算编制工作的通知", "示例县财政局", 2021, "other"),  # a notice stays one
        ("示例市政协办公室机关本级2022年预算", "示例市政协办公室", 2022, "budget"),  # its own level as 机关本级
        ("示例市某局2022年非遗专项资金决算情况", "示例市某局", 2022, "other"),  # a fund's 决算, no unit's
        # a fund's own evaluation however its report words run (`…资金绩效评价工作自评报告`,
        # `…资金使用情况绩效自评报告`, `…资金绩效目标自评表`), and one numbered as a model-essay site's copy (`…篇3`)
        ("示例市2024年度衔接推进乡村振兴补助资金绩效评价工作自评报告", None, 2024, "self_eval_project"),
        ("示例县2023年度残疾人事业发展补助资金使用情况绩效自评报告", None, 2023, "self_eval_project"),
        ("中央车购税对地方补助资金绩效目标自评表", None, None, "self_eval_project"),
        ("公共文化服务体系建设资金绩效自评报告 篇3", None, None, "self_eval_project"),
        ("河道治理资金自我绩效评价报告", None, None, "self_eval_project"),
        (
            "广西城乡居民基本养老保险补助资金转移支付2022年度绩效自评报告",
            None,
            2022,
            "self_eval_project",
        ),  # 城乡: no 乡
        (
            "示例省应急管理厅关于2020年中央自然灾害救灾资金绩效自评情况的报告",
            "示例省应急管理厅",
            2020,
            "self_eval_project",
        ),
        ("关于抗疫特别国债执行情况绩效自评报告", None, None, "self_eval_project"),  # a special bond's
        ("2024年普惠金融发展专项资金预算执行情况绩效自评报告", None, 2024, "self_eval_project"),
        ("示例市公证处关于2021年公证服务项目支出部门评价报告", "示例市公证处", 2021, "self_eval_project"),
        ("政协示例市委员会办公室2024年度预算绩效部门评价报告", "政协示例市委员会办公室", 2024, "self_eval_department"),
    ],
)
def test_title_facts(title, department, year, kind):
    clean = normalise_title(title)
    assert department_from_title(clean) == department
    assert fiscal_year(clean)[0] == year
    assert report_type(clean) == kind


def test_title_without_year_takes_the_cover_line_of_the_body():
    facts = title_facts("示例县自然资源局部门整体支出绩效评价自评报告", body_text="附件2-1\n自评报告\n( 2022 年度)\n…")
    assert (facts.department, facts.fiscal_year, facts.fiscal_year_basis) == (
        "示例县自然资源局",
        2022,
        "body_cover_line",
    )
    assert facts.report_type == "self_eval_department"


def test_a_title_less_flattened_project_form_is_a_project_self_evaluation_of_no_named_unit():
    body = (
        "如下表:项目年度绩效目标评价内容绩效目标值实际完成值完成率产出目标数量目标当年获得霞浦县级以上认定的"
        "创业服务站数量>=3个2个67%,本项目累计安排资金8万元,总得分88。"
    )
    facts = title_facts("", body_text=body)
    assert (facts.report_type, facts.department) == ("self_eval_project", None)


@pytest.mark.parametrize(
    ("title", "body", "department", "kind"),
    [
        ("省级单位“三公”经费去年支出3亿元", "受省政府委托，甘肃省财政厅厅长向省人大常委会报告……", "甘肃省", "other"),
        ("", "青海省12部门公布2015年“三公”支出\n根据省财政厅公布的数据……", "青海省", "other"),
        ("", "据悉，2016年贵州省省级行政事业单位“三公”经费……\n", "贵州省", "other"),
        # a region's own level by its short name (`新疆本级`), its official name as the body prints it
    ],
)
def test_a_headline_about_a_levels_sum_takes_the_place_the_body_names(title, body, department, kind):
    facts = title_facts(title, body)
    assert (facts.department, facts.report_type) == (department, kind)


@pytest.mark.parametrize(
    ("body", "department", "year"),
    [
        ("7月15日，商务部在其网站公布“三公经费”情况。2010年，商务部“三公经费”财政拨款预算…", "商务部", 2010),
        ("中新网7月18日电 水利部2014年度部门决算近日公布…", "水利部", 2014),
        ("昨日，国家统计局网站公布了去年“三公经费”决算…", "国家统计局", None),  # its website is no unit
        ("全省支出…加上上年结转、财政部代理发行地方政府债券等…", None, None),  # a ministry in passing
    ],
)
def test_a_ministry_a_news_text_opens_with_is_the_department(body, department, year):
    facts = title_facts("", body)
    assert (facts.department, facts.fiscal_year) == (department, year)


@pytest.mark.parametrize(
    ("title", "body", "kind"),
    [
        ("水利部去年公务接待费仅6万元 不到预算的一成", "水利部公布2014年度部门决算。……完成预算的91%", "final_accounts"),
        ("市园林局2010年公务用车购置及运行维护费决算数46.7万元", "2011年公务用车预算数33.8万元……", "final_accounts"),
        ("市园林局今年公车预算为30万元", "市园林局公布了2012年部门预算……", "budget"),
        ("国办2013年“三公”经费决算比预算减40余万", "国务院办公厅2013年度部门决算。", "final_accounts"),
    ],
)
def test_a_news_headline_quoting_an_amount_has_the_type_of_the_report_it_quotes(title, body, kind):
    assert title_facts(title, body).report_type == kind


def test_a_unit_the_body_names_short_takes_the_full_form_it_also_prints():
    body = "一、2013年“三公”经费决算表\n旌德县政协办2013年度“三公”经费……旌德县政协办公室机关开支……"
    assert title_facts("", body).department == "旌德县政协办公室"


@pytest.mark.parametrize(
    "title, body, department",
    [
        # a title's short word after its place, the full form printed once (the signature under the text)
        (
            "韶关市科协2023年部门预算公开",
            "市科协机关核定编制9名。\n韶关市科学技术协会\n2023年2月10日",
            "韶关市科学技术协会",
        ),
        ("肇庆市文联2016年部门预算公开", "市文联机关……\n肇庆市文学艺术界联合会", "肇庆市文学艺术界联合会"),
        # the closest full form, never a subordinate unit's longer name
        ("韶关市卫健局2023年部门预算", "韶关市卫生健康综合监督执法局……韶关市卫生健康局", "韶关市卫生健康局"),
        ("韶关市卫生健康局2023年部门预算", "下属韶关市卫生健康综合监督执法局……", "韶关市卫生健康局"),
        # a party committee's department keeps its title's name (its full form starts with 中共)
        ("韶关市委宣传部2023年部门预算", "中共韶关市委员会宣传部……", "韶关市委宣传部"),
        # a school named by its number, spelt out as the body prints it (whole: never cut short as `化州市第二中`),
        # also where its place is printed short (`罗定`, no 市); the body printing no full form keeps the title's
        ("化州市二中2019部门预算公开", "第一部分 化州市第二中学概况", "化州市第二中学"),
        ("罗定三小2018部门预算公开", "第一部分 罗定第三小学概况", "罗定第三小学"),
        ("化州市二中2019部门预算公开", "第一部分 化州市二中概况", "化州市二中"),
        # an autonomous county printed by its short name, its official name in the body before the same unit word
        ("峨山县林业和草原局2023年决算", "峨山彝族自治县林业和草原局2023年度…", "峨山彝族自治县林业和草原局"),
        # a city's name before the district is no shorter name to replace (`重庆市` dropped would be shorter)
        ("重庆市渝中区城市管理局2022年决算", "渝中区城市管理局……", "重庆市渝中区城市管理局"),
    ],
)
def test_a_title_unit_printed_short_takes_the_full_form_the_body_prints(title, body, department):
    assert title_facts(title, body).department == department


def test_an_address_is_no_unit():
    body = "项目名称\n服务贸易\n联系地址\n海口市国兴大道省政府办公楼2楼\n2023年项目绩效自评"
    assert title_facts("", body).department is None


def test_a_development_zones_unit_is_named_by_the_zone_and_a_place_word_inside_a_name_is_no_unit():
    body = "(二)部门预算单位构成\n{unit}由局机关组成。\n二、预算安排情况说明\n{unit}2016年预算收入合计84.20万元。"
    assert title_facts("", body.format(unit="义龙试验区统计局")).department == "义龙试验区统计局"
    assert title_facts("", body.format(unit="示例县统计局")).department is None  # never `县统计局`


def test_the_unit_its_机构设置_section_describes_is_the_department_never_its_subordinate():
    body = (
        "一、部门基本情况\n(一)职能职责。……\n(二)机构设置。县委党史研究室下设2个内设机构：办公室、编研科；"
        "下属事业单位1个：示例县方志馆，在编人员4人。"
    )
    assert title_facts("", body).department == "县委党史研究室"
    subordinate_only = "本部门下属事业单位1个：示例县方志馆，在编人员4人。"
    assert title_facts("", subordinate_only).department is None


def test_a_places_departments_of_a_domain_are_its_bureau_the_body_names():
    body = "一、部门基本情况：\n汾阳市农业农村部门，现有职工112人。\n农业农村局机关编制内公务用车2辆。"
    assert title_facts("", body).department == "汾阳市农业农村局"
    assert title_facts("", "汾阳市农业农村部门，现有职工112人。").department is None  # no bureau named


def test_a_headline_may_name_its_province_by_one_character():
    body = "连日来，省级部门公布了各自的预算，群众可通过湖南省政府门户网站查询。"
    facts = title_facts("湘55个省级部门公布预算 42部门三公经费同比下降", body)
    assert (facts.department, facts.report_type) == ("湖南省", "budget")


@pytest.mark.parametrize(
    "body",
    [
        "各单位已陆续上网公开预算。今年，丰台区首次把区委各部门的预算也放到网上。",
        "截至昨晚，增城市赶在期限前公布了增城市委办公室的决算。",
        "西宁市级部门通过西宁市人民政府网站集中公开了决算。",
    ],
)
def test_a_news_clause_from_a_place_to_a_unit_is_no_units_name(body):
    assert title_facts("", body).department is None


def test_a_meeting_the_opening_reports_names_no_unit():
    body = "一、项目基本情况\n为总结上年工作，召开中共丽江市委人才工作领导小组第三次全体会议。\n二、项目资金情况"
    assert title_facts("2021年度项目绩效自评报告", body, publisher="丽江市人力资源和社会保障局").department == (
        "丽江市人力资源和社会保障局"
    )


def test_a_unit_that_says_whose_branch_it_is_is_named_before_the_copula():
    body = "一、部门基本概况\n(一)职能职责。\n祁东县洪桥街道教育管理中心是祁东县教育局下设二级机构，负责中小学管理。"
    assert title_facts("", body).department == "祁东县洪桥街道教育管理中心"


def test_a_report_sent_to_the_level_above_is_the_posting_units_not_its_addressees():
    body = (
        "临市民发[2024]3号\n关于上报2023年困难群众救助资金绩效自评的报告\n临夏州民政局\n"
        "根据有关通知，现将自评报告如下："
    )
    facts = title_facts("关于上报2023年困难群众救助资金绩效自评的报告", body, source="临夏市民政局")
    assert (facts.department, facts.department_basis) == ("临夏市民政局", "source")


def test_a_transfer_forms_supervising_ministry_is_no_unit():
    body = "转移支付(项目)名称 | 动物防疫补助\n中央主管部门 | 农业农村部 | 地方主管部门 | 省农业农村厅\n资金投入情况"
    facts = title_facts("中央财政动物防疫项目绩效目标自评表", body, publisher="宣城市农业农村局")
    assert facts.department == "宣城市农业农村局"


def test_a_title_less_evaluation_by_the_finance_bureaus_team_is_an_outside_evaluation():
    body = (
        "我们对示例县畜牧站的重大疫病防控经费做了绩效评价，结果报告如下：\n一、评价工作情况\n按照评价办法，县财政局"
        "组建了评价工作小组，到项目单位实地核查了账目。"
    )
    assert title_facts("", body).report_type == "external_evaluation"


@pytest.mark.parametrize(
    "title, body, department",
    [
        (
            "2019年度宜良县教育部门“三公”经费决算情况说明",
            "教育部门2019年度“三公”经费支出决算24.3万元。",
            "宜良县教育部门",
        ),
        (  # the body opens with the domain's bureau and the year: the bureau
            "云南省交通运输部门2023年“三公”经费预算情况说明",
            "交通运输厅2023年“三公”经费预算安排57.2万元。",
            "云南省交通运输厅",
        ),
    ],
)
def test_a_title_naming_a_places_departments_of_one_domain_names_them(title, body, department):
    assert title_facts(title, body).department == department


def test_a_unit_that_says_what_it_is_after_a_long_description_presents_itself():
    body = (
        "一、单位基本情况\n(一)职能职责\n中共福州市长乐区委党校是在区委领导下负责全区党员干部教育培训、理论研究和"
        "决策咨询工作、同时挂区行政学院牌子的参公事业单位。\n1.开展干部教育培训。"
    )
    # (also a place whose name opens with 长 after its city's 市: no 市长, an official)
    assert title_facts("", body).department == "中共福州市长乐区委党校"


def test_a_committees_office_is_read_whole():
    body = "比如，湖南省地方志编纂委员会办公室预算说明表明……"
    assert title_facts("", body).department == "湖南省地方志编纂委员会办公室"


@pytest.mark.parametrize(
    ("title", "body", "department"),
    [
        ("", "2.机构设置。\n学校内设6个处室。\n…郴州市第五中学2020年收入预算…", "郴州市第五中学"),  # 学校 is no name
        ("", "贯彻党的教育方针和国家教育法律法规以及本校实际的规划。", None),  # a phrase about laws
        ("", "中共温州市委党校2019年度部门决算……", "中共温州市委党校"),  # not cut at 委
        ("", "单位名称：襄阳市中心医院 填报日期：2022年3月……", "襄阳市中心医院"),  # not cut at 中心
        # a headline's abbreviation spelt out by the body; a news site (`中国政府网`) is no unit
        (
            "国办2013年“三公”经费决算比预算减40余万",
            "中新网7月18日电 据中国政府网消息，国务院办公厅2013年…",
            "国务院办公厅",
        ),
        ("", "渠县第二中学是负责实施初中、高中教育的全民事业单位。", "渠县第二中学"),
        ("民宗局(外侨办)2015年度“三公”经费决算情况说明", "", "民宗局(外侨办)"),  # one office, two names
        ("奉新县博物馆(奉新县宋应星纪念馆)2024年单位预算", "", "奉新县博物馆(奉新县宋应星纪念馆)"),
        ("", "（一）达州铁路中学是一所公办全日制完全中学。", "达州铁路中学"),  # a city named without its 市
        ("", "（一）新华书店是一家国有企业。", None),  # not a district's short name
        ("示例县应急局（某专项资金）转移支付2023年度绩效自评报告", "", "示例县应急局"),  # a qualifier goes
    ],
)
def test_unit_names_read_whole_and_phrases_that_are_none(title, body, department):
    assert title_facts(title, body).department == department


def test_the_central_levels_own_sum_is_filed_under_the_central_level():
    body = "2014年中央本级“三公经费”财政拨款预算71.5亿元。…主要是因国家邮政局新设监管机构…"
    facts = title_facts("", body)
    assert (facts.department, facts.report_type) == ("中央本级", "budget")


def test_a_finance_bureaus_unnamed_places_三公_budget_has_no_department():
    """A finance bureau (`来源：县财政局`) publishes its county's 三公 budget without naming the county: no unit
    is the department, and the page is the place's budget."""
    facts = title_facts("2019年“三公”经费预算情况说明", "2019年县级一般公共预算安排…", source="县财政局")
    assert (facts.department, facts.report_type) == (None, "budget")


@pytest.mark.parametrize(
    "body",
    [
        "根据中央和自治区关于推进政府预算信息公开的部署，经财政局汇总本级行政单位的“三公”经费……",
        "2019年我局“三公”经费……我局认真贯彻落实中央政治局关于八项规定的精神，严格控制……",
        "按照省财政厅印发的公开要求，现将本单位“三公”经费说明如下……",
    ],
)
def test_the_subject_or_issuer_of_a_cited_decision_is_no_unit(body):
    assert title_facts("", body_text=body).department is None


def test_a_headlines_今年_counts_from_its_publication_date():
    assert fiscal_year("水利部今年三公减少271万", "2013年“三公经费”支出…", "2014-07-26") == (2014, "title_relative")
    assert fiscal_year("水利部去年三公减少271万", "", "2014-07-26") == (2013, "title_relative")


def test_a_year_glued_to_决算_is_the_bodys_first_year():
    assert fiscal_year("", "财政部公布了中央本级“三公”经费2012决算支出和2013年预算情况。") == (2012, "body_first_year")


def test_a_cited_notices_year_gives_way_to_the_texts_own():
    body = (
        "根据市财政局《关于报送2021年预算绩效目标和2020年度绩效自评报告的通知》要求，"
        "我校对2020年度部门整体支出进行了自评。"
    )
    assert fiscal_year("", body) == (2020, "body_first_year")
    # a text whose only year is its cited notice's keeps it
    assert fiscal_year("", "根据《关于开展2021年度绩效自评工作的通知》要求，现报告如下。") == (2021, "body_first_year")


def test_fiscal_year_rules_in_order():
    assert fiscal_year("绩效评价报告", "评价年度：2021\n2020年度预算") == (2021, "body_evaluation_year")
    # the calendar year the report covers, printed as a period
    assert fiscal_year("", "评价时段：2021年1月1日-2021年12月31日\n合计480万元") == (2021, "body_period")
    assert fiscal_year("", "项目起止时间2020年元月起至2020年12月止") == (2020, "body_period")
    assert fiscal_year("", "2019年7月至2020年12月实施") == (None, None)  # no calendar year
    assert fiscal_year("绩效评价报告", "截至2021年末，…") == (2021, "body_first_year")
    assert fiscal_year("决算说明", "其他收入较 2022 年度决算数增加0.5万元；2023年度收入…") == (2023, "body_first_year")
    assert fiscal_year("绩效评价报告", "", published="2023-06-14") == (2022, "published_minus_one")
    # a fragment without a title: the first year its money is printed for, not a year compared with
    assert fiscal_year("", "5\n与2023年相比增加…。2024 年财政拨款支出 80.00 万元") == (2024, "body_money_year")
    assert fiscal_year("", "截至2023年12月31日，资产原值合计…") == (None, None)
    assert fiscal_year("绩效评价报告") == (None, None)


def test_no_department_in_title_falls_back_to_source_then_publisher():
    facts = title_facts("2023年度绩效评价", source="县文旅局", publisher="示例县财政局")
    assert (facts.department, facts.department_basis) == ("县文旅局", "source")
    facts = title_facts("2023年度绩效评价", publisher="示例县财政局")
    assert (facts.department, facts.department_basis) == ("示例县财政局", "publisher")


def test_a_source_naming_its_unit_by_its_level_alone_takes_the_place_the_opening_names():
    """`来源：县财政局` on a page whose opening names the county (`…用于莒南县…`): that county's bureau, its place the
    longest name printed (`莒南县`, not `南县`), never a word before it (`中共莒南县`)."""
    body = "2019年度县级预算共安排资金860万元用于莒南县城乡垃圾处理运行经费。"
    facts = title_facts("2019年城乡垃圾处理运行项目绩效评价报告", body, source="县财政局")
    assert facts.department == "莒南县财政局"


@pytest.mark.parametrize(
    "title, department",
    [
        # 处 before 理 and 园 before 林 end no unit's name: the title names a project, then its place
        ("龙南市园林绿化养护经费绩效评价报告", "龙南市"),
        ("莒南县城乡环卫一体化处理运行经费绩效评价报告", "莒南县"),
    ],
)
def test_a_projects_words_after_its_place_are_no_unit(title, department):
    assert title_facts(title).department == department


@pytest.mark.parametrize(
    "body, department",
    [
        # 会同 joining two units, 随 after a date: verbs, no counties (会同县, 随县)
        ("为加强养护管理，县交通运输局会同县财政局组织人员，对2022年公路养护项目开展了绩效评价。", None),
        ("评价小组人员于2017年10月26日随县交通局进行实地查看现场和复核资料。", None),
        # the counties themselves
        ("会同县财政局2022年部门决算说明。会同县财政局主要职责是…", "会同县财政局"),
    ],
)
def test_a_place_whose_name_is_a_verb_is_read_as_the_verb_between_units(body, department):
    assert title_facts("2022年公路养护项目支出绩效评价报告", body).department == department


def test_the_centres_a_unit_lists_as_its_own_are_no_unit_of_the_page():
    """`拥有1个中心、2个试验站，分别为国家某某改良甘肃分中心、…和岷县某某试验站`: the unit's facilities."""
    body = (
        "一、单位职责\n研究所主要从事薯类育种研究。\n二、机构设置\n下设3个课题组，设有1个分中心、2个试验基地，"
        "分别为国家马铃薯改良定西分中心、渭源试验站和漳县试验站。"
    )
    assert title_facts("", body).department is None


def test_a_word_ending_in_局_is_no_unit():
    """`2024年某省共布局12架直升机`: 布局 (a layout), 格局, 全局 end no unit's name."""
    assert title_facts("", "2023年贵州省共布局9架应急救援直升机，航线覆盖各山区县。").department is None
    # an office a government keeps elsewhere is named whole (`…人民政府驻上海办事处`)
    body = "一、部门职责\n西藏自治区人民政府驻成都办事处是自治区人民政府派出机构。"
    assert title_facts("", body).department == "西藏自治区人民政府驻成都办事处"
    # nor 地处 (`巴中市巴州区地处四川省东北部`: is located)
    assert title_facts("", "一、项目概况\n巴中市巴州区地处四川省东北部，全区幅员面积1320平方公里。").department is None


def test_a_units_history_of_names_is_no_renaming_to_its_name_now():
    """`1965年更名为A，1973年更名为B，1997年改称为C`: the history of the unit the report names, never A."""
    body = (
        "现将2024年度遂溪县地方公路局整体支出绩效自评情况报告如下：\n"
        "遂溪县地方公路局的前身组建于1958年，1970年更名为遂溪县道路养护站，1984年更名为遂溪县交通局道路管理站，"
        "2001年改称为遂溪县地方公路局。"
    )
    assert title_facts("", body).department == "遂溪县地方公路局"
    renamed = "二、基本情况\n原示例县档案局于2019年更名为示例县档案馆，以下简称县档案馆。"
    assert title_facts("", renamed).department == "示例县档案馆"


def test_a_finance_bureaus_approval_of_a_units_budget_prints_that_budget():
    assert report_type("雷州市2018年示例镇人民政府部门预算的批复") == "budget"
    assert report_type("关于示例镇2018年部门决算的批复") == "final_accounts"
    assert report_type("关于示例项目立项的批复") == "other"  # any other approval is a notice


def test_column_hints_the_type_only_when_the_title_is_silent():
    assert report_type("示例县水务局2022年度公开说明", column="部门决算") == "final_accounts"
    assert report_type("示例县水务局2022年度部门预算", column="部门决算") == "budget"


@pytest.mark.parametrize(
    "body, department",
    [
        ("填报单位(盖章):庆城县民政局\n单位负责人:某某", "庆城县民政局"),
        (
            "项目名称 道路养护经费\n主管部门 219-郓城县东洼镇人民政府 实施单位 219001-郓城县东洼镇人民政府",
            "郓城县东洼镇人民政府",
        ),
        (
            "按照《凤庆县财政局关于开展2022年度重点评价的通知》要求,县财政局对凤庆县农业农村局实施的农田建设项目开展了重点绩效评价。",
            "凤庆县农业农村局",
        ),
        ("按照县财政局的要求,现将宜君县统计局2022年度“三公”经费支出情况说明如下:", "宜君县统计局"),
        ("目录\n第一部分 阿克陶县审计局概况\n一、主要职能", "阿克陶县审计局"),
        ("江华瑶族自治县林业局(以下简称“县林业局”)是县人民政府工作部门。", "江华瑶族自治县林业局"),
        ("(一)原则\n1.量入为出。\n(二)收支预算\n1.2016年示例师范大学年初部门预算收入为812.40万元", "示例师范大学"),
        ("中共示例市委政策研究室(盖章)\n一、部门、单位基本情况\n(一)部门职能职责", "中共示例市委政策研究室"),
        ("县财政局2022年度对各单位开展评价。", None),  # no place name: not a department we can place
    ],
)
def test_department_from_the_body_when_the_title_names_none(body, department):
    facts = title_facts("2022年度部门整体支出绩效评价自评报告", body_text=body, publisher="某县财政局")
    assert facts.department == (department or "某县财政局")
    assert facts.department_basis == ("body" if department else "publisher")


@pytest.mark.parametrize("section", ["一、绩效目标分解下达情况", "(一)资金安排、分解下达预算和绩效目标情况。"])
def test_a_title_less_text_in_the_transfer_self_evaluation_outline_is_a_project_self_evaluation(section):
    body = f"某省委、省政府历来高度重视粮食安全。现将自评情况报告如下:\n{section}\n中央下达专项资金1000万元。"
    facts = title_facts("", body_text=body)
    assert facts.report_type == "self_eval_project"
    assert facts.department is None  # the leadership the text praises is no unit


def test_a_page_without_title_takes_its_type_from_its_opening_heading():
    facts = title_facts("", body_text="目录\n第二部分 2022年度部门决算情况说明\n一、收入")
    assert facts.report_type == "final_accounts"


@pytest.mark.parametrize(
    "block, published, basis",
    [
        ("著录日期:2023-04-28\n成文日期:2023-04-20", "2023-04-28", "printed"),
        ("发文日期:2023-02-10", "2023-02-10", "printed"),
        ("索 引 号 640421066/2025-00005 发文时间 2025-01-24", "2025-01-24", "printed"),
        ("生成日期:2023-09-21\n公开方式:主动公开", "2023-09-21", "written"),  # the only date the block prints
    ],
)
def test_published_labels_and_the_written_fallback(block, published, basis):
    fields = parse_block(block).fields
    assert (fields["published"], fields["published_basis"]) == (published, basis)


def test_a_forum_software_portals_line_an_empty_cells_next_label_and_a_validity_question():
    fields = parse_block("2022-3-14 09:05| 发布者: 示例县人民政府| 查看: 41| 评论: 0|来自: 示例县政府门户网").fields
    assert (fields["publisher"], fields["published"]) == ("示例县人民政府", "2022-03-14")
    fields = parse_block("索引号: | 发文编号: | |\n是否有效 有效").fields
    assert (fields["index_no"], fields["doc_no"], fields["validity"]) == (None, None, "有效")


def test_a_toolbars_label_glued_to_the_source_an_empty_cell_before_a_category_and_a_glossed_stand_in():
    assert parse_block("信息来源:示例区财政局文字大小:[ ]").fields["publisher"] == "示例区财政局"
    assert parse_block("作者【 【发布时间:2024-09-13】 【来源:   字体【    小").fields["publisher"] is None
    assert parse_block("来源:网友投稿 发布时间:2023-01-02").fields["publisher"] is None  # a sharing site's stand-in
    assert parse_block("来源:互联网 发布时间:2023-01-02").fields["publisher"] is None  # a copied text's
    assert parse_block("发布时间:2013-01-30 20:10 来源: 分享:").fields["publisher"] is None  # the share button
    assert parse_block("日期:2023-09-13 来源:区财政局 打印页面 关闭页面").fields["publisher"] == "区财政局"
    assert parse_block("来源标题:一般公车零更新").fields["publisher"] is None  # a longer label, the headline's
    assert parse_block("部门(单位)总体资金 资 金 来 源 年初预算数(A)").fields["publisher"] is None  # a spaced word
    assert parse_block("发布机构：县财政局 来 源：示例县财政局").fields["publisher"] == "县财政局"
    assert parse_block("本文来源: 示例日报网").fields["publisher"] == "示例日报网"
    assert parse_block("来源:示例日报 张某 李某某").fields["publisher"] == "示例日报"  # the reporters' byline
    assert parse_block("来源：示例署办公厅】").fields["publisher"] == "示例署办公厅"
    assert parse_block("文号: |\n公开类别: 财政信息").fields["doc_no"] is None
    assert parse_block("信息时效性: 有效 文号 :\n2022-04-07 15:25 来源: 示例区林业局").fields["doc_no"] is None
    assert simplified_reading("來(lái)源: 本站原創(chuàng )") == "来源: 本站原创"  # a gloss with a space inside


def test_index_number_label_variant_and_a_glued_author_label():
    assert parse_block("索取号:007123456/2023-00087").fields["index_no"] == "007123456/2023-00087"
    assert parse_block("来源:蓬安县自然资源和规划局作者:财务室").fields["publisher"] == "蓬安县自然资源和规划局"


@pytest.mark.parametrize(
    "title, project",
    [
        ("建水县住房和城乡建设局2022年度城乡环境卫生整治专项经费项目支出绩效自评报告", "城乡环境卫生整治专项经费"),
        ("示例县城管中心2022绩效评价自评报告及评分表（整体支出和信息采集服务费专项支出）", "信息采集服务费"),
        ("2022年度凤庆县高标准农田建设项目财政重点绩效评价报告", "高标准农田建设"),
        # the evaluation's kind is no part of the name, nor is the unit reporting `关于` it
        ("2023年宁陕县残疾人两项补贴事后绩效评价报告", "残疾人两项补贴"),
        ("某省2021年度困难群众救助资金全周期绩效评价报告", "困难群众救助资金"),
        ("三岔镇关于农村改厕建设项目的绩效自评报告", "农村改厕建设"),
        # named before the year, ending like a unit (园) but called a project
        ("宁陕县现代农业产业园项目2022年度绩效自评报告", "现代农业产业园"),
        # the year printed again before the report words
        ("旌德县2024年省级文物保护资金转移支付 2024年度绩效自评报告", "省级文物保护资金"),
        ("乐至县2022年度城乡居民基本医疗保险财政补助资金绩效评价报告", "城乡居民基本医疗保险财政补助资金"),
        ("示例县水务局2022年度部门整体支出绩效自评报告", None),
        ("示例市文旅局2022年度部门预算项目支出绩效自评表（公共文化服务体系建设经费）", "公共文化服务体系建设经费"),
        ("示例市图书馆2022年度项目支出绩效自评报告(2022年免费开放补助资金", "2022年免费开放补助资金"),  # cut short
        # no year: the title opens with the project, unless a unit leads it
        ("乡村少年宫运行补助资金项目自评报告", "乡村少年宫运行补助资金"),
        ("霞浦县创业服务站补助资金项目绩效自评报告", "创业服务站补助资金"),
        ("示例县水务局河道保洁经费项目绩效自评报告", None),
        ("示例市第二中学专项资金绩效自评价报告", None),  # a unit's special funds: the body names the project
        ("示例区水务局2022年度项目支出部门评价报告和绩效自评表(共15个)", None),  # how many, no name
        ("岢岚县2023年度残疾人事业发展补助资金使用情况绩效自评报告", "残疾人事业发展补助资金"),  # not its 使用情况
        # a province by its short name, a league (盟), a fund's 转移支付 after the year: none of the fund's name
        ("广西城乡居民基本养老保险补助资金转移支付2022年度绩效自评报告", "城乡居民基本养老保险补助资金"),
        ("锡林郭勒盟城乡居民基本养老保险补助资金2022年度绩效自评报告", "城乡居民基本养老保险补助资金"),
        ("2021年度新能源公交车运营补助资金转移支付绩效自评报告", "新能源公交车运营补助资金"),
        ("示例县2021年中央食品监管专项转移支付绩效自评报告", "中央食品监管专项转移支付"),  # named by its kind
        # a unit's transfer fund named in brackets before 转移支付; a bond's 执行情况 after 关于
        (
            "示例区应急管理局(中央自然灾害救灾资金—干旱灾害救灾补助)转移支付 2022年度绩效自评报告",
            "中央自然灾害救灾资金—干旱灾害救灾补助",
        ),
        ("关于抗疫特别国债执行情况绩效自评报告", "抗疫特别国债"),
        ("(直达资金)天津市新建光辉路工程项目2020年度绩效自评报告", "新建光辉路工程"),  # a kind of funds tagged first
        # a project in brackets after 转移支付 before a range of years; a fund's 预算执行情况
        ("中央集中彩票公益金转移支付(福彩圆梦•孤儿助学工程项目)2019年-2020年度绩效自评报告", "福彩圆梦•孤儿助学工程"),
        ("2024年普惠金融发展专项资金预算执行情况绩效自评报告", "普惠金融发展专项资金"),
        ("食品监管补助资金区域绩效目标自评表", "食品监管补助资金"),  # a fund's regional form
        ("示例市公证处关于2021年公证服务项目支出部门评价报告", "公证服务"),  # a unit's evaluation of its project
        ("2016年度“科学普及专项资金”绩效评价报告", "科学普及专项资金"),  # a fund named in quotes
        # a self-evaluation in full words (`自我绩效评价`); a unit's `项目资金` names no project
        ("2022年河道治理资金自我绩效评价报告", "河道治理资金"),
        ("示例区农业农村委员会2019年度项目资金重点绩效评价结果", None),
        # a model-essay site's count of the copies it collects is no project (`…自评报告(精选10篇)`)
        ("河道保洁经费绩效自评报告(精选6篇)", "河道保洁经费"),
        ("河道保洁经费绩效自评报告(通用5篇)", "河道保洁经费"),
        # the reporting unit (and its 部门) before the name, `重点` after it
        ("2023年度示例县农业农村局部门农机补贴重点项目支出绩效评价报告", "农机补贴"),
        ("2023年度示例县交通运输局城乡客运补贴项目绩效评价报告", "城乡客运补贴"),
        ("2023年度示例县农业农村局专项资金绩效自评报告", None),  # its special funds: no project named
        ("云南省湿地生态补偿基金财政支出项目绩效评价报告", "湿地生态补偿基金"),  # the old cover's 财政支出 after it
        (
            "中央集中彩票公益金支持社会福利事业资金(第二批)2024年度绩效自评报告",
            "中央集中彩票公益金支持社会福利事业资金",
        ),
    ],
)
def test_the_project_a_report_title_names(title, project):
    assert project_from_title(title) == project


@pytest.mark.parametrize(
    "title, department, basis",
    [
        ("鹿寨县2019年“三公”经费决算情况", "鹿寨县", "title_region"),  # a whole county's figures: the county
        ("鄂州市鄂城区2022年度三公经费决算公开", "鄂州市鄂城区", "title_region"),
        ("示例县2023年“三公”经费预算情况说明", None, None),  # not a place we know
        # a province's fund evaluated, the place after the year or before an evaluation's kind
        ("2020年度河北省农村饮水安全补助资金绩效评价报告", "河北省", "title_region"),
        ("河北省农村饮水安全补助资金事后绩效评价报告", "河北省", "title_region"),
    ],
)
def test_a_place_is_the_subject_of_a_whole_county_report(title, department, basis):
    facts = title_facts(title)
    assert (facts.department, facts.department_basis) == (department, basis)


def test_an_evaluated_unit_in_the_body_comes_before_the_place_in_the_title():
    facts = title_facts(
        "乐至县2022年度城乡居民医疗保险补助资金绩效评价报告",
        body_text="受乐至县财政局委托,我所对乐至县医疗保障局2022年度补助资金开展绩效评价。",
    )
    assert (facts.department, facts.department_basis) == ("乐至县医疗保障局", "body")


@pytest.mark.parametrize(
    ("publisher", "department", "kind"),
    [("包头市财政局", "包头市", "other"), ("包头市教育局", "包头市教育局", "final_accounts")],
)
def test_a_finance_bureaus_untitled_sum_over_its_own_level_is_its_places(publisher, department, kind):
    """`经汇总市本级…` names no place: a finance bureau posting it sums its own city's level."""
    body = "经汇总市本级行政单位、事业单位和其他单位2015年部门决算“三公”经费,市本级“三公经费”支出9,409万元。"
    facts = title_facts("", body_text=body, publisher=publisher)
    assert (facts.department, facts.report_type) == (department, kind)


@pytest.mark.parametrize(
    "publisher, department", [("融安县财政局", "融安县"), (None, "融安县"), ("融安县林业局", "融安县林业局")]
)
def test_a_finance_bureau_page_about_a_place_takes_the_place_its_body_opens_with(publisher, department):
    facts = title_facts(
        "2022年一般公共预算“三公”经费决算执行情况说明",
        body_text="融安县2022年的“三公”经费决算数合计为120.50万元。",
        publisher=publisher,
    )
    assert facts.department == department


def test_a_unit_in_the_body_must_belong_to_the_place_the_title_names():
    body = "全县各部门和县政府办公室共支出“三公”经费820.33万元。"  # 和县 is a county too, but not this one
    assert title_facts("云县2023年“三公”经费决算情况说明", body_text=body).department == "云县"


def test_a_township_named_in_the_body_without_its_county_is_the_department():
    body = "按照区政府关于推进政府信息公开工作的要求,现将石龙镇2022年度“三公”经费决算情况公布如下:"
    facts = title_facts("“三公”经费情况说明", body_text=body)
    assert (facts.department, facts.report_type) == ("石龙镇", "final_accounts")  # one unit's 三公 决算
    assert title_facts("“三公”经费情况说明", body_text=body.replace("石龙镇", "全镇")).department is None


def test_a_body_that_approves_or_allots_the_money_or_a_project_named_by_its_works_is_no_unit():
    assert department_from_body("1.资金安排情况。经南宁市人民政府同意，资金切块下达各县区。") is None
    opening = "2022年中共南宁市青秀区委农村工作领导小组下达衔接资金100万元，全部列入青秀区某村垃圾转运站提升改造项目。"
    assert department_from_body(opening) is None


def test_the_unit_a_section_heading_or_an_organisation_sentence_presents_is_the_department():
    assert department_from_body("第一部分自治区政府接待服务中心概况\n一、主要职能") == "自治区政府接待服务中心"
    assert department_from_body("(二)机构设置\n东风街道办事处内设8个办公室。") == "东风街道办事处"
    # a level word without its place: the unit as its own overview names it, its region left to the portal
    assert department_from_body("第一部分 市博物馆概况\n一、主要职能") == "市博物馆"
    assert department_from_body("全市各博物馆概况良好。") is None  # no heading of its own
    # a park's or cemetery's 管理处 is the unit, not the park
    assert department_from_body("现将情况报告如下:一、项目情况(一)长沙市烈士公园管理处2022年度共有3个项目") == (
        "长沙市烈士公园管理处"
    )
    # a school that says what it is, by its short name (its place's short form names no region on its own)
    assert department_from_body("一、单位情况:\n津市五中是一所义务教育学校,实施初中学历教育。") == "津市五中"
    # a section heading above `我中心内设…` is no part of a unit's name
    assert department_from_body("(二)机构设置及部门决算单位构成\n我中心内设10个部门,其中:办公室、技术部。") is None
    # the maker of the form's template on the cover is not the unit
    cover = "项目名称:村村通维护经费\n填报日期:2025年4月28日\n林芝市财政局制\n2025年\n一、项目基本情况\n"
    assert department_from_body(cover + "自治区每年为林芝市广电局下达村村通维护经费。") == "林芝市广电局"
    # a township's 中心小学校 / 中心卫生院 is not its `…中心`
    assert department_from_body("一、部门概况\n宣汉县南坝镇中心小学校是一所农村完全小学。") == "宣汉县南坝镇中心小学校"
    assert department_from_body("一、部门概况\n宣汉县南坝镇中心卫生院现有职工30人。") == "宣汉县南坝镇中心卫生院"
    # the unit whose duties the 职能职责 section states, as a last resort
    assert department_from_body("一、单位职能职责\n依据章程规定,市政协机关的主要职责是:\n(一)政治协商。") == "市政协"
    assert department_from_body("一、单位职能职责\n(一)负责市政协委员视察的日常工作。") is None
    opening = "一、单位基本情况\n重庆市长寿区图书馆为重庆市长寿区文化和旅游委员会管理的公益一类事业单位,全额拨款。"
    assert department_from_body(opening) == "重庆市长寿区图书馆"  # a unit that says what it is
    # a unit with a second name in brackets keeps it, as the heading prints it
    assert department_from_body("第一部分 永修县博物馆(永修县吴城纪念馆)概况") == "永修县博物馆(永修县吴城纪念馆)"
    # the heading prints the unit's budget code before its name
    coded = "第一部分 203017中共某某县委宣传部网络中心概况\n一、主要职责"
    assert department_from_body(coded) == "中共某某县委宣传部网络中心"


@pytest.mark.parametrize(
    "opening, unit",
    [
        ("本年度使用财政拨款安排中共永福县委组织部信息中心出国团组0个。", "中共永福县委组织部信息中心"),
        ("本年度使用财政拨款安排中共宁乡市委宣传部网络中心公务接待费0.5万元。", "中共宁乡市委宣传部网络中心"),
    ],
)
def test_a_unit_of_a_party_committees_department_is_named_whole_not_cut_at_the_committee(opening, unit):
    assert department_from_body(opening) == unit


def test_an_office_the_unit_lists_as_its_own_is_no_department():
    opening = (
        "(一)部门机构设置、职责\n中国民主同盟示例市委员会机关下设办公室、组织处、社会服务处3个处(室)。"
        "办公室主要负责行政事务。社会服务处是市委履行参政党职能的社会实践工作部门。"
    )
    assert department_from_body(opening) == "中国民主同盟示例市委员会"


def test_a_hunan_forms_own_name_row_names_its_department_without_a_place():
    assert department_from_body("预算部门名称 |\n财政金融部 |\n||||\n年度资金总额 |") == "财政金融部"  # a cell per line
    assert department_from_body("预算部门名称 | 财政金融部 |\n年度资金总额 | 1397.90 |") == "财政金融部"
    assert department_from_body("主管部门 | 财政金融部 |") is None  # any other unit label needs a place


def test_a_cover_forms_full_name_is_the_department_not_the_forms_maker():
    cover = "评价类型:项目实施过程评价\n部门(单位)全称:张三营镇人民政府 (公章)\n隆化县财政局制\n一、部门基本情况"
    assert department_from_body(cover) == "张三营镇人民政府"


def test_a_cited_documents_issuer_or_a_projects_head_unit_is_no_department():
    cited = "根据《浙江省地方政府专项债券项目资金绩效管理办法》要求,我局开展了自评。"
    assert department_from_body(cited) is None
    assert department_from_body("项目名称\n自评分数\n绍兴市柯桥区某某医院建设工程\n92") is None
    assert department_from_body("现将绍兴市柯桥区卫生健康局2023年度自评情况报告如下") == "绍兴市柯桥区卫生健康局"


def test_a_title_less_project_form_is_a_project_self_evaluation():
    body = "附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 示例镇人民政府"
    assert title_facts("", body_text=body).report_type == "self_eval_project"


def test_a_title_less_evaluation_is_typed_by_its_maker_or_its_scored_indicator_table():
    commissioned = "根据《预算绩效管理办法》的规定,受某县财政局委托,我公司对该项目开展了财政重点绩效评价。"
    assert title_facts("", body_text=commissioned).report_type == "external_evaluation"
    form_tail = "产出指标 数量指标 发放人数=40人 30 30 合计 100 98 评价结论 按时足额发放。"
    assert title_facts("", body_text=form_tail).report_type == "self_eval_project"
    targets = "部门预算绩效目标表\n产出指标 数量指标 发放人数 指标值 40人\n本年度预算安排项目支出20万元。"
    assert title_facts("", body_text=targets).report_type == "budget"  # targets, nothing scored


def test_a_budget_unit_says_nothing_of_the_report_type():
    body = (
        "(二)机构设置\n沅江市琼湖街道办事处内设6个办公室。\n(三)单位构成\n从预算单位构成看,本部门2023年度预算编制时"
        "无二级预算单位。\n二、部门决算情况说明\n1.总体情况。"
    )
    facts = title_facts("", body_text=body)
    assert (facts.report_type, facts.department) == ("final_accounts", "沅江市琼湖街道办事处")


@pytest.mark.parametrize(
    "title, body, field, expected",
    [
        (  # the budget its notice (cited in 《》) and its object (`部门预算整体支出`) name is no budget report
            "",
            "根据《示例区财政局关于做好2022年度预算绩效自评工作的通知》,我单位对2022年部门预算整体支出进行了绩效评价,"
            "自评得分为94分,现将情况报告如下:\n一、基本情况",
            "report_type",
            "self_eval_department",
        ),
        (  # a place's title over its finance bureau's sum: the place's figures
            "弥勒市2016年度“三公”经费决算支出情况说明",
            "经弥勒市财政局汇总,弥勒市2016年“三公”经费决算支出包含本级行政单位、事业单位,具体情况如下:",
            "department",
            "弥勒市",
        ),
        (  # a ministry opening a news copy's lead after its dateline
            "",
            "【本报记者某某北京22日电】国家环保部昨日发布「三公经费」情况说明。数据显示,该部去年预算总额26万元。",
            "department",
            "国家环保部",
        ),
        (  # a vocational school named only in its overview heading and its sentences
            "",
            "一、示例县职业中专概况\n(一)主要职能\n培养技能人才。\n二、示例县职业中专2017年部门预算安排情况说明",
            "department",
            "示例县职业中专",
        ),
        (  # a school named in its report's section heading, not the `中国中小学校` of an award's `…校园影视评比`
            "2016年度区级部门决算公开",
            "第一部分 部门概况\n取得第十三届中国中小学校园影视评比一等奖。\n第二部分 示例桥初中2016年度部门决算表",
            "department",
            "示例桥初中",
        ),
        (  # a copy that blanked out the place (`XX市…`) names no unit
            "XX市第一幼儿园2015年度部门决算公开说明",
            "XX市第一幼儿园隶属于XX市教育局。",
            "department",
            None,
        ),
        (  # a budget whose title has no year, its introduction citing the year before's actuals
            "示例县人民检察院部门预算公开说明",
            "一、部门基本情况\n内设机构8个。2022年度部门决算支出总计1210.50万元。\n二、收支预算总体情况\n"
            "2023年收入预算总计1320.40万元。",
            "fiscal_year",
            2023,
        ),
        (  # a unit saying its budget holds only its own level
            "",
            "目 录\n第一部分 2025年部门预算说明\n一、单位构成\n示例镇人民政府只有本级,没有其他预算单位。",
            "department",
            "示例镇人民政府",
        ),
    ],
)
def test_what_the_body_says_of_the_unit_and_the_report(title, body, field, expected):
    assert getattr(title_facts(title, body_text=body), field) == expected


def test_a_title_less_text_reporting_spending_after_the_budget_is_a_决算():
    body = "水利部2012年度“三公经费”财政拨款预算3,288.60万元，全年支出决算3,120.40万元。"
    assert title_facts("", body_text=body).report_type == "final_accounts"


def test_a_cited_rule_on_预决算公开_says_nothing_of_the_report_type():
    body = "根据《预决算公开操作规程》的规定,经市财政局汇总,2025年全市“三公”经费预算总额为1969万元。"
    assert title_facts("", body_text=body).report_type == "budget"


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("经江山市财政局汇总，2022年江山市各部门“三公”经费决算总额1856万元。", "other"),
        ("经江山市财政局汇总，2024年全市各单位“三公”经费预算总额1620万元。", "budget"),
        # spending measured against the budget (`比预算数减少…`) is an actual
        ("经江山市财政局汇总，2017年江山市本级“三公”经费支出总额为1825万元，比预算数减少188万元。", "other"),
    ],
)
def test_a_finance_bureau_summary_of_a_whole_place_is_about_the_place(sentence, kind):
    facts = title_facts("", body_text="根据省财政厅关于预算信息公开的要求，" + sentence)
    assert (facts.department, facts.fiscal_year, facts.report_type) == ("江山市", int(sentence[10:14]), kind)


@pytest.mark.parametrize(
    "site, department",
    [
        ("欢迎来到桃源县政协网站！", "桃源县政协"),
        ("桃源县人大常委会网站", "桃源县人大常委会"),
        ("欢迎访问桃源县人民政府门户网站", None),  # a government portal names no department
    ],
)
def test_a_site_of_its_own_names_the_unit_a_page_names_nowhere_else(site, department):
    assert title_facts("部门整体支出绩效评价报告", site=site).department == department


def test_a_title_less_text_reporting_actual_spending_is_a_final_account_though_it_cites_the_budget_first():
    body = "2022年度“三公”经费支出预算为18.60万元，2022年实际支出“三公”经费决算为12.35万元。"
    assert title_facts("", body_text=body).report_type == "final_accounts"
    assert title_facts("", body_text="2024年“三公”经费预算为16万元，比上年减少2万元。").report_type == "budget"


@pytest.mark.parametrize(
    "opening, year",
    [
        ("2024 年本年一般公共预算基本支出 734218.60 元", 2024),
        ("经汇总，2023年一般公共预算“三公”经费支出预算为14.01万元", 2023),
        ("比2022年预算相比增长16.75%", None),
    ],
)
def test_the_year_a_title_less_fragment_opens_its_sections_with(opening, year):
    assert fiscal_year("", opening)[0] == year


def test_a_form_titled_by_its_projects_name_is_a_project_self_evaluation():
    assert report_type("办公楼维修改造经费 绩效自评表(修改)") == "self_eval_project"


def test_a_title_without_its_place_takes_the_full_name_the_body_prints():
    body = "黄石港区水利和湖泊局2022年部门决算公开\n第一部分：黄石港区水利和湖泊局概况"
    assert title_facts("水利和湖泊局2022年决算公开", body).department == "黄石港区水利和湖泊局"
    assert title_facts("水利和湖泊局2022年决算公开", "本局2022年收入合计12万元。").department == "水利和湖泊局"


@pytest.mark.parametrize(
    ("owner", "department"),
    [
        ("红河州康复医院 红河州儿童医院", "红河州康复医院"),
        ("红河州人民政府办公室", None),  # a portal's owner names no department
    ],
)
def test_a_text_copy_naming_its_unit_nowhere_else_takes_the_owner_its_footer_names(owner, department):
    rows = "".join(f"其他收入{k} | {k} | 5200.00\n" for k in range(40))  # the footer far below the opening
    body = f"2022年财务收支情况\n{rows}版权所有:{owner}\n备案号:滇ICP备1号"
    assert title_facts("", body).department == department


@pytest.mark.parametrize(
    ("body", "department"),
    [
        ("本报告依据红河州红十字会本级财务收支编制。\n2021年,红河州红十字会本级政府拨款收入90万元。", "红河州红十字会"),
        ("2021年,红河州慈善总会全年慈善资金收入120万元。", "红河州慈善总会"),
    ],
)
def test_societies_are_units_and_a_government_grant_ends_no_name(body, department):
    assert title_facts("", body).department == department


def test_a_cover_whose_pdf_text_breaks_the_units_name_with_a_space_names_the_unit():
    body = "西宁市城中区示例路 社区公共服务中心 2019年度部门决算 1 目录 第一部分 部门概况\n本级单位年末核定编制人数5人"
    assert title_facts("", body).department == "西宁市城中区示例路社区公共服务中心"


@pytest.mark.parametrize(
    ("title", "body", "department", "region"),
    [
        ("", "一、基本情况\n中国民主建国会红河州委员会(简称:民建红河州委)是…", "中国民主建国会红河州委员会", "532500"),
        ("民盟红河州委会2021年部门预算", "一、民盟红河州委会概况", "民盟红河州委会", "532500"),
        ("?????渠县示例镇人民政府2022年部门预算", "", "渠县示例镇人民政府", "511725"),  # lost characters
        ("", "现将2022年部门预算公开如下。甘谷县示例学区的主要职能是实施义务教育。", "甘谷县示例学区", "620523"),
    ],
)
def test_bodies_named_before_their_place_lost_characters_and_school_districts(title, body, department, region):
    facts = title_facts(title, body)
    assert (facts.department, name_region(facts.department)) == (department, region)


def test_a_township_that_counts_its_subordinate_units_presents_itself():
    body = "一、主要职能\n负责全乡经济社会发展。\n二、机构设置\n示例彝族乡人民政府下属二级预算单位0个,其中行政单位5个。"
    assert title_facts("", body).department == "示例彝族乡人民政府"


@pytest.mark.parametrize(
    ("body", "department"),
    [
        ("现将2021年部门决算公开如下:\n一、示例镇卫生院基本概况\n(一)主要职能\n承担全镇基本医疗。", "示例镇卫生院"),
        ("一、单位概况(一)单位职能银川市示例公园于2009年成立,隶属于银川市林业局,为事业单位。", "银川市示例公园"),
    ],
)
def test_a_units_basic_overview_heading_and_a_park_that_belongs_to_a_bureau(body, department):
    assert title_facts("", body).department == department


def test_the_parent_a_unit_belongs_to_is_not_the_unit():
    body = "一、部门概况\n黄石市示例检测所始建于1960年,是黄石市示例管理局下设的具有法人资格的检测机构。"
    assert title_facts("", body).department == "黄石市示例检测所"


def test_a_title_less_text_takes_its_year_and_kind_from_the_report_it_announces():
    body = "示例县指挥部:\n根据有关文件精神,现将2024年示例县某镇社区产业设施配套项目绩效目标自评报告如下:\n一、绩效目标"
    facts = title_facts("", body)
    assert (facts.fiscal_year, facts.report_type) == (2024, "self_eval_project")


@pytest.mark.parametrize(
    ("title", "project"),
    [
        ("优抚对象生活补助经费转移支付2023年度绩效自评报告", "优抚对象生活补助经费"),
        ("文山州公共资源交易中心2022年度绩效自评报告", None),  # a unit's report
        ("岳阳县财政支出项目绩效评价自评报告", None),  # a template's words
        ("浙江舟山财政支出项目绩效评价报告", None),  # also after a province and a short city name
        ("岳阳市南湖新区财政支出项目绩效评价自评报告(优抚)", "优抚"),  # the project in brackets
        ("示例县民政局2022年度绩效自评报告", None),
    ],
)
def test_a_project_named_before_the_reports_year(title, project):
    assert project_from_title(title) == project


def test_a_public_budget_fund_named_in_an_account_is_no_budget_report():
    body = "2021年,红河州红十字会实现财务收入90万元。其中政府拨款收入80万元,均为公共预算收入。"
    assert title_facts("", body).report_type == "other"


def test_a_unit_named_short_in_a_title_less_body_takes_the_full_name_printed_further_on():
    body = (
        "根据州财政局通知，现将聋哑学校单位2016年部门预算公开如下。\n一、基本情况\n（一）主要职能\n"
        "红河州聋哑学校是一所寄宿制学校。\n（二）机构设置\n聋哑学校下设3个处室。"
    )
    assert title_facts("", body).department == "红河州聋哑学校"


@pytest.mark.parametrize(
    ("title", "department"),
    [
        ("", "河口瑶族自治县示例中学"),  # the prose's short place, the caption's official one: the official name
        # a title's short form too: one canonical name per unit, titled or not
        ("河口县示例中学2023年度部门决算", "河口瑶族自治县示例中学"),
    ],
)
def test_a_unit_the_prose_names_by_its_autonomous_countys_short_form_takes_the_captions_official_name(
    title, department
):
    body = (
        "第一部分 部门概况\n河口县示例中学是一所九年一贯制学校。\n河口县示例中学为全额拨款事业单位，现有教职工40人。\n"
        "单位:河口瑶族自治县示例中学 | 2023年度 | 金额单位:万元 |"
    )
    assert title_facts(title, body).department == department


@pytest.mark.parametrize(
    ("title", "body", "department", "kind"),
    [
        ("某市40个部门公布“三公经费” (3)", "  市林业局\n  市林业局2010年“三公经费”决算…", "市林业局", "final_accounts"),
        ("", "本市市级“三公经费”决算总额…\n市档案局\n\n市档案局昨天公布…", "市档案局", "final_accounts"),
        ("示例县林业局2010年“三公经费”决算", "…\n示例县水务局\n示例县水务局2010年…", "示例县林业局", "final_accounts"),
        ("昆明市40个部门公布“三公经费” (3)", "市林业局\n2010年决算数…", "昆明市", "other"),  # no section: no name again
    ],
)
def test_a_round_up_of_units_is_filed_under_the_unit_of_its_first_section(title, body, department, kind):
    facts = title_facts(title, body)
    assert (facts.department, facts.report_type) == (department, kind)


@pytest.mark.parametrize(
    ("title", "body", "department"),
    [
        ("青川文化馆关于2016年“三公”经费决算的说明", "青川县文化馆财政拨款“三公”经费…", "青川县文化馆"),
        ("旌德县人大办2019年度“三公”经费决算", "旌德县人大办公室机关开支…", "旌德县人大办公室"),
        ("旌德县政协办2019年度部门决算", "旌德县政协办公楼维修…", "旌德县政协办"),  # a building, no unit
        ("旌德县人大办2019年度“三公”经费决算", "县人大办公室机关开支…", "旌德县人大办"),
        ("阿坝州九寨沟示例站部门决算报告", "阿坝州九寨沟县示例站是…事业单位", "阿坝州九寨沟县示例站"),  # a county
        ("民盟丽水市委会2015年部门预算", "民盟丽水市委员会是隶属于…", "民盟丽水市委员会"),
        ("民进常州市委2016年部门预算", "中国民主促进会常州市委员会是…", "民进常州市委"),  # a party's name as printed
        # a file-name title naming only the league: the full name its body prints
        (
            "中国共产主义青年团2021年度部门整体支出绩效评价报告",
            "中国共产主义青年团邵东市委员会 2021 年度部门整体支出…",
            "中国共产主义青年团邵东市委员会",
        ),
        # unless the body declares the title's name its short form
        (
            "民进无锡市委2016年度决算公开",
            "中国民主促进会无锡市委员会(简称民进无锡市委)是…",
            "中国民主促进会无锡市委员会",
        ),
        ("鼎城区教育局(乡镇学校)2018年度部门决算公开", "", "鼎城区教育局(乡镇学校)"),  # the part that reports
        ("示例县水利局(防汛专项资金)2018年度绩效自评", "", "示例县水利局"),  # a fund qualifies, and goes
    ],
)
def test_a_title_that_shortens_a_name_takes_the_full_form_the_body_prints(title, body, department):
    assert title_facts(title, body).department == department


@pytest.mark.parametrize(
    ("title", "body", "department"),
    [
        ("垫江县本级 2022年度 “三公”经费决算汇总说明", "联系单位：垫江县财政局预算科", "垫江县"),
        ("2016年湖南省级三公经费公开", "经湖南省财政厅汇总，湖南省本级部门…", "湖南省"),
        ("迪庆州州本级2021年度“三公”经费决算支出情况说明", "迪庆州财政局对州本级…进行统计汇总…", "迪庆州"),
        ("江西公布2013年省级“三公”经费 支出合计3.86亿元", "记者从江西省财政厅获悉…", "江西省"),
        # a province by its short form alone: its official name, printed or not
        ("江西公布2013年省级“三公”经费 支出合计3.86亿元", "记者从省财政厅获悉…", "江西省"),
        ("广西首次公开省级“三公”经费决算", "本报讯 记者从自治区财政厅获悉，我区今天公布了…", "广西壮族自治区"),
        # an autonomous county by the short form that keeps its kind
        ("酉阳自治县2023年度城乡医疗救助补助资金绩效自评报告", "", "酉阳自治县"),
        ("云南省32个省级部门公开“三公经费”", "省财政厅厅长张某向省人大常委会报告…", "云南省"),
        ("审计署去年公车花费1229万", "", "审计署"),
        ("", "昨天，山东省向社会公布了2013年省级“三公”经费决算总额。", "山东省"),
    ],
)
def test_a_page_about_a_whole_place_takes_the_place(title, body, department):
    assert title_facts(title, body).department == department


@pytest.mark.parametrize("source", ["江南日报", "中国新闻网", "山东广播电视台新闻中心", "新京报", "都市报", "中新社"])
def test_a_news_outlet_is_never_the_department(source):
    assert title_facts("某某动态", "本报讯 2011年有关情况如下。", source=source).department is None


def test_a_whole_place_page_that_speaks_of_its_budget_only_is_a_budget():
    body = "经示例省财政厅汇总，云南省本级部门2016年“三公”经费预算为4.4亿元，其中公务接待费2.04亿元。"
    facts = title_facts("2016年云南省级三公经费公开", body)
    assert (facts.department, facts.report_type) == ("云南省", "budget")
    actual = title_facts("2016年云南省级三公经费公开", body.replace("预算为", "决算数为"))
    assert actual.report_type == "other"


def test_a_text_that_measures_spending_against_the_initial_budget_is_a_final_account():
    body = "一、“三公”经费支出情况。本部门“三公”经费支出2.05万元。二、“三公”经费财政拨款支出与年初预算对比情况。"
    assert title_facts("", body).report_type == "final_accounts"


def test_a_central_body_is_a_department_when_no_local_unit_is_named():
    news = "中新网7月17日电 中国地质调查局2014年度部门决算今天公布，数据显示，该局“三公”经费支出1.5亿元。"
    assert title_facts("", news).department == "中国地质调查局"
    local = "根据国家发展改革委的要求，现将云县水务局2022年度部门决算公开如下。"
    assert title_facts("", local).department == "云县水务局"


@pytest.mark.parametrize(
    ("opening", "department"),
    [
        ("1、1雨湖区姜畲中心校 2018 年部门预算说明一、部门职能职责1、组织教育经费", "雨湖区姜畲中心校"),
        ("现将云县疾病预防控制中心2022年度部门决算公开如下。", "云县疾病预防控制中心"),
        ("按照国家政策规定安排各学校的经费，2019年预算收入41926.94万元。", None),
    ],
)
def test_a_unit_named_in_the_opening_is_read_whole(opening, department):
    assert title_facts("", opening).department == department


def test_the_unit_whose_contacts_close_a_fragment_is_its_department():
    text = "公务接待费主要用于接待上级单位业务指导和工作调研。" * 30  # the contacts close a long report
    body = f"一、2013年“三公”经费财政拨款支出决算表\n{text}\n联系方式:宁国市交通运输局政务公开电子邮箱:x@example.com"
    assert department_from_body(body) == "宁国市交通运输局"
    assert department_from_body(body.replace("宁国市交通运输局", "本局")) is None


@pytest.mark.parametrize(
    "printed, title",
    [
        ("360035柳州市示例幼儿园2023年单位预算公开说明", "柳州市示例幼儿园2023年单位预算公开说明"),
        ("2023年单位预算", "2023年单位预算"),
    ],
)
def test_a_unit_code_glued_before_the_title_is_no_part_of_it(printed, title):
    assert normalise_title(printed) == title


def test_a_三公_scope_statement_naming_the_部门预算_is_no_budget():
    body = (
        "一、省示例厅公开“三公经费”的范围\n根据预算管理有关规定，省示例厅部门预算中使用财政拨款开支因公出国(境)费的单位包括本级。\n"
        "二、省示例厅2011年一般预算财政拨款安排的“三公经费”支出情况\n2011年，省示例厅“三公经费”支出535.81万元。"
    )
    assert title_facts("", body_text=body).report_type == "final_accounts"


def test_a_standing_committee_is_read_whole():
    body = "本单位的单位性质为行政单位，经费管理方式为全额财政拨款。西乡塘区人大常委会下设办公室、财政经济委员会。"
    assert department_from_body(body) == "西乡塘区人大常委会"


@pytest.mark.parametrize(
    "body, unit",
    [
        ("目录\n一、中共西湖区委老干部局概况\n(一)主要职能", "中共西湖区委老干部局"),  # a numbered overview heading
        ("根据《关于印发<职能配置规定>的通知》，北京广播电视台内设16个职能部室和8个事业中心。", "北京广播电视台"),
        ("二、部门决算单位构成\n朝阳市广播电视台是财政一级预算单位，由本台独立构成。", "朝阳市广播电视台"),
        ("二、部门决算单位构成\n朝阳广播电视台是财政一级预算单位，由本台独立构成。", "朝阳广播电视台"),  # place unsure
        ("(二)机构设置\n示例镇人民政府设置机构为：党政综合办公室、财政所、农业综合服务中心。", "示例镇人民政府"),
    ],
)
def test_a_unit_that_presents_its_own_structure_or_budget_level_is_the_department(body, unit):
    assert department_from_body(body) == unit


def test_a_party_committees_bureau_is_read_whole():
    body = "根据职责，纳入昌吉州党委老干部局2017年部门决算编制范围的有局办公室、离退休科。"
    assert department_from_body(body) == "昌吉州党委老干部局"


def test_a_cms_update_time_is_the_publication_date_when_nothing_else_is_printed():
    fields = parse_block("作者:示例小学更新时间:2018-08-21 15:45点击量:0").fields
    assert (fields["published"], fields["published_time"]) == ("2018-08-21", "15:45")
    assert parse_block("发布日期：2018-08-20\n更新时间：2018-08-21").fields["published"] == "2018-08-20"


@pytest.mark.parametrize(
    "body, unit",
    [
        (  # the authority the text invokes is no unit
            "(一)职能职责\n根据涪陵区机构编制委员会相关文件，重庆市涪陵区示例发展中心为全额拨款事业单位。",
            "重庆市涪陵区示例发展中心",
        ),
        ("二、部门决算单位构成\n作为安徽省教育厅所属高校，为二级预算单位。", None),  # a description, no name
        ("现将共青团中央2011年部门预算批复情况公布如下。", "共青团中央"),
        (  # the one unit its budget takes in, named after a long list of duties
            "一、主要职责\n"
            + "负责示例救助工作；" * 70
            + "\n二、单位构成\n纳入2020年部门预算编制范围的预算单位为祁东县示例管理站。",
            "祁东县示例管理站",
        ),
        ("目录\n第一部分:自治区烈士陵园(广西革命纪念馆)概况\n", "自治区烈士陵园(广西革命纪念馆)"),  # with its alias
        (  # a body the unit works for is no unit; its own 本级 in the list of its budget units is
            "一、主要职责\n(一)承担抚顺仲裁委员会日常事务性工作。\n二、部门决算单位构成\n1.抚顺市示例服务中心本级。\n",
            "抚顺市示例服务中心",
        ),
    ],
)
def test_authorities_and_descriptions_are_no_units(body, unit):
    assert department_from_body(body) == unit


def test_a_scope_note_in_brackets_is_no_part_of_the_units_name():
    title = normalise_title("锡林郭勒盟文物保护管理站(包括锡盟博物馆)关于2015年部门决算情况")
    assert department_from_title(title) == "锡林郭勒盟文物保护管理站"


@pytest.mark.parametrize(
    "body, unit",
    [
        ("二、部门预算单位构成\n从单位构成看，区政协包括办公室、提案委员会。", "区政协"),
        ("二、部门预算单位构成\n根据上述主要职责，区接待办公室不设二级机构。", "区接待办公室"),
        ("二、部门预算单位构成\n本部门不设二级机构。", None),
        ("一、“三公”经费支出情况\n2016年，市人大“三公”经费预算为168.53万元。", "市人大"),  # the 三公 statement's unit
        ("县本级“三公”经费支出12万元。", None),  # a level's sum, no unit
        ("二、机构设置\n纳入国土资源局部门预算编制范围的单位共9个：", "国土资源局"),  # whose budget takes in units
    ],
)
def test_a_unit_its_own_composition_names_by_a_bare_level_word_is_the_last_resort(body, unit):
    assert department_from_body(body) == unit


def test_a_charter_speaking_of_a_kind_of_body_names_no_unit():
    body = "一、主要职能 政协章程规定，政协全国委员会和各级地方委员会的主要职能是政治协商、民主监督、参政议政。"
    assert department_from_body(body) is None


def test_a_body_that_requires_something_of_others_names_no_unit():
    body = "减少的原因是2011年预算上报后，中国国务院要求各中央国家机关统一再压缩2%。"
    assert department_from_body(body) is None


@pytest.mark.parametrize(
    "body, unit",
    [
        ("三、机构设置\n示例幼儿园内设行政办公室、教研部门、后勤部门。", "示例幼儿园"),  # a line on its own structure
        ("我院为达州市民政局下属公益一类事业单位，人员编制24人。", None),  # the parent body is no unit
        ("达州市示例福利院隶属于达州市民政局，是公益一类事业单位。", "达州市示例福利院"),
        (
            "(一)机构设置\n广东省示例联合会是参照公务员管理的人民团体，设有五个直属单位：广东省示例职业技术学校、广东省示例中心。",
            "广东省示例联合会",
        ),
        ("鄂州市示例中心中心为公益一类事业单位，共设5个科室。", "鄂州市示例中心"),  # a typo's doubled suffix
    ],
)
def test_the_unit_that_presents_itself_and_not_its_parent_or_subordinate(body, unit):
    assert title_facts("", body_text=body).department == unit


def test_a_youth_palace_is_a_unit_a_title_can_name():
    assert department_from_title("重庆市万州区青少年宫2023年度决算公开说明") == "重庆市万州区青少年宫"


def test_a_units_决算基本情况说明_is_its_final_accounts():
    assert title_facts("2016年广东粤剧院决算基本情况说明").report_type == "final_accounts"


def test_a_units_决算报告_is_its_final_accounts():
    assert title_facts("2021年淄博理工学校决算报告").report_type == "final_accounts"


@pytest.mark.parametrize(
    "title, kind",
    [
        ("示例街道社区卫生服务中心2021年预算", "budget"),
        ("示例区文化局2015年度决算", "final_accounts"),
        ("示例县2021年预算", "other"),
    ],
)
def test_a_units_title_ending_in_its_year_and_stage_names_its_report(title, kind):
    assert title_facts(title).report_type == kind


def test_a_title_opening_with_a_bare_year_and_a_units_overview_and_report():
    facts = title_facts("2015晋中市紧急医疗救援中心概况及决算情况说明")
    assert (facts.department, facts.fiscal_year, facts.report_type) == (
        "晋中市紧急医疗救援中心",
        2015,
        "final_accounts",
    )


def test_the_所_of_部门所属_ends_no_units_name():
    body = "2024年上犹县史志研究室部门所属预算单位共有1个，包括：上犹县史志研究室单位(独立核算)。"
    assert department_from_body(body) == "上犹县史志研究室"


def test_a_unit_that_says_what_it_is_after_a_heading_sentence():
    body = "一、部门情况\n1.部门机构设置情况。通州区红十字会为区政府直接联系的独立设置的群众团体，机构为正处级单位。"
    assert department_from_body(body) == "通州区红十字会"


def test_a_unit_heading_its_own_organisation_is_the_department():
    body = "一、主要职能\n负责全镇经济社会发展。\n示例镇人民政府机构设置情况：示例镇政府(本级)、示例镇林业站。"
    assert department_from_body(body) == "示例镇人民政府"


def test_a_subtitle_after_a_dash_that_names_the_report_stays_in_the_title():
    from pipelines.title import printed_title

    assert printed_title("某旗2020年度部门决算情况说明—三公经费") == "某旗2020年度部门决算情况说明—三公经费"
    assert printed_title("某旗2020年度部门决算情况说明_某旗人民政府网") == "某旗2020年度部门决算情况说明"
    assert printed_title("【财政决算】某区博物馆2017年度部门决算") == "某区博物馆2017年度部门决算"  # a column's tag
    assert printed_title("下载安装Flash播放器某局2011年部门预算") == "某局2011年部门预算"  # an old site's player notice
    assert printed_title("附件2:某区水务局2022年度项目支出部门评价报告.pdf") == "某区水务局2022年度项目支出部门评价报告"
    assert printed_title("2021年度部门决算公开说明-堤防处.pdf") == "2021年度部门决算公开说明-堤防处"  # the unit's name
    assert printed_title("2022年档案保护经费绩效自评表 -.xls") == "2022年档案保护经费绩效自评表"  # a dash left
    assert printed_title("附件【某市某局2020年三公经费公开表.xls】") == "某市某局2020年三公经费公开表"  # attached


def test_a_place_wide_title_opening_with_关于_names_its_place():
    from pipelines.page import parse_plaintext

    page = parse_plaintext(
        "关于汉阳区2013年“三公”经费决算支出情况说明\n\n此次公开的我区2013年“三公”经费支出总数为5,572万元。"
    )
    assert page.title == "关于汉阳区2013年“三公”经费决算支出情况说明"
    assert title_facts(page.title, page.body.text).department == "汉阳区"


def test_a_title_counting_several_projects_names_none():
    from pipelines.title import project_from_title

    assert project_from_title("某县2021年10个重点项目绩效评价报告公开") is None
    assert project_from_title("2022年度某县高标准农田建设项目财政重点绩效评价报告") == "某县高标准农田建设"


@pytest.mark.parametrize(
    "opening, unit",
    [
        # a provincial department (…厅) named after the rules it follows
        (
            "根据《财政部关于开展2024年度中央对地方转移支付预算执行情况绩效自评工作的通知》有关规定，"
            "广西壮族自治区住房和城乡建设厅、财政厅认真组织开展了2024年度补助资金绩效自评工作。",
            "广西壮族自治区住房和城乡建设厅",
        ),
        # a title-less text whose unit presents itself in its 机构设置 section by its establishment, past the opening
        (
            "一、基本职能及主要工作\n(一)部门主要职责\n"
            + "人民法院是国家的审判机关，依法独立行使审判权。" * 30
            + "\n(二)机构设置情况 禄丰县人民法院现有政法专项编制91人，实有人员83人。",
            "禄丰县人民法院",
        ),
        # a form's unit that carried out the project, not the bureau in charge named before it
        ("项目名称 | 图书馆免费开放 |\n主管部门 | 黄石市文化和旅游局 | 项目实施单位 | 黄石市图书馆 |", "黄石市图书馆"),
        # a ministry only cited or allotting the money is no unit
        ("根据《财政部关于开展绩效自评工作的通知》要求，现将自评情况报告如下。财政部下达我区救灾资金3431万元。", None),
    ],
)
def test_the_unit_a_fund_reports_opening_names(opening, unit):
    assert department_from_body(opening) == unit


def test_a_news_copy_about_a_regions_own_level_by_its_short_name_is_the_regions():
    """`新疆本级` (a news outlet as 来源): the region, by the official name its body prints."""
    body = "2012年，新疆维吾尔自治区本级部门公共预算财政拨款“三公”经费支出总额为8.44亿元。"
    facts = title_facts("2012年新疆本级“三公”经费支出8.44亿 只减不增态势", body_text=body, source="人民网")
    assert facts.department == "新疆维吾尔自治区"


@pytest.mark.parametrize(
    "title, body, department",
    [
        ("科技部2014年部门决算", "截至年底，科学技术部机关及所属单位共有…", "科学技术部"),  # spelt out further on
        ("住建部2014年部门决算", "一、部门职责\n住房和城乡建设部主要职责是…", "住房和城乡建设部"),
        ("外交部2014年部门决算", "对外交往是外交部的本职工作的一部分。", "外交部"),  # a phrase going on from it
    ],
)
def test_a_ministrys_short_name_takes_the_full_form_the_body_prints_not_a_phrase(title, body, department):
    assert title_facts(title, body_text=body).department == department


def test_a_news_item_on_a_citys_own_level_is_the_citys_not_the_bureau_the_reporter_asked():
    body = (
        "来源:某某网\n记者日前从济宁市财政局了解到，济宁市公开了2016年市级“三公”经费预算。\n"
        "据介绍，2016年济宁市本级“三公”经费预算总额为1.52亿元，各部门的预算另行公开。"
    )
    facts = title_facts("济宁“三公”预算1.52亿元 同比有所压减", body_text=body, source="某某网")
    assert facts.department == "济宁市"


def test_the_body_a_report_is_submitted_to_is_not_the_unit_of_a_title_less_text():
    body = (
        "8月10日，已提交沭阳县人大常委会审议预算的30个部门在网站公开了2023年部门决算。\n"
        "其中，沭阳县水务局2023年“三公”经费支出12.4万元。"
    )
    assert title_facts("", body_text=body).department == "沭阳县水务局"


@pytest.mark.parametrize(
    "title, body, kind",
    [
        (  # a firm's team made it
            "",
            "根据有关文件精神，示例会计师事务所有限责任公司绩效评价工作组于9月对示例市民政局2023年度部门整体支出"
            "情况进行了绩效评价。现将有关情况报告如下：\n一、部门概况",
            "external_evaluation",
        ),
        (  # the unit wrote it
            "示例县水利局2023年度河道治理专项资金绩效评价报告",
            "一、专项资金基本情况\n二是项目单位组织本次绩效评价相关资料，根据综合意见形成自评报告。",
            "self_eval_project",
        ),
        ("示例县经信局2024年“三公经费”预算对比增减说明", "2024年三公经费预算拨入12万元。", "budget"),
        (  # an evaluation titled by its year alone whose text opens with its project's money
            "2020年度绩效评价",
            "发布日期:2022-09-05 来源:县文旅局\n项目全年预算数为320万元,执行数为304万元,完成预算的95%。",
            "self_eval_project",
        ),
        (  # the unit says it evaluated itself
            "示例区统计局2023年度经济普查项目支出绩效评价报告",
            "我局对人口抽样调查经费的使用作了评价。经综合自评,该项目得分92.5分。",
            "self_eval_project",
        ),
        (  # … speaking of itself as 我处
            "示例市绿化管理处专项资金绩效评价报告",
            "按市里统一部署，我处对本处2019年绿化专项资金开展了绩效评价，结果报告如下：",
            "self_eval_project",
        ),
        (  # … introducing its own report
            "示例镇中心学校学生营养改善计划财政支出绩效评价报告",
            "按县教育局要求，现将我校2014年学生营养改善计划补助资金项目绩效评价报告如下：\n一、项目基本情况",
            "self_eval_project",
        ),
        # a unit's 三公 statement: a budget of spending (`支出预算`), or the stage its table's header names
        ("示例市中级人民法院2018年“三公”经费支出预算情况", "一、“三公”经费支出预算表\n单位:万元", "budget"),
        (
            "2016年示例县司法局部门“三公”经费情况统计表",
            "单位:万元\n项 目 | 本年预算数 | 其中:公共预算财政拨款\n合 计 | 20.5 | 20.5",
            "budget",
        ),
        (
            "2016年示例县司法局部门“三公”经费情况统计表",
            "单位:万元\n项 目 | 本年决算数 | 其中:公共预算财政拨款\n合 计 | 18.6 | 16.4",
            "final_accounts",
        ),
        (  # a title-less text opening with a project's evaluation heading, a PDF's spaces between its words
            "",
            "资源描述\n示例市侨务办公室 2017年度“ 侨务宣传 ”项目 绩效评价报告 一、基本情况 2017 年预算金额 80 万元。",
            "self_eval_project",
        ),
        # a project's `绩效报告` and a fund's `绩效评估报告`: the unit's own account
        ("示例县档案局2016年度项目绩效报告", "一、项目基本情况\n档案数字化项目年初预算30万元。", "self_eval_project"),
        (
            "示例市司法局2019年度市级专项资金绩效评估报告",
            "一、专项资金基本情况\n法律援助专项资金20万元。",
            "self_eval_project",
        ),
        (  # … or naming itself as the evaluator on the cover
            "2022年示例区水土保持项目绩效评价报告",
            "评价类型: √阶段评价 □结束评价\n项目名称: 水土保持项目\n项目承担单位: 示例区水利局\n"
            "项目主管部门: 示例区水利局(公章)\n评价单位:示例区水利局\n一、项目概况",
            "self_eval_project",
        ),
        (  # a firm named as the evaluator makes it another's
            "2022年示例区水土保持项目绩效评价报告",
            "项目名称: 水土保持项目\n项目承担单位: 示例区水利局\n评价单位:示例会计师事务所有限公司\n一、项目概况",
            "external_evaluation",
        ),
        (  # … or calling it its self-evaluation report
            "2021年度乡镇供水管网改造工程项目支出绩效评价报告",
            "为加强项目资金管理，现将本单位该工程的预算绩效自评报告汇报如下：\n一、项目概况",
            "self_eval_project",
        ),
        (  # a team the unit the title names formed itself; the finance bureau's team evaluates others' money
            "2023年度示例县农业农村局部门农机补贴重点项目支出绩效评价报告",
            "本次评价由示例县农业农村局组成评价工作组，对本局农机补贴项目逐项开展了绩效评价。",
            "self_eval_project",
        ),
        (
            "2023年度示例县农业农村局部门农机补贴重点项目支出绩效评价报告",
            "本次评价由示例县财政局组成评价工作组，对该局农机补贴项目逐项开展了绩效评价。",
            "external_evaluation",
        ),
        (  # a title-less fund's self-evaluation
            "",
            "为落实预算绩效管理的要求，根据财政部关于开展转移支付绩效自评工作的通知，我局对2023年度中央自然灾害救灾资金"
            "预算执行情况进行了绩效自评，现将情况报告如下：\n"
            "1.冬春救助资金。财政部下达我区冬春救助资金合计900万元。",
            "self_eval_project",
        ),
        (  # a self-evaluation that does not say whose spending, opening with its projects
            "示例县就业服务中心2024年绩效自评报告",
            "根据县财政局关于做好预算绩效自评工作的通知精神，现将自评情况报告如下。\n一、项目基本情况\n"
            "本中心参与绩效评价的项目共2个，项目支出9.6万元。",
            "self_eval_project",
        ),
        (  # a fund's batch before its year
            "示例县中央集中彩票公益金支持社会福利事业资金(第二批)2024年度绩效自评报告",
            "一、基本情况\n该资金用于养老服务。",
            "self_eval_project",
        ),
        (  # its own summary and score
            "2023年度社区服务站建设项目支出绩效评价报告",
            "社区服务站建设项目绩效自评综述:根据年初设定的绩效目标,项目绩效自评得分为96分。全年预算数为120万元。",
            "self_eval_project",
        ),
        (  # a cover whose boxes lost their ticks: the option without an empty box, the project's unit, was chosen
            "财政支出项目绩效评价报告",
            "评价类型:□实施过程评价 完成结果评价\n项目名称:示例省湿地保护补助资金\n"
            "组织方式:□财政部门□主管部门 项目单位\n评价机构:□中介机构□专家组 项目单位评价组\n",
            "self_eval_project",
        ),
        (  # the intermediary ticked is someone else
            "财政支出项目绩效评价报告",
            "项目名称:示例省湿地保护补助资金\n评价机构:中介机构□专家组□项目单位评价组\n",
            "external_evaluation",
        ),
    ],
)
def test_whose_evaluation_and_which_stage_by_the_words_of_the_text(title, body, kind):
    assert title_facts(title, body_text=body).report_type == kind


def test_a_citys_own_level_titled_as_its_city_level_is_the_city():
    facts = title_facts("成都市市级2025年“三公”经费预算情况", body_text="经汇总，2025年市级部门“三公”经费预算2.4亿元。")
    assert (facts.department, facts.report_type) == ("成都市", "budget")


def test_the_bodies_whose_demands_a_text_follows_are_no_unit():
    body = (
        "3月2日，记者从省财政厅获悉，按照中央和省委省政府过紧日子的要求，我省省级财政压减一般性支出，"
        "2024年省级“三公”经费预算为2.1亿元。"
    )
    assert title_facts("", body_text=body).department != "中央和省委"


def test_a_short_word_spelt_out_from_the_body_is_read_to_its_end():
    body = "雁峰区科学技术协会2020年部门预算编制说明\n一、部门主要职责\n组织开展科普活动。"
    assert title_facts("区科协2020年部门预算公开", body_text=body).department == "雁峰区科学技术协会"
    body = "一、部门基本情况\n衡阳市委网络安全和信息化委员会办公室部门使用专项资金120万元。"
    assert title_facts("衡阳市委网信办2023年度整体支出绩效自评报告", body_text=body).department == (
        "衡阳市委网络安全和信息化委员会办公室"
    )
    body = "雁峰区人大常委会2021年部门决算说明\n一、部门主要职责\n依法行使监督权。"
    assert title_facts("区人大2021年部门决算公开", body_text=body).department == "雁峰区人大常委会"


def test_a_ministry_citing_its_notice_is_the_issuer_not_the_unit():
    body = (
        "一、绩效目标分解下达情况\n(一)中央下达资金预算情况。\n财政部《关于下达2022年水污染防治资金预算的通知》"
        "(财资环〔2022〕12号),下达示例自治区2022年水污染防治资金共计2100万元。"
    )
    assert department_from_body(body) is None


@pytest.mark.parametrize(
    "title, body, department",
    [
        ("示例海关公布“三公经费” 去年公车支出1.2亿元", "示例海关21日公布了“三公经费”财政拨款情况。", "示例海关"),
        ("文旅部晒三公:公车消费326万", "中国网讯 文化和旅游部今日公布“三公经费”情况。", "文化和旅游部"),
    ],
)
def test_a_headline_naming_the_unit_that_published_its_sangong_names_the_unit(title, body, department):
    assert title_facts(title, body_text=body).department == department


def test_a_citys_direct_units_summed_under_a_headline_naming_no_one_are_the_city():
    body = "本报讯 2015年深圳市直各部门“三公”经费共支出2.1亿元，比上年少了一成。"
    assert title_facts("去年公务用车购置费降逾六成", body_text=body).department == "深圳市"


def test_a_provinces_level_named_after_a_time_word_is_the_province():
    title = "湖北省级98家单位将陆续公开去年三公经费支出"
    body = "记者从新闻发布会上获悉，今年湖北省省级“三公”经费预算较上年压缩了8%。"
    assert title_facts(title, body_text=body).department == "湖北省"


@pytest.mark.parametrize(
    "title, body, department",
    [
        (  # the central units' sum, not a quoted expert
            "",
            "本年度中央各部门陆续公开决算。2015年中央单位“三公经费”支出合计63.10亿元，较预算有所减少。\n"
            "“公开是突破口。”某大学财经法研究中心主任表示。",
            "中央本级",
        ),
        (  # the central administrative units' sum, not the committee it was reported to
            "",
            "2021年，中央行政事业单位财政拨款“三公”经费支出合计36.2亿元。\n受委托，某部负责人向某委员会会议报告"
            "2021年中央决算情况。",
            "中央本级",
        ),
        (
            "中央去年“三公”支出36.2亿元",
            "某委员会会议听取了2021年中央决算的报告。2021年“三公”经费支出合计36.2亿元。",
            "中央本级",
        ),
        (  # a province's level, not a clause of what it did
            "98个省级部门晒出决算账本 去年省本级“三公”决算比预算减少0.12亿",
            "本报讯 日前，浙江省省直各部门分别向社会公开了2023年部门决算，省财政厅汇总公开了省级“三公”经费决算总额。\n"
            "近年来，浙江省严格执行中央八项规定和国务院有关要求，2023年省本级“三公”经费决算数为1.85亿元。",
            "浙江省",
        ),
        (  # a city's level summed up in the opening, not the bureau that told the reporter nor a unit named later
            "",
            "本报讯 除涉密部门外，成都市86个市级部门日前集中“晒出”2023年度决算。2023年成都市级党政机关和事业单位"
            "“三公”经费财政拨款决算1.26亿元，比年初预算下降8.5%。\n据成都市财政局相关负责人介绍，今年公开的部门数量为"
            "历年最多。成都市公安局、成都市教育局等部门还公开了机关运行经费。",
            "成都市",
        ),
        (  # not the unit whose event the news follows, nor the bureau whose official spoke
            "成都近百部门集体“晒决算” 2023年度“三公经费”比预算降12%",
            "本报成都8月21日电 继成都市政府2023年度决算向社会公开后，成都市90个部门8月21日在各自网站公开了本部门"
            "决算。\n成都市财政局副局长李某介绍，今年进一步增加了公开决算的部门数量。",
            "成都市",
        ),
    ],
)
def test_news_of_a_levels_own_sum_is_the_levels_not_a_body_named_in_passing(title, body, department):
    facts = title_facts(title, body_text=body)
    assert (facts.department, facts.report_type) == (department, "other")


def test_a_policys_budget_words_do_not_make_a_title_less_news_item_a_budget():
    body = "今年以来，全市坚持过紧日子，硬化预算刚性约束。1-6月，全市“三公”经费累计支出1520.4万元，同比下降5.2%。"
    assert title_facts("", body_text=body).report_type != "budget"
