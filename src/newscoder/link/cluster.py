"""Reports into events: blocked, complete-link clustering with one pass over the reports.

Blocking: a cluster is indexed under (country, event type, day) for every day its
reports' dates may mean, so a report is compared only with clusters of its country,
type and date window, never with the whole corpus. A report joins a cluster only if it
is compatible with *every* report already in it (complete linkage): two reports
of different towns or days can never be chained together through a vaguer third.

Order: precise reports (a day, a town) go first and found the events; vague ones
(a week or month, only a region, no place) come after and join an event only
when exactly one fits, so a report of "an attack in Zamfara on Sunday" does not
pick one of two town attacks that Sunday at random. A report's main event (its
first) goes before the events it tells beside it, so two side events can ask
whether their reports' main events are one (LK210). Inside each group the order
is by date and event id, so the result depends only on the set of reports: linking
after more articles arrive gives what linking everything at once gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from newscoder.coding.codebook import ACLED_SUB_EVENT_TYPES
from newscoder.link.compare import Check, compare
from newscoder.link.mention import ActorRef, Mention
from newscoder.link.rules import LinkRules
from newscoder.registry import Kind, Stage, declare

TRAVELS_WITH_PRIMARY = declare(
    "LK090",
    "travels-with-primary",
    Stage.LINK,
    Kind.MERGE,
    "a statement or demand told beside an event (by its actors, or by anyone, placed or "
    "not) links only where that event links",
    source="PLOVER / ACLED: demands are the context of the protest that voices them",
)

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_SUB_EVENT_PRIORITY = {
    sub: rank for subs in ACLED_SUB_EVENT_TYPES.values() for rank, sub in enumerate(subs)
}


@dataclass(frozen=True, slots=True)
class Source:
    """One report of a linked event, with its own figures (they may disagree)."""

    event_id: str
    article_id: str
    fatalities: int | None
    injuries: int | None
    arrests: int | None
    fatalities_reported: bool
    date: str | None
    location_name: str | None
    article_source: str | None
    article_url: str | None
    published: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class LinkedEvent:
    """One event told by one or more reports, with representative fields."""

    id: str
    plover_type: str | None
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: str | None
    date_precision: str | None
    location_name: str | None
    admin1: str | None
    country: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    actor1: str | None
    actor1_type: str | None
    actor2: str | None
    actor2_type: str | None
    fatalities: int | None
    injuries: int | None
    arrests: int | None
    status: str | None
    background: bool
    confidence: float | None
    reason: str
    sources: tuple[Source, ...]

    @property
    def n_sources(self) -> int:
        return len(self.sources)

    def to_dict(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in self.__slots__ if name != "sources"}
        out["n_sources"] = self.n_sources
        out["sources"] = [source.to_dict() for source in self.sources]
        return out


@dataclass(slots=True)
class _Cluster:
    members: list[Mention] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    def add(self, mention: Mention, reason: str) -> None:
        self.members.append(mention)
        self.reasons.append(reason)
        self.articles.add(mention.article_id)

    def fit(
        self, mention: Mention, rules: LinkRules, mains_linked: Callable[[Mention, Mention], bool]
    ) -> tuple[float, str] | None:
        """The mean score over the members and the best member's reason, or None
        when any member refuses."""
        if mention.article_id in self.articles:
            return None
        checks: list[tuple[Check, Mention]] = []
        for member in self.members:
            linked = mention.side and member.side and mains_linked(member, mention)
            check = compare(member, mention, rules, mains_linked=linked)
            if not check.ok:
                return None
            checks.append((check, member))
        best, member = max(checks, key=lambda pair: pair[0].score)
        score = sum(check.score for check, _ in checks) / len(checks)
        return score, f"with {member.event_id}: {best.reason}"


def link_mentions(mentions: Iterable[Mention], rules: LinkRules | None = None) -> list[LinkedEvent]:
    """Cluster reports into linked events; every report ends in exactly one.

    Returns the events ordered by country code, date and id.
    """
    rules = rules or LinkRules()
    mentions, main_of = _side_events(list(mentions))
    primary_of = _primaries(mentions, rules)
    clusters: list[_Cluster] = []
    by_place: dict[tuple[str, str, int], list[int]] = {}
    by_day: dict[tuple[str, int], list[int]] = {}
    cluster_of: dict[str, int] = {}

    def mains_linked(a: Mention, b: Mention) -> bool:
        """Whether two reports' main events are one linked event (main events are
        clustered before side events)."""
        x = cluster_of.get(main_of.get(a.article_id, ""))
        return x is not None and x == cluster_of.get(main_of.get(b.article_id, ""))

    free = (m for m in mentions if m.event_id not in primary_of)
    for mention in sorted(free, key=lambda m: (m.side, *_order(m))):
        span = mention.days(rules)
        chosen: int | None = None
        reason = ""
        if span is not None:
            chosen, reason = _choose(mention, span, clusters, by_place, by_day, rules, mains_linked)
        if chosen is None:
            chosen = len(clusters)
            clusters.append(_Cluster())
        clusters[chosen].add(mention, reason)
        cluster_of[mention.event_id] = chosen
        if span is not None:
            kind = _kind(mention)
            for day in _days(span):
                if mention.country_code:
                    _index(by_place, (mention.country_code, kind, day), chosen)
                _index(by_day, (kind, day), chosen)
    # Statements and demands of an event's own actors follow that event: they join
    # each other only when their events joined, never on their own.
    followers: dict[tuple[int, str | None, str | None], int] = {}
    for mention in sorted((m for m in mentions if m.event_id in primary_of), key=_order):
        primary = primary_of[mention.event_id]
        key = (cluster_of[primary], mention.plover_type, mention.plover_mode)
        number = followers.get(key)
        if number is None or mention.article_id in clusters[number].articles:
            followers[key] = number = len(clusters)
            clusters.append(_Cluster())
            reason = ""
        else:
            reason = TRAVELS_WITH_PRIMARY.why(
                f"with {clusters[number].members[0].event_id}: their events are one ({primary})"
            )
        clusters[number].add(mention, reason)
    events = [_linked_event(cluster) for cluster in clusters]
    return sorted(events, key=lambda e: (e.country_code or "", e.date or "", e.id))


def _side_events(mentions: list[Mention]) -> tuple[list[Mention], dict[str, str]]:
    """The mentions with ``side`` set on every ACLED event after its report's first (the
    report's main event: events come ordered by salience), and each report's main event
    id by article id."""
    main_of: dict[str, str] = {}
    out = []
    for m in mentions:
        if m.acled_event_type and not m.background:
            if m.article_id in main_of:
                m = replace(m, side=True)
            else:
                main_of[m.article_id] = m.event_id
        out.append(m)
    return out, main_of


def _primaries(mentions: list[Mention], rules: LinkRules) -> dict[str, str]:
    """Statement events that follow an event of their own report: said (demanded,
    condemned, denied) by that event's actor1 or actor2, else the report's first event.
    A statement told beside an event is that event's context even when it has a place
    of its own (often only the paragraph's): it never links on its own. Reports that
    tell only statements keep them free. Maps follower id to event id."""
    by_article: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    out: dict[str, str] = {}
    for members in by_article.values():
        events = [m for m in members if m.acled_event_type]
        if not events:
            continue
        for m in members:
            if m.acled_event_type or m.plover_type not in rules.statement_types:
                continue
            speaker = m.actor1
            for event in events:
                if speaker.known and any(
                    _same_actor(speaker, side) for side in (event.actor1, event.actor2)
                ):
                    out[m.event_id] = event.event_id
                    break
            else:
                # Context of the report's event, placed or not ("the governor, in Gusau,
                # condemned the attack"), not an event of its own.
                out[m.event_id] = events[0].event_id
    return out


def _same_actor(a: ActorRef, b: ActorRef) -> bool:
    if a.key and b.key:
        return a.key == b.key
    return bool(a.type and a.type == b.type and not (a.key or b.key))


def _choose(
    mention: Mention,
    span: tuple[dt.date, dt.date],
    clusters: list[_Cluster],
    by_place: dict[tuple[str, str, int], list[int]],
    by_day: dict[tuple[str, int], list[int]],
    rules: LinkRules,
    mains_linked: Callable[[Mention, Mention], bool],
) -> tuple[int | None, str]:
    candidates: set[int] = set()
    kind = _kind(mention)
    for day in _days(span):
        if mention.country_code:
            candidates.update(by_place.get((mention.country_code, kind, day), ()))
        else:  # no country: any cluster of those days may be it (only on strong evidence)
            candidates.update(by_day.get((kind, day), ()))
    fits: list[tuple[float, int, str]] = []
    for number in sorted(candidates):
        fit = clusters[number].fit(mention, rules, mains_linked)
        if fit is not None:
            fits.append((fit[0], number, fit[1]))
    if not fits or (mention.vague and len(fits) > 1):
        return None, ""
    _, number, reason = max(fits, key=lambda f: (f[0], -f[1]))
    return number, reason


def _order(mention: Mention) -> tuple[Any, ...]:
    return (
        mention.vague,
        _DATE_RANK.get(mention.date_precision or "", 9),
        mention.geo_precision or 9,
        mention.date or dt.date.max,
        mention.event_id,
    )


def _kind(mention: Mention) -> str:
    """The blocking key for types: linked reports always share it (see compare._types)."""
    if mention.acled_event_type:
        return mention.acled_event_type
    return f"plover:{mention.plover_type}"


def _days(span: tuple[dt.date, dt.date]) -> Iterator[int]:
    return iter(range(span[0].toordinal(), span[1].toordinal() + 1))


def _index(index: dict[Any, list[int]], key: Any, number: int) -> None:
    entries = index.setdefault(key, [])
    if not entries or entries[-1] != number:
        entries.append(number)


# -- the linked event's fields ---------------------------------------------------------


def linked_id(event_ids: Iterable[str]) -> str:
    """A stable id from the member event ids: the same reports, the same id."""
    digest = hashlib.sha256("\n".join(sorted(event_ids)).encode("utf-8")).hexdigest()
    return f"le-{digest[:16]}"


def _linked_event(cluster: _Cluster) -> LinkedEvent:
    members = cluster.members
    place = min(
        members,
        key=lambda m: (not m.has_place, m.geo_precision or 9, -(m.confidence or 0), m.event_id),
    )
    actor1 = _representative_actor([m.actor1 for m in members])
    actor2 = _representative_actor([m.actor2 for m in members])
    date, precision = _representative_date(members)
    reported = [m.fatalities for m in members if m.fatalities_reported]
    fatalities = _lowest(reported) if reported else _lowest(m.fatalities for m in members)
    sources = tuple(
        Source(
            event_id=m.event_id,
            article_id=m.article_id,
            fatalities=m.fatalities,
            injuries=m.injuries,
            arrests=m.arrests,
            fatalities_reported=m.fatalities_reported,
            date=m.date.isoformat() if m.date else None,
            location_name=m.location_name,
            article_source=m.article_source,
            article_url=m.article_url,
            published=m.published,
            reason=reason or "first report",
        )
        for m, reason in zip(members, cluster.reasons, strict=True)
    )
    statuses = [m.status for m in members]
    return LinkedEvent(
        id=linked_id(m.event_id for m in members),
        plover_type=_most_common(m.plover_type for m in members),
        plover_mode=_most_common(m.plover_mode for m in members),
        acled_event_type=_most_common(m.acled_event_type for m in members),
        acled_sub_event_type=_most_common(
            (m.acled_sub_event_type for m in members),
            tie=lambda sub: _SUB_EVENT_PRIORITY.get(sub, 99),
        ),
        date=date,
        date_precision=precision,
        location_name=place.location_name,
        admin1=place.admin1,
        country=place.country,
        country_code=place.country_code,
        lat=place.lat,
        lon=place.lon,
        geo_precision=place.geo_precision,
        actor1=actor1.name,
        actor1_type=actor1.type,
        actor2=actor2.name,
        actor2_type=actor2.type,
        fatalities=fatalities,
        injuries=_lowest(m.injuries for m in members),
        arrests=_lowest(m.arrests for m in members),
        status="occurred" if "occurred" in statuses else _most_common(statuses),
        background=all(m.background for m in members),
        confidence=max((m.confidence for m in members if m.confidence is not None), default=None),
        reason=_reason(cluster),
        sources=sources,
    )


def _reason(cluster: _Cluster) -> str:
    if len(cluster.members) == 1:
        return "one report"
    joined = "; ".join(
        f"{m.event_id} {reason}"
        for m, reason in zip(cluster.members[1:], cluster.reasons[1:], strict=True)
    )
    return f"{len(cluster.members)} reports of one event: {joined}"


def _representative_date(members: list[Mention]) -> tuple[str | None, str | None]:
    dated = [m for m in members if m.date is not None]
    if not dated:
        return None, None
    best = min((_DATE_RANK.get(m.date_precision or "", 9), m.approximate_day) for m in dated)
    pool = [
        m for m in dated if (_DATE_RANK.get(m.date_precision or "", 9), m.approximate_day) == best
    ]
    counts = Counter(m.date for m in pool)
    # The most reported date; on a tie the earliest (ACLED codes a span by its first day).
    date = min(counts, key=lambda d: (-counts[d], d))
    assert date is not None
    return date.isoformat(), pool[0].date_precision


def _representative_actor(actors: list[ActorRef]) -> ActorRef:
    """The most specific actor: a named one over a generic kind, over "unidentified",
    over none; among equals the most reported, then the first by name."""

    def rank(actor: ActorRef) -> int:
        if not actor.known:
            return 3
        if actor.unidentified:
            return 2
        return 1 if actor.generic or not actor.name else 0

    known = [a for a in actors if a.known]
    if not known:
        return ActorRef(None, None)
    counts = Counter(a.key for a in known)
    return min(known, key=lambda a: (rank(a), -counts[a.key], a.name or "", a.type or ""))


def _most_common(values: Iterable[str | None], tie: Any = None) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], tie(v) if tie else 0, v))


def _lowest(values: Iterable[int | None]) -> int | None:
    """ACLED's rule for conflicting reports: the lowest figure given."""
    return min((v for v in values if v is not None), default=None)
