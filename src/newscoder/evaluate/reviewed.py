"""Score the coder against what people checked in the review app.

``newscoder export --reviewed -o gold.jsonl`` writes one line per article with its
text and the events reviewers accepted, edited or rejected (format
``newscoder-reviewed``, see docs/api.md). ``newscoder eval gold.jsonl`` re-codes
each text and matches every reviewed event to the system event whose evidence
overlaps it most (each system event matches at most one), then scores:

- accepted and edited events with an ACLED type: the ACLED fields, as for ACLED
  gold (type, sub-event, actor types, admin1, distance, date, fatalities);
  events without a reviewed date are left out of the date score only, and
  figures a reviewer did not check (lent by a linked event's review) are not
  scored;
- events with a PLOVER type: the PLOVER type and mode;
- rejected events: the share the coder no longer produces (no system event of
  the same type on the rejected evidence), shown as the field "rejected, not
  coded again".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscoder.evaluate import metrics
from newscoder.evaluate.metrics import SystemEvent
from newscoder.evaluate.readers import GoldEvent, GoldPlover
from newscoder.store.review import GOLD_FORMAT
from newscoder.types import Span

_UNDATED = dt.date(1, 1, 1)


@dataclass(frozen=True, slots=True)
class ReviewedEvent:
    id: str
    status: str  # accepted | edited | rejected
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None
    actor1: str | None
    actor1_type: str | None
    actor2: str | None
    actor2_type: str | None
    location: str | None
    admin1: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    date: str | None
    date_precision: str | None
    fatalities: int | None
    figures_reviewed: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldReviewed:
    """One article with its reviewed events; ``text`` is what the offsets index."""

    id: str
    text: str
    published: dt.date | None
    events: tuple[ReviewedEvent, ...]


def looks_reviewed(path: Path) -> bool:
    """True for a JSONL file whose first record is ``newscoder-reviewed`` gold."""
    try:
        with path.open(encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    return isinstance(record, dict) and record.get("gold") == GOLD_FORMAT
    except (OSError, ValueError):
        return False
    return False


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.jsonl") if looks_reviewed(p))


def _get(value: Any, *keys: str) -> Any:
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _event(raw: dict[str, Any]) -> ReviewedEvent:
    review = raw.get("review") or {}
    evidence = tuple(
        Span(s["start"], s["end"])
        for s in raw.get("evidence") or []
        if isinstance(s, dict) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
    )
    fatalities = raw.get("fatalities")
    return ReviewedEvent(
        id=str(raw.get("id")),
        status=str(review.get("status") or "accepted"),
        acled_event_type=_get(raw, "acled", "event_type"),
        acled_sub_event_type=_get(raw, "acled", "sub_event_type"),
        plover_type=_get(raw, "plover", "type"),
        plover_mode=_get(raw, "plover", "mode"),
        actor1=_get(raw, "actor1", "name"),
        actor1_type=_get(raw, "actor1", "type"),
        actor2=_get(raw, "actor2", "name"),
        actor2_type=_get(raw, "actor2", "type"),
        location=_get(raw, "location", "name"),
        admin1=_get(raw, "location", "admin1"),
        country_code=_get(raw, "location", "country_code"),
        lat=_get(raw, "location", "lat"),
        lon=_get(raw, "location", "lon"),
        date=_get(raw, "date", "value"),
        date_precision=_get(raw, "date", "precision"),
        fatalities=fatalities if isinstance(fatalities, int) else None,
        figures_reviewed=bool(review.get("figures_reviewed", True)),
        evidence=evidence,
    )


def read_reviewed(path: str | Path, *, skipped: list[str] | None = None) -> Iterator[GoldReviewed]:
    """Yield the articles of ``newscoder export --reviewed`` files (a file or a folder)."""
    for file in _files(Path(path)):
        with file.open(encoding="utf-8-sig") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    text = record["text"]
                    if not isinstance(text, str) or not text:
                        raise ValueError("no text")
                    published = None
                    if record.get("published"):
                        published = dt.date.fromisoformat(str(record["published"])[:10])
                    events = tuple(_event(e) for e in record.get("events") or [])
                except (KeyError, TypeError, ValueError) as exc:
                    if skipped is not None:
                        skipped.append(f"{file.name} line {number}: {exc}")
                    continue
                yield GoldReviewed(str(record.get("id") or number), text, published, events)


# -- scoring -------------------------------------------------------------------------


def _overlap(a: tuple[Span, ...], b: list[Span]) -> int:
    return sum(max(0, min(x.end, y.end) - max(x.start, y.start)) for x in a for y in b)


def _spans(event: dict[str, Any]) -> list[Span]:
    return [
        Span(s["start"], s["end"])
        for s in event.get("evidence") or []
        if isinstance(s, dict) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
    ]


def match(
    gold: tuple[ReviewedEvent, ...], system: list[dict[str, Any]]
) -> dict[str, dict[str, Any] | None]:
    """Each reviewed event's system event: the one whose evidence overlaps it most
    (a same-type event wins a tie); each system event is used once."""
    used: set[int] = set()
    out: dict[str, dict[str, Any] | None] = {}
    for event in gold:
        best, best_key = None, (0, False)
        for i, candidate in enumerate(system):
            if i in used:
                continue
            overlap = _overlap(event.evidence, _spans(candidate))
            same = _get(candidate, "acled", "event_type") == event.acled_event_type
            if overlap and (overlap, same) > best_key:
                best, best_key = i, (overlap, same)
        if best is not None and event.status != "rejected":
            used.add(best)
        out[event.id] = system[best] if best is not None else None
    return out


class ReviewedScorer:
    """The ``reviewed`` kind for :func:`newscoder.evaluate.run_eval`."""

    def __init__(self) -> None:
        self.acled: list[tuple[GoldEvent, SystemEvent | None]] = []
        self.undated: set[str] = set()
        self.plover: list[tuple[GoldPlover, SystemEvent | None]] = []
        self.rejected = 0
        self.rejected_gone = 0

    def add(self, gold: GoldReviewed, record: dict[str, Any] | None) -> Any:
        from newscoder.evaluate.report import Case, CaseRow

        system = [
            e
            for e in ((record or {}).get("events") or [])
            if isinstance(e, dict) and "error" not in (record or {})
        ]
        matched = match(gold.events, system)
        rows: list[CaseRow] = []
        badness = 0.0
        for event in gold.events:
            found = matched[event.id]
            if event.status == "rejected":
                self.rejected += 1
                same = found is not None and (
                    _get(found, "acled", "event_type") == event.acled_event_type
                    if event.acled_event_type
                    else _get(found, "plover", "type") == event.plover_type
                )
                self.rejected_gone += not same
                shown = "coded" if same else "—"
                rows.append(CaseRow(f"{event.id} rejected", "no event", shown, not same))
                badness += 2.0 * same
                continue
            sys_event = metrics.to_system_event(found, gold.text) if found else None
            if event.acled_event_type:
                self.acled.append((self._gold_event(gold, event), sys_event))
                if event.date is None:
                    self.undated.add(event.id)
            if event.plover_type:
                self.plover.append((self._gold_plover(gold, event), sys_event))
            answer = sys_event.event_type if sys_event else None
            ok = answer == event.acled_event_type or (
                event.acled_event_type is None
                and sys_event is not None
                and (sys_event.plover_type or "").upper() == event.plover_type
            )
            wanted = event.acled_event_type or str(event.plover_type)
            rows.append(CaseRow(f"{event.id} type", wanted, str(answer or "—"), ok))
            if sys_event is None:
                badness += 5.0
            elif not ok:
                badness += 3.0
            if event.figures_reviewed and event.fatalities is not None:
                same_toll = sys_event is not None and sys_event.fatalities == event.fatalities
                said = str(sys_event.fatalities if sys_event else "—")
                rows.append(
                    CaseRow(f"{event.id} fatalities", str(event.fatalities), said, same_toll)
                )
                badness += 0 if same_toll else 1.5
        return Case(gold.id, badness, gold.text[:400], tuple(rows[:12]))

    @staticmethod
    def _gold_event(gold: GoldReviewed, e: ReviewedEvent) -> GoldEvent:
        day = _UNDATED
        if e.date:
            try:
                day = dt.date.fromisoformat(e.date)
            except ValueError:
                day = _UNDATED
        precision = {"day": 1, "week": 2, "month": 3, "year": 3}.get(e.date_precision or "")
        return GoldEvent(
            id=e.id,
            text="",
            event_date=day,
            published=gold.published or day,
            time_precision=precision,
            event_type=e.acled_event_type,
            accept=(e.acled_event_type,) if e.acled_event_type else (),
            ambiguous=False,
            event_type_raw=e.acled_event_type or "",
            sub_event_type=e.acled_sub_event_type,
            actor1=e.actor1,
            actor2=e.actor2,
            inter1=e.actor1_type,
            inter2=e.actor2_type,
            country=e.country_code,
            admin1=e.admin1,
            location=e.location,
            lat=e.lat,
            lon=e.lon,
            geo_precision=None,
            fatalities=e.fatalities if e.figures_reviewed else None,
            fatalities_note=False,
            source_file="reviewed",
        )

    @staticmethod
    def _gold_plover(gold: GoldReviewed, e: ReviewedEvent) -> GoldPlover:
        return GoldPlover(
            id=e.id,
            text="",
            published=gold.published,
            event_type=(e.plover_type or "").upper() or None,
            event_type_raw=e.plover_type or "",
            mode=e.plover_mode.lower() if e.plover_mode else None,
        )

    def finish(self, report: Any) -> None:
        if self.acled:
            scores = metrics.score_acled(self.acled)
            dated = [(g, s) for g, s in self.acled if g.id not in self.undated]
            date = metrics.field_score(
                "date exact",
                [(g.event_date.isoformat(), s.date if s else None) for g, s in dated],
                lambda a, b: a == b,
                f"{len(self.undated)} reviewed without a date" if self.undated else "",
            )
            fields = tuple(date if f.name == "date exact" else f for f in scores.fields)
            if self.rejected:
                fields += (self._rejected_score(),)
            report.acled = dataclasses.replace(scores, fields=fields)
        if self.plover:
            report.plover = metrics.score_plover(self.plover)
        if self.rejected and not self.acled:
            report.skipped.append(
                f"rejected events not coded again: {self.rejected_gone} of {self.rejected}"
            )

    def _rejected_score(self) -> metrics.Score:
        return metrics.Score(
            "rejected, not coded again",
            self.rejected_gone,
            self.rejected,
            self.rejected,
            "reviewers said these were no events",
        )
