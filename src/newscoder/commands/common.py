"""What the command bodies share: user-given values made safe to print, option checks,
the input records, the progress bar and the read-only store of the reading commands.

Checks raise :class:`~newscoder.errors.UsageError` (a failing store a
:class:`~newscoder.errors.StoreError`); ``cli.py`` prints it and exits 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from newscoder.errors import BadPublished, UsageError
from newscoder.ingest.normalise import clean_value, invisible_chars
from newscoder.types import Article, Failure

# -- printing user-given values --------------------------------------------------------


def safe(value: object) -> str:
    """A user-given string (id, path, message) made safe to print: control, bidi and
    zero-width characters shown as ``\\uXXXX`` (no terminal escapes, no reversed
    text), lone surrogates as U+FFFD."""
    text = clean_value(str(value))
    for ch in invisible_chars(text):
        if ch not in "\n":
            text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def markup(value: object) -> str:
    """A user-given string for a rich markup message: safe, with its brackets escaped."""
    return escape(safe(value))


def cell(value: object) -> Text:
    """A user-given value for a table cell: plain text, never markup."""
    return Text("" if value is None else safe(value))


def num(value: object) -> str:
    return "" if value is None else str(value)


def table_console() -> Console:
    """Rich's 80 columns squash the tables when output is not a terminal."""
    return Console(emoji=False) if sys.stdout.isatty() else Console(emoji=False, width=160)


def json_line(record: dict[str, Any]) -> str:
    """One output line; a value no UTF-8 file can hold (a lone surrogate that got
    past ingest) is written as U+FFFD rather than ending the batch."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = clean_value(line)
    return line + "\n"


# -- option checks ---------------------------------------------------------------------


def published_day(value: str | None) -> dt.date | None:
    """--published: a full, valid date (YYYY-MM-DD, or an ISO datetime starting with one)."""
    if value is None:
        return None
    from newscoder.ingest.text import parse_published

    try:
        return parse_published(value)
    except BadPublished as exc:
        fix = exc.fix if "fix" in exc.__dict__ else "Use --published YYYY-MM-DD, a real date."
        raise UsageError(f"--published: {exc.message}", fix=fix) from None


def at_least(option: str, value: int | None, minimum: int) -> None:
    """Refuse a number option below ``minimum`` (None means "no limit" and is fine)."""
    if value is not None and value < minimum:
        raise UsageError(
            f"{option} {value}: must be at least {minimum}.",
            fix=f"Give {option} a number of {minimum} or more, or leave it out.",
        )


def writable_file(output: str, option: str = "-o") -> None:
    """Refuse an output path whose folder is missing (or that is a folder)."""
    path = Path(output)
    if path.is_dir():
        raise UsageError(f"{option} {output} is a folder.", fix="Give a file name.")
    if not path.parent.exists():
        raise UsageError(
            f"{option} {output}: the folder {path.parent} does not exist.",
            fix=f"Create it first (mkdir -p {path.parent}) or write elsewhere.",
        )


# -- inputs, progress, the store -------------------------------------------------------


def records(source: str, published: dt.date | None, max_chars: int) -> Iterator[Article | Failure]:
    """The records of a file, folder or ``-`` (JSONL on stdin), in input order."""
    from newscoder.ingest import iter_records

    if source == "-":
        from newscoder.ingest.batch import records_from_lines

        yield from records_from_lines(
            sys.stdin, prefix="stdin", published=published, max_chars=max_chars
        )
        return
    yield from iter_records(Path(source), published=published, max_chars=max_chars)


def progress(enabled: bool, console: Console, *, rate: bool = False) -> Progress | nullcontext:
    """A progress bar on ``console``; ``rate`` adds articles/s and skipped (the main job)."""
    if not enabled:
        return nullcontext()
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
    if rate:
        columns.append(TextColumn("{task.fields[rate]:.1f} articles/s"))
    columns.append(TextColumn("{task.fields[events]} events, {task.fields[errors]} errors"))
    if rate:
        columns.append(TextColumn("{task.fields[skipped]} skipped"))
    return Progress(*columns, TimeElapsedColumn(), console=console, transient=False)


def open_store(db: Path, err: Console):  # type: ignore[no-untyped-def]
    """The store at ``db``, read-only; its notes (e.g. opened immutable) go to ``err``."""
    from newscoder.store import Store

    if not db.exists():
        raise UsageError(
            f"no database at {db}.", fix="Run `newscoder ingest INPUT --db FILE` first."
        )
    store = Store(db, readonly=True)
    for note in store.notes:
        err.print(f"[yellow]note[/yellow] {markup(note)}")
    return store


@contextmanager
def reading(db: Path, err: Console) -> Iterator[Any]:
    """A read-only store for a reading command; SQLite failures (a damaged file)
    become a typed error naming the fix, never a traceback."""
    from newscoder.store.db import store_error

    store = open_store(db, err)
    try:
        yield store
    except sqlite3.Error as exc:
        raise store_error(exc, db) from exc
    finally:
        store.close()
