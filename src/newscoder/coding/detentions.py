"""Detentions that ACLED codes as abductions: the rows the ACLED table reads for arrests.

ACLED's Arrests are detentions by state forces or authorities (Strategic
developments). People arrested whose whereabouts stay unknown were made to disappear
(MP445): violence against civilians, abduction/forced disappearance. (A non-state
armed group that detains people abducts them: the table's row MP430, in
coding/strategic.py.) :func:`abduction` is asked before the ACLED table's rows (none of
which reads an arrest before the family default).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscoder import lexicon
from newscoder.coding.codebook import NON_STATE_ARMED
from newscoder.families import Family
from newscoder.registry import Kind, Rule, Stage, declare

if TYPE_CHECKING:
    from newscoder.coding.taxonomy import EventFacts

_CB = "ACLED codebook 2023"
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")

DISAPPEARED = declare(
    "MP445", "arrested-and-disappeared", Stage.MAP, Kind.MAP,
    "people arrested whose whereabouts stay unknown were made to disappear",
    source=f"{_CB}, Violence against civilians: Abduction/forced disappearance",
)  # fmt: skip


def abduction(f: EventFacts) -> tuple[Rule, str] | None:
    """The rule and its detail when an arrest is an abduction, else None."""
    if f.family != Family.ARREST:
        return None
    if f.actor1_type in NON_STATE_ARMED:
        return None  # the table's MP430 codes it
    found = lexicon.word_pattern("disappearance_words").search(f.context)
    return (DISAPPEARED, f"arrested, then disappeared ({found.group(0)})") if found else None
