"""Gazetteer and place resolution: tables across regions, data-file checks, what load reads."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscoder.registry import tracing
from newscoder.resolve.gazetteer import Gazetteer, _data_path, _rows, get_gazetteer, name_key
from newscoder.resolve.places import (
    countries_of_towns,
    countries_of_unit_words,
    country_codes_in,
    find_place_phrases,
    normalize_direction,
    resolve_place,
)

TOL = 0.3  # degrees; towns are checked against their GeoNames point

# (name, kwargs, (country_code, admin1 or ... for any, geo_precision), (lat, lon) or None)
RESOLVE = [
    ("Kabul", {}, ("AF", "Kabul", 1), (34.53, 69.17)),
    ("Kabul", {"context": ["AF"]}, ("AF", "Kabul", 1), (34.53, 69.17)),
    ("Balochistan", {}, ("PK", "Balochistan", 3), None),
    ("Baluchistan", {}, ("PK", "Balochistan", 3), None),
    ("NWFP", {}, ("PK", "Khyber Pakhtunkhwa", 3), None),
    ("Sindh", {}, ("PK", "Sindh", 3), None),
    ("Hyderabad", {"context": ["PK"]}, ("PK", "Sindh", 1), (25.40, 68.38)),
    ("Hyderabad", {"context": ["IN", "PK"]}, ("IN", "Telangana", 1), (17.38, 78.46)),
    ("Hyderabad", {}, ("IN", "Telangana", 1), (17.38, 78.46)),
    ("Maiduguri", {}, ("NG", "Borno", 1), (11.85, 13.16)),
    ("Maiduguri", {"qualifier": "near"}, ("NG", "Borno", 2), (11.85, 13.16)),
    ("Borno", {"qualifier": "state"}, ("NG", "Borno", 3), (11.6, 13.0)),
    ("Kandi", {"context": ["BJ"]}, ("BJ", "Alibori", 1), (11.13, 2.94)),
    ("Kandi", {}, ("BJ", "Alibori", 1), (11.13, 2.94)),
    ("Atacora", {}, ("BJ", "Atakora", 3), None),
    ("Borgou", {"qualifier": "department"}, ("BJ", "Borgou", 3), None),
    ("Aleppo", {}, ("SY", "Aleppo", 1), (36.20, 37.16)),
    ("Raqqa", {"qualifier": "governorate"}, ("SY", "Raqqa", 3), None),
    ("Deir ez-Zor", {}, ("SY", "Deir ez-Zor", 1), (35.34, 40.14)),
    ("Mogadishu", {}, ("SO", "Banadir", 1), (2.04, 45.34)),
    ("Kismayo", {}, ("SO", "Jubbada Hoose", 1), (-0.36, 42.55)),
    ("Mosul", {}, ("IQ", "Nineveh", 1), (36.34, 43.12)),
    ("Nineveh", {"qualifier": "province"}, ("IQ", "Nineveh", 3), None),
    ("Telangana", {}, ("IN", "Telangana", 3), None),
    ("Tripoli", {"context": ["LB"]}, ("LB", ..., 1), (34.43, 35.84)),
    ("Tripoli", {}, ("LY", ..., 1), (32.89, 13.19)),
    ("Paris", {}, ("FR", "Île-de-France", 1), (48.85, 2.35)),
    ("Paris", {"context": ["US"]}, ("US", "Texas", 1), None),
    ("Sinaloa", {}, ("MX", "Sinaloa", 3), None),
    ("Culiacan", {}, ("MX", "Sinaloa", 1), (24.80, -107.39)),
    ("Medellin", {}, ("CO", "Antioquia", 1), (6.25, -75.57)),
    ("Cauca", {}, ("CO", "Cauca", 3), None),
    ("Rakhine", {"qualifier": "state"}, ("MM", "Rakhine", 3), None),
    ("Kharkiv", {}, ("UA", "Kharkiv", 1), (49.98, 36.25)),
    ("Donetsk", {"qualifier": "oblast"}, ("UA", "Donetsk", 3), None),
    ("Gao", {"context": ["ML"]}, ("ML", "Gao", 1), (16.27, -0.04)),
    ("Marawi", {}, ("PH", ..., 1), (8.0, 124.28)),
    ("Peshawar", {}, ("PK", "Khyber Pakhtunkhwa", 1), (34.01, 71.58)),
    ("Mirpurkhas", {}, ("PK", "Sindh", 1), (25.53, 69.01)),
    ("Kandahar", {"qualifier": "district"}, ("AF", "Kandahar", 2), (31.61, 65.71)),
    ("Helmand", {"qualifier": "province"}, ("AF", "Helmand", 3), None),
    ("Pakistan", {}, ("PK", None, 3), None),
    ("the Philippines", {}, ("PH", None, 3), None),
    ("Burma", {}, ("MM", None, 3), None),
    ("Ivory Coast", {}, ("CI", None, 3), None),
    ("Georgia", {}, ("GE", None, 3), None),
    ("Georgia", {"context": ["US"]}, ("US", "Georgia", 3), None),
    ("central Mali", {}, ("ML", None, 3), None),
    ("northern Nigeria", {}, ("NG", None, 3), None),
    ("eastern Ukraine", {}, ("UA", None, 3), None),
    ("northeast Syria", {}, ("SY", "Al-Hasakah", 3), None),
    ("Kidal", {"qualifier": "region"}, ("ML", "Kidal", 3), None),
    ("Mandera", {"qualifier": "county"}, ("KE", "Mandera", 3), None),
    ("Mandera", {}, ("KE", "Mandera", 1), (3.94, 41.86)),
    # Districts (admin2) answer when no town or admin1 does.
    ("North Waziristan", {}, ("PK", "Khyber Pakhtunkhwa", 2), (32.95, 69.91)),
    ("Kurram", {"context": ["PK"]}, ("PK", "Khyber Pakhtunkhwa", 2), (33.72, 70.22)),
    ("Spin Boldak", {"qualifier": "district"}, ("AF", "Kandahar", 2), (31.0, 66.4)),
    ("South Sudan", {}, ("SS", None, 3), None),
    # "X, Y" / "X district of Y": the containing unit decides.
    ("Bijapur, Chhattisgarh", {"qualifier": "district"}, ("IN", "Chhattisgarh", 2), (18.89, 80.75)),
    ("Bijapur, Chhattisgarh", {}, ("IN", "Chhattisgarh", 1), (18.79, 80.82)),
    # Inside one country a town's own name beats another town's alias
    # (Vijayapura, Karnataka, was called Bijapur).
    ("Bijapur", {"context": ["IN"]}, ("IN", "Chhattisgarh", 1), None),
    ("Hyderabad, Pakistan", {}, ("PK", "Sindh", 1), (25.40, 68.38)),
    ("Maiduguri, Borno State", {}, ("NG", "Borno", 1), (11.85, 13.16)),
]


@pytest.mark.parametrize(("name", "kwargs", "expected", "coords"), RESOLVE)
def test_resolve_place(name, kwargs, expected, coords):
    place = resolve_place(name, **kwargs)
    assert place is not None, name
    code, admin1, precision = expected
    assert (place.country_code, place.geo_precision) == (code, precision)
    if admin1 is not ...:  # ... = any admin1
        assert place.admin1 == admin1
    assert place.reason
    if coords is not None:
        assert place.lat == pytest.approx(coords[0], abs=TOL)
        assert place.lon == pytest.approx(coords[1], abs=TOL)


def test_southwest_pakistan_is_pakistan_at_region_precision():
    place = resolve_place("southwest Pakistan", start=10, end=28)
    assert place is not None
    assert place.country_code == "PK"
    assert place.admin1 in (None, "Balochistan")
    assert place.geo_precision == 3
    assert (place.start, place.end) == (10, 28)
    assert "southwest" in place.reason


@pytest.mark.parametrize("name", ["Kyiv", "Tashkent"])
def test_a_unit_word_names_the_province_not_the_city_unit(name):
    # PL140: "Kyiv oblast" is Kyiv (UA.13), not "Kyiv City", the city that is a
    # unit of its own; the city keeps its own unit.
    province = resolve_place(name, context=["UA", "UZ"], qualifier="region")
    assert province is not None and not province.admin1.endswith("City")
    city = resolve_place(name, context=["UA", "UZ"])
    assert city is not None and city.admin1.endswith("City")


def test_foreign_namesakes_need_to_be_well_known():
    # An article about Nigeria naming "Kandi": no Nigerian town of that name,
    # and the Beninese and Indian ones are too small to be a safe guess.
    assert resolve_place("Kandi", context=["NG"]) is None
    paris = resolve_place("Paris", context=["SY"])
    assert paris is not None and paris.country_code == "FR"
    assert "outside" in paris.reason


def test_own_name_before_an_alias_without_a_country():
    # "Valence" is the French town's own name and only an alias (French) of Valencia.
    with tracing() as trace:
        valence = resolve_place("Valence")
    assert valence is not None and valence.country_code == "FR"
    assert trace.counts["PL183"] == 1
    # A town known only by the alias keeps it: nothing of the very name exists.
    leghorn = resolve_place("Leghorn")
    assert leghorn is not None and leghorn.country_code == "IT"
    # With the article's country, the country decides as before.
    spain = resolve_place("Valence", context=["ES"])
    assert spain is not None and spain.country_code == "ES"


@pytest.mark.parametrize(
    "name", ["Xyzzyville", "Pakistani", "", "  ", "1234", "Qwertzstan province"]
)
def test_unknown_names_resolve_to_none(name):
    assert resolve_place(name) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pakistani", "PK"),
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("Nigerian", "NG"),
        ("Syrian", "SY"),
        ("Malian", "ML"),
        ("Somali", "SO"),
        ("Yemeni", "YE"),
        ("Colombian", "CO"),
        ("Filipino", "PH"),
        ("Burmese", "MM"),
        ("Ivorian", "CI"),
        ("Congolese", "CD"),
        ("Syria", "SY"),
        ("Iran", "IR"),
        ("Russia", "RU"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("DRC", "CD"),
        ("Burma", "MM"),
        ("U.S.", "US"),
        ("United Kingdom", "GB"),
        ("Türkiye", "TR"),
        ("PK", "PK"),
    ],
)
def test_country_by_name_or_demonym(text, code):
    country = get_gazetteer().country(text)
    assert country is not None, text
    assert country.code == code


def test_words_of_running_text_are_not_iso_codes(code_text):
    gaz = get_gazetteer()
    assert gaz.country("PF").code == "PF"  # a code where a caller passes codes
    assert gaz.country("PF", codes=False) is None  # "Zanu PF": a party's initials
    assert gaz.country("UK", codes=False).code == "GB"  # an alias, not a code
    record = code_text("Zanu PF activists attacked a journalist in Harare on Monday.", "2022-06-01")
    assert record["events"][0]["actor1"]["country_code"] == "ZW"


def test_country_centre_and_capital():
    pk = get_gazetteer().country("Pakistan")
    assert pk is not None
    assert pk.capital == "Islamabad"
    assert (pk.capital_lat, pk.capital_lon) == pytest.approx((33.72, 73.04), abs=0.1)
    assert 27 < pk.lat < 33 and 66 < pk.lon < 73  # inside the country, not on a border


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Punjab", None, {"IN", "PK"}),
        ("Punjab", "PK", {"PK"}),
        ("Borno State", None, {"NG"}),
        ("Khyber-Pakhtunkhwa", None, {"PK"}),
        ("Al Anbar", None, {"IQ"}),
        ("Anbar", None, {"IQ"}),
        ("Banaadir", None, {"SO"}),
        ("Alibori", None, {"BJ"}),
    ],
)
def test_admin1_lookup(name, country, expected):
    assert {u.country_code for u in get_gazetteer().admin1(name, country)} == expected


def test_cities_sorted_and_filtered():
    gaz = get_gazetteer()
    found = gaz.cities("hyderabad")
    assert [c.country_code for c in found[:2]] == ["IN", "PK"]
    assert [c.country_code for c in gaz.cities("Hyderabad", "PK")] == ["PK"]
    kabul = gaz.cities("Kabul", "AF")[0]
    unit = gaz.admin1_of(kabul)
    assert unit is not None and unit.name == "Kabul"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A suicide bomber struck in southwest Pakistan on Tuesday.",
            [("Pakistan", "southwest Pakistan", "southwest")],
        ),
        (
            "Gunmen raided a village in Zamfara State overnight.",
            [("Zamfara State", "a village in Zamfara State", "village in")],
        ),
        (
            "Troops clashed with militants in Helmand province and near Lashkar Gah.",
            [
                ("Helmand", "Helmand province", "province"),
                ("Lashkar Gah", "near Lashkar Gah", "near"),
            ],
        ),
        (
            "Shelling hit the outskirts of Kharkiv in North-Eastern Ukraine.",
            [
                ("Kharkiv", "the outskirts of Kharkiv", "outskirts"),
                ("Ukraine", "North-Eastern Ukraine", "northeast"),
            ],
        ),
        (
            "An airstrike hit a market 20 km north of Idlib, in the north of Syria.",
            [("Idlib", "north of Idlib", "near"), ("Syria", "the north of Syria", "north")],
        ),
        ("Islamic State fighters moved near the border on Friday.", []),
        (
            "Rebels abducted two workers in Bijapur district of Chhattisgarh on Monday.",
            [("Bijapur, Chhattisgarh", "Bijapur district of Chhattisgarh", "district")],
        ),
        # PL205: a place the towns lack, then the admin1 it lies in.
        (
            "Troops shelled positions near Novolaspa, Donetsk on Monday.",
            [("Novolaspa, Donetsk", "Novolaspa, Donetsk", "near unit")],
        ),
        (
            "Artillery hit Ein Daqneh town in Aleppo countryside.",
            [("Ein Daqneh, Aleppo", "Ein Daqneh town in Aleppo", "in unit")],
        ),
        (
            "Troops shelled positions near Avdiivka, Donetsk.",
            [("Avdiivka", "near Avdiivka", "near")],
        ),
        # "countryside" is a region unit; a whole phrase that is an admin1's alias holds.
        ("Shelling hit Idlib countryside.", [("Idlib", "Idlib countryside", "countryside")]),
        (
            "Shelling hit Damascus countryside.",
            [("Damascus countryside", "Damascus countryside", None)],
        ),
        (
            "Teachers marched in Mineral de la Reforma municipality.",
            [("Mineral de la Reforma", "Mineral de la Reforma municipality", "municipality")],
        ),
        (
            "A drone hit a compound in North Waziristan and northern Nigeria and North Darfur.",
            [
                ("North Waziristan", "North Waziristan", None),
                ("Nigeria", "northern Nigeria", "north"),
                ("North Darfur", "North Darfur", None),
            ],
        ),
    ],
)
def test_find_place_phrases(text, expected):
    found = find_place_phrases(text)
    assert [(name, text[s:e], qual) for name, s, e, qual in found] == expected


def test_find_place_phrases_offset():
    text = "Fighting near Gao."
    [(name, start, end, qual)] = find_place_phrases(text, offset=100)
    assert (name, start, end, qual) == ("Gao", 109, 117, "near")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "KABUL, Afghanistan — Afghan officials said Pakistani diplomats met in Kabul.",
            ["AF", "PK"],
        ),
        ("Nigerian troops repelled an attack on Maiduguri, in Borno.", ["NG"]),
        (
            "Militants in Mali and Burkina Faso; Malian officials and Burkinabe troops.",
            ["ML", "BF"],
        ),
        ("The U.S. envoy met Colombian officials in Bogota.", ["CO", "US"]),
        ("Us and them: nothing here names a country.", []),
    ],
)
def test_country_codes_in(text, expected):
    assert country_codes_in(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("southwest", "southwest"), ("North-Eastern", "northeast"), ("western", "west"), ("up", None)],
)
def test_normalize_direction(word, expected):
    assert normalize_direction(word) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ḩalab", "halab"),
        ("Ar-Raqqah", "ar raqqah"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Łódź", "lodz"),
    ],
)
def test_name_key(text, key):
    assert name_key(text) == key


def test_hand_kept_files_point_at_real_entries():
    gaz = get_gazetteer()
    isos = {u.iso_code for u in gaz.admin1s.values()}
    for iso, aliases in _rows("admin1_aliases.tsv"):
        assert iso in isos, iso
        assert aliases
    for row in _rows("country_names.tsv"):
        assert row[0] in gaz.countries, row[0]


def test_directions_table_is_consistent():
    gaz = get_gazetteer()
    for (country, _), entry in gaz.directions.items():
        if entry.admin1_key:
            assert gaz.admin1s[entry.admin1_key].country_code == country
            assert entry.share >= 0.6


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(text):
    for name, start, end, qual in find_place_phrases(text):
        assert 0 <= start < end <= len(text)
        resolve_place(name, start=start, end=end, qualifier=qual)
    resolve_place(text)
    country_codes_in(text)


def test_load_reads_the_built_town_index_and_defers_the_rest(monkeypatch):
    """What keeps the gazetteer's load quick, checked without a clock (its time is
    measured by benchmarks/gazetteer_load.py, see docs/performance.md): the 70k-town
    name index is read from the file scripts/build_gazetteer.py made, not rebuilt
    name by name; no town object is built; districts and small places are read on
    first use only."""
    from newscoder.resolve import gazetteer as module

    read: list[str] = []
    keys: list[str] = []
    towns: list[object] = []
    real_read, real_key = module._data_file, module.name_key
    monkeypatch.setattr(module, "_data_file", lambda name: read.append(name) or real_read(name))
    monkeypatch.setattr(module, "name_key", lambda text: keys.append(text) or real_key(text))
    monkeypatch.setattr(module, "City", lambda *fields: towns.append(fields))

    gaz = Gazetteer.load()

    assert "city_index.txt.gz" in read
    assert "admin2.tsv.gz" not in read and "admin2_index.txt.gz" not in read
    assert gaz._admin2_names is None and gaz._small_archive is None
    assert towns == [] and gaz._city_cache == {}
    # Country and region aliases are keyed at load (a few thousand); the towns are not.
    assert len(gaz._city_lines) > 50_000
    assert len(keys) < len(gaz._city_lines) // 5
    assert gaz.knows("Maiduguri") and towns == []  # a look-up still builds no town


def test_unknown_subdistrict_falls_back_to_its_unit():
    from newscoder.resolve.places import find_place_phrases

    text = "A teacher was hacked to death in Fakepur upazila of Barisal on Friday."
    assert [p[0] for p in find_place_phrases(text)] == ["Barisal"]


def test_bracketed_hierarchy_falls_back_to_district_or_province():
    from newscoder.resolve.places import find_parenthetical_places

    places = find_parenthetical_places(
        "Gunmen raided Notarealvillage (Malanville, Alibori) at night."
    )
    assert [(p.name, p.admin1, p.country_code, p.geo_precision) for p in places] == [
        ("Notarealvillage", "Alibori", "BJ", 2)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen raided Notarealvillage village (Malanville, Alibori) at night.",
        "Gunmen raided Notarealvillage neighbourhood (Malanville, Alibori) at night.",
    ],
)
def test_bracketed_hierarchy_after_a_settlement_word(text: str):
    from newscoder.resolve.places import find_parenthetical_places

    places = find_parenthetical_places(text)
    assert [(p.name, p.admin1, p.geo_precision) for p in places] == [
        ("Notarealvillage", "Alibori", 2)
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # The NER tags these towns PERSON / ORG; the locative slot and the gazetteer decide.
        ("Protesters marched in Cotonou.", "Cotonou"),
        ("Rioters set two police cars alight in Save on Sunday.", "Savé"),
        ("A carpenter was shot dead in Kerou on Monday.", "Kérou"),
    ],
)
def test_town_in_a_locative_slot_is_a_place_whatever_the_ner_says(code_text, text, place):
    event = code_text(text, published="2019-12-31")["events"][0]
    assert event["location"]["name"] == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Bandits shot dead eight people in Dutsin-Ma on Sunday.", "Dutsin-Ma"),  # NER stops at '-'
        ("Police broke up a protest by traders in Katsina city on Monday.", "Katsina"),
        ("Armed men killed seven traders at Dutsin-Ma market on Sunday.", "Dutsin-Ma"),
    ],
)
def test_names_with_hyphens_unit_or_site_words_are_places(code_text, text, place):
    event = code_text(text, published="2024-02-14")["events"][0]
    assert event["location"]["name"] == place


def test_an_event_placed_only_in_a_country_is_coded_at_its_capital(code_text):
    event = code_text(
        "Thousands protested against the government in Nigeria on Tuesday.", "2023-01-10"
    )["events"][0]
    assert (event["location"]["name"], event["location"]["geo_precision"]) == ("Abuja", 3)
    assert "only the country is named" in event["location"]["reason"]


def test_an_event_without_a_place_takes_the_one_its_paragraph_named_before(code_text):
    text = (
        "Tension was high in Parakou, Benin, on Friday after the vote. "
        "Rioters set fire to a cotton warehouse.\n\n"
        "Elsewhere, a minister resigned."
    )
    event = code_text(text, "2023-05-05")["events"][0]
    assert event["location"]["name"] == "Parakou"
    assert "the place the paragraph named before it" in event["reason"]


# -- small places (villages below the towns' 5,000 cut) ------------------------


def test_small_places_are_not_read_when_the_gazetteer_loads():
    gaz = Gazetteer.load()
    assert gaz._small_archive is None
    assert gaz.small_places("Larabanga", "GH")
    assert gaz._small_archive is not None and list(gaz._small_index) == ["GH"]
    assert gaz.small_places("Larabanga", "XX") == [] and gaz._small_index["XX"] == ([], {})


CYRILLIC = {"UA", "RU", "BY", "KZ", "KG", "TJ"}  # romanise.CYRILLIC_COUNTRIES


def test_small_places_file_is_consistent():
    gaz = get_gazetteer()
    archive = zipfile.ZipFile(io.BytesIO(_data_path("small_places.zip").read_bytes()))
    countries = sorted({member.split(".")[0] for member in archive.namelist()})
    assert len(countries) > 200 and set(countries) <= set(gaz.countries)
    assert sorted(archive.namelist()) == sorted(
        f"{country}.{kind}" for country in countries for kind in ("tsv", "index")
    )
    total = 0
    for country in countries:
        lines, index = gaz._small_country(country)
        total += len(lines)
        for line in lines[::97]:
            name, admin1, admin2, lat, lon, population = line.split("\t")
            assert admin1 or not admin2, name
            assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
            assert int(population) < 5000, name  # bigger ones are towns in cities.tsv.gz
        for key, rows in list(index.items())[::97]:
            codes = [int(code) for code in rows.split(",")]
            assert codes == sorted(codes) and codes[-1] // 2 < len(lines), key
            for code in codes:  # "row*2+1": the key is the row's own name, or
                # (countries writing Cyrillic) a romanisation of it: scripts/romanise.py
                own = name_key(lines[code // 2].split("\t")[0]) == key
                assert own <= (code % 2 == 1), key
                assert own or code % 2 == 0 or country in CYRILLIC, key
    assert total > 100_000


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Larabanga", "GH", ("Larabanga", True)),
        ("Laribanga", "GH", ("Larabanga", False)),  # an alias
        ("Odumase Krobo", "GH", ("Odumase Krobo", True)),
        ("Odumasekrobo", "GH", ("Odumase Krobo", False)),  # the space-less form
        ("Wassaakropong", "GH", ("Wassa-Akropong", False)),
        ("Larabanga", "NG", None),
    ],
)
def test_small_place_index(name, country, expected):
    """What scripts/build_gazetteer.py indexes: own names, aliases and the
    space-less forms of both, one country at a time."""
    found = get_gazetteer().small_places(name, country)
    assert (found[0][0].name, found[0][1]) == expected if expected else not found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Romanisations of a town's Cyrillic names (scripts/romanise.py) are own names:
        # Ukraine's national system, BGN/PCGN, a mix, the Russian name.
        ("Sievierodonetsk", ("Siverskodonetsk", "UA", True)),
        ("Severodonetsk", ("Siverskodonetsk", "UA", True)),
        ("Avdeyevka", ("Avdiyivka", "UA", True)),
        ("Hulyaipole", ("Hulyaypole", "UA", True)),
        ("Konstantinovka", ("Kostyantynivka", "UA", True)),  # before Amur's, by size
        ("Oryol", ("Orël", "RU", True)),  # the Wikipedia scheme's "yo"
        ("Grodno", ("Hrodna", "BY", True)),  # the Russian name in Belarus
        # A former name is no spelling of the town's name: it stays an alias.
        ("Artyomovsk", ("Bakhmut", "UA", False)),
        ("Zhdanov", ("Mariupol", "UA", False)),
    ],
)
def test_romanised_cyrillic_names_are_own_names(name, expected):
    town, own = get_gazetteer().city_matches(name)[0]
    assert (town.name, town.country_code, own) == expected


def test_romanised_names_of_small_places_are_own_names():
    # The village Hulyaypole (Dnipropetrovsk) answers to the national system's spelling.
    [(place, own)] = get_gazetteer().small_places("Huliaipole", "UA")
    assert (place.name, place.admin1_key, own) == ("Hulyaypole", "UA.04", True)


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        # A village resolves only inside the article's countries.
        ("Larabanga", {"context": ["GH"]}, ("Larabanga", "Savannah", 1)),
        ("Larabanga", {"context": ["NG", "GH"]}, ("Larabanga", "Savannah", 1)),
        ("Larabanga", {"context": ["GH"], "qualifier": "near"}, ("Larabanga", "Savannah", 2)),
        ("Larabanga", {}, None),  # no country context: never a village somewhere in the world
        ("Larabanga", {"context": ["NG"]}, None),  # not in the article's country
        # Two villages called Noorabad in Pakistan: only the named province decides.
        ("Noorabad", {"context": ["PK"]}, None),
        ("Noorabad, Sindh", {"context": ["PK"]}, ("Noorabad", "Sindh", 1)),
        (
            "Noorabad, Khyber Pakhtunkhwa",
            {"context": ["PK"]},
            ("Noorabad", "Khyber Pakhtunkhwa", 1),
        ),
        # Two villages called Atan in Ogun: the district named with it decides.
        ("Atan, Ogun", {"context": ["NG"]}, None),
        ("Atan, Ijebu North East, Ogun", {"context": ["NG"]}, ("Atan", "Ogun", 1)),
    ],
)
def test_small_place_needs_the_article_country_and_a_unique_match(name, kwargs, expected):
    place = resolve_place(name, **kwargs)
    if expected is None:
        assert place is None
        return
    assert place is not None
    assert (place.name, place.admin1, place.geo_precision) == expected
    assert "small place" in place.reason and "article's country" in place.reason


def test_a_known_town_is_never_replaced_by_a_village():
    # Kandi is a Beninese town of the main table; a village namesake must not win.
    place = resolve_place("Kandi", context=["BJ"])
    assert place is not None and "small place" not in place.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The district in brackets tells the two Atan of Ogun apart.
        ("Armed men looted shops in Atan (Ijebu North East, Ogun).", ("Atan", 6.89, 4.01)),
        ("Armed men looted shops in Atan (Ado Odo/Ota, Ogun).", ("Atan", 6.67, 3.09)),
    ],
)
def test_bracketed_district_picks_between_villages(text, expected):
    from newscoder.resolve.places import find_parenthetical_places

    [place] = find_parenthetical_places(text)
    assert (place.name, place.admin1, place.geo_precision) == (expected[0], "Ogun", 1)
    assert (place.lat, place.lon) == pytest.approx(expected[1:], abs=0.02)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The corrected name is looked up first; the text's own name if it fails.
        (
            "Youths blocked a road in Larabanaga [Larabanga] (West Gonja, Savannah).",
            ("Larabanga", 1),
        ),
        (
            "Youths blocked a road in Larabanga [Larabanga-Nord] (West Gonja, Savannah).",
            ("Larabanga", 1),
        ),
        # Neither known: the district, under the corrected name.
        (
            "Youths blocked a road in Notareal [Notarealvillage] (Malanville, Alibori).",
            ("Notarealvillage", 2),
        ),
        (
            "Youths blocked a road in Notareal village [Notarealvillage] (Malanville, Alibori).",
            ("Notarealvillage", 2),
        ),
    ],
)
def test_square_bracketed_correction_keeps_the_hierarchy(text, expected):
    from newscoder.resolve.places import find_parenthetical_places

    [place] = find_parenthetical_places(text)
    assert (place.name, place.geo_precision) == expected
    assert text[place.start : place.end] in {"Larabanaga", "Larabanga", "Notareal"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Colombia and Venezuela both have a Sucre; the one holding the town is meant
        # (Venezuela's is the more populous, which decided before).
        ("Gunmen killed a shopkeeper in Corozal (Sucre) on Monday.", ("Corozal", "CO", 1)),
        ("Gunmen killed a shopkeeper in Sincelejo (Sucre) on Monday.", ("Sincelejo", "CO", 1)),
        # A name in neither: the units keep their order, the village its own name.
        ("Gunmen killed a shopkeeper in Zorbaquel (Sucre) on Monday.", ("Zorbaquel", "VE", 3)),
    ],
)
def test_bracketed_unit_holding_the_named_town_is_meant(text, expected):
    from newscoder.resolve.places import find_parenthetical_places

    [place] = find_parenthetical_places(text)
    assert (place.name, place.country_code, place.geo_precision) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The towns' Rampur lie outside Kerala: the text places this one in Kerala.
        ("Farmers marched in Rampur, Kerala on Monday.", [("Rampur, Kerala", "in unit")]),
        ("Farmers marched near Rampur, Kerala on Monday.", [("Rampur, Kerala", "near unit")]),
        # A Rampur the towns have in the unit named: left to the other readings.
        ("Farmers marched in Rampur, Uttar Pradesh on Monday.", []),
        # Units in a list; a town's whole name with its particles.
        ("Farmers marched in Kabul, Herat and Kandahar.", []),
        ("Farmers marched in San Juan de los Lagos, Jalisco on Monday.", []),
    ],
)
def test_place_then_its_admin1_when_the_towns_have_it_only_elsewhere(text, expected):
    phrases = find_place_phrases(text)
    assert [(name, qual) for name, _, _, qual in phrases] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An admin1 after a comma is the unit the district lies in, as "of Kunduz" is.
        ("Taliban attacked a checkpoint in Chahar Dara district, Kunduz.", "Chahar Dara, Kunduz"),
        ("Taliban attacked a checkpoint in Chahar Dara district of Kunduz.", "Chahar Dara, Kunduz"),
        (
            "Taliban attacked a checkpoint in the district of Chahar Dara, Kunduz.",
            "Chahar Dara, Kunduz",
        ),
        # A town after a comma is no unit of the district.
        ("Taliban attacked a checkpoint in Bagram district, Charikar.", "Bagram"),
    ],
)
def test_the_unit_a_district_lies_in_after_a_comma(text, expected):
    [(name, _, _, qualifier)] = find_place_phrases(text)
    assert (name, qualifier) == (expected, "district")


def test_a_place_known_only_outside_the_unit_named_is_coded_at_the_unit():
    place = resolve_place("Rampur, Kerala", qualifier="in unit", context=["IN"])
    assert place is not None
    assert (place.name, place.admin1, place.geo_precision, place.rule) == (
        "Rampur",
        "Kerala",
        3,
        "PL200",
    )


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_names_with_a_country_context_never_raise(text):
    resolve_place(text, context=["NG", "BJ"])
    resolve_place(f"{text}, Ogun", context=["NG"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed three farmers in Larabanga, Ghana, on Monday.", ("Larabanga", 1)),
        # No country named: a village only one country has is taken (PL024: of 27 + 17
        # events such votes placed on the global set's halves, one was in a wrong country)
        ("Gunmen killed three farmers in Larabanga on Monday.", ("Larabanga", 1)),
        # ... one two countries have is not (nor any namesake abroad)
        ("Gunmen killed three farmers in Lemu on Monday.", None),
        # Was "Savannah, Georgia": the corrected name, inside the bracketed units.
        (
            "On 3 March 2021, rioters burned a police post in Larabanaga [Larabanga] "
            "(West Gonja, Savannah).",
            ("Larabanga", 1),
        ),
    ],
)
def test_an_event_in_a_village_of_the_article_country(code_text, text, expected):
    location = code_text(text, published="2021-03-05")["events"][0]["location"]
    if expected is None:
        assert location is None
        return
    assert (location["name"], location["geo_precision"]) == expected
    assert location["country_code"] == "GH" and location["admin1"] == "Savannah"
    # the village, from the small places (resolve_place) or the geoparser (WW042)
    assert "small place" in location["reason"] or "village 'Larabanga'" in location["reason"]


def test_a_bracket_after_a_name_does_not_start_a_sentence(code_text):
    text = "On 3 May 2022, gunmen burned a police post in Notareal [Notareal-Gare] (Malanville, Alibori)."
    event = code_text(text, "2022-05-05")["events"][0]
    assert event["location"]["admin1"] == "Alibori"


def test_a_fronted_town_the_tagger_reads_as_a_noun_is_still_a_place(code_text):
    event = code_text(
        "In Rusape, angry residents barricaded roads with stones and logs.", "2016-07-05"
    )["events"][0]
    assert event["location"]["name"] == "Rusape"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Thousands took to the streets of Kenya's commercial capital Mombasa on Friday "
         "to protest against tax rises.", "Mombasa"),  # a name in apposition, tagged NORP
        ("Kenyan teachers are angry over pay. On Friday hundreds of them marched in the "
         "capital.", "Nairobi"),  # "the capital" of the country the report is about
    ],
)  # fmt: skip
def test_the_capital_and_a_capital_named_in_apposition(code_text, text, place):
    event = next(e for e in code_text(text, "2016-07-05")["events"] if e["acled"]["event_type"])
    assert event["location"]["name"] == place


def test_an_event_without_a_place_takes_the_one_its_paragraph_names_after_it(code_text):
    text = (
        "On 4 May 2023, traders demonstrated against a new market levy. "
        "They blocked the main road in Parakou, Benin, for three hours."
    )
    event = code_text(text, "2023-05-06")["events"][0]
    assert event["location"]["name"] == "Parakou"
    assert "the place the paragraph named after it" in event["reason"]


def test_people_of_a_town_place_their_event_there(code_text):
    event = code_text(
        "On 10 June 2019, residents of Tchaourou, Benin, barricaded a main road.", "2019-06-12"
    )["events"][0]
    assert event["location"]["name"] == "Tchaourou"


def test_seats_of_government_outside_the_official_capital():
    gaz = get_gazetteer()
    assert gaz.country("BJ").capital == "Cotonou"  # not Porto-Novo
    assert gaz.country("CI").capital == "Abidjan"  # not Yamoussoukro
    assert gaz.country("NG").capital == "Abuja"
    for code, seat in _rows("seats_of_government.tsv"):
        assert resolve_place(seat, context=[code]).country_code == code


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A town naming the people or the site of the event.
        ("About 300 Mombasa residents marched on Monday over water cuts.", "Mombasa"),
        ("Forty nurses from a Kisumu district hospital went on strike over unpaid wages.",
         "Kisumu"),
        # "in <Name>" the parser hung on the next noun.
        ("On 3 March 2019, in Parakou shops were looted by rioters after the vote.", "Parakou"),
        # A place after "through", and the part of a town named after "of".
        ("Hundreds of pupils marched through Lokossa against the new fees.", "Lokossa"),
        ("Traders protested in the streets of Lokossa on Monday over a new levy.", "Lokossa"),
        # A facility, body or gathering named after its town.
        ("A shell struck the car park of Mombasa General Hospital on Monday.", "Mombasa"),
        ("Customers stoned a Kisumu bank branch on Monday after a failed payout.", "Kisumu"),
        ("Rival party youths clashed with knives at a Nakuru campaign rally on Sunday.", "Nakuru"),
        # The site word need not end the name; a province names one too.
        ("Lecturers at the Kisumu Institute of Technology went on strike on Monday.", "Kisumu"),
        ("Land activists picketed Kampong Speu Provincial Hall on Monday.", "Kampong Speu"),
        # A town owning the site.
        ("Nurses picketed outside Nakuru's county hall on Monday over late pay.", "Nakuru"),
    ],
)  # fmt: skip
def test_towns_named_beside_the_people_sites_and_streets(code_text, text, place):
    event = next(e for e in code_text(text, "2019-03-05")["events"] if e["acled"]["event_type"])
    assert event["location"]["name"] == place


def test_a_country_modifying_a_noun_is_no_town(code_text):
    event = code_text("Kenya police officers protested over pay in Kisumu.", "2019-03-05")[
        "events"
    ][0]
    assert event["location"]["name"] == "Kisumu"


def test_towns_found_in_one_country_only_give_the_report_its_country(code_text):
    # No country named; "Allada" exists only in Benin, "Tori" in Benin, Italy and Estonia.
    text = "On 3 May 2019, youths burned tyres on the road between Allada and Tori."
    event = code_text(text, "2019-02-28")["events"][0]
    assert event["location"]["country_code"] == "BJ"
    assert countries_of_towns(["Allada", "Tori"]) == ["BJ"]
    assert countries_of_towns(["Tori"]) == []


def test_an_alias_shared_with_a_town_abroad_is_no_country_clue():
    assert "tori" not in get_gazetteer().well_known_names(200_000)  # Turin's alias, a Benin town


def test_a_bracketed_place_outranks_the_same_name_read_again_before_it(code_text):
    text = (
        "On 2 March 2023, gunmen burned a school in the municipality of Kouande (Kouande, Atacora)."
    )
    event = code_text(text, "2023-03-04")["events"][0]
    assert event["location"]["admin1"] == "Atakora"  # GeoNames' town of that name is elsewhere


@pytest.mark.parametrize("word", ["Village", "Lake", "Camp", "Market"])
def test_a_word_for_a_kind_of_place_is_no_place(word):
    # GeoNames has towns called "Village" (Saint Lucia) or "Lake": never the one meant.
    assert resolve_place(word) is None


def test_a_body_named_after_a_country_is_not_a_town(code_text):
    event = code_text("Staff of the Kenya National Hospital went on strike.", "2019-03-05")[
        "events"
    ][0]
    assert event["location"]["name"] == "Nairobi"  # the country, coded at its capital


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("workers clashed in Madhya Pradesh's Indore city on Monday", "Indore"),
        ("a bus was torched in Bogra town on Tuesday", "Bogra"),
        ("traffic stopped in the Kano city centre", "Kano"),  # the town, not Kano State
    ],
)
def test_a_name_before_city_or_town_is_the_town(text, found):
    assert [p[0] for p in find_place_phrases(text)] == [found]


def test_a_country_before_city_is_not_read_as_the_country():
    assert all(p[0] != "Mexico" for p in find_place_phrases("a march in Mexico City"))


def test_a_unit_only_one_country_has_names_the_country(code_text):
    assert countries_of_unit_words("a clash at a village in Nandail upazila") == ["BD"]
    assert countries_of_unit_words("gunmen attacked two villages in Bokkos LGA") == ["NG"]
    assert countries_of_unit_words("a clash in the district") == []
    # Gopalganj is a town in Bangladesh and in India (the larger): the upazila decides.
    text = "Two men were injured in a clash in Gopalganj upazila on Monday."
    event = code_text(text, "2015-03-05")["events"][0]
    assert event["location"]["country_code"] == "BD"


@pytest.mark.parametrize("word", ["College", "Post", "Forest", "Centre"])
def test_common_words_are_no_place_names(word):
    assert resolve_place(word) is None


@pytest.mark.parametrize(
    ("text", "unlisted"),
    [
        ("Separatist forces shelled army positions near Novolaspa, Donetsk on Monday.", True),
        ("Gunmen burned a police post in Notareal (Alibori) on Monday.", True),  # PL040
        ("Separatist forces shelled army positions near Avdiivka, Donetsk on Monday.", False),
        ("Gunmen burned a police post in Notareal (Malanville, Alibori) on Monday.", False),
    ],
)
def test_a_place_the_gazetteer_lacks_at_its_units_centre_is_flagged(code_text, text, unlisted):
    """PL200 / PL040 places carry ``unlisted`` (linking's LK057 reads it, not the reason)."""
    location = code_text(text, "2022-12-02")["events"][0]["location"]
    assert location["unlisted"] is unlisted


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # The towns' own spellings decide the article's countries before the geoparser
        # reads it: "St. Petersburg" is a clue to Russia as "Saint Petersburg" is.
        ("On Sunday, in St. Petersburg - Tsentralny, 200 people protested against the war.", "RU"),
        ("On Sunday, residents marched in St. Louis to demand police reform.", "US"),
    ],
)
def test_an_abbreviated_saint_counts_as_country_evidence(code_text, text, country):
    location = code_text(text, "2022-03-08")["events"][0]["location"]
    assert location["country_code"] == country


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # WW043: "Lerdo" is no place of its own inside "Toluca de Lerdo".
        ("On 13 June 2022, in Toluca de Lerdo, Mexico, residents blocked a road.", "Mexico"),
        # A full name joined by particles, known as the town's alias, is read whole.
        (
            "On 30 May 2022, in San Pedro de las Colonias, Coahuila, workers held a sit-in.",
            "Coahuila de Zaragoza",
        ),
    ],
)
def test_a_name_joined_by_particles_is_one_place(code_text, text, admin1):
    event = code_text(text, "2022-06-20")["events"][0]
    assert event["location"]["admin1"] == admin1
    assert event["location"]["country_code"] == "MX"


