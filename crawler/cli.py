"""The `govreports` command."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
from datetime import date
from pathlib import Path

import click

from crawler.registry import all_portals, get_portal
from crawler.spiders.base import MODES
from pipelines.datasette_site import datasette_options

# What govreports writes goes under data/ of the working directory (the checkout's, for `make demo`); what it
# ships (the Datasette site, the registry, the sample portal's seed) is package data, found from a wheel too.
OUTPUT_DIR = Path("data")
DEFAULT_DB = OUTPUT_DIR / "reports.db"
DEFAULT_ARCHIVE = OUTPUT_DIR / "archive"


class OneLineErrors(click.Group):
    """Every failure of a command is one line on stderr and exit status 1, never a traceback (unless -v):
    the messages a researcher can act on (a portal id, a database that is not one, a path that cannot be
    written) are in the exception already."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if (ctx.obj or {}).get("verbose"):
                raise
            raise click.ClickException(describe(exc)) from exc


def describe(exc: Exception) -> str:
    """One line saying what went wrong."""
    from crawler.run import CrawlFailed
    from pipelines.extract import MalformedPage, NotAPage
    from pipelines.store import DatabaseBusy

    if isinstance(exc, sqlite3.DatabaseError):
        return f"database error: {exc}"
    if isinstance(exc, KeyError):  # UnknownPortal and friends: the message is the only argument
        return str(exc.args[0]) if exc.args else "KeyError"
    if isinstance(exc, (DatabaseBusy, CrawlFailed, OSError, MalformedPage, NotAPage)):  # their message says it all
        return str(exc)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


@click.group(cls=OneLineErrors)
@click.option("-v", "--verbose", is_flag=True, help="Show the traceback of an error.")
@click.pass_context
def main(ctx, verbose):
    """govreports: crawl Chinese government disclosure portals into a searchable dataset."""
    ctx.obj = {"verbose": verbose}


# -- option checks ----------------------------------------------------------------------------------
def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


def _settings(ctx, param, pairs) -> dict:
    from crawler.run import check_setting, project_settings

    defaults, settings = project_settings(), {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE")
        try:
            check_setting(name.strip(), value.strip(), defaults)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
        settings[name.strip()] = value.strip()
    return settings


def _report_run(run: dict) -> None:
    """Print this run's row; exit 1 when it did not finish (shutdown, a cap, redis_unreachable) or failed
    (every request failed or was refused), so that cron and scripts notice."""
    click.echo(json.dumps(run, ensure_ascii=False))
    if run.get("status") != "finished":
        click.echo(
            f"Error: the crawl ended {run.get('status')!r} with {run.get('errors') or 0} error(s); see crawl_errors",
            err=True,
        )
        raise SystemExit(1)


# -- crawling ---------------------------------------------------------------------------------------
@main.command()
@click.argument("portal")
@click.option("--db", type=click.Path(dir_okay=False), default=str(DEFAULT_DB), show_default=True)
@click.option("--archive", type=click.Path(file_okay=False), default=str(DEFAULT_ARCHIVE), show_default=True)
@click.option("--base-url", help="Override the registry's base URL (e.g. a local mirror).")
@click.option("--jobdir", type=click.Path(file_okay=False), help="Scrapy JOBDIR: a killed crawl resumes from it.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="incremental",
    show_default=True,
    help="incremental: stop paging at known articles; full: walk every list page; "
    "recheck: also re-request known articles conditionally and detect removals.",
)
@click.option("--since", metavar="YYYY-MM-DD", callback=_iso_date, help="Ignore list items published before this date.")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_settings,
    help="Any Scrapy or govreports setting.",
)
@click.option(
    "--redis",
    "redis_url",
    metavar="redis://HOST:PORT/DB",
    help="Be one worker of a distributed crawl: share the frontier in this Redis with the other "
    "workers; this worker writes its own --db and --archive (combine them with `merge`).",
)
@click.option(
    "--worker",
    metavar="NAME",
    help="This worker's name in the distributed crawl, unique among its workers (default: HOST:PID).",
)
def crawl(portal, db, archive, base_url, jobdir, mode, since, overrides, redis_url, worker):
    """Crawl one PORTAL of the registry into the database."""
    from crawler.run import run_crawl

    if redis_url and jobdir:
        raise click.UsageError("--jobdir does not apply with --redis: the frontier is kept in Redis")
    if worker and not redis_url:
        raise click.UsageError("--worker needs --redis")
    get_portal(portal)  # an unknown portal fails here, before anything starts
    _report_run(
        run_crawl(
            portal,
            db=db,
            archive=archive,
            base_url=base_url,
            jobdir=jobdir,
            settings=overrides,
            redis_url=redis_url,
            worker=worker,
            mode=mode,
            since=since,
        )
    )


