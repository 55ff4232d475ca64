"""The HTML pages. Each works without JavaScript and has a JSON twin."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newscoder.coding.taxonomy import ACLED_EVENT_TYPES, ACLED_SUB_EVENT_TYPES, PLOVER_TYPES
from newscoder.knowledge import ACLED_ACTOR_TYPES
from newscoder.serve import charts, data, highlight
from newscoder.serve import review as review_logic
from newscoder.serve import stats as overview_stats
from newscoder.serve.api import article_payload, event_payload, gone_payload, read_only_message
from newscoder.serve.params import BadParameter, filters_from
from newscoder.serve.security import SESSION_COOKIE, SESSION_SECONDS
from newscoder.store import review as store_review
from newscoder.store.connection import store_error
from newscoder.store.review import ReviewConflict, ReviewInvalid, ReviewNotFound

router = APIRouter(include_in_schema=False)


def render(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    env = request.app.state.templates
    cookie = request.cookies.get(SESSION_COOKIE)
    auth = request.app.state.auth
    reviewer = auth.session_reviewer(cookie)
    base = {
        "request": request,
        "path": request.url.path,
        "reviewer": reviewer,
        "csrf": auth.csrf_token(cookie if reviewer else None),
        "read_only": request.app.state.settings.read_only,
        "read_only_reason": request.app.state.settings.read_only_reason,
    }
    html = env.get_template(template).render(**base, **context)
    return HTMLResponse(html, status_code=status)


def _filters(request: Request, default_limit: int = 50) -> tuple[data.Filters, str | None]:
    try:
        return filters_from(request.query_params, default_limit=default_limit), None
    except BadParameter as exc:
        return data.Filters(limit=default_limit), str(exc)


def _choices(db: data.Database, conn: Any) -> dict[str, Any]:
    """The filter form's options and the store's counts (cached until a commit)."""
    cached = db.cached("choices")
    if cached is None:
        cached = {**_options(conn), "counts": overview_stats.store_counts(conn)}
        db.remember("choices", cached)
    return cached


def _options(conn: Any) -> dict[str, Any]:
    plover = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT plover_type FROM events WHERE plover_type IS NOT NULL"
        )
    ]
    return {
        "countries": overview_stats.countries(conn),
        "acled_types": ACLED_EVENT_TYPES,
        "plover_types": sorted(plover),
        "statuses": data.REVIEW_STATUSES,
        "has_links": data.has_links(conn),
    }


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    f, error = _filters(request)
    db: data.Database = request.app.state.db
    with db.read() as conn:
        stats = overview_stats.overview(conn, f, fts=db.fts)
        choices = _choices(db, conn)
        recent = store_review.recent(conn, 8)
    query = f.query(offset=0)
    codes = {c["code"] for c in stats["by_country"] if c["code"]}
    timeline, undated, unit = charts.timeline_svg(stats["by_day"], query)
    return render(
        request,
        "overview.html",
        {
            "f": f,
            "error": error,
            "query": query,
            "stats": stats,
            "map": charts.map_svg(stats["points"], query, codes),
            "timeline": timeline,
            "undated": undated,
            "unit": unit,
            "recent": recent,
            "types": charts.TYPE_ORDER,
            **choices,
        },
        422 if error else 200,
    )


@router.get("/events", response_class=HTMLResponse)
def events(request: Request) -> HTMLResponse:
    f, error = _filters(request)
    db: data.Database = request.app.state.db
    with db.read() as conn:
        view, rows, total = data.list_events(conn, f, fts=db.fts)
        choices = _choices(db, conn)
    query = f.query()
    return render(
        request,
        "events.html",
        {
            "f": f,
            "error": error,
            "query": query,
            "view": view,
            "rows": rows,
            "total": total,
            "sort_links": _sort_links(f),
            "prev_query": f.query(offset=max(f.offset - f.limit, 0)) if f.offset else None,
            "next_query": f.query(offset=f.offset + f.limit)
            if f.offset + f.limit < total
            else None,
            **choices,
        },
        422 if error else 200,
    )


def _sort_links(f: data.Filters) -> dict[str, str]:
    links = {}
    for name in data.SORTS:
        desc = not f.desc if f.sort == name else name in ("date", "fatalities", "sources")
        links[name] = urlencode(f.query(sort=name, desc=desc, offset=0))
    return links


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, made from the app's own OpenAPI schema. FastAPI's Swagger UI
    would sit here, but it loads its scripts from a CDN (off: nothing is fetched at
    run time), and people and links still try /docs first."""
    return render(request, "docs.html", {"endpoints": _endpoints(request.app.openapi())})


