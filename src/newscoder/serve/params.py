"""URL query parameters to :class:`~newscoder.serve.data.Filters`, checked."""

from __future__ import annotations

from collections.abc import Mapping

from newscoder.serve.data import MAX_LIMIT, REVIEW_STATUSES, SORTS, Filters, parse_date


class BadParameter(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


def _int(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise BadParameter(name, f"must be between {low} and {high}")
    return value


def filters_from(params: Mapping[str, str], *, default_limit: int = 50) -> Filters:
    """Filters from a query string; raises :class:`BadParameter` naming the parameter."""
    dates = {}
    for name in ("since", "until"):
        try:
            dates[name] = parse_date(params.get(name))
        except ValueError:
            raise BadParameter(name, f"{params.get(name)!r} is not a date (YYYY-MM-DD)") from None
    if dates["since"] and dates["until"] and dates["since"] > dates["until"]:
        # Else an empty list that looks like "no events in this period".
        raise BadParameter("until", f"{dates['until']} is before since, {dates['since']}")
    status = params.get("status") or None
    if status is not None and status not in REVIEW_STATUSES:
        raise BadParameter("status", f"must be one of {', '.join(REVIEW_STATUSES)}")
    sort = params.get("sort") or "-date"
    desc = sort.startswith("-")
    if sort.lstrip("-") not in SORTS:
        raise BadParameter("sort", f"must be one of {', '.join(SORTS)} (prefix - to reverse)")
    view = params.get("view") or None
    if view is not None and view not in ("linked", "reports"):
        raise BadParameter("view", "must be linked or reports")
    return Filters(
        country=(params.get("country") or "").strip() or None,
        type=(params.get("type") or "").strip() or None,
        q=(params.get("q") or "").strip() or None,
        since=dates["since"],
        until=dates["until"],
        status=status,
        min_sources=_int(params, "min_sources", 1, 1, 1000),
        sort=sort.lstrip("-"),
        desc=desc,
        limit=_int(params, "limit", default_limit, 1, MAX_LIMIT),
        offset=_int(params, "offset", 0, 0, 10**9),
        view=view,  # type: ignore[arg-type]
    )
