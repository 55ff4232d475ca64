"""What an argument phrase's head is, read off the parse: can it name an actor at all?

An actor is a person, a group, an organisation or a state. The head of the phrase
decides, before any knowledge base is asked:

- ``pronoun``: a pronoun or a determiner standing alone ("those", "that", "I");
  the coder resolves a few of them to an antecedent, the rest to nothing;
- ``possessive``: anything told through a possessive pronoun ("my sincere
  condolences", "their counterparts", "his brother"), whose owner the phrase does not
  name: typed by a rule (a victim's "his brother" is a civilian), else no actor;
- ``place``: a place, a site or a building (a GPE, LOC or FAC entity, or a head
  from the place and site word lists: "the building", "a storage facility");
  as the target of violence ACLED codes the people it belongs to, so the coder
  types it (AC100, AC115) and never writes the phrase itself as the actor;
- ``thing``: a date, a number, an object, an event, a law, a topic or an abstract
  (an entity of those kinds, or a common noun that names no people: "a car", "the
  Syria crisis", "knowledge", "the next steps"); typed like a place when violence
  hits it, else no actor;
- ``""``: a name, or a common noun for people or a group ("gunmen", "officials",
  "the committee"): an actor.

The people nouns come from the world KB's agent nouns (PETRARCH2), the generic
actor roles and ``group_heads``; the place nouns from the place and site lists.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from newscoder.knowledge import generic_role
from newscoder.lexicon import word_pattern, words
from newscoder.worldkb import agent

PRONOUN, POSSESSIVE, PLACE, THING = "pronoun", "possessive", "place", "thing"
NOT_PEOPLE = frozenset({POSSESSIVE, PLACE, THING})  # never written as an actor (AC132)

_PERSON_ENTS = frozenset({"PERSON", "ORG", "NORP"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_STANDING_ALONE = frozenset({"PRP", "WDT", "WP", "DT"})
# Word lists of places, sites and buildings an argument can name.
_PLACE_LISTS = ("place_heads", "town_sites", "state_sites", "home_nouns")


@cache
def _place_words() -> frozenset[str]:
    found: set[str] = set()
    for name in _PLACE_LISTS:
        found |= words(name)
    return frozenset(found)


def people_noun(text: str, lemma: str) -> bool:
    """A common noun that names people or a group: an agent noun of the world KB, a
    generic actor role, or a group head ("committee", "officials")."""
    lower = text.lower()
    if generic_role(lower) is not None or agent(lower) is not None or agent(lemma) is not None:
        return True
    return lemma in words("group_heads") or lower in words("group_heads")


def _of_object(tok: Token) -> Token | None:
    """ "a group of gunmen", "hundreds of Syrians", "a range of organisations": the
    people are named after "of"."""
    collective = word_pattern("collective_nouns")
    if not (
        tok.pos_ == "NUM"
        or tok.lower_ in words("quantity_words")
        or collective.fullmatch(tok.lower_)
        or tok.lemma_.lower() in words("collective_heads")
    ):
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def head_kind(tok: Token) -> str:
    """The kind of the head ``tok`` of an argument phrase (see the module doc)."""
    inner = _of_object(tok)
    if inner is not None:
        return head_kind(inner)
    if tok.pos_ == "PRON" or (tok.tag_ in _STANDING_ALONE and tok.pos_ != "PROPN"):
        return PRONOUN
    if tok.ent_type_ == "PERSON" and tok.pos_ == "NOUN" and tok.lower_ in words("place_units"):
        return PLACE  # "Zee Gone village" tagged as a person's name: a village (AC132)
    if tok.ent_type_ in _PERSON_ENTS:
        return ""
    if tok.ent_type_ in _PLACE_ENTS:
        return PLACE
    if tok.ent_type_:
        return THING  # a date, a quantity, an event, a law, a work
    if tok.pos_ == "PROPN":
        return ""
    lemma = tok.lemma_.lower()
    if any(c.tag_ == "PRP$" for c in tok.children):
        return POSSESSIVE  # "his brother": typed as civilians, never written "his brother"
    if people_noun(tok.text, lemma):
        return ""
    if lemma in _place_words() or tok.lower_ in _place_words():
        return PLACE
    return THING
