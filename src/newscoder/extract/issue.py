"""What a protest is about: its issue, as the report words it.

"Retired airline employees protested in front of parliament over the sale of the
airline"; "teachers marched to demand their unpaid wages"; "a rally in support of the
detained journalist". The issue is the phrase after the grievance word ("over",
"against", "in protest at", "in support of") or the purpose verb ("to demand",
"denouncing"). Events carry it (``issue`` in the record), and linking reads it: two
crowds in one square on one day with different issues are two protests (LK085).

The search walks down from the trigger along the dependency labels a purpose hangs on
(:func:`~.protest_acts.purpose_nodes`, the walk protest_purpose makes too), so a
phrase of another clause ("after a man who was arrested over a post died") is not
taken; the nearest one to the trigger wins.
"""

from __future__ import annotations

from spacy.tokens import Token

from newscoder.extract.protest_acts import purpose_nodes
from newscoder.extract.syntax import child
from newscoder.lexicon import words
from newscoder.types import Span

_ISSUE_PREPS = frozenset({"against", "over"})
_OBJECT_PREPS = _ISSUE_PREPS | {"for", "about"}


def protest_issue(tok: Token) -> Span | None:
    """The span of what the protest ``tok`` (its trigger) is about, or None."""
    if tok.pos_ == "VERB" and _purpose(tok):
        # "The protesters demanded permanent contracts": the demand is the issue.
        own = _object_span(tok)
        if own is not None:
            return own
    also: list[Token] = []
    if tok.pos_ == "NOUN" and tok.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        # "staged a demonstration ... to oppose X": the purpose hangs on the light verb.
        also = [c for c in tok.head.children if c.i != tok.i]
    return next(
        (found for node in purpose_nodes(tok, also) if (found := _issue_at(node)) is not None),
        None,
    )


def _issue_at(node: Token) -> Span | None:
    if node.dep_ == "prep" and node.lower_ in _ISSUE_PREPS:
        # "over the sale of the airline", "against the new tax"
        return _subtree_span(child(node, {"pobj", "pcomp"}))
    if node.dep_ == "pobj" and node.head.lower_ == "in" and _grievance(node):
        # "in protest at the arrests", "in support of the strikers"
        inner = child(node, {"prep"})
        return _subtree_span(child(inner, {"pobj", "pcomp"}) if inner is not None else None)
    told_as_purpose = node.tag_ == "VBG" or node.dep_ == "xcomp" or child(node, {"aux"})
    if node.pos_ == "VERB" and _purpose(node) and told_as_purpose:
        # "to demand their unpaid wages", "denouncing the killing of a student"
        return _object_span(node)
    return None


def _purpose(verb: Token) -> bool:
    return verb.lemma_.lower() in words("protest_purpose_verbs")


def _object_span(verb: Token) -> Span | None:
    """What a demand verb asks for: its object, or "for / against ..." after it ("calling
    for the release of ..."); never a date or place phrase."""
    obj = child(verb, {"dobj", "ccomp", "xcomp"})
    if obj is None:
        prep = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS), None
        )
        obj = child(prep, {"pobj", "pcomp"}) if prep is not None else None
    return _subtree_span(obj)


def _grievance(noun: Token) -> bool:
    return noun.lemma_.lower() in words("grievance_nouns")


def _subtree_span(head: Token | None) -> Span | None:
    if head is None:
        return None
    tokens = list(head.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Span(start, end) if end > start else None
