"""The codebooks newscoder codes to, read from ``data/codebook.json``, and the word cues
the ACLED mapping reads (``data/words``).

ACLED's event types with their sub-event types (in the codebook's priority order
inside each type), ACLED's armed actor types, PLOVER's 16 event types, and each event
family's default ACLED type and PLOVER mode. The one copy of these lists in the
package: the mapping (:mod:`.taxonomy`, :mod:`.plover`), the linker and the schema
test read them from here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from newscoder import lexicon
from newscoder.families import NO_EVENT_UNLESS_CODED, TERRITORY, Family
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.worldkb import lookup


@cache
def codebook() -> dict[str, Any]:
    """``data/codebook.json``: ACLED and PLOVER types, and each family's defaults."""
    path = resources.files("newscoder.data").joinpath("codebook.json")
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


ACLED_EVENT_TYPES: tuple[str, ...] = tuple(codebook()["acled_event_types"])
# The codebook's sub-event types with their priority order inside each type.
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    event_type: tuple(subs) for event_type, subs in codebook()["acled_event_types"].items()
}
PLOVER_TYPES: tuple[str, ...] = tuple(codebook()["plover_types"])
# Said rather than done: statements (the linker joins them only with the same actors).
PLOVER_STATEMENT_TYPES: frozenset[str] = frozenset(codebook()["plover_statement_types"]["types"])
ARMED_ACTOR_TYPES: frozenset[str] = frozenset(codebook()["acled_armed_actor_types"])
NON_STATE_ARMED: frozenset[str] = frozenset(codebook()["acled_non_state_armed_types"])
# A state's own forces, at home or abroad: State forces, External/Other forces.
STATE_ARMED: frozenset[str] = ARMED_ACTOR_TYPES - NON_STATE_ARMED
CROWDS: frozenset[str] = frozenset({"Rioters", "Protesters"})


def _family_defaults() -> dict[str, tuple[str, str]]:
    table = codebook()["family_acled_defaults"]
    return {k: (v[0], v[1]) for k, v in table.items() if k != "about"}


# Each family's ACLED event and sub-event type before the mapping's rules refine it.
FAMILY_DEFAULTS: dict[str, tuple[str, str]] = _family_defaults()
# The PLOVER mode an event of the family always has, whatever its trigger says.
FAMILY_MODES: dict[str, str] = {
    k: v for k, v in codebook()["family_plover_modes"].items() if k != "about"
}


@cache
def _plural_pattern(name: str) -> re.Pattern[str]:
    words = lexicon.word_list(name)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"\b(" + alternatives + r")(?:s|es)?\b")  # plural too


def any_word(name: str, text: str) -> str | None:
    """The first word of list ``name`` found in ``text`` (list order decides between
    several, plurals count); "March" the month is not a march."""
    low = text.lower()
    month = len(low) == len(text)  # offsets line up (lower() can lengthen some letters)
    found = {
        m.group(1)
        for m in _plural_pattern(name).finditer(low)
        if not (month and m.group(1) == "march" and text[m.start(1)].isupper())
    }
    return next((w for w in lexicon.word_list(name) if w in found), None)


def is_armed_type(actor_type: str | None) -> bool:
    """State forces, rebels, militias and external forces: ACLED's armed actor types."""
    return actor_type in ARMED_ACTOR_TYPES


def mob_justice(context: str) -> str | None:
    """A word saying the victims were taken for criminals ("a suspected thief", "accused
    of sorcery"): people who beat or kill them are a mob (ACLED's mob violence)."""
    return any_word("mob_justice", context)


GRIEVANCE_NOT_VIOLENCE = declare(
    "MP118", "grievance-is-no-violence", Stage.MAP, Kind.VETO,
    "violence a demonstration is about ('blocked the road after a student was injured') "
    "does not make the demonstration violent",
    source="ACLED codebook 2023, Protests: Peaceful protest",
)  # fmt: skip


SYMBOLIC_BURNING = declare(
    "MP119", "symbolic-burning-is-no-violence", Stage.MAP, Kind.VETO,
    "demonstrators who burn an effigy, a flag, a passport or a copy of a law make a "
    "gesture, not violence: the burning alone does not make the demonstration violent",
    source="ACLED codebook 2023, Riots: Violent demonstration (violence against people "
    "or property: vandalism, road-blocking with burning tires or other material)",
)  # fmt: skip