def test_a_word_of_a_hyphenated_geoparsed_name_is_no_place_of_its_own(code_text):
    # WW043 with hyphens: "Croix" of "Croix-des-Bouquets" is no town in France.
    text = "Gunmen attacked a market in Croix-des-Bouquets on Monday, killing two people."
    location = code_text(text, "2022-06-20")["events"][0]["location"]
    assert (location["name"], location["country_code"]) == ("Croix-des-Bouquets", "HT")


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("People demonstrated in Volkach against the war in Ukraine.", {"UA"}),
        ("People denounced the Russian military invasion of Ukraine.", {"RU", "UA"}),
        ("The Ukrainian community rallied in solidarity with Ukraine.", {"UA"}),
        ("Russian forces shelled Kharkiv in eastern Ukraine.", set()),
        ("The war in Ukraine went on; Ukrainian troops retook Izium.", set()),
        # the invader after "by", a possessive before the war noun, a crisis "in"
        ("They condemned the invasion of Ukraine by Russia.", {"RU", "UA"}),
        ("Signs against Russia's invasion of Ukraine were held up.", {"RU", "UA"}),
        ("Students spoke about the crisis in Sri Lanka.", {"LK"}),
        ("People marched in Volkach, urging a cease-fire in Ukraine.", {"UA"}),
        ("They urged a truce in Yemen.", {"YE"}),
    ],
)
def test_countries_named_only_as_the_topic(text, topics):
    from newscoder.resolve.country_evidence import country_codes_in, topic_countries

    assert topic_countries(text, country_codes_in(text)) == topics


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("On 5 March 2022, people demonstrated in Volkach against the war in Ukraine.", "Bayern"),
        (
            "On 5 March 2022, around 200 people demonstrated in Wilhelmshaven. They denounced "
            "the Russian military invasion of Ukraine.",
            "Niedersachsen",
        ),
    ],
)
def test_a_protest_about_a_war_abroad_is_placed_at_home(code_text, text, admin1):
    # PL022: the countries a report names only as its topic do not place its towns.
    event = code_text(text, "2022-03-08")["events"][0]
    assert event["location"]["admin1"] == admin1


