"""Every structure pass, and `clean()`, is linear on one long line of a repeated pattern (issue 10).

A regex that backtracks on a repeat that fails late (`clean("[a]" * 333333 + "x")` took ~26 s)
costs the square of the line. No wall-clock assertion here: the CPU time of an input is compared
with the CPU time of its quarter. Linear work reads ~4, quadratic ~16; the limit is 8. The input
grows by 4x from a few KB until it takes `SIGNAL_SECONDS` or reaches a 1 MB line; the ratio is
judged only when the full input takes at least `JUDGED_SECONDS` (below that the timer and the
per-call overhead decide the ratio). `benchmarks/structure_linearity.py` prints the absolute times
of the 1 MB lines.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from arabic_clean import clean
from arabic_clean.structure import PASSES_IN_ORDER

RATIO_LIMIT = 8.0
JUDGED_SECONDS = 0.05
SIGNAL_SECONDS = 0.1
LINE_CHARS = 1_000_000

PASSES: dict[str, Callable[[str], str]] = {**PASSES_IN_ORDER, "clean": clean}

#: name -> the unit repeated to one long line, then "x" (a pattern reaching the end fails there).
PATTERNS: dict[str, str] = {
    "brackets": "[a]",
    "empty_form_field": "# [ ]",
    "open_paren": "(",
    "tag": "<a>",
    "dash_space": "- ",
    "letter_dot": "a.",
    "digit_slash": "1/",
    "arabic_word": "كلمة ",
    "star_space": "* ",
    "entity_quot": "&quot;",
    "entity_numeric": "&#1575;",
    "url_piece": "http://a.",
    "tatweel_space": "ـ ",
    "rlm": "\u200f",
    "byline_word": "بقلم: ",
}

#: (pattern, pass) pairs measured quadratic when this file was written.
# (pattern, pass) pairs known to be quadratic, marked strict xfail with the reason; none today
# (remove_chrome's _ARTEFACT backtracked on repeated bracket groups until its repeats became
# possessive).
QUADRATIC_TODAY: dict[tuple[str, str], str] = {}


def cpu_seconds(func: Callable[[str], object], text: str, *, repeat: int = 3) -> float:
    """Best CPU time of `func` on fresh copies of `text` (a str keeps its hash); one if slow."""
    best = float("inf")
    for _ in range(repeat):
        copy = (text + "\0")[:-1]
        start = time.process_time()
        func(copy)
        best = min(best, time.process_time() - start)
        if best > 0.3:
            break
    return best


def growth_ratio(func: Callable[[str], object], unit: str) -> tuple[float | None, float, int]:
    """(time of the input / time of its quarter, or None when not judged; time; characters)."""
    most = LINE_CHARS // len(unit)
    count = max(4, most // 4 ** 5)
    while True:  # one run a size to find the size; the best of a few for the two that count
        seconds = cpu_seconds(func, unit * count + "x", repeat=1)
        if seconds >= SIGNAL_SECONDS or count * 4 > most:
            break
        count *= 4
    if seconds < JUDGED_SECONDS:
        return None, seconds, count * len(unit)
    seconds = min(seconds, cpu_seconds(func, unit * count + "x", repeat=2))
    return seconds / cpu_seconds(func, unit * (count // 4) + "x"), seconds, count * len(unit)


def cases():
    for pattern in PATTERNS:
        for name in PASSES:
            reason = QUADRATIC_TODAY.get((pattern, name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(pattern, name, marks=marks, id=f"{pattern}-{name}")


@pytest.mark.parametrize(("pattern", "name"), list(cases()))
def test_pass_is_linear_on_a_long_repeated_line(pattern, name):
    ratio, seconds, chars = growth_ratio(PASSES[name], PATTERNS[pattern])
    if ratio is None:
        return  # a 1 MB line in under JUDGED_SECONDS: too fast for any square to matter
    assert ratio < RATIO_LIMIT, (
        f"{name} on {PATTERNS[pattern]!r} * {chars // len(PATTERNS[pattern])}: "
        f"{seconds:.3f} s CPU, "
        f"x{ratio:.1f} its quarter (linear ~4, quadratic ~16, limit {RATIO_LIMIT})")
