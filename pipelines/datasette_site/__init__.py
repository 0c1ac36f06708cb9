"""The published site's Datasette configuration: `metadata.yaml` (titles, column descriptions, canned queries,
dashboards), `plugins/` (Chinese search, report and figure pages, number formats, region navigation) and
`templates/`. It ships inside the package, so `govreports serve`, `demo` and `publish` find it wherever
govreports is installed — a checkout or a wheel — and never through the checkout's layout."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yaml"
PLUGINS_DIR = HERE / "plugins"
TEMPLATES_DIR = HERE / "templates"


def datasette_options() -> list[str]:
    """The `datasette serve` options that load the site's metadata, plugins and templates."""
    return ["--metadata", str(METADATA), "--plugins-dir", str(PLUGINS_DIR), "--template-dir", str(TEMPLATES_DIR)]
