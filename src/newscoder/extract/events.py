"""Event mentions from triggers and the dependency parse.

A trigger (a lemma or a phrase from ``data/triggers.json``) anchors a mention;
its arguments come from the parse: subject and agent give actor1, object and
"at/on/against/with" phrases give actor2. This is the only module that reads
spaCy tokens for events; it hands the coder plain ``Mention`` values.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from newscoder.extract.numbers import animal_nouns, person_nouns
from newscoder.nlp.cache import doc_ents, doc_text
from newscoder.nlp.pipeline import is_label
from newscoder.resolve.knowledge import generic_role
from newscoder.types import Span

# Dependency labels whose subtrees are not part of an actor phrase.
_CUT_DEPS = {"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep_by"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
_TARGET_PREPS = {"at", "on", "upon", "against", "into", "targeting", "with"}
_MODAL_PLANNED = {"plan", "intend", "prepare", "aim", "seek", "try", "attempt"}
_MODAL_THREAT = {"threaten", "vow", "warn", "pledge"}
_FEARED = {"fear", "threat", "risk", "danger"}
_CLAIM_GOVERNORS = {"claim", "allege"}
_DENY_GOVERNORS = {"deny", "reject", "dismiss"}
_QUOTE_OPEN = '"“«‘'
_FIRST_PERSON = {"i", "we"}
_ATTACK_FAMILIES = {
    "armed",
    "clash",
    "explosive",
}  # a "suicide bomber" can make these suicide attacks
_PLACE_PREPS = {"near", "in", "at", "outside", "around"}
_FROM_PLACE = _PLACE_PREPS | {"from"}
_IMPACT_VERBS = {"hit", "kill", "target", "strike", "destroy", "injure", "wound", "damage", "rock"}
_QUANTITY_WORDS = {"several", "another", "many", "some", "dozens", "hundreds", "scores", "others"}
_PROJECTILES = {"shot", "bullet", "round", "rocket", "mortar", "shell", "missile", "tear", "gas"}


@dataclass(frozen=True, slots=True)
class Phrase:
    """An argument of a mention, as written: the coder resolves it to an actor."""

    text: str
    start: int
    end: int
    head: str
    head_lemma: str
    kb_id: str | None = None
    person: str | None = None
    modifiers: tuple[str, ...] = ()  # NORP / GPE words inside ("Pakistani", "Nigeria's")
    groups: tuple[str, ...] = ()  # the NORP words only: nationalities, faiths, ethnic groups
    plural: bool = False
    pronoun: bool = False
    first_person: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    family: str
    plover: str | None
    mode: str | None
    trigger: str
    trigger_span: Span
    sentence: Span
    paragraph: int
    actor1: Phrase | None
    actor2: Phrase | None
    is_noun: bool
    anaphoric: bool
    generic: bool
    negated: bool
    modality: str | None  # "planned" | "threatened" | "claimed" | "denied"
    in_quote: bool
    instruments: tuple[str, ...] = ()
    token_i: int = 0
    governor_token: int | None = None  # token index of the governing trigger
    # Character ranges where the event's own date and place may be read: the
    # trigger's clause without the attacker's phrase ("militants in Afghanistan
    # ended ..." says where the militants are, not where the event was).
    scope: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _TriggerSpec:
    family: str
    plover: str | None
    mode: str | None
    passive: bool = False


@cache
def _lexicon() -> dict:
    with resources.files("newscoder.data").joinpath("triggers.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _lemma_index() -> dict[tuple[str, str], _TriggerSpec]:
    index: dict[tuple[str, str], _TriggerSpec] = {}
    for entry in _lexicon()["triggers"]:
        spec = _TriggerSpec(entry["family"], entry["plover"], entry["mode"])
        for lemma in entry["lemmas"]:
            for pos in entry["pos"]:
                index.setdefault((lemma, pos), spec)
    return index


def is_event_noun(lemma: str) -> bool:
    """True for nouns that name an event ("attack", "bombing"), not an actor."""
    return (lemma, "NOUN") in _lemma_index() or lemma in _lexicon()["event_nouns"]


@cache
def light_verbs() -> frozenset[str]:
    return frozenset(_lexicon()["light_verbs"])


@cache
def specificity() -> dict[str, int]:
    order = _lexicon()["specificity"]
    return {family: len(order) - i for i, family in enumerate(order)}


@cache
def instruments() -> dict[str, str]:
    return {word: family for family, words in _lexicon()["instruments"].items() for word in words}


@cache
def keep_whole() -> tuple[str, ...]:
    """Hyphenated words the tokenizer must keep as one token ("cease-fire")."""
    return tuple(_lexicon()["keep_whole"])


_MATCHERS: dict[int, tuple[Matcher, list[_TriggerSpec]]] = {}


def _matcher(owner: Language | Doc) -> tuple[Matcher, list[_TriggerSpec]]:
    vocab = owner.vocab
    key = id(vocab)
    if key not in _MATCHERS:
        matcher = Matcher(vocab)
        specs: list[_TriggerSpec] = []
        for i, entry in enumerate(_lexicon()["phrases"]):
            specs.append(
                _TriggerSpec(
                    entry["family"], entry["plover"], entry["mode"], entry.get("passive", False)
                )
            )
            matcher.add(str(i), _first_token_variants(entry["pattern"]))
        _MATCHERS[key] = (matcher, specs)
    return _MATCHERS[key]


def _first_token_variants(pattern: list[dict]) -> list[list[dict]]:
    """One pattern per value of a first-token ``IN`` set on LEMMA / LOWER / ORTH.

    The matcher tries every pattern's first token at every token of a document;
    an equality test runs in C, an ``IN`` set is a Python call each time. The
    expanded patterns match exactly what the original matches.
    """
    first, rest = pattern[0], pattern[1:]
    sets = [k for k in ("LEMMA", "LOWER", "ORTH") if isinstance(first.get(k), dict)]
    if len(sets) != 1 or set(first[sets[0]]) != {"IN"} or "OP" in first:
        return [pattern]
    attr = sets[0]
    return [[{**first, attr: value}, *rest] for value in first[attr]["IN"]]


def _phrase_head(doc: Doc, start: int, end: int) -> int:
    """The token a phrase trigger's arguments hang on: its first verb, else its last noun."""
    for tok in doc[start:end]:
        if tok.pos_ == "VERB":
            return tok.i
    nouns = [tok.i for tok in doc[start:end] if tok.pos_ in {"NOUN", "PROPN"}]
    return nouns[-1] if nouns else start


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (blocks separated by newlines) start."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text) and text[i + 1] != "\n":
            starts.append(i + 1)
    return starts


