"""Names of one article that are one actor although they do not fold alike, joined after clustering.

``ingest.actors`` groups mentions by their folded name (with surnames, acronyms and a company's
leading words). Five ways news names one actor twice remain, each joined here by a general rule:

- **a plural**: "Lib Dem spokesman" and "the Lib Dems" (not two people's one-word names:
  "Edward" and "Edwards" may be two people);
- **a typo**: "Daveport said" beside "Lindsay Davenport" — a single word one letter from the
  surname of exactly one person named in full (not a plural "s"), or two names with the same
  first and last words one letter apart ("Robert Co. Brown" and "Robert C. Brown");
- **a shortened company**: "The MAGIC Group" beside "MAGIC Insurance Group" — a company ending
  (Group, Corp, Bank …), the same first and last words, the shorter name's words in order inside the longer one's with one word left out
  (not "Baltic Exchange" of "Baltic International Freight Futures Exchange"), and one such company;
- **a head noun alone**: "inform the Department" after "Sri Lanka's Food Department" — a one-word
  organisation that is the last word (or the X of "X of Y") of exactly one organisation named in full;
- **an adjective of a place or union**: "European trading" beside "Europe", "the European
  constitution" beside "the European Union" — a group word that is a named place's adjective
  (its name less its last letter starts the longer word), else the first word of exactly one
  union or party ("Conservative Party", "European Community"; not "European Medicines Agency" or
  "Scottish Parliament").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Protocol, TypeVar

from rapidfuzz.distance import Levenshtein

from dossier.store.names import COMPANY_SUFFIXES

MIN_TYPO_LENGTH = 6
# Second words of a union or party its adjective stands for ("the European constitution" of the European Union).
UNION_WORDS = frozenset({"union", "community", "party", "alliance", "federation", "coalition"})
# Last words of a company's name ("MAGIC Insurance Group"); an institution's shorter name is often
# another body ("Chicago Board of Trade" beside "Chicago Open Board of Trade").
COMPANY_ENDINGS = COMPANY_SUFFIXES | {"group", "bank", "holdings", "industries"}


class ClusteredMention(Protocol):
    """What joining reads and writes of a mention: its name, kind, country flag and cluster key."""

    name: str
    kind: str
    country: bool
    cluster: str


M = TypeVar("M", bound=ClusteredMention)


def join_same_actors(clusters: dict[str, list[M]]) -> dict[str, list[M]]:
    """The clusters with those naming one actor under two keys joined (the target key survives)."""
    target = _targets(clusters)
    if not target:
        return clusters
    joined: dict[str, list[M]] = {}
    for key, mentions in clusters.items():
        final = key
        seen = {key}
        while final in target and target[final] not in seen:
            final = target[final]
            seen.add(final)
        for mention in mentions:
            mention.cluster = final
        joined.setdefault(final, []).extend(mentions)
    for key in set(target.values()) & joined.keys():
        mentions = joined[key]
        kinds = Counter(m.kind for m in mentions if m.kind != "group")
        if kinds and any(m.kind == "group" for m in mentions):  # "European" of Europe is the place
            kind = kinds.most_common(1)[0][0]
            for mention in mentions:
                mention.kind = kind
    return joined


def _targets(clusters: dict[str, list[M]]) -> dict[str, str]:
    """Each key to join mapped to the key it joins."""
    countries = {key for key, mentions in clusters.items() if any(m.country for m in mentions)}
    keys = [key for key in clusters if key not in countries]
    kinds = {key: {m.kind for m in clusters[key]} for key in keys}
    people = [key for key in keys if " " in key and "person" in kinds[key]]
    target: dict[str, str] = {}
    for key in keys:
        found = (
            _singular(key, clusters, kinds)
            or _typo_of(key, keys, people)
            or _shortened(key, [k for k in keys if "organization" in kinds[k]])
            or _head_noun_of(key, [k for k in keys if "organization" in kinds[k]], kinds)
            or _adjective_of(key, kinds, keys, countries)
        )
        if found is not None and found != key and target.get(found) != key:
            target[key] = found
    return target


def _singular(key: str, clusters: dict[str, list[M]], kinds: dict[str, set[str]]) -> str | None:
    """The singular key of a plural one ("lib dems" -> "lib dem"), unless both are one-word person names."""
    if not key.endswith("s") or key[:-1] not in kinds:
        return None
    one_word_people = " " not in key and "person" in kinds[key] | kinds[key[:-1]]
    return None if one_word_people or not clusters[key[:-1]] else key[:-1]


def _typo_of(key: str, keys: Iterable[str], people: list[str]) -> str | None:
    """The one name a key misspells by a letter: a full name's surname, or a name with the same ends."""
    if len(key) < MIN_TYPO_LENGTH:
        return None
    words = key.split(" ")
    if len(words) == 1:
        found = {
            person
            for person in people
            if _one_letter_apart(key, person.split(" ")[-1]) and key != person.split(" ")[-1]
        }
    else:
        found = {
            other
            for other in keys
            if other != key
            and " " in other
            and other.split(" ")[0] == words[0]
            and other.split(" ")[-1] == words[-1]
            and _one_letter_apart(key, other)
            and len(other) >= len(key)
        }
    return next(iter(found)) if len(found) == 1 else None


def _one_letter_apart(first: str, second: str) -> bool:
    """One edit apart, with the same first letter, and not a plural "s" ("edward" / "edwards")."""
    if first[:1] != second[:1] or first + "s" == second or second + "s" == first:
        return False
    return Levenshtein.distance(first, second, score_cutoff=1) == 1


def _shortened(key: str, organizations: list[str]) -> str | None:
    """The one organisation whose name holds this one's words in order plus one, with the same first and last word."""
    words = key.split(" ")
    if len(words) < 2 or words[-1].rstrip(".") not in COMPANY_ENDINGS:
        return None
    found = {
        other
        for other in organizations
        if len(other.split(" ")) == len(words) + 1
        and other.split(" ")[0] == words[0]
        and other.split(" ")[-1] == words[-1]
        and _in_order(words, other.split(" "))
    }
    return next(iter(found)) if len(found) == 1 else None


def _head_noun_of(key: str, organizations: list[str], kinds: dict[str, set[str]]) -> str | None:
    """The one organisation a lone head noun refers back to ("inform the Department" after "Sri Lanka's
    Food Department"): its last word, or the first of "X of Y"."""
    if " " in key or kinds[key] != {"organization"}:
        return None
    found = {
        other
        for other in organizations
        if " " in other and (other.split(" ")[-1] == key or other.startswith(key + " of "))
    }
    return next(iter(found)) if len(found) == 1 else None


def _in_order(words: list[str], longer: list[str]) -> bool:
    """Whether ``words`` appear in ``longer`` in the same order (a subsequence)."""
    remaining = iter(longer)
    return all(word in remaining for word in words)


def _adjective_of(key: str, kinds: dict[str, set[str]], keys: list[str], countries: set[str]) -> str | None:
    """The place or organisation a one-word group adjective stands for ("european" -> "europe")."""
    if " " in key or kinds[key] != {"group"}:
        return None
    places = {
        other
        for other in [*keys, *countries]
        if other != key and " " not in other and len(other) >= 4
        and (other in countries or "place" in kinds.get(other, set()))
        and len(key) > len(other)
        and key.startswith(other[:-1])
    }
    if len(places) == 1:
        return next(iter(places))
    organizations = {
        other
        for other in keys
        if other.startswith(key + " ") and other.split(" ")[1:] in ([word] for word in UNION_WORDS)
        and "organization" in kinds[other]
    }
    return next(iter(organizations)) if len(organizations) == 1 else None
