"""Find text between quotation marks, from the characters alone.

This is the first half of quote extraction and needs no parse: it pairs opening
and closing marks paragraph by paragraph and returns the content inside them.
Attribution (cue and speaker) is done over the parse in :mod:`speakers`.

Handled: straight ``"``, curly double “ ”, low „, two apostrophes ``''``
standing for a double mark (archive and wire copy), curly single ‘ ’ and
straight ``'`` used as quotation marks (British style), guillemets « » and ‹ ›.
Whether a mark opens or closes is read from its neighbours, not only from its
shape: a straight mark after a space opens and one before a space closes (so
``6'3" tall`` opens nothing), and a curly mark typed the wrong way round (”At
the start of a paragraph, or a “ after the last word) still pairs. Double marks
of any shape pair with each other (“…"). Two apostrophes between letters
(``vhp''s``, as database dumps escape one) are an apostrophe, not a mark.
Apostrophes inside words (don’t, country’s) and after a plural possessive
(officials’ statement) are told apart from closing single marks by their
neighbours. Only outermost pairs are returned; a mark of another kind inside
them is a nested quote and stays part of the content.

A quote running over paragraphs follows the newsroom convention: a paragraph
that ends with the quotation still open, followed by a paragraph that opens
with the same kind of mark, continues it. Each paragraph's part is returned as
its own span sharing a ``group`` number, so every span's text is exactly what
stands between marks. Unbalanced marks are dropped, never raised on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE, _SINGLE, _GUILLEMET, _GUILLEMET1 = "double", "single", "guillemet", "guillemet-single"

# Characters after which a straight or curly single mark opens a quotation.
_OPENERS_BEFORE = set(' \t\n([{—–-/:;“"«')
# Characters after which a double mark that follows a word closes a quotation.
_CLOSERS_AFTER = set(",.;:!?)]}—–-…'’\"”")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """Content between one pair of quotation marks (marks excluded).

    ``group`` is shared by the parts of a quote that runs over paragraphs;
    ``part`` counts them from 0. ``open_at`` is the first character of the
    opening mark, ``close_at`` the last of the closing one (None for a part that
    ends at a paragraph break); marks can be two characters wide (``''``).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    style: str
    group: int
    part: int = 0


@dataclass(slots=True)
class _Mark:
    pos: int
    style: str
    role: str  # "open", "close" or "toggle"
    width: int = 1


