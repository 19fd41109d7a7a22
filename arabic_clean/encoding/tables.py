"""Character data for encoding repair: single-byte code pages, UTF-8 byte roles, Arabic repertoire.

Everything here is built once at import from Python's own codecs (256 bytes per code page),
never by scanning Unicode. The passes in `mojibake.py` and `decode.py` only read these tables.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# --- Single-byte code pages -------------------------------------------------------------------

# Bytes that windows-1252 leaves undefined. Browsers (WHATWG "windows-1252") decode them as the
# C1 controls U+0081 U+008D U+008F U+0090 U+009D, exactly as latin-1 does; Python's cp1252 codec
# refuses them. Arabic needs them: U+0641 FEH is D9 81 in UTF-8.
WINDOWS_1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def _decode_byte(byte: int, codec: str) -> str:
    if codec == "windows-1252" and byte in WINDOWS_1252_UNDEFINED:
        return chr(byte)
    return bytes([byte]).decode(codec)


def decoding_table(codec: str) -> str:
    """The 256 characters a single-byte code page gives to bytes 0x00-0xFF (browser-style 1252).

    >>> decoding_table("windows-1256")[0xC7]
    'ا'
    >>> decoding_table("windows-1252")[0x81]
    '\\x81'
    """
    return "".join(_decode_byte(byte, codec) for byte in range(256))


WINDOWS_1256 = decoding_table("windows-1256")
WINDOWS_1252 = decoding_table("windows-1252")
LATIN_1 = decoding_table("latin-1")


def _char_to_byte(tables: Iterable[str]) -> dict[str, int]:
    """Invert code pages into one char -> byte map; refuse a char two pages put on two bytes."""
    result: dict[str, int] = {}
    for table in tables:
        for byte, char in enumerate(table):
            if result.setdefault(char, byte) != byte:
                raise ValueError(f"U+{ord(char):04X} sits on two different bytes")
    return result


# Western = latin-1 plus the windows-1252 punctuation: one map covers both readings and any mix
# (a browser mixes them: 0x80 -> U+20AC EURO SIGN but 0x81 -> U+0081).
WESTERN_TO_BYTE = _char_to_byte([LATIN_1, WINDOWS_1252])
WINDOWS_1256_TO_BYTE = _char_to_byte([WINDOWS_1256])
# No character sits on different bytes in windows-1256 and latin-1/windows-1252 (checked by
# `_char_to_byte`), so one map undoes any of the three readings, even mixed in one line.
MOJIBAKE_TO_BYTE = _char_to_byte([LATIN_1, WINDOWS_1252, WINDOWS_1256])

# Characters only a windows-1256 reading produces (its Arabic/Persian letters, ZWNJ, LRM ...),
# and the typographic punctuation windows-1252 puts on 0x80-0x9F where latin-1 has C1 controls.
ONLY_WINDOWS_1256 = frozenset(WINDOWS_1256_TO_BYTE) - frozenset(WESTERN_TO_BYTE)
WINDOWS_1252_PUNCTUATION = frozenset(WINDOWS_1252) - frozenset(LATIN_1)

# --- UTF-8 byte roles -------------------------------------------------------------------------

UTF8_CONTINUATION = range(0x80, 0xC0)
UTF8_LEAD_2 = range(0xC2, 0xE0)
UTF8_LEAD_3 = range(0xE0, 0xF0)
UTF8_LEAD_4 = range(0xF0, 0xF5)


def chars_on_bytes(byte_range: Iterable[int], char_to_byte: dict[str, int]) -> str:
    """Every character that `char_to_byte` puts on one of `byte_range`, in code-point order."""
    wanted = set(byte_range)
    return "".join(sorted(char for char, byte in char_to_byte.items() if byte in wanted))


# A continuation character that also ends a word in clean text, so seeing it after a letter is
# no evidence of mojibake: Arabic comma/semicolon/question mark (U+060C U+061B U+061F), closing
# guillemet U+00BB, NBSP U+00A0, ZWNJ/ZWJ U+200C U+200D (Persian word-internal joiners).
WORD_END_CONTINUATIONS = frozenset("\u060c\u061b\u061f\u00bb\u00a0\u200c\u200d")

# --- What a repaired character may be ---------------------------------------------------------

# (first, last, why) inclusive code-point ranges of characters that real Arabic news text holds.
ARABIC_TEXT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x060C, 0x060C, "ARABIC COMMA"),
    (0x061B, 0x061B, "ARABIC SEMICOLON"),
    (0x061F, 0x061F, "ARABIC QUESTION MARK"),
    (0x0621, 0x063A, "HAMZA .. GHAIN: the core letters"),
    (0x0640, 0x0655, "TATWEEL, FEH .. YEH, harakat FATHATAN .. SUKUN, MADDAH/HAMZA ABOVE/BELOW"),
    (0x0660, 0x066D, "ARABIC-INDIC DIGITS, PERCENT, DECIMAL/THOUSANDS SEPARATORS, STAR"),
    (0x0670, 0x0671, "SUPERSCRIPT ALEF, ALEF WASLA (Quranic quotes)"),
    (0x067E, 0x067E, "PEH: Persian names in Arabic news"),
    (0x0686, 0x0686, "TCHEH: Persian names"),
    (0x0698, 0x0698, "JEH: Persian names"),
    (0x06A4, 0x06A4, "VEH: Maghrebi and Levantine spellings of foreign v"),
    (0x06A9, 0x06A9, "KEHEH: Persian names"),
    (0x06AF, 0x06AF, "GAF: Persian names, Egyptian g"),
    (0x06CC, 0x06CC, "FARSI YEH: Persian names"),
    (0x06F0, 0x06F9, "EXTENDED ARABIC-INDIC DIGITS (Persian/Urdu)"),
    (0xFB50, 0xFDFF, "ARABIC PRESENTATION FORMS-A (PDF and legacy extraction)"),
    (0xFE70, 0xFEFC, "ARABIC PRESENTATION FORMS-B"),
)

# Other characters a repair may produce on the way (double mojibake) or around Arabic words.
TEXT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x00A0, 0x00FF, "LATIN-1 SUPPLEMENT: NBSP, guillemets, accented letters"),
    (0x200C, 0x200F, "ZWNJ, ZWJ, LRM, RLM"),
    (0x2010, 0x2027, "dashes, curly quotes, bullet, ellipsis"),
    (0x2030, 0x205E, "per mille, primes, single guillemets"),
    (0x20A0, 0x20C0, "currency signs"),
    (0x2100, 0x215F, "letterlike symbols, number forms"),
    (0x2190, 0x21FF, "arrows"),
    (0x25A0, 0x27BF, "geometric shapes, dingbats, misc symbols"),
    (0xFEFF, 0xFEFF, "BYTE ORDER MARK as text"),
    (0xFFFD, 0xFFFD, "REPLACEMENT CHARACTER a still earlier lossy decode left"),
    (0x1F300, 0x1FAFF, "emoji"),
)


def ranges_to_set(ranges: Iterable[tuple[int, int, str]]) -> frozenset[str]:
    """The characters of inclusive (first, last, note) ranges; refuses reversed or overlapping ones.

    >>> sorted(ranges_to_set([(0x0627, 0x0628, "ALEF, BEH")]))
    ['ا', 'ب']
    """
    chars: set[str] = set()
    previous_last = -1
    for first, last, _note in sorted(ranges):
        if first > last or first <= previous_last:
            raise ValueError(f"bad or overlapping range U+{first:04X}..U+{last:04X}")
        previous_last = last
        chars.update(map(chr, range(first, last + 1)))
    return frozenset(chars)


ARABIC_TEXT = ranges_to_set(ARABIC_TEXT_RANGES)
# What one repaired unit standing alone may be: a letter HAMZA..GHAIN, FEH..YEH, TATWEEL used as
# a dash, or Arabic comma/semicolon/question mark. Never a haraka: '“ظ”' is a quoted letter,
# not mojibake of U+0654.
STANDALONE_ARABIC = frozenset("\u060c\u061b\u061f\u0640") | frozenset(
    map(chr, [*range(0x0621, 0x063B), *range(0x0641, 0x064B)])
)
REPAIRABLE_RESULT = ARABIC_TEXT | ranges_to_set(TEXT_RANGES) | frozenset(MOJIBAKE_TO_BYTE)

# --- Legacy windows-1256 bytes read as latin-1/windows-1252 -----------------------------------

# Arabic letters and marks whose windows-1256 byte is read as a Western character:
# U+0621..U+063A (0xC1..0xDB minus 0xD7), U+0640..U+064A, harakat U+064B..U+0652.
LEGACY_ARABIC_LETTERS = frozenset(map(chr, range(0x0621, 0x063B))) | frozenset(
    map(chr, range(0x0640, 0x064B))
)
ARABIC_MARKS = frozenset(map(chr, range(0x064B, 0x0653)))  # FATHATAN .. SUKUN
# Word-final letters: TEH MARBUTA U+0629, ALEF MAKSURA U+0649 (only HAMZA U+0621 may follow,
# as in the Egyptian spelling 'شىء').
WORD_FINAL_LETTERS = frozenset("\u0629\u0649")
# Letters no Arabic word starts with: WAW WITH HAMZA U+0624, YEH WITH HAMZA U+0626, and the
# word-final TEH MARBUTA U+0629 and ALEF MAKSURA U+0649.
NEVER_WORD_INITIAL = frozenset("\u0624\u0626\u0629\u0649")
# ALEF WITH HAMZA BELOW U+0625 starts a word; inside one it follows only a one-letter prefix:
# WAW U+0648, FEH U+0641, BEH U+0628, KAF U+0643, LAM U+0644 (also the LAM of AL- 'الإ').
PREFIXES_BEFORE_HAMZA_BELOW = frozenset("\u0648\u0641\u0628\u0643\u0644")

# --- Bytes that get lost on the way -----------------------------------------------------------

# UTF-8 leads whose two-byte characters reach Arabic letters: 0xD8..0xDB (U+0600..U+06FF).
ARABIC_LEAD_BYTES = range(0xD8, 0xDC)
# Continuation bytes that editors, web pages, issue trackers and "fix" scripts drop from mojibake
# because their character is invisible: SOFT HYPHEN 0xAD and NBSP 0xA0 in every reading; in a
# windows-1256 reading ZWNJ 0x9D and ZWJ 0x9E; in a browser windows-1252 reading the C1 controls
# on its five undefined bytes; in a latin-1 reading every C1 control 0x80..0x9F.
LOST_BYTES_WINDOWS_1256 = (0xAD, 0xA0, 0x9D, 0x9E)
LOST_BYTES_WINDOWS_1252 = (0xAD, 0xA0, *sorted(WINDOWS_1252_UNDEFINED))
LOST_BYTES_LATIN_1 = (0xAD, 0xA0, *range(0x80, 0xA0))
# Letters a lost-byte unit may be completed to: the core Arabic letters and the Persian letters
# of ARABIC_TEXT_RANGES (never a letter of U+0680..U+06FF that Arabic news does not hold).
COMPLETION_LETTERS = frozenset(
    map(chr, [*range(0x0621, 0x063B), *range(0x0641, 0x064B)])
) | frozenset("\u067e\u0686\u0698\u06a4\u06a9\u06af\u06cc")
COMPLETION_PUNCTUATION = frozenset("\u060c\u061b\u061f")  # ، ؛ ؟ end a word
COMPLETION_DIGITS = frozenset(map(chr, [*range(0x0660, 0x066A), *range(0x06F0, 0x06FA)]))

# (first, last) code points of the Arabic script: Arabic, Arabic Supplement, Arabic Extended-A,
# presentation forms A and B. A repaired word is Arabic when its letters are all in these.
ARABIC_SCRIPT_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                        (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic_script(char: str) -> bool:
    """True for a character of the Arabic blocks.

    >>> is_arabic_script("ک"), is_arabic_script("Ř")
    (True, False)
    """
    code = ord(char)
    return any(first <= code <= last for first, last in ARABIC_SCRIPT_RANGES)


# --- windows-1254 (Turkish) readings of windows-1256 bytes ------------------------------------

# windows-1254 is windows-1252 with six Turkish letters in place of Icelandic ones (0xD0 Ğ, 0xDD
# İ, 0xDE Ş, 0xF0 ğ, 0xFD ı, 0xFE ş) and 0x8E 0x9E undefined. A windows-1256 file opened as
# Turkish shows these six among 'ÇáÚ...'; they are bytes 0xD0 ذ, 0xDD ف, 0xDE ق, 0xF0 FATHATAN,
# 0xFD LRM, 0xFE RLM. No other code page here puts these characters on any byte.
WINDOWS_1254_ONLY_TO_BYTE: dict[str, int] = {
    char: byte
    for byte, char in enumerate(bytes(range(256)).decode("cp1254", errors="replace"))
    if byte >= 0x80 and char != "\ufffd" and char not in MOJIBAKE_TO_BYTE
}

# --- Legacy maps (need the windows-1254 letters above) -----------------------------------------

# Western characters of a windows-1256 file read as latin-1, windows-1252 or windows-1254 -> byte.
LEGACY_WESTERN_TO_BYTE: dict[str, int] = {**WESTERN_TO_BYTE, **WINDOWS_1254_ONLY_TO_BYTE}
# Letters no Arabic word writes twice in a row: hamza forms and the word-final ة ى, and the
# consonants of no common doubled root (roots such as ع-د-د, خ-ط-ط, ق-ص-ص, ح-ج-ج put 'دد' 'طط'
# 'صص' 'جج' into unvocalized words, and prefixes meet themselves: 'تتضارب', 'للعالم').
# 'ظظ' is UTF-8 mojibake ('ÙÙ' for في, C1 controls dropped) read as legacy.
NEVER_DOUBLED = frozenset("ءآأؤإئةىخذضظعغ")
# The thirteen most frequent letters of Arabic text (about 70% of its letters; any standard
# letter-frequency table): ALEF, LAM, YEH, MEEM, WAW, NOON, TEH MARBUTA, HEH, REH, BEH, TEH,
# ALEF WITH HAMZA ABOVE and BELOW.
COMMON_ARABIC_LETTERS = frozenset("اليمونةهربتأإ")
LEGACY_LETTER_TO_ARABIC: dict[str, str] = {
    char: WINDOWS_1256[byte]
    for char, byte in LEGACY_WESTERN_TO_BYTE.items()
    if WINDOWS_1256[byte] in LEGACY_ARABIC_LETTERS | ARABIC_MARKS and byte >= 0x80
}
# Western characters that stand for windows-1256 punctuation or symbols in a legacy line: ¡ ->
# U+060C, º -> U+061B, ¿ -> U+061F, C1 controls (latin-1 reading) -> the curly quotes, bullet,
# dashes and ellipsis windows-1256 shares with windows-1252, signs that read the same (•, ©), and
# the format characters of 0x9D 0x9E 0xFD 0xFE (ZWNJ, ZWJ, LRM, RLM: 'Ñ.Ó.þ' is 'ر.س.' + RLM).
LEGACY_PUNCTUATION_TO_ARABIC: dict[str, str] = {
    char: WINDOWS_1256[byte]
    for char, byte in LEGACY_WESTERN_TO_BYTE.items()
    if byte >= 0x80 and unicodedata.category(WINDOWS_1256[byte])[0] in "PSZ"
    or byte in (0x9D, 0x9E, 0xFD, 0xFE)
}
