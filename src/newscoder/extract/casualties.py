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
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Literal

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

_OneVictim = Literal["", "known", "any"]
_ROLES = ("active", "event_nouns", "passive", "intransitive", "nominal")
_NP_WORDS = 5
# What may follow a participle used without an auxiliary ("Two soldiers killed in ...").
_BOUNDARY_AFTER = re.compile(
    r"\s*(?:$|[.,;:!?)\"'”’—–-]|(?:in|on|at|as|when|after|during|near|and|by|while|following"
    r"|since|from|including|with|or|so|overnight|yesterday|today|last|this|early|late)\b)"
)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
# A parenthesis may stand between two groups: "two soldiers (including a captain) and ...".
_SEPARATOR = re.compile(
    r"\s*(?:\([^()]{0,80}\)\s*)?(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
)
# Asides between a victim group and its verb: "(UN)", "[sic]", ", including a nurse,".
_ASIDE = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,80}\]|,\s*including\s[^,.;!?]{0,80},")
_NEXT_WORD = re.compile(r"\s*([\w'’-]+)")
_NP = re.compile(r"(?:\s+[\w'’-]+)")
_WORDS = re.compile(r"[\w'’-]+")
_REFLEXIVE = re.compile(r"\s+(himself|herself)\b")
_FULL_STOP = re.compile(r"[.!?]\s|\n")
_AND_VERB = re.compile(r"\s+and\s+(?:then\s+)?([a-z]+)\b")
_TO_DEATH_NEXT = re.compile(r"to\s+death\b")
_ANOTHER = re.compile(r"\banother\b")
_EITHER_HURT = re.compile(r"\s+(?:or|and|and/or)\s+(?:injured|wounded|hurt|killed)\b")
_JOINED_BEFORE = re.compile(r"(?:,|\band)\s*$")
_INCLUDING = re.compile(r"\s*,?\s*including\s+")
_LEFT_BEFORE = re.compile(r"\b(?:left|leaving|leaves|leave)\s+$")
_PUNCT = re.compile(r"[^\w\s'’-]")
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


# The casualty lexicon's lists that read one victim without a figure.
ONE_VICTIM_KEYS = (
    "singular_determiners",
    "subject_pronouns",
    "plural_auxiliaries",
    "perfect_auxiliaries",
    "object_pronouns",
    "not_one_victim",
    "passive_markers",
    "irrealis_before",
    "then_verbs",
)


@cache
def _one_victim_words() -> dict[str, frozenset[str]]:
    """The word lists that read one victim without a figure (see ``one_victim_about``)."""
    lex = lexicon()
    words = {key: frozenset(lex[key]) for key in ONE_VICTIM_KEYS}
    numbers = load_json("number_words.json")
    words["np_stop"] = frozenset(lex["np_stop"]) | frozenset(numbers["np_stop"]) | {"dead"}
    words["time"] = frozenset(numbers["non_count_units"])
    words["not_before"] = words["passive_markers"] | words["irrealis_before"]
    auxiliaries = frozenset(w for a in lex["auxiliaries"] for w in a.split())
    words["subject_stop"] = words["np_stop"] | auxiliaries
    plurals = frozenset(lex["irregular_plurals"].values())
    words["plural"] = plurals - frozenset(lex["irregular_plurals"])
    return words


@cache
def _subject_words() -> re.Pattern[str]:
    """A determiner or pronoun that may start a one-person subject ("a", "the", "he")."""
    words = _one_victim_words()
    alternation = trie_regex(words["singular_determiners"] | words["subject_pronouns"])
    return re.compile(rf"\b(?:{alternation})\b")


@cache
def _additive() -> re.Pattern[str]:
    """ "as well as", "along with": a second group after a passive or intransitive verb."""
    return re.compile(rf"\s*,?\s+(?:{trie_regex(lexicon()['additive_connectors'])})\s+")


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
    for verb in lex["to_death_verbs"]:
        # "a mason was stoned to death": every verb read with "to death" is a passive too.
        key = f"{verb} to death"
        if not any(t.role == "passive" for t in meaning.get(key, [])):
            meaning.setdefault(key, []).append(_Trigger("killed", "passive", key))
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
    animals = animal_nouns()
    # "58 oxen belonging to herders", "200 head of cattle"; but "a cattle trader" is a person.
    second = words[1].rstrip("'’") if len(words) > 1 else ""
    compound = second in nouns and second not in _triggers()[1]  # not "40 cows dead"
    if " ".join(words[:3]) in animals or (words[0] in animals and not compound):
        return end, False
    if words[0] == "of" or any(w.rstrip("'’") in nouns for w in words):
        return end, True
    pairs = {f"{a} {b}" for a, b in pairwise(words)}
    if pairs & nouns:
        return end, True
    # A capitalised group name ("5 ISWAP", "six Palestinians") names people too.
    last_start = end - len(words[-1])
    return end, text[last_start : last_start + 1].isupper()


