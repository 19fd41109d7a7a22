"""The aligned path of a pipeline: every step run so that it also says where its output came from.

Each kind of step has its own aligned form, and each gives exactly the text the plain step gives:

- a character pass runs its rules one by one (`arabic_clean.rules`), each rule giving its
  edits from its data: a `Table` from the characters it maps to other than one character, a
  `Rewrite` from each match and its replacement (their common first and last characters kept
  as copies), a `Splice` from its twin (`Splice.aligned`);
- a structure group runs to its fixed point as in the pipeline, following every line to the
  input line it came from (`structure.document.Lines`);
- another pass gives its own twin as its ``aligned`` attribute (`unescape_html`), or falls back
  to `edits_between`, which maps changed lines word by word (`fix_mojibake`; docs/offsets.md).

This is a separate, slower path: the plain pipeline (`Pipeline.__call__`) does not run it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import regex

from .offsets import Aligned, Edit, SpanMap
from .rules import Rewrite, Rule, Splice, Table, char_class, compile_rules, fuse

if TYPE_CHECKING:
    from .pipeline import Step

#: A step's aligned run: its output, its map and the spans it deleted in its input, each with
#: the step spec and reason.
StepResult = tuple[str, SpanMap, list[tuple[int, int, str, "str | None"]]]
AlignedRun = Callable[[str], StepResult]


# --- character rules --------------------------------------------------------------------------

def _table_run(table: Table) -> Callable[[str], tuple[str, list[Edit]]]:
    program = compile_rules([table])
    uneven = {key: len(value) for key, value in table.mapping.items() if len(value) != 1}
    find = re.compile(char_class(uneven)).finditer if uneven else None
    # When every uneven key grows (or every one deletes), an output as long as its input holds none.
    one_way = all(n > 1 for n in uneven.values()) or all(n == 0 for n in uneven.values())

    def run(text: str) -> tuple[str, list[Edit]]:
        out = program(text)
        if find is None or out is text or (one_way and len(out) == len(text)):
            return out, []
        return out, [(m.start(), m.end(), uneven[m.group()]) for m in find(text)]

    return run


def _rewrite_run(rule: Rewrite) -> Callable[[str], tuple[str, list[Edit]]]:
    pattern = (regex if rule.engine == "regex" else re).compile(rule.pattern)
    replacement = rule.replacement
    triggers = rule.triggers
    if isinstance(replacement, str) and "\\" not in replacement:
        return _literal_rewrite_run(pattern, replacement, triggers)

    def run(text: str) -> tuple[str, list[Edit]]:
        if triggers and not any(c in text for c in triggers):
            return text, []
        pieces: list[str] = []
        edits: list[Edit] = []
        done = 0
        for match in pattern.finditer(text):
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            old = match.group()
            if new == old:
                continue
            start, end = match.span()
            pieces.append(text[done:start])
            pieces.append(new)
            done = end
            edits.append(_trimmed(start, old, new))
        if not edits:
            return text, []
        pieces.append(text[done:])
        return "".join(pieces), edits

    return run


def _literal_rewrite_run(pattern: Any, replacement: str, triggers: str
                         ) -> Callable[[str], tuple[str, list[Edit]]]:
    """A rewrite to a fixed string: the text from one `sub`, the edits from the matches."""
    def run(text: str) -> tuple[str, list[Edit]]:
        if triggers and not any(c in text for c in triggers):
            return text, []
        found = [(match.start(), match.group()) for match in pattern.finditer(text)]
        # The edit of each distinct matched text, at offset 0 (most rules match one text: '\r\n').
        trims = {old: _trimmed(0, old, replacement) for old in {old for _, old in found} if old != replacement}
        if not trims:
            return text, []
        edits = [(start + trim[0], start + trim[1], trim[2])
                 for start, trim in ((start, trims.get(old)) for start, old in found) if trim is not None]
        return pattern.sub(replacement, text), edits

    return run


def _trimmed(start: int, old: str, new: str) -> Edit:
    """The edit of `old` (at `start`) -> `new` without their common first and last characters."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start + head, start + len(old) - tail, len(new) - head - tail


