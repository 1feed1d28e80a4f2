"""Mentions of actors in one document: spaCy's entities cleaned, classified and filtered.

Steps 1-3 of ``ingest.actors``: each entity loses a leading "the", possessive pronoun or honorific
and a trailing possessive and is rejected as junk where it cannot be a name; a body "of" a region
takes in a second region of the same country the model cut off ("Port of New York and New
Jersey"); a country name or demonym in any
label is a mention of the country; wire datelines give places the model missed, and a legal
form closing capitalised words a company it missed (``ingest.company_names``); every further
occurrence of a name found is a mention too (``ingest.repeated_names``); works, products,
competitions and countries that only give an origin are dropped (``ingest.non_actors``); names
seen only in headlines count only with support from the body, and a lone dictionary word only
where its capital is evidence (not a sentence's first word) or it recurs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dossier.ingest.company_names import company_spans
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
from dossier.ingest.non_actors import is_adjective_only, is_origin_only, is_portfolio, things_named
from dossier.ingest.repeated_names import in_caps_headline, repeated_occurrences
from dossier.ingest.roles import is_name_title, title_before
from dossier.ingest.token_arrays import lowercase_words
from dossier.store.folding import clean_name, fold
from dossier.store.gazetteer import country_containing, country_of, country_of_demonym
from dossier.store.names import COMPANY_SUFFIXES, place_name
from dossier.store.records import Source

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
    titled: bool = False  # the name follows a title ("Sheikh", "Ayatollah", "Gen.")
    cluster: str = ""


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of the ranges."""
    return any(range_start < end and start < range_end for range_start, range_end in ranges)


def document_mentions(doc: Doc, masked: str, source: Source) -> list[Mention]:
    """The supported mentions of one document, from spaCy's entities over its masked text (``doc.text``)."""
    headlines = headline_ranges(masked)
    mentions = [
        mention
        for entity in doc.ents
        for mention in _mentions_of(entity, source, headlines)
    ]
    mentions = _without_covered(mentions)
    mentions.extend(_dateline_places(doc, masked, source, mentions))
    taken = [(m.start, m.end) for m in mentions] + list(source.furniture)
    for start, end, token_start, token_end in company_spans(doc, masked, taken):
        surface = source.text[start:end]
        mentions.append(Mention(start, end, token_start, token_end, surface, clean_name(surface), "organization",
                                _inside(headlines, start, end)))
    repeated = [
        Mention(found.start, found.end, found.token_start, found.token_end, source.text[found.start : found.end],
                _repeated_name(source.text[found.start : found.end], found.source), found.source.kind,
                found.in_headline, found.source.country)
        for found in repeated_occurrences(doc, masked, mentions, source.furniture, lambda s, e: _inside(headlines, s, e))
    ]
    spans = [(m.start, m.end) for m in repeated]
    mentions = [m for m in mentions if not (in_caps_headline(m) and _inside(spans, m.start, m.end))] + repeated
    return _drop_unsupported(doc, _drop_non_actors(doc, mentions))


