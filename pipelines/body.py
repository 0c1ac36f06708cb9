"""The document body as the extractors see it: one text plus the tables inside it.

`body_text` is what the `documents` table stores and what every figure's `span_start`/`span_end` point into.
Tables are rendered into that text one row per line, cells joined by `CELL_SEP`, so a researcher reading
`body_text` still sees the table; each table is also kept as a `pipelines.grid.Grid` (the one table model,
spans expanded) whose printed cells carry their offsets, so table figures get exact provenance too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.grid import CELL_SEP, Grid

__all__ = ["CELL_SEP", "Body"]


@dataclass
class Body:
    text: str
    tables: list[Grid] = field(default_factory=list)
