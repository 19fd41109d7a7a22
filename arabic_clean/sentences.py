"""Sentence segmentation for Arabic news, with character offsets into the input.

Two public functions, one answer:

- `sentence_spans(text)` -> `[(start, end), ...]`: offsets into `text`, in order, no overlap,
  each span stripped of surrounding whitespace and never empty;
- `segment_sentences(text)` -> `[text[a:b] for a, b in sentence_spans(text)]`.

Nothing is written into the text (no sentinels): boundaries are offsets found by three
linear scans, each a compiled regex walked once with `finditer`:

1. line breaks: always a boundary (a paragraph or a list line);
2. runs of terminators (`. ! ? ؟ … ۔`, with closing quotes and brackets glued after them)
   followed by whitespace: a boundary unless a guard says otherwise (abbreviation, initial,
   era mark, list number, ellipsis, `؟ أو`, a parenthesised `(!)`);
3. datelines and bylines that open a story with no punctuation before them
   (`... يشمل 8 حقائب دمشق (وكالات الانباء) - اجرى`): a boundary before the place.

The rules themselves (characters, abbreviations, agencies, places) are data in
`arabic_clean.sentence_rules`, each with a note on where it comes from.
"""

from __future__ import annotations

import re

from arabic_clean import sentence_rules as rules

__all__ = ["segment_sentences", "sentence_spans"]

_T = re.escape(rules.TERMINATORS)
_C = re.escape(rules.CLOSERS)
_B = re.escape(rules.LINE_BREAKS)
_D = re.escape(rules.DASHES)
_D_NO_TATWEEL = re.escape(rules.DASHES.replace("\u0640", ""))

# A line break, or a whole run of terminators with the closers glued after it.  The pattern
# starts with a character class so the regex engine skips ahead fast; greedy runs make each
# character part of at most one match, so a 10 MB line of dots is one match (linear time).
# "Followed by whitespace or the end" is checked in Python on the match.
_CANDIDATE = re.compile(rf"(?P<br>[{_B}])|(?P<run>[{_T}]+)(?P<close>[{_C}]*)")

# Anchors that can open a dateline or a byline; each is checked by looking back a bounded
# window for the place (and date) before it.  Three patterns, each starting with a literal
# or a small class, are faster than one alternation with look-behinds.
# `(اف ب) -`, `(شينخوا)`, `(CNN) --`
_PAREN_ANCHOR = re.compile(rf"\((?P<source>[^()\n]{{1,30}})\)[ \t]*(?P<dash>[{_D}]+)?")
# ` - ` / ` ـ ` / ` –القدس` / `وفا- `, optionally followed by `«الحياة»`
_DASH_ANCHOR = re.compile(rf"[{_D}]{{1,3}}(?:[ \t]*\u00ab(?P<source>[^\u00ab\u00bb\n]{{1,25}})\u00bb)?")
# `بقلم:` / `كتب/` / `كتبت /` (see BYLINE_BEFORE_COLON / BYLINE_BEFORE_SLASH)
_BYLINE_ANCHOR = re.compile(
    rf"(?:{'|'.join(map(re.escape, rules.BYLINE_BEFORE_COLON))})[ \t]*[:/]"
    rf"|(?:{'|'.join(map(re.escape, sorted(rules.BYLINE_BEFORE_SLASH, key=len, reverse=True)))})[ \t]*/"
)

_TOKEN = re.compile(r"\S+")
_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_ROMAN_NUMERAL = re.compile(r"[IVXLCivxlc]{1,6}")
_DATE_NUMBER = re.compile(r"\d{1,4}(?:[-/.]\d{1,4}){0,2}")
_DAY_MONTH = re.compile(r"\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?")
_TRAILING_PUNCT = ".,:;!?\u060c\u061b\u061f\u2026"

