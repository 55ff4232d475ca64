"""Build the world actor knowledge base in ``newscoder/data/world/`` from PETRARCH2 / Phoenix.

Run by a developer when the dictionaries or the role table change; the output is
committed and the package never reads the dictionaries::

    python scripts/build_world_actors.py [--source DIR]

DIR defaults to ``$NEWSCODER_PETRARCH_DIR`` or ``../shared/knowledge/petrarch2``
next to the checkout (the dictionaries are MIT-licensed, Open Event Data
Alliance; their LICENSE is copied next to the derived data).

Input: the four TABARI/PETRARCH dictionaries.

- Actor files: a name line (``WORDS_JOINED_``, optionally with ``[CODE]``),
  ``+`` synonym lines, indented role lines ``[CODE]``, ``[CODE >YYMMDD]``,
  ``[CODE <YYMMDD]`` or ``[CODE YYMMDD-YYMMDD]`` (six- or eight-digit dates;
  two-digit years 00-30 are 20YY as in PETRARCH). ``#`` starts a comment
  anywhere, ``;`` too (the older TABARI habit); ``<!`` lines are skipped. An
  undated code is the default role when no dated role applies; a later
  undated code replaces an earlier one (PETRARCH's reader does the same).
- Agents file: ``NOUN {PLURAL} [~CODE]`` (``{}``: no plural; none: the regular
  plural), ``!SET! = A, B`` substitution sets used as ``CONGRESS!PERSON!``,
  ``[IGO~]`` for codes that go before the actor's.

CAMEO codes are three-letter chunks: country (ISO alpha-3 or a CAMEO special),
optionally a territory, then role and sector codes (``AFGGOVMIL``); or an
international type first (``IGOUNO``, ``MNCUSA``, ``IMGMUSALQ``). The role is
the first role, sector, international or orientation chunk; religion chunks
are skipped. ``data/world/cameo_roles.tsv`` gives each role its ACLED type.

Output (see the README written next to it): ``actors.tsv.gz``,
``actor_index.tsv.gz``, ``blocks.tsv``, ``agents.tsv``, ``LICENSE-petrarch2.txt``,
``README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from newscoder.worldkb import cameo_roles, normalise  # noqa: E402

OUT = ROOT / "src" / "newscoder" / "data" / "world"
ACTOR_FILES = {
    "petrarch2/milnonstate": "Phoenix.MilNonState.actors.txt",
    "petrarch2/international": "Phoenix.International.actors.txt",
    "petrarch2/countries": "Phoenix.Countries.actors.txt",
}
AGENT_FILE = "Phoenix.agents.txt"

# CAMEO country codes that are not (or no longer) ISO 3166 alpha-3.
CAMEO_COUNTRIES = {
    "KSV": "XK",  # Kosovo: the user-assigned code in common use
    "TMP": "TL",  # East Timor's code before 2002
    "IMY": "IM",  # Isle of Man
    "ROM": "RO",
    "ZAR": "CD",
    "SUN": "SU",  # Soviet Union (ISO 3166-3 historic alpha-2)
    "USR": "SU",
    "YUG": "YU",
    "FRY": "YU",
    "SCG": "CS",  # Serbia and Montenegro
    "CSK": "CS",  # Czechoslovakia (the same historic alpha-2)
    "DDR": "DD",
    "GZA": "PS",  # Gaza
    "SRP": "BA",  # Republika Srpska, inside Bosnia and Herzegovina
    "KRJ": "HR",  # Republic of Serbian Krajina, inside Croatia
    "ANG": "AO",  # Angola's older code
    "FRN": "FR",
}
# Codes that mean "no country": regions, the unknown-country placeholder, a
# fictional country some test entries use.
NO_COUNTRY = {
    "AFR", "ASA", "EUR", "MEA", "WST", "SAS", "SEA", "EEU", "WEU", "LAM", "NAF", "WAF",
    "EAF", "SAF", "CAS", "CFR", "NMR", "SAM", "CAU", "BLK", "CRB", "EIN", "MDT", "PGS",
    "SCN", "INT", "KKL", "ARB",
}  # fmt: skip
DROP_COUNTRY = {"KNT"}  # Kinakuta: a fictional country (a test of the coder)
INTERNATIONAL = {"IGO", "NGO", "MNC", "IMG"}

# Words kept lower case inside a display name, and particles inside hyphenated words.
LOWER_WORDS = {
    "of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "de", "del", "la",
    "le", "les", "des", "du", "da", "do", "dos", "das", "di", "y", "al", "el", "bin",
    "ibn", "bint", "van", "von", "der", "den", "wal", "lid", "ul", "ud",
}  # fmt: skip
HYPHEN_PARTICLES = {"i", "e", "ul", "ud", "ut", "al", "el", "ad", "ar", "as", "ash", "at", "az",
                    "ur", "us", "un", "wa", "wal", "lil", "lid", "bin", "ibn"}  # fmt: skip
# Acronyms kept in capitals inside longer names ("UN Security Council"); a short
# curated list, since a general rule would capitalise names like "An" or "Ali".
COMMON_ACRONYMS = {
    "UN", "US", "USA", "UK", "EU", "AU", "NATO", "IRA", "UNHCR", "UNICEF", "UNESCO", "UNDP",
    "OPEC", "ASEAN", "ECOWAS", "IAEA", "ANC", "PLO", "OAS", "OSCE", "ICRC", "IMF", "WTO",
    "UNRWA", "OCHA", "WFP", "FAO", "ILO", "IOM", "MSF", "NGO", "CIA", "FBI", "KGB", "PKK",
}  # fmt: skip
ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")
PREPOSITIONS = {"to", "for", "at", "in", "of", "on", "with", "from"}


# ----------------------------------------------------------------------------- parsing


@dataclass
class RawRole:
    code: str
    start: dt.date | None
    end: dt.date | None
    line: int


@dataclass
class RawEntry:
    phrase: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    roles: list[RawRole] = field(default_factory=list)


Warn = Callable[[str], None]


def _no_warn(message: str) -> None:
    return None


def strip_comment(line: str) -> str:
    """The line without its ``#`` or ``;`` comment and trailing blanks."""
    for mark in ("#", ";"):
        cut = line.find(mark)
        if cut >= 0:
            line = line[:cut]
    return line.rstrip()


