"""Site chrome in one plain-text article: menus, lists of other articles, share widgets, footers.

A phrase list cannot know the next site's menu, so the decision is structural first:

1. Score every line for how much it reads like article prose (length, sentence punctuation,
   Arabic stop-word density) and find the article block: the run of lines with the highest
   total score (maximum-sum segment, one linear pass).
2. Find the headline: the nearest title-shaped line above the block, preferring one that is
   repeated elsewhere in the page (the `<title>` copy with a site suffix, a glued copy).
3. Inside the block keep everything except unmistakable chrome (whole-line lexicon phrases,
   scraper artefacts, learned site boilerplate, the items of a "read also" list). Between the
   headline and the block keep kickers, sub-headlines and attribution. Above the headline keep
   only a kicker or two right on top of it; below the block keep only lines that read like prose.

Precision first: when unsure a line stays. The lexicon (lexicon.tsv) adds evidence, each entry
with its source; the structure alone already removes most chrome on sites never seen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, chain, compress
from functools import lru_cache
from importlib import resources

import re

import regex

from arabic_clean.structure._lines import blank_flags, content, rejoins_apart, split_lines, tidy_kept
from arabic_clean.structure.boilerplate import Boilerplate
from arabic_clean.structure.bylines import is_attribution, is_photo_credit
from arabic_clean.structure.keys import line_key, line_keys

_KINDS = ("line", "nav", "prefix", "label", "keyword")


@dataclass(frozen=True)
class Lexicon:
    """Chrome phrases by kind, each stored as its `line_key`; see lexicon.tsv for the kinds."""

    line: frozenset[str]
    nav: frozenset[str]
    prefix: frozenset[str]
    label: frozenset[str]
    keyword: frozenset[str]

    @classmethod
    def parse(cls, tsv: str, *, exclude_sources: frozenset[str] = frozenset()) -> Lexicon:
        """Read lexicon rows `phrase<TAB>kind<TAB>source`, skipping rows whose source is excluded."""
        groups: dict[str, set[str]] = {kind: set() for kind in _KINDS}
        for number, row in enumerate(tsv.splitlines(), start=1):
            if not row.strip() or row.startswith("#"):
                continue
            fields = row.split("\t")
            if len(fields) != 3 or fields[1] not in groups:
                raise ValueError(f"lexicon row {number}: expected phrase<TAB>kind<TAB>source, got {row!r}")
            phrase, kind, source = fields
            if source.split(" ")[0] in exclude_sources:
                continue
            key = line_key(phrase)
            if key:
                groups[kind].add(key)
        return cls(**{kind: frozenset(keys) for kind, keys in groups.items()})

    @property
    def _prefix_lengths(self) -> tuple[int, ...]:
        return _lengths(self.prefix)

    @property
    def _keyword_pattern(self) -> regex.Pattern[str] | None:
        return _alternation(self.keyword)


@lru_cache(maxsize=64)
def _lengths(keys: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({len(k) for k in keys}))


@lru_cache(maxsize=64)
def _alternation(keys: frozenset[str]) -> regex.Pattern[str] | None:
    return regex.compile("|".join(map(regex.escape, sorted(keys)))) if keys else None


def lexicon_text() -> str:
    """The packaged lexicon.tsv (read through importlib.resources, so it works from a wheel)."""
    return resources.files("arabic_clean.structure").joinpath("lexicon.tsv").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.parse(lexicon_text())


def _read_stopwords() -> frozenset[str]:
    text = resources.files("arabic_clean.structure").joinpath("stopwords.tsv").read_text(encoding="utf-8")
    return frozenset(line_key(row.split("\t")[0]) for row in text.splitlines() if row.strip() and not row.startswith("#"))


_STOPWORDS = _read_stopwords()

# Whole-line scraper residue: bracketed image/button names (`[tagNewNew]`, `[ExtImage-6]`,
# `(BUTTON)`), empty form fields (`[____]`, `# [   ]`) and bullet or heading marks alone.
_ARTEFACT = regex.compile(
    r"(?:\[[^\]\n]{0,80}\]|\((?:BUTTON|INS|IMG)[^)]*\)|INS:|[#*+•□◦▪·|_^~=]|\d+\^min|\s)+", regex.IGNORECASE
)
# No _ARTEFACT match starts with an Arabic letter U+0621..U+064A: most lines skip that regex.
_ARABIC_LETTERS = frozenset(map(chr, range(0x0621, 0x064B)))
# A line that is only a link: URL, bare domain, e-mail or social handle.
_LINK = regex.compile(
    r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|tv|me|co|io|news|[a-z]{2})(?:/\S*)?"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,}",
    regex.IGNORECASE,
)
# _SENTENCE_END and _PARAGRAPH_END define the tests; _sentence_end and _paragraph_end answer them
# without a `$`-anchored search (tests/test_chrome.py checks that they agree).
_SENTENCE_END = regex.compile(r"[.!?؟؛…]['\"»”’)\]]*$")
# Prose ends a paragraph with a full stop or a colon (one dot: ".." ends headlines like "... صور").
_PARAGRAPH_END = regex.compile(r"(?<![.])[.:]['\"»”’)\]]*$")
_LATIN = regex.compile(r"[A-Za-z]")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_COPYRIGHT = regex.compile(r"©|\(c\)\s*\d{4}|®", regex.IGNORECASE)
# A title copy before a site name: "T - اليوم السابع", "T | بوابة أخبار اليوم", "T – Beirut Observer".
_SITE_SEPARATOR = regex.compile(r"\s+[-|–—:»]\s+|\s*\|\s*")
# Breadcrumbs and one-line menus: "الرئيسية > أخبار > سياسة", "من نحن | اتصل بنا | الخصوصية".
_MENU_SEPARATOR = regex.compile(r"(?<=\s)[|•>»·/\\]\s|\s[|•>»·/\\](?=\s)")
# Prose this many non-blank lines away from the article is another article's teaser.
_NEAR = 15
# Long enough that two lines sharing this key prefix are very likely copies of one headline.
_COPY_PREFIX = 12


class _Line:
    """What one line's content looks like; the attribution test runs only if a rule asks for it."""

    __slots__ = ("text", "key", "words", "prose", "body_like", "strong", "weak", "label", "weight", "_stamp")

    def __init__(self, text: str, key: str, words: int, prose: bool, body_like: bool, strong: bool,
                 weak: bool, label: bool, weight: float) -> None:
        self.text = text
        self.key = key
        self.words = words
        self.prose = prose            # reads like a paragraph of the article
        self.body_like = body_like    # reads like prose even out of context (full stop or colon, or long and dense)
        self.strong = strong          # chrome wherever it stands
        self.weak = weak              # chrome outside the article (menu words, links, symbols, stamps, Latin labels)
        self.label = label            # heads a list of other articles
        self.weight = weight
        self._stamp: bool | None = None

    @property
    def stamp(self) -> bool:
        """Attribution or date: strip_bylines' business, not chrome. Most lines are never asked."""
        if self._stamp is None:
            self._stamp = not self.strong and (is_attribution(self.text) or is_photo_credit(self.text))
        return self._stamp


