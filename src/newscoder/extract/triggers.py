"""The trigger lexicon and the finders that match it.

``data/triggers.json`` names every trigger: lemmas matched as single tokens by lemma
and part of speech (rule EV005), phrases matched by a spaCy ``Matcher`` (EV010), and
nouns that name an event only when a verb governs them ("conducted 23 strikes",
EV015). Families are converted to :class:`~newscoder.families.Family` once, here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from newscoder.extract.syntax import SUBJECT_DEPS
from newscoder.families import REMOTE_WEAPONS, Family
from newscoder.lexicon import word_pattern, words
from newscoder.nlp.segmented_matcher import SegmentedMatcher
from newscoder.registry import Kind, Rule, Stage, declare, get_rule
from newscoder.textutil import load_json

TRIGGER_LEMMA = declare(
    "EV005", "trigger-lemma", Stage.EXTRACT, Kind.FIND,
    "a word whose lemma and part of speech the trigger lexicon lists ('attacked', 'protest')",
)  # fmt: skip
TRIGGER_PHRASE = declare(
    "EV010", "trigger-phrase", Stage.EXTRACT, Kind.FIND,
    "a phrase the trigger lexicon lists as a Matcher pattern ('opened fire', 'came under fire')",
)  # fmt: skip
PAST_FORM = declare(
    "EV006", "past-form", Stage.EXTRACT, Kind.FIND,
    "a past form the tagger misread ('raped' lemmatised as 'rap', 'protested' tagged as a "
    "noun) is matched by its regular stem",
)  # fmt: skip
GOVERNED_NOUN = declare(
    "EV015", "governed-noun", Stage.EXTRACT, Kind.FIND,
    "a noun that names an event only as a light verb's object or a verb's subject "
    "('conducted 23 strikes', 'a rocket hit the base')",
)  # fmt: skip
WEAPON_FOUND = declare(
    "EV300", "weapon-found", Stage.EXTRACT, Kind.FIND,
    "a bomb, mine or rocket found, removed or destroyed ('secured an IED', 'a grenade was "
    "found'): a disrupted weapon, not an explosion",
    source="ACLED codebook 2023, Strategic developments: Disrupted weapons use",
)  # fmt: skip
SHOT_DEAD_MISREAD = declare(
    "EV628", "shot-dead-misread", Stage.EXTRACT, Kind.FIND,
    "'shot dead' the tagger read as a noun ('a gunman on a bicycle shot dead a constable' "
    "parsed as 'a bicycle shot'): a shooting, its doer the subject of 'dead'",
)  # fmt: skip
GROUP_FORMED = declare(
    "EV325", "group-formed", Stage.EXTRACT, Kind.FIND,
    "an armed group announcing its formation, or a new armed group or wing formed",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip
CHECKPOINT = declare(
    "EV335", "checkpoint-set-up", Stage.EXTRACT, Kind.FIND,
    "checkpoints set up, run or removed are a security measure (an armed group's own activity "
    "when it runs them)",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity; Other",
)  # fmt: skip
FORCES_STATIONED = declare(
    "EV400", "forces-stationed", Stage.EXTRACT, Kind.FIND,
    "troops stationed, redeployed or amassed, or forces, units or their equipment moved, "
    "transferred or sent: a movement of forces",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip
FORCES_PULLED_OUT = declare(
    "EV406", "forces-pulled-out", Stage.EXTRACT, Kind.FIND,
    "'pulled out of' or 'pulled back from' a place: a withdrawal, as 'withdrew from' is",
    source="ACLED codebook 2023, Strategic developments: Non-violent transfer of territory",
)  # fmt: skip
DRIVEN_OUT = declare(
    "EV408", "driven-out", Stage.EXTRACT, Kind.FIND,
    "people forced, driven or chased out of their homes or a place are displaced, the "
    "ones who drove them its doers",
    source="ACLED codebook 2023, Strategic developments: Other (displacement)",
)  # fmt: skip
BASE_SET_UP = declare(
    "EV407", "base-set-up", Stage.EXTRACT, Kind.FIND,
    "a base, camp, outpost or headquarters established, set up or built: a change of "
    "activity of the forces or group that set it up",
    source="ACLED codebook 2023, Strategic developments: Headquarters or base established",
)  # fmt: skip
FORCES_SENT = declare(
    "EV602", "forces-sent", Stage.EXTRACT, Kind.FIND,
    "forces sent, rushed, dispatched or flown to a place, told in the passive ('troops "
    "were rushed to the town'): a movement of forces",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip
SECURITY_PROVIDED = declare(
    "EV603", "security-provided", Stage.EXTRACT, Kind.FIND,
    "security, protection or an escort provided ('the police provided security to the "
    "pilgrims'): security on the ground; 'a demand for providing security' is no act",
    source="PLOVER 2021: MOBILIZE (police)",
)  # fmt: skip
MILITARY_EXERCISE = declare(
    "EV405", "military-exercise", Stage.EXTRACT, Kind.FIND,
    "military exercises, drills or manoeuvres held or begun: a change in an armed actor's "
    "activity",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip
BOMB_THREAT = declare(
    "EV438", "bomb-threat", Stage.EXTRACT, Kind.FIND,
    "bomb threats, scares or hoaxes against schools, offices or transport: a strategic "
    "development (Other), no explosion",
    source="ACLED codebook 2023, Strategic developments: Other",
)  # fmt: skip
SUSPECTS_QUESTIONED = declare(
    "EV530", "suspects-questioned", Stage.EXTRACT, Kind.FIND,
    "suspects, witnesses or other people questioned, quizzed or interrogated: an "
    "investigation (PLOVER INVESTIGATE, coded as ACCUSE/investigate)",
    source="PLOVER codebook (CAMEO 09 Investigate -> ACCUSE, investigate)",
)  # fmt: skip
PREMISES_SEARCHED = declare(
    "EV531", "premises-searched", Stage.EXTRACT, Kind.FIND,
    "houses, shops, vehicles or an area searched, checked or combed: an investigation "
    "(PLOVER INVESTIGATE), no ACLED event",
    source="PLOVER codebook (CAMEO 09 Investigate -> ACCUSE, investigate)",
)  # fmt: skip
PICKED_UP = declare(
    "EV533", "picked-up", Stage.EXTRACT, Kind.FIND,
    "people 'picked up' (by a force, or picking up suspects): a detention, as the press "
    "of South Asia words it",
    source="PLOVER codebook (CAMEO 173 Arrest, detain -> COERCE, arrest)",
)  # fmt: skip
MIGRANTS_HELD = declare(
    "EV690", "migrants-held", Stage.EXTRACT, Kind.FIND,
    "migrants or refugees, or a boat or truck carrying them, intercepted, held or "
    "apprehended: a detention ('the navy intercepted a boat carrying 60 migrants')",
    source="ACLED codebook 2023, Strategic developments: Arrests",
)  # fmt: skip
WEAPONS_FIRED = declare(
    "EV695", "weapons-fired-mine-hit", Stage.EXTRACT, Kind.FIND,
    "weapons fired ('fired heavy and light weapons at the village': heavy ones are shelling) "
    "or people hit by a mine: the attack, not a bare noun",
)  # fmt: skip
UNDER_HEAVY_FIRE = declare(
    "EV572", "under-heavy-weapons-fire", Stage.EXTRACT, Kind.FIND,
    "a place or position that 'came under artillery fire' or 'under rocket attack': shelling, "
    "its attacker told after 'by' or not at all",
    source="ACLED codebook 2023, Explosions/Remote violence: Shelling/artillery/missile attack",
)  # fmt: skip
STRUCK_WITH_WEAPON = declare(
    "EV573", "struck-with-heavy-weapon", Stage.EXTRACT, Kind.FIND,
    "forces that 'struck', 'hit' or 'targeted' a place 'with artillery', 'with missiles' or "
    "'with drones': shelling or an air strike, by the weapon named",
    source="ACLED codebook 2023, Explosions/Remote violence",
)  # fmt: skip
WEAPON_USED_AGAINST = declare(
    "EV715", "heavy-weapon-used-against", Stage.EXTRACT, Kind.FIND,
    "forces that 'used', 'deployed' or 'employed' artillery, rockets, MLRS or drones "
    "'against' a place or side: shelling or an air strike, by the weapon named",
    source="ACLED codebook 2023, Explosions/Remote violence",
)  # fmt: skip
FORCES_STRUCK_TARGET = declare(
    "EV720", "forces-struck-military-target", Stage.EXTRACT, Kind.FIND,
    "forces, troops or artillery that 'struck' or 'pounded' positions, a base, a depot or a "
    "convoy, no weapon named: a strike by fire, shelling",
    source="ACLED codebook 2023, Explosions/Remote violence: Shelling/artillery/missile attack",
)  # fmt: skip
OPENED_HEAVY_FIRE = declare(
    "EV680", "opened-heavy-weapons-fire", Stage.EXTRACT, Kind.FIND,
    "'opened artillery fire on', 'opened mortar fire at': shelling; 'opened indiscriminate "
    "fire' is still opening fire",
    source="ACLED codebook 2023, Explosions/Remote violence: Shelling/artillery/missile attack",
)  # fmt: skip
DEVICE_DEACTIVATED = declare(
    "EV630", "device-deactivated", Stage.EXTRACT, Kind.FIND,
    "forces that 'deactivated', 'neutralised' or 'disarmed' a bomb, mine or explosive device: "
    "a weapon defused, as 'defused' is",
    source="ACLED codebook 2023, Strategic developments: Disrupted weapons use",
)  # fmt: skip
WINDOWS_BROKEN = declare(
    "EV635", "windows-broken", Stage.EXTRACT, Kind.FIND,
    "people who 'broke' or 'shattered' the windows, doors, gates or locks of a building: "
    "property destruction, as 'smashed' is",
    source="ACLED codebook 2023, Strategic developments: Looting/property destruction",
)  # fmt: skip
SEXUALLY_ASSAULTED = declare(
    "EV710", "sexually-assaulted", Stage.EXTRACT, Kind.FIND,
    "'sexually assaulted', 'sexually abused', 'sexually harassed' a person: sexual violence, "
    "as 'raped' is",
    source="ACLED codebook 2023, Violence against civilians: Sexual violence",
)  # fmt: skip
EMERGENCY_MEASURE = declare(
    "EV594", "emergency-measure-imposed", Stage.EXTRACT, Kind.FIND,
    "a state of emergency, martial law, prohibitory orders or a lockdown declared, imposed, "
    "clamped, extended or lifted: a security measure, as a curfew is",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip
PEOPLE_BOOKED = declare(
    "EV596", "people-booked", Stage.EXTRACT, Kind.FIND,
    "people 'booked for' an offence or 'under' a law: a case registered against them, as the "
    "press of South Asia words it (ACCUSE, investigate)",
    source="PLOVER codebook (CAMEO 112 Accuse -> ACCUSE)",
)  # fmt: skip
LABOUR_STRIKE = declare(
    "EV020", "labour-strike", Stage.EXTRACT, Kind.REFINE,
    "'strike' among labour words, or begun, observed or extended ('unions staged an unlimited "
    "strike for pay', 'began a 72-hour strike') is a walkout",
    source="ACLED codebook 2023, Protests: a strike is a form of demonstration",
)  # fmt: skip
CROWD_CONTROL_MUNITION = declare(
    "EV345", "crowd-control-munition", Stage.EXTRACT, Kind.REFINE,
    "a stun grenade, sound bomb or tear gas canister is crowd control, as tear gas is, not "
    "an explosive weapon: firing it is no explosion",
    source="ACLED codebook 2023, Protests: Protest with intervention; Explosions/Remote violence",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """What the lexicon says a trigger is, and the rule that found it."""

    family: Family
    plover: str | None
    mode: str | None
    passive: bool = False
    finder: Rule = TRIGGER_LEMMA
    was: Family | None = None  # the family before a rewrite (EV020, EV345)
    rewrite: Rule | None = None  # the rule that rewrote it, when not EV020
    # the phrase names who the act was done to ("intercepted 60 migrants", EV690): its
    # words after the head are the verb's object, not part of the trigger
    keeps_object: bool = False


@cache
def trigger_lexicon() -> dict[str, Any]:
    return load_json("triggers.json")


@cache
def _lemma_index() -> dict[tuple[str, str], TriggerSpec]:
    index: dict[tuple[str, str], TriggerSpec] = {}
    for entry in trigger_lexicon()["triggers"]:
        spec = TriggerSpec(Family(entry["family"]), entry["plover"], entry["mode"])
        for lemma in entry["lemmas"]:
            for pos in entry["pos"]:
                index.setdefault((lemma, pos), spec)
    return index


def lemma_trigger(lemma: str, pos: str) -> TriggerSpec | None:
    return _lemma_index().get((lemma, pos))


def is_event_noun(lemma: str) -> bool:
    """True for nouns that name an event ("attack", "bombing"), not an actor."""
    return (lemma, "NOUN") in _lemma_index() or lemma in trigger_lexicon()["event_nouns"]


@cache
def crowd_act_verbs() -> frozenset[str]:
    """Acts a crowd does at a place that protest when told with a protest's purpose
    (EV021): blocking, gathering, occupying, moving together (driving, parading) and
    holding up placards or banners."""
    return words("collective_act_verbs") | words("procession_verbs") | words("prop_verbs")


@cache
def light_verbs() -> frozenset[str]:
    return frozenset(trigger_lexicon()["light_verbs"])


def is_light(verb: Token) -> bool:
    """A light verb ("staged a strike"), also where the lemmatiser slips ("staged"
    -> "stag"): the past form without its "d" is tried too."""
    lemma = verb.lemma_.lower()
    if lemma in light_verbs():
        return True
    low = verb.lower_
    return verb.tag_ in {"VBD", "VBN"} and low.endswith("ed") and low[:-1] in light_verbs()


@cache
def specificity() -> dict[Family, int]:
    order = trigger_lexicon()["specificity"]
    return {Family(family): len(order) - i for i, family in enumerate(order)}


@cache
def instruments() -> dict[str, Family]:
    return {
        word: Family(family)
        for family, names in trigger_lexicon()["instruments"].items()
        for word in names
    }


@cache
def _family_entry(family: Family) -> TriggerSpec:
    entry = next(e for e in trigger_lexicon()["triggers"] if e["family"] == family)
    return TriggerSpec(family, entry["plover"], entry["mode"], finder=GOVERNED_NOUN)


# --- phrases -------------------------------------------------------------------------

_MATCHERS: dict[int, tuple[SegmentedMatcher, list[TriggerSpec]]] = {}


def _matcher(owner: Language | Doc) -> tuple[SegmentedMatcher, list[TriggerSpec]]:
    """The phrase patterns' matcher for ``owner``'s vocabulary: spaCy's ``Matcher``,
    run only where a pattern can start (:mod:`newscoder.nlp.segmented_matcher`: the
    same matches in the same order)."""
    vocab = owner.vocab
    key = id(vocab)
    if key not in _MATCHERS:
        patterns: list[tuple[str, list[dict]]] = []
        specs: list[TriggerSpec] = []
        for i, entry in enumerate(trigger_lexicon()["phrases"]):
            specs.append(
                TriggerSpec(
                    Family(entry["family"]),
                    entry["plover"],
                    entry["mode"],
                    entry.get("passive", False),
                    finder=get_rule(entry["rule"]) if "rule" in entry else TRIGGER_PHRASE,
                    keeps_object=entry.get("keeps_object", False),
                )
            )
            patterns += [(str(i), p) for p in _first_token_variants(entry["pattern"])]
        _MATCHERS[key] = (SegmentedMatcher(vocab, patterns), specs)
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
    """The token a phrase trigger's arguments hang on: its first verb, else a word that
    has a subject (the predicate of a misread clause: in "a gunman on a bicycle shot
    dead a constable" the tagger reads "shot" as a noun and makes "dead" the root, its
    subject "a gunman" and object "a constable", EV628), else its last noun."""
    for tok in doc[start:end]:
        if tok.pos_ == "VERB":
            return tok.i
    for tok in doc[start:end]:
        if any(c.dep_ in {"nsubj", "dobj"} for c in tok.children):
            return tok.i
    nouns = [tok.i for tok in doc[start:end] if tok.pos_ in {"NOUN", "PROPN"}]
    return nouns[-1] if nouns else start


PhraseHits = dict[int, tuple[TriggerSpec, int, int]]


def phrase_hits(doc: Doc) -> PhraseHits:
    """Head token index -> (spec, start token, end token) for phrase triggers."""
    matcher, specs = _matcher(doc)
    hits: PhraseHits = {}
    for match_id, start, end in matcher(doc):
        spec = specs[int(doc.vocab.strings[match_id])]
        head_i = _phrase_head(doc, start, end)
        best = hits.get(head_i)
        if best is None or (end - start) > (best[2] - best[1]):
            hits[head_i] = (spec, start, end)
    return hits


# --- single tokens -------------------------------------------------------------------


def candidates(doc: Doc, start: int, end: int) -> Sequence[int]:
    """Token indices in ``[start, end)`` whose word or lemma could be a trigger.

    A vectorised pre-filter on the words' hash ids, run once per document: the
    trigger checks then run on a few tokens a sentence instead of every token.
    """
    found = doc.user_data.get("newscoder_candidates")
    if found is None:
        arrays = doc.to_array([LOWER, LEMMA])
        wanted = _candidate_ids(doc.vocab)
        hits = _within(arrays[:, 0], wanted) | _within(arrays[:, 1], wanted)
        found = doc.user_data["newscoder_candidates"] = numpy.nonzero(hits)[0].tolist()
    return found[bisect.bisect_left(found, start) : bisect.bisect_left(found, end)]


def _within(values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, wanted)`` for a sorted ``wanted`` (a binary search each,
    not a sort of both arrays on every call)."""
    if not len(wanted):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(wanted, values)
    return wanted[numpy.minimum(at, len(wanted) - 1)] == values


