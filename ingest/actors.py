"""Actors of one document from spaCy's entities, corrected by what the document itself says.

spaCy's labels flip inside an article and its spans carry titles, determiners and junk, so
each entity goes through the same steps:

1. **Clean**: drop a leading "the" and honorific and a trailing possessive; reject junk
   (one character, all lower case, URLs, numbers and dates, very long spans, anything that
   overlaps page furniture); a DATE entity that swallowed a name gives up the countries in it.
2. **Classify**: a country name in any label, or a demonym ("Iranian", "American"), is a
   mention of the country (a place); other NORP entities are groups. A wire dateline's
   place is found even where the model missed it ("PITTSBURGH, Feb 26 -"), and a document
   that never names its country gets it from its first well-known city or state.
3. **Filter**: a name seen only in headline-shaped paragraphs (no closing punctuation) counts
   only if the body names it too; a lone dictionary word tagged as a person or organisation
   ("State", "Loser") counts only if it recurs or is a surname of someone named in full.
4. **Merge**: a surname ("McCormack") or a tail of a full name ("W. Bush") joins the person
   named in full and takes that kind, whatever spaCy called it; case, dotted and
   well-known variants fold together (``store.names``); an organisation named with a leading
   country ("US State Department") joins the plain form; an acronym joins the organisation
   whose initials it spells. Each merged actor takes the majority label of its mentions.
5. **Roles**: title words before a person's name ("State Department deputy spokesman Tom
   Casey") and appositions after it ("Zalmay Khalilzad, the US ambassador in Baghdad") become
   ``Role``s dated by the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dossier.ingest.conventions import (
    DETERMINERS,
    HONORIFICS,
    PARAGRAPH_BREAK,
    TRAILING_MONTH,
    WIRE_DATELINE,
    headline_ranges,
)
from dossier.ingest.dates import date_prefix
from dossier.ingest.nlp import is_common_word
from dossier.ingest.roles import person_roles, title_before
from dossier.store.drafts import ActorDraft
from dossier.store.names import (
    COMPANY_SUFFIXES,
    canonical_name,
    clean_name,
    country_containing,
    country_of,
    country_of_demonym,
    fold,
    match_keys,
    organization_key_forms,
    place_name,
    singular_last_word,
    slugify,
)
from dossier.store.records import Source, Span

KIND_OF_LABEL: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
# Lower-case words that belong inside people's names ("Javier Perez de Cuellar").
NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "du",
     "la", "le", "al", "el", "bin", "ibn", "ben", "y", "e", "af", "ter", "zu", "abu"}
)
_JUNK_PATTERN = re.compile(r"://|\bwww\.|\.(?:com|org|net|gov|edu|co\.uk)\b|@|[|•<>{}=_#*]")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "&"})
MAX_NAME_WORDS = 7
MAX_NAME_CHARS = 80


@dataclass(slots=True)
class Mention:
    """One cleaned entity occurrence: where it is, what it says, and what spaCy thought it was."""

    start: int
    end: int
    token_start: int
    token_end: int
    surface: str
    name: str
    kind: str
    in_headline: bool
    country: bool = False
    implied: bool = False
    cluster: str = ""


@dataclass(slots=True)
class DocumentActors:
    """The actors of one document, and which actor each mention's characters belong to.

    ``mention_keys`` is sorted by offset, so look-ups bisect instead of scanning: a long
    document's events and titles stay linear in its length.
    """

    drafts: list[ActorDraft] = field(default_factory=list)
    mention_keys: list[tuple[int, int, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _by_key: dict[str, ActorDraft] = field(default_factory=dict)

    def finish(self) -> None:
        """Sort the mentions and build the look-up tables once all drafts are in."""
        self.mention_keys.sort()
        self._starts = [start for start, _, _ in self.mention_keys]
        self._by_key = {draft.key: draft for draft in self.drafts}

    def keys_between(self, start: int, end: int) -> list[str]:
        """Keys of actors mentioned inside ``[start, end)``, in order of first mention."""
        keys: list[str] = []
        for index in range(bisect_left(self._starts, start), bisect_left(self._starts, end)):
            _, mention_end, key = self.mention_keys[index]
            if mention_end <= end and key not in keys:
                keys.append(key)
        return keys

    def key_at(self, start: int, end: int) -> str | None:
        """The key of the actor whose mention overlaps ``[start, end)``, if any."""
        index = bisect_left(self._starts, end) - 1
        while index >= 0 and self._starts[index] > start - MAX_NAME_CHARS:
            mention_start, mention_end, key = self.mention_keys[index]
            if mention_start < end and start < mention_end:
                return key
            index -= 1
        return None

    def draft(self, key: str) -> ActorDraft | None:
        """The draft with this key."""
        return self._by_key.get(key)


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of the ranges."""
    return any(range_start < end and start < range_end for range_start, range_end in ranges)