def paragraph_of(offset: int, starts: Sequence[int]) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks (paragraph-bounded).

    Used only to tell whether a trigger sits inside a quotation; the quotes
    extractor does the careful work of spans and speakers.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
        elif ch in "“«" or (ch == '"' and open_at is None):
            open_at = i
        elif ch in "”»" or ch == '"':
            if open_at is not None:
                regions.append((open_at, i))
            open_at = None
    return regions


def find_mentions(doc: Doc, *, skip: Iterable[Span] = ()) -> list[Mention]:
    """Every event mention in ``doc`` outside the ``skip`` spans, in text order."""
    skip_ranges = [(s.start, s.end) for s in skip]
    text = doc_text(doc)
    pstarts = paragraph_starts(text)
    quotes = quote_regions(text)
    phrase_hits = _phrase_hits(doc)
    mentions: list[Mention] = []
    for sent in doc.sents:
        if any(a <= sent.start_char and sent.end_char <= b for a, b in skip_ranges):
            continue
        if any(a < sent.end_char and sent.start_char < b for a, b in skip_ranges):
            continue
        if is_label(sent):
            continue  # "Looting:" names a category; the sentence after it tells the event
        mentions.extend(_sentence_mentions(doc, sent, phrase_hits, pstarts, quotes))
    return mentions


def _phrase_hits(doc: Doc) -> dict[int, tuple[_TriggerSpec, int, int]]:
    """Head token index -> (spec, start token, end token) for phrase triggers."""
    matcher, specs = _matcher(doc)
    hits: dict[int, tuple[_TriggerSpec, int, int]] = {}
    for match_id, start, end in matcher(doc):
        spec = specs[int(doc.vocab.strings[match_id])]
        head_i = _phrase_head(doc, start, end)
        best = hits.get(head_i)
        if best is None or (end - start) > (best[2] - best[1]):
            hits[head_i] = (spec, start, end)
    return hits


def _sentence_mentions(
    doc: Doc,
    sent: SpacySpan,
    phrase_hits: dict[int, tuple[_TriggerSpec, int, int]],
    pstarts: Sequence[int],
    quotes: Sequence[tuple[int, int]],
) -> list[Mention]:
    found: list[tuple[Token, _TriggerSpec, int, int]] = []
    covered: set[int] = set()
    for i in sorted(i for i in phrase_hits if sent.start <= i < sent.end):
        spec, start, end = phrase_hits[i]
        found.append((doc[i], spec, start, end))
        covered.update(range(start, end))
    index = _lemma_index()
    for i in _candidates(doc, sent.start, sent.end):
        if i in covered:
            continue
        tok = doc[i]
        if tok.ent_type_ in {"DATE", "TIME"}:
            continue  # "on 20 March": a month, not a march
        spec = index.get((tok.lemma_.lower(), tok.pos_)) or index.get((tok.lower_, tok.pos_))
        if spec is None and tok.pos_ == "PROPN":
            spec = index.get((tok.lemma_.lower(), "NOUN"))
        if spec is None and tok.pos_ == "NOUN":
            spec = _governed_noun(tok)
        if spec is not None and tok.pos_ in {"NOUN", "PROPN"} and _is_modifier(tok):
            continue  # "riot police", "an artillery crew chief", "using attack aircraft"
        if spec is not None and tok.dep_ == "amod" and spec.family not in {"protest", "strike"}:
            continue  # "the investigating officer", "wounded soldiers"; not "protesting teachers"
        if spec is not None and spec.family == "reject" and _denies_something_to(tok):
            continue  # "deny ISIL a safe haven" prevents; it rejects nothing
        if spec is not None and spec.family == "movement" and not _seen_or_patrolling(tok):
            continue  # "see" only as "were seen / spotted"; "patrol" as a verb
        needs_people = spec is not None and tok.lemma_.lower() in _lexicon()["actor_required"]
        if needs_people and not _done_by_people(tok):
            continue  # "destroyed" codes only when people did it, not strikes or storms
        if spec is not None and spec.family == "loot" and _damage_by_attack(tok):
            continue  # "coalition strikes destroyed a vehicle": the strike's damage, not looting
        if spec is not None and spec.family == "release" and not _released_people(tok):
            continue  # "released a statement" frees nobody
        if spec is not None and spec.family == "displace" and not _people_leaving(tok):
            continue  # "gunmen fled", "left two dead": nobody was driven from home
        if spec is not None and tok.lemma_.lower() == "block" and not _road_blocked(tok):
            continue  # "blocked the highway" is a protest; "blocked a bill" is not
        if spec is not None and spec.family == "closure" and not _site_closed(tok):
            continue  # "closed the meeting", "closed ranks": no place shut
        if spec is not None:
            found.append((tok, spec, tok.i, tok.i + 1))
    found.sort(key=lambda item: item[0].i)
    heads = {tok.i: n for n, (tok, _, _, _) in enumerate(found)}
    mentions = []
    for tok, spec, start, end in found:
        if spec.plover is None:  # "claim responsibility": attributes, codes nothing itself
            continue
        if spec.family == "request" and any(c.dep_ == "auxpass" for c in tok.children):
            continue  # "reporters will be called on to ask questions": no demand
        governor = _governor(tok, heads, sent)
        mentions.append(_mention(doc, sent, tok, spec, start, end, governor, pstarts, quotes))
    return mentions


