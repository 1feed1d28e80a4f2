"""Title, date, publisher and place inferred from seed pages, corpus articles and front matter."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from dossier.ingest.dateline_year import infer_year, latest_year, news_weekday
from dossier.ingest.furniture import detect_furniture
from dossier.ingest.metadata import infer_metadata
from dossier.ingest.read import read_document

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


def metadata_of(path: Path):
    """Metadata of one file, read and furnished as ingest does."""
    document = read_document(path)
    return document.text, infer_metadata(document.text, detect_furniture(document.text), document.front)


def test_afp_seed() -> None:
    text, meta = metadata_of(REPO / "seeds" / "000_c7a545a4ddec3c56.txt")
    assert meta.title == "US plays down planned contacts with Iranians"
    assert meta.published == "2005-11-28"
    assert meta.publisher == "AFP"
    assert meta.place == "Washington"
    assert meta.dateline is not None
    assert text[meta.dateline[0] : meta.dateline[1]] == "WASHINGTON, Nov 28 (AFP) –"


def test_usinfo_seed() -> None:
    text, meta = metadata_of(REPO / "seeds" / "004_d259d4587dd7d8d1.txt")
    assert meta.title == "Iran, United States To Discuss Iraqi Security on May 28"
    assert meta.published == "2007-05-25"
    assert meta.publisher == "USINFO"
    assert meta.place == "Washington"
    assert text[meta.dateline[0] : meta.dateline[1]] == "Washington --"


def test_year_needs_body_evidence_not_today() -> None:
    dateline = "WASHINGTON, Nov 28 (AFP) - The State Department sought Monday to calm things.\n"
    # No year in the body: the date stays unknown rather than taking this year.
    meta = infer_metadata("Talks planned\n\n" + dateline, [], {})
    assert meta.published is None and meta.place == "Washington" and meta.publisher == "AFP"
    # A year anchors the window; Monday 28 November fits 2005 only in 2003-2007.
    body = dateline + "\nIt has had no ties with Iran since the invasion in 2003.\n"
    assert infer_metadata("Talks planned\n\n" + body, [], {}).published == "2005-11-28"
    # Saturday 28 November fits no year from 2003 to 2007: unknown.
    wrong_day = body.replace("sought Monday", "sought Saturday")
    assert infer_metadata("Talks planned\n\n" + wrong_day, [], {}).published is None


def test_year_rule_pieces() -> None:
    assert infer_year(11, 28, "in 2003 it sought Monday", 0) == 2005
    assert infer_year(11, 28, "no year here, it sought Monday", 0) is None
    assert latest_year("profit in 1986 rose to 1630 mln dlrs, target by 1990.") == 1986
    assert news_weekday("The bank said Wednesday February 25 that it rose.") is None
    assert news_weekday("Officials met Tuesday and said Tuesday they agreed.") == 1


def test_front_matter_wins() -> None:
    text = "LONDON, March 3 - Officials said Monday in 1987 that talks ended.\n"
    front = {"title": "Talks end", "date": "2007-05", "publisher": "Example", "place": "Paris"}
    meta = infer_metadata(text, [], front)
    assert (meta.title, meta.published, meta.publisher, meta.place) == (
        "Talks end", "2007-05", "Example", "Paris",
    )


@needs_corpus
def test_reuters_dateline_place_and_publisher() -> None:
    text, meta = metadata_of(CORPUS / "reuters" / "21197.txt")
    assert meta.title == "SECURITY COUNCIL CALLS TALKS AFTER GULF ATTACK"
    assert meta.place == "United Nations"
    assert meta.publisher == "Reuters"
    assert text[meta.dateline[0] : meta.dateline[1]] == "UNITED NATIONS, Oct 19 -"
    # No year anywhere in the item: unknown, not today's year.
    assert meta.published is None


@needs_corpus
def test_reuters_dates_never_wrong_by_much() -> None:
    """Over every tenth item, inferred dates (when any) agree with the wire timestamps."""
    with (CORPUS / "reuters" / "index.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))[::10]
    places = right = wrong = 0
    for row in rows:
        _, meta = metadata_of(CORPUS / "reuters" / row["file"])
        places += meta.place is not None
        if meta.published:
            stamp = dt.datetime.strptime(row["date"].split()[0], "%d-%b-%Y").date()
            right += meta.published == stamp.isoformat()
            wrong += meta.published != stamp.isoformat()
    assert places > 1700  # of 2,157; the rest are briefs, tables and typos ("Narch 2")
    assert wrong == 0


@needs_corpus
def test_bbc_title_is_first_line() -> None:
    for path in sorted((CORPUS / "bbc" / "politics").glob("*.txt"))[:100]:
        text, meta = metadata_of(path)
        assert meta.title == " ".join(text.split("\n", 1)[0].split()), path.name
        assert meta.published is None


GENERIC_PAGE = """Home » World » Middle East

