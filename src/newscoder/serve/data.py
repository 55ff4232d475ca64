"""Read side of the review app: filtered, sorted, paginated events and their details.

Every query takes its values as parameters; only fixed column names and
operators from the tables below are ever put into SQL text.

The event list shows **linked events** (many reports, one event) when the store
has been linked, else **event reports** (one per article and event); ``view``
overrides that. Reviews overlay the coder's values: filters on country, type and
date look at the reviewed values, so an event a reviewer moved to another
country is found there.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from newscoder.coding.taxonomy import ACLED_EVENT_TYPES
from newscoder.errors import StoreError
from newscoder.store import review as reviews
from newscoder.store.connection import readonly_uri, write_refusal
from newscoder.store.db import Store

View = Literal["linked", "reports"]
MAX_LIMIT = 1000
CACHE_SIZE = 256  # answers of /api/events kept until the next commit

# Columns of each view's rows, as the events / linked_events tables name them.
_REPORT_COLUMNS = (
    "id",
    "article_id",
    "confidence",
    "evidence_json",
    "date_text",
    *reviews.REPORT_FIELDS,
)
_LINKED_COLUMNS = ("id", "confidence", "n_sources", "reason", *reviews.LINKED_FIELDS)
SORTS: dict[str, str] = {
    "date": "x.date",
    "fatalities": "x.fatalities",
    "country": "x.country",
    "type": "x.acled_event_type",
    "sources": "x.n_sources",
    "id": "x.id",
}
REVIEW_STATUSES = ("unreviewed", "accepted", "edited", "rejected", "reviewed")


@dataclass(frozen=True, slots=True)
class Filters:
    """What the URL asks for; every field is optional."""

    country: str | None = None
    type: str | None = None
    q: str | None = None
    since: str | None = None
    until: str | None = None
    status: str | None = None
    min_sources: int = 1
    sort: str = "date"
    desc: bool = True
    limit: int = 50
    offset: int = 0
    view: View | None = None

    def query(self, **override: Any) -> dict[str, str]:
        """The URL query for these filters (defaults left out), with ``override``."""
        values = replace(self, **override) if override else self
        out: dict[str, str] = {}
        for name in ("country", "type", "q", "since", "until", "status", "view"):
            value = getattr(values, name)
            if value:
                out[name] = str(value)
        if values.min_sources > 1:
            out["min_sources"] = str(values.min_sources)
        if values.sort != "date" or not values.desc:
            out["sort"] = ("-" if values.desc else "") + values.sort
        if values.limit != 50:
            out["limit"] = str(values.limit)
        if values.offset:
            out["offset"] = str(values.offset)
        return out


class Database:
    """Read connections (one per thread, read-only) and one writer behind a lock.

    Opening migrates the file (adding the review tables) unless ``read_only``.
    A store this process cannot write (a read-only file or folder) is opened
    read-only whatever was asked: ``read_only_reason`` says why, and ``notes``
    what the user should know about the reading (e.g. opened immutable).
    The connections are shared across the server's worker threads, one thread
    at a time, so they are opened with ``check_same_thread=False``.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only_reason: str | None = None
        if not read_only and self.path.is_file():
            refusal = write_refusal(self.path)
            if refusal is not None:
                self.read_only_reason = f"{self.path} cannot be written ({refusal})"
                read_only = True
        self.read_only = read_only
        try:
            with Store(self.path, readonly=read_only) as store:
                self.fts = store.fts
                self.notes = list(store.notes)
        except StoreError as exc:
            if self.read_only_reason is None or type(exc) is not StoreError:
                raise
            # The review tables come with the first write; none is possible here.
            raise StoreError(
                f"{self.read_only_reason}, and it needs migrating before it can be served: "
                f"{exc.message}",
                fix="Make the file and its folder writable for one start (chmod u+w), or "
                "copy the store to a folder you can write and serve the copy.",
            ) from exc
        self._read_uri = readonly_uri(self.path)[0]
        self._writer: sqlite3.Connection | None = None
        if not read_only:
            self._writer = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False
            )
            self._writer.row_factory = sqlite3.Row
            self._writer.execute("PRAGMA busy_timeout = 5000")
            self._writer.execute("PRAGMA journal_mode = WAL")
            self._writer.execute("PRAGMA synchronous = NORMAL")
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        # A small cache of list answers, emptied whenever anyone commits to the
        # file: this server's reviews or another process's run. PRAGMA
        # data_version on a connection of its own changes on every such commit.
        self._watch = sqlite3.connect(self._read_uri, uri=True, check_same_thread=False)
        self._seen = self._data_version()
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._cache_lock = threading.Lock()

    def _data_version(self) -> int:
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def cached(self, key: str) -> Any:
        with self._cache_lock:
            version = self._data_version()
            if version != self._seen:
                self._cache.clear()
                self._seen = version
            body = self._cache.get(key)
            if body is not None:
                self._cache.move_to_end(key)
            return body

    def remember(self, key: str, body: Any) -> None:
        with self._cache_lock:
            self._cache[key] = body
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def close(self) -> None:
        self._watch.close()
        for conn in self._readers:
            conn.close()
        if self._writer is not None:
            self._writer.close()

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self._read_uri, uri=True, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            self._readers.append(conn)
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        yield self._reader()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        if self._writer is None:
            raise PermissionError("the store is open read-only")
        with self._write_lock:
            yield self._writer


