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

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat
from functools import lru_cache
from importlib import resources
from operator import add, itemgetter, not_, or_

import re

import regex

from arabic_clean.structure._lines import tidy_kept
from arabic_clean.structure.boilerplate import Boilerplate
from arabic_clean.structure.document import Lines, positions_of
from arabic_clean.structure.fused import line_form
from arabic_clean.structure.bylines import is_attribution, is_photo_credit
from arabic_clean.structure.keys import encode_one_byte, line_key, line_keys, spaced_keys
from arabic_clean.structure.runstate import RunState
from arabic_clean.tables import ONE_BYTE_ALPHABET

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
# Possessive repeats: every piece starts with its own character ("[", "(", "I", a mark, a digit,
# a space), so giving back what a repeat took never helps, and a line that fails late (a
# megabyte of "[a]" and then "x") is rejected in one pass instead of backtracking.
_ARTEFACT = regex.compile(
    r"(?:\[[^\]\n]{0,80}+\]|\((?:BUTTON|INS|IMG)[^)]*+\)|INS:|[#*+•□◦▪·|_^~=]|\d++\^min|\s)++", regex.IGNORECASE
)
# No _ARTEFACT match starts with an Arabic letter U+0621..U+064A: most lines skip that regex.
_ARABIC_LETTERS = frozenset(map(chr, range(0x0621, 0x064B)))
# A line that is only a link: URL, bare domain, e-mail or social handle.
_LINK = regex.compile(
    r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|tv|me|co|io|news|[a-z]{2})(?:/\S*)?"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,}",
    regex.IGNORECASE,
)
# _PARAGRAPH_END defines the test; _paragraph_end answers it without a `$`-anchored search
# (tests/test_chrome.py checks that they agree). A sentence end is bylines._ends_sentence.
# Prose ends a paragraph with a full stop or a colon (one dot: ".." ends headlines like "... صور").
_PARAGRAPH_END = regex.compile(r"(?<![.])[.:]['\"»”’)\]]*$")
_LATIN = regex.compile(r"[A-Za-z]")
# Vowel marks of vocalized text: U+064C..U+0650 (dammatan, kasratan, fatha, damma, kasra) and
# U+0652 (sukun). Fathatan U+064B (أيضاً) and shadda U+0651 (نفّذ) are common in plain news text.
_VOWEL_MARKS = regex.compile("[\u064c-\u0650\u0652]")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_COPYRIGHT = regex.compile(r"©|\(c\)\s*\d{4}|®", regex.IGNORECASE)
# A title copy before a site name: "T - اليوم السابع", "T | بوابة أخبار اليوم", "T – Beirut Observer".
_SITE_SEPARATOR = regex.compile(r"\s+[-|–—:»]\s+|\s*\|\s*")
# Breadcrumbs and one-line menus: "الرئيسية > أخبار > سياسة", "من نحن | اتصل بنا | الخصوصية".
_MENU_SEPARATOR = regex.compile(r"(?<=\s)[|•>»·/\\]\s|\s[|•>»·/\\](?=\s)")


@dataclass(frozen=True)
class Thresholds:
    """The numbers remove_chrome's decisions turn on, as fitted by benchmarks/fit_structure.py
    (a grid over the labelled documents and the judged corpus lines, k-fold by site: every fold
    chose these values).

    `near`: non-blank lines from the article within which a deleted line is `above_headline` /
    `after_article` rather than `far_from_article`. (Since the precision rules, prose stays at
    any distance, so `near` names the reason only: benchmarks/fit_structure.py found no output
    that changes for any value from 0 to 1,000.) `copy_prefix`: key
    characters two lines must share to be copies of one headline. `edge_after_run`: lines that
    continue the article to the document's edge stay when at most this many non-blank lines
    are left beyond them. `longest_enclosed`: a run of this many lines or fewer, enclosed by
    kept lines of the same block, stays with them.
    """

    near: int = 15
    copy_prefix: int = 12
    edge_after_run: int = 8
    longest_enclosed: int = 10


THRESHOLDS = Thresholds()


# Spaces that str.split() splits on but line_key keeps (U+001C..U+001F are Cc, not noise).
_KEPT_SPACES = regex.compile(r"[\x1c-\x1f]")
_ARABIC_RUN = regex.compile(r"\p{Arabic}+")
_ARABIC_LETTER_RUN = re.compile("[\u0621-\u063f\u0641-\u064a]+")
_LATIN_RUN = regex.compile(r"[A-Za-z]+")
# Cheap `re` pre-tests (stdlib re is faster on small classes): a copyright line needs ©, ® or
# "(c)"; a menu needs one of its separators.
_MAY_HAVE_COPYRIGHT = re.compile(r"[©®(]")
_MAY_HAVE_MENU = re.compile(r"[|•>»·/\\]")
_BRACKETED_NAME = regex.compile(r"\[[A-Za-z0-9 ._?=-]*\]")
_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩"
_CLOSERS = "'\"»”’)]"
# A line whose content starts with one of these has a letter: _HAS_WORD needs no search.
_WORD_STARTS = _ARABIC_LETTERS | frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _count(run: regex.Pattern[str], text: str) -> int:
    """Characters of `text` in the class that `run` matches runs of (one match per run, not per character)."""
    return sum(map(len, run.findall(text)))


# Features of all lines at once, from their one-byte encoding (keys.encode_one_byte: the lines
# joined by a line feed, one byte per character, 0xFF for a character outside
# tables.ONE_BYTE_ALPHABET). bytes.translate keeps only the bytes a feature asks about, so the
# lines that have any are found without a regex call per line.
def _codes(pattern: regex.Pattern[str] | re.Pattern[str] | str) -> bytes:
    """Byte codes of the alphabet's characters that `pattern` matches (or that a string holds)."""
    if isinstance(pattern, str):
        return bytes(sorted({ONE_BYTE_ALPHABET.index(char) for char in pattern}))
    return bytes(i for i, char in enumerate(ONE_BYTE_ALPHABET) if pattern.fullmatch(char))


