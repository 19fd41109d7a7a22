"""Engine adapters: Hugging Face datasets and datatrove run arabic-clean pipelines unchanged."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

# Set before datasets is imported anywhere: nothing here may reach the Hub.
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from arabic_clean import PRESETS, Pipeline, clean, segment_sentences  # noqa: E402
from arabic_clean.adapters import CleanColumn, SegmentColumn, as_pipeline  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

needs_datasets = pytest.mark.skipif(
    find_spec("datasets") is None,
    reason="Hugging Face datasets is not installed (pip install 'arabic-clean[datasets]')",
)
needs_datatrove = pytest.mark.skipif(
    find_spec("datatrove") is None,
    reason="datatrove is not installed (pip install 'arabic-clean[datatrove]')",
)

MOJIBAKE = "ط§ظ„ط¹ط±ط¨ظٹط©"  # العربية read as windows-1256
TEXTS = [
    "",  # first batch all blank: the sentences column must still be typed list<string>
    "\u200f",
    "ﻻ\u00a0تـــراجع\u200f عن  القرار",
    None,
    MOJIBAKE,
    "وصل الوفد إلى دمشق. وقال د. أحمد إن النمو بلغ 3.5% هذا العام!",
    "نص نظيف.",
]


def replay(steps: list[str], text: str) -> str:
    """Running only the steps that changed a text gives the same result (`Pipeline.explain`)."""
    return Pipeline.from_names(steps)(text)


# ----------------------------------------------------------------------------- no engine needed


def test_import_arabic_clean_imports_no_engine():
    code = (
        "import sys, arabic_clean, arabic_clean.adapters, arabic_clean.adapters.hf_datasets;"
        "print(sorted(m for m in ('datasets', 'datatrove') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_datatrove_module_without_datatrove_says_what_to_install():
    code = (
        "import sys; sys.modules['datatrove'] = None\n"
        "from arabic_clean.adapters.datatrove import ArabicCleanFormatter\n"
        "try:\n    ArabicCleanFormatter()\n"
        "except ImportError as error:\n    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert "pip install 'arabic-clean[datatrove]'" in result.stdout


def test_as_pipeline_accepts_preset_names_presets_pipelines_and_step_lists():
    assert as_pipeline("search") == PRESETS["search"].pipeline
    assert as_pipeline(PRESETS["repair"]) == PRESETS["repair"].pipeline
    custom = Pipeline.from_names(["strip_diacritics"])
    assert as_pipeline(custom) is custom
    assert as_pipeline(["strip_diacritics"]) == custom
    with pytest.raises(ValueError, match="unknown preset"):
        as_pipeline("strip_diacritics")  # one string is a preset name, never a step
    with pytest.raises(TypeError, match="preset name"):
        as_pipeline(42)  # type: ignore[arg-type]


def test_map_functions_pickle_to_equal_values():
    clean_column = CleanColumn(PRESETS["safe"].pipeline, "body", "clean", "cleaned_by")
    clean_column({"body": ["تـــراجع"]})  # compiles the fused program, which is not pickled
    assert pickle.loads(pickle.dumps(clean_column)) == clean_column
    segment = SegmentColumn("body", "sentences", batched=False)
    assert pickle.loads(pickle.dumps(segment)) == segment


@given(st.lists(st.one_of(st.none(), st.text(max_size=60)), max_size=8))
def test_clean_column_batch_equals_rows_and_steps_replay(texts):
    pipeline = PRESETS["safe"].pipeline
    batch = CleanColumn(pipeline, steps_column="steps")({"text": texts})
    rows = [CleanColumn(pipeline, steps_column="steps", batched=False)({"text": t}) for t in texts]
    assert batch["text"] == [row["text"] for row in rows]
    assert batch["steps"] == [row["steps"] for row in rows]
    for text, cleaned, steps in zip(texts, batch["text"], batch["steps"]):
        if text is None:
            assert cleaned is None and steps == []
        else:
            assert cleaned == pipeline(text) == replay(steps, text)


def test_clean_column_names_the_column_holding_a_non_string():
    with pytest.raises(TypeError, match="column 'text' holds int"):
        CleanColumn(PRESETS["safe"].pipeline)({"text": [3]})


# ----------------------------------------------------------------------------- datasets


@pytest.fixture
def dataset():
    datasets = pytest.importorskip("datasets")
    return datasets.Dataset.from_dict({"text": TEXTS, "id": list(range(len(TEXTS)))})


def expected_clean(texts, preset="safe"):
    return [None if t is None else clean(t, preset=preset) for t in texts]


@needs_datasets
def test_clean_dataset_replaces_the_column_and_keeps_the_rest(dataset):
    from arabic_clean.adapters.hf_datasets import clean_dataset

    out = clean_dataset(dataset)
    assert out["text"] == expected_clean(TEXTS)
    assert out["id"] == dataset["id"]
    assert out.features == dataset.features
    assert dataset["text"] == TEXTS  # the input dataset is not changed


@needs_datasets
def test_clean_dataset_output_and_steps_columns_replay(dataset):
    from arabic_clean.adapters.hf_datasets import clean_dataset, count_steps

    out = clean_dataset(dataset, pipeline="search", output_column="clean",
                        steps_column="cleaned_by", batch_size=2)
    assert out["text"] == TEXTS
    assert out["clean"] == expected_clean(TEXTS, "search")
    for text, cleaned, steps in zip(TEXTS, out["clean"], out["cleaned_by"]):
        if text is not None:
            assert replay(steps, text) == cleaned
    counts = count_steps(out)
    assert counts["fix_mojibake"] == 1
    assert counts["remove_invisible"] == 2
    assert counts["normalize_whitespace"] == 1  # listed twice in the preset, one row


@needs_datasets
def test_clean_dataset_two_processes_equal_one(dataset):
    from arabic_clean.adapters.hf_datasets import clean_dataset

    one = clean_dataset(dataset, steps_column="cleaned_by", batch_size=2)
    two = clean_dataset(dataset, steps_column="cleaned_by", batch_size=2, num_proc=2)
    assert two["text"] == one["text"] == expected_clean(TEXTS)
    assert two["cleaned_by"] == one["cleaned_by"]


@needs_datasets
def test_clean_dataset_row_by_row_equals_batched(dataset):
    from arabic_clean.adapters.hf_datasets import clean_dataset

    steps = ["strip_tatweel", "remove_invisible"]
    rows = clean_dataset(dataset, pipeline=steps, batched=False)
    assert rows["text"] == clean_dataset(dataset, pipeline=steps)["text"]


@needs_datasets
def test_clean_dataset_fingerprint_is_deterministic(dataset):
    from datasets.fingerprint import Hasher

    from arabic_clean.adapters.hf_datasets import clean_dataset

    first = clean_dataset(dataset, pipeline="search")
    again = clean_dataset(dataset, pipeline="search")
    other = clean_dataset(dataset, pipeline="repair")
    assert first._fingerprint == again._fingerprint != other._fingerprint
    # ... and across processes with another str hash seed: a rerun finds its cache.
    code = (
        "from datasets.fingerprint import Hasher\n"
        "from arabic_clean import PRESETS\n"
        "from arabic_clean.adapters import CleanColumn\n"
        "print(Hasher.hash(CleanColumn(PRESETS['search'].pipeline)))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == Hasher.hash(CleanColumn(PRESETS["search"].pipeline))


@needs_datasets
def test_segment_dataset_adds_typed_sentences(dataset):
    from arabic_clean.adapters.hf_datasets import segment_dataset

    out = segment_dataset(dataset, batch_size=2, num_proc=2)
    assert out["sentences"] == [[] if t is None else segment_sentences(t) for t in TEXTS]
    assert out.features["sentences"].feature.dtype == "string"
    rows = segment_dataset(dataset, output_column="s", batched=False)
    assert rows["s"] == out["sentences"]


@needs_datasets
def test_dataset_dict_and_iterable_dataset(dataset):
    import datasets

    from arabic_clean.adapters.hf_datasets import clean_dataset, count_steps, segment_dataset

    splits = clean_dataset(datasets.DatasetDict({"train": dataset, "test": dataset}))
    assert isinstance(splits, datasets.DatasetDict)
    assert splits["test"]["text"] == expected_clean(TEXTS)

    stream = clean_dataset(dataset.to_iterable_dataset(), steps_column="cleaned_by", batch_size=3)
    assert [row["text"] for row in stream] == expected_clean(TEXTS)
    assert count_steps(stream)["fix_mojibake"] == 1
    sentences = segment_dataset(dataset.to_iterable_dataset())
    assert [row["sentences"] for row in sentences][5] == segment_sentences(TEXTS[5])
    with pytest.raises(ValueError, match="no num_proc"):
        clean_dataset(dataset.to_iterable_dataset(), num_proc=2)


@needs_datasets
def test_clean_dataset_errors_name_the_column(dataset):
    from arabic_clean.adapters.hf_datasets import clean_dataset

    with pytest.raises(KeyError, match="no column 'body'"):
        clean_dataset(dataset, column="body")
    with pytest.raises(TypeError, match="column 'id' holds int"):
        clean_dataset(dataset, column="id", output_column="id_text")


# ----------------------------------------------------------------------------- datatrove


def documents(texts):
    from datatrove.data import Document

    return [Document(text=t, id=str(i)) for i, t in enumerate(texts) if t is not None]


@needs_datatrove
def test_formatter_cleans_text_and_counts_steps():
    from arabic_clean.adapters.datatrove import ArabicCleanFormatter

    texts = [t for t in TEXTS if t is not None]
    formatter = ArabicCleanFormatter("safe")
    out = list(formatter.run(documents(texts)))
    assert [d.text for d in out] == expected_clean(texts)
    assert [d.id for d in out] == [d.id for d in documents(texts)]
    stats = formatter.stats.to_dict()["stats"]
    assert stats["total"] == len(texts)
    assert stats["changed"] == 3
    assert stats["changed_remove_invisible"] == 2
    assert stats["changed_fix_mojibake"] == 1
    assert stats["fix_mojibake: utf8_read_as_windows_1256"] == 1
    assert stats["emptied"] == 1


@needs_datatrove
def test_formatter_without_step_stats_gives_the_same_text():
    from arabic_clean.adapters.datatrove import ArabicCleanFormatter

    texts = [t for t in TEXTS if t is not None]
    formatter = ArabicCleanFormatter(["fix_mojibake", "strip_tatweel"], step_stats=False)
    assert [d.text for d in formatter.run(documents(texts))] == [
        Pipeline.from_names(["fix_mojibake", "strip_tatweel"])(t) for t in texts
    ]
    assert formatter.format(MOJIBAKE) == "العربية"
    stats = formatter.stats.to_dict()["stats"]
    assert stats["changed"] == 2
    assert not any(name.startswith("changed_") for name in stats)


@needs_datatrove
def test_empty_text_filter_drops_blank_documents():
    from arabic_clean.adapters.datatrove import ArabicCleanFormatter, EmptyTextFilter

    texts = [t for t in TEXTS if t is not None]
    drop_empty = EmptyTextFilter()
    kept = list(drop_empty.run(ArabicCleanFormatter("safe").run(documents(texts))))
    assert [d.text for d in kept] == [t for t in expected_clean(texts) if t.strip()]
    stats = drop_empty.stats.to_dict()["stats"]
    assert (stats["dropped"], stats["dropped_empty"], stats["forwarded"]) == (2, 2, len(kept))


@needs_datatrove
def test_local_executor_two_tasks_over_jsonl(tmp_path):
    pytest.importorskip("orjson", reason="datatrove's JsonlReader needs orjson (datatrove[io])")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from arabic_clean.adapters.datatrove import ArabicCleanFormatter, EmptyTextFilter

    texts = [t for t in TEXTS if t is not None]
    raw = tmp_path / "raw"
    raw.mkdir()
    for shard in range(2):  # one file per task
        with (raw / f"{shard}.jsonl").open("w", encoding="utf-8") as handle:
            for number, text in enumerate(texts[shard::2]):
                handle.write(json.dumps({"id": f"{shard}-{number}", "text": text}) + "\n")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(raw)),
            ArabicCleanFormatter("safe"),
            EmptyTextFilter(),
            JsonlWriter(str(tmp_path / "clean"), compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    written = [json.loads(line)["text"] for path in sorted((tmp_path / "clean").glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(written) == sorted(t for t in expected_clean(texts) if t.strip())
    merged = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    formatter_stats = next(step["stats"] for step in merged if "arabic-clean" in step["name"]
                           and "drop empty" not in step["name"])
    assert formatter_stats["total"] == len([t for t in texts if t])  # readers skip empty text
    assert formatter_stats["changed_fix_mojibake"] == 1
