"""The segmented matcher gives spaCy's Matcher's matches, in its order (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import Matcher

from newscoder.extract import triggers
from newscoder.nlp.segmented_matcher import SegmentedMatcher

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests: phrases that cross sentence ends, stop at the last token,
# repeat optional tokens and overlap.
TEXTS = [
    "Police opened fire. Fire at will, they said. Shots were fired.",
    "They set the old market and the houses of the traders ablaze",
    "Troops came under heavy sustained attack and came under fire",
    "Bodies of three men were found. The bodies, said police, were recovered",
    "Soldiers fired several rounds at the crowd towards the river toward",
    "The rebels set. Ablaze. Set on fire! Set",
    "They went on an indefinite hunger strike. Workers went on strike",
    "No longer abide by the ceasefire agreement, not abide by truce",
    "Tear - gas shells; tear gas; teargas canisters; lathi-charged; baton charge",
    "Police recovered a huge cache of country-made weapons and bombs",
    "",
    "fire",
]


def _plain(entries: list[tuple[str, list[dict]]], vocab) -> Matcher:
    matcher = Matcher(vocab)
    for key, pattern in entries:
        matcher.add(key, [pattern])
    return matcher


def _trigger_patterns() -> list[tuple[str, list[dict]]]:
    return [
        (str(i), p)
        for i, entry in enumerate(triggers.trigger_lexicon()["phrases"])
        for p in triggers._first_token_variants(entry["pattern"])
    ]


def _case_texts() -> list[str]:
    texts = list(TEXTS)
    for path in sorted((ROOT / "tests/rule_cases").glob("*.tsv")):
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#"):
                texts.append(parts[2])
    for line in (ROOT / "examples/public-sector-statements.jsonl").read_text("utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


def test_trigger_phrases_are_segmented(nlp):
    seg = SegmentedMatcher(nlp.vocab, _trigger_patterns())
    assert seg._starts is not None and seg._bounds is not None  # no fall-back to the whole


def test_same_matches_in_the_same_order(nlp):
    entries = _trigger_patterns()
    seg, plain = SegmentedMatcher(nlp.vocab, entries), _plain(entries, nlp.vocab)
    texts = _case_texts()
    docs = list(nlp.pipe(texts))
    assert sum(len(plain(d)) for d in docs) > 100
    for text, doc in zip(texts, docs, strict=True):
        assert seg(doc) == plain(doc), text


def _start_key(seg: SegmentedMatcher, n: int) -> tuple[str, int]:
    return next(key for key, indices in seg._starts.items() if n in indices)


def test_reach_tests_never_narrower_than_spacy(nlp):
    """Every token that a pattern token after the first accepts passes one of the tests
    of the pattern's first word (spaCy's own judgement: each such token spec as a
    one-token pattern)."""
    entries = _trigger_patterns()
    seg = SegmentedMatcher(nlp.vocab, entries)
    judge = Matcher(nlp.vocab)
    for n, (_, pattern) in enumerate(entries):
        for spec in pattern[1:]:
            judge.add(str(n), [[{k: v for k, v in spec.items() if k != "OP"}]])
    from spacy.attrs import IDS

    for doc in nlp.pipe(_case_texts()):
        rows = doc.to_array([IDS[c] for c in seg._columns]).tolist() if len(doc) else []
        for key, start, _ in judge(doc):
            _, tests = seg._bounds[_start_key(seg, int(nlp.vocab.strings[key]))]
            assert any(
                all((rows[start][col] in ids) is wanted for col, wanted, ids in test)
                for test in tests
            ), (doc.text, doc[start].text)


def test_every_match_lies_within_its_starts_reach(nlp):
    """A match ends no later than the reach worked out for its first word, and a
    pattern without repeats is bounded by its length (a long stretch of adjectives
    where a repeated adjective is allowed, and where it is not)."""
    own = [
        ("bounded", [{"LOWER": "tear"}, {"LOWER": "gas", "OP": "?"}, {"LOWER": "shells"}]),
        ("open", [{"LEMMA": "send"}, {"POS": "ADJ", "OP": "*"}, {"LOWER": "troops"}]),
    ]
    alone = SegmentedMatcher(nlp.vocab, own)
    assert alone._bounds[_start_key(alone, 0)][0] == 3
    assert alone._bounds[_start_key(alone, 1)][0] is None
    entries = [*own, *_trigger_patterns()]
    seg, plain = SegmentedMatcher(nlp.vocab, entries), _plain(entries, nlp.vocab)
    each = _plain([(str(n), pattern) for n, (_, pattern) in enumerate(entries)], nlp.vocab)
    texts = [
        "They fired tear gas shells and tear shells, then sent fresh, tired, hungry troops.",
        *_case_texts(),
    ]
    from spacy.attrs import IDS

    from newscoder.nlp.segmented_matcher import _reach

    for doc in nlp.pipe(texts):
        if not len(doc):
            continue
        rows = doc.to_array([IDS[c] for c in seg._columns]).tolist()
        for key, start, end in each(doc):
            n = int(nlp.vocab.strings[key])
            assert end <= _reach(*seg._bounds[_start_key(seg, n)], start, rows), doc.text
        assert seg(doc) == plain(doc)


def test_falls_back_when_a_pattern_cannot_be_bounded(nlp):
    entries = [("a", [{"LOWER": "fire"}, {"OP": "*"}, {"LOWER": "at"}])]
    seg = SegmentedMatcher(nlp.vocab, entries)
    assert seg._bounds is None
    doc = nlp("They fire wildly and often at the gate.")
    assert seg(doc) == _plain(entries, nlp.vocab)(doc)


def test_a_bare_doc_raises_as_the_matcher_does(nlp):
    seg = SegmentedMatcher(nlp.vocab, _trigger_patterns())
    with pytest.raises(ValueError):
        seg(nlp.make_doc("Police opened fire."))
