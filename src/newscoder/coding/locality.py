"""The finer places a report names for an event inside its location (WW380).

An event is placed at the finest place the gazetteer holds: "in Shwe Kone village of
Ayadaw township" is coded at Ayadaw, and so is "in Thit Cho village of Ayadaw
township" on the same day. The location cannot tell those two apart; the words can.
Each event keeps, beside its location, the villages, neighbourhoods and areas its
sentence names with a unit word (``data/words/locality_units.re.txt``) that are not
the location itself. Linking reads them (LK200): two reports at one place that name
different localities are two events, as ACLED codes them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from newscoder.lexicon import alternation, word_map, words
from newscoder.nlp.cache import doc_sents, doc_text, sentence_at_char
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.textutil import same_name
from newscoder.types import Event, Span, Toponym

LOCALITY = declare(
    "WW380",
    "event-localities",
    Stage.CODE,
    Kind.FIND,
    "a village, neighbourhood or area the event's sentence names with its unit word, inside "
    "the location, is kept beside it ('Shwe Kone village of Ayadaw township')",
    source="ACLED codebook: one event per location; the note names the village",
)

# A capitalised name of up to four words, with the particles of Spanish, Portuguese,
# French and Arabic names inside it ("Pedregal de Santa Julia", "Morro do Fuba").
_PARTICLE = r"(?:de|do|da|dos|das|del|de la|la|le|el|al|ul|ash|az|ez|bin|ibn)"
_WORD = r"(?:(?:al|el|an|ad|as|ash|ar|at|az)-)?[A-Z][\w'’-]+"  # "al-Salam" too
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,3}}"
_TOWN = alternation("town_kinds")  # "Bogra town", "the city of Benghazi"
_SETTLEMENT = alternation("settlement_kinds")  # "Dong village", "Ein Daqneh town"


# A town and a part of it: "Berlin - Friedrichshain-Kreuzberg" (as ACLED writes them),
# "the Pretoria area (Atteridgeville)", "the Ganfouda district of Benghazi", "in
# Highfields, Harare".
_TOWN_PARTS = (
    re.compile(rf"\b(?P<town>{_NAME})\s+-\s+(?P<name>{_NAME})"),
    re.compile(rf"\b(?P<town>{_NAME})(?:\s+(?i:area|{_TOWN}))?\s+\((?P<name>{_NAME})\)"),
    re.compile(
        rf"\b(?P<name>{_NAME})\s+(?i:district|quarter|suburb|neighbou?rhood|area|sector)\s+of\s+"
        rf"(?:the\s+)?(?:(?i:{_TOWN})\s+of\s+)?(?P<town>{_NAME})"
    ),
    re.compile(rf"\b(?i:in|at|near)\s+(?P<name>{_NAME}),\s+(?P<town>{_NAME})"),
    # "Ein Daqneh town in Aleppo", "Dong village of Jos" (WW380)
    re.compile(
        rf"\b(?P<name>{_NAME})\s+(?i:{_SETTLEMENT})\s+(?i:in|of|near)\s+"
        rf"(?:(?i:the)\s+)?(?P<town>{_NAME})"
    ),
    # "in Al Baylouniyeh in Aleppo": a place inside the town, not a site in it (WW380)
    re.compile(rf"\b(?i:in|at)\s+(?P<name>{_NAME})\s+in\s+(?:(?i:the)\s+)?(?P<town>{_NAME})"),
)
# A character each of those patterns cannot match without (or None): a stretch lacking
# it skips the pattern, the same matches for less work.
_TOWN_PARTS_NEED = ("-", "(", None, ",", None, None)
# A place the event happened at or near that the gazetteer does not hold ("in Gwrasha"),
# or one it holds that the event is only near ("near Hammanskraal").
_AT = frozenset({"in", "at", "near", "outside"})
_ADMIN = frozenset({"country", "admin1", "admin2"})


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    units = alternation("locality_units")
    before = re.compile(rf"\b(?P<name>{_NAME})\s+(?i:{units})\b")
    # "area Amadiya district": a name followed by a unit of its own is that unit's name.
    admin = alternation("place_units")
    after = re.compile(
        rf"\b(?i:{units})\s+(?:of\s+)?(?P<name>{_NAME}|\d+)\b(?!\s+(?i:{units}|{admin})\b)"
    )
    return before, after


@cache
def _site_words() -> frozenset[str]:
    """Words of a site's or a body's name ("Freedom Square", "Kabul University"): such a
    name is no part of a town (outlets place one protest at different sites)."""
    return (
        words("town_sites")
        | words("town_bodies")
        | words("place_heads")
        | words("place_not_town_heads")
        | words("closable_sites")
        | words("state_sites")
    )


@cache
def _calendar_words() -> frozenset[str]:
    return words("weekday_names") | frozenset(word_map("month_names"))


def localities(
    text: str,
    start: int,
    end: int,
    towns: Sequence[str] = (),
    toponyms: Sequence[Toponym] = (),
) -> list[Span]:
    """The localities named in ``text[start:end]``, in text order, without repeats:
    names with a unit word, the parts of ``towns`` ("Berlin - Mitte"), and the
    ``toponyms`` the event is in but the gazetteer lacks, or near."""
    found: dict[tuple[int, int], Span] = {}
    admin = {(t.start, t.end) for t in toponyms if t.feature in _ADMIN}
    for pattern, need in zip(_TOWN_PARTS, _TOWN_PARTS_NEED, strict=True):
        if need is not None and text.find(need, start, end) < 0:
            continue
        for match in pattern.finditer(text, start, end):
            if match.span("name") in admin:
                continue  # "Ambato (Tungurahua)": the province, not a part of the town
            if _site_words().intersection(match.group("name").lower().split()):
                continue  # "in Tahrir Square in Cairo": a site, told differently by outlets
            if any(same_name(match.group("town"), town) for town in towns):
                found[match.span("name")] = Span(*match.span("name"))
    for toponym in toponyms:
        if not start <= toponym.start < end or toponym.feature in _ADMIN:
            continue
        before = text[max(start, toponym.start - 12) : toponym.start].split()
        word = before[-1].lower() if before else ""
        if word in _AT and (toponym.name is None or word in {"near", "outside"}):
            found[(toponym.start, toponym.end)] = Span(toponym.start, toponym.end)
    for pattern in _patterns():
        for match in pattern.finditer(text, start, end):
            name = match.group("name")
            if name.isupper() and len(name) <= 5:
                continue  # "IDP camp", "PoC area": a kind of place, not its name
            if name.split()[0].lower() in _calendar_words():
                continue  # "attacked the village Monday"
            if name.split()[0].lower() in words("locality_not_names"):
                continue  # "The village was attacked": the sentence's first word
            found[match.span("name")] = Span(*match.span("name"))
    return [found[key] for key in sorted(found)]


def with_localities(
    events: Sequence[Event], doc: Doc, toponyms: Sequence[Toponym] = ()
) -> list[Event]:
    """Each placed event with the localities of its own sentence and of the sentence
    that placed it, other than its location's own name, admin1 and country."""
    text = doc_text(doc)
    out = []
    for event in events:
        place = event.location
        if place is None:
            out.append(event)
            continue
        spans = [event.trigger_span.start]
        if place.start is not None:
            spans.append(place.start)
        sentences = {(s.start_char, s.end_char) for s in _sentences(doc, spans)}
        own = [x for x in (place.name, place.admin1, place.country) if x]
        if place.start is not None and place.end is not None:
            own.append(text[place.start : place.end])
        found = [
            span
            for start, end in sorted(sentences)
            for span in localities(text, start, end, own[:1], toponyms)
            if not any(same_name(text[span.start : span.end], name) for name in own)
            and not (place.start is not None and span.start <= place.start < span.end)
        ]
        if found:
            names = ", ".join(text[s.start : s.end] for s in found)
            fire(LOCALITY, "found", names, found[0].start)
            event = replace(event, localities=tuple(found))
        out.append(event)
    return out


def _sentences(doc: Doc, offsets: list[int]) -> list[DocSpan]:
    """The sentences holding any of ``offsets``, in text order (found by a bisect each:
    every sentence of the document was read for every event)."""
    sents = doc_sents(doc)
    found = {sentence_at_char(doc, o) for o in offsets}
    return [sents[i] for i in sorted(i for i in found if i is not None)]
