"""When and where: each event's date and place, from its own sentence or the narrative.

First each event reads its own sentence (:func:`own_date_and_place`): the trigger's
clause, or the whole sentence for violence and for an event alone in its sentence.
After merging, events still without a date or place take them from the narrative
(:func:`inherit_date_and_place`): the event told just before, the date or place the
paragraph gave, the publication date, the capital for a nationwide action. The
``WW`` rules declared here (WW005-WW042 in :mod:`.sentence_places`) say which.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import replace

from newscoder.coding.draft import Draft, ToldBefore, in_scope
from newscoder.coding.facts import ArticleFacts
from newscoder.families import PROTEST_OR_STRIKE
from newscoder.lexicon import alternation
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.dates import TimeExpr, resolve_time
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.resolve.places import resolve_place
from newscoder.types import DateValue, Place, Span

_W = Stage.CODE

NOT_A_DATE = declare(
    "WW045", "not-an-event-date", _W, Kind.VETO,
    "durations, vague spans, times of day and periods after 'since' or 'until' do not date "
    "an event",
)  # fmt: skip
OPENING_DATE = declare(
    "WW050", "sentence-opening-date", _W, Kind.CHOOSE,
    "a date opening the sentence ('On 1 May 2019, ...') dates the events told after it",
)  # fmt: skip
PHRASE_DATE = declare(
    "WW510", "date-in-noun-phrase", _W, Kind.CHOOSE,
    "an event noun dated in its own phrase ('his role in an attack in 2020') takes that "
    "date, earlier than the sentence's opening date: it is recalled, not reported",
)  # fmt: skip
CLAUSE_DATE = declare(
    "WW055", "date-in-clause", _W, Kind.CHOOSE,
    "the event's date is in its trigger's clause: an explicit date first, then the one "
    "nearest the trigger",
)  # fmt: skip
SENTENCE_DATE = declare(
    "WW060", "date-in-sentence", _W, Kind.CHOOSE,
    "violence, or an event alone in its sentence, with no date in its clause takes the "
    "sentence's nearest date",
)  # fmt: skip
AFTER_PUBLICATION = declare(
    "WW065", "date-after-publication", _W, Kind.VETO,
    "a date after publication ('elections in April 2019' in February) is a plan, not the "
    "event's date",
)  # fmt: skip
CLAUSE_PLACE = declare(
    "WW070", "place-in-clause", _W, Kind.CHOOSE,
    "the event's place is the finest place in its trigger's clause, nearest the trigger",
)  # fmt: skip
SENTENCE_PLACE = declare(
    "WW075", "place-in-sentence", _W, Kind.CHOOSE,
    "an event at a place, or alone in its sentence, with no place in its clause takes the "
    "sentence's finest place",
)  # fmt: skip
CHAINED_DATE = declare(
    "WW080", "chained-date", _W, Kind.CHOOSE,
    "a date counted from another event ('a day later') counts from the event told before it",
)  # fmt: skip
DATE_BEFORE = declare(
    "WW085", "date-of-event-before", _W, Kind.DEFAULT,
    "an event at a place with no date in its sentence takes the date of the event told "
    "just before",
)  # fmt: skip
NARRATIVE_DATE = declare(
    "WW090", "narrative-date", _W, Kind.DEFAULT,
    "no date in the sentence: the last date the paragraph gave before it, else the report's "
    "first date",
)  # fmt: skip
PUBLICATION_DATE = declare(
    "WW095", "publication-date", _W, Kind.DEFAULT,
    "no date in the text: the publication date (unknown when the article has none)",
)  # fmt: skip
PLACE_BEFORE = declare(
    "WW105", "place-of-event-before", _W, Kind.DEFAULT,
    "an event at a place with no place in its sentence takes the place of the event told "
    "just before",
)  # fmt: skip
NARRATIVE_PLACE = declare(
    "WW110", "narrative-place", _W, Kind.DEFAULT,
    "no place in the sentence: the last place the paragraph named before it, else the first after",
)  # fmt: skip
NATIONWIDE = declare(
    "WW115", "nationwide-at-capital", _W, Kind.DEFAULT,
    "a nationwide strike or protest the paragraph places nowhere is coded at the capital, "
    "as a country-level place (geo_precision 3)",
    source="ACLED codebook 2023, Geography: nationwide events",
)  # fmt: skip
THE_CAPITAL = declare(
    "WW120", "the-capital", _W, Kind.CHOOSE,
    "'the capital' with no name is the capital of the country the report is about",
)  # fmt: skip
COUNTRY_AT_CAPITAL = declare(
    "WW125", "country-at-capital", _W, Kind.REFINE,
    "only the country named: coded at its capital with geo_precision 3",
    source="ACLED codebook 2023, Geography: geo_precision 3",
)  # fmt: skip

FINER_OVER_COUNTRY = declare(
    "WW230", "finer-place-over-country", _W, Kind.REFINE,
    "an event placed only at a country takes a finer place (a town, district or admin1) "
    "its paragraph names, its own sentence first, before the country's capital",
    source="ACLED codebook 2023, Location: the most precise place named",
)  # fmt: skip

_NO_DATE_KINDS = {"duration", "vague", "time"}


def own_date_and_place(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    """Date and place read from each event's own sentence."""
    per_sentence: dict[Span, int] = {}
    for draft in drafts:
        per_sentence[draft.head.sentence] = per_sentence.get(draft.head.sentence, 0) + 1
    for draft in drafts:
        alone = per_sentence[draft.head.sentence] == 1
        _own_date(draft, facts, alone=alone)
        _own_place(draft, facts, alone=alone)
    _recalled_settings(drafts, facts)
    return drafts


