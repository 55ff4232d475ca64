"""Case restored for the parser, keeping every offset.

en_core_web_sm learned English from cased text: on a lower-cased article it finds
no entities and mis-parses sentence starts, datelines and names. When a text is
mostly lower-case (or mostly upper-case, which is first lowered), :func:`truecase`
gives a string of the *same length* in which only the case of some letters changed:

- sentence starts, the first word of each line, "i";
- weekdays, and months next to a number ("march 15", "15 march");
- a dateline ("surat: police said") becomes "SURAT: Police said", as wire copy
  writes it, when the gazetteer knows the place;
- knowledge-base names as the knowledge base writes them ("Indian Army"), and
  its acronyms upper-cased ("CRPF");
- countries, demonyms, admin1 units and big towns anywhere; smaller towns where a
  place is expected ("in godhra", "naroda area");
- honorifics and the names after them ("Mr Gill"), and unknown words after a
  role noun ("chief minister Narendra Modi").

What counts as a name comes from a :class:`CaseLexicon` (built from the gazetteer
and the knowledge base in :mod:`newscoder.resolve.case_names`); this module holds
only the rules. On normally cased text :func:`truecase` returns the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from newscoder.lexicon import alternation, word_list, word_map, words

CaseMode = Literal["lower", "upper"]

# Below this share of capitalised words a text is "lower-cased": normal English
# prose has 10-20 % (sentence starts and names), a lower-cased feed a few headline
# or boilerplate words.
LOWER_SHARE = 0.03
# Above this share of all-capital words a text is "upper-cased" (wire headlines
# and some feeds); a normal text with acronyms has a few percent.
UPPER_SHARE = 0.85
MIN_WORDS = 3  # too few words to judge: leave the text alone
MAX_NAME_WORDS = 4

_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")
_AFTER_STOP = re.compile(r"[a-z]{2}[.!?][\"'”’)]*\s+[\"'“‘(]*([^\W\d_])")


@dataclass(frozen=True, slots=True)
class CaseLexicon:
    """What the truecaser may capitalise. Keys are lower-case phrases of words
    joined by one space (``key`` makes them from text: folding accents and the like).

    - ``cased``: phrase -> its exact casing (knowledge-base names), same length;
    - ``acronyms``: words upper-cased whole;
    - ``names``: phrase keys capitalised anywhere (countries, admin1, big towns);
    - ``places``: phrase keys capitalised only where a place is expected;
    - ``common(word)``: True for an English word (never taken for a name after a
      role noun).
    """

    cased: dict[str, str]
    acronyms: frozenset[str]
    names: frozenset[str]
    places: frozenset[str]
    common: Callable[[str], bool]
    key: Callable[[str], str] = str.lower


def case_mode(text: str) -> CaseMode | None:
    """ "lower" for mostly lower-cased text, "upper" for mostly upper-cased, else None."""
    found = _WORD.findall(text)
    if len(found) < MIN_WORDS:
        return None
    # Sentences that start in lower case tell it best: normal prose capitalises
    # nearly all of them, whatever trailer or boilerplate words a page adds.
    starts = [m.group(1) for m in _AFTER_STOP.finditer(text)]
    if len(starts) >= 2 and sum(1 for c in starts if c.islower()) > len(starts) / 2:
        return "lower"
    capitalised = sum(1 for w in found if w[0].isupper())
    if capitalised / len(found) < LOWER_SHARE:
        return "lower"
    shouting = sum(1 for w in found if w.isupper() and len(w) > 1)
    long_words = sum(1 for w in found if len(w) > 1)
    if long_words and shouting / long_words > UPPER_SHARE:
        return "upper"
    return None


def _same_length(text: str, change: Callable[[str], str]) -> str:
    # str.lower()/upper() may change a length ("İ" -> "i̇"): such letters stay.
    return "".join(c2 if len(c2 := change(c)) == 1 else c for c in text)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    months = "|".join(sorted(map(re.escape, word_map("month_names")), key=len, reverse=True))
    honorifics = "|".join(map(re.escape, word_list("truecase_honorifics")))
    titles = "|".join(map(re.escape, sorted(word_list("truecase_titles"), key=len, reverse=True)))
    name_word = r"(?:[^\W\d_]\.(?:\s?[^\W\d_]\.)*|[^\W\d_]{2,})"
    return {
        # A sentence start: the text's or a line's first letter, or one after . ! ?
        "start": re.compile(
            r"(?:\A|\n|[.!?][\"'”’)\]]*[ \t]+)[ \t]*[\"'“‘(\[]*(?P<letter>[^\W\d_])"
        ),
        "i": re.compile(r"(?<![\w.’'-])i(?=$|[\s,;:!?’']|\.\s)"),
        "weekday": re.compile(r"\b(?:" + "|".join(word_list("weekday_names")) + r")\b"),
        "month": re.compile(
            rf"\b(?P<a>{months})\.?\s+\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<b>{months})\b"
        ),
        "dateline": re.compile(
            r"(?m)^[ \t]*(?P<place>[^\W\d_][^\W\d_'’.-]*(?:[ -][^\W\d_][^\W\d_'’.-]*){0,3})"
            r"[ \t]*(?::|—|–|--)[ \t]+[\"'“‘(]*(?P<next>[^\W\d_])"
        ),
        "honorific": re.compile(
            rf"\b(?P<title>{honorifics})\b\.?[ \t]+(?P<names>{name_word}"
            rf"(?:[ \t]+{name_word}){{0,{MAX_NAME_WORDS - 1}}})"
        ),
        "title": re.compile(
            rf"\b(?:{titles})[ \t]+(?P<names>{name_word}"
            rf"(?:[ \t]+{name_word}){{0,{MAX_NAME_WORDS - 1}}})"
        ),
        "unit_after": re.compile(
            r"[ \t]+(?:"
            + alternation("place_unit_words")
            + "|"
            + alternation("place_settlement_words")
            + r"|area|areas)\b"
        ),
    }


@cache
def _abbreviations() -> frozenset[str]:
    return words("truecase_abbreviations") | words("truecase_honorifics")


class _Caser:
    """The text as a list of characters, raised to capitals rule by rule."""

    def __init__(self, text: str, lexicon: CaseLexicon) -> None:
        self.text = text
        self.chars = list(text)
        self.lex = lexicon

    def upper(self, start: int, end: int | None = None) -> None:
        for i in range(start, start + 1 if end is None else end):
            up = self.chars[i].upper()
            if len(up) == 1:
                self.chars[i] = up

    def capitalise_words(self, start: int, end: int) -> None:
        for n, match in enumerate(_WORD.finditer(self.text, start, end)):
            word = match.group()
            if n and word in words("truecase_connectors"):
                continue
            self.upper(match.start())

    def result(self) -> str:
        return "".join(self.chars)


def truecase(text: str, lexicon: CaseLexicon, mode: CaseMode | None = None) -> str:
    """``text`` with case restored where :func:`case_mode` finds it lower- or
    upper-cased (or as ``mode`` says); the same length, only letters' case changed."""
    mode = mode or case_mode(text)
    if mode is None:
        return text
    # Upper-cased text is lowered first; lower-cased text keeps the capitals it has.
    base = _same_length(text, str.lower) if mode == "upper" else text
    caser = _Caser(base, lexicon)
    _names(caser)
    _people(caser)
    _calendar(caser)
    _datelines(caser)
    _sentence_starts(caser)
    out = caser.result()
    assert len(out) == len(text)
    return out


