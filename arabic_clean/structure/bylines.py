"""Attribution lines: authors, agencies, dates and update stamps, view counters, photo captions.

`strip_bylines` is separate from `remove_chrome` so that a caller who wants to keep who wrote
an article, and when, can skip it. It only deletes whole lines, and only lines whose whole job
is attribution: a dateline that opens a paragraph (`الكويت - ضمان: شهدت ...`) is body and stays.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from itertools import islice

import regex

from arabic_clean.structure._lines import tidy_kept
from arabic_clean.structure.document import Lines, positions_of
from arabic_clean.structure.fused import line_form
from arabic_clean.structure.runstate import RunState

# Month and weekday names as printed in Arabic news datelines (Egyptian/Gulf Gregorian names,
# Levantine/Iraqi Syriac names, Hijri months) and in English stamps on Arabic sites.
_MONTHS = (
    "يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|ماي|يونيو|يونيه|جوان|يوليو|يوليه|جويلية|أغسطس|اغسطس|أوت|"
    "سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون الثاني|كانون الأول|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|"
    "حزيران|تموز|آب|أيلول|ايلول|تشرين الأول|تشرين الثاني|تشرين|محرم|صفر|ربيع الأول|ربيع الآخر|"
    "ربيع الثاني|ربيع|جمادى الأولى|جمادى الآخرة|جمادى|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة|"
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = (
    "السبت|الأحد|الاحد|الإثنين|الاثنين|الأثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|"
    "Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday"
)
_DIGIT = r"[0-9\u0660-\u0669\u06F0-\u06F9]"


def _date_or_time_pattern(months: str, weekdays: str) -> regex.Pattern[str]:
    """A date or a time, the evidence that a short line is a time stamp (names joined by "|")."""
    alternatives = [
        rf"{_DIGIT}{{1,4}}\s*[-/.]\s*{_DIGIT}{{1,2}}\s*[-/.]\s*{_DIGIT}{{1,4}}",
        rf"{_DIGIT}{{1,2}}\s*:\s*{_DIGIT}{{2}}",
        rf"(?<!\p{{L}})(?:{months})(?!\p{{L}})" if months else "",
        rf"(?<!\p{{L}})(?:{weekdays})(?!\p{{L}})" if weekdays else "",
        rf"{_DIGIT}{{3,4}}\s*(?:هـ|ه|م)(?!\p{{L}})",
    ]
    return regex.compile("(?:" + "|".join(filter(None, alternatives)) + ")", regex.IGNORECASE)


_DATE_OR_TIME = _date_or_time_pattern(_MONTHS, _WEEKDAYS)
# Every _DATE_OR_TIME match starts with a digit or is a month or weekday name standing as whole
# letter runs, so a line with neither is no stamp: two cheap tests spare most lines the search.
# Under IGNORECASE the regex module also matches U+0130 to "i" (casefold() covers U+017F, U+212A).
_ANY_DIGIT = re.compile(_DIGIT)  # stdlib re: the same explicit ranges, several times faster
_LETTER_RUN = regex.compile(r"\p{L}+")
_CASED_LATIN = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")  # explicit, no flags: stdlib re matches the same
_NAME_FIRST_WORDS = frozenset(name.split(" ")[0].casefold() for name in f"{_MONTHS}|{_WEEKDAYS}".split("|"))


def _name_words(text: str) -> frozenset[str]:
    """The first words (casefolded) of the month and weekday names that stand as letter runs in `text`.

    >>> sorted(_name_words("الإثنين، 24 أغسطس")), sorted(_name_words("MAY 2020")), _name_words("وزارة العمل")
    (['أغسطس', 'الإثنين'], ['may'], frozenset())
    """
    runs = _LETTER_RUN.findall(text)
    found = _NAME_FIRST_WORDS.intersection(runs)  # Arabic names, or English ones in lower case
    if _CASED_LATIN.search(text) is not None:  # only then can another run casefold to an English name
        found |= _NAME_FIRST_WORDS.intersection(run.replace("\u0130", "i").casefold() for run in runs)
    return found


def _may_have_date(text: str) -> bool:
    """False only when `_DATE_OR_TIME.search(text)` would find nothing.

    >>> _may_have_date("الإثنين، 24 أغسطس"), _may_have_date("أغسطس"), _may_have_date("وزارة العمل")
    (True, True, False)
    """
    return _ANY_DIGIT.search(text) is not None or bool(_name_words(text))


@lru_cache(maxsize=256)
def _dates_naming(words: frozenset[str]) -> regex.Pattern[str]:
    """`_DATE_OR_TIME` with only the names whose first word is in `words`, in the same order.

    In a text whose name words are `words` it finds what `_DATE_OR_TIME` finds (a name matches
    only where its first word stands as a letter run), several times faster: the hundred names
    are most of the pattern, and a stamp names one or two. (A memo of compiled patterns.)
    """
    def named(names: str) -> str:
        return "|".join(name for name in names.split("|") if name.split(" ")[0].casefold() in words)

    return _date_or_time_pattern(named(_MONTHS), named(_WEEKDAYS))


# Words that accompany a stamp without making it prose: labels (تاريخ النشر، آخر تحديث),
# clock words (الساعة، ص/م، GMT), counters (عدد القراءات، مشاهدة) and aggregator credits
# (نشر في ... يوم ...). Seen in the dev data and common on Arabic news sites.
_STAMP_WORDS = regex.compile(
    r"(?<!\p{L})(?:تاريخ|النشر|نشر|في|آخر|اخر|تحديث|التحديث|محدث|يوم|الساعة|الساعه|بتوقيت|"
    r"غرينتش|مكة|المكرمة|صباحا|صباحاً|مساء|مساءً|مساءا|ص|م|هـ|عدد|القراءات|قراءة|قراءات|"
    r"المشاهدات|مشاهدة|مشاهدات|زيارة|الزيارات|منذ|دقيقة|دقائق|ساعة|ساعات|"
    r"gmt|am|pm|updated|published|posted|on|at|views|min|read|last|update)(?!\p{L})",
    regex.IGNORECASE,
)
_NUMBERS_AND_MARKS = regex.compile(r"[\p{N}\p{P}\p{S}]+")
# Words of a view counter (تم قراءة الموضوع 1520 مرة، عدد المشاهدات: 340، 1.2K views).
_COUNTER_WORD = regex.compile(
    r"(?<!\p{L})(?:قراءة|قراءات|القراءات|مشاهدة|مشاهدات|المشاهدات|زيارة|زيارات|الزيارات|مرة|مرات|"
    r"views|reads|visits)(?!\p{L})",
    regex.IGNORECASE,
)
# Lines that open with an author or credit label. Followed by a short name, they are bylines.
# The label is a whole word; tanween after it (U+064B..U+064D: حوارٌ داخل نص) makes it an indefinite
# noun of a title, not a label (a verb label may be vocalized: كتبَ).
_AUTHOR_LABEL = regex.compile(
    r"^[\s*\-–—ـ(«\"]*(?:بقلم|كتب|كتبت|كتبه|كتبها|إعداد|اعداد|تحرير|متابعة|ترجمة|تقرير|حوار|"
    r"تصوير|مراسل|مراسلة|المصدر|المحرر|By|Written by|Reporting by|Source)(?![\p{L}\u064b-\u064d])",
    regex.IGNORECASE,
)
# News agencies and their Arabic abbreviations: a short line naming one is a credit.
_AGENCY = regex.compile(
    r"(?<!\p{L})(?:رويترز|تومسون رويترز|ا ف ب|أ ف ب|أ\.ف\.ب|ا\.ف\.ب|فرانس برس|فرانس بريس|"
    r"أسوشيتد برس|اسوشيتد برس|أ ب|د ب أ|د\.ب\.أ|أ ش أ|أ\.ش\.أ|ا ش ا|وكالات|وكالة الأنباء|"
    r"كونا|سانا|الأناضول|AFP|Reuters|AP|DPA|Anadolu)(?!\p{L})",
    regex.IGNORECASE,
)
# Agency abbreviations that are also common words (بنا "with us", قنا, وفا, سبأ, واس, وام): a
# credit only alone, or closing a dateline after a dash, a slash, a colon or an opening bracket.
_AGENCY_WORD = regex.compile(
    r"^(?:[^\p{L}]*|.*[-–—ـ/(:]\s*)(?:واس|وفا|قنا|بنا|سبأ|وام)[\s)\]:.\-–—ـ]*$"
)
# Photo credits and captions that say so: (أرشيفية), تصوير، © AGENCY, Getty Images.
_PHOTO_CREDIT = regex.compile(
    r"(?:\(أرشيفية\)|\(ارشيفية\)|\(أرشيف\)|صورة أرشيفية|صورة ارشيفية|^\s*صورة\s*:|^\s*الصورة\s*:|"
    r"^\s*©\s*\p{Lu}|Getty Images|Embed from Getty|AFP/|/ ?AFP|REUTERS/|EPA/|\(رويترز\)$)",
    regex.IGNORECASE,
)
# An aggregator's credit line: "صوت الجلفةنشر في صوت الجلفة يوم 22 - 09 - 2012".
_AGGREGATOR_CREDIT = regex.compile(rf"نشر\s*في.{{0,40}}يوم\s*{_DIGIT}")
# A byline that says it is one: "بقلم: ...", "كتب ...", "By ...".
_SIGNED = regex.compile(r"^[\s*\-–—ـ(«\"]*(?:بقلم|كتب|كتبت|كتبه|كتبها|By|Written by)(?!\p{L})", regex.IGNORECASE)
_EMAIL = regex.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_DATELINE = regex.compile(r"\(?\s*\p{L}+\s*[-ـ–—]\s*[\p{L} ]+\s*:?\s*\)?")
# "أولا - ..." and "aـ ..." have a dateline's shape, but enumerate: an ordinal (U+064B fathatan
# optional) or a single letter before the dash is a list bullet, not a place.
_ENUMERATOR = regex.compile(r"\(?\s*(?:\p{L}|(?:أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا|أخيرا"
                            r"|ختاما)\u064b?)\s*[-ـ–—]")
# A football score with zero (2-صفر, صفر - 1) names the month Safar only by accident.
_SCORE_WITH_ZERO = regex.compile(r"\d+\s*[-–]\s*صفر|صفر\s*[-–]\s*\d+")
_NUMBER_OR_PUNCTUATION = regex.compile(r"[\p{N}\p{P}]")
# A sentence ends in one of these, possibly followed by closing quotes and brackets. Tested by
# stripping the closers from the end: a regex anchored with `$` would be tried at every position.
_TERMINATORS = frozenset(".!?؟؛…")
_CLOSERS = "'\"»”’)]"


def _ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence: a terminator, then only closing quotes and brackets.

    The same answer as searching `[.!?؟؛…]['"»”’)\\]]*$`, in time independent of the line's length.

    >>> _ends_sentence("قال الوزير.»"), _ends_sentence("عنوان")
    (True, False)
    """
    if text.endswith("\n"):  # `$` also matches before a final line feed
        return _ends_sentence_at_end(text) or _ends_sentence_at_end(text[:-1])
    return _ends_sentence_at_end(text)


