"""Lines of real newspaper articles judged by a reader: article that must stay, chrome that must go.

`tests/data/judged_lines.jsonl` holds one record a line: the corpus document id (`doc`), the line
as it stands after repair, stripped (`line`), `judgment` ("keep" or "drop"), `kind` (headline,
list_item, verse, byline, date, ...) and a short `note`. They were read in
`../shared/data/corpus/newspapers-dev.jsonl.gz`, mostly among the lines `clean()` deleted
(`benchmarks/removal_audit.py`), plus lines it kept. Lines the reader was unsure of were left out.

A line counts as kept when it appears, stripped, as a line of `clean(document)`; so a headline
printed twice is kept when one copy stays, and a chrome line printed twice is dropped only when
every copy goes.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from arabic_clean import clean
from arabic_clean.presets import PRESETS
from conftest import shared_file

JUDGED = Path(__file__).resolve().parent / "data" / "judged_lines.jsonl"
CORPUS = "data/corpus/newspapers-dev.jsonl.gz"

#: Issue 10's target: at least this share of the must-keep lines survives `clean()`.
KEEP_FLOOR = 0.95
#: A floor just under the measured share, so chrome removal cannot quietly get worse while the
#: keep side is being fixed. Measured: 322 of 343 (0.939) at 42e64ee; 276 of 343 (0.805) after
#: issue 10's precision-first rounds (aaba3a2: bare author names, agency credits and separators
#: kept); 285 of 343 (0.831) with bare author names recognised by their given name. Raise it
#: when the drop side improves; lower it only with the numbers in the commit.
DROP_FLOOR = 0.82
#: Must-keep lines kept: 54 of 296 (0.182) at 42e64ee, 262 (0.885) at aaba3a2, 283 (0.956) since
#: the bylines precision round and one-word headings in the article's tail.
#: 297 of 298 (0.997) once a verse line and a sub-heading after a related-links list were added
#: (the sub-heading had first been judged a link) and kept.


def judged() -> list[dict]:
    with JUDGED.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def outputs() -> dict[str, set[str]]:
    """doc id -> the stripped lines of `clean()` on it, for every judged document."""
    wanted = {record["doc"] for record in judged()}
    found = {}
    with gzip.open(shared_file(CORPUS), "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["id"] in wanted:
                found[doc["id"]] = doc["text"]
    missing = wanted - found.keys()
    assert not missing, f"judged documents absent from {CORPUS}: {sorted(missing)[:10]}"
    return {doc_id: found[doc_id] for doc_id in sorted(found)}


def test_judged_file_is_well_formed():
    records = judged()
    for number, record in enumerate(records, start=1):
        where = f"{JUDGED.name}:{number}"
        assert set(record) == {"doc", "line", "judgment", "kind", "note"}, where
        assert record["judgment"] in ("keep", "drop"), where
        assert record["line"] == record["line"].strip() and record["line"], where
        assert record["kind"] and record["note"], where
    pairs = Counter((r["doc"], r["line"]) for r in records)
    assert max(pairs.values()) == 1, [pair for pair, n in pairs.items() if n > 1][:5]
    counts = Counter(r["judgment"] for r in records)
    assert counts["keep"] >= 150 and counts["drop"] >= 100, counts
    assert len({r["doc"] for r in records}) >= 40


def test_judged_lines_are_lines_of_their_documents(outputs):
    """Each judged line is a line of its document once repaired: the file matches the corpus."""
    repair = PRESETS["repair"].pipeline
    absent = []
    for record in judged():
        lines = {line.strip() for line in repair(outputs[record["doc"]]).splitlines()}
        if record["line"] not in lines:
            absent.append(f"{record['doc']}: {record['line'][:80]}")
    assert not absent, "judged lines not found in their documents:\n" + "\n".join(absent[:20])


def scored(outputs: dict[str, str], judgment: str) -> tuple[float, list[str]]:
    """Share of the lines with `judgment` that `clean()` treats as judged, and the others."""
    cleaned = {doc: {line.strip() for line in clean(text).splitlines()}
               for doc, text in outputs.items()}
    right, wrong = 0, []
    for record in judged():
        if record["judgment"] != judgment:
            continue
        kept = record["line"] in cleaned[record["doc"]]
        if kept == (judgment == "keep"):
            right += 1
        else:
            wrong.append(f"{record['doc']} [{record['kind']}] {record['line'][:90]}")
    return right / (right + len(wrong)), wrong


def failure_report(share: float, floor: float, wrong: list[str], verb: str) -> str:
    kinds = Counter(line.split("[", 1)[1].split("]", 1)[0] for line in wrong)
    return (f"{share:.3f} of the judged lines {verb} (floor {floor}); "
            f"by kind {dict(kinds.most_common())}; {len(wrong)} lines:\n" + "\n".join(wrong))


def test_must_keep_lines_are_kept(outputs):
    share, wrong = scored(outputs, "keep")
    assert share >= KEEP_FLOOR, failure_report(share, KEEP_FLOOR, wrong, "kept")


def test_must_drop_lines_are_dropped(outputs):
    share, wrong = scored(outputs, "drop")
    assert share >= DROP_FLOOR, failure_report(share, DROP_FLOOR, wrong, "dropped")
