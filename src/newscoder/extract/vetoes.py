"""Vetoes: the rules that drop a trigger word the lexicon matched (EV025-EV090).

``TOKEN_VETOES`` is applied, in order, to every single-token trigger; the first
veto that holds drops the trigger (so its id is the one recorded). ``MENTION_VETOES``
applies to every trigger, phrases included, once the sentence's triggers are known.
Each veto is a small named function ``(token, spec) -> bool``: True drops the trigger.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Token

from newscoder.extract.actor_heads import head_kind, people_noun
from newscoder.extract.forces_vetoes import (
    forces_barricade,
    not_based_somewhere,
    not_compelled,
    not_forces_acting,
    not_forces_restricting,
    not_held_in_custody,
    not_people_held,
)
from newscoder.extract.protest_acts import (
    COLLECTIVE_ACT,
    burns_only_symbols,
    held_protest_noun,
    names_protest_grievance,
)
from newscoder.extract.syntax import (
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    armed_people,
    child,
    displaced_going,
    inherited_subject,
    is_passive,
    noun_group,
    resolve_relative,
    seen_object,
)
from newscoder.extract.triggers import (
    GOVERNED_NOUN,
    PEOPLE_BOOKED,
    TriggerSpec,
    is_event_noun,
    lemma_trigger,
    trigger_lexicon,
)
from newscoder.families import Family, is_violent
from newscoder.knowledge import generic_role
from newscoder.lexicon import word_pattern, words
from newscoder.registry import Kind, Rule, Stage, declare, fire, rule

Veto = Callable[[Token, TriggerSpec], bool]
E, V = Stage.EXTRACT, Kind.VETO

# Families whose participle may modify a noun and still tell the event ("protesting
# teachers", "striking workers"); any other trigger used as an adjective is none.
_ADJECTIVE_EVENTS = frozenset({Family.PROTEST, Family.STRIKE})


@cache
def _striking_verbs() -> frozenset[str]:
    return words("impact_verbs") | {"bomb", "pound"}


@rule(
    "EV025",
    "date-not-event",
    E,
    V,
    "a trigger word inside a date or time ('on 20 March') is a month, not a march",
)
def in_date(tok: Token, spec: TriggerSpec) -> bool:
    return tok.ent_type_ in {"DATE", "TIME"}


@rule(
    "EV026",
    "inside-known-name",
    E,
    V,
    "a trigger word inside a known group's name ('Pyu Saw Htee': 'Saw' is no verb of seeing) "
    "is part of the name",
)
def in_known_name(tok: Token, spec: TriggerSpec) -> bool:
    doc = tok.doc
    inside = tok.ent_iob_ == "I" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")
    return bool(tok.ent_id_) and inside


@rule(
    "EV030",
    "idle-aircraft",
    E,
    V,
    "an aircraft is an event only as the subject of a striking verb ('drones hit the base', not "
    "'drones flew over')",
)
def idle_aircraft(tok: Token, spec: TriggerSpec) -> bool:
    return (
        spec.finder is GOVERNED_NOUN
        and tok.lemma_.lower() in words("aircraft_nouns")
        and not (tok.dep_ in SUBJECT_DEPS and tok.head.lemma_.lower() in _striking_verbs())
    )


@rule(
    "EV035",
    "modifier-noun",
    E,
    V,
    "an event noun that modifies another noun names no event ('riot police', 'an artillery crew')",
)
def modifier_noun(tok: Token, spec: TriggerSpec) -> bool:
    return (
        tok.pos_ in {"NOUN", "PROPN"}
        and _is_modifier(tok)
        and not held_protest_noun(tok, spec.family)
    )


@rule(
    "EV040",
    "participle-adjective",
    E,
    V,
    "a trigger used as an adjective ('the investigating officer', 'wounded soldiers') tells no "
    "event; protesting and striking do",
)
def participle_adjective(tok: Token, spec: TriggerSpec) -> bool:
    adjective = tok.dep_ == "amod" or (  # "the burning building", parsed as a compound
        tok.dep_ == "compound" and tok.tag_ in {"VBG", "VBN"} and tok.head.pos_ == "NOUN"
    )
    return adjective and spec.family not in _ADJECTIVE_EVENTS


@rule("EV045", "denied-to", E, V, "'deny ISIL a safe haven' prevents something; it rejects nothing")
def denied_to(tok: Token, spec: TriggerSpec) -> bool:
    return spec.family == Family.REJECT and _denies_something_to(tok)


@rule(
    "EV050",
    "movement-needs-armed-men",
    E,
    V,
    "seeing and going are movements of forces only when armed men are seen or go ('gunmen were "
    "spotted'); 'patrol' always is",
)
def not_a_movement(tok: Token, spec: TriggerSpec) -> bool:
    return (
        spec.family == Family.MOVEMENT
        and not _seen_or_patrolling(tok)
        and not displaced_going(tok)  # refugees arriving: displacement (EV310)
    )


@rule(
    "EV055",
    "destroyed-by-people",
    E,
    V,
    "'destroyed' codes only when people did it, not strikes or storms",
)
def not_done_by_people(tok: Token, spec: TriggerSpec) -> bool:
    return tok.lemma_.lower() in trigger_lexicon()["actor_required"] and not _done_by_people(tok)


@rule(
    "EV060",
    "damage-of-a-strike",
    E,
    V,
    "'coalition strikes destroyed a vehicle': the damage of an attack, not looting or "
    "destruction of its own",
)
def damage_of_attack(tok: Token, spec: TriggerSpec) -> bool:
    return spec.family == Family.LOOT and _damage_by_attack(tok)


@rule(
    "EV065",
    "release-frees-people",
    E,
    V,
    "'released a statement' frees nobody: a release needs prisoners, hostages or people",
)
def nobody_released(tok: Token, spec: TriggerSpec) -> bool:
    return spec.family == Family.RELEASE and not _released_people(tok)


@rule(
    "EV070",
    "displaced-need-people-leaving",
    E,
    V,
    "displacement needs people leaving their homes; 'gunmen fled' and 'left two dead' displace "
    "nobody",
)
def nobody_displaced(tok: Token, spec: TriggerSpec) -> bool:
    return spec.family == Family.DISPLACE and not _people_leaving(tok)


@rule(
    "EV075",
    "road-blocked",
    E,
    V,
    "'block' is a protest only when people (not forces) block a road or traffic; 'blocked a "
    "bill' is not",
)
def no_road_blocked(tok: Token, spec: TriggerSpec) -> bool:
    if spec.finder is COLLECTIVE_ACT:
        return False  # "blocked the access to the prison to demand ...": EV021 decided
    return tok.lemma_.lower() == "block" and not _road_blocked(tok)


@rule(
    "EV080",
    "site-closed",
    E,
    V,
    "a closure needs a school, market, border or road shut; 'closed the meeting' shuts no place",
)
def no_site_closed(tok: Token, spec: TriggerSpec) -> bool:
    return spec.family == Family.CLOSURE and not _site_closed(tok)


@rule(
    "EV082",
    "interception-needs-a-weapon",
    E,
    V,
    "'intercepted' disrupts a weapon only when a drone, missile or rocket was intercepted, "
    "not a boat or a convoy",
)
def nothing_intercepted(tok: Token, spec: TriggerSpec) -> bool:
    if tok.lemma_.lower() != "intercept":
        return False
    what = child(tok, {"dobj", "nsubjpass"})
    return what is None or what.lemma_.lower() not in words("interceptable_nouns")


@rule(
    "EV585",
    "the-accused",
    E,
    V,
    "'the accused', 'the injured', 'the detained' (a participle with an article) name "
    "people, not an accusation, a wounding or an arrest",
)
def the_accused(tok: Token, spec: TriggerSpec) -> bool:
    return (
        spec.family in _PARTICIPLE_PEOPLE
        and tok.tag_ == "VBN"
        and any(c.dep_ == "det" for c in tok.children)
        and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children)
    )


# Families whose participle with an article names people: "the accused", "the injured".
_PARTICIPLE_PEOPLE = frozenset({Family.ACCUSE, Family.KILL, Family.ARREST})


@rule(
    "EV085",
    "attribution-only",
    E,
    V,
    "'claimed responsibility' attributes an event told elsewhere; it codes nothing itself",
)
def attribution_only(tok: Token, spec: TriggerSpec) -> bool:
    return spec.plover is None


@rule(
    "EV597",
    "booked-needs-people",
    E,
    V,
    "'booked for' is a case only when people are booked ('booked ten people for rioting'); "
    "tickets or rooms booked are none",
)
def nobody_booked(tok: Token, spec: TriggerSpec) -> bool:
    if spec.finder is not PEOPLE_BOOKED:
        return False
    booked = child(tok, {"dobj", "nsubjpass"})
    return booked is None or not _people(booked)


def _people(tok: Token) -> bool:
    if tok.ent_type_ in {"PERSON", "NORP"} or tok.pos_ == "NUM":
        return True  # "booked Ramesh", "booked ten for rioting"
    return people_noun(tok.text, tok.lemma_.lower())


@rule(
    "EV090",
    "passive-request",
    E,
    V,
    "a passive request ('reporters will be called on to ask') demands nothing",
)
def passive_request(tok: Token, spec: TriggerSpec) -> bool:
    return spec.family == Family.REQUEST and any(c.dep_ == "auxpass" for c in tok.children)


@rule(
    "EV092",
    "protest-grievance",
    E,
    V,
    "violence a protest names as its grievance ('marched against the killing of', 'relatives "
    "of a man shot gathered') is the protest's cause, not an event",
)
def protest_grievance(tok: Token, spec: TriggerSpec) -> bool:
    return is_violent(spec.family) and names_protest_grievance(tok)


@rule(
    "EV350",
    "dated-past-event",
    E,
    V,
    "violence named with its year ('the 2015 shootings', 'the 1994 genocide') is a past event "
    "the report recalls, not one it tells",
)
def dated_past_event(tok: Token, spec: TriggerSpec) -> bool:
    return (
        is_violent(spec.family)
        and tok.pos_ in {"NOUN", "PROPN"}
        and any(
            c.dep_ in {"compound", "nummod", "amod", "nmod"} and _is_year(c) for c in tok.children
        )
    )


@rule(
    "EV591",
    "charged-offence",
    E,
    V,
    "the offence someone is charged with, arrested or sentenced for ('charged with murder', "
    "'booked for rioting') is the charge, not an event the report tells",
)
def charged_offence(tok: Token, spec: TriggerSpec) -> bool:
    if not (is_violent(spec.family) or spec.family == Family.RIOT):
        return False
    return charged_with(tok)


_CHARGE_PREPS = frozenset({"for", "with", "of", "over"})
_CHARGE_CLIMB = frozenset(
    {"pobj", "pcomp", "xcomp", "acl", "relcl", "compound", "conj", "amod", "nmod"}
)


def charged_with(tok: Token) -> bool:
    """ "charged with murder", "arrested for rioting", "a case of attempt to murder",
    "convicted three men of murder": the trigger, or the noun it hangs on, is the object of
    a charge word's "for / with / of" (or of its object's)."""
    node = tok
    for _ in range(4):
        # "accused of carrying out explosions": the act's object under a charge's gerund
        done = node.dep_ == "dobj" and node.head.dep_ == "pcomp"
        if not (node.dep_ in _CHARGE_CLIMB or done) or node.head.i == node.i:
            return False
        prep = node.head
        if node.dep_ in {"pobj", "pcomp"} and prep.lower_ in _CHARGE_PREPS:
            charged = prep.head
            # "arrested a man, accusing him of": the arrest's charge
            accused = charged.lemma_.lower() == "accuse" and (
                charged.dep_ in {"acl", "amod"}
                or (charged.dep_ == "advcl" and _charge_word(charged.head))
            )
            held = charged.lemma_.lower() == "hold" and prep.lower_ == "for"  # EV800's arrest
            if (
                _charge_word(charged)
                or accused
                or held
                or _charge_link(charged)
                or (charged.dep_ in {"dobj", "nsubjpass"} and _charge_word(charged.head))
            ):
                return True
        node = prep
    return False


def _charge_link(tok: Token) -> bool:
    """ "arrested ... in connection with the riot": the link noun's "in" hangs on a charge
    word or on its object ("arrested 18 persons in connection with")."""
    link = tok.head
    if tok.lemma_.lower() not in words("charge_link_nouns") or link.lower_ != "in":
        return False
    held = link.head  # "arrested" or "arrested 18 persons in connection with"
    return _charge_word(held) or (held.dep_ in {"dobj", "nsubjpass"} and _charge_word(held.head))


def _charge_word(tok: Token) -> bool:
    heads = words("charge_heads")
    return tok.lemma_.lower() in heads or tok.lower_ in heads


@rule(
    "EV592",
    "event-hyphened-adjective",
    E,
    V,
    "an event noun hyphened to 'hit', 'affected' or 'bound' ('riot-hit areas', 'curfew-bound "
    "city') describes a place; it tells no event",
)
def hyphened_adjective(tok: Token, spec: TriggerSpec) -> bool:
    doc = tok.doc
    if tok.i + 2 >= len(doc) or tok.whitespace_:
        return False
    mark, second = doc[tok.i + 1], doc[tok.i + 2]
    return (
        mark.text in {"-", "–"}
        and not mark.whitespace_
        and second.lower_ in words("affected_by_suffixes")
    )


@rule(
    "EV598",
    "weapon-of-an-act",
    E,
    V,
    "'clashed with stones', 'attacked the police with stones': the stones are what a violent "
    "act told by its own verb was done with, not a riot of their own",
)
def weapon_of_act(tok: Token, spec: TriggerSpec) -> bool:
    if spec.family != Family.RIOT or tok.pos_ != "NOUN" or tok.dep_ != "pobj":
        return False
    prep = tok.head
    verb = prep.head
    if prep.lower_ not in {"with", "using"} or verb.pos_ != "VERB" or verb.i == prep.i:
        return False
    act = lemma_trigger(verb.lemma_.lower(), "VERB")
    return act is not None and (is_violent(act.family) or act.family == Family.RIOT)


@rule(
    "EV599",
    "symbolic-burning",
    E,
    V,
    "'burned effigies of the minister', 'set fire to copies of the law', 'set the party's "
    "flag on fire': burning a symbol is a gesture, not property destroyed",
)
def symbolic_burning(tok: Token, spec: TriggerSpec) -> bool:
    return spec.family == Family.LOOT and burns_only_symbols(tok)


def _is_year(tok: Token) -> bool:
    text = tok.text.rstrip("'’s")
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099


# fmt: off
TOKEN_VETOES: tuple[Veto, ...] = (
    in_date, in_known_name, idle_aircraft, modifier_noun, participle_adjective, denied_to,
    not_a_movement, not_done_by_people, damage_of_attack, nobody_released, nobody_displaced,
    no_road_blocked, no_site_closed, nothing_intercepted, not_compelled, not_based_somewhere,
    not_forces_restricting, the_accused, dated_past_event,
    charged_offence, hyphened_adjective, weapon_of_act, forces_barricade, not_people_held,
)
# charged_offence and nobody_displaced are in both: a phrase trigger ("accused of
# sexually harassing", "drove 300 families out of") meets only the mention vetoes.
MENTION_VETOES: tuple[Veto, ...] = (
    attribution_only, passive_request, protest_grievance, nobody_booked, symbolic_burning,
    not_forces_acting, not_held_in_custody, charged_offence, nobody_displaced,
)
# fmt: on


def first_veto(table: tuple[Veto, ...], tok: Token, spec: TriggerSpec) -> Rule | None:
    """The first veto of ``table`` that drops the trigger, or None when all keep it."""
    for veto in table:
        if veto(tok, spec):
            return veto.rule  # type: ignore[attr-defined]
    return None


# --- what the vetoes read ----------------------------------------------------------


def _is_modifier(tok: Token) -> bool:
    if tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        # "a protest march", "a demonstration march": the modifier names the event.
        return tok.head.lemma_.lower() not in words("modified_event_nouns")
    if tok.lemma_.lower() == "march" and tok.pos_ == "NOUN":
        # "a march took place" is a march, not the month; "in March 2022" is the month
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        dated = nxt is not None and (nxt.like_num or nxt.ent_type_ == "DATE")
        counted = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children)
        return (
            not (counted and not dated)
            and not any(c.dep_ in {"compound", "amod"} for c in tok.children)
            and not any(c.lower_ in words("march_modifiers") for c in tok.children)
        )
    # "conducted strikes using attack, bomber and fighter aircraft": an instrument.
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"use", "employ"}


def _denies_something_to(tok: Token) -> bool:
    objects = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
    return len(objects) >= 2 or any(c.dep_ == "dative" for c in tok.children)


def _seen_or_patrolling(tok: Token) -> bool:
    """ "were seen / spotted" (not "saw"), "patrolled", and armed men going somewhere
    ("entered the village", "passed through X"): movements of forces, not "a
    shutdown was observed"."""
    lemma = tok.lemma_.lower()
    if lemma == "patrol":
        return True
    if lemma in words("going_verbs"):
        subject = child(tok, SUBJECT_DEPS)
        if subject is None and tok.dep_ == "acl":
            subject = tok.head  # "spotted armed men travelling on motorcycles"
        if subject is None and tok.dep_ == "xcomp" and is_passive(tok.head):
            # "troops were spotted moving towards X": the ones seen are the ones going
            subject = resolve_relative(child(tok.head, PASSIVE_SUBJECT_DEPS))
        return armed_people(subject) or _forces_going(tok, subject)
    if lemma in words("seeing_verbs") and not is_passive(tok):
        # "farmers spotted thirty armed men": the armed men moved, not the farmers.
        return armed_people(seen_object(tok))
    if is_passive(tok):
        seen = resolve_relative(child(tok, PASSIVE_SUBJECT_DEPS))
        return armed_people(seen) or _forces_going(tok, seen)
    return False