def _ends_sentence_at_end(text: str) -> bool:
    body = text.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _TERMINATORS


def is_stamp(text: str) -> bool:
    """A date, time, update or view-counter line: a date or time, plus at most two other words.

    >>> is_stamp("الإثنين، 24 أغسطس 2020 09:23 ص"), is_stamp("تأسس: 2004")
    (True, False)
    >>> is_stamp("وصل الوفد يوم الخميس 5 مايو."), is_stamp("أحوالنا في رمضان")
    (False, False)
    """
    # A stamp has a digit: a month or weekday name alone is a word of a title (أحوالنا في رمضان).
    if len(text) > 90 or _ANY_DIGIT.search(text) is None:
        return False
    if "صفر" in text:
        text = _SCORE_WITH_ZERO.sub(" ", text)
    rest, dates = _dates_naming(_name_words(text)).subn(" ", text)  # it finds a date iff it replaces one
    if not dates:
        return False
    rest = _STAMP_WORDS.sub(" ", rest)
    rest = _NUMBERS_AND_MARKS.sub(" ", rest).split()
    # A sentence that mentions a date is prose (وصل الوفد يوم الخميس 5 مايو.), not a stamp.
    return len(rest) <= 2 and not (rest and _ends_sentence(text))


def is_view_counter(text: str) -> bool:
    """A count of readers or views: a number, a counter word, and at most two other words.

    >>> is_view_counter("تم قراءة الموضوع 1520 مرة"), is_view_counter("عدد المشاهدات: 340")
    (True, True)
    >>> is_view_counter("قرأ 30 طالبا القصيدة في الحفل")
    False
    """
    if len(text) > 60 or _ANY_DIGIT.search(text) is None or _COUNTER_WORD.search(text) is None:
        return False
    rest = _COUNTER_WORD.sub(" ", text)
    rest = _STAMP_WORDS.sub(" ", rest)
    return len(_NUMBERS_AND_MARKS.sub(" ", rest).split()) <= 2


