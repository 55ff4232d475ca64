"""Review logic: validate a review request and apply it to an event.

``validate_changes`` checks every edited field against the codebooks (ACLED
event and sub-event types, PLOVER types, ACLED actor types, statuses, ISO dates
and country codes, figures >= 0) and raises :class:`ReviewInvalid` naming the
field; the API turns that into a 422. A ``place`` change (a gazetteer id picked
in the form, or a typed name) sets the whole location at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
from collections.abc import Mapping
from typing import Any, get_args

from newscoder.coding.taxonomy import ACLED_EVENT_TYPES, ACLED_SUB_EVENT_TYPES, PLOVER_TYPES
from newscoder.knowledge import ACLED_ACTOR_TYPES
from newscoder.serve import data
from newscoder.serve.places import place_index
from newscoder.store import review as store_review
from newscoder.store.review import ReviewInvalid, ReviewNotFound, ReviewState, Target
from newscoder.types import Status

EVENT_STATUSES: tuple[str, ...] = get_args(Status)
DATE_PRECISIONS = ("day", "week", "month", "year")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO2 = re.compile(r"[A-Z]{2}")
_MAX_TEXT = 300
_MAX_FIGURE = 1_000_000

_TEXT_FIELDS = ("plover_mode", "location_name", "admin1", "country", "actor1", "actor2")
_FIGURES = ("fatalities", "injuries", "arrests")


def _text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReviewInvalid(name, "must be a string or null")
    value = " ".join(value.split())
    if len(value) > _MAX_TEXT:
        raise ReviewInvalid(name, f"is longer than {_MAX_TEXT} characters")
    return value or None


def _choice(name: str, value: Any, allowed: tuple[str, ...], *, fold: bool = False) -> str | None:
    value = _text(name, value)
    if value is None:
        return None
    for option in allowed:
        if value == option or (fold and value.casefold() == option.casefold()):
            return option
    raise ReviewInvalid(name, f"{value!r} is not one of: {', '.join(allowed)}")


def _figure(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReviewInvalid(name, "must be a whole number or null")
    if value < 0:
        raise ReviewInvalid(name, "must not be negative")
    if value > _MAX_FIGURE:
        raise ReviewInvalid(name, f"must be at most {_MAX_FIGURE}")
    return value


def _number(name: str, value: Any, low: float, high: float) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise ReviewInvalid(name, "must be a number or null") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ReviewInvalid(name, "must be a number or null")
    if not low <= value <= high:
        raise ReviewInvalid(name, f"must be between {low:g} and {high:g}")
    return float(value)


def _date(value: Any) -> str | None:
    value = _text("date", value)
    if value is None:
        return None
    if not _DATE.fullmatch(value):
        raise ReviewInvalid("date", f"{value!r} is not a date in YYYY-MM-DD form")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ReviewInvalid("date", f"{value!r} is not a real date") from None
    if day > dt.date.today() + dt.timedelta(days=366):
        raise ReviewInvalid("date", f"{value} is more than a year in the future")
    return value


def _country_code(name: str, value: Any) -> str | None:
    value = _text(name, value)
    if value is None:
        return None
    value = value.upper()
    from newscoder.resolve.gazetteer import get_gazetteer

    if not _ISO2.fullmatch(value) or value not in get_gazetteer().countries:
        raise ReviewInvalid(name, f"{value!r} is not an ISO 3166 alpha-2 country code")
    return value


def _bool(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if value in ("true", "on", "1", 1):
        return True
    if value in ("false", "off", "0", 0, ""):
        return False
    raise ReviewInvalid(name, "must be true, false or null")


def validate_field(name: str, value: Any) -> Any:
    """One field's value in its stored form; raises :class:`ReviewInvalid`."""
    field = f"changes.{name}"
    if name == "acled_event_type":
        return _choice(field, value, ACLED_EVENT_TYPES, fold=True)
    if name == "acled_sub_event_type":
        every = tuple(s for subs in ACLED_SUB_EVENT_TYPES.values() for s in subs)
        return _choice(field, value, every, fold=True)
    if name == "plover_type":
        return _choice(field, value, PLOVER_TYPES, fold=True)
    if name in ("actor1_type", "actor2_type"):
        return _choice(field, value, ACLED_ACTOR_TYPES, fold=True)
    if name == "status":
        chosen = _choice(field, value, EVENT_STATUSES, fold=True)
        if chosen is None:
            raise ReviewInvalid(field, "must not be null")
        return chosen
    if name == "date_precision":
        return _choice(field, value, DATE_PRECISIONS, fold=True)
    if name == "date":
        try:
            return _date(value)
        except ReviewInvalid as exc:
            raise ReviewInvalid(field, exc.reason) from None
    if name in _FIGURES:
        return _figure(field, value)
    if name == "lat":
        return _number(field, value, -90, 90)
    if name == "lon":
        return _number(field, value, -180, 180)
    if name == "geo_precision":
        figure = _figure(field, value)
        if figure is not None and figure not in (1, 2, 3):
            raise ReviewInvalid(field, "must be 1 (town), 2 (near a town) or 3 (region)")
        return figure
    if name in ("country_code", "actor1_country", "actor2_country"):
        return _country_code(field, value)
    if name == "background":
        return _bool(field, value)
    if name in _TEXT_FIELDS:
        return _text(field, value)
    raise ReviewInvalid(field, "is not a field that can be reviewed")


