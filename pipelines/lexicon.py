"""The label lexicon (`lexicon.yaml`): every printed wording of a concept, and the words that mark stage, scope,
period, region, zero statements and units. Text and table extraction read their wordings from here only.

`lexicon()` loads and validates the file once per process; `alternation()` turns word lists into
regular expressions (compiled once, cached). A wording is a compact regular expression; `{Q}`-style macros from
the file's `macros:` section are expanded first.
"""

from __future__ import annotations

import functools
import re

# The parsed form of a pattern, to know what its matches start with (private modules typeshed does not describe).
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
UNIT_CLASSES = frozenset({"money", "percent", "person", "none"})
_MACRO = re.compile(r"\{([A-Z][A-Z_]*)\}")


class LexiconError(ValueError):
    """The lexicon file is malformed: a wording does not compile, a key is unknown, a list is empty."""


@dataclass(frozen=True)
class ConceptWordings:
    """One concept of the file: its wordings (in priority order) and how its numbers are read."""

    name: str
    wordings: tuple[str, ...]
    tier: int = 1
    stage_word: bool = False
    default_class: str | None = "money"
    needs: str | None = None  # a `topics:` entry the sentence must speak of (`购置费` needs `vehicle`)

    @property
    def pattern(self) -> str:
        """The wordings as one alternation, each optional lead expanded (`(?:年末)?实有…` → `年末实有…|实有…`),
        so that every alternative starts with a literal and the regex engine skips ahead to its first characters
        instead of trying the whole pattern at every position."""
        return alternation(expanded for wording in self.wordings for expanded in literal_led(wording))


@dataclass(frozen=True)
class Lexicon:
    concepts: tuple[ConceptWordings, ...]
    sections: dict  # every other top-level section, macros expanded (filler, stage, scope, period …)

    def words(self, section: str, key: str | None = None) -> tuple[str, ...]:
        """The word list of `section` (or of `section.key`)."""
        value = self.sections[section] if key is None else self.sections[section][key]
        return tuple(value)

    @property
    def money_multipliers(self) -> dict[str, Decimal]:
        return {unit: Decimal(str(factor)) for unit, factor in self.sections["units"]["money"].items()}

    @property
    def unit_classes(self) -> dict[str, str]:
        return dict(self.sections["units"]["classes"])


def literal_led(wording: str) -> list[str]:
    """`(?:A|B)?rest` → [`A rest`, `B rest`, `rest`] (recursively on `rest`): the same matches, tried in the same
    order, each alternative led by what it starts with. Anything else is returned as it is."""
    if not wording.startswith("(?:"):
        return [wording]
    close = _group_end(wording)
    if close is None or wording[close + 1 : close + 2] != "?" or wording[close + 2 : close + 3] in "?+*":
        return [wording]
    rest = wording[close + 2 :]
    leads = list(_top_level_alternatives(wording[3:close]))
    return [lead + tail for lead in leads for tail in literal_led(rest)] + literal_led(rest)


