"""Repair mojibake in Arabic text: UTF-8 read through a single-byte code page, and legacy
windows-1256 bytes read as latin-1/windows-1252. ftfy, conservatively configured, handles the rest.

How a repair is decided (per line, lines are independent):

1. Fast path: one compiled regex (`MOJIBAKE_MARKER`) looks for the only traces mojibake leaves:
   a UTF-8 lead character followed by a continuation character that cannot end a word (``ط§``,
   ``Ø§``, ``â€œ``), or two adjacent Western letters that stand for windows-1256 Arabic
   (``Çá``). A text without a marker is returned unchanged without further work.
2. UTF-8 units: a lead character plus its continuation characters whose bytes (in the union of
   windows-1256, windows-1252 and latin-1, which never disagree on a character) decode as one
   UTF-8 character of Arabic text or common punctuation. Units separated only by ASCII form a
   span. A span is repaired only on evidence: at least two units, at least one whose
   continuation is not a word-final character, a first unit not glued to a preceding letter.
   It is repaired word by word (after repairing a second layer, for text decoded twice): a word
   whose letters come out Arabic-script, with no fragment of mojibake glued to it, or not at
   all; the span needs an Arabic word of two letters. An Arabic lead glued to a unit without a
   continuation of its own lost a byte (soft hyphen, NBSP, a C1 control): it is completed when
   exactly one lost byte makes a character allowed there, and otherwise its word stays broken.
3. Legacy: whitespace-separated words made only of Western letters that windows-1256 puts on
   Arabic letters (``ÇáÚÑÈíÉ``). A line is converted when such words carry enough Arabic letters,
   outnumber the other non-ASCII words, and read as well-formed Arabic (harakat follow letters;
   TEH MARBUTA and ALEF MAKSURA end words).
4. ftfy with `FTFY_CONFIG`, word by word, on words that still show a marker (Latin-script
   mojibake); kept only where it is a UTF-8 decoding of the word's Western runs.
5. Invisible characters (those `remove_invisible` deletes: C0/C1 controls, bidi marks, zero-width
   characters, soft hyphen, BOM) inside a span would hide it ('Â\x1f¡', 'ط\u200f§'). The marker
   also fires where deleting them would make a marker, and steps 2-4 run on the line with them
   taken out: first those that are never a byte of mojibake, then, if any remain, all of them
   (soft hyphens and C1 controls are bytes where they complete a unit: 'Ù\x81' is FEH). Taken-out
   characters inside a repaired stretch are dropped; all others come back where they were. So
   `remove_invisible` after `fix_mojibake` reveals no mojibake a second `fix_mojibake` would
   repair.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import deque
from collections.abc import Callable
from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

from .. import tables as chars
from . import tables

# Names of what was repaired, as reported by `explain_mojibake`.
UTF8_AS_WINDOWS_1256 = "utf8_read_as_windows_1256"
UTF8_AS_WINDOWS_1252 = "utf8_read_as_windows_1252"
UTF8_AS_LATIN_1 = "utf8_read_as_latin_1"
UTF8_DECODED_TWICE = "utf8_decoded_twice"
WINDOWS_1256_AS_WESTERN = "windows_1256_read_as_latin_1_or_windows_1252"
FTFY_FIX = "ftfy_fix_encoding"
# Prefix of the explanation of a lost byte put back: 'lost_byte_inferred: Ù+0x81=ف'.
LOST_BYTE_INFERRED = "lost_byte_inferred"

# ftfy takes ~40 ms to import and most lines never reach it: `_ftfy` imports it on first use.
# `FTFY_CONFIG` (a module attribute, through `__getattr__`) is ftfy.TextFixerConfig(**these).
_FTFY_OPTIONS = dict(
    unescape_html=False,  # entities are `unescape_html`'s job, decided on the whole input
    remove_terminal_escapes=False,  # deleting ANSI escapes is not encoding repair
    fix_encoding=True,  # the point: Latin-script UTF-8 read as latin-1/windows-1252
    restore_byte_a0=False,  # guesses: reads the space after a damaged emoji as 0xA0 ('âŒ ' -> '⌠')
    replace_lossy_sequences=False,  # writes U+FFFD over text instead of repairing it
    decode_inconsistent_utf8=True,  # broken spans inside otherwise correct text
    fix_c1_controls=False,  # turning U+0080..U+009F into windows-1252 punctuation is a guess
    fix_latin_ligatures=False,  # ﬁ -> fi is normalization, not repair
    fix_character_width=False,  # fullwidth -> ASCII is normalization, not repair
    uncurl_quotes=False,  # normalization; also destroys „ inside windows-1256 mojibake
    fix_line_breaks=False,  # CRLF and U+2028 belong to the whitespace pass
    fix_surrogates=False,  # surrogates belong to the control-character pass, on every line
    remove_control_chars=False,  # deletion belongs to the control-character pass
    normalization=None,  # no NFC/NFKC: normalization is chosen by preset, elsewhere
    explain=False,  # we report our own step names
)


@lru_cache(maxsize=1)
def _ftfy() -> tuple[ModuleType, object]:
    import ftfy

    return ftfy, ftfy.TextFixerConfig(**_FTFY_OPTIONS)


def __getattr__(name: str) -> object:
    if name == "FTFY_CONFIG":
        return _ftfy()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# (start, end, length): a repair step replaced its input's [start:end] by `length` characters.
Edit = tuple[int, int, int]
# Where the characters of a repaired text came from: (start, size) pieces in order, each the
# text[start:start + size] of the text repaired, or (-1, size) for characters a repair wrote.
Origin = list[tuple[int, int]]
# A repair of one line that carries an `Origin` over its changes when given one.
Repair = Callable[[str, "Origin | None"], str]

# A double (or triple) decode is undone one layer per recursion step.
_MAX_LAYERS = 3
# A line is re-fixed until it stops changing, at most this often (each pass shortens it).
_MAX_PASSES = 4


def _char_class(chars: str | frozenset[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


def _on_bytes(byte_range: range) -> str:
    return _char_class(tables.chars_on_bytes(byte_range, tables.MOJIBAKE_TO_BYTE))


_LEAD = _on_bytes(range(0xC2, 0xF5))
_LEAD_3 = _on_bytes(tables.UTF8_LEAD_3)
_CONTINUATION_CHARS = tables.chars_on_bytes(tables.UTF8_CONTINUATION, tables.MOJIBAKE_TO_BYTE)
_CONTINUATION = _char_class(_CONTINUATION_CHARS)
_STRONG_CONTINUATION_CHARS = frozenset(_CONTINUATION_CHARS) - tables.WORD_END_CONTINUATIONS
_STRONG_CONTINUATION = _char_class(_STRONG_CONTINUATION_CHARS)
# Latin-1 letters on UTF-8 lead bytes (Â..ô): the leads of the Latin-script mojibake ftfy fixes.
_WESTERN_LEAD = _char_class(
    tables.chars_on_bytes(range(0xC2, 0xF5), tables.WESTERN_TO_BYTE)
)
_LEGACY_LETTER = _char_class(frozenset(tables.LEGACY_LETTER_TO_ARABIC))

UTF8_UNIT = re.compile(
    f"{_on_bytes(tables.UTF8_LEAD_2)}{_CONTINUATION}"
    f"|{_LEAD_3}{_CONTINUATION}{{2}}"
    f"|{_on_bytes(tables.UTF8_LEAD_4)}{_CONTINUATION}{{3}}"
)
# Characters `remove_invisible` (arabic_clean/repair.py) deletes or rewrites: C0/C1 controls,
# bidi marks, zero-width characters, soft hyphen, BOM ... (arabic_clean/tables.py INVISIBLE, ZWSP,
# ZWNJ, ZWJ). One inside a mojibake span hides the span; deleting it later would reveal it.
_INVISIBLE_CHARS = frozenset(chars.INVISIBLE + chars.ZWSP + chars.ZWNJ + chars.ZWJ)
# Those that are never a byte of UTF-8 mojibake: C0 controls and DEL are ASCII, LRM and RLM sit on
# windows-1256 bytes 0xFD 0xFE that UTF-8 never uses, the rest are on no byte of the three pages.
# The others (soft hyphen 0xAD, C1 controls, ZWNJ 0x9D, ZWJ 0x9E) are continuation bytes where a
# lead precedes them (FEH is D9 81, read as 'Ù' + U+0081), and garbage only where none does.
_HIDING_CHARS = _INVISIBLE_CHARS - frozenset(_CONTINUATION_CHARS)
_INVISIBLE = _char_class(_INVISIBLE_CHARS)
# Spelled 'x x*', not 'x+': a pattern that starts with a plain class is scanned with the regex
# engine's fast charset prefix (a line without invisible characters costs one quick pass).
_INVISIBLE_RUN = re.compile(f"{_INVISIBLE}{_INVISIBLE}*")
_HIDING_RUN = re.compile(f"{_char_class(_HIDING_CHARS)}{_char_class(_HIDING_CHARS)}*")

# The marks mojibake leaves and clean text does not. Each alternative starts at a continuation
# character after a lead: (1) a Latin-1 lead (Ã©, Ø§: no Arabic letter is one), (2) a lead of any
# reading followed by the next unit's lead (ط§ظ„: Arabic words are two units or more, while a
# clean word ending in ع before ” is followed by space or punctuation), (3) a three-byte lead
# followed by its second continuation (â€œ), (4) a unit standing alone as a word (ظ€ for a
# dash); or (5) at two letters that windows-1256 puts on Arabic (Çá); or (6) at a run of
# characters `remove_invisible` deletes, standing between a lead and a continuation that is no
# word ending, between such a continuation and a lead or continuation, or between two legacy
# letters: deleting the run would make one of (1)-(5) (Â\x1f¡, ط\u200f§).
# The pattern starts with one character class, so the regex engine scans with its fast
# charset prefix; clean Arabic, French, German ... text rarely stops the scan. (1)-(4) share the
# test for a lead before the continuation, so a stop in clean text ('«' after a space) costs
# one failed look-behind for them, one for (5) and one for (6).
_AFTER_LATIN_LEAD = f"(?<={_WESTERN_LEAD}{_STRONG_CONTINUATION})"
_INSIDE_THREE_BYTES = f"(?<={_LEAD_3}{_STRONG_CONTINUATION})(?={_CONTINUATION})"
_AFTER_LEAD = (
    f"(?<={_LEAD}{_STRONG_CONTINUATION})"
    f"(?:{_AFTER_LATIN_LEAD}|(?={_LEAD})|{_INSIDE_THREE_BYTES}|(?<!\\w..)(?!\\w))"
)
_LEGACY_PAIR = f"(?<={_LEGACY_LETTER}{_LEGACY_LETTER})"
_HIDDEN = (
    f"(?<={_INVISIBLE})(?:"
    f"(?<={_LEAD}{_INVISIBLE})(?={_INVISIBLE}*{_STRONG_CONTINUATION})"
    f"|(?<={_STRONG_CONTINUATION}{_INVISIBLE})(?={_INVISIBLE}*(?:{_LEAD}|{_CONTINUATION}))"
    f"|(?<={_LEGACY_LETTER}{_INVISIBLE})(?={_INVISIBLE}*{_LEGACY_LETTER}))"
)
MOJIBAKE_MARKER = re.compile(
    _char_class(
        _STRONG_CONTINUATION_CHARS | frozenset(tables.LEGACY_LETTER_TO_ARABIC) | _INVISIBLE_CHARS
    )
    + f"(?:{_AFTER_LEAD}|{_LEGACY_PAIR}|{_HIDDEN})"
)
# Lines worth handing to ftfy: it knows Latin-script mojibake, and nothing about Arabic letters.
_FTFY_MARKER = re.compile(
    _STRONG_CONTINUATION + f"(?:{_AFTER_LATIN_LEAD}|{_INSIDE_THREE_BYTES})"
)
_LEGACY_MARKER = re.compile(_LEGACY_LETTER + _LEGACY_PAIR)
_LEGACY_LETTER_ANYWHERE = re.compile(_LEGACY_LETTER)


def fix_mojibake(text: str) -> str:
    r"""Repair Arabic (and Latin) mojibake; leave every clean line byte-identical.

    >>> fix_mojibake("ط§ظ„ط¹ط±ط¨ظٹط©")
    'العربية'
    >>> fix_mojibake("ط§ظ„ط¹\u200fط±ط¨ظٹط©")  # an RLM among the broken bytes goes with them
    'العربية'
    >>> fix_mojibake("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©")
    'العربية'
    >>> fix_mojibake("ÇáÚÑÈíÉ ÇáÓÚæÏíÉ")
    'العربية السعودية'
    >>> fix_mojibake("اللغة العربية، café «Ø»")
    'اللغة العربية، café «Ø»'
    """
    return _fix_and_explain(text)[0]


def explain_mojibake(text: str) -> list[str]:
    """The names of the repairs `fix_mojibake` applies to `text`, sorted; [] when it is clean.

    >>> explain_mojibake("ط§ظ„ط¹ط±ط¨ظٹط©")
    ['utf8_read_as_windows_1256']
    >>> explain_mojibake("العربية")
    []
    """
    return sorted(_fix_and_explain(text)[1])


#: Pipeline.explain asks a pass for the details of what it did through this attribute.
fix_mojibake.explain = explain_mojibake  # type: ignore[attr-defined]


def _fix_and_explain(text: str) -> tuple[str, set[str]]:
    match = MOJIBAKE_MARKER.search(text)
    if match is None:
        return text, set()
    kinds: set[str] = set()
    pieces: list[str] = []
    done = 0
    while match is not None:
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if line_end == -1:
            line_end = len(text)
        pieces.append(text[done:line_start])
        pieces.append(_fix_line(text[line_start:line_end], kinds))
        done = line_end
        match = MOJIBAKE_MARKER.search(text, done)
    pieces.append(text[done:])
    fixed = "".join(pieces)
    if WINDOWS_1256_AS_WESTERN in kinds:
        fixed = _repair_short_legacy_lines(fixed, kinds)
    return fixed, kinds


def _fix_line(line: str, kinds: set[str]) -> str:
    fixed = _fix_whole_line(line, kinds)
    if "\x85" in fixed:
        # U+0085 that no UTF-8 repair took as a byte: normalize_whitespace makes it a line break,
        # and a second run sees each side as a line of its own: decide on their UTF-8 units as
        # such now. (Not on legacy words: in a legacy line U+0085 is the windows-1256 ellipsis.)
        def repair_utf8(text: str, origin: Origin | None) -> str:
            edits: list[Edit] | None = None if origin is None else []
            repaired = _repair_utf8(text, 0, kinds, edits)
            _follow(origin, edits)
            return repaired

        fixed = "\x85".join(_repair_hidden(part, repair_utf8) for part in fixed.split("\x85"))
    if "\u00a0" in fixed:
        fixed = _fix_as_spaced(fixed, kinds)
    return fixed


def _fix_as_spaced(line: str, kinds: set[str]) -> str:
    """`line` repaired as if its NBSPs were spaces, which normalize_whitespace makes them; the
    NBSPs outside the repairs stay. An NBSP no repair took as a byte ('آ\xa0' is U+00A0 in a
    windows-1256 reading) must not keep a word from being repaired on this run only. The NBSPs
    stand in as an ASCII space the line does not hold (TAB, VT or FF), every step's word break."""
    stand_in = next((space for space in "\t\v\f" if space not in line), None)
    if stand_in is None:
        return line
    view = line.replace("\u00a0", stand_in)
    repaired = _fix_whole_line(view, kinds)
    return line if repaired == view else repaired.replace(stand_in, "\u00a0")


