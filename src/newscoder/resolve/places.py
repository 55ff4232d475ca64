"""Place mentions to gazetteer entries, with admin1 and ACLED geo_precision.

ACLED's geo_precision: 1 = a named town; 2 = near a town or part of a region
("X district", "outskirts of X", "northern Borno"); 3 = only a region or a
country is known (its central point is used). Ambiguous names go to a
candidate in the article's own countries (``context``, most salient first),
then to the most populous candidate. Villages below the towns' population cut
are a last resort, taken only inside the article's countries and only when
one village of that name fits.

The work is done in four modules along its seams; this one gathers their public
names, so callers import from ``newscoder.resolve.places``:

- :mod:`~newscoder.resolve.country_evidence`: which countries a report is about;
- :mod:`~newscoder.resolve.place_phrases`: place phrases a regex can see;
- :mod:`~newscoder.resolve.place_lookup` with :mod:`~newscoder.resolve.place_choice`:
  one mention to one place, choosing among namesakes;
- :mod:`~newscoder.resolve.place_brackets`: "Kandi (Alibori)" hierarchies.
"""

from __future__ import annotations

from newscoder.resolve.country_evidence import (
    countries_of_small_places,
    countries_of_towns,
    countries_of_unit_words,
    country_codes_in,
    topic_countries,
)
from newscoder.resolve.place_brackets import find_parenthetical_places
from newscoder.resolve.place_lookup import resolve_place
from newscoder.resolve.place_names import (
    DIRECTIONS,
    NEAR_QUALIFIERS,
    UNIT_QUALIFIERS,
    normalize_direction,
)
from newscoder.resolve.place_phrases import find_place_phrases

__all__ = [
    "DIRECTIONS",
    "NEAR_QUALIFIERS",
    "UNIT_QUALIFIERS",
    "countries_of_small_places",
    "countries_of_towns",
    "countries_of_unit_words",
    "country_codes_in",
    "find_parenthetical_places",
    "find_place_phrases",
    "normalize_direction",
    "resolve_place",
    "topic_countries",
]
