"""Mentions to events: merge references, resolve date, place, actors, casualties.

One ``Draft`` per event. Mentions that another trigger governs ("attacked ...,
killing two") are absorbed into it; a later reference to the same event ("the
attack", "shots were fired at the embassy" on the same day) is merged into it;
everything else is an event of its own. Each coded value keeps a reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from newscoder.coding.actors import (
    ActorContext,
    as_attacker,
    authorities,
    crowd,
    resolve_actor,
    unidentified,
)
from newscoder.coding.taxonomy import acled_code, is_armed_type, is_violent, mob_justice
from newscoder.extract.casualties import find_casualties
from newscoder.extract.events import (
    Mention,
    Phrase,
    doc_ents,
    doc_text,
    find_mentions,
    instruments,
    is_event_noun,
    specificity,
)
from newscoder.extract.numbers import person_nouns
from newscoder.resolve.dates import TimeExpr, find_time_expressions, resolve_time
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.resolve.knowledge import generic_role
from newscoder.resolve.places import find_parenthetical_places, find_place_phrases, resolve_place
from newscoder.types import Actor, Article, Casualty, DateValue, Event, Place, Quote, Span

_PHYSICAL = {"protest", "strike", "riot", "arrest", "loot", "movement", "defuse"}
_FAMILY_MODES = {
    "suicide": "suicide-attack",
    "explosive": "explosives",
    "grenade": "explosives",
    "air": "aerial",
    "shelling": "heavy-weapons",
    "abduct": "abduct",
    "sexual": "sexual",
}
_STATEMENT_STATUS = {"denied": "denied", "claimed": "claimed"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "since late last year", "until May": the expression bounds a period, it does not date the event.
_DURATION_LEAD = re.compile(r"\b(?:since|until|till|for|over|throughout|by)\s+$", re.I)


@dataclass
class Draft:
    mentions: list[Mention]
    date: DateValue | None = None
    own_date: bool = False
    place: Place | None = None
    own_place: bool = False
    actor1: Actor | None = None
    actor2: Actor | None = None
    casualties: list[Casualty] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    cause: bool = False  # told as what a protest is about: never the report's main event
    _family: tuple[int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def head(self) -> Mention:
        """The mention that names the event: casualty verbs ("killing") yield to the
        trigger they report on."""
        others = [m for m in self.mentions if m.family != "kill"]
        if (
            others
            and len(others) < len(self.mentions)
            and all(m.family in {"loot", "movement"} for m in others)
        ):
            return self.mentions[0]  # "three were killed, houses burned": the killing
        return others[0] if others else self.mentions[0]

    @property
    def last_paragraph(self) -> int:
        return max(m.paragraph for m in self.mentions)

    @property
    def anaphoric(self) -> bool:
        return any(m.anaphoric for m in self.mentions)

    @property
    def family(self) -> str:
        # Mentions are only ever appended: the family is cached per mention count.
        if self._family is None or self._family[0] != len(self.mentions):
            self._family = (len(self.mentions), self._compute_family())
        return self._family[1]

    def _compute_family(self) -> str:
        if any(m.family == "defuse" for m in self.mentions):
            return "defuse"  # "defused several IEDs": the bombs did not go off
        fams = [m.family for m in self.mentions if is_violent(m.family) or m is self.head]
        if any(f in {"armed", "kill", "clash"} for f in fams):
            # "fired mortar rounds at the base", "killed by a landmine": the weapon decides.
            fams += [i for m in self.mentions for i in m.instruments if not m.is_noun]
        return max(fams, key=lambda f: specificity().get(f, 0))

    @property
    def violent(self) -> bool:
        return is_violent(self.family)

    @property
    def physical(self) -> bool:
        """Violence, arrests, looting, protests: events that happen at a place."""
        return self.violent or self.family in {"arrest", "loot", "protest", "riot", "strike"}

    @property
    def start(self) -> int:
        return self.head.trigger_span.start


def code_events(article: Article, doc: Doc, quotes: list[Quote], ctx: ActorContext) -> list[Event]:
    skip = article.skipped_spans()
    mentions = [m for m in find_mentions(doc, skip=skip) if _keeps(m, ctx)]
    drafts = _absorb(mentions, article.text)
    sentence_places = _places_by_sentence(article, doc, ctx)
    per_sentence: dict[Span, int] = {}
    for draft in drafts:
        per_sentence[draft.head.sentence] = per_sentence.get(draft.head.sentence, 0) + 1
    for draft in drafts:
        alone = per_sentence[draft.head.sentence] == 1
        _own_date_and_place(draft, article, sentence_places, alone=alone)
    _attach_casualties(drafts, article.text)
    for draft in drafts:
        _singular_victim(draft)
    drafts = _merge_references(drafts, article.text)
    drafts = _merge_armed_responses(drafts)
    _inherit(drafts, article, ctx.countries, sentence_places)
    for draft in drafts:
        _actors(draft, ctx, article.text)
    return _finish(article, drafts)


def _keeps(m: Mention, ctx: ActorContext) -> bool:
    if m.generic:
        return False
    if m.in_quote:
        # Inside a quote only the speaker's own statements count ("I strongly condemn ...").
        return not is_violent(m.family) and m.actor1 is not None and m.actor1.first_person
    return True


def _absorb(mentions: list[Mention], text: str = "") -> list[Draft]:
    """Governed mentions join their governor ("a suicide bomber ... attacked",
    "attacked ..., killing two"); casualty verbs join their sentence's violent trigger."""
    by_sentence: dict[Span, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    drafts: list[Draft] = []
    for group in by_sentence.values():
        owner: dict[int, Draft] = {}
        pending: list[Mention] = []
        for m in group:
            gov = _governing(m, group)
            # A protest or arrest reported inside a statement ("boycotted the vote to
            # protest") is an event of its own, not part of the statement.
            physical = m.family in _PHYSICAL and gov is not None and gov.family not in _PHYSICAL
            same_kind = gov is not None and is_violent(m.family) == is_violent(gov.family)
            # "attacked the village and burned houses": the damage is part of the attack.
            damage = m.family == "loot" and gov is not None and is_violent(gov.family)
            # "defused several IEDs": the device named is what was defused.
            damage = damage or (gov is not None and gov.family == "defuse")
            # "marched after a colleague was killed": the killing is the march's cause.
            cause = (
                gov is not None
                and gov.family in {"protest", "strike"}
                and _after_cause_word(gov.family, gov.trigger_span.end, m.trigger_span.start, text)
            ) or _sparked_protest(m, group, text)
            if (
                gov is not None
                and not physical
                and not cause
                and (same_kind or m.family == "kill" or damage)
            ):
                pending.append(m)
            else:
                owner[m.token_i] = Draft([m], cause=cause)
        for m in pending:
            gov = _governing(m, group)
            while gov is not None and gov.token_i not in owner:
                gov = _governing(gov, group)
            target = owner.get(gov.token_i) if gov is not None else None
            if target is None:
                owner[m.token_i] = Draft([m])
            else:
                target.mentions.append(m)
        sentence_drafts = sorted(owner.values(), key=lambda d: d.mentions[0].token_i)
        violent = [d for d in sentence_drafts if d.violent and d.head.family != "kill"]
        kills = [d for d in sentence_drafts if d.head.family == "kill"]
        for draft in kills:
            # Casualty verbs report on the sentence's violence; with none, on each other
            # ("three were killed, others wounded").
            hosts = violent or kills[:1]
            if draft not in hosts:
                _fold_into_nearest(draft, hosts, sentence_drafts)
        for draft in list(sentence_drafts):
            # "beat the guards and torched their lorry": the damage is part
            # of the violence its doers committed in the same sentence.
            hosts = [d for d in sentence_drafts if d.violent and d is not draft]
            if draft.head.family in {"loot", "movement"} and hosts and _same_doers(draft, hosts):
                _fold_into_nearest(draft, hosts, sentence_drafts)
        drafts.extend(sentence_drafts)
    return drafts


def _fold_into_nearest(draft: Draft, hosts: list[Draft], drafts: list[Draft]) -> None:
    """Merge ``draft`` into the host whose trigger is closest, and drop it from ``drafts``."""
    target = min(hosts, key=lambda d: abs(d.head.token_i - draft.head.token_i))
    target.mentions.extend(draft.mentions)
    drafts.remove(draft)


def _same_doers(draft: Draft, violent: list[Draft]) -> bool:
    doer = draft.head.actor1
    return doer is None or any(
        d.head.actor1 is not None and d.head.actor1.start == doer.start for d in violent
    )


def _governing(m: Mention, group: list[Mention]) -> Mention | None:
    token = m.governor_token
    if token is None:
        return None
    return next((g for g in group if g.token_i == token and g is not m), None)


def _places_by_sentence(article: Article, doc: Doc, ctx: ActorContext) -> dict[int, list[Place]]:
    """Resolved places per sentence start, in text order. Places inside actor
    names ("Islamic State's affiliate in Afghanistan") are not event places."""
    ents = doc_ents(doc)
    text = doc_text(doc)
    kb_spans = [(e.start_char, e.end_char) for e in ents if e.ent_id_]
    by_sentence: dict[int, list] = {}  # sentence start token -> its entities (one pass)
    for ent in ents:
        by_sentence.setdefault(ent.sent.start, []).append(ent)
    found: dict[int, list[Place]] = {}
    for sent in doc.sents:
        places: list[Place] = list(find_parenthetical_places(sent.text, sent.start_char))
        taken: list[tuple[int, int]] = [
            (p.start or 0, _paren_end(sent.text, sent.start_char, p)) for p in places
        ]
        for name, start, end, qualifier in find_place_phrases(sent.text, sent.start_char):
            if any(start < b and a < end for a, b in taken):
                continue  # "the commune of X (X, Atacora)": the bracketed reading holds
            place = resolve_place(
                name, start=start, end=end, context=ctx.countries, qualifier=qualifier
            )
            if place is not None:
                places.append(place)
                taken.append((start, end))
        for tok in sent:
            # Names the NER missed after a locative preposition ("in Culiacan").
            if (
                (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title))
                and tok.ent_type_ in {"", "NORP"}
                and (tok.head.lower_ == "from" or _place_slot(tok) or _town_modifier(tok))
                and not any(a <= tok.idx < b for a, b in taken + kb_spans)
            ):
                place = resolve_place(
                    tok.text, start=tok.idx, end=tok.idx + len(tok), context=ctx.countries
                )
                if place is not None and (place.geo_precision == 1 or not _town_modifier(tok)):
                    places.append(place)
                    taken.append((tok.idx, tok.idx + len(tok)))
        for ent in (e for e in by_sentence.get(sent.start, ()) if e.end <= sent.end):
            if _named_after_town(ent) and not any(a <= ent.start_char < b for a, b in taken):
                # "Benghazi Medical Centre", "the Ajmer Institute of Technology": the town
                # (or province) its name starts with.
                place = _town_in_name(ent, ctx)
                if place is not None:
                    places.append(place)
                    taken.append((ent.start_char, ent.end_char))
                continue
            if _town_modifier(ent.root) and not any(a <= ent.start_char < b for a, b in taken):
                place = resolve_place(
                    ent.text, start=ent.start_char, end=ent.end_char, context=ctx.countries
                )
                if place is not None and place.geo_precision == 1:
                    places.append(place)
                    taken.append((ent.start_char, ent.end_char))
                continue
            if ent.label_ not in _PLACE_LABELS and not _after_locative(ent):
                continue
            if any(a <= ent.start_char < b for a, b in taken + kb_spans):
                continue
            if _is_possessive_or_modifier(ent) and not _after_locative_word(ent[0]):
                continue
            name, end = _hyphenated(ent.text, ent.end_char, text)
            place = resolve_place(name, start=ent.start_char, end=end, context=ctx.countries)
            if place is not None:
                places.append(place)
        places.sort(key=lambda p: p.start or 0)
        found[sent.start_char] = places
    return found


