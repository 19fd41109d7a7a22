"""Comparison keys for lines: equal keys mean "the same line, differently dressed"."""

from __future__ import annotations

import codecs
import html
import re
from functools import lru_cache
from itertools import accumulate, count
from operator import add

import regex

from arabic_clean.tables import ONE_BYTE_ALPHABET

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
# The regex module tests Unicode properties character by character (~70 ns a character here), so
# line_keys sorts characters with small `re` classes first. Never noise: Arabic letters
# (U+0621..U+063A, U+0641..U+064A, U+0671..U+06D3), Arabic-Indic digits U+0660..U+0669, ASCII
# letters and digits. Always noise: the commonest spaces, punctuation, symbols and marks of Arabic
# news text (harakat U+064B..U+065F, superscript alef U+0670, tatweel U+0640, ، ؛ ؟ ٪ ٫ ٬ ۔, quotes,
# dashes, ZWNJ/ZWJ/LRM/RLM U+200C..U+200F). Only the rest is left to _NOISE_BUT_LF.
_PLAIN_RANGES = ((0x0621, 0x063A), (0x0641, 0x064A), (0x0660, 0x0669), (0x0671, 0x06D3),
                 (0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A))
_COMMON_NOISE = (" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\u00a0\u00ab\u00bb\u00a9\u00ae\u060c\u061b\u061f"
                 "\u066a\u066b\u066c\u06d4\u0640\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"
                 "\u200c\u200d\u200e\u200f" + "".join(map(chr, range(0x064B, 0x0660))) + "\u0670")
_COMMON_NOISE_RUN = re.compile("[" + "".join(map(re.escape, _COMMON_NOISE)) + "]+")
_OTHER_RUN = re.compile("[^" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _PLAIN_RANGES) + "\n]+")


def _drop_noise(match: re.Match[str]) -> str:
    return _NOISE_BUT_LF.sub("", match.group())


def _regex_line_keys(text: str) -> str:
    """`line_key` of each line of `text`, its line feeds kept (for texts mostly outside the alphabet)."""
    text = _COMMON_NOISE_RUN.sub("", text)
    text = _OTHER_RUN.sub(_drop_noise, text)  # whatever is left that is neither plain nor common
    # Five str.replace calls fold letters faster than str.translate with a dict table.
    for source, target in _FOLD.items():
        text = text.replace(chr(source), target)
    return text.casefold()


# The byte path. line_key works character by character (noise deleted, letters folded, then
# casefold, which has no context in CPython), so a text's key is its characters' keys joined.
# Each character of the one-byte alphabet of Arabic news text (tables.ONE_BYTE_ALPHABET) is
# encoded to one byte, and the key of every such character becomes one bytes.translate table,
# built from line_key itself. A character outside the alphabet is encoded as byte 0xFF (the
# alphabet has 238 characters) and keyed on its own afterwards.
_OUTSIDE = 0xFF
_ENCODE_MAP = codecs.charmap_build(ONE_BYTE_ALPHABET + "\ufffe" * (256 - len(ONE_BYTE_ALPHABET)))
_DECODE_TABLE = ONE_BYTE_ALPHABET + "\ufffe" * (255 - len(ONE_BYTE_ALPHABET)) + "\uffff"
_ESCAPE_ERRORS = "arabic_clean.structure.keys.outside"


