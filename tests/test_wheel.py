"""govreports installed from a wheel: what it ships (the Datasette site, the registry, the lexicon, the region
tables, the sample portal's seed) is package data found beside the installed code, and what it writes goes
to the working directory — nothing is looked up through a checkout's layout. Built and installed offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile

import pytest
from conftest import PROJECT

SHIPPED = [
    "crawler/portals.yaml",
    "crawler/sample_portal/seed/kaiyuan_zwfw_2022.txt",
    "pipelines/lexicon.yaml",
    "pipelines/data/regions.csv",
    "pipelines/datasette_site/metadata.yaml",
    *(
        f"pipelines/datasette_site/plugins/{path.name}"
        for path in (PROJECT / "pipelines/datasette_site/plugins").glob("*.py")
    ),
    *(
        f"pipelines/datasette_site/templates/{path.name}"
        for path in (PROJECT / "pipelines/datasette_site/templates").glob("*.html")
    ),
]

# Run from the installed copy in an empty working directory: the site found where `govreports serve` finds it,
# served in-process with its plugins (which import pipelines from the installed copy too); the sample portal
# built from the installed seed into ./data/.
INSTALLED_RUN = textwrap.dedent("""
    import asyncio, json, sys
    from pathlib import Path

    import yaml
    from datasette.app import Datasette

    import crawler, pipelines
    from crawler.cli import datasette_args
    from crawler.sample_portal.build import build_site
    from pipelines import datasette_site
    from pipelines.store import Store

    site = Path(sys.argv[1]).resolve()
    options = datasette_args(Path("reports.db"), 8001)
    paths = [Path(options[options.index(flag) + 1]) for flag in ("--metadata", "--plugins-dir", "--template-dir")]
    for path in [Path(crawler.__file__), Path(pipelines.__file__), *paths]:
        assert path.resolve().is_relative_to(site) and path.exists(), path

    Store("reports.db").close()
    datasette = Datasette(["reports.db"], metadata=yaml.safe_load(datasette_site.METADATA.read_text()),
                          plugins_dir=str(datasette_site.PLUGINS_DIR),
                          template_dir=str(datasette_site.TEMPLATES_DIR))

    async def fetch():
        home = await datasette.client.get("/")
        plugins = await datasette.client.get("/-/plugins.json")
        return home.status_code, home.text, [plugin["name"] for plugin in plugins.json()]

    status, home, plugins = asyncio.run(fetch())
    built = build_site()
    print(json.dumps({"status": status, "title_shown": "政府预决算" in home, "plugins": plugins,
                      "site": str(built), "pages": len(list(built.rglob("*.htm")))}))
""")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel, built offline from a copy of the sources (the build's files stay out of the checkout)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for package in ("crawler", "pipelines"):
        shutil.copytree(PROJECT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            str(work / "dist"),
            str(source),
        ],
        check=True,
        timeout=300,
    )
    return next((work / "dist").glob("govreports-*.whl"))


def test_the_wheel_ships_the_site_the_registry_and_the_seed(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert len(SHIPPED) > 10
    assert [path for path in SHIPPED if path not in names] == []
    assert not [name for name in names if name.startswith("data/")]  # outputs and checkout paths stay out


def test_an_installed_wheel_serves_its_site_and_builds_the_sample_portal(wheel, tmp_path):
    site, run = tmp_path / "site-packages", tmp_path / "elsewhere"
    run.mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    # The installed copy comes first on the path, before the test environment's editable install.
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", INSTALLED_RUN, str(site)], cwd=run, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    plugins = {path.name for path in (PROJECT / "pipelines/datasette_site/plugins").glob("*.py")}
    assert answer["status"] == 200 and answer["title_shown"]
    assert plugins <= set(answer["plugins"])
    assert answer["site"] == "data/sample_portal/site" and answer["pages"] > 30
    assert (run / "data" / "sample_portal" / "site").is_dir()
