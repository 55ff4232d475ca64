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

from rapidfuzz import fuzz
from spacy.tokens import Doc

from newscoder.lexicon import alternation, word_map, words
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.types import Event, Span

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
_PARTICLE = r"(?:de|do|da|dos|das|del|de la|la|le|el|al|ul)"
_NAME = rf"[A-Z][\w'’-]+(?:\s+(?:{_PARTICLE}\s+)?[A-Z][\w'’-]+){{0,3}}"


# "Berlin - Friedrichshain-Kreuzberg": a town and the part of it, as ACLED writes them.
_TOWN_PART = re.compile(rf"\b(?P<town>{_NAME})\s+-\s+(?P<name>{_NAME})")


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
def _calendar_words() -> frozenset[str]:
    return words("weekday_names") | frozenset(word_map("month_names"))


def localities(text: str, start: int, end: int, towns: Sequence[str] = ()) -> list[Span]:
    """The localities named in ``text[start:end]``, in text order, without repeats:
    names with a unit word, and the parts of ``towns`` ("Berlin - Mitte")."""
    found: dict[tuple[int, int], Span] = {}
    for match in _TOWN_PART.finditer(text, start, end):
        if any(_similar(match.group("town"), town) for town in towns):
            found[match.span("name")] = Span(*match.span("name"))
    for pattern in _patterns():
        for match in pattern.finditer(text, start, end):
            name = match.group("name")
            if name.isupper() and len(name) <= 5:
                continue  # "IDP camp", "PoC area": a kind of place, not its name
            if name.split()[0].lower() in _calendar_words():
                continue  # "attacked the village Monday"
            found[match.span("name")] = Span(*match.span("name"))
    return [found[key] for key in sorted(found)]


def with_localities(events: Sequence[Event], doc: Doc) -> list[Event]:
    """Each placed event with the localities of its own sentence and of the sentence
    that placed it, other than its location's own name, admin1 and country."""
    text = doc.text
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
            for span in localities(text, start, end, own[:1])
            if not any(_similar(text[span.start : span.end], name) for name in own)
        ]
        if found:
            names = ", ".join(text[s.start : s.end] for s in found)
            fire(LOCALITY, "found", names, found[0].start)
            event = replace(event, localities=tuple(found))
        out.append(event)
    return out


def _sentences(doc: Doc, offsets: list[int]) -> list:
    return [s for s in doc.sents if any(s.start_char <= o < s.end_char for o in offsets)]


def _similar(a: str, b: str) -> bool:
    """One name: a spelling variant, or one inside the other ("Ayadaw" / "Ayadaw township")."""
    a, b = a.casefold(), b.casefold()
    return fuzz.ratio(a, b) >= 88 or fuzz.token_set_ratio(a, b) == 100
