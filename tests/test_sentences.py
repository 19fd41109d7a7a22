"""Sentence segmentation: cases as data, span properties, rule tables, linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabic_clean import sentence_rules as rules
from arabic_clean.sentences import segment_sentences, sentence_spans
from conftest import load_cases, read_jsonl, shared_file

CASES = load_cases("sentences*.jsonl")


def _case_params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["comment"])] if case.get("xfail") else []
        yield pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", list(_case_params()))
def test_case(case: dict) -> None:
    assert segment_sentences(case["original"]) == case["expected"], case["comment"]


def test_cases_cover_negatives_and_datelines() -> None:
    negatives = [c for c in CASES if c["expected"] == [c["original"]] and not c.get("xfail")]
    datelines = [c for c in CASES if "(" in c["original"] or "«" in c["original"]]
    assert len(negatives) >= 15 and len(datelines) >= 10


# ----------------------------------------------------------------------------- properties

# Characters that exercise every rule: Arabic letters, digits (Latin and Arabic-Indic),
# terminators, closers, openers, dashes, spaces of several kinds and line breaks.
_INTERESTING = (
    "دمشقبغادنيوركساةالمجدأهـمص ب ق"
    "0123٠١٢٣ .!?؟…۔‼«»“”\"'()[]-–—ـ،؛:,/@\n\r\t\u00a0\u2028\x0b\u200f"
    "اف بوكالاتAFPUS.Mr"
)
texts = st.one_of(st.text(), st.text(alphabet=_INTERESTING, max_size=200))


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert not text[previous_end:start].strip(), "a non-space character fell between spans"
        previous_end = end
    assert not text[previous_end:].strip()


@given(texts)
def test_spans_cover_text_in_order_stripped(text: str) -> None:
    spans = sentence_spans(text)
    _check_spans(text, spans)
    assert [text[a:b] for a, b in spans] == segment_sentences(text)
    joined = "".join("".join(s.split()) for s in segment_sentences(text))
    assert joined == "".join(text.split())


@given(st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF) | st.sampled_from(". ؟\n")))
def test_never_raises_on_lone_surrogates(text: str) -> None:
    _check_spans(text, sentence_spans(text))


@given(texts)
def test_input_is_never_mutated_and_results_repeat(text: str) -> None:
    copy = str(text)
    assert segment_sentences(text) == segment_sentences(text)
    assert text == copy


@given(texts)
def test_a_sentence_segments_to_itself(text: str) -> None:
    for sentence in segment_sentences(text):
        assert segment_sentences(sentence) == [sentence]


def test_empty_and_blank() -> None:
    assert sentence_spans("") == []
    assert segment_sentences(" \n\t\u2029 ") == []


def test_offsets_point_into_the_original() -> None:
    text = "  أولا.  ثانيا؟\n ثالثا  "
    assert sentence_spans(text) == [(2, 7), (9, 15), (17, 22)]


# ----------------------------------------------------------------------------- rule tables


def test_characters_cited_in_the_tables() -> None:
    assert "\u061f" in rules.TERMINATORS and "\u2026" in rules.TERMINATORS
    assert "\u06d4" in rules.TERMINATORS
    assert "\u00ab" in rules.CLOSERS and "\u00bb" in rules.CLOSERS
    assert "\u0640" in rules.DASHES
    # Comma U+060C, semicolon U+061B and colon never end a sentence.
    assert not set("\u060c\u061b:,;") & set(rules.TERMINATORS)
    assert set(rules.STRONG_TERMINATORS) <= set(rules.TERMINATORS)
    assert not set(rules.TERMINATORS) & set(rules.CLOSERS)
    assert all(c.isspace() for c in rules.LINE_BREAKS)
    assert set(rules.LINE_BREAKS) == {c for c in map(chr, range(0x3000)) if len(("a" + c + "b").splitlines()) == 2}


def test_fold_key_joins_spelling_variants() -> None:
    assert rules.fold_key("أ.ف.ب") in rules.NEWS_SOURCES
    assert rules.fold_key("أ ف ب") == rules.fold_key("ا ف ب")
    assert rules.fold_key("الأنباء") == rules.fold_key("الانباء")
    assert rules.fold_key("هـ") == rules.fold_key("ه")
    assert rules.fold_key("Dr") == "dr"


def test_tables_do_not_contradict_each_other() -> None:
    assert not rules.DATELINE_PLACES & rules.PLACE_IN_SENTENCE
    assert rules.ERA_ABBREVIATIONS <= rules.ABBREVIATIONS | {rules.fold_key("هـ"), rules.fold_key("م")}


# ----------------------------------------------------------------------------- linear time


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()  # CPU time: the two cores are shared with other jobs
        sentence_spans(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("unit", [".", "د. ", "\"", "«» ", ". ", "؟ أو ", " - ", "دمشق (اف ب) - ", "1. ", "(", "-", " "])
def test_time_is_linear_on_adversarial_input(unit: str) -> None:
    # 4x the input: linear time gives ~4x, quadratic ~16x; the wide gap survives a busy machine.
    size = 50_000
    small = unit * (size // len(unit))
    large = unit * (4 * size // len(unit))
    t_small, t_large = _seconds(small), _seconds(large)
    if t_large < 0.05:
        return  # too fast to time reliably, and far too fast for a quadratic scan of 200 kB
    ratio = t_large / t_small
    assert ratio < 8, f"{unit!r}: 4x the input multiplied the time by {ratio:.1f}"


# ----------------------------------------------------------------------------- gold data


@pytest.mark.parametrize("name", ["ersatz-nc-dev.jsonl", "pud-test.jsonl"])
def test_gold_sets_keep_every_character(name: str) -> None:
    for doc in read_jsonl(shared_file(f"data/sentences/{name}")):
        got = "".join("".join(s.split()) for s in segment_sentences(doc["text"]))
        assert got == "".join(doc["text"].split()), doc["id"]
