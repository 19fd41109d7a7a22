"""The site's own Sphinx extension: tables built from the library's data, and Arabic marked RTL.

Directives, so the pages cannot drift:

- ``codepoint-table``: every code point each normalization pass touches, from
  ``arabic_clean.tables``, beside what pyarabic (called live, when installed) and CAMeL Tools
  (transcribed from its source, since it cannot be installed here) do with the same character.
- ``preset-table``: the steps of every preset with the reason for each (``arabic_clean.PRESETS``).
- ``reason-table``: why a structure pass deletes a line (``arabic_clean.structure.REASONS``).

``tests/test_docs.py`` checks that each row's "arabic_clean" cell is what the pass really does.

Right to left: a paragraph, table cell or plain-text block whose letters are mostly Arabic gets
the class ``arabic`` (``_static/arabic.css`` sets ``direction: rtl`` on it). Python sessions stay
left to right, as code is; the Unicode bidi algorithm already shows each Arabic string in them
right to left.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import NamedTuple

from docutils import nodes
from docutils.parsers.rst import Directive

from arabic_clean import PRESETS
from arabic_clean import tables as T

#: A letter put before each character when a pass is probed: marks need a base, and
#: normalize_punctuation converts only after an Arabic letter.
CONTEXT = "\u0628"  # ب


class Pass(NamedTuple):
    """One normalization pass, the characters it maps (from arabic_clean.tables), and its
    counterparts in pyarabic and CAMeL Tools (None: the library has no such function)."""

    spec: str
    mapping: Mapping[str, str]
    pyarabic: str | None
    camel: str | None


def _deletes(chars: str) -> dict[str, str]:
    return {c: "" for c in chars}


def our_passes() -> list[Pass]:
    """The normalization passes as tables.py defines them (single characters only; the
    composition of decomposed hamza and the digit separators are rules with context)."""
    digits_ascii = {c: str(i % 10) for i, c in enumerate(T.ARABIC_INDIC_DIGITS + T.PERSIAN_DIGITS)}
    digits_arabic = {c: T.ARABIC_INDIC_DIGITS[int(c)] for c in T.ASCII_DIGITS}
    digits_arabic.update({c: T.ARABIC_INDIC_DIGITS[i] for i, c in enumerate(T.PERSIAN_DIGITS)})
    return [
        Pass("strip_diacritics", _deletes(T.DIACRITICS), "strip_diacritics", "dediac_ar"),
        Pass("normalize_alef", T.to_one(T.ALEF_VARIANTS, T.ALEF), "normalize_alef",
             "normalize_alef_ar"),
        Pass("normalize_alef_maqsura", {T.ALEF_MAQSURA: T.YEH}, "normalize_alef",
             "normalize_alef_maksura_ar"),
        Pass("normalize_teh_marbuta", {T.TEH_MARBUTA: T.HEH}, "normalize_teh",
             "normalize_teh_marbuta_ar"),
        Pass("normalize_hamza:to=carrier", dict(T.HAMZA_FORMS["carrier"]),
             "normalize_hamza:method=tasheel", None),
        Pass("normalize_hamza:to=hamza", dict(T.HAMZA_FORMS["hamza"]),
             "normalize_hamza:method=uniform", None),
        Pass("fold_persian_letters", dict(T.PERSIAN_LETTERS), None, None),
        Pass("normalize_digits:to=ascii", digits_ascii, None, None),
        Pass("normalize_digits:to=arabic", digits_arabic, None, None),
        Pass("normalize_punctuation:to=arabic", dict(T.PUNCTUATION_PAIRS), None, None),
        Pass("normalize_punctuation:to=ascii", {a: b for b, a in T.PUNCTUATION_PAIRS}, None,
             None),
        Pass("strip_tatweel", {T.TATWEEL: ""}, "strip_tatweel", None),
    ]


# CAMeL Tools 1.5 (camel_tools/utils/dediac.py, normalize.py, charsets.py): dediac_ar deletes
# AR_DIAC_CHARSET, U+064B-U+0652 and U+0670; normalize_alef_ar maps U+0625 U+0623 U+0671 U+0622
# to U+0627; normalize_alef_maksura_ar U+0649 -> U+064A; normalize_teh_marbuta_ar
# U+0629 -> U+0647. It has no hamza, Persian-letter, digit, punctuation or tatweel function in
# camel_tools.utils. Transcribed, not run: camel-tools is not installable on this machine.
CAMEL: Mapping[str, Mapping[str, str]] = {
    "dediac_ar": _deletes(T.span(0x064B, 0x0652) + "\u0670"),
    "normalize_alef_ar": T.to_one("\u0625\u0623\u0671\u0622", T.ALEF),
    "normalize_alef_maksura_ar": {T.ALEF_MAQSURA: T.YEH},
    "normalize_teh_marbuta_ar": {T.TEH_MARBUTA: T.HEH},
}

#: Where pyarabic's counterparts are probed for characters they change that we do not.
PROBED_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))


def pyarabic_function(name: str) -> Callable[[str], str] | None:
    try:
        from pyarabic import araby
    except ImportError:
        return None
    func_name, _, option = name.partition(":")
    func = getattr(araby, func_name)
    if option:
        key, _, value = option.partition("=")
        return lambda text: func(text, **{key: value})
    return func


def probe(func: Callable[[str], str], char: str) -> str | None:
    """What `func` makes of `char` after a letter; None when it leaves it alone."""
    out = func(CONTEXT + char)
    if out == CONTEXT + char:
        return None
    return out[len(CONTEXT):] if out.startswith(CONTEXT) else out


class Row(NamedTuple):
    char: str
    ours: str | None
    pyarabic: str | None
    camel: str | None


def rows_for(spec: Pass) -> list[Row]:
    """Every code point that this pass or its counterparts touch, in code-point order."""
    py = pyarabic_function(spec.pyarabic) if spec.pyarabic else None
    camel = CAMEL.get(spec.camel or "", {})
    chars = set(spec.mapping) | set(camel)
    if py is not None:
        for first, last in PROBED_BLOCKS:
            chars.update(c for c in map(chr, range(first, last + 1)) if probe(py, c) is not None)
    return [Row(c, spec.mapping.get(c), probe(py, c) if py else None, camel.get(c))
            for c in sorted(chars)]


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '?')}"


def show(result: str | None, unknown: bool = False) -> str:
    if unknown:
        return "(no such function)"
    if result is None:
        return "unchanged"
    if result == "":
        return "deleted"
    return "→ " + result + " (" + " ".join(f"U+{ord(c):04X}" for c in result) + ")"


def glyph(char: str) -> str:
    return ("\u25CC" + char) if unicodedata.combining(char) else char  # a mark on a dotted circle


def _table(header: list[str], body: list[list[nodes.Node | str]],
           widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["codepoints"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)

    def row(cells: list[nodes.Node | str]) -> nodes.row:
        out = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", cell if isinstance(cell, nodes.Node)
                                     else nodes.Text(cell))
            out += entry
        return out

    head = nodes.thead()
    head += row(list(header))
    group += head
    tbody = nodes.tbody()
    for cells in body:
        tbody += row(cells)
    group += tbody
    return table


class CodepointTable(Directive):
    """One table per normalization pass (``.. codepoint-table::``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        have_pyarabic = pyarabic_function("strip_tatweel") is not None
        out: list[nodes.Node] = []
        for spec in our_passes():
            section = nodes.rubric("", "", nodes.literal(spec.spec, spec.spec))
            out.append(section)
            py_name = f"pyarabic araby.{spec.pyarabic}" if spec.pyarabic else "pyarabic"
            camel_name = f"CAMeL {spec.camel}" if spec.camel else "CAMeL Tools"
            body = []
            for row in rows_for(spec):
                body.append([
                    nodes.inline(glyph(row.char), glyph(row.char), classes=["glyph"]),
                    describe(row.char),
                    show(row.ours),
                    show(row.pyarabic, unknown=spec.pyarabic is None)
                    if have_pyarabic or spec.pyarabic is None else "(pyarabic not installed)",
                    show(row.camel, unknown=spec.camel is None),
                ])
            out.append(_table(["", "code point", "arabic_clean", py_name, camel_name], body,
                              [4, 40, 20, 20, 20]))
        return out


class PresetTable(Directive):
    """Every preset's steps with their reasons (``.. preset-table::``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for preset in PRESETS.values():
            out.append(nodes.rubric("", "", nodes.literal(preset.name, preset.name),
                                    nodes.Text(": " + preset.description)))
            body = [[nodes.literal(spec, spec), reason] for spec, reason in preset.steps]
            out.append(_table(["step", "why it is there"], body, [30, 70]))
        return out


class ReasonTable(Directive):
    """Every deletion reason with its meaning (``.. reason-table::``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from arabic_clean.structure import REASONS

        body = [[nodes.literal(name, name), meaning] for name, meaning in REASONS.items()]
        return [_table(["reason", "the deleted line is"], body, [25, 75])]


def mostly_arabic(text: str) -> bool:
    """Four letters in five or more are Arabic script (U+0600-U+08FF, presentation forms), and
    no arrow says "becomes": a mapping such as ``ؤ → و`` reads left to right, like the page."""
    if "\u2192" in text or "\u2194" in text:
        return False
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u08ff" or "\ufb50" <= c <= "\ufeff")
    return bool(letters) and arabic * 5 >= len(letters) * 4


def mark_arabic(app, doctree: nodes.document, docname: str) -> None:  # noqa: ANN001
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.literal_block))):
        if isinstance(node, nodes.literal_block) and node.get("language") not in (None, "text",
                                                                                  "none"):
            continue
        if mostly_arabic(node.astext()):
            node["classes"].append("arabic")


def setup(app) -> dict:  # noqa: ANN001 - Sphinx's application object
    app.connect("doctree-resolved", mark_arabic)
    app.add_directive("codepoint-table", CodepointTable)
    app.add_directive("preset-table", PresetTable)
    app.add_directive("reason-table", ReasonTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
