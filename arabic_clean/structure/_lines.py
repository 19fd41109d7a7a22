"""Line plumbing shared by the structure passes: split with terminators kept, rejoin, tidy blanks.

Every structure pass deletes whole lines. Keeping each line's own terminator (CRLF, LF or CR)
means a pass never rewrites the text it keeps, so its output is literally a subsequence of
the input's lines, even on raw CRLF input.
"""

from __future__ import annotations

import re

import regex

# The line breaks the evaluation data splits on (README: re.split(r'\r\n|\n|\r')).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")
# Blank = nothing but spaces, format characters (LRM/RLM U+200E/U+200F, BOM U+FEFF, ZWSP
# U+200B) and NUL once stripped: the labelling guide's definition.
_BLANK = regex.compile(r"[\s\p{Cf}\x00]*")


def split_lines(text: str) -> list[str]:
    """Lines of `text`, each with its own terminator; joining them gives `text` back.

    >>> split_lines("عنوان\\r\\nنص\\nآخر")
    ['عنوان\\r\\n', 'نص\\n', 'آخر']
    """
    if "\r" in text:
        return _LINE.findall(text)
    lines = text.split("\n")  # the common case, about four times faster than the regex
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def content(line: str) -> str:
    """The line without its terminator and surrounding spaces."""
    return line.strip()


def is_blank(line: str) -> bool:
    return _BLANK.fullmatch(line) is not None


# Characters that can never be part of a blank line (letters, digits, common punctuation): a line
# whose content starts with one is not blank, without a regex call.
_FILLED_STARTS = frozenset(
    "".join(map(chr, range(0x0621, 0x064B))) + "".join(map(chr, range(0x0660, 0x06D4)))
    + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»،؛؟…–—“”‘’•©"
)
_BARE_BREAKS = frozenset(("\n", "\r\n", "\r", ""))


def blank_flags(lines: list[str], contents: list[str]) -> list[bool]:
    """`[is_blank(line) for line in lines]`, given each line's `content`; most lines need no regex.

    >>> blank_flags(["عنوان\\n", "\\n", " \\u200f\\n", "\\x1c\\n"], ["عنوان", "", "\\u200f", ""])
    [False, True, True, False]
    """
    # A line with no content is all spaces (to str.strip): blank unless it holds U+001C..U+001F,
    # which the regex does not count as spaces. Most are a bare break, found without the regex
    # (hashing such a line costs no more than the regex would).
    return [(line in _BARE_BREAKS or is_blank(line)) if not text else False if text[:1] in _FILLED_STARTS else is_blank(line)
            for line, text in zip(lines, contents)]


def join_kept(lines: list[str], keep: list[bool]) -> str:
    """Rejoin the kept lines; when something was dropped, tidy the blank lines around it.

    Blank lines at the start or end, and a blank line right after another kept blank line,
    are dropped too: deleting a menu must not leave a hole of three blank lines. When nothing
    was dropped the text comes back unchanged, so a clean document is never touched.
    """
    if all(keep):
        return "".join(lines)
    out: list[str] = []
    previous_blank = True  # drop leading blank lines
    for line, kept in zip(lines, keep):
        if not kept:
            continue
        blank = is_blank(line)
        if blank and previous_blank:
            continue
        out.append(line)
        previous_blank = blank
    while out and is_blank(out[-1]):
        out.pop()
    return "".join(out)


def tidy_kept(order: list[int], keep: list[bool], blank: list[bool]) -> list[int]:
    """`join_kept` on line numbers: the numbers in `order` whose lines `join_kept` would keep.

    `keep[k]` says whether line `order[k]` is kept; `blank[i]` is `is_blank` of line `i`. Passes
    that delete lines over several rounds split the text once and carry these numbers along.

    >>> tidy_kept([0, 1, 2, 3, 4], [True, False, True, True, True], [False, False, True, True, False])
    [0, 2, 4]
    """
    if all(keep):
        return order
    out: list[int] = []
    previous_blank = True
    for i, kept in zip(order, keep):
        if not kept:
            continue
        is_blank_line = blank[i]
        if is_blank_line and previous_blank:
            continue
        out.append(i)
        previous_blank = is_blank_line
    while out and blank[out[-1]]:
        out.pop()
    return out


def rejoins_apart(lines: list[str], order: list[int]) -> bool:
    """Whether the lines `order` picks, joined, split back into the same lines.

    They do unless a line ending in a lone CR comes right before a bare LF line: joined, the two
    make one CRLF line. Passes that carry line numbers across rounds re-split the text then, so
    that every round sees exactly the lines of the text the previous round returned.

    >>> rejoins_apart(["أ\\r", "ب\\n", "\\n"], [0, 2]), rejoins_apart(["أ\\r", "ب\\n", "\\n"], [0, 1, 2])
    (False, True)
    """
    return not any(lines[a].endswith("\r") and lines[b] == "\n" for a, b in zip(order, order[1:]))


def rejoined_origin(lines: list[str], order: list[int], origin: list[int] | None) -> list[int]:
    """For each line of `"".join(lines[i] for i in order)` split again, its input line number.

    `origin[i]` is the input line number of `lines[i]` (None: `lines` are the input's lines). A
    line ending in a lone CR joined with a bare LF line after it is one line: the CR line's.

    >>> rejoined_origin(["أ\\r", "ب\\n", "\\n"], [0, 2], None)
    [0]
    """
    out: list[int] = []
    merged = False
    for a, b in zip(order, [*order[1:], None]):
        if merged:
            merged = False
            continue
        out.append(a if origin is None else origin[a])
        merged = b is not None and lines[a].endswith("\r") and lines[b] == "\n"
    return out


def kept_without_growth(blank: list[bool], drop: set[int]) -> list[int]:
    """The numbers of the lines that stay when `drop` goes, without letting blank runs grow.

    A run of blank lines in the output may be made of several original runs that a removal
    brought together. It keeps as many lines as its longest original part; at the start or end of
    the document it keeps only a part that was already at the start or end. Removing the title
    from "A, blank, T, blank, B" therefore leaves "A, blank, B", and removing the first lines of a
    document never leaves it opening with a blank line. `blank[i]` is `is_blank` of line `i`.

    >>> kept_without_growth([False, True, False, True, False], {2})
    [0, 1, 4]
    """
    real = len(blank)
    kept: list[int] = []
    blank_run: list[list[int]] = []  # parts (each a list of indices) of the current blank run
    seam = False  # a removed line since the last kept line
    seen_text = False

    def flush(at_end: bool) -> None:
        if not blank_run:
            return
        if not seen_text:
            first = blank_run[0]
            allowed = len(first) if first[0] == 0 else 0
        elif at_end:
            last = blank_run[-1]
            allowed = len(last) if last[-1] == real - 1 else 0
        else:
            allowed = max(len(part) for part in blank_run)
        run = [i for part in blank_run for i in part]
        kept.extend(run[:allowed])
        blank_run.clear()

    for i in range(real):
        if i in drop:
            seam = True
            continue
        if blank[i]:
            if seam or not blank_run:
                blank_run.append([])
            blank_run[-1].append(i)
        else:
            flush(at_end=False)
            kept.append(i)
            seen_text = True
        seam = False
    flush(at_end=True)
    return kept
