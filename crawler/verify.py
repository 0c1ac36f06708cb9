"""`govreports verify PORTAL`: confirm a registry entry against the live site.

It fetches the home page (is it there, does its markup look like the entry's CMS family?), runs a `discover`
crawl (navigation and column lists only, no article), prints the columns found with their article counts and
latest list dates, and — when the user accepts, or with `--yes` — writes `verified: true` and `verified_on` into
the registry. An entry whose discovery finds no column is not marked.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from crawler.probe import detect_family, fetch_url
from crawler.registry import REGISTRY_PATH, get_portal, mark_verified
from pipelines.columns import load_columns
from pipelines.text import decode_bytes


def verify_portal(portal_id: str, *, db: str, base_url: str | None, assume_yes: bool) -> None:
    from crawler.run import run_crawl

    portal = get_portal(portal_id)
    home = (base_url or portal["base_url"]).rstrip("/") + "/"
    try:
        final_url, body = fetch_url(home)
    except OSError as exc:
        raise click.ClickException(f"{home} did not answer: {exc}") from exc
    family = detect_family(decode_bytes(body)[0])
    click.echo(f"home page   {final_url} ({len(body):,} bytes), markup looks {family}; registry says {portal['cms']}")
    if family not in (portal["cms"], "generic"):
        click.echo(f"warning: the registry's cms {portal['cms']!r} may be wrong (markup looks {family})", err=True)
    run = run_crawl(portal, db=db, archive=str(Path(db).parent / "archive"), base_url=base_url, mode="discover")
    columns = [
        c
        for c in load_columns(db, portal["id"])
        if c["status"] == "active" and c["last_seen"] and c["last_seen"] >= (run.get("started") or "")
    ]
    if not columns:
        raise click.ClickException(f"discovery found no column listing articles on {portal_id}: not verified")
    click.echo(f"{len(columns)} report column(s):")
    for column in columns:
        click.echo(
            f"  {column['articles_seen']:>5} articles  latest {column['latest_article'] or '?':<10}  "
            f"{column['label_path'] or '(registry start column)'}\n{'':>9}{column['url']}"
        )
    if assume_yes or click.confirm(f"Mark {portal_id} as verified in {REGISTRY_PATH}?", default=False):
        day = datetime.now(UTC).date().isoformat()
        mark_verified(portal_id, day)
        click.echo(f"{portal_id}: verified: true, verified_on: {day}")
