"""News-writing conventions shared by ingest: month names, agencies, datelines and headlines, on real text."""

from __future__ import annotations

from pathlib import Path

from dossier.ingest.conventions import AGENCIES, TRAILING_MONTH, WIRE_DATELINE, headline_ranges
from dossier.ingest.furniture import detect_furniture
from dossier.ingest.metadata import infer_metadata

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_a_name_starting_like_a_month_is_not_a_month() -> None:
    # "Jan[a-z]*" once cut "Rio de Janeiro" to "Rio de"; "Mar[a-z]*" cut "St Mary" and "Santa Maria".
    for place in ("Rio de Janeiro", "St Mary", "Santa Maria", "New York City Marathon"):
        assert not TRAILING_MONTH.search(place)
    assert TRAILING_MONTH.sub("", "HOUSTON, Feb") == "HOUSTON"


def test_every_agency_closing_an_item_is_furniture_and_the_publisher() -> None:
    text = "Talks planned\n\nSEOUL, March 3 - Officials met on Tuesday to discuss trade.\n\nYonhap\n"
    assert "yonhap" in AGENCIES
    furniture = detect_furniture(text)
    assert text[furniture[-1][0] : furniture[-1][1]] == "Yonhap"
    assert infer_metadata(text, furniture, {}).publisher == "Yonhap"


def test_reuters_headline_and_dateline_from_the_corpus() -> None:
    text = (CORPUS / "reuters" / "00001.txt").read_text(encoding="utf-8")
    first = headline_ranges(text)[0]
    assert text[first[0] : first[1]] == "BAHIA COCOA REVIEW"
    dateline = WIRE_DATELINE.search(text)
    assert dateline is not None and dateline.group(1) == "SALVADOR"


def test_a_long_unpunctuated_paragraph_is_not_a_headline() -> None:
    words = " ".join(["word"] * 21)
    assert headline_ranges(f"Short headline\n\n{words}\n") == [(0, len("Short headline"))]
