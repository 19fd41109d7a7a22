"""Mojibake repair: exact repairs per kind, changes to clean text, speed; vs ftfy.

Broken cases are generated with Python's codecs from every gold sentence of
../shared/data/sentences (2,637 sentences, far more than the 12 per kind in the test fixture),
so the numbers measure generalisation. Clean cases: those sentences, the 36 shared documents,
and the hand-written European/mixed negatives of tests/cases/mojibake-negatives.jsonl.

    python benchmarks/mojibake_eval.py                      # table; exit 1 if a target is missed
    python benchmarks/mojibake_eval.py --write-fixture tests/cases/mojibake-generated.jsonl

Targets: >= 99% exact repair for each UTF-8 kind, >= 95% for legacy windows-1256, no change to
any clean text, >= 100 MB/s on clean text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from _common import REPO, best_seconds, megabytes, print_table, read_jsonl, require_shared

import ftfy  # noqa: E402  (after _common put the repo on sys.path)

from arabic_clean.encoding import fix_mojibake  # noqa: E402
from arabic_clean.encoding.mojibake import FTFY_CONFIG  # noqa: E402

SENTENCE_FILES = ("data/sentences/pud-test.jsonl", "data/sentences/ersatz-nc-dev.jsonl")
DOCUMENT_FILES = ("data/chrome/dev.jsonl", "data/chrome/scraped-dev.jsonl")
NEGATIVES = REPO / "tests" / "cases" / "mojibake-negatives.jsonl"

UTF8_KINDS = (
    "utf8_as_windows_1256",
    "utf8_as_windows_1252",
    "utf8_as_latin_1",
    "double",
    "embedded",
)
LEGACY_KINDS = ("legacy_as_latin_1", "legacy_as_windows_1252")
UTF8_TARGET, LEGACY_TARGET, CLEAN_MB_PER_S_TARGET = 0.99, 0.95, 100.0
FIXTURE_PER_KIND = 12


def read_as(data: bytes, codec: str) -> str:
    """Decode like a browser: windows-1252 maps its 5 undefined bytes to C1 controls."""
    if codec == "windows-1252":
        undefined = b"\x81\x8d\x8f\x90\x9d"
        return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in data)
    return data.decode(codec)


def utf8_read_as(text: str, codec: str) -> str:
    return read_as(text.encode("utf-8"), codec)


DOUBLE_READINGS = (
    ("windows-1256", "windows-1256"),
    ("windows-1252", "windows-1252"),
    ("latin-1", "latin-1"),
    ("windows-1252", "windows-1256"),
)
EMBEDDED_READINGS = ("windows-1256", "windows-1252", "latin-1")


def embed(text: str, index: int) -> str | None:
    """Break 1-4 consecutive words of the sentence with one reading; the rest stays correct."""
    words = text.split(" ")
    rng = random.Random(index)
    length = rng.randint(1, min(4, len(words)))
    start = rng.randint(0, len(words) - length)
    broken = utf8_read_as(" ".join(words[start : start + length]), EMBEDDED_READINGS[index % 3])
    if broken.isascii():
        return None
    return " ".join([*words[:start], broken, *words[start + length :]])


def legacy(text: str, codec: str) -> str | None:
    try:
        return read_as(text.encode("windows-1256"), codec)
    except UnicodeEncodeError:  # characters windows-1256 lacks: the file could not have held them
        return None


def break_as(kind: str, text: str, index: int) -> str | None:
    if kind == "utf8_as_windows_1256":
        return utf8_read_as(text, "windows-1256")
    if kind == "utf8_as_windows_1252":
        return utf8_read_as(text, "windows-1252")
    if kind == "utf8_as_latin_1":
        return utf8_read_as(text, "latin-1")
    if kind == "double":
        first, second = DOUBLE_READINGS[index % len(DOUBLE_READINGS)]
        return utf8_read_as(utf8_read_as(text, first), second)
    if kind == "embedded":
        return embed(text, index)
    if kind == "legacy_as_latin_1":
        return legacy(text, "latin-1")
    if kind == "legacy_as_windows_1252":
        return legacy(text, "windows-1252")
    raise ValueError(kind)


def broken_cases(sentences: list[str]) -> Iterator[tuple[str, str, str]]:
    """(kind, broken, original) for every sentence and kind; skips sentences a kind cannot break."""
    for kind in UTF8_KINDS + LEGACY_KINDS:
        for index, sentence in enumerate(sentences):
            broken = break_as(kind, sentence, index)
            if broken is not None and broken != sentence:
                yield kind, broken, sentence


def load_sentences() -> list[str]:
    sentences: list[str] = []
    for relative in SENTENCE_FILES:
        for record in read_jsonl(require_shared(relative)):
            sentences.extend(sentence for sentence in record["sentences"] if sentence.strip())
    return sentences


def load_clean() -> list[tuple[str, str]]:
    clean = [("clean_sentence", s) for s in load_sentences()]
    for relative in DOCUMENT_FILES:
        records = read_jsonl(require_shared(relative))
        clean.extend(("clean_document", record["text"]) for record in records)
    clean.extend(("clean_negative", record["original"]) for record in read_jsonl(NEGATIVES))
    return clean


SYSTEMS: dict[str, Callable[[str], str]] = {
    "fix_mojibake": fix_mojibake,
    "ftfy conservative": lambda text: ftfy.fix_text(text, config=FTFY_CONFIG),
    "ftfy defaults": ftfy.fix_text,
}


def write_fixture(path: Path, sentences: list[str]) -> None:
    """A small, reviewable sample: the first FIXTURE_PER_KIND usable sentences of each kind."""
    picked = sentences[:: max(1, len(sentences) // 200)]  # spread over both files
    counts: dict[str, int] = {}
    records = []
    for kind, broken, original in broken_cases(picked):
        if counts.get(kind, 0) >= FIXTURE_PER_KIND:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        records.append({"original": broken, "expected": original, "comment": f"generated: {kind}"})
    for sentence in picked[:FIXTURE_PER_KIND]:
        records.append(
            {"original": sentence, "expected": sentence, "comment": "clean sentence stays"}
        )
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {path}")


def digest(texts: list[str]) -> str:
    """Names the evaluation data the numbers were measured on (a floor pinned beside its data)."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write-fixture", type=Path, help="write a small case file and exit")
    args = parser.parse_args()
    sentences = load_sentences()
    if args.write_fixture:
        write_fixture(args.write_fixture, sentences)
        return 0

    cases = list(broken_cases(sentences))
    clean = load_clean()
    kinds = UTF8_KINDS + LEGACY_KINDS
    clean_kinds = sorted({kind for kind, _ in clean})
    failed: list[str] = []
    rows: list[list[object]] = []
    results = {
        name: [system(broken) == original for _, broken, original in cases]
        for name, system in SYSTEMS.items()
    }
    changes = {
        name: [system(text) != text for _, text in clean] for name, system in SYSTEMS.items()
    }

    for kind in (*kinds, "overall"):
        picked = [i for i, (k, _, _) in enumerate(cases) if kind in (k, "overall")]
        row: list[object] = [f"repaired: {kind}", len(picked)]
        for name in SYSTEMS:
            good = sum(results[name][i] for i in picked)
            row.append(f"{good} ({100 * good / len(picked):.2f}%)")
        rows.append(row)
        share = sum(results["fix_mojibake"][i] for i in picked) / len(picked)
        target = UTF8_TARGET if kind in UTF8_KINDS else LEGACY_TARGET if kind in LEGACY_KINDS else 0
        if share < target:
            failed.append(f"{kind}: {100 * share:.2f}% < {100 * target:.0f}%")
    for kind in clean_kinds:
        picked = [i for i, (k, _) in enumerate(clean) if k == kind]
        row = [f"changed (false positive): {kind}", len(picked)]
        row += [sum(changes[name][i] for i in picked) for name in SYSTEMS]
        rows.append(row)
    if any(changes["fix_mojibake"]):
        failed.append(f"{sum(changes['fix_mojibake'])} clean texts changed")

    clean_texts = [text for _, text in clean]
    broken_texts = [broken for _, broken, _ in cases][::7]  # a spread keeps ftfy's timing short
    for label, texts in (("clean", clean_texts), ("broken", broken_texts)):
        row = [f"MB/s on {label} text ({megabytes(texts):.1f} MB)", len(texts)]
        for name, system in SYSTEMS.items():
            seconds = best_seconds(
                lambda system=system: [system(t) for t in texts],
                repeat=3 if name == "fix_mojibake" else 1,
            )
            speed = megabytes(texts) / seconds
            row.append(f"{speed:.1f}")
            if name == "fix_mojibake" and label == "clean" and speed < CLEAN_MB_PER_S_TARGET:
                failed.append(f"clean speed {speed:.1f} MB/s < {CLEAN_MB_PER_S_TARGET}")
        rows.append(row)

    print(f"data: {len(sentences)} sentences, digest {digest(sentences)}")
    print_table(["measure", "cases", *SYSTEMS], rows)
    for failure in failed:
        print(f"TARGET MISSED: {failure}")
    print("PASS" if not failed else "FAIL")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