def _fix_whole_line(line: str, kinds: set[str]) -> str:
    if _INVISIBLE_RUN.search(line) is None:  # the usual line: nothing hidden
        fixed = _fix_visible(line, kinds)
        if fixed is line or _INVISIBLE_RUN.search(fixed) is None:
            return fixed
        line = fixed  # the repair wrote an invisible character ('Ø\x9c' is U+061C)

    def repair(text: str, origin: Origin | None) -> str:
        return _fix_visible(text, kinds, origin)

    return _repair_hidden(line, repair)


def _fix_visible(line: str, kinds: set[str], origin: Origin | None = None) -> str:
    """Repair `line` as it stands; `origin`, when given, is carried over every change made."""
    for _ in range(_MAX_PASSES):
        edits: list[Edit] | None = None if origin is None else []
        fixed = _repair_utf8(line, 0, kinds, edits)
        _follow(origin, edits)
        if _LEGACY_MARKER.search(fixed):
            fixed = _repair_legacy(fixed, kinds, edits=edits)
            _follow(origin, edits)
        if _FTFY_MARKER.search(fixed):
            fixed = _fix_with_ftfy(fixed, kinds, edits)
            _follow(origin, edits)
        if fixed == line:
            break
        line = fixed
    return line


# Where ftfy sees one word: split at ASCII spaces, and at NBSP unless a UTF-8 lead stands before
# it ('Ã\xa0' is à). A leading NBSP must not change ftfy's mind: '\xa0Ã©' is '\xa0é' as 'Ã©' is 'é'.
_FTFY_WORD = re.compile(f"(?:[^ \t\n\r\f\v\u00a0]|(?<={_WESTERN_LEAD})\u00a0)+")
_HIGH_WESTERN_RUN = re.compile(
    _char_class(tables.chars_on_bytes(range(0x80, 0x100), tables.WESTERN_TO_BYTE)) + "+"
)
# Signs that stand on their own around a word ('«cafÃ©»', '25Â°'): no part of a broken sequence.
_STANDALONE_SIGNS = "\u00a0\u00ab\u00bb\u00a1\u00bf\u00b0\u00b7\u00a7\u00b6"


