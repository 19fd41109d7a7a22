"""Repeated headlines and paragraphs inside one document.

Two pure passes over plain text, both line-based and linear in the input:

* `dedupe_headlines` finds the headline by its repeats (exact copies, a line glued to itself,
  copies dressed with a site suffix, a ticker label, a list number, HTML escapes, image alt text
  glued to a caption, a copy hard-wrapped over two lines) and keeps one copy: the well-formed
  copy that sits right above the article.
* `dedupe_paragraphs` drops later copies of a paragraph, keeping the first.

Copies are compared on `line_key` (diacritics, tatweel, alef variants, punctuation, case and
spacing ignored) of the HTML-unescaped line; the kept copy's text is never rewritten, except that
a line glued to itself (`TT`) is cut back to its first copy. Line breaks (`\\r\\n`, `\\r`, `\\n`)
of the lines that stay are kept as they were, and blank-line runs that meet where a line was
removed are not allowed to grow (`Lines.keep(..., tidy="no_growth")`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

from arabic_clean.structure._lines import is_blank
from arabic_clean.structure.document import Lines, positions_of
from arabic_clean.structure.fused import line_form
from arabic_clean.structure.keys import copy_key, copy_keys, line_key, line_keys
from arabic_clean.structure.runstate import RunState

# --- thresholds (each with its reason) ----------------------------------------------------------

# A headline key shorter than this is a menu item, a section name or a site name ("رياضة",
# "إرم نيوز" = 7 key chars); those repeats are chrome's business, not a headline's.
MIN_HEADLINE_KEY = 15
# Longest headline key considered (the longest dev headline, youm7, is ~170 key chars).
MAX_HEADLINE_KEY = 400
# Lines longer than this (raw chars) are never headline copies, not even glued `TTTT`; it also
# bounds the per-line work so a 10 MB line costs one length check.
MAX_HEADLINE_LINE = 4 * MAX_HEADLINE_KEY + 200
# A site suffix or prefix (`- اليوم السابع`, `| بوابة أخبار اليوم`, `- عبر الإمارات - أخبار
# وتقارير - البيان`) is short and has no sentence punctuation.
MAX_SITE_PART = 60
# Image alt text glued to its caption: the caption after the headline is at most this many words,
# and the copy must sit within MAX_CAPTION_DISTANCE non-blank lines of a plain copy.
MAX_CAPTION_WORDS = 8
MAX_CAPTION_DISTANCE = 3
# ... and the alt text is a whole headline, longer than the caption glued to it: a short line that
# merely opens a longer one (a kicker, the first half of a wrapped headline) is not alt text.
MIN_ALT_KEY = 30
MAX_CAPTION_SHARE = 0.75
# The article after a copy is measured over this many following non-blank lines.
ARTICLE_WINDOW = 20
# A copy is "above the article" when the prose after it is at least this share of the best copy's.
ARTICLE_SHARE = 0.5
# dedupe_headlines repeats its plan until nothing changes, at most this many times.
MAX_ROUNDS = 4
# A paragraph shorter than this key length may repeat (list items, menu entries, "القيمة: 4
# مليار دولار" in a company list, a repeated short chant); dedupe_paragraphs leaves it alone.
MIN_PARAGRAPH_KEY = 30

# Ticker and rubric labels put before a headline in "breaking"/"latest" lists. Source: youm7,
# Sky News Arabia, Al Arabiya, Masrawy news tickers and list rubrics (seen on the live sites);
# the label is dropped only to compare, never from the text.
TICKER_LABELS = (
    "عاجل",  # breaking (عاجل: ...)
    "خاص",  # exclusive
    "حصري",  # exclusive
    "شاهد",  # watch
    "بالفيديو",  # with video
    "فيديو",  # video
    "بالصور",  # with photos
    "صور",  # photos
    "الآن",  # now
    "Breaking",  # English tickers on Arabic sites
    "Exclusive",
)
# The patterns below use stdlib re (several times faster than the regex module on them) and
# spell out what the regex module matched, so that they match exactly the same strings:
# `_SPACE` is regex's `\s` (Unicode White_Space; stdlib re's `\s` adds U+001C..U+001F), and the
# ticker labels' letters are matched as regex's IGNORECASE does (I also matches U+0130, K U+212A
# and S U+017F; stdlib re would add U+0131 to I). tests/test_dedupe.py checks both.
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CASE_VARIANTS = {"i": "\u0130", "k": "\u212a", "s": "\u017f"}


def _ignoring_case(word: str) -> str:
    """`word` as a stdlib re pattern that matches it as the regex module's IGNORECASE does."""
    return "".join(
        f"[{char.lower()}{char.upper()}{_CASE_VARIANTS.get(char.lower(), '')}]" if char.isascii() and char.isalpha()
        else re.escape(char) for char in word)


