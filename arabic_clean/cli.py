"""``arabic-clean``: clean corpora of Arabic text in place, check them, or show the diff.

The CLI only chooses a pipeline and moves bytes; every behaviour it exposes is reachable from
Python under the same names (`arabic_clean.clean`, `PRESETS`, `Pipeline.from_names`,
`arabic_clean.formats.process_chunk`).  See docs/cli.md.

Exit codes: 0 nothing to change, 1 something changed (or would), 2 usage or input error,
3 internal error.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import stat
import sys
import tempfile
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import __version__
from .config import ConfigError, load_config
from .formats import (
    FORMATS,
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
)
from .passes import PASSES
from .pipeline import Pipeline
from .presets import PRESETS

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
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders; '-' reads stdin and writes stdout")
    choose = common.add_argument_group("pipeline")
    choose.add_argument("--preset", help=f"named pipeline: {', '.join(PRESETS)} (default safe)")
    choose.add_argument("--passes", action="append", metavar="A,B,C",
                        help="explicit pass list instead of a preset (name or name:key=value)")
    choose.add_argument("--skip", action="append", metavar="PASS", help="drop a pass (repeatable)")
    data = common.add_argument_group("input and output")
    data.add_argument("--format", choices=("auto", *FORMATS),
                      help="input format; auto picks by extension (.gz/.zst allowed)")
    data.add_argument("--field", action="append", metavar="NAME",
                      help="JSONL/CSV/Parquet field to clean, dotted for nesting (default text)")
    data.add_argument("--encoding", help="input encoding: auto (default), utf-8, cp1256, ...")
    data.add_argument("--stdin-filename", metavar="NAME",
                      help="name for '-' input: picks the format and names it in messages")
    data.add_argument("-o", "--output", metavar="PATH",
                      help="write to this file or folder instead of in place")
    run = common.add_argument_group("running")
    run.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    run.add_argument("-W", "--workers", type=int, metavar="N",
                     help="worker processes (0 = one per core; default 1)")
    run.add_argument("--keep-going", action="store_true", default=None,
                     help="after an input error, go on with the other files")
    run.add_argument("--stats", metavar="FILE",
                     help="JSON report; bare --stats prints it to stderr, --stats=FILE writes it")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    run.add_argument("-v", "--verbose", action="store_true", help="name every file and summarise")

    parser = argparse.ArgumentParser(
        prog="arabic-clean",
        description="Clean scraped Arabic text: fix files in place, check them, or show the diff.",
        epilog="exit codes: 0 nothing to change, 1 changed or would change, "
               "2 usage or input error, 3 internal error",
    )
    parser.add_argument("--version", action="version", version=f"arabic-clean {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_parser("fix", parents=[common], help="rewrite files in place (atomic)",
                        description="Rewrite files in place; exit 1 if any file changed.")
    commands.add_parser("check", parents=[common], help="write nothing; list files that would change",
                        description="Write nothing; exit 1 if any file would change.")
    commands.add_parser("segment", parents=[common], help="one sentence per line, or a "
                        "'sentences' field in JSONL", description="Split into sentences: txt "
                        "gives one sentence per line, JSONL gets a 'sentences' field. Writes to "
                        "stdout, or to -o.")
    commands.add_parser("passes", help="list passes and presets")
    report = commands.add_parser("report", parents=[common], help="write an HTML before/after "
                                 "report (-o FILE.html)", description="See docs/report.md.")
    report.add_argument("--max-docs", type=int, default=100, metavar="N",
                        help="draw the first N documents (default 100); the summary counts all")
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
    keep_going: bool = False
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
        value = getattr(args, name.replace("-", "_"))
        return value if value is not None else config.get(name, default)

    pipeline = _pipeline(args, config)
    fields = tuple(parse_field(f) for f in _split_specs(pick("field", None) or ["text"]))
    workers = pick("workers", 1)
    if workers < 0:
        raise UsageError("--workers must be 0 (one per core) or more")
    fmt = pick("format", "auto")
    if fmt not in ("auto", *FORMATS):
        raise UsageError(f"format {fmt!r} in {config_path}: choose from auto, {', '.join(FORMATS)}")
    encoding = pick("encoding", "auto")
    if encoding != "auto":
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}") from None
    job = Job(pipeline, fields, encoding, segment=args.command == "segment",
              want_diff=args.diff, want_stats=args.stats is not None)
    return Settings(
        command=args.command, job=job, paths=args.paths, fmt=fmt, output=args.output,
        stdin_filename=args.stdin_filename, workers=workers or os.cpu_count() or 1,
        keep_going=bool(pick("keep-going", False)), stats_to=args.stats,
        progress=not args.no_progress, quiet=args.quiet, verbose=args.verbose and not args.quiet,
    )


def _pipeline(args: argparse.Namespace, config: dict[str, Any]) -> Pipeline:
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
    for name in skip:
        if name not in PASSES:
            raise UsageError(f"--skip {name}: unknown pass; known passes: {', '.join(PASSES)}")
    if skip:
        pipeline = Pipeline([s for s in pipeline.steps if s.name not in skip])
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


def _walk(folder: Path, fmt: str) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and _wanted(path, fmt):
                yield path


def _sources(settings: Settings) -> list[Source]:
    if not settings.paths:
        raise UsageError("no PATH given (use '-' for stdin)")
    output = Path(settings.output) if settings.output else None
    found: list[tuple[Path | None, Path | None]] = []  # (path, folder it was found under)
    for raw in settings.paths:
        if raw == "-":
            found.append((None, None))
            continue
        path = Path(raw)
        if path.is_dir():
            found.extend((p, path) for p in _walk(path, settings.fmt))
        elif path.exists():
            found.append((path, None))
        else:
            raise UsageError(f"{raw}: no such file or folder")
    output_is_folder = output is not None and (
        output.is_dir() or settings.output.endswith(("/", os.sep)) or len(found) > 1
        or any(root is not None for _, root in found)
    )
    sources = []
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
        return gzip.open(source.path, "rb")  # type: ignore[return-value]
    if source.compression == "zstd":
        zstandard = _require("zstandard", f"{source.name}: reading .zst")
        return zstandard.ZstdDecompressor().stream_reader(open(source.path, "rb"), closefd=True)
    return open(source.path, "rb")


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


def _chunks(source: Source, job: Job, stream: IO[bytes]) -> Iterator[Chunk | ReadFailure]:
    try:
        if source.fmt == "txt":
            yield Chunk("txt", stream.read(), name=source.name)
            return
        cut = _csv_cut if source.fmt in ("csv", "tsv") else _jsonl_cut
        parts: list[bytes] = []
        parity, line, columns, first = 0, 1, (), True
        while True:
            block = stream.read(BLOCK_SIZE)
            if block:
                end, left_parity = cut(block, parity)
                if not end:
                    parts.append(block)
                    parity = left_parity
                    continue
                parts.append(block[:end])
                data, rest = b"".join(parts), block[end:]
                parts, parity = [rest], left_parity
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


def _worker_init(job: Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


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
    with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(job,)) as pool:
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
    the new one, never a truncated one.  The mode of `like` (or of `target`) is kept."""

    def __init__(self, target: Path, *, compression: str | None = None,
                 like: Path | None = None) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        mode_from = like if like is not None else target
        self.mode = stat.S_IMODE(mode_from.stat().st_mode) if mode_from.exists() \
            else _default_mode()
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".arabic-clean.tmp")
        self.temp = Path(temp)
        self.raw: IO[bytes] = os.fdopen(fd, "wb")
        self.stream: Any = self.raw
        if compression == "gzip":
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


