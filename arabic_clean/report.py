"""A before/after report a person can audit: one self-contained HTML file.

`arabic-clean report PATH... -o report.html` (see docs/report.md) runs a pipeline over txt or
JSONL documents and writes, per document, the original and the cleaned text side by side,
right to left: every deleted line struck through and coloured by the step and reason that
deleted it (`Pipeline.explain(text, lines=True)`'s `Deletion`s), lines that a character step
changed with the changed part marked (repaired mojibake and unescaped entities in their own
colours), and invisible characters shown by name. A summary table and two inline-SVG bar charts
give the counts per step and per reason over every document read, while only the first
`max_docs` documents are drawn, so the file grows with the documents shown, not the run.

The page fetches nothing (a Content-Security-Policy of ``default-src 'none'``), has no script,
and its CSS is inline.

>>> from arabic_clean import Pipeline
>>> trace = trace_document("page", "العنوان\\nرويترز\\n\\n\\nقال الوزير\\u00a0إن العمل مستمر.\\n",
...                        Pipeline.from_names(["normalize_whitespace", "strip_bylines"]))
>>> [(line.step, line.reason) for line in trace.lines]
[(None, None), ('strip_bylines', 'byline'), (None, None), ('normalize_whitespace', 'blank'), (None, None)]
>>> trace.lines[4].cleaned, trace.lines[4].changed_by
('قال الوزير إن العمل مستمر.', ['normalize_whitespace'])
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import regex

from . import __version__
from .pipeline import Pipeline

__all__ = ["DocumentTrace", "LineTrace", "ReportInputError", "Totals", "read_documents",
           "render_report", "trace_document", "write_report"]

#: Reason given to a line whose deletion no step explained (a character step that changed the
#: number of lines without reporting why, e.g. a custom pass).
UNKNOWN = "unknown"
#: Blank lines that a character step (normalize_whitespace) merged or trimmed.
BLANK = "blank"

#: Steps whose changes are highlighted in their own colour inside a kept line.
HIGHLIGHTED = {"fix_mojibake": "mojibake", "unescape_html": "entity"}


class ReportInputError(ValueError):
    """An input that cannot be read: the message names the file and the line."""


@dataclass
class LineTrace:
    """One line of the original document and what became of it."""

    text: str                      # the original line, without its line break
    cleaned: str | None = None     # what it became ("\n" joins a line that was split); None: deleted
    step: str | None = None        # the step that deleted it
    reason: str | None = None      # why (a name of arabic_clean.structure.REASONS, blank, unknown)
    # steps that changed its text; "step (reason)" when a step deleted a piece of it
    changed_by: list[str] = field(default_factory=list)


@dataclass
class DocumentTrace:
    """A document run step by step: its lines, the steps that changed it, their counts."""

    name: str
    lines: list[LineTrace]
    steps: list[str]                            # specs of the steps that changed the text
    details: list[str]                          # what steps said of their work (mojibake kind)
    removed: Counter = field(default_factory=Counter)   # (step, reason) -> lines
    characters_in: int = 0
    characters_out: int = 0


# Spacing, format characters (bidi marks, zero-width) and controls: what a line may lose to a
# character step without becoming another line; a line of nothing else is blank.
_SPACING = regex.compile(r"[\s\p{Cf}\p{Cc}]+")


def _key(line: str) -> str:
    """A line compared across a character step: without spacing, invisible characters or
    controls."""
    key = "".join(line.split())
    return key if key.isprintable() else _SPACING.sub("", key)


def _align(before: list[str], after: list[str]) -> list[list[int]]:
    """For each line of `before`, the lines of `after` it became ([] when it went).

    Character steps keep lines in order; normalize_whitespace drops blank lines and turns
    U+2028 and the like into line breaks. Lines are compared without spacing; a run of blank
    lines that disappeared is matched greedily, anything else by difflib.
    """
    out: list[list[int]] = [[] for _ in before]
    i = j = 0
    while i < len(before) and j < len(after):
        a, b = before[i], after[j]
        if a != b:
            a, b = _key(a), _key(b)
        if a == b:
            out[i].append(j)
            i, j = i + 1, j + 1
        elif not a:
            i += 1           # a blank line that went
        elif not b:
            j += 1           # a blank line that came (attached to nothing)
        else:
            break
    if i < len(before) and j < len(after):
        keys_a = [_key(x) for x in before[i:]]
        keys_b = [_key(x) for x in after[j:]]
        matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal" or tag == "replace":
                pairs = min(a1 - a0, b1 - b0)
                for k in range(pairs):
                    out[i + a0 + k].append(j + b0 + k)
                if b1 - b0 > pairs and pairs:  # one line became several: keep them together
                    out[i + a0 + pairs - 1].extend(range(j + b0 + pairs, j + b1))
            elif tag == "insert" and a0 > 0:
                out[i + a0 - 1].extend(range(j + b0, j + b1))
    return out


def _lines(text: str) -> list[str]:
    """The lines of `text` without their breaks, split where `split_lines` splits (CRLF, LF, CR),
    so line numbers agree with `Deletion.line`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()
    return lines


