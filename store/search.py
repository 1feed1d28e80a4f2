"""In-memory search indexes of records: actor names (typo-tolerant), event title words and dates;
what one query found (the source text's index is ``store.text_index``).

Each index is built once from the dossier's records (lazily, or in a worker through
``Dossier.build_search_index``) and kept up to date as records are added, edited and
removed, so a query costs about the size of its result rather than the size of the dossier.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from dossier.store.folding import fold
from dossier.store.partial_dates import is_partial_date
from dossier.store.records import Actor, Event, Record, Statement
from dossier.store.text_index import TextHit, words

_MAX_PREFIX_TOKENS = 2000
_MAX_SHORT_PREFIX_TOKENS = 300


@dataclass(slots=True)
class SearchResults:
    """What one query found: actors and events with scores (0-100), text hits, and the records whose
    note holds the words (or, for ``tag:NAME``, that carry the tag) with why (a piece of the note, the tag)."""

    query: str
    actor_ids: list[tuple[str, float]] = field(default_factory=list)
    """The actors found as ``(actor id, score)``: a list row needs no more (a record holds every mention, up to 20,000)."""
    events: list[tuple[Event, float]] = field(default_factory=list)
    texts: list[TextHit] = field(default_factory=list)
    annotated: list[tuple[Record, str]] = field(default_factory=list)
    said: list[Statement] = field(default_factory=list)
    """Statements whose words hold the query, grouped by speaker (most statements first), as the analyst sees them."""
    actor_record: Callable[[str], Actor] | None = None
    """Builds an actor's record for ``actors``."""

    @property
    def actors(self) -> list[tuple[Actor, float]]:
        """The actors found as records with their scores (each built on first access, mentions and all)."""
        build = self.actor_record
        return [(build(actor_id), score) for actor_id, score in self.actor_ids] if build is not None else []

    def __bool__(self) -> bool:
        """Whether the query found anything."""
        return bool(self.actor_ids or self.events or self.texts or self.annotated or self.said)


def _prefixed(vocabulary: list[str], prefix: str, most: int = _MAX_PREFIX_TOKENS) -> list[str]:
    """Tokens of a sorted vocabulary starting with ``prefix`` (at most ``most``)."""
    found: list[str] = []
    position = bisect_left(vocabulary, prefix)
    while position < len(vocabulary) and vocabulary[position].startswith(prefix):
        found.append(vocabulary[position])
        if len(found) >= most:
            break
        position += 1
    return found