_LOCATIVES = {"in", "near", "at", "outside", "around", "through", "across", "inside", "within"}


_HYPHEN_TAIL = re.compile(r"-[A-Z][\w'’]*")


def _hyphenated(name: str, end: int, text: str) -> tuple[str, int]:
    """ "Dutsin-Ma": the NER often stops a name at its hyphen; take the rest."""
    tail = _HYPHEN_TAIL.match(text, end)
    return (name + tail.group(), tail.end()) if tail else (name, end)


def _after_locative(ent) -> bool:  # type: ignore[no-untyped-def]
    """A name the NER took for a person or organisation but the grammar puts in a
    place slot ("clashed in Kerou", "a protest in Save"): worth a gazetteer look-up."""
    if ent.label_ not in {"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT"}:
        return False
    slot = ent.root
    if slot.dep_ == "compound" and slot.head.lower_ in _SITE_WORDS | _UNIT_WORDS:
        slot = slot.head  # "at Dutsin-Ma market"
    return _place_slot(slot) or (len(ent) == 1 and _after_locative_word(ent.root))


def _place_slot(tok) -> bool:  # type: ignore[no-untyped-def]
    """Where the grammar puts a place: after a locative preposition ("marched
    through Cotonou"), after "residents of", in apposition to "the capital"."""
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _LOCATIVES or _people_of(tok)
    # "the commercial capital Mombasa", "the town Kandi"
    if tok.dep_ == "appos":
        return tok.head.lower_ in {"capital", "city", "town"}
    return _after_locative_word(tok)


