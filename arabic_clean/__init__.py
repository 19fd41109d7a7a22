"""arabic-clean: composable pure-function passes for scraped Arabic news text.

>>> from arabic_clean import clean
>>> clean("ﻻ\u00a0تـــراجع")
'لا تراجع'

Names are imported on first use (PEP 562): ``import arabic_clean`` costs a few milliseconds,
and the passes, their compiled tables and ftfy load when something asks for them, so a CLI
call that only prints ``--help`` or a usage error does not pay for them.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~10 ms)

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    "EncodingError": ".encoding",
    "decode_bytes": ".encoding",
    "fix_mojibake": ".encoding",
    "unescape_html": ".encoding",
    "fold_persian_letters": ".normalize",
    "normalize_alef": ".normalize",
    "normalize_alef_maqsura": ".normalize",
    "normalize_digits": ".normalize",
    "normalize_hamza": ".normalize",
    "normalize_punctuation": ".normalize",
    "normalize_teh_marbuta": ".normalize",
    "strip_diacritics": ".normalize",
    "Aligned": ".offsets",
    "Removal": ".offsets",
    "SpanMap": ".offsets",
    "PASSES": ".passes",
    "Deletion": ".pipeline",
    "Explanation": ".pipeline",
    "Pipeline": ".pipeline",
    "Step": ".pipeline",
    "StepRun": ".pipeline",
    "PRESETS": ".presets",
    "Preset": ".presets",
    "clean": ".presets",
    "clean_aligned": ".presets",
    "get_preset": ".presets",
    "fold_presentation_forms": ".repair",
    "normalize_whitespace": ".repair",
    "remove_invisible": ".repair",
    "strip_tatweel": ".repair",
    "segment_sentences": ".sentences",
    "sentence_spans": ".sentences",
    "Boilerplate": ".structure",
    "dedupe_headlines": ".structure",
    "dedupe_paragraphs": ".structure",
    "learn_boilerplate": ".structure",
    "remove_chrome": ".structure",
    "strip_bylines": ".structure",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # what type checkers and IDEs see: the same names, imported eagerly
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
    from .offsets import Aligned, Removal, SpanMap
    from .passes import PASSES
    from .pipeline import Deletion, Explanation, Pipeline, Step, StepRun
    from .presets import PRESETS, Preset, clean, clean_aligned, get_preset
    from .repair import (
        fold_presentation_forms,
        normalize_whitespace,
        remove_invisible,
        strip_tatweel,
    )
    from .sentences import segment_sentences, sentence_spans
    from .structure import (
        Boilerplate,
        dedupe_headlines,
        dedupe_paragraphs,
        learn_boilerplate,
        remove_chrome,
        strip_bylines,
    )
