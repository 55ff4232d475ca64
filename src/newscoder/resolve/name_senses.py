"""One sense per article: names the article uses for persons, groups and places.

The surnames of the article's persons are persons when they stand alone
(:func:`person_words_of`).

The NER reads the same word differently from one sentence to the next: a
governor's surname is a place in one sentence and a person in the next. For a
name the gazetteer knows, the gazetteer's word carries the place reading. For a
name it lacks, nothing does: when the NER also reads it as a person or as an
organisation elsewhere in the article, the name is that person or organisation
in every sentence (WW560). The other way round, a whole entity read as a person
or a group that is a city or a country, with a place cue, is the place (WW575).

A name after "of" is a place's cue ("the people of Bell"), but not when it owns
what follows: in "the names of Bell's brothers" "of" governs the names
(WW565).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence, Set

from spacy.tokens import Doc, Span

from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.resolve.toponym_spans import CITY, MAJOR, Known

OTHER_SENSE = declare(
    "WW560", "unknown-name-read-as-person", Stage.RESOLVE, Kind.VETO,
    "a name the gazetteer lacks that the NER reads elsewhere in the article as a person "
    "or an organisation ('Governor Okafor', 'the Obuya Trust') is no place",
)  # fmt: skip
OWNER_AFTER_OF = declare(
    "WW565", "owner-after-of", Stage.RESOLVE, Kind.VETO,
    "'of' before a possessive ('the names of Bell's brothers') governs what is owned: "
    "no place cue for the owner, unless a town's word follows ('of Bell's mayor')",
)  # fmt: skip
TOWN_READ_OTHERWISE = declare(
    "WW575", "town-read-as-person-or-group", Stage.RESOLVE, Kind.FIND,
    "a whole entity the NER calls a person or a group that is a city of 50,000+ or a "
    "country, with a place cue, is that place: 'two schools in Milton Keynes'",
)  # fmt: skip


def person_words_of(ents: Sequence[Span], known: Known) -> frozenset[str]:
    """Surnames of the article's multi-word person names ("Henry" of "Chiquita
    Raquel Henry"): alone, such a word is that person, not a town. First names
    are not counted: the NER often reads a place before a name as part of it
    ("Alexandria Commonwealth's Attorney Randy Sengel")."""
    # "Carl Jones'" and "Maria Vance's" end with their possessive: the surname is before it.
    names = [e[:-1] if e[-1].tag_ == "POS" else e for e in ents if e.label_ == "PERSON"]
    surnames = Counter(e[-1].text for e in names if len(e) >= 2 and e[-1].is_alpha)
    # A country's or a state's name the NER reads alone as a place more often than it
    # ends a name is the place: "Rethinking Egypt" read as a person once does not undo
    # thirty readings of Egypt (a town's name stays a surname: "Henry").
    places = Counter(e.text for e in ents if e.label_ in {"GPE", "LOC"} and len(e) == 1)
    return frozenset(
        word for word, n in surnames.items() if n >= places[word] or known(word) < MAJOR
    )


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


def possessor_after_of(doc: Doc, start: int, end: int, town_words: Set[str]) -> bool:
    """Whether tokens ``start:end`` after "of" own the noun after them ("of Bell's
    brothers"), which is not one of ``town_words`` ("of Bell's mayor") (WW565)."""
    if start == 0 or doc[start - 1].lower_ != "of" or end >= len(doc) or doc[end].tag_ != "POS":
        return False
    if end + 1 < len(doc) and doc[end + 1].lower_ in town_words:
        return False
    fire(OWNER_AFTER_OF, "vetoed", doc[start:end].text, doc[start].idx)
    return True


def town_read_otherwise(ent: Span, i: int, j: int, level: int, cue: Callable[[], bool]) -> bool:
    """Whether tokens ``i:j`` of a person or group entity are a place after all: the
    whole entity (of two words or more for a person, whose one-word names are the
    article's surnames), a city of 50,000+ or a country and no demonym, with a place
    cue around it ("two schools in Milton Keynes") (WW575)."""
    if (i, j) != (ent.start, ent.end) or level < CITY:
        return False
    if ent.label_ == "PERSON" and len(ent) < 2:
        return False
    if get_gazetteer().is_demonym(ent.text) or not cue():
        return False
    fire(TOWN_READ_OTHERWISE, "found", ent.text, ent.start_char)
    return True
