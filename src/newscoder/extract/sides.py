"""The two sides of a fight told without a subject: after "between" ("clashes between
police and gang members") or hyphened before the fight noun ("police-VHP clash").

Split from :mod:`.arguments`, which turns the tokens found here into phrases.
"""

from __future__ import annotations

from spacy.tokens import Token

from newscoder.extract.actor_heads import people_noun
from newscoder.extract.syntax import SUBJECT_DEPS, child, one_kind_modifier, prep_object
from newscoder.registry import Kind, Stage, declare, fire

SIDES_BETWEEN = declare(
    "EV093", "sides-between", Stage.EXTRACT, Kind.CHOOSE,
    "'clashes between police and gang members', 'a shootout took place between the army and "
    "rebels': the first side is actor1, the second actor2",
)  # fmt: skip
ONE_PLURAL_BOTH_SIDES = declare(
    "EV655", "one-plural-both-sides", Stage.EXTRACT, Kind.CHOOSE,
    "'a shoot-out between unknown shooters', 'clashes between rival gangs': one plural "
    "after 'between' names both sides of the fight",
    source="ACLED codebook 2023: a fight within one kind of actor names it as both actors",
)  # fmt: skip
SIDES_HYPHENED = declare(
    "EV590", "sides-hyphened", Stage.EXTRACT, Kind.CHOOSE,
    "'police-VHP clash', 'army-rebel clashes': two hyphened sides before a fight noun, one at "
    "least naming people or a group, fight it, the first side actor1",
)  # fmt: skip


def between(tok: Token) -> tuple[Token | None, Token | None]:
    """ "clashes between police and gang members", "a shootout took place between the
    army and rebels": the first side and the second. One plural for both ("a shoot-out
    between unknown shooters", "clashes between rival gangs") is both sides, as ACLED
    codes a fight within one kind of actor (EV655)."""
    sides = prep_object(tok, {"between"})
    if sides is None and tok.dep_ in SUBJECT_DEPS:
        sides = prep_object(tok.head, {"between"})  # "a shootout took place between ..."
    if (
        sides is not None
        and sides.tag_ in {"NNS", "NNPS"}
        # Not "supporters of two leaders"; "two families in Bangou town" are one kind.
        and all(one_kind_modifier(c) for c in sides.children if c.dep_ in {"conj", "prep"})
    ):
        fire(ONE_PLURAL_BOTH_SIDES, "chose", sides.text, sides.idx, f"between {sides.text!r}")
        return sides, sides
    if sides is None or child(sides, {"conj"}) is None:
        return None, None
    fire(SIDES_BETWEEN, "chose", sides.text, sides.idx, f"between {sides.text!r} ...")
    return sides, child(sides, {"conj"})


_HYPHENS = frozenset({"-", "–", "—", "/"})
_SIDE_ENTS = frozenset({"NORP", "ORG", "GPE"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def hyphened_sides(tok: Token) -> tuple[Token, Token] | None:
    """The two sides written hyphened before a fight noun: "police-VHP clash", "army-rebel
    clashes", "Hindu-Muslim clashes" (EV590). Read off the tokens, not the parse, which
    hangs the pair in many ways. Each side is one word; one of them at least names people
    or a group (a people noun, a group entity), the other is a noun or such a name, so
    "cross-border clashes", "two-day fighting" and "gun-battle" name no sides."""
    i = tok.i
    if tok.pos_ not in {"NOUN", "PROPN", "VERB"} or i < 3:
        return None
    doc = tok.doc
    first, mark, second = doc[i - 3], doc[i - 2], doc[i - 1]
    if mark.text not in _HYPHENS or first.whitespace_ or mark.whitespace_:
        return None
    if not (first.is_alpha and second.is_alpha and first.sent.start == tok.sent.start):
        return None
    named = _side_names_group(first), _side_names_group(second)
    nouns = (first.pos_ in _NOUNS or named[0]) and (second.pos_ in _NOUNS or named[1])
    if any(named) and nouns:
        return first, second
    return None


def _side_names_group(side: Token) -> bool:
    return (side.ent_type_ in _SIDE_ENTS or bool(side.ent_id_)) or people_noun(
        side.text, side.lemma_.lower()
    )
