"""The source-text index: which sources hold every word of a query, then each occurrence on the
stored text with a one-line snippet; the word and phrase rules the other search indexes share.

Kept apart from the record indexes (``store.search``): it indexes text, not records, and the
notes index (``store.curation.notes_index``) reads notes with the same words and snippets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r'"([^"]*)"')
_SPACES = re.compile(r"\s+")

SNIPPET_CONTEXT = 60


@dataclass(slots=True, frozen=True)
class TextHit:
    """One occurrence of a searched word or phrase: ``text[start:end]`` of that source."""

    source_id: str
    start: int
    end: int
    snippet: str


def words(text: str) -> list[str]:
    """The case-folded word tokens of a text, as every index and query splits them."""
    return _WORD.findall(text.casefold())


def parse_terms(query: str) -> list[list[str]]:
    """A text query's terms: each "quoted phrase" and each other word, as case-folded word lists."""
    terms: list[list[str]] = []
    for phrase in _QUOTED.findall(query):
        tokens = words(phrase)
        if tokens:
            terms.append(tokens)
    # An unmatched quote (a phrase still being typed) counts as a space.
    for token in words(_QUOTED.sub(" ", query).replace('"', " ")):
        terms.append([token])
    return terms


def _term_pattern(term: list[str]) -> re.Pattern[str]:
    """A case-insensitive pattern for a word or phrase (any spaces, punctuation or line breaks between words)."""
    body = r"\W+".join(re.escape(token) for token in term)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def snippet(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> str:
    """The hit with some text either side, on one line, with ellipses where the text goes on."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    piece = _SPACES.sub(" ", text[left:right]).strip()
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


class TextIndex:
    """Source text words -> source ids; candidates are then verified on the stored text."""

    def __init__(self) -> None:
        """An empty index."""
        self._source_ids: list[str] = []
        self._postings: dict[str, list[int]] = {}

    def add(self, source_id: str, text: str) -> None:
        """Index one source's distinct words."""
        number = len(self._source_ids)
        self._source_ids.append(source_id)
        postings = self._postings
        for token in set(_WORD.findall(text.casefold())):
            entry = postings.get(token)
            if entry is None:
                postings[token] = [number]
            else:
                entry.append(number)

    def remove(self, source_id: str) -> None:
        """Forget a deleted source: its number stays taken but no search returns it again."""
        number = self._source_ids.index(source_id)
        self._source_ids[number] = ""

    def _candidates(self, terms: list[list[str]]) -> list[int]:
        """Sources (by number, in the order added) containing every word of every term."""
        tokens = {token for term in terms for token in term}
        lists = sorted((self._postings.get(token, []) for token in tokens), key=len)
        if not lists or not lists[0]:
            return []
        common = set(lists[0])
        for other in lists[1:]:
            common.intersection_update(other)
            if not common:
                return []
        return sorted(common)

    def search(
        self, query: str, limit: int, text_of: Callable[[str], str]
    ) -> list[TextHit]:
        """Occurrences of the query's words and "quoted phrases" in sources having all of them.

        Sources are taken in the order they were added; each hit's offsets index the stored text.
        """
        terms = parse_terms(query)
        if not terms:
            return []
        patterns = [_term_pattern(term) for term in terms]
        hits: list[TextHit] = []
        for number in self._candidates(terms):
            source_id = self._source_ids[number]
            if not source_id:
                continue  # removed
            text = text_of(source_id)
            found: list[re.Match[str]] = []
            for pattern in patterns:
                matches = list(pattern.finditer(text))
                if not matches:
                    break
                found.extend(matches)
            else:
                for start, end in _merge_adjacent(sorted(m.span() for m in found), text):
                    hits.append(TextHit(source_id, start, end, snippet(text, start, end)))
                    if len(hits) >= limit:
                        return hits
        return hits


def _merge_adjacent(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join hits that touch or are separated only by spaces or punctuation (a query's words in a row)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            last_start, last_end = merged[-1]
            gap = text[last_end:start]
            if start <= last_end or (len(gap) <= 3 and not _WORD.search(gap)):
                merged[-1] = (last_start, max(last_end, end))
                continue
        merged.append((start, end))
    return merged