# Spaces that str.split() splits on but line_key keeps (U+001C..U+001F are Cc, not noise).
_KEPT_SPACES = regex.compile(r"[\x1c-\x1f]")
_ARABIC_RUN = regex.compile(r"\p{Arabic}+")
_ARABIC_LETTER_RUN = re.compile("[\u0621-\u063f\u0641-\u064a]+")
_LATIN_RUN = regex.compile(r"[A-Za-z]+")
# Cheap `re` pre-tests (stdlib re is faster on small classes): a copyright line needs ©, ® or
# "(c)"; a menu needs one of its separators; Latin letters are counted only when there are some.
_MAY_HAVE_COPYRIGHT = re.compile(r"[©®(]")
_MAY_HAVE_MENU = re.compile(r"[|•>»·/\\]")
_ANY_LATIN = re.compile(r"[A-Za-z]")
_BRACKETED_NAME = regex.compile(r"\[[A-Za-z0-9 ._?=-]*\]")
_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩"
_CLOSERS = "'\"»”’)]"


def _count(run: regex.Pattern[str], text: str) -> int:
    """Characters of `text` in the class that `run` matches runs of (one match per run, not per character)."""
    return sum(map(len, run.findall(text)))


def _keys_and_stop_words(texts: list[str]) -> tuple[list[str], list[list[str]], list[int]]:
    """`line_key` of each text, its words (`str.split`), and how many of them are stop words.

    line_key drops every space str.split() splits on (but U+001C..U+001F) and works character
    by character, so a line's key is its words' keys joined. Each distinct word is keyed once,
    in one pass: pages repeat most of their words.
    """
    words = [text.split() for text in texts]
    distinct = list(dict.fromkeys(chain.from_iterable(words)))
    word_key = dict(zip(distinct, line_keys(distinct)))
    stop_words = set(compress(distinct, map(_STOPWORDS.__contains__, word_key.values())))
    if _KEPT_SPACES.search("".join(texts)) is None:
        keys = ["".join(map(word_key.__getitem__, split)) for split in words]
    else:
        keys = [line_key(text) for text in texts]
    stops = [sum(map(stop_words.__contains__, split)) if 8 <= len(split) < 400 else 0 for split in words]
    return keys, words, stops