def is_attribution(text: str) -> bool:
    """A line whose whole job is to say who wrote or sent the article, or when.

    >>> is_attribution("بقلم: فيصل عبدالحسن*"), is_attribution("رويترز")
    (True, True)
    >>> is_attribution("وقال ليساور لرويترز إن ذلك هو المهم هنا.")
    False
    """
    if len(text) > 90:  # before any regex: most lines of an article are longer
        return False
    words = _WORD.findall(text)
    if not words:
        return False
    if is_stamp(text) or is_view_counter(text) or ("نشر" in text and _AGGREGATOR_CREDIT.search(text)):
        return True
    if _AUTHOR_LABEL.match(text) and len(words) <= 7 and not _ends_sentence(text.rstrip(":")) \
            and not _quotes_a_title(text):
        return True
    if len(words) <= 5 and (_AGENCY.search(text) or _AGENCY_WORD.match(text)):
        return True
    if len(words) <= 5 and "@" in text and _EMAIL.match(text):
        return True
    # "مسقط ـ الوطن:" / "(أبوظبي - البيان)": a dateline with its source, standing alone.
    if len(words) <= 4 and _DATELINE.fullmatch(text) is not None and _ENUMERATOR.match(text) is None:
        return True
    return _is_author_name(text, words)


def _is_bare_author_name(text: str) -> bool:
    return len(text) <= 60 and _is_author_name(text, _WORD.findall(text))


