"""Corpus formats for the command line: bytes in, cleaned bytes out, nothing else touched.

Each format works on a *chunk*: whole records as bytes (a whole file for ``txt``; runs of
complete lines for JSONL; runs of complete records for CSV/TSV).  A chunk is cleaned by
`process_chunk`, a pure function of the chunk and a picklable `Job`, so the CLI can run
chunks in worker processes and write the results back in order.

What "only the chosen field changes" means here:

- JSONL: a line whose fields come out unchanged is written back verbatim; in a changed line
  only the JSON string value of the field is replaced (its span is found with the stdlib
  JSON scanner), so keys, spacing, number spellings and escapes elsewhere stay byte-identical.
- CSV/TSV: the same, per record: only the field's span is rewritten, quoted when it was
  quoted or when the new value needs quotes.

Text output is always UTF-8.  A txt file keeps its line-ending style (CRLF or LF) and whether
it ends with a newline (`lay_out`), unless ``Job.line_endings`` asks for LF or CRLF.

Reading: a file (or record) that is valid UTF-8 is read as UTF-8 whatever ``encoding`` names,
so running a fix on its own output changes nothing; ``"cp1256!"`` forces the codec, and a
forced reading that would turn valid UTF-8 into mojibake is refused (`decode_text`).

Errors in the input are `InputError` with the line (or byte offset) they were found at;
the caller adds the file name.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from json.decoder import scanstring
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pipeline (and every pass) is imported by whoever builds a Job
    from .pipeline import Pipeline

__all__ = [
    "COMPRESSIONS",
    "EXTENSIONS",
    "FORMATS",
    "ChunkResult",
    "LINE_ENDINGS",
    "InputError",
    "Job",
    "Stats",
    "decode_text",
    "detect_format",
    "lay_out",
    "split_encoding",
    "parse_field",
    "process_chunk",
    "unified_diff",
]

#: Formats the CLI reads and writes.
FORMATS = ("txt", "jsonl", "csv", "tsv", "parquet")

#: Extension -> format. ``.md`` is text: the pre-commit hook passes Markdown files.
EXTENSIONS = {
    ".txt": "txt",
    ".md": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
}

#: Extension -> compression codec (gzip is in the stdlib, zstd needs the `zstandard` package).
COMPRESSIONS = {".gz": "gzip", ".zst": "zstd"}

#: ``--line-endings``: keep each file's style, or write LF or CRLF.
LINE_ENDINGS = ("keep", "lf", "crlf")

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class InputError(ValueError):
    """The input cannot be read as the format says: names the line or byte where it failed."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def where(self, name: str) -> str:
        return f"{name}:{self.line}: {self.message}" if self.line else f"{name}: {self.message}"


def detect_format(name: str, *, default: str = "txt") -> tuple[str, str | None]:
    """(format, compression) from a file name; unknown extensions are `default`.

    >>> detect_format("news/2024.jsonl.gz")
    ('jsonl', 'gzip')
    >>> detect_format("مقال.txt")
    ('txt', None)
    """
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    compression = COMPRESSIONS.get(suffixes[-1]) if suffixes else None
    if compression:
        suffixes = suffixes[:-1]
    fmt = EXTENSIONS.get(suffixes[-1], default) if suffixes else default
    return fmt, compression


def parse_field(spec: str) -> tuple[str, ...]:
    """A dotted field path: ``"meta.body"`` -> ``("meta", "body")``.

    >>> parse_field("meta.body")
    ('meta', 'body')
    """
    parts = tuple(spec.split("."))
    if not all(parts):
        raise ValueError(f"field {spec!r} has an empty part")
    return parts


# --- decoding -------------------------------------------------------------------------------

def split_encoding(spec: str) -> tuple[str, bool]:
    """``"cp1256!"`` -> ``("cp1256", True)``: a trailing ``!`` forces the codec on valid UTF-8.

    >>> split_encoding("cp1256!"), split_encoding("auto")
    (('cp1256', True), ('auto', False))
    """
    forced = spec.endswith("!")
    return (spec[:-1] if forced else spec) or "auto", forced


def _is_utf8(codec: str) -> bool:
    try:
        return codec in ("auto", "detect") or codecs.lookup(codec).name == "utf-8"
    except LookupError:
        raise InputError(f"unknown encoding {codec!r}") from None


