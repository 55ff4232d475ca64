"""Indirect attribution: "X said (that) …", "X claimed / denied / warned that …",
"according to X, …", with the content span.

The content is read off the parse of each speech cue found by
:class:`~newscoder.extract.quote_view.DocView`: the verb's clausal complement,
for claims and denials also a gerund ("denied having ordered"), and for
"according to" the rest of the clause it modifies. Content that lies mostly
inside quotation marks belongs to the marked quote, not here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from newscoder.extract.quote_view import DocView, overlaps
from newscoder.extract.speakers import cue_kind, cue_lemma, cue_lexicon, is_according, make_cue
from newscoder.types import Quote, Span

__all__ = ["indirect_quotes"]

_MAX_MARKED_SHARE = 0.5
_MIN_WORDS = 3
_WORD = re.compile(r"\w+")
_INDIRECT_KINDS_XCOMP = ("denial", "claim", "confirmation")
_Range = tuple[int, int]


def indirect_quotes(view: DocView, skip: Sequence[Span]) -> list[Quote]:
    out: list[Quote] = []
    lex = cue_lexicon()
    for i, (speaker, why) in view.cues.items():
        tok = view.doc[i]
        if overlaps(tok.idx, tok.idx + len(tok), skip):
            continue
        if is_according(tok):
            spans = [_according_content(view, tok)]
        else:
            lemma = cue_lemma(tok)
            if lemma is None or lemma in lex.marked_only:
                continue
            xcomp_ok = lex.kinds[lemma] in _INDIRECT_KINDS_XCOMP
            spans = [
                _clause_range(view, c, tok)
                for c in tok.children
                if c.dep_ == "ccomp" or (xcomp_ok and c.dep_ == "xcomp" and c.tag_ == "VBG")
            ]
        cue = make_cue(tok)
        for rng in spans:
            if rng is None:
                continue
            lo, hi = rng
            if overlaps(lo, hi, skip) or view.marked_share(lo, hi) >= _MAX_MARKED_SHARE:
                continue
            if len(_WORD.findall(view.text[lo:hi])) < _MIN_WORDS:
                continue
            kind = cue_kind(cue.text) or "statement"
            out.append(
                Quote(
                    text=view.text[lo:hi],
                    start=lo,
                    end=hi,
                    kind="indirect",
                    speaker=speaker,
                    cue=cue,
                    reason=f"indirect: content clause of '{cue.text}' ({kind}); speaker: {why}",
                )
            )
    return out


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


def _according_content(view: DocView, tok: Token) -> tuple[int, int] | None:
    """ "According to X, …": the rest of the clause "according to" modifies."""
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX") or head.i in view.cues:
        return None
    para = view.para_bounds(tok.idx)
    left = (head.left_edge.i, tok.left_edge.i - 1)
    right = (tok.right_edge.i + 1, head.right_edge.i)
    ranges = [_trim_tokens(view, a, b, para) for a, b in (left, right) if a <= b]
    ranges = [r for r in ranges if r is not None]
    return max(ranges, key=lambda r: r[1] - r[0]) if ranges else None
