"""Shared fixtures: where the evaluation data in ../shared lives, and how to skip without it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"


def shared_dir() -> Path:
    """The shared evaluation folder: $ARABIC_CLEAN_SHARED, else ../shared beside the repo."""
    env = os.environ.get("ARABIC_CLEAN_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip the calling test with a reason when it is absent."""
    path = shared_dir() / relative
    if not path.exists():
        pytest.skip(f"evaluation data not present: {path} (set ARABIC_CLEAN_SHARED)")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_cases(pattern: str) -> list[dict]:
    """Every record of tests/cases/<pattern> (a glob), each tagged with its file and line."""
    records = []
    for path in sorted(CASES.glob(pattern)):
        for number, record in enumerate(read_jsonl(path), start=1):
            record.setdefault("id", f"{path.name}:{number}")
            records.append(record)
    return records
