"""The corpus CLI (issue 6): JSONL/CSV fields byte-for-byte, record errors, workers, stats."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_clean import PRESETS, clean
from arabic_clean.batch import errors, reading
from arabic_clean.cli import main
from arabic_clean.formats import Chunk, Job, process_chunk

DIRTY = "ﻻ\u00a0تـــراجع\u200f عن  القرار"
CLEAN = clean(DIRTY)
DATA = Path(__file__).resolve().parent / "data" / "cli"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def age(path: Path) -> int:
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path.stat().st_mtime_ns


def test_fixture_corpus_jsonl_keeps_other_bytes(tmp_path, capsys):
    original = (DATA / "news.jsonl").read_bytes()
    path = write(tmp_path / "news.jsonl", original)
    assert main(["fix", str(path)]) == 1
    new = path.read_bytes()
    old_lines, new_lines = original.split(b"\n"), new.split(b"\n")
    assert len(old_lines) == len(new_lines)
    for old, line in zip(old_lines, new_lines):
        if not old.strip():
            assert line == old
            continue
        before, after = json.loads(old), json.loads(line)
        expected = dict(before, text=clean(before["text"]))
        assert after == expected
        if before["text"] == expected["text"]:
            assert line == old  # unchanged records are kept verbatim
        else:
            # everything outside the text value is byte-identical
            start = old.index(b'"text"')
            assert line[:start] == old[:start]
    assert main(["check", str(path)]) == 0
    capsys.readouterr()


def test_jsonl_changed_line_only_replaces_the_field_value(tmp_path, capsys):
    line = ('{"id": 7,  "title":"ﻻ ok" , "text" : "' + DIRTY.replace("\u200f", "\\u200f")
            + '", "n": 1.50, "url": "http:\\/\\/x.test\\/a", "t": true}\r\n')
    path = write(tmp_path / "a.jsonl", line + '{"text": "سليم"}\n\n')
    main(["fix", str(path)])
    out = path.read_bytes().decode("utf-8")
    first, rest = out.split("\r\n", 1)
    assert first == '{"id": 7,  "title":"ﻻ ok" , "text" : ' + json.dumps(CLEAN, ensure_ascii=False) \
        + ', "n": 1.50, "url": "http:\\/\\/x.test\\/a", "t": true}'
    assert rest == '{"text": "سليم"}\n\n'
    capsys.readouterr()


def test_jsonl_ascii_escaped_values_stay_escaped(tmp_path, capsys):
    value = json.dumps({"text": DIRTY})  # ensure_ascii: \uXXXX everywhere
    path = write(tmp_path / "a.jsonl", value + "\n")
    main(["fix", str(path)])
    out = path.read_bytes().decode("utf-8")
    assert out.isascii() and json.loads(out) == {"text": CLEAN}
    capsys.readouterr()


def test_jsonl_nested_and_repeated_fields(tmp_path, capsys):
    record = {"meta": {"body": DIRTY, "x": DIRTY}, "title": DIRTY, "text": DIRTY}
    path = write(tmp_path / "a.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    main(["fix", "--field", "meta.body", "--field", "title", str(path)])
    assert json.loads(path.read_bytes()) == {"meta": {"body": CLEAN, "x": DIRTY},
                                             "title": CLEAN, "text": DIRTY}
    capsys.readouterr()


@pytest.mark.parametrize("bad_line, message", [
    ('{"text": "x"', "invalid JSON"),
    ('{"body": "x"}', "no field 'text'"),
    ('{"text": 12}', "field 'text' is int, not a string"),
    ('{"text": null}', "field 'text' is null, not a string"),
    ('["text"]', "must be an object"),
])
def test_jsonl_record_errors_name_file_and_line_and_leave_the_file(tmp_path, capsys, bad_line,
                                                                  message):
    data = json.dumps({"text": DIRTY}, ensure_ascii=False) + "\n\n" + bad_line + "\n"
    path = write(tmp_path / "a.jsonl", data)
    other = write(tmp_path / "b.jsonl", json.dumps({"text": DIRTY}) + "\n")
    mtime = age(path)
    assert main(["fix", "--keep-going", str(path), str(other)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3: " in err and message in err
    assert path.read_bytes() == data.encode("utf-8") and path.stat().st_mtime_ns == mtime
    assert json.loads(other.read_bytes()) == {"text": CLEAN}  # --keep-going went on


def test_jsonl_bad_bytes_on_a_line_are_reported_with_the_line(tmp_path, capsys):
    path = write(tmp_path / "a.jsonl", b'{"text": "ok"}\n{"text": "\xff"}\n')
    assert main(["check", str(path)]) == 2
    assert f"{path}:2: byte 10" in capsys.readouterr().err


def test_csv_and_tsv_change_only_the_field(tmp_path, capsys):
    csv_text = ('id,text,note\r\n1,"' + DIRTY + '",keep  this\r\n'
                '2,"سليم","a ""q"", b"\r\n3,' + DIRTY + ',"multi\nline"\r\n')
    path = write(tmp_path / "a.csv", csv_text)
    assert main(["fix", str(path)]) == 1
    assert path.read_bytes().decode("utf-8") == (
        'id,text,note\r\n1,"' + CLEAN + '",keep  this\r\n'
        '2,"سليم","a ""q"", b"\r\n3,' + (f'"{CLEAN}"' if "\n" in CLEAN else CLEAN)
        + ',"multi\nline"\r\n')
    tsv = write(tmp_path / "a.tsv", "text\tid\n" + DIRTY + "\t1\n")
    assert main(["fix", str(tsv)]) == 1
    assert tsv.read_bytes().decode("utf-8") == "text\tid\n" + CLEAN + "\t1\n"
    bad = write(tmp_path / "b.csv", "id,body\n1,x\n")
    assert main(["check", str(bad)]) == 2
    assert f"{bad}:1: no column 'text'" in capsys.readouterr().err


def corpus(n: int) -> str:
    records = []
    for i in range(n):
        text = DIRTY if i % 3 else "سليم"
        records.append(json.dumps({"id": i, "text": f"{text} {i}"}, ensure_ascii=i % 2 == 0))
    return "\n".join(records) + "\n"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_chunked_and_parallel_runs_give_the_same_bytes(tmp_path, monkeypatch, capsys, workers):
    monkeypatch.setattr(reading, "BLOCK_SIZE", 512)  # many chunks, lines cut across blocks
    data = corpus(300)
    files = [write(tmp_path / f"{i}.jsonl", data) for i in range(3)]
    txt = write(tmp_path / "z.txt", DIRTY)
    expected = "".join(json.dumps(dict(r, text=clean(r["text"])), ensure_ascii=r["id"] % 2 == 0)
                       + "\n" for r in map(json.loads, data.splitlines()))
    assert main(["fix", "-W", workers, str(tmp_path)]) == 1
    for path in files:
        assert path.read_bytes().decode("utf-8") == expected
    assert txt.read_bytes().decode("utf-8") == CLEAN
    capsys.readouterr()


def test_parallel_diff_keeps_the_order_of_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(reading, "BLOCK_SIZE", 256)
    for i in range(4):
        write(tmp_path / f"{i}.jsonl", corpus(40))
    assert main(["check", "--diff", "-W", "2", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith("--- a/")]
    assert headers == [f"--- a/{tmp_path / f'{i}.jsonl'}" for i in range(4)]
    hunks = [int(line.split()[1][1:]) for line in out.splitlines() if line.startswith("@@")]
    assert hunks == [n for _ in range(4) for n in range(1, 41) if (n - 1) % 3]


def test_stats_report(tmp_path, capsys):
    path = write(tmp_path / "a.jsonl", corpus(9))
    report = tmp_path / "stats.json"
    assert main(["check", f"--stats={report}", str(path)]) == 1
    stats = json.loads(report.read_text(encoding="utf-8"))
    assert stats["documents"] == 9 and stats["documents_changed"] == 6
    assert stats["characters_removed"] == stats["characters_in"] - stats["characters_out"] > 0
    assert stats["passes"]["strip_tatweel"]["documents_changed"] == 6
    assert list(stats["passes"]) == list(dict.fromkeys(PRESETS["safe"].names))
    main(["check", "--stats", str(path)])  # bare --stats: stderr, the path is still a PATH
    assert '"documents": 9' in capsys.readouterr().err


def test_gzip_needs_output_and_round_trips(tmp_path, capsys):
    path = write(tmp_path / "a.jsonl.gz", gzip.compress(corpus(5).encode("utf-8")))
    assert main(["fix", str(path)]) == 2
    assert "give -o" in capsys.readouterr().err
    assert main(["check", str(path)]) == 1
    out = tmp_path / "out" / "a.jsonl.gz"
    assert main(["fix", str(path), "-o", str(out)]) == 1
    records = [json.loads(x) for x in gzip.decompress(out.read_bytes()).splitlines()]
    assert [r["text"] for r in records] == [clean(json.loads(x)["text"])
                                            for x in corpus(5).splitlines()]


def test_output_folder_mirrors_the_input_tree(tmp_path, capsys):
    write(tmp_path / "in" / "a" / "x.txt", DIRTY)
    write(tmp_path / "in" / "y.txt", CLEAN)
    assert main(["fix", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 1
    assert (tmp_path / "out" / "a" / "x.txt").read_bytes().decode("utf-8") == CLEAN
    assert (tmp_path / "out" / "y.txt").read_bytes().decode("utf-8") == CLEAN
    assert (tmp_path / "in" / "a" / "x.txt").read_bytes().decode("utf-8") == DIRTY
    capsys.readouterr()


def test_format_option_restricts_the_walk(tmp_path, capsys):
    txt = write(tmp_path / "a.txt", DIRTY)
    jsonl = write(tmp_path / "b.jsonl", json.dumps({"text": DIRTY}) + "\n")
    main(["fix", "--format", "jsonl", str(tmp_path)])
    assert txt.read_bytes().decode("utf-8") == DIRTY
    assert json.loads(jsonl.read_bytes()) == {"text": CLEAN}
    capsys.readouterr()


def test_segment_txt_and_jsonl(tmp_path, capsys):
    text = "قال الوزير إن الاتفاق تم. وأضاف أن التنفيذ يبدأ غدا؟ نعم\n"
    path = write(tmp_path / "a.txt", text)
    assert main(["segment", str(path)]) == 0
    from arabic_clean.sentences import segment_sentences

    assert capsys.readouterr().out == "".join(s + "\n" for s in segment_sentences(text))
    record = '{"id": 1, "text": "' + text.strip() + '"}'
    jsonl = write(tmp_path / "a.jsonl", record + "\n")
    assert main(["segment", str(jsonl)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(record[:-1] + ', "sentences": [')
    assert json.loads(out)["sentences"] == segment_sentences(text.strip())
    assert jsonl.read_bytes().decode("utf-8") == record + "\n"  # never in place


def test_pyproject_table_sets_defaults_and_options_win(tmp_path, monkeypatch, capsys):
    write(tmp_path / "pyproject.toml",
          '[tool.arabic-clean]\npasses = ["normalize_alef"]\nfield = "body"\n')
    path = write(tmp_path / "a.jsonl", '{"body": "أحمد\u200f"}\n')
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "a.jsonl"]) == 1
    assert json.loads(path.read_bytes()) == {"body": "احمد\u200f"}
    assert main(["fix", "--preset", "safe", "a.jsonl"]) == 1
    assert json.loads(path.read_bytes()) == {"body": clean("احمد\u200f")}
    write(tmp_path / "pyproject.toml", '[tool.arabic-clean]\nprest = "safe"\n')
    assert main(["check", "a.jsonl"]) == 2
    assert "unknown key 'prest'" in capsys.readouterr().err


other_fields = st.dictionaries(st.text(max_size=5).filter(lambda k: k != "text"),
                               st.one_of(st.text(max_size=8), st.integers(), st.floats(allow_nan=False),
                                         st.none(), st.lists(st.text(max_size=3), max_size=2)),
                               max_size=4)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=40), others=other_fields, ascii_style=st.booleans(),
       spaced=st.booleans())
def test_jsonl_splice_is_exact(text, others, ascii_style, spaced):
    record = {**others, "text": text}
    separators = (" , ", " :  ") if spaced else (",", ":")
    line = json.dumps(record, ensure_ascii=ascii_style, separators=separators)
    job = Job(PRESETS["safe"].pipeline)
    try:
        data = line.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates need the ASCII style in a UTF-8 file
        return
    result = process_chunk(job, Chunk("jsonl", data + b"\n"))
    assert result.error is None
    new = json.loads(result.output)
    assert new == {**json.loads(line), "text": clean(text)}
    if clean(text) == text:
        assert result.output == data + b"\n" and not result.changed
    else:
        start = line.rindex('"text"')
        assert result.output.decode("utf-8")[:start] == line[:start]


def test_parquet_cleans_the_column_and_keeps_the_others(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow", reason="the 'pyarrow' package (parquet extra) is absent")
    import pyarrow.parquet as pq

    table = pa.table({"id": [1, 2, 3], "text": [DIRTY, None, "سليم"], "x": [1.5, None, 2.0]})
    path = tmp_path / "a.parquet"
    pq.write_table(table, path)
    assert main(["fix", str(path)]) == 2  # never in place
    assert "give -o" in capsys.readouterr().err
    assert main(["check", "--diff", str(path)]) == 1
    assert f"+{CLEAN}" in capsys.readouterr().out
    out = tmp_path / "out.parquet"
    assert main(["fix", str(path), "-o", str(out)]) == 1
    assert pq.read_table(out).to_pylist() == [
        {"id": 1, "text": CLEAN, "x": 1.5}, {"id": 2, "text": None, "x": None},
        {"id": 3, "text": "سليم", "x": 2.0}]
    assert main(["check", "--field", "x", str(path)]) == 2
    assert "not a string column" in capsys.readouterr().err


def test_zstd_round_trip(tmp_path, capsys):
    zstandard = pytest.importorskip("zstandard", reason="the 'zstandard' package is absent")
    data = corpus(20).encode("utf-8")
    path = write(tmp_path / "a.jsonl.zst", zstandard.ZstdCompressor().compress(data))
    out = tmp_path / "o" / "a.jsonl.zst"
    assert main(["fix", str(path), "-o", str(out)]) == 1
    new = zstandard.ZstdDecompressor().stream_reader(out.open("rb")).read()
    assert [json.loads(x)["text"] for x in new.splitlines()] == [
        clean(json.loads(x)["text"]) for x in data.splitlines()]
    capsys.readouterr()


def test_a_missing_extra_is_named(tmp_path, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_zstandard(name, *args, **kwargs):
        if name == "zstandard":
            raise ImportError("No module named 'zstandard'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_zstandard)
    monkeypatch.setattr(errors, "require", errors.require)  # keep the real helper
    import importlib

    monkeypatch.setattr(importlib, "import_module",
                        lambda name: no_zstandard(name) if name == "zstandard" else real_import(name))
    path = write(tmp_path / "a.jsonl.zst", b"\x28\xb5\x2f\xfd")
    assert main(["check", str(path)]) == 2
    assert "arabic-clean[zstd]" in capsys.readouterr().err


def test_corrupt_gzip_is_an_input_error(tmp_path, capsys):
    path = write(tmp_path / "a.jsonl.gz", gzip.compress(b'{"text": "x"}\n')[:-6] + b"garbage")
    assert main(["check", str(path)]) == 2
    assert f"{path}: cannot read" in capsys.readouterr().err


def test_progress_bar_on_a_terminal_and_never_on_the_output(tmp_path, monkeypatch, capsys):
    pytest.importorskip("tqdm", reason="tqdm (the progress extra) is absent")
    path = write(tmp_path / "a.jsonl", corpus(30))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["check", "--diff", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "check:" in err and "B/s" in err and f"would change: {path}\n" in err
    assert "B/s" not in out
    main(["check", "--no-progress", str(path)])
    assert "B/s" not in capsys.readouterr().err
