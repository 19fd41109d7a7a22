"""Why a structure pass deleted a line: every deletion carries one of these names.

`Pipeline.explain(text, lines=True)` reports each deleted line with its step and reason, and
the CLI's `--stats` counts them, so a user can always see why a line went.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Reason name -> what it means. Grouped by the pass that gives it.
REASONS: Mapping[str, str] = MappingProxyType({
    # remove_chrome: positive evidence about the line itself
    "lexicon": "the whole line (or its start) is a chrome phrase of lexicon.tsv",
    "boilerplate": "the line is learned boilerplate of the site (learn_boilerplate)",
    "artefact": "scraper residue: a bracketed image or button name such as [tagNewNew]",
    "copyright": "a short copyright or trademark line (©, ®, (c) 2020)",
    "teaser_list": "an item under a 'most read' / 'read also' heading",
    "teaser_card": "a teaser of another article, next to a short line the page repeats",
    "menu": "a menu word, breadcrumb or line of menu items, outside the article",
    "link": "a bare URL, domain, e-mail address or social handle, outside the article",
    "symbols": "no letters: digits, bullets or marks alone, outside the article",
    "latin_label": "a short Latin-script label in an Arabic document, outside the article",
    # remove_chrome: where the line stands, for lines that do not read as prose
    "above_headline": "a short line above the headline that is not a kicker",
    "before_article": "a short line between the headline and the article that is not a kicker or byline",
    "after_article": "a short line after the article",
    "far_from_article": "a short line far above or below the article",
    "copy_kept": "a short line out of the article whose copy elsewhere in the page is kept (a headline printed twice)",
    # strip_bylines
    "byline": "an author, agency or dateline-with-source line",
    "date": "a date, time, update or view-counter stamp",
    "photo_credit": "a photo credit or a caption that names itself as one",
    "caption": "a short label between attribution lines, or printed twice (alt text and caption)",
    "source_credit": "a lone quoted source name closing the document",
    # dedupe_headlines / dedupe_paragraphs
    "headline_copy": "another copy of the headline (title tag, alt text, ticker, glued copy)",
    "paragraph_copy": "a later copy of a paragraph already kept",
    # every pass
    "blank": "a blank line left doubled or at an edge by the deletions",
})