_LINE_FEED = ONE_BYTE_ALPHABET.index("\n")
_LINE_FEED_BYTE = bytes([_LINE_FEED])
_OUTSIDE_CODE = b"\xff"
_LATIN_CODES = _codes(_LATIN_RUN)
_ARABIC_CODES = _codes(_ARABIC_RUN)
_ARABIC_LETTER_CODES = _codes(_ARABIC_LETTER_RUN)
_RUN_BETWEEN_LINE_FEEDS = re.compile(b"[^" + re.escape(bytes([_LINE_FEED])) + b"]+")


def _all_but(codes: bytes) -> bytes:
    """The bytes to delete to keep only `codes` and the line feed."""
    return bytes(sorted(set(range(256)) - set(codes) - {_LINE_FEED}))


_CHUNK = 1 << 16  # bytes translated at a time: pieces that stay in the CPU cache run faster


def _translate(encoded: bytes, table: bytes | None, delete: bytes = b"") -> bytes:
    """`encoded.translate(table, delete)`, a cache-sized piece at a time on long inputs."""
    if len(encoded) <= _CHUNK:
        return encoded.translate(table, delete)
    return b"".join([encoded[i:i + _CHUNK].translate(table, delete) for i in range(0, len(encoded), _CHUNK)])


def _lines_with(encoded: bytes, all_but: bytes) -> dict[int, int]:
    """{line number: how many of its bytes are kept} for the lines with any byte `all_but` keeps.

    After the deletion only kept bytes and line feeds are left: a run of kept bytes that starts
    at offset `p`, after `k` kept bytes in all, follows `p - k` line feeds.
    """
    kept = _translate(encoded, None, all_but)
    found: dict[int, int] = {}
    used = 0
    for run in _RUN_BETWEEN_LINE_FEEDS.finditer(kept):
        start, end = run.span()
        found[start - used] = end - start
        used += end - start
    return found


_ONLY_OUTSIDE = _all_but(_OUTSIDE_CODE)
_ONLY_VOWEL_MARKS = _all_but(_codes(_VOWEL_MARKS))
_ONLY_LATIN = _all_but(_LATIN_CODES)
_ONLY_COPYRIGHT_HINTS = _all_but(_codes("(©®"))
_ONLY_LINK_HINTS = _all_but(_codes(".@:"))
_ONLY_BRACKET = _all_but(_codes("["))
_ONLY_MENU_SEPARATORS = _all_but(_codes("|•>»·/\\"))
# Word counts: a stripped line has one word more than it has runs of spaces. The alphabet's
# spaces as str.split() sees them: tab, space, U+00A0. A line with two spaces in a row (rare)
# or a character outside the alphabet is counted with str.split().
_SPACE_CODES = bytes(i for i, char in enumerate(ONE_BYTE_ALPHABET) if char.isspace() and char != "\n")
_ONLY_SPACES = _all_but(_SPACE_CODES)
_SPACE = _SPACE_CODES[0]
_SPACES_AS_ONE = bytes(_SPACE if code in _SPACE_CODES else code for code in range(256))
_TWO_SPACES = bytes([_SPACE, _SPACE])
# What can open an _ARTEFACT match is "[", "(", "INS:" in any case, a mark, a digit or a space:
# never an Arabic letter or another ASCII letter (tests/test_chrome.py checks both).
_NO_ARTEFACT_START = _ARABIC_LETTERS | frozenset("ABCDEFGHJKLMNOPQRSTUVWXYZabcdefghjklmnopqrstuvwxyz")


def _word_counts(texts: list[str], encoded: bytes, starts: list[int], outside: dict[int, int]) -> list[int]:
    """`len(text.split())` of each text; `starts` are the texts' offsets in `encoded`."""
    spaces = _translate(encoded, None, _ONLY_SPACES).split(bytes([_LINE_FEED]))
    words = list(map(add, map(len, spaces), map(bool, texts)))
    exact = set(outside)
    for piece_start in range(0, len(encoded), _CHUNK):  # a cache-sized piece (and one byte more) at a time
        piece = encoded[piece_start:piece_start + _CHUNK + 1].translate(_SPACES_AS_ONE)
        found = piece.find(_TWO_SPACES)
        while found != -1:
            line = bisect_right(starts, piece_start + found) - 1
            exact.add(line)
            found = piece.find(_TWO_SPACES, starts[line + 1] - piece_start)
    for t in exact:
        words[t] = len(texts[t].split())
    return words


_WINDOW = 1 << 16  # characters of keys searched for every keyword before moving on


def _lines_with_keywords(keys: list[str], keywords: frozenset[str]) -> set[int]:
    """Numbers of the keys that contain a keyword: str.find per keyword over all keys at once
    (keys hold no line feed to match across), window by window so that each window is read
    from the CPU cache by all the keywords."""
    found_lines: set[int] = set()
    if not keywords or not keys:
        return found_lines
    joined = "\n".join(keys)
    starts = list(accumulate(map(add, map(len, keys), repeat(1)), initial=0))
    overlap = max(map(len, keywords)) - 1
    for window in range(0, len(joined), _WINDOW):
        end = min(window + _WINDOW + overlap, len(joined))  # a match that starts in this window ends by here
        for keyword in keywords:
            found = joined.find(keyword, window, end)
            while found != -1 and found < window + _WINDOW:
                line = bisect_right(starts, found) - 1
                found_lines.add(line)
                found = joined.find(keyword, starts[line + 1], end)
    return found_lines


