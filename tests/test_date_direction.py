"""Which way a yearless date leans from publication, decided by the sentence that carries it:
real wire sentences from the shared corpus, parsed by the real model, each with its
publication date from the Reuters index (issue 11, item 6)."""

from __future__ import annotations

import pytest

from dossier.ingest.dates import resolve
from dossier.ingest.event_dating import date_tokens, governor, is_attribute_date, leaning, tense
from dossier.ingest.nlp import load_model


def dated(sentence: str, published: str, expression: str) -> tuple[str, tuple[str, str | None] | None]:
    """The time expression the model finds (extended as extraction does) and what it resolves to."""
    doc = load_model()(sentence)
    entity = next(e for e in doc.ents if e.label_ == "DATE" and expression.startswith(e.text[:4]))
    tokens = date_tokens(entity)
    head, nominal = governor(tokens)
    text = sentence[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return text, resolve(text, published, tense=leaning(tokens, head, nominal))


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "expected"),
    [
        # A deadline under a modal: June after a March article, not the June before (09057).
        ("The warrants must be exercised by June 22.", "1987-03-24", "June 22", "1987-06-22"),
        # A present passive of a scheduling verb; the weekday agrees with 1987, not 1986 (04267).
        (
            "A meeting of the National Coffee Policy Council is set for Thursday, March 19, and Dauster "
            "will almost certainly explain his plan to members then before announcing any new measures.",
            "1987-03-12",
            "Thursday, March 19",
            "1987-03-19",
        ),
        # "due back" with its weekday (02503).
        ("He is due back in Brasilia next Wednesday, March 11, the sources added.", "1987-03-05",
         "next Wednesday, March 11", "1987-03-11"),
        # A future with "will", the day and its weekday (00343).
        ("India will hold a buying tender on Wednesday, March 4, for two to three cargoes of white sugar "
         "for March/April shipment, traders said.", "1987-03-02", "Wednesday, March 4", "1987-03-04"),
    ],
)
def test_a_yearless_date_leans_the_way_its_sentence_reads(sentence, published, expression, expected) -> None:
    text, resolved = dated(sentence, published, expression)
    assert text == expression
    assert resolved is not None and resolved[0] == expected


def test_past_forms_lean_back_and_a_present_passive_does_not() -> None:
    nlp = load_model()
    held = nlp("Talks held in Geneva ended without an agreement.")
    assert tense(next(t for t in held if t.text == "held")) == "past"  # a bare participle
    has_met = nlp("The committee has met twice since then.")
    assert tense(next(t for t in has_met if t.text == "met")) == "past"  # a present perfect
    is_set = nlp("A meeting is set for next week.")
    assert tense(next(t for t in is_set if t.text == "set")) is None  # a present passive
    must = nlp("All exports must be completed by the end of the year.")
    assert tense(next(t for t in must if t.text == "completed")) == "future"  # a modal of obligation


def test_the_date_of_what_was_scheduled_is_not_the_date_of_the_scheduling() -> None:
    # 05580: published March 16, 1987; the meeting "had previously been set for May 14" — that May lies ahead.
    _, resolved = dated("The meeting had previously been set for May 14 in Palo Alto, the company said.",
                           "1987-03-16", "May 14")
    assert resolved == ("1987-05-14", None)


def test_a_date_that_describes_a_thing_dates_no_event() -> None:
    doc = load_model()("Sesostris, the Spanish subsidiary of the international grain trader Dreyfus, sold 18,000 "
                       "tonnes of barley to Greece for April 14/30 delivery via Mediterranean ports.")
    entity = next(e for e in doc.ents if e.label_ == "DATE")
    assert is_attribute_date(date_tokens(entity))  # "April 14/30 delivery": a delivery window, not when it sold
    assert resolve("April 14/30", "1987-04-07", tense="future") == ("1987-04-14", "1987-04-30")


def test_a_weekday_and_the_date_the_model_left_apart_are_one_expression() -> None:
    # Reuters 05580: the model tags "Monday" alone; ", May 11" belongs to it, and the pair is read once.
    from tests.test_extract_corpus import REUTERS

    text = (REUTERS / "05580.txt").read_text(encoding="utf-8")
    sentence = text[text.index("Cooper LaserSonics Inc said") : text.index("Calif.\n    The meeting") + len("Calif.")]
    doc = load_model()(sentence)
    entities = [e for e in doc.ents if e.label_ == "DATE"]
    monday = next(e for e in entities if e.text == "Monday")
    tokens = date_tokens(monday)
    expression = sentence[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    assert expression == "Monday, May 11"
    assert resolve(expression, "1987-03-16", tense="past") == ("1987-05-11", None)
