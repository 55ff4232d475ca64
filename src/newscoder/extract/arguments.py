"""The arguments of a trigger, read off the parse: who did it (actor1) and to whom (actor2).

Subject and agent give actor1, object and "at / on / against / with" phrases give
actor2. Each argument becomes a :class:`Phrase`, the text as written with the words
the coder needs to resolve it to an actor (entity ids, nationalities, a person).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from newscoder.extract.actor_heads import PLACE, head_kind
from newscoder.extract.noun_doers import (
    joined_fight,
    light_verb_target,
    operation_doer,
    other_side,
    participle_doer,
    partner_in_next_act,
    weapon_verb_sides,
)
from newscoder.extract.sides import SIDES_HYPHENED, between, hyphened_sides
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
    stranded_of,
)
from newscoder.extract.triggers import is_light
from newscoder.knowledge import generic_role
from newscoder.lexicon import words
from newscoder.nlp.cache import ent_at, ents_in
from newscoder.registry import Kind, Stage, declare, fire

SHARED_AGENT = declare(
    "EV096", "shared-passive-agent", Stage.EXTRACT, Kind.CHOOSE,
    "'was shot and wounded by X': the agent of the last coordinated passive verb did both",
)  # fmt: skip
SHARED_PASSIVE_SUBJECT = declare(
    "EV640", "shared-passive-subject", Stage.EXTRACT, Kind.CHOOSE,
    "'were taken from their house and tortured by X': a passive participle coordinated "
    "with a passive verb shares its subject; X did it to them",
)  # fmt: skip
PHRASE_NOUN_TARGET = declare(
    "EV650", "phrase-noun-target", Stage.EXTRACT, Kind.CHOOSE,
    "'exchanged fire with the police', 'opened fire on a bus': the preposition the parse "
    "hangs on the trigger phrase's noun names the other side or the target",
)  # fmt: skip
PHRASE_TO_TARGET = declare(
    "EV725", "phrase-to-target", Stage.EXTRACT, Kind.CHOOSE,
    "a verb-and-noun trigger ('set fire', 'laid siege') done 'to' something: that is the "
    "target ('set fire to the houses')",
)  # fmt: skip
MISREAD_MAIN_CLAUSE = declare(
    "EV645", "misread-main-clause-conj", Stage.EXTRACT, Kind.CHOOSE,
    "'military forces located and seized a laboratory' read as a participle of 'forces': "
    "the verb coordinated with it, with an object, has the noun as subject",
)  # fmt: skip
SHARED_OBJECT = declare(
    "EV450", "shared-object", Stage.EXTRACT, Kind.CHOOSE,
    "'raided and burned the village', 'raided and attacked a camp': a violent verb with no "
    "object of its own shares the object of the verb coordinated with it",
)  # fmt: skip
FIRED_TOWARDS = declare(
    "EV094", "fired-towards", Stage.EXTRACT, Kind.CHOOSE,
    "'fired towards / in the direction of the positions of X': what was fired at is the target",
)  # fmt: skip
AFTER_PLACE_HINT = declare(
    "EV755", "subject-after-place-hint", Stage.EXTRACT, Kind.CHOOSE,
    "'in X municipality, Sonora, the police held ...': a name after an opening place "
    "phrase's comma is its hint; its apposition is the subject",
)  # fmt: skip
CLAUSE_DOER = declare(
    "EV620", "clause-doer", Stage.EXTRACT, Kind.CHOOSE,
    "'were killed after / when / as soldiers fired their weapons': a passive act with no "
    "agent was done by the subject of the firing or attacking clause dating it",
)  # fmt: skip
GERUND_DOER = declare(
    "EV621", "gerund-doer", Stage.EXTRACT, Kind.CHOOSE,
    "'amid shelling by the army', 'after shooting by police': a gerund event with no subject "
    "was done by the armed people or forces its 'by' phrase names",
)  # fmt: skip
GATHERED_CROWD = declare(
    "EV622", "gathered-crowd", Stage.EXTRACT, Kind.CHOOSE,
    "'a group that included relatives gathered ...' parsed as a participle: the "
    "people a gathering verb hangs on gathered: they are its actor1, not its target",
)  # fmt: skip
INCLUDED_PEOPLE = declare(
    "EV623", "included-people", Stage.EXTRACT, Kind.CHOOSE,
    "'a group that included activists and relatives', 'a group including teachers': the "
    "people the group is made of are the actor",
)  # fmt: skip
COUNTED_GROUP = declare(
    "EV097", "counted-group", Stage.EXTRACT, Kind.CHOOSE,
    "'dozens of BJP members', 'three of the soldiers': the people counted are the actor, "
    "not the count",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Phrase:
    """An argument of a mention, as written: the coder resolves it to an actor."""

    text: str
    start: int
    end: int
    head: str
    head_lemma: str
    kb_id: str | None = None
    person: str | None = None
    modifiers: tuple[str, ...] = ()  # NORP / GPE words inside ("Pakistani", "Nigeria's")
    groups: tuple[str, ...] = ()  # the NORP words only: nationalities, faiths, ethnic groups
    plural: bool = False
    pronoun: bool = False
    first_person: bool = False
    kind: str = ""  # what the head is: actor_heads.head_kind ("" for people or a group)


def verb_arguments(
    tok: Token, trigger_tokens: range, *, passive_phrase: bool
) -> tuple[Phrase | None, Phrase | None]:
    own_subject = _after_place_hint(child(tok, SUBJECT_DEPS))
    subject = resolve_relative(own_subject or inherited_subject(tok))
    passive_subject = resolve_relative(child(tok, PASSIVE_SUBJECT_DEPS))
    if passive_subject is None and tok.dep_ == "xcomp" and is_passive(tok):
        # "a man was said to be beaten": the governing verb's passive subject
        passive_subject = resolve_relative(child(tok.head, PASSIVE_SUBJECT_DEPS))
    if passive_subject is None and own_subject is None and is_passive(tok):
        # "left the office and were arrested": the shared subject is who was arrested
        passive_subject, subject = subject, None
    by = agent(tok)
    if passive_subject is None and own_subject is None and by is not None:
        passive_subject = _shared_passive_subject(tok)
    obj = resolve_relative(child(tok, {"dobj"}))
    if obj is not None and obj.i in trigger_tokens:  # "exchanged fire": fire is the trigger
        obj = None
    target = prep_object(tok, words("target_preps"))
    if target is not None and target.head.lower_ in _TOWARDS and tok.lemma_.lower() == "fire":
        _fired_at(target)  # "fired towards the positions of X"
    target = target or _direction(tok) or _phrase_target(tok, trigger_tokens)
    if passive_phrase:  # "the embassy came under fire (from X)"
        source = prep_object(tok, {"from", "by"})
        return phrase(source), phrase(subject)
    if passive_subject is not None and by is None:
        by = _shared_agent(tok) or _clause_doer(tok, passive_subject)
    if passive_subject is not None:
        if passive_subject.lemma_.lower() in words("projectile_nouns"):
            return phrase(by), phrase(target)  # "shots were fired at the embassy"
        return phrase(by), phrase(passive_subject)
    if tok.dep_ == "relcl" and subject is None:
        subject = tok.head
    if subject is None and passive_subject is None and obj is not None and by is None:
        subject = _misread_main_clause(tok)
    if tok.dep_ in {"acl"} and tok.tag_ in {"VBN", "VBD"} and obj is not None and by is None:
        # "presumed militants killed three people", "IS militants killed" ("IS" read as a
        # verb): a misparsed main clause, active.
        return phrase(tok.head), phrase(obj)
    if _gathered_crowd(tok, by, obj):  # "a group of relatives gathered in front of ..."
        return phrase(tok.head), phrase(target)
    if tok.dep_ in {"acl"} and tok.tag_ == "VBN" and by is None and obj is None:
        done_to = _object_of_misread_pair(tok)  # "men ambushed and shot a worker" (EV645)
        if done_to is not None:
            return phrase(tok.head), phrase(done_to)
    if tok.dep_ in {"acl"} and tok.tag_ == "VBN":  # "a village attacked by gunmen"
        return phrase(by), phrase(tok.head)
    if obj is None or obj.pos_ == "PRON":
        obj = target
    if obj is None and passive_subject is None:
        # "clashed and threw stones at police": the other side, before a shared object
        obj = partner_in_next_act(tok) or _shared_object(tok)
    if subject is None and passive_subject is None:
        subject = _gerund_doer(tok)  # "amid shelling by the army"
    if subject is None:  # "fighting between the army and rebels erupted"
        first, second = _sides(tok)
        return first, phrase(obj) or second
    if obj is None and (other := other_side(tok, subject)) is not None:
        return phrase(subject, coordinated=False), phrase(other)  # "X and Y clashed"
    return phrase(subject), phrase(obj)


_TOWARDS = frozenset({"towards", "toward"})


def _after_place_hint(subject: Token | None) -> Token | None:
    """ "in Nogales municipality, Sonora, the municipal police held ...": the parse makes
    the state the subject and the actor its apposition; a name right after the place of
    an opening "in X," with an apposition is the place's hint (EV755)."""
    if subject is None or subject.pos_ != "PROPN" or subject.i < 2:
        return subject
    doc = subject.doc
    before = doc[subject.i - 1]
    place = doc[subject.i - 2]
    opened = any(a.dep_ == "prep" and a.lower_ in words("place_preps") for a in place.ancestors)
    actor = child(subject, {"appos"})
    if before.text == "," and opened and actor is not None and actor.pos_ in {"NOUN", "PROPN"}:
        fire(AFTER_PLACE_HINT, "chose", actor.text, actor.idx, f"not {subject.text!r}")
        return actor
    return subject


