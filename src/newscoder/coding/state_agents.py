"""Who acted, when the report names the act but not the actor, and only state forces
do such things.

- An arrest ("over 50 persons were arrested, police said") is coded by ACLED to the
  force that made it; only the state arrests (an armed group's taking of people is an
  abduction), so an arrest with no arresting force named is the police's (AC900).
- Crowd control ("tear-gas shells were lobbed to disperse the crowd", "resorted to a
  lathi-charge") is police work (AC905), and so is security on the ground with no one
  named providing it ("the train left amid tight security", "security arrangements
  were made") (AC907). A criminal case registered with no one named registering it
  ("a case was registered against them") is the police's too (AC480).
- Violence told through a force's means ("two were killed in police firing", "died
  due to police firing", "fell to police bullets", "firing by the army") was done by
  that force (AC910); without this the killing would go to an unidentified group.
- An air strike or shelling named with a country ("Iraqi airstrikes", "a Turkish drone
  strike", "Russia's shelling") was done by that state's military (AC915): only states
  fly strike aircraft, and the country word is the doer, not a place.

The forces are generic actors typed by the knowledge base's roles ("Police Forces of
India"), with the country the coder has for the event or the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from newscoder.coding.actors import ActorContext, resolve_actor
from newscoder.coding.codebook import STATE_ARMED
from newscoder.extract.events import Phrase
from newscoder.families import REMOTE_FIRE
from newscoder.lexicon import alternation, word_pattern
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.gazetteer import Country, get_gazetteer
from newscoder.types import Actor, Span

UNNAMED_ARRESTING_FORCE = declare(
    "AC900", "unnamed-arresting-force", Stage.CODE, Kind.DEFAULT,
    "an arrest with no arresting force named ('were arrested') was made by the police "
    "of the country: ACLED codes arrests to the force that made them",
    source="ACLED codebook 2023, Strategic developments: Arrests",
)  # fmt: skip
UNNAMED_CROWD_CONTROL = declare(
    "AC905", "unnamed-crowd-control", Stage.CODE, Kind.DEFAULT,
    "tear gas, baton charges and water cannon with no one named using them: the police",
)  # fmt: skip
UNNAMED_SECURITY = declare(
    "AC907", "unnamed-security-measure", Stage.CODE, Kind.DEFAULT,
    "security on the ground (patrols, escorts, cordons, 'security arrangements', 'tight "
    "security') with no one named providing it: the police",
)  # fmt: skip
UNNAMED_SEIZING_FORCE = declare(
    "AC908", "unnamed-seizing-force", Stage.CODE, Kind.DEFAULT,
    "weapons seized, recovered or confiscated with no one named taking them ('two pistols "
    "were seized from the house'): the police",
    source="ACLED codebook 2023, Strategic developments: Disrupted weapons use",
)  # fmt: skip
UNNAMED_CASE_REGISTRAR = declare(
    "AC480", "unnamed-case-registrar", Stage.CODE, Kind.DEFAULT,
    "a criminal case or FIR registered with no one named registering it ('a case was "
    "registered against ten people'): the police, who register cases",
    source="PLOVER codebook (CAMEO 091 Investigate crime -> ACCUSE, investigate)",
)  # fmt: skip
FORCE_NAMED_BY_MEANS = declare(
    "AC910", "force-named-by-means", Stage.CODE, Kind.CHOOSE,
    "violence told through a force's means ('killed in police firing', 'fell to police "
    "bullets', 'firing by the army') was done by that force",
)  # fmt: skip

STATE_BY_STRIKE = declare(
    "AC915", "state-named-by-strike", Stage.CODE, Kind.CHOOSE,
    "an air strike, drone strike or shelling named with a country ('Iraqi airstrikes', "
    "'a Turkish drone strike') was done by that state's military",
    source="ACLED codebook 2023, Explosions/Remote violence; actor: Military Forces of X",
)  # fmt: skip
STATE_AS_ATTACKER = declare(
    "AC930", "state-as-attacker", Stage.CODE, Kind.CHOOSE,
    "a state named alone as the doer of violence ('Russia shelled Kharkiv', 'Israel's "
    "airstrikes') is its military, not an armed group of no known kind",
    source="ACLED codebook 2023, Actors: Military Forces of X",
)  # fmt: skip

_POLICE = "police"


@cache
def _means_pattern() -> re.Pattern[str]:
    forces = alternation("state_force_nouns")
    means = alternation("force_means_nouns")
    return re.compile(
        rf"\b(?P<force>{forces})(?:['’]s?)?\s+{means}\b"
        rf"|\b{means}\s+by\s+(?:the\s+)?(?:\w+\s+)?(?P<force2>{forces})\b",
        re.IGNORECASE,
    )


def names_force_means(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` (a trigger) tell a state force's means
    ("police firing", "firing by the army")."""
    window = _means_pattern().finditer(text, max(0, start - 40), min(len(text), end + 40))
    return any(m.start() < end and start < m.end() for m in window)


