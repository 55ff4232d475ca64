"""The geoparser: recognition and resolution on texts written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newscoder
from newscoder.resolve.geoparse import geoparse_doc
from newscoder.resolve.name_senses import other_sense_names
from newscoder.types import Toponym

FIELDS = {
    "text",
    "start",
    "end",
    "name",
    "country_code",
    "admin1",
    "lat",
    "lon",
    "geonameid",
    "feature",
    "confidence",
    "reason",
}


def _places(nlp, text: str, countries: tuple[str, ...] = ()) -> list[Toponym]:
    return geoparse_doc(nlp(text), countries=countries)


def _find(places: list[Toponym], text: str) -> Toponym:
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


# (text, toponym, country, admin1, feature): each pins one rule of recognition or
# disambiguation.
CASES = [
    # an AP state abbreviation after the town picks the namesake
    ("Flood waters closed two roads near Paris, Tenn., on Tuesday.", "Paris", "US", "Tennessee", "town"),
    ("Flood waters closed two roads near Paris, Tenn., on Tuesday.", "Tenn.", "US", "Tennessee", "admin1"),
    # alone, the most populous namesake
    ("The museum in Paris reopened after the strike.", "Paris", "FR", "Île-de-France", "town"),
    ("A fire destroyed a barn outside Athens, Ga., late Sunday.", "Athens", "US", "Georgia", "town"),
    # a unit word says it is a district (US parishes and counties are admin2)
    ("Voters in Rapides Parish go to the polls in April.", "Rapides Parish", "US", "Louisiana", "admin2"),
    # a split-off full stop stays with the abbreviation
    ("Crews cleared debris in Charleston, W.Va., on Friday.", "W.Va.", "US", "West Virginia", "admin1"),
    ("Crews cleared debris in Charleston, W.Va., on Friday.", "Charleston", "US", "West Virginia", "town"),
    # a legislator's home town is in the United States, however small
    ("Rep. Jane Doerr, R-Elbow Lake, voted against the bill.", "Elbow Lake", "US", "Minnesota", "village"),
    # a hint in brackets
    ("Clashes were reported in Kandi (Alibori) on Monday.", "Kandi", "BJ", "Alibori", "town"),
    # the article's places decide between a state and a country of one name
    ("Officials from Georgia and Alabama met in Atlanta to discuss water.", "Georgia", "US", "Georgia", "admin1"),
    ("Russian troops moved deeper into Georgia, toward Tbilisi.", "Georgia", "GE", None, "country"),
    # a list of units shares their unit word
    ("Becker, Clay and Wilkin counties declared emergencies.", "Clay", "US", "Minnesota", "admin2"),
    # a town named inside an institution's name
    ("The Fargo Police Department said the river kept rising.", "Fargo", "US", "North Dakota", "town"),
    # seas and continents are sites
    ("The ship sank in the Black Sea on Monday.", "Black Sea", None, None, "site"),
    # a dateline in capitals, with its state
    ("ALEXANDRIA, La. -- Police arrested a man on Monday.", "ALEXANDRIA", "US", "Louisiana", "town"),
    # a unit word in lower case: the province, not the city of the same name
    ("Gunmen stopped a bus in Herat province overnight.", "Herat", "AF", "Herat", "admin1"),
    # ... a district, with the province written after its unit word
    ("Shells landed on homes in Nari district, Kunar, on Sunday.", "Nari", "AF", "Kunar", "admin2"),
    # the admin1 unit's own name, never an alias's nickname ("Golden State")
    ("A wildfire spread near Fresno, Calif., on Monday.", "Calif.", "US", "California", "admin1"),
    ("Farmers marched in Addis Ababa and in Oromia region.", "Oromia", "ET", "Oromia", "admin1"),
    # a name the NER cuts at a lower-case particle is whole again
    ("Police in Cali, Valle del Cauca, arrested two men.", "Valle del Cauca", "CO", "Valle del Cauca", "admin1"),
    # whatever the NER calls it, a known name placed by the unit after it
    ("Teachers went on strike in Timoteo (Minas Gerais) on Monday.", "Timoteo", "BR", "Minas Gerais", "town"),
    # two names the NER split, one place in the gazetteer
    ("A man was injured in Boa Vista (Roraima) on Monday.", "Boa Vista", "BR", "Roraima", "town"),
    # small namesakes named together place each other (WW300)
    ("Walker County deputies arrested a Jasper man on Monday.", "Jasper", "US", "Alabama", "town"),
    ("Walker County deputies arrested a Jasper man on Monday.", "Walker County", "US", "Alabama", "admin2"),
    # a numbered road names the state it lies in (WW310)
    ("A truck overturned on Kansas Highway 168 on Monday.", "Kansas", "US", "Kansas", "admin1"),
    # an unknown name built with unit words on a known place stands there (WW315)
    ("Two inmates escaped from the Boone County Jail in Lebanon, Ind.", "Boone County Jail", "US", "Indiana", "admin2"),
    # an Arabic name written without the article GeoNames gives it ("Al Qamishli")
    ("A drone struck a car near Qamishli on Monday.", "Qamishli", "SY", "Al-Hasakah", "town"),
    # "The" opening a unit's name is not part of it
    ("The Tarrant County medical examiner named the victim.", "Tarrant County", "US", "Texas", "admin2"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "toponym", "country", "admin1", "feature"), CASES)
def test_resolves(nlp, text: str, toponym: str, country: str | None, admin1, feature) -> None:
    place = _find(_places(nlp, text), toponym)
    assert place.country_code == country
    assert place.admin1 == admin1
    assert place.feature == feature
    assert text[place.start : place.end] == toponym
    assert place.reason


def test_two_hints_keep_two_namesakes_apart(nlp) -> None:
    text = "Residents of Springfield, Ill., and Springfield, Mo., both celebrated."
    first, second = (p for p in _places(nlp, text) if p.text == "Springfield")
    assert (first.admin1, second.admin1) == ("Illinois", "Missouri")


@pytest.mark.parametrize(
    "text",
    [
        "Sudanese officials met Egyptian diplomats on Monday.",  # demonyms are no toponyms
        "Mayor Bell praised the plan. Bell said the city would pay.",  # a surname
        "Ford and Toyota both raised prices this week.",  # brands named like towns
        "The meeting is on Monday, May 4.",  # a month is no town
    ],
)
def test_no_toponym(nlp, text: str) -> None:
    assert [p.text for p in _places(nlp, text) if p.lat is not None] == []


def test_demonyms_on_request(nlp) -> None:
    text = "Sudanese officials met Egyptian diplomats in Cairo."
    found = geoparse_doc(nlp(text), demonyms=True)
    assert [(p.text, p.country_code, p.feature) for p in found] == [
        ("Sudanese", "SD", "country"),
        ("Egyptian", "EG", "country"),
        ("Cairo", "EG", "town"),
    ]


def test_small_name_without_country_evidence_stays_unresolved(nlp) -> None:
    text = "Flooding closed the bridge in Kelso on Monday."
    assert all(p.lat is None for p in _places(nlp, text) if p.text == "Kelso")
    # The caller's country is evidence enough.
    place = _find(_places(nlp, text, ("GB",)), "Kelso")
    assert place.country_code == "GB"


def test_streets_are_unresolved_sites(nlp) -> None:
    place = _find(_places(nlp, "The crash happened on Orchard Street in Fargo."), "Orchard Street")
    assert (place.feature, place.lat) == ("site", None)


def test_api_returns_contract_dicts() -> None:
    places = newscoder.geoparse("Police in Fargo, N.D., said the Red River kept rising.")
    assert places and all(set(p) == FIELDS for p in places)
    fargo = next(p for p in places if p["text"] == "Fargo")
    assert fargo["admin1"] == "North Dakota"
    assert 0 < fargo["confidence"] <= 1


def test_coded_records_carry_places(code_text) -> None:
    record = code_text("Gunmen attacked a police post in Bannu, Pakistan, on Monday.", "2023-01-10")
    places = {p["text"]: p for p in record["places"]}
    assert places["Bannu"]["country_code"] == "PK"
    assert places["Pakistan"]["feature"] == "country"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_offsets_inside_text_on_any_input(nlp, text: str) -> None:
    for place in _places(nlp, text):
        assert 0 <= place.start < place.end <= len(text)
        assert text[place.start : place.end] == place.text


def test_admin1_at_the_centre_of_its_places(nlp) -> None:
    """WW305: Ontario stands near its middle, not among its southern towns."""
    place = _find(_places(nlp, "Teachers marched in Ontario on Monday."), "Ontario")
    assert place.lat is not None and place.lat > 45.5


def test_large_admin1_reaches_its_thinly_settled_part(nlp) -> None:
    """WW305: a unit 700 km or more across is placed at the centre of the box
    reaching out to its outer places: Alberta north of its southern towns, New
    South Wales west of its coast; a small unit keeps the trimmed box."""
    alberta = _find(_places(nlp, "Farmers marched in Alberta on Monday."), "Alberta")
    assert alberta.lat is not None and alberta.lat > 53.5
    wales = _find(_places(nlp, "Farmers marched in New South Wales on Monday."), "New South Wales")
    assert wales.lon is not None and wales.lon < 148.5


def test_admin1_point_build_widens_large_units_only() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_admin1_points.py"
    spec = importlib.util.spec_from_file_location("build_admin1_points", path)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    # 100 places crowded along a 12-degree southern edge, one far to the north:
    # the box (over 700 km across) reaches north by half its height.
    crowd = [(50.0 + (i % 10) * 0.1, -120.0 + i * 0.12) for i in range(100)]
    lat, _ = build.centre([*crowd, (58.0, -115.0)])
    assert lat > 50.6
    small = [(50.0 + (i % 10) * 0.01, -120.0 + i * 0.01) for i in range(100)]
    lat, _ = build.centre([*small, (58.0, -115.0)])
    assert lat < 50.1  # a small unit keeps the trimmed box


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from newscoder.evaluate.metrics import haversine_km

    return haversine_km(a[0], a[1], b[0], b[1])


def test_country_between_two_conventions(nlp) -> None:
    """A country stands within 161 km of both the rounded central point (China
    35, 105) and the geocoders' centre (35.86, 104.20) where those agree within
    322 km; the United States, whose two points lie 383 km apart, keeps
    GeoNames' point."""
    places = _places(nlp, "Officials in China and the United States met on Monday.")
    china = _find(places, "China")
    assert china.lat is not None and china.lon is not None
    point = (china.lat, china.lon)
    assert _km(point, (35.0, 105.0)) < 161 and _km(point, (35.86, 104.20)) < 161
    assert point != (35.0, 105.0)
    usa = _find(places, "United States")
    assert (usa.lat, usa.lon) == (39.76, -98.5)