def _strict_decode(data: bytes, encoding: str) -> str:
    """Decode a record without guessing: UTF-8 when the bytes are valid UTF-8 (unless the codec
    is forced with ``!``), else the named codec (``auto`` = UTF-8).  The error names the byte
    offset of the first bad byte."""
    codec, forced = split_encoding(encoding)
    if _is_utf8(codec):
        codec = "utf-8"
    skip = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) and (codec == "utf-8" or not forced) \
        else 0
    if codec != "utf-8" and not forced:
        try:
            return data[skip:].decode("utf-8")
        except UnicodeDecodeError:
            skip = 0
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as error:
        offset = error.start + skip
        bad = data[offset:offset + 4].hex(" ")
        raise InputError(
            f"byte {offset}: cannot decode as {codec} ({error.reason}; bytes {bad})"
        ) from None
    if forced and codec != "utf-8":
        _refuse_mojibake(data, text, codec)
    return text


# Characters whose UTF-8 bytes, read with a legacy code page, are the mojibake users see: Arabic
# letters ('ج' -> 'ط¬'), Latin-1 letters and signs ('«' -> 'آ«'), typographic punctuation
# ('”' -> 'â€'), presentation forms.  A legacy file whose bytes happen to be valid UTF-8 reads
# as other scripts ('ا؟' in windows-1256 is the bytes of 'ǿ'): forcing the codec is left to it.
_MOJIBAKE_SOURCE = re.compile(
    "[\u00a0-\u017f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u2000-\u206f\u20a0-\u20cf"
    "\ufb50-\ufdff\ufe70-\ufeff]"
)


def _refuse_mojibake(data: bytes, text: str, codec: str) -> None:
    """A forced legacy reading of valid UTF-8 Arabic or punctuation is mojibake: refuse it."""
    body = data[len(_UTF8_BOM):] if data.startswith(_UTF8_BOM) else data
    try:
        as_utf8 = body.decode("utf-8")
    except UnicodeDecodeError:
        return  # not UTF-8: the forced codec is the only reading
    found = _MOJIBAKE_SOURCE.search(as_utf8)
    if found is None or as_utf8 == text:
        return
    before = as_utf8[:found.start()]
    offset = len(data) - len(body) + len(before.encode("utf-8"))
    shown = text[len(before):len(before) + 3]
    raise InputError(
        f"byte {offset}: the file is valid UTF-8 ({found.group()!r}); reading it as {codec} "
        f"would turn it into mojibake ({shown!r}); drop the '!' from the encoding",
        line=before.count("\n") + 1,
    )


def _library_decoder() -> Callable[..., str] | None:
    """`arabic_clean.encoding.decode_bytes` once it exists; until then None (strict UTF-8)."""
    try:
        from arabic_clean.encoding import decode_bytes  # type: ignore[attr-defined]
    except ImportError:
        return None
    return decode_bytes


def decode_text(data: bytes, *, encoding: str = "auto") -> str:
    """Bytes of a text document -> str, or `InputError` naming the byte offset (and line) of
    the first byte that cannot be decoded.

    ``auto``: BOM, UTF-8, then windows-1256 Arabic (`arabic_clean.encoding.decode_bytes`).  A
    named codec (``cp1256``) is used only when the bytes are not valid UTF-8, so a file this
    tool already rewrote as UTF-8 is read back as UTF-8.  ``cp1256!`` forces the codec, and is
    refused when that would read valid UTF-8 Arabic or punctuation as mojibake.

    >>> data = "جديد «2»".encode()
    >>> decode_text(data, encoding="cp1256")
    'جديد «2»'
    >>> decode_text(data, encoding="cp1256!")
    Traceback (most recent call last):
    ...
    arabic_clean.formats.InputError: byte 0: the file is valid UTF-8 ('ج'); reading it as cp1256 would turn it into mojibake ('ط¬ط'); drop the '!' from the encoding
    """
    decode_bytes = _library_decoder()
    if decode_bytes is None:
        return _strict_decode(data, encoding)
    codec, forced = split_encoding(encoding)
    if not forced and codec not in ("auto", "detect"):
        if data.startswith(_BOMS):
            codec = "auto"  # a byte order mark says what the file is
        else:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
    try:
        text = decode_bytes(data, encoding=codec)
    except ValueError as error:  # arabic_clean.encoding.EncodingError is a ValueError
        raise InputError(str(error)) from None
    if forced and not _is_utf8(codec):
        _refuse_mojibake(data, text, codec)
    return text