def _candidates(doc: Doc, start: int, end: int) -> list[int]:
    """Token indices in ``[start, end)`` whose word or lemma could be a trigger.

    A vectorised pre-filter on the words' hash ids, run once per document: the
    trigger checks then run on a few tokens a sentence instead of every token.
    """
    found = doc.user_data.get("newscoder_candidates")
    if found is None:
        arrays = doc.to_array([LOWER, LEMMA])
        wanted = _candidate_ids(doc.vocab)
        hits = numpy.isin(arrays[:, 0], wanted) | numpy.isin(arrays[:, 1], wanted)
        found = doc.user_data["newscoder_candidates"] = numpy.nonzero(hits)[0].tolist()
    return found[bisect.bisect_left(found, start) : bisect.bisect_left(found, end)]


_CANDIDATE_IDS: dict[int, numpy.ndarray] = {}


def _candidate_ids(vocab: Vocab) -> numpy.ndarray:
    key = id(vocab)
    if key not in _CANDIDATE_IDS:
        words = {lemma for lemma, _ in _lemma_index()}
        words |= set(_lexicon()["governed_nouns"]["nouns"])
        # Lemmas keep the case of proper nouns ("Attack" as a PROPN): add cased forms.
        forms = {f for w in words for f in (w, w.capitalize(), w.upper(), w.title())}
        _CANDIDATE_IDS[key] = numpy.array(
            sorted(vocab.strings.add(f) for f in forms), dtype=numpy.uint64
        )
    return _CANDIDATE_IDS[key]


_LABOUR = re.compile(
    r"\b(?:unlimited|indefinite|general|hunger|labou?r|workers?|unions?|teachers?|doctors?"
    r"|nurses?|wages?|salar(?:y|ies)|pay|working conditions|sit-in|\d+-(?:hour|day)"
    r"|employees?|staff|lawyers?|lecturers?|drivers?|transporters?|traders?|demotions?"
    r"|dismissals?|layoffs?|disinvestment|privati[sz]ation)\b",
    re.I,
)


# Verbs a walkout takes besides the light ones: "continued / began / observed a strike".
_STRIKE_VERBS = {"continue", "begin", "start", "observe", "extend"}


def _labour_strike(tok: Token) -> bool:
    return tok.lemma_.lower() == "strike" and bool(_LABOUR.search(tok.sent.text))


# Nouns that tell a run of attacks as a pattern ("a steady drumbeat of attacks"); "a
# string of attacks that killed seven" stays an event (a protest may be against it).
_PATTERN_NOUNS = {"drumbeat", "litany", "history", "pattern", "cycle"}
_BROKE_OUT = {"erupt", "break", "flare", "resume", "occur", "spread"}
_AIRCRAFT = {"drone", "warplane", "jet", "aircraft", "helicopter", "gunship"}


def _is_light(verb: Token) -> bool:
    """A light verb ("staged a strike"), also where the lemmatiser slips ("staged"
    -> "stag"): the past form without its "d" is tried too."""
    lemma = verb.lemma_.lower()
    if lemma in light_verbs():
        return True
    low = verb.lower_
    return verb.tag_ in {"VBD", "VBN"} and low.endswith("ed") and low[:-1] in light_verbs()


def _governed_noun(tok: Token) -> _TriggerSpec | None:
    """ "conducted 23 strikes", "fired rockets at", "a mortar hit the base"."""
    family = _lexicon()["governed_nouns"]["nouns"].get(tok.lemma_.lower())
    if family is None:
        return None
    head = tok.head
    light = tok.dep_ == "dobj" and _is_light(head)
    subject = tok.dep_ in _SUBJECT_DEPS and head.pos_ == "VERB"
    if tok.lemma_.lower() in _AIRCRAFT and not (
        tok.dep_ in _SUBJECT_DEPS and head.lemma_.lower() in _IMPACT_VERBS | {"bomb", "pound"}
    ):
        return None  # "drones hit the base"; not "drones flew over the town"
    if family == "air" and _labour_strike(tok):
        # "launched an unlimited strike for better pay", "unions staged a strike": a walkout
        light = light or (tok.dep_ == "dobj" and head.lemma_.lower() in _STRIKE_VERBS)
        family = "strike"
    if not (light or subject):
        return None
    entry = next(e for e in _lexicon()["triggers"] if e["family"] == family)
    return _TriggerSpec(family, entry["plover"], entry["mode"])


def _is_modifier(tok: Token) -> bool:
    if tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        # "a protest march", "a demonstration march": the modifier names the event.
        return tok.head.lemma_.lower() not in {"march", "rally", "action", "movement"}
    if tok.lemma_.lower() == "march" and tok.pos_ == "NOUN":
        return not any(c.dep_ in {"compound", "amod"} for c in tok.children) and not any(
            c.lower_ in {"protest", "demonstration", "peaceful"} for c in tok.children
        )
    # "conducted strikes using attack, bomber and fighter aircraft": an instrument.
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"use", "employ"}


def _denies_something_to(tok: Token) -> bool:
    objects = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
    return len(objects) >= 2 or any(c.dep_ == "dative" for c in tok.children)


_GOING = {"enter", "travel", "cross", "arrive", "pass", "infiltrate", "roam", "go", "head", "move"}


_SEEING = {"see", "spot", "sight", "observe"}


def _seen(tok: Token) -> Token | None:
    """What a seeing verb saw: its object, or the subject of the clause it
    governs ("saw armed men riding motorbikes")."""
    seen = _child(tok, {"dobj"})
    clause = _child(tok, {"ccomp"})
    if seen is None and clause is not None:
        seen = _child(clause, _SUBJECT_DEPS)
    return seen


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in tok.children)


