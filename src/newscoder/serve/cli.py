"""`newscoder serve`: the token, the banner and uvicorn (called from newscoder.cli)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from rich.console import Console

from newscoder.errors import UsageError
from newscoder.serve.security import TokenFileError, load_or_create_token


def run_server(
    db: Path,
    host: str,
    port: int,
    read_only: bool,
    token_file: Path | None,
    reviewer: str | None,
    err: Console,
    workers: int = 1,
) -> None:
    import uvicorn

    from newscoder.serve.app import allowed_hosts_for, create_app

    path: Path | None = token_file or db.with_name(db.name + ".token")
    try:
        token, created = load_or_create_token(path)
        token_error = None
    except (TokenFileError, OSError) as exc:
        # Fatal only if the store can take reviews: a random token nobody knows then.
        token, created, token_error = secrets.token_urlsafe(32), False, exc
    # Built here even with several workers: it migrates the file once, fails early on
    # a bad store and finds out whether the store can be written at all.
    hosts = allowed_hosts_for(host)
    app = create_app(db, token=token, read_only=read_only, reviewer=reviewer, allowed_hosts=hosts)
    settings = app.state.settings
    if token_error is not None:
        if not settings.read_only:
            app.state.db.close()
            raise UsageError(
                f"cannot use the token file: {token_error}", fix="Give --token-file FILE."
            ) from token_error
        path = None
    if settings.read_only and not read_only:
        err.print(
            f"[yellow]warning[/yellow] {settings.read_only_reason}: serving it read-only, "
            "reviews cannot be saved. To review, make the file and its folder writable "
            "(chmod u+w) or copy the store where you can write.",
            soft_wrap=True,
        )
    for note in app.state.db.notes:
        err.print(f"[yellow]note[/yellow] {note}", soft_wrap=True)
    if path is not None and created:
        # Printed once: later starts read it from the file.
        err.print(f"write token (stored in {path}, mode 0600):", soft_wrap=True)
        err.print(token, soft_wrap=True, markup=False, highlight=False)
    elif path is not None:
        err.print(f"write token: the content of {path}")
    if not _loopback(host):
        err.print(
            f"[yellow]warning[/yellow] listening on {host}: anyone who can reach it can read "
            "the store (writes still need the token)"
        )
    shown = f"[{host}]" if ":" in host else host
    mode = ", read-only" if settings.read_only else ""
    err.print(f"newscoder review app on http://{shown}:{port}/ ({db}{mode})")
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    app.state.db.close()
    os.environ.update(
        NEWSCODER_SERVE_DB=str(db.resolve()),
        NEWSCODER_SERVE_TOKEN_FILE=str(path.resolve()) if path else "",
        NEWSCODER_SERVE_READ_ONLY="1" if read_only else "0",
        NEWSCODER_SERVE_REVIEWER=reviewer or "",
        NEWSCODER_SERVE_HOSTS=",".join(hosts or []),
    )
    uvicorn.run(
        "newscoder.serve.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
