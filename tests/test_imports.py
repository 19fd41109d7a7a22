"""Start-up stays cheap (issue 12): what ``import arabic_clean`` and the CLI load, and when.

The time itself is measured by benchmarks/import_time.py; these tests check the mechanism
(which modules a fresh interpreter has loaded), which does not depend on the machine's load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import arabic_clean
from arabic_clean import PASSES

REPO = Path(__file__).resolve().parents[1]
HEAVY = ["ftfy", "regex", "arabic_clean.encoding", "arabic_clean.structure",
         "arabic_clean.normalize", "arabic_clean.repair", "arabic_clean.pipeline"]


def loaded_after(code: str) -> dict[str, bool]:
    probe = f"import sys\n{code}\nimport json; print(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=REPO, check=True, timeout=60)
    return json.loads(result.stdout.splitlines()[-1])


def test_import_loads_no_pass_and_no_ftfy():
    assert not any(loaded_after("import arabic_clean").values())


def test_cli_help_and_version_load_no_pass():
    code = ("from arabic_clean.cli import main\n"
            "import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['--version']); main(['fix', '--help'])")
    assert not any(loaded_after(code).values())


def test_a_pipeline_loads_only_its_passes_and_ftfy_waits_for_latin_mojibake():
    loaded = loaded_after("from arabic_clean import Pipeline\n"
                          "Pipeline.from_names(['remove_invisible'])('x')")
    assert loaded["arabic_clean.repair"] and not loaded["arabic_clean.structure"]
    loaded = loaded_after("from arabic_clean import clean\nclean('نص عربي')")
    assert loaded["arabic_clean.structure"] and not loaded["ftfy"]
    assert loaded_after("from arabic_clean import fix_mojibake\nfix_mojibake('CafÃ©')")["ftfy"]


def test_every_public_name_and_pass_resolves_to_itself():
    for name in arabic_clean.__all__:
        assert getattr(arabic_clean, name) is not None
    for name, function in PASSES.items():
        assert function.__name__ == name
    assert "remove_invisible" in PASSES and "nope" not in PASSES and len(PASSES) == len(list(PASSES))
    assert set(dir(arabic_clean)) >= set(arabic_clean.__all__)
