"""`newscoder serve`: the token, the banner and uvicorn (called from newscoder.cli)."""

from __future__ import annotations

import ipaddress
import os
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

    path = token_file or db.with_name(db.name + ".token")
    try:
        token, created = load_or_create_token(path)
    except (TokenFileError, OSError) as exc:
        raise UsageError(
            f"cannot use the token file: {exc}", fix="Give --token-file FILE."
        ) from exc
    # Built here even with several workers: it migrates the file once and fails
    # early on a bad store.
    hosts = allowed_hosts_for(host)
    app = create_app(db, token=token, read_only=read_only, reviewer=reviewer, allowed_hosts=hosts)
    if created:
        # Printed once: later starts read it from the file.
        err.print(f"write token (stored in {path}, mode 0600):", soft_wrap=True)
        err.print(token, soft_wrap=True, markup=False, highlight=False)
    else:
        err.print(f"write token: the content of {path}")
    if not _loopback(host):
        err.print(
            f"[yellow]warning[/yellow] listening on {host}: anyone who can reach it can read "
            "the store (writes still need the token)"
        )
    shown = f"[{host}]" if ":" in host else host
    err.print(
        f"newscoder review app on http://{shown}:{port}/ ({db}{', read-only' if read_only else ''})"
    )
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    app.state.db.close()
    os.environ.update(
        NEWSCODER_SERVE_DB=str(db.resolve()),
        NEWSCODER_SERVE_TOKEN_FILE=str(path.resolve()),
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
