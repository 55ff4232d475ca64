"""Credit lines and bylines: "Reporting by Jane Doe; Editing by John Roe", "By Ann Poe,
Reuters", a credit in parentheses closing a paragraph; the people and organisations they name.

The credit-line patterns and word lists live in ``newscoder/data/credit_patterns.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newscoder.errors import KnowledgeError
from newscoder.ingest.layout import FURNITURE_MAX_CHARS, Line, _compile, _data_lines
from newscoder.types import Span

BYLINE_MAX_CHARS = 150

_CREDIT_SECTIONS = ("line", "word", "role", "org", "particle")
_VERBS = frozenset({"contributed", "contributing", "reported"})
_PREPS = frozenset({"in", "from", "at"})


@dataclass(frozen=True, slots=True)
class CreditRules:
    lines: tuple[re.Pattern[str], ...]
    words: frozenset[str]
    roles: frozenset[str]
    orgs: frozenset[str]
    particles: frozenset[str]


@dataclass(frozen=True, slots=True)
class Credit:
    """A credit found in a line: where it is, and the people and organisations it names."""

    span: Span
    people: tuple[str, ...]
    orgs: tuple[str, ...]


@cache
def credit_rules() -> CreditRules:
    """The sections of ``credit_patterns.txt``."""
    sections: dict[str, list[tuple[int, str]]] = {s: [] for s in _CREDIT_SECTIONS}
    current = None
    for number, line in _data_lines("credit_patterns.txt"):
        if line.startswith("[") and line.endswith("]") and line[1:-1] in sections:
            current = line[1:-1]
        elif current is None:
            raise KnowledgeError(f"credit_patterns.txt line {number}: entry before a [section].")
        else:
            sections[current].append((number, line))
    patterns = tuple(_compile(p, "credit_patterns.txt", n) for n, p in sections["line"])

    def words(section: str) -> frozenset[str]:
        return frozenset(w.lower() for _, w in sections[section])

    return CreditRules(patterns, words("word"), words("role"), words("org"), words("particle"))


# -- credit lines ---------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[\w'’])?\.?|[,;()&|\[\]]|\.|—|–|-{1,2}")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # cap, prep, and, comma, by, word, verb, role, particle, stop, other
    text: str


def _tokens(text: str, rules: CreditRules) -> list[_Tok]:
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        if not raw[0].isalpha():
            kind = "comma" if raw == "," else "and" if raw == "&" else "stop"
            tokens.append(_Tok(kind, raw))
            continue
        core, stop = raw, False
        # "Charleston." ends a sentence; "D.C.", "Jr." and "Pa." are abbreviations.
        if raw.endswith(".") and len(raw) > 3 and not _INITIALS.fullmatch(raw[:-1]):
            core, stop = raw[:-1], True
        tokens.append(_Tok(_word_kind(core, rules), core))
        if stop:
            tokens.append(_Tok("stop", "."))
    return tokens


def _is_capitalised(word: str) -> bool:
    if word[0].isupper():
        return True
    head, _, tail = word.partition("-")
    return len(head) <= 3 and tail[:1].isupper()  # "al-Balkhi", "el-Sisi"


def _word_kind(word: str, rules: CreditRules) -> str:
    low = word.lower()
    if low in _PREPS and word.islower():
        return "prep"
    if low in ("and", "by"):
        return low
    if low in _VERBS:
        return "verb"
    if low in rules.roles:
        return "role"
    if low in rules.words and low != "a":
        return "word"
    if low in rules.particles and word.islower():
        return "particle"
    return "cap" if _is_capitalised(word) else "other"


def _runs(tokens: list[_Tok]) -> list[_Tok | tuple[str, ...]]:
    """Group capitalised words (with name particles between them) into runs."""
    items: list[_Tok | tuple[str, ...]] = []
    run: list[str] = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.kind == "cap" or (tok.kind == "particle" and run and nxt and nxt.kind == "cap"):
            run.append(tok.text)
            continue
        if run:
            items.append(tuple(run))
            run = []
        items.append(tok)
    if run:
        items.append(tuple(run))
    return items


def _kind_at(items: list[_Tok | tuple[str, ...]], i: int) -> str | None:
    if 0 <= i < len(items):
        item = items[i]
        return "run" if isinstance(item, tuple) else item.kind
    return None


def _named_before(items: list[_Tok | tuple[str, ...]], i: int) -> bool:
    """A run in a list of places is a person when a preposition or verb follows it,
    directly or through "and" ("in Orlando, Jane Roe and Ann Poe in Miami")."""
    after = _kind_at(items, i + 1)
    if after in ("prep", "verb"):
        return True
    return after == "and" and _kind_at(items, i + 2) == "run" and _named_before(items, i + 2)


def credit_names(text: str) -> tuple[list[str], list[str]] | None:
    """People and organisations credited in ``text``; None when it is not a credit.

    An unknown lowercase word before the verb rejects the text, so a sentence that
    merely ends in "contributed" is not taken for a credit.
    """
    rules = credit_rules()
    items = _runs(_tokens(text, rules))
    people: list[str] = []
    orgs: list[str] = []
    context = "person"
    seen_verb = False
    for i, item in enumerate(items):
        if not isinstance(item, tuple):
            if item.kind == "verb":
                seen_verb = True
            if item.kind == "other" and not seen_verb:
                return None
            if item.kind in ("by", "word", "verb", "role", "stop"):
                context = "person"
            continue
        name = " ".join(item)
        before, after = _kind_at(items, i - 1), _kind_at(items, i + 1)
        if after == "role" or any(w.lower().strip(".") in rules.orgs for w in item):
            orgs.append(name)
        elif before == "prep":
            context = "place"
        elif context == "person" or _named_before(items, i):
            people.append(name)
            context = "person"
    if not people and not orgs:
        return None
    return people, orgs


_TRAILING_PAREN = re.compile(r"\(([^()]{8,})\)[.\s]*$")


def find_credit(line: Line) -> Credit | None:
    """A credit line, or a credit in parentheses closing a paragraph ("... (Reporting by X)")."""
    if not line.text or len(line.text) > FURNITURE_MAX_CHARS * 2:
        return None
    candidates = [(line.text, line.start)]
    paren = _TRAILING_PAREN.search(line.text)
    if paren is not None and paren.start() > 0:
        candidates.append((paren.group(0).rstrip(". \t"), line.start + paren.start()))
    for candidate, start in candidates:
        for pattern in credit_rules().lines:
            if not pattern.fullmatch(candidate):
                continue
            found = credit_names(candidate)
            if found is not None:
                people, orgs = found
                return Credit(Span(start, start + len(candidate)), tuple(people), tuple(orgs))
    return None


_BYLINE = re.compile(r"(?:By|BY)\s+(?P<names>\S.*)")


def find_byline(line: Line) -> tuple[str, ...]:
    """Names on a "By Jane Doe and John Roe, Reuters" line; empty when it is not one."""
    match = _BYLINE.fullmatch(line.text)
    if match is None or len(line.text) > BYLINE_MAX_CHARS:
        return ()
    found = credit_names(match.group("names"))
    return tuple(found[0]) if found else ()
