"""The review queue: likely duplicate actors the dossier suggests itself, for the analyst to merge or keep apart.

Three rules, each blocked so no rule compares all pairs of actors:

- **surname**: a one-word person ("Blair") that shares sources with exactly one person whose
  full name ends with that word ("Tony Blair");
- **spelling**: two actors of one kind whose names differ only in case, punctuation, spacing or
  a plural ``s`` ("Al-Qaeda" / "Al Qaeda"), or are close by edit distance (rapidfuzz, within
  blocks of one kind and first letters) and share a source;
- **acronym**: an all-capitals name ("IAEA") and a name of the same kind whose initials spell it
  ("International Atomic Energy Agency").

Pairs the analyst judged "not the same" (a ``Distinct`` edit) are never suggested again.
Everything is read through the Dossier's public readers; nothing here changes the dossier.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from dossier.store.curation.operations import Distinct
from dossier.store.folding import fold

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

FUZZY_CUTOFF = 90.0
"""The least rapidfuzz ratio (0-100) at which two names of one kind count as spellings of one name."""

MIN_FUZZY_LENGTH = 6
"""Shorter names are not compared by edit distance ("Iran" / "Iraq" differ by one letter)."""

_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "&"})
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_NOT_LETTERS = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two actors that may be one: ``first`` is the more mentioned (the default survivor of a merge)."""

    first: str
    second: str
    reason: str
    explanation: str
    score: float
    shared_sources: int

    @property
    def pair(self) -> frozenset[str]:
        """The two actor ids, unordered."""
        return frozenset((self.first, self.second))

    def to_json(self) -> dict[str, object]:
        """The suggestion as printed by ``dossier review --json``."""
        return {
            "actors": [self.first, self.second],
            "reason": self.reason,
            "explanation": self.explanation,
            "score": round(self.score, 3),
            "shared_sources": self.shared_sources,
        }


class _Profile(NamedTuple):
    """What the rules need of one actor, read once: its name forms, kind, mention count and sources
    (a tuple: one is made per actor on every pass, and a frozen dataclass costs twice as much)."""

    id: str
    name: str
    kind: str
    folded: str
    key: str
    mentions: int
    sources: set[str]


def suggestions(dossier: Dossier, limit: int | None = None, skip: Iterable[frozenset[str]] = ()) -> list[Suggestion]:
    """Likely duplicate actors, best first (highest score, then most mentioned); at most ``limit``.

    Pairs judged "not the same" and pairs in ``skip`` (a session's skipped pairs) are left out.
    """
    profiles = {actor_id: _profile(dossier, actor_id) for actor_id in dossier.actors}
    excluded = distinct_pairs(dossier) | set(skip)
    best: dict[frozenset[str], Suggestion] = {}
    for suggestion in (*_surname_pairs(profiles), *_spelling_pairs(profiles), *_acronym_pairs(profiles)):
        pair = suggestion.pair
        if pair in excluded:
            continue
        if pair not in best or suggestion.score > best[pair].score:
            best[pair] = suggestion
    ranked = sorted(
        best.values(),
        key=lambda s: (-s.score, -(profiles[s.first].mentions + profiles[s.second].mentions), s.first, s.second),
    )
    return ranked[:limit] if limit else ranked


def distinct_pairs(dossier: Dossier) -> set[frozenset[str]]:
    """Every pair of actors the analyst judged "not the same", by the ids they stand for now (after merges)."""
    pairs: set[frozenset[str]] = set()
    for edit in dossier.history():
        if edit.active and isinstance(edit.operation, Distinct):
            ids = [_current_id(dossier, actor_id) for actor_id in edit.operation.actors]
            pairs.update(frozenset((a, b)) for a in ids for b in ids if a != b)
    return pairs


def _current_id(dossier: Dossier, actor_id: str) -> str:
    """The id an actor id stands for now (a merged actor's survivor)."""
    record = dossier.get(actor_id)
    return record.id if record is not None else actor_id


def _profile(dossier: Dossier, actor_id: str) -> _Profile:
    """One actor's profile, without building its record."""
    actors = dossier.actors
    name = actors.names(actor_id)[0]
    folded = fold(name)
    return _Profile(
        id=actor_id,
        name=name,
        kind=actors.kind(actor_id),
        folded=folded,
        key=spelling_key(folded),
        mentions=actors.mention_count(actor_id),
        sources=actors.mention_sources(actor_id),
    )


def spelling_key(folded: str) -> str:
    """A folded name without punctuation, spaces or a plural ``s``: "al-qaeda" and "al qaeda" share one."""
    key = folded.replace(" ", "")
    if not key.isalnum():  # most names are letters and spaces only: no pattern needed
        key = _NOT_LETTERS.sub("", folded)
    if key.endswith("s") and not key.endswith(("ss", "us", "is")) and len(key) > 4:
        key = key[:-1]
    return key


