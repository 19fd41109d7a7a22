"""datatrove adapter: pipeline steps that clean ``Document.text`` with arabic-clean.

datatrove does the distribution (readers, sharding into tasks, local or Slurm
executors, writers); these steps only choose a pipeline and move text, as
datatrove's own ``FTFYFormatter`` does around ``ftfy.fix_text``::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from arabic_clean.adapters.datatrove import ArabicCleanFormatter, EmptyTextFilter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        ArabicCleanFormatter("safe"),
        EmptyTextFilter(),
        JsonlWriter("clean/"),
    ], tasks=8).run()

`ArabicCleanFormatter` counts, besides datatrove's ``total``: ``changed``
(documents whose text changed), ``changed_<step>`` for each step that changed a
document (``changed_remove_chrome``), what a step reports of its own work
(``fix_mojibake: utf8_read_as_windows_1256``), ``emptied`` (text that cleaning
left blank) and ``doc_len`` after cleaning. `EmptyTextFilter` drops blank
documents with reason ``empty`` (stat ``dropped_empty``).

This module imports datatrove; ``arabic_clean`` and ``arabic_clean.adapters``
do not. Without datatrove the module still imports (so documentation tools and
doctest collection work), and creating a step raises ``ImportError`` saying
what to install.
"""

from __future__ import annotations

from typing import Any

from arabic_clean.adapters._resolve import PipelineLike, as_pipeline

try:
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.formatters.base import BaseFormatter
except ImportError as error:
    _IMPORT_ERROR: ImportError | None = error

    class _Unavailable:
        """Stands in for datatrove's base classes: creating a step says what to install."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise ImportError(
                "arabic_clean.adapters.datatrove needs datatrove: "
                "pip install 'arabic-clean[datatrove]'"
            ) from _IMPORT_ERROR

    BaseFormatter = BaseFilter = _Unavailable  # type: ignore[misc,assignment]
else:
    _IMPORT_ERROR = None

__all__ = ["ArabicCleanFormatter", "EmptyTextFilter"]


class ArabicCleanFormatter(BaseFormatter):
    """Clean each document's text with `pipeline`: a preset name, Preset, Pipeline or step list.

    ``step_stats=True`` (the default) runs `Pipeline.explain` to count what each
    step changed; steps then run one by one instead of fused. ``False`` runs the
    fused pipeline and counts only ``changed`` and ``emptied``.
    """

    name = "🧹 arabic-clean"

    def __init__(self, pipeline: PipelineLike = "safe", *, step_stats: bool = True) -> None:
        super().__init__()
        self.pipeline = as_pipeline(pipeline)
        self.step_stats = step_stats

    def format(self, text: str) -> str:
        return self.pipeline(text)

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        for document in data:
            self.stat_update("total")
            before = document.text
            with self.track_time():
                if self.step_stats:
                    explanation = self.pipeline.explain(before)
                    document.text = explanation.text
                else:
                    document.text = self.pipeline(before)
            if document.text != before:
                self.stat_update("changed")
                if self.step_stats:
                    # A step listed twice (normalize_whitespace) counts once per document.
                    steps = dict.fromkeys(explanation.steps)
                    self.stat_update(*(f"changed_{spec}" for spec in steps))
                    self.stat_update(*dict.fromkeys(explanation.details))
                if before.strip() and not document.text.strip():
                    self.stat_update("emptied")
            self.update_doc_stats(document)
            yield document


class EmptyTextFilter(BaseFilter):
    """Drop documents whose text is empty or only whitespace (reason ``empty``).

    Cleaning can leave a page that was all chrome blank; a filter, not the
    formatter, decides to drop it, so the formatter never loses a document.
    """

    name = "🧹 arabic-clean: drop empty"

    def filter(self, doc: Any) -> bool | tuple[bool, str]:
        return True if doc.text.strip() else (False, "empty")
