"""The actor rules of issue 11 on real articles of the shared corpus, through the real model.

Each test names the rule it checks (``ingest/non_actors.py``, ``ingest/same_actor.py``,
``ingest/repeated_names.py``, ``ingest/mentions.py``) and the article sentence it reads.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from dossier.ingest.conventions import headline_ranges
from dossier.ingest.extract import extract_document
from dossier.ingest.nlp import load_model
from dossier.ingest.pipeline import prepare_source
from dossier.ingest.same_actor import join_same_actors
from dossier.store.drafts import ActorDraft, ExtractedDocument

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


@functools.cache
def extracted(name: str, published: str | None = None) -> ExtractedDocument:
    """One corpus article as ingest extracts it (furniture, metadata, spaCy, drafts)."""
    path = CORPUS / name
    front = {"date": published} if published else {}
    source, masked = prepare_source(path, path.read_text(encoding="utf-8"), front)
    return extract_document(load_model()(masked), source)


def names(document: ExtractedDocument) -> set[str]:
    """Every actor's display name."""
    return {draft.name for draft in document.actors}


def actor(document: ExtractedDocument, name: str) -> ActorDraft:
    """The one actor with this display name."""
    found = [draft for draft in document.actors if draft.name == name]
    assert len(found) == 1, (name, sorted(names(document)))
    return found[0]


def surfaces(document: ExtractedDocument, draft: ActorDraft) -> list[str]:
    """The text of each of an actor's mentions, whitespace folded."""
    text = document.source.text
    return [" ".join(text[span.start : span.end].split()) for span in draft.mentions]


# ingest/non_actors.py: works, products, vessels, competitions, grades, trade terms


def test_a_film_named_after_its_class_noun_is_no_actor_nor_is_an_actress_nationality() -> None:
    # "French actress Audrey Tautou, star of hit film Amelie, ..."; "UK actress Kate Beckinsale"
    document = extracted("bbc/entertainment/068.txt")
    assert {"Audrey Tautou", "Kate Beckinsale", "France", "Hollywood"} <= names(document)
    assert not {"Amelie", "Vinci", "United Kingdom"} & names(document)
    assert "French" not in surfaces(document, actor(document, "France"))  # "French actress": her origin


def test_a_vessel_is_no_actor_but_its_flag_state_is() -> None:
    # "the Turkish research ship Sismik 1, escorted by an unspecified number of warships"
    document = extracted("reuters/10452.txt", "1987-03-27")
    assert "Sismik 1" not in names(document)
    assert "Turkish" in surfaces(document, actor(document, "Turkey"))
    assert "Canada" not in names(document)  # "a Canadian-led consortium": the firms, not the state


def test_software_people_use_is_no_actor() -> None:
    # "help its customers use Linux", "IBM's Workplace software"
    document = extracted("bbc/tech/331.txt")
    assert "IBM" in names(document)
    assert not {"Linux", "Workplace"} & names(document)


def test_races_awards_and_an_oscar_are_no_actors() -> None:
    marathon = extracted("bbc/sport/065.txt")  # "compete in the Flora London Marathon this year"
    assert {"Paula Radcliffe", "London", "Chicago"} <= names(marathon)
    assert not {"Flora London Marathon", "New York Marathon"} & names(marathon)
    oscars = extracted("bbc/entertainment/324.txt")  # "nominated for an Oscar", "the Academy Awards"
    assert {"Joshua Marston", "Colombia"} <= names(oscars)
    assert not {"Oscar", "Academy Awards", "Independent Spirit Awards", "Spain"} & names(oscars)  # "Spanish script"


def test_crude_grades_and_trade_terms_are_no_actors() -> None:
    grades = extracted("reuters/18795.txt", "1987-06-18")  # "posting West Texas Intermediate and West Texas Sour"
    assert {"Unocal", "Sun Co"} <= names(grades)
    assert not {"West Texas Intermediate", "West Texas Sour", "Light Louisiana Sweet"} & names(grades)
    terms = extracted("reuters/10305.txt", "1987-03-27")  # "80 U.S. Dlrs per tonne CAF"
    assert "CAF" not in names(terms)
    assert "U.S. Dlrs" not in surfaces(terms, actor(terms, "United States"))  # a currency, not the country


def test_a_currency_a_player_and_an_open_do_not_name_a_country() -> None:
    currency = extracted("reuters/10751.txt", "1987-03-30")  # "The U.S. Currency traded within a 145 ..."
    assert "United States" not in names(currency)
    tennis = extracted("bbc/sport/438.txt")  # "the American said", "the US and Australian Opens"
    assert not {"United States", "Australia", "Dubai Duty Free"} & names(tennis)
    assert {"Lindsay Davenport", "Tim Phillips", "Dubai"} <= names(tennis)


def test_a_nationality_that_won_or_lost_a_match_is_a_team_not_its_country() -> None:
    # "Ferguson admitted his side were well-beaten by the Turks, a result which meant they finished second ..."
    document = extracted("bbc/sport/238.txt")
    assert "Fenerbahce" in names(document)
    assert "Turkey" not in names(document)


