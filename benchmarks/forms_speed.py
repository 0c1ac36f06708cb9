"""Attachment parsing speed: xlsx self-evaluation forms per second, PDF pages per second.

    python benchmarks/forms_speed.py [--seconds 3]

Inputs are built in memory by the test fixture generator (a Yunnan 公开14表 form, a national-layout form,
a workbook with four forms; a 20-page PDF of national-layout forms). Each input is parsed repeatedly for
about `--seconds`, in the calling process and in the isolated child that `parse_attachment` uses by default
(one fork per file), and the rate is printed.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fixtures")]

import make_attachment_fixtures as fixtures  # noqa: E402
import pdfplumber  # noqa: E402

from pipelines.attachments import Limits, parse_attachment  # noqa: E402


def rate(files: list[bytes], count, seconds: float, limits: Limits) -> float:
    """Units (as counted by `count` on each result) per second over repeated passes through `files`."""
    units, started = 0, time.perf_counter()
    while True:
        for data in files:
            result = parse_attachment(data, None, limits)
            assert result["parse_status"] == "ok", result["error"]
            units += count(result)
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return units / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    seconds = parser.parse_args().seconds
    stacked = fixtures.yunnan14(fixtures.C, name="Sheet1")
    fixtures.yunnan14(fixtures.D, top=stacked.height + 1, sheet=stacked)
    workbooks = [
        fixtures.write_xlsx([fixtures.yunnan14(fixtures.A)]),
        fixtures.write_xlsx([fixtures.national(fixtures.B)]),
        fixtures.write_xlsx([stacked, fixtures.yunnan14(fixtures.E, name="Sheet2")]),
    ]
    pdf = fixtures.write_pdf([fixtures.national(fixtures.PDF_1), fixtures.national(fixtures.PDF_2)] * 10)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page_count = len(document.pages)

    def forms(result: dict) -> int:
        return sum(form["form_kind"] == "project_self_eval" for form in result["forms"])

    def pages(result: dict) -> int:
        assert len(result["projects"]) == page_count  # one form per page: every page was read
        return page_count

    for label, limits in (("in process", Limits(isolate=False)), ("isolated (default)", Limits())):
        print(f"xlsx self-evaluation forms, {label}: {rate(workbooks, forms, seconds, limits):.1f} forms/s")
        print(f"pdf pages, {label}: {rate([pdf], pages, seconds, limits):.1f} pages/s")


if __name__ == "__main__":
    main()
