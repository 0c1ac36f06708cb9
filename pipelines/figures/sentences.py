"""The body text normalised for matching, with a map back to `body.text` offsets, cut into paragraphs
and sentences.

Matching runs on the matching form of `pipelines.text.normalise`, character by character (NFKC, zero-width
characters dropped, 萬/億 folded, enumerators like `⑴` blanked so they cannot glue to a number). Provenance must
point into the original text, so every normalised character remembers its source offset.

A line break ends a paragraph unless it is soft: inside a printed amount (`1.27 万\\n元`) or between a
label and its number (`自评得分\\n92 分`). Sentences end at `。；;！？!?`. A sentence longer than `MAX_SENTENCE`
(a table flattened into one line, a page that never prints a full stop) is cut at clause marks into pieces of at
most that length, so that every per-number step works on a bounded window and extraction stays linear.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from pipelines.text import GLOSS, is_normalised, is_traditional, normalise, to_simplified

_SENTENCE_END = re.compile(r"[。；;！？!?]")
_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分?|[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]"
    r"|\d{1,2}\s*[.、．](?!\d))"
)
_HEADING_MAX = 40
# A line break between two Han characters (or quotes) that ends a line at least this long is a wrap, not a
# paragraph end: text copies of PDFs break lines inside words.
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff“”\"])\n(?=[\u4e00-\u9fff“”\"])")
_WRAPPED_LINE = 20
# Three or more Han characters each followed by one space: a letter-spaced word, not words of a sentence
_LETTER_SPACED = re.compile(r"(?<![\u4e00-\u9fff ])[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])")
# One space between two Han characters inside a sentence (`2022年全 年实际支付`, `年 末实有28人`): where a PDF's
# line wrapped, the converted text put a space; a sentence's words are never spaced, though a list's items may be
# (`实有人数9人 其中行政人员1人 事业人员8人`: a space after a count or a unit's name parts two items)
_WRAP_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])(?<![人名个元次辆位]) (?=[\u4e00-\u9fff])")
_SENTENCE_MARK = re.compile(r"[，。；,;]")  # a line of sentences, not of labels
MAX_SENTENCE = 600
_NEWLINE = re.compile("\n")
_NUMBER_CHARS = frozenset("0123456789.,")
_CLAUSE_MARK = re.compile(r"[,，、:：\s]")


@functools.lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    return normalise(char, matching=True, collapse_spaces=False)


@dataclass
class NormalText:
    """`text` is the normalised copy; `source[i]` is the offset in the original of normalised char i."""

    text: str
    source: list[int] | None  # None: identical to the original
    original_length: int

    def to_original(self, index: int) -> int:
        if self.source is None:
            return index
        return self.source[index] if index < len(self.source) else self.original_length

    def to_original_end(self, index: int) -> int:
        """Original offset just after normalised char `index - 1` (for span ends)."""
        if self.source is None or index == 0:
            return index
        return self.source[index - 1] + 1 if index <= len(self.source) else self.original_length

    def from_original(self, offset: int) -> int:
        if self.source is None:
            return offset
        return bisect.bisect_left(self.source, offset)


def matching_copy(text: str) -> NormalText:
    """The matching copy of `text`: traditional script converted to simplified (character for character) with
    its pinyin glosses dropped, line breaks of wrapped lines dropped, then `normalise`d (the matching form)
    character by character."""
    traditional = is_traditional(text)
    converted = to_simplified(text) if traditional else text
    dropped = _dropped_spans(text, traditional)
    if is_normalised(converted):
        return _without(converted, dropped, len(text))
    folded = [_fold(char) for char in converted]
    for start, end in dropped:
        folded[start:end] = [""] * (end - start)
    if all(len(piece) == 1 for piece in folded):
        joined = "".join(folded)
        return NormalText(joined, None, len(text))
    pieces, source = [], []
    for offset, piece in enumerate(folded):
        pieces.append(piece)
        source.extend([offset] * len(piece))
    return NormalText("".join(pieces), source, len(text))


def _without(text: str, dropped: list[tuple[int, int]], original_length: int) -> NormalText:
    """`text` (already normalised character for character) without the `dropped` spans, mapped back."""
    if not dropped:
        return NormalText(text, None, original_length)
    pieces: list[str] = []
    source: list[int] = []
    cursor = 0
    for start, end in dropped:
        pieces.append(text[cursor:start])
        source.extend(range(cursor, start))
        cursor = end
    pieces.append(text[cursor:])
    source.extend(range(cursor, len(text)))
    return NormalText("".join(pieces), source, original_length)


def _dropped_spans(text: str, traditional: bool) -> list[tuple[int, int]]:
    """Pinyin glosses of a traditional page (`經(jīng)費`), the spaces of a letter-spaced word (`收 入 总 计`, as
    PDF text and table cells print labels) or of a wrapped line inside a sentence, and the line breaks of lines
    wrapped inside a word (`“三公”经费支` ⏎ `出决算…`: a long line without final punctuation, followed by more
    text, neither a heading)."""
    spans = [(m.start(), m.end()) for m in GLOSS.finditer(text)] if traditional else []
    for match in _LETTER_SPACED.finditer(text):
        spans.extend((k, k + 1) for k in range(match.start() + 1, match.end(), 2))
    if " " in text:
        start = 0
        for line in text.split("\n"):
            if " " in line and _SENTENCE_MARK.search(line):
                spans.extend((m.start(), m.end()) for m in _WRAP_SPACE.finditer(text, start, start + len(line)))
            start += len(line) + 1
    for match in _WRAP.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start : match.start()]
        if len(line.strip()) >= _WRAPPED_LINE and not _HEADING.match(line) and not _HEADING.match(text, match.end()):
            spans.append((match.start(), match.end()))
    return sorted(spans)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    heading: bool
    sentences: list[Sentence] = field(default_factory=list)


def split_paragraphs(text: str, soft_spans: list[tuple[int, int]], excluded: list[tuple[int, int]]) -> list[Paragraph]:
    """Paragraphs of `text` outside the `excluded` spans (tables); line breaks inside `soft_spans` or
    between a label and the number on the next line do not end a paragraph."""
    soft = _soft_breaks(text, soft_spans)
    paragraphs: list[Paragraph] = []
    for region_start, region_end in _regions(len(text), excluded):
        start = region_start
        breaks = [m.start() for m in _NEWLINE.finditer(text, region_start, region_end) if m.start() not in soft]
        for position in [*breaks, region_end]:
            _add_paragraph(text, start, position, paragraphs)
            start = position + 1
    return paragraphs


def _regions(length: int, excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    regions, cursor = [], 0
    for start, end in sorted(excluded):
        if start > cursor:
            regions.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < length:
        regions.append((cursor, length))
    return regions


def _soft_breaks(text: str, soft_spans: list[tuple[int, int]]) -> set[int]:
    soft: set[int] = set()
    for start, end in soft_spans:
        position = text.find("\n", start, end)
        while position >= 0:
            soft.add(position)
            position = text.find("\n", position + 1, end)
    for match in _UNIT_BETWEEN.finditer(text):  # `实际到位资金` ⏎ `(万元)` ⏎ `170`: a cover form's field, one paragraph
        soft.update(position for position in range(match.start(), match.end()) if text[position] == "\n")
    for match in re.finditer(r"(?<=[\u4e00-\u9fff])[ \t]*\n[ \t]*(?=[,，]?\s*\d)", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _HEADING.match(text[line_start : match.start()]):
            continue
        if not _AMOUNT_LINES.match(text, match.end()) or _actual_first(text, line_start):
            soft.add(match.start() + match.group().index("\n"))
    return soft


_UNIT_BETWEEN = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]*(?:\n[ \t]*)+[(（](?:万元|元)[)）][ \t]*(?:\n[ \t]*)+(?=-?\d)")
# Two bare amounts on lines of their own under a label: a table row pasted one cell per line. Its first amount is
# the label's only under a header whose first column is the actual (`2023年决算数` ⏎ `2022年决算数` ⏎ …); under a
# lost header (`公务接待费` ⏎ `50.50` ⏎ `30.00`) or one that opens with the budget, the label names neither.
_AMOUNT_LINES = re.compile(r"(?:\s*-?[\d,]+(?:\.\d+)?[ \t]*\n){2}")
_COLUMN_HEADER_LINE = re.compile(
    r"^[ \t]*(?:(?:19|20)\d\d\s*年度?)?(?:年初|全年|本年|上年)?(?:预算|决算|执行|实际支出)数?[ \t]*$", re.M
)
_HEADER_REACH = 600  # characters before a row in which its table's header lines are looked for


def _actual_first(text: str, row_start: int) -> bool:
    header = _COLUMN_HEADER_LINE.search(text, max(0, row_start - _HEADER_REACH), row_start)
    return header is not None and "预算" not in header.group()


def _add_paragraph(text: str, start: int, end: int, paragraphs: list[Paragraph]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    content = text[start:end]
    heading = len(content) <= _HEADING_MAX and bool(_HEADING.match(content)) and "。" not in content[:-1]
    paragraph = Paragraph(start, end, heading)
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        paragraph.sentences += _bounded(text, cursor, match.end())
        cursor = match.end()
    if cursor < end:
        paragraph.sentences += _bounded(text, cursor, end)
    paragraphs.append(paragraph)


def _bounded(text: str, start: int, end: int) -> list[Sentence]:
    """The sentence `start:end`, or pieces of at most `MAX_SENTENCE` characters cut after the last clause mark
    of each window (else at the window's end, moved out of a number)."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        marks = [m.end() for m in _CLAUSE_MARK.finditer(text, limit - MAX_SENTENCE // 2, limit)]
        cut = marks[-1] if marks else limit
        while cut > start + 1 and text[cut - 1] in _NUMBER_CHARS and text[cut] in _NUMBER_CHARS:
            cut -= 1
        pieces.append(Sentence(start, cut))
        start = cut
    pieces.append(Sentence(start, end))
    return pieces