def trace_document(name: str, text: str, pipeline: Pipeline) -> DocumentTrace:
    """Run `pipeline` on `text` one step at a time and follow every original line.

    The steps run as the pipeline runs them (``Pipeline.trace``: a fused group of structure
    passes to its fixed point): a structure step names the lines it deleted and why (its
    `Deletion`s); for a character step the lines before and after are matched (`_align`), and
    a line that vanished is ``blank`` (or ``unknown`` when it had text).
    """
    original = _lines(text)
    lines = [LineTrace(line) for line in original]
    origin: list[int] = list(range(len(original)))   # current line -> original line
    current = original
    steps: list[str] = []
    details: list[str] = []
    removed: Counter = Counter()
    # (step, reason) of each deleted piece, by original line: a line that a step split in two
    # can lose one piece and keep the other.
    fates: dict[int, list[tuple[str, str]]] = {}

    def delete(i: int, step: str, reason: str) -> None:
        removed[step, reason] += 1
        fates.setdefault(origin[i], []).append((step, reason))

    for run in pipeline.trace(text):
        if run.after == run.before:
            continue
        step = pipeline.steps[run.position]
        if step.spec not in steps:
            steps.append(step.spec)
            details.extend(step.details(run.before))
        after = _lines(run.after)
        gone = {d.line: d for d in run.deletions}
        for i, deletion in gone.items():
            delete(i, deletion.step, deletion.reason)
        kept = [i for i in range(len(current)) if i not in gone] if gone else None
        if kept is None and len(current) == len(after):       # lines rewritten in place
            new_origin: list[int | None] = list(origin)
            changed = [i for i, (was, now) in enumerate(zip(current, after)) if was != now]
            mapping = {}
        elif kept is not None and len(kept) == len(after):    # lines deleted, the rest kept
            new_origin = [origin[i] for i in kept]
            changed = [kept[n] for n, now in enumerate(after) if current[kept[n]] != now]
            mapping = {}
        else:                                                 # both, or lines split: match them
            rest = kept if kept is not None else list(range(len(current)))
            matched = _align([current[i] for i in rest], after)
            mapping = {i: matched[n] for n, i in enumerate(rest)}
            new_origin = [None] * len(after)
            changed = []
        for i in changed:
            if step.spec not in lines[origin[i]].changed_by:
                lines[origin[i]].changed_by.append(step.spec)
        for i, targets in mapping.items():
            if not targets:
                delete(i, step.spec, BLANK if not _key(current[i]) else UNKNOWN)
                continue
            became = "\n".join(after[n] for n in targets)
            if became != current[i] and step.spec not in lines[origin[i]].changed_by:
                lines[origin[i]].changed_by.append(step.spec)
            for n in targets:
                new_origin[n] = origin[i]
        # A line the step made out of nothing (a blank line it added) goes with the line before.
        if None in new_origin:
            previous = next((o for o in new_origin if o is not None), 0)
            for n, o in enumerate(new_origin):
                new_origin[n] = previous = o if o is not None else previous
        origin, current, text = new_origin, after, run.after
    survivors: dict[int, list[str]] = {}
    for n, line in enumerate(current):
        survivors.setdefault(origin[n], []).append(line)
    for index, line in enumerate(lines):
        fate = fates.get(index, [])
        if index in survivors:
            line.cleaned = "\n".join(survivors[index])
            line.changed_by.extend(f"{step} ({reason})" for step, reason in fate)
        elif fate:
            line.step, line.reason = fate[0]
        else:   # lost without a report (a bug of the tracing): say so rather than hide it
            line.step, line.reason = "?", UNKNOWN
            removed["?", UNKNOWN] += 1
    return DocumentTrace(name, lines, steps, details, removed,
                         sum(len(x) for x in original), len(text))


