"""Reviews: people accept, reject or edit coded events; every change is audited.

Two tables (migration 5): ``reviews`` holds the current review of each reviewed
event and ``review_audit`` every action ever taken, append-only (triggers refuse
UPDATE and DELETE). A review row is rewritten only together with a new audit row,
in one transaction, so the audit always explains the state.

What is reviewed is an id: an event report (``ARTICLE:eN``, kind ``report``) or a
linked event (``le-...``, kind ``linked``). Each review keeps its own snapshot:
``coded`` (the values the coder gave when the event was first reviewed, with the
evidence spans), ``values`` (what the reviewers say now) and ``changed`` (the
fields whose value differs from the coder's). A review therefore survives a
re-coded article or a re-linked event, and says so (``stale``) when the coder's
values have moved on.

Versions: an event's version is the number of actions taken on it (0 when
unreviewed). A writer that read version N and passes ``expected_version=N``
gets :class:`ReviewConflict` if someone else wrote in between; the unique
``(event_id, version)`` key makes that hold across processes too.

``iter_gold``/``export_reviewed`` write reviewed events as gold data that
``newscoder eval`` scores the coder against (see docs/api.md).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

from newscoder.errors import NewscoderError, UsageError
from newscoder.store.db import Store

Kind = Literal["report", "linked"]
Action = Literal["accept", "reject", "edit"]
ACTIONS: tuple[str, ...] = ("accept", "reject", "edit")
STATUSES: tuple[str, ...] = ("unreviewed", "accepted", "edited", "rejected")
STATUS_AFTER: Mapping[str, str] = {"accept": "accepted", "reject": "rejected", "edit": "edited"}

# Flat field names, as the events table and the JSON API name them.
REPORT_FIELDS: tuple[str, ...] = (
    "plover_type", "plover_mode", "acled_event_type", "acled_sub_event_type", "date",
    "date_precision", "location_name", "admin1", "country", "country_code", "lat", "lon",
    "geo_precision", "actor1", "actor1_type", "actor1_country", "actor2", "actor2_type",
    "actor2_country", "fatalities", "injuries", "arrests", "status", "background",
)  # fmt: skip
# linked_events has no actor country columns.
LINKED_FIELDS: tuple[str, ...] = tuple(
    f for f in REPORT_FIELDS if f not in ("actor1_country", "actor2_country")
)
FIGURES: tuple[str, ...] = ("fatalities", "injuries", "arrests")
GOLD_FORMAT = "newscoder-reviewed"


class ReviewError(NewscoderError):
    code = "E600"
    fix = "See docs/api.md for the review request."


class ReviewInvalid(ReviewError):
    """A review request that cannot be applied; ``field`` names the culprit."""

    code = "E601"
    fix = "Correct the named field; docs/api.md lists the fields and their allowed values."

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class ReviewConflict(ReviewError):
    """Someone reviewed the event after the writer read it."""

    code = "E602"
    fix = "Reload the event, check the other reviewer's change, then review again."

    def __init__(self, event_id: str, expected: int, current: int) -> None:
        super().__init__(
            f"{event_id} is at version {current}, not {expected}: it was reviewed meanwhile"
        )
        self.event_id = event_id
        self.expected = expected
        self.current = current


class ReviewNotFound(ReviewError, UsageError):
    code = "E603"
    fix = "Check the event id: GET /api/events lists them."


@dataclass(frozen=True, slots=True)
class ReviewState:
    event_id: str
    kind: str
    status: str
    version: int
    reviewer: str
    reviewed_at: str
    note: str | None
    coded: dict[str, Any]
    values: dict[str, Any]
    changed: tuple[str, ...]
    article_id: str | None = None
    content_hash: str | None = None
    sources: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "version": self.version,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at,
            "note": self.note,
            "changed": list(self.changed),
            "coded": {k: v for k, v in self.coded.items() if k != "evidence"},
        }


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    event_id: str
    kind: str
    version: int
    action: str
    reviewer: str
    at: str
    before: dict[str, Any]
    after: dict[str, Any]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "action": self.action,
            "reviewer": self.reviewer,
            "at": self.at,
            "before": self.before,
            "after": self.after,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Target:
    """What is being reviewed: its id and kind, and the coder's values now."""

    event_id: str
    kind: Kind
    coded: dict[str, Any]
    article_id: str | None = None
    content_hash: str | None = None
    sources: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def fields_for(kind: str) -> tuple[str, ...]:
    return LINKED_FIELDS if kind == "linked" else REPORT_FIELDS


