"""Output contract v1: typed results to the JSON records others rely on.

Field names here are fixed (see docs/output-contract.md and
``schema/output-v1.json``); fields may be added, never renamed or dropped.
"""

from __future__ import annotations

from typing import Any

from newscoder.types import Actor, CodedArticle, DateValue, Event, Failure, Place, Quote, Span

CONTRACT_VERSION = "1"


def _date(value: DateValue) -> dict[str, Any]:
    return {
        "value": value.value,
        "precision": value.precision,
        "text": value.text,
        "start": value.start,
        "end": value.end,
        "reason": value.reason,
        "rule": value.rule,
    }


def _place(place: Place | None, localities: tuple[Span, ...] = ()) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "country_code": place.country_code,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": place.geo_precision,
        "start": place.start,
        "end": place.end,
        "reason": place.reason,
        "rule": place.rule,
        # A place the gazetteer lacks at its unit's centre (PL040, PL200); linking's LK057.
        "unlisted": place.unlisted,
        # Villages, neighbourhoods, areas named inside the place; texts filled in from
        # the article (_with_texts).
        "localities": [{"text": None, "start": s.start, "end": s.end} for s in localities],
    }


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "name": actor.name,
        "type": actor.type,
        "country_code": actor.country_code,
        "acled_name": actor.canonical,
        "role": actor.role,
        "start": actor.start,
        "end": actor.end,
        "reason": actor.reason,
        "rule": actor.rule,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "plover": {"type": event.plover_type, "mode": event.plover_mode},
        "acled": {
            "event_type": event.acled_event_type,
            "sub_event_type": event.acled_sub_event_type,
        },
        "date": _date(event.date),
        "location": _place(event.location, event.localities),
        "actor1": _actor(event.actor1),
        "actor2": _actor(event.actor2),
        # Whom a peaceful protest is against, which ACLED's actor2 leaves blank (AC925);
        # null for every other event, whose target is actor2.
        "target": _actor(event.target),
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "arrests": event.arrests,
        "status": event.status,
        "background": event.background,
        "confidence": event.confidence,
        "evidence": [{"start": s.start, "end": s.end} for s in event.evidence],
        "trigger": {
            "text": event.trigger,
            "start": event.trigger_span.start,
            "end": event.trigger_span.end,
        },
        "reason": event.reason,
        # The rule behind each value that has no object of its own (machine-readable;
        # the linker and the review app read these ids, never the reason prose).
        "rules": dict(event.rules),
        # Who the report says told it ("according to X", "X said that ..."): empty when
        # the reporter tells it in their own voice.
        "claimed_by": list(event.sources),
        # What a protest is about, as the report words it; its text is filled in from the
        # article (_with_texts). Null where the report does not say or for other events.
        "issue": None
        if event.issue is None
        else {"text": None, "start": event.issue.start, "end": event.issue.end},
    }


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker": None
        if speaker is None
        else {
            "name": speaker.name,
            "role": speaker.role,
            "organization": speaker.organization,
            "actor": speaker.actor,
            "start": speaker.start,
            "end": speaker.end,
        },
        "cue": None
        if quote.cue is None
        else {"text": quote.cue.text, "start": quote.cue.start, "end": quote.cue.end},
        "event_id": quote.event_id,
    }


def _with_texts(event: dict[str, Any], text: str) -> dict[str, Any]:
    """Each actor's words as the report gives them ("retired airline employees" for
    "Protesters (Iran)") and the protest's issue: what tells two generic crowds apart
    when linking."""
    for side in ("actor1", "actor2"):
        actor = event.get(side)
        if actor is not None:
            start, end = actor.get("start"), actor.get("end")
            actor["text"] = text[start:end] if start is not None and end is not None else None
    issue = event.get("issue")
    if issue is not None:
        issue["text"] = text[issue["start"] : issue["end"]]
    for locality in (event.get("location") or {}).get("localities") or ():
        locality["text"] = text[locality["start"] : locality["end"]]
    return event


def coded_to_dict(coded: CodedArticle) -> dict[str, Any]:
    art = coded.article
    return {
        "id": art.id,
        "contract": CONTRACT_VERSION,
        "article": {
            "title": art.title,
            "published": art.published.isoformat() if art.published else None,
            "url": art.url,
            "source": art.source,
            "author": art.author,
            "dateline": art.dateline,
            "contributors": list(art.contributors),
            "title_span": None
            if art.title_span is None
            else {"start": art.title_span.start, "end": art.title_span.end},
            "chars": len(art.text),
        },
        "events": [_with_texts(event_to_dict(e), art.text) for e in coded.events],
        "quotes": [quote_to_dict(q) for q in coded.quotes],
        "entities": [
            {
                "text": e.text,
                "label": e.label,
                "start": e.start,
                "end": e.end,
                "canonical": e.canonical,
            }
            for e in coded.entities
        ],
        "warnings": list(coded.warnings),
        "places": [p.to_dict() for p in coded.places],
    }


def failure_to_dict(failure: Failure) -> dict[str, Any]:
    return {"id": failure.id, "error": {"code": failure.code, "message": failure.message}}