def test_country_point_build_blends_only_agreeing_sources() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_country_points.py"
    spec = importlib.util.spec_from_file_location("build_country_points", path)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.country_point((10.0, 20.0), (12.0, 20.0)) == (11.0, 20.0)
    assert build.country_point((10.0, 20.0), (14.0, 20.0)) == (10.0, 20.0)  # 445 km apart
    assert build.country_point((10.0, 20.0), None) == (10.0, 20.0)
    lat, lon = build.country_point((-18.0, 179.0), (-18.0, -179.0))  # across 180
    assert lat == -18.0 and abs(abs(lon) - 180.0) < 1e-9


def test_avenues_named_after_states_stay_streets(nlp) -> None:
    places = _places(nlp, "A truck overturned on Pennsylvania Avenue on Monday.")
    assert [(p.text, p.feature) for p in places] == [("Pennsylvania Avenue", "site")]


def test_abbreviated_names_read_whole_and_no_iso_codes(nlp) -> None:
    # WW460: the NER stops at the full stop of "ST."; alone, "ST" is no ISO code
    # (Sao Tome and Principe) in running text.
    text = "The driver was charged on Sunday. ST. JOHN'S, N.L. - Fishermen protested on Monday."
    places = _places(nlp, text)
    assert all(p.country_code != "ST" for p in places)
    assert _find(places, "ST. JOHN'S").country_code == "CA"
    # A city whose name ends in 's keeps it ("St. John's" is no possessive of "St. John").
    place = _find(_places(nlp, "Fishermen protested in St. John's on Monday."), "St. John's")
    assert place.country_code == "CA"


