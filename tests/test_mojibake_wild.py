"""Mojibake as found in the wild (issue 11): idempotence on Arabic-script letter soup, clean
Persian/Urdu/Kurdish never touched, lost bytes, non-Arabic mojibake, no half repairs."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from arabic_clean import clean
from arabic_clean.encoding import explain_mojibake, fix_mojibake

# Letters of Arabic, Persian, Urdu and Sorani/Kurmanji Kurdish written in Arabic script, and the
# Latin-1 punctuation and signs pasted text carries around them.
_ARABIC_SCRIPT_LETTERS = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ"  # Arabic
    "پچژگکی"  # Persian
    "ٹڈڑںھہےۓ"  # Urdu
    "ڕڵۆێەڤ"  # Kurdish
)
_LATIN_1_PUNCTUATION = "«»¡¿·°±§¶©®¬¯´¸×÷ \u00a0.,:;!?-()\"'"
_LETTER_SOUP = st.text(
    st.sampled_from(_ARABIC_SCRIPT_LETTERS + _LATIN_1_PUNCTUATION + "\u200c"), max_size=40
)


@settings(max_examples=400)
@given(_LETTER_SOUP)
def test_fix_mojibake_is_idempotent_on_arabic_script_letter_soup(text: str) -> None:
    once = fix_mojibake(text)
    assert fix_mojibake(once) == once


@settings(max_examples=200)
@given(_LETTER_SOUP)
def test_clean_is_idempotent_on_arabic_script_letter_soup(text: str) -> None:
    for preset in ("repair", "safe"):
        once = clean(text, preset=preset)
        assert clean(once, preset=preset) == once, preset


# ط ظ ع غ are UTF-8 leads in windows-1256, and پ ٹ چ ژ ڈ گ ک ڑ ں ھ ، ؛ ؟ continuation bytes:
# 'ظپظٹ' is the mojibake of في, and no Arabic, Persian, Urdu or Kurdish word holds 'ظپ' or 'ظٹ'.
# Random words without such a pair; real words with one ('عکس') are in the cases below.
_LEAD_THEN_CONTINUATION = re.compile("[طظعغ][پٹچژڈگکڑںھ،؛؟\u200c]")


@settings(max_examples=400)
@given(st.lists(
    st.text(st.sampled_from(_ARABIC_SCRIPT_LETTERS + "\u200c"), min_size=1, max_size=9).filter(
        lambda word: _LEAD_THEN_CONTINUATION.search(word) is None
    ),
    min_size=1, max_size=8,
))
@example(["طط", "آٹ"])  # joined by '، ': 'ط،' is a unit and 'آٹ' the bytes of U+008A
def test_clean_arabic_script_words_never_change(words: list[str]) -> None:
    """Words of Arabic-script letters in any order, in any of the languages, stay."""
    for separator in (" ", "، ", "\u00a0", " « "):
        text = separator.join(words)
        assert fix_mojibake(text) == text


def test_repair_preset_is_idempotent_after_a_leading_nbsp() -> None:
    once = clean("\u00a0Ã©", preset="repair")
    assert clean(once, preset="repair") == once


def test_wild_cases_hold_every_kind() -> None:
    """tests/cases/mojibake-wild.jsonl (run by test_encoding.test_mojibake_case) keeps each kind."""
    from conftest import load_cases

    comments = " ".join(case["comment"] for case in load_cases("mojibake-wild.jsonl"))
    for kind in ("C1 controls dropped", "soft hyphens dropped", "NBSP", "no half repair",
                 "Korean", "Japanese", "Persian", "Urdu", "Kurdish", "ftfy", "code listing",
                 "windows-1254", "legacy tolerance", "Turkish"):
        assert kind in comments, kind


@pytest.mark.parametrize(
    ("broken", "inferred"),
    [
        ("Ø§Ù„Ù‡ÙˆØ§ØªÙ Ø§Ù„Ø°ÙƒÙŠØ©", ["lost_byte_inferred: Ù+0x81=ف"]),
        ("ط§ظ„طظ‚ظˆظ„", ["lost_byte_inferred: ط+0xAD=ح"]),
        ("Ù¢Ù Ù¢Ù¤ Ø§Ù„Ø¹Ø§Ù…", ["lost_byte_inferred: Ù+0xA0=٠"]),
    ],
)
def test_explain_names_inferred_units(broken: str, inferred: list[str]) -> None:
    explained = explain_mojibake(broken)
    assert [name for name in explained if name.startswith("lost_byte")] == inferred


def test_a_lead_before_a_lead_is_no_letter() -> None:
    """Without its soft hyphen HAH is 'ط' + the next lead: never left as TAH."""
    broken = "ط§ظ„طظ‚ظˆظ„ ظˆط§ظ„ظ…ط²ط§ط±ط¹"
    assert fix_mojibake(broken) == "الحقول والمزارع"


@pytest.mark.parametrize(
    "broken",
    [
        "Ø§Ù„Ù…Ø¹Ø±Ø¶ Ø§Ù„Ø¯ÙˆÙ„ÙŠ Ù„Ù„ÙƒØªØ§Ø¨ Ù",  # a word of one lost unit only
        "ط§ظ„ظ…ط¹ط±ط¶ ط¹ظ„ظ‰ ط§ظ„ظ…ظˆط¸ظ",  # ظ at the end: ٭ ٝ ٞ ٠, no letter
    ],
)
def test_no_word_mixes_repaired_letters_and_fragments(broken: str) -> None:
    fixed = fix_mojibake(broken)
    for word in fixed.split():
        repaired = any("\u0621" <= char <= "\u064a" for char in word)
        fragments = any(char in "ØÙطظ" for char in word) and word not in broken.split()
        assert not (repaired and fragments), (word, fixed)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(
    ["العربية", "الحقول", "الفريق", "في", "الهواتف", "حصل", "٢٠٢٤", "مستشفى", "فتح"]
), min_size=1, max_size=6).map(" ".join), st.sampled_from(["1252", "1256", "latin-1"]),
    st.sampled_from(["\xad", "\x81", "\xa0", "C1"]))
def test_lost_bytes_are_repaired_exactly_or_words_left_whole(
    words: str, reading: str, lost: str
) -> None:
    """Drop a byte kind from a reading: each word comes back exact or exactly as it was."""
    data = words.encode()
    if reading == "1256":
        broken = data.decode("cp1256")
    elif reading == "latin-1":
        broken = data.decode("latin-1")
    else:
        broken = "".join(
            chr(b) if b in b"\x81\x8d\x8f\x90\x9d" else bytes([b]).decode("cp1252") for b in data
        )
    if lost == "C1":
        broken = "".join(char for char in broken if not "\x80" <= char <= "\x9f")
    else:
        broken = broken.replace(lost, "")
    fixed = fix_mojibake(broken)
    if len(fixed.split()) == len(words.split()) == len(broken.split()):
        for got, want, was in zip(fixed.split(), words.split(), broken.split()):
            assert got in (want, was), (got, want, was)
    assert fix_mojibake(fixed) == fixed
