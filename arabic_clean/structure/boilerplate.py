"""Site boilerplate learned from many documents of one site (CCNet-style line statistics).

A line that recurs, after normalization, in a large share of a site's pages is furniture:
footers, menus, share widgets, standing disclaimers. `learn_boilerplate` counts normalized
lines once per document; `remove_chrome(text, boilerplate=b)` then deletes them. The result
is a plain value the caller owns and can store as JSON: nothing is cached in the module.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from arabic_clean.structure._lines import content, split_lines
from arabic_clean.structure.keys import line_key

_FORMAT = "arabic-clean/boilerplate"
_VERSION = 1


@dataclass(frozen=True)
class Boilerplate:
    """Normalized lines (`line_key`) that recur across a site's documents, with how they were learned."""

    keys: frozenset[str] = field(default_factory=frozenset)
    documents: int = 0
    min_docs: int = 0
    min_share: float = 0.0

    def __contains__(self, line: str) -> bool:
        """Whether a raw line is boilerplate (it is normalized here)."""
        key = line_key(line)
        return bool(key) and key in self.keys

    def to_json(self) -> str:
        """A JSON document: format tag, version, learning settings and the sorted keys.

        >>> Boilerplate.from_json(Boilerplate(frozenset({"جميعالحقوقمحفوظه"}), 9, 3, 0.2).to_json()).documents
        9
        """
        return json.dumps(
            {"format": _FORMAT, "version": _VERSION, "documents": self.documents,
             "min_docs": self.min_docs, "min_share": self.min_share, "keys": sorted(self.keys)},
            ensure_ascii=False, indent=1,
        )

    @classmethod
    def from_json(cls, data: str) -> Boilerplate:
        """The value `to_json` wrote; a document of any other shape is a ValueError.

        >>> Boilerplate.from_json('{"format": "arabic-clean/boilerplate", "version": 1, "keys": "ab"}')
        Traceback (most recent call last):
        ValueError: arabic-clean/boilerplate v1: 'keys' must be a list of strings, got str
        """
        record = json.loads(data)
        if not isinstance(record, dict):
            raise ValueError(f"not an {_FORMAT} v{_VERSION} document: a JSON object expected, "
                             f"got {type(record).__name__}")
        if record.get("format") != _FORMAT or record.get("version") != _VERSION:
            raise ValueError(f"not an {_FORMAT} v{_VERSION} document: {record.get('format')!r} v{record.get('version')!r}")
        keys = record.get("keys")
        # A string is iterable too: "ab" would silently become the two keys "a" and "b".
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            raise ValueError(f"{_FORMAT} v{_VERSION}: 'keys' must be a list of strings, "
                             f"got {type(keys).__name__}")
        for name, kinds, what in (("documents", int, "an integer"), ("min_docs", int, "an integer"),
                                  ("min_share", (int, float), "a number")):
            value = record.get(name)
            if not isinstance(value, kinds) or isinstance(value, bool):  # True is an int too
                raise ValueError(f"{_FORMAT} v{_VERSION}: {name!r} must be {what}, got {value!r}")
        return cls(frozenset(keys), record["documents"], record["min_docs"],
                   float(record["min_share"]))

    dumps = to_json
    loads = from_json

    def __reduce__(self) -> tuple:
        # Sorted keys: the pickle is the same in every process (a frozenset's order depends
        # on the string hash seed), so engines that fingerprint steps by their pickle
        # (Hugging Face datasets' cache) recognise the same boilerplate on a rerun.
        return (_rebuild, (tuple(sorted(self.keys)), self.documents, self.min_docs, self.min_share))


def _rebuild(keys: tuple[str, ...], documents: int, min_docs: int, min_share: float) -> Boilerplate:
    return Boilerplate(frozenset(keys), documents, min_docs, min_share)


def learn_boilerplate(texts: Iterable[str], *, min_docs: int = 3, min_share: float = 0.2) -> Boilerplate:
    """Lines whose normalized form occurs in at least `min_docs` documents and `min_share` of them.

    Each document counts a line once, however often it repeats inside it. Lines that
    normalize to nothing (punctuation, separators) are never learned: they carry no evidence.

    >>> pages = ["خبر أول.\\nجميع الحقوق محفوظة ©", "خبر ثان.\\nجميع الحقوق محفوظة", "خبر ثالث.\\nجميع الحقوق محفوظة"]
    >>> b = learn_boilerplate(pages, min_docs=3)
    >>> "جميع الحقوق محفوظة" in b, "خبر أول." in b
    (True, False)
    """
    if min_docs < 1:
        raise ValueError(f"min_docs must be at least 1, got {min_docs}")
    if not 0.0 <= min_share <= 1.0:
        raise ValueError(f"min_share must be within [0, 1], got {min_share}")
    counts: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        counts.update({key for key in map(line_key, map(content, split_lines(text))) if key})
    floor = max(min_docs, min_share * documents)
    return Boilerplate(frozenset(k for k, n in counts.items() if n >= floor), documents, min_docs, min_share)
