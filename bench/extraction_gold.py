"""The hand-annotated extraction set (bench/eval/events/*.json), with every string found in its text.

Annotators write surfaces, not offsets: each actor lists its mentions as the strings the text
uses, one entry per occurrence ("Volcker" three times for three mentions), and an entry
``"U.S.#2"`` names the second whole-word occurrence of ``U.S.`` in the text when only some
occurrences are mentions of that actor. Evidence and not-event sentences are quoted
(whitespace-normalised, since wire text is hard-wrapped). Loading resolves all of it to
character spans of the corpus file and refuses an annotation that does not fit its text, so a
count or a quote that is off is caught at once (``python -m bench.extraction_gold`` checks all).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import CORPUS_ROOT
from dossier.store.records import EVENT_KINDS

GOLD_DIR = Path(__file__).resolve().parent / "eval" / "events"
KINDS = frozenset(EVENT_KINDS)
ACTOR_KINDS = frozenset({"person", "organization", "place", "group"})


class AnnotationError(ValueError):
    """An annotation that does not fit its article's text."""


@dataclass(slots=True)
class GoldActor:
    """One actor of one article: name, kind and the (start, end) spans of its mentions."""

    name: str
    kind: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)


@dataclass(slots=True)
class GoldEvent:
    """One event: headline, participants, date (ISO at its precision or None), kind, evidence spans (one per report)."""

    title: str
    actors: list[str]
    date: str | None
    until: str | None
    kind: str
    evidence: list[tuple[int, int]]


@dataclass(slots=True)
class GoldArticle:
    """One annotated article with its text and every annotation resolved to spans."""

    file: str
    group: str
    published: str | None
    text: str
    actors: list[GoldActor]
    events: list[GoldEvent]
    not_events: list[tuple[int, int]]
    background: list[GoldEvent] = field(default_factory=list)

    @property
    def no_event_spans(self) -> list[tuple[int, int]]:
        """Where no event should come from: the not-event sentences and the background's evidence."""
        return self.not_events + [span for event in self.background for span in event.evidence]


def _pattern(surface: str) -> re.Pattern[str]:
    """A whole-word pattern for a surface where any space matches any run of whitespace."""
    body = r"\s+".join(re.escape(part) for part in surface.split())
    return re.compile(rf"(?<!\w){body}(?!\w)")


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of ``surface`` in ``text``, in order."""
    return [(m.start(), m.end()) for m in _pattern(surface).finditer(text)]


def quote_span(text: str, quote: str, what: str) -> tuple[int, int]:
    """The one place ``quote`` occurs (whitespace-normalised); an error when absent or repeated."""
    body = r"\s+".join(re.escape(part) for part in quote.split())
    found = [(m.start(), m.end()) for m in re.finditer(body, text)]
    if len(found) != 1:
        raise AnnotationError(f"{what}: {quote!r} occurs {len(found)} times")
    return found[0]


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether ``span`` shares a character with any span in ``taken``."""
    return any(span[0] < end and start < span[1] for start, end in taken)


def resolve_mentions(text: str, actors: list[dict[str, Any]], where: str) -> list[GoldActor]:
    """Spans for every actor's mention list: ``#k`` entries first, then plain surfaces longest first."""
    resolved = [GoldActor(str(a["name"]), str(a["kind"])) for a in actors]
    taken: list[tuple[int, int]] = []
    plain: dict[str, Counter[int]] = {}
    for index, written in enumerate(actors):
        for entry in written["mentions"]:
            surface, _, nth = str(entry).rpartition("#") if re.search(r"#\d+$", str(entry)) else (str(entry), "", "")
            if nth:
                spots = occurrences(text, surface)
                if int(nth) > len(spots):
                    raise AnnotationError(f"{where}: {entry!r}: only {len(spots)} occurrences")
                span = spots[int(nth) - 1]
                if _overlaps(span, taken):
                    raise AnnotationError(f"{where}: {entry!r} given twice")
                taken.append(span)
                resolved[index].mentions.append(span)
            else:
                plain.setdefault(surface, Counter())[index] += 1
    for surface in sorted(plain, key=len, reverse=True):
        owners = plain[surface]
        if len(owners) > 1:
            raise AnnotationError(f"{where}: {surface!r} is plain in two actors; use #k")
        (index, count), = owners.items()
        free = [span for span in occurrences(text, surface) if not _overlaps(span, taken)]
        if len(free) != count:
            raise AnnotationError(f"{where}: {surface!r} listed {count} times, {len(free)} free occurrences")
        taken += free
        resolved[index].mentions += free
    for gold in resolved:
        gold.mentions.sort()
        gold.surfaces = [text[start:end] for start, end in gold.mentions]
    return resolved


def _quotes(value: str | list[str]) -> list[str]:
    """An evidence field as a list: one quote, or every sentence reporting the same event."""
    return [value] if isinstance(value, str) else list(value)


def load_article(path: Path, corpus: Path = CORPUS_ROOT) -> GoldArticle:
    """One annotation file, checked against its corpus text and resolved to spans."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    text = (corpus / raw["file"]).read_text(encoding="utf-8")
    where = path.name
    actors = resolve_mentions(text, raw["actors"], where)
    names = {actor.name for actor in actors}
    for actor in actors:
        if actor.kind not in ACTOR_KINDS or not actor.mentions:
            raise AnnotationError(f"{where}: actor {actor.name!r}: bad kind or no mentions")
    events = [_event(event, text, names, where) for event in raw["events"]]
    background = [_event(event, text, names, where) for event in raw.get("background", [])]
    not_events = [quote_span(text, quote, where) for quote in raw.get("not_events", [])]
    return GoldArticle(raw["file"], raw["group"], raw.get("published"), text, actors, events, not_events, background)


def _event(event: dict[str, Any], text: str, names: set[str], where: str) -> GoldEvent:
    """One annotated event (or background occurrence), checked and resolved to spans."""
    if event["kind"] not in KINDS or not set(event["actors"]) <= names:
        raise AnnotationError(f"{where}: event {event['title']!r}: bad kind or unknown actor")
    return GoldEvent(
        title=event["title"],
        actors=list(event["actors"]),
        date=event.get("date"),
        until=event.get("until"),
        kind=event["kind"],
        evidence=[quote_span(text, quote, where) for quote in _quotes(event["evidence"])],
    )


def load_gold(folder: Path = GOLD_DIR, corpus: Path = CORPUS_ROOT) -> list[GoldArticle]:
    """Every annotated article of the set, in file-name order."""
    return [load_article(path, corpus) for path in sorted(folder.glob("*.json"))]


if __name__ == "__main__":
    articles = load_gold()
    for article in articles:
        print(article.file, len(article.actors), "actors", sum(len(a.mentions) for a in article.actors), "mentions", len(article.events), "events")
    print(len(articles), "articles", file=sys.stderr)