def _seen_or_patrolling(tok: Token) -> bool:
    """ "were seen / spotted" (not "saw"), "patrolled", and armed men going somewhere
    ("entered the village", "passed through X"): movements of forces, not "a
    shutdown was observed"."""
    lemma = tok.lemma_.lower()
    if lemma == "patrol":
        return True
    if lemma in _GOING:
        subject = _child(tok, _SUBJECT_DEPS)
        if subject is None and tok.dep_ == "acl":
            subject = tok.head  # "spotted armed men travelling on motorcycles"
        return _armed_people(subject)
    if lemma in _SEEING and not _is_passive(tok):
        # "farmers spotted thirty armed men": the armed men moved, not the farmers.
        return _armed_people(_seen(tok))
    if _is_passive(tok):
        return _armed_people(_resolve_relative(_child(tok, _PASSIVE_SUBJECT_DEPS)))
    return False


_ARMED_MOVERS = re.compile(
    r"\b(?:armed|gunm[ae]n|militants?|fighters?|insurgents?|jihadists?|rebels?|soldiers"
    r"|troops|militiam[ae]n)\b"
)


def _armed_people(subject: Token | None) -> bool:
    """Whether a subject names armed people ("ten armed men", "JNIM fighters", a
    known armed group), not a thing ("a shutdown was observed")."""
    if subject is None:
        return False
    near = _noun_group(subject)
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    for pobj in of.children if of is not None else ():
        near.extend(_noun_group(pobj))  # "members of an armed group"
    words = " ".join(t.lower_ for t in near)
    return bool(_ARMED_MOVERS.search(words)) or any(t.ent_id_ for t in near)


# Homes people are driven from, and the people who are driven (not armed men who flee).
_HOMES = {"village", "home", "house", "town", "locality", "area", "community", "land",
          "farm", "hamlet", "settlement", "camp", "region", "commune", "district"}  # fmt: skip
_LEAVERS = {"people", "resident", "inhabitant", "villager", "family", "household", "civilian",
            "refugee", "population", "farmer", "herder", "pastoralist", "woman", "child",
            "teacher", "student", "trader", "person", "thousand", "hundred", "dozen"}  # fmt: skip


def _people_leaving(tok: Token) -> bool:
    """Displacement: people fleeing or leaving their homes ("residents left their
    village", "hundreds fled to Kandi", "families were displaced"), a noun
    ("displacement", "exodus"); not "the gunmen fled" or "left two people dead"."""
    if tok.pos_ == "NOUN":
        return True
    lemma = tok.lemma_.lower()
    passive = _is_passive(tok)
    subject = _resolve_relative(_child(tok, _PASSIVE_SUBJECT_DEPS if passive else _SUBJECT_DEPS))
    if subject is None and not passive:
        subject = _inherited_subject(tok)  # "gathered their cattle and left the village"
    if subject is None and tok.dep_ in {"acl", "relcl"}:
        subject = tok.head  # "villagers fleeing the fighting"
    if lemma == "displace":
        people = subject if passive else _child(tok, {"dobj"})
        return people is not None and _civilian_group(people)
    if subject is None or not _civilian_group(subject):
        return False
    if lemma == "flee":
        obj = _child(tok, {"dobj"})
        return obj is None or obj.lemma_.lower() in _HOMES or obj.pos_ == "PROPN"
    obj = _child(tok, {"dobj"})  # leave, abandon, desert: a home or a named place
    return obj is not None and (obj.lemma_.lower() in _HOMES or obj.pos_ == "PROPN")


def _civilian_group(tok: Token) -> bool:
    if _armed_people(tok):
        return False
    head = tok.lemma_.lower()
    return head in _LEAVERS or tok.pos_ == "NUM" or (tok.like_num and tok.dep_ != "nummod")


# Places shut for a reason the report gives ("schools were closed because of insecurity").
_CLOSABLE = {"school", "market", "border", "road", "shop", "mosque", "church", "office",
             "university", "bank", "station", "crossing", "bridge", "highway", "route",
             "clinic", "hospital", "college", "class", "classroom", "airport", "port"}  # fmt: skip


_ROADS = {"road", "highway", "traffic", "train", "railway", "street", "route", "bridge",
          "junction", "circulation", "intersection", "expressway", "way", "rail",
          "track"}  # fmt: skip


def _road_blocked(tok: Token) -> bool:
    """People (not forces) blocking a road, traffic or trains: a protest."""
    if _is_passive(tok):
        return False
    obj = _child(tok, {"dobj"})
    if obj is None or obj.lemma_.lower() not in _ROADS:
        return False
    subject = _resolve_relative(_child(tok, _SUBJECT_DEPS) or _inherited_subject(tok))
    if subject is None or _armed_people(subject):
        return False
    role = generic_role(" ".join(t.text for t in sorted(_noun_group(subject), key=lambda t: t.i)))
    return role is None or role.type != "State forces"  # police or officials close roads too


def _site_closed(tok: Token) -> bool:
    """A school, market, border or road closed ("the school was closed", "schools
    closed", "shut down the border"), not "closed the meeting"."""
    if _is_passive(tok):
        site = _child(tok, _PASSIVE_SUBJECT_DEPS)
    else:
        site = _child(tok, {"dobj"}) or _child(tok, _SUBJECT_DEPS)  # "schools closed"
    return site is not None and site.lemma_.lower() in _CLOSABLE


def _noun_group(head: Token) -> list[Token]:
    """A noun with its own modifiers, without clauses hung on it ("the blockade,
    enforced by the alliance" is the blockade)."""
    return [head] + [c for c in head.children if c.dep_ in {"amod", "compound", "nummod", "det"}]