def _members(keys: list[str], found: frozenset[str]) -> list[bool]:
    """`[bool(key) and key in found for key in keys]`."""
    if "" in found:
        return [bool(key) and key in found for key in keys]
    return list(map(found.__contains__, keys))


def _stop_word_counts(texts: list[str], *, encoded: bytes | None = None) -> list[int]:
    """How many words (`str.split()`) of each text are stop words (their `line_key` in stopwords.tsv).

    `encoded`, when the caller has it, is `encode_one_byte("\\n".join(texts))`.
    """
    return [sum(map(_STOPWORDS.__contains__, keys.split())) for keys in spaced_keys(texts, encoded=encoded)]


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


@lru_cache(maxsize=64)
def _prefix_index(prefixes: frozenset[str]) -> tuple[int, dict[str, tuple[int, ...]]]:
    """The shortest prefix length, and for each head of that length the lengths of the prefixes
    that start with it: most keys are ruled out by one lookup, the rest try only their head's."""
    shortest = min(map(len, prefixes), default=0)
    lengths: dict[str, set[int]] = {}
    for prefix in prefixes:
        lengths.setdefault(prefix[:shortest], set()).add(len(prefix))
    return shortest, {head: tuple(sorted(found)) for head, found in lengths.items()}


def _has_prefix(key: str, prefixes: frozenset[str], shortest: int, by_head: dict[str, tuple[int, ...]]) -> bool:
    """Whether `key` starts with one of `prefixes` (a lexicon `prefix` entry)."""
    return any(key[:n] in prefixes for n in by_head.get(key[:shortest], ()) if n <= len(key))


