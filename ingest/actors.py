"""Actors of one document from spaCy's entities, corrected by what the document itself says.

spaCy's labels flip inside an article and its spans carry titles, determiners and junk, so
each entity goes through the same steps (1-3 in ``ingest.mentions``, 4 here, 5 in ``ingest.roles``):

1. **Clean**: drop a leading "the" and honorific and a trailing possessive; reject junk
   (one character, all lower case, URLs, numbers and dates, very long spans, anything that
   overlaps page furniture); a DATE entity that swallowed a name gives up the countries in it.
2. **Classify**: a country name in any label, or a demonym ("Iranian", "American"), is a
   mention of the country (a place); other NORP entities are groups. A wire dateline's
   place is found even where the model missed it ("PITTSBURGH, Feb 26 -"), and a document
   that never names its country gets it from its first well-known city or state.
3. **Filter**: a name seen only in headline-shaped paragraphs (no closing punctuation) counts
   only if the body names it too; a lone dictionary word tagged as a person or organisation
   ("State", "Loser") counts only if it recurs, is a surname of someone named in full, or is
   capitalised where a capital is evidence; works, products, vessels, competitions, grades and
   a country that only gives an origin, a currency or a nationality are no actors
   (``ingest.non_actors``); every occurrence of a name found is a mention (``ingest.repeated_names``).
4. **Merge**: a surname ("McCormack") or a tail of a full name ("W. Bush") joins the person
   named in full and takes that kind, whatever spaCy called it; case, dotted and
   well-known variants fold together (``store.names``); an organisation named with a leading
   country ("US State Department") joins the plain form; an acronym joins the organisation
   whose initials it spells; a company's first words ("Phoenix" of "Phoenix Steel Corp") and an
   institution's first word ("Nasdaq" of "Nasdaq Stock Market", not "Senate" of a Senate committee)
   join it; a plural, a typo, a company without a middle word, a lone head noun
   and a place's adjective join their actor (``ingest.same_actor``). Each merged actor takes the
   majority label of its mentions.
5. **Roles**: title words before a person's name ("State Department deputy spokesman Tom
   Casey") and appositions after it ("Zalmay Khalilzad, the US ambassador in Baghdad") become
   ``Role``s dated by the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from dossier.ingest.event_kinds import STATEMENT_VERBS
from dossier.ingest.mentions import MAX_NAME_CHARS, Mention, document_mentions, full_name_tails
from dossier.ingest.nlp import is_common_word, verb_lemma
from dossier.ingest.roles import person_roles
from dossier.ingest.same_actor import COMPANY_ENDINGS, join_same_actors
from dossier.store.drafts import ActorDraft
from dossier.store.folding import clean_name, fold
from dossier.store.gazetteer import country_containing, country_of
from dossier.store.names import (
    COMPANY_SUFFIXES,
    canonical_name,
    match_keys,
    organization_key_forms,
    singular_last_word,
    slugify,
)
from dossier.store.records import Source, Span

# Last words of a body that is part of another (the Senate's committee, a company's board).
SUB_BODIES = frozenset(
    {"committee", "subcommittee", "commission", "council", "board", "panel", "department", "division", "unit",
     "office", "branch", "bureau", "agency", "court", "caucus", "subsidiary", "affiliate", "foundation", "fund"}
)
# First words of bodies whose longer names are their committees, ministries or chambers.
PARENT_BODIES = frozenset(
    {"senate", "house", "congress", "parliament", "assembly", "cabinet", "government", "ministry", "treasury",
     "state", "federal", "national", "finance", "foreign", "defence", "defense", "justice", "labor", "labour",
     "commerce", "agriculture", "energy", "interior", "trade", "home", "central", "supreme", "european", "world"}
)
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "&"})


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


def extract_actors(doc: Doc, masked: str, source: Source) -> DocumentActors:
    """The merged actors of one document, from spaCy's entities over its masked text (``doc.text``)."""
    clusters = _cluster(doc, masked, document_mentions(doc, masked, source))
    return _drafts(doc, source, clusters)


