"""HTML character references left in plain scraped text: ``&quot;`` ``&amp;`` ``&#1575;``.

Rules (each decided on the whole input, never line by line):

- Markup stays markup. If the text holds an HTML tag of a known element (``<p>``, ``</div>``,
  ``<br/>``, ``<a href=...>``), a comment ``<!--`` or a ``<!DOCTYPE``, it is HTML source and is
  returned unchanged: decoding ``&lt;`` there would forge tags; entities are the parser's job.
- Only complete references are decoded: a name that HTML5 defines followed by ``;``, or a
  decimal/hex numeric reference with ``;``. ``&copy`` without ``;`` and unknown names such as
  ``&region=2`` in a URL stay as they are (HTML5's legacy no-semicolon names would turn a URL's
  ``&not=1`` into ``¬=1``).
- Numeric references follow HTML5: ``&#0;``, surrogates and values past U+10FFFF become U+FFFD,
  ``&#128;``..``&#159;`` mean the windows-1252 character (``&#150;`` is an en dash).
- Double-escaped text is decoded to the end: ``&amp;quot;`` becomes ``"``. Scraped text that
  escapes twice is a pipeline bug far more often than prose about HTML. This is what makes the
  pass idempotent: the output holds no complete reference. It is done in one left-to-right scan
  (a reference is only completed by a ``;``), so the cost stays linear even for
  ``&amp;amp;amp;...``.
"""

from __future__ import annotations

import html
import re
from html.entities import html5

_HTML_ELEMENTS = (
    "a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|blockquote|body|br|button|canvas"
    "|caption|cite|code|col|colgroup|data|dd|del|details|dfn|dialog|div|dl|dt|em|embed|fieldset"
    "|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd"
    "|label|legend|li|link|main|mark|meta|meter|nav|noscript|object|ol|optgroup|option|output|p"
    "|param|picture|pre|progress|q|s|samp|script|section|select|small|source|span|strong|style"
    "|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track|u"
    "|ul|var|video|wbr"
)
# `[^<>]*` cannot run past the next '<', so the scan stays linear.
HTML_MARKUP = re.compile(
    rf"</?(?:{_HTML_ELEMENTS})(?=[\s/>])[^<>]*>|<!--|<!doctype\s", re.IGNORECASE
)
# A complete reference ending exactly at the end of the examined tail. The longest HTML5 name
# is 31 characters ('CounterClockwiseContourIntegral'), so a 40-character tail always holds it.
_TRAILING_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});\Z"
)
_TAIL = 40


def unescape_html(text: str) -> str:
    """Decode HTML character references in plain text; leave real HTML markup unchanged.

    >>> unescape_html("قال &quot;الوزير&quot; &amp; &#1575;&#x644;")
    'قال "الوزير" & ال'
    >>> unescape_html("<p>&quot;نص&quot;</p>")
    '<p>&quot;نص&quot;</p>'
    """
    if "&" not in text or ";" not in text or HTML_MARKUP.search(text):
        return text
    out: list[str] = []
    for index, segment in enumerate(text.split(";")):
        if index:
            out.append(";")
            _resolve_tail(out)
        out.append(segment)
    return "".join(out)


def _decode_reference(reference: str) -> str | None:
    if reference[1] == "#":
        return html.unescape(reference)  # HTML5 numeric rules (U+FFFD, windows-1252 for C1)
    return html5.get(reference[1:])  # keys carry the ';': 'amp;'


def _resolve_tail(out: list[str]) -> None:
    """Replace a reference completed by the ';' just appended; repeat while that yields ';'."""
    while True:
        tail = _tail(out)
        match = _TRAILING_REFERENCE.search(tail)
        if match is None:
            return
        decoded = _decode_reference(match.group())
        if decoded is None:
            return
        _drop_last(out, len(match.group()))
        out.append(decoded)
        if decoded != ";":
            return


def _tail(out: list[str]) -> str:
    """The last `_TAIL` characters of the output, or fewer: a reference starts at the last '&'
    (its body holds none), so the chunks back to the one holding that '&' are enough. (Going
    back the full 40 characters cost one step per chunk: 40 for every `&quot;` of a long run.)"""
    pieces: list[str] = []
    size = 0
    for chunk in reversed(out):
        pieces.append(chunk[-(_TAIL - size) :])
        size += len(pieces[-1])
        if size >= _TAIL or "&" in pieces[-1]:
            break
    return "".join(reversed(pieces))


def _drop_last(out: list[str], count: int) -> None:
    while count:
        chunk = out.pop()
        if len(chunk) > count:
            out.append(chunk[:-count])
            return
        count -= len(chunk)


def _unescape_html_aligned(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """`unescape_html` for the aligned path (arabic_clean/alignment.py): the same output, and
    each decoded reference as an edit ``(start, end, length)`` of the input, so a decoded
    character maps to its whole ``&...;`` (``&amp;quot;`` included).

    >>> _unescape_html_aligned("قال &quot;نعم&quot;")
    ('قال "نعم"', [(4, 10, 1), (13, 19, 1)])
    """
    if "&" not in text or ";" not in text or HTML_MARKUP.search(text):
        return text, []
    out: list[str] = []
    spans: list[tuple[int, int, bool]] = []  # each chunk's input span, and whether it was decoded
    position = 0
    for index, segment in enumerate(text.split(";")):
        if index:
            out.append(";")
            spans.append((position, position + 1, False))
            position += 1
            _resolve_tail_aligned(out, spans)
        out.append(segment)
        spans.append((position, position + len(segment), False))
        position += len(segment)
    edits = [(start, end, len(chunk)) for chunk, (start, end, decoded) in zip(out, spans) if decoded]
    return "".join(out), edits


def _resolve_tail_aligned(out: list[str], spans: list[tuple[int, int, bool]]) -> None:
    """`_resolve_tail`, carrying each chunk's input span."""
    while True:
        match = _TRAILING_REFERENCE.search(_tail(out))
        if match is None:
            return
        decoded = _decode_reference(match.group())
        if decoded is None:
            return
        start, end = _drop_last_aligned(out, spans, len(match.group()))
        out.append(decoded)
        spans.append((start, end, True))
        if decoded != ";":
            return


def _drop_last_aligned(out: list[str], spans: list[tuple[int, int, bool]], count: int) -> tuple[int, int]:
    """`_drop_last`, returning the input span of what it dropped."""
    end = start = spans[-1][1]
    while count:
        chunk = out.pop()
        chunk_start, chunk_end, decoded = spans.pop()
        if len(chunk) > count:
            out.append(chunk[:-count])
            if decoded:  # never met: a reference starts at an '&', and a decoded '&' is a chunk alone
                spans.append((chunk_start, chunk_end, True))
                return chunk_end, end
            spans.append((chunk_start, chunk_end - count, False))
            return chunk_end - count, end
        count -= len(chunk)
        start = chunk_start
    return start, end


#: The aligned path of a pipeline asks a pass for its twin through this attribute.
unescape_html.aligned = _unescape_html_aligned  # type: ignore[attr-defined]