# --- reading inputs ---------------------------------------------------------------------------

def _open(path: Path, compression: str | None):  # noqa: ANN202 - a binary stream
    if compression == "gzip":
        return gzip.open(path, "rb")
    if compression == "zstd":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)
    return open(path, "rb")


def read_documents(path: Path, *, name: str, fmt: str, compression: str | None = None,
                   fields: Sequence[tuple[str, ...]] = (("text",),),
                   encoding: str = "auto") -> Iterator[tuple[str, str]]:
    """(name, text) of each document in a txt or JSONL file; JSONL gives one per record and
    field, named ``FILE:LINE`` (with the record's ``id`` when it has one)."""
    from .encoding import EncodingError, decode_bytes

    if fmt == "txt":
        with _open(path, compression) as stream:
            data = stream.read()
        try:
            yield name, decode_bytes(data, encoding=encoding)
        except EncodingError as error:
            raise ReportInputError(f"{name}: {error}") from None
        return
    if fmt != "jsonl":
        raise ReportInputError(f"{name}: the report reads txt and JSONL, not {fmt}")
    codec = "utf-8" if encoding == "auto" else encoding
    with _open(path, compression) as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode(codec))
            except (UnicodeDecodeError, ValueError) as error:
                raise ReportInputError(f"{name}:{number}: not a JSON line ({error})") from None
            if not isinstance(record, dict):
                raise ReportInputError(f"{name}:{number}: the record is not a JSON object")
            label = f"{name}:{number}"
            if isinstance(record.get("id"), (str, int)):
                label += f" ({record['id']})"
            for path_ in fields:
                value = record
                for part in path_:
                    if not isinstance(value, dict) or part not in value:
                        raise ReportInputError(f"{name}:{number}: no field {'.'.join(path_)!r}")
                    value = value[part]
                if not isinstance(value, str):
                    raise ReportInputError(f"{name}:{number}: field {'.'.join(path_)!r} is "
                                           f"{type(value).__name__}, not a string")
                yield (label if len(fields) == 1 else f"{label} {'.'.join(path_)}"), value


# --- rendering --------------------------------------------------------------------------------

# Characters nobody can see, shown by name: controls, bidi marks, zero-width and odd spaces.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u180e\u2000-\u200f"
                        "\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _invisible(match: re.Match[str]) -> str:
    char = match.group()
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "control character")
    return f'<span class="inv" title="{code} {name}">{code}</span>'


def _show(text: str) -> str:
    """Escaped text with invisible characters made visible."""
    return _INVISIBLE.sub(_invisible, html.escape(text, quote=False))


def _marked(text: str, start: int, end: int, kind: str) -> str:
    if start >= end:
        return _show(text)
    return (_show(text[:start]) + f'<mark class="{kind}">' + _show(text[start:end]) + "</mark>"
            + _show(text[end:]))


def _with_entities(text: str) -> str:
    """Escaped text with each HTML entity reference marked."""
    out, last = [], 0
    for match in _ENTITY.finditer(text):
        out.append(_show(text[last:match.start()]))
        out.append(f'<mark class="entity">{_show(match.group())}</mark>')
        last = match.end()
    out.append(_show(text[last:]))
    return "".join(out)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving: slices compare in C, a loop per character
    in Python costs more on paragraph-long lines."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _changed_span(a: str, b: str) -> tuple[int, int, int]:
    """Common prefix and suffix of two strings: a[p:end_a] became b[p:end_b].

    >>> _changed_span("قال &quot;نعم&quot; اليوم", 'قال "نعم" اليوم')
    (4, 19, 9)
    """
    p = _common_prefix(a, b)
    s = _common_prefix(a[p:][::-1], b[p:][::-1])
    return p, len(a) - s, len(b) - s


def _reason_class(reason: str) -> str:
    return "r-" + re.sub(r"[^a-z0-9_]", "_", reason.lower())


def _palette(reasons: Iterable[str]) -> dict[str, str]:
    """A hue per reason: evenly spaced around the colour wheel, and neighbours in the list (the
    reasons of one pass) far apart on it."""
    names = list(dict.fromkeys(reasons))
    count = len(names) + (len(names) % 2 == 0)   # odd, so the stride 7 visits every slot ...
    while count % 7 == 0:                        # ... and coprime with 7
        count += 2
    return {name: f"{round(i * 7 % count * 360 / count)}" for i, name in enumerate(names)}


