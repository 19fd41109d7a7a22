"""Offsets through cleaning: a compact map between a raw text and its cleaned text.

A `SpanMap` lists only the *blocks* where the two texts differ, each as (raw start, raw end,
cleaned start, cleaned end); between two blocks the texts are equal and map one to one. A block
maps as a whole: an entity ``&quot;`` (6 characters) to ``"``, a presentation form ``ﻻ`` to
``لا``, a repaired mojibake word to its broken characters, a deleted span to zero characters.
A character replaced by one character (``أ`` -> ``ا``) needs no block at all. The four columns
are `array` s of machine integers, so the map costs 16 bytes per block, whatever the length of
the text between blocks (docs/offsets.md gives the cost per MB of news text).

Two maps compose (`SpanMap.then`): the map of a whole pipeline is the map of its first step
followed by each later one, and stays a list of blocks.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple

#: An edit a pass made to its input: input[start:end] became `length` characters.
Edit = tuple[int, int, int]


def _column(values: Iterable[int] = (), *, wide: bool = False) -> array:
    return array("q" if wide else "i", values)


class SpanMap:
    """Where each span of a cleaned text came from in the raw text it was cleaned from.

    >>> raw = "قال &quot;نعم&quot;"
    >>> m = SpanMap.from_edits(len(raw), [(4, 10, 1), (13, 19, 1)])
    >>> m.to_original(4, 9), raw[4:19]
    ((4, 19), '&quot;نعم&quot;')
    >>> m.to_cleaned(0, 3), m.to_cleaned(5, 8)
    ((0, 3), (4, 5))
    """

    __slots__ = ("clean_ends", "clean_length", "clean_starts", "raw_ends", "raw_length", "raw_starts")

    def __init__(self, raw_length: int, clean_length: int,
                 blocks: Iterable[tuple[int, int, int, int]] = ()) -> None:
        wide = max(raw_length, clean_length) >= 2**31
        self.raw_length = raw_length
        self.clean_length = clean_length
        # One character for one (or nothing for nothing) maps like a copy: no block.
        kept = [block for block in blocks if not block[1] - block[0] == block[3] - block[2] <= 1]
        if not kept:  # the usual step: nothing to store (the columns are never changed in place)
            self.raw_starts = self.raw_ends = self.clean_starts = self.clean_ends = _column(wide=wide)
            return
        self.raw_starts = _column([b[0] for b in kept], wide=wide)
        self.raw_ends = _column([b[1] for b in kept], wide=wide)
        self.clean_starts = _column([b[2] for b in kept], wide=wide)
        self.clean_ends = _column([b[3] for b in kept], wide=wide)

    @classmethod
    def identity(cls, length: int) -> SpanMap:
        """The map of a text to itself: no blocks.

        >>> SpanMap.identity(5).to_original(1, 3)
        (1, 3)
        """
        return cls(length, length)

    @classmethod
    def from_edits(cls, raw_length: int, edits: Iterable[Edit]) -> SpanMap:
        """The map of a pass that replaced each ``raw[start:end]`` of `edits` (in order, not
        overlapping) by `length` characters and copied everything else.

        >>> SpanMap.from_edits(6, [(1, 2, 0), (3, 4, 2)]).blocks  # "aXbYcd" -> "abZZcd"
        [(1, 2, 1, 1), (3, 4, 2, 4)]
        """
        edits = [edit for edit in edits if not edit[1] - edit[0] == edit[2] <= 1]
        shifts = list(accumulate((length - (end - start) for start, end, length in edits), initial=0))
        span_map = cls(raw_length, raw_length + shifts[-1])
        if edits:
            wide = max(raw_length, span_map.clean_length) >= 2**31
            span_map.raw_starts = _column([edit[0] for edit in edits], wide=wide)
            span_map.raw_ends = _column([edit[1] for edit in edits], wide=wide)
            span_map.clean_starts = _column([edit[0] + shift for edit, shift in zip(edits, shifts)], wide=wide)
            span_map.clean_ends = _column([edit[0] + edit[2] + shift for edit, shift in zip(edits, shifts)],
                                          wide=wide)
        return span_map

    def __len__(self) -> int:
        """The number of blocks."""
        return len(self.raw_starts)

    @property
    def blocks(self) -> list[tuple[int, int, int, int]]:
        """Every block as ``(raw start, raw end, cleaned start, cleaned end)``."""
        return list(zip(self.raw_starts, self.raw_ends, self.clean_starts, self.clean_ends))

    @property
    def nbytes(self) -> int:
        """Memory held by the four columns."""
        return sum(len(c) * c.itemsize for c in (self.raw_starts, self.raw_ends, self.clean_starts, self.clean_ends))

    def deletions(self) -> list[tuple[int, int, int]]:
        """``(raw start, raw end, cleaned position)`` of every block that maps to nothing.

        >>> SpanMap.from_edits(6, [(1, 2, 0), (3, 4, 2)]).deletions()
        [(1, 2, 1)]
        """
        return [(r0, r1, c0) for r0, r1, c0, c1 in zip(self.raw_starts, self.raw_ends, self.clean_starts,
                                                        self.clean_ends) if c0 == c1 and r0 < r1]

    def _original(self, start: int, end: int) -> tuple[int, int]:
        return _project(self.clean_starts, self.clean_ends, self.raw_starts, self.raw_ends, start, end)

    def _cleaned(self, start: int, end: int) -> tuple[int, int]:
        return _project(self.raw_starts, self.raw_ends, self.clean_starts, self.clean_ends, start, end)

    def _sole_originals(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int] | None]:
        """For each non-empty cleaned span of `spans` (in order, not overlapping), the raw span it
        came from, or None when that raw span also made cleaned text outside the span (the span
        lies in a block with more). One sweep over the blocks."""
        cs, ce, rs, re_ = self.clean_starts, self.clean_ends, self.raw_starts, self.raw_ends
        n = len(cs)
        out: list[tuple[int, int] | None] = []
        i = 0
        for start, end in spans:
            while i < n and ce[i] <= start:
                i += 1
            if i < n and cs[i] <= start:
                if cs[i] < start:
                    out.append(None)
                    continue
                first = rs[i]
            else:
                first = start + (re_[i - 1] - ce[i - 1] if i else 0)
            j = i
            while j < n and ce[j] < end:
                j += 1
            if j < n and cs[j] < end:
                if ce[j] > end:
                    out.append(None)
                    continue
                last = re_[j]
            else:
                last = end + (re_[j - 1] - ce[j - 1] if j else 0)
            out.append((first, last))
        return out

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that the cleaned span ``[start, end)`` came from (blocks whole)."""
        _check_span(start, end, self.clean_length, "cleaned")
        return _project(self.clean_starts, self.clean_ends, self.raw_starts, self.raw_ends, start, end)

    def to_cleaned(self, start: int, end: int) -> tuple[int, int] | None:
        """The cleaned span that the raw span ``[start, end)`` became; None when all of it
        was deleted."""
        _check_span(start, end, self.raw_length, "raw")
        a, b = _project(self.raw_starts, self.raw_ends, self.clean_starts, self.clean_ends, start, end)
        return None if a == b and start < end else (a, b)

    def then(self, after: SpanMap) -> SpanMap:
        """The map of this map's pass followed by `after`'s (whose raw text is this one's
        cleaned text).

        Blocks of the two maps that overlap in the middle text merge into one block, so the
        result is again a list of blocks, no longer than the two lists together.

        >>> first = SpanMap.from_edits(8, [(0, 6, 1)])       # "&quot;ab" -> '"ab'
        >>> second = SpanMap.from_edits(3, [(2, 3, 0)])      # '"ab' -> '"a'
        >>> first.then(second).blocks
        [(0, 6, 0, 1), (7, 8, 2, 2)]
        """
        if after.raw_length != self.clean_length:
            raise ValueError(f"cannot follow a map to {self.clean_length} characters with a map "
                             f"from {after.raw_length}")
        if not len(after):
            out = SpanMap(self.raw_length, after.clean_length)
            out.raw_starts, out.raw_ends = self.raw_starts, self.raw_ends
            out.clean_starts, out.clean_ends = self.clean_starts, self.clean_ends
            return out
        if not len(self):
            out = SpanMap(self.raw_length, after.clean_length)
            out.raw_starts, out.raw_ends = after.raw_starts, after.raw_ends
            out.clean_starts, out.clean_ends = after.clean_starts, after.clean_ends
            return out
        return SpanMap(self.raw_length, after.clean_length, _compose(self, after))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpanMap) and (self.raw_length, self.clean_length, self.blocks) == (
            other.raw_length, other.clean_length, other.blocks)

    def __repr__(self) -> str:
        return f"SpanMap({self.raw_length}, {self.clean_length}, {self.blocks!r})"


