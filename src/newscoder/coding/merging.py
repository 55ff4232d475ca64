"""Merging: later references to an event already coded join it.

"The attack" later in the report, "shots were fired at the embassy" on the same day,
"houses were burned" after a raid, the fire fight that answers an attack: each joins
the event it tells again instead of becoming an event of its own, unless its date,
place or actors say it is another one.
"""

from __future__ import annotations

import heapq

from newscoder.coding.draft import Draft, date_key, finer
from newscoder.coding.facts import ArticleFacts
from newscoder.coding.grouping import after_cause_word
from newscoder.coding.when_where import SENTENCE_DATE, SENTENCE_PLACE
from newscoder.extract.events import Phrase, is_event_noun
from newscoder.extract.syntax import definite_reference, names_force
from newscoder.families import PROTEST_OR_STRIKE, Family
from newscoder.lexicon import words
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.knowledge import generic_role
from newscoder.types import HARM_KINDS

_C = Stage.CODE

DAMAGE_AFTER_ATTACK = declare(
    "CD100", "damage-after-attack", _C, Kind.MERGE,
    "damage told with no doer and no date of its own ('Houses were burned.') is the attack's "
    "told just before",
)  # fmt: skip
ONE_PROTEST = declare(
    "CD105", "one-protest-two-verbs", _C, Kind.MERGE,
    "two protest verbs in one sentence ('marched and organized a sit-in') are one protest",
)  # fmt: skip
PROTEST_REFERENCE = declare(
    "CD107", "protest-told-again", _C, Kind.MERGE,
    "'the protest' or 'the demonstrators' with no date of its own tell again the protest of "
    "the same or the paragraph before ('the protest was organised by ...')",
)  # fmt: skip
UNPLACED_PROTEST = declare(
    "CD400", "unplaced-protest-is-context", _C, Kind.MERGE,
    "protests told with no place, date or crowd of their own ('protests erupted after "
    "...') are context of the report's protest, not another protest at its place",
    source="ACLED codebook 2023, Protests (one event per location and day)",
)  # fmt: skip
SAME_DAY_REFERENCE = declare(
    "CD110", "dated-reference", _C, Kind.MERGE,
    "violence told with a date of its own joins the latest compatible event with the same date",
)  # fmt: skip
DEFINITE_REFERENCE = declare(
    "CD115", "definite-reference", _C, Kind.MERGE,
    "'the attack' with no date of its own refers to the report's main violent event when it fits",
)  # fmt: skip
CONTINUATION = declare(
    "CD120", "continuation", _C, Kind.MERGE,
    "violence told with no date of its own ('heavy gunfire erupted') continues the compatible "
    "event told in the same or the paragraph before",
)  # fmt: skip
INCOMPATIBLE = declare(
    "CD125", "incompatible-reference", _C, Kind.REFUSE,
    "another date, another region, other named actors or another kind of act: not the same event",
)  # fmt: skip
WHAT_ELSE_HIT = declare(
    "CD127", "anaphor-other-target", _C, Kind.KEEP,
    "'shelled the police station. The shelling destroyed a party office': an act told again "
    "may name what else it hit; another target does not make it another act",
)  # fmt: skip
NEW_DOER = declare(
    "CD122", "forces-respond", _C, Kind.REFUSE,
    "an act of another kind by forces, told after an event whose doer is not named "
    "('a bomb exploded. Police raided houses'), is their response, not its continuation",
)  # fmt: skip
KILLING_AS_CAUSE = declare(
    "CD130", "killing-told-as-cause", _C, Kind.REFUSE,
    "a killing told as what a protest is about never merges into that protest",
)  # fmt: skip
ATTACK_NOT_CLASH = declare(
    "CD135", "attack-is-not-the-clash", _C, Kind.REFUSE,
    "'the attack' does not refer back to a clash: forces fighting attackers are a battle "
    "of their own",
)  # fmt: skip
CEASEFIRE_ONCE = declare(
    "CD140", "one-ceasefire-end", _C, Kind.MERGE,
    "a ceasefire's end told twice is one event",
)  # fmt: skip
DESCRIBED_DEAD = declare(
    "CD155", "described-dead-not-protest-violence", _C, Kind.REFUSE,
    "deaths told only to describe people ('55 citizens were among people killed in the "
    "crash') do not continue a protest told before: they are no violence at it",
)  # fmt: skip
VICTIMS_TOLD_AFTER = declare(
    "CD150", "victims-told-after", _C, Kind.MERGE,
    "victims told with no doer and no date of their own ('Gunmen attacked X. Two men were shot "
    "and killed') are the toll of the attack told before that has none",
)  # fmt: skip
ARMED_RESPONSE = declare(
    "CD145", "armed-response-is-battle", _C, Kind.MERGE,
    "an attack and the fire fight that answers it in the same paragraph are one battle",
    source="ACLED codebook 2023, Battles: Armed clash",
)  # fmt: skip


