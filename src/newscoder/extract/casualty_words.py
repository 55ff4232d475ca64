"""The casualty lexicon (``data/casualty_lexicon.json``) and the patterns built from it.

Shared by :mod:`victims` (reading the victim groups around a casualty word) and
:mod:`casualties` (the casualty readings themselves).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from newscoder.lexicon import alternation
from newscoder.textutil import load_json, trie_regex
from newscoder.types import CasualtyKind

OneVictim = Literal["", "known", "any"]
NP_WORDS = 5
# What may follow a participle used without an auxiliary ("Two soldiers killed in ...").
BOUNDARY_AFTER = re.compile(
    r"\s*(?:$|[.,;:!?)\"'”’—–-]|" + alternation("participle_boundary_words") + r"\b)"
)
SENTENCE_END = re.compile(r"[.!?;]\s|\n")
# A parenthesis may stand between two groups: "two soldiers (including a captain) and ...".
SEPARATOR = re.compile(
    r"\s*(?:\([^()]{0,80}\)\s*)?(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
)
# Asides between a victim group and its verb: "(UN)", "[sic]", ", including a nurse,".
ASIDE = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,80}\]|,\s*including\s[^,.;!?]{0,80},")
NEXT_WORD = re.compile(r"\s*([\w'’-]+)")
NP = re.compile(r"(?:\s+[\w'’-]+)")
WORDS = re.compile(r"[\w'’-]+")
REFLEXIVE = re.compile(r"\s+(himself|herself)\b")
FULL_STOP = re.compile(r"[.!?]\s|\n")
AND_VERB = re.compile(r"\s+and\s+(?:then\s+)?([a-z]+)\b")
TO_DEATH_NEXT = re.compile(r"to\s+death\b")
ANOTHER = re.compile(r"\banother\b")
EITHER_HURT = re.compile(r"\s+(?:or|and|and/or)\s+(?:injured|wounded|hurt|killed)\b")
JOINED_BEFORE = re.compile(r"(?:,|\band)\s*$")
INCLUDING = re.compile(r"\s*,?\s*including\s+")
LEFT_BEFORE = re.compile(r"\b(?:left|leaving|leaves|leave)\s+$")
PUNCT = re.compile(r"[^\w\s'’-]")
TOLL = re.compile(r"\b(?:death\s+)?toll\b")
TOLL_VERB = re.compile(r"(?:[^.;!?\n]{0,60}?)\b" + alternation("toll_verbs") + r"\s+")


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: CasualtyKind
    role: str
    phrase: str


@cache
def lexicon() -> dict:
    return load_json("casualty_lexicon.json")


@cache
def stops() -> tuple[frozenset[str], frozenset[str]]:
    """Words ending a victim noun phrase; words showing a figure is in another clause."""
    lex = lexicon()
    return frozenset(lex["np_stop"]), frozenset(lex["gap_stop"])


# The casualty lexicon's lists that read one victim without a figure.
def one_victim_keys() -> tuple[str, ...]:
    return tuple(lexicon()["one_victim_lists"])


@cache
def one_victim_words() -> dict[str, frozenset[str]]:
    """The word lists that read one victim without a figure (see ``one_victim_about``)."""
    lex = lexicon()
    words = {key: frozenset(lex[key]) for key in one_victim_keys()}
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
def subject_words() -> re.Pattern[str]:
    """A determiner or pronoun that may start a one-person subject ("a", "the", "he")."""
    words = one_victim_words()
    alternation = trie_regex(words["singular_determiners"] | words["subject_pronouns"])
    return re.compile(rf"\b(?:{alternation})\b")


@cache
def additive() -> re.Pattern[str]:
    """ "as well as", "along with": a second group after a passive or intransitive verb."""
    return re.compile(rf"\s*,?\s+(?:{trie_regex(lexicon()['additive_connectors'])})\s+")


@cache
def triggers() -> tuple[re.Pattern[str], dict[str, list[Trigger]], frozenset[str]]:
    """The trigger regex over lower-cased text and what each phrase can mean."""
    lex = lexicon()
    meaning: dict[str, list[Trigger]] = {}
    for kind, roles in lex["kinds"].items():
        for role in lex["roles"]:
            for phrase in roles.get(role, []):
                key = " ".join(phrase.lower().split())
                meaning.setdefault(key, []).append(Trigger(kind, role, key))
    for verb in lex["to_death_verbs"]:
        # "a mason was stoned to death": every verb read with "to death" is a passive too.
        key = f"{verb} to death"
        if not any(t.role == "passive" for t in meaning.get(key, [])):
            meaning.setdefault(key, []).append(Trigger("killed", "passive", key))
    for noun in lex["ambiguous_nouns"]:
        meaning.setdefault(noun, []).append(Trigger("injured", "ambiguous", noun))
    pattern = re.compile(rf"\b(?:{trie_regex(sorted(meaning))})\b")
    auxiliaries = frozenset(w for a in lex["auxiliaries"] for w in a.split())
    return pattern, meaning, auxiliaries


@cache
def to_death_verbs() -> re.Pattern[str]:
    """ "burned two alleged thieves to death": the victims stand between verb and "to death"."""
    return re.compile(rf"\b(?:{trie_regex(lexicon()['to_death_verbs'])})\s+")
