"""Event mentions from triggers and the dependency parse.

A trigger (a lemma or a phrase from ``data/triggers.json``, :mod:`triggers`) anchors
a mention; the vetoes (:mod:`vetoes`) drop trigger words that tell no event; the
arguments come from the parse (:mod:`arguments`); the refinements (:mod:`refine`)
rewrite roles and families; the status rules (:mod:`status`) mark patterns,
negations, plans, threats and quotations. Every step records the rule that decided
(``newscoder.registry.fire``), so ``newscoder explain`` can show each trigger's path.
This is the only module that turns spaCy tokens into event values; it hands the
coder plain ``Mention`` values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

# isort: off
# The rule modules in the order they apply (triggers, vetoes, refinements, status): the
# registry lists rules in the order their modules are first imported.
from newscoder.extract.triggers import (
    CROWD_CONTROL_MUNITION,
    HEAVY_WEAPONS,
    LABOUR_STRIKE,
    PhraseHits,
    TriggerSpec,
    candidates,
    crowd_control,
    heavy_weapon,
    instruments,
    is_event_noun,
    light_verbs,
    phrase_hits,
    specificity,
    token_trigger,
)
from newscoder.extract.protest_acts import (
    collective_act_trigger,
    person_relative_clause,
    symbolic_burning_trigger,
)
from newscoder.extract.forces_vetoes import held_trigger
from newscoder.extract.vetoes import MENTION_VETOES, TOKEN_VETOES, first_veto
from newscoder.extract.refine import refine_family, refine_roles
from newscoder.extract.status import (
    COUNTERFACTUAL,
    NEGATED,
    PREVENTED,
    generic_rule,
    is_anaphoric,
    counterfactual,
    is_negated,
    told_in_past,
    modality,
    prevented,
    quote_rule,
)

# isort: on
from newscoder.extract.arguments import Phrase, noun_arguments, verb_arguments
from newscoder.extract.issue import protest_issue
from newscoder.extract.regions import paragraph_of, paragraph_starts, quote_regions
from newscoder.extract.syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, child
from newscoder.families import PROTEST_OR_STRIKE, Family
from newscoder.lexicon import words
from newscoder.nlp.cache import doc_ents, doc_sents, doc_text
from newscoder.nlp.pipeline import is_label
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.types import Span

__all__ = [
    "Mention",
    "Phrase",
    "doc_ents",
    "doc_text",
    "find_mentions",
    "instruments",
    "is_event_noun",
    "light_verbs",
    "paragraph_of",
    "paragraph_starts",
    "quote_regions",
    "specificity",
]

# Mentions whose issue is read: protests and strikes, and the demands (CD095) that
# join them as their context.
_ISSUE_FAMILIES = PROTEST_OR_STRIKE | {Family.REQUEST}

NOUN_WEAPON = declare(
    "EV212", "event-noun-weapon", Stage.EXTRACT, Kind.FIND,
    "an event noun's weapon is the one it names ('a mine attack', 'an attack with "
    "rockets'), not any weapon of its sentence",
    source="ACLED codebook 2023, Explosions/Remote violence",
)  # fmt: skip
NOT_A_WEAPON = declare(
    "EV210", "not-a-weapon", Stage.EXTRACT, Kind.VETO,
    "a weapon word that names no weapon here ('a septic tank', 'a gold mine', 'commit "
    "suicide') types no event",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mention:
    family: Family
    plover: str | None
    mode: str | None
    trigger: str
    trigger_span: Span
    sentence: Span
    paragraph: int
    actor1: Phrase | None
    actor2: Phrase | None
    is_noun: bool
    anaphoric: bool
    generic: bool
    negated: bool
    modality: str | None  # "planned" | "threatened" | "claimed" | "denied"
    in_quote: bool
    # In a quote, an act told as done by a verb in the past (EV206): a source's account.
    quote_account: bool = False
    instruments: tuple[str, ...] = ()
    token_i: int = 0
    governor_token: int | None = None  # token index of the governing trigger
    # Character ranges where the event's own date and place may be read: the
    # trigger's clause without the attacker's phrase ("militants in Afghanistan
    # ended ..." says where the militants are, not where the event was).
    scope: tuple[tuple[int, int], ...] = ()
    # What a protest is about ("over the sale of the airline"): extract/issue.py.
    issue: Span | None = None
    # The trigger's whole clause, its subject's phrase too ("relatives of a man who was
    # shot marched"): what a protest holds (coding/assembly.py, CD440).
    clause: Span | None = None
    # Told as what happened to people a noun names ("people killed in the crash").
    describes: bool = False
    # Told in an "after"/"following" adjunct of another trigger ("arrested two men after
    # the blast"): what came before the clause's event, not the report's event (CD455).
    antecedent: bool = False

    @property
    def one_phrase_both_sides(self) -> bool:
        """ "a shoot-out between unknown shooters": one plural is both sides (EV655)."""
        a, b = self.actor1, self.actor2
        return a is not None and b is not None and (a.start, a.end) == (b.start, b.end)


def find_mentions(doc: Doc, *, skip: Iterable[Span] = ()) -> list[Mention]:
    """Every event mention in ``doc`` outside the ``skip`` spans, in text order."""
    skip_ranges = [(s.start, s.end) for s in skip]
    text = doc_text(doc)
    pstarts = paragraph_starts(text)
    quotes = quote_regions(text)
    hits = phrase_hits(doc)
    mentions: list[Mention] = []
    for sent in doc_sents(doc):
        if any(a <= sent.start_char and sent.end_char <= b for a, b in skip_ranges):
            continue
        if any(a < sent.end_char and sent.start_char < b for a, b in skip_ranges):
            continue
        if is_label(sent):
            continue  # "Looting:" names a category; the sentence after it tells the event
        mentions.extend(_sentence_mentions(doc, sent, hits, pstarts, quotes))
    return mentions


def _found(tok: Token, spec: TriggerSpec, text: str, start: int) -> None:
    fire(spec.finder, "found", text, start, str(spec.was or spec.family))
    if spec.was is not None:
        fire(spec.rewrite or LABOUR_STRIKE, "rewrote", text, start, f"{spec.was} -> {spec.family}")


def _sentence_mentions(
    doc: Doc,
    sent: SpacySpan,
    hits: PhraseHits,
    pstarts: Sequence[int],
    quotes: Sequence[tuple[int, int]],
) -> list[Mention]:
    found: list[tuple[Token, TriggerSpec, int, int]] = []
    covered: set[int] = set()
    for i in sorted(i for i in hits if sent.start <= i < sent.end):
        spec, start, end = hits[i]
        spec = symbolic_burning_trigger(doc[i]) or spec
        span = doc[start:end]
        _found(doc[i], spec, span.text, span.start_char)
        found.append((doc[i], spec, start, end))
        covered.update(range(start, end))
    for i in candidates(doc, sent.start, sent.end):
        if i in covered:
            continue
        tok = doc[i]
        spec = collective_act_trigger(tok) or token_trigger(tok) or held_trigger(tok)
        if spec is None:
            continue
        _found(tok, spec, tok.text, tok.idx)
        veto = first_veto(TOKEN_VETOES, tok, spec)
        if veto is not None:
            fire(veto, "vetoed", tok.text, tok.idx, str(spec.family))
            continue
        found.append((tok, spec, tok.i, tok.i + 1))
    found.sort(key=lambda item: item[0].i)
    heads = {tok.i: n for n, (tok, _, _, _) in enumerate(found)}
    killings = {tok.i for tok, spec, _, _ in found if spec.family == Family.KILL}
    mentions = []
    for tok, spec, start, end in found:
        veto = first_veto(MENTION_VETOES, tok, spec)
        if veto is not None:
            fire(veto, "vetoed", doc[start:end].text, doc[start].idx, str(spec.family))
            continue
        governor = _governor(tok, heads, sent)
        mention = _mention(doc, sent, tok, spec, start, end, governor, pstarts, quotes)
        mentions.append(replace(mention, antecedent=_antecedent(tok, heads, killings)))
    return mentions


_ANY_SUBJECT = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS


def _antecedent(tok: Token, heads: dict[int, int], killings: set[int]) -> bool:
    """Whether ``tok`` is told in an adjunct opened by "after" or "following" below
    another trigger of its sentence ("detained two farmers after gunmen attacked them",
    "detained after the explosion") whose clause tells its doer; not below a killing,
    whose "after" tells how the victim died ("killed after he was beaten").
    """
    marks = words("antecedent_words")
    node = tok
    opened = False
    for _ in range(8):
        if node.dep_ == "prep" and node.lower_ in marks:
            opened = True
        elif node.pos_ == "VERB" and child(node, _ANY_SUBJECT) is None:
            return False  # "detained him after beating him": the same doer's one act
        elif any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            opened = True
        if node.head is node:
            return False
        node = node.head
        if node.i in heads:
            # The main clause tells its doer ("soldiers arrested ..."); "was arrested
            # following an exchange of fire" tells one episode, the violence first.
            told = child(node, SUBJECT_DEPS | {"agent"}) is not None
            return opened and told and node.i not in killings
    return False


def _governor(tok: Token, heads: dict[int, int], sent: SpacySpan) -> int | None:
    """Token index of a trigger that syntactically dominates ``tok`` in its clause chain."""
    node = tok
    for _ in range(6):
        if node.head is node or node.dep_ in {"ROOT"}:
            return None
        if node.dep_ in {"conj", "ccomp", "parataxis"} and node.pos_ == "VERB":
            return None  # a coordinated or reported clause is an event of its own
        node = node.head
        if node.i in heads and node.i != tok.i:
            return node.i
    return None


def _mention(
    doc: Doc,
    sent: SpacySpan,
    tok: Token,
    spec: TriggerSpec,
    start: int,
    end: int,
    governor: int | None,
    pstarts: Sequence[int],
    quotes: Sequence[tuple[int, int]],
) -> Mention:
    is_noun = tok.pos_ in {"NOUN", "PROPN"}
    if is_noun:
        actor1, actor2 = noun_arguments(tok)
    else:
        own = range(start, tok.i + 1) if spec.keeps_object else range(start, end)
        actor1, actor2 = verb_arguments(tok, own, passive_phrase=spec.passive)
        actor1, actor2 = refine_roles(tok, spec, actor1, actor2)
    span_text = doc[start:end]
    in_quote = any(a < tok.idx < b for a, b in quotes)
    family, plover, mode = refine_family(tok, spec, actor1, actor2)
    subject, at = span_text.text, span_text.start_char
    generic = generic_rule(tok, is_noun)
    quote_account = False
    negated = is_negated(tok)
    if not negated and counterfactual(tok):
        fire(COUNTERFACTUAL, "rewrote", subject, at, "status -> negated")
        negated = True
    if not negated and prevented(tok):
        fire(PREVENTED, "rewrote", subject, at, "status -> negated")
        negated = True
    modal = modality(tok)
    if generic is not None:
        fire(generic, "vetoed", subject, at, str(family))
    elif in_quote:
        quote_account = not negated and modal is None and told_in_past(tok)
        decided = quote_rule(family, actor1, told_as_done=quote_account)
        fire(decided, "kept" if decided.kind is Kind.KEEP else "vetoed", subject, at)
    if negated:
        fire(NEGATED, "rewrote", subject, at, "status -> negated")
    if modal is not None:
        fire(modal[1], "rewrote", subject, at, f"status -> {modal[0]}")
    return Mention(
        family=family,
        plover=plover,
        mode=mode,
        trigger=span_text.text,
        trigger_span=Span(span_text.start_char, span_text.end_char),
        sentence=Span(sent.start_char, sent.end_char),
        paragraph=paragraph_of(tok.idx, pstarts),
        actor1=actor1,
        actor2=actor2,
        is_noun=is_noun,
        anaphoric=is_noun and is_anaphoric(tok),
        generic=generic is not None,
        negated=negated,
        modality=modal[0] if modal is not None else None,
        in_quote=in_quote,
        quote_account=quote_account,
        governor_token=governor,
        scope=_scope(tok, is_noun, spec.passive),
        clause=_clause(tok, is_noun),
        instruments=_instruments(tok, sent),
        token_i=tok.i,
        issue=protest_issue(tok) if family in _ISSUE_FAMILIES else None,
        describes=person_relative_clause(tok),
    )


def _clause(tok: Token, is_noun: bool) -> Span:
    """The trigger's clause with its subject: the light verb's for a held noun."""
    root = tok.head if is_noun and tok.dep_ == "dobj" and tok.head.pos_ == "VERB" else tok
    first, last = root.left_edge, root.right_edge
    return Span(first.idx, last.idx + len(last))


def _scope(tok: Token, is_noun: bool, passive_phrase: bool) -> tuple[tuple[int, int], ...]:
    root = tok
    if is_noun and not is_anaphoric(tok) and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        root = tok.head  # "carried out a suicide bombing in southwest Pakistan"
    excluded: set[int] = set()
    if not is_noun and not passive_phrase:
        for c in root.children:
            if c.dep_ in SUBJECT_DEPS:
                excluded.update(t.i for t in c.subtree)
    # The subtree's tokens in text order, each read once (no Token built again per index).
    kept = sorted((t.i, t.idx, t.idx + len(t)) for t in root.subtree if t.i not in excluded)
    ranges: list[tuple[int, int]] = []
    last = -2
    for i, start, end in kept:
        if ranges and i - 1 == last:  # the token before is in the scope: one range
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
        last = i
    return tuple(ranges)


def _instruments(tok: Token, sent: SpacySpan) -> tuple[str, ...]:
    """Instrument families named in the trigger's clause ("with a grenade", "drone")."""
    table = instruments()
    found: list[str] = []
    for t in [*tok.subtree, *_fired_with(tok)] if tok.pos_ == "VERB" else _noun_weapons(tok):
        fam = table.get(t.lemma_.lower()) or table.get(t.lower_)
        if heavy_weapon(t):
            fire(HEAVY_WEAPONS, "found", t.text, t.idx)
            fam = Family.SHELLING  # "heavy weapons", "heavy guns" (EV440)
        if fam and fam not in found:
            if _not_a_weapon(t):
                fire(NOT_A_WEAPON, "vetoed", t.text, t.idx, str(fam))
                continue
            if crowd_control(t):
                fire(CROWD_CONTROL_MUNITION, "vetoed", t.text, t.idx, str(fam))
                continue  # "with stun grenades": crowd control, no explosive (EV345)
            if fam is Family.ARMED and not _firearm(t):
                continue  # "rifle grenades", "heavy guns": no firearm fight (CD340)
            found.append(fam)
    return tuple(found)