_CANDIDATE_IDS: dict[int, numpy.ndarray] = {}


def _candidate_ids(vocab: Vocab) -> numpy.ndarray:
    key = id(vocab)
    if key not in _CANDIDATE_IDS:
        names = {lemma for lemma, _ in _lemma_index()}
        names |= {form for lemma, pos in _lemma_index() if pos == "VERB" for form in _past(lemma)}
        names |= set(trigger_lexicon()["governed_nouns"]["nouns"])
        names |= crowd_act_verbs()
        # Light verbs holding a press conference (EV570: extract.protest_acts).
        names |= {form for verb in light_verbs() for form in (verb, *_past(verb))}
        # Lemmas keep the case of proper nouns ("Attack" as a PROPN): add cased forms.
        forms = {f for w in names for f in (w, w.capitalize(), w.upper(), w.title())}
        _CANDIDATE_IDS[key] = numpy.array(
            sorted(vocab.strings.add(f) for f in forms), dtype=numpy.uint64
        )
    return _CANDIDATE_IDS[key]


def token_trigger(tok: Token) -> TriggerSpec | None:
    """What a single token triggers, if anything: its lemma or word (EV005), a proper
    noun read as the common noun ("Attack"), else a governed noun (EV015)."""
    index = _lemma_index()
    spec = index.get((tok.lemma_.lower(), tok.pos_)) or index.get((tok.lower_, tok.pos_))
    if spec is None and tok.pos_ == "PROPN":
        spec = index.get((tok.lemma_.lower(), "NOUN"))
    if spec is None:
        spec = _past_form(tok)
    if spec is None and tok.pos_ == "NOUN":
        spec = _governed_noun(tok)
    if spec is not None and spec.family in _BOMB_FAMILIES and crowd_control(tok):
        # "fired stun grenades": crowd control, as tear gas is (EV345)
        spec = TriggerSpec(*_crowd_control_spec(), finder=spec.finder, was=spec.family,
                           rewrite=CROWD_CONTROL_MUNITION)  # fmt: skip
    return spec


