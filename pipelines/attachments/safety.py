"""Limits for parsing files fetched from the web, and the guards that enforce them.

Every attachment is hostile until parsed. The guards, in the order `parse_attachment` applies them:

1. size: more than `max_bytes` is refused before anything reads it;
2. zip containers (xlsx, docx): the central directory is read first, and a file whose members declare more
   than `max_uncompressed` bytes, or a member compressed more than `max_ratio` : 1, is refused (zipfile never
   inflates a member past its declared size, so the declaration bounds what a parser can get);
3. XML parts: every part's prolog is scanned with defusedxml before openpyxl / python-docx see it; a DTD
   (the carrier of entity-expansion and external-entity attacks, and never present in a genuine OOXML
   file) refuses the file;
4. time: a `Deadline` is checked between rows and pages, and `run_isolated` runs the whole parse in a forked
   child that is killed when the budget is spent, with its address space capped by `max_memory`, so neither
   a slow library call nor a decompression bomb inside a PDF stream can hang or exhaust the caller.
"""

from __future__ import annotations

import io
import json
import os
import resource
import select
import signal
import time
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

MB = 1024 * 1024
_RATIO_FLOOR = 1 * MB  # members smaller than this are harmless whatever their ratio
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SCAN_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB
    max_uncompressed: int = 200 * MB
    max_ratio: float = 100.0
    time_budget: float = 5.0  # seconds per file
    pdf_max_pages: int = 50
    max_members: int = 10_000  # zip members
    max_rows: int = 50_000  # per sheet
    max_columns: int = 256
    max_cells: int = 2_000_000  # per file, merged copies included
    max_memory: int = 300 * MB  # address space the isolated parser may add
    isolate: bool | None = None  # run in a forked child; None = wherever fork exists


class AttachmentError(Exception):
    """A file that cannot be parsed; `status` is the `parse_status` it gets."""

    status = "error"


class Unsupported(AttachmentError):
    status = "unsupported"


class UnsafeFile(AttachmentError):
    """A file refused by a limit (zip bomb, entity expansion, oversize)."""


class TimeBudgetExceeded(AttachmentError):
    pass


class CellBudget:
    """Counts cells (merged copies included) against `Limits.max_cells` across a whole file."""

    def __init__(self, limit: int):
        self.left = limit
        self.limit = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise UnsafeFile(f"more than {self.limit} cells (merged ranges included)")


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise TimeBudgetExceeded(f"time budget of {self.seconds:g} s exceeded")


def check_size(data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_bytes:
        raise UnsafeFile(f"file is {len(data) / MB:.1f} MB, over the {limits.max_bytes / MB:g} MB limit")


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a zip container after checking its central directory against the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise AttachmentError(f"broken zip container: {exc}") from None
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise UnsafeFile(f"zip has {len(members)} members, over the limit of {limits.max_members}")
    declared = sum(info.file_size for info in members)
    if declared > limits.max_uncompressed:
        raise UnsafeFile(
            f"zip bomb: members declare {declared / MB:.1f} MB uncompressed, "
            f"over the {limits.max_uncompressed / MB:g} MB limit"
        )
    for info in members:
        if info.flag_bits & 0x1:
            raise AttachmentError(f"zip member {info.filename!r} is encrypted")
        if info.file_size >= _RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise UnsafeFile(
                f"zip bomb: member {info.filename!r} is compressed {ratio:.0f}:1, over the {limits.max_ratio:g}:1 limit"
            )
    return archive


class _PrologClean(Exception):
    """Raised at the root element: everything a DTD could hide in has been read."""


class _StopAtRoot:
    def start(self, tag, attrib):
        raise _PrologClean

    def end(self, tag):
        return None

    def data(self, text):
        return None

    def close(self):
        return None


def scan_xml_parts(archive: zipfile.ZipFile, deadline: Deadline) -> None:
    """Refuse the container if any XML part declares a DTD or entities (billion laughs, XXE)."""
    for info in archive.infolist():
        if not info.filename.lower().endswith(_XML_SUFFIXES):
            continue
        deadline.check()
        _scan_prolog(archive, info, deadline)


def _scan_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: Deadline) -> None:
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        with archive.open(info) as member:
            while chunk := member.read(_SCAN_CHUNK):
                deadline.check()
                parser.feed(chunk)
    except _PrologClean:
        return
    except DefusedXmlException as exc:
        raise UnsafeFile(
            f"XML part {info.filename!r} declares a DTD or entities (entity-expansion guard): {type(exc).__name__}"
        ) from None
    except ParseError as exc:
        raise AttachmentError(f"malformed XML in part {info.filename!r}: {exc}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise AttachmentError(f"broken zip member {info.filename!r}: {exc}") from None


# --- isolation -----------------------------------------------------------------------------------------


def can_isolate() -> bool:
    return hasattr(os, "fork") and hasattr(os, "wait4")


def run_isolated(function, args: tuple, timeout: float, max_memory: int) -> dict:
    """Run `function(*args)` (which returns a JSON-able dict) in a forked child, killing it after `timeout`
    seconds. Raises TimeBudgetExceeded, or AttachmentError when the child dies without an answer."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        _child(function, args, write_end, max_memory)
    os.close(write_end)
    try:
        payload = _collect(read_end, pid, timeout)
    finally:
        os.close(read_end)
    _, status, _ = os.wait4(pid, 0)
    if not payload:
        raise AttachmentError(
            f"parser process died without an answer ({_describe(status)}); "
            f"a memory limit of {max_memory / MB:g} MB may have been hit"
        )
    return json.loads(payload)


def _child(function, args: tuple, write_end: int, max_memory: int) -> None:
    code = 0
    try:
        _cap_address_space(max_memory)
        payload = json.dumps(function(*args), ensure_ascii=False).encode()
        view = memoryview(payload)
        while view:
            written = os.write(write_end, view)
            view = view[written:]
    except BaseException:  # noqa: BLE001 - the parent reports a missing answer
        code = 1
    finally:
        os._exit(code)


def _cap_address_space(max_memory: int) -> None:
    try:
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return
    limit = current + max_memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _collect(read_end: int, pid: int, timeout: float) -> bytes:
    chunks: list[bytes] = []
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        ready = select.select([read_end], [], [], max(left, 0))[0] if left > 0 else []
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            raise TimeBudgetExceeded(f"time budget of {timeout:g} s exceeded; parser process killed")
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
