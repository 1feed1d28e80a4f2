"""Matching extracted actors, mentions and events against the annotated set, and the counts it gives.

Pure functions over plain spans, so the matching rules can be tested on tiny hand-made inputs
(tests/test_extraction_eval.py) and reused for any extractor — ours or plain spaCy NER:

- an extracted actor matches a gold actor of the same article when one of its mentions that
  names it (shares a word with its name or an alias) overlaps a gold mention, or a folded name,
  alias or such mention text of one equals one of the other; a gold actor matched by two or more
  extracted actors is a name split across actors;
- mentions are matched one to one by overlapping spans (``relaxed``) or identical spans (``exact``);
- an extracted event is *found* when its evidence overlaps a sentence the annotator quoted for a
  gold event (one to one, a same-date, then same-kind candidate first); its date *agrees* when it
  equals the gold date at the gold date's precision, or the gold date is None (the text gives
  none, so any reading is accepted and none is judged).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from dossier.store.folding import fold
from dossier.store.partial_dates import day_of

Span = tuple[int, int]
YEAR_OFF_DAYS = 360


@dataclass(slots=True)
class ActorItem:
    """An actor of one article as the scorer sees it (gold or extracted)."""

    name: str
    kind: str
    mentions: list[Span]
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EventItem:
    """An event of one article as the scorer sees it (gold or extracted)."""

    title: str
    date: str | None
    kind: str
    evidence: list[Span]
    actors: list[str] = field(default_factory=list)


def overlaps(first: Span, second: Span) -> bool:
    """Whether two character spans share at least one character."""
    return first[0] < second[1] and second[0] < first[1]


def _names(actor: ActorItem, text: str) -> set[str]:
    """Every folded form an actor goes by: name, aliases and the text of the mentions naming it."""
    forms = {actor.name, *actor.aliases, *(text[start:end] for start, end in own_mentions(actor, text))}
    return {fold(form) for form in forms if form.strip()}


def _words(text: str) -> set[str]:
    """The folded words of a name, for telling a mention of an actor from a span given to it."""
    return {word for word in fold(text).replace("-", " ").split() if len(word) > 1}


def own_mentions(actor: ActorItem, text: str) -> list[Span]:
    """The mentions that name the actor: their text shares a word with its name or an alias.

    A span handed to another actor ("NEW YORK" as a mention of United States, a dateline city
    turned into its country) names something else: it does not make that actor a match.
    """
    names = set().union(*(_words(name) for name in (actor.name, *actor.aliases)))
    return [span for span in actor.mentions if _words(text[span[0] : span[1]]) & names]


def actors_match(predicted: ActorItem, gold: ActorItem, text: str) -> bool:
    """A mention naming the predicted actor on a gold mention span, or a name folded alike."""
    if any(overlaps(p, g) for p in own_mentions(predicted, text) for g in gold.mentions):
        return True
    return bool(_names(predicted, text) & _names(gold, text))


@dataclass(slots=True)
class ActorCounts:
    """Entity-level counts summed over articles."""

    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    splits: int = 0  # gold actors matched by two or more extracted actors
    merges: int = 0  # extracted actors matching two or more gold actors
    kind_pairs: int = 0
    kind_agree: int = 0
    split_examples: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def count_actors(predicted: Sequence[ActorItem], gold: Sequence[ActorItem], text: str, counts: ActorCounts) -> None:
    """Add one article's actor matches to ``counts``."""
    links = [[g for g in gold if actors_match(p, g, text)] for p in predicted]
    counts.predicted += len(predicted)
    counts.gold += len(gold)
    for p, matched in zip(predicted, links, strict=True):
        if matched:
            counts.predicted_matched += 1
            counts.merges += len(matched) > 1
            best = max(matched, key=lambda g: sum(overlaps(a, b) for a in p.mentions for b in g.mentions))
            counts.kind_pairs += 1
            counts.kind_agree += p.kind == best.kind
        else:
            surfaces = ", ".join(sorted({text[a:b].replace("\n", " ") for a, b in p.mentions}))
            counts.spurious.append(f"{p.name} ({p.kind}): {surfaces}")
    for g in gold:
        matching = [p for p, matched in zip(predicted, links, strict=True) if g in matched]
        if matching:
            counts.gold_matched += 1
            if len(matching) > 1:
                counts.splits += 1
                counts.split_examples.append(f"{g.name} → " + " / ".join(p.name for p in matching))
        else:
            counts.missed.append(f"{g.name} ({g.kind})")