@cache
def _symbolic_object_near() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A symbolic object within three words after a burning word ("burned effigies of
    the minister", "set fire to copies of the bill"), or up to five before it ("the
    party's flag was burnt", "set the picture of the prime minister on fire")."""
    objects = lexicon.alternation("symbolic_objects")
    after = re.compile(r"(?:\s+(?:to|\w+'s|[\w-]+)){0,3}?\s+" + objects + r"(?:s|es)?\b")
    before = re.compile(r"\b" + objects + r"(?:s|es)?(?:\s+[\w-]+){0,5}\s+$")
    return after, before


def _symbolic(low: str, match: re.Match[str], clause: int) -> bool:
    after, before = _symbolic_object_near()
    end = min((i for i in (low.find(mark, match.end()) for mark in ",;.:") if i >= 0),
              default=len(low))  # fmt: skip
    return bool(after.match(low, match.end(), end) or before.search(low[clause : match.start()]))


FORCES_VIOLENCE = declare(
    "MP117", "forces-violence-is-not-the-crowds", Stage.MAP, Kind.VETO,
    "violence the forces do, named just before it with no demonstrator ('Police put up "
    "barricades', 'soldiers burned the camp') does not make a demonstration violent",
    source="ACLED codebook 2023, Riots: Violent demonstration (violence by demonstrators)",
)  # fmt: skip


# Words at most between the forces and the violence word they do ("police forces
# erected barricades", "soldiers then burned").
_FORCES_GAP = 3


def _forces_act(low: str, clause: int, at: int) -> bool:
    """Whether the violence word at ``at`` follows the forces as its subject, in its
    clause ``low[clause:at]`` with no demonstrator before them (MP117)."""
    found = list(lexicon.word_pattern("intervening_forces").finditer(low, clause, at))
    if not found or len(low[found[-1].end() : at].split()) > _FORCES_GAP:
        return False
    crowd = lexicon.word_pattern("protester_nouns").search(low, clause, at)
    return crowd is None or found[0].start() < crowd.start()


def _clause_start(low: str, at: int) -> int:
    """Where the clause holding ``at`` begins: after the last comma, semicolon, full stop
    or colon before it."""
    return max(low.rfind(mark, 0, at) for mark in ",;.:") + 1


@cache
def _protest_words() -> frozenset[str]:
    """Words that tell a demonstration or those who hold it (MP121)."""
    return lexicon.words("protest_context") | lexicon.words("protester_nouns")


def violent_protest(context: str, trigger: str | None = None) -> str | None:
    """A word saying demonstrators turned violent ("threw stones"), not told as their
    grievance: no cause word ("after", "following", "against" ...) before it in its
    clause ("blocked the road after a student was injured": the injury is why, MP118),
    and no burning of a symbolic object ("burned effigies": MP119)."""
    low = context.lower()
    cause = lexicon.word_pattern("grievance_cause_words")
    found: set[str] = set()
    vetoed = symbolic = forces = False
    for match in violence_words(low):
        clause = _clause_start(low, match.start())
        if cause.search(low, clause, match.start()) is not None:
            vetoed = True
        elif _forces_act(low, clause, match.start()):
            forces = True
        elif match.group(1) in lexicon.words("burning_words") and _symbolic(low, match, clause):
            symbolic = True
        else:
            found.add(match.group(1))
    if vetoed and not found:
        fire(GRIEVANCE_NOT_VIOLENCE, "vetoed", trigger or "")
    if symbolic and not found:
        fire(SYMBOLIC_BURNING, "vetoed", trigger or "")
    if forces and not found:
        fire(FORCES_VIOLENCE, "vetoed", trigger or "")
    return next((w for w in lexicon.word_list("violent_protest") if w in found), None)


def intervention_words(low: str) -> Iterator[re.Match[str]]:
    """The intervention words ("dispersed", "tear gas") in lower-cased ``low``."""
    return _plural_pattern("protest_intervention").finditer(low)


def violence_words(low: str) -> Iterator[re.Match[str]]:
    """The words of demonstrators' violence ("pelted", "clashed") in lower-cased ``low``."""
    return _plural_pattern("violent_protest").finditer(low)


# The characters before and after an intervention word in which its forces are told.
INTERVENTION_WINDOW = (90, 40)


BACKSTORY_NOT_INTERVENTION = declare(
    "MP121", "backstory-is-no-intervention", Stage.MAP, Kind.VETO,
    "an arrest or dispersal told of someone else ('relatives of a man who was arrested "
    "protested', 'had been detained') is the protest's cause, not its end",
    source="ACLED codebook 2023, Protests: Protest with intervention (against the protest)",
)  # fmt: skip

_PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:\w+\s+)?been\s+(?:\w+\s+)?$")


