"""Rows of the ACLED table for Strategic developments, read from the codebook's
definition of each sub-event type (ACLED codebook 2023, Strategic developments).

Each row is a declared rule (``MP400``-``MP439``) with a small predicate over
:class:`~newscoder.coding.map_rows.EventFacts`; :mod:`.taxonomy` places them in its
ordered table (the first row whose predicate holds decides):

- a movement or deployment of forces is coded whoever the report names as its mover
  when what moved are troops, police or their equipment (Change to group/activity);
- territory that changes hands with no fighting told is a non-violent transfer, and
  armed forces withdrawing from a place they held hand it over (Non-violent transfer
  of territory);
- a detention whose detainee's fate is unknown is a forced disappearance, and a
  detainee killed or tortured is an attack (Violence against civilians): ACLED's Arrests are
  detentions by those in control, with due process.
"""

from __future__ import annotations

from newscoder import lexicon
from newscoder.coding.codebook import ARMED_ACTOR_TYPES, NON_STATE_ARMED, any_word
from newscoder.coding.map_rows import CODEBOOK, EventFacts, MapRow, row_rule
from newscoder.families import MOVEMENTS, TERRITORY, Family

_SD = "Strategic developments"
_VAC = "Violence against civilians"
_TRANSFER = (_SD, "Non-violent transfer of territory")
# Security measures and patrols: the state's are a change of activity, an armed group's
# its non-violent activity (Other).
_CONTROL = frozenset({Family.COERCE, Family.CLOSURE, Family.GUARD})


def _forces_moved(f: EventFacts) -> str | None:
    """ "600 soldiers were deployed", "two trucks deployed 100 troops", "Russia deployed
    helicopters": troops or their equipment moved, whoever is named as the mover."""
    if f.family not in MOVEMENTS:
        return None
    # "deployed 100 troops" (not "plans to deploy a forces base"): what was deployed
    deployed = f.target_head if f.family == Family.MOBILIZE else None
    if deployed and (found := any_word("moved_forces", deployed)):
        return found
    return any_word("moved_forces", f.actor1_text) if f.actor1_text else None


def _base_established(f: EventFacts) -> str | None:
    """ "the group set up a camp near X": a non-state armed group's base (a state's forces
    setting one up move, MP400)."""
    if f.family != Family.MOBILIZE or f.actor1_type not in NON_STATE_ARMED:
        return None
    return any_word("base_nouns", f.trigger or "")


def _forces_withdrew(f: EventFacts) -> str | None:
    """ "the troops withdrew from the town": a place handed over without fighting."""
    trigger = (f.trigger or "").lower()
    if f.family != Family.RETREAT or f.actor1_type not in ARMED_ACTOR_TYPES:
        return None
    first = trigger.split()[0] if trigger else ""
    return first if first in lexicon.words("withdrawn_from") else None


def _taken_without_fighting(f: EventFacts) -> str | None:
    """ "rebels took control of the town; no clashes were reported", "the army entered and
    took over the village": territory changing hands with no fighting, force or harm told
    in its paragraph (ACLED's territorial battles are won through armed interaction)."""
    if f.family not in TERRITORY or f.fatalities:
        return None
    told = any_word("no_fighting_told", f.context)
    if not told and (f.family == Family.TERRITORY_STATE or any_word("retaking_words", f.context)):
        return None  # "recaptured", "retook", "liberated": taken back by force
    if told:
        return told
    return None if any_word("territory_fighting", f.context) else "no fighting told"


def _armed_group_control(f: EventFacts) -> bool:
    """ "militants ran a checkpoint", "rebels patrolled the market", "the group imposed
    a curfew": a non-state armed group's non-violent activity."""
    return f.family in _CONTROL and f.actor1_type in NON_STATE_ARMED


def _forces_destroy(f: EventFacts) -> str | None:
    """ "military forces set houses on fire", "the authorities demolished dwellings":
    property destroyed by armed forces, not a crowd."""
    if f.family != Family.LOOT:
        return None
    if f.actor1_type == "State forces":
        return f.actor1_type
    if f.actor1_named_armed or not f.actor1_text:
        return None  # a named armed group: MP135 says so
    return any_word("moved_forces", f.actor1_text)


def _armed_defection(f: EventFacts) -> str | None:
    """ "two policemen defected", "the defection of a commander": armed people leaving
    their force or group for another (a politician changing party is no ACLED event)."""
    if f.family != Family.RETREAT or f.actor1_type not in ARMED_ACTOR_TYPES:
        return None
    trigger = (f.trigger or "").lower()
    return trigger if trigger.startswith("defect") else None


def _armed_group_detains(f: EventFacts) -> bool:
    """ "rebels detained three men": only those in control of a territory arrest (state
    forces); a non-state armed group's detention is an abduction."""
    return f.family == Family.ARREST and f.actor1_type in NON_STATE_ARMED


def _detainee_harmed(f: EventFacts) -> str | None:
    return _harm_told(f, "detainee_harmed") if f.family == Family.ARREST else None


def _abductee_harmed(f: EventFacts) -> str | None:
    if f.family != Family.ABDUCT or f.target_armed:
        return None
    return _harm_told(f, "abductee_harmed")