# "residents of Save", "farmers from Gangban": the people are where they live.
_PEOPLE_NOUNS = {"resident", "villager", "inhabitant", "people", "youth", "farmer", "worker",
                 "native", "population", "community", "trader", "student"}  # fmt: skip


# "the streets of Lokossa", "the outskirts of Kandi": parts of the town named after "of".
_PARTS_OF_TOWN = {"street", "outskirt", "suburb", "centre", "center", "heart", "market"}


def _people_of(tok) -> bool:  # type: ignore[no-untyped-def]
    prep = tok.head
    if prep.lower_ not in {"of", "from"}:
        return False
    noun = prep.head.lemma_.lower()
    return noun in _PEOPLE_NOUNS or (prep.lower_ == "of" and noun in _PARTS_OF_TOWN)


def _after_locative_word(tok) -> bool:  # type: ignore[no-untyped-def]
    """ "in Parakou shops were looted": the parser hung the name on the noun after it,
    but the words still say "in <Name>"."""
    return (
        tok.i > 0
        and tok.nbor(-1).lower_ in _LOCATIVES
        and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS")
    )


def _named_after_town(ent) -> bool:  # type: ignore[no-untyped-def]
    """A facility or body whose name holds a site word after its first word
    ("Benghazi Medical Centre", "Banteay Meanchey Provincial Hall"), or a name
    owning one ("Kampong Speu's provincial hall")."""
    if ent.label_ in {"FAC", "ORG"} and len(ent) > 1:
        return any(t.lower_ in _TOWN_SITES for t in ent[1:])
    return _owns_site(ent[-2] if ent[-1].tag_ == "POS" and len(ent) > 1 else ent[-1])


def _owns_site(tok) -> bool:  # type: ignore[no-untyped-def]
    """ "Kampong Speu's provincial hall" is in that province; "Pakistan's embassy" and
    "Kenya's police" are no place of the country's."""
    owner = tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS"
    return owner and tok.head.lower_ in _TOWN_SITES and tok.head.lower_ != "police"


def _town_in_name(ent, ctx: ActorContext) -> Place | None:  # type: ignore[no-untyped-def]
    """The longest run of words opening the name that is a town or a province."""
    words = [t for t in ent if t.lower_ != "the" and t.tag_ != "POS"]
    for n in range(len(words) - (1 if ent.label_ in {"FAC", "ORG"} else 0), 0, -1):
        if words[n - 1].lower_ in _TOWN_SITES:
            continue
        start, end = words[0].idx, words[n - 1].idx + len(words[n - 1])
        name = ent.doc.text[start:end]
        place = resolve_place(name, start=start, end=end, context=ctx.countries)
        if place is not None and place.admin1 is not None:  # never only a country
            return place
    return None


def _town_modifier(tok) -> bool:  # type: ignore[no-untyped-def]
    """ "Accra residents", "a Kisangani primary school": a name modifying the people
    or the site of the event says where it is (towns only: "Kenya police" is not)."""
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ in {"compound", "nmod"}
        and tok.head.pos_ == "NOUN"
        and (tok.head.lemma_.lower() in _PEOPLE_NOUNS or tok.head.lower_ in _TOWN_SITES)
        and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS")
    )


def _paren_end(text: str, offset: int, place: Place) -> int:
    """End of "Name (District, Province)": the names inside the brackets are taken too."""
    close = text.find(")", (place.end or offset) - offset)
    return offset + close + 1 if close >= 0 else (place.end or offset)


def _is_possessive_or_modifier(ent) -> bool:  # type: ignore[no-untyped-def]
    """ "Pakistan's embassy", "the Afghanistan-Pakistan border": the country
    qualifies a noun; it is not where the event happened."""
    last = ent[-1]
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        return not _owns_site(last)
    if last.head.lower_ in _UNIT_WORDS or last.head.lower_ in _SITE_WORDS:
        return False  # "Katsina city", "Dutsin-Ma market": the place itself, or a site in it
    return last.dep_ in {"compound", "poss", "amod"} and last.head.pos_ in {"NOUN"}


# Sites named after their town: the event happened in that town ("Kabul airport").
_SITE_WORDS = {"market", "mosque", "church", "school", "hospital", "prison", "jail", "camp",
               "airport", "station", "university", "hotel", "stadium", "barracks",
               "checkpoint", "junction", "bridge", "highway", "port", "motor park"}  # fmt: skip
_UNIT_WORDS = {"city", "town", "village", "district", "province", "state", "region",
               "county", "area", "municipality", "governorate", "department", "commune",
               "prefecture", "division", "township", "neighbourhood", "neighborhood"}  # fmt: skip

# Sites and bodies a town's name can qualify ("Accra residents", "the Harare rally",
# "Benghazi Medical Centre"): only ever read as towns, never as a country.
_TOWN_SITES = _SITE_WORDS | {"centre", "center", "rally", "branch", "office", "offices",
                             "headquarters", "court", "legislature", "council", "campus",
                             "police", "township", "ward", "clinic", "factory", "mine",
                             "unit", "chapter", "college", "institute", "academy",
                             "hall"}  # fmt: skip