# How far back (in characters) a guard or a dateline looks: enough for a token before a dot
# and for `place, country date date date (source)`; a constant bound keeps the scan linear.
_TOKEN_WINDOW = 48
_DATELINE_WINDOW = 160
_SECOND_DASH_WINDOW = 60


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of `text`, stripped, in order.

    >>> text = "وصل الوفد إلى دمشق. وقال د. أحمد إن النمو بلغ 3.5% هذا العام!"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['وصل الوفد إلى دمشق.', 'وقال د. أحمد إن النمو بلغ 3.5% هذا العام!']
    """
    cuts = _boundary_offsets(text)
    spans = []
    start = 0
    for end in [*cuts, len(text)]:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + (len(piece) - len(piece.lstrip()))
            spans.append((first, first + len(stripped)))
        start = end
    return spans


def segment_sentences(text: str) -> list[str]:
    """The sentences of `text`, stripped of surrounding whitespace, characters unchanged.

    A headline with no final stop still ends where the dateline of the story begins:

    >>> segment_sentences("سوريا: تعديل وزاري واسع يشمل 8 حقائب دمشق (وكالات الانباء) - اجرى الرئيس تعديلا.")
    ['سوريا: تعديل وزاري واسع يشمل 8 حقائب', 'دمشق (وكالات الانباء) - اجرى الرئيس تعديلا.']
    """
    return [text[a:b] for a, b in sentence_spans(text)]


# ----------------------------------------------------------------------------- boundaries


def _boundary_offsets(text: str) -> list[int]:
    """Sorted cut offsets: a sentence ends right before each of them (whitespace aside)."""
    cuts: list[int] = []
    sentence_start = 0
    length = len(text)
    for match in _CANDIDATE.finditer(text):
        if match.group("br") is not None:
            cuts.append(match.start())
            sentence_start = match.end()
        elif (match.end() == length or text[match.end()].isspace()) and \
                _ends_sentence(text, match, sentence_start):
            cuts.append(match.end())
            sentence_start = match.end()
    cuts.extend(_dateline_offsets(text))
    return sorted(set(cuts))


def _ends_sentence(text: str, match: re.Match[str], sentence_start: int) -> bool:
    """Whether a run of terminators followed by whitespace ends its sentence."""
    run, closers = match.group("run"), match.group("close")
    start, end = match.start(), match.end()
    if any(c in rules.STRONG_TERMINATORS for c in run):
        # `(!)` / `(؟)`: a remark in brackets inside the sentence, not its end.
        if closers and start > 0 and text[start - 1] in "([":
            return False
        if ("?" in run or "\u061f" in run) and _next_word_key(text, end) in rules.QUESTION_CONTINUATIONS:
            return False
        return True
    if "\u2026" in run or len(run) >= rules.ELLIPSIS_MIN_DOTS:
        return False  # an ellipsis inside a paragraph continues the sentence (see rules)
    if len(run) == 2 or closers:
        return True  # `..` is a full stop in Arabic news; `.»` closes a quoted sentence
    return not _dot_is_guarded(text, start, end, sentence_start)


def _dot_is_guarded(text: str, dot: int, after: int, sentence_start: int) -> bool:
    """Whether the single dot at `dot` belongs to an abbreviation, initial or list number."""
    window_start = max(sentence_start, dot - _TOKEN_WINDOW)
    window = text[window_start:dot]
    if not window or window[-1].isspace():
        return False  # a dot after a space (`مطار بيروت .`) is an end
    tokens = window.split()
    token = tokens[-1]
    core = token.lstrip(rules.OPENERS)
    if not core:
        return False
    first_in_sentence = len(tokens) == 1 and window_start == sentence_start
    key = rules.fold_key(core)
    if _is_initial(core):
        previous = tokens[-2] if len(tokens) >= 2 else ""
        # `عام 1990 م.` / `1430 هـ.` / `500 ق.م.`: the era mark ends the date and the sentence.
        return not (key in rules.ERA_ABBREVIATIONS and previous[-1:].isdigit())
    if key in rules.ABBREVIATIONS:
        return True
    if core.isdigit() and len(core) <= 2 or _ROMAN_NUMERAL.fullmatch(core):
        # List numbering: `1. البند الأول` at a sentence start, or `البنود هي: 1. الأول`.
        if first_in_sentence or (len(tokens) >= 2 and tokens[-2][-1:] in ":\u061b"):
            return True
    next_char = _next_non_space(text, after)
    return "a" <= next_char <= "z"  # Latin text goes on in lower case after `approx.`


def _is_initial(core: str) -> bool:
    """A single letter (`د`, `م`, `هـ`, `J`) or dotted initials (`ص.ب`, `ق.م`, `U.S`)."""
    letters = core.replace("\u0640", "")
    if len(letters) == 1:
        return letters.isalpha()
    return _DOTTED_INITIALS.fullmatch(core) is not None


def _next_non_space(text: str, position: int) -> str:
    following = text[position : position + _TOKEN_WINDOW].lstrip()
    return following[:1]


def _next_word_key(text: str, position: int) -> str:
    words = text[position : position + _TOKEN_WINDOW].split(None, 1)
    return rules.fold_key(words[0].strip(_TRAILING_PUNCT)) if words else ""


# ----------------------------------------------------------------------------- datelines


def _dateline_offsets(text: str) -> list[int]:
    """Offsets where a dateline or byline opens a story that nothing else marks.

    >>> text = "ميراث يقلب حياة متشرد نيويورك 15-7 (اف ب) - تغيرت حياة المتشرد"
    >>> text[_dateline_offsets(text)[0]:][:7]
    'نيويورك'
    """
    cuts = []
    for match in _PAREN_ANCHOR.finditer(text):
        source = match.group("source")
        known = rules.fold_key(source) in rules.NEWS_SOURCES or _is_latin_name(source)
        if match.group("dash"):
            cuts.append(_dateline_start(text, match.start(), source_found=True,
                                        date_required=False, any_place=known))
        elif rules.fold_key(source) in rules.NEWS_SOURCES and text[match.end():match.end() + 1].isalpha():
            # Xinhua style: `بكين 12 يوليو (شينخوا) ذكرت`: no dash, so a calendar date (a month
            # name or day-month) is required; `السوق الحالية 2012 (CMO)، مشيرة` is no dateline.
            cuts.append(_dateline_start(text, match.start(), source_found=True,
                                        date_required=True, any_place=True))
    for match in _DASH_ANCHOR.finditer(text):
        start = match.start()
        before = text[start - 1] if start else "\n"
        after = text[match.end()] if match.end() < len(text) else "\n"
        if match.group("source") is not None:
            if before.isspace():
                known = rules.fold_key(match.group("source")) in rules.NEWS_SOURCES
                cuts.append(_dateline_start(text, start, source_found=True,
                                            date_required=False, any_place=known))
        elif (before.isspace() and (after in " \t" or after.isalpha())) or (
                before.isalpha() and "\u0640" not in match.group() and after in " \t"):
            # A dash alone, or glued after a word (`وفا- قال`); tatweel glued to a letter is
            # part of the word (`هـ`), never a dash.
            if not _has_second_dash(text, match.end()):
                cuts.append(_dateline_start(text, start, source_found=False,
                                            date_required=False, any_place=False))
    for match in _BYLINE_ANCHOR.finditer(text):
        if match.start() and text[match.start() - 1].isspace():
            cuts.append(_byline_start(text, match.start()))
    return [cut for cut in cuts if cut is not None]


def _is_latin_name(source: str) -> bool:
    """`CNN`, `AFP`, `Reuters`: a short Latin name in the parentheses of a dateline."""
    words = source.split()
    return 0 < len(words) <= 2 and all(w.isascii() and w.isalpha() and w[0].isupper() for w in words)


def _has_second_dash(text: str, position: int) -> bool:
    """A dash closing a parenthetical (`– حسب المصادر –`) follows soon on the same line."""
    following = text[position : position + _SECOND_DASH_WINDOW]
    following = following.split("\n", 1)[0]
    return any(f" {d}" in following for d in rules.DASHES)


def _window_tokens(text: str, end: int) -> list[tuple[int, int]]:
    """(start, end) of the whole tokens in a bounded window before `end`."""
    low = max(0, end - _DATELINE_WINDOW)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, low, end)]
    if tokens and tokens[0][0] == low and low > 0 and not text[low - 1].isspace():
        tokens.pop(0)  # cut in the middle: not a whole token
    return tokens


def _dateline_start(text: str, anchor: int, *, source_found: bool, date_required: bool,
                    any_place: bool) -> int | None:
    """Offset of the place that opens a dateline ending at `anchor`, if it opens a story."""
    tokens = _window_tokens(text, anchor)
    words = [text[a:b] for a, b in tokens]
    if not source_found:
        taken = _take_source(words)
        if taken:
            del tokens[-taken:], words[-taken:]
            source_found = any_place = True
    dated = _take_date(words)
    if date_required and not any(_is_month(w) or _DAY_MONTH.fullmatch(w) for w in words[len(words) - dated:]):
        return None
    if dated:
        del tokens[-dated:], words[-dated:]
    place = _take_place(words, any_place=any_place)
    if not place:
        return None
    place_start = tokens[-place][0]
    del tokens[-place:], words[-place:]
    if place == 1 and words and rules.fold_key(words[-1]) in rules.PLACE_NAME_PREFIXES:
        place_start = tokens[-1][0]  # `سان خوسيه`: the first word of the name
        del tokens[-1:], words[-1:]
    if words and words[-1][-1:] in ",\u060c" and words[-1][:-1].isalpha():
        # `دمشق، سوريا (CNN) --`: a city, then its country.
        place_start = tokens[-1][0]
        del tokens[-1:], words[-1:]
    return place_start if _opens_story(text, words, place_start) else None


def _take_source(words: list[str]) -> int:
    """How many trailing words name a news source (`وفا`, `ا ف ب`), 0 when none."""
    for size in (3, 2, 1):
        if len(words) >= size and rules.fold_key(" ".join(words[-size:])) in rules.NEWS_SOURCES:
            return size
    return 0


def _take_date(words: list[str]) -> int:
    """How many trailing words form a date (`15-7`, `12 يوليو 2004`, `15 تموز/يوليو`)."""
    taken = 0
    while taken < 5 and len(words) > taken:
        word = words[-1 - taken]
        if _DATE_NUMBER.fullmatch(word) or _is_month(word):
            taken += 1
        elif rules.fold_key(word) in rules.DATELINE_MONTH_SECOND and len(words) > taken + 1 and \
                rules.fold_key(words[-2 - taken]) in rules.DATELINE_MONTHS:
            taken += 2
        else:
            break
    return taken


def _is_month(word: str) -> bool:
    """`يوليو`, `تموز/يوليو`: month names, alone or paired with a slash."""
    parts = [part for part in word.split("/") if part]
    return bool(parts) and all(rules.fold_key(part) in rules.DATELINE_MONTHS for part in parts)


def _take_place(words: list[str], *, any_place: bool) -> int:
    """How many trailing words name the place of a dateline, 0 when they do not."""
    for size in (3, 2):
        if len(words) >= size and all(w.isalpha() for w in words[-size:]) and \
                rules.fold_key(" ".join(words[-size:])) in rules.DATELINE_PLACES:
            return size
    if not words or not words[-1].isalpha():
        return 0
    key = rules.fold_key(words[-1])
    if key in rules.PLACE_IN_SENTENCE or key in rules.BYLINE_VERBS:
        return 0
    return 1 if any_place or key in rules.DATELINE_PLACES else 0


def _opens_story(text: str, words_before: list[str], place_start: int) -> bool:
    """Whether the words before a dateline let a new unit start there.

    Not at the very start (nothing to split), not after a comma, colon or a preposition
    (`وصل الوفد الى دمشق (سانا) -` is one sentence).
    """
    before = text[max(0, place_start - _DATELINE_WINDOW) : place_start]
    if not before.strip():
        return False
    if not words_before:
        return True
    previous = words_before[-1]
    if previous[-1] in ",\u060c\u061b;:-\u2013\u2014(":
        return False
    return rules.fold_key(previous.strip(_TRAILING_PUNCT)) not in rules.PLACE_IN_SENTENCE


def _byline_start(text: str, anchor: int) -> int | None:
    """`بقلم` / `كتب:` after a headline: a boundary before the byline."""
    tokens = _window_tokens(text, anchor)
    words = [text[a:b] for a, b in tokens]
    return anchor if _opens_story(text, words, anchor) else None
