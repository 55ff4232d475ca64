"""Ingest: plain text, HTML, files, JSONL batches and directories in; Articles out.

Offsets into ``Article.text`` are what every later stage cites, so a caller's text
is only newline-normalised; headline, dateline, byline, credit lines and page
boilerplate are found and recorded beside it, never cut out.
"""

from __future__ import annotations

from newscoder.ingest.batch import article_from_record, iter_records, records_from_lines
from newscoder.ingest.html import article_from_html
from newscoder.ingest.text import (
    DEFAULT_MAX_CHARS,
    article_from_text,
    decode_bytes,
    parse_published,
    stable_id,
)

# Written for this warm-up: a dateline (looked up in the gazetteer), a credit line,
# a byline and page boilerplate, so every lazily built pattern is built.
_WARM_UP = (
    "Police disperse crowd\n\nBy A Reporter\n\nKANO — Police said on Monday "
    "that the crowd was dispersed.\n\n(Reporting by A Reporter; Editing by An Editor)\n"
    "Share this article\n"
)


def preload() -> None:
    """Load what ingest would otherwise load on its first record: the language
    detector's model, the gazetteer (datelines), the credit and boilerplate patterns.
    A run calls this before its loop, so that Ctrl-C never lands in a first import."""
    from newscoder.ingest.language import preload as language_model
    from newscoder.resolve.gazetteer import get_gazetteer

    language_model()
    get_gazetteer()
    article_from_text(_WARM_UP, id="warm-up")


__all__ = [
    "DEFAULT_MAX_CHARS",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "decode_bytes",
    "iter_records",
    "parse_published",
    "preload",
    "records_from_lines",
    "stable_id",
]