# A quoted string of at most four characters, alone in its word ('"Ã©",', "('â€™')").
_QUOTED_SAMPLE = re.compile("""[\\[({,=]*(["'`])[^"'`\\s]{1,4}\\1[\\])},;:]*""")


def _fix_with_ftfy(line: str, kinds: set[str], edits: list[Edit] | None) -> str:
    """ftfy, word by word, on the words of `line` that show Latin mojibake; refused where
    unsound (`_ftfy_is_sound`) or where it would add or remove Arabic (repairs that produce
    Arabic are decided by Arabic evidence; ftfy reads the diameter tolerance 'Ø±0.1' as REH)."""
    pieces: list[str] = []
    done = 0
    for match in _FTFY_WORD.finditer(line):
        word = match.group()
        if _FTFY_MARKER.search(word) is None:
            continue
        ftfy, config = _ftfy()
        fixed = ftfy.fix_text(word, config=config)
        if fixed == word or _arabic_script_count(fixed) != _arabic_script_count(word):
            continue
        if _QUOTED_SAMPLE.fullmatch(word):
            continue  # '["Ã©",' in code that lists mojibake: a sample, not text
        if not _ftfy_is_sound(word) or fixed not in _utf8_decodings(word):
            continue
        kinds.add(FTFY_FIX)
        pieces.append(line[done : match.start()])
        pieces.append(fixed)
        done = match.end()
        if edits is not None:
            edits.append((match.start(), match.end(), len(fixed)))
    if not pieces:
        return line
    pieces.append(line[done:])
    return "".join(pieces)


def _arabic_script_count(text: str) -> int:
    return sum(tables.is_arabic_script(char) for char in text)


def _utf8_decodings(word: str) -> list[str]:
    """`word` with every run of Western high characters that is UTF-8 decoded, once, twice and
    three times: what ftfy may make of it. Anything else ftfy does (C1 controls read as
    windows-1252 punctuation, a guessed byte) is a guess, not a decoding.

    >>> _utf8_decodings("ÃƒÂ©tÃ©")
    ['Ã©té', 'été']
    """
    found = []
    for _ in range(_MAX_LAYERS):
        decoded = _HIGH_WESTERN_RUN.sub(_decode_run, word)
        if decoded == word:
            break
        found.append(decoded)
        word = decoded
    return found


def _decode_run(run: re.Match[str]) -> str:
    """A run of Western high characters UTF-8 decoded whole, or else without the signs that
    stand alone at its ends ('Ã©»' is 'é»'); unchanged when neither decodes."""
    text = run.group()
    core = text.strip(_STANDALONE_SIGNS)
    for head, middle in (("", text), (text[: text.find(core)], core)):
        if not middle:
            continue
        try:
            decoded = bytes(tables.WESTERN_TO_BYTE[char] for char in middle).decode("utf-8")
        except UnicodeDecodeError:
            continue
        return head + decoded + text[len(head) + len(middle) :]
    return text


