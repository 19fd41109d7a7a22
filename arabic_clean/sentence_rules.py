"""Rules for sentence segmentation, kept as data: each table says where it comes from and why.

`arabic_clean.sentences` reads these tables; nothing here does any work beyond building
sets and one folding table at import.  Lookups go through `fold_key`, so a table lists one
spelling of a word and matches its hamza / alef-maqsura / teh-marbuta variants too.
"""

from __future__ import annotations

# ----------------------------------------------------------------------------- characters

# Characters that end a sentence.  `.` U+002E, `!` U+0021, `?` U+003F; ARABIC QUESTION MARK
# U+061F `؟`; HORIZONTAL ELLIPSIS U+2026 `…`; ARABIC FULL STOP U+06D4 `۔` (Urdu-style, seen in
# scraped pages); DOUBLE EXCLAMATION U+203C `‼`, QUESTION EXCLAMATION U+2048 `⁈`,
# EXCLAMATION QUESTION U+2049 `⁉`, DOUBLE QUESTION U+2047 `⁇`.  A run of them is one end
# (`؟!`, `!!`, `..`).
TERMINATORS = ".!?\u061f\u2026\u06d4\u203c\u2047\u2048\u2049"

# Terminators that make a run a question or an exclamation: such a run always ends a
# sentence, whatever dots come with it (`؟...`, `!..`).
STRONG_TERMINATORS = "!?\u061f\u203c\u2047\u2048\u2049"

# Closing marks that belong to the sentence before them when they follow a terminator with
# no space: `»` U+00BB, `”` U+201D, `’` U+2019, `"` U+0022, `'` U+0027, `)` `]` `}`,
# `›` U+203A.  `«` U+00AB is here too: some Arabic papers print »...« (the marks reversed),
# so a `«` glued after a terminator closes a quotation.  ORNATE PARENTHESES U+FD3E/U+FD3F
# (Quran quotations) are used in both orientations, so both close.
CLOSERS = "\u00bb\u201d\u2019\"')]}\u203a\u00ab\ufd3e\ufd3f"

# Marks that may open a token before an abbreviation: stripped before the table lookup so
# `(د.` and `«م.` are the abbreviations `د` and `م`.
OPENERS = "\u00ab\u201c\u2018\"'([{\u2039\u00bb\ufd3e\ufd3f"

# Line breaks are hard boundaries (a paragraph or a list line).  The set is the one
# `str.splitlines` uses: LF, CR, VT U+000B, FF U+000C, FS/GS/RS U+001C-U+001E, NEL U+0085,
# LINE SEPARATOR U+2028, PARAGRAPH SEPARATOR U+2029.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# Dashes that separate a dateline from the story: `-` U+002D, `‒` U+2012, `–` U+2013,
# `—` U+2014, `―` U+2015, `−` U+2212, and TATWEEL U+0640 `ـ` when it stands alone between
# spaces (`نيويورك (وكالات الانباء) ـ قالت`), as many Arabic papers print their dash.
DASHES = "-\u2012\u2013\u2014\u2015\u2212\u0640"

# Dots of a run that is an ellipsis: three or more `.` or any `…` U+2026.  An ellipsis
# inside a paragraph is not a boundary: in the development gold (News Commentary, PUD)
# 5 of 7 in-paragraph ellipses continue the sentence (`الائتمان... فيما قد يكون`).
ELLIPSIS_MIN_DOTS = 3

# ----------------------------------------------------------------------------- folding

# Spelling variants folded before every lookup: alef with madda/hamza above/hamza below/
# wasla U+0622 U+0623 U+0625 U+0671 -> alef U+0627; alef maqsura U+0649 -> yeh U+064A;
# teh marbuta U+0629 -> heh U+0647; tatweel U+0640 and the dot `.` are dropped (so `أ.ف.ب`
# equals `اف ب` after spaces go, and `هـ` equals `ه`).  News sites spell all of these
# inconsistently (`الانباء` / `الأنباء`).
_FOLD = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627",
                       "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647",
                       "\u0640": None, ".": None})


