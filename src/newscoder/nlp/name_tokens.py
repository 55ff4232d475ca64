"""Known names the model misreads, made single tokens before the tagger and parser.

The small English model reads a word inside a name by its English sense: in "the army
and the Pyu Saw Htee raided a village", "Saw" is parsed as the verb ("the army saw Htee
raid"), and the coder took the militia for the raiders and the army for a witness. The
few knowledge-base names the model tags with a verb inside ("Pyu Saw Htee", "IS West
Africa", "Amigos dos Amigos") are listed at build time (``entity_names.misread_by``,
stored in ``data/world/ruler_misread.txt``). This component runs first: each such name
becomes one token, tagged and parsed as the proper noun it is, and its entity is set
with the ruler's id (the rulers after it match words, not the merged token). Only these
names are merged: merging every name changed how the parser reads the words around
common ones ("Gulf Clan members").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newscoder.nlp.entity_names import entity_patterns, misread_names

MERGE_NAMES = "newscoder_merge_names"


class MergeMisreadNames:
    """Find the misread names (case-insensitive), merge each into one token and set it
    as an entity; the model embeds the merged token by its last word's norm and shape
    ("Htee"), which it has seen in its kind."""

    def __init__(self, nlp: Language) -> None:
        listed = misread_names()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.ids: dict[str, str] = {}
        for p in entity_patterns(acronyms=False) + entity_patterns(acronyms=True):
            text = p["pattern"]
            if text.lower() in listed and text.lower() not in self.ids:
                self.ids[text.lower()] = p.get("id", "")
                self.matcher.add(text.lower(), [nlp.make_doc(text)])

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans([Span(doc, s, e) for _, s, e in self.matcher(doc)])
        if not spans:
            return doc
        # Where each name stands, by characters: the token spans change with the merge.
        named = [(s.start_char, s.end_char, self.ids[s.text.lower()]) for s in spans]
        with doc.retokenize() as retokenizer:
            for span in spans:
                last = span[-1]
                doc.vocab[span.text].shape_ = last.shape_
                retokenizer.merge(span, attrs={"NORM": last.norm_})
        ents = [doc.char_span(a, b, label="ORG", span_id=i) for a, b, i in named]
        doc.set_ents([e for e in ents if e is not None], default="unmodified")
        return doc


@Language.factory(MERGE_NAMES, assigns=["token.ent_type", "token.ent_iob"])
def make_merge_names(nlp: Language, name: str) -> MergeMisreadNames:
    return MergeMisreadNames(nlp)