class _Texts:
    """What each distinct line text looks like: one list per feature, indexed by text number.

    Every feature but `latin_doc`'s is a function of the text alone, so it is computed once per
    call for all distinct texts, with whole-text passes where they pay (keys in one `line_keys`
    pass, counts and "has any of these characters" by bytes.translate over the texts' one-byte
    encoding), and regexes only for the texts a cheap test does not settle.
    """

    def __init__(self, texts: list[str], lexicon: Lexicon, boilerplate: Boilerplate | None,
                 attribution: dict[str, bool] | None = None) -> None:
        self.texts = texts
        size = len(texts)
        self.lengths = lengths = list(map(len, texts))
        encoded = encode_one_byte("\n".join(texts))
        self.keys = keys = line_keys(texts, encoded=encoded)
        outside = _lines_with(encoded, _ONLY_OUTSIDE)  # lines with characters outside the alphabet
        starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
        self.words = words = _word_counts(texts, encoded, starts, outside)

        # Script: only lines with Latin letters can be Latin (long lines count as Arabic). It
        # matters for prose (8 words or more) and for weak short labels (asked lazily).
        latin_lines = _lines_with(encoded, _ONLY_LATIN)
        self.latin_all = latin_all = [0] * size  # Latin letters in the whole text
        self.latin_script = latin_script = [False] * size  # not Arabic text unless the document is Latin
        self.latin_head = latin_head = [0] * size  # Latin letters in the first 200 characters
        self._encoded, self._starts, self._outside = encoded, starts, outside
        for t, latin in latin_lines.items():
            latin_all[t] = latin
            latin_head[t] = latin if lengths[t] <= 200 else _count(_LATIN_RUN, texts[t][:200])
            if 8 <= words[t] < 400:
                latin_script[t] = latin > self._arabic(t)

        # Vocalized: at least two vowel marks (_VOWEL_MARKS): verse, prayer, Quran, never chrome.
        self.vocalized = vocalized = [False] * size
        for t, marks in _lines_with(encoded, _ONLY_VOWEL_MARKS).items():
            vocalized[t] = marks >= 2 if t not in outside else len(_VOWEL_MARKS.findall(texts[t])) >= 2

        self.chromey = chromey = [False] * size
        for t in _lines_with_keywords(keys, lexicon.keyword):
            chromey[t] = True

        self.label = label = _members(keys, lexicon.label)
        strong = [a or b for a, b in zip(label, _members(keys, lexicon.line))]
        # Why a strong line is chrome (REASONS), asked only for the lines that go.
        self.strong_reason: dict[int, str] = {}
        if boilerplate is not None:
            for t in compress(range(size), _members(keys, boilerplate.keys)):
                if not strong[t]:
                    strong[t] = True
                    self.strong_reason[t] = "boilerplate"
        if lexicon.prefix:
            shortest, by_head = _prefix_index(lexicon.prefix)
            heads = map(by_head.__contains__, map(itemgetter(slice(None, shortest)), keys))
            for t in compress(range(size), heads):
                if _has_prefix(keys[t], lexicon.prefix, shortest, by_head):
                    strong[t] = True
        # A bracketed artefact (`[tagNewNew]`) is strong; the other artefacts are only weak.
        for t in _lines_with(encoded, _ONLY_BRACKET):
            text = texts[t]
            if not strong[t] and text[:1] not in _NO_ARTEFACT_START and _ARTEFACT.fullmatch(text) is not None:
                strong[t] = True
                self.strong_reason[t] = "artefact"
        for t in _lines_with(encoded, _ONLY_COPYRIGHT_HINTS):
            text = texts[t]
            if not strong[t] and words[t] <= 12 and _MAY_HAVE_COPYRIGHT.search(text) is not None \
                    and _COPYRIGHT.search(text):
                strong[t] = True
                self.strong_reason[t] = "copyright"
        self.strong = strong
        self._nav = lexicon.nav
        self._weak: list[bool | None] = [None] * size  # weak_base, computed when a rule asks

        bodies = list(map(str.rstrip, texts, repeat(_CLOSERS)))
        self.paragraph_end = paragraph_end = [
            bool(body) and body[-1] in ".:" and (len(body) < 2 or body[-2] != ".") for body in bodies]
        # Headlines end in "؟" or "!" too; only a long line ending so is a sentence of prose.
        self.ends = ends = [p or (n >= 20 and bool(body) and body[-1] in ".!?؟؛…")
                            for p, n, body in zip(paragraph_end, words, bodies)]
        # Stop-word density decides prose and body_like only for these lines; the rest never count.
        asked = [t for t, (n, c, e, p) in enumerate(zip(words, chromey, ends, paragraph_end))
                 if 12 <= n < 400 and not c and ((not e and n < 25) or (not p and n >= 20))]
        dense = self.dense = [False] * size
        asked_encoded = _LINE_FEED_BYTE.join([encoded[starts[t]:starts[t + 1] - 1] for t in asked])
        for t, stops in zip(asked, _stop_word_counts([texts[t] for t in asked], encoded=asked_encoded)):
            dense[t] = stops / words[t] >= 0.2
        self._by_latin_doc: dict[bool, tuple[list[bool], list[bool], list[float]]] = {}
        self._stamp: dict[int, bool] = {}
        self.attribution = {} if attribution is None else attribution  # is_attribution or is_photo_credit, by text
        self._heads: dict[int, int] = {}

    def columns(self, latin_doc: bool) -> tuple[list[bool], list[bool], list[float]]:
        """prose, body_like and weight of every text, for one value of `latin_doc`.

        Prose reads like a paragraph of the article; body_like reads like prose even out of
        context (full stop or colon, or long and dense). In a document that is not Latin, a line
        in Latin script is neither.
        """
        found = self._by_latin_doc.get(latin_doc)
        if found is not None:
            return found
        if latin_doc or not any(self.latin_script):
            words, chromey, dense = self.words, self.chromey, self.dense
            prose = [not c and n >= 8 and (e or n >= 25 or (n >= 12 and d))
                     for n, c, e, d in zip(words, chromey, self.ends, dense)]
            body_like = [not c and ((n >= 8 and p) or (n >= 20 and d))
                         for n, c, p, d in zip(words, chromey, self.paragraph_end, dense)]
            weight = [(min(n, 40) / 10 + (0.5 if e else 0.0)) if is_prose else -1.5 if s or c else -0.3 if n <= 3 else -0.2
                      for is_prose, n, e, s, c in zip(prose, words, self.ends, self.strong, chromey)]  # _weight
            found = prose, body_like, weight
        else:  # the Latin-document columns, with the lines in Latin script made not prose
            prose, body_like, weight = (list(column) for column in self.columns(True))
            for t in compress(range(len(self.texts)), self.latin_script):
                prose[t] = body_like[t] = False
                weight[t] = _weight(False, self.words[t], self.ends[t], self.strong[t] or self.chromey[t])
            found = prose, body_like, weight
        self._by_latin_doc[latin_doc] = found
        return found

    def weak(self, t: int, latin_doc: bool) -> bool:
        """Chrome outside the article: menu words, links, symbols, digits, Latin labels, artefacts.

        Only lines near the article, the headline or a list heading are ever asked.
        """
        found = self._weak[t]
        if found is None:
            text, key, n = self.texts[t], self.keys[t], self.words[t]
            found = self._weak[t] = (
                self.strong[t]
                or (bool(key) and key in self._nav)
                or (text[:1] not in _NO_ARTEFACT_START and _ARTEFACT.fullmatch(text) is not None)
                or not key.strip(_DIGITS)
                or (text[:1] not in _WORD_STARTS and not _HAS_WORD.search(text))
                or (("." in text or "@" in text or ":" in text) and " " not in text
                    and _LINK.fullmatch(text) is not None)
                or (n <= 8 and "[" in text and _BRACKETED_NAME.search(text) is not None)
                or (n <= 12 and _MAY_HAVE_MENU.search(text) is not None and len(_MENU_SEPARATOR.findall(text)) >= 2)
            )
        # A Latin-only short label, in a document that is not Latin.
        return found or (not latin_doc and bool(self.latin_all[t]) and self.words[t] <= 6 and not self._arabic(t))

    def weak_reason(self, t: int, latin_doc: bool) -> str | None:
        """Which kind of weak chrome the text is (REASONS), or None when it is not weak."""
        if not self.weak(t, latin_doc):
            return None
        text, key = self.texts[t], self.keys[t]
        if self.strong[t]:
            return self.strong_reason.get(t, "lexicon")
        if (("." in text or "@" in text or ":" in text) and " " not in text
                and _LINK.fullmatch(text) is not None):
            return "link"
        if not key.strip(_DIGITS) or not _HAS_WORD.search(text) \
                or (text[:1] not in _NO_ARTEFACT_START and _ARTEFACT.fullmatch(text) is not None):
            return "symbols"
        if self.words[t] <= 8 and "[" in text and _BRACKETED_NAME.search(text) is not None:
            return "artefact"
        if not self._weak[t]:  # weak only as a Latin label in an Arabic document
            return "latin_label"
        return "menu"

    def _arabic(self, t: int) -> int:
        """\\p{Arabic} characters in the text."""
        if t in self._outside:
            return _count(_ARABIC_RUN, self.texts[t])
        start, length = self._starts[t], self.lengths[t]
        return length - len(self._encoded[start:start + length].translate(None, _ARABIC_CODES))

    def stamp(self, t: int) -> bool:
        """Attribution or date: strip_bylines' business, not chrome. Most lines are never asked."""
        found = self._stamp.get(t)
        if found is None:
            if self.strong[t]:
                found = False
            else:
                text = self.texts[t]
                found = self.attribution.get(text)
                if found is None:
                    found = self.attribution[text] = is_attribution(text) or is_photo_credit(text)
            self._stamp[t] = found
        return found

    def latin_doc(self, numbers: list[int]) -> bool:
        """Latin letters outnumber Arabic ones four to one in the first 200 characters of 400 lines.

        `numbers` are text numbers, one per non-blank line left, in order.
        """
        head = numbers[:400]
        latin = sum(map(self.latin_head.__getitem__, head))
        if not latin:
            return False
        # The Arabic letters U+0621..U+063F, U+0641..U+064A (all \p{Arabic}) usually settle it;
        # \p{Arabic} is counted only when they do not.
        letters = 0
        for t in head:
            letters += self._head_letters(t)
            if 4 * letters >= latin:
                return False
        arabic = sum(_count(_ARABIC_RUN, self.texts[t][:200]) for t in head)
        return latin > 4 * arabic

    def _head_letters(self, t: int) -> int:
        """Arabic letters U+0621..U+063F, U+0641..U+064A in the text's first 200 characters."""
        found = self._heads.get(t)
        if found is None:
            if t in self._outside:  # U+063B..U+063F are outside the alphabet
                found = _count(_ARABIC_LETTER_RUN, self.texts[t][:200])
            else:
                start, length = self._starts[t], min(self.lengths[t], 200)
                found = length - len(self._encoded[start:start + length].translate(None, _ARABIC_LETTER_CODES))
            self._heads[t] = found
        return found