def _done_by_people(tok: Token) -> bool:
    subject = _child(tok, _SUBJECT_DEPS) or _inherited_subject(tok)
    subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
    if any(is_event_noun(c.lemma_.lower()) for c in subjects):
        return False  # "five strikes destroyed ...": the strike's damage
    if subject is None or subject.pos_ == "PRON" or subject.left_edge.lower_ in _PLACE_PREPS:
        return False  # "Near Raqqah, ...": a misparsed place, not people
    if subject.ent_id_ or subject.ent_type_ in {"PERSON", "NORP"}:
        return True
    words = " ".join(t.text for t in subject.subtree if t.dep_ not in {"prep", "pobj"})
    return generic_role(words) is not None


def _damage_by_attack(tok: Token) -> bool:
    subject = _child(tok, _SUBJECT_DEPS) or _inherited_subject(tok)
    if subject is not None and (
        is_event_noun(subject.lemma_.lower()) or subject.ent_type_ in {"GPE", "LOC", "FAC"}
    ):
        return True  # "Near Raqqah, four strikes engaged a unit and destroyed two vehicles"
    for child in tok.children:
        if child.dep_ in _SUBJECT_DEPS and is_event_noun(child.lemma_.lower()):
            return True
        if child.dep_ == "agent" and any(is_event_noun(g.lemma_.lower()) for g in child.children):
            return True
    return False


def _released_people(tok: Token) -> bool:
    wanted = set(_lexicon()["release_objects"])
    for child in tok.children:
        if child.dep_ in {"dobj", "nsubjpass"} and (
            child.lemma_.lower() in wanted or child.ent_type_ == "PERSON"
        ):
            return True
    return tok.dep_ in {"acl", "relcl"} and tok.head.lemma_.lower() in wanted


def _governor(tok: Token, heads: dict[int, int], sent: SpacySpan) -> int | None:
    """Token index of a trigger that syntactically dominates ``tok`` in its clause chain."""
    node = tok
    for _ in range(6):
        if node.head is node or node.dep_ in {"ROOT"}:
            return None
        if node.dep_ in {"conj", "ccomp", "parataxis"} and node.pos_ == "VERB":
            return None  # a coordinated or reported clause is an event of its own
        node = node.head
        if node.i in heads and node.i != tok.i:
            return node.i
    return None


def _mention(
    doc: Doc,
    sent: SpacySpan,
    tok: Token,
    spec: _TriggerSpec,
    start: int,
    end: int,
    governor: int | None,
    pstarts: Sequence[int],
    quotes: Sequence[tuple[int, int]],
) -> Mention:
    is_noun = tok.pos_ in {"NOUN", "PROPN"}
    if is_noun:
        actor1, actor2 = _noun_arguments(tok)
    else:
        actor1, actor2 = _verb_arguments(tok, range(start, end), passive_phrase=spec.passive)
        if actor2 is None and _elided_passive(tok, actor1):
            actor1, actor2 = None, actor1  # "..., houses burned": the houses were burned
        if spec.family in {"movement", "mobilize"} and actor2 is not None and _is_passive(tok):
            # "gunmen were seen by farmers", "troops were deployed": the seen moved
            actor1, actor2 = actor2, None
        elif spec.family == "movement" and tok.lemma_.lower() in _SEEING:
            # "farmers spotted gunmen", "herders saw armed men riding": the seen moved
            seen = _seen(tok)
            actor1, actor2 = (_phrase(seen), None) if seen is not None else (actor2, None)
    span_text = doc[start:end]
    in_quote = any(a < tok.idx < b for a, b in quotes)
    family, plover, mode = _refine_family(spec.family, tok, actor1, actor2), spec.plover, spec.mode
    if _protesters_demand(family, actor1, tok):
        family, plover, mode = "protest", "PROTEST", "demo"
    return Mention(
        family=family,
        plover=plover,
        mode=mode,
        trigger=span_text.text,
        trigger_span=Span(span_text.start_char, span_text.end_char),
        sentence=Span(sent.start_char, sent.end_char),
        paragraph=paragraph_of(tok.idx, pstarts),
        actor1=actor1,
        actor2=actor2,
        is_noun=is_noun,
        anaphoric=is_noun and _is_anaphoric(tok),
        generic=_is_generic(tok, is_noun),
        negated=_is_negated(tok),
        modality=_modality(tok),
        in_quote=in_quote,
        governor_token=governor,
        scope=_scope(tok, is_noun, spec.passive),
        instruments=_instruments(tok, sent),
        token_i=tok.i,
    )


def _scope(tok: Token, is_noun: bool, passive_phrase: bool) -> tuple[tuple[int, int], ...]:
    root = tok
    if is_noun and not _is_anaphoric(tok) and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        root = tok.head  # "carried out a suicide bombing in southwest Pakistan"
    excluded: set[int] = set()
    if not is_noun and not passive_phrase:
        for child in root.children:
            if child.dep_ in _SUBJECT_DEPS:
                excluded.update(t.i for t in child.subtree)
    ids = sorted(t.i for t in root.subtree if t.i not in excluded)
    members = set(ids)
    doc = tok.doc
    ranges: list[tuple[int, int]] = []
    for i in ids:
        start, end = doc[i].idx, doc[i].idx + len(doc[i])
        if ranges and (i - 1) in members:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return tuple(ranges)


# Things that cannot do what the verb says: as its subject they are what it happened to.
_PATIENT_NOUNS = {"house", "home", "hut", "shop", "store", "vehicle", "car", "bus", "truck",
                  "motorcycle", "building", "office", "church", "mosque", "school", "granary",
                  "crop", "field", "farm", "market", "property", "belonging"}  # fmt: skip


def _shared_object(tok: Token) -> Token | None:
    """ "seized, beat and killed two men": the object the verbs share hangs
    on the last one."""
    return next((c for conj in tok.conjuncts for c in conj.children if c.dep_ == "dobj"), None)