# -- reading -------------------------------------------------------------------------


def review_state(conn: sqlite3.Connection, event_id: str) -> ReviewState | None:
    row = conn.execute("SELECT * FROM reviews WHERE event_id = ?", (event_id,)).fetchone()
    return _state(row) if row is not None else None


def review_states(conn: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, ReviewState]:
    """The reviews of many events at once (ids without a review are left out)."""
    ids = list(dict.fromkeys(event_ids))
    out: dict[str, ReviewState] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(f"SELECT * FROM reviews WHERE event_id IN ({marks})", chunk):
            out[row["event_id"]] = _state(row)
    return out


def history(conn: sqlite3.Connection, event_id: str) -> list[AuditEntry]:
    """Every action taken on ``event_id``, oldest first."""
    rows = conn.execute(
        "SELECT * FROM review_audit WHERE event_id = ? ORDER BY version", (event_id,)
    )
    return [_entry(row) for row in rows]


def recent(conn: sqlite3.Connection, limit: int = 20) -> list[AuditEntry]:
    """The latest actions on any event, newest first."""
    rows = conn.execute("SELECT * FROM review_audit ORDER BY id DESC LIMIT ?", (limit,))
    return [_entry(row) for row in rows]


def earlier_linked_reviews(
    conn: sqlite3.Connection, event_ids: Iterable[str], current: str | None = None
) -> list[ReviewState]:
    """Reviews of linked events that are gone (re-linked under another id since)
    and held any of ``event_ids``: what reviewers said about an earlier grouping
    of these reports."""
    ids = set(event_ids)
    rows = conn.execute(
        "SELECT * FROM reviews r WHERE kind = 'linked' AND event_id IS NOT ?"
        " AND NOT EXISTS (SELECT 1 FROM linked_events l WHERE l.id = r.event_id)",
        (current,),
    )
    out = []
    for row in rows:
        state = _state(row)
        if any(source.get("event_id") in ids for source in state.sources):
            out.append(state)
    return out


