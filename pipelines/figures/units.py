"""Units: their canonical spelling, their class, money multipliers, and units printed around tables.

Resolution order for a number without its own unit (docs/design.md), recorded as `unit_basis`:
`inline` (printed right after it) → `sentence` (in brackets after its wording, `基本支出(元):…`, else the nearest
sibling unit in the same sentence) → `table_header` (its row label `一、总收入(元)`, column header `（万元）`, merged
header row, caption, `单位：万元` line) → `sheet` → `inferred` (a document default). Columns that carry their own
unit (率, 分值, 得分, `%`, 人, 个 …) are exempt from a table unit.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from decimal import Decimal

from pipelines.lexicon import lexicon

MONEY_MULTIPLIERS: dict[str, Decimal] = lexicon().money_multipliers
_CLASSES = lexicon().unit_classes
_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(万元|亿元|千元|元)(?![\u4e00-\u9fff])")
_HEADER_UNIT = re.compile(r"(?:单位\s*[:：]?\s*|[(（]\s*)(万元|亿元|千元|元|万)(?![\u4e00-\u9fff])")
_EXEMPT_HEADER = re.compile(r"率|%|分值|得分|权重|评分|分数|人数|人次|个数|辆|次数|序号|行次|栏次|等级|备注|说明")

# `sheet` (a workbook's `金额单位：元`) is the attachment parsers' basis; body text and HTML tables use these.
INLINE, SENTENCE, TABLE_HEADER, INFERRED = "inline", "sentence", "table_header", "inferred"


@functools.lru_cache(maxsize=256)
def canonical_unit(text: str) -> str:
    """`万\\n元` → `万元`, `批(次)` → `批次`; other units are returned without whitespace."""
    return re.sub(r"\s+|[(（)）]", "", text)


def unit_class(unit: str | None) -> str | None:
    if unit is None:
        return None
    if unit in MONEY_MULTIPLIERS:
        return "money"
    return _CLASSES.get(unit, "other")


def header_unit(text: str) -> str | None:
    """The money unit a caption, header or `单位：万元` line declares, or None."""
    match = _HEADER_UNIT.search(text or "")
    return match.group(1) if match else None


def last_declared_unit(text: str, start: int, end: int) -> str | None:
    """The last money unit `text[start:end]` declares the way a header does (`(元)`, `（单位：万元）`, `单位:元`)."""
    return next((m.group(1) for m in reversed(list(_HEADER_UNIT.finditer(text, start, end)))), None)


def exempt_from_table_unit(header: str) -> bool:
    """Rate, score, weight, count and note columns keep their own unit."""
    return bool(_EXEMPT_HEADER.search(header))


def default_money_unit(units: list[str], text: str = "") -> str:
    """The document default for amounts printed without any unit: the most frequent inline money unit, else
    the unit a `单位：元` / `金额单位：元` line declares (a table flattened to text), else 万元."""
    money = [unit for unit in units if unit in MONEY_MULTIPLIERS]
    if money:
        return Counter(money).most_common(1)[0][0]
    declared = _UNIT_LINE.search(text)
    return declared.group(1) if declared else "万元"
