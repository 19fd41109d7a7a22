"""`arabic-clean fix` killed with SIGKILL at random moments: no file is ever left torn.

    python benchmarks/cli_kill_trials.py                  # 32 trials, seed 13
    python benchmarks/cli_kill_trials.py --trials 64 --seed 7

Each trial copies the same inputs into a fresh folder -- a JSONL file of a few MB (the records
of ../shared/data/chrome/*.jsonl repeated, a tatweel added here and there so that most records
change) and a folder of a few hundred small .txt files of the same texts -- starts a real
`python -m arabic_clean fix` on them and kills it (SIGKILL, the parent only) after a random
delay between its start and its expected end.  Trials cycle through in place / `-o OUTDIR`
and `-W 1` / `-W 2`, so each of the four modes gets a quarter of them.

After each kill:
- every file is whole: byte-identical to its original or to the fully cleaned output (the
  cleaned bytes come from one uninterrupted run per mode, which must all agree); with -o the
  inputs are untouched and each output is absent or whole;
- no temp file is left (AtomicWriter's temps end in ``.arabic-clean.tmp``);
- no worker is left running: workers die with their parent (PR_SET_PDEATHSIG); a process
  still running after ~2 s with the trial's folder in its command line is a stray.

Prints a table per mode and exits 1 when any trial broke an invariant.  Skipped (exit 0 with a
reason) without ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, print_table, require_shared

from arabic_clean.batch.writer import TEMP_SUFFIX  # how AtomicWriter names its temp files

MODES = (("in place", 1), ("in place", 2), ("-o OUTDIR", 1), ("-o OUTDIR", 2))
STRAY_WAIT_SECONDS = 2.0


def build_inputs(folder: Path, texts: list[str], *, jsonl_bytes: int, txt_files: int,
                 seed: int) -> None:
    """`folder/news.jsonl` (about `jsonl_bytes`) and `folder/texts/NNNN.txt`, from `texts`."""
    rng = random.Random(seed)

    def varied(text: str) -> str:
        words = text.split(" ")
        for _ in range(max(1, len(words) // 50)):
            i = rng.randrange(len(words))
            if len(words[i]) > 2:
                words[i] = words[i][:2] + "\u0640" + words[i][2:]  # a tatweel: safe removes it
        return " ".join(words)

    (folder / "texts").mkdir(parents=True)
    with (folder / "news.jsonl").open("w", encoding="utf-8") as out:
        written = count = 0
        while written < jsonl_bytes:
            line = json.dumps({"id": count, "text": varied(texts[count % len(texts)])},
                              ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    for index in range(txt_files):
        text = texts[index % len(texts)]
        # A third left clean (unchanged files are never rewritten), the rest made dirty.
        body = text if index % 3 == 0 else varied(text)
        (folder / "texts" / f"{index:04d}.txt").write_text(body[:4000], encoding="utf-8")


def output_name(name: str) -> str:
    """Where -o OUTDIR puts an input: a walked folder's files land at the top of OUTDIR."""
    return name.removeprefix("texts/")


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def command(workdir: Path, workers: int, to_folder: bool) -> list[str]:
    inputs = workdir / "inputs"
    command = [sys.executable, "-m", "arabic_clean", "fix", "-q", "--no-progress",
               "-W", str(workers), str(inputs / "news.jsonl"), str(inputs / "texts")]
    if to_folder:
        command += ["-o", str(workdir / "out")]
    return command


