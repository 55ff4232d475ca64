"""The draft of one event, filled in by the coder's steps (see :mod:`.coder`).

A ``Draft`` starts as the mentions of one event; the steps give it a date, a
place, casualties and actors, and :mod:`.assembly` turns it into an
:class:`~newscoder.types.Event`. Its family and its head mention are derived from
its mentions by the rules declared here.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field

from newscoder import lexicon
from newscoder.coding.codebook import any_word
from newscoder.extract.arguments import Phrase
from newscoder.extract.events import Mention, instruments, specificity
from newscoder.extract.syntax import names_force
from newscoder.families import (
    AFTERMATH,
    MEANS_UNSAID,
    PHYSICAL,
    REMOTE_FIRE,
    TERRITORY,
    Family,
    is_violent,
)
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.types import Actor, Casualty, DateValue, Place

# The event's head: the mention that names it (its trigger is the event's trigger).
HEAD_KILLING = declare(
    "CD055", "head-killing-before-aftermath", Stage.CODE, Kind.CHOOSE,
    "a killing told with only burning or movement around it names the event "
    "('three were killed, houses burned')",
)  # fmt: skip
HEAD_NOT_CASUALTY = declare(
    "CD060", "head-not-casualty-verb", Stage.CODE, Kind.CHOOSE,
    "the event's trigger is its first mention that is not a casualty verb "
    "('attacked ..., killing two': attacked)",
)  # fmt: skip
HEAD_COERCED_FLIGHT = declare(
    "CD057", "head-coerced-flight", Stage.CODE, Kind.CHOOSE,
    "forcing people to flee or leave names their displacement ('gunmen forced 200 villagers "
    "to leave the village'): the flight is the event, the forcing its means",
    source="ACLED codebook 2023, Strategic developments: Other (displacement)",
)  # fmt: skip
# The event's family.
FAMILY_DEFUSED = declare(
    "CD065", "family-defused", Stage.CODE, Kind.REFINE,
    "a device defused or seized makes the event a disrupted weapons use: the bomb did not go off",
    source="ACLED codebook 2023, Strategic developments: Disrupted weapons use",
)  # fmt: skip
FAMILY_BY_WEAPON = declare(
    "CD070", "family-by-weapon", Stage.CODE, Kind.REFINE,
    "violence told without its means takes the family of the weapon the sentence names "
    "('fired mortar rounds at the base': shelling)",
)  # fmt: skip
FAMILY_MOST_SPECIFIC = declare(
    "CD075", "family-most-specific", Stage.CODE, Kind.CHOOSE,
    "of the violent mentions and the head, the most specific family names the event",
)  # fmt: skip
WEAPON_IN_FIGHT = declare(
    "CD340", "weapon-in-a-fight", Stage.CODE, Kind.VETO,
    "a weapon named with fighting or firearms ('fought with artillery', 'attacked with small "
    "arms and an IED') leaves the fight a fight, not remote violence",
    source="ACLED codebook 2023, Battles: Armed clash; Explosions/Remote violence",
)  # fmt: skip


FIGHT_WITH_REMOTE_FIRE = declare(
    "CD345", "fight-with-remote-fire", Stage.CODE, Kind.VETO,
    "airstrikes or shelling told with fighting, or fired by the side a ground attack "
    "targets, leave the event a fight, not remote violence",
    source="ACLED codebook 2023, Battles: Armed clash; Explosions/Remote violence",
)  # fmt: skip
THING_SEIZED = declare(
    "CD410", "thing-seized-with-violence", Stage.CODE, Kind.VETO,
    "a thing seized with killing or fighting ('killed a trader and seized his car') is what "
    "the attackers took: the violence names the event",
    source="ACLED codebook 2023, Violence against civilians: Attack; Battles",
)  # fmt: skip


# Killing or fighting told with a seizure: the violence names the event (CD410); with a
# raid or a storming alone, what was taken does (looting).
_DEADLY = frozenset({Family.KILL, Family.CLASH})


def seized_thing(m: Mention) -> bool:
    """A seizure whose object is a thing, not a place ("seized his car")."""
    if m.family not in TERRITORY or m.actor2 is None:
        return False
    head = m.actor2.head
    objects = lexicon.words("territory_objects")
    return not (
        head[:1].isupper()
        or head.lower() in objects
        or any_word("territory_objects", m.actor2.text)
    )


@dataclass
class Draft:
    mentions: list[Mention]
    date: DateValue | None = None
    own_date: bool = False
    place: Place | None = None
    own_place: bool = False
    actor1: Actor | None = None
    actor2: Actor | None = None
    casualties: list[Casualty] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    cause: bool = False  # told as what a protest is about: never the report's main event
    effect: bool = False  # displacement told with its cause (CD300): may be the main event
    at_protest: bool = False  # detentions at a demonstration (CD305): not the main event
    # Tokens of mentions told as another event in the sentence (CD017): never merged with it.
    apart: set[int] = field(default_factory=set)
    # Mentions whose only part in the event is its toll (CD150): evidence, not its kind.
    toll: list[Mention] = field(default_factory=list)
    _family: tuple[int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def head(self) -> Mention:
        """The mention that names the event: casualty verbs ("killing") yield to the
        trigger they report on."""
        return head_of(self.mentions)[0]

    def told_apart_from(self, other: Draft) -> bool:
        """Whether CD017 kept a mention of this draft apart from one of ``other``."""
        return any(m.token_i in self.apart for m in other.mentions) or any(
            m.token_i in other.apart for m in self.mentions
        )

    @property
    def last_paragraph(self) -> int:
        return max(m.paragraph for m in self.mentions)

    @property
    def anaphoric(self) -> bool:
        return any(m.anaphoric for m in self.mentions)

    @property
    def family(self) -> str:
        # Mentions are only ever appended: the family is cached per mention count.
        if self._family is None or self._family[0] != len(self.mentions):
            self._family = (len(self.mentions), family_of(self.mentions, self.head)[0])
        return self._family[1]

    @property
    def violent(self) -> bool:
        return is_violent(self.family)

    @property
    def physical(self) -> bool:
        """Violence, arrests, looting, protests: events that happen at a place."""
        return self.family in PHYSICAL

    @property
    def start(self) -> int:
        return self.head.trigger_span.start


def head_of(mentions: list[Mention]) -> tuple[Mention, Rule]:
    """The head mention and the rule that chose it."""
    others = [m for m in mentions if m.family != Family.KILL]
    fled = next((m for m in others if _coerced_flight(m, others)), None)
    if fled is not None:
        return fled, HEAD_COERCED_FLIGHT
    if (
        others
        and len(others) < len(mentions)
        and all(m.family in AFTERMATH or seized_thing(m) for m in others)
    ):
        return mentions[0], HEAD_KILLING  # "three were killed, houses burned": the killing
    return (others[0] if others else mentions[0]), HEAD_NOT_CASUALTY


def _coerced_flight(m: Mention, mentions: list[Mention]) -> bool:
    """A displacement governed by "forced" or "compelled" of the same event (CD057)."""
    return m.family == Family.DISPLACE and any(
        g.token_i == m.governor_token
        and g.family == Family.RESTRICT
        and g.trigger.lower() in lexicon.words("compel_verbs")
        for g in mentions
    )


def family_of(mentions: list[Mention], head: Mention) -> tuple[str, Rule]:
    """The event's family and the rule that decided it."""
    if any(m.family == Family.DEFUSE for m in mentions):
        return Family.DEFUSE, FAMILY_DEFUSED  # "defused several IEDs": the bombs did not go off
    fams = [m.family for m in mentions if is_violent(m.family) or m is head]
    taken = [m for m in mentions if seized_thing(m)]
    if taken and any(m.family in _DEADLY for m in mentions):
        # "killed a trader and seized his car": what they took does not name the event
        kept = [m for m in mentions if m not in taken]
        fams = [m.family for m in kept if is_violent(m.family) or m is head]
        fire(THING_SEIZED, "vetoed", taken[0].trigger, taken[0].trigger_span.start)
    weapons: list[str] = []
    if any(f in MEANS_UNSAID for f in fams) or _bare_strike(head):
        # "fired mortar rounds at the base", "killed by a landmine": the weapon decides.
        weapons = [i for m in mentions for i in m.instruments]
    firearms = Family.ARMED in weapons
    weapons = [w for w in weapons if w != Family.ARMED]
    fight = _fight_with_remote_fire(mentions, fams)
    if fight is not None:
        # "attacked soldiers with firearms, in conjunction with shelling by the army": the
        # other side's remote fire is its part of the fight, whatever weapons are named.
        return fight, FIGHT_WITH_REMOTE_FIRE
    if weapons and (firearms or Family.CLASH in fams):
        # "clashed ... artillery", "with small arms and an IED": a fight, not remote violence;
        # the weapon nouns told as mentions of their own ("grenades") go with their weapons.
        named = instruments()
        fought = [
            m.family
            for m in mentions
            if (is_violent(m.family) or m is head)
            and (m is head or named.get(m.trigger.lower().rstrip("s")) is None)
            and m.family not in REMOTE_FIRE  # "shelling" told beside the fight is its weapon
        ]
        best = max(fought or [Family.ARMED], key=lambda f: specificity().get(f, 0))
        return best, WEAPON_IN_FIGHT
    rank = specificity()
    if _bare_strike(head) and Family.SHELLING in weapons:
        # "a missile strike", "artillery strikes": the weapon names the strike (CD070)
        return Family.SHELLING, FAMILY_BY_WEAPON
    best = max(fams + weapons, key=lambda f: rank.get(f, 0))
    if weapons and best not in fams:
        return best, FAMILY_BY_WEAPON
    return best, FAMILY_MOST_SPECIFIC


