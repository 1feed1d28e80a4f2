"""Folding names for comparison: the clean display form of a name and its case-, dot- and article-free key.

Ingest (merging inside a document), the store (across documents), search and the review queue
all compare names through ``fold``, so "the U.S." and "US" meet everywhere the same way.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WHITESPACE = re.compile(r"\s+")
# Control and invisible formatting characters (C0, DEL, C1, zero-width, bidi overrides, BOM).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s?$")
_DOTTED_ABBREVIATION = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_ENDS_IN_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.){2,}$")


def clean_name(text: str) -> str:
    """The name as displayed: Unicode-normalised, no control or bidi characters, one space between words, no possessive."""
    name = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_APOSTROPHES)
    name = _WHITESPACE.sub(" ", name).strip(" \t\n,;:-\"'()[]")
    name = _POSSESSIVE.sub("", name).strip()
    if name.endswith(".") and not _ENDS_IN_ABBREVIATION.search(name):
        name = name.rstrip(". ")
    return name


def fold(name: str) -> str:
    """The comparison form of a name: case-folded, no dots in abbreviations, no leading 'the'."""
    text = clean_name(name)
    text = _DOTTED_ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _LEADING_THE.sub("", text)
    return text.casefold().strip()
