"""Hardening the corpus CLI (issue 13): failures found by a reliability audit, each reproduced
here first: no file outside the tree touched, every bad input a clear exit 2 naming it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_clean import clean
from arabic_clean.batch import pool, reading, sources
from arabic_clean.cli import main

REPO = Path(__file__).resolve().parents[1]
DIRTY = "ﻻ\u00a0تـــراجع\u200f عن  القرار\n"
FIXED = clean(DIRTY)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


# --- usage errors are exit 2, never 3 ------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--encoding", "rot13"], "'rot13' is not a text encoding"),
    (["--encoding", "klingon"], "unknown encoding"),
    (["--passes", "normalize_digits:to=klingon"], "--passes: to must be one of"),
    (["--field", "a..b"], "--field: field 'a..b' has an empty part"),
    # found when the audit was re-run on the split CLI
    (["--encoding", "undefined"], "encoding 'undefined' cannot decode"),
    (["--encoding", "punycode"], "encoding 'punycode' cannot decode"),
    (["--max-record-size", "99999999999999999"], "--max-record-size is in MB, from 1 to"),
    (["--max-record-size", "9999999999"], "--max-record-size is in MB, from 1 to"),
])
def test_bad_options_exit_2_before_any_file(tmp_path, capsys, args, message):
    path = write(tmp_path / "a.txt", DIRTY)
    code, err = run(["fix", str(path), *args], capsys)
    assert code == 2 and message in err and "internal error" not in err
    assert path.read_bytes() == DIRTY.encode("utf-8")


def test_output_file_with_two_inputs_is_a_usage_error(tmp_path, capsys):
    a, b = write(tmp_path / "a.txt", DIRTY), write(tmp_path / "b.txt", DIRTY)
    out = write(tmp_path / "out.txt", "old")
    code, err = run(["fix", str(a), str(b), "-o", str(out)], capsys)
    assert code == 2 and "is a file, and there are several inputs" in err
    assert out.read_text(encoding="utf-8") == "old"


def test_two_inputs_with_one_output_name_are_refused(tmp_path, capsys):
    a = write(tmp_path / "x" / "a.txt", DIRTY)
    b = write(tmp_path / "y" / "a.txt", DIRTY + "ثان\n")
    code, err = run(["fix", str(a), str(b), "-o", str(tmp_path / "o")], capsys)
    assert code == 2 and "would both be written to" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("line", [
    '{"text": "x", "n": ' + "1" * 5000 + "}",  # more digits than int() takes
    '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",  # deeper than the parser
])
def test_json_the_parser_refuses_is_an_input_error_with_the_line(tmp_path, capsys, line):
    path = write(tmp_path / "a.jsonl", '{"text": "سليم"}\n' + line + "\n")
    code, err = run(["check", str(path)], capsys)
    assert code == 2 and f"{path}:2: JSON this reader refuses" in err


def test_a_non_utf8_file_name_in_a_diff(tmp_path):
    raw = b"\xe4\xf1\xc8.jsonl"  # a windows-1256 file name: not UTF-8
    path = write(tmp_path / os.fsdecode(raw), json.dumps({"text": DIRTY}) + "\n")
    result = subprocess.run([sys.executable, "-m", "arabic_clean", "check", "--diff", str(path)],
                            capture_output=True, cwd=REPO, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(b"--- a/" + os.fsencode(tmp_path) + b"/" + raw + b"\n")


# --- the tree: what is walked, what is written ---------------------------------------------------

def test_output_folder_inside_the_input_is_not_walked(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", DIRTY)
    for _ in range(2):
        assert run(["fix", str(corpus), "-o", str(corpus / "out")], capsys)[0] == 1
    assert sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.txt")) == \
        ["a.txt", "out/a.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_link_out_of_the_tree_is_reported_and_never_written_through(tmp_path, capsys):
    outside = write(tmp_path / "outside" / "secret.txt", DIRTY)
    corpus = tmp_path / "corpus"
    inside = write(corpus / "a.txt", DIRTY)
    (corpus / "link.txt").symlink_to(outside)
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "inner.txt").symlink_to(inside)
    stats = tmp_path / "stats.json"
    code, err = run(["fix", str(corpus), f"--stats={stats}"], capsys)
    assert code == 2
    assert outside.read_bytes() == DIRTY.encode("utf-8")  # untouched
    assert inside.read_bytes() == FIXED.encode("utf-8")  # the rest of the run went on
    assert f"{corpus / 'link.txt'}: a symbolic link out of" in err
    assert f"{corpus / 'dangling.txt'}: a broken symbolic link" in err
    assert f"{corpus / 'loop.txt'}: a broken symbolic link" in err
    assert "inner.txt" not in err  # a link inside the tree: its file is walked itself
    failed = {Path(f["file"]).name for f in json.loads(stats.read_text())["failed"]}
    assert failed == {"link.txt", "dangling.txt", "loop.txt"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_is_reported_and_skipped_not_read(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    good = write(corpus / "a.txt", DIRTY)
    os.mkfifo(corpus / "x.txt")  # reading it would wait forever for a writer
    code, err = run(["fix", str(corpus)], capsys)
    assert code == 2 and f"{corpus / 'x.txt'}: a FIFO, not a regular file: skipped" in err
    assert good.read_bytes() == FIXED.encode("utf-8")
    code, err = run(["check", str(corpus / "x.txt")], capsys)  # named on the command line too
    assert code == 2 and "a FIFO" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_a_link_to_a_device_is_reported_not_read(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    good = write(corpus / "a.txt", DIRTY)
    (corpus / "x.txt").symlink_to("/dev/zero")  # reading it would fill the memory
    code, err = run(["fix", str(corpus)], capsys)
    assert code == 2 and f"{corpus / 'x.txt'}: a symbolic link out of {corpus}" in err
    assert good.read_bytes() == FIXED.encode("utf-8")
    code, err = run(["check", str(corpus / "x.txt")], capsys)  # named on the command line too
    assert code == 2 and f"{corpus / 'x.txt'}: a character device, not a regular file: skipped" in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads folders whatever their mode")
def test_an_unreadable_folder_is_an_error_not_a_silent_skip(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", FIXED)
    locked = corpus / "locked"
    write(locked / "b.txt", DIRTY)
    locked.chmod(0)
    try:
        code, err = run(["check", str(corpus)], capsys)
    finally:
        locked.chmod(0o755)
    assert code == 2 and f"{locked}: cannot read the folder" in err


def test_an_unreadable_folder_reported_by_the_walk(tmp_path, monkeypatch):
    # The same path as above, for runs as root (which reads any folder): the walk's onerror.
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", FIXED)
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(corpus / "locked")))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(sources.os, "walk", walk)
    skipped: list[sources.Skipped] = []
    assert list(sources.walk_folder(corpus, "auto", skipped)) == [corpus / "a.txt"]
    assert skipped == [sources.Skipped(str(corpus / "locked"), "cannot read the folder: Permission denied")]


# --- resources -----------------------------------------------------------------------------------

def test_workers_are_capped_by_the_cores_and_the_work(tmp_path):
    one_record = sources.Source(tmp_path / "a.jsonl", "a.jsonl", "jsonl", None, size=20)
    assert pool.useful_workers(300, [one_record]) == 1
    many = [sources.Source(tmp_path / f"{i}.txt", f"{i}.txt", "txt", None, size=9) for i in range(50)]
    assert pool.useful_workers(300, many) == min(300, os.cpu_count() or 1)
    assert pool.useful_workers(1, many) == 1


def test_in_place_fix_of_a_file_with_a_long_name(tmp_path, capsys):
    name = "ا" * 120 + ".txt"  # 244 bytes: the temp name must not add to it
    path = write(tmp_path / name, DIRTY)
    assert run(["fix", str(path)], capsys)[0] == 1
    assert path.read_bytes() == FIXED.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_bom_inside_a_jsonl_file_is_kept_when_its_record_changes(tmp_path, capsys):
    bom = b"\xef\xbb\xbf"
    first = json.dumps({"text": "سليم"}, ensure_ascii=False).encode("utf-8")
    second = json.dumps({"text": DIRTY}, ensure_ascii=False).encode("utf-8")
    path = write(tmp_path / "a.jsonl", bom + first + b"\n" + bom + second + b"\n")
    assert run(["fix", str(path)], capsys)[0] == 1
    expected = json.dumps({"text": FIXED}, ensure_ascii=False).encode("utf-8")
    assert path.read_bytes() == bom + first + b"\n" + bom + expected + b"\n"


# --- a file changed by another program during the run ----------------------------------------

def corpus_lines(count: int) -> bytes:
    return b"".join(json.dumps({"id": i, "text": DIRTY if i % 2 else "سليم"},
                               ensure_ascii=False).encode("utf-8") + b"\n" for i in range(count))


@pytest.mark.parametrize("how", ["appended", "replaced"])
def test_a_file_changed_during_the_run_is_not_replaced(tmp_path, monkeypatch, capsys, how):
    """An editor saving the file (a new inode), or another run appending to it, while fix is
    cleaning it: the old code copied the new file's start into the old file's end."""
    monkeypatch.setattr(reading, "BLOCK_SIZE", 256)
    path = write(tmp_path / "a.jsonl", b'{"text": "\xd8\xb3"}\n' * 40 + corpus_lines(40))
    other = write(tmp_path / "b.jsonl", corpus_lines(4))
    edited = b'{"text": "edited by someone else"}\n' * 100
    real = pool.process_chunk
    calls = []

    def meddle(job, chunk):
        calls.append(chunk.name)
        if chunk.name == str(path) and calls.count(str(path)) == 2:
            if how == "replaced":  # write a new file and rename it over the path (an editor)
                write(tmp_path / "new", edited)
                os.replace(tmp_path / "new", path)
            else:
                with path.open("ab") as handle:
                    handle.write(b'{"text": "one more"}\n')
        return real(job, chunk)

    monkeypatch.setattr(pool, "process_chunk", meddle)
    code, err = run(["fix", str(path), str(other)], capsys)
    assert code == 2
    assert f"{path}: changed while it was being cleaned" in err
    if how == "replaced":
        assert path.read_bytes() == edited  # the other program's file, whole
    else:
        assert path.read_bytes().endswith(b'{"text": "one more"}\n')
    assert json.loads(other.read_bytes().splitlines()[1])["text"] == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "b.jsonl"]


# --- compressed input: truncated is an error, never a short output --------------------------------

def records(start: int, count: int) -> bytes:
    return b"".join(json.dumps({"id": i, "text": DIRTY}, ensure_ascii=False).encode("utf-8")
                    + b"\n" for i in range(start, start + count))


def test_zst_frames_whole_truncated_at_a_block_and_cut_in_half(tmp_path, capsys):
    zstandard = pytest.importorskip("zstandard", reason="the 'zstandard' package is absent")
    compress = zstandard.ZstdCompressor().compress
    # two frames (`cat a.zst b.zst`): both are read
    path = write(tmp_path / "two.jsonl.zst", compress(records(0, 5)) + compress(records(5, 5)))
    out = tmp_path / "out" / "two.jsonl.zst"
    assert run(["fix", str(path), "-o", str(out)], capsys)[0] == 1
    decompressed = zst_frames(zstandard, out.read_bytes())
    assert [json.loads(x)["id"] for x in decompressed.splitlines()] == list(range(10))

    # a streamed frame cut at a block boundary that is also a record boundary
    import io

    sink = io.BytesIO()
    writer = zstandard.ZstdCompressor().stream_writer(sink, closefd=False)
    writer.write(records(0, 20))
    writer.flush(zstandard.FLUSH_BLOCK)
    cut = len(sink.getvalue())
    writer.write(records(20, 20))
    writer.close()
    for name, data in (("block.jsonl.zst", sink.getvalue()[:cut]),
                       ("half.jsonl.zst", compress(records(0, 40))[:60])):
        path = write(tmp_path / name, data)
        out = tmp_path / "cut" / name
        code, err = run(["fix", str(path), "-o", str(out)], capsys)
        assert code == 2 and f"{path}: cannot read: the .zst file ends inside a frame" in err
        assert not out.exists()


def test_a_parquet_file_with_corrupt_pages_is_an_input_error(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow", reason="the 'pyarrow' package (parquet extra) is absent")
    import pyarrow.parquet as pq

    path = tmp_path / "a.parquet"
    texts = [DIRTY * 20 + str(i) for i in range(2000)]
    pq.write_table(pa.table({"id": list(range(2000)), "text": texts}), path,
                   compression="snappy", row_group_size=500)
    damaged = bytearray(path.read_bytes())
    start = len(damaged) // 3  # in the data pages, far from the footer that opening reads
    damaged[start:start + 200] = bytes(b ^ 0x5A for b in damaged[start:start + 200])
    path.write_bytes(bytes(damaged))
    out = tmp_path / "out" / "a.parquet"
    for args in (["check"], ["fix", "-o", str(out)]):
        code, err = run([*args, str(path)], capsys)
        assert code == 2, err
        assert f"{path}: cannot read as Parquet from row " in err and "internal error" not in err
        assert path.read_bytes() == damaged
        assert not out.exists()
        assert not out.parent.exists() or not any(out.parent.iterdir())  # no temp left either


def zst_frames(zstandard, data: bytes) -> bytes:
    return zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True).read()


def test_a_record_over_the_size_cap_is_refused_before_it_fills_memory(tmp_path, capsys):
    zstandard = pytest.importorskip("zstandard", reason="the 'zstandard' package is absent")
    line = b'{"text": "' + b"a" * (3 << 20) + b'"}\n'  # 3 MB on line 2, 3 KB compressed
    path = write(tmp_path / "a.jsonl.zst", zstandard.ZstdCompressor().compress(records(0, 1) + line))
    code, err = run(["check", "--max-record-size", "1", str(path)], capsys)
    assert code == 2 and f"{path}:2: a record longer than 1 MB (--max-record-size)" in err
    assert run(["check", str(path)], capsys)[0] == 1  # the default (256 MB) reads it
    txt = write(tmp_path / "big.txt", "سطر\n" * (200 << 10))
    code, err = run(["check", "--max-record-size", "1", str(txt)], capsys)
    assert code == 2 and f"{txt}: a txt file longer than 1 MB" in err


# --- signals: no temp file after SIGTERM, no worker after the parent -----------------------------

def writing_into(pid: int, folder: Path) -> bool:
    """Whether process `pid` has a temp file in `folder`: a named one, or on Linux an unnamed
    one (O_TMPFILE), seen among the process's open files."""
    if any(p.name.endswith(".arabic-clean.tmp") for p in folder.iterdir()):
        return True
    try:
        links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:  # no /proc, or the process or one of its descriptors is gone meanwhile
        return False
    return any(link.startswith(f"{folder}{os.sep}") for link in links)