def fold_key(words: str) -> str:
    """The lookup key of a word or phrase: folded spelling, case and spacing.

    >>> fold_key("وكالات الأنباء") == fold_key("وكالات  الانباء")
    True
    """
    return " ".join(words.translate(_FOLD).casefold().split())


def _keys(*phrases: str) -> frozenset[str]:
    return frozenset(fold_key(p) for p in phrases)


# ----------------------------------------------------------------------------- abbreviations

# Words (without their final dot) after which `.` is not a sentence end.  Arabic: a single
# letter is caught by shape (see sentences.py: initials and titles such as د. = دكتور,
# م. = مهندس, أ. = أستاذ); here are the dotted and multi-letter ones: ص.ب (صندوق بريد,
# P.O. Box), ق.م (قبل الميلاد, BC; an end only after a year, see ERA_ABBREVIATIONS), ت (هاتف),
# ج.م.ع (Arab Republic of Egypt), م.م (limited company).  Latin titles from English news
# style (Mr. Dr. Prof. St. Gen. ...), and No./Vol./Fig./vs. that are always followed by more.
# `etc.` and `Inc.` are left out: they end sentences as often as not.
ABBREVIATIONS = _keys(
    "ص.ب", "ق.م", "ج.م.ع", "م.م", "ش.م.م", "ش.م.ع", "د.ك", "ر.س",
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "rev", "hon", "mt", "no", "nos", "vol", "fig", "vs", "approx",
)

# Era marks: هـ (هجري), م (ميلادي), ق.م (قبل الميلاد).  After a year (`عام 1990 م.`) the dot
# after them is a sentence end; anywhere else the same letters are titles or initials
# (`م. أحمد` = the engineer Ahmad), so the dot is not an end.
ERA_ABBREVIATIONS = _keys("هـ", "م", "ق.م")

# Words that continue a question after `؟`/`?`: `هل هو مذنب؟ أم بريء؟`, `... الطاقة؟ أو
# ذلك الصوت ...` (PUD).  `أو` / `أم` (or) never open a new sentence after a question.
QUESTION_CONTINUATIONS = _keys("أو", "أم", "او", "ام")

# ----------------------------------------------------------------------------- datelines

# News agencies and papers that appear as the source of a dateline, in parentheses
# `(اف ب)`, in guillemets `«الحياة»` or bare before a dash (`رام الله 14-7-2012 وفا- قال`).
# Sources: the datelines of AFP, Reuters, AP, Xinhua, DPA, UPI and the Arab national
# agencies (SANA, SPA, WAM, QNA, KUNA, Petra, BNA, WAFA, MENA, IRNA, Anadolu) as they
# print in Arabic papers, plus the papers that sign their own reports.
NEWS_SOURCES = _keys(
    "اف ب", "ا ف ب", "أ ف ب", "أ.ف.ب", "فرانس برس", "وكالة فرانس برس",
    "رويترز", "رويتر", "تومسون رويترز", "ا ب", "أ ب", "اسوشيتد برس", "اسوشييتد برس",
    "د ب ا", "د ب أ", "د.ب.أ", "يو بي اي", "يو بي آي", "ي ب ا", "ي ب أ", "شينخوا",
    "وكالات", "وكالات الانباء", "الوكالات", "ا ش ا", "أ ش أ", "سانا", "واس", "وام", "قنا",
    "كونا", "بترا", "بنا", "وفا", "معا", "ارنا", "إرنا", "الاناضول", "الأناضول", "سبوتنيك",
    "نوفوستي", "تاس", "كيودو", "يونهاب", "واج", "لانا", "سبأ", "قدس برس", "ونا", "الأمة",
    "الحياة", "النهار", "السفير", "الخليج", "البيان", "الاتحاد", "الوطن", "الرياض",
    "الشرق الأوسط", "القدس العربي", "الجزيرة", "الجزيرة نت", "العربية", "العربية نت",
    "بي بي سي", "سي ان ان", "سي إن إن", "خاص", "مراسلنا", "مراسلون", "الشرق", "الراية",
    "الأهرام", "اليوم السابع", "المصري اليوم", "الشروق", "الصباح", "الخبر",
    "cnn", "afp", "ap", "reuters", "upi", "dpa", "kuna", "wam", "spa", "qna", "mena", "bbc",
)

