"""Property tests: every pass is total, idempotent, and touches only what it should."""

from __future__ import annotations

import pickle
from functools import reduce

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from arabic_clean import PASSES, PRESETS, Pipeline, tables

OPTION_SETS = {
    "strip_diacritics": [{}, {"keep_shadda": True}],
    "normalize_hamza": [{}, {"to": "hamza"}],
    "normalize_digits": [{}, {"to": "arabic"}],
    "normalize_punctuation": [{}, {"to": "ascii"}],
}
VARIANTS = [(name, opts) for name in PASSES for opts in OPTION_SETS.get(name, [{}])]
IDS = [name + "".join(f"-{v}" for v in opts.values()) for name, opts in VARIANTS]

# Any str at all, lone surrogates and control characters included.
any_text = st.text(st.characters(blacklist_categories=()), max_size=80)
# Arabic-heavy text: letters, marks, tatweel, digits, punctuation, spaces, and the traps.
_ARABIC_ALPHABET = (
    tables.ARABIC_LETTERS[:60] + tables.DIACRITICS + tables.TATWEEL + tables.ALL_DIGITS
    + tables.INVISIBLE[:20] + tables.SPACES + tables.LINE_BREAKS + " \n.,;?،؛؟٫٬ـ-"
    + tables.ZWSP + tables.ZWNJ + tables.ZWJ + "ﻻﷲ\ufdfc\ufdfdﺑﺴﻢ\ufe70ک یہە" + "abcé😀"
)
arabic_text = st.text(st.sampled_from(_ARABIC_ALPHABET), max_size=80)
texts = st.one_of(any_text, arabic_text)

_ARABIC_RANGES = ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
non_arabic_text = st.text(
    st.characters(
        blacklist_categories=(),
        blacklist_characters=",;?",  # ASCII punctuation after Arabic is the one exception
    ).filter(lambda c: not any(lo <= ord(c) <= hi for lo, hi in _ARABIC_RANGES)),
    max_size=80,
)
ARABIC_ONLY = {
    "fold_presentation_forms", "strip_tatweel", "strip_diacritics", "normalize_alef",
    "normalize_alef_maqsura", "normalize_teh_marbuta", "normalize_hamza",
    "fold_persian_letters", "normalize_punctuation",
}
#: Passes whose output is always a subsequence of their input.
DELETION_ONLY = {"strip_tatweel"}


@pytest.mark.parametrize(("name", "options"), VARIANTS, ids=IDS)
@given(text=texts)
def test_total_and_idempotent(name: str, options: dict, text: str) -> None:
    func = PASSES[name]
    once = func(text, **options)
    assert isinstance(once, str)
    assert func(once, **options) == once


@pytest.mark.parametrize(
    ("name", "options"), [v for v in VARIANTS if v[0] in ARABIC_ONLY], ids=lambda v: str(v)
)
@given(text=non_arabic_text)
def test_arabic_only_passes_leave_other_text(name: str, options: dict, text: str) -> None:
    assert PASSES[name](text, **options) == text


def _is_subsequence(small: str, big: str) -> bool:
    chars = iter(big)
    return all(c in chars for c in small)


@given(text=texts)
def test_deletion_passes_only_delete(text: str) -> None:
    for name in DELETION_ONLY:
        assert _is_subsequence(PASSES[name](text), text)


@given(text=texts.filter(lambda t: not any(h in t for h in tables.COMBINING_HAMZA)))
def test_strip_diacritics_only_deletes_without_combining_hamza(text: str) -> None:
    assert _is_subsequence(PASSES["strip_diacritics"](text), text)


@given(text=texts.filter(lambda t: tables.ZWSP not in t))
def test_remove_invisible_only_deletes_without_zwsp(text: str) -> None:
    assert _is_subsequence(PASSES["remove_invisible"](text), text)


@given(text=texts)
def test_normalize_whitespace_keeps_every_visible_character(text: str) -> None:
    visible = [c for c in text if not c.isspace()]
    assert [c for c in PASSES["normalize_whitespace"](text) if not c.isspace()] == visible


@given(text=texts)
def test_digits_keep_run_lengths(text: str) -> None:
    for to in ("ascii", "arabic"):
        assert len(PASSES["normalize_digits"](text, to=to)) == len(text)


# --- Pipelines ----------------------------------------------------------------

PIPELINES = [preset.pipeline for preset in PRESETS.values()] + [
    Pipeline.from_names(
        ["strip_diacritics", "strip_tatweel", "normalize_alef", "normalize_alef_maqsura",
         "normalize_teh_marbuta"]
    ),
    Pipeline.from_names(["normalize_digits:to=arabic", "normalize_punctuation:to=ascii",
                         "normalize_hamza:to=hamza", "strip_diacritics:keep_shadda=true"]),
    Pipeline.from_names(list(reversed(list(PASSES)))),
]


@pytest.mark.parametrize("pipeline", PIPELINES, ids=lambda p: ",".join(p.names)[:50])
@given(text=st.one_of(texts, st.deferred(lambda: _CENSUS_TRAPS)))
def test_fused_equals_unfused(pipeline: Pipeline, text: str) -> None:
    unfused = reduce(lambda t, step: step(t), pipeline.steps, text)
    assert pipeline(text) == unfused


@pytest.mark.parametrize("pipeline", PIPELINES, ids=lambda p: ",".join(p.names)[:50])
@given(text=texts)
def test_replay_and_pickle(pipeline: Pipeline, text: str) -> None:
    replayed = Pipeline.from_names(pipeline.names)
    unpickled = pickle.loads(pickle.dumps(pipeline))
    assert replayed == pipeline == unpickled
    assert replayed(text) == pipeline(text) == unpickled(text)


