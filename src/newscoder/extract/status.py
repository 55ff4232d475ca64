"""Status rules: whether a kept trigger tells an event that happened (EV135-EV205, EV480, EV484).

A trigger may tell a pattern rather than an event ("attacks have targeted ..."),
an event denied, planned, threatened or claimed, or words inside a quotation. The
extractor marks each mention; the coder drops generic mentions and quoted ones
(unless the speaker's own statement) and codes the rest with their status. Each
function returns the rule that decided, so the mention's trace names it.
"""

from __future__ import annotations

from spacy.tokens import Token

from newscoder.extract.arguments import Phrase
from newscoder.extract.sides import hyphened_sides
from newscoder.extract.syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, resolve_relative
from newscoder.extract.triggers import is_event_noun, lemma_trigger, trigger_lexicon
from newscoder.families import is_violent
from newscoder.lexicon import words
from newscoder.nlp.cache import ents_in
from newscoder.registry import Kind, Rule, Stage, declare, fire

E = Stage.EXTRACT

PATTERN_NOUN = declare(
    "EV135", "pattern-noun", E, Kind.VETO,
    "attacks told as a pattern ('a steady drumbeat of attacks') are not events",
)  # fmt: skip
GENERIC_PLURAL = declare(
    "EV140", "generic-plural", E, Kind.VETO,
    "a plural event noun without a number ('attacks on farmers') describes a pattern, "
    "not an event",
)  # fmt: skip
TOLD_AS_PAST = declare(
    "EV145", "told-as-past", E, Kind.KEEP,
    "a plural event noun told as something that happened ('clashes erupted', 'protests "
    "on 1 May') is an event",
)  # fmt: skip
HABITUAL = declare(
    "EV150", "habitual-modifier", E, Kind.VETO,
    "'frequent', 'repeated' or 'recent' attacks are a pattern, not one event",
)  # fmt: skip
GENERIC_SUBJECT = declare(
    "EV155", "generic-subject", E, Kind.VETO,
    "a verb whose subject is a plural event noun ('attacks have killed hundreds') tells "
    "a pattern",
)  # fmt: skip
GENERIC_OBJECT = declare(
    "EV160", "generic-object", E, Kind.VETO,
    "'have carried out attacks': a plural event object not told as past is a pattern",
)  # fmt: skip
NEGATED = declare(
    "EV165", "negated", E, Kind.REFINE,
    "a negated trigger ('did not attack', 'nobody was arrested', 'failed to arrest') is coded "
    "with status negated",
)  # fmt: skip
FUTURE = declare(
    "EV170", "future", E, Kind.REFINE,
    "a trigger with 'will' or 'shall' ('will march on Friday') is planned",
)  # fmt: skip
MODAL = declare(
    "EV172", "modal", E, Kind.REFINE,
    "a trigger or its verb under 'would', 'might', 'must' or 'will' ('would court arrest') "
    "is planned; 'may have killed' stays",
)  # fmt: skip
PLANNING_NOUN = declare(
    "EV175", "planning-noun", E, Kind.REFINE,
    "an event governed by a plan or a permission ('the campaign to liberate Mosul', "
    "'preparation for the offensive', 'denied permission for a rally') is planned",
)  # fmt: skip
THREATENED = declare(
    "EV180", "threatened", E, Kind.REFINE,
    "an event threatened or feared ('vowed to attack', 'fearing new attacks') is threatened",
)  # fmt: skip
REQUESTED = declare(
    "EV177", "requested", E, Kind.REFINE,
    "an act demanded ('demanded the arrest of') has not happened: planned; a demand "
    "about a past act leaves it alone",
)  # fmt: skip
PLANNED_VERB = declare(
    "EV185", "planned-verb", E, Kind.REFINE,
    "an event someone plans, intends or tries ('planned to attack') is planned",
)  # fmt: skip
IRREALIS_HEAD = declare(
    "EV186", "ordered-or-free-to", E, Kind.REFINE,
    "an act someone is ordered, directed, free or ready to do ('was directed to arrest the "
    "accused', 'they are free to arrest us') has not happened: planned",
)  # fmt: skip
COUNTERFACTUAL = declare(
    "EV166", "counterfactual", E, Kind.REFINE,
    "an act in a past counterfactual ('if the police had arrested him, the riot would not "
    "have happened', 'had he been detained') did not happen: negated",
)  # fmt: skip
PREVENTED = declare(
    "EV187", "prevented", E, Kind.REFINE,
    "an act foiled, thwarted or prevented ('police foiled an attack', 'prevented the mob "
    "from burning shops') did not happen: negated; not 'failed to prevent'",
)  # fmt: skip
DENIED = declare(
    "EV190", "denied", E, Kind.REFINE,
    "an event someone denies or rejects ('denied attacking the village') is denied",
)  # fmt: skip
CLAIMED = declare(
    "EV195", "claimed", E, Kind.REFINE,
    "an event told in a claim ('alleged that troops had killed') is claimed",
)  # fmt: skip
IN_QUOTE = declare(
    "EV200", "in-quote", E, Kind.VETO,
    "in a quote, what may, will or would happen, or did not, is the speaker's words, not an "
    "event ('\"they will attack us\"')",
)  # fmt: skip
QUOTED_ACCOUNT = declare(
    "EV206", "quoted-account", E, Kind.KEEP,
    "in a quote, an act told by a verb in the past is a source's account of an event "
    "('\"bombs were found,\" an officer said'); not a noun or the present (CD010)",
)  # fmt: skip
TOLD_AS_DONE = declare(
    "EV484", "told-as-done", E, Kind.KEEP,
    "a plural told in the perfect passive ('several arrests have been made', 'rallies have "
    "been held') is something done, not a pattern",
)  # fmt: skip
COURT_ARREST = declare(
    "EV480", "court-arrest", E, Kind.REFINE,
    "'court arrest' in its bare form ('will court arrest', 'or else court arrest') is an "
    "offer to be arrested, not an arrest made: planned; 'courted arrest' stays",
)  # fmt: skip
FIRST_PERSON = declare(
    "EV205", "first-person-statement", E, Kind.KEEP,
    "inside a quote the speaker's own non-violent act counts ('we strongly condemn')",
)  # fmt: skip


