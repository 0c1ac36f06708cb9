"""The portal registry (`portals.yaml`): portals are data, spiders are per CMS family.

`GOVREPORTS_REGISTRY` names another registry file (a private list of portals, or a test's)."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import yaml

REGISTRY_PATH = Path(os.environ.get("GOVREPORTS_REGISTRY") or Path(__file__).with_name("portals.yaml"))
REQUIRED_KEYS = ("id", "name", "region_code", "cms", "base_url")


class UnknownPortal(KeyError):
    pass


@cache
def _load(path: Path) -> tuple[dict, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    portals = tuple(data["portals"])
    for portal in portals:
        missing = [k for k in REQUIRED_KEYS if not portal.get(k)]
        if missing:
            raise ValueError(f"portal {portal.get('id')!r} in {path} lacks {', '.join(missing)}")
        portal.setdefault("verified", False)
        portal.setdefault("start_columns", [])  # hints: column discovery finds the columns (crawler.discovery)
        portal.setdefault("hosts", [])  # sibling hosts of the same government that links may be followed to
        portal.setdefault("settings", {})
        portal.setdefault("hosts", [])
        portal.setdefault("allow_private_hosts", False)
    ids = [p["id"] for p in portals]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate portal ids in {path}")
    return portals


def all_portals(path: Path = REGISTRY_PATH) -> list[dict]:
    return [dict(p) for p in _load(path)]


def get_portal(portal_id: str, path: Path = REGISTRY_PATH) -> dict:
    for portal in _load(path):
        if portal["id"] == portal_id:
            return dict(portal)
    raise UnknownPortal(f"no portal {portal_id!r} in the registry; `govreports portals` lists them")


def mark_verified(portal_id: str, day: str, path: Path = REGISTRY_PATH) -> None:
    """Set `verified: true` and `verified_on: DAY` in the portal's entry, editing the file's text in place so
    that its comments and layout stay as they are."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"\s*- id:\s*{re.escape(portal_id)}\s*$", line)), None)
    if start is None:
        raise UnknownPortal(f"no portal {portal_id!r} in {path}")
    indent = " " * (len(lines[start]) - len(lines[start].lstrip()) + 2)
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"\s*- id:", lines[i])), len(lines))
    entry = [
        line for line in lines[start + 1 : end] if not line.startswith((f"{indent}verified:", f"{indent}verified_on:"))
    ]
    at = next((i for i, line in enumerate(entry) if line.startswith(f"{indent}note:")), None)
    if at is None:  # after the entry's last key: blank lines and the next section's comments stay below
        at = len(entry)
        while at and (not entry[at - 1].strip() or entry[at - 1].lstrip().startswith("#")):
            at -= 1
    entry[at:at] = [f"{indent}verified: true\n", f'{indent}verified_on: "{day}"\n']
    path.write_text("".join(lines[: start + 1] + entry + lines[end:]), encoding="utf-8")
    _load.cache_clear()
    if not get_portal(portal_id, path)["verified"]:
        raise RuntimeError(f"could not mark {portal_id!r} verified in {path}")
