"""The analyst's notes and tags as a search index: note words and tag names -> the records carrying them.

Built once from the folded annotations (on the first search that needs it) and then kept up
to date one record at a time: every annotation edit, undo or redo re-indexes only the record it
names (``put``), so searching notes never costs a rebuild per edit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from dossier.store.text_index import snippet, words

MIN_PREFIX = 3
"""The last query word also matches longer note words it starts once it has this many letters."""


class NotesIndex:
    """Record id -> its note words and tags, and the reverse postings a query reads."""

    def __init__(self) -> None:
        """An empty index."""
        self._notes: dict[str, str] = {}
        self._tags_of: dict[str, tuple[str, ...]] = {}
        self._word_postings: dict[str, dict[str, None]] = {}
        self._tag_postings: dict[str, dict[str, None]] = {}
        self._vocabulary: list[str] | None = None

    def put(self, record_id: str, note: str, tags: Iterable[str]) -> None:
        """Index a record's note and tags as they are now (replacing what was indexed for it)."""
        self._drop(record_id)
        tags = tuple(dict.fromkeys(tag.casefold() for tag in tags))
        if note:
            self._notes[record_id] = note
            for token in dict.fromkeys(words(note)):
                self._word_postings.setdefault(token, {})[record_id] = None
            self._vocabulary = None
        if tags:
            self._tags_of[record_id] = tags
            for tag in tags:
                self._tag_postings.setdefault(tag, {})[record_id] = None

    def _drop(self, record_id: str) -> None:
        """Forget what was indexed for a record."""
        note = self._notes.pop(record_id, "")
        for token in dict.fromkeys(words(note)):
            postings = self._word_postings.get(token)
            if postings is not None:
                postings.pop(record_id, None)
                if not postings:
                    del self._word_postings[token]
                    self._vocabulary = None
        for tag in self._tags_of.pop(record_id, ()):
            postings = self._tag_postings.get(tag)
            if postings is not None:
                postings.pop(record_id, None)
                if not postings:
                    del self._tag_postings[tag]

    def tagged(self, tag: str) -> list[str]:
        """Record ids carrying a tag (case ignored), in the order they were tagged; a tag still being
        typed ("env") gives the records of every tag it starts when no tag is exactly that."""
        wanted = tag.strip().casefold()
        if not wanted:
            return []
        if wanted in self._tag_postings:
            return list(self._tag_postings[wanted])
        found: dict[str, None] = {}
        for name in sorted(self._tag_postings):
            if name.startswith(wanted):
                found.update(self._tag_postings[name])
        return list(found)

    def search(self, query: str, limit: int) -> list[tuple[str, str]]:
        """``(record id, snippet of its note)`` for the notes holding every word of the query (the
        last word may be the start of a longer one), in the order the records were annotated."""
        tokens = list(dict.fromkeys(words(query.replace('"', " "))))
        if not tokens:
            return []
        groups = [set(self._word_postings.get(token, ())) for token in tokens[:-1]]
        groups.append(self._expanded(tokens[-1]))
        groups.sort(key=len)
        hits: list[tuple[str, str]] = []
        for record_id in self._in_order(groups[0]):
            if all(record_id in group for group in groups[1:]):
                hits.append((record_id, self._snippet(record_id, tokens)))
                if len(hits) >= limit:
                    break
        return hits

    def _expanded(self, token: str) -> set[str]:
        """The records whose note has the word, or (three letters or more) a word it starts."""
        found = set(self._word_postings.get(token, ()))
        if len(token) < MIN_PREFIX:
            return found
        if self._vocabulary is None:
            self._vocabulary = sorted(self._word_postings)
        vocabulary = self._vocabulary
        position = bisect_left(vocabulary, token)
        while position < len(vocabulary) and vocabulary[position].startswith(token):
            found.update(self._word_postings[vocabulary[position]])
            position += 1
        return found

    def _in_order(self, record_ids: set[str]) -> list[str]:
        """These records in the order their notes were indexed."""
        return [record_id for record_id in self._notes if record_id in record_ids]

    def _snippet(self, record_id: str, tokens: list[str]) -> str:
        """The note around the first query word it holds, on one line."""
        note = self._notes[record_id]
        for token in tokens:
            match = re.search(rf"(?<!\w){re.escape(token)}", note, re.IGNORECASE)
            if match is not None:
                return snippet(note, match.start(), match.end(), context=40)
        return snippet(note, 0, 0, context=80)