class Runner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stats = Stats()
        self.files = self.files_changed = self.errors = 0
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
    def run(self, sources: list[Source]) -> int:
        started = time.perf_counter()
        self._start_progress(sources)
        try:
            chunked = [s for s in sources if s.fmt != "parquet"]
            for state, chunk, result in _ordered(self._tasks(chunked), self.settings.job,
                                                 self.settings.workers):
                self._take(state, chunk, result)
                if self.stop:
                    break
            for source in sources:
                if source.fmt == "parquet" and not self.stop:
                    self._parquet(source)
        finally:
            for state in self.open_files:  # an interrupted run leaves no temp files behind
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
            try:
                for chunk in _chunks(source, self.settings.job, stream):
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
                self.stdout(f"--- a/{state.source.name}\n+++ b/{state.source.name}\n".encode())
            state.diff_started = True
            self.stdout(result.diff.encode("utf-8", "surrogateescape"))
        state.changed |= result.changed
        self._write(state, chunk, result)

    def _write(self, state: FileState, chunk: Chunk, result: ChunkResult) -> None:
        settings, source = self.settings, state.source
        if not settings.writes:
            return
        if source.target is None and source.path is None or (
                settings.command == "segment" and source.target is None):
            self.stdout(result.output)
            return
        if source.target is None and state.writer is None:
            # In place: nothing is written until a chunk changes; then the unchanged input
            # before it is copied over, so clean files are never rewritten.
            if not result.changed:
                state.input_bytes += len(chunk.data)
                return
            assert source.path is not None
            target = Path(os.path.realpath(source.path))
            state.writer = AtomicWriter(target)
            with open(target, "rb") as original:
                _copy(original, state.writer, state.input_bytes)
        elif state.writer is None:
            assert source.target is not None
            _, compression = detect_format(source.target.name)
            state.writer = AtomicWriter(source.target, compression=compression, like=source.path)
        state.writer.write(result.output)

    def _finish(self, state: FileState) -> None:
        source = state.source
        if state.failed:
            return
        self.files += 1
        self.stats.merge(state.stats)
        if state.writer is not None:
            writer, state.writer = state.writer, None
            writer.commit()
        if state in self.open_files:
            self.open_files.remove(state)
        if state.changed:
            self.files_changed += 1
            self.code = max(self.code, EXIT_CHANGED)
            if self.settings.command == "check" or self.settings.job.want_diff:
                self.say(f"would change: {source.name}")
            elif self.settings.command == "fix" and source.path is not None:
                self.say(f"fixed: {source.name}" + (f" -> {source.target}" if source.target else ""))
        elif self.settings.verbose:
            self.say(f"unchanged: {source.name}")
        if self.settings.command == "segment":
            self.code = EXIT_CLEAN if self.code == EXIT_CHANGED else self.code

    def _fail(self, state: FileState, error: InputError) -> None:
        state.failed = True
        if state in self.open_files:
            self.open_files.remove(state)
        if state.writer is not None:
            state.writer.abort()
            state.writer = None
        self.errors += 1
        self.code = max(self.code, EXIT_INPUT)
        self.error(error.where(state.source.name) + ("" if self.settings.keep_going or
                   self.settings.paths == ["-"] else " (file left untouched; --keep-going "
                                                     "processes the other files)"))
        if not self.settings.keep_going:
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
                        self.stdout(f"--- a/{source.name}\n+++ b/{source.name}\n".encode())
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


def _copy(source: IO[bytes], writer: AtomicWriter, size: int) -> None:
    while size > 0:
        block = source.read(min(size, 1 << 20))
        if not block:
            raise OSError("the input changed while it was being cleaned")
        writer.write(block)
        size -= len(block)


def _list_passes() -> int:
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
    try:
        settings = _settings(args)
        sources = _sources(settings)
        if args.command == "report":
            from .report import run_report
            return run_report(settings, sources, max_docs=args.max_docs)
        return Runner(settings).run(sources)
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
            traceback.print_exc()
        else:
            print("(run with -v for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def run(argv: Sequence[str] | None = None) -> None:
    """Console entry that exits with `main`'s code."""
    raise SystemExit(main(argv))

