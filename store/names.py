"""Name folding shared by ingest (merging inside a document) and the store (across documents).

Two names denote the same actor when they share a match key: the actor kind plus the
name folded for case, dots in abbreviations, a leading "the", possessives and line
wraps, with a short table of well-known variants (US / U.S. / United States).
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WHITESPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s?$")
_DOTTED_ABBREVIATION = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")

# Well-known variants of one name, folded; the first entry is the display name.
VARIANT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("United States", "US", "USA", "United States of America", "America"),
    ("United Kingdom", "UK", "Britain", "Great Britain"),
    ("United Nations", "UN"),
    ("European Union", "EU"),
    ("Soviet Union", "USSR"),
    ("United Arab Emirates", "UAE"),
    ("North Atlantic Treaty Organization", "NATO"),
)


def clean_name(text: str) -> str:
    """The name as displayed: Unicode-normalised, one space between words, no possessive."""
    name = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    name = _WHITESPACE.sub(" ", name).strip(" \t\n,.;:-\"'()[]")
    return _POSSESSIVE.sub("", name).strip()


def fold(name: str) -> str:
    """The comparison form of a name: case-folded, no dots in abbreviations, no leading 'the'."""
    text = clean_name(name)
    text = _DOTTED_ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _LEADING_THE.sub("", text)
    return text.casefold().strip()


_CANONICAL: dict[str, str] = {
    fold(variant): group[0] for group in VARIANT_GROUPS for variant in group
}


def canonical_name(name: str) -> str:
    """The display name for a well-known variant ("U.S." -> "United States"), else the clean name."""
    return _CANONICAL.get(fold(name), clean_name(name))


def match_keys(name: str, kind: str) -> list[str]:
    """Keys under which an actor of this kind and name merges with others."""
    return [f"{kind}:{fold(canonical_name(name))}"]


def slugify(text: str, max_length: int = 48) -> str:
    """A lower-case ASCII slug for ids and file names ("Sean McCormack" -> "sean-mccormack")."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = _SLUG_JUNK.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "x"