# Places that open datelines.  With a parenthesised source and a dash any one word may
# be the place; a bare `PLACE - ` (no source) opens a dateline only with a place from this
# list, which is what keeps `بين طهران - واشنطن` style text whole.  Arab capitals and
# large cities, world capitals and the UN seats that appear most in Arabic datelines.
DATELINE_PLACES = _keys(
    "القاهرة", "الاسكندرية", "دمشق", "حلب", "حمص", "بيروت", "صيدا", "طرابلس", "بغداد",
    "البصرة", "الموصل", "أربيل", "كركوك", "النجف", "الفلوجة", "عمان", "اربد", "الرياض",
    "جدة", "مكة المكرمة", "المدينة المنورة", "الدمام", "الطائف", "الكويت", "المنامة",
    "الدوحة", "أبوظبي", "أبو ظبي", "دبي", "الشارقة", "مسقط", "صنعاء", "عدن", "تعز",
    "الخرطوم", "جوبا", "طرابلس", "بنغازي", "مصراتة", "تونس", "صفاقس", "الجزائر", "وهران",
    "قسنطينة", "الرباط", "الدار البيضاء", "فاس", "مراكش", "طنجة", "نواكشوط", "مقديشو",
    "جيبوتي", "القدس", "القدس المحتلة", "رام الله", "غزة", "نابلس", "الخليل", "جنين",
    "بيت لحم", "تل ابيب", "الناصرة", "حيفا", "طهران", "أنقرة", "اسطنبول", "إسطنبول", "كابول",
    "اسلام اباد", "إسلام آباد", "نيودلهي", "نيو دلهي", "بكين", "طوكيو", "سيول", "موسكو",
    "كييف", "لندن", "باريس", "برلين", "روما", "مدريد", "بروكسل", "جنيف", "فيينا",
    "لاهاي", "أمستردام", "ستوكهولم", "أثينا", "واشنطن", "نيويورك", "الأمم المتحدة",
    "لوس انجليس", "لوس أنجلوس", "شيكاغو", "هيوستن", "ميامي", "اوتاوا", "أوتاوا", "تورونتو",
    "مكسيكو", "برازيليا", "بوينس ايرس", "بوينس آيرس", "كراكاس", "هافانا", "سيدني",
    "كانبيرا", "جاكرتا", "كوالالمبور", "كوالا لمبور", "مانيلا", "بانكوك", "هانوي",
    "نيروبي", "اديس ابابا", "أديس أبابا", "لاغوس", "ابوجا", "أبوجا", "جوهانسبرغ",
    "بريتوريا", "داكار", "باماكو", "نجامينا", "انجامينا", "كيب كنافيرال", "دافوس",
    "شرم الشيخ", "الفاتيكان", "هونغ كونغ", "سنغافورة", "دكا", "كراتشي", "لاهور",
    "بيشاور", "قندهار", "باكو", "يريفان", "تبليسي", "نيقوسيا", "بلغراد", "سراييفو",
    "وارسو", "براغ", "بودابست", "بوخارست", "صوفيا", "لشبونة", "دبلن", "اوسلو", "أوسلو",
    "كوبنهاغن", "هلسنكي", "برن", "زيوريخ", "ميونيخ", "فرانكفورت", "ميلانو", "مرسيليا",
    "الفلوجة", "الرمادي", "تكريت", "السليمانية", "كربلاء", "اللاذقية", "درعا", "ادلب",
    "إدلب", "دير الزور", "الرقة", "حماة", "العقبة", "الزرقاء", "المكلا", "الحديدة",
    "سرت", "سبها", "أغادير", "العيون", "تطوان", "الإسماعيلية", "السويس", "بورسعيد",
    "الأقصر", "أسوان", "المنصورة", "طنطا", "ام درمان", "أم درمان", "الفاشر", "نيالا",
    "كسلا", "بورتسودان", "عمان الأردن",
)

