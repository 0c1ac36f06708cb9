"""GB/T 2260 administrative divisions (行政区划代码) and the region a document belongs to.

The table (``data/regions.csv``, see ``data/README.md``) holds the current provinces, prefectures and county-level
units. Units a province administers directly (municipal districts such as 北京市朝阳区, 省直辖县级市 such as 仙桃市)
have the province as parent: there is no 110100/429000 row. ``data/regions_retired.csv`` maps codes that are no longer
current (晋宁县 530122, 临沧's pre-2003 5335xx codes …) to the current unit they became, because Yunnan 监督索引号
and 网站标识码 still carry them.

Names are matched at the start of a text with a dictionary keyed by the name itself and probed from the longest
name length down, so ``region_for`` costs a few dozen dict look-ups per call.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations

from pipelines.text import normalise

LEVELS = ("province", "prefecture", "county")

# The 56 officially recognised ethnic groups, without the trailing 族 (names of autonomous units use both forms).
ETHNIC_GROUPS = (
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
)
# 各族 ("all groups") appears in 龙胜各族自治县 and 隆林各族自治县.
_ETHNIC_TOKENS = sorted(
    [group + "族" for group in ETHNIC_GROUPS] + [group for group in ETHNIC_GROUPS if len(group) > 1] + ["各族"],
    key=len,
    reverse=True,
)
_AUTONOMOUS_SUFFIXES = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"), ("自治区", ""))
_PROVINCE_SUFFIXES = ("特别行政区", "省", "市")

# County names that are also everyday words (城区 = "urban area"): like all two-character names, they count only at
# the start of a text, never when scanning past a township.
_GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "东区", "西区", "市中区"})
# Bodies that print their own name before the place they serve: the party, the CPPCC, the youth league and the
# democratic parties (`政协汉阴县委员会`, `中共宜良县委`, `中国民主建国会武汉市委员会`).
BODY_BEFORE_PLACE = (
    "中国共产党|中共|中国共产主义青年团|共青团|中国人民政治协商会议|政协|中国国民党革命委员会|民革|中国民主同盟|民盟"
    "|中国民主建国会|民建|中国民主促进会|民进|中国农工民主党|农工党|中国致公党|致公党|九三学社|台湾民主自治同盟|台盟"
)
_LEADING_NOISE = re.compile(rf"^(?:[^\u4e00-\u9fff]+|{BODY_BEFORE_PLACE})+")
_TOWNSHIP = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道|苏木)")
_SUPERVISION_NO = re.compile(r"(?<!\d)(\d{17,20})(?!\d)")
_SITE_ID = re.compile(r"^\s*(\d{6})")

SOURCES = ("supervision_no", "department", "publisher", "hint", "site_id_code")


def short_name(name: str, level: str) -> str | None:
    """The common short form of an official name, or None when people use the full name.

    Autonomous units drop their ethnic groups: 红河哈尼族彝族自治州 → 红河州, 河口瑶族自治县 → 河口县,
    广西壮族自治区 → 广西; provinces drop 省/市: 云南省 → 云南.
    """
    for suffix, short_suffix in _AUTONOMOUS_SUFFIXES:
        if name.endswith(suffix):
            return _strip_ethnic_groups(name[: -len(suffix)]) + short_suffix
    if level == "province":
        for suffix in _PROVINCE_SUFFIXES:
            if name.endswith(suffix):
                return name[: -len(suffix)]
    return None


@lru_cache(maxsize=1)
def province_short_names() -> tuple[str, ...]:
    """云南, 广西, 内蒙古 …: how titles name a province without its level."""
    return tuple(
        short for row in all_regions() if row["level"] == "province" and (short := short_name(row["name"], "province"))
    )


@lru_cache(maxsize=8)
def names_opening_with(char: str) -> tuple[str, ...]:
    """The first two characters of every place name that opens with `char` (`长` → 长沙, 长春, 长寿 …)."""
    return tuple(sorted({name[:2] for row in all_regions() for name in names_of(row) if name.startswith(char)}))


def names_of(region: dict) -> set[str]:
    """Every name a region goes by: official, short, and an autonomous county's short form that keeps its kind."""
    return {region["name"], region["short_name"], _autonomous_short_name(region["name"])} - {None}


