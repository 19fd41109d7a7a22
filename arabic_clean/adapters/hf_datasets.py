"""Hugging Face `datasets` adapter: clean or segment a text column with `.map`.

`datasets` does the distribution (``num_proc`` worker processes, Arrow caching,
streaming); this module only chooses a pipeline and moves text. The map
functions are top-level classes holding a `Pipeline` and column names, not
closures, so worker processes can unpickle them and datasets' fingerprint of
the transform is the same on every run: a second run with the same pipeline
reuses the cached Arrow file.

Missing values (``None``) stay missing; any other non-``str`` value raises a
``TypeError`` that names the column.

`datasets` is never imported here at module level: the caller's dataset object
is all these functions need, so ``import arabic_clean`` works without it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, TypeVar

from arabic_clean.adapters._resolve import PipelineLike, as_pipeline
from arabic_clean.pipeline import Pipeline
from arabic_clean.sentences import segment_sentences

__all__ = ["CleanColumn", "SegmentColumn", "clean_dataset", "count_steps", "segment_dataset"]

D = TypeVar("D")


def _checked(value: Any, column: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"column {column!r} holds {type(value).__name__}, not str")


@dataclass(frozen=True)
class CleanColumn:
    """A picklable ``map`` function: `pipeline` over `column`, written to `output_column`.

    With `steps_column`, each row also gets the specs of the steps that changed
    it (`Pipeline.explain`; slower: steps run one by one, unfused).

    >>> from arabic_clean import Pipeline
    >>> clean = CleanColumn(Pipeline.from_names(["strip_tatweel"]), "text", "text", "cleaned_by")
    >>> clean({"text": ["تـــراجع", None]})
    {'text': ['تراجع', None], 'cleaned_by': [['strip_tatweel'], []]}
    >>> row_clean = CleanColumn(clean.pipeline, "text", "text", "cleaned_by", batched=False)
    >>> row_clean({"text": "تـــراجع"})
    {'text': 'تراجع', 'cleaned_by': ['strip_tatweel']}
    """

    pipeline: Pipeline
    column: str = "text"
    output_column: str = "text"
    steps_column: str | None = None
    batched: bool = True

    def __call__(self, row_or_batch: dict[str, Any]) -> dict[str, Any]:
        if self.batched:
            results = [self._clean(value) for value in row_or_batch[self.column]]
            output: dict[str, Any] = {self.output_column: [text for text, _ in results]}
            if self.steps_column is not None:
                output[self.steps_column] = [steps for _, steps in results]
            return output
        text, steps = self._clean(row_or_batch[self.column])
        output = {self.output_column: text}
        if self.steps_column is not None:
            output[self.steps_column] = steps
        return output

    def _clean(self, value: Any) -> tuple[str | None, list[str]]:
        text = _checked(value, self.column)
        if text is None:
            return None, []
        if self.steps_column is None:
            return self.pipeline(text), []
        explanation = self.pipeline.explain(text)
        return explanation.text, list(explanation.steps)


@dataclass(frozen=True)
class SegmentColumn:
    """A picklable ``map`` function: the sentences of `column` as a list in `output_column`.

    >>> SegmentColumn("text", "sentences")({"text": ["قال. ثم مضى.", None]})
    {'sentences': [['قال.', 'ثم مضى.'], []]}
    """

    column: str = "text"
    output_column: str = "sentences"
    batched: bool = True

    def __call__(self, row_or_batch: dict[str, Any]) -> dict[str, Any]:
        if self.batched:
            return {self.output_column: [self._segment(v) for v in row_or_batch[self.column]]}
        return {self.output_column: self._segment(row_or_batch[self.column])}

    def _segment(self, value: Any) -> list[str]:
        text = _checked(value, self.column)
        return [] if text is None else segment_sentences(text)


def clean_dataset(
    dataset: D,
    *,
    pipeline: PipelineLike = "safe",
    column: str = "text",
    output_column: str | None = None,
    steps_column: str | None = None,
    num_proc: int | None = None,
    batched: bool = True,
    batch_size: int = 1000,
) -> D:
    """`dataset` with `column` cleaned by `pipeline` (a preset name, Preset, Pipeline or step list).

    Works on a ``Dataset``, ``IterableDataset``, ``DatasetDict`` or
    ``IterableDatasetDict``. The result goes to `output_column` (default: replace
    `column`); `steps_column` adds, per row, the specs of the steps that changed
    it (count them with `count_steps`). `num_proc`, `batched` and `batch_size`
    are passed to ``map`` (``IterableDataset.map`` has no ``num_proc``).
    """
    clean = CleanColumn(as_pipeline(pipeline), column, output_column or column, steps_column,
                        batched)
    new = {clean.output_column: None}
    if steps_column is not None:
        new[steps_column] = "list"
    return _map(dataset, clean, new, num_proc=num_proc, batch_size=batch_size,
                desc=f"arabic-clean {column}")


def segment_dataset(
    dataset: D,
    *,
    column: str = "text",
    output_column: str = "sentences",
    num_proc: int | None = None,
    batched: bool = True,
    batch_size: int = 1000,
) -> D:
    """`dataset` with `output_column` holding the sentences of `column` (`segment_sentences`).

    Text is not cleaned first: compose with `clean_dataset` for that.
    """
    segment = SegmentColumn(column, output_column, batched)
    return _map(dataset, segment, {output_column: "list"}, num_proc=num_proc,
                batch_size=batch_size, desc=f"arabic-clean sentences of {column}")


def count_steps(dataset: Any, column: str = "cleaned_by") -> Counter[str]:
    """How many rows each step changed, from the `steps_column` that `clean_dataset` wrote.

    A step listed twice in a pipeline (``normalize_whitespace``) counts once per row.
    """
    counts: Counter[str] = Counter()
    for row in dataset.select_columns([column]):
        counts.update(set(row[column]))
    return counts


def _map(dataset: Any, function: CleanColumn | SegmentColumn, new_columns: dict[str, Any], *,
         num_proc: int | None, batch_size: int, desc: str) -> Any:
    import datasets  # the caller holds a dataset, so datasets is installed

    if isinstance(dataset, (datasets.DatasetDict, datasets.IterableDatasetDict)):
        return type(dataset)({
            split: _map(part, function, new_columns, num_proc=num_proc, batch_size=batch_size,
                        desc=desc)
            for split, part in dataset.items()
        })
    if function.column not in (dataset.column_names or [function.column]):
        raise KeyError(f"no column {function.column!r}; columns: {dataset.column_names}")
    options: dict[str, Any] = {"batched": function.batched}
    if function.batched:
        options["batch_size"] = batch_size
    features = _features(datasets, dataset, function.column, new_columns)
    if features is not None:
        options["features"] = features
    if isinstance(dataset, datasets.Dataset):
        options["desc"] = desc
        if num_proc is not None:
            options["num_proc"] = num_proc
    elif num_proc not in (None, 1):
        raise ValueError(f"{type(dataset).__name__}.map has no num_proc (only Dataset.map has)")
    return dataset.map(function, **options)


def _features(datasets: Any, dataset: Any, column: str, new_columns: dict[str, Any]) -> Any:
    # Arrow infers a column's type from its first batch; a batch of empty lists
    # would fix it to list<null> and the next batch of strings would fail to cast.
    if dataset.features is None:
        return None
    features = dataset.features.copy()
    list_of = getattr(datasets, "List", None) or datasets.Sequence
    for name, kind in new_columns.items():
        if kind == "list":
            features[name] = list_of(datasets.Value("string"))
        else:
            features[name] = features[column]
    return features
