"""Project settings for the CLI: the ``[tool.arabic-clean]`` table of ``pyproject.toml``.

The nearest ``pyproject.toml`` at or above the working folder is read (the rule black and
ruff use).  Command-line options win over the table; the table wins over the defaults.

```toml
[tool.arabic-clean]
preset = "safe"            # or: passes = ["remove_invisible", "normalize_whitespace"]
skip = ["strip_tatweel"]
field = ["text"]           # JSONL/CSV/Parquet fields to clean (dotted paths allowed)
format = "auto"
encoding = "auto"          # or "cp1256" for files that are not UTF-8; "cp1256!" forces it
line-endings = "keep"      # or "lf", "crlf"
workers = 2
fail-fast = false          # true: stop at the first file that cannot be read
```
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["KEYS", "RETIRED", "ConfigError", "find_pyproject", "load_config"]

#: Key -> the types it accepts.  Lists may also be given as one comma-separated string.
KEYS: Mapping[str, tuple[type, ...]] = {
    "preset": (str,),
    "passes": (list, str),
    "skip": (list, str),
    "field": (list, str),
    "format": (str,),
    "encoding": (str,),
    "workers": (int,),
    "line-endings": (str,),
    "fail-fast": (bool,),
    "max-record-size": (int,),
}

#: Keys that were removed, with what to write instead.
RETIRED = {
    "keep-going": "going on after a file that cannot be read is now the default; "
                  "write fail-fast = true to stop at the first",
}

_SECTION = "[tool.arabic-clean]"


class ConfigError(ValueError):
    """The table has an unknown key or a value of the wrong type."""


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ImportError:
            raise ConfigError(
                f"{path} has {_SECTION}: reading it on Python 3.10 needs the 'tomli' package"
            ) from None
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_config(start: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    """The validated ``[tool.arabic-clean]`` table (keys with dashes) and the file it came from."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return {}, None
    # Most pyproject files have no such table: do not parse (or need tomli) for them. Any
    # mention of the name is parsed: `[ tool.arabic-clean ]`, `[tool."arabic-clean"]`, dotted
    # keys and a broken header are then read or refused, never ignored.
    if "arabic-clean" not in path.read_text(encoding="utf-8", errors="replace"):
        return {}, path
    try:
        table = _load_toml(path).get("tool", {}).get("arabic-clean", {})
    except ValueError as error:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: {error}") from None
    settings: dict[str, Any] = {}
    for key, value in table.items():
        key = key.replace("_", "-")
        if key in RETIRED:
            raise ConfigError(f"{path}: {_SECTION} {key}: {RETIRED[key]}")
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} in {_SECTION} "
                              f"(known: {', '.join(KEYS)})")
        if not isinstance(value, KEYS[key]) or isinstance(value, bool) != (bool in KEYS[key]):
            raise ConfigError(f"{path}: {_SECTION} {key} = {value!r} has the wrong type")
        if isinstance(value, str) and list in KEYS[key]:
            value = [value]  # the CLI splits "a,b" as it does for its own options
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{path}: {_SECTION} {key} must be a list of strings")
        settings[key] = value
    return settings, path
