"""The registry of passes: every name a pipeline, preset or CLI can use.

A pass's module is imported when the pass is first looked up, so a pipeline loads only the
passes it names (``--passes remove_invisible`` never compiles the structure passes' tables).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module

#: Pass name -> the module that defines it, in the order `PASSES` lists them.
_MODULES: dict[str, str] = {
    "fix_mojibake": ".encoding",
    "unescape_html": ".encoding",
    "remove_invisible": ".repair",
    "normalize_whitespace": ".repair",
    "fold_presentation_forms": ".repair",
    "strip_tatweel": ".repair",
    "strip_diacritics": ".normalize",
    "normalize_alef": ".normalize",
    "normalize_alef_maqsura": ".normalize",
    "normalize_teh_marbuta": ".normalize",
    "normalize_hamza": ".normalize",
    "fold_persian_letters": ".normalize",
    "normalize_digits": ".normalize",
    "normalize_punctuation": ".normalize",
    "remove_chrome": ".structure",
    "strip_bylines": ".structure",
    "dedupe_headlines": ".structure",
    "dedupe_paragraphs": ".structure",
}


class _Passes(Mapping[str, Callable[..., str]]):
    """Read-only name -> function; looking a name up imports its module."""

    def __getitem__(self, name: str) -> Callable[..., str]:
        module = _MODULES[name]  # KeyError for an unknown name, as a dict would
        return getattr(import_module(module, __package__), name)

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)

    def __contains__(self, name: object) -> bool:
        return name in _MODULES

    def __repr__(self) -> str:
        return f"PASSES({', '.join(_MODULES)})"


#: Pass name -> function. Names are the functions' names.
PASSES: Mapping[str, Callable[..., str]] = _Passes()
