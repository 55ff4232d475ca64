"""The per-article function: Article in, CodedArticle out.

``code_article`` is what every front end maps over (CLI, Python API, store,
Dask). ``code_articles`` batches the spaCy parse with ``nlp.pipe``; a record
that fails is returned as a ``Failure`` in its place and the batch goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

# isort: off
# The coder first: it loads its step modules in the order their rules apply.
from newscoder.coding.coder import code_events
from newscoder.coding.actors import ActorContext, person_title
from newscoder.coding.claims import credit_claims
from newscoder.coding.facts import gather_facts
from newscoder.coding.locality import with_localities
from newscoder.coding.world_actors import known_actor_country
from newscoder.worldkb import WORLD_ID

# isort: on
from newscoder.errors import CodingFailed, NewscoderError
from newscoder.extract.events import doc_ents, paragraph_of, paragraph_starts
from newscoder.extract.quotes import find_quotes
from newscoder.nlp.pipeline import get_nlp
from newscoder.resolve.geoparse import geoparse_doc
from newscoder.resolve.places import (
    countries_of_small_places,
    countries_of_towns,
    countries_of_unit_words,
    country_codes_in,
    find_parenthetical_places,
    resolve_place,
    topic_countries,
)
from newscoder.text_view import parse_view, view_text
from newscoder.types import Article, CodedArticle, Entity, Event, Failure, Quote, Speaker


def code_article(article: Article, nlp: Language | None = None) -> CodedArticle:
    """Code one article (raises on failure; :func:`code_articles` keeps failures in place)."""
    nlp = nlp or get_nlp()
    parsed = view_text(article.text, nlp)
    _fit(nlp, len(parsed))
    return code_parsed(article, parsed, nlp(parsed))


def _fit(nlp: Language, length: int) -> None:
    """Ingest's --max-chars is the one length limit: the parser's own guard
    (``max_length``, spaCy's E088) follows it, so a raised limit cannot crash a batch."""
    if length > nlp.max_length:
        nlp.max_length = length


def code_parsed(article: Article, parsed: str, doc: Doc) -> CodedArticle:
    """Code ``article`` from the parse of ``parsed``, its view for the parser
    (:func:`newscoder.text_view.view_text`: the same length, control and bidi
    characters as spaces, mis-decoded characters repaired, lower- or upper-cased
    text truecased); the result cites the article's own text and keeps the dateline
    the view showed ("SURAT: ...")."""
    if parsed is article.text:
        return code_doc(article, doc)
    view = parse_view(article, parsed)
    coded = code_doc(view, doc)
    return _cite(coded, replace(article, dateline=view.dateline), parsed)


def _cite(coded: CodedArticle, article: Article, parsed: str) -> CodedArticle:
    """Put the caller's text back: the article, and every quoted span (quote, cue,
    entity, date, trigger text) re-read from it at the same offsets."""
    original = article.text

    def fix(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        if not dataclasses.is_dataclass(value) or isinstance(value, (type, Article)):
            return value
        changes = {f.name: fix(getattr(value, f.name)) for f in dataclasses.fields(value)}
        start, end = getattr(value, "start", None), getattr(value, "end", None)
        if isinstance(start, int) and isinstance(end, int):
            text = changes.get("text")
            if isinstance(text, str) and text == parsed[start:end]:
                changes["text"] = original[start:end]
        span = getattr(value, "trigger_span", None)
        if span is not None and changes.get("trigger") == parsed[span.start : span.end]:
            changes["trigger"] = original[span.start : span.end]
        return replace(value, **changes)

    return replace(
        coded,
        article=article,
        events=fix(coded.events),
        quotes=fix(coded.quotes),
        entities=fix(coded.entities),
    )


def code_doc(article: Article, doc: Doc) -> CodedArticle:
    skip = article.skipped_spans()
    warnings = list(article.warnings)
    quotes = find_quotes(doc, skip=skip)
    ctx = _context(article, doc, quotes)
    # Everything the coder reads, found once: mentions, time expressions, casualties,
    # places per sentence, the words its rules look for. Coding never rescans the text.
    # Every toponym resolved once, with the whole article as evidence; event places
    # choose from these (sentence_places adds what only a sentence shows).
    places = geoparse_doc(doc, countries=ctx.countries)
    facts = gather_facts(article, doc, quotes, ctx, places)
    events = with_localities(code_events(facts), doc, places)
    events = _claimed_by(credit_claims(events, doc, ctx), quotes)
    quotes = _link_quotes(quotes, events, article.text)
    if article.published is None:
        warnings.append("no publication date: relative dates are left unresolved")
    noise = (*article.credit_spans, *article.boilerplate_spans)  # the title's places count
    return CodedArticle(
        article=article,
        events=tuple(events),
        quotes=tuple(quotes),
        entities=tuple(_entities(doc, skip)),
        warnings=tuple(warnings),
        places=tuple(p for p in places if not any(s.start <= p.start < s.end for s in noise)),
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
    texts = [view_text(a.text, nlp) for a in articles]
    _fit(nlp, max(map(len, texts), default=0))
    try:
        docs: list[Doc | Failure] = list(nlp.pipe(texts))
    except Exception:  # one text broke the batch parse: parse each alone, keep the rest
        docs = [_parse_one(a, t, nlp) for a, t in zip(articles, texts, strict=True)]
    parsed = iter(zip(texts, docs, strict=True))
    for item in batch:
        if isinstance(item, Failure):
            yield item
            continue
        text, doc = next(parsed)
        if isinstance(doc, Failure):
            yield doc
            continue
        try:
            yield code_parsed(item, text, doc)
        except Exception as exc:  # a bug on one article must not stop the batch
            yield _failure(item.id, exc)


def _parse_one(article: Article, text: str, nlp: Language) -> Doc | Failure:
    try:
        return nlp(text)
    except Exception as exc:
        return _failure(article.id, exc, "parsing")


def _failure(article_id: str, exc: Exception, stage: str = "coding") -> Failure:
    if isinstance(exc, NewscoderError):
        return Failure(article_id, exc.code, str(exc))
    err = CodingFailed(f"{stage} failed: {type(exc).__name__}: {exc}")
    return Failure(article_id, err.code, str(err))


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
    for place in find_parenthetical_places(body, countries=list(countries)):
        if place.country_code and place.country_code not in countries:
            countries.append(place.country_code)
    # Known actors tell the country when the report never names it ("BNP-led alliance").
    for ent in doc_ents(doc):
        known = known_actor_country(ent.ent_id_, article.published) if ent.ent_id_ else None
        if known and known not in countries:
            countries.append(known)
    topics = topic_countries(body, countries)
    located = [c for c in countries if c not in topics]
    if not located:
        # A short note names only towns ("rioters barricaded roads in Allada and Tori")
        # or units only one country has ("X upazila"): they tell which country. So
        # does one whose countries are only its topic ("in Valence, against the war
        # in Ukraine"), which then come last (PL022).
        names = _place_names(doc)
        located = countries_of_unit_words(body) or countries_of_towns(names)
        if not located:  # no country but topics: "in Gnoien" is only Germany's (PL024)
            located = countries_of_small_places(names)
        if not located:
            # Nothing but topics ("in Fougeres, against the war in Ukraine"): they say
            # nothing of where, so they do not narrow the search for its towns (PL022).
            countries = []
    countries = located + [c for c in countries if c not in located]
    if article.dateline:
        place = resolve_place(article.dateline.split(",")[0].strip().title(), context=countries)
        if place is not None and place.country_code:
            countries = [place.country_code] + [c for c in countries if c != place.country_code]
    ctx = ActorContext(
        published=article.published,
        countries=countries,
        issuer=article.source or article.author,
    )
    for ent in doc_ents(doc):
        if ent.ent_id_:
            ctx.orgs.append((ent.start_char, ent.ent_id_))
        elif ent.label_ == "PERSON":
            full = person_title().sub("", ent.text).strip()
            parts = full.split()
            if len(parts) >= 2 and parts[-1] not in ctx.persons:
                ctx.persons[parts[-1]] = (full, None)
    for quote in quotes:
        sp = quote.speaker
        if sp is None or not sp.name:
            # "we" in an organisation's or an unnamed speaker's words is not the author's
            who = sp.organization if sp is not None else None
            ctx.speakers.append((quote.start, quote.end, who, sp.role if sp else None))
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
                canonical=ent.ent_id_.removeprefix(WORLD_ID) or None,  # no internal prefix
            )
        )
    return out
