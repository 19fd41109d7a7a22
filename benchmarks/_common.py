"""Helpers shared by the benchmark scripts: data location, timing, table printing."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def shared_dir() -> Path:
    env = os.environ.get("ARABIC_CLEAN_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def require_shared(relative: str) -> Path:
    """The shared file, or exit 0 with a reason (a benchmark without its data is skipped, not failed)."""
    path = shared_dir() / relative
    if not path.exists():
        print(f"SKIP: {path} is absent (set ARABIC_CLEAN_SHARED to the shared folder)")
        raise SystemExit(0)
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cpu_seconds_on_copy(func: Callable[[str], object], text: str, *, repeat: int,
                        enough: float = float("inf")) -> float:
    """Best CPU seconds of `func` on a fresh copy of `text` (copied outside the timing); stops
    repeating once a run took longer than `enough`.

    A pass that calls `str.strip()` gets the very same object back when nothing is stripped,
    and a str caches its hash: rerun on one object, a pass would hash the input only on the first
    run, and only on one of the two pieces (the one that ends without a space).
    """
    best = float("inf")
    for _ in range(repeat):
        copy = (text + "\0")[:-1]
        start = time.process_time()
        func(copy)
        best = min(best, time.process_time() - start)
        if best > enough:
            break
    return best


def best_seconds(
    func: Callable[[], object], *, repeat: int = 3, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Best time of `repeat` calls: the least disturbed run on a noisy machine.

    `clock=time.process_time` counts CPU time only, which another job on the same
    cores disturbs less than wall time.
    """
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        func()
        best = min(best, clock() - start)
    return best


def megabytes(texts: Iterable[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    rows = [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths)))
