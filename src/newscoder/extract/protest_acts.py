"""Protests told through what a crowd did (EV021, EV022; the grievance test of EV092).

Reports rarely say "protested". They say that people gathered, blocked an avenue,
occupied a school or carried out a march, and give the purpose: "to demand",
"to denounce", "against", "demanding". ACLED codes such an act as a protest when
the act is a crowd's and the purpose a grievance; the demand is the protest's
context, not a separate event. These rules find the act (EV021), keep the protest
noun a light verb holds where the parse hangs it elsewhere (EV022), and say when a
violent trigger is only the grievance a protest names (used by the veto EV092).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Token

from newscoder.extract.syntax import (
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    armed_people,
    child,
    inherited_subject,
    is_passive,
    noun_group,
    resolve_relative,
)
from newscoder.extract.triggers import (
    TriggerSpec,
    crowd_act_verbs,
    is_light,
    lemma_trigger,
)
from newscoder.families import Family
from newscoder.knowledge import GenericRole, generic_role
from newscoder.lexicon import words
from newscoder.registry import Kind, Stage, declare, fire

E = Stage.EXTRACT
_PURPOSE_DEPTH = 4  # how far below the act a purpose is looked for

COLLECTIVE_ACT = declare(
    "EV021", "collective-act-protest", E, Kind.FIND,
    "people who gather, block, occupy or surround a place to demand or oppose something, "
    "or as protesters, are protesting; forces only when they block for a demand",
    source="ACLED codebook 2023, Protests: Peaceful protest",
)  # fmt: skip
HELD_PROTEST = declare(
    "EV022", "held-protest-noun", E, Kind.KEEP,
    "'carried out a march', 'staged a protest denouncing ...': a protest noun a light verb "
    "holds is the event, however the parse hangs it (not EV035)",
    source="ACLED codebook 2023, Protests: Peaceful protest",
)  # fmt: skip

PRESS_CONFERENCE_PROTEST = declare(
    "EV570", "press-conference-protest", E, Kind.FIND,
    "a press conference held by people who are not forces or officials, to demand, "
    "denounce or oppose something, is a demonstration",
    source="ACLED codebook 2023, Protests: Peaceful protest",
)  # fmt: skip

SYMBOLIC_BURNING_PROTEST = declare(
    "EV605", "symbolic-burning-protest", E, Kind.FIND,
    "protesters, or people with a protest's purpose, who burn an effigy, a flag or a "
    "copy of a law are demonstrating (the burning itself destroys nothing: EV599)",
    source="ACLED codebook 2023, Protests: Peaceful protest",
)  # fmt: skip

_PROTEST_FAMILIES = frozenset({Family.PROTEST, Family.STRIKE})
_SPEC = TriggerSpec(Family.PROTEST, "PROTEST", "demo", finder=COLLECTIVE_ACT)
_PRESS_SPEC = TriggerSpec(Family.PROTEST, "PROTEST", "demo", finder=PRESS_CONFERENCE_PROTEST)
_SYMBOLIC_SPEC = TriggerSpec(Family.PROTEST, "PROTEST", "demo", finder=SYMBOLIC_BURNING_PROTEST)
_BURNING_VERBS = frozenset({"burn", "torch", "set"})
_CONFERENCE_KINDS = frozenset({"press", "news"})
_NEXT_SENTENCE_SUBJECTS = frozenset({"they", "protesters", "demonstrators", "participants"})
_SHOWING_VERBS = frozenset({"express", "voice", "show"})
_CALL_PREPS = frozenset({"for", "on", "upon"})


@cache
def _in_place_verbs() -> frozenset[str]:
    """Gathering and procession verbs take no object ("gathered outside the court",
    "drove slowly on the motorway"); the others take the place they block, close or
    occupy."""
    return (words("collective_act_verbs") & words("gather_verbs")) | words("procession_verbs")


def collective_act_trigger(tok: Token) -> TriggerSpec | None:
    """A crowd's act with a protest's purpose, as a PROTEST trigger (EV021, EV570)."""
    if tok.pos_ == "VERB" and _press_conference(tok):
        return _PRESS_SPEC
    symbolic = symbolic_burning_trigger(tok)
    if symbolic is not None:
        return symbolic
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in crowd_act_verbs():
        return None
    if not _acts_on_a_place(tok) or is_passive(tok):
        return None
    subject = resolve_relative(child(tok, SUBJECT_DEPS) or inherited_subject(tok))
    purpose = protest_purpose(tok)
    if subject is not None and _forces_or_officials(subject):
        # the state acting, unless its own people protest: "prison guards blocked the
        # prison's entrance to demand higher pay" (EV021)
        # a blockade or an occupation, not a meeting: "ministers gathered in Geneva to
        # condemn the coup" is no protest
        gathering = tok.lemma_.lower() in words("gather_verbs")
        own_demand = purpose is not None and purpose.pos_ == "VERB" and not gathering
        return _SPEC if own_demand else None
    protesters = subject is not None and subject.lemma_.lower() in words("protester_nouns")
    if not protesters and purpose is None:
        return None
    return _SPEC


def symbolic_burning_trigger(tok: Token) -> TriggerSpec | None:
    """Protesters burning a symbol, as a PROTEST trigger (EV605); it also claims a
    phrase trigger's head ("set fire to the flag"), which EV599 would otherwise veto
    and leave the demonstration uncoded."""
    if tok.pos_ == "VERB" and _protesters_burning_symbols(tok):
        return _SYMBOLIC_SPEC
    return None


def burnt_things(tok: Token) -> list[Token]:
    """What a burning verb burns: its object or passive subject, with their conjuncts;
    for "set fire to X", X."""
    found = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if tok.lemma_.lower() == "set":
        fire_word = next((c for c in found if c.lower_ == "fire"), None)
        if fire_word is not None:
            found.remove(fire_word)
            found += [
                g
                for prep in (*tok.children, *fire_word.children)
                if prep.dep_ == "prep" and prep.lower_ == "to"
                for g in prep.children
                if g.dep_ == "pobj"
            ]
    return [t for head in found for t in (head, *head.conjuncts)]


def burns_only_symbols(tok: Token) -> bool:
    """A burning verb ("burned", "torched", "set fire to") whose every burnt thing is a
    symbol ("effigies", "the party flag", "copies of the bill") or the burner himself."""
    return tok.lemma_.lower() in _BURNING_VERBS and _only_symbols(burnt_things(tok))


def _only_symbols(burnt: list[Token]) -> bool:
    symbols = words("symbolic_objects")
    return bool(burnt) and all(t.lemma_.lower() in symbols for t in burnt)


def _protesters_burning_symbols(tok: Token) -> bool:
    """ "Protesters burned effigies of the minister", "students burned copies of the
    law to denounce it": a demonstration (EV605); not forces, not a self-immolation."""
    if tok.lemma_.lower() not in _BURNING_VERBS or is_passive(tok):
        return False
    burnt = burnt_things(tok)
    if not _only_symbols(burnt) or any(t.lower_ in words("reflexive_pronouns") for t in burnt):
        return False
    subject = resolve_relative(child(tok, SUBJECT_DEPS) or inherited_subject(tok))
    if subject is None or _forces_or_officials(subject):
        return False
    protesters = subject.lemma_.lower() in words("protester_nouns")
    return protesters or protest_purpose(tok) is not None


