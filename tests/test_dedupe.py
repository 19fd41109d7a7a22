"""dedupe_headlines and dedupe_paragraphs: cases as data, the seed, the labelled data, properties."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from arabic_clean.structure.document import Lines
from arabic_clean.structure.dedupe import (
    _plan_headlines,
    dedupe_headlines,
    dedupe_paragraphs,
)
from arabic_clean.structure.keys import line_key
from conftest import REPO, load_cases, read_jsonl, shared_file

PASSES = {"headlines": dedupe_headlines, "paragraphs": dedupe_paragraphs}


@pytest.mark.parametrize("case", load_cases("dedupe_headlines*.jsonl"), ids=lambda c: c["id"])
def test_headline_cases(case: dict) -> None:
    assert dedupe_headlines(case["original"]) == case["expected"], case["comment"]


@pytest.mark.parametrize("case", load_cases("dedupe_paragraphs*.jsonl"), ids=lambda c: c["id"])
def test_paragraph_cases(case: dict) -> None:
    assert dedupe_paragraphs(case["original"]) == case["expected"], case["comment"]


# --- the seed --------------------------------------------------------------------------------


def _seed_lines() -> list[str]:
    text = (REPO / "seeds" / "000_54bc44b2cd79c5aa.txt").read_text(encoding="utf-8")
    return text.replace("\u00a0", " ").split("\n")


def test_seed_after_chrome_removal_keeps_headline_once_then_13_paragraphs() -> None:
    lines = _seed_lines()
    # remove_chrome is not this module's: the seed's chrome tail (from "الأكثر قراءة") is cut here.
    article = lines[: lines.index("الأكثر قراءة")]
    while article[-1] == "":
        article.pop()
    headline = lines[0]
    out = dedupe_headlines("\n".join(article) + "\n")
    blocks = out.split("\n\n")
    assert blocks[0] == headline
    assert len(blocks) == 14 and all(b and "\n" not in b.strip("\n") for b in blocks)
    assert out.endswith(".\n") and not out.endswith("\n\n")
    assert out == "\n".join(article[3:]) + "\n"


def test_seed_raw_keeps_one_headline_and_every_paragraph() -> None:
    lines = _seed_lines()
    out = dedupe_headlines("\n".join(lines)).split("\n")
    key = line_key(lines[0])
    assert sum(line_key(line) == key for line in out) == 1
    assert not any(line_key(line).startswith(key + key) for line in out)
    body = [line for line in lines[4:31] if line]
    assert [line for line in out if line in body] == body


# --- labelled data ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["data/chrome/dev.jsonl", "data/chrome/scraped-dev.jsonl"])
def test_labelled_documents(name: str) -> None:
    """Every title kept, every dup_title gone, no body line touched (measured on raw text)."""
    failures = []
    for doc in read_jsonl(shared_file(name)):
        lines = Lines.parse(doc["text"]).bare
        labels = [line["label"] for line in doc["lines"]]
        drop, replace = _plan_headlines(lines)
        for i, label in enumerate(labels):
            gone = i in drop
            wrong = gone != (label == "dup_title") if label in ("title", "dup_title", "body") else False
            if wrong or (label in ("title", "body") and i in replace):
                failures.append((doc["id"], i, label, lines[i][:60]))
        after = Counter(Lines.parse(dedupe_paragraphs(dedupe_headlines(doc["text"]))).bare)
        for line, count in Counter(lines[i] for i, lab in enumerate(labels) if lab == "body").items():
            if after[line] < count:
                failures.append((doc["id"], "paragraph lost", line[:60]))
    assert failures == []


# --- properties ------------------------------------------------------------------------------

HEADLINE = "وزارة العمل: تفاصيل تسفير 5 آلاف عامل مصرى لليونان للعمل بالزراعة قريبا"
BODY = (
    "تستعد وزارة العمل، خلال الفترة المقبلة لإنهاء إجراءات سفر نحو 5 آلاف عامل مصرى،"
    " للعمل بمجال الزراعة فى اليونان، وذلك استمرارا لدورها فى توفير فرص عمل للشباب."
)
POOL = [
    HEADLINE, HEADLINE + HEADLINE, HEADLINE + " " + HEADLINE, HEADLINE + " - اليوم السابع",
    "عاجل: " + HEADLINE, HEADLINE.replace(":", "&quot;"), HEADLINE + " صورة الوزير",
    "وزارة العمل: تفاصيل تسفير 5 آلاف", "عامل مصرى لليونان للعمل بالزراعة قريبا",
    BODY, BODY[:-1] + "ً", "رياضة", "سياسة", "", " ", "\u00a0", "ـــــ", "&amp;",
]
document = st.lists(
    st.tuples(st.one_of(st.sampled_from(POOL), st.text(max_size=30)),
              st.sampled_from(["\n", "\r\n", "\r"])),
    max_size=25,
).map(lambda parts: "".join(line + brk for line, brk in parts))
any_text = st.one_of(st.text(), document)
_BREAK = re.compile(r"\r\n|\r|\n")


def _is_shortened_copy(line: str, kept: str) -> bool:
    key, unit = line_key(line), line_key(kept)
    return line.startswith(kept) and bool(unit) and len(key) % len(unit) == 0 \
        and key == unit * (len(key) // len(unit))


def _only_deletes(before: str, after: str, *, shortens: bool) -> bool:
    """Every output line is an input line, in order (or a glued line cut to one copy)."""
    lines = _BREAK.split(before)
    pos = 0
    out = _BREAK.split(after)
    if len(out) > 1 and out[-1] == "":
        out.pop()
    for kept in out:
        while pos < len(lines) and not (
            lines[pos] == kept or (shortens and _is_shortened_copy(lines[pos], kept))
        ):
            pos += 1
        if pos == len(lines):
            return False
        pos += 1
    return True


@pytest.mark.parametrize("name", PASSES)
@given(text=any_text)
def test_total_and_idempotent(name: str, text: str) -> None:
    once = PASSES[name](text)
    assert isinstance(once, str)
    assert PASSES[name](once) == once


@pytest.mark.parametrize("name", PASSES)
@given(text=any_text)
def test_only_deletes_lines(name: str, text: str) -> None:
    assert _only_deletes(text, PASSES[name](text), shortens=name == "headlines")


@given(text=document)
def test_never_more_than_one_copy_of_the_headline_kept_whole(text: str) -> None:
    lines = _BREAK.split(text)
    first_copy = next((i for i, line in enumerate(lines) if HEADLINE[:20] in line), None)
    first_body = next((i for i, line in enumerate(lines) if BODY[:20] in line), len(lines))
    if first_copy is None or first_copy > first_body:
        # By design, exact repeats that all stand inside the article are a quotation or a
        # table row repeated (tests/cases/dedupe_headlines.jsonl:15, nas-YESC28), not copies.
        return
    out = _BREAK.split(dedupe_headlines(text))
    assert sum(line_key(line) == line_key(HEADLINE) for line in out) <= 1



# --- stdlib re patterns spelled as the regex module's ------------------------------------------

_EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def test_space_class_is_the_regex_modules() -> None:
    """`_SPACE` is exactly regex's `\\s` (stdlib re's `\\s` adds U+001C..U+001F)."""
    import regex

    from arabic_clean.structure.dedupe import _SPACE

    assert re.findall(f"[{_SPACE}]", _EVERY_CHARACTER) == regex.findall(r"\s", _EVERY_CHARACTER)


def test_ticker_letters_ignore_case_as_the_regex_module() -> None:
    """Each ticker letter matches what regex's IGNORECASE matches (U+0130, U+212A, U+017F; not U+0131)."""
    import regex

    from arabic_clean.structure.dedupe import _ignoring_case

    for letter in sorted({c for word in ("Breaking", "Exclusive") for c in word}):
        assert re.findall(_ignoring_case(letter), _EVERY_CHARACTER) == \
            regex.findall(regex.escape(letter), _EVERY_CHARACTER, regex.IGNORECASE), letter


