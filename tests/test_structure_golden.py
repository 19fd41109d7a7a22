"""Golden outputs: the seed document, and the labelled chrome data in ../shared (skipped when absent)."""

from __future__ import annotations

import re

from conftest import REPO, read_jsonl, shared_file

from arabic_clean import clean
from arabic_clean.structure import clean_structure
from arabic_clean.structure.keys import line_key

SEED = REPO / "seeds" / "000_54bc44b2cd79c5aa.txt"


def test_seed_golden() -> None:
    """clean(seed): the headline once, a blank line, the 13 paragraphs, NBSP -> space, one final newline."""
    raw = SEED.read_text(encoding="utf-8")
    lines = raw.replace("\u00a0", " ").split("\n")
    headline, body = lines[0], [line for line in lines[5:31] if line.strip()]
    assert len(body) == 13
    expected = headline + "\n\n" + "\n\n".join(body) + "\n"
    assert clean(raw) == expected
    assert clean(expected) == expected


def _records() -> list[dict]:
    return [r for name in ("dev.jsonl", "scraped-dev.jsonl") for r in read_jsonl(shared_file(f"data/chrome/{name}"))]


def _kept(record: dict, output: str) -> set[int]:
    """Input line indices aligned (in order, by text) to the output's lines."""
    norm = [" ".join(x["text"].split()) for x in record["lines"]]
    kept, cursor = set(), 0
    for line in re.split(r"\r\n|\n|\r", output):
        text = " ".join(line.split())
        if not text:
            continue
        for i in range(cursor, len(norm)):
            if norm[i] == text:
                kept.add(i)
                cursor = i + 1
                break
    return kept


def test_shared_data_meets_targets() -> None:
    body = body_kept = chrome = chrome_gone = once = 0
    records = _records()
    for record in records:
        output = clean_structure(record["text"])
        kept = _kept(record, output)
        labels = [x["label"] for x in record["lines"]]
        body += labels.count("body")
        body_kept += sum(1 for i in kept if labels[i] == "body")
        chrome += labels.count("chrome")
        chrome_gone += sum(1 for i, label in enumerate(labels) if label == "chrome" and i not in kept)
        title = "".join(line_key(x["text"]) for x in record["lines"] if x["label"] == "title")
        copies = [k for k in map(line_key, output.splitlines()) if title in k and len(k) <= 3.5 * len(title) + 30]
        once += len(copies) == 1 or (len(copies) == 0 and all(
            i in kept for i, label in enumerate(labels) if label == "title"))
    assert body_kept / body >= 0.99
    assert chrome_gone / chrome >= 0.95
    assert once / len(records) >= 0.95


def test_shared_data_passes_are_idempotent() -> None:
    for record in _records():
        once = clean_structure(record["text"])
        assert clean_structure(once) == once, record["id"]
