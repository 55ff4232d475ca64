"""The force that met a demonstration: ACLED's actor2 of a protest with intervention.

ACLED codes a demonstration that the police dispersed, tear-gassed or arrested as
"Protest with intervention" with the demonstrators as actor1 and the intervening force
as actor2; a violent demonstration the forces confronted has them as actor2 too. The
mapping (MP120, MP125) reads that the forces intervened; this module names them:
the force word told with the intervention ("police fired tear gas", "dispersed by
gendarmes"), resolved as any generic force is ("Police Forces of India"). A protest
met by a counter-protest has the counter-protesters as actor2 (AC950).

Two more actor2s are given by the event's definition, not by a phrase: violence against
civilians targets civilians (AC955), and drugs or drug crops that forces seize or
destroy belong to an unidentified gang (AC425), and defused or seized weapons with no
owner named to an unidentified armed group (AC430).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from newscoder import lexicon
from newscoder.coding.actors import ActorContext, role_actor
from newscoder.coding.codebook import INTERVENTION_WINDOW, intervention_words, violence_words
from newscoder.coding.state_agents import generic_force, military_of
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.types import Actor, Span

INTERVENING_FORCE = declare(
    "AC920", "intervening-force-is-actor2", Stage.CODE, Kind.FIND,
    "the force told dispersing, tear-gassing or arresting demonstrators ('police fired "
    "tear gas') is actor2 of the protest with intervention or violent demonstration",
    source="ACLED codebook 2023, Protests: Protest with intervention; Riots",
)  # fmt: skip

CONFRONTED_FORCE = declare(
    "AC922", "confronted-force-is-actor2", Stage.CODE, Kind.FIND,
    "the force told with the rioters' violence ('threw bottles at police officers', 'clashed "
    "with gendarmes') is actor2 of the violent demonstration or mob violence",
    source="ACLED codebook 2023, Riots: Violent demonstration; Mob violence",
)  # fmt: skip

UNNAMED_INTERVENING_FORCE = declare(
    "AC921", "unnamed-intervening-force", Stage.CODE, Kind.DEFAULT,
    "demonstrators dispersed, tear-gassed or arrested with no force named ('the marchers "
    "were dispersed'): the police, as for arrests and crowd control (AC900/905)",
    source="ACLED codebook 2023, Protests: Protest with intervention",
)  # fmt: skip

PROTEST_TARGET = declare(
    "AC925", "protest-target-not-actor2", Stage.CODE, Kind.REFINE,
    "whom a peaceful protest is against ('against the military') is its target, not actor2: "
    "ACLED leaves a peaceful protest's actor2 blank unless counter-protesters",
    source="ACLED codebook 2023, Protests: Peaceful protest",
)  # fmt: skip

# The sub-events whose actor2 is the force that met the demonstrators.
MET_BY_FORCE = frozenset(
    {
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
        "Mob violence",
    }
)
# Those in which the demonstrators' violence may be aimed at the forces (AC922).
RIOTED = frozenset({"Violent demonstration", "Mob violence"})
# Those in which the forces acted on the demonstrators: no force named is the police.
POLICED = frozenset({"Protest with intervention", "Excessive force against protesters"})


def intervening_force(
    text: str,
    spans: list[Span],
    ctx: ActorContext,
    *,
    day: dt.date | None,
    country: str | None,
    confronted: bool = False,
) -> Actor | None:
    """The state force told nearest an intervention word in ``spans`` of ``text`` (the
    event's sentences, or its paragraph), or with ``confronted`` nearest a word of the
    rioters' violence (AC922); None when none is named."""
    forces = lexicon.word_pattern("intervening_forces")
    before, after = INTERVENTION_WINDOW
    rule = CONFRONTED_FORCE if confronted else INTERVENING_FORCE
    anchors = violence_words if confronted else intervention_words
    for span in spans:
        low = text[span.start : span.end].lower()
        for word in anchors(low):
            lo, hi = max(0, word.start() - before), min(len(low), word.end() + after)
            found = sorted(
                forces.finditer(low, lo, hi), key=lambda m: abs(m.start() - word.start())
            )
            if confronted:
                found = [m for m in found if _aimed_at(low, word, m)]
            for match in found:
                start, end = span.start + match.start(), span.start + match.end()
                actor = generic_force(text[start:end], start, end, ctx, day, country)
                if actor is None:
                    continue
                fire(rule, "found", text[start:end], start, detail=actor.name)
                why = rule.why(f"{text[start:end]!r} {word.group(1)!r}")
                reason = why + (f"; {actor.reason}" if actor.reason else "")
                return replace(actor, start=start, end=end, reason=reason, rule=rule.id)
    return None


def _aimed_at(low: str, word: re.Match[str], force: re.Match[str]) -> bool:
    """Whether the rioters' violence ``word`` is aimed at ``force`` (AC922): the force
    after it, behind a target word in its clause ("threw stones at the police", "clashed
    with gendarmes"), or before a clash in its clause ("demonstrators and police clashed").
    A force told elsewhere in the sentence ("against the army recruitment scheme", "a
    man shot by police") is not whom the violence met."""
    if force.start() >= word.end():
        between = low[word.end() : force.start()]
        aimed = any(w in lexicon.words("aimed_at_words") for w in between.split())
    else:
        between = low[force.end() : word.start()]
        aimed = word.group(1).startswith("clash")
    return aimed and not _CLAUSE_BREAK.search(between)


_CLAUSE_BREAK = re.compile(r"[,;.:()]")


def unnamed_intervening_force(
    at: int, ctx: ActorContext, *, day: dt.date | None, country: str | None
) -> Actor | None:
    """The police of the event's country, for an intervention told with no force (AC921)."""
    actor = generic_force("police", at, at, ctx, day, country)
    if actor is None:
        return None
    fire(UNNAMED_INTERVENING_FORCE, "defaulted", "intervention", at, detail=actor.name)
    why = UNNAMED_INTERVENING_FORCE.why(f"no force named: {actor.name}")
    # no span: no word in the text names the force
    return replace(actor, start=None, end=None, reason=why, rule=UNNAMED_INTERVENING_FORCE.id)


COUNTER_PROTEST = declare(
    "AC950", "counter-protesters-actor2", Stage.CODE, Kind.DEFAULT,
    "a protest the report says was met by a counter-protest ('a counter-demonstration of "
    "about 50') has the counter-protesters, Protesters of its country, as actor2",
    source="ACLED codebook 2023, Protests: both sides of a counter-demonstration",
)  # fmt: skip


def counter_protesters(
    actor1: Actor | None,
    actor2: Actor | None,
    event_type: str | None,
    context: Span | None,
    text: str,
) -> Actor | None:
    """Protesters who met a protest with their own (AC950): actor2 of a protest that has
    none, from the paragraph that tells it."""
    if event_type != "Protests" or actor2 is not None or context is None:
        return actor2
    if actor1 is None or actor1.type != "Protesters":
        return actor2
    found = lexicon.word_pattern("counter_protest_words").search(text, context.start, context.end)
    if found is None:
        return actor2
    said = Actor(name=found.group(0), type=None, start=found.start(), end=found.end())
    why = f"{found.group(0)!r}: protesters against the protest"
    return role_actor(
        "Protesters", "Protesters", "protest", said, actor1.country_code, COUNTER_PROTEST, why
    )


VIOLENCE_ON_CIVILIANS = declare(
    "AC955", "civilians-targeted-by-definition", Stage.CODE, Kind.DEFAULT,
    "violence against civilians with no victim named as an actor ('gunmen carried out "
    "shootings') has Civilians of its country as actor2, its target by definition",
    source="ACLED codebook 2023, Violence against civilians",
)  # fmt: skip


def civilians_by_definition(
    actor2: Actor | None, event_type: str | None, country: str | None, trigger: str, at: Span
) -> Actor | None:
    """ACLED's violence against civilians always has civilians as its target: actor2
    when the text named none (AC955), cited at the trigger that told the violence."""
    if event_type != "Violence against civilians" or actor2 is not None:
        return actor2
    said = Actor(name=trigger, type=None, start=at.start, end=at.end)
    why = "the target of violence against civilians"
    return role_actor(
        "Civilians", "Civilians", "civilians", said, country, VIOLENCE_ON_CIVILIANS, why
    )


def protest_target(
    actor2: Actor | None, sub_event: str | None
) -> tuple[Actor | None, Actor | None]:
    """(actor2, target): a peaceful protest's other side moves to ``target`` unless it is
    protesters (a counter-demonstration), AC925."""
    if sub_event != "Peaceful protest" or actor2 is None or actor2.type == "Protesters":
        return actor2, None
    fire(PROTEST_TARGET, "rewrote", actor2.name, actor2.start)
    return None, actor2


CONTRABAND_HOLDERS = declare(
    "AC425", "contraband-holders-gang", Stage.CODE, Kind.DEFAULT,
    "drugs, drug crops or a drug laboratory that state forces seized or destroyed belong "
    "to an unidentified gang: actor2 of the property destruction",
    source="ACLED codebook 2023, Strategic developments: Looting/property destruction",
)  # fmt: skip


def contraband_holders(
    actor1: Actor | None, actor2: Actor | None, sub_event: str | None, told: str, at: int
) -> Actor | None:
    """Forces that seize or destroy drugs, a drug plantation or a laboratory strike at
    the gang that owns them, whom the report does not name (AC425): ACLED writes an
    unidentified gang of the country as actor2, not civilians. ``told`` is the text of
    the event's sentences, starting at offset ``at``."""
    if sub_event != "Looting/property destruction" or actor1 is None:
        return actor2
    if actor1.type != "State forces" or (actor2 is not None and actor2.type != "Civilians"):
        return actor2
    found = lexicon.word_pattern("illicit_goods").search(told)
    if found is None:
        return actor2
    said = Actor(name=found.group(0), type=None, start=at + found.start(), end=at + found.end())
    why = f"{found.group(0)!r} seized or destroyed by the forces: a gang's"
    return role_actor(
        "Unidentified Gang", "Political militia", "gang", said, actor1.country_code,
        CONTRABAND_HOLDERS, why,
    )  # fmt: skip


WEAPON_HOLDERS = declare(
    "AC430", "disrupted-weapons-holders", Stage.CODE, Kind.DEFAULT,
    "a bomb defused or weapons seized with no owner named belong to an unidentified armed "
    "group: actor2 of the disrupted weapons use",
    source="ACLED codebook 2023, Strategic developments: Disrupted weapons use",
)  # fmt: skip


def weapon_holders(
    actor1: Actor | None,
    actor2: Actor | None,
    sub_event: str | None,
    told: Span,
    text: str,
    ctx: ActorContext,
    *,
    day: dt.date | None,
    country: str | None,
) -> Actor | None:
    """Forces that defuse a bomb, seize a weapons cache or down a drone disrupt the armed
    group that owns it, whom the report does not name (AC430): ACLED writes an
    unidentified armed group of the country as actor2. A sentence ``told`` (of the
    article's ``text``) that tells the weapon in flight as another country's ("shot down
    a Russian drone") names its owner: that country's military, typed at home or abroad
    as the curated base types it."""
    if sub_event != "Disrupted weapons use" or actor2 is not None or actor1 is None:
        return actor2
    if actor1.type != "State forces" or told.start is None:
        return actor2
    gaz = get_gazetteer()
    for found in _weapon_of().finditer(text, told.start, told.end):
        nation = gaz.country(found.group(1), codes=False)
        if nation is not None and nation.code != actor1.country_code:
            # "shot down a Russian drone": that state's military, or no one
            start, end = found.span(1)
            return military_of(nation, start, end, ctx, day, country, WEAPON_HOLDERS, found[0])
    why = "the weapons' owner is not named"
    return role_actor(
        "Unidentified Armed Group", "Political militia", "unidentified", None,
        country or actor1.country_code, WEAPON_HOLDERS, why,
    )  # fmt: skip


@cache
def _weapon_of() -> re.Pattern[str]:
    # Things in flight only: a seized "Chinese grenade" is of Chinese make, not China's.
    weapons = "|".join(lexicon.alternation(n) for n in ("aircraft_nouns", "projectile_nouns"))
    return re.compile(r"\b([A-Z][a-z]+)\s+(?:[a-z-]+\s+)?(?:" + weapons + r")s?\b")
