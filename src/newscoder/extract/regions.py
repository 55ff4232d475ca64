"""Paragraphs and quotation regions of a text, by character offset."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newscoder.extract.quote_spans import find_marked_spans

# A paragraph starts after a line break that another break does not follow.
_PARAGRAPH_START = re.compile(r"\n(?=[^\n])")
# Reported speech: single marks are as often names and titles ('Operation X').
_SPEECH_STYLES = frozenset({"double", "guillemet"})


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (blocks separated by newlines) start."""
    return [0, *(m.end() for m in _PARAGRAPH_START.finditer(text))]


def paragraph_of(offset: int, starts: Sequence[int]) -> int:
    """Index of the paragraph holding ``offset`` (the first when it lies before all)."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks or guillemets: from the opening
    mark to the closing one, one range per paragraph of a quote that runs over several.

    Used only to tell whether a trigger sits inside a quotation; the quotes extractor
    does the careful work of spans and speakers. The marks are paired as it pairs them
    (quote_spans.find_marked_spans): whether a straight mark opens or closes is read
    from its neighbours, so one unbalanced mark ("he added that \"...") cannot turn
    the rest of a paragraph inside out, as counting marks alone did.
    """
    return [
        (span.open_at, span.close_at if span.close_at is not None else span.end)
        for span in find_marked_spans(text)
        if span.style in _SPEECH_STYLES
    ]
