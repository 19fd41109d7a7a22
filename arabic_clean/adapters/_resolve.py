"""What the adapters accept as a pipeline: a preset name, a Preset, a Pipeline or step specs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Union

from arabic_clean.pipeline import Pipeline, StepLike
from arabic_clean.presets import Preset, get_preset

PipelineLike = Union[str, Preset, Pipeline, Sequence[StepLike]]


def as_pipeline(pipeline: PipelineLike) -> Pipeline:
    """The Pipeline an adapter runs: a preset by name, else the steps given.

    >>> as_pipeline("repair").names[:2]
    ['fix_mojibake', 'unescape_html']
    >>> as_pipeline(["strip_diacritics"])("العَرَبِيَّة")
    'العربية'
    """
    if isinstance(pipeline, Pipeline):
        return pipeline
    if isinstance(pipeline, (str, Preset)):
        # One string is a preset name; a single step is written as a one-item list.
        return get_preset(pipeline).pipeline
    if isinstance(pipeline, Sequence):
        return Pipeline(pipeline)
    raise TypeError(
        "pipeline must be a preset name, a Preset, a Pipeline or a list of step names, "
        f"not {type(pipeline).__name__}"
    )