def _names_people(phrase: Phrase) -> bool:
    head = phrase.head_lemma.lower()
    return head in person_nouns() or f"{head}s" in person_nouns() or phrase.person is not None


_PROTESTERS = {"protester", "protestor", "demonstrator", "marcher", "striker", "picketer"}


def _protesters_demand(family: str, actor1: Phrase | None, tok: Token) -> bool:
    """ "Protesters in five towns demanded fair elections", "residents gathered
    outside the court to demand his release": the demand is made by protesting,
    so the protest is the event."""
    if family not in {"request", "accuse", "reject"}:
        return False
    if tok.dep_ in {"xcomp", "advcl", "conj"} and tok.head.lemma_.lower() in _GATHER:
        return True  # "gathered to demand", "gathered outside and demanded"
    return actor1 is not None and actor1.head_lemma.lower() in _PROTESTERS and not actor1.pronoun


_GATHER = {"gather", "assemble", "converge", "congregate", "mass", "convene"}


def _elided_passive(tok: Token, actor1: Phrase | None) -> bool:
    """ "three people were killed, animals slaughtered, houses burned": a verb with its
    auxiliary left out whose subject is a thing or an animal."""
    if actor1 is None or tok.tag_ not in {"VBN", "VBD"}:
        return False
    if any(c.dep_ in {"aux", "auxpass", "dobj"} for c in tok.children):
        return False
    lemma = actor1.head_lemma.lower()
    return lemma in _PATIENT_NOUNS or lemma in animal_nouns()


def _animal_victims(tok: Token, actor2: Phrase | None) -> bool:
    if actor2 is not None:
        return actor2.head_lemma in animal_nouns()
    shared = _shared_object(tok)  # "shot and killed an ox"
    return shared is not None and shared.lemma_.lower() in animal_nouns()


def _refine_family(
    family: str, tok: Token, actor1: Phrase | None, actor2: Phrase | None = None
) -> str:
    """A "suicide bomber attacked" is a suicide bombing, whatever the verb. Casualty
    verbs stay what they are: they report on the trigger they join. Killing or
    shooting animals ("killed six oxen") destroys property; it hurts nobody."""
    if family in {"kill", "armed"} and _animal_victims(tok, actor2):
        return "loot"
    taken = actor2 or _phrase(_shared_object(tok))
    if family.startswith("territory") and taken is not None and _names_people(taken):
        return "abduct"  # "captured four thieves": people taken, not a place
    if actor1 is not None and family in _ATTACK_FAMILIES:
        words = actor1.text.lower()
        if "suicide" in words:
            return "suicide"
        if "bomber" in words and specificity().get(family, 0) < specificity()["explosive"]:
            return "explosive"
    return family


def _instruments(tok: Token, sent: SpacySpan) -> tuple[str, ...]:
    """Instrument families named in the trigger's clause ("with a grenade", "drone")."""
    table = instruments()
    found = []
    for t in tok.subtree if tok.pos_ == "VERB" else sent:
        fam = table.get(t.lemma_.lower()) or table.get(t.lower_)
        if fam and fam not in found and not _not_a_weapon(t):
            found.append(fam)
    return tuple(found)


def _not_a_weapon(t: Token) -> bool:
    """ "a septic tank", "commit suicide": weapon words that name no weapon here."""
    if t.head.lemma_.lower() == "commit":
        return True
    if t.lower_ == "suicide":
        return t.dep_ not in {"compound", "amod", "nmod"}  # "a suicide bomber", not "a suicide"
    if t.lemma_.lower() not in {"tank", "shell", "mine", "device"}:
        return False
    # "a septic tank", "a water tank", "a gold mine": the word before says what it is.
    return any(
        c.dep_ in {"compound", "amod"} and c.lower_ not in _WEAPON_MODIFIERS for c in t.children
    )


_WEAPON_MODIFIERS = {"explosive", "improvised", "anti-tank", "anti-personnel", "artillery",
                     "mortar", "land", "roadside", "incendiary", "battle", "army", "military",
                     "enemy", "russian", "israeli", "syrian", "several", "two"}  # fmt: skip


def _is_anaphoric(tok: Token) -> bool:
    """A definite or possessed event noun ("the attack", "Friday's attack") refers back."""
    for child in tok.lefts:
        if child.dep_ == "det" and child.lower_ in {"the", "this", "that", "these", "those"}:
            return True
        if child.dep_ == "poss":
            return True
    return False


