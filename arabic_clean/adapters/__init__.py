"""Thin adapters that run arabic-clean pipelines on existing distributed engines.

- `arabic_clean.adapters.hf_datasets`: Hugging Face ``datasets`` (``Dataset.map``,
  ``num_proc``, streaming): `clean_dataset`, `segment_dataset`, `count_steps`.
- `arabic_clean.adapters.datatrove`: datatrove pipeline steps:
  `ArabicCleanFormatter`, `EmptyTextFilter`.

Neither engine is imported by ``import arabic_clean`` or by this package: the
datatrove names below are loaded on first use, and the datasets functions only
call methods of the dataset they are given.

Module names differ from the engines' own packages (``hf_datasets``, not
``datasets``) and every import is absolute, so no adapter shadows the package it
adapts.
"""

from __future__ import annotations

from typing import Any

from arabic_clean.adapters._resolve import PipelineLike, as_pipeline
from arabic_clean.adapters.hf_datasets import (
    CleanColumn,
    SegmentColumn,
    clean_dataset,
    count_steps,
    segment_dataset,
)

_DATATROVE_NAMES = frozenset({"ArabicCleanFormatter", "EmptyTextFilter"})

__all__ = [
    "ArabicCleanFormatter",
    "CleanColumn",
    "EmptyTextFilter",
    "PipelineLike",
    "SegmentColumn",
    "as_pipeline",
    "clean_dataset",
    "count_steps",
    "segment_dataset",
]


def __getattr__(name: str) -> Any:
    # datatrove takes about a second to import (loguru, huggingface_hub): only on demand.
    if name in _DATATROVE_NAMES:
        from arabic_clean.adapters import datatrove

        return getattr(datatrove, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
