"""Normalization speed: arabic_clean's fused pipeline against CAMeL Tools, pyarabic and arabic-norm.

Builds a news corpus from ../shared/data (about 5% of words given harakat, 1% a
kashida after a joining letter), then, in one process, best of 3, measures MB/s
of strip_diacritics -> strip_tatweel -> normalize_alef -> normalize_alef_maqsura
-> normalize_teh_marbuta for each library. Checks the output is identical to
CAMeL's and exits 1 if arabic_clean is below 2.0x CAMeL.

    pip install --no-deps camel-tools emoji six   # CAMeL's utils without torch
    python benchmarks/normalize_speed.py
"""

from __future__ import annotations

import argparse
import random
import re

from _common import best_seconds, megabytes, print_table, read_jsonl, require_shared

from arabic_clean import Pipeline
from arabic_clean import tables as T
from arabic_clean.bytetable import compile_byte_table
from arabic_clean.rules import Table, _string_steps, char_class, compile_rules

CHAIN = ["strip_diacritics", "strip_tatweel", "normalize_alef", "normalize_alef_maqsura",
         "normalize_teh_marbuta"]
TARGET_RATIO = 2.0
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


def build_corpus(copies: int, seed: int = 7) -> str:
    docs = [d["text"] for d in read_jsonl(require_shared("data/chrome/dev.jsonl"))]
    docs += [d["text"] for d in read_jsonl(require_shared("data/chrome/scraped-dev.jsonl"))]
    rng = random.Random(seed)
    joining = set(T.DUAL_JOINING) - {T.TATWEEL}
    out = []
    for _ in range(copies):
        for doc in docs:
            words = doc.split(" ")
            for i, word in enumerate(words):
                roll = rng.random()
                if roll < 0.05:  # vocalize: a haraka after most letters
                    words[i] = "".join(
                        c + (rng.choice(HARAKAT) if "\u0621" <= c <= "\u064a" and rng.random() < 0.7
                             else "") for c in word)
                elif roll < 0.06:  # kashida after a joining letter inside the word
                    spots = [j for j, c in enumerate(word[:-1]) if c in joining]
                    if spots:
                        j = rng.choice(spots) + 1
                        words[i] = word[:j] + T.TATWEEL * rng.randint(1, 3) + word[j:]
            out.append(" ".join(words))
    return "\n".join(out)


def camel_chain():
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar)
    except ImportError:
        return None

    def run(text: str) -> str:
        text = dediac_ar(text)
        text = normalize_alef_ar(text)
        text = normalize_alef_maksura_ar(text)
        text = normalize_teh_marbuta_ar(text)
        return text.replace("\u0640", "")

    return run


def pyarabic_chain():
    try:
        from pyarabic import araby
    except ImportError:
        return None

    def run(text: str) -> str:
        text = araby.strip_tatweel(araby.strip_tashkeel(text))
        return araby.normalize_teh(araby.normalize_alef(text))  # also maps ى -> ا

    return run


def arabic_norm_chain():
    try:
        import arabic_norm
    except ImportError:
        return None
    return arabic_norm.normalize


def table_strategies() -> dict:
    """Ways to run the chain's fused table (no tatweel rule), for the record.

    arabic_clean.rules uses the fastest that applies: bytes.translate through a
    one-byte codec, in cache-sized pieces, falling back to str.replace.
    """
    deletions = {c: "" for c in T.DIACRITICS}
    mappings = {**{c: T.ALEF for c in T.ALEF_VARIANTS}, T.ALEF_MAQSURA: T.YEH, T.TEH_MARBUTA: T.HEH}
    table = {**deletions, **mappings}
    translate_table = str.maketrans(table)
    klass = re.compile(char_class(table))
    generic = _string_steps(table)
    through_bytes = compile_byte_table(table, fallback=lambda t: t)

    def run_generic(text: str) -> str:
        for step in generic:
            text = step(text)
        return text

    return {
        "str.translate (dict)": lambda t: t.translate(translate_table),
        "one regex class + callback": lambda t: klass.sub(lambda m: table[m.group()], t),
        "str.replace + guarded regex": run_generic,
        "bytes.translate, one buffer": compile_rules([Table(table)], chunk=10**12),
        "bytes.translate, 64K pieces": through_bytes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="corpus = dev data x copies")
    args = parser.parse_args()
    corpus = build_corpus(args.copies)
    size = megabytes([corpus])
    ours = Pipeline.from_names(CHAIN)
    print(f"corpus: {size:.1f} MB, fused groups: {ours.fused_groups()}")

    contenders = {"arabic_clean": ours, "CAMeL Tools": camel_chain(),
                  "pyarabic": pyarabic_chain(), "arabic-norm (Rust)": arabic_norm_chain()}
    rates = {}
    for name, func in contenders.items():
        if func is None:
            continue
        rates[name] = size / best_seconds(lambda f=func: f(corpus))
    for name, func in table_strategies().items():
        rates[f"  strategy: {name}"] = size / best_seconds(lambda f=func: f(corpus))

    camel = contenders["CAMeL Tools"]
    baseline = rates.get("CAMeL Tools")
    rows = [(name, rate, f"{rate / baseline:.2f}x" if baseline else "-") for name, rate in rates.items()]
    print_table(["implementation", "MB/s", "vs CAMeL"], rows)

    if camel is None:
        print("SKIP comparison: CAMeL Tools not installed (pip install --no-deps camel-tools emoji six)")
        return 0
    expected = camel(corpus)
    got = ours(corpus)
    # The one documented difference: a tatweel that is not a kashida (a dash,
    # "القاهرة ـ قال", or a prefix mark, "بـ140") is kept; CAMeL deletes every U+0640.
    kept_dashes = len(re.findall(T.TATWEEL + "+", got))
    if got.replace(T.TATWEEL, "") != expected:
        a, b = got.replace(T.TATWEEL, ""), expected
        where = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        print(f"FAIL: output differs from CAMeL's at char {where}: "
              f"{a[where - 20:where + 20]!r} vs {b[where - 20:where + 20]!r}")
        return 1
    print(f"outputs identical to CAMeL's, except {kept_dashes} dash or prefix tatweel runs kept"
          " by design (CAMeL deletes them)")
    ratio = rates["arabic_clean"] / baseline
    if ratio < TARGET_RATIO:
        print(f"FAIL: arabic_clean is {ratio:.2f}x CAMeL, target {TARGET_RATIO}x")
        return 1
    print(f"OK: arabic_clean is {ratio:.2f}x CAMeL (target {TARGET_RATIO}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
