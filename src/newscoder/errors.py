"""Typed errors. Each has a stable code, a message naming the cause, and a fix.

The library raises these; only ``cli.py`` turns them into printed messages and
exit codes. A per-record error becomes an error record in its place in a batch.
"""

from __future__ import annotations


class NewscoderError(Exception):
    """Base class: ``code`` is stable and documented, ``fix`` tells the user what to do."""

    code = "E000"
    fix = ""

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if fix is not None:
            self.fix = fix

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}" + (f" Fix: {self.fix}" if self.fix else "")

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self)}


class RecordError(NewscoderError):
    """A single input record cannot be coded; the batch goes on."""


class MissingText(RecordError):
    code = "E101"
    fix = 'Give each record a "text" (string) or an "html" (string) field.'


class EmptyText(RecordError):
    code = "E102"
    fix = "Drop the record or give it some text; nothing can be coded from an empty report."


class TextTooLong(RecordError):
    code = "E103"
    fix = "Split the report, or raise the limit with --max-chars."


class BadPublished(RecordError):
    code = "E104"
    fix = 'Give "published" as an ISO date (YYYY-MM-DD) or leave it out.'


class BadRecord(RecordError):
    code = "E105"
    fix = "Each JSONL line must be a JSON object with an id and a text or html field."


class UndecodableInput(RecordError):
    code = "E106"
    fix = "Convert the file to UTF-8 text or HTML."


class UnreadableFile(RecordError):
    """The file exists but cannot be read (permissions, a directory, an I/O error)."""

    code = "E108"
    fix = "Check the file's permissions (ls -l) and the disk; the rest of the batch goes on."


class DuplicateId(RecordError):
    """A second record with an id already used earlier in the same batch or run."""

    code = "E107"
    fix = (
        "Give each record its own id (the first record with this id was kept), or leave "
        '"id" out to have one made from the file name and line.'
    )


class CodingFailed(RecordError):
    code = "E199"
    fix = "This is a bug in newscoder; please report it with the record that caused it."


class UsageError(NewscoderError):
    """The command itself is wrong (missing file, unknown format); exit 2."""

    code = "E200"
    fix = "Check the command's options: newscoder COMMAND --help."


class InputNotFound(UsageError):
    code = "E201"
    fix = "Check the path; INPUT is a .txt/.html file, a .jsonl file or a directory."


class UnsupportedInput(UsageError):
    code = "E202"
    fix = "Give a .txt, .html/.htm, .jsonl file or a directory of them."


class ModelNotFound(UsageError):
    code = "E203"
    fix = (
        "Install the pinned model (make install) or point --model / NEWSCODER_MODEL at an "
        "installed spaCy English pipeline such as en_core_web_sm."
    )


class MissingExtra(UsageError):
    """An optional feature's libraries (Dask, pandas, pyarrow) are not installed."""

    code = "E204"
    fix = "Install the scale extra: pip install 'newscoder[scale]' (make install does)."


class SchedulerUnavailable(UsageError):
    code = "E205"
    fix = (
        "Check --scheduler: give a running Dask scheduler's address (tcp://host:8786) "
        "or 'local' to start a LocalCluster on this machine."
    )


class StoreError(UsageError):
    code = "E301"
    fix = "Check that --db points at a newscoder SQLite file you can write to."


class StoreDamaged(StoreError):
    """SQLite reports the file's pages as damaged (malformed, not a database, I/O error)."""

    code = "E302"
    fix = (
        "Check it with `sqlite3 FILE 'PRAGMA integrity_check'`. To recover what is "
        "readable: `sqlite3 FILE .recover | sqlite3 recovered.sqlite`, then use --db "
        "recovered.sqlite; or code the inputs again into a new --db (see docs/reliability.md)."
    )


class ForeignDatabase(StoreError):
    """An SQLite file that is not a newscoder store: it is refused and left untouched."""

    code = "E303"
    fix = "Give --db a new file name or an existing newscoder store; the file was not changed."


class StoreBusy(StoreError):
    """Another process holds the store's writer lock (a `run` or `ingest`)."""

    code = "E304"
    fix = "Wait for the other run to finish (readers such as `events` and `stats` work meanwhile)."


class Interrupted(NewscoderError):
    """A run was stopped (Ctrl-C or SIGTERM) after committing what it had coded."""

    code = "E305"
    fix = "Run the same command again: it resumes where it stopped, storing nothing twice."

    def __init__(self, message: str, *, stats: object = None) -> None:
        super().__init__(message)
        self.stats = stats


class KnowledgeError(NewscoderError):
    """A bundled data file is malformed: a packaging bug."""

    code = "E401"
    fix = "Reinstall newscoder; if you edited a data file, check it against its test."


# Warnings: a record was coded, but something about its input is worth knowing. They are
# the first word of a string in the record's "warnings" list ("W101 ...").
W_SURROGATES = "W101"  # lone surrogates replaced by U+FFFD, one for one (offsets hold)
W_INVISIBLE = "W102"  # control / bidi / zero-width characters read as spaces by the parser
W_BAD_BYTES = "W103"  # a UTF-8 file with a few invalid bytes: they became U+FFFD
W_LANGUAGE = "W104"  # the text does not look like English: the coder reads English only
W_HTML_FALLBACK = "W105"  # trafilatura found no main text: the page's own text was used
W_GUESSED_ENCODING = "W106"  # not UTF-8: read in the page's declared or a guessed code page
W_DECLARED_CHARSET = "W107"  # the page's <meta> charset was not used (UTF-8 bytes, or no fit)

WARNINGS = {
    W_SURROGATES: "Lone surrogates (not encodable in UTF-8) were replaced by U+FFFD, one for "
    "one: offsets are unchanged.",
    W_INVISIBLE: "Control, bidi or zero-width characters were read as spaces by the parser; "
    "the text and its offsets are unchanged.",
    W_BAD_BYTES: "The file is UTF-8 with a few invalid bytes; each became U+FFFD. Check the "
    "source file if those characters matter.",
    W_LANGUAGE: "The text does not look like English; the coder reads English only, so events, "
    "places and quotes are likely missing. Translate it first.",
    W_HTML_FALLBACK: "The page's main text could not be found; the whole page's text was coded, "
    "so menus or links may be in it.",
    W_GUESSED_ENCODING: "The file is not UTF-8; it was read in the charset the page declares or, "
    "failing that, a code page guessed from its bytes, which on a short text can pick the wrong "
    "letters. Check the accented letters, or convert the file to UTF-8.",
    W_DECLARED_CHARSET: "The page's <meta> charset was not used: its bytes are UTF-8, or do not "
    "decode in it, or it names no web encoding. Check the page's letters; fix or drop the "
    "declaration.",
}


def warning(code: str, detail: str) -> str:
    """A warning string for a record's ``warnings`` list: its code, then the detail."""
    return f"{code} {detail}"


def fix_for(code: str) -> str:
    """The documented fix for an error code ("" when the code is unknown)."""
    stack: list[type[NewscoderError]] = [NewscoderError]
    while stack:
        cls = stack.pop()
        if cls.__dict__.get("code") == code:
            return cls.fix
        stack.extend(cls.__subclasses__())
    return ""
