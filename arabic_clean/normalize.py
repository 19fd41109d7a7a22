"""Lossy normalization passes: diacritics, letter variants, digits, punctuation.

Each folds distinctions that matter to readers but hurt matching and search,
so presets choose them explicitly; none runs in the ``"safe"`` preset.
"""

from __future__ import annotations

import re

from . import tables as T
from .charpass import CharRules
from .rules import Rewrite, Table, char_class

# --- Decomposed hamza and madda ---------------------------------------------

_COMPOSABLE_BASES = "".join(sorted({pair[0] for pair in T.COMPOSITIONS}))


def _compose(match: re.Match[str]) -> str:
    base, marks, hamza = match.groups()
    composed = T.COMPOSITIONS.get(base + hamza)
    return composed + marks if composed else match.group()


#: Letter + (harakat) + U+0653/U+0654/U+0655 -> the precomposed letter. Only
#: these Arabic pairs compose; no other text is normalized.
COMPOSE_HAMZA = Rewrite(
    f"({char_class(_COMPOSABLE_BASES)})({char_class(T.NONBLOCKING_MARKS)}*)"
    f"({char_class(T.COMBINING_HAMZA)})",
    _compose,
    triggers=T.COMBINING_HAMZA,
    emits="".join(T.COMPOSITIONS.values()),
    line_local=True,
)


def _absorb_hamza(bases: str, target: str) -> Rewrite:
    """`bases` + harakat + any combining hamza/madda -> `target` + the harakat.

    For passes that fold a letter with hamza: the combining form folds the same way
    (ا + U+0654 -> ا, like أ -> ا), and a second, stray combining hamza after a
    precomposed letter (آ + U+0653) goes too, so no folded letter is left before a
    combining hamza that a later run could compose.
    """
    marks = char_class(T.NONBLOCKING_MARKS + T.COMBINING_HAMZA)
    hamza = char_class(T.COMBINING_HAMZA)

    def fold(match: re.Match[str]) -> str:
        return target + "".join(c for c in match.group(2) if c not in T.COMBINING_HAMZA)

    return Rewrite(f"({char_class(bases)})({marks}*{hamza}{marks}*)", fold,
                   triggers=T.COMBINING_HAMZA, emits=target, line_local=True)


def _require(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}, not {value!r}")


# --- Diacritics -------------------------------------------------------------


def _diacritics_rules(*, keep_shadda: bool = False) -> list:
    marks = T.DIACRITICS.replace(T.SHADDA, "") if keep_shadda else T.DIACRITICS
    return [COMPOSE_HAMZA, Table({c: "" for c in marks})]


_DIACRITICS = CharRules(_diacritics_rules)


@_DIACRITICS.attach
def strip_diacritics(text: str, *, keep_shadda: bool = False) -> str:
    r"""Remove harakat, tanween, shadda, sukun, dagger alef and Quranic marks.

    A letter followed by a combining hamza or madda (U+0653–U+0655) is first
    composed, so ا + U+0654 becomes أ rather than losing its hamza.

    >>> strip_diacritics("العَرَبِيَّةُ")
    'العربية'
    >>> strip_diacritics("العَرَبِيَّةُ", keep_shadda=True)
    'العربيّة'
    >>> strip_diacritics("\u0627\u0654\u0645\u0644")
    'أمل'
    """
    return _DIACRITICS.run(text, keep_shadda=keep_shadda)


# --- Letters ----------------------------------------------------------------

_ALEF = CharRules(lambda: [
    _absorb_hamza(T.ALEF + T.ALEF_VARIANTS, T.ALEF),
    Table({c: T.ALEF for c in T.ALEF_VARIANTS}),
])


@_ALEF.attach
def normalize_alef(text: str) -> str:
    """Map أ إ آ ٱ ٲ ٳ (U+0623 U+0625 U+0622 U+0671 U+0672 U+0673) to ا (U+0627).

    A decomposed hamza or madda on alef (ا + U+0653/U+0654/U+0655) folds the same way.

    >>> normalize_alef("إلى أين آخر")
    'الى اين اخر'
    """
    return _ALEF.run(text)


_ALEF_MAQSURA = CharRules(lambda: [Table({T.ALEF_MAQSURA: T.YEH})])


@_ALEF_MAQSURA.attach
def normalize_alef_maqsura(text: str) -> str:
    """Map alef maqsura ى (U+0649) to yeh ي (U+064A).

    pyarabic's ``normalize_alef`` maps ى to ا (على -> علا); this does not.

    >>> normalize_alef_maqsura("على مستوى")
    'علي مستوي'
    """
    return _ALEF_MAQSURA.run(text)


_TEH_MARBUTA = CharRules(lambda: [Table({T.TEH_MARBUTA: T.HEH})])


@_TEH_MARBUTA.attach
def normalize_teh_marbuta(text: str) -> str:
    """Map teh marbuta ة (U+0629) to heh ه (U+0647).

    >>> normalize_teh_marbuta("مدينة جميلة")
    'مدينه جميله'
    """
    return _TEH_MARBUTA.run(text)


def _hamza_rules(*, to: str = "carrier") -> list:
    _require("to", to, tuple(T.HAMZA_FORMS))
    forms = T.HAMZA_FORMS[to]
    return [
        _absorb_hamza("\u0648" + T.WAW_HAMZA, forms[T.WAW_HAMZA]),                  # و ؤ
        _absorb_hamza(T.YEH + T.YEH_HAMZA + T.ALEF_MAQSURA, forms[T.YEH_HAMZA]),    # ي ئ ى
        Table(forms),
    ]