def parse_date(text: str) -> dt.date:
    """A PETRARCH date: YYMMDD (00-30 -> 20YY) or YYYYMMDD (extra digits after are ignored).

    One slip in the Phoenix files is repaired: ``1920030320`` (a century typed
    twice) is 2003-03-20, not the 1920 PETRARCH would read.
    """
    digits = text.strip()
    if not digits.isdigit():
        raise ValueError(f"not a date: {text!r}")
    if len(digits) == 10 and digits[:2] == "19" and digits[2:4] in ("19", "20"):
        digits = digits[2:]
    if len(digits) <= 7:
        if len(digits) != 6:
            raise ValueError(f"not a six-digit date: {text!r}")
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        return dt.date(year, int(digits[2:4]), int(digits[4:6]))
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def parse_role(body: str, line: int) -> RawRole:
    """``AFGGOV 331108-730717`` (inside the brackets) as a code and a validity window."""
    code, _, rest = body.strip().partition(" ")
    rest = rest.strip()
    start = end = None
    if rest.startswith(">"):
        start = parse_date(rest[1:])
    elif rest.startswith("<"):
        end = parse_date(rest[1:])
    elif "-" in rest:
        first, _, last = rest.partition("-")
        start, end = parse_date(first), parse_date(last)
        if end < start:
            raise ValueError(f"window ends before it starts: {rest!r}")
    elif rest and not rest.isdigit():
        # A bare date ("[USAGOV 19820101]") restricts nothing in PETRARCH's reader:
        # the code is a default. Anything else is unreadable.
        raise ValueError(f"unreadable date restriction {rest!r}")
    return RawRole(code.strip(), start, end, line)


_BRACKETS = re.compile(r"\[([^\]]*)\]")


def _roles_in(text: str, line: int, warn: Warn) -> list[RawRole]:
    roles = []
    for body in _BRACKETS.findall(text):
        try:
            roles.append(parse_role(body, line))
        except ValueError as exc:
            warn(f"line {line}: role [{body}] skipped: {exc}")
    return roles


