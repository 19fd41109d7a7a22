"""``arabic-clean``: clean corpora of Arabic text in place, check them, or show the diff.

The CLI only chooses a pipeline and moves bytes; every behaviour it exposes is reachable from
Python under the same names (`arabic_clean.clean`, `PRESETS`, `Pipeline.from_names`,
`arabic_clean.formats.process_chunk`).  See docs/cli.md.

Exit codes: 0 nothing to change, 1 something changed (or would), 2 usage or input error
(every file is still processed; ``--fail-fast`` stops at the first), 3 internal error.

The pipeline and its passes are imported when a run needs them, not at import: ``--help``,
``--version`` and usage errors answer at once.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import stat
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from . import __version__
from .config import ConfigError, load_config
from .formats import (
    FORMATS,
    LINE_ENDINGS,
    Chunk,
    ChunkResult,
    InputError,
    Job,
    Stats,
    detect_format,
    parse_field,
    process_chunk,
    read_header,
    resolve_columns,
    split_encoding,
)

if TYPE_CHECKING:
    from .pipeline import Pipeline

#: Preset names, for --help without importing the passes (tests check it against PRESETS).
PRESET_NAMES = ("repair", "safe", "search")

__all__ = ["build_parser", "main"]

EXIT_CLEAN, EXIT_CHANGED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

#: Bytes read at a time from JSONL/CSV/TSV; a chunk is the complete records in one block.
#: Small enough that two workers share even a few MB evenly; IPC per chunk is noise.
BLOCK_SIZE = 256 << 10

#: Extras named in the error when an optional package is missing.
EXTRAS = {"zstandard": "zstd", "pyarrow": "parquet", "tqdm": "progress"}


class UsageError(Exception):
    """Bad options or paths: exit 2 before any file is touched."""


class MissingExtra(UsageError):
    def __init__(self, module: str, why: str) -> None:
        super().__init__(f"{why} needs the '{module}' package: "
                         f"pip install 'arabic-clean[{EXTRAS.get(module, module)}]'")


def _require(module: str, why: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module.split(".")[0], why) from None


# --- the command line -----------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The parser; each command lists only the options that do something there."""
    def paths(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH",
                            help="files or folders; '-' reads stdin and writes stdout")

    def pipeline(parser: argparse.ArgumentParser) -> None:
        group = parser.add_argument_group("pipeline")
        group.add_argument("--preset", help=f"named pipeline: {', '.join(PRESET_NAMES)} "
                                            "(default safe; `arabic-clean passes` lists them)")
        group.add_argument("--passes", action="append", metavar="A,B,C",
                           help="explicit pass list instead of a preset (name or name:key=value)")
        group.add_argument("--skip", action="append", metavar="PASS",
                           help="drop a pass (repeatable)")

    def reading(parser: argparse.ArgumentParser, formats: Sequence[str] = FORMATS,
                ) -> argparse._ArgumentGroup:
        group = parser.add_argument_group("input and output")
        group.add_argument("--format", choices=("auto", *formats),
                           help="input format; auto picks by extension (.gz/.zst allowed)")
        group.add_argument("--field", action="append", metavar="NAME",
                           help="JSONL/CSV/Parquet field to read, dotted for nesting "
                                "(default text)")
        group.add_argument("--encoding", metavar="CODEC",
                           help="auto (default: BOM, UTF-8, windows-1256 Arabic) or a codec such "
                                "as cp1256, used for files that are not valid UTF-8; "
                                "'cp1256!' forces it (refused where it would make mojibake)")
        group.add_argument("--stdin-filename", metavar="NAME",
                           help="name for '-' input: picks the format and names it in messages")
        group.add_argument("--max-record-size", type=int, metavar="MB",
                           help="refuse a JSONL/CSV record or a txt file larger than this "
                                "(default 256)")
        return group

    def output(group: argparse._ArgumentGroup, what: str) -> None:
        group.add_argument("-o", "--output", metavar="PATH",
                           help=f"write {what} to this file or folder")

    def line_endings(group: argparse._ArgumentGroup) -> None:
        group.add_argument("--line-endings", choices=LINE_ENDINGS,
                           help="txt output: keep each file's CRLF or LF (default), or write "
                                "lf / crlf; output is always UTF-8")

    def running(parser: argparse.ArgumentParser, *, diff: bool, stats: bool) -> None:
        group = parser.add_argument_group("running")
        if diff:
            group.add_argument("--diff", action="store_true",
                               help="print a unified diff, write nothing")
        group.add_argument("-W", "--workers", type=int, metavar="N",
                           help="worker processes (0 = one per core; default 1)")
        group.add_argument("--fail-fast", action="store_true", default=None,
                           help="stop at the first file that cannot be read (default: report "
                                "it, leave it untouched and go on; exit 2 at the end)")
        group.add_argument("--keep-going", action="store_true", help=argparse.SUPPRESS)
        if stats:
            group.add_argument("--stats", metavar="FILE",
                               help="JSON report; bare --stats prints it to stderr, "
                                    "--stats=FILE writes it")
        group.add_argument("--no-progress", action="store_true", help="no progress bar")
        group.add_argument("-q", "--quiet", action="store_true", help="print errors only")
        group.add_argument("-v", "--verbose", action="store_true",
                           help="name every file and summarise")

    parser = argparse.ArgumentParser(
        prog="arabic-clean",
        description="Clean scraped Arabic text: fix files in place, check them, or show the diff.",
        epilog="exit codes: 0 nothing to change, 1 changed or would change, "
               "2 usage or input error, 3 internal error",
    )
    parser.add_argument("--version", action="version", version=f"arabic-clean {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    fix = commands.add_parser("fix", help="rewrite files in place (atomic)",
                              description="Rewrite files in place (or to -o); exit 1 if any "
                                          "file changed, 2 if any could not be read.")
    paths(fix)
    pipeline(fix)
    group = reading(fix)
    output(group, "instead of in place (required for .gz, .zst and Parquet)")
    line_endings(group)
    running(fix, diff=True, stats=True)

    check = commands.add_parser("check", help="write nothing; list files that would change",
                                description="Write nothing; exit 1 if any file would change, "
                                            "2 if any could not be read.")
    paths(check)
    pipeline(check)
    line_endings(reading(check))
    running(check, diff=True, stats=True)

    segment = commands.add_parser(
        "segment", help="one sentence per line, or a 'sentences' field in JSONL",
        description="Split into sentences (no cleaning): txt gives one sentence per line, with "
                    "a blank line between documents; JSONL gets a 'sentences' field. Writes to "
                    "stdout, or to -o.")
    paths(segment)
    group = reading(segment, ("txt", "jsonl"))
    output(group, "instead of stdout")
    group.add_argument("--offsets", action="store_true",
                       help="JSONL: clean first (the configured pipeline, default safe), then write "
                            "each sentence as {sentence, start, end} with its offsets in the raw "
                            "text (docs/offsets.md)")
    running(segment, diff=False, stats=False)

    commands.add_parser("passes", help="list passes and presets")
    report = commands.add_parser("report", help="write an HTML before/after "
                                 "report (-o FILE.html)", description="See docs/report.md.")
    paths(report)
    pipeline(report)
    output(reading(report), "the HTML report")
    report.add_argument("--max-docs", type=int, default=100, metavar="N",
                        help="draw the first N documents (default 100); the summary counts all")
    report.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return parser


