"""Casualty figures (killed, injured, arrested, abducted) found in plain text.

The scan looks for casualty words from ``data/casualty_lexicon.json`` and reads the
figure where the construction puts it:

- active: the victims follow the verb ("killing two employees and four civilians");
- event nouns: the victims follow "of" ("the abduction of 20 students");
- passive / intransitive: the victims come before ("12 people were detained",
  "two farmers died", "Two soldiers killed in ambush");
- nominal: the word right after the figure ("3 dead", "left 7 dead and 12 wounded");
- "death toll rose to 14".

One victim needs no figure when the verb kills: "killed an economic operator", "shot dead
another", "burned him to death" each count 1 (a singular noun that is not an animal, a
time or a thing; "them" gives no count). "killed and mutilated a farmer" reads the victims
after the second verb; "three guards died as well as a driver" adds the group
after the connector; "another" after an earlier victim in the same sentence adds to it.

Victim groups joined by "and" or commas are summed. "casualties" alone is not deaths
(ACLED): only "no casualties" is read, as 0 killed and 0 injured; "no one was hurt" is
read the same way, since a person not hurt was not killed either. "killed himself" is
the attacker, still a fatality for ACLED, so it counts 1 with an ``attacker`` hint.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newscoder.extract.casualty_words import (
    AND_VERB,
    ANOTHER,
    EITHER_HURT,
    FULL_STOP,
    TO_DEATH_NEXT,
    TOLL,
    TOLL_VERB,
    WORDS,
    OneVictim,
    Trigger,
    additive,
    lexicon,
    one_victim_keys,
    one_victim_words,
    to_death_verbs,
    triggers,
)
from newscoder.extract.numbers import CountMatch, lower_same_length, match_count_at
from newscoder.extract.victims import groups_after, groups_before
from newscoder.registry import Kind, Rule, Stage, declare, fire, get_rule
from newscoder.types import Casualty, CasualtyKind

__all__ = ["find_casualties", "lexicon", "one_victim_keys"]


_E = Stage.EXTRACT
_ACLED_FATALITIES = "ACLED codebook 2023, Fatalities"
AFTER_VERB = declare(
    "CA110", "victims-after-verb", _E, Kind.FIND,
    "the victims follow an active casualty verb ('killing two guards and four civilians')",
)  # fmt: skip
OF_EVENT_NOUN = declare(
    "CA115", "victims-of-event-noun", _E, Kind.FIND,
    "the victims follow a casualty noun and 'of' ('the abduction of 20 students')",
)  # fmt: skip
BEFORE_PASSIVE = declare(
    "CA120", "victims-before-passive", _E, Kind.FIND,
    "the victims stand before a passive casualty verb ('12 people were detained', 'two "
    "soldiers killed in')",
)  # fmt: skip
BEFORE_INTRANSITIVE = declare(
    "CA125", "victims-before-intransitive", _E, Kind.FIND,
    "the victims are the subject of an intransitive casualty verb ('two farmers died')",
)  # fmt: skip
BEFORE_NOMINAL = declare(
    "CA130", "figure-then-nominal", _E, Kind.FIND,
    "a figure right before a casualty word ('3 dead', 'left 7 dead and 12 wounded')",
)  # fmt: skip
DEATH_TOLL = declare(
    "CA135", "death-toll", _E, Kind.FIND, "the figure of a death toll ('the death toll rose to 14')"
)  # fmt: skip
TO_DEATH = declare(
    "CA140", "to-death", _E, Kind.FIND,
    "the victims of a verb read with 'to death' or 'dead' ('burned two thieves to death', "
    "'shot two taxi drivers dead')",
)  # fmt: skip
SUM_OF_GROUPS = declare(
    "CA145", "sum-of-groups", _E, Kind.CHOOSE,
    "victim groups joined by 'and' or commas are summed ('two guards and four civilians' = 6)",
    source=_ACLED_FATALITIES,
)  # fmt: skip
SECOND_GROUP = declare(
    "CA150", "second-group", _E, Kind.CHOOSE,
    "a group after 'as well as' or 'along with' adds to the victims ('three guards died as "
    "well as a driver')",
)  # fmt: skip
NOT_DEATHS = declare(
    "CA155", "casualties-not-deaths", _E, Kind.VETO,
    "'5 casualties' or '5 killed or injured' does not say how many died: no figure",
    source=_ACLED_FATALITIES,
)  # fmt: skip
NOBODY_HURT = declare(
    "CA160", "nobody-hurt", _E, Kind.CHOOSE,
    "'no casualties', 'no one was hurt': 0 killed and 0 injured",
)  # fmt: skip
ANOTHER_ADDS = declare(
    "CA165", "another-adds", _E, Kind.MERGE,
    "'killed a man and decapitated another': 'another' adds to the figure before it",
)  # fmt: skip
LONGEST_READING = declare(
    "CA170", "longest-reading", _E, Kind.CHOOSE,
    "two readings of the same kind that overlap: the longer phrase is kept",
)  # fmt: skip


def _role_rule(role: str) -> Rule:
    """The rule that reads a construction: the lexicon names it beside the role."""
    return get_rule(lexicon()["roles"][role])


def _casualty(
    kind: CasualtyKind,
    groups: list[CountMatch],
    start: int,
    end: int,
    text: str,
    why: str,
    rule: Rule,
    offset: int,
) -> Casualty:
    """A casualty reading, with the rules that found it and read its figures fired."""
    total = sum(g.value for g in groups)
    reasons = "; ".join(g.reason for g in groups)
    fire(rule, "found", text[start:end], start + offset, f"{kind} {total}")
    for g in groups:
        for count_rule in g.rules:
            fire(count_rule, "chose", text[g.start : g.end], g.start + offset, g.reason)
    if len(groups) > 1:
        figures = " + ".join(str(g.value) for g in groups)
        why = f"{why}; sum of {len(groups)} victim groups {figures} = {total}"
        fire(SUM_OF_GROUPS, "chose", text[start:end], start + offset, f"{figures} = {total}")
    reason = rule.why(f"{why}; {reasons}")
    return Casualty(kind, total, start, end, text[start:end], reason, rule.id)


def _toll_casualties(text: str, low: str, offset: int) -> list[Casualty]:
    found = []
    for toll in TOLL.finditer(low):
        verb = TOLL_VERB.match(low, toll.end())
        if verb is None:
            continue
        count = match_count_at(text, verb.end(), low)
        if count is not None:
            why = "death toll figure"
            found.append(
                _casualty("killed", [count], toll.start(), count.end, text, why, DEATH_TOLL, offset)
            )
    return found


def _to_death(text: str, low: str, offset: int) -> list[Casualty]:
    found = []
    for verb in to_death_verbs().finditer(low):
        one: OneVictim = "any" if _victim_may_follow(low, verb.start()) else ""
        # "lynched to death an old cobbler": the victims follow "to death".
        lead = TO_DEATH_NEXT.match(low, verb.end())
        if lead is not None:
            groups, end, _ = groups_after(text, low, lead.end(), one)
            if groups:
                why = f"'{verb.group(0).strip()} to death' then the victims"
                found.append(
                    _casualty("killed", groups, verb.start(), end, text, why, TO_DEATH, offset)
                )
            continue
        groups, end, _ = groups_after(text, low, verb.end(), one)
        # " to death" inside the victim phrase or right after it ("burned him to death").
        death = low.find(" to death", groups[-1][2] if groups else end, end + 10)
        if groups and death >= 0:
            why = f"'{verb.group(0).strip()} ... to death': the victims in between"
            cas = _casualty("killed", groups, verb.start(), death + 9, text, why, TO_DEATH, offset)
            found.append(cas)
        elif groups and (dead := _DEAD_NEXT.search(low, groups[-1].end, end + 6)) is not None:
            # "shot two taxi drivers dead": "dead" right after the victims, as "to death"
            why = f"'{verb.group(0).strip()} ... dead': the victims in between"
            cas = _casualty("killed", groups, verb.start(), dead.end(), text, why, TO_DEATH, offset)
            found.append(cas)
    return found


# "dead" closing the victims' phrase, with no clause mark before it
_DEAD_NEXT = re.compile(r"(?<=[\w)])\s+dead\b")


def _victim_may_follow(low: str, verb_start: int) -> bool:
    """Whether the noun after a killing verb is its victim: not after "was", "to", "not"
    ("was killed the next day", "threatened to kill the chief")."""
    words = one_victim_words()
    before = low[max(0, verb_start - 30) : verb_start].split()
    if before and before[-1] in words["not_before"]:
        return False
    return not (len(before) > 1 and before[-2] in words["passive_markers"])


def _then_verb(low: str, pos: int) -> int | None:
    """End of "and mutilated" after a casualty verb: the victims follow the second verb.

    A second casualty word ("killed and wounded") is read on its own instead.
    """
    verb = AND_VERB.match(low, pos)
    if verb is None or verb.group(1) not in one_victim_words()["then_verbs"]:
        return None
    if triggers()[0].match(low, verb.start(1)):
        return None
    return verb.end()


def _more_victims(text: str, low: str, pos: int) -> tuple[list[CountMatch], int]:
    """ "three guards died as well as a driver": the group after the connector."""
    joined = additive().match(low, pos)
    if joined is None:
        return [], pos
    groups, end, _ = groups_after(text, low, joined.end(), "known")
    if not groups or triggers()[0].search(low, joined.end(), end):
        return [], pos  # "... as well as two injured": the group has its own casualty word
    following = WORDS.match(low, end + 1)
    if following and following.group(0) in triggers()[2]:
        return [], pos  # "... as well as two soldiers were injured": a new clause
    return groups, end


def _from_trigger(
    text: str, low: str, match: re.Match[str], meanings: list[Trigger], offset: int
) -> list[Casualty]:
    """Casualties read around one casualty word (possibly none)."""
    out: list[Casualty] = []
    phrase = " ".join(match.group(0).split())
    ambiguous = EITHER_HURT.match(low, match.end())
    unharmed = phrase in lexicon()["zero_means_unharmed"] or ambiguous is not None
    for trigger in meanings:
        if trigger.role in ("active", "event_nouns"):
            active = trigger.role == "active"
            one: OneVictim = "known"
            if active and not _victim_may_follow(low, match.start()):
                one = ""  # "threatened to kill his rival", "was killed the next day"
            elif active and trigger.kind == "killed":
                one = "any"
            groups, end, attacker = groups_after(text, low, match.end(), one)
            then = _then_verb(low, match.end()) if active and not groups else None
            if then is not None:
                groups, end, attacker = groups_after(text, low, then, one)
            if not groups:
                continue
            why = f"'{phrase}' ({trigger.role}) then the victims"
            if attacker:
                why += "; attacker: the perpetrator killed himself, still a fatality (ACLED)"
            rule = _role_rule(trigger.role)
            out.append(_casualty(trigger.kind, groups, match.start(), end, text, why, rule, offset))
            return out
    for trigger in meanings:
        if trigger.role not in ("passive", "intransitive", "nominal", "ambiguous"):
            continue
        role = "nominal" if trigger.role == "ambiguous" else trigger.role
        groups, _ = groups_before(text, low, match.start(), match.end(), role, trigger.kind)
        if not groups:
            continue
        total = sum(g[0] for g in groups)
        start = groups[0][1]
        why = f"victims then '{phrase}' ({trigger.role})"
        if unharmed or trigger.role == "ambiguous":
            if total != 0:
                # "5 casualties", "killed or injured": not deaths (ACLED)
                fire(NOT_DEATHS, "vetoed", text[start : match.end()], start + offset)
                return out
            why += "; nobody hurt means nobody killed either"
            for kind in ("killed", "injured"):
                cas = _casualty(kind, groups, start, match.end(), text, why, NOBODY_HURT, offset)  # type: ignore[arg-type]
                out.append(cas)
            return out
        end = match.end()
        if trigger.role in ("passive", "intransitive"):
            more, more_end = _more_victims(text, low, end)
            if more:
                groups, end = groups + more, more_end
                why += "; a second group after the connector"
                fire(SECOND_GROUP, "chose", text[start:end], start + offset)
        rule = _role_rule(role)
        out.append(_casualty(trigger.kind, groups, start, end, text, why, rule, offset))
        return out
    return out


def _join_another(text: str, low: str, found: list[Casualty], offset: int) -> list[Casualty]:
    """ "killed a man ... and decapitated another": "another" adds to the figure before it
    in the same sentence, so the two make one figure."""
    if len(found) < 2 or "another" not in low:
        return found
    out: list[Casualty] = []
    for cas in found:
        index = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind == cas.kind), None)
        if index is not None and ANOTHER.search(low, cas.start, cas.end):
            prev = out[index]
            if prev.end <= cas.start and not FULL_STOP.search(low, prev.end, cas.start):
                why = f"{prev.reason}; 'another' adds {cas.count}: {cas.reason}"
                out[index] = Casualty(
                    cas.kind,
                    prev.count + cas.count,
                    prev.start,
                    cas.end,
                    text[prev.start : cas.end],
                    why,
                    prev.rule,
                )
                fire(ANOTHER_ADDS, "merged", cas.text, cas.start + offset, f"+{cas.count}")
                continue
        out.append(cas)
    return out


def find_casualties(text: str, offset: int = 0) -> list[Casualty]:
    """All casualty figures in ``text``, ordered by position; offsets include ``offset``.

    Works on a sentence or a whole article. One figure per kind per phrase; when
    two readings of the same kind overlap, the longer phrase wins.
    """
    low = lower_same_length(text)
    pattern, meaning, _ = triggers()
    found: list[Casualty] = _toll_casualties(text, low, offset) + _to_death(text, low, offset)
    for match in pattern.finditer(low):
        key = " ".join(match.group(0).split())
        found.extend(_from_trigger(text, low, match, meaning.get(key, []), offset))
    kept: list[Casualty] = []
    for cas in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if any(k.kind == cas.kind and k.start < cas.end and cas.start < k.end for k in kept):
            fire(LONGEST_READING, "absorbed", cas.text, cas.start + offset, cas.kind)
            continue
        kept.append(cas)
    kept.sort(key=lambda c: (c.start, c.kind))
    kept = _join_another(text, low, kept, offset)
    if offset:
        kept = [replace(c, start=c.start + offset, end=c.end + offset) for c in kept]
    return kept
