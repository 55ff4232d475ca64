"""Pure metric functions over (gold, system) pairs.

The system side is read from output-contract-v1 records into small typed values
(:class:`SystemEvent`, :class:`SystemQuote`) once; every metric is then a pure
function of a sequence of pairs. A pair whose system side is None is a miss: the
coder predicted nothing for that row, and it counts as wrong wherever gold has a
value.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass
from typing import Any

from newscoder.coding.taxonomy import PLOVER_TYPES  # the one definition; scored in its order
from newscoder.evaluate import codebook
from newscoder.evaluate.admin1_match import admin1_key_in
from newscoder.evaluate.readers import GoldAttribution, GoldEvent, GoldPlover
from newscoder.types import Span

NO_PREDICTION = "(none)"
AMBIGUOUS_PROTESTS = "Protests|Riots"


# --- the system side ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SystemEvent:
    """The fields of one output-contract event that the metrics compare."""

    id: str | None
    event_type: str | None
    sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None
    actor1: str | None
    actor1_type: str | None
    actor2: str | None
    actor2_type: str | None
    location: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    date: str | None
    fatalities: int | None
    evidence: str = ""
    country_code: str | None = None  # the coded location's country


def _get(record: dict[str, Any], *keys: str) -> Any:
    value: Any = record
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _evidence_text(event: dict[str, Any], text: str) -> str:
    pieces = []
    for span in event.get("evidence") or []:
        start, end = _get(span, "start"), _get(span, "end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
            pieces.append(text[start:end])
    return " … ".join(pieces)


def to_system_event(event: dict[str, Any], text: str) -> SystemEvent:
    fatalities = event.get("fatalities")
    return SystemEvent(
        id=event.get("id"),
        event_type=codebook.canonical_acled_type(_get(event, "acled", "event_type"))
        or _get(event, "acled", "event_type"),
        sub_event_type=_get(event, "acled", "sub_event_type"),
        plover_type=_get(event, "plover", "type"),
        plover_mode=_get(event, "plover", "mode"),
        actor1=_get(event, "actor1", "name"),
        actor1_type=_get(event, "actor1", "type"),
        actor2=_get(event, "actor2", "name"),
        actor2_type=_get(event, "actor2", "type"),
        location=_get(event, "location", "name"),
        admin1=_get(event, "location", "admin1"),
        lat=_number(_get(event, "location", "lat")),
        lon=_number(_get(event, "location", "lon")),
        date=_get(event, "date", "value"),
        fatalities=fatalities if isinstance(fatalities, int) else None,
        evidence=_evidence_text(event, text),
        country_code=_get(event, "location", "country_code"),
    )


def _events(record: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not isinstance(record, dict) or "error" in record:
        return []
    return [e for e in record.get("events") or [] if isinstance(e, dict)]


def acled_event(record: dict[str, Any] | None, text: str) -> SystemEvent | None:
    """The event compared with an ACLED row: the most salient one that has an ACLED
    event type (events come ordered by salience); None when there is none."""
    for event in _events(record):
        if _get(event, "acled", "event_type"):
            return to_system_event(event, text)
    return None


def plover_event(record: dict[str, Any] | None, text: str) -> SystemEvent | None:
    """The event compared with a PLOVER record: the first one with a PLOVER type."""
    for event in _events(record):
        if _get(event, "plover", "type"):
            return to_system_event(event, text)
    return None


# --- generic scores -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Score:
    """``correct`` of ``total`` gold rows that have the field; ``answered`` is how
    many of those the system gave any value for."""

    name: str
    correct: int
    total: int
    answered: int
    note: str = ""

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


def field_score(
    name: str,
    rows: Iterable[tuple[Any, Any]],
    same: Callable[[Any, Any], bool],
    note: str = "",
) -> Score:
    """Score (gold value, system value) rows; rows without a gold value are skipped,
    rows without a system value are wrong."""
    correct = total = answered = 0
    for gold, system in rows:
        if gold is None:
            continue
        total += 1
        if system is None:
            continue
        answered += 1
        correct += bool(same(gold, system))
    return Score(name, correct, total, answered, note)


def _same_text(a: str, b: str) -> bool:
    return codebook.fold(str(a)).strip() == codebook.fold(str(b)).strip()


@dataclass(frozen=True, slots=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts of (gold label, system label); NO_PREDICTION is the system's "nothing"."""

    gold_labels: tuple[str, ...]
    system_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def count(self, gold: str, system: str) -> int:
        return self.counts[self.gold_labels.index(gold)][self.system_labels.index(system)]