_TICKER = re.compile(
    rf"^[{_SPACE}]*[\[(«\"']?[{_SPACE}]*(?:" + "|".join(map(_ignoring_case, TICKER_LABELS))
    + rf")[{_SPACE}]*[\])»\"']?[{_SPACE}]*[:：|\-–—»]*[{_SPACE}]+(?=[^{_SPACE}])"
)
# A list number before an item: "1. ", "2) ", "٣- ". (Bullets are punctuation: line_key drops them.)
_LIST_NUMBER = re.compile(rf"^[{_SPACE}]*(?:[0-9]{{1,3}}|[\u0660-\u0669]{{1,3}})[{_SPACE}]*[.)\-–][{_SPACE}]*(?=[^{_SPACE}])")
# Separators between a headline and a site name in <title>: - – — | • · :: //.
_SITE_SEPARATOR = re.compile(rf"[{_SPACE}]+(?:[-\u2013\u2014|\u2022\u00b7~]|::|//)[{_SPACE}]+")


def _may_have_site_separator(line: str) -> bool:
    """False only when `_SITE_SEPARATOR.search(line)` finds nothing: every separator holds one of
    these characters. Most lines (long prose) are ruled out by a few `in` tests, without the scan
    that tries the pattern at every space.
    """
    return ("-" in line or "|" in line or ":" in line or "/" in line or "\u2013" in line or "\u2014" in line
            or "\u2022" in line or "\u00b7" in line or "~" in line)


# Sentence punctuation: a part containing it is prose, not a site name or a caption.
_SENTENCE_PUNCT = re.compile(r"[.!?\u061f\u060c\u061b:\u2026]")


class Form(IntEnum):
    """How a copy of the headline is dressed; lower values are better formed."""

    PLAIN = 0  # the line is the headline
    GLUED = 1  # the headline glued to itself, TT or TTT (cut back to one copy if kept)
    WRAPPED = 2  # the headline hard-wrapped over two consecutive lines
    ESCAPED = 3  # &quot;...&quot;: an entity-escaped copy
    TICKER = 4  # "عاجل: T", "1. T"
    SUFFIXED = 5  # "T - اليوم السابع", "بوابة ... | T"
    CAPTIONED = 6  # image alt text "T" glued to the caption that follows it


_WELL_FORMED = (Form.PLAIN, Form.GLUED, Form.WRAPPED)
_WHOLE_LINE = (Form.PLAIN, Form.GLUED, Form.ESCAPED, Form.WRAPPED)


@dataclass(frozen=True)
class _Copy:
    first: int  # first line of the copy
    last: int  # last line of the copy (== first except for WRAPPED)
    form: Form
    count: int = 1  # copies of the headline carried (TT -> 2)


# --- lines -------------------------------------------------------------------------------------


# --- paragraphs ---------------------------------------------------------------------------------


