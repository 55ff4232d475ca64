"""HTML in, :class:`~newscoder.types.Article` out, through trafilatura.

trafilatura finds the main text and the page metadata (title, date, author, site);
the extracted text then goes through the same headline, dateline, credit and
boilerplate logic as plain text. Offsets point into the extracted text.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

from newscoder.errors import (
    W_HTML_FALLBACK,
    BadPublished,
    EmptyText,
    MissingText,
    TextTooLong,
    UndecodableInput,
    warning,
)
from newscoder.ingest.normalise import clean_value, parse_text, replace_surrogates
from newscoder.ingest.text import (
    DEFAULT_MAX_CHARS,
    build_article,
    decode,
    is_boilerplate,
    parse_published,
    prepare_text,
)
from newscoder.lexicon import word_list, words
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


# Elements whose text is never the page's own text.
_NOT_TEXT = word_list("html_non_text_tags")
# Elements that start a new line of text.
_BLOCKS = words("html_block_tags")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fallback_text(html: str) -> str:
    """The page's own text, read with lxml, for when trafilatura finds no main text
    (a bare fragment such as ``<p>Gunmen killed 3 in Kano.</p>``, or a tree nested
    too deep for its heuristics). Blocks become lines; scripts and styles are dropped.
    Iterative, so any depth is fine."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return _stripped(html)
    parts: list[str] = []
    skip = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _NOT_TEXT:
                skip += 1
            elif not skip:
                if tag in _BLOCKS:
                    parts.append("\n")
                if element.text:
                    parts.append(element.text)
            continue
        if tag in _NOT_TEXT:
            skip -= 1
        elif not skip and tag in _BLOCKS:
            parts.append("\n")
        if not skip and element.tail and element is not root:
            parts.append(element.tail)
    return _lines("".join(parts)) or _stripped(html)


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_DROPPED = re.compile(
    r"<(script|style|noscript|template|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCKS)) + r")\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")


def _stripped(html: str) -> str:
    """The last resort, for trees deeper than libxml2 builds (it drops their text past
    a few thousand levels): tags removed by pattern, entities decoded."""
    import html as html_module

    text = _BLOCK_TAG.sub("\n", _DROPPED.sub(" ", html))
    return _lines(html_module.unescape(_ANY_TAG.sub("", text)))


def _clean_html(html: str) -> str:
    """The markup made parseable: lone surrogates -> U+FFFD, control characters
    (NUL, BEL, ...) -> spaces. Offsets point into the extracted text, not the markup."""
    return _CONTROLS.sub(" ", replace_surrogates(html)[0])


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
    warnings: tuple[str, ...] = ()
    if isinstance(html, bytes):
        if len(html) > max_chars * HTML_OVERHEAD:
            raise TextTooLong(f"HTML has {len(html):,} bytes; the limit is {max_chars:,} chars.")
        html, warnings = decode(html, html=True)
    if not isinstance(html, str):
        raise MissingText(f"html must be a string or bytes, not {type(html).__name__}.")
    if len(html) > max_chars * HTML_OVERHEAD:
        raise TextTooLong(f"HTML has {len(html):,} characters; the limit is {max_chars:,}.")
    if not html.strip():
        raise EmptyText("html is empty or only whitespace.")
    given = parse_published(published)
    html = _clean_html(html)

    doc = _extract(html, url)
    extracted = (doc.text or "") if doc is not None else ""
    if not parse_text(extracted).strip():
        extracted = fallback_text(html)
        if not parse_text(extracted).strip():
            raise EmptyText(
                "No text could be found in the HTML (neither trafilatura nor lxml found any)."
            )
        warnings = (
            *warnings,
            warning(
                W_HTML_FALLBACK,
                "no main text found by trafilatura; the page's own text (lxml) was coded",
            ),
        )
    text, text_warnings = prepare_text(extracted, max_chars=max_chars)
    if all(is_boilerplate(line) for line in text.split("\n") if line.strip()):
        raise EmptyText("The HTML holds only page furniture (menus, share buttons), no article.")

    warnings = (*warnings, *text_warnings)
    date = given
    if date is None and doc is not None:
        date, date_warnings = _metadata_date(doc.date)
        warnings = (*warnings, *date_warnings)
    if date is None:
        date = fallback_published
    meta = doc if doc is not None else None
    return build_article(
        text,
        id=id,
        published=date,
        title=_meta(meta, "title"),
        url=_str(url) or _meta(meta, "url"),
        source=_str(source) or _meta(meta, "sitename") or _meta(meta, "hostname"),
        author=_meta(meta, "author"),
        warnings=warnings,
    )


def _str(value: object) -> str | None:
    return clean_value(value.strip()) or None if isinstance(value, str) else None


def _meta(doc: object, name: str) -> str | None:
    """A metadata field of trafilatura's document, stripped and storable, or None."""
    return _str(getattr(doc, name, None)) if doc is not None else None
