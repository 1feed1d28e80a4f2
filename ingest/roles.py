"""Roles of a person from one document: the titles the text gives them, dated by the source.

Title words before a person's name ("State Department deputy spokesman Tom Casey") and
appositions after it ("Zalmay Khalilzad, the US ambassador in Baghdad") become ``Role``s; a
shorter reading of a title already taken whole, and a title another one contains ("ambassador"
beside "US ambassador in Baghdad"), are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Token

from dossier.ingest.conventions import DETERMINERS, HONORIFICS
from dossier.ingest.nlp import is_common_word
from dossier.store.folding import clean_name, fold
from dossier.store.records import Role, Source, Span

MAX_ROLE_TOKENS = 10
_ROLE_LINK_WORDS = frozenset({"of", "to", "for", "at", "on", "and", "&"})
_SKIP_ENTITY_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


class PersonMention(Protocol):
    """A mention of a person: its token range in the parsed document and the name it gives."""

    token_start: int
    token_end: int
    name: str


def person_roles(doc: Doc, source: Source, mentions: Sequence[PersonMention]) -> list[Role]:
    """Titles given to a person: words before the name and appositions after it."""
    ranges = {
        span
        for mention in mentions
        for span in (title_before(doc, mention), *_appositions(doc, mention))
        if span is not None
    }
    roles: list[Role] = []
    seen: set[str] = set()
    for start, end in sorted(ranges):
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in ranges):
            continue  # a shorter reading of a title already taken whole
        text = _role_text(source.text[start:end])
        if text and fold(text) not in seen and fold(text) not in {fold(m.name) for m in mentions}:
            seen.add(fold(text))
            roles.append(Role(text, source.published, Span(source.id, start, end)))
    # "ambassador" says nothing "US ambassador in Baghdad" does not.
    return [
        role
        for role in roles
        if not any(
            other is not role and re.search(rf"\b{re.escape(fold(role.role))}\b", fold(other.role))
            for other in roles
        )
    ]


def _role_text(raw: str) -> str:
    """A role as shown: whitespace folded, a lone capitalised title word in lower case."""
    text = clean_name(raw)
    if " " not in text and not text.isupper():
        text = text.lower()
    return text


def _is_title_word(token: Token) -> bool:
    """True for a common noun that can head a title ("spokesman", "Ambassador", "leader")."""
    if (token.ent_type_ and token.ent_type_ not in ("ORG",)) or token.lower_ in HONORIFICS:
        return False
    if token.tag_ in ("NN", "NNS"):
        return token.is_alpha
    return token.tag_ in ("NNP", "NNPS") and not token.ent_type_ and is_common_word(token.text)


def title_before(doc: Doc, mention: PersonMention) -> tuple[int, int] | None:
    """The character range of title words right before a person's name, if they hold a title noun."""
    index = mention.token_start - 1
    first = None
    while index >= 0 and mention.token_start - index <= MAX_ROLE_TOKENS:
        token = doc[index]
        if token.ent_type_ in _SKIP_ENTITY_LABELS or token.ent_type_ == "PERSON":
            break
        if token.lower_ in ("and", "&") and not (
            index > 0 and doc[index - 1].text[:1].isupper() and doc[index + 1].text[:1].isupper()
        ):
            break
        if token.tag_ in ("NNP", "NNPS", "NN", "NNS", "JJ", "HYPH", "POS") or (
            token.lower_ in _ROLE_LINK_WORDS and first is not None
        ):
            if "\n" in token.whitespace_ or not token.text.strip():
                break
            first = index
            index -= 1
            continue
        break
    if first is None:
        return None
    tokens = list(doc[first : mention.token_start])
    while tokens and (
        tokens[0].lower_ in _ROLE_LINK_WORDS or tokens[0].tag_ in ("POS", "HYPH")
        or (not tokens[0].is_alpha and tokens[0].tag_ != "NNP") or len(tokens[0].text) < 2
    ):
        tokens.pop(0)
    if not tokens or not any(_is_title_word(token) for token in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _appositions(doc: Doc, mention: PersonMention) -> list[tuple[int, int] | None]:
    """Character ranges of appositive titles around a person's name.

    After it ("X, the US ambassador in Baghdad,") or before it, when the name is itself the
    apposition ("The U.N. spokesman, Francois Giuliani,").
    """
    ranges: list[tuple[int, int] | None] = []
    root = doc[mention.token_start : mention.token_end].root
    if root.dep_ == "appos" and root.head.i < mention.token_start and _is_title_word(root.head):
        tokens = [t for t in root.head.subtree if t.i < mention.token_start and t.i <= root.head.i]
        tokens = [t for t in tokens if not t.is_punct or t.text in ("-", "’s", "'s")]
        while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
            tokens.pop(0)
        if 0 < len(tokens) <= MAX_ROLE_TOKENS:
            ranges.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    for token in doc[mention.token_start : mention.token_end]:
        for child in token.children:
            if child.dep_ != "appos" or child.i < mention.token_end or not _is_title_word(child):
                continue
            tokens = [t for t in child.subtree if not t.is_punct or t.text in ("-", "’s", "'s")]
            while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
                tokens.pop(0)
            if 0 < len(tokens) <= MAX_ROLE_TOKENS:
                ranges.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return ranges
