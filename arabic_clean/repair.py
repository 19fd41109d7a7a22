"""Lossless repair passes: invisible characters, whitespace, presentation forms, tatweel.

These change how text is stored, not what it says, so the ``"safe"`` preset
runs them on every document.
"""

from __future__ import annotations

import re
import unicodedata

import regex

from . import tables as T
from .charpass import CharRules
from .rules import Rewrite, Splice, Table, char_class

_PICTOGRAPH = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]")


_KNOWN_LETTERS = frozenset(T.ARABIC_LETTERS + T.ASCII_DIGITS + " ")
_KNOWN_MARKS = frozenset(T.DIACRITICS)


def _is_mark(char: str) -> bool:
    if char in _KNOWN_LETTERS:  # the usual case, without a Unicode database lookup
        return False
    return char in _KNOWN_MARKS or unicodedata.category(char)[0] == "M"


def _base_before(text: str, end: int) -> str:
    """The character before `end`, looking through combining marks to their letter.

    Marks are looked through because later passes (strip_diacritics) may delete
    them; deciding on the letter keeps the decision the same after they go.
    """
    start = end
    while start and _is_mark(text[start - 1]):
        start -= 1
    return text[start - 1] if start else ""


def _replace_invisible_run(match: re.Match[str]) -> str:
    run = match.group()
    text = match.string
    before = _base_before(text, match.start())
    after = text[match.end()] if match.end() < len(text) else ""
    between_letters = before.isalpha() and after.isalpha()
    if between_letters and T.ZWSP in run:
        return " "  # a zero-width space is a word break: deleting it would merge two words
    if between_letters and T.ZWNJ in run:
        return T.ZWNJ  # Persian morpheme boundary (می‌خواهم): meaningful, kept
    if T.ZWJ in run and before and after:
        if _PICTOGRAPH.match(before) and _PICTOGRAPH.match(after):
            return T.ZWJ  # emoji sequence (👨‍👩‍👧)
        if between_letters and not ("\u0600" <= before <= "\u08ff" or "\u0600" <= after <= "\u08ff"):
            return T.ZWJ  # Indic conjunct and chillu forms need it; Arabic words do not
    return ""


_INVISIBLE = CharRules(lambda: [
    # Most text has none of these: a hundred `in` tests are cheaper than one regex scan.
    Rewrite(char_class(T.INVISIBLE + T.ZWSP + T.ZWNJ + T.ZWJ) + "+", _replace_invisible_run,
            triggers=T.INVISIBLE + T.ZWSP + T.ZWNJ + T.ZWJ, emits=" " + T.ZWNJ + T.ZWJ, line_local=True),
])


@_INVISIBLE.attach
def remove_invisible(text: str) -> str:
    r"""Delete bidi controls, zero-width characters, soft hyphens and C0/C1 controls.

    A zero-width space between two letters becomes a space; ZWNJ between two
    letters stays (Persian); ZWJ stays inside emoji and non-Arabic conjuncts.
    Tab, newline, CR, VT, FF and U+0085 are left to `normalize_whitespace`.

    >>> remove_invisible("\u200fمرحبا\u200b\u200eبكم")
    'مرحبا بكم'
    """
    return _INVISIBLE.run(text)


_SPACE_RUN = re.compile("  +")


def _collapse_spaces(text: str) -> str:
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def _strip_line_ends(text: str) -> str:
    # After space runs are collapsed, one replace per side clears both line ends.
    if " \n" in text:
        text = text.replace(" \n", "\n")
    if "\n " in text:
        text = text.replace("\n ", "\n")
    return text


# Twins of the whitespace splices for the aligned path (arabic_clean/alignment.py): the same
# output, built from the deletions they report as (start, end, 0) spans of the input.

def _without(text: str, deletions: list[tuple[int, int, int]]) -> tuple[str, list[tuple[int, int, int]]]:
    if not deletions:
        return text, []
    pieces, done = [], 0
    for start, end, _ in deletions:
        pieces.append(text[done:start])
        done = end
    pieces.append(text[done:])
    return "".join(pieces), deletions


