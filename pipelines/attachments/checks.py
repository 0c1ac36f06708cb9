"""Consistency checks on one extracted form (docs/design.md). Values are never repaired: each failure is a
`validation_issues` row with what was expected and what was printed.

* `score_sum_mismatch`: Σ indicator 得分 + the funds 得分 ≠ 总分; 得分 > 分值 in a row; 总分 > its maximum;
* `rating_score_mismatch`: the printed grade is not the central scheme's band for the printed score
  (优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60);
* `rate_mismatch`: the printed 执行率 ≠ 全年执行数 ÷ 全年预算数 (noting when it matches 年初预算数 instead);
* `unfilled_form`: indicators are printed but no 得分 is filled in.
"""

from __future__ import annotations

RATE_TOLERANCE = 0.05  # percentage points
_HALF_CENT = 0.005  # rounding error of one 2-decimal summand
_BANDS = ((90, "优"), (80, "良"), (60, "中"))


def check_form(indicators: list[dict], funds: dict, total, rating: str | None, locator: str) -> list[dict]:
    issues = []
    issues += _row_scores(indicators)
    issues += _score_sum(indicators, funds, total, locator)
    issues += _rating(total, rating, locator)
    issues += _rate(funds, locator)
    issues += _unfilled(indicators, locator)
    return issues


def _issue(rule: str, detail: str, expected, observed, locator: str) -> dict:
    return {"rule": rule, "detail": detail, "expected": expected, "observed": observed, "locator": locator}


def _row_scores(indicators: list[dict]) -> list[dict]:
    return [
        _issue(
            "score_sum_mismatch", f"得分 exceeds 分值 for {row['level3']}", row["weight"], row["score"], row["locator"]
        )
        for row in indicators
        if row["score"] is not None and row["weight"] is not None and row["score"] > row["weight"] + 1e-9
    ]


def _score_sum(indicators: list[dict], funds: dict, total, locator: str) -> list[dict]:
    if total is None or total.score is None:
        return []
    issues = []
    if total.max_score is not None and total.score > total.max_score + 1e-9:
        issues.append(
            _issue("score_sum_mismatch", "总分 exceeds its maximum", total.max_score, total.score, total.locator)
        )
    summands = [row["score"] for row in indicators if row["score"] is not None]
    if funds.get("score") is not None:
        summands.append(funds["score"])
    if indicators and summands:  # without its indicator rows (a flattened form) the sum says nothing
        observed = round(sum(summands), 4)
        tolerance = max(_HALF_CENT * len(summands), 0.01) + 1e-9
        if abs(observed - total.score) > tolerance:
            issues.append(
                _issue(
                    "score_sum_mismatch",
                    f"Σ of {len(summands)} printed scores (indicators and funds) ≠ 总分",
                    total.score,
                    observed,
                    locator,
                )
            )
    return issues


def expected_rating(score: float) -> str:
    return next((grade for floor, grade in _BANDS if score >= floor), "差")


def _rating(total, rating: str | None, locator: str) -> list[dict]:
    if total is None or total.score is None or rating is None:
        return []
    band = expected_rating(total.score)
    if band == rating:
        return []
    return [
        _issue(
            "rating_score_mismatch",
            f"grade {total.rating_text!r} printed for a score of {total.score}",
            band,
            rating,
            total.locator or locator,
        )
    ]


def _rate(funds: dict, locator: str) -> list[dict]:
    printed, executed, full_year = funds.get("rate"), funds.get("executed"), funds.get("full_year")
    if printed is None or executed is None or not full_year:
        return []
    computed = round(executed / full_year * 100, 2)
    if abs(computed - printed) <= RATE_TOLERANCE:
        return []
    detail = "执行率 ≠ 全年执行数 ÷ 全年预算数"
    initial = funds.get("initial")
    if initial and abs(executed / initial * 100 - printed) <= RATE_TOLERANCE:
        detail += " (it matches 全年执行数 ÷ 年初预算数)"
    return [_issue("rate_mismatch", detail, computed, printed, locator)]


def _unfilled(indicators: list[dict], locator: str) -> list[dict]:
    if not indicators or any(row["score"] is not None for row in indicators):
        return []
    return [_issue("unfilled_form", f"{len(indicators)} indicators printed, no 得分 filled in", None, None, locator)]