@main.command()
@click.argument("out", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def merge(out, inputs):
    """Merge the databases of a distributed crawl's workers (INPUTS) into OUT."""
    from crawler.merge import merge_databases

    click.echo(json.dumps(merge_databases(Path(out), [Path(p) for p in inputs]), ensure_ascii=False))


@main.command()
@click.option("--no-serve", is_flag=True, help="Build data/reports.db and stop.")
@click.option("--port", default=8001, show_default=True, help="Datasette port.")
@click.option("--db", type=click.Path(dir_okay=False), default=str(DEFAULT_DB), show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's full log instead of the progress line.")
def demo(no_serve, port, db, verbose):
    """Crawl the bundled sample portal (invented reports) on loopback, build the database and serve it."""
    from crawler.run import run_crawl
    from crawler.sample_portal.build import build_site
    from crawler.sample_portal.server import serve as serve_portal

    portal = get_portal("sample")
    host_port = int(portal["base_url"].rsplit(":", 1)[1])
    if not _port_free(host_port):
        raise click.ClickException(f"port {host_port} is busy: the sample portal is served there (is a demo running?)")
    log_file = Path(db).parent / "demo-crawl.log"
    click.echo("Crawling the bundled sample portal (invented sample reports, served on 127.0.0.1)…")
    with serve_portal(build_site(), port=host_port) as base_url, _DemoProgress(Path(db), enabled=not verbose):
        run = run_crawl(
            "sample",
            db=db,
            archive=str(Path(db).parent / "archive"),
            base_url=base_url,
            settings={} if verbose else {"LOG_FILE": str(log_file), "LOG_LEVEL": "INFO"},
        )
    click.echo(_demo_summary(Path(db), run, None if verbose else log_file))
    if not no_serve:
        _serve(Path(db), port)


DEMO_COUNTS_SQL = """select (select count(*) from documents), (select count(*) from figures),
                            (select count(*) from facts), (select count(*) from crawl_errors)"""


def _demo_counts(db: Path) -> tuple[int, int, int, int] | None:
    import sqlite3

    try:
        with sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute(DEMO_COUNTS_SQL).fetchone()
    except sqlite3.Error:  # not created yet, or busy: the next tick shows it
        return None


class _DemoProgress:
    """One self-updating line on stderr while the demo crawls: documents, figures, facts, errors so far."""

    def __init__(self, db: Path, *, enabled: bool, every: float = 0.5):
        import threading

        self.db, self.enabled, self.every = db, enabled, every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        if self.enabled:
            self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.enabled:
            self.stop.set()
            self.thread.join()
            click.echo("", err=True)

    def _run(self):
        while not self.stop.wait(self.every):
            counts = _demo_counts(self.db)
            if counts:
                documents, figures, facts, errors = counts
                click.echo(
                    f"\r  documents {documents:,} · figures {figures:,} · facts {facts:,} · errors {errors:,}",
                    nl=False,
                    err=True,
                )


def _demo_summary(db: Path, run: dict, log_file: Path | None) -> str:
    documents, figures, facts, errors = _demo_counts(db) or (0, 0, 0, 0)
    lines = [
        f"Done in {run.get('duration_seconds') or 0:.0f} s ({run.get('status', 'unknown')}): "
        f"{run.get('requests') or 0:,} requests, {documents:,} documents, {figures:,} figures "
        f"({facts:,} facts), {errors:,} errors."
    ]
    if errors:
        lines.append(
            f"The {errors} errors are deliberate: the sample portal serves a few broken pages and files "
            "to show that bad input becomes a crawl_errors row and loses nothing else."
        )
    if log_file:
        lines.append(f"Scrapy's full log: {log_file} (or run with -v).")
    lines.append("These are invented sample reports, not government data.")
    return "\n".join(lines)


def _port_free(port: int) -> bool:
    with socket.socket() as probe_socket:
        try:
            probe_socket.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@main.command()
@click.option("--port", default=8001, show_default=True)
@click.option("--db", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_DB), show_default=True)
def serve(port, db):
    """Serve the database in Datasette on 127.0.0.1."""
    _serve(Path(db), port)


def datasette_args(db: Path, port: int) -> list[str]:
    return [
        str(Path(sys.executable).with_name("datasette")),
        "serve",
        str(db),
        *datasette_options(),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def _serve(db: Path, port: int) -> None:
    click.echo(f"Serving {db} at http://127.0.0.1:{port}/")
    args = datasette_args(db, port)
    os.execv(args[0], args)


# -- documents --------------------------------------------------------------------------------------
@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", help="The URL the page was served from (resolves links, sets documents.url).")
def extract(path, url):
    """Print the records one saved page or attachment file yields, as JSON."""
    from pipelines.extract import extract_file

    result = extract_file(Path(path).read_bytes(), url, name=Path(path).name)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), default=str(DEFAULT_DB), show_default=True)
