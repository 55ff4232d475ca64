"""Toponym recognition: which spans of a text name places.

A cascade over one parsed ``Doc``: the NER's GPE / LOC / FAC entities first;
then patterns the NER misses (streets and highways, "X County", "Becker, Clay
and Wilkin counties", a legislator's "R-Marshall", a dateline); then names the
gazetteer knows inside other entities or in plain capitalised text, taken only
with evidence that a place is meant: a locative word before ("in", "near",
"of"), an admin hint after ("X, Tenn.", "X (Y)"), or a word that follows town
names ("X police", "X man", "X County Sheriff"). Single words the article uses
as a person's name are not places. What each span is comes later
(:mod:`newscoder.resolve.geoparse`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from spacy.tokens import Doc, Span

from newscoder.lexicon import alternation, word_map, words
from newscoder.nlp.cache import doc_ents, doc_text, token_bounds
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.name_senses import person_words_of, possessor_after_of, town_read_otherwise
from newscoder.resolve.toponym_spans import (
    CITY,
    COMPASS,
    MAJOR,
    PARTICLE,
    Known,
    Mention,
    extended,
    joined,
    whole_name,
)

# NER labels whose entities are place names as they stand.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities that may hold a place name inside ("Mansfield Police Department").
HOST_LABELS = words("toponym_host_labels")


ACTION_OBJECT_PLACE = declare(
    "WW400", "place-after-attack-verb", Stage.RESOLVE, Kind.FIND,
    "a name the gazetteer knows right after a verb of attack or taking ground "
    "('shelled Belgorod') names the place hit, whatever the NER called it",
)  # fmt: skip

ROAD_IN_ITS_UNIT = declare(
    "WW310", "road-in-its-unit", Stage.RESOLVE, Kind.FIND,
    "a numbered or state road named after its state, country or county ('Florida "
    "Highway 582', 'U.S. 321') names that unit: the road lies in it",
)  # fmt: skip


_UNIT_WORDS = r"County|Parish|Township|Borough|District|Province|Governorate|Region|Oblast"
UNIT_BEFORE = declare(
    "WW490", "unit-word-before-name", Stage.RESOLVE, Kind.FIND,
    "a unit word written before a name ('the state of Washington', 'the Province of "
    "Quebec') ranks the name's unit of that level first, as 'Washington state' does",
)  # fmt: skip

EPONYM = declare(
    "WW525", "place-in-a-disease-name", Stage.RESOLVE, Kind.VETO,
    "a place name in the name of a disease or thing named after it ('West Nile virus', "
    "'Hong Kong flu') is no toponym, nor the name alone that the gazetteer lacks",
)  # fmt: skip

NAME_FRAGMENT = declare(
    "PL230", "no-fragment-before-unit-word", Stage.RESOLVE, Kind.VETO,
    "a known name that only ends an unknown run of capitalised words before a unit word "
    "('Shwe Pin Kone village') is no place of its own",
)  # fmt: skip

LONGER_NAME = declare(
    "PL250", "part-of-a-longer-name", Stage.RESOLVE, Kind.FIND,
    "a place name the NER ends before an unknown capitalised word ('Tal' of 'Tal Abyad') "
    "or before 'al-' ('Ras al-Ain') is read as part of a longer name",
)  # fmt: skip

_PARTICLES = words("toponym_name_particles")
_UNIT_PLURALS = word_map("toponym_unit_plurals")
# "the state of X", "the Province of X", "the county of X": the unit word written
# before the name, as "X state" is written after it. Only with "the": "a province
# of Afghanistan" names the country the province lies in.
_UNIT_BEFORE = re.compile(
    r"\b[Tt]he\s+(?P<unit>(?i:state|province|county|governorate|oblast))\s+of\s+$"
)
_UNIT_LIST_WORDS = r"counties|parishes|townships|boroughs|districts|provinces"
_CAP = r"[A-Z][\w'’.-]*"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,3}}"
# "Rapides Parish", "Otter Tail County", "Kanawha County's"
_NOT_UNIT = rf"(?!(?:{_UNIT_WORDS}|Fire|Police|School|Water|Sheriff)\b)"
_UNIT = re.compile(
    rf"\b(?P<name>{_NOT_UNIT}{_CAP}(?:\s+{_NOT_UNIT}{_CAP}){{0,2}})\s+(?P<unit>{_UNIT_WORDS})\b"
)
# "Becker, Clay, Douglas and Wilkin counties", "Cooke, Grayson and Love counties"
# The unit word in lower case, as world news writes it: "Herat province", "Nari
# district, Kunar", "Puli Alam city". The span is the name; the hint is read after
# the unit word.
_UNIT_LOWER = re.compile(
    rf"\b(?P<name>{_CAP}(?:[\s-]+{_CAP}){{0,3}})\s+"
    rf"(?P<unit>{alternation('toponym_lower_units')})\b"
)
_UNIT_LIST = re.compile(
    rf"\b(?P<names>{_CAP}(?:\s+{_CAP})?(?:,\s+{_CAP}(?:\s+{_CAP})?)*,?\s+(?:and|or)\s+"
    rf"{_CAP}(?:\s+{_CAP})?)\s+(?P<unit>{_UNIT_LIST_WORDS})\b"
)
_STREET_WORDS = (
    r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Dr\.|Boulevard|Blvd\.|Lane|Ln\.|Parkway|Pkwy\."
    r"|Highway|Hwy\.|Pike|Trail|Terrace|Square|Plaza|Bridge|Turnpike|Expressway|Freeway"
)
_STREET_ABBREVIATIONS = words("toponym_street_abbreviations")
_STREET = re.compile(
    rf"\b(?P<name>(?:(?:North|South|East|West|Old|New)\s+)?[A-Z0-9][\w'’]*(?:\s+[A-Z][\w'’]*){{0,2}}"
    rf"\s+(?:{_STREET_WORDS}))(?=[\s,.;:)]|$)(?:\s+(?:North|South|East|West|[NSEW]\.?)\b)?"
)
_ROAD_NUMBER = re.compile(
    r"\b(?:Interstate|I-|U\.S\.(?: Highway| Route)?|State (?:Highway|Route|Road)|Highway|Hwy\.?"
    r"|Route|County Road|County Highway|Farm Road|FM|SR|Illinois Route|W\.Va\.)\s?-?\d{1,4}[A-Z]?\b"
)
_FEATURE_PRE = r"Lake|Mount|Mt\.|Lake of the"
_FEATURE_WORDS = (
    r"River|Lake|Creek|Valley|Mountains|Mountain|Island|Islands"
    r"|Bay|Canyon|Forest|Dam|Reservoir|Harbor|Harbour|Peninsula|Desert|Strait|Gulf|Sea|Ocean"
)
_FEATURE = re.compile(
    rf"\b(?:(?P<pre>{_FEATURE_PRE})\s+{_CAP}(?:\s+{_CAP})?"
    rf"|{_CAP}(?:\s+{_CAP}){{0,2}}\s+(?:{_FEATURE_WORDS}))\b"
)
# A legislator's party and home town or state: "Rep. Torrey Westrom, R-Elbow Lake",
# "D-N.Y.", "D-W. Va.", "R-Calif.", "D-McDowell"
_PARTY = re.compile(
    r"\b" + alternation("party_labels") + r"-(?P<name>[A-Z]\.\s?[A-Z][a-z]?\.|[A-Z][a-z]{1,4}\."
    r"|(?:Mc)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b)"
)
# A dateline opening the text or a line: "MANSFIELD -- ", "KABUL, Afghanistan —"
_DATELINE = re.compile(
    r"(?:^|\n|[.]\s)\s*(?P<name>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s+(?P<hint>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?))?\s*(?:\([A-Za-z ]+\)\s*)?(?:--|—|–)"
)
# "X, Y" and "X (Y)": the unit a place lies in, written after it (particles
# inside a unit's name: "Rio Grande do Norte").
_HINT = re.compile(
    rf"^(?:,\s*|\s*\()(?P<hint>[A-Z][\w.’'-]*(?:\s+(?:{PARTICLE})?[A-Z][\w.’'-]*){{0,2}})"
)

# Words before a name that say a place follows.
_LOCATIVE = words("toponym_locatives")
# Verbs of attack or taking ground: a known name right after one is the place hit.
_ACTION = words("toponym_action_verbs")
# Words after a name that town names take: "Alexandria police", "a Fargo man".
_AFTER = words("toponym_after_words")
# Capitalised words that are never a place on their own, whatever a gazetteer says.
_NEVER = words("toponym_never")
_TITLES = words("toponym_titles")
_DIRECTIONS = words("geo_direction_words")
# Words before a known name that are no word of a longer name (compass words are).
_NOT_NAME_WORDS = (_NEVER | _TITLES) - _DIRECTIONS

# The words each pattern of pattern_mentions cannot match without: a text lacking them
# skips that pattern (one quick search instead of a scan that backtracks at every
# capitalised word; the same mentions).
_NEEDS = {
    _UNIT: re.compile(_UNIT_WORDS),
    _UNIT_LIST: re.compile(_UNIT_LIST_WORDS),
    _UNIT_LOWER: re.compile(alternation("toponym_lower_units")),
    _STREET: re.compile(_STREET_WORDS),
    _FEATURE: re.compile(rf"{_FEATURE_PRE}|{_FEATURE_WORDS}"),
}


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and edge punctuation from a span."""
    span = text[start:end]
    lead = re.match(r"(?:the|The|THE)\s+", span)
    if lead:
        start += lead.end()
    span = text[start:end]
    tail = re.search(r"(?:['’]s|['’])$", span)
    if tail:
        end -= len(tail.group())
    while end > start and text[end - 1] in " ,;:-–—(\"'’":
        end -= 1
    while start < end and text[start] in " ,;:-–—)\"'‘’(":
        start += 1
    return start, end


