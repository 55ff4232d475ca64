"""The SQLite store: contract records in, flat rows and records out.

One writer per file (WAL lets readers run alongside it): a job that writes
(``run``, ``ingest``, linking) holds :func:`writer_lock`, a lock on
``<store>.lock`` that the system releases when the process ends, however it
ends. Readers never take it. A file that is not a newscoder store is refused
before anything is written to it; damage reported by SQLite becomes
:class:`~newscoder.errors.StoreDamaged`. A record is stored
whole in ``articles.record_json`` so :meth:`Store.records` gives back exactly
what was coded; the events, quotes and entities tables are flat copies for
querying and export. Each article id is in exactly one state: coded (a row in
``articles``) or failed (a row in ``errors``); the latest upsert wins.

Linked events (``linked_events``, ``linked_event_sources``, ``link_runs``) are
derived data written whole by :func:`newscoder.link.link_store`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from newscoder.errors import (
    DuplicateId,
    ForeignDatabase,
    StoreBusy,
    StoreDamaged,
    StoreError,
)
from newscoder.store.migrations import LATEST, MIGRATIONS, applied_versions, migrate

Record = Mapping[str, Any]
# upsert_many takes bare records or (record, text) / (record, text, content_hash).
Item = Record | tuple[Record, str | None] | tuple[Record, str | None, str | None]

_EVENT_COLUMNS = (
    "id", "article_id", "ordinal", "plover_type", "plover_mode", "acled_event_type",
    "acled_sub_event_type", "date", "date_precision", "date_text", "location_name", "admin1",
    "country", "country_code", "lat", "lon", "geo_precision", "actor1", "actor1_type",
    "actor1_country", "actor2", "actor2_type", "actor2_country", "fatalities", "injuries",
    "arrests", "status", "background", "confidence", "evidence_json", "record_json",
)  # fmt: skip
_QUOTE_COLUMNS = (
    "article_id", "ordinal", "text", "start", "end", "kind", "speaker", "speaker_role", "cue",
    "event_id", "record_json",
)  # fmt: skip
_ENTITY_COLUMNS = ("article_id", "ordinal", "text", "label", "start", "end", "canonical")
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


def text_hash(text: str) -> str:
    """The content hash the store keys re-runs on: sha256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """A newscoder SQLite database. Use as a context manager or call :meth:`close`.

    ``readonly=True`` opens without migrating or writing (for review/serve
    processes); it fails if the file is missing or older than this code.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.readonly = readonly
        # What the caller may want to tell the user (e.g. opened immutable).
        self.notes: list[str] = []
        self._conn = _connect(path, readonly=readonly, notes=self.notes)
        try:
            if readonly:
                _check_version(self._conn)
            else:
                migrate(self._conn)
        except sqlite3.Error as exc:
            self._conn.close()
            raise store_error(exc, path) from exc
        except StoreError:
            self._conn.close()
            raise
        self.fts = _has_table(self._conn, "articles_fts")

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Self:
        return cls(path, readonly=readonly)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for ad-hoc SQL; writes must go through the Store."""
        return self._conn

    # -- writing ---------------------------------------------------------------

    def upsert(
        self, record: Record, *, text: str | None = None, content_hash: str | None = None
    ) -> None:
        """Store one contract or error record, replacing whatever the id had before.

        Raises :class:`StoreError` for a record that is not a contract record.
        """
        with self._transaction():
            _write(self._conn, record, text, content_hash)

    def upsert_many(self, records: Iterable[Item], batch_size: int = 100) -> int:
        """Store many records, committing every ``batch_size``; return how many were coded.

        A record the store cannot take does not stop the batch: it is rolled
        back alone and logged in the errors table (code E301, source "store").
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        stored = 0
        pending = 0
        self._begin()
        try:
            for item in records:
                record, text, content_hash = _unpack(item)
                self._conn.execute("SAVEPOINT item")
                try:
                    _write(self._conn, record, text, content_hash)
                    stored += "error" not in record
                except (StoreError, sqlite3.Error, TypeError, ValueError) as exc:
                    if isinstance(exc, sqlite3.Error) and _is_damage(exc):
                        raise
                    self._conn.execute("ROLLBACK TO item")
                    _write_store_failure(self._conn, record, exc)
                self._conn.execute("RELEASE item")
                pending += 1
                if pending >= batch_size:
                    self._conn.execute("COMMIT")
                    self._begin()
                    pending = 0
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return stored

    def delete(self, article_id: str) -> None:
        """Remove an article (with its events, quotes, entities) and any error for it."""
        with self._transaction():
            self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._conn.execute("DELETE FROM errors WHERE id = ?", (article_id,))

    # -- reading ---------------------------------------------------------------

    def has(
        self,
        article_id: str,
        content_hash: str | None = None,
        metadata: Mapping[str, str | None] | None = None,
    ) -> bool:
        """True when the article is stored as coded (and, if given, with this hash and
        these ``title`` / ``published`` / ``url`` / ``source`` values).

        A failed article (only in ``errors``) is not "done": a resumed run retries it.
        """
        row = self._conn.execute(
            "SELECT content_hash, title, published, url, source FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return False
        if content_hash is not None and row["content_hash"] != content_hash:
            return False
        return all(row[k] == _str(v) for k, v in (metadata or {}).items() if k in _META_COLUMNS)

    def stored_articles(self) -> Iterator[dict[str, Any]]:
        """Every coded article's input as stored (``id``, ``text``, ``title``,
        ``published``, ``url``, ``source``, ``author``), in storage order: what
        ``run --recode`` codes again. Ids are read first, so re-storing is safe."""
        ids = [row[0] for row in self._conn.execute("SELECT id FROM articles ORDER BY rowid")]
        query = (
            "SELECT id, text, title, published, url, source, record_json FROM articles WHERE id = ?"
        )
        for article_id in ids:
            row = self._conn.execute(query, (article_id,)).fetchone()
            if row is None:  # deleted meanwhile
                continue
            out = dict(row)
            try:
                meta = json.loads(out.pop("record_json")).get("article") or {}
            except (ValueError, AttributeError):
                meta = {}
            out["author"] = meta.get("author") if isinstance(meta, dict) else None
            yield out

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The article's columns (with ``text``), or None."""
        row = self._conn.execute(
            "SELECT id, content_hash, title, published, url, source, text, coded_at "
            "FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return dict(row) if row is not None else None

    def iter_events(
        self,
        *,
        country: str | None = None,
        event_type: str | None = None,
        article: str | None = None,
        record: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Flat event rows, ordered by article id then ordinal; see :meth:`events`.

        ``record=True`` adds ``record``: the contract event as coded (with its reasons).
        """
        where, params = _event_filter(country, event_type, article)
        query = (
            "SELECT e.*, a.source AS article_source, a.url AS article_url, "
            "a.published AS article_published, a.title AS article_title "
            "FROM events e JOIN articles a ON a.id = e.article_id"
            f"{where} ORDER BY e.article_id, e.ordinal"
        )
        for row in self._conn.execute(query, params):
            out = _event_row(row)
            if record:
                out["record"] = json.loads(row["record_json"])
            yield out

    def events(
        self,
        limit: int | None = None,
        country: str | None = None,
        event_type: str | None = None,
        article: str | None = None,
    ) -> list[dict[str, Any]]:
        """Flat event rows: the events columns (``evidence`` parsed, ``background``
        a bool, no ``record_json``) plus ``article_source/url/published/title``.

        ``country`` matches an ISO alpha-2 code or a country name (any case);
        ``event_type`` matches an ACLED event type or a PLOVER type; ``article``
        keeps one article's events.
        """
        rows = self.iter_events(country=country, event_type=event_type, article=article)
        return list(islice(rows, limit))

    def quotes(self, limit: int | None = None, article: str | None = None) -> list[dict[str, Any]]:
        """Flat quote rows ordered by article id then ordinal."""
        columns = ", ".join(f'"{c}"' for c in _QUOTE_COLUMNS if c != "record_json")
        where = " WHERE article_id = ?" if article else ""
        query = f"SELECT {columns} FROM quotes{where} ORDER BY article_id, ordinal"
        return _limited(self._conn, query, (article,) if article else (), limit)

    def entities(self, limit: int | None = None) -> list[dict[str, Any]]:
        columns = ", ".join(f'"{c}"' for c in _ENTITY_COLUMNS)
        query = f"SELECT {columns} FROM entities ORDER BY article_id, ordinal"
        return _limited(self._conn, query, (), limit)

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

    def errors(self) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT id, code, message, source, created_at FROM errors ORDER BY created_at, id"
        )
        return [dict(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Row counts: articles, events, quotes, entities, errors."""
        tables = ("articles", "events", "quotes", "entities", "errors")
        return {t: self._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def records(self, *, errors: bool = False) -> Iterator[dict[str, Any]]:
        """The stored contract records, in storage order (a replaced article moves
        to the end); with ``errors=True`` the error records follow them."""
        for (record_json,) in self._conn.execute("SELECT record_json FROM articles ORDER BY rowid"):
            yield json.loads(record_json)
        if errors:
            for row in self.errors():
                yield {"id": row["id"], "error": {"code": row["code"], "message": row["message"]}}

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose title or text contain every word of ``query``.

        Uses FTS5 (ranked, with a snippet) when available, else a LIKE scan.
        Words are matched literally: FTS operators in ``query`` are not interpreted.
        """
        # NUL ends a string inside the FTS query parser: treat it as a space.
        words = (_clean(query) or "").replace("\x00", " ").split()
        if not words:
            return []
        if self.fts:
            match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            sql = (
                "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
            )
            return [dict(row) for row in self._conn.execute(sql, (match, limit))]
        clauses = " AND ".join(
            "(coalesce(title, '') || ' ' || coalesce(text, '')) LIKE ? ESCAPE '\\'" for _ in words
        )
        params = [f"%{_like_escape(w)}%" for w in words]
        sql = f"SELECT id, title, NULL AS snippet FROM articles WHERE {clauses} LIMIT ?"
        return [dict(row) for row in self._conn.execute(sql, (*params, limit))]

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

    def migrations(self) -> list[dict[str, Any]]:
        rows = self._conn.execute("SELECT * FROM migrations ORDER BY version")
        return [dict(row) for row in rows]

    # -- transactions ----------------------------------------------------------

    def _begin(self) -> None:
        if self.readonly:
            raise StoreError("this store was opened read-only", fix="Open it without readonly.")
        self._conn.execute("BEGIN IMMEDIATE")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._begin()
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")


# -- connection ----------------------------------------------------------------


def _connect(path: str | Path, *, readonly: bool, notes: list[str]) -> sqlite3.Connection:
    conn: sqlite3.Connection | None = None
    try:
        if readonly:
            conn = _connect_readonly(Path(path), notes)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 5000")
        # Before the first write: a file that is not a newscoder store is left untouched.
        _check_ours(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # With WAL, NORMAL is durable across application crashes and much faster.
            conn.execute("PRAGMA synchronous = NORMAL")
    except (sqlite3.Error, StoreError) as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, StoreError):
            raise
        raise store_error(exc, path, opening=True) from exc
    return conn


def _connect_readonly(path: Path, notes: list[str]) -> sqlite3.Connection:
    """``mode=ro``; where that cannot work (a WAL store in a folder this process may
    not write: SQLite needs its shared-memory file), ``immutable=1``."""
    if not path.is_file():
        raise StoreError(f"no database at {path}.", fix="Check --db, or create it with `run`.")
    uri = path.resolve().as_uri()
    conn = None
    try:
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        if os.access(path.parent, os.W_OK) and "readonly" not in str(exc):
            raise
    conn = sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None)
    wal = Path(f"{path}-wal")
    unseen = wal.stat().st_size if wal.exists() else 0
    notes.append(
        f"{path.parent} is read-only: the store was opened immutable"
        + (f"; {unseen:,} bytes of recent writes in {wal.name} are not visible" if unseen else "")
    )
    return conn


# The tables and migrations that make a file a newscoder store.
_OWN_TABLES = {"migrations", "articles", "events", "quotes", "entities", "errors"}
_MIGRATION_COLUMNS = ("version", "name", "applied_at", "note")


def _check_ours(conn: sqlite3.Connection, path: str | Path) -> None:
    """Raise :class:`ForeignDatabase` unless the file is empty or a newscoder store."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return
    foreign = f"{path} is an SQLite database but not a newscoder store"
    shown = ", ".join(sorted(tables)[:6]) + (", ..." if len(tables) > 6 else "")
    if "migrations" not in tables:
        raise ForeignDatabase(f"{foreign} (its tables: {shown}); it was not changed.")
    columns = tuple(row[1] for row in conn.execute("PRAGMA table_info(migrations)"))
    if columns != _MIGRATION_COLUMNS:
        raise ForeignDatabase(f"{foreign} (its migrations table is another tool's); unchanged.")
    names = dict(conn.execute("SELECT version, name FROM migrations").fetchall())
    if tables == {"migrations"} and not names:
        return  # a store whose creation stopped before its first migration
    if not tables >= _OWN_TABLES:
        raise ForeignDatabase(f"{foreign} (its tables: {shown}); it was not changed.")
    if names.get(1) != MIGRATIONS[0].name:
        raise ForeignDatabase(f"{foreign} (its migrations table is another tool's); unchanged.")
    newer = [v for v in names if isinstance(v, int) and v > LATEST]
    if newer:
        raise StoreError(
            f"{path} was written by a newer newscoder (schema {max(newer)}, this one knows "
            f"{LATEST}).",
            fix="Upgrade newscoder (pip install -U newscoder) to use this store.",
        )


# SQLite's words for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR).
_DAMAGE = (
    "malformed", "not a database", "disk i/o error", "corrupt", "file is encrypted",
    "could not decode",
)  # fmt: skip


def _is_damage(exc: sqlite3.Error) -> bool:
    return any(word in str(exc).lower() for word in _DAMAGE)


def store_error(exc: sqlite3.Error, path: object, *, opening: bool = False) -> StoreError:
    """The typed error for an SQLite failure on the store at ``path``."""
    message = str(exc)
    low = message.lower()
    if _is_damage(exc):
        if opening and "not a database" in low:
            return ForeignDatabase(f"{path} is not an SQLite database ({message}); unchanged.")
        return StoreDamaged(f"{path} is damaged: SQLite says {message!r}.")
    if "locked" in low or "busy" in low:
        return StoreBusy(f"{path} is busy: another process holds a write lock ({message}).")
    if "readonly" in low or "read-only" in low:
        return StoreError(
            f"{path} cannot be written: {message}.",
            fix="Use a --db in a folder you can write to; reading commands (events, stats, "
            "export) work on a read-only store.",
        )
    if "unable to open" in low:
        return StoreError(f"cannot open {path}: {message}.")
    return StoreError(f"{path}: {message}.")


def _translated(method: Callable[..., Any]) -> Callable[..., Any]:
    """Turn SQLite errors raised inside a Store method into typed StoreErrors."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self: Store, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise store_error(exc, self.path or ":memory:") from exc

        return generator

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path or ":memory:") from exc

    return wrapper


for _name in (
    "upsert", "upsert_many", "delete", "has", "stored_articles", "article", "iter_events",
    "events", "quotes", "entities", "iter_linked_events", "linked_events", "link_status",
    "errors", "counts", "records", "search", "replace_links", "migrations",
):  # fmt: skip
    setattr(Store, _name, _translated(getattr(Store, _name)))


def check_store(path: str | Path) -> None:
    """Refuse (:class:`ForeignDatabase`, :class:`StoreDamaged`) a file at ``path`` that is
    not a newscoder store, reading it only: call before anything is created beside it."""
    target = Path(path)
    if str(path) == ":memory:" or not target.is_file() or target.stat().st_size == 0:
        return
    _connect(target, readonly=True, notes=[]).close()


# -- one writer ----------------------------------------------------------------

_HELD: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth), for this process


@contextmanager
def writer_lock(
    path: str | Path | None,
    *,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    poll: float = 0.5,
) -> Iterator[None]:
    """Hold the store's writer lock (``<path>.lock``, ``flock``) for a whole job.

    One ``run`` or ``ingest`` writes a store at a time: a second one waits (calling
    ``on_wait`` once with a message naming the holder) or, with ``wait=False``,
    raises :class:`StoreBusy`. The system drops the lock when the holder exits,
    even by ``kill -9``. Readers never take it. Re-entrant within a process.
    """
    if path is None or str(path) == ":memory:":
        yield
        return
    import fcntl

    lock = str(Path(path).resolve()) + ".lock"
    if lock in _HELD:
        fd, depth = _HELD[lock]
        _HELD[lock] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _HELD[lock]
            _HELD[lock] = (fd, depth - 1)
        return
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(
            f"cannot create the writer lock {lock}: {exc.strerror or exc}.",
            fix="Use a --db in a folder you can write to.",
        ) from exc
    try:
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                message = f"another newscoder job{holder} is writing to {path}"
                if not wait:
                    raise StoreBusy(message + ".") from None
                if on_wait is not None and not told:
                    on_wait(message + "; waiting for it to finish (Ctrl-C to stop)")
                    told = True
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        _HELD[lock] = (fd, 1)
        try:
            yield
        finally:
            del _HELD[lock]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        pid, _, host = os.pread(fd, 200, 0).decode("utf-8", "replace").strip().partition(" ")
    except OSError:
        return ""
    if not pid.isdigit():
        return ""
    return f" (pid {pid}" + (f" on {host}" if host and host != socket.gethostname() else "") + ")"


def _check_version(conn: sqlite3.Connection) -> None:
    versions = applied_versions(conn)
    if not versions or max(versions) < LATEST:
        raise StoreError(
            "the database is missing or from an older newscoder; it needs migrating",
            fix="Open it once for writing (without readonly) to migrate it.",
        )


_META_COLUMNS = ("title", "published", "url", "source")


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


# -- writing records -----------------------------------------------------------


def _unpack(item: Item) -> tuple[Record, str | None, str | None]:
    if isinstance(item, tuple):
        record, text, *rest = item
        return record, text, rest[0] if rest else None
    return item, None, None


def _write(
    conn: sqlite3.Connection, record: Record, text: str | None, content_hash: str | None
) -> None:
    if not isinstance(record, Mapping):
        raise StoreError(f"a record must be a JSON object, not {type(record).__name__}")
    if "error" in record:
        _write_error(conn, record)
        return
    article_id = record.get("id")
    if not isinstance(article_id, str) or not article_id:
        raise StoreError(f"a record needs a non-empty string id, got {article_id!r}")
    article = _obj(record.get("article"))
    if content_hash is None:
        content_hash = article.get("content_hash") or (text_hash(text) if text else None)
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    conn.execute("DELETE FROM errors WHERE id = ?", (article_id,))
    conn.execute(
        "INSERT INTO articles (id, content_hash, title, published, url, source, text, coded_at,"
        " record_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            content_hash,
            _str(article.get("title")),
            _str(article.get("published")),
            _str(article.get("url")),
            _str(article.get("source")),
            _clean(text),
            _now(),
            _dumps(record),
        ),
    )
    for table, columns, rows in (
        ("events", _EVENT_COLUMNS, _event_rows(article_id, record.get("events"))),
        ("quotes", _QUOTE_COLUMNS, _quote_rows(article_id, record.get("quotes"))),
        ("entities", _ENTITY_COLUMNS, _entity_rows(article_id, record.get("entities"))),
    ):
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        try:
            conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"record {article_id!r}: {table} clash ({exc})") from exc


def _write_error(conn: sqlite3.Connection, record: Record) -> None:
    error = _obj(record.get("error"))
    article_id = record.get("id")
    if not isinstance(article_id, str) or not article_id:
        # Bad input lines may have no id; key them on their content so a re-run replaces them.
        article_id = "unknown:" + text_hash(_dumps(record))[:16]
    if error.get("code") != DuplicateId.code:
        # A duplicate id's error leaves the first record with that id where it is.
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    conn.execute(
        "INSERT OR REPLACE INTO errors (id, code, message, source, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            article_id,
            _str(error.get("code")),
            _str(error.get("message")),
            _str(record.get("source") or error.get("source")),
            _now(),
        ),
    )


def _write_store_failure(conn: sqlite3.Connection, record: Any, exc: Exception) -> None:
    article_id = record.get("id") if isinstance(record, Mapping) else None
    failure = {
        "id": article_id if isinstance(article_id, str) and article_id else None,
        "error": {"code": StoreError.code, "message": f"not stored: {exc}"},
        "source": "store",
    }
    _write_error(conn, failure)


def _event_rows(article_id: str, events: Any) -> Iterator[tuple[Any, ...]]:
    for ordinal, event in enumerate(_list(events)):
        e = _obj(event)
        plover, acled = _obj(e.get("plover")), _obj(e.get("acled"))
        date, loc = _obj(e.get("date")), _obj(e.get("location"))
        a1, a2 = _obj(e.get("actor1")), _obj(e.get("actor2"))
        evidence = e.get("evidence")
        background = e.get("background")
        yield (
            _str(e.get("id")) or f"{article_id}:e{ordinal + 1}",
            article_id,
            ordinal,
            _str(plover.get("type")),
            _str(plover.get("mode")),
            _str(acled.get("event_type")),
            _str(acled.get("sub_event_type")),
            _str(date.get("value")),
            _str(date.get("precision")),
            _str(date.get("text")),
            _str(loc.get("name")),
            _str(loc.get("admin1")),
            _str(loc.get("country")),
            _str(loc.get("country_code")),
            _num(loc.get("lat")),
            _num(loc.get("lon")),
            _num(loc.get("geo_precision")),
            _str(a1.get("name")),
            _str(a1.get("type")),
            _str(a1.get("country_code")),
            _str(a2.get("name")),
            _str(a2.get("type")),
            _str(a2.get("country_code")),
            _num(e.get("fatalities")),
            _num(e.get("injuries")),
            _num(e.get("arrests")),
            _str(e.get("status")),
            None if background is None else int(bool(background)),
            _num(e.get("confidence")),
            None if evidence is None else _dumps(evidence),
            _dumps(e),
        )


def _quote_rows(article_id: str, quotes: Any) -> Iterator[tuple[Any, ...]]:
    for ordinal, quote in enumerate(_list(quotes)):
        q = _obj(quote)
        speaker, cue = _obj(q.get("speaker")), _obj(q.get("cue"))
        event_id = q.get("event_id", q.get("event"))
        yield (
            article_id,
            ordinal,
            _str(q.get("text")),
            _num(q.get("start")),
            _num(q.get("end")),
            _str(q.get("kind")),
            _str(speaker.get("name")),
            _str(speaker.get("role")),
            _str(cue.get("text")),
            _str(event_id) if isinstance(event_id, str) else None,
            _dumps(q),
        )


def _entity_rows(article_id: str, entities: Any) -> Iterator[tuple[Any, ...]]:
    for ordinal, entity in enumerate(_list(entities)):
        n = _obj(entity)
        yield (
            article_id,
            ordinal,
            _str(n.get("text")),
            _str(n.get("label")),
            _num(n.get("start")),
            _num(n.get("end")),
            _str(n.get("canonical")),
        )


# -- reading rows --------------------------------------------------------------


def _event_filter(
    country: str | None, event_type: str | None, article: str | None = None, alias: str = "e"
) -> tuple[str, list[str]]:
    clauses: list[str] = []
    params: list[str] = []
    if article:
        clauses.append(f"{alias}.article_id = ?")
        params.append(article)
    if country:
        if len(country) == 2 and country.isalpha():
            clauses.append(f"{alias}.country_code = ?")
            params.append(country.upper())
        else:
            clauses.append(f"{alias}.country = ? COLLATE NOCASE")
            params.append(country)
    if event_type:
        clauses.append(f"({alias}.acled_event_type = ? COLLATE NOCASE OR {alias}.plover_type = ?)")
        params += [event_type, event_type.upper()]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _source_row(linked_id: str, ordinal: int, source: Mapping[str, Any]) -> tuple[Any, ...]:
    values = {**source, "linked_event_id": linked_id, "ordinal": ordinal}
    reported = values.get("fatalities_reported")
    values["fatalities_reported"] = None if reported is None else int(bool(reported))
    return tuple(values.get(c) for c in _SOURCE_COLUMNS)


def _event_row(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out.pop("record_json", None)
    evidence = out.pop("evidence_json", None)
    out["evidence"] = json.loads(evidence) if evidence is not None else None
    if out["background"] is not None:
        out["background"] = bool(out["background"])
    return out


def _limited(
    conn: sqlite3.Connection, query: str, params: tuple[Any, ...], limit: int | None
) -> list[dict[str, Any]]:
    if limit is not None:
        query, params = f"{query} LIMIT ?", (*params, limit)
    return [dict(row) for row in conn.execute(query, params)]


# -- value helpers: contract fields may be null or the wrong shape -------------


def _obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list | tuple) else []


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return _clean(value if isinstance(value, str) else str(value))


def _num(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _clean(text: str | None) -> str | None:
    """SQLite text must be valid UTF-8: a lone surrogate becomes "?" (one code
    point for one, so offsets into the text still hold)."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _dumps(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode().decode()
    except UnicodeEncodeError:
        # Lone surrogates: \u escapes keep them exact in the stored JSON.
        return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