def dedupe_paragraphs(text: str) -> str:
    """Drop later copies of a paragraph (same `line_key`), keeping the first.

    Lines whose key is shorter than `MIN_PARAGRAPH_KEY` (30) may repeat: list items and menu
    entries are not paragraphs. Run `dedupe_headlines` first, so the headline is kept where it
    belongs rather than where it first appears.

    >>> dedupe_paragraphs("قال الوزير إن المحادثات ستستمر حتى نهاية الأسبوع.\\n\\nرياضة\\n\\n"
    ...                   "رياضة\\n\\nقال الوزير إنّ المحادثات ستستمر حتى نهاية الأسبوع\\n")
    'قال الوزير إن المحادثات ستستمر حتى نهاية الأسبوع.\\n\\nرياضة\\n\\nرياضة\\n'
    """
    return _paragraph_line_form(text)[0]


def _paragraph_copies(keys: list[str]) -> set[int]:
    seen: set[str] = set()
    drop: set[int] = set()
    for i, key in enumerate(keys):
        if len(key) < MIN_PARAGRAPH_KEY:
            continue
        if key in seen:
            drop.add(i)
        else:
            seen.add(key)
    return drop


def _paragraph_removals(lines: Lines, *, state: RunState | None = None, named: bool = False,
                        report: bool = True) -> tuple[Lines, list[tuple[int, str]]]:
    """`dedupe_paragraphs` on `lines`, and the (position in `lines`, reason) of each line it deleted.

    `state`, `named` and `report` are accepted for the common signature (structure/fused.py).
    """
    drop = _paragraph_copies(lines.copy_keys)
    if not drop:
        return lines, []
    kept = lines.kept([i not in drop for i in range(len(lines))], tidy="no_growth")
    gone = sorted(set(range(len(lines))).difference(kept))
    return lines.select(kept), [(i, "paragraph_copy" if i in drop else "blank") for i in gone]


_paragraph_line_form = line_form(_paragraph_removals)

#: The pass on a `Lines` (structure/fused.py, see remove_chrome.on_lines) and on a `str`.
dedupe_paragraphs.on_lines = _paragraph_removals  # type: ignore[attr-defined]
dedupe_paragraphs.line_form = _paragraph_line_form  # type: ignore[attr-defined]


# --- headlines ----------------------------------------------------------------------------------


def _is_prose(line: str) -> bool:
    """A line that reads like an article paragraph: long, many words, sentence punctuation."""
    stripped = line.strip()
    return (
        len(stripped) >= 80
        and stripped.count(" ") >= 9
        and _SENTENCE_PUNCT.search(stripped) is not None
    )


def _smallest_period(text: str) -> int:
    """Smallest p such that text is text[:p] repeated; len(text) when it is not a repetition.

    The classic (text + text).find(text, 1) identity: equivalent to the prefix-function test, and
    linear because CPython's str.find uses the two-way algorithm for long needles.
    """
    if len(text) < 2:
        return len(text)
    period = (text + text).find(text, 1)
    return period if 0 < period < len(text) and len(text) % period == 0 else len(text)


def _first_copy(line: str, unit_key: str) -> str:
    """The first copy of a line glued to itself (`TT` -> `T`), with the line's leading spaces."""
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    period = _smallest_period(stripped)
    if period < len(stripped):
        return line[: lead + period]
    # Copies with something between them ("T T", "T. T."): cut after the first copy's key, then
    # keep its own trailing punctuation up to the first space.
    target = len(unit_key)
    low, high = 0, len(line)
    while low < high:  # smallest prefix whose key reaches the unit
        mid = (low + high) // 2
        if len(line_key(line[:mid])) >= target:
            high = mid
        else:
            low = mid + 1
    shortest = low
    low, high = shortest, len(line)
    while low < high:  # smallest prefix whose key goes past the unit
        mid = (low + high) // 2
        if len(line_key(line[:mid])) > target:
            high = mid
        else:
            low = mid + 1
    longest = max(shortest, low - 1)
    between = line[shortest:longest]
    space = next((n for n, char in enumerate(between) if char.isspace()), len(between))
    return line[: shortest + space].rstrip()


def _word_gaps_from_end(line: str, limit: int) -> Iterable[tuple[int, int]]:
    """(start, end) of the last `limit` runs of spaces in the line, last first."""
    end = len(line.rstrip())
    found = 0
    while found < limit:
        start = max(line.rfind(" ", 0, end), line.rfind("\t", 0, end))
        if start <= 0:
            return
        gap_start = len(line[:start].rstrip())
        if gap_start == 0:
            return
        yield gap_start, start + 1
        end = gap_start
        found += 1


