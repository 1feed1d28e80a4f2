"""What the analyst sees of each side of a review suggestion: kind, counts, date range, top sources, one sentence.

Read through the Dossier's public readers only; the text returned is the documents' own, so a
caller that displays it passes it through its sanitizer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

TOP_SOURCES = 3
"""How many of an actor's sources a side lists."""

MAX_SENTENCE = 240
"""The longest evidence sentence shown, in characters (longer ones are cut around the mention)."""


@dataclass(frozen=True, slots=True)
class ActorSide:
    """One actor as the review queue shows it."""

    id: str
    name: str
    kind: str
    mentions: int
    sources: int
    events: int
    first_date: str | None
    last_date: str | None
    top_sources: list[tuple[str, str, int]]
    sentence: str

    def to_json(self) -> dict[str, object]:
        """The side as printed by ``dossier review --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "mentions": self.mentions,
            "sources": self.sources,
            "events": self.events,
            "dates": [self.first_date, self.last_date],
            "top_sources": [{"id": s, "title": t, "mentions": n} for s, t, n in self.top_sources],
            "sentence": self.sentence,
        }


def actor_side(dossier: Dossier, actor_id: str) -> ActorSide:
    """An actor's side of a suggestion: its counts, the dates of its events, its top sources and a sentence."""
    actors = dossier.actors
    rows = actors.mention_rows(actor_id)
    per_source = Counter(row[0] for row in rows)
    top = [(s, dossier.sources[s].title, n) for s, n in per_source.most_common(TOP_SOURCES)]
    timeline = dossier.timeline(actor_id)
    dates = [date for event in timeline if (date := event.date)]
    sentence = ""
    if top:
        source_id = top[0][0]
        text = dossier.sources.text(source_id)
        spans = [(r[1], r[2]) for r in rows if r[0] == source_id]
        headline_end = text.find("\n")
        start, end = next((span for span in spans if span[0] > headline_end), spans[0])  # past the headline
        sentence = sentence_around(text, start, end)
    return ActorSide(
        id=actor_id,
        name=actors.names(actor_id)[0],
        kind=actors.kind(actor_id),
        mentions=len(rows),
        sources=len(per_source),
        events=len(timeline),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        top_sources=top,
        sentence=sentence,
    )


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``[start, end)``: from the previous full stop or line break to the next,
    on one line, cut to ``MAX_SENTENCE`` characters around the mention."""
    stop = text.rfind(". ", 0, start)
    begin = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    finish = min(stops) + 1 if stops else len(text)
    if finish - begin > MAX_SENTENCE:
        begin = max(begin, start - MAX_SENTENCE // 2)
        finish = min(finish, begin + MAX_SENTENCE)
    return " ".join(text[begin:finish].split())
