"""Pipelines: named, replayable sequences of passes with fused character steps."""

from __future__ import annotations

import inspect
from functools import partial
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from .passes import PASSES
from .rules import compile_rules
# The structure package (its lexicons and patterns) is imported where a structure pass runs,
# not here: a pipeline of character passes does not load it.

if TYPE_CHECKING:
    from .offsets import Aligned

Option = Union[str, int, float, bool, None]


@dataclass(frozen=True)
class Step:
    """One pass with its options, e.g. ``Step("normalize_digits", normalize_digits, (("to", "arabic"),))``."""

    name: str
    func: Callable[..., str]
    options: tuple[tuple[str, Any], ...] = ()

    def __call__(self, text: str) -> str:
        return self.func(text, **dict(self.options))

    @property
    def spec(self) -> str:
        """The replayable name: ``"normalize_digits"`` or ``"normalize_digits:to=arabic"``."""
        if not self.options:
            return self.name
        return self.name + ":" + ",".join(f"{k}={_format_option(v)}" for k, v in self.options)

    def details(self, text: str) -> list[str]:
        """What the pass reports of its own work on `text`, as ``"step: detail"`` (``[]`` for a
        pass that reports nothing): ``fix_mojibake: utf8_read_as_windows_1256``."""
        report = getattr(self.func, "explain", None)
        return [] if report is None else [f"{self.name}: {item}" for item in report(text)]

    @property
    def line_form(self) -> Callable[..., tuple[str, list[tuple[int, str]]]] | None:
        """The pass's line form, for passes that delete whole lines (structure/fused.py)."""
        return getattr(self.func, "line_form", None)

    @property
    def char_rules(self) -> tuple | None:
        build = getattr(self.func, "char_rules", None)
        return None if build is None else build(**dict(self.options))

    @classmethod
    def parse(cls, spec: str) -> Step:
        """A step from its spec: ``name`` or ``name:key=value,key=value``."""
        name, _, option_text = spec.strip().partition(":")
        func = _lookup(name)
        options: dict[str, Any] = {}
        if option_text:
            for item in option_text.split(","):
                key, sep, value = item.partition("=")
                if not sep:
                    raise ValueError(f"option {item!r} in step {spec!r} is not key=value")
                options[key.strip()] = value.strip()
        return cls.build(name, func, options, parse_values=True)

    @classmethod
    def build(cls, name: str, func: Callable[..., str], options: Mapping[str, Any],
              *, parse_values: bool = False) -> Step:
        parameters = inspect.signature(func).parameters
        allowed = {n: p for n, p in parameters.items() if p.kind is p.KEYWORD_ONLY}
        values = {}
        for key, value in options.items():
            if key not in allowed:
                choices = ", ".join(allowed) or "none"
                raise ValueError(f"{name} has no option {key!r} (options: {choices})")
            default = allowed[key].default
            values[key] = _parse_option(key, value, default) if parse_values else value
        return cls(name, func, tuple(sorted(values.items())))


def _lookup(name: str) -> Callable[..., str]:
    try:
        return PASSES[name]
    except KeyError:
        raise ValueError(f"unknown pass {name!r}; known passes: {', '.join(PASSES)}") from None