def test_a_portfolio_before_minister_is_part_of_the_title() -> None:
    # "Constitutional Affairs Minister Chris Leslie said the poll was ..."
    document = extracted("bbc/politics/391.txt")
    assert "Chris Leslie" in names(document)
    assert "Constitutional Affairs" not in names(document)


def test_a_name_that_acts_elsewhere_stays_an_actor() -> None:
    # "a downloaded movie NEC is showing a phone" after "movie", but "NEC is showing" acts
    document = extracted("bbc/tech/395.txt")
    assert "NEC" in names(document)


# ingest/same_actor.py: one actor under two names


def test_a_plural_and_its_singular_are_one_actor() -> None:
    # "The Lib Dems say ..." and "Lib Dem home affairs spokesman Mark Oaten"
    document = extracted("bbc/politics/028.txt")
    lib_dems = [draft for draft in document.actors if draft.name.startswith("Lib Dem")]
    assert len(lib_dems) == 1 and {"Lib Dem", "Lib Dems"} <= set(surfaces(document, lib_dems[0]))


def test_a_misspelt_surname_joins_the_person() -> None:
    # "Daveport said" after "World number one Lindsay Davenport"
    document = extracted("bbc/sport/438.txt")
    assert "Daveport" in surfaces(document, actor(document, "Lindsay Davenport"))


def test_a_company_named_without_its_middle_word_is_the_company() -> None:
    # "Robert Co. Brown and Co Inc's <RCBI> MAGIC Insurance Group unit" ... "The MAGIC Group owns"
    document = extracted("reuters/03384.txt", "1987-03-09")
    assert "MAGIC Group" in surfaces(document, actor(document, "MAGIC Insurance Group"))
    assert "MAGIC Group" not in names(document)


def test_an_adjective_joins_the_place_or_union_it_stands_for() -> None:
    union = extracted("bbc/politics/391.txt")  # "the European constitution" ... "the European Union"
    assert "European" in surfaces(union, actor(union, "European Union"))
    europe = extracted("reuters/10751.txt", "1987-03-30")  # "European operators" ... "in Europe"
    assert "European" in surfaces(europe, actor(europe, "Europe"))


def test_a_head_noun_alone_joins_the_one_organisation_it_ends() -> None:
    # Names of Reuters 10305: "Sri Lanka's Food Department" ... "inform the Department"
    class Named:
        def __init__(self, name: str, kind: str) -> None:
            self.name, self.kind, self.country, self.cluster = name, kind, False, name.casefold()

    clusters = {key: [Named(key.title(), "organization")] for key in ("food department", "department", "usda")}
    joined = join_same_actors(clusters)
    assert set(joined) == {"food department", "usda"} and len(joined["food department"]) == 2
    clusters["agriculture department"] = [Named("Agriculture Department", "organization")]
    assert "department" in join_same_actors(clusters)  # two departments: which one is not known


# ingest/actors.py: a company or institution named by its first words


def test_an_institution_s_first_word_alone_is_the_institution_but_a_chamber_is_not_its_committee() -> None:
    # "... Nasdaq Stock Market plans to raise $100m ... However Nasdaq, an icon of the 1990s technology boom, ..."
    nasdaq = extracted("bbc/business/267.txt")
    assert "Nasdaq" not in names(nasdaq)
    assert surfaces(nasdaq, actor(nasdaq, "Nasdaq Stock Market")).count("Nasdaq") >= 2
    # "The Senate has passed a bill ..." / "... Gray told a Senate Appropriations subcommittee ..."
    senate = extracted("reuters/17114.txt", "1987-04-24")
    assert "Senate" in names(senate)


# ingest/mentions.py: what the model cut or mislabelled


def test_a_country_before_common_nouns_is_the_country() -> None:
    # "offer to five U.S. Firms to buy wheat"
    document = extracted("reuters/10305.txt", "1987-03-27")
    assert "U.S. Firms" not in names(document)
    assert "U.S." in surfaces(document, actor(document, "United States"))


def test_the_company_word_the_model_left_out_joins_the_company() -> None:
    # "Aristech Chemical Corp chairman ..." (the model tagged "Chemical Corp"), then "Aristech plans"
    aristech = extracted("reuters/16495.txt", "1987-04-13")
    company = actor(aristech, "Aristech Chemical Corp")
    assert {"Aristech Chemical Corp", "Aristech"} <= set(surfaces(aristech, company))
    carolco = extracted("reuters/17960.txt", "1987-06-02")  # "the Carolco bid", tagged as a person
    assert "Carolco" in surfaces(carolco, actor(carolco, "Carolco Pictures Inc"))


def test_a_body_of_two_regions_of_one_country_is_one_name() -> None:
    # "... agreed to cut cargo assessments at the Port of New York and New Jersey by more than 50 pct ..."
    document = extracted("reuters/03347.txt", "1987-03-09")
    assert surfaces(document, actor(document, "Port of New York and New Jersey")) == ["Port of New York and New Jersey"]
    assert "New Jersey" not in names(document)


