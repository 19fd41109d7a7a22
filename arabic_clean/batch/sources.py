"""Which files a run reads, and where each one's output goes.

Folders are walked sorted; hidden names, Markdown and unknown extensions are left out; links
out of the walked tree, FIFOs, devices and unreadable folders are reported and skipped, never
read or written through.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..formats import detect_format
from .errors import UsageError
from .settings import Settings


@dataclass
class Source:
    """One input: a file (or stdin when `path` is None) and where its output goes."""

    path: Path | None
    name: str  # as shown in messages and diffs
    fmt: str
    compression: str | None
    target: Path | None = None  # None: in place (fix) or nowhere (check, diff)
    size: int = 0


def is_wanted(path: Path, fmt: str) -> bool:
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


def why_skipped(path: Path, tree: Path | None) -> str | None:
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


def walk_folder(folder: Path, fmt: str, skipped: list[Skipped], avoid: Path | None = None,
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
            if name.startswith(".") or not is_wanted(path, fmt):
                continue
            problem = why_skipped(path, tree)
            if problem:
                skipped.append(Skipped(str(path), problem))
            elif problem is None:
                yield path


def find_sources(settings: Settings, skipped: list[Skipped] | None = None) -> list[Source]:
    """The inputs of a run, in order, each with its target; paths not processed go to
    `skipped`.  Usage errors (a missing path, two inputs onto one output) stop the run."""
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
        if not raw:  # Path("") is the current folder: `fix "$UNSET"` must not walk it
            raise UsageError("an empty PATH ('') names no file")
        path = Path(raw)
        if path.is_dir():
            found.extend((p, path) for p in walk_folder(path, settings.fmt, skipped, avoid))
        elif path.exists():
            problem = why_skipped(path, None)
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
            if fmt == "parquet":
                raise UsageError("Parquet is not read from stdin (its footer is at the end): "
                                 "give the file")
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
        if target is not None and not output_is_folder and settings.command == "fix" \
                and settings.fmt == "auto":
            # The output is written in the input's format: a name that says another would lie.
            named = detect_format(target.name, default="")[0]
            if named and named != fmt:
                raise UsageError(f"-o {settings.output} names a {named} file, but {path} is "
                                 f"{fmt}: the output is written as {fmt}")
        if target is None and output is not None and settings.command == "segment":
            raise UsageError(f"-o {settings.output}: segment would overwrite its input {path}")
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
    _refuse_overwriting_inputs(settings, [s.path for s in sources if s.path is not None])
    return sources


def _refuse_overwriting_inputs(settings: Settings, inputs: list[Path]) -> None:
    """The files a run writes besides its outputs (the --stats report, report's HTML page)
    must not be one of its inputs, and --stats must be writable before the run begins."""
    resolved = {path.resolve() for path in inputs}
    written = []
    if settings.stats_to not in (None, "-"):
        written.append(("--stats", Path(settings.stats_to)))
    if settings.command == "report" and settings.output:
        written.append(("-o", Path(settings.output)))
    for option, path in written:
        if path.resolve() in resolved:
            raise UsageError(f"{option} {path} is one of the inputs: it would be overwritten")
    if settings.stats_to not in (None, "-"):
        stats = Path(settings.stats_to)
        if stats.is_dir():
            raise UsageError(f"--stats {stats} is a folder: give a file name")
        if not stats.resolve().parent.is_dir():
            raise UsageError(f"--stats {stats}: the folder {stats.parent} does not exist")
