"""Reading the store: articles, flat event, quote and entity rows, contract records,
full-text search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

from newscoder.store.connection import Connected
from newscoder.store.writes import (
    _ENTITY_COLUMNS,
    _QUOTE_COLUMNS,
    _clean,
    _str,
)

_META_COLUMNS = ("title", "published", "url", "source")


class Reads(Connected):
    """The Store's reads of coded articles; linked events are read by ``Links``."""

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

    def migrations(self) -> list[dict[str, Any]]:
        rows = self._conn.execute("SELECT * FROM migrations ORDER BY version")
        return [dict(row) for row in rows]


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


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
