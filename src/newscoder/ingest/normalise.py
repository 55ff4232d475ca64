"""Characters no parser should see, neutralised without moving a single offset.

Offsets are Python string indices into the text the caller gave, so nothing here
changes a text's length:

- A lone surrogate (``"\\ud800"``: a valid Python string, but no UTF-8 file, JSON
  output or SQLite row can hold it) becomes U+FFFD in ``Article.text``, one code
  point for one. It is the only change ever made to a caller's text (besides
  newline normalisation), and it is reported as warning W101.
- Control characters (BEL, backspace, NUL, ...), bidi controls (U+202E, U+2066, ...)
  and zero-width / format characters (U+200B, U+FEFF, soft hyphen, ...) stay in
  ``Article.text``; the string handed to spaCy has a space in their place (a line
  or paragraph separator becomes a newline), so a word or sentence around one is
  parsed as if it were not there. Reported as warning W102.
"""

from __future__ import annotations

import re

# Every code point of Unicode categories Cc (except tab and newline), Cf, Zl and Zp
# (Unicode 14, Python 3.11; tests/test_hardening.py checks this against unicodedata).
_INVISIBLE_RANGES = (
    (0x0000, 0x0008), (0x000B, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD),
    (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
_LINE_SEPARATORS = "\u2028\u2029\x0b\x0c\x85"

_INVISIBLE = re.compile(
    "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _INVISIBLE_RANGES) + "]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")

REPLACEMENT = "\ufffd"


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD (same length), and how many."""
    if _SURROGATE.search(text) is None:
        return text, 0
    return _SURROGATE.subn(REPLACEMENT, text)


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _neutral(match: re.Match[str]) -> str:
    return "\n" if match.group() in _LINE_SEPARATORS else " "


def parse_text(text: str) -> str:
    """The string the parser reads: ``text`` with each control, bidi or format
    character replaced by a space (a line separator by a newline); same length."""
    if _INVISIBLE.search(text) is None:
        return text
    return _INVISIBLE.sub(_neutral, text)


def invisible_chars(text: str) -> list[str]:
    """The distinct control / bidi / format characters in ``text``, in order of appearance."""
    return list(dict.fromkeys(_INVISIBLE.findall(text)))


def describe(chars: list[str], limit: int = 4) -> str:
    """ "U+0007, U+202E" for a warning message."""
    shown = ", ".join(f"U+{ord(c):04X}" for c in chars[:limit])
    return shown + (f" and {len(chars) - limit} more" if len(chars) > limit else "")


def clean_value(value: str) -> str:
    """A short user string (id, title, url) made storable: lone surrogates -> U+FFFD."""
    return replace_surrogates(value)[0]
