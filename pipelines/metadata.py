"""The 索引号 / 发布机构 / 文号 / 发布日期 / 成文日期 / 时效性 block, read by label rather than by position.

Portals lay the block out in many ways (label glued to its value, `label：value` bullets, a label line then a
value line, spaced labels, 2- and 4-column tables, a single `来源：… 发布日期：…` line, the date under the
title). What they share is the label vocabulary, so the parser finds every known label in each line; a value
runs from its label to the next label, a table-cell separator or the end of the line, and a label with nothing
after it takes the next line unless that line starts with a label itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipelines.lexicon import guarded
from pipelines.text import BLANK_GLYPHS, DATE, normalise, parse_date

# Field -> labels, most authoritative first (when a page prints two of them, the earlier label wins).
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "信息索引号", "索引號", "索取号"),
    "supervision_no": ("监督索引号",),
    # (`发布者`: the account a portal on forum software posts with, `2021-8-23 08:50| 发布者: 某县人民政府|`)
    "publisher": ("发布机构", "发文机关", "发文机构", "发布单位", "发文单位", "责任部门", "制发机构", "发布者"),
    "source": ("来源", "信息来源", "文章来源", "内容来源", "来源单位", "本文来源"),
    "doc_no": ("文号", "文件编号", "备注/文号", "发文字号", "发文编号"),
    "published": (
        "发布日期",
        "发布时间",
        "发表日期",
        "发表时间",
        "公开日期",
        "公开时间",
        "著录日期",
        "发文日期",
        "发文时间",  # `索 引 号 640421066/2025-00005 发文时间 2025-01-24`
        "日期",
        "时间",
        "更新时间",  # a CMS's last edit, when it prints no other date (`作者:某小学更新时间:2018-08-21 15:45`)
        "更新日期",
        "上传时间",  # `作者:暂无 上传时间:2023-08-14`
        "编稿时间",  # `编稿时间:2017-09-20 来源: 区财政局`
        "编辑日期",  # `编辑日期:2023-10-15 来源:某中学`
        "编辑时间",
    ),
    "written": ("成文日期", "生成日期", "公文生成日期", "成文时间"),
    "validity": ("时效性", "信息时效性", "效力属性", "效力状况", "效力状态", "有效性", "是否有效", "时效"),
    "archived": ("归档时间", "归档日期"),
    "name": ("名称", "信息名称", "文件名称", "标题"),  # the document's title printed as a metadata row
}
# Labels that are not core fields; they matter because they end the value before them.
OTHER_LABELS = (
    "公开方式",
    "公开范围",
    "公开形式",
    "公开目录",
    "公开类别",
    "主题分类",
    "信息分类",
    "文件分类",
    "所属分类",
    "公开时限",
    "统一登记号",
    "有效期限",
    "组配分类",
    "体裁分类",
    "服务对象分类",
    "所属主题",
    "主题词",
    "关键词",
    "关键字",
    "作者",
    "责任编辑",
    "编辑",
    "网站编辑",  # `来源:某厅    网站编辑:某某`
    "废止时间",  # `废止时间: 暂无`
    "废止日期",
    "保密审查情况",
    "部门主要负责人审签情况",
    "浏览量",
    "浏览次数",
    "点击率",
    "点击数",
    "点击量",
    "点击",  # a hit counter (`来源: 点击:[]`), only before a colon
    "访问量",
    "阅读次数",
    "阅读量",
    "分享到",
    "查看",  # a forum-software portal's line: `… 查看: 23| 评论: 0|来自: 某县政府门户网`
    "评论",
    "来自",
)
CORE_FIELDS = ("index_no", "publisher", "doc_no", "published", "published_time", "written", "validity")
_PLACEHOLDERS = BLANK_GLYPHS | {"暂无", "空"}
_CONTENTS_HEADING = re.compile(r"目\s*录$|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、")
_DATE_AND_TIME = re.compile(rf"\s*{DATE.pattern}\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*")
_CJK = "\u4e00-\u9fff"
_UNIT_END = "局委办院府站所队馆部厅处室社校"  # last characters of a unit's name (示例县财政局)
# Labels that are also the head of ordinary words (`时效指标` of a self-evaluation form): labels only before a colon.
_COLON_ONLY = {"时效", "点击"}


def _spaced(characters: str) -> str:
    """The characters, with optional whitespace between them."""
    return r"\s*".join(re.escape(char) for char in characters)


def _label_pattern(label: str) -> str:
    """Regex for a label with optional whitespace between its characters (`索 引 号`, `文　　号`).

    Two-character labels (日期, 来源, 文号 …) also occur inside ordinary words (报告日期, 资金来源), so they only
    count when no Han character precedes them, or when they follow the end of a unit's name and a colon follows
    (adjacent `<span>`s glue `来源：X局` and `作者：Y` into `来源：X局作者：Y`), and not as the start of a longer
    label (`来源标题：…`) nor as the end of a letter-spaced word (`资 金 来 源`).
    """
    body = _spaced(label)
    if label in _COLON_ONLY:
        return rf"(?<![{_CJK}]){body}(?=\s*:)"
    if len(label) > 2:
        return body
    longer = rf"(?![{_CJK}]{{1,4}}\s*:)"  # nor when it opens a longer label (`来源标题:…`)
    # printed letter-spaced after another spaced character, it is part of a spaced word (`资 金 来 源`), unless a
    # colon follows it
    spaced = r"\s+".join(re.escape(char) for char in label)
    spaced_alone = rf"(?:(?<![{_CJK}]\s)|(?={spaced}\s*:)){spaced}"
    own = rf"(?<![{_CJK}])(?:{re.escape(label)}|{spaced_alone})"
    return rf"(?:{own}|(?<=[{_UNIT_END}])(?={body}\s*:){body}){longer}"


def _build_label_index() -> tuple[re.Pattern[str], dict[str, tuple[str, int]]]:
    owner: dict[str, tuple[str, int]] = {}
    for name, labels in FIELD_LABELS.items():
        for rank, label in enumerate(labels):
            owner[label] = (name, rank)
    for label in OTHER_LABELS:
        owner[label] = ("other", 0)
    # Longest first, so `信息索引号` wins over `索引号`. Labels of three characters or more are grouped under their
    # first character (`公(?:(\s*开\s*方\s*式)|(\s*开\s*范\s*围)|…)`): the engine then tries one branch per
    # character instead of one per label at every position (2.5 times faster); they compete only with labels that
    # open with the same character, whose order the grouping keeps. The short labels, which open with look-behinds,
    # follow them, and no longer label opens with theirs.
    ordered = sorted(owner, key=len, reverse=True)
    by_first: dict[str, list[str]] = {}
    for label in ordered:
        if len(label) > 2:
            by_first.setdefault(label[0], []).append(label)
    grouped = [
        re.escape(first) + "(?:" + "|".join(rf"(\s*{_spaced(label[1:])})" for label in labels) + ")"
        for first, labels in by_first.items()
    ]
    short = [label for label in ordered if len(label) <= 2]
    pattern = re.compile(guarded("|".join([*grouped, *(f"({_label_pattern(label)})" for label in short)])))
    in_group_order = [label for labels in by_first.values() for label in labels] + short
    group_owner = {str(i + 1): owner[label] for i, label in enumerate(in_group_order)}
    return pattern, group_owner


_LABELS, _GROUP_OWNER = _build_label_index()
_UI_WORDS = re.compile(
    r"【[^】]{0,16}(?:字体|字号|打印|关闭|收藏|分享|纠错)[^】]{0,16}】"
    # `字体: 特大 大 中 小`, `文字大小:[ ]`
    r"|(?:字体|(?<!文)字号|文字大小)(?:大小)?\s*:?\s*(?:\[\s*\]|【\s*(?=特大|[大中小])|(?:特大|[大中小])\s*){0,4}"
    r"|打印本页|打印此页|打印页面|打印|关闭窗口|关闭本页|关闭页面|关闭|分享到|分享(?=\s*[:：]?\s*$)|收藏本页|加入收藏"
    r"|我要纠错|查看评论|发表评论|我要评论"
)
_LEAD_JUNK = " \t|:：•·●◆■□▪►>】]）)-–"
_LABEL_HEAD = 64  # a label starts a line within this many characters (bullets, separators, spaced letters)
_TRAIL_JUNK = " \t|:：•·●【】[（(-–。"  # also a sentence's full stop (`来源:教育部。`), a bracket's end
# A value also ends where an unknown `词：` label begins after a space (`来源：县水务局 编辑：李四`).
_UNKNOWN_LABEL = re.compile(rf"\s+[{_CJK}]{{1,8}}\s*:")
_SEPARATOR_ONLY = re.compile(r"^[\s|\-–—•·●]*$")


@dataclass
class MetadataBlock:
    fields: dict[str, str | None]
    text: str  # the (normalised) lines the fields were read from


def _clean_line(line: str) -> str:
    return _UI_WORDS.sub(" ", line).strip()


def _cut_value(raw: str) -> str:
    """The value part of the text between a label and the next one."""
    value = raw.lstrip(_LEAD_JUNK)
    value = value.split("|", 1)[0]
    unknown = _UNKNOWN_LABEL.search(value)
    if unknown:
        value = value[: unknown.start()]
    value = _BYLINE_NAMES.sub("", value.rstrip(_TRAIL_JUNK).strip())
    return "" if _PLACEHOLDER.fullmatch(value) or _ADVERT.search(value) else value


# the reporters a news outlet's byline names after it (`来源:某某日报 张三 李四`): no part of the source
_BYLINE_NAMES = re.compile(r"(?<=[报网社台])(?:\s+[\u4e00-\u9fff]{2,3})+$")


# A CMS template's field the site never filled in (`来源:[db:出处]`, `作者:{$author}`, `$source$`), or a
# stand-in for nobody in particular (`来源:本站编辑`, `本站原创`, `管理员`, `佚名`, `网友投稿`, `互联网`): no value.
_PLACEHOLDER = re.compile(
    r"\[(?:db|field|cms|dede|list)[:：][^\]]*\]|\{[$@#]?[\w.:]+\}|\$\w+\$"
    r"|(?:本站|本网|网站)?(?:编辑|管理员|原创)|本站|本网|原创|佚名|未知|admin(?:istrator)?"
    r"|(?:网友|用户|会员)(?:投稿|上传|分享)"  # a sharing site's `来源:网友投稿`
    r"|互联网|网络",  # a copied text's `来源:互联网`
    re.IGNORECASE,
)


# A spam mirror's advert pasted into a field (`来源: 华体会买球最新版 网`): no value
_ADVERT = re.compile(r"买球|博彩|娱乐城|赌场|彩票|棋牌|真人视讯|体育(?:官网|app|APP)|(?:官网|app)下载")


def contains_label(line: str) -> bool:
    """Whether a (normalised) line carries a metadata label."""
    return bool(_LABELS.search(line))


def label_start(line: str) -> int | None:
    """Where the first metadata label of a (normalised) line begins, if any."""
    match = _LABELS.search(line)
    return match.start() if match else None


def starts_with_label(line: str) -> bool:
    """Whether a (normalised) line begins with a metadata label (after bullets and separators). Only the line's
    head is searched: a paragraph of any length costs no more than a short line."""
    match = _LABELS.search(line[:_LABEL_HEAD])
    return match is not None and not line[: match.start()].strip(_LEAD_JUNK + "[【")  # also `| [ 索引号 ] | …` rows


@dataclass
class _Candidate:
    rank: int
    order: int
    value: str


def _scan(lines: list[str]) -> tuple[dict[str, list[_Candidate]], list[int]]:
    """Collect (field, label rank, position, value) for every label in the lines."""
    found: dict[str, list[_Candidate]] = {}
    used: list[int] = []
    consumed: set[int] = set()
    order = 0
    for i, line in enumerate(lines):
        if i in consumed:
            continue
        matches = list(_LABELS.finditer(line))
        if not matches:
            continue
        used.append(i)
        for k, match in enumerate(matches):
            name, rank = _GROUP_OWNER[str(match.lastindex)]
            last = k + 1 == len(matches)
            end = len(line) if last else matches[k + 1].start()
            value = _cut_value(line[match.end() : end])
            if not value and last and not line[match.end() :].strip(_LEAD_JUNK):
                value, taken = _value_from_next_line(lines, i)
                if taken is not None:
                    consumed.add(taken)
                    used.append(taken)
            order += 1
            found.setdefault(name, []).append(_Candidate(rank, order, value))
    return found, sorted(set(used))


_ANY_LABEL_START = re.compile(r"\s*[\u4e00-\u9fff]{2,6}\s*[:：]")


def _value_from_next_line(lines: list[str], i: int) -> tuple[str, int | None]:
    """Layout 'label line, then value line': the next non-empty line, unless it is a label itself."""
    for j in range(i + 1, len(lines)):
        if _SEPARATOR_ONLY.match(lines[j]):
            continue
        if starts_with_label(lines[j]) or _ANY_LABEL_START.match(lines[j]):
            return "", None  # (also a field this parser does not know: `生效日期: 2022-10-21`)
        first_label = _LABELS.search(lines[j])
        if first_label:
            return _cut_value(lines[j][: first_label.start()]), None
        return _cut_value(lines[j]), j
    return "", None


def _best(candidates: list[_Candidate] | None) -> str | None:
    filled = [c for c in candidates or () if c.value]
    if not filled:
        return None
    return min(filled, key=lambda c: (c.rank, c.order)).value


def _split_trailing_date(value: str | None) -> tuple[str | None, str | None]:
    """`县水务局2023-06-14 10:25` -> (`县水务局`, `2023-06-14 10:25`): a 来源 line with the date glued on."""
    if not value:
        return value, None
    match = DATE.search(value)
    if not match or match.start() == 0:
        return value, None
    return value[: match.start()].strip() or None, value[match.start() :]


# what an empty 来源 label ran into: a counter's value whose own label was lost (`来源: :0次`)
_COUNT_ONLY = re.compile(r"^[:：\s]*\d+\s*次?$")
_LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff])+$")  # every character apart (`水 利 局`)


def _name_and_date(candidates: list[_Candidate] | None) -> tuple[str | None, str | None]:
    """A 来源 or 发布机构 value as (name, the date glued after it): no name for the count an empty label ran into
    (`来源: :0次`), and a name printed letter-spaced (`水 利 局`) read without its spaces."""
    value = _best(candidates)
    name, date = _split_trailing_date(None if value and _COUNT_ONLY.match(value) else value)
    return (name.replace(" ", "") if name and _LETTER_SPACED.match(name) else name), date


def _meta(meta: Mapping[str, str] | None, name: str) -> str | None:
    if not meta:
        return None
    wanted = name.lower()
    for key, value in meta.items():
        if key.lower() == wanted and value and value.strip():
            return value.strip()
    return None


def parse_block(text: str, meta: Mapping[str, str] | None = None) -> MetadataBlock:
    """Read the metadata block from the page text around it (everything above the article body).

    `meta` holds the page's `<meta>` tags; `ContentSource` and `PubDate` are used only when nothing is printed.
    Returns fields `index_no`, `publisher`, `doc_no`, `published`, `published_time`, `written`, `validity`,
    plus `source` (the 来源 line), `supervision_no`, `name` (a 名称/标题 row: the title, when the page prints
    none of its own) and `published_basis` (`printed`, `meta`, `archived`, `written`).
    """
    lines = [_clean_line(line) for line in normalise(text).splitlines()]
    found, used = _scan(lines)
    source, source_date = _name_and_date(found.get("source"))
    publisher, publisher_date = _name_and_date(found.get("publisher"))
    fields: dict[str, str | None] = {
        "index_no": _index_no(_best(found.get("index_no"))),
        "publisher": publisher or source or _meta(meta, "ContentSource"),
        "source": source,
        "doc_no": _doc_no(_best(found.get("doc_no"))),
        "written": parse_date(_best(found.get("written")))[0],
        "validity": _validity(_best(found.get("validity"))),
        "supervision_no": _digits(_best(found.get("supervision_no"))),
        "name": _best(found.get("name")),
    }
    fields.update(
        _published(found, publisher_date or source_date or next(filter(None, map(dateline, lines)), None), meta)
    )
    return MetadataBlock(fields=fields, text="\n".join(lines[i] for i in used))


def dateline(line: str) -> str | None:
    """The date a news copy prints before its 来源 (`2014年08月02日   来源:某某日报`), if `line` is one."""
    match = DATE.match(line)
    return match.group() if match and contains_label(line[match.end() :]) else None


def _published(
    found: dict[str, list[_Candidate]], glued_date: str | None, meta: Mapping[str, str] | None
) -> dict[str, str | None]:
    """发布日期 by label priority, then a date glued to the 来源 value, then PubDate, then 归档时间, then the
    成文/生成日期 (a page whose block prints only 生成日期 publishes on that day); `published_basis` says which."""
    filled = sorted((c for c in found.get("published", ()) if c.value), key=lambda c: (c.rank, c.order))
    attempts: list[tuple[str | None, str]] = [(c.value, "printed") for c in filled]
    attempts += [(glued_date, "printed"), (_meta(meta, "PubDate"), "meta")]
    attempts += [(_best(found.get("archived")), "archived"), (_best(found.get("written")), "written")]
    for value, basis in attempts:
        iso, time = parse_date(value)
        if iso:
            return {"published": iso, "published_time": time, "published_basis": basis}
    return {"published": None, "published_time": None, "published_basis": None}


def _index_no(value: str | None) -> str | None:
    if not value or value in _PLACEHOLDERS or "自动生成" in value:
        return None
    return value.split()[0]


# What a 有效性 value says (有效, 失效, 已废止, 长期有效 …); anything else is a widget's text that the label's empty
# value let in (`有 效 性` ⏎ `语音播报`)
_VALIDITY_WORDS = re.compile(r"有效|失效|废止|现行|暂行|试行|过期|长期|生效|作废")


def _validity(value: str | None) -> str | None:
    return value if value and _VALIDITY_WORDS.search(value) else None


def _doc_no(value: str | None) -> str | None:
    """The printed document number; an empty `发文字号: |` cell takes no value from the heading below it (`目录`),
    nor from the date line under the block (`2023-04-12 10:05`)."""
    if not value or value in _PLACEHOLDERS or _CONTENTS_HEADING.match(value) or _DATE_AND_TIME.fullmatch(value):
        return None
    return value


def _digits(value: str | None) -> str | None:
    match = re.search(r"\d{17,20}", value or "")
    return match.group(0) if match else None
