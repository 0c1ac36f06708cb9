"""The raw archive keeps each body once and finds the newest fetch of every URL."""

from crawler.archive import RawArchive


def test_identical_bodies_are_stored_once_and_latest_wins(tmp_path):
    archive = RawArchive(tmp_path)
    first = archive.put("http://h/a.htm", b"<html>v1</html>", status=200, headers={}, kind="article")
    archive.put("http://h/b.htm", b"<html>v1</html>", status=200, headers={}, kind="article")
    second = archive.put(
        "http://h/a.htm", b"<html>v2</html>", status=200, headers={"Content-Type": "text/html"}, kind="article"
    )
    archive.put("http://h/a.htm", b"oops", status=500, headers={}, kind="article")
    assert sum(p.is_file() for p in (tmp_path / "objects").rglob("*")) == 3  # v1 once, v2, the error body
    latest = {row["url"]: row["sha256"] for row in archive.latest()}
    assert latest == {"http://h/a.htm": second, "http://h/b.htm": first}
    assert archive.get(second) == b"<html>v2</html>"
    archive.close()
