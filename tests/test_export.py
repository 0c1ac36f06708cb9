"""The tidy figures export, from the sample portal crawled into a real database, read back as a researcher would."""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.export import COLUMNS, export_figures
from pipelines.store import Store

SEED_TITLE = "开远市政务服务管理局2022年度部门整体和项目支出绩效自评报告"


@pytest.fixture(scope="module")
def database(crawled):
    return crawled[0] / "reports.db"


def scalar(db, sql: str, params=()):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchone()[0]


def test_parquet_has_one_typed_row_per_figure(database, tmp_path):
    output = tmp_path / "figures.parquet"
    written = export_figures(database, "parquet", output, all_figures=True)
    table = pq.read_table(output)
    figures = scalar(database, "select count(*) from figures")
    assert written == table.num_rows == figures > 1000
    types = {field.name: field.type for field in table.schema}
    assert list(types) == COLUMNS
    assert (types["value"], types["fiscal_year"], types["published"], types["attachment_id"]) == (
        pa.float64(),
        pa.int32(),
        pa.date32(),
        pa.int64(),
    )
    # a blank, — or / stays NULL, never 0
    assert table["value"].null_count == scalar(database, "select count(*) from figures where value is null")
    assert table["attachment_id"].null_count == scalar(
        database, "select count(*) from figures where attachment_id is null"
    )
    assert table["is_chosen"].to_pylist().count(True) == scalar(database, "select count(*) from facts")


def test_default_export_has_one_row_per_fact_and_sums_like_the_reports(database, tmp_path):
    """The chosen rows: one per (subject, year, metric, stage); summing 公务接待费 per department and year
    gives the value the department's reports print, where all printings together count it twice."""
    export_figures(database, "parquet", tmp_path / "facts.parquet")
    export_figures(database, "parquet", tmp_path / "all.parquet", all_figures=True)
    chosen = pq.read_table(tmp_path / "facts.parquet").to_pylist()
    every = pq.read_table(tmp_path / "all.parquet").to_pylist()
    keys = [(r["subject"], r["fiscal_year"], r["metric"], r["stage"]) for r in chosen]
    assert len(chosen) == len(set(keys)) == scalar(database, "select count(*) from facts")
    assert all(r["is_chosen"] for r in chosen)

    def reception_by_department_year(rows):
        groups = defaultdict(list)
        for r in rows:
            if r["metric"] == "sangong.reception" and r["subject"] == r["department"] and r["value"] is not None:
                groups[r["department"], r["fiscal_year"], r["stage"]].append(r)
        return groups

    sums = {group: sum(r["value"] for r in rows) for group, rows in reception_by_department_year(chosen).items()}
    printed = reception_by_department_year(every)
    assert len(sums) > 10
    for group, total in sums.items():
        values = {r["value"] for r in printed[group]}
        if len(values) == 1:  # every report of the department-year prints the same number
            assert total == values.pop(), group
        else:  # the reports disagree: the fact takes one printed number and says they differ
            assert total in values and all(r["values_differ"] for r in printed[group]), group
    health = ("开远市卫生健康局", 2022, "actual")
    assert sums[health] == 3400.0 and sum(r["value"] for r in printed[health]) == 6800.0


def test_parquet_row_carries_document_region_and_metric(database, tmp_path):
    output = tmp_path / "figures.parquet"
    export_figures(database, "parquet", output)
    rows = pq.read_table(output, filters=[("title", "=", SEED_TITLE), ("metric", "=", "sangong.reception")]).to_pylist()
    assert len(rows) == 1
    row = rows[0]
    assert (row["value"], row["unit"], row["value_text"], row["metric_label"]) == (
        4419.0,
        "yuan",
        "4,419.00",
        "公务接待费",
    )
    assert (row["department"], row["fiscal_year"], row["report_type"], row["published"]) == (
        "开远市政务服务管理局",
        2022,
        "self_eval_department_and_project",
        date(2023, 10, 27),
    )
    assert (row["region_code"], row["region_name"], row["prefecture"], row["province"]) == (
        "532502",
        "开远市",
        "红河哈尼族彝族自治州",
        "云南省",
    )
    assert "公务接待费" in row["source_text"] and row["document_url"].endswith(".htm")
    assert row["portal_id"] == "sample"


def test_csv_reads_back_with_the_csv_module(database, tmp_path):
    output = tmp_path / "figures.csv"
    written = export_figures(database, "csv", output, all_figures=True)
    with output.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [dict(zip(header, row, strict=True)) for row in reader]
    assert header == COLUMNS
    assert written == len(rows) == scalar(database, "select count(*) from figures")
    blanks = [r for r in rows if r["value"] == ""]
    assert len(blanks) == scalar(database, "select count(*) from figures where value is null")
    assert all(r["value_text"] != "" for r in blanks[:50]), "a NULL value keeps the text that was printed"
    seed = [r for r in rows if r["title"] == SEED_TITLE and r["metric"] == "sangong.reception"]
    assert [(r["value"], r["province"], r["published"]) for r in seed] == [("4419.0", "云南省", "2023-10-27")]


def test_figures_own_year_wins_over_the_documents(tmp_path):
    """A 2022 report printing the 2023 budget: the row's fiscal_year is 2023; a region without prefecture."""
    store = Store(tmp_path / "reports.db")
    store.load_reference(
        "regions",
        [
            {"code": "110000", "name": "北京市", "level": "province", "parent_code": None},
            {"code": "110105", "name": "朝阳区", "level": "county", "parent_code": "110000"},
        ],
        pk="code",
    )
    body = "2023年预算安排培训费1.00万元。"
    store.save_document(
        {
            "url": "https://example.gov.cn/1.htm",
            "region_code": "110105",
            "fiscal_year": 2022,
            "published": "2023-01-05",
            "title": "2022年度决算",
            "body_text": body,
            "content_sha256": "x",
        },
        {
            "figures": [
                {
                    "metric": "training_fee",
                    "fiscal_year": 2023,
                    "value": 10000.0,
                    "unit": "yuan",
                    "value_text": "1.00",
                    "unit_text": "万元",
                    "source_text": body[:-1],
                    "span_start": 0,
                    "span_end": len(body) - 1,
                }
            ]
        },
    )
    store.close()
    output = tmp_path / "figures.parquet"
    assert export_figures(tmp_path / "reports.db", "parquet", output) == 1
    row = pq.read_table(output).to_pylist()[0]
    assert (row["fiscal_year"], row["region_name"], row["prefecture"], row["province"]) == (
        2023,
        "朝阳区",
        None,
        "北京市",
    )
    assert row["metric_label"] is None  # no metrics table rows in this database: NULL, not a guess


def test_empty_database_exports_a_readable_empty_file(tmp_path):
    Store(tmp_path / "reports.db").close()
    assert export_figures(tmp_path / "reports.db", "parquet", tmp_path / "f.parquet") == 0
    assert pq.read_table(tmp_path / "f.parquet").schema.names == COLUMNS
    assert export_figures(tmp_path / "reports.db", "csv", tmp_path / "f.csv") == 0
    assert (tmp_path / "f.csv").read_text(encoding="utf-8").strip() == ",".join(COLUMNS)


def test_unknown_format_is_refused(database, tmp_path):
    with pytest.raises(ValueError, match="parquet, csv"):
        export_figures(database, "xlsx", tmp_path / "figures.xlsx")