def _ends_at_end(text: str, terminators: str, *, single: bool) -> bool:
    body = text.rstrip(_CLOSERS)
    if not body or body[-1] not in terminators:
        return False
    return not single or len(body) < 2 or body[-2] != "."


def _paragraph_end(text: str) -> bool:
    """`_PARAGRAPH_END.search(text)` without trying every position of a long line.

    >>> _paragraph_end("قال الوزير."), _paragraph_end("شاهد الصور.."), _paragraph_end("الأسماء:")
    (True, False, True)
    """
    if text.endswith("\n"):  # `$` also matches before a final line feed
        return _ends_at_end(text, ".:", single=True) or _ends_at_end(text[:-1], ".:", single=True)
    return _ends_at_end(text, ".:", single=True)


def _sentence_end(text: str) -> bool:
    """`_SENTENCE_END.search(text)` without trying every position of a long line."""
    if text.endswith("\n"):
        return _ends_at_end(text, ".!?؟؛…", single=False) or _ends_at_end(text[:-1], ".!?؟؛…", single=False)
    return _ends_at_end(text, ".!?؟؛…", single=False)


def _describe_all(texts: list[str], lexicon: Lexicon, boilerplate: Boilerplate | None, latin_doc: bool) -> list[_Line]:
    """`_Line` for each text (a non-blank line's content), with document-wide passes for keys and keywords."""
    keys, splits, stops = _keys_and_stop_words(texts)
    words = [len(split) for split in splits]
    chromey = [False] * len(texts)
    if lexicon.keyword and texts:
        # str.find per keyword over all keys at once (keys hold no line break to match across).
        joined = "\n".join(keys)
        starts = list(accumulate((len(k) + 1 for k in keys), initial=0))
        for keyword in lexicon.keyword:
            found = joined.find(keyword)
            while found != -1:
                line = bisect_right(starts, found) - 1
                chromey[line] = True
                found = joined.find(keyword, starts[line + 1])
    tests = _LexiconTests(lexicon, boilerplate)
    return [_describe(text, key, n, stop, chrome_word, tests, latin_doc)
            for text, key, n, stop, chrome_word in zip(texts, keys, words, stops, chromey)]


class _LexiconTests:
    """Lexicon and boilerplate membership for one call, with the prefix lengths looked up once."""

    def __init__(self, lexicon: Lexicon, boilerplate: Boilerplate | None) -> None:
        self.lexicon = lexicon
        self.boilerplate = boilerplate.keys if boilerplate is not None else None
        self.prefix_lengths = lexicon._prefix_lengths
        shortest = self.prefix_lengths[0] if self.prefix_lengths else 0
        self.shortest = shortest
        # Every prefix entry starts with one of these: most lines are ruled out by one lookup.
        self.prefix_heads = frozenset(p[:shortest] for p in lexicon.prefix)

    def has_prefix(self, key: str) -> bool:
        if not self.shortest or len(key) < self.shortest or key[:self.shortest] not in self.prefix_heads:
            return False
        prefix = self.lexicon.prefix
        return any(key[:n] in prefix for n in self.prefix_lengths if n <= len(key))