def _ftfy_is_sound(word: str) -> bool:
    """False when a run of Western high characters in `word` is not one UTF-8 text but holds
    a piece that is: ftfy would decode the piece and leave garbage glued to it. CP949 Korean
    read as latin-1 ('¾È³çÇÏ¼¼¿ä') holds 'Ï¼' (U+03FC), Shift-JIS ('‚Ìƒ') holds 'Ìƒ'.
    Signs that stand alone next to a word ('«', '°') are looked past.

    >>> _ftfy_is_sound("cafÃ©»"), _ftfy_is_sound("¾È³çÇÏ¼¼¿ä")
    (True, False)
    """
    for run in _HIGH_WESTERN_RUN.finditer(word):
        if _decode_run(run) == run.group() and any(
            _decode_unit(unit.group()) for unit in UTF8_UNIT.finditer(run.group())
        ):
            return False
    return True


# --- Mojibake hidden by invisible characters ---------------------------------------------------


def _repair_hidden(line: str, repair: Repair) -> str:
    """`repair` on `line` as if its invisible characters were absent, in two steps.

    First only the characters that are never a byte of mojibake go (a soft hyphen or C1 control
    may still complete a unit: 'Ù\x81' is FEH); then, if any remain, all that `remove_invisible`
    deletes, so that deleting them later reveals no mojibake. What comes back can still change
    a repair's mind (ftfy reads a C1 control put back beside a word it fixed as windows-1252; a
    repair can write one itself: 'Ø\x9c' is U+061C ARABIC LETTER MARK), so a line that changed
    and still holds an invisible character is repaired again until it stops changing.
    """
    for _ in range(_MAX_PASSES):
        if _INVISIBLE_RUN.search(line) is None:  # the usual line: nothing hidden
            fixed = repair(line, None)
        else:
            fixed = _repair_through(line, _HIDING_RUN, repair)
            if _INVISIBLE_RUN.search(fixed) is not None:
                fixed = _repair_through(fixed, _INVISIBLE_RUN, repair)
        if fixed == line or _INVISIBLE_RUN.search(fixed) is None:
            return fixed
        line = fixed
    return line


def _repair_through(line: str, invisible_run: re.Pattern[str], repair: Repair) -> str:
    """`repair` on `line` with the runs `invisible_run` matches taken out, then put back.

    A run inside a repaired stretch (both of its neighbours rewritten) was garbage among broken
    bytes and is dropped; every other run stays where it was, next to the same characters. Where
    `remove_invisible` would leave a character for the run (a space for a ZERO WIDTH SPACE between
    letters, ZWNJ between letters), the repair sees that character, and where it is not
    rewritten the run itself comes back.
    """
    runs: dict[int, str] = {}  # index in `visible` -> the run before it, or the run it stands for
    stand_ins: set[int] = set()  # the indexes in `runs` that stand for their run
    pieces: list[str] = []
    done = visible_length = 0
    for match in invisible_run.finditer(line):
        pieces.append(line[done : match.start()])
        visible_length += match.start() - done
        done = match.end()
        runs[visible_length] = match.group()
        left = _left_by_remove_invisible(line, match.start(), done)
        if left:
            pieces.append(left)
            stand_ins.add(visible_length)
            visible_length += 1
    if not runs:
        return repair(line, None)
    pieces.append(line[done:])
    visible = "".join(pieces)
    origin: Origin = [(0, len(visible))]
    repaired = repair(visible, origin)
    if repaired == visible:
        return line
    positions = list(runs)  # in increasing order
    kept = [(start, size) for start, size in origin if start >= 0]
    kept_starts = {start for start, _ in kept}
    out: list[str] = []
    if 0 not in kept_starts and 0 not in stand_ins:
        out.append(runs.get(0, ""))  # before the first repair
    cursor = 0  # in `repaired`
    for start, size in origin:
        if start < 0:
            out.append(repaired[cursor : cursor + size])
            cursor += size
            continue
        cursor += size
        end = start + size
        index = bisect.bisect_left(positions, start)
        copied = start
        while index < len(positions) and positions[index] < end:
            position = positions[index]
            out.append(visible[copied:position])
            out.append(runs[position])
            copied = position + 1 if position in stand_ins else position
            index += 1
        out.append(visible[copied:end])
        if end not in kept_starts and end not in stand_ins:
            out.append(runs.get(end, ""))  # the next character was rewritten: the run stays here
    if not kept or kept[-1][0] + kept[-1][1] < len(visible):
        out.append(runs.get(len(visible), ""))  # after the last repair
    return "".join(out)


def _left_by_remove_invisible(line: str, start: int, end: int) -> str:
    """What `remove_invisible` (arabic_clean/repair.py) leaves of the run line[start:end].

    A space for a ZERO WIDTH SPACE between two letters (a word break), ZWNJ between two letters
    (Persian), ZWJ between two letters neither of which is Arabic (Indic conjuncts); nothing
    otherwise. Marks on the letter before are looked past, as there. (ZWJ inside an emoji
    sequence is not looked for: no repair happens there.)
    """
    after = line[end] if end < len(line) else ""
    if not after.isalpha():  # the usual case, decided without a Unicode database lookup
        return ""
    run = line[start:end]
    while start and unicodedata.category(line[start - 1])[0] == "M":
        start -= 1
    before = line[start - 1] if start else ""
    if not before.isalpha():
        return ""
    if chars.ZWSP in run:
        return " "
    if chars.ZWNJ in run:
        return chars.ZWNJ
    if chars.ZWJ in run and not ("\u0600" <= before <= "\u08ff" or "\u0600" <= after <= "\u08ff"):
        return chars.ZWJ
    return ""


def _follow(origin: Origin | None, edits: list[Edit] | None) -> None:
    """Carry `origin` over `edits` (sorted, disjoint) of the text it maps; then empty `edits`."""
    if origin is None or not edits:
        return
    carried: Origin = []
    pieces = deque(origin)
    position = 0  # in the text before the edits
    for edit_start, edit_end, length in edits:
        for stop, keep in ((edit_start, True), (edit_end, False)):
            while position < stop:
                start, size = pieces.popleft()
                taken = min(size, stop - position)
                if taken < size:
                    pieces.appendleft((start + taken if start >= 0 else -1, size - taken))
                if keep:
                    carried.append((start, taken))
                position += taken
        if length:
            carried.append((-1, length))
    carried.extend(pieces)
    origin[:] = carried
    edits.clear()


# --- UTF-8 read through a single-byte code page -----------------------------------------------


# General categories of characters text holds: letters, marks, numbers, punctuation, symbols,
# spaces, format characters (ZWNJ, LRM). Whether a repair holds Arabic is checked separately.
_TEXT_CATEGORIES = frozenset(
    "Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Cf".split()
)


