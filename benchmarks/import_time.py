"""Start-up cost: ``import arabic_clean`` and the CLI, beside ``python -c pass``.

    python benchmarks/import_time.py            # best of 15 fresh processes each
    python benchmarks/import_time.py --runs 30

Each row is a fresh ``python -c ...`` (the same interpreter as this script); the table shows
the best wall time of the runs, the best CPU time of the child (user + system: another job on
the shared cores disturbs it less), and the cost above ``python -c pass``.  Best-of, because
the machine is shared: the least disturbed run is the closest to the code's own cost.

Targets (exit 1 when one is missed), on the cost above ``python -c pass`` (wall):
- ``import arabic_clean`` <= 150 ms (aim 50): names are imported on first use;
- ``arabic-clean --version`` (argument parsing, no pipeline) <= 150 ms.
The rows below them (the whole library, a first clean(), ftfy) are printed to show where the
rest of the time goes; they load what a run needs and have no target.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

from _common import REPO, print_table

TARGET_MS = 150

ROWS = [
    ("python -c pass", "pass", None),
    ("import arabic_clean", "import arabic_clean", TARGET_MS),
    ("arabic-clean --version", "import sys; sys.argv[1:] = ['--version']; "
                               "from arabic_clean.cli import main; main()", TARGET_MS),
    ("import arabic_clean.cli", "import arabic_clean.cli", None),
    ("from arabic_clean import clean", "from arabic_clean import clean", None),
    ("... and clean('x') once", "from arabic_clean import clean; clean('x')", None),
    ("import ftfy", "import ftfy", None),
]


def measure(code: str, runs: int) -> tuple[float, float]:
    """Best wall and best child CPU seconds of `runs` fresh interpreters running `code`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results = [(label, *measure(code, args.runs), target) for label, code, target in ROWS]
    base_wall = results[0][1]
    rows, missed = [], []
    for label, wall, cpu, target in results:
        cost = (wall - base_wall) * 1e3
        verdict = "-" if target is None else ("yes" if cost <= target else "NO")
        if verdict == "NO":
            missed.append(label)
        rows.append([label, f"{wall * 1e3:.1f}", f"{cpu * 1e3:.1f}",
                     f"{cost:.1f}" if label != ROWS[0][0] else "-",
                     f"<= {target}: {verdict}" if target else "-"])
    print(f"best of {args.runs} fresh processes, {sys.executable} "
          f"(load average {os.getloadavg()[0]:.1f})")
    print_table(["run", "wall ms", "CPU ms", "ms above pass", "target"], rows)
    if missed:
        print(f"missed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