def parse_actor_dictionary(lines: Iterable[str], warn: Warn = _no_warn) -> list[RawEntry]:
    """The entries of a TABARI/PETRARCH actor dictionary, in file order."""
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    for number, raw in enumerate(lines, 1):
        if raw.startswith(("#", "<!")):
            continue
        line = strip_comment(raw)
        if not line.strip():
            continue
        if line[0] in " \t":
            if current is None:
                warn(f"line {number}: role line before any name")
                continue
            current.roles.extend(_roles_in(line, number, warn))
        elif line[0] == "+":
            if current is None:
                warn(f"line {number}: synonym before any name")
                continue
            # A few synonym lines hold two synonyms joined by a stray '+'.
            phrase = line[1:].partition("[")[0]
            current.synonyms.extend(p.strip() for p in phrase.split("+") if p.strip())
        else:
            phrase, bracket, rest = line.partition("[")
            current = RawEntry(phrase.strip(), number)
            entries.append(current)
            if bracket:
                current.roles.extend(_roles_in(bracket + rest, number, warn))
    return entries


@dataclass
class RawAgent:
    noun: str
    plural: str | None  # None: the regular plural; "": no plural
    code: str
    line: int


_AGENT = re.compile(r"^(?P<noun>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]")
_SET = re.compile(r"^!(?P<name>[A-Z]+)!\s*=\s*(?P<items>.+)$")
_MARK = re.compile(r"!([A-Z]+)!")


def parse_agent_dictionary(lines: Iterable[str], warn: Warn = _no_warn) -> list[RawAgent]:
    """The agents of a PETRARCH agents file, substitution sets expanded."""
    sets: dict[str, list[str]] = {}
    agents: list[RawAgent] = []
    for number, raw in enumerate(lines, 1):
        if raw.startswith(("#", "<!")):
            continue
        line = strip_comment(raw).strip()
        if not line:
            continue
        defined = _SET.match(line)
        if defined:
            sets[defined["name"]] = [i.strip() for i in defined["items"].split(",") if i.strip()]
            continue
        found = _AGENT.match(line)
        if not found:
            warn(f"line {number}: no [CODE] in agent line {line!r}")
            continue
        noun, plural, code = found["noun"].strip(), found["plural"], found["code"].strip()
        marks = _MARK.findall(noun)
        if not marks:
            agents.append(
                RawAgent(noun, plural.strip() if plural is not None else None, code, number)
            )
            continue
        mark = marks[0]
        if mark not in sets:
            warn(f"line {number}: undefined substitution set !{mark}!")
            continue
        # Substituted forms are complete: no further plural is formed (PETRARCH's rule).
        for item in sets[mark]:
            agents.append(RawAgent(noun.replace(f"!{mark}!", item), "", code, number))
    return agents


# ----------------------------------------------------------------------------- codes


@dataclass(frozen=True)
class Decoded:
    country: str | None
    role: str


def iso2(alpha3: str) -> str | None:
    """ISO alpha-2 of a CAMEO country code, or None if it is not one."""
    if alpha3 in CAMEO_COUNTRIES:
        return CAMEO_COUNTRIES[alpha3]
    found = pycountry.countries.get(alpha_3=alpha3)
    return found.alpha_2 if found else None


def decode(code: str) -> Decoded | None:
    """Country and role of a CAMEO code, or None when it names nothing usable."""
    table = cameo_roles()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    chunks = [c for c in chunks if len(c) == 3 and c.isalpha() and c.isupper()]
    if not chunks or chunks[0] in DROP_COUNTRY:
        return None
    first, rest = chunks[0], chunks[1:]
    country: str | None
    if first in INTERNATIONAL:
        later = [iso2(c) for c in rest if c not in table and c not in NO_COUNTRY]
        return Decoded(next((c for c in later if c), None), first)
    if iso2(first) or first in NO_COUNTRY:
        country = iso2(first)
        if rest and rest[0] not in table and iso2(rest[0]):
            country, rest = iso2(rest[0]), rest[1:]  # a territory: GBRVGB, DNKFRO
    elif first in table:
        country, rest = None, chunks
    else:
        return None
    role = next((c for c in rest if c in table and table[c].kind != "religion"), "")
    if not role:
        role = next((c for c in rest if c in table), "")
    return Decoded(country, role)


