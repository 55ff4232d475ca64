"""A job's inputs: the paths and glob patterns named on the command line (``-`` is
JSONL on standard input), streamed as records, and counted when that is cheap.

An input that cannot be read as a whole (a path that does not exist, a pattern that
matches nothing, a file of an unknown type) is a problem in its place: the job
reports it with its code and fix and goes on with the others.
"""

from __future__ import annotations

import datetime as dt
import glob
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from newscoder.errors import InputNotFound, UnsupportedInput, UsageError
from newscoder.ingest.batch import (
    FORMATS,
    Record,
    holds_inputs,
    iter_records,
    no_inputs,
    records_from_lines,
)

STDIN = Path("-")


def expand_sources(
    sources: Sequence[str | Path], problems: list[tuple[str, UsageError]] | None = None
) -> list[Path]:
    """Files and directories named directly or by glob pattern, in the order given
    (``-``: standard input).

    A name or pattern that matches nothing (:class:`InputNotFound`) or a file of an
    unknown type (:class:`UnsupportedInput`) raises, or, when ``problems`` is
    given, is appended to it as ``(input, error)`` and left out.
    """
    paths: list[Path] = []
    for source in sources:
        text = str(source)
        error: UsageError | None = None
        if text == "-":
            paths.append(STDIN)
        elif glob.has_magic(text):
            matched = sorted(glob.glob(text, recursive=True))
            found = [Path(m) for m in matched if Path(m).suffix.lower() in FORMATS]
            if not found:
                error = InputNotFound(f"{text} matches no .txt, .html, .jsonl or .json file.")
            paths.extend(found)
        else:
            path = Path(text)
            if not path.exists():
                error = InputNotFound(f"{path} does not exist.")
            elif path.is_file() and path.suffix.lower() not in FORMATS:
                error = UnsupportedInput(
                    f"{path.name}: unknown file type {path.suffix or '(none)'!r}."
                )
            elif path.is_dir() and not holds_inputs(path):
                error = no_inputs(path)
            else:
                paths.append(path)
        if error is not None:
            if problems is None:
                raise error
            problems.append((text, error))
    return paths


def iter_sources(
    paths: Iterable[Path], *, published: dt.date | None = None, max_chars: int = 1_000_000
) -> Iterator[Record]:
    for path in paths:
        if path == STDIN:
            yield from records_from_lines(
                sys.stdin.buffer, prefix="stdin", published=published, max_chars=max_chars
            )
        else:
            yield from iter_records(path, published=published, max_chars=max_chars)


def count_records(paths: Iterable[Path]) -> int | None:
    """How many records the sources hold, when that is cheap (no parsing); else None."""
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            kind = FORMATS.get(file.suffix.lower())
            if kind is None or file.name.startswith("."):
                continue
            if kind == "json":
                return None
            if kind == "jsonl":
                try:
                    with file.open("rb") as lines:
                        total += sum(1 for line in lines if line.strip())
                except OSError:  # reported as a record by ingest; just not counted here
                    return None
            else:
                total += 1
    return total