class ActorNameIndex:
    """Folded actor names and aliases, matched whole (fuzzy) and token by token (prefix, substring, typos)."""

    def __init__(self) -> None:
        """An empty index."""
        self._choices: list[str] = []
        self._owners: list[str] = []
        self._positions: dict[str, list[int]] = {}  # actor id -> its slots, so removing one scans no others
        self._exact: dict[str, list[str]] = {}
        self._token_choices: dict[str, list[int]] = {}
        self._vocabulary: list[str] | None = None
        self._joined = ""
        self._starts: list[int] = []
        self._length_order: tuple[list[int], list[int], list[str]] | None = None

    def add(self, actor_id: str, names: Iterable[str]) -> None:
        """Index an actor's names (new actors, or aliases newly merged into one)."""
        for name in names:
            folded = fold(name)
            owners = self._exact.setdefault(folded, [])
            if actor_id in owners or not folded:
                continue
            owners.append(actor_id)
            position = len(self._choices)
            self._choices.append(folded)
            self._owners.append(actor_id)
            self._positions.setdefault(actor_id, []).append(position)
            for token in dict.fromkeys(words(folded)):
                self._token_choices.setdefault(token, []).append(position)
        self._vocabulary = None
        self._length_order = None

    def remove(self, actor_id: str) -> None:
        """Forget every name of an actor (deleted, or renamed and about to be added again)."""
        for position in self._positions.pop(actor_id, ()):
            folded = self._choices[position]
            owners = self._exact.get(folded, [])
            if actor_id in owners:
                owners.remove(actor_id)
                if not owners:
                    del self._exact[folded]
            for token in dict.fromkeys(words(folded)):
                positions = self._token_choices[token]
                positions.remove(position)
                if not positions:
                    del self._token_choices[token]
                    self._vocabulary = None
            # The slot stays (positions are list indexes); an empty name matches no query.
            self._choices[position] = ""
            self._owners[position] = ""
            self._length_order = None

    def prepare(self) -> None:
        """Sort the name tokens and the names by length now (while indexing, in a worker) rather than on
        the first query; a change sorts them again on the next one."""
        self._vocab()
        self._by_length()

    def exact(self, folded: str) -> list[str]:
        """Actor ids having exactly this folded name or alias."""
        return list(self._exact.get(folded, ()))

    def with_all_words(self, folded: str) -> list[str]:
        """Actor ids with a name or alias containing every word of ``folded`` as a whole word."""
        postings = [self._token_choices.get(token, ()) for token in dict.fromkeys(words(folded))]
        if not postings:
            return []
        shared = set(postings[0]).intersection(*postings[1:])
        return list(dict.fromkeys(self._owners[position] for position in sorted(shared)))

    def _vocab(self) -> list[str]:
        """The sorted distinct name tokens (re-sorted after additions)."""
        vocabulary = self._vocabulary
        if vocabulary is None:
            vocabulary = sorted(self._token_choices)
            # One string of all tokens, so a substring search is one fast str.find loop.
            self._joined = "\n".join(vocabulary)
            self._starts = list(accumulate((len(t) + 1 for t in vocabulary[:-1]), initial=0))
            self._vocabulary = vocabulary
        return vocabulary

    def _containing(self, token: str) -> list[str]:
        """Vocabulary tokens having ``token`` inside them (not only at the start)."""
        vocabulary, joined, starts = self._vocab(), self._joined, self._starts
        found: dict[str, None] = {}
        position = joined.find(token)
        while position != -1 and len(found) < _MAX_PREFIX_TOKENS:
            found[vocabulary[bisect_right(starts, position) - 1]] = None
            position = joined.find(token, position + 1)
        return list(found)

    def _token_scores(self, token: str) -> dict[int, float]:
        """Choice position -> best score of one query token against that name's tokens.

        A name token starting with the query token scores 90-100, one containing it 80-90;
        only a token matching nothing that way is looked up as a typo (the costly part).
        """
        vocabulary = self._vocab()
        scored: dict[str, float] = {}
        # One or two letters start thousands of tokens: take the first few hundred (alphabetical).
        most = _MAX_PREFIX_TOKENS if len(token) >= 3 else _MAX_SHORT_PREFIX_TOKENS
        for found in _prefixed(vocabulary, token, most):
            scored[found] = 90 + 10 * len(token) / len(found)
        if len(token) >= 3:
            for found in self._containing(token):
                scored.setdefault(found, 80 + 10 * len(token) / len(found))
        if not scored and len(token) >= 4:
            from rapidfuzz import fuzz, process  # on first use: opening a dossier need not import it (~13 ms)

            for found, score, _ in process.extract(
                token, vocabulary, scorer=fuzz.ratio, score_cutoff=75, limit=50
            ):
                scored[found] = score * 0.95
        positions: dict[int, float] = {}
        for found, score in scored.items():
            for position in self._token_choices[found]:
                if score > positions.get(position, 0.0):
                    positions[position] = score
        return positions

    def _by_length(self) -> tuple[list[int], list[int], list[str]]:
        """Choice positions ordered by name length, with those lengths and names (re-sorted after changes)."""
        table = self._length_order
        if table is None:
            positions = sorted(range(len(self._choices)), key=lambda position: len(self._choices[position]))
            names = [self._choices[position] for position in positions]
            table = self._length_order = (positions, [len(name) for name in names], names)
        return table

    def _similar(self, folded: str, cutoff: float, most: int) -> list[tuple[int, float]]:
        """The ``most`` names most like ``folded`` as a whole (``fuzz.ratio`` of at least ``cutoff``), as
        ``(position, score)``, best first, then in the order added.

        The ratio is 200 × the longest common subsequence ÷ both lengths, so only names whose length
        is within a factor of ``cutoff / (200 - cutoff)`` of the query's can reach ``cutoff``: a high
        cutoff compares a few names of about the query's length instead of every name.
        """
        from rapidfuzz import fuzz, process  # on first use: opening a dossier need not import it (~13 ms)

        positions, lengths, names = self._by_length()
        size = len(folded)
        shortest = int(size * cutoff / (200 - cutoff))  # rounded down and up: a length too many is only compared
        longest = int(size * (200 - cutoff) / cutoff) + 1
        start, stop = bisect_left(lengths, shortest), bisect_right(lengths, longest)
        found = [
            (positions[start + index], score)
            for _, score, index in process.extract(
                folded, names[start:stop], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            )
        ]
        found.sort(key=lambda hit: (-hit[1], hit[0]))
        return found[:most]

    def search(
        self, query: str, limit: int, weight: Callable[[str], int]
    ) -> list[tuple[str, float]]:
        """Best actors for a query as ``(actor id, score)``; ties go to the higher ``weight``, then to the
        name indexed first.

        Names are matched token by token (prefix, substring, typos), then as a whole for typos; the
        whole-name pass looks only for scores that can still place an actor among the ``limit`` best.
        """
        folded = fold(query)
        if not folded or not self._choices:
            return []
        by_position: dict[int, float] = {}
        tokens = words(folded)
        if tokens:
            per_token = [self._token_scores(token) for token in tokens]
            common = set(per_token[0]).intersection(*per_token[1:])
            for position in common:
                by_position[position] = sum(scores[position] for scores in per_token) / len(tokens)
        if len(folded) >= 3:
            cutoff = max(60.0, self._placing_score(by_position, limit))
            for position, score in self._similar(folded, cutoff, limit * 4):
                if score > by_position.get(position, 0.0):
                    by_position[position] = score
        by_actor: dict[str, tuple[float, int]] = {}
        for position, score in by_position.items():
            actor_id = self._owners[position]
            if self._choices[position] == folded:
                score = 100.0
            best = by_actor.get(actor_id)
            if best is None or score > best[0] or (score == best[0] and position < best[1]):
                by_actor[actor_id] = (score, position)
        placing = heapq.nlargest(limit, (score for score, _position in by_actor.values()))[-1] if by_actor else 0.0
        # Only actors scoring at least the limit-th best can place, so only those are weighed (a letter matches thousands).
        candidates = [item for item in by_actor.items() if item[1][0] >= placing]
        ranked = sorted(candidates, key=lambda item: (-item[1][0], -weight(item[0]), item[1][1]))
        return [(actor_id, round(score, 1)) for actor_id, (score, _position) in ranked[:limit]]

    def _placing_score(self, by_position: dict[int, float], limit: int) -> float:
        """The score of the ``limit``-th best actor among these matches (0 when fewer actors match)."""
        by_actor: dict[str, float] = {}
        for position, score in by_position.items():
            actor_id = self._owners[position]
            if score > by_actor.get(actor_id, 0.0):
                by_actor[actor_id] = score
        if len(by_actor) < limit:
            return 0.0
        return heapq.nlargest(limit, by_actor.values())[-1]