# -- views and filters ---------------------------------------------------------------


def has_links(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT linked_events FROM link_runs ORDER BY id DESC LIMIT 1").fetchone()
    return row is not None and row[0] > 0


def pick_view(conn: sqlite3.Connection, asked: str | None) -> View:
    if asked in ("linked", "reports"):
        if asked == "linked" and not has_links(conn):
            return "reports"
        return asked  # type: ignore[return-value]
    return "linked" if has_links(conn) else "reports"


# Reviews overlay the coder's values, and there are few of them next to the events.
# So every query has two parts: the rows nobody reviewed, filtered and sorted by
# SQLite on the coder's values (with its indexes), and the reviewed rows, read
# one by one and filtered on their reviewed values in Python. A page merges them.


def plain_where(
    f: Filters, view: View, fts: bool, *, unreviewed: bool = True
) -> tuple[str, list[Any]]:
    """The filters on the coder's values, for the rows without a review (or, with
    ``unreviewed=False``, for every row)."""
    clauses: list[str] = ["x.id NOT IN (SELECT event_id FROM reviews)"] if unreviewed else []
    params: list[Any] = []
    if f.status and f.status != "unreviewed":
        clauses.append("0")  # only reviewed rows
    if f.country:
        if len(f.country) == 2 and f.country.isalpha():
            clauses.append("x.country_code = ?")
            params.append(f.country.upper())
        else:
            clauses.append("x.country = ? COLLATE NOCASE")
            params.append(f.country)
    if f.type:
        column, value = _type_test(f.type)
        clauses.append(f"x.{column} IS NULL" if value is None else f"x.{column} = ?")
        params += [] if value is None else [value]
    if f.since and f.until:  # one range: one index scan
        clauses.append("x.date BETWEEN ? AND ?")
        params += [f.since, f.until]
    elif f.since:
        clauses.append("x.date >= ?")
        params.append(f.since)
    elif f.until:
        clauses.append("x.date <= ?")
        params.append(f.until)
    more, more_params = other_clauses(f, view, fts)
    clauses += more
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params + more_params


def other_clauses(f: Filters, view: View, fts: bool) -> tuple[list[str], list[Any]]:
    """Filters on what reviews do not change: sources and article words."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.min_sources > 1 and view == "linked":
        clauses.append("x.n_sources >= ?")
        params.append(f.min_sources)
    if f.q:
        articles, article_params = _article_match(f.q, fts)
        if view == "linked":
            clauses.append(
                "x.id IN (SELECT linked_event_id FROM linked_event_sources"
                f" WHERE article_id IN ({articles}))"
            )
        else:
            clauses.append(f"x.article_id IN ({articles})")
        params += article_params
    return clauses, params


def _type_test(value: str) -> tuple[str, str | None]:
    """``type=``: an ACLED event type (any case), 'none' (no ACLED type), or else a
    PLOVER type; returns the column and the value it must have (None: NULL)."""
    if value == "none":
        return "acled_event_type", None
    for acled in ACLED_EVENT_TYPES:
        if acled.casefold() == value.casefold():
            return "acled_event_type", acled
    return "plover_type", value.upper()


def passes(f: Filters, status: str, v: dict[str, Any]) -> bool:
    """Whether a reviewed event's reviewed values pass the filters, as SQL would."""
    if f.status == "unreviewed" or (f.status not in (None, "reviewed") and status != f.status):
        return False
    if f.country:
        if len(f.country) == 2 and f.country.isalpha():
            if v.get("country_code") != f.country.upper():
                return False
        elif (v.get("country") or "").casefold() != f.country.casefold() or not v.get("country"):
            return False
    if f.type:
        column, value = _type_test(f.type)
        if v.get(column) != value:
            return False
    date = v.get("date")
    if (f.since or f.until) and date is None:
        return False
    return not ((f.since and date < f.since) or (f.until and date > f.until))


def _reviewed_matches(
    conn: sqlite3.Connection, f: Filters, view: View, fts: bool, sort: str
) -> list[tuple[Any, str]]:
    """``(sort value, id)`` of the reviewed events that pass the filters."""
    if f.status == "unreviewed":
        return []
    table = "linked_events" if view == "linked" else "events"
    more, params = other_clauses(f, view, fts)
    where = " AND " + " AND ".join(more) if more else ""
    sql = (
        f"SELECT x.id, {sort}, r.status, r.values_json FROM {table} x"
        f" JOIN reviews r ON r.event_id = x.id WHERE 1{where}"
    )
    return [
        (key, event_id)
        for event_id, key, status, values in conn.execute(sql, params)
        if passes(f, status, json.loads(values))
    ]


def _article_match(q: str, fts: bool) -> tuple[str, list[Any]]:
    """A subquery of the ids of articles containing every word of ``q``."""
    words = q.replace("\x00", " ").split()
    if not words:
        return "SELECT id FROM articles WHERE 0", []
    if fts:
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return (
            "SELECT a.id FROM articles a WHERE a.rowid IN"
            " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            [match],
        )
    clause = " AND ".join(
        "(coalesce(title, '') || ' ' || coalesce(text, '')) LIKE ? ESCAPE '\\'" for _ in words
    )
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return f"SELECT id FROM articles WHERE {clause}", [f"%{w}%" for w in escaped]


def _from(view: View, *, reviews: bool = True) -> str:
    table = "linked_events" if view == "linked" else "events"
    join = " LEFT JOIN reviews r ON r.event_id = x.id" if reviews else ""
    return f" FROM {table} x{join}"


def _sort(f: Filters, view: View) -> str:
    sort = SORTS.get(f.sort, "x.date")
    return "x.date" if sort == "x.n_sources" and view != "linked" else sort


# -- the list ------------------------------------------------------------------------


def matching_ids(
    conn: sqlite3.Connection,
    f: Filters,
    view: View,
    *,
    fts: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[str], int]:
    """``(ids of one page, total)`` for the filters, sorted by the coder's values
    (so that an index serves the sort; NULLs last when descending, first when
    ascending, as SQLite orders them), ties broken by id. ``limit=None``: all."""
    sort = _sort(f, view)
    table = "linked_events" if view == "linked" else "events"
    any_review = conn.execute("SELECT 1 FROM reviews LIMIT 1").fetchone() is not None
    reviewed = _reviewed_matches(conn, f, view, fts, sort) if any_review else []
    if f.q:
        # A word search matches a few hundred events: found once, then counted,
        # sorted and paged here (SQLite would run the search twice).
        where, params = plain_where(f, view, fts, unreviewed=any_review)
        found = conn.execute(f"SELECT {sort}, x.id FROM {table} x{where}", params).fetchall()
        return _page([(row[0], row[1]) for row in found] + reviewed, f, limit, offset)
    # Counted over every row, less the reviewed rows the coder's values would let
    # in: a NOT IN test on each row would cost a probe per row of the table.
    every, every_params = plain_where(f, view, fts, unreviewed=False)
    total = conn.execute(f"SELECT count(*) FROM {table} x{every}", every_params).fetchone()[0]
    if any_review:
        joined = f" JOIN reviews r ON r.event_id = x.id{every}"
        total -= conn.execute(f"SELECT count(*) FROM {table} x{joined}", every_params).fetchone()[0]
    total += len(reviewed)
    where, params = plain_where(f, view, fts, unreviewed=any_review)
    direction = "DESC" if f.desc else "ASC"
    sql = f"SELECT {sort}, x.id FROM {table} x{where} ORDER BY {sort} {direction}, x.id {direction}"
    if not reviewed:  # the common case: SQLite pages on its own
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return [row[1] for row in conn.execute(sql, params)], total
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, offset + limit]
    merged = [(row[0], row[1]) for row in conn.execute(sql, params)] + reviewed
    ids, _ = _page(merged, f, limit, offset)
    return ids, total


