"""The registry of passes: every name a pipeline, preset or CLI can use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from .encoding import fix_mojibake, unescape_html
from .normalize import (
    fold_persian_letters,
    normalize_alef,
    normalize_alef_maqsura,
    normalize_digits,
    normalize_hamza,
    normalize_punctuation,
    normalize_teh_marbuta,
    strip_diacritics,
)
from .repair import fold_presentation_forms, normalize_whitespace, remove_invisible, strip_tatweel
from .structure import dedupe_headlines, dedupe_paragraphs, remove_chrome, strip_bylines

_ALL: tuple[Callable[..., str], ...] = (
    fix_mojibake,
    unescape_html,
    remove_invisible,
    normalize_whitespace,
    fold_presentation_forms,
    strip_tatweel,
    strip_diacritics,
    normalize_alef,
    normalize_alef_maqsura,
    normalize_teh_marbuta,
    normalize_hamza,
    fold_persian_letters,
    normalize_digits,
    normalize_punctuation,
    remove_chrome,
    strip_bylines,
    dedupe_headlines,
    dedupe_paragraphs,
)

#: Pass name -> function. Names are the functions' names.
PASSES: Mapping[str, Callable[..., str]] = MappingProxyType({f.__name__: f for f in _ALL})