_BOMB_FAMILIES = frozenset({Family.GRENADE, Family.EXPLOSIVE})


@cache
def _crowd_control_spec() -> tuple[Family, str | None, str | None]:
    entry = next(e for e in trigger_lexicon()["phrases"] if e["family"] == "crowd_control")
    return Family.CROWD_CONTROL, entry["plover"], entry["mode"]


def _past(lemma: str) -> tuple[str, ...]:
    """The regular past forms of a verb: "rape" -> "raped", "rally" -> "rallied"."""
    if lemma.endswith("e"):
        return (lemma + "d",)
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return (lemma[:-1] + "ied",)
    return (lemma + "ed",)


def _past_form(tok: Token) -> TriggerSpec | None:
    """ "raped" read as "rap", "members of the union protested" with "protested" a
    noun: a word in "-ed" whose regular stem is a verb trigger (EV006)."""
    low = tok.lower_
    if not low.endswith("ed") or tok.pos_ not in {"VERB", "NOUN", "PROPN"}:
        return None
    if tok.pos_ != "VERB" and (tok.i == 0 or tok.doc[tok.i - 1].pos_ == "DET"):
        return None  # "the disputed ...": an adjective or a noun, not a misread verb
    stems = (low[:-1], low[:-2], low[:-3] + "y" if low.endswith("ied") else "")
    index = _lemma_index()
    for stem in stems:
        spec = index.get((stem, "VERB"))
        if spec is not None and low in _past(stem):
            return TriggerSpec(spec.family, spec.plover, spec.mode, finder=PAST_FORM)
    return None