# --- the rules -----------------------------------------------------------------------


def _phrases(text: str) -> list[tuple[int, int, list[re.Match[str]]]]:
    """Runs of words joined by single spaces or hyphens: (start, end, words)."""
    runs: list[tuple[int, int, list[re.Match[str]]]] = []
    current: list[re.Match[str]] = []
    for match in _WORD.finditer(text):
        if current and text[current[-1].end() : match.start()] not in {" ", "-"}:
            runs.append((current[0].start(), current[-1].end(), current))
            current = []
        current.append(match)
    if current:
        runs.append((current[0].start(), current[-1].end(), current))
    return runs


def _place_slot(text: str, start: int, end: int) -> bool:
    """A place is expected: after "in", "near" ..., before "district", "area" ...,
    or alone before a colon opening a line (a dateline)."""
    before = text[max(0, start - 20) : start].split()
    if before and before[-1].strip("(,") in words("truecase_place_words"):
        return True
    return bool(_patterns()["unit_after"].match(text, end))


def _names(caser: _Caser) -> None:
    text = caser.text
    for _, _, run in _phrases(text):
        i = 0
        while i < len(run):
            for size in range(min(MAX_NAME_WORDS, len(run) - i), 0, -1):
                start, end = run[i].start(), run[i + size - 1].end()
                phrase = text[start:end]
                if _name_at(caser, phrase, start, end):
                    i += size
                    break
            else:
                i += 1


