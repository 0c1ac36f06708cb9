"""Facts: one row per (subject, fiscal year, metric, stage), whichever documents print the number.

The same number is printed by several documents — the 部门决算 and the 自评报告 of the same year, a sentence
and the xlsx form attached to it, one form attached to two pages — and `figures` keeps every printing with
its provenance. Summing `figures` therefore counts a number once per printing. A *fact* is the number
itself: `facts` has one row per key, the value of the figure chosen by the rule below, how many figures and
documents printed it and whether they disagree. Every figure carries its `fact_id`; sum facts, not figures.

The key:
* subject — the figure's subject, else its document's department (a department, or a project's name;
  a figure with neither is a fact of its own document);
* fiscal_year — the figure's own year, else its document's (a 2022 report may print the 2023 budget);
* metric — the metric key;
* stage — `budget` for planned amounts (a `budget.*` metric, or any figure of a 预算/绩效目标 document),
  `actual` for everything else (决算, self-evaluations): a 2023 预算 and the 2023 决算 print different
  公务接待费 and both are facts.

The rule that chooses among a fact's figures, in order (`choice_order`):
1. a printed value before a blank (NULL);
2. the most authoritative report type for the stage: for `actual`, 决算 (final_accounts) before department
   self-evaluations before project self-evaluations before external evaluations before other pages before a
   budget; for `budget`, the budget before the performance targets before the rest, in the same order;
3. the page's own text before an attachment (the sentence can be shown highlighted in its page);
4. the newest document (latest `published`; a changed page replaces its figures, so this is its current
   version); then, so that every crawl, rebuild and merge chooses alike, the lowest document id, attachment
   id and the first printing in it.
When the printed values differ (compared to the fen), the fact says so (`values_differ`) and a
`validation_issues` row (rule `facts.documents_disagree`) lists the competing values; nothing is averaged.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

import sqlite_utils

DISAGREEMENT_RULE = "facts.documents_disagree"
BUDGET_REPORTS = {"budget", "performance_targets"}
ACTUAL_AUTHORITY = [
    "final_accounts",
    "self_eval_department_and_project",
    "self_eval_department",
    "self_eval_project",
    "external_evaluation",
    "other",
    None,
    "performance_targets",
    "budget",
]
BUDGET_AUTHORITY = ["budget", "performance_targets", *[t for t in ACTUAL_AUTHORITY if t not in BUDGET_REPORTS]]
CHUNK = 500  # ids per `in (…)` list, well below SQLite's parameter limit

# figure_id is not declared (figures refer to facts, and a table can only refer to one created before it);
# the site links it like every figure_id column.
FACT_FOREIGN_KEYS = [
    ("document_id", "documents", "id"),
    ("attachment_id", "attachments", "id"),
    ("metric", "metrics", "key"),
    ("region_code", "regions", "code"),
]
FACT_INDEXES = [["subject", "fiscal_year"], ["metric"], ["document_id"], ["region_code"], ["values_differ"]]

# A figure with the document columns the key and the rule need.
_FIGURES_SQL = """
select f.id, f.document_id, f.attachment_id, f.metric, coalesce(f.subject, d.department) as subject,
       cast(coalesce(f.fiscal_year, d.fiscal_year) as integer) as fiscal_year, f.value, f.unit, f.value_text,
       d.department, d.report_type, d.published, d.region_code, f.fact_id
from figures f left join documents d on d.id = f.document_id
"""


def fact_stage(metric: str, report_type: str | None) -> str:
    return "budget" if metric.startswith("budget.") or report_type in BUDGET_REPORTS else "actual"


def fact_id(subject: str, fiscal_year: int | None, metric: str, stage: str) -> int:
    """A 52-bit id for a fact key: the same on every machine, rebuild and merge, exact in JavaScript."""
    key = "\x1f".join((subject, str(fiscal_year), metric, stage))
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:13], 16)


def _key_id(figure: dict) -> int | None:
    """The figure's fact id. Without a subject (no department known) the number cannot be matched with
    other documents' printings: it is a fact of its own document."""
    if figure["document_id"] is None or not figure["metric"]:
        return None
    subject = figure["subject"] or f"document {figure['document_id']}"
    return fact_id(
        subject, figure["fiscal_year"], figure["metric"], fact_stage(figure["metric"], figure["report_type"])
    )


def choice_order(figure: dict, stage: str) -> tuple:
    """Sort key of the module docstring's rule: the smallest is chosen."""
    authority = BUDGET_AUTHORITY if stage == "budget" else ACTUAL_AUTHORITY
    rank = authority.index(figure["report_type"]) if figure["report_type"] in authority else len(authority)
    return (
        figure["value"] is None,
        rank,
        figure["attachment_id"] is not None,
        _negated(figure["published"]),
        figure["document_id"],
        figure["attachment_id"] or 0,
        figure["id"],
    )


def _negated(text: str | None) -> tuple:
    """Sort newest first: a missing date last."""
    return (text is None, tuple(-ord(c) for c in text or ""))


