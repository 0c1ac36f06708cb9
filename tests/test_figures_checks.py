"""Consistency checks (docs/design.md): a failure is a validation_issues row, the values stay as printed."""

import pytest

from pipelines.body import Body
from pipelines.figures import extract_figures
from pipelines.figures.checks import run_checks, score_band
from pipelines.figures.records import Figure


def result(text: str, report_type: str = "self_eval_department") -> dict:
    document = {"department": "示例县水务局", "fiscal_year": 2022, "report_type": report_type}
    return extract_figures(Body(text=text), document)


def rules(text: str, report_type: str = "self_eval_department") -> list[str]:
    return [issue["rule"] for issue in result(text, report_type)["validation_issues"]]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("总收入100.00万元，其中上年结转结余10.00万元，本年财政拨款收入85.00万元，其他收入5.00万元。", []),
        (
            "总收入100.00万元，其中上年结转结余10.00万元，本年财政拨款收入80.00万元，其他收入5.00万元。",
            ["sum_mismatch"],
        ),
        ("总收入100.00万元，其中上年结转结余10.00万元，本年财政拨款收入80.00万元。", []),
        (
            "年初预算100.00万元，其中基本支出60.00万元（工资福利支出50.00万元，商品和服务支出9.00万元，"
            "对个人和家庭的补助1.00万元），项目支出40.00万元。",
            [],
        ),
        (
            "年初预算100.00万元，其中基本支出60.00万元（工资福利支出50.00万元，商品和服务支出9.00万元，"
            "对个人和家庭的补助2.00万元），项目支出40.00万元。",
            ["sum_mismatch"],
        ),
        ("年初预算100.00万元，其中基本支出60.00万元，项目支出41.00万元。", ["sum_mismatch"]),
        (
            "“三公”经费支出4.59万元，其中公务用车运行维护费3.12万元，公务接待费1.27万元，因公出国（境）费用为零。",
            ["sum_mismatch"],
        ),
        ("“三公”经费支出4.39万元，其中公务用车运行维护费3.12万元，公务接待费1.27万元，因公出国（境）费用为零。", []),
        ("公务接待费2.00万元，其中国内接待费1.50万元，外事接待费0.60万元。", ["sum_mismatch"]),
        ("核定编制20人，其中行政编制8人、事业编制11人。", ["sum_mismatch"]),
        ("总收入525.1万元。本年总支出531.07万元。", ["balance"]),
        ("总收入531.07万元。本年总支出525.1万元。", []),
        ("出国团组0个，累计3人次。", ["count_contradiction"]),
        ("全年支出90.00万元。全年调整后预算数为100.00万元，支付进度为95.00%。", ["rate_mismatch"]),
    ],
)
def test_checks(text, expected):
    assert rules(text) == expected


def test_final_accounts_totals_that_differ_are_flagged():
    assert rules("2022年度收、支总计各是100.00、99.00万元。", "final_accounts") == ["balance"]


def test_issue_keeps_both_values_and_the_figures_are_not_changed():
    found = result("总收入525.1万元。本年总支出531.07万元。")
    (issue,) = found["validation_issues"]
    assert (issue["expected"], issue["observed"]) == (5251000.0, 5310700.0)
    assert "531.07" in issue["detail"] and "525.1" in issue["detail"]
    assert {f["value"] for f in found["figures"]} == {5251000.0, 5310700.0}


@pytest.mark.parametrize(
    "score,band", [(100, "优"), (90, "优"), (89.99, "良"), (80, "良"), (79.9, "中"), (60, "中"), (59.5, "差")]
)
def test_score_band(score, band):
    assert score_band(score) == band


def _figure(metric: str, value, subject: str = "示例水毁修复项目") -> Figure:
    return Figure(
        metric=metric,
        subject=subject,
        fiscal_year=2023,
        value=value,
        unit="万元",
        value_text=str(value),
        unit_text="万元",
        unit_basis="line",
        source_text="",
        span_start=0,
        span_end=0,
    )


def test_a_blank_amount_beside_a_printed_rate_is_no_check_and_no_crash():
    """A form row whose 预算执行数 cell is blank (null) while its 执行率 is printed: nothing to compare."""
    figures = [
        _figure("budget.adjusted_total", 52000.0),
        _figure("projects.spent", None),
        _figure("projects.execution_rate_pct", 100.0),
    ]
    assert run_checks(figures, [], [], [], "示例县水务局", "self_eval_project") == []


def test_a_blank_rate_cell_is_no_claim_to_check():
    """A project's 执行率 printed as a blank glyph (value None) beside its spent and adjusted budget: nothing to
    compare, and no TypeError from the arithmetic."""

    def figure(metric: str, value: float | None, text: str) -> Figure:
        return Figure(
            metric,
            "示例项目",
            2022,
            value,
            "percent" if metric.endswith("_pct") else "yuan",
            text,
            "%" if metric.endswith("_pct") else "元",
            "table_header",
            text,
            0,
            1,
            origin="table",
        )

    figures = [
        figure("projects.spent", 90.0, "90"),
        figure("budget.adjusted_total", 100.0, "100"),
        figure("projects.execution_rate_pct", None, "—"),
    ]
    assert run_checks(figures, [], [], [], "示例县水务局", "self_eval_project") == []
    figures[-1] = figure("projects.execution_rate_pct", 80.0, "80")
    assert [issue["rule"] for issue in run_checks(figures, [], [], [], "示例县水务局", "self_eval_project")] == [
        "rate_mismatch"
    ]
