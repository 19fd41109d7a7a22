"""``arabic-clean``: clean corpora of Arabic text in place, check them, or show the diff.

The CLI only chooses a pipeline and moves bytes; every behaviour it exposes is reachable from
Python under the same names (`arabic_clean.clean`, `PRESETS`, `Pipeline.from_names`,
`arabic_clean.formats.process_chunk`).  See docs/cli.md.

This module is the entry point only: the command line, the signals and the exit code.  The
run itself is `arabic_clean.batch` (settings, sources, reading, pool, writer, summary, runner).

Exit codes: 0 nothing to change, 1 something changed (or would), 2 usage or input error
(every file is still processed; ``--fail-fast`` stops at the first), 3 internal error.

The pipeline and its passes are imported when a run needs them, not at import: ``--help``,
``--version`` and usage errors answer at once.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .batch.errors import EXIT_CLEAN, EXIT_INPUT, EXIT_INTERNAL, UsageError
from .formats import FORMATS, LINE_ENDINGS

if TYPE_CHECKING:
    from .batch.sources import Skipped

#: Preset names, for --help without importing the passes (tests check it against PRESETS).
PRESET_NAMES = ("repair", "safe", "search")

__all__ = ["build_parser", "main"]


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
    # Imported once a run is sure: --help, --version and argparse's usage errors skip them.
    from .batch.runner import Runner
    from .batch.settings import settings_from
    from .batch.sources import find_sources

    previous = _on_sigterm(_terminate)
    try:
        settings = settings_from(args)
        skipped: list[Skipped] = []
        sources = find_sources(settings, skipped)
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

