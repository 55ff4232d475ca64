"""Run a coder over gold data and report how it scores.

:func:`run_eval` streams gold documents from a path, codes each one (one call of
``code_fn`` per document, or one lazy batch call of ``code_many`` so the caller can
use ``nlp.pipe``), scores the pairs and returns an :class:`EvalReport`. Only the
fields the metrics need are kept per row, plus the N worst cases in full, so memory
stays small on large files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, Protocol

from rich.console import Console

from newscoder.errors import UsageError
from newscoder.evaluate import codebook, metrics
from newscoder.evaluate.admin1_match import admin1_key_in
from newscoder.evaluate.metrics import (
    AcledScores,
    PloverScores,
    QuoteCounts,
    SystemEvent,
)
from newscoder.evaluate.readers import (
    Gold,
    GoldDocument,
    GoldEvent,
    GoldPlover,
    Kind,
    count_gold,
    detect_kind,
    read_gold,
)
from newscoder.registry import tracing

Record = dict[str, Any]
CodeFn = Callable[[str, "dt.date | None"], Record]
CodeMany = Callable[[Iterable[tuple[str, "dt.date | None"]]], Iterable[Record]]
Progress = Callable[[int, "int | None"], None]

_EXCERPT = 400
_NOTHING = SystemEvent(*([None] * 15))


class CoderMismatch(UsageError):
    code = "E502"
    fix = "code_many must return exactly one record per (text, published) item, in order."


@dataclasses.dataclass(frozen=True, slots=True)
class CaseRow:
    field: str
    gold: str
    system: str
    ok: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Case:
    """One badly scored document: what gold says, what the system said, and the
    text the system gave as evidence."""

    id: str
    badness: float
    text: str
    rows: tuple[CaseRow, ...]
    evidence: str = ""


@dataclasses.dataclass(slots=True)
class EvalReport:
    kind: str
    path: str
    documents: int
    failed: int
    seconds: float
    acled: AcledScores | None = None
    plover: PloverScores | None = None
    quotes: QuoteCounts | None = None
    indirect: QuoteCounts | None = None
    worst: list[Case] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    failures: list[str] = dataclasses.field(default_factory=list)
    # How often each rule fired while coding (rule id -> firings; newscoder.registry).
    rule_counts: dict[str, int] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from newscoder.evaluate.render import report_to_dict

        return report_to_dict(self)

    def render(self, console: Console) -> None:
        from newscoder.evaluate.render import render_report

        render_report(self, console)


# --- accumulators: one per gold kind ---------------------------------------------


class _Scorer(Protocol):
    def add(self, gold: Any, record: Record | None) -> Case | None: ...

    def finish(self, report: EvalReport) -> None: ...


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


class _AcledScorer:
    def __init__(self) -> None:
        self.pairs: list[tuple[GoldEvent, SystemEvent | None]] = []

    def add(self, gold: GoldEvent, record: Record | None) -> Case | None:
        system = metrics.acled_event(record, gold.text)
        # The notes are only needed for the worst cases, which keep their own copy.
        self.pairs.append((dataclasses.replace(gold, text=""), system))
        return _acled_case(gold, system)

    def finish(self, report: EvalReport) -> None:
        report.acled = metrics.score_acled(self.pairs)


def _same(gold: str | None, system: str | None) -> bool:
    return gold is None or (system is not None and codebook.fold(gold) == codebook.fold(system))


def _acled_case(gold: GoldEvent, system: SystemEvent | None) -> Case:
    s = system or _NOTHING
    km = metrics.distance_km(gold, system)
    place = _show(s.location) + (f" — {km:.0f} km off" if km is not None else "")
    fatalities_ok = gold.fatalities_note or gold.fatalities in {None, s.fatalities}
    rows = [
        CaseRow(
            "event type",
            gold.event_type or " or ".join(gold.accept) or gold.event_type_raw,
            _show(s.event_type),
            s.event_type in gold.accept,
        ),
        CaseRow(
            "sub-event",
            _show(gold.sub_event_type),
            _show(s.sub_event_type),
            _same(gold.sub_event_type, s.sub_event_type),
        ),
        CaseRow(
            "actor1 type",
            _show(gold.inter1),
            _show(s.actor1_type),
            _same(gold.inter1, s.actor1_type),
        ),
        CaseRow(
            "admin1",
            _show(gold.admin1),
            _show(s.admin1),
            gold.admin1 is None
            or admin1_key_in(s.admin1, s.country_code) == admin1_key_in(gold.admin1, gold.country),
        ),
        CaseRow(
            "place",
            f"{_show(gold.location)} ({_show(gold.lat)}, {_show(gold.lon)})",
            place,
            gold.lat is None or (km is not None and km <= 50),
        ),
        CaseRow(
            "date",
            gold.event_date.isoformat(),
            _show(s.date),
            s.date == gold.event_date.isoformat(),
        ),
        CaseRow(
            "fatalities",
            _show(gold.fatalities) + (" (noted)" if gold.fatalities_note else ""),
            _show(s.fatalities),
            fatalities_ok,
        ),
    ]
    weights = {"event type": 5.0, "place": 2.0, "fatalities": 1.5}
    badness = 10.0 if system is None else sum(weights.get(r.field, 1.0) for r in rows if not r.ok)
    return Case(gold.id, badness, _excerpt(gold.text), tuple(rows), s.evidence)


class _PloverScorer:
    def __init__(self) -> None:
        self.pairs: list[tuple[GoldPlover, SystemEvent | None]] = []

    def add(self, gold: GoldPlover, record: Record | None) -> Case | None:
        system = metrics.plover_event(record, gold.text)
        self.pairs.append((gold, system))
        answer = system.plover_type.upper() if system and system.plover_type else None
        mode = system.plover_mode if system else None
        type_ok, mode_ok = answer == gold.event_type, _same(gold.mode, mode)
        rows = (
            CaseRow("PLOVER type", _show(gold.event_type), _show(answer), type_ok),
            CaseRow("mode", _show(gold.mode), _show(mode), mode_ok),
        )
        badness = 10.0 if system is None else 5.0 * (not rows[0].ok) + (not rows[1].ok)
        return Case(gold.id, badness, _excerpt(gold.text), rows, system.evidence if system else "")

    def finish(self, report: EvalReport) -> None:
        report.plover = metrics.score_plover(self.pairs)


class _QuoteScorer:
    def __init__(self) -> None:
        self.quotes = QuoteCounts()
        self.indirect = QuoteCounts()

    def add(self, gold: GoldDocument, record: Record | None) -> Case | None:
        system = metrics.system_quotes(record)
        direct = metrics.match_quotes(gold.attributions, system, quoted=True)
        indirect = metrics.match_quotes(gold.attributions, system, quoted=False)
        self.quotes += direct.counts
        self.indirect += indirect.counts
        rows = [
            *(CaseRow("missed quote", _excerpt(a.content_text), "—", False) for a in direct.missed),
            *(CaseRow("spurious quote", "—", _excerpt(q.text), False) for q in direct.spurious),
        ]
        badness = float(len(rows)) + 0.25 * (len(indirect.missed) + len(indirect.spurious))
        return Case(gold.id, badness, _excerpt(gold.text[:200]), tuple(rows[:12]))

    def finish(self, report: EvalReport) -> None:
        report.quotes = self.quotes
        report.indirect = self.indirect


def _reviewed_scorer() -> _Scorer:
    from newscoder.evaluate.reviewed import ReviewedScorer

    return ReviewedScorer()


_SCORERS: dict[str, Callable[[], _Scorer]] = {
    "acled": _AcledScorer,
    "plover": _PloverScorer,
    "polnear": _QuoteScorer,
    "reviewed": _reviewed_scorer,
}


# --- running ------------------------------------------------------------------------


def _records_one_by_one(
    golds: Iterator[Gold], code_fn: CodeFn
) -> Iterator[tuple[Gold, Record | None]]:
    for gold in golds:
        try:
            record = code_fn(gold.text, gold.published)
        except Exception as exc:  # one bad document must not stop the evaluation
            record = {"error": {"code": getattr(exc, "code", "E199"), "message": str(exc)}}
        yield gold, record


def _records_batched(
    golds: Iterator[Gold], code_many: CodeMany
) -> Iterator[tuple[Gold, Record | None]]:
    # code_many may read ahead to fill a batch; the queue pairs each result with the
    # gold item it was made from, in order.
    pending: deque[Gold] = deque()

    def items() -> Iterator[tuple[str, dt.date | None]]:
        for gold in golds:
            pending.append(gold)
            yield gold.text, gold.published

    source = items()
    for record in code_many(source):
        if not pending:
            raise CoderMismatch("code_many returned more records than it was given items")
        yield pending.popleft(), record
    if pending or next(source, None) is not None:
        raise CoderMismatch("code_many returned fewer records than it was given items")


def run_eval(
    path: str | Path,
    code_fn: CodeFn | None = None,
    *,
    code_many: CodeMany | None = None,
    kind: Literal["auto", "acled", "plover", "polnear", "reviewed"] = "auto",
    limit: int | None = None,
    progress: Progress | None = None,
    errors: int = 5,
    published_offset: int = 3,
) -> EvalReport:
    """Score a coder on the gold data at ``path`` (a file or a directory).

    Give either ``code_fn(text, published) -> record`` or
    ``code_many(iterable of (text, published)) -> iterable of records`` (same order,
    one record per item). ``errors`` is how many worst cases the report keeps;
    ``progress(done, total)`` is called after each document.
    """
    if (code_fn is None) == (code_many is None):
        raise TypeError("run_eval needs exactly one of code_fn and code_many")
    gold_kind: Kind = detect_kind(path) if kind == "auto" else kind
    skipped: list[str] = []
    golds: Iterator[Gold] = read_gold(
        path, gold_kind, published_offset=published_offset, skipped=skipped
    )
    if limit is not None:
        golds = itertools.islice(golds, limit)
    total = None
    if progress is not None:
        total = count_gold(path, gold_kind)
        total = min(total, limit) if limit is not None else total
    if code_many is not None:
        pairs = _records_batched(golds, code_many)
    else:
        assert code_fn is not None
        pairs = _records_one_by_one(golds, code_fn)

    scorer = _SCORERS[gold_kind]()
    worst: list[tuple[float, int, Case]] = []
    failures: list[str] = []
    failed = documents = 0
    started = time.perf_counter()
    # Coding happens lazily inside this loop, so a counts-only trace around it sees
    # every rule the coder fires (cheap: one counter update per firing).
    with tracing(keep_firings=False) as trace:
        for documents, (gold, record) in enumerate(pairs, start=1):
            if isinstance(record, dict) and "error" in record:
                failed += 1
                if len(failures) < 20:
                    error = record["error"] if isinstance(record["error"], dict) else {}
                    failures.append(f"{gold.id}: {error.get('message', record['error'])}")
            case = scorer.add(gold, record)
            if case is not None and case.badness > 0 and errors > 0:
                heapq.heappush(worst, (case.badness, -documents, case))
                if len(worst) > errors:
                    heapq.heappop(worst)
            if progress is not None:
                progress(documents, total)
    report = EvalReport(
        kind=gold_kind,
        path=str(path),
        documents=documents,
        failed=failed,
        seconds=time.perf_counter() - started,
        worst=[case for _, _, case in sorted(worst, key=lambda x: (-x[0], -x[1]))],
        skipped=skipped,
        failures=failures,
        rule_counts=dict(sorted(trace.counts.items())),
    )
    scorer.finish(report)
    return report
