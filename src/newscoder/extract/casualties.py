"""Casualty figures (killed, injured, arrested, abducted) found in plain text.

The scan looks for casualty words from ``data/casualty_lexicon.json`` and reads the
figure where the construction puts it:

- active: the victims follow the verb ("killing two employees and four civilians");
- event nouns: the victims follow "of" ("the abduction of 20 students");
- passive / intransitive: the victims come before ("12 people were detained",
  "two farmers died", "Two soldiers killed in ambush");
- nominal: the word right after the figure ("3 dead", "left 7 dead and 12 wounded");
- "death toll rose to 14".

Victim groups joined by "and" or commas are summed. "casualties" alone is not deaths
(ACLED): only "no casualties" is read, as 0 killed and 0 injured; "no one was hurt" is
read the same way, since a person not hurt was not killed either. "killed himself" is
the attacker, still a fatality for ACLED, so it counts 1 with an ``attacker`` hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from newscoder.extract.numbers import (
    CountMatch,
    animal_nouns,
    find_counts,
    load_json,
    lower_same_length,
    match_count_at,
    person_nouns,
    trie_regex,
)
from newscoder.types import Casualty, CasualtyKind

_ROLES = ("active", "event_nouns", "passive", "intransitive", "nominal")
_NP_WORDS = 5
# What may follow a participle used without an auxiliary ("Two soldiers killed in ...").
_BOUNDARY_AFTER = re.compile(
    r"\s*(?:$|[.,;:!?)\"'”’—–-]|(?:in|on|at|as|when|after|during|near|and|by|while|following"
    r"|since|from|including|with|or|so|overnight|yesterday|today|last|this|early|late)\b)"
)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)")
_NP = re.compile(r"(?:\s+[\w'’-]+)")
_WORDS = re.compile(r"[\w'’-]+")
_TOLL = re.compile(r"\b(?:death\s+)?toll\b")
_TOLL_VERB = re.compile(
    r"(?:[^.;!?\n]{0,60}?)\b(?:to|at|of|reached|hit|is|was|stands\s+at|stood\s+at)\s+"
)


@dataclass(frozen=True, slots=True)
class _Trigger:
    kind: CasualtyKind
    role: str
    phrase: str


@cache
def lexicon() -> dict:
    return load_json("casualty_lexicon.json")


@cache
def _stops() -> tuple[frozenset[str], frozenset[str]]:
    """Words ending a victim noun phrase; words showing a figure is in another clause."""
    lex = lexicon()
    return frozenset(lex["np_stop"]), frozenset(lex["gap_stop"])


@cache
def _triggers() -> tuple[re.Pattern[str], dict[str, list[_Trigger]], frozenset[str]]:
    """The trigger regex over lower-cased text and what each phrase can mean."""
    lex = lexicon()
    meaning: dict[str, list[_Trigger]] = {}
    for kind, roles in lex["kinds"].items():
        for role in _ROLES:
            for phrase in roles.get(role, []):
                key = " ".join(phrase.lower().split())
                meaning.setdefault(key, []).append(_Trigger(kind, role, key))
    for noun in lex["ambiguous_nouns"]:
        meaning.setdefault(noun, []).append(_Trigger("injured", "ambiguous", noun))
    pattern = re.compile(rf"\b(?:{trie_regex(sorted(meaning))})\b")
    auxiliaries = frozenset(w for a in lex["auxiliaries"] for w in a.split())
    return pattern, meaning, auxiliaries


def _np_end(text: str, low: str, pos: int) -> tuple[int, bool]:
    """End of the victim noun phrase after a figure, and whether it names people."""
    end = pos
    words: list[str] = []
    for match in _NP.finditer(low, pos):
        if match.start() != end or len(words) >= _NP_WORDS:
            break
        word = match.group(0).strip()
        if word in _stops()[0] or word[0].isdigit():
            break
        words.append(word)
        end = match.end()
    if not words:
        return pos, True
    nouns = person_nouns()
    if words[0] in animal_nouns() or " ".join(words[:3]) in animal_nouns():
        return end, False  # "58 oxen belonging to herders", "200 head of cattle"
    if words[0] == "of" or any(w.rstrip("'’") in nouns for w in words):
        return end, True
    pairs = {f"{a} {b}" for a, b in pairwise(words)}
    if pairs & nouns:
        return end, True
    # A capitalised group name ("5 ISWAP", "six Palestinians") names people too.
    last_start = end - len(words[-1])
    return end, text[last_start : last_start + 1].isupper()


def _groups_after(text: str, low: str, pos: int) -> tuple[list[CountMatch], int, bool]:
    """Victim groups right after an active verb: their counts, the end, an attacker hint."""
    groups: list[CountMatch] = []
    attacker = False
    end = pos
    reflexive = re.compile(r"\s+(himself|herself)\b")
    while True:
        count = match_count_at(text, pos, low)
        if count is None and not groups:
            self_kill = reflexive.match(low, pos)
            if self_kill is not None:
                attacker = True
                count = (1, self_kill.start(1), self_kill.end(), "the attacker himself")
        if count is None:
            break
        np_end, is_people = _np_end(text, low, count[2])
        if not is_people:
            break
        following = _WORDS.match(low, np_end + 1)
        if groups and following and following.group(0) in _triggers()[2]:
            break  # "... and four were injured": a new clause, not another victim group
        groups.append(count)
        end = np_end
        sep = _SEPARATOR.match(low, end)
        if sep is None:
            break
        pos = sep.end()
    return groups, end, attacker


def _sentence_start(low: str, pos: int, limit: int = 160) -> int:
    start = max(0, pos - limit)
    last = start
    for match in _SENTENCE_END.finditer(low, start, pos):
        last = match.end()
    return last


def _groups_before(
    text: str, low: str, trig_start: int, trig_end: int, role: str
) -> tuple[list[CountMatch], bool]:
    """Victim groups before a passive, intransitive or nominal casualty word."""
    _, _, auxiliaries = _triggers()
    window = _sentence_start(low, trig_start)
    # The slice runs to the trigger's end so "no casualties" sees its noun.
    counts = [c for c in find_counts(text[window:trig_end], offset=window) if c[2] <= trig_start]
    if not counts:
        return [], False
    last = counts[-1]
    gap = low[last[2] : trig_start]
    if re.search(r"[^\w\s'’-]", gap):
        return [], False
    words = gap.split()
    if any(w in _stops()[1] for w in words) or len(words) > 9:
        return [], False
    if _triggers()[0].search(gap):
        return [], False  # "killed or injured": the figure belongs to the first word
    has_aux = any(w in auxiliaries for w in words)
    if role == "nominal" and (len(words) > 1 or has_aux):
        return [], False
    needs_boundary = role == "nominal" or (role == "passive" and not has_aux)
    if needs_boundary and not _BOUNDARY_AFTER.match(low, trig_end):
        return [], False
    np_end, is_people = _np_end(text, low, last[2])
    if not is_people:
        return [], False
    groups = [last]
    for earlier in reversed(counts[:-1]):
        between = low[earlier[2] : groups[0][1]]
        np_end, is_people = _np_end(text, low, earlier[2])
        sep = _SEPARATOR.match(low, np_end)
        if not is_people or sep is None or sep.end() != groups[0][1]:
            break
        if len(between.split()) > _NP_WORDS + 2 or _triggers()[0].search(
            low, earlier[2], sep.start()
        ):
            break  # "7 dead and 12 wounded": each figure has its own casualty word
        groups.insert(0, earlier)
    return groups, has_aux


def _casualty(
    kind: CasualtyKind, groups: list[CountMatch], start: int, end: int, text: str, why: str
) -> Casualty:
    total = sum(g[0] for g in groups)
    reasons = "; ".join(g[3] for g in groups)
    if len(groups) > 1:
        figures = " + ".join(str(g[0]) for g in groups)
        why = f"{why}; sum of {len(groups)} victim groups {figures} = {total}"
    return Casualty(kind, total, start, end, text[start:end], f"{why}; {reasons}")


def _toll_casualties(text: str, low: str) -> list[Casualty]:
    found = []
    for toll in _TOLL.finditer(low):
        verb = _TOLL_VERB.match(low, toll.end())
        if verb is None:
            continue
        count = match_count_at(text, verb.end(), low)
        if count is not None:
            why = "death toll figure"
            found.append(_casualty("killed", [count], toll.start(), count[2], text, why))
    return found


# "burned two alleged thieves to death": the victims stand between verb and "to death".
_TO_DEATH = re.compile(
    r"\b(?:burned|burnt|burning|beat|beaten|beating|hacked|hacking|stabbed|stabbing|stoned"
    r"|stoning|clubbed|clubbing|lynched|lynching|tortured|torturing|shot|shooting|crushed"
    r"|trampled|bludgeoned)\s+"
)


def _to_death(text: str, low: str) -> list[Casualty]:
    found = []
    for verb in _TO_DEATH.finditer(low):
        groups, end, _ = _groups_after(text, low, verb.end())
        death = low.find(" to death", groups[-1][2] if groups else end, end + 1)
        if groups and death >= 0:
            why = f"'{verb.group(0).strip()} ... to death': the victims in between"
            found.append(_casualty("killed", groups, verb.start(), death + 9, text, why))
    return found


def _from_trigger(text: str, low: str, match: re.Match[str], meanings: list[_Trigger]):
    """Casualties read around one casualty word (possibly none)."""
    out: list[Casualty] = []
    phrase = " ".join(match.group(0).split())
    ambiguous = re.match(
        r"\s+(?:or|and|and/or)\s+(?:injured|wounded|hurt|killed)\b", low[match.end() :]
    )
    unharmed = phrase in lexicon()["zero_means_unharmed"] or ambiguous is not None
    for trigger in meanings:
        if trigger.role in ("active", "event_nouns"):
            groups, end, attacker = _groups_after(text, low, match.end())
            if not groups:
                continue
            why = f"'{phrase}' ({trigger.role}) then the victims"
            if attacker:
                why += "; attacker: the perpetrator killed himself, still a fatality (ACLED)"
            out.append(_casualty(trigger.kind, groups, match.start(), end, text, why))
            return out
    for trigger in meanings:
        if trigger.role not in ("passive", "intransitive", "nominal", "ambiguous"):
            continue
        role = "nominal" if trigger.role == "ambiguous" else trigger.role
        groups, _ = _groups_before(text, low, match.start(), match.end(), role)
        if not groups:
            continue
        total = sum(g[0] for g in groups)
        start = groups[0][1]
        why = f"victims then '{phrase}' ({trigger.role})"
        if unharmed or trigger.role == "ambiguous":
            if total != 0:
                return out  # "5 casualties", "killed or injured": not deaths (ACLED)
            why += "; nobody hurt means nobody killed either"
            for kind in ("killed", "injured"):
                out.append(_casualty(kind, groups, start, match.end(), text, why))  # type: ignore[arg-type]
            return out
        out.append(_casualty(trigger.kind, groups, start, match.end(), text, why))
        return out
    return out


def find_casualties(text: str, offset: int = 0) -> list[Casualty]:
    """All casualty figures in ``text``, ordered by position; offsets include ``offset``.

    Works on a sentence or a whole article. One figure per kind per phrase; when
    two readings of the same kind overlap, the longer phrase wins.
    """
    low = lower_same_length(text)
    pattern, meaning, _ = _triggers()
    found: list[Casualty] = _toll_casualties(text, low) + _to_death(text, low)
    for match in pattern.finditer(low):
        key = " ".join(match.group(0).split())
        found.extend(_from_trigger(text, low, match, meaning.get(key, [])))
    kept: list[Casualty] = []
    for cas in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if any(k.kind == cas.kind and k.start < cas.end and cas.start < k.end for k in kept):
            continue
        kept.append(cas)
    kept.sort(key=lambda c: (c.start, c.kind))
    if offset:
        kept = [
            Casualty(c.kind, c.count, c.start + offset, c.end + offset, c.text, c.reason)
            for c in kept
        ]
    return kept