def extract_actors(doc: Doc, source: Source) -> DocumentActors:
    """The merged actors of one document, from spaCy's entities over its masked text."""
    masked = doc.text
    headlines = headline_ranges(masked)
    mentions = [
        mention
        for entity in doc.ents
        for mention in _mentions_of(entity, source, headlines)
    ]
    mentions.extend(_dateline_places(doc, masked, source, mentions))
    mentions = _drop_unsupported(doc, mentions)
    mentions.extend(_implied_countries(mentions))
    clusters = _cluster(mentions)
    return _drafts(doc, source, clusters)


def _mentions_of(
    entity: SpacySpan, source: Source, headlines: list[tuple[int, int]]
) -> list[Mention]:
    """Zero or more cleaned mentions from one spaCy entity."""
    if _inside(source.furniture, entity.start_char, entity.end_char):
        return []
    if entity.label_ == "DATE":
        return _countries_after_date(entity, headlines)
    kind = KIND_OF_LABEL.get(entity.label_)
    if kind is None:
        return []
    tokens = _trimmed_tokens(entity)
    if not tokens:
        return []
    first, last = tokens[0], tokens[-1]
    start, end = first.idx, last.idx + len(last.text)
    surface = source.text[start:end]
    if _is_junk(surface, len(tokens)):
        return []
    in_headline = _inside(headlines, start, end)
    country = country_of_demonym(surface) if entity.label_ == "NORP" else country_of(surface)
    if country:
        return [Mention(start, end, first.i, last.i + 1, surface, country, "place", in_headline, True)]
    plural_country = country_of_demonym(surface[:-1]) if entity.label_ == "NORP" and surface.endswith("s") else None
    if plural_country:
        return [Mention(start, end, first.i, last.i + 1, surface, plural_country, "place", in_headline, True)]
    if kind == "place" and TRAILING_MONTH.search(surface):
        end = start + len(TRAILING_MONTH.sub("", surface))
        surface = surface[: end - start]
        last = next(token for token in reversed(tokens) if token.idx < end)
    name = place_name(surface) if kind == "place" else clean_name(surface)
    if kind == "person" and any(
        word[:1].islower() and re.split(r"[-’']", word)[0] not in NAME_PARTICLES for word in name.split(" ")
    ):
        return []
    if kind == "place" and name.isupper() and len(name) > 4:
        name = name.title()
    return [Mention(start, end, first.i, last.i + 1, surface, name, kind, in_headline)]


def _dateline_places(doc: Doc, masked: str, source: Source, mentions: list[Mention]) -> list[Mention]:
    """Places of wire datelines the model missed or mislabelled ("PITTSBURGH, Feb 26 -", "ROSEMONT, ILL., March 18 -").

    A known place in a dateline replaces any non-place entity spaCy made of the same words.
    """
    found = []
    for match in WIRE_DATELINE.finditer(masked):
        for group in (1, 2):
            start, end = match.span(group)
            if start < 0 or _inside(source.furniture, start, end):
                continue
            surface = source.text[start:end]
            name = place_name(surface)
            known = country_of(surface) or country_containing(surface)
            span = doc.char_span(start, end, alignment_mode="expand")
            overlapping = [m for m in mentions if m.start < end and start < m.end]
            if known is None or span is None or any(
                m.kind == "place" and m.start <= start and m.end >= end for m in overlapping
            ):
                continue
            for mention in overlapping:
                mentions.remove(mention)
            if not country_of(surface) and name.isupper():
                name = name.title() if len(name.rstrip(".")) > 3 else name
            found.append(
                Mention(start, end, span.start, span.end, surface, name, "place", False,
                        country=bool(country_of(surface)))
            )
    return found