# --- line endings -----------------------------------------------------------------------------

def lay_out(original: str, cleaned: str, *, line_endings: str = "keep") -> str:
    """`cleaned` with the line endings and the final-newline state of `original`.

    ``keep``: CRLF when most of the original's line breaks are CRLF, else the cleaned text's
    own; ``lf`` and ``crlf`` write that.  A file that ended with a newline still does (unless
    nothing is left); one that did not, still does not.  Passes see the text as decoded, and
    the library's `clean()` writes LF: this puts each file back the way it was laid out.

    >>> lay_out("سطر\\r\\nآخر", "سطر\\nآخر\\n")
    'سطر\\r\\nآخر'
    >>> lay_out("سطر\\r\\nآخر\\r\\n", "سطر\\nآخر", line_endings="lf")
    'سطر\\nآخر\\n'
    >>> lay_out("آخر\\r\\n\\x00", "آخر")
    'آخر\\r\\n'
    """
    if line_endings not in LINE_ENDINGS:
        raise ValueError(f"line_endings {line_endings!r}: choose from {', '.join(LINE_ENDINGS)}")
    crlf = original.count("\r\n")
    style = line_endings
    if style == "keep":
        style = "crlf" if crlf > original.count("\n") - crlf else "keep"
    text = cleaned.replace("\r\n", "\n") if style != "keep" else cleaned
    # NUL and Ctrl-Z padding after the last line (old DOS and export tools) is not the end
    # of the text: 'last line\r\n\x00' ended with a newline.
    if original.rstrip("\x00\x1a").endswith("\n"):
        if text and not text.endswith("\n"):
            text += "\n"
    else:
        text = text.rstrip("\r\n")
    return text.replace("\n", "\r\n") if style == "crlf" else text


# --- the job and its results ------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """What to do with every chunk: picklable, sent once to each worker process."""

    pipeline: Pipeline
    fields: tuple[tuple[str, ...], ...] = (("text",),)
    encoding: str = "auto"
    segment: bool = False  # add sentences instead of cleaning
    offsets: bool = False  # segment: clean, then give each sentence its span in the raw text
    want_diff: bool = False
    want_stats: bool = False
    line_endings: str = "keep"  # txt: keep each file's, or "lf" / "crlf" (`lay_out`)


@dataclass
class Stats:
    """Counts over documents; `merge` adds another's counts."""

    documents: int = 0
    documents_changed: int = 0
    characters_in: int = 0
    characters_out: int = 0
    passes: dict[str, dict[str, int]] = field(default_factory=dict)

    def merge(self, other: Stats) -> None:
        self.documents += other.documents
        self.documents_changed += other.documents_changed
        self.characters_in += other.characters_in
        self.characters_out += other.characters_out
        for name, counts in other.passes.items():
            mine = self.passes.setdefault(name, {})
            for key, value in counts.items():
                mine[key] = mine.get(key, 0) + value

    def count(self, job: Job, before: str, after: str) -> None:
        """Count one document; with `job.want_stats`, attribute the change to passes."""
        self.documents += 1
        self.characters_in += len(before)
        self.characters_out += len(after)
        if before == after:
            return
        self.documents_changed += 1
        if not job.want_stats:
            return
        # The steps as the pipeline ran them (a fused structure group to its fixed point, where a
        # step may run twice); a step counts one changed document however often it ran.
        changed: set[int] = set()
        for run in job.pipeline.trace(before):
            if run.after == run.before and not run.deletions:
                continue
            counts = self.passes.setdefault(run.step, {})
            for deletion in run.deletions:
                counts[f"removed_{deletion.reason}"] = counts.get(f"removed_{deletion.reason}", 0) + 1
            if run.after != run.before:
                if run.position not in changed:
                    changed.add(run.position)
                    counts["documents_changed"] = counts.get("documents_changed", 0) + 1
                lines_removed = max(0, run.before.count("\n") - run.after.count("\n"))
                counts["lines_removed"] = counts.get("lines_removed", 0) + lines_removed
                chars_removed = max(0, len(run.before) - len(run.after))
                counts["characters_removed"] = counts.get("characters_removed", 0) + chars_removed