def _all_reasons() -> list[str]:
    from .structure import REASONS

    return [*REASONS, BLANK, UNKNOWN]


_CSS = """
:root { --line: #d0d7de; --muted: #57606a; }
body { font: 15px/1.6 system-ui, "Noto Sans Arabic", "DejaVu Sans", sans-serif; margin: 0;
  color: #1f2328; background: #fff; }
header, section.summary, nav { padding: 0 24px; }
h1 { font-size: 22px; margin: 16px 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; }
.muted { color: var(--muted); }
table.counts { border-collapse: collapse; margin: 8px 0 16px; }
table.counts th, table.counts td { border: 1px solid var(--line); padding: 2px 10px;
  text-align: left; }
table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { display: inline-block; margin: 2px 6px 2px 0; padding: 0 6px;
  border-radius: 3px; }
section.doc { border-top: 3px solid var(--line); margin-top: 24px; padding: 0 24px 16px; }
section.doc h2 { direction: ltr; text-align: left; unicode-bidi: isolate; }
table.sbs { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.sbs th { background: #f6f8fa; border: 1px solid var(--line); padding: 2px 8px; }
table.sbs td { border: 1px solid var(--line); padding: 1px 8px; vertical-align: top;
  white-space: pre-wrap; overflow-wrap: anywhere; }
table.sbs td.n { width: 3.5em; color: var(--muted); text-align: center; direction: ltr;
  font-size: 12px; }
table.sbs td.text { direction: rtl; text-align: right; unicode-bidi: plaintext; }
tr.del td.orig del { text-decoration: line-through; text-decoration-thickness: 2px; }
tr.del td.clean { background: repeating-linear-gradient(45deg, #fff, #fff 6px, #f3f4f6 6px,
  #f3f4f6 12px); }
.why { display: inline-block; direction: ltr; unicode-bidi: isolate; font-size: 12px;
  margin-inline-start: 8px; padding: 0 6px; border-radius: 3px; color: #fff;
  text-decoration: none; white-space: nowrap; }
mark { padding: 0 1px; border-radius: 2px; }
mark.mojibake { background: #ffd8b5; outline: 1px solid #e16f24; }
mark.entity { background: #c8f0d8; outline: 1px solid #1a7f37; }
mark.char { background: #fff1a8; }
tr.chg td.n::after { content: " ✎"; }
.inv { font: 10px/1 monospace; color: #8250df; border: 1px solid #c297ff; border-radius: 2px;
  padding: 0 2px; margin: 0 1px; direction: ltr; unicode-bidi: isolate; }
svg text { font: 12px system-ui, sans-serif; }
"""


def _reason_css(palette: dict[str, str]) -> str:
    rules = []
    for reason, hue in palette.items():
        cls = _reason_class(reason)
        rules.append(f"tr.{cls} td.orig {{ background: hsl({hue} 80% 95%); "
                     f"box-shadow: inset -4px 0 hsl({hue} 60% 45%); }}\n"
                     f".why.{cls}, .legend .{cls} {{ background: hsl({hue} 60% 38%); "
                     f"color: #fff; }}\n")
    return "".join(rules)


def _bar_chart(title: str, rows: list[tuple[str, int]], palette: dict[str, str],
               hue_of=None) -> str:  # noqa: ANN001 - a function of a row label
    """A horizontal bar chart as inline SVG: one bar per row, labels left, counts right."""
    if not rows:
        return f'<p class="muted">{html.escape(title)}: nothing</p>'
    top = max(count for _, count in rows) or 1
    bar_height, label_width, bar_width = 18, 300, 420
    height = bar_height * len(rows) + 28
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + bar_width + 80}" '
             f'height="{height}" aria-label="{html.escape(title)}">',
             f'<text x="0" y="14" font-weight="bold">{html.escape(title)}</text>']
    for n, (label, count) in enumerate(rows):
        y = 24 + n * bar_height
        width = max(1, round(bar_width * count / top))
        hue = hue_of(label) if hue_of else "210"
        parts.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">'
                     f'{html.escape(label)}</text>'
                     f'<rect x="{label_width}" y="{y + 2}" width="{width}" height="{bar_height - 4}" '
                     f'fill="hsl({hue} 60% 45%)"><title>{html.escape(label)}: {count}</title></rect>'
                     f'<text x="{label_width + width + 6}" y="{y + 13}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass
class Totals:
    """Counts over every document read, shown or not."""

    documents: int = 0
    documents_changed: int = 0
    lines_in: int = 0
    lines_out: int = 0
    characters_in: int = 0
    characters_out: int = 0
    step_documents: Counter = field(default_factory=Counter)   # step -> documents changed
    removed: Counter = field(default_factory=Counter)          # (step, reason) -> lines

    def add(self, trace: DocumentTrace) -> None:
        self.documents += 1
        self.documents_changed += bool(trace.steps)
        self.lines_in += len(trace.lines)
        self.lines_out += sum(1 for line in trace.lines if line.cleaned is not None)
        self.characters_in += trace.characters_in
        self.characters_out += trace.characters_out
        self.step_documents.update(set(trace.steps))
        self.removed.update(trace.removed)


def _summary(totals: Totals, shown: int, pipeline: Pipeline, palette: dict[str, str]) -> str:
    removed = sum(totals.removed.values())
    out = ['<section class="summary"><h2 id="summary">Summary</h2>',
           '<table class="counts"><tbody>']
    for label, value in [
        ("documents read", totals.documents), ("documents shown below", shown),
        ("documents changed", totals.documents_changed), ("lines in", totals.lines_in),
        ("lines kept", totals.lines_out), ("lines removed", removed),
        ("characters in", totals.characters_in), ("characters out", totals.characters_out),
    ]:
        out.append(f'<tr><th>{label}</th><td class="n">{value:,}</td></tr>')
    out.append("</tbody></table>")
    out.append("<p>Pipeline: " + " → ".join(f"<code>{html.escape(n)}</code>"
                                              for n in pipeline.names) + "</p>")
    by_step: Counter = Counter()
    for (step, _), count in totals.removed.items():
        by_step[step] += count
    out.append('<h3>Per step</h3><table class="counts"><thead><tr><th>step</th>'
               '<th>documents changed</th><th>lines removed</th></tr></thead><tbody>')
    for spec in dict.fromkeys(pipeline.names):
        out.append(f'<tr><td><code>{html.escape(spec)}</code></td>'
                   f'<td class="n">{totals.step_documents.get(spec, 0):,}</td>'
                   f'<td class="n">{by_step.get(spec, 0):,}</td></tr>')
    out.append("</tbody></table>")
    out.append('<h3>Per reason</h3><table class="counts"><thead><tr><th>step</th><th>reason</th>'
               '<th>lines removed</th></tr></thead><tbody>')
    reason_rows = sorted(totals.removed.items(), key=lambda item: (-item[1], item[0]))
    for (step, reason), count in reason_rows:
        cls = _reason_class(reason)
        out.append(f'<tr><td><code>{html.escape(step)}</code></td><td><span class="why {cls}">'
                   f'{html.escape(reason)}</span></td><td class="n">{count:,}</td></tr>')
    out.append("</tbody></table>")
    out.append(_bar_chart("documents changed per step",
                          [(s, totals.step_documents.get(s, 0))
                           for s in dict.fromkeys(pipeline.names)], palette))
    out.append(_bar_chart("lines removed per step and reason",
                          [(f"{step} · {reason}", count) for (step, reason), count in reason_rows],
                          palette, hue_of=lambda label: palette.get(label.rsplit(" · ", 1)[-1],
                                                                   "0")))
    out.append('<p class="legend">Colours: ' + "".join(
        f'<span class="{_reason_class(r)}">{html.escape(r)}</span>' for r in palette) + "</p>")
    out.append('<p class="legend">Inside kept lines: <mark class="mojibake">repaired mojibake'
               '</mark> <mark class="entity">unescaped entity</mark> <mark class="char">other '
               'character change</mark> <span class="inv">U+200F</span> an invisible '
               "character</p></section>")
    return "".join(out)


