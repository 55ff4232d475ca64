"""Victim groups around a casualty word: how many people, read the way ACLED counts.

Groups after an active verb ("killing two guards and four civilians"), before a
passive, intransitive or nominal word ("12 people were detained", "3 dead"), and one
victim without a figure ("killed an economic operator", "a mason was killed").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache
from itertools import pairwise

from newscoder import lexicon
from newscoder.extract.casualty_words import (
    AND_VERB,
    ASIDE,
    BOUNDARY_AFTER,
    INCLUDING,
    JOINED_BEFORE,
    LEFT_BEFORE,
    NEXT_WORD,
    NP,
    NP_WORDS,
    PUNCT,
    REFLEXIVE,
    SENTENCE_END,
    SEPARATOR,
    WORDS,
    OneVictim,
    one_victim_words,
    stops,
    subject_words,
    triggers,
)
from newscoder.extract.numbers import (
    CountMatch,
    animal_nouns,
    find_counts,
    match_count_at,
    person_nouns,
)
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.types import HARM_KINDS

ONE_VICTIM = declare(
    "CA100", "one-victim", Stage.EXTRACT, Kind.CHOOSE,
    "one person named without a figure counts 1 ('killed an economic operator', 'a mason was "
    "killed', 'shot him')",
)  # fmt: skip
ATTACKER = declare(
    "CA105", "attacker-himself", Stage.EXTRACT, Kind.CHOOSE,
    "an attacker who killed himself ('blew himself up') counts 1: still a fatality",
    source="ACLED codebook 2023, Fatalities: perpetrators killed are counted",
)  # fmt: skip

COMMA_BEFORE_PASSIVE = declare(
    "EV505", "comma-before-passive", Stage.EXTRACT, Kind.CHOOSE,
    "a comma aside, or a stray comma, between the victims and their passive verb ('three "
    "villagers, all farmers, were killed') still makes them its subject",
)  # fmt: skip
# ", all farmers, were" / ", were" right before a passive casualty word.
_COMMA_ASIDE = re.compile(
    r"(?:,[^,.;:!?()]{0,80})?,\s*(?=" + lexicon.alternation("passive_auxiliaries") + r"\s*$)"
)


PASSIVE_SERIES = declare(
    "CA175", "passive-series", Stage.EXTRACT, Kind.CHOOSE,
    "a casualty verb ending a series of passive acts counts their subject ('a man was "
    "dragged out, shot, and killed', 'were abducted, tortured and killed')",
)  # fmt: skip


@cache
def _passive_series() -> re.Pattern[str]:
    """ "was dragged out of his house, shot, and ": an auxiliary, then participles (each
    with at most one short phrase of place or time) joined by commas and "and"."""
    part = lexicon.alternation("series_participles")
    particle = r"(?:\s+(?:out|away|off|up|down))?"
    phrase = particle + r"(?:\s+(?:of|from|in|on|at|into|near|to)(?:\s+[a-z']+){1,4})?"
    item = rf"(?:{part}){phrase}"
    aux = lexicon.alternation("passive_auxiliaries")
    return re.compile(rf"(?:^|\s)({aux})\s+{item}(?:\s*,\s*{item})*\s*(?:,?\s+and|,)\s*$")


def passive_series(gap: str) -> str | None:
    """``gap`` (between the victims' figure and a casualty verb) up to its auxiliary
    when the rest is a series of passive acts the verb ends (CA175): " men were
    abducted, tortured and " -> " men were ". None when it is not such a series."""
    found = _passive_series().search(gap)
    return None if found is None else gap[: found.end(1)] + " "


def victim_np_end(text: str, low: str, pos: int) -> tuple[int, bool]:
    """End of the victim noun phrase after a figure, and whether it names people."""
    end = pos
    words: list[str] = []
    for match in NP.finditer(low, pos):
        if match.start() != end or len(words) >= NP_WORDS:
            break
        word = match.group(0).strip()
        if word in stops()[0] or word[0].isdigit():
            break
        words.append(word)
        end = match.end()
    if not words:
        return pos, True
    nouns = person_nouns()
    animals = animal_nouns()
    # "58 oxen belonging to herders", "200 head of cattle"; but "a cattle trader" is a person.
    second = words[1].rstrip("'’") if len(words) > 1 else ""
    compound = second in nouns and second not in triggers()[1]  # not "40 cows dead"
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


def singular_noun(
    text: str, low: str, pos: int, determiner: str, any_noun: bool, limit: int | None = None
) -> int | None:
    """End of a singular noun phrase naming one person after ``determiner``, or None.

    The head is the last known victim noun ("the police officer", "a soldier accused of
    ..."), else the last word ("an economic operator"), which is accepted only with
    ``any_noun`` and when it is not an animal, a time, a thing or a group. With ``limit``
    (a subject before its verb) the phrase ends there or at an auxiliary.
    """
    words = one_victim_words()
    nouns = person_nouns()
    stops = words["np_stop"] if limit is None else words["subject_stop"]
    end = pos
    head = ""
    head_start = pos
    known = animal = False
    for count, match in enumerate(NP.finditer(low, pos, len(low) if limit is None else limit)):
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


def one_victim(text: str, low: str, pos: int, any_noun: bool) -> tuple[CountMatch, bool] | None:
    """One victim, or a figure after a determiner, where no figure starts at ``pos``.

    Returns the count and whether its noun phrase is already read. "the two soldiers",
    "his two sons": the figure after the determiner. "him", "her": one. "the driver",
    "their leader": one. With ``any_noun`` (killing verbs) also "an economic operator" and
    "another" standing alone ("shot dead another").
    """
    words = one_victim_words()
    first = NEXT_WORD.match(low, pos)
    if first is None:
        return None
    word, start = first.group(1), first.start(1)
    if word in words["singular_determiners"]:
        count = match_count_at(text, first.end(), low)
        if count is not None:
            why = f"{count.reason} (after '{word}')"
            return CountMatch(count.value, start, count.end, why, count.rules), False
        end = singular_noun(text, low, first.end(), word, any_noun)
        if end is not None:
            return CountMatch(1, start, end, f"'{word}' before one victim = 1", (ONE_VICTIM,)), True
        if word == "another" and _alone(low, first.end(), words["np_stop"]):
            why = "'another' alone = one more victim"
            return CountMatch(1, start, first.end(), why, (ONE_VICTIM,)), True
    if word == "both" and any_noun and _alone(low, first.end(), words["np_stop"]):
        # "opened fire on two brothers, killing both": the two told before
        return CountMatch(2, start, first.end(), "'both' alone = 2", (ONE_VICTIM,)), True
    if word in words["object_pronouns"]:
        why = f"object pronoun '{word}' = 1"
        return CountMatch(1, start, first.end(), why, (ONE_VICTIM,)), True
    return None


def _alone(low: str, end: int, stops: Collection[str]) -> bool:
    """Whether the word ending at ``end`` stands alone: no word follows, or a phrase stop."""
    after = NEXT_WORD.match(low, end)
    return after is None or after.group(1) in stops


def groups_after(
    text: str, low: str, pos: int, one: OneVictim = ""
) -> tuple[list[CountMatch], int, bool]:
    """Victim groups right after an active verb: their counts, the end, an attacker hint.

    ``one``: whether one victim may be read without a figure (``one_victim``): "known"
    for a known victim noun or a pronoun, "any" when the verb kills and any singular noun
    that is not an animal or a thing is one person.
    """
    groups: list[CountMatch] = []
    attacker = False
    end = pos
    while True:
        count = match_count_at(text, pos, low)
        if count is None and not groups:
            self_kill = REFLEXIVE.match(low, pos)
            if self_kill is not None:
                attacker = True
                count = CountMatch(
                    1, self_kill.start(1), self_kill.end(), "the attacker himself", (ATTACKER,)
                )
        read = False
        if count is None:
            single = one_victim(text, low, pos, one == "any" and not groups) if one else None
            if single is None:
                break
            count, read = single
        if read:
            np_end = count[2]
        else:
            np_end, is_people = victim_np_end(text, low, count[2])
            if not is_people:
                break
        following = WORDS.match(low, np_end + 1)
        if groups and following and following.group(0) in triggers()[2]:
            break  # "... and four were injured": a new clause, not another victim group
        groups.append(count)
        end = np_end
        sep = SEPARATOR.match(low, end)
        if sep is None:
            break
        pos = sep.end()
    return groups, end, attacker


def sentence_start(low: str, pos: int, limit: int = 160) -> int:
    start = max(0, pos - limit)
    last = start
    for match in SENTENCE_END.finditer(low, start, pos):
        last = match.end()
    return last


def groups_before(
    text: str, low: str, trig_start: int, trig_end: int, role: str, kind: str = "killed"
) -> tuple[list[CountMatch], bool]:
    """Victim groups before a passive, intransitive or nominal casualty word."""
    _, _, auxiliaries = triggers()
    window = sentence_start(low, trig_start)
    # The slice runs to the trigger's end so "no casualties" sees its noun.
    counts = [c for c in find_counts(text[window:trig_end], offset=window) if c[2] <= trig_start]
    # A figure inside an aside ("one geologist (a contractor)") is not a group.
    for aside in ASIDE.finditer(low, window, trig_start):
        counts = [c for c in counts if not aside.start() < c[1] < aside.end()]
    needs_partner = False
    if role in ("passive", "intransitive"):
        # "a mason was killed", "he succumbed", "and another was hacked to death".
        single = one_subject(text, low, window, trig_start, role, kind)
        if single is not None and (not counts or counts[-1][2] <= single[1]):
            counts.append(single)
            plural = one_victim_words()["plural_auxiliaries"]
            needs_partner = any(w in plural for w in low[single[2] : trig_start].split())
    if not counts:
        return [], False
    last = counts[-1]
    # "two guards (including the night watchman) were killed": the aside is skipped.
    gap = ASIDE.sub(" ", low[last[2] : trig_start])
    aside = _COMMA_ASIDE.search(gap) if role == "passive" else None
    if aside is not None:
        gap = gap[: aside.start()] + " " + gap[aside.end() :]
    series = passive_series(gap) if role == "passive" else None
    if series is not None:
        # "a man was dragged out of his house, shot, and killed": the series ends here.
        fire(PASSIVE_SERIES, "chose", gap.strip(), trig_start)
        gap = series
    if PUNCT.search(gap):
        return [], False
    words = gap.split()
    if any(w in stops()[1] for w in words) or len(words) > 9:
        return [], False
    if triggers()[0].search(gap):
        return [], False  # "killed or injured": the figure belongs to the first word
    has_aux = any(w in auxiliaries for w in words)
    if role == "nominal" and has_aux:
        return [], False
    needs_boundary = role == "nominal" or (role == "passive" and not has_aux)
    if needs_boundary and not BOUNDARY_AFTER.match(low, trig_end):
        return [], False
    if role in ("passive", "nominal") and not has_aux and verb_with_object(low, trig_end):
        return [], False  # "two hunters killed and skinned a buck": active, not passive
    if role == "passive" and words and words[-1] in one_victim_words()["perfect_auxiliaries"]:
        return [], False  # "the gunmen who had killed ...": active perfect
    # The subject of "were killed" or "died" is a person unless it is an animal or a thing.
    any_subject = kind in HARM_KINDS and (role == "intransitive" or (role == "passive" and has_aux))
    np_end, is_people = victim_np_end(text, low, last[2])
    # With no noun between ("Four killed", "one later died") the figure counts the people.
    nouns_between = any(w not in auxiliaries for w in words)
    if nouns_between and not is_people and not (any_subject and plain_subject(words, auxiliaries)):
        return [], False
    groups = [last]
    for earlier in reversed(counts[:-1]):
        between = low[earlier[2] : groups[0][1]]
        np_end, is_people = victim_np_end(text, low, earlier[2])
        if not is_people and any_subject:
            is_people = plain_subject(low[earlier[2] : np_end].split(), auxiliaries)
        sep = SEPARATOR.match(low, np_end)
        if not is_people or sep is None or sep.end() != groups[0][1]:
            break
        if len(between.split()) > NP_WORDS + 2 or triggers()[0].search(
            low, earlier[2], sep.start()
        ):
            break  # "7 dead and 12 wounded": each figure has its own casualty word
        groups.insert(0, earlier)
    if needs_partner and len(groups) == 1:
        return [], False  # "gunmen and a soldier were killed": not one person
    # "eleven people including three nurses were killed": the whole group, not the part.
    first = counts.index(groups[0])
    if first > 0:
        whole_end, whole_people = victim_np_end(text, low, counts[first - 1][2])
        if whole_people and INCLUDING.fullmatch(low, whole_end, groups[0][1]):
            groups = [counts[first - 1]]
    # "3 dead", but "leaving one young fisherman dead": a longer phrase only after "left".
    after_left = LEFT_BEFORE.search(low, window, groups[0][1]) is not None
    if role == "nominal" and len(words) > 1 and (len(words) > NP_WORDS or not after_left):
        return [], False
    if aside is not None:
        fire(COMMA_BEFORE_PASSIVE, "chose", text[last[1] : trig_end], last[1])
    return groups, has_aux


def one_subject(
    text: str, low: str, window: int, trig_start: int, role: str, kind: str
) -> CountMatch | None:
    """One victim named without a figure before a passive or intransitive casualty word.

    "a mason was killed", "the driver later died", "a member of the choir was
    stoned to death", "he succumbed", "another was beheaded". The noun must be singular;
    for killed and injured any noun that is not an animal or a thing, else a known victim
    noun. A passive needs its auxiliary ("the explosion killed and ..." is active).
    """
    words = one_victim_words()
    _, _, auxiliaries = triggers()
    candidates = list(subject_words().finditer(low, window, trig_start))
    for cand in reversed(candidates[-3:]):
        if low[max(window, cand.start() - 3) : cand.start()] == "of ":
            continue  # "a member of the choir": a determiner inside the noun phrase
        word = cand.group(0)
        gap = ASIDE.sub(" ", low[cand.end() : trig_start])
        rest = gap.split()
        # "were" fits one person only as the last of joined groups ("a soldier and a
        # ranger were killed"); the caller checks a group does join.
        joined = JOINED_BEFORE.search(low, window, cand.start()) is not None
        plural = any(w in words["plural_auxiliaries"] for w in rest)
        if PUNCT.search(gap) or len(rest) > 9 or (plural and not joined):
            return None
        aux_at = next((i for i, w in enumerate(rest) if w in auxiliaries), len(rest))
        if any(w not in auxiliaries for w in rest[aux_at:]):
            return None
        if role == "passive" and aux_at == len(rest):
            return None
        if aux_at == 0:
            if word in words["subject_pronouns"] or word == "another":
                return CountMatch(
                    1, cand.start(), cand.end(), f"'{word}' = one victim", (ONE_VICTIM,)
                )
            return None
        any_noun = kind in HARM_KINDS
        end = singular_noun(text, low, cand.end(), word, any_noun, trig_start)
        if end is None:
            return None
        why = f"'{word}' before one victim = 1"
        return CountMatch(1, cand.start(), end, why, (ONE_VICTIM,))
    return None


def plain_subject(words: list[str], auxiliaries: frozenset[str]) -> bool:
    """Whether the words before a passive or "died" can name people: not an animal, a
    time or a thing ("one rioter was killed", not "two cows were killed")."""
    lists = one_victim_words()
    nouns = [w for w in words if w not in auxiliaries]
    if not nouns or len(nouns) > NP_WORDS:
        return False
    for word in nouns:
        bare = word.rstrip("'’").removesuffix("'s")
        singular = bare.removesuffix("s")
        if bare in animal_nouns() or bare in lists["time"] or singular in lists["time"]:
            return False
        if bare in lists["not_one_victim"] or singular in lists["not_one_victim"]:
            return False
    return True


def verb_with_object(low: str, pos: int) -> bool:
    """ "killed and skinned two goats near the well": a second verb with an object follows,
    so the words before "killed" are its subject, not its victims."""
    second = AND_VERB.match(low, pos)
    if second is None:
        return False
    verb_end = second.end()
    if second.group(1) not in one_victim_words()["then_verbs"]:
        pattern, meaning, _ = triggers()
        trigger = pattern.match(low, second.start(1))
        if trigger is None:
            return False
        roles = meaning.get(" ".join(trigger.group(0).split()), [])
        if not any(t.role == "active" for t in roles):
            return False
        verb_end = trigger.end()
    return BOUNDARY_AFTER.match(low, verb_end) is None