def _drop_non_actors(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions that name actors: not works, products or competitions, nor a country giving only an
    origin, nor a group word only describing a thing."""
    things = things_named(doc, mentions)
    return [
        mention
        for mention in mentions
        if (not is_origin_only(doc, mention) if mention.country else mention.name.lower() not in things)
        and not is_portfolio(doc, mention)
        and not is_adjective_only(doc, mention)
    ]


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
    country_part = _country_before_common_nouns(tokens) if kind == "organization" else []
    if country_part:  # "five U.S. Firms": the country, and firms
        tokens = country_part
    elif kind == "organization":
        tokens = _with_company_first_word(tokens)
    if kind in ("organization", "place"):
        tokens = _with_coordinated_region(tokens)
    first, last = tokens[0], tokens[-1]
    start, end = first.idx, last.idx + len(last.text)
    surface = source.text[start:end]
    ticker = source.text[start - 1 : start] == "<" and " " not in surface  # "<HAN>", not "<SCM Corp>"
    if ticker or _is_junk(surface, len(surface.split())):  # words, not tokens: "al-Khalifa" is one word
        return []
    in_headline = _inside(headlines, start, end)
    country = country_of_demonym(surface) if entity.label_ == "NORP" else country_of(surface)
    if country_part:
        country = country or country_of_demonym(surface)
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
    if kind == "organization" and all(word.lower().rstrip(".,") in COMPANY_SUFFIXES for word in name.split()):
        return []  # "Co Ltd" left over from "Morgan Grenfell and Co Ltd": no name of its own
    if kind == "person" and any(
        word[:1].islower() and re.split(r"[-’']", word)[0] not in NAME_PARTICLES for word in name.split(" ")
    ):
        return []
    if kind == "place" and name.isupper() and len(name) > 4:
        name = name.title()
    titled = kind == "person" and first.i > 0 and is_name_title(first.doc[first.i - 1])
    return [Mention(start, end, first.i, last.i + 1, surface, name, kind, in_headline, titled=titled)]


def _with_coordinated_region(tokens: list[Token]) -> list[Token]:
    """A body "of" a region continued through "and" a second region of the same country, which the
    model cut off as a place of its own: "Port of New York" + "and New Jersey" is one name. Not two
    countries ("the Bank of France and Germany"), nor a region that owns what follows ("New Jersey's")."""
    of = next((token for token in tokens[1:-1] if token.lower_ == "of"), None)
    doc = tokens[0].doc
    after = tokens[-1].i + 1
    if of is None or after + 1 >= len(doc) or doc[after].lower_ != "and" or doc[after + 1].ent_type_ not in ("GPE", "LOC"):
        return tokens
    end = after + 2
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end < len(doc) and doc[end].tag_ == "POS":
        return tokens
    region = doc[of.i + 1 : tokens[-1].i + 1].text
    other = doc[after + 1 : end].text
    country = country_containing(region)
    if country is None or country != country_containing(other) or country_of(region) or country_of(other):
        return tokens
    return [*tokens, *doc[after:end]]


def _without_covered(mentions: list[Mention]) -> list[Mention]:
    """The mentions without those inside a longer one (the region a coordinated name took in)."""
    spans = sorted(((m.start, m.end) for m in mentions), key=lambda span: (span[0], -span[1]))
    return [m for m in mentions if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)]


def _repeated_name(written: str, repeated: Mention) -> str:
    """The name of a further occurrence: its own writing when the name was first seen in capitals
    ("Mayfair Super Markets" after "MAYFAIR SUPER MARKETS"), else the name it repeats."""
    if repeated.surface.isupper() and not written.isupper() and not repeated.country:
        return clean_name(written)
    return repeated.name


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


def _country_before_common_nouns(tokens: list[Token]) -> list[Token]:
    """The tokens naming a country when the rest are common nouns ("U.S. Firms", "Japanese Banks"), else []."""
    for split in range(len(tokens) - 1, 0, -1):
        if all(token.tag_ in ("NN", "NNS") for token in tokens[split:]):
            text = tokens[0].doc[tokens[0].i : tokens[split - 1].i + 1].text
            if country_of(text) or country_of_demonym(text):
                return tokens[:split]
    return []


def _with_company_first_word(tokens: list[Token]) -> list[Token]:
    """A company's tokens with the name word the model left before them ("Aristech" of "Aristech
    Chemical Corp"): a capitalised proper noun, outside any entity, on the same line, no dictionary word."""
    if tokens[-1].lower_.rstrip(".") not in COMPANY_SUFFIXES or tokens[0].i == 0:
        return tokens
    before = tokens[0].doc[tokens[0].i - 1]
    if (
        before.tag_ == "NNP" and not before.ent_type_ and before.text[:1].isupper() and before.is_alpha
        and "\n" not in before.whitespace_ and not is_common_word(before.text)
        and before.lower_ not in HONORIFICS and not is_name_title(before)
    ):
        return [before, *tokens]
    return tokens


def _trimmed_tokens(entity: SpacySpan) -> list[Token]:
    """The entity's tokens without a leading determiner, possessive pronoun ("his Free Democratic
    Party") or honorific and a trailing possessive."""
    tokens = list(entity)
    while tokens and (
        tokens[0].lower_ in DETERMINERS or tokens[0].tag_ == "PRP$" or tokens[0].lower_ in HONORIFICS
        or not tokens[0].text.strip()
        or tokens[0].is_punct or (is_name_title(tokens[0]) and len(tokens) > 1)
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1].tag_ == "POS" or tokens[-1].lower_ in ("'s", "’s", "'", "’")
        or not tokens[-1].text.strip() or (tokens[-1].is_punct and tokens[-1].text != ".")
        or (entity.label_ == "PERSON" and len(tokens) > 1 and _score_or_minute(tokens[-1]))
    ):
        tokens.pop()  # "Cameron 87", "Peter Luczak 7-6": a person's name does not end in a number
    return tokens


