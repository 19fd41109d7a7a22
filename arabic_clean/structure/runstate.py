"""What the structure passes of one run learn about a text, handed explicitly from pass to pass.

`run_structure` (and `Pipeline`, which fuses adjacent structure passes into it) makes one
`RunState` per document and gives it to each pass. A pass records what it knows about the text
it returns (its lines, their keys, which are attribution), and the next pass reuses that when it
receives that very text, instead of splitting and keying it again; `remove_chrome` reuses its
description of every line text across the fixed-point iterations. The state lives only as long
as the call: nothing is kept between documents, so no answer can depend on an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Handoff:
    """What `remove_chrome` learned about the text it returned, for `strip_bylines` to reuse.

    `lines` are `split_lines(text)`, `texts` their `content`, `blank` their `blank_flags`,
    `attribution` maps some line contents to `is_attribution(c) or is_photo_credit(c)`, and
    `keys` are the `line_keys` of the texts of the lines that are not blank ("" for the others).
    """

    text: str
    lines: list[str]
    texts: list[str]
    blank: list[bool]
    attribution: dict[str, bool]
    keys: list[str]


@dataclass
class RunState:
    """One document's run through the structure passes (see the module docstring).

    `handoff` describes the text `remove_chrome` returned; `keyed` is dedupe_headlines' last
    unchanged text with its split and keys; `described` maps a (lexicon, boilerplate) pair to
    `remove_chrome`'s description of line texts; `attribution` caches the attribution test by
    line content. Each is used only for the very same str object or line text it was made for.
    """

    handoff: Handoff | None = None
    keyed: tuple[str, list[str], list[str], list[str]] | None = None
    described: dict[tuple[int, int], Any] = field(default_factory=dict)
    attribution: dict[str, bool] = field(default_factory=dict)
