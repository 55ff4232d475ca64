"""The places each sentence names, found once per article for the coder to choose from.

A sentence's candidate places come from four readings, in this order: names with
their district and province in brackets, place phrases a regex can see ("southwest
of Kandi"), names the NER missed in a place slot ("in Culiacan", "Accra residents"),
and the NER's own place entities, minus those that only qualify something else
("Pakistan's embassy") or sit inside an actor's name. The rules declared here say
which readings count; :mod:`.when_where` chooses among the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newscoder import lexicon
from newscoder.nlp.cache import doc_ents, doc_sents, doc_text, sentence_index
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import Admin1, get_gazetteer
from newscoder.resolve.place_choice import admin1_place
from newscoder.resolve.places import find_parenthetical_places, find_place_phrases, resolve_place
from newscoder.types import Place, Toponym

_W = Stage.CODE

BRACKETED_HOLDS = declare(
    "WW005", "bracketed-place-holds", _W, Kind.VETO,
    "a name written with its district and province in brackets is read that way, "
    "not again as a place phrase",
)  # fmt: skip
PLACE_SLOT_NAME = declare(
    "WW010", "name-in-place-slot", _W, Kind.FIND,
    "a capitalised word the NER missed is a place when the grammar puts it in a place slot "
    "('in Culiacan', 'residents of Save')",
)  # fmt: skip
TOWN_MODIFIER = declare(
    "WW015", "town-modifier", _W, Kind.FIND,
    "a town's name modifying the people or site of the event says where it is "
    "('Accra residents', 'a Kisangani school'); towns only",
)  # fmt: skip
TOWN_IN_SITE_NAME = declare(
    "WW020", "town-in-site-name", _W, Kind.FIND,
    "a facility named after its town or province is in it ('Benghazi Medical Centre')",
)  # fmt: skip
NAME_IN_PLACE_SLOT = declare(
    "WW025", "misread-name-in-place-slot", _W, Kind.FIND,
    "a name the NER took for a person or organisation is looked up as a place when the "
    "grammar puts it in a place slot ('clashed in Kerou')",
)  # fmt: skip
PLACE_IN_ACTOR_NAME = declare(
    "WW030", "place-in-actor-name", _W, Kind.VETO,
    "a place inside a known actor's name ('Tehrik-i-Taliban Pakistan') is not where the event was",
)  # fmt: skip
QUALIFYING_COUNTRY = declare(
    "WW035", "qualifying-country", _W, Kind.VETO,
    "a country that only qualifies a noun ('Pakistan's embassy', 'the Afghanistan-Pakistan "
    "border') is not where the event was",
)  # fmt: skip
HYPHENATED_NAME = declare(
    "WW040", "hyphenated-name", _W, Kind.REFINE,
    "a name the NER stopped at its hyphen takes the rest ('Dutsin-Ma')",
)  # fmt: skip

GEOPARSED = declare(
    "WW042", "geoparsed-name", _W, Kind.CHOOSE,
    "a plain name the geoparser read as a town, village, district or country is that place "
    "(one reading per article); other names are resolved here, towns first",
)  # fmt: skip

ADMIN_HINT = declare(
    "WW044", "admin-hint-not-a-place", _W, Kind.VETO,
    "in 'Orizaba, Veracruz' the second name says which region the town is in: it is not "
    "another place, even where a town bears the region's name",
)  # fmt: skip

REGION_AFTER_NAME = declare(
    "WW046", "region-after-unknown-name", _W, Kind.REFINE,
    "'Los Reyes, Veracruz' with 'Los Reyes' unknown: 'Veracruz' is the state, not the city "
    "of that name; the event is coded at the region (geo_precision 3)",
)  # fmt: skip

CITY_PART = declare(
    "WW048", "city-part", _W, Kind.REFINE,
    "'Toronto - Scarborough': the name after a town and a dash is the part of the town the "
    "event was in; it is kept with the place",
)  # fmt: skip

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "Quito - Quitumbe", "Buenos Aires - Comuna 2": a part of the town after a spaced dash.
_CITY_PART = re.compile(r" [-–] ([A-Z0-9][\w'’.]*(?:[ -][A-Z0-9][\w'’.]*)*)")
_HINT_GAP = re.compile(r"\s*[,(]\s*")
# A capitalised name and a comma just before a place: "Los Reyes, " in "Los Reyes, Veracruz".
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,3}\s*,\s*$")
# The geoparser's readings taken as they are. Its region readings are not: it ranks a
# region above a town of the same name ("Porto-Novo", a capital, read as a province
# abroad), where ACLED's rule is the most precise place, which resolve_place prefers.
_TAKEN = frozenset({"town", "village", "admin2", "country"})


def _precision(feature: str | None) -> int:
    """ACLED's geo_precision of a geoparsed name by its kind (codebook: a town 1, a
    district 2, a country 3)."""
    return 1 if feature in {"town", "village"} else 2 if feature == "admin2" else 3


_HYPHEN_TAIL = re.compile(r"-[A-Z][\w'’]*")


def _locatives() -> frozenset[str]:
    return lexicon.words("locative_preps")


@cache
def _town_sites() -> frozenset[str]:
    """Sites and bodies a town's name can qualify: such names are only ever towns."""
    return lexicon.words("town_sites") | lexicon.words("town_bodies")