def _countries_after_date(entity: SpacySpan, headlines: list[tuple[int, int]]) -> list[Mention]:
    """Countries inside a DATE entity that swallowed a name ("May 3-4 Iraq Neighbors' Conference")."""
    prefix = date_prefix(entity.text)
    if len(prefix) >= len(entity.text.rstrip()):
        return []
    mentions = []
    for token in entity:
        if token.idx - entity.start_char < len(prefix):
            continue
        country = country_of(token.text) if token.text[:1].isupper() else None
        if country:
            end = token.idx + len(token.text)
            mentions.append(
                Mention(token.idx, end, token.i, token.i + 1, token.text, country, "place",
                        _inside(headlines, token.idx, end), True)
            )
    return mentions


def _trimmed_tokens(entity: SpacySpan) -> list[Token]:
    """The entity's tokens without a leading determiner or honorific and a trailing possessive."""
    tokens = list(entity)
    while tokens and (
        tokens[0].lower_ in DETERMINERS or tokens[0].lower_ in HONORIFICS or not tokens[0].text.strip()
        or tokens[0].is_punct
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1].tag_ == "POS" or tokens[-1].lower_ in ("'s", "’s", "'", "’")
        or not tokens[-1].text.strip() or (tokens[-1].is_punct and tokens[-1].text != ".")
    ):
        tokens.pop()
    return tokens


def _is_junk(surface: str, token_count: int) -> bool:
    """True for spans that are never a name: tiny, lower case, URL-like, numeric, dates, run-on."""
    stripped = surface.strip()
    letters = [char for char in stripped if char.isalpha()]
    if len(stripped) < 2 or len(letters) < 2 or stripped.islower() or not stripped[0].isalnum():
        return True
    if stripped[0].isdigit() or _JUNK_PATTERN.search(stripped) or PARAGRAPH_BREAK.search(surface):
        return True
    if token_count > MAX_NAME_WORDS or len(stripped) > MAX_NAME_CHARS or stripped.count("(") != stripped.count(")"):
        return True
    return date_prefix(stripped) == stripped


