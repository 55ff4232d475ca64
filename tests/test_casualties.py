"""Casualty figures in active, passive and nominal constructions."""

from __future__ import annotations

import pytest

from newscoder.extract.casualties import find_casualties, lexicon


def _summary(text: str) -> set[tuple[str, int]]:
    return {(c.kind, c.count) for c in find_casualties(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen shot and killed two herders near the river.", {("killed", 2)}),
        ("Soldiers shot and wounded three traders at a checkpoint.", {("injured", 3)}),
        ("A crowd burned two suspected thieves to death in the market.", {("killed", 2)}),
        ("Villagers beat a man to death after a dispute.", {("killed", 1)}),
        ("Gunmen killed 10 pastoralists and an alleged informant.", {("killed", 11)}),
        ("Troops shot about 40 cows dead near the camp.", set()),
        (
            "A suicide bomber struck a hotel in Mogadishu, killing two guards and four "
            "Somali civilians.",
            {("killed", 6)},
        ),
        (
            "Militants set off a car bomb in Quetta that killed four people and injured more "
            "than 30.",
            {("killed", 4), ("injured", 30)},
        ),
        (
            "One nurse was critically injured when shells hit the clinic in Kherson.",
            {("injured", 1)},
        ),
        ("Police in Lahore apprehended one suspect near the shrine.", {("arrested", 1)}),
        ("Riot police arrested 12 protesters in Nairobi on Monday.", {("arrested", 12)}),
        ("12 people were detained after the rally in Dhaka.", {("arrested", 12)}),
        ("Gunmen abducted 20 students from a school in Kebbi.", {("abducted", 20)}),
        ("Armed men kidnapped a priest in Zamfara.", {("abducted", 1)}),
        ("3 dead after clashes between gangs in Cali.", {("killed", 3)}),
        ("The death toll rose to 14, officials in Beledweyne said.", {("killed", 14)}),
        ("Residents found the bodies of 5 soldiers near Mopti.", {("killed", 5)}),
        ("Two civilians lost their lives when rockets hit Kharkiv.", {("killed", 2)}),
        ("A police officer succumbed to his injuries in Peshawar.", {("killed", 1)}),
        ("The blast left 7 dead and 12 wounded in Mosul.", {("killed", 7), ("injured", 12)}),
        ("Jihadists stormed a checkpoint near Menaka, wounding 3.", {("injured", 3)}),
        ("No one was hurt in the explosion in Aden.", {("killed", 0), ("injured", 0)}),
        ("The army in Cotabato said there were no casualties.", {("killed", 0), ("injured", 0)}),
        ("No civilians were killed in the strike on Idlib.", {("killed", 0)}),
        ("The shelling caused 15 casualties in Idlib.", set()),
        ("Dozens of people were killed or injured in the blast in Kabul.", set()),
        ("'They killed 5 of our men,' a villager in Sagaing told reporters.", {("killed", 5)}),
        ("A 25-year-old man was shot dead in Culiacan on Sunday.", {("killed", 1)}),
        ("It was one of the deadliest attacks in Burkina Faso this year.", set()),
        ("Two soldiers and a civilian were killed in an ambush near Gao.", {("killed", 3)}),
        ("Two soldiers killed in Donetsk shelling.", {("killed", 2)}),
        ("Security forces seized 5 rifles in Manipur.", set()),
        ("The 2019 bombing in Colombo killed 30 people.", {("killed", 30)}),
        ("The fine was $500 and 30 percent of the harvest.", set()),
        (
            "At least 5 people were killed and dozens injured in Sanaa.",
            {("killed", 5), ("injured", 12)},
        ),
        ("Five members of the security forces were killed in Deir ez-Zor.", {("killed", 5)}),
        ("Troops killed several al-Shabaab fighters in Lower Shabelle.", {("killed", 3)}),
        ("Police said hundreds of protesters were detained in Yangon.", {("arrested", 100)}),
        ("Army troops in Sulu rescued 3 hostages.", set()),
    ],
)
def test_find_casualties(text: str, expected: set[tuple[str, int]]) -> None:
    assert _summary(text) == expected


def test_sum_reason_and_spans() -> None:
    text = "In Borno, insurgents attacked a convoy, killing two soldiers and four farmers."
    (cas,) = find_casualties(text, offset=10)
    assert cas.count == 6
    assert "sum" in cas.reason
    assert text[cas.start - 10 : cas.end - 10] == cas.text
    assert cas.text == "killing two soldiers and four farmers"


def test_suicide_bomber_counts_with_attacker_hint() -> None:
    text = "The bomber blew up his vest at a mosque in Kunduz, and killed himself and 9 others."
    cas = [c for c in find_casualties(text) if c.kind == "killed"]
    assert [c.count for c in cas] == [10]
    assert "attacker" in cas[0].reason


def test_paragraph_with_many_figures() -> None:
    text = (
        "Gunmen in Zacatecas killed 8 people on Saturday. Police later arrested 3 suspects. "
        "In a separate attack, 2 officers were wounded. The year 2023 was violent."
    )
    assert [(c.kind, c.count) for c in find_casualties(text)] == [
        ("killed", 8),
        ("arrested", 3),
        ("injured", 2),
    ]


def test_lexicon_has_every_kind() -> None:
    kinds = lexicon()["kinds"]
    assert set(kinds) == {"killed", "injured", "arrested", "abducted"}
    assert "casualties" not in kinds["killed"]["nominal"]
