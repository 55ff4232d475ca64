"""Article text with its evidence marked up: what each value was read from, and why.

The coded record gives spans for each event's evidence sentences, trigger,
actors, place and date, and for each quote, its speaker and cue. Casualty
figures have no span in the contract; they are found inside the event's
evidence from the words its reason quotes ("killed 6: 'killing' ...; number
words 'six'"). Overlapping spans are cut into runs of text that share one set
of marks, so every character is escaped once and wrapped at most once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    cls: str
    title: str
    events: tuple[str, ...] = ()


_FIGURE_START = re.compile(r"^(killed|injured|arrested|abducted) (\d+):")
_GROUP_END = ("trigger", "merged", "no deaths", "armed", "attack on", "mobilize", "air:", "clash")
_QUOTED = re.compile(r"'([^']{1,60})'")


def _span(value: Any) -> tuple[int, int] | None:
    if not isinstance(value, Mapping):
        return None
    start, end = value.get("start"), value.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return None


def _place_label(loc: Mapping[str, Any]) -> str:
    return ", ".join(str(loc[k]) for k in ("name", "admin1", "country") if loc.get(k))


def figure_words(reason: str) -> list[tuple[str, list[str]]]:
    """``(label, quoted words)`` per casualty figure a reason explains:
    ``[("killed 6", ["killing", "two", "four"])]``."""
    groups: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for clause in reason.split("; "):
        match = _FIGURE_START.match(clause)
        if match:
            current = _QUOTED.findall(clause[match.end() :])
            groups.append((f"{match.group(1)} {match.group(2)}", current))
        elif current is not None and clause.startswith(_GROUP_END):
            current = None
        elif current is not None:
            current.extend(_QUOTED.findall(clause))
    return groups


def _find_in(text: str, word: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    for start, end in spans:
        match = pattern.search(text, start, end)
        if match:
            return match.start(), match.end()
    return None


def marks_for(record: Mapping[str, Any], text: str) -> list[Mark]:
    """Every mark of a coded record (events, their fields and figures, quotes)."""
    marks: list[Mark] = []
    for event in record.get("events") or []:
        if not isinstance(event, Mapping):
            continue
        eid = str(event.get("id") or "")
        ids = (eid,)
        evidence = [s for s in (_span(e) for e in event.get("evidence") or []) if s]
        what = (event.get("acled") or {}).get("sub_event_type") or (event.get("plover") or {}).get(
            "type"
        )
        for start, end in evidence:
            marks.append(Mark(start, end, "ev", f"evidence of {eid} ({what})", ids))
        trigger = event.get("trigger")
        if (span := _span(trigger)) is not None:
            reason = event.get("reason") or ""
            marks.append(Mark(*span, "trigger", f"trigger of {eid}: {reason}", ids))
        for side in ("actor1", "actor2"):
            actor = event.get(side)
            if (span := _span(actor)) is not None:
                assert isinstance(actor, Mapping)
                label = f"{side}: {actor.get('name')} ({actor.get('type') or 'no type'})"
                marks.append(Mark(*span, "actor", f"{label} — {actor.get('reason') or ''}", ids))
        loc = event.get("location")
        if (span := _span(loc)) is not None:
            assert isinstance(loc, Mapping)
            title = f"place: {_place_label(loc)} — {loc.get('reason') or ''}"
            marks.append(Mark(*span, "place", title, ids))
        date = event.get("date")
        if (span := _span(date)) is not None:
            assert isinstance(date, Mapping)
            title = f"date: {date.get('value')} ({date.get('precision')}) — {date.get('reason')}"
            marks.append(Mark(*span, "date", title, ids))
        for label, words in figure_words(str(event.get("reason") or "")):
            for word in words:
                found = _find_in(text, word, evidence)
                if found is not None:
                    marks.append(Mark(*found, "figure", f"{label} ({eid}): '{word}'", ids))
    for quote in record.get("quotes") or []:
        if not isinstance(quote, Mapping):
            continue
        linked = (str(quote["event_id"]),) if quote.get("event_id") else ()
        speaker = quote.get("speaker") or {}
        who = speaker.get("name") or speaker.get("role") or "unknown speaker"
        if (span := _span(quote)) is not None:
            marks.append(Mark(*span, "quote", f"{quote.get('kind')} quote of {who}", linked))
        if (span := _span(speaker)) is not None:
            role = f" ({speaker.get('role')})" if speaker.get("role") else ""
            marks.append(Mark(*span, "speaker", f"speaker: {who}{role}", linked))
        if (span := _span(quote.get("cue"))) is not None:
            marks.append(Mark(*span, "cue", "speech cue", linked))
    return [m for m in marks if m.end <= len(text)]


def render(text: str, marks: Iterable[Mark], focus: str | None = None) -> Markup:
    """The text as escaped HTML, each run of marked text in one ``<span>`` with
    the marks' classes, the events it belongs to (``data-e``) and their reasons
    (``title``). ``focus`` adds the class ``focus`` to one event's runs."""
    marks = list(marks)
    cuts = {0, len(text)}
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(cuts)
    # Marks sorted by start; a sweep keeps those covering each run.
    pieces: list[str] = []
    by_start = sorted(marks, key=lambda m: m.start)
    active: list[Mark] = []
    i = 0
    for a, b in pairwise(points):
        while i < len(by_start) and by_start[i].start <= a:
            active.append(by_start[i])
            i += 1
        active = [m for m in active if m.end > a]
        chunk = escape(text[a:b])
        covering = [m for m in active if m.start <= a and m.end >= b]
        if not covering:
            pieces.append(str(chunk))
            continue
        classes = sorted({m.cls for m in covering})
        events = sorted({e for m in covering for e in m.events})
        if focus and focus in events:
            classes.append("focus")
        titles = list(dict.fromkeys(m.title for m in covering))
        pieces.append(
            f'<span class="{escape(" ".join("m-" + c if c != "focus" else c for c in classes))}"'
            f' data-e="{escape(" ".join(events))}" title="{escape(chr(10).join(titles))}">'
            f"{chunk}</span>"
        )
    return Markup("".join(pieces))
