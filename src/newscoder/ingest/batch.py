"""Files, JSONL batches and directories in; a stream of Articles and Failures out.

Every bad record becomes a :class:`~newscoder.types.Failure` in its place and the
stream goes on; only a bad path (missing, unsupported) raises, before anything is
read. JSONL is read line by line, so a batch of any size streams in constant memory.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from newscoder.errors import (
    W_BAD_BYTES,
    BadRecord,
    CodingFailed,
    DuplicateId,
    InputNotFound,
    MissingText,
    RecordError,
    TextTooLong,
    UnreadableFile,
    UnsupportedInput,
    warning,
)
from newscoder.ingest.html import HTML_OVERHEAD, article_from_html
from newscoder.ingest.normalise import clean_value
from newscoder.ingest.text import (
    DEFAULT_MAX_CHARS,
    article_from_text,
    decode,
    parse_published,
)
from newscoder.types import Article, Failure

# File suffix -> how its content is read.
FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "json"}
# UTF-8 needs at most four bytes a character: a bigger text file is surely too long.
_BYTES_PER_CHAR = 4

Record = Article | Failure


def _guard(record_id: str, make: Callable[[], Article]) -> Record:
    """Run one record's ingest; a failure of any kind becomes a Failure in its place."""
    try:
        return make()
    except RecordError as error:
        return Failure(record_id, error.code, str(error))
    except Exception as error:  # a bug on one record must not stop the batch
        failed = CodingFailed(f"Unexpected {type(error).__name__} while ingesting: {error}")
        return Failure(record_id, failed.code, str(failed))


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise TextTooLong(
                f"{path.name} has {size:,} bytes; the limit is {limit:,} bytes "
                "(set by --max-chars for this file type)."
            )
        return path.read_bytes()
    except PermissionError as error:
        raise UnreadableFile(f"{path} cannot be read: permission denied.") from error
    except OSError as error:
        raise UnreadableFile(f"{path} cannot be read ({error.strerror or error}).") from error


def _document(
    path: Path,
    kind: str,
    record_id: str,
    published: dt.date | None,
    max_chars: int,
    *,
    nested: bool,
) -> Article:
    if kind == "html":
        data = _read_bytes(path, max_chars * HTML_OVERHEAD)
        # A date given for one page is its date; for a directory it only fills gaps.
        given, fallback = (None, published) if nested else (published, None)
        return article_from_html(
            data, id=record_id, published=given, max_chars=max_chars, fallback_published=fallback
        )
    text, warnings = decode(_read_bytes(path, max_chars * _BYTES_PER_CHAR))
    article = article_from_text(text, id=record_id, published=published, max_chars=max_chars)
    return _warned(article, warnings)


def _warned(article: Article, warnings: tuple[str, ...]) -> Article:
    return replace(article, warnings=(*warnings, *article.warnings)) if warnings else article


def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise BadRecord(f'"{key}" must be a string, not {type(value).__name__}.')


def record_id(record: dict, fallback: str) -> str:
    """The record's own id (stringified; a lone surrogate becomes U+FFFD), else
    ``fallback`` ("<file>:<line>")."""
    value = record.get("id")
    if value is None or isinstance(value, (dict, list)):
        return fallback
    return clean_value(str(value).strip()) or fallback


def unique_ids(records: Iterable[Record]) -> Iterator[Record]:
    """The stream with every record after the first *article* with an id turned into a
    :class:`~newscoder.errors.DuplicateId` failure in its place (E107).

    The first article with an id wins, whether it is then coded, fails to code or is
    skipped by a resumed run: a later record with that id, good or bad, never silently
    replaces it (nor, in a store, deletes it). A failure before any article with its
    id claims nothing: a later good record with that id is coded. Holds the ids seen
    (about 100 bytes each).
    """
    seen: dict[str, int] = {}
    for number, record in enumerate(records, 1):
        first = seen.get(record.id)
        if first is None:
            if isinstance(record, Article):
                seen[record.id] = number
            yield record
            continue
        also = (
            f" It also had its own error: {record.message}" if isinstance(record, Failure) else ""
        )
        error = DuplicateId(
            f"id {record.id!r} was already used by record {first} of this batch; "
            f"record {number} was not coded.{also}"
        )
        yield Failure(record.id, error.code, str(error))