def _pair(a: _Profile, b: _Profile, reason: str, explanation: str, score: float) -> Suggestion:
    """A suggestion ordering the two actors by mentions (then id)."""
    first, second = sorted((a, b), key=lambda p: (-p.mentions, p.id))
    return Suggestion(first.id, second.id, reason, explanation, score, len(a.sources & b.sources))


def _surname_pairs(profiles: dict[str, _Profile]) -> Iterator[Suggestion]:
    """One-word persons and the one person whose full name ends with that word and who shares their sources,
    or, when none does (ingest already folds a surname into a full name found in the same article),
    the one whose company (the actors of their sources) clearly matches theirs."""
    by_surname: dict[str, list[_Profile]] = defaultdict(list)
    for profile in profiles.values():
        words = profile.folded.split()
        if profile.kind == "person" and len(words) >= 2:
            by_surname[words[-1]].append(profile)
    company = _Company(profiles)
    for profile in profiles.values():
        if profile.kind != "person" or " " in profile.folded or len(profile.folded) < 3:
            continue
        candidates = by_surname.get(profile.folded, [])
        together = [full for full in candidates if full.sources & profile.sources]
        if len(together) == 1:
            full = together[0]
            shared = len(full.sources & profile.sources)
            explanation = (
                f"'{profile.name}' appears with one full name ending in it, '{full.name}', "
                f"in {shared} of its {len(profile.sources)} sources"
            )
            yield _pair(profile, full, "surname", explanation, 0.7 + 0.25 * shared / len(profile.sources))
        elif not together and candidates:
            match = company.clear_match(profile, candidates)
            if match is not None:
                full, overlap = match
                explanation = (
                    f"'{profile.name}' is the only surname of '{full.name}' among the full names its "
                    f"company matches: {overlap:.0%} of the actors beside it also appear beside '{full.name}'"
                )
                yield _pair(profile, full, "surname", explanation, 0.55 + 0.35 * overlap)


class _Company:
    """The people, organisations and groups appearing beside an actor (in its sources), computed on
    demand and kept. Places are left out: the countries and cities a story names say little about
    which of two namesakes it means, and they dilute the share that does."""

    MIN_OVERLAP = 0.25
    """The least share of an actor's company the chosen full name's company must hold. Measured on the
    whole BBC corpus: 63 surname pairs at 0.25 against 43 at 0.3, the 20 more mostly right ("Nadal" /
    "Rafael Nadal", "Clinton" / "Bill Clinton", "Blair" / "Tony Blair" once adjectives stopped
    counting as company), a few of a common surname ("Williams") left to the analyst to judge."""

    def __init__(self, profiles: dict[str, _Profile]) -> None:
        """Company over these actors (which actors each source mentions is read on first need)."""
        self._in_source: dict[str, list[str]] | None = None
        self._profiles = profiles
        self._kept: dict[str, frozenset[str]] = {}

    def _sources(self) -> dict[str, list[str]]:
        """Source id -> the actors it mentions."""
        if self._in_source is None:
            self._in_source = defaultdict(list)
            for profile in self._profiles.values():
                if profile.kind == "place":
                    continue
                for source_id in profile.sources:
                    self._in_source[source_id].append(profile.id)
        return self._in_source

    def of(self, profile: _Profile) -> frozenset[str]:
        """The other actors mentioned in this actor's sources."""
        company = self._kept.get(profile.id)
        if company is None:
            in_source = self._sources()
            company = frozenset(a for s in profile.sources for a in in_source[s]) - {profile.id}
            self._kept[profile.id] = company
        return company

    def clear_match(self, profile: _Profile, candidates: list[_Profile]) -> tuple[_Profile, float] | None:
        """The candidate whose company holds at least ``MIN_OVERLAP`` of this actor's and twice the runner-up's share."""
        own = self.of(profile)
        if len(own) < 3:
            return None
        shares = sorted(
            ((len(own & self.of(c)) / len(own), c) for c in candidates), key=lambda item: (-item[0], item[1].id)
        )
        best_share, best = shares[0]
        runner_up = shares[1][0] if len(shares) > 1 else 0.0
        if best_share >= self.MIN_OVERLAP and best_share >= 2 * runner_up:
            return best, best_share
        return None


