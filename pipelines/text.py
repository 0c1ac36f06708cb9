"""Bytes to text, and the one text normalisation every page goes through.

Portals serve GB2312/GBK/GB18030 as well as UTF-8, and the declaration is often wrong or missing (GBK bytes
labelled utf-8). `decode_bytes` therefore treats every declaration as a candidate to verify, not a fact: a
candidate must decode strictly, must not produce mojibake, and should contain labels every disclosure page
prints (发布, 索引号, 预算 …).
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata

import opencc
from charset_normalizer import from_bytes

# Declared names that must be decoded as GB18030: it is a superset, and rare name characters (and the euro
# sign) fall outside GB2312/GBK although pages declaring those charsets use them.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "hz-gb-2312"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DETECTABLE = {"gb18030", "big5", "big5hkscs", "cp950", "utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_HEAD_BYTES = 8192
# Strings that only appear when text was decoded with the wrong codec: UTF-8 bytes read as GBK (锟斤拷 is
# U+FFFD's UTF-8 form; 鍙戝竷/绱㈠紩鍙/棰勭畻/鏃ユ湡/閮ㄩ棬 are 发布/索引号/预算/日期/部门), or UTF-8 read as Latin-1.
# A U+FFFD in a strict decode is weaker evidence (scrapers save it into UTF-8 text), so it only demotes a
# candidate to a fallback.
_MOJIBAKE = re.compile("锟斤拷|鍙戝竷|绱㈠紩鍙|棰勭畻|鏃ユ湡|閮ㄩ棬|鍐崇畻|[\u00c2-\u00ef][\u0080-\u00bf]")
# Labels that nearly every disclosure page prints; their presence confirms a decoding.
_EXPECTED_LABELS = re.compile("发布|索引号|预算|决算|日期|来源|政府|信息公开|绩效")


def canonical_charset(name: str | None) -> str | None:
    """The Python codec to use for a declared charset name, or None when the name is unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset named by `<meta charset>` or `http-equiv` in the first bytes of an HTML page."""
    match = _META_CHARSET.search(data[:_HEAD_BYTES])
    return match.group(1).decode("ascii", "ignore") if match else None


def _detected_charset(data: bytes) -> str | None:
    """charset_normalizer's guess, trusted only for codecs Chinese portals use (on short or damaged Chinese
    pages it also proposes Cyrillic code pages or BOM-less UTF-16)."""
    best = from_bytes(data).best()
    encoding = canonical_charset(best.encoding) if best else None
    return encoding if encoding in _DETECTABLE else None


def _strict_decode(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _MOJIBAKE.search(text) else text


def _candidates(declared: list[str | None], data: bytes):
    """Codecs to try, in order; detection (the costly step) only runs when the cheap ones did not fit."""
    yield from declared
    yield "utf-8"
    yield _detected_charset(data)
    yield "gb18030"


def decode_bytes(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode a fetched body; return (text, codec used).

    Order: BOM, HTTP header charset, in-page declaration, strict UTF-8, charset_normalizer detection,
    GB18030. A candidate counts only if it decodes strictly without mojibake, and wins if its text also
    contains an expected label. When none does, a few damaged bytes are tolerated in a declared codec, UTF-8 or
    GB18030 (replacement characters) if that reads like a disclosure page; else the first strict decode wins,
    else GB18030 with replacement.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    declared = [canonical_charset(http_charset), canonical_charset(declared_charset(data))]
    tried: set[str] = set()
    fallback: tuple[str, str] | None = None
    for encoding in _candidates(declared, data):
        if not encoding or encoding in tried:
            continue
        tried.add(encoding)
        text = _strict_decode(data, encoding)
        if text is None:
            continue
        if "\ufffd" not in text and _EXPECTED_LABELS.search(text):
            return text, encoding
        fallback = fallback or (text, encoding)
    for encoding in dict.fromkeys([*filter(None, declared), "utf-8", "gb18030"]):
        text = data.decode(encoding, errors="replace")
        if _EXPECTED_LABELS.search(text) and text.count("\ufffd") * 100 <= len(text):
            return text, encoding
    return fallback or (data.decode("gb18030", errors="replace"), "gb18030")


def _enumerator_table() -> dict[int, str | None]:
    """Circled/parenthesised/full-stop enumerators mapped to a spaced form NFKC cannot glue to a number."""
    table: dict[int, str | None] = {}
    for n in range(1, 21):
        table[0x2460 + n - 1] = f"({n}) "  # ① … ⑳
        table[0x2474 + n - 1] = f"({n}) "  # ⑴ … ⒇
        table[0x2488 + n - 1] = f"{n}. "  # ⒈ … ⒛
    for n in range(21, 36):
        table[0x3251 + n - 21] = f"({n}) "  # ㉑ … ㉟
    for n in range(36, 51):
        table[0x32B1 + n - 36] = f"({n}) "  # ㊱ … ㊿
    for n in range(1, 11):
        table[0x2776 + n - 1] = f"({n}) "  # ❶ … ❿
        table[0x2780 + n - 1] = f"({n}) "  # ➀ … ➉
        table[0x278A + n - 1] = f"({n}) "  # ➊ … ➓
    table[0x24EA] = "(0) "  # ⓪
    for invisible in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
        table[invisible] = None
    return table


_ENUMERATORS = _enumerator_table()
_SPACE_RUN = re.compile(r"[ \t\f\v\r]{2,}|[\t\f\v\r]")


def normalise(text: str) -> str:
    """NFKC with enumerators protected, zero-width characters removed and space runs collapsed.

    `①12人` becomes `(1) 12人`, not `112人`; NBSP and U+3000 become plain spaces (NFKC); newlines are kept.
    """
    text = unicodedata.normalize("NFKC", text.translate(_ENUMERATORS))
    return _SPACE_RUN.sub(" ", text)


# Characters that only traditional script uses, among the commonest of these reports (經費, 萬元, 編制, 決算 …).
TRADITIONAL_CHARS = re.compile(
    "[經費國務車購運維護萬億預決撥編餘結轉會議訓為這個來時說報總計項與"
    "際實數據開關義產業區縣鄉鎮辦廳處門條體員險稅爲綫線]"
)
_TRADITIONAL_MIN = 5  # in the first `_SAMPLE` characters: a simplified page may quote a name or two
_SAMPLE = 5000
# Pinyin glossed after a character on mirror sites: 經(jīng)費(fèi).
GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


@functools.lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """Whether a text is written in traditional script (a mirror's copy of a report)."""
    return len(TRADITIONAL_CHARS.findall(text, 0, _SAMPLE)) >= _TRADITIONAL_MIN


def to_simplified(text: str) -> str:
    """Traditional to simplified with OpenCC, character for character, so offsets into `text` stay valid: when a
    phrase conversion changes the length, each character is converted on its own."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_simplified_char(char) for char in text)


@functools.lru_cache(maxsize=8192)
def _simplified_char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def simplified_reading(text: str) -> str:
    """A traditional-script text (a title, a name, a metadata line of a traditional page) as it reads in
    simplified script, pinyin glosses dropped."""
    return GLOSS.sub("", to_simplified(text))
