"""Plain text in, :class:`~newscoder.types.Article` out.

Offsets of every later stage point into ``Article.text``, so the caller's string is
only newline-normalised, never rewritten. What ingest finds about the text
(headline, byline, dateline, credit lines, page boilerplate) is recorded as spans
and values beside it; nothing is cut out.

Headlines, datelines and boilerplate are found by :mod:`newscoder.ingest.layout`,
credit lines and bylines by :mod:`newscoder.ingest.credits`; their names are importable
from here too.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata

import ftfy
from charset_normalizer import CharsetMatch, from_bytes

from newscoder.errors import (
    W_BAD_BYTES,
    W_INVISIBLE,
    W_SURROGATES,
    BadPublished,
    EmptyText,
    MissingText,
    TextTooLong,
    UndecodableInput,
    warning,
)
from newscoder.ingest.credits import (
    BYLINE_MAX_CHARS,
    Credit,
    CreditRules,
    credit_names,
    credit_rules,
    find_byline,
    find_credit,
)
from newscoder.ingest.language import language_warning
from newscoder.ingest.layout import (
    FURNITURE_MAX_CHARS,
    HEADLINE_MAX_CHARS,
    Line,
    _headline_index,
    _same_title,
    boilerplate_patterns,
    find_dateline,
    is_boilerplate,
    looks_like_headline,
    split_lines,
)
from newscoder.ingest.normalise import (
    clean_value,
    describe,
    invisible_chars,
    parse_text,
    replace_surrogates,
)
from newscoder.types import Article, Span

__all__ = [
    "BYLINE_MAX_CHARS",
    "DEFAULT_MAX_CHARS",
    "EARLIEST_PUBLISHED",
    "FURNITURE_MAX_CHARS",
    "HEADLINE_MAX_CHARS",
    "LATEST_PUBLISHED",
    "Credit",
    "CreditRules",
    "Line",
    "article_from_text",
    "boilerplate_patterns",
    "build_article",
    "check_text",
    "credit_names",
    "credit_rules",
    "decode",
    "decode_bytes",
    "find_byline",
    "find_credit",
    "find_dateline",
    "is_boilerplate",
    "looks_like_headline",
    "normalise_newlines",
    "parse_published",
    "prepare_text",
    "split_lines",
    "stable_id",
]

DEFAULT_MAX_CHARS = 1_000_000


# -- small pure helpers ----------------------------------------------------------------


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def stable_id(text: str) -> str:
    """First 16 hex characters of the SHA-256 of the (normalised) text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# The dates relative expressions are resolved against must leave room for "last
# year" and "next month" on either side; year 1 is a placeholder ("0001-01-01" is
# many systems' empty date), never a publication date.
EARLIEST_PUBLISHED = dt.date(1000, 1, 1)
LATEST_PUBLISHED = dt.date(9998, 12, 31)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_published(value: object) -> dt.date | None:
    """A date: ``YYYY-MM-DD``, or a full ISO datetime starting with one (its date part);
    blank means unknown. Anything else (``2022-12-02garbage``, ``2022-13-01``,
    ``0001-01-01``) raises :class:`~newscoder.errors.BadPublished`."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _in_range(value, value.isoformat())
    if not isinstance(value, str):
        kind = type(value).__name__
        raise BadPublished(f"published must be a date or an ISO string, not {kind}.")
    stripped = value.strip()
    if not stripped:
        return None
    shown = value[:40].encode("utf-8", "backslashreplace").decode("utf-8")
    try:
        if not _ISO_DAY.match(stripped):
            raise ValueError
        if len(stripped) == 10:
            day = dt.date.fromisoformat(stripped)
        elif stripped[10] in "T ":
            day = dt.datetime.fromisoformat(stripped).date()
        else:
            raise ValueError
    except ValueError:
        raise BadPublished(f"published {shown!r} is not an ISO date (YYYY-MM-DD).") from None
    return _in_range(day, shown)


def _in_range(day: dt.date, shown: str) -> dt.date:
    if not EARLIEST_PUBLISHED <= day <= LATEST_PUBLISHED:
        raise BadPublished(
            f"published {shown!r} is outside {EARLIEST_PUBLISHED} to {LATEST_PUBLISHED} "
            "(a placeholder date?).",
            fix="Give the real publication date, or leave it out (relative dates then stay "
            "unresolved).",
        )
    return day


# -- decoding (files only; callers' strings are never rewritten) ------------------------

_FIX_TEXT = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)
_FIX_HTML = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, unescape_html=False
)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(
        1 for ch in text[:10_000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v"
    )
    return controls > max(3, len(text[:10_000]) // 100)


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode file bytes (UTF-8 first, then charset-normalizer's guess) and repair mojibake."""
    return decode(data, html=html)[0]


