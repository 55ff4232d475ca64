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
import math
import re
import unicodedata

import ftfy
from charset_normalizer import CharsetMatch, from_bytes
from charset_normalizer.md import mess_ratio
from ftfy.badness import badness

from newscoder.errors import (
    W_BAD_BYTES,
    W_DECLARED_CHARSET,
    W_GUESSED_ENCODING,
    W_INVISIBLE,
    W_SURROGATES,
    BadPublished,
    EmptyText,
    MissingText,
    TextTooLong,
    UndecodableInput,
    warning,
)
from newscoder.ingest.charset import Declared, declared_charset
from newscoder.ingest.credits import (
    BYLINE_MAX_CHARS,
    Credit,
    CreditRules,
    credit_names,
    credit_rules,
    find_byline,
    find_credit,
)
from newscoder.ingest.language import detect, language_warning
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
    Otherwise a web page (``html``) is read in the charset its ``<meta>`` tag
    declares, when its bytes decode cleanly in it; anything else is read in the code
    page :func:`_best_guess` picks. Either way warning W106 names the code page and
    where it came from; W107 says when a page's declaration was not used (its bytes
    are UTF-8, do not decode in it, or it names no web encoding). Mojibake is then
    repaired by ftfy.
    """
    declared = None
    if data.startswith(codecs.BOM_UTF8):  # a byte-order mark beats a declaration
        data = data[len(codecs.BOM_UTF8) :]
    elif html:
        declared = declared_charset(data)
    fix = _FIX_HTML if html else _FIX_TEXT
    text, warnings = _utf8(data)
    if text is not None:
        if declared is not None and _contradicts(declared, data, text):
            warnings += (_not_used(declared, "its bytes are UTF-8: read as UTF-8"),)
        return ftfy.fix_text(text, fix), warnings
    if declared is not None and declared.codec is not None:
        text = _decoded(data, declared.codec)
        if text is not None:
            note = f"read as {declared.codec}, the charset the page declares ({declared.label})"
            return ftfy.fix_text(text, fix), (warning(W_GUESSED_ENCODING, f"not UTF-8: {note}"),)
    guesses = _best_guess(data)
    if not guesses:
        raise UndecodableInput("The bytes are not text in any known encoding.")
    (text, encoding), others = guesses[0], [e for _, e in guesses[1:3]]
    if _looks_binary(text):
        raise UndecodableInput("The input looks like binary data, not text.")
    warnings = (
        warning(
            W_GUESSED_ENCODING,
            f"not UTF-8: read as {encoding}, a guess from the bytes"
            + (f" (other letters if it is {' or '.join(others)})" if others else "")
            + "; convert the file to UTF-8 to be sure",
        ),
    )
    if declared is not None:
        why = "its bytes do not decode in it" if declared.codec else "that is no web encoding"
        warnings += (_not_used(declared, f"{why}: the code page was guessed"),)
    return ftfy.fix_text(text, fix), warnings


def _utf8(data: bytes) -> tuple[str | None, tuple[str, ...]]:
    """``data`` read as UTF-8 (with W103 when a few bytes are bad), or None when it is
    not UTF-8 text."""
    try:
        text: str | None = data.decode("utf-8")
        warnings: tuple[str, ...] = ()
    except UnicodeDecodeError:
        text, bad = _mostly_utf8(data)
        warnings = (warning(W_BAD_BYTES, f"{bad} invalid UTF-8 byte sequence(s) became U+FFFD"),)
    if text is None or _looks_binary(text):
        return None, ()
    return text, warnings


def _decoded(data: bytes, codec: str) -> str | None:
    """``data`` in ``codec`` when every byte decodes and the text is not binary."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


def _contradicts(declared: Declared, data: bytes, utf8: str) -> bool:
    """True when reading ``data`` as the page declares would give other text than
    UTF-8 gave (a page in plain ASCII fits any declaration)."""
    if declared.codec == "utf_8" or data.isascii():
        return False
    return declared.codec is None or _decoded(data, declared.codec) != utf8


def _not_used(declared: Declared, why: str) -> str:
    return warning(W_DECLARED_CHARSET, f"the page declares charset {declared.label!r}, but {why}")


