"""The pre-commit recipes of the README and docs/cli.md, run by pre-commit itself.

- ``repo: local`` with ``language: system`` runs the installed ``arabic-clean``: needs the
  `pre-commit` package and git, nothing from the network.
- The remote form (``repo: URL``, ``rev: v0.1.0``) is run against a git repository made from
  this working tree and tagged ``v0.1.0``, as a user's clone would see a release; pre-commit
  pip-installs the hook into its own environment, so that test also needs a reachable package
  index.  Each test is skipped, saying why, when what it needs is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_clean import clean
from arabic_clean.formats import lay_out

REPO = Path(__file__).resolve().parents[1]
DIRTY = "ﻻ\u00a0تـــراجع\u200f عن  القرار\r\n"
FIXED = lay_out(DIRTY, clean(DIRTY))
BROKEN = b"??? ????? \xe1 ????\n"  # letters lost to '?' before it was saved: not decodable

LOCAL_CONFIG = """\
repos:
  - repo: local
    hooks:
      - id: arabic-clean
        name: arabic-clean
        entry: arabic-clean fix --no-progress
        language: system
        types: [text]
        files: \\.(txt|md|jsonl|csv|tsv)$
        require_serial: true
"""
EXCLUDE = "        exclude: ^corpus/broken/\n"
REMOTE_CONFIG = """\
repos:
  - repo: {url}
    rev: v0.1.0
    hooks:
      - id: arabic-clean
"""


def _index_reachable() -> bool:
    """Ask pip (with its own index settings) for one package's versions, briefly."""
    try:
        probe = subprocess.run([sys.executable, "-m", "pip", "index", "versions", "hatchling"],
                               capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                           *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _needs_pre_commit() -> None:
    pytest.importorskip("pre_commit", reason="the 'pre-commit' package is not installed")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")


def _corpus(root: Path, config: str) -> Path:
    work = root / "work"
    (work / "corpus" / "broken").mkdir(parents=True)
    _git(work, "init", "-q")
    (work / "corpus" / "news.txt").write_bytes(DIRTY.encode("utf-8"))
    (work / "corpus" / "tidy.md").write_bytes(clean("القاهرة\n").encode("utf-8"))
    (work / "corpus" / "broken" / "lost.txt").write_bytes(BROKEN)
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(work, "add", ".")
    return work


def _pre_commit(work: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    # The hook of `repo: local` is the arabic-clean installed beside this Python.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_NO_INPUT": "1", "PATH": path}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)


def test_local_hook_reports_the_undecodable_file_fixes_the_rest_then_exclude_passes(tmp_path):
    _needs_pre_commit()
    if shutil.which("arabic-clean", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("the arabic-clean script is not installed beside this Python")
    work = _corpus(tmp_path, LOCAL_CONFIG)
    news = work / "corpus" / "news.txt"

    first = _pre_commit(work, tmp_path / "cache", "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "fixed: corpus/news.txt" in first.stdout
    assert "corpus/broken/lost.txt: neither UTF-8 nor windows-1256 Arabic" in first.stdout
    assert news.read_bytes().decode("utf-8") == FIXED  # fixed although another file failed
    assert (work / "corpus" / "broken" / "lost.txt").read_bytes() == BROKEN

    second = _pre_commit(work, tmp_path / "cache", "run", "--all-files")
    assert second.returncode == 1  # the undecodable file is still reported, and only it
    assert "fixed:" not in second.stdout and "lost.txt" in second.stdout

    config = work / ".pre-commit-config.yaml"
    config.write_text(LOCAL_CONFIG + EXCLUDE, encoding="utf-8")
    excluded = _pre_commit(work, tmp_path / "cache", "run", "--all-files")
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr


def _tagged_release(root: Path) -> Path:
    """A git repository holding this working tree (committed or not) at tag v0.1.0, and an
    older commit at v0.0.9 for `pre-commit autoupdate` to move from."""
    source = root / "arabic-clean"
    source.mkdir()
    listed = _git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    _git(source, "init", "-q")
    _git(source, "add", ".")
    _git(source, "commit", "-q", "-m", "older")
    _git(source, "tag", "v0.0.9")
    _git(source, "commit", "-q", "--allow-empty", "-m", "release")
    _git(source, "tag", "v0.1.0")
    return source


def test_remote_hook_at_a_release_tag_fails_fixes_then_passes(tmp_path):
    _needs_pre_commit()
    if not (REPO / ".git").exists():
        pytest.skip("the repository is not a git checkout")
    if not _index_reachable():
        pytest.skip("no package index reachable: pre-commit cannot pip-install the hook")
    source = _tagged_release(tmp_path)
    work = _corpus(tmp_path, REMOTE_CONFIG.format(url=source.as_uri()))
    (work / "corpus" / "broken" / "lost.txt").unlink()
    _git(work, "add", "-A")
    news = work / "corpus" / "news.txt"
    home = tmp_path / "cache"

    first = _pre_commit(work, home, "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "fixed: corpus/news.txt" in first.stdout
    assert news.read_bytes().decode("utf-8") == FIXED
    second = _pre_commit(work, home, "run", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr


def test_autoupdate_moves_rev_to_the_latest_tag(tmp_path):
    _needs_pre_commit()
    if not (REPO / ".git").exists():
        pytest.skip("the repository is not a git checkout")
    source = _tagged_release(tmp_path)
    config = REMOTE_CONFIG.format(url=source.as_uri()).replace("v0.1.0", "v0.0.9")
    work = _corpus(tmp_path, config)
    result = _pre_commit(work, tmp_path / "cache", "autoupdate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rev: v0.1.0" in (work / ".pre-commit-config.yaml").read_text(encoding="utf-8")
