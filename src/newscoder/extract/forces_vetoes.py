"""Vetoes on what forces do: stopping, compelling or pushing people, being posted, based
or camping somewhere, and harassment are police acts only when forces do them (EV580,
EV600, EV601). :mod:`.vetoes` applies them in its ``TOKEN_VETOES`` order.

Two acts are found here by phrases of ``data/triggers.json`` and kept only when forces
do them (EV612, in ``MENTION_VETOES``): forces intervening ("the police intervened",
"a police intervention", EV610) and forces taking people to hospital or
to safety ("policemen rushed the injured to hospital", EV611), and forces taking up
positions ("troops took positions around the building", EV613).
"""

from __future__ import annotations

from spacy.tokens import Token

from newscoder.extract.actor_heads import people_noun
from newscoder.extract.status import fought_off
from newscoder.extract.syntax import (
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    agent,
    armed_people,
    child,
    inherited_subject,
    is_passive,
    names_force,
    noun_group,
    prep_object,
    resolve_relative,
)
from newscoder.extract.triggers import TriggerSpec
from newscoder.families import Family
from newscoder.lexicon import words
from newscoder.registry import Kind, Stage, declare, rule

E, V = Stage.EXTRACT, Kind.VETO

FORCES_INTERVENED = declare(
    "EV610", "forces-intervened", E, Kind.FIND,
    "forces intervening ('the police intervened', 'a police intervention') is a coercive "
    "act of theirs; a court or a leader intervening is none (EV612)",
    source="PLOVER 2021: COERCE (restrict)",
)  # fmt: skip
FORCES_CARRIED_TO_SAFETY = declare(
    "EV611", "forces-took-to-safety", E, Kind.FIND,
    "forces taking, rushing or moving people to hospital, a camp or a safer place is aid "
    "they gave; relatives taking the injured to hospital are no forces (EV612)",
    source="PLOVER 2021: AID (evacuation, humanitarian)",
)  # fmt: skip
FORCES_TOOK_POSITIONS = declare(
    "EV613", "forces-took-positions", E, Kind.FIND,
    "forces taking up positions somewhere ('troops took positions around the building') are "
    "deployed there; a party taking a position on a bill is none (EV612)",
    source="PLOVER 2021: MOBILIZE (police)",
)  # fmt: skip
HELD_IN_CUSTODY = declare(
    "EV614", "remanded-or-jailed", E, Kind.FIND,
    "people remanded in custody, sent or lodged in jail, or put behind bars are held by the "
    "state: a detention (its doer, when untold, is the police)",
    source="PLOVER 2021: COERCE (arrest, detain); ACLED codebook 2023: Arrests",
)  # fmt: skip
PEOPLE_HELD = declare(
    "EV800", "people-held", E, Kind.FIND,
    "people 'held' by forces, or held with no doer told ('three youths were held for the "
    "murder'): an arrest, as the South Asian press says (EV801 vetoes the rest)",
    source="PLOVER 2021: COERCE (arrest); ACLED codebook 2023: Arrests",
)  # fmt: skip
FORCES_KEPT_VIGIL = declare(
    "EV616", "forces-kept-vigil", E, Kind.FIND,
    "forces maintaining or mounting a watch or vigil ('police maintained a strict vigil') "
    "are on guard; people holding a vigil protest",
    source="PLOVER 2021: MOBILIZE (police)",
)  # fmt: skip
FORCES_SEARCHED = declare(
    "EV626", "forces-searched", E, Kind.FIND,
    "forces conducting or carrying out searches or raids ('police conducted searches at the "
    "houses') investigate; rescuers searching for survivors do not (EV612)",
    source="PLOVER 2021: ACCUSE (investigate)",
)  # fmt: skip
FORCES_ORDERED_CLOSURE = declare(
    "EV627", "forces-ordered-closure", E, Kind.FIND,
    "forces ordering or enforcing the closure of shops, schools or roads restrict people; "
    "a court or a council doing it is no police act (EV612)",
    source="PLOVER 2021: COERCE (restrict)",
)  # fmt: skip
_FORCES_ONLY = (
    FORCES_INTERVENED,
    FORCES_CARRIED_TO_SAFETY,
    FORCES_TOOK_POSITIONS,
    FORCES_SEARCHED,
    FORCES_ORDERED_CLOSURE,
)