def _shared_agent(tok: Token) -> Token | None:
    """ "a man was shot and killed by soldiers": the parse hangs "by soldiers" on
    "killed" only; the passive verb before it shares the agent."""
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ == "VBN":
            found = agent(c)
            if found is not None:
                fire(SHARED_AGENT, "chose", found.text, found.idx)
                return found
    return None


def _misread_main_clause(tok: Token) -> Token | None:
    """ "On 14 June, in X, military forces located and seized a laboratory": a sentence
    that opens with phrases may be parsed as one prepositional phrase, its subject a
    noun and its first verb a participle of it ("forces located"); the active verb
    coordinated with that participle, with an object and no agent, has the noun for
    subject (EV645), as the participle itself has (the acl reading above)."""
    head = tok.head
    if tok.dep_ != "conj" or head.dep_ != "acl" or head.tag_ not in {"VBD", "VBN"}:
        return None
    if agent(head) is not None or child(head, {"dobj"}) is not None:
        return None  # "a village attacked by gunmen and ...": what was done to it
    noun = head.head
    if noun.pos_ not in {"NOUN", "PROPN"} or head_kind(noun) != "":
        return None
    fire(MISREAD_MAIN_CLAUSE, "chose", noun.text, noun.idx, f"{noun.text} {head.text} {tok.text}")
    return noun