def _bare_strike(m: Mention) -> bool:
    """ "strike(s)" named by its weapon word ("missile strike", "artillery strikes"), not by
    its own ("airstrike", "drone strike" are air strikes whatever else is named)."""
    return m.family == Family.AIR and m.trigger.lower().split()[-1] in {"strike", "strikes"}


def _fight_with_remote_fire(mentions: list[Mention], fams: list[str]) -> str | None:
    """The ground fight's family when remote fire is only one side's part of a fight
    (CD345): fighting told with it, or a ground attack whose target fires it."""
    remote = [m for m in mentions if m.family in REMOTE_FIRE]
    if not remote:
        return None
    if any(m.family == Family.CLASH and not _inside(m, remote) for m in mentions):
        return Family.CLASH
    for ground in mentions:
        if ground.family != Family.ARMED or ground.actor1 is None or ground.actor2 is None:
            continue
        if any(m.actor1 is not None and _same_side(m.actor1, ground.actor2) for m in remote):
            return Family.ARMED
    return None


def _inside(m: Mention, others: list[Mention]) -> bool:
    """Told inside another mention's clause, before its trigger ("following the clashes,
    the army carried out airstrikes"): what came before that act, not a fight of its own
    ("airstrikes amid clashes" is one fight)."""
    at = m.trigger_span.start
    return any(o.clause is not None and o.clause.start <= at < o.trigger_span.start for o in others)


