"""The world actor knowledge base: the dictionary parser, the role table, look-ups, agents.

Dictionary snippets here are written for the tests in the PETRARCH format (fictional
names, real codes); nothing is copied from the dictionaries. Start-up time is
measured by benchmarks/kb_startup.py, not asserted here.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import os
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from newscoder import worldkb as kb
from newscoder.knowledge import ACLED_ACTOR_TYPES

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "build_world_actors", ROOT / "scripts" / "build_world_actors.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_world_actors", module)
    spec.loader.exec_module(module)
    return module


build = _build_module()


def _world(name: str):
    return resources.files("newscoder").joinpath("data", "world", name)


# --------------------------------------------------------------------------- the parser

ACTOR_SNIPPET = """\
# a test dictionary in the PETRARCH format
<!-- an XML comment line -->
NORTHERN_HILLS_LIBERATION_FRONT_(NHLF)_ [NGAREB] # the name line holds the code
+HILLS_FRONT_
+NHLF_FIGHTERS+_HILL_BRIGADE_
#+A_COMMENTED_SYNONYM
PEOPLE'S_ARMY_OF_THE_VALLEY_(COLOMBIA)_ [KKLREB]

MARIA_EXAMPLE_  # a person with dated roles
+PRESIDENT_EXAMPLE_
	[KENELI 900101-051231]
	[KENGOV >060101]
	[KENOPP]
	[KENELI]
JOHN_SAMPLE_	[USAGOV 010120-050120] [IGOUNOKID >050501]
BAD_DATES_
	[FRAGOV 990101-980101]
	[FRAGOV 2004017-20061201]
	[FRAGOV 20121204]