def _object_of_misread_pair(tok: Token) -> Token | None:
    """ "On 25 April, near X (Y), hooded men ambushed and shot a worker": the first verb
    of the misread pair (see :func:`_misread_main_clause`) is no participle either; the
    object of the active verb coordinated with it is what both were done to (EV645)."""
    noun = tok.head
    if noun.pos_ not in {"NOUN", "PROPN"} or head_kind(noun) != "":
        return None
    for conj in tok.children:
        if conj.dep_ != "conj" or conj.tag_ not in {"VBD", "VBN"} or agent(conj) is not None:
            continue
        obj = resolve_relative(child(conj, {"dobj"}))
        if obj is not None:
            fire(MISREAD_MAIN_CLAUSE, "chose", noun.text, noun.idx, f"{noun.text} {tok.text}")
            return obj
    return None


def _shared_passive_subject(tok: Token) -> Token | None:
    """ "four civilians were taken out of their house and tortured to death by soldiers":
    the parse gives the participle with the agent no subject (it has no auxiliary of
    its own, and may tag it a past tense); the passive verb it is coordinated with
    lends its subject (EV640)."""
    if tok.dep_ != "conj" or tok.tag_ not in {"VBN", "VBD"} or not is_passive(tok.head):
        return None
    found = resolve_relative(child(tok.head, PASSIVE_SUBJECT_DEPS))
    if found is not None:
        fire(SHARED_PASSIVE_SUBJECT, "chose", found.text, found.idx, f"{found.text} {tok.text}")
    return found