def _bare_stats(argv: Sequence[str]) -> list[str]:
    """``--stats`` alone means stderr: rewrite it so a following PATH is not taken as FILE."""
    out, rest = [], list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            out.append(arg)
            out.extend(rest)
            break
        out.append("--stats=-" if arg == "--stats" else arg)
    return out


def _split_specs(values: Iterable[str]) -> list[str]:
    """``"a,b:to=x,keep=true,c"`` -> ``["a", "b:to=x,keep=true", "c"]``: a comma item holding
    ``=`` but no ``:`` continues the options of the step before it."""
    specs: list[str] = []
    for value in values:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            if specs and "=" in item and ":" not in item and ":" in specs[-1]:
                specs[-1] += "," + item
            else:
                specs.append(item)
    return specs


@dataclass
class Settings:
    command: str
    job: Job
    paths: list[str]
    fmt: str = "auto"
    output: str | None = None
    stdin_filename: str | None = None
    workers: int = 1
    fail_fast: bool = False
    max_record_mb: int = 256
    stats_to: str | None = None
    progress: bool = True
    quiet: bool = False
    verbose: bool = False

    @property
    def writes(self) -> bool:
        return self.command in ("fix", "segment") and not self.job.want_diff


def _settings(args: argparse.Namespace) -> Settings:
    try:
        config, config_path = load_config()
    except ConfigError as error:
        raise UsageError(str(error)) from None

    def pick(name: str, default: Any) -> Any:
        value = getattr(args, name.replace("-", "_"), None)
        return value if value is not None else config.get(name, default)

    segment = args.command == "segment"
    offsets = bool(getattr(args, "offsets", False))
    if offsets:  # segment has no pipeline options: the configured pipeline (default safe)
        pipeline = _pipeline(argparse.Namespace(preset=None, passes=None, skip=None), config)
    else:
        pipeline = None if segment else _pipeline(args, config)
    try:
        fields = tuple(parse_field(f) for f in _split_specs(pick("field", None) or ["text"]))
    except ValueError as error:
        raise UsageError(f"--field: {error}") from None
    workers = pick("workers", 1)
    if workers < 0:
        raise UsageError("--workers must be 0 (one per core) or more")
    fmt = pick("format", "auto")
    if fmt not in ("auto", *FORMATS):
        raise UsageError(f"format {fmt!r} in {config_path}: choose from auto, {', '.join(FORMATS)}")
    encoding = pick("encoding", "auto")
    codec, _ = split_encoding(encoding)
    if codec not in ("auto", "detect"):
        import codecs

        try:
            codecs.lookup(codec)
            b"x".decode(codec)  # 'rot13', 'base64': codecs, but not of bytes to text
        except UnicodeDecodeError:
            pass  # a text codec ('utf-16' wants two bytes)
        except LookupError as error:
            raise UsageError(f"encoding {codec!r}: {error}") from None
    max_record = pick("max-record-size", 256)
    if max_record < 1:
        raise UsageError("--max-record-size is in MB, at least 1")
    endings = pick("line-endings", "keep")
    if endings not in LINE_ENDINGS:
        raise UsageError(f"line-endings {endings!r} in {config_path}: "
                         f"choose from {', '.join(LINE_ENDINGS)}")
    job = Job(pipeline, fields, encoding, segment=segment, offsets=offsets,  # type: ignore[arg-type]
              want_diff=bool(getattr(args, "diff", False)),
              want_stats=getattr(args, "stats", None) is not None, line_endings=endings)
    return Settings(
        command=args.command, job=job, paths=args.paths, fmt=fmt,
        output=getattr(args, "output", None), stdin_filename=getattr(args, "stdin_filename", None),
        workers=workers or os.cpu_count() or 1, fail_fast=bool(pick("fail-fast", False)),
        max_record_mb=max_record,
        stats_to=getattr(args, "stats", None),
        progress=not getattr(args, "no_progress", False), quiet=getattr(args, "quiet", False),
        verbose=getattr(args, "verbose", False) and not getattr(args, "quiet", False),
    )