def article_from_record(
    record: object, *, id: str, published: dt.date | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """One input object ``{"id", "text" | "html", "published"?, "title"?, "url"?, "source"?,
    "publisher"?}`` (``publisher``, the issuing body of a statement, stands for ``source``)."""
    if not isinstance(record, dict):
        raise BadRecord(f"Expected a JSON object, got {type(record).__name__}.")
    own = record.get("published")
    when = own if own is not None else published
    url = _optional_str(record, "url")
    # A press release's publisher is the body that issued it ("we" in its text).
    source = _optional_str(record, "source") or _optional_str(record, "publisher")
    if record.get("text") is not None:
        return article_from_text(
            record["text"],
            id=id,
            published=when,
            title=_optional_str(record, "title"),
            url=url,
            source=source,
            max_chars=max_chars,
        )
    if record.get("html") is not None:
        html = record["html"]
        if not isinstance(html, str):
            raise MissingText(f'"html" must be a string, not {type(html).__name__}.')
        return article_from_html(
            html,
            id=id,
            published=own,
            url=url,
            source=source,
            max_chars=max_chars,
            fallback_published=published,
        )
    raise MissingText('The record has neither a "text" nor an "html" field.')


# Plain text piped in is the usual way to meet E105 on standard input.
_STDIN_HINT = " `-` reads JSONL; to code plain text, save it as a .txt file and give its path."


def records_from_lines(
    lines: Iterable[str | bytes],
    *,
    prefix: str,
    published: dt.date | str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Record]:
    """Stream records from JSONL lines (a file, or ``sys.stdin``); ids default to
    ``"<prefix>:<line number>"``. Blank lines are skipped but still counted."""
    default = parse_published(published)
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        fallback = f"{prefix}:{number}"
        try:
            record, warnings = _json_line(raw)
        except (ValueError, RecursionError) as error:
            bad = BadRecord(
                f"Line {number} of {prefix} is not valid JSON ({error}).",
                fix=BadRecord.fix + (_STDIN_HINT if prefix == "stdin" else ""),
            )
            yield Failure(fallback, bad.code, str(bad))
            continue
        rid = record_id(record, fallback) if isinstance(record, dict) else fallback
        yield _guard(
            rid,
            lambda record=record, rid=rid, warnings=warnings: _warned(
                article_from_record(record, id=rid, published=default, max_chars=max_chars),
                warnings,
            ),
        )


def _json_line(raw: str | bytes) -> tuple[object, tuple[str, ...]]:
    """One JSONL line parsed; a line with invalid UTF-8 bytes is read with U+FFFD in
    their place (W103) instead of being lost."""
    try:
        return json.loads(raw), ()
    except UnicodeDecodeError:
        assert isinstance(raw, bytes)
        text = raw.decode("utf-8", "replace")
        bad = text.count("\ufffd") - raw.count("\ufffd".encode())
        note = warning(W_BAD_BYTES, f"{bad} invalid UTF-8 byte sequence(s) became U+FFFD")
        return json.loads(text), (note,)


def _jsonl(path: Path, prefix: str, published: dt.date | None, max_chars: int) -> Iterator[Record]:
    try:
        lines = path.open("rb")
    except OSError as error:
        bad = UnreadableFile(f"{path} cannot be read ({error.strerror or error}).")
        yield Failure(prefix, bad.code, str(bad))
        return
    with lines:
        yield from records_from_lines(
            lines, prefix=prefix, published=published, max_chars=max_chars
        )


def _json(path: Path, prefix: str, published: dt.date | None, max_chars: int) -> Iterator[Record]:
    try:
        data = json.loads(_read_bytes(path, max_chars * _BYTES_PER_CHAR * 100))
    except (RecordError, ValueError, RecursionError) as error:
        bad = error if isinstance(error, RecordError) else BadRecord(f"{path.name}: {error}.")
        yield Failure(prefix, bad.code, str(bad))
        return
    for number, record in enumerate(data if isinstance(data, list) else [data], 1):
        fallback = f"{prefix}:{number}"
        rid = record_id(record, fallback) if isinstance(record, dict) else fallback
        yield _guard(
            rid,
            lambda record=record, rid=rid: article_from_record(
                record, id=rid, published=published, max_chars=max_chars
            ),
        )


def _file_records(
    path: Path, name: str, published: dt.date | None, max_chars: int, *, nested: bool = False
) -> Iterator[Record]:
    kind = FORMATS[path.suffix.lower()]
    if kind == "jsonl":
        yield from _jsonl(path, name, published, max_chars)
    elif kind == "json":
        yield from _json(path, name, published, max_chars)
    else:
        yield _guard(name, lambda: _document(path, kind, name, published, max_chars, nested=nested))


def _walk(root: Path, problems: list[OSError] | None = None) -> list[Path]:
    """Supported, non-hidden files under ``root``, sorted by their relative path;
    folders that cannot be listed are added to ``problems``."""
    found = []
    for folder, dirs, files in os.walk(root, onerror=None if problems is None else problems.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(folder, f)
            for f in files
            if not f.startswith(".") and Path(f).suffix.lower() in FORMATS
        )
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def holds_inputs(root: Path) -> bool:
    """True when a walk of the directory ``root`` meets a file it would read, or a
    folder it cannot list (reported in its place when the directory is read)."""
    problems: list[OSError] = []
    for _folder, dirs, files in os.walk(root, onerror=problems.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if any(not f.startswith(".") and Path(f).suffix.lower() in FORMATS for f in files):
            return True
    return bool(problems)


def no_inputs(root: Path) -> InputNotFound:
    return InputNotFound(
        f"{root} is a folder with no .txt, .html/.htm, .jsonl or .json file in it "
        "(hidden files and folders are skipped)."
    )


def _directory(root: Path, published: dt.date | None, max_chars: int) -> Iterator[Record]:
    problems: list[OSError] = []
    paths = _walk(root, problems)
    for problem in problems:  # a folder that cannot be listed is reported, not skipped
        where = Path(problem.filename or root)
        name = where.relative_to(root).as_posix() if where != root else root.name
        bad = UnreadableFile(f"folder {where} cannot be read ({problem.strerror or problem}).")
        yield Failure(name, bad.code, str(bad))
    # Nested files are named by their relative path without the suffix, so ids stay
    # unique; two files that differ only in it (a.txt, a.html) keep their suffixes.
    stems = Counter(path.relative_to(root).with_suffix("").as_posix() for path in paths)
    for path in paths:
        relative = path.relative_to(root)
        name = relative.with_suffix("").as_posix()
        if stems[name] > 1:
            name = relative.as_posix()
        yield from _file_records(path, name, published, max_chars, nested=True)


def iter_records(
    path: str | Path,
    *,
    published: dt.date | str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Record]:
    """Stream Articles (and Failures, in their place) from a file or a directory.

    ``path`` is a .txt, .html/.htm, .jsonl or .json file, or a directory searched
    recursively (sorted, hidden files skipped). ``published`` is the date of a single
    .txt/.html file; elsewhere it is a default for records (and pages) without their own. Raises
    :class:`~newscoder.errors.InputNotFound` or ``UnsupportedInput`` at once for a
    bad path, and ``BadPublished`` for a bad ``published``.
    """
    root = Path(path)
    if not root.exists():
        raise InputNotFound(f"{root} does not exist.")
    default = parse_published(published)
    if root.is_dir():
        if not holds_inputs(root):
            raise no_inputs(root)
        return _directory(root, default, max_chars)
    if root.suffix.lower() not in FORMATS:
        raise UnsupportedInput(f"{root.name}: unknown file type {root.suffix or '(none)'!r}.")
    return _file_records(root, root.stem, default, max_chars)
