"""remove_chrome: cases as data, lexicon integrity, and the pass's properties."""

from __future__ import annotations


import pytest
import regex
from conftest import load_cases
from hypothesis import example, given
from hypothesis import strategies as st

from arabic_clean.structure import remove_chrome
from arabic_clean.structure._lines import split_lines
from arabic_clean.structure import chrome
from arabic_clean.structure.bylines import _ends_sentence
from arabic_clean.structure.chrome import Lexicon, lexicon_text
from arabic_clean.structure.keys import line_key, line_keys, word_keys
from arabic_clean.tables import ONE_BYTE_ALPHABET

CASES = load_cases("chrome*.jsonl")
ARABIC_LINES = st.lists(
    st.sampled_from([
        "الرئيسية", "سياسة", "جميع الحقوق محفوظة ©", "", " ", "www.example.com", "الأكثر قراءة",
        "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب.",
        "الوزير يفتتح معرض الكتاب", "- ندوات فكرية يومية", "Tweet", "ـــــ", "\r", "كتبت أسماء نصار",
    ]) | st.text(max_size=40),
    max_size=30,
)


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    source = iter(whole)
    return all(any(line == candidate for candidate in source) for line in part)


@pytest.mark.parametrize("case", CASES, ids=[c["comment"] for c in CASES])
def test_cases(case: dict) -> None:
    assert remove_chrome(case["original"]) == case["expected"]


def test_lexicon_rows_have_a_kind_and_a_source() -> None:
    for row in lexicon_text().splitlines():
        if row.strip() and not row.startswith("#"):
            phrase, kind, source = row.split("\t")
            assert phrase and kind in {"line", "nav", "prefix", "label", "keyword"} and source


def test_leaving_a_site_out_drops_its_entries() -> None:
    full = Lexicon.parse(lexicon_text())
    without = Lexicon.parse(lexicon_text(), exclude_sources=frozenset({"dev:arabic.cnn.com"}))
    assert len(without.label) < len(full.label)


@given(st.text())
def test_total_on_any_str(text: str) -> None:
    assert isinstance(remove_chrome(text), str)


@given(ARABIC_LINES.map("\n".join))
def test_idempotent(text: str) -> None:
    once = remove_chrome(text)
    assert remove_chrome(once) == once


@given(ARABIC_LINES.map("\n".join))
def test_only_deletes_lines(text: str) -> None:
    assert is_subsequence(split_lines(remove_chrome(text)), split_lines(text))


@given(st.text(alphabet=".:!?؟؛…'\"»”’)]\n\r a", max_size=8))
def test_line_end_tests_agree_with_their_patterns(text: str) -> None:
    assert chrome._paragraph_end(text) == bool(chrome._PARAGRAPH_END.search(text))


WORDY_TEXTS = st.lists(st.text(alphabet=st.sampled_from("في من ال أَ ،.\u0640\u064b\x1c\xa0\u2028İ\u0345Aa\u200f\t日©ß")).filter(
    lambda t: "\n" not in t))


@given(WORDY_TEXTS)
def test_stop_word_counts_key_each_word(texts: list[str]) -> None:
    assert chrome._stop_word_counts(texts) == [sum(line_key(w) in chrome._STOPWORDS for w in text.split()) for text in texts]
    assert word_keys(texts) == [[line_key(w) for w in text.split() if line_key(w)] for text in texts]


@given(WORDY_TEXTS)
def test_line_keys_is_line_key_per_line(texts: list[str]) -> None:
    assert line_keys(texts) == [line_key(text) for text in texts]


@given(st.lists(st.text(alphabet=st.sampled_from(sorted(ONE_BYTE_ALPHABET) + ["日", "©", "\u2028", "\x1c", "\u06ff"]),
                        max_size=30).map(str.strip).filter(lambda t: "\n" not in t and "\r" not in t), max_size=8))
@example(["كلمة " * 20 + "أخيرة؟", "كلمة " * 20 + "أخيرة!»", "كلمة " * 19 + "أخيرة؟", "كلمة " * 20 + "أخيرة.."])
def test_text_columns_agree_with_per_line_tests(texts: list[str]) -> None:
    # _Texts describes line contents: stripped, without line breaks.
    columns = chrome._Texts(texts, chrome.default_lexicon(), None)
    assert columns.keys == [line_key(text) for text in texts]
    assert columns.words == [len(text.split()) for text in texts]
    assert columns.latin_all == [len(regex.findall("[A-Za-z]", text)) for text in texts]
    assert columns.paragraph_end == [chrome._paragraph_end(text) for text in texts]
    # A long line ending a sentence (bylines._ends_sentence, tested against its pattern there) ends prose too.
    assert columns.ends == [p or (n >= 20 and _ends_sentence(text))
                            for p, n, text in zip(columns.paragraph_end, columns.words, texts)]


def test_no_artefact_starts_with_an_arabic_letter() -> None:
    # What can open an _ARTEFACT match: "[", "(", "INS:" (any case), a mark, a digit, a space.
    first = regex.compile(r"[\[(#*+•□◦▪·|_^~=]|(?i:I)|\d|\s")
    assert not any(first.match(letter) for letter in chrome._ARABIC_LETTERS)
    # Nor another ASCII letter: the lazy weak test skips the regex for lines opening with one.
    assert not any(first.match(letter) for letter in chrome._NO_ARTEFACT_START)
    assert not any(chrome._ARTEFACT.match(letter + "NS:") for letter in chrome._NO_ARTEFACT_START)


@given(st.text(alphabet=st.sampled_from(list("صورة أرشيفية()رويترز©:/ GettyImagesEmbdfromAFPREUTERSEPAgetty") + ["\u0130", "\u0131",
                                                                                                           "\u017f", "\u212a"]),
               max_size=30))
def test_photo_credit_prefilter_never_hides_a_credit(text: str) -> None:
    # remove_chrome asks is_photo_credit about headline candidates; the prefilter spares the regex.
    from arabic_clean.structure import bylines
    assert bylines._may_be_photo_credit(text) or not bylines._PHOTO_CREDIT.search(text)


@given(st.lists(st.sampled_from(["الرئيسية", "سياسة", "", " ", "\u200f", "جميع الحقوق محفوظة ©", "الأكثر قراءة",
                                 "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب.",
                                 "الوزير يفتتح معرض الكتاب", "\x1cالوزير\x1c"]) | st.text(max_size=12), max_size=25),
       st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
def test_keys_remove_chrome_hands_on_are_the_lines_keys(lines: list[str], separator: str) -> None:
    """The keys remove_chrome gives its output (`Lines.learn_keys`) are what `Lines.keys` computes."""
    from arabic_clean.structure.document import Lines

    kept, _ = remove_chrome.on_lines(Lines.parse(separator.join(lines)))
    learned = kept.__dict__.get("keys")
    assert learned is None or learned == Lines(kept.pieces, kept.numbers).keys