def test_country_codes_only_in_hints(nlp) -> None:
    from newscoder.resolve.gazetteer import get_gazetteer
    from newscoder.resolve.geo_candidates import Lookup

    lookup = Lookup(get_gazetteer(), [])
    assert not [c for c in lookup.candidates("PF") if c.feature == "country"]
    assert [c for c in lookup.candidates("NZ", postal=True) if c.feature == "country"]


def test_abbreviated_first_words_spelled_out(nlp) -> None:
    # WW465: "Ft." and "St." before a name spelled out; "Ft. Worth" is recognised.
    place = _find(_places(nlp, "Two men were shot in Ft. Worth, Texas, on Monday."), "Ft. Worth")
    assert (place.country_code, place.admin1) == ("US", "Texas")
    place = _find(_places(nlp, "Floods cut the roads around St. Marc in Haiti."), "St. Marc")
    assert place.country_code == "HT"


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("St. Petersburg", "RU"),  # as well as Florida's, which the gazetteer spells so
        ("St. Gallen", "CH"),  # Sankt Gallen
        ("St. Leon-Rot", "DE"),  # Sankt Leon-Rot
        ("Ste. Foy", "CA"),  # Sainte-Foy
    ],
)
def test_an_abbreviated_saint_is_also_looked_up_spelled_out(name, country) -> None:
    # WW465: the spelled-out names join the candidates even where a namesake is spelt
    # with the abbreviation.
    from newscoder.resolve.gazetteer import get_gazetteer
    from newscoder.resolve.geo_candidates import Lookup

    lookup = Lookup(get_gazetteer(), [])
    assert country in {c.country_code for c in lookup.candidates(name)}


