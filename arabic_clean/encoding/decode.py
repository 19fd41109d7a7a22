"""Turn the bytes of a file into text: BOMs, strict UTF-8, legacy windows-1256 Arabic.

Nothing is decoded with ``errors="replace"``: bytes that fit no rule raise `EncodingError`
naming where the first bad byte is, so a caller can see what to fix.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

from . import tables
from .mojibake import arabic_spelling_flaws

# (BOM, codec) in the order they are tried; a UTF-8 BOM cannot be confused with a UTF-16 one.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# windows-1256 bytes of Arabic text: letters 0xC1..0xFE except the French letters and signs the
# code page keeps there (à â ç è é ê ë î ï ô ù û ü × ÷), Arabic comma/semicolon/question mark
# (0xA1 0xBA 0xBF), NBSP 0xA0, guillemets 0xAB 0xBB, curly quotes and dashes 0x91..0x97,
# ellipsis 0x85, ZWNJ/ZWJ 0x9D 0x9E, LRM/RLM 0xFD 0xFE.
_LATIN_IN_WINDOWS_1256 = frozenset(b"\xd7\xe0\xe2\xe7\xe8\xe9\xea\xeb\xee\xef\xf4\xf7\xf9\xfb\xfc")
WINDOWS_1256_ARABIC_BYTES = (
    frozenset(range(0xC1, 0xFF)) - _LATIN_IN_WINDOWS_1256
) | frozenset(b"\xa0\xa1\xab\xba\xbb\xbf\x85\x91\x92\x93\x94\x96\x97\x9d\x9e")
_ARABIC_BYTES = bytes(sorted(WINDOWS_1256_ARABIC_BYTES))
assert min(_ARABIC_BYTES) >= 0x80
# Bytes windows-1256 and windows-1252 read as the same character: signs (© ® ° ± « » NBSP € …),
# the French letters windows-1256 keeps (à â ç è é ê ë î ï ô ù û ü) and × ÷.
SAME_IN_WINDOWS_1256_AND_1252 = frozenset(
    byte for byte in range(0x80, 0x100)
    if tables.WINDOWS_1256[byte] == tables.WINDOWS_1252[byte]
)
# Share of the non-ASCII bytes that must be windows-1256 Arabic, and share that must sit in
# runs of two or more with no ASCII letter glued on (Arabic words).
_MIN_ARABIC_SHARE = 0.9
_MIN_IN_WORDS_SHARE = 0.7
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
# And the Arabic must be spelled like Arabic ('ÆØÅ æøå' in latin-1 reads 'ئطإ وّه').
_MAX_FLAW_RATIO = 0.2
_ARABIC_LETTERS = re.compile("[\u0621-\u063a\u0640-\u064a]")


class EncodingError(ValueError):
    """Bytes that cannot be decoded; `offset`, `line` and `column` locate the first bad byte."""

    def __init__(self, message: str, *, offset: int, line: int, column: int) -> None:
        super().__init__(message)
        self.offset = offset
        self.line = line
        self.column = column


def decode_bytes(data: bytes, *, encoding: str = "auto") -> str:
    """Decode a file's bytes; ``encoding="auto"`` tries BOM, UTF-8, then windows-1256 Arabic.

    A file with no Arabic and one high byte that reads the same in windows-1256 and windows-1252
    ('©', 'é') decodes too: no code page needs to be guessed for it.

    An explicit `encoding` (any Python codec name) decodes strictly with it. ``"detect"`` does
    what "auto" does and, when that fails, asks charset-normalizer if it is installed.
    Line breaks are kept as they are (CRLF stays CRLF).

    >>> decode_bytes("العربية\\r\\n".encode("cp1256"))
    'العربية\\r\\n'
    >>> decode_bytes(b"\\xef\\xbb\\xbf" + "نص".encode())
    'نص'
    >>> decode_bytes(b"\\xa9 2012")
    '© 2012'

    Bytes of which a quarter are NUL or 0x06 (with at least one NUL) are refused: UTF-16
    without a byte order mark is valid UTF-8 more often than not, and cleaning would delete
    every NUL and U+0006 of it.
    """
    if encoding not in ("auto", "detect"):
        return _decode_strictly(data, encoding, skip=0)
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_strictly(data, codec, skip=len(mark))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    else:
        # UTF-16 without a byte order mark is often valid UTF-8: every other byte is the high
        # byte of a code unit, NUL for ASCII and 0x06 for Arabic (U+06xx). Text in which a
        # quarter of the bytes are NUL or U+0006 (a control no text uses) is not text.
        nuls = data.count(0)
        if nuls and (nuls + data.count(6)) * 4 >= len(data):
            raise _error(data, data.index(0), f"{nuls} NUL bytes, as in UTF-16 without a byte "
                         "order mark (give --encoding utf-16-le or utf-16-be)", "utf-8")
        return text
    if looks_like_windows_1256_arabic(data):
        text = data.decode("windows-1256")
        # Each distinct word is tested once (news text repeats most of its words), counted as
        # often as it stands.
        words = {word: times for word, times in Counter(text.split()).items()
                 if len(_ARABIC_LETTERS.findall(word)) >= 2}
        count = sum(words.values())
        flaws = sum(times * arabic_spelling_flaws(word) for word, times in words.items())
        # one odd word (a typo, an abbreviation) is tolerated once there are three
        if count and flaws <= max(_MAX_FLAW_RATIO * count, count >= 3):
            return text
    high = [byte for byte in data if byte >= 0x80][:2]
    if len(high) == 1 and high[0] in SAME_IN_WINDOWS_1256_AND_1252:
        # No Arabic and one high byte that means the same in both code pages (a '©' line): the
        # text is the same whichever of the two wrote it, so decoding it guesses nothing. More
        # such bytes and no Arabic letter (a file whose letters were lost to '?') stay an error.
        return data.decode("windows-1256")
    failure = _error(data, utf8_error.start, "neither UTF-8 nor windows-1256 Arabic", "utf-8")
    if encoding == "detect":
        return _detect(data, failure)
    raise failure


def looks_like_windows_1256_arabic(data: bytes) -> bool:
    """True when the non-ASCII bytes read as Arabic words in windows-1256.

    Arabic words are runs of non-ASCII bytes between spaces or punctuation; accented letters
    of a latin-1 French or German file sit alone or inside words of ASCII letters ('Größe').

    >>> looks_like_windows_1256_arabic("السلام عليكم".encode("cp1256"))
    True
    >>> looks_like_windows_1256_arabic("Größe café".encode("latin-1"))
    False
    """
    high = in_words = 0
    # Every byte of the set is >= 0x80, so all of them sit in the high runs: count them at once.
    arabic = len(data) - len(data.translate(None, _ARABIC_BYTES))
    for run in _HIGH_RUN.finditer(data):
        size = run.end() - run.start()
        high += size
        touches_latin = data[run.start() - 1 : run.start()].isalpha() or data[
            run.end() : run.end() + 1
        ].isalpha()
        in_words += size if size > 1 and not touches_latin else 0
    return (
        high > 0
        and arabic >= _MIN_ARABIC_SHARE * high
        and in_words >= _MIN_IN_WORDS_SHARE * high
    )


def _decode_strictly(data: bytes, codec: str, *, skip: int) -> str:
    try:
        codecs.lookup(codec)
    except LookupError:
        raise EncodingError(
            f"unknown encoding {codec!r}", offset=0, line=1, column=1
        ) from None
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as error:
        raise _error(data, skip + error.start, f"not valid {codec}", codec, skip=skip) from None
    except (UnicodeError, ValueError) as error:  # codecs that fail without a position: punycode
        raise EncodingError(f"cannot decode with {codec!r}: {error}", offset=0, line=1,
                            column=1) from None


def _error(data: bytes, offset: int, what: str, codec: str, *, skip: int = 0) -> EncodingError:
    try:
        before = data[skip:offset].decode(codec, errors="replace")
    except (UnicodeError, ValueError, LookupError):  # 'idna' has no 'replace': count bytes
        before = data[skip:offset].decode("latin-1")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return EncodingError(
        f"{what}: byte 0x{data[offset]:02X} at offset {offset} (line {line}, column {column})",
        offset=offset,
        line=line,
        column=column,
    )


def _detect(data: bytes, failure: EncodingError) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise failure from None
    best = from_bytes(data).best()
    if best is None:
        raise failure
    return str(best)
