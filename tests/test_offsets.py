"""Offsets through cleaning (issue 14): the span map, each pass's aligned twin, and
`Pipeline.align` on random text, the shared real documents and the corpus."""

from __future__ import annotations

import gzip
import json
import random

import pytest
from conftest import read_jsonl, shared_file
from hypothesis import example, given, settings
from hypothesis import strategies as st

from arabic_clean import PASSES, PRESETS, Pipeline, SpanMap, clean_aligned, fix_mojibake, tables
from arabic_clean.alignment import _char_step, _other_step, edits_between
from arabic_clean.pipeline import Step
from arabic_clean.rules import Splice, fuse

_ALPHABET = (
    tables.ARABIC_LETTERS[:40] + tables.DIACRITICS[:6] + tables.TATWEEL + tables.ALL_DIGITS[:12]
    + tables.INVISIBLE[:8] + tables.SPACES[:4] + tables.LINE_BREAKS + "  \n\n\r.,;?،؛؟٫٬ـ-"
    + tables.ZWSP + tables.ZWNJ + tables.ZWJ + "ﻻﷲﷺ\ufdfc\ufdfdﺑﺴﻢ\ufe70ک یہە" + "abcé😀"
    + "\u0653\u0654\u0655"
)
arabic_text = st.text(st.sampled_from(_ALPHABET), max_size=80)
# Pieces that make passes fire: entities, mojibake, headline copies, chrome lines.
_PIECES = [
    "&quot;", "&amp;", "&amp;quot;", "&#1575;", "&#x644;", "&semi;", "&nbsp;", "&", ";",
    "ط§ظ„ط¹ط±ط¨ظٹط©", "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©", "ÇáÚÑÈíÉ ÇáÓÚæÏíÉ", "cafÃ©",
    "الوزير يفتتح المعرض", "الرئيسية", "جميع الحقوق محفوظة", "كتب أحمد علي",
    "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة.", "\n", "\r\n", "\n\n", " ", "  ",
    "ـــ", "\u200f", "ﻻ", "أَهْلاً",
]
pieced_text = st.lists(st.one_of(st.sampled_from(_PIECES), arabic_text), max_size=12).map("".join)
any_text = st.text(st.characters(blacklist_categories=()), max_size=60)
texts = st.one_of(arabic_text, pieced_text, any_text)

HEADLINE = "الوزير يفتتح المعرض الدولي للكتاب"
PAGE = (f"الرئيسية\r\nسياسة\r\n{HEADLINE}{HEADLINE}\r\nكتب أحمد علي\r\n\r\n"
        "افتتح الوزير أمس &quot;المعرض&quot; الدولي للكتاب في العاصمة.\r\n\r\n"
        "ط§ظ„ط¹ط±ط¨ظٹط© ﻻ تـــراجع\u200f\r\n\r\nجميع الحقوق محفوظة\r\n")


# --- what every map must satisfy -----------------------------------------------------------

def check_map(raw: str, cleaned: str, span_map: SpanMap, *, copies_equal: bool = False) -> None:
    """Lengths fit, blocks are in order, and the stretches between blocks have equal lengths;
    with `copies_equal` (no pass replaced one character by another), equal texts too."""
    assert span_map.raw_length == len(raw) and span_map.clean_length == len(cleaned)
    raw_at = clean_at = 0
    for r0, r1, c0, c1 in span_map.blocks:
        assert raw_at <= r0 <= r1 and clean_at <= c0 <= c1
        assert r0 - raw_at == c0 - clean_at
        assert not copies_equal or raw[raw_at:r0] == cleaned[clean_at:c0]
        raw_at, clean_at = r1, c1
    assert len(raw) - raw_at == len(cleaned) - clean_at
    assert not copies_equal or raw[raw_at:] == cleaned[clean_at:]


def check_aligned(pipeline: Pipeline, raw: str, *, spans: int = 20, seed: int = 0) -> None:
    aligned = pipeline.align(raw)
    cleaned = aligned.text
    assert cleaned == pipeline(raw)
    check_map(raw, cleaned, aligned.map)
    character_steps = Pipeline(s for s in pipeline.steps if s.line_form is None)
    previous = (0, 0)
    for i, char in enumerate(cleaned):
        start, end = aligned.to_original(i, i + 1)
        assert start < end, (i, char)
        assert previous[0] <= start and previous[1] <= end  # monotone
        previous = (start, end)
        if not char.isspace():
            context = aligned.to_original(max(0, i - 1), min(len(cleaned), i + 2))
            assert _has_source(raw, start, end, char, character_steps, context), (i, char, raw[start:end])
    rng = random.Random(seed)
    for _ in range(spans):
        if not cleaned:
            break
        a = rng.randrange(len(cleaned))
        b = rng.randrange(a, len(cleaned)) + 1
        back = aligned.to_cleaned(*aligned.to_original(a, b))
        assert back is not None and back[0] <= a and b <= back[1]
    for removal in aligned.deleted:
        assert 0 <= removal.start < removal.end <= len(raw)
        assert removal.step in pipeline.names
        assert aligned.to_cleaned(removal.start, removal.end) is None, (removal, raw[removal.start:removal.end])


