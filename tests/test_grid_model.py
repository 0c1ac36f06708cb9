"""The one table model: every source format gives the same grid, and the same form gives the same records
whether it is printed in a page body or sent as an xlsx attachment."""

from __future__ import annotations

import html
import sys
import unicodedata
from pathlib import Path

import pytest

from pipelines.attachments import parse_attachment, read_grids
from pipelines.extract import extract_page
from pipelines.figures.text_figures import project_name
from pipelines.grid import Grid, PrintedCell, grid_from_printed

sys.path[:0] = [str(Path(__file__).parent / "fixtures")]
import make_attachment_fixtures as fixtures  # noqa: E402

SANGONG = [
    ["项目", "预算数", "决算数"],
    ["合计", "52,000.00", "48,310.50"],
    ["因公出国(境)费", "0.00", "0.00"],
    ["公务接待费", "12,000.00", "9,860.50"],
]


def _sheet(rows: list[list[str]], title: str) -> fixtures.Sheet:
    sheet = fixtures.Sheet("表1", len(rows[0]), title)
    sheet.put(0, 0, title, cols=len(rows[0]))
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            sheet.put(r, c, text)
    return sheet


def _html_table(sheet: fixtures.Sheet, first_row: int = 0) -> str:
    """The sheet as an HTML table: merged ranges as rowspan/colspan, empty positions as empty cells."""
    by_position = {(cell.row, cell.col): cell for cell in sheet.cells}
    covered: set[tuple[int, int]] = set()
    rows = []
    for r in range(first_row, sheet.height):
        cells = []
        for c in range(sheet.width):
            if (r, c) in covered:
                continue
            cell = by_position.get((r, c))
            span = (cell.rows, cell.cols) if cell else (1, 1)
            covered.update((r + dr, c + dc) for dr in range(span[0]) for dc in range(span[1]))
            text = html.escape(cell.text).replace("\n", "<br>") if cell else ""
            cells.append(f"<td rowspan='{span[0]}' colspan='{span[1]}'>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _page(title: str, content: str) -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<div class='v_news_content'><p>{title}</p>{content}</div></body></html>"
    )


def _table_part(grid: Grid, width: int) -> list[list[str]]:
    """The rows of a grid that belong to the table (a document's or PDF's title paragraph is its own row)."""
    return [list(row[:width]) for row in grid.texts if len(row) >= width]


def test_every_source_format_gives_the_same_grid():
    title = "2022年度三公经费支出统计表"
    sheet = _sheet(SANGONG, title)
    width = len(SANGONG[0])
    grids = {
        "xlsx": read_grids(fixtures.write_xlsx([sheet]))[0],
        "xls": read_grids(fixtures.write_xls([sheet]))[0],
        "docx": read_grids(fixtures.write_docx([sheet]))[0],
        "pdf": read_grids(fixtures.write_pdf([sheet]))[0],
    }
    page = extract_page(_page(title, "<p>单位：元</p>" + _html_table(sheet, first_row=1)).encode())
    text_lines = "\n".join(f"{cell} |" for row in SANGONG for cell in row)
    plain = extract_page(f"{title}\n发布日期：2023-05-01\n单位：元\n{text_lines}\n".encode())
    expected = [[title] * width, *SANGONG]
    for kind in ("xlsx", "xls"):
        assert grids[kind].texts == expected, kind
    for kind in ("docx", "pdf"):
        assert _table_part(grids[kind], width) == SANGONG, kind
    for result in (page, plain):
        assert {(f["metric"], f["value"], f["unit_text"]) for f in result["figures"]} == {
            ("sangong.total", 48310.5, "元"),
            ("sangong.outbound", 0.0, "元"),
            ("sangong.reception", 9860.5, "元"),
        }


def _folded(record: dict, keys: tuple[str, ...]) -> dict:
    """The record's fields, texts in NFKC (a page body prints `，` as `,` after normalisation)."""
    return {k: unicodedata.normalize("NFKC", v) if isinstance(v, str) else v for k, v in record.items() if k in keys}


@pytest.mark.parametrize("layout", ["yunnan14", "national"])
def test_a_form_in_a_page_body_gives_the_same_records_as_the_same_form_in_an_xlsx(layout):
    spec = fixtures.A if layout == "yunnan14" else fixtures.B
    sheet = getattr(fixtures, layout)(spec)
    attachment = parse_attachment(fixtures.write_xlsx([sheet]), "自评表.xlsx")
    title = f"{spec.department}{spec.year}年度项目支出绩效自评报告"
    page = extract_page(_page(title, "<p>表1 项目支出绩效自评表</p>" + _html_table(sheet, first_row=1)).encode())

    def money(records: list[dict]) -> set[tuple]:
        return {(f["metric"], project_name(f["subject"]), f["value"]) for f in records}

    # the same reading; only the name differs by convention: a page drops the trailing 项目 its form's cell prints,
    # an attachment keeps the cell as printed (the two gold answer formats)
    assert money(page["figures"]) == money(attachment["figures"]) != set()
    assert not any(f["metric"].startswith("revenue.") for f in page["figures"])
    keys = ("name", "initial_budget", "full_year_budget", "executed", "execution_rate_pct", "score", "rating")
    assert [{k: p[k] for k in keys} for p in page["projects"]] == [
        {**{k: p[k] for k in keys}, "name": project_name(p["name"])} for p in attachment["projects"]
    ]
    indicator_keys = (
        "project",
        "level1",
        "level2",
        "level3",
        "target_text",
        "target_operator",
        "target_value",
        "target_unit",
        "actual_text",
        "actual_value",
        "weight",
        "score",
        "deviation_note",
    )
    assert (
        [_folded(i, indicator_keys) for i in page["indicators"]]
        == [_folded({**i, "project": project_name(i["project"])}, indicator_keys) for i in attachment["indicators"]]
        != []
    )
    evaluation_keys = ("subject_type", "subject", "score", "max_score", "rating_text", "rating")
    assert [{k: e[k] for k in evaluation_keys} for e in page["evaluations"] if e["subject_type"] == "project"] == [
        {**{k: e[k] for k in evaluation_keys}, "subject": project_name(e["subject"])} for e in attachment["evaluations"]
    ]
    body = page["document"]["body_text"]
    for figure in page["figures"]:
        assert figure["value_text"] in body[figure["span_start"] : figure["span_end"]]


def test_a_position_no_printed_cell_covers_printed_nothing():
    """A row that ended early (`其中:公车购置 |` under a header of four) leaves blanks that are no printed blank glyph:
    no null figure may come from them."""
    grid = grid_from_printed("t", [[PrintedCell("项目"), PrintedCell("预算数")], [PrintedCell("其中:公车购置")]])
    assert [cell.printed for cell in grid.rows[1]] == [True, False]
    assert [cell.printed for cell in grid.rows[0]] == [True, True]