@dataclass
class ChunkResult:
    """A cleaned chunk: the bytes to write, whether they differ, a diff fragment, counts."""

    output: bytes
    changed: bool
    diff: str = ""
    stats: Stats = field(default_factory=Stats)
    error: InputError | None = None
    note: str = ""  # what changed besides the text ("re-encoded as UTF-8", "CRLF -> LF")


@dataclass(frozen=True)
class Chunk:
    """Whole records of one file: `first_line` is the 1-based line number of `data`."""

    fmt: str
    data: bytes
    first_line: int = 1
    name: str = "-"
    columns: tuple[int, ...] = ()  # CSV/TSV: indexes of the fields to clean
    skip_header: bool = False  # CSV/TSV: the first record is the header, passed through


def process_chunk(job: Job, chunk: Chunk) -> ChunkResult:
    """Clean (or segment) one chunk; input errors come back in `ChunkResult.error`."""
    try:
        if chunk.fmt == "txt":
            return _process_txt(job, chunk)
        if chunk.fmt == "jsonl":
            return _process_jsonl(job, chunk)
        if chunk.fmt in ("csv", "tsv"):
            return _process_delimited(job, chunk)
    except InputError as error:
        return ChunkResult(b"", False, error=error)
    raise ValueError(f"format {chunk.fmt!r} is not processed in chunks")