def _cluster(doc: Doc, masked: str, mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions grouped into actors, keyed by the folded name each group is known by."""
    tails = full_name_tails(mentions)
    full_people = set(tails.values())
    organization_keys = {
        organization_key_forms(canonical_name(m.name))[-1]: m.name for m in mentions if m.kind == "organization"
    }
    acronyms = {**_acronym_targets(organization_keys), **_defined_acronyms(masked, mentions)}
    leading = _leading_words(organization_keys)
    institutions = _institution_first_words(mentions)
    # One sense per article: a company's first word used once as the company is the company throughout.
    used_as_company = {
        fold(m.name)
        for m in mentions
        if fold(m.name) in leading and not m.country and _used_as_company(doc, m)
    }
    # "TimeWarner" and "Time Warner": the spaced form wins.
    spaced = {key.replace(" ", ""): key for key in sorted(organization_keys, key=len) if " " in key}
    clusters: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        folded = fold(mention.name)
        if mention.country or folded in full_people:
            cluster = folded
        elif folded in tails and not mention.country:
            cluster = tails[folded]
        elif folded in used_as_company and not (mention.kind == "place" and mention.surface.isupper()):
            cluster = leading[folded]  # "Phoenix said", "Dome's loss": the company the article named in full
            mention.kind = "organization"
        elif mention.kind == "organization" and folded in institutions:
            cluster = institutions[folded]  # "Nasdaq" after "Nasdaq Stock Market"
        elif mention.kind == "organization":
            cluster = organization_key_forms(canonical_name(mention.name))[-1]
            cluster = acronyms.get(cluster, spaced.get(cluster.replace(" ", ""), cluster))
        else:
            short = organization_key_forms(canonical_name(mention.name))[-1]
            cluster = short if short in organization_keys else acronyms.get(folded, folded)
            if mention.kind == "group":
                cluster = singular_last_word(cluster)
        mention.cluster = cluster
        clusters[cluster].append(mention)
    return join_same_actors(clusters)




def _leading_words(organization_keys: dict[str, str]) -> dict[str, str]:
    """The leading words of a company's name ("phoenix" of "Phoenix Steel Corp", "santa fe" of "Santa
    Fe International Corp") mapped to its key, when only one company of the document starts with them."""
    starts: dict[str, set[str]] = defaultdict(set)
    for key, name in organization_keys.items():
        words = fold(name).split(" ")
        # Only companies named as such ("Phoenix Steel Corp", "JWT Group"): the first word of an
        # institution is often another body ("Senate" of "Senate Appropriations Committee").
        if len(words) < 2 or len(words[0]) <= 2 or words[-1].rstrip(".") not in COMPANY_ENDINGS:
            continue
        for size in range(1, len(words)):
            if words[size - 1] in _ACRONYM_SKIP or words[size - 1].rstrip(".") in COMPANY_SUFFIXES:
                break  # "Morgan Grenfell" of "Morgan Grenfell and Co Ltd", never "Morgan Grenfell and"
            starts[" ".join(words[:size])].add(key)
    return {prefix: next(iter(keys)) for prefix, keys in starts.items() if len(keys) == 1}


def _institution_first_words(mentions: list[Mention]) -> dict[str, str]:
    """The first word of an institution's name ("nasdaq" of "Nasdaq Stock Market") mapped to its key,
    when only one organisation of the document starts with it; not a place ("Tokyo" of "Tokyo Stock
    Exchange"), an acronym, a name of its own ("BBC" of "BBC One"), a company the article also names
    with its suffix ("Tracor" of "Tracor Inc"), nor a body with committees and portfolios ("Senate"
    of "Senate Appropriations Committee", "House Banking"); and not a body inside another ("... Board").
    Only an organisation mention of that one word joins it."""
    starts: dict[str, set[str]] = defaultdict(set)
    companies: set[str] = set()
    for mention in mentions:
        if mention.kind != "organization":
            continue
        key = organization_key_forms(canonical_name(mention.name))[-1]
        words = fold(mention.name).split(" ")
        first = mention.name.split(" ")[0]
        if len(words) < 2 or len(words[0]) <= 2:
            continue
        if key == words[0]:
            companies.add(key)  # "Tracor Inc": "Tracor" is the company
        elif _institution(words) and not (first.isupper() or country_of(first) or country_containing(first)):
            starts[words[0]].add(key)
    return {first: next(iter(keys)) for first, keys in starts.items() if len(keys) == 1 and first not in companies}


def _institution(words: list[str]) -> bool:
    """Whether a folded name of several words can be known by its first word alone: not a body inside
    another ("... Committee"), not "X of Y", not a chamber's or ministry's body ("Senate ..."), not a
    product with a number ("Cygna 386")."""
    return (
        words[-1] not in SUB_BODIES and words[1] not in _ACRONYM_SKIP and words[0] not in PARENT_BODIES
        and not any(character.isdigit() for word in words for character in word)
    )


def _used_as_company(doc: Doc, mention: Mention) -> bool:
    """Whether a name is used as a company is: the subject of a reporting verb ("Phoenix said") or,
    unless it is a known place or in a headline, a possessor ("Dome's loss"), a name the model took
    for an organisation, or a coined word with no other sense ("the Carolco bid") — not where something
    happens ("in Phoenix", "London's market")."""
    root = doc[mention.token_start : mention.token_end].root
    if root.dep_ in ("nsubj", "nsubjpass") and verb_lemma(root.head.text) in STATEMENT_VERBS:
        return True
    if country_of(mention.name) or country_containing(mention.name) or mention.in_headline:
        return False
    possessor = root.dep_ == "poss" or (root.i + 1 < len(doc) and doc[root.i + 1].tag_ == "POS")
    coined = " " not in mention.name and not is_common_word(mention.name)  # "Carolco", "Nasdaq": no other sense
    return possessor or mention.kind == "organization" or coined


def _defined_acronyms(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Acronyms the text defines in brackets right after an organisation ("Baltic International Freight
    Futures Exchange (BIFFEX)"), folded, mapped to that organisation's key."""
    defined: dict[str, str] = {}
    for mention in mentions:
        if mention.kind != "organization":
            continue
        match = _BRACKETED_ACRONYM.match(text, mention.end)
        if match:
            defined.setdefault(match.group(1).casefold(), organization_key_forms(canonical_name(mention.name))[-1])
    return defined


_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9&.-]{1,9})\)")


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
                letters = "".join(word.replace(".", "") if "." in word[1:] else word[0] for word in words)
                targets.setdefault(letters.casefold(), key)  # "U.S. Department of Agriculture" -> USDA
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
        aliases = sorted({clean_name(m.surface) for m in mentions} - {name})
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
            sorted({(m.start, m.end, key) for m in mentions})
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
    own = Counter({name: count for name, count in names.items() if fold(name) == cluster})
    if own and kind != "organization":
        names = own  # the name the cluster was joined under ("Europe", not its adjective "European")
    if kind == "organization":
        plain = [name for name in names if fold(name) == cluster]
        if plain:
            return max(plain, key=lambda name: (names[name], not name.isupper()))
    return max(
        names,
        key=lambda name: (len(name.split(" ")), not name.isupper(), names[name], len(name)),
    )