def _is_author_name(text: str, words: list[str]) -> bool:
    """Two or three words that start with a common given name (first_names.tsv), after an
    academic title, and nothing else: `عادل البلالي`, `د. عامر مشموشي`.

    A word after the given name that is a noun joined by "and the" (`و` + `ال`, U+0648 U+0627
    U+0644, e.g. `والجمال`) makes a phrase, not a name: a verse line such as `سعد الحب والجمال`
    starts with a given name too. (`والي` is a family name: the rule asks for two letters more.)

    >>> _is_author_name("عادل البلالي", ["عادل", "البلالي"]), _is_author_name("محمد صلاح يتألق مع ليفربول", [])
    (True, False)
    >>> _is_author_name("سعد الحب والجمال", ["سعد", "الحب", "والجمال"]), _is_author_name("محمد والي", ["محمد", "والي"])
    (False, True)
    """
    if not 2 <= len(words) <= 4:
        return False
    names = [word for word in words if word not in _TITLES]
    # The given name first: it rules out almost every line at once.
    return 2 <= len(names) <= 3 and _name_key(names[0]) in _first_names() \
        and _ANY_DIGIT.search(text) is None and not _ends_sentence(text) \
        and _ONLY_NAME_MARKS.fullmatch(text) is not None \
        and not any(word.startswith("\u0648\u0627\u0644") and len(word) >= 6 for word in names[1:])