def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Reviewed events by status and kind: ``{"report:accepted": 3, ...}``."""
    rows = conn.execute("SELECT kind, status, count(*) FROM reviews GROUP BY kind, status")
    return {f"{kind}:{status}": n for kind, status, n in rows}


# -- writing -------------------------------------------------------------------------


def record_review(
    conn: sqlite3.Connection,
    target: Target,
    action: str,
    changes: Mapping[str, Any],
    *,
    reviewer: str,
    note: str | None = None,
    expected_version: int | None = None,
) -> ReviewState:
    """Apply one review action and append it to the audit, in one transaction.

    ``changes`` must already be validated (``newscoder.serve.review`` does it);
    here only the action, the field names and the version are checked. Raises
    :class:`ReviewConflict` when ``expected_version`` is given and is not the
    event's current version.
    """
    if action not in ACTIONS:
        raise ReviewInvalid("action", f"must be one of {', '.join(ACTIONS)}, not {action!r}")
    allowed = fields_for(target.kind)
    for name in changes:
        if name not in allowed:
            raise ReviewInvalid(f"changes.{name}", "is not a field that can be reviewed")
    if action == "edit" and not changes:
        raise ReviewInvalid("changes", "an edit needs at least one changed field")
    if action != "edit" and changes:
        raise ReviewInvalid("changes", f"{action} takes no changes; use action 'edit'")
    if not reviewer.strip():
        raise ReviewInvalid("reviewer", "must not be empty")
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = review_state(conn, target.event_id)
        version = current.version if current else 0
        if expected_version is not None and expected_version != version:
            raise ReviewConflict(target.event_id, expected_version, version)
        coded = current.coded if current else _snapshot(target.coded, allowed)
        before_values = current.values if current else {k: coded.get(k) for k in allowed}
        values = {**before_values, **changes}
        changed = tuple(f for f in allowed if values.get(f) != coded.get(f))
        status = STATUS_AFTER[action]
        before_status = current.status if current else "unreviewed"
        touched = [f for f in allowed if f in changes]
        before = {"status": before_status, **{f: before_values.get(f) for f in touched}}
        after = {"status": status, **{f: values.get(f) for f in touched}}
        now = _now()
        conn.execute(
            "INSERT INTO review_audit (event_id, kind, version, action, reviewer, at,"
            " before_json, after_json, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                target.event_id,
                target.kind,
                version + 1,
                action,
                reviewer,
                now,
                _dumps(before),
                _dumps(after),
                note,
            ),
        )
        sources = current.sources if current and current.sources else target.sources
        conn.execute(
            "INSERT OR REPLACE INTO reviews (event_id, kind, article_id, status, version,"
            " reviewer, reviewed_at, note, coded_json, values_json, changed_json,"
            " source_ids_json, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                target.event_id,
                target.kind,
                target.article_id,
                status,
                version + 1,
                reviewer,
                now,
                note,
                _dumps(coded),
                _dumps(values),
                _dumps(list(changed)),
                _dumps(list(sources)) if sources else None,
                current.content_hash if current else target.content_hash,
            ),
        )
        conn.execute("COMMIT")
    except sqlite3.IntegrityError as exc:
        conn.execute("ROLLBACK")
        # Another process wrote the same version between our read and write.
        latest = review_state(conn, target.event_id)
        raise ReviewConflict(
            target.event_id, version, latest.version if latest else version
        ) from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    state = review_state(conn, target.event_id)
    assert state is not None
    return state


def _snapshot(coded: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    out = {f: coded.get(f) for f in allowed}
    out["evidence"] = coded.get("evidence")
    return out


# -- gold export ---------------------------------------------------------------------


@dataclass(slots=True)
class GoldSummary:
    articles: int = 0
    events: int = 0
    skipped: list[str] = field(default_factory=list)


def iter_gold(store: Store, summary: GoldSummary | None = None) -> Iterator[dict[str, Any]]:
    """One gold record per article with reviewed events, in article id order.

    An event report's own review is its gold. A reviewed linked event lends its
    verdict and its event-level fields (types, actors, place, date, status) to
    each of its reports that has no review of its own; the figures are not lent
    (a report's own toll may rightly differ from the event's lowest figure), so
    they are null there and ``figures_reviewed`` is false. Reviews whose article
    text has changed since (its offsets no longer hold) are skipped and listed
    in ``summary.skipped``.
    """
    summary = summary if summary is not None else GoldSummary()
    conn = store.connection
    by_article: dict[str, dict[str, dict[str, Any]]] = {}
    rows = conn.execute("SELECT * FROM reviews ORDER BY event_id").fetchall()
    states = [_state(row) for row in rows]
    for state in states:
        if state.kind != "report" or state.article_id is None:
            continue
        event = _gold_event(state.event_id, state, state.coded.get("evidence"), figures=True)
        by_article.setdefault(state.article_id, {})[state.event_id] = {
            "event": event,
            "hash": state.content_hash,
        }
    for state in states:
        if state.kind != "linked":
            continue
        for source in state.sources:
            event_id, article_id = source.get("event_id"), source.get("article_id")
            if not event_id or not article_id:
                continue
            reports = by_article.setdefault(article_id, {})
            if event_id in reports:
                continue  # the report's own review wins
            event = _gold_event(event_id, state, source.get("evidence"), figures=False)
            reports[event_id] = {"event": event, "hash": source.get("content_hash")}
    for article_id in sorted(by_article):
        article = store.article(article_id)
        if article is None:
            summary.skipped.append(f"{article_id}: the article is no longer in the store")
            continue
        events = []
        for event_id, item in sorted(by_article[article_id].items(), key=lambda kv: _order(kv[0])):
            if item["hash"] is not None and item["hash"] != article["content_hash"]:
                summary.skipped.append(
                    f"{event_id}: the article's text changed after the review; offsets are stale"
                )
                continue
            events.append(item["event"])
        if not events:
            continue
        summary.articles += 1
        summary.events += len(events)
        yield {
            "id": article_id,
            "gold": GOLD_FORMAT,
            "title": article["title"],
            "published": article["published"],
            "url": article["url"],
            "source": article["source"],
            "text": article["text"],
            "events": events,
        }


def export_reviewed(store: Store, out: TextIO, summary: GoldSummary | None = None) -> int:
    """Write :func:`iter_gold` as JSONL; return the number of reviewed events written."""
    summary = summary if summary is not None else GoldSummary()
    for record in iter_gold(store, summary):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return summary.events


def _order(event_id: str) -> tuple[int, str]:
    tail = event_id.rsplit(":e", 1)[-1]
    return (int(tail) if tail.isdigit() else 1 << 30, event_id)


def _gold_event(
    event_id: str, state: ReviewState, evidence: Any, *, figures: bool
) -> dict[str, Any]:
    v = state.values
    event = contract_event(v)
    if not figures:
        for name in FIGURES:
            event[name] = None
    event["id"] = event_id
    event["evidence"] = evidence or []
    event["review"] = {
        "status": state.status,
        "reviewer": state.reviewer,
        "reviewed_at": state.reviewed_at,
        "version": state.version,
        "note": state.note,
        "changed": list(state.changed),
        "via": state.event_id,
        "figures_reviewed": figures,
    }
    return event


def contract_event(v: Mapping[str, Any]) -> dict[str, Any]:
    """Flat review values as an output-contract event (the fields a review covers)."""
    has_place = any(
        v.get(k) is not None for k in ("location_name", "admin1", "country", "country_code")
    )
    return {
        "plover": {"type": v.get("plover_type"), "mode": v.get("plover_mode")},
        "acled": {
            "event_type": v.get("acled_event_type"),
            "sub_event_type": v.get("acled_sub_event_type"),
        },
        "date": {"value": v.get("date"), "precision": v.get("date_precision")},
        "location": (
            {
                "name": v.get("location_name"),
                "admin1": v.get("admin1"),
                "country": v.get("country"),
                "country_code": v.get("country_code"),
                "lat": v.get("lat"),
                "lon": v.get("lon"),
                "geo_precision": v.get("geo_precision"),
            }
            if has_place
            else None
        ),
        "actor1": _actor(v, "actor1"),
        "actor2": _actor(v, "actor2"),
        "fatalities": v.get("fatalities"),
        "injuries": v.get("injuries"),
        "arrests": v.get("arrests"),
        "status": v.get("status"),
        "background": v.get("background"),
    }


def _actor(v: Mapping[str, Any], side: str) -> dict[str, Any] | None:
    if v.get(side) is None and v.get(f"{side}_type") is None:
        return None
    return {
        "name": v.get(side),
        "type": v.get(f"{side}_type"),
        "country_code": v.get(f"{side}_country"),
    }


# -- rows ----------------------------------------------------------------------------


def _state(row: sqlite3.Row) -> ReviewState:
    sources = json.loads(row["source_ids_json"]) if row["source_ids_json"] else []
    return ReviewState(
        event_id=row["event_id"],
        kind=row["kind"],
        status=row["status"],
        version=row["version"],
        reviewer=row["reviewer"],
        reviewed_at=row["reviewed_at"],
        note=row["note"],
        coded=json.loads(row["coded_json"]),
        values=json.loads(row["values_json"]),
        changed=tuple(json.loads(row["changed_json"])),
        article_id=row["article_id"],
        content_hash=row["content_hash"],
        sources=tuple(sources),
    )


def _entry(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        event_id=row["event_id"],
        kind=row["kind"],
        version=row["version"],
        action=row["action"],
        reviewer=row["reviewer"],
        at=row["at"],
        before=json.loads(row["before_json"]),
        after=json.loads(row["after_json"]),
        note=row["note"],
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
