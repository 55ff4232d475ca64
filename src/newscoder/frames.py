"""pandas DataFrames of a store's events or linked events.

import newscoder
df = newscoder.to_dataframe("corpus.sqlite")                # one row per event report
linked = newscoder.to_dataframe("corpus.sqlite", linked=True)  # one row per linked event

Columns are those of :meth:`Store.events` / :meth:`Store.linked_events`; ``date``
becomes a datetime (NaT when unknown) and the counts nullable integers. A linked
event's ``sources`` is a list of dicts; ``source_article_ids`` lists its articles.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscoder.errors import MissingExtra

if TYPE_CHECKING:
    import pandas as pd

    from newscoder.store.db import Store

_COUNTS = ("fatalities", "injuries", "arrests", "geo_precision", "n_sources", "ordinal")


def to_dataframe(
    db: str | Path | Store,
    linked: bool = False,
    *,
    country: str | None = None,
    event_type: str | None = None,
) -> pd.DataFrame:
    """The events (or, with ``linked=True``, the linked events) of the store at ``db``.

    ``db`` is a path (opened read-only) or an open :class:`Store`. Needs pandas (the
    ``scale`` extra); raises :class:`~newscoder.errors.MissingExtra` without it.

    With ``linked=True`` on a store that was never linked (or has articles stored
    since the last link run) it warns with :class:`UnlinkedStoreWarning`: the frame
    is empty (or out of date) because linking has not run, not because nothing
    happened. ``frame.attrs["link_status"]`` holds :meth:`Store.link_status`.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise MissingExtra(f"to_dataframe needs pandas ({exc}).") from exc
    from newscoder.store.db import Store  # here, not at import: `newscoder code` never needs it

    if isinstance(db, Store):
        rows, status = _rows(db, linked, country, event_type)
    else:
        with Store(db, readonly=True) as store:
            rows, status = _rows(store, linked, country, event_type)
    if linked and (status["linked_at"] is None or status["stale"]):
        what = "was never linked" if status["linked_at"] is None else "changed since it was linked"
        warnings.warn(
            f"the store {what}: linked events are missing or out of date. Link it with "
            "`newscoder run --db FILE ...` (links at its end) or newscoder.link.link_store(store).",
            UnlinkedStoreWarning,
            stacklevel=2,
        )
    frame = pd.DataFrame.from_records(rows)
    frame.attrs["link_status"] = status
    if frame.empty:
        return frame
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    for column in _COUNTS:
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    if linked:
        frame["source_article_ids"] = [
            [source["article_id"] for source in sources] for sources in frame["sources"]
        ]
    return frame


class UnlinkedStoreWarning(UserWarning):
    """``to_dataframe(linked=True)`` on a store whose links are missing or stale."""


def _rows(
    store: Store, linked: bool, country: str | None, event_type: str | None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    status = store.link_status()
    if linked:
        return store.linked_events(country=country, event_type=event_type), status
    return store.events(country=country, event_type=event_type), status