def _has_source(raw: str, start: int, end: int, char: str, character_steps: Pipeline,
                context: tuple[int, int]) -> bool:
    """`char` stands in its raw span, or its documented source does: the span's entity,
    presentation form or letter variant cleans to it (or with the raw spans of its
    neighbours, `context`, for rules that read them); a repaired mojibake word (whose span is the broken
    characters) is repaired to it with its line."""
    span = raw[start:end]
    if char in span or char in character_steps(span):
        return True
    # A rule that reads context (٫ between digits) sees it in the spans of the neighbours.
    if char in character_steps(raw[slice(*context)]):
        return True
    line_start = raw.rfind("\n", 0, start) + 1
    line_end = raw.find("\n", end)
    line = raw[line_start:] if line_end < 0 else raw[line_start:line_end]
    repaired = fix_mojibake(line)
    return repaired != line and not span.isascii() and char in character_steps(repaired)


# --- the span map ---------------------------------------------------------------------------

@st.composite
def edits_of(draw: st.DrawFn, text: str, letters: str) -> tuple[list[tuple[int, int, int]], str]:
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, out, done = [], [], 0
    for start, end in zip(cuts[0::2], cuts[1::2]):
        new = draw(st.text(st.sampled_from(letters), max_size=3))
        out.append(text[done:start] + new)
        edits.append((start, end, len(new)))
        done = end
    out.append(text[done:])
    return edits, "".join(out)


@given(data=st.data())
def test_composed_map_keeps_every_origin(data):
    """Track each character's raw origin through two rounds of edits by hand: the composed
    map's span of every character contains its origin, and the map fits both texts."""
    raw = data.draw(st.text(st.sampled_from("abcdef"), max_size=30))
    edits, middle = data.draw(edits_of(raw, "XYZ"))
    edits2, cleaned = data.draw(edits_of(middle, "PQ"))
    composed = SpanMap.from_edits(len(raw), edits).then(SpanMap.from_edits(len(middle), edits2))
    check_map(raw, cleaned, composed)
    first, second = _origins(len(raw), edits), _origins(len(middle), edits2)
    for i in range(len(cleaned)):
        sources = [first[k] for k in range(*second[i])]
        start, end = composed.to_original(i, i + 1)
        for a, b in sources:
            assert start <= a and b <= end


