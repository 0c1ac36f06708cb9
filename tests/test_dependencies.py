"""Dependencies point one way: `crawler/` (sites, Scrapy) uses `pipelines/` (documents, extraction, store), and
nothing under `pipelines/` imports `crawler/` — not at the top of a module, not inside a function, not by name
through importlib."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PIPELINES = Path(__file__).resolve().parents[1] / "pipelines"
FORBIDDEN = "crawler"
IMPORT_BY_NAME = {"import_module", "__import__"}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`, wherever it stands: statements at any depth, and
    `importlib.import_module("…")` / `__import__("…")` calls with a literal name. Relative imports stay
    inside their package and are left out."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.append((node.lineno, node.module or ""))
        elif isinstance(node, ast.Call) and _called_name(node.func) in IMPORT_BY_NAME and node.args:
            name = node.args[0]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                found.append((node.lineno, name.value))
    return found


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def crawler_imports(source: str) -> list[tuple[int, str]]:
    return [
        (line, module)
        for line, module in imported_modules(source)
        if module == FORBIDDEN or module.startswith(FORBIDDEN + ".")
    ]


def test_no_module_under_pipelines_imports_the_crawler():
    files = sorted(PIPELINES.rglob("*.py"))
    assert len(files) > 30  # the walk really reads the package, sub-packages and data scripts included
    offenders = [
        f"{path.relative_to(PIPELINES.parent)}:{line} imports {module}"
        for path in files
        for line, module in crawler_imports(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "pipelines/ must not depend on crawler/:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "source",
    [
        "import crawler",
        "import crawler.registry as registry",
        "from crawler.items import FetchedPage",
        "from crawler import registry",
        "def portals():\n    from crawler.registry import all_portals\n    return all_portals()",
        "class Pipeline:\n    def open(self):\n        import crawler.fetch_policy",
        "import importlib\nregistry = importlib.import_module('crawler.registry')",
        "registry = __import__('crawler')",
    ],
)
def test_the_check_catches_every_way_of_importing_the_crawler(source):
    assert crawler_imports(source)


@pytest.mark.parametrize(
    "source",
    [
        "import crawlers",
        "from crawler_tools import x",
        "from .crawler import x",
        "from pipelines.crawl import x",
        "import scrapy.crawler",
    ],
)
def test_the_check_leaves_other_modules_alone(source):
    assert not crawler_imports(source)
