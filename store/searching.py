"""Searching a dossier: actors by name, events by title words or date, source text, the analyst's
notes and tags, and what was said — one query, grouped results (``search.SearchResults``).

A part of ``Dossier`` (its base class); the indexes themselves live in ``search`` and load with
the first search, not when a dossier opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dossier.store.reading import Reading
from dossier.store.records import Record, Statement
from dossier.store.said import Said

if TYPE_CHECKING:
    from dossier.store.search import SearchResults


class Searching(Reading, Said):
    """One query over every kind of record, what was said included (``Dossier`` sets the maps,
    indexes and view it reads)."""


    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Actors by name or alias (typo-tolerant), events by title words or date prefix, source text,
        and records by the words of their note; ``tag:NAME`` finds the records carrying a tag."""
        from dossier.store.search import SearchResults, is_date_prefix, tag_query

        query = query.strip()
        if not query:
            return SearchResults(query)
        notes = self._view.notes.get()
        tag = tag_query(query)
        if tag is not None:
            return SearchResults(query, annotated=self._shown(((r, f"tag:{tag}") for r in notes.tagged(tag)), limit))
        indexes = self._indexes
        actors = (
            []
            if is_date_prefix(query)
            else indexes.names.get().search(query, limit, weight=self.actors.mention_count)
        )
        events = indexes.event_words.get().search(query, limit)
        texts = indexes.texts.get().search(query, limit, text_of=self.sources.text)
        return SearchResults(
            query,
            actor_ids=actors,
            events=[(self.events[event_id], score) for event_id, score in events],
            texts=texts,
            annotated=self._shown(notes.search(query, limit * 2), limit),
            said=self._said(query, limit),
            actor_record=self.actors.__getitem__,
        )

    def _said(self, query: str, limit: int) -> list[Statement]:
        """Statements saying the query's words, by speaker as the analyst sees them (the speaker with
        most such statements first, then by name; unattributed last), newest first in each group."""
        if len(query) < 3:
            return []  # one or two letters match half of everything anyone said
        groups = self.by_speaker(self.statements.saying(query, limit * 4, self.sources.text))

        def order(speaker: str | None) -> tuple[bool, int, str]:
            name = self.actors.names(speaker)[0].casefold() if speaker is not None else ""
            return speaker is None, -len(groups[speaker]), name

        said: list[Statement] = []
        for speaker in sorted(groups, key=order):
            said += groups[speaker]
        return said[:limit]

    def _shown(self, hits: Iterable[tuple[str, str]], limit: int) -> list[tuple[Record, str]]:
        """The records the dossier shows for annotated ids (a merged actor's survivor, once; hidden ones
        left out), with why each was found, at most ``limit``."""
        shown: dict[str, tuple[Record, str]] = {}
        for record_id, why in hits:
            record = self.get(record_id)
            if record is not None and record.id not in shown:
                shown[record.id] = (record, why)
                if len(shown) >= limit:
                    break
        return list(shown.values())