def _origins(length: int, edits: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """For each output character, the input span it came from (an edit's whole span)."""
    out, done = [], 0
    for start, end, new in edits:
        out.extend((k, k + 1) for k in range(done, start))
        out.extend((start, end) for _ in range(new))
        done = end
    out.extend((k, k + 1) for k in range(done, length))
    return out


def test_span_map_rejects_bad_spans():
    span_map = SpanMap.from_edits(5, [(1, 3, 0)])
    with pytest.raises(ValueError, match="not within"):
        span_map.to_original(0, 4)
    with pytest.raises(ValueError, match="not within"):
        span_map.to_cleaned(3, 2)
    with pytest.raises(ValueError, match="cannot follow"):
        span_map.then(SpanMap.identity(5))


def test_deleted_span_maps_to_none_and_its_edges_to_the_neighbours():
    span_map = SpanMap.from_edits(6, [(2, 4, 0)])  # "ab--cd" -> "abcd"
    assert span_map.to_cleaned(2, 4) is None
    assert span_map.to_cleaned(1, 5) == (1, 3)
    assert span_map.to_original(1, 3) == (1, 5)
    assert span_map.to_original(2, 3) == (4, 5)
    assert span_map.to_original(2, 2) == (4, 4)


# --- each pass's aligned twin ---------------------------------------------------------------

OPTION_SETS = {
    "strip_diacritics": [{}, {"keep_shadda": True}],
    "normalize_hamza": [{}, {"to": "hamza"}],
    "normalize_digits": [{}, {"to": "arabic"}],
    "normalize_punctuation": [{}, {"to": "ascii"}],
}
NON_STRUCTURE = [name for name in PASSES
                 if getattr(PASSES[name], "line_form", None) is None]
VARIANTS = [(name, opts) for name in NON_STRUCTURE for opts in OPTION_SETS.get(name, [{}])]


@pytest.mark.parametrize("name,options", VARIANTS, ids=[f"{n}{o}" for n, o in VARIANTS])
@settings(max_examples=150)
@given(text=texts)
@example(text="ط§ظ„ط¹ط±ط¨ظٹط© &amp;quot;ﻻ&quot; تـــراجع\u200f  \r\n\r\n\r\n ")
def test_each_aligned_twin_gives_the_plain_output(name, options, text):
    step = Step.build(name, PASSES[name], options)
    run = _char_step(step) if step.char_rules is not None else _other_step(step)
    out, span_map, deleted = run(text)
    assert out == step(text)
    check_map(text, out, span_map)
    for start, end, spec, reason in deleted:
        assert spec == step.spec and reason is None
        assert span_map.to_cleaned(start, end) is None


def _splices():
    for name in NON_STRUCTURE:
        rules = getattr(PASSES[name], "char_rules", None)
        for rule in fuse(rules()) if rules else ():
            if isinstance(rule, Splice):
                yield name, rule


SPLICES = list(_splices())


def test_every_splice_has_a_twin():
    assert SPLICES
    assert [name for name, rule in SPLICES if rule.aligned is None] == []


@pytest.mark.parametrize("rule", [rule for _, rule in SPLICES], ids=[f"{n}:{r.func.__name__}" for n, r in SPLICES])
@settings(max_examples=300)
@given(text=st.text(st.sampled_from(" \n\t\u0640\u0628\u0627\u0629 a1\u064e\u0651"), max_size=30) | texts)
def test_splice_twin_gives_the_plain_output(rule, text):
    out, edits = rule.aligned(text)
    assert out == rule.func(text)
    check_map(text, out, SpanMap.from_edits(len(text), edits), copies_equal=True)


def test_only_fix_mojibake_uses_the_fallback():
    """docs/offsets.md names the passes that map by `edits_between`: keep it true."""
    fallback = [name for name in NON_STRUCTURE
                if getattr(PASSES[name], "char_rules", None) is None
                and getattr(PASSES[name], "aligned", None) is None]
    assert fallback == ["fix_mojibake"]


def test_fallback_maps_a_repaired_word_to_its_broken_characters():
    raw = "قال: ط§ظ„ط¹ط±ط¨ظٹط© اليوم"
    edits = edits_between(raw, fix_mojibake(raw))
    assert [raw[a:b] for a, b, _ in edits] == ["ط§ظ„ط¹ط±ط¨ظٹط©"]


# --- pipelines ---------------------------------------------------------------------------

@pytest.mark.parametrize("preset", list(PRESETS))
@settings(max_examples=150, deadline=None)
@given(text=texts)
@example(text=PAGE)
def test_align_gives_the_pipeline_output(preset, text):
    check_aligned(PRESETS[preset].pipeline, text)


@settings(max_examples=60, deadline=None)
@given(text=texts, names=st.lists(st.sampled_from(list(PASSES)), max_size=6))
def test_align_any_pipeline(text, names):
    check_aligned(Pipeline.from_names(names), text)


def test_page_offsets():
    aligned = clean_aligned(PAGE)
    raw, text = PAGE, aligned.text
    quote = text.index('"')
    assert raw[slice(*aligned.to_original(quote, quote + 1))] == "&quot;"
    word = text.index("العربية")
    assert raw[slice(*aligned.to_original(word, word + 7))] == "ط§ظ„ط¹ط±ط¨ظٹط©"
    la = text.index("لا")
    assert raw[slice(*aligned.to_original(la, la + 2))] == "ﻻ"
    assert raw[slice(*aligned.to_original(la + 3, la + 8))] == "تـــراجع"
    headline = text.index(HEADLINE)
    assert raw[slice(*aligned.to_original(headline, headline + len(HEADLINE)))] == HEADLINE
    removed = {(raw[d.start:d.end], d.step, d.reason) for d in aligned.deleted}
    assert ("الرئيسية\r\n", "remove_chrome", "menu") in removed
    assert ("كتب أحمد علي\r\n", "strip_bylines", "byline") in removed
    assert (HEADLINE, "dedupe_headlines", "headline_copy") in removed  # the glued copy cut off
    assert aligned.to_cleaned(0, 8) is None


def test_sentences_map_to_raw_offsets():
    from arabic_clean import sentence_spans

    aligned = clean_aligned(PAGE)
    character_steps = Pipeline(s for s in PRESETS["safe"].pipeline.steps if s.line_form is None)
    raw_sentences = []
    for a, b in sentence_spans(aligned.text):
        start, end = aligned.to_original(a, b)
        raw_sentences.append(PAGE[start:end])
        assert character_steps(PAGE[start:end]) == aligned.text[a:b]  # the raw span cleans to it
    assert raw_sentences[1:] == ["افتتح الوزير أمس &quot;المعرض&quot; الدولي للكتاب في العاصمة.",
                                 "ط§ظ„ط¹ط±ط¨ظٹط© ﻻ تـــراجع"]


def test_align_refuses_bytes():
    with pytest.raises(TypeError, match="cleans str"):
        Pipeline.from_names(["normalize_whitespace"]).align(b"x")  # type: ignore[arg-type]


# --- real documents -------------------------------------------------------------------------

def _shared_documents(name: str) -> list[str]:
    return [record["text"] for record in read_jsonl(shared_file(name))]


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("name", ["chrome/dev.jsonl", "chrome/scraped-dev.jsonl"])
def test_shared_documents(name, preset):
    pipeline = PRESETS[preset].pipeline
    for number, text in enumerate(_shared_documents(f"data/{name}")):
        check_aligned(pipeline, text, seed=number)


@pytest.mark.parametrize("preset,every", [("safe", 20), ("repair", 60), ("search", 60)])
def test_corpus_sample(preset, every):
    """A sample of the corpus (benchmarks/align_speed.py checks the text of every document)."""
    path = shared_file("data/corpus/newspapers-dev.jsonl.gz")
    pipeline = PRESETS[preset].pipeline
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number % every == 0:
                check_aligned(pipeline, json.loads(line)["text"], seed=number)


def test_a_cr_line_joined_with_a_bare_lf_line_maps_to_both():
    pipeline = Pipeline.from_names(["remove_chrome", "strip_bylines", "dedupe_headlines"])
    raw = ("الوزير يفتتح المعرض\rكتب أحمد علي\n\n"
           "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.\n")
    aligned = pipeline.align(raw)
    assert aligned.text.startswith("الوزير يفتتح المعرض\r\nافتتح")
    cr = aligned.text.index("\r")
    assert aligned.to_original(cr, cr + 1) == (cr, cr + 1)
    newline = aligned.to_original(cr + 1, cr + 2)
    assert raw[slice(*newline)] == "\n" and newline[0] == raw.index("\n\n") + 1
    assert [(raw[d.start:d.end], d.reason) for d in aligned.deleted] == [("كتب أحمد علي\n", "byline")]
    check_aligned(pipeline, raw)


def test_unescape_html_twin_maps_each_reference_whole():
    from arabic_clean import unescape_html

    raw = "أ &amp;quot;ب&quot; &#1575;&#x644; &copy &region=2 ;&semi;"
    out, edits = unescape_html.aligned(raw)
    assert out == unescape_html(raw)
    check_map(raw, out, SpanMap.from_edits(len(raw), edits), copies_equal=True)
    assert [raw[a:b] for a, b, _ in edits] == ["&amp;quot;", "&quot;", "&#1575;", "&#x644;", "&semi;"]


@settings(max_examples=300)
@given(text=st.lists(st.sampled_from(["&", ";", "amp", "quot", "#1575", "#x41", "semi", "a", " ", "ب"]),
                     max_size=14).map("".join))
def test_unescape_html_twin_on_reference_fragments(text):
    from arabic_clean import unescape_html

    out, edits = unescape_html.aligned(text)
    assert out == unescape_html(text)
    check_map(text, out, SpanMap.from_edits(len(text), edits), copies_equal=True)


def test_a_pass_of_your_own_maps_by_its_twin_or_the_fallback():
    def shout(text: str) -> str:
        return text.replace("لا", "لا!")

    raw = "قال لا ثم لا"
    fallback = Pipeline([shout]).align(raw)
    assert fallback.text == "قال لا! ثم لا!"
    assert raw[slice(*fallback.to_original(4, 7))] == "لا"

    def shout_aligned(text: str) -> tuple[str, list[tuple[int, int, int]]]:
        edits = [(m + 2, m + 2, 1) for m in range(len(text)) if text.startswith("لا", m)]
        return shout(text), edits

    shout.aligned = shout_aligned  # type: ignore[attr-defined]
    twin = Pipeline([shout]).align(raw)
    assert twin.text == fallback.text and twin.map.blocks == [(6, 6, 6, 7), (12, 12, 13, 14)]
    assert twin.to_original(4, 6) == (4, 6)
