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

How a table runs was chosen by ``benchmarks/normalize_speed.py``. A closed
table whose characters fit the one-byte alphabet of Arabic news text runs as
``bytes.translate`` over a one-byte encoding (``bytetable.py``). Otherwise, and
for texts mostly outside that alphabet, characters common in Arabic text
(harakat, hamza forms, ى, ة) run as one ``str.replace`` each after a cheap
``in`` test, and rare ones share a single regex that first only searches.
``str.translate``, which looks every character up in a dict, is 5–10x slower.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Union

import regex

from .bytetable import compile_byte_table

Replacement = Union[str, Callable[["re.Match[str]"], str]]

#: Up to this many rare characters of a table run as ``str.replace`` calls;
#: more (presentation forms, diacritics) share one guarded regex.
MAX_REPLACE_CALLS = 24

#: A table with at most this many keys first tests whether any is present.
MAX_GUARDED_KEYS = 32

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
    ``emits`` and ``ignores`` let the fuser reorder and drop rules; see `fuse`.
    ``line_local`` promises the rule never looks across a line break, so a long
    text can be run in pieces cut after any ``\n``.
    """

    pattern: str
    replacement: Replacement
    triggers: str = ""
    engine: str = "re"
    emits: str | None = None
    ignores: str = ""
    line_local: bool = False
    note: str = field(default="", compare=False)


@dataclass(frozen=True)
class Splice:
    """A context rule written as a function, for what a regex does slowly.

    ``func`` must map a string the same way whether or not it contains
    ``triggers``; the triggers only let the engine skip it cheaply.
    ``aligned`` is its twin for the aligned path (`arabic_clean.alignment`): the same output,
    and the edits that made it as ``(start, end, new length)`` spans of the input.
    """

    func: Callable[[str], str]
    triggers: str = ""
    emits: str | None = None
    ignores: str = ""
    line_local: bool = False
    note: str = field(default="", compare=False)
    aligned: Callable[[str], tuple[str, list[tuple[int, int, int]]]] | None = field(default=None, compare=False)


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
    """The same transformation in fewer, cheaper steps.

    1. A rewrite whose every trigger a closed table before it has removed (and
       nothing since has put back) can never fire: it is dropped.
    2. A deletion-only table moves after a rule that declares it ``ignores``
       those characters (deleting them before or after the rule gives the same
       text) and ``emits`` none of them, so that it can meet the next table.
    3. Adjacent tables compose into one.

    ``emits`` lists the characters a rule may introduce (``None``: unknown, so
    nothing is assumed absent after it).
    """
    return _merge_tables(_sink_deletions(_drop_dead_rewrites(list(rules))))


def _drop_dead_rewrites(rules: list[Rule]) -> list[Rule]:
    kept: list[Rule] = []
    absent: set[str] = set()
    for rule in rules:
        if isinstance(rule, Table):
            produced = {c for value in rule.mapping.values() for c in value}
            absent -= produced
            if rule.closed:
                absent |= set(rule.mapping)
        elif rule.triggers and set(rule.triggers) <= absent:
            continue
        else:
            absent = absent - set(rule.emits) if rule.emits is not None else set()
        kept.append(rule)
    return kept


def _commutes(table: Rule, rule: Rule) -> bool:
    if not isinstance(table, Table) or isinstance(rule, Table):
        return False
    keys = set(table.mapping)
    return (
        not any(table.mapping.values())
        and keys <= set(rule.ignores)
        and rule.emits is not None
        and not keys & set(rule.emits)
        and not keys & set(rule.triggers)
    )


def _sink_deletions(rules: list[Rule]) -> list[Rule]:
    moved = True
    while moved:
        moved = False
        for i in range(len(rules) - 1):
            if _commutes(rules[i], rules[i + 1]):
                rules[i], rules[i + 1] = rules[i + 1], rules[i]
                moved = True
    return rules


def _merge_tables(rules: list[Rule]) -> tuple[Rule, ...]:
    merged: list[Rule] = []
    for rule in rules:
        if isinstance(rule, Table) and merged and isinstance(merged[-1], Table):
            merged[-1] = merged[-1].then(rule)
        elif not (isinstance(rule, Table) and not rule.mapping):
            merged.append(rule)
    return tuple(merged)


#: Characters per piece when a program runs a long text in pieces.
CHUNK = 1 << 16


#: A rule that only runs when one of more than this many characters is present, none of them
#: frequent in Arabic text, is skipped by one shared scan ("census") instead of an ``in`` test per
#: character: a character whose low byte is common in UCS-2 Arabic text (U+2006, U+202A, NUL)
#: defeats the ``memchr`` behind ``in``, and a hundred ``in`` tests cost more than one class scan.
CENSUS_MIN_TRIGGERS = 8


def compile_rules(rules: Sequence[Rule], *, chunk: int = CHUNK) -> Callable[[str], str]:
    """One function that applies `rules` in order, fused and compiled.

    When every rule is line-local, a text longer than `chunk` characters runs
    in pieces cut after a line break: pieces that stay in the CPU cache run
    about twice as fast as one large buffer (benchmarks/normalize_speed.py).
    """
    fused = fuse(rules)
    # Each step: its function, the characters without which it is a no-op (None: it always
    # runs), the characters it may put in the text (None: unknown), and whether the shared
    # census rather than `in` tests decides if it runs.
    steps: list[tuple[Callable[[str], str], frozenset[str] | None, frozenset[str] | None, bool]] = []
    for rule in fused:
        if isinstance(rule, Table):
            produced = frozenset(c for value in rule.mapping.values() for c in value)
            steps.extend((step, triggers, produced, _censused(triggers)) for step, triggers in _table_steps(rule))
        else:
            run = rule.func if isinstance(rule, Splice) else _rewrite_step(rule)
            triggers = frozenset(rule.triggers) if rule.triggers else None
            emits = frozenset(rule.emits) if rule.emits is not None else None
            steps.append((run, triggers, emits, _censused(triggers)))
    census_chars = frozenset().union(*(triggers for _, triggers, _, censused in steps if censused))
    census = re.compile(char_class(census_chars)).findall if census_chars else None
    steps_tuple = tuple(steps)

    def run(text: str) -> str:
        present: set[str] | None = None  # census characters in `text`, once a censused step asks
        for func, triggers, emits, censused in steps_tuple:
            if censused:
                if present is None:
                    present = set(census(text))  # type: ignore[misc]
                if present.isdisjoint(triggers):  # type: ignore[arg-type]
                    continue
            elif triggers is not None and not any(c in text for c in triggers):
                continue
            text = func(text)
            if present is not None:  # what this step put in the text may wake a later step
                if emits is None:
                    present = None
                else:
                    present |= emits
        return text

    if not all(isinstance(rule, Table) or rule.line_local for rule in fused):
        return run

    def run_in_pieces(text: str) -> str:
        if len(text) <= chunk:
            return run(text)
        pieces, start, size = [], 0, len(text)
        while start < size:
            end = text.find("\n", start + chunk)
            end = size if end < 0 else end + 1
            pieces.append(run(text[start:end]))
            start = end
        return "".join(pieces)

    return run_in_pieces


def _censused(triggers: frozenset[str] | None) -> bool:
    return triggers is not None and len(triggers) > CENSUS_MIN_TRIGGERS and triggers.isdisjoint(FREQUENT)


def _rewrite_step(rule: Rewrite) -> Callable[[str], str]:
    module = regex if rule.engine == "regex" else re
    sub = module.compile(rule.pattern).sub
    replacement = rule.replacement
    return lambda text: sub(replacement, text)


def _table_steps(table: Table) -> list[tuple[Callable[[str], str], frozenset[str] | None]]:
    """The steps that run `table`, each with the characters without which it is a no-op (None: unguarded)."""
    mapping = table.mapping
    if not table.closed:  # order matters: one simultaneous pass
        return [(_regex_step(mapping, guard=False), None)]
    generic = _string_steps(mapping)

    def run_generic(text: str) -> str:
        for step in generic:
            text = step(text)
        return text

    through_bytes = compile_byte_table(mapping, run_generic)
    steps = [through_bytes] if through_bytes is not None else generic
    keys = frozenset(mapping)
    if len(mapping) <= MAX_GUARDED_KEYS or _censused(keys):  # skip the whole table when no key is present
        return [(step, keys) for step in steps]
    return [(step, None) for step in steps]


def _string_steps(mapping: Mapping[str, str]) -> list[Callable[[str], str]]:
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