def validate_changes(
    kind: str, changes: Any, current: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Check and normalise an edit's changes against the event's current values.

    ``place`` (a gazetteer id such as ``city:2565341`` or a name such as
    "Dutsin-Ma, NG") expands to the location fields. Cross-field rules: a
    sub-event type must belong to the event type; a sub-event type needs an
    event type.
    """
    if not isinstance(changes, Mapping):
        raise ReviewInvalid("changes", "must be an object of field: value")
    changes = dict(changes)
    place = changes.pop("place", None)
    allowed = store_review.fields_for(kind)
    out: dict[str, Any] = {}
    if place not in (None, ""):
        if not isinstance(place, str):
            raise ReviewInvalid("changes.place", "must be a gazetteer id or a place name")
        index = place_index()
        choice = index.get(place) or (None if ":" in place else index.resolve(place))
        if choice is None:
            raise ReviewInvalid("changes.place", f"{place!r} is not a place the gazetteer knows")
        out.update(choice.location())
    for name, value in changes.items():
        if not isinstance(name, str) or name not in allowed:
            raise ReviewInvalid(f"changes.{name}", "is not a field that can be reviewed")
        out[name] = validate_field(name, value)
    merged = {**(current or {}), **out}
    event_type, sub = merged.get("acled_event_type"), merged.get("acled_sub_event_type")
    if sub is not None:
        if event_type is None:
            raise ReviewInvalid(
                "changes.acled_sub_event_type", "needs an ACLED event type (set acled_event_type)"
            )
        if sub not in ACLED_SUB_EVENT_TYPES.get(event_type, ()):
            raise ReviewInvalid(
                "changes.acled_sub_event_type",
                f"{sub!r} is not a sub-event type of {event_type!r}; use one of "
                + ", ".join(ACLED_SUB_EVENT_TYPES[event_type]),
            )
    return out


def target_for(conn: sqlite3.Connection, event_id: str) -> tuple[Target, dict[str, Any]]:
    """The review target for an id and the event as the list shows it.

    Raises :class:`ReviewNotFound` for an unknown id.
    """
    event = data.get_event(conn, event_id)
    if event is None:
        raise ReviewNotFound(f"no event {event_id!r} in this store")
    coded = dict(event["coded"])
    coded["evidence"] = event.get("evidence")
    if event["kind"] == "linked":
        hashes = _content_hashes(conn, [s["article_id"] for s in event["sources"]])
        sources = tuple(
            {
                "event_id": s["event_id"],
                "article_id": s["article_id"],
                "content_hash": hashes.get(s["article_id"]),
                "evidence": (s.get("record") or {}).get("evidence"),
            }
            for s in event["sources"]
        )
        return Target(event_id, "linked", coded, sources=sources), event
    hashes = _content_hashes(conn, [event["article_id"]])
    target = Target(
        event_id,
        "report",
        coded,
        article_id=event["article_id"],
        content_hash=hashes.get(event["article_id"]),
    )
    return target, event


def _content_hashes(conn: sqlite3.Connection, article_ids: list[str]) -> dict[str, str | None]:
    if not article_ids:
        return {}
    marks = ", ".join("?" for _ in article_ids)
    rows = conn.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", article_ids)
    return {row[0]: row[1] for row in rows}


def parse_request(body: Any) -> tuple[str, Any, str | None, int | None, str | None]:
    """``(action, changes, note, version, reviewer)`` from a review request body."""
    if not isinstance(body, Mapping):
        raise ReviewInvalid("body", "must be a JSON object")
    action = body.get("action")
    if action not in store_review.ACTIONS:
        raise ReviewInvalid("action", f"must be one of accept, reject, edit; got {action!r}")
    note = _text("note", body.get("note"))
    if note is not None and len(note) > 2000:
        raise ReviewInvalid("note", "is longer than 2000 characters")
    version = body.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise ReviewInvalid("version", "must be the event's review version (an integer)")
    reviewer = _text("reviewer", body.get("reviewer"))
    changes = body.get("changes") or {}
    return action, changes, note, version, reviewer


def apply_review(
    db: data.Database,
    event_id: str,
    action: str,
    changes: Any,
    *,
    reviewer: str,
    note: str | None,
    version: int | None,
) -> ReviewState:
    """Validate and record one review action; raises ReviewInvalid / ReviewConflict /
    ReviewNotFound."""
    with db.write() as conn:
        target, event = target_for(conn, event_id)
        current = {k: event.get(k) for k in store_review.fields_for(target.kind)}
        clean = validate_changes(target.kind, changes, current) if action == "edit" else {}
        if action == "edit":
            clean = {k: v for k, v in clean.items() if current.get(k) != v}
            if not clean:
                raise ReviewInvalid("changes", "nothing differs from the event's current values")
        elif changes:
            raise ReviewInvalid("changes", f"{action} takes no changes; use action 'edit'")
        return store_review.record_review(
            conn,
            target,
            action,
            clean,
            reviewer=reviewer,
            note=note,
            expected_version=version,
        )