def _describe(text: str, key: str, words: int, stops: int, chromey: bool, tests: _LexiconTests,
              latin_doc: bool) -> _Line:
    lexicon = tests.lexicon
    if words < 400:
        latin = _count(_LATIN_RUN, text) if _ANY_LATIN.search(text) else 0
        # Arabic letters only matter next to Latin ones (which script the line is in).
        arabic = _count(_ARABIC_RUN, text) if latin and not latin_doc else 1
    else:
        arabic, latin = len(text), 0
    arabic_text = arabic >= latin if not latin_doc else True
    density = stops / words if words else 0.0
    # Inline _paragraph_end: `text` is a stripped line, so no line feed ends it.
    body = text.rstrip(_CLOSERS)
    paragraph_end = bool(body) and body[-1] in ".:" and (len(body) < 2 or body[-2] != ".")
    # Headlines end in "؟" or "!" too; only a long line ending so is a sentence of prose.
    ends = paragraph_end or (words >= 20 and bool(body) and body[-1] in ".!?؟؛…")
    prose = arabic_text and not chromey and words >= 8 and (ends or words >= 25 or (words >= 12 and density >= 0.2))
    body_like = arabic_text and not chromey and (
        (words >= 8 and paragraph_end) or (words >= 20 and density >= 0.2))
    label = bool(key) and key in lexicon.label
    artefact = text[:1] not in _ARABIC_LETTERS and _ARTEFACT.fullmatch(text) is not None
    strong = (
        label
        or (bool(key) and key in lexicon.line)
        or (key[:tests.shortest] in tests.prefix_heads and tests.has_prefix(key))
        or (tests.boilerplate is not None and bool(key) and key in tests.boilerplate)
        or ("[" in text and artefact)
        or (words <= 12 and _MAY_HAVE_COPYRIGHT.search(text) is not None and bool(_COPYRIGHT.search(text)))
    )
    weak = strong or (
        (bool(key) and key in lexicon.nav)
        or artefact
        or not key.strip(_DIGITS)
        or (not latin_doc and latin > 0 and arabic == 0 and words <= 6)
        or not _HAS_WORD.search(text)
        or (("." in text or "@" in text or ":" in text) and _LINK.fullmatch(text) is not None)
        or (words <= 8 and "[" in text and _BRACKETED_NAME.search(text) is not None)
        or (words <= 12 and _MAY_HAVE_MENU.search(text) is not None and len(_MENU_SEPARATOR.findall(text)) >= 2)
    )
    if prose:
        weight = min(words, 40) / 10 + (0.5 if ends else 0.0)
    elif strong or chromey:
        weight = -1.5
    elif words <= 3:
        weight = -0.3
    else:
        weight = -0.2
    return _Line(text, key, words, prose, body_like, strong, weak, label, weight)


def _article_block(filled: list[int], info: dict[int, _Line]) -> tuple[int, int] | None:
    """First and last line of the maximum-weight run of non-blank lines (Kadane), if it has prose."""
    best, best_span = 0.0, None
    running, start = 0.0, 0
    for rank, i in enumerate(filled):
        if running <= 0:
            running, start = 0.0, rank
        running += info[i].weight
        if running > best:
            best, best_span = running, (start, rank)
    if best_span is None:
        return None
    return filled[best_span[0]], filled[best_span[1]]


def _title_index(filled: list[int], info: dict[int, _Line], block_rank: int, counts: Counter[str]) -> int | None:
    """The headline: nearest title-shaped line above the block, preferring one copied elsewhere."""
    candidates = []
    for rank in range(block_rank - 1, max(block_rank - 26, -1), -1):
        line = info[filled[rank]]
        if line.weak or not 2 <= line.words <= 40 or _paragraph_end(line.text) or line.stamp:
            continue
        candidates.append(filled[rank])
    if not candidates:
        return None
    # Copies: the same key, or a key that starts with the candidate's (site suffix, glued
    # repeat, headline + caption). Bucketing by a fixed-length prefix keeps this linear.
    buckets: dict[str, list[int]] = {}
    wanted = {info[c].key[:_COPY_PREFIX] for c in candidates if len(info[c].key) >= _COPY_PREFIX}
    for i in filled:
        head = info[i].key[:_COPY_PREFIX]
        if head in wanted:
            buckets.setdefault(head, []).append(i)
    for c in candidates:
        key = info[c].key
        if len(key) < _COPY_PREFIX:
            continue
        if counts[key] > 1 or any(j != c and info[j].key.startswith(key) for j in buckets.get(key[:_COPY_PREFIX], ())):
            return c
    # No copy: a headline printed with its sub-headlines as one stack of lines (no blank line
    # between) starts at the top of the stack.
    title = candidates[0]
    while title > 0 and title - 1 in info and _stackable(info[title - 1]):
        title -= 1
    while info[title].stamp:  # the stack may start with a date; the headline is below it
        title += 1
    return title