def start_slow_run(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, Path, Path]:
    """A `fix -o` run that takes seconds, started once its temp file exists."""
    import time

    big = write(tmp_path / "big.jsonl", b"".join(
        json.dumps({"id": i, "text": (DIRTY * 40) + str(i)}, ensure_ascii=False).encode("utf-8")
        + b"\n" for i in range(6000)))
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "arabic_clean", "fix", str(big), "-o", str(out / "big.jsonl"),
         *options], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(600):  # the temp file is opened when the first chunk is written
        if out.exists() and writing_into(process.pid, out):
            return process, big, out
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    pytest.skip("the run ended before its temp file could be seen")


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM")
def test_sigterm_removes_the_temp_file(tmp_path):
    import signal

    process, big, out = start_slow_run(tmp_path)
    before = big.read_bytes()
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert b"terminated (SIGTERM)" in err
    assert list(out.iterdir()) == [] and big.read_bytes() == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG")
def test_workers_die_with_a_killed_parent(tmp_path):
    import signal
    import time

    process, _, _ = start_slow_run(tmp_path, "-W", "2")
    if (os.cpu_count() or 1) < 2:
        process.kill()
        pytest.skip("one core: no worker processes")
    children = set()
    for task in Path(f"/proc/{process.pid}/task").iterdir():
        children |= {int(c) for c in (task / "children").read_text().split()}
    assert children, "expected worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    for _ in range(200):
        alive = {pid for pid in children if Path(f"/proc/{pid}").exists()
                 and "Z" not in (Path(f"/proc/{pid}/stat").read_text().split()[2:3] or ["Z"])}
        if not alive:
            break
        time.sleep(0.05)
    for pid in alive:  # a failing run must not leave them behind either
        os.kill(pid, signal.SIGKILL)
    assert not alive, f"workers still running after the parent was killed: {alive}"