def _hint_after(text: str, end: int) -> str | None:
    match = _HINT.match(text[end : end + 40])
    if match is None:
        return None
    hint = match.group("hint")
    if text[end : end + 2].lstrip().startswith("("):
        close = text.find(")", end)
        if close < 0 or close > end + 40:
            return None
    return hint.rstrip(",")


# A numbered or state road named after the unit that builds it: the unit's name
# ends before the road word ("Florida Highway 582", "U.S. 321", "Ohio Turnpike",
# "Mahnomen County Road 83"); avenues and streets named after states are not.
_ROAD_UNIT = re.compile(
    rf"^(?P<unit>.+?)\s+(?:(?:State\s+)?{alternation('toponym_state_road_words')}(?!\w)|\d)",
    re.IGNORECASE,
)
_COUNTY_ROAD = re.compile(r"^(?P<unit>.+?\bCounty)\s+(?:Road|Highway|Route)\b")


def _road_unit(road: str, known: Known) -> int:
    """Length of the state, country or county name that opens a road's name, or 0."""
    county = _COUNTY_ROAD.match(road)
    if county and known(county.group("unit")):
        return county.end("unit")
    unit = _ROAD_UNIT.match(road)
    if unit and known(unit.group("unit")) >= MAJOR:
        return unit.end("unit")
    return 0


