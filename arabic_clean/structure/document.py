"""The line model of the structure passes: a text split once, each line knowing where it came from.

A `Lines` holds the lines of a text, each with its own line ending (CRLF, LF or CR), their
contents, which are blank (one definition: `_lines.is_blank`), their keys (computed when first
asked and kept on the object, never in a module), and for each line its number in the input
the text was split from. `keep` drops lines under a named blank-tidying policy and carries the
numbers along, so after any number of passes every output line still knows its input line:
`fused_lines` runs a fused group of structure passes this way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Literal

from arabic_clean.structure._lines import (blank_flags, content, kept_without_growth, rejoined_origin,
                                          rejoins_apart, split_lines, tidy_kept)
from arabic_clean.structure.keys import copy_keys, line_keys

#: How `Lines.keep` tidies the blank lines around the ones it drops:
#: ``collapse`` (remove_chrome, strip_bylines): no blank line at either end, none doubled;
#: ``no_growth`` (the dedupe passes): a blank run keeps the length of its longest original part;
#: ``none``: exactly the lines kept, blank or not.
Tidy = Literal["collapse", "no_growth", "none"]


class Lines:
    """The lines of a text; `numbers[k]` is the input line number of line `k`.

    A `Lines` is never changed once made: `select` and `keep` make a new one, carrying over the
    facts already known about the lines they keep (their contents, blank flags and keys), so a
    fused group of passes splits and keys each line once.

    >>> lines = Lines.parse("عنوان\\r\\nالرئيسية\\r\\n\\r\\nنص المقال.\\r\\n")
    >>> kept = lines.keep([True, False, True, True])
    >>> kept.render(), kept.numbers
    ('عنوان\\r\\n\\r\\nنص المقال.\\r\\n', [0, 2, 3])
    """

    def __init__(self, pieces: list[str], numbers: list[int]) -> None:
        if len(pieces) != len(numbers):
            raise ValueError(f"{len(pieces)} lines but {len(numbers)} line numbers")
        self.pieces = pieces  # each line with its own ending (`_lines.split_lines`)
        self.numbers = numbers

    @classmethod
    def parse(cls, text: str) -> Lines:
        """Split `text` once; line numbers count from 0."""
        pieces = split_lines(text)
        lines = cls(pieces, list(range(len(pieces))))
        if "\r" not in text:
            lines.__dict__["lone_cr"] = False
        return lines

    def __len__(self) -> int:
        return len(self.pieces)

    def render(self) -> str:
        return "".join(self.pieces)

    @cached_property
    def texts(self) -> list[str]:
        """Each line's content: without its ending and surrounding spaces (`_lines.content`)."""
        return list(map(str.strip, self.pieces))

    @cached_property
    def bare(self) -> list[str]:
        """Each line without its ending, spaces kept (a line holds at most one CR, LF or CRLF)."""
        return [piece.rstrip("\r\n") for piece in self.pieces]

    @cached_property
    def lone_cr(self) -> bool:
        """Whether a line ends in a lone CR: only then can two lines join into one (`rejoins_apart`)."""
        return any(piece[-1:] == "\r" for piece in self.pieces)

    def rejoins_apart(self, positions: Sequence[int]) -> bool:
        """Whether the lines at `positions`, joined, split back into the same lines (`_lines.rejoins_apart`)."""
        return not self.lone_cr or rejoins_apart(self.pieces, positions)

    @cached_property
    def blank(self) -> list[bool]:
        return blank_flags(self.pieces, self.texts)

    @cached_property
    def keys(self) -> list[str]:
        """`keys.line_key` of each line's content ("" for a blank line), keyed in one pass."""
        filled = [t for t, b in zip(self.texts, self.blank) if not b]
        found = iter(line_keys(filled))
        return ["" if b else next(found) for b in self.blank]

    @cached_property
    def copy_keys(self) -> list[str]:
        """`keys.copy_key` of each line without its ending: HTML entities decoded (the dedupe passes)."""
        return copy_keys(self.bare)

    def kept(self, mask: Sequence[bool], *, tidy: Tidy = "collapse") -> list[int]:
        """The positions of the lines whose `mask` is true that `tidy` keeps, in order."""
        if len(mask) != len(self.pieces):
            raise ValueError(f"a mask of {len(mask)} for {len(self.pieces)} lines")
        if tidy == "collapse":
            return tidy_kept(list(range(len(self.pieces))), list(mask), self.blank)
        if tidy == "no_growth":
            return kept_without_growth(self.blank, {i for i, keep in enumerate(mask) if not keep})
        if tidy == "none":
            return [i for i, keep in enumerate(mask) if keep]
        raise ValueError(f"unknown tidy policy {tidy!r}; policies: collapse, no_growth, none")

    def keep(self, mask: Sequence[bool], *, tidy: Tidy = "collapse") -> Lines:
        """The lines whose `mask` is true, tidied by `tidy`, with their input line numbers."""
        return self.select(self.kept(mask, tidy=tidy))

    def select(self, positions: Sequence[int], *, replace: Mapping[int, str] | None = None) -> Lines:
        """The lines at `positions` (increasing), a line `p` in `replace` rewritten to `replace[p]`
        (content only: the line keeps its ending), with their input line numbers.

        Joined, a line ending in a lone CR and a bare LF line after it would read as one CRLF
        line: such a pair becomes that one line (the CR line's number), as a re-split would.
        """
        if not replace and len(positions) == len(self.pieces):
            return self
        pieces = self.pieces
        picked = [pieces[i] for i in positions]
        if replace:
            for k, i in enumerate(positions):
                if i in replace:
                    picked[k] = replace[i] + pieces[i][len(self.bare[i]):]
        if self.rejoins_apart(positions):
            selected = Lines(picked, [self.numbers[i] for i in positions])
            if not replace:  # the same lines: what is known about them still holds
                known = self.__dict__
                if not known.get("lone_cr", True):
                    selected.__dict__["lone_cr"] = False
                for fact in _CARRIED:
                    if fact in known:
                        selected.__dict__[fact] = [known[fact][i] for i in positions]
            return selected
        return Lines(split_lines("".join(picked)), rejoined_origin(pieces, list(positions), self.numbers))

    def learn_keys(self, keys: list[str]) -> None:
        """Take `keys` as these lines' `keys`: a pass that keyed them already (remove_chrome keys
        each distinct text once) saves the next one from keying them again. They must be exactly
        what `keys` would compute; `tests/test_document.py` checks that of remove_chrome."""
        if len(keys) != len(self.pieces):
            raise ValueError(f"{len(keys)} keys for {len(self.pieces)} lines")
        self.__dict__["keys"] = keys

    def follow(self, after: str, deleted: Sequence[int]) -> Lines:
        """The lines of `after`, the output of a pass that deleted the lines `deleted` (positions
        in self) and may have rewritten a kept line in place (a glued headline cut to one copy).
        """
        gone = set(deleted)
        kept = self.keep([i not in gone for i in range(len(self.pieces))], tidy="none")
        if kept.render() == after:
            return kept
        pieces = split_lines(after)
        if len(pieces) == len(kept.pieces):  # lines rewritten in place: same lines, same numbers
            return Lines(pieces, kept.numbers)
        raise ValueError("the pass's output is not its input less the lines it reported")


def positions_of(lines: Lines, removed: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """`(input line number, reason)` pairs of lines deleted from `lines`, as `(position in lines, reason)`, sorted.

    >>> positions_of(Lines(["أ\\n", "ب\\n"], [3, 7]), [(7, "byline")])
    [(1, 'byline')]
    """
    numbers = lines.numbers
    if not numbers or numbers[-1] == len(numbers) - 1:  # increasing from 0: numbers are positions
        return sorted(removed)
    at = {number: position for position, number in enumerate(numbers)}
    return sorted((at[number], reason) for number, reason in removed)


#: The per-line facts `Lines.select` carries over to the lines it keeps unchanged.
_CARRIED = ("texts", "bare", "blank", "keys", "copy_keys")
