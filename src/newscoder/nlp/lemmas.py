"""The model's rule lemmatizer, with every answer remembered: the same lemmas for
about a third of the time.

spaCy's rule lemmatizer (``Lemmatizer.rule_lemmatize``) reads a token's word, part
of speech and morphology and the model's fixed tables, nothing else, yet remembers
only some of its answers: for a base form (a singular noun, an infinitive, most
tokens) it parses the morphology again at every token. With the Token objects it
builds, that is about 0.45 s of CPU on the 213-document throughput benchmark.

:func:`speed_up` gives the component a ``pipe`` (what ``nlp.pipe`` calls) that reads
the three values off the document's arrays, asks spaCy's own ``lemmatize`` once per
distinct (word, part of speech, morphology) and writes the lemmas back in one call.
Tokens that already have a lemma (set by the attribute ruler) keep it, as spaCy's
``__call__`` does; a token with no part of speech is asked every time (spaCy warns
for it). Calling the component on one document (``nlp(text)``) runs spaCy's own code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

# The lemmatizers whose rule answers depend on the word, its part of speech and its
# morphology only (EnglishLemmatizer changes just ``is_base_form``, which reads the last two).
_PURE = (Lemmatizer, EnglishLemmatizer)


def speed_up(nlp: Language) -> bool:
    """Give ``nlp``'s rule lemmatizer the remembering ``pipe``, when it is spaCy's own."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if (
        type(lemmatizer) not in _PURE
        or getattr(lemmatizer, "mode", None) != "rule"
        or isinstance(lemmatizer.__dict__.get("pipe"), RememberingLemmas)
        or lemmatizer.__dict__.get("lemmatize") != lemmatizer.rule_lemmatize
    ):
        return False
    lemmatizer.pipe = RememberingLemmas(lemmatizer)  # type: ignore[method-assign]
    return True


class RememberingLemmas:
    """``Lemmatizer.pipe`` for a rule lemmatizer, each answer asked once per process."""

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma id

    def __call__(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        lemmatizer = self.lemmatizer
        error_handler = lemmatizer.get_error_handler()
        for doc in stream:
            try:
                yield self.lemmatize(doc)
            except Exception as e:  # as Pipe.pipe does
                error_handler(lemmatizer.name, lemmatizer, [doc], e)

    def lemmatize(self, doc: Doc) -> Doc:
        """``Lemmatizer.__call__``: a lemma for every token that has none (or all,
        with ``overwrite``)."""
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        error_handler = lemmatizer.get_error_handler()
        try:
            if not len(doc):
                return doc
            values = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = values[:, 3].copy()
            known, overwrite = self.known, lemmatizer.overwrite
            strings = lemmatizer.vocab.strings
            for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
                if overwrite or lemma == 0:
                    found = known.get((orth, pos, morph))
                    if found is None:
                        found = strings.add(lemmatizer.lemmatize(doc[i])[0])
                        if pos != 0:  # spaCy warns for a token with no part of speech
                            known[(orth, pos, morph)] = found
                    lemmas[i] = found
            doc.from_array([LEMMA], lemmas)
            return doc
        except Exception as e:  # as Lemmatizer.__call__ does
            error_handler(lemmatizer.name, lemmatizer, [doc], e)
            return None  # type: ignore[return-value]
