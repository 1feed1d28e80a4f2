"""The statements table: reported speech by id, with who said what and where found without a scan.

Statements are the machine's records (ingest writes them, deleting a source or actor updates
them); the analyst's curation reaches them through their speaker: a statement by an actor merged
into another is the survivor's, one by a hidden actor names no speaker (``Dossier.statements_of``).
Two small indexes (by source, by speaker) are built on first use and dropped on every change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dossier.store.record_map import RecordMap
from dossier.store.records import Statement
from dossier.store.schema import RawRecord

if TYPE_CHECKING:  # search's word rules load with the first statement search
    from dossier.store.search import EventWordIndex


class StatementMap(RecordMap[Statement]):
    """Statements by id, with their ids by source (text order) and by machine speaker (newest first)."""

    __slots__ = ("_by_source", "_by_speaker", "_words")

    def __init__(self) -> None:
        """An empty map of statements."""
        super().__init__(Statement.from_dict)
        self._by_source: dict[str, list[str]] | None = None
        self._by_speaker: dict[str, list[str]] | None = None
        self._words: EventWordIndex | None = None

    def _changed(self) -> None:
        """Forget the indexes (the next question rebuilds them)."""
        self._by_source = self._by_speaker = None
        self._words = None

    def reset(self, raw: dict[str, RawRecord]) -> None:
        """Point the map at freshly loaded data."""
        super().reset(raw)
        self._changed()

    def put(self, record: Statement) -> None:
        """Add or replace a statement."""
        super().put(record)
        self._changed()

    def remove(self, record_id: str) -> None:
        """Forget a statement."""
        super().remove(record_id)
        self._changed()

    def _build(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Both indexes, built from every statement once."""
        if self._by_source is None or self._by_speaker is None:
            by_source: dict[str, list[tuple[int, str]]] = {}
            by_speaker: dict[str, list[tuple[str, str, int, str]]] = {}
            for statement_id in self:
                source, start, speaker, date = self._facts(statement_id)
                by_source.setdefault(source, []).append((start, statement_id))
                if speaker is not None:
                    by_speaker.setdefault(speaker, []).append((date or "", source, start, statement_id))
            self._by_source = {source: [i for _, i in sorted(rows)] for source, rows in by_source.items()}
            self._by_speaker = {
                speaker: [row[3] for row in sorted(rows, key=lambda r: (r[0], r[1], -r[2]), reverse=True)]
                for speaker, rows in by_speaker.items()
            }
        return self._by_source, self._by_speaker

    def build_indexes(self) -> None:
        """Build the indexes by source and by speaker now (in a worker: the first actor described
        after opening, or after an edit, then counts its statements without reading all of them)."""
        self._build()

    def _facts(self, statement_id: str) -> tuple[str, int, str | None, str | None]:
        """A statement's source, content start, speaker and date, read without building the record."""
        raw = self.unbuilt(statement_id)
        if raw is None:
            statement = self[statement_id]
            return statement.content.source, statement.content.start, statement.speaker, statement.date
        content = raw["content"]
        return content["source"], content["start"], raw.get("speaker"), raw.get("date")

    def ids_in(self, source_id: str) -> list[str]:
        """The ids of one source's statements, by content offset."""
        return list(self._build()[0].get(source_id, ()))

    def ids_by(self, speaker_id: str) -> list[str]:
        """The ids of the statements the machine gave this speaker, newest date first (then text order)."""
        return list(self._build()[1].get(speaker_id, ()))

    def word_index(self, text_of: Callable[[str], str]) -> EventWordIndex:
        """Words said -> statement ids, built on first use (or with the search indexes, in a worker)."""
        index = self._words
        if index is None:
            from dossier.store.search import EventWordIndex

            index = EventWordIndex()  # the same word rules as event titles: words -> ids
            for statement_id in self:
                raw = self.unbuilt(statement_id)
                content = raw["content"] if raw is not None else self[statement_id].content.to_dict()
                index.add(statement_id, text_of(content["source"])[content["start"] : content["end"]], None, None)
            index.prepare()
            self._words = index
        return index

    def saying(self, query: str, limit: int, text_of: Callable[[str], str]) -> list[str]:
        """The ids of statements whose words hold every word of ``query`` (the last one may be a
        word's beginning, as typed)."""
        return [statement_id for statement_id, _score in self.word_index(text_of).search(query, limit)]