@rule(
    "EV580",
    "forces-restrict",
    E,
    V,
    "stopping, silencing or harassing people, being posted, based or camped somewhere: a "
    "police act only when forces do it (not 'rain stopped play')",
    source="PLOVER 2021: COERCE (restrict), MOBILIZE (police)",
)
def not_forces_restricting(tok: Token, spec: TriggerSpec) -> bool:
    if spec.family == Family.RESTRICT:
        if fought_off(tok):
            return True  # "foiled an attack, killing five": the fight is the event
        doers = _noun_doers(tok) if tok.pos_ == "NOUN" else _doers(tok)
        return not any(_forces(t) for t in doers)
    if spec.family == Family.GUARD and tok.lemma_.lower() in _STATIONED:
        # "jawans were posted at the gate", "posted 200 policemen", "men in uniform posted
        # outside", "5,000 troops are based in the town"; a notice or a video posted, a
        # firm based in Pune is none; forces "accompanying" a convoy must do the accompanying
        posted: list[Token | None] = []
        if tok.lemma_.lower() != "accompany":
            posted.append(child(tok, PASSIVE_SUBJECT_DEPS | {"dobj"}))
            if tok.dep_ == "acl":
                posted.append(tok.head)
        return not any(_forces(t) for t in [*posted, *_doers(tok)])
    return False


# Verbs that station forces somewhere: "posted at the gate", "based in the town".
_STATIONED = frozenset({"post", "base", "camp", "accompany"})
# Of those, the ones that station forces only at a place ("based in", "camping at").
_AT_A_PLACE = frozenset({"base", "camp"})
_COMPEL_VERBS = frozenset({"force", "compel"})
_PUSH_VERBS = frozenset({"push", "bundle", "drag", "shove"})


def _noun_doers(tok: Token) -> list[Token | None]:
    """Who does what a noun tells: "harassment by the police", "police harassment"; a
    "by" right after the noun is its own even when the parse hangs it on the verb."""
    doers = [prep_object(tok, {"by"}), *(c for c in tok.children if c.dep_ in {"compound", "poss"})]
    after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if after is not None and after.lower_ == "by" and after.dep_ == "prep":
        doers.append(child(after, {"pobj"}))
    return doers


@rule(
    "EV600",
    "forces-compel",
    E,
    V,
    "forcing people to do something ('forced traders to shut shops') or pushing them into a "
    "vehicle is coercion; not 'forced their way in' or 'were forced to flee'",
    source="PLOVER 2021: COERCE (restrict)",
)
def not_compelled(tok: Token, spec: TriggerSpec) -> bool:
    lemma = tok.lemma_.lower()
    if spec.family != Family.RESTRICT or lemma not in _COMPEL_VERBS | _PUSH_VERBS:
        return False
    if is_passive(tok) and not _forces(agent(tok)):
        return True  # "the police were forced to withdraw": done to them, not by them
    if lemma in _COMPEL_VERBS and _made_to_act(tok):
        return False
    return not _into_vehicle(tok)


def _made_to_act(tok: Token) -> bool:
    """ "forced the shopkeepers to close", "compelled him to sign": someone made to act."""
    if child(tok, {"dobj"}) is not None and child(tok, {"xcomp"}) is not None:
        return True
    clause = child(tok, {"ccomp", "xcomp"})
    return clause is not None and child(clause, SUBJECT_DEPS) is not None