def confusion(pairs: Sequence[tuple[str, str | None]], labels: Sequence[str]) -> Confusion:
    """Gold labels outside ``labels`` (such as AMBIGUOUS_PROTESTS) get their own row;
    system labels outside them get their own column."""
    counter = Counter((g, s or NO_PREDICTION) for g, s in pairs)
    extra_gold = sorted({g for g, _ in counter} - set(labels))
    extra_system = sorted({s for _, s in counter} - set(labels) - {NO_PREDICTION})
    rows = (*labels, *extra_gold)
    cols = (*labels, *extra_system, NO_PREDICTION)
    counts = tuple(tuple(counter[(g, s)] for s in cols) for g in rows)
    return Confusion(rows, cols, counts)


def class_scores(
    pairs: Sequence[tuple[str, str | None]], labels: Sequence[str]
) -> tuple[float | None, tuple[ClassScore, ...]]:
    """Per-class precision/recall/F1 and their macro average over the classes that
    occur in gold or in the system output (a class nobody used says nothing)."""
    scores = []
    for label in labels:
        tp = sum(1 for g, s in pairs if g == label and s == label)
        support = sum(1 for g, _ in pairs if g == label)
        predicted = sum(1 for _, s in pairs if s == label)
        if not support and not predicted:
            continue
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(ClassScore(label, precision, recall, f1, support))
    macro = sum(s.f1 for s in scores) / len(scores) if scores else None
    return macro, tuple(scores)


# --- ACLED ----------------------------------------------------------------------

AcledPair = tuple[GoldEvent, "SystemEvent | None"]


def resolved_type(gold: GoldEvent, system: SystemEvent | None) -> str | None:
    """The gold label to score against. An ambiguous old type ("Riots/Protests")
    takes the system's answer when that answer is accepted, else its first option."""
    if gold.event_type is not None:
        return gold.event_type
    if not gold.accept:
        return None
    answer = system.event_type if system else None
    return answer if answer in gold.accept else gold.accept[0]


def event_type_score(pairs: Sequence[AcledPair]) -> Score:
    rows = [(g.accept or None, s.event_type if s else None) for g, s in pairs if g.accept]
    ambiguous = sum(1 for g, _ in pairs if g.ambiguous)
    note = f"{ambiguous} old Riots/Protests rows accept either" if ambiguous else ""
    return field_score("event type", rows, lambda accept, answer: answer in accept, note)


def event_type_table(
    pairs: Sequence[AcledPair],
) -> tuple[float | None, tuple[ClassScore, ...], Confusion]:
    """Macro-F1 over the six current types, per-class scores and the confusion table
    (ambiguous gold rows shown on their own row)."""
    labels = codebook.acled_event_types()
    scored = [(g, s) for g, s in pairs if g.accept]
    resolved = [(resolved_type(g, s) or "", s.event_type if s else None) for g, s in scored]
    macro, per_class = class_scores(resolved, labels)
    shown = [
        (AMBIGUOUS_PROTESTS if g.ambiguous else (g.event_type or ""), s.event_type if s else None)
        for g, s in scored
    ]
    return macro, per_class, confusion(shown, labels)


def sub_event_score(pairs: Sequence[AcledPair]) -> Score:
    rows = [(g.sub_event_type, s.sub_event_type if s else None) for g, s in pairs]
    return field_score("sub-event type", rows, _same_text)


def actor_type_score(pairs: Sequence[AcledPair], which: int) -> Score:
    if which == 1:
        rows = [(g.inter1, s.actor1_type if s else None) for g, s in pairs]
    else:
        rows = [(g.inter2, s.actor2_type if s else None) for g, s in pairs]
    return field_score(f"actor{which} type", rows, _same_text)


def actor2_blank_score(pairs: Sequence[AcledPair]) -> Score:
    """Actor2 type on every event the system coded, a blank gold actor2 counted too: a
    blank is right only when the system names none either (the "actor2 type" figure
    skips gold blanks, so an actor2 invented where ACLED names none costs it nothing)."""
    correct = total = 0
    for g, s in pairs:
        if s is None:
            continue
        total += 1
        if g.inter2 is None or s.actor2_type is None:
            correct += g.inter2 is None and s.actor2_type is None
        else:
            correct += _same_text(g.inter2, s.actor2_type)
    return Score("actor2 type, blanks counted", correct, total, total, "on coded events")


