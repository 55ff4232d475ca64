"""Event families: what kind of act a trigger names, defined once.

A family is the coder's own category between a trigger word and the codebooks:
``kill``, ``explosive``, ``protest`` ... The trigger lexicon (``data/triggers.json``)
assigns one to every trigger; the ACLED / PLOVER mapping reads them. ``Family`` is a
``StrEnum``, so a member equals its string and the lexicon's strings convert with
``Family(name)`` (a typo fails there, loudly, instead of coding nothing).

The named sets below are the only definitions of "violent", "physical" and the like;
code asks them, never a literal set of family strings.
"""

from __future__ import annotations

from enum import StrEnum


class Family(StrEnum):
    # political violence
    ARMED = "armed"  # armed attack, shooting
    KILL = "kill"  # killing told without the means
    CLASH = "clash"  # fighting between armed sides
    SUICIDE = "suicide"
    EXPLOSIVE = "explosive"  # bombs, IEDs, landmines
    GRENADE = "grenade"
    AIR = "air"  # air and drone strikes
    SHELLING = "shelling"  # artillery, missiles, mortars
    ABDUCT = "abduct"
    SEXUAL = "sexual"
    TERRITORY_STATE = "territory_state"  # government regains territory
    TERRITORY_NONSTATE = "territory_nonstate"  # non-state actor overtakes territory
    # demonstrations
    PROTEST = "protest"
    RIOT = "riot"
    STRIKE = "strike"  # labour strike
    # strategic developments
    ARREST = "arrest"
    LOOT = "loot"  # looting, property destruction
    MOVEMENT = "movement"  # deployments, armed movements
    DEFUSE = "defuse"  # weapons defused or seized
    DISPLACE = "displace"
    CLOSURE = "closure"  # closures for security
    CROWD_CONTROL = "crowd_control"  # tear gas, baton charges: violent repression (CAMEO 175)
    GUARD = "guard"  # security on the ground: patrols, escorts, cordons, security arrangements
    RESTRICT = "restrict"  # forces stopping, sealing off, evicting or silencing (PLOVER COERCE)
    FORM_GROUP = "form_group"
    RECRUIT = "recruit"
    PREACH = "preach"
    RELEASE = "release"
    CEASEFIRE_END = "ceasefire_end"
    AGREEMENT = "agreement"
    BOMB_THREAT = "bomb_threat"  # bomb threats and scares (ACLED: Other)
    # statements and other PLOVER acts
    ACCUSE = "accuse"
    AID = "aid"
    CLAIM = "claim"
    COERCE = "coerce"
    CONCEDE = "concede"
    CONSULT = "consult"
    COOPERATE = "cooperate"
    INVESTIGATE = "investigate"
    MOBILIZE = "mobilize"
    REJECT = "reject"
    REQUEST = "request"
    RETREAT = "retreat"
    SANCTION = "sanction"
    SUPPORT = "support"
    THREATEN = "threaten"


F = Family

# Acts of political violence: coded with fatalities (0 when none are reported).
VIOLENT: frozenset[Family] = frozenset(
    {
        F.ARMED,
        F.KILL,
        F.CLASH,
        F.SUICIDE,
        F.EXPLOSIVE,
        F.AIR,
        F.SHELLING,
        F.GRENADE,
        F.ABDUCT,
        F.SEXUAL,
        F.TERRITORY_STATE,
        F.TERRITORY_NONSTATE,
    }
)

# Events that happen at a place: violence plus these.
# A weapon found, defused or intercepted is one too (CD415).
PHYSICAL: frozenset[Family] = VIOLENT | {F.ARREST, F.LOOT, F.PROTEST, F.RIOT, F.STRIKE, F.DEFUSE}

# Acts that stand on their own inside a statement ("boycotted the vote to protest"):
# never absorbed into the statement that tells them.
STANDALONE_ACTS: frozenset[Family] = frozenset(
    {F.PROTEST, F.STRIKE, F.RIOT, F.ARREST, F.LOOT, F.MOVEMENT, F.DEFUSE}
)

# Demonstrations.
PROTEST_LIKE: frozenset[Family] = frozenset({F.PROTEST, F.RIOT, F.STRIKE})

# Said, not done: statements coded in PLOVER only.
STATEMENTS: frozenset[Family] = frozenset({F.REQUEST, F.THREATEN, F.REJECT, F.ACCUSE})

