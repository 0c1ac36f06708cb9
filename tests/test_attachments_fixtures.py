"""The generated fixtures (tests/fixtures/make_attachment_fixtures.py) against their answers, and the
layout-specific behaviour each one exists for."""

from __future__ import annotations

import json
import sys
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipelines.attachments import Limits, extract_forms, parse_attachment
from pipelines.grid import Grid, PrintedCell, grid_from_printed

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent / "fixtures")]  # helpers, package or not
import make_attachment_fixtures as fixtures  # noqa: E402
from attachments_answers import compare  # noqa: E402

WELL_FORMED = [
    "f_yunnan14.xlsx",
    "f_national.xlsx",
    "f_multi.xlsx",
    "f_form.xls",
    "f_form.et",
    "f_form.docx",
    "f_forms.pdf",
    "f_empty_form.xlsx",
    "f_final_accounts.xlsx",
    "f_target_completion.xlsx",
    "f_targets.xlsx",
    "f_inconsistent.xlsx",
]
IN_PROCESS = Limits(isolate=False)


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("attachments")
    fixtures.write_fixtures(out)
    return out


def parsed(fixture_dir: Path, name: str, limits: Limits | None = None) -> dict:
    return parse_attachment((fixture_dir / name).read_bytes(), name, limits)


