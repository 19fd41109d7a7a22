"""Is `clean()` idempotent on real text? `clean(clean(x)) == clean(x)` on the corpus and mixes.

    python benchmarks/idempotence.py [--mixes 5000] [--seed 10] [--show 5]

Checks every article of `../shared/data/corpus/newspapers-dev.jsonl.gz`, then `--mixes` documents
made from real lines (seeded): lines of one to three documents drawn from the shared chrome
documents (`../shared/data/chrome/*.jsonl`) and the corpus, then shuffled in spans, glued to the
next line without a separator, repeated (next to themselves, elsewhere, or glued to themselves),
thinned, or given extra blank lines. Prints the counts and the first `--show` failures, each
minimised to the fewest lines (and words) that still fail. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Callable, Sequence

from _common import print_table, require_shared, shared_dir  # noqa: E402

from arabic_clean import clean

CORPUS = "data/corpus/newspapers-dev.jsonl.gz"


def is_stable(text: str) -> bool:
    once = clean(text)
    return clean(once) == once


def read_documents() -> tuple[list[str], list[str]]:
    """(chrome document texts, corpus article texts)."""
    with gzip.open(require_shared(CORPUS), "rt", encoding="utf-8") as handle:
        corpus = [json.loads(line)["text"] for line in handle if line.strip()]
    chrome = []
    for path in sorted((shared_dir() / "data" / "chrome").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            chrome += [json.loads(line)["text"] for line in handle if line.strip()]
    return chrome, corpus


def _shuffle_span(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randint(2, 12))
    span = lines[i:j]
    rng.shuffle(span)
    lines[i:j] = span


def _glue(rng: random.Random, lines: list[str]) -> None:
    if len(lines) > 1:
        i = rng.randrange(len(lines) - 1)
        lines[i:i + 2] = [lines[i].rstrip("\r") + lines[i + 1]]


def _repeat(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines))
    where = rng.choice(("next", "elsewhere", "glued"))
    if where == "next":
        lines.insert(i + 1, lines[i])
    elif where == "elsewhere":
        lines.insert(rng.randrange(len(lines) + 1), lines[i])
    else:
        lines[i] = lines[i].rstrip("\r") + lines[i]


def _thin(rng: random.Random, lines: list[str]) -> None:
    if len(lines) > 1:
        del lines[rng.randrange(len(lines))]


def _blank(rng: random.Random, lines: list[str]) -> None:
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(("", " ", "\r")))


OPERATIONS: tuple[Callable[[random.Random, list[str]], None], ...] = (
    _shuffle_span, _glue, _repeat, _thin, _blank)


def make_mix(rng: random.Random, chrome: Sequence[str], corpus: Sequence[str]) -> str:
    lines: list[str] = []
    for _ in range(rng.randint(1, 3)):
        source = rng.choice(chrome) if rng.random() < 0.5 else rng.choice(corpus)
        piece = source.split("\n")
        if len(piece) > 40 and rng.random() < 0.5:
            start = rng.randrange(len(piece) - 20)
            piece = piece[start:start + rng.randint(10, 40)]
        lines += piece
    if not lines:
        lines = [""]
    for _ in range(rng.randint(1, 6)):
        rng.choice(OPERATIONS)(rng, lines)
        if not lines:
            lines = [""]
    return "\n".join(lines)


def _fewer(units: list[str], fails: Callable[[list[str]], bool]) -> list[str]:
    """Drop chunks of `units` (halving the chunk size) while `fails` still holds."""
    chunk = max(1, len(units) // 2)
    while chunk >= 1:
        i = 0
        while i < len(units):
            trial = units[:i] + units[i + chunk:]
            if trial and fails(trial):
                units = trial
            else:
                i += chunk
        chunk //= 2
    return units


def minimise(text: str, fails: Callable[[str], bool] = lambda t: not is_stable(t)) -> str:
    """The failing `text` cut to fewer lines, then fewer words per line, while it still fails."""
    lines = _fewer(text.split("\n"), lambda trial: fails("\n".join(trial)))
    for i in range(len(lines)):
        def line_fails(words: list[str], i: int = i) -> bool:
            return fails("\n".join(lines[:i] + [" ".join(words)] + lines[i + 1:]))
        lines[i] = " ".join(_fewer(lines[i].split(" "), line_fails))
    return "\n".join(lines)


def show(text: str) -> str:
    once = clean(text)
    twice = clean(once)
    return "\n".join([
        f"  input ({len(text.splitlines())} lines): {text!r}",
        f"  clean once : {once!r}",
        f"  clean twice: {twice!r}",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mixes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--show", type=int, default=5, help="failures to minimise and print")
    args = parser.parse_args(argv)
    chrome, corpus = read_documents()

    corpus_failures = [text for text in corpus if not is_stable(text)]
    rng = random.Random(args.seed)
    mix_failures = []
    for _ in range(args.mixes):
        mix = make_mix(rng, chrome, corpus)
        if not is_stable(mix):
            mix_failures.append(mix)

    print_table(["inputs", "checked", "clean twice != clean once", "share"], [
        ["corpus articles", len(corpus), len(corpus_failures),
         f"{len(corpus_failures) / len(corpus):.2%}"],
        [f"fuzzed mixes (seed {args.seed})", args.mixes, len(mix_failures),
         f"{len(mix_failures) / max(1, args.mixes):.2%}"],
    ])
    failures = corpus_failures + mix_failures
    for number, text in enumerate(failures[:args.show], start=1):
        print(f"\nfailure {number}, minimised:")
        print(show(minimise(text)))
    if failures:
        print(f"\nFAIL: clean() is not idempotent on {len(failures)} inputs")
        return 1
    print("\nOK: clean() is idempotent on every input")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
