"""Linking precision on human-deduplicated data: ``newscoder eval FILE --link``.

ACLED's rows are deduplicated by people: one row per event (per day and place). Coding
each note as if it were an article and linking them all must therefore merge almost
nothing across notes; every cross-note merge is a candidate false merge (a few may be
genuine duplicates in the data). This module codes the notes, links them in memory and
reports the merges: how many, the share of notes they involve, the rules behind them
and the worst cases with both notes' evidence. It also counts events per note, since
every extra event a note yields is one more chance of a false merge.

Each merge gets a likely cause, so a figure says whose error it is: ``same-text`` (the
notes are word for word the same: ACLED split one note over several rows, no coder can
tell them apart), ``same-acled-key`` (ACLED's rows share date, location and event type:
two events a note barely tells apart, or a genuine duplicate), ``coder-place`` (a note
was coded at a place that is not ACLED's location, so the linker saw one place where
there were two) and ``linker`` (the rest: the linker's own merges).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from newscoder.evaluate.readers import GoldEvent, read_acled

Record = dict[str, Any]
CodeMany = Callable[[Iterable[tuple[str, dt.date | None]]], Iterable[Record]]
_RULE_ID = re.compile(r"\[([A-Z]{2}\d{3})\]")


class MergeCause(StrEnum):
    """Whose error a cross-note merge most likely is (see the module docstring)."""

    SAME_TEXT = "same-text"
    SAME_ACLED_KEY = "same-acled-key"
    CODER_PLACE = "coder-place"
    LINKER = "linker"


@dataclass(frozen=True, slots=True)
class MergeCase:
    """One linked event that joins two or more notes."""

    linked_id: str
    notes: tuple[str, ...]
    rules: tuple[str, ...]
    reason: str
    members: tuple[dict[str, Any], ...]  # per source: note id, date, place, type, evidence
    cause: MergeCause = MergeCause.LINKER

    def to_dict(self) -> dict[str, Any]:
        return {
            "linked_id": self.linked_id,
            "notes": list(self.notes),
            "cause": str(self.cause),
            "rules": list(self.rules),
            "reason": self.reason,
            "members": list(self.members),
        }


@dataclass
class LinkReport:
    path: str
    notes: int = 0
    failed: int = 0
    events: int = 0
    linked_events: int = 0
    cross_note_events: int = 0  # linked events joining two or more notes
    notes_joined: int = 0  # notes that share a linked event with another note
    events_per_note: Counter[int] = field(default_factory=Counter)
    plover_types: Counter[str] = field(default_factory=Counter)
    secondary_types: Counter[str] = field(default_factory=Counter)
    merge_rules: Counter[str] = field(default_factory=Counter)
    notes_by_cause: Counter[str] = field(default_factory=Counter)  # notes joined, by cause
    worst: list[MergeCase] = field(default_factory=list)

    @property
    def share_joined(self) -> float:
        return self.notes_joined / self.notes if self.notes else 0.0

    @property
    def mean_events(self) -> float:
        return self.events / self.notes if self.notes else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "link",
            "path": self.path,
            "notes": self.notes,
            "failed": self.failed,
            "events": self.events,
            "events_per_note": round(self.mean_events, 3),
            "events_per_note_histogram": {
                str(k): v for k, v in sorted(self.events_per_note.items())
            },
            "plover_types": dict(self.plover_types.most_common()),
            "secondary_event_types": dict(self.secondary_types.most_common()),
            "linked_events": self.linked_events,
            "cross_note_events": self.cross_note_events,
            "notes_joined": self.notes_joined,
            "share_joined": round(self.share_joined, 4),
            "merge_rules": dict(self.merge_rules.most_common()),
            "notes_joined_by_cause": {str(c): self.notes_by_cause[c] for c in MergeCause},
            "worst": [case.to_dict() for case in self.worst],
        }


def link_eval(
    path: str | Path,
    code_many: CodeMany,
    *,
    limit: int | None = None,
    worst: int = 10,
    published_offset: int = 3,
    progress: Callable[[int, int | None], None] | None = None,
) -> LinkReport:
    """Code every ACLED note at ``path`` as an article, link them, report the merges."""
    from newscoder.link import link_records

    golds: Iterator[Any] = read_acled(path, published_offset=published_offset)
    if limit is not None:
        golds = itertools.islice(golds, limit)
    golds_list = list(golds)
    texts = {g.id: g.text for g in golds_list}
    gold_of = {g.id: g for g in golds_list}
    report = LinkReport(path=str(path))
    records: list[Record] = []
    items = ((g.text, g.published) for g in golds_list)
    for n, (gold, record) in enumerate(zip(golds_list, code_many(items), strict=True), start=1):
        report.notes += 1
        if "error" in record:
            report.failed += 1
            continue
        record = {**record, "id": gold.id}
        events = record.get("events") or []
        record["events"] = [{**e, "id": f"{gold.id}:e{i}"} for i, e in enumerate(events, 1)]
        report.events += len(events)
        report.events_per_note[min(len(events), 6)] += 1
        for i, event in enumerate(events):
            ptype = (event.get("plover") or {}).get("type") or "?"
            report.plover_types[ptype] += 1
            if i:
                report.secondary_types[ptype] += 1
        records.append(record)
        if progress is not None:
            progress(n, len(golds_list))
    by_event = {e["id"]: (r["id"], e) for r in records for e in r["events"]}
    linked = link_records(records)
    report.linked_events = len(linked)
    joined: set[str] = set()
    by_cause: dict[MergeCause, set[str]] = {cause: set() for cause in MergeCause}
    cases: list[MergeCase] = []
    for event in linked:
        notes = tuple(dict.fromkeys(s.article_id for s in event.sources))
        if len(notes) < 2:
            continue
        report.cross_note_events += 1
        joined.update(notes)
        rules = tuple(
            dict.fromkeys(rid for s in event.sources[1:] for rid in _RULE_ID.findall(s.reason))
        )
        for rid in rules or ("(no rule id)",):
            report.merge_rules[rid] += 1
        members = tuple(
            _member(s.event_id, by_event, texts) for s in event.sources if s.event_id in by_event
        )
        coded = [(gold_of[s.article_id], s.location_name) for s in event.sources]
        cause = merge_cause(coded)
        by_cause[cause].update(notes)
        cases.append(MergeCase(event.id, notes, rules, event.reason, members, cause))
    report.notes_joined = len(joined)
    report.notes_by_cause = Counter({cause: len(notes) for cause, notes in by_cause.items()})
    # The worst: merges joining the most notes, then the farthest apart.
    cases.sort(key=lambda c: (-len(c.notes), c.linked_id))
    report.worst = cases[:worst]
    return report


def merge_cause(coded: Sequence[tuple[GoldEvent, str | None]]) -> MergeCause:
    """Why a linked event joins several notes, from each source's gold row and the place
    it was coded at (see the module docstring for the causes)."""
    golds = [gold for gold, _ in coded]
    if len({" ".join(gold.text.split()) for gold in golds}) == 1:
        return MergeCause.SAME_TEXT
    if len({(gold.event_date, _fold(gold.location), gold.event_type) for gold in golds}) == 1:
        return MergeCause.SAME_ACLED_KEY
    for gold, place in coded:
        here, there = _fold(place), _fold(gold.location)
        if here and there and here not in there and there not in here:
            return MergeCause.CODER_PLACE
    return MergeCause.LINKER


def _fold(name: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _member(
    event_id: str, by_event: dict[str, tuple[str, Record]], texts: dict[str, str]
) -> dict[str, Any]:
    note, event = by_event[event_id]
    text = texts.get(note, "")
    evidence = " … ".join(
        text[span["start"] : span["end"]] for span in event.get("evidence") or () if text
    )
    loc = event.get("location") or {}
    return {
        "note": note,
        "event": event_id,
        "type": (event.get("acled") or {}).get("event_type")
        or (event.get("plover") or {}).get("type"),
        "date": (event.get("date") or {}).get("value"),
        "place": ", ".join(
            p for p in (loc.get("name"), loc.get("admin1"), loc.get("country")) if p
        ),
        "actor1": (event.get("actor1") or {}).get("name"),
        "evidence": evidence[:300],
    }


def render_link_report(report: LinkReport, console: Any) -> None:
    """The report as rich tables (user text escaped)."""
    from rich.markup import escape
    from rich.table import Table

    summary = Table(title=f"Linking on human-deduplicated notes: {escape(report.path)}")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    rows = [
        ("notes coded", f"{report.notes:,}"),
        ("failed", f"{report.failed:,}"),
        ("events", f"{report.events:,} ({report.mean_events:.2f} per note)"),
        ("linked events", f"{report.linked_events:,}"),
        ("linked events joining 2+ notes", f"{report.cross_note_events:,}"),
        ("notes joined with another note", f"{report.notes_joined:,} ({report.share_joined:.1%})"),
        *(
            (f"  of which {cause}", f"{report.notes_by_cause[cause]:,}")
            for cause in MergeCause
            if report.notes_joined
        ),
    ]
    for name, value in rows:
        summary.add_row(name, value)
    console.print(summary)
    per_note = ", ".join(
        f"{'6+' if k == 6 else k}: {v}" for k, v in sorted(report.events_per_note.items())
    )
    console.print(f"events per note: {per_note}")
    secondary = ", ".join(f"{k} {v}" for k, v in report.secondary_types.most_common(8))
    console.print(f"secondary events (after each note's first) by PLOVER type: {secondary}")
    if report.merge_rules:
        rules = ", ".join(f"{k} ×{v}" for k, v in report.merge_rules.most_common())
        console.print(f"rules behind the cross-note merges: {rules}")
    columns = ("note", "type", "date", "place", "actor1", "evidence")
    for case in report.worst:
        title = f"{case.linked_id}: {len(case.notes)} notes ({case.cause})"
        table = Table(title=title, show_lines=True)
        for column in columns:
            table.add_column(column, overflow="fold")
        for m in case.members:
            table.add_row(*(escape(str(m.get(c) or "")) for c in columns))
        console.print(table)
        console.print(f"[dim]{escape(case.reason[:400])}[/dim]")
