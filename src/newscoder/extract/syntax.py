"""Small readings of the dependency parse shared by the event modules.

Who is the subject of a verb (through relative pronouns, coordination and purpose
clauses), its agent, the object of a preposition, a noun with its own modifiers,
whether a noun names armed people, and whether a phrase names a state's forces.
Pure functions over spaCy tokens and their text.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from newscoder.lexicon import word_pattern, words

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}


def child(tok: Token, deps: set[str]) -> Token | None:
    """The first child with one of ``deps``; a date, time or place unit only when no
    other has one (a fronted date or place the parse made a second subject: "29 May
    ..., troops were sent", "(X township, Y district), the military fired")."""
    setting = None
    found = None
    for c in tok.children:
        if c.dep_ in deps:
            if c.ent_type_ in _TIME_ENTITIES or c.lower_ in words("place_units"):
                setting = setting or c
            elif found is None:
                found = c
            elif _fronted(found, c):
                # "in El Estor, Izabal, the military detained": the name set off by a
                # comma before another subject is a fronted place, not the doer
                found = c
    return found or setting


def _fronted(first: Token, second: Token) -> bool:
    """``first`` ends with a comma just before ``second`` begins, both before the verb."""
    doc = first.doc
    end = first.right_edge.i
    comma = end if doc[end].text == "," else end + 1
    return (
        first.pos_ == "PROPN"
        and comma < second.left_edge.i
        and doc[comma].text == ","
        and second.i < second.head.i
    )


_TIME_ENTITIES = frozenset({"DATE", "TIME"})


def is_passive(tok: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in tok.children)


def resolve_relative(tok: Token | None) -> Token | None:
    """A relative pronoun stands for the noun its clause modifies ("the attack, which ...")."""
    if tok is not None and tok.lower_ in {"which", "that", "who", "whom"}:
        node = tok.head
        if node.dep_ == "relcl" and node.head is not node:
            return node.head
    return tok


def inherited_subject(tok: Token) -> Token | None:
    """A coordinated verb without a subject shares its head's ("arrived and exchanged fire");
    an open complement takes its governor's ("would no longer abide by")."""
    node = tok
    for _ in range(4):
        participle = node.dep_ == "advcl" and node.tag_ == "VBG"
        # "blocked a road to protest the vote": a purpose clause shares the subject.
        purpose = node.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        )
        if (node.dep_ in {"conj", "xcomp"} or participle or purpose) and node.head is not node:
            node = node.head
            found = child(node, SUBJECT_DEPS)
            if found is not None:
                return found
        elif (
            node.dep_ == "acl" and node.head.dep_ == "ROOT" and node.head.pos_ in {"NOUN", "PROPN"}
        ):
            # "Some traders bound and beat a man": a sentence with no main verb
            # is a main verb misread as a relative clause of its subject.
            return node.head
        else:
            return None
    return None


def agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            return child(c, {"pobj"})
    return None


def prep_object(
    tok: Token, preps: set[str] | frozenset[str], *, want_actor: bool = False
) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            pobj = child(c, {"pobj"})
            if pobj is None:
                continue
            if want_actor and c.lower_ == "in":
                continue  # "attack in Kabul" names a place, not a target
            if pobj.ent_type_ in {"DATE", "TIME"}:
                continue  # "the attack on Friday" names a time
            return pobj
    return None


def noun_group(head: Token) -> list[Token]:
    """A noun with its own modifiers, without clauses hung on it ("the blockade,
    enforced by the alliance" is the blockade)."""
    return [head] + [c for c in head.children if c.dep_ in {"amod", "compound", "nummod", "det"}]


def armed_people(subject: Token | None) -> bool:
    """Whether a subject names armed people ("ten armed men", "JNIM fighters", a
    known armed group), not a thing ("a shutdown was observed")."""
    if subject is None:
        return False
    near = noun_group(subject)
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    for pobj in of.children if of is not None else ():
        near.extend(noun_group(pobj))  # "members of an armed group"
    words = " ".join(t.lower_ for t in near)
    return bool(word_pattern("armed_movers", 0).search(words)) or any(t.ent_id_ for t in near)