def _stackable(line: _Line) -> bool:
    return not (line.weak or line.prose or _paragraph_end(line.text) or line.words < 2) or line.stamp


def _blank_separated(blank: list[bool], filled: list[int], first: int, last: int) -> bool:
    """Whether the article's paragraphs are separated by blank lines (HTML get_text("\\n") style)."""
    inside = [i for i in filled if first <= i <= last]
    followed = sum(1 for i in inside if i + 1 < len(blank) and blank[i + 1])
    return followed * 2 >= len(inside)


def _is_fragment(line: _Line) -> bool:
    """A piece of a paragraph split at an inline link (`تستعد` / `وزارة العمل` / `، خلال ...`)."""
    return line.words <= 5 and not line.strong and not line.label and not line.stamp


class _Document:
    """One call's lines, split once, and what is known about each (numbered in the input).

    The fixed-point rounds see the same lines again, minus deleted ones: each line is
    described once per value of `latin_doc`, and its script counts are taken once.
    """

    def __init__(self, text: str, lexicon: Lexicon, boilerplate: Boilerplate | None) -> None:
        self.lines = split_lines(text)
        self.texts = [content(line) for line in self.lines]
        self.blank = blank_flags(self.lines, self.texts)
        self.lexicon = lexicon
        self.boilerplate = boilerplate
        self._described: dict[bool, dict[str, _Line]] = {False: {}, True: {}}
        self._latin: dict[int, int] = {}  # Latin letters in a line's first 200 characters
        self._arabic: dict[int, int] = {}  # \p{Arabic} in a line's first 200 characters
        self._arabic_letters: dict[int, int] = {}  # U+0621..U+064A but tatweel, the same

    def latin_doc(self, filled: list[int]) -> bool:
        """Latin letters outnumber Arabic ones four to one in the first 200 characters of 400 lines."""
        latin = 0
        for i in filled[:400]:
            counted = self._latin.get(i)
            if counted is None:
                head = self.texts[i][:200]
                counted = self._latin[i] = _count(_LATIN_RUN, head) if _ANY_LATIN.search(head) else 0
            latin += counted
        if not latin:
            return False
        # The Arabic letters U+0621..U+063F, U+0641..U+064A (all \p{Arabic}) count fast with re and
        # usually settle it; \p{Arabic} is counted only when they do not.
        letters = 0
        for i in filled[:400]:
            counted = self._arabic_letters.get(i)
            if counted is None:
                counted = self._arabic_letters[i] = _count(_ARABIC_LETTER_RUN, self.texts[i][:200])
            letters += counted
            if 4 * letters >= latin:
                return False
        arabic = 0
        for i in filled[:400]:
            counted = self._arabic.get(i)
            if counted is None:
                counted = self._arabic[i] = _count(_ARABIC_RUN, self.texts[i][:200])
            arabic += counted
        return latin > 4 * arabic

    def describe(self, filled: list[int], latin_doc: bool) -> list[_Line]:
        described = self._described[latin_doc]  # by text: pages repeat lines (site name, headline)
        texts = self.texts
        missing = list(dict.fromkeys(texts[i] for i in filled if texts[i] not in described))
        if missing:
            described.update(zip(missing, _describe_all(missing, self.lexicon, self.boilerplate, latin_doc)))
        return [described[texts[i]] for i in filled]


