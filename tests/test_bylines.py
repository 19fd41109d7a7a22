"""strip_bylines: cases as data and the pass's properties."""

from __future__ import annotations

import pytest
import regex
from conftest import load_cases
from hypothesis import example, given
from hypothesis import strategies as st

from arabic_clean.structure import strip_bylines
from arabic_clean.structure._lines import split_lines
from arabic_clean.structure import bylines
from arabic_clean.structure.bylines import _ends_sentence, is_attribution, is_stamp
from arabic_clean.structure.keys import line_keys

CASES = load_cases("bylines*.jsonl")
LINES = st.lists(st.sampled_from([
    "كتبت أسماء نصار", "الإثنين، 24 أغسطس 2020 09:23 ص", "رويترز", "وزارة العمل", "وزارة العمل", "",
    "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب.", '"السفير"',
]) | st.text(max_size=30), max_size=20)


@pytest.mark.parametrize("case", CASES, ids=[c["comment"] for c in CASES])
def test_cases(case: dict) -> None:
    assert strip_bylines(case["original"]) == case["expected"]


@pytest.mark.parametrize("line", ["2020-11-09", "November 9, 2020", "30 نيسان 2012 03:04 عدد القراءات 1829",
                                  "آخر تحديث 14:00 (GMT+0400)", "صوت الجلفةنشر في صوت الجلفة يوم 22 - 09 - 2012"])
def test_stamps(line: str) -> None:
    assert is_stamp(line) or is_attribution(line)


@given(st.text())
def test_total_on_any_str(text: str) -> None:
    assert isinstance(strip_bylines(text), str)


@given(LINES.map("\n".join))
def test_idempotent(text: str) -> None:
    once = strip_bylines(text)
    assert strip_bylines(once) == once


@given(LINES.map("\n".join))
def test_only_deletes_lines(text: str) -> None:
    source = iter(split_lines(text))
    assert all(any(line == c for c in source) for line in split_lines(strip_bylines(text)))


@given(st.text(alphabet=".!?؟؛…'\"»”’)]\n\r :a", max_size=8))
def test_sentence_end_test_agrees_with_its_pattern(text: str) -> None:
    assert _ends_sentence(text) == bool(regex.search(r"[.!?؟؛…]['\"»”’)\]]*$", text))


@given(st.lists(st.sampled_from(["مايو", "May", "MAY", "ſep", "\u212aan", "Jun", "كانون", "الثاني", "ذو", "الحجة",
                                 "الجمعة", "İ", "Sept", "x", "ـ", "، ", " ", "٣", "7", "\u064b", "ß", "2020", "09:23",
                                 "١٤٤٥", "هـ", "ماي", "ربيع", "الأول", "/", "-", ":", "\u2003", "۱۲", "\x1c"])).map("".join))
@example("كانون الثاني 2020")  # a two-word name, picked by its first word
@example("ربيع الأول ربيع")
def test_date_prefilter_never_hides_a_date(text: str) -> None:
    assert bylines._may_have_date(text) or not bylines._DATE_OR_TIME.search(text)
    # The pattern with only the names standing in the text finds what the whole pattern finds.
    assert bylines._dates_naming(bylines._name_words(text)).subn(" ", text) == bylines._DATE_OR_TIME.subn(" ", text)


@given(st.lists(st.sampled_from(["الرئيسية", "سياسة", "كتبت أسماء نصار", "الإثنين، 24 أغسطس 2020 09:23 ص", "", " ",
                                 "الوزير يفتتح معرض الكتاب", "صورة أرشيفية", "جميع الحقوق محفوظة ©",
                                 "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب."])
                | st.text(max_size=12), max_size=25),
       st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
def test_what_remove_chrome_learned_is_only_a_memo(lines: list[str], separator: str) -> None:
    """After remove_chrome, strip_bylines answers the same with the run's state and lines or without them."""
    from arabic_clean.structure import remove_chrome
    from arabic_clean.structure.document import Lines
    from arabic_clean.structure.runstate import RunState

    state = RunState()
    kept, _ = remove_chrome.on_lines(Lines.parse(separator.join(lines)), state=state)
    assert all(found == (is_attribution(t) or bylines.is_photo_credit(t)) for t, found in state.attribution.items())
    with_memo, removed = strip_bylines.on_lines(kept, state=state)
    assert (with_memo.render(), removed) == strip_bylines.line_form(kept.render())


@pytest.mark.parametrize("line", ["أولا - عدم ترشيحها للفوز", "رابعاً - روي هودجسون", "aـ تصلب الشرايين", "ب - الضرائب"])
def test_an_enumerated_item_is_not_a_dateline(line: str) -> None:
    """An ordinal or a single letter before the dash is a list bullet, not a place: not attribution."""
    assert not is_attribution(line)
    assert is_attribution("مسقط ـ الوطن:") and is_attribution("(أبوظبي - البيان)")


@pytest.mark.parametrize("line", ["تشيلسي- برشلونة: 1-صفر", "الأهلي صفر - 2 الزمالك"])
def test_a_score_with_zero_is_not_the_month_safar(line: str) -> None:
    assert not is_stamp(line) and not is_attribution(line)
    assert is_stamp("الأحد 1 صفر 1445 هـ")


def test_a_label_word_with_tanween_opens_a_title() -> None:
    """حوارٌ (U+064C) is an indefinite noun of a title; حوار: and a vocalized verb label كتبَ are labels."""
    assert not is_attribution("حوارٌ داخل نص مسرحي")
    assert is_attribution("حوار: أحمد علي") and is_attribution("كتبَ أحمد علي")
