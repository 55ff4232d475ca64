"""Schema migrations for the SQLite store, recorded in the ``migrations`` table.

Each migration has a number, a name and a function that takes the connection.
:func:`migrate` applies, in order, every migration whose number is not yet in
the table, each in its own transaction together with its bookkeeping row, so a
crash leaves the database at a well-defined version and re-running is harmless.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    note TEXT
)
"""

_V1_TABLES = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT,
        title TEXT,
        published TEXT,
        url TEXT,
        source TEXT,
        text TEXT,
        coded_at TEXT NOT NULL,
        record_json TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        plover_type TEXT,
        plover_mode TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        date TEXT,
        date_precision TEXT,
        date_text TEXT,
        location_name TEXT,
        admin1 TEXT,
        country TEXT,
        country_code TEXT,
        lat REAL,
        lon REAL,
        geo_precision INTEGER,
        actor1 TEXT,
        actor1_type TEXT,
        actor1_country TEXT,
        actor2 TEXT,
        actor2_type TEXT,
        actor2_country TEXT,
        fatalities INTEGER,
        injuries INTEGER,
        arrests INTEGER,
        status TEXT,
        background INTEGER,
        confidence REAL,
        evidence_json TEXT,
        record_json TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        text TEXT,
        "start" INTEGER,
        "end" INTEGER,
        kind TEXT,
        speaker TEXT,
        speaker_role TEXT,
        cue TEXT,
        event_id TEXT,
        record_json TEXT NOT NULL,
        PRIMARY KEY (article_id, ordinal)
    )
    """,
    """
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        text TEXT,
        label TEXT,
        "start" INTEGER,
        "end" INTEGER,
        canonical TEXT,
        PRIMARY KEY (article_id, ordinal)
    )
    """,
    """
    CREATE TABLE errors (
        id TEXT PRIMARY KEY,
        code TEXT,
        message TEXT,
        source TEXT,
        created_at TEXT NOT NULL
    )
    """,
)

_V2_INDICES = (
    # (article_id, ordinal) also serves every lookup by article_id alone.
    "CREATE INDEX IF NOT EXISTS idx_events_article ON events(article_id, ordinal)",
    "CREATE INDEX IF NOT EXISTS idx_events_date ON events(date)",
    "CREATE INDEX IF NOT EXISTS idx_events_country_code ON events(country_code)",
    "CREATE INDEX IF NOT EXISTS idx_articles_content_hash ON articles(content_hash)",
)

# External-content FTS table: the text is stored once (in articles) and the
# triggers keep the index in step with every insert, delete and update.
_V3_FTS = (
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    )
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END
    """,
    # Articles stored before this migration ran must be indexed too.
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)


# Linked events are derived data: link_store() rewrites all three tables at once.
# No foreign key to events: an article deleted or re-coded after linking leaves
# the links as they were computed until the next link run (link_runs says when).
_V4_LINKS = (
    """
    CREATE TABLE linked_events (
        id TEXT PRIMARY KEY,
        plover_type TEXT,
        plover_mode TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        date TEXT,
        date_precision TEXT,
        location_name TEXT,
        admin1 TEXT,
        country TEXT,
        country_code TEXT,
        lat REAL,
        lon REAL,
        geo_precision INTEGER,
        actor1 TEXT,
        actor1_type TEXT,
        actor2 TEXT,
        actor2_type TEXT,
        fatalities INTEGER,
        injuries INTEGER,
        arrests INTEGER,
        status TEXT,
        background INTEGER,
        confidence REAL,
        n_sources INTEGER NOT NULL,
        reason TEXT
    )
    """,
    """
    CREATE TABLE linked_event_sources (
        linked_event_id TEXT NOT NULL REFERENCES linked_events(id) ON DELETE CASCADE,
        event_id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        fatalities INTEGER,
        injuries INTEGER,
        arrests INTEGER,
        fatalities_reported INTEGER,
        date TEXT,
        location_name TEXT,
        article_source TEXT,
        article_url TEXT,
        published TEXT,
        reason TEXT
    )
    """,
    """
    CREATE TABLE link_runs (
        id INTEGER PRIMARY KEY,
        linked_at TEXT NOT NULL,
        events INTEGER NOT NULL,
        linked_events INTEGER NOT NULL,
        rules_json TEXT
    )
    """,
    "CREATE INDEX idx_linked_sources_linked ON linked_event_sources(linked_event_id, ordinal)",
    "CREATE INDEX idx_linked_sources_article ON linked_event_sources(article_id)",
    "CREATE INDEX idx_linked_events_country_date ON linked_events(country_code, date)",
)


