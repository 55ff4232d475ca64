"""Per-document lookups shared by marked and indirect quote extraction.

Built once per doc, so that attributing a quote never rescans the text:
paragraph bounds, token starts, the regions inside quotation marks, and every
speech cue with its resolved speaker (looked up in text order, which pronoun
resolution relies on).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from newscoder.extract.quote_spans import MarkedSpan
from newscoder.extract.speakers import (
    Found,
    SpeakerContext,
    cue_lemma,
    cue_lexicon,
    is_according,
    speaker_for_cue,
)
from newscoder.nlp.cache import doc_text
from newscoder.types import Span

__all__ = ["DocView", "overlaps"]


def overlaps(lo: int, hi: int, skip: Sequence[Span]) -> bool:
    return any(lo < s.end and s.start < hi for s in skip)


class DocView:
    """Lookups over one doc, built once: paragraphs, token starts, the regions
    inside quotation marks, and every cue token with its resolved speaker."""

    def __init__(self, doc: Doc, marked: list[MarkedSpan]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.has_parse = doc.has_annotation("DEP")
        self.has_sents = self.has_parse or doc.has_annotation("SENT_START")
        paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.text)]
        self.para_starts = [p[0] for p in paras] or [0]
        self.para_ends = [p[1] for p in paras] or [len(self.text)]
        self.tok_starts = doc.to_array("IDX").tolist()  # no Token objects built
        regions = sorted((m.open_at, m.end if m.close_at is None else m.close_at) for m in marked)
        self.regions = regions
        # Sorted starts and the furthest end so far, so that marked_share reads only
        # the regions near its range, not every region of the doc per cue.
        self._region_starts = [lo for lo, _ in regions]
        self._reach = list(itertools.accumulate((hi for _, hi in regions), max))
        self.inside = frozenset(
            i for lo, hi in regions for i in range(self.tok_at(lo), self.tok_at(hi) + 1)
        )
        self._cue_starts: list[int] | None = None
        self._cue_ids: list[int] = []
        self.ctx = SpeakerContext.build(doc)
        self.cues: dict[int, Found] = {}
        naming = cue_lexicon().naming
        for i in _cue_candidates(doc):
            tok = doc[i]
            lemma = cue_lemma(tok)
            if tok.i in self.inside or not (lemma or is_according(tok)):
                continue
            if not self.has_parse:
                if lemma not in naming:
                    self.cues[tok.i] = Found(None, "no parse", False)
                continue
            found = speaker_for_cue(tok, self.ctx, self.inside)
            # "a group called “Friends”" has nobody calling it anything: a label
            if lemma not in naming or found[0] is not None:
                self.cues[tok.i] = found

    def tok_at(self, char: int) -> int:
        """Index of the token covering (or starting after) ``char``."""
        k = bisect.bisect_right(self.tok_starts, char) - 1
        return max(0, min(k, len(self.tok_starts) - 1))

    def para(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def para_bounds(self, char: int) -> tuple[int, int]:
        k = self.para(char)
        return self.para_starts[k], self.para_ends[k]

    def window(self, lo: int, hi: int) -> tuple[int, int]:
        """The sentence(s) around ``lo..hi``, never crossing a paragraph break."""
        p_lo, _ = self.para_bounds(lo)
        _, p_hi = self.para_bounds(hi)
        if not self.has_sents or not len(self.doc):
            return p_lo, p_hi
        s_lo = self.doc[self.tok_at(lo)].sent.start_char
        s_hi = self.doc[self.tok_at(hi)].sent.end_char
        return max(s_lo, p_lo), min(max(s_hi, hi + 1), p_hi)

    def cues_in(self, lo: int, hi: int) -> list[Token]:
        """Cue tokens starting in ``lo..hi``, in text order (a bisect, not a scan:
        every quote asks, so a scan would be quadratic on long articles)."""
        if self._cue_starts is None:
            order = sorted(self.cues)  # token order is text order
            self._cue_ids = order
            self._cue_starts = [self.doc[i].idx for i in order]
        a = bisect.bisect_left(self._cue_starts, lo)
        b = bisect.bisect_left(self._cue_starts, hi)
        return [self.doc[i] for i in self._cue_ids[a:b]]

    def marked_share(self, lo: int, hi: int) -> float:
        if hi <= lo:
            return 0.0
        covered = 0
        k = bisect.bisect_left(self._region_starts, hi)  # regions from k on start at hi or later
        while k > 0 and self._reach[k - 1] + 1 > lo:  # none before k ends after lo: stop
            k -= 1
            a, b = self.regions[k]
            covered += max(0, min(hi, b + 1) - max(lo, a))
        return covered / (hi - lo)


def _cue_candidates(doc: Doc) -> list[int]:
    """The tokens that may be a cue (``cue_lemma`` or ``is_according`` can hold): a
    speech verb's lemma or form, or "according"; read off the document's arrays, each
    distinct word asked once, so no Token is built for the others."""
    lex = cue_lexicon()
    strings = doc.vocab.strings
    known: dict[tuple[int, int], bool] = {}
    found = []
    for i, (low, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
        hit = known.get((low, lemma))
        if hit is None:
            word = strings[low]
            hit = known[(low, lemma)] = (
                word == "according" or word in lex.forms or strings[lemma].lower() in lex.kinds
            )
        if hit:
            found.append(i)
    return found
