"""Name folding shared by ingest and the store: variants, countries, demonyms and organisation keys."""

from __future__ import annotations

import pytest

from dossier.store.folding import clean_name
from dossier.store.gazetteer import country_containing, country_of, country_of_demonym
from dossier.store.names import canonical_name, match_keys, organization_key_forms, place_name


@pytest.mark.parametrize("variant", ["US", "U.S.", "the U.S.", "United States", "the United States", "USA"])
def test_united_states_variants_share_one_key(variant: str) -> None:
    assert canonical_name(variant) == "United States"
    assert match_keys(variant, "place") == ["place:united states"]


def test_clean_name_keeps_abbreviation_dots_and_drops_invisible_characters() -> None:
    assert clean_name("U.S.") == "U.S."
    assert clean_name("George W. Bush.") == "George W. Bush"
    assert clean_name("Iran’s") == "Iran"
    assert clean_name("\u202eIran\u202c") == "Iran"
    assert clean_name("Perez de\nCuellar") == "Perez de Cuellar"


@pytest.mark.parametrize(
    ("name", "shared"),
    [
        ("US State Department", "state department"),
        ("U.S. Department of State", "state department"),
        ("State Department", "state department"),
        ("British Petroleum Co Plc", "british petroleum"),
        ("National Intergroup Inc", "national intergroup"),
    ],
)
def test_organisation_forms_meet_at_the_plain_name(name: str, shared: str) -> None:
    assert organization_key_forms(name)[-1] == shared
    assert f"organization:{shared}" in match_keys(name, "organization")


def test_a_country_prefix_is_kept_when_too_little_would_remain() -> None:
    assert organization_key_forms("Iranian Embassy") == ["iranian embassy"]
    assert organization_key_forms("United States Senate") == ["united states senate"]


def test_countries_demonyms_and_places() -> None:
    assert country_of("MOSCOW") is None and country_of("Britain") == "United Kingdom"
    assert country_of_demonym("Iranians") == "Iran"
    assert country_of_demonym("American") == "United States"
    assert country_of_demonym("Shiite") is None
    assert country_containing("HOUSTON") == "United States"
    assert country_containing("Sharm el-Sheikh") == "Egypt"
    assert country_containing("Georgia") is None
    assert place_name("Calif.") == "California" and place_name("MOSCOW") == "MOSCOW"


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("Tories", "Tory"), ("Muslims", "Muslim"), ("Liberal Democrats", "Liberal Democrat"), ("Sunnis", "Sunni")],
)
def test_a_group_in_the_plural_meets_its_singular(plural: str, singular: str) -> None:
    assert match_keys(plural, "group") == match_keys(singular, "group")


def test_group_names_ending_in_s_in_the_singular_are_kept() -> None:
    assert match_keys("Swiss", "group") == ["group:swiss"]