def _weight(prose: bool, words: int, ends: bool, chrome: bool) -> float:
    """A line's share of the article block: positive for prose, negative for the rest."""
    if prose:
        return min(words, 40) / 10 + (0.5 if ends else 0.0)
    if chrome:  # strong chrome or a keyword
        return -1.5
    return -0.3 if words <= 3 else -0.2


def _article_block(weights: list[float]) -> tuple[int, int] | None:
    """First and last rank of the maximum-weight run of non-blank lines (Kadane), if it has prose."""
    best, best_span = 0.0, None
    running, start = 0.0, 0
    for rank, weight in enumerate(weights):
        if running <= 0:
            running, start = 0.0, rank
        running += weight
        if running > best:
            best, best_span = running, (start, rank)
    return best_span


_POSITIONAL = frozenset(("above_headline", "before_article", "after_article", "far_from_article"))


def _positions(r: _Round, drop: dict[int, str], named: bool) -> dict[int, str]:
    """`drop` (rank -> reason) by position in the round's lines."""
    filled, ids = r.filled, r.ids
    if not named:
        return dict(zip(map(filled.__getitem__, drop), drop.values()))
    return {filled[rank]: _specific(r, ids[rank], reason) for rank, reason in drop.items()}


def _specific(r: _Round, t: int, reason: str) -> str:
    """A weak line dropped for where it stands is named for what it is (a menu, a link...)."""
    if reason in _POSITIONAL:
        return r.feats.weak_reason(t, r.latin_doc) or reason
    return reason


class _Round:
    """One round's view of the lines left: ranks count the non-blank ones, `ids[rank]` is the text
    number of a rank's line, and the per-text columns are read through it. Only the features every
    line needs (weight, strong, key) are gathered per rank; the rest are read for the few lines a
    rule looks at."""

    def __init__(self, doc: _Document, order: list[int]) -> None:
        if len(order) == len(doc.blank):  # every line (the first round): positions are line numbers
            self.blank = blank = doc.blank
            self.filled = filled = list(compress(range(len(order)), map(not_, blank)))
            self.ids = ids = list(map(doc.text_id.__getitem__, filled))
        else:
            self.blank = blank = list(map(doc.blank.__getitem__, order))
            self.filled = filled = list(compress(range(len(order)), map(not_, blank)))
            self.ids = ids = list(map(doc.text_id.__getitem__, map(order.__getitem__, filled)))
        self.feats = feats = doc.features
        self.latin_doc = latin_doc = feats.latin_doc(ids) if ids else False
        self.prose, self.body_like, weight = feats.columns(latin_doc)
        # Reads as article content by its text alone (by text number): prose, or vocalized.
        self.content = list(map(or_, self.body_like, feats.vocalized))
        self.words, self.label, self.paragraph_end = feats.words, feats.label, feats.paragraph_end
        self.stamp = feats.stamp  # by text number
        self.weights = list(map(weight.__getitem__, ids))
        self.strong = list(map(feats.strong.__getitem__, ids))  # by rank
        self.keys = list(map(feats.keys.__getitem__, ids))  # by rank

    def weak(self, t: int) -> bool:
        return self.feats.weak(t, self.latin_doc)


def _title_rank(r: _Round, block_rank: int, counts: Counter[str], copy_prefix: int) -> int | None:
    """The headline: nearest title-shaped line above the block, preferring one copied elsewhere.

    Title-shaped: not weak, 2 to 40 words, no paragraph end, not attribution. The attribution
    test is the costly one, so it runs last and only for lines that could be the answer.
    """
    ids, weak, words, paragraph_end = r.ids, r.weak, r.words, r.paragraph_end
    shaped = [rank for rank in range(block_rank - 1, max(block_rank - 26, -1), -1)
              if not (not 2 <= words[ids[rank]] <= 40 or paragraph_end[ids[rank]] or weak(ids[rank]))]
    if not shaped:
        return None
    # Copies: the same key, or a key that starts with the candidate's (site suffix, glued
    # repeat, headline + caption). Bucketing by a fixed-length prefix keeps this linear.
    keys = r.keys
    wanted = {keys[c][:copy_prefix] for c in shaped if len(keys[c]) >= copy_prefix}
    buckets: dict[str, list[int]] = {}
    if wanted:
        heads = map(itemgetter(slice(None, copy_prefix)), keys)
        for rank in compress(range(len(keys)), map(wanted.__contains__, heads)):
            buckets.setdefault(keys[rank][:copy_prefix], []).append(rank)
    for c in shaped:
        key = keys[c]
        if len(key) < copy_prefix:
            continue
        if (counts[key] > 1 or any(j != c and keys[j].startswith(key) for j in buckets.get(key[:copy_prefix], ()))) \
                and not r.stamp(ids[c]):
            return c
    title = next((c for c in shaped if not r.stamp(ids[c])), None)
    if title is None:
        return None
    # No copy: a headline printed with its sub-headlines as one stack of lines (no blank line
    # between) starts at the top of the stack.
    filled = r.filled
    while title > 0 and filled[title - 1] == filled[title] - 1 and _stackable(r, ids[title - 1]):
        title -= 1
    while r.stamp(ids[title]):  # the stack may start with a date; the headline is below it
        title += 1
    return title


