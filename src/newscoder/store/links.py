"""Linked events (many reports, one event): written whole by
:func:`newscoder.link.link_store`, read with their sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from newscoder.store.connection import Connected
from newscoder.store.reads import _event_filter
from newscoder.store.writes import _dumps, _now

_LINKED_COLUMNS = (
    "id", "plover_type", "plover_mode", "acled_event_type", "acled_sub_event_type", "date",
    "date_precision", "location_name", "admin1", "country", "country_code", "lat", "lon",
    "geo_precision", "actor1", "actor1_type", "actor2", "actor2_type", "fatalities", "injuries",
    "arrests", "status", "background", "confidence", "n_sources", "reason",
)  # fmt: skip
_SOURCE_COLUMNS = (
    "linked_event_id", "event_id", "article_id", "ordinal", "fatalities", "injuries", "arrests",
    "fatalities_reported", "date", "location_name", "article_source", "article_url", "published",
    "reason",
)  # fmt: skip


class Links(Connected):
    """The Store's linked events: replace_links, linked_events, link_status."""

    def iter_linked_events(
        self,
        *,
        country: str | None = None,
        event_type: str | None = None,
        min_sources: int = 1,
    ) -> Iterator[dict[str, Any]]:
        """Linked events ordered by date (undated last) then id; see :meth:`linked_events`."""
        where, params = _event_filter(country, event_type, alias="l")
        clause = " AND " if where else " WHERE "
        query = (
            f"SELECT l.* FROM linked_events l{where}{clause}l.n_sources >= ? "
            "ORDER BY l.date IS NULL, l.date, l.id"
        )
        rows = self._conn.execute(query, (*params, min_sources))
        while batch := rows.fetchmany(500):
            sources = self._linked_sources([row["id"] for row in batch])
            for row in batch:
                out = dict(row)
                out["background"] = None if out["background"] is None else bool(out["background"])
                out["sources"] = sources.get(row["id"], [])
                yield out

    def linked_events(
        self,
        limit: int | None = None,
        country: str | None = None,
        event_type: str | None = None,
        min_sources: int = 1,
    ) -> list[dict[str, Any]]:
        """Linked events (many reports, one event) as written by the last link run.

        Each dict has the linked_events columns (representative fields, ``n_sources``,
        ``fatalities`` by the lowest-figure rule, ``reason``) and ``sources``: one dict
        per report with ``event_id``, ``article_id`` and that report's ``fatalities``,
        ``injuries``, ``arrests``, ``date``, ``location_name``, ``reason``. Filters as in
        :meth:`events`; ``min_sources=2`` keeps events reported more than once.
        """
        rows = self.iter_linked_events(
            country=country, event_type=event_type, min_sources=min_sources
        )
        return list(islice(rows, limit))

    def link_status(self) -> dict[str, Any]:
        """The last link run: ``linked_at``, ``events`` it linked, ``linked_events`` it
        wrote, and ``stale`` (articles were stored since, or never linked)."""
        run = self._conn.execute(
            "SELECT linked_at, events, linked_events FROM link_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if run is None:
            events = self._conn.execute("SELECT count(*) FROM events").fetchone()[0]
            return {"linked_at": None, "events": 0, "linked_events": 0, "stale": events > 0}
        newest = self._conn.execute("SELECT max(coded_at) FROM articles").fetchone()[0]
        now = self._conn.execute("SELECT count(*) FROM events").fetchone()[0]
        stale = now != run["events"] or (newest is not None and newest > run["linked_at"])
        return {**dict(run), "stale": stale}

    def replace_links(
        self, linked: Iterable[Mapping[str, Any]], *, events: int, rules: Mapping[str, Any]
    ) -> int:
        """Replace every linked event with ``linked`` (dicts as ``LinkedEvent.to_dict()``
        gives them), in one transaction, and record the run; return how many were written.

        Links are derived data: use :func:`newscoder.link.link_store` rather than this.
        """
        written = 0
        with self._transaction():
            self._conn.execute("DELETE FROM linked_event_sources")
            self._conn.execute("DELETE FROM linked_events")
            names = ", ".join(_LINKED_COLUMNS)
            marks = ", ".join("?" for _ in _LINKED_COLUMNS)
            source_names = ", ".join(_SOURCE_COLUMNS)
            source_marks = ", ".join("?" for _ in _SOURCE_COLUMNS)
            for event in linked:
                row = [event.get(c) for c in _LINKED_COLUMNS]
                row[_LINKED_COLUMNS.index("n_sources")] = len(event["sources"])
                self._conn.execute(f"INSERT INTO linked_events ({names}) VALUES ({marks})", row)
                self._conn.executemany(
                    f"INSERT INTO linked_event_sources ({source_names}) VALUES ({source_marks})",
                    [
                        _source_row(event["id"], ordinal, source)
                        for ordinal, source in enumerate(event["sources"])
                    ],
                )
                written += 1
            self._conn.execute(
                "INSERT INTO link_runs (linked_at, events, linked_events, rules_json)"
                " VALUES (?, ?, ?, ?)",
                (_now(), events, written, _dumps(dict(rules))),
            )
        return written

    def _linked_sources(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        marks = ", ".join("?" for _ in ids)
        columns = ", ".join(c for c in _SOURCE_COLUMNS if c not in ("linked_event_id", "ordinal"))
        query = (
            f"SELECT linked_event_id, {columns} FROM linked_event_sources "
            f"WHERE linked_event_id IN ({marks}) ORDER BY linked_event_id, ordinal"
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for row in self._conn.execute(query, ids):
            source = dict(row)
            linked_id = source.pop("linked_event_id")
            source["fatalities_reported"] = bool(source["fatalities_reported"])
            out.setdefault(linked_id, []).append(source)
        return out


def _source_row(linked_id: str, ordinal: int, source: Mapping[str, Any]) -> tuple[Any, ...]:
    values = {**source, "linked_event_id": linked_id, "ordinal": ordinal}
    reported = values.get("fatalities_reported")
    values["fatalities_reported"] = None if reported is None else int(bool(reported))
    return tuple(values.get(c) for c in _SOURCE_COLUMNS)