# "the killing of two boys during a clash": what stands between an event noun and the
# event noun it was told in, within one phrase (no clause break), the link last (one
# modifier allowed: "during a deadly clash").
_SETTING_LINK = re.compile(
    r"[^,;:.()]{0,50}\b(?:during|amid|in)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?", re.I
)


def _recalled_settings(drafts: list[Draft], facts: ArticleFacts) -> None:
    """An event noun told in a recalled event ("justice for the killing of two boys during
    a clash between the army and rebels on 4 June 2020") is recalled too, with its date
    (WW510): the clash is the phrase the killing's date is written in. The parse hangs
    "during" anywhere, so the words between the two nouns decide."""
    text = facts.article.text
    nouns = sorted((d for d in drafts if d.head.is_noun), key=lambda d: d.head.trigger_span.start)
    for before, inner in itertools.pairwise(nouns):
        if inner.date is None or inner.date.rule != PHRASE_DATE.id:
            continue
        if before.head.sentence != inner.head.sentence:
            continue
        if before.date is not None and before.date.rule == PHRASE_DATE.id:
            continue
        between = text[before.head.trigger_span.end : inner.head.trigger_span.start]
        if not _SETTING_LINK.fullmatch(between):
            continue
        fire(PHRASE_DATE, "chose", inner.date.text or "", inner.date.start or 0)
        why = f"told in the {inner.head.trigger!r} its own phrase dates"
        before.date = replace(inner.date, reason=PHRASE_DATE.why(why), rule=PHRASE_DATE.id)
        before.own_date = True


def _own_date(draft: Draft, facts: ArticleFacts, *, alone: bool) -> None:
    """Within the trigger's clause first; the rest of the sentence only for a violent
    event, or for an event that is the sentence's only one ("earlier this week when X
    announced ...")."""
    sentence = facts.sentences[draft.head.sentence]
    times = []
    for t in sentence.times:
        if t.expr.kind in _NO_DATE_KINDS or t.after_duration_word:
            fire(NOT_A_DATE, "vetoed", t.expr.text, t.expr.start)
        else:
            times.append(t)
    # "On 1 May 2019, ...": a date opening the sentence dates its events, whatever
    # dates the clauses after it give their own nouns ("a vote held on May 30").
    opener = next(
        (t.expr for t in times if t.expr.kind in {"date", "range"} and t.opens_sentence), None
    )
    exprs = [t.expr for t in times]
    scoped = [e for e in exprs if in_scope(draft.head, e.start)]
    why = CLAUSE_DATE
    own = _noun_phrase_date(draft, scoped, opener, facts) if opener is not None else None
    if own is not None:
        scoped, why = [own], PHRASE_DATE
    elif opener is not None and draft.physical and opener.end <= draft.head.trigger_span.start:
        scoped, why = [opener], OPENING_DATE
    # A reference back ("the attack") takes only what its own clause says; a mention
    # absorbed into the event ("to protest the arrest") does not make it one.
    if scoped or draft.head.anaphoric or not (draft.violent or alone):
        exprs = scoped
    else:
        why = SENTENCE_DATE
    published = facts.article.published
    dating = []
    for e in exprs:
        if _after_publication(e, published):
            fire(AFTER_PUBLICATION, "vetoed", e.text, e.start)
        else:
            dating.append(e)
    if not dating:
        return
    trigger = draft.head.trigger_span.start
    # An explicit date outranks "overnight" or "on Friday" in the same sentence; a
    # day outranks the range in brackets after it ("5 May (between 2 - 8 May)").
    explicit = [e for e in dating if e.kind == "date"] or [e for e in dating if e.kind == "range"]
    # "on Tuesday, two days after an attack": a day the sentence names outranks a
    # span counted from another event.
    named = [e for e in dating if e.kind != "relative"]
    expr = min(explicit or named or dating, key=lambda e: abs(e.start - trigger))
    value = resolve_time(expr.text, published, start=expr.start, end=expr.end)
    fire(why, "chose", expr.text, expr.start)
    draft.date = replace(value, reason=why.why(value.reason), rule=why.id)
    draft.own_date = True


