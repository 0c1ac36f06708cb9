"""The GB/T 2260 table and the region a document is assigned to."""

from collections import Counter

import pytest

from pipelines import regions
from pipelines.regions import ancestors, current_code, get, region_conflicts, region_for, short_name

HONGHE_COUNTIES = {
    "532501": "个旧市",
    "532502": "开远市",
    "532503": "蒙自市",
    "532504": "弥勒市",
    "532523": "屏边苗族自治县",
    "532524": "建水县",
    "532525": "石屏县",
    "532527": "泸西县",
    "532528": "元阳县",
    "532529": "红河县",
    "532530": "金平苗族瑶族傣族自治县",
    "532531": "绿春县",
    "532532": "河口瑶族自治县",
}


def _rows_under(prefix: str) -> list[dict]:
    return [row for row in regions.all_regions() if row["code"].startswith(prefix)]


# --- the table -----------------------------------------------------------------------------------------------


def test_yunnan_has_16_prefectures_and_129_counties():
    levels = Counter(row["level"] for row in _rows_under("53"))
    assert levels == {"province": 1, "prefecture": 16, "county": 129}


def test_honghe_has_its_13_current_counties():
    counties = {row["code"]: row["name"] for row in regions.all_regions() if row["parent_code"] == "532500"}
    assert counties == HONGHE_COUNTIES


def test_abolished_codes_are_not_current_rows():
    assert get("530122") is None  # 晋宁县, now 晋宁区 530115
    assert get("532522") is None  # 蒙自县, now 蒙自市
    assert get("530115")["name"] == "晋宁区"


def test_every_row_is_well_formed_and_hangs_under_a_broader_unit():
    rows = regions.all_regions()
    codes = {row["code"] for row in rows}
    assert len(codes) == len(rows)
    rank = {level: number for number, level in enumerate(regions.LEVELS)}
    for row in rows:
        assert len(row["code"]) == 6 and row["code"].isdigit()
        if row["level"] == "province":
            assert row["parent_code"] is None and row["code"].endswith("0000")
        else:
            parent = get(row["parent_code"])
            assert rank[parent["level"]] < rank[row["level"]]
            assert row["code"][:2] == parent["code"][:2]


def test_municipal_districts_and_directly_administered_cities_hang_under_the_province():
    assert get("110105") == {
        "code": "110105",
        "name": "朝阳区",
        "short_name": None,
        "level": "county",
        "parent_code": "110000",
    }
    assert get("110100") is None
    assert get("429004")["parent_code"] == "420000"  # 仙桃市


@pytest.mark.parametrize(
    "code, expected",
    [
        ("532500", "红河州"),
        ("532532", "河口县"),
        ("532523", "屏边县"),
        ("532530", "金平县"),
        ("532800", "西双版纳州"),
        ("532900", "大理州"),
        ("533100", "德宏州"),
        ("533300", "怒江州"),
        ("533400", "迪庆州"),
        ("532600", "文山州"),
        ("532300", "楚雄州"),
        ("433100", "湘西州"),
        ("222400", "延边州"),
        ("530000", "云南"),
        ("450000", "广西"),
        ("150000", "内蒙古"),
        ("540000", "西藏"),
        ("450328", "龙胜县"),
        ("622926", "东乡县"),
        ("150724", "鄂温克旗"),
        ("652800", "巴音郭楞州"),
        ("532502", None),
    ],
)
def test_short_names(code, expected):
    assert get(code)["short_name"] == expected


def test_short_name_keeps_a_place_that_is_named_after_its_group():
    assert short_name("鄂伦春自治旗", "county") == "鄂伦春旗"


def test_an_autonomous_county_is_also_named_by_its_place_and_kind():
    """`彭水自治县` (Chongqing's portals print it beside `彭水县`) is 彭水苗族土家族自治县."""
    assert region_for("重庆市彭水自治县公安局") == "500243"
    assert region_for("石柱自治县") == "500240"


def test_get_accepts_twelve_digit_codes_and_returns_a_copy():
    row = get("532502000000")
    row["name"] = "changed"
    assert get("532502")["name"] == "开远市"
    assert get("999999") is None and get(None) is None


def test_ancestors_run_from_the_province_down():
    assert ancestors("532502") == ["530000", "532500"]
    assert ancestors("532500") == ["530000"]
    assert ancestors("530000") == []
    assert ancestors("110105") == ["110000"]