def test_a_country_named_only_as_the_topic_is_no_place_of_the_event(code_text):
    # WW555 + PL022: the towns are searched worldwide when the countries named are all
    # topics; a town no gazetteer knows leaves the place empty, not at Kyiv.
    found = code_text(
        "On 4 March 2022, a dozen people gathered in Fougeres against the Russian invasion of "
        "Ukraine.",
        "2022-03-08",
    )["events"][0]["location"]
    assert (found["name"], found["country_code"]) == ("Fougères", "FR")
    unknown = code_text(
        "On 4 March 2022, people demonstrated in Zzyzxville against the war in Ukraine.",
        "2022-03-08",
    )["events"][0]["location"]
    assert unknown is None or unknown.get("country_code") != "UA"


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("UA.12", "Kyiv City"),
        ("UA.13", "Kyiv"),
        ("BG.42", "Sofia City"),
        ("BG.58", "Sofia"),
        ("KZ.02", "Almaty City"),
        ("KZ.01", "Almaty"),
        ("MZ.11", "Maputo City"),
    ],
)
def test_a_city_and_its_province_of_one_name_are_told_apart(key, name):
    # The city's other names say "city" ("misto Kyiv"), or its twin's say "oblast".
    assert get_gazetteer().admin1s[key].name == name


def test_the_city_unit_is_named_in_the_location(code_text):
    event = code_text("On 5 March 2022, Russian missiles struck Kyiv, killing two.", "2022-03-08")
    assert event["events"][0]["location"]["admin1"] == "Kyiv City"