def _own_date_and_place(
    draft: Draft, article: Article, sentence_places: dict[int, list[Place]], *, alone: bool
) -> None:
    """Date and place read from the event's own sentence. Within the trigger's
    clause first; the rest of the sentence only for a violent event, or for an
    event that is the sentence's only one ("earlier this week when X announced ...")."""
    sentence = draft.head.sentence
    text = article.text[sentence.start : sentence.end]
    exprs = [
        e
        for e in find_time_expressions(text, sentence.start)
        if e.kind not in {"duration", "vague", "time"}
        and not _DURATION_LEAD.search(article.text[max(0, e.start - 12) : e.start])
    ]
    # "On 1 May 2019, ...": a date opening the sentence dates its events, whatever
    # dates the clauses after it give their own nouns ("a vote held on May 30").
    opener = next(
        (
            e
            for e in exprs
            if e.kind in {"date", "range"}
            and _OPENER_LEAD.fullmatch(article.text[sentence.start : e.start])
        ),
        None,
    )
    scoped = [e for e in exprs if _in_scope(draft.head, e.start)]
    if opener is not None and draft.physical and opener.end <= draft.head.trigger_span.start:
        scoped = [opener]
    # A reference back ("the attack") takes only what its own clause says; a mention
    # absorbed into the event ("to protest the arrest") does not make it one.
    if scoped or draft.head.anaphoric or not (draft.violent or alone):
        exprs = scoped
    exprs = [e for e in exprs if not _after_publication(e, article.published)]
    if exprs:
        trigger = draft.head.trigger_span.start
        # An explicit date outranks "overnight" or "on Friday" in the same sentence; a
        # day outranks the range in brackets after it ("5 May (between 2 - 8 May)").
        explicit = [e for e in exprs if e.kind == "date"] or [e for e in exprs if e.kind == "range"]
        # "on Tuesday, two days after an attack": a day the sentence names outranks a
        # span counted from another event.
        named = [e for e in exprs if e.kind != "relative"]
        expr = min(explicit or named or exprs, key=lambda e: abs(e.start - trigger))
        draft.date = resolve_time(expr.text, article.published, start=expr.start, end=expr.end)
        draft.own_date = True
    places = sentence_places.get(sentence.start, [])
    scoped_places = [p for p in places if p.start is not None and _in_scope(draft.head, p.start)]
    if scoped_places or draft.head.anaphoric or not (draft.physical or alone):
        places = scoped_places
    if places:
        trigger = draft.head.trigger_span.start
        best = min(places, key=lambda p: (p.geo_precision or 3, abs((p.start or 0) - trigger)))
        draft.place = best
        draft.own_place = True


# What may stand before an opening date: "On", "Around", "Between", "Overnight on".
_OPENER_LEAD = re.compile(
    r"\W{0,3}(?:(?:on|around|about|circa|overnight|between|from|early|late|in the night of)"
    r"\s+)*",
    re.I,
)


def _after_publication(expr: TimeExpr, published: dt.date | None) -> bool:
    """ "elections in April 2019" in a report of February: a plan, not the event's date."""
    if published is None or expr.kind in {"relative", "weekday"}:
        return False
    resolved = resolve_time(expr.text, published)
    if resolved.value is None:
        return False
    # Compare at the expression's own precision: "in February" is not after 10 February.
    size = {"year": 4, "month": 7}.get(resolved.precision or "", 10)
    return resolved.value[:size] > published.isoformat()[:size]


def _in_scope(m: Mention, offset: int) -> bool:
    return any(a <= offset < b for a, b in m.scope)


def _attach_casualties(drafts: list[Draft], text: str) -> None:
    by_sentence: dict[Span, list[Draft]] = {}
    for draft in drafts:
        for m in draft.mentions:
            by_sentence.setdefault(m.sentence, [])
            if draft not in by_sentence[m.sentence]:
                by_sentence[m.sentence].append(draft)
    for sentence, group in by_sentence.items():
        for cas in find_casualties(text[sentence.start : sentence.end], sentence.start):
            wanted = [d for d in group if (d.family == "arrest") == (cas.kind == "arrested")]
            if not wanted:
                continue
            target = min(wanted, key=lambda d: abs(d.start - cas.start))
            if not _a_cause(target, cas, text):
                target.casualties.append(cas)


# Words that introduce what a protest is about or what an attack avenged: deaths told
# after them ("marched after a colleague was killed", "in reprisal for the killing of
# two herders") happened before the event, not in it.
_PROTEST_CAUSE = re.compile(
    r"\b(?:after|over|against|following|because|demand\w*|protest\w*|condemn\w*|denounc\w*)\b",
    re.I,
)
_REPRISAL = re.compile(r"\b(?:retaliation|reprisal|revenge|to avenge|avenging)\b", re.I)


_SPARKED = re.compile(r"\b(?:sparked|triggered|prompted|provoked|set off|led to)\b")


def _sparked_protest(m: Mention, group: list[Mention], text: str) -> bool:
    """ "the arrest of a smuggler sparked a demonstration": the arrest is why they
    marched, told before the protest it set off."""
    return any(
        p.family in {"protest", "strike", "riot"}
        and m.trigger_span.end <= p.trigger_span.start
        and _SPARKED.search(text, m.trigger_span.end, p.trigger_span.start) is not None
        for p in group
    )


def _a_cause(draft: Draft, cas: Casualty, text: str) -> bool:
    if cas.kind not in {"killed", "injured"}:
        return False
    return _after_cause_word(draft.family, draft.head.trigger_span.end, cas.start, text)


def _told_as_cause(host: Draft, draft: Draft, text: str) -> bool:
    """ "demonstrated after a colleague was killed": the killing is why they marched."""
    same = host.head.sentence == draft.head.sentence
    return (
        same
        and host.family in {"protest", "strike"}
        and _after_cause_word(host.family, host.head.trigger_span.end, draft.start, text)
    )


def _after_cause_word(family: str, end: int, at: int, text: str) -> bool:
    """Whether ``at`` follows a word that introduces the cause of the event whose
    trigger ends at ``end``, in the same clause (no comma or semicolon between)."""
    if not text or at < end:
        return False
    pattern = _PROTEST_CAUSE if family in {"protest", "strike"} else _REPRISAL
    between = text[end:at]
    found = list(pattern.finditer(between))
    return bool(found) and not re.search(r"[,;]", between[found[-1].end() :])


_SINGULAR_KIND = {"kill": "killed", "wound": "injured", "injur": "injured"}


def _singular_victim(draft: Draft) -> None:
    """ "the service member who was killed", "a policeman was shot dead": one victim
    named without a number still counts one."""
    if any(c.kind in {"killed", "injured"} for c in draft.casualties):
        return
    for m in draft.mentions:
        stem = next((s for s in _SINGULAR_KIND if m.trigger.lower().startswith(s)), None)
        victim = m.actor2
        if stem is None or victim is None or victim.plural or victim.pronoun or victim.kb_id:
            continue
        role = generic_role(victim.text)
        if role is not None and role.role in {"diplomatic", "government"}:
            continue
        if role is None and victim.head_lemma not in person_nouns():
            continue
        if victim.text.split()[0].lower() in {"no", "none", "nobody", "any"}:
            continue
        kind = _SINGULAR_KIND[stem]
        draft.casualties.append(
            Casualty(kind, 1, victim.start, victim.end, victim.text, "one victim named, no number")  # type: ignore[arg-type]
        )
        return