def _rows(db: sqlite_utils.Database, where: str, ids: list[int]) -> Iterable[dict]:
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        yield from db.query(f"{_FIGURES_SQL} where {where} in ({', '.join('?' * len(chunk))})", chunk)


def fact_ids_of_document(db: sqlite_utils.Database, document_id: int) -> set[int]:
    return {
        row[0]
        for row in db.execute(
            "select distinct fact_id from figures where document_id = ? and fact_id is not null", [document_id]
        )
    }


def assign_and_refresh(db: sqlite_utils.Database, document_id: int, previous: set[int]) -> None:
    """Key every figure of one document and recompute the facts it touched (`previous`: its fact ids
    before the change, so a fact it no longer prints is recomputed or removed)."""
    figures = list(_rows(db, "f.document_id", [document_id]))
    keyed = [(_key_id(f), f["id"]) for f in figures]
    db.conn.executemany("update figures set fact_id = ? where id = ?", keyed)
    refresh(db, previous | {key for key, _ in keyed if key is not None})


def rebuild_all(db: sqlite_utils.Database) -> int:
    """Key every figure and recompute every fact (a database from before facts existed); returns facts."""
    keyed = [(_key_id(f), f["id"]) for f in db.query(_FIGURES_SQL)]
    db.conn.executemany("update figures set fact_id = ? where id = ?", keyed)
    db.execute("delete from facts")
    refresh(db, {key for key, _ in keyed if key is not None})
    return db.execute("select count(*) from facts").fetchone()[0]


def refresh(db: sqlite_utils.Database, ids: set[int]) -> None:
    """Recompute the facts with these ids from their figures: upsert, delete the orphaned, and replace
    their disagreement issues."""
    ordered = sorted(ids)
    if not ordered:
        return
    printed: dict[int, list[dict]] = defaultdict(list)
    for figure in _rows(db, "f.fact_id", ordered):
        printed[figure["fact_id"]].append(figure)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        db.execute(f"delete from validation_issues where fact_id in ({marks})", chunk)
        db.execute(f"delete from facts where id in ({marks})", chunk)
    facts = [_fact(key, figures) for key, figures in printed.items()]
    if facts:
        db.table("facts").insert_all(facts, pk="id")
    issues = [issue for fact in facts if fact["values_differ"] for issue in [_issue(fact, printed[fact["id"]])]]
    if issues:
        db.table("validation_issues").insert_all(issues)


def _fact(key: int, figures: list[dict]) -> dict:
    stage = fact_stage(figures[0]["metric"], figures[0]["report_type"])
    chosen = min(figures, key=lambda f: choice_order(f, stage))
    values = [f["value"] for f in figures if f["value"] is not None]
    differ = len({round(v, 2) for v in values}) > 1
    documents = len({f["document_id"] for f in figures})
    return {
        "id": key,
        "subject": chosen["subject"],
        "fiscal_year": chosen["fiscal_year"],
        "metric": chosen["metric"],
        "stage": stage,
        "value": chosen["value"],
        "unit": chosen["unit"],
        "value_text": chosen["value_text"],
        "subject_type": _subject_type(chosen),
        "department": chosen["department"],
        "region_code": chosen["region_code"],
        "figure_id": chosen["id"],
        "document_id": chosen["document_id"],
        "attachment_id": chosen["attachment_id"],
        "report_type": chosen["report_type"],
        "published": chosen["published"],
        "documents": documents,
        "figures": len(figures),
        "values_differ": int(differ),
        "min_value": min(values, default=None),
        "max_value": max(values, default=None),
        "chosen_by": _chosen_by(chosen, len(figures), differ),
    }


def _subject_type(figure: dict) -> str | None:
    if not figure["subject"]:
        return None
    return "department" if figure["subject"] == figure["department"] else "project"


def _chosen_by(chosen: dict, figures: int, differ: bool) -> str:
    where = "the page" if chosen["attachment_id"] is None else "an attachment"
    if figures == 1:
        return f"only printing: {chosen['report_type'] or 'document'}, {where}"
    agreement = "values differ" if differ else "all printings agree"
    return f"{agreement}; chosen: {chosen['report_type'] or 'document'} published {chosen['published']}, {where}"


def _issue(fact: dict, figures: list[dict]) -> dict:
    printed = {round(f["value"], 2) for f in figures if f["value"] is not None}
    others = sorted(
        {
            (f["value"], f["document_id"])
            for f in figures
            if f["value"] is not None and round(f["value"], 2) != round(fact["value"], 2)
        }
    )
    return {
        "document_id": fact["document_id"],
        "attachment_id": fact["attachment_id"],
        "fact_id": fact["id"],
        "rule": DISAGREEMENT_RULE,
        "detail": (
            f"{fact['metric']} of {fact['subject']} {fact['fiscal_year']} ({fact['stage']}): "
            f"{fact['figures']} printings in {fact['documents']} documents give {len(printed)} values; "
            f"the fact keeps the one of this document ({fact['chosen_by']})"
        ),
        "expected": f"{fact['value']:.2f}",
        "observed": "; ".join(f"{value:.2f} (document {document_id})" for value, document_id in others),
    }