def _score_or_minute(token: Token) -> bool:
    """A number glued to a name by sport pages (a minute, a score), not a year ("Transport 2000") nor a
    figure ("Revs 3,093,000")."""
    text = token.text
    return bool(re.fullmatch(r"\d{1,3}|\d+(?:-\d+)+", text))


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
    surnames = full_name_tails(mentions)
    counts = Counter(fold(m.name) for m in mentions)
    lower_words: set[str] | None = None  # read only for a lone common word, which few articles have
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
            and (_capital_says_nothing(doc, mention) or folded in (lower_words := lower_words or lowercase_words(doc)))
            and not (mention.kind == "person" and (title_before(doc, mention) or _after_honorific(doc, mention)))
        ):
            continue
        kept.append(mention)
    return kept


def _capital_says_nothing(doc: Doc, mention: Mention) -> bool:
    """Whether a name's capital is no evidence it is a name: it opens its sentence (after any quote,
    bracket or dash), or runs on from or into a capitalised word ("Secretary of State", "Home
    Secretary").

    Elsewhere a capital is the writer's word that this is a name ("The Bundesbank did not intervene",
    "awards to Spitz"), even when the word is also in the dictionary."""
    start = mention.token_start
    while start > 0 and not doc[start].is_sent_start and doc[start - 1].is_punct:
        start -= 1
    if start == 0 or doc[start].is_sent_start:
        return True
    after = doc[mention.token_end] if mention.token_end < len(doc) else None
    if after is not None and after.text[:1].isupper() and after.is_alpha and not after.is_sent_start:
        return True  # "Home Secretary", "Finance Minister", "Supreme Leader": a title, not a name
    before = doc[start - 1]
    if before.lower_ in ("of", "and", "for") and start > 1:
        before = doc[start - 2]
    return before.text[:1].isupper() and before.is_alpha and not before.is_sent_start and before.lower_ not in DETERMINERS


def _after_honorific(doc: Doc, mention: Mention) -> bool:
    """True when the name follows "Mr", "Mrs", "Ms", "Dr"... ("Mr Blair")."""
    start = mention.token_start
    return (start > 0 and doc[start - 1].lower_ in HONORIFICS) or (
        doc[start].lower_ in HONORIFICS if start < len(doc) else False
    )


def full_name_tails(mentions: list[Mention]) -> dict[str, str]:
    """Folded last names (and name tails) of people named in full, each mapped to the full name's fold."""
    full_names = Counter(
        fold(m.name) for m in mentions if m.kind == "person" and " " in m.name and not m.country
    )
    tails: dict[str, str] = {}
    for full, _count in full_names.most_common():
        words = full.split(" ")
        for size in range(1, len(words)):
            tails.setdefault(" ".join(words[-size:]), full)
    # The given name alone names the person again ("Sheikh Ali al-Sabah" ... "Ali said", "Alan Budd"
    # ... "Alan"), when no other person named in full has that given name; a person named after a
    # title first, where that is how news refers to them again.
    given = Counter(full.split(" ")[0] for full in full_names)
    titled = {fold(m.name) for m in mentions if m.titled and " " in m.name and not m.country}
    for full in sorted(full_names, key=lambda name: name not in titled):
        first = full.split(" ")[0]
        if given[first] == 1 and len(first) > 2 and full not in tails:  # not "Perez de Cuellar" of "Javier ..."
            tails.setdefault(first, full)
    return tails