# --- diffs ----------------------------------------------------------------------------------

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _diff_lines(text: str) -> list[str]:
    lines = _LINE.findall(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def unified_diff(before: str, after: str, name: str, *, context: int = 3) -> str:
    """A unified diff with ``a/`` and ``b/`` headers, empty when the texts are equal.

    >>> print(unified_diff("كتب\\u0640\\u0640ت\\n", "كتبت\\n", "x.txt"), end="")
    --- a/x.txt
    +++ b/x.txt
    @@ -1 +1 @@
    -كتبــت
    +كتبت
    """
    if before == after:
        return ""
    import difflib

    return "".join(difflib.unified_diff(
        _diff_lines(before), _diff_lines(after), f"a/{name}", f"b/{name}", n=context
    ))


def _line_hunk(number: int, before: str, after: str) -> str:
    """A one-line hunk with no context (``diff -U0``): JSONL lines are records, not prose."""
    return f"@@ -{number} +{number} @@\n-{before}\n+{after}\n"


# --- txt --------------------------------------------------------------------------------------

def _process_txt(job: Job, chunk: Chunk) -> ChunkResult:
    text = decode_text(chunk.data, encoding=job.encoding)
    if job.segment:
        if job.offsets:
            raise InputError("--offsets writes {sentence, start, end} records: give a JSONL input "
                             "(or --format jsonl)")
        sentences = _segmenter()(text)
        output = "".join(s.replace("\n", " ") + "\n" for s in sentences).encode("utf-8")
        return ChunkResult(output, True)
    cleaned = job.pipeline(text)
    laid_out = lay_out(text, cleaned, line_endings=job.line_endings)
    bom = _UTF8_BOM if chunk.data.startswith(_UTF8_BOM) else b""  # kept, like the line endings
    output = bom + laid_out.encode("utf-8")
    result = ChunkResult(output, output != chunk.data)
    result.stats.count(job, text, cleaned)
    if result.changed:
        notes = []
        if bom + text.encode("utf-8") != chunk.data:
            notes.append("re-encoded as UTF-8")
        if laid_out != text and laid_out.replace("\r\n", "\n") == text.replace("\r\n", "\n"):
            notes.append("line endings only")
        result.note = ", ".join(notes)
    if job.want_diff and result.changed:
        result.diff = unified_diff(text, laid_out, chunk.name)
    return result


def _segmenter() -> Callable[[str], list[str]]:
    try:
        from arabic_clean.sentences import segment_sentences
    except ImportError as error:
        raise InputError(f"sentence segmentation is not available: {error}") from None
    return segment_sentences


# --- JSONL ------------------------------------------------------------------------------------

_JSON_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip_ws(text: str, index: int) -> int:
    return _JSON_WS.match(text, index).end()  # type: ignore[union-attr]


def _object_members(text: str, index: int) -> Iterator[tuple[str, int, int]]:
    """(key, value start, value end) of the JSON object at `index` (already validated)."""
    index = _skip_ws(text, index)
    if text[index] != "{":
        return
    index = _skip_ws(text, index + 1)
    if text[index] == "}":
        return
    while True:
        key, index = scanstring(text, index + 1)
        index = _skip_ws(text, _skip_ws(text, index) + 1)  # past the colon
        _, end = _DECODER.raw_decode(text, index)
        yield key, index, end
        index = _skip_ws(text, end)
        if text[index] != ",":
            return
        index = _skip_ws(text, index + 1)


def _value_span(text: str, path: Sequence[str]) -> tuple[int, int]:
    """Span of the value at `path` in the JSON object `text`; the last duplicate key wins,
    as in `json.loads`."""
    start = 0
    for key in path:
        found = None
        for member_key, value_start, value_end in _object_members(text, start):
            if member_key == key:
                found = (value_start, value_end)
        if found is None:  # json.loads found it, so this cannot happen on valid input
            raise InputError(f"field {'.'.join(path)!r} not found while splicing")
        start = found[0]
    return found  # type: ignore[return-value]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_string(value: str, original: str) -> str:
    """`value` as a JSON string in the style of `original`: ``\\uXXXX`` escapes if it used them."""
    ascii_style = original.isascii() and "\\u" in original
    return json.dumps(value, ensure_ascii=ascii_style or bool(_SURROGATE.search(value)))


def _field_value(record: object, path: Sequence[str], line: int) -> str:
    value = record
    for depth, key in enumerate(path):
        if not isinstance(value, dict):
            where = ".".join(path[:depth]) or "the record"
            raise InputError(f"{where} is not a JSON object", line=line)
        if key not in value:
            raise InputError(f"no field {'.'.join(path)!r}", line=line)
        value = value[key]
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        raise InputError(f"field {'.'.join(path)!r} is {kind}, not a string", line=line)
    return value


def _decode_line(raw: bytes, job: Job, line: int) -> str:
    try:
        return _strict_decode(raw, job.encoding)
    except InputError as error:
        raise InputError(error.message, line=line) from None


def _process_jsonl(job: Job, chunk: Chunk) -> ChunkResult:
    pieces: list[bytes] = []
    diff: list[str] = []
    stats = Stats()
    changed = False
    lines = chunk.data.split(b"\n")
    last = len(lines) - 1
    for offset, raw in enumerate(lines):
        if offset == last and not raw:
            break  # the chunk ends with a newline
        number = chunk.first_line + offset
        ending = b"\n" if offset < last else b""
        body, cr = (raw[:-1], b"\r") if raw.endswith(b"\r") else (raw, b"")
        if not body.strip():
            pieces.append(raw + ending)
            continue
        # A BOM is kept where it stood, on line 1 or (files glued together) any other line.
        bom = _UTF8_BOM if body.startswith(_UTF8_BOM) else b""
        text = _decode_line(body[len(bom):], job, number)
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"invalid JSON: {error.msg} (column {error.colno})", line=number) from None
        except (ValueError, RecursionError) as error:  # a 5,000-digit number, 100k nested lists
            raise InputError(f"JSON this reader refuses: {error}", line=number) from None
        if not isinstance(record, dict):
            raise InputError(f"a JSONL record must be an object, not {type(record).__name__}",
                             line=number)
        new_text = _segment_record(text, record, job, number) if job.segment else \
            _clean_record(text, record, job, number, stats)
        # A lone surrogate (from a `\ud800` escape) can only stand inside a JSON string, where
        # backslashreplace writes it back as that very escape.
        new_raw = bom + new_text.encode("utf-8", "backslashreplace") + cr
        if new_raw != raw:
            changed = True
            if job.want_diff:
                diff.append(_line_hunk(number, raw.decode("utf-8", "replace").rstrip("\r"),
                                       new_raw.decode("utf-8", "replace").rstrip("\r")))
        pieces.append(new_raw + ending)
    return ChunkResult(b"".join(pieces), changed, "".join(diff), stats)


def _clean_record(text: str, record: dict, job: Job, number: int, stats: Stats) -> str:
    replacements = []
    for path in job.fields:
        value = _field_value(record, path, number)
        cleaned = job.pipeline(value)
        stats.count(job, value, cleaned)
        if cleaned != value:
            start, end = _value_span(text, path)
            replacements.append((start, end, _json_string(cleaned, text[start:end])))
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _segment_record(text: str, record: dict, job: Job, number: int) -> str:
    """Add (or replace) a ``"sentences"`` list beside the record's other fields."""
    value = _field_value(record, job.fields[0], number)
    found = _sentences_with_offsets(job.pipeline, value) if job.offsets else _segmenter()(value)
    sentences = json.dumps(found, ensure_ascii=False)
    if "sentences" in record:
        start, end = _value_span(text, ("sentences",))
        return text[:start] + sentences + text[end:]
    closing = text.rstrip().rfind("}")
    separator = ", " if record else ""
    return text[:closing] + f'{separator}"sentences": {sentences}' + text[closing:]