def _document(trace: DocumentTrace, number: int) -> str:
    removed = sum(trace.removed.values())
    out = [f'<section class="doc" id="doc-{number}"><h2>{number}. {html.escape(trace.name)}</h2>',
           f'<p class="muted">{len(trace.lines):,} lines, {removed:,} removed; changed by: '
           + (", ".join(f"<code>{html.escape(s)}</code>" for s in trace.steps) or "nothing")
           + "".join(f"; {html.escape(d)}" for d in trace.details) + "</p>",
           '<table class="sbs" dir="rtl" lang="ar"><colgroup><col style="width:3.5em"><col><col>'
           '</colgroup><thead><tr><th>#</th><th>الأصل (original)</th><th>بعد التنظيف (cleaned)'
           "</th></tr></thead><tbody>"]
    for index, line in enumerate(trace.lines, start=1):
        if line.cleaned is None:
            cls = _reason_class(line.reason or UNKNOWN)
            why = f"{line.step} · {line.reason}"
            out.append(f'<tr class="del {cls}" data-step="{html.escape(line.step or "")}" '
                       f'data-reason="{html.escape(line.reason or "")}"><td class="n">{index}</td>'
                       f'<td class="text orig"><del>{_show(line.text)}</del>'
                       f'<span class="why {cls}">{html.escape(why)}</span></td>'
                       '<td class="text clean"></td></tr>')
        elif line.changed_by:
            kind = next((HIGHLIGHTED[s] for s in line.changed_by if s in HIGHLIGHTED), "char")
            start, end_a, end_b = _changed_span(line.text, line.cleaned)
            shown = _with_entities(line.text) if kind == "entity" \
                else _marked(line.text, start, end_a, kind)
            steps = html.escape(", ".join(line.changed_by))
            out.append(f'<tr class="chg {kind}" title="{steps}"><td class="n">{index}</td>'
                       f'<td class="text orig">{shown}</td>'
                       f'<td class="text clean">{_marked(line.cleaned, start, end_b, kind)}'
                       "</td></tr>")
        else:
            text = _show(line.text)
            out.append(f'<tr><td class="n">{index}</td><td class="text orig">{text}</td>'
                       f'<td class="text clean">{text}</td></tr>')
    out.append("</tbody></table></section>")
    return "".join(out)


def render_report(traces: Iterable[DocumentTrace], pipeline: Pipeline, *, max_docs: int,
                  title: str = "arabic-clean report") -> str:
    """The whole page: summary over every trace, the first `max_docs` drawn side by side."""
    totals = Totals()
    drawn: list[str] = []
    for trace in traces:
        totals.add(trace)
        if len(drawn) < max_docs:
            drawn.append(_document(trace, len(drawn) + 1))
    palette = _palette(_all_reasons() + [r for _, r in totals.removed])
    more = totals.documents - len(drawn)
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title><style>{_CSS}{_reason_css(palette)}</style>",
        "</head><body><header>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="muted">arabic-clean {__version__}. Each document: the original on the right, '
        "the cleaned text on the left; a struck-through line was deleted, and its badge names "
        "the step and the reason.</p></header>",
        _summary(totals, len(drawn), pipeline, palette),
        *drawn,
        f'<p class="muted" style="padding:0 24px">{more:,} more documents are counted in the '
        "summary and not drawn (--max-docs).</p>" if more > 0 else "",
        "</body></html>\n",
    ])


def write_report(path: str | Path, documents: Iterable[tuple[str, str]], pipeline: Pipeline, *,
                 max_docs: int = 100) -> None:
    """Trace every (name, text) and write the report to `path` atomically."""
    page = render_report((trace_document(name, text, pipeline) for name, text in documents),
                         pipeline, max_docs=max_docs)
    from .batch.writer import AtomicWriter

    writer = AtomicWriter(Path(path))
    try:
        # A lone surrogate (a JSON `\ud800` escape) is shown as that escape: UTF-8 has no code for it.
        writer.write(page.encode("utf-8", "backslashreplace"))
    except BaseException:
        writer.abort()
        raise
    writer.commit()


def run_report(settings, sources, *, max_docs: int) -> int:  # noqa: ANN001 - cli's types
    """The ``report`` subcommand: `settings` and `sources` as the CLI parsed them."""
    import sys

    if not settings.output or settings.output == "-":
        print("arabic-clean: error: report needs -o FILE.html", file=sys.stderr)
        return 2
    if max_docs < 0:
        print("arabic-clean: error: --max-docs must be 0 or more", file=sys.stderr)
        return 2
    job = settings.job

    def documents() -> Iterator[tuple[str, str]]:
        for source in sources:
            if source.path is None:
                raise ReportInputError("the report reads files, not stdin")
            yield from read_documents(source.path, name=source.name, fmt=source.fmt,
                                      compression=source.compression, fields=job.fields,
                                      encoding=job.encoding)

    try:
        write_report(settings.output, documents(), job.pipeline, max_docs=max_docs)
    except (ReportInputError, OSError) as error:
        print(f"arabic-clean: error: {error} (no report written)", file=sys.stderr)
        return 2
    if not settings.quiet:
        print(f"report: {settings.output}", file=sys.stderr)
    return 0
