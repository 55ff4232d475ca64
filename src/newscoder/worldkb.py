"""The world actor knowledge base: named actors and generic agent nouns for any country.

Derived at build time (``scripts/build_world_actors.py``) from the PETRARCH2 /
Phoenix dictionaries (MIT licence, see ``data/world/LICENSE-petrarch2.txt``) and
completed by two hand-kept files for current conflicts and local terms. Nothing
here reads the dictionaries themselves; everything comes from
``newscoder/data/world/``:

- ``actors.tsv.gz``: one row per (actor, dated CAMEO role): display name,
  aliases, ISO country, CAMEO code and role, validity dates, ACLED actor type.
- ``actor_index.tsv.gz``: sorted ``normalised alias -> row numbers`` lines, so a
  look-up is a binary search over one list and loading parses nothing.
- ``supplement.tsv``: hand-kept named actors (current armed groups, coalitions,
  forces whose role changed), preferred over the derived rows for the same name.
- ``agents.tsv`` and ``agents_supplement.tsv``: generic nouns ("militiamen",
  "security personnel") with their role and ACLED type; supplement rows may be
  scoped to a country and dates ("vigilantes" in Nigeria, "PDF" in Myanmar).
- ``cameo_roles.tsv``: the CAMEO role -> ACLED actor type table with reasons.

Loading is lazy and cheap: the first look-up decompresses two files and splits
them into lines; rows become :class:`WorldActor` only when a look-up returns
them. ``benchmarks/kb_startup.py`` measures import plus first look-up.

Dates follow PETRARCH's rule: a dated role applies inside its window; an
undated role is the default when no dated role of that actor applies.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from newscoder.errors import KnowledgeError
from newscoder.lexicon import words as words_of

__all__ = [
    "Agent",
    "CameoRole",
    "Classified",
    "Mention",
    "WorldActor",
    "agent",
    "agent_type",
    "cameo_role",
    "cameo_roles",
    "classify",
    "find_actors",
    "lookup",
    "normalise",
    "ruler_patterns",
    "type_abroad",
]

STATE = "State forces"
EXTERNAL = "External/Other forces"
SUPPLEMENT = "supplement"
# Entities of the hand-kept supplement get ids above every derived row's.
_SUPPLEMENT_BASE = 10_000_000


# --------------------------------------------------------------------------- names

# Curly quotes, backticks and acute accents are apostrophes; underscores are spaces.
_FOLD = str.maketrans("’‘`´_", "'''' ")
_NON_WORD = re.compile(r"[^\w]+")


def normalise(name: str) -> str:
    """The look-up key of a name: accents folded, lower case, punctuation as spaces.

    Apostrophes and full stops vanish ("People's" -> "peoples", "U.N." -> "un"),
    every other run of non-word characters is one space ("al-Shabaab" ->
    "al shabaab"). The build script keys the index with this same function.
    """
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "").replace(".", "")
    return _NON_WORD.sub(" ", text).strip()


def _singular(key: str) -> str:
    """The key with its last word made singular (a guess; tried after the key itself)."""
    head, _, last = key.rpartition(" ")
    if last.endswith("men") and len(last) > 4:
        last = last[:-3] + "man"
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return f"{head} {last}" if head else last


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _armed(value: str) -> bool | None:
    return {"yes": True, "no": False, "": None}[value]


# --------------------------------------------------------------------------- roles


@dataclass(frozen=True, slots=True)
class CameoRole:
    """One row of ``cameo_roles.tsv``: what a CAMEO code means and how ACLED types it.

    ``acled_type`` is None where the role alone does not decide the type (an
    opposition party is Protesters in a march, Civilians when attacked, a
    Political militia when its members fight). ``armed`` is None where it varies.
    """

    code: str
    kind: str
    meaning: str
    acled_type: str | None
    armed: bool | None
    note: str


class RoleKind(StrEnum):
    """The ``kind`` column of cameo_roles.tsv."""

    ROLE = "role"
    SECTOR = "sector"
    INTERNATIONAL = "international"
    ORIENTATION = "orientation"
    RELIGION = "religion"


ROLE_KINDS = tuple(RoleKind)


@cache
def cameo_roles() -> dict[str, CameoRole]:
    roles: dict[str, CameoRole] = {}
    for line_no, cells in _tsv("cameo_roles.tsv", 6):
        code, kind, meaning, acled_type, armed, note = cells
        where = f"cameo_roles.tsv:{line_no}"
        if not re.fullmatch(r"[A-Z]{3}", code) or code in roles:
            raise KnowledgeError(f"{where}: bad or repeated code {code!r}")
        if kind not in ROLE_KINDS:
            raise KnowledgeError(f"{where}: kind {kind!r} is not one of {ROLE_KINDS}")
        _check_type(acled_type, where)
        if armed not in ("yes", "no", ""):
            raise KnowledgeError(f"{where}: armed must be yes, no or empty")
        if not meaning or not note:
            raise KnowledgeError(f"{where}: every role needs a meaning and a note")
        roles[code] = CameoRole(code, kind, meaning, acled_type or None, _armed(armed), note)
    return roles


def cameo_role(code: str) -> CameoRole | None:
    """The table row of a CAMEO code ("GOV", "REB", "IGO"), or None."""
    return cameo_roles().get(code.upper())


def type_abroad(acled_type: str | None, actor_country: str | None, event_country: str | None):
    """ACLED codes state forces active outside their own country as External/Other forces.

    >>> type_abroad("State forces", "TR", "IQ")
    'External/Other forces'
    """
    if (
        acled_type == STATE
        and actor_country
        and event_country
        and actor_country.upper() != event_country.upper()
    ):
        return EXTERNAL
    return acled_type


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class WorldActor:
    """One actor in one role: a derived dictionary row or a supplement row.

    ``role`` is the CAMEO role code ("" for a country itself, whose aliases are
    its demonyms and cities); ``code`` the full CAMEO code. ``entity`` groups
    the rows of one actor (its roles over time).
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    code: str
    role: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    acled_type: str | None
    source: str
    entity: int
    acled_name: str | None = None
    note: str = ""

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    def type_in(self, event_country: str | None) -> str | None:
        """The ACLED type for an event in ``event_country`` (state forces abroad are external)."""
        return type_abroad(self.acled_type, self.country, event_country)

    @property
    def armed(self) -> bool | None:
        """Whether the actor is armed: by its type, else by its role (None: not decided)."""
        if self.acled_type in _ARMED_TYPES:
            return True
        spec = cameo_role(self.role) if self.role else None
        return spec.armed if spec else None