@lru_cache(maxsize=4096)
def _decode_unit(unit: str) -> str | None:
    """The character a mojibake unit stood for, or None when it is no plausible character."""
    try:
        char = bytes(tables.MOJIBAKE_TO_BYTE[c] for c in unit).decode("utf-8")
    except UnicodeDecodeError:  # overlong forms, surrogates, code points past U+10FFFF
        return None
    if char in tables.REPAIRABLE_RESULT or unicodedata.category(char) in _TEXT_CATEGORIES:
        return char
    return None  # a control, surrogate, private-use or unassigned code point: no text had it


def _glued_to_letter(text: str, index: int) -> bool:
    """True when text[index] follows a non-ASCII letter or mark: the end of a real word."""
    if index == 0:
        return False
    previous = text[index - 1]
    return not previous.isascii() and unicodedata.category(previous)[0] in "LM"


# What may stand between two units of one span: ASCII, and characters `remove_invisible` deletes.
_UNIT_SEPARATOR = re.compile(_char_class(_INVISIBLE_CHARS | frozenset(map(chr, range(0x80)))) + "*")
# Leads of U+0600..U+06FF (bytes 0xD8..0xDB: 'Ø Ù Ú Û', 'ط ظ ع غ') standing without their
# continuation: the byte after them was lost ('Ù' + a dropped U+0081 was FEH).
_ARABIC_LEADS = tables.chars_on_bytes(tables.ARABIC_LEAD_BYTES, tables.MOJIBAKE_TO_BYTE)
_UNIT_OR_ARABIC_LEAD = re.compile(f"{UTF8_UNIT.pattern}|{_char_class(_ARABIC_LEADS)}")
_WINDOWS_1252_SIGN = re.compile(_char_class(tables.WINDOWS_1252_PUNCTUATION))
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


class _Unit(NamedTuple):
    """A mojibake unit text[start:end] and the character it stood for.

    A lost unit is an Arabic lead whose continuation byte was dropped: `char` is the one
    completion that makes an Arabic letter there, with `lost_byte`; None when there is not
    exactly one.
    """

    start: int
    end: int
    char: str | None
    lost: bool = False
    lost_byte: int = -1


def _unit_spans(text: str) -> list[list[_Unit]]:
    """Runs of decodable units separated only by ASCII and invisible characters.

    A run may not start inside a clean word: a unit glued to a preceding letter ('ع،' in
    'المجتمع،', 'ظ…' in 'الحفاظ…') starts a run only when it is no word ending (its continuation
    is not ، ؛ ؟ » NBSP) and the next unit follows at once, as in 'وط§ظ„' (a clean conjunction
    before a broken word). An Arabic lead glued to a unit, with no continuation of its own
    ('ط' in 'ط§ظ„طظ‚ظˆظ„', 'Ù' at the end of 'Ø§Ù„Ù‡ÙˆØ§ØªÙ'), lost a byte: it joins the run as a
    lost unit, completed by `_complete_lost`.
    """
    matches = list(_UNIT_OR_ARABIC_LEAD.finditer(text))
    # (match, char, lost): the decodable units and the leads glued to one
    tokens: list[tuple[re.Match[str], str | None, bool]] = []
    for index, match in enumerate(matches):
        if match.end() - match.start() > 1:
            tokens.append((match, _decode_unit(match.group()), False))
            continue
        before = tokens[-1] if tokens else None
        after = matches[index + 1] if index + 1 < len(matches) else None
        glued_before = before is not None and (
            (before[0].end() == match.start() and not before[2])
            # inside a number whose NBSP became a space: 'Ù£Ù Ù ' (٣٠٠)
            or (
                before[0].end() == match.start() - 1
                and text[before[0].end()] == " "
                and (before[2] or (before[1] or "") in tables.COMPLETION_DIGITS)
            )
        )
        glued_after = after is not None and after.start() == match.end() and len(after.group()) > 1
        if glued_before or glued_after:
            tokens.append((match, None, True))
    spans: list[list[_Unit]] = []
    run: list[tuple[re.Match[str], str | None, bool]] = []
    for index, (match, char, lost) in enumerate(tokens):
        if char is None and not lost:
            if run:  # an undecodable unit ends the span
                spans.append(_complete_lost(text, run))
            run = []
            continue
        if run:
            between = text[run[-1][0].end() : match.start()]
            if between.isascii() or (
                (between[0] in _INVISIBLE_CHARS or between[-1] in _INVISIBLE_CHARS)
                and _UNIT_SEPARATOR.fullmatch(between)
            ):
                run.append((match, char, lost))
                continue
        if run:
            spans.append(_complete_lost(text, run))
        run = [(match, char, lost)]
        if _glued_to_letter(text, match.start()) and (
            lost
            or match.group()[1] in tables.WORD_END_CONTINUATIONS
            or index + 1 == len(tokens)
            or tokens[index + 1][0].start() != match.end()
        ):
            run = []
    if run:
        spans.append(_complete_lost(text, run))
    return spans


