"""Quotes with their cue and speaker: direct, partial and indirect.

``find_quotes`` works on a parsed spaCy ``Doc`` and never re-parses. Marked
quotes come from :mod:`quote_spans` (characters only) and are attributed in
:mod:`quote_direct`; indirect quotes ("X said that …", "according to X") come from
:mod:`quote_indirect`; both read the per-doc lookups of :mod:`quote_view`, whose
speakers :mod:`speakers` resolves. Every quote carries the id of the rule that
found it (``Quote.rule``); attribution and speaker rules are recorded with
``newscoder.registry.fire``.

Docs without a parser (``spacy.blank``) still get their marked quotes, with
cues matched by word form and no speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from newscoder.extract.quote_direct import marked_quotes
from newscoder.extract.quote_indirect import indirect_quotes
from newscoder.extract.quote_spans import find_marked_spans
from newscoder.extract.quote_view import DocView
from newscoder.extract.speakers import cue_kind
from newscoder.nlp.cache import doc_text
from newscoder.types import Quote, Span

__all__ = ["cue_kind", "find_quotes"]


def find_quotes(doc: Doc, *, skip: Sequence[Span] = ()) -> list[Quote]:
    """All quotes in ``doc`` with cue and speaker, ordered by position.

    ``skip`` spans (title, credit lines, boilerplate) yield nothing. Offsets
    are into ``doc.text`` and ``quote.text == doc.text[quote.start:quote.end]``.
    """
    marked = find_marked_spans(doc_text(doc))
    view = DocView(doc, marked)
    quotes = marked_quotes(view, marked, skip)
    if view.has_parse:
        reported = [Span(q.start, q.end) for q in quotes]
        quotes.extend(indirect_quotes(view, skip, reported))
    return sorted(quotes, key=lambda q: (q.start, q.end))