def _stackable(r: _Round, t: int) -> bool:
    return not (r.prose[t] or r.paragraph_end[t] or r.words[t] < 2 or r.weak(t)) or r.stamp(t)


def _blank_separated(r: _Round, first_rank: int, last_rank: int) -> bool:
    """Whether the article's paragraphs are separated by blank lines (HTML get_text("\\n") style)."""
    blank, size = r.blank, len(r.blank)
    inside = r.filled[first_rank:last_rank + 1]
    followed = sum(1 for i in inside if i + 1 < size and blank[i + 1])
    return followed * 2 >= len(inside)


def _is_fragment(r: _Round, rank: int) -> bool:
    """A piece of a paragraph split at an inline link (`تستعد` / `وزارة العمل` / `، خلال ...`)."""
    t = r.ids[rank]
    return r.words[t] <= 5 and not r.strong[rank] and not r.label[t] and not r.stamp(t)


class _Document:
    """One call's lines, split once, and what is known about each distinct line text.

    The fixed-point rounds see the same lines again, minus deleted ones: each distinct text is
    described once (`_Texts`), and a round only gathers the features of the lines it has left.
    """

    def __init__(self, lines: Lines, lexicon: Lexicon, boilerplate: Boilerplate | None,
                 state: RunState | None = None) -> None:
        self.size = len(lines)
        self.texts = texts = lines.texts
        self.blank = lines.blank
        distinct = list(dict.fromkeys(compress(texts, map(not_, self.blank))))
        # In a fused run, the texts were usually described by an earlier iteration already.
        known = state.described.get((id(lexicon), id(boilerplate))) if state is not None else None
        if known is not None and all(map(known[0].__contains__, distinct)):
            number, self.features = known
        else:
            number = dict(zip(distinct, range(len(distinct))))
            self.features = _Texts(distinct, lexicon, boilerplate,
                                   state.attribution if state is not None else {})
            if state is not None:
                state.described[(id(lexicon), id(boilerplate))] = (number, self.features)
        self.text_id = list(map(number.get, texts))  # None for a blank line with a text no other line has


def _decide(doc: _Document, order: list[int], named: bool = False,
            thresholds: Thresholds = THRESHOLDS) -> dict[int, str]:
    """The positions in `order` (the lines left so far) whose lines go this round, with the reason.

    `named`: a weak line dropped for where it stands is named for what it is (costs a few
    regex tests per line; only explanations ask).

    Positions below are positions in `order`, as if the remaining lines were the whole text;
    ranks count the non-blank ones.
    """
    r = _Round(doc, order)
    filled, blank, ids, strong = r.filled, r.blank, r.ids, r.strong
    size = len(filled)
    if not size:
        return {}
    prose, body_like, words, weak, label, stamp = r.prose, r.body_like, r.words, r.weak, r.label, r.stamp

    # Items under a "most read" / "read also" heading, up to the next line of prose, or up to a
    # blank line after items set line under line: a widget keeps one spacing, and the short
    # line past the change is the article's next sub-heading.
    drop: dict[int, str] = {}  # rank -> reason
    for rank in compress(range(size), map(label.__getitem__, ids)):
        for item in range(rank + 1, min(rank + 16, size)):
            t = ids[item]
            if prose[t] or body_like[t] or label[t]:
                break
            set_line_under_line = filled[rank + 1] == filled[rank] + 1
            if item > rank + 1 and set_line_under_line and filled[item] > filled[item - 1] + 1:
                break
            if words[t] >= 3 or weak(t) or stamp(t):
                drop[item] = "teaser_list"
            else:
                break
    reason_of_strong = r.feats.strong_reason
    for rank in compress(range(size), strong):
        drop[rank] = reason_of_strong.get(ids[rank], "lexicon")

    block = _article_block(r.weights)
    if block is None:  # no prose at all: only the unmistakable goes
        return _positions(r, drop, named)
    first_rank, last_rank = block
    first, last = filled[first_rank], filled[last_rank]
    # Inline-link fragments glued to the block's edges belong to its first or last paragraph.
    if _blank_separated(r, first_rank, last_rank):
        for _ in range(3):
            if first > 0 and not blank[first - 1] and _is_fragment(r, first_rank - 1):
                first -= 1
                first_rank -= 1
        for _ in range(3):
            if last + 1 < len(order) and not blank[last + 1] and _is_fragment(r, last_rank + 1):
                last += 1
                last_rank += 1
    counts = Counter(r.keys)
    title = _title_rank(r, first_rank, counts, thresholds.copy_prefix)
    top = title if title is not None else first_rank
    drop.pop(title, None)
    # Non-strong lines among the first `rank` non-blank lines: kicker tests count in O(1).
    not_strong_before = list(accumulate(map(not_, strong), initial=0))

    # Above the headline a line stays if it is prose near it, or a kicker: at most one line that
    # is not strong chrome between it and the headline. Lines further up than both go unread.
    kicker_from = max(bisect_left(not_strong_before, not_strong_before[top] - 1) - 1, 0)
    above_from = min(kicker_from, max(top - thresholds.near, 0))  # every line above goes (below)
    for rank in range(above_from, top):
        if rank in drop:
            continue
        t = ids[rank]
        if not ((body_like[t] and top - rank <= thresholds.near and not _in_card(r, counts, rank))
                or _is_kicker(r, not_strong_before, rank, top)):
            drop[rank] = "above_headline"
    # Between the headline and the article: kickers, bylines, captions.
    # (Two words are enough: a short heading `لوحة 1:` or salutation; a bare author name is
    # strip_bylines' to judge.)
    for rank in range(top + 1, first_rank):
        t = ids[rank]
        if rank not in drop and not (body_like[t] or (words[t] >= 2 and not weak(t)) or stamp(t)):
            drop[rank] = "before_article"
    # After the article only prose near it (not a teaser card) and attribution right below it.
    near_end = min(last_rank + thresholds.near + 1, size)
    for rank in range(last_rank + 1, near_end):
        t = ids[rank]
        if rank not in drop and not ((body_like[t] and not _in_card(r, counts, rank))
                                     or (rank - last_rank <= 3 and stamp(t))):
            drop[rank] = "after_article"
    # Above `above_from` and from `near_end` on, every non-blank line goes (blank lines are
    # left to tidy_kept).
    far = dict.fromkeys(chain(range(above_from), range(near_end, size)), "far_from_article")
    far.update(drop)
    drop = far
    # Precision first: where a line stands is no evidence against a line that reads as article
    # content, nor against the lines that continue the article with no chrome in between.
    edge = thresholds.edge_after_run
    for rank in _continuing(r, counts, range(last_rank + 1, size), drop, edge) + \
            _continuing(r, counts, range(top - 1, -1, -1), drop, edge):
        del drop[rank]
    content = r.content
    for rank in [rank for rank, reason in drop.items() if content[ids[rank]] and reason in _POSITIONAL]:
        if _content_not_chrome(r, counts, rank):
            del drop[rank]
    for rank in _enclosed(r, drop, thresholds.longest_enclosed):
        del drop[rank]
    return _positions(r, drop, named)