def _pipeline(args: argparse.Namespace, config: dict[str, Any]) -> Pipeline:
    from .pipeline import Pipeline
    from .presets import PRESETS

    if args.preset and args.passes:
        raise UsageError("give --preset or --passes, not both")
    try:
        if args.passes or (not args.preset and config.get("passes")):
            specs = _split_specs(args.passes or config["passes"])
            if not specs:
                raise UsageError("--passes names no pass")
            pipeline = Pipeline.from_names(specs)
        else:
            name = args.preset or config.get("preset", "safe")
            if name not in PRESETS:
                raise UsageError(f"unknown preset {name!r}; presets: {', '.join(PRESETS)}")
            pipeline = PRESETS[name].pipeline
    except ValueError as error:
        raise UsageError(str(error)) from None
    skip = _split_specs(args.skip or config.get("skip", []))
    try:
        pipeline = pipeline.without(*skip)
    except ValueError as error:
        raise UsageError(f"--skip: {error}") from None
    try:
        pipeline("")  # a pass checks its options when it runs: 'normalize_digits:to=klingon'
    except (ValueError, TypeError) as error:
        raise UsageError(f"--passes: {error}") from None
    return pipeline


# --- inputs -----------------------------------------------------------------------------------

@dataclass
class Source:
    """One input: a file (or stdin when `path` is None) and where its output goes."""

    path: Path | None
    name: str  # as shown in messages and diffs
    fmt: str
    compression: str | None
    target: Path | None = None  # None: in place (fix) or nowhere (check, diff)
    size: int = 0


def _wanted(path: Path, fmt: str) -> bool:
    detected, _ = detect_format(path.name, default="")
    if path.suffix.lower() == ".md":
        return False  # walked folders hold corpora; Markdown only when named (pre-commit)
    return bool(detected) and (fmt == "auto" or detected == fmt)