class _Names:
    """One article's place names to places: the geoparser's reading of a plain name
    where it has one (WW042), else :func:`resolve_place` with the article's countries."""

    def __init__(self, countries: Sequence[str], toponyms: Sequence[Toponym]) -> None:
        self.countries = countries
        self.geoparsed = {
            (t.start, t.end): t for t in toponyms if t.name is not None and t.feature in _TAKEN
        }

    def place(self, name: str, start: int, end: int, qualifier: str | None = None) -> Place | None:
        found = self.geoparsed.get((start, end)) if qualifier is None else None
        if found is not None and found.text == name:
            fire(GEOPARSED, "chose", name, start)
            return _geoparsed(found)
        return resolve_place(
            name, start=start, end=end, context=self.countries, qualifier=qualifier
        )


def _geoparsed(t: Toponym) -> Place:
    gaz = get_gazetteer()
    country = gaz.countries.get(t.country_code) if t.country_code else None
    precision = _precision(t.feature)
    return Place(
        name=t.name or t.text,
        country=country.name if country else None,
        country_code=t.country_code,
        admin1=t.admin1,
        lat=t.lat,
        lon=t.lon,
        geo_precision=precision,
        start=t.start,
        end=t.end,
        geonameid=t.geonameid,
        reason=GEOPARSED.why(f"geoparser: {t.reason}; geo_precision {precision}"),
        rule=GEOPARSED.id,
    )


def places_by_sentence(
    doc: Doc, countries: Sequence[str], toponyms: Sequence[Toponym] = ()
) -> dict[int, list[Place]]:
    """Resolved places per sentence start, in text order. Places inside actor
    names ("Islamic State's affiliate in Afghanistan") are not event places.
    ``toponyms`` are the geoparser's places of the same parse: a plain name it
    resolved is not resolved again."""
    names = _Names(countries, toponyms)
    ents = doc_ents(doc)
    text = doc_text(doc)
    kb_spans = [(e.start_char, e.end_char) for e in ents if e.ent_id_]
    by_sentence: dict[int, list[SpacySpan]] = {}  # sentence start token -> its entities
    sents = doc_sents(doc)
    for ent in ents:
        by_sentence.setdefault(sents[sentence_index(doc, ent.start)].start, []).append(ent)
    found: dict[int, list[Place]] = {}
    for sent in sents:
        sent_text = text[sent.start_char : sent.end_char]  # sent.text, without the token walk
        places: list[Place] = list(find_parenthetical_places(sent_text, sent.start_char))
        taken: list[tuple[int, int]] = [
            (p.start or 0, _paren_end(sent_text, sent.start_char, p)) for p in places
        ]
        for name, start, end, qualifier in find_place_phrases(sent_text, sent.start_char):
            if any(start < b and a < end for a, b in taken):
                # "the commune of X (X, Atacora)": the bracketed reading holds
                fire(BRACKETED_HOLDS, "vetoed", name, start)
                continue
            place = names.place(name, start, end, qualifier)
            if place is not None:
                places.append(place)
                taken.append((start, end))
        for tok in sent:
            _missed_name(tok, places, taken, kb_spans, names)
        for ent in (e for e in by_sentence.get(sent.start, ()) if e.end <= sent.end):
            _entity_place(ent, places, taken, kb_spans, names, text)
        places.sort(key=lambda p: p.start or 0)
        found[sent.start_char] = _without_region_hints(places, text)
    return found


