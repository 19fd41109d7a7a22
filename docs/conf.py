"""Sphinx configuration: the Markdown pages in docs/ as a furo site, with the API from docstrings.

Build: ``sphinx-build -W -b html docs docs/_build/html`` (warnings are errors; .ci/run does this).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(DOCS.parent))

import arabic_clean  # noqa: E402

project = "arabic-clean"
author = "arabic-clean developers"
copyright = "arabic-clean developers, MIT licence"  # noqa: A001 - Sphinx's name
release = version = arabic_clean.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "arabic_clean_docs",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
# Headings get anchors so pages can link to sections (`page.md#presets`).
myst_heading_anchors = 3

# Docstrings write `name` for code, as Markdown does.
default_role = "code"
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "description"
autodoc_preserve_defaults = True

html_theme = "furo"
html_title = f"arabic-clean {release}"
html_static_path = ["_static"]
html_css_files = ["arabic.css"]
# No fonts or scripts from elsewhere: the site reads offline.
html_theme_options = {"navigation_with_keys": True}
language = "en"
