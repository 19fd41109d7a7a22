"""Cases as data: tests/cases/normalize.jsonl, one record per trap, each with a comment."""

from __future__ import annotations

import pytest

from arabic_clean import PASSES

from conftest import load_cases

CASES = load_cases("normalize.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["comment"][:60] for c in CASES])
def test_case(case: dict) -> None:
    func = PASSES[case["pass"]]
    result = func(case["original"], **case.get("options", {}))
    assert result == case["expected"], case["comment"]
    assert func(result, **case.get("options", {})) == result, "not idempotent"


def test_every_pass_has_cases() -> None:
    covered = {c["pass"] for c in CASES}
    missing = [name for name in PASSES if name not in covered and name in _CHARACTER_PASSES]
    assert not missing


_CHARACTER_PASSES = {name for name, f in PASSES.items() if hasattr(f, "char_rules")}
