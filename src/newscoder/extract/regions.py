"""Paragraphs and quotation regions of a text, by character offset."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# A paragraph starts after a line break that another break does not follow.
_PARAGRAPH_START = re.compile(r"\n(?=[^\n])")
# The only characters quote_regions acts on (the scan skips the rest in C).
_QUOTE_CHARS = re.compile('[\n“«”»"]')


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (blocks separated by newlines) start."""
    return [0, *(m.end() for m in _PARAGRAPH_START.finditer(text))]


def paragraph_of(offset: int, starts: Sequence[int]) -> int:
    """Index of the paragraph holding ``offset`` (the first when it lies before all)."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks (paragraph-bounded).

    Used only to tell whether a trigger sits inside a quotation; the quotes
    extractor does the careful work of spans and speakers.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            open_at = None
        elif ch in "“«" or (ch == '"' and open_at is None):
            open_at = i
        elif ch in "”»" or ch == '"':
            if open_at is not None:
                regions.append((open_at, i))
            open_at = None
    return regions
