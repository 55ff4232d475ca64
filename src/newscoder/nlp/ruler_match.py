"""The model's attribute ruler, matched on the document's arrays: the same matches in
a tenth of the time.

en_core_web_sm's ``attribute_ruler`` maps tags to parts of speech with 179 one- or
two-token rules (``[{"TAG": "NN"}]``, ``[{"LOWER": "gets", "TAG": "VBZ"}]``). Its
``match`` runs spaCy's ``Matcher``, which starts every rule at every token, then sorts
the matches by rule: about 1.1 s of CPU on the 213-document throughput benchmark
(47,000 tokens), an eighth of the whole parse. These rules need none of the
``Matcher``'s machinery (no operators): a rule matches where each of its tokens'
attributes equals a value, lies in a set or fits a regular expression, which can be
read off the document's attribute arrays.

:func:`speed_up` gives the component a ``match`` that finds exactly those matches and
returns them sorted as ``AttributeRuler.match`` does, so spaCy's own
``set_annotations`` sets the same attributes. A rule with anything else (``OP``, a
comparison, extension attributes, sentence starts, morphology sets, a token with no
condition) leaves the component as it was.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from typing import Any

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Attributes the Matcher reads specially (SENT_START is 1/0 there, the raw value in
# ``Doc.to_array``; ENT_IOB names are converted; MORPH sets use the morphology table).
_SPECIAL = {"SENT_START", "IS_SENT_START", "ENT_IOB", "MORPH", "OP", "_"}

# A condition on one token's attribute: (attribute id, "==" | "IN" | "NOT_IN" | "REGEX",
# the value, a frozenset of ids or a compiled expression)
Condition = tuple[int, str, Any]
_MAX_KEYS = 1000  # most keys one rule's first token may be looked up by
_MIX = numpy.uint64(0x9E3779B97F4A7C15)  # an odd multiplier: values mixed into one key
Rule = tuple[int, list[list[Condition]]]  # rule index, conditions of each token


def speed_up(nlp: Language) -> bool:
    """Give ``nlp``'s attribute ruler the array ``match`` when all its rules allow it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not hasattr(ruler, "matcher") or isinstance(getattr(ruler, "match", None), RulerMatch):
        return False
    fast = RulerMatch(ruler)
    if fast.ok:
        ruler.match = fast  # type: ignore[attr-defined]  # the instance's, spaCy's class kept
        ruler.set_annotations = RulerAnnotations(ruler)  # type: ignore[attr-defined]
    return fast.ok