def _name_key(word: str) -> str:
    """A given name as first_names.tsv is compared: no diacritics, alef with hamza or madda as
    bare alef (U+0622, U+0623, U+0625 -> U+0627); alef maqsura U+0649 stays (على is no name)."""
    return _NAME_FOLD.sub("", word).translate(_ALEF_FOLD)


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    rows = resources.files("arabic_clean.structure").joinpath("first_names.tsv").read_text(encoding="utf-8")
    return frozenset(_name_key(row.strip()) for row in rows.splitlines() if row.strip() and not row.startswith("#"))


_NAME_FOLD = regex.compile("[\u064b-\u0652\u0640]")  # harakat, shadda, sukun (U+064B..U+0652), tatweel
_ALEF_FOLD = str.maketrans("\u0622\u0623\u0625", "\u0627\u0627\u0627")
# Academic and religious titles before a name (د. أحمد ...), as _WORD splits them.
_TITLES = frozenset(("د", "أ", "م", "الدكتور", "الدكتورة", "الأستاذ", "الأستاذة", "الشيخ", "المهندس", "Dr"))
# A bare name holds letters, spaces, dots of initials and a dash at most.
_ONLY_NAME_MARKS = regex.compile(r"[\p{L}\p{M}\s.\-–ـ]+")


def _quotes_a_title(text: str) -> bool:
    """A label followed by a quoted name is a title (`تقرير: "غوغل" تعتزم الاستحواذ على "ميبو"`),
    not a credit: bylines name people, and people are not quoted."""
    return any(mark in text for mark in '"«»“”')


def is_photo_credit(text: str) -> bool:
    """A caption or credit that names itself as one: (أرشيفية)، صورة:، © REUTERS.

    >>> is_photo_credit("© REUTERS / Mohamed Abd El Ghany"), is_photo_credit("صورة أرشيفية")
    (True, True)
    """
    return len(text) <= 160 and _may_be_photo_credit(text) and bool(_PHOTO_CREDIT.search(text))


def _may_be_photo_credit(text: str) -> bool:
    """False only when `_PHOTO_CREDIT.search(text)` would find nothing: each of its phrases holds
    one of these Arabic pieces, ©, or a Latin letter (or a character IGNORECASE matches to one).

    >>> _may_be_photo_credit("صورة أرشيفية"), _may_be_photo_credit("وزارة العمل")
    (True, False)
    """
    return ("رشيف" in text or "صورة" in text or "©" in text or "رويترز" in text
            or _CASED_LATIN.search(text) is not None)


def _is_short_label(text: str) -> bool:
    """Short, no sentence punctuation: the shape of a caption or a bare name."""
    if _ends_sentence(text) or text.endswith(":"):  # before counting words: most lines end so
        return False
    return 0 < _count_words(text, limit=13) <= 12


def _count_words(text: str, *, limit: int) -> int:
    """`len(_WORD.findall(text))`, but no more than `limit`: a long line is not read to its end."""
    return sum(1 for _ in islice(_WORD.finditer(text), limit))


def _is_bare_name(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 3 and _NUMBER_OR_PUNCTUATION.search(text) is None
            and not any(word.startswith("ال") for word in words))