def _singular_noun(
    text: str, low: str, pos: int, determiner: str, any_noun: bool, limit: int | None = None
) -> int | None:
    """End of a singular noun phrase naming one person after ``determiner``, or None.

    The head is the last known victim noun ("the police officer", "a soldier accused of
    ..."), else the last word ("an economic operator"), which is accepted only with
    ``any_noun`` and when it is not an animal, a time, a thing or a group. With ``limit``
    (a subject before its verb) the phrase ends there or at an auxiliary.
    """
    words = _one_victim_words()
    nouns = person_nouns()
    stops = words["np_stop"] if limit is None else words["subject_stop"]
    end = pos
    head = ""
    head_start = pos
    known = animal = False
    for count, match in enumerate(_NP.finditer(low, pos, len(low) if limit is None else limit)):
        word = match.group(0).strip()
        if match.start() != end or count >= 4 or word in stops:
            break
        if word[0].isdigit() and not word.endswith("-old"):
            break
        bare = word.removesuffix("'s").removesuffix("’s").rstrip("'’")
        end = match.end()
        # "a goat tethered by ...", "a cow grazing": an animal; but "a cattle trader", "a
        # cattle rustler": the animal word is a modifier of the person noun after it.
        participle = bare.endswith(("ing", "ed"))
        animal = bare in animal_nouns() or (animal and participle and bare not in nouns)
        if bare in nouns or not known:
            head, head_start, known = bare, end - len(word), bare in nouns
    if not head or animal or head in words["not_one_victim"] or head in words["time"]:
        return None
    if head in words["plural"]:
        return None
    if head.endswith("s") and not head.endswith(("ss", "us", "is")):
        return None  # a plural ("the villagers"): no figure to read
    if not known:
        group_name = determiner not in ("a", "an") and text[head_start].isupper()
        if not any_noun or group_name:
            return None  # "the Taliban" names a group, not one person
    return end


def _one_victim(text: str, low: str, pos: int, any_noun: bool) -> tuple[CountMatch, bool] | None:
    """One victim, or a figure after a determiner, where no figure starts at ``pos``.

    Returns the count and whether its noun phrase is already read. "the two soldiers",
    "his two sons": the figure after the determiner. "him", "her": one. "the driver",
    "their leader": one. With ``any_noun`` (killing verbs) also "an economic operator" and
    "another" standing alone ("shot dead another").
    """
    words = _one_victim_words()
    first = _NEXT_WORD.match(low, pos)
    if first is None:
        return None
    word, start = first.group(1), first.start(1)
    if word in words["singular_determiners"]:
        count = match_count_at(text, first.end(), low)
        if count is not None:
            return (count[0], start, count[2], f"{count[3]} (after '{word}')"), False
        end = _singular_noun(text, low, first.end(), word, any_noun)
        if end is not None:
            return (1, start, end, f"'{word}' before one victim = 1"), True
        after = _NEXT_WORD.match(low, first.end())
        if word == "another" and (after is None or after.group(1) in words["np_stop"]):
            return (1, start, first.end(), "'another' alone = one more victim"), True
    if word in words["object_pronouns"]:
        return (1, start, first.end(), f"object pronoun '{word}' = 1"), True
    return None


