"""A character table run at ``bytes.translate`` speed.

Python has no fast way to map or delete many distinct non-ASCII characters in
a ``str``: ``str.translate`` looks each character up in a dict (about 30 MB/s
on Arabic text) and a regex scans one character at a time (about 250 MB/s).
But the ``charmap`` codec encodes and decodes through a fixed table in C, and
``bytes.translate`` maps and deletes bytes at several GB/s. So a table whose
keys and outputs fit in :data:`~arabic_clean.tables.ONE_BYTE_ALPHABET` runs as

    encode to one byte per character -> bytes.translate -> decode

Characters outside the alphabet (emoji, rare marks, other scripts) are not an
error: the encoder's error handler escapes each run of them to byte 255 and
records it; after decoding, each escaped character is mapped on its own and put
back in place. A text with many such runs (a Russian article, say) is handed
back to the caller's slower path after a bounded amount of wasted work.
"""

from __future__ import annotations

import codecs
import threading
from collections.abc import Callable, Mapping

from .tables import ONE_BYTE_ALPHABET

_ESCAPE = 0xFF
_SENTINEL = "\uffff"  # what an escaped character decodes to; never encodable itself
_UNDEFINED = "\ufffe"  # the charmap codec's "no character here"

_ENCODING_MAP = codecs.charmap_build(
    ONE_BYTE_ALPHABET + _UNDEFINED * (256 - len(ONE_BYTE_ALPHABET))
)
_DECODING_TABLE = ONE_BYTE_ALPHABET + _UNDEFINED * (255 - len(ONE_BYTE_ALPHABET)) + _SENTINEL
_INDEX = {char: i for i, char in enumerate(ONE_BYTE_ALPHABET)}
assert len(ONE_BYTE_ALPHABET) < _ESCAPE and len(_INDEX) == len(ONE_BYTE_ALPHABET)
assert type(_ENCODING_MAP).__name__ == "EncodingMap", "the codec fell back to a slow dict"

#: Characters per chunk (see `compile_byte_table`), measured by benchmarks/normalize_speed.py.
CHUNK = 1 << 16

_state = threading.local()
_HANDLER = "arabic_clean.escape"


class _TooManyEscapes(Exception):
    """Most of the text is outside the alphabet: the byte path would be slow."""


def _escape(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    runs = _state.runs
    runs.append(error.object[error.start:error.end])
    if len(runs) > 32 + len(error.object) // 512:
        raise _TooManyEscapes
    return bytes([_ESCAPE]) * (error.end - error.start), error.end


codecs.register_error(_HANDLER, _escape)


def compile_byte_table(
    mapping: Mapping[str, str], fallback: Callable[[str], str]
) -> Callable[[str], str] | None:
    """A function applying `mapping` through bytes, or None if it cannot.

    It cannot when a key inside the alphabet maps to more than one character or
    to a character outside the alphabet; it declines when no key is inside it. `fallback` handles texts that are
    mostly outside the alphabet.
    """
    table = bytearray(range(256))
    delete = bytearray()
    outside: dict[str, str] = {}
    for key, value in mapping.items():
        index = _INDEX.get(key)
        if index is None:
            outside[key] = value
        elif value == "":
            delete.append(index)
        elif value in _INDEX:
            table[index] = _INDEX[value]
        else:
            return None
    if len(outside) == len(mapping):
        return None  # nothing to translate inside the alphabet: a regex search is cheaper
    translate_table, delete_bytes = bytes(table), bytes(delete)
    touches_ascii = any(key.isascii() for key in mapping)
    get = outside.get
    encode, decode = codecs.charmap_encode, codecs.charmap_decode

    def run(text: str) -> str:
        if not touches_ascii and text.isascii():
            return text
        if len(text) <= CHUNK:
            return run_chunk(text)
        # Chunks that stay in the CPU cache run about 2x faster than one
        # large buffer; the table has no context, so any cut is exact.
        return "".join([run_chunk(text[i:i + CHUNK]) for i in range(0, len(text), CHUNK)])

    def run_chunk(text: str) -> str:
        _state.runs = runs = []
        try:
            encoded = encode(text, _HANDLER, _ENCODING_MAP)[0]
        except _TooManyEscapes:
            return fallback(text)
        decoded = decode(encoded.translate(translate_table, delete_bytes), "strict",
                         _DECODING_TABLE)[0]
        if not runs:
            return decoded
        pieces = decoded.split(_SENTINEL)
        merged: list[str] = [""] * (2 * len(pieces) - 1)
        merged[0::2] = pieces
        merged[1::2] = [get(char, char) for run in runs for char in run]
        return "".join(merged)

    return run
