"""`arabic-clean segment --offsets`: sentences of the cleaned text with raw-text offsets."""

from __future__ import annotations

import json
from itertools import pairwise

from arabic_clean import clean, sentence_spans
from arabic_clean.cli import main

RAW = ("الرئيسية\r\nسياسة\r\nكتب أحمد علي\r\n\r\n"
       "قال الوزير &quot;إن الاتفاق تم&quot;. وأضاف أن التنفيذ يبدأ ﻏﺪا؟\r\n")


def test_segment_offsets_point_into_the_raw_text(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": 7, "text": RAW}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["segment", "--offsets", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == 7 and record["text"] == RAW
    cleaned = clean(RAW)
    sentences = record["sentences"]
    assert [s["sentence"] for s in sentences] == [cleaned[a:b] for a, b in sentence_spans(cleaned)]
    assert [RAW[s["start"]:s["end"]] for s in sentences][-2:] == [
        "قال الوزير &quot;إن الاتفاق تم&quot;.", "وأضاف أن التنفيذ يبدأ ﻏﺪا؟"]
    assert all(a["end"] <= b["start"] for a, b in pairwise(sentences))


def test_segment_offsets_follow_the_configured_preset(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.arabic-clean]\npreset = "repair"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "قال &quot;نعم&quot;. ثم ذهب."}) + "\n", encoding="utf-8")
    assert main(["segment", "--format", "jsonl", "--offsets", str(path)]) == 0
    sentences = json.loads(capsys.readouterr().out)["sentences"]
    assert sentences == [{"sentence": 'قال "نعم".', "start": 0, "end": 20},
                         {"sentence": "ثم ذهب.", "start": 21, "end": 28}]


def test_segment_offsets_needs_jsonl(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("قال الوزير.\n", encoding="utf-8")
    assert main(["segment", "--offsets", str(path)]) == 2
    assert "JSONL" in capsys.readouterr().err


def test_segment_offsets_names_an_unknown_preset(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.arabic-clean]\npreset = "tidy"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "قال."}\n', encoding="utf-8")
    assert main(["segment", "--offsets", str(path)]) == 2
    assert "unknown preset 'tidy'" in capsys.readouterr().err


def test_segment_offsets_follow_configured_passes(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.arabic-clean]\npasses = ["unescape_html"]\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "قال &amp; مضى.  ثم ذهب."}) + "\n", encoding="utf-8")
    assert main(["segment", "--offsets", str(path)]) == 0
    sentences = json.loads(capsys.readouterr().out)["sentences"]
    assert sentences == [{"sentence": "قال & مضى.", "start": 0, "end": 14},
                         {"sentence": "ثم ذهب.", "start": 16, "end": 23}]
