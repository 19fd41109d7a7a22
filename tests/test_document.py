"""The line model: Lines keeps input line numbers through keep() and through a fused run."""

from __future__ import annotations

import pytest
from conftest import read_jsonl, shared_file
from hypothesis import given
from hypothesis import strategies as st

from arabic_clean.structure import dedupe_headlines, dedupe_paragraphs, remove_chrome, strip_bylines
from arabic_clean.structure._lines import is_blank, join_kept, split_lines
from arabic_clean.structure.document import Lines
from arabic_clean.structure.fused import fused_lines, run_fused
from arabic_clean.structure.keys import line_key

STEPS = [(f, {}) for f in (remove_chrome, strip_bylines, dedupe_headlines, dedupe_paragraphs)]
LINES = st.lists(
    st.sampled_from([
        "الرئيسية", "سياسة", "", " ", "\u200f", "جميع الحقوق محفوظة ©", "رويترز", "الأكثر قراءة",
        "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب.",
        "الوزير يفتتح معرض الكتاب", "الوزير يفتتح معرض الكتابالوزير يفتتح معرض الكتاب",
        "الوزير يفتتح معرض الكتاب - اليوم السابع", "الإثنين، 24 أغسطس 2020 09:23 ص", "\r",
    ]) | st.text(max_size=20),
    max_size=25,
)
SEPARATORS = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


def assert_lines_follow(text: str) -> None:
    lines = fused_lines(text, STEPS)
    assert lines.render() == run_fused(text, STEPS)
    source = split_lines(text)
    assert lines.numbers == sorted(set(lines.numbers)), "input order, each input line at most once"
    for piece, number in zip(lines.pieces, lines.numbers):
        # Every line is its input line, but a glued headline cut to its first copy.
        assert piece == source[number] or source[number].startswith(piece.rstrip("\r\n"))


@given(lines=LINES, separator=SEPARATORS)
def test_every_output_line_knows_its_input_line(lines: list[str], separator: str) -> None:
    assert_lines_follow(separator.join(lines))


def test_every_output_line_knows_its_input_line_on_real_documents() -> None:
    for path in ("data/chrome/dev.jsonl", "data/chrome/scraped-dev.jsonl"):
        for record in read_jsonl(shared_file(path)):
            assert_lines_follow(record["text"])


@given(lines=LINES, separator=SEPARATORS, data=st.data())
def test_keep_collapse_is_join_kept(lines: list[str], separator: str, data: st.DataObject) -> None:
    parsed = Lines.parse(separator.join(lines))
    mask = data.draw(st.lists(st.booleans(), min_size=len(parsed), max_size=len(parsed)))
    kept = parsed.keep(mask)
    assert kept.render() == join_kept(parsed.pieces, mask)
    assert kept.render() == "".join(kept.pieces) and split_lines(kept.render()) == kept.pieces


@given(lines=LINES, separator=SEPARATORS, data=st.data())
def test_keep_none_and_no_growth(lines: list[str], separator: str, data: st.DataObject) -> None:
    parsed = Lines.parse(separator.join(lines))
    mask = data.draw(st.lists(st.booleans(), min_size=len(parsed), max_size=len(parsed)))
    exact = parsed.keep(mask, tidy="none")
    assert set(exact.numbers) <= {i for i, keep in enumerate(mask) if keep}
    grown = parsed.keep(mask, tidy="no_growth")
    assert set(grown.numbers) <= {i for i, keep in enumerate(mask) if keep}
    # no_growth never opens the text with a blank line that was not already at its start
    assert not grown.pieces or not is_blank(grown.pieces[0]) or grown.numbers[0] == 0


def test_keys_blank_and_texts_are_the_lines() -> None:
    lines = Lines.parse("عنوانٌ\r\n \u200f\r\nنص المقال.")
    assert lines.texts == ["عنوانٌ", "\u200f", "نص المقال."]
    assert lines.blank == [False, True, False]
    assert lines.keys == [line_key("عنوانٌ"), "", line_key("نص المقال.")]


def test_bad_masks_and_policies_are_refused() -> None:
    lines = Lines.parse("أ\nب\n")
    with pytest.raises(ValueError, match="mask of 1"):
        lines.keep([True])
    with pytest.raises(ValueError, match="unknown tidy policy"):
        lines.keep([True, True], tidy="tight")  # type: ignore[arg-type]


@given(lines=LINES, separator=SEPARATORS, data=st.data())
def test_select_carries_over_only_what_still_holds(lines: list[str], separator: str, data: st.DataObject) -> None:
    """The facts `select` carries to the lines it keeps are what a fresh `Lines` computes."""
    parsed = Lines.parse(separator.join(lines))
    parsed.texts, parsed.bare, parsed.blank, parsed.keys, parsed.copy_keys  # computed, so carried
    mask = data.draw(st.lists(st.booleans(), min_size=len(parsed), max_size=len(parsed)))
    positions = [i for i, keep in enumerate(mask) if keep]
    replace = {i: "عنوان" for i in positions[:1]} if data.draw(st.booleans()) else None
    selected = parsed.select(positions, replace=replace)
    fresh = Lines(list(selected.pieces), list(selected.numbers))
    for fact in ("texts", "bare", "blank", "keys", "copy_keys"):
        assert getattr(selected, fact) == getattr(fresh, fact), fact
    assert selected.render() == "".join(selected.pieces) and split_lines(selected.render()) == selected.pieces


def test_positions_of_maps_input_numbers_to_positions() -> None:
    from arabic_clean.structure.document import positions_of

    lines = Lines(["أ\n", "ب\n", "ج\n"], [2, 5, 9])
    assert positions_of(lines, [(9, "byline"), (2, "lexicon")]) == [(0, "lexicon"), (2, "byline")]
    assert positions_of(Lines.parse("أ\nب\n"), [(1, "blank")]) == [(1, "blank")]