def _compatible(a: Draft, b: Draft) -> bool:
    follow_up = b.head.family == "kill" and a.physical  # "At least one was injured."
    if not follow_up and (
        a.violent != b.violent or (not a.violent and a.head.plover != b.head.plover)
    ):
        return False
    if a.own_date and b.own_date and a.date and b.date and _date_key(a.date) != _date_key(b.date):
        return False
    if a.own_place and b.own_place and a.place and b.place:
        if a.place.country_code != b.place.country_code:
            return False
        if a.place.admin1 and b.place.admin1 and a.place.admin1 != b.place.admin1:
            return False
    pairs = [(a.head.actor1, b.head.actor1), (a.head.actor2, b.head.actor2)]
    if follow_up:
        # "attacked a camp. They killed six people": the dead need not be the target.
        pairs = pairs[:1]
    for x, y in pairs:
        differ = x is not None and y is not None and _actor_key(x) != _actor_key(y)
        if differ and (x.kb_id or y.kb_id or not (x.pronoun or y.pronoun)):
            return False
    return True


def _date_key(value: DateValue) -> str:
    """Resolved dates compare by value; unresolved ones (no publication date) by
    their words, so "in September" and "on Friday" stay apart."""
    if value.value:
        return value.value
    words = (value.text or "").lower().replace("’s", "").split()
    kept = [w for w in words if w not in {"on", "in", "at", "the", "last", "this"}]
    return kept[0] if kept else ""


def _actor_key(phrase) -> str:  # type: ignore[no-untyped-def]
    if phrase.kb_id:
        return phrase.kb_id
    role = generic_role(phrase.head)
    return role.role if role else phrase.head_lemma


def _merge_references(drafts: list[Draft], text: str = "") -> list[Draft]:
    """Later mentions of an event already coded join it instead of becoming new events.

    A definite reference without a date of its own ("the attack") is the report's
    main event when it fits; one with a date joins the event of that date; a bare
    continuation ("heavy gunfire erupted") joins the event told just before it.
    """
    kept: list[Draft] = []
    for draft in drafts:
        target = None
        if draft.family == "loot" and draft.head.actor1 is None and not draft.own_date:
            # "Houses were burned.": the damage of the attack told just before.
            target = next(
                (
                    k
                    for k in reversed(kept)
                    if k.violent and draft.head.paragraph - k.last_paragraph <= 1
                ),
                None,
            )
        elif draft.family in {"protest", "strike"}:
            # "marched and organized a sit-in": one protest told with two verbs.
            target = next(
                (
                    k
                    for k in reversed(kept)
                    if k.family in {"protest", "strike"} and k.head.sentence == draft.head.sentence
                ),
                None,
            )
        elif draft.violent:
            wanted = (
                (lambda k: k.physical) if draft.head.family == "kill" else (lambda k: k.violent)
            )
            candidates = [
                k
                for k in reversed(kept)
                if wanted(k) and _compatible(k, draft) and not _told_as_cause(k, draft, text)
            ]
            if draft.own_date:
                candidates = [k for k in candidates if k.own_date]
            elif draft.anaphoric:
                main = next((k for k in kept if k.violent), None)
                if main is not None and main in candidates and _fits_anaphor(main, draft):
                    candidates = [main]
                candidates = [k for k in candidates if _fits_anaphor(k, draft)]
            elif draft.casualties and draft.head.family != "kill":
                candidates = []
            else:
                candidates = [k for k in candidates if draft.head.paragraph - k.last_paragraph <= 1]
            target = candidates[0] if candidates else None
        elif draft.head.family == "ceasefire_end":
            target = next((k for k in reversed(kept) if k.head.family == "ceasefire_end"), None)
        if target is not None:
            _merge_into(target, draft)
        else:
            kept.append(draft)
    return kept


def _merge_armed_responses(drafts: list[Draft]) -> list[Draft]:
    """An attack and the fire fight that answers it in the same paragraph are one
    battle ("gunmen attacked X. Troops arrived and traded fire with them")."""
    kept: list[Draft] = []
    for draft in drafts:
        host = next(
            (
                k
                for k in reversed(kept)
                if k.violent
                and k.family != "clash"
                and k.last_paragraph == draft.head.paragraph
                and not (
                    draft.own_date and k.own_date and _date_key(draft.date) != _date_key(k.date)
                )  # type: ignore[arg-type]
            ),
            None,
        )
        if host is not None and _answers(draft):
            _merge_into(host, draft)
            host.reasons.append("armed response in the same paragraph: a battle")
        else:
            kept.append(draft)
    return kept


def _answers(draft: Draft) -> bool:
    """A fire fight, or forces repelling "the attack": the answer to an attack told before."""
    if draft.family == "clash" and not draft.anaphoric:
        return True
    head = draft.head
    return (
        head.family == "clash"
        and not head.is_noun
        and all(
            m is head or (m.anaphoric and m.is_noun) or m.family == "kill" for m in draft.mentions
        )
    )  # "the army repelled the attack"


def _fits_anaphor(candidate: Draft, anaphor: Draft) -> bool:
    """ "The attack" does not refer back to a clash: security forces fighting
    attackers are a battle of their own."""
    return not (anaphor.head.family == "armed" and candidate.head.family == "clash")


def _merge_into(target: Draft, other: Draft) -> None:
    target.mentions.extend(other.mentions)
    target.casualties.extend(other.casualties)
    if not target.own_date and other.own_date:
        target.date, target.own_date = other.date, True
    if other.own_place and (not target.own_place or _finer(other.place, target.place)):
        target.place, target.own_place = other.place, True
    target.reasons.append(f"merged a later mention {other.head.trigger!r}")


def _finer(a: Place | None, b: Place | None) -> bool:
    return a is not None and (b is None or (a.geo_precision or 3) < (b.geo_precision or 3))


