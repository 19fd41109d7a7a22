"""`fix` killed with SIGKILL mid-run leaves every file whole, no temp file and no worker: a
small version of benchmarks/cli_kill_trials.py (4 trials, one per mode, small inputs)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from cli_kill_trials import MODES, run_trials  # noqa: E402

# Dirty enough that every file changes: tatweel, a no-break space, a right-to-left mark.
TEXTS = [f"خبر رقم {i}: أعلنت الوزارة\u00a0اليوم عن خطـــة جديدة\u200f للتعليم في المدن." * 8
         for i in range(12)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG")
def test_killed_runs_leave_whole_files_no_temps_and_no_workers():
    results = run_trials(TEXTS, trials=len(MODES), seed=13,
                         jsonl_bytes=600_000, txt_files=40, verbose=False)
    assert {(t.place, t.workers) for t in results} == set(MODES)
    for trial in results:
        assert trial.torn == [], trial
        assert trial.temps == [], trial
        assert trial.strays == 0, trial
        assert trial.whole >= 41  # every input checked (and with -o, every output begun)