def _enclosed(r: _Round, drop: dict[int, str], longest: int) -> list[int]:
    """Runs of at most `longest` positionally dropped lines, none of them weak, with kept
    lines right above and below them and no blank line in between: lines of one block of text
    (a stanza, a list), the rest of which stays."""
    found: list[int] = []
    filled, size = r.filled, len(r.filled)
    # A run starts right after a kept line: only those few are walked from.
    for kept in sorted(set(range(size - 1)).difference(drop)):
        end = kept + 1
        while end < size and end - kept <= longest and drop.get(end) in _POSITIONAL \
                and filled[end] == filled[end - 1] + 1:
            end += 1
        # `end` is the first line after the run: kept, touching it, and the run not empty or too long.
        if kept + 1 < end < size and end - kept - 1 <= longest and end not in drop \
                and filled[end] == filled[end - 1] + 1 \
                and not any(r.weak(r.ids[k]) for k in range(kept + 1, end)):
            found.extend(range(kept + 1, end))
    return found


def _content_not_chrome(r: _Round, counts: Counter[str], rank: int) -> bool:
    """A line that reads as article content (`r.content`: prose, or vocalized verse, prayer,
    Quran, which chrome never is) keeps its place unless it is weak chrome or in a teaser card.
    (Attribution that reads so is left to strip_bylines.)"""
    t = r.ids[rank]
    return not (r.weak(t) or _in_card(r, counts, rank))


def _continuing(r: _Round, counts: Counter[str], ranks: range, drop: dict[int, str], edge: int) -> list[int]:
    """The positionally dropped lines that continue the article to the edge of the document.

    `ranks` walks from the article (or headline) outwards. After the article they are a list,
    verse, a prayer, a closing line; above the headline, a column title or a kicker. The run
    stops at the first line with evidence of chrome (a lexicon phrase or label, a menu word or
    link, a teaser card), and counts only when at most
    `edge` lines are left beyond it: a page's teasers and menus are followed by more
    chrome (a footer, a masthead), an article's own tail is not.
    """
    found = []
    stopped = None
    # Above the headline a two-word line is a column title or a kicker (يوم الحسم); after the
    # article it must end a sentence (والله المستعان.), since tags are short too.
    upwards = len(ranks) > 1 and ranks.step < 0
    pending: list[int] = []
    last_found = -1
    for rank in ranks:
        t = r.ids[rank]
        reason = drop.get(rank)
        if (reason is not None and reason not in _POSITIONAL) or r.strong[rank]:
            stopped = rank
            break
        # Attribution (a date, a byline) is strip_bylines' to judge: it does not stop the run
        # (a date is weak: asked only then), and a line printed twice neither stops the run nor
        # is kept by it (the dedupe passes decide).
        if counts[r.keys[rank]] > 1:
            continue
        if r.weak(t) or _in_card(r, counts, rank):
            if r.stamp(t):
                continue
            stopped = rank
            break
        if reason is None:
            continue
        if r.words[t] >= 3 or (r.words[t] == 2 and (upwards or r.feats.ends[t])) \
                or (not upwards and _same_list(r, rank - ranks.step, rank, drop, last_found)):
            found += pending
            pending = []
            found.append(rank)
            last_found = rank
        elif not upwards:
            pending.append(rank)  # a one-word heading (مؤلفات) stays if a line after it does
    if stopped is None:
        return found
    left = abs(ranks[-1] - stopped) + 1
    return found if left <= edge else []