def merge_references(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    """Later mentions of an event already coded join it instead of becoming new events.

    A definite reference without a date of its own ("the attack") is the report's
    main event when it fits; one with a date joins the event of that date; a bare
    continuation ("heavy gunfire erupted") joins the event told just before it.
    """
    kept: list[Draft] = []
    for draft in drafts:
        target: Draft | None = None
        why: Rule | None = None
        if draft.family == Family.LOOT and draft.head.actor1 is None and not draft.own_date:
            # "Houses were burned.": the damage of the attack told just before.
            target = next(
                (
                    k
                    for k in reversed(kept)
                    if k.violent and draft.head.paragraph - k.last_paragraph <= 1
                ),
                None,
            )
            why = DAMAGE_AFTER_ATTACK
        elif draft.family in PROTEST_OR_STRIKE:
            # "marched and organized a sit-in": one protest told with two verbs.
            target = next(
                (
                    k
                    for k in reversed(kept)
                    if k.family in PROTEST_OR_STRIKE and k.head.sentence == draft.head.sentence
                ),
                None,
            )
            why = ONE_PROTEST
            if target is None:
                target = _protest_told_again(draft, kept, facts)
                why = PROTEST_REFERENCE
            if target is None:
                target = _unplaced_protest(draft, kept)
                why = UNPLACED_PROTEST
        elif draft.violent:
            target, why = _earlier_telling(draft, kept, facts)
        elif draft.head.family == Family.CEASEFIRE_END:
            target = next(
                (k for k in reversed(kept) if k.head.family == Family.CEASEFIRE_END), None
            )
            why = CEASEFIRE_ONCE
        if target is not None and why is not None:
            _merge_into(target, draft, why)
        else:
            kept.append(draft)
    return kept


def _protest_told_again(draft: Draft, kept: list[Draft], facts: ArticleFacts) -> Draft | None:
    """The protest a later sentence refers back to: a definite "the protest" or "the
    demonstrators" as its doers, no date in its sentence, a place that does not differ."""
    head = draft.head
    if draft.own_date or draft.cause or facts.sentences[head.sentence].times:
        return None  # "On Tuesday, the protest spread to Parakou": another day's protest
    crowd = head.actor1
    refers = head.anaphoric or (
        crowd is not None
        and crowd.text.lower().startswith(("the ", "these ", "those "))
        and crowd.head_lemma.lower() in words("protester_nouns")
    )
    if not refers:
        return None
    for k in reversed(kept):
        if k.family not in PROTEST_OR_STRIKE or k.cause or k.head.plover != head.plover:
            continue
        if head.paragraph - k.last_paragraph > 1:
            return None
        if draft.own_place and k.place and draft.place:
            same = draft.place.country_code == k.place.country_code and (
                not (draft.place.admin1 and k.place.admin1) or draft.place.admin1 == k.place.admin1
            )
            if not same or (draft.place.name != k.place.name and k.own_place):
                return None
        return k
    return None


def _unplaced_protest(draft: Draft, kept: list[Draft]) -> Draft | None:
    """The report's protest, for protests told with nothing of their own: no place, no
    date and no crowd named ("Protests came after ...", "demonstrations were held at the
    same time"). Telling them at the protest's place would make a second event there.
    A place the sentence names outside the protest's clause ("Protests came after a man
    was killed in Paris") is not the protest's own."""
    if draft.cause or (draft.own_place and draft.place and draft.place.rule != SENTENCE_PLACE.id):
        return None  # a place in its own clause: "protests also took place in Parakou"
    crowd = draft.head.actor1
    told = words("protester_nouns") | words("org_pronouns")  # "They had gathered to demand"
    if crowd is not None and crowd.head_lemma.lower() not in told:
        return None  # "Doctors also protested": a crowd of its own
    for k in reversed(kept):
        if k.family not in PROTEST_OR_STRIKE or k.cause or k.head.plover != draft.head.plover:
            continue
        # "on the same day" (counted from the event before) or the protest's own date.
        # A date the sentence gives outside the protest's clause is not its own either.
        dated = (
            draft.own_date
            and draft.date is not None
            and draft.date.value is not None
            and draft.date.rule != SENTENCE_DATE.id
        )
        if dated and not (k.date and date_key(k.date) == date_key(draft.date)):
            return None
        return k
    return None


def _earlier_telling(
    draft: Draft, kept: list[Draft], facts: ArticleFacts
) -> tuple[Draft | None, Rule | None]:
    """The violent event ``draft`` tells again, and the rule that says so."""
    # Only the events a rule could choose are compared with it (the same day's, or
    # the same or the paragraph before's): comparing every earlier event made long
    # documents quadratic in their events.
    if draft.own_date:
        day = date_key(draft.date) if draft.date else None
        dated = [k for k in kept if k.own_date]
        pool = [k for k in dated if not (day and k.date) or date_key(k.date) == day]
        if len(pool) < len(dated):  # another date: another event
            fire(INCOMPATIBLE, "refused", draft.head.trigger, draft.start, "another date")
        why = SAME_DAY_REFERENCE
    elif draft.anaphoric:
        pool, why = kept, DEFINITE_REFERENCE
    elif draft.casualties and draft.head.family != Family.KILL:
        harmed = all(c.kind in HARM_KINDS for c in draft.casualties)
        # "were killed in police firing": a doer named in a noun of the act
        doer = any(
            (m.actor1 is not None and not _told_by_their_act(m.actor1))
            or m.is_noun
            or names_force(m.trigger)
            for m in draft.mentions
        )
        if doer or not harmed:
            return None, None  # its own figures and doer, or arrests: its own event
        # "Gunmen attacked X. Two men were shot and killed.": the attack's toll.
        at = draft.head.paragraph
        pool = [k for k in kept if at - k.last_paragraph <= 1 and not k.casualties]
        why = VICTIMS_TOLD_AFTER
    else:
        at = draft.head.paragraph
        pool = [k for k in kept if at - k.last_paragraph <= 1]
        why = CONTINUATION
    candidates = _fitting_earlier(draft, pool, facts)
    if why is DEFINITE_REFERENCE:
        main = next((k for k in kept if k.violent), None)
        if main is not None and main in candidates and _fits_anaphor(main, draft):
            candidates = [main]
        fitting = [k for k in candidates if _fits_anaphor(k, draft)]
        if len(fitting) < len(candidates):
            fire(ATTACK_NOT_CLASH, "refused", draft.head.trigger, draft.start)
        candidates = fitting
    elif why is CONTINUATION:
        near = candidates
        candidates = [k for k in near if not _new_doer(k, draft)]
        if len(candidates) < len(near):
            fire(NEW_DOER, "refused", draft.head.trigger, draft.start)
    return (candidates[0], why) if candidates else (None, None)


def _fitting_earlier(draft: Draft, pool: list[Draft], facts: ArticleFacts) -> list[Draft]:
    """The events of ``pool``, latest first, that ``draft`` could tell again."""
    wanted = (lambda k: k.physical) if draft.head.family == Family.KILL else (lambda k: k.violent)
    candidates = []
    described = all(m.describes for m in draft.mentions)
    for k in reversed(pool):
        if not wanted(k):
            continue
        if described and k.family in PROTEST_OR_STRIKE:
            fire(DESCRIBED_DEAD, "refused", draft.head.trigger, draft.start)
            continue
        if not _compatible(k, draft, facts.article.text):
            fire(INCOMPATIBLE, "refused", draft.head.trigger, draft.start, f"{k.head.trigger!r}")
        elif _told_as_cause(k, draft, facts):
            fire(KILLING_AS_CAUSE, "refused", draft.head.trigger, draft.start)
        else:
            candidates.append(k)
    return candidates


def _new_doer(earlier: Draft, later: Draft) -> bool:
    """ "two were killed in an explosion ...; police raided houses": a later act of
    another kind by forces, in a later sentence, after an event whose doer is not
    named, is their response, no continuation of it (CD122)."""
    who = later.head.actor1
    return (
        who is not None
        and not who.pronoun
        # forces acting after it (arriving, raiding, arresting) respond to it; other
        # people named later ("supporters of X beat up ...") often tell the same event
        and names_force(who.text)
        and earlier.head.actor1 is None
        and later.head.family != earlier.head.family
        and later.head.sentence != earlier.head.sentence  # "beaten and killed by residents"
    )


def _compatible(a: Draft, b: Draft, text: str) -> bool:
    if a.told_apart_from(b):
        return False  # CD017: told in one sentence as two events
    follow_up = b.head.family == Family.KILL and a.physical  # "At least one was injured."
    if not follow_up and (
        a.violent != b.violent or (not a.violent and a.head.plover != b.head.plover)
    ):
        return False
    if a.own_date and b.own_date and a.date and b.date and date_key(a.date) != date_key(b.date):
        return False
    if a.own_place and b.own_place and a.place and b.place:
        if a.place.country_code != b.place.country_code:
            return False
        if a.place.admin1 and b.place.admin1 and a.place.admin1 != b.place.admin1:
            return False
    pairs = [(a.head.actor1, b.head.actor1), (a.head.actor2, b.head.actor2)]
    if follow_up:
        # "attacked a camp. They killed six people": the dead need not be the target.
        pairs = pairs[:1]
    for x, y in pairs:
        if y is not None and _told_by_their_act(y):
            continue  # "... attacked civilians. The attackers killed one person"
        if y is b.head.actor2 and y is not None and _what_else_hit(b, y, text):
            # "shelled the police station. The shelling destroyed a party office": what
            # else the act told before hit (CD127)
            fire(WHAT_ELSE_HIT, "kept", y.text, y.start)
            continue
        differ = x is not None and y is not None and _actor_key(x) != _actor_key(y)
        if differ and (x.kb_id or y.kb_id or not (x.pronoun or y.pronoun)):
            return False
    return True


def _what_else_hit(later: Draft, target: Phrase, text: str) -> bool:
    """A definite act told again with no place of its own ("The shelling destroyed a
    party office"), whose target is no named actor: what else it hit (CD127). "The attack
    on the embassy" names which attack it is by its target; "the attack on the police
    station in Kandi" another attack by its place."""
    between = text[later.head.trigger_span.end : target.start].strip().lower()
    return (
        later.anaphoric
        and not later.own_place
        and not target.kb_id
        and not is_event_noun(target.head_lemma)  # "The attack was repelled": the act itself
        and between not in words("target_preps")
    )


def _told_by_their_act(phrase: Phrase) -> bool:
    """ "the attackers", "the assailants": doers named after an act told before."""
    return definite_reference(phrase.text, "anaphoric_doer_heads")


def _actor_key(phrase: Phrase) -> str:
    if phrase.kb_id:
        return phrase.kb_id
    role = generic_role(phrase.head)
    return role.role if role else phrase.head_lemma


def _told_as_cause(host: Draft, draft: Draft, facts: ArticleFacts) -> bool:
    """ "demonstrated after a colleague was killed": the killing is why they marched."""
    same = host.head.sentence == draft.head.sentence
    return (
        same
        and host.family in PROTEST_OR_STRIKE
        and after_cause_word(facts, host.family, host.head.trigger_span.end, draft.start)
    )


def _fits_anaphor(candidate: Draft, anaphor: Draft) -> bool:
    """ "The attack" does not refer back to a clash: security forces fighting
    attackers are a battle of their own."""
    return not (anaphor.head.family == Family.ARMED and candidate.head.family == Family.CLASH)


def merge_armed_responses(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    """An attack and the fire fight that answers it in the same paragraph are one
    battle ("gunmen attacked X. Troops arrived and traded fire with them")."""
    kept: list[Draft] = []
    hosts = _Hosts()
    for draft in drafts:
        host = hosts.latest(draft) if _answers(draft) else None
        if host is not None:
            _merge_into(host, draft, ARMED_RESPONSE)
            host.reasons.append(
                ARMED_RESPONSE.why("armed response in the same paragraph: a battle")
            )
            hosts.add(host)  # its last paragraph, family or date may have moved
        else:
            hosts.add(draft)
            kept.append(draft)
    return kept


class _Hosts:
    """The attacks an armed response could join, indexed so that finding the latest
    one does not scan every event kept before it (that was quadratic in the events).

    An attack is a violent event that is not itself a clash; a response joins the
    latest attack whose last mention is in the response's paragraph and, when both
    have their own date, of the same day. Each attack is filed under its last
    paragraph, and under that paragraph and its own day (or "no date of its own"),
    in max-heaps of its position; an attack filed again after a merge leaves stale
    entries behind, dropped when they reach the top."""

    def __init__(self) -> None:
        self._drafts: list[Draft] = []
        self._position: dict[int, int] = {}  # id(draft) -> its position
        self._filed: list[int] = []  # position -> how many times it was filed
        self._heaps: dict[tuple[int, int, str], list[tuple[int, int]]] = {}

    def add(self, draft: Draft) -> None:
        """File a draft, or file it again after a merge changed it."""
        position = self._position.get(id(draft))
        if position is None:
            position = self._position[id(draft)] = len(self._drafts)
            self._drafts.append(draft)
            self._filed.append(0)
        self._filed[position] += 1
        if not draft.violent or draft.family == Family.CLASH:
            return  # never a host (until a merge makes it one)
        paragraph = draft.last_paragraph
        day = (1, date_key(draft.date)) if draft.own_date else (0, "")  # type: ignore[arg-type]
        entry = (-position, self._filed[position])
        for key in ((paragraph, 2, ""), (paragraph, *day)):
            heapq.heappush(self._heaps.setdefault(key, []), entry)

    def latest(self, draft: Draft) -> Draft | None:
        """The latest attack ``draft`` could answer, or None."""
        paragraph = draft.head.paragraph
        if not draft.own_date:
            return self._top((paragraph, 2, ""))
        dated = self._top((paragraph, 1, date_key(draft.date)))  # type: ignore[arg-type]
        undated = self._top((paragraph, 0, ""))
        found = [d for d in (dated, undated) if d is not None]
        return max(found, key=lambda d: self._position[id(d)]) if found else None

    def _top(self, key: tuple[int, int, str]) -> Draft | None:
        heap = self._heaps.get(key)
        while heap and self._filed[-heap[0][0]] != heap[0][1]:
            heapq.heappop(heap)  # filed again since: that entry is stale
        return self._drafts[-heap[0][0]] if heap else None


def _answers(draft: Draft) -> bool:
    """A fire fight, or forces repelling "the attack": the answer to an attack told before.
    A fight one plural names both sides of ("a shoot-out between unknown gunmen", EV655)
    is a fight among them, no one's answer."""
    head = draft.head
    if head.one_phrase_both_sides:
        return False
    if draft.family == Family.CLASH and not draft.anaphoric:
        return True
    return (
        head.family == Family.CLASH
        and not head.is_noun
        and all(
            m is head or (m.anaphoric and m.is_noun) or m.family == Family.KILL
            for m in draft.mentions
        )
    )  # "the army repelled the attack"


def _merge_into(target: Draft, other: Draft, why: Rule) -> None:
    fire(why, "merged", other.head.trigger, other.start, f"into {target.head.trigger!r}")
    if why is VICTIMS_TOLD_AFTER:
        # Only the toll: how the victims died ("were abducted and killed") does not
        # retell what the attack was.
        target.casualties.extend(other.casualties)
        target.toll.extend(other.mentions)
        target.reasons.append(why.why(f"the toll told after it ({other.head.trigger!r})"))
        return
    target.mentions.extend(other.mentions)
    target.casualties.extend(other.casualties)
    if why is UNPLACED_PROTEST:
        # Its sentence's date and place were another event's ("after a man was killed in
        # Paris on 24 April"): the protest keeps its own.
        target.reasons.append(why.why(f"merged a later mention {other.head.trigger!r}"))
        return
    if not target.own_date and other.own_date:
        target.date, target.own_date = other.date, True
    if other.own_place and (not target.own_place or finer(other.place, target.place)):
        target.place, target.own_place = other.place, True
    target.reasons.append(why.why(f"merged a later mention {other.head.trigger!r}"))
