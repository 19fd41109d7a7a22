"""Character rules: the data form of character passes, and how they run fast.

A character pass is a short list of rules:

- a :class:`Table` replaces single characters simultaneously (``""`` deletes);
- a :class:`Rewrite` is a regular expression with a replacement, for the few
  rules that need context (a tatweel after a joining letter, a zero-width space
  between two letters).

Adjacent tables compose exactly (``a.then(b)`` maps every character the way
``a`` then ``b`` would), which is how a pipeline fuses consecutive character
passes into one compiled step. Because every rule maps characters or matched
spans to new text, a later version can record offsets per rule to map the
cleaned text back to its input.

How a table runs was chosen by ``benchmarks/normalize_speed.py``: one stdlib
``re`` character-class substitution for deletions, and ``str.replace`` per
character for a closed table of a few mappings (both beat ``str.translate``,
which does a dictionary lookup per character, by 5–10x on Arabic text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Union

import regex

Replacement = Union[str, Callable[["re.Match[str]"], str]]

#: Tables with at most this many non-empty mappings run as ``str.replace`` calls;
#: larger ones (presentation forms) run as one regex with a lookup per match.
MAX_REPLACE_CALLS = 24


@dataclass(frozen=True)
class Table:
    """Simultaneous single-character replacement; ``""`` deletes the character."""

    mapping: Mapping[str, str]

    def __post_init__(self) -> None:
        bad = [k for k in self.mapping if len(k) != 1]
        if bad:
            raise ValueError(f"table keys must be single characters, got {bad[:3]!r}")
        object.__setattr__(
            self, "mapping", MappingProxyType({k: v for k, v in self.mapping.items() if k != v})
        )

    def translate(self, text: str) -> str:
        """The reference semantics: every character mapped at once."""
        get = self.mapping.get
        return "".join(get(c, c) for c in text)

    def then(self, other: Table) -> Table:
        """The table that maps like ``self`` followed by ``other``."""
        merged = {key: other.translate(value) for key, value in self.mapping.items()}
        for key, value in other.mapping.items():
            merged.setdefault(key, value)
        return Table(merged)

    @property
    def closed(self) -> bool:
        """No output contains a key, so replacements can run in any order."""
        keys = self.mapping.keys()
        return not any(c in keys for value in self.mapping.values() for c in value)


@dataclass(frozen=True)
class Rewrite:
    """A regular-expression substitution that needs context.

    ``triggers`` lists characters at least one of which must be present for the
    rule to match at all; a cheap ``in`` test skips the regex otherwise.
    ``engine`` is ``"re"`` (faster) or ``"regex"`` (Unicode properties).
    """

    pattern: str
    replacement: Replacement
    triggers: str = ""
    engine: str = "re"
    note: str = field(default="", compare=False)


Rule = Union[Table, Rewrite]


def char_class(chars: Iterable[str]) -> str:
    """A regex character class for `chars`, with ranges coalesced."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    start = prev = None
    for code in codes + [None]:  # type: ignore[list-item]
        if start is not None and code is not None and code == prev + 1:
            prev = code
            continue
        if start is not None:
            first = _escape(start)
            parts.append(first if start == prev else f"{first}-{_escape(prev)}")
        start = prev = code
    return "[" + "".join(parts) + "]"


def _escape(code: int) -> str:
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


def fuse(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """Merge adjacent tables; rewrites keep their place."""
    fused: list[Rule] = []
    for rule in rules:
        if isinstance(rule, Table) and fused and isinstance(fused[-1], Table):
            fused[-1] = fused[-1].then(rule)
        elif not (isinstance(rule, Table) and not rule.mapping):
            fused.append(rule)
    return tuple(fused)


def compile_rules(rules: Sequence[Rule]) -> Callable[[str], str]:
    """One function that applies `rules` in order, fused and compiled."""
    steps: list[Callable[[str], str]] = []
    for rule in fuse(rules):
        if isinstance(rule, Table):
            steps.extend(_table_steps(rule))
        else:
            steps.append(_rewrite_step(rule))
    steps_tuple = tuple(steps)

    def run(text: str) -> str:
        for step in steps_tuple:
            text = step(text)
        return text

    return run


def _rewrite_step(rule: Rewrite) -> Callable[[str], str]:
    module = regex if rule.engine == "regex" else re
    sub = module.compile(rule.pattern).sub
    replacement = rule.replacement
    triggers = tuple(rule.triggers)
    if not triggers:
        return lambda text: sub(replacement, text)

    def run(text: str) -> str:
        for trigger in triggers:
            if trigger in text:
                return sub(replacement, text)
        return text

    return run


def _table_steps(table: Table) -> list[Callable[[str], str]]:
    mapping = table.mapping
    if not table.closed:
        lookup = mapping.__getitem__
        sub_all = re.compile(char_class(mapping)).sub
        return [lambda text: sub_all(lambda m: lookup(m.group()), text)]
    steps: list[Callable[[str], str]] = []
    deletions = [k for k, v in mapping.items() if not v]
    if deletions:
        delete = re.compile(char_class(deletions)).sub
        steps.append(lambda text: delete("", text))
    replacements = tuple((k, v) for k, v in mapping.items() if v)
    if len(replacements) > MAX_REPLACE_CALLS:
        lookup = mapping.__getitem__
        sub_mapped = re.compile(char_class(k for k, _ in replacements)).sub
        steps.append(lambda text: sub_mapped(lambda m: lookup(m.group()), text))
    elif replacements:

        def replace_each(text: str) -> str:
            for old, new in replacements:
                if old in text:
                    text = text.replace(old, new)
            return text

        steps.append(replace_each)
    return steps