def strip_bylines(text: str) -> str:
    """Delete author, agency, date/update, view-counter and photo caption/credit lines.

    A line goes when it is a stamp (`الإثنين، 24 أغسطس 2020 09:23 ص`), an author or agency
    credit (`بقلم: ...`, `كتبت آية دعبس`, `رويترز`), a self-declared photo credit, or a short
    label with attribution on both sides (a caption between the date and the author) or
    printed twice in a row (image alt text followed by the same caption).

    >>> strip_bylines("العنوان\\nكتبت أسماء نصار\\nقال الوزير إن العمل مستمر.\\n")
    'العنوان\\nقال الوزير إن العمل مستمر.\\n'
    """
    return _line_form(text)[0]


def _on_lines(lines: Lines, *, state: RunState | None = None, named: bool = False,
              report: bool = True) -> tuple[Lines, list[tuple[int, str]]]:
    """`strip_bylines` on `lines`, and the (position in `lines`, reason) of each line it deleted.

    `state`, in a fused run, holds the attribution tests remove_chrome made (runstate.py).
    Its reasons are always specific and its list is short, so `named` and `report` change nothing.
    """
    # Rules look at neighbours, so deleting can expose a new last line or a new pair: a few
    # rounds reach the fixed point, which makes the pass idempotent. The rounds pass positions
    # along and share what they learned about each line.
    given = lines
    known = state.attribution if state is not None else {}
    facts = _LineFacts(lines, known)
    order = list(range(len(lines)))
    removed: list[tuple[int, str]] = []  # (input line number, reason)
    for _ in range(4):
        reasons = _strip_once(order, lines.texts, lines.blank, facts)
        if not reasons:
            break
        kept = tidy_kept(order, [i not in reasons for i in order], lines.blank)
        removed.extend((lines.numbers[i], reasons.get(i, "blank")) for i in sorted(set(order).difference(kept)))
        order = kept
        if not lines.rejoins_apart(order):  # a CR line met an LF line: they are one line now
            lines = lines.select(order)
            facts = _LineFacts(lines, known)
            order = list(range(len(lines)))
    result = lines.select(order)
    if result is given:
        return given, []
    return result, positions_of(given, removed)


class _LineFacts:
    """Per-line tests, each computed at most once per call."""

    def __init__(self, lines: Lines, known: dict[str, bool]) -> None:
        self.lines = lines
        self.texts = lines.texts
        self._known = known  # attribution by line content, from remove_chrome in a fused run
        self._attribution: dict[int, bool] = {}
        self._short_label: dict[int, bool] = {}

    def attribution(self, i: int) -> bool:
        found = self._attribution.get(i)
        if found is None:
            text = self.texts[i]
            # A long line is answered by the length tests at once: not hashed for the lookup.
            found = self._known.get(text) if len(text) <= 160 and self._known else None
            if found is None:
                found = is_attribution(text) or is_photo_credit(text)
            self._attribution[i] = found
        return found

    def short_label(self, i: int) -> bool:
        found = self._short_label.get(i)
        if found is None:
            found = self._short_label[i] = _is_short_label(self.texts[i])
        return found

    def key(self, i: int) -> str:
        return self.lines.keys[i]


