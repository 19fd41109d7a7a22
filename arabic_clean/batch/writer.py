"""Writing outputs: atomically (a temp file beside the target, then a rename), keeping the
mode, owner and extended attributes of the file replaced, and refusing in-place rewrites that
would do harm the user did not ask for."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, Any

from ..formats import InputError
from .errors import require

#: The end of a named temp file's name: ``.NAME.RANDOM.arabic-clean.tmp``.
TEMP_SUFFIX = ".arabic-clean.tmp"


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class AtomicWriter:
    """Write to a temp file beside `target`, then `os.replace` it: readers see the old file or
    the new one, never a truncated one.  The mode, owner and extended attributes of `like` (or
    of `target`) are kept where the system lets us (a user cannot give a file to another).

    On Linux the temp file has no name until it is complete (O_TMPFILE), so a run killed with
    SIGKILL, which can clean nothing up, leaves no temp file behind: a new file is linked
    under its own name when complete; a file that exists gets a temp name just before the
    rename (microseconds in which a SIGKILL would leave it).  Where a folder cannot hold
    unnamed files, the temp is named from the start and a SIGKILL leaves it behind."""

    def __init__(self, target: Path, *, compression: str | None = None,
                 like: Path | None = None) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        mode_from = like if like is not None else target
        self.like = mode_from if mode_from.exists() else None
        self.mode = stat.S_IMODE(mode_from.stat().st_mode) if self.like is not None \
            else _default_mode()
        self.temp: Path | None = None  # the temp file's name, once it has one
        fd = _unnamed_file(target.parent)
        if fd is None:
            fd, self.temp = _named_temp(target)
        self.raw: IO[bytes] = os.fdopen(fd, "wb")
        self.stream: Any = self.raw
        if compression == "gzip":
            import gzip

            self.stream = gzip.GzipFile(filename="", fileobj=self.raw, mode="wb", mtime=0)
        elif compression == "zstd":
            zstandard = require("zstandard", f"{target}: writing .zst")
            self.stream = zstandard.ZstdCompressor().stream_writer(self.raw, closefd=False)

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        try:
            if self.stream is not self.raw:
                self.stream.close()
            self.raw.flush()
            descriptor = self.raw.fileno()
            os.fsync(descriptor)
            os.chmod(descriptor, self.mode)
            if self.like is not None:
                _keep_owner_and_xattrs(self.like, descriptor)
            if self.temp is None and _link(descriptor, self.target):
                self.raw.close()  # a new file: it appeared under its own name, complete
                return
            if self.temp is None:
                # Named and renamed in one call: the temp's name lives for as short a time as
                # can be (a kill -9 in those microseconds is the one way to leave it behind).
                _give_name_and_replace(descriptor, self.target)
            else:
                os.replace(self.temp, self.target)
            self.raw.close()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        try:
            self.raw.close()
        finally:
            if self.temp is not None:
                self.temp.unlink(missing_ok=True)


def _unnamed_file(folder: Path) -> int | None:
    """A descriptor of a new file in `folder` that has no name yet, or None where the system
    or the file system cannot make one (or /proc is missing, through which it gets a name)."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:  # EOPNOTSUPP, EISDIR: a file system without unnamed files
        return None


def _temp_prefix(target: Path) -> str:
    # A name may use 255 bytes; the temp name adds ~27 to at most 120 bytes of it.
    return "." + (os.fsencode(target.name)[:120].decode("utf-8", "ignore") or "x") + "."


def _named_temp(target: Path) -> tuple[int, Path]:
    import tempfile

    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target),
                                suffix=TEMP_SUFFIX)
    return fd, Path(temp)


def _link(descriptor: int, path: str | Path, *, then_replace: str | None = None) -> bool:
    """Give the unnamed file open at `descriptor` the name `path`; False if it is taken.
    With `then_replace`, rename it there at once (the name is removed if that fails)."""
    # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N links the file itself.  The folder is given
    # as a descriptor because os.link with default folders calls link(), which would try to
    # link the /proc symbolic link (EXDEV).
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            os.link(str(descriptor), path, src_dir_fd=proc, follow_symlinks=True)
        except FileExistsError:
            return False
        if then_replace is not None:
            try:
                os.replace(path, then_replace)
            except BaseException:
                os.unlink(path)
                raise
        return True
    finally:
        os.close(proc)


def _give_name_and_replace(descriptor: int, target: Path) -> None:
    """Link the unnamed file open at `descriptor` beside `target` under a new temp name, and
    rename it over `target` straight away."""
    import secrets

    prefix, folder, final = _temp_prefix(target), os.fspath(target.parent), os.fspath(target)
    while not _link(descriptor, os.path.join(folder, f"{prefix}{secrets.token_hex(4)}{TEMP_SUFFIX}"),
                    then_replace=final):
        pass  # another temp took the name: draw again


def _keep_owner_and_xattrs(original: Path, temp: int) -> None:
    """Give the temp file open at descriptor `temp` the owner, group and extended attributes
    of `original`, as far as allowed: `fix` run as root keeps a user's file the user's; a user
    cannot chown, and that is fine."""
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


def refuse_in_place(status: os.stat_result) -> str | None:
    """Why an in-place rewrite would do harm the user did not ask for, or None."""
    if status.st_nlink > 1:
        return (f"has {status.st_nlink} hard links: replacing it would split them (the other "
                "names would keep the old text); not rewritten (fix a copy, or use -o)")
    if not status.st_mode & 0o222:
        return "is read-only: not rewritten (make it writable to fix it)"
    return None


def copy_prefix(descriptor: int, writer: AtomicWriter, size: int) -> None:
    """The first `size` bytes of the open input, read at their offsets (the descriptor's own
    position is the reader's): never the path again, which another program may have replaced."""
    offset = 0
    while offset < size:
        block = os.pread(descriptor, min(size - offset, 1 << 20), offset)
        if not block:
            raise InputError("changed while it was being cleaned (it got shorter): not replaced")
        writer.write(block)
        offset += len(block)


def file_identity(status: os.stat_result) -> tuple[int, int, int]:
    """(inode, size, mtime): a file replaced or written to by another program changes it."""
    return status.st_ino, status.st_size, status.st_mtime_ns


def write_error(target: Path | None, error: OSError) -> InputError:
    """An OSError while writing, as the input error that names the file (exit 2)."""
    where = f" {target}" if target is not None else ""
    return InputError(f"cannot write{where}: {error.strerror or error}")
