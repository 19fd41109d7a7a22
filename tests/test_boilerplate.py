"""learn_boilerplate: CCNet-style line statistics, JSON round trip, use in remove_chrome."""

from __future__ import annotations

import pytest

from arabic_clean.structure import Boilerplate, learn_boilerplate, remove_chrome

BODY = "افتتح الوزير أمس المعرض الدولي للكتاب في العاصمة بحضور عدد كبير من الكتاب رقم {}."
FOOTER = "مؤسسة الإعلام الحديث للنشر والتوزيع"
PAGES = [f"عنوان الخبر {n}\n{BODY.format(n)}\n{FOOTER}\n" for n in range(5)]


def test_learns_lines_shared_by_enough_documents() -> None:
    learned = learn_boilerplate(PAGES, min_docs=3, min_share=0.5)
    assert FOOTER in learned and BODY.format(1) not in learned
    assert learned.documents == 5


def test_json_round_trip() -> None:
    learned = learn_boilerplate(PAGES, min_docs=3)
    assert Boilerplate.from_json(learned.to_json()) == learned
    assert Boilerplate.loads(learned.dumps()) == learned


def test_rejects_foreign_json() -> None:
    with pytest.raises(ValueError):
        Boilerplate.from_json('{"format": "other", "version": 1}')


@pytest.mark.parametrize("kwargs", [{"min_docs": 0}, {"min_share": 1.5}])
def test_rejects_bad_settings(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        learn_boilerplate(PAGES, **kwargs)


def test_remove_chrome_uses_learned_lines() -> None:
    page = PAGES[0] + "\n" + BODY.format(9) + "\n"
    assert FOOTER in remove_chrome(page)  # prose-like footer inside the block: kept without evidence
    assert FOOTER not in remove_chrome(page, boilerplate=learn_boilerplate(PAGES, min_docs=3))


def test_state_is_explicit() -> None:
    learn_boilerplate(PAGES, min_docs=3)
    assert FOOTER in remove_chrome(PAGES[0] + "\n" + BODY.format(9) + "\n")


def test_pickle_is_the_same_in_every_process() -> None:
    import pickle
    import subprocess
    import sys

    code = (
        "import pickle, sys; from arabic_clean.structure import Boilerplate;"
        "b = Boilerplate(frozenset(['ا' * n for n in range(1, 40)]), 9, 3, 0.2);"
        "sys.stdout.write(pickle.dumps(b).hex())"
    )
    dumps = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(dumps) == 1
    restored = pickle.loads(bytes.fromhex(dumps.pop()))
    assert restored.documents == 9 and len(restored.keys) == 39


@pytest.mark.parametrize("document", ["[1]", '"text"', "null", "3"])
def test_rejects_json_that_is_not_an_object(document: str) -> None:
    with pytest.raises(ValueError, match="a JSON object"):
        Boilerplate.from_json(document)


def _document(**fields: object) -> str:
    import json

    record = json.loads(Boilerplate(frozenset({"ab"}), 3, 3, 0.2).to_json())
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not ...})


@pytest.mark.parametrize("fields", [
    {"keys": "ab"},  # a string would otherwise become the two keys "a" and "b"
    {"keys": ["ab", 1]},
    {"keys": {"ab": 1}},
    {"keys": ...},
    {"documents": "3"},
    {"documents": True},
    {"min_docs": 2.5},
    {"min_share": "0.2"},
    {"min_share": ...},
])
def test_rejects_a_document_of_the_wrong_shape(fields: dict) -> None:
    with pytest.raises(ValueError):
        Boilerplate.from_json(_document(**fields))


def test_accepts_the_shape_it_writes() -> None:
    assert Boilerplate.from_json(_document()) == Boilerplate(frozenset({"ab"}), 3, 3, 0.2)
