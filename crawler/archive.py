"""The raw archive: every fetched body stored once, keyed by sha256, with URL, time, status and headers.

Layout of an archive directory:

    objects/ab/abcdef….   the body bytes, named by their sha256 (identical bodies are stored once)
    index.db             SQLite table `responses`: one row per fetch (url, sha256, status, headers, time, kind)

`govreports rebuild` re-runs the extractors over the newest fetch of every URL, so an improved extractor
updates the dataset without re-crawling anyone, and every figure can be audited against the bytes served.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from pipelines.store import now_iso, open_database


class RawArchive:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        (self.root / "objects").mkdir(parents=True, exist_ok=True)
        self.db = open_database(self.root / "index.db")
        self.db.table("responses").create(
            {
                "id": int,
                "url": str,
                "sha256": str,
                "bytes": int,
                "status": int,
                "headers": str,
                "fetched": str,
                "kind": str,
                "referer": str,
                "portal_id": str,
            },
            pk="id",
            if_not_exists=True,
        )
        self.db.table("responses").create_index(["url"], if_not_exists=True)

    def object_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def put(
        self,
        url: str,
        body: bytes,
        *,
        status: int,
        headers: dict[str, str],
        kind: str,
        referer: str | None = None,
        portal_id: str | None = None,
    ) -> str:
        """Store one fetch; returns the body's sha256. Writing is atomic (temp file + rename)."""
        sha256 = hashlib.sha256(body).hexdigest()
        path = self.object_path(sha256)
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(body)
            os.replace(tmp, path)
        self.db.table("responses").insert(
            {
                "url": url,
                "sha256": sha256,
                "bytes": len(body),
                "status": status,
                "headers": json.dumps(headers, ensure_ascii=False),
                "fetched": now_iso(),
                "kind": kind,
                "referer": referer,
                "portal_id": portal_id,
            }
        )
        return sha256

    def portal_bytes(self, portal_id: str) -> int:
        """Bytes of the distinct bodies archived for a portal (a body fetched twice counts once)."""
        return self.db.execute(
            "select coalesce(sum(bytes), 0) from (select max(bytes) as bytes from responses "
            "where portal_id = ? group by sha256)",
            [portal_id],
        ).fetchone()[0]

    def get(self, sha256: str) -> bytes:
        return self.object_path(sha256).read_bytes()

    def latest(self, kinds: tuple[str, ...] = ("article", "attachment")) -> Iterator[dict]:
        """The newest successful fetch of every URL of the given kinds, oldest URL first."""
        marks = ", ".join("?" for _ in kinds)
        sql = f"""
            select r.* from responses r
            join (select url, max(id) as id from responses
                  where status between 200 and 299 and kind in ({marks}) group by url) newest
              on r.id = newest.id
            order by r.id"""
        for row in self.db.query(sql, list(kinds)):
            row["headers"] = json.loads(row["headers"] or "{}")
            yield row

    def close(self) -> None:
        self.db.close()
