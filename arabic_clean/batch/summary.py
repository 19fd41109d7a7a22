"""What a run counts (files, changes, errors, documents, bytes), the exit code that follows from
it, its closing messages and its ``--stats`` JSON report."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..formats import InputError, Stats
from .errors import EXIT_CHANGED, EXIT_CLEAN, EXIT_INPUT
from .settings import Mode, Settings


@dataclass
class Summary:
    """The counts of one run so far, and the exit code they make."""

    sources: int = 0  # inputs found, skipped ones included
    files: int = 0  # processed to the end
    files_changed: int = 0
    errors: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)  # {"file", "line", "error"}
    stats: Stats = field(default_factory=Stats)
    bytes_in: int = 0
    code: int = EXIT_CLEAN

    def count_file(self, stats: Stats, *, changed: bool, segment: bool) -> None:
        self.files += 1
        self.stats.merge(stats)
        if changed:
            self.files_changed += 1
            self.code = max(self.code, EXIT_CHANGED)
        if segment:  # segment changes nothing: writing sentences is its job, not a finding
            self.code = EXIT_CLEAN if self.code == EXIT_CHANGED else self.code

    def count_failure(self, name: str, error: InputError) -> None:
        self.errors += 1
        self.code = max(self.code, EXIT_INPUT)
        self.failed.append({"file": name, "line": error.line, "error": error.message})

    def closing_lines(self, settings: Settings, seconds: float, *, stopped: bool) -> list[str]:
        """The messages that end a run: the files that failed, and with -v the totals."""
        lines = []
        if self.errors and self.sources > 1:
            left = self.sources - self.files - self.errors
            where = f"stopped at the first (--fail-fast), {left} not processed" \
                if settings.fail_fast and stopped else f"{self.files} other files processed"
            lines.append(f"arabic-clean: {self.errors} "
                         f"{'file' if self.errors == 1 else 'files'} could not be processed "
                         f"(named above; left untouched); {where}")
        if settings.verbose:
            verb = "changed" if settings.command == "fix" and settings.mode is Mode.FIX \
                else "would change"
            lines.append(f"{self.files} files, {self.files_changed} {verb}, {self.errors} errors, "
                         f"{self.stats.documents} documents in {seconds:.2f} s")
        return lines

    def write_stats(self, settings: Settings, seconds: float) -> None:
        """The --stats report: to stderr for a bare --stats, else to its file."""
        if settings.stats_to is None:
            return
        text = json.dumps(self.stats_report(settings, seconds), ensure_ascii=False,
                          indent=2) + "\n"
        if settings.stats_to == "-":
            sys.stderr.write(text)
            return
        from .writer import AtomicWriter

        # A file name that is not UTF-8 holds lone surrogates: written as the JSON escape
        # (\udcff) it stands for, so the file stays UTF-8 and valid JSON.
        target = Path(settings.stats_to)
        try:
            writer = AtomicWriter(target)
            writer.write(text.encode("utf-8", "backslashreplace"))
            writer.commit()
        except OSError as error:
            raise InputError(f"cannot write the --stats report {target}: "
                             f"{error.strerror or error}") from None

    def stats_report(self, settings: Settings, seconds: float) -> dict[str, Any]:
        s = self.stats
        names = settings.job.pipeline.names
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
            "pipeline": names,
            "passes": {name: s.passes.get(name, {"documents_changed": 0, "lines_removed": 0,
                                                 "characters_removed": 0})
                       for name in names},
        }
