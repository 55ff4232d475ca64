"""Indirect attribution: "X said (that) …", "X claimed / denied / warned that …",
"according to X, …", with the content span.

The content is read off the parse of each speech cue found by
:class:`~newscoder.extract.quote_view.DocView`: the verb's clausal complement,
for claims and denials also a gerund ("denied having ordered") or a noun
object ("denied any involvement"), for requests, warnings and promises an
infinitive ("urged residents to stay indoors"), and for "according to" and a
cue set inside its content ("The bridge, the mayor said, will reopen") the
rest of the clause around it. Content that lies mostly
inside quotation marks belongs to the marked quote, not here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from newscoder.extract.actor_heads import PRONOUN, THING, head_kind
from newscoder.extract.quote_view import DocView, overlaps
from newscoder.extract.speakers import cue_kind, cue_lemma, cue_lexicon, is_according, make_cue
from newscoder.lexicon import words
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.textutil import load_json
from newscoder.types import Quote, Span, Speaker

__all__ = ["indirect_quotes"]

_E = Stage.EXTRACT
CONTENT_CLAUSE = declare(
    "QT115", "content-clause", _E, Kind.FIND,
    "a speech verb's content clause is what was said ('the mayor said the bridge will reopen')",
)  # fmt: skip
GERUND = declare(
    "QT120", "gerund-content", _E, Kind.FIND,
    "a denial's or claim's gerund is what was said ('denied having ordered the strike')",
)  # fmt: skip
INFINITIVE = declare(
    "QT125", "infinitive-content", _E, Kind.FIND,
    "a request's, warning's or promise's infinitive is what was said ('urged residents to stay "
    "indoors')",
)  # fmt: skip
OBJECT = declare(
    "QT130", "object-content", _E, Kind.FIND,
    "a denial's or announcement's noun object is what was said ('denied any involvement')",
)  # fmt: skip
AROUND = declare(
    "QT135", "clause-around", _E, Kind.FIND,
    "'according to X, ...' or '..., X said, ...': the clause around the cue is what was said",
)  # fmt: skip
HOLDS_MARKED = declare(
    "QT140", "holds-marked-quote", _E, Kind.VETO,
    "a content that holds a marked quote is that partial quote's context, not a second quote",
)  # fmt: skip
TOO_LITTLE = declare(
    "QT145", "marked-or-short-content", _E, Kind.VETO,
    "a content mostly inside quotation marks, or under three words, is no indirect quote",
)  # fmt: skip

NEGATED_CUE = declare(
    "QT150", "negated-cue", _E, Kind.VETO,
    "a cue whose subject is no one ('No group has claimed responsibility', 'nobody said') "
    "reports nothing said: a negated claim is no claim",
)  # fmt: skip
CLAUSE_ONLY = declare(
    "QT155", "clause-only-cue", _E, Kind.VETO,
    "'maintain', 'argue' and 'insist' report only through a clause: their noun object "
    "('maintained a diplomatic presence') is kept or argued over, not said",
)  # fmt: skip
APPOSITION_PART = declare(
    "QT160", "apposition-part", _E, Kind.VETO,
    "a part of the clause around a cue that is an apposition ('..., according to X, a "
    "spokesman for the police') describes the speaker; it is not what was said",
)  # fmt: skip

NO_SPEAKER = declare(
    "QT165", "speaker-who-speaks", _E, Kind.VETO,
    "a quote needs a speaker who speaks: a topic or abstract subject ('the closure will deny "
    "them supplies') says nothing; a pronoun no rule resolved is left unnamed",
)  # fmt: skip

_MAX_MARKED_SHARE = 0.5
_NO_DETERMINERS = frozenset({"no", "neither"})
_MIN_WORDS = 3
_WORD = re.compile(r"\w+")
_Range = tuple[int, int]


def _content_kinds(key: str) -> tuple[str, ...]:
    """Cue kinds (or lemmas) whose gerund, infinitive or noun object is what was said."""
    return tuple(load_json("speech_cues.json")["content_kinds"][key])


def indirect_quotes(
    view: DocView, skip: Sequence[Span], reported: Sequence[Span] = ()
) -> list[Quote]:
    """Indirect attributions of every cue in ``view``. A content that holds a
    quote already ``reported`` (sorted) is that partial quote's context, not a
    second attribution: "he said he had made “a demand” of the mayor" is one
    partial quote, as the issue's definition counts it."""
    out: list[Quote] = []
    starts = [r.start for r in reported]
    for i, (speaker, why, _, speaker_rule) in view.cues.items():
        tok = view.doc[i]
        if overlaps(tok.idx, tok.idx + len(tok), skip):
            continue
        cue = make_cue(tok)
        if _negated(tok):
            fire(NEGATED_CUE, "vetoed", cue.text, cue.start)
            continue
        speaker, silent = _who_speaks(view, speaker)
        if silent:
            fire(NO_SPEAKER, "vetoed", cue.text, cue.start)
            continue
        kind = cue_kind(cue.text) or "statement"
        for parts, relation, rule in _contents(view, tok):
            if any(_holds(reported, starts, lo, hi) for lo, hi in parts):
                fire(HOLDS_MARKED, "vetoed", cue.text, cue.start)
                continue
            parts = [
                (lo, hi)
                for lo, hi in parts
                if not overlaps(lo, hi, skip) and view.marked_share(lo, hi) < _MAX_MARKED_SHARE
            ]
            if sum(len(_WORD.findall(view.text[lo:hi])) for lo, hi in parts) < _MIN_WORDS:
                fire(TOO_LITTLE, "vetoed", cue.text, cue.start)
                continue
            who = (speaker.name or speaker.role or "") if speaker is not None else ""
            if speaker_rule is not None and speaker is not None:
                fire(speaker_rule, "chose", cue.text, cue.start, who)
            for k, (lo, hi) in enumerate(parts):
                extra = f" (part {k + 1} of {len(parts)})" if len(parts) > 1 else ""
                out.append(
                    Quote(
                        text=view.text[lo:hi],
                        start=lo,
                        end=hi,
                        kind="indirect",
                        speaker=speaker,
                        cue=cue,
                        reason=rule.why(
                            f"indirect: {relation} '{cue.text}' ({kind}){extra}; speaker: {why}"
                        ),
                        rule=rule.id,
                    )
                )
                fire(rule, "found", view.text[lo:hi], lo, who)
    return out


