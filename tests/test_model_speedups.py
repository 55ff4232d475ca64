"""The model's components sped up (issue 11): the attribute ruler's array match gives
spaCy's matches sorted as spaCy sorts them, the lemmatizer remembers spaCy's answers,
and the parse is the same as the plain model's."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from newscoder.nlp import lemmas
from newscoder.nlp.pipeline import DEFAULT_MODEL
from newscoder.nlp.ruler_match import RulerAnnotations, RulerMatch, speed_up

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests: the model's rarer rules (contractions, "gonna", pronoun
# case by dependency, spaces, "there is") beside ordinary news sentences.
TEXTS = [
    "Y'all ain't gonna believe it. Nothin' works, y' know.  Let's go, c'mon.",
    "I told you: it was him, not me. They gave it to us and we thanked them.",
    "There is a curfew. There were 3 protests; there's another one gotta happen.",
    "He gets what he got. She'd have done it, wouldn't she? Do it!",
    "Police said\n\n  the  crowd dispersed.\tNobody was hurt.",
    "",
    "   ",
]


def _texts() -> list[str]:
    texts = list(TEXTS)
    for path in sorted((ROOT / "tests/rule_cases").glob("*.tsv")):
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#"):
                texts.append(parts[2])
    for line in (ROOT / "examples/wire-reports.jsonl").read_text("utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


def test_the_coder_uses_both(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler").match, RulerMatch)
    assert isinstance(nlp.get_pipe("attribute_ruler").set_annotations, RulerAnnotations)
    assert isinstance(nlp.get_pipe("lemmatizer").pipe, lemmas.RememberingLemmas)


def test_same_matches_as_spacy(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    fast = ruler.match
    spacy_match = type(ruler).match.__get__(ruler)
    total = 0
    for doc in nlp.pipe(_texts()):
        expected = spacy_match(doc)
        assert fast(doc) == expected, doc.text
        total += len(expected)
    assert total > 1000


def test_same_parse_as_the_plain_model():
    texts = _texts()
    plain = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    assert speed_up(fast) and lemmas.speed_up(fast)
    assert not lemmas.speed_up(fast)  # once
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]
    for _ in range(2):  # the second time from the remembered lemmas
        for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
            assert (a.to_array(attrs) == b.to_array(attrs)).all(), a.text
    for text in texts[:20]:  # one document at a time: spaCy's own code
        assert (plain(text).to_array(attrs) == fast(text).to_array(attrs)).all()


def test_rules_it_cannot_read_leave_the_ruler_alone():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"OP": "*"}]], {"LEMMA": "x"})
    assert not speed_up(nlp)
    assert not isinstance(ruler.match, RulerMatch)


def test_a_lemmatizer_of_another_mode_is_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not lemmas.speed_up(nlp)
