"""What actors said: statements with their speakers as the analyst sees them (a merged speaker is
the actor it was merged into, a hidden one names no actor), by actor, by source or by their words.

A part of ``Dossier`` (its base class): statements are the machine's records; curation reaches
them only through their speaker.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dossier.store.curation.view import CuratedView
from dossier.store.record_map import ActorMap, SourceMap
from dossier.store.records import Statement
from dossier.store.statements import StatementMap


class Said:
    """Statements read through the curated view (``Dossier`` sets the maps and the view)."""

    sources: SourceMap
    actors: ActorMap
    statements: StatementMap
    _view: CuratedView

    def speaker_of(self, statement: Statement) -> str | None:
        """A statement's speaker as the analyst sees it: the actor a merge folded the machine's
        speaker into, or None when the speaker is hidden or there is none."""
        speaker = statement.speaker
        if speaker is None:
            return None
        if speaker in self._view.state.forward:
            speaker = self._view.state.final(speaker)
        return speaker if speaker in self.actors else None

    def statement(self, statement_id: str) -> Statement:
        """One statement with its speaker as the analyst sees it (see ``speaker_of``)."""
        statement = self.statements[statement_id]
        speaker = self.speaker_of(statement)
        if speaker == statement.speaker:
            return statement
        return replace(statement, speaker=speaker)

    def statements_of(self, actor_id: str) -> list[Statement]:
        """What an actor said (their own and that of every actor merged into them), newest first."""
        state = self._view.state
        members = [actor_id, *(a for a in state.forward if state.final(a) == actor_id)]
        if actor_id not in self.actors:
            return []
        found = [self.statement(i) for member in members for i in self.statements.ids_by(member)]
        return sorted(found, key=lambda q: (q.date or "", q.content.source, -q.content.start), reverse=True)

    def statement_count(self, actor_id: str) -> int:
        """How many statements ``statements_of`` lists for an actor, without building them."""
        if actor_id not in self.actors:
            return 0
        state = self._view.state
        members = [actor_id, *(a for a in state.forward if state.final(a) == actor_id)]
        return sum(len(self.statements.ids_by(member)) for member in members)

    def statements_in(self, source_id: str) -> list[Statement]:
        """The statements taken from one source, by content offset."""
        return [self.statement(i) for i in self.statements.ids_in(source_id)]

    def statements_saying(self, query: str) -> dict[str | None, list[Statement]]:
        """Statements whose words hold every word of ``query`` (case-blind, whole words), grouped
        by speaker as the analyst sees them (None: no actor), newest first in each group: "who said
        'ceasefire'?"."""
        words = [re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE) for word in query.split()]
        groups: dict[str | None, list[Statement]] = {}
        if not words:
            return groups
        for statement_id in self.statements:
            statement = self.statements[statement_id]
            content = statement.content
            said = self.sources.text(content.source)[content.start : content.end]
            if all(word.search(said) for word in words):
                statement = self.statement(statement_id)
                groups.setdefault(statement.speaker, []).append(statement)
        for found in groups.values():
            found.sort(key=lambda q: (q.date or "", q.content.source, -q.content.start), reverse=True)
        return groups