@router.get("/redoc")
def redoc() -> RedirectResponse:
    return RedirectResponse("/docs", status_code=308)


def _endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each documented operation: method, path, its docstring's paragraphs and its
    parameters, in the schema's order."""
    out = []
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            # Docstrings mark code as ``x`` (reStructuredText); plain text here.
            text = (op.get("description") or op.get("summary") or "").replace("``", "")
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "paragraphs": [" ".join(p.split()) for p in text.split("\n\n") if p.strip()],
                    "parameters": [
                        (p["name"], p.get("in", ""), p.get("description", ""))
                        for p in op.get("parameters", [])
                    ],
                }
            )
    return out


@router.get("/review/next")
def review_next(request: Request) -> Response:
    """The review queue: the next unreviewed event of a list's filters (after the
    one given as ``after``, in the list's order), opened at its review form."""
    params = {k: v for k, v in request.query_params.items() if k not in ("after", "status")}
    try:
        f = replace(filters_from(params), status="unreviewed", offset=0)
    except BadParameter as exc:
        raise HTTPException(422, str(exc)) from None
    db: data.Database = request.app.state.db
    after = request.query_params.get("after")
    with db.read() as conn:
        view = data.pick_view(conn, f.view)
        ids, _ = data.matching_ids(conn, f, view, fts=db.fts, limit=1000)
    if after in ids:
        ids = ids[ids.index(after) + 1 :]
    ids = [i for i in ids if i != after]
    queue = urlencode(params)
    if not ids:
        return RedirectResponse(f"/events?{urlencode({**params, 'status': 'unreviewed'})}", 303)
    return RedirectResponse(f"/events/{ids[0]}?{urlencode({'queue': queue})}#review", 303)


@router.get("/events.json")
def events_json(request: Request) -> RedirectResponse:
    return RedirectResponse("/api/events?" + str(request.query_params), status_code=307)


@router.get("/events.csv")
def events_csv(request: Request) -> RedirectResponse:
    return RedirectResponse("/api/events.csv?" + str(request.query_params), status_code=307)


def _review_form_context(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "acled_types": ACLED_EVENT_TYPES,
        "sub_types": ACLED_SUB_EVENT_TYPES,
        "all_plover": PLOVER_TYPES,
        "actor_types": ACLED_ACTOR_TYPES,
        "event_statuses": review_logic.EVENT_STATUSES,
        "precisions": review_logic.DATE_PRECISIONS,
        "fields": store_review.fields_for(event["kind"]),
    }


def event_page(
    request: Request,
    event_id: str,
    *,
    error: str | None = None,
    error_field: str | None = None,
    status: int = 200,
    form: dict[str, str] | None = None,
    saved: bool = False,
    queue: str | None = None,
) -> HTMLResponse:
    db: data.Database = request.app.state.db
    with db.read() as conn:
        payload = event_payload(conn, event_id)
        if payload is None:
            gone = gone_payload(conn, event_id)
            if gone is not None:
                return render(request, "gone.html", {"gone": gone, "event_id": event_id}, 404)
            raise HTTPException(404, f"no event {event_id!r}")
        event = data.get_event(conn, event_id)
        assert event is not None
        snippets = _source_snippets(conn, event)
    return render(
        request,
        "event.html",
        {
            "e": event,
            "payload": payload,
            "history": payload["history"],
            "review": payload["review"],
            "snippets": snippets,
            "error": error,
            "error_field": error_field,
            "form": form or {},
            "saved": saved,
            "queue": queue,
            **_review_form_context(event),
        },
        status,
    )