HEAVY_WEAPONS = declare(
    "EV440", "heavy-weapons-shell", Stage.EXTRACT, Kind.FIND,
    "'heavy weapons', 'heavy guns' fired are artillery, not small arms (heavy machine guns are); "
    "'fired ..., killing' takes the weapon fired",
    source="ACLED codebook 2023, Explosions/Remote violence: Shelling/artillery/missile attack",
)  # fmt: skip


def heavy_weapon(tok: Token) -> bool:
    """ "fired heavy weapons at the village": a weapon word "heavy" modifies, not a
    machine gun (EV440)."""
    if tok.lemma_.lower() not in words("heavy_weapon_heads"):
        return False
    mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}}
    return "heavy" in mods and "machine" not in mods


def crowd_control(tok: Token) -> bool:
    """ "stun grenades", "sound bombs", "tear gas canisters": a munition a crowd-control word
    modifies (EV345)."""
    if tok.lemma_.lower() not in words("munition_heads"):
        return False
    said = words("crowd_control_munitions")
    return any(c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in said for c in tok.children)


def labour_strike(tok: Token) -> bool:
    return tok.lemma_.lower() == "strike" and bool(
        word_pattern("labour_words").search(tok.sent.text)
    )


# Weapons that are the event wherever a verb uses them, not only as its subject.


