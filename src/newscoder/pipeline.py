"""The per-article function: Article in, CodedArticle out.

``code_article`` is what every front end maps over (CLI, Python API, store,
Dask). ``code_articles`` batches the spaCy parse with ``nlp.pipe``; a record
that fails is returned as a ``Failure`` in its place and the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from newscoder.coding.actors import ActorContext
from newscoder.coding.coder import code_events
from newscoder.errors import CodingFailed
from newscoder.extract.events import doc_ents, paragraph_of, paragraph_starts
from newscoder.extract.quotes import find_quotes
from newscoder.nlp.pipeline import get_nlp
from newscoder.resolve.knowledge import lookup_actor
from newscoder.resolve.places import (
    countries_of_towns,
    countries_of_unit_words,
    country_codes_in,
    find_parenthetical_places,
    resolve_place,
)
from newscoder.types import Article, CodedArticle, Entity, Event, Failure, Quote, Speaker

_PERSON_TITLE = re.compile(r"^(?:mr|mrs|ms|dr|gen|col|maj|capt|sgt|lt)\.?\s+", re.I)


def code_article(article: Article, nlp: Language | None = None) -> CodedArticle:
    nlp = nlp or get_nlp()
    return code_doc(article, nlp(article.text))


def code_doc(article: Article, doc: Doc) -> CodedArticle:
    skip = article.skipped_spans()
    warnings = list(article.warnings)
    quotes = find_quotes(doc, skip=skip)
    ctx = _context(article, doc, quotes)
    events = _claimed_by(code_events(article, doc, quotes, ctx), quotes)
    quotes = _link_quotes(quotes, events, article.text)
    if article.published is None:
        warnings.append("no publication date: relative dates are left unresolved")
    return CodedArticle(
        article=article,
        events=tuple(events),
        quotes=tuple(quotes),
        entities=tuple(_entities(doc, skip)),
        warnings=tuple(warnings),
    )


# A parse batch holds at most this much text: the parser's working memory follows the
# batch's size, so a cap keeps peak memory flat however long the stream runs.
MAX_BATCH_CHARS = 20_000


def code_articles(
    items: Iterable[Article | Failure],
    nlp: Language | None = None,
    *,
    batch_size: int = 16,
    max_batch_chars: int | None = None,
) -> Iterator[CodedArticle | Failure]:
    """Code a stream in order, parsing with ``nlp.pipe`` in batches of at most
    ``batch_size`` articles and about ``max_batch_chars`` characters; failures stay
    in place."""
    nlp = nlp or get_nlp()
    limit = max_batch_chars or MAX_BATCH_CHARS
    pending: list[Article | Failure] = []
    chars = 0
    for item in items:
        size = len(item.text) if isinstance(item, Article) else 0
        if pending and chars + size > limit:
            yield from _code_batch(pending, nlp)
            pending, chars = [], 0
        pending.append(item)
        chars += size
        if len(pending) >= batch_size:
            yield from _code_batch(pending, nlp)
            pending, chars = [], 0
    if pending:
        yield from _code_batch(pending, nlp)


def _code_batch(batch: list[Article | Failure], nlp: Language) -> Iterator[CodedArticle | Failure]:
    articles = [a for a in batch if isinstance(a, Article)]
    docs = iter(nlp.pipe([a.text for a in articles]))
    for item in batch:
        if isinstance(item, Failure):
            yield item
            continue
        doc = next(docs)
        try:
            yield code_doc(item, doc)
        except Exception as exc:  # a bug on one article must not stop the batch
            err = CodingFailed(f"coding failed: {type(exc).__name__}: {exc}")
            yield Failure(item.id, err.code, str(err))


def _place_names(doc: Doc) -> list[str]:
    """Names the NER calls places, and names after "in", "at" or "near"."""
    names = [e.text for e in doc_ents(doc) if e.label_ in {"GPE", "LOC", "FAC"}]
    names += [
        t.text
        for t in doc
        if t.pos_ == "PROPN" and t.i > 0 and t.nbor(-1).lower_ in {"in", "at", "near"}
    ]
    return names


def _context(article: Article, doc: Doc, quotes: list[Quote]) -> ActorContext:
    body = article.text[article.body_start :]
    countries = country_codes_in(body)
    for place in find_parenthetical_places(body):
        if place.country_code and place.country_code not in countries:
            countries.append(place.country_code)
    # Known actors tell the country when the report never names it ("BNP-led alliance").
    for ent in doc_ents(doc):
        entry = lookup_actor(ent.ent_id_, article.published) if ent.ent_id_ else None
        if entry is not None and entry.country and entry.country not in countries:
            countries.append(entry.country)
    if not countries:
        # A short note names only towns ("rioters barricaded roads in Allada and Tori")
        # or units only one country has ("X upazila"): they tell which country.
        countries = countries_of_unit_words(body) or countries_of_towns(_place_names(doc))
    if article.dateline:
        place = resolve_place(article.dateline.split(",")[0].strip().title(), context=countries)
        if place is not None and place.country_code:
            countries = [place.country_code] + [c for c in countries if c != place.country_code]
    ctx = ActorContext(published=article.published, countries=countries)
    for ent in doc_ents(doc):
        if ent.ent_id_:
            ctx.orgs.append((ent.start_char, ent.ent_id_))
        elif ent.label_ == "PERSON":
            full = _PERSON_TITLE.sub("", ent.text).strip()
            parts = full.split()
            if len(parts) >= 2 and parts[-1] not in ctx.persons:
                ctx.persons[parts[-1]] = (full, None)
    for quote in quotes:
        sp = quote.speaker
        if sp is None or not sp.name:
            continue
        parts = sp.name.split()
        if parts:
            ctx.persons[parts[-1]] = (sp.name, sp.role)
        ctx.speakers.append((quote.start, quote.end, sp.name, sp.role))
    return ctx


def _claimed_by(events: list[Event], quotes: list[Quote]) -> list[Event]:
    """An event told inside an attribution ("according to Pakistani officials, gunmen
    killed ...") cites its source: the speakers whose quote holds the event's trigger."""
    out = []
    for event in events:
        at = event.trigger_span.start
        names = tuple(
            dict.fromkeys(
                label
                for q in quotes
                if q.start <= at < q.end and (label := _speaker_label(q.speaker))
            )
        )
        out.append(replace(event, sources=names) if names else event)
    return out


def _speaker_label(speaker: Speaker | None) -> str | None:
    """ "Rana Sanaullah", or the description when no name is given ("Pakistani officials")."""
    if speaker is None:
        return None
    return speaker.name or speaker.role or speaker.organization


def _link_quotes(quotes: list[Quote], events: list[Event], text: str) -> list[Quote]:
    """A quote in the same paragraph as an event's evidence talks about that event."""
    if not events:
        return quotes
    starts = paragraph_starts(text)
    event_paragraphs = [(e.id, {paragraph_of(s.start, starts) for s in e.evidence}) for e in events]
    linked = []
    for quote in quotes:
        para = paragraph_of(quote.start, starts)
        match = next((eid for eid, paras in event_paragraphs if para in paras), None)
        if match is not None and quote.event_id is None:
            quote = replace(quote, event_id=match)
        linked.append(quote)
    return linked


def _entities(doc: Doc, skip) -> list[Entity]:  # type: ignore[no-untyped-def]
    ranges = [(s.start, s.end) for s in skip]
    out = []
    for ent in doc_ents(doc):
        if any(a <= ent.start_char < b for a, b in ranges):
            continue
        out.append(
            Entity(
                text=ent.text,
                label=ent.label_,
                start=ent.start_char,
                end=ent.end_char,
                canonical=ent.ent_id_ or None,
            )
        )
    return out
