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

How a table runs was chosen by ``benchmarks/normalize_speed.py``: characters
that are common in Arabic text (harakat, hamza forms, ى, ة) run as one
``str.replace`` each, after a cheap ``in`` test; rare ones share a single
regex that first only searches, and substitutes only when it finds one. On
news text that beats one character-class substitution by about 1.5x and
``str.translate``, which does a dictionary lookup per character, by 5–10x.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Union

import regex

Replacement = Union[str, Callable[["re.Match[str]"], str]]

#: Up to this many rare characters of a table run as ``str.replace`` calls;
#: more (presentation forms, diacritics) share one guarded regex.
MAX_REPLACE_CALLS = 24

#: Characters frequent in Arabic text: a table replaces each one it holds directly.
FREQUENT = frozenset(
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"  # harakat, dagger alef
    "\u0622\u0623\u0625\u0624\u0626\u0649\u0629\u0640"          # آ أ إ ؤ ئ ى ة tatweel
)


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


@dataclass(frozen=True)
class Splice:
    """A context rule written as a function, for what a regex does slowly.

    ``func`` must map a string the same way whether or not it contains
    ``triggers``; the triggers only let the engine skip it cheaply.
    """

    func: Callable[[str], str]
    triggers: str = ""
    note: str = field(default="", compare=False)


Rule = Union[Table, Rewrite, Splice]


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
        elif isinstance(rule, Splice):
            steps.append(_guarded(rule.func, rule.triggers))
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
    return _guarded(lambda text: sub(replacement, text), rule.triggers)


def _guarded(func: Callable[[str], str], triggers: str) -> Callable[[str], str]:
    if not triggers:
        return func
    trigger_chars = tuple(triggers)

    def run(text: str) -> str:
        for trigger in trigger_chars:
            if trigger in text:
                return func(text)
        return text

    return run


def _table_steps(table: Table) -> list[Callable[[str], str]]:
    mapping = table.mapping
    if not table.closed:  # order matters: one simultaneous pass
        return [_regex_step(mapping, guard=False)]
    direct = [(k, v) for k, v in mapping.items() if k in FREQUENT]
    rare = {k: v for k, v in mapping.items() if k not in FREQUENT}
    if len(rare) <= MAX_REPLACE_CALLS:
        direct.extend(rare.items())
        rare = {}
    steps = [_replace_each(tuple(direct))] if direct else []
    if rare:
        steps.append(_regex_step(rare, guard=True))
    return steps


def _replace_each(pairs: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    def run(text: str) -> str:
        for old, new in pairs:
            if old in text:
                text = text.replace(old, new)
        return text

    return run


def _regex_step(mapping: Mapping[str, str], *, guard: bool) -> Callable[[str], str]:
    pattern = re.compile(char_class(mapping))
    lookup = mapping.__getitem__
    replacement: Replacement = "" if not any(mapping.values()) else (lambda m: lookup(m.group()))
    sub, search = pattern.sub, pattern.search
    if not guard:
        return lambda text: sub(replacement, text)
    return lambda text: sub(replacement, text) if search(text) else text