@dataclass(slots=True)
class _Open:
    pos: int
    style: str
    char: str
    width: int = 1


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _single_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """Role of a ``'`` or ``’`` at ``i``; None when it is an apostrophe."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if _is_word_char(prev) and _is_word_char(nxt):
        return None  # don't, country’s, O'Brien
    if text[i] == "’" and (_is_word_char(nxt) or nxt.isdigit()):
        return None  # ’90s, ’em
    if prev in _OPENERS_BEFORE and not nxt.isspace():
        return "open" if text[i] == "'" else None
    if not prev.isspace():
        return "close"
    return None


def _double_role(text: str, i: int, width: int, lo: int, hi: int) -> str:
    """Role of a double mark at ``i`` from its neighbours. A mark that starts the
    paragraph or follows a space and leads into a word opens; one that follows a
    word and is followed by a space or punctuation closes. Straight marks with
    neither context toggle; curly ones keep the role their shape says."""
    prev = text[i - 1] if i > lo else "\n"
    nxt = text[i + width] if i + width < hi else " "
    opens = prev in _OPENERS_BEFORE or prev == "\n"
    ch = text[i]
    if ch == "”":
        return "open" if i == lo or (opens and _is_word_char(nxt)) else "close"
    if ch in "“„":
        closes = not opens and (nxt.isspace() or nxt in _CLOSERS_AFTER)
        return "close" if closes else "open"
    if opens and not nxt.isspace():
        return "open"
    if not opens and (nxt.isspace() or nxt in _CLOSERS_AFTER):
        return "close"
    return "toggle"


# The characters _marks acts on ('' first: two single marks are one double mark).
_MARK_CHARS = re.compile("''|[“”„\"‘’'«»‹›]")


def _marks(text: str, lo: int, hi: int) -> list[_Mark]:
    marks: list[_Mark] = []
    for found in _MARK_CHARS.finditer(text, lo, hi):
        i, ch = found.start(), found.group()
        if ch == "''":
            if i > lo and _is_word_char(text[i - 1]) and i + 2 < hi and _is_word_char(text[i + 2]):
                continue  # an escaped apostrophe (vhp''s, should''ve), as database dumps give it
            marks.append(_Mark(i, _DOUBLE, _double_role(text, i, 2, lo, hi), 2))
            continue
        if ch in '“”„"':
            marks.append(_Mark(i, _DOUBLE, _double_role(text, i, 1, lo, hi)))
        elif ch == "‘":
            marks.append(_Mark(i, _SINGLE, "open"))
        elif ch in "’'":
            role = _single_role(text, i, lo, hi)
            if role is not None:
                marks.append(_Mark(i, _SINGLE, role))
        elif ch == "«":
            marks.append(_Mark(i, _GUILLEMET, "open"))
        elif ch == "»":
            marks.append(_Mark(i, _GUILLEMET, "close"))
        elif ch == "‹":
            marks.append(_Mark(i, _GUILLEMET1, "open"))
        elif ch == "›":
            marks.append(_Mark(i, _GUILLEMET1, "close"))
    return marks


def _possessive(text: str, mark: _Mark, later: list[_Mark]) -> bool:
    """A closing single mark after an -s plural that another closing mark follows
    in the paragraph is read as a possessive apostrophe (the soldiers’ guns)."""
    i = mark.pos
    if mark.style != _SINGLE or i == 0 or text[i - 1] not in "sS":
        return False
    after = text[i + 1 : i + 3]
    if len(after) < 2 or not after[0].isspace() or not after[1].islower():
        return False
    return any(m.style == _SINGLE and m.role == "close" for m in later)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and the trailing comma that belongs to the
    attribution ("…,” she said), not to what was said."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Outermost quotation-mark pairs in ``text``, in order of appearance."""
    spans: list[MarkedSpan] = []
    pending: list[MarkedSpan] = []  # parts of a quote left open at a paragraph end
    pending_style: str | None = None
    group = 0
    for para in _PARAGRAPH.finditer(text):
        lo, hi = _trim(text, para.start(), para.end())
        if lo >= hi:
            continue
        marks = _marks(text, lo, hi)
        stack: list[_Open] = []
        parts: list[MarkedSpan] = []
        first = marks[0] if marks else None
        if (
            pending
            and first is not None
            and first.pos == lo
            and first.style == pending_style
            and first.role in ("open", "toggle")
        ):
            stack.append(_Open(first.pos, first.style, text[first.pos], first.width))
            parts = pending
            marks = marks[1:]
        pending, pending_style = [], None
        for k, mark in enumerate(marks):
            role = mark.role
            if role == "toggle":
                open_double = any(o.style == _DOUBLE for o in stack)
                role = "close" if open_double else "open"
            if role == "open":
                if mark.width == 1 and text[mark.pos] == '"':
                    # A straight double mark that opens while another straight one is
                    # open: that one was never closed (straight quotes nest curly ones or
                    # single ones, not straight ones), so it is dropped rather than
                    # swallowing every quote after it.
                    depth = next((d for d, o in enumerate(stack) if o.char == '"'), None)
                    if depth is not None:
                        del stack[depth:]
                        parts = []
                stack.append(_Open(mark.pos, mark.style, text[mark.pos], mark.width))
                continue
            depth = next(
                (d for d in range(len(stack) - 1, -1, -1) if stack[d].style == mark.style), None
            )
            if depth is None or _possessive(text, mark, marks[k + 1 :]):
                continue
            opened = stack[depth]
            del stack[depth:]
            if depth > 0:
                continue
            start, end = _trim(text, opened.pos + opened.width, mark.pos)
            if start < end and any(_is_word_char(c) for c in text[start:end]):
                n = len(parts)
                close_at = mark.pos + mark.width - 1
                parts.append(MarkedSpan(start, end, opened.pos, close_at, mark.style, group, n))
                spans.extend(parts)
                group += 1
            parts = []
        if stack:
            opened = stack[0]
            start, end = _trim(text, opened.pos + opened.width, hi)
            if start < end:
                n = len(parts)
                parts.append(MarkedSpan(start, end, opened.pos, None, opened.style, group, n))
                pending, pending_style = parts, opened.style
    return spans
