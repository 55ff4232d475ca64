"""Mis-decoded text repaired in place, keeping every offset.

Feeds deliver text whose UTF-8 bytes were read as cp1252 ("â€œwe demandâ€\ufffd",
"governorâ€™s"). Files are repaired when they are decoded (``decode_bytes`` runs
ftfy), but a caller's string is never rewritten: offsets index the text the caller
gave. The parser, though, should read the repaired characters, so
:func:`repair_same_length` gives a string of the *same length* in which each
mis-decoded sequence is replaced by the character it stood for, padded with spaces:

- an opening sequence before a word pads on its left (``"  “we"``), so the word
  keeps its offsets;
- a closing one after a word pads on its right (``"demand”  "``);
- between two letters (``governor’s``, ``don’t``) the word's tail moves left and the
  padding follows it (``"governor’s  "``): only the few characters of that tail are
  off, never a neighbouring word.

The sequence ``â€`` followed by U+FFFD is a right double quotation mark whose last
byte (0x9D, undefined in cp1252) was lost when the text was mis-decoded; it is the
only lost byte repaired, as no other character of the General Punctuation block is
that common. ftfy decides whether a text is mojibake at all.
"""

from __future__ import annotations

import re
from functools import cache

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-1252 codec

_CODEC = "sloppy-windows-1252"
_LOST = "\ufffd"
_LOST_QUOTE = "â€" + _LOST  # "”" (E2 80 9D) with its 9D lost


@cache
def _sequence() -> re.Pattern[str]:
    """One UTF-8 multi-byte character as cp1252 shows it: a lead byte's character,
    then continuation bytes' characters (0x80-0xBF, or U+FFFD where one was lost)."""

    def chars(first: int, last: int) -> str:
        return re.escape(bytes(range(first, last + 1)).decode(_CODEC))

    cont = f"[{chars(0x80, 0xBF)}{_LOST}]"
    two, three, four = chars(0xC2, 0xDF), chars(0xE0, 0xEF), chars(0xF0, 0xF4)
    # "Â " is a no-break space (C2 A0) whose second byte became a plain space.
    return re.compile(f"[{two}]{cont}|[{three}]{cont}{{2}}|[{four}]{cont}{{3}}|Â(?= )")


def _decoded(sequence: str) -> str | None:
    if sequence == _LOST_QUOTE:
        return "”"
    if sequence == "Â":
        return "\xa0"
    if _LOST in sequence:
        return None
    try:
        return sequence.encode(_CODEC).decode("utf-8")
    except UnicodeError:
        return None


def looks_mis_decoded(text: str) -> bool:
    """True when ftfy would repair the text's encoding (UTF-8 read as cp1252 or
    Latin-1); cheap for text without such sequences."""
    if _sequence().search(text) is None:
        return False
    return ftfy.fix_encoding(text.replace(_LOST_QUOTE, "â€\x9d")) != text


def repair_same_length(text: str) -> str:
    """``text`` with mis-decoded sequences repaired in place (same length); the text
    itself when ftfy finds nothing to repair."""
    if not looks_mis_decoded(text):
        return text
    # Runs of adjacent decodable sequences ("â€˜â€˜" is one opening quote of two marks).
    runs: list[list[int]] = []  # [start, end, ...] with the decoded text kept beside
    fixed_of: list[str] = []
    for match in _sequence().finditer(text):
        fixed = _decoded(match.group())
        if fixed is None:
            continue
        if runs and runs[-1][1] == match.start():
            runs[-1][1] = match.end()
            fixed_of[-1] += fixed
        else:
            runs.append([match.start(), match.end()])
            fixed_of.append(fixed)
    starts = {start for start, _ in runs}

    def word_at(i: int) -> bool:
        # A letter, but not the first character of a mis-decoded run.
        return 0 <= i < len(text) and text[i].isalnum() and i not in starts

    out: list[str] = []
    at = 0
    for (start, end), fixed in zip(runs, fixed_of, strict=True):
        if start < at:  # already moved as the tail of a contraction
            continue
        out.append(text[at:start])
        pad = end - start - len(fixed)
        if fixed.isspace():
            out.append(" " * (end - start))  # a no-break space: plain spaces
        elif word_at(start - 1) and word_at(end):
            # "governor’s": the tail moves next to the apostrophe, the padding after it.
            tail = end
            while word_at(tail):
                tail += 1
            out.append(fixed + text[end:tail] + " " * pad)
            end = tail
        elif word_at(end):
            out.append(" " * pad + fixed)  # an opening quote stays against its word
        else:
            out.append(fixed + " " * pad)
        at = end
    out.append(text[at:])
    repaired = "".join(out)
    assert len(repaired) == len(text)
    return repaired