def test_a_capital_mid_sentence_keeps_a_dictionary_word() -> None:
    # "The Bundesbank did not intervene as the dollar was fixed" ("bundesbank" is in the model's lemma index)
    document = extracted("reuters/10751.txt", "1987-03-30")
    assert actor(document, "Bundesbank").kind == "organization"


# ingest/repeated_names.py: every occurrence of a name


def test_a_name_from_a_capitals_headline_is_found_in_the_lead() -> None:
    # "MAYFAIR SUPER MARKETS <MYFRA> SALES INCREASED" / "Mayfair Super Markets said its sales ..."
    document = extracted("reuters/03118.txt", "1987-03-09")
    assert {"MAYFAIR SUPER MARKETS", "Mayfair Super Markets"} <= set(
        surfaces(document, actor(document, "Mayfair Super Markets"))
    )


def test_names_in_a_capitals_headline_replace_the_model_run_on() -> None:
    fed = extracted("reuters/04275.txt", "1987-03-12")  # "FED NOT EXPECTED TO ADD RESERVES"
    assert "FED" in surfaces(fed, actor(fed, "Federal Reserve"))
    tokyo = extracted("reuters/17230.txt", "1987-04-27")  # "BANK OF JAPAN INTERVENES IN TOKYO"
    assert "BANK OF JAPAN" in surfaces(tokyo, actor(tokyo, "Bank of Japan"))
    assert "TOKYO" in surfaces(tokyo, actor(tokyo, "Tokyo"))


def test_a_surname_after_an_honorific_is_the_person_again() -> None:
    # "Mr Fischer first went to Israel", missed by the model
    document = extracted("bbc/business/423.txt")
    assert surfaces(document, actor(document, "Stanley Fischer")).count("Fischer") >= 3


def test_a_ticker_is_no_actor() -> None:
    # "Hanson Trust Plc <HAN> said its U.S. subsidiary"
    document = extracted("reuters/10419.txt", "1987-03-27")
    assert "HAN" not in names(document)


def test_a_headline_ending_in_a_closing_quote_is_a_headline() -> None:
    text = (CORPUS / "bbc/entertainment/068.txt").read_text(encoding="utf-8")
    first = text.index("\n")
    assert headline_ranges(text)[0] == (0, first)  # "Tautou 'to star in Da Vinci film'"


# ingest/company_names.py: a legal form closing capitalised words


def test_a_company_the_model_missed_after_the_dateline_is_found_by_its_legal_form() -> None:
    # "NEW YORK, March 24 - Transnational Industries Inc said due to continuing manufacturing ..."
    document = extracted("reuters/08716.txt", "1987-03-24")
    assert "Transnational Industries Inc" in surfaces(document, actor(document, "Transnational Industries Inc"))
    hanson = extracted("reuters/10419.txt", "1987-03-27")  # "NEW YORK, March 27 - Hanson Trust Plc <HAN> said"
    assert "Hanson Trust Plc" in surfaces(hanson, actor(hanson, "Hanson Trust Plc"))


def test_a_score_or_minute_glued_to_a_player_is_cut_off_but_a_year_in_a_name_stays() -> None:
    # "beat Peter Luczak 7-6 (7-5) 4-6 6-3"; "Environmental group Transport 2000 said the freeze ..."
    tennis = extracted("bbc/sport/477.txt")
    assert "Peter Luczak" in names(tennis) and not [n for n in names(tennis) if n.startswith("Peter Luczak ")]
    fuel = extracted("bbc/politics/158.txt")
    assert "Transport 2000" in {alias for draft in fuel.actors for alias in [draft.name, *draft.aliases]}


def test_a_table_of_figures_with_runs_of_spaces_extracts() -> None:
    # Reuters 14075, a futures price table ("UP  12"): a name written with two spaces is still one name
    document = extracted("reuters/14075.txt")
    assert document.source.text and all(draft.mentions for draft in document.actors)


def test_a_body_that_is_used_stays_an_actor() -> None:
    # AFP seed: "The US administration has used the United Nations or Swiss channels to keep indirect contacts"
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_c7a545a4ddec3c56.txt"
    source, masked = prepare_source(seed, seed.read_text(encoding="utf-8"), {"date": "2005-11-28"})
    document = extract_document(load_model()(masked), source)
    assert "United Nations" in names(document)


def test_a_faith_word_describing_a_thing_is_no_group() -> None:
    # "No, I'm Jewish, I wasn't a German war criminal": a faith said of someone, not a group that acts (non_actors.is_adjective_only)
    assert "Jewish" not in names(extracted("bbc/politics/154.txt"))
    # "... an attempt to reassure Jewish voters": a body of people is the group
    assert actor(extracted("bbc/politics/075.txt"), "Jewish").kind == "group"
    # "... accused some Islamic schools of failing to teach pupils ...", "Muslim, Jewish and Evangelical Christian schools"
    assert not {"Islamic", "Muslim", "Jewish"} & names(extracted("bbc/politics/056.txt"))
