"""HTTP headers as text, the one place that reads them.

Scrapy keeps header names and values as bytes (latin-1, RFC 9110 §5.5); the raw archive stores them as a JSON
object of strings. `header` reads one header from either form, `headers_text` turns Scrapy's into the stored one.
"""

from __future__ import annotations

from collections.abc import Mapping

from scrapy.http.headers import Headers


def headers_text(headers: Headers) -> dict[str, str]:
    """Scrapy `Headers` as {name: value}; a repeated header's values joined by `, ` (RFC 9110 §5.3)."""
    return {name.decode("latin-1"): b", ".join(values).decode("latin-1") for name, values in headers.items()}


def header(headers: Headers | Mapping[str, str], name: str) -> str | None:
    """One header of a response (Scrapy `Headers`) or of an archived fetch ({name: value}), the name matched
    case-insensitively; None when absent."""
    if isinstance(headers, Headers):
        value = headers.get(name)
        return value.decode("latin-1") if isinstance(value, bytes) else None
    wanted = name.lower()
    return next((str(value) for key, value in headers.items() if key.lower() == wanted), None)
