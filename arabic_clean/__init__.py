"""arabic-clean: composable pure-function passes for scraped Arabic news text.

>>> from arabic_clean import clean
>>> clean("ﻻ\u00a0تـــراجع")
'لا تراجع'
"""

from .encoding import EncodingError, decode_bytes, fix_mojibake, unescape_html
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
from .passes import PASSES
from .pipeline import Deletion, Explanation, Pipeline, Step, StepRun
from .presets import PRESETS, Preset, clean, get_preset
from .repair import fold_presentation_forms, normalize_whitespace, remove_invisible, strip_tatweel
from .sentences import segment_sentences, sentence_spans
from .structure import (
    Boilerplate,
    dedupe_headlines,
    dedupe_paragraphs,
    learn_boilerplate,
    remove_chrome,
    strip_bylines,
)

__version__ = "0.1.0"

__all__ = [
    "Boilerplate",
    "EncodingError",
    "PASSES",
    "PRESETS",
    "Deletion",
    "Explanation",
    "Pipeline",
    "Preset",
    "Step",
    "StepRun",
    "clean",
    "decode_bytes",
    "dedupe_headlines",
    "dedupe_paragraphs",
    "fix_mojibake",
    "learn_boilerplate",
    "remove_chrome",
    "segment_sentences",
    "sentence_spans",
    "strip_bylines",
    "unescape_html",
    "fold_persian_letters",
    "fold_presentation_forms",
    "get_preset",
    "normalize_alef",
    "normalize_alef_maqsura",
    "normalize_digits",
    "normalize_hamza",
    "normalize_punctuation",
    "normalize_teh_marbuta",
    "normalize_whitespace",
    "remove_invisible",
    "strip_diacritics",
    "strip_tatweel",
]