# Why not charset-normalizer's own pick: on a sentence-long text several code pages
# decode without a flaw and it ranks them almost at random (Turkish "çatıştı" in
# Windows-1254 came out as Windows-1252 "çatýþtý"; Polish "ś" in ISO-8859-2 as "¶"),
# and on a short KOI8-R line its pass over all code pages never offers a Cyrillic one
# (it stops at a flawless Shift-JIS reading in half-width katakana). So its best
# guess, its clean guesses among the code pages news was commonly written in, its
# cleanest among the Cyrillic code pages (a pass of their own, _CYRILLIC), and the
# Latin-script ones always, are each decoded and ranked by three library measures of
# how much the result reads like text: ftfy's badness (mojibake-like character
# sequences); then whether charset-normalizer's mess ratio passes its own "not this
# code page" threshold (_MESSY: "Áîĺâčęč", windows-1251 read as Windows-1250, is
# all accented capitals, which ftfy finds no fault with); then py3langid's
# confidence that it is one language ("ş" and "ı" are Turkish, "þ" and "ý" in a
# Turkish word are not), as log-odds (0.999 and 0.99 differ as much as 0.9 and 0.5).
# Log-odds within _SURER of the best are a tie (one foreign name in an English text
# moves them a little either way), and a tie goes to Windows-1252 (a superset of
# ISO-8859-1); else a short French text came out in Windows-1250. Tuned on short
# lines in 26 languages (benchmarks/code_pages.py). The Cyrillic pass keeps only
# charset-normalizer's cleanest reading, as py3langid scores case-scrambled Cyrillic
# ("рПМЙГЙС", KOI8-R read as Windows-1251) about as high as the real text.
_LEGACY_LATIN = ("cp1252", "cp1250", "cp1254", "iso8859_2")
_CYRILLIC = ("koi8_r", "koi8_u", "cp1251", "iso8859_5")
_COMMON = frozenset(
    {f"cp125{n}" for n in range(9)}
    | {"iso8859_1", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_15"}
    | {"iso8859_16", "koi8_r", "koi8_u", "mac_roman", "cp866", "utf_16", "utf_32"}
    | {"gb18030", "gb2312", "gbk", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949"}
)
_PREFERRED_LEGACY = "cp1252"
_SURER = 1.0  # log-odds: the best is e times surer
_MESSY = 0.2  # charset-normalizer's default threshold: above it, not text in this code page
_SCORED_CHARS = 5_000  # the mess and language scores read each decoding's opening only


def _best_guess(data: bytes) -> list[tuple[str, str]]:
    """``(text, encoding)`` for each distinct decoding worth considering, best first;
    empty when nothing decodes."""
    matches = from_bytes(data)
    best = matches.best()
    readings: dict[str, set[str]] = {}  # text -> the encodings that read the bytes so
    for match in matches:
        names = {match.encoding, *match.could_be_from_charset}
        if match is best or (match.chaos <= best.chaos and names & _COMMON):
            readings.setdefault(str(match), set()).update(names)
    cyrillic = from_bytes(data, cp_isolation=list(_CYRILLIC))
    cleanest = min((match.chaos for match in cyrillic), default=0.0)
    for match in cyrillic:
        if match.chaos <= cleanest:
            readings.setdefault(str(match), set()).update(
                {match.encoding, *match.could_be_from_charset}
            )
    for encoding in _LEGACY_LATIN:
        try:
            readings.setdefault(data.decode(encoding), set()).add(encoding)
        except UnicodeDecodeError:
            continue
    if not readings:
        return []
    named = {text: _name(encodings, best) for text, encodings in readings.items()}
    readable = [text for text in readings if not _looks_binary(text)] or list(readings)
    scores = {text: _score(text) for text in readable}
    least = min((bad, messy) for bad, messy, _ in scores.values())
    top = max(sure for bad, messy, sure in scores.values() if (bad, messy) == least)

    def rank(text: str) -> tuple[int, bool, float]:
        bad, messy, sure = scores[text]
        tied = (bad, messy) == least and sure >= top - _SURER
        if tied and _PREFERRED_LEGACY in readings[text]:
            return (0, False, 0.0)
        return (1 if tied else 2 + bad, messy, -sure)

    return [(text, named[text]) for text in sorted(readable, key=rank)]


def _score(text: str) -> tuple[int, bool, float]:
    """ftfy's badness of ``text``, whether charset-normalizer finds its opening a mess,
    and the log-odds of py3langid's confidence in its language."""
    sample = text[:_SCORED_CHARS]
    guess = detect(sample)
    sure = min(max(guess[1] if guess else 0.0, 1e-9), 1 - 1e-9)
    return badness(text), mess_ratio(sample, _MESSY) >= _MESSY, math.log(sure / (1 - sure))


def _name(encodings: set[str], best: CharsetMatch | None) -> str:
    """The name to show for a reading several code pages share: the preferred one, or
    charset-normalizer's, or the first common one."""
    if _PREFERRED_LEGACY in encodings:
        return _PREFERRED_LEGACY
    if best is not None and best.encoding in encodings:
        return best.encoding
    return min(encodings, key=lambda e: (e not in _COMMON, e))


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