@click.option(
    "--archive", type=click.Path(exists=True, file_okay=False), default=str(DEFAULT_ARCHIVE), show_default=True
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_settings,
    help="A govreports setting, e.g. GOVREPORTS_EXTRACT_TIMEOUT=60.",
)
def rebuild(db, archive, overrides):
    """Re-run the extractors over the raw archive into DB (no network)."""
    from crawler.run import rebuild_from_archive

    click.echo(json.dumps(rebuild_from_archive(Path(archive), Path(db), overrides), ensure_ascii=False))


@main.command()
@click.option("--db", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_DB), show_default=True)
def status(db):
    """The latest crawl run of every portal."""
    import sqlite_utils

    rows = sqlite_utils.Database(db).query(
        """select * from crawl_runs where id in (select max(id) from crawl_runs group by portal_id)
           order by portal_id"""
    )
    for r in rows:
        click.echo(
            f"{r['portal_id']:<14} {r['status']:<10} {r['started']}  {r['mode'] or '':<11} "
            f"{r['duration_seconds'] or 0:>7.1f}s  requests {r['requests'] or 0:>6}  "
            f"new {r['new_documents'] or 0:>5}  changed {r['changed_documents'] or 0:>4}  "
            f"unchanged {r['unchanged_documents'] or 0:>5}  "
            f"removed {r['removed_documents'] or 0:>4}  errors {r['errors'] or 0:>4}"
        )


@main.command()
@click.option("--db", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_DB), show_default=True)
def check(db):
    """Check DB is fit to publish: seed report present, no empty core table, search index in step with the
    documents, every figure tied to a document and to its source text."""
    from pipelines.publish import soundness_problems

    problems = soundness_problems(db)
    for problem in problems:
        click.echo(f"- {problem}", err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s): {db} is not fit to publish")
    click.echo(f"{db}: fit to publish")


@main.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False),
    required=True,
    help="Folder to write reports.db and inspect.json into.",
)
@click.option("--db", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_DB), show_default=True)
def publish(output, db):
    """Check DB, then write a vacuumed copy and its inspect file to OUTPUT, to serve immutable."""
    from pipelines.publish import INSPECT_NAME, UnsoundDatabase, prepare_publish

    try:
        published = prepare_publish(db, output)
    except UnsoundDatabase as unsound:
        raise click.ClickException(str(unsound)) from unsound
    click.echo(
        f"Wrote {published} and {published.parent / INSPECT_NAME}. Serve it with:\n"
        f"  datasette serve -i {published} --inspect-file {published.parent / INSPECT_NAME} "
        f"{' '.join(datasette_options())}"
    )


@main.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True)
@click.option("--db", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_DB), show_default=True)
@click.option(
    "--all-figures",
    is_flag=True,
    help="Every printed occurrence of every number (is_chosen marks the one its fact uses), "
    "instead of one row per fact.",
)
def export(fmt, output, db, all_figures):
    """Write one row per fact (subject, year, metric, stage) with its document, region and metric label as
    one tidy table (Parquet or CSV): sums over it count each number once."""
    from pipelines.export import export_figures

    rows = export_figures(db, fmt, Path(output), all_figures=all_figures)
    click.echo(
        json.dumps({"rows": rows, "output": output, "format": fmt, "all_figures": all_figures}, ensure_ascii=False)
    )


@main.command()
@click.argument("url")
@click.option("--yaml", "as_yaml", is_flag=True, help="Print the proposals as registry YAML.")
def probe(url, as_yaml):
    """Fetch URL's home page (and its 政府信息公开 page) and propose registry entries (needs internet)."""
    import yaml

    from crawler.probe import probe as probe_portal

    proposals = probe_portal(url)
    if as_yaml:
        click.echo(yaml.safe_dump({"portals": proposals}, allow_unicode=True, sort_keys=False))
    else:
        click.echo(json.dumps(proposals, ensure_ascii=False, indent=2))


@main.command()
@click.argument("portal")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=str(DEFAULT_DB),
    show_default=True,
    help="Where the discovered columns are kept (portal_columns); later crawls start from them.",
)
@click.option("--base-url", help="Check this address instead of the registry's (e.g. a local mirror).")
@click.option("--yes", is_flag=True, help="Mark the entry verified without asking (scripts).")
def verify(portal, db, base_url, yes):
    """Check PORTAL's registry entry against the live site (needs internet): fetch the home page, discover the
    report columns, print them with their article counts and latest dates, and mark the entry verified."""
    from crawler.verify import verify_portal

    verify_portal(portal, db=db, base_url=base_url, assume_yes=yes)


@main.command()
@click.option("--json", "as_json", is_flag=True)
def portals(as_json):
    """List the portals of the registry."""
    rows = all_portals()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for p in rows:
        flag = "" if p["verified"] else "  (unverified)"
        click.echo(f"{p['id']:<15} {p['cms']:<8} {p['region_code']}  {p['base_url']:<32} {p['name']}{flag}")


if __name__ == "__main__":  # pragma: no cover
    main()