def _drop_unsupported(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions that survive the headline-only and lone-common-word rules."""
    body_names = {fold(m.name) for m in mentions if not m.in_headline}
    surnames = _surnames(mentions)
    counts = Counter(fold(m.name) for m in mentions)
    kept = []
    for mention in mentions:
        folded = fold(mention.name)
        if mention.country:
            kept.append(mention)
            continue
        if mention.in_headline and folded not in body_names and folded not in surnames:
            continue
        lone_word = " " not in mention.name and not mention.name.isupper()
        if (
            lone_word
            and mention.kind in ("person", "organization")
            and counts[folded] < 2
            and folded not in surnames
            and is_common_word(mention.name)
            and not (mention.kind == "person" and (title_before(doc, mention) or _after_honorific(doc, mention)))
        ):
            continue
        kept.append(mention)
    return kept


def _implied_countries(mentions: list[Mention]) -> list[Mention]:
    """Mentions of a country the document names only through its places ("HOUSTON" -> United States).

    Wire stories datelined in a city often never name its country; the first such place
    (the dateline, or where the story is set) stands as the country's evidence, and only
    when the country is not named outright. Later places ("talks in London") imply nothing:
    measured on Reuters, that keeps recall and raises precision.
    """
    named = {m.name for m in mentions if m.country}
    for mention in sorted(mentions, key=lambda m: m.start):
        country = None if mention.country or mention.kind != "place" else country_containing(mention.name)
        if country:
            if country in named:
                return []
            return [
                Mention(mention.start, mention.end, mention.token_start, mention.token_end,
                        mention.surface, country, "place", mention.in_headline, True, implied=True)
            ]
    return []


def _after_honorific(doc: Doc, mention: Mention) -> bool:
    """True when the name follows "Mr", "Mrs", "Ms", "Dr"... ("Mr Blair")."""
    start = mention.token_start
    return (start > 0 and doc[start - 1].lower_ in HONORIFICS) or (
        doc[start].lower_ in HONORIFICS if start < len(doc) else False
    )


def _surnames(mentions: list[Mention]) -> dict[str, str]:
    """Folded last names (and name tails) of people named in full, each mapped to the full name's fold."""
    full_names = Counter(
        fold(m.name) for m in mentions if m.kind == "person" and " " in m.name and not m.country
    )
    tails: dict[str, str] = {}
    for full, _count in full_names.most_common():
        words = full.split(" ")
        for size in range(1, len(words)):
            tails.setdefault(" ".join(words[-size:]), full)
    return tails


def _cluster(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions grouped into actors, keyed by the folded name each group is known by."""
    tails = _surnames(mentions)
    full_people = set(tails.values())
    organization_keys = {
        organization_key_forms(m.name)[-1]: m.name for m in mentions if m.kind == "organization"
    }
    acronyms = _acronym_targets(organization_keys)
    # "TimeWarner" and "Time Warner": the spaced form wins.
    spaced = {key.replace(" ", ""): key for key in sorted(organization_keys, key=len) if " " in key}
    clusters: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        folded = fold(mention.name)
        if mention.country or folded in full_people:
            cluster = folded
        elif folded in tails and not mention.country:
            cluster = tails[folded]
        elif mention.kind == "organization":
            cluster = organization_key_forms(mention.name)[-1]
            cluster = acronyms.get(cluster, spaced.get(cluster.replace(" ", ""), cluster))
        else:
            short = organization_key_forms(mention.name)[-1]
            cluster = short if short in organization_keys else acronyms.get(folded, folded)
            if mention.kind == "group":
                cluster = singular_last_word(cluster)
        mention.cluster = cluster
        clusters[cluster].append(mention)
    return clusters


def _acronym_targets(organization_keys: dict[str, str]) -> dict[str, str]:
    """Folded acronyms ("irna") mapped to the folded multi-word organisation they abbreviate."""
    targets: dict[str, str] = {}
    for key, name in organization_keys.items():
        words = name.split(" ")
        while len(words) > 1 and words[-1].lower().rstrip(".") in COMPANY_SUFFIXES:
            words.pop()
        short = words[-len(key.split(" ")) :]  # the name without a dropped country or suffix
        for form in (words, short):
            words = [w for w in re.split(r"[\s-]+", " ".join(form)) if w.lower() not in _ACRONYM_SKIP]
            if len(words) >= 2 and all(word[:1].isupper() for word in words):
                targets.setdefault("".join(word[0] for word in words).casefold(), key)
    return targets


def _drafts(doc: Doc, source: Source, clusters: dict[str, list[Mention]]) -> DocumentActors:
    """Actor drafts (name, kind, aliases, roles, mentions, match keys) from mention clusters."""
    result = DocumentActors()
    used_keys: set[str] = set()
    for cluster, mentions in clusters.items():
        kind = _kind_of(mentions)
        name = _display_name(cluster, mentions, kind)
        key = f"{kind}:{slugify(name)}"
        suffix = 2
        while key in used_keys:
            key = f"{kind}:{slugify(name)}-{suffix}"
            suffix += 1
        used_keys.add(key)
        aliases = sorted({clean_name(m.surface) for m in mentions if not m.implied} - {name})
        keys = list(match_keys(name, kind))
        for alias in aliases if not any(m.country for m in mentions) else ():
            if kind != "person" or " " in alias:
                keys.extend(k for k in match_keys(alias, kind) if k not in keys)
        roles = person_roles(doc, source, mentions) if kind == "person" else []
        spans = sorted({(m.start, m.end) for m in mentions})
        result.drafts.append(
            ActorDraft(
                key=key,
                name=name,
                kind=kind,
                aliases=aliases,
                roles=roles,
                mentions=[Span(source.id, start, end) for start, end in spans],
                match_keys=keys,
            )
        )
        result.mention_keys.extend(
            sorted({(m.start, m.end, key) for m in mentions if not m.implied})
        )
    result.finish()
    return result


def _kind_of(mentions: list[Mention]) -> str:
    """The cluster's kind: place for countries, person when anyone is named in full, else the majority."""
    if any(m.country for m in mentions):
        return "place"
    if any(m.kind == "person" and " " in m.name for m in mentions):
        return "person"
    votes = Counter(m.kind for m in mentions)
    order = ("person", "organization", "place", "group")
    return max(order, key=lambda kind: (votes[kind], -order.index(kind)))


def _display_name(cluster: str, mentions: list[Mention], kind: str) -> str:
    """The fullest canonical form: the country's name, a person's longest name, an organisation's plain form."""
    if any(m.country for m in mentions):
        return next(m.name for m in mentions if m.country)
    names = Counter(canonical_name(m.name) for m in mentions)
    if kind == "organization":
        plain = [name for name in names if fold(name) == cluster]
        if plain:
            return max(plain, key=lambda name: (names[name], not name.isupper()))
    return max(
        names,
        key=lambda name: (len(name.split(" ")), not name.isupper(), names[name], len(name)),
    )