Middle East

Minister resigns over border dispute

By Jane Doe

March 3, 2010

BEIRUT, March 3 (Reuters) - The defence minister resigned on Wednesday after a week of \
clashes on the northern border, officials said.

Related Stories

Syria closes border crossing
"""


def test_generic_page_and_markdown_title() -> None:
    meta = infer_metadata(GENERIC_PAGE, detect_furniture(GENERIC_PAGE), {})
    assert (meta.title, meta.published, meta.publisher, meta.place) == (
        "Minister resigns over border dispute", "2010-03-03", "Reuters", "Beirut",
    )
    markdown = "# Talks *resume* in Geneva\n\nSource: Example Wire\n\nDelegates met again today.\n"
    meta = infer_metadata(markdown, detect_furniture(markdown), {})
    assert meta.title == "Talks *resume* in Geneva"
    assert meta.publisher == "Example Wire"
    assert meta.published is None


BYLINE_PAGE = """Share Facebook Twitter Email

Politics

Parliament approves the new budget after long night session

By Jane Doe and John Roe, AFP | Published: Tuesday, 4 March 2008 10:30 GMT

Image copyright Getty Images

Lawmakers approved the budget early on Tuesday after a debate that lasted through the night, \
ending weeks of uncertainty over spending.

Read more: Budget talks collapse again

The finance minister said the vote showed the coalition could still govern.
"""


def test_dated_byline_gives_date_and_agency() -> None:
    spans = detect_furniture(BYLINE_PAGE)
    furniture = "\n".join(BYLINE_PAGE[start:end] for start, end in spans)
    for label in ("Share Facebook Twitter Email", "Politics", "Image copyright Getty Images",
                  "Read more: Budget talks collapse again"):
        assert label in furniture
    assert "Lawmakers approved" not in furniture and "finance minister" not in furniture
    meta = infer_metadata(BYLINE_PAGE, spans, {})
    assert meta.title == "Parliament approves the new budget after long night session"
    assert meta.published == "2008-03-04"
    assert meta.publisher == "AFP"
    assert meta.place is None and meta.dateline is None


@needs_corpus
def test_reuters_tables_and_briefs_keep_their_dateline() -> None:
    _, table = metadata_of(CORPUS / "reuters" / "00014.txt")
    assert (table.title, table.place) == ("BROWN-FORMAN INC <BFD> 4TH QTR NET", "Louisville")
    _, grain = metadata_of(CORPUS / "reuters" / "00006.txt")
    assert grain.place == "Buenos Aires"
    place = infer_metadata("COFFEE TALKS\n\nRIO DE JANEIRO, March 3 - Exporters met.\n", [], {})
    assert place.place == "Rio de Janeiro"


def test_wire_web_page_without_year_evidence() -> None:
    text = (
        "Envoys agree to meet again in Vienna\n\nVIENNA (AP) -- Envoys from six countries "
        "agreed Friday to meet again next month, diplomats said.\n"
    )
    meta = infer_metadata(text, detect_furniture(text), {})
    assert (meta.title, meta.publisher, meta.place, meta.published) == (
        "Envoys agree to meet again in Vienna", "AP", "Vienna", None,
    )
    assert text[meta.dateline[0] : meta.dateline[1]] == "VIENNA (AP) --"


def test_title_case_datelines() -> None:
    text = (
        "Prison overcrowding grows\n\nGulf Wire: Basra, Iraq, May 27 – Overcrowding in the "
        "prison has reached new levels, former inmates say.\n"
    )
    meta = infer_metadata(text, detect_furniture(text), {})
    assert (meta.place, meta.publisher) == ("Basra", "Gulf Wire")
    assert text[meta.dateline[0] : meta.dateline[1]] == "Gulf Wire: Basra, Iraq, May 27 –"
    aside = "Talks go on\n\nSmith — who leads the team — said the talks would go on for weeks.\n"
    assert infer_metadata(aside, [], {}).place is None
    quote = "Talks go on\n\nGeneva -- “We will stay,” the envoy said after the first round.\n"
    assert infer_metadata(quote, [], {}).place == "Geneva"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2007-05-25T10:00:00Z", "2007-05-25"), ("2007-05", "2007-05"), ("26-FEB-1987 15:01:01.79", "1987-02-26")],
)
def test_front_matter_dates_keep_their_precision(value: str, expected: str) -> None:
    assert infer_metadata("Headline\n\nBody text of the article.\n", [], {"date": value}).published == expected