def _same_side(a: Phrase, b: Phrase) -> bool:
    """Two phrases for one side: the same head word ("the army", "army troops" is not),
    or both a state's forces ("Turkish soldiers", "Turkish forces")."""
    if a.head_lemma.lower() == b.head_lemma.lower():
        return True
    return names_force(a.text) and names_force(b.text)


def day(value: DateValue | None) -> dt.date | None:
    if value is None or value.value is None:
        return None
    return dt.date.fromisoformat(value.value)


def in_scope(m: Mention, offset: int) -> bool:
    """Whether ``offset`` lies in the trigger's clause (where its own date and place are)."""
    return any(a <= offset < b for a, b in m.scope)


def date_key(value: DateValue) -> str:
    """Resolved dates compare by value; unresolved ones (no publication date) by
    their words, so "in September" and "on Friday" stay apart."""
    if value.value:
        return value.value
    words = (value.text or "").lower().replace("’s", "").split()
    kept = [w for w in words if w not in lexicon.words("date_key_stopwords")]
    return kept[0] if kept else ""


def finer(a: Place | None, b: Place | None) -> bool:
    return a is not None and (b is None or (a.geo_precision or 3) < (b.geo_precision or 3))


class ToldBefore:
    """The events told so far, filed by where their mentions start: which of them was
    told last before an offset (the narrative's previous event, which chained dates, "a
    day later", count from), without reading every earlier event's mentions for each
    event (quadratic on long documents).

    The mentions' starts are read once, up front: the steps that use this change no
    draft's mentions. A Fenwick tree over those starts keeps, for each prefix of them,
    the latest one an event added so far holds; a start two events hold belongs to the
    one added first (as a scan in order, keeping only a later start, chose)."""

    def __init__(self, drafts: list[Draft]) -> None:
        self._starts = sorted({m.trigger_span.start for d in drafts for m in d.mentions})
        self._tree = [-1] * (len(self._starts) + 1)  # 1-based: prefix -> latest position
        self._holder: dict[int, Draft] = {}  # start -> the first event added with it

    def add(self, draft: Draft) -> None:
        """File an event told (after the look-up for it: it is no event before itself)."""
        for m in draft.mentions:
            start = m.trigger_span.start
            if start in self._holder:
                continue
            self._holder[start] = draft
            position = bisect_left(self._starts, start)
            i = position + 1
            while i < len(self._tree):
                self._tree[i] = max(self._tree[i], position)
                i += i & -i

    def last_before(self, offset: int) -> Draft | None:
        """The event added whose latest mention before ``offset`` comes last."""
        i = bisect_left(self._starts, offset)  # starts[:i] are those before it
        latest = -1
        while i > 0:
            latest = max(latest, self._tree[i])
            i -= i & -i
        return self._holder[self._starts[latest]] if latest >= 0 else None
