"""Encoding repair: mojibake, HTML entities in plain text, and bytes of unknown encoding.

Repair, not normalization: every function here only undoes damage done by a wrong decoding or
escaping, and leaves clean text byte-identical.
"""

from __future__ import annotations

from .decode import EncodingError, decode_bytes
from .entities import unescape_html
from .mojibake import explain_mojibake, fix_mojibake

__all__ = ["EncodingError", "decode_bytes", "explain_mojibake", "fix_mojibake", "unescape_html"]
