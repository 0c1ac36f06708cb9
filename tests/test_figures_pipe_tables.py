"""Plain-text tables flattened one cell per line (the seed's 表1)."""

from conftest import shared_dir
from pipelines.figures.pipe_tables import find_pipe_tables

TEXT = """具体情况如下:
表1 项目收支明细表
单位:万元
预算项目名称 |
年初结转结余 |
已使用资金 |
年末结转结余资金 |
甲经费 |
0 |
5 |
|
乙工作经费 |
1.5 |
8.3 |
— |
合计 |
|
13.3 |
|
(三)下一节"""


def test_reconstructs_rows_columns_caption_unit_and_offsets():
    (table,) = find_pipe_tables(TEXT)
    assert table.texts == [
        ["预算项目名称", "年初结转结余", "已使用资金", "年末结转结余资金"],
        ["甲经费", "0", "5", ""],
        ["乙工作经费", "1.5", "8.3", "—"],
        ["合计", "", "13.3", ""],
    ]
    assert (table.caption, table.unit_line) == ("表1 项目收支明细表", "单位:万元")
    assert TEXT[table.start:table.end].startswith("预算项目名称 |") and TEXT[table.start:table.end].endswith("|")
    for row in table.rows:
        for cell in row:
            assert TEXT[cell.start:cell.end] == cell.text


def test_text_without_pipe_cells_has_no_table():
    assert find_pipe_tables("一、概况\n收入合计100万元。\n") == []


def test_cell_count_that_fits_no_width_is_not_a_table():
    assert find_pipe_tables("名称 |\n金额 |\n甲 |\n1 |\n2 |\n") == []


def test_seed_table():
    (path,) = (shared_dir() / "seed").glob("*.txt")
    (table,) = find_pipe_tables(path.read_text(encoding="utf-8"))
    assert len(table.rows) == 6 and len(table.rows[0]) == 6
    assert table.texts[5] == ["合计", "", "63.3", "63.3", "", ""]