def _complete_lost(text: str, run: list[tuple[re.Match[str], str | None, bool]]) -> list[_Unit]:
    """The units of `run`, each lost unit completed when exactly one byte makes sense there.

    The bytes that get lost depend on the reading (`tables.LOST_BYTES_*`): windows-1256 when the
    lead is an Arabic letter ('ط'), browser windows-1252 when the line shows its punctuation,
    latin-1 otherwise. A completion must be an Arabic letter; Arabic punctuation where the word
    ends; a haraka inside a word of a vocalized line, or at the end of a word in a line with
    harakat; a digit next to a digit. 'Ù' of windows-1252 becomes
    FEH (0x81); 'ط' becomes HAH (soft hyphen 0xAD); 'Ù' of latin-1 (any C1 control) has no
    single completion.
    """
    units: list[_Unit] = []
    windows_1252 = None
    marks: tuple[bool, bool] | None = None
    for index, (match, char, lost) in enumerate(run):
        if not lost:
            units.append(_Unit(match.start(), match.end(), char))
            continue
        lead = match.group()
        if lead in tables.ONLY_WINDOWS_1256:
            lost_bytes = tables.LOST_BYTES_WINDOWS_1256
        else:
            if windows_1252 is None:
                windows_1252 = _WINDOWS_1252_SIGN.search(text) is not None
            lost_bytes = tables.LOST_BYTES_WINDOWS_1252 if windows_1252 else tables.LOST_BYTES_LATIN_1
        if marks is None:
            harakat = {c for c in text if c in tables.ARABIC_MARKS} | {
                c for _, c, _ in run if c and c in tables.ARABIC_MARKS
            }
            # inside a word a haraka is written in vocalized text only (a line with a FATHATAN
            # or a SHADDA alone, 'جداً', is no vocalized line); at its end, tanween ('بأعدادٍ')
            # by any writer who writes tanween at all
            marks = (bool(harakat & _VOCALIZATION), bool(harakat))
        before_at = match.start() - (text[match.start() - 1 : match.start()] == " ")
        before = next(
            (unit.char for unit in units[::-1] if unit.end in (before_at, match.start())),
            None,
        ) or text[before_at - 1 : before_at]
        after_at = match.end() + (text[match.end() : match.end() + 1] == " ")
        after = next(
            (char or "?" for other, char, lost in run[index + 1 :] if other.start() == after_at),
            None,
        ) or text[after_at : after_at + 1]
        # Next to a digit the lost byte may make a digit ('Ù' + NBSP is ٠); between digits
        # (or a digit and no letter) only a digit. A neighbour that lost a byte itself ('?', or
        # a lead) tells nothing.
        neighbours = [c for c in (before, after) if c and c != "?" and c not in _ARABIC_LEADS]
        digits = any(c in tables.COMPLETION_DIGITS for c in neighbours)
        # ة ى ء end a word: a letter after them is no spelling ('شيءٍ' lost its KASRATAN)
        glued = before if before_at == match.start() else ""
        letters = (not digits or any(c.isalpha() for c in neighbours)) and not (
            glued in tables.WORD_FINAL_LETTERS or glued == "\u0621"
        )
        word_end = not (index + 1 < len(run) and run[index + 1][0].start() == match.end())
        found = _completions(
            lead, lost_bytes, word_end=word_end, marks=marks[word_end] and letters,
            digits=digits, letters=letters,
        )
        if len(found) == 1:
            completed, byte = found[0]
            units.append(_Unit(match.start(), match.end(), completed, True, byte))
        else:
            units.append(_Unit(match.start(), match.end(), None, True))
    # An NBSP turned into a space inside a number: the space was the byte ('Ù¢Ù Ù¢' is ٢٠٢),
    # as is the first of two spaces after it.
    for index, unit in enumerate(units):
        if unit.lost_byte != 0xA0 or text[unit.end : unit.end + 1] != " ":
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        after = text[unit.end + 1 : unit.end + 2]
        if (
            text[unit.end : unit.end + 2] == "  "
            or (after.isascii() and after.strip() and not after.isalnum())  # '٨٣٠-٨٤٦'
            or (
                following is not None
                and following.start == unit.end + 1
                and (following.char or "") in tables.COMPLETION_DIGITS
            )
        ):
            units[index] = unit._replace(end=unit.end + 1)
    return units


# Harakat that only vocalized text writes: DAMMATAN .. KASRA, SUKUN. Unvocalized news writes
# FATHATAN ('جداً') and SHADDA now and then; a line with those alone is no vocalized line, so a
# lost byte there is no haraka.
_VOCALIZATION = frozenset("\u064c\u064d\u064e\u064f\u0650\u0652")


@lru_cache(maxsize=256)
def _completions(
    lead: str,
    lost_bytes: tuple[int, ...],
    *,
    word_end: bool,
    marks: bool,
    digits: bool,
    letters: bool,
) -> tuple[tuple[str, int], ...]:
    """(character, byte) for each lost byte after `lead` that gives a character allowed there."""
    found = []
    for byte in lost_bytes:
        char = bytes([tables.MOJIBAKE_TO_BYTE[lead], byte]).decode("utf-8")
        if (
            (letters and char in tables.COMPLETION_LETTERS)
            or (word_end and char in tables.COMPLETION_PUNCTUATION)
            or (marks and char in tables.ARABIC_MARKS)
            or (digits and char in tables.COMPLETION_DIGITS)
        ):
            found.append((char, byte))
    return tuple(found)


def _is_evidence(text: str, span: list[_Unit], layer: int, arabic_letters: int) -> bool:
    """Two units or more, one of which no clean word could hold (a symbol after a letter).

    Lost units are no evidence of their own: a span needs two decodable units besides them.
    A single unit is accepted only as a whole word between ASCII in an Arabic line ('ØŒ' after
    a number, 'ظ€' as a dash; not '“ظ…”', a quoted letter): it becomes a letter or Arabic
    punctuation (never a haraka), and the line holds Arabic letters besides it
    (`arabic_letters` counts those of the whole line).
    """
    whole = [unit for unit in span if not unit.lost]
    if all(_reads_as_letters(text[unit.start : unit.end]) for unit in whole) and (
        len(whole) == 1 or not all(unit.char in _CORE_LETTERS for unit in whole)
    ):
        return False  # 'عک' (Persian for ژ), 'ظپ' (Urdu letters for ف): plausible clean text
    if len(whole) == 1:
        start, end, char, _, _ = whole[0]
        return (
            len(span) == 1
            and layer == 0
            and text[start + 1] not in tables.WORD_END_CONTINUATIONS
            and char in tables.STANDALONE_ARABIC
            # (NBSP and other spaces are ASCII spaces once normalize_whitespace has run)
            and (start == 0 or text[start - 1].isascii() or text[start - 1].isspace())
            and (
                end == len(text)
                or (text[end].isascii() and not text[end].isalnum())
                or text[end].isspace()
            )
            and arabic_letters > len(_ARABIC_LETTER.findall(text[start:end]))
        )
    for position, unit in enumerate(whole):
        word_end = text[unit.start + 1] in tables.WORD_END_CONTINUATIONS
        glued_to_next = position + 1 < len(whole) and whole[position + 1].start == unit.end
        if not word_end or glued_to_next:
            return True
    return False


_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a]")
# A repair never ends in a C0/C1 control (U+0000..U+001F, U+007F..U+009F): a unit may decode to
# one only as a byte of a further layer ('Ã\x81' inside double-encoded text).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CORE_LETTERS = frozenset(map(chr, range(0x0621, 0x064B))) - {"\u0640"}


def _reads_as_letters(unit: str) -> bool:
    """True for a unit of Arabic-script letters only ('ظپ', 'عک'): clean Persian or Urdu could
    hold it. The mojibake of most Arabic letters holds a sign ('ط§', 'ظ„')."""
    return all(char.isalpha() and tables.is_arabic_script(char) for char in unit)


def _reading(units: str) -> str:
    if any(char in tables.ONLY_WINDOWS_1256 for char in units):
        return UTF8_AS_WINDOWS_1256
    if any(char in tables.WINDOWS_1252_PUNCTUATION for char in units):
        return UTF8_AS_WINDOWS_1252
    return UTF8_AS_LATIN_1


def _is_arabic_word(word: str) -> bool | None:
    """True when the non-ASCII letters of `word` are all Arabic script (and there is one); None
    when it has no non-ASCII letter (punctuation such as '“' or '—'); False otherwise."""
    letters = [char for char in word if not char.isascii() and char.isalpha()]
    if not letters:
        return None
    return all(tables.is_arabic_script(char) for char in letters)


def _mixes_scripts(word: str) -> bool:
    """True when `word` holds Arabic letters and letters of another script ('ژŘ' is no word)."""
    letters = [char for char in word if not char.isascii() and char.isalpha()]
    arabic = sum(tables.is_arabic_script(char) for char in letters)
    return 0 < arabic < len(letters)