def _splice_run(rule: Splice) -> Callable[[str], tuple[str, list[Edit]]]:
    aligned = rule.aligned
    if aligned is not None:
        return aligned
    func = rule.func

    def run(text: str) -> tuple[str, list[Edit]]:
        out = func(text)
        return out, edits_between(text, out)

    return run


def _rule_run(rule: Rule) -> Callable[[str], tuple[str, list[Edit]]]:
    if isinstance(rule, Table):
        return _table_run(rule)
    if isinstance(rule, Rewrite):
        return _rewrite_run(rule)
    return _splice_run(rule)


def _char_step(step: Step) -> AlignedRun:
    runs = [_rule_run(rule) for rule in fuse(step.char_rules)]  # as CharRules compiles them
    return _chain(runs, step.spec)


def _chain(runs: Sequence[Callable[[str], tuple[str, list[Edit]]]], spec: str) -> AlignedRun:
    def run(text: str) -> StepResult:
        length = len(text)
        span_map: SpanMap | None = None  # None: no rule has changed a length yet
        for rule_run in runs:
            out, edits = rule_run(text)
            if edits:
                rule_map = SpanMap.from_edits(len(text), edits)
                span_map = rule_map if span_map is None else span_map.then(rule_map)
            elif len(out) != len(text):
                raise AssertionError(f"{spec}: a rule changed the length of the text without an edit")
            text = out
        if span_map is None:
            return text, SpanMap.identity(length), []
        return text, span_map, [(r0, r1, spec, None) for r0, r1, _ in span_map.deletions()]

    return run


# --- any pass: the documented fallback ---------------------------------------------------------

_WORDS = re.compile(r"\s+|\S+")


def edits_between(before: str, after: str) -> list[Edit]:
    """Edits that turn `before` into `after`, for a pass that rewrites words in place: changed
    lines are compared word by word (words and the spaces between them), and a changed word maps
    whole to its replacement. Where lines or words do not pair up one to one, the changed
    stretch between the equal beginning and end maps as one block. Sound for any pass that never
    moves text, coarse where it rewrites more than words.

    >>> edits_between("ط§ظ„ط¹ط±ط¨ظٹط© لغة", "العربية لغة")
    [(0, 14, 7)]
    """
    if before == after:
        return []
    old_lines, new_lines = before.split("\n"), after.split("\n")
    if len(old_lines) != len(new_lines):
        return [_trimmed(0, before, after)] if before or after else []
    edits: list[Edit] = []
    offset = 0
    for old, new in zip(old_lines, new_lines):
        if old != new:
            edits.extend(_word_edits(offset, old, new))
        offset += len(old) + 1
    return edits


def _word_edits(offset: int, old: str, new: str) -> list[Edit]:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    if len(old_words) != len(new_words) or any(
            a.isspace() != b.isspace() for a, b in zip(old_words, new_words)):
        return [_trimmed(offset, old, new)]
    edits = []
    for a, b in zip(old_words, new_words):
        if a != b:
            edits.append((offset, offset + len(a), len(b)))
        offset += len(a)
    return edits


def _other_step(step: Step) -> AlignedRun:
    twin = getattr(step.func, "aligned", None)
    options = dict(step.options)
    spec = step.spec

    def run(text: str) -> StepResult:
        if twin is not None:
            out, edits = twin(text, **options)
        else:
            out = step(text)
            edits = edits_between(text, out)
        span_map = SpanMap.from_edits(len(text), edits)
        return out, span_map, [(r0, r1, spec, None) for r0, r1, _ in span_map.deletions()]

    return run


# --- structure groups -------------------------------------------------------------------------

