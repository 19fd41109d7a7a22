"""The pre-commit hooks, end to end: `pre-commit try-repo` of this repository on a throwaway repo.

pre-commit installs the hook with pip into its own environment, so this needs the `pre-commit`
package, git, and a reachable package index; without one of them the test is skipped and says
which.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_clean import clean

REPO = Path(__file__).resolve().parents[1]
DIRTY = "ﻻ\u00a0تـــراجع\u200f عن  القرار\r\n"


def _index_reachable() -> bool:
    """Ask pip (with its own index settings) for one package's versions, briefly."""
    try:
        probe = subprocess.run([sys.executable, "-m", "pip", "index", "versions", "hatchling"],
                               capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_hook_fails_fixes_then_passes(tmp_path, repo=REPO):
    pytest.importorskip("pre_commit", reason="the 'pre-commit' package is not installed")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("the repository is not a git checkout (try-repo clones it)")
    if not (REPO / "README.md").exists():
        pytest.skip("README.md is missing: pyproject's readme, the package cannot be built")
    if not _index_reachable():
        pytest.skip("no package index reachable: pre-commit cannot pip-install the hook")

    work = tmp_path / "corpus"
    work.mkdir()
    _git(work, "init", "-q")
    dirty = work / "news.txt"
    dirty.write_bytes(DIRTY.encode("utf-8"))
    (work / "tidy.md").write_bytes(clean("القاهرة\n").encode("utf-8"))
    _git(work, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_NO_INPUT": "1"}

    def try_repo(hook: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(repo), hook, "--all-files",
             "--color", "never"],
            cwd=work, env=env, capture_output=True, text=True, timeout=240,
        )

    check = try_repo("arabic-clean-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "would change: news.txt" in check.stdout
    assert dirty.read_bytes() == DIRTY.encode("utf-8")

    first = try_repo("arabic-clean")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "fixed: news.txt" in first.stdout
    assert dirty.read_bytes().decode("utf-8") == clean(DIRTY)

    second = try_repo("arabic-clean")
    assert second.returncode == 0, second.stdout + second.stderr
