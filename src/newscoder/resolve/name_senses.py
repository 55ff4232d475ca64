"""One sense per article for names the gazetteer lacks.

The NER reads the same word differently from one sentence to the next: a
governor's surname is a place in one sentence and a person in the next. For a
name the gazetteer knows, the gazetteer's word carries the place reading. For a
name it lacks, nothing does: when the NER also reads it as a person or as an
organisation elsewhere in the article, the name is that person or organisation
in every sentence (WW560).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from newscoder.registry import Kind, Stage, declare, fire

OTHER_SENSE = declare(
    "WW560", "unknown-name-read-as-person", Stage.RESOLVE, Kind.VETO,
    "a name the gazetteer lacks that the NER reads elsewhere in the article as a person "
    "or an organisation ('Governor Okafor', 'the Obuya Trust') is no place",
)  # fmt: skip


def other_sense_names(ents: Sequence[Span]) -> frozenset[str]:
    """Names the NER reads as a person (with the surname alone: "Okafor" of "Governor
    Ada Okafor") or as an organisation, anywhere in the article."""
    names: set[str] = set()
    for ent in ents:
        if ent.label_ == "PERSON":
            words = ent.text.split()
            names.update(" ".join(words[i:]) for i in range(len(words)))
        elif ent.label_ == "ORG":
            names.add(ent.text)
    return frozenset(names)


def other_sense(mention_text: str, start: int, others: frozenset[str]) -> bool:
    """Whether a name the gazetteer lacks is a person or organisation of the article
    (WW560); ``others`` from :func:`other_sense_names`."""
    if mention_text not in others:
        return False
    fire(OTHER_SENSE, "vetoed", mention_text, start)
    return True
