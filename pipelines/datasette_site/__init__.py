"""The published site's Datasette configuration: `metadata.yaml` (titles, column descriptions, canned queries,
dashboards), `plugins/` (Chinese search, report and figure pages, number formats, region navigation) and
`templates/`. It ships inside the package, so `govreports serve`, `demo` and `publish` find it wherever
govreports is installed — a checkout or a wheel — and never through the checkout's layout."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yaml"
PLUGINS_DIR = HERE / "plugins"
TEMPLATES_DIR = HERE / "templates"
SETTINGS = {"suggest_facets": False}  # Datasette settings of the site


def datasette_options() -> list[str]:
    """The `datasette serve` options that load the site's metadata, plugins, templates and settings."""
    return [
        "--metadata",
        str(METADATA),
        "--plugins-dir",
        str(PLUGINS_DIR),
        "--template-dir",
        str(TEMPLATES_DIR),
        *(arg for name, value in SETTINGS.items() for arg in ("--setting", name, json.dumps(value))),
    ]


def in_process(db: Path):
    """The site on DB as a Datasette object in this process, configured as `datasette_options` configures
    `datasette serve`: its `.client` answers requests without a port or a child process (tests, scripts)."""
    import yaml
    from datasette.app import Datasette

    return Datasette(
        [str(db)],
        metadata=yaml.safe_load(METADATA.read_text(encoding="utf-8")),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        settings=dict(SETTINGS),
    )