def start(workdir: Path, workers: int, to_folder: bool) -> subprocess.Popen:
    # Its own session: the trial can find (and finally reap) anything it left behind
    # without touching any other process.
    return subprocess.Popen(command(workdir, workers, to_folder), cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def fresh_workdir(root: Path, pristine: Path, name: str) -> Path:
    workdir = root / name
    shutil.copytree(pristine, workdir / "inputs")
    return workdir


@dataclass(frozen=True)
class Expected:
    """The original and the cleaned bytes of every input (relative to the inputs folder), and
    the seconds an uninterrupted run takes per mode."""

    original: dict[str, bytes]
    cleaned: dict[str, bytes]
    seconds: dict[tuple[str, int], float]


def expected_outputs(root: Path, pristine: Path) -> Expected:
    """One uninterrupted run per mode; they must agree on every byte."""
    original = files_under(pristine)
    cleaned: dict[str, bytes] | None = None
    seconds = {}
    for place, workers in MODES:
        to_folder = place != "in place"
        workdir = fresh_workdir(root, pristine, f"expected-{len(seconds)}")
        began = time.perf_counter()
        process = start(workdir, workers, to_folder)
        _, err = process.communicate()
        seconds[place, workers] = time.perf_counter() - began
        if process.returncode != 1:
            raise SystemExit(f"FAIL: the uninterrupted run ({place}, -W {workers}) exited "
                             f"{process.returncode}: {err.decode(errors='replace')}")
        if to_folder:
            written = files_under(workdir / "out")
            result = {name: written[output_name(name)] for name in original}
        else:
            result = files_under(workdir / "inputs")
        if cleaned is not None and result != cleaned:
            raise SystemExit(f"FAIL: the uninterrupted runs disagree ({place}, -W {workers})")
        cleaned = result
        shutil.rmtree(workdir)
    assert cleaned is not None
    if cleaned == original:
        raise SystemExit("FAIL: the inputs are clean already: the trials would prove nothing")
    return Expected(original, cleaned, seconds)


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line holds `text` (zombies have an empty one)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path("/proc", entry, "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        if text.encode() in cmdline:
            found.append(int(entry))
    return found


@dataclass
class Trial:
    place: str
    workers: int
    delay: float
    finished_first: bool  # the run ended before the kill came
    whole: int
    cleaned: int  # of the whole files, those already in their cleaned state (progress made)
    torn: list[str]
    temps: list[str]
    strays: int

    @property
    def ok(self) -> bool:
        return not self.torn and not self.temps and not self.strays


def run_trial(workdir: Path, expected: Expected, place: str, workers: int, delay: float,
              ) -> Trial:
    to_folder = place != "in place"
    process = start(workdir, workers, to_folder)
    time.sleep(delay)
    finished_first = process.poll() is not None
    if not finished_first:
        os.kill(process.pid, signal.SIGKILL)  # the parent only: its workers must follow
    process.communicate()

    strays: list[int] = []
    deadline = time.monotonic() + STRAY_WAIT_SECONDS
    while True:
        strays = processes_mentioning(str(workdir))
        if not strays or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if strays:
        os.killpg(process.pid, signal.SIGKILL)  # the trial's own session: leave nothing behind

    inputs = files_under(workdir / "inputs")
    outputs = files_under(workdir / "out") if (workdir / "out").exists() else {}
    temps = [name for name in [*inputs, *outputs] if name.endswith(TEMP_SUFFIX)]
    torn, whole, cleaned = [], 0, 0
    for name, before in expected.original.items():
        after = expected.cleaned[name]
        checks = [(name, inputs.get(name), (before,) if to_folder else (before, after))]
        if to_folder and output_name(name) in outputs:  # an output not yet begun is absent
            checks.append((f"out/{output_name(name)}", outputs[output_name(name)], (after,)))
        for shown, data, allowed in checks:
            if data in allowed:
                whole += 1
                cleaned += data == after != before
            else:
                torn.append(shown)
    known = {output_name(name) for name in expected.original}
    torn.extend(f"out/{name} (unexpected)" for name in sorted(set(outputs) - known - set(temps)))
    torn.extend(f"{name} (unexpected)" for name in sorted(set(inputs) - set(expected.original)
                                                          - set(temps)))
    return Trial(place, workers, delay, finished_first, whole, cleaned, torn, temps, len(strays))


def run_trials(texts: list[str], *, trials: int, seed: int, jsonl_bytes: int, txt_files: int,
               verbose: bool = True) -> list[Trial]:
    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="cli-kill-"))
    try:
        pristine = root / "pristine"
        build_inputs(pristine, texts, jsonl_bytes=jsonl_bytes, txt_files=txt_files, seed=seed)
        expected = expected_outputs(root, pristine)
        if verbose:
            size = (pristine / "news.jsonl").stat().st_size / 1e6
            runs = ", ".join(f"{p} -W {w} {s:.2f} s" for (p, w), s in expected.seconds.items())
            print(f"inputs: news.jsonl {size:.1f} MB + {txt_files} txt files; "
                  f"uninterrupted: {runs}; seed {seed}")
        results = []
        for index in range(trials):
            place, workers = MODES[index % len(MODES)]
            delay = rng.uniform(0.0, expected.seconds[place, workers])
            workdir = fresh_workdir(root, pristine, f"trial-{index:03d}")
            trial = run_trial(workdir, expected, place, workers, delay)
            results.append(trial)
            if verbose and not trial.ok:
                print(f"trial {index} ({place}, -W {workers}, killed at {delay:.2f} s): "
                      f"torn {trial.torn[:3]}, temps {trial.temps[:3]}, "
                      f"stray processes {trial.strays}")
            shutil.rmtree(workdir)
        return results
    finally:
        shutil.rmtree(root, ignore_errors=True)


def table(results: list[Trial]) -> list[list[object]]:
    rows = []
    for place, workers in MODES:
        mine = [t for t in results if (t.place, t.workers) == (place, workers)]
        rows.append([f"{place}, -W {workers}", len(mine),
                     sum(t.finished_first for t in mine), sum(t.whole for t in mine),
                     sum(t.cleaned for t in mine),
                     sum(len(t.torn) for t in mine), sum(len(t.temps) for t in mine),
                     sum(t.strays for t in mine), sum(not t.ok for t in mine)])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jsonl-mb", type=float, default=4.0)
    parser.add_argument("--txt-files", type=int, default=300)
    args = parser.parse_args()
    require_shared("data")
    texts = [json.loads(line)["text"] for name in ("scraped-dev.jsonl", "dev.jsonl")
             for line in require_shared(f"data/chrome/{name}").read_text("utf-8").splitlines()
             if line.strip()]
    results = run_trials(texts, trials=args.trials, seed=args.seed,
                         jsonl_bytes=int(args.jsonl_mb * 1e6), txt_files=args.txt_files)
    print_table(["mode", "trials", "ended before the kill", "whole files", "of them cleaned",
                 "torn files",
                 "stray temps", "stray processes", "failed trials"], table(results))
    failed = sum(not t.ok for t in results)
    print(f"{len(results) - failed} of {len(results)} trials kept every invariant")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
