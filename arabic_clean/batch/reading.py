"""Reading inputs: opening a file (gzip, zstd or plain) and cutting it into chunks of whole
records, so that chunks can be cleaned apart and in parallel and memory stays bounded."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..formats import Chunk, InputError, Job, read_header, resolve_columns
from .errors import require
from .sources import Source

#: Bytes read at a time from JSONL/CSV/TSV; a chunk is the complete records in one block.
#: Small enough that two workers share even a few MB evenly; IPC per chunk is noise.
BLOCK_SIZE = 256 << 10


def open_input(source: Source) -> IO[bytes]:
    """The bytes of `source`, decompressed; stdin when it has no path."""
    if source.path is None:
        return sys.stdin.buffer
    if source.compression == "gzip":
        import gzip

        return gzip.open(source.path, "rb")  # type: ignore[return-value]
    if source.compression == "zstd":
        zstandard = require("zstandard", f"{source.name}: reading .zst")
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


def read_chunks(source: Source, job: Job, stream: IO[bytes], *, limit: int = 1 << 62,
            ) -> Iterator[Chunk | ReadFailure]:
    """Chunks of whole records; a record (or txt file) over `limit` bytes is an error, read
    no further, so a 32 KB .zst that expands to one 1 GiB line cannot fill the memory."""
    try:
        if source.compression is not None and source.path is not None and source.size == 0:
            # gzip and zstd both read an empty file as empty data; `gzip -t` calls it truncated.
            raise InputError(f"an empty {source.compression} file: no compressed data (truncated?)")
        if source.fmt == "txt":
            # Block by block: one read of `limit + 1` bytes would ask for that much memory
            # up front, whatever the file's size.
            blocks, size = [], 0
            while size <= limit:
                block = stream.read(min(limit + 1 - size, 1 << 24))
                if not block:
                    break
                blocks.append(block)
                size += len(block)
            if size > limit:
                raise _too_long(limit)
            yield Chunk("txt", b"".join(blocks), name=source.name)
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
