"""Chinese full-text search that works for 2-character terms in a stock-SQLite FTS5 index.

FTS5's `unicode61` tokenizer glues a run of Han characters into one token, and `trigram` cannot match terms
shorter than three characters. So the index stores Han runs as overlapping bigrams (`公务接待费` →
`公务 务接 接待 待费 费`: the trailing single character marks where the run ends and lets one-character prefix
queries work) and the query side turns each Han term of n ≥ 2 characters into the phrase of its n−1 bigrams.
Matching a phrase of consecutive bigrams is exactly substring matching, so recall equals a `LIKE '%term%'`
scan. Non-Han text (索引号 parts, numbers, Latin) stays as ordinary unicode61 tokens, matched as whole words.

The same functions are used when the store writes the index and by the Datasette plugin that replaces
`escape_fts` and adds a snippet function, so index, query and snippet can never drift apart.
"""

from __future__ import annotations

import re

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_SPLIT = re.compile(f"([{_HAN}]+)")
_QUERY_TERM = re.compile(r'-?"[^"]*"|\S+')
_NON_WORD = re.compile(r"[^\w]+")
_EDGE_NON_WORD = re.compile(r"^[^\w]+|[^\w]+$")
_WHITESPACE = re.compile(r"\s+")


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text: str | None) -> str:
    """The text as it is written into an FTS column: Han runs become bigram tokens."""
    if not text:
        return ""
    return _HAN_RUN.sub(lambda m: " " + " ".join(_bigrams(m.group())) + " ", text)


def query_terms(query: str | None) -> list[str]:
    """The terms a match must contain: whitespace-separated, a "quoted phrase" kept as one term, without
    the excluded `-terms` (see `excluded_terms`).

    Punctuation at either end of a term is dropped (`“三公”` is the term `三公`), so it cannot constrain
    what surrounds the match.
    """
    return _terms(query, excluded=False)


def excluded_terms(query: str | None) -> list[str]:
    """The `-term`s (and `-"phrases"`) of a search string: a match must contain none of them."""
    return _terms(query, excluded=True)


def _terms(query: str | None, *, excluded: bool) -> list[str]:
    raw = [t for t in _QUERY_TERM.findall(query or "") if (len(t) > 1 and t.startswith("-")) == excluded]
    terms = (_EDGE_NON_WORD.sub("", t.removeprefix("-").strip('"') if excluded else t.strip('"')) for t in raw)
    return [t for t in terms if t]


def _term_query(term: str) -> str | None:
    """One user term → an FTS5 phrase: Han runs as consecutive bigrams, other words as they are.

    A Han run followed by more of the term (digits, Latin, punctuation) ends there in any matching text,
    so its trailing single-character token belongs to the phrase. A Han run at the end of the term may
    continue in the text, so only its bigrams are used; a single Han character there becomes a prefix
    token (`"年"*` matches `年度`), which FTS5 allows on a phrase's last token.
    """
    pieces = [p for p in _HAN_SPLIT.split(term) if p]
    tokens: list[str] = []
    prefix = False
    for position, piece in enumerate(pieces):
        if not _HAN_RUN.fullmatch(piece):
            tokens.extend(w for w in _NON_WORD.split(piece) if w)
            continue
        if position < len(pieces) - 1:
            tokens.extend(_bigrams(piece))
        else:
            tokens.extend(_bigrams(piece)[:-1] or [piece])
            prefix = len(piece) == 1
    if not tokens:
        return None
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def fts_query(query: str | None) -> str:
    """A user's search string → an FTS5 MATCH expression: every term must match (AND), as Datasette does,
    and no `-term` (FTS5's NOT).

    A quoted term is kept as one phrase. Returns an expression that matches nothing for an empty query and
    for one with only excluded terms (FTS5 cannot start with NOT: say what to look for).
    """
    expressions = [e for e in (_term_query(t) for t in query_terms(query)) if e]
    if not expressions:
        return '""'
    excluded = [e for e in (_term_query(t) for t in excluded_terms(query)) if e]
    return " ".join(expressions) + "".join(f" NOT {e}" for e in excluded)


def snippet(text: str | None, query: str | None, width: int = 40) -> str | None:
    """`width` characters either side of the first place any search term occurs, terms marked 【like this】.

    FTS5's own snippet() re-tokenises the raw text, which does not match a bigram index, so the window is
    cut from the text itself. Falls back to the text's beginning when no term occurs literally (a term
    with inner punctuation matches any punctuation in FTS). Whitespace is collapsed to single spaces.
    """
    if not text:
        return None
    flat = _WHITESPACE.sub(" ", text).strip()
    terms = sorted(set(query_terms(query)), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    first = pattern.search(flat) if pattern else None
    start = max(0, first.start() - width) if first else 0
    end = min(len(flat), (first.end() if first else 0) + width)
    window = flat[start:end]
    if pattern:
        window = pattern.sub(lambda m: f"【{m.group()}】", window)
    return ("…" if start > 0 else "") + window + ("…" if end < len(flat) else "")