@dataclass(slots=True)
class MentionCounts:
    """Mention-level counts summed over articles, relaxed (overlap) and exact."""

    predicted: int = 0
    gold: int = 0
    relaxed: int = 0
    exact: int = 0


def match_spans(predicted: Sequence[Span], gold: Sequence[Span]) -> int:
    """How many predicted spans pair one to one with an overlapping gold span (both scanned in order)."""
    free = sorted(gold)
    matched = 0
    for span in sorted(predicted):
        for index, candidate in enumerate(free):
            if overlaps(span, candidate):
                del free[index]
                matched += 1
                break
    return matched


def count_mentions(predicted: Sequence[Span], gold: Sequence[Span], counts: MentionCounts) -> None:
    """Add one article's mention matches to ``counts``."""
    counts.predicted += len(predicted)
    counts.gold += len(gold)
    counts.relaxed += match_spans(predicted, gold)
    counts.exact += len(set(predicted) & set(gold))


def date_agrees(predicted: str | None, gold: str | None) -> bool:
    """The gold date read at its own precision, or no gold date to judge."""
    return gold is None or predicted == gold


def _first_day(text: str | None) -> date | None:
    """The first day a partial ISO date covers ("1987" -> 1 January 1987), or None."""
    if not text:
        return None
    return day_of((text + "-01-01")[:10])


def year_off(predicted: str | None, gold: str | None) -> bool:
    """Both dated and their first days a year or more apart."""
    first, second = _first_day(predicted), _first_day(gold)
    return first is not None and second is not None and abs((first - second).days) >= YEAR_OFF_DAYS


def pair_events(predicted: Sequence[EventItem], gold: Sequence[EventItem]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs whose evidence overlaps; same date, then same kind first."""
    candidates = [
        (p.date != g.date, p.kind != g.kind, i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if any(overlaps(a, b) for a in p.evidence for b in g.evidence)
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for *_, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(slots=True)
class EventCounts:
    """Event-level counts summed over articles."""

    predicted: int = 0
    gold: int = 0
    gold_dated: int = 0
    paired: int = 0
    paired_date_ok: int = 0
    paired_gold_dated: int = 0
    dates_exact: int = 0
    year_off: int = 0
    kind_agree: int = 0
    other: int = 0
    on_not_event: int = 0
    unpaired: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    wrong_kinds: list[str] = field(default_factory=list)


def count_events(
    predicted: Sequence[EventItem], gold: Sequence[EventItem], not_events: Sequence[Span], counts: EventCounts
) -> None:
    """Add one article's event matches to ``counts``."""
    pairs = pair_events(predicted, gold)
    counts.predicted += len(predicted)
    counts.gold += len(gold)
    counts.gold_dated += sum(g.date is not None for g in gold)
    counts.other += sum(p.kind == "other" for p in predicted)
    for i, j in pairs:
        p, g = predicted[i], gold[j]
        counts.paired += 1
        counts.paired_date_ok += date_agrees(p.date, g.date)
        counts.kind_agree += p.kind == g.kind
        if p.kind != g.kind:
            counts.wrong_kinds.append(f"{p.title!r}: {p.kind}, gold {g.kind}")
        if g.date is not None:
            counts.paired_gold_dated += 1
            counts.dates_exact += p.date == g.date
            counts.year_off += year_off(p.date, g.date)
            if p.date != g.date:
                counts.wrong_dates.append(f"{p.title!r}: {p.date}, gold {g.date}")
    paired_p = {i for i, _ in pairs}
    paired_g = {j for _, j in pairs}
    for i, p in enumerate(predicted):
        if i not in paired_p:
            counts.unpaired.append(f"{p.date} · {p.title}")
            counts.on_not_event += any(overlaps(a, b) for a in p.evidence for b in not_events)
    counts.missed += [f"{g.date} · {g.title}" for j, g in enumerate(gold) if j not in paired_g]
