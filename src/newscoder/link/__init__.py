"""Link: many reports of one event become one linked event (cross-article dedup).

from newscoder.link import link_store
summary = link_store(store)          # recompute every link; idempotent
store.linked_events(min_sources=2)   # events told by more than one report

The rules are in ``docs/linking.md``; :mod:`newscoder.link.compare` holds the
pairwise checks and :mod:`newscoder.link.cluster` the blocked clustering.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newscoder.link.cluster import LinkedEvent, Source, link_mentions, linked_id
from newscoder.link.compare import Check, compare
from newscoder.link.mention import Mention, mention_from_event, mention_from_row
from newscoder.link.rules import LinkRules

if TYPE_CHECKING:
    from newscoder.store.db import Store

__all__ = [
    "Check",
    "LinkRules",
    "LinkSummary",
    "LinkedEvent",
    "Mention",
    "Source",
    "compare",
    "link_events",
    "link_mentions",
    "link_records",
    "link_store",
    "linked_id",
    "mention_from_event",
    "mention_from_row",
]


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """What a link run did: ``events`` in, ``linked_events`` out, of which
    ``multi_source`` have more than one report; ``merged`` reports were folded."""

    events: int
    linked_events: int
    multi_source: int
    seconds: float

    @property
    def merged(self) -> int:
        return self.events - self.linked_events

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "merged": self.merged}


def link_store(store: Store, rules: LinkRules | None = None) -> LinkSummary:
    """Link every event in ``store`` and replace its linked events with the result.

    Always recomputes from all stored events, so running it twice changes nothing
    and running it after more articles were stored gives what linking everything
    at once gives. Memory grows with the number of events (about 1 KB each).
    """
    rules = rules or LinkRules()
    started = time.perf_counter()
    mentions = [mention_from_row(row) for row in store.iter_events(record=True)]
    linked = link_mentions(mentions, rules)
    store.replace_links(
        (event.to_dict() for event in linked), events=len(mentions), rules=_rules_dict(rules)
    )
    return LinkSummary(
        events=len(mentions),
        linked_events=len(linked),
        multi_source=sum(1 for event in linked if event.n_sources > 1),
        seconds=round(time.perf_counter() - started, 3),
    )


def link_events(
    rows: Iterable[Mapping[str, Any]], rules: LinkRules | None = None
) -> list[LinkedEvent]:
    """Link flat event rows (as :meth:`Store.events` gives them) without a store."""
    return link_mentions((mention_from_row(row) for row in rows), rules)


def link_records(
    records: Iterable[Mapping[str, Any]], rules: LinkRules | None = None
) -> list[LinkedEvent]:
    """Link the events of contract records (``CodedArticle.to_dict()``); error
    records are skipped."""
    mentions = (
        mention_from_event(record["id"], event)
        for record in records
        if "error" not in record
        for event in record.get("events") or ()
    )
    return link_mentions(mentions, rules)


def _rules_dict(rules: LinkRules) -> dict[str, Any]:
    out = dataclasses.asdict(rules)
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in out.items()}