# A UTF-8 file with a few bad bytes stays UTF-8 when at least this share of its
# non-ASCII sequences are valid UTF-8 (a legacy code page almost never forms them).
_UTF8_MIN_VALID_SHARE = 0.5


def decode(data: bytes, *, html: bool = False) -> tuple[str, tuple[str, ...]]:
    """Decode file bytes, with the warnings that go with it.

    Valid UTF-8 is read as such. UTF-8 with a few invalid bytes (a truncated or
    spliced file) stays UTF-8: each bad byte becomes U+FFFD and warning W103 says
    how many, rather than the whole file being re-read in a guessed code page.
    Anything else goes to charset-normalizer. Mojibake is then repaired by ftfy.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    warnings: tuple[str, ...] = ()
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text, bad = _mostly_utf8(data)
        if text is not None:
            warnings = (
                warning(W_BAD_BYTES, f"{bad} invalid UTF-8 byte sequence(s) became U+FFFD"),
            )
    if text is None or _looks_binary(text):
        best = _best_guess(data)
        if best is None:
            raise UndecodableInput("The bytes are not text in any known encoding.")
        text, warnings = str(best), ()
        if _looks_binary(text):
            raise UndecodableInput("The input looks like binary data, not text.")
    return ftfy.fix_text(text, _FIX_HTML if html else _FIX_TEXT), warnings


# Among guesses charset-normalizer finds as clean as its best (a short text often fits
# several code pages), the one most news in Latin script was written in: Windows-1252 (a
# superset of ISO-8859-1). Else a short French text came out in Windows-1250.
_PREFERRED_LEGACY = "cp1252"


def _best_guess(data: bytes) -> CharsetMatch | None:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos > best.chaos:  # coherence (a language guess) is noise on a short text
            continue
        if _PREFERRED_LEGACY in (match.encoding, *match.could_be_from_charset):
            return match
    return best


def _mostly_utf8(data: bytes) -> tuple[str | None, int]:
    """``data`` decoded as UTF-8 with replacement when most of its non-ASCII is valid
    UTF-8, and the number of invalid sequences; (None, n) when it is not."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if valid and valid / (valid + bad) >= _UTF8_MIN_VALID_SHARE:
        return text, bad
    return None, bad


# -- the article ----------------------------------------------------------------------


def check_text(text: object, *, max_chars: int) -> str:
    """Validate and newline-normalise a caller's text (raises the per-record errors);
    lone surrogates become U+FFFD (see :func:`prepare_text` for the warning)."""
    return prepare_text(text, max_chars=max_chars)[0]


def prepare_text(text: object, *, max_chars: int) -> tuple[str, tuple[str, ...]]:
    """A caller's text made safe to code and store, with the warnings that says so.

    Newlines are normalised; each lone surrogate becomes U+FFFD, one for one (W101).
    Nothing else changes: control and bidi characters stay (the parser reads them
    as spaces, see :mod:`newscoder.ingest.normalise`). Raises ``MissingText``,
    ``TextTooLong`` or ``EmptyText``.
    """
    if not isinstance(text, str):
        raise MissingText(f"text must be a string, not {type(text).__name__}.")
    if len(text) > max_chars:
        raise TextTooLong(f"text has {len(text):,} characters; the limit is {max_chars:,}.")
    text = normalise_newlines(text)
    warnings: list[str] = []
    text, surrogates = replace_surrogates(text)
    if surrogates:
        warnings.append(
            warning(
                W_SURROGATES,
                f"{surrogates} lone surrogate(s) replaced by U+FFFD, one for one; "
                "offsets are unchanged",
            )
        )
    if not parse_text(text).strip():
        raise EmptyText("text is empty or holds only whitespace and invisible characters.")
    return text, tuple(warnings)


