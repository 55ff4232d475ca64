"""The kind of site a report places an event at inside its town (WW520).

"Gunmen shot a guard near the local prison" and "gunmen shot a man in the city
centre", in one city on one day: the location is the city in both, the victims are
told in words that may mean one man, and the toll is the same. What tells the two
killings apart is where in the city each happened. Each event keeps, beside its
place, the sites its own sentence puts it at or near (a locative word, a few
modifiers, a site word of ``data/words/event_sites.tsv``). Linking reads their kinds
(LK215): two violent events in one town at sites of different kinds are two events.
Roads, streets and checkpoints are not sites here: outlets place one ambush on the
road or at the checkpoint.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from newscoder.lexicon import alternation, word_map
from newscoder.nlp.cache import doc_sents, doc_text, sentence_at_char
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.types import Event, Span

SITES = declare(
    "WW520",
    "event-sites",
    Stage.CODE,
    Kind.FIND,
    "the kind of site the event's sentence puts it at or near ('near the local prison', "
    "'in the city centre') is kept beside its place",
    source="ACLED codebook: one event per location; the note tells the site",
)

# The words that put an event at a site, and what may stand between them and the
# site's own words: articles, possessives, a few adjectives and names ("near the
# local prison", "in front of the Paraguayan Embassy", "at Kabul University").
_AT = (
    r"(?:[Ii]n\s+front\s+of|[Cc]lose\s+to|[Nn]ext\s+to|[Nn]ear(?:by)?|[Oo]utside(?:\s+of)?"
    r"|[Ii]nside|[Aa]t|[Ii]n|[Oo]pposite|[Bb]ehind|[Bb]eside|[Aa]round)"
)
_MODIFIERS = (
    r"(?:(?:the|a|an|his|her|their|its|this|that|one|local|main|central|old|new|public"
    r"|private|busy|crowded|nearby|city|town|city's|town's|[A-Z][\w'’.-]*)\s+){0,4}"
)


# Where the wounded were taken or died is not where the event happened ("died in
# hospital", "was rushed to a clinic near the market").
@cache
def _afterwards() -> re.Pattern[str]:
    verbs = alternation("aftercare_verbs")
    return re.compile(rf"\b{verbs}\b[^.;,]{{0,40}}$", re.IGNORECASE)


# "the centre of the city": a site told the other way round.
_CENTRE_OF = re.compile(
    r"\b(?:in|at|near)\s+the\s+(?P<site>cent(?:re|er)\s+of\s+(?:the\s+)?(?:city|town))\b"
)


@cache
def _pattern() -> re.Pattern[str]:
    entries = sorted(word_map("event_sites"), key=len, reverse=True)
    sites = "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in entries)
    # One more word of any kind may name what the site serves ("the party office").
    return re.compile(
        rf"\b{_AT}\s+{_MODIFIERS}(?:[a-z][\w'’-]*\s+)?(?P<site>(?i:{sites}))(?:e?s)?\b"
    )


def site_kind(text: str) -> str | None:
    """The kind a site's words count as ("jail" and "prisons" are a prison), or None."""
    words = " ".join(text.lower().split())
    if _CENTRE_OF.search(f"in the {words}") or words.startswith(("centre of", "center of")):
        return "centre"
    table = word_map("event_sites")
    for form in (words, words[:-1] if words.endswith("s") else None, words[:-2]):
        if form and form in table:
            return table[form]
    return None


def sites(text: str, start: int, end: int) -> list[Span]:
    """The sites named in ``text[start:end]`` after a locative word, in text order."""
    found: dict[tuple[int, int], Span] = {}
    for pattern in (_pattern(), _CENTRE_OF):
        for match in pattern.finditer(text, start, end):
            if _afterwards().search(text, max(start, match.start() - 60), match.start()):
                continue
            found[match.span("site")] = Span(*match.span("site"))
    return [found[key] for key in sorted(found)]


def with_sites(events: Sequence[Event], doc: Doc) -> list[Event]:
    """Each placed event with the sites of its own sentence (the trigger's)."""
    text = doc_text(doc)
    sents = doc_sents(doc)
    out = []
    for event in events:
        index = sentence_at_char(doc, event.trigger_span.start)
        if event.location is None or index is None:
            out.append(event)
            continue
        sentence = sents[index]
        found = sites(text, sentence.start_char, sentence.end_char)
        if found:
            fire(SITES, "found", ", ".join(text[s.start : s.end] for s in found), found[0].start)
            event = replace(event, sites=tuple(found))
        out.append(event)
    return out