def _inherit(
    drafts: list[Draft],
    article: Article,
    countries: Sequence[str] = (),
    sentence_places: dict[int, list[Place]] | None = None,
) -> None:
    """Dates and places the sentence does not give come from the narrative:
    chains ("a day later") from the previous event, the rest from the event
    before in the same or the previous paragraph, else the place the paragraph
    named before it and the publication date."""

    def explicit_dates() -> list[TimeExpr]:
        nonlocal explicit
        if explicit is None:  # found on first need, once per article
            explicit = _explicit_dates(article)
        return explicit

    explicit: list[TimeExpr] | None = None
    for n, draft in enumerate(drafts):
        previous = _told_before(drafts[:n], draft.head.trigger_span.start)
        anchor = previous.date if previous else None
        if draft.date is not None and draft.date.value is None and anchor and anchor.value:
            # A chained expression ("a day later") counts from the event before.
            draft.date = resolve_time(
                draft.date.text or "",
                article.published,
                anchor=anchor,
                start=draft.date.start,
                end=draft.date.end,
            )
        near = previous is not None and draft.head.paragraph - previous.last_paragraph <= 1
        if draft.date is None:
            if near and previous and previous.date and previous.date.value and draft.physical:
                draft.date = DateValue(
                    previous.date.value,
                    previous.date.precision,
                    previous.date.text,
                    reason="no date in the sentence: the narrative's date before it",
                )
            elif (told := _narrative_date(article, draft, explicit_dates)) is not None:
                draft.date = told
            elif article.published is not None:
                draft.date = DateValue(
                    article.published.isoformat(),
                    "day",
                    None,
                    reason="no date in the text: the publication date",
                )
            else:
                draft.date = DateValue(None, None, None, reason="no date and no publication date")
        if draft.place is None and draft.physical and near and previous and previous.place:
            draft.place = previous.place
            draft.reasons.append("place from the event told before it")
        if draft.place is None and draft.physical and sentence_places:
            draft.place = _narrative_place(article, draft, sentence_places)
        if draft.place is None and draft.family in {"protest", "strike"} and countries:
            draft.place = _nationwide(article, draft, countries[0])
        if draft.place is None and draft.physical and countries:
            draft.place = _the_capital(article, draft, countries[0])
        if draft.place is not None and draft.physical and _country_only(draft.place):
            draft.place = _at_capital(draft.place) or draft.place


def _explicit_dates(article: Article) -> list[TimeExpr]:
    """Every explicit date in the body, found once per article."""
    body = article.text[article.body_start :]
    return [
        e for e in find_time_expressions(body, article.body_start) if e.kind in {"date", "range"}
    ]


def _narrative_date(
    article: Article, draft: Draft, explicit_dates: Callable[[], list[TimeExpr]]
) -> DateValue | None:
    """The last explicit date written before the event in its paragraph, else the
    report's first explicit date: "On 9 May, gunmen raided X. They killed two." """
    trigger = draft.head.trigger_span.start
    para_start = article.text.rfind("\n", 0, trigger) + 1
    exprs = [e for e in explicit_dates() if e.end <= trigger]
    if not exprs:
        return None
    in_paragraph = [e for e in exprs if e.start >= para_start]
    expr = in_paragraph[-1] if in_paragraph else exprs[0]
    value = resolve_time(expr.text, article.published, start=expr.start, end=expr.end)
    if value.value is None:
        return None
    return DateValue(
        value.value,
        value.precision,
        value.text,
        value.start,
        value.end,
        reason="no date in the sentence: the date the report gave before it",
    )


def _narrative_place(
    article: Article, draft: Draft, sentence_places: dict[int, list[Place]]
) -> Place | None:
    """The last place the paragraph named in a sentence before the event's ("In
    Kandi, shops were looted. Rioters then burned a factory."), else the first it
    names after ("Traders demonstrated on Monday. They blocked the road in Kandi.")."""
    sentence = draft.head.sentence.start
    para_start = article.text.rfind("\n", 0, sentence) + 1
    para_end = article.text.find("\n", sentence)
    para_end = len(article.text) if para_end < 0 else para_end
    named = [start for start, places in sentence_places.items() if places]
    before = [start for start in named if para_start <= start < sentence]
    after = [start for start in named if sentence < start < para_end]
    if not (before or after):
        return None
    told = max(before) if before else min(after)
    # The finest place of that sentence ("Parakou, Benin": Parakou).
    place = min(sentence_places[told], key=lambda p: (p.geo_precision or 3, -(p.start or 0)))
    where = "before" if before else "after"
    draft.reasons.append(f"no place in the sentence: the place the paragraph named {where} it")
    return place


_NATIONWIDE = re.compile(r"\b(?:nation-?wide|country-?wide|across the country|national)\b", re.I)


def _nationwide(article: Article, draft: Draft, country: str) -> Place | None:
    """A nationwide strike or blockade is coded at the capital (ACLED)."""
    sentence = article.text[draft.head.sentence.start : draft.head.sentence.end]
    if not _NATIONWIDE.search(sentence):
        return None
    found = _capital(country)
    if found is None:
        return None
    capital, name = found
    return replace(capital, reason=f"nationwide action: coded at the capital, {name}")


_THE_CAPITAL = re.compile(
    r"\bthe\s+(?:country's\s+|nation's\s+)?(?:political\s+)?capital\b(?!\s+(?:of\b|[A-Z]))"
)


def _the_capital(article: Article, draft: Draft, country: str) -> Place | None:
    """ "marched in the capital": the capital of the country the report is about.
    (An "economic" or "commercial" capital is another city: it must be named.)"""
    sentence = article.text[draft.head.sentence.start : draft.head.sentence.end]
    if not _THE_CAPITAL.search(sentence):
        return None
    found = _capital(country)
    if found is None:
        return None
    capital, name = found
    return replace(capital, reason=f"'the capital' of {capital.country}: {name}")


def _country_only(place: Place) -> bool:
    return place.admin1 is None and place.country_code is not None


def _at_capital(place: Place) -> Place | None:
    """Only the country is named: ACLED codes the event at the capital, geo_precision 3,
    keeping the words the text used."""
    found = _capital(place.country_code or "")
    if found is None:
        return None
    capital, name = found
    return replace(
        capital,
        geo_precision=3,
        start=place.start,
        end=place.end,
        reason=f"only the country is named ({place.name}): coded at the capital, {name}",
    )


def _capital(country: str) -> tuple[Place, str] | None:
    """The country's capital (its seat of government) resolved as a town, with the
    name the gazetteer gives it."""
    found = get_gazetteer().country(country)
    if found is None or not found.capital:
        return None
    capital = resolve_place(found.capital, context=[found.code])
    return (capital, found.capital) if capital is not None else None


def _told_before(drafts: list[Draft], offset: int) -> Draft | None:
    """The event whose latest mention comes last before ``offset``: the narrative's
    previous event, which chained dates ("a day later") count from."""
    best: tuple[int, Draft] | None = None
    for draft in drafts:
        starts = [m.trigger_span.start for m in draft.mentions if m.trigger_span.start < offset]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), draft)
    return best[1] if best else None


