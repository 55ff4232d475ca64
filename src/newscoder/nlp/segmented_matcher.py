"""A spaCy ``Matcher`` run only where its patterns can start: the same matches, in the
same order, for a fraction of the work.

spaCy's ``Matcher`` starts every pattern at every token, so its cost is patterns ×
tokens; the trigger lexicon's 573 patterns cost about 1.6 s on 47,000 tokens, and a
pattern starts at a few hundred of them. :class:`SegmentedMatcher` gives the matches
``Matcher.__call__(doc)`` gives, in its order, by running the matcher on stretches of
the document with only the patterns that start in each:

- Every pattern's first token must equal a word (``LEMMA``, ``LOWER``, ``ORTH`` or
  ``NORM``), so a match starts only where one of those words is (found with one
  vectorised pass over the document's attribute arrays).
- From such a start a match reaches no further than its pattern allows: at most one
  token per token spec when no token repeats, and never past the first token that
  none of the pattern's later token specs can match (a test worked out from the
  patterns, never narrower than spaCy's own: a condition it cannot evaluate counts
  as met). The tests of all the patterns with the same first word are merged.
- The starts' reaches, overlapping ones joined, are the stretches the matcher reads.
  Outside them no match starts and no matcher state is alive; a pattern that does
  not start in a stretch is rejected at each of its tokens there, without touching
  the matcher's other states, so dropping it changes neither the matches nor their
  order.
- The matcher emits a match when it reads the token after it at the latest, and reads
  states in the order they started, so the matches of one stretch all come before
  those of the next: joining the stretches' results (offsets moved back into the
  document) gives the whole document's list.

Patterns this cannot bound (a first token that is optional or repeated, or that names
no word) make it fall back to the whole matcher, as does a document missing an
annotation the patterns read (the whole matcher then raises spaCy's error).
"""

from __future__ import annotations

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
# Tests of a pattern's tokens after its first: each (column, IN, ids) conditions.
_Tests = tuple[tuple[tuple[int, bool, frozenset[int]], ...], ...]


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
        self._bounds = self._start_bounds() if self._starts is not None else None

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

    def _start_bounds(self) -> dict[tuple[str, int], tuple[int | None, _Tests]] | None:
        """Per first word: how far a match of a pattern starting with it can reach. The
        most tokens such a match holds (None with a repeated token), and tests one of
        which each of its later tokens passes: (column, IN, ids) conditions that must
        all hold, only those that can be evaluated, single conditions on one column
        merged (one ``IN`` test on the union of their words, one ``NOT_IN`` test on the
        intersection), so a test is never narrower than spaCy's own. None when a token
        spec after a first could match any token."""
        bounds = {}
        for start, indices in (self._starts or {}).items():
            most: int | None = 0
            merged: dict[tuple[int, bool], frozenset[int]] = {}
            tests: dict[tuple[tuple[int, bool, frozenset[int]], ...], None] = {}
            for i in indices:
                pattern = self.patterns[i][1]
                if most is not None:
                    ops = {str(v) for spec in pattern for k, v in spec.items() if _key(k) == "OP"}
                    repeats = bool(ops - {"1", "?"})
                    most = None if repeats else max(most, len(pattern))
                for spec in pattern[1:]:
                    conditions = self._conditions(spec)
                    if not conditions:
                        return None
                    test = tuple(
                        (self._columns.index(attr), op == "IN", frozenset(map(self._id, values)))
                        for attr, op, values in conditions
                    )
                    if len(test) > 1:
                        tests[test] = None
                        continue
                    col, wanted, ids = test[0]
                    held = merged.get((col, wanted))
                    if held is not None:
                        ids = held | ids if wanted else held & ids
                    merged[(col, wanted)] = ids
            single = [((col, wanted, ids),) for (col, wanted), ids in merged.items()]
            bounds[start] = (most, (*single, *tests))
        return bounds

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
            or self._bounds is None
            or not all(doc.has_annotation(a) for a in self._seen)
        ):
            return list(self.full(doc))  # also raises as the matcher does on a bare doc
        if not len(doc):
            return []
        arrays = doc.to_array([IDS[c] for c in self._columns])
        # start token -> the patterns whose first word is there, and how far a match
        # of one of them can reach
        starts: dict[int, list[int]] = {}
        reach: dict[int, int] = {}
        rows = arrays.tolist()
        for attr in sorted({a for a, _ in self._starts}):
            values = arrays[:, self._columns.index(attr)]
            for at in numpy.nonzero(_within(values, self._start_ids(attr)))[0].tolist():
                key = (attr, int(values[at]))
                starts.setdefault(at, []).extend(self._starts[key])
                reach[at] = max(reach.get(at, 0), _reach(*self._bounds[key], at, rows))
        # One matcher call per stretch of overlapping reaches: no match crosses from one
        # stretch into the next, and the matcher emits a match at the token after it at
        # the latest, so joining the stretches' matches in order gives the whole list.
        found: list[Match] = []
        for begin, end, indices in _stretches(starts, reach):
            matcher = self._subset(indices)
            for key, a, b in matcher(doc[begin:end], allow_missing=True):
                found.append((key, a + begin, b + begin))
        return found

    def _start_ids(self, attr: str) -> numpy.ndarray:
        cache = self.__dict__.setdefault("_start_id_arrays", {})
        if attr not in cache:
            ids = sorted(v for a, v in self._starts or {} if a == attr)
            cache[attr] = numpy.array(ids, dtype=numpy.uint64)
        return cache[attr]

    def _subset(self, indices: tuple[int, ...]) -> Matcher:
        matcher = self._subsets.get(indices)
        if matcher is None:
            if len(self._subsets) >= _CACHE_SIZE:
                self._subsets.clear()
            matcher = self._subsets[indices] = self._build(indices)
        return matcher


def _reach(most: int | None, tests: _Tests, at: int, rows: list[list[int]]) -> int:
    """The end of the furthest match starting at ``at`` of patterns of at most ``most``
    tokens whose tokens after the first each pass one of ``tests``."""
    limit = len(rows) if most is None else min(len(rows), at + most)
    t = at + 1
    while t < limit and _passes(rows[t], tests):
        t += 1
    return t


def _passes(row: list[int], tests: _Tests) -> bool:
    """Whether a token's row passes one of ``tests`` (all of a test's conditions hold).
    Plain loops: this runs for every token of every reach, where building generators
    for ``any``/``all`` cost more than the tests."""
    for test in tests:
        for col, wanted, ids in test:
            if (row[col] in ids) is not wanted:
                break
        else:
            return True
    return False


def _stretches(
    starts: dict[int, list[int]], reach: dict[int, int]
) -> list[tuple[int, int, tuple[int, ...]]]:
    """``(begin, end, patterns)``: the starts' reaches, overlapping ones joined, with the
    patterns that start in each."""
    stretches: list[tuple[int, int, set[int]]] = []
    for at in sorted(starts):
        if stretches and at < stretches[-1][1]:
            begin, end, held = stretches[-1]
            held.update(starts[at])
            stretches[-1] = (begin, max(end, reach[at]), held)
        else:
            stretches.append((at, reach[at], set(starts[at])))
    return [(a, b, tuple(sorted(held))) for a, b, held in stretches]


def _within(values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, wanted)`` for a sorted ``wanted``."""
    if not len(wanted):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(wanted, values)
    return wanted[numpy.minimum(at, len(wanted) - 1)] == values