def _may_have_copies(keys: dict[int, str]) -> bool:
    """False only when `_collect_copies` finds no group, in one cheap look at each key.

    A group is a line glued to itself, or two copies on different lines. A copy's key is the
    headline's key, alone or with the key of a label, list number or site name glued to its start
    or end, or of a caption glued to its end (line_key keys character by character, so the key of
    a joined text is the joined keys; separators are noise), or it is two wrapped lines' keys
    joined. So two copies share their first or their last MIN_HEADLINE_KEY key characters.

    >>> _may_have_copies({0: "هدنةحلبتتمدداسبوعا", 2: "هدنةحلبتتمدداسبوعاارمنيوز"}), _may_have_copies({0: "هدنةحلبتتمدداسبوعا"})
    (True, False)
    """
    size = MIN_HEADLINE_KEY
    heads: set[str] = set()
    tails: set[str] = set()

    def seen(head: str, tail: str) -> bool:
        if head in heads or tail in tails:
            return True
        heads.add(head)
        tails.add(tail)
        return False

    for i, key in keys.items():
        if len(key) >= size:
            if seen(key[:size], key[-size:]):
                return True
            if len(key) >= 2 * size and _smallest_period(key) < len(key):
                return True
        after = keys.get(i + 1)
        if after and size <= len(key) + len(after) <= MAX_HEADLINE_KEY:
            # Wrapped over lines i and i + 1: an end that comes from one line alone was added above.
            joined = key + after
            head = joined[:size] if len(key) < size else ""
            tail = joined[-size:] if len(after) < size else ""
            if (head and head in heads) or (tail and tail in tails):
                return True
            heads.add(head)
            tails.add(tail)
    return False


