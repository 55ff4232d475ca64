"""The entity ruler knows the world supplement's names as well as the curated ones."""

from __future__ import annotations

import datetime as dt

from newscoder.coding.world_actors import known_actor_country


def _ents(nlp, text: str) -> dict[str, str]:
    return {e.text: e.ent_id_ for e in nlp(text).ents}


def test_a_supplement_name_is_one_entity(nlp) -> None:
    ents = _ents(nlp, "Pyu Saw Htee men looted a shop in Sagaing Region.")
    assert ents.get("Pyu Saw Htee") == "world:Pyu Saw Htee"


def test_a_name_the_curated_base_knows_keeps_its_curated_id(nlp) -> None:
    # "Houthi forces" is a supplement alias; the curated base calls the group "Houthis"
    assert _ents(nlp, "Houthi forces shelled a market.").get("Houthi forces") == "Houthis"


def test_a_supplement_name_that_is_a_place_is_left_to_the_ner(nlp) -> None:
    ents = _ents(nlp, "Ships sailed on the Sea of Azov while the Azov Regiment held out.")
    assert ents.get("Azov Regiment") == "world:Azov Regiment"
    assert not any(i.startswith("world:") for t, i in ents.items() if "Sea" in t or t == "Azov")


def test_a_supplement_acronym_names_its_group(code_text) -> None:
    """Before, "KNLA" was unknown to the ruler and the acronym inside the brackets
    matched the curated Colombian "ELN"."""
    event = code_text(
        "On 9 April 2022, fighting broke out between government troops and the Karen "
        "National Liberation Army (KNLA) near a village in Kayin State.",
        "2022-04-10",
    )["events"][0]
    assert event["actor2"]["type"] == "Rebel group"
    assert "Karen" in event["actor2"]["name"]


def test_a_verb_inside_a_known_name_is_no_trigger(code_text) -> None:
    """ "Saw" in "Pyu Saw Htee" is part of the name, not a verb of seeing: the name is one
    token (nlp/name_tokens.py); EV026 vetoes such a word in a name still split."""
    record = code_text(
        "On 3 May 2022, in Zee Gone village (Sagaing Region), Pyu Saw Htee members burned "
        "twenty houses.",
        "2022-05-05",
    )
    assert [e["trigger"]["text"] for e in record["events"]] == ["burned"]
    assert record["events"][0]["actor1"]["name"] == "Pyu Saw Htee"


def test_the_country_of_a_named_actor() -> None:
    on = dt.date(2022, 5, 1)
    assert known_actor_country("Houthis", on) == "YE"
    assert known_actor_country("world:Pyu Saw Htee", on) == "MM"
    assert known_actor_country("world:no such group", on) is None


def test_the_group_refers_back_to_a_supplement_name(code_text) -> None:
    """AC035 for a name only the world supplement knows."""
    record = code_text(
        "On 4 May 2022, Pyu Saw Htee members arrived in a village of Sagaing Region. "
        "The group shot and killed two farmers.",
        "2022-05-05",
    )
    killing = next(e for e in record["events"] if e["trigger"]["text"] == "shot")
    assert killing["actor1"]["name"] == "Pyu Saw Htee"
    assert killing["actor1"]["rule"] == "AC035"


def test_the_output_names_a_supplement_entity_without_the_internal_prefix(code_text) -> None:
    record = code_text("On 3 May 2022, Pyu Saw Htee men looted a shop in Sagaing.", "2022-05-04")
    canonical = {e["text"]: e["canonical"] for e in record["entities"]}
    assert canonical["Pyu Saw Htee"] == "Pyu Saw Htee"


def test_the_stored_place_names_are_current():
    # data/world/ruler_places.txt is built from the supplement and the gazetteer by
    # scripts/build_ruler_places.py; a change to either must rebuild it.
    from newscoder.nlp.entity_names import _places, supplement_places

    assert sorted(_places()) == supplement_places(), "run scripts/build_ruler_places.py"
    assert "Azov" in _places()  # a town and a sea before it is a regiment


def test_the_stored_misread_names_are_current():
    # data/world/ruler_misread.txt lists the names the pinned model tags with a verb
    # inside; scripts/build_ruler_places.py rebuilds it.
    import spacy

    from newscoder.nlp.entity_names import misread_by, misread_names
    from newscoder.nlp.pipeline import DEFAULT_MODEL

    assert sorted(misread_names()) == misread_by(spacy.load(DEFAULT_MODEL))
    assert "pyu saw htee" in misread_names()


def test_a_misread_name_is_one_token_with_its_id(nlp):
    doc = nlp("On Monday, the army and the Pyu Saw Htee raided a village near Pauk.")
    names = [t for t in doc if t.text == "Pyu Saw Htee"]
    assert len(names) == 1 and names[0].ent_type_ == "ORG"
    assert names[0].ent_id_ == "world:Pyu Saw Htee"
    assert names[0].dep_ == "conj" and names[0].head.text == "army"


def test_the_first_of_two_raiders_is_actor1_when_the_second_is_a_misread_name(code_text):
    text = "On 10 June 2022, the army and the Pyu Saw Htee raided a village near Pauk, Myanmar."
    event = code_text(text, "2022-06-12")["events"][0]
    assert event["actor1"]["type"] == "State forces"
