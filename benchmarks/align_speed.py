"""Cost of offsets (issue 14): `Pipeline.align` against plain `clean()` on the unlabelled corpus.

    python benchmarks/align_speed.py [--baseline PATH]

Targets, on ../shared/data/corpus/newspapers-dev.jsonl.gz (MB = UTF-8 bytes of the input):

- `align` costs at most ALIGN_RATIO_TARGET times plain `clean()` (the safe preset, `clean`'s
  default), both timed in the same run, interleaved, best of ROUNDS (CPU seconds). The other
  presets are measured and printed beside it.
- the map costs at most MAP_BYTES_TARGET bytes per input character (`SpanMap.nbytes`, the four
  block columns; the removal list, `Aligned.nbytes`, is printed beside it).
- plain `clean()` is not slower because alignment exists: it is timed here and in a checkout
  without this code (`--baseline`, default ../main when it is another checkout of the repo),
  each in its own process, alternately, best of PLAIN_ROUNDS; at most PLAIN_RATIO_LIMIT slower
  (the machine is shared: the limit is the noise of repeated runs, not a budget).

Also checked on every document and preset: ``align(x).text == clean(x)``.
Exits non-zero when a target is missed; skips with a reason when the corpus is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

from _common import REPO, megabytes, print_table, require_shared

from arabic_clean import PRESETS

CORPUS = "data/corpus/newspapers-dev.jsonl.gz"
ALIGN_RATIO_TARGET = 2.0
MAP_BYTES_TARGET = 2.0
PLAIN_RATIO_LIMIT = 1.10
ROUNDS = 3
#: Plain clean() in two checkouts, each in its own process: more rounds, the runs are noisier.
PLAIN_ROUNDS = 6

_TIMER = """
import gzip, json, sys, time
sys.path.insert(0, sys.argv[1])
from arabic_clean import clean
docs = [json.loads(line)["text"] for line in gzip.open(sys.argv[2], "rt", encoding="utf-8")]
clean(docs[0])
start = time.process_time()
for doc in docs:
    clean(doc)
print(time.process_time() - start)
"""


def load(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle]


def cpu(func, docs: list[str]) -> float:
    start = time.process_time()
    for doc in docs:
        func(doc)
    return time.process_time() - start


def align_rows(docs: list[str], failed: list[str]) -> list[list[str]]:
    size = megabytes(docs)
    chars = sum(map(len, docs))
    rows = []
    for name, preset in PRESETS.items():
        pipeline = preset.pipeline
        pipeline(docs[0])
        pipeline.align(docs[0])  # compiled once, outside the timing
        plain = aligned = float("inf")
        for _ in range(ROUNDS):
            plain = min(plain, cpu(pipeline, docs))
            aligned = min(aligned, cpu(pipeline.align, docs))
        results = [pipeline.align(doc) for doc in docs]
        wrong = sum(result.text != pipeline(doc) for result, doc in zip(results, docs))
        map_bytes = sum(result.map.nbytes for result in results) / chars
        all_bytes = sum(result.nbytes for result in results) / chars
        ratio = aligned / plain
        gate = name == "safe"
        rows.append([name, f"{size / plain:.2f}", f"{size / aligned:.2f}",
                     f"x{ratio:.2f}" + (f" (target <= x{ALIGN_RATIO_TARGET:g})" if gate else ""),
                     f"{map_bytes:.3f} (target <= {MAP_BYTES_TARGET:g})", f"{all_bytes:.3f}",
                     f"{map_bytes * chars / size / 1000:.0f} kB", str(wrong)])
        if gate and ratio > ALIGN_RATIO_TARGET:
            failed.append(f"align costs x{ratio:.2f} clean() ({name})")
        if map_bytes > MAP_BYTES_TARGET:
            failed.append(f"the {name} map costs {map_bytes:.3f} bytes per character")
        if wrong:
            failed.append(f"{wrong} documents where align(x).text != clean(x) ({name})")
    return rows


def plain_rows(corpus: Path, baseline: Path | None, failed: list[str]) -> list[list[str]]:
    if baseline is None:
        return [["plain clean(): no baseline checkout (--baseline PATH)", "skipped", ""]]
    best = {REPO: float("inf"), baseline: float("inf")}
    for _ in range(PLAIN_ROUNDS):
        for checkout, so_far in best.items():
            result = subprocess.run([sys.executable, "-c", _TIMER, str(checkout), str(corpus)],
                                    capture_output=True, text=True, check=True)
            best[checkout] = min(so_far, float(result.stdout))
    ratio = best[REPO] / best[baseline]
    if ratio > PLAIN_RATIO_LIMIT:
        failed.append(f"plain clean() x{ratio:.2f} the baseline's time")
    return [[f"plain clean() here vs {baseline}", f"{best[REPO]:.2f} s vs {best[baseline]:.2f} s",
             f"x{ratio:.2f} (limit x{PLAIN_RATIO_LIMIT:g})"]]


def default_baseline() -> Path | None:
    main = REPO.parent / "main"
    if main.resolve() != REPO.resolve() and (main / "arabic_clean" / "pipeline.py").exists():
        return main
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout without alignment, for plain clean()")
    args = parser.parse_args()
    corpus = require_shared(CORPUS)
    docs = load(corpus)
    print(f"{len(docs)} documents, {megabytes(docs):.1f} MB, {sum(map(len, docs)):,} characters")
    failed: list[str] = []
    print_table(["preset", "clean MB/s", "align MB/s", "align / clean", "map bytes/char",
                 "map+removals bytes/char", "map per MB", "align text != clean"],
                align_rows(docs, failed))
    print()
    print_table(["plain clean()", "CPU seconds", "ratio"],
                plain_rows(corpus, args.baseline or default_baseline(), failed))
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