def _source_snippets(conn: Any, event: dict[str, Any]) -> dict[str, Any]:
    """Each report's evidence sentences, marked up, keyed by event id."""
    reports = event["sources"] if event["kind"] == "linked" else [event | {"event_id": event["id"]}]
    out: dict[str, Any] = {}
    for source in reports:
        article = conn.execute(
            "SELECT text FROM articles WHERE id = ?", (source["article_id"],)
        ).fetchone()
        record = source.get("record")
        if article is None or record is None or article["text"] is None:
            continue
        text = article["text"]
        marks = highlight.marks_for({"events": [record]}, text)
        pieces = []
        for span in record.get("evidence") or []:
            start, end = span.get("start"), span.get("end")
            if not (isinstance(start, int) and isinstance(end, int)) or end > len(text):
                continue
            inside = [
                highlight.Mark(max(m.start, start) - start, min(m.end, end) - start, m.cls,
                               m.title, m.events)
                for m in marks
                if m.end > start and m.start < end and m.cls != "ev"
            ]  # fmt: skip
            pieces.append(highlight.render(text[start:end], inside))
        out[source["event_id"]] = pieces
    return out


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> Response:
    if event_id.endswith(".json"):
        with request.app.state.db.read() as conn:
            exists = data.get_event(conn, event_id) is not None
        if not exists:
            return RedirectResponse(f"/api/events/{event_id[:-5]}", status_code=307)
    return event_page(
        request,
        event_id,
        saved=request.query_params.get("saved") == "1",
        queue=request.query_params.get("queue"),
    )


