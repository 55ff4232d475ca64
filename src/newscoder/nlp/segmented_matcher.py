"""A spaCy ``Matcher`` run only where its patterns can start: the same matches, in the
same order, for a fraction of the work.

spaCy's ``Matcher`` starts every pattern at every token, so its cost is patterns ×
tokens; the trigger lexicon's 209 patterns cost about 0.7 s on 47,000 tokens, and a
pattern starts at a few hundred of them. :class:`SegmentedMatcher` gives the matches
``Matcher.__call__(doc)`` gives, in its order, by running the matcher on pieces of the
document with only the patterns that can start in each piece:

- A *barrier* is a token that no pattern token after a pattern's first can match
  (worked out from the patterns, vectorised over the document's attribute arrays, and
  never narrower than spaCy's own test: a condition it cannot evaluate counts as met).
  A match holding a barrier therefore starts there, so no match crosses the boundary
  before a barrier, and the document falls into segments that match independently.
- Every pattern's first token must equal a word (``LEMMA``, ``LOWER``, ``ORTH`` or
  ``NORM``). A pattern whose word is not in a segment is rejected at each of its
  tokens there, without touching the matcher's other states; dropping it changes
  neither the matches nor their order. A segment holding no pattern's first word is
  skipped.
- The matcher emits a match when it reads the token after it at the latest, and reads
  states in the order they started, so the matches of one segment all come before
  those of the next: joining the segments' results (offsets moved back into the
  document) gives the whole document's list.

Patterns this cannot bound (a first token that is optional or repeated, or that names
no word) make it fall back to the whole matcher, as does a document missing an
annotation the patterns read (the whole matcher then raises spaCy's error).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy
from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes whose values are strings (or symbols) compared by id; a condition on
# any other key is not evaluated and counts as met.
_STRING_ATTRS = ("ORTH", "LOWER", "LEMMA", "NORM", "POS", "TAG", "DEP")
_WORD_ATTRS = ("ORTH", "LOWER", "LEMMA", "NORM")
_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")  # what Matcher checks for
_CACHE_SIZE = 4096

Match = tuple[int, int, int]


def _key(name: str) -> str:
    upper = name.upper()
    return "ORTH" if upper == "TEXT" else upper


class SegmentedMatcher:
    """``Matcher`` over ``patterns`` (``(key, token pattern)`` in the order a matcher
    would hold them); calling it returns what the plain matcher returns."""

    def __init__(self, vocab: Vocab, patterns: Sequence[tuple[str, list[dict[str, Any]]]]):
        self.vocab = vocab
        self.patterns = list(patterns)
        self._subsets: dict[tuple[int, ...], Matcher] = {}
        self._seen = sorted(
            {_key(k) for _, p in self.patterns for spec in p for k in spec} & set(_ANNOTATIONS)
        )
        self._starts = self._first_words()
        self._columns = sorted({a for a, _ in self._starts} | set(_STRING_ATTRS))
        self._tests = self._interior_tests() if self._starts is not None else None

    @cached_property
    def full(self) -> Matcher:
        """The plain matcher over every pattern, built on first need (a fall-back)."""
        return self._build(range(len(self.patterns)))

    def _build(self, indices: Sequence[int]) -> Matcher:
        matcher = Matcher(self.vocab)
        for i in indices:
            key, pattern = self.patterns[i]
            matcher.add(key, [pattern])
        return matcher

    # --- what the patterns say ------------------------------------------------------

    def _first_words(self) -> dict[tuple[str, int], list[int]] | None:
        """(attribute, word id) -> the patterns whose first token must be that word;
        None when a pattern's first token is optional, repeated or names no word."""
        starts: dict[tuple[str, int], list[int]] = {}
        for i, (_, pattern) in enumerate(self.patterns):
            first = {_key(k): v for k, v in pattern[0].items()}
            words = [(a, v) for a, v in first.items() if a in _WORD_ATTRS and isinstance(v, str)]
            if "OP" in first or not words:
                return None
            attr, word = words[0]
            starts.setdefault((attr, self.vocab.strings.add(word)), []).append(i)
        return starts

    def _interior_tests(self) -> list[list[tuple[str, str, numpy.ndarray]]] | None:
        """The token specs after a pattern's first, as tests: each a list of conditions
        (attribute, "IN" / "NOT_IN", sorted ids) that must all hold; a token passing
        one test may be inside a match. Only the conditions that can be evaluated are
        kept, so a test never rejects a token spaCy would accept. Specs of one condition
        on one attribute are merged (one ``IN`` test on the union of their words, one
        ``NOT_IN`` test on the intersection). None when a spec could match any token."""
        merged: dict[tuple[str, str], set[str]] = {}
        tests: dict[str, list[tuple[str, str, list[str]]]] = {}
        for _, pattern in self.patterns:
            for spec in pattern[1:]:
                conditions = self._conditions(spec)
                if not conditions:
                    return None
                if len(conditions) == 1:
                    attr, op, values = conditions[0]
                    if (attr, op) not in merged:
                        merged[(attr, op)] = set(values)
                    elif op == "IN":
                        merged[(attr, op)] |= set(values)
                    else:
                        merged[(attr, op)] &= set(values)
                else:
                    tests[repr(sorted(conditions))] = conditions
        single = [[(a, op, sorted(v))] for (a, op), v in sorted(merged.items())]
        return [
            [(a, op, numpy.array(sorted({self._id(v) for v in vs}), dtype=numpy.uint64))
             for a, op, vs in test]
            for test in [*single, *tests.values()]
        ]  # fmt: skip

    @staticmethod
    def _conditions(spec: dict[str, Any]) -> list[tuple[str, str, list[str]]] | None:
        """A token spec's conditions that can be evaluated; None for a negated token
        (its conditions say what it is not)."""
        conditions = []
        for name, value in spec.items():
            attr = _key(name)
            if attr == "OP" and value == "!":
                return None
            if attr not in _STRING_ATTRS:
                continue  # OP, IS_SENT_START, extensions ...: counted as met
            if isinstance(value, str):
                conditions.append((attr, "IN", [value]))
            elif isinstance(value, dict) and len(value) == 1:
                op, values = next(iter(value.items()))
                if op in {"IN", "NOT_IN"} and all(isinstance(v, str) for v in values):
                    conditions.append((attr, op, list(values)))
        return conditions

    def _id(self, value: str) -> int:
        return int(self.vocab.strings.add(value))

    # --- matching -------------------------------------------------------------------

    def __call__(self, doc: Doc) -> list[Match]:
        if (
            self._starts is None
            or self._tests is None
            or not all(doc.has_annotation(a) for a in self._seen)
        ):
            return list(self.full(doc))  # also raises as the matcher does on a bare doc
        if not len(doc):
            return []
        arrays = doc.to_array([IDS[c] for c in self._columns])
        column = {c: arrays[:, n] for n, c in enumerate(self._columns)}
        barriers = numpy.nonzero(~self._interior(column))[0].tolist()
        # segment (its first token) -> the patterns that may start in it, and where the
        # first of them may start
        wanted: dict[int, set[int]] = {}
        first: dict[int, int] = {}
        for attr in sorted({a for a, _ in self._starts}):
            values = column[attr]
            for at in numpy.nonzero(_within(values, self._start_ids(attr)))[0].tolist():
                seg = barriers[bisect.bisect_right(barriers, at) - 1]
                wanted.setdefault(seg, set()).update(self._starts[(attr, int(values[at]))])
                first[seg] = min(first.get(seg, at), at)
        found: list[Match] = []
        for seg in sorted(wanted):
            start = first[seg]
            after = bisect.bisect_right(barriers, start)
            end = barriers[after] if after < len(barriers) else len(doc)
            matcher = self._subset(tuple(sorted(wanted[seg])))
            for key, begin, stop in matcher(doc[start:end], allow_missing=True):
                found.append((key, begin + start, stop + start))
        return found

    def _start_ids(self, attr: str) -> numpy.ndarray:
        cache = self.__dict__.setdefault("_start_id_arrays", {})
        if attr not in cache:
            ids = sorted(v for a, v in self._starts or {} if a == attr)
            cache[attr] = numpy.array(ids, dtype=numpy.uint64)
        return cache[attr]

    def _interior(self, column: dict[str, numpy.ndarray]) -> numpy.ndarray:
        """Tokens some pattern token after a first may match (a superset of them)."""
        size = len(next(iter(column.values())))
        mask = numpy.zeros(size, dtype=bool)
        for conditions in self._tests or []:
            spec = numpy.ones(size, dtype=bool)
            for attr, op, ids in conditions:
                hit = _within(column[attr], ids)
                spec &= hit if op == "IN" else ~hit
            mask |= spec
        mask[0] = False  # the document's first token starts a segment
        return mask

    def _subset(self, indices: tuple[int, ...]) -> Matcher:
        matcher = self._subsets.get(indices)
        if matcher is None:
            if len(self._subsets) >= _CACHE_SIZE:
                self._subsets.clear()
            matcher = self._subsets[indices] = self._build(indices)
        return matcher


def _within(values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, wanted)`` for a sorted ``wanted``."""
    if not len(wanted):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(wanted, values)
    return wanted[numpy.minimum(at, len(wanted) - 1)] == values
