"""The files generated from `pipelines.schema` and the metric keys, so that they cannot drift from the code.

    python -m pipelines.docgen          rewrite them (`make docs`)
    python -m pipelines.docgen --check  list the stale ones and exit 1 (tests/test_schema.py runs the check)

* pipelines/datasette_site/metadata.yaml: the `columns:` section of every stored table (Datasette's column
  descriptions); the rest of the file (table descriptions, facets, views, queries) is written by hand and kept as
  it is.
* docs/data-dictionary.md: every stored table and column with its SQL type and meaning, and the dropped fields.
* docs/metrics.md: every metric key with its Chinese label, unit and meaning.

The metadata is written into the committed file (rather than injected when Datasette starts) so that a plain
`datasette serve --metadata pipelines/datasette_site/metadata.yaml` shows the same descriptions as `govreports serve`.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import yaml

from pipelines import schema
from pipelines.datasette_site import METADATA
from pipelines.figures.metrics import METRICS

ROOT = Path(__file__).resolve().parents[1]
DATA_DICTIONARY = ROOT / "docs" / "data-dictionary.md"
METRICS_DOC = ROOT / "docs" / "metrics.md"

_TABLE_KEY = re.compile(r"^ {6}(\w+):\s*$")  # a table under databases.reports.tables
_SECTION_INDENT = 8  # a table's keys (description, columns …)
_COLUMNS_KEY = " " * _SECTION_INDENT + "columns:"
_ENTRY_INDENT = " " * 10
_WIDTH = 110


def metadata_text(current: str) -> str:
    """`current` (pipelines/datasette_site/metadata.yaml) with the `columns:` section of each schema table
    regenerated."""
    lines = current.splitlines()
    missing = set(schema.TABLES)
    out: list[str] = []
    index, table = 0, None
    while index < len(lines):
        line = lines[index]
        match = _TABLE_KEY.match(line)
        if match:
            table = match.group(1)
        out.append(line)
        index += 1
        if line == _COLUMNS_KEY and table in schema.TABLES:
            missing.discard(table)
            while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) > _SECTION_INDENT):
                index += 1
            out += [
                entry
                for column, text in schema.TABLES[table].descriptions().items()
                for entry in _yaml_entry(column, text)
            ]
    if missing:
        raise ValueError(
            f"{METADATA.name} has no `columns:` section for {', '.join(sorted(missing))}: add the "
            "table with its description (and an empty `columns:`), then run `make docs`"
        )
    return "\n".join(out) + "\n"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _yaml_entry(column: str, text: str) -> list[str]:
    """One `column: description` entry, folded (`>-`) when it is long."""
    if len(_ENTRY_INDENT) + len(column) + len(text) + 2 <= _WIDTH:
        dumped = yaml.safe_dump({column: text}, allow_unicode=True, width=float("inf")).rstrip("\n")
        return [_ENTRY_INDENT + dumped]
    wrapped = textwrap.wrap(text, _WIDTH - len(_ENTRY_INDENT) - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{_ENTRY_INDENT}{column}: >-", *(f"{_ENTRY_INDENT}  {part}" for part in wrapped)]


def data_dictionary() -> str:
    parts = [
        "# Data dictionary",
        "",
        "<!-- Generated from pipelines/schema.py by `make docs`; edit the schema, not this file. -->",
        "",
        "The tables of the published SQLite database (`data/reports.db`, served by Datasette as `reports`). Their "
        "names and columns are the dataset's contract: add freely, rename or drop only with a migration "
        "(`pipelines/store.py`).",
        "",
        "Conventions: money is in yuan (元), rounded to the fen; percentages are percent (`83.50%` → `83.5`); counts "
        "and staff numbers are integers; dates are ISO 8601. A blank cell or a printed `—`, `-`, `/`, `无` is NULL, "
        "never 0 (the printed glyph stays in the text column). Every figure keeps its provenance: document, "
        "attachment, source text with its offsets in `documents.body_text`, or the sheet/cell `locator`. Values are "
        "never corrected: a failed consistency check is a `validation_issues` row. Metric keys: "
        "[metrics.md](metrics.md). The views (`department_year`, `sangong_by_department_year` …) are described on "
        "the Datasette site.",
        "",
        " · ".join(f"[{name}](#{name})" for name in schema.TABLES),
    ]
    for table in schema.TABLES.values():
        key = ", ".join(table.pk) if isinstance(table.pk, tuple) else table.pk
        parts += [
            "",
            f"## {table.name}",
            "",
            " ".join(table.description.split()),
            "",
            f"Primary key: `{key}`.",
            "",
            "| column | type | description |",
            "|---|---|---|",
        ]
        parts += [
            f"| `{column}` | {sql} | {_cell(text)} |"
            for (column, sql), text in zip(table.sql_types().items(), table.descriptions().values(), strict=True)
        ]
    parts += [
        "",
        "## Dropped fields",
        "",
        "Fields the parsers build that no column holds, and why (`schema.DROPPED`); the store refuses any other.",
        "",
        "| field | reason |",
        "|---|---|",
    ]
    parts += [f"| `{name}` | {_cell(reason)} |" for name, reason in schema.DROPPED.items()]
    return "\n".join(parts) + "\n"


def metrics_doc() -> str:
    parts = [
        "# Metric keys",
        "",
        "<!-- Generated from pipelines/figures/metrics.py (METRICS) by `make docs`; edit METRICS, not this file. -->",
        "",
        "Every figure (`figures.metric`, `facts.metric`) is one of these keys; the `metrics` table of the database "
        "holds the same rows. Units: `yuan` (money, in 元), `percent`, `count` (批次, 人次, 辆, 个), `persons` "
        "(staff). A key names a concept in its context (stage, scope, unit): the wordings that print it are in "
        "`pipelines/lexicon.yaml`, and how a wording and its context become a key is in "
        "`pipelines/figures/metrics.py`.",
        "",
        "| key | 中文 | unit | meaning / wordings |",
        "|---|---|---|---|",
    ]
    parts += [
        f"| `{key}` | {_cell(label)} | {unit} | {_cell(description)} |" for key, label, unit, description in METRICS
    ]
    return "\n".join(parts) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def generated() -> dict[Path, str]:
    """Each generated file with the text it should have now."""
    return {
        METADATA: metadata_text(METADATA.read_text(encoding="utf-8")),
        DATA_DICTIONARY: data_dictionary(),
        METRICS_DOC: metrics_doc(),
    }


def stale() -> list[Path]:
    return [path for path, text in generated().items() if not path.exists() or path.read_text(encoding="utf-8") != text]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        paths = stale()
        for path in paths:
            print(f"{path.relative_to(ROOT)} is out of date: run `make docs`")
        return 1 if paths else 0
    for path, text in generated().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