@pytest.mark.parametrize("pipeline", PIPELINES, ids=lambda p: ",".join(p.names)[:50])
@given(text=texts)
def test_explain_replays(pipeline: Pipeline, text: str) -> None:
    explanation = pipeline.explain(text)
    assert explanation.text == pipeline(text)
    assert Pipeline.from_names(explanation.steps)(text) == explanation.text


@settings(max_examples=50)
@given(text=texts)
def test_presets_are_idempotent(text: str) -> None:
    for preset in PRESETS.values():
        once = preset.pipeline(text)
        assert preset.pipeline(once) == once


# --- Declared commutations the fuser relies on ----------------------------------


def _rules_that_reorder() -> list:
    from arabic_clean.rules import Rewrite, Splice

    rules = []
    for name, opts in VARIANTS:
        build = getattr(PASSES[name], "char_rules", None)
        if build is not None:
            rules += [r for r in build(**opts) if isinstance(r, (Rewrite, Splice)) and r.ignores]
    return rules


@pytest.mark.parametrize("rule", _rules_that_reorder(), ids=lambda r: r.note or repr(r)[:40])
@given(text=texts)
def test_declared_ignores_really_commute(rule, text: str) -> None:
    from arabic_clean.rules import Table, compile_rules

    delete = compile_rules([Table({c: "" for c in rule.ignores})])
    apply = compile_rules([rule])
    assert apply(delete(text)) == delete(apply(text))


@pytest.mark.parametrize(("name", "options"), VARIANTS, ids=IDS)
@given(text=st.lists(texts, max_size=6).map("\n".join))
def test_running_in_pieces_changes_nothing(name: str, options: dict, text: str) -> None:
    from arabic_clean.rules import compile_rules

    build = getattr(PASSES[name], "char_rules", None)
    if build is None:
        return
    rules = build(**options)
    assert compile_rules(rules, chunk=3)(text) == compile_rules(rules, chunk=10**9)(text)


# Letters whose folding changes how they join or compose, with the marks and
# zero-width characters around them: where pipelines stop being idempotent.
_TRAPS = (
    tables.ALEF + tables.ALEF_VARIANTS + "وؤيئىەہےة" + tables.COMBINING_HAMZA
    + tables.NONBLOCKING_MARKS + "ـ بک\n.ﻻ\ufe70٫١" + tables.ZWNJ + tables.ZWSP + tables.ZWJ + "😀a "
)


@settings(max_examples=300)
@given(text=st.text(st.sampled_from(_TRAPS), max_size=14))
def test_presets_are_idempotent_on_folding_traps(text: str) -> None:
    for preset in PRESETS.values():
        once = preset.pipeline(text)
        assert preset.pipeline(once) == once, preset.name


# --- The compiled form against the rules' plain meaning --------------------------


def _plain(rule, text: str) -> str:
    """What a rule means, without guards, census, fusion or byte tables."""
    import re

    import regex

    from arabic_clean.rules import Rewrite, Splice, Table

    if isinstance(rule, Table):
        return rule.translate(text)
    if isinstance(rule, Splice):
        return rule.func(text)
    assert isinstance(rule, Rewrite)
    return (regex if rule.engine == "regex" else re).sub(rule.pattern, rule.replacement, text)


_CENSUS_TRAPS = st.text(st.sampled_from(
    "\u2006\u202a\u202c\u2028\u200a\u3000\u2000\x00\x06\u00a0\u200b\u200c\u200d\u200f\ufeff\u00ad"
    "\ufefb\ufdfd\ufe70ـ\r\n  بكاa😀"), max_size=40)


@pytest.mark.parametrize(("name", "options"), VARIANTS, ids=IDS)
@given(text=st.one_of(texts, _CENSUS_TRAPS))
def test_compiled_rules_mean_what_the_rules_say(name: str, options: dict, text: str) -> None:
    """Guards, the shared census scan and fusion only skip work: the output is the rules' own."""
    from arabic_clean.rules import compile_rules

    build = getattr(PASSES[name], "char_rules", None)
    if build is None:
        return
    rules = build(**options)
    assert compile_rules(rules)(text) == reduce(lambda t, rule: _plain(rule, t), rules, text)


def _rules_that_declare_emits() -> list:
    from arabic_clean.rules import Rewrite, Splice

    rules = []
    for name, opts in VARIANTS:
        build = getattr(PASSES[name], "char_rules", None)
        if build is not None:
            rules += [r for r in build(**opts) if isinstance(r, (Rewrite, Splice)) and r.emits is not None]
    return rules


@pytest.mark.parametrize("rule", _rules_that_declare_emits(), ids=lambda r: r.note or repr(r)[:40])
@given(text=st.one_of(texts, _CENSUS_TRAPS))
@example(text="ب\u200bب")  # a zero-width space between letters becomes a space
def test_declared_emits_are_all_a_rule_adds(rule, text: str) -> None:
    """The census trusts `emits`: a rule never adds a character it does not declare."""
    assert set(_plain(rule, text)) - set(text) <= set(rule.emits)


@pytest.mark.parametrize("emits", ["\u2006", None])
def test_census_sees_what_an_earlier_rule_put_in(emits: str | None) -> None:
    """A census taken before a rule ran is brought up to date with what the rule may add."""
    from arabic_clean.rules import CENSUS_MIN_TRIGGERS, Rewrite, Table, compile_rules

    controls = Table({chr(code): "" for code in range(0x01, 0x02 + CENSUS_MIN_TRIGGERS)})
    spaces = Table({c: " " for c in tables.SPACES})
    program = compile_rules([controls, Rewrite("q", "\u2006", triggers="q", emits=emits), spaces])
    assert program("aq\x01") == "a "