def _decide(doc: _Document, order: list[int]) -> list[bool]:
    """For each line number in `order` (the lines left so far), whether it stays this round.

    Positions below are positions in `order`, as if the remaining lines were the whole text.
    """
    blank = [doc.blank[o] for o in order]
    filled = [i for i, is_blank_line in enumerate(blank) if not is_blank_line]
    keep = [True] * len(order)
    if not filled:
        return keep
    numbers = [order[i] for i in filled]
    info = dict(zip(filled, doc.describe(numbers, doc.latin_doc(numbers))))
    rank_of = {i: rank for rank, i in enumerate(filled)}

    # Items under a "most read" / "read also" heading, up to the next line of prose.
    listed: set[int] = set()
    for rank, i in enumerate(filled):
        if not info[i].label:
            continue
        for j in filled[rank + 1: rank + 16]:
            item = info[j]
            if item.prose or item.body_like or item.label:
                break
            if item.words >= 3 or item.weak or item.stamp:
                listed.add(j)
            else:
                break

    block = _article_block(filled, info)
    if block is None:  # no prose at all: only the unmistakable goes
        for i in filled:
            keep[i] = not (info[i].strong or i in listed)
        return keep
    first, last = block
    # Inline-link fragments glued to the block's edges belong to its first or last paragraph.
    if _blank_separated(blank, filled, first, last):
        for _ in range(3):
            if first > 0 and not blank[first - 1] and _is_fragment(info[first - 1]):
                first -= 1
        for _ in range(3):
            if last + 1 < len(order) and not blank[last + 1] and _is_fragment(info[last + 1]):
                last += 1
    counts = Counter(info[i].key for i in filled)
    title = _title_index(filled, info, rank_of[first], counts)
    top = title if title is not None else first
    # Non-strong lines among the first `rank` non-blank lines: kicker tests count in O(1).
    not_strong_before = list(accumulate((not info[i].strong for i in filled), initial=0))

    for rank, i in enumerate(filled):
        line = info[i]
        if i == title:
            continue
        if line.strong or i in listed:
            keep[i] = False
        elif first <= i <= last:
            continue
        elif top < i < first:  # between the headline and the article: kickers, bylines, captions
            keep[i] = line.body_like or (not line.weak and line.words >= 3) or line.stamp
        elif i < top:  # above the headline: a kicker sits right on top of it, not in a menu
            near = rank_of[top] - rank <= _NEAR
            keep[i] = (line.body_like and near and not _in_card(filled, info, counts, rank)) \
                or _is_kicker(info[i], not_strong_before, rank, rank_of[top])
        else:  # after the article
            near = rank - rank_of[last] <= _NEAR
            keep[i] = (line.body_like and near and not _in_card(filled, info, counts, rank)) \
                or (rank - rank_of[last] <= 3 and line.stamp)
    return keep


def _in_card(filled: list[int], info: dict[int, _Line], counts: Counter[str], rank: int) -> bool:
    """A teaser in a card of another article: next to a short line the page repeats (its site name)."""
    for other in filled[max(rank - 1, 0): rank + 2]:
        line = info[other]
        if other != filled[rank] and line.words <= 4 and line.key and counts[line.key] >= 3:
            return True
    return False


def _is_kicker(line: _Line, not_strong_before: list[int], rank: int, top_rank: int) -> bool:
    """A kicker or the first half of a wrapped headline: right on top of it, not a menu word."""
    if line.weak or line.words < 3:
        return False
    # Lines between it and the headline, strong chrome (about to go) not counted.
    between = not_strong_before[max(top_rank, rank + 1)] - not_strong_before[rank + 1]
    return between <= 1 and not line.stamp


def remove_chrome(text: str, *, boilerplate: Boilerplate | None = None, lexicon: Lexicon | None = None) -> str:
    """Delete site furniture (menus, lists of other articles, share widgets, footers) from one article.

    `boilerplate` adds lines learned from the site's other pages (`learn_boilerplate`);
    `lexicon` replaces the packaged phrase list (evaluation with a site's phrases left out).

    >>> page = "الرئيسية\\nسياسة\\nرياضة\\nاقتصاد\\nالوزير يفتتح المعرض\\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.\\nجميع الحقوق محفوظة ©\\n"
    >>> print(remove_chrome(page), end="")
    الوزير يفتتح المعرض
    افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.
    """
    lexicon = lexicon or default_lexicon()
    doc = _Document(text, lexicon, boilerplate)
    # Each round only deletes; a few rounds reach the fixed point, which makes the pass idempotent.
    order = list(range(len(doc.lines)))
    changed = False
    for _ in range(4):
        keep = _decide(doc, order)
        if all(keep):
            break
        changed = True
        order = tidy_kept(order, keep, doc.blank)
        if "\r" in text and not rejoins_apart(doc.lines, order):  # a CR line met an LF line
            text = "".join([doc.lines[i] for i in order])
            doc = _Document(text, lexicon, boilerplate)
            order = list(range(len(doc.lines)))
    return "".join([doc.lines[i] for i in order]) if changed else text
