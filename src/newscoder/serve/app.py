"""The review app: FastAPI with server-rendered Jinja2 pages over one SQLite store.

``create_app(db_path, token=...)`` builds the ASGI app; ``newscoder serve`` runs
it with uvicorn. Reads are open; writes need the token (see
:mod:`newscoder.serve.security`). Pages are plain HTML that work without
JavaScript; ``static/app.js`` only adds conveniences (span focus on click,
place autocompletion). Every page has a JSON twin under ``/api``.
"""

from __future__ import annotations

import getpass
import secrets
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newscoder import __version__
from newscoder.serve import charts
from newscoder.serve.data import Database
from newscoder.serve.security import SECURITY_HEADERS, Auth


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path
    read_only: bool
    default_reviewer: str
    # Why reviews cannot be saved, for people: --read-only, or the store's file or
    # folder cannot be written.
    read_only_reason: str | None = None


class SecurityHeaders:
    """Adds the CSP and friends to every response (a plain ASGI wrapper: cheaper
    than a BaseHTTPMiddleware on the hot JSON path)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s), else None: a ``javascript:`` or ``data:`` URL
    from an article is shown as text, never as a link."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parsed = urlparse(text)
    except ValueError:
        return None
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        return None
    if any(ord(ch) < 32 for ch in text):
        return None
    return text


def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("newscoder.serve", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["type_class"] = charts.type_class
    env.globals["type_label"] = charts.TYPE_LABEL
    env.globals["version"] = __version__
    env.globals["qs"] = lambda params: urlencode(params)
    env.filters["figure"] = lambda v: "–" if v is None else v
    env.filters["nl2br"] = lambda v: Markup("<br>").join(str(v).split("\n"))
    return env


def create_app(
    db_path: str | Path,
    *,
    token: str,
    read_only: bool = False,
    reviewer: str | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The app over the store at ``db_path``; ``token`` authorises writes.

    A store this process cannot write is served read-only, as with ``read_only``:
    pages and the API work, and every review is refused (403) with the reason.

    ``allowed_hosts`` (``newscoder serve`` gives the loopback names and its
    ``--host``) refuses requests for any other Host header: a web page cannot
    read a local store by pointing its own domain at 127.0.0.1 (DNS rebinding)."""
    from newscoder.serve import api, pages

    db = Database(db_path, read_only=read_only)
    app = FastAPI(
        title="newscoder review API",
        version=__version__,
        description="Read, check and correct coded events. See docs/api.md.",
        # Swagger UI and ReDoc load scripts from a CDN: off. /openapi.json stays.
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.auth = Auth(token)
    app.state.settings = Settings(
        Path(db_path),
        db.read_only,
        reviewer or _user(),
        db.read_only_reason or ("the app runs --read-only" if read_only else None),
    )
    app.state.templates = templates()
    static = resources.files("newscoder.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.router.on_shutdown.append(db.close)
    return app


def app_from_env() -> FastAPI:
    """The app for each of ``newscoder serve --workers N``'s processes, configured
    by the environment the parent sets (the token is read from its file)."""
    import os

    from newscoder.serve.security import load_or_create_token

    token_file = os.environ["NEWSCODER_SERVE_TOKEN_FILE"]
    # No file: the store cannot be written, so a random token that nobody knows.
    token = load_or_create_token(Path(token_file))[0] if token_file else secrets.token_urlsafe(32)
    hosts = os.environ.get("NEWSCODER_SERVE_HOSTS", "")
    return create_app(
        os.environ["NEWSCODER_SERVE_DB"],
        token=token,
        read_only=os.environ.get("NEWSCODER_SERVE_READ_ONLY") == "1",
        reviewer=os.environ.get("NEWSCODER_SERVE_REVIEWER") or None,
        allowed_hosts=hosts.split(",") if hosts else None,
    )


def allowed_hosts_for(host: str) -> list[str] | None:
    """The Host names to accept when listening on ``host``: the loopback names and
    the address itself; None (any) when listening on every interface."""
    if host in ("0.0.0.0", "::", ""):
        return None
    return list(dict.fromkeys(["127.0.0.1", "localhost", "[::1]", host]))


async def _http_error(request: Request, exc: StarletteHTTPException) -> Any:
    if request.url.path.startswith("/api") or request.url.path.endswith(".json"):
        return JSONResponse(
            {"error": {"status": exc.status_code, "message": exc.detail}},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
    from newscoder.serve.pages import render

    return render(
        request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"