@dataclass(frozen=True)
class Skipped:
    """A path found but not processed (a link out of the tree, a FIFO, an unreadable folder):
    reported as an input error, so the run ends with exit 2."""

    name: str
    reason: str


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _problem(path: Path, tree: Path | None) -> str | None:
    """Why `path` is not processed, or None.  ``""``: a link to a file inside the walked tree,
    skipped without a word (the file itself is walked)."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a broken symbolic link (dangling, or a loop): skipped"
        if tree is not None:
            if not target.is_relative_to(tree):
                return f"a symbolic link out of {tree} (to {target}): skipped, never written through"
            return ""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        return f"{kind}, not a regular file: skipped"
    return None


def _walk(folder: Path, fmt: str, skipped: list[Skipped], avoid: Path | None = None,
          ) -> Iterator[Path]:
    """Wanted regular files under `folder`, sorted; links that leave the tree, FIFOs, devices
    and folders that cannot be read go to `skipped`.  `avoid` (the -o folder) is not walked."""
    tree = folder.resolve()

    def unreadable(error: OSError) -> None:
        skipped.append(Skipped(error.filename or str(folder),
                               f"cannot read the folder: {error.strerror or error}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (avoid is None or (Path(root) / d).resolve() != avoid))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or not _wanted(path, fmt):
                continue
            problem = _problem(path, tree)
            if problem:
                skipped.append(Skipped(str(path), problem))
            elif problem is None:
                yield path


def _sources(settings: Settings, skipped: list[Skipped] | None = None) -> list[Source]:
    if not settings.paths:
        raise UsageError("no PATH given (use '-' for stdin)")
    skipped = [] if skipped is None else skipped
    output = Path(settings.output) if settings.output else None
    avoid = output.resolve() if output is not None else None
    found: list[tuple[Path | None, Path | None]] = []  # (path, folder it was found under)
    for raw in settings.paths:
        if raw == "-":
            found.append((None, None))
            continue
        path = Path(raw)
        if path.is_dir():
            found.extend((p, path) for p in _walk(path, settings.fmt, skipped, avoid))
        elif path.exists():
            problem = _problem(path, None)
            if problem:
                skipped.append(Skipped(raw, problem))
            else:
                found.append((path, None))
        else:
            raise UsageError(f"{raw}: no such file or folder")
    if output is not None and output.is_file() and len(found) + len(skipped) > 1:
        raise UsageError(f"-o {settings.output} is a file, and there are several inputs: "
                         "give a folder")
    output_is_folder = output is not None and (
        output.is_dir() or settings.output.endswith(("/", os.sep)) or len(found) > 1
        or any(root is not None for _, root in found)
    )
    sources = []
    writers: dict[Path, Path] = {}  # resolved target -> its input: two inputs, one output
    for path, root in found:
        if path is None:
            name = settings.stdin_filename or "-"
            fmt, compression = detect_format(name) if settings.fmt == "auto" else (settings.fmt, None)
            target = output
            if output_is_folder:
                raise UsageError("-o with stdin input must name a file")
            sources.append(Source(None, name, fmt, compression, target))
            continue
        fmt, compression = detect_format(path.name)
        if settings.fmt != "auto":
            fmt = settings.fmt
        target = None
        if output is not None:
            target = output / (path.relative_to(root) if root else path.name) \
                if output_is_folder else output
            if target.exists() and target.resolve() == path.resolve():
                target = None  # -o onto the input itself is an in-place fix
        if target is not None and settings.writes:
            key = target.resolve()
            if key in writers:
                raise UsageError(f"{writers[key]} and {path} would both be written to {target}")
            writers[key] = path
        sources.append(Source(path, str(path), fmt, compression, target,
                              path.stat().st_size))
        needs_output = compression or fmt == "parquet"
        if settings.writes and target is None and needs_output:
            raise UsageError(f"{path}: {compression or fmt} input is not rewritten in place; "
                             "give -o/--output")
    return sources


def _open_input(source: Source) -> IO[bytes]:
    if source.path is None:
        return sys.stdin.buffer
    if source.compression == "gzip":
        import gzip

        return gzip.open(source.path, "rb")  # type: ignore[return-value]
    if source.compression == "zstd":
        zstandard = _require("zstandard", f"{source.name}: reading .zst")
        return ZstdReader(open(source.path, "rb"), zstandard)  # type: ignore[return-value]
    return open(source.path, "rb")


class ZstdReader:
    """A .zst file, frame after frame; a frame cut short is an error, never a quiet end (the
    library's stream reader ends a file truncated at a block boundary as if it were whole).
    Compressed bytes go in 4 KB at a time, so one call expands to at most ~128 MB."""

    def __init__(self, raw: IO[bytes], zstandard: Any) -> None:
        self.raw, self.zstandard = raw, zstandard
        self.frame: Any = None
        self.unused = b""
        self.buffer = bytearray()
        self.done = False

    def read(self, size: int = -1) -> bytes:
        while not self.done and (size < 0 or len(self.buffer) < size):
            self._fill()
        size = len(self.buffer) if size < 0 else min(size, len(self.buffer))
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def _fill(self) -> None:
        data, self.unused = (self.unused, b"") if self.unused else (self.raw.read(4096), b"")
        if not data:
            if self.frame is not None:
                raise EOFError("the .zst file ends inside a frame: it is truncated")
            self.done = True
            return
        if self.frame is None:
            self.frame = self.zstandard.ZstdDecompressor().decompressobj()
        self.buffer += self.frame.decompress(data)
        if self.frame.eof:
            self.unused, self.frame = self.frame.unused_data, None

    def fileno(self) -> int:
        return self.raw.fileno()

    def close(self) -> None:
        self.raw.close()


# --- chunks -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadFailure:
    """Reading or splitting a file failed: reported in order, like a chunk's error."""

    error: InputError


def _jsonl_cut(block: bytes, parity: int) -> tuple[int, int]:
    return block.rfind(b"\n") + 1, 0


def _csv_cut(block: bytes, parity: int) -> tuple[int, int]:
    """The end of the last complete record in `block`: after a newline with an even number of
    quotes before it (doubled quotes inside quoted fields keep the count even).  Returns the
    cut and the quote parity of what is left after it."""
    total = block.count(b'"')
    position = len(block)
    after = 0
    while True:
        newline = block.rfind(b"\n", 0, position)
        if newline < 0:
            return 0, (parity + total) % 2
        after += block.count(b'"', newline, position)
        if (parity + total - after) % 2 == 0:
            return newline + 1, after % 2
        position = newline


def _too_long(limit: int, line: int | None = None) -> InputError:
    what = "a txt file" if line is None else "a record"
    return InputError(f"{what} longer than {limit >> 20} MB (--max-record-size); not read",
                      line=line)


def _chunks(source: Source, job: Job, stream: IO[bytes], *, limit: int = 1 << 62,
            ) -> Iterator[Chunk | ReadFailure]:
    """Chunks of whole records; a record (or txt file) over `limit` bytes is an error, read
    no further, so a 32 KB .zst that expands to one 1 GiB line cannot fill the memory."""
    try:
        if source.fmt == "txt":
            data = stream.read(limit + 1)
            if len(data) > limit:
                raise _too_long(limit)
            yield Chunk("txt", data, name=source.name)
            return
        cut = _csv_cut if source.fmt in ("csv", "tsv") else _jsonl_cut
        parts: list[bytes] = []
        pending = 0  # bytes in `parts`: the record that has not ended yet
        parity, line, columns, first = 0, 1, (), True
        while True:
            block = stream.read(BLOCK_SIZE)
            if block:
                end, left_parity = cut(block, parity)
                if not end:
                    parts.append(block)
                    pending += len(block)
                    if pending > limit:
                        raise _too_long(limit, line + b"".join(parts).count(b"\n"))
                    parity = left_parity
                    continue
                parts.append(block[:end])
                data, rest = b"".join(parts), block[end:]
                parts, parity, pending = [rest], left_parity, len(rest)
            else:
                data = b"".join(parts)
                if not data and not first:
                    return
            if first and source.fmt in ("csv", "tsv"):
                header = read_header(source.fmt, data, job.encoding)
                columns = () if job.segment else resolve_columns(header, job.fields)
            yield Chunk(source.fmt, data, line, source.name, columns, skip_header=first)
            line += data.count(b"\n")
            first = False
            if not block:
                return
    except InputError as error:
        yield ReadFailure(error)
    except (OSError, EOFError) as error:
        yield ReadFailure(InputError(f"cannot read: {error}"))
    except Exception as error:
        if type(error).__name__ == "ZstdError":
            yield ReadFailure(InputError(f"cannot read: {error}"))
        else:
            raise


_WORKER_JOB: Job | None = None


def _worker_init(job: Job, parent: int) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is the parent's
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Linux: the kernel kills this worker when its parent dies (kill -9 included), so no
    worker is left running a chunk nobody will read.  Elsewhere the pool's pipes end them."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl: nobody would tell us
        os._exit(1)


def _worker_run(chunk: Chunk) -> ChunkResult:
    assert _WORKER_JOB is not None
    return process_chunk(_WORKER_JOB, chunk)


def _ordered(tasks: Iterator[tuple[Any, Chunk | ReadFailure]], job: Job, workers: int,
             ) -> Iterator[tuple[Any, Chunk | ReadFailure, ChunkResult | None]]:
    """Results in input order; with workers, a bounded window of chunks in flight."""
    if workers <= 1:
        for owner, chunk in tasks:
            yield owner, chunk, process_chunk(job, chunk) if isinstance(chunk, Chunk) else None
        return
    from concurrent.futures import ProcessPoolExecutor

    window: deque = deque()
    with ProcessPoolExecutor(workers, initializer=_worker_init,
                             initargs=(job, os.getpid())) as pool:
        try:
            for owner, chunk in tasks:
                future = pool.submit(_worker_run, chunk) if isinstance(chunk, Chunk) else None
                window.append((owner, chunk, future))
                while len(window) > 2 * workers:
                    owner_, chunk_, future_ = window.popleft()
                    yield owner_, chunk_, future_ and future_.result()
            while window:
                owner_, chunk_, future_ = window.popleft()
                yield owner_, chunk_, future_ and future_.result()
        finally:
            for _, _, future in window:
                if future is not None:
                    future.cancel()


# --- outputs ----------------------------------------------------------------------------------

def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class AtomicWriter:
    """Write to a temp file beside `target`, then `os.replace` it: readers see the old file or
    the new one, never a truncated one.  The mode, owner and extended attributes of `like` (or
    of `target`) are kept where the system lets us (a user cannot give a file to another)."""

    def __init__(self, target: Path, *, compression: str | None = None,
                 like: Path | None = None) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        mode_from = like if like is not None else target
        self.like = mode_from if mode_from.exists() else None
        self.mode = stat.S_IMODE(mode_from.stat().st_mode) if self.like is not None \
            else _default_mode()
        import tempfile

        # A name may use 255 bytes; the temp name adds ~27 to at most 120 bytes of it.
        short = os.fsencode(target.name)[:120].decode("utf-8", "ignore") or "x"
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{short}.",
                                    suffix=".arabic-clean.tmp")
        self.temp = Path(temp)
        self.raw: IO[bytes] = os.fdopen(fd, "wb")
        self.stream: Any = self.raw
        if compression == "gzip":
            import gzip

            self.stream = gzip.GzipFile(filename="", fileobj=self.raw, mode="wb", mtime=0)
        elif compression == "zstd":
            zstandard = _require("zstandard", f"{target}: writing .zst")
            self.stream = zstandard.ZstdCompressor().stream_writer(self.raw, closefd=False)

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        try:
            if self.stream is not self.raw:
                self.stream.close()
            self.raw.flush()
            os.fsync(self.raw.fileno())
            self.raw.close()
            os.chmod(self.temp, self.mode)
            if self.like is not None:
                _keep_owner_and_xattrs(self.like, self.temp)
            os.replace(self.temp, self.target)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        try:
            self.raw.close()
        finally:
            self.temp.unlink(missing_ok=True)