def _escape_outside(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return bytes([_OUTSIDE]) * (error.end - error.start), error.end


codecs.register_error(_ESCAPE_ERRORS, _escape_outside)


def _key_bytes() -> tuple[bytes, bytes, dict[str, str]]:
    """The translate table and deleted bytes of the alphabet's keys, and keys longer than a byte."""
    table, delete, longer = bytearray(range(256)), bytearray(), {}
    for index, char in enumerate(ONE_BYTE_ALPHABET):
        if char == "\n":
            continue  # the line separator stays
        key = line_key(char)
        if not key:
            delete.append(index)
        elif len(key) == 1 and key in ONE_BYTE_ALPHABET:
            table[index] = ONE_BYTE_ALPHABET.index(key)
        else:
            longer[char] = key  # ß -> ss: put in after decoding
    return bytes(table), bytes(delete), longer


_KEY_TABLE, _KEY_DELETE, _LONGER_KEYS = _key_bytes()
_CHUNK = 1 << 16  # characters keyed at a time
# The same with the alphabet's spaces (as str.split() sees them: tab, space, U+00A0) kept as one
# space: keys with the words apart. No key of a character holds a space.
_SPACE_INDEX = ONE_BYTE_ALPHABET.index(" ")
_SPACES = {ONE_BYTE_ALPHABET.index(c) for c in ONE_BYTE_ALPHABET if c.isspace() and c != "\n"}
_SPACED_KEY_TABLE = bytes(_SPACE_INDEX if code in _SPACES else _KEY_TABLE[code] for code in range(256))
_SPACED_KEY_DELETE = bytes(code for code in _KEY_DELETE if code not in _SPACES)


@lru_cache(maxsize=4096)
def _character_key(char: str) -> str:
    """line_key of one character outside the alphabet (a memo of a pure function: emoji, CJK, ©)."""
    return line_key(char)


def encode_one_byte(text: str) -> bytes:
    """`text` one byte per character: its index in tables.ONE_BYTE_ALPHABET, or 0xFF outside it.

    >>> encode_one_byte("قال 日") == bytes([ONE_BYTE_ALPHABET.index(c) for c in "قال "]) + b"\\xff"
    True
    """
    return codecs.charmap_encode(text, _ESCAPE_ERRORS, _ENCODE_MAP)[0]


def _byte_line_keys(text: str, encoded: bytes) -> str | None:
    """`_regex_line_keys(text)` through bytes.translate, or None when most of it is outside the alphabet."""
    outside = encoded.count(_OUTSIDE)
    if outside > len(encoded) // 8:
        return None
    keyed = codecs.charmap_decode(encoded.translate(_KEY_TABLE, _KEY_DELETE), "strict", _DECODE_TABLE)[0]
    for char, key in _LONGER_KEYS.items():
        if char in keyed:
            keyed = keyed.replace(char, key)
    if not outside:
        return keyed
    # The k-th outside character stands after the first k pieces between them, and k bytes 0xFF.
    between = encoded.split(bytes([_OUTSIDE]))[:-1]
    chars = map(text.__getitem__, map(add, accumulate(map(len, between)), count()))
    pieces = keyed.split("\uffff")  # one sentinel per outside character, in order
    merged = [""] * (2 * len(pieces) - 1)
    merged[0::2] = pieces
    merged[1::2] = map(_character_key, chars)
    return "".join(merged)


def word_keys(lines: list[str], *, encoded: bytes | None = None) -> list[list[str]]:
    """The non-empty `line_key` of each word (`str.split()`) of each line, for lines without breaks.

    `encoded`, when the caller has it, is `encode_one_byte("\\n".join(lines))`.

    >>> word_keys(["فِي أَمريكا - اليوم", ""])
    [['في', 'امريكا', 'اليوم'], []]
    """
    return [line.split() for line in spaced_keys(lines, encoded=encoded)]


def spaced_keys(lines: list[str], *, encoded: bytes | None = None) -> list[str]:
    """The `line_key` of each line with its spaces kept, one for each space character (a deleted
    character between two spaces leaves both), so that `str.split()` gives its `word_keys`.

    >>> spaced_keys(["فِي أَمريكا - اليوم", "日 本"])
    ['في امريكا  اليوم', '日 本']
    """
    if not lines:
        return []
    if encoded is None:
        encoded = encode_one_byte("\n".join(lines))
    keyed = codecs.charmap_decode(encoded.translate(_SPACED_KEY_TABLE, _SPACED_KEY_DELETE), "strict", _DECODE_TABLE)[0]
    for char, key in _LONGER_KEYS.items():
        if char in keyed:
            keyed = keyed.replace(char, key)
    spaced = keyed.split("\n")
    if _OUTSIDE in encoded:  # a character outside the alphabet may be a space: key word by word
        for i, row in enumerate(encoded.split(bytes([ONE_BYTE_ALPHABET.index("\n")]))):
            if _OUTSIDE in row:
                spaced[i] = " ".join(key for key in line_keys(lines[i].split()) if key)
    return spaced


def line_keys(lines: list[str], *, encoded: bytes | None = None) -> list[str]:
    """`[line_key(line) for line in lines]` for lines without breaks, in one pass over their text.

    One pass over the joined text is several times faster than a call per line.
    (A new helper beside line_key; line_key itself is unchanged.) `encoded`, when the caller
    has it, is `encode_one_byte("\\n".join(lines))`.

    >>> line_keys(["أَمريكا: السجن", "", "امريكا السجن!"])
    ['امريكاالسجن', '', 'امريكاالسجن']
    >>> all(_NOISE.fullmatch(c) for c in _COMMON_NOISE), any(_NOISE.match(chr(c)) for a, b in _PLAIN_RANGES for c in range(a, b + 1))
    (True, False)
    """
    if not lines:
        return []
    text = "\n".join(lines)
    if encoded is None:
        encoded = encode_one_byte(text)
    # Pieces that stay in the CPU cache run faster than one large buffer (a 10 MB line ran 2.6x
    # slower than half of it); keys are per character, so any cut is exact.
    pieces = [_byte_line_keys(text[i:i + _CHUNK], encoded[i:i + _CHUNK]) for i in range(0, len(text), _CHUNK)]
    if None in pieces:
        return _regex_line_keys(text).split("\n")
    return "".join(pieces).split("\n")  # type: ignore[arg-type]


def copy_key(line: str) -> str:
    """`line_key` of the line with HTML entities decoded: `&quot;` is a quote, not the word quot.

    >>> copy_key("&quot;هدنة حلب&quot;") == line_key("هدنة حلب")
    True
    """
    return line_key(html.unescape(line) if "&" in line else line)


def copy_keys(lines: list[str]) -> list[str]:
    """`[copy_key(line) for line in lines]`: one `line_keys` pass, lines with entities redone alone."""
    keys = line_keys(lines)
    for i in [i for i, line in enumerate(lines) if "&" in line]:
        keys[i] = copy_key(lines[i])
    return keys