def _check_span(start: int, end: int, length: int, side: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int)):
        raise TypeError(f"span offsets are ints, not {type(start).__name__} and {type(end).__name__}")
    if not 0 <= start <= end <= length:
        raise ValueError(f"span ({start}, {end}) is not within the {side} text of {length} characters")


def _project(from_starts: Sequence[int], from_ends: Sequence[int], to_starts: Sequence[int],
             to_ends: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map ``[start, end)`` from one side of the blocks to the other, taking blocks whole."""
    if start == end:
        i = bisect_right(from_ends, start)
        if i < len(from_starts) and from_starts[i] < start:  # strictly inside a block
            return to_starts[i], to_ends[i]
        point = start + (to_ends[i - 1] - from_ends[i - 1] if i else 0)
        return point, point
    # The first character, at `start`: in a block, or copied after the blocks ending by it.
    i = bisect_right(from_ends, start)
    if i < len(from_starts) and from_starts[i] <= start:
        first = to_starts[i]
    else:
        first = start + (to_ends[i - 1] - from_ends[i - 1] if i else 0)
    # The last character, at `end - 1`.
    j = bisect_right(from_ends, end - 1)
    if j < len(from_starts) and from_starts[j] <= end - 1:
        last = to_ends[j]
    else:
        last = end + (to_ends[j - 1] - from_ends[j - 1] if j else 0)
    return first, last


def _compose(first: SpanMap, second: SpanMap) -> Iterable[tuple[int, int, int, int]]:
    """Blocks of `first` then `second`: their intervals in the middle text, merged where they
    overlap (a zero-length one merges only strictly inside another). A run of blocks of one map
    that meets no block of the other is shifted whole (most of a long document's blocks)."""
    a0, a1, ar0, ar1 = first.clean_starts, first.clean_ends, first.raw_starts, first.raw_ends
    b0, b1, bc0, bc1 = second.raw_starts, second.raw_ends, second.clean_starts, second.clean_ends
    na, nb = len(a0), len(b0)
    out: list[tuple[int, int, int, int]] = []
    i = j = 0
    raw_shift = clean_shift = 0  # raw - middle and clean - middle after the blocks taken so far
    while i < na or j < nb:
        # Blocks of `first` that end before the next block of `second` starts stand alone.
        k = na if j >= nb else bisect_right(a1, b0[j], i)
        if k > i:
            out.extend(zip(ar0[i:k], ar1[i:k], [c + clean_shift for c in a0[i:k]],
                           [c + clean_shift for c in a1[i:k]]))
            raw_shift = ar1[k - 1] - a1[k - 1]
            i = k
            continue
        # ... and blocks of `second` that end before the next block of `first` starts.
        k = nb if i >= na else bisect_right(b1, a0[i], j)
        if k > j:
            out.extend(zip([m + raw_shift for m in b0[j:k]], [m + raw_shift for m in b1[j:k]],
                           bc0[j:k], bc1[j:k]))
            clean_shift = bc1[k - 1] - b1[k - 1]
            j = k
            continue
        if j >= nb or (i < na and (a0[i], a1[i], 0) <= (b0[j], b1[j], 1)):
            start, end = a0[i], a1[i]
            raw_before, clean_before = raw_shift, clean_shift
            raw_shift = ar1[i] - a1[i]
            i += 1
        else:
            start, end = b0[j], b1[j]
            raw_before, clean_before = raw_shift, clean_shift
            clean_shift = bc1[j] - b1[j]
            j += 1
        while True:
            if i < na and a0[i] < end:
                end = max(end, a1[i])
                raw_shift = ar1[i] - a1[i]
                i += 1
            elif j < nb and b0[j] < end:
                end = max(end, b1[j])
                clean_shift = bc1[j] - b1[j]
                j += 1
            else:
                break
        out.append((start + raw_before, end + raw_shift, start + clean_before, end + clean_shift))
    return out


def _by_span(removal: tuple[int, int, str, str | None]) -> tuple[int, int]:
    return removal[0], removal[1]


class Removal(NamedTuple):
    """A raw span that cleaning removed, the step that removed it and, for a line a structure
    pass deleted, its reason (`arabic_clean.structure.REASONS`; None for character passes).

    >>> Removal(0, 9, "remove_chrome", "lexicon")
    Removal(start=0, end=9, step='remove_chrome', reason='lexicon')
    """

    start: int
    end: int
    step: str
    reason: str | None


class Aligned:
    """A cleaned text with the map back to the raw text it came from (`Pipeline.align`).

    ``original`` is the raw text, ``text`` the cleaned text (exactly what the pipeline returns),
    ``map`` the `SpanMap` between them, ``deleted`` what was removed.

    >>> from arabic_clean import clean_aligned
    >>> raw = "قال &quot;الوزير&quot;\\u200f  اليوم"
    >>> a = clean_aligned(raw, preset="repair")
    >>> a.text
    'قال "الوزير" اليوم'
    >>> start, end = a.to_original(4, 5)
    >>> raw[start:end]
    '&quot;'
    >>> a.to_cleaned(*a.to_original(4, 12))
    (4, 12)
    >>> [(raw[d.start:d.end], d.step) for d in a.deleted]
    [('\\u200f', 'remove_invisible'), (' ', 'normalize_whitespace')]
    """

    __slots__ = ("_reach", "_removals", "_steps", "map", "original", "text")

    def __init__(self, original: str, text: str, span_map: SpanMap,
                 removals: Iterable[tuple[int, int, str, str | None]] = ()) -> None:
        if span_map.raw_length != len(original) or span_map.clean_length != len(text):
            raise ValueError("the map does not fit the two texts")
        self.original = original
        self.text = text
        self.map = span_map
        steps: dict[tuple[str, str | None], int] = {}
        ordered = sorted(removals, key=_by_span)
        keys = [steps.setdefault((step, reason), len(steps)) for _, _, step, reason in ordered]
        wide = len(original) >= 2**31
        self._removals = (_column([r[0] for r in ordered], wide=wide),
                          _column([r[1] for r in ordered], wide=wide), _column(keys))
        self._steps = list(steps)
        # The furthest end of the removals up to each one: is a raw span inside one removal?
        self._reach = _column(accumulate(self._removals[1], max), wide=wide)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that ``text[start:end]`` came from.

        A replaced block is taken whole: a character of ``لا`` folded from ``ﻻ`` maps to the
        ``ﻻ``. An empty span maps to the empty span where it stands.
        """
        return self.map.to_original(start, end)

    def to_cleaned(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of `text` that ``original[start:end]`` became, or None when it was deleted.

        A span that one removal covers is deleted even where a later step replaced the text
        around it as one block (an LRE between آ and a madda that `normalize_alef` folds).
        """
        cleaned = self.map.to_cleaned(start, end)
        if cleaned is None or start == end or not len(self._removals[0]):
            return cleaned
        i = bisect_right(self._removals[0], start) - 1
        return None if i >= 0 and self._reach[i] >= end else cleaned

    @property
    def deleted(self) -> tuple[Removal, ...]:
        """The raw spans cleaning removed, by start, then end (a step's own order where both
        tie). Spans may nest: a line deleted after a character inside it was deleted is listed
        whole, as well as that character."""
        starts, ends, keys = self._removals
        return tuple(Removal(s, e, *self._steps[k]) for s, e, k in zip(starts, ends, keys))

    @property
    def nbytes(self) -> int:
        """Memory held by the map and the removal list (not by the two texts)."""
        return self.map.nbytes + sum(len(c) * c.itemsize for c in (*self._removals, self._reach))

    def __repr__(self) -> str:
        return f"Aligned(text={self.text!r}, blocks={len(self.map)}, deleted={len(self._removals[0])})"
