"""Property tests: any amount in any supported rendering parses back to the same yuan value; blanks are NULL."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.body import Body
from pipelines.figures import extract_figures
from pipelines.figures.numbers import parse_cell, scan_numbers
from pipelines.figures.sentences import matching_copy
from pipelines.figures.units import MONEY_MULTIPLIERS
from pipelines.text import BLANK_GLYPHS, IMPLAUSIBLE_YUAN, to_yuan

FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")
UNITS = {"元": 2, "万元": 6, "亿元": 8}  # decimals that keep a value exact to the fen


def grouped(integer: int) -> str:
    return f"{integer:,}"


@st.composite
def printed_amounts(draw):
    unit = draw(st.sampled_from(sorted(UNITS)))
    # up to 10^9 of the unit, below the plausibility bound (an amount past it is a recorded defect, tested apart)
    integer = draw(st.integers(min_value=0, max_value=min(10**9, int(IMPLAUSIBLE_YUAN / MONEY_MULTIPLIERS[unit]) - 1)))
    decimals = draw(st.integers(min_value=0, max_value=UNITS[unit]))
    fraction = draw(st.integers(min_value=0, max_value=10**decimals - 1)) if decimals else None
    number = grouped(integer) if draw(st.booleans()) else str(integer)
    if fraction is not None:
        number += "." + str(fraction).zfill(decimals)
    value = Decimal(number.replace(",", ""))
    if draw(st.booleans()):
        number = number.translate(FULL_WIDTH)
    space = draw(st.sampled_from(["", " ", "\u3000", "\n"]))
    printed_unit = unit if draw(st.booleans()) else unit[0] + draw(st.sampled_from([" ", "\n", ""])) + unit[1:]
    return number + space + printed_unit, value, unit


@settings(max_examples=300, deadline=None)
@given(printed_amounts())
def test_any_rendering_parses_back_to_the_same_yuan_value(case):
    printed, value, unit = case
    (token,) = scan_numbers(matching_copy(printed).text)
    assert to_yuan(token.value, MONEY_MULTIPLIERS[token.unit]) == to_yuan(value, MONEY_MULTIPLIERS[unit])


@settings(max_examples=100, deadline=None)
@given(printed_amounts())
def test_an_amount_in_a_sentence_becomes_the_same_figure(case):
    printed, value, unit = case
    document = {"department": "示例局", "fiscal_year": 2022, "report_type": "final_accounts"}
    (figure,) = extract_figures(Body(text=f"会议费支出{printed}。"), document)["figures"]
    assert figure["value"] == to_yuan(value, MONEY_MULTIPLIERS[unit])
    assert figure["value_text"] in figure["source_text"]


@given(st.sampled_from(sorted(BLANK_GLYPHS)), st.sampled_from(["", " ", "\u3000", "\t"]))
def test_any_blank_glyph_is_null(glyph, padding):
    cell = parse_cell(padding + glyph + padding)
    assert cell.blank and cell.value is None
