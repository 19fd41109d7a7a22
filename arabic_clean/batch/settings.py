"""The options of one run: from the command line and ``[tool.arabic-clean]``, checked, with the
pipeline they name built (and tried once on "" so a bad pass option is a usage error)."""

from __future__ import annotations

import argparse
import enum
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ConfigError, load_config
from ..formats import FORMATS, LINE_ENDINGS, Job, parse_field, split_encoding
from .errors import UsageError

if TYPE_CHECKING:
    from ..pipeline import Pipeline


class Mode(enum.Enum):
    """What a run does with what it cleaned."""

    CHECK = "check"  # write nothing; name the files that would change
    DIFF = "diff"  # write nothing; print a unified diff
    FIX = "fix"  # write the output: in place or to -o (fix), to stdout or -o (segment)


@dataclass
class Settings:
    command: str
    mode: Mode
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
        return self.mode is Mode.FIX


#: The largest --max-record-size, in MB (1 TiB): larger numbers overflow the readers' sizes.
MAX_RECORD_MB = 1 << 20


def split_specs(values: Iterable[str]) -> list[str]:
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


def settings_from(args: argparse.Namespace) -> Settings:
    """The run's settings: an option given on the command line wins over the config file."""
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
        pipeline = build_pipeline(argparse.Namespace(preset=None, passes=None, skip=None), config)
    else:
        pipeline = None if segment else build_pipeline(args, config)
    try:
        # A field named twice would have its span rewritten twice (a JSON line broken): once.
        fields = tuple(dict.fromkeys(parse_field(f) for f in split_specs(pick("field", None) or ["text"])))
    except ValueError as error:
        raise UsageError(f"--field: {error}") from None
    workers = pick("workers", 1)
    if workers < 0:
        raise UsageError("--workers must be 0 (one per core) or more")
    # argparse checks the choices of the command line; these checks are for the config file.
    fmt = _one_of("format", pick("format", "auto"), ("auto", *FORMATS), config_path)
    encoding = pick("encoding", "auto")
    _check_codec(encoding)
    max_record = pick("max-record-size", 256)
    if not 1 <= max_record <= MAX_RECORD_MB:
        raise UsageError(f"--max-record-size is in MB, from 1 to {MAX_RECORD_MB}")
    endings = _one_of("line-endings", pick("line-endings", "keep"), LINE_ENDINGS, config_path)
    if getattr(args, "diff", False):
        mode = Mode.DIFF
    elif args.command in ("fix", "segment"):
        mode = Mode.FIX
    else:
        mode = Mode.CHECK  # check, and report: it writes one HTML file, no input's output
    job = Job(pipeline, fields, encoding, segment=segment, offsets=offsets,  # type: ignore[arg-type]
              want_diff=mode is Mode.DIFF,
              want_stats=getattr(args, "stats", None) is not None, line_endings=endings)
    return Settings(
        command=args.command, mode=mode, job=job, paths=args.paths, fmt=fmt,
        output=getattr(args, "output", None), stdin_filename=getattr(args, "stdin_filename", None),
        workers=workers or os.cpu_count() or 1, fail_fast=bool(pick("fail-fast", False)),
        max_record_mb=max_record,
        stats_to=getattr(args, "stats", None),
        progress=not getattr(args, "no_progress", False), quiet=getattr(args, "quiet", False),
        verbose=getattr(args, "verbose", False) and not getattr(args, "quiet", False),
    )


def _one_of(name: str, value: str, choices: Sequence[str], config_path: Path | None) -> str:
    if value not in choices:
        raise UsageError(f"{name} {value!r} in {config_path}: choose from {', '.join(choices)}")
    return value


def _check_codec(encoding: str) -> None:
    codec, _ = split_encoding(encoding)
    if codec in ("auto", "detect"):
        return
    import codecs

    try:
        codecs.lookup(codec)
        b"x".decode(codec)  # 'rot13', 'base64': codecs, but not of bytes to text
    except UnicodeDecodeError:
        pass  # a text codec ('utf-16' wants two bytes)
    except LookupError as error:
        raise UsageError(f"encoding {codec!r}: {error}") from None
    except (UnicodeError, ValueError) as error:  # 'undefined' refuses every input
        raise UsageError(f"encoding {codec!r} cannot decode: {error}") from None


def build_pipeline(args: argparse.Namespace, config: dict[str, Any]) -> Pipeline:
    """The pipeline named by --preset / --passes / --skip, or by the config file."""
    from ..pipeline import Pipeline
    from ..presets import PRESETS

    if args.preset and args.passes:
        raise UsageError("give --preset or --passes, not both")
    if not (args.preset or args.passes) and "preset" in config and "passes" in config:
        raise UsageError("[tool.arabic-clean] gives preset and passes: keep one")
    try:
        # `passes = []` in the config is a pipeline of no pass, refused below like `--passes ""`.
        if args.passes or (not args.preset and "passes" in config):
            specs = split_specs(args.passes or config["passes"])
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
    skip = split_specs(args.skip or config.get("skip", []))
    try:
        pipeline = pipeline.without(*skip)
    except ValueError as error:
        raise UsageError(f"--skip: {error}") from None
    try:
        pipeline("")  # a pass checks its options when it runs: 'normalize_digits:to=klingon'
    except (ValueError, TypeError) as error:
        raise UsageError(f"--passes: {error}") from None
    return pipeline