def _no_name_word(word: str, known: Known) -> bool:
    """Whether a capitalised word before a known name with a unit word is no word of
    a longer name: a word that never names a place ("On"), a possessive ("Syria's"),
    a compass word or a country's or province's name ("Kunar Nari district")."""
    bare = word.lower().strip(".,")
    return (
        bare in _NOT_NAME_WORDS
        or bare in _DIRECTIONS
        or bare.endswith(("'s", "’s"))
        or known(word.strip(".,")) >= MAJOR
    )


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens the text, a line or a sentence."""
    before = text[max(0, at - 3) : at].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:;\n"


def _add(found: dict[tuple[int, int], Mention], mention: Mention) -> None:
    if mention.end > mention.start:
        found.setdefault((mention.start, mention.end), mention)


def pattern_mentions(text: str, known: Known) -> list[Mention]:
    """Places a regular expression can see: units, unit lists, streets and
    roads, natural features, party tags and a dateline."""
    found: dict[tuple[int, int], Mention] = {}
    needed = {pattern for pattern, words in _NEEDS.items() if words.search(text)}
    for m in _UNIT_LIST.finditer(text) if _UNIT_LIST in needed else ():
        unit = _UNIT_PLURALS[m.group("unit").lower()]
        base = m.start("names")
        for part in re.finditer(rf"{_CAP}(?:\s+{_CAP})?", m.group("names")):
            if part.group() in {"and", "or"}:
                continue
            s, e = base + part.start(), base + part.end()
            _add(found, Mention(s, e, text[s:e], "unit", unit=unit))
    for m in _UNIT.finditer(text) if _UNIT in needed else ():
        s, e = _strip(text, m.start(), m.end())
        # "the Rapides Parish Sheriff's Office" keeps "Rapides Parish"; a lone
        # sentence-initial word before the name ("Both Otter Tail County") is cut.
        # The words are read after the strip: "The Tarrant County" is "Tarrant".
        words = text[s : m.end("name")].split()
        while (
            len(words) > 1
            and not known(" ".join(words))
            and words[0].lower()
            in _NEVER
            | {
                "both",
                "in",
            }
        ):
            s += len(words[0]) + 1
            words = words[1:]
        if known(" ".join(words)) or known(text[s:e]):
            _add(found, Mention(s, e, text[s:e], "unit", unit=m.group("unit").lower()))
    for m in _UNIT_LOWER.finditer(text) if _UNIT_LOWER in needed else ():
        s, e = _strip(text, m.start("name"), m.end("name"))
        words = text[s:e].split()
        while words and not known(" ".join(words)) and len(words) > 1:
            if not (_no_name_word(words[0], known) or _opens_sentence(text, s)):
                # "Shwe Pin Kone village": "Kone" ends an unknown name, no place of its own.
                fire(NAME_FRAGMENT, "left", " ".join(words), s)
                words = []
                break
            s += len(words[0]) + 1  # "On Herat province": the known tail
            words = words[1:]
        name = " ".join(words)
        if not words or name.lower().strip(".") in _NEVER or not known(name):
            continue
        unit = m.group("unit")
        _add(found, Mention(s, e, text[s:e], "unit", unit=unit, hint=_hint_after(text, m.end())))
    for pattern in (_STREET, _ROAD_NUMBER) if _STREET in needed else (_ROAD_NUMBER,):
        for m in pattern.finditer(text):
            s, e = _strip(text, m.start(), m.end())
            if s < e and text[s:e].split()[0].lower() not in _NEVER - COMPASS:
                unit = _road_unit(text[s:e], known)
                if unit:
                    # "Florida Highway 582", "U.S. 321", "Mahnomen County Road 83"
                    fire(ROAD_IN_ITS_UNIT, "found", text[s : s + unit], s)
                    _add(found, Mention(s, s + unit, text[s : s + unit], "inside"))
                    continue
                _add(found, Mention(s, e, text[s:e], "street", site=True))
    for m in _FEATURE.finditer(text) if _FEATURE in needed else ():
        s, e = _strip(text, m.start(), m.end())
        party = _PARTY.match(text[s:e])
        if party:
            continue  # "R-Elbow Lake": a legislator's home town, read below
        _add(found, Mention(s, e, text[s:e], "feature", site=not known(text[s:e])))
    for m in _PARTY.finditer(text):
        # A US legislator's home town: in the United States, whatever its size.
        s, e = m.start("name"), m.end("name")
        _add(found, Mention(s, e, text[s:e], "party", hint="United States"))
    head = _DATELINE.search(text[:400])
    if head:
        name = head.group("name").title()
        if known(name):
            s, e = head.start("name"), head.end("name")
            _add(found, Mention(s, e, text[s:e], "dateline", hint=head.group("hint")))
    return list(found.values())


def _sub_places(
    doc: Doc, span: Span, known: Known, person_words: frozenset[str]
) -> list[tuple[int, int]]:
    """Token ranges inside ``span`` that the gazetteer knows, longest first,
    left to right, at most four words each."""
    out = []
    text = doc_text(doc)
    starts, ends = token_bounds(doc)  # doc[i:j].text without building spans
    i = span.start
    while i < span.end:
        best = None
        for j in range(min(span.end, i + 4), i, -1):
            if (
                not text[starts[i] : starts[i] + 1].isupper()
                or not text[starts[j - 1] : starts[j - 1] + 1].isupper()
            ):
                continue
            name = text[starts[i] : ends[j - 1]]
            if name.lower().strip(".") in _NEVER or (j - i == 1 and name in person_words):
                continue
            if known(name):
                best = j
                break
        if best is None:
            i += 1
            continue
        out.append((i, best))
        i = best
    return out


def _after_name_word(doc: Doc, first: int, i: int) -> bool:
    """Whether token ``i`` follows a capitalised word of the same run of names
    (which starts at ``first``) that is no title, no sentence opening and no
    word that never names a place, unless a compass word: "Danube" before
    "Delta", "West" before "Midlands" — the known name is then part of a longer
    one."""
    if i <= first:
        return False
    word = doc[i - 1]
    return (
        word.text[:1].isupper()
        and not word.is_sent_start
        and word.lower_.strip(".") not in _NOT_NAME_WORDS
    )


# Words after a known name that do not make it part of a longer one: words that never
# name a place, and unit words ("Guernsey County Court" is in Guernsey County).
_NOT_CONTINUING = _NOT_NAME_WORDS | frozenset(_UNIT_WORDS.lower().split("|"))


def _before_name_word(doc: Doc, j: int, end: int) -> bool:
    """Whether token ``j`` (inside the run of names ending at ``end``) is a capitalised
    word that continues the name: "Beni" before "Suef" is part of a longer name."""
    if j >= end:
        return False
    word = doc[j]
    if word.lower_ in _PARTICLES and j + 1 < end and doc[j + 1].text == "-":
        fire(LONGER_NAME, "part", doc[j - 1].text, doc[j - 1].idx)
        return True  # "Ras" before "al-Ain"
    return word.text[:1].isupper() and word.lower_.strip(".") not in _NOT_CONTINUING


def _runs_on(doc: Doc, j: int, known: Known) -> bool:
    """Whether a place the NER ends before token ``j`` runs on into a word the NER
    left, unknown to the gazetteer: "Tal" of "Tal Abyad" is part of a longer name."""
    if j >= len(doc) or doc[j - 1].whitespace_ != " ":
        return False
    word = doc[j]
    on = (
        word.pos_ == "PROPN"
        and not word.ent_type_
        and not word.is_sent_start
        and word.text[:1].isupper()
        and word.lower_.strip(".") not in _NOT_CONTINUING
        and not known(word.text)
    )
    if on:
        fire(LONGER_NAME, "part", doc[j - 1].text, doc[j - 1].idx)
    return on


def _has_cue(doc: Doc, start: int, end: int, text: str) -> bool:
    """Evidence around tokens ``start:end`` that they name a place."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and before.lower_ in _LOCATIVE:
        return not possessor_after_of(doc, start, end, _ORG_AFTER)
    if before is not None and before.lower_ in _ACTION:
        fire(ACTION_OBJECT_PLACE, "found", doc[start:end].text, doc[start].idx)
        return True
    if (
        before is not None
        and before.text == ","
        and start > 1
        and (doc[start - 2].text.rstrip(".").lower() in _STREET_ABBREVIATIONS)
    ):
        return True  # an address: "1935 Orchard St., Alexandria"
    if after is not None and (after.lower_ in _AFTER or after.text.startswith("-based")):
        return True
    char_end = doc[end - 1].idx + len(doc[end - 1])
    return _hint_after(text, char_end) is not None


