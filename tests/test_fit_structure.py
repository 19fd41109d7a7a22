"""benchmarks/fit_structure.py: its scoring, fit and k-fold on a tiny fixture (no shared data)."""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import fit_structure as fs

from arabic_clean import clean
from arabic_clean.structure.chrome import THRESHOLDS

PAGE = ("الرئيسية\nسياسة\nالوزير يفتتح المعرض\nكتب أحمد علي\n\n"
        "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.\n")
LABELS = ["chrome", "chrome", "title", "byline_or_date", "blank", "body", "blank"]
RECORD = {
    "id": "tiny", "site": "nas-KW (a fixture)", "text": PAGE,
    "lines": [{"text": text, "label": label} for text, label in zip(PAGE.split("\n"), LABELS)],
    "expected": "الوزير يفتتح المعرض\n\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.",
}
JUDGED = [
    {"doc": "LBX1", "line": "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.", "judgment": "keep"},
    {"doc": "LBX1", "line": "الرئيسية", "judgment": "drop"},
    {"doc": "LBX1", "line": "سياسة", "judgment": "keep"},  # judged wrongly on purpose: counts a miss
]
CORPUS = {"LBX1": {"text": PAGE.replace("\n", "\r\n"), "country": "LB"}}


def test_the_structure_group_on_repaired_text_is_clean():
    assert fs.clean_repaired(fs._REPAIR(PAGE), THRESHOLDS) == clean(PAGE)
    crlf = CORPUS["LBX1"]["text"]
    assert fs.clean_repaired(fs._REPAIR(crlf), THRESHOLDS) == clean(crlf)


def test_sites_join_a_bucket_and_its_outlets():
    assert fs.fold_of_record(RECORD) == "KW"
    assert fs.fold_of_record({"site": "albayan.ae"}) == "AE"
    assert fs.fold_of_record({"site": "youm7.com"}) == "youm7.com"


def test_counts_per_site_on_a_tiny_fixture():
    documents = fs.load_documents([RECORD], CORPUS, JUDGED)
    per_site = fs.evaluate(documents, THRESHOLDS)
    assert set(per_site) == {"KW", "LB"}
    kw = per_site["KW"]
    assert (kw["docs"], kw["once"], kw["body"], kw["body_kept"]) == (1, 1, 1, 1)
    assert (kw["chrome"], kw["chrome_removed"]) == (2, 2)
    assert per_site["LB"] == Counter({"keep": 2, "keep_kept": 1, "drop": 1, "drop_dropped": 1})
    # the one must-keep line lost costs `weight`
    assert fs.cost(fs.pooled({THRESHOLDS: per_site}, THRESHOLDS, ["KW", "LB"]), 10) == 10


def _counts(body_lost: int = 0, chrome_left: int = 0) -> Counter:
    return Counter({"docs": 1, "once": 1, "body": 10, "body_kept": 10 - body_lost,
                    "chrome": 10, "chrome_removed": 10 - chrome_left})


def test_fit_prefers_losing_no_article_and_ties_go_to_the_defaults():
    other = dataclasses.replace(THRESHOLDS, near=THRESHOLDS.near + 5)
    far = dataclasses.replace(THRESHOLDS, near=THRESHOLDS.near + 10)
    # `other` leaves 9 more chrome lines but loses one body line less: weight 10 favours it
    table = {THRESHOLDS: {"a": _counts(body_lost=1)}, other: {"a": _counts(chrome_left=9)}}
    assert fs.fit(table, ["a"], 10) == other
    assert fs.fit(table, ["a"], 5) == THRESHOLDS
    # equal cost: the candidate nearer the defaults
    tied = {far: {"a": _counts()}, other: {"a": _counts()}, THRESHOLDS: {"a": _counts(chrome_left=1)}}
    assert fs.fit(tied, ["a"]) == other


def test_k_fold_fits_without_the_held_out_site():
    other = dataclasses.replace(THRESHOLDS, edge_after_run=0)
    # `other` is better on a and b, and loses the article on c
    table = {
        THRESHOLDS: {"a": _counts(chrome_left=3), "b": _counts(chrome_left=3), "c": _counts()},
        other: {"a": _counts(), "b": _counts(), "c": _counts(body_lost=5)},
    }
    folds = {site: (fitted, counts) for site, fitted, counts in fs.k_fold(table, ["a", "b", "c"])}
    assert folds["c"][0] == other and folds["c"][1]["body_kept"] == 5
    # held out a (or b), the fit on the others sees c's lost body: the defaults
    assert folds["a"][0] == THRESHOLDS and folds["b"][0] == THRESHOLDS
    assert fs.missed(sum((c for _f, c in folds.values()), Counter()))
