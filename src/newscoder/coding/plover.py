"""The PLOVER mapping: ordered rule tables for an event's PLOVER type and mode.

Like the ACLED table (:mod:`.taxonomy`), each row is a declared ``MP`` rule whose
value function returns the type (or mode) when the row applies, None when it does
not; the first row that applies decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newscoder.coding.codebook import FAMILY_MODES
from newscoder.families import Family
from newscoder.registry import Kind, Rule, Stage, declare

_MP = Stage.MAP


@dataclass(frozen=True, slots=True)
class PloverFacts:
    """What the PLOVER mapping reads: the event's family, whether it is violent, its
    ACLED type, and the PLOVER type and mode its trigger words carry."""

    family: str
    violent: bool
    acled_type: str | None = None
    trigger_type: str | None = None
    trigger_mode: str | None = None
    # (family, mode) of every mention of the event, in order.
    mentions: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True, slots=True)
class PloverRow:
    rule: Rule
    value: Callable[[PloverFacts], str | None]  # None: the row does not apply


_PLOVER = "PLOVER codebook 2021"


def _seized_territory_type(f: PloverFacts) -> str | None:
    if f.family == Family.TERRITORY_NONSTATE and f.acled_type:
        return f.trigger_type
    return None


PLOVER_TYPE_TABLE: tuple[PloverRow, ...] = (
    PloverRow(
        declare("MP300", "plover-seized-territory", _MP, Kind.MAP,
                "territory a non-state actor takes keeps its trigger's PLOVER type (COERCE: seize)",
                source=f"{_PLOVER}, COERCE: seize"),
        _seized_territory_type,
    ),
    PloverRow(
        declare("MP305", "plover-violence-is-assault", _MP, Kind.MAP,
                "every act of political violence is a PLOVER ASSAULT",
                source=f"{_PLOVER}, ASSAULT"),
        lambda f: "ASSAULT" if f.violent else None,
    ),
    PloverRow(
        declare("MP310", "plover-trigger-type", _MP, Kind.MAP,
                "the PLOVER type the trigger word carries in the lexicon (ASSAULT if it has none)",
                source=_PLOVER),
        # Extract drops triggers without a PLOVER type ("claim responsibility"): the
        # fallback keeps the table total.
        lambda f: f.trigger_type or "ASSAULT",
    ),
)  # fmt: skip


def _family_mode(f: PloverFacts) -> str | None:
    return FAMILY_MODES.get(f.family)


def _typing_mention_mode(f: PloverFacts) -> str | None:
    return next((mode for family, mode in f.mentions if family == f.family and mode), None)


PLOVER_MODE_TABLE: tuple[PloverRow, ...] = (
    PloverRow(
        declare("MP320", "plover-family-mode", _MP, Kind.MAP,
                "suicide attacks, explosives, air strikes, shelling, abductions and sexual "
                "violence have one PLOVER mode each", source=f"{_PLOVER}, ASSAULT modes"),
        _family_mode,
    ),
    PloverRow(
        declare("MP325", "plover-typing-mention-mode", _MP, Kind.MAP,
                "the mode of the first mention that gave the event its family", source=_PLOVER),
        _typing_mention_mode,
    ),
)  # fmt: skip
# When no row gives a mode: the trigger's own (None when it has none).
_TRIGGER_MODE = declare(
    "MP330", "plover-trigger-mode", _MP, Kind.MAP,
    "the PLOVER mode of the trigger word (none when it has none)", source=_PLOVER,
)  # fmt: skip


def plover_type(facts: PloverFacts) -> tuple[str, Rule]:
    """The PLOVER type and the row that chose it."""
    for row in PLOVER_TYPE_TABLE:
        value = row.value(facts)
        if value:
            return value, row.rule
    raise AssertionError("the last row of PLOVER_TYPE_TABLE always applies")


def plover_mode(facts: PloverFacts) -> tuple[str | None, Rule]:
    """The PLOVER mode (None when the trigger has none) and the row that chose it."""
    for row in PLOVER_MODE_TABLE:
        value = row.value(facts)
        if value:
            return value, row.rule
    return facts.trigger_mode, _TRIGGER_MODE