def _press_conference(tok: Token) -> bool:
    """ "Members of the union held a press conference in front of city hall to demand
    ...": a group's press conference with a protest's purpose (EV570). A minister's or
    a police chief's press conference is no protest, nor one that only announces."""
    if not is_light(tok) or is_passive(tok):
        return False
    obj = child(tok, {"dobj"})
    if obj is None or obj.lemma_.lower() != "conference":
        return False
    if not any(
        c.lower_ in _CONFERENCE_KINDS for c in obj.children if c.dep_ in {"compound", "amod"}
    ):
        return False
    subject = resolve_relative(child(tok, SUBJECT_DEPS) or inherited_subject(tok))
    if subject is None or _forces_or_officials(subject) or subject.ent_type_ == "PERSON":
        return False
    return protest_purpose(tok) is not None or _purpose_below(obj)


def _purpose_below(noun: Token) -> bool:
    """A purpose hung on the conference noun ("a press conference demanding ...")."""
    for node in purpose_nodes(noun):
        against = node.dep_ == "prep" and node.lower_ == "against"
        if against and child(node, {"pobj"}) is not None:
            return True
        if node.pos_ == "VERB" and not _own_clause(node) and _purpose_verb(node):
            return True
    return False


def _acts_on_a_place(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    obj = child(tok, {"dobj"})
    if lemma in _in_place_verbs():
        if obj is not None and lemma in words("procession_verbs"):
            return obj.lower_ in words("procession_vehicles")  # "drove tractors through"
        return obj is None  # "gathered information" is no gathering
    if lemma == "take":
        return obj is not None and any(c.dep_ == "prt" and c.lower_ == "over" for c in tok.children)
    if lemma in words("prop_verbs"):
        return obj is not None and obj.lower_ in words("protest_props")  # "held placards"
    return obj is not None


def _forces_or_officials(subject: Token) -> bool:
    """Soldiers or police closing a road, ministers gathering: the state acting."""
    if armed_people(subject):
        return True
    role = _generic_role_of(subject)
    return role is not None and role.type == "State forces"


def government_people(subject: Token) -> bool:
    """Ministers, officials, a government: gathered, they meet ("ministers gathered in
    Geneva to condemn the coup"); they do not demonstrate."""
    role = _generic_role_of(subject)
    return role is not None and role.role == "government"


def _generic_role_of(subject: Token) -> GenericRole | None:
    """The generic role the subject's noun group names ("police officers", "ministers")."""
    return generic_role(" ".join(t.text for t in sorted(noun_group(subject), key=lambda t: t.i)))


def protest_purpose(tok: Token) -> Token | None:
    """The word that gives a crowd's act a protest's purpose, if any: a purpose verb
    below it ("to demand", "demanding", "as a means to denounce"), "against ...",
    "in protest / solidarity / support", the placards or banners it holds, or, for the
    main verb of a sentence, a demand the next sentence makes ("They denounced ...")."""
    for node in purpose_nodes(tok):
        if node.dep_ == "prep" and node.lower_ == "against" and child(node, {"pobj"}) is not None:
            return node
        if node.dep_ == "pobj" and node.head.lower_ == "in" and _grievance(node):
            return node
        if node.pos_ == "VERB" and not _own_clause(node) and _purpose_verb(node):
            return node
        if node.dep_ in {"pobj", "dobj"} and node.lower_ in words("protest_props"):
            return node  # "gathered with anti-war posters", "gathered holding placards"
    if tok.dep_ == "ROOT":
        return _next_sentence_purpose(tok)
    return None


def purpose_nodes(tok: Token, also: Iterable[Token] = ()) -> Iterator[Token]:
    """The words below a crowd's act ``tok`` (and the ``also`` words) a purpose can hang
    on, breadth first along ``purpose_link_deps`` and at most four deep; a clause with
    its own subject (someone else's act) is given but not walked below."""
    seen = {tok.i}
    queue: deque[tuple[Token, int]] = deque((c, 1) for c in tok.children)
    queue.extend((c, 1) for c in also)
    deps = words("purpose_link_deps")
    while queue:
        node, depth = queue.popleft()
        if node.i in seen or node.dep_ not in deps:
            continue
        seen.add(node.i)
        yield node
        if not _own_clause(node) and depth < _PURPOSE_DEPTH:
            step = 0 if _as_part_of(node) else 1  # "as part of a movement denouncing X"
            queue.extend((c, depth + step) for c in node.children)


def _as_part_of(node: Token) -> bool:
    """A word of "as part of": it adds no distance between an act and its purpose."""
    low, head = node.lower_, node.head.lower_
    return (low == "as" and any(c.lower_ == "part" for c in node.children)) or (
        (low, head) in {("part", "as"), ("of", "part")}
    )


def _own_clause(node: Token) -> bool:
    return node.pos_ == "VERB" and any(c.dep_ in SUBJECT_DEPS for c in node.children)


def _purpose_verb(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma not in words("protest_purpose_verbs"):
        return False
    told_as_purpose = (
        verb.tag_ == "VBG"
        or verb.dep_ == "xcomp"
        or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )
    if not told_as_purpose:
        return False
    obj = child(verb, {"dobj"})
    if lemma in _SHOWING_VERBS or lemma == "raise":
        return obj is not None and _grievance(obj)
    if lemma == "call":
        return any(
            (c.dep_ == "prep" and c.lower_ in _CALL_PREPS) or c.dep_ in {"xcomp", "dobj"}
            for c in verb.children
        )
    return True


def _grievance(noun: Token) -> bool:
    return noun.lemma_.lower() in words("grievance_nouns")


def _next_sentence_purpose(tok: Token) -> Token | None:
    doc = tok.doc
    end = tok.sent.end
    if end >= len(doc):
        return None
    root = doc[end].sent.root
    if root.lemma_.lower() not in words("demand_verbs") or root.pos_ != "VERB":
        return None
    subject = child(root, SUBJECT_DEPS)
    if subject is None:
        return root if root.tag_ == "VBG" else None  # "... closed the building. Demanding jobs."
    return root if subject.lower_ in _NEXT_SENTENCE_SUBJECTS else None


# --- protest nouns a light verb holds ------------------------------------------------


def held_protest_noun(tok: Token, family: Family) -> bool:
    """ "carried out a march", "took part in a march", "staged a protest denouncing
    flooded streets" (the parser made "protest" a modifier of "streets")."""
    if family not in _PROTEST_FAMILIES or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = tok.head
    if tok.dep_ == "dobj" and (is_light(head) or head.lemma_.lower() == "join"):
        held = True
    elif tok.dep_ == "pobj" and head.lower_ == "in":
        took = head.head
        held = took.lemma_.lower() == "participate" or (
            (took.lower_ == "part" and took.head.lemma_.lower() == "take")
            # "took part in a march": "in" hangs on "took", beside its object "part"
            or (took.lemma_.lower() == "take" and any(c.lower_ == "part" for c in took.children))
        )
    elif tok.dep_ in {"compound", "amod", "nmod"}:
        # "staged a protest denouncing ...", "held a sit-in in Gao town", "staged a
        # protest and blackened posters": the noun the parse hangs it on is the light
        # verb's object, and a clause or a phrase of its own sits between them.
        top = head
        while top.dep_ in {"compound", "amod", "nmod"} and top.head is not top:
            top = top.head
        held = (
            top.dep_ == "dobj"
            and is_light(top.head)
            and any(_glue(t) for t in tok.doc[tok.i + 1 : top.i])
        )
    else:
        held = False
    if held:
        fire(HELD_PROTEST, "kept", tok.text, tok.idx, f"held by {head.text!r}")
    return held


def _glue(tok: Token) -> bool:
    """A word that starts a clause or a phrase of its own (a participle, often tagged
    a noun, a preposition, a conjunction), never part of one noun phrase."""
    return tok.lower_.endswith("ing") or tok.pos_ in {"ADP", "CCONJ", "VERB"}


# --- the grievance a protest names ---------------------------------------------------

# Prepositions that attach what a protest is about: "against the killing", "over the
# murder", "justice for a man shot". Violence told in sequence ("marched after a
# colleague was killed", "because ...") is an earlier event of its own: the coder keeps
# it as the protest's cause (CD035), so it is no grievance here.
_GRIEVANCE_PREPS = frozenset({"against", "over", "for", "about"})
_RELATIVE_SUBJECTS = frozenset({"who", "that", "which"})


def protest_head(tok: Token) -> bool:
    """A protest trigger, a light verb holding one ("staged a protest"), or a crowd's
    act with a protest's purpose."""
    spec = lemma_trigger(tok.lemma_.lower(), tok.pos_)
    if spec is not None and spec.family in _PROTEST_FAMILIES:
        return tok.dep_ not in {"compound", "amod"} or tok.head.dep_ == "dobj"
    if tok.pos_ == "VERB" and is_light(tok):
        obj = child(tok, {"dobj"})
        held = lemma_trigger(obj.lemma_.lower(), "NOUN") if obj is not None else None
        if held is not None and held.family in _PROTEST_FAMILIES:
            return True
    return collective_act_trigger(tok) is not None


def names_protest_grievance(tok: Token) -> bool:
    """Whether a violent trigger only names what a protest is about: "protested
    against the killing of ...", "relatives of a man who was shot marched to demand
    justice", "gathered to denounce the attacks". Not violence at the protest
    ("a march during which police shot two", "blocked the road when police fired")."""
    node = tok
    for _ in range(10):
        head = node.head
        if head is node:
            break
        if node.dep_ in {"conj", "parataxis", "ccomp"} and node.pos_ in {"VERB", "AUX"}:
            return False  # a clause of its own
        if protest_head(head):
            return _grievance_link(node) or _describes_a_person(tok)
        node = head
    return _describes_a_person(tok)


def _describes_a_person(tok: Token) -> bool:
    """ "relatives of a man who was shot to death carried out a march": violence told in
    a relative clause of the person a protest in the same sentence is about, however
    the parse hangs the protest (long sentences often break the path between them).
    Not violence at the protest ("a march during which police fired")."""
    if not person_relative_clause(tok):
        return False
    return any(t.i not in {tok.i, tok.head.i} and protest_head(t) for t in tok.sent)


def person_relative_clause(tok: Token) -> bool:
    """ "a man who was killed last month", "people killed in the crash": the act told
    as what happened to people a noun names (a description, not a report of it)."""
    head = tok.head
    if head is tok or head.pos_ not in {"NOUN", "PROPN"} or protest_head(head):
        return False
    if tok.dep_ == "relcl":
        # "who was shot", "that was killed": the relative pronoun is the clause's subject
        return any(
            c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.lower_ in _RELATIVE_SUBJECTS
            for c in tok.children
        )
    return tok.dep_ == "acl" and tok.tag_ == "VBN"  # "a man killed in ..."


def _grievance_link(node: Token) -> bool:
    """How the part of the sentence holding the violence hangs on the protest."""
    dep = node.dep_
    if dep == "prep":
        return node.lower_ in _GRIEVANCE_PREPS
    if dep in SUBJECT_DEPS | {"dobj", "xcomp"}:
        return True  # "relatives of a man who was shot protested", "to denounce the killing"
    if dep in {"advcl", "acl"}:
        return _purpose_verb(node)  # "gathered to denounce the attacks", "a protest denouncing"
    return False