@dataclass
class FileState:
    """What has happened to one source so far, while its chunks come back in order."""

    source: Source
    input_bytes: int = 0  # bytes of input before the first changed chunk (for the lazy copy)
    changed: bool = False
    failed: bool = False
    writer: AtomicWriter | None = None
    diff_started: bool = False
    stats: Stats = field(default_factory=Stats)
    notes: list[str] = field(default_factory=list)
    # In place: the input's own descriptor (the unchanged start is copied from it, never from
    # the path again) and (inode, size, mtime) when it was opened, to see it change under us.
    original: int | None = None
    identity: tuple[int, int, int] | None = None

    def close(self) -> None:
        if self.original is not None:
            os.close(self.original)
            self.original = None


class Runner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stats = Stats()
        self.files = self.files_changed = self.errors = 0
        self.failed: list[dict[str, Any]] = []  # {"file", "line", "error"} per file not processed
        self.documents_to_stdout = 0  # segment: a blank line goes between two documents
        self.sources = 0
        self.code = EXIT_CLEAN
        self.stop = False
        self.bytes_in = 0
        self.progress: Any = None
        self.open_files: list[FileState] = []

    # messages
    def say(self, message: str) -> None:
        if not self.settings.quiet:
            self._print(message)

    def error(self, message: str) -> None:
        self._print(f"arabic-clean: error: {message}")

    def _print(self, message: str) -> None:
        if self.progress is not None:
            self.progress.write(message, file=sys.stderr)  # above the bar, not through it
        else:
            print(message, file=sys.stderr)

    def stdout(self, data: bytes) -> None:
        sys.stdout.buffer.write(data)

    # the run
    def run(self, sources: list[Source], skipped: Sequence[Skipped] = ()) -> int:
        started = time.perf_counter()
        self.sources = len(sources) + len(skipped)
        for item in skipped:
            self._fail(FileState(Source(None, item.name, "txt", None)), InputError(item.reason))
            if self.stop:
                sources = []
        self._start_progress(sources)
        try:
            chunked = [s for s in sources if s.fmt != "parquet"]
            for state, chunk, result in _ordered(self._tasks(chunked), self.settings.job,
                                                 _useful_workers(self.settings.workers, chunked)):
                self._take(state, chunk, result)
                if self.stop:
                    break
            for source in sources:
                if source.fmt == "parquet" and not self.stop:
                    self._parquet(source)
        finally:
            for state in self.open_files:  # an interrupted run leaves no temp files behind
                state.close()
                if state.writer is not None:
                    state.writer.abort()
            if self.progress is not None:
                self.progress.close()
        sys.stdout.flush()
        self._report(time.perf_counter() - started)
        return self.code

    def _tasks(self, sources: list[Source]) -> Iterator[tuple[FileState, Chunk | ReadFailure]]:
        for source in sources:
            if self.stop:
                return
            state = FileState(source)
            self.open_files.append(state)
            try:
                stream = _open_input(source)
            except OSError as error:
                yield state, ReadFailure(InputError(f"cannot open: {error.strerror or error}"))
                continue
            if source.path is not None and source.compression is None \
                    and source.target is None and self.settings.writes:
                state.original = os.dup(stream.fileno())
                state.identity = _identity(os.fstat(state.original))
            try:
                for chunk in _chunks(source, self.settings.job, stream,
                                     limit=self.settings.max_record_mb << 20):
                    yield state, chunk
                    if self.stop or state.failed:
                        break
            finally:
                if source.path is not None:
                    stream.close()
            yield state, None  # type: ignore[misc]  # end of file marker

    def _take(self, state: FileState, chunk: Chunk | ReadFailure | None,
              result: ChunkResult | None) -> None:
        if chunk is None:
            self._finish(state)
            return
        if state.failed:
            return
        error = chunk.error if isinstance(chunk, ReadFailure) else result.error  # type: ignore[union-attr]
        if error is not None:
            self._fail(state, error)
            return
        assert result is not None and isinstance(chunk, Chunk)
        if self.progress is not None:
            self.progress.update(len(chunk.data))
            self.progress.set_postfix(docs=self.stats.documents + state.stats.documents
                                      + result.stats.documents, refresh=False)
        self.bytes_in += len(chunk.data)
        state.stats.merge(result.stats)
        if result.diff:
            if not state.diff_started and chunk.fmt != "txt":
                self.stdout(f"--- a/{state.source.name}\n+++ b/{state.source.name}\n"
                            .encode("utf-8", "surrogateescape"))
            state.diff_started = True
            self.stdout(result.diff.encode("utf-8", "surrogateescape"))
        state.changed |= result.changed
        if result.note and result.note not in state.notes:
            state.notes.append(result.note)
        try:
            self._write(state, chunk, result)
        except OSError as error:  # disk full, permission denied: the input is named, exit 2
            target = state.writer.target if state.writer is not None else \
                state.source.target or state.source.path
            self._fail(state, _write_error(target, error))
        except InputError as error:
            self._fail(state, error)

    def _write(self, state: FileState, chunk: Chunk, result: ChunkResult) -> None:
        settings, source = self.settings, state.source
        if not settings.writes:
            return
        if source.target is None and source.path is None or (
                settings.command == "segment" and source.target is None):
            if settings.command == "segment" and chunk.fmt == "txt":
                # One sentence per line never makes an empty line: a blank line is a clear
                # separator between documents.
                if self.documents_to_stdout:
                    self.stdout(b"\n")
                self.documents_to_stdout += 1
            self.stdout(result.output)
            return
        if source.target is None and state.writer is None:
            # In place: nothing is written until a chunk changes; then the unchanged input
            # before it is copied over, so clean files are never rewritten.
            if not result.changed:
                state.input_bytes += len(chunk.data)
                return
            assert source.path is not None and state.original is not None
            refusal = _refuse_in_place(os.fstat(state.original))
            if refusal:
                raise InputError(refusal)
            target = Path(os.path.realpath(source.path))
            state.writer = AtomicWriter(target)
            _copy(state.original, state.writer, state.input_bytes)
        elif state.writer is None:
            assert source.target is not None
            _, compression = detect_format(source.target.name)
            state.writer = AtomicWriter(source.target, compression=compression, like=source.path)
        state.writer.write(result.output)

    def _finish(self, state: FileState) -> None:
        source = state.source
        if state.failed:
            return
        if state.writer is not None:
            writer, state.writer = state.writer, None
            try:
                if state.identity is not None:
                    now = _identity(os.stat(writer.target))
                    if now != state.identity:
                        writer.abort()
                        raise InputError("changed while it was being cleaned (another program "
                                         "wrote it): not replaced; run again")
                writer.commit()
            except OSError as error:
                self._fail(state, _write_error(writer.target, error))
                return
            except InputError as error:
                self._fail(state, error)
                return
        state.close()
        self.files += 1
        self.stats.merge(state.stats)
        if state in self.open_files:
            self.open_files.remove(state)
        if state.changed:
            self.files_changed += 1
            self.code = max(self.code, EXIT_CHANGED)
            note = f" ({', '.join(state.notes)})" if state.notes else ""
            if self.settings.command == "check" or self.settings.job.want_diff:
                self.say(f"would change: {source.name}{note}")
            elif self.settings.command == "fix" and source.path is not None:
                self.say(f"fixed: {source.name}" + (f" -> {source.target}" if source.target else "")
                         + note)
        elif self.settings.verbose:
            self.say(f"unchanged: {source.name}")
        if self.settings.command == "segment":
            self.code = EXIT_CLEAN if self.code == EXIT_CHANGED else self.code

    def _fail(self, state: FileState, error: InputError) -> None:
        state.failed = True
        state.close()
        if state in self.open_files:
            self.open_files.remove(state)
        if state.writer is not None:
            state.writer.abort()
            state.writer = None
        self.errors += 1
        self.code = max(self.code, EXIT_INPUT)
        self.failed.append({"file": state.source.name, "line": error.line,
                            "error": error.message})
        untouched = " (left untouched)" if self.settings.writes and state.source.path else ""
        self.error(error.where(state.source.name) + untouched)
        if self.settings.fail_fast:
            self.stop = True

    def _parquet(self, source: Source) -> None:
        from .formats import process_parquet

        state = FileState(source)
        try:
            for diff_text, changed, stats in process_parquet(
                    source.path, source.target if self.settings.writes else None,
                    self.settings.job, source.name, writer=AtomicWriter):
                state.stats.merge(stats)
                state.changed |= changed
                if diff_text:
                    if not state.diff_started:
                        self.stdout(f"--- a/{source.name}\n+++ b/{source.name}\n"
                                    .encode("utf-8", "surrogateescape"))
                    state.diff_started = True
                    self.stdout(diff_text.encode("utf-8", "surrogateescape"))
        except InputError as error:
            self._fail(state, error)
            return
        self.bytes_in += source.size
        self._finish(state)

    def _start_progress(self, sources: list[Source]) -> None:
        settings = self.settings
        if not settings.progress or settings.quiet or not sys.stderr.isatty():
            return
        try:
            from tqdm import tqdm
        except ImportError:
            return  # progress is a nicety: without tqdm there is none
        total = sum(s.size for s in sources)
        self.progress = tqdm(total=total or None, unit="B", unit_scale=True, file=sys.stderr,
                             desc=settings.command, leave=False)

    def _report(self, seconds: float) -> None:
        settings = self.settings
        if self.errors and self.sources > 1:
            left = self.sources - self.files - self.errors
            where = f"stopped at the first (--fail-fast), {left} not processed" \
                if settings.fail_fast and self.stop else f"{self.files} other files processed"
            self._print(f"arabic-clean: {self.errors} "
                        f"{'file' if self.errors == 1 else 'files'} could not be processed "
                        f"(named above; left untouched); {where}")
        if settings.verbose:
            verb = "changed" if settings.command == "fix" and not settings.job.want_diff \
                else "would change"
            self.say(f"{self.files} files, {self.files_changed} {verb}, {self.errors} errors, "
                     f"{self.stats.documents} documents in {seconds:.2f} s")
        if settings.stats_to is None:
            return
        report = self.stats_report(seconds)
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        if settings.stats_to == "-":
            sys.stderr.write(text)
        else:
            Path(settings.stats_to).write_text(text, encoding="utf-8")

    def stats_report(self, seconds: float) -> dict[str, Any]:
        s = self.stats
        return {
            "files": self.files,
            "files_changed": self.files_changed,
            "errors": self.errors,
            "failed": self.failed,
            "documents": s.documents,
            "documents_changed": s.documents_changed,
            "characters_in": s.characters_in,
            "characters_out": s.characters_out,
            "characters_removed": s.characters_in - s.characters_out,
            "bytes_in": self.bytes_in,
            "seconds": round(seconds, 3),
            "megabytes_per_second": round(self.bytes_in / 1e6 / seconds, 2) if seconds else None,
            "pipeline": self.settings.job.pipeline.names,
            "passes": {name: s.passes.get(name, {"documents_changed": 0, "lines_removed": 0,
                                                 "characters_removed": 0})
                       for name in self.settings.job.pipeline.names},
        }


