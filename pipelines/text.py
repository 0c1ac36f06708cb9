"""Bytes to text, and the text rules every page, table cell and attachment shares: the one normalisation,
the blank glyphs, the printed number and the printed date.

Portals serve GB2312/GBK/GB18030 as well as UTF-8, and the declaration is often wrong or missing (GBK bytes
labelled utf-8). `decode_bytes` therefore treats every declaration as a candidate to verify, not a fact: a
candidate must decode strictly, must not produce mojibake, and should contain labels every disclosure page
prints (发布, 索引号, 预算 …).
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


def _candidates(declared: list[str | None], data: bytes) -> Iterator[str | None]:
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
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data.decode(bom_codec, errors="replace"), bom_codec
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
    for codec in dict.fromkeys([*filter(None, declared), "utf-8", "gb18030"]):
        lenient = data.decode(codec, errors="replace")
        if _EXPECTED_LABELS.search(lenient) and lenient.count("\ufffd") * 100 <= len(lenient):
            return lenient, codec
    return fallback or (data.decode("gb18030", errors="replace"), "gb18030")


# Zero-width characters and the soft hyphen: invisible on the page, they only split words and numbers apart.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Folds NFKC does not make, for matching only: the traditional 萬/億 of amounts, the minus sign (U+2212) as `-`.
_MATCHING_FOLDS = {"萬": "万", "億": "亿", "\u2212": "-"}
# Cells and values that print nothing: a NULL, never a zero (a blank cell, a dash, a slash, 无).
BLANK_GLYPHS = frozenset(
    {
        "",
        "-",
        "--",
        "—",
        "——",
        "——————",
        "–",
        "－",
        "―",
        "─",
        "/",
        "／",
        "\\",
        "无",
        "N/A",
        "n/a",
    }
)


def is_blank(text: str | None) -> bool:
    """True for an empty cell or a placeholder glyph (`—`, `/`, `无` …): a NULL, never a zero."""
    return text is None or text.strip() in BLANK_GLYPHS


def _enumerators() -> dict[int, tuple[int, str]]:
    """Circled, parenthesised and full-stop enumerators: code point -> (number, `(n) ` or `n. ` form)."""
    forms: dict[int, tuple[int, str]] = {0x24EA: (0, "({}) ")}  # ⓪
    for first, low, high, form in (
        (0x2460, 1, 20, "({}) "),
        (0x2474, 1, 20, "({}) "),
        (0x2488, 1, 20, "{}. "),  # ① ⑴ ⒈
        (0x3251, 21, 35, "({}) "),
        (0x32B1, 36, 50, "({}) "),  # ㉑ ㊱
        (0x2776, 1, 10, "({}) "),
        (0x2780, 1, 10, "({}) "),
        (0x278A, 1, 10, "({}) "),  # ❶ ➀ ➊
    ):
        forms.update({first + n - low: (n, form) for n in range(low, high + 1)})
    return forms


def _translation(matching: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {
        code: " " if matching else form.format(n) for code, (n, form) in _enumerators().items()
    }
    table.update({ord(char): None for char in INVISIBLE})
    if matching:
        table.update({ord(char): folded for char, folded in _MATCHING_FOLDS.items()})
    return table


_READING = _translation(matching=False)
_MATCHING = _translation(matching=True)
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_MATCHING)) + "]")
_SPACE_RUN = re.compile(r"[ \t\f\v\r]{2,}|[\t\f\v\r]")


def normalise(text: str, *, matching: bool = False, collapse_spaces: bool = True) -> str:
    """The one text normalisation: NFKC (full-width digits and punctuation, NBSP and U+3000 as spaces),
    zero-width characters dropped, enumerators kept apart from numbers, newlines kept.

    The reading form (default) is what is stored and shown (body lines, titles, metadata, cells): `①12人` becomes
    `(1) 12人`, not `112人`. The matching form (`matching=True`) is the copy patterns and numbers are matched
    against, never stored: each enumerator becomes one space (its number is never a figure), 萬/億 read as 万/亿 and
    the minus sign U+2212 as `-`. `collapse_spaces` turns space and tab runs into one space; a copy mapped back to
    the original character by character keeps every position.
    """
    if not text.isascii():
        if _TRANSLATED.search(text):  # rare: a scan is much cheaper than translating every character
            text = text.translate(_MATCHING if matching else _READING)
        text = unicodedata.normalize("NFKC", text)
    return _SPACE_RUN.sub(" ", text) if collapse_spaces else text


def is_normalised(text: str) -> bool:
    """Whether `text` holds nothing that either form of `normalise` would change (spaces aside)."""
    return text.isascii() or (not _TRANSLATED.search(text) and unicodedata.is_normalized("NFKC", text))


# A printed number (PHENOMENA §4): a comma is a thousands separator only inside an integer part, before exactly
# three digits not followed by another digit (`612.30,640.18` is a list of two), also after a space a PDF's text
# put there when the amount has decimals (`1, 537.4万元`); only `-`, `−`, `－` directly before the digits are a minus.
NUMBER = (
    r"(?P<sign>(?<![\dA-Za-z.])[-−－])?"
    r"(?P<num>(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?:, \d{3})+(?!\d)\.\d+"
    r"|\d+\. \d+(?=\s*(?:[万亿千]\s*元|元|%))|\d+(?:\.\d+)?))"
)  # also a PDF's space after a decimal point, before the amount's unit (`12. 6万元`)
_LEADING_NUMBER = re.compile(rf"\s*\+?{NUMBER}\s*(?P<rest>.*?)\s*", re.S)


def parse_decimal(text: str) -> Decimal:
    """`1,234.50` → Decimal('1234.50'); signs `-`, `−`, `－` accepted; raises ValueError otherwise."""
    cleaned = re.sub(r"\s+", "", text).replace(",", "").replace("−", "-").replace("－", "-")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error


def number_value(match: re.Match[str]) -> Decimal:
    """The value of a `NUMBER` match, its sign applied (its digits hold no sign to clean)."""
    value = Decimal(match.group("num").replace(",", "").replace(" ", ""))
    return -value if match.group("sign") else value


# No budget line reaches this many yuan (China's whole annual GDP is about 1.3e14): an amount this large is a
# garbled or hostile number, and past 28 digits Decimal cannot even round it to the fen.
IMPLAUSIBLE_YUAN = Decimal("1e15")
_FEN = Decimal("0.01")


class ImplausibleNumber(ValueError):
    """An amount outside any plausible range; the page keeps its text, without figures, and a defect says why."""


def to_yuan(value: Decimal, multiplier: Decimal) -> float:
    """Money in yuan, rounded to the fen: `448.26` × 10 000 → 4482600.0; page text, page tables and attachment
    forms alike."""
    amount = value * multiplier
    if abs(amount) >= IMPLAUSIBLE_YUAN:
        raise ImplausibleNumber(f"an amount of {value:.6g} × {multiplier} yuan is outside any plausible range")
    return float(amount.quantize(_FEN, rounding=ROUND_HALF_UP))


def leading_number(text: str | None) -> tuple[Decimal, str] | None:
    """A cell's printed number and what follows it: `'1,860,000.00'` → (1860000.00, ''), `'52次'` → (52, '次'),
    `'+3.6'` → (3.6, ''); None for a blank glyph or a cell that does not start with a number."""
    if text is None or is_blank(text):
        return None
    match = _LEADING_NUMBER.fullmatch(normalise(text, matching=True))
    return (number_value(match), match.group("rest")) if match else None


# A printed date: `2023-06-14`, `2023/6/14`, `2023.06.14`, `2023年6月14日`, spaces allowed; then an optional time.
DATE = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_TIME = re.compile(DATE.pattern + r"(?:(?:\s*|T)(\d{1,2})\s*[:时]\s*(\d{2}))?")
_COMPACT_DATE = re.compile(r"(?<!\d)(\d{4})(\d{2,4})(?!\d)")
# A date printed year last, as a foreign-made CMS prints it: `18.07.2015`, `3/11/2016`.
_YEAR_LAST_DATE = re.compile(r"(?<![\d.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d.])")


def find_date(text: str) -> str | None:
    """The first date printed in `text`, as printed (a list page's `2023/09/26`), or None."""
    match = DATE.search(text)
    return match.group(0).strip() if match else None


def parse_date(value: str | None) -> tuple[str | None, str | None]:
    """(ISO date, HH:MM or None) from a printed date; (None, None) when no single reading exists.

    Separators may be lost (`2024915`): such a date is only accepted when exactly one month/day split is valid
    (`2024111` could be Jan 11 or Nov 1, so it is rejected). A date printed year last is read the same way: only
    when one of day-first and month-first is a date (`18.07.2015`, not `05.06.2015`).
    """
    if not value:
        return None, None
    match = _DATE_TIME.search(value)
    if match:
        year, month, day, hour, minute = match.groups()
        iso = _iso(int(year), int(month), int(day))
        if iso:
            time = f"{int(hour):02d}:{minute}" if hour and int(hour) < 24 and int(minute) < 60 else None
            return iso, time
    match = _COMPACT_DATE.search(value)
    if match:
        year, rest = int(match.group(1)), match.group(2)
        readings = {_iso(year, int(rest[:cut]), int(rest[cut:])) for cut in (1, 2) if 0 < len(rest) - cut <= 2}
        return _single(readings), None
    match = _YEAR_LAST_DATE.search(value)
    if match:
        first, _, second, year = match.groups()
        return _single({_iso(int(year), int(second), int(first)), _iso(int(year), int(first), int(second))}), None
    return None, None


def _single(readings: set[str | None]) -> str | None:
    """The one valid reading of a date, or None when there is none or more than one."""
    readings.discard(None)
    return readings.pop() if len(readings) == 1 else None


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1980 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# Characters that only traditional script uses, among the commonest of these reports (經費, 萬元, 編制, 決算 …).
TRADITIONAL_CHARS = re.compile(
    "[經費國務車購運維護萬億預決撥編餘結轉會議訓為這個來時說報總計項與"
    "際實數據開關義產業區縣鄉鎮辦廳處門條體員險稅爲綫線]"
)
_TRADITIONAL_MIN = 5  # in the first `_SAMPLE` characters: a simplified page may quote a name or two
_SAMPLE = 5000
# Pinyin glossed after a character on mirror sites: 經(jīng)費(fèi).
GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\( ?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7} ?\)")  # also `(chuàng )`


@functools.lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """Whether a text is written in traditional script (a mirror's copy of a report)."""
    return len(TRADITIONAL_CHARS.findall(text, 0, _SAMPLE)) >= _TRADITIONAL_MIN


# Variant forms OpenCC's t2s leaves as they are, in place names a portal's mirror prints (`陜西省`).
_VARIANTS = str.maketrans({"陜": "陕"})


def to_simplified(text: str) -> str:
    """Traditional to simplified with OpenCC, character for character, so offsets into `text` stay valid: when a
    phrase conversion changes the length, each character is converted on its own."""
    converted = _converter().convert(text)
    if len(converted) != len(text):
        converted = "".join(_simplified_char(char) for char in text)
    return converted.translate(_VARIANTS)


@functools.lru_cache(maxsize=8192)
def _simplified_char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def simplified_reading(text: str) -> str:
    """A traditional-script text (a title, a name, a metadata line of a traditional page) as it reads in
    simplified script, pinyin glosses dropped."""
    return GLOSS.sub("", to_simplified(text))