def _without_region_hints(places: list[Place], text: str) -> list[Place]:
    """ "X, Y" (or "X (Y)") where Y names a region: Y says where X is.

    X known inside Y: Y is not a second place, even where a town bears the region's
    name ("Orizaba, Veracruz", WW044). X unknown ("Xocotitla Nuevo, Veracruz"): the
    event is somewhere in the region Y (WW046). (Dropping a reading of X outside Y
    as a namesake cost admin1 0.002 on both halves of the global notes: not done.)
    """
    kept: list[Place] = []
    for place in places:
        before = kept[-1] if kept else None
        region = _region_named(place, text)
        if region is None:
            kept.append(_with_part(place, text))
            continue
        adjacent = (
            before is not None
            and before.end is not None
            and place.start is not None
            and _HINT_GAP.fullmatch(text[before.end : place.start]) is not None
        )
        if adjacent and before is not None:
            if before.country_code == region.country_code and before.admin1 == region.name:
                fire(ADMIN_HINT, "vetoed", place.name, place.start)
                continue
            # X read outside Y: which reading is wrong is the geoparser's to say.
            kept.append(_with_part(place, text))
            continue
        if not _NAME_BEFORE.search(text[max(0, (place.start or 0) - 60) : place.start]):
            kept.append(_with_part(place, text))
            continue
        fire(REGION_AFTER_NAME, "rewrote", place.name, place.start)
        name = text[place.start : place.end]
        kept.append(
            admin1_place(
                get_gazetteer(),
                region,
                3,
                place.start,
                place.end,
                f"'{name}' after another name: the region it is in",
                REGION_AFTER_NAME,
            )
        )
    return kept


def _region_named(place: Place, text: str) -> Admin1 | None:
    """The admin1 a town reading's words name after a comma or bracket ("Veracruz"
    read as the city, in "..., Veracruz"), if exactly one of its country does."""
    if place.geo_precision != 1 or place.start is None or place.end is None:
        return None
    if not _HINT_GAP.fullmatch(text[max(0, place.start - 2) : place.start]):
        return None
    units = get_gazetteer().admin1(text[place.start : place.end], place.country_code)
    if len(units) != 1 or units[0].name != place.admin1:
        return None
    return units[0]


def _with_part(place: Place, text: str) -> Place:
    """A town followed by " - Part" keeps the part's name (WW048)."""
    if place.geo_precision != 1 or place.end is None:
        return place
    found = _CITY_PART.match(text, place.end)
    if found is None:
        return place
    fire(CITY_PART, "found", found.group(1), found.start(1))
    return replace(place, part=found.group(1))


def _missed_name(
    tok: Token,
    places: list[Place],
    taken: list[tuple[int, int]],
    kb_spans: list[tuple[int, int]],
    names: _Names,
) -> None:
    """Names the NER missed after a locative preposition ("in Culiacan")."""
    if not (
        (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title))
        and tok.ent_type_ in {"", "NORP"}
        and (tok.head.lower_ == "from" or _place_slot(tok) or _town_modifier(tok))
        and not any(a <= tok.idx < b for a, b in taken + kb_spans)
    ):
        return
    place = names.place(tok.text, tok.idx, tok.idx + len(tok))
    modifier = _town_modifier(tok)
    if place is not None and (place.geo_precision == 1 or not modifier):
        fire(TOWN_MODIFIER if modifier else PLACE_SLOT_NAME, "found", tok.text, tok.idx)
        places.append(place)
        taken.append((tok.idx, tok.idx + len(tok)))


def _entity_place(
    ent: SpacySpan,
    places: list[Place],
    taken: list[tuple[int, int]],
    kb_spans: list[tuple[int, int]],
    names: _Names,
    text: str,
) -> None:
    if _named_after_town(ent) and not any(a <= ent.start_char < b for a, b in taken):
        # "Benghazi Medical Centre", "the Ajmer Institute of Technology": the town
        # (or province) its name starts with.
        place = _town_in_name(ent, names)
        if place is not None:
            fire(TOWN_IN_SITE_NAME, "found", ent.text, ent.start_char)
            places.append(place)
            taken.append((ent.start_char, ent.end_char))
        return
    if _town_modifier(ent.root) and not any(a <= ent.start_char < b for a, b in taken):
        place = names.place(ent.text, ent.start_char, ent.end_char)
        if place is not None and place.geo_precision == 1:
            fire(TOWN_MODIFIER, "found", ent.text, ent.start_char)
            places.append(place)
            taken.append((ent.start_char, ent.end_char))
        return
    misread = ent.label_ not in _PLACE_LABELS
    if misread and not _after_locative(ent):
        return
    if any(a <= ent.start_char < b for a, b in taken):
        return
    if any(a <= ent.start_char < b for a, b in kb_spans):
        fire(PLACE_IN_ACTOR_NAME, "vetoed", ent.text, ent.start_char)
        return
    if _is_possessive_or_modifier(ent) and not _after_locative_word(ent[0]):
        fire(QUALIFYING_COUNTRY, "vetoed", ent.text, ent.start_char)
        return
    name, end = _hyphenated(ent.text, ent.end_char, text)
    place = names.place(name, ent.start_char, end)
    if place is not None:
        if end != ent.end_char:
            fire(HYPHENATED_NAME, "rewrote", name, ent.start_char)
        if misread:
            fire(NAME_IN_PLACE_SLOT, "found", name, ent.start_char)
        places.append(place)