def _into_vehicle(tok: Token) -> bool:
    """ "pushed him into a van", "bundled the leaders in the car": the preposition hangs on
    the verb or on the person pushed."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    for holder in holders:
        vehicle = prep_object(holder, {"into", "in", "inside"})
        if vehicle is not None and vehicle.lower_ in words("custody_vehicles"):
            return True
    return False


@rule(
    "EV601",
    "stationed-at-a-place",
    E,
    V,
    "being 'based' or 'camping' is a deployment only at a place ('5,000 troops are based in "
    "the town'), not 'based on' a report",
)
def not_based_somewhere(tok: Token, spec: TriggerSpec) -> bool:
    if spec.family != Family.GUARD or tok.lemma_.lower() not in _AT_A_PLACE:
        return False
    return prep_object(tok, words("locative_preps")) is None


@rule(
    "EV612",
    "forces-act-needs-forces",
    E,
    V,
    "intervening, taking people to safety or taking positions (EV610, EV611, EV613) is a "
    "police act only when its subject or agent names forces",
)
def not_forces_acting(tok: Token, spec: TriggerSpec) -> bool:
    if spec.finder not in _FORCES_ONLY:
        return False
    doers = _noun_doers(tok) if tok.pos_ == "NOUN" else _doers(tok)
    if spec.finder is FORCES_TOOK_POSITIONS:  # rebels taking positions: no deployment
        return not any(_state_forces(t) for t in doers)
    return not any(_forces(t) for t in doers)


@rule(
    "EV615",
    "custody-of-people",
    E,
    V,
    "a detention told by custody or jail (EV614) needs people held, and is none when the "
    "sentence tells the arrest itself or a prison term ('for ten years')",
)
def not_held_in_custody(tok: Token, spec: TriggerSpec) -> bool:
    if spec.finder is not HELD_IN_CUSTODY:
        return False
    held = child(tok, PASSIVE_SUBJECT_DEPS | {"dobj"}) or inherited_subject(tok)
    if held is None or not _people(held):
        return True
    sentence = tok.sent
    arrests = words("custody_arrest_words")
    if any(t.lemma_.lower() in arrests and t.dep_ != "amod" for t in sentence):
        return True  # "were arrested and sent to jail": the arrest is the event
    return any(t.lemma_.lower() in words("prison_term_words") for t in sentence)


@rule(
    "EV801",
    "held-needs-people",
    E,
    V,
    "'held' (EV800) is an arrest only of people, by forces or by no one told; not a meeting "
    "held, people held hostage, responsible or up, or held by gunmen",
)
def not_people_held(tok: Token, spec: TriggerSpec) -> bool:
    if spec.finder is not PEOPLE_HELD:
        return False
    held = child(tok, PASSIVE_SUBJECT_DEPS | {"dobj"})
    if held is None and tok.dep_ == "acl":
        held = tok.head  # "the youths, held on Monday, ..."
    elif held is None and is_passive(tok):
        held = inherited_subject(tok)
    if held is None or not _people(held) or held.lower_ in words("held_things_pronouns"):
        return True  # "the meeting which was held", "they (the exams) will be held"
    after = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    told = {c.lower_ for c in tok.children if c.dep_ in {"prt", "oprd", "xcomp", "acomp"}}
    if (told | {after}) & words("held_not_arrest") or any(
        t.lower_ in words("held_not_arrest") and t.dep_ in {"pobj", "advmod"}
        for t in tok.subtree
        if t.i > tok.i
    ):
        return True  # "held hostage", "held at gunpoint", "held for two years" (a term)
    if is_passive(tok):
        by = agent(tok)
        return by is not None and not _state_forces(by)
    return not any(_state_forces(t) for t in _doers(tok))


_HELD_SPEC = TriggerSpec(Family.ARREST, "COERCE", "arrest", finder=PEOPLE_HELD)


def held_trigger(tok: Token) -> TriggerSpec | None:
    """ "held" as a verb: an arrest trigger (EV800) for EV801 to keep or veto."""
    if tok.pos_ == "VERB" and tok.tag_ in {"VBN", "VBD"} and tok.lemma_.lower() == "hold":
        return _HELD_SPEC
    return None


def _people(tok: Token) -> bool:
    if tok.pos_ in {"PRON", "NUM"} or tok.ent_type_ in {"PERSON", "NORP"}:
        return True  # "he", "six of the accused", "Ramesh"
    return people_noun(tok.text, tok.lemma_.lower())


# --- what the vetoes read ----------------------------------------------------------


def _doers(tok: Token) -> list[Token | None]:
    """Who does what a verb tells: its subject (or the one it shares) and its agent."""
    subject = resolve_relative(child(tok, SUBJECT_DEPS)) or inherited_subject(tok)
    return [subject, agent(tok)]


def _state_forces(tok: Token | None) -> bool:
    """A noun naming a state's forces by a force noun ("troops", "CRPF jawans"), not armed
    people at large ("rebels", "gunmen")."""
    if tok is None:
        return False
    said = " ".join(t.lower_ for t in sorted(noun_group(tok), key=lambda t: t.i))
    return names_force(said, "restricting_forces")


def _forces(tok: Token | None) -> bool:
    """Whether a noun names forces ("the state police", "security personnel", "men in
    uniform", "jawans of the CRPF"), with its own modifiers and its "of" / "in" phrase."""
    if tok is None:
        return False
    near = noun_group(tok)
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}):
        for pobj in prep.children:
            near.extend(noun_group(pobj))
    said = " ".join(t.lower_ for t in sorted(near, key=lambda t: t.i))
    return names_force(said, "restricting_forces") or armed_people(tok)


@rule(
    "EV660",
    "forces-barricades",
    E,
    V,
    "barricades or roadblocks that police or soldiers put up ('Police forces erected "
    "barricades') are a security measure, not a riot",
)
def forces_barricade(tok: Token, spec: TriggerSpec) -> bool:
    if spec.family != Family.RIOT or tok.lemma_.lower() != "barricade" or tok.pos_ != "NOUN":
        return False  # "the police barricaded the road" is their act (EV625)
    erected = tok.dep_ == "dobj" and tok.head.pos_ == "VERB"  # "erected barricades"
    doers = _doers(tok.head) if erected else _noun_doers(tok)
    return any(_forces(t) for t in doers)