"""


def test_actor_entries_synonyms_and_comments() -> None:
    entries = build.parse_actor_dictionary(ACTOR_SNIPPET.splitlines())
    assert [e.phrase for e in entries] == [
        "NORTHERN_HILLS_LIBERATION_FRONT_(NHLF)_",
        "PEOPLE'S_ARMY_OF_THE_VALLEY_(COLOMBIA)_",
        "MARIA_EXAMPLE_",
        "JOHN_SAMPLE_",
        "BAD_DATES_",
    ]
    front = entries[0]
    # a stray '+' joins two synonyms on one line; the commented synonym is skipped
    assert front.synonyms == ["HILLS_FRONT_", "NHLF_FIGHTERS", "_HILL_BRIGADE_"]
    assert [(r.code, r.start, r.end) for r in front.roles] == [("NGAREB", None, None)]


def test_dated_roles_and_several_codes_on_the_name_line() -> None:
    warnings: list[str] = []
    entries = build.parse_actor_dictionary(ACTOR_SNIPPET.splitlines(), warnings.append)
    maria, john, bad = entries[2], entries[3], entries[4]
    assert [(r.code, r.start, r.end) for r in maria.roles] == [
        ("KENELI", D(1990, 1, 1), D(2005, 12, 31)),
        ("KENGOV", D(2006, 1, 1), None),
        ("KENOPP", None, None),
        ("KENELI", None, None),
    ]
    assert [(r.code, r.start, r.end) for r in john.roles] == [
        ("USAGOV", D(2001, 1, 20), D(2005, 1, 20)),
        ("IGOUNOKID", D(2005, 5, 1), None),
    ]
    # a reversed window and a seven-digit date are skipped with a warning; a bare
    # date restricts nothing (PETRARCH's reader makes the code a default)
    assert [(r.code, r.start, r.end) for r in bad.roles] == [("FRAGOV", None, None)]
    assert len(warnings) == 2 and all("BAD" not in w for w in warnings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("011222", D(2001, 12, 22)),  # 00-30: the 2000s
        ("450703", D(1945, 7, 3)),
        ("301231", D(2030, 12, 31)),
        ("19270101", D(1927, 1, 1)),
        ("201005011", D(2010, 5, 1)),  # digits after YYYYMMDD are ignored
        ("1920030320", D(2003, 3, 20)),  # a century typed twice, repaired
        (" 140608", D(2014, 6, 8)),
    ],
)
def test_petrarch_dates(text: str, expected: dt.date) -> None:
    assert build.parse_date(text) == expected


@pytest.mark.parametrize("text", ["2004017", "12", "20100931", "abc"])
def test_bad_dates_raise(text: str) -> None:
    with pytest.raises(ValueError):
        build.parse_date(text)


def test_the_last_undated_role_is_the_default() -> None:
    entry = build.parse_actor_dictionary(ACTOR_SNIPPET.splitlines())[2]
    roles = build._effective_roles(entry.roles)
    assert [(r.code, r.start) for r in roles] == [
        ("KENELI", D(1990, 1, 1)),
        ("KENGOV", D(2006, 1, 1)),
        ("KENELI", None),
    ]


def test_entry_rows_name_aliases_country_and_type() -> None:
    stats = build.Stats()
    entries = build.parse_actor_dictionary(ACTOR_SNIPPET.splitlines())
    front = build.entry_rows(entries[0], "petrarch2/milnonstate", stats)
    assert len(front) == 1
    row = front[0]
    assert row.name == "Northern Hills Liberation Front"
    assert row.aliases == ["Hills Front", "NHLF Fighters", "Hill Brigade", "NHLF"]
    assert (row.country, row.role, row.acled_type) == ("NG", "REB", "Rebel group")
    valley = build.entry_rows(entries[1], "petrarch2/milnonstate", stats)[0]
    # KKL is the unknown-country placeholder: the parenthesis gives the country
    assert valley.name == "People's Army of the Valley (Colombia)"
    assert valley.country == "CO"
    maria = build.entry_rows(entries[2], "petrarch2/countries", stats)
    assert [(r.role, r.acled_type, r.start) for r in maria] == [
        ("ELI", "", D(1990, 1, 1)),
        ("GOV", "State forces", D(2006, 1, 1)),
        ("ELI", "", None),
    ]


AGENT_SNIPPET = """\
# agents in the PETRARCH format, written for this test
!PERSON! = MAN, MEN, WOMAN
HILL!PERSON! [~UAF]
RANGER {} [~MIL]
GOOSE_HERDER {GOOSE_HERDERS_ALL} [~AGR] # an irregular plural
ORCHARD_KEEPER [~AGR]
WATCH_MONITOR [IGO~]
AMBASSADOR_TO {} [~GOV]
NO_CODE_HERE
"""


def test_agent_entries_sets_and_plurals() -> None:
    warnings: list[str] = []
    agents = build.parse_agent_dictionary(AGENT_SNIPPET.splitlines(), warnings.append)
    assert [(a.noun, a.plural, a.code) for a in agents] == [
        ("HILLMAN", "", "~UAF"),
        ("HILLMEN", "", "~UAF"),
        ("HILLWOMAN", "", "~UAF"),
        ("RANGER", "", "~MIL"),
        ("GOOSE_HERDER", "GOOSE_HERDERS_ALL", "~AGR"),
        ("ORCHARD_KEEPER", None, "~AGR"),
        ("WATCH_MONITOR", None, "IGO~"),
        ("AMBASSADOR_TO", "", "~GOV"),
    ]
    assert len(warnings) == 1 and "NO_CODE_HERE" in warnings[0]


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("soldier", "soldiers"),
        ("militiaman", "militiamen"),
        ("party", "parties"),
        ("boss", "bosses"),
        ("policy day", "policy days"),
        ("armed forces", ""),  # already plural-looking: no form of its own
    ],
)
def test_regular_plurals(noun: str, expected: str) -> None:
    assert build.plural(noun) == expected


@pytest.mark.parametrize(
    ("code", "country", "role"),
    [
        ("AFGGOVMIL", "AF", "GOV"),
        ("GBRVGBGOV", "VG", "GOV"),  # a territory after its parent
        ("SDNSSDAUT", "SS", "AUT"),
        ("MUSGOV", "MU", "GOV"),  # Mauritius first, although MUS is also 'Muslim'
        ("AUTGOV", "AT", "GOV"),  # Austria, although AUT is also 'autonomous'
        ("EGYOPPMUS", "EG", "OPP"),
        ("KSVGOV", "XK", "GOV"),  # CAMEO codes that are not ISO
        ("TMPGOV", "TL", "GOV"),
        ("KKLREB", None, "REB"),  # the unknown-country placeholder
        ("WEUREB", None, "REB"),  # a region
        ("IGOUNOKID", None, "IGO"),
        ("MNCUSAHLH", "US", "MNC"),
        ("NGOGBRCHRPRO", "GB", "NGO"),
        ("IMGSEAMUSJMA", None, "IMG"),
        ("IMGMUSALQ", None, "IMG"),  # MUS after an international code is a religion
        ("HINRAD", None, "RAD"),
        ("AFG", "AF", ""),  # a country itself
    ],
)
def test_cameo_codes_decode(code: str, country: str | None, role: str) -> None:
    decoded = build.decode(code)
    assert decoded is not None
    assert (decoded.country, decoded.role) == (country, role)


@pytest.mark.parametrize("code", ["KNTGOV", "---", "s", "ZZQGOV"])
def test_unusable_codes(code: str) -> None:
    assert build.decode(code) is None


@pytest.mark.parametrize(
    ("phrase", "name", "acronyms"),
    [
        ("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_", "Aden Abyan Islamic Army", ["AAIA"]),
        ("CONSCIENTIOUS_ARSONISTS_(CA)", "Conscientious Arsonists", ["CA"]),  # not Canada
        ("AL-QAEDA_IN_IRAQ", "Al-Qaeda in Iraq", []),
        ("OSAMA_BIN_LADEN", "Osama bin Laden", []),
        ("TEHRIK-I-TALIBAN_PAKISTAN", "Tehrik-i-Taliban Pakistan", []),
        ("UN_SECURITY_COUNCIL", "UN Security Council", []),
        ("U.N._SECURITY_COUNCIL", "U.N. Security Council", []),
        ("DHKP/C", "DHKP/C", []),
        ("JOHN_PAUL_II", "John Paul II", []),
        ("23RD_OF_SEPTEMBER_LEAGUE_", "23rd of September League", []),
        ("MIGUEL_D'ESCOTO_", "Miguel D'Escoto", []),
        ("NGUYEN_VAN_AN", "Nguyen van An", []),
        ("GROUP_(ORIGINAL_NAME:_1990-1992)", "Group", []),
    ],
)
def test_display_names(phrase: str, name: str, acronyms: list[str]) -> None:
    text, found, _ = build.split_phrase(phrase)
    assert build.display_case(text, {a.upper() for a in found}) == name
    assert found == acronyms


@pytest.mark.parametrize(
    ("token", "others", "expected"),
    [
        ("ANSF", ["AFGHAN NATIONAL SECURITY FORCES"], True),  # initials of another name
        ("UNSC", ["UN SECURITY COUNCIL"], True),
        ("TTP", [], True),  # no vowel
        ("U.N.", [], True),
        ("AMIN", ["HAFIZULLAH AMIN"], False),  # a surname, not an acronym
        ("KABUL", ["AFGHANISTAN"], False),
    ],
)
def test_acronyms(token: str, others: list[str], expected: bool) -> None:
    assert build.is_acronym(token, others) is expected


# --------------------------------------------------------------------------- the role table

ROLE_TYPES = [
    # code, ACLED type, armed
    ("GOV", "State forces", False),  # acting officials are the state; attacked, Civilians
    ("MIL", "State forces", True),
    ("COP", "State forces", True),
    ("SPY", "State forces", True),
    ("JUD", "State forces", False),
    ("AUT", "State forces", None),
    ("OCC", "External/Other forces", None),
    ("REB", "Rebel group", True),
    ("INS", "Rebel group", True),
    ("UAF", "Political militia", True),  # ACLED's Unidentified Armed Group
    ("IMG", "Rebel group", True),
    ("IGO", "External/Other forces", None),
    ("UNO", "External/Other forces", None),
    ("CVL", "Civilians", False),
    ("PPL", "Civilians", False),
    ("NGO", "Civilians", False),
    ("MNC", "Civilians", False),
    ("MED", "Civilians", False),
    ("HLH", "Civilians", False),
    ("EDU", "Civilians", False),
    ("AGR", "Civilians", False),
    ("REF", "Civilians", False),
    # the role alone does not decide: what the actor does decides
    ("OPP", None, None),
    ("PTY", None, None),
    ("LEG", None, False),
    ("ELI", None, False),
    ("CRM", None, None),
    ("UNR", None, None),
    ("RAD", None, None),
    ("MUS", None, None),
]


@pytest.mark.parametrize(("code", "acled_type", "armed"), ROLE_TYPES)
def test_role_table_decisions(code: str, acled_type: str | None, armed: bool | None) -> None:
    role = kb.cameo_role(code)
    assert role is not None
    assert (role.acled_type, role.armed) == (acled_type, armed)


def test_role_table_is_well_formed() -> None:
    roles = kb.cameo_roles()
    assert len(roles) >= 40
    for role in roles.values():
        assert role.acled_type is None or role.acled_type in ACLED_ACTOR_TYPES
        assert role.kind in kb.ROLE_KINDS
        assert len(role.note) > 20, role.code  # every row says why
        if role.kind == "religion":
            assert role.acled_type is None  # an identity is not an actor kind


def test_no_unarmed_role_is_an_armed_type() -> None:
    armed_types = {"Rebel group", "Political militia", "Identity militia"}
    for role in kb.cameo_roles().values():
        if role.acled_type in armed_types:
            assert role.armed is True, role.code
        if role.acled_type in ("Civilians", "Protesters"):
            assert role.armed is False, role.code


# --------------------------------------------------------------------------- shipped data


def _actor_rows() -> list[list[str]]:
    text = gzip.decompress(_world("actors.tsv.gz").read_bytes()).decode("utf-8")
    return [line.split("\t") for line in text.split("\n")[1:] if line]


def test_derived_rows_are_typed_by_the_table() -> None:
    roles = kb.cameo_roles()
    rows = _actor_rows()
    assert len(rows) > 30_000
    for row in rows:
        assert len(row) == 10
        name, _, country, _, role, start, end, acled_type, source, _ = row
        assert name and source.startswith("petrarch2/")
        assert role == "" or role in roles, row
        expected = (roles[role].acled_type or "") if role else ""
        assert acled_type == expected, row
        assert country == "" or (len(country) == 2 and country.isupper()), row
        if start and end:
            assert start <= end, row


def test_agents_are_typed_by_the_table() -> None:
    roles = kb.cameo_roles()
    lines = [
        line.split("\t")
        for line in _world("agents.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    assert len(lines) > 4000
    nouns = [cells[0] for cells in lines]
    assert len(nouns) == len(set(nouns))
    for noun, role, _, acled_type, armed in lines:
        assert noun == kb.normalise(noun)
        assert acled_type == (roles[role].acled_type or "")
        assert armed == {True: "yes", False: "no", None: ""}[roles[role].armed]


def test_the_index_is_sorted_and_points_at_rows() -> None:
    text = gzip.decompress(_world("actor_index.tsv.gz").read_bytes()).decode("utf-8")
    lines = text.split("\n")[:-1]
    assert lines == sorted(lines)
    count = len(_actor_rows())
    for line in lines[::97]:
        key, rows, _ = line.split("\t")
        assert key == kb.normalise(key)
        assert all(1 <= int(r) <= count for r in rows.split(","))


def test_licence_and_readme_ship_with_the_data() -> None:
    licence = _world("LICENSE-petrarch2.txt").read_text("utf-8")
    assert "MIT License" in licence and "Permission is hereby granted" in licence
    readme = _world("README.md").read_text("utf-8")
    assert "PETRARCH2" in readme and "LICENSE-petrarch2.txt" in readme


def test_the_data_stays_small() -> None:
    folder = ROOT / "src" / "newscoder" / "data" / "world"
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert total < 2_000_000, total


def test_supplement_aliases_are_not_ambiguous() -> None:
    """No alias names two supplement actors of the same country at the same time."""
    seen: dict[tuple[str, str | None], list[kb.WorldActor]] = {}
    for key, actors in kb._supplement().by_key.items():
        for actor in actors:
            seen.setdefault((key, actor.country), []).append(actor)
    for (key, _), actors in seen.items():
        for a in actors:
            for b in actors:
                if a.entity == b.entity:
                    continue
                overlap = (a.valid_from or D.min) <= (b.valid_to or D.max) and (
                    b.valid_from or D.min
                ) <= (a.valid_to or D.max)
                assert not overlap, (key, a.name, b.name)


def test_supplement_rows_have_types_and_reasons() -> None:
    bases = Counter()
    for actors in kb._supplement().by_key.values():
        for actor in actors:
            basis, _, reason = actor.note.partition(": ")
            bases[basis] += 1
            assert reason
    assert set(bases) == {"acled-practice", "definition"}


SOURCE = build.default_source()


@pytest.mark.skipif(
    not (SOURCE / build.AGENT_FILE).is_file() or os.environ.get("NEWSCODER_SKIP_KB_REBUILD"),
    reason="the PETRARCH2 dictionaries are not next to this checkout",
)
def test_a_rebuild_reproduces_the_shipped_data(tmp_path: Path) -> None:
    build.main(["--source", str(SOURCE), "--out", str(tmp_path)])
    folder = ROOT / "src" / "newscoder" / "data" / "world"
    for name in ("actors.tsv.gz", "actor_index.tsv.gz", "blocks.tsv", "agents.tsv", "README.md"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name


# --------------------------------------------------------------------------- look-ups


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Hay'at Tahrir al-Sham", "hayat tahrir al sham"),
        ("HAYAT TAHRIR AL-SHAM", "hayat tahrir al sham"),
        ("People’s Defence Force", "peoples defence force"),
        ("U.N.", "un"),
        ("Forces Armées Maliennes", "forces armees maliennes"),
        ("  M23  ", "m23"),
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert kb.normalise(name) == key


SF, RG, PM, IM, EX = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "External/Other forces",
)


def _types(name: str, country: str | None = None, on: dt.date | None = None):
    return [(a.name, a.country, a.acled_type) for a in kb.lookup(name, country, on)]


@pytest.mark.parametrize(
    ("name", "country", "on", "expected"),
    [
        # dated role changes
        ("Taliban", "AF", D(2019, 5, 1), ("Taliban", "AF", RG)),
        ("Taliban", "AF", D(2022, 5, 1), ("Taliban", "AF", SF)),
        ("Rapid Support Forces", "SD", D(2020, 1, 1), ("Rapid Support Forces", "SD", SF)),
        ("RSF", "SD", D(2023, 6, 1), ("Rapid Support Forces", "SD", PM)),
        ("Hashd al-Shaabi", "IQ", D(2015, 1, 1), ("Popular Mobilization Forces", "IQ", PM)),
        ("PMF", "IQ", D(2020, 1, 1), ("Popular Mobilization Forces", "IQ", SF)),
        ("HTS", "SY", D(2023, 1, 1), ("Hay'at Tahrir al-Sham", "SY", RG)),
        ("HTS", "SY", D(2025, 2, 1), ("Hay'at Tahrir al-Sham", "SY", SF)),
        ("FARC", "CO", D(2010, 1, 1), ("FARC", "CO", RG)),
        ("FARC", "CO", D(2020, 1, 1), ("FARC", "CO", None)),  # a party now
        ("DPR forces", "UA", D(2020, 1, 1), ("Donetsk People's Republic forces", "UA", RG)),
        # the event's country chooses among namesakes
        ("ADF", "CM", None, ("Ambazonian separatists", "CM", RG)),
        ("ADF", "CD", None, ("Allied Democratic Forces", "CD", RG)),
        ("al-Shabaab", "MZ", None, ("Ahlu Sunnah Wa-Jamo", "MZ", PM)),
        ("al-Shabaab", "SO", None, ("al-Shabaab", "SO", RG)),
        ("al-Shabaab", "KE", None, ("al-Shabaab", "SO", RG)),  # the name's own holder first
        ("SNA", "SO", None, ("Somali National Army", "SO", SF)),
        ("SNA", "SY", None, ("Syrian National Army", "SY", RG)),
        # no actor of that country: the foreign one stays
        ("Wagner", "ML", None, ("Wagner Group", "RU", EX)),
        ("JNIM", "BF", None, ("JNIM", None, RG)),
        # aliases of current groups
        ("Tatmadaw", "MM", D(2022, 1, 1), ("Military Forces of Myanmar", "MM", SF)),
        ("VDP", "BF", None, ("Volunteers for the Defense of the Homeland", "BF", IM)),
        ("Amotekun", "NG", None, ("Western Nigeria Security Network", "NG", SF)),
        ("Civilian JTF", "NG", None, ("Civilian Joint Task Force", "NG", PM)),
        ("Macawisley", "SO", None, ("Macawisley", "SO", IM)),
        ("G-Pèp", "HT", None, ("G-Pep", "HT", PM)),
        ("Ansar Allah", None, None, ("Houthis", "YE", RG)),
        ("AGC", "CO", None, ("Clan del Golfo", "CO", PM)),
        ("KNU/KNLA", None, None, ("Karen National Union", "MM", RG)),
        # derived from the dictionaries
        ("ANSF", None, None, ("Afghan National Security Forces", "AF", SF)),
        ("Afghan", None, None, ("Afghanistan", "AF", None)),
    ],
)
def test_lookup(name: str, country: str | None, on: dt.date | None, expected: tuple) -> None:
    assert _types(name, country, on)[0] == expected


def test_an_undated_role_is_the_default_outside_the_dated_ones() -> None:
    # the dictionary's person: ELI until 2000, GOV from 22 Dec 2001, ELI as default
    assert [a.role for a in kb.lookup("Hamid Karzai", on=D(1990, 1, 1))] == ["ELI"]
    assert [a.role for a in kb.lookup("Karzai", on=D(2005, 1, 1))] == ["GOV"]
    assert [a.role for a in kb.lookup("Hamid Karzai", on=D(2001, 6, 1))] == ["ELI"]
    roles = kb.lookup("Hamid Karzai")
    assert {a.role for a in roles} == {"ELI", "GOV"} and len(roles) == 3


def test_a_name_that_did_not_exist_yet_finds_nothing() -> None:
    assert kb.lookup("Taliban government", "AF", D(2019, 1, 1)) == []
    assert kb.lookup("Salwa Judum", "IN", D(2015, 1, 1)) == []


def test_the_supplement_hides_the_dictionary_for_the_same_name() -> None:
    found = kb.lookup("Boko Haram")
    assert [a.source for a in found] == ["supplement"]


@pytest.mark.parametrize(
    ("alias", "country", "name"),
    [
        ("PNC", "CD", "Congolese National Police"),
        ("PNC", "SV", "National Civil Police of El Salvador"),
        ("PNP", "PE", "National Police of Peru"),
        ("PNP", "PH", "Philippine National Police"),
        ("Carabineros", "CL", "Carabineros de Chile"),
        ("OMON", "BY", "OMON of Belarus"),
    ],
)
def test_national_forces_by_acronym_are_their_countrys(alias, country, name) -> None:
    # one acronym, several countries' forces: the event's country decides
    found = kb.lookup(alias, country)
    assert [a.name for a in found] == [name]
    assert found[0].acled_type == "State forces"


@pytest.mark.parametrize(
    ("alias", "country", "acled_type"),
    [
        ("AFF", "AF", "Rebel group"),
        ("TPNPB", "ID", "Rebel group"),
        ("ULFA-I", "IN", "Rebel group"),
        ("First Capital Command", "BR", "Political militia"),
    ],
)
def test_armed_groups_of_current_conflicts(alias, country, acled_type) -> None:
    found = kb.lookup(alias, country)
    assert found and found[0].acled_type == acled_type
    assert kb.lookup("PCC") == []  # the bare acronym is left out (Indian Congress committees)


def test_unknown_names() -> None:
    assert kb.lookup("") == []
    assert kb.lookup("Zzyzx Liberation Brigade") == []


def test_state_forces_abroad_are_external() -> None:
    assert kb.type_abroad("State forces", "TR", "IQ") == "External/Other forces"
    assert kb.type_abroad("State forces", "IQ", "IQ") == "State forces"
    assert kb.type_abroad("State forces", None, "IQ") == "State forces"
    assert kb.type_abroad("Rebel group", "AF", "PK") == "Rebel group"
    russia = kb.lookup("Russian forces")[0]
    assert (russia.type_in("UA"), russia.type_in("RU")) == ("External/Other forces", "State forces")


def test_armed_follows_type_then_role() -> None:
    assert kb.lookup("M23")[0].armed is True
    assert kb.lookup("Ansar Allah")[0].armed is True
    assert kb.lookup("Indigenous People of Biafra")[0].armed is None  # OPP: varies


# --------------------------------------------------------------------------- names in text


def _found(text: str, **kw) -> list[tuple[str, str]]:
    return [(m.text, m.actors[0].name) for m in kb.find_actors(text, **kw)]


def test_find_actors_longest_matches_without_the_article() -> None:
    text = "The KIA and PDF fighters attacked; the Tatmadaw said the U.N. Security Council met."
    found = _found(text, on=D(2022, 3, 1))
    assert found[:3] == [
        ("KIA", "Kachin Independence Army"),
        ("PDF", "People's Defense Force"),
        ("Tatmadaw", "Military Forces of Myanmar"),
    ]
    assert ("U.N. Security Council", "U.N. Security Council") in found


def test_find_actors_offsets_are_the_text() -> None:
    text = "Officials said al-Shabaab gunmen and Boko Haram, not ISWAP, were behind it."
    mentions = kb.find_actors(text)
    assert [m.text for m in mentions] == ["al-Shabaab", "Boko Haram", "ISWAP"]
    for m in mentions:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "the kia and the pdf",  # acronyms only as written in capitals
        "a Kia car and an Aa battery",
        "karzai spoke",  # a one-word name must be capitalised
        "Taliban. Government officials",  # a name does not run over punctuation
    ],
)
def test_find_actors_is_careful_with_case(text: str) -> None:
    names = [m.text for m in kb.find_actors(text)]
    assert "kia" not in names and "pdf" not in names and "Kia" not in names
    assert "karzai" not in names and "Taliban. Government" not in names


def test_a_one_word_person_name_does_not_start_a_longer_name() -> None:
    assert _found("said Abdullah Abdulrahimzai, a resident.") == []
    assert [m.text for m in kb.find_actors("Karzai said.")] == ["Karzai"]


def test_find_actors_skips_countries_unless_asked() -> None:
    assert _found("Afghan officials met in Kabul.") == []
    assert [m.text for m in kb.find_actors("Afghan officials met", skip_roles=())] == ["Afghan"]


# --------------------------------------------------------------------------- agent nouns

AGENTS = [
    # noun, event country, date, (role, ACLED type)
    ("policemen", None, None, ("COP", "State forces")),
    ("soldiers", None, None, ("MIL", "State forces")),
    ("security personnel", None, None, ("MIL", "State forces")),
    ("gendarmes", None, None, ("COP", "State forces")),
    ("militiamen", None, None, ("UAF", "Political militia")),
    ("gunmen", None, None, ("UAF", "Political militia")),
    ("unknown gunmen", None, None, ("UAF", "Political militia")),
    ("insurgents", None, None, ("REB", "Rebel group")),
    ("rebels", None, None, ("REB", "Rebel group")),
    ("bandits", None, None, ("CRM", "Political militia")),
    ("gang members", None, None, ("CRM", "Political militia")),
    ("thieves", None, None, ("CRM", "Civilians")),
    ("vigilantes", None, None, ("UAF", "Identity militia")),
    ("ethnic militia", None, None, ("UAF", "Identity militia")),
    ("armed herdsmen", None, None, ("UAF", "Identity militia")),
    ("herdsmen", None, None, ("AGR", "Civilians")),
    ("protesters", None, None, ("OPP", "Protesters")),
    ("mob", None, None, ("CVL", "Rioters")),
    ("peacekeepers", None, None, ("IGO", "External/Other forces")),
    ("private security guards", None, None, ("UAF", "External/Other forces")),
    ("mutinous soldiers", None, None, ("MIL", "State forces")),
    ("former policemen", None, None, ("CVL", "Civilians")),
    ("teachers", None, None, ("EDU", "Civilians")),
    ("opposition party", None, None, ("OPP", None)),
    # the country (and date) decide
    ("militiamen", "BF", None, ("UAF", "Identity militia")),
    ("self-defence groups", "BF", None, ("UAF", "Political militia")),
    ("militiamen", "ML", None, ("UAF", "Identity militia")),
    ("militiamen", "SO", None, ("UAF", "Identity militia")),
    ("vigilantes", "IN", None, ("CVL", "Rioters")),
    ("self-defense group", "MX", None, ("UAF", "Political militia")),
    ("insurgents", "MZ", None, ("UAF", "Political militia")),
    ("resistance fighters", "MM", D(2022, 1, 1), ("UAF", "Political militia")),
    ("junta forces", "MM", D(2022, 1, 1), ("MIL", "State forces")),
    ("ethnic armed organisations", "MM", None, ("REB", "Rebel group")),
    ("regime forces", "SY", D(2020, 1, 1), ("MIL", "State forces")),
    ("separatists", "UA", D(2020, 1, 1), ("REB", "Rebel group")),
    ("separatists", "UA", D(2023, 1, 1), ("MIL", "External/Other forces")),
    ("separatists", "CM", None, ("REB", "Rebel group")),
    ("soldiers", "AF", D(2022, 1, 1), ("MIL", "State forces")),
]


@pytest.mark.parametrize(("noun", "country", "on", "expected"), AGENTS)
def test_agent_types(noun: str, country: str | None, on: dt.date | None, expected: tuple) -> None:
    assert kb.agent_type(noun, country, on) == expected


def test_agent_phrases_reach_their_head_noun() -> None:
    assert kb.agent_type("local armed militiamen", "BF") == ("UAF", "Identity militia")
    assert kb.agent_type("members of the militia", "ML") == ("UAF", "Identity militia")
    assert kb.agent_type("militia members") == ("UAF", "Political militia")
    assert kb.agent_type("two suspected kidnappers") == ("CRM", "Political militia")
    assert kb.agent_type("Zzyzx") is None


def test_agents_carry_acled_names_and_groups() -> None:
    afghan_police = kb.agent("police", "AF", D(2023, 1, 1))
    assert afghan_police.acled_name == "Police Forces of Afghanistan (2021-)"
    assert kb.agent("police", "AF", D(2019, 1, 1)).acled_name is None
    assert kb.agent("journalists").group == "Journalists"
    assert kb.agent("health workers").group == "Health Workers"
    assert kb.agent("unknown gunmen").acled_name == "Unidentified Armed Group ({country})"


def test_a_country_row_does_not_apply_elsewhere_or_out_of_date() -> None:
    before_the_coup = kb.agent("resistance fighters", "MM", D(2020, 1, 1))
    assert before_the_coup.country is None and before_the_coup.noun == "fighters"
    assert kb.agent("junta forces", "MM", D(2020, 1, 1)).acled_name is None  # the dictionary's
    assert kb.agent("vigilantes", "NG").country is None  # the general row
    assert kb.agent("vigilantes", "IN").country == "IN"


# --------------------------------------------------------------------------- actor phrases

PHRASES = [
    # phrase, event country, date, (ACLED type, actor country, named actor or None)
    ("Taliban fighters", "AF", D(2022, 1, 1), ("State forces", "AF", "Taliban")),
    ("CJTF members", "NG", None, ("Political militia", "NG", "Civilian Joint Task Force")),
    ("Amotekun operatives", "NG", None, ("State forces", "NG", "Western Nigeria Security Network")),
    ("al-Shabaab militants", "SO", None, ("Rebel group", "SO", "al-Shabaab")),
    ("suspected Boko Haram insurgents", "NG", None, ("Rebel group", None, "Boko Haram")),
    ("Wagner mercenaries", "ML", None, ("External/Other forces", "RU", "Wagner Group")),
    ("Turkish soldiers", "IQ", None, ("External/Other forces", "TR", "Turkish Armed Forces")),
    ("armed Nigerien soldiers", "ML", None, ("External/Other forces", "NE", None)),
    ("Nigerien soldiers", "NE", None, ("State forces", "NE", None)),
    ("young soldiers", None, None, ("State forces", None, None)),  # "young" is no name
    ("two Pakistani soldiers", "AF", None, ("External/Other forces", "PK", "Pakistan Army")),
    ("al-shabaab militants", "SO", None, ("Rebel group", "SO", "al-Shabaab")),  # lower-cased
    ("the militiamen", "BF", None, ("Identity militia", None, None)),
    ("the Government of Nigeria", "NG", None, ("State forces", "NG", None)),
    ("police forces of Kenya", "SO", None, ("External/Other forces", "KE", None)),
    ("local vigilantes", "IN", None, ("Rioters", None, None)),
    # a non-state armed word before a rank the dictionary gives the state
    ("a Maoist area commander", "IN", None, ("Rebel group", None, None)),
    ("a militant commander", "PK", None, ("Political militia", None, None)),
    ("an army commander", "PK", None, ("State forces", None, None)),
    ("Russian aviation", "UA", None, ("External/Other forces", "RU", None)),
    ("civil aviation", "UA", None, (None, None, None)),
]


def test_a_non_state_modifier_says_whose_rank_it_is() -> None:
    found = kb.classify("a Maoist area commander", "IN")
    assert found is not None and "before the state-typed 'commander'" in found.reason
    # "counter-insurgency" names the other side
    countered = kb.classify("counter-insurgency commanders", "IN")
    assert countered is None or countered.acled_type == "State forces"


@pytest.mark.parametrize(("phrase", "country", "on", "expected"), PHRASES)
def test_classify(phrase: str, country: str | None, on: dt.date | None, expected: tuple) -> None:
    found = kb.classify(phrase, country, on)
    assert found is not None
    assert (found.acled_type, found.country, found.name) == expected
    assert found.reason


def test_classify_unknown_phrases() -> None:
    assert kb.classify("") is None
    assert kb.classify("the Zzyzx") is None
    # an unknown organisation's name ending in a generic noun says nothing of its type
    assert kb.classify("Zzyzx Federal Army", "MM") is None
    assert kb.classify("Zzyzx Peace Companies") is None
    # a dictionary group's name inside a longer proper name is not that group
    assert kb.classify("Zzyzx Revolutionary Army", "MM") is None
    # but a supplement name inside a longer one is ("a local PDF battalion")
    assert kb.classify("Zzyzx People's Defense Force", "MM").name == "People's Defense Force"
    # but a place before a police or government unit keeps the unit's type
    assert kb.classify("Zzyzx State Police", "NG").acled_type == "State forces"
    assert kb.classify("Nigerian Army", "NG").acled_type == "State forces"


def test_ruler_patterns_split_names_and_acronyms() -> None:
    names = kb.ruler_patterns()
    acronyms = kb.ruler_patterns(acronyms=True)
    assert {
        "label": "ORG",
        "pattern": "Tatmadaw",
        "id": "world:Military Forces of Myanmar",
    } in names
    assert {"label": "ORG", "pattern": "KIA", "id": "world:Kachin Independence Army"} in acronyms
    assert not {p["pattern"] for p in names} & {p["pattern"] for p in acronyms}
    assert {
        "label": "ORG",
        "pattern": "People’s Defense Force",
        "id": "world:People's Defense Force",
    } in names


def test_a_site_is_its_holders() -> None:
    """A site noun names the forces that hold it; its modifier, when it names a role,
    says whose it is ("rebel positions" are the rebels', not an army's)."""
    from newscoder.knowledge import generic_role

    assert generic_role("rebel positions").role == "rebels"
    assert generic_role("a police post").role == "police"
    assert generic_role("army base").role == "military"
    assert generic_role("Ukrainian positions").role == "military"
    assert generic_role("positions").role == "military"


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("a police team", "police"),
        ("army reinforcements", "military"),
        ("police reinforcements", "police"),
        ("additional police forces", "police"),
        ("the anti-terrorist squad", "police"),
        ("the SWAT team", "police"),
        ("the crime branch", "police"),
        ("government forces", "state"),
    ],
)
def test_police_and_army_units_are_their_forces(phrase: str, role: str) -> None:
    """A unit word takes the force named before it ("a police team", "army
    reinforcements"); police units are police wherever the report is from."""
    from newscoder.knowledge import generic_role

    found = generic_role(phrase)
    assert found is not None and found.role == role


def test_a_team_of_no_force_is_no_actor_role() -> None:
    from newscoder.knowledge import generic_role

    assert generic_role("a medical team") is None
