"""The lines of an article and what they are: page boilerplate, the headline, the dateline.

Each is found in the parser's view of the text and kept as a span or a value; nothing is
cut out. The boilerplate patterns live in ``newscoder/data/boilerplate.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newscoder.errors import KnowledgeError
from newscoder.lexicon import word_map

HEADLINE_MAX_CHARS = 200
# Longer lines are paragraphs of the story, never page furniture or credits.
FURNITURE_MAX_CHARS = 500


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text; ``start``/``end`` bound its content without surrounding spaces."""

    start: int
    end: int
    text: str


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
    match = _dateline_match(line)
    if match is None:
        return None
    return (
        (match.group("caps") + (match.group("region") or "")).strip()
        if match.group("caps")
        else match.group("mixed").strip()
    )


def dateline_length(line: str) -> int | None:
    """How many characters of ``line`` a dateline opening it takes, with its dash
    and the space after ("KYIV, Ukraine (AP) — " -> 21), or None without one."""
    match = _dateline_match(line)
    return match.end() if match is not None else None


def _dateline_match(line: str) -> re.Match[str] | None:
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
    return match if len(place.strip()) <= 60 else None


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