def _contents(view: DocView, tok: Token) -> list[tuple[list[_Range], str, Rule]]:
    """What the cue ``tok`` reports, each content as its parts (a cue set inside
    its content, "The bridge, the mayor said, will reopen", splits it in two)."""
    if is_according(tok):
        parts = _around(view, tok)
        return [(parts, "clause around", AROUND)] if parts else []
    lex = cue_lexicon()
    lemma = cue_lemma(tok)
    if lemma is None or lemma in lex.marked_only:
        return []
    kind = lex.kinds[lemma]
    found: list[tuple[list[_Range], str, Rule]] = []
    for child in tok.children:
        if child.dep_ == "ccomp":
            relation, rule = "content clause of", CONTENT_CLAUSE
        elif child.dep_ == "xcomp" and child.tag_ == "VBG" and kind in _content_kinds("gerund"):
            # denied having ordered the strike
            relation, rule = "gerund complement of", GERUND
        elif child.dep_ == "xcomp" and _infinitive(child) and _takes_infinitive(lemma, kind):
            # urged residents to stay indoors
            relation, rule = "infinitive complement of", INFINITIVE
        elif (
            child.dep_ == "dobj"
            and child.pos_ in ("NOUN", "PROPN")
            and kind in _content_kinds("object")
        ):
            if lemma in _content_kinds("clause_only_lemmas"):
                fire(CLAUSE_ONLY, "vetoed", tok.text, tok.idx)
                continue
            # denied any involvement in the attack
            relation, rule = "object of", OBJECT
        else:
            continue
        rng = _clause_range(view, child, tok)
        if rng is not None:
            found.append(([rng], relation, rule))
    if tok.dep_ == "parataxis" and not found:
        parts = _around(view, tok)
        if parts:
            found.append((parts, "clause around", AROUND))
    return found


