"""Match keys: when two names denote the same actor, shared by ingest and the store.

Two names denote the same actor when they share a match key: the actor kind plus the name
folded (``folding.fold``), with a short table of well-known variants (US / U.S. / United
States). Organisations also meet at their plain form (no company suffix, no leading country,
"Department of State" read as "State Department"). Also the display names of places and the
slugs of ids and file names.
"""

from __future__ import annotations

import re
import unicodedata

from dossier.store.folding import clean_name, fold
from dossier.store.gazetteer import COUNTRY_NAMES, DEMONYMS, STATE_NAMES

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")

# Well-known variants of one name, folded; the first entry is the display name.
VARIANT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("United States", "US", "USA", "United States of America", "America"),
    ("United Kingdom", "UK", "Britain", "Great Britain"),
    ("United Nations", "UN"),
    ("European Union", "EU"),
    ("Soviet Union", "USSR"),
    ("United Arab Emirates", "UAE"),
    ("North Atlantic Treaty Organization", "NATO", "Western Alliance", "Atlantic Alliance"),
    ("Federal Reserve", "Fed", "Federal Reserve Board", "Federal Reserve System"),
)


_CANONICAL: dict[str, str] = {
    fold(variant): group[0] for group in VARIANT_GROUPS for variant in group
}


def canonical_name(name: str) -> str:
    """The display name for a well-known variant ("U.S." -> "United States"), else the clean name."""
    folded = fold(name)
    return _CANONICAL.get(folded) or COUNTRY_NAMES.get(folded) or clean_name(name)


def match_keys(name: str, kind: str) -> list[str]:
    """Keys under which an actor of this kind and name merges with others.

    Organisations get one key per form in ``organization_key_forms``, so "US State
    Department" and "U.S. Department of State" meet at "organization:state department".
    """
    canonical = canonical_name(name)
    if kind == "organization":
        return [f"{kind}:{form}" for form in organization_key_forms(canonical)]
    if kind == "group":
        return [f"{kind}:{singular_last_word(fold(canonical))}"]
    return [f"{kind}:{fold(canonical)}"]


def singular_last_word(folded: str) -> str:
    """A group name with its last word in the singular ("tories" -> "tory", "muslims" -> "muslim"),
    so the singular and plural forms news uses for one group meet."""
    head, _, last = folded.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us")) and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}" if head else last


def slugify(text: str, max_length: int = 48) -> str:
    """A lower-case ASCII slug for ids and file names ("Sean McCormack" -> "sean-mccormack")."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = _SLUG_JUNK.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "x"


_DEPARTMENT_OF = re.compile(
    r"^(department|ministry|bureau|office|agency|commission|council|committee) of (?:the )?(\w+)$"
)


def organization_key_forms(name: str) -> list[str]:
    """Folded forms of an organisation's name that denote it in any country's press, fullest first.

    "US State Department", "U.S. Department of State" and "State Department" all end in
    "state department": a trailing company suffix ("Co", "Inc", "Plc") is dropped, then a
    leading country name or demonym when at least two words remain, and "Department of X"
    reads as "X Department". The last form is the most reduced.
    """
    folded = fold(name)
    forms = [folded]
    words = folded.split(" ")
    while len(words) > 1 and words[-1].rstrip(".") in COMPANY_SUFFIXES:
        words = words[:-1]
    if len(words) < len(folded.split(" ")):
        forms.append(" ".join(words))
    for size in (3, 2, 1):
        head = " ".join(words[:size])
        if len(words) - size >= 2 and (head in COUNTRY_NAMES or head in DEMONYMS):
            words = words[size:]
            break
    rest = " ".join(words)
    reordered = _DEPARTMENT_OF.match(rest)
    if reordered:
        rest = f"{reordered.group(2)} {reordered.group(1)}"
    if rest not in forms:
        forms.append(rest)
    return forms


COMPANY_SUFFIXES = frozenset(
    {"inc", "corp", "corporation", "co", "plc", "ltd", "llc", "lp", "l.p", "ag", "sa", "nv",
     "n.v", "gmbh", "bhd", "spa", "s.a", "limited", "incorporated", "cos"}
)


def place_name(name: str) -> str:
    """A place's display name: a country's own name, a US state's full name for its abbreviation."""
    folded = fold(name)
    return COUNTRY_NAMES.get(folded) or STATE_NAMES.get(folded) or canonical_name(name)
