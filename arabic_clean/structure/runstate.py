"""What the structure passes of one run learn about line texts, handed explicitly from pass to pass.

`fused_lines` (and so `clean_structure` and `Pipeline`) makes one `RunState` per document and
gives it to each pass, with the document's `Lines`, which carry each line's content, blank flag
and keys from pass to pass. The state holds what is known about line *texts*: `remove_chrome`
reuses its description of every text across the fixed-point rounds, and `strip_bylines` the
attribution tests `remove_chrome` made. It lives only as long as the call: nothing is kept
between documents, so no answer can depend on an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RunState:
    """One document's run through the structure passes (see the module docstring).

    `described` maps a (lexicon, boilerplate) pair to `remove_chrome`'s description of line
    texts; `attribution` caches the attribution test by line content.
    """

    described: dict[tuple[int, int], Any] = field(default_factory=dict)
    attribution: dict[str, bool] = field(default_factory=dict)
