"""Which countries a report is about: the evidence every namesake choice leans on.

The pipeline reads these once per article, most salient first; place look-ups
then prefer a candidate in those countries (:mod:`newscoder.resolve.place_choice`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache

from newscoder import lexicon
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.gazetteer import fold, get_gazetteer, name_key
from newscoder.resolve.place_names import POSSESSIVE, clean_name, generic_name

COUNTRIES_NAMED = declare(
    "PL005", "countries-named", Stage.RESOLVE, Kind.FIND,
    "a report is about the countries it names (names, demonyms, towns of a million, admin1 "
    "names of one country only), most mentioned first",
)  # fmt: skip
TOWN_CLUES = declare(
    "PL010", "smaller-towns-as-clues", Stage.RESOLVE, Kind.FIND,
    "a report that names no country, no demonym and no town of a million is read again "
    "with towns of 200,000 as clues ('protesters marched in Cotonou')",
)  # fmt: skip
UNIT_WORD_COUNTRY = declare(
    "PL015", "unit-word-country", Stage.RESOLVE, Kind.FIND,
    "a unit word only one country uses ('upazila': Bangladesh, 'LGA': Nigeria) names the "
    "country of a report that names none",
)  # fmt: skip
TOWNS_VOTE = declare(
    "PL020", "towns-vote-country", Stage.RESOLVE, Kind.CHOOSE,
    "in a report that names no country, each place name only one country has votes for it "
    "('Allada' is only in Benin); a tie gives nothing",
)  # fmt: skip

TOPIC_ONLY = declare(
    "PL022", "topic-country", Stage.RESOLVE, Kind.REFINE,
    "a country named only as a report's topic ('against the war in Ukraine', 'the Ukrainian "
    "community') is not where it happened: the report's towns are asked first",
)  # fmt: skip

_TOKEN = re.compile(r"[^\W\d_][\w.'’]*")
_GLUE = lexicon.words("place_name_glue")  # "Democratic Republic of the Congo", "Côte d'Ivoire"


def _spans(text: str) -> list[str]:
    """Runs of capitalised words (with "of"/"the"/"and" inside), possessives cut."""
    runs: list[list[str]] = [[]]
    for found in _TOKEN.findall(text):  # the words alone: no match object per word
        word = found.rstrip(".")
        if word.endswith(("'s", "’s")):  # POSSESSIVE, asked of the few words it can cut
            word = POSSESSIVE.sub("", word)
        if word[:1].isupper() or (runs[-1] and word.lower() in _GLUE):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if run]


def country_codes_in(text: str) -> list[str]:
    """ISO2 codes of the countries an article talks about, most mentioned first.

    Counts country names, demonyms ("Pakistani"), big towns (a million people)
    and admin1 names that belong to one country only. Ties keep the order of
    first mention. A report that names none of those (a short note: "protesters
    marched in Cotonou") is read again with towns of 200,000 people as clues.
    """
    found = _country_codes_in(text, 1_000_000)
    rule = COUNTRIES_NAMED
    if not found:
        found = _country_codes_in(text, 200_000)
        rule = TOWN_CLUES
    for code in found:
        fire(rule, "found", code)
    return found


@cache
def _unit_words() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = lexicon.word_map("unit_word_countries")
    alternatives = "|".join(re.escape(w) for w in sorted(rows, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})s?\b", re.IGNORECASE), rows


def countries_of_unit_words(text: str) -> list[str]:
    """Countries named by the units a report uses that no other country has
    ("upazila": Bangladesh; "LGA": Nigeria), most mentioned first."""
    pattern, rows = _unit_words()
    counts = Counter(rows[m.group(1).lower()] for m in pattern.finditer(text))
    found = [code for code, _ in counts.most_common()]
    for code in found:
        fire(UNIT_WORD_COUNTRY, "found", code)
    return found


def countries_of_towns(names: Sequence[str]) -> list[str]:
    """Countries a report's place names point to when it names no country: each
    name that only one country has a town or admin1 of votes for it ("Allada" is
    only in Benin; "Tori" is in Benin and Italy and does not vote). Most votes
    first; a tie between the two best gives nothing."""
    gaz = get_gazetteer()
    votes: Counter[str] = Counter()
    for name in _voting_names(names):
        codes = gaz.town_countries(name) | {unit.country_code for unit in gaz.admin1(name)}
        if len(codes) == 1:
            votes[codes.pop()] += 1
    return _outcome(votes, TOWNS_VOTE, report_tie=True)


def _voting_names(names: Sequence[str]) -> Iterator[str]:
    """The names that may vote for a country, once each: no country's name, and no name
    only of compass and unit words ("South District" is a part of many towns, PL187)."""
    gaz = get_gazetteer()
    for name in dict.fromkeys(clean_name(n) for n in names):
        if name and gaz.country_by_name(name) is None and not generic_name(name):
            yield name


def _outcome(votes: Counter[str], vote: Rule, *, report_tie: bool) -> list[str]:
    """The countries voted for, most votes first; nothing when the two best tie."""
    ranked = votes.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        if ranked and report_tie:
            fire(vote, "refused", detail="a tie between the two best")
        return []
    fire(vote, "chose", ranked[0][0], detail=f"{ranked[0][1]} vote(s)")
    return [code for code, _ in ranked]


SMALL_PLACES_VOTE = declare(
    "PL024", "small-places-vote-country", Stage.RESOLVE, Kind.CHOOSE,
    "in a report that names no country and no town, each place name that only one country "
    "has a village or small town of votes for it ('Gnoien' is only in Germany)",
)  # fmt: skip


def countries_of_small_places(names: Sequence[str]) -> list[str]:
    """The PL020 vote over the small places (the gazetteer's villages and towns under
    5,000 people) of every country, for a report whose names no town answers: a name
    votes when one country alone has a place of that very name (an alias does not
    vote). Read only when asked; every country's index is then read once (PL024)."""
    gaz = get_gazetteer()
    votes: Counter[str] = Counter()
    for name in _voting_names(names):
        if gaz.town_countries(name) or gaz.admin1(name):
            continue  # a town or a unit: PL020's to count
        codes = {
            code for code in gaz.small_place_countries() if any(
                own for _, own in gaz.small_places(name, code)
            )
        }  # fmt: skip
        if len(codes) == 1:
            votes[codes.pop()] += 1
    return _outcome(votes, SMALL_PLACES_VOTE, report_tie=False)


@cache
def _first_words(min_population: int) -> frozenset[str]:
    """First words of every name :func:`_country_codes_in` looks for: most words
    of a text start none, and are skipped without building their n-grams."""
    gaz = get_gazetteer()
    keys = [*gaz.country_name_keys(), *gaz.well_known_names(min_population)]
    return frozenset(key.split(" ")[0] for key in keys)


@cache
def _country_name_keys() -> dict[str, str]:
    """The gazetteer's country names and demonyms, merged once (not per article)."""
    return get_gazetteer().country_name_keys()


def _country_codes_in(text: str, min_population: int) -> list[str]:
    gaz = get_gazetteer()
    names = _country_name_keys()
    places = gaz.well_known_names(min_population)
    starts = _first_words(min_population)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for run in _spans(text):
        words = run.split(" ")
        i = 0
        while i < len(words):
            lead = name_key(words[i]).split(" ")[0]
            if lead not in starts and lead[:-1] not in starts:
                i += 1  # no country, demonym or town name starts with this word
                continue
            for n in range(min(5, len(words) - i), 0, -1):
                chunk = words[i : i + n]
                if not chunk[0][:1].isupper() or not chunk[-1][:1].isupper():
                    continue
                raw = " ".join(chunk)
                key = name_key(raw)
                if len(key) <= 3 and raw.replace(".", "") != key.upper():
                    continue  # "Us", "In": short names count only as exact acronyms
                code = names.get(key) or places.get(key)
                if code is None and key.endswith("s") and gaz.is_demonym(key):
                    code = names.get(key[:-1])  # "Afghans", "Nigerians"
                if code:
                    counts[code] += 1
                    first.setdefault(code, len(first))
                    i += n
                    break
            else:
                i += 1
    return sorted(counts, key=lambda code: (-counts[code], first[code]))


@cache
def _topic_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = re.compile(lexicon.alternation("topic_country_before") + r"$", re.IGNORECASE)
    # "the Russian invasion", "the Russian military invasion", "the Ukrainian refugee community",
    # "Russia's invasion"
    after = re.compile(
        r"(?:['’]s)?(?:\s+[\w-]+){0,2}?\s+" + lexicon.alternation("topic_country_after") + r"\b",
        re.IGNORECASE,
    )
    return before, after


@cache
def _keys_by_country() -> dict[str, tuple[str, ...]]:
    """Per country, its name and demonym keys (longer than three letters)."""
    names: dict[str, list[str]] = {}
    for key, code in _country_name_keys().items():
        if len(key) > 3:
            names.setdefault(code, []).append(key)
    return {code: tuple(keys) for code, keys in names.items()}


@cache
def _country_mention(code: str) -> re.Pattern[str] | None:
    """A country's names and demonyms (plural too) in folded lower-case text."""
    keys = _keys_by_country().get(code)
    if not keys:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")s?\b")