def _told_as_past(tok: Token) -> bool:
    """ "Clashes erupted ...", "protests on 1 May": a plural told as something that
    happened (a past-tense clause, or a dated sentence), not a pattern."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    of = node.head
    if node.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in _PATTERN_NOUNS:
        return False  # "a steady drumbeat of attacks and suicide bombings": a pattern
    verb = tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ == "VBD" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return True
    if tok.dep_ == "nsubj" and tok.head.i == verb.i and verb.lemma_.lower() in _BROKE_OUT:
        return True  # "protests have broken out", "clashes have erupted"
    if (
        tok.dep_ == "nsubjpass"
        and tok.head.i == verb.i
        and any(c.dep_ == "auxpass" and c.lower_ in {"was", "were"} for c in verb.children)
    ):
        return True  # "rallies were held", "clashes were reported"
    return any(e.label_ == "DATE" and any(ch.isdigit() for ch in e.text) for e in tok.sent.ents)


def _is_generic(tok: Token, is_noun: bool) -> bool:
    """Plural event nouns without a number ("attacks have targeted ...") describe a
    pattern, not an event; so do verbs whose subject is such a noun."""
    if is_noun:
        specific = any(
            c.dep_ == "nummod" or (c.dep_ == "prep" and c.lower_ == "between") for c in tok.children
        )  # "three attacks", "clashes between rival clans"
        if tok.tag_ in {"NNS", "NNPS"} and not specific and not _told_as_past(tok):
            return True
        return any(
            c.dep_ == "amod" and c.lower_ in {"frequent", "repeated", "recent"}
            for c in tok.children
        )
    for child in tok.children:
        if child.dep_ not in _SUBJECT_DEPS:
            continue
        subject = _resolve_relative(child)  # "attacks ... that have offered reminders"
        if subject is not None and subject.tag_ == "NNS" and is_event_noun(subject.lemma_.lower()):
            return True
    for child in tok.children:
        if (
            child.dep_ == "dobj"
            and child.tag_ == "NNS"
            and _lemma_index().get((child.lemma_.lower(), "NOUN"))
            and not _told_as_past(child)
        ):
            return True  # "have carried out attacks": a pattern; "defused IEDs on 3 May": not
    return False


def _is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(
        c.dep_ in _SUBJECT_DEPS and c.lower_ in {"nobody", "none", "noone"} for c in tok.children
    ):
        return True
    for child in tok.children:
        if child.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS and any(
            d.dep_ == "det" and d.lower_ in {"no", "neither"} for d in child.children
        ):
            return True
    return False


def _modality(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in {"will", "'ll", "shall"}:
            return "planned"
    planning = set(_lexicon()["planning_heads"])
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if tok.dep_ == "acl" and infinitive and tok.head.lemma_.lower() in planning:
        return "planned"  # "the campaign to liberate Mosul"
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in planning:
        return "planned"  # "in preparation for the Mosul offensive"
    node = tok
    for _ in range(3):
        head = node.head
        if head is node:
            break
        lemma = head.lemma_.lower()
        if node.dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep"}:
            if lemma in _MODAL_THREAT or (tok.pos_ == "NOUN" and lemma in _FEARED):
                return "threatened"  # "fearing new attacks", "the threat of attacks"
            if lemma in _MODAL_PLANNED:
                return "planned"
            if lemma in _DENY_GOVERNORS:
                return "denied"
            if lemma in _CLAIM_GOVERNORS and node.dep_ == "ccomp":
                return "claimed"
        node = head
    return None


def _verb_arguments(
    tok: Token, trigger_tokens: range, *, passive_phrase: bool
) -> tuple[Phrase | None, Phrase | None]:
    subject = _resolve_relative(_child(tok, _SUBJECT_DEPS) or _inherited_subject(tok))
    passive_subject = _resolve_relative(_child(tok, _PASSIVE_SUBJECT_DEPS))
    agent = _agent(tok)
    obj = _resolve_relative(_child(tok, {"dobj"}))
    if obj is not None and obj.i in trigger_tokens:  # "exchanged fire": fire is the trigger
        obj = None
    target = _prep_object(tok, _TARGET_PREPS)
    if passive_phrase:  # "the embassy came under fire (from X)"
        source = _prep_object(tok, {"from", "by"})
        return _phrase(source), _phrase(subject)
    if passive_subject is not None:
        if passive_subject.lemma_.lower() in _PROJECTILES:  # "shots were fired at the embassy"
            return _phrase(agent), _phrase(target)
        return _phrase(agent), _phrase(passive_subject)
    if tok.dep_ == "relcl" and subject is None:
        subject = tok.head
    if tok.dep_ in {"acl"} and tok.tag_ == "VBN" and obj is not None and agent is None:
        # "presumed militants killed three people": a misparsed main clause, active.
        return _phrase(tok.head), _phrase(obj)
    if tok.dep_ in {"acl"} and tok.tag_ == "VBN":  # "a village attacked by gunmen"
        return _phrase(agent), _phrase(tok.head)
    if obj is None or obj.pos_ == "PRON":
        obj = target
    return _phrase(subject), _phrase(obj)


def _resolve_relative(tok: Token | None) -> Token | None:
    """A relative pronoun stands for the noun its clause modifies ("the attack, which ...")."""
    if tok is not None and tok.lower_ in {"which", "that", "who", "whom"}:
        node = tok.head
        if node.dep_ == "relcl" and node.head is not node:
            return node.head
    return tok


def _noun_arguments(tok: Token) -> tuple[Phrase | None, Phrase | None]:
    actor1 = None
    for child in tok.children:
        if child.dep_ == "poss" and child.ent_type_ in {"ORG", "NORP", "PERSON", "GPE"}:
            actor1 = child
        if child.dep_ == "compound" and child.ent_id_:
            actor1 = child
    if actor1 is None:
        actor1 = _prep_object(tok, {"by", "from"})
    head = tok.head
    if actor1 is None and tok.dep_ == "dobj" and _is_light(head):
        actor1 = _child(head, _SUBJECT_DEPS) or _inherited_subject(head)
    target = _prep_object(tok, {"on", "against", "at", "targeting", "with", "in"}, want_actor=True)
    if target is None and tok.dep_ in _SUBJECT_DEPS and head.lemma_.lower() in _IMPACT_VERBS:
        target = _child(head, {"dobj"})  # "a bomb hit the convoy"; not "a shootout took place"
    return _phrase(actor1), _phrase(target)


def _child(tok: Token, deps: set[str]) -> Token | None:
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def _inherited_subject(tok: Token) -> Token | None:
    """A coordinated verb without a subject shares its head's ("arrived and exchanged fire");
    an open complement takes its governor's ("would no longer abide by")."""
    node = tok
    for _ in range(4):
        participle = node.dep_ == "advcl" and node.tag_ == "VBG"
        # "blocked a road to protest the vote": a purpose clause shares the subject.
        purpose = node.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        )
        if (node.dep_ in {"conj", "xcomp"} or participle or purpose) and node.head is not node:
            node = node.head
            found = _child(node, _SUBJECT_DEPS)
            if found is not None:
                return found
        elif (
            node.dep_ == "acl" and node.head.dep_ == "ROOT" and node.head.pos_ in {"NOUN", "PROPN"}
        ):
            # "Some traders bound and beat a man": a sentence with no main verb
            # is a main verb misread as a relative clause of its subject.
            return node.head
        else:
            return None
    return None


