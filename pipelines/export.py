"""Tidy export of the facts (or of every printed figure) with document and region, for pandas, R and Stata.

By default one row per fact — per (subject, fiscal year, metric, stage) — the figure the facts rule chose
(`pipelines.facts`), so sums over the rows count every number once. With `all_figures`, one row per
`figures` row, every printing of a number, `is_chosen` marking the one its fact uses. Each row is joined with
the columns a researcher filters and groups by: the document's URL, title, department, report type and
publication date, the region with its prefecture and province, and the metric's Chinese label.
`fiscal_year` is the figure's own year when it has one (a 2022 report may print the 2023 budget), else its
document's, and `subject` the figure's subject, else its document's department: the fact's key, with
`stage` (`actual` or `budget`). `documents_printing` and `values_differ` say how many documents print the
fact and whether they disagree.

Types are kept, not guessed: `value` is float64 and NULL where the page printed a blank, `—` or `/` (never 0);
ids are int64, `fiscal_year` int32, `published` a date. CSV writes NULL as an empty field, in UTF-8.
Rows are streamed in batches, so the export of a large database needs little memory.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = ("parquet", "csv")
BATCH_ROWS = 50_000

# A region's prefecture and province, whatever its own level: a county's parent is its prefecture, except for
# units a province administers directly (municipal districts, 省直辖县级市), whose parent is the province.
FIGURES_SQL = """
select f.id as figure_id, f.document_id, d.url as document_url, d.title, d.department,
       cast(coalesce(f.fiscal_year, d.fiscal_year) as integer) as fiscal_year, d.report_type,
       d.region_code, r.name as region_name,
       case when r.level = 'prefecture' then r.name when p1.level = 'prefecture' then p1.name end as prefecture,
       case when r.level = 'province' then r.name when p1.level = 'province' then p1.name
            when p2.level = 'province' then p2.name end as province,
       d.portal_id, d.published, f.metric, m.label_zh as metric_label,
       coalesce(f.subject, d.department) as subject, fa.stage, f.value, f.unit,
       f.value_text, f.unit_text, f.unit_basis, f.source_text, f.attachment_id, f.locator, f.fact_id,
       f.id = fa.figure_id as is_chosen, fa.documents as documents_printing, fa.values_differ
from figures f
join documents d on d.id = f.document_id
left join facts fa on fa.id = f.fact_id
left join metrics m on m.key = f.metric
left join regions r on r.code = d.region_code
left join regions p1 on p1.code = r.parent_code
left join regions p2 on p2.code = p1.parent_code
{where}
order by f.id
"""
CHOSEN_ONLY = "where f.id = fa.figure_id"

SCHEMA = pa.schema(
    [
        ("figure_id", pa.int64()),
        ("document_id", pa.int64()),
        ("document_url", pa.string()),
        ("title", pa.string()),
        ("department", pa.string()),
        ("fiscal_year", pa.int32()),
        ("report_type", pa.string()),
        ("region_code", pa.string()),
        ("region_name", pa.string()),
        ("prefecture", pa.string()),
        ("province", pa.string()),
        ("portal_id", pa.string()),
        ("published", pa.date32()),
        ("metric", pa.string()),
        ("metric_label", pa.string()),
        ("subject", pa.string()),
        ("stage", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("value_text", pa.string()),
        ("unit_text", pa.string()),
        ("unit_basis", pa.string()),
        ("source_text", pa.string()),
        ("attachment_id", pa.int64()),
        ("locator", pa.string()),
        ("fact_id", pa.int64()),
        ("is_chosen", pa.bool_()),
        ("documents_printing", pa.int32()),
        ("values_differ", pa.bool_()),
    ]
)
COLUMNS = SCHEMA.names
FLAGS = [i for i, field in enumerate(SCHEMA) if field.type == pa.bool_()]  # SQLite's 0/1, Parquet booleans


def export_figures(db_path: str | Path, fmt: str, output: Path, *, all_figures: bool = False) -> int:
    """Write the chosen figure of every fact (every figure with `all_figures`), joined with its document and
    region, to `output`; returns the number of rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        sql = FIGURES_SQL.format(where="" if all_figures else CHOSEN_ONLY)
        batches = _row_batches(connection.execute(sql))
        return _write_parquet(batches, output) if fmt == "parquet" else _write_csv(batches, output)
    finally:
        connection.close()


def _row_batches(cursor: sqlite3.Cursor) -> Iterator[list[tuple]]:
    names = [column[0] for column in cursor.description]
    assert names == COLUMNS, names
    while rows := cursor.fetchmany(BATCH_ROWS):
        yield rows


def _write_csv(batches: Iterator[list[tuple]], output: Path) -> int:
    count = 0
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for rows in batches:
            writer.writerows(rows)
            count += len(rows)
    return count


def _write_parquet(batches: Iterator[list[tuple]], output: Path) -> int:
    count = 0
    published = COLUMNS.index("published")
    with pq.ParquetWriter(output, SCHEMA) as writer:
        for rows in batches:
            columns = [list(column) for column in zip(*rows, strict=True)]
            columns[published] = [_iso_date(text) for text in columns[published]]
            for flag in FLAGS:
                columns[flag] = [None if value is None else bool(value) for value in columns[flag]]
            writer.write_batch(pa.record_batch(columns, schema=SCHEMA))
            count += len(rows)
    return count


def _iso_date(text: str | None) -> date | None:
    """documents.published is an ISO date (YYYY-MM-DD); anything else is a store bug and fails loudly."""
    return date.fromisoformat(text) if text is not None else None
