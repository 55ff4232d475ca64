"""Serve: the review web app over a store (``newscoder serve``).

from newscoder.serve import create_app
app = create_app("news.sqlite", token="...")   # an ASGI app (FastAPI)

Pages and API: docs/api.md. Review storage: :mod:`newscoder.store.review`.
"""

from __future__ import annotations

from newscoder.serve.app import create_app

__all__ = ["create_app"]
