"""Printed numbers and their units: scanning a normalised text, parsing one table cell, converting to yuan.

Rules (docs/data-dictionary.md): a comma is a thousands separator only inside an integer part, before exactly three
digits that are followed by `.`, the unit or the end of the number (`612.30,640.18` is a list of two); only
`-`, `−`, `－` directly before digits are a minus; a blank cell, `-`, `—`, `/` or `无` is NULL, never 0.
Amounts are `Decimal` until the very end, where money is rounded to the fen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipelines.figures.units import canonical_unit, unit_class
from pipelines.lexicon import guarded
from pipelines.text import NUMBER, is_blank, number_value

# What may follow a number as its unit, across spaces and line breaks (`1.27 万\n元`, `92 分`).
# `万` before another Han character that is not 元 (nor a word that goes on the sentence, `350万已全部到位`) is a
# count of something else (`1.2万亩`, `1.36万户`), and so is `万` before a measure's letters (`766万m³`, NFKC `m3`).
# A measure (`29公里`, `84000米`, `70座`) is no amount, so it never takes a money unit printed elsewhere in its
# sentence.
UNIT = (
    r"(?P<unit>万\s*元|亿\s*元|千\s*元|元|万(?=\s*[\u4e00-\u9fff])(?!\s*[元已全均用于的为是拨])[\u4e00-\u9fff]?|"
    r"万\s*(?:m[23]|km|kg|kwh|kw)(?![A-Za-z])|万|亿|"
    r"%|‰|人次|个批次|批次|批[(（]次[)）]|个|人|名|次|批|辆|台|分(?![之钟])|户|亩|家|所|项|件|株|场次|场|"
    r"平方公里|平方米|立方米|公里|千米|米|吨|公斤|千克|座|(?:m[23]|km|kg)(?![A-Za-z]))"
)
_TOKEN = re.compile(guarded(NUMBER + r"(?:[ \t\n]*" + UNIT + r")?"))

_CELL = re.compile(r"^\s*(?P<yuan>[¥￥]\s*)?" + NUMBER + r"\s*(?:" + UNIT + r")?\s*$")
_YUAN_SIGN = re.compile(r"[¥￥]\s*$")  # `¥1,234,500.00`: a sign before the number says 元

# Count units whose next character names what was counted (`3个科室`, `14个项目`) unless it is a connector.
# Vehicles stay vehicles whatever noun follows (`5辆执法执勤用车`).
_COUNT_UNITS = frozenset(
    {
        "个",
        "次",
        "人",
        "名",
        "批",
        "批次",
        "个批次",
        "人次",
        "户",
        "家",
        "所",
        "项",
        "件",
        "株",
        "场",
        "场次",
    }
)
_CONNECTORS = frozenset("其均累共和及与以分左、等的")  # `10人次的出国费用`: the count is of persons
# The next clause of a staff list glued on without a comma (`行政编制30人实有19人`, `在职人员15人退休人员7人`): no
# noun the count counts
_STAFF_CLAUSE = re.compile(r"实有|实际|在职|在编|现有|离退休|退休|离休|聘用|编外|遗属")


@dataclass(slots=True)
class NumberToken:
    """A printed number in the normalised text, with the unit printed right after it (if any)."""

    num_start: int
    num_end: int
    end: int  # end of the unit, or num_end
    value: Decimal
    unit: str | None  # canonical unit (`万元`, `元`, `%`, `人次` …)
    unit_class: str | None  # money / percent / group / person / vehicle / score / other
    counts_other: bool = False  # `3个科室`: the count belongs to the noun after it
    masked: bool = False  # inside a date, phone number, document number, identifier …

    @property
    def has_unit(self) -> bool:
        return self.unit is not None


def scan_numbers(text: str) -> list[NumberToken]:
    """Every printed number of a normalised text, left to right, with its inline unit."""
    tokens = []
    for match in _TOKEN.finditer(text):
        unit_text = match.group("unit")
        unit = canonical_unit(unit_text) if unit_text else None
        value = number_value(match)
        end = match.end() if unit_text else match.end("num")
        start = match.start("sign") if match.group("sign") else match.start("num")
        if unit is None and _YUAN_SIGN.search(text, max(0, start - 3), start):
            unit = "元"
        token = NumberToken(
            num_start=start,
            num_end=match.end("num"),
            end=end,
            value=value,
            unit=unit,
            unit_class=unit_class(unit),
        )
        token.counts_other = unit in _COUNT_UNITS and _names_a_noun(text, end)
        tokens.append(token)
    return tokens


def _names_a_noun(text: str, position: int) -> bool:
    following = text[position : position + 1]
    return (
        bool(following)
        and "\u4e00" <= following <= "\u9fff"
        and following not in _CONNECTORS
        and not _STAFF_CLAUSE.match(text, position)
    )


@dataclass
class CellValue:
    """One table cell read as a number: `value` is None for a blank glyph or for text."""

    value: Decimal | None
    unit: str | None
    blank: bool
    numeric: bool


def parse_cell(text: str) -> CellValue:
    """A table cell: `1,386.00`, `120万`, `98.83%`, `¥1,386.00` (元), blank glyphs (→ NULL), or text (not
    numeric)."""
    stripped = text.strip()
    if is_blank(stripped):
        return CellValue(None, None, True, False)
    match = _CELL.match(stripped)
    if not match:
        return CellValue(None, None, False, False)
    unit_text = match.group("unit")
    unit = canonical_unit(unit_text) if unit_text else ("元" if match.group("yuan") else None)
    return CellValue(number_value(match), unit, False, True)


def decimals_of(value_text: str) -> int:
    """How many decimals were printed (`12.60` → 2): the precision a check may tolerate."""
    digits = value_text.strip().rstrip("%").split(".")
    return len(digits[1]) if len(digits) == 2 else 0
