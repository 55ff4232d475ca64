"""``newscoder events``, ``quotes``, ``stats`` and ``export``: reading a store, read-only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from newscoder.commands.common import (
    at_least,
    cell,
    markup,
    num,
    reading,
    table_console,
    writable_file,
)
from newscoder.errors import UsageError

EXPORT_FORMATS = ("acled-csv", "jsonl", "plover-jsonl", "parquet")

# -- events and quotes -----------------------------------------------------------------


def events_command(
    db: Path,
    limit: int | None,
    country: str | None,
    article: str | None,
    linked: bool,
    min_sources: int,
    *,
    err: Console,
) -> None:
    """Print the stored events (or the linked events) as a table."""
    at_least("--limit", limit, 0)
    at_least("--min-sources", min_sources, 1)
    with reading(db, err) as store:
        if linked:
            _linked_table(store, db, limit, country, min_sources)
            return
        rows = store.events(limit=limit, country=country, article=article)
    table = Table(title=cell(f"events in {db}" + (f" from {article}" if article else "")))
    for col in ("id", "date", "plover", "acled sub-event", "place", "actor1", "actor2", "k", "i"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            cell(r["id"]),
            cell(_date(r)),
            cell(r.get("plover_type")),
            cell(r.get("acled_sub_event_type") or "-"),
            cell(_place(r)),
            cell(r.get("actor1")),
            cell(r.get("actor2")),
            num(r.get("fatalities")),
            num(r.get("injuries")),
        )
    table_console().print(table)
    table_console().print(
        f"{len(rows)} events; k = killed, i = injured; '-' = no ACLED type (a statement)"
    )


def _linked_table(store, db: Path, limit: int | None, country: str | None, min_sources: int):  # type: ignore[no-untyped-def]
    status = store.link_status()
    if status["linked_at"] is None:
        raise UsageError(f"{db} has no links yet.", fix=f"Run `newscoder run INPUT --db {db}`.")
    rows = store.linked_events(limit=limit, country=country, min_sources=min_sources)
    title = f"linked events in {db}" + (
        f" (at least {min_sources} reports)" if min_sources > 1 else ""
    )
    table = Table(title=cell(title))
    for col in ("date", "acled sub-event / plover", "place", "actor1", "actor2", "k", "reports"):
        table.add_column(col, overflow="fold")
    for r in rows:
        sources = r.get("sources") or []
        figures = ", ".join(
            f"{s.get('article_id')}" + (f" k={s['fatalities']}" if s.get("fatalities") else "")
            for s in sources
        )
        table.add_row(
            cell(_date(r)),
            cell(r.get("acled_sub_event_type") or r.get("plover_type")),
            cell(_place(r)),
            cell(r.get("actor1")),
            cell(r.get("actor2")),
            num(r.get("fatalities")),
            cell(f"{r.get('n_sources')}: {figures}"),
        )
    console = table_console()
    console.print(table)
    console.print(
        f"{len(rows)} linked events; k = killed (lowest figure across reports)"
        + (
            "; [yellow]articles were stored since the last link run[/yellow]"
            if status["stale"]
            else ""
        )
    )


def _date(r: dict) -> str:
    return f"{r.get('date') or '?'}" + (
        f" ({r['date_precision']})" if r.get("date_precision") else ""
    )


def _place(r: dict) -> str:
    return ", ".join(x for x in (r.get("location_name"), r.get("country_code")) if x)


def quotes_command(db: Path, limit: int | None, article: str | None, *, err: Console) -> None:
    """Print the stored quotes with their speakers."""
    at_least("--limit", limit, 0)
    with reading(db, err) as store:
        rows = store.quotes(limit=limit, article=article)
    table = Table(title=cell(f"quotes in {db}" + (f" from {article}" if article else "")))
    for col in ("article", "kind", "speaker", "role", "quote"):
        table.add_column(col, overflow="fold")
    for r in rows:
        text = r.get("text") or ""
        table.add_row(
            cell(r.get("article_id")),
            cell(r.get("kind")),
            cell(r.get("speaker")),
            cell(r.get("speaker_role")),
            cell(text if len(text) < 160 else text[:157] + "..."),
        )
    table_console().print(table)


# -- stats -----------------------------------------------------------------------------


def stats_command(db: Path, *, err: Console) -> None:
    """Summarise the store: counts, event types, countries, and whether it is linked."""
    console = table_console()
    with reading(db, err) as store:
        counts = store.counts()
        link = store.link_status()
        con = store.connection
        console.print(
            f"{counts['articles']} articles, {counts['events']} events, {counts['quotes']} "
            f"quotes, {counts['errors']} errors in {markup(db)}"
        )
        if counts["events"] and link["stale"]:
            console.print(
                "[yellow]not linked since the last articles were stored[/yellow]: "
                f"`newscoder run --db {markup(db)} ...` links at its end"
            )
        for title, column in (
            ("ACLED event type", "coalesce(acled_event_type, '(statement: none)')"),
            ("PLOVER type", "plover_type"),
            ("country", "coalesce(country_code, '?')"),
        ):
            table = Table(title=f"events by {title}")
            table.add_column(title)
            table.add_column("events", justify="right")
            query = f"SELECT {column} AS k, count(*) FROM events GROUP BY k ORDER BY count(*) DESC"
            for key, n in con.execute(query).fetchall()[:12]:
                table.add_row(cell(key), str(n))
            console.print(table)


# -- export ----------------------------------------------------------------------------


def export_command(
    db: Path,
    format: str,
    output: str,
    include_all: bool,
    linked: bool,
    reviewed: bool,
    *,
    err: Console,
) -> None:
    """Export the store: ACLED-shaped CSV, contract JSONL, PLOVER JSONL or Parquet, or
    the reviewed events as gold JSONL."""
    if reviewed:
        _export_reviewed(db, output, err)
        return
    if format not in EXPORT_FORMATS:
        raise UsageError(
            f"unknown format {format!r}.", fix=f"Use --format {', '.join(EXPORT_FORMATS)}."
        )
    if linked and format == "jsonl":
        raise UsageError(
            "jsonl exports coded articles.",
            fix="Use --linked with acled-csv, plover-jsonl or parquet.",
        )
    if output != "-":
        writable_file(output)
    elif format == "parquet":
        raise UsageError("Parquet needs a file.", fix="Give -o events.parquet.")
    with reading(db, err) as store:
        n = _export(store, format, output, include_all, linked)
    err.print(f"exported {n} rows")


def _export(store: Any, format: str, output: str, include_all: bool, linked: bool) -> int:
    from newscoder.store import export_acled_csv, export_jsonl, export_parquet, export_plover_jsonl

    try:
        if format == "parquet":
            n = export_parquet(store, Path(output), linked=linked)
        else:
            out: TextIO = (
                sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            )
            try:
                if format == "jsonl":
                    n = export_jsonl(store, out)
                elif format == "plover-jsonl":
                    n = export_plover_jsonl(store, out, linked=linked)
                else:
                    n = export_acled_csv(store, out, include_all=include_all, linked=linked)
            finally:
                if out is not sys.stdout:
                    out.close()
    except OSError as exc:
        raise UsageError(
            f"cannot write {output}: {exc.strerror or exc}.", fix="Check -o."
        ) from None
    return n


def _export_reviewed(db: Path, output: str, err: Console) -> None:
    from newscoder.store.review import GoldSummary, export_reviewed

    if output != "-":
        writable_file(output)
    summary = GoldSummary()
    with reading(db, err) as store:
        out: TextIO = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        try:
            n = export_reviewed(store, out, summary)
        finally:
            if out is not sys.stdout:
                out.close()
    err.print(f"exported {n} reviewed events from {summary.articles} articles")
    for problem in summary.skipped:
        err.print(f"[yellow]skipped[/yellow] {problem}")