# ----------------------------------------------------------------------------- names


def split_phrase(phrase: str) -> tuple[str, list[str], str | None]:
    """Display words, acronyms and a country hint from a dictionary phrase.

    ``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`` -> words of the name, ``["AAIA"]``;
    ``PEOPLE'S_REVOLUTIONARY_ARMY_(COLOMBIA)_`` keeps "(COLOMBIA)" and hints CO.
    Descriptive notes in parentheses ("ORIGINAL NAME: ...") are dropped.
    """
    text = " ".join(phrase.replace("_", " ").split())
    acronyms: list[str] = []
    hint: str | None = None

    def inner(match: re.Match[str]) -> str:
        nonlocal hint
        content = match.group(1).strip()
        country = _country_named(content)
        if country:
            hint = hint or country
            return f"({content})"
        if " " not in content and 2 <= len(content) <= 6:
            acronyms.append(content)
            return " "
        if ":" in content or "NAME" in content or re.search(r"\d{4}", content):
            return " "
        return f"({content})"

    text = re.sub(r"\(([^()]*)\)", inner, text)
    text = text.replace("(", " ").replace(")", " ") if text.count("(") != text.count(")") else text
    return " ".join(text.split()), acronyms, hint


def _country_named(text: str) -> str | None:
    if text.upper() in ("WEST BANK/GAZA", "WEST BANK", "GAZA"):
        return "PS"
    if len(text) <= 3:
        return None  # "(CA)" is an acronym, not Canada
    try:
        return pycountry.countries.lookup(text.title()).alpha_2
    except LookupError:
        return None


_VOWELS = set("AEIOUY")


def is_acronym(token: str, others: Iterable[str] = ()) -> bool:
    """Whether an upper-case dictionary token is an acronym ("ANSF"), not a word ("AMIN").

    Yes when written with dots ("U.N."), when it has no vowel ("TTP"), or when it
    is the initials of another name of the same actor ("ANSF" for "Afghan
    National Security Forces").
    """
    bare = token.replace(".", "")
    if not bare.isalnum() or not 2 <= len(bare) <= 8:
        return False
    if "." in token and len(bare) <= 5:
        return True
    letters = [c for c in bare if c.isalpha()]
    if letters and not _VOWELS & set(letters) and len(bare) <= 5:
        return True
    return any(bare.upper() in _initials(other) for other in others)


def _initials(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s\-/]+", name.upper()) if w and w[0].isalnum()]
    if len(words) < 2:
        return set()
    full = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w.lower() not in LOWER_WORDS)
    short = "".join(w if len(w) <= 3 and w.lower() not in LOWER_WORDS else w[0] for w in words)
    return {full, content, short}


def display_case(text: str, acronyms: set[str]) -> str:
    """Sensible display casing for an all-capitals dictionary name."""
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        out.append(_case_word(word, index == 0, acronyms))
    return " ".join(out)


def _case_word(word: str, first: bool, acronyms: set[str]) -> str:
    if word.startswith("(") and word.endswith(")"):
        return f"({_case_word(word[1:-1], True, acronyms)})"
    if "/" in word.strip("/"):
        return "/".join(_case_word(p, first, acronyms) for p in word.split("/"))
    if word.startswith("("):
        return "(" + _case_word(word[1:], True, acronyms)
    if word.endswith(")"):
        return _case_word(word[:-1], first, acronyms) + ")"
    bare = word.replace(".", "")
    if word.upper() in acronyms or bare.upper() in acronyms or ROMAN.match(word.upper()):
        return word.upper()
    if len(bare) >= 2 and bare.isalpha() and bare.upper() in COMMON_ACRONYMS:
        return word.upper()
    if 2 <= len(bare) <= 5 and bare.isalpha() and not _VOWELS & set(bare.upper()):
        return word.upper()  # "TTP", "DHKP": no vowel, no word
    if "." in word and 1 <= len(bare) <= 4 and bare.isalpha() and len(word) > len(bare):
        return word.upper()  # U.N., U.S.
    if word[:1].isdigit():
        return word.lower()
    if any(c.isdigit() for c in word):
        return word.upper()
    if not first and word.lower() in LOWER_WORDS:
        return word.lower()
    parts = word.split("-")
    cased = []
    for i, part in enumerate(parts):
        low = part.lower()
        if (i > 0 and low in HYPHEN_PARTICLES) or (i == 0 and not first and low in ("al", "el")):
            cased.append(low)
        else:
            cased.append(_cap(part))
    return "-".join(cased)


