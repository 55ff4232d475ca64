"""What the parser reads: the article's text, repaired and recased, the same length.

Offsets index the text the caller gave (``Article.text``), so it is never
rewritten. Real feeds, though, deliver text the model reads badly: mis-decoded
characters ("â€œ") and lower- or upper-cased articles, on which en_core_web_sm
finds no entities and mis-parses names and sentence starts. :func:`view_text`
makes the string the parser reads, of the same length: mis-decoded sequences
repaired in place (:mod:`newscoder.ingest.mojibake`), control and bidi characters
as spaces (:mod:`newscoder.ingest.normalise`), a line break between the headlines
of a list of links (:mod:`newscoder.ingest.link_lists`) and, when the text is mostly lower-
or upper-case, case restored (:mod:`newscoder.nlp.truecase`). The coder runs on
:func:`parse_view` of the article, so every offset it writes is an offset into the
caller's text too; ``pipeline.code_parsed`` then cites the caller's text (the
article and every text field that is a slice of it: triggers, date expressions,
quotes, cues, entities); names the coder resolves (actors, places, speakers) are
values and keep their resolved form.

On normally cased, well-decoded text the view is the article itself.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from newscoder.ingest.link_lists import mark_link_lists
from newscoder.ingest.mojibake import repair_same_length
from newscoder.ingest.normalise import parse_text
from newscoder.ingest.text import find_dateline, split_lines
from newscoder.nlp.truecase import case_mode, truecase
from newscoder.types import Article


def view_text(text: str, nlp: Language | None = None) -> str:
    """The string the parser reads for ``text``: the same length, mis-decoded
    sequences repaired, control and bidi characters as spaces
    (:func:`newscoder.ingest.normalise.parse_text`), truecased when mostly lower- or
    upper-case; ``text`` itself when nothing needs doing."""
    view = parse_text(repair_same_length(text))  # repair first: C1 bytes are part of it
    view = mark_link_lists(text, view)  # "Related stories: a\xa0b": one headline a line
    mode = case_mode(view)
    if mode is not None:
        from newscoder.resolve.case_names import case_lexicon

        view = truecase(view, case_lexicon(nlp), mode)
    return view


def parse_view(article: Article, text: str) -> Article:
    """The article as the coder reads it: ``text`` (its :func:`view_text`, same
    offsets) and a dateline found in the recased lead ("SURAT: Police ...")."""
    if text is article.text:
        return article
    dateline = article.dateline
    if dateline is None:
        lead = next(
            (ln for ln in split_lines(text) if ln.text and ln.start >= article.body_start), None
        )
        dateline = find_dateline(lead.text) if lead is not None else None
    return replace(article, text=text, dateline=dateline)