# Review state (one row per reviewed event, replaced on each review) and the audit
# log it is derived from. The audit is append-only: triggers refuse UPDATE and
# DELETE, and (event_id, version) is unique, so two reviewers who both read
# version N cannot both write N + 1. No foreign keys: a review outlives the
# coding (an article re-coded, a linked event re-linked under a new id) and keeps
# its own snapshot of what was reviewed.
_V5_REVIEWS = (
    """
    CREATE TABLE reviews (
        event_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('report', 'linked')),
        article_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'edited', 'rejected')),
        version INTEGER NOT NULL,
        reviewer TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        note TEXT,
        coded_json TEXT NOT NULL,
        values_json TEXT NOT NULL,
        changed_json TEXT NOT NULL,
        source_ids_json TEXT,
        content_hash TEXT
    )
    """,
    "CREATE INDEX idx_reviews_status ON reviews(status)",
    "CREATE INDEX idx_reviews_article ON reviews(article_id)",
    """
    CREATE TABLE review_audit (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        version INTEGER NOT NULL,
        action TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        before_json TEXT NOT NULL,
        after_json TEXT NOT NULL,
        note TEXT,
        UNIQUE (event_id, version)
    )
    """,
    """
    CREATE TRIGGER review_audit_no_update BEFORE UPDATE ON review_audit BEGIN
        SELECT RAISE(ABORT, 'review_audit is append-only');
    END
    """,
    """
    CREATE TRIGGER review_audit_no_delete BEFORE DELETE ON review_audit BEGIN
        SELECT RAISE(ABORT, 'review_audit is append-only');
    END
    """,
    # The review app pages through events sorted by date or fatalities (the id
    # breaks ties) and filters them by type, country and date; with the id in
    # each index, a filtered page is sorted without reading the rows.
    "CREATE INDEX idx_events_date_id ON events(date, id)",
    "CREATE INDEX idx_events_fatalities_id ON events(fatalities, id)",
    "CREATE INDEX idx_events_type_date_id ON events(acled_event_type, date, id)",
    "CREATE INDEX idx_events_plover_date_id ON events(plover_type, date, id)",
    "CREATE INDEX idx_events_country_date_id ON events(country_code, date, id)",
    "CREATE INDEX idx_linked_events_date_id ON linked_events(date, id)",
    "CREATE INDEX idx_linked_events_fatalities_id ON linked_events(fatalities, id)",
    "CREATE INDEX idx_linked_events_type_date_id ON linked_events(acled_event_type, date, id)",
    "CREATE INDEX idx_linked_events_plover_date_id ON linked_events(plover_type, date, id)",
    "CREATE INDEX idx_linked_events_country_date_id ON linked_events(country_code, date, id)",
    # A word search finds articles, then their linked events, from this index alone.
    "CREATE INDEX idx_linked_sources_article_linked"
    " ON linked_event_sources(article_id, linked_event_id)",
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], str | None]  # returns an optional note


def _run(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], str | None]:
    def apply(conn: sqlite3.Connection) -> str | None:
        for statement in statements:
            conn.execute(statement)
        return None

    return apply


def fts5_available(conn: sqlite3.Connection) -> bool:
    """True when this SQLite build has the FTS5 extension compiled in."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp._fts5_probe")
    return True


def _add_fts(conn: sqlite3.Connection) -> str | None:
    # Recorded as applied even without FTS5 so the version stays linear; search
    # then falls back to LIKE. Rebuilding the index later is a new migration.
    if not fts5_available(conn):
        return "skipped: this SQLite build has no FTS5"
    _run(_V3_FTS)(conn)
    return None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables", _run(_V1_TABLES)),
    Migration(2, "event indices", _run(_V2_INDICES)),
    Migration(3, "article full-text search", _add_fts),
    Migration(4, "linked events", _run(_V4_LINKS)),
    Migration(5, "reviews and their audit log", _run(_V5_REVIEWS)),
)

LATEST = MIGRATIONS[-1].version


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """Versions recorded in the ``migrations`` table (empty for a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    if exists is None:
        return set()
    return {row[0] for row in conn.execute("SELECT version FROM migrations")}


def migrate(conn: sqlite3.Connection, *, target: int | None = None) -> list[int]:
    """Apply pending migrations up to ``target`` (default: all); return those applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each
    migration runs in its own ``BEGIN IMMEDIATE`` transaction, which also stops
    two processes migrating the same file at once.
    """
    conn.execute(MIGRATIONS_TABLE)
    done: list[int] = []
    for migration in MIGRATIONS:
        if target is not None and migration.version > target:
            break
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Checked inside the lock: another process may have just applied it.
            if migration.version in applied_versions(conn):
                conn.execute("ROLLBACK")
                continue
            note = migration.apply(conn)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at, note) VALUES (?, ?, ?, ?)",
                (migration.version, migration.name, _now(), note),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done.append(migration.version)
    return done


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