_ARMED_TYPES = ("Rebel group", "Political militia", "Identity militia")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in text by :func:`find_actors`: offsets and the actors it may be."""

    start: int
    end: int
    text: str
    actors: tuple[WorldActor, ...]


class _Blocks:
    """A gzip file written as many members, inflated one member at a time.

    ``blocks.tsv`` gives each member's byte offset and first line number (and,
    for the sorted index, the member's first key), so opening the file reads
    its bytes and nothing else.
    """

    def __init__(self, name: str, table: list[tuple[int, int, str]]) -> None:
        self.name = name
        self.data = _data(name).read_bytes()
        self.offsets = [t[0] for t in table] + [len(self.data)]
        self.firsts = [t[1] for t in table]
        self.markers = [t[2] for t in table]
        self._cache: dict[int, list[str]] = {}

    def block(self, i: int) -> list[str]:
        lines = self._cache.get(i)
        if lines is None:
            try:
                raw = zlib.decompress(self.data[self.offsets[i] : self.offsets[i + 1]], 31)
            except zlib.error as exc:
                raise KnowledgeError(
                    f"data/world/{self.name}: member {i} is corrupt: {exc}"
                ) from exc
            lines = self._cache[i] = raw.decode("utf-8").split("\n")[:-1]
        return lines

    def line(self, number: int) -> str:
        i = bisect.bisect_right(self.firsts, number) - 1
        return self.block(i)[number - self.firsts[i]]

    def ceiling(self, probe: str) -> str | None:
        """The first line >= ``probe`` in a file of sorted lines."""
        i = max(bisect.bisect_right(self.markers, probe) - 1, 0)
        while i < len(self.markers):
            lines = self.block(i)
            pos = bisect.bisect_left(lines, probe)
            if pos < len(lines):
                return lines[pos]
            i += 1
        return None


class _Store:
    """The derived rows and their sorted alias index, read block by block."""

    def __init__(self) -> None:
        tables: dict[str, list[tuple[int, int, str]]] = {"actors": [], "index": []}
        for _, cells in _tsv("blocks.tsv", 4, header=False):
            tables[cells[0]].append((int(cells[1]), int(cells[2]), cells[3] + "\t"))
        self.rows = _Blocks("actors.tsv.gz", tables["actors"])
        self.index = _Blocks("actor_index.tsv.gz", tables["index"])
        if not self.rows.line(0).startswith("name\t"):
            raise KnowledgeError("data/world/actors.tsv.gz: missing header line")
        self._parsed: dict[int, WorldActor] = {}

    def entry(self, key: str) -> tuple[list[int], str]:
        """Row numbers and acronym form ('' unless the alias is an acronym) of a key."""
        probe = key + "\t"
        line = self.index.ceiling(probe)
        if line is None or not line.startswith(probe):
            return [], ""
        _, rows, form = line.split("\t")
        return [int(r) for r in rows.split(",")], form

    def has_prefix(self, key: str) -> bool:
        """Whether some longer key starts with ``key`` and a space (a name may go on)."""
        line = self.index.ceiling(key + " ")
        return line is not None and line.startswith(key + " ")

    def actor(self, row: int) -> WorldActor:
        found = self._parsed.get(row)
        if found is None:
            found = self._parsed[row] = _parse_row(self.rows.line(row), row)
        return found


def _has_prefix(lines: list[str], key: str) -> bool:
    probe = key + " "
    pos = bisect.bisect_left(lines, probe)
    return pos < len(lines) and lines[pos].startswith(probe)


def _parse_row(line: str, row: int) -> WorldActor:
    cells = line.split("\t")
    if len(cells) != 10:
        raise KnowledgeError(f"data/world/actors.tsv.gz: row {row} has {len(cells)} cells, not 10")
    name, aliases, country, code, role, start, end, acled_type, source, entity = cells
    return WorldActor(
        name=name,
        aliases=tuple(a for a in aliases.split("|") if a),
        country=country or None,
        code=code,
        role=role,
        valid_from=_date(start),
        valid_to=_date(end),
        acled_type=acled_type or None,
        source=source,
        entity=int(entity),
    )


@cache
def _store() -> _Store:
    return _Store()


@dataclass(frozen=True, slots=True)
class _Supplement:
    by_key: dict[str, tuple[WorldActor, ...]]
    keys: list[str]  # "key\t" lines, sorted, for prefix search like the derived index
    acronyms: dict[str, str]


@cache
def _supplement() -> _Supplement:
    entities: dict[tuple[str, str], int] = {}
    by_key: dict[str, list[WorldActor]] = {}
    acronyms: dict[str, str] = {}
    for line_no, cells in _tsv("supplement.tsv", 10):
        name, aliases, country, role, acled_type, start, end, basis, acled_name, note = cells
        where = f"supplement.tsv:{line_no}"
        _check_type(acled_type, where)
        if role and role not in cameo_roles():
            raise KnowledgeError(f"{where}: role {role!r} is not in cameo_roles.tsv")
        if basis not in ("acled-practice", "definition"):
            raise KnowledgeError(f"{where}: basis must be acled-practice or definition")
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            raise KnowledgeError(f"{where}: country must be an ISO alpha-2 code")
        if not note:
            raise KnowledgeError(f"{where}: every supplement row needs a note (why this type)")
        entity = entities.setdefault((name, country), _SUPPLEMENT_BASE + len(entities))
        names = [name, *(a for a in aliases.split("|") if a)]
        actor = WorldActor(
            name=name,
            aliases=tuple(names[1:]),
            country=country or None,
            code=f"{country}{role}" if country else role,
            role=role,
            valid_from=_date(start),
            valid_to=_date(end),
            acled_type=acled_type or None,
            source=SUPPLEMENT,
            entity=entity,
            acled_name=acled_name or None,
            note=f"{basis}: {note}",
        )
        for alias in names:
            key = normalise(alias)
            found = by_key.setdefault(key, [])
            if actor not in found:
                found.append(actor)
            if _looks_like_acronym(alias):
                acronyms[key] = alias.replace(".", "")
    # An alias's own holder first: "al-Shabaab" is Somalia's before it is a local
    # name for Mozambique's insurgents (sorted() keeps file order otherwise).
    return _Supplement(
        by_key={
            k: tuple(sorted(v, key=lambda a, k=k: normalise(a.name) != k))
            for k, v in by_key.items()
        },
        keys=sorted(k + "\t" for k in by_key),
        acronyms=acronyms,
    )


def ruler_patterns(*, acronyms: bool = False) -> list[dict]:
    """EntityRuler phrase patterns for the supplement's names, id ``world:<name>``.

    The same shape as ``resolve.knowledge.ruler_patterns``: names for a ruler
    matching LOWER, acronyms (``acronyms=True``) for one matching ORTH, so "AA"
    never matches "aa". The derived dictionary names are not offered: tens of
    thousands of people and companies would slow the ruler and tag noise.
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for actors in _supplement().by_key.values():
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                if _looks_like_acronym(alias) != acronyms:
                    continue
                for variant in (alias, alias.replace("'", "’")):
                    if (variant, actor.name) not in seen:
                        seen.add((variant, actor.name))
                        patterns.append(
                            {"label": "ORG", "pattern": variant, "id": f"world:{actor.name}"}
                        )
    return sorted(patterns, key=lambda p: (p["id"], p["pattern"]))


