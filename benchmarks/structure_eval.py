"""Score a cleaning function on the labelled chrome data: body kept, chrome removed, headline once.

    python benchmarks/structure_eval.py                      # default function, per file and total
    python benchmarks/structure_eval.py --func mod:name      # any str -> str function
    python benchmarks/structure_eval.py --loso               # also: each site scored with its own
                                                             # lexicon entries left out, and with
                                                             # no dev-derived entries at all

Every output line is aligned back to an input line (the passes only delete lines; a line that
was rewritten, e.g. a deduplicated headline, is matched by its text). A labelled line counts as
kept when some output line is aligned to it. Exit status 1 when a total misses its target.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _common import print_table, read_jsonl, require_shared  # noqa: E402  (sets sys.path)

from arabic_clean.structure.keys import line_key

FILES = ("data/chrome/dev.jsonl", "data/chrome/scraped-dev.jsonl")
TARGETS = {"body_kept": 0.99, "chrome_removed": 0.95, "headline_once": 0.95}
_SPACES = re.compile(r"[ \t\u00a0]+")
_BREAK = re.compile(r"\r\n|\n|\r")


def _repair_characters() -> Callable[[str], str]:
    """The lossless character repair clean() applies to every kept line (identity if absent)."""
    try:
        from arabic_clean import PRESETS
    except ImportError:  # pragma: no cover - before the presets existed
        return lambda text: text
    return PRESETS["repair"].pipeline


_REPAIR = _repair_characters()


def _norm(line: str) -> str:
    # Both sides are compared after character repair (invisible characters, tatweel,
    # presentation forms, mojibake), so a body line that clean() repaired still counts
    # as kept; only whole-line decisions are scored.
    return _SPACES.sub(" ", _REPAIR(line)).strip()


def default_function() -> tuple[str, Callable[[str], str]]:
    try:
        package = importlib.import_module("arabic_clean")
        clean = getattr(package, "clean", None)
        if clean is not None and "remove_chrome" in _steps_of(package):
            return "arabic_clean:clean", clean
    except Exception:  # noqa: BLE001 - a broken or missing clean() falls back to the structure passes
        pass
    from arabic_clean.structure import clean_structure
    return "arabic_clean.structure:clean_structure", clean_structure


def _steps_of(package: object) -> str:
    """Best effort: the names of the steps the default preset runs, as text."""
    try:
        presets = importlib.import_module("arabic_clean.presets")
        return repr(vars(presets))
    except Exception:  # noqa: BLE001
        return ""


def load_function(spec: str) -> Callable[[str], str]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def align(record: dict, output: str) -> tuple[set[int], list[tuple[int | None, str]]]:
    """Input line indices that survive in `output`, and each output line with its source index."""
    inputs = [_norm(x["text"]) for x in record["lines"]]
    position: dict[str, list[int]] = {}
    for index, text in enumerate(inputs):
        if text:
            position.setdefault(text, []).append(index)
    kept: set[int] = set()
    pairs: list[tuple[int | None, str]] = []
    cursor = 0
    for line in _BREAK.split(output):
        text = _norm(line)
        if not text:
            continue
        match = next((i for i in position.get(text, ()) if i >= cursor), None)
        if match is None:
            pairs.append((None, text))
            continue
        kept.add(match)
        pairs.append((match, text))
        cursor = match + 1
    return kept, pairs


def render_expected(record: dict, pairs: list[tuple[int | None, str]]) -> str:
    """The output in the README's `expected` format: title lines joined first, then the rest."""
    labels = [x["label"] for x in record["lines"]]
    titles = [text for index, text in pairs if index is not None and labels[index] == "title"]
    rest = [text for index, text in pairs if index is None or labels[index] != "title"]
    return "\n\n".join(([" ".join(titles)] if titles else []) + rest)


def headline_once(record: dict, output: str) -> bool:
    pieces = [line_key(x["text"]) for x in record["lines"] if x["label"] == "title"]
    title = "".join(pieces)
    keys = [line_key(line) for line in _BREAK.split(output) if line.strip()]
    # A copy holds the headline and little else (suffix, glued repeats, a caption); a long
    # paragraph that happens to quote the headline is not a copy.
    copies = sum(1 for key in keys if title and title in key and len(key) <= 3.5 * len(title) + 30)
    if len(pieces) > 1:  # a hard-wrapped headline counts once when its pieces stand in order
        copies += sum(1 for i in range(len(keys) - len(pieces) + 1) if keys[i: i + len(pieces)] == pieces)
    return copies == 1