def _form_changes(event: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """The fields whose submitted value differs from the event's current value."""
    changes: dict[str, Any] = {}
    for name in store_review.fields_for(event["kind"]):
        if name in ("lat", "lon", "location_name", "admin1", "country", "country_code"):
            continue  # set through the place field
        if name not in form and name != "background":
            continue
        raw = form.get(name, "")
        current = event.get(name)
        if name == "background":
            raw = "true" if form.get("background") else "false"
            if bool(current) == (raw == "true"):
                continue
        elif _shown(current) == raw.strip():
            continue
        changes[name] = raw.strip() if raw.strip() else None
    place_id = (form.get("place_id") or "").strip()
    place_text = (form.get("place") or "").strip()
    if place_id:
        changes["place"] = place_id
    elif place_text and place_text != _place_text(event):
        changes["place"] = place_text
    return changes


# The review form's labels, for its messages (other fields: the name, spaced).
_LABELS = {
    "acled_event_type": "ACLED event type",
    "acled_sub_event_type": "Sub-event type",
    "plover_type": "PLOVER type",
    "plover_mode": "PLOVER mode",
    "actor1": "Actor 1",
    "actor1_type": "Actor 1 type",
    "actor2": "Actor 2",
    "actor2_type": "Actor 2 type",
}


def _label(field: str) -> str:
    return _LABELS.get(field) or field.replace("_", " ").capitalize()


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _place_text(event: dict[str, Any]) -> str:
    return ", ".join(str(event[k]) for k in ("location_name", "country_code") if event.get(k))


@router.post("/events/{event_id:path}/review", response_class=HTMLResponse)
async def review_form(request: Request, event_id: str) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    auth = request.app.state.auth
    cookie = request.cookies.get(SESSION_COOKIE)
    reviewer = auth.session_reviewer(cookie)
    if reviewer is None:
        raise HTTPException(401, "sign in with the token to review")
    if not auth.csrf_ok(cookie, form.get("csrf")):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")
    if request.app.state.settings.read_only:
        raise HTTPException(403, read_only_message(request.app.state.settings))
    action = form.get("action", "")
    version_text = form.get("version", "")
    version = int(version_text) if version_text.isdigit() else None
    db: data.Database = request.app.state.db
    with db.read() as conn:
        event = data.get_event(conn, event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    changes = _form_changes(event, form) if action in ("edit", "accept") else {}
    if action == "accept" and changes:
        # Accept saves no change: a changed field would be lost without a word.
        named = ", ".join(_label(name) for name in changes)
        return event_page(
            request,
            event_id,
            error=f"You changed {named} but chose Accept as shown, which saves no change. "
            "Press Save edits to save the change, or undo it to accept the values shown.",
            error_field=f"changes.{next(iter(changes))}",
            status=422,
            form=form,
            queue=form.get("queue"),
        )
    if action == "accept":
        changes = {}
    try:
        review_logic.apply_review(
            db,
            event_id,
            action,
            changes,
            reviewer=reviewer,
            note=(form.get("note") or "").strip() or None,
            version=version,
        )
    except ReviewNotFound as exc:
        raise HTTPException(404, exc.message) from None
    except sqlite3.Error as exc:  # the store became unwritable (or full) since the start
        raise HTTPException(503, str(store_error(exc, db.path))) from None
    except ReviewInvalid as exc:
        field = exc.field.removeprefix("changes.")
        return event_page(
            request,
            event_id,
            error=f"{_label(field)}: {exc.reason}"
            if field != "changes"
            else f"{exc.reason[:1].upper()}{exc.reason[1:]}.",
            error_field=exc.field,
            status=422,
            form=form,
            queue=form.get("queue"),
        )
    except ReviewConflict as exc:
        return event_page(
            request,
            event_id,
            error=f"{exc.message}. Your changes were not saved: check the history below "
            "and submit again.",
            status=409,
            form=form,
            queue=form.get("queue"),
        )
    after = {"saved": "1"}
    if form.get("queue") is not None:
        after["queue"] = form["queue"]
    return RedirectResponse(f"/events/{event_id}?{urlencode(after)}#review", status_code=303)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> Response:
    db: data.Database = request.app.state.db
    with db.read() as conn:
        found = data.get_article(conn, article_id)
        if found is None and article_id.endswith(".json"):
            found = data.get_article(conn, article_id[:-5])
            if found is not None:
                return Response(_json(article_payload(found)), media_type="application/json")
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    text = found["text"] or ""
    record = found["record"]
    focus = request.query_params.get("focus")
    marks = highlight.marks_for(record, text)
    return render(
        request,
        "article.html",
        {
            "a": found,
            "record": record,
            "body": highlight.render(text, marks, focus),
            "focus": focus,
            "events": [e for e in record.get("events") or [] if isinstance(e, dict)],
            "quotes": [q for q in record.get("quotes") or [] if isinstance(q, dict)],
            "reviews": found["reviews"],
            "links": found["links"],
        },
    )


def _json(value: Any) -> bytes:
    return orjson.dumps(value)


@router.get("/login", response_class=HTMLResponse)
def login(request: Request) -> HTMLResponse:
    return render(request, "login.html", {"next": _next(request.query_params.get("next"))})


@router.post("/login", response_class=HTMLResponse)
async def login_post(request: Request) -> Response:
    form = await request.form()
    auth = request.app.state.auth
    token, name = str(form.get("token") or ""), str(form.get("reviewer") or "").strip()
    nxt = _next(str(form.get("next") or "/"))
    if not auth.csrf_ok(None, str(form.get("csrf") or "")):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")
    if not auth.token_ok(token) or not name or len(name) > 80:
        message = "wrong token" if not auth.token_ok(token) else "give your name (up to 80 letters)"
        return render(request, "login.html", {"next": nxt, "error": message}, 401)
    response = RedirectResponse(nxt, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        auth.make_session(name),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    cookie = request.cookies.get(SESSION_COOKIE)
    if not request.app.state.auth.csrf_ok(cookie, str(form.get("csrf") or "")):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _next(value: str | None) -> str:
    """Only a path on this site: never ``//host`` or ``https://...`` (open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value
