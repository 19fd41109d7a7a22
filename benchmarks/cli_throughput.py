"""CLI throughput on a synthetic JSONL corpus: workers 1 and 2, peak RSS, overhead vs clean().

    python benchmarks/cli_throughput.py                       # the issue's run: 200 MB + a 2 GB file
    python benchmarks/cli_throughput.py --size-mb 50 --memory-gb 0   # quicker
    python benchmarks/cli_throughput.py --small-files 1000   # `check` on many small files only

The corpus repeats the documents of ../shared/data/chrome/*.jsonl with small variations
(a tatweel in ~1% of words, a changing id) until it reaches the size.  Each run is
`python -m arabic_clean fix FILE -o OUT -W N` in a fresh process; its peak RSS is the largest
of the process and its workers (wait4's ru_maxrss).

Targets (exit 1 when one is missed):
- workers 2 / workers 1 >= 1.7 (on 2 cores);
- workers 1 >= 0.8 x the rate of calling clean() in a loop on the same records;
- peak RSS < 300 MB on the corpus, and < 50 MB on a `--memory-gb` file (2 GB by default)
  cleaned with `--preset repair` and 2 workers (memory stays bounded however large the file):
  the character passes are fast, so the run measures what streaming costs, not the structure
  passes.

`--baseline CHECKOUT` compares this checkout's `fix` throughput with another checkout's (say
main, before a refactoring): runs of the two alternate, `--repeat` of each per worker count,
best of each; the ratio must stay within 5%:

    git worktree add --detach /tmp/main-before main
    python benchmarks/cli_throughput.py --size-mb 50 --memory-gb 0 --baseline /tmp/main-before --repeat 5

`--small-files N` measures something else, the pre-commit case: `arabic-clean check -q DIR` on
N small txt files, the first N articles of ../shared/data/corpus/newspapers-dev.jsonl.gz
written back as the original windows-1256 files (CRLF, NUL at the end; median 3.7 KB), then the
same tree after one `fix` (UTF-8, what the hook sees from then on).  Files/s are counted on the
child's CPU time (user + system, best of 3: other jobs on the shared cores disturb it less than
wall time, which is printed beside it), start-up included, beside clean() on the same texts in
this process.  Target: `check` >= 300 files/s with one worker on the UTF-8 tree.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, best_seconds, print_table, require_shared

SCALING_TARGET = 1.7
OVERHEAD_TARGET = 0.8
RSS_TARGET_MB = 300
BIG_FILE_RSS_TARGET_MB = 50  # the bound for a 2 GB JSONL
BASELINE_TOLERANCE = 0.05  # this checkout / baseline >= 0.95
SMALL_FILES_TARGET = 300  # files/s of `check` with one worker


def build_corpus(path: Path, size_mb: float, seed: int = 13) -> int:
    """Write the corpus; returns its number of records."""
    sources = [require_shared("data/chrome/scraped-dev.jsonl"),
               require_shared("data/chrome/dev.jsonl")]
    texts = [json.loads(line)["text"] for p in sources
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    target, written, count = size_mb * 1e6, 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            words = texts[count % len(texts)].split(" ")
            for _ in range(max(1, len(words) // 100)):
                i = rng.randrange(len(words))
                if len(words[i]) > 2:
                    words[i] = words[i][:2] + "\u0640" + words[i][2:]
            record = {"id": count, "source": "bench", "text": " ".join(words),
                      "meta": {"n": count % 7}}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def clean_loop_rate(corpus: Path, preset: str, sample_mb: float) -> float:
    """MB/s of parsing the records and calling clean() on each (best of 3), over a sample."""
    sys.path.insert(0, str(REPO))
    from arabic_clean import clean

    lines = []
    size = 0
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            lines.append(line)
            size += len(line.encode("utf-8"))
            if size >= sample_mb * 1e6:
                break
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for line in lines:
            clean(json.loads(line)["text"], preset=preset)
        best = min(best, time.perf_counter() - start)
    return size / 1e6 / best


def _digest(path: Path) -> str:
    # Streamed: reading both outputs whole would grow this process by their size, and a
    # child's peak RSS counts the parent's pages it was forked with, before its exec.
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_cli(corpus: Path, out: Path, workers: int, preset: str, repo: Path = REPO,
            ) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one CLI run of the code in `repo`."""
    command = [sys.executable, "-m", "arabic_clean", "fix", str(corpus), "-o", str(out),
               "-W", str(workers), "--preset", preset, "--no-progress", "-q"]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=repo)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def run_check(folder: Path, *options: str) -> tuple[float, float, int]:
    """(wall seconds, child CPU seconds, exit code) of `arabic-clean check -q folder`."""
    command = [sys.executable, "-m", "arabic_clean", "check", "-q", "--no-progress",
               str(folder), *options]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(command, env=env, cwd=REPO, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), code