def _page(
    keyed: list[tuple[Any, str]], f: Filters, limit: int | None, offset: int
) -> tuple[list[str], int]:
    """Sort ``(sort value, id)`` pairs as SQLite would (NULLs smallest), then page."""
    keyed.sort(key=lambda kv: (kv[0] is not None, kv[0] if kv[0] is not None else 0, kv[1]),
               reverse=f.desc)  # fmt: skip
    end = None if limit is None else offset + limit
    return [event_id for _, event_id in keyed[offset:end]], len(keyed)


def list_events(
    conn: sqlite3.Connection, f: Filters, *, fts: bool = True
) -> tuple[View, list[dict[str, Any]], int]:
    """``(view, events, total)``: one page of events (contract-shaped, reviews applied)
    and how many match the filters."""
    view = pick_view(conn, f.view)
    ids, total = matching_ids(conn, f, view, fts=fts, limit=f.limit, offset=f.offset)
    return view, rows_for(conn, ids, view), total


def rows_for(conn: sqlite3.Connection, ids: list[str], view: View) -> list[dict[str, Any]]:
    """The rows of ``ids``, in that order, with their reviews and sources or articles."""
    if not ids:
        return []
    columns = _LINKED_COLUMNS if view == "linked" else _REPORT_COLUMNS
    select = ", ".join(f"x.{c}" for c in columns)
    found: dict[str, sqlite3.Row] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        sql = (
            f"SELECT {select}, r.status AS review_status, r.version AS review_version,"
            f" r.values_json AS review_values{_from(view)} WHERE x.id IN ({marks})"
        )
        found.update((row["id"], row) for row in conn.execute(sql, chunk))
    out = [_row(dict(found[i]), view) for i in ids if i in found]
    if view == "linked":
        _attach_sources(conn, out)
    else:
        _attach_articles(conn, out)
    return out