def _cap(part: str) -> str:
    low = part.lower()
    if not low:
        return low
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    if len(low) > 3 and low[1] == "'" and low[0] in "dlo":  # D'Escoto, O'Brien, L'Aquila
        return low[0].upper() + "'" + low[2:].capitalize()
    return low[:1].upper() + low[1:]


# ----------------------------------------------------------------------------- actors


@dataclass
class Row:
    name: str
    aliases: list[str]
    country: str | None
    code: str
    role: str
    start: dt.date | None
    end: dt.date | None
    acled_type: str
    source: str
    entity: int = 0


@dataclass
class Stats:
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def entry_rows(entry: RawEntry, source: str, stats: Stats) -> list[Row]:
    """The rows (one per role) of one dictionary entry, or [] when it is unusable."""
    name_text, acronyms, hint = split_phrase(entry.phrase)
    alias_texts: list[str] = []
    for synonym in entry.synonyms:
        # "AUM SHINRIKYO / ALEPH": alternatives joined by a spaced slash.
        for part in re.split(r"\s/\s|_/_", synonym):
            text, more, _ = split_phrase(part)
            alias_texts.append(text)
            alias_texts.extend(more)
            acronyms.extend(more)
    alias_texts.extend(a for a in acronyms if a not in alias_texts)
    if len(normalise(name_text).replace(" ", "")) < 2 or normalise(name_text).isdigit():
        stats.counts["dropped: no usable name"] += 1
        return []
    everything = [name_text, *alias_texts]
    acronym_set = {a.upper() for a in acronyms}
    acronym_set |= {t for t in everything if " " not in t and is_acronym(t, everything)}
    name = display_case(name_text, acronym_set)
    aliases, seen = [], {normalise(name)}
    for text in alias_texts:
        key = normalise(text)
        if len(key.replace(" ", "")) < 2 or key in seen:
            continue
        seen.add(key)
        aliases.append(display_case(text, acronym_set))
    roles = _effective_roles(entry.roles)
    rows = []
    table = cameo_roles()
    for role in roles:
        if role.code in ("---", ""):
            continue
        decoded = decode(role.code)
        if decoded is None:
            stats.counts["dropped role: unknown code"] += 1
            stats.warnings.append(f"{source}:{role.line}: unknown code {role.code!r}")
            continue
        role_code = decoded.role
        if not role_code and source == "petrarch2/milnonstate":
            # The file lists militant non-state groups and codes almost all REB; a
            # bare region code ("[WEU]") means the same.
            role_code = "REB"
            stats.counts["milnonstate: no role chunk, REB assumed"] += 1
        spec = table.get(role_code)
        rows.append(
            Row(
                name=name,
                aliases=aliases,
                country=decoded.country or hint,
                code=role.code,
                role=role_code,
                start=role.start,
                end=role.end,
                acled_type=(spec.acled_type or "") if spec else "",
                source=source,
            )
        )
    if not rows:
        stats.counts["dropped: no usable role"] += 1
    return rows


def _effective_roles(roles: list[RawRole]) -> list[RawRole]:
    """Dated roles in file order plus the last undated one (it replaces earlier ones)."""
    dated = [r for r in roles if r.start or r.end]
    defaults = [r for r in roles if not (r.start or r.end)]
    return dated + defaults[-1:]