def _autonomous_short_name(name: str) -> str | None:
    """The other short form of an autonomous county or banner, its ethnic groups dropped but its kind kept:
    彭水苗族土家族自治县 → 彭水自治县 (as Chongqing's portals print it beside 彭水县)."""
    for suffix in ("自治县", "自治旗"):
        if name.endswith(suffix):
            stem = _strip_ethnic_groups(name[: -len(suffix)])
            return stem + suffix if stem + suffix != name else None
    return None


def _strip_ethnic_groups(stem: str) -> str:
    """Remove trailing ethnic-group names while at least two characters of place name remain."""
    stripped = True
    while stripped:
        stripped = False
        for token in _ETHNIC_TOKENS:
            if stem.endswith(token) and len(stem) - len(token) >= 2:
                stem, stripped = stem[: -len(token)], True
                break
    # 鄂温克族自治旗, 东乡族自治县: the place is named after the group itself.
    return stem[:-1] if stem.endswith("族") else stem


@dataclass(frozen=True)
class _Index:
    rows: dict[str, dict]  # current code → row
    successors: dict[str, str]  # retired code → current code
    names: dict[str, tuple[str, ...]]  # full, short or former full name → current codes
    # a former full name a current unit elsewhere also bears (重庆市江北区, now in 两江新区; 宁波市江北区) → the units
    # it became, read only after the place above it
    shadowed: dict[str, tuple[str, ...]]
    lengths: tuple[int, ...]  # distinct name lengths, longest first
    lineages: dict[str, tuple[str, ...]]  # code → (province, …, code)


def _read_csv(filename: str) -> list[dict]:
    text = resources.files("pipelines").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _load_rows() -> dict[str, dict]:
    rows = {}
    for raw in _read_csv("regions.csv"):
        rows[raw["code"]] = {
            "code": raw["code"],
            "name": raw["name"],
            "short_name": short_name(raw["name"], raw["level"]),
            "level": raw["level"],
            "parent_code": raw["parent_code"] or None,
        }
    return rows


