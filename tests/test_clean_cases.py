"""clean() with the safe preset on whole small documents: cases as data (tests/cases/clean_*.jsonl)."""

from __future__ import annotations

import pytest
from conftest import load_cases

from arabic_clean import clean

CASES = load_cases("clean_*.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["comment"] for c in CASES])
def test_cases(case: dict) -> None:
    assert clean(case["original"]) == case["expected"]
    assert clean(case["expected"]) == case["expected"]
