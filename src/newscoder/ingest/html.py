"""HTML in, :class:`~newscoder.types.Article` out, through trafilatura.

trafilatura finds the main text and the page metadata (title, date, author, site);
the extracted text then goes through the same headline, dateline, credit and
boilerplate logic as plain text. Offsets point into the extracted text.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from newscoder.errors import BadPublished, EmptyText, MissingText, TextTooLong, UndecodableInput
from newscoder.ingest.text import (
    DEFAULT_MAX_CHARS,
    build_article,
    check_text,
    decode_bytes,
    is_boilerplate,
    parse_published,
)
from newscoder.types import Article

if TYPE_CHECKING:
    from trafilatura.settings import Document

log = logging.getLogger(__name__)

# Markup, scripts and styles make a page several times longer than its text.
HTML_OVERHEAD = 20
# Only dates the page states about itself: no guessing from URLs or copyright years.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _extract(html: str, url: str | None) -> Document | None:
    import trafilatura  # 0.4 s to import: only when a page comes

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as error:  # a broken page must not stop a batch
        log.debug("trafilatura failed: %r", error)
        raise UndecodableInput(f"trafilatura could not parse the HTML ({error}).") from error


def _metadata_date(value: object) -> tuple[dt.date | None, tuple[str, ...]]:
    try:
        return parse_published(value), ()
    except BadPublished:
        return None, (f"page date {str(value)[:40]!r} is not an ISO date; ignored",)


def article_from_html(
    html: str | bytes,
    *,
    id: str | None = None,
    published: dt.date | str | None = None,
    url: str | None = None,
    source: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    fallback_published: dt.date | None = None,
) -> Article:
    """An :class:`Article` from a web page; the extracted main text becomes ``Article.text``.

    The title, author and (unless ``published`` is given) the publication date come
    from the page metadata, then ``fallback_published`` (a batch default); ``title_span``
    is set only when the title is also the first line of the extracted text. Raises
    ``MissingText``, ``EmptyText`` (nothing extracted), ``TextTooLong``, ``BadPublished``
    or ``UndecodableInput``.
    """
    if isinstance(html, bytes):
        if len(html) > max_chars * HTML_OVERHEAD:
            raise TextTooLong(f"HTML has {len(html):,} bytes; the limit is {max_chars:,} chars.")
        html = decode_bytes(html, html=True)
    if not isinstance(html, str):
        raise MissingText(f"html must be a string or bytes, not {type(html).__name__}.")
    if len(html) > max_chars * HTML_OVERHEAD:
        raise TextTooLong(f"HTML has {len(html):,} characters; the limit is {max_chars:,}.")
    if not html.strip():
        raise EmptyText("html is empty or only whitespace.")
    given = parse_published(published)

    doc = _extract(html, url)
    if doc is None or not (doc.text or "").strip():
        raise EmptyText("No article text could be extracted from the HTML.")
    text = check_text(doc.text, max_chars=max_chars)
    if all(is_boilerplate(line) for line in text.split("\n") if line.strip()):
        raise EmptyText("The HTML holds only page furniture (menus, share buttons), no article.")

    warnings: tuple[str, ...] = ()
    date = given
    if date is None:
        date, warnings = _metadata_date(doc.date)
    if date is None:
        date = fallback_published
    title = (doc.title or "").strip() or None
    return build_article(
        text,
        id=id,
        published=date,
        title=title,
        url=url or doc.url,
        source=source or doc.sitename or doc.hostname,
        author=(doc.author or "").strip() or None,
        warnings=warnings,
    )