def _backstory(low: str, at: int) -> bool:
    """Whether the intervention word at ``at`` tells what happened to someone other than
    the demonstrators, or before the demonstration (MP121): in its clause after a cause
    word ("over the arrest of"), in a relative clause on someone not demonstrating
    ("a man who was arrested", "where the suspect was detained"), or in the past perfect."""
    clause = _clause_start(low, at)
    if lexicon.word_pattern("grievance_cause_words").search(low, clause, at):
        return True
    if _PERFECT.search(low, max(0, at - 40), at):
        return True
    relatives = list(lexicon.word_pattern("relative_words").finditer(low, clause, at))
    if not relatives:
        return False
    relative = relatives[-1]
    protest = _protest_words()
    if any(w in protest for w in re.findall(r"[\w-]+", low[relative.end() : at])):
        return False  # "farmers who demonstrated ... were dispersed": the clause is the protest
    said_of = low[max(0, relative.start() - 40) : relative.start()].rstrip(" ,").split()
    return not said_of or said_of[-1] not in protest


NAMED_FORCE_INTERVENES = declare(
    "MP122", "named-force-intervenes", Stage.MAP, Kind.FIND,
    "a state force told by its own name or acronym ('the PNC', 'Carabineros') next to an "
    "intervention word intervenes as 'police' does",
    source="ACLED codebook 2023, Protests: Protest with intervention",
)  # fmt: skip

_NAME = re.compile(r"\b[A-Z][\w'’-]+")


def _named_force(window: str) -> bool:
    """A word of ``window`` an actor base knows as a country's police or military."""
    return any(
        any(a.acled_type == "State forces" and a.role in {"COP", "MIL"} for a in lookup(m.group()))
        for m in _NAME.finditer(window)
    )


def intervention(context: str) -> str | None:
    """An intervention word said of the forces ("police fired tear gas", "gendarmes
    dispersed them"), not a grievance ("protested against arbitrary arrests", MP121)."""
    low = context.lower()
    forces = lexicon.word_pattern("intervening_forces")
    vetoed = None
    for match in intervention_words(low):
        word = match.group(1)
        if _backstory(low, match.start()):
            vetoed = word
            continue
        before, after = INTERVENTION_WINDOW
        window = context[max(0, match.start() - before) : match.end() + after]
        told = low[max(0, match.start() - 30) : match.start()]
        passive = re.search(r"\b(?:were|was|been)\s+(?:\w+\s+)?$", told)
        if forces.search(window) or (passive and word in {"dispersed", "arrested", "detained"}):
            return word
        if _named_force(window):  # "the PNC dispersed them", "Carabineros fired tear gas"
            fire(NAMED_FORCE_INTERVENES, "chose", word)
            return word
    if vetoed is not None:
        fire(BACKSTORY_NOT_INTERVENTION, "vetoed", vetoed)
    return None


def unarmed_clash(context: str) -> str | None:
    """A word naming the sides of a fight as unarmed people ("supporters", "villagers")
    when no word says they fought with weapons (MP061)."""
    if any_word("weapon_cues", context):
        return None
    return any_word("unarmed_sides", context)


# --- events that are none -------------------------------------------------------------

NO_TERRITORY = declare(
    "MP200", "no-territory-no-event", Stage.MAP, Kind.VETO,
    "seizing something ACLED does not code as territory ('seized power') is no event",
    source="ACLED codebook 2023, Battles",
)  # fmt: skip
NOT_CODED_NO_EVENT = declare(
    "MP205", "uncoded-displacement-no-event", Stage.MAP, Kind.VETO,
    "leaving home, a sermon, or shops shut by no one named, which ACLED does not code, is no event",
)  # fmt: skip


def no_event(family: str, event_type: str | None, *, doer_named: bool) -> Rule | None:
    """The rule that drops an event the mapping left without an ACLED type, or None."""
    if event_type is not None:
        return None
    if family in TERRITORY:
        return NO_TERRITORY
    if family in NO_EVENT_UNLESS_CODED or (family == Family.CLOSURE and not doer_named):
        return NOT_CODED_NO_EVENT
    return None