def _collect_copies(lines: list[str], keys: dict[int, str]) -> dict[str, dict[int, _Copy]]:
    """Every key that has two or more copies, with its copies (by first line).

    Whole-line copies (the line itself, escaped, glued to itself, wrapped over two lines) make a
    key an anchor. Dressed copies (a ticker label or list number, a site name, a caption) only
    join an anchor: a line that merely starts with a known key is not evidence on its own.
    """
    plain: dict[str, list[int]] = {}
    extra: dict[str, dict[int, _Copy]] = {}  # every copy that is not a plain one-line copy
    units: dict[int, str] = {}  # the repeated unit of each line glued to itself
    for i, key in keys.items():
        size = len(key)
        if size < MIN_HEADLINE_KEY:
            continue
        if size <= MAX_HEADLINE_KEY:
            plain.setdefault(key, []).append(i)
        if size >= 2 * MIN_HEADLINE_KEY:
            period = _smallest_period(key)
            if MIN_HEADLINE_KEY <= period <= MAX_HEADLINE_KEY and period < size \
                    and html.unescape(lines[i]) == lines[i]:
                units[i] = key[:period]
                extra.setdefault(key[:period], {})[i] = _Copy(i, i, Form.GLUED, size // period)
    wrapped: dict[str, list[int]] = {}
    for i, key in keys.items():
        after = keys.get(i + 1)
        if after and MIN_HEADLINE_KEY <= len(key) + len(after) <= MAX_HEADLINE_KEY:
            wrapped.setdefault(key + after, []).append(i)

    def add(key: str, copy: _Copy) -> None:
        if key in plain or key in extra or key in wrapped:
            held = extra.setdefault(key, {}).get(copy.first)
            if held is None or copy.form < held.form:
                extra[key][copy.first] = copy

    for i, key in keys.items():
        if len(key) <= MIN_HEADLINE_KEY:
            continue
        line = lines[i]
        label = _TICKER.match(line) or _LIST_NUMBER.match(line)
        if label:
            add(copy_key(line[label.end():]), _Copy(i, i, Form.TICKER))
        if _may_have_site_separator(line) and _SITE_SEPARATOR.search(line):
            for number, separator in enumerate(_SITE_SEPARATOR.finditer(line)):
                if number == 8:
                    break
                left, right = line[: separator.start()], line[separator.end():]
                for site, rest in ((right, left), (left, right)):
                    if len(site.strip()) <= MAX_SITE_PART and not _SENTENCE_PUNCT.search(site):
                        key_rest = copy_key(rest)
                        if key_rest in plain or key_rest in extra or key_rest in wrapped:
                            add(key_rest, _Copy(i, i, Form.SUFFIXED))
    _collect_captioned(lines, keys, units, add)
    for key, starts in wrapped.items():  # after the dressed copies, which may be its only company
        if len(starts) > 1 or key in plain or key in extra:
            for i in starts:
                add(key, _Copy(i, i + 1, Form.WRAPPED))
    copies: dict[str, dict[int, _Copy]] = {}
    for key, more in extra.items():
        group = {i: _Copy(i, i, Form.PLAIN) for i in plain.get(key, ())}
        group.update(more)
        copies[key] = group
    for key, starts in plain.items():
        if len(starts) > 1 and key not in copies:
            copies[key] = {i: _Copy(i, i, Form.PLAIN) for i in starts}
    for key, group in copies.items():
        for i, copy in group.items():
            if copy.form == Form.PLAIN and "&" in lines[i] and html.unescape(lines[i]) != lines[i]:
                group[i] = _Copy(i, i, Form.ESCAPED)
    return {k: g for k, g in copies.items() if sum(c.count for c in g.values()) >= 2}


def _collect_captioned(
    lines: list[str], keys: dict[int, str], units: dict[int, str], add: Callable[[str, _Copy], None]
) -> None:
    """Image alt text (a whole headline) glued to a short caption, next to a copy of the headline."""
    heads: dict[int, list[str]] = {}
    opening: dict[str, int] = {}  # how many lines' keys (or glued units) open with these chars
    for i, key in keys.items():
        for head in (key, units.get(i, "")):
            if len(head) >= MIN_ALT_KEY:
                heads.setdefault(i, []).append(head)
                opening[head[:MIN_ALT_KEY]] = opening.get(head[:MIN_ALT_KEY], 0) + 1
    order = list(keys)
    for position, i in enumerate(order):
        key = keys[i]
        if len(key) <= MIN_ALT_KEY or opening.get(key[:MIN_ALT_KEY], 0) < 2:
            continue
        for j in order[max(0, position - MAX_CAPTION_DISTANCE): position + MAX_CAPTION_DISTANCE + 1]:
            for head in heads.get(j, ()):
                if len(head) < len(key) and key.startswith(head) \
                        and len(key) - len(head) <= MAX_CAPTION_SHARE * len(head):
                    _add_captioned(lines[i], key, head, add, i)


def _add_captioned(
    line: str, key: str, head: str, add: Callable[[str, _Copy], None], i: int
) -> None:
    """Claim `line` as `head` glued to a caption of a few words without sentence punctuation."""
    for _start, end in _word_gaps_from_end(line, MAX_CAPTION_WORDS):
        if _SENTENCE_PUNCT.search(line, end):
            return
        rest = len(copy_key(line[end:]))
        if len(key) - rest <= len(head):
            if len(key) - rest == len(head):
                add(head, _Copy(i, i, Form.CAPTIONED))
            return


_STRONG = (Form.GLUED, Form.ESCAPED, Form.SUFFIXED, Form.CAPTIONED)


def _article_start(lines: list[str], keys: dict[int, str], nonblank_rank: list[int]) -> int:
    """The first prose line from which the article's bulk follows (line index; len(lines) if none).

    "Bulk" is at least ARTICLE_SHARE of the most prose any ARTICLE_WINDOW of non-blank lines holds,
    so a stray long line in the header's menus or teasers does not count as the article's start.
    """
    prose_lines = [(nonblank_rank[i], i, len(lines[i].strip())) for i in keys if _is_prose(lines[i])]
    if not prose_lines:
        return len(lines)
    ranks = nonblank_rank[-1] + 2
    prose_sum = [0] * (ranks + 1)
    for rank, _, chars in prose_lines:
        prose_sum[rank + 1] = chars
    for r in range(ranks):
        prose_sum[r + 1] += prose_sum[r]

    def window(rank: int) -> int:
        return prose_sum[min(rank + ARTICLE_WINDOW, ranks)] - prose_sum[rank]

    best = max(window(rank) for rank, _, _ in prose_lines)
    return next(i for rank, i, _ in prose_lines if window(rank) >= ARTICLE_SHARE * best)


def _headline_groups(
    lines: list[str], keys: dict[int, str], nonblank_rank: list[int]
) -> list[tuple[str, list[_Copy]]]:
    """The copies of each repeated headline, every line in at most one group."""
    claims = _collect_copies(lines, keys)
    if not claims:
        return []
    article_start = _article_start(lines, keys, nonblank_rank)
    candidates = []
    for key, copies in claims.items():
        candidates.append((key, sorted(copies.values(), key=lambda c: c.first)))
    candidates.sort(key=lambda kg: (-sum(c.count for c in kg[1]), kg[1][0].first))
    taken: set[int] = set()
    groups = []
    for key, group in candidates:
        free = []
        for c in group:  # sorted by first line; a wrapped copy may overlap the next copy
            if c.first not in taken and c.last not in taken and not (free and c.first <= free[-1].last):
                free.append(c)
        whole = [nonblank_rank[c.first] for c in free if c.form in _WHOLE_LINE]
        free = [
            c for c in free
            if c.form != Form.CAPTIONED
            or any(abs(nonblank_rank[c.first] - r) <= MAX_CAPTION_DISTANCE for r in whole)
        ]
        # Two wrapped copies alone are more often a menu repeated (header and footer) than a
        # headline: a wrapped copy only counts beside a copy on one line.
        if sum(c.count for c in free) < 2 or not whole or all(c.form == Form.WRAPPED for c in free):
            continue
        # Exact repeats alone could be a quotation repeated in the article: only a headline when
        # a copy comes before the article's first paragraph.
        if not any(c.form in _STRONG for c in free) and free[0].first >= article_start:
            continue
        groups.append((key, free))
        for c in free:
            taken.update((c.first, c.last))
    return groups


def _keeper(group: list[_Copy], nonblank_rank: list[int], prose_sum: list[int],
            next_prose: list[int]) -> _Copy:
    """The copy right above the article: much prose follows it, soon, and it is well formed."""
    total = len(prose_sum) - 1
    measures = []
    for copy in group:
        start = nonblank_rank[copy.last] + 1
        strength = prose_sum[min(start + ARTICLE_WINDOW, total)] - prose_sum[min(start, total)]
        gap = next_prose[min(start, total)] - start
        measures.append((copy, strength, gap))
    best = max(strength for _, strength, _ in measures)
    eligible = [(c, gap) for c, strength, gap in measures if strength >= ARTICLE_SHARE * best]
    return min(eligible, key=lambda m: (m[0].form not in _WELL_FORMED, m[1], -m[0].first))[0]


def dedupe_headlines(text: str) -> str:
    """Keep one copy of the headline: the well-formed copy right above the article.

    The headline is a line whose key repeats: exactly, glued to itself (`TT`), with a site name
    (`T - اليوم السابع`), a ticker label or list number (`عاجل: T`), HTML-escaped, glued to a photo
    caption, or hard-wrapped over two lines. Every other copy is removed; a kept `TT` is cut to
    `T`. Body lines are never touched unless they are a whole copy of a repeated headline.

    >>> dedupe_headlines("هدنة حلب تتمدد أسبوعاً - إرم نيوز\\nهدنة حلب تتمدد أسبوعاًهدنة حلب تتمدد أسبوعاً\\n\\n"
    ...                  "هدنة حلب تتمدد أسبوعاً\\n\\nاتفق الوزيران، أمس الخميس، على مواصلة المحادثات بشأن"
    ...                  " وقف إطلاق النار في مدينة حلب السورية لأسبوع آخر.\\n")
    'هدنة حلب تتمدد أسبوعاً\\n\\nاتفق الوزيران، أمس الخميس، على مواصلة المحادثات بشأن وقف إطلاق النار في مدينة حلب السورية لأسبوع آخر.\\n'
    """
    return _headline_line_form(text)[0]


def _headline_removals(lines: Lines, *, state: RunState | None = None, named: bool = False,
                       report: bool = True) -> tuple[Lines, list[tuple[int, str]]]:
    """`dedupe_headlines` on `lines`, and the (position in `lines`, reason) of each line it deleted.

    A glued copy cut back to one copy (`TT` -> `T`) is a change, not a deletion: not listed.
    `state`, `named` and `report` are accepted for the common signature (structure/fused.py).
    """
    # Removing copies brings lines closer, which can reveal a copy one round later (a caption
    # now next to the kept headline); a few rounds reach the fixed point, each round linear.
    given = lines
    removed: list[tuple[int, str]] = []  # (input line number, reason)
    for _ in range(MAX_ROUNDS):
        drop, replace = _plan_headlines(lines.bare, lines.copy_keys)
        if not drop and not replace:
            break
        kept = lines.kept([i not in drop for i in range(len(lines))], tidy="no_growth")
        removed.extend((lines.numbers[i], "headline_copy" if i in drop else "blank")
                       for i in sorted(set(range(len(lines))).difference(kept)))
        lines = lines.select(kept, replace=replace)
    return lines, positions_of(given, removed)


_headline_line_form = line_form(_headline_removals)

#: The pass on a `Lines` (structure/fused.py, see remove_chrome.on_lines) and on a `str`.
dedupe_headlines.on_lines = _headline_removals  # type: ignore[attr-defined]
#: Why a kept line it rewrote lost text: the glued copies it cut (`TT` -> `T`), for alignment.py.
dedupe_headlines.rewrite_reason = "headline_copy"  # type: ignore[attr-defined]
dedupe_headlines.line_form = _headline_line_form  # type: ignore[attr-defined]


def _plan_headlines(lines: list[str], all_keys: list[str] | None = None) -> tuple[set[int], dict[int, str]]:
    """Which lines dedupe_headlines removes, and the glued lines it cuts to one copy.

    `all_keys`, when the caller has them, are `copy_keys(lines)`.
    """
    if all_keys is None:
        all_keys = copy_keys(lines)
    keys = {i: key for i, key in enumerate(all_keys) if key and len(lines[i]) <= MAX_HEADLINE_LINE}
    drop: set[int] = set()
    replace: dict[int, str] = {}
    if not _may_have_copies(keys):  # most documents, once remove_chrome has run
        return drop, replace
    nonblank_rank: list[int] = []
    prose: list[int] = []  # prose chars of each non-blank line, by rank
    rank = 0
    for i, line in enumerate(lines):
        nonblank_rank.append(rank)
        if all_keys[i] or not is_blank(line):
            rank += 1
            prose.append(0)
    groups = _headline_groups(lines, keys, nonblank_rank)
    if not groups:
        return drop, replace
    copies = {i for _, group in groups for c in group for i in (c.first, c.last)}
    for i, line in enumerate(lines):
        if i not in copies and not is_blank(line) and _is_prose(line):
            prose[nonblank_rank[i]] = len(line.strip())
    prose_sum = [0]
    for chars in prose:
        prose_sum.append(prose_sum[-1] + chars)
    next_prose = [len(prose) + ARTICLE_WINDOW] * (len(prose) + 1)
    for r in range(len(prose) - 1, -1, -1):
        next_prose[r] = r if prose[r] else next_prose[r + 1]
    for key, group in groups:
        keeper = _keeper(group, nonblank_rank, prose_sum, next_prose)
        for c in group:
            if c is not keeper:
                drop.update(range(c.first, c.last + 1))
        if keeper.form == Form.GLUED:
            replace[keeper.first] = _first_copy(lines[keeper.first], key)
    return drop, replace