def _actors(draft: Draft, ctx: ActorContext, text: str) -> None:
    day = _day(draft.date)
    country = draft.place.country_code if draft.place else None
    if draft.head.family == "movement" and draft.head.actor1 is None:
        # "armed men were seen in X": the ones seen are the actors.
        draft.actor1 = resolve_actor(draft.head.actor2, ctx, on=day, country=country)
        return
    first = next((m for m in draft.mentions if m.actor1 is not None), draft.head)
    second = next((m for m in draft.mentions if m.actor2 is not None), draft.head)
    attacker = first.actor1
    if attacker is not None and (
        is_event_noun(attacker.head_lemma) or _is_weapon(attacker.head_lemma)
    ):
        attacker = None  # "a drone strike killed four": the strike is the event, not its actor
    draft.actor1 = resolve_actor(attacker, ctx, on=day, country=country)
    target = second.actor2
    if target is not None and not draft.violent and is_event_noun(target.head_lemma):
        target = None  # "condemned the attack": the target is an event, not an actor
    draft.actor2 = resolve_actor(target, ctx, on=day, country=country)
    if draft.family in {"protest", "strike", "riot"}:
        # Whoever marches is coded by role: ACLED's "Protesters (Country)" / "Rioters (Country)";
        # "rioters blocked a road to protest": the report calls them rioters.
        rioters = attacker is not None and attacker.head_lemma in {"rioter", "rioters"}
        kind = "riot" if draft.family == "riot" or rioters else "protest"
        draft.actor1 = crowd(draft.actor1, kind, country)
        return
    sentence = draft.head.sentence
    suspect = draft.violent and mob_justice(text[sentence.start : sentence.end])
    unarmed = draft.actor1 is None or (
        draft.actor1.type in {None, "Civilians", "Rioters"}
        and not re.search(r"\b(?:militia|armed|gunm[ae]n)", draft.actor1.name, re.I)
    )
    armed_target = draft.actor2 is not None and is_armed_type(draft.actor2.type)
    if suspect and unarmed and not armed_target:
        # "villagers beat a suspected thief to death": mob justice, by a crowd (ACLED).
        mob = crowd(draft.actor1, "riot", country)
        draft.actor1 = replace(mob, reason=f"{mob.reason}; the victim taken for a {suspect}")
    elif draft.actor1 is None and draft.violent:
        draft.actor1 = unidentified(country)
    elif draft.family in {"coerce", "closure"} and _local_authority(draft.actor1):
        # "a curfew was imposed", "the mayor closed the schools": the state acted (ACLED
        # codes security measures to the government of the country).
        draft.actor1 = authorities(country, draft.actor1)
    elif draft.actor1 is not None and (draft.violent or draft.family == "loot"):
        # Civilians who attack or wreck property act as a crowd or a militia.
        draft.actor1 = as_attacker(draft.actor1, country, attacker.groups if attacker else ())
    if target is not None and draft.actor2 is not None and draft.actor2.type is None:
        draft.actor2 = _typed_target(draft, target, ctx, day, country)
    elif target is not None and draft.actor2 is not None and _herders_hit(draft, target):
        draft.actor2 = replace(
            draft.actor2,
            name=draft.actor2.name.replace("Communal Militia", "Civilians"),
            type="Civilians",
            role="civilians",
            reason=draft.actor2.reason + "; herders or hunters attacked, unarmed: civilians",
        )


_LOCAL_OFFICIALS = re.compile(r"\b(?:mayor|prefect|governor|council|officials?|chief)\b", re.I)


def _local_authority(actor: Actor | None) -> bool:
    """No one named, or a local official standing for the state."""
    if actor is None:
        return True
    return actor.type is None and bool(_LOCAL_OFFICIALS.search(actor.name))


_HERDERS = {"herder", "herdsman", "herdsmen", "hunter", "pastoralist"}


def _herders_hit(draft: Draft, target: Phrase) -> bool:
    """Herders are a communal militia when they raid; attacked, they are civilians."""
    actor2 = draft.actor2
    return (
        actor2 is not None
        and actor2.role == "communal"
        and draft.family in _VICTIM_FAMILIES
        and target.head_lemma.lower() in _HERDERS
        and not _ARMED_PHRASE.search(target.text)
    )


# "a military base", "a police station": the forces that hold the site.
_STATE_SITE = re.compile(
    r"\b(military|army|police|gendarmerie|security)\s+(?:base|post|outpost|camp|station"
    r"|checkpoint|barracks|convoy|patrol|position|vehicle|headquarters)s?\b",
    re.I,
)
_SITE_FORCES = {"military": "soldiers", "army": "soldiers", "police": "police",
                "gendarmerie": "gendarmes", "security": "security forces"}  # fmt: skip
# Targets whose holders the phrase does not say: leave them untyped.
_UNKNOWN_HOLDERS = {"convoy", "patrol", "base", "position", "checkpoint", "post", "outpost",
                    "vehicle", "barracks"}  # fmt: skip
_VICTIM_FAMILIES = {"armed", "kill", "abduct", "arrest", "sexual", "explosive", "air",
                    "shelling", "grenade", "suicide", "loot"}  # fmt: skip


def _typed_target(
    draft: Draft, target: Phrase, ctx: ActorContext, day: dt.date | None, country: str | None
) -> Actor:
    """A target the knowledge base does not know, typed the way ACLED codes it: a
    site of the forces is those forces; a named person, a place or a home hit by
    violence are civilians; "each other" is the other side of the same kind."""
    actor2 = draft.actor2
    assert actor2 is not None
    site = _STATE_SITE.search(target.text)
    if site is not None:
        forces = _SITE_FORCES[site.group(1).lower()]
        phrase = replace(target, text=f"{' '.join(target.modifiers)} {forces}".strip(),
                         head=forces.split()[-1], head_lemma=forces.split()[-1])  # fmt: skip
        resolved = resolve_actor(phrase, ctx, on=day, country=country)
        if resolved is not None and resolved.type is not None:
            return replace(
                resolved, name=resolved.name, reason=resolved.reason + f"; holds {target.text!r}"
            )
    if target.text.lower() in {"each other", "one another"} and draft.actor1 is not None:
        return replace(
            draft.actor1, start=actor2.start, end=actor2.end, reason="each other: the same side"
        )
    if draft.family not in _VICTIM_FAMILIES or target.head_lemma.lower() in _UNKNOWN_HOLDERS:
        return actor2
    return replace(
        actor2,
        type="Civilians",
        country_code=actor2.country_code or country,
        role="civilians",
        reason=actor2.reason + "; the target of violence with no armed role: civilians (ACLED)",
    )