def build_actors(source_dir: Path, stats: Stats) -> list[Row]:
    rows: list[Row] = []
    seen: dict[tuple, int] = {}  # identical actors (same name and roles) merge
    entity = 0
    for source, filename in ACTOR_FILES.items():
        lines = (source_dir / filename).read_text("utf-8", errors="replace").splitlines()
        for entry in parse_actor_dictionary(
            lines, lambda m, s=source: stats.warnings.append(f"{s}: {m}")
        ):
            stats.counts[f"entries: {source}"] += 1
            found = entry_rows(entry, source, stats)
            if not found:
                continue
            signature = (
                normalise(found[0].name),
                tuple((r.country, r.code, r.start, r.end) for r in found),
            )
            if signature in seen:
                first = seen[signature]
                for row in rows[first : first + len(found)]:
                    keys = {normalise(a) for a in row.aliases} | {normalise(row.name)}
                    row.aliases.extend(a for a in found[0].aliases if normalise(a) not in keys)
                stats.counts["merged: repeated actor"] += 1
                continue
            entity += 1
            seen[signature] = len(rows)
            for row in found:
                row.entity = entity
            rows.extend(found)
    return rows


def index_lines(rows: list[Row]) -> list[str]:
    """Sorted ``key<TAB>row numbers<TAB>acronym form`` lines (rows count from 1)."""
    index: dict[str, list[int]] = {}
    forms: dict[str, str] = {}
    for number, row in enumerate(rows, 1):
        names = [row.name, *row.aliases]
        for text in names:
            key = normalise(text)
            keys = [key, key[4:]] if key.startswith("the ") and len(key) > 6 else [key]
            for k in keys:
                found = index.setdefault(k, [])
                if not found or found[-1] != number:
                    found.append(number)
            if " " not in text and is_acronym(text.upper(), names) and text.isupper():
                forms[key] = text.replace(".", "")
    return sorted(f"{k}\t{','.join(map(str, v))}\t{forms.get(k, '')}" for k, v in index.items())


# ----------------------------------------------------------------------------- agents


def plural(noun: str) -> str:
    """The regular plural of a noun phrase's last word (PETRARCH's rules, "-man" -> "-men")."""
    head, _, last = noun.rpartition(" ")
    if last.endswith("man") and len(last) > 3 and not last.endswith("german"):
        last = last[:-3] + "men"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("ss", "sh", "ch", "x", "z")):
        last += "es"
    elif last.endswith("s"):
        return ""  # already plural-looking ("armed forces"): no form of its own
    else:
        last += "s"
    return f"{head} {last}" if head else last


@dataclass
class AgentRow:
    noun: str
    role: str
    code: str
    acled_type: str
    armed: str


def build_agents(source_dir: Path, stats: Stats) -> list[AgentRow]:
    table = cameo_roles()
    lines = (source_dir / AGENT_FILE).read_text("utf-8", errors="replace").splitlines()
    rows: dict[str, AgentRow] = {}
    for raw in parse_agent_dictionary(lines, lambda m: stats.warnings.append(f"agents: {m}")):
        stats.counts["agents: entries"] += 1
        code = raw.code.replace("~", "")
        role = decode_agent_role(code)
        if not role:
            stats.counts["agents dropped: no known role"] += 1
            continue
        noun = normalise(raw.noun.strip("_ "))
        if not noun or noun.split()[-1] in PREPOSITIONS:
            stats.counts["agents dropped: pattern, not a noun"] += 1
            continue
        forms = [noun]
        if raw.plural is None:
            forms.append(plural(noun))
        elif raw.plural:
            forms.append(normalise(raw.plural.strip("_ ")))
        spec = table[role]
        for form in forms:
            if not form:
                continue
            if form in rows:
                if rows[form].role != role:
                    stats.counts["agents: noun with two roles (first kept)"] += 1
                continue
            armed = {True: "yes", False: "no", None: ""}[spec.armed]
            rows[form] = AgentRow(form, role, code, spec.acled_type or "", armed)
    return sorted(rows.values(), key=lambda r: r.noun)


def decode_agent_role(code: str) -> str:
    """The role of an agent code ("MILGOV" -> MIL, "MUSUAF" -> UAF, "MUS" -> MUS)."""
    table = cameo_roles()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    known = [c for c in chunks if c in table]
    role = next((c for c in known if table[c].kind != "religion"), "")
    return role or (known[0] if known else "")


# ----------------------------------------------------------------------------- output


# Lines per gzip member: a look-up inflates one member (~20 KB), never the whole file.
ROWS_PER_BLOCK = 200
KEYS_PER_BLOCK = 400


