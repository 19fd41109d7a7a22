"""Adjacent structure passes run as one step, to a fixed point, over one split of the text.

Each pass alone is idempotent, but a sequence of them need not be: a byline that
`strip_bylines` deletes can leave a line at the edge that `remove_chrome` reads differently
on a second run, and a glued headline that `dedupe_headlines` cuts to one copy can turn out
to be a footer. `fused_lines` repeats the passes until a whole round changes nothing (at most
`MAX_ROUNDS`), so `clean(clean(x)) == clean(x)`. Each pass alone is idempotent, so a pass
whose input is its own last output is skipped: the second round usually runs only the passes
before the last one that changed the text.

The text is split once (`Lines.parse`) and rendered once: every pass takes and returns a
`Lines` (its `on_lines` form), so what one pass learned about a line it kept (its content,
blank flag, keys) is there for the next. The passes also share one `RunState` for the call:
`remove_chrome` reuses in its second round what it learned about every line text in its first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from arabic_clean.structure.document import Lines
from arabic_clean.structure.runstate import RunState

#: Rounds over the passes at most; a round that changes nothing ends it sooner. Each round only
#: deletes lines or cuts a glued copy, so the text shrinks until it stops changing.
MAX_ROUNDS = 4

#: A pass's line form: `on_lines(lines, *, state, named, report, **options) -> (lines, removed)`,
#: `removed` the (position in the lines it was given, reason) of each line it deleted. A pass
#: that changes nothing returns the very `Lines` it was given.
OnLines = Callable[..., tuple[Lines, list[tuple[int, str]]]]
LineForm = Callable[..., tuple[str, list[tuple[int, str]]]]
Record = Callable[[int, Lines, Lines, list[tuple[int, str]]], None]


def fused_lines(text: str | Lines, steps: Sequence[tuple[Callable[..., str], dict[str, Any]]], *,
                named: bool = False, record: Record | None = None) -> Lines:
    """Run the structure passes of `steps` (each with its options) over `text` until a round
    changes nothing; every output line comes with its input line number.

    `record(step_index, before, after, removed)` is told what each step did in each round
    (`Pipeline.explain` uses it); `named` asks the passes for specific reasons.

    >>> from arabic_clean.structure import remove_chrome, strip_bylines
    >>> page = "الرئيسية\\nسياسة\\nالوزير يفتتح المعرض\\nكتب أحمد علي\\n\\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.\\n"
    >>> fused_lines(page, [(remove_chrome, {}), (strip_bylines, {})]).numbers
    [2, 4, 5]
    """
    lines = Lines.parse(text) if isinstance(text, str) else text
    forms = [(_on_lines(func), options) for func, options in steps]
    state = RunState()
    # Each pass alone is idempotent: a pass whose input is its own last output would change
    # nothing, and is skipped. The run ends when no pass is left to run.
    last_output: list[Lines | None] = [None] * len(forms)
    for _ in range(MAX_ROUNDS):
        changed = False
        for index, (on_lines, options) in enumerate(forms):
            if last_output[index] is lines:
                continue
            before = lines
            lines, removed = on_lines(before, state=state, named=named, report=record is not None, **options)
            last_output[index] = lines
            if record is not None:
                record(index, before, lines, removed)
            changed = changed or lines is not before
        if not changed:
            break
    return lines


def run_fused(text: str, steps: Sequence[tuple[Callable[..., str], dict[str, Any]]], *, named: bool = False,
              record: Record | None = None) -> str:
    """`fused_lines(text, steps)` rendered: the text split once, joined once.

    >>> from arabic_clean.structure import remove_chrome, strip_bylines
    >>> page = "الرئيسية\\nسياسة\\nالوزير يفتتح المعرض\\nكتب أحمد علي\\n\\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.\\n"
    >>> print(run_fused(page, [(remove_chrome, {}), (strip_bylines, {})]), end="")
    الوزير يفتتح المعرض
    <BLANKLINE>
    افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.
    """
    lines = Lines.parse(text)
    result = fused_lines(lines, steps, named=named, record=record)
    return text if result is lines else result.render()


def _on_lines(func: Callable[..., str]) -> OnLines:
    form = getattr(func, "on_lines", None)
    if form is None:
        raise TypeError(f"{getattr(func, '__name__', func)!r} is not a structure pass (it has no on_lines form)")
    return form


def line_form(on_lines: OnLines) -> LineForm:
    """The `str` face of a line form: `(text, **options) -> (result, removed)`, for one pass run alone."""

    def run(text: str, **options: Any) -> tuple[str, list[tuple[int, str]]]:
        lines = Lines.parse(text)
        result, removed = on_lines(lines, **options)
        return (text if result is lines else result.render()), removed

    return run
