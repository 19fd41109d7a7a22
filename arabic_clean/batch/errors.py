"""The CLI's exit codes, and the errors that stop a run before any file is touched."""

from __future__ import annotations

import importlib
from typing import Any

EXIT_CLEAN, EXIT_CHANGED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

#: Extras named in the error when an optional package is missing.
EXTRAS = {"zstandard": "zstd", "pyarrow": "parquet", "tqdm": "progress"}


class UsageError(Exception):
    """Bad options or paths: exit 2 before any file is touched."""


class MissingExtra(UsageError):
    def __init__(self, module: str, why: str) -> None:
        super().__init__(f"{why} needs the '{module}' package: "
                         f"pip install 'arabic-clean[{EXTRAS.get(module, module)}]'")


def require(module: str, why: str) -> Any:
    """`module`, imported when a run first needs it; `MissingExtra` names the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module.split(".")[0], why) from None