def _clause_doer(tok: Token, victims: Token) -> Token | None:
    """ "dozens were killed after policemen fired their weapons", "when soldiers stormed
    the house": a passive act with no agent was done by the subject of the firing or
    attacking clause that tells when it happened (EV620). Not the victims themselves
    ("three militants were killed when they attacked a post"), nor a thing ("after a
    truck struck them")."""
    marks = words("clause_doer_marks")
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in marks:
            clause = child(c, {"pcomp"}) or _stranded_clause(c)  # "after" read as a preposition
        elif c.dep_ == "advcl" and any(
            m.dep_ in {"mark", "advmod"} and m.lower_ in marks for m in c.children
        ):
            clause = c
        else:
            continue
        if clause is None or clause.pos_ != "VERB":
            continue
        lemma = clause.lemma_.lower()
        if lemma not in words("clause_doer_verbs"):
            continue
        obj = child(clause, {"dobj"})
        if lemma == "open" and (obj is None or obj.lower_ != "fire"):
            continue  # "after police opened the gates"
        doer = child(clause, SUBJECT_DEPS)
        if doer is None or head_kind(doer) != "" or doer.lemma_.lower() == victims.lemma_.lower():
            continue
        fire(CLAUSE_DOER, "chose", doer.text, doer.idx, f"{doer.text} {clause.text}")
        return doer
    return None


def _stranded_clause(prep: Token) -> Token | None:
    """ "killed after policemen fired ...", parsed with "after" left empty and "fired"
    hung elsewhere: the verb whose subject stands right after the preposition."""
    if any(True for _ in prep.children) or prep.i + 1 >= len(prep.doc):
        return None
    subject = prep.doc[prep.i + 1]
    verb = subject.head
    if subject.dep_ in SUBJECT_DEPS and verb.i > subject.i and verb.sent == subject.sent:
        return verb
    return None


def _gathered_crowd(tok: Token, by: Token | None, obj: Token | None) -> bool:
    """ "a group that included activists and relatives gathered in front of the embassy",
    parsed as a participle of "group": nobody gathers a crowd, so the people it hangs on
    gathered (EV622), not whom the act was done to ("a village attacked by gunmen")."""
    if tok.dep_ != "acl" or tok.tag_ not in {"VBN", "VBD"} or by is not None or obj is not None:
        return False
    if tok.lemma_.lower() not in words("gather_verbs") or head_kind(tok.head) != "":
        return False
    fire(GATHERED_CROWD, "chose", tok.head.text, tok.head.idx, f"{tok.head.text} {tok.text}")
    return True


def _gerund_doer(tok: Token) -> Token | None:
    """ "amid shelling by the army", "after shooting by the police": an event told by a
    gerund with no subject was done by the people its "by" phrase names, as an event
    noun's is (EV621), when they name armed people or a state's forces; not a place or a
    means ("shelling by the river")."""
    if tok.tag_ != "VBG" or tok.dep_ not in {"pcomp", "pobj"}:
        return None
    doer = prep_object(tok, {"by"})
    if doer is None or head_kind(doer) != "":
        return None
    armed = armed_people(doer) or names_force(" ".join(t.lower_ for t in noun_group(doer)))
    if not armed:
        return None  # "by members of a rival group": who they are, the default rules say
    fire(GERUND_DOER, "chose", doer.text, doer.idx, f"{tok.text} by {doer.text}")
    return doer


def _phrase_target(tok: Token, trigger_tokens: range) -> Token | None:
    """A phrase trigger that ends in its preposition ("fired from the hills towards"):
    the preposition's object, wherever the parse hangs it."""
    last = tok.doc[trigger_tokens[-1]]
    if len(trigger_tokens) < 2:
        return None
    if last.pos_ != "ADP" or last.lower_ not in words("target_preps"):
        # "exchanged fire with the police": the preposition hangs on the trigger's noun
        for i in trigger_tokens:
            if i != tok.i and (found := prep_object(tok.doc[i], words("target_preps"))):
                fire(PHRASE_NOUN_TARGET, "chose", found.text, found.idx, tok.doc[i].text)
                return found
        if last.dep_ == "dobj" and last.head.i == tok.i and (found := prep_object(tok, {"to"})):
            # "set fire to the houses", "laid siege to the town": the verb's own "to"
            fire(PHRASE_TO_TARGET, "chose", found.text, found.idx, last.text)
            return found
        return None
    return _fired_at(child(last, {"pobj"}))