def _looks_like_acronym(alias: str) -> bool:
    """A written acronym: "KIA", "M23", "G-Pep"? No: capitals only, or short with an
    inner capital ("ISWAP", "IS-K"), so the text finder matches it case-sensitively."""
    bare = alias.replace(".", "").replace("-", "")
    if " " in alias or not bare:
        return False
    return bare.isupper() or (len(bare) <= 5 and any(c.isupper() for c in bare[1:]))


def lookup(name: str, country: str | None = None, on: dt.date | None = None) -> list[WorldActor]:
    """Every actor ``name`` may be, by exact alias after :func:`normalise`.

    ``country`` (ISO alpha-2, the event's country) prefers the actors of that
    country and those of none (international organisations, transnational
    groups): when any of them match, the others are dropped ("ADF" in Cameroon
    is the Ambazonia Defence Forces, in DR Congo the Allied Democratic Forces);
    when none do, all are kept ("Wagner" in Mali). ``on`` keeps,
    for each actor, the dated roles valid that day, or its undated default role
    when none is. Without ``on`` every role is returned, the latest first.

    Supplement entries come first and hide derived entries with the same
    alias and country: the supplement is the curated, current answer.
    """
    key = normalise(name)
    if not key:
        return []
    supplement = _supplement().by_key.get(key, ())
    if not supplement and key.startswith("the "):
        key = key[4:]
        supplement = _supplement().by_key.get(key, ())
    store = _store()
    rows, _ = store.entry(key)
    derived = [store.actor(r) for r in rows]
    covered = {a.country for a in supplement}
    if supplement:
        derived = [
            a for a in derived if a.country not in covered and None not in covered and a.country
        ]
    found = _in_force([*supplement, *derived], on)
    if country:
        local = [a for a in found if a.country in (None, country.upper())]
        found = local or found
    return found