# Former names that are also common words (`高新区财政局`, `城北郊区`): they name no place by themselves
_COMMON_WORDS = frozenset({"新区", "北郊区", "南郊区"})


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Load both CSV files once and build the name dictionary and ancestor chains."""
    rows = _load_rows()
    names: dict[str, list[str]] = {}
    for row in rows.values():
        for name in names_of(row):
            names.setdefault(name, []).append(row["code"])
    retired = _read_csv("regions_retired.csv")
    former: dict[str, set[str]] = {}  # a unit's former full name (`太谷县`, now 太谷区) → the units it became
    shadowed: dict[str, set[str]] = {}
    for row in retired:
        if row["name"] in _COMMON_WORDS or row["successor_code"] not in rows:
            continue
        into = shadowed if row["name"] in names else former
        into.setdefault(row["name"], set()).add(row["successor_code"])
    names.update((name, list(codes)) for name, codes in former.items())
    return _Index(
        rows=rows,
        successors={r["code"]: r["successor_code"] for r in retired},
        names={name: tuple(sorted(codes)) for name, codes in names.items()},
        shadowed={name: tuple(sorted(codes)) for name, codes in shadowed.items()},
        lengths=tuple(sorted({len(name) for name in names}, reverse=True)),
        lineages={code: _lineage(code, rows) for code in rows},
    )


def _lineage(code: str, rows: dict[str, dict]) -> tuple[str, ...]:
    chain = []
    current: str | None = code
    while current:  # a province's parent_code is None
        chain.append(current)
        current = rows[current]["parent_code"]
    return tuple(reversed(chain))


def all_regions() -> list[dict]:
    """Rows for the ``regions`` table: code, name, short_name, level, parent_code (None for provinces)."""
    return [dict(row) for _, row in sorted(_index().rows.items())]


def get(code: str | None) -> dict | None:
    """The current region with this 6-digit code (a 12-digit 统计用区划代码 ending in 000000 also works)."""
    row = _index().rows.get(_six_digits(code))
    return dict(row) if row else None


def ancestors(code: str) -> list[str]:
    """Codes of the units above ``code``, province first: ``ancestors("532502") == ["530000", "532500"]``."""
    return list(_index().lineages.get(_six_digits(code), ())[:-1])


def current_code(code: str | None) -> str | None:
    """The current code for a current or retired code (530122 晋宁县 → 530115 晋宁区); None when unknown."""
    code = _six_digits(code)
    index = _index()
    if code in index.rows:
        return code
    return index.successors.get(code)


def _six_digits(code: str | None) -> str:
    code = (code or "").strip()
    if len(code) == 12 and code.endswith("000000"):
        return code[:6]
    return code


def region_for(
    department: str | None = None,
    publisher: str | None = None,
    site_id_code: str | None = None,
    supervision_no: str | None = None,
    hint: str | None = None,
) -> str | None:
    """The document's region code, from the first source that yields one (docs/design.md).

    Order: 监督索引号 prefix → names at the start of the department → of the publisher → ``hint`` (the portal's
    registry region) → the 网站标识码 prefix → last, a prefecture-level city named without its `市` at the start of
    the department or publisher (`广州航海学院`). A name several units share (朝阳区, 城关区) is settled by a broader
    name before it in the same text, else by the other sources; when still ambiguous the source yields nothing.
    """
    found = _sources(department, publisher, site_id_code, supervision_no, hint)
    named = next((code for code in found.values() if code), None)
    return named or prefecture_named_short(department) or prefecture_named_short(publisher)


def region_conflicts(
    department: str | None = None,
    publisher: str | None = None,
    site_id_code: str | None = None,
    supervision_no: str | None = None,
    hint: str | None = None,
) -> list[str]:
    """Pairs of sources naming regions where neither contains the other, for a ``region_mismatch`` issue.

    Nested answers agree (a 州级 监督索引号 532500 with a 开远市 department); a retired code is compared as the
    unit it became. Each message reads ``"supervision_no 532524 建水县 ≠ department 532502 开远市"``.
    """
    found = _sources(department, publisher, site_id_code, supervision_no, hint)
    resolved = [(source, code) for source, code in found.items() if code]
    return [
        f"{source_a} {_label(code_a)} ≠ {source_b} {_label(code_b)}"
        for (source_a, code_a), (source_b, code_b) in combinations(resolved, 2)
        if not _nested(code_a, code_b)
    ]


def _label(code: str) -> str:
    return f"{code} {_index().rows[code]['name']}"


def _nested(code_a: str, code_b: str) -> bool:
    lineages = _index().lineages
    return code_a in lineages[code_b] or code_b in lineages[code_a]


def _sources(
    department: str | None,
    publisher: str | None,
    site_id_code: str | None,
    supervision_no: str | None,
    hint: str | None,
) -> dict[str, str | None]:
    """Each source's own answer, in ``SOURCES`` order; the code-valued sources settle ambiguous names."""
    codes = {
        "supervision_no": supervision_region(supervision_no),
        "hint": current_code(hint),
        "site_id_code": site_id_region(site_id_code),
    }
    context = [code for code in codes.values() if code]
    names = {"department": name_region(department, context), "publisher": name_region(publisher, context)}
    found = codes | names
    return {source: found[source] for source in SOURCES}


def supervision_region(supervision_no: str | None) -> str | None:
    """The region of a 17–20 digit 监督索引号 (its first six digits), retired codes mapped to their successor."""
    match = _SUPERVISION_NO.search(supervision_no or "")
    return current_code(match.group(1)[:6]) if match else None


def site_id_region(site_id_code: str | None) -> str | None:
    """The region of a 网站标识码 such as ``5325240001`` (its first six digits), when they are a region code."""
    match = _SITE_ID.match(site_id_code or "")
    return current_code(match.group(1)) if match else None


def name_region(text: str | None, context: Sequence[str] = ()) -> str | None:
    """The region named at the start of ``text`` (红河州个旧市民政局 → 532501), or None.

    A text starting with a township (示例镇人民政府) takes a county named later in it, if any. ``context`` codes
    (hint, site id …) settle a name several units share.
    """
    text = _LEADING_NOISE.sub("", re.sub(r"\s+", "", normalise(text or "", matching=True)))
    chain = _name_chain(text, 0)
    township = not chain and _TOWNSHIP.match(text)
    if township:
        chain = _first_chain_after(text, township.end())
    if not chain:
        return None
    code = _pick(chain, context)
    if township and code and _index().rows[code]["level"] != "county":
        return None
    return _branch_district(text, code) or code


