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

:class:`Store` is assembled from its parts: ``connection.py`` (opening, the
foreign-file checks, typed errors, the writer lock), ``writes.py`` (records in),
``reads.py`` (rows, records and search out) and ``links.py`` (linked events).
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from newscoder.errors import StoreError
from newscoder.store.connection import (
    _check_version,
    _connect,
    _has_table,
    check_store,
    store_error,
    writer_lock,
)
from newscoder.store.links import Links
from newscoder.store.migrations import migrate
from newscoder.store.reads import Reads
from newscoder.store.writes import Item, Record, Writes, text_hash

__all__ = ["Item", "Record", "Store", "check_store", "store_error", "text_hash", "writer_lock"]


class Store(Reads, Writes, Links):
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