@given(st.lists(st.sampled_from(["هدنة حلب تتمدد أسبوعاً وسط ترقب دولي", "هدنة حلب تتمدد أسبوعاً وسط ترقب دولي - إرم نيوز", "",
                                 "هدنة حلب تتمدد أسبوعاً وسط ترقب دوليهدنة حلب تتمدد أسبوعاً وسط ترقب دولي",
                                 "قال الوزير إن المحادثات ستستمر حتى نهاية الأسبوع المقبل في العاصمة."])
                | st.text(max_size=12), max_size=20),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_paragraphs_after_headlines_answer_as_on_a_fresh_split(lines: list[str], separator: str) -> None:
    """dedupe_paragraphs answers the same on dedupe_headlines' lines (keys carried over) as on its text split again."""
    from arabic_clean.structure.document import Lines

    kept, _ = dedupe_headlines.on_lines(Lines.parse(separator.join(lines)))
    after, removed = dedupe_paragraphs.on_lines(kept)
    assert (after.render(), removed) == dedupe_paragraphs.line_form(kept.render())


@given(st.text(alphabet=" \t\u00a0\u2003-|:/~\u2013\u2014\u2022\u00b7اب", max_size=20))
def test_site_separator_prefilter_never_hides_one(line: str) -> None:
    from arabic_clean.structure.dedupe import _SITE_SEPARATOR, _may_have_site_separator

    assert _may_have_site_separator(line) or _SITE_SEPARATOR.search(line) is None


_HEADLINE = "هدنة حلب تتمدد أسبوعاً وسط ترقب دولي"
_DRESSED = [_HEADLINE, _HEADLINE + _HEADLINE, _HEADLINE + " " + _HEADLINE, "عاجل: " + _HEADLINE, "3. " + _HEADLINE,
            _HEADLINE + " - إرم نيوز", "إرم نيوز | " + _HEADLINE, _HEADLINE + " صورة الوزير في حلب",
            "هدنة حلب تتمدد", "أسبوعاً وسط ترقب دولي", "&quot;" + _HEADLINE + "&quot;", "هدنة", "حلب تتمدد أسبوعاً وسط ترقب دولي"]


@given(st.lists(st.sampled_from(_DRESSED) | st.sampled_from(POOL) | st.text(max_size=40), max_size=12),
       st.sampled_from(["\n", "\r\n"]))
@example([_HEADLINE, "", "هدنة حلب تتمدد", "أسبوعاً وسط ترقب دولي"], "\n")  # the wrapped copy after the headline
def test_copies_prefilter_never_hides_a_group(lines: list[str], separator: str) -> None:
    """_may_have_copies is a necessary condition: when it says no, _collect_copies finds nothing."""
    from arabic_clean.structure.dedupe import MAX_HEADLINE_LINE, _collect_copies, copy_keys, _may_have_copies

    split = Lines.parse(separator.join(lines)).bare
    all_keys = copy_keys(split)
    keys = {i: key for i, key in enumerate(all_keys) if key and len(split[i]) <= MAX_HEADLINE_LINE}
    assert _may_have_copies(keys) or not _collect_copies(split, keys)
