"""Speed shortcuts that must not change what is found (tenth round): a regex skipped on
a text lacking a word it needs (asked with substring tests since the seventeenth), and
the tokens a sentence's missed-name check reads."""

from __future__ import annotations

from newscoder.coding import locality
from newscoder.coding.sentence_places import _name_tokens
from newscoder.resolve import place_phrases, toponyms

# Written for these tests: each place pattern's phrase at least once.
TEXTS = [
    "Gunmen attacked a village in Kaduna and the outskirts of Jos, 30 km north of Kano.",
    "Troops moved into southwest Pakistan, the north of Mali and Helmand province.",
    "The state of Zamfara and Bijapur district of Chhattisgarh were hit near Maiduguri.",
    "Clashes near Novolaspa, Donetsk and in Ein Daqneh town in Aleppo; Bogra town was calm.",
    "Floods hit Becker, Clay and Wilkin counties, Otter Tail County and Herat province.",
    "Crews closed Main Street, Highway 61 and the Red River near Lake Traverse and Mount Hood.",
    "Rep. Jane Doe, R-Elbow Lake, spoke. KABUL, Afghanistan -- Police said so.",
    "Berlin - Mitte, the Pretoria area (Atteridgeville), in Highfields, Harare.",
    "The Ganfouda district of Benghazi and Dong village of Jos were shelled.",
    "Nothing here names a place at all.",
]


def _holds_needed_word(needs, text: str, start: int, end: int) -> bool:
    return any(start <= m.start() and m.end() <= end for m in needs.finditer(text))


def test_every_place_phrase_holds_the_word_its_pattern_needs():
    found = 0
    for text in TEXTS:
        for (pattern, _, _), needs in zip(
            place_phrases._PHRASES, place_phrases._PHRASE_NEEDS, strict=True
        ):
            for m in pattern.finditer(text):
                found += 1
                assert _holds_needed_word(needs.pattern, text, m.start(), m.end()), (pattern, m)
    assert found >= 11


# Texts where a substring test and a case-insensitive pattern could part: look-alike
# letters ("ſ" is an "s" to the pattern, "İ" lower-cases to two characters), words in
# any case, the words of regex alternatives ("sub-?district", "close\s+to").
WORD_TEXTS = [
    *TEXTS,
    "ſouth of the diſtrict",
    "İstanbul Province and the \u212aunar ward",
    "Close\tto Kabul, in the SUB-DISTRICT and a subdistrict; sadar  upazila, UPAZILA",
    "north-east, NorthWest, centrally, LGA, a town, the City, a City",
    "one,two and One, Two",
    "",
]


def test_words_needed_answer_as_their_pattern():
    from newscoder.textutil import WordsNeeded, folded_for_words

    tests = [
        *{id(n): n for n in place_phrases._PHRASE_NEEDS}.values(),
        WordsNeeded(["(?:a|b)c", "x"]),
        WordsNeeded(["Ab"], ignore_case=False),
    ]
    for text in [*WORD_TEXTS, "ac bc", "AB ab", "X"]:
        folded = folded_for_words(text)
        for needs in tests:
            expected = needs.pattern.search(text) is not None
            assert needs.found(text, folded) is expected, (needs.pattern, text)


def test_every_toponym_pattern_match_holds_the_word_its_pattern_needs():
    assert len(toponyms._NEEDS) == 5
    for pattern, needs in toponyms._NEEDS.items():
        hits = [(text, m) for text in TEXTS for m in pattern.finditer(text)]
        assert hits, pattern
        for text, m in hits:
            assert _holds_needed_word(needs, text, m.start(), m.end()), m


def test_every_town_part_holds_the_character_its_pattern_needs():
    for pattern, need in zip(locality._TOWN_PARTS, locality._TOWN_PARTS_NEED, strict=True):
        for text in TEXTS:
            for m in pattern.finditer(text):
                assert need is None or need in m.group(), (pattern, m)


def test_name_tokens_are_the_tokens_the_missed_name_check_takes(nlp):
    doc = nlp(" ".join(TEXTS) + " American advisers met Kenyan Police in Town Hall.")
    expected = [
        t.i
        for t in doc
        if (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.is_title)) and t.ent_type_ in {"", "NORP"}
    ]
    assert expected
    assert _name_tokens(doc) == expected


def test_cue_candidates_hold_every_cue(nlp):
    from newscoder.extract.quote_view import _cue_candidates
    from newscoder.extract.speakers import cue_lemma, is_according

    doc = nlp(
        "The minister said the talks failed. According to police, residents Claimed "
        "otherwise, and a spokesman denies it; officials had warned, told reporters."
    )
    cues = [t.i for t in doc if cue_lemma(t) or is_according(t)]
    assert len(cues) >= 4
    candidates = _cue_candidates(doc)
    assert set(cues) <= set(candidates)
    assert len(candidates) < len(doc)