# A city bureau's branch in one of its districts (`杭州市公安局钱塘区分局`): the district's region
_BRANCH = re.compile(r"局(?P<place>[\u4e00-\u9fff]{2,8}?)分局$")


_LEVEL_CHARS = "省市县区州旗盟乡镇"


def prefecture_named_short(name: str | None) -> str | None:
    """`达州铁路中学`, `广州航海学院`: a unit named after its prefecture-level city without the city's `市`; the
    city's code."""
    for cut in (2, 3):
        if not name or len(name) <= cut or name[cut] in _LEVEL_CHARS:
            continue  # `朝阳区…`: a district's name, however ambiguous, is no city's short form
        code = name_region(name[:cut] + "市")
        if code and _index().rows[code]["level"] == "prefecture":
            return code
    return None


def _branch_district(text: str, code: str | None) -> str | None:
    branch = _BRANCH.search(text)
    if branch is None or code is None:
        return None
    districts = [c for c in _name_chain(text, branch.start("place")) if _under_any(c, [code])]
    return _pick(districts, ()) if districts else None


def _name_chain(text: str, start: int, *, generic: bool = True) -> list[str]:
    """Candidates of the deepest name in a run of nested names from ``start`` (北京市朝阳区 → [110105])."""
    candidates: list[str] = []
    position = start
    while (match := _match_at(text, position, generic=generic or bool(candidates))) is not None:
        name, codes = match
        if candidates:
            codes = tuple(code for code in codes if _under_any(code, candidates))
            codes = codes or tuple(code for code in _index().shadowed.get(name, ()) if _under_any(code, candidates))
            if not codes:
                break
        candidates, position = list(codes), position + len(name)
    return candidates


def _first_chain_after(text: str, start: int) -> list[str]:
    for position in range(start, len(text)):
        chain = _name_chain(text, position, generic=False)
        if chain:
            return chain
    return []


def _match_at(text: str, position: int, *, generic: bool) -> tuple[str, tuple[str, ...]] | None:
    """The longest region name starting at ``position``; with ``generic`` false, skip short and everyday names."""
    index = _index()
    for length in index.lengths:
        name = text[position : position + length]
        if len(name) == length and name in index.names and (generic or (length > 2 and name not in _GENERIC_NAMES)):
            return name, index.names[name]
    return None


def _under_any(code: str, parents: list[str]) -> bool:
    lineage = _index().lineages[code][:-1]
    return any(parent in lineage for parent in parents)


def _pick(candidates: list[str], context: Sequence[str]) -> str | None:
    """The only candidate, or the one sharing the deepest ancestor with a context code; None on a tie."""
    if len(candidates) == 1:
        return candidates[0]
    lineages = _index().lineages
    scores = {
        code: max((_shared_depth(lineages[code], lineages[other]) for other in context), default=0)
        for code in candidates
    }
    best = max(scores.values())
    winners = [code for code, score in scores.items() if score == best]
    return winners[0] if best and len(winners) == 1 else None


def _shared_depth(lineage_a: tuple[str, ...], lineage_b: tuple[str, ...]) -> int:
    depth = 0
    for code_a, code_b in zip(lineage_a, lineage_b, strict=False):
        if code_a != code_b:
            break
        depth += 1
    return depth


# A unit named by its level alone (`区政协`, `市人大常委会`, `县委办`): not a word that opens with a level's character
# (`市场监督管理局`, `区域中心`, `县级…`, `市直…`, `市政工程处`)
_LEVEL_ONLY_UNIT = re.compile(
    r"^(?P<level>[省市区县州旗])(?!场|域|级|直|属|辖|内|外|民|容|政(?!协|府))[\u4e00-\u9fff]{0,14}"
    r"(?:[局委办院府会室所队馆部厅处社校团联协]|人大)$"
)


def placed_in_region(unit: str | None, code: str | None) -> str | None:
    """A unit named by its level alone, in a region of that level: the region's name in place of the level
    (`区政协` of 430511 北塔区 → `北塔区政协`); any other unit as it is."""
    level_only = _LEVEL_ONLY_UNIT.match(unit or "")
    if unit is None or level_only is None or not code or name_region(unit):
        return unit
    region = get(code)
    if region is None or not region["name"].endswith(level_only["level"]):
        return unit
    return region["name"] + unit[1:]