def test_small_town_across_a_border_kept(nlp) -> None:
    # WW470: a small town abroad beside the article's places is no namesake.
    text = "Firefighters from Sarnia, Ontario, helped crews in Port Huron on Monday."
    assert _find(_places(nlp, text), "Port Huron").country_code == "US"
    text = "Firefighters from Sarnia, Ontario, flew out to help crews in Kalispell on Monday."
    assert all(p.country_code is None for p in _places(nlp, text) if p.text == "Kalispell")


def test_feature_named_after_its_state(nlp) -> None:
    # WW475: "Texas Forest" is at Texas, not at Texas County, Oklahoma.
    text = "Crews from the Texas Forest Service fought the fire near Athens on Monday."
    place = _find(_places(nlp, text), "Texas Forest")
    assert (place.feature, place.admin1) == ("admin1", "Texas")


def test_part_of_a_name_in_another_state_is_left(nlp) -> None:
    # WW535: "Mount Hood" in a report on Oregon is not at Hood County, Texas.
    text = (
        "Two climbers were rescued on Mount Hood on Monday, the sheriff in Portland, Oregon, said."
    )
    assert _find(_places(nlp, text), "Mount Hood").country_code is None
    # In the article's state the place it is named after stands in.
    text = "Fishermen found dead fish in Lake Conroe, north of Houston, Texas, on Monday."
    assert _find(_places(nlp, text), "Lake Conroe").admin1 == "Texas"


def test_region_of_a_city_is_the_city(nlp) -> None:
    # WW545: no admin1 is called Houston; the word "region" leaves the city its rank.
    text = "There have been nine cases of measles in the Houston region, officials in Texas said."
    assert _find(_places(nlp, text), "Houston").feature == "town"
    assert _find(_places(nlp, "Troops moved into the Kharkiv region."), "Kharkiv").feature == (
        "admin1"
    )


def test_unit_word_per_mention(nlp) -> None:
    # WW550: "Kyiv oblast" and, later, bare "Kyiv" are the oblast and the city
    # (a unit of its own), whichever comes first.
    for text in (
        "Troops shelled Bucha in Kyiv oblast on Monday. Later, missiles hit Kyiv.",
        "Missiles hit Kyiv on Monday. Troops also shelled villages in the Kyiv region.",
    ):
        kyiv = [p for p in _places(nlp, text) if p.text == "Kyiv"]
        assert {(p.feature, p.admin1) for p in kyiv} == {("admin1", "Kyiv"), ("town", "Kyiv City")}
    # A city inside its state keeps the group's reading: "New York" alone in a
    # report on the state may be the state; a country's name stays the country's.
    text = "The governor declared an emergency in New York state. In New York, 75 have died."
    assert {p.feature for p in _places(nlp, text) if p.text == "New York"} == {"admin1"}


def test_great_lakes_are_places(nlp) -> None:
    text = "Dead swans were found on the coast of Lake Erie in Monroe County, Michigan."
    place = _find(_places(nlp, text), "Lake Erie")
    assert place.feature == "site" and 41.5 < place.lat < 43