def _format_option(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _parse_option(key: str, value: str, default: Any) -> Any:
    if isinstance(default, bool):
        if value.lower() in ("true", "1", "yes"):
            return True
        if value.lower() in ("false", "0", "no"):
            return False
        raise ValueError(f"option {key} takes true or false, not {value!r}")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


StepLike = Union[Step, str, Callable[..., str], tuple]


def _as_step(item: StepLike) -> Step:
    if isinstance(item, Step):
        return item
    if isinstance(item, str):
        return Step.parse(item)
    if isinstance(item, tuple) and len(item) == 2:
        name, options = item
        return Step.build(name, _lookup(name), options)
    if callable(item):
        name = getattr(item, "__name__", type(item).__name__)
        return Step(name, item)
    raise TypeError(f"a pipeline step must be a name, a function or a Step, not {item!r}")


class Deletion(NamedTuple):
    """A line a step deleted, and why: ``Deletion("remove_chrome", "lexicon", 41, "جميع الحقوق محفوظة")``.

    ``line`` is the 0-based number of the line in that step's input (lines split at CRLF, LF
    or CR); ``text`` is the line without its line break. The reasons are listed in
    `arabic_clean.structure.REASONS`.
    """

    step: str
    reason: str
    line: int
    text: str


class StepRun(NamedTuple):
    """One run of one step (`Pipeline.trace`): its input, its output and the lines it deleted."""

    step: str
    position: int  # in Pipeline.steps
    before: str
    after: str
    deletions: tuple[Deletion, ...]


def _step_run(step: Step, position: int, before: str, after: str,
              removed: Sequence[tuple[int, str]]) -> StepRun:
    if removed:  # only structure passes remove lines: their package is loaded already
        from .structure._lines import split_lines
    originals = split_lines(before) if removed else []
    deletions = tuple(Deletion(step.spec, reason, line, originals[line].rstrip("\r\n")) for line, reason in removed)
    return StepRun(step.spec, position, before, after, deletions)


class Explanation(NamedTuple):
    """What a pipeline did: the result and the specs of the steps that changed it.

    ``Pipeline.from_names(explanation.steps)(text) == explanation.text``.
    ``details`` adds what a step reports of its own work, as ``"step: detail"``
    (``fix_mojibake: utf8_read_as_windows_1256``). ``removed`` counts the lines each
    line-deleting step removed, by reason, as ``(("remove_chrome:lexicon", 3), ...)``;
    ``deletions`` lists those lines (filled by ``explain(text, lines=True)``).
    """

    text: str
    steps: tuple[str, ...]
    details: tuple[str, ...] = ()
    removed: tuple[tuple[str, int], ...] = ()
    deletions: tuple[Deletion, ...] = ()


class Pipeline:
    """A sequence of passes, callable ``str -> str``.

    Adjacent character passes run as one fused, compiled step; `explain` still
    reports them by name.

    >>> p = Pipeline.from_names(["strip_diacritics", "normalize_alef"])
    >>> p("أَهْلاً")
    'اهلا'
    >>> p.names
    ['strip_diacritics', 'normalize_alef']
    """

    def __init__(self, steps: Iterable[StepLike] = ()) -> None:
        self.steps: tuple[Step, ...] = tuple(_as_step(s) for s in steps)
        self._program: Callable[[str], str] | None = None
        self._aligned_runs: list | None = None

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Pipeline:
        if isinstance(names, str):
            raise TypeError("from_names takes a list of names, not one string")
        return cls(Step.parse(n) for n in names)

    @property
    def names(self) -> list[str]:
        return [s.spec for s in self.steps]

    def __call__(self, text: str) -> str:
        if not isinstance(text, str):
            raise TypeError(f"a pipeline cleans str, not {type(text).__name__}")
        if self._program is None:
            self._program = _fuse(self.steps)
        return self._program(text)

    def align(self, text: str) -> Aligned:
        """Clean `text` and keep the map back to it: ``align(text).text == self(text)``.

        A separate, slower path (arabic_clean/alignment.py, docs/offsets.md); calling the
        pipeline does not run it.

        >>> a = Pipeline.from_names(["unescape_html", "fold_presentation_forms"]).align("&quot;ﻻ&quot;")
        >>> a.text, a.to_original(1, 2), a.to_original(1, 3)
        ('"لا"', (6, 7), (6, 7))
        >>> a.to_cleaned(0, 6), a.deleted
        ((0, 1), ())
        """
        if not isinstance(text, str):
            raise TypeError(f"a pipeline cleans str, not {type(text).__name__}")
        from .alignment import align_with, aligned_runs

        if self._aligned_runs is None:
            self._aligned_runs = aligned_runs(self.steps)
        return align_with(self._aligned_runs, text)

    def explain(self, text: str, *, lines: bool = False) -> Explanation:
        """Run step by step, name the steps that changed the text and say why lines went.

        Adjacent structure passes run as they do in the pipeline, as one group repeated until
        it changes nothing (structure/fused.py); a deletion's ``line`` is in the text that step
        received in that round.

        >>> Pipeline.from_names(["fix_mojibake", "strip_diacritics"]).explain("ط§ظ„ط¹ط±ط¨ظٹط©")
        Explanation(text='العربية', steps=('fix_mojibake',), details=('fix_mojibake: utf8_read_as_windows_1256',), removed=(), deletions=())
        >>> e = Pipeline.from_names(["strip_bylines"]).explain("العنوان\\nرويترز\\nقال الوزير إن العمل مستمر.\\n", lines=True)
        >>> e.removed, e.deletions
        ((('strip_bylines:byline', 1),), (Deletion(step='strip_bylines', reason='byline', line=1, text='رويترز'),))
        """
        changed: set[int] = set()  # positions in self.steps
        details: list[str] = []
        counts: dict[str, int] = {}
        deleted: list[Deletion] = []
        for run in self.trace(text):
            step = self.steps[run.position]
            if run.after != run.before and run.position not in changed:
                changed.add(run.position)
                details.extend(step.details(run.before))
            for deletion in run.deletions:
                label = f"{deletion.step}:{deletion.reason}"
                counts[label] = counts.get(label, 0) + 1
            if lines:
                deleted.extend(run.deletions)
            text = run.after
        steps = tuple(self.steps[i].spec for i in sorted(changed))  # in pipeline order, for replay
        return Explanation(text, steps, tuple(details), tuple(counts.items()), tuple(deleted))

    def trace(self, text: str) -> Iterator[StepRun]:
        """Each run of a step, in the order the pipeline runs them, with what it deleted.

        A fused group of structure passes runs to its fixed point, so a step can run more than
        once (structure/fused.py); character steps run one by one. The last run's ``after``
        is ``pipeline(text)``.

        >>> [(r.step, r.after) for r in Pipeline.from_names(["strip_tatweel", "normalize_alef"]).trace("أهـــلا")]
        [('strip_tatweel', 'أهلا'), ('normalize_alef', 'اهلا')]
        """
        position = 0
        for group in _groups(self.steps):
            first = position
            position += len(group)
            if len(group) > 1 and group[0].line_form is not None:
                from .structure.fused import run_fused

                runs: list[StepRun] = []
                run_fused(text, [(s.func, dict(s.options)) for s in group], named=True,
                          record=lambda i, before, after, removed, first=first:
                          runs.append(_step_run(self.steps[first + i], first + i, before.render(),
                                                after.render(), removed)))
                yield from runs
                if runs:
                    text = runs[-1].after
                continue
            for offset, step in enumerate(group):
                if step.line_form is not None:
                    result, removed = step.line_form(text, named=True, **dict(step.options))
                else:
                    result, removed = step(text), []
                yield _step_run(step, first + offset, text, result, removed)
                text = result

    def without(self, *names: str) -> Pipeline:
        """The pipeline minus every step of the named passes (the CLI's ``--skip``).

        >>> Pipeline.from_names(["strip_tatweel", "normalize_alef"]).without("strip_tatweel").names
        ['normalize_alef']
        """
        unknown = [name for name in names if name not in PASSES]
        if unknown:
            raise ValueError(f"unknown pass {unknown[0]!r}; known passes: {', '.join(PASSES)}")
        return Pipeline(s for s in self.steps if s.name not in names)

    def fused_groups(self) -> list[list[str]]:
        """The step names grouped as they run: each inner list is one compiled step."""
        return [[s.spec for s in group] for group in _groups(self.steps)]

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __add__(self, other: Pipeline | Sequence[StepLike]) -> Pipeline:
        return Pipeline([*self.steps, *(other.steps if isinstance(other, Pipeline) else other)])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.steps == other.steps

    def __hash__(self) -> int:
        return hash(self.steps)

    def __repr__(self) -> str:
        return f"Pipeline.from_names({self.names!r})"

    def __getstate__(self) -> dict:
        return {"steps": self.steps}

    def __setstate__(self, state: dict) -> None:
        self.steps = state["steps"]
        self._program = None
        self._aligned_runs = None


def _groups(steps: Sequence[Step]) -> list[list[Step]]:
    """Steps as they run: adjacent character passes fuse into one compiled step, and adjacent
    structure passes into one group run to a fixed point (structure/fused.py)."""
    groups: list[list[Step]] = []
    for step in steps:
        kind = _kind(step)
        if kind is not None and groups and _kind(groups[-1][0]) == kind:
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


def _kind(step: Step) -> str | None:
    if step.char_rules is not None:
        return "characters"
    if step.line_form is not None:
        return "lines"
    return None


def _fuse(steps: Sequence[Step]) -> Callable[[str], str]:
    runners: list[Callable[[str], str]] = []
    for group in _groups(steps):
        if len(group) == 1:
            runners.append(group[0])
        elif group[0].line_form is not None:
            from .structure.fused import run_fused

            runners.append(partial(run_fused, steps=[(s.func, dict(s.options)) for s in group]))
        else:
            runners.append(compile_rules([rule for s in group for rule in s.char_rules]))
    if len(runners) == 1:
        return runners[0]

    def run(text: str) -> str:
        for runner in runners:
            text = runner(text)
        return text

    return run
