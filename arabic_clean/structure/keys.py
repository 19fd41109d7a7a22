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


# _NOISE without U+000A, so a whole document's lines can be keyed in one pass.
_NOISE_BUT_LF = regex.compile(r"(?V1)[[\p{Mn}\p{Cf}\p{P}\p{S}\p{Z}\s\u0640]--[\n]]+")


def line_keys(lines: list[str]) -> list[str]:
    """`[line_key(line) for line in lines]` for lines without breaks, in one regex pass.

    One pass over the joined text is several times faster than a call per line.
    (A new helper beside line_key; line_key itself is unchanged.)

    >>> line_keys(["أَمريكا: السجن", "", "امريكا السجن!"])
    ['امريكاالسجن', '', 'امريكاالسجن']
    """
    if not lines:
        return []
    # Dropping the commonest noise (U+0020) with str.replace first halves the regex's work, and
    # five str.replace calls fold letters faster than str.translate with a dict table.
    text = _NOISE_BUT_LF.sub("", "\n".join(lines).replace(" ", ""))
    for source, target in _FOLD.items():
        text = text.replace(chr(source), target)
    return text.casefold().split("\n")