def _paragraph_text(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _is_weapon(lemma: str) -> bool:
    """ "a crude bomb left by X went off": the weapon is not the attacker
    (but a bomber is)."""
    return lemma in instruments() and not lemma.endswith("er") and lemma not in person_nouns()


def _day(value: DateValue | None) -> dt.date | None:
    if value is None or value.value is None:
        return None
    return dt.date.fromisoformat(value.value)


def _finish(article: Article, drafts: list[Draft]) -> list[Event]:
    if not drafts:
        return []
    occurred = [d for d in drafts if not (d.head.negated or d.head.modality)]
    # The report's main event is the first thing that happened at a place (the lead
    # tells it first); within one sentence violence outranks what it set off.
    physical = [d for d in occurred if d.physical and not d.cause] or [
        d for d in occurred if d.physical
    ]
    if physical:
        main = min(physical, key=lambda d: (d.head.sentence.start, not d.violent, d.start))
    else:
        main = occurred[0] if occurred else drafts[0]
    ordered = [main] + [d for d in drafts if d is not main]
    events: list[Event] = []
    for draft in ordered:
        event = _event(article, draft, main, len(events) + 1)
        if event is not None:
            events.append(event)
    return events


def _counts(
    draft: Draft, *, coded: bool = False
) -> tuple[int | None, int | None, int | None, list[str]]:
    """Fatalities, injuries, arrests. ``coded``: the event has an ACLED type, so
    fatalities are a number (0 when none are reported), as in ACLED's data."""
    totals: dict[str, int] = {}
    reasons = []
    for cas in draft.casualties:
        if cas.count > totals.get(cas.kind, -1):
            totals[cas.kind] = cas.count
            reasons.append(f"{cas.kind} {cas.count}: {cas.reason or cas.text}")
    fatalities = totals.get("killed")
    if fatalities is None and (draft.violent or coded):
        fatalities = 0
        reasons.append("no deaths reported: 0 (ACLED)")
    arrests = totals.get("arrested")
    return fatalities, totals.get("injured"), arrests, reasons


def _event(article: Article, draft: Draft, main: Draft, n: int) -> Event | None:
    head = draft.head
    family = draft.family
    fatalities, injuries, arrests, count_reasons = _counts(draft)
    context = " ".join(article.text[m.sentence.start : m.sentence.end] for m in draft.mentions)
    if family in {"protest", "strike", "riot", "displace", "closure"}:
        # How a protest ended, or why people fled, is often told in the next sentence.
        context = _paragraph_text(article.text, head.trigger_span.start)
    # The mention that gave the event its type says what was taken or hit.
    typed = next((m for m in draft.mentions if m.family == family), head)
    acled = acled_code(
        family,
        actor1_type=draft.actor1.type if draft.actor1 else None,
        actor2_type=draft.actor2.type if draft.actor2 else None,
        context=context,
        target_text=typed.actor2.text if typed.actor2 else None,
        target_head=typed.actor2.head if typed.actor2 else None,
        fatalities=fatalities,
        actor2_armed=_armed(draft.actor2),
        with_protest=any(m.family in {"protest", "strike"} for m in draft.mentions),
        trigger=typed.trigger,
        actor1_named_armed=_named_armed(draft.actor1, typed.actor1),
    )
    if family.startswith("territory") and acled.event_type is None:
        return None  # "seized power" is no territorial event
    if acled.event_type and fatalities is None:
        fatalities, injuries, arrests, count_reasons = _counts(draft, coded=True)
    actor1 = draft.actor1
    if acled.event_type == "Riots" and actor1 is not None and actor1.type == "Protesters":
        actor1 = crowd(actor1, "riot", actor1.country_code)  # the protest turned violent
    status = "occurred"
    if head.negated:
        status = "negated"
    elif head.modality in {"planned", "threatened"}:
        status = head.modality
    elif head.modality in _STATEMENT_STATUS and draft.violent:
        status = _STATEMENT_STATUS[head.modality]
    background = draft is not main and _earlier(draft.date, main.date)
    mode = _FAMILY_MODES.get(family) or next(
        (m.mode for m in draft.mentions if m.family == family and m.mode), head.mode
    )
    evidence = tuple(
        sorted({_trimmed(article.text, m.sentence) for m in draft.mentions}, key=lambda s: s.start)
    )
    confidence = _confidence(draft, acled.event_type)
    reason = "; ".join(
        [f"trigger {head.trigger!r} ({family})", acled.reason, *count_reasons, *draft.reasons]
    )
    plover = head.plover if not draft.violent else "ASSAULT"
    if family.startswith("territory") and acled.event_type:
        plover = "ASSAULT" if family == "territory_state" else head.plover
    if acled.event_type is None and (
        family in {"displace", "preach"} or (family == "closure" and head.actor1 is None)
    ):
        return None  # leaving home for work, a sermon, shops shut for a holiday: no event
    return Event(
        id=f"{article.id}:e{n}",
        plover_type=plover or "ASSAULT",
        plover_mode=mode,
        acled_event_type=acled.event_type,
        acled_sub_event_type=acled.sub_event_type,
        date=draft.date or DateValue(None, None, None),
        location=draft.place,
        actor1=actor1,
        actor2=draft.actor2,
        fatalities=fatalities if acled.event_type or draft.violent else None,
        injuries=injuries,
        arrests=arrests,
        status=status,  # type: ignore[arg-type]
        background=background,
        confidence=confidence,
        evidence=evidence,
        trigger=head.trigger,
        trigger_span=head.trigger_span,
        reason=reason,
    )


def _trimmed(text: str, span: Span) -> Span:
    """A sentence span without the whitespace the tokenizer leaves at its end."""
    end = span.end
    while end > span.start and text[end - 1].isspace():
        end -= 1
    return Span(span.start, end)


_ARMED_PHRASE = re.compile(
    r"\b(?:armed|gunm[ae]n|militants?|fighters?|rebels?|insurgents?|jihadists?|terrorists?"
    r"|bandits?|militia\w*)\b",
    re.I,
)


def _named_armed(actor: Actor | None, phrase: Phrase | None) -> bool:
    """A known armed group, or a phrase that says its people were armed ("armed men",
    "gunmen"); "assailants" or "unknown people" do not say so."""
    if actor is None:
        return False
    if _armed(actor) and actor.role != "unidentified":
        return True  # a known group, or forces named by role ("soldiers", "customs officers")
    return phrase is not None and bool(_ARMED_PHRASE.search(phrase.text))


def _armed(actor: Actor | None) -> bool | None:
    if actor is None or actor.type is None:
        return None
    if actor.role in {"diplomatic", "civilians", "government"}:
        return False
    return is_armed_type(actor.type)


def _earlier(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None or a.value is None or b.value is None:
        return False
    return a.value < b.value


def _confidence(draft: Draft, event_type: str | None) -> float:
    score = 0.5
    score += 0.1 if draft.own_date else 0.0
    score += 0.1 if draft.place is not None else 0.0
    score += 0.1 if draft.actor1 is not None and draft.actor1.type else 0.0
    score += 0.1 if event_type else 0.0
    score += 0.05 * min(2, len(draft.mentions) - 1)
    return round(min(score, 0.95), 2)
