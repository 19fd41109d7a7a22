"""Document structure passes: site chrome, bylines, repeated headlines and paragraphs.

`clean_structure` runs them in this order, each deleting whole lines:

1. `remove_chrome`: it needs the headline copies and bylines still in place, as evidence of
   where the headline is (a repeated title-shaped line) and where the article starts.
2. `strip_bylines`: authors, agencies, dates, captions, once the menus around them are gone
   (a caption is recognised by the attribution lines on both sides of it).
3. `dedupe_headlines`, then `dedupe_paragraphs`: with the chrome gone, the copies left are
   the ones in the article area, and the one kept is the headline above the article.
"""

from __future__ import annotations

from types import MappingProxyType

from arabic_clean.structure._lines import join_kept, split_lines, is_blank
from arabic_clean.structure.boilerplate import Boilerplate, learn_boilerplate
from arabic_clean.structure.bylines import strip_bylines
from arabic_clean.structure.chrome import Lexicon, default_lexicon, remove_chrome
from arabic_clean.structure.dedupe import dedupe_headlines, dedupe_paragraphs
from arabic_clean.structure.fused import run_fused
from arabic_clean.structure.reasons import REASONS

__all__ = [
    "Boilerplate",
    "Lexicon",
    "PASSES_IN_ORDER",
    "REASONS",
    "clean_structure",
    "dedupe_headlines",
    "dedupe_paragraphs",
    "default_lexicon",
    "learn_boilerplate",
    "remove_chrome",
    "strip_bylines",
]


#: The structure passes by name, in the order clean_structure and the presets run them.
PASSES_IN_ORDER = MappingProxyType({f.__name__: f for f in (remove_chrome, strip_bylines, dedupe_headlines,
                                                               dedupe_paragraphs)})


def _tidy_blank_lines(text: str) -> str:
    """No blank line at either end, none doubled: what is left after deleting lines."""
    lines = split_lines(text)
    keep = [True] * len(lines)
    previous_blank = True
    for i, line in enumerate(lines):
        blank = is_blank(line)
        keep[i] = not (blank and previous_blank)
        previous_blank = blank if keep[i] else previous_blank
    for i in range(len(lines) - 1, -1, -1):
        if not keep[i]:
            continue
        if not is_blank(lines[i]):
            break
        keep[i] = False
    return join_kept(lines, keep) if not all(keep) else text


def clean_structure(text: str, *, boilerplate: Boilerplate | None = None, lexicon: Lexicon | None = None) -> str:
    """Remove chrome, then bylines, then repeated headlines and paragraphs (repeated until they
    change nothing, structure/fused.py); tidy blank lines.

    >>> page = "الرئيسية\\nسياسة\\nرياضة\\nالوزير يفتتح المعرض\\nكتب أحمد علي\\n\\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.\\n\\nجميع الحقوق محفوظة\\n"
    >>> print(clean_structure(page), end="")
    الوزير يفتتح المعرض
    <BLANKLINE>
    افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.
    """
    text = run_fused(text, [(remove_chrome, {"boilerplate": boilerplate, "lexicon": lexicon}),
                            (strip_bylines, {}), (dedupe_headlines, {}), (dedupe_paragraphs, {})])
    return _tidy_blank_lines(text)
