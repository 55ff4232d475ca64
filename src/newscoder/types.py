"""Typed values that flow between the pipeline stages.

Every stage takes and returns these frozen dataclasses; dicts appear only at the
edges (the output contract in :mod:`newscoder.coding.contract`, the store).
Offsets are Python string indices into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "week", "month", "year"]
Status = Literal["occurred", "claimed", "denied", "threatened", "planned", "negated"]
QuoteKind = Literal["direct", "partial", "indirect"]
CasualtyKind = Literal["killed", "injured", "arrested", "abducted"]
# The casualty kinds that are harm done to people (not arrests or abductions).
HARM_KINDS: frozenset[str] = frozenset({"killed", "injured"})


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}:{self.end}")


@dataclass(frozen=True, slots=True)
class Article:
    """One news report after ingest: clean text plus what was found about it.

    ``text`` is what offsets point into. ``body_start`` is where the body begins
    (after the headline line, if any). Boilerplate and credit lines stay in the
    text (offsets must not move) but are listed so later stages skip them.
    """

    id: str
    text: str
    title: str | None = None
    title_span: Span | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    dateline: str | None = None
    body_start: int = 0
    contributors: tuple[str, ...] = ()
    credit_spans: tuple[Span, ...] = ()
    boilerplate_spans: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()

    def skipped_spans(self) -> tuple[Span, ...]:
        """Spans no event, quote or entity may come from."""
        spans = [*self.credit_spans, *self.boilerplate_spans]
        if self.title_span is not None:
            spans.append(self.title_span)
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved time expression. ``value`` is ISO ``YYYY-MM-DD`` (for week and
    month precision: the middle day, as ACLED codes it) or None when it cannot
    be resolved (no publication date); the text is always kept."""

    value: str | None
    precision: Precision | None
    text: str | None
    start: int | None = None
    end: int | None = None
    reason: str = ""
    rule: str | None = None  # id of the rule that decided it (newscoder.registry)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    country_code: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    start: int | None = None
    end: int | None = None
    geonameid: int | None = None
    reason: str = ""
    rule: str | None = None
    # A place the gazetteer lacks, kept under its own name at the centre of the unit the
    # text puts it in (PL040, PL200): a named place, though its coordinates are a region's.
    unlisted: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    type: str | None
    country_code: str | None = None
    start: int | None = None
    end: int | None = None
    canonical: str | None = None
    role: str | None = None
    reason: str = ""
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Casualty:
    """One casualty figure found in text ("killing two employees")."""

    kind: CasualtyKind
    count: int
    start: int
    end: int
    text: str
    reason: str = ""
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None = None
    organization: str | None = None
    start: int | None = None
    end: int | None = None
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    cue: Cue | None
    event_id: str | None = None
    reason: str = ""
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str
    start: int
    end: int
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    plover_type: str
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: DateValue
    location: Place | None
    actor1: Actor | None
    actor2: Actor | None
    fatalities: int | None
    injuries: int | None
    arrests: int | None
    status: Status
    background: bool
    confidence: float
    evidence: tuple[Span, ...]
    trigger: str
    trigger_span: Span
    reason: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)
    # (field, rule id) for the values that are not objects of their own: event_type,
    # sub_event_type, plover_type, fatalities, injuries, arrests, status, background,
    # trigger. Date, location and actors carry their own ``rule``.
    rules: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # What a protest is about, as the report words it ("over the sale of the airline").
    issue: Span | None = None
    # Villages, neighbourhoods and areas the report names inside the location
    # ("Shwe Kone" village of Ayadaw township, placed at Ayadaw): coding/locality.py.
    localities: tuple[Span, ...] = ()
    # Whom a peaceful protest is against ("against the military"): PLOVER's target. ACLED
    # leaves a peaceful protest's actor2 blank, so the target is not written there (AC925).
    target: Actor | None = None


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    warnings: tuple[str, ...] = ()
    places: tuple[Toponym, ...] = ()  # every toponym in the text (newscoder.geoparse)

    @property
    def id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict:
        from newscoder.coding.contract import coded_to_dict

        return coded_to_dict(self)


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that could not be coded, kept in its place in a batch."""

    id: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Toponym:
    """One toponym in a text and what the geoparser resolved it to (``name`` and
    the rest None when it stays unresolved). ``feature`` is country | admin1 |
    admin2 | town | village | site."""

    text: str
    start: int
    end: int
    name: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None
    confidence: float
    reason: str

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "confidence": self.confidence,
            "reason": self.reason,
        }
