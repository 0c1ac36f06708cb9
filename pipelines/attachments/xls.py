"""Legacy xls (BIFF, also WPS .et files, which are usually the same OLE workbook) → one Grid per visible sheet.

`formatting_info=True` is what makes xlrd report merged ranges and each cell's number format.
"""

from __future__ import annotations

import os

import xlrd
from xlrd.biffh import XLRDError

from pipelines.attachments.numbers import display_number, display_value
from pipelines.attachments.safety import AttachmentError, CellBudget, Deadline, Limits, Unsupported
from pipelines.grid import Grid, GridCell, a1, merge_into, trim


def read_xls(data: bytes, limits: Limits, deadline: Deadline, notes: list[str]) -> list[Grid]:
    with open(os.devnull, "w") as quiet:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=quiet)
        except XLRDError as exc:
            if "encrypted" in str(exc):
                raise AttachmentError(f"password-protected (encrypted) xls workbook: {exc}") from None
            raise Unsupported(f"xls/et workbook cannot be read by xlrd: {exc}") from None
        try:
            budget = CellBudget(limits.max_cells)
            grids = []
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                if sheet.visibility:
                    notes.append(f"hidden sheet {sheet.name!r} skipped")
                    continue
                grids.append(_read_sheet(book, sheet, limits, deadline, budget, notes))
                book.unload_sheet(index)
            return grids
        finally:
            book.release_resources()


def _read_sheet(book, sheet, limits: Limits, deadline: Deadline, budget: CellBudget, notes: list[str]) -> Grid:
    name = sheet.name
    n_rows, n_cols = min(sheet.nrows, limits.max_rows), min(sheet.ncols, limits.max_columns)
    if sheet.nrows > limits.max_rows:
        notes.append(f"sheet {name!r} truncated at {limits.max_rows} rows")
    rows = []
    for r in range(n_rows):
        deadline.check()
        budget.spend(n_cols)
        rows.append([GridCell(_display(book, sheet, r, c), f"{name}!{a1(r, c)}", r + 1) for c in range(n_cols)])
    ranges = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells if rhi > rlo and chi > clo]
    merge_into(rows, ranges, lambda r, c: GridCell("", f"{name}!{a1(r, c)}", r + 1), limits.max_columns, budget)
    return Grid(name, trim(rows))


def _display(book, sheet, r: int, c: int) -> str:
    kind = sheet.cell_type(r, c)
    value = sheet.cell_value(r, c)
    if kind == xlrd.XL_CELL_NUMBER:
        return display_number(value, _number_format(book, sheet, r, c))
    if kind == xlrd.XL_CELL_DATE:
        try:
            return display_value(xlrd.xldate.xldate_as_datetime(value, book.datemode), None)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return display_number(value, None)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERR")
    return str(value).strip() if value is not None else ""


def _number_format(book, sheet, r: int, c: int) -> str | None:
    try:
        xf = book.xf_list[sheet.cell_xf_index(r, c)]
        return book.format_map[xf.format_key].format_str
    except (IndexError, KeyError, AttributeError):
        return None