def test_unknown_name_stands_at_its_host(nlp) -> None:
    # WW540: a name the gazetteer lacks, written with a resolved town, is at that town.
    text = "Police raided a market in Kalumbaya, Quezon City on Monday."
    place = _find(_places(nlp, text), "Kalumbaya")
    assert (place.name, place.country_code) == ("Quezon City", "PH")
    assert place.confidence < 0.5 and "not in the gazetteer" in place.reason
    # In a list the next name is no host.
    text = "Floods cut the road to Kalumbaya, Tanay and Baras on Monday."
    assert _find(_places(nlp, text), "Kalumbaya").lat is None


def test_unknown_name_read_as_a_person_elsewhere_is_no_place(nlp) -> None:
    # WW560: the NER reads "Tsereteli" as a place once and as a person twice; the
    # gazetteer lacks the name, so it is the person throughout.
    text = (
        "President Tsereteli met the envoys in Tbilisi. Critics said Tsereteli should "
        "resign. Crowds gathered outside Tsereteli on Sunday."
    )
    assert [p.text for p in _places(nlp, text)] == ["Tbilisi"]
    # Read only as a place, the unknown name stays an (unresolved) toponym.
    alone = _places(nlp, "Crowds gathered outside Tsereteli on Sunday.")
    assert [(p.text, p.lat) for p in alone] == [("Tsereteli", None)]
    # A person's surname alone counts: "Okafor" of "Governor Ada Okafor".
    assert other_sense_names(nlp("Governor Ada Okafor spoke.").ents) >= {"Okafor", "Ada Okafor"}


def test_legislators_state_after_the_party(nlp) -> None:
    # "D-N.Y.", "R-W. Va.", "D-Calif.": the party's state, abbreviated; "D-McDowell".
    text = (
        "The bill was written by Rep. Jane Doe, D-N.Y., and Sen. Sam Roe, R-W. Va., who "
        "called it fair. Rep. Al Poe, D-Calif., objected. Delegate Ann Moe, D-McDowell, "
        "voted against it."
    )
    places = {p.text: (p.admin1, p.feature) for p in _places(nlp, text)}
    assert places["N.Y."] == ("New York", "admin1")
    assert places["W. Va."] == ("West Virginia", "admin1")
    assert places["Calif."] == ("California", "admin1")
    assert places["McDowell"][1] == "admin2"


def test_town_read_as_a_person_with_a_cue_is_the_town(nlp) -> None:
    # WW575: the NER reads "Milton Keynes" as a person; the whole name is a town and
    # "in" says a place is meant. A person named partly like a place stays a person.
    text = "Two schools in Milton Keynes closed after the storm on Friday."
    assert _find(_places(nlp, text), "Milton Keynes").country_code == "GB"
    assert _places(nlp, "The book was written by Virginia Woolf.") == []
    assert _places(nlp, "Sudanese troops crossed the border.") == []


def test_surname_before_a_possessive_is_a_person(nlp) -> None:
    # "Tomas Bell's": the NER's person ends with the possessive; "Bell" is the surname.
    text = "The court heard Tomas Bell's appeal. Supporters of Bell rallied outside."
    assert _places(nlp, text) == []


def test_owner_after_of_is_no_place_cue(nlp) -> None:
    # WW565: "of" governs the names, not Bell; a town's own word keeps the cue.
    text = "Police released the names of Bell's two brothers on Monday."
    assert _places(nlp, text) == []
    text = "Mourners gathered outside the home of Bell's mayor on Monday."
    assert [p.text for p in _places(nlp, text)] == ["Bell"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The ferry left Newfoundland and Labrador on Monday.", "Newfoundland and Labrador", "CA"),
        ("Fishermen in Trinidad and Tobago protested on Monday.", "Trinidad and Tobago", "TT"),
        ("Floods hit villages in Mashonaland West and Midlands.", "Mashonaland West", "ZW"),
    ],
)
def test_names_the_ner_cut_read_whole(nlp, text: str, name: str, country: str) -> None:
    assert _find(_places(nlp, text), name).country_code == country


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # WW480: the tokenizer splits at the hyphen; the gazetteer knows the whole.
        ("Cholera reached Senegal, Guinea-Bissau and Mali this year.", "Guinea-Bissau", "GW"),
        # WW480: "Republic of China" alone is Taiwan's name.
        (
            "The Ministry of Health of the People's Republic of China ordered reports.",
            "People's Republic of China",
            "CN",
        ),
    ],
)
def test_names_split_at_a_hyphen_or_a_word_read_whole(
    nlp, text: str, name: str, country: str
) -> None:
    places = _places(nlp, text)
    assert _find(places, name).country_code == country
    assert not any(p.text in {"Guinea", "Bissau", "Republic of China"} for p in places)


