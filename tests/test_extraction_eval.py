"""The extraction scorer's matching rules on tiny hand-made inputs, and the annotated set itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.extraction_eval import title_problem
from bench.extraction_gold import GOLD_DIR, AnnotationError, load_gold, quote_span, resolve_mentions
from bench.extraction_match import (
    ActorCounts,
    ActorItem,
    EventCounts,
    EventItem,
    MentionCounts,
    actors_match,
    count_actors,
    count_events,
    count_mentions,
    date_agrees,
    pair_events,
    year_off,
)
from bench.extraction_sample import sample
from dossier.ingest.nlp import load_model

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "reuters" / "index.tsv").exists(), reason="no ../shared/corpus")

TEXT = "NEW YORK, March 9 - The Federal Reserve said the Fed would act.\nFed officials agreed."


def test_mentions_pair_one_to_one_by_overlap_and_exact_counts_only_identical_spans() -> None:
    counts = MentionCounts()
    gold = [(24, 39)]
    assert TEXT[20:39] == "The Federal Reserve"
    count_mentions([(20, 39), (24, 31)], gold, counts)  # "The Federal Reserve" and "Federal": two claims, one gold
    assert (counts.relaxed, counts.exact, counts.predicted, counts.gold) == (1, 0, 2, 1)


def test_a_span_handed_to_another_actor_is_no_match_but_a_shared_name_is() -> None:
    new_york = ActorItem("New York", "place", [(0, 8)])
    dateline_country = ActorItem("United States", "place", [(0, 8)])  # the dateline city turned into its country
    assert not actors_match(dateline_country, new_york, TEXT)
    assert actors_match(ActorItem("New York City", "place", [(0, 8)]), new_york, TEXT)
    fed = ActorItem("Federal Reserve", "organization", [(24, 39)])
    assert actors_match(ActorItem("Federal Reserve Board", "organization", [], ["the Federal Reserve"]), fed, TEXT)


def test_one_name_on_two_actors_is_a_split_and_a_country_from_a_dateline_is_spurious() -> None:
    fed_spans = [(24, 39), (49, 52), (64, 67)]
    assert [TEXT[a:b] for a, b in fed_spans] == ["Federal Reserve", "Fed", "Fed"]
    gold = [ActorItem("Federal Reserve", "organization", fed_spans), ActorItem("New York", "place", [(0, 8)])]
    predicted = [
        ActorItem("Federal Reserve", "organization", []),
        ActorItem("Fed", "organization", []),
        ActorItem("New York", "place", [(0, 8)]),
        ActorItem("United States", "place", [(0, 8)]),
    ]
    counts = ActorCounts()
    predicted[0].mentions, predicted[1].mentions = [(24, 39)], [(49, 52), (64, 67)]
    count_actors(predicted, gold, TEXT, counts)
    assert (counts.predicted_matched, counts.predicted, counts.gold_matched, counts.gold) == (3, 4, 2, 2)
    assert counts.splits == 1 and counts.split_examples == ["Federal Reserve → Federal Reserve / Fed"]
    assert counts.spurious == ["United States (place): NEW YORK"]


def test_events_pair_by_evidence_prefer_the_agreeing_date_and_judge_dates_at_gold_precision() -> None:
    sentence = (20, 60)
    gold = [EventItem("Fed acts", "1987-03-09", "other", [sentence]), EventItem("Fed agrees", None, "agreement", [(61, 90)])]
    predicted = [
        EventItem("Fed says", "1987-03-10", "statement", [sentence]),
        EventItem("Fed acts", "1987-03-09", "other", [sentence]),
        EventItem("Officials agree", "1987-03-09", "agreement", [(61, 90)]),
        EventItem("Trivia", "1986", "other", [(91, 99)]),
    ]
    assert pair_events(predicted, gold) == [(1, 0), (2, 1)]
    counts = EventCounts()
    count_events(predicted, gold, [(91, 120)], counts)
    assert (counts.paired, counts.paired_date_ok, counts.dates_exact, counts.kind_agree) == (2, 2, 1, 2)
    assert counts.on_not_event == 1 and counts.other == 2
    assert date_agrees("1987-03-09", None) and not date_agrees("1987-03", "1987-03-09")
    assert year_off("1986-03", "1987-03-09") and not year_off("1987-01", "1987-03-09")


def test_annotations_resolve_longest_surfaces_first_and_refuse_a_wrong_count() -> None:
    actors = [
        {"name": "Federal Reserve", "kind": "organization", "mentions": ["Federal Reserve", "Fed", "Fed"]},
        {"name": "New York", "kind": "place", "mentions": ["NEW YORK"]},
    ]
    resolved = resolve_mentions(TEXT, actors, "tiny")
    assert resolved[0].surfaces == ["Federal Reserve", "Fed", "Fed"] and resolved[1].mentions == [(0, 8)]
    picked = resolve_mentions(TEXT, [{"name": "Fed", "kind": "organization", "mentions": ["Fed#2"]}], "tiny")
    assert picked[0].mentions == [(64, 67)]
    with pytest.raises(AnnotationError):
        resolve_mentions(TEXT, [{"name": "Fed", "kind": "organization", "mentions": ["Fed"]}], "tiny")
    assert quote_span(TEXT, "said  the Fed would", "tiny") == (40, 58)
    with pytest.raises(AnnotationError):
        quote_span(TEXT, "Fed", "tiny")


@pytest.mark.parametrize(
    ("title", "problem"),
    [  # the issue's own examples of clean and broken titles
        ("Congress passes textile bill", None),
        ("Soviet tanker hits mine in Gulf", None),
        ("Ziyang says China tightens imports of ordinary goods", None),
        ("Heller says", "bare 'X says'"),
        ("Is holiday", "bare verb phrase"),
        ("Compares with 69,748 bpd", "bare verb phrase"),
        ("Liedtke says in annual report Pennzoil has", "ends on a function word"),
        ("Greek statement says Greece does not be prepared to give up even trace of its", "longer than 12 words"),
    ],
)
def test_title_proxy_on_the_issues_examples(title: str, problem: str | None) -> None:
    assert title_problem(load_model()(title)) == problem


@needs_corpus
def test_the_annotated_set_is_the_documented_sample_and_fits_its_texts() -> None:
    articles = load_gold()
    assert [a.file for a in articles] == sorted(a.file for a in sample())
    assert sum(a.file.startswith("reuters/") for a in articles) == 24 and len(articles) == 40
    assert {a.group for a in articles if a.file.startswith("bbc/")} == {"business", "entertainment", "politics", "sport", "tech"}
    drawn = {s.file: s.published for s in sample()}
    raw = {json.loads(path.read_text())["file"]: json.loads(path.read_text()) for path in GOLD_DIR.glob("*.json")}
    for article in articles:
        assert article.published == drawn[article.file] == raw[article.file]["published"]
        for actor, written in zip(article.actors, raw[article.file]["actors"], strict=True):
            assert len(actor.mentions) == len(written["mentions"])


def test_title_audit_counts_per_collection_with_the_same_proxy() -> None:
    from bench.title_audit import audit, collection_of

    assert collection_of("/work/shared/corpus/reuters/00001.txt") == "reuters"
    assert collection_of("/work/shared/corpus/bbc/sport/065.txt") == "bbc"
    assert collection_of(None) == collection_of("notes/a.txt") == "other"
    events = [
        {"title": "Congress passes textile bill", "date": "1987-03-09", "kind": "agreement", "actors": ["a"], "evidence": [{"source": "s1"}]},
        {"title": "Heller says", "date": "1987-03-09", "kind": "statement", "actors": ["b"], "evidence": [{"source": "s1"}]},
        {"title": "Heller says", "date": "1987-03-09", "kind": "other", "actors": [], "evidence": [{"source": "s1"}]},
        {"title": "Is holiday", "date": None, "kind": "other", "actors": ["c"], "evidence": [{"source": "s2"}]},
    ]
    report = audit(events, {"s1": "reuters", "s2": "bbc"})
    assert report["reuters"]["events"] == 3 and report["reuters"]["title_clean_share"] == pytest.approx(1 / 3)
    assert report["reuters"]["repeated_date_title_pairs"] == 1 and report["reuters"]["events_without_actor"] == 1
    assert report["bbc"] == {
        "events": 1, "title_clean_share": 0.0, "title_problems": {"bare verb phrase": 1}, "other_share": 1.0,
        "repeated_date_title_pairs": 0, "events_without_actor": 0,
    }