_ORG_AFTER = _AFTER | frozenset(
    {"police", "department", "fire", "city", "county", "council", "school", "schools", "high",
     "public", "board", "chamber", "hospital", "library", "area", "township", "parish",
     "regional", "municipal", "metropolitan", "housing", "water", "parks", "recreation",
     "sheriff", "sheriff's", "convention", "visitors", "community", "middle", "elementary",
     "state", "university", "college", "film", "symphony", "zoo", "museum", "historical",
     "planning", "development", "economic", "downtown", "rotary", "lions", "kiwanis"}
)  # fmt: skip


def _org_place(doc: Doc, ent: Span, i: int, j: int, text: str) -> bool:
    """Whether a town named inside (or as) another entity reads as a place:
    an institution named after it ("Mansfield Police Department", "City of
    Fargo"), or a cue around it when it is the entity's only word."""
    if j < ent.end and doc[j].lower_ in _ORG_AFTER:
        return True
    if i > ent.start and doc[i - 1].lower_ == "of":
        return True
    if (i, j) == (ent.start, ent.end):
        return _has_cue(doc, i, j, text)  # "moved to Ashford" with Ashford read as an ORG
    return False


def _placed_by_hint(doc: Doc, i: int, j: int, text: str, known: Known) -> bool:
    """Tokens ``i:j`` that the gazetteer knows and the text places inside a unit
    written right after them: "in Bordj Bou Arreridj (Bordj Bou Arreridj)",
    "Timoteo (Minas Gerais)", "in Villamar, Michoacan" — whatever the NER called
    them. The unit must be a country or admin1 name, or any known name when a
    locative word comes before ("in X, Y")."""
    name = doc[i:j].text
    if not name[:1].isupper() or name.lower().strip(".") in _NEVER or not known(name):
        return False
    hint = _hint_after(text, doc[j - 1].idx + len(doc[j - 1]))
    if hint is None:
        return False
    level = known(hint)
    return level >= MAJOR or (level > 0 and i > 0 and doc[i - 1].lower_ in _LOCATIVE)


