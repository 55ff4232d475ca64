"""Opening a store: the connection, the checks that refuse a file that is not a
newscoder store, SQLite's errors as typed ones, and the one-writer lock.

Every part of :class:`~newscoder.store.db.Store` shares :class:`Connected`: the open
connection and its transactions.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from newscoder.errors import ForeignDatabase, StoreBusy, StoreDamaged, StoreError
from newscoder.store.migrations import LATEST, MIGRATIONS, applied_versions


class Connected:
    """What the parts of a Store share: its open connection and its transactions."""

    path: Path | None
    readonly: bool
    fts: bool
    _conn: sqlite3.Connection

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
    uri, note = readonly_uri(path)
    if note:
        notes.append(note)
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def readonly_uri(path: Path) -> tuple[str, str | None]:
    """The URI to read the store at ``path`` with, and a note for the user or None.

    ``mode=ro``; where that cannot work (a WAL store in a folder this process may
    not write: SQLite needs its shared-memory file), ``immutable=1``."""
    if not path.is_file():
        raise StoreError(f"no database at {path}.", fix="Check --db, or create it with `run`.")
    uri = path.resolve().as_uri()
    try:
        with closing(sqlite3.connect(uri + "?mode=ro", uri=True)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return uri + "?mode=ro", None
    except sqlite3.OperationalError as exc:
        if os.access(path.parent, os.W_OK) and "readonly" not in str(exc):
            raise
    wal = Path(f"{path}-wal")
    unseen = wal.stat().st_size if wal.exists() else 0
    return uri + "?immutable=1", (
        f"{path.parent} is read-only: the store was opened immutable"
        + (f"; {unseen:,} bytes of recent writes in {wal.name} are not visible" if unseen else "")
    )


def write_refusal(path: Path) -> str | None:
    """Why the store at ``path`` cannot be written (SQLite's words), or None when it can
    or when that cannot be told now (another process holds the write lock).

    SQLite opens a file it may not write read-only without a word, and in WAL mode
    even ``BEGIN IMMEDIATE`` passes: only a write statement tells. This one changes
    no row and is rolled back."""
    try:
        with closing(sqlite3.connect(str(path), timeout=1, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE migrations SET note = note WHERE 0")
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        low = str(exc).lower()
        if "readonly" in low or "read-only" in low or "unable to open" in low:
            return str(exc)
    except sqlite3.Error:
        pass  # damaged or foreign: opening the store says so, with its own code
    return None


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
def interrupt_after() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) that arrives inside the block until the block ends, then
    raise it: a chunk is committed and counted whole, never committed and left out of
    the count, and the rollback never meets a transaction that has just ended. Does
    nothing off the main thread or when SIGINT is not Python's to handle (ignored by
    a background job, say)."""
    current = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or not callable(current):
        yield
        return
    held: list[int] = []
    signal.signal(signal.SIGINT, lambda number, _frame: held.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, current)
    if held:
        raise KeyboardInterrupt


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


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None