def test_current_code_maps_retired_codes_to_their_successor():
    assert current_code("530122") == "530115"  # 晋宁县 → 晋宁区 (2016)
    assert current_code("533523") == "530922"  # 云县's code before 临沧 became a city (2003)
    assert current_code("532331") == "532302"  # 禄丰县 → 禄丰市 (2021)
    assert current_code("532502") == "532502"
    assert current_code("000000") is None


# --- region_for ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "department, code",
    [
        ("开远市政务服务管理局", "532502"),
        ("蒙自市林业和草原局", "532503"),
        ("个旧市民政局", "532501"),
        ("泸西县教育体育局", "532527"),
        ("红河州生态环境局", "532500"),
        ("云县农业农村局", "530922"),
        ("湘阴县自然资源局", "430624"),
        ("仁寿县市场监督管理局", "511421"),
        ("苍南县文化和广电旅游体育局", "330327"),
    ],
)
def test_gold_departments(department, code):
    assert region_for(department=department) == code


@pytest.mark.parametrize(
    "department, code",
    [
        ("云龙县财政局", "532929"),  # not 云县
        ("红河县财政局", "532529"),  # not 红河州
        ("河口县财政局", "532532"),  # short form of 河口瑶族自治县
        ("河口区财政局", "370503"),  # 东营市河口区
        ("红河哈尼族彝族自治州财政局", "532500"),
        ("云南省财政厅", "530000"),
        ("云南省红河州生态环境局", "532500"),
        ("红河州个旧市民政局", "532501"),
        ("金平县 教育体育局", "532530"),
        ("中共红河州委组织部", "532500"),
        ("政协汉阴县委员会办公室", "610921"),
        ("中国人民政治协商会议寻甸回族彝族自治县委员会", "530129"),
        ("305001-个旧市大屯镇人民政府", "532501"),
        ("杭州市公安局钱塘区分局", "330114"),  # a city bureau's branch in one of its districts
        ("遂宁市市场监督管理局经开区分局", "510900"),  # a branch in a zone that is no region
    ],
)
def test_longest_and_nested_names_at_the_start(department, code):
    assert region_for(department=department) == code


def test_every_unshared_name_and_short_name_finds_its_own_code():
    names = regions._index().names
    for row in regions.all_regions():
        for name in filter(None, (row["name"], row["short_name"])):
            if len(names[name]) == 1:
                assert region_for(department=name + "财政局") == row["code"], name


def test_a_name_several_units_share_needs_context():
    assert region_for(department="朝阳区教育局") is None
    assert region_for(department="北京市朝阳区教育委员会") == "110105"
    assert region_for(department="朝阳区教育局", hint="220100") == "220104"  # 长春市朝阳区
    assert region_for(department="朝阳区教育局", site_id_code="1100000001") == "110105"
    assert region_for(department="城关区财政局", hint="620000") == "620102"  # 兰州市城关区


def test_context_from_two_provinces_leaves_the_name_unresolved():
    assert regions.name_region("朝阳区教育局", ["110000", "220000"]) is None


def test_supervision_number_comes_first_and_may_carry_a_retired_code():
    assert region_for(department="开远市财政局", supervision_no="53252407734201000") == "532524"
    assert region_for(supervision_no="监督索引号53252407734201000321") == "532524"  # 20 digits
    assert region_for(supervision_no="53012207734201000") == "530115"  # 晋宁县's old code
    assert region_for(department="开远市财政局", supervision_no="5325240773420100") == "532502"  # 16 digits
    assert region_for(department="开远市财政局", supervision_no="99252407734201000") == "532502"


def test_a_former_name_of_a_county_or_district_gives_the_unit_it_became():
    assert region_for(department="山西省太谷县教育局") == "140703"  # 太谷县 became 太谷区 in 2019
    assert region_for(department="昆明市晋宁县财政局") == "530115"
    assert region_for(department="晋宁县文化馆") == "530115"
    assert region_for(department="北京市崇文区园林局") == "110101"  # merged into 东城区 in 2010
    assert region_for(department="晋宁区人民医院") == "530115"  # the current name still wins
    assert region_for(department="新区财政局") is None  # a former 新区 (唐山, till 2002) is also a common word