def _in_force(actors: list[WorldActor], on: dt.date | None) -> list[WorldActor]:
    """Per entity: the dated roles valid ``on`` or else the undated default (PETRARCH's rule)."""
    by_entity: dict[int, list[WorldActor]] = {}
    for actor in actors:
        by_entity.setdefault(actor.entity, []).append(actor)
    result: list[WorldActor] = []
    for group in by_entity.values():
        if on is None:
            result.extend(sorted(group, key=_recency, reverse=True))
            continue
        dated = [a for a in group if a.dated and a.valid_on(on)]
        result.extend(dated or [a for a in group if not a.dated])
    return result


def _recency(actor: WorldActor) -> tuple[dt.date, dt.date]:
    return (actor.valid_to or dt.date.max, actor.valid_from or dt.date.min)


# A word, with inner apostrophes and hyphens ("Hay'at", "Lashkar-e-Taiba"), or a
# dotted acronym ("U.N."); a sentence's full stop is not part of a name.
_TOKEN = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.|\w+(?:['’\-]\w+)*")
_MAX_WORDS = 12


def find_actors(
    text: str,
    country: str | None = None,
    on: dt.date | None = None,
    *,
    skip_roles: Iterable[str] = ("", "MNC"),
) -> list[Mention]:
    """Known actor names in ``text``: longest matches, left to right, never overlapping.

    Acronym aliases ("AA", "KIA", "PDF") match only as written in capitals; a
    one-word name needs a capital letter ("al-Shabaab" yes, "shabaab" no) so
    common words do not match. Countries themselves (role "") and companies
    are skipped unless ``skip_roles`` says otherwise; ``country`` and ``on``
    filter as in :func:`lookup`.
    """
    skip = set(skip_roles)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        if text[tokens[i][0] : tokens[i][1]].lower() == "the":
            i += 1  # "the KIA" is the KIA: names are indexed without their article
            continue
        best: tuple[int, tuple[WorldActor, ...]] | None = None
        for j in range(i, min(len(tokens), i + _MAX_WORDS)):
            if j > i and text[tokens[j - 1][1] : tokens[j][0]].strip():
                break  # a name does not run over punctuation ("Taliban. Police")
            span = text[tokens[i][0] : tokens[j][1]]
            key = normalise(span)
            if not key:
                break
            actors = _actors_for_span(key, span, j == i, country, on, skip)
            if actors:
                best = (j, actors)
            if not (_store().has_prefix(key) or _has_prefix(_supplement().keys, key)):
                break
        if best is None or _part_of_longer_name(text, tokens, i, best):
            i += 1
            continue
        j, actors = best
        start, end = tokens[i][0], tokens[j][1]
        mentions.append(Mention(start, end, text[start:end], actors))
        i = j + 1
    return mentions


def _part_of_longer_name(
    text: str, tokens: list[tuple[int, int]], i: int, best: tuple[int, tuple[WorldActor, ...]]
) -> bool:
    """A one-word person name followed by a capitalised word names someone else.

    The country dictionary holds people by one name ("Abdullah"); in "Abdullah
    Abdulrahimzai, a resident" that word starts a longer name it does not know.
    Group names (supplement, armed groups) are not held to this.
    """
    j, actors = best
    if j != i or j + 1 >= len(tokens) or text[tokens[j][1] : tokens[j + 1][0]] != " ":
        return False
    if any(a.source != "petrarch2/countries" for a in actors):
        return False
    return text[tokens[j + 1][0]].isupper()


def _actors_for_span(
    key: str,
    span: str,
    one_word: bool,
    country: str | None,
    on: dt.date | None,
    skip: set[str],
) -> tuple[WorldActor, ...]:
    form = _supplement().acronyms.get(key) or _store().entry(key)[1]
    if form and span.replace(".", "") != form:
        return ()
    if one_word and not form and span.islower():
        return ()
    found = lookup(key, country, on)
    return tuple(a for a in found if a.role not in skip)


# --------------------------------------------------------------------------- agents


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic noun for an actor ("militiamen", "gendarmes") and what it codes to.

    ``country`` and the dates are the scope of a supplement row (None: everywhere,
    always); ``group`` is the label ACLED uses for the people as an associated
    actor ("Teachers", "Health Workers") where one fits.
    """

    noun: str
    role: str
    acled_type: str | None
    armed: bool | None
    group: str | None
    country: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str
    acled_name: str | None = None
    note: str = ""

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@cache
def _agent_lines() -> dict[str, str]:
    """agents.tsv as ``noun -> rest of the line``; rows become :class:`Agent` when asked for."""
    found: dict[str, str] = {}
    for _, cells in _tsv("agents.tsv", 5):
        found.setdefault(cells[0], "\t".join(cells[1:]))
    return found


_PARSED_AGENTS: dict[str, Agent] = {}


def _dictionary_agent(noun: str) -> Agent | None:
    found = _PARSED_AGENTS.get(noun)
    if found is not None:
        return found
    line = _agent_lines().get(noun)
    if line is None:
        return None
    role, code, acled_type, armed = line.split("\t")
    _check_type(acled_type, f"agents.tsv ({noun})")
    found = _PARSED_AGENTS[noun] = Agent(
        noun=noun,
        role=role,
        acled_type=acled_type or None,
        armed=_armed(armed),
        group=None,
        country=None,
        valid_from=None,
        valid_to=None,
        source=f"petrarch2/agents:{code}",
    )
    return found


@cache
def _agent_supplement() -> dict[str, tuple[Agent, ...]]:
    found: dict[str, list[Agent]] = {}
    for line_no, cells in _tsv("agents_supplement.tsv", 11):
        nouns, country, start, end, role, acled_type, armed, group, acled_name, basis, note = cells
        where = f"agents_supplement.tsv:{line_no}"
        _check_type(acled_type, where)
        if role not in cameo_roles():
            raise KnowledgeError(f"{where}: role {role!r} is not in cameo_roles.tsv")
        if armed not in ("yes", "no", ""):
            raise KnowledgeError(f"{where}: armed must be yes, no or empty")
        if basis not in ("acled-practice", "definition") or not note:
            raise KnowledgeError(f"{where}: give a basis and a note for every row")
        for noun in nouns.split("|"):
            key = normalise(noun)
            found.setdefault(key, []).append(
                Agent(
                    noun=key,
                    role=role,
                    acled_type=acled_type or None,
                    armed=_armed(armed),
                    group=group or None,
                    country=country or None,
                    valid_from=_date(start),
                    valid_to=_date(end),
                    source=SUPPLEMENT,
                    acled_name=acled_name or None,
                    note=f"{basis}: {note}",
                )
            )
    return {k: tuple(v) for k, v in found.items()}


def agent(noun: str, country: str | None = None, on: dt.date | None = None) -> Agent | None:
    """The generic actor a noun phrase names, for an event in ``country`` on ``on``.

    The phrase is read head-last: the longest ending that is a known noun wins
    ("local armed militiamen" -> "armed militiamen" if known, else "militiamen"),
    each ending also tried in the singular; "militia members" and "members of
    the militia" both reach "militia". For one noun, a supplement row for the
    event's country and date beats a supplement row for everywhere, which beats
    the dictionary's noun.
    """
    words = normalise(noun).split()
    if words and words[-1] in ("member", "members") and len(words) > 1:
        words = words[:-1]
    for start in range(len(words)):
        tail = " ".join(words[start:])
        for key in dict.fromkeys((tail, _singular(tail))):
            found = _agent_for(key, country, on)
            if found:
                return found
    return None


def _agent_for(key: str, country: str | None, on: dt.date | None) -> Agent | None:
    rows = [a for a in _agent_supplement().get(key, ()) if a.valid_on(on)]
    if country:
        local = [a for a in rows if a.country == country.upper()]
        if local:
            return local[0]
    general = [a for a in rows if a.country is None]
    if general:
        return general[0]
    return _dictionary_agent(key)


def agent_type(
    noun: str, country: str | None = None, on: dt.date | None = None
) -> tuple[str, str | None] | None:
    """``(CAMEO role, ACLED type)`` of a generic noun phrase, or None when unknown.

    >>> agent_type("policemen")
    ('COP', 'State forces')
    """
    found = agent(noun, country, on)
    return (found.role, found.acled_type) if found else None


# --------------------------------------------------------------------------- phrases


@dataclass(frozen=True, slots=True)
class Classified:
    """What an actor phrase is, for an event in a given country and on a given day.

    ``acled_type`` is the type in the event's country (state forces abroad are
    External/Other forces); ``country`` is the actor's own country when a name
    or a demonym gives it ("Turkish soldiers" -> TR). ``name`` is set for a
    named actor, None for a generic noun. ``reason`` says which entry decided.
    """

    phrase: str
    acled_type: str | None
    role: str
    armed: bool | None
    country: str | None
    name: str | None
    acled_name: str | None
    group: str | None
    reason: str


def classify(
    phrase: str, country: str | None = None, on: dt.date | None = None
) -> Classified | None:
    """The ACLED actor type of an actor phrase: a named actor first, else a generic noun.

    1. The whole phrase is a known name or alias ("Taliban fighters", "CJTF").
    2. Else the longest generic head noun at the end ("militiamen", "security
       personnel"), typed for ``country`` and ``on``; what stands before it may be
       a known name, which then decides ("al-Shabaab militants" are al-Shabaab),
       or a demonym, which gives the actor's country ("Turkish soldiers" in Iraq
       are External/Other forces). Lower-case words name a group but never a
       person (``_named``), so lower-cased text still finds "al-shabaab".
    Returns None when nothing is known.
    """
    words = phrase.split()
    while words and normalise(words[0]) in ("the", "a", "an"):
        words = words[1:]
    if len(words) > 1 and normalise(words[-1]) in ("member", "members"):
        words = words[:-1]  # "CJTF members" are the CJTF
    if not words:
        return None
    for start in range(len(words)):  # "two Pakistani soldiers": the alias "Pakistani soldiers"
        inside = any(w[:1].isupper() for w in words[:start])  # "Myaung Revolutionary Army"
        named = _named(" ".join(words[start:]), country, on, partial=start > 0, inside=inside)
        if named:
            return _from_actor(phrase, named, country, "named actor")
    of_country = _of_country(phrase, words, country, on)
    if of_country:
        return of_country
    for start in range(1, len(words) + 1):
        head = " ".join(words[start - 1 :])
        generic = agent(head, country, on)
        if generic is None or generic.noun not in (normalise(head), _singular(normalise(head))):
            continue
        modifier = words[: start - 1]
        # "suspected Boko Haram insurgents": try "suspected Boko Haram", then "Boko Haram".
        tails = [" ".join(modifier[i:]) for i in range(len(modifier))]
        for text in tails:
            named = _named(text, country, on, partial=True, inside=" " not in text)
            if named:
                return _from_actor(phrase, named, country, f"named actor before {generic.noun!r}")
        nation = next((n for n in map(_nation, tails) if n), None)
        if nation is None and _unknown_proper_name(words, start - 1, generic):
            return None
        where = f" for {generic.country}" if generic.country else ""
        return Classified(
            phrase=phrase,
            acled_type=type_abroad(generic.acled_type, nation, country),
            role=generic.role,
            armed=generic.armed,
            country=nation,
            name=None,
            acled_name=generic.acled_name,
            group=generic.group,
            reason=f"generic noun {generic.noun!r}{where} ({generic.source})",
        )
    return None


_GROUP_SOURCES = (SUPPLEMENT, "petrarch2/milnonstate")
_ACTING_TYPES = (STATE, EXTERNAL, "Rebel group", "Political militia", "Identity militia")


@cache
def _partial_roles() -> frozenset[str]:
    """Roles a name may have when it is only part of a phrase ("Karzai government",
    "al-Shabaab militants"): the state's, armed groups' and missions' roles, so a
    word inside a longer name ("Red Glow of Dawn Guerrilla Force") never becomes
    an NGO or a company that happens to share it."""
    return frozenset(c for c, r in cameo_roles().items() if r.acled_type in _ACTING_TYPES)


def _of_country(
    phrase: str, words: list[str], country: str | None, on: dt.date | None
) -> Classified | None:
    """ "Government of Nigeria", "police forces of Kenya": a generic head, then a country."""
    lowered = [normalise(w) for w in words]
    if "of" not in lowered[1:-1]:
        return None
    cut = len(lowered) - 1 - lowered[::-1].index("of")
    rest = [w for w in words[cut + 1 :] if normalise(w) != "the"]
    nation = _nation(" ".join(rest)) if rest else None
    if nation is None:
        return None
    inner = classify(" ".join(words[:cut]), country, on)
    if inner is None or inner.name is not None:
        return None
    return Classified(
        phrase=phrase,
        acled_type=type_abroad(inner.acled_type, nation, country),
        role=inner.role,
        armed=inner.armed,
        country=nation,
        name=None,
        acled_name=inner.acled_name,
        group=inner.group,
        reason=f"{inner.reason} of {nation}",
    )


def _named(
    text: str,
    country: str | None,
    on: dt.date | None,
    *,
    partial: bool = False,
    inside: bool = False,
) -> WorldActor | None:
    """The first named actor (not a country, not a company) with this exact alias.

    Written without a capital ("young", "al-shabaab" in lower-cased text), a name
    counts only if it is a group's, never a person's from the country
    dictionary, so "young soldiers" never becomes a person named Young. A
    ``partial`` name (part of a longer phrase) must be a group's or an armed or
    state actor's; one that may sit ``inside`` a longer proper name (after a
    capitalised word, or a single word before a noun: "Zero Guerrilla Force")
    must be the supplement's, whose names are specific enough.
    """
    capital = any(c.isupper() for c in text)
    for actor in lookup(text, country, on):
        if actor.role in ("", "MNC"):
            continue
        group = actor.source in _GROUP_SOURCES
        if partial and not (group or actor.role in _partial_roles()):
            continue
        if partial and inside and actor.source != SUPPLEMENT:
            continue
        if capital or group:
            return actor
    return None


def _unknown_proper_name(words: list[str], head_start: int, generic: Agent) -> bool:
    """Whether the phrase is the name of an organisation the base does not know.

    "Yangon Federal Army", "Yaw Defense Force", "Peace Companies": every word
    capitalised, a capitalised word before the head that is no country or
    demonym. Its head noun says nothing of its type (a named "army" is rarely a
    state's), so the phrase stays unknown. Police and government units named
    after a place ("Lagos State Police") keep their generic type.
    """
    if generic.role in ("COP", "GOV", "JUD", "LEG") or head_start == 0:
        return False
    particles = words_of("name_particles")
    written = [w for w in words if normalise(w) not in particles]
    return all(w[:1].isupper() for w in written) and any(
        w[:1].isupper() for w in words[:head_start]
    )


def _nation(text: str) -> str | None:
    """The country a demonym or country name stands for ("Pakistani" -> PK), if any."""
    for actor in lookup(text):
        if actor.role == "" and actor.country:
            return actor.country
    return None


def _from_actor(phrase: str, actor: WorldActor, country: str | None, how: str) -> Classified:
    return Classified(
        phrase=phrase,
        acled_type=actor.type_in(country),
        role=actor.role,
        armed=actor.armed,
        country=actor.country,
        name=actor.name,
        acled_name=actor.acled_name,
        group=None,
        reason=f"{how} {actor.name!r} ({actor.source}: {actor.code})",
    )


# --------------------------------------------------------------------------- files


def _data(name: str):  # type: ignore[no-untyped-def]
    return resources.files("newscoder").joinpath("data", "world", name)


def _tsv(name: str, width: int, *, header: bool = True) -> Iterator[tuple[int, list[str]]]:
    """The data lines of a hand-kept or generated TSV (after its header), with line numbers.

    ``#`` lines and blank lines are skipped; the first other line is the header
    (unless ``header`` is False).
    """
    try:
        text = _data(name).read_text("utf-8")
    except OSError as exc:
        raise KnowledgeError(f"cannot read bundled data file data/world/{name}: {exc}") from exc
    header_seen = not header
    for line_no, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width:
            raise KnowledgeError(f"{name}:{line_no}: {len(cells)} cells, expected {width}")
        if not header_seen:
            header_seen = True
            continue
        yield line_no, [c.strip() for c in cells]


def _check_type(acled_type: str, where: str) -> None:
    from newscoder.knowledge import ACLED_ACTOR_TYPES  # one list of the eight types

    if acled_type and acled_type not in ACLED_ACTOR_TYPES:
        raise KnowledgeError(f"{where}: {acled_type!r} is not an ACLED actor type")
