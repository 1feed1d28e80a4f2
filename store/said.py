"""What actors said: statements with their speakers as the analyst sees them (a merged speaker is
the actor it was merged into, a hidden one names no actor), by actor, by source or by their words.

A part of ``Dossier`` (its base class): statements are the machine's records; curation reaches
them only through their speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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

    def _members(self, actor_id: str) -> list[str]:
        """An actor and every actor merged into it (whose statements are its own now)."""
        state = self._view.state
        return [actor_id, *(a for a in state.forward if state.final(a) == actor_id)]

    def statements_of(self, actor_id: str) -> list[Statement]:
        """What an actor said (their own and that of every actor merged into them), newest first."""
        if actor_id not in self.actors:
            return []
        found = [self.statement(i) for member in self._members(actor_id) for i in self.statements.ids_by(member)]
        return sorted(found, key=newest_first, reverse=True)

    def statement_count(self, actor_id: str) -> int:
        """How many statements ``statements_of`` lists for an actor, without building them."""
        if actor_id not in self.actors:
            return 0
        return sum(len(self.statements.ids_by(member)) for member in self._members(actor_id))

    def statements_in(self, source_id: str) -> list[Statement]:
        """The statements taken from one source, by content offset."""
        return [self.statement(i) for i in self.statements.ids_in(source_id)]

    def by_speaker(self, statement_ids: Iterable[str]) -> dict[str | None, list[Statement]]:
        """Statements grouped by speaker as the analyst sees them (None: no actor), newest first in each group."""
        groups: dict[str | None, list[Statement]] = {}
        for statement_id in statement_ids:
            statement = self.statement(statement_id)
            groups.setdefault(statement.speaker, []).append(statement)
        for found in groups.values():
            found.sort(key=newest_first, reverse=True)
        return groups

    def statements_saying(self, query: str) -> dict[str | None, list[Statement]]:
        """Statements whose words hold every word of ``query`` (case-blind, whole words), grouped
        by speaker (``by_speaker``): "who said 'ceasefire'?". The word index narrows the candidates;
        each is then held to whole words."""
        words = [re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE) for word in query.split()]
        if not words:
            return {}
        candidates = self.statements.saying(query, len(self.statements) + 1, self.sources.text)
        return self.by_speaker(
            statement_id
            for statement_id in candidates
            if all(word.search(self._words_of(statement_id)) for word in words)
        )

    def _words_of(self, statement_id: str) -> str:
        """What a statement says, as written in its source."""
        content = self.statements[statement_id].content
        return self.sources.text(content.source)[content.start : content.end]


def newest_first(statement: Statement) -> tuple[str, str, int]:
    """Sort key for statements, used reversed: newest date first, then source, then text order."""
    return statement.date or "", statement.content.source, -statement.content.start