#: List bullets: hyphen, dashes, tatweel used as a dash (U+0640), bullets U+2022 U+00B7 U+25AA
#: U+25E6 U+25CF U+25A0 U+25BA U+25B6, macron U+00AF, asterisk.
_BULLETS = frozenset("-\u2013\u2014\u0640\u2022\u00b7\u25aa\u25e6\u25cf\u25a0\u25ba\u25b6\u00af*")


def _same_list(r: _Round, above: int, rank: int, drop: dict[int, str], last_found: int) -> bool:
    """The line at `rank` opens with the bullet of the kept line at `above` (kept: not dropped, or
    the last line the run kept): the next item of its list."""
    if not 0 <= above < len(r.filled) or (above in drop and above != last_found):
        return False
    texts = r.feats.texts
    bullet = texts[r.ids[rank]][:1]
    return bullet in _BULLETS and texts[r.ids[above]][:1] == bullet


def _in_card(r: _Round, counts: Counter[str], rank: int) -> bool:
    """A teaser in a card of another article: next to a short line the page repeats (its site name)."""
    for other in range(max(rank - 1, 0), min(rank + 2, len(r.filled))):
        key = r.keys[other]
        # (A lone letter is a marker, such as the س / ج of a question and answer; a lone digit
        # is a counter of the card.)
        if other != rank and r.words[r.ids[other]] <= 4 and key and counts[key] >= 3 \
                and not (r.feats.lengths[r.ids[other]] == 1 and r.feats.texts[r.ids[other]].isalpha()):
            return True
    return False


def _is_kicker(r: _Round, not_strong_before: list[int], rank: int, top_rank: int) -> bool:
    """A kicker or the first half of a wrapped headline: right on top of it, not a menu word."""
    t = r.ids[rank]
    if r.words[t] < 3 or r.weak(t):
        return False
    # Lines between it and the headline, strong chrome (about to go) not counted.
    between = not_strong_before[max(top_rank, rank + 1)] - not_strong_before[rank + 1]
    return between <= 1 and not r.stamp(t)


def remove_chrome(text: str, *, boilerplate: Boilerplate | None = None, lexicon: Lexicon | None = None) -> str:
    """Delete site furniture (menus, lists of other articles, share widgets, footers) from one article.

    `boilerplate` adds lines learned from the site's other pages (`learn_boilerplate`);
    `lexicon` replaces the packaged phrase list (evaluation with a site's phrases left out).

    >>> page = "الرئيسية\\nسياسة\\nرياضة\\nاقتصاد\\nالوزير يفتتح المعرض\\nافتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.\\nجميع الحقوق محفوظة ©\\n"
    >>> print(remove_chrome(page), end="")
    الوزير يفتتح المعرض
    افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد من الكتاب.
    """
    return _line_form(text, boilerplate=boilerplate, lexicon=lexicon, report=False)[0]


def _on_lines(lines: Lines, *, boilerplate: Boilerplate | None = None, lexicon: Lexicon | None = None,
              named: bool = False, report: bool = True, state: RunState | None = None,
              thresholds: Thresholds = THRESHOLDS) -> tuple[Lines, list[tuple[int, str]]]:
    """`remove_chrome` on `lines`, and the (position in `lines`, reason) of each line it deleted
    (an empty list when `report` is false: the plain pass needs none).

    `state`, in a fused run, keeps the description of line texts for the next iteration.
    """
    lexicon = lexicon or default_lexicon()
    given = lines
    doc = _Document(lines, lexicon, boilerplate, state)
    # Each round only deletes; a few rounds reach the fixed point, which makes the pass idempotent.
    order = list(range(doc.size))
    removed: list[tuple[int, str]] = []  # (input line number, reason)
    for _ in range(4):
        reasons = _decide(doc, order, named, thresholds)
        if not reasons:
            break
        kept = tidy_kept(order, [k not in reasons for k in range(len(order))], doc.blank)
        if report:
            by_line = {order[k]: reason for k, reason in reasons.items()}
            removed.extend((lines.numbers[i], by_line.get(i, "blank")) for i in sorted(set(order).difference(kept)))
        order = kept
        if not lines.rejoins_apart(order):  # a CR line met an LF line: they are one line now
            lines = lines.select(order)
            doc = _Document(lines, lexicon, boilerplate, state)
            order = list(range(doc.size))
    result = lines.select(order)
    if result is given:
        return given, []
    if "keys" not in result.__dict__:  # strip_bylines, next, asks for keys remove_chrome has already
        keys, text_id = doc.features.keys, doc.text_id
        result.learn_keys([keys[text_id[i]] if text_id[i] is not None else "" for i in order])
    removed = positions_of(given, removed)
    return result, _name_copies(given, result, removed) if named else removed


def _name_copies(given: Lines, result: Lines, removed: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A line dropped for where it stands whose copy is in the result is named `copy_kept`."""
    kept = set(result.keys)
    keys = given.keys
    return [(i, "copy_kept" if reason in _POSITIONAL and keys[i] and keys[i] in kept else reason)
            for i, reason in removed]


_line_form = line_form(_on_lines)

#: The pass on a `Lines` (structure/fused.py): the kept lines and the (position, reason) of each
#: deleted line, with the state of a fused run (runstate.py); `named=True` names a weak line for
#: what it is (explain); `report=False` skips listing the deleted lines (clean() needs none).
remove_chrome.on_lines = _on_lines  # type: ignore[attr-defined]
#: The same on a `str`: the result and the (line number, reason) of each deleted line.
remove_chrome.line_form = _line_form  # type: ignore[attr-defined]