# The word lists a phrase naming a state's forces is read with (names_force).
ForceNouns = Literal["state_force_nouns", "restricting_forces"]


def definite_reference(
    text: str, heads: str, determiners: frozenset[str] = frozenset({"the"})
) -> bool:
    """ "the group", "the attackers": a determiner and a head from word list ``heads``, no
    more, which names someone told before by what they are or did."""
    said = text.lower().split()
    return 0 < len(said) <= 2 and said[0] in determiners and said[-1] in words(heads)


def names_force(text: str, nouns: ForceNouns = "state_force_nouns") -> bool:
    """Whether a phrase names a state's forces ("the police", "security personnel").

    The two lists differ on purpose, and each caller keeps the one it was measured with:
    ``state_force_nouns`` (the coder's: the doers of an act told by its means, "police
    firing", so ranks and office-holders too: "sub-inspector", "jailer", "DGP") and
    ``restricting_forces`` (the extractor's: forces whose stopping, posting or raiding is a
    police act, so also "guards", "commandos", "gendarmes", "men in uniform")."""
    return bool(word_pattern(nouns).search(text))


def seen_object(tok: Token) -> Token | None:
    """What a seeing verb saw: its object, or the subject of the clause it
    governs ("saw armed men riding motorbikes")."""
    seen = child(tok, {"dobj"})
    clause = child(tok, {"ccomp"})
    if seen is None and clause is not None:
        seen = child(clause, SUBJECT_DEPS)
    return seen


def stranded_of(tok: Token) -> set[int]:
    """ "between police officers and members of a gang": the parse hangs "of a gang" on
    the first conjunct; right after a member noun that has none of its own, it is the
    member noun's (whose people they are). The tokens of that "of" phrase, or none."""
    doc = tok.doc
    if tok.lower_ not in words("member_nouns") or tok.i + 1 >= len(doc):
        return set()
    of = doc[tok.i + 1]
    if of.lower_ != "of" or of.head.i >= tok.i or prep_object(tok, {"of"}) is not None:
        return set()
    return {t.i for t in of.subtree}


def one_kind_modifier(tok: Token) -> bool:
    """What may follow one plural naming both sides of a fight: a preposition that only
    says where ("in Bangou town", "at Khulna"), or "of" rivals ("between members of rival
    gangs"); not "supporters of two leaders", who may be two kinds."""
    if tok.dep_ != "prep":
        return False
    obj = child(tok, {"pobj"})
    if obj is None:
        return False
    if tok.lower_ == "of":
        return _rival_kind(obj)
    return tok.lower_ in {"in", "at", "near"} and (
        obj.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children)
    )


def rivals(tok: Token) -> bool:
    """ "rival gangs", "members of rival gangs": a plural that names both sides of a
    fight within one kind of actor (EV655, EV685)."""
    of = prep_object(tok, {"of"})
    return _rival_kind(tok) or (of is not None and _rival_kind(of))


def _rival_kind(tok: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in words("rival_words") for c in tok.children)


def displaced_going(tok: Token) -> bool:
    """ "1,000 refugees arrived in Prague", "300 displaced persons arrived", "families
    displaced by the fighting crossed the river", "people fleeing the war crossed into
    X": displaced people going somewhere."""
    if tok.lemma_.lower() not in words("going_verbs"):
        return False
    subject = child(tok, SUBJECT_DEPS)
    if subject is None:
        return False
    if subject.dep_ == "csubj" and subject.lemma_.lower() == "flee":
        return True  # "8,000 people fleeing the war arrived": the parse's clausal subject
    displaced = any(
        c.dep_ in {"amod", "acl", "compound"} and c.lemma_.lower() in {"displace", "flee"}
        for c in subject.children
    )
    return displaced or subject.lemma_.lower() in words("displaced_people")