def _name_at(caser: _Caser, phrase: str, start: int, end: int) -> bool:
    lex = caser.lex
    if _in_compound_word(caser, start, end):
        return False
    if " " not in phrase and "-" not in phrase and phrase in lex.acronyms:
        caser.upper(start, end)
        return True
    cased = lex.cased.get(phrase)
    if cased is not None and len(cased) == len(phrase):
        for offset, ch in enumerate(cased):
            if ch.isupper():
                caser.upper(start + offset)
        return True
    key = lex.key(phrase)
    if key in lex.names or (key in lex.places and _place_slot(caser.text, start, end)):
        caser.capitalise_words(start, end)
        return True
    return False


_HYPHEN_AFTER = re.compile(r"-([^\W\d_]+)")
_HYPHEN_BEFORE = re.compile(r"([^\W\d_]+)-$")


def _in_compound_word(caser: _Caser, start: int, end: int) -> bool:
    """A name that is one half of a hyphenated English word: "para-military" is
    paramilitary, not the state of Para; "delhi-based" keeps its Delhi."""
    text = caser.text
    after = _HYPHEN_AFTER.match(text, end)
    if after and caser.lex.common((text[start:end] + after.group(1)).lower()):
        return True
    before = _HYPHEN_BEFORE.search(text, max(0, start - 30), start)
    return bool(before) and caser.lex.common((before.group(1) + text[start:end]).lower())


def _people(caser: _Caser) -> None:
    """Honorifics with the name after them; unknown words after a role noun."""
    text = caser.text
    patterns = _patterns()
    for match in patterns["honorific"].finditer(text):
        caser.upper(match.start("title"))
        _name_words(caser, match.start("names"), match.end("names"), first_free=True)
    for match in patterns["title"].finditer(text):
        _name_words(caser, match.start("names"), match.end("names"), first_free=False)


def _name_words(caser: _Caser, start: int, end: int, *, first_free: bool) -> None:
    """Capitalise the name words of ``text[start:end]``: initials, and words that are
    no English words (the first one after an honorific in any case)."""
    lex = caser.lex
    for n, match in enumerate(re.finditer(r"[^\W\d_]\.|[^\W\d_]+", caser.text[start:end])):
        word = match.group()
        at = start + match.start()
        if word.endswith(".") or (len(word) == 1 and word not in {"a", "i"}):
            caser.upper(at)  # an initial
            continue
        if len(word) <= 3 and not set(word.lower()) & _VOWELS:
            caser.upper(at, at + len(word))  # initials run together: "pc pande", "kps gill"
            continue
        connector = word in words("truecase_connectors")
        if (n == 0 and first_free and not connector) or not lex.common(word):
            caser.upper(at)
            continue
        break


def _calendar(caser: _Caser) -> None:
    patterns = _patterns()
    for match in patterns["weekday"].finditer(caser.text):
        caser.upper(match.start())
    for match in patterns["month"].finditer(caser.text):
        group = "a" if match.group("a") else "b"
        caser.upper(match.start(group))


def _datelines(caser: _Caser) -> None:
    """A short label opening a line starts a sentence after it ("update: police
    said"); a label the gazetteer knows as a place is a dateline, upper-cased."""
    lex = caser.lex
    for match in _patterns()["dateline"].finditer(caser.text):
        caser.upper(match.start("next"))
        key = lex.key(match.group("place"))
        if key in lex.names or key in lex.places:
            caser.upper(match.start("place"), match.end("place"))


def _sentence_starts(caser: _Caser) -> None:
    text = caser.text
    abbreviations = _abbreviations()
    for match in _patterns()["start"].finditer(text):
        at = match.start("letter")
        stop = match.start()
        if text[stop : stop + 1] == ".":
            before = text[max(0, stop - 12) : stop].split()
            if before and before[-1].lower().lstrip("(") in abbreviations:
                continue
            if before and len(before[-1]) == 1:
                continue  # an initial: "k. singh"
        caser.upper(at)
    for match in _patterns()["i"].finditer(text):
        caser.upper(match.start())
