"""What the structure passes delete from real newspaper articles, per step and reason, and a sample.

    python benchmarks/removal_audit.py [--sample PATH] [--size 100] [--seed 10] [--corpus PATH]

Runs `clean()` (safe preset) step by step on every article of
`../shared/data/corpus/newspapers-dev.jsonl.gz` (1,659 real, unlabelled newspaper articles) and
prints a table of the non-blank lines each structure step deleted, per reason, with the share of
all non-blank lines that went. It writes a reproducible random sample (fixed seed) of deleted
lines, each with its document id, step, reason and two lines of context on either side, to a
Markdown file for reading (default `benchmarks/_cache/removal_sample.md`).

Reasons come from the `Deletion`s of `Pipeline.trace(text)`, which runs the steps as `clean()`
does (the structure passes to their fixed point); a step run that reports none but changed lines
has its deleted lines found by aligning its input with its output, with reason `unknown`.

The numbers describe, they do not judge: a deleted line may be chrome or article. Read the
sample; `tests/data/judged_lines.jsonl` holds lines read and judged this way.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from _common import REPO, print_table, require_shared  # noqa: E402

from arabic_clean import clean
from arabic_clean.presets import PRESETS

CORPUS = "data/corpus/newspapers-dev.jsonl.gz"
DEFAULT_SAMPLE = REPO / "benchmarks" / "_cache" / "removal_sample.md"
STRUCTURE_PASSES = frozenset(
    {"remove_chrome", "strip_bylines", "dedupe_headlines", "dedupe_paragraphs"})
CONTEXT = 2
#: How the pipeline numbers lines (`Deletion.line`): split at CRLF, LF or CR only.
LINE_BREAK = re.compile(r"\r\n|\n|\r")


class Removed(NamedTuple):
    """One deleted non-blank line: where it was (in its step's input) and why it went."""

    doc: str
    step: str
    reason: str
    line: int
    text: str
    step_input: tuple[str, ...]


def read_corpus(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def split_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


def is_blank(line: str) -> bool:
    return not line.strip()


def deleted_by_alignment(before: Sequence[str], after: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines of `before` missing from `after`.

    The structure passes only delete whole lines, so `after` is a subsequence of `before`:
    a greedy walk finds one embedding (for repeated lines it attributes the deletion to the
    later copy when the earlier one matches first; the count is right either way). Lines are
    compared stripped, so whitespace tidied by a step does not read as a deletion.
    """
    j = 0
    for i, line in enumerate(before):
        if j < len(after) and line.strip() == after[j].strip():
            j += 1
        else:
            yield i, line


def removals(doc_id: str, text: str) -> tuple[list[Removed], int, str]:
    """The non-blank lines the structure steps deleted from `text`, the non-blank lines the
    structure steps received, and the output of the run (checked equal to `clean(text)`).

    The steps run as clean() runs them (`Pipeline.trace`: the structure passes as one group
    repeated to its fixed point); a step run that reports no deletions but changed lines is
    aligned with its input, and its deletions are `unknown`.
    """
    found: list[Removed] = []
    received = None
    structure_seen = False
    for run in PRESETS["safe"].pipeline.trace(text):
        name = run.step.partition(":")[0]
        tidying = structure_seen and name == "normalize_whitespace"
        if name in STRUCTURE_PASSES or tidying:
            structure_seen = True
            lines = tuple(split_lines(run.before))
            if received is None:
                received = sum(not is_blank(line) for line in lines)
            if run.after != run.before:
                listed = [(d.reason, d.line, d.text) for d in run.deletions]
                if not listed:
                    listed = [("unknown", i, line) for i, line in
                              deleted_by_alignment(lines, split_lines(run.after))]
                for reason, i, line in listed:
                    if not 0 <= i < len(lines) or lines[i] != line:
                        raise ValueError(f"{doc_id}: {run.step} reports line {i} as {line!r}, "
                                         f"which is not that line of its input")
                    if not is_blank(line):
                        found.append(Removed(doc_id, run.step, reason, i, line, lines))
        text = run.after
    return found, received or 0, text


def context_block(removed: Removed) -> str:
    lines = removed.step_input
    start, stop = max(0, removed.line - CONTEXT), min(len(lines), removed.line + CONTEXT + 1)
    rows = []
    for i in range(start, stop):
        mark = ">>" if i == removed.line else "  "
        rows.append(f"{mark} {i:4d} | {lines[i]}")
    return "\n".join(rows)


def write_sample(path: Path, sample: list[Removed], *, seed: int, total: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = [
        "# Removal audit sample",
        "",
        f"{len(sample)} of {total} deleted non-blank lines, drawn with "
        f"`random.Random({seed}).sample`, in corpus order. `>>` marks the deleted line; "
        "line numbers are 0-based in the step's input; "
        "context is that input.",
        "",
    ]
    for number, removed in enumerate(sample, start=1):
        parts += [
            f"## {number}. doc {removed.doc} · {removed.step} · {removed.reason} "
            f"· line {removed.line}",
            "",
            "```text",
            context_block(removed),
            "```",
            "",
        ]
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help=f"default: ../shared/{CORPUS}")
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE,
                        help="where to write the sample")
    parser.add_argument("--size", type=int, default=100, help="deleted lines in the sample")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus else require_shared(CORPUS)
    if not corpus.exists():
        print(f"SKIP: {corpus} is absent")
        return 0

    docs = read_corpus(corpus)
    everything: list[Removed] = []
    received = 0
    docs_touched = 0
    mismatches = []
    for doc in docs:
        found, count, output = removals(doc["id"], doc["text"])
        if output != clean(doc["text"]):
            mismatches.append(doc["id"])
        everything.extend(found)
        received += count
        docs_touched += bool(found)

    by_reason = Counter((r.step, r.reason) for r in everything)
    by_step = Counter(r.step for r in everything)
    rows = [[step, reason, n, f"{n / received:.2%}", f"{n / len(everything):.1%}"]
            for (step, reason), n in sorted(by_reason.items(), key=lambda kv: (kv[0][0], -kv[1]))]
    rows += [[step, "(all)", n, f"{n / received:.2%}", f"{n / len(everything):.1%}"]
             for step, n in by_step.most_common()]
    share = len(everything) / received
    rows.append(["all steps", "(all)", len(everything), f"{share:.2%}", "100%"])
    print(f"{len(docs)} articles, {received} non-blank lines entering the structure steps, "
          f"{docs_touched} articles lost at least one line")
    headers = ["step", "reason", "deleted lines", "share of all lines", "share of deletions"]
    print_table(headers, rows)

    rng = random.Random(args.seed)
    picked = sorted(rng.sample(range(len(everything)), min(args.size, len(everything))))
    sample = [everything[i] for i in picked]
    write_sample(args.sample, sample, seed=args.seed, total=len(everything))
    print(f"sample of {len(picked)} deleted lines written to {args.sample}")
    if mismatches:
        print(f"FAIL: the step-by-step run differs from clean() on {len(mismatches)} articles: "
              f"{', '.join(mismatches[:10])}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