_HAMZA = CharRules(_hamza_rules)


@_HAMZA.attach
def normalize_hamza(text: str, *, to: str = "carrier") -> str:
    """Fold hamza on a carrier: ؤ (U+0624) and ئ (U+0626).

    ``to="carrier"`` keeps the carrier letter (ؤ -> و, ئ -> ي), as pyarabic's
    ``normalize_hamza(method="tasheel")`` does; ``to="hamza"`` keeps the hamza
    (ؤ ئ -> ء U+0621), as its default ``"uniform"`` method does for these two.
    Alef with hamza is `normalize_alef`'s job. CAMeL Tools has no hamza folding.

    >>> normalize_hamza("سؤال الأئمة")
    'سوال الأيمة'
    >>> normalize_hamza("سؤال الأئمة", to="hamza")
    'سءال الأءمة'
    """
    return _HAMZA.run(text, to=to)


_PERSIAN = CharRules(lambda: [Table(T.PERSIAN_LETTERS)])


@_PERSIAN.attach
def fold_persian_letters(text: str) -> str:
    """Fold Persian and Urdu letter forms to Arabic: ک -> ك, ی ے -> ي, ہ ە ھ ۀ -> ه.

    گ پ چ ژ stay: they spell sounds Arabic letters do not have.

    >>> fold_persian_letters("کتاب فارسی")
    'كتاب فارسي'
    """
    return _PERSIAN.run(text)


# --- Digits -----------------------------------------------------------------

_DIGIT = char_class(T.ALL_DIGITS)
_SEPARATORS_TO_ASCII = {T.ARABIC_DECIMAL_SEPARATOR: ".", T.ARABIC_THOUSANDS_SEPARATOR: ","}


def _digits_rules(*, to: str = "ascii") -> list:
    _require("to", to, ("ascii", "arabic"))
    if to == "arabic":
        sources = T.ASCII_DIGITS + T.PERSIAN_DIGITS
        return [Table({c: T.ARABIC_INDIC_DIGITS[int(c) if c.isascii() else ord(c) - 0x06F0]
                       for c in sources})]
    return [
        Rewrite(
            f"(?<={_DIGIT})[{T.ARABIC_DECIMAL_SEPARATOR}{T.ARABIC_THOUSANDS_SEPARATOR}](?={_DIGIT})",
            lambda m: _SEPARATORS_TO_ASCII[m.group()],
            triggers=T.ARABIC_DECIMAL_SEPARATOR + T.ARABIC_THOUSANDS_SEPARATOR,
            line_local=True,
        ),
        Table({c: str(i % 10) for i, c in enumerate(T.ARABIC_INDIC_DIGITS + T.PERSIAN_DIGITS)}),
    ]


_DIGITS = CharRules(_digits_rules)


@_DIGITS.attach
def normalize_digits(text: str, *, to: str = "ascii") -> str:
    """Convert digits one for one, never splitting or shortening a number.

    ``to="ascii"``: Arabic-Indic (U+0660–U+0669) and Persian (U+06F0–U+06F9)
    digits become 0–9, and the Arabic decimal separator ٫ (U+066B) and
    thousands separator ٬ (U+066C) become ``.`` and ``,`` when they stand
    between two digits (elsewhere they are left alone). ``to="arabic"``: ASCII
    and Persian digits become Arabic-Indic; ``.`` and ``,`` are not converted,
    since which one a locale writes inside numbers cannot be told from the text.

    >>> normalize_digits("عام ٢٠٢٤ بنسبة ١٫٥٪")
    'عام 2024 بنسبة 1.5٪'
    >>> normalize_digits("2024", to="arabic")
    '٢٠٢٤'
    """
    return _DIGITS.run(text, to=to)


# --- Punctuation ------------------------------------------------------------

_TO_ARABIC = {ascii_: arabic for ascii_, arabic in T.PUNCTUATION_PAIRS}


def _punctuation_rules(*, to: str = "arabic") -> list:
    _require("to", to, ("arabic", "ascii"))
    if to == "ascii":
        return [Table({arabic: ascii_ for ascii_, arabic in T.PUNCTUATION_PAIRS})]
    arabic_before = char_class(T.ARABIC_LETTERS + T.DIACRITICS + T.TATWEEL)
    return [Rewrite(
        # After an Arabic letter (spaces allowed), never after a digit, and not
        # when a Latin letter follows: "قال, ثم" but not "1,000" or "عربي, English".
        f"(?<={arabic_before} *)[,;?](?! *[A-Za-z])",
        lambda m: _TO_ARABIC[m.group()],
        triggers=",;?",
        engine="regex",
        line_local=True,
    )]


_PUNCTUATION = CharRules(_punctuation_rules)


@_PUNCTUATION.attach
def normalize_punctuation(text: str, *, to: str = "arabic") -> str:
    """Convert , ; ? to ، ؛ ؟ after Arabic words (``to="arabic"``), or back (``to="ascii"``).

    Commas inside numbers (1,000 and 3,5) and punctuation in Latin text stay.

    >>> normalize_punctuation("قال, هل جاء?  نعم; 1,000")
    'قال، هل جاء؟  نعم؛ 1,000'
    >>> normalize_punctuation("قال، هل جاء؟", to="ascii")
    'قال, هل جاء?'
    """
    return _PUNCTUATION.run(text, to=to)