def topic_mention(text: str, start: int, end: int) -> bool:
    """Whether the country named at ``text[start:end]`` stands in a topic's place
    ("against the war in Ukraine", "the Russian invasion"): PL022's cues, read around
    this one mention."""
    lead = fold(text[max(0, start - 40) : start]).lower()
    name = fold(text[start:end]).lower()
    around = lead + name + fold(text[end : end + 40]).lower()
    return _topic_at(around, len(lead), len(lead) + len(name))


def _topic_at(folded: str, start: int, end: int) -> bool:
    """A topic cue right before ``folded[start:end]`` or right after it (PL022)."""
    before, after = _topic_cues()
    return bool(before.search(folded, max(0, start - 40), start) or after.match(folded, end))


def topic_countries(text: str, codes: Sequence[str]) -> set[str]:
    """Those of ``codes`` the text names only as its topic: every mention of the
    country or its people stands after "the war in", "solidarity with" or before
    "invasion", "community", "embassy" (PL022)."""
    if not codes:
        return set()
    topics = set()
    folded = fold(text).lower()
    for code in dict.fromkeys(codes):
        pattern = _country_mention(code)
        if pattern is None:
            continue
        spots = list(pattern.finditer(folded))
        if spots and all(_topic_at(folded, m.start(), m.end()) for m in spots):
            topics.add(code)
            fire(TOPIC_ONLY, "set aside", code)
    return topics
