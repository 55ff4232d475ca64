"""``newscoder code``, ``run`` and ``ingest``: inputs coded into JSONL, or into the store
(resumably, under its writer lock) and then linked, with a progress bar and a summary."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from newscoder.commands.common import (
    at_least,
    cell,
    json_line,
    markup,
    progress,
    published_day,
    records,
    writable_file,
)
from newscoder.errors import Interrupted, UsageError
from newscoder.types import CodedArticle, Failure


def code_command(
    input: str,
    output: str,
    published: str | None,
    max_chars: int,
    model: str | None,
    *,
    err: Console,
) -> int:
    """Code ``input`` into ``output`` (JSONL, ``-`` for stdout); 1 when a record failed,
    130 when interrupted, else 0."""
    day = published_day(published)
    at_least("--max-chars", max_chars, 1)
    failed = 0
    total = 0
    if output != "-":
        writable_file(output)
    try:
        out: TextIO = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc}", fix="Check the output path.") from None
    try:
        for item in _coded(input, day, max_chars, model):
            total += 1
            if isinstance(item, Failure):
                from newscoder.coding.contract import failure_to_dict

                failed += 1
                record = failure_to_dict(item)
                err.print(f"[yellow]{markup(item.id)}[/yellow]: {markup(item.message)}")
            else:
                record = item.to_dict()
            out.write(json_line(record))
    except KeyboardInterrupt:
        err.print(
            f"interrupted: {total} records written"
            + (f" to {markup(output)}" if output != "-" else "")
            + "; the output ends at the last whole line"
        )
        return 130
    finally:
        if out is not sys.stdout:
            out.close()
    if output != "-":
        err.print(f"coded {total - failed} of {total} records into {markup(output)}")
    return 1 if failed else 0


def _coded(
    source: str, published: dt.date | None, max_chars: int, model: str | None
) -> Iterator[CodedArticle | Failure]:
    from newscoder.ingest.batch import unique_ids
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles

    found = records(source, published, max_chars)  # a bad path fails before the model loads
    first = next(found, None)
    if first is None:
        return
    nlp = get_nlp(model)
    # The model and tables loaded so far live as long as this process: kept out of the
    # cyclic collector's rounds, which would walk them all again on each full round.
    gc.freeze()
    # Coding makes many short-lived objects and few cycles: full rounds every 20,000
    # allocations, not every 700, cost a quarter as much with the same output.
    gc.set_threshold(20_000, 20, 20)
    yield from code_articles(unique_ids(itertools.chain([first], found)), nlp)


def job_command(
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
    show_progress: bool,
    recode: bool,
    link: bool,
    *,
    err: Console,
) -> int:
    """Code, summarise, link: the summary and the linking run whatever the coding met,
    all under the store's writer lock (a second job waits for it). 1 when a record
    failed, 130 when interrupted, else 0."""
    from newscoder.ingest.sources import expand_sources
    from newscoder.store.db import check_store, writer_lock

    at_least("--workers", workers, 1)
    at_least("--chunk-size", chunk_size, 1)
    at_least("--max-chars", max_chars, 1)
    day = published_day(published)
    if not inputs and not recode:
        raise UsageError("no INPUTS given.", fix="Name files, folders or glob patterns to code.")
    if db.is_dir():
        raise UsageError(f"--db {db} is a folder.", fix="Give a file name, e.g. news.sqlite.")
    if not db.parent.exists():
        raise UsageError(f"--db {db}: the folder {db.parent} does not exist.", fix="Create it.")

    def waiting(message: str) -> None:
        err.print(f"[yellow]note[/yellow] {markup(message)}")

    problems: list[tuple[str, UsageError]] = []
    if inputs and not expand_sources(inputs, problems):
        raise problems[0][1]  # no input can be read: no store is made for nothing
    try:
        check_store(db)  # a foreign file is refused before a lock file is made beside it
        with writer_lock(db, on_wait=waiting):
            failed = _run(
                inputs, db, workers, engine, scheduler, shards, day, max_chars, model,
                chunk_size, show_progress, recode, published is None, err,
            )  # fmt: skip
            if link:
                _link(db, err)
    except Interrupted as exc:
        stats = exc.stats
        stored = getattr(stats, "articles", 0)
        err.print(
            f"[yellow]interrupted[/yellow]: {stored} stored in {markup(db)}, "
            "run the same command to resume"
        )
        return 130
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: run the same command to resume")
        return 130
    return 1 if failed else 0


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
    show_progress: bool,
    recode: bool,
    no_date: bool,
    err: Console,
) -> int:
    """Run the coder over ``inputs`` into ``db`` with a progress bar; return the error count."""
    from newscoder.runner import RunStats
    from newscoder.runner import run as run_job
    from newscoder.store import Store

    if len(inputs) == 1 and no_date and Path(inputs[0]).suffix.lower() in {".txt", ".html", ".htm"}:
        err.print("[yellow]note[/yellow] no --published date: relative dates stay unresolved")
    stats = RunStats()
    with progress(show_progress, err, rate=True) as bar:
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
                    err.print(f"[yellow]note[/yellow] {markup(note)}")
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
    _summary(stats, db, err)
    return stats.errors


def _summary(stats: Any, db: Path, err: Console) -> None:
    err.print(
        f"stored {stats.articles} articles, {stats.events} events, {stats.errors} errors in "
        f"{markup(db)}"
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

    table = Table(
        title="not coded (records are kept in the errors table, inputs that could not be read"
        " are not; see docs/errors.md)"
    )
    for col in ("code", "records", "first", "fix"):
        table.add_column(col, overflow="fold")
    for code, n in stats.error_codes.most_common():
        rid, message = stats.error_examples[code]
        shown = message.split(" Fix: ")[0]  # the fix has its own column
        table.add_row(code, str(n), cell(f"{rid}: {shown}"), fix_for(code))
    Console(stderr=True, emoji=False, width=None if sys.stderr.isatty() else 160).print(table)


def _link(db: Path, err: Console) -> None:
    from newscoder.link import link_store
    from newscoder.store import Store
    from newscoder.store.db import store_error, writer_lock

    try:
        with writer_lock(db), Store(db) as store:
            summary = link_store(store)
    except sqlite3.Error as exc:
        raise store_error(exc, db) from exc
    err.print(
        f"linked {summary.events} event reports into {summary.linked_events} events "
        f"({summary.multi_source} told by more than one report; {summary.seconds:.1f} s)"
    )