def test_part_of_a_longer_name_abroad_stays_unresolved(nlp) -> None:
    # WW485: "Plateau" is a Nigerian state, but "Central Plateau" in a report on
    # Haiti is not it; Port-au-Prince and Haiti give the article's country.
    text = (
        "Cholera spread in Haiti this week. Most cases are in the Central Plateau, "
        "north of Port-au-Prince, officials in Haiti said."
    )
    places = _places(nlp, text)
    assert not any(p.country_code == "NG" for p in places), places
    # The same part with the article's country behind it is kept: "West Midlands"
    # is not in the gazetteer, and Zimbabwe's Midlands is read in a report on it.
    text = "Floods in Zimbabwe hit the Midlands province, near Gweru, officials said."
    assert _find(_places(nlp, text), "Midlands").country_code == "ZW"


def test_a_region_inside_one_country_carries_it(nlp) -> None:
    # A hand-kept region inside one country (Darfur, England) carries its code;
    # a sea or a continent carries none.
    places = _places(nlp, "Fighting in Darfur worried aid agencies across Africa on Monday.")
    assert _find(places, "Darfur").country_code == "SD"
    assert _find(places, "Africa").country_code is None


def test_acronyms_are_no_towns_and_press_abbreviations_are_units(nlp) -> None:
    # "UN" is no town Un (India), "EU" no Eu (France); "NSW" is New South Wales.
    text = (
        "UN officials met EU envoys in Juba on Monday. Bushfires burned north of Sydney, "
        "and the NSW fire service said more were coming."
    )
    places = _places(nlp, text)
    assert not any(p.text in {"UN", "EU"} for p in places), places
    assert _find(places, "NSW").admin1 == "New South Wales"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # WW490: the unit word before the name, as "Washington state" after it.
        (
            "The first case was found in 2003 in the state of Washington.",
            "Washington",
            "Washington",
        ),
        ("Snow closed roads in the Province of Quebec on Monday.", "Quebec", "Quebec"),
    ],
)
def test_a_unit_word_before_the_name_makes_it_the_unit(nlp, text, name, admin1) -> None:
    place = _find(_places(nlp, text), name)
    assert (place.feature, place.admin1) == ("admin1", admin1)


def test_a_city_dwarfing_its_namesake_keeps_its_name(nlp) -> None:
    # WW495: New York's votes do not make "Boston" the village of Boston, N.Y. ...
    text = (
        "The mayor of Boston declared a flu emergency on Monday. Cases also rose in "
        "Buffalo and Albany, New York."
    )
    assert _find(_places(nlp, text), "Boston").admin1 == "Massachusetts"
    # ... while a hint still names the small one.
    text = "The fire in Boston, N.Y., destroyed a barn on Monday."
    assert _find(_places(nlp, text), "Boston").admin1 == "New York"


def test_countries_in_a_list_are_no_hints(nlp) -> None:
    # WW500: "China, Japan" is two countries, not the town China in Kagoshima.
    places = _places(nlp, "Bird flu has spread to China, Japan and South Korea.")
    assert (_find(places, "China").feature, _find(places, "China").country_code) == (
        "country",
        "CN",
    )
    # A state after the name is still a hint: Mexico, Missouri.
    places = _places(nlp, "He grew up in Mexico, Mo., and moved away at 18.")
    assert _find(places, "Mexico").admin1 == "Missouri"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Floods cut roads across Sumatra on Monday.", "Sumatra", "ID"),
        (
            "Cholera spread in Nyanza Province, western Kenya, officials said.",
            "Nyanza Province",
            "KE",
        ),
        ("Outbreaks will reach Central Africa in the coming weeks.", "Central Africa", None),
        ("Shelling continued across the Donbas on Monday.", "Donbas", "UA"),
    ],
)
def test_islands_regions_and_former_provinces(nlp, text, name, country) -> None:
    # Hand-kept regions: an island, a former province, a world region (not the
    # Central African Republic it is an alias of), a region in one country.
    place = _find(_places(nlp, text), name)
    assert (place.feature, place.country_code) == ("site", country)


