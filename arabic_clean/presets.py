"""Presets: named, immutable pipelines, each step with the reason it is there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from .offsets import Aligned
from .pipeline import Pipeline


@dataclass(frozen=True)
class Preset:
    """A named pipeline: ``steps`` pairs each pass spec with a one-line reason."""

    name: str
    description: str
    steps: tuple[tuple[str, str], ...]

    @property
    def names(self) -> list[str]:
        return [spec for spec, _ in self.steps]

    @cached_property
    def pipeline(self) -> Pipeline:
        return Pipeline.from_names(self.names)


_REPAIR_STEPS: tuple[tuple[str, str], ...] = (
    ("fix_mojibake", "UTF-8 read as windows-1256/1252 is unreadable; repair comes first"),
    ("unescape_html", "&quot; and &#1575; in plain text are scraper leftovers"),
    ("fold_presentation_forms", "ﻻ and contextual glyph forms are the same letters as لا"),
    ("remove_invisible", "bidi marks, zero-width and control characters are storage noise"),
    ("strip_tatweel", "kashida is typography; a tatweel used as a dash is kept"),
    ("normalize_whitespace", "NBSP, CRLF and space runs break tokenizers and line rules"),
)

_STRUCTURE_STEPS: tuple[tuple[str, str], ...] = (
    ("remove_chrome", "menus, share widgets, footers and lists are not the article"),
    ("strip_bylines", "author, agency, date and caption lines are not article prose"),
    ("dedupe_headlines", "scrapers repeat the headline (title tag, H1, alt text)"),
    ("dedupe_paragraphs", "a paragraph repeated in one document is a scraping artefact"),
    ("normalize_whitespace", "deleted lines leave doubled blank lines behind"),
)

_NORMALIZE_STEPS: tuple[tuple[str, str], ...] = (
    ("normalize_alef", "hamza on alef is spelled inconsistently; search should not care"),
    ("normalize_alef_maqsura", "ى and ي are swapped at word ends in Egyptian and web text"),
    ("normalize_teh_marbuta", "ة is often written ه in informal and older text"),
    ("strip_diacritics", "most text is unvocalized; vocalized copies should match it"),
    ("fold_persian_letters", "ک ی ہ from Persian keyboards are the Arabic letters ك ي ه"),
    ("normalize_digits:to=ascii", "٢٠٢٤ and 2024 are the same number"),
    ("strip_tatweel", "folding ة and ے to joining letters turns the tatweel after them to kashida"),
    ("normalize_whitespace", "a mark that stood alone leaves a doubled or trailing space"),
)

_SAFE_STEPS = _REPAIR_STEPS + _STRUCTURE_STEPS
# Letters are folded before the structure passes, so a second run sees the same text
# they decided on (they compare lines on folded keys, so their decisions do not change:
# benchmarks/structure_eval.py scores both orders the same).
_SEARCH_STEPS = _REPAIR_STEPS + _NORMALIZE_STEPS + _STRUCTURE_STEPS

#: Preset name -> Preset.
PRESETS: Mapping[str, Preset] = MappingProxyType({
    "repair": Preset(
        "repair", "encoding and character repair only: no line is removed", _REPAIR_STEPS
    ),
    "safe": Preset(
        "safe", "repair, then remove chrome, bylines and repeated headlines", _SAFE_STEPS
    ),
    "search": Preset(
        "search", "repair, fold spelling variants for search and matching, then structure",
        _SEARCH_STEPS,
    ),
})


def get_preset(preset: str | Preset) -> Preset:
    if isinstance(preset, Preset):
        return preset
    try:
        return PRESETS[preset]
    except KeyError:
        raise ValueError(f"unknown preset {preset!r}; presets: {', '.join(PRESETS)}") from None


def clean(text: str, *, preset: str | Preset = "safe") -> str:
    """Clean `text` with a preset pipeline.

    >>> clean("ﻻ\u00a0تـــراجع\u200f")
    'لا تراجع'
    """
    return get_preset(preset).pipeline(text)


def clean_aligned(text: str, *, preset: str | Preset = "safe") -> Aligned:
    """Clean `text` with a preset pipeline and keep the map back to it (`Pipeline.align`).

    >>> raw = "ﻻ\u00a0تـــراجع\u200f"
    >>> a = clean_aligned(raw)
    >>> a.text == clean(raw), a.text
    (True, 'لا تراجع')
    >>> raw[slice(*a.to_original(3, 8))]
    'تـــراجع'
    """
    return get_preset(preset).pipeline.align(text)