def admin1_score(pairs: Sequence[AcledPair]) -> Score:
    rows = [
        (
            admin1_key_in(g.admin1, g.country),
            admin1_key_in(s.admin1, s.country_code) if s else None,
        )
        for g, s in pairs
    ]
    return field_score(
        "admin1", rows, lambda a, b: a == b, "case, accents, aliases and spelling in the country"
    )


def date_score(pairs: Sequence[AcledPair]) -> Score:
    rows = [(g.event_date.isoformat(), s.date if s else None) for g, s in pairs]
    return field_score("date exact", rows, lambda a, b: a == b)


def fatalities_score(pairs: Sequence[AcledPair]) -> Score:
    noted = sum(1 for g, _ in pairs if g.fatalities_note)
    rows = [(g.fatalities, s.fatalities if s else None) for g, s in pairs if not g.fatalities_note]
    note = f"{noted} rows skipped: notes say fatalities were coded differently" if noted else ""
    return field_score("fatalities exact", rows, lambda a, b: a == b, note)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def distance_km(gold: GoldEvent, system: SystemEvent | None) -> float | None:
    if gold.lat is None or gold.lon is None or system is None:
        return None
    if system.lat is None or system.lon is None:
        return None
    return haversine_km(gold.lat, gold.lon, system.lat, system.lon)


@dataclass(frozen=True, slots=True)
class DistanceScore:
    """Over gold rows with coordinates: ``located`` got system coordinates, the rest
    are misses. The median is over located rows; the share within the threshold is
    over all rows, so a miss counts against it."""

    total: int
    located: int
    median_km: float | None
    within: int
    threshold_km: float

    @property
    def misses(self) -> int:
        return self.total - self.located

    @property
    def share_within(self) -> float | None:
        return self.within / self.total if self.total else None


def distance_score(pairs: Sequence[AcledPair], threshold_km: float = 50.0) -> DistanceScore:
    with_gold = [(g, s) for g, s in pairs if g.lat is not None and g.lon is not None]
    km = [d for d in (distance_km(g, s) for g, s in with_gold) if d is not None]
    return DistanceScore(
        total=len(with_gold),
        located=len(km),
        median_km=statistics.median(km) if km else None,
        within=sum(1 for d in km if d <= threshold_km),
        threshold_km=threshold_km,
    )


@dataclass(frozen=True, slots=True)
class AcledScores:
    rows: int
    predicted: int
    event_type: Score
    macro_f1: float | None
    per_class: tuple[ClassScore, ...]
    confusion: Confusion
    fields: tuple[Score, ...]
    distance: DistanceScore

    @property
    def coverage(self) -> float | None:
        return self.predicted / self.rows if self.rows else None


def score_acled(pairs: Sequence[AcledPair]) -> AcledScores:
    macro, per_class, table = event_type_table(pairs)
    fields = (
        sub_event_score(pairs),
        actor_type_score(pairs, 1),
        actor_type_score(pairs, 2),
        actor2_blank_score(pairs),
        admin1_score(pairs),
        date_score(pairs),
        fatalities_score(pairs),
    )
    return AcledScores(
        rows=len(pairs),
        predicted=sum(1 for _, s in pairs if s is not None),
        event_type=event_type_score(pairs),
        macro_f1=macro,
        per_class=per_class,
        confusion=table,
        fields=fields,
        distance=distance_score(pairs),
    )


# --- PLOVER ---------------------------------------------------------------------

PloverPair = tuple[GoldPlover, "SystemEvent | None"]


def _mode_key(mode: str) -> str:
    return re.sub(r"[\s_]+", "-", mode.strip().casefold())


@dataclass(frozen=True, slots=True)
class PloverScores:
    rows: int
    predicted: int
    event_type: Score
    mode: Score
    macro_f1: float | None
    per_class: tuple[ClassScore, ...]
    confusion: Confusion

    @property
    def coverage(self) -> float | None:
        return self.predicted / self.rows if self.rows else None