class EventWordIndex:
    """Event title words -> event ids, and events sorted by date for date-prefix queries."""

    def __init__(self) -> None:
        """An empty index."""
        self._postings: dict[str, list[str]] = {}
        self._dates: list[tuple[str, str]] = []
        self._dates_sorted = True
        self._vocabulary: list[str] | None = None

    def add(self, event_id: str, title: str, date: str | None, until: str | None) -> None:
        """Index one event's title words and its date (and the end of its range)."""
        for token in dict.fromkeys(words(title)):
            self._postings.setdefault(token, []).append(event_id)
        for value in dict.fromkeys(d for d in (date, until) if d):
            self._dates.append((value, event_id))
            self._dates_sorted = False
        self._vocabulary = None

    def remove(self, event_id: str, title: str, date: str | None, until: str | None) -> None:
        """Forget one event as it was indexed (its title words and dates before an edit or deletion)."""
        for token in dict.fromkeys(words(title)):
            postings = self._postings.get(token)
            if postings is not None and event_id in postings:
                postings.remove(event_id)
                if not postings:
                    del self._postings[token]
                    self._vocabulary = None
        for value in dict.fromkeys(d for d in (date, until) if d):
            self._dates.remove((value, event_id))

    def prepare(self) -> None:
        """Sort the words and dates now (while indexing, in a worker) rather than on the first query."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self._postings)
        if not self._dates_sorted:
            self._dates.sort()
            self._dates_sorted = True

    def _by_date(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` event ids whose date (or range end) starts with a date prefix, earliest first."""
        if not self._dates_sorted:
            self._dates.sort()
            self._dates_sorted = True
        found: dict[str, None] = {}
        position = bisect_left(self._dates, (prefix, ""))
        while (
            len(found) < limit
            and position < len(self._dates)
            and self._dates[position][0].startswith(prefix)
        ):
            found[self._dates[position][1]] = None
            position += 1
        return list(found)

    def _matching(self, token: str, expand: bool) -> list[list[str]]:
        """Posting lists of the titles having the word (or, when ``expand``, each word it starts)."""
        if not expand:
            return [self._postings[token]] if token in self._postings else []
        if self._vocabulary is None:
            self._vocabulary = sorted(self._postings)
        return [self._postings[word] for word in _prefixed(self._vocabulary, token)]

    def search(self, query: str, limit: int) -> list[tuple[str, float]]:
        """Events for a query: a date prefix ("1979", "2007-05") by date, else events whose title has every word.

        The last word also matches longer words it starts (the user may still be typing it)
        once it has three letters. Costs about the size of the rarest word's postings.
        """
        query = query.strip()
        if is_date_prefix(query):
            return [(event_id, 100.0) for event_id in self._by_date(query, limit)]
        tokens = list(dict.fromkeys(words(query.replace('"', " "))))
        if not tokens:
            return []
        groups = [self._matching(token, expand=False) for token in tokens[:-1]]
        groups.append(self._matching(tokens[-1], expand=len(tokens[-1]) >= 3))
        groups.sort(key=lambda lists: sum(map(len, lists)))
        others = [set().union(*lists) for lists in groups[1:]]
        found: dict[str, None] = {}
        for postings in groups[0]:
            for event_id in postings:
                if event_id not in found and all(event_id in other for other in others):
                    found[event_id] = None
                    if len(found) >= limit:
                        return [(e, 100.0) for e in found]
        return [(e, 100.0) for e in found]


def tag_query(query: str) -> str | None:
    """The tag a ``tag:NAME`` query asks for (None for any other query)."""
    head, colon, tag = query.strip().partition(":")
    return tag.strip() if colon and head.casefold() == "tag" else None


def is_date_prefix(query: str) -> bool:
    """Whether a query is an ISO date prefix: "1979", "2007-05" or "2007-05-28"."""
    return is_partial_date(query.strip())


