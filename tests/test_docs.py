"""The docs cannot drift: every example in docs/*.md and README.md runs, and the generated
tables agree with what the passes do.

Examples are the ``>>>`` sessions inside fenced ``python``/``pycon`` blocks, and blocks made only
of import statements (so a page's imports are checked too). Each page runs its blocks in order in
one namespace that starts as ``from arabic_clean import *`` (so a page may use the public names
without importing them), as doctest would.
"""

from __future__ import annotations

import ast
import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_clean import PASSES, Pipeline

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [REPO / "README.md"]

FENCE = re.compile(r"^(?P<fence>```+|~~~+)(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                   re.DOTALL | re.MULTILINE)
RUNNABLE = {"python", "pycon", "py"}

def fenced_blocks(text: str) -> list[tuple[int, str, str]]:
    """(line number, info string, body) of each fenced block, in order."""
    return [(text.count("\n", 0, m.start()) + 2, m["info"].strip(), m["body"])
            for m in FENCE.finditer(text)]


def only_imports(body: str) -> bool:
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return False
    return bool(tree.body) and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body)


def page_id(path: Path) -> str:
    return path.name


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_examples_run(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    namespace: dict = {}
    exec("from arabic_clean import *", namespace)  # noqa: S102 - the pages' starting names
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    ran = 0
    for line, info, body in fenced_blocks(text):
        if info.split(" ")[0] not in RUNNABLE:
            continue
        if ">>>" not in body:
            if only_imports(body):
                exec(compile(body, f"{page.name}:{line}", "exec"), namespace)  # noqa: S102
            continue
        test = parser.get_doctest(body, namespace, f"{page.name}:{line}", str(page), line - 1)
        runner.run(test, clear_globs=False)
        namespace.update(test.globs)  # DocTest copies its globals; later blocks see these names
        ran += len(test.examples)
    summary = runner.summarize(verbose=False)
    assert summary.failed == 0, f"{summary.failed} of {ran} examples in {page.name} failed (above)"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_python_blocks_are_examples_that_run(page: Path) -> None:
    """A ``python`` block without ``>>>`` is never run, so it can drift: write it as a session
    (signatures too: ``print(inspect.signature(f))``), or as plain imports, which run."""
    for line, info, body in fenced_blocks(page.read_text(encoding="utf-8")):
        if info.split(" ")[0] in RUNNABLE:
            assert ">>>" in body or only_imports(body), f"{page.name}:{line}: a python block that is not a >>> session"


def test_readme_seed_diff_is_what_check_prints() -> None:
    """The README's seed diff is the output of its first command."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = next(body for _, info, body in fenced_blocks(readme) if info == "diff")
    result = subprocess.run([sys.executable, "-m", "arabic_clean", "check", "--diff", "seeds/"],
                            cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1, result.stderr
    assert result.stdout == shown


def test_readme_names_every_pass_and_export() -> None:
    """The README's pass table names every registered pass, and what it says is exported is."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    import arabic_clean

    for name in PASSES:
        assert f"`{name}`" in readme, f"README does not mention pass {name}"
    exported = re.search(r"exported from `arabic_clean`:(.*?)\n\n", readme, re.DOTALL)
    assert exported, "README lost its list of exports"
    for name in re.findall(r"`(\w+)`", exported.group(1)):
        assert name in arabic_clean.__all__, f"README says {name} is exported; it is not"


# --- the generated code-point table -------------------------------------------------------------

@pytest.fixture(scope="module")
def codepoints():
    """docs/_ext/arabic_clean_docs.py, which needs docutils (the docs extra)."""
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return pytest.importorskip("arabic_clean_docs",
                                   reason="the docs extension needs docutils: pip install -e '.[docs]'")
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def test_codepoint_table_is_what_the_pass_does(codepoints) -> None:
    """Each row's arabic_clean cell, built from arabic_clean.tables, is what the pass does to
    that character after a letter; characters the table leaves out are left alone."""
    for spec in codepoints.our_passes():
        run = Pipeline.from_names([spec.spec])
        for row in codepoints.rows_for(spec):
            assert codepoints.probe(run, row.char) == row.ours, (spec.spec,
                                                                  codepoints.describe(row.char))


def test_codepoint_table_has_every_diacritic_and_the_pyarabic_differences(codepoints) -> None:
    passes = {spec.spec: spec for spec in codepoints.our_passes()}
    diacritics = codepoints.rows_for(passes["strip_diacritics"])
    assert {r.char for r in diacritics if r.ours == ""} == set(codepoints.T.DIACRITICS)
    # Every normalization pass has its table.
    normalizers = {name for name, f in PASSES.items() if f.__module__ == "arabic_clean.normalize"}
    assert normalizers <= {spec.split(":")[0] for spec in passes}
    if codepoints.pyarabic_function("normalize_alef") is not None:
        alef = {r.char: r for r in codepoints.rows_for(passes["normalize_alef"])}
        # pyarabic's normalize_alef folds alef maqsura into alef; ours does not touch it.
        assert alef["\u0649"].pyarabic == "\u0627" and alef["\u0649"].ours is None