def is_anaphoric(tok: Token) -> bool:
    """A definite or possessed event noun ("the attack", "Friday's attack") refers back."""
    for c in tok.lefts:
        if c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}:
            return True
        if c.dep_ == "poss":
            return True
    return False


def generic_rule(tok: Token, is_noun: bool) -> Rule | None:
    """The rule that makes a trigger tell a pattern, not an event; None for an event.

    Records EV145 when a plural without a number is kept because it is told as past."""
    if is_noun:
        specific = (
            any(
                c.dep_ == "nummod" or (c.dep_ == "prep" and c.lower_ == "between")
                for c in tok.children
            )
            or hyphened_sides(tok) is not None
        )  # "three attacks", "clashes between rival clans"
        if tok.tag_ in {"NNS", "NNPS"} and not specific:
            if _of_pattern(tok):
                return PATTERN_NOUN
            if _told_as_past(tok):
                fire(TOLD_AS_PAST, "kept", tok.text, tok.idx)
            elif _told_as_done(tok):
                fire(TOLD_AS_DONE, "kept", tok.text, tok.idx)
            else:
                return GENERIC_PLURAL
        if any(c.dep_ == "amod" and c.lower_ in words("habitual_modifiers") for c in tok.children):
            return HABITUAL
        return None
    for c in tok.children:
        if c.dep_ not in SUBJECT_DEPS:
            continue
        subject = resolve_relative(c)  # "attacks ... that have offered reminders"
        if subject is not None and subject.tag_ == "NNS" and is_event_noun(subject.lemma_.lower()):
            return GENERIC_SUBJECT
    for c in tok.children:
        if (
            c.dep_ == "dobj"
            and c.tag_ == "NNS"
            and lemma_trigger(c.lemma_.lower(), "NOUN")
            and not _told_as_past(c)
        ):
            return GENERIC_OBJECT  # "have carried out attacks"; "defused IEDs on 3 May": not
    return None


