"""Paragraphs and quotation regions of a text, by character offset."""

from __future__ import annotations

from collections.abc import Sequence


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (blocks separated by newlines) start."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text) and text[i + 1] != "\n":
            starts.append(i + 1)
    return starts


def paragraph_of(offset: int, starts: Sequence[int]) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks (paragraph-bounded).

    Used only to tell whether a trigger sits inside a quotation; the quotes
    extractor does the careful work of spans and speakers.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
        elif ch in "“«" or (ch == '"' and open_at is None):
            open_at = i
        elif ch in "”»" or ch == '"':
            if open_at is not None:
                regions.append((open_at, i))
            open_at = None
    return regions
