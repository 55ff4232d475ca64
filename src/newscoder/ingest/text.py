"""Plain text in, :class:`~newscoder.types.Article` out.

Offsets of every later stage point into ``Article.text``, so the caller's string is
only newline-normalised, never rewritten. What ingest finds about the text
(headline, byline, dateline, credit lines, page boilerplate) is recorded as spans
and values beside it; nothing is cut out.

The knowledge (boilerplate patterns, credit-line patterns and word lists) lives in
``newscoder/data/boilerplate.txt`` and ``newscoder/data/credit_patterns.txt``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ftfy
from charset_normalizer import from_bytes

from newscoder.errors import (
    W_BAD_BYTES,
    W_INVISIBLE,
    W_SURROGATES,
    BadPublished,
    EmptyText,
    KnowledgeError,
    MissingText,
    TextTooLong,
    UndecodableInput,
    warning,
)
from newscoder.ingest.language import language_warning
from newscoder.ingest.normalise import (
    clean_value,
    describe,
    invisible_chars,
    parse_text,
    replace_surrogates,
)
from newscoder.lexicon import word_map
from newscoder.types import Article, Span

DEFAULT_MAX_CHARS = 1_000_000
HEADLINE_MAX_CHARS = 200
# Longer lines are paragraphs of the story, never page furniture or credits.
FURNITURE_MAX_CHARS = 500
BYLINE_MAX_CHARS = 150

_CREDIT_SECTIONS = ("line", "word", "role", "org", "particle")
_VERBS = frozenset({"contributed", "contributing", "reported"})
_PREPS = frozenset({"in", "from", "at"})


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text; ``start``/``end`` bound its content without surrounding spaces."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class CreditRules:
    lines: tuple[re.Pattern[str], ...]
    words: frozenset[str]
    roles: frozenset[str]
    orgs: frozenset[str]
    particles: frozenset[str]


@dataclass(frozen=True, slots=True)
class Credit:
    """A credit found in a line: where it is, and the people and organisations it names."""

    span: Span
    people: tuple[str, ...]
    orgs: tuple[str, ...]


# -- data files ------------------------------------------------------------------------


def _data_lines(name: str) -> list[tuple[int, str]]:
    path = resources.files("newscoder").joinpath("data", name)
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            rows.append((number, line))
    return rows


def _compile(pattern: str, name: str, number: int, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise KnowledgeError(f"{name} line {number}: bad regex {pattern!r} ({error}).") from error


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Each line of ``boilerplate.txt`` compiled case-insensitively (full-line patterns)."""
    return tuple(
        _compile(p, "boilerplate.txt", n, re.IGNORECASE) for n, p in _data_lines("boilerplate.txt")
    )


@cache
def _boilerplate_regex() -> re.Pattern[str]:
    # One alternation: a line is tested once instead of once per pattern.
    joined = "|".join(f"(?:{p.pattern})" for p in boilerplate_patterns())
    return re.compile(joined, re.IGNORECASE)


@cache
def credit_rules() -> CreditRules:
    """The sections of ``credit_patterns.txt``."""
    sections: dict[str, list[tuple[int, str]]] = {s: [] for s in _CREDIT_SECTIONS}
    current = None
    for number, line in _data_lines("credit_patterns.txt"):
        if line.startswith("[") and line.endswith("]") and line[1:-1] in sections:
            current = line[1:-1]
        elif current is None:
            raise KnowledgeError(f"credit_patterns.txt line {number}: entry before a [section].")
        else:
            sections[current].append((number, line))
    patterns = tuple(_compile(p, "credit_patterns.txt", n) for n, p in sections["line"])

    def words(section: str) -> frozenset[str]:
        return frozenset(w.lower() for _, w in sections[section])

    return CreditRules(patterns, words("word"), words("role"), words("org"), words("particle"))


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


def split_lines(text: str) -> list[Line]:
    lines = []
    start = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(Line(start + lead, start + lead + len(stripped), stripped))
        start += len(raw) + 1
    return lines


def is_boilerplate(line: str) -> bool:
    line = line.strip()
    return (
        bool(line)
        and len(line) <= FURNITURE_MAX_CHARS
        and bool(_boilerplate_regex().fullmatch(line))
    )


