"""Text helpers shared by every stage: package data files, offset-keeping lower case,
fast word alternations and one test of two names being one.

They sit below the stages (extract, resolve and coding all use them), so no stage
imports another's module for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
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