# First words of multi-word place names (`سان خوسيه`, `أبو ظبي`, `تل أبيب`, `دير الزور`,
# `رأس الخيمة`, `سيدي بوزيد`): a dateline place is extended over them, so an unlisted
# two-word place is not cut in the middle.
PLACE_NAME_PREFIXES = _keys(
    "سان", "سانت", "سانتا", "لوس", "لاس", "نيو", "ريو", "بوينس", "كوالا", "رام", "الدار",
    "بيت", "دار", "أبو", "أم", "تل", "شرم", "عين", "بئر", "دير", "كفر", "جبل", "رأس",
    "بور", "سيدي", "بني", "مرسى", "حمام", "جسر", "خان", "قصر", "وادي",
)

# Words that put a following place inside a sentence (`وصل الوفد الى دمشق (سانا) -`):
# prepositions, conjunctions and particles.  A place right after one of these is not the
# start of a dateline.
PLACE_IN_SENTENCE = _keys(
    "في", "من", "الى", "إلى", "على", "عن", "مع", "بين", "و", "ثم", "أو", "حول", "نحو",
    "لدى", "عند", "حتى", "منذ", "بعد", "قبل", "مثل", "غير", "سوى", "عبر", "ضد", "تجاه",
    "داخل", "خارج", "قرب", "لـ", "ل", "ب", "ان", "أن", "إن", "كما", "لكن", "بل", "هو",
    "هي", "مدينة", "العاصمة", "عاصمة", "محافظة", "ولاية", "منطقة", "مطار", "شمال", "جنوب",
    "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "ضواحي",
    "in", "from", "to", "at", "and", "of",
)

# Month names that may stand in a dateline between the place and the source
# (`بكين 12 يوليو (شينخوا)`, `لندن 15 تموز/يوليو (رويترز) -`): the Egyptian/Gulf names, the
# Levantine/Iraqi ones and the Maghreb spellings.  `كانون`/`تشرين` take a second word
# (DATELINE_MONTH_SECOND).
DATELINE_MONTHS = _keys(
    "يناير", "فبراير", "مارس", "ابريل", "أبريل", "مايو", "ماي", "يونيو", "يونيه", "يوليو",
    "يوليه", "يوليوز", "اغسطس", "أغسطس", "غشت", "سبتمبر", "شتنبر", "اكتوبر", "أكتوبر",
    "نوفمبر", "نونبر", "ديسمبر", "دجنبر", "جانفي", "فيفري", "أفريل", "جوان", "جويلية", "أوت",
    "كانون", "تشرين", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
)
DATELINE_MONTH_SECOND = _keys("الأول", "الثاني", "اول", "ثاني")

# Words that open a byline when a colon or slash is glued on (`بقلم: فيصل عبدالحسن`,
# `كتب/ المحرر الثقافي:`): a boundary goes before them even with no punctuation, when the text
# before is not mid-sentence.  `بقلم` ("by the pen of") takes `:` or `/`; the verbs `كتب`/`كتبت`
# take only `/`, since `كتبت: "..."` ("I wrote:") is common inside News Commentary sentences.
BYLINE_BEFORE_COLON = ("\u0628\u0642\u0644\u0645",)  # بقلم
BYLINE_BEFORE_SLASH = ("\u0643\u062a\u0628", "\u0643\u062a\u0628\u062a")  # كتب كتبت
BYLINE_VERBS = _keys(*BYLINE_BEFORE_SLASH)
