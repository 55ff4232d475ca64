"""Per-document caches for spaCy properties that rebuild their value on every access.

``doc.text`` joins every token and ``doc.ents`` builds new spans each time it is
read; the extractors read both many times per document. Values are kept in
``doc.user_data``, so they live and die with the document.
"""

from __future__ import annotations

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