def _hyphenated(name: str, end: int, text: str) -> tuple[str, int]:
    """ "Dutsin-Ma": the NER often stops a name at its hyphen; take the rest."""
    tail = _HYPHEN_TAIL.match(text, end)
    return (name + tail.group(), tail.end()) if tail else (name, end)


def _after_locative(ent: SpacySpan) -> bool:
    """A name the NER took for a person or organisation but the grammar puts in a
    place slot ("clashed in Kerou", "a protest in Save"): worth a gazetteer look-up."""
    if ent.label_ not in {"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT"}:
        return False
    slot = ent.root
    if slot.dep_ == "compound" and (
        slot.head.lower_ in lexicon.words("town_sites")
        or slot.head.lower_ in lexicon.words("place_units")
    ):
        slot = slot.head  # "at Dutsin-Ma market"
    return _place_slot(slot) or (len(ent) == 1 and _after_locative_word(ent.root))


def _place_slot(tok: Token) -> bool:
    """Where the grammar puts a place: after a locative preposition ("marched
    through Cotonou"), after "residents of", in apposition to "the capital"."""
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _locatives() or _people_of(tok)
    # "the commercial capital Mombasa", "the town Kandi"
    if tok.dep_ == "appos":
        return tok.head.lower_ in {"capital", "city", "town"}
    return _after_locative_word(tok)


def _people_of(tok: Token) -> bool:
    """ "residents of Save", "farmers from Gangban": the people are where they live;
    "the streets of Lokossa": parts of the town named after "of"."""
    prep = tok.head
    if prep.lower_ not in {"of", "from"}:
        return False
    noun = prep.head.lemma_.lower()
    return noun in lexicon.words("resident_nouns") or (
        prep.lower_ == "of" and noun in lexicon.words("town_parts")
    )


def _after_locative_word(tok: Token) -> bool:
    """ "in Parakou shops were looted": the parser hung the name on the noun after it,
    but the words still say "in <Name>"."""
    return (
        tok.i > 0
        and tok.nbor(-1).lower_ in _locatives()
        and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS")
    )


def _named_after_town(ent: SpacySpan) -> bool:
    """A facility or body whose name holds a site word after its first word
    ("Benghazi Medical Centre", "Banteay Meanchey Provincial Hall"), or a name
    owning one ("Kampong Speu's provincial hall")."""
    if ent.label_ in {"FAC", "ORG"} and len(ent) > 1:
        return any(t.lower_ in _town_sites() for t in ent[1:])
    return _owns_site(ent[-2] if ent[-1].tag_ == "POS" and len(ent) > 1 else ent[-1])


def _owns_site(tok: Token) -> bool:
    """ "Kampong Speu's provincial hall" is in that province; "Pakistan's embassy" and
    "Kenya's police" are no place of the country's."""
    owner = tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS"
    return owner and tok.head.lower_ in _town_sites() and tok.head.lower_ != "police"


def _town_in_name(ent: SpacySpan, names: _Names) -> Place | None:
    """The longest run of words opening the name that is a town or a province."""
    words = [t for t in ent if t.lower_ != "the" and t.tag_ != "POS"]
    for n in range(len(words) - (1 if ent.label_ in {"FAC", "ORG"} else 0), 0, -1):
        if words[n - 1].lower_ in _town_sites():
            continue
        start, end = words[0].idx, words[n - 1].idx + len(words[n - 1])
        name = doc_text(ent.doc)[start:end]
        place = names.place(name, start, end)
        if place is not None and place.admin1 is not None:  # never only a country
            return place
    return None


def _town_modifier(tok: Token) -> bool:
    """ "Accra residents", "a Kisangani primary school": a name modifying the people
    or the site of the event says where it is (towns only: "Kenya police" is not)."""
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ in {"compound", "nmod"}
        and tok.head.pos_ == "NOUN"
        and (
            tok.head.lemma_.lower() in lexicon.words("resident_nouns")
            or tok.head.lower_ in _town_sites()
        )
        and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS")
    )


def _paren_end(text: str, offset: int, place: Place) -> int:
    """End of "Name (District, Province)": the names inside the brackets are taken too."""
    close = text.find(")", (place.end or offset) - offset)
    return offset + close + 1 if close >= 0 else (place.end or offset)


def _is_possessive_or_modifier(ent: SpacySpan) -> bool:
    """ "Pakistan's embassy", "the Afghanistan-Pakistan border": the country
    qualifies a noun; it is not where the event happened."""
    last = ent[-1]
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        return not _owns_site(last)
    if last.head.lower_ in lexicon.words("place_units") or last.head.lower_ in lexicon.words(
        "town_sites"
    ):
        return False  # "Katsina city", "Dutsin-Ma market": the place itself, or a site in it
    return last.dep_ in {"compound", "poss", "amod"} and last.head.pos_ in {"NOUN"}
