"""Spans of place names the NER cut short, made whole again.

Helpers of :mod:`newscoder.resolve.toponyms`: the :class:`Mention` a
recognised name becomes, and the ways a span the NER stopped too early is read
on when the gazetteer knows the longer name (an abbreviation's full stop, a
particle, "of the", a compass word after a unit's name, two names a space
apart, a city named with its 's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from newscoder.registry import Kind, Stage, declare, fire


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that names a place, before resolution.

    ``source`` says how it was found (``ner``, ``street``, ``unit``,
    ``party``, ``dateline``, ``inside``, ``context``); ``unit`` is a unit word
    written with it ("county"); ``hint`` the text of the unit it is said to lie
    in ("Tenn.", "Louisiana", "Iraq")."""

    start: int
    end: int
    text: str
    source: str
    unit: str | None = None
    hint: str | None = None
    site: bool = False  # a street, road or natural feature: a site, not a settlement
    # A known name read out of a longer one the gazetteer lacks, after a word of
    # that name ("Plateau" of "Central Plateau", "Delta" of "Danube Delta").
    part: bool = False


ABBREVIATED_NAME = declare(
    "WW460", "abbreviated-name-whole", Stage.RESOLVE, Kind.FIND,
    "a place the NER cut at an abbreviation's full stop ('ST' of 'ST. JOHN'S') is read whole "
    "when the gazetteer knows the longer name; a known name keeps its 's",
)  # fmt: skip

SPLIT_NAME_WHOLE = declare(
    "WW480", "split-name-whole", Stage.RESOLVE, Kind.FIND,
    "a place split at a hyphen or cut after a word of its name ('Guinea' of "
    "'Guinea-Bissau') is read whole when the gazetteer knows the longer name",
)  # fmt: skip

# How well the gazetteer knows a name: 0 not at all, 1 a town, village or
# district, 2 a city of 50,000 people or more, 3 a country, admin1 unit, press
# abbreviation or world region.
Known = Callable[[str], int]
CITY = 2
MAJOR = 3

# Lower-case particles inside a unit's name: "Rio Grande do Norte", "Valle del Cauca".
PARTICLE = r"(?:de|do|da|dos|das|del|di|la|las|los|el|du|des|le|les|y)\s+"
COMPASS = frozenset({"north", "south", "east", "west"})


# An abbreviation of two or three letters and its full stop, then capitalised
# words: "ST. JOHN'S", "Ste. Genevieve".
_ABBREVIATED_TAIL = re.compile(r"\.\s?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")


def whole_name(text: str, s: int, e: int, end: int, known: Known) -> int:
    """End of the longest known name a stripped NER span (``s``-``e``, the
    entity ending at ``end``) belongs to: its possessive kept when the name has
    one ("St. John's"), an abbreviation read on past its full stop (WW460)."""
    if e < end and text[e:end] in {"'s", "’s"} and known(text[s:end]) >= CITY:
        return end  # a city named with its 's, not a possessive
    if not re.fullmatch(r"[A-Z][A-Za-z]{1,2}", text[s:e]):
        return e
    tail = _ABBREVIATED_TAIL.match(text, e)
    if tail is None:
        return e
    stop = tail.end()
    while stop > e:
        while stop > e and text[stop - 1] in ".,'’":
            stop -= 1
        if known(text[s:stop]):
            fire(ABBREVIATED_NAME, "read whole", text[s:stop], s)
            return stop
        cut = text.rfind(" ", e, stop)
        stop = cut if cut > e + 1 else e
    return e


_PARTICLE_TAIL = re.compile(rf"\s+(?:{PARTICLE}){{1,2}}[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")
# "Guinea" + "-Bissau", "Stratford" + "-upon-Avon": a name the tokenizer split at a hyphen.
_HYPHEN_TAIL = re.compile(r"(?:-[a-z]{2,4})?-[A-Z][\w'’]*")
# "People's " + "Republic of China": one capitalised word before the span.
_WORD_BEFORE = re.compile(r"[A-Z][\w'’]*\s+$")
# "Democratic Republic" + " of the Congo", "Newfoundland" + " and Labrador".
_OF_TAIL = re.compile(r"\s+(?:of|and)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def extended(mention: Mention, text: str, known: Known) -> Mention:
    """A name the NER cut at a lower-case particle, "of" or a hyphen, or after a
    word of its own, whole again when the gazetteer knows it: "Rio Grande" + " do
    Norte", "Valle" + " del Cauca", "Guinea" + "-Bissau", "People's " + "Republic
    of China" (which alone is Taiwan's name)."""
    if mention.site:
        return mention
    hyphen = _HYPHEN_TAIL.match(text, mention.end)
    if hyphen and known(text[mention.start : hyphen.end()]):
        fire(SPLIT_NAME_WHOLE, "read whole", text[mention.start : hyphen.end()], mention.start)
        return replace(mention, end=hyphen.end(), text=text[mention.start : hyphen.end()])
    before = _WORD_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    longer = known(text[before.start() : mention.end]) if before else 0
    if longer and longer >= known(mention.text):  # the span's own level only when needed
        fire(SPLIT_NAME_WHOLE, "read whole", text[before.start() : mention.end], before.start())
        return replace(mention, start=before.start(), text=text[before.start() : mention.end])
    word = _NEXT_WORD.match(text, mention.end)
    if word and word.group(1).lower() in COMPASS and known(text[mention.start : word.end()]):
        # "Mashonaland" + " West": a unit named with a compass word after it.
        return replace(mention, end=word.end(), text=text[mention.start : word.end()])
    tail = _PARTICLE_TAIL.match(text, mention.end) or _OF_TAIL.match(text, mention.end)
    if tail is None:
        return mention
    end = tail.end()
    while end > mention.end:
        if known(text[mention.start : end]):
            return replace(mention, end=end, text=text[mention.start : end])
        cut = text.rfind(" ", mention.end, end)
        end = cut if cut > mention.end else mention.end
    return mention


def joined(taken: list[Mention], text: str, known: Known) -> list[Mention]:
    """Two names a single space or a hyphen apart that the gazetteer knows as one
    ("Boa" + "Vista", "Guinea" + "Bissau", which the NER split) are one mention."""
    out: list[Mention] = []
    for m in taken:
        last = out[-1] if out else None
        if (
            last is not None
            and text[last.end : m.start] in {" ", "-"}
            and not (last.site or m.site)
            and known(text[last.start : m.end]) > max(known(last.text), known(m.text), 0)
        ):
            out[-1] = replace(last, end=m.end, text=text[last.start : m.end])
            continue
        out.append(m)
    return out