def score(records: list[dict], func: Callable[[str], str]) -> dict:
    totals = {"docs": 0, "body": 0, "body_kept": 0, "chrome": 0, "chrome_removed": 0,
              "attr": 0, "attr_removed": 0, "once": 0, "exact": 0, "seconds": 0.0, "bytes": 0}
    for record in records:
        start = time.perf_counter()
        output = func(record["text"])
        totals["seconds"] += time.perf_counter() - start
        totals["bytes"] += len(record["text"].encode("utf-8"))
        kept, pairs = align(record, output)
        labels = [x["label"] for x in record["lines"]]
        for index, label in enumerate(labels):
            if label == "body":
                totals["body"] += 1
                totals["body_kept"] += index in kept
            elif label == "chrome":
                totals["chrome"] += 1
                totals["chrome_removed"] += index not in kept
            elif label in ("byline_or_date", "caption"):
                totals["attr"] += 1
                totals["attr_removed"] += index not in kept
        totals["once"] += headline_once(record, output)
        totals["exact"] += render_expected(record, pairs) == _REPAIR(record["expected"])
        totals["docs"] += 1
    return totals


def ratios(t: dict) -> dict[str, float]:
    div = lambda a, b: a / b if b else 1.0  # noqa: E731
    return {"body_kept": div(t["body_kept"], t["body"]), "chrome_removed": div(t["chrome_removed"], t["chrome"]),
            "attribution_removed": div(t["attr_removed"], t["attr"]), "headline_once": div(t["once"], t["docs"]),
            "exact": div(t["exact"], t["docs"]), "mb_s": div(t["bytes"] / 1e6, t["seconds"])}


HEADERS = ["set", "docs", "body kept", "chrome removed", "byline/caption removed", "headline once", "exact docs", "MB/s"]


def row(name: str, t: dict) -> list[object]:
    r = ratios(t)
    return [name, t["docs"], f"{r['body_kept']:.4f} ({t['body_kept']}/{t['body']})",
            f"{r['chrome_removed']:.4f} ({t['chrome_removed']}/{t['chrome']})",
            f"{r['attribution_removed']:.3f}", f"{r['headline_once']:.3f} ({t['once']}/{t['docs']})",
            f"{t['exact']}/{t['docs']}", f"{r['mb_s']:.1f}"]


def merge(parts: list[dict]) -> dict:
    total: dict = {}
    for part in parts:
        for key, value in part.items():
            total[key] = total.get(key, 0) + value
    return total


def site_of(record: dict) -> str:
    return record["site"].split()[0]


def leave_one_site_out(records: list[dict], *, drop_all_dev: bool = False) -> tuple[dict, list[list[object]]]:
    from arabic_clean.structure import clean_structure
    from arabic_clean.structure.chrome import Lexicon, lexicon_text

    text = lexicon_text()
    every_dev = frozenset(f.split("\t")[2].split(" ")[0] for f in text.splitlines()
                          if f.count("\t") == 2 and f.split("\t")[2].startswith("dev:"))
    parts, rows = [], []
    for site in sorted({site_of(r) for r in records}):
        excluded = every_dev if drop_all_dev else frozenset({f"dev:{site}"})
        lexicon = Lexicon.parse(text, exclude_sources=excluded)
        subset = [r for r in records if site_of(r) == site]
        part = score(subset, lambda t, lexicon=lexicon: clean_structure(t, lexicon=lexicon))
        parts.append(part)
        rows.append(row(site, part))
    return merge(parts), rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--func", help="module:function to score (str -> str)")
    parser.add_argument("--loso", action="store_true", help="also score with each site's lexicon entries left out")
    parser.add_argument("--docs", action="store_true", help="print one row per document")
    args = parser.parse_args()
    paths = [require_shared(f) for f in FILES]
    name, func = (args.func, load_function(args.func)) if args.func else default_function()
    print(f"function: {name}")

    per_file, rows = [], []
    for path in paths:
        records = read_jsonl(path)
        if args.docs:
            for record in records:
                rows.append(row("  " + record["id"], score([record], func)))
        part = score(records, func)
        per_file.append(part)
        rows.append(row(Path(path).name, part))
    total = merge(per_file)
    rows.append(row("TOTAL (tuned)", total))
    print_table(HEADERS, rows)

    failed = [k for k, floor in TARGETS.items() if ratios(total)[k] < floor]
    if args.loso:
        records = [r for p in paths for r in read_jsonl(p)]
        loso, loso_rows = leave_one_site_out(records)
        general, _ = leave_one_site_out(records, drop_all_dev=True)
        print("\nleave-one-site-out (clean_structure, the left-out site's dev:<site> lexicon entries removed):")
        print_table(HEADERS, loso_rows + [row("TOTAL (tuned)", total), row("TOTAL (left out)", loso),
                                          row("TOTAL (no dev lexicon)", general)])
        failed += [f"{k} (left out)" for k, floor in TARGETS.items() if ratios(loso)[k] < floor]
    if failed:
        print(f"\nFAIL: below target: {', '.join(failed)} (targets {TARGETS})")
        return 1
    print(f"\nOK: targets met {TARGETS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
