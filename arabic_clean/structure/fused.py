"""Adjacent structure passes run as one step, to a fixed point.

Each pass alone is idempotent, but a sequence of them need not be: a byline that
`strip_bylines` deletes can leave a line at the edge that `remove_chrome` reads differently
on a second run, and a glued headline that `dedupe_headlines` cuts to one copy can turn out
to be a footer. `run_fused` repeats the passes until a whole round changes nothing (at most
`MAX_ROUNDS`), so `clean(clean(x)) == clean(x)`. Each pass alone is idempotent, so a pass
whose input is its own last output is skipped: the second round usually runs only the passes
before the last one that changed the text. The passes share one `RunState` for the call, and
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

LineForm = Callable[..., tuple[str, list[tuple[int, str]]]]
Record = Callable[[int, str, str, list[tuple[int, str]]], None]


def run_fused(text: str, steps: Sequence[tuple[LineForm, dict[str, Any]]], *, named: bool = False,
              record: Record | None = None) -> str:
    """Run the line forms of `steps` (each with its options) over `text` until a round changes nothing.

    `record(step_index, before, after, removed)` is told what each step did in each round
    (`Pipeline.explain` uses it); `named` asks the passes for specific reasons.

    >>> from arabic_clean.structure import remove_chrome, strip_bylines
    >>> page = "الرئيسية\\nسياسة\\nالوزير يفتتح المعرض\\nكتب أحمد علي\\n\\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.\\n"
    >>> print(run_fused(page, [(remove_chrome.line_form, {}), (strip_bylines.line_form, {})]), end="")
    الوزير يفتتح المعرض
    <BLANKLINE>
    افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.
    """
    state = RunState()
    # Each pass alone is idempotent: a pass whose input is its own last output would change
    # nothing, and is skipped. The run ends when no pass is left to run.
    last_output: list[str | None] = [None] * len(steps)
    for _ in range(MAX_ROUNDS):
        changed = False
        for index, (line_form, options) in enumerate(steps):
            if last_output[index] == text:
                continue
            before = text
            text, removed = line_form(before, state=state, named=named, report=record is not None, **options)
            last_output[index] = text
            if record is not None:
                record(index, before, text, removed)
            changed = changed or text != before
        if not changed:
            break
    return text


def fused_lines(text: str, steps: Sequence[tuple[LineForm, dict[str, Any]]]) -> Lines:
    """`run_fused(text, steps)` as a `Lines`: every output line with its input line number.

    >>> from arabic_clean.structure import remove_chrome, strip_bylines
    >>> page = "الرئيسية\\nسياسة\\nالوزير يفتتح المعرض\\nكتب أحمد علي\\n\\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.\\n"
    >>> fused_lines(page, [(remove_chrome.line_form, {}), (strip_bylines.line_form, {})]).numbers
    [2, 4, 5]
    """
    lines = Lines.parse(text)

    def follow(index: int, before: str, after: str, removed: list[tuple[int, str]]) -> None:
        nonlocal lines
        if after != before:
            lines = lines.follow(after, [line for line, _ in removed])

    result = run_fused(text, steps, record=follow)
    if lines.render() != result:  # a pass reported its deletions wrongly: say so, never guess
        raise AssertionError("fused_lines lost track of the lines")
    return lines
