"""Claims of responsibility: a named group that claims an attack nobody is told doing.

"Two soldiers were shot dead in Jalalabad. IS later claimed the attack", "IS
claimed killing a Taliban member": the report does not name the attacker
in the act, so the coder's typing gives an unidentified armed group; the claim names
it. ACLED codes a claimed attack to the group that claims it (AC440). The claim must
come in the event's sentence or within the two sentences after it, its claimant must
be a named armed group or force (not "a spokesman", not an unidentified group), and
only an unnamed doer is replaced: a named attacker is never overruled by a claim.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Token

from newscoder.coding.actor_typing import unnamed_doer
from newscoder.coding.actors import ActorContext, resolve_actor
from newscoder.coding.codebook import is_armed_type
from newscoder.extract.arguments import phrase
from newscoder.extract.syntax import SUBJECT_DEPS, child
from newscoder.extract.triggers import is_event_noun
from newscoder.nlp.cache import doc_sents
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.types import Actor, Event

CLAIMED_ATTACK = declare(
    "AC440", "claimed-attack", Stage.CODE, Kind.REFINE,
    "an attack whose doer is not named is the named armed group that claims it in that "
    "sentence or the next two ('IS claimed responsibility', 'IS claimed killing')",
    source="ACLED codebook 2023, Actors (claims of responsibility)",
)  # fmt: skip

# "the group claimed ...": the rule that names a group by an earlier mention.
_REFERS_BACK = "AC035"
# A claim counts in the event's sentence and this many sentences after it.
_SENTENCES_AFTER = 2


def credit_claims(events: list[Event], doc: Doc, ctx: ActorContext) -> list[Event]:
    """The events with an unnamed attacker given to the group that claims them."""
    starts = [s.start_char for s in doc_sents(doc)]
    claims = [
        (_sentence(tok.idx, starts), who) for tok in doc if (who := _claimant(tok)) is not None
    ]
    if not claims:
        return events
    out = []
    for event in events:
        if event.actor1 is None or not unnamed_doer(event.actor1):
            out.append(event)
            continue
        at = _sentence(event.trigger_span.start, starts)
        country = event.location.country_code if event.location else None
        claimed = None
        for sentence, who in claims:
            if 0 <= sentence - at <= _SENTENCES_AFTER:
                claimed = _named(who, ctx, country)
                if claimed is not None:
                    break
        if claimed is None:
            out.append(event)
            continue
        fire(CLAIMED_ATTACK, "rewrote", claimed.name, event.trigger_span.start)
        why = CLAIMED_ATTACK.why(f"{claimed.name} claimed it; {claimed.reason}")
        new = replace(claimed, reason=why, rule=CLAIMED_ATTACK.id)
        rules = (*((f, r) for f, r in event.rules if f != "actor1"), ("actor1", CLAIMED_ATTACK.id))
        out.append(replace(event, actor1=new, rules=rules))
    return out


def _named(who: Token, ctx: ActorContext, country: str | None) -> Actor | None:
    """The group a claimant names: a known or proper name, or "the group" referring back
    to one; not "a spokesman" (a generic role) nor an unnamed group."""
    said = phrase(who)
    if said is None:
        return None
    claimed = resolve_actor(said, ctx, on=ctx.published, country=country)
    if claimed is None or not is_armed_type(claimed.type):
        return None
    named = said.kb_id or who.pos_ == "PROPN" or who.ent_type_ == "ORG"
    return claimed if named or claimed.rule == _REFERS_BACK else None


def _sentence(offset: int, starts: list[int]) -> int:
    """The index of the sentence holding ``offset``."""
    return bisect.bisect_right(starts, offset) - 1


def _claimant(tok: Token) -> Token | None:
    """The subject of "claimed responsibility (for ...)", "claimed the attack",
    "claimed killing ...", or None when ``tok`` is no such claim."""
    if tok.lemma_.lower() != "claim" or tok.pos_ != "VERB":
        return None
    if any(c.dep_ == "neg" for c in tok.children):
        return None  # "no group claimed responsibility"
    what = child(tok, {"dobj", "xcomp", "ccomp"})
    if what is None:
        return None
    if not (
        what.lemma_.lower() == "responsibility"
        or is_event_noun(what.lemma_.lower())
        or (what.tag_ == "VBG" and what.dep_ in {"xcomp", "dobj"})
    ):
        return None
    subject = child(tok, SUBJECT_DEPS)
    if subject is None:  # "IS claimed ...": the name read as the verb "is"
        subject = next((c for c in tok.lefts if c.ent_id_ and c.dep_ in _MISREAD), None)
    return subject


# The dependencies a known name before the verb gets when the parse reads it as a verb.
_MISREAD = frozenset({"aux", "auxpass"})