class RulerAnnotations:
    """``AttributeRuler.set_annotations`` without a ``Span`` per match: spaCy's loop
    builds one for each of the ~60,000 matches of the throughput benchmark (about every
    token, most by its tag alone) only to read one token of it. The same
    ``set_token_attrs`` calls, on the same tokens, in the same order."""

    def __init__(self, ruler: Any):
        self.ruler = ruler

    def __call__(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for match in matches:
            attr_id, _, start, end = match
            index = indices[attr_id]
            at = (start if index >= 0 else end) + index  # as Span.__getitem__ reads it
            if not start <= at < end:
                # spaCy's own loop handles this match (it raises its error E1001)
                type(self.ruler).set_annotations(self.ruler, doc, [match])
                continue
            set_token_attrs(doc[at], attrs[attr_id])


class RulerMatch:
    """``AttributeRuler.match`` for rules of plain conditions; ``ok`` is False when
    some rule has anything else."""

    def __init__(self, ruler: Any):
        self.vocab = ruler.vocab
        self.ok = True
        self.keys: list[int] = []  # rule index -> match id
        # One-token rules of one equality: attribute -> value -> rule indices.
        plain: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        # The rest: first token's attributes -> their values' combined key -> rules;
        # or, with only expressions there, tried on every distinct value.
        self.anchored: dict[tuple[int, ...], dict[int, list[Rule]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.by_expression: list[tuple[Condition, Rule]] = []
        # REGEX conditions: the values checked so far and those that fit
        self._checked: dict[tuple[int, str], tuple[set[int], set[int]]] = defaultdict(
            lambda: (set(), set())
        )
        for index in range(len(ruler.attrs)):
            key = self.vocab.strings.add(str(index))
            self.keys.append(key)
            found = ruler.matcher.get(key)
            for pattern in found[1] if found else []:
                specs = [self._conditions(spec) for spec in pattern]
                if not specs or any(not s for s in specs):
                    self.ok = False
                    return
                self._index((index, specs), plain)  # type: ignore[arg-type]
        self.plain = {attr: _table(values) for attr, values in plain.items()}
        self.attrs = sorted({*self.plain, *self._read_attrs()})
        self._anchor_keys = {
            attrs: numpy.array(sorted(by_key), numpy.uint64)
            for attrs, by_key in self.anchored.items()
        }

    def _conditions(self, spec: dict[str, Any]) -> list[Condition] | None:
        """A token spec as conditions, or None if it holds one this cannot test."""
        out: list[Condition] = []
        for name, value in spec.items():
            upper = name.upper() if isinstance(name, str) else name
            upper = "ORTH" if upper == "TEXT" else upper
            if upper in _SPECIAL or upper not in IDS:
                return None
            attr = IDS[upper]
            if isinstance(value, bool):
                out.append((attr, "==", int(value)))
            elif isinstance(value, str):
                out.append((attr, "==", int(self.vocab.strings.add(value))))
            elif isinstance(value, int):
                out.append((attr, "==", value))
            elif isinstance(value, dict) and len(value) == 1:
                op, values = next(iter(value.items()))
                if op == "REGEX" and isinstance(values, str):
                    out.append((attr, "REGEX", re.compile(values)))
                elif op in {"IN", "NOT_IN"} and all(isinstance(v, (str, int)) for v in values):
                    out.append((attr, op, frozenset(int(get_string_id(v)) for v in values)))
                else:
                    return None
            else:
                return None
        return out

    def _index(self, rule: Rule, plain: dict[int, dict[int, set[int]]]) -> None:
        index, specs = rule
        first = specs[0]
        if len(specs) == 1 and len(first) == 1 and first[0][1] == "==":
            attr, _, value = first[0]
            plain[attr][value].add(index)
            return
        # The anchor: the first token's "==" and "IN" conditions together, looked up as
        # one key (few tokens then need checking); with only expressions there, every
        # distinct value is tried.
        tests = sorted((c for c in first if c[1] in {"==", "IN"}), key=lambda c: c[0])
        while tests and math.prod(1 if c[1] == "==" else len(c[2]) for c in tests) > _MAX_KEYS:
            tests.remove(max(tests, key=lambda c: 1 if c[1] == "==" else len(c[2])))
        if tests:
            attrs = tuple(c[0] for c in tests)
            choices = [[c[2]] if c[1] == "==" else sorted(c[2]) for c in tests]
            for combo in itertools.product(*choices):
                key = int(_combine([numpy.array([v], numpy.uint64) for v in combo])[0])
                self.anchored[attrs][key].append(rule)
            return
        anchor = next((c for c in first if c[1] == "REGEX"), None)
        if anchor is None:
            self.ok = False  # only NOT_IN: it would be tried at every token
            return
        self.by_expression.append((anchor, rule))

    def _read_attrs(self) -> set[int]:
        rules = [r for by_key in self.anchored.values() for rs in by_key.values() for r in rs]
        rules += [r for _, r in self.by_expression]
        return {c[0] for _, specs in rules for spec in specs for c in spec}

    # --- matching -------------------------------------------------------------------

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The matches as ``AttributeRuler.match`` returns them: (rule index, match
        id, start, end), sorted, each once."""
        if not len(doc):
            return []
        arrays = doc.to_array(self.attrs).reshape((len(doc), len(self.attrs)))
        column = {attr: arrays[:, i] for i, attr in enumerate(self.attrs)}
        parts: list[numpy.ndarray] = []
        for attr, (values, first_rule, more) in self.plain.items():
            col = column[attr]
            at = numpy.minimum(numpy.searchsorted(values, col), len(values) - 1)
            hit = numpy.nonzero(values[at] == col)[0]
            which = at[hit]
            parts.append(numpy.stack([first_rule[which], hit, hit + 1], axis=1))
            for value_at, rules in more.items():  # values that name more than one rule
                where = hit[which == value_at]
                parts += [
                    numpy.stack([numpy.full_like(where, r), where, where + 1], axis=1)
                    for r in rules
                ]
        found = self._other(column, len(doc))
        if found:
            parts.append(numpy.array(found, numpy.int64))
        table = numpy.concatenate(parts).astype(numpy.int64) if parts else numpy.zeros((0, 3), int)
        # sorted by rule, start and end, each match once (as the Matcher deduplicates)
        table = table[numpy.lexsort((table[:, 2], table[:, 1], table[:, 0]))]
        keep = numpy.ones(len(table), dtype=bool)
        keep[1:] = (table[1:] != table[:-1]).any(axis=1)
        keys = self.keys
        return [(r, keys[r], s, e) for r, s, e in table[keep].tolist()]

    def _other(self, column: dict[int, numpy.ndarray], size: int) -> list[tuple[int, int, int]]:
        """Matches of the rules that are not one equality: found by their first token's
        anchor, then every condition checked."""
        tries: list[tuple[int, Rule]] = []
        for attrs, by_key in self.anchored.items():
            wanted = self._anchor_keys[attrs]
            col = _combine([column[a] for a in attrs])
            at = numpy.minimum(numpy.searchsorted(wanted, col), len(wanted) - 1)
            for start in numpy.nonzero(wanted[at] == col)[0].tolist():
                tries += [(start, rule) for rule in by_key[int(col[start])]]
        for anchor, rule in self.by_expression:
            col = column[anchor[0]]
            fitting = self._fitting(anchor, set(numpy.unique(col).tolist()))
            if fitting:
                at = numpy.nonzero(numpy.isin(col, numpy.array(fitting, numpy.uint64)))[0]
                tries += [(start, rule) for start in at.tolist()]
        found = []
        for start, (index, specs) in tries:
            end = start + len(specs)
            if end <= size and self._all_hold(specs, column, start):
                found.append((index, start, end))
        return found

    def _all_hold(
        self, specs: list[list[Condition]], column: dict[int, numpy.ndarray], start: int
    ) -> bool:
        """Whether every condition of a rule holds from token ``start`` on (checked in
        order, stopping at the first that fails; plain loops, for every try)."""
        for i, spec in enumerate(specs):
            for condition in spec:
                if not self._holds(condition, int(column[condition[0]][start + i])):
                    return False
        return True

    def _fitting(self, condition: Condition, values: set[int]) -> list[int]:
        """Which of ``values`` a REGEX condition accepts (each value's string is
        searched once per process)."""
        attr, _, expression = condition
        checked, fits = self._checked[(attr, expression.pattern)]
        for value in values - checked:
            checked.add(value)
            if expression.search(self.vocab.strings[value]):
                fits.add(value)
        return sorted(values & fits)

    def _holds(self, condition: Condition, value: int) -> bool:
        """What the Matcher decides for one condition on a token's attribute value."""
        _, op, wanted = condition
        if op == "==":
            return value == wanted
        if op == "REGEX":
            return bool(self._fitting(condition, {value}))
        return (value in wanted) == (op == "IN")


def _table(
    values: dict[int, set[int]],
) -> tuple[numpy.ndarray, numpy.ndarray, dict[int, list[int]]]:
    """Sorted values, the first rule each names, and the further rules of those that
    name more than one (by the value's place in the order)."""
    ordered = sorted(values)
    rules = [sorted(values[v]) for v in ordered]
    first = numpy.array([r[0] for r in rules], numpy.int64)
    more = {i: r[1:] for i, r in enumerate(rules) if len(r) > 1}
    return numpy.array(ordered, numpy.uint64), first, more


def _combine(columns: list[numpy.ndarray]) -> numpy.ndarray:
    """One uint64 key per row from several attribute columns (wrapping arithmetic: two
    rows may share a key, which only costs a check, never a wrong match)."""
    key = columns[0].astype(numpy.uint64, copy=True)
    for col in columns[1:]:
        key = key * _MIX + col
    return key