def score_plover(pairs: Sequence[PloverPair]) -> PloverScores:
    types = [
        (g.event_type, s.plover_type.upper() if s and s.plover_type else None) for g, s in pairs
    ]
    modes = [(g.mode, s.plover_mode if s else None) for g, s in pairs]
    labelled = [(g, s) for g, s in types if g is not None]
    macro, per_class = class_scores(labelled, PLOVER_TYPES)
    return PloverScores(
        rows=len(pairs),
        predicted=sum(1 for _, s in pairs if s is not None),
        event_type=field_score("PLOVER type", types, lambda a, b: a == b),
        mode=field_score("PLOVER mode", modes, lambda a, b: _mode_key(a) == _mode_key(b)),
        macro_f1=macro,
        per_class=per_class,
        confusion=confusion(labelled, PLOVER_TYPES),
    )


# --- quotes (PolNeAR) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SystemQuote:
    start: int
    end: int
    kind: str
    text: str = ""
    speaker: str | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None


def _span(value: Any) -> Span | None:
    start, end = _get(value, "start"), _get(value, "end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        return Span(start, end)
    return None


def system_quotes(record: dict[str, Any] | None) -> list[SystemQuote]:
    if not isinstance(record, dict) or "error" in record:
        return []
    quotes = []
    for quote in record.get("quotes") or []:
        span = _span(quote)
        if span is None:
            continue
        quotes.append(
            SystemQuote(
                start=span.start,
                end=span.end,
                kind=str(quote.get("kind") or "direct"),
                text=str(quote.get("text") or ""),
                speaker=_get(quote, "speaker", "name"),
                speaker_span=_span(quote.get("speaker")),
                cue_span=_span(quote.get("cue")),
            )
        )
    return quotes


def _overlap(a_start: int, a_end: int, b: Span) -> int:
    return max(0, min(a_end, b.end) - max(a_start, b.start))


def _surname_in(name: str | None, text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", name or "")
    if not words:
        return False
    return re.search(rf"\b{re.escape(words[-1])}\b", text, re.IGNORECASE) is not None


@dataclass(frozen=True, slots=True)
class QuoteCounts:
    """Additive counts, so documents can be scored one at a time and summed."""

    gold: int = 0
    system: int = 0
    system_matched: int = 0
    gold_matched: int = 0
    speaker_correct: int = 0
    speaker_total: int = 0
    cue_correct: int = 0
    cue_total: int = 0

    def __add__(self, other: QuoteCounts) -> QuoteCounts:
        return QuoteCounts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def precision(self) -> float | None:
        return self.system_matched / self.system if self.system else None

    @property
    def recall(self) -> float | None:
        return self.gold_matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_correct / self.speaker_total if self.speaker_total else None

    @property
    def cue_accuracy(self) -> float | None:
        return self.cue_correct / self.cue_total if self.cue_total else None


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    counts: QuoteCounts
    missed: tuple[GoldAttribution, ...]
    spurious: tuple[SystemQuote, ...]


def match_quotes(
    attributions: Sequence[GoldAttribution], quotes: Sequence[SystemQuote], *, quoted: bool
) -> QuoteMatch:
    """Match one document's system quotes to gold attributions of one class.

    ``quoted=True``: gold content spans with a quotation mark vs system quotes of
    kind direct/partial; ``quoted=False``: the other gold contents vs kind indirect.
    A system quote matches the gold attribution whose content it overlaps most.
    """
    golds = [a for a in attributions if a.quoted == quoted]
    kinds = {"direct", "partial"} if quoted else {"indirect"}
    mine = [q for q in quotes if q.kind in kinds]
    matched: set[str] = set()
    spurious = []
    speaker_ok = speaker_n = cue_ok = cue_n = system_matched = 0
    for quote in mine:
        overlaps = [
            (sum(_overlap(quote.start, quote.end, c) for c in g.contents), g) for g in golds
        ]
        best_overlap, best = max(overlaps, key=lambda x: x[0], default=(0, None))
        if best is None or best_overlap == 0:
            spurious.append(quote)
            continue
        system_matched += 1
        matched.add(best.id)
        if best.sources:
            speaker_n += 1
            span = quote.speaker_span
            speaker_ok += bool(
                (span and any(_overlap(span.start, span.end, s) for s in best.sources))
                or _surname_in(quote.speaker, best.source_text)
            )
        if best.cues:
            cue_n += 1
            span = quote.cue_span
            cue_ok += bool(span and any(_overlap(span.start, span.end, c) for c in best.cues))
    counts = QuoteCounts(
        len(golds), len(mine), system_matched, len(matched), speaker_ok, speaker_n, cue_ok, cue_n
    )
    missed = tuple(a for a in golds if a.id not in matched)
    return QuoteMatch(counts, missed, tuple(spurious))
