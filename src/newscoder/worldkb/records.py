"""The knowledge base's records and its bundled files: names as look-up keys, the CAMEO
role table, :class:`WorldActor`, :class:`Agent`, and the TSV reader with its checks."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from newscoder.errors import KnowledgeError

STATE = "State forces"
EXTERNAL = "External/Other forces"
SUPPLEMENT = "supplement"
# Entities of the hand-kept supplement get ids above every derived row's.
_SUPPLEMENT_BASE = 10_000_000


# --------------------------------------------------------------------------- names

# Curly quotes, backticks and acute accents are apostrophes; underscores are spaces.
_FOLD = str.maketrans("’‘`´_", "'''' ")
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)  # the same words are looked up again and again
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