def generic_force(
    text: str, start: int, end: int, ctx: ActorContext, day: dt.date | None, country: str | None
) -> Actor | None:
    head = text.split()[-1]
    phrase = Phrase(text=text, start=start, end=end, head=head, head_lemma=head.lower())
    actor = resolve_actor(phrase, ctx, on=day, country=country)
    return actor if actor is not None and actor.type == "State forces" else None


# The verbs of a weapons seizure (EV300's "seize" rows), not of a bomb found or defused.
_SEIZED = re.compile(r"\b(?:seiz|recover|confiscat)")


def unnamed_agent(
    families: set[str],
    ctx: ActorContext,
    *,
    day: dt.date | None,
    country: str | None,
    at: int,
    said: str = "",
) -> Actor | None:
    """The police (or the force the trigger words ``said`` name: "deployment of the
    army"), for an event told by an arrest, crowd control or a security measure (the
    families of its mentions) with no actor named (AC900, AC905, AC907, AC908); else None."""
    if "crowd_control" in families:
        rule, family = UNNAMED_CROWD_CONTROL, "crowd_control"
    elif "arrest" in families:
        rule, family = UNNAMED_ARRESTING_FORCE, "arrest"
    elif "guard" in families:
        rule, family = UNNAMED_SECURITY, "guard"
    elif "defuse" in families and _SEIZED.search(said.lower()):
        rule, family = UNNAMED_SEIZING_FORCE, "seizure"
    elif "investigate" in families and word_pattern("criminal_case_nouns").search(said.lower()):
        rule, family = UNNAMED_CASE_REGISTRAR, "investigate"
    else:
        return None
    # "the deployment of the army": a force the trigger itself names, else the police.
    named = word_pattern("state_force_nouns").search(said)
    actor = generic_force(named.group() if named else _POLICE, at, at, ctx, day, country)
    if actor is None:
        return None
    fire(rule, "defaulted", family, at, detail=actor.name)
    return _decided_by(actor, rule, f"no {family.replace('_', ' ')} actor named: {actor.name}")


# The country word and the words that may stand between it and a strike or shelling
# noun: a force ("army", "air force"), a means ("drone", "UAV", "artillery") or an
# article. The trigger must follow the match directly.
@cache
def _striker() -> re.Pattern[str]:
    return re.compile(
        r"(?P<nation>\b[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)??)(?:['’]s?)?\s+"
        rf"(?:{alternation('strike_force_words')}\s+)*"
        # "Iranian air force jets carried out (two) strikes": the means' light verb
        rf"(?:(?<=\s){alternation('strike_light_verbs')}\s+(?:[\w-]+\s+){{0,2}})?$"
    )