def _text_warnings(text: str, parsed: str) -> list[str]:
    """W102 (invisible characters) and W104 (not English) for an article's text."""
    out = []
    if parsed is not text:
        chars = invisible_chars(text)
        out.append(
            warning(
                W_INVISIBLE,
                f"{describe(chars)} read as space(s) by the parser; text and offsets unchanged",
            )
        )
    lang = language_warning(parsed)
    if lang is not None:
        out.append(lang)
    return out


def build_article(
    text: str,
    *,
    id: str | None,
    published: dt.date | None,
    title: str | None,
    url: str | None,
    source: str | None,
    author: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Article:
    """Find headline, byline, dateline, credits and boilerplate in an already checked text.

    They are found in the parser's view of the text (control and bidi characters as
    spaces, same offsets); ``Article.text`` stays the caller's.
    """
    parsed = parse_text(text)
    warnings = (*warnings, *_text_warnings(text, parsed))
    lines = split_lines(parsed)
    boiler = {i for i, ln in enumerate(lines) if is_boilerplate(ln.text)}
    credits: dict[int, Credit] = {}
    for i, line in enumerate(lines):
        credit = None if i in boiler else find_credit(line)
        if credit is not None:
            credits[i] = credit

    title_line = None
    if title is None:
        title_line = _headline_index(lines, boiler)
        if title_line is not None:
            title = lines[title_line].text
    else:
        first = next((i for i, ln in enumerate(lines) if ln.text and i not in boiler), None)
        if first is not None and _same_title(lines[first].text, title):
            title_line = first
    title_span = None
    body_line = 0
    if title_line is not None:
        title_span = Span(lines[title_line].start, lines[title_line].end)
        body_line = title_line + 1

    body = [i for i in range(body_line, len(lines)) if lines[i].text and i not in boiler]
    body_start = lines[body[0]].start if body else len(parsed)
    byline: tuple[str, ...] = ()
    dateline = None
    if body:
        byline = find_byline(lines[body[0]])
        lead = body[1] if byline and len(body) > 1 else body[0]
        if byline:
            ln = lines[body[0]]
            credits.setdefault(body[0], Credit(Span(ln.start, ln.end), (), ()))
        if lead not in credits:
            dateline = find_dateline(lines[lead].text)

    contributors = dict.fromkeys(name for c in credits.values() for name in c.people)
    return Article(
        id=clean_value(id) if id is not None else stable_id(text),
        text=text,
        title=title,
        title_span=title_span,
        published=published,
        url=url,
        source=source,
        author=author if author is not None else (", ".join(byline) or None),
        dateline=dateline,
        body_start=body_start,
        contributors=tuple(contributors),
        credit_spans=tuple(c.span for _, c in sorted(credits.items())),
        boilerplate_spans=tuple(Span(lines[i].start, lines[i].end) for i in sorted(boiler)),
        warnings=warnings,
    )


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    published: dt.date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """An :class:`Article` from a caller's text; offsets point into the newline-normalised text.

    Raises :class:`~newscoder.errors.MissingText`, ``EmptyText``, ``TextTooLong`` or
    ``BadPublished`` (all :class:`~newscoder.errors.RecordError`).
    """
    checked, warnings = prepare_text(text, max_chars=max_chars)
    return build_article(
        checked,
        id=id,
        published=parse_published(published),
        title=_clean_str(title),
        url=_clean_str(url),
        source=_clean_str(source),
        warnings=warnings,
    )


def _clean_str(value: object) -> str | None:
    """A caller's title / url / source: stripped, storable (no lone surrogates), or None."""
    if not isinstance(value, str):
        return None
    return clean_value(value.strip()) or None