def _sentences_with_offsets(pipeline: Pipeline, text: str) -> list[dict]:
    """The sentences of `pipeline(text)`, each with its span in `text` (`Pipeline.align`)."""
    from arabic_clean.sentences import sentence_spans

    aligned = pipeline.align(text)
    out = []
    for start, end in sentence_spans(aligned.text):
        raw_start, raw_end = aligned.to_original(start, end)
        out.append({"sentence": aligned.text[start:end], "start": raw_start, "end": raw_end})
    return out


# --- CSV and TSV ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Record:
    """One CSV record: its fields' spans in the chunk text and where the record ends."""

    spans: tuple[tuple[int, int, bool], ...]  # (start, end, quoted)
    end: int  # end of the record, before its line terminator
    next: int  # start of the next record
    line: int


def _delimiter(fmt: str) -> str:
    return "\t" if fmt == "tsv" else ","


def _scan_records(text: str, delimiter: str, first_line: int) -> Iterator[Record]:
    """RFC 4180 records with their spans: quotes double inside quoted fields; a stray quote
    inside an unquoted field is kept literally (as the stdlib `csv` module does)."""
    quoted = re.compile(r'"[^"]*(?:""[^"]*)*"')
    unquoted = re.compile(rf"[^{re.escape(delimiter)}\r\n]*")
    index, line, size = 0, first_line, len(text)
    while index < size:
        spans = []
        record_line = line
        while True:
            if text.startswith('"', index):
                match = quoted.match(text, index)
                if match is None:
                    raise InputError("unterminated quoted field", line=line)
                spans.append((index, match.end(), True))
                line += text.count("\n", index, match.end())
            else:
                match = unquoted.match(text, index)
                spans.append((index, match.end(), False))  # type: ignore[union-attr]
            index = match.end()  # type: ignore[union-attr]
            if index < size and text[index] == delimiter:
                index += 1
                continue
            if index < size and text[index] not in "\r\n":
                raise InputError(f"unexpected {text[index]!r} after a quoted field", line=line)
            break
        end = index
        if text.startswith("\r\n", index):
            index += 2
        elif index < size:
            index += 1
        line += 1
        yield Record(tuple(spans), end, index, record_line)


def _field_text(text: str, span: tuple[int, int, bool]) -> str:
    start, end, quoted = span
    return text[start + 1:end - 1].replace('""', '"') if quoted else text[start:end]


def _csv_quote(value: str, delimiter: str, quoted: bool) -> str:
    if quoted or any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


def read_header(fmt: str, data: bytes, encoding: str) -> list[str]:
    """The column names from the first record of a CSV/TSV file."""
    text = _strict_decode(data, encoding)
    for record in _scan_records(text, _delimiter(fmt), 1):
        return [_field_text(text, span) for span in record.spans]
    return []


def resolve_columns(header: Sequence[str], fields: Sequence[tuple[str, ...]]) -> tuple[int, ...]:
    columns = []
    for path in fields:
        name = ".".join(path)
        if name not in header:
            raise InputError(f"no column {name!r} in the header ({', '.join(header)})", line=1)
        columns.append(list(header).index(name))
    return tuple(columns)