def test_a_name_shelled_in_the_passive_is_the_place_hit(code_text):
    """ "Popasna was shelled": the passive subject of a verb of attack is the place hit,
    as the object of "shelled Popasna" is, whatever the NER called it; the place's
    country makes the attacker's forces foreign there."""
    event = code_text("On 3 May 2022, Popasna was shelled by Russian forces.", "2022-05-05")[
        "events"
    ][0]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Popasna", "Luhansk")
    assert event["actor1"]["type"] == "External/Other forces"


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2022, rockets fired by Russian troops hit Sumy.",
        # the NER takes the town for a person: a targeted civilian is Civilians (X) anyway
        "On 3 May 2022, Russian forces continued shelling Kharkiv.",
    ],
)
def test_a_place_hit_is_named_as_its_civilians_not_as_an_actor(code_text, text):
    """ "rockets fired by Russian troops hit Sumy": the target typed Civilians by AC115 is written as the
    place's civilians (AC132), never as the place's name."""
    event = code_text(text, "2022-05-05")["events"][0]
    assert (event["actor2"]["name"], event["actor2"]["type"]) == (
        "Civilians (Ukraine)",
        "Civilians",
    )


def test_a_village_the_ner_took_for_a_person_is_no_person(code_text):
    """ "entered Zee Gone village": the NER tags the whole phrase PERSON; its head is a
    place unit, so it is a place (AC132), never a person named in the text."""
    text = "On 4 May 2022, soldiers entered Zee Gone village in Sagaing Region."
    actor2 = code_text(text, "2022-05-05")["events"][0]["actor2"]
    assert actor2 is None or actor2["rule"] != "AC015"