def iter_all(
    conn: sqlite3.Connection, f: Filters, *, fts: bool = True, batch: int = 1000
) -> Iterator[dict[str, Any]]:
    """Every event matching ``f`` (for exports), in the list's order, in batches."""
    view = pick_view(conn, f.view)
    ids, _ = matching_ids(conn, f, view, fts=fts)
    for start in range(0, len(ids), batch):
        yield from rows_for(conn, ids[start : start + batch], view)


def _row(row: dict[str, Any], view: View) -> dict[str, Any]:
    """A table row with its review applied, as a flat dict plus contract-shaped fields."""
    flat = dict(row)
    review_values = flat.pop("review_values", None)
    evidence = flat.pop("evidence_json", None)
    if flat.get("background") is not None:
        flat["background"] = bool(flat["background"])
    coded = dict(flat)
    if review_values:
        flat.update(json.loads(review_values))
    flat["evidence"] = json.loads(evidence) if evidence else []
    flat["kind"] = "linked" if view == "linked" else "report"
    flat["review_status"] = flat.get("review_status") or "unreviewed"
    flat["review_version"] = flat.get("review_version") or 0
    flat["coded"] = coded
    return flat


def to_api(flat: dict[str, Any]) -> dict[str, Any]:
    """A flat row in the output contract's field names (what /api/events returns)."""
    event = {"id": flat["id"], "article_id": flat.get("article_id")}
    event.update(reviews.contract_event(flat))
    if event["date"] is not None and flat.get("date_text") is not None:
        event["date"]["text"] = flat["date_text"]
    event["confidence"] = flat.get("confidence")
    event["evidence"] = flat.get("evidence") or []
    event["kind"] = flat["kind"]
    event["review"] = {"status": flat["review_status"], "version": flat["review_version"]}
    if flat["kind"] == "linked":
        event["n_sources"] = flat.get("n_sources")
        event["sources"] = flat.get("sources", [])
    else:
        event["article"] = {
            k: flat.get(f"article_{k}") for k in ("title", "published", "source", "url")
        }
    return event


def _attach_sources(
    conn: sqlite3.Connection, rows: list[dict[str, Any]], *, full: bool = False
) -> None:
    if not rows:
        return
    ids = [r["id"] for r in rows]
    by_id = sources_of(conn, ids, full=full)
    for row in rows:
        row["sources"] = by_id.get(row["id"], [])
        row["article_id"] = row["sources"][0]["article_id"] if row["sources"] else None