def _process_delimited(job: Job, chunk: Chunk) -> ChunkResult:
    if job.segment:
        raise InputError("segment works on txt and jsonl, not csv/tsv")
    delimiter = _delimiter(chunk.fmt)
    try:
        text = _strict_decode(chunk.data, job.encoding)
    except InputError as error:
        line = chunk.first_line + chunk.data[:_offset(error.message)].count(b"\n")
        raise InputError(error.message, line=line) from None
    # The UTF-8 BOM the decoding skipped is written back (Excel reads Arabic CSV by it); one a
    # forced legacy codec read as letters is part of the text.
    bom = _UTF8_BOM if chunk.data.startswith(_UTF8_BOM) \
        and text == _strict_decode(chunk.data[len(_UTF8_BOM):], job.encoding) else b""
    stats = Stats()
    pieces: list[str] = []
    diff: list[str] = []
    position = 0
    for index, record in enumerate(_scan_records(text, delimiter, chunk.first_line)):
        if (index == 0 and chunk.skip_header) or record.end == record.spans[0][0]:
            continue  # the header, or a blank line: passed through verbatim
        replacements = []
        for column in chunk.columns:
            if column >= len(record.spans):
                raise InputError(f"record has {len(record.spans)} fields, "
                                 f"column {column + 1} is missing", line=record.line)
            span = record.spans[column]
            value = _field_text(text, span)
            cleaned = job.pipeline(value)
            stats.count(job, value, cleaned)
            if cleaned != value:
                replacements.append((span[0], span[1], _csv_quote(cleaned, delimiter, span[2])))
        if not replacements:
            continue
        start = record.spans[0][0]
        old = text[start:record.end]
        pieces.append(text[position:start])
        new_parts, cursor = [], start
        for span_start, span_end, new in sorted(replacements):
            new_parts.append(text[cursor:span_start] + new)
            cursor = span_end
        new_parts.append(text[cursor:record.end])
        new = "".join(new_parts)
        pieces.append(new)
        position = record.end
        if job.want_diff:
            diff.append(_line_hunk(record.line, old, new))
    pieces.append(text[position:])
    output = bom + "".join(pieces).encode("utf-8")
    return ChunkResult(output, output != chunk.data, "".join(diff), stats)


def _offset(message: str) -> int:
    match = re.match(r"byte (\d+)", message)
    return int(match.group(1)) if match else 0


# --- Parquet ----------------------------------------------------------------------------------

def process_parquet(path, target, job: Job, name: str, *, writer) -> Iterator[tuple[str, bool, Stats]]:
    """Clean string columns of a Parquet file batch by batch (bounded memory).

    Yields ``(diff, changed, stats)`` per record batch; with a `target`, the batches are written
    there through ``writer(target, like=path)`` (an atomic writer), other columns unchanged.
    Needs ``pyarrow`` (the ``parquet`` extra).
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("Parquet needs the 'pyarrow' package: "
                         "pip install 'arabic-clean[parquet]'") from None
    if job.segment:
        raise InputError("segment works on txt and jsonl, not parquet")
    try:
        source = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"cannot read as Parquet: {error}") from None
    schema = source.schema_arrow
    columns = []
    for field_path in job.fields:
        column = ".".join(field_path)
        if column not in schema.names:
            raise InputError(f"no column {column!r} (columns: {', '.join(schema.names)})")
        kind = schema.field(column).type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            raise InputError(f"column {column!r} is {kind}, not a string column")
        columns.append(column)
    out = writer(target, like=path) if target is not None else None
    parquet_writer = pq.ParquetWriter(out.stream, schema) if out is not None else None
    row = 0
    batches = source.iter_batches()
    try:
        while True:
            # A corrupt page is found only when its batch is read: an input error naming the
            # row, as for a truncated file, not an internal one.
            try:
                batch = next(batches)
            except StopIteration:
                break
            except (OSError, pa.ArrowException) as error:
                raise InputError(f"cannot read as Parquet from row {row + 1}: {error}") from None
            stats, diff, changed = Stats(), [], False
            arrays = list(batch.columns)
            for column in columns:
                index = batch.schema.get_field_index(column)
                values = arrays[index].to_pylist()
                cleaned = []
                for offset, value in enumerate(values):
                    if value is None:
                        cleaned.append(None)
                        continue
                    new = job.pipeline(value)
                    stats.count(job, value, new)
                    if new != value:
                        changed = True
                        if job.want_diff:
                            diff.append(f"@@ row {row + offset + 1} {column} @@\n"
                                        + "".join(f"-{line}\n" for line in value.split("\n"))
                                        + "".join(f"+{line}\n" for line in new.split("\n")))
                    cleaned.append(new)
                arrays[index] = pa.array(cleaned, type=schema.field(column).type)
            if parquet_writer is not None:
                parquet_writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=batch.schema))
            row += batch.num_rows
            yield "".join(diff), changed, stats
        if parquet_writer is not None:
            parquet_writer.close()
            parquet_writer = None
            out.commit()
            out = None
    finally:
        if parquet_writer is not None:
            parquet_writer.close()
        if out is not None:
            out.abort()
