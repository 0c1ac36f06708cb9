"""One schema source: the records of `pipelines.schema`, the tables a new database gets, Datasette's column
descriptions and docs/data-dictionary.md agree, and every field a parser builds is stored or listed as dropped."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from pipelines import docgen, schema
from pipelines.attachments import RECORD_KEYS, Limits, parse_attachment
from pipelines.crawl import save_attachment
from pipelines.extract import extract_page
from pipelines.items import FetchedAttachment
from pipelines.store import CHILD_TABLES, Store, UnknownField, table_row

sys.path[:0] = [str(Path(__file__).parent / "fixtures")]
import make_attachment_fixtures as fixtures  # noqa: E402


def live_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(name, kind) for _, name, kind, *_ in conn.execute(f"pragma table_info([{table}])")]


def differences(conn: sqlite3.Connection, ordered: bool) -> list[str]:
    """How a database's tables differ from the records (the column order too when `ordered`)."""
    found = []
    for table in schema.TABLES.values():
        wanted, live = list(table.sql_types().items()), live_columns(conn, table.name)
        if (live if ordered else sorted(live)) != (wanted if ordered else sorted(wanted)):
            found.append(f"{table.name}: database {live} != schema {wanted}")
    return found


def test_a_new_database_has_the_tables_of_the_records(tmp_path):
    store = Store(tmp_path / "new.db")
    assert differences(store.db.conn, ordered=True) == []
    for table in schema.TABLES.values():
        pk = store.db[table.name].pks
        assert pk == ([table.pk] if isinstance(table.pk, str) else list(table.pk)), table.name
    store.close()


