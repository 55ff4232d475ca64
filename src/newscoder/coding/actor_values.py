"""The last look at an event's actors: only people, groups, organisations and states
are written as actors.

An argument phrase whose head ``extract.actor_heads`` read as a place or building
("the building"), a thing, a topic or an abstract ("the Syria crisis", "knowledge"),
or a possession whose owner it does not name ("my sincere condolences") reaches the
coder as words, because actor typing may still know whose it is: a military base
is the forces', a house or a car hit by violence its civilians' (AC100, AC115).
Such a phrase typed by a rule is written as ACLED names the actor it stands for
("Civilians (Iraq)"), never as its words; one no rule typed is no actor (actor1 of
violence then falls back to the unidentified armed group, as an unnamed doer does).
A proper name no actor base knows that the gazetteer knows as a place ("Aleppo") is
a place too. A country named as a place is a state and stays.
"""

from __future__ import annotations

from dataclasses import replace

from newscoder.coding.actors import UNKNOWN_ACTOR, unidentified
from newscoder.coding.draft import Draft
from newscoder.coding.world_actors import UNTYPED_ATTACKER
from newscoder.extract.actor_heads import NOT_PEOPLE, PLACE
from newscoder.extract.events import Phrase
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import country_name, get_gazetteer
from newscoder.resolve.places import resolve_place
from newscoder.types import Actor

_ACTORS = "ACLED codebook 2023, Actors"
NOT_AN_ACTOR = declare(
    "AC132", "not-an-actor", Stage.CODE, Kind.REFINE,
    "a place, thing, topic or abstract is no actor: typed by a rule it is named as the actor "
    "it stands for ('Civilians (Iraq)'), untyped it is dropped",
    source=_ACTORS,
)  # fmt: skip
# Declared here, used by actor_typing (which imports this module): _named_place reads it.
CIVILIAN_TARGET = declare(
    "AC115", "civilian-target", Stage.CODE, Kind.REFINE,
    "the target of violence with no armed role is civilians",
    source=f"{_ACTORS}: Civilians",
)  # fmt: skip
UNIDENTIFIED_DOER = declare(
    "AC133", "not-an-actor-doer-unidentified", Stage.CODE, Kind.DEFAULT,
    "violence whose doer was told only as a place or a thing is by an unidentified armed group",
    source=f"{_ACTORS}: Political militia",
)  # fmt: skip


def settle_values(draft: Draft) -> None:
    """Drop or rename the actors that are only a non-actor's words (see the module doc)."""
    for field in ("actor1", "actor2"):
        actor: Actor | None = getattr(draft, field)
        said = _phrase_of(draft, actor)
        if actor is None or said is None:
            continue
        kind = said.kind or (PLACE if _named_place(actor, said) else "")
        if kind not in NOT_PEOPLE:
            continue
        if actor.name != said.text or _a_country(said.text):
            continue  # typed and named by a rule, or a state ("the UK")
        fire(NOT_AN_ACTOR, "rewrote", said.text, said.start)
        if actor.type is None:
            settled = None
            if field == "actor1" and draft.violent:
                settled = unidentified(actor.country_code, UNIDENTIFIED_DOER)
        elif actor.type == "Political militia":  # an armed group of no known kind (AC230)
            settled = unidentified(actor.country_code, UNIDENTIFIED_DOER)
        else:
            country = country_name(actor.country_code) if actor.country_code else None
            name = f"{actor.type} ({country})" if country else actor.type
            why = NOT_AN_ACTOR.why(f"{said.text!r} is a {kind}: named as its {actor.type}")
            settled = replace(actor, name=name, reason=f"{why}; {actor.reason}")
        setattr(draft, field, settled)


def _phrase_of(draft: Draft, actor: Actor | None) -> Phrase | None:
    if actor is None or actor.start is None:
        return None
    for mention in draft.mentions:
        for phrase in (mention.actor1, mention.actor2):
            if phrase is not None and phrase.start == actor.start and phrase.end == actor.end:
                return phrase
    return None


def _named_place(actor: Actor, said: Phrase) -> bool:
    """A proper name no actor base knew (AC045, AC230) that the gazetteer knows as a place:
    "Aleppo", "near Rawah" parsed as a subject."""
    # words kept: no base knew them; AC115 types such words as the civilians a violence
    # targets ("Russian forces shelled Sumy")
    unknown = (UNKNOWN_ACTOR.id, UNTYPED_ATTACKER.id, CIVILIAN_TARGET.id)
    if actor.rule not in unknown or not said.text[:1].isupper():
        return False
    if said.person and actor.rule != CIVILIAN_TARGET.id:
        # a targeted civilian is "Civilians (X)" whoever it is, so a town the NER took for a
        # person ("shelling Kharkiv") may be renamed; a doer keeps a person's name
        return False
    words = said.text.split()
    while words and words[0].lower() in {"the", "near"}:
        words = words[1:]
    return bool(words) and resolve_place(" ".join(words)) is not None


def _a_country(text: str) -> bool:
    """ "the UK", "Pakistan": a country's name, capitalised ("a car" is no CAR)."""
    words = text.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    bare = " ".join(words)
    return bare[:1].isupper() and get_gazetteer().country(bare) is not None