# What a crowd may say while it protests ("to demand", "denounced", "rejected").
DEMANDS: frozenset[Family] = frozenset({F.REQUEST, F.ACCUSE, F.REJECT})


# --- sets the coder and the ACLED / PLOVER mapping ask (one definition each) ---------

# The two peaceful forms of demonstration: a march or sit-in, a labour strike.
PROTEST_OR_STRIKE: frozenset[Family] = frozenset({F.PROTEST, F.STRIKE})

# What attackers do around their violence (burn, loot, arrive, leave): folded into the
# violence its doers committed in the same sentence, and never the event's name.
AFTERMATH: frozenset[Family] = frozenset({F.LOOT, F.MOVEMENT})

# Violence told without its means ("attacked", "killed", "fought"): a weapon the
# sentence names ("fired mortar rounds") decides the family instead.
MEANS_UNSAID: frozenset[Family] = frozenset({F.ARMED, F.KILL, F.CLASH})

# Territory changing hands.
TERRITORY: frozenset[Family] = frozenset({F.TERRITORY_STATE, F.TERRITORY_NONSTATE})

# Acts that have victims: their unknown targets are civilians (ACLED).
WITH_VICTIMS: frozenset[Family] = frozenset(
    {
        F.ARMED,
        F.KILL,
        F.ABDUCT,
        F.ARREST,
        F.SEXUAL,
        F.EXPLOSIVE,
        F.AIR,
        F.SHELLING,
        F.GRENADE,
        F.SUICIDE,
        F.LOOT,
    }
)

# Security measures ("a curfew was imposed", "schools were closed"): ACLED codes them to
# the government when no one or only a local official is named.
SECURITY_MEASURES: frozenset[Family] = frozenset({F.COERCE, F.CLOSURE})

# How these ended or why they happened is often told in the next sentence: the
# ACLED mapping reads their whole paragraph (a detainee harmed: MP425).
TOLD_OVER_A_PARAGRAPH: frozenset[Family] = (
    PROTEST_LIKE | {F.DISPLACE, F.CLOSURE, F.ARREST} | TERRITORY  # fighting told (MP500)
)

# Leaving home, sermons: no event at all unless ACLED codes them (conflict-driven
# displacement, an armed group's preaching).
NO_EVENT_UNLESS_CODED: frozenset[Family] = frozenset({F.DISPLACE, F.PREACH})

# Deployments and mobilisations: ACLED codes them for armed actors only.
MOVEMENTS: frozenset[Family] = frozenset({F.MOVEMENT, F.MOBILIZE})

# An armed group's own activity (recruiting, preaching): coded for armed groups only.
ARMED_GROUP_ACTIVITY: frozenset[Family] = frozenset({F.RECRUIT, F.PREACH})

# Leaving home, closures: coded only when insecurity is given as the cause.
INSECURITY_RESPONSES: frozenset[Family] = frozenset({F.DISPLACE, F.CLOSURE})

# Acts that make a demonstration violent when told together with it.
DEMONSTRATION_TURNS_VIOLENT: frozenset[Family] = frozenset({F.ARMED, F.KILL, F.CLASH, F.LOOT})

# Violence a crowd commits (ACLED's riots when the doers are rioters or protesters;
# sexual violence by a mob is mob violence with a sexual-violence tag).
CROWD_VIOLENCE: frozenset[Family] = DEMONSTRATION_TURNS_VIOLENT | {F.ABDUCT, F.SEXUAL}

# Bombs thrown or planted: with gunfire against armed forces they are part of a battle.
BOMBS: frozenset[Family] = frozenset({F.EXPLOSIVE, F.GRENADE})

# Attacks by people (not by bombs or from the air): a battle on armed targets.
ATTACKS: frozenset[Family] = frozenset({F.ARMED, F.KILL})

# Fire from afar (air strikes, shelling): in a ground fight, one side's weapons.
REMOTE_FIRE: frozenset[Family] = frozenset({F.AIR, F.SHELLING})

# Weapons that strike from afar or are planted or thrown: what a verb that is no trigger
# may tell of as its instrument or agent ("hit with mortars", "hit by a mine").
REMOTE_WEAPONS: frozenset[Family] = REMOTE_FIRE | BOMBS


def is_violent(family: str) -> bool:
    return family in VIOLENT


def is_physical(family: str) -> bool:
    return family in PHYSICAL
