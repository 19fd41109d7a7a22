"""Speed of the structure passes on the raw scraped documents, and linearity in input size.

    python benchmarks/structure_speed.py

Targets: clean_structure >= 10 MB/s on scraped-dev.jsonl; doubling a 10 MB single-line input
or a 100k-line input at most ~2.5x the time of its half (linear, no backtracking, no nested loops).
"""

from __future__ import annotations

import sys

from _common import best_seconds, megabytes, print_table, read_jsonl, require_shared  # noqa: E402

from arabic_clean.structure import clean_structure, remove_chrome, strip_bylines

MB_S_TARGET = 10.0
RATIO_LIMIT = 2.5


def main() -> int:
    texts = [r["text"] for r in read_jsonl(require_shared("data/chrome/scraped-dev.jsonl"))]
    size = megabytes(texts)
    rows, failed = [], []
    for name, func in (("remove_chrome", remove_chrome), ("strip_bylines", strip_bylines),
                       ("clean_structure", clean_structure)):
        rate = size / best_seconds(lambda f=func: [f(t) for t in texts])
        rows.append([name, f"{rate:.2f} MB/s", "target >= 10" if name == "clean_structure" else ""])
        if name == "clean_structure" and rate < MB_S_TARGET:
            failed.append(f"{name} {rate:.2f} MB/s")
    sentence = "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب. "
    single = sentence * (10_000_000 // len(sentence.encode("utf-8")))
    lines = "الرئيسية\n" + "\n".join(sentence if i % 3 else "سياسة" for i in range(100_000)) + "\n"
    for name, text in (("10 MB single line", single), ("100k lines", lines)):
        half = text[: len(text) // 2]
        ratio = best_seconds(lambda: clean_structure(text), repeat=1) / best_seconds(lambda: clean_structure(half), repeat=1)
        rows.append([f"linearity: {name}", f"x{ratio:.2f} for 2x input", f"limit {RATIO_LIMIT}"])
        if ratio > RATIO_LIMIT:
            failed.append(f"{name} ratio {ratio:.2f}")
    print_table(["measure", "value", "target"], rows)
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
