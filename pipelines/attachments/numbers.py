"""Numbers in form cells: how a spreadsheet displays them, and how printed text becomes a value.

Two directions:

* `display_number(value, number_format)` renders a stored cell number the way Excel shows it
  (`0.9351` under `0.00%` → `93.51%`, `1860000` under `#,##0.00` → `1,860,000.00`). Forms are read
  "as printed", so every later step works from this text.
* `money_value`, `split_target` and `actual_number` read printed cells (`≥48次`, `7.14万元`, `96.5%`) by the
  data dictionary's rules, on top of `pipelines.text.leading_number` (the printed number and what follows it).
  A blank, `—`, `-`, `/` or `无` is never zero.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from pipelines.text import is_blank, leading_number, to_yuan

OPERATORS = {
    "≥": "≥",
    "≧": "≥",
    ">=": "≥",
    "≤": "≤",
    "≦": "≤",
    "<=": "≤",
    ">": ">",
    "<": "<",
    "=": "=",
    "═": "=",
    "＝": "=",
    "＞": ">",
    "＜": "<",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "不高于": "≤",
    "不超过": "≤",
    "不多于": "≤",
    "不大于": "≤",
}
_OPERATOR_RE = re.compile("|".join(re.escape(op) for op in sorted(OPERATORS, key=len, reverse=True)))
# A target whose unit starts with one of these (`12月底前`, `5月31日前`) is a date, kept as text.
_DATE_UNIT_RE = re.compile(r"^(月|日|号|年(?!度)|时|点)")
MONEY_UNITS = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "万": Decimal(10_000),
    "亿元": Decimal(100_000_000),
    "亿": Decimal(100_000_000),
}


def percent_number(text: str | None) -> float | None:
    """A rate as printed, in percent: `'93.51%'` → 93.51, `'97.22'` (under a `(%)` header) → 97.22."""
    parsed = leading_number(text)
    if parsed is None or parsed[1] not in ("", "%", "‰"):
        return None
    number = parsed[0] / 10 if parsed[1] == "‰" else parsed[0]
    return float(number)


def to_python(number: Decimal) -> int | float:
    """An integral printed number stays an int (`500`), anything else is a float."""
    return int(number) if number == number.to_integral_value() and "." not in str(number) else float(number)


def money_value(text: str | None, unit_text: str | None) -> tuple[float | None, str | None, bool]:
    """Yuan, rounded to the fen, from a printed amount; a unit printed in the cell (`120万`) wins.

    Returns (value, unit_text actually used, inline?) — value None for blanks and non-numbers."""
    parsed = leading_number(text)
    if parsed is None:
        return None, unit_text, False
    number, suffix = parsed
    if suffix:
        if suffix not in MONEY_UNITS:
            return None, unit_text, False
        unit_text, inline = suffix, True
    else:
        inline = False
    factor = MONEY_UNITS.get(unit_text or "元", Decimal(1))
    return to_yuan(number, factor), unit_text, inline


def normalise_operator(glyph: str | None) -> str | None:
    """`≧`→`≥`, `≦`→`≤`, `═`/`＝`→`=`; None for anything that is not an operator (`定性`, `正向`)."""
    if not glyph:
        return None
    return OPERATORS.get(glyph.strip())


def split_target(text: str | None) -> tuple[str | None, int | float | None, str | None]:
    """An inline target `≥48次` → ('≥', 48, '次'). Dates (`5月31日前`), ranges (`90%-95%`) and words
    give (None, None, None): the caller keeps them as text."""
    if text is None or is_blank(text):
        return None, None, None
    stripped = text.strip()
    operator = None
    match = _OPERATOR_RE.match(stripped)
    if match:
        operator = OPERATORS[match.group(0)]
        stripped = stripped[match.end() :]
    parsed = leading_number(stripped)
    if parsed is None:
        return None, None, None
    number, unit = parsed
    if re.search(r"\d", unit) or (operator is None and _DATE_UNIT_RE.match(unit)):
        return None, None, None
    return operator, to_python(number), unit or None


def actual_number(text: str | None) -> int | float | None:
    """`'96.5%'` → 96.5, `'7.14万元'` → 7.14, `'-3.6'` → -3.6; words and dates (`5月28日完成`) → None."""
    parsed = leading_number(text)
    if parsed is None:
        return None
    number, unit = parsed
    if re.search(r"\d", unit) or _DATE_UNIT_RE.match(unit):
        return None
    return to_python(number)


# --- Excel display -------------------------------------------------------------------------------------

_FORMAT_TOKEN_RE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]|.', re.S)
_DATE_CODE_RE = re.compile(r"[ymdhsYMDHS]")


def display_value(value: object, number_format: str | None) -> str:
    """The text a spreadsheet shows for a stored value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return display_number(value, number_format)
    return str(value).strip()


def display_number(value: int | float, number_format: str | None) -> str:
    """Render a number with an Excel number format: sections, `%`, decimals, thousands, literals."""
    sections = _split_sections(number_format or "General")
    section = sections[0]
    if value < 0 and len(sections) > 1:
        section, value = sections[1], -value
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    tokens = _FORMAT_TOKEN_RE.findall(section)
    code = "".join(t for t in tokens if len(t) == 1)
    if code.strip().lower() in ("general", "", "@") or _DATE_CODE_RE.search(code) or "E" in code.upper():
        return _general(value)
    return _render_tokens(Decimal(repr(value)), tokens)


def _split_sections(number_format: str) -> list[str]:
    sections: list[str] = []
    current: list[str] = []
    for token in _FORMAT_TOKEN_RE.findall(number_format):
        if token == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(token)
    sections.append("".join(current))
    return sections


def _render_tokens(value: Decimal, tokens: list[str]) -> str:
    placeholders = [i for i, t in enumerate(tokens) if t in ("0", "#", "?")]
    if not placeholders:
        return "".join(_literal(t) for t in tokens)
    first, last = placeholders[0], placeholders[-1]
    number_part = tokens[first : last + 1]
    scale_commas = 0
    for token in tokens[last + 1 :]:
        if token != ",":
            break
        scale_commas += 1
    percent_count = tokens.count("%")
    value = value * (Decimal(100) ** percent_count) / (Decimal(1000) ** scale_commas)
    fraction = number_part[number_part.index(".") + 1 :] if "." in number_part else []
    decimals = sum(1 for t in fraction if t in ("0", "#", "?"))
    optional = decimals - fraction.count("0")  # `#` / `?` decimals show only when not zero
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    number_text = f"{rounded:,.{decimals}f}" if "," in number_part else f"{rounded:.{decimals}f}"
    while optional and number_text.endswith("0"):
        number_text, optional = number_text[:-1], optional - 1
    number_text = number_text.rstrip(".")
    prefix = "".join(_literal(t) for t in tokens[:first])
    suffix = "".join(_literal(t) for t in tokens[last + 1 + scale_commas :])
    return (prefix + number_text + suffix).strip()


def _literal(token: str) -> str:
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith(("_", "*", "[")):
        return ""
    return token


def _general(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"
