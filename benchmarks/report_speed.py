"""Report speed and size: `arabic-clean report` against `arabic-clean check` on the same corpus.

    python benchmarks/report_speed.py            # the first 1,000 documents of newspapers-dev

Each run is `python -m arabic_clean ... FILE` in a fresh process, best of 3, `check` and
`report` interleaved so that a busy moment on the shared cores hits both. The target is judged on
CPU seconds (user + system of the child process): the two cores are shared with other work, and
wall time there measures the neighbours (a load of 4-5 doubled it). Wall time is printed too.
The report draws every document (--max-docs 1000), the worst case for its time. Its size is
measured for 100, 200, 400 and 800 documents drawn (the summary still counts all 1,000).

Targets (exit 1 when one is missed):
- report time < 2 x check time on the same 1,000 documents;
- size linear in what is drawn: the bytes above a report that draws nothing, per byte of the
  drawn documents' text, at 800 documents within 0.8-1.25 x the same at 100 (documents differ
  in length, so bytes per document would measure the corpus, not the report).
"""

from __future__ import annotations

import gzip
import resource
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, print_table, require_shared

DOCUMENTS = 1000
TIME_TARGET = 2.0
LINEARITY = (0.8, 1.25)
DRAWN = (100, 200, 400, 800)


def run(*args: str) -> tuple[float, float]:
    """CPU seconds and wall seconds of one run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "arabic_clean", *args], cwd=REPO,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"FAIL: arabic-clean {' '.join(args)} exited {done.returncode}:\n"
                         f"{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    corpus = require_shared("data/corpus/newspapers-dev.jsonl.gz")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        data = work / "news.jsonl"
        text_bytes = []   # UTF-8 bytes of each document's text
        with gzip.open(corpus, "rb") as source, data.open("wb") as out:
            for _, line in zip(range(DOCUMENTS), source):
                out.write(line)
                text_bytes.append(len(json.loads(line)["text"].encode("utf-8")))
        report = work / "report.html"
        check_times, report_times = [], []
        for _ in range(3):
            check_times.append(run("check", "--quiet", str(data)))
            report_times.append(run("report", "--quiet", str(data), "-o", str(report),
                                    "--max-docs", str(DOCUMENTS)))
        full_size = report.stat().st_size
        sizes = {}
        for drawn in (0, *DRAWN):
            run("report", "--quiet", str(data), "-o", str(report), "--max-docs", str(drawn))
            sizes[drawn] = report.stat().st_size
    check, made = min(c for c, _ in check_times), min(c for c, _ in report_times)
    check_wall, made_wall = min(w for _, w in check_times), min(w for _, w in report_times)
    ratio = made / check
    drawn_text = {drawn: sum(text_bytes[:drawn]) for drawn in (*DRAWN, DOCUMENTS)}
    per_byte = {drawn: (size - sizes[0]) / drawn_text[drawn]
                for drawn, size in [*((d, sizes[d]) for d in DRAWN), (DOCUMENTS, full_size)]}
    spread = per_byte[DRAWN[-1]] / per_byte[DRAWN[0]]
    print(f"{DOCUMENTS} documents of newspapers-dev, preset safe, best of 3")
    print_table(["run", "CPU seconds", "wall seconds", "target"], [
        ("check", check, check_wall, ""),
        (f"report --max-docs {DOCUMENTS}", made, made_wall, ""),
        ("report / check", ratio, made_wall / check_wall, f"CPU < {TIME_TARGET}"),
    ])
    print()
    print_table(["documents drawn", "their text bytes", "report bytes", "report bytes per text byte"],
                [(0, 0, sizes[0], "-")]
                + [(d, drawn_text[d], sizes[d], round(per_byte[d], 3)) for d in DRAWN]
                + [(DOCUMENTS, drawn_text[DOCUMENTS], full_size, round(per_byte[DOCUMENTS], 3))])
    print(f"report bytes per text byte at {DRAWN[-1]} / at {DRAWN[0]} documents: {spread:.3f} "
          f"(target {LINEARITY[0]}-{LINEARITY[1]})")
    failed = False
    if ratio >= TIME_TARGET:
        print(f"FAIL: report takes {ratio:.2f}x check (target < {TIME_TARGET}x)")
        failed = True
    if not LINEARITY[0] <= spread <= LINEARITY[1]:
        print(f"FAIL: size is not linear in the documents drawn ({spread:.3f})")
        failed = True
    if not failed:
        print(f"OK: report {ratio:.2f}x check; size linear in documents drawn")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
