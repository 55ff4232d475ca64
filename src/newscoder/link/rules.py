"""The thresholds linking uses, in one value class so a caller can tighten them.

Defaults follow ACLED's geography and time precision (see ``docs/linking.md``):
a named town (geo_precision 1) is a point with a small radius, "near a town /
part of a region" (2) a wider circle, a region (3) only its admin1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newscoder import lexicon
from newscoder.coding.codebook import NON_STATE_ARMED, PLOVER_STATEMENT_TYPES

# PLOVER types that are said rather than done: they link only with the same
# type said by the same actors (one statement reported by several outlets).
STATEMENT_TYPES = PLOVER_STATEMENT_TYPES

# Actor types an unidentified armed actor ("gunmen") may turn out to be.
ARMED_NON_STATE = NON_STATE_ARMED

# Statuses of events that happened (or are said to have): they link with each other.
HAPPENED = frozenset({"occurred", "claimed", "denied"})

# Event types whose two sides fight each other: reports may name them in either order.
SYMMETRIC_EVENT_TYPES = frozenset({"Battles", "Riots"})

# The coder's rule for a date it only assumed from the publication date
# (newscoder.coding.when_where.PUBLICATION_DATE; rule ids are stable).
ASSUMED_DATE_RULE = "WW095"
# Records coded before dates carried rule ids say so only in their reason's prose.
_ASSUMED_DATE_REASON = re.compile(r"^no date in the text", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkRules:
    """Radii, date windows and name thresholds for :func:`newscoder.link.link_events`."""

    # Two reports at geo_precision 1 with the same town name, at most this far apart.
    town_km: float = 25.0
    # Two differently named towns closer than this are one place (spellings, suburbs).
    same_spot_km: float = 3.0
    # When either report has geo_precision 2 ("near X", "X district").
    near_km: float = 60.0
    # Half-widths (days) of the period a week- or month-precision date stands for.
    week_days: int = 3
    month_days: int = 15
    # rapidfuzz token_set_ratio at or above which two names are the same name.
    name_match: float = 88.0
    # PLOVER types linked only as statements (same type, same actors).
    statement_types: frozenset[str] = field(default=STATEMENT_TYPES)


def approximate_day(
    date_text: str | None,
    date_reason: str | None,
    date_rule: str | None = None,
    date_value: str | None = None,
) -> bool:
    """True for a day that may be off by one (it may sit on either side of midnight,
    or was only assumed): "overnight", "late on Sunday", or a date the coder only
    assumed from the publication date (its rule id says so, and it has a value: the
    same rule leaves the date unknown when the article has no publication date)."""
    if date_text and lexicon.word_pattern("approximate_day_words").search(date_text):
        return True
    if date_rule is not None:
        return date_rule == ASSUMED_DATE_RULE and date_value is not None
    # A record stored before dates carried rule ids: only its prose tells.
    return bool(date_reason and _ASSUMED_DATE_REASON.search(date_reason))