def test_a_former_province_yields_to_a_town_of_the_articles_country(nlp) -> None:
    # Kenya's Nyanza Province ranks as a unit, not above a town: in a report on
    # Rwanda, Nyanza is the Rwandan town.
    text = "In Rwanda, officials in Nyanza and Huye reported new cases on Monday."
    assert _find(_places(nlp, text), "Nyanza").country_code == "RW"


def test_villages_are_searched_in_the_articles_countries_first(nlp) -> None:
    # Three countries named once come first in the text; the villages are looked up
    # in the countries the places point to (the Philippines), not in those three.
    text = (
        "Experts from Zaire, Sudan and Ivory Coast joined the mission on Monday. "
        "Hogs were culled in Manila, Olongapo and Angeles. According to the mayor of "
        "Olongapo, the quarantine of a hog farm in Palauig, Zambales has been lifted."
    )
    place = _find(_places(nlp, text), "Palauig")
    assert (place.feature, place.country_code) == ("village", "PH")


def test_press_names_of_big_cities(nlp) -> None:
    # WW515: "L.A." and "NYC" as written are the cities (not La, nor Los Ángeles, Chile).
    places = _places(nlp, "He moved from L.A. to NYC last year.")
    assert _find(places, "L.A.").admin1 == "California"
    assert _find(places, "NYC").admin1 == "New York"


def test_a_place_inside_a_disease_name_is_no_toponym(nlp) -> None:
    # WW525: "West Nile virus", "Guinea worm", "Hong Kong flu" name diseases.
    text = (
        "Cases of West Nile virus rose in Kenya, as did Guinea worm disease and the Hong Kong flu."
    )
    assert [p.text for p in _places(nlp, text)] == ["Kenya"]


def test_a_disease_name_alone_is_no_toponym_either(nlp) -> None:
    # WW525: the NER's "West Nile Virus" (head inside the span) and "West Nile" alone in an
    # article about the virus name the disease; a known place named in a disease's name
    # stays a place when written alone ("Hong Kong").
    text = (
        "Doctors confirmed two new West Nile virus infections in Ohio. A horse in Ohio tested "
        "positive for West Nile Virus. Most West Nile infections cause no symptoms."
    )
    assert {p.text for p in _places(nlp, text)} == {"Ohio"}
    text = "The Hong Kong flu killed thousands. Hong Kong reported two new cases on Monday."
    assert [p.text for p in _places(nlp, text)] == ["Hong Kong"]


def test_a_country_the_ner_once_ends_a_name_with_stays_a_place(nlp) -> None:
    # The NER reads "Rethinking Egypt" as a person; Egypt is still a place each time
    # it is read alone as one ("Mayor Bell ... Bell said": a town's name stays a surname).
    text = (
        "Rethinking Egypt-US relations. Since the election, hopes for better times spread "
        "across the region. Egypt, which often had trouble with Washington, waited. Egypt "
        "wants aid; Egypt wants respect. Officials in Egypt said so on Monday."
    )
    assert [p.text for p in _places(nlp, text)].count("Egypt") >= 4


def test_a_generic_name_stands_only_in_the_articles_countries(nlp) -> None:
    # WW530: "Western" in a report on Kenya is no other country's Western Province...
    text = (
        "Cholera spread in Kenya this week. Most cases are in Western, officials in Nairobi said."
    )
    western = _find(_places(nlp, text), "Western")
    assert (western.lat, western.country_code) == (None, None)
    # ... while in a report on Zambia it is Zambia's.
    text = (
        "Cholera spread in Zambia this week, with most cases in Western Province, near "
        "Mongu, officials in Lusaka said."
    )
    assert _find(_places(nlp, text), "Western Province").country_code == "ZM"


def test_a_known_name_opening_a_longer_name_abroad_stays_unresolved(nlp) -> None:
    # WW485 for the first word of a longer name: "Beni" of Egypt's "Beni Suef" is not
    # the Congolese town Beni in a report on Egypt.
    text = "The outbreak in Egypt reached Beni Suef and Cairo, officials in Egypt said."
    assert not any(p.country_code == "CD" for p in _places(nlp, text))


def test_a_known_word_ending_an_unknown_name_before_a_unit_word_is_no_place(nlp) -> None:
    # PL230: "Kone" only ends the unknown "Shwe Pin Kone": no district of New Caledonia.
    text = "Soldiers shelled Shwe Pin Kone village in Shwebo district, Sagaing region."
    places = _places(nlp, text)
    assert not any(p.country_code == "NC" for p in places)
    assert _find(places, "Shwebo").country_code == "MM"
    # A leading word that is no word of the name is still cut: "On Herat province".
    assert _find(_places(nlp, "On Herat province, officials said."), "Herat").country_code == "AF"