def _groups_after(
    text: str, low: str, pos: int, one: _OneVictim = ""
) -> tuple[list[CountMatch], int, bool]:
    """Victim groups right after an active verb: their counts, the end, an attacker hint.

    ``one``: whether one victim may be read without a figure (``_one_victim``): "known"
    for a known victim noun or a pronoun, "any" when the verb kills and any singular noun
    that is not an animal or a thing is one person.
    """
    groups: list[CountMatch] = []
    attacker = False
    end = pos
    while True:
        count = match_count_at(text, pos, low)
        if count is None and not groups:
            self_kill = _REFLEXIVE.match(low, pos)
            if self_kill is not None:
                attacker = True
                count = (1, self_kill.start(1), self_kill.end(), "the attacker himself")
        read = False
        if count is None:
            single = _one_victim(text, low, pos, one == "any" and not groups) if one else None
            if single is None:
                break
            count, read = single
        if read:
            np_end = count[2]
        else:
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
    text: str, low: str, trig_start: int, trig_end: int, role: str, kind: str = "killed"
) -> tuple[list[CountMatch], bool]:
    """Victim groups before a passive, intransitive or nominal casualty word."""
    _, _, auxiliaries = _triggers()
    window = _sentence_start(low, trig_start)
    # The slice runs to the trigger's end so "no casualties" sees its noun.
    counts = [c for c in find_counts(text[window:trig_end], offset=window) if c[2] <= trig_start]
    # A figure inside an aside ("one geologist (a contractor)") is not a group.
    for aside in _ASIDE.finditer(low, window, trig_start):
        counts = [c for c in counts if not aside.start() < c[1] < aside.end()]
    needs_partner = False
    if role in ("passive", "intransitive"):
        # "a mason was killed", "he succumbed", "and another was hacked to death".
        single = _one_subject(text, low, window, trig_start, role, kind)
        if single is not None and (not counts or counts[-1][2] <= single[1]):
            counts.append(single)
            plural = _one_victim_words()["plural_auxiliaries"]
            needs_partner = any(w in plural for w in low[single[2] : trig_start].split())
    if not counts:
        return [], False
    last = counts[-1]
    # "two guards (including the night watchman) were killed": the aside is skipped.
    gap = _ASIDE.sub(" ", low[last[2] : trig_start])
    if _PUNCT.search(gap):
        return [], False
    words = gap.split()
    if any(w in _stops()[1] for w in words) or len(words) > 9:
        return [], False
    if _triggers()[0].search(gap):
        return [], False  # "killed or injured": the figure belongs to the first word
    has_aux = any(w in auxiliaries for w in words)
    if role == "nominal" and has_aux:
        return [], False
    needs_boundary = role == "nominal" or (role == "passive" and not has_aux)
    if needs_boundary and not _BOUNDARY_AFTER.match(low, trig_end):
        return [], False
    if role in ("passive", "nominal") and not has_aux and _verb_with_object(low, trig_end):
        return [], False  # "two hunters killed and skinned a buck": active, not passive
    if role == "passive" and words and words[-1] in _one_victim_words()["perfect_auxiliaries"]:
        return [], False  # "the gunmen who had killed ...": active perfect
    # The subject of "were killed" or "died" is a person unless it is an animal or a thing.
    any_subject = kind in ("killed", "injured") and (
        role == "intransitive" or (role == "passive" and has_aux)
    )
    np_end, is_people = _np_end(text, low, last[2])
    # With no noun between ("Four killed", "one later died") the figure counts the people.
    nouns_between = any(w not in auxiliaries for w in words)
    if nouns_between and not is_people and not (any_subject and _plain_subject(words, auxiliaries)):
        return [], False
    groups = [last]
    for earlier in reversed(counts[:-1]):
        between = low[earlier[2] : groups[0][1]]
        np_end, is_people = _np_end(text, low, earlier[2])
        if not is_people and any_subject:
            is_people = _plain_subject(low[earlier[2] : np_end].split(), auxiliaries)
        sep = _SEPARATOR.match(low, np_end)
        if not is_people or sep is None or sep.end() != groups[0][1]:
            break
        if len(between.split()) > _NP_WORDS + 2 or _triggers()[0].search(
            low, earlier[2], sep.start()
        ):
            break  # "7 dead and 12 wounded": each figure has its own casualty word
        groups.insert(0, earlier)
    if needs_partner and len(groups) == 1:
        return [], False  # "gunmen and a soldier were killed": not one person
    # "eleven people including three nurses were killed": the whole group, not the part.
    first = counts.index(groups[0])
    if first > 0:
        whole_end, whole_people = _np_end(text, low, counts[first - 1][2])
        if whole_people and _INCLUDING.fullmatch(low, whole_end, groups[0][1]):
            groups = [counts[first - 1]]
    # "3 dead", but "leaving one young fisherman dead": a longer phrase only after "left".
    after_left = _LEFT_BEFORE.search(low, window, groups[0][1]) is not None
    if role == "nominal" and len(words) > 1 and (len(words) > _NP_WORDS or not after_left):
        return [], False
    return groups, has_aux


