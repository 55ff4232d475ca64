"""Admin1 names compared inside their country (evaluate/admin1_match.py)."""

from __future__ import annotations

import pytest

from newscoder.evaluate.admin1_match import admin1_key_in


@pytest.mark.parametrize(
    ("gold", "gold_country", "system", "system_country"),
    [
        ("Thi Qar", "Iraq", "Dhi Qar", "IQ"),  # spelling
        ("Shan-North", "Myanmar", "Shan", "MM"),  # a part ACLED splits off
        ("Bogota, D.C.", "Colombia", "Distrito Capital de Bogota", "CO"),  # containment
        ("Oriental", "Morocco", "L'Oriental", "MA"),  # an article
        ("Hovedstaden", "Denmark", "Hovedstaden", "DK"),
        ("Capital", "Bahrain", "Al ‘Asimah", "BH"),  # English name (admin1_aliases.tsv)
    ],
)
def test_same_unit(gold: str, gold_country: str, system: str, system_country: str) -> None:
    assert admin1_key_in(gold, gold_country) == admin1_key_in(system, system_country)


@pytest.mark.parametrize(
    ("gold", "gold_country", "system", "system_country"),
    [
        ("Kunar", "Afghanistan", "Kunduz", "AF"),
        ("Nord", "Cameroon", "Nord-Ouest", "CM"),
        ("Punjab", "Pakistan", "Punjab", "IN"),  # one name, two countries
        ("Almaty City", "Kazakhstan", "Almaty", "KZ"),  # the city and the region around it
    ],
)
def test_different_units(gold: str, gold_country: str, system: str, system_country: str) -> None:
    assert admin1_key_in(gold, gold_country) != admin1_key_in(system, system_country)


def test_without_country_the_blind_key() -> None:
    assert admin1_key_in("Borno State", None) == admin1_key_in("Borno", None)
    assert admin1_key_in(None, "NG") is None
