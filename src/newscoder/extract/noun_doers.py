"""Who did an act told through a noun another verb governs, and the sides of a fight.

"The army carried out an operation involving airstrikes": the airstrikes are the
light verb's subject's (EV665). "Russian forces hit Kharkiv with cluster munitions",
"a convoy was hit by a landmine": the weapon a verb that is no trigger of its own
tells of is the event (EV015), done by that verb's subject to its object, or to its
passive subject (EV670). "An attack carried out by militants": the participle's agent
(EV675). "Police and protesters clashed": the coordinated subjects of a reciprocal verb
are its two sides (EV685). "Separatists and soldiers engaged in a firefight": who
entered the fight the noun names are its doers (EV730). "Fired gunshots at a vehicle":
the light verb's aimed preposition names the target (EV445).
"""

from __future__ import annotations

from spacy.tokens import Token

from newscoder.extract.actor_heads import head_kind
from newscoder.extract.syntax import (
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    agent,
    child,
    inherited_subject,
    prep_object,
    rivals,
)
from newscoder.extract.triggers import instruments, is_light, lemma_trigger, trigger_lexicon
from newscoder.families import REMOTE_WEAPONS
from newscoder.lexicon import words
from newscoder.registry import Kind, Stage, declare, fire

PART_OF_OPERATION = declare(
    "EV665", "part-of-an-operation", Stage.EXTRACT, Kind.CHOOSE,
    "'the army carried out an operation involving airstrikes': the act a light verb's "
    "object includes is done by the light verb's subject",
)  # fmt: skip
WEAPON_VERB_SIDES = declare(
    "EV670", "weapon-verb-sides", Stage.EXTRACT, Kind.CHOOSE,
    "'forces hit the city with cluster munitions', 'a convoy was hit by a mine': the "
    "weapon's event is done by the verb's subject to its object or passive subject",
)  # fmt: skip
PARTICIPLE_AGENT = declare(
    "EV675", "participle-agent", Stage.EXTRACT, Kind.CHOOSE,
    "'an attack carried out by militants', 'airstrikes launched by the army': the agent "
    "of a light verb's participle after an event noun did the act",
)  # fmt: skip
RECIPROCAL_SIDES = declare(
    "EV685", "reciprocal-sides", Stage.EXTRACT, Kind.CHOOSE,
    "'police and protesters clashed', 'herders and farmers fought': the coordinated "
    "subjects of a reciprocal verb are its two sides",
)  # fmt: skip

_INCLUDING = frozenset({"involve", "include", "including", "involving"})


JOINED_FIGHT = declare(
    "EV730", "joined-fight-doers", Stage.EXTRACT, Kind.CHOOSE,
    "who 'engaged in' or 'were involved in' a fight ('a firefight', 'a shootout') are its "
    "doers; coordinated, its two sides",
)  # fmt: skip
LIGHT_VERB_TARGET = declare(
    "EV445", "light-verb-target", Stage.EXTRACT, Kind.CHOOSE,
    "'fired shots at X', 'carried out an attack against X', 'attacks targeting X': the "
    "target the parse hangs on the light verb or on 'targeting' is the event noun's",
)  # fmt: skip


def participle_doer(tok: Token) -> Token | None:
    """The agent of a light verb told as a participle after an event noun (EV675)."""
    for c in tok.children:
        if (
            c.dep_ == "acl"
            and c.tag_ == "VBN"
            and is_light(c)
            and c.lemma_.lower() not in words("decree_light_verbs")  # "a blockade enforced by"
            and (doer := agent(c)) is not None
        ):
            fire(PARTICIPLE_AGENT, "chose", doer.text, doer.idx, f"{c.text} by")
            return doer
    return None


def operation_doer(tok: Token) -> Token | None:
    """The doer of an act an operation includes (EV665), if the parse shows one."""
    held = _held_operation(tok)
    if held is None:
        return None
    doer = child(held.head, SUBJECT_DEPS) or inherited_subject(held.head)
    if doer is not None:
        fire(PART_OF_OPERATION, "chose", doer.text, doer.idx, f"via {held.text!r}")
    return doer


def _held_operation(tok: Token) -> Token | None:
    """ "carried out an operation involving airstrikes" (acl), "... including air strikes"
    (prep): the light verb's object the act is part of."""
    link = tok.head if tok.dep_ in {"dobj", "pobj"} else None
    if link is None or link.lemma_.lower() not in _INCLUDING or link.dep_ not in {"acl", "prep"}:
        return None
    held = link.head
    return held if held.dep_ == "dobj" and is_light(held.head) else None


