"""Who may write, and the headers every response carries.

- Writes need the token: ``Authorization: Bearer TOKEN`` for the JSON API; in
  the browser, a session cookie made by signing in with the token, plus a CSRF
  token in every form (the cookie alone never authorises a write).
- The token lives in a file whose content is the token (mode 0600). A missing
  file is created with a new random token, which the CLI prints once.
- Sessions and CSRF tokens are HMACs keyed by the token, so changing the token
  signs everyone out; nothing is kept on the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

SESSION_COOKIE = "newscoder_session"
SESSION_SECONDS = 12 * 3600

# No inline script or style, nothing from elsewhere; forms post only here.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


class TokenFileError(Exception):
    pass


def load_or_create_token(path: Path) -> tuple[str, bool]:
    """``(token, created)``: the token in ``path``, or a new one written there with
    mode 0600 when the file does not exist."""
    if path.exists():
        token = path.read_text(encoding="utf-8").strip()
        if len(token) < 16:
            raise TokenFileError(f"{path} holds no token of at least 16 characters")
        return token, False
    token = secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(token + "\n")
    return token, True


class Auth:
    def __init__(self, token: str) -> None:
        self._token = token
        self._key = hashlib.sha256(b"newscoder-serve:" + token.encode()).digest()

    def bearer_ok(self, header: str | None) -> bool:
        if not header:
            return False
        scheme, _, value = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            value.strip().encode(), self._token.encode()
        )

    def token_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest((token or "").encode(), self._token.encode())

    def _sign(self, message: str) -> str:
        mac = hmac.new(self._key, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def make_session(self, reviewer: str, now: float | None = None) -> str:
        expires = int((now or time.time()) + SESSION_SECONDS)
        name = base64.urlsafe_b64encode(reviewer.encode()).decode().rstrip("=")
        body = f"{name}.{expires}.{secrets.token_urlsafe(8)}"
        return f"{body}.{self._sign(body)}"

    def session_reviewer(self, cookie: str | None, now: float | None = None) -> str | None:
        """The reviewer a valid, unexpired session cookie names, else None."""
        if not cookie or cookie.count(".") != 3:
            return None
        body, _, mac = cookie.rpartition(".")
        if not hmac.compare_digest(mac, self._sign(body)):
            return None
        name, expires, _nonce = body.split(".")
        if not expires.isdigit() or int(expires) < (now or time.time()):
            return None
        try:
            return base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode()
        except ValueError:
            return None

    def csrf_token(self, cookie: str | None) -> str:
        """The CSRF token forms carry: bound to the session cookie (or to nothing,
        for the sign-in form)."""
        return self._sign("csrf:" + (cookie or ""))

    def csrf_ok(self, cookie: str | None, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(token or "", self.csrf_token(cookie))