def write_blocked(path: Path, lines: list[str], per_block: int) -> list[tuple[int, int, str]]:
    """Write ``lines`` as a gzip file of several members; return (offset, first line, marker).

    Concatenated gzip members are one valid gzip stream (``zcat`` reads the
    whole file); the runtime inflates only the member a look-up needs. The
    marker is the block's first index key with its tab (empty for row blocks).
    """
    blocks = []
    with path.open("wb") as out:
        for first in range(0, len(lines), per_block):
            chunk = lines[first : first + per_block]
            blocks.append((out.tell(), first, chunk[0].partition("\t")[0] + "\t"))
            out.write(gzip.compress(("\n".join(chunk) + "\n").encode("utf-8"), 9, mtime=0))
    return blocks


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return text.replace("\t", " ").replace("|", "/")


def write_outputs(
    rows: list[Row], agents: list[AgentRow], source_dir: Path, stats: Stats, out: Path = OUT
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    header = "name\taliases\tcountry\tcode\trole\tvalid_from\tvalid_to\tacled_type\tsource\tentity"
    lines = [header]
    for row in rows:
        lines.append(
            "\t".join(
                [
                    _clean(row.name),
                    "|".join(_clean(a) for a in row.aliases),
                    row.country or "",
                    row.code,
                    row.role,
                    row.start.isoformat() if row.start else "",
                    row.end.isoformat() if row.end else "",
                    row.acled_type,
                    row.source,
                    str(row.entity),
                ]
            )
        )
    row_blocks = write_blocked(out / "actors.tsv.gz", lines, ROWS_PER_BLOCK)
    key_blocks = write_blocked(out / "actor_index.tsv.gz", index_lines(rows), KEYS_PER_BLOCK)
    table = [
        "# gzip members of actors.tsv.gz and actor_index.tsv.gz: file, byte offset, first line,",
        "# first index key (generated by scripts/build_world_actors.py; read by newscoder.worldkb)",
    ]
    table += [f"actors\t{o}\t{f}\t" for o, f, _ in row_blocks]
    table += [f"index\t{o}\t{f}\t{m[:-1]}" for o, f, m in key_blocks]
    (out / "blocks.tsv").write_text("\n".join(table) + "\n", "utf-8")
    agent_lines = [
        "# Generic agent nouns from the PETRARCH2 agents dictionary (MIT licence, see",
        "# LICENSE-petrarch2.txt). Generated by scripts/build_world_actors.py; acled_type and",
        "# armed come from cameo_roles.tsv.",
        "# Hand-kept overrides and local terms are in agents_supplement.tsv.",
        "noun\trole\tcode\tacled_type\tarmed",
        *(f"{a.noun}\t{a.role}\t{a.code}\t{a.acled_type}\t{a.armed}" for a in agents),
    ]
    (out / "agents.tsv").write_text("\n".join(agent_lines) + "\n", "utf-8")
    licence = (source_dir / "LICENSE").read_text("utf-8")
    (out / "LICENSE-petrarch2.txt").write_text(licence, "utf-8")
    (out / "README.md").write_text(readme(rows, agents, stats), "utf-8")


def readme(rows: list[Row], agents: list[AgentRow], stats: Stats) -> str:
    entities = len({r.entity for r in rows})
    aliases = sum(len(r.aliases) for r in {r.entity: r for r in rows}.values())
    by_source = Counter(r.source for r in {r.entity: r for r in rows}.values())
    armed = len({r.entity for r in rows if r.acled_type in ("Rebel group", "Political militia")})
    typed = Counter(r.acled_type or "(none: role does not decide)" for r in rows)
    lines = [
        "# World actor knowledge base (`newscoder.worldkb`)",
        "",
        "Derived from the PETRARCH2 / Phoenix dictionaries (`Phoenix.Countries.actors.txt`,",
        "`Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt`,",
        "`Phoenix.agents.txt`; copyright Open Event Data Alliance, MIT licence, the licence",
        "text is in `LICENSE-petrarch2.txt` and applies to the derived files below) by",
        "`scripts/build_world_actors.py`. The package never reads the dictionaries; rerun",
        "the script when they or `cameo_roles.tsv` change.",
        "",
        "What was derived, and how:",
        "",
        "- `actors.tsv.gz` (generated): one row per actor and dated CAMEO role. Names",
        "  joined with underscores became words with display casing (acronyms kept in",
        "  capitals); `+` synonyms, acronyms in parentheses and slash alternatives became",
        "  aliases, deduplicated by their normalised key. CAMEO country codes became ISO",
        "  alpha-2 (pycountry, plus CAMEO's own codes: KSV -> XK, TMP -> TL, ...); region",
        "  codes (WAF, MEA, ...) give no country. The role is the first role or sector",
        "  chunk of the code, and its ACLED type comes from `cameo_roles.tsv`. Dates are",
        "  PETRARCH's (YYMMDD with 00-30 in the 2000s); an undated role is the default",
        "  when no dated role applies. Entries with no usable name or code are dropped.",
        "- `actor_index.tsv.gz` (generated): sorted `key<TAB>rows<TAB>acronym` lines, the",
        "  key being `worldkb.normalise(alias)`; a look-up is one binary search.",
        "- `blocks.tsv` (generated): both gzip files are written as many small gzip",
        "  members (still one valid gzip stream for `zcat`); this table gives each",
        "  member's byte offset, so loading reads no rows and a look-up inflates one",
        "  member.",
        "- `agents.tsv` (generated): agent nouns with their role and ACLED type;",
        "  substitution sets expanded, regular plurals formed as PETRARCH does.",
        "- `cameo_roles.tsv`, `supplement.tsv`, `agents_supplement.tsv` (hand-kept, not",
        "  derived): the role -> ACLED type table with a reason per row; named actors of",
        "  current conflicts the dictionaries lack or date wrongly; local and current",
        "  agent nouns, optionally scoped to a country and dates. Each supplement row",
        "  says whether its type follows ACLED's observed practice or the codebook's",
        "  definitions. The supplement also names national police, gendarmerie and army",
        '  forces by their acronyms and own-language names ("PNC", "Carabineros",',
        '  "Brimob"), one row per country where an acronym is shared ("PNC" in DR Congo,',
        "  El Salvador and Guatemala; the event's country picks one).",
        "",
        "Known limits: the country actors' dated roles are as of January 2014 (an open",
        "role such as `[SYRGOV >000717]` is not closed by later events); the",
        "MilNonState list is from START's TOPS data as of 2013. Current groups and role",
        "changes come from the supplement, which lookups prefer.",
        "",
        "## Counts (written by the build)",
        "",
        f"- actors (entities): {entities:,} ({_counts(sorted(by_source.items()))})",
        f"- role rows: {len(rows):,}; aliases besides names: {aliases:,}",
        f"- armed non-state groups (rebel group or political militia rows): {armed:,}",
        f"- agent nouns (with plurals): {len(agents):,}",
        "- role rows by ACLED type: " + ", ".join(f"{k}: {v:,}" for k, v in typed.most_common()),
        "- build notes: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(stats.counts.items())),
        "",
    ]
    return "\n".join(lines)


def _counts(pairs: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{k}: {v:,}" for k, v in pairs)


def default_source() -> Path:
    env = os.environ.get("NEWSCODER_PETRARCH_DIR")
    if env:
        return Path(env)
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "knowledge" / "petrarch2"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "knowledge" / "petrarch2"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=default_source())
    parser.add_argument(
        "--out", type=Path, default=OUT, help="output folder (default: the package's)"
    )
    parser.add_argument("--verbose", action="store_true", help="print every warning")
    args = parser.parse_args(argv)
    if not (args.source / AGENT_FILE).is_file():
        parser.error(f"no PETRARCH2 dictionaries in {args.source} (give --source)")
    stats = Stats()
    rows = build_actors(args.source, stats)
    agents = build_agents(args.source, stats)
    write_outputs(rows, agents, args.source, stats, args.out)
    for key, value in sorted(stats.counts.items()):
        print(f"{key}: {value}")
    print(f"rows: {len(rows)}, entities: {len({r.entity for r in rows})}, agents: {len(agents)}")
    print(f"warnings: {len(stats.warnings)}")
    if args.verbose:
        print("\n".join(stats.warnings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
