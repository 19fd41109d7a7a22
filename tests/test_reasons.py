"""Every line a structure pass deletes has a named reason, and the reasons describe the output."""

from __future__ import annotations

import pytest
from conftest import read_jsonl, shared_file
from hypothesis import given
from hypothesis import strategies as st

from arabic_clean import PRESETS, Deletion, Pipeline
from arabic_clean.structure import REASONS, dedupe_headlines, dedupe_paragraphs, remove_chrome, strip_bylines
from arabic_clean.structure._lines import split_lines
from arabic_clean.structure.keys import line_key

PASSES = (remove_chrome, strip_bylines, dedupe_headlines, dedupe_paragraphs)
LINES = st.lists(
    st.sampled_from([
        "الرئيسية", "سياسة", "جميع الحقوق محفوظة ©", "", " ", "www.example.com", "الأكثر قراءة",
        "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب.",
        "الوزير يفتتح معرض الكتاب", "الوزير يفتتح معرض الكتابالوزير يفتتح معرض الكتاب",
        "الوزير يفتتح معرض الكتاب - اليوم السابع", "رويترز", "الإثنين، 24 أغسطس 2020 09:23 ص",
        "Tweet", "[tagNewNew]", "\r", "كتبت أسماء نصار", "(أرشيفية)", "© 2020 حقوق النشر",
        "الأزهر يوجه نداء عاجلا لإغاثة مسلمي بورما", "الأربعاء, 25-يوليو-2012",
    ]) | st.text(max_size=30),
    max_size=30,
)
SEPARATORS = st.sampled_from(["\n", "\r\n", "\n\n"])


def check_removals(func, text: str) -> None:
    result, removed = func.line_form(text, named=True)
    assert result == func(text)
    lines = split_lines(text)
    numbers = [line for line, _ in removed]
    assert numbers == sorted(set(numbers)), "each deleted line is named once, in order"
    assert all(reason in REASONS for _, reason in removed)
    if func is dedupe_headlines:  # it may also cut a glued copy: only the deleted lines are named
        assert len(split_lines(result)) == len(lines) - len(removed) or not removed
        return
    gone = set(numbers)
    assert "".join(line for i, line in enumerate(lines) if i not in gone) == result
    kept_keys = {line_key(line) for line in split_lines(result)}
    assert all(line_key(lines[i]) in kept_keys for i, reason in removed if reason == "copy_kept")


@pytest.mark.parametrize("func", PASSES, ids=lambda f: f.__name__)
@given(lines=LINES, separator=SEPARATORS)
def test_removals_name_exactly_the_deleted_lines(func, lines: list[str], separator: str) -> None:
    check_removals(func, separator.join(lines))


@pytest.mark.parametrize("func", PASSES, ids=lambda f: f.__name__)
def test_removals_on_real_documents(func) -> None:
    for record in read_jsonl(shared_file("data/chrome/scraped-dev.jsonl")) + read_jsonl(shared_file("data/chrome/dev.jsonl")):
        check_removals(func, record["text"])


def test_explain_lists_deletions_with_reasons() -> None:
    page = ("الرئيسية\nسياسة\nرياضة\nالوزير يفتتح المعرض\nكتب أحمد علي\n\n"
            "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.\n\nجميع الحقوق محفوظة\n")
    pipeline = PRESETS["safe"].pipeline
    explanation = pipeline.explain(page, lines=True)
    assert explanation.text == pipeline(page)
    assert Deletion("remove_chrome", "lexicon", 8, "جميع الحقوق محفوظة") in explanation.deletions
    assert Deletion("strip_bylines", "byline", 1, "كتب أحمد علي") in explanation.deletions
    assert {d.reason for d in explanation.deletions if d.step == "remove_chrome"} >= {"menu", "lexicon"}
    counts = dict(explanation.removed)
    assert sum(counts.values()) == len(explanation.deletions)
    assert pipeline.explain(page).deletions == ()  # lines only when asked
    assert dict(pipeline.explain(page).removed) == counts


def test_explain_without_line_passes_reports_no_removals() -> None:
    assert Pipeline.from_names(["strip_diacritics"]).explain("كَتَبَ\nرويترز").removed == ()


def test_copy_kept_names_a_line_whose_copy_stays() -> None:
    """A headline printed above a dateline and again above the article: the first copy goes as
    copy_kept, and a line with its key is in the output."""
    page = ("\nالأزهر يوجه نداء عاجلا لإغاثة مسلمي بورما\nالأربعاء, 25-يوليو-2012\nالمؤتمرنت -\n"
            "الأزهر يوجه نداء عاجلا لإغاثة مسلمي بورما\nوجه الأزهر الشريف، أحد أكبر المؤسسات الدينية في العالم"
            " الإسلامي، نداء الثلاثاء لإغاثة المسلمين في ميانمار.\n\nوذكر الأزهر في بيان له أن الشعب المسلم"
            " في ميانمار يتعرض لعمليات تهجير واسعة منذ أسابيع.\n")
    result, removed = remove_chrome.line_form(page, named=True)
    lines = split_lines(page)
    copies = [line for line, reason in removed if reason == "copy_kept"]
    assert copies, removed
    kept = {line_key(line) for line in split_lines(result)}
    assert all(line_key(lines[i]) in kept for i in copies)