def _spelling_pairs(profiles: dict[str, _Profile]) -> Iterator[Suggestion]:
    """Names of one kind equal but for punctuation, spacing or a plural ``s``, or close and sharing a source."""
    by_key: dict[tuple[str, str], list[_Profile]] = defaultdict(list)
    blocks: dict[tuple[str, str], list[_Profile]] = defaultdict(list)
    for profile in profiles.values():
        if not profile.key:
            continue
        by_key[(profile.kind, profile.key)].append(profile)
        if len(profile.key) >= MIN_FUZZY_LENGTH:
            blocks[(profile.kind, profile.key[:2])].append(profile)
    same_key: set[frozenset[str]] = set()
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                same_key.add(frozenset((a.id, b.id)))
                together = bool(a.sources & b.sources)
                if a.kind == "person" and not together and a.folded.split()[0] != b.folded.split()[0]:
                    continue  # "Stephens" is a surname, "Stephen" a first name: only a shared source ties them
                explanation = f"'{a.name}' and '{b.name}' differ only in case, punctuation, spacing or a plural s"
                yield _pair(a, b, "spelling", explanation, 0.9 if together else 0.8)
    for block in blocks.values():
        for a, b, ratio in _close_keys(block):
            if frozenset((a.id, b.id)) in same_key or not a.sources & b.sources:
                continue
            if not _compatible_words(a.folded, b.folded):
                continue
            explanation = f"'{a.name}' and '{b.name}' are spelled alike ({ratio:.0f}% similar) and share sources"
            yield _pair(a, b, "spelling", explanation, 0.55 + 0.3 * (ratio - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF))


def _close_keys(block: list[_Profile]) -> Iterator[tuple[_Profile, _Profile, float]]:
    """Each pair of the block whose keys are at least ``FUZZY_CUTOFF`` alike, with the ratio.

    A ratio of r needs the longer key at most (200 - r) / r times the shorter one's length
    (the edit distance is at least the difference in length), so each length is compared only
    with itself and the lengths that can reach it: the same pairs as comparing all, a few
    times faster on the full corpus's largest blocks.
    """
    by_length: dict[int, list[_Profile]] = defaultdict(list)
    for profile in block:
        by_length[len(profile.key)].append(profile)
    stretch = (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF
    for length, shorter in by_length.items():
        longer = [p for other in range(length, int(length * stretch) + 1) for p in by_length.get(other, ())]
        if len(longer) < 2:
            continue
        scores = cdist([p.key for p in shorter], [p.key for p in longer], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        for i, j in zip(*scores.nonzero(), strict=True):
            a, b = shorter[int(i)], longer[int(j)]
            if len(b.key) == length and int(j) <= int(i):
                continue  # a pair of one length is found twice (and a key with itself once)
            yield a, b, float(scores[i, j])


def _compatible_words(a: str, b: str) -> bool:
    """Whether two close names can be one: same word count, and words beginning alike ("John" is not "Joan")."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return len(words_a) == 1 or len(words_b) == 1  # "blairbrown"-like runs are compared by key only
    return all(x[:3] == y[:3] for x, y in zip(words_a, words_b, strict=True))


def initials(name: str) -> set[str]:
    """The acronyms a name's words spell: with and without small words ("of", "the"), in capitals."""
    words = [word for word in re.split(r"[\s\-]+", name) if word]
    if len(words) < 2:
        return set()
    every = "".join(word[0] for word in words if word[0].isalnum()).upper()
    content = "".join(word[0] for word in words if word.casefold() not in _SMALL_WORDS and word[0].isalnum()).upper()
    return {every, content}


def _acronym_pairs(profiles: dict[str, _Profile]) -> Iterator[Suggestion]:
    """An all-capitals name and a name of the same kind whose capitalised words' initials spell it."""
    acronyms: dict[tuple[str, str], list[_Profile]] = defaultdict(list)
    for profile in profiles.values():
        letters = profile.name.replace(".", "")
        if _ACRONYM.match(letters):
            acronyms[(profile.kind, letters)].append(profile)
    kinds = {kind for kind, _ in acronyms}
    by_initials: dict[tuple[str, str], list[_Profile]] = defaultdict(list)
    for profile in profiles.values():
        if profile.kind not in kinds or (" " not in profile.name and "-" not in profile.name):
            continue  # no acronym of its kind to spell, or one word, which spells none
        if not all(word[:1].isupper() for word in profile.name.split() if word.casefold() not in _SMALL_WORDS):
            continue
        for acronym in initials(profile.name):
            if (profile.kind, acronym) in acronyms:
                by_initials[(profile.kind, acronym)].append(profile)
    for (kind, acronym), spellers in acronyms.items():
        for profile in spellers:
            expansions = [e for e in by_initials.get((kind, acronym), ()) if e.id != profile.id]
            for expansion in expansions:
                if expansion.sources & profile.sources:
                    explanation = f"'{profile.name}' is the initials of '{expansion.name}' and they share sources"
                    yield _pair(profile, expansion, "acronym", explanation, 0.9)
                elif len(acronym) >= 3 and len(expansions) == 1:  # two letters spell too many names to guess
                    explanation = f"'{profile.name}' is the initials of '{expansion.name}', the only name they spell"
                    yield _pair(profile, expansion, "acronym", explanation, 0.6)