def _collapse_spaces_aligned(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    if "  " not in text:
        return text, []
    return _without(text, [(m.start() + 1, m.end(), 0) for m in _SPACE_RUN.finditer(text)])


# The two replaces of `_strip_line_ends` delete exactly the spaces next to a line break (of a
# run of spaces, only the one next to it).
_SPACE_BEFORE_BREAK = re.compile(" \n")
_SPACE_AFTER_BREAK = re.compile("\n ")


def _strip_line_ends_aligned(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    if " \n" not in text and "\n " not in text:
        return text, []
    spaces = {m.start() for m in _SPACE_BEFORE_BREAK.finditer(text)}
    spaces.update(m.start() + 1 for m in _SPACE_AFTER_BREAK.finditer(text))
    return _without(text, [(space, space + 1, 0) for space in sorted(spaces)])


def _trim_document_aligned(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    body_start = len(text) - len(text.lstrip(" \n"))
    if body_start == len(text):
        return _without(text, [(0, len(text), 0)] if text else [])
    body_end = len(text.rstrip(" \n"))
    deletions = [(0, body_start, 0)] if body_start else []
    kept_break = text.find("\n", body_end)  # the trailing run keeps its first line break
    if kept_break < 0:
        if body_end < len(text):
            deletions.append((body_end, len(text), 0))
    else:
        if kept_break > body_end:
            deletions.append((body_end, kept_break, 0))
        if kept_break + 1 < len(text):
            deletions.append((kept_break + 1, len(text), 0))
    return _without(text, deletions)


def _trim_document(text: str) -> str:
    if text[:1] not in (" ", "\n") and (text.endswith("\n") and text[-2:-1] not in (" ", "\n")):
        return text  # the usual case: nothing to trim, no copy
    body = text.strip(" \n")
    if not body:
        return ""
    return body + "\n" if "\n" in text[len(text.rstrip(" \n")):] else body


_WHITESPACE = CharRules(lambda: [
    Rewrite("\r\n", "\n", triggers="\r", emits="\n"),
    Table({**{c: "\n" for c in T.LINE_BREAKS}, **{c: " " for c in T.SPACES}}),
    Splice(_collapse_spaces, aligned=_collapse_spaces_aligned),
    Splice(_strip_line_ends, triggers="\n", aligned=_strip_line_ends_aligned),
    Rewrite("\n\n\n+", "\n\n", triggers="\n"),
    Splice(_trim_document, aligned=_trim_document_aligned),
])


@_WHITESPACE.attach
def normalize_whitespace(text: str) -> str:
    r"""Unify spaces and line breaks, keeping paragraphs.

    No-break and typographic spaces and tabs become one space; CRLF, CR,
    VT, FF, U+0085, U+2028 and U+2029 become ``\n``; spaces at both ends of
    a line go; three or more line breaks become one blank line. Leading blank
    lines go, and trailing ones shrink to a single final newline.

    >>> normalize_whitespace("قال\u00a0الوزير  \r\n\r\n\r\nإن")
    'قال الوزير\n\nإن'
    """
    return _WHITESPACE.run(text)


_PRESENTATION = CharRules(lambda: [Table(T.PRESENTATION_FORMS)])


@_PRESENTATION.attach
def fold_presentation_forms(text: str) -> str:
    """Fold Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) to base letters.

    U+FDFC RIAL SIGN becomes ريال with Arabic yeh; U+FDFD bismillah is spelled
    out. Latin ligatures, fullwidth forms and everything else stay as they are.

    >>> fold_presentation_forms("ﻻ ﺇﻟﻪ ﺇﻻ ﷲ")
    'لا إله إلا الله'
    """
    return _PRESENTATION.run(text)


_ELONGATING = frozenset(T.DUAL_JOINING.replace(T.TATWEEL, ""))
_ARABIC_LETTERS_AND_MARKS = frozenset(T.ARABIC_LETTERS + T.DIACRITICS)


def _is_kashida(before: str, after: str) -> bool:
    """Elongation: after a letter that joins onward, and not marking a prefix.

    ``بـ140`` and ``الـCNN`` attach an Arabic prefix to a number or a foreign
    word; that tatweel carries the word boundary, so it stays.
    """
    if before not in _ELONGATING:
        return False
    return not (after.isalnum() and after not in _ARABIC_LETTERS_AND_MARKS)


def _only_marks(piece: str) -> bool:
    if piece and piece[0] in _KNOWN_LETTERS:
        return False
    return all(_is_mark(c) for c in piece)


def _last_base(piece: str) -> str:
    if piece and piece[-1] in _KNOWN_LETTERS:
        return piece[-1]
    end = len(piece)
    while end and _is_mark(piece[end - 1]):
        end -= 1
    return piece[end - 1] if end else ""


def _first_base(piece: str) -> str:
    if piece and piece[0] in _KNOWN_LETTERS:
        return piece[0]
    for char in piece:
        if not _is_mark(char):
            return char
    return ""


_ARABIC_OR_SPACE = frozenset(T.ARABIC_LETTERS + " ")


def _drop_kashida(text: str) -> str:
    # Split on tatweel and decide per group of runs. Runs separated only by
    # combining marks (ـَـ) form one group, and the letters around a group are
    # found by looking through marks, so the decision is the same whether
    # strip_diacritics removed the marks first or not: that lets a pipeline
    # delete diacritics and map letters in one fused table.
    pieces = text.split(T.TATWEEL)
    last = len(pieces) - 1
    out = [pieces[0]]
    i = 1
    while i <= last:
        piece = pieces[i]
        if piece and piece[0] in _ARABIC_OR_SPACE and pieces[i - 1][-1:] in _ELONGATING:
            out.append(piece)  # the usual kashida: one tatweel between two letters
            i += 1
            continue
        j = i
        while j < last and _only_marks(pieces[j]):  # empty pieces: the run goes on
            j += 1
        if _is_kashida(_last_base(pieces[i - 1]), _first_base(pieces[j])):
            out.extend(pieces[i:j + 1])
        else:
            for k in range(i, j + 1):
                out.append(T.TATWEEL)
                out.append(pieces[k])
        i = j + 1
    return "".join(out)


def _drop_kashida_aligned(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """`_drop_kashida` for the aligned path: the same decisions, as deletions of tatweels."""
    if T.TATWEEL not in text:
        return text, []
    pieces = text.split(T.TATWEEL)
    where = [0]  # where[k]: the position of the tatweel before pieces[k]
    for piece in pieces[:-1]:
        where.append(where[-1] + len(piece) + (1 if len(where) > 1 else 0))
    last = len(pieces) - 1
    deletions = []
    i = 1
    while i <= last:
        piece = pieces[i]
        if piece and piece[0] in _ARABIC_OR_SPACE and pieces[i - 1][-1:] in _ELONGATING:
            deletions.append((where[i], where[i] + 1, 0))
            i += 1
            continue
        j = i
        while j < last and _only_marks(pieces[j]):
            j += 1
        if _is_kashida(_last_base(pieces[i - 1]), _first_base(pieces[j])):
            deletions.extend((where[k], where[k] + 1, 0) for k in range(i, j + 1))
        i = j + 1
    return _without(text, deletions)


_TATWEEL = CharRules(lambda: [
    Splice(_drop_kashida, triggers=T.TATWEEL, emits="", ignores=T.DIACRITICS, line_local=True,
           aligned=_drop_kashida_aligned),
])


@_TATWEEL.attach
def strip_tatweel(text: str) -> str:
    """Remove tatweel (U+0640) that elongates a letter.

    A tatweel counts as elongation when it follows a letter that joins to the
    next one (marks on the letter do not matter). Anywhere else (between spaces, after
    a non-joining letter such as ة or ا, at the start of a line) it is a dash
    and stays, so ``القاهرة ـ قال`` keeps its separator and no words merge.
    Before a number or a Latin word (``بـ140``, ``الـCNN``) it marks where an
    Arabic prefix ends, and stays too.

    >>> strip_tatweel("الســـلام في القاهرة ـ قال")
    'السلام في القاهرة ـ قال'
    """
    return _TATWEEL.run(text)
