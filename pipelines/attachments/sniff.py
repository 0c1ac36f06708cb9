"""What a downloaded file really is, from its bytes: the extension in a link text is only a hint.

xlsx/docx are zip containers (`PK`) told apart by their member names; xls, doc, et and wps are OLE compound
files (`D0 CF 11 E0`) told apart by their stream names (a password-protected xlsx/docx is an OLE file too,
holding `EncryptedPackage`); a PDF starts with `%PDF`; an HTML page in place of the file is a blocked
download (a missing Referer, a captcha, a login page).
"""

from __future__ import annotations

import os
import re
import zipfile

from xlrd.compdoc import CompDoc, CompDocError

from pipelines.attachments.safety import AttachmentError

ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
_HTML_RE = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|script|title)\b", re.I | re.S
)


def magic_kind(data: bytes) -> str:
    """`zip`, `ole`, `pdf`, `html`, `empty` or `unknown`, from the first bytes."""
    if not data or data.isspace():
        return "empty"
    if data.startswith((ZIP_MAGIC, ZIP_EMPTY_MAGIC)):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if PDF_MAGIC in data[:1024]:
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if _HTML_RE.match(head) or b"<html" in head.lower():
        return "html"
    return "unknown"


def zip_kind(archive: zipfile.ZipFile) -> str:
    """`xlsx` (also WPS .et saved as OOXML), `docx`, or `zip` for any other container."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names or any(n.startswith("xl/worksheets/") for n in names):
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return "zip"


def ole_kind(data: bytes) -> str:
    """`xls` (also .et), `doc` (also .wps), `encrypted`, or `ole` for other compound files."""
    try:
        with open(os.devnull, "w") as quiet:
            streams = {entry.name for entry in CompDoc(data, logfile=quiet).dirlist}
    except (CompDocError, IndexError, ValueError, KeyError, MemoryError) as exc:
        raise AttachmentError(f"broken OLE compound file: {exc}") from None
    if streams & {"EncryptedPackage", "EncryptionInfo"}:
        return "encrypted"
    if streams & {"Workbook", "Book", "WORKBOOK", "BOOK"}:
        return "xls"
    if "WordDocument" in streams:
        return "doc"
    return "ole"


def extension(name: str | None) -> str:
    """`附件4:自评表-审核-确定.xlsx` → `xlsx`; '' when the name has none."""
    if not name:
        return ""
    match = re.search(r"\.([A-Za-z0-9]{1,5})\s*$", name)
    return match.group(1).lower() if match else ""
