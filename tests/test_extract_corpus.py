"""Extraction on real wire and BBC articles from the shared corpus, through the real model."""

from __future__ import annotations

import csv
import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from bench.countries import PlaceScore
from dossier.ingest.dates import resolve
from dossier.ingest.extract import extract_document
from dossier.ingest.furniture import detect_furniture, mask_for_nlp
from dossier.ingest.nlp import load_model
from dossier.store.drafts import ActorDraft, ExtractedDocument
from dossier.store.records import Source

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REUTERS = CORPUS / "reuters"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


def source_for(text: str, published: str | None) -> Source:
    """A source record for a corpus text, with its furniture marked."""
    furniture = detect_furniture(text)
    return Source(
        id="s-" + hashlib.sha256(text.encode()).hexdigest()[:12],
        title="",
        text=text,
        published=published,
        furniture=furniture,
    )


def extract(path: Path, published: str | None) -> ExtractedDocument:
    """Furniture, mask, spaCy and extraction for one corpus file."""
    source = source_for(path.read_text(encoding="utf-8"), published)
    return extract_document(load_model()(mask_for_nlp(source.text, source.furniture)), source)


def actor(document: ExtractedDocument, name: str) -> ActorDraft:
    """The one draft with this display name."""
    found = [draft for draft in document.actors if draft.name == name]
    assert len(found) == 1, (name, [draft.name for draft in document.actors])
    return found[0]


def reuters_date(raw: str) -> str:
    """The index's wire timestamp ("19-OCT-1987 13:16:48.45") as an ISO day."""
    return datetime.strptime(raw.split()[0], "%d-%b-%Y").date().isoformat()


def test_name_broken_by_a_hard_wrap_is_one_person() -> None:
    document = extract(REUTERS / "21197.txt", "1987-10-19")
    text = document.source.text
    cuellar = actor(document, "Javier Perez de Cuellar")
    assert cuellar.kind == "person"
    surfaces = [text[span.start : span.end] for span in cuellar.mentions]
    assert "Javier Perez de\nCuellar" in surfaces and "Perez de\nCuellar" in surfaces
    assert [role.role for role in cuellar.roles] == ["Secretary General"]
    assert actor(document, "Francois Giuliani").roles[0].role == "U.N. spokesman"
    assert "U.N." in actor(document, "United Nations").aliases
    assert {"United States", "Iran"} <= {d.name for d in document.actors if d.kind == "place"}
    meeting = [event for event in document.events if event.kind == "meeting"]
    assert meeting and meeting[0].date == "1987-10-19"  # "on Monday", filed Monday 19 October


def test_upper_case_dateline_and_body_name_are_one_place() -> None:
    document = extract(REUTERS / "00286.txt", "1987-03-02")
    moscow = actor(document, "Moscow")
    assert "MOSCOW" in moscow.aliases and moscow.kind == "place"
    shultz = actor(document, "George Shultz")
    assert "U.S. Secretary of State" in [role.role for role in shultz.roles]
    assert "Kremlin leader" in [role.role for role in actor(document, "Mikhail Gorbachev").roles]
    assert actor(document, "Soviet Union").kind == "place"
    # The dateline's own date makes no event.
    assert all(event.when is None or event.when.start > 20 for event in document.events)


def test_a_dateline_city_is_its_own_actor_not_its_country() -> None:
    document = extract(REUTERS / "00003.txt", "1987-02-26")
    houston = actor(document, "Houston")
    text = document.source.text
    assert text[houston.mentions[0].start : houston.mentions[0].end] == "HOUSTON"
    # No actor's mention is text that names something else: the country is not made from its city.
    assert not [d for d in document.actors if d.name == "United States"
                and any(text[s.start : s.end] in ("HOUSTON", "Houston") for s in d.mentions)]