def ner_mentions(
    doc: Doc, known: Known, ents: Sequence[Span] | None = None, text: str | None = None
) -> list[Mention]:
    """Places from the NER and names the gazetteer knows in other entities or
    in capitalised text with a cue."""
    # doc.text and doc.ents are rebuilt from the tokens on every access.
    text = doc_text(doc) if text is None else text
    ents = doc_ents(doc) if ents is None else ents
    person_words = person_words_of(ents, known)
    found: dict[tuple[int, int], Mention] = {}
    covered = [False] * len(doc)
    for ent in ents:
        for k in range(ent.start, ent.end):
            covered[k] = True
        if ent.label_ in PLACE_LABELS:
            s, e = _strip(text, ent.start_char, ent.end_char)
            party = _PARTY.match(text[s:e])
            if party:
                s += party.start("name")  # "R-Elbow Lake"
            if s >= e or text[s:e].lower() in _NEVER or not text[s].isupper():
                continue
            e = whole_name(text, s, e, ent.end_char, known)
            if text[e : e + 1] == "." and "." in text[s:e] and known(text[s : e + 1]):
                e += 1  # "W.Va." whose full stop the tokenizer split off
            # A building or road the NER found: a site, kept only when it reads like one.
            street = _STREET.search(text[s:e]) or _ROAD_NUMBER.search(text[s:e])
            if ent.label_ == "FAC" and not street and not known(text[s:e]):
                # "Cochabamba (Cochabamba" read as one building: the hinted town inside.
                for i, j in _sub_places(doc, ent, known, person_words):
                    if _placed_by_hint(doc, i, j, text, known):
                        a, b = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
                        _add(found, Mention(a, b, text[a:b], "inside"))
                continue
            if not known(text[s:e]) and len(ent) > 1:
                # "Guernsey County Common Pleas Court": the place inside, if any.
                inner = [
                    (i, j)
                    for i, j in _sub_places(doc, ent, known, person_words)
                    if i == ent.start or known(doc[i:j].text) >= CITY
                ]  # "East Bank" is no town "Bank"
                for i, j in inner:
                    a, b = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
                    part = _after_name_word(doc, ent.start, i) or _before_name_word(doc, j, ent.end)
                    _add(found, Mention(a, b, text[a:b], "inside", part=part))
                if inner:
                    continue
            if len(ent) == 1 and ent.text in person_words:
                continue  # "Holroyd" of "Emilie Holroyd"
            part = e == ent.end_char and _runs_on(doc, ent.end, known)
            _add(found, Mention(s, e, text[s:e], "ner", part=part))
            continue
        if ent.label_ not in HOST_LABELS:
            continue
        for i, j in _sub_places(doc, ent, known, person_words):
            if _placed_by_hint(doc, i, j, text, known):
                a, b = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
                _add(found, Mention(a, b, text[a:b], "inside"))
                continue
            name = doc[i:j].text
            if i > 0 and doc[i - 1].lower_.strip(".") in _TITLES:
                continue
            level = known(name)
            # Groups and persons named like a place ("Virginia Woolf"), unless the whole
            # entity is a town with a cue: "two schools in Milton Keynes" (WW575).
            if (
                ent.label_ == "NORP"
                or (ent.label_ == "PERSON" and (len(ent) > 1 or name in person_words))
            ) and not town_read_otherwise(ent, i, j, level, partial(_has_cue, doc, i, j, text)):
                continue
            whole = (i, j) == (ent.start, ent.end)
            big_city_as_person = whole and level >= CITY and ent.label_ == "PERSON"
            # "in Sydney - Central (New South Wales)" read as one ORG: a city opening it.
            opening_city = (
                i == ent.start and level >= CITY and i > 0 and doc[i - 1].lower_ in _LOCATIVE
            )
            if (
                level < MAJOR
                and not big_city_as_person
                and not opening_city
                and not _org_place(doc, ent, i, j, text)
            ):
                continue  # "Ford", "Bell", "Wal-Mart": a brand or a surname
            s = doc[i].idx
            e = doc[j - 1].idx + len(doc[j - 1])
            part = _after_name_word(doc, ent.start, i) or _before_name_word(doc, j, ent.end)
            _add(found, Mention(s, e, text[s:e], "inside", part=part))
    # Plain capitalised words the NER left: a gazetteer name with a cue.
    capital = [
        bool(alpha) and text[at].isupper()
        for at, alpha in doc.to_array(["IDX", "IS_ALPHA"]).tolist()
    ]
    i = 0
    while i < len(doc):
        if covered[i] or not capital[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and not covered[j] and capital[j]:
            j += 1
        span = doc[i:j]
        for a, b in _sub_places(doc, span, known, person_words):
            if a > 0 and doc[a - 1].lower_.strip(".") in _TITLES:
                continue
            if _has_cue(doc, a, b, text):
                s = doc[a].idx
                e = doc[b - 1].idx + len(doc[b - 1])
                _add(found, Mention(s, e, text[s:e], "context", part=_after_name_word(doc, i, a)))
        i = j
    return list(found.values())


def _repeats(
    doc: Doc, taken: list[Mention], ents: Sequence[Span], text: str, known: Known
) -> list[Mention]:
    """Other occurrences of names already read as places ("Gainesville" with a
    cue once, then alone as the NER's ORG or PERSON): one sense per article."""
    names = {m.text for m in taken if m.source != "street" and not m.site}
    if not names:
        return []
    firsts = {name.split()[0] for name in names}
    person_words = person_words_of(ents, known)
    spans = sorted((m.start, m.end) for m in taken)
    starts = [a for a, _ in spans]
    words = [text[at : at + size] for at, size in doc.to_array(["IDX", "LENGTH"]).tolist()]
    found: list[Mention] = []
    i = 0
    while i < len(words):
        if words[i] not in firsts or not words[i][:1].isupper():
            i += 1
            continue
        hit = 0
        for n in range(min(4, len(words) - i), 0, -1):
            s, e = doc[i].idx, doc[i + n - 1].idx + len(words[i + n - 1])
            if text[s:e] in names:
                hit = n
                break
        if not hit:
            i += 1
            continue
        k = bisect.bisect_right(starts, s) - 1
        overlaps = (k >= 0 and spans[k][1] > s) or (k + 1 < len(spans) and spans[k + 1][0] < e)
        titled = i > 0 and words[i - 1].lower().strip(".") in _TITLES
        if not overlaps and not titled and not (hit == 1 and words[i] in person_words):
            found.append(Mention(s, e, text[s:e], "repeat"))
        i += hit
    return found


def _overlaps(mention: Mention, covered: bytearray, taken: list[Mention]) -> bool:
    """Whether ``mention`` shares a character with a mention already taken."""
    if mention.start < mention.end:
        return covered.find(1, mention.start, mention.end) != -1
    # An empty span (none is made today) covers no character: the pairwise test, as ever.
    return any(mention.start < t.end and t.start < mention.end for t in taken)


_EPONYM_HEADS = words("eponym_heads")


def _head_inside(name: str) -> bool:
    """Whether the last word of ``name`` is an eponym's head: the NER's "West Nile Virus"."""
    words = name.rsplit(maxsplit=1)
    return len(words) == 2 and words[1].lower() in _EPONYM_HEADS


def _eponym(text: str, end: int, name: str = "") -> bool:
    """Whether the word after ``end`` (or the last of ``name``) makes the name before it
    part of a disease's or a thing's name ("West Nile virus")."""
    if _head_inside(name):
        return True
    if text[end : end + 1] not in {" ", "-"}:
        return False
    after = text[end + 1 : end + 16].split(maxsplit=1)
    return bool(after) and after[0].strip(".,;:)").lower() in _EPONYM_HEADS


def recognise(doc: Doc, known: Known) -> list[Mention]:
    """Every place mention in ``doc``, in text order, without overlaps (the
    longer span wins; a pattern span beats an NER span of the same length),
    each with the admin hint written after it."""
    text = doc_text(doc)
    ents = doc_ents(doc)
    candidates = pattern_mentions(text, known) + ner_mentions(doc, known, ents, text)
    candidates = [extended(m, text, known) for m in candidates]
    priority = {"unit": 0, "dateline": 0, "street": 1, "feature": 1, "party": 1}
    candidates.sort(key=lambda m: (-(m.end - m.start), priority.get(m.source, 2), m.start))
    taken: list[Mention] = []
    # The characters taken mentions cover, so a candidate is checked against its own
    # characters, not against every mention taken before it (24M steps at 1M chars).
    covered = bytearray(max((m.end for m in candidates), default=0))
    for mention in candidates:
        if _overlaps(mention, covered, taken):
            continue
        taken.append(mention)
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    taken += _repeats(doc, taken, ents, text, known)
    taken.sort(key=lambda m: m.start)
    taken = joined(taken, text, known)
    eponyms = {
        m.text.rsplit(maxsplit=1)[0] if _head_inside(m.text) else m.text
        for m in taken
        if m.source not in {"dateline", "unit"} and _eponym(text, m.end, m.text)
    }
    out = []
    for mention in taken:
        # "West Nile virus", "Guinea worm", "Hong Kong flu": a disease named after a place
        # names no place; nor, in the article, does the name alone that the gazetteer
        # lacks ("West Nile [virus] is bad") (WW525).
        if mention.source not in {"dateline", "unit"} and (
            _eponym(text, mention.end, mention.text)
            or (mention.text in eponyms and not known(mention.text))
        ):
            fire(EPONYM, "vetoed", mention.text, mention.start)
            continue
        hint = mention.hint or _hint_after(text, mention.end)
        unit = mention.unit
        if unit is None and text[mention.end : mention.end + 6] in {" state", " State"}:
            unit = "state"  # "Washington state": the state, not the city
        if unit is None:
            before = _UNIT_BEFORE.search(text, max(0, mention.start - 30), mention.start)
            if before:
                # "the state of Washington", "the Province of Quebec" (WW490)
                unit = before.group("unit").lower()
                fire(UNIT_BEFORE, "unit", mention.text, mention.start, unit)
        out.append(replace(mention, unit=unit, hint=hint))
    return out