def _weapon_of_a_verb(tok: Token, family: Family) -> bool:
    """ "was hit by an anti-personnel mine" (a passive's agent), "were targeted with
    mortars" (its instrument), "artillery fire hit the town" (what names its subject):
    a bomb, shell, rocket or aircraft the verb tells of is the event (EV015)."""
    if family not in REMOTE_WEAPONS and not (family is Family.ARMED and tok.dep_ == "pobj"):
        return False
    head = tok.head
    verb = head.head
    if verb.pos_ != "VERB" or (verb.lemma_.lower(), verb.pos_) in _lemma_index():
        return False  # "attacked the base with mortars": the verb is the event
    if tok.dep_ == "pobj":
        agent = head.dep_ == "agent"
        return agent or (head.lower_ == "with" and family in REMOTE_WEAPONS)
    return (
        tok.dep_ == "compound"
        and head.dep_ in SUBJECT_DEPS
        and head.lemma_.lower() in words("weapon_fire_heads")
    )


def _governed_noun(tok: Token) -> TriggerSpec | None:
    """ "conducted 23 strikes", "fired rockets at", "a mortar hit the base"."""
    family_name = trigger_lexicon()["governed_nouns"]["nouns"].get(tok.lemma_.lower())
    if family_name is None:
        return None
    family = Family(family_name)
    head = tok.head
    light = tok.dep_ == "dobj" and is_light(head)
    # "a mortar hit the base"; not "Russian aviation carried out airstrikes", whose
    # light verb holds the event
    subject = (
        tok.dep_ in SUBJECT_DEPS
        and head.pos_ == "VERB"
        and not (is_light(head) and any(c.dep_ == "dobj" for c in head.children))
    )
    was = None
    # "began a 72-hour strike", "continued their strike": air strikes are launched or
    # carried out, never begun, observed or extended; a strike so governed is a walkout.
    begun = tok.dep_ == "dobj" and head.lemma_.lower() in words("strike_verbs")
    if family is Family.AIR and (labour_strike(tok) or (begun and tok.lemma_.lower() == "strike")):
        # "launched an unlimited strike for better pay", "unions staged a strike": a walkout
        light = light or begun
        was, family = family, Family.STRIKE
    dropped = tok.dep_ == "dobj" and head.lemma_.lower() == "drop"
    if dropped and family in {Family.EXPLOSIVE, Family.GRENADE}:
        # "a drone dropped explosives on a car", "jets dropped bombs": from the air (EV015)
        family = Family.AIR
    if not (light or subject or _weapon_of_a_verb(tok, family)):
        return None
    spec = _family_entry(family)
    if was is not None:
        return TriggerSpec(spec.family, spec.plover, spec.mode, finder=GOVERNED_NOUN, was=was)
    return spec