def _holds(reported: Sequence[Span], starts: list[int], lo: int, hi: int) -> bool:
    """Whether a reported quote lies inside ``lo..hi`` (``starts`` is sorted)."""
    k = bisect.bisect_left(starts, lo)
    return k < len(starts) and reported[k].start < hi and reported[k].end <= hi


def _infinitive(verb: Token) -> bool:
    return any(c.tag_ == "TO" for c in verb.children)


def _takes_infinitive(lemma: str, kind: str) -> bool:
    return kind in _content_kinds("infinitive") or lemma in _content_kinds("infinitive_lemmas")


def _trim_tokens(view: DocView, lo_i: int, hi_i: int, para: tuple[int, int]) -> _Range | None:
    """Char range of tokens ``lo_i..hi_i`` inside the paragraph, without a
    leading "that", edge punctuation or spaces."""
    doc = view.doc
    toks = [t for t in doc[lo_i : hi_i + 1] if para[0] <= t.idx < para[1]]
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ == "mark"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _clause_range(view: DocView, clause: Token, cue: Token) -> tuple[int, int] | None:
    if clause.i in view.inside:
        return None
    para = view.para_bounds(cue.idx)
    return _trim_tokens(view, clause.left_edge.i, clause.right_edge.i, para)


def _around(view: DocView, tok: Token) -> list[_Range]:
    """The clause a parenthetical cue sits in, without the cue's own words:
    "according to X, …" and "…, X said, …" (parsed as parataxis)."""
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX") or head.i in view.cues:
        return []
    if head.i in view.inside:
        return []
    para = view.para_bounds(tok.idx)
    left = (head.left_edge.i, tok.left_edge.i - 1)
    right = (tok.right_edge.i + 1, head.right_edge.i)
    ranges = [_trim_tokens(view, a, b, para) for a, b in (left, right) if a <= b]
    return [r for r in ranges if r is not None and not _apposition(view, r, tok)]


def _apposition(view: DocView, rng: _Range, cue: Token) -> bool:
    """Whether the part ``rng`` after the cue is an apposition of its source ("...,
    according to X, a spokesman for the police"): a noun phrase with no verb, a
    description of the name, not a clause."""
    span = view.doc.char_span(rng[0], rng[1], alignment_mode="expand")
    if span is None or rng[0] < cue.idx or span.root.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    fire(APPOSITION_PART, "vetoed", span.text, rng[0])
    return True


def _who_speaks(view: DocView, speaker: Speaker | None) -> tuple[Speaker | None, bool]:
    """The speaker as it may be shown, and whether no one speaks at all: a speaker
    described by a noun for an act or a state is no speaker; one left as a pronoun
    ("you", "some") keeps its place but shows no words. Names, organisations, documents
    and places (standing for their people) speak."""
    if speaker is None or speaker.name or speaker.organization or speaker.start is None:
        return speaker, False
    span = view.doc.char_span(speaker.start, speaker.end or speaker.start, alignment_mode="expand")
    if span is None or not len(span):
        return speaker, False
    head = span.root
    lex = cue_lexicon()
    if head.lower_ in lex.document_nouns or head.lower_ in lex.institution_nouns:
        return speaker, False
    kind = head_kind(head)
    if kind == PRONOUN and head.tag_ not in ("WDT", "WP"):  # "who said": the noun before
        return replace(speaker, role=None), False  # where it stands, but no "you" shown
    # A noun for an act or a state ("the liberation of the city will deny"): no one.
    abstract = head.pos_ == "NOUN" and head.lemma_.lower().endswith(_abstract_endings())
    return speaker, kind == THING and abstract


@cache
def _abstract_endings() -> tuple[str, ...]:
    return tuple(words("abstract_suffixes"))


def _negated(cue: Token) -> bool:
    """ "No group has claimed", "nobody claimed": no one said it. ("X did not say
    whether ..." stays: PolNeAR counts it as X's attribution.)"""
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in words("negative_subjects"):
                return True
            if any(d.dep_ == "det" and d.lower_ in _NO_DETERMINERS for d in child.children):
                return True
    return False
