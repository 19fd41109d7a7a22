"""The line model of the structure passes: a text split once, each line knowing where it came from.

A `Lines` holds the lines of a text, each with its own line ending (CRLF, LF or CR), their
contents, which are blank (one definition: `_lines.is_blank`), their keys (computed when first
asked and kept on the object, never in a module), and for each line its number in the input
the text was split from. `keep` drops lines under a named blank-tidying policy and carries the
numbers along, so after any number of passes every output line still knows its input line:
`fused_lines` runs a fused group of structure passes this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Literal

from arabic_clean.structure._lines import (blank_flags, content, kept_without_growth, rejoined_origin,
                                          rejoins_apart, split_lines, tidy_kept)
from arabic_clean.structure.keys import line_keys

#: How `Lines.keep` tidies the blank lines around the ones it drops:
#: ``collapse`` (remove_chrome, strip_bylines): no blank line at either end, none doubled;
#: ``no_growth`` (the dedupe passes): a blank run keeps the length of its longest original part;
#: ``none``: exactly the lines kept, blank or not.
Tidy = Literal["collapse", "no_growth", "none"]


class Lines:
    """The lines of a text; `numbers[k]` is the input line number of line `k`.

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
        return cls(pieces, list(range(len(pieces))))

    def __len__(self) -> int:
        return len(self.pieces)

    def render(self) -> str:
        return "".join(self.pieces)

    @cached_property
    def texts(self) -> list[str]:
        """Each line's content: without its ending and surrounding spaces."""
        return list(map(content, self.pieces))

    @cached_property
    def blank(self) -> list[bool]:
        return blank_flags(self.pieces, self.texts)

    @cached_property
    def keys(self) -> list[str]:
        """`keys.line_key` of each line's content ("" for a blank line), keyed in one pass."""
        filled = [t for t, b in zip(self.texts, self.blank) if not b]
        found = iter(line_keys(filled))
        return ["" if b else next(found) for b in self.blank]

    def keep(self, mask: Sequence[bool], *, tidy: Tidy = "collapse") -> Lines:
        """The lines whose `mask` is true, tidied by `tidy`, with their input line numbers.

        Joined, a line ending in a lone CR and a bare LF line after it would read as one CRLF
        line: such a pair becomes that one line (the CR line's number), as a re-split would.
        """
        if len(mask) != len(self.pieces):
            raise ValueError(f"a mask of {len(mask)} for {len(self.pieces)} lines")
        positions = list(range(len(self.pieces)))
        if tidy == "collapse":
            kept = tidy_kept(positions, list(mask), self.blank)
        elif tidy == "no_growth":
            kept = kept_without_growth(self.blank, {i for i, keep in enumerate(mask) if not keep})
        elif tidy == "none":
            kept = [i for i in positions if mask[i]]
        else:
            raise ValueError(f"unknown tidy policy {tidy!r}; policies: collapse, no_growth, none")
        if rejoins_apart(self.pieces, kept):
            return Lines([self.pieces[i] for i in kept], [self.numbers[i] for i in kept])
        pieces = split_lines("".join(self.pieces[i] for i in kept))
        return Lines(pieces, rejoined_origin(self.pieces, kept, self.numbers))

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
