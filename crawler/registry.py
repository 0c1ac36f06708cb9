"""The portal registry (`portals.yaml`): portals are data, spiders are per CMS family."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY_PATH = Path(__file__).with_name("portals.yaml")
REQUIRED_KEYS = ("id", "name", "region_code", "cms", "base_url", "start_columns")


class UnknownPortal(KeyError):
    pass


@lru_cache(maxsize=None)
def _load(path: Path) -> tuple[dict, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    portals = tuple(data["portals"])
    for portal in portals:
        missing = [k for k in REQUIRED_KEYS if not portal.get(k)]
        if missing:
            raise ValueError(f"portal {portal.get('id')!r} in {path} lacks {', '.join(missing)}")
        portal.setdefault("verified", False)
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
