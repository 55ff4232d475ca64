"""The parser's view of an article: mis-decoded text repaired and case restored
in place (same length), and the caller's text back in the coded record.

Sentences are written for these tests (lower-cased and mis-decoded on purpose).
"""

from __future__ import annotations

import pytest

from newscoder.ingest.mojibake import looks_mis_decoded, repair_same_length
from newscoder.nlp.truecase import CaseLexicon, case_mode, truecase

LOST = "\ufffd"


# --- mis-decoded characters -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opening quote pads on its left, a closing one on its right
        ("â€œwe will go,â€" + LOST + " he said.", "  “we will go,”   he said."),
        # an apostrophe between letters: the tail moves, the padding follows it
        ("the governorâ€™s house", "the governor’s   house"),
        ("we donâ€™t know", "we don’t   know"),
        # two marks make one run
        ("â€˜â€˜stay homeâ€™â€™ she said", "    ‘‘stay home’’     she said"),
        ("a dash â€” here", "a dash —   here"),
        # a no-break space, whole or with its second byte made a plain space
        ("storiesÂ\xa0more", "stories  more"),
        ("storiesÂ more â€œnewsâ€" + LOST, "stories  more   “news”  "),
    ],
)
def test_repair_keeps_length_and_neighbouring_words(text: str, expected: str) -> None:
    repaired = repair_same_length(text)
    assert repaired == expected
    assert len(repaired) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII text.",
        "Curly “quotes” and a dash — in good text.",
        "São Paulo, Côte d’Ivoire and Zürich stay as they are.",
        "",
    ],
)
def test_good_text_is_left_alone(text: str) -> None:
    assert not looks_mis_decoded(text)
    assert repair_same_length(text) is text


# --- case ------------------------------------------------------------------------------

_LEXICON = CaseLexicon(
    cased={"indian army": "Indian Army"},
    acronyms=frozenset({"crpf"}),
    names=frozenset({"india", "gujarat", "ahmedabad", "para"}),
    places=frozenset({"kalupur"}),
    common=lambda w: (
        w in {"said", "the", "and", "police", "were", "in", "on", "area", "paramilitary"}
    ),
)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("police fired in the air. two were hurt. the curfew goes on.", "lower"),
        ("POLICE FIRED IN THE AIR IN AHMEDABAD", "upper"),
        ("Police fired in the air. Two were hurt in Ahmedabad.", None),
        ("The UN and NATO met. Police in the US said so.", None),
        ("hi", None),
    ],
)
def test_case_mode(text: str, mode: str | None) -> None:
    assert case_mode(text) == mode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ahmedabad: police fired in the air on monday. crpf men were called.",
            "AHMEDABAD: Police fired in the air on Monday. CRPF men were called.",
        ),
        (
            "the indian army reached gujarat on march 3. mr gill said i saw it.",
            "The Indian Army reached Gujarat on March 3. Mr Gill said I saw it.",
        ),
        (
            # a small town only where a place is expected; names after a role noun
            "in kalupur area, minister ashok bhatt said kalupur was calm.",
            "In Kalupur area, minister Ashok Bhatt said kalupur was calm.",
        ),
        (
            # a name that is half of a hyphenated English word is none
            "troops and para-military forces reached ahmedabad. gujarat-based units too.",
            "Troops and para-military forces reached Ahmedabad. Gujarat-based units too.",
        ),
        (
            # "march" and "may" are months only next to a number
            "they may march on 15 march. at 9 a.m. on friday they left.",
            "They may march on 15 March. At 9 a.m. on Friday they left.",
        ),
    ],
)
def test_truecase(text: str, expected: str) -> None:
    out = truecase(text, _LEXICON)
    assert out == expected
    assert len(out) == len(text)


def test_truecase_is_a_no_op_on_normal_text() -> None:
    text = "Police in Ahmedabad fired in the air on Monday, officials said."
    assert truecase(text, _LEXICON) is text


def test_upper_case_text_is_lowered_then_recased() -> None:
    out = truecase("POLICE FIRED ON A MOB IN AHMEDABAD", _LEXICON)
    assert out == "Police fired on a mob in Ahmedabad"


# --- the real lexicon and the coder ------------------------------------------------------


def test_case_lexicon_keeps_english_words_out(nlp) -> None:
    from newscoder.resolve.case_names import case_lexicon

    lex = case_lexicon(nlp)
    assert "india" in lex.names and "gujarat" in lex.names and "ahmedabad" in lex.names
    # towns named like English words are no names: Police (Poland), Reading, Nice
    for word in ("police", "reading", "nice", "the city", "us"):
        assert word not in lex.names and word not in lex.places
    assert "crpf" in lex.acronyms and "is" not in lex.acronyms
    assert lex.common("killed") and not lex.common("togadia")


def test_country_acronyms_are_acronyms_and_common_nouns_need_a_place_slot(nlp) -> None:
    from newscoder.resolve.case_names import case_lexicon

    lex = case_lexicon(nlp)
    # "CAR" is the Central African Republic only when written so: "car" is a car
    assert "car" not in lex.names and "car" not in lex.acronyms and "car" not in lex.places
    assert {"usa", "uk", "drc", "uae"} <= lex.acronyms and "usa" not in lex.names
    assert "reunion" in lex.places and "reunion" not in lex.names
    assert "chad" in lex.names and "china" in lex.names


def test_a_car_in_lower_cased_text_is_no_country(code_text, nlp) -> None:
    from newscoder.resolve.case_names import case_lexicon

    text = "the guards pushed the reporter into a car outside the court. he was freed later."
    record = code_text(text, published="2021-04-02")
    for event in record["events"]:
        assert (event.get("location") or {}).get("country_code") != "CF", event
        assert (event.get("actor1") or {}).get("country_code") != "CF", event
    view = truecase("they met at a family reunion and drove a car to the usa.", case_lexicon(nlp))
    assert view == "They met at a family reunion and drove a car to the USA."


def test_coder_reads_the_view_and_writes_the_callers_text(code_text) -> None:
    text = (
        "ahmedabad: police arrested 12 people on monday for looting shops in kalupur, "
        "â€œwe acted fast,â€" + LOST + " a police officer said. the crowd dispersed later."
    )
    record = code_text(text, published="2002-03-05")
    arrests = [e for e in record["events"] if e["acled"]["sub_event_type"] == "Arrests"]
    assert arrests, record["events"]
    arrest = arrests[0]
    assert arrest["actor1"]["type"] == "State forces"
    assert arrest["actor1"]["text"] == "police"  # the caller's text, not the view's
    assert arrest["trigger"]["text"] == "arrested"
    assert arrest["date"]["value"] == "2002-03-04"
    for quote in record["quotes"]:
        assert quote["text"] == text[quote["start"] : quote["end"]]
    for entity in record["entities"]:
        assert entity["text"] == text[entity["start"] : entity["end"]]


def test_view_is_the_article_itself_on_normal_text(nlp) -> None:
    from newscoder.ingest import article_from_text
    from newscoder.text_view import parse_view, view_text

    article = article_from_text("Police arrested 12 people in Ahmedabad on Monday.")
    text = view_text(article.text, nlp)
    assert text is article.text
    assert parse_view(article, text) is article


def test_view_finds_the_dateline_of_a_lower_cased_lead(nlp) -> None:
    from newscoder.ingest import article_from_text
    from newscoder.text_view import parse_view, view_text

    article = article_from_text("ahmedabad: police arrested 12 people on monday. they were held.")
    assert article.dateline is None
    text = view_text(article.text, nlp)
    assert len(text) == len(article.text)
    assert parse_view(article, text).dateline == "AHMEDABAD"
