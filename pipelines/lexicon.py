"""The label lexicon (`lexicon.yaml`): every printed wording of a concept, and the words that mark stage, scope,
period, region, zero statements and units. Text and table extraction read their wordings from here only.

`lexicon()` loads and validates the file once per process; `alternation()` and `compiled()` turn word lists into
regular expressions (compiled once, cached). A wording is a compact regular expression; `{Q}`-style macros from
the file's `macros:` section are expanded first.
"""
from __future__ import annotations

import functools
import re
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
        return alternation(self.wordings)


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


def alternation(words) -> str:
    """One regex alternative per wording, in the order given (the first that matches at a position wins)."""
    return "|".join(words)


@functools.lru_cache(maxsize=None)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@functools.lru_cache(maxsize=1)
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
