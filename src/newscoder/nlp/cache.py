"""Per-document caches for spaCy properties that rebuild their value on every access.

``doc.text`` joins every token, ``doc.ents`` builds new spans and ``doc.sents``
walks every token each time it is read; the extractors read them many times per
document. Values are kept in ``doc.user_data``, so they live and die with the
document.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span


def doc_text(doc: Doc) -> str:
    cached = doc.user_data.get("newscoder_text")
    if cached is None:
        cached = doc.user_data["newscoder_text"] = doc.text
    return cached


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    cached = doc.user_data.get("newscoder_ents")
    if cached is None:
        cached = doc.user_data["newscoder_ents"] = tuple(doc.ents)
    return cached


def ent_starts(doc: Doc) -> list[int]:
    """The start tokens of :func:`doc_ents`. Entities never overlap and come in text
    order, so these are sorted: a range's entities are found by a bisect."""
    cached = doc.user_data.get("newscoder_ent_starts")
    if cached is None:
        cached = doc.user_data["newscoder_ent_starts"] = [e.start for e in doc_ents(doc)]
    return cached


def ents_in(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """The entities wholly inside tokens ``[start, end)`` (what ``doc[start:end].ents``
    gives, without building every entity of the document on each call)."""
    starts = ent_starts(doc)
    found = doc_ents(doc)[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    return found if not found or found[-1].end <= end else found[:-1]


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity holding token ``i``, if any (a bisect over :func:`ent_starts`)."""
    k = bisect.bisect_right(ent_starts(doc), i) - 1
    if k < 0:
        return None
    ent = doc_ents(doc)[k]
    return ent if i < ent.end else None


def doc_sents(doc: Doc) -> tuple[Span, ...]:
    cached = doc.user_data.get("newscoder_sents")
    if cached is None:
        cached = doc.user_data["newscoder_sents"] = tuple(doc.sents)
    return cached


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Every token's start and end character offsets, without building Token objects."""
    cached = doc.user_data.get("newscoder_token_bounds")
    if cached is None:
        starts = doc.to_array("IDX").tolist()
        ends = [a + n for a, n in zip(starts, doc.to_array("LENGTH").tolist(), strict=True)]
        cached = doc.user_data["newscoder_token_bounds"] = (starts, ends)
    return cached


def sentence_index(doc: Doc, token: int) -> int:
    """Index in :func:`doc_sents` of the sentence holding token ``token`` (what
    ``doc[token].sent`` finds by walking to the sentence's first token)."""
    starts = doc.user_data.get("newscoder_sent_starts")
    if starts is None:
        starts = doc.user_data["newscoder_sent_starts"] = [s.start for s in doc_sents(doc)]
    return max(0, bisect.bisect_right(starts, token) - 1)


def sentence_at_char(doc: Doc, offset: int) -> int | None:
    """Index in :func:`doc_sents` of the sentence whose characters hold ``offset``
    (``start_char <= offset < end_char``), or None when it falls between sentences.
    Sentences never overlap and come in text order: a bisect finds it."""
    bounds = doc.user_data.get("newscoder_sent_chars")
    if bounds is None:
        sents = doc_sents(doc)
        bounds = doc.user_data["newscoder_sent_chars"] = (
            [s.start_char for s in sents],
            [s.end_char for s in sents],
        )
    starts, ends = bounds
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < ends[i] else None