def test_an_institution_is_no_village_of_its_first_word(code_text):
    """ "the Supreme Court": WW020 reads a town opening a site's name ("Benghazi Medical
    Centre"), never a village no town answered for (Supreme, Louisiana)."""
    text = "On 9 May 2022, about 200 people rallied outside the Supreme Court in Washington."
    place = code_text(text, "2022-05-10")["events"][0]["location"]
    assert (place["name"], place["country_code"]) == ("Washington", "US")


def test_a_crowd_is_named_by_the_country_it_gathers_in(code_text):
    """ACLED names protesters and rioters by the event's country (5,352 of 5,433 crowd
    names in the global dev set), whoever they march for."""
    text = "On 9 May 2022, pro-Palestinian activists held a demonstration in Leeds."
    actor1 = code_text(text, "2022-05-10")["events"][0]["actor1"]
    assert (actor1["name"], actor1["type"]) == ("Protesters (United Kingdom)", "Protesters")


def test_a_village_only_one_country_has_places_a_report_that_names_no_country(code_text):
    # PL024: no country, no town: the small places of every country vote ("Gnoien" is
    # only in Germany); an alias or a name two countries share does not vote
    from newscoder.resolve.country_evidence import countries_of_small_places

    assert countries_of_small_places(["Gnoien"]) == ["DE"]
    assert countries_of_small_places(["Zzyzxville"]) == []
    location = code_text(
        "On 16 March 2022, about forty people demonstrated in Gnoien against new parking fees.",
        "2022-03-18",
    )["events"][0]["location"]
    assert (location["country_code"], location["admin1"]) == ("DE", "Mecklenburg-Vorpommern")


def test_a_post_title_is_no_place(code_text):
    # PL220: "Head of Mission, Kabul" names a post; "Mission" is no village of Kabul
    from newscoder.resolve.places import find_place_phrases

    assert find_place_phrases("an attack on the Head of Mission, Kabul, was condemned") == []
    assert find_place_phrases("gunmen attacked a market in Tejalpa, Morelos") != []


def test_topic_countries_do_not_stop_the_small_places_vote(code_text):
    # PL024 with PL022: a report naming only its topic's country still votes by its village
    location = code_text(
        "On 16 March 2022, about forty people gathered in Gnoien against the war in Ukraine.",
        "2022-03-18",
    )["events"][0]["location"]
    assert (location["country_code"], location["admin1"]) == ("DE", "Mecklenburg-Vorpommern")
