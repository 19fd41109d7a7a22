"""The character tables: cited code points are what the comments say they are."""

from __future__ import annotations

import unicodedata

import pytest

from arabic_clean import tables as T


def test_diacritics_are_nonspacing_marks() -> None:
    for char in T.DIACRITICS:
        assert unicodedata.category(char) == "Mn", f"U+{ord(char):04X}"


@pytest.mark.parametrize("code", [0x0670, *range(0x064B, 0x0660), *range(0x0610, 0x061B),
                                  *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E5), 0x06E7, 0x06E8,
                                  *range(0x06EA, 0x06EE), *range(0x08CA, 0x08E2),
                                  *range(0x08E3, 0x0900)])
def test_each_cited_diacritic_is_stripped(code: int) -> None:
    assert chr(code) in T.DIACRITICS


@pytest.mark.parametrize("code", [0x06DD, 0x06DE, 0x06E5, 0x06E6, 0x06E9, 0x08E2, 0x0640])
def test_signs_and_small_letters_are_not_diacritics(code: int) -> None:
    assert chr(code) not in T.DIACRITICS


def test_letter_tables_name_their_letters() -> None:
    assert all("ALEF" in unicodedata.name(c) for c in T.ALEF_VARIANTS)
    assert unicodedata.name(T.ALEF_MAQSURA) == "ARABIC LETTER ALEF MAKSURA"
    assert unicodedata.name(T.TEH_MARBUTA) == "ARABIC LETTER TEH MARBUTA"
    assert unicodedata.name(T.TATWEEL) == "ARABIC TATWEEL"
    assert [unicodedata.name(c) for c in "\u066b\u066c"] == [
        "ARABIC DECIMAL SEPARATOR", "ARABIC THOUSANDS SEPARATOR"]


def test_arabic_letters_are_letters() -> None:
    for char in T.ARABIC_LETTERS:
        # Cn: assigned after the Unicode version of this Python (U+08B5 is new in 14.0).
        assert unicodedata.category(char) in ("Lo", "Cn"), f"U+{ord(char):04X}"
    assert set(T.DUAL_JOINING) - {T.TATWEEL} <= set(T.ARABIC_LETTERS)


@pytest.mark.parametrize("code", [0x0627, 0x0622, 0x0623, 0x0625, 0x0629, 0x062F, 0x0630,
                                  0x0631, 0x0632, 0x0648, 0x0624, 0x0621, 0x0671])
def test_right_joining_letters_are_not_dual_joining(code: int) -> None:
    assert chr(code) not in T.DUAL_JOINING


def test_compositions_match_unicode() -> None:
    for pair, composed in T.COMPOSITIONS.items():
        if pair[0] == T.ALEF_MAQSURA:
            continue  # the one documented non-canonical pair
        assert unicodedata.normalize("NFC", pair) == composed


def test_whitespace_and_invisible_tables_do_not_overlap() -> None:
    groups = {"INVISIBLE": T.INVISIBLE, "SPACES": T.SPACES, "LINE_BREAKS": T.LINE_BREAKS,
              "ZW": T.ZWSP + T.ZWNJ + T.ZWJ}
    seen: dict[str, str] = {}
    for name, chars in groups.items():
        for char in chars:
            assert char not in seen, f"U+{ord(char):04X} in {name} and {seen.get(char)}"
            seen[char] = name
    assert "\t" in T.SPACES and "\n" not in seen


def test_invisible_characters_are_format_or_control() -> None:
    for char in T.INVISIBLE:
        assert unicodedata.category(char) in ("Cf", "Cc"), f"U+{ord(char):04X}"


def test_presentation_forms_fold_to_base_letters() -> None:
    assert T.PRESENTATION_FORMS["\ufefb"] == "\u0644\u0627"
    assert T.PRESENTATION_FORMS["\ufdfc"] == "\u0631\u064a\u0627\u0644"
    assert "\u06cc" not in T.PRESENTATION_FORMS["\ufdfc"]
    assert "\ufeff" not in T.PRESENTATION_FORMS  # BOM is remove_invisible's business
    for source, target in T.PRESENTATION_FORMS.items():
        assert 0xFB50 <= ord(source) <= 0xFDFF or 0xFE70 <= ord(source) <= 0xFEFE
        assert not any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in target)
        assert not target.startswith(" ")


def test_persian_folds_keep_distinct_sounds() -> None:
    for char in "گپچژ":
        assert char not in T.PERSIAN_LETTERS