def test_a_former_name_another_unit_still_bears_is_read_under_the_place_named_before_it():
    assert region_for(department="重庆市江北区人民法院") == "500157"  # 江北区 became part of 两江新区 in 2025
    assert region_for(department="宁波市江北区人民法院") == "330205"  # the current 江北区
    assert region_for(department="江北区人民法院") == "330205"  # alone, the current unit of that name


def test_fallback_order_department_publisher_hint_site_id():
    assert region_for(department="开远市财政局", publisher="蒙自市财政局", hint="532501") == "532502"
    assert region_for(department="县水务局", publisher="蒙自市财政局", hint="532501") == "532503"
    assert region_for(department="县水务局", publisher="财政局", hint="532501", site_id_code="5325240001") == "532501"
    assert region_for(department="县水务局", site_id_code="5325240001") == "532524"
    assert region_for(site_id_code="bm53000001") is None


def test_a_township_takes_a_county_only_when_the_text_names_one():
    assert region_for(department="示例镇人民政府") is None
    assert region_for(department="大屯镇人民政府（个旧市）") == "532501"
    assert region_for(department="示例镇人民政府", publisher="个旧市财政局") == "532501"
    assert region_for(department="示例镇城区管理办公室") is None  # 城区 is a word here, not 阳泉市城区
    assert region_for(department="示例镇人民政府（红河州）") is None  # a prefecture is not the township's county


def test_names_outside_the_table_give_nothing():
    assert region_for(department="示例县水务局") is None
    assert region_for(department="财政局", publisher="") is None
    assert region_for() is None


# --- region_conflicts ----------------------------------------------------------------------------------------


def test_conflicting_sources_are_reported_pairwise():
    assert region_conflicts(supervision_no="53252407734201000", department="开远市财政局") == [
        "supervision_no 532524 建水县 ≠ department 532502 开远市"
    ]


def test_nested_and_retired_codes_do_not_conflict():
    assert region_conflicts(supervision_no="53250007734201000", department="开远市财政局", hint="530000") == []
    assert region_conflicts(supervision_no="53012207734201000", department="晋宁区财政局") == []
    assert region_conflicts(department="开远市财政局") == []


def test_every_disagreeing_pair_is_listed():
    conflicts = region_conflicts(department="开远市财政局", site_id_code="5325240001", hint="532501")
    assert conflicts == [
        "department 532502 开远市 ≠ hint 532501 个旧市",
        "department 532502 开远市 ≠ site_id_code 532524 建水县",
        "hint 532501 个旧市 ≠ site_id_code 532524 建水县",
    ]


@pytest.mark.parametrize(
    "department, code",
    [
        ("广州航海学院", "440100"),  # a college named after its city without 市
        ("烟台大学", "370600"),
        ("杭州西湖风景名胜区灵隐管理处", "330100"),
        ("朝阳区财政局", None),  # a district several cities have is no city's short form
        ("中国气象局", None),
    ],
)
def test_a_unit_named_after_its_city_without_its_level_takes_the_citys_region_last(department, code):
    assert region_for(department=department) == code


def test_a_city_named_short_yields_to_every_other_source():
    assert region_for(department="淄博理工学校", publisher="淄川区教育和体育局") == "370302"


def test_a_township_named_like_a_city_is_no_city_named_short():
    assert regions.prefecture_named_short("阳江镇上科村老年人日间照料中心") is None  # 阳江镇, not 阳江市
    assert regions.prefecture_named_short("达州铁路中学") == "511700"


@pytest.mark.parametrize(
    ("unit", "code", "placed"),
    [
        ("区政协", "430511", "北塔区政协"),
        ("市人大常委会", "530100", "昆明市人大常委会"),
        ("市统计局", "630100", "西宁市统计局"),
        ("县委办", "532501", "县委办"),  # 个旧 is a city: no county's unit
        ("市场监督管理局", "530100", "市场监督管理局"),  # 市场 is a word, not the level
        ("市直机关工委", "530100", "市直机关工委"),
        ("北塔区政协", "430511", "北塔区政协"),  # already placed
        ("区政协", None, "区政协"),
    ],
)
def test_a_unit_named_by_its_level_alone_takes_its_regions_name(unit, code, placed):
    assert regions.placed_in_region(unit, code) == placed