def _one_subject(
    text: str, low: str, window: int, trig_start: int, role: str, kind: str
) -> CountMatch | None:
    """One victim named without a figure before a passive or intransitive casualty word.

    "a mason was killed", "the driver later died", "a member of the choir was
    stoned to death", "he succumbed", "another was beheaded". The noun must be singular;
    for killed and injured any noun that is not an animal or a thing, else a known victim
    noun. A passive needs its auxiliary ("the explosion killed and ..." is active).
    """
    words = _one_victim_words()
    _, _, auxiliaries = _triggers()
    candidates = list(_subject_words().finditer(low, window, trig_start))
    for cand in reversed(candidates[-3:]):
        if low[max(window, cand.start() - 3) : cand.start()] == "of ":
            continue  # "a member of the choir": a determiner inside the noun phrase
        word = cand.group(0)
        gap = _ASIDE.sub(" ", low[cand.end() : trig_start])
        rest = gap.split()
        # "were" fits one person only as the last of joined groups ("a soldier and a
        # ranger were killed"); the caller checks a group does join.
        joined = _JOINED_BEFORE.search(low, window, cand.start()) is not None
        plural = any(w in words["plural_auxiliaries"] for w in rest)
        if _PUNCT.search(gap) or len(rest) > 9 or (plural and not joined):
            return None
        aux_at = next((i for i, w in enumerate(rest) if w in auxiliaries), len(rest))
        if any(w not in auxiliaries for w in rest[aux_at:]):
            return None
        if role == "passive" and aux_at == len(rest):
            return None
        if aux_at == 0:
            if word in words["subject_pronouns"] or word == "another":
                return 1, cand.start(), cand.end(), f"'{word}' = one victim"
            return None
        any_noun = kind in ("killed", "injured")
        end = _singular_noun(text, low, cand.end(), word, any_noun, trig_start)
        if end is None:
            return None
        return 1, cand.start(), end, f"'{word}' before one victim = 1"
    return None


def _plain_subject(words: list[str], auxiliaries: frozenset[str]) -> bool:
    """Whether the words before a passive or "died" can name people: not an animal, a
    time or a thing ("one rioter was killed", not "two cows were killed")."""
    lists = _one_victim_words()
    nouns = [w for w in words if w not in auxiliaries]
    if not nouns or len(nouns) > _NP_WORDS:
        return False
    for word in nouns:
        bare = word.rstrip("'’").removesuffix("'s")
        singular = bare.removesuffix("s")
        if bare in animal_nouns() or bare in lists["time"] or singular in lists["time"]:
            return False
        if bare in lists["not_one_victim"] or singular in lists["not_one_victim"]:
            return False
    return True


def _verb_with_object(low: str, pos: int) -> bool:
    """ "killed and skinned two goats near the well": a second verb with an object follows,
    so the words before "killed" are its subject, not its victims."""
    second = _AND_VERB.match(low, pos)
    if second is None:
        return False
    verb_end = second.end()
    if second.group(1) not in _one_victim_words()["then_verbs"]:
        pattern, meaning, _ = _triggers()
        trigger = pattern.match(low, second.start(1))
        if trigger is None:
            return False
        roles = meaning.get(" ".join(trigger.group(0).split()), [])
        if not any(t.role == "active" for t in roles):
            return False
        verb_end = trigger.end()
    return _BOUNDARY_AFTER.match(low, verb_end) is None


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


@cache
def _to_death_verbs() -> re.Pattern[str]:
    """ "burned two alleged thieves to death": the victims stand between verb and "to death"."""
    return re.compile(rf"\b(?:{trie_regex(lexicon()['to_death_verbs'])})\s+")


def _to_death(text: str, low: str) -> list[Casualty]:
    found = []
    for verb in _to_death_verbs().finditer(low):
        one: _OneVictim = "any" if _victim_may_follow(low, verb.start()) else ""
        # "lynched to death an old cobbler": the victims follow "to death".
        lead = _TO_DEATH_NEXT.match(low, verb.end())
        if lead is not None:
            groups, end, _ = _groups_after(text, low, lead.end(), one)
            if groups:
                why = f"'{verb.group(0).strip()} to death' then the victims"
                found.append(_casualty("killed", groups, verb.start(), end, text, why))
            continue
        groups, end, _ = _groups_after(text, low, verb.end(), one)
        # " to death" inside the victim phrase or right after it ("burned him to death").
        death = low.find(" to death", groups[-1][2] if groups else end, end + 10)
        if groups and death >= 0:
            why = f"'{verb.group(0).strip()} ... to death': the victims in between"
            found.append(_casualty("killed", groups, verb.start(), death + 9, text, why))
    return found