_SOURCE_FIELDS = (
    "s.event_id, s.article_id, s.fatalities, s.injuries, s.arrests, s.fatalities_reported,"
    " s.date, s.location_name, s.article_source, s.article_url, s.published"
)


def sources_of(
    conn: sqlite3.Connection, linked_ids: list[str], *, full: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """Each linked event's reports with their own figures; ``full`` adds the link
    ``reason`` and the article's title (one event's page; lists leave them out)."""
    out: dict[str, list[dict[str, Any]]] = {}
    columns = _SOURCE_FIELDS + (", s.reason, a.title AS article_title" if full else "")
    join = " LEFT JOIN articles a ON a.id = s.article_id" if full else ""
    for start in range(0, len(linked_ids), 500):
        chunk = linked_ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        sql = (
            f"SELECT s.linked_event_id, {columns} FROM linked_event_sources s{join}"
            f" WHERE s.linked_event_id IN ({marks}) ORDER BY s.linked_event_id, s.ordinal"
        )
        for row in conn.execute(sql, chunk):
            source = dict(row)
            linked = source.pop("linked_event_id")
            source["fatalities_reported"] = bool(source["fatalities_reported"])
            out.setdefault(linked, []).append(source)
    return out


def _attach_articles(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    ids = list({r["article_id"] for r in rows})
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    found = {
        row["id"]: row
        for row in conn.execute(
            f"SELECT id, title, published, source, url FROM articles WHERE id IN ({marks})", ids
        )
    }
    for row in rows:
        article = found.get(row["article_id"])
        for key in ("title", "published", "source", "url"):
            row[f"article_{key}"] = article[key] if article is not None else None


# -- one event ------------------------------------------------------------------------


def event_kind(event_id: str) -> View:
    return "linked" if event_id.startswith("le-") else "reports"


def get_event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event (report or linked) as a flat row with its review applied; a
    report carries its coded contract event (``record``), a linked event its
    sources, each with its own record and review status."""
    view = event_kind(event_id)
    columns = _LINKED_COLUMNS if view == "linked" else _REPORT_COLUMNS
    select = ", ".join(f"x.{c}" for c in columns)
    extra = ", x.record_json" if view == "reports" else ""
    sql = (
        f"SELECT {select}{extra}, r.status AS review_status, r.version AS review_version,"
        f" r.values_json AS review_values{_from(view)} WHERE x.id = ?"
    )
    row = conn.execute(sql, (event_id,)).fetchone()
    if row is None:
        return None
    data = dict(row)
    record = json.loads(data.pop("record_json")) if "record_json" in data else None
    flat = _row(data, view)
    if view == "linked":
        _attach_sources(conn, [flat], full=True)
        states = reviews.review_states(conn, [s["event_id"] for s in flat["sources"]])
        records = _event_records(conn, [s["event_id"] for s in flat["sources"]])
        for source in flat["sources"]:
            state = states.get(source["event_id"])
            source["review_status"] = state.status if state else "unreviewed"
            source["record"] = records.get(source["event_id"])
    else:
        flat["record"] = record
        _attach_articles(conn, [flat])
        flat["linked_id"] = linked_of(conn, event_id)
    return flat


def _event_records(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = conn.execute(f"SELECT id, record_json FROM events WHERE id IN ({marks})", ids)
    return {row["id"]: json.loads(row["record_json"]) for row in rows}


def linked_of(conn: sqlite3.Connection, event_id: str) -> str | None:
    row = conn.execute(
        "SELECT linked_event_id FROM linked_event_sources WHERE event_id = ?", (event_id,)
    ).fetchone()
    return row[0] if row else None


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The article's columns, its coded record and its events' review states."""
    row = conn.execute(
        "SELECT id, content_hash, title, published, url, source, text, coded_at, record_json"
        " FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    article = dict(row)
    article["record"] = json.loads(article.pop("record_json"))
    ids = [e.get("id") for e in article["record"].get("events") or [] if isinstance(e, dict)]
    states = reviews.review_states(conn, [i for i in ids if isinstance(i, str)])
    article["reviews"] = {i: s for i, s in states.items()}
    links = conn.execute(
        "SELECT event_id, linked_event_id FROM linked_event_sources WHERE article_id = ?",
        (article_id,),
    )
    article["links"] = {r[0]: r[1] for r in links}
    return article


def parse_date(value: str | None) -> str | None:
    """An ISO date from a URL, or None when empty; raises ValueError when malformed."""
    if not value:
        return None
    return dt.date.fromisoformat(value).isoformat()