def _own_place(draft: Draft, facts: ArticleFacts, *, alone: bool) -> None:
    places = facts.places.get(draft.head.sentence.start, ())
    scoped = [p for p in places if p.start is not None and in_scope(draft.head, p.start)]
    why = CLAUSE_PLACE
    if scoped or draft.head.anaphoric or not (draft.physical or alone):
        places = tuple(scoped)
    else:
        why = SENTENCE_PLACE
    if not places:
        return
    trigger = draft.head.trigger_span.start
    best = min(places, key=lambda p: (p.geo_precision or 3, abs((p.start or 0) - trigger)))
    fire(why, "chose", best.name, best.start)
    draft.place = replace(best, reason=why.why(best.reason), rule=why.id)
    draft.own_place = True


_PHRASE_DATE_KINDS = {"date", "range", "month", "year"}
# How far after an event noun its own date may be written ("an attack in 2020", "the
# attack in Jalalabad in 2020"), and what may stand between them: a few glue words and
# names, nothing that could own the date instead ("the election held on 28 April").
_PHRASE_REACH = 40
_IN_A_NAME = re.compile(r"\s+[A-Z]")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
# "a clash between the army and rebels on 2 June 2020": the two sides of a fight belong
# to its phrase, whatever their words, and so does an acronym in brackets ("(FTC)").
_SIDE = r"\s+[\w'’.()-]+"
_BETWEEN = rf"between(?:{_SIDE}){{1,6}}?\s+and(?:{_SIDE}){{1,6}}?"
_PHRASE_GAP = re.compile(
    rf"(?:\s+(?:(?i:{alternation('phrase_date_glue')})|[A-Z][\w'’.-]*|\([A-Z][\w.-]*\)"
    rf"|{_BETWEEN}))*\s*",
    re.UNICODE,
)
_BETWEEN_REACH = 60  # the sides' words, on top of _PHRASE_REACH


def _noun_phrase_date(
    draft: Draft, scoped: list[TimeExpr], opener: TimeExpr, facts: ArticleFacts
) -> TimeExpr | None:
    """An explicit date written just after an event noun, inside its own phrase, that is
    earlier than the sentence's opening date (WW510): "On 3 May 2022, a man was arrested
    for his role in an attack in 2020" dates the attack 2020, not 3 May."""
    head = draft.head
    if not head.is_noun:
        return None
    end = head.trigger_span.end
    text = facts.article.text
    published = facts.article.published
    opening = resolve_time(opener.text, published).value
    for expr in scoped:
        if expr is opener or expr.kind not in _PHRASE_DATE_KINDS:
            continue
        reach = _PHRASE_REACH + (_BETWEEN_REACH if " between " in text[end : expr.start] else 0)
        if not 0 <= expr.start - end <= reach:
            continue
        if not _PHRASE_GAP.fullmatch(text, end, expr.start):
            continue
        if _IN_A_NAME.match(text, expr.end) or _ARTICLE_BEFORE.search(text, end, expr.start):
            continue  # "a rally at the May 18 Square": a date inside a name
        value = resolve_time(expr.text, published).value
        if value and opening and value < opening[: len(value)]:
            return expr
    return None


def _after_publication(expr: TimeExpr, published: dt.date | None) -> bool:
    """ "elections in April 2019" in a report of February: a plan, not the event's date."""
    if published is None or expr.kind in {"relative", "weekday"}:
        return False
    resolved = resolve_time(expr.text, published)
    if resolved.value is None:
        return False
    # Compare at the expression's own precision: "in February" is not after 10 February.
    size = {"year": 4, "month": 7}.get(resolved.precision or "", 10)
    return resolved.value[:size] > published.isoformat()[:size]