def _victim_may_follow(low: str, verb_start: int) -> bool:
    """Whether the noun after a killing verb is its victim: not after "was", "to", "not"
    ("was killed the next day", "threatened to kill the chief")."""
    words = _one_victim_words()
    before = low[max(0, verb_start - 30) : verb_start].split()
    if before and before[-1] in words["not_before"]:
        return False
    return not (len(before) > 1 and before[-2] in words["passive_markers"])


def _then_verb(low: str, pos: int) -> int | None:
    """End of "and mutilated" after a casualty verb: the victims follow the second verb.

    A second casualty word ("killed and wounded") is read on its own instead.
    """
    verb = _AND_VERB.match(low, pos)
    if verb is None or verb.group(1) not in _one_victim_words()["then_verbs"]:
        return None
    if _triggers()[0].match(low, verb.start(1)):
        return None
    return verb.end()


def _more_victims(text: str, low: str, pos: int) -> tuple[list[CountMatch], int]:
    """ "three guards died as well as a driver": the group after the connector."""
    joined = _additive().match(low, pos)
    if joined is None:
        return [], pos
    groups, end, _ = _groups_after(text, low, joined.end(), "known")
    if not groups or _triggers()[0].search(low, joined.end(), end):
        return [], pos  # "... as well as two injured": the group has its own casualty word
    following = _WORDS.match(low, end + 1)
    if following and following.group(0) in _triggers()[2]:
        return [], pos  # "... as well as two soldiers were injured": a new clause
    return groups, end


def _from_trigger(text: str, low: str, match: re.Match[str], meanings: list[_Trigger]):
    """Casualties read around one casualty word (possibly none)."""
    out: list[Casualty] = []
    phrase = " ".join(match.group(0).split())
    ambiguous = _EITHER_HURT.match(low, match.end())
    unharmed = phrase in lexicon()["zero_means_unharmed"] or ambiguous is not None
    for trigger in meanings:
        if trigger.role in ("active", "event_nouns"):
            active = trigger.role == "active"
            one: _OneVictim = "known"
            if active and not _victim_may_follow(low, match.start()):
                one = ""  # "threatened to kill his rival", "was killed the next day"
            elif active and trigger.kind == "killed":
                one = "any"
            groups, end, attacker = _groups_after(text, low, match.end(), one)
            then = _then_verb(low, match.end()) if active and not groups else None
            if then is not None:
                groups, end, attacker = _groups_after(text, low, then, one)
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
        groups, _ = _groups_before(text, low, match.start(), match.end(), role, trigger.kind)
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
        end = match.end()
        if trigger.role in ("passive", "intransitive"):
            more, more_end = _more_victims(text, low, end)
            if more:
                groups, end = groups + more, more_end
                why += "; a second group after the connector"
        out.append(_casualty(trigger.kind, groups, start, end, text, why))
        return out
    return out


def _join_another(text: str, low: str, found: list[Casualty]) -> list[Casualty]:
    """ "killed a man ... and decapitated another": "another" adds to the figure before it
    in the same sentence, so the two make one figure."""
    if len(found) < 2 or "another" not in low:
        return found
    out: list[Casualty] = []
    for cas in found:
        index = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind == cas.kind), None)
        if index is not None and _ANOTHER.search(low, cas.start, cas.end):
            prev = out[index]
            if prev.end <= cas.start and not _FULL_STOP.search(low, prev.end, cas.start):
                why = f"{prev.reason}; 'another' adds {cas.count}: {cas.reason}"
                out[index] = Casualty(
                    cas.kind,
                    prev.count + cas.count,
                    prev.start,
                    cas.end,
                    text[prev.start : cas.end],
                    why,
                )
                continue
        out.append(cas)
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
    kept = _join_another(text, low, kept)
    if offset:
        kept = [
            Casualty(c.kind, c.count, c.start + offset, c.end + offset, c.text, c.reason)
            for c in kept
        ]
    return kept
