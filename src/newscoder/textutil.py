"""Text helpers shared by every stage: package data files, offset-keeping lower case,
fast word alternations and one test of two names being one.

They sit below the stages (extract, resolve and coding all use them), so no stage
imports another's module for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> dict[str, Any]:
    """Load one of the package's data files by file name."""
    text = resources.files("newscoder.data").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def same_name(a: str | None, b: str | None, threshold: float = 88.0) -> bool:
    """One place or locality name told two ways: a spelling variant (rapidfuzz ratio at
    or above ``threshold``), or one name inside the other ("Kaura Namoda" and "Kaura
    Namoda district"). Used by the coder's localities and by linking's places."""
    if not (a and b):
        return False
    from rapidfuzz import fuzz

    a, b = a.casefold(), b.casefold()
    return fuzz.ratio(a, b) >= threshold or fuzz.token_set_ratio(a, b) == 100


def lower_same_length(text: str) -> str:
    """``text.lower()`` with offsets kept: characters whose lower case is longer stay as they are.

    Scanning lower-cased text with case-sensitive patterns is several times faster than
    ``re.IGNORECASE`` in CPython.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def trie_regex(words: Iterator[str] | list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of ``words`` factored into a prefix tree.

    CPython tries alternatives one by one; sharing prefixes makes a 150-word
    alternation about 40 times faster. Spaces in words match any run of whitespace.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# Characters outside ASCII that a case-insensitive pattern takes for an ASCII letter ("ſ"
# for "s", the Kelvin sign for "k", dotted and dotless "i"), two of which lower-case to
# one: in a text holding one, a word's case-insensitive presence is not ``in text.lower()``.
_ASCII_LOOKALIKES = re.compile("[\u0130\u0131\u017f\u212a]")


def folded_for_words(text: str) -> str | None:
    """``text.lower()`` for :meth:`WordsNeeded.found`, or None when the text holds a
    character that would make a substring test differ from the pattern."""
    return None if _ASCII_LOOKALIKES.search(text) else text.lower()


def _required_word(alternative: str) -> tuple[str, bool]:
    """The longest run of plain ASCII characters every match of the regex ``alternative``
    holds ("district" of "sub-?district"), and whether that run is the whole alternative;
    ("", False) when there is none."""
    from re import _constants, _parser  # the regex's own reading of the alternative

    ops = list(_parser.parse(alternative))
    best = run = ""
    for op, av in ops:
        run = run + chr(av) if op is _constants.LITERAL and 32 <= av < 127 else ""
        best = max(best, run, key=len)
    return best, len(best) == len(ops)


class WordsNeeded:
    """The test "does ``pattern`` (these regex alternatives) occur in the text", answered
    with substring tests where they decide it: every alternative holds a plain word, so
    a text with none of the words has no match, and a text with a word that is a whole
    alternative has one. Only otherwise is the pattern searched. CPython's regex engine
    tries each alternative of a case-insensitive alternation at every position; a
    substring test is a fast scan."""

    def __init__(self, alternatives: Sequence[str], *, ignore_case: bool = True) -> None:
        joined = "|".join(alternatives)
        self.pattern = re.compile(f"(?i:{joined})" if ignore_case else f"(?:{joined})")
        self.ignore_case = ignore_case
        words = [_required_word(alternative) for alternative in alternatives]
        self.words: tuple[tuple[str, bool], ...] | None = (
            tuple((w.lower() if ignore_case else w, whole) for w, whole in words)
            if all(w for w, _ in words)
            else None
        )

    def found(self, text: str, folded: str | None) -> bool:
        """Whether the pattern occurs in ``text``; ``folded`` is
        :func:`folded_for_words` of it."""
        haystack = folded if self.ignore_case else text
        if self.words is None or haystack is None:
            return self.pattern.search(text) is not None
        maybe = False
        for word, whole in self.words:
            if word in haystack:
                if whole:
                    return True
                maybe = True
        return maybe and self.pattern.search(text) is not None
