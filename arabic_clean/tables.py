"""Arabic character data: every table the character passes are built from.

Each table cites its code points. Nothing here scans all of Unicode: the only
computed table (presentation forms) walks the two presentation-form blocks,
about 1,000 code points, once at import.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType


def span(first: int, last: int) -> str:
    """The characters from `first` to `last`, both included."""
    return "".join(chr(c) for c in range(first, last + 1))


def frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


def to_one(chars: Iterable[str], target: str) -> Mapping[str, str]:
    return frozen({c: target for c in chars})


# --- Letters and marks -------------------------------------------------------

TATWEEL = "\u0640"  # ARABIC TATWEEL (kashida)

#: Arabic letters (Lo) in the Arabic blocks: U+0620–U+063F, U+0641–U+064A,
#: U+066E–U+066F, U+0671–U+06D3, U+06D5, U+06EE–U+06EF, U+06FA–U+06FC,
#: U+06FF, Arabic Supplement U+0750–U+077F, Extended-A U+08A0–U+08C8.
ARABIC_LETTERS = (
    span(0x0620, 0x063F) + span(0x0641, 0x064A) + span(0x066E, 0x066F)
    + span(0x0671, 0x06D3) + "\u06D5" + span(0x06EE, 0x06EF) + span(0x06FA, 0x06FC)
    + "\u06FF" + span(0x0750, 0x077F) + span(0x08A0, 0x08C8)
)

#: Combining marks removed by `strip_diacritics`.
DIACRITICS = (
    span(0x064B, 0x065F)    # harakat, shadda, sukun, combining hamza/madda, U+0656–U+065F
    + "\u0670"              # ARABIC LETTER SUPERSCRIPT ALEF (dagger alef)
    + span(0x0610, 0x061A)  # honorific signs and small high marks
    + span(0x06D6, 0x06DC)  # Quranic small high ligatures and marks
    + span(0x06DF, 0x06E4)  # small high rounded zero ... small high madda
    + span(0x06E7, 0x06E8)  # small high yeh, small high noon
    + span(0x06EA, 0x06ED)  # empty centre stops, small low meem
    + span(0x08CA, 0x08E1)  # Extended-A small high marks
    + span(0x08E3, 0x08FF)  # Extended-A Quranic marks (U+08E2 is a sign, not a mark)
)
SHADDA = "\u0651"

#: Letters that join to the following letter (Joining_Type=D), so a tatweel after
#: them is an elongation. Right-joining letters (alef U+0627 and its hamza/madda
#: forms U+0622, U+0623, U+0625, U+0671–U+0673, U+0675–U+0677, dal/thal U+062F–U+0630,
#: reh/zain U+0631–U+0632, waw U+0624, U+0648, teh marbuta U+0629, U+0688–U+0699,
#: U+06C0, U+06C3–U+06CB, U+06CD, U+06CF, U+06D2–U+06D3, U+06D5, U+06EE–U+06EF) and
#: hamza U+0621 cannot be followed by a kashida: a tatweel there is a dash.
DUAL_JOINING = (
    "\u0620\u0626\u0628" + span(0x062A, 0x062E) + span(0x0633, 0x063F)
    + span(0x0641, 0x0647) + "\u0649\u064A" + span(0x066E, 0x066F)
    + span(0x0678, 0x0687) + span(0x069A, 0x06BF) + "\u06C1\u06C2\u06CC\u06CE"
    + span(0x06D0, 0x06D1) + span(0x06FA, 0x06FC) + "\u06FF"
    + TATWEEL
)

# --- Decomposed hamza and madda ---------------------------------------------

#: Canonical compositions (UnicodeData decompositions) of a letter followed by
#: U+0653 MADDA ABOVE, U+0654 HAMZA ABOVE or U+0655 HAMZA BELOW, plus one
#: non-canonical pair seen in typed text: alef maqsura U+0649 + U+0654, which
#: renders exactly like U+0626 YEH WITH HAMZA ABOVE.
COMPOSITIONS: Mapping[str, str] = frozen({
    "\u0627\u0653": "\u0622",  # ا + madda      -> آ
    "\u0627\u0654": "\u0623",  # ا + hamza      -> أ
    "\u0627\u0655": "\u0625",  # ا + hamza below -> إ
    "\u0648\u0654": "\u0624",  # و + hamza      -> ؤ
    "\u064A\u0654": "\u0626",  # ي + hamza      -> ئ
    "\u0649\u0654": "\u0626",  # ى + hamza      -> ئ (not canonical; same glyph)
    "\u06D5\u0654": "\u06C0",  # ە + hamza      -> ۀ
    "\u06C1\u0654": "\u06C2",  # ہ + hamza      -> ۂ
    "\u06D2\u0654": "\u06D3",  # ے + hamza      -> ۓ
})
COMBINING_HAMZA = "\u0653\u0654\u0655"
#: Marks that may stand between a letter and its combining hamza without
#: blocking canonical composition (their combining class is lower than 220).
NONBLOCKING_MARKS = span(0x064B, 0x0652) + "\u0670"

# --- Letter normalization -----------------------------------------------------

ALEF = "\u0627"
#: أ U+0623, إ U+0625, آ U+0622, ٱ U+0671 (wasla), ٲ U+0672, ٳ U+0673 -> ا U+0627.
ALEF_VARIANTS = "\u0623\u0625\u0622\u0671\u0672\u0673"
ALEF_MAQSURA = "\u0649"
YEH = "\u064A"
TEH_MARBUTA = "\u0629"
HEH = "\u0647"
WAW_HAMZA = "\u0624"
YEH_HAMZA = "\u0626"
HAMZA = "\u0621"

#: `normalize_hamza` targets: the carrier letter, or the bare hamza U+0621.
HAMZA_FORMS: Mapping[str, Mapping[str, str]] = frozen({
    "carrier": frozen({WAW_HAMZA: "\u0648", YEH_HAMZA: YEH}),  # ؤ -> و, ئ -> ي
    "hamza": frozen({WAW_HAMZA: HAMZA, YEH_HAMZA: HAMZA}),     # ؤ -> ء, ئ -> ء
})

#: Persian and Urdu letters folded to the Arabic letter with the same sound.
#: گ U+06AF, پ U+067E, چ U+0686, ژ U+0698 stay: they spell /g p tʃ ʒ/ in foreign
#: names and have no Arabic equivalent.
PERSIAN_LETTERS: Mapping[str, str] = frozen({
    "\u06A9": "\u0643",  # ک KEHEH -> ك KAF
    "\u06CC": YEH,       # ی FARSI YEH -> ي YEH
    "\u06D2": YEH,       # ے YEH BARREE -> ي YEH
    "\u06C1": HEH,       # ہ HEH GOAL -> ه HEH
    "\u06D5": HEH,       # ە AE -> ه HEH
    "\u06BE": HEH,       # ھ HEH DOACHASHMEE -> ه HEH
    "\u06C0": HEH,       # ۀ HEH WITH YEH ABOVE (ezafe) -> ه HEH
    "\u06C2": HEH,       # ۂ HEH GOAL WITH HAMZA ABOVE -> ه HEH
    "\u06D3": YEH,       # ۓ YEH BARREE WITH HAMZA ABOVE -> ي YEH
})

# --- Digits and punctuation ---------------------------------------------------

ASCII_DIGITS = "0123456789"
ARABIC_INDIC_DIGITS = span(0x0660, 0x0669)    # ٠ … ٩
PERSIAN_DIGITS = span(0x06F0, 0x06F9)         # ۰ … ۹ (Extended Arabic-Indic)
ALL_DIGITS = ASCII_DIGITS + ARABIC_INDIC_DIGITS + PERSIAN_DIGITS
ARABIC_DECIMAL_SEPARATOR = "\u066B"           # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066C"         # ٬

ARABIC_COMMA = "\u060C"         # ،
ARABIC_SEMICOLON = "\u061B"     # ؛
ARABIC_QUESTION_MARK = "\u061F"  # ؟
#: ASCII punctuation and its Arabic counterpart.
PUNCTUATION_PAIRS = ((",", ARABIC_COMMA), (";", ARABIC_SEMICOLON), ("?", ARABIC_QUESTION_MARK))

# --- Invisible characters and whitespace -----------------------------------

ZWSP = "\u200B"  # ZERO WIDTH SPACE: a word break, kept as a space between letters
ZWNJ = "\u200C"  # ZERO WIDTH NON-JOINER: orthographic in Persian (می‌خواهم), kept between letters
ZWJ = "\u200D"   # ZERO WIDTH JOINER: part of emoji sequences, kept between pictographs

#: Deleted by `remove_invisible` wherever they stand.
INVISIBLE = (
    "\u00AD"                 # SOFT HYPHEN
    + "\u061C"               # ARABIC LETTER MARK
    + "\u180E"               # MONGOLIAN VOWEL SEPARATOR (a format char since Unicode 6.3)
    + "\u200E\u200F"         # LEFT-TO-RIGHT / RIGHT-TO-LEFT MARK
    + span(0x202A, 0x202E)   # LRE RLE PDF LRO RLO
    + span(0x2060, 0x2064)   # WORD JOINER, invisible function application/times/separator/plus
    + span(0x2066, 0x2069)   # LRI RLI FSI PDI
    + span(0x206A, 0x206F)   # deprecated format chars, incl. U+206C/U+206D Arabic form shaping
    + "\uFEFF"               # BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE
    # C0 controls except TAB, LF, VT, FF, CR (whitespace, left to normalize_whitespace)
    + span(0x0000, 0x0008) + span(0x000E, 0x001F) + "\u007F"
    # C1 controls except U+0085 NEXT LINE (a line break)
    + span(0x0080, 0x0084) + span(0x0086, 0x009F)
)

#: Horizontal spaces turned into U+0020 by `normalize_whitespace`.
SPACES = (
    "\t\u00A0\u1680"         # TAB, NO-BREAK SPACE, OGHAM SPACE MARK
    + span(0x2000, 0x200A)   # EN QUAD … HAIR SPACE
    + "\u202F\u205F\u3000"   # NARROW NBSP, MEDIUM MATHEMATICAL SPACE, IDEOGRAPHIC SPACE
)
#: Line breaks turned into U+000A (CRLF is handled as one break first).
LINE_BREAKS = "\r\u000B\u000C\u0085\u2028\u2029"

# --- Presentation forms -----------------------------------------------------

#: Ligatures whose compatibility decomposition is missing or wrong for Arabic.
PRESENTATION_SPECIAL: Mapping[str, str] = frozen({
    # U+FDFC RIAL SIGN: NFKC gives Persian yeh U+06CC (ریال); Arabic text means ريال.
    "\uFDFC": "\u0631\u064A\u0627\u0644",
    # U+FDFD BISMILLAH AR-RAHMAN AR-RAHEEM has no decomposition: spell it out.
    "\uFDFD": "بسم الله الرحمن الرحيم",
    # U+FDFE SUBHAANAHU WA TAAALAA and U+FDFF AZZA WA JALL (Unicode 14) have none either.
    "\uFDFE": "سبحانه وتعالى",
    "\uFDFF": "عز وجل",
    # U+FDFA SALLALLAHOU ALAYHE WASALLAM and U+FDFB JALLAJALALOUHOU keep their
    # NFKC spelling (صلى الله عليه وسلم, جل جلاله): listed by the tests, not here.
})


def _presentation_forms() -> Mapping[str, str]:
    """U+FB50–U+FDFF and U+FE70–U+FEFE to their base letters.

    Isolated harakat forms (U+FE70, U+FE72, …, U+FC5E–U+FC63) decompose to a
    space plus the mark; the space is dropped so the mark stays on its letter.
    Code points with no compatibility decomposition (U+FD3E/U+FD3F ornate
    parentheses, U+FBB2–U+FBC1 symbols, unassigned ones) are left as they are.
    """
    table: dict[str, str] = {}
    for first, last in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):
        for code in range(first, last + 1):
            char = chr(code)
            if char in PRESENTATION_SPECIAL:
                table[char] = PRESENTATION_SPECIAL[char]
                continue
            if not unicodedata.decomposition(char).startswith("<"):
                continue  # no compatibility mapping: not a presentation form we fold
            folded = unicodedata.normalize("NFKC", char)
            if folded.startswith(" ") and len(folded) > 1:
                folded = folded.lstrip(" ")
            if folded != char:
                table[char] = folded
    return frozen(table)


PRESENTATION_FORMS = _presentation_forms()


# --- A one-byte alphabet for fast tables -------------------------------------

#: The characters of most Arabic news text, at most 255 of them, so that a
#: character table can run as ``bytes.translate`` over a one-byte encoding
#: (see ``arabic_clean/bytetable.py``). Any other character still works: it is
#: escaped and mapped on its own. NUL must come first: CPython builds its fast
#: C encoding map only for a decoding table that starts with U+0000.
ONE_BYTE_ALPHABET = (
    "\x00\t\n\r" + span(0x20, 0x7E)                  # ASCII text
    + "\u00a0\u00ab\u00bb\u00b0\u00b7\u00d7\u00f7"    # NBSP « » ° · × ÷
    + "\u00a9\u00ae"                                  # © ® (site footers)
    + "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"  # – — ‘ ’ “ ” • …
    + "\u200c\u200e\u200f"                            # ZWNJ, LRM, RLM
    + "àâçèéêëîïôöùûüÀÇÉÈÊÔäßÄÖÜáíóúñÁÍÓÚÑ"            # French, German, Spanish letters
    + "\u060c\u061b\u061f"                            # ، ؛ ؟
    + span(0x0621, 0x063A)                            # hamza … ghain
    + span(0x0640, 0x0652)                            # tatweel, feh … sukun
    + span(0x0660, 0x066D)                            # Arabic-Indic digits, ٪ ٫ ٬ ٭
    + "\u0670\u0671\u067e\u0686\u0698\u06a4\u06a9\u06af\u06be\u06c1\u06cc\u06d2\u06d4\u06d5"
    + span(0x06F0, 0x06F9)                            # Persian digits
)