def _agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            return _child(child, {"pobj"})
    return None


def _prep_object(tok: Token, preps: set[str], *, want_actor: bool = False) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = _child(child, {"pobj"})
            if pobj is None:
                continue
            if want_actor and child.lower_ == "in":
                continue  # "attack in Kabul" names a place, not a target
            if pobj.ent_type_ in {"DATE", "TIME"}:
                continue  # "the attack on Friday" names a time
            return pobj
    return None


def _phrase(tok: Token | None) -> Phrase | None:
    if tok is None:
        return None
    if tok.pos_ == "NUM" or tok.lower_ in _QUANTITY_WORDS:
        return None  # "killed two", "At least 14 killed": a count, not an actor
    doc = tok.doc
    if tok.ent_iob_ != "O" and tok.ent_type_:
        ent = next((e for e in doc_ents(doc) if e.start <= tok.i < e.end), None)
    else:
        ent = None
    tokens = _trimmed_subtree(tok)
    if ent is not None:
        tokens |= set(range(ent.start, ent.end))
    lo, hi = min(tokens), max(tokens) + 1
    for e in doc_ents(doc):
        # "suspected IS Sahel militants": a known group the parse split ("IS" as a verb).
        if e.ent_id_ and e.start < lo < e.end <= hi:
            lo = e.start
    span = doc[lo:hi]
    kb_id = None
    person = None
    modifiers: list[str] = []
    groups: list[str] = []
    in_ents: set[int] = set()
    for e in doc_ents(doc):
        if e.start >= lo and e.end <= hi:
            in_ents.update(range(e.start, e.end))
            if e.ent_id_ and kb_id is None:
                kb_id = e.ent_id_
            elif e.label_ == "PERSON" and tok.tag_ in {"NNS", "NNPS"} and len(e) == 1:
                groups.append(e.text[:-1] if e.text.endswith("s") else e.text)  # "Fulanis"
            elif e.label_ == "PERSON" and person is None and e.start <= tok.i < e.end:
                person = e.text  # the head is the person; not "Bariba farmers" tagged PERSON
            elif e.label_ in {"NORP", "GPE"}:
                modifiers.append(e.text)
                before = doc[e.start - 1].lower_ if e.start > 0 else ""
                if (
                    e.label_ == "NORP"
                    and (e.start <= tok.i or before not in _FROM_PLACE)
                    and not _after_place_prep(doc[e.start], tok)
                ):
                    groups.append(e.text)  # "Fulani men", "a group of Fulani"; not "from Ogbadibo"
            elif e.label_ == "PERSON" and e.end <= tok.i and len(e) == 1:
                groups.append(e.text)  # a group word the NER took for a name ("Bariba farmers")
    groups.extend(_group_words(doc, tok, lo, hi, in_ents))
    return Phrase(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        head=tok.text,
        head_lemma=tok.lemma_.lower(),
        kb_id=kb_id,
        person=person,
        modifiers=tuple(modifiers),
        groups=tuple(groups),
        plural=tok.tag_ in {"NNS", "NNPS"},
        pronoun=tok.pos_ == "PRON",
        first_person=tok.lower_ in _FIRST_PERSON,
    )


def _group_words(doc: Doc, head: Token, lo: int, hi: int, in_ents: set[int]) -> list[str]:
    """Capitalised group words the NER left untagged or took for a one-word
    organisation: "Fulani gunmen", "a group of Fulani", "members of the Dendi
    community", "suspected Fulanis" (the head itself, in the plural); not a place
    after "from" or "in" ("youths from Tamou")."""
    words = []
    for tok in doc[lo:hi]:
        if not tok.is_title or generic_role(tok.text) is not None:
            continue  # "Pirates attacked ...": a capitalised role word, not a group
        if tok.i in in_ents:
            one_word = tok.ent_iob_ == "B" and (
                tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I"
            )
            if not (one_word and tok.ent_type_ in {"ORG", "PERSON", "GPE"} and not tok.ent_id_):
                continue
        elif tok.i == tok.sent.start or not (
            tok.pos_ == "PROPN" or (tok.i == head.i and tok.tag_ == "NNS")
        ):
            continue
        if tok.i == head.i:
            if tok.tag_ in {"NNS", "NNPS"}:
                words.append(tok.text[:-1] if tok.lower_.endswith("s") else tok.text)
            continue
        member = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == head.i
        if (tok.dep_ in {"compound", "nmod", "amod"} or member) and not _after_place_prep(
            tok, head
        ):
            words.append(tok.text)
    return words


def _after_place_prep(tok: Token, head: Token) -> bool:
    node = tok
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in _FROM_PLACE | {"in", "at", "near"}:
            pobj = _child(node, {"pobj"})
            return pobj is None or pobj.lemma_.lower() not in _COMMUNITY_WORDS
        node = node.head
    return False


# "members from the Fulani community" names a group, not a place.
_COMMUNITY_WORDS = {"community", "communities", "tribe", "clan", "group"}


def _trimmed_subtree(tok: Token) -> set[int]:
    keep = {tok.i}
    stack = [c for c in tok.children if c.dep_ not in _CUT_DEPS]
    while stack:
        node = stack.pop()
        if node.dep_ in {"relcl", "acl", "advcl", "appos", "punct", "cc"}:
            continue
        if (
            node.dep_ == "prep"
            and node.i < tok.i
            and any(c.ent_type_ in {"DATE", "TIME"} for c in node.children)
        ):
            continue  # "On 15 June, a number of youths ...": the date the parse hung on them
        if node.dep_ == "conj" and node.head.i == tok.i:
            keep.add(node.i)  # "two employees and four civilians": keep coordinated heads
        keep.add(node.i)
        stack.extend(node.children)
    # Phrases are contiguous; fill gaps the parse left out.
    return set(range(min(keep), max(keep) + 1))