def _of_pattern(tok: Token) -> bool:
    """ "a steady drumbeat of attacks and suicide bombings"; "a string of attacks that
    killed seven" stays an event (a protest may be against it)."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    of = node.head
    return (
        node.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head.lemma_.lower() in words("pattern_nouns")
    )


def _told_as_past(tok: Token) -> bool:
    """ "Clashes erupted ...", "protests on 1 May": a plural told as something that
    happened (a past-tense clause, or a dated sentence), not a pattern."""
    if _of_pattern(tok):
        return False
    verb = tok.head
    while _not_a_clause(verb) and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ == "VBD" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return True
    broke_out = words("broke_out_verbs")
    if tok.dep_ == "nsubj" and tok.head.i == verb.i and verb.lemma_.lower() in broke_out:
        return True  # "protests have broken out", "clashes have erupted"
    if (
        tok.dep_ == "nsubjpass"
        and tok.head.i == verb.i
        and any(c.dep_ == "auxpass" and c.lower_ in {"was", "were"} for c in verb.children)
    ):
        return True  # "rallies were held", "clashes were reported"
    sent = tok.sent
    dates = (e for e in ents_in(sent.doc, sent.start, sent.end) if e.label_ == "DATE")
    return any(any(ch.isdigit() for ch in e.text) for e in dates)


def _not_a_clause(verb: Token) -> bool:
    """A word the clause's verb is above: a noun, or a participle that only links
    nouns ("an operation involving airstrikes", "including air strikes")."""
    return verb.pos_ not in {"VERB", "AUX"} or (verb.tag_ == "VBG" and verb.dep_ in {"acl", "prep"})


def _told_as_done(tok: Token) -> bool:
    """ "Several arrests have been made": the subject of a perfect passive ("have / has /
    had been" + participle) tells acts done (EV484). "No arrests have been made" is left
    a pattern: nothing was done, and no event is coded for it."""
    verb = tok.head
    if tok.dep_ != "nsubjpass" or verb.tag_ != "VBN":
        return False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return False
    auxes = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if "been" not in auxes or not any(a in {"have", "has", "had", "'ve"} for a in auxes):
        return False
    # "have been held over the years", "have often been made": repeated, a pattern
    spans = words("habitual_spans")
    noun = set(range(tok.left_edge.i, tok.right_edge.i + 1))
    return not any(t.lemma_.lower() in spans for t in verb.subtree if t.i not in noun)


def _occurs(tok: Token) -> Token | None:
    """The verb an event noun is said to happen by ("the riot did not happen", "clashes
    would have broken out"), or None."""
    head = tok.head
    if tok.pos_ != "NOUN" or tok.dep_ != "nsubj" or head is tok:
        return None
    happens = head.lemma_.lower() in words("broke_out_verbs") or (
        head.lemma_.lower() == "take" and any(c.lower_ == "place" for c in head.children)
    )
    return head if happens else None


def is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    occurs = _occurs(tok)
    if occurs is not None and any(c.dep_ == "neg" for c in occurs.children):
        return True  # "the riot did not happen"
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True  # "no arrests have been made"
    subjects = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS  # "nobody attacked", "nobody was arrested"
    if any(c.dep_ in subjects and c.lower_ in words("negative_subjects") for c in tok.children):
        return True
    failing = tok.head.lemma_.lower() in words("failing_heads")
    if failing and _infinitive(tok) and tok.dep_ in {"xcomp", "advcl"}:
        return True  # "failed to arrest", "were unable to stop", "difficult to arrest"
    if _infinitive(tok) and tok.dep_ == "xcomp" and _yet(tok.head):
        return True  # "the police are yet to arrest them", "they are yet to be arrested"
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and any(
            d.dep_ == "det" and d.lower_ in {"no", "neither"} for d in c.children
        ):
            return True
    return False


def _yet(tok: Token) -> bool:
    """ "are yet to ...": what is yet to happen has not happened (EV165)."""
    return tok.lemma_.lower() == "be" and any(
        c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children
    )


def prevented(tok: Token) -> bool:
    """An act told as the object of a verb that stopped it ("foiled an attack", "averted
    a clash", "prevented the mob from burning shops"), when that verb itself happened
    (not "failed to prevent the attack", "did not prevent")."""
    node = tok
    for _ in range(3):
        head = node.head
        if head is node or node.dep_ not in {"dobj", "pobj", "prep", "pcomp"}:
            return False
        if head.lemma_.lower() in words("prevention_verbs"):
            # "clashed with police to prevent the arrest": a purpose, not a result
            purpose = _infinitive(head)
            return not purpose and not is_negated(head) and not fought_off(head)
        node = head
    return False


def fought_off(verb: Token) -> bool:
    """A prevention verb with violence hanging on it ("foiled an attack, killing five
    militants"): the attack was fought off, not prevented, and the fight is the event."""
    if verb.lemma_.lower() not in words("prevention_verbs"):
        return False
    for c in verb.children:
        if c.dep_ in {"advcl", "conj", "xcomp"}:
            spec = lemma_trigger(c.lemma_.lower(), c.pos_)
            if spec is not None and is_violent(spec.family):
                return True
    return False


def counterfactual(tok: Token) -> bool:
    """A verb of a past counterfactual conditional: the condition ("if X had arrested",
    "had X been detained") under a "would have" consequence, or that consequence."""
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head  # "if the police had come and arrested them"
    occurs = _occurs(first)
    if occurs is not None:
        first = occurs  # "... a massacre would have taken place"
    if _inverted_had(first):
        return True  # "had he been detained in Lucknow, ..." is a condition by its order
    if first.dep_ == "advcl" and _if_had(first) and _would_have(first.head):
        return True
    return _would_have(first) and any(
        c.dep_ == "advcl" and (_if_had(c) or _inverted_had(c)) for c in first.children
    )


def told_in_past(tok: Token) -> bool:
    """A verb told as done: the past tense ("police checked"), or a participle under a
    past or perfect auxiliary ("bombs were found", "he has been arrested"). Nouns
    ("the attack"), the present ("you get shot") and infinitives ("to attack") are not:
    in a quote they are as often rhetoric as report."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    if tok.tag_ == "VBD":
        return True
    auxes = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    return tok.tag_ == "VBN" and bool(auxes & words("past_auxiliaries"))


def _had(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in {"aux", "auxpass"} and c.lower_ == "had"]


def _if_had(tok: Token) -> bool:
    """ "if ... had done"."""
    return bool(_had(tok)) and any(c.dep_ == "mark" and c.lower_ == "if" for c in tok.children)


def _inverted_had(tok: Token) -> bool:
    """ "had X done": the subject right after the auxiliary (a question is rare in news;
    "hardly had X done ... when" is no condition)."""
    if any(c.lower_ in words("negative_inversion_adverbs") for c in tok.children):
        return False
    return any(
        c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.left_edge.i == had.i + 1
        for had in _had(tok)
        for c in tok.children
    )


def _would_have(tok: Token) -> bool:
    auxes = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    return "have" in auxes and bool(auxes & words("counterfactual_modals"))


def modality(tok: Token) -> tuple[str, Rule] | None:
    """("planned" | "threatened" | "claimed" | "denied", the rule), or None."""
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in {"will", "'ll", "shall"}:
            return "planned", FUTURE
    if _modal(tok) or (tok.dep_ in {"dobj", "xcomp"} and _modal(tok.head)):
        return "planned", MODAL  # "would court arrest", "might be detained"
    if tok.i > 0 and tok.lemma_.lower() == "arrest" and tok.nbor(-1).lower_ == "court":
        # the bare verb (the parser often reads it as a noun): "or else court arrest"
        return "planned", COURT_ARREST
    planning = set(trigger_lexicon()["planning_heads"])
    if tok.dep_ == "acl" and _infinitive(tok) and tok.head.lemma_.lower() in planning:
        return "planned", PLANNING_NOUN  # "the campaign to liberate Mosul"
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in planning:
        return "planned", PLANNING_NOUN  # "in preparation for the Mosul offensive"
    if _requested(tok):
        return "planned", REQUESTED  # "demanded the arrest of", "called for the release"
    node = tok
    for _ in range(3):
        head = node.head
        if head is node:
            break
        lemma = head.lemma_.lower()
        if node.dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep"}:
            feared = tok.pos_ == "NOUN" and lemma in words("feared_nouns")
            if lemma in words("threat_verbs") or feared:
                return "threatened", THREATENED  # "fearing new attacks", "the threat of attacks"
            if lemma in words("planning_verbs"):
                return "planned", PLANNED_VERB
            if node.dep_ == "xcomp" and lemma in words("irrealis_heads"):
                return "planned", IRREALIS_HEAD
            if lemma in words("deny_verbs"):
                return "denied", DENIED
            if lemma in words("claim_verbs") and node.dep_ == "ccomp":
                return "claimed", CLAIMED
        node = head
    return None


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _modal(tok: Token) -> bool:
    """A verb under "would", "might", "will" ... and no perfect "have"."""
    auxes = [c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}]
    modal = words("modal_auxiliaries") | {"will", "'ll", "shall"}
    return any(a in modal for a in auxes) and "have" not in auxes


def _requested(tok: Token) -> bool:
    """The act itself is what a request verb asks for: its object, or the object of its
    "for" / "on", or a conjunct of one ("a ban on the group and the arrest of ...")."""
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    asks = words("request_verbs")
    if first.dep_ == "dobj":
        return first.head.lemma_.lower() in asks
    if first.dep_ == "pobj" and first.head.lower_ in {"for", "on"}:
        return first.head.head.lemma_.lower() in asks
    return False


def quote_rule(family: str, actor1: Phrase | None, told_as_done: bool) -> Rule:
    """For a trigger inside a quotation: EV205 keeps the speaker's own statement, EV206
    an act told as done, EV200 drops the rest (the coder applies the same test)."""
    if not is_violent(family) and actor1 is not None and actor1.first_person:
        return FIRST_PERSON
    return QUOTED_ACCOUNT if told_as_done else IN_QUOTE
