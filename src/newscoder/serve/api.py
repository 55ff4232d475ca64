"""The JSON API (documented in docs/api.md; schema at /openapi.json)."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from typing import Any

import orjson
from fastapi import APIRouter, Body, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from newscoder import __version__
from newscoder.serve import charts, data, stats
from newscoder.serve import review as review_logic
from newscoder.serve.params import BadParameter, filters_from
from newscoder.serve.places import place_index
from newscoder.store import review as store_review
from newscoder.store.connection import store_error
from newscoder.store.export import CSV_COLUMNS, LINKED_CSV_COLUMNS, acled_linked_row, acled_row
from newscoder.store.review import ReviewConflict, ReviewInvalid, ReviewNotFound

router = APIRouter()


def _db(request: Request) -> data.Database:
    return request.app.state.db  # type: ignore[no-any-return]


def invalid(field: str, message: str, status: int = 422) -> JSONResponse:
    return JSONResponse(
        {"error": {"status": status, "field": field, "message": f"{field}: {message}"}},
        status_code=status,
    )


def filters_or_422(request: Request, default_limit: int = 50) -> data.Filters:
    try:
        return filters_from(request.query_params, default_limit=default_limit)
    except BadParameter as exc:
        raise HTTPException(422, str(exc)) from None


def read_only_message(settings: Any) -> str:
    """Why a review is refused on a read-only app, and what to do about it."""
    return f"reviews cannot be saved: {settings.read_only_reason or 'the app runs read-only'}"


@router.get("/healthz", tags=["meta"])
def healthz(request: Request) -> dict[str, Any]:
    """Liveness: the store answers a query."""
    with _db(request).read() as conn:
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    settings = request.app.state.settings
    return {
        "status": "ok",
        "version": __version__,
        "events": events,
        "read_only": settings.read_only,
        "read_only_reason": settings.read_only_reason,
    }


_FILTERS = {
    "country": "ISO 3166 alpha-2 code or country name",
    "type": "ACLED event type, PLOVER type, or 'none' (no ACLED type)",
    "q": "words that must all be in the article (full-text search)",
    "since": "first date, YYYY-MM-DD",
    "until": "last date, YYYY-MM-DD",
    "status": "review status: unreviewed, accepted, edited, rejected or reviewed",
    "min_sources": "linked view: at least this many reports",
    "view": "linked (many reports, one event) or reports; default linked when linked",
    "sort": "date, fatalities, country, type, sources or id; prefix - for descending",
    "limit": "page size, 1-1000 (default 50)",
    "offset": "rows to skip",
}
# Documented here and parsed once by filters_from (FastAPI's own parsing of eleven
# declared parameters costs about a millisecond a request).
_FILTER_PARAMS = {
    "parameters": [
        {"name": name, "in": "query", "required": False, "description": text,
         "schema": {"type": "integer" if name in ("min_sources", "limit", "offset") else "string"}}
        for name, text in _FILTERS.items()
    ]
}  # fmt: skip


@router.get("/api/events", tags=["events"], openapi_extra=_FILTER_PARAMS)
async def api_events(request: Request) -> Response:
    """Events matching the filters, one page: ``{"events": [...], "total": N}``.

    Runs on the event loop: its queries take a few milliseconds, and a thread hop
    per request costs more than that under concurrent load."""
    f = filters_or_422(request)
    db = _db(request)
    key = "events?" + str(request.url.query)
    body = db.cached(key)
    if body is None:
        with db.read() as conn:
            view_used, rows, total = data.list_events(conn, f, fts=db.fts)
        payload = {
            "view": view_used,
            "total": total,
            "limit": f.limit,
            "offset": f.offset,
            "events": [data.to_api(r) for r in rows],
        }
        body = orjson.dumps(payload)  # a tenth of json.dumps's time on a 50-event page
        db.remember(key, body)
    return Response(body, media_type="application/json")


@router.get("/api/events.csv", tags=["events"], openapi_extra=_FILTER_PARAMS)
def api_events_csv(request: Request) -> StreamingResponse:
    """Every event matching the filters as ACLED-shaped CSV (reviews applied; rejected
    events left out unless ``status=rejected``)."""
    f = filters_or_422(request)
    db = _db(request)

    def rows() -> Iterator[str]:
        with db.read() as conn:
            view = data.pick_view(conn, f.view)
            columns = LINKED_CSV_COLUMNS if view == "linked" else CSV_COLUMNS
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=(*columns, "review_status"))
            writer.writeheader()
            for event in data.iter_all(conn, f, fts=db.fts):
                if event["review_status"] == "rejected" and f.status != "rejected":
                    continue
                row = acled_linked_row(event) if view == "linked" else acled_row(event)
                writer.writerow({**row, "review_status": event["review_status"]})
                if buffer.tell() > 64_000:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue()

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.csv"'},
    )


def event_payload(conn: Any, event_id: str) -> dict[str, Any] | None:
    event = data.get_event(conn, event_id)
    if event is None:
        return None
    state = store_review.review_state(conn, event_id)
    out: dict[str, Any] = {"event": data.to_api(event)}
    if event["kind"] == "report":
        out["coded"] = event.get("record")
        out["linked_event_id"] = event.get("linked_id")
    else:
        out["sources"] = [
            {**{k: v for k, v in s.items() if k != "record"}, "coded": s.get("record")}
            for s in event["sources"]
        ]
    review = state.to_dict() if state else {"status": "unreviewed", "version": 0}
    if state is not None:
        coded_now = {k: event["coded"].get(k) for k in store_review.fields_for(state.kind)}
        review["stale"] = any(state.coded.get(k) != v for k, v in coded_now.items())
    out["review"] = review
    out["history"] = [h.to_dict() for h in store_review.history(conn, event_id)]
    if event["kind"] == "linked":
        out["earlier_reviews"] = [
            {"event_id": s.event_id, **s.to_dict()}
            for s in store_review.earlier_linked_reviews(
                conn, [src["event_id"] for src in event["sources"]], current=event_id
            )
        ]
    return out


def gone_payload(conn: Any, event_id: str) -> dict[str, Any] | None:
    """What the store still knows of a reviewed event that is gone (re-linked or
    re-coded since): its review and history, for a 404 that explains itself."""
    state = store_review.review_state(conn, event_id)
    if state is None:
        return None
    return {
        "error": {
            "status": 404,
            "message": f"{event_id} is no longer in the store (re-linked or re-coded since"
            " its review); its review and history are kept",
        },
        "review": {"event_id": event_id, **state.to_dict()},
        "sources": list(state.sources),
        "history": [h.to_dict() for h in store_review.history(conn, event_id)],
    }


@router.get("/api/events/{event_id:path}", tags=["events"])
def api_event(request: Request, event_id: str) -> dict[str, Any]:
    """One event: its current values (reviews applied), what the coder said, its
    sources (linked events) and its review history."""
    with _db(request).read() as conn:
        payload = event_payload(conn, event_id)
        gone = gone_payload(conn, event_id) if payload is None else None
    if gone is not None:
        return JSONResponse(gone, status_code=404)  # type: ignore[return-value]
    if payload is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return payload


@router.post(
    "/api/events/{event_id:path}/review",
    tags=["review"],
    responses={401: {}, 403: {}, 404: {}, 409: {}, 422: {}},
)
def api_review(
    request: Request,
    event_id: str,
    body: dict[str, Any] = Body(  # noqa: B008
        ...,
        examples=[
            {"action": "accept", "note": "checked against the source"},
            {"action": "edit", "changes": {"fatalities": 7}, "version": 1, "note": "seven"},
        ],
    ),
) -> Response:
    """Accept, reject or edit an event. Needs ``Authorization: Bearer TOKEN``.
    Pass ``version`` (the review version you read) to be told, with a 409, when
    someone else reviewed the event meanwhile."""
    settings = request.app.state.settings
    if not request.app.state.auth.bearer_ok(request.headers.get("authorization")):
        return JSONResponse(
            {"error": {"status": 401, "message": "a review needs Authorization: Bearer TOKEN"}},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    if settings.read_only:
        return JSONResponse(
            {"error": {"status": 403, "message": read_only_message(settings)}}, status_code=403
        )
    try:
        action, changes, note, version, reviewer = review_logic.parse_request(body)
        reviewer = reviewer or request.headers.get("x-reviewer") or settings.default_reviewer
        review_logic.apply_review(
            _db(request),
            event_id,
            action,
            changes,
            reviewer=reviewer,
            note=note,
            version=version,
        )
    except ReviewNotFound as exc:
        return JSONResponse({"error": {"status": 404, "message": exc.message}}, status_code=404)
    except sqlite3.Error as exc:  # the store became unwritable (or full) since the start
        error = store_error(exc, settings.db_path)
        return JSONResponse(
            {"error": {"status": 503, "code": error.code, "message": str(error)}}, status_code=503
        )
    except ReviewInvalid as exc:
        return invalid(exc.field, exc.reason)
    except ReviewConflict as exc:
        with _db(request).read() as conn:
            current = event_payload(conn, event_id)
        return JSONResponse(
            {
                "error": {
                    "status": 409,
                    "message": exc.message,
                    "expected_version": exc.expected,
                    "current_version": exc.current,
                },
                "current": current,
            },
            status_code=409,
        )
    with _db(request).read() as conn:
        payload = event_payload(conn, event_id)
    return JSONResponse(payload)


@router.get("/api/articles/{article_id:path}", tags=["articles"])
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    """The coded record of one article, with its text and its events' review status."""
    with _db(request).read() as conn:
        article = data.get_article(conn, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article_payload(article)


def article_payload(article: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": article["id"],
        "title": article["title"],
        "published": article["published"],
        "url": article["url"],
        "source": article["source"],
        "coded_at": article["coded_at"],
        "content_hash": article["content_hash"],
        "text": article["text"],
        "record": article["record"],
        "reviews": {
            event_id: {"status": s.status, "version": s.version}
            for event_id, s in article["reviews"].items()
        },
        "linked": article["links"],
    }


@router.get("/api/places", tags=["review"])
def api_places(
    q: str = Query("", max_length=100), limit: int = Query(10, ge=1, le=50)
) -> dict[str, Any]:
    """Gazetteer places whose name starts with ``q`` ("Dutsin", "Raqqa, SY")."""
    return {"places": [p.to_dict() for p in place_index().search(q, limit)]}


@router.get("/api/overview", tags=["events"], openapi_extra=_FILTER_PARAMS)
def api_overview(request: Request) -> dict[str, Any]:
    """What the overview page draws: counts, events per day and type, points, countries."""
    f = filters_or_422(request)
    db = _db(request)
    with db.read() as conn:
        out = stats.overview(conn, f, fts=db.fts)
        out["store"] = stats.store_counts(conn)
    # Large answers come as clusters (each with its count n), as the map draws them.
    out["points"] = charts.cluster(out["points"])
    return out
