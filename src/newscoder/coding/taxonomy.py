"""ACLED and PLOVER type decisions.

The trigger family gives a default (``data/acled_rules.json``); ACLED's own
rules then look at who did what to whom: an armed attack on an armed, organised
actor is a battle, on civilians it is violence against civilians; a protest met
by force is a "protest with intervention"; territory seized must be a place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

ACLED_EVENT_TYPES = (
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)

# The codebook's sub-event types with their priority order inside each type.
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    "Protests": (
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

_STATEMENTS = frozenset({"request", "threaten", "reject", "accuse"})
_NON_STATE_ARMED = frozenset({"Rebel group", "Political militia", "Identity militia"})

VIOLENT_FAMILIES = frozenset(
    {
        "armed",
        "kill",
        "clash",
        "suicide",
        "explosive",
        "air",
        "shelling",
        "grenade",
        "abduct",
        "sexual",
        "territory_state",
        "territory_nonstate",
    }
)


@dataclass(frozen=True, slots=True)
class AcledCode:
    event_type: str | None
    sub_event_type: str | None
    reason: str


@cache
def _rules() -> dict:
    with (
        resources.files("newscoder.data").joinpath("acled_rules.json").open(encoding="utf-8") as fh
    ):
        return json.load(fh)


@cache
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"\b(" + alternatives + r")(?:s|es)?\b")  # plural too


def _any_word(words: list[str], text: str) -> str | None:
    """The first listed word found in ``text`` (list order decides between several);
    "March" the month is not a march."""
    low = text.lower()
    month = len(low) == len(text)  # offsets line up (lower() can lengthen some letters)
    found = {
        m.group(1)
        for m in _word_pattern(tuple(words)).finditer(low)
        if not (month and m.group(1) == "march" and text[m.start(1)].isupper())
    }
    return next((w for w in words if w in found), None)


def is_armed_type(actor_type: str | None) -> bool:
    """State forces, rebels, militias and external forces: ACLED's armed actor types."""
    return actor_type in _rules()["armed_actor_types"]


def mob_justice(context: str) -> str | None:
    """A word saying the victims were taken for criminals ("a suspected thief", "accused
    of sorcery"): people who beat or kill them are a mob (ACLED's mob violence)."""
    return _any_word(_rules()["mob_justice_words"], context)


def acled_code(
    family: str,
    *,
    actor1_type: str | None,
    actor2_type: str | None,
    context: str,
    target_text: str | None = None,
    fatalities: int | None = None,
    actor2_armed: bool | None = None,
    target_head: str | None = None,
    with_protest: bool = False,
    trigger: str | None = None,
    actor1_named_armed: bool = False,
) -> AcledCode:
    """ACLED event / sub-event type for one event.

    ``context`` is the text of the event's sentences (for intervention and
    violence cues); ``target_text`` the object phrase (territory checks).
    """
    rules = _rules()
    default = rules["families"].get(family)
    if default is None and family in _STATEMENTS and actor1_type in _NON_STATE_ARMED:
        # An armed group's demands, threats or announcements: ACLED's "non-violent activity".
        return AcledCode("Strategic developments", "Other", "a statement by an armed group")
    if default is None:
        return AcledCode(None, None, f"{family}: a statement or act ACLED does not code")
    event_type, sub_type = default
    armed = set(rules["armed_actor_types"])
    if family in {"movement", "mobilize"} and actor1_type not in armed:
        return AcledCode(None, None, "moving or mobilising: only armed actors' changes are coded")
    if family in {"recruit", "preach"} and actor1_type not in _NON_STATE_ARMED:
        return AcledCode(None, None, f"{family}: only an armed group's activity is coded")
    if family in {"displace", "closure"}:
        cue = _any_word(rules["insecurity_words"], context)
        if cue is None:
            return AcledCode(None, None, f"{family}: no conflict or insecurity given as cause")
        return AcledCode(event_type, sub_type, f"{family} amid insecurity ({cue})")
    mob = actor1_type in {"Rioters", "Protesters"}
    if with_protest and family in {"armed", "kill", "clash", "loot"}:
        return AcledCode("Riots", "Violent demonstration", "a demonstration that turned violent")
    if family == "loot" and actor1_type == "Protesters":
        return AcledCode("Riots", "Violent demonstration", "demonstrators wrecked property")
    if family == "loot" and target_text and _any_word(rules["animal_words"], target_text):
        return AcledCode(event_type, sub_type, "animals killed or taken: property")
    if (
        family == "loot"
        and actor1_type == "Rioters"
        and (target_head or "").lower() in rules["farm_property_words"]
        and not _any_word(rules["protest_context_words"], context)
    ):
        # Villagers burning a herders' camp or fields: ACLED's property destruction.
        return AcledCode(event_type, sub_type, f"farms, herds or camps destroyed ({target_head})")
    if family in {"armed", "kill", "clash", "loot", "abduct"} and mob:
        if actor1_type == "Protesters" or _any_word(rules["protest_context_words"], context):
            return AcledCode("Riots", "Violent demonstration", "demonstrators turned violent")
        return AcledCode("Riots", "Mob violence", "violence by a crowd or unorganised civilians")
    if family in {"explosive", "grenade"} and _any_word(rules["gunfight_words"], context):
        target_armed = actor2_armed if actor2_armed is not None else actor2_type in armed
        if target_armed:
            return AcledCode(
                "Battles", "Armed clash", "a bomb and gunfire against armed forces: a battle"
            )
    if family in {"armed", "kill"}:
        target_armed = actor2_armed if actor2_armed is not None else actor2_type in armed
        if target_armed and actor1_type != "Civilians":
            return AcledCode("Battles", "Armed clash", "armed attack on an armed actor is a battle")
        if actor1_type in {"Rioters", "Protesters"}:
            return AcledCode("Riots", "Mob violence", "attack by a crowd")
        return AcledCode(event_type, sub_type, "attack on unarmed targets")
    if family == "clash" and actor2_type in {"Protesters", "Rioters"}:
        return AcledCode("Riots", "Violent demonstration", "clash involving demonstrators")
    if family.startswith("territory"):
        head = (target_head or "").lower()
        place_like = target_head is not None and (
            target_head[:1].isupper()
            or head in rules["territory_objects"]
            or bool(target_text and _any_word(rules["territory_objects"], target_text))
        )
        if target_text and not place_like:
            if head in {"power", "control", "initiative"}:
                return AcledCode(None, None, f"seized {head}: not territory")
            return AcledCode(
                "Strategic developments",
                "Looting/property destruction",
                f"seized {head or 'property'}, not territory",
            )
        if family == "territory_nonstate" and actor1_type == "State forces":
            return AcledCode("Battles", "Government regains territory", "state forces took a place")
        if family == "territory_state" and actor1_type not in {None, "State forces"}:
            return AcledCode(
                "Battles", "Non-state actor overtakes territory", "a non-state actor took a place"
            )
        return AcledCode(event_type, sub_type, "territory changed hands")
    if family in {"protest", "strike"} and actor1_type == "Rioters":
        return AcledCode("Riots", "Violent demonstration", "the report calls the crowd rioters")
    if family in {"protest", "strike"}:
        return _protest(context, fatalities)
    if family == "loot":
        return _looting(trigger, actor1_named_armed, target_text, event_type, sub_type)
    if family == "riot":
        if _any_word(rules["mob_words"], context):
            return AcledCode("Riots", "Mob violence", "mob or lynching")
        return AcledCode(event_type, sub_type, "violent demonstration")
    if family == "agreement":
        word = _any_word(rules["agreement_objects"], context)
        if word is None:
            return AcledCode(None, None, "an agreement outside a conflict")
        return AcledCode(event_type, sub_type, f"agreement between conflict actors ({word})")
    return AcledCode(event_type, sub_type, f"{family}: {sub_type}")


