"""The rows of the ACLED mapping table: what a row reads about an event
(:class:`EventFacts`), what it decides (:class:`AcledCode`), and the row itself
(:class:`MapRow`). The table is in :mod:`.taxonomy`; the Strategic developments rows in
:mod:`.strategic`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newscoder.coding.codebook import ARMED_ACTOR_TYPES, CROWDS, FAMILY_DEFAULTS
from newscoder.registry import Kind, Rule, Stage, declare

CODEBOOK = "ACLED codebook 2023"


@dataclass(frozen=True, slots=True)
class AcledCode:
    event_type: str | None
    sub_event_type: str | None
    reason: str
    rule: str | None = None  # the id of the table row that decided


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What the ACLED mapping reads about one event.

    ``context`` is the text of the event's sentences (its paragraph for protests,
    displacement and closures) for the codebook's word cues; ``target_text`` /
    ``target_head`` the object phrase (territory and property checks).
    """

    family: str
    actor1_type: str | None = None
    actor2_type: str | None = None
    context: str = ""
    target_text: str | None = None
    target_head: str | None = None
    fatalities: int | None = None
    actor2_armed: bool | None = None
    with_protest: bool = False
    trigger: str | None = None
    actor1_named_armed: bool = False
    actor1_text: str | None = None  # the doer phrase (who moved, who detained)

    @property
    def default(self) -> tuple[str, str] | None:
        return FAMILY_DEFAULTS.get(self.family)

    @property
    def target_armed(self) -> bool:
        if self.actor2_armed is not None:
            return self.actor2_armed
        return self.actor2_type in ARMED_ACTOR_TYPES

    @property
    def crowd(self) -> bool:
        return self.actor1_type in CROWDS


def row_rule(id: str, name: str, reason: str, source: str | None = None) -> Rule:
    """Declare the rule of one row of the ACLED table."""
    return declare(id, name, Stage.MAP, Kind.MAP, reason, source=source)


@dataclass(frozen=True, slots=True)
class MapRow:
    """One row: when ``when`` finds something (a truthy value: the cue word, or True),
    the event gets ``code`` (``keep_default``: the family's default type)."""

    rule: Rule
    when: Callable[[EventFacts], object]
    detail: str  # the reason; {family}, {sub} and {found} are filled in
    code: tuple[str, str] | None = None
    keep_default: bool = False
