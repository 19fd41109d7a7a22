"""The registry of passes: every name a pipeline, preset or CLI can use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

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

_ALL: tuple[Callable[..., str], ...] = (
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
)

#: Pass name -> function. Names are the functions' names.
PASSES: Mapping[str, Callable[..., str]] = MappingProxyType({f.__name__: f for f in _ALL})