def test_bbc_article_without_a_date_keeps_only_explicit_years() -> None:
    document = extract(CORPUS / "bbc" / "politics" / "001.txt", None)
    hewitt = actor(document, "Patricia Hewitt")
    assert "Trade and Industry Secretary" in [role.role for role in hewitt.roles]
    assert all(role.date is None for role in hewitt.roles)
    assert actor(document, "Tony Blair").kind == "person"
    assert not [d for d in document.actors if d.name in ("Hewitt", "Ms Hewitt")]
    # "on Monday" cannot be resolved without a publication date; "by 2007" can, but the clause it
    # dates is a plan of no actor's ("paid leave would be increased … by 2007"): no event.
    assert resolve("Monday", None) is None
    assert resolve("2007", None, tense="future") == ("2007", None)
    assert document.events == []


def test_reuters_country_recall_and_precision() -> None:
    with (REUTERS / "index.tsv").open(encoding="utf-8") as index:
        rows = [row for row in csv.DictReader(index, delimiter="\t") if row["text_type"] == "NORM"]
    rows = rows[2000:2080]
    sources = [source_for((REUTERS / row["file"]).read_text(encoding="utf-8"), reuters_date(row["date"])) for row in rows]
    docs = load_model().pipe((mask_for_nlp(s.text, s.furniture) for s in sources), batch_size=64)
    score = PlaceScore()
    for row, doc, source in zip(rows, docs, sources, strict=True):
        document = extract_document(doc, source)
        places = [draft.name for draft in document.actors if draft.kind == "place"]
        score.add([code for code in row["places"].split(";") if code], places)
    assert score.recall is not None and score.recall >= 0.85
    assert score.precision is not None and score.precision >= 0.6


def test_a_company_s_first_word_used_as_the_company_joins_it() -> None:
    # 04535: "Phoenix Steel Corp said ..." then "Phoenix said ...": one company, not a company and a city.
    document = extract(REUTERS / "04535.txt", "1987-03-12")
    company = actor(document, "Phoenix Steel Corp")
    text = document.source.text
    assert sum(text[s.start : s.end] == "Phoenix" for s in company.mentions) >= 4
    assert not [d for d in document.actors if d.name == "Phoenix"]


def test_a_place_or_an_institution_is_not_taken_into_a_longer_name() -> None:
    london = extract(REUTERS / "01190.txt", "1987-03-03")  # "the London options market"
    assert actor(london, "London").kind == "place"
    exchange = actor(london, "London Stock Exchange")
    assert all(london.source.text[s.start : s.end] != "London" for s in exchange.mentions)
    senate = extract(REUTERS / "02078.txt", reuters_date("5-MAR-1987 00:00:00.00"))
    assert all(
        senate.source.text[s.start : s.end] != "Senate"
        for d in senate.actors if d.name.startswith("Senate ") for s in d.mentions
    )


def test_a_title_before_a_name_stays_out_of_it_and_the_given_name_after_it_is_the_person() -> None:
    # 19559: "Kuwait oil minister Sheikh Ali al-Khalifa al-Sabah, said." then "Ali told a news conference".
    document = extract(REUTERS / "19559.txt", "1987-06-29")
    minister = actor(document, "Ali al-Khalifa al-Sabah")
    text = document.source.text
    assert sum(text[s.start : s.end] == "Ali" for s in minister.mentions) >= 6
    assert not [d for d in document.actors if d.name == "Ali"]


@pytest.mark.parametrize(
    ("name", "published", "whole", "part"),
    [
        ("10559.txt", "1987-03-27", "Baltic International Freight Futures Exchange", "BIFFEX"),  # defined in brackets
        ("04275.txt", "1987-03-12", "Federal Reserve", "Fed"),  # a well-known variant
        ("03508.txt", "1987-03-11", "Morgan Grenfell", "Morgan Grenfell"),  # "... and Co Ltd" leaves no "Co Ltd"
    ],
)
def test_one_organisation_under_its_short_forms(name: str, published: str, whole: str, part: str) -> None:
    document = extract(REUTERS / name, published)
    text = document.source.text
    organisation = next(d for d in document.actors if d.name.startswith(whole))
    assert part in {text[s.start : s.end] for s in organisation.mentions} | {organisation.name}
    assert not [d for d in document.actors if d is not organisation and d.name in (part, "Co Ltd", "Co")]
