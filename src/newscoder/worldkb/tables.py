"""Loading the tables, lazily: the derived rows and their sorted alias index (read one
gzip member at a time), the hand-kept supplement, and the generic agent nouns."""

from __future__ import annotations

import bisect
import re
import zlib
from dataclasses import dataclass
from functools import cache

from newscoder.errors import KnowledgeError
from newscoder.worldkb.records import (
    _SUPPLEMENT_BASE,
    SUPPLEMENT,
    Agent,
    WorldActor,
    _armed,
    _check_type,
    _data,
    _date,
    _tsv,
    cameo_roles,
    normalise,
)


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


def _looks_like_acronym(alias: str) -> bool:
    """A written acronym: "KIA", "M23", "G-Pep"? No: capitals only, or short with an
    inner capital ("ISWAP", "IS-K"), so the text finder matches it case-sensitively."""
    bare = alias.replace(".", "").replace("-", "")
    if " " in alias or not bare:
        return False
    return bare.isupper() or (len(bare) <= 5 and any(c.isupper() for c in bare[1:]))


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
