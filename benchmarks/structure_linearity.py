"""CPU time of each structure pass, and `clean()`, on one 1 MB line of a repeated short pattern.

    python benchmarks/structure_linearity.py [--limit 15] [--chars 1000000]

Target (issue 10): every pass on every pattern in under TARGET_SECONDS; exits 1 when one is
missed. A backtracking regex costs the square of the line (`clean("[a]" * 333333 + "x")` took
~26 s). Each line is the unit repeated to `--chars` characters, then "x" (so a pattern that has to
reach the end of the line fails there). Each measurement runs in a child process and is cut off
after `--limit` seconds (shown as "> limit"). `ftfy.fix_text` on the same line is printed for
scale. Times are CPU seconds (best of two when fast): the machine's cores are shared.
`tests/test_structure_linearity.py` checks the growth ratio of the same passes.
"""

from __future__ import annotations

import argparse
import multiprocessing
from collections.abc import Callable, Sequence

from _common import cpu_seconds_on_copy, print_table  # noqa: E402

from arabic_clean import clean
from arabic_clean.structure import PASSES_IN_ORDER

TARGET_SECONDS = 1.0

PASSES: dict[str, Callable[[str], str]] = {**PASSES_IN_ORDER, "clean": clean}

UNITS: tuple[str, ...] = (
    "[a]", "[ab]", "[a] ", "[[a]", "# [ ]", "(BUTTON)", "(", "<a>", "- ", "a.", "1/", "كلمة ", "* ",
    "&quot;", "&#1575;", "http://a.", "www.", "@a", "ـ", "ـ ", "\u200f", "…", "«", "،", ":", "|",
    "2012-", "05 - 09 - 2012 ", "بقلم: ", "كتب ", "(ا ف ب) ", "© ", "نشر في ", "\t", " ", "a", "0",
)


def _reference(text: str) -> str:
    import ftfy  # optional: only for the scale column

    return ftfy.fix_text(text)


def _cpu(name: str, text: str) -> float:
    func = _reference if name == "ftfy.fix_text" else PASSES[name]
    return cpu_seconds_on_copy(func, text, repeat=2, enough=0.5)


def measure(name: str, text: str, limit: float) -> float | None:
    """CPU seconds of `name` on `text` in a child process, or None when cut off after `limit` s."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        result = pool.apply_async(_cpu, (name, text))
        try:
            return result.get(timeout=limit)
        except multiprocessing.TimeoutError:
            pool.terminate()
            return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=15.0, help="seconds before a run is cut off")
    parser.add_argument("--chars", type=int, default=1_000_000, help="length of each line")
    args = parser.parse_args(argv)
    try:
        import ftfy  # noqa: F401
        columns = [*PASSES, "ftfy.fix_text"]
    except ImportError:
        columns = list(PASSES)

    rows, missed = [], []
    for unit in UNITS:
        text = unit * (args.chars // len(unit)) + "x"
        row = [repr(unit)]
        for name in columns:
            seconds = measure(name, text, args.limit)
            row.append(f"> {args.limit:g}" if seconds is None else f"{seconds:.3f}")
            if name in PASSES and (seconds is None or seconds >= TARGET_SECONDS):
                missed.append(f"{name} on {unit!r}: {row[-1]} s")
        rows.append(row)
        print(f"  {row[0]} done", flush=True)
    print(f"\nCPU seconds on one line of {args.chars} characters "
          f"(target: every pass < {TARGET_SECONDS:g} s)")
    print_table(["unit", *columns], rows)
    if missed:
        print(f"\nFAIL: {len(missed)} over {TARGET_SECONDS:g} s:\n  " + "\n  ".join(missed))
        return 1
    print("\nOK: every pass under the target on every pattern")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