FORCES_GOING = declare(
    "EV435", "forces-going", E, Kind.KEEP,
    "troops, a military convoy or tanks going somewhere ('trucks full of soldiers arrived') "
    "move as armed men do: EV050 keeps them",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip


def _forces_going(tok: Token, subject: Token | None) -> bool:
    if subject is None:
        return False
    # the subject with its modifiers and what it is "of" or "full of" ("a convoy of tanks")
    near = [t for t in subject.subtree if t.i < tok.i and t.sent == tok.sent][:12]
    found = word_pattern("force_movers", 0).search(" ".join(t.lower_ for t in near))
    if found:
        fire(FORCES_GOING, "kept", tok.text, tok.idx)
    return found is not None


def _people_leaving(tok: Token) -> bool:
    """Displacement: people fleeing or leaving their homes ("residents left their
    village", "hundreds fled to Kandi", "families were displaced"), a noun
    ("displacement", "exodus"); not "the gunmen fled" or "left two people dead"."""
    if tok.pos_ == "NOUN":
        return True
    lemma = tok.lemma_.lower()
    passive = is_passive(tok)
    subject = resolve_relative(child(tok, PASSIVE_SUBJECT_DEPS if passive else SUBJECT_DEPS))
    if subject is None and tok.dep_ == "xcomp":
        # "212 villagers were forced to flee", "the fighting forced 3,000 residents to flee"
        subject = child(tok.head, PASSIVE_SUBJECT_DEPS) or child(tok.head, {"dobj"})
    if subject is None and not passive:
        subject = inherited_subject(tok)  # "gathered their cattle and left the village"
    if subject is None and tok.dep_ in {"acl", "relcl"}:
        subject = tok.head  # "villagers fleeing the fighting"
    if lemma in words("displacing_verbs"):
        # "families were displaced", "uprooted 300 households", "drove them out of X" (EV408)
        people = subject if passive else child(tok, {"dobj"})
        return people is not None and _civilian_group(people)
    if subject is None or not _civilian_group(subject):
        return False
    homes = words("home_nouns")
    if lemma == "flee":
        # "fled their homes", "fled Kandi", "fled the fighting" (what they fled from)
        obj = child(tok, {"dobj"})
        return (
            obj is None or obj.lemma_.lower() in homes | words("insecurity") or obj.pos_ == "PROPN"
        )
    obj = child(tok, {"dobj"})  # leave, abandon, desert: a home or a named place
    return obj is not None and (obj.lemma_.lower() in homes or obj.pos_ == "PROPN")


def _civilian_group(tok: Token) -> bool:
    if armed_people(tok):
        return False
    head = tok.lemma_.lower()
    return (
        head in words("leaver_nouns")
        or tok.pos_ == "NUM"
        or (tok.like_num and tok.dep_ != "nummod")
    )


def _road_blocked(tok: Token) -> bool:
    """People (not forces) blocking a road, traffic or trains: a protest."""
    if is_passive(tok):
        return False
    obj = child(tok, {"dobj"})
    if obj is None or obj.lemma_.lower() not in words("road_nouns"):
        return False
    subject = resolve_relative(child(tok, SUBJECT_DEPS) or inherited_subject(tok))
    if subject is None or armed_people(subject):
        return False
    role = generic_role(" ".join(t.text for t in sorted(noun_group(subject), key=lambda t: t.i)))
    return role is None or role.type != "State forces"  # police or officials close roads too


def _site_closed(tok: Token) -> bool:
    """A school, market, border or road closed ("the school was closed", "schools
    closed", "shut down the border"), not "closed the meeting"."""
    if is_passive(tok):
        site = child(tok, PASSIVE_SUBJECT_DEPS)
    else:
        site = child(tok, {"dobj"}) or child(tok, SUBJECT_DEPS)  # "schools closed"
    return site is not None and site.lemma_.lower() in words("closable_sites")


def _done_by_people(tok: Token) -> bool:
    subject = child(tok, SUBJECT_DEPS) or inherited_subject(tok)
    subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    if any(is_event_noun(c.lemma_.lower()) for c in subjects):
        return False  # "five strikes destroyed ...": the strike's damage
    if subject is None or subject.pos_ == "PRON":
        return False
    edge = subject.left_edge
    if edge.lower_ in words("place_preps") and edge.dep_ not in {"quantmod", "advmod"}:
        return False  # "Near Raqqah, ...": a misparsed place ("around 800 people" are people)
    if subject.ent_id_ or subject.ent_type_ in {"PERSON", "NORP"}:
        return True
    if subject.pos_ == "NOUN" and head_kind(subject) == "":
        return True  # a noun for people or a group: "officers of the national guard"
    text = " ".join(t.text for t in subject.subtree if t.dep_ not in {"prep", "pobj"})
    return generic_role(text) is not None


def _damage_by_attack(tok: Token) -> bool:
    subject = child(tok, SUBJECT_DEPS) or inherited_subject(tok)
    if subject is not None and (
        is_event_noun(subject.lemma_.lower()) or subject.ent_type_ in {"GPE", "LOC", "FAC"}
    ):
        return True  # "Near Raqqah, four strikes engaged a unit and destroyed two vehicles"
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS and is_event_noun(c.lemma_.lower()):
            return True
        if c.dep_ == "agent" and any(is_event_noun(g.lemma_.lower()) for g in c.children):
            return True
    return False


def _released_people(tok: Token) -> bool:
    wanted = set(trigger_lexicon()["release_objects"])
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"} and (
            c.lemma_.lower() in wanted or c.ent_type_ == "PERSON"
        ):
            return True
    return tok.dep_ in {"acl", "relcl"} and tok.head.lemma_.lower() in wanted
