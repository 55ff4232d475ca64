"""Small helpers every place module shares: qualifier words, compass directions,
cleaning a name, asking the gazetteer whether it knows one.

The vocabularies are word lists in ``data/words`` (``place_region_units``,
``place_near_words``, ``compass_directions``, ``place_kind_words``).
"""

from __future__ import annotations

import re

from newscoder.lexicon import alternation, word_list, words
from newscoder.resolve.gazetteer import MEMO_LIMIT, Gazetteer

# Qualifier words, as find_place_phrases reports them and resolve_place reads them:
# a region ("Helmand province": geo_precision 3) ...
UNIT_QUALIFIERS = words("place_region_units")
# ... or near a town / part of a region ("X district", "near X": geo_precision 2).
NEAR_QUALIFIERS = words("place_near_words")

# One regex alternative per direction ("north[- ]?east"); the folded forms are the
# directions normalize_direction returns ("northeast").
DIRECTION_PATTERN = alternation("compass_directions")
DIRECTIONS = frozenset(entry.replace("[- ]?", "") for entry in word_list("compass_directions"))

# Words for a kind of place, never a place's name ("village", "lake", "border").
KIND_OF_PLACE_WORDS = words("place_kind_words")

_LEADING = re.compile(r"^(?:the|in|of)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s$")


def normalize_direction(word: str) -> str | None:
    """ "North-Western" -> "northwest"; None when the word is no compass direction."""
    folded = re.sub(r"[-\s]", "", word.lower())
    folded = folded.removesuffix("ern").removesuffix("ward")
    return folded if folded in DIRECTIONS else None


def generic_name(name: str) -> bool:
    """A name of only compass and unit words ("South District", "Central Ward"): many
    places are called so, and the gazetteer holds few of them (PL187)."""
    plain = words("geo_direction_words") | words("place_units")
    return all(word in plain for word in name.lower().split())


def clean_name(name: str) -> str:
    """A name without a leading "the" / "in" / "of" and a trailing possessive."""
    name = _LEADING.sub("", name.strip())
    return POSSESSIVE.sub("", name).strip()


def known(gaz: Gazetteer, name: str) -> bool:
    """Whether the gazetteer has a country, admin1, town or district of that name."""
    answers = gaz.known_names  # the gazetteer's alone: see Gazetteer.__init__
    found = answers.get(name)
    if found is None:
        if len(answers) >= MEMO_LIMIT:
            answers.clear()
        found = answers[name] = bool(
            gaz.country_by_name(name) or gaz.admin1(name) or gaz.cities(name) or gaz.admin2(name)
        )
    return found