def _direction(tok: Token) -> Token | None:
    """ "fired in the direction of the army's positions": what was fired at."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            way = child(c, {"pobj"})
            if way is not None and way.lemma_.lower() == "direction":
                return _fired_at(prep_object(way, {"of"}))
    return None


def _fired_at(target: Token | None) -> Token | None:
    if target is not None:
        fire(FIRED_TOWARDS, "chose", target.text, target.idx, "what was fired at")
    return target


def noun_arguments(tok: Token) -> tuple[Phrase | None, Phrase | None]:
    actor1 = None
    for c in tok.children:
        if c.dep_ == "poss" and c.ent_type_ in {"ORG", "NORP", "PERSON", "GPE"}:
            actor1 = c
        if c.dep_ == "compound" and c.ent_id_:
            actor1 = c
    if actor1 is None:
        actor1 = prep_object(tok, {"by", "from"}) or participle_doer(tok)
    head = tok.head
    if actor1 is None and tok.dep_ == "dobj" and is_light(head):
        actor1 = child(head, SUBJECT_DEPS) or inherited_subject(head)
    joined = joined_fight(tok)
    if actor1 is None and joined is not None:  # "X and Y engaged in a firefight" (EV730)
        actor1 = joined
        other = other_side(tok, joined)
        if other is not None:
            return phrase(joined, coordinated=False), phrase(other)
    if actor1 is None:
        actor1 = operation_doer(tok)  # "carried out an operation involving airstrikes"
    weapon_sides = weapon_verb_sides(tok) if actor1 is None else None
    if weapon_sides is not None:  # "hit the city with cluster munitions"
        return phrase(weapon_sides[0]), phrase(weapon_sides[1])
    after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if actor1 is None and after is not None and after.lower_ == "by" and after.dep_ == "prep":
        actor1 = child(after, {"pobj"})  # "complained of harassment by police": hung on the verb
    target = prep_object(tok, {"on", "against", "at", "targeting", "with", "in"}, want_actor=True)
    if target is None:
        target = light_verb_target(tok)
    if target is None and tok.dep_ in SUBJECT_DEPS and head.lemma_.lower() in words("impact_verbs"):
        target = child(head, {"dobj"})  # "a bomb hit the convoy"; not "a shootout took place"
    if actor1 is None:
        first, second = _sides(tok)
        return first, phrase(target) or second
    return phrase(actor1), phrase(target)


def _shared_object(tok: Token) -> Token | None:
    """ "raided and attacked a military camp": the object of the verb coordinated with a
    verb that has none, when that verb has no subject of its own (EV450)."""
    for c in tok.children:
        if c.dep_ != "conj" or c.pos_ != "VERB" or is_light(c):
            continue  # "raided and set fire to houses": the fire is no target
        if child(c, SUBJECT_DEPS) is None:
            obj = child(c, {"dobj"})
            if obj is not None:
                fire(SHARED_OBJECT, "chose", obj.text, obj.idx)
                return obj
    return None


def _sides(tok: Token) -> tuple[Phrase | None, Phrase | None]:
    """The two sides of a fight noun or verb that has no subject: hyphened before it
    ("police-VHP clash", each side one word, EV590) or after "between" (EV093)."""
    pair = hyphened_sides(tok)
    if pair is not None:
        first, second = pair
        fire(SIDES_HYPHENED, "chose", first.text, first.idx, f"{first.text}-{second.text}")
        return phrase(first, alone=True), phrase(second, alone=True)
    first_side, second_side = between(tok)
    return phrase(first_side, coordinated=False), phrase(second_side)


@cache
def _from_place() -> frozenset[str]:
    return words("place_preps") | {"from"}


def phrase(tok: Token | None, *, alone: bool = False, coordinated: bool = True) -> Phrase | None:
    """The argument headed by ``tok``: its trimmed subtree, or with ``alone`` the word
    itself (and its entity) — one side of "police-VHP", whose parse hangs the other
    side on it. Without ``coordinated`` the heads coordinated with it are left out: the
    first side of "between the army and rebels" is "the army"."""
    if tok is None:
        return None
    if tok.pos_ == "NUM" or tok.lower_ in words("quantity_words"):
        counted = prep_object(tok, {"of"})
        if counted is not None and counted.lower_ in {"whom", "which"} and tok.head.dep_ == "relcl":
            counted = tok.head.head  # "protesters, two of whom were shot": the protesters
        if counted is None or counted.pos_ not in {"NOUN", "PROPN"}:
            return None  # "killed two", "At least 14 killed": a count, not an actor
        fire(COUNTED_GROUP, "chose", counted.text, counted.idx, f"{tok.text} of {counted.text}")
        tok = counted
    tok = _included_people(tok)
    doc = tok.doc
    ent = ent_at(doc, tok.i) if tok.ent_iob_ != "O" and tok.ent_type_ else None
    tokens = {tok.i} if alone else _trimmed_subtree(tok, coordinated=coordinated) | stranded_of(tok)
    if ent is not None:
        tokens |= set(range(ent.start, ent.end))
    lo, hi = min(tokens), max(tokens) + 1
    # "suspected IS Sahel militants": a known group the parse split ("IS" as a verb).
    split = ent_at(doc, lo)
    if split is not None and split.ent_id_ and split.start < lo and split.end <= hi:
        lo = split.start
    elif lo > 0 and doc[lo - 1].pos_ in {"AUX", "VERB"}:
        split = ent_at(doc, lo - 1)  # "IS militants attacked": "IS" read as a verb
        if split is not None and split.ent_id_ and split.end == lo:
            lo = split.start
    span = doc[lo:hi]
    kb_id = None
    person = None
    modifiers: list[str] = []
    groups: list[str] = []
    in_ents: set[int] = set()
    from_place = _from_place()
    for e in ents_in(doc, lo, hi):
        in_ents.update(range(e.start, e.end))
        if e.ent_id_ and kb_id is None:
            kb_id = e.ent_id_
        elif e.label_ == "PERSON" and tok.tag_ in {"NNS", "NNPS"} and len(e) == 1:
            groups.append(e.text[:-1] if e.text.endswith("s") else e.text)  # "Fulanis"
        elif e.label_ == "PERSON" and person is None and e.start <= tok.i < e.end:
            person = e.text  # the head is the person; not "Bariba farmers" tagged PERSON
        elif e.label_ in {"NORP", "GPE"}:
            modifiers.append(e.text)
            before = doc[e.start - 1].lower_ if e.start > 0 else ""
            if (
                e.label_ == "NORP"
                and (e.start <= tok.i or before not in from_place)
                and not _after_place_prep(doc[e.start], tok)
            ):
                groups.append(e.text)  # "Fulani men", "a group of Fulani"; not "from Ogbadibo"
        elif e.label_ == "PERSON" and e.end <= tok.i and len(e) == 1:
            groups.append(e.text)  # a group word the NER took for a name ("Bariba farmers")
    groups.extend(_group_words(doc, tok, lo, hi, in_ents))
    kind = head_kind(tok)
    return Phrase(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        head=tok.text,
        head_lemma=tok.lemma_.lower(),
        kb_id=kb_id,
        person=None if kind == PLACE else person,  # "Zee Gone village" tagged PERSON
        modifiers=tuple(modifiers),
        groups=tuple(groups),
        plural=tok.tag_ in {"NNS", "NNPS"},
        pronoun=tok.pos_ == "PRON",
        first_person=tok.lower_ in words("first_person_pronouns"),
        kind=kind,
    )


def _included_people(tok: Token) -> Token:
    """ "a group that included activists and relatives", "a group including teachers":
    the people the group is made of are the actor, not the word "group" (EV623)."""
    if tok.lemma_.lower() not in words("included_group_heads"):
        return tok
    for c in tok.children:
        people = None
        if c.dep_ == "relcl" and c.lemma_.lower() in _INCLUDE:
            people = child(c, {"dobj"})
        elif c.dep_ == "prep" and c.lower_ == "including" and _right_after(tok, c):
            people = child(c, {"pobj"})
        if people is not None and people.pos_ in {"NOUN", "PROPN"} and head_kind(people) == "":
            fire(INCLUDED_PEOPLE, "chose", people.text, people.idx, f"{tok.text} of {people.text}")
            return people
    return tok


_INCLUDE = frozenset({"include", "comprise"})


def _right_after(tok: Token, prep: Token) -> bool:
    """ "a group including nurses"; not ", including three officers" far after it, which
    the parse may hang on the group but names a part of other people."""
    between = tok.doc[tok.i + 1 : prep.i]
    return len(between) <= 3 and not any(t.is_punct for t in between)


def _group_words(doc: Doc, head: Token, lo: int, hi: int, in_ents: set[int]) -> list[str]:
    """Capitalised group words the NER left untagged or took for a one-word
    organisation: "Fulani gunmen", "a group of Fulani", "members of the Dendi
    community", "suspected Fulanis" (the head itself, in the plural); not a place
    after "from" or "in" ("youths from Tamou")."""
    found = []
    for tok in doc[lo:hi]:
        if not tok.is_title or generic_role(tok.text) is not None:
            continue  # "Pirates attacked ...": a capitalised role word, not a group
        if tok.i in in_ents:
            one_word = tok.ent_iob_ == "B" and (
                tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I"
            )
            if not (one_word and tok.ent_type_ in {"ORG", "PERSON", "GPE"} and not tok.ent_id_):
                continue
        elif tok.i == tok.sent.start or not (
            tok.pos_ == "PROPN" or (tok.i == head.i and tok.tag_ == "NNS")
        ):
            continue
        if tok.i == head.i:
            if tok.tag_ in {"NNS", "NNPS"}:
                found.append(tok.text[:-1] if tok.lower_.endswith("s") else tok.text)
            continue
        member = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == head.i
        if member and head.lemma_.lower() in words("resident_nouns"):
            continue  # "residents of Kivalu": where they live, not who they are
        # A word naming the head ("Fulani gunmen") or its community ("members of the
        # Dendi community"); not one naming something else ("students of the Mwangaza
        # school": the school's name).
        names_head = tok.head.i == head.i or tok.head.lemma_.lower() in words("community_words")
        modifier = tok.dep_ in {"compound", "nmod", "amod"} and names_head
        if (modifier or member) and not _after_place_prep(tok, head):
            found.append(tok.text)
    return found


def _after_place_prep(tok: Token, head: Token) -> bool:
    node = tok
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in _from_place() | {"in", "at", "near"}:
            pobj = child(node, {"pobj"})
            # "members from the Fulani community" names a group, not a place.
            return pobj is None or pobj.lemma_.lower() not in words("community_words")
        node = node.head
    return False


def _place_tail(node: Token, head: Token) -> bool:
    """A place phrase after the head ("in Kandi", "near the market"), outside any
    name the NER found ("Islamic State in Iraq"): the actor's whereabouts, not its name."""
    if node.dep_ != "prep" or node.i < head.i or node.ent_iob_ != "O":
        return False
    pobj = child(node, {"pobj"})
    if pobj is None or pobj.ent_iob_ == "I":
        return False
    if node.lower_ in words("place_preps"):  # "in Kandi" (even when the NER calls it an ORG)
        return pobj.pos_ == "PROPN" or head_kind(pobj) == PLACE
    return node.lower_ == "on" and head_kind(pobj) == PLACE  # "on Mirama hill"