def _keep_owner_and_xattrs(original: Path, temp: Path) -> None:
    """Give `temp` the owner, group and extended attributes of `original`, as far as allowed:
    `fix` run as root keeps a user's file the user's; a user cannot chown, and that is fine."""
    status = original.stat()
    if (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.chown(temp, status.st_uid, status.st_gid)
        except OSError:
            pass  # not ours to give away: the file becomes the runner's, as with any editor
    if hasattr(os, "listxattr"):
        try:
            for name in os.listxattr(original):
                os.setxattr(temp, name, os.getxattr(original, name))
        except OSError:
            pass  # a file system without (user) extended attributes


def _refuse_in_place(status: os.stat_result) -> str | None:
    """Why an in-place rewrite would do harm the user did not ask for, or None."""
    if status.st_nlink > 1:
        return (f"has {status.st_nlink} hard links: replacing it would split them (the other "
                "names would keep the old text); not rewritten (fix a copy, or use -o)")
    if not status.st_mode & 0o222:
        return "is read-only: not rewritten (make it writable to fix it)"
    return None


def _useful_workers(asked: int, sources: Sequence[Source]) -> int:
    """No more workers than cores, nor than pieces of work (a file, or a block of a large
    one): `-W 300` on one record starts one process, not 300."""
    pieces = sum(max(1, -(-s.size // BLOCK_SIZE)) if s.fmt != "txt" else 1 for s in sources)
    return max(1, min(asked, os.cpu_count() or 1, pieces))


def _copy(descriptor: int, writer: AtomicWriter, size: int) -> None:
    """The first `size` bytes of the open input, read at their offsets (the descriptor's own
    position is the reader's): never the path again, which another program may have replaced."""
    offset = 0
    while offset < size:
        block = os.pread(descriptor, min(size - offset, 1 << 20), offset)
        if not block:
            raise InputError("changed while it was being cleaned (it got shorter): not replaced")
        writer.write(block)
        offset += len(block)


def _identity(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_ino, status.st_size, status.st_mtime_ns


def _write_error(target: Path | None, error: OSError) -> InputError:
    where = f" {target}" if target is not None else ""
    return InputError(f"cannot write{where}: {error.strerror or error}")


def _list_passes() -> int:
    from .passes import PASSES
    from .presets import PRESETS

    print("passes:")
    for name in PASSES:
        print(f"  {name}")
    print("presets:")
    for preset in PRESETS.values():
        print(f"  {preset.name}: {preset.description}")
        for spec, reason in preset.steps:
            print(f"    {spec}  # {reason}")
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    argv = _bare_stats(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command == "passes":
        return _list_passes()
    previous = _on_sigterm(_terminate)
    try:
        settings = _settings(args)
        skipped: list[Skipped] = []
        sources = _sources(settings, skipped)
        if args.command == "report":
            from .report import run_report

            for item in skipped:
                print(f"arabic-clean: error: {item.name}: {item.reason}", file=sys.stderr)
            code = run_report(settings, sources, max_docs=args.max_docs)
            return max(code, EXIT_INPUT) if skipped else code
        return Runner(settings).run(sources, skipped)
    except Terminated:
        print("arabic-clean: terminated (SIGTERM); no file was left half-written",
              file=sys.stderr)
        return 128 + signal.SIGTERM
    except UsageError as error:
        print(f"arabic-clean: error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader of our stdout went away (`| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLEAN
    except KeyboardInterrupt:
        print("arabic-clean: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last resort: report, never hide
        print(f"arabic-clean: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        if getattr(args, "verbose", False):
            import traceback

            traceback.print_exc()
        else:
            print("(run with -v for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        _on_sigterm(previous)


class Terminated(BaseException):
    """SIGTERM: unwinds like Ctrl-C, so the run's cleanup removes its temp files."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated


def _on_sigterm(handler: Any) -> Any:
    """Install `handler` for SIGTERM, returning the one it replaces (main thread only)."""
    import threading

    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


def run(argv: Sequence[str] | None = None) -> None:
    """Console entry that exits with `main`'s code."""
    raise SystemExit(main(argv))

