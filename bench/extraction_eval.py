"""`python -m bench.extraction_eval`: extraction quality on the hand-annotated set (bench/eval/events).

Runs the real extraction on every annotated article — ``prepare_source`` (furniture, metadata,
masked text) with the index date as ``--metadata`` gives it, spaCy, ``extract_document`` — and
plain spaCy NER on the same parse in the same run, then prints actor and mention
precision/recall for both, events found and dated right, kinds, the share of ``other`` and of
clean titles, with examples of each kind of miss. ``--json`` ends the output with one JSON line
(the report ``make bench`` reads). The matching rules are in ``bench.extraction_match``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from bench.corpus import CORPUS_ROOT
from bench.extraction_gold import GOLD_DIR, GoldArticle, load_gold
from bench.extraction_match import (
    ActorCounts,
    ActorItem,
    EventCounts,
    EventItem,
    MentionCounts,
    count_actors,
    count_events,
    count_mentions,
)
from dossier.ingest.extract import extract_document
from dossier.ingest.nlp import load_model
from dossier.ingest.pipeline import prepare_source
from dossier.store.drafts import ExtractedDocument
from dossier.store.folding import fold
from dossier.store.records import Source

SPACY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group"}
TITLE_MAX_WORDS = 12
VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "MD"})
FUNCTION_TAGS = frozenset({"IN", "DT", "CC", "TO", "PRP", "PRP$", "MD", "WDT", "WP", "WP$", "RP", "EX", "POS", "PDT"})
AUXILIARIES = frozenset({"be", "is", "are", "was", "were", "been", "being", "has", "have", "had", "do", "does", "did"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
SAYING = frozenset({"say", "says", "said", "tell", "tells", "told"})
COMPLEMENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "obj", "dative", "attr"})


def _has_subject(title: Doc) -> bool:
    """A subject in the parse, or the headline future "Tautou to star in ..." (a noun, then to + verb)."""
    if any(token.dep_ in SUBJECT_DEPS for token in title):
        return True
    root = next((token for token in title if token.dep_ == "ROOT"), None)
    return bool(
        root is not None
        and root.tag_.startswith(("NN", "PRP"))
        and any(child.tag_ == "VB" and any(g.tag_ == "TO" for g in child.children) for child in root.children)
    )


def title_problem(title: Doc) -> str | None:
    """Why a title is not a clean headline by the automatic proxy, or None when it passes.

    Clean: at most 12 words, a verb and a subject in the parse (or "X to <verb>"), not starting
    with the verb (a bare verb phrase), not ending on a function word or an auxiliary, and not a
    bare "X says" (a saying verb with nothing said).
    Tags and dependencies only: the model runs without a lemmatizer or attribute ruler.
    """
    words = [token for token in title if not token.is_punct]
    if not words:
        return "empty"
    if len(title.text.split()) > TITLE_MAX_WORDS:
        return "longer than 12 words"
    last = words[-1]
    if last.tag_ in FUNCTION_TAGS or last.lower_ in AUXILIARIES:
        return "ends on a function word"
    if not any(token.tag_ in VERB_TAGS for token in title):
        return "no verb"
    if words[0].tag_ in VERB_TAGS or words[0].tag_ == "TO":
        return "bare verb phrase"
    if not _has_subject(title):
        return "no subject"
    root = next((token for token in title if token.dep_ == "ROOT"), words[0])
    saying = root if root.lower_ in SAYING else last if last.lower_ in SAYING else None
    if saying is not None and not any(child.dep_ in COMPLEMENT_DEPS for child in saying.children):
        return "bare 'X says'"
    return None


def _prepared(article: GoldArticle, corpus: Path) -> tuple[Source, str]:
    """The source record and masked text ingest would make of an annotated file (the index date as metadata)."""
    front = {"date": article.published} if article.published else {}
    return prepare_source(corpus / article.file, article.text, front)


def _extracted_items(document: ExtractedDocument) -> tuple[list[ActorItem], list[EventItem]]:
    """Our extraction of one article as scorer items."""
    actors = [
        ActorItem(draft.name, draft.kind, [(m.start, m.end) for m in draft.mentions], list(draft.aliases))
        for draft in document.actors
    ]
    names = {draft.key: draft.name for draft in document.actors}
    events = [
        EventItem(
            event.title,
            event.date,
            event.kind,
            [(span.start, span.end) for span in event.evidence],
            [names.get(key, key) for key in event.actor_keys],
        )
        for event in document.events
    ]
    return actors, events


def _spacy_actors(doc: Doc) -> list[ActorItem]:
    """Plain spaCy NER as actors: PERSON/ORG/GPE/LOC/NORP entities grouped by folded text."""
    grouped: dict[str, ActorItem] = {}
    for ent in doc.ents:
        kind = SPACY_KINDS.get(ent.label_)
        if kind is None or not fold(ent.text):
            continue
        item = grouped.setdefault(fold(ent.text), ActorItem(ent.text, kind, []))
        item.mentions.append((ent.start_char, ent.end_char))
    return list(grouped.values())


def _gold_items(article: GoldArticle) -> tuple[list[ActorItem], list[EventItem]]:
    """The annotations of one article as scorer items."""
    actors = [ActorItem(a.name, a.kind, list(a.mentions)) for a in article.actors]
    events = [EventItem(e.title, e.date, e.kind, list(e.evidence), list(e.actors)) for e in article.events]
    return actors, events


def _tag_new(file: str, before: tuple[int, ...], lists: tuple[list[str], ...]) -> None:
    """Prefix the examples one article added to each list with its file name."""
    for start, items in zip(before, lists, strict=True):
        items[start:] = [f"{file}: {item}" for item in items[start:]]


def _ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, or None for an empty denominator."""
    return numerator / denominator if denominator else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of precision and recall."""
    if not precision or not recall:
        return None
    return 2 * precision * recall / (precision + recall)


def _mention_figures(counts: MentionCounts) -> dict[str, float | None]:
    """Precision, recall and F1 of mentions, relaxed (overlap) and exact."""
    figures: dict[str, float | None] = {}
    for mode in ("relaxed", "exact"):
        matched = getattr(counts, mode)
        precision, recall = _ratio(matched, counts.predicted), _ratio(matched, counts.gold)
        figures |= {f"{mode}_precision": precision, f"{mode}_recall": recall, f"{mode}_f1": _f1(precision, recall)}
    return figures


def evaluate(folder: Path = GOLD_DIR, corpus: Path = CORPUS_ROOT) -> dict[str, Any]:
    """Score our extraction and plain spaCy against every annotated article; the figures and examples."""
    articles = load_gold(folder, corpus)
    nlp = load_model()
    prepared = [_prepared(article, corpus) for article in articles]
    sources = [source for source, _ in prepared]
    docs = nlp.pipe(masked for _, masked in prepared)
    ours, spacy_ = ActorCounts(), ActorCounts()
    mentions = {"ours": MentionCounts(), "spacy": MentionCounts()}
    by_source = {f"{who}_{where}": MentionCounts() for who in ("ours", "spacy") for where in ("reuters", "bbc")}
    events = EventCounts()
    titles: list[str] = []
    gold_titles: list[str] = []
    for article, source, doc in zip(articles, sources, docs, strict=True):
        gold_actors, gold_events = _gold_items(article)
        gold_spans = [span for actor in gold_actors for span in actor.mentions]
        predicted_actors, predicted_events = _extracted_items(extract_document(doc, source))
        baseline = _spacy_actors(doc)
        where = article.file.split("/")[0]
        before = (len(ours.spurious), len(ours.missed), len(ours.split_examples), len(events.unpaired), len(events.missed))
        count_actors(predicted_actors, gold_actors, article.text, ours)
        count_actors(baseline, gold_actors, article.text, spacy_)
        for who, items in (("ours", predicted_actors), ("spacy", baseline)):
            spans = [span for actor in items for span in actor.mentions]
            count_mentions(spans, gold_spans, mentions[who])
            count_mentions(spans, gold_spans, by_source[f"{who}_{where}"])
        count_events(predicted_events, gold_events, article.no_event_spans, events)
        _tag_new(article.file, before, (ours.spurious, ours.missed, ours.split_examples, events.unpaired, events.missed))
        titles += [event.title for event in predicted_events]
        gold_titles += [event.title for event in gold_events]
    problems = [title_problem(doc) for doc in nlp.pipe(titles)]
    gold_problems = [title_problem(doc) for doc in nlp.pipe(gold_titles)]
    return {
        "articles": len(articles),
        "reuters": sum(a.file.startswith("reuters/") for a in articles),
        "ours": ours,
        "spacy": spacy_,
        "mentions": {who: _mention_figures(counts) for who, counts in (mentions | by_source).items()},
        "events": events,
        "titles": list(zip(titles, problems, strict=True)),
        "gold_title_clean": _ratio(gold_problems.count(None), len(gold_problems)),
    }


def figures(result: dict[str, Any]) -> dict[str, float | int | None]:
    """The headline numbers of an evaluation, flat (the JSON report and the bench rows)."""
    ours: ActorCounts = result["ours"]
    spacy_: ActorCounts = result["spacy"]
    events: EventCounts = result["events"]
    mentions = result["mentions"]
    titles = result["titles"]
    ours_f1, spacy_f1 = mentions["ours"]["relaxed_f1"], mentions["spacy"]["relaxed_f1"]
    return {
        "articles": result["articles"],
        "actor_precision": _ratio(ours.predicted_matched, ours.predicted),
        "actor_recall": _ratio(ours.gold_matched, ours.gold),
        "actor_kind_accuracy": _ratio(ours.kind_agree, ours.kind_pairs),
        "actor_splits": ours.splits,
        "actor_merges": ours.merges,
        "spacy_actor_precision": _ratio(spacy_.predicted_matched, spacy_.predicted),
        "spacy_actor_recall": _ratio(spacy_.gold_matched, spacy_.gold),
        "spacy_actor_splits": spacy_.splits,
        **{f"mention_{key}": value for key, value in mentions["ours"].items()},
        **{f"spacy_mention_{key}": value for key, value in mentions["spacy"].items()},
        "mention_f1_reuters": mentions["ours_reuters"]["relaxed_f1"],
        "mention_f1_bbc": mentions["ours_bbc"]["relaxed_f1"],
        "spacy_mention_f1_reuters": mentions["spacy_reuters"]["relaxed_f1"],
        "spacy_mention_f1_bbc": mentions["spacy_bbc"]["relaxed_f1"],
        "mention_f1_gain": None if ours_f1 is None or spacy_f1 is None else ours_f1 - spacy_f1,
        "events_predicted": events.predicted,
        "events_gold": events.gold,
        "event_precision_sentence": _ratio(events.paired, events.predicted),
        "event_precision": _ratio(events.paired_date_ok, events.predicted),
        "event_recall": _ratio(events.paired, events.gold),
        "event_recall_dated": _ratio(events.paired_gold_dated, events.gold_dated),
        "date_accuracy": _ratio(events.dates_exact, events.paired_gold_dated),
        "dates_year_off": events.year_off,
        "kind_accuracy": _ratio(events.kind_agree, events.paired),
        "other_share": _ratio(events.other, events.predicted),
        "events_on_not_event_sentences": events.on_not_event,
        "title_clean_share": _ratio(sum(problem is None for _, problem in titles), len(titles)),
        "gold_title_clean_share": result["gold_title_clean"],
    }


def _format(value: float | int | None) -> str:
    """A figure as printed: ratios with two decimals, counts as integers."""
    if value is None:
        return "–"
    return f"{value:.2f}" if isinstance(value, float) else f"{value:,}"


def render(result: dict[str, Any], examples: int) -> str:
    """The printed report: the figures, then up to ``examples`` examples of each kind of miss."""
    lines = [f"Extraction quality on the annotated set ({result['articles']} articles, {result['reuters']} Reuters)", ""]
    lines += [f"  {key:32} {_format(value)}" for key, value in figures(result).items()]
    ours: ActorCounts = result["ours"]
    events: EventCounts = result["events"]
    bad_titles = [f"{title!r}: {problem}" for title, problem in result["titles"] if problem]
    for label, items in (
        ("extracted actors matching no gold actor", ours.spurious),
        ("gold actors not found", ours.missed),
        ("names split across actors", ours.split_examples),
        ("extracted events matching no gold event", events.unpaired),
        ("gold events not found", events.missed),
        ("wrong dates", events.wrong_dates),
        ("wrong kinds", events.wrong_kinds),
        ("titles failing the proxy", bad_titles),
    ):
        lines += ["", f"{label} ({len(items)}):", *(f"  - {item}" for item in items[:examples])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Evaluate and print the report (and a JSON line with ``--json``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.extraction_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of annotation files")
    parser.add_argument("--corpus", type=Path, default=CORPUS_ROOT, help="corpus root (default: ../shared/corpus)")
    parser.add_argument("--examples", type=int, default=8, help="examples printed per kind of miss (default: 8)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args(argv)
    result = evaluate(args.gold, args.corpus)
    print(render(result, args.examples), end="")
    if args.json:
        print(json.dumps(figures(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
