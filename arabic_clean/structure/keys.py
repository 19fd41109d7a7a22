"""Comparison keys for lines: equal keys mean "the same line, differently dressed"."""

from __future__ import annotations

import regex

# Marks (harakat, Quranic marks, U+0670), tatweel U+0640, punctuation, symbols and every
# kind of space are noise when two copies of a headline are compared.
_NOISE = regex.compile(r"[\p{Mn}\p{Cf}\p{P}\p{S}\p{Z}\s\u0640]+")
# Letters that scrapers and sites spell inconsistently: alef with hamza/madda/wasla
# (U+0622 U+0623 U+0625 U+0671) -> U+0627, alef maqsura U+0649 -> yeh U+064A,
# teh marbuta U+0629 -> heh U+0647.
_FOLD = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627",
                       "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"})


def line_key(text: str) -> str:
    """A key that ignores diacritics, tatweel, alef variants, punctuation, case and spacing.

    >>> line_key("أَمريكا: السجن 8 سنوات") == line_key("امريكا السجن 8 سنوات!")
    True
    """
    return _NOISE.sub("", text).translate(_FOLD).casefold()