def inherit_date_and_place(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    """Dates and places the sentence does not give come from the narrative:
    chains ("a day later") from the previous event, the rest from the event
    before in the same or the previous paragraph, else the place the paragraph
    named before it and the publication date."""
    published = facts.article.published
    countries = facts.ctx.countries
    told = ToldBefore(drafts)
    for draft in drafts:
        previous = told.last_before(draft.head.trigger_span.start)
        told.add(draft)
        anchor = previous.date if previous else None
        if draft.date is not None and draft.date.value is None and anchor and anchor.value:
            # A chained expression ("a day later") counts from the event before.
            value = resolve_time(
                draft.date.text or "",
                published,
                anchor=anchor,
                start=draft.date.start,
                end=draft.date.end,
            )
            fire(CHAINED_DATE, "chose", value.text or "", value.start)
            draft.date = replace(value, reason=CHAINED_DATE.why(value.reason), rule=CHAINED_DATE.id)
        near = previous is not None and draft.head.paragraph - previous.last_paragraph <= 1
        if draft.date is None:
            draft.date = _inherited_date(draft, previous if near else None, facts)
        if draft.place is None and draft.physical and near and previous and previous.place:
            fire(PLACE_BEFORE, "defaulted", previous.place.name, draft.start)
            draft.place = _decided(
                previous.place, PLACE_BEFORE, "place from the event told before it"
            )
            draft.reasons.append(PLACE_BEFORE.why("place from the event told before it"))
        if draft.place is None and draft.physical and facts.places:
            draft.place = _narrative_place(draft, facts)
        if draft.place is None and draft.family in PROTEST_OR_STRIKE and countries:
            # Only after the paragraph's place: taking the country before the town the
            # paragraph named cost admin1 0.002 on the global notes (A-M).
            draft.place = _nationwide(draft, facts, countries[0])
        if draft.place is None and draft.physical and countries:
            draft.place = _the_capital(draft, facts, countries[0])
        if draft.place is not None and draft.physical and _country_only(draft.place):
            draft.place = _finer_place(draft, facts) or _at_capital(draft.place) or draft.place
    return drafts


def _decided(place: Place, why: Rule, detail: str) -> Place:
    return replace(place, reason=why.why(f"{detail} ({place.reason})"), rule=why.id)


def _inherited_date(draft: Draft, previous: Draft | None, facts: ArticleFacts) -> DateValue:
    """The date of an event whose sentence gives none."""
    published = facts.article.published
    before = previous.date if previous else None
    if before and before.value and draft.physical:
        fire(DATE_BEFORE, "defaulted", before.text or "", draft.start)
        return DateValue(
            before.value,
            before.precision,
            before.text,
            reason=DATE_BEFORE.why("no date in the sentence: the narrative's date before it"),
            rule=DATE_BEFORE.id,
        )
    told = _narrative_date(draft, facts)
    if told is not None:
        return told
    if published is not None:
        fire(PUBLICATION_DATE, "defaulted", published.isoformat(), draft.start)
        return DateValue(
            published.isoformat(),
            "day",
            None,
            reason=PUBLICATION_DATE.why("no date in the text: the publication date"),
            rule=PUBLICATION_DATE.id,
        )
    fire(PUBLICATION_DATE, "defaulted", "", draft.start)
    why = PUBLICATION_DATE.why("no date and no publication date")
    return DateValue(None, None, None, reason=why, rule=PUBLICATION_DATE.id)


def _narrative_date(draft: Draft, facts: ArticleFacts) -> DateValue | None:
    """The last explicit date written before the event in its paragraph, else the
    report's first explicit date: "On 9 May, gunmen raided X. They killed two." """
    trigger = draft.head.trigger_span.start
    para_start = facts.paragraph(trigger).start
    exprs = [e for e in facts.explicit_dates if e.end <= trigger]
    if not exprs:
        return None
    in_paragraph = [e for e in exprs if e.start >= para_start]
    expr = in_paragraph[-1] if in_paragraph else exprs[0]
    value = resolve_time(expr.text, facts.article.published, start=expr.start, end=expr.end)
    if value.value is None:
        return None
    fire(NARRATIVE_DATE, "defaulted", expr.text, expr.start)
    return DateValue(
        value.value,
        value.precision,
        value.text,
        value.start,
        value.end,
        reason=NARRATIVE_DATE.why("no date in the sentence: the date the report gave before it"),
        rule=NARRATIVE_DATE.id,
    )


def _narrative_place(draft: Draft, facts: ArticleFacts) -> Place | None:
    """The last place the paragraph named in a sentence before the event's ("In
    Kandi, shops were looted. Rioters then burned a factory."), else the first it
    names after ("Traders demonstrated on Monday. They blocked the road in Kandi.")."""
    sentence = draft.head.sentence.start
    paragraph = facts.paragraph(sentence)
    named = [start for start, places in facts.places.items() if places]
    before = [start for start in named if paragraph.start <= start < sentence]
    after = [start for start in named if sentence < start < paragraph.end]
    if not (before or after):
        return None
    told = max(before) if before else min(after)
    # The finest place of that sentence ("Parakou, Benin": Parakou).
    place = min(facts.places[told], key=lambda p: (p.geo_precision or 3, -(p.start or 0)))
    where = "before" if before else "after"
    detail = f"no place in the sentence: the place the paragraph named {where} it"
    fire(NARRATIVE_PLACE, "defaulted", place.name, place.start)
    draft.reasons.append(NARRATIVE_PLACE.why(detail))
    return _decided(place, NARRATIVE_PLACE, detail)


def _finer_place(draft: Draft, facts: ArticleFacts) -> Place | None:
    """A place finer than a country in the event's paragraph: its own sentence first,
    then the nearest sentence before it, then after (WW230)."""
    sentence = draft.head.sentence.start
    paragraph = facts.paragraph(sentence)
    starts = [s for s, places in facts.places.items() if paragraph.start <= s < paragraph.end]
    order = sorted(starts, key=lambda s: (s != sentence, s > sentence, abs(s - sentence)))
    for start in order:
        finer = [p for p in facts.places[start] if p.admin1 and p.lat is not None]
        if finer:
            place = min(finer, key=lambda p: (p.geo_precision or 3, p.start or 0))
            detail = f"only a country given: the finer place {place.name!r} of its paragraph"
            fire(FINER_OVER_COUNTRY, "refined", place.name, place.start)
            return _decided(place, FINER_OVER_COUNTRY, detail)
    return None


def _nationwide(draft: Draft, facts: ArticleFacts, country: str) -> Place | None:
    """A nationwide strike or blockade is coded at the capital (ACLED)."""
    if not facts.sentences[draft.head.sentence].nationwide:
        return None
    found = _capital(country)
    if found is None:
        return None
    capital, name = found
    fire(NATIONWIDE, "defaulted", name, draft.start)
    detail = f"nationwide action: coded at the capital, {name}; geo_precision 3"
    return replace(capital, geo_precision=3, reason=NATIONWIDE.why(detail), rule=NATIONWIDE.id)


def _the_capital(draft: Draft, facts: ArticleFacts, country: str) -> Place | None:
    """ "marched in the capital": the capital of the country the report is about.
    (An "economic" or "commercial" capital is another city: it must be named.)"""
    if not facts.sentences[draft.head.sentence].names_the_capital:
        return None
    found = _capital(country)
    if found is None:
        return None
    capital, name = found
    fire(THE_CAPITAL, "chose", name, draft.start)
    detail = f"'the capital' of {capital.country}: {name}"
    return replace(capital, reason=THE_CAPITAL.why(detail), rule=THE_CAPITAL.id)


def _country_only(place: Place) -> bool:
    return place.admin1 is None and place.country_code is not None


def _at_capital(place: Place) -> Place | None:
    """Only the country is named: ACLED codes the event at the capital, geo_precision 3,
    keeping the words the text used."""
    found = _capital(place.country_code or "")
    if found is None:
        return None
    capital, name = found
    fire(COUNTRY_AT_CAPITAL, "rewrote", place.name, place.start)
    detail = f"only the country is named ({place.name}): coded at the capital, {name}"
    return replace(
        capital,
        geo_precision=3,
        start=place.start,
        end=place.end,
        reason=COUNTRY_AT_CAPITAL.why(detail),
        rule=COUNTRY_AT_CAPITAL.id,
    )


def _capital(country: str) -> tuple[Place, str] | None:
    """The country's capital (its seat of government) resolved as a town, with the
    name the gazetteer gives it."""
    found = get_gazetteer().country(country)
    if found is None or not found.capital:
        return None
    capital = resolve_place(found.capital, context=[found.code])
    return (capital, found.capital) if capital is not None else None