def test_an_older_database_gains_the_new_tables_and_columns(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # projects and issues as an older release wrote them, and no goals table
        for name in ("projects", "validation_issues"):
            old = [
                f"{column} {kind}"
                for column, kind in schema.TABLES[name].sql_types().items()
                if column not in ("department", "locator")
            ]
            conn.execute(f"create table {name} ({', '.join(old)})")
    store = Store(path)
    assert differences(store.db.conn, ordered=False) == []
    store.close()


def test_the_drift_check_sees_a_renamed_column(tmp_path):
    path = tmp_path / "drifted.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("alter table goals rename column locator to place")
        found = differences(conn, ordered=False)
    assert len(found) == 1 and found[0].startswith("goals: ") and "'place'" in found[0]


def test_the_generated_files_are_up_to_date():
    assert docgen.stale() == [], "run `make docs` and commit the result"


def test_datasette_describes_every_column_as_the_records_do():
    tables = yaml.safe_load(docgen.METADATA.read_text(encoding="utf-8"))["databases"]["reports"]["tables"]
    for table in schema.TABLES.values():
        assert tables[table.name]["columns"] == table.descriptions(), table.name


def test_a_changed_description_makes_the_files_stale(monkeypatch):
    record = schema.TABLES["figures"].record
    changed = {**record.__dataclass_fields__["value"].metadata, "description": "数值 — changed"}
    monkeypatch.setattr(record.__dataclass_fields__["value"], "metadata", changed)
    assert set(docgen.stale()) == {docgen.METADATA, docgen.DATA_DICTIONARY}
    assert "| `value` | REAL | 数值 — changed |" in docgen.data_dictionary()


# The keys of `parse_attachment`'s answer that pipelines/crawl.py stores as columns of the file's attachments row.
ATTACHMENT_FIELDS = {
    "kind": "ext",
    "form_kind": "form_kind",
    "parse_status": "parse_status",
    "error": "error",
    "notes": "notes",
}


def test_every_record_list_a_parser_builds_is_a_table_or_dropped():
    assert set(RECORD_KEYS) <= set(CHILD_TABLES) | set(schema.DROPPED)


def test_every_key_of_an_attachment_parse_is_stored_or_dropped():
    parsed = parse_attachment(fixtures.write_xlsx(FORMS["yunnan14"]()), "form.xlsx", Limits(isolate=False))
    assert set(ATTACHMENT_FIELDS.values()) <= set(schema.TABLES["attachments"].columns)
    assert set(parsed) <= set(CHILD_TABLES) | set(schema.DROPPED) | set(ATTACHMENT_FIELDS)


FORMS = {  # the fixture forms of tests/fixtures/make_attachment_fixtures.py, one per layout
    "yunnan14": lambda: [fixtures.yunnan14(fixtures.A, sheet_unit=True)],
    "national": lambda: [fixtures.national(fixtures.B)],
    "targets": lambda: [fixtures.targets_sheet()[0]],
    "inconsistent": lambda: [fixtures.yunnan14(fixtures.BROKEN)],
}


@pytest.mark.parametrize("layout", FORMS)
def test_every_field_of_a_form_is_a_column(layout):
    parsed = parse_attachment(fixtures.write_xlsx(FORMS[layout]()), f"{layout}.xlsx", Limits(isolate=False))
    assert parsed["parse_status"] == "ok"
    for table in CHILD_TABLES:
        for record in parsed.get(table) or []:  # table_row raises UnknownField for a field no column holds
            row = table_row(table, record)
            assert {name: row[name] for name in record} == record
    assert parsed["goals"] or layout != "yunnan14"


CORPUS = Path(__file__).parent / "corpus"


@pytest.mark.parametrize("page", sorted((CORPUS / "03-self-eval-forms-in-page").glob("*.html")), ids=lambda p: p.stem)
def test_every_field_of_a_page_is_a_column_or_dropped(page):
    result = extract_page(page.read_bytes(), "http://127.0.0.1/info/1/1.htm")
    table_row("documents", result["document"])
    for table in CHILD_TABLES:
        for record in result[table]:
            row = table_row(table, record)
            assert {name: row[name] for name in record} == record


def test_forms_printed_in_pages_give_their_goals():
    goals = [
        goal
        for page in (CORPUS / "03-self-eval-forms-in-page").glob("*.html")
        for goal in extract_page(page.read_bytes(), "http://127.0.0.1/info/1/1.htm")["goals"]
    ]
    assert goals and all(goal["expected_text"] and goal["locator"] for goal in goals)


def test_what_the_parser_left_out_is_stored_with_the_file(tmp_path):
    workbook = openpyxl.load_workbook(io.BytesIO(fixtures.write_xlsx(FORMS["yunnan14"]())))
    workbook.create_sheet("草稿").sheet_state = "hidden"
    data = io.BytesIO()
    workbook.save(data)
    store = Store(tmp_path / "notes.db")
    item = FetchedAttachment(
        url="http://127.0.0.1/files/form.xlsx",
        body=data.getvalue(),
        status=200,
        document_url="http://127.0.0.1/info/1/1.htm",
        name="附件1.xlsx",
    )
    assert save_attachment(store, item) == "ok"
    notes = store.db.execute("select notes from attachments").fetchone()[0]
    store.close()
    assert json.loads(notes) == ["hidden sheet '草稿' skipped"]


def test_a_field_without_a_column_is_refused():
    with pytest.raises(UnknownField, match="budget_note"):
        table_row("projects", {"name": "道路养护", "budget_note": "printed beside the table"})


def test_a_record_of_another_table_is_refused():
    with pytest.raises(TypeError, match="no figures record"):
        table_row("figures", schema.Project(name="道路养护"))


def test_a_typed_record_is_stored_as_its_fields(tmp_path):
    store = Store(tmp_path / "typed.db")
    figure = schema.Figure(
        metric="sangong.reception",
        subject="开远市水务局",
        fiscal_year=2023,
        value=4419.0,
        unit="yuan",
        value_text="4,419.00",
        unit_text="元",
        unit_basis="inline",
        source_text="公务接待费支出4,419.00元",
        span_start=0,
        span_end=17,
    )
    document = schema.Document(
        url="http://127.0.0.1/info/1/1.htm", title="开远市水务局2023年度部门决算", content_sha256="x"
    )
    assert store.save_document(document, {"figures": [figure]}) == "new"
    row = next(store.db.query("select metric, value, unit_text from figures"))
    store.close()
    assert row == {"metric": "sangong.reception", "value": 4419.0, "unit_text": "元"}