_FORCES = re.compile(
    r"\b(?:police\w*|gendarm\w*|security forces|soldiers|troops|army|military|authorities|"
    r"officers|guards|riot police|law enforcers?)\b",
    re.I,
)


def _intervention(context: str) -> str | None:
    """An intervention word said of the forces ("police fired tear gas", "gendarmes
    dispersed them"), not a grievance ("protested against arbitrary arrests")."""
    low = context.lower()
    for match in _word_pattern(tuple(_rules()["intervention_words"])).finditer(low):
        word = match.group(1)
        window = context[max(0, match.start() - 90) : match.end() + 40]
        passive = re.search(r"\b(?:were|was|been)\s+(?:\w+\s+)?" + re.escape(word), low)
        if _FORCES.search(window) or (passive and word in {"dispersed", "arrested", "detained"}):
            return word
    return None


_THEFT = {"steal", "stole", "stolen", "loot", "looted", "looting", "pillage", "pillaged",
          "plunder", "plundered", "rustle", "rustled", "ransack", "ransacked"}  # fmt: skip


def _looting(
    trigger: str | None,
    named_armed: bool,
    target_text: str | None,
    event_type: str,
    sub_type: str,
) -> AcledCode:
    """Theft, and destruction by an armed group or of homes, crops and herds, is
    looting/property destruction; vehicles, offices or shops burnt or wrecked by
    people no armed group is named for ("assailants torched a bus") are a riot."""
    if named_armed:
        return AcledCode(event_type, sub_type, "property destroyed or taken by an armed group")
    if trigger is not None and trigger.lower() in _THEFT:
        return AcledCode(event_type, sub_type, f"property taken ({trigger})")
    rural = _any_word(_rules()["rural_property_words"], target_text or "")
    if rural:
        return AcledCode(event_type, sub_type, f"homes, crops or herds destroyed ({rural})")
    return AcledCode(
        "Riots", "Violent demonstration", "property burnt or wrecked, no armed group named"
    )


def _protest(context: str, fatalities: int | None) -> AcledCode:
    rules = _rules()
    if fatalities:
        return AcledCode(
            "Protests", "Excessive force against protesters", "protesters killed by force"
        )
    violent = _any_word(rules["violent_protest_words"], context)
    if violent:
        return AcledCode(
            "Riots", "Violent demonstration", f"demonstrators turned violent ({violent})"
        )
    cue = _intervention(context)
    if cue:
        return AcledCode("Protests", "Protest with intervention", f"authorities intervened ({cue})")
    return AcledCode("Protests", "Peaceful protest", "no violence or intervention reported")


def is_violent(family: str) -> bool:
    return family in VIOLENT_FAMILIES
