"""One run of fix, check, --diff or segment: reading, cleaning and writing file by file,
each file's chunks taken back in order, its output committed or aborted as a whole."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..formats import Chunk, ChunkResult, InputError, Stats, detect_format
from .errors import EXIT_INPUT
from .pool import ordered_results, useful_workers
from .reading import ReadFailure, open_input, read_chunks
from .settings import Mode, Settings
from .sources import Skipped, Source
from .summary import Summary
from .writer import AtomicWriter, copy_prefix, file_identity, refuse_in_place, write_error


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
    """One run: chunks go out in input order, results come back in that order, and each file
    is written, reported and closed as its last chunk comes back."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.summary = Summary()
        self.documents_to_stdout = 0  # segment: a blank line goes between two documents
        self.stop = False
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
        self.summary.sources = len(sources) + len(skipped)
        for item in skipped:
            self._fail(FileState(Source(None, item.name, "txt", None)), InputError(item.reason))
            if self.stop:
                sources = []
        self._start_progress(sources)
        try:
            chunked = [s for s in sources if s.fmt != "parquet"]
            for state, chunk, result in ordered_results(
                    self._tasks(chunked), self.settings.job,
                    useful_workers(self.settings.workers, chunked)):
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
        seconds = time.perf_counter() - started
        for line in self.summary.closing_lines(self.settings, seconds, stopped=self.stop):
            self._print(line)
        try:
            self.summary.write_stats(self.settings, seconds)
        except InputError as error:
            self.error(str(error))
            self.summary.code = max(self.summary.code, EXIT_INPUT)
        return self.summary.code

    def _tasks(self, sources: list[Source]) -> Iterator[tuple[FileState, Chunk | ReadFailure]]:
        for source in sources:
            if self.stop:
                return
            state = FileState(source)
            self.open_files.append(state)
            try:
                stream = open_input(source)
            except OSError as error:
                yield state, ReadFailure(InputError(f"cannot open: {error.strerror or error}"))
                continue
            if source.path is not None and source.compression is None \
                    and source.target is None and self.settings.writes:
                state.original = os.dup(stream.fileno())
                state.identity = file_identity(os.fstat(state.original))
            try:
                for chunk in read_chunks(source, self.settings.job, stream,
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
            self.progress.set_postfix(docs=self.summary.stats.documents + state.stats.documents
                                      + result.stats.documents, refresh=False)
        self.summary.bytes_in += len(chunk.data)
        state.stats.merge(result.stats)
        if result.diff:
            # A txt chunk's diff has its own header (the file is one chunk).
            self._show_diff(state, result.diff, header=chunk.fmt != "txt")
        state.changed |= result.changed
        if result.note and result.note not in state.notes:
            state.notes.append(result.note)
        try:
            self._write(state, chunk, result)
        except OSError as error:  # disk full, permission denied: the input is named, exit 2
            target = state.writer.target if state.writer is not None else \
                state.source.target or state.source.path
            self._fail(state, write_error(target, error))
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
            refusal = refuse_in_place(os.fstat(state.original))
            if refusal:
                raise InputError(refusal)
            target = Path(os.path.realpath(source.path))
            state.writer = AtomicWriter(target)
            copy_prefix(state.original, state.writer, state.input_bytes)
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
                    now = file_identity(os.stat(writer.target))
                    if now != state.identity:
                        writer.abort()
                        raise InputError("changed while it was being cleaned (another program "
                                         "wrote it): not replaced; run again")
                writer.commit()
            except OSError as error:
                self._fail(state, write_error(writer.target, error))
                return
            except InputError as error:
                self._fail(state, error)
                return
        state.close()
        self.summary.count_file(state.stats, changed=state.changed,
                                segment=self.settings.command == "segment")
        if state in self.open_files:
            self.open_files.remove(state)
        if state.changed:
            note = f" ({', '.join(state.notes)})" if state.notes else ""
            if self.settings.mode is not Mode.FIX:
                self.say(f"would change: {source.name}{note}")
            elif self.settings.command == "fix" and source.path is not None:
                self.say(f"fixed: {source.name}" + (f" -> {source.target}" if source.target else "")
                         + note)
        elif self.settings.verbose:
            self.say(f"unchanged: {source.name}")

    def _fail(self, state: FileState, error: InputError) -> None:
        state.failed = True
        state.close()
        if state in self.open_files:
            self.open_files.remove(state)
        if state.writer is not None:
            state.writer.abort()
            state.writer = None
        self.summary.count_failure(state.source.name, error)
        untouched = " (left untouched)" if self.settings.writes and state.source.path else ""
        self.error(error.where(state.source.name) + untouched)
        if self.settings.fail_fast:
            self.stop = True

    def _parquet(self, source: Source) -> None:
        from ..formats import process_parquet

        state = FileState(source)
        try:
            for diff_text, changed, stats in process_parquet(
                    source.path, source.target if self.settings.writes else None,
                    self.settings.job, source.name, writer=AtomicWriter):
                state.stats.merge(stats)
                state.changed |= changed
                if diff_text:
                    self._show_diff(state, diff_text, header=True)
        except InputError as error:
            self._fail(state, error)
            return
        self.summary.bytes_in += source.size
        self._finish(state)

    def _show_diff(self, state: FileState, diff: str, *, header: bool) -> None:
        """A file's diff on stdout, its ---/+++ header once before its first hunk."""
        if header and not state.diff_started:
            name = state.source.name
            self.stdout(f"--- a/{name}\n+++ b/{name}\n".encode("utf-8", "surrogateescape"))
        state.diff_started = True
        self.stdout(diff.encode("utf-8", "surrogateescape"))

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