def _group_end(pattern: str) -> int | None:
    """The index of the `)` that closes the group opened at 0 (escapes and classes respected)."""
    depth, index = 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = pattern.index("]", index + 2 if pattern[index + 1 : index + 2] == "]" else index + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _top_level_alternatives(body: str) -> list[str]:
    parts, depth, start, index = [], 0, 0, 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = body.index("]", index + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
        index += 1
    return [*parts, body[start:]]


def alternation(words) -> str:
    """One regex alternative per wording, in the order given (the first that matches at a position wins)."""
    return "|".join(words)


@functools.cache
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon file, loaded and checked once per process."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    macros = {name: str(value) for name, value in (data.pop("macros", None) or {}).items()}
    expand = functools.partial(_expand, macros)
    concepts = tuple(_concept(name, spec, expand) for name, spec in data.pop("concepts").items())
    sections = {name: _expand_tree(value, expand) for name, value in data.items()}
    for concept in concepts:
        if concept.needs and concept.needs not in sections.get("topics", {}):
            raise LexiconError(f"concept {concept.name} needs unknown topic {concept.needs!r}")
    return Lexicon(concepts, sections)


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with (a digit or space as the keys `\\d` and `\\s`, see
    `text_firsts`), or None when that is not a small known set.

    A text that holds none of them cannot match, so matchers skip a pattern whose first characters are absent
    from the paragraph they scan: most of the lexicon's fifty concepts are absent from any one paragraph."""
    chars, nullable = _firsts(list(sre_parse.parse(pattern)))
    return None if chars is None or nullable else frozenset(chars)


def text_firsts(text: str) -> set[str]:
    """The characters of `text`, plus the key `\\d` if it holds a digit and `\\s` if it holds a space: what
    `first_chars` sets are compared with."""
    chars = set(text)
    chars.update(name for name, test in _CATEGORY_TESTS.items() if any(map(test, chars)))
    return chars


def first_class(pattern: str) -> str | None:
    """A regex character class of what a match of `pattern` can start with (digits as `\\d`, spaces as `\\s`), or
    None when that is not a small known set: `(?=class)` before a long alternation spares the engine trying every
    branch at every position."""
    chars, nullable = _firsts(list(sre_parse.parse(pattern)))
    if chars is None or nullable:
        return None
    return "[" + "".join(char if char in _CATEGORIES else re.escape(char) for char in sorted(chars)) + "]"


def guarded(pattern: str) -> str:
    """`pattern` behind a look-ahead for its `first_class`: the same matches, but the regex engine skips every
    position that cannot start one instead of trying each branch there (3x faster on long alternations).

    A pattern whose every branch opens with a literal is left alone: the engine already skips by those
    characters, and a look-ahead in front would hide them from it (2x slower)."""
    start = first_class(pattern)
    return f"(?={start})(?:{pattern})" if start and not _literal_start(pattern) else pattern


def _literal_start(pattern: str) -> bool:
    """Whether the engine finds the characters that open every match by itself: the pattern (inside its groups)
    starts with a literal or a class, or is an alternation whose every branch starts with a literal."""
    items = list(sre_parse.parse(pattern))
    while items and items[0][0] is sre_constants.SUBPATTERN:
        items = list(items[0][1][-1])
    if not items:
        return False
    op, argument = items[0]
    if op is sre_constants.BRANCH:
        return all(branch and branch[0][0] is sre_constants.LITERAL for branch in argument[1])
    return op in (sre_constants.LITERAL, sre_constants.IN)


_MAX_RANGE = 64  # a wider class (any Han character) is no useful filter
# How the digit and space categories stand among first characters.
_CATEGORIES = {"\\d": sre_constants.CATEGORY_DIGIT, "\\s": sre_constants.CATEGORY_SPACE}
_CATEGORY_TESTS = {"\\d": str.isdigit, "\\s": str.isspace}


def _firsts(items) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string); None for any character."""
    found: set[str] = set()
    for op, argument in items:
        chars, nullable = _first_of(op, argument)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_of(op, argument) -> tuple[set[str] | None, bool]:
    if op is sre_constants.LITERAL:
        return {chr(argument)}, False
    if op is sre_constants.IN:
        return _class_chars(argument), False
    if op is sre_constants.SUBPATTERN:
        return _firsts(list(argument[-1]))
    if op is sre_constants.BRANCH:
        found: set[str] = set()
        nullable = False
        for branch in argument[1]:
            chars, empty = _firsts(list(branch))
            if chars is None:
                return None, False
            found, nullable = found | chars, nullable or empty
        return found, nullable
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _, sub = argument
        chars, nullable = _firsts(list(sub))
        return chars, nullable or low == 0
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
        return set(), True  # zero-width
    return None, False


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for op, argument in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(argument))
        elif op is sre_constants.RANGE and argument[1] - argument[0] <= _MAX_RANGE:
            chars.update(map(chr, range(argument[0], argument[1] + 1)))
        elif op is sre_constants.CATEGORY and argument in _CATEGORIES.values():
            chars.update(name for name, category in _CATEGORIES.items() if category is argument)
        else:
            return None
    return chars


def _expand(macros: dict[str, str], wording: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in macros:
            raise LexiconError(f"unknown macro {{{match.group(1)}}} in {wording!r}")
        return macros[match.group(1)]

    return _MACRO.sub(replace, str(wording))


def _expand_tree(value, expand):
    """Macros expanded in every string of a list; mappings (units) are kept, their lists expanded."""
    if isinstance(value, list):
        return [_checked(expand(item)) for item in value]
    if isinstance(value, dict):
        return {key: _expand_tree(item, expand) for key, item in value.items()}
    return value


def _checked(wording: str) -> str:
    try:
        re.compile(wording)
    except re.error as error:
        raise LexiconError(f"wording {wording!r} is not a valid pattern: {error}") from error
    return wording


def _concept(name: str, spec: dict, expand) -> ConceptWordings:
    unknown = set(spec) - {"wordings", "tier", "stage_word", "class", "needs"}
    if unknown or not spec.get("wordings"):
        raise LexiconError(f"concept {name}: unknown keys {sorted(unknown)} or no wordings")
    default_class = spec.get("class", "money")
    if default_class not in UNIT_CLASSES:
        raise LexiconError(f"concept {name}: class {default_class!r} is not one of {sorted(UNIT_CLASSES)}")
    return ConceptWordings(
        name=name,
        wordings=tuple(_checked(expand(wording)) for wording in spec["wordings"]),
        tier=int(spec.get("tier", 1)),
        stage_word=bool(spec.get("stage_word", False)),
        default_class=None if default_class == "none" else default_class,
        needs=spec.get("needs"),
    )