def _fired_with(tok: Token) -> list[Token]:
    """ "fired heavy weapons at the village, killing a child": a casualty participle's
    weapon is the one its clause's verb fired (EV440); not other clauses' weapons."""
    head = tok.head
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or head.pos_ != "VERB" or head is tok:
        return []
    own = words("clause_deps")
    return [t for c in head.children if c.dep_ not in own for t in c.subtree]


def _firearm(t: Token) -> bool:
    """ "with small arms": a firearm the attackers fought with; not a word that modifies
    another weapon ("rifle grenades") nor heavy weapons ("heavy guns": artillery)."""
    if t.dep_ in {"compound", "amod"} and t.head.pos_ in {"NOUN", "PROPN"}:
        # "small arms fire", "rifle shots", "a gun battle": the firearm is the fire's
        return t.head.lemma_.lower() in words("firearm_fire_nouns")
    return not any(c.lower_ == "heavy" for c in t.children)


def _noun_weapons(tok: Token) -> list[Token]:
    """The words that can name the weapon of an event noun: its own modifiers ("a mine
    attack", "a remote explosive attack") and what it was done with ("an attack with
    rockets"); not the rest of its sentence (EV212)."""
    found = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in {"with", "using"}:
            found.extend(t for c in prep.children if c.dep_ == "pobj" for t in c.subtree)
    if found:
        fire(NOUN_WEAPON, "found", tok.text, tok.idx)
    return found


def _not_a_weapon(t: Token) -> bool:
    """ "a septic tank", "commit suicide": weapon words that name no weapon here."""
    if t.head.lemma_.lower() == "commit":
        return True
    if t.lower_ == "suicide":
        return t.dep_ not in {"compound", "amod", "nmod"}  # "a suicide bomber", not "a suicide"
    if t.lemma_.lower() not in words("ambiguous_weapon_words"):
        return False
    if t.dep_ == "pobj" and t.head.lower_ in words("locative_preps"):
        return True  # "killed by a rockfall at the mine": a place
    # "a septic tank", "a water tank", "a gold mine": the word before says what it is.
    modifiers = words("weapon_modifiers")
    return any(c.dep_ in {"compound", "amod"} and c.lower_ not in modifiers for c in t.children)