def small_files(count: int, repeat: int) -> int:
    """`check` on `count` small real articles: files/s beside clean() in-process."""
    import gzip

    sys.path.insert(0, str(REPO))
    from arabic_clean import clean
    from arabic_clean.formats import decode_text

    path = require_shared("data/corpus/newspapers-dev.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for _, line in zip(range(count), handle)]
    folder = Path(tempfile.mkdtemp(prefix="cli-small-"))
    legacy, utf8 = folder / "windows-1256", folder / "utf-8"
    for index, text in enumerate(texts):
        for root in (legacy, utf8):
            root.mkdir(exist_ok=True)
            (root / f"{index:05d}.txt").write_bytes(text.encode("cp1256"))
    subprocess.run([sys.executable, "-m", "arabic_clean", "fix", "-q", str(utf8)],
                   env={**os.environ, "PYTHONPATH": str(REPO)}, stderr=subprocess.DEVNULL)
    size_kb = sum(len(t.encode("cp1256")) for t in texts) / len(texts) / 1e3
    print(f"{len(texts)} files, mean {size_kb:.1f} KB (windows-1256), preset safe, one worker, "
          f"load average {os.getloadavg()[0]:.1f}")

    rows, checks = [], []
    in_process = best_seconds(lambda: [clean(t) for t in texts], repeat=repeat,
                              clock=time.process_time)
    rows.append(["clean() in this process, the same texts", len(texts) / in_process, "-"])
    decoded = [p.read_bytes() for p in sorted(utf8.iterdir())]
    in_process = best_seconds(lambda: [clean(decode_text(d)) for d in decoded], repeat=repeat,
                              clock=time.process_time)
    rows.append(["decode_text + clean() in this process, UTF-8 files", len(texts) / in_process,
                 "-"])
    for label, root, options in (
            ("check, UTF-8 tree (after one fix)", utf8, ()),
            ("check, windows-1256 originals, --encoding auto", legacy, ()),
            ("check, windows-1256 originals, --encoding cp1256", legacy, ("--encoding", "cp1256"))):
        runs = [run_check(root, *options) for _ in range(repeat)]
        codes = {code for _, _, code in runs}
        if not codes <= {0, 1, 2}:
            print(f"FAIL: check exited {codes} on {root}")
            return 1
        wall, cpu = min(w for w, _, _ in runs), min(c for _, c, _ in runs)
        rows.append([label, len(texts) / cpu, len(texts) / wall])
        if root is utf8:
            checks.append((f"{label} >= {SMALL_FILES_TARGET} files/s", len(texts) / cpu,
                           len(texts) / cpu >= SMALL_FILES_TARGET))
    print_table(["run", "files/s (CPU)", "files/s (wall)"], rows)
    print()
    print_table(["target", "measured", "met"], [[n, v, "yes" if ok else "NO"] for n, v, ok in checks])
    shutil.rmtree(folder)
    return 0 if all(ok for _, _, ok in checks) else 1


def against_baseline(corpus: Path, folder: Path, baseline: Path, preset: str, repeat: int, *,
                     keep: bool) -> int:
    """Best MB/s of this checkout and of `baseline` per worker count, their runs interleaved."""
    size_mb = corpus.stat().st_size / 1e6
    best: dict[tuple[str, int], float] = {}
    checkouts = [("baseline", baseline), ("this checkout", REPO)]
    for round_ in range(repeat):
        for workers in (1, 2):
            # Alternate which goes first: a run can slow the next (the page cache writes back
            # the 50 MB it wrote), and that must not fall on one checkout only.
            for label, repo in checkouts if round_ % 2 == 0 else checkouts[::-1]:
                out = folder / f"out-{label[0]}-{workers}.jsonl"
                seconds, _, code = run_cli(corpus, out, workers, preset, repo)
                if code not in (0, 1):
                    print(f"FAIL: {repo} exited {code} with --workers {workers}")
                    return 1
                best[label, workers] = max(best.get((label, workers), 0.0), size_mb / seconds)
    rows, checks = [], []
    for workers in (1, 2):
        if _digest(folder / f"out-b-{workers}.jsonl") != _digest(folder / f"out-t-{workers}.jsonl"):
            print(f"FAIL: the two checkouts wrote different bytes with --workers {workers}")
            return 1
        ratio = best["this checkout", workers] / best["baseline", workers]
        rows.append([f"--workers {workers}", best["baseline", workers],
                     best["this checkout", workers], ratio])
        checks.append((f"--workers {workers}: this / baseline >= {1 - BASELINE_TOLERANCE:.2f}",
                       ratio, ratio >= 1 - BASELINE_TOLERANCE))
    print(f"baseline {baseline}, best of {repeat} interleaved runs each")
    print_table(["run", "baseline MB/s", "this checkout MB/s", "ratio"], rows)
    print()
    print_table(["target", "measured", "met"], [[n, v, "yes" if ok else "NO"] for n, v, ok in checks])
    if not keep:
        shutil.rmtree(folder)
    return 0 if all(ok for _, _, ok in checks) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=200)
    parser.add_argument("--memory-gb", type=float, default=2.0,
                        help="also stream a file this large (0 to skip) and check peak RSS")
    parser.add_argument("--preset", default="safe")
    parser.add_argument("--sample-mb", type=float, default=5,
                        help="corpus prefix timed for the clean() loop")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per worker count, interleaved; the best counts (shared cores)")
    parser.add_argument("--keep", metavar="DIR", help="build the corpus here and keep it")
    parser.add_argument("--baseline", metavar="CHECKOUT", type=Path,
                        help="only compare fix throughput with the code in CHECKOUT")
    parser.add_argument("--small-files", type=int, metavar="N",
                        help="only time `check` on N small txt files (the pre-commit case)")
    args = parser.parse_args()
    if args.small_files:
        return small_files(args.small_files, max(args.repeat, 3))

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cli-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    if not corpus.exists() or corpus.stat().st_size < args.size_mb * 1e6 * 0.99:
        records = build_corpus(corpus, args.size_mb)
    else:
        records = sum(1 for _ in corpus.open("rb"))
    size_mb = corpus.stat().st_size / 1e6
    print(f"corpus: {corpus} {size_mb:.1f} MB, {records} records, preset {args.preset}, "
          f"{os.cpu_count()} cores")

    if args.baseline:
        return against_baseline(corpus, folder, args.baseline.resolve(), args.preset,
                                args.repeat, keep=bool(args.keep))
    loop_rate = clean_loop_rate(corpus, args.preset, args.sample_mb)
    gc.collect()
    results: dict[int, tuple[float, float]] = {}
    for _ in range(args.repeat):
        for workers in (1, 2):
            out = folder / f"out-{workers}.jsonl"
            seconds, rss, code = run_cli(corpus, out, workers, args.preset)
            if code not in (0, 1):
                print(f"FAIL: the CLI exited {code} with --workers {workers}")
                return 1
            rate, peak = results.get(workers, (0.0, 0.0))
            results[workers] = (max(rate, size_mb / seconds), max(peak, rss))
    if _digest(folder / "out-2.jsonl") != _digest(folder / "out-1.jsonl"):
        print("FAIL: --workers 2 wrote different bytes from --workers 1")
        return 1
    scaling = results[2][0] / results[1][0]
    overhead = results[1][0] / loop_rate
    peak = max(rss for _, rss in results.values())

    rows = [
        ["clean() loop (json.loads + clean)", loop_rate, "-"],
        ["CLI --workers 1", results[1][0], results[1][1]],
        ["CLI --workers 2", results[2][0], results[2][1]],
    ]
    checks = [
        (f"scaling workers 2 / 1 >= {SCALING_TARGET}", scaling, scaling >= SCALING_TARGET),
        (f"workers 1 / clean() loop >= {OVERHEAD_TARGET}", overhead, overhead >= OVERHEAD_TARGET),
        (f"peak RSS < {RSS_TARGET_MB} MB", peak, peak < RSS_TARGET_MB),
    ]
    if args.memory_gb > 0:
        big = folder / "big.jsonl"
        if not big.exists() or big.stat().st_size < args.memory_gb * 1e9 * 0.99:
            build_corpus(big, args.memory_gb * 1000)
        big_mb = big.stat().st_size / 1e6
        seconds, rss, code = run_cli(big, folder / "big-out.jsonl", 2, "repair")
        if code not in (0, 1):
            print(f"FAIL: the CLI exited {code} on the {big_mb:.0f} MB file")
            return 1
        rows.append([f"CLI --workers 2 --preset repair, {big_mb:.0f} MB", big_mb / seconds, rss])
        checks.append((f"peak RSS on {big_mb:.0f} MB < {BIG_FILE_RSS_TARGET_MB} MB", rss,
                       rss < BIG_FILE_RSS_TARGET_MB))
    print_table(["run", "MB/s", "peak RSS MB"], rows)
    print()
    print_table(["target", "measured", "met"], [[n, v, "yes" if ok else "NO"] for n, v, ok in checks])
    if not args.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 0 if all(ok for _, _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