# --- what an in-place rewrite keeps, and what it refuses -----------------------------------------

def test_a_read_only_file_is_not_rewritten(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    other = write(tmp_path / "b.txt", DIRTY)
    path.chmod(0o444)
    code, err = run(["fix", str(path), str(other)], capsys)
    assert code == 2 and f"{path}: is read-only: not rewritten" in err
    assert path.read_bytes() == DIRTY.encode("utf-8") and other.read_bytes() == FIXED.encode()
    assert run(["check", str(path)], capsys)[0] == 1  # check still says it would change


def test_hard_links_are_not_split(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    os.link(path, tmp_path / "b.txt")
    code, err = run(["fix", str(path)], capsys)
    assert code == 2 and f"{path}: has 2 hard links" in err
    assert path.read_bytes() == (tmp_path / "b.txt").read_bytes() == DIRTY.encode("utf-8")
    assert path.stat().st_ino == (tmp_path / "b.txt").stat().st_ino


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_fix_as_root_keeps_the_owner(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    os.chown(path, 12345, 23456)
    assert run(["fix", str(path)], capsys)[0] == 1
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)
    assert path.read_bytes() == FIXED.encode("utf-8")


def test_extended_attributes_are_kept(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    try:
        os.setxattr(path, "user.source", b"archive-2012")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this file system")
    assert run(["fix", str(path)], capsys)[0] == 1
    assert os.getxattr(path, "user.source") == b"archive-2012"


# --- the audit re-run on the split CLI: each reproduced first, then fixed ------------------------

def test_a_field_named_twice_is_cleaned_once(tmp_path, capsys):
    jsonl = write(tmp_path / "a.jsonl", json.dumps({"text": DIRTY, "id": 1}, ensure_ascii=False) + "\n")
    csv = write(tmp_path / "a.csv", f"id,text\n1,{DIRTY.strip()}\n")
    assert run(["fix", "--field", "text", "--field", "text,text", str(jsonl), str(csv)], capsys)[0] == 1
    assert json.loads(jsonl.read_text(encoding="utf-8")) == {"text": FIXED, "id": 1}
    assert csv.read_text(encoding="utf-8") == f"id,text\n1,{clean(DIRTY.strip())}\n"


def test_utf16_without_a_byte_order_mark_is_refused_not_destroyed(tmp_path, capsys):
    text = "قال الوزير  إن الاتفاق تم.\n"  # valid UTF-8 once encoded as UTF-16: 0x06 0x42 ...
    for codec in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path / f"{codec}.txt", text.encode(codec))
        before = path.read_bytes()
        code, err = run(["fix", str(path)], capsys)
        assert code == 2 and f"{path}:" in err and "UTF-16 without a byte order mark" in err
        assert path.read_bytes() == before
    assert run(["check", "--encoding", "utf-16-le", str(tmp_path / "utf-16-le.txt")], capsys)[0] == 1


def test_files_the_run_writes_besides_its_outputs_are_never_its_inputs(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    for args in (["fix", "--stats=" + str(path)], ["check", "--stats=" + str(path)],
                 ["report", "-o", str(path)], ["segment", "-o", str(path)]):
        code, err = run([*args, str(path)], capsys)
        assert code == 2 and str(path) in err, (args, err)
        assert path.read_text(encoding="utf-8") == DIRTY, args


def test_stats_that_cannot_be_written_stop_the_run_before_it_starts(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    for stats in (tmp_path / "missing" / "s.json", tmp_path):
        code, err = run(["fix", f"--stats={stats}", str(path)], capsys)
        assert code == 2 and "--stats" in err and "internal error" not in err
        assert path.read_text(encoding="utf-8") == DIRTY


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 (Linux file systems)")
def test_stats_with_a_file_name_that_is_not_utf8(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (Path(os.fsdecode(bytes(corpus) + b"/y\xff.txt"))).write_bytes(b"a\xff\n")
    stats = tmp_path / "s.json"
    # In a process of its own: its stderr escapes the name as Python's does (pytest's capture
    # would refuse the surrogate).
    done = subprocess.run([sys.executable, "-m", "arabic_clean", "check", f"--stats={stats}",
                           str(corpus)], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                          capture_output=True)
    assert done.returncode == 2, done.stderr
    failed = json.loads(stats.read_text(encoding="utf-8"))["failed"]
    assert [Path(f["file"]).name for f in failed] == ["y\udcff.txt"]


def test_a_csv_keeps_its_byte_order_mark(tmp_path, capsys):
    for name, sep in (("a.csv", ","), ("a.tsv", "\t")):
        path = write(tmp_path / name, b"\xef\xbb\xbf" + f"id{sep}text\n1{sep}a  b\n".encode("utf-8"))
        assert run(["fix", str(path)], capsys)[0] == 1
        assert path.read_bytes() == b"\xef\xbb\xbf" + f"id{sep}text\n1{sep}a b\n".encode("utf-8")


def test_an_empty_path_names_no_file(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.txt", DIRTY)
    monkeypatch.chdir(tmp_path)
    code, err = run(["fix", ""], capsys)
    assert code == 2 and "empty PATH" in err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_lone_surrogates_in_json_are_segmented_and_reported(tmp_path, capsys):
    path = write(tmp_path / "s.jsonl", '{"text": "\\ud800 abc. def."}\n')
    out = tmp_path / "o.jsonl"
    for args in (["segment", "-o", str(out)], ["segment", "--offsets", "-o", str(out)],
                 ["report", "-o", str(tmp_path / "r.html")]):
        code, err = run([*args, str(path)], capsys)
        assert code == 0, (args, err)
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "\ud800 abc. def."


def test_a_codec_that_fails_without_a_position_is_an_encoding_error():
    from arabic_clean.encoding.decode import EncodingError, decode_bytes

    with pytest.raises(EncodingError, match="cannot decode with 'punycode'"):
        decode_bytes(b"x", encoding="punycode")  # UnicodeError, with no position


def test_the_largest_record_cap_reads_a_small_file(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DIRTY)
    assert run(["check", "--max-record-size", "1048576", str(path)], capsys)[0] == 1


def test_parquet_from_stdin_is_a_usage_error(capsys):
    code, err = run(["fix", "-", "--stdin-filename", "x.parquet"], capsys)
    assert code == 2 and "Parquet is not read from stdin" in err


def test_an_empty_compressed_file_is_an_error(tmp_path, capsys):
    for name in ("e.txt.gz", "e.jsonl.zst"):
        path = write(tmp_path / name, b"")
        code, err = run(["check", str(path)], capsys)
        assert code == 2 and f"{path}: an empty" in err and "truncated" in err


@pytest.mark.parametrize("table, message", [
    ("[tool.arabic-clean\n", "Expected ']'"),
    ("[ tool.arabic-clean ]\nbogus = 1\n", "unknown key 'bogus'"),
    ('[tool."arabic-clean"]\npreset = "nope"\n', "unknown preset 'nope'"),
    ('tool.arabic-clean.workers = "x"\n', "workers = 'x' has the wrong type"),
    ('[tool.arabic-clean]\npreset = "safe"\npasses = ["normalize_alef"]\n', "preset and passes"),
    ("[tool.arabic-clean]\npasses = []\n", "passes names no pass"),
])
def test_a_config_table_however_written_is_read_or_refused(tmp_path, monkeypatch, capsys, table, message):
    write(tmp_path / "pyproject.toml", table)
    path = write(tmp_path / "a.txt", DIRTY)
    monkeypatch.chdir(tmp_path)
    code, err = run(["fix", "a.txt"], capsys)
    assert code == 2 and message in err
    assert path.read_text(encoding="utf-8") == DIRTY


def test_an_output_named_as_another_format_is_refused(tmp_path, capsys):
    path = write(tmp_path / "a.jsonl", json.dumps({"text": DIRTY}, ensure_ascii=False) + "\n")
    code, err = run(["fix", str(path), "-o", str(tmp_path / "o.parquet")], capsys)
    assert code == 2 and "names a parquet file, but" in err and not (tmp_path / "o.parquet").exists()
    assert run(["fix", str(path), "-o", str(tmp_path / "o.jsonl.gz")], capsys)[0] == 1  # compressed: fine
    # an explicit --format is the user's word: the name is theirs too
    assert run(["fix", "--format", "jsonl", str(path), "-o", str(tmp_path / "o.txt")], capsys)[0] == 1