def state_by_strike(
    text: str,
    trigger: Span,
    family: str,
    ctx: ActorContext,
    *,
    day: dt.date | None,
    country: str | None,
) -> Actor | None:
    """The military of the country named just before an air strike or shelling noun
    ("Iraqi airstrikes", "a Moroccan army UAV airstrike", "Russia's shelling"), or None
    (AC915)."""
    if family not in REMOTE_FIRE or trigger.start is None:
        return None
    match = _striker().search(text, max(0, trigger.start - 80), trigger.start)
    if match is None:
        return None
    start, end = match.span("nation")
    evidence = text[start : trigger.end]
    nation = get_gazetteer().country(match.group("nation"), codes=False)  # no "IS" Iceland
    return military_of(nation, start, end, ctx, day, country, STATE_BY_STRIKE, evidence)


def state_as_attacker(
    actor: Actor,
    ctx: ActorContext,
    *,
    day: dt.date | None,
    country: str | None,
    rule: Rule = STATE_AS_ATTACKER,
) -> Actor | None:
    """ "Russia shelled Kharkiv", "Israel's airstrikes": a state named as the doer of
    violence, its name alone and untyped, is its military (AC930), not the armed group
    of no known kind an untyped attacker becomes."""
    if actor.type is not None or actor.start is None or actor.end is None:
        return None
    name = _POSSESSIVE.sub("", actor.name)
    words = name.split()
    if words and words[0].lower() == "the":
        name = " ".join(words[1:])
    if not name[:1].isupper():
        return None  # "a car" is no CAR
    # By name only: "Palestinians" who clash are people, not their state's forces, and
    # "the CV" (a gang) is not Cabo Verde.
    nation = get_gazetteer().country_by_name(name)
    return military_of(nation, actor.start, actor.end, ctx, day, country, rule, name)


STATE_MOVES_FORCES = declare(
    "AC932", "state-moves-forces", Stage.CODE, Kind.CHOOSE,
    "a state named alone as the one that deploys, moves or withdraws troops ('Poland "
    "deployed troops') is its military; the troops, its own, are no actor2",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip

_POSSESSIVE = re.compile(r"['’]s?$")


def military_of(
    nation: Country | None,
    start: int,
    end: int,
    ctx: ActorContext,
    day: dt.date | None,
    country: str | None,
    rule: Rule,
    evidence: str,
) -> Actor | None:
    """The military of ``nation``, typed as the knowledge base types it at home (State
    forces) or abroad (External/Other forces, AC215); None without a nation or when the
    base has no military for it."""
    if nation is None:
        return None
    phrase = Phrase(
        text="military",
        start=start,
        end=end,
        head="military",
        head_lemma="military",
        modifiers=(nation.name,),
    )
    actor = resolve_actor(phrase, ctx, on=day, country=country)
    if actor is None or actor.type not in STATE_ARMED:
        return None
    fire(rule, "chose", evidence, start, detail=actor.name)
    return _decided_by(actor, rule, f"{evidence!r}: {actor.name}", start, end)


def _decided_by(
    actor: Actor, rule: Rule, why: str, start: int | None = None, end: int | None = None
) -> Actor:
    """The force a rule found, placed at the words that tell it (none for a default)."""
    return replace(actor, start=start, end=end, reason=rule.why(why), rule=rule.id)


def force_by_means(
    text: str,
    sentence: Span,
    ctx: ActorContext,
    *,
    day: dt.date | None,
    country: str | None,
) -> Actor | None:
    """The force whose firing, bullets or action the sentence tells the violence
    through ("two were killed in police firing"), or None (AC910)."""
    match = _means_pattern().search(text, sentence.start, sentence.end)
    if match is None:
        return None
    group = "force" if match.group("force") else "force2"
    start, end = match.span(group)
    actor = generic_force(text[start:end], start, end, ctx, day, country)
    if actor is None:
        return None
    fire(FORCE_NAMED_BY_MEANS, "chose", match.group(), match.start(), detail=actor.name)
    why = f"{match.group()!r}: {actor.name}"
    return _decided_by(actor, FORCE_NAMED_BY_MEANS, why, start, end)
