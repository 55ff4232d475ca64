"""Writing contract records: one article's record, events, quotes and entities
replace whatever its id had before, in one transaction; a record the store
cannot take is logged in the errors table, never lost silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newscoder.errors import DuplicateId, StoreError
from newscoder.store.connection import Connected, _is_damage

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


def text_hash(text: str) -> str:
    """The content hash the store keys re-runs on: sha256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Writes(Connected):
    """The Store's writes: upsert, upsert_many, delete."""

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
            if self._conn.in_transaction:  # not when it ended just before the error
                self._conn.execute("ROLLBACK")
            raise
        return stored

    def delete(self, article_id: str) -> None:
        """Remove an article (with its events, quotes, entities) and any error for it."""
        with self._transaction():
            self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._conn.execute("DELETE FROM errors WHERE id = ?", (article_id,))


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