def weapon_verb_sides(tok: Token) -> tuple[Token | None, Token | None] | None:
    """(doer, target) of a weapon noun told as the instrument ("with cluster munitions")
    or the agent ("by a landmine") of a verb; None when ``tok`` is neither (EV670)."""
    if tok.dep_ != "pobj" or tok.head.dep_ not in {"prep", "agent"}:
        return None
    link, verb = tok.head, tok.head.head
    if verb.pos_ != "VERB" or lemma_trigger(verb.lemma_.lower(), "VERB") is not None:
        return None  # "killed by police firing": the killing's own mention has its sides
    if link.dep_ == "agent" or link.lower_ == "by":
        doer, target = None, child(verb, PASSIVE_SUBJECT_DEPS)  # "was hit by a landmine"
    elif link.lower_ == "with" and _weapon(tok):  # not "charged him with murder"
        doer = child(verb, SUBJECT_DEPS) or inherited_subject(verb)
        target = child(verb, {"dobj"}) or child(verb, PASSIVE_SUBJECT_DEPS)
    else:
        return None
    if doer is None and target is None:
        return None
    shown = doer if doer is not None else target
    assert shown is not None
    fire(WEAPON_VERB_SIDES, "chose", shown.text, shown.idx, f"sides of {verb.text!r}")
    return doer, target


def _weapon(tok: Token) -> bool:
    """A weapon or its fire ("munitions", "a landmine", "rocket fire", "shelling"), not an
    act one is charged with ("murder", "assault")."""
    lemma = tok.lemma_.lower()
    if lemma in instruments() or lemma in trigger_lexicon()["governed_nouns"]["nouns"]:
        return True
    spec = lemma_trigger(lemma, "NOUN")
    return lemma in {"fire", "gunfire"} or (spec is not None and spec.family in REMOTE_WEAPONS)


def other_side(tok: Token, subject: Token) -> Token | None:
    """ "Police and protesters clashed": the subject's last conjunct is the other side of a
    reciprocal verb with no object (EV685)."""
    if tok.lemma_.lower() not in words("reciprocal_verbs"):
        return None
    if not subject.conjuncts:
        # "members of rival gangs clashed", "rival factions fought": one kind, both sides
        both = subject.tag_ in {"NNS", "NNPS"} and rivals(subject)
        if both:
            fire(RECIPROCAL_SIDES, "chose", subject.text, subject.idx, f"rival {subject.text}")
        return subject if both else None
    other = subject.conjuncts[-1]
    if prep_object(subject, {"of"}) is not None and other.pos_ == "PROPN":
        return None  # "supporters of the Awami League and the BNP": both sides supporters
    fire(RECIPROCAL_SIDES, "chose", other.text, other.idx, f"{subject.text} and {other.text}")
    return other


_AIMED = frozenset({"on", "against", "at", "targeting"})

PARTNER_IN_NEXT_ACT = declare(
    "EV735", "clash-partner-in-next-act", Stage.EXTRACT, Kind.CHOOSE,
    "'villagers clashed and threw stones at the police': whom the next act of the same "
    "subjects aims at is the other side of a clash that names none",
)  # fmt: skip


def partner_in_next_act(tok: Token) -> Token | None:
    """ "locals clashed and pelted stones at police": the people a reciprocal verb's
    coordinated act hits or aims at are its other side (EV735)."""
    if tok.lemma_.lower() not in words("reciprocal_verbs"):
        return None
    for act in tok.conjuncts:
        if act.i < tok.i or act.pos_ != "VERB" or child(act, SUBJECT_DEPS) is not None:
            continue  # a verb with its own subject tells another act
        partner = prep_object(act, _AIMED) or child(act, {"dobj"})
        if partner is not None and head_kind(partner) == "":  # people, not "stones"
            fire(PARTNER_IN_NEXT_ACT, "chose", partner.text, partner.idx, act.text)
            return partner
    return None


def joined_fight(tok: Token) -> Token | None:
    """ "rebels and soldiers engaged in a firefight", "two gangs were involved in a
    shootout": whoever entered the fight the noun names is its doer (EV730)."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "in":
        return None
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in words("fight_entry_verbs"):
        return None
    doer = child(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) or inherited_subject(verb)
    if doer is not None:
        fire(JOINED_FIGHT, "chose", doer.text, doer.idx, tok.text)
    return doer


def light_verb_target(tok: Token) -> Token | None:
    """ "fired gunshots at a vehicle", "attacks targeting soldiers" (EV445)."""
    found = None
    if tok.dep_ == "dobj" and is_light(tok.head):
        found = prep_object(tok.head, _AIMED, want_actor=True)
    for c in tok.children:
        if found is None and c.dep_ == "acl" and c.lemma_.lower() == "target":
            found = child(c, {"dobj"})
    if found is not None:
        fire(LIGHT_VERB_TARGET, "chose", found.text, found.idx)
    return found