def answer_of(fixture_dir: Path, name: str) -> dict:
    path = fixture_dir / (Path(name).stem + Path(name).suffix.replace(".", "_") + ".json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_generator_writes_the_listed_fixtures(fixture_dir):
    answered = {json.loads(path.read_text(encoding="utf-8"))["input"] for path in fixture_dir.glob("*.json")}
    assert answered == set(WELL_FORMED)


@pytest.mark.parametrize("name", WELL_FORMED)
def test_fixture_answer(fixture_dir, name):
    result = parsed(fixture_dir, name)
    assert result["parse_status"] == "ok", result["error"]
    assert compare(answer_of(fixture_dir, name), result) == []


@pytest.mark.parametrize("name", ["f_yunnan14.xlsx", "f_form.docx", "f_forms.pdf"])
def test_isolated_and_in_process_parses_agree(fixture_dir, name):
    assert parsed(fixture_dir, name) == parsed(fixture_dir, name, IN_PROCESS)


def test_sheet_level_unit_line(fixture_dir):
    """`金额单位：元` above the form, `项目资金` without a unit: the money figures say `sheet`."""
    figures = parsed(fixture_dir, "f_yunnan14.xlsx")["figures"]
    money = [f for f in figures if f["unit"] == "yuan"]
    assert {f["unit_basis"] for f in money} == {"sheet"}
    assert [f["value_text"] for f in money] == ["3,200,000.00", "3,500,000.00", "3,290,000.00"]
    rate = next(f for f in figures if f["metric"] == "projects.execution_rate_pct")
    assert (rate["value"], rate["value_text"], rate["unit_basis"]) == (94.0, "94.00%", "inline")


def test_national_layout_details(fixture_dir):
    result = parsed(fixture_dir, "f_national.xlsx")
    project = result["projects"][0]
    assert (project["department"], project["implementing_unit"]) == ("示例县农业农村局", "示例县农业技术推广中心")
    assert {row["level1"] for row in result["indicators"]} == {"产出指标", "效益指标", "满意度指标"}
    by_name = {row["level3"]: row for row in result["indicators"]}
    assert by_name["农田灌溉保证率"]["target_text"] == "85%-90%"
    assert by_name["工程设施使用年限"]["target_unit"] == "年"
    assert by_name["新建灌溉渠道长度"]["deviation_note"] is None
    assert {f["unit_text"] for f in result["figures"] if f["unit"] == "yuan"} == {"万元"}
    assert {f["fiscal_year"] for f in result["figures"]} == {2022}


def test_stacked_forms_are_split(fixture_dir):
    forms = parsed(fixture_dir, "f_multi.xlsx")["forms"]
    assert [(form["project"], form["locator"].split("!")[0]) for form in forms] == [
        ("乡村道路养护经费", "Sheet1"),
        ("农村饮水安全维修养护资金", "Sheet1"),
        ("农村公益事业一事一议奖补资金", "Sheet1"),
        ("基层文化活动经费", "Sheet2"),
    ]
    starts = [int(form["locator"].split("!")[1].split(":")[0][1:]) for form in forms[:3]]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert forms[2]["title"] == forms[1]["title"]  # the untitled third form inherits the title above it


def test_pdf_forms_keep_their_pages(fixture_dir):
    result = parsed(fixture_dir, "f_forms.pdf")
    pages = {f["subject"]: f["locator"] for f in result["figures"] if f["metric"] == "projects.spent"}
    assert pages == {"社区养老服务补助资金": "page 1", "残疾人康复救助资金": "page 2"}
    assert all(row["locator"] in ("page 1", "page 2") for row in result["indicators"])


def test_empty_form_is_flagged_not_zeroed(fixture_dir):
    result = parsed(fixture_dir, "f_empty_form.xlsx")
    assert result["evaluations"] == [] and result["figures"] == []
    assert [row["weight"] for row in result["indicators"]] == [40, 30, 20]
    assert {row["score"] for row in result["indicators"]} == {None}
    assert [issue["rule"] for issue in result["validation_issues"]] == ["unfilled_form"]


def test_final_accounts_amounts_are_not_figures(fixture_dir):
    result = parsed(fixture_dir, "f_final_accounts.xlsx")
    kinds = [(form["form_kind"], form["locator"].split("!")[0]) for form in result["forms"]]
    assert kinds == [("final_accounts_tables", "公开01表"), ("project_self_eval", "公开14表")]
    assert all(f["locator"].startswith("公开14表!") for f in result["figures"])


def test_inconsistent_form_issues(fixture_dir):
    issues = {
        (issue["rule"], issue["expected"], issue["observed"])
        for issue in parsed(fixture_dir, "f_inconsistent.xlsx")["validation_issues"]
    }
    assert issues == {
        ("score_sum_mismatch", 40, 45),
        ("score_sum_mismatch", 95, 103),
        ("rating_score_mismatch", "优", "良"),
        ("rate_mismatch", 95.0, 80.0),
    }


def test_attachment_name_classifies_and_is_never_opened(fixture_dir):
    """A hostile link text is only a classification hint: the bytes decide, nothing touches the disk."""
    data = (fixture_dir / "f_yunnan14.xlsx").read_bytes()
    result = parse_attachment(data, "../../../../etc/passwd.xlsx")
    assert result["parse_status"] == "ok" and result["kind"] == "xlsx"
    pdf_as_xlsx = parse_attachment((fixture_dir / "f_forms.pdf").read_bytes(), "自评表.xlsx")
    assert pdf_as_xlsx["kind"] == "pdf" and len(pdf_as_xlsx["projects"]) == 2


def _body_table(sheet: fixtures.Sheet, name: str) -> Grid:
    """The sheet as `pipelines.page` lays out an HTML table: printed cells with spans, expanded."""
    by_position = {(model.row, model.col): model for model in sheet.cells}
    covered: set[tuple[int, int]] = set()
    rows: list[list[PrintedCell]] = [[] for _ in range(sheet.height)]
    for r in range(sheet.height):
        for c in range(sheet.width):
            if (r, c) in covered:
                continue
            model = by_position.get((r, c))
            span = (model.rows, model.cols) if model else (1, 1)
            covered.update((r + dr, c + dc) for dr in range(span[0]) for dc in range(span[1]))
            rows[r].append(PrintedCell(model.text if model else "", *span))
    return grid_from_printed(name, rows)


def test_form_printed_as_an_html_table():
    """A 公开14表 inside an article body is the same grid model and goes through the same extractor."""
    result = extract_forms([_body_table(fixtures.yunnan14(fixtures.C), "table1")])
    answer = fixtures.merge_answers("project_self_eval", [fixtures.project_answer(fixtures.C, "yunnan14")])
    assert compare(answer, result) == []
    assert result["figures"][0]["locator"] == "table1!D6"


def test_a_results_table_of_projects_is_no_single_project_form():
    """`项目名称 │ 年度预算数 │ 全年执行数 …` heads one project per row: no form whose project is `年度预算数`."""
    book = Workbook()
    book.active.append(["项目名称", "年度预算数", "全年执行数", "分值", "得分"])
    for i in range(5):
        book.active.append([f"示例项目{i}", 1000 + i, 900 + i, 10, 9])
    out = BytesIO()
    book.save(out)
    parsed = parse_attachment(out.getvalue(), "项目自评表.xlsx")
    assert all(project["name"] != "年度预算数" for project in parsed["projects"])
