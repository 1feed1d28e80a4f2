"""Extraction never crashes on hostile or degenerate text, and never lets junk through as names."""

from __future__ import annotations

import pytest

from dossier.ingest.extract import extract_document
from dossier.ingest.nlp import load_model
from dossier.store.records import Source

HOSTILE = [
    "",
    " ",
    "\n\n\n",
    "a",
    "\x00\x01\x1b[2J",
    "Mr. . . , - -- —",
    "On Monday.",
    "[@click=app.quit]Eve[/] said Monday that http://evil.example.com/x?y=1 is bad.",
    "WASHINGTON, Nov 28 (AFP) -",
    "x" * 20000,
    "The President said on May 3-4 that. " * 300,
    "\u202eIran\u202c said Monday\u2028that Iraq ... 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Tehran.",
    "May 32 Iran said. February 30, 2005 Iraq met Iran on Feb 29.",
]
INVISIBLE = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F)]} - {"\n"}


@pytest.mark.parametrize("published", [None, "2005-11-28", "2005", "not a date"])
def test_hostile_text_gives_clean_drafts(published: str | None) -> None:
    nlp = load_model()
    for text in HOSTILE:
        source = Source(id="s-hostile", title="", text=text, published=published)
        document = extract_document(nlp(text), source)
        for draft in document.actors:
            assert not set(draft.name) & INVISIBLE and len(draft.name) > 1
            assert "http" not in draft.name and "example.com" not in draft.name
            for span in draft.mentions:
                assert 0 <= span.start < span.end <= len(text) and text[span.start : span.end].strip()
        for event in document.events:
            assert not set(event.title) & INVISIBLE
            assert event.date is not None and event.date[:4].isdigit()
            if published != "2005-11-28":
                assert event.when is not None and event.date[:4] in text[event.when.start : event.when.end]


def test_impossible_dates_make_no_events() -> None:
    text = "May 32 Iran said. February 30, 2005 Iraq met Iran."
    source = Source(id="s-dates", title="", text=text, published="2005-11-28")
    document = extract_document(load_model()(text), source)
    assert all(event.when is None for event in document.events)  # only undated reported speech


def test_doc_must_match_the_source_text() -> None:
    with pytest.raises(ValueError):
        extract_document(load_model()("short"), Source(id="s-x", title="", text="longer text"))


@pytest.mark.parametrize(
    "text",
    [
        "By 1650 GMT, the dollar was trading against the euro at $1.3280, Reuters said.",
        "The event will be televised by the ABC network from 1700 local time in London.",
    ],
)
def test_clock_times_are_not_years(text: str) -> None:
    source = Source(id="s-clock", title="", text=text, published="2005-01-10")
    document = extract_document(load_model()(text), source)
    assert not [event.date for event in document.events if event.date and event.date[:2] in ("16", "17")]


def test_a_year_dateparser_misreads_keeps_the_year_the_text_names() -> None:
    text = "Wall Street has gotten ahead of eBay for the 2005 year, analyst Martin Pyykkonen said."
    source = Source(id="s-year", title="", text=text, published=None)
    dates = [event.date for event in extract_document(load_model()(text), source).events]
    assert "0021" not in dates and all(date is None or date >= "2005" for date in dates)


def test_a_number_far_before_publication_is_no_year_but_the_articles_own_year_is() -> None:
    text = (
        "The Dow Jones index rose 21 points to 1738 on Monday, trader John Smith said. "
        "Lloyds Bank was founded in 1881 and nationalised in 1982, its chairman Robert Jones said."
    )
    source = Source(id="s-years", title="", text=text, published="1982-10-20")
    dates = {event.date for event in extract_document(load_model()(text), source).events}
    assert "1738" not in dates
    assert "1982" in dates  # 1881, a year alone before the article's own, is background