def _strip_once(order: list[int], texts: list[str], blank: list[bool], facts: _LineFacts) -> dict[int, str]:
    """The line numbers in `order` (the lines left so far) that go this round, with the reason."""
    filled = [i for i in order if not blank[i]]
    attribution = {i for i in filled if facts.attribution(i)}
    if attribution:
        attribution -= _inside_the_text(filled, attribution, texts)
    drop = {i: _attribution_reason(texts[i]) for i in attribution}
    for rank, i in enumerate(filled):
        previous = filled[rank - 1] if rank > 0 else None
        following = filled[rank + 1] if rank + 1 < len(filled) else None
        if i in drop:
            continue
        # Every rule is about a short label; the neighbours are tested first, being cheaper.
        if previous in attribution:
            if not facts.short_label(i):
                continue
            # A caption or a bare author name wedged between two attribution lines.
            if following in attribution:
                drop[i] = "caption"
                continue
            # A bare name glued to a stamp (`2020-11-09` / `Ziad Sankary`).
            if _is_bare_name(texts[i]) and (following is None or not facts.short_label(following)):
                drop[i] = "byline"
                continue
        # Alt text and caption: the same short label twice in a row, after a paragraph or next to
        # attribution. Only the second copy goes: the pair may as well be a sub-heading printed
        # twice, and one copy of a caption costs less than a lost heading. (A headline printed
        # twice on top of the article is left to dedupe_headlines, which keeps one.)
        if following is not None and facts.key(i) and facts.key(i) == facts.key(following) and facts.short_label(i):
            after = filled[rank + 2] if rank + 2 < len(filled) else None
            if previous in attribution or after in attribution \
                    or (previous is not None and not facts.short_label(previous)):
                drop[following] = "caption"
    # A lone source credit closing the document (`"السفير"`), and any such line above it once it
    # goes: the chain is followed here, in one round, so the pass reaches its fixed point. It
    # closes an article only if some text stays above it: a document that is nothing but such
    # lines (a headline field of a CSV, `قال "الوزير" إن`) is kept whole.
    credits = []
    for i in reversed(filled):
        if i in drop:
            continue
        last = texts[i]
        # (Words first: it stops after four, where the quote test would read a long line to its end.)
        if _count_words(last, limit=4) <= 3 and ('"' in last or "«" in last or "“" in last) \
                and not _ends_sentence(last.rstrip("\"»”")):
            credits.append(i)
        else:
            drop.update((credit, "source_credit") for credit in credits)
            break
    return drop


def _inside_the_text(filled: list[int], attribution: set[int], texts: list[str]) -> set[int]:
    """Attribution-shaped lines that are part of the text: a sub-heading between two paragraphs
    (`أولا - عدم ترشيحها للفوز`, `حوار مع جراح عيون`) or a run of three or more dated lines (a
    fixture list, the date headings of a chronology). An author, agency or dateline stands
    above or below the article, next to the headline or other attribution, not inside it;
    a line that names itself (بقلم، كتب، a photo credit, an e-mail address) goes anyway."""
    found: set[int] = set()
    rank_of = {i: rank for rank, i in enumerate(filled)}
    for kind in (is_stamp, _is_bare_author_name) if len(attribution) >= 3 else ():
        listed = sorted(rank_of[i] for i in attribution if kind(texts[i]))
        run: list[int] = []
        for rank in listed + [-2]:
            if run and rank != run[-1] + 1:
                if len(run) >= 3:
                    found.update(filled[r] for r in run)
                run = []
            run.append(rank)
    for i in attribution:
        rank = rank_of[i]
        if 0 < rank < len(filled) - 1 and _is_paragraph(texts[filled[rank - 1]]) \
                and _is_paragraph(texts[filled[rank + 1]]) and not _names_itself(texts[i]):
            found.add(i)
    return found


def _is_paragraph(text: str) -> bool:
    """Eight words or more ending a sentence: a paragraph, not a headline or a caption."""
    return _ends_sentence(text) and _count_words(text, limit=8) >= 8


def _names_itself(text: str) -> bool:
    """An author label of a byline (بقلم، كتب), a photo credit or an e-mail address."""
    return bool(_SIGNED.match(text)) or is_photo_credit(text) or ("@" in text and _EMAIL.match(text) is not None)


def _attribution_reason(text: str) -> str:
    """Which kind of attribution line `text` is (it is one): `date`, `photo_credit` or `byline`."""
    if is_stamp(text):
        return "date"
    if is_photo_credit(text):
        return "photo_credit"
    return "byline"


_line_form = line_form(_on_lines)

#: The pass on a `Lines` (structure/fused.py, see remove_chrome.on_lines) and on a `str`.
strip_bylines.on_lines = _on_lines  # type: ignore[attr-defined]
strip_bylines.line_form = _line_form  # type: ignore[attr-defined]
