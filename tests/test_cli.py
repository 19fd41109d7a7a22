"""The minimal CLI (issue 2): fix/check/--diff, stdin, presets, exit codes, no data loss."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_clean import PRESETS, Pipeline, clean
from arabic_clean.batch import writer
from arabic_clean.cli import main
from arabic_clean.formats import lay_out

REPO = Path(__file__).resolve().parents[1]
DIRTY = "ﻻ\u00a0تـــراجع\u200f عن  القرار\r\n"
CLEAN = clean(DIRTY)  # the library decides; these tests check that the CLI applies it exactly
FIXED = CLEAN.replace("\n", "\r\n")  # ... in the file's own line endings (DIRTY is CRLF)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def age(path: Path) -> int:
    """Push the file's mtime into the past so a rewrite would show; returns the new mtime."""
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path.stat().st_mtime_ns


def run_module(*args: str, stdin: bytes = b"", cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "arabic_clean", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env, timeout=60)


def test_the_case_text_is_dirty_and_its_cleaning_is_stable():
    assert CLEAN != DIRTY and clean(CLEAN) == CLEAN and "\n" in CLEAN


def test_fix_rewrites_a_dirty_file_and_exits_1(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    assert main(["fix", str(path)]) == 1
    assert path.read_bytes().decode("utf-8") == FIXED
    assert "fixed: " in capsys.readouterr().err


def test_fix_on_a_clean_file_exits_0_and_does_not_touch_it(tmp_path):
    path = write(tmp_path / "a.txt", CLEAN)
    mtime = age(path)
    inode = path.stat().st_ino
    assert main(["fix", str(path)]) == 0
    assert path.stat().st_mtime_ns == mtime
    assert path.stat().st_ino == inode


def test_fix_output_is_exactly_clean_of_the_text_laid_out_like_the_file(tmp_path):
    seed = (REPO / "seeds" / "000_54bc44b2cd79c5aa.txt").read_bytes().decode("utf-8")
    assert not seed.endswith("\n") and clean(seed).endswith("\n")
    path = write(tmp_path / "seed.txt", seed)
    main(["fix", "-q", str(path)])
    assert path.read_bytes().decode("utf-8") == clean(seed)[:-1]  # no final newline, as before
    assert lay_out(seed, clean(seed)) == clean(seed)[:-1]


def test_fix_keeps_the_file_mode(tmp_path):
    path = write(tmp_path / "a.txt", DIRTY)
    path.chmod(0o640)
    main(["fix", str(path)])
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_check_writes_nothing_lists_the_file_and_exits_1(tmp_path, capsys):
    dirty = write(tmp_path / "dirty.txt", DIRTY)
    tidy = write(tmp_path / "tidy.txt", CLEAN)
    mtime = age(dirty)
    assert main(["check", str(tmp_path)]) == 1
    assert dirty.read_bytes().decode("utf-8") == DIRTY and dirty.stat().st_mtime_ns == mtime
    err = capsys.readouterr().err
    assert str(dirty) in err and str(tidy) not in err


def test_check_on_clean_files_exits_0(tmp_path):
    write(tmp_path / "tidy.txt", CLEAN)
    assert main(["check", str(tmp_path)]) == 0


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    for command in ("check", "fix"):
        assert main([command, "--diff", str(path)]) == 1
        out = capsys.readouterr().out
        assert out.startswith(f"--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n")
        assert f"\n+{FIXED}" in out
        assert path.read_bytes().decode("utf-8") == DIRTY


def test_diff_of_a_clean_file_is_empty(tmp_path, capsys):
    path = write(tmp_path / "a.txt", CLEAN)
    assert main(["check", "--diff", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_seed_folder_diff_from_the_repo_root():
    result = run_module("check", "--diff", "seeds/")
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    assert out.startswith("--- a/seeds/000_54bc44b2cd79c5aa.txt\n+++ b/seeds/000_54bc44b2cd79c5aa.txt\n")
    assert "seeds/000_54bc44b2cd79c5aa.txt" in result.stderr.decode("utf-8")


def test_stdin_to_stdout():
    result = run_module("fix", "-", stdin=DIRTY.encode("utf-8"))
    assert result.stdout.decode("utf-8") == FIXED
    assert result.returncode == 1
    again = run_module("fix", "-", stdin=FIXED.encode("utf-8"))
    assert (again.returncode, again.stdout.decode("utf-8")) == (0, FIXED)


def test_stdin_check_writes_nothing_to_stdout():
    result = run_module("check", "-", stdin=DIRTY.encode("utf-8"))
    assert (result.returncode, result.stdout) == (1, b"")


def test_stdin_filename_names_the_diff():
    result = run_module("check", "--diff", "-", "--stdin-filename", "news/a.txt",
                        stdin=DIRTY.encode("utf-8"))
    assert result.stdout.decode("utf-8").startswith("--- a/news/a.txt\n")


def test_preset_passes_and_skip_choose_the_pipeline(tmp_path, capsys):
    text = "قالَ إنّ الأمرَ ـ كما يبدو ـ انتهى\n"
    path = write(tmp_path / "a.txt", text)
    main(["fix", "--preset", "search", str(path)])
    assert path.read_bytes().decode("utf-8") == clean(text, preset="search")
    write(path, "أحمد\u200f ٢٠٢٤\n")
    main(["fix", "--passes", "normalize_alef,normalize_digits:to=ascii", str(path)])
    assert path.read_bytes().decode("utf-8") == "احمد\u200f 2024\n"
    write(path, "كتـــب\u200f\n")
    main(["fix", "--passes", "remove_invisible,strip_tatweel", "--skip", "strip_tatweel", str(path)])
    assert path.read_bytes().decode("utf-8") == "كتـــب\n"
    write(path, DIRTY)
    main(["fix", "--skip", "strip_tatweel", str(path)])
    unskipped = [s for s in PRESETS["safe"].pipeline if s.name != "strip_tatweel"]
    assert path.read_bytes().decode("utf-8") == lay_out(DIRTY, Pipeline(unskipped)(DIRTY))
    capsys.readouterr()


@pytest.mark.parametrize("args", [
    ["fix", "--preset", "nope", "x.txt"],
    ["fix", "--passes", "not_a_pass", "x.txt"],
    ["fix", "--skip", "not_a_pass", "x.txt"],
    ["fix", "missing.txt"],
    ["fix"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(tmp_path, monkeypatch, capsys, args):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "x.txt", DIRTY)
    assert main(args) == 2
    assert "error" in capsys.readouterr().err
    assert (tmp_path / "x.txt").read_bytes().decode("utf-8") == DIRTY


def test_folders_are_walked_for_txt_and_hidden_folders_skipped(tmp_path):
    inner = write(tmp_path / "a" / "b" / "deep.txt", DIRTY)
    hidden = write(tmp_path / ".git" / "x.txt", DIRTY)
    other = write(tmp_path / "notes.rst", DIRTY)
    assert main(["fix", "-q", str(tmp_path)]) == 1
    assert inner.read_bytes().decode("utf-8") == FIXED
    assert hidden.read_bytes().decode("utf-8") == DIRTY
    assert other.read_bytes().decode("utf-8") == DIRTY


def test_undecodable_input_exits_2_names_file_and_offset_and_leaves_it(tmp_path, capsys):
    data = b"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xff\xfe tail"  # "سلام " then two bad bytes
    path = write(tmp_path / "bad.txt", data)
    mtime = age(path)
    assert main(["fix", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "offset 9" in err or "byte 9" in err
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime


def test_an_input_error_does_not_stop_the_run_unless_fail_fast(tmp_path, capsys):
    bad = write(tmp_path / "1_bad.txt", b"ok \xff bad")
    good = write(tmp_path / "2_good.txt", DIRTY)
    assert main(["fix", "--fail-fast", str(bad), str(good)]) == 2
    assert good.read_bytes().decode("utf-8") == DIRTY
    assert "stopped at the first (--fail-fast)" in capsys.readouterr().err
    assert main(["fix", str(bad), str(good)]) == 2
    assert good.read_bytes().decode("utf-8") == FIXED
    assert bad.read_bytes() == b"ok \xff bad"
    err = capsys.readouterr().err
    assert f"{bad}: " in err and "(left untouched)" in err
    assert "1 file could not be processed (named above; left untouched); 1 other files" in err


def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch, capsys):
    path = write(tmp_path / "a.txt", DIRTY * 100)

    def write_half_then_fail(self, data):
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.AtomicWriter, "write", write_half_then_fail)
    assert main(["fix", str(path)]) == 2  # the environment's error, not a bug: exit 2, named
    assert path.read_bytes().decode("utf-8") == DIRTY * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temp file left
    assert f"{path}: cannot write {path}: No space left on device (left untouched)" \
        in capsys.readouterr().err


def test_a_failed_rename_leaves_the_original_intact(tmp_path, monkeypatch, capsys):
    path = write(tmp_path / "a.txt", DIRTY)

    def refuse(src, dst):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    assert main(["fix", str(path)]) == 2
    assert path.read_bytes().decode("utf-8") == DIRTY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    capsys.readouterr()


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("arabic-clean ")
    assert main(["fix", "--help"]) == 0


def test_passes_lists_every_pass_and_preset(capsys):
    assert main(["passes"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in PRESETS)
    assert "remove_invisible" in out


def test_without_the_encoding_module_input_is_strict_utf8_with_the_offset(tmp_path, monkeypatch,
                                                                           capsys):
    from arabic_clean import formats

    monkeypatch.setattr(formats, "_library_decoder", lambda: None)
    path = write(tmp_path / "bad.txt", b"\xef\xbb\xbf\xd8\xb3 \xd8")  # BOM, "س ", a cut letter
    assert main(["check", str(path)]) == 2
    assert f"{path}: byte 6: cannot decode as utf-8" in capsys.readouterr().err
