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


class KnowledgeError(NewscoderError):
    """A bundled data file is malformed: a packaging bug."""

    code = "E401"
    fix = "Reinstall newscoder; if you edited a data file, check it against its test."


def fix_for(code: str) -> str:
    """The documented fix for an error code ("" when the code is unknown)."""
    stack: list[type[NewscoderError]] = [NewscoderError]
    while stack:
        cls = stack.pop()
        if cls.__dict__.get("code") == code:
            return cls.fix
        stack.extend(cls.__subclasses__())
    return ""