def _harm_told(f: EventFacts, harm_words: str) -> str | None:
    """The word of the list ``harm_words`` the context tells the people taken were harmed
    with, else "killed" when the event has deaths, else None."""
    found = lexicon.word_pattern(harm_words).search(f.context)
    return found.group(0) if found else ("killed" if f.fatalities else None)


FORCES_MOVED = MapRow(
    row_rule("MP400", "forces-moved",
             "troops, police or their equipment deployed or moving: a movement of forces, "
             "whoever the report names as the mover",
             f"{CODEBOOK}, Strategic developments: Change to group/activity"),
    _forces_moved, "forces moved ({found})", (_SD, "Change to group/activity"),
)  # fmt: skip
BASE_ESTABLISHED = MapRow(
    row_rule("MP600", "base-established",
             "a non-state armed group establishing a base, camp or headquarters",
             f"{CODEBOOK}, Strategic developments: Headquarters or base established"),
    _base_established, "an armed group set up a base ({found})",
    (_SD, "Headquarters or base established"),
)  # fmt: skip
FORCES_WITHDREW = MapRow(
    row_rule("MP405", "forces-withdrew",
             "armed forces withdrawing from a place hand it over without fighting",
             f"{CODEBOOK}, Strategic developments: Non-violent transfer of territory"),
    _forces_withdrew, "armed forces withdrew ({found})", _TRANSFER,
)  # fmt: skip
TAKEN_WITHOUT_FIGHTING = MapRow(
    row_rule("MP500", "taken-without-fighting",
             "territory taken with no fighting, force or harm told (or told as absent) changes "
             "hands without fighting",
             f"{CODEBOOK}, Strategic developments: Non-violent transfer of territory"),
    _taken_without_fighting, "territory taken without fighting ({found})", _TRANSFER,
)  # fmt: skip
ARMED_DEFECTION = MapRow(
    row_rule("MP412", "armed-defection",
             "soldiers, police or fighters defecting from their force or group change the "
             "group's make-up",
             f"{CODEBOOK}, Strategic developments: Change to group/activity"),
    _armed_defection, "armed people defected ({found})", (_SD, "Change to group/activity"),
)  # fmt: skip
ARMED_GROUP_CONTROL = MapRow(
    row_rule("MP410", "armed-group-control",
             "an armed group running checkpoints, patrolling or imposing curfews or closures: "
             "its non-violent activity",
             f"{CODEBOOK}, Strategic developments: Other"),
    _armed_group_control, "an armed group's non-violent activity", (_SD, "Other"),
)  # fmt: skip
FORCES_DESTROY = MapRow(
    row_rule("MP413", "forces-destroy-property",
             "property burnt, demolished or looted by soldiers, police or armed men: property "
             "destruction, not a riot",
             f"{CODEBOOK}, Strategic developments: Looting/property destruction"),
    _forces_destroy, "property destroyed by armed forces ({found})",
    (_SD, "Looting/property destruction"),
)  # fmt: skip
DETAINEE_HARMED = MapRow(
    row_rule("MP425", "detainee-harmed",
             "a detainee killed, tortured or dying in custody: an attack on a civilian, not an "
             "arrest",
             f"{CODEBOOK}, Violence against civilians: Attack"),
    _detainee_harmed, "a detainee was harmed ({found})", (_VAC, "Attack"),
)  # fmt: skip

ABDUCTEE_HARMED = MapRow(
    row_rule("MP427", "abductee-harmed",
             "people abducted and also killed, beaten, tortured or wounded: the harm is the "
             "event, an attack on civilians",
             f"{CODEBOOK}, Violence against civilians: Attack"),
    _abductee_harmed, "the abducted were harmed ({found})", (_VAC, "Attack"),
)  # fmt: skip
ARMED_GROUP_DETAINS = MapRow(
    row_rule("MP430", "armed-group-detains",
             "a non-state armed group detaining people abducts them; arrests are made by "
             "state forces",
             f"{CODEBOOK}, Violence against civilians: Abduction/forced disappearance"),
    _armed_group_detains, "detained by a non-state armed group",
    (_VAC, "Abduction/forced disappearance"),
)  # fmt: skip


# Before the rows that drop uncoded families and unarmed movements (MP010, MP015).
BEFORE_UNCODED: tuple[MapRow, ...] = (
    BASE_ESTABLISHED,
    FORCES_MOVED,
    FORCES_WITHDREW,
    ARMED_GROUP_CONTROL,
    ARMED_DEFECTION,
)
# Before the rows that make crowds' damage a riot (MP055-MP060).
BEFORE_CROWDS: tuple[MapRow, ...] = (FORCES_DESTROY,)
# After the rows that make seized things property (MP085, MP090), before the territorial
# battles (MP095-MP105).
BEFORE_TERRITORY: tuple[MapRow, ...] = (TAKEN_WITHOUT_FIGHTING,)
# Before the family default (MP175).
BEFORE_DEFAULT: tuple[MapRow, ...] = (
    DETAINEE_HARMED,
    ABDUCTEE_HARMED,
    ARMED_GROUP_DETAINS,
)