def _structure_group(group: Sequence[Step]) -> AlignedRun:
    from .structure._lines import split_lines
    from .structure.fused import fused_lines

    steps = [(s.func, dict(s.options)) for s in group]
    specs = [s.spec for s in group]

    def run(text: str) -> StepResult:
        why: dict[int, tuple[str, str | None]] = {}  # input line -> (step, reason)

        def record(index: int, before: Any, after: Any, removed: list[tuple[int, str]]) -> None:
            for position, reason in removed:
                why.setdefault(before.numbers[position], (specs[index], reason))
            if after is not before:
                # A kept line rewritten in place (a glued headline cut to one copy): its step,
                # and the reason the pass gives for what such a rewrite removed.
                reason = getattr(steps[index][0], "rewrite_reason", None)
                kept = dict(zip(before.numbers, before.pieces))
                for number, piece in zip(after.numbers, after.pieces):
                    if kept.get(number, piece) != piece:
                        why.setdefault(number, (specs[index], reason))

        lines = fused_lines(text, steps, named=True, record=record)
        out = lines.render()
        return out, *_line_map(split_lines(text), lines, why)

    return run


def _line_map(pieces: list[str], lines: Any, why: dict[int, tuple[str, str | None]]
              ) -> tuple[SpanMap, list[tuple[int, int, str, str | None]]]:
    """The map from input lines `pieces` to the output `lines`, and the deleted spans."""
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    edits: list[Edit] = []
    removed: list[tuple[int, int, str, str | None]] = []

    def delete(number: int) -> None:
        start, end = starts[number], starts[number + 1]
        edits.append((start, end, 0))
        step, reason = why.get(number, (None, None))
        removed.append((start, end, step or "", reason))

    next_input = 0
    for position, (number, piece) in enumerate(zip(lines.numbers, lines.pieces)):
        for skipped in range(next_input, number):
            delete(skipped)
        source = pieces[number]
        next_input = number + 1
        if piece == source:
            continue
        if piece == source + "\n" and source.endswith("\r"):
            # A CR line joined with a bare LF line after it: the LF is that line's.
            limit = lines.numbers[position + 1] if position + 1 < len(lines.numbers) else len(pieces)
            joined = next((n for n in range(number + 1, limit) if pieces[n] == "\n"), None)
            if joined is not None:
                for skipped in range(number + 1, joined):
                    delete(skipped)
                next_input = joined + 1
                continue
        start, end, length = _trimmed(starts[number], source, piece)
        edits.append((start, end, length))
        if length == 0:
            step, reason = why.get(number, ("", None))
            removed.append((start, end, step, reason))
    for skipped in range(next_input, len(pieces)):
        delete(skipped)
    return SpanMap.from_edits(starts[-1], edits), removed


# --- pipelines --------------------------------------------------------------------------------

def aligned_runs(steps: Sequence[Step]) -> list[AlignedRun]:
    """The aligned form of each group of `steps`, in the order the pipeline runs them."""
    from .pipeline import _groups

    runs: list[AlignedRun] = []
    for group in _groups(steps):
        if group[0].line_form is not None:
            runs.append(_structure_group(group))
        elif group[0].char_rules is not None:
            runs.extend(_char_step(step) for step in group)
        else:
            runs.extend(_other_step(step) for step in group)
    return runs


def align_with(runs: Sequence[AlignedRun], text: str) -> Aligned:
    """Run the aligned `runs` over `text` and compose their maps."""
    span_map = SpanMap.identity(len(text))
    removals: list[tuple[int, int, str, str | None]] = []
    current = text
    for run in runs:
        out, step_map, deleted = run(current)
        if step_map.raw_length != len(current) or step_map.clean_length != len(out):
            raise AssertionError("an aligned step's map does not fit its text")
        if not len(span_map):  # nothing changed before this step: its input is the raw text
            removals.extend(deleted)
            deleted = []
        # A span whose raw source also made text that stays was written by an earlier step (a
        # tatweel that a repaired mojibake word held): no raw span was removed.
        deleted = sorted(deleted, key=lambda removal: removal[0])
        sources = span_map._sole_originals([(start, end) for start, end, _, _ in deleted])
        removals.extend((*source, step, reason)
                        for source, (_, _, step, reason) in zip(sources, deleted) if source is not None)
        if len(step_map):
            span_map = span_map.then(step_map)
        current = out
    return Aligned(text, current, span_map, removals)
