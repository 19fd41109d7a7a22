"""The link between a public pass function and the rules it runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from .rules import Rule, compile_rules

F = TypeVar("F", bound=Callable[..., str])


class CharRules:
    """The rules of one character pass, built per option set and compiled once.

    A pass function calls :meth:`run`; a :class:`~arabic_clean.Pipeline` asks
    the function's ``char_rules`` attribute for the rules so that it can fuse
    them with its neighbours'.
    """

    def __init__(self, build: Callable[..., Sequence[Rule]]) -> None:
        self.rules: Callable[..., tuple[Rule, ...]] = lru_cache(maxsize=None)(
            lambda **options: tuple(build(**options))
        )
        self._programs: dict[tuple[tuple[str, Any], ...], Callable[[str], str]] = {}

    def run(self, text: str, **options: Any) -> str:
        key = tuple(sorted(options.items()))
        program = self._programs.get(key)
        if program is None:
            program = self._programs[key] = compile_rules(self.rules(**options))
        return program(text)

    def attach(self, func: F) -> F:
        """Mark `func` as a character pass made of these rules."""
        func.char_rules = self.rules  # type: ignore[attr-defined]
        return func
