"""The names the truecaser may capitalise: gazetteer places and knowledge-base actors.

:func:`case_lexicon` gathers them into a :class:`~newscoder.nlp.truecase.CaseLexicon`
once per process and model. A name that is also an English word ("police" is a
town in Poland, "reading" one in England) must not be capitalised in running text,
so English words are told apart with the model's own lemmatizer tables (WordNet's
index of nouns, verbs, adjectives and adverbs, with its inflection rules) and
spaCy's stop words:

- countries, their aliases and demonyms, admin1 units and towns of 100,000 people
  or more are names anywhere, unless they are a stop word, an English verb,
  adjective or adverb, or an English noun smaller than a country, an admin1 unit
  of a million people or a town of a million (WordNet lists "india" and
  "lucknow" as nouns, and "police" and "bath" too);
- smaller towns are names only where a place is expected ("in godhra"), and only
  when they are no English word at all;
- knowledge-base names keep the knowledge base's casing; its all-capital aliases
  (acronyms) are upper-cased unless they are English words ("IS");
- a country known by an acronym only ("CAR", "DRC", "USA") is an acronym, upper-cased
  whole, never a name: "car" is the Central African Republic only when written so,
  so an acronym that spells an English word (data/words/acronym_english_words) stays
  as it is; a country name that is a common English noun ("reunion", "jersey",
  data/words/country_common_nouns) is a name only where a place is expected.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.language import Language

from newscoder.knowledge import actor_entries
from newscoder.lexicon import words
from newscoder.nlp.truecase import CaseLexicon
from newscoder.resolve.gazetteer import data_rows, get_gazetteer, name_key

BIG_TOWN = 100_000  # a town this big is a name anywhere
NOUN_PLACE = 1_000_000  # a place named by an English noun must be this big
_POS = ("noun", "verb", "adj", "adv")


class EnglishWords:
    """Is a lower-case word an English word, and of which parts of speech?"""

    def __init__(self, nlp: Language | None) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self.stop = frozenset(STOP_WORDS)
        self.index: dict[str, frozenset[str]] = {pos: frozenset() for pos in _POS}
        self.exceptions: dict[str, dict[str, list[str]]] = {pos: {} for pos in _POS}
        self.rules: dict[str, list[tuple[str, str]]] = {pos: [] for pos in _POS}
        lookups = None
        if nlp is not None and "lemmatizer" in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            return  # a model without WordNet tables: stop words only
        index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules")
        exc = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
        for pos in _POS:
            self.index[pos] = frozenset(index.get(pos, ()))
            self.exceptions[pos] = dict(exc.get(pos, {}))
            self.rules[pos] = [(old, new) for old, new in rules.get(pos, ())]

    def parts_of_speech(self, word: str) -> frozenset[str]:
        """The parts of speech ``word`` (any inflection) has in the English index."""
        word = word.lower()
        found = set()
        for pos in _POS:
            index = self.index[pos]
            if word in index or word in self.exceptions[pos]:
                found.add(pos)
                continue
            for old, new in self.rules[pos]:
                if word.endswith(old) and word[: len(word) - len(old)] + new in index:
                    found.add(pos)
                    break
        return frozenset(found)

    def common(self, word: str) -> bool:
        word = word.lower()
        return word in self.stop or bool(self.parts_of_speech(word))

    def not_a_name(self, phrase: str, *, big: bool, notable: bool = True) -> bool:
        """A phrase that reads as English words: one word that is a stop word, a
        verb, adjective or adverb, or a noun unless the place is ``big``; several
        words that start with a stop word ("the city"), or that are all English
        words unless the place is ``notable`` ("new delhi")."""
        if " " in phrase:
            parts = phrase.split()
            if parts[0] in self.stop:
                return True
            return not notable and all(self.common(p) for p in parts)
        if phrase in self.stop or len(phrase) < 3:
            return True
        pos = self.parts_of_speech(phrase)
        if pos - {"noun"}:
            return True
        return "noun" in pos and not big


def _place_names(english: EnglishWords) -> tuple[set[str], set[str]]:
    """(name keys capitalised anywhere, keys capitalised where a place is expected)."""
    gaz = get_gazetteer()
    anywhere: set[str] = set()
    slot: set[str] = set()

    def add(key: str, *, big: bool, notable: bool) -> None:
        if not key or english.not_a_name(key, big=big, notable=notable):
            return
        (anywhere if notable else slot).add(key)

    acronyms = _country_acronyms()
    common_nouns = words("country_common_nouns")
    for key in gaz.country_name_keys():
        if key in acronyms:
            continue  # upper-cased as an acronym, or left alone (_country_acronyms)
        if key in common_nouns:
            slot.add(key)
            continue
        add(key, big=True, notable=True)
    populations = {}
    for row in data_rows("admin1.tsv"):
        populations[row[6]] = int(row[7])
        for key in row[8].split("|"):
            add(key, big=int(row[7]) >= NOUN_PLACE, notable=True)
    for iso, aliases in data_rows("admin1_aliases.tsv"):
        for alias in filter(None, aliases.split("|")):
            add(name_key(alias), big=populations.get(iso, 0) >= NOUN_PLACE, notable=True)
    for row in data_rows("cities.tsv.gz"):
        population = int(row[6])
        for key in (row[7], *filter(None, row[8].split("|"))):
            add(key, big=population >= NOUN_PLACE, notable=population >= BIG_TOWN)
    return anywhere, slot - anywhere


def _country_acronyms() -> set[str]:
    """Keys of country aliases written only as acronyms ("CAR", "C.A.R.", "USA")."""
    spellings: dict[str, list[str]] = {}
    for row in data_rows("countries.tsv"):
        for alias in (row[1], *row[8].split("|"), *row[9].split("|")):
            spellings.setdefault(name_key(alias), []).append(alias)
    for row in data_rows("country_names.tsv"):
        for alias in (a for column in row[1:] for a in column.split("|")):
            spellings.setdefault(name_key(alias), []).append(alias)
    return {
        key
        for key, written in spellings.items()
        if key and " " not in key and all(_acronym(w) for w in written if w)
    }


def _acronym(alias: str) -> bool:
    letters = "".join(c for c in alias if c.isalpha())
    return bool(letters) and letters.isupper() and len(letters) <= 5


def _actor_names(english: EnglishWords) -> tuple[dict[str, str], set[str]]:
    """(lower-case alias -> its casing, acronyms in lower case) of the knowledge base."""
    cased: dict[str, str] = {}
    acronyms: set[str] = set()
    for entry in actor_entries():
        for alias in {entry.name, *entry.aliases}:
            low = alias.lower()
            if len(low) != len(alias) or alias == low:
                continue
            letters = alias.replace(" ", "")
            if letters.isalpha() and letters.isupper() and " " not in alias:
                if not english.common(low) and len(low) >= 2:
                    acronyms.add(low)
            elif not (" " not in alias and english.common(low)):
                cased.setdefault(low, alias)
    return cased, acronyms


_LEXICONS: dict[int, CaseLexicon] = {}


def case_lexicon(nlp: Language | None = None) -> CaseLexicon:
    """The truecaser's lexicon for a loaded pipeline (built once per model)."""
    found = _LEXICONS.get(id(nlp))
    if found is None:
        found = _LEXICONS[id(nlp)] = _build(nlp)
    return found


def _build(nlp: Language | None) -> CaseLexicon:
    english = EnglishWords(nlp)
    anywhere, slot = _place_names(english)
    cased, acronyms = _actor_names(english)
    spelled = words("acronym_english_words")
    acronyms |= {key for key in _country_acronyms() if key not in english.stop | spelled}
    return CaseLexicon(
        cased=cased,
        acronyms=frozenset(acronyms),
        names=frozenset(anywhere),
        places=frozenset(slot),
        common=_cached(english.common),
        key=name_key,
    )


def _cached(function: Callable[[str], bool]) -> Callable[[str], bool]:
    return cache(function)
