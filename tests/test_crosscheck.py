"""pyarabic (GPL-3.0, test-only) as an oracle: agree where we should, differ where documented."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabic_clean import normalize_alef, normalize_alef_maqsura, normalize_hamza, strip_diacritics
from arabic_clean import tables as T

araby = pytest.importorskip("pyarabic.araby", reason="pyarabic is a test extra")

HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
words = st.text(st.sampled_from(T.ARABIC_LETTERS[:40] + HARAKAT + " "), max_size=60)


@given(text=words)
def test_strip_diacritics_agrees_with_strip_tashkeel_on_harakat(text: str) -> None:
    assert strip_diacritics(text) == araby.strip_tashkeel(text)


def test_alef_maqsura_differs_from_pyarabic_on_purpose() -> None:
    # pyarabic.normalize_alef folds ى into ا ("على" -> "علا"), merging two words; we map ى to ي.
    assert araby.normalize_alef("على") == "علا"
    assert normalize_alef("على") == "على"
    assert normalize_alef_maqsura("على") == "علي"


def test_alef_agrees_with_pyarabic_on_hamza_alefs() -> None:
    text = "أحمد إبراهيم آمن"
    assert normalize_alef(text) == araby.normalize_alef(text)


def test_hamza_carrier_matches_pyarabic_tasheel_on_waw_and_yeh() -> None:
    text = "سؤال مسائل"
    assert normalize_hamza(text) == araby.normalize_hamza(text, method="tasheel")


def test_dagger_alef_differs_from_pyarabic_on_purpose() -> None:
    # pyarabic's strip_tashkeel keeps U+0670; CAMeL's dediac_ar and we remove it.
    assert strip_diacritics("هٰذا") == "هذا"
