"""Casualty figures in active, passive and nominal constructions."""

from __future__ import annotations

import pytest

from newscoder.extract.casualties import find_casualties, lexicon, one_victim_keys


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
        # "dead" closing a longer victim phrase, as "to death" does (CA140)
        ("Gunmen shot two taxi drivers dead outside the depot.", {("killed", 2)}),
        (
            "Gunmen shot a bus conductor dead and wounded a third man.",
            {("killed", 1), ("injured", 1)},
        ),
        # "both" standing alone after a killing verb: the two told before
        ("Gunmen opened fire on two brothers at the gate, killing both.", {("killed", 2)}),
        ("Both sides accused each other of killing civilians.", set()),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "killed and <verb>": the victims follow the second verb.
        ("Bandits killed and mutilated a young cocoa farmer near Kumasi.", {("killed", 1)}),
        ("Two rustlers killed and robbed a trader on the Tahoua road.", {("killed", 1)}),
        # One victim named by any singular noun after a killing verb.
        ("Gunmen shot and killed a goldsmith in his shop in Kano.", {("killed", 1)}),
        ("Soldiers shot dead the cartographer at the gate.", {("killed", 1)}),
        ("Raiders killed and beheaded a goat trader near Agadez.", {("killed", 1)}),
        ("Residents lynched to death a suspected cattle rustler in Tillaberi.", {("killed", 1)}),
        ("A poacher shot dead another close to the park.", {("killed", 1)}),
        ("Gunmen killed the driver and his wife in Sokoto.", {("killed", 2)}),
        ("Gunmen killed his two brothers at the market.", {("killed", 2)}),
        ("Police arrested the suspect in Kaduna.", {("arrested", 1)}),
        # ... but not an animal, a thing, a time, a group or a plural.
        ("Farmers shot and killed an ox grazing in the field.", set()),
        ("Herders killed more than a dozen goats near Gaya.", set()),
        ("Two hunters killed and skinned four antelopes near Gaya.", set()),
        ("Troops executed a raid on the camp near Diffa.", set()),
        ("Gunmen killed the villagers' hopes of a harvest.", set()),
        ("The trader was killed the next day in Zinder.", {("killed", 1)}),
        # ... nor after "to", "will" or "not": not a killing that happened.
        ("He threatened to kill the village chief of Dosso.", set()),
        ("The man who had killed Musa fled to Maradi.", set()),
        # Pronoun objects: "him"/"her" are one, "them" gives no figure.
        ("A mob seized a pickpocket and burned him to death.", {("killed", 1)}),
        ("A mob seized two pickpockets and burned them to death.", set()),
        ("Insurgents slit the throats of three herders near the well.", {("killed", 3)}),
        ("Gunmen fatally shot a shopkeeper in Jos.", {("killed", 1)}),
        ("A mob burned alive a suspected thief in Ibadan.", {("killed", 1)}),
        # "another" after a victim in the same sentence adds to the figure.
        (
            "Rebels shot dead a man at a checkpoint and decapitated another near the river.",
            {("killed", 2)},
        ),
        ("One guard was shot dead and another was hacked to death in Bauchi.", {("killed", 2)}),
        ("Gunmen killed another three soldiers in Borno.", {("killed", 3)}),
        # Bare figures, asides, "including", connectors.
        ("Five killed and at least two injured.", {("killed", 5), ("injured", 2)}),
        ("Four later died in hospital in Kano.", {("killed", 4)}),
        (
            "Two traders and four herders (among them a village elder) were killed.",
            {("killed", 6)},
        ),
        (
            "Three miners, one guard, and one Canadian geologist (a contractor) were killed.",
            {("killed", 5)},
        ),
        ("Seven people including a nurse were killed in Jos.", {("killed", 7)}),
        ("Two villagers, including a teacher, were killed near Yola.", {("killed", 2)}),
        ("Three soldiers died as well as one attacker.", {("killed", 4)}),
        (
            "Two soldiers died along with three civilians were injured.",
            {("killed", 2), ("injured", 3)},
        ),
        # Singular casualty nouns counted by their figure.
        ("There was 1 fatality and 4 people detained.", {("killed", 1), ("arrested", 4)}),
        (
            "The fighting resulted in one fatality and a few injuries.",
            {("killed", 1), ("injured", 3)},
        ),
        ("The raid in Kaolack resulted in a death.", {("killed", 1)}),
        ("Riots broke out in Thies, sparking one death.", {("killed", 1)}),
        (
            "The fighting left one Tuareg herder dead and two others injured.",
            {("killed", 1), ("injured", 2)},
        ),
        # One person named as the subject of a passive or of "died".
        ("A tailor was shot to death in the market of Bouake.", {("killed", 1)}),
        ("A member of the choir was stoned to death in Daloa.", {("killed", 1)}),
        ("The driver later died in hospital.", {("killed", 1)}),
        ("He succumbed to his wounds on Monday.", {("killed", 1)}),
        ("A soldier and a cartographer were killed near Kidal.", {("killed", 2)}),
        ("Bandits and a cartographer were killed near Kidal.", set()),
        ("A goat was killed by a stray round.", set()),
        ("The crowd dispersed and the fire died down.", set()),
        ("The soldiers were killed near Kidal.", set()),
    ],
)
def test_constructions_without_a_plain_figure(text: str, expected: set[tuple[str, int]]) -> None:
    assert _summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CA175: the casualty verb ends a series of passive acts done to the victims.
        ("A man was dragged out of his house, shot, and killed.", {("killed", 1)}),
        ("Three soldiers were ambushed, disarmed and executed.", {("killed", 3)}),
        ("Two men were abducted, tortured and killed.", {("abducted", 2), ("killed", 2)}),
        (
            "A trader was kidnapped on Monday and killed on Tuesday.",
            {("abducted", 1), ("killed", 1)},
        ),
        ("A farmer was attacked and killed.", {("killed", 1)}),
        # Not a series: "or" leaves the figure to the first word; things are no victims.
        ("Two people were killed or injured.", set()),
        ("Two houses were looted and burned.", set()),
        ("Police said two men were arrested and one was killed.", {("arrested", 2), ("killed", 1)}),
    ],
)
def test_a_series_of_passive_acts_ends_with_the_casualty(
    text: str, expected: set[tuple[str, int]]
) -> None:
    assert _summary(text) == expected


def test_another_in_a_new_sentence_is_not_added() -> None:
    text = "Gunmen killed a guard on Monday. They killed another on Tuesday."
    assert [(c.kind, c.count) for c in find_casualties(text)] == [("killed", 1), ("killed", 1)]


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


def test_one_victim_word_lists() -> None:
    lex = lexicon()
    for key in (*one_victim_keys(), "additive_connectors", "to_death_verbs"):
        assert lex[key] and all(w == w.lower().strip() for w in lex[key]), key
    assert "them" not in lex["object_pronouns"]
    # Collective victim nouns count with a figure ("5 staff") but "the staff" is no one person.
    assert {"staff", "family", "people"} <= set(lex["not_one_victim"])