def test_a_village_word_does_not_confirm_a_district_abroad(nlp) -> None:
    # PL235: "Kone village" in a report on Myanmar is no district of New Caledonia.
    text = "Troops burned Kone village in Myanmar's Sagaing region on Tuesday."
    assert _find(_places(nlp, text), "Kone").country_code is None


def test_a_district_only_abroad_stays_unresolved(nlp) -> None:
    # PL240: a district named in a report on Myanmar is not a namesake in New Caledonia.
    text = "Fighting spread from Sagaing to Magway in Myanmar, and troops reached Kone."
    places = _places(nlp, text)
    assert not any(p.country_code == "NC" for p in places)


@pytest.mark.parametrize(
    "text",
    [
        "Fighting was reported in Tal Abyad and Ras al-Ain.",
        "Police arrested five men in Tal Abyad on Monday.",
        "Police arrested five men in Ras al-Ain on Monday.",
        "Heavy weapons killed two civilians near Shwe Pin Kone.",
    ],
)
def test_part_of_an_unknown_name_without_a_country_stays_unresolved(nlp, text) -> None:
    # PL245, PL250: "Tal" of "Tal Abyad", "Ras" of "Ras al-Ain", "Bo" of "Htone Bo
    # Kone" are no towns of India or Sierra Leone when the text names no country.
    assert all(p.country_code is None for p in _places(nlp, text))


# Towns of Ukraine and Russia in the romanisations the press writes (scripts/romanise.py):
# Ukraine's national system, BGN/PCGN, a mix of the two, and the Russian name. Each
# is one of the town's own names, so running text finds it after a cue as it finds
# the GeoNames name ("Siverskodonetsk", "Avdiyivka", "Kostyantynivka").
ROMANISED = [
    ("Russian forces shelled Severodonetsk on Monday.", "Severodonetsk", "Siverskodonetsk", "Luhansk"),
    ("Heavy fighting went on in Sievierodonetsk, the governor said.", "Sievierodonetsk", "Siverskodonetsk", "Luhansk"),
    ("Russian forces shelled Avdiivka on Monday.", "Avdiivka", "Avdiyivka", "Donetsk"),
    ("Separatists said they had shelled Avdeyevka.", "Avdeyevka", "Avdiyivka", "Donetsk"),
    ("Russian forces shelled Marinka on Monday.", "Marinka", "Mar'yinka", "Donetsk"),
    ("Russian forces shelled Kostiantynivka on Monday.", "Kostiantynivka", "Kostyantynivka", "Donetsk"),
    ("A missile struck Zaporozhye early on Friday.", "Zaporozhye", "Zaporizhzhya", "Zaporizhzhia"),
    ("Russian forces shelled Hulyaipole in southern Ukraine.", "Hulyaipole", "Hulyaypole", "Zaporizhzhia"),
    ("Russian forces shelled Huliaipole in southern Ukraine.", "Huliaipole", "Hulyaypole", "Zaporizhzhia"),
    ("Shelling damaged homes in Balakleya on Tuesday.", "Balakleya", "Balakliya", "Kharkiv"),
    ("Troops entered Shchastia in the Luhansk region.", "Shchastia", "Shchastya", "Luhansk"),
    # The Russian name's namesake in Amur no longer takes the Donetsk town's place.
    ("Russian forces shelled Konstantinovka in the Donetsk region.", "Konstantinovka", "Kostyantynivka", "Donetsk"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "toponym", "name", "admin1"), ROMANISED)
def test_romanisations_of_cyrillic_names_are_found(nlp, text, toponym, name, admin1) -> None:
    place = _find(_places(nlp, text), toponym)
    assert (place.country_code, place.name, place.admin1, place.feature) == (
        "UA",
        name,
        admin1,
        "town",
    )


def test_a_romanised_name_keeps_its_namesake_at_home(nlp) -> None:
    # The Donetsk town's Russian name is the Amur village's own: a report on Amur
    # still reads it there.
    text = "Floods cut off Konstantinovka in Russia's Amur region on Monday."
    place = _find(_places(nlp, text), "Konstantinovka")
    assert (place.country_code, place.admin1) == ("RU", "Amur")