def _arabic_letter_count(word: str) -> int:
    """Letters of Arabic news text (ARABIC_TEXT): 'ݞ' or 'ۯ' of the Arabic blocks do not count."""
    return sum(char.isalpha() and char in tables.ARABIC_TEXT for char in word)


def _fits_before(prefix: str) -> bool:
    """What may precede a repaired word's first unit: a clean Arabic conjunction ('و' of
    'وط§ظ„'), ASCII, punctuation; never a leftover of mojibake ('Ã', '¾', a lone lead)."""
    return all(
        char.isascii()
        or char in _INVISIBLE_CHARS
        or unicodedata.category(char)[0] == "P"
        or (tables.is_arabic_script(char) and char not in _ARABIC_LEADS)
        for char in prefix
    )


def _fits_after(suffix: str) -> bool:
    """What may follow a repaired word's last unit: ASCII, punctuation, invisible characters."""
    return all(
        char.isascii()
        or char in _INVISIBLE_CHARS
        or unicodedata.category(char)[0] == "P"
        for char in suffix
    )


def _repair_utf8(
    text: str, layer: int, kinds: set[str], edits: list[Edit] | None = None
) -> str:
    """Repair the spans of `text` with evidence, word by word (words split at ASCII spaces).

    A word is repaired only whole: its letters come out Arabic (after undoing further layers),
    every lost unit in it has one completion, and nothing of mojibake stays glued to it (a
    Latin-1 letter or symbol, a lead of no unit). Any other word of the span keeps its broken
    form, so no output mixes repaired letters with leftover fragments ('الهواتÙ'). A span of
    two units or more needs a repaired word of two Arabic letters or more.
    """
    pieces: list[str] = []
    done = 0
    arabic_letters = -1  # counted once, only if a lone unit needs it
    for span in _unit_spans(text):
        if len(span) == 1 and arabic_letters < 0:
            arabic_letters = len(_ARABIC_LETTER.findall(text))
        if not _is_evidence(text, span, layer, arabic_letters):
            continue
        start, end = span[0].start, span[-1].end
        # The span's words, split at ASCII spaces (not at one a lost unit took for its byte).
        taken = {unit.end - 1 for unit in span if unit.lost and text[unit.end - 1] == " "}
        spaces = [
            space if space.start() not in taken else _ASCII_SPACE.match(text, space.start() + 1)
            for space in _ASCII_SPACE.finditer(text, start, end)
        ]
        spaces = [space for space in spaces if space is not None and space.end() <= end]
        words: list[tuple[int, int]] = []
        position = start
        for space in spaces:
            words.append((position, space.start()))
            position = space.end()
        words.append((position, end))
        decoded: list[str] = []
        word_units: list[list[_Unit]] = []
        index = 0
        for word_start, word_end in words:
            parts: list[str] = []
            cursor = word_start
            units: list[_Unit] = []
            while index < len(span) and span[index].start < word_end:
                unit = span[index]
                parts.append(text[cursor : unit.start])
                parts.append(unit.char if unit.char is not None else text[unit.start : unit.end])
                units.append(unit)
                cursor = unit.end
                index += 1
            parts.append(text[cursor:word_end])
            word = "".join(parts)
            if not word.isprintable():  # invisible characters among broken bytes: garbage
                word = _drop_invisible_between(parts)
            decoded.append(word)
            word_units.append(units)
        inner_kinds: set[str] = set()
        repaired = list(decoded)
        if layer + 1 < _MAX_LAYERS:
            joined = "".join(
                word + space for word, space in zip(decoded, [m.group() for m in spaces] + [""])
            )
            inner = _repair_utf8(joined, layer + 1, inner_kinds)
            repaired = _ASCII_SPACE.split(inner)
            if len(repaired) != len(decoded):  # cannot happen: units hold no ASCII
                continue
        accepted = []
        for number, ((word_start, word_end), units, word) in enumerate(
            zip(words, word_units, repaired)
        ):
            ok = (
                bool(units)
                and all(unit.char is not None for unit in units)
                and not _mixes_scripts(word)
                and not _CONTROL.search(word)
                and (number or _fits_before(text[_word_start(text, start) : start]))
                and (number + 1 < len(words) or _fits_after(text[end : _word_end(text, end)]))
            )
            accepted.append(ok)
        kept = [unit for ok, units in zip(accepted, word_units) if ok for unit in units]
        if len(kept) < len(span):
            if len(kept) == 1 and arabic_letters < 0:
                arabic_letters = len(_ARABIC_LETTER.findall(text))
            if not kept or not _is_evidence(text, kept, layer, arabic_letters):
                continue  # the evidence was in words that stay broken ('آٹ' is a C1 control)
        scripts = [_is_arabic_word(word) if ok else None for ok, word in zip(accepted, repaired)]
        if scripts.count(True) < scripts.count(False) or not any(
            ok and (len(span) == 1 or _arabic_letter_count(word) >= 2)
            for ok, word in zip(accepted, repaired)
        ):
            continue  # mostly another script, or no Arabic word: not Arabic mojibake
        normally = accepted
        reading = "".join(
            text[unit.start : unit.end]
            for ok, units in zip(normally, word_units) if ok for unit in units if not unit.lost
        )
        if reading:
            kinds.add(_reading(reading))
        for ok, units in zip(normally, word_units):
            for unit in units if ok else ():
                if unit.lost:
                    kinds.add(
                        f"{LOST_BYTE_INFERRED}: {text[unit.start]}+0x{unit.lost_byte:02X}={unit.char}"
                    )
        if inner_kinds and any(
            ok and final != first for ok, final, first in zip(normally, repaired, decoded)
        ):
            kinds.update(inner_kinds | {UTF8_DECODED_TWICE})
        for ok, (word_start, word_end), word in zip(accepted, words, repaired):
            if not ok:
                continue
            pieces.append(text[done:word_start])
            pieces.append(word)
            done = word_end
            if edits is not None:
                edits.append((word_start, word_end, len(word)))
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _drop_invisible_between(parts: list[str]) -> str:
    """Join a word's parts (text between units, unit characters alternately) without the
    invisible characters in the text between units: garbage among broken bytes."""
    return "".join(
        _INVISIBLE_RUN.sub("", part) if number % 2 == 0 else part
        for number, part in enumerate(parts)
    )


# Where a word ends around a span: any space, U+0085 and NBSP included: normalize_whitespace makes
# them ASCII spaces and line breaks, and a second run must see the same words.
_SPACE = re.compile(r"\s")


def _word_start(text: str, index: int) -> int:
    """Where the word holding text[index] starts (after the last space before it)."""
    start = index
    while start and not text[start - 1].isspace():
        start -= 1
    return start


def _word_end(text: str, index: int) -> int:
    """Where the word holding text[index - 1] ends (at the next space, or the end)."""
    space = _SPACE.search(text, index)
    return len(text) if space is None else space.start()


# --- Legacy windows-1256 bytes read as latin-1 / windows-1252 ---------------------------------