def _titlecase_ratio(line: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


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
        best = from_bytes(data).best()
        if best is None:
            raise UndecodableInput("The bytes are not text in any known encoding.")
        text, warnings = str(best), ()
        if _looks_binary(text):
            raise UndecodableInput("The input looks like binary data, not text.")
    return ftfy.fix_text(text, _FIX_HTML if html else _FIX_TEXT), warnings


def _mostly_utf8(data: bytes) -> tuple[str | None, int]:
    """``data`` decoded as UTF-8 with replacement when most of its non-ASCII is valid
    UTF-8, and the number of invalid sequences; (None, n) when it is not."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if valid and valid / (valid + bad) >= _UTF8_MIN_VALID_SHARE:
        return text, bad
    return None, bad


# -- credit lines ---------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[\w'’])?\.?|[,;()&|\[\]]|\.|—|–|-{1,2}")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # cap, prep, and, comma, by, word, verb, role, particle, stop, other
    text: str


def _tokens(text: str, rules: CreditRules) -> list[_Tok]:
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        if not raw[0].isalpha():
            kind = "comma" if raw == "," else "and" if raw == "&" else "stop"
            tokens.append(_Tok(kind, raw))
            continue
        core, stop = raw, False
        # "Charleston." ends a sentence; "D.C.", "Jr." and "Pa." are abbreviations.
        if raw.endswith(".") and len(raw) > 3 and not _INITIALS.fullmatch(raw[:-1]):
            core, stop = raw[:-1], True
        tokens.append(_Tok(_word_kind(core, rules), core))
        if stop:
            tokens.append(_Tok("stop", "."))
    return tokens


def _is_capitalised(word: str) -> bool:
    if word[0].isupper():
        return True
    head, _, tail = word.partition("-")
    return len(head) <= 3 and tail[:1].isupper()  # "al-Balkhi", "el-Sisi"


def _word_kind(word: str, rules: CreditRules) -> str:
    low = word.lower()
    if low in _PREPS and word.islower():
        return "prep"
    if low in ("and", "by"):
        return low
    if low in _VERBS:
        return "verb"
    if low in rules.roles:
        return "role"
    if low in rules.words and low != "a":
        return "word"
    if low in rules.particles and word.islower():
        return "particle"
    return "cap" if _is_capitalised(word) else "other"


def _runs(tokens: list[_Tok]) -> list[_Tok | tuple[str, ...]]:
    """Group capitalised words (with name particles between them) into runs."""
    items: list[_Tok | tuple[str, ...]] = []
    run: list[str] = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.kind == "cap" or (tok.kind == "particle" and run and nxt and nxt.kind == "cap"):
            run.append(tok.text)
            continue
        if run:
            items.append(tuple(run))
            run = []
        items.append(tok)
    if run:
        items.append(tuple(run))
    return items


def _kind_at(items: list[_Tok | tuple[str, ...]], i: int) -> str | None:
    if 0 <= i < len(items):
        item = items[i]
        return "run" if isinstance(item, tuple) else item.kind
    return None


def _named_before(items: list[_Tok | tuple[str, ...]], i: int) -> bool:
    """A run in a list of places is a person when a preposition or verb follows it,
    directly or through "and" ("in Orlando, Jane Roe and Ann Poe in Miami")."""
    after = _kind_at(items, i + 1)
    if after in ("prep", "verb"):
        return True
    return after == "and" and _kind_at(items, i + 2) == "run" and _named_before(items, i + 2)


def credit_names(text: str) -> tuple[list[str], list[str]] | None:
    """People and organisations credited in ``text``; None when it is not a credit.

    An unknown lowercase word before the verb rejects the text, so a sentence that
    merely ends in "contributed" is not taken for a credit.
    """
    rules = credit_rules()
    items = _runs(_tokens(text, rules))
    people: list[str] = []
    orgs: list[str] = []
    context = "person"
    seen_verb = False
    for i, item in enumerate(items):
        if not isinstance(item, tuple):
            if item.kind == "verb":
                seen_verb = True
            if item.kind == "other" and not seen_verb:
                return None
            if item.kind in ("by", "word", "verb", "role", "stop"):
                context = "person"
            continue
        name = " ".join(item)
        before, after = _kind_at(items, i - 1), _kind_at(items, i + 1)
        if after == "role" or any(w.lower().strip(".") in rules.orgs for w in item):
            orgs.append(name)
        elif before == "prep":
            context = "place"
        elif context == "person" or _named_before(items, i):
            people.append(name)
            context = "person"
    if not people and not orgs:
        return None
    return people, orgs


_TRAILING_PAREN = re.compile(r"\(([^()]{8,})\)[.\s]*$")


def find_credit(line: Line) -> Credit | None:
    """A credit line, or a credit in parentheses closing a paragraph ("... (Reporting by X)")."""
    if not line.text or len(line.text) > FURNITURE_MAX_CHARS * 2:
        return None
    candidates = [(line.text, line.start)]
    paren = _TRAILING_PAREN.search(line.text)
    if paren is not None and paren.start() > 0:
        candidates.append((paren.group(0).rstrip(". \t"), line.start + paren.start()))
    for candidate, start in candidates:
        for pattern in credit_rules().lines:
            if not pattern.fullmatch(candidate):
                continue
            found = credit_names(candidate)
            if found is not None:
                people, orgs = found
                return Credit(Span(start, start + len(candidate)), tuple(people), tuple(orgs))
    return None


_BYLINE = re.compile(r"(?:By|BY)\s+(?P<names>\S.*)")


def find_byline(line: Line) -> tuple[str, ...]:
    """Names on a "By Jane Doe and John Roe, Reuters" line; empty when it is not one."""
    match = _BYLINE.fullmatch(line.text)
    if match is None or len(line.text) > BYLINE_MAX_CHARS:
        return ()
    found = credit_names(match.group("names"))
    return tuple(found[0]) if found else ()


# -- datelines and headlines ----------------------------------------------------------

_CAPS = r"A-ZÀ-ÖØ-Þ"
# "Jan", "Sept.", "January": a month's first three letters (Reuters' old style)
_MONTH_STARTS = dict.fromkeys(name[:3].title() for name in word_map("month_names"))
_MONTH = "(?:" + "|".join(_MONTH_STARTS) + r")[a-z]*\.?"
_REGION = r"(?:,\s[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3})"
_AGENCY = r"\([A-Z][\w.&'’ -]{0,40}\)"
_DASH = r"(?:—|–|-{1,2})"
_DATELINE = re.compile(
    rf"""(?:
      (?P<caps>[{_CAPS}][{_CAPS}'’.-]+(?:\s[{_CAPS}][{_CAPS}'’.-]*){{0,3}})(?P<region>{_REGION})?
      (?P<date>,?\s{_MONTH}\s\d{{1,2}})?\s*(?P<agency>{_AGENCY}\s*)?(?:{_DASH}|:)
    | (?P<mixed>[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]*){{0,3}}{_REGION}?)
      (?:,?\s{_MONTH}\s\d{{1,2}}\s*{_AGENCY}\s*(?:{_DASH})?  # "Comilla, Jan 15 (UNB)"
        |(?:,?\s{_MONTH}\s\d{{1,2}})?\s*{_AGENCY}\s*{_DASH})
    )\s+(?=\S)""",
    re.VERBOSE,
)


def _known_place(name: str) -> bool:
    """A town, region or country the bundled gazetteer knows (GeoNames, loaded once
    per process; the coder needs it anyway)."""
    from newscoder.resolve.gazetteer import get_gazetteer

    return get_gazetteer().knows(name)


def find_dateline(line: str) -> str | None:
    """The place of a dateline opening ``line`` ("KABUL, Afghanistan —" -> "KABUL, Afghanistan").

    A bare capitalised word before a dash ("WASHINGTON —") must be a known town, as
    "EXCLUSIVE —" or "UPDATE:" open stories just the same way.
    """
    match = _DATELINE.match(line)
    if match is None:
        return None
    if match.group("caps"):
        place = match.group("caps") + (match.group("region") or "")
        bare = not (match.group("region") or match.group("date") or match.group("agency"))
        if bare and not _known_place(match.group("caps")):
            return None
    else:
        place = match.group("mixed")
    place = place.strip()
    return place if len(place) <= 60 else None


# "Aleppo? Were there" - a second sentence; "Mr. Khan" and "U.S. forces" are not breaks.
_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})[.?!][\"”’']?\s+[A-Z]")


def looks_like_headline(line: str) -> bool:
    """Short, not a dateline, and either without closing punctuation or in title case."""
    if not 2 <= len(line) <= HEADLINE_MAX_CHARS or not any(c.isalpha() for c in line):
        return False
    if len(line.split()) > 30 or find_dateline(line) is not None:
        return False
    if _SENTENCE_BREAK.search(line):
        return False
    core = line.rstrip("\"'”’»)] ")
    if core and core[-1] in ".,;:" and not core.endswith("..."):
        # Proper names make sentences look title-cased, hence the high bar.
        return _titlecase_ratio(line) >= 0.8
    return True


def _headline_index(lines: list[Line], skipped: set[int]) -> int | None:
    content = [i for i, ln in enumerate(lines) if ln.text and i not in skipped]
    if len(content) < 2:
        return None
    first, line = content[0], lines[content[0]].text
    # A datelined body under it makes a short line a headline even with a full stop.
    over_dateline = (
        len(line) <= HEADLINE_MAX_CHARS
        and find_dateline(line) is None
        and find_dateline(lines[content[1]].text) is not None
    )
    if not (looks_like_headline(line) or over_dateline):
        return None
    following = lines[first + 1].text
    if not following or first + 1 in skipped or over_dateline:
        return first
    # No blank line: the next line must read as a paragraph, clearly longer than a headline.
    longer = len(following) >= max(80, 1.5 * len(line))
    return first if longer and following[-1] in '.!?"”’' else None


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


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
