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

__all__ = [
    "DEFAULT_MAX_CHARS",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "decode_bytes",
    "iter_records",
    "parse_published",
    "records_from_lines",
    "stable_id",
]