# Words are split at ASCII whitespace and NBSP only: U+0085 is whitespace to Python but stands for
# a windows-1256 ellipsis in a latin-1 reading.
_WORD_BREAKS = " \t\r\n\f\v\u00a0"
_WORD = re.compile(f"[^{_WORD_BREAKS}]+")
_LEGACY_MIN_LETTERS_ONE_WORD = 4  # one word alone must be this long: 'ÞÓÐ' is Icelandic
_LEGACY_MAX_FLAW_RATIO = 0.2  # glued words ('...ÉÇá...') are common in 2000s news pages
# Share of the letters that must be among Arabic's most frequent (`tables.COMMON_ARABIC_LETTERS`):
# about 0.7 in news text, never under 0.47 in the 3,223 lines of four letters or more of the
# shared sentences and dev documents; about 0.36 in CJK mojibake whose bytes land on letters
# ('ÔË ÌÎ' reads 'شث جخ': 0).
_LEGACY_MIN_COMMON_SHARE = 0.4


def _legacy_word(word: str) -> tuple[str, int] | None:
    """The Arabic a Western-looking word stood for and its letter count, or None."""
    letters = 0
    out: list[str] = []
    for char in word:
        arabic = tables.LEGACY_LETTER_TO_ARABIC.get(char)
        if arabic is not None:
            letters += arabic in tables.LEGACY_ARABIC_LETTERS
            out.append(arabic)
            continue
        punctuation = tables.LEGACY_PUNCTUATION_TO_ARABIC.get(char)
        if punctuation is not None:
            out.append(punctuation)
        elif (char.isascii() and not char.isalpha()) or char in "\u00ab\u00bb":
            out.append(char)
        else:
            return None
    arabic_word = "".join(out)
    if _SIGN_INSIDE_WORD.search(arabic_word):
        return None  # 'Ø£ÙØ¯' reads 'ط£ظط¯': UTF-8 mojibake, no Arabic word holds '£'
    return (arabic_word, letters) if arabic_word != word else None


# A sign between two Arabic letters: '£' in 'ط£ظ'. Words glued by ، ؛ ؟ … or a dash are fine.
_SIGN_INSIDE_WORD = re.compile(
    "(?<=[\u0621-\u064a])[\u00a2-\u00bf\u00d7\u00f7\u2020\u2021\u2030\u2122]"
    "(?=[\u0621-\u064a])"
)


def arabic_spelling_flaws(word: str) -> int:
    """Spellings Arabic does not have: a haraka after no letter; a letter but ء after ة or ى; a word
    starting with ؤ, ئ, ة or ى; إ inside a word other than after the prefixes و ف ب ك ل; a
    letter written twice in a row that no prefix or suffix brings twice ('ظظ', 'ضض').

    >>> arabic_spelling_flaws("ظظ"), arabic_spelling_flaws("تتضارب")
    (1, 0)
    """
    flaws = 0
    base = ""  # the last character that is not a haraka ("" at the start of the word)
    for char in word:
        if char in tables.ARABIC_MARKS:
            flaws += base not in tables.LEGACY_ARABIC_LETTERS
            continue
        if char in tables.LEGACY_ARABIC_LETTERS:
            if base in tables.LEGACY_ARABIC_LETTERS:
                flaws += base in tables.WORD_FINAL_LETTERS and char != "\u0621"
                flaws += char == base and char in tables.NEVER_DOUBLED
                flaws += char == "\u0625" and base not in tables.PREFIXES_BEFORE_HAMZA_BELOW
            else:
                flaws += char in tables.NEVER_WORD_INITIAL
        base = char
    return flaws


def _repair_legacy(
    line: str,
    kinds: set[str],
    *,
    in_legacy_document: bool = False,
    edits: list[Edit] | None = None,
) -> str:
    """Convert a line whose words read as windows-1256 Arabic; see the module docstring.

    `in_legacy_document`: another line of the same input was converted, so a short line
    ('ÏÈí' for دبي, 'Ç Ý È' for ا ف ب) needs no length evidence, only no foreign word and
    no misspelling. `edits` receives the stretches converted.
    """
    converted: list[tuple[re.Match[str], str]] = []
    long_words = foreign_words = flaws = 0
    longest = 0
    for match in _WORD.finditer(line):
        word = match.group()
        legacy = _legacy_word(word)
        if legacy is None:
            foreign_words += not word.isascii()
            continue
        arabic, letters = legacy
        converted.append((match, arabic))
        longest = max(longest, letters)
        flaws += arabic_spelling_flaws(arabic)
        long_words += letters >= 2
    if in_legacy_document:
        accepted = bool(converted) and foreign_words == 0 and flaws == 0
    else:
        letters = [char for _, arabic in converted for char in arabic
                   if char in tables.LEGACY_ARABIC_LETTERS]
        common = sum(char in tables.COMMON_ARABIC_LETTERS for char in letters)
        accepted = (
            (long_words >= 2 or longest >= _LEGACY_MIN_LETTERS_ONE_WORD)
            and longest >= 3  # a line of two-letter words only: 'ØÉ íÃ' is CJK as often
            and long_words >= foreign_words
            # one odd word is a typo ('مدرسةالبنات') or an abbreviation once the line is long
            and flaws <= max(_LEGACY_MAX_FLAW_RATIO * long_words, long_words >= 3)
            and common >= _LEGACY_MIN_COMMON_SHARE * len(letters)
        )
    if not accepted:
        return line
    kinds.add(WINDOWS_1256_AS_WESTERN)
    if all(char in tables.LEGACY_WESTERN_TO_BYTE for char in line):
        # The whole line is windows-1256 bytes: '¿' glued to 'followers' is a question mark too.
        arabic_line = bytes(tables.LEGACY_WESTERN_TO_BYTE[char] for char in line).decode(
            "windows-1256"
        )
        if edits is not None:  # one character per byte: the words that changed are the edits
            for match in _WORD.finditer(line):
                start, end = match.span()
                if arabic_line[start:end] != match.group():
                    edits.append((start, end, end - start))
        return arabic_line
    pieces: list[str] = []
    done = 0
    for match, arabic in converted:
        pieces.append(line[done : match.start()])
        pieces.append(arabic)
        done = match.end()
        if edits is not None:
            edits.append((match.start(), match.end(), len(arabic)))
    pieces.append(line[done:])
    return "".join(pieces)


def _repair_short_legacy_lines(text: str, kinds: set[str]) -> str:
    """Second sweep once a line of `text` was legacy: every line holding a legacy letter."""

    def repair(line: str, origin: Origin | None) -> str:
        edits: list[Edit] | None = None if origin is None else []
        fixed = _repair_legacy(line, kinds, in_legacy_document=True, edits=edits)
        _follow(origin, edits)
        return fixed

    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _LEGACY_LETTER_ANYWHERE.search(line):
            lines[index] = _repair_hidden(line, repair)
    return "\n".join(lines)