def _sentence_adjunct(prep: Token, head: Token) -> bool:
    """A phrase the parse hung on a noun before it that opens the sentence instead: a
    date ("On 15 June, youths ..."), or any phrase a comma parts from the noun ("in the
    north of X, military forces ..."); no phrase before a noun is part of its name."""
    if any(c.ent_type_ in {"DATE", "TIME"} for c in prep.children):
        return True
    return any(t.text == "," for t in prep.doc[prep.right_edge.i + 1 : head.i])


def _trimmed_subtree(tok: Token, *, coordinated: bool = True) -> set[int]:
    cut = words("actor_cut_deps")
    keep = {tok.i}
    # Without the coordinated heads, nothing from the first "and" on: "police and
    # villagers in X" is "police".
    limit = len(tok.doc)
    if not coordinated:
        limit = min((c.i for c in tok.rights if c.dep_ in {"cc", "conj"}), default=limit)
    stack = [c for c in tok.children if c.dep_ not in cut and c.i < limit]
    while stack:
        node = stack.pop()
        if node.dep_ in {"relcl", "acl", "advcl", "appos", "punct", "cc"}:
            continue
        if node.dep_ == "prep" and node.i < tok.i and _sentence_adjunct(node, tok):
            continue  # "On 15 June, a number of youths ...": the date the parse hung on them
        if _place_tail(node, tok):
            continue  # "a member of the party in Kandi": where they were, not who
        if node.dep_ == "conj" and node.head.i == tok.i:
            keep.add(node.i)  # "two employees and four civilians": keep coordinated heads
        keep.add(node.i)
        stack.extend(node.children)
    # Phrases are contiguous; fill gaps the parse left out.
    return set(range(min(keep), max(keep) + 1))
