"""Dating an event: the time expression's tokens, the clause it modifies and that clause's tense.

A DATE entity is cut to its date part and followed up the parse to the verb it modifies (or
the event noun it dates: "the invasion in 2003"); the verb's tense says which way a yearless
date leans. Dates of datelines, clock times ("by 1650 GMT") and bare four-digit numbers far
before publication (prices, index levels) are not event dates.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dossier.ingest.conventions import DATELINE_AFTER_DATE, DATELINE_BEFORE_DATE, SENTENCE_DATELINE
from dossier.ingest.dates import Tense, date_prefix
from dossier.ingest.event_kinds import TRIGGERS
from dossier.ingest.nlp import verb_lemma

# "By 1650 GMT", "from 1700 local time": a four-digit clock time that looks like a year.
_CLOCK_TIME_AFTER = re.compile(
    r"(?:\s*(?:-|to|and)\s*\d{3,4})?"  # "from 1700 to 2100 local time"
    r"\s*(?:GMT|UTC|BST|CET|[ECMP][SD]T|ET|hours?|hrs|local\s+time|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+time)\b"
)
# A bare four-digit number read as a year this long before publication is far more often a
# price, an index level, a street number or a clock time than history the article recounts.
BARE_YEAR_HORIZON = 150
OLDEST_BARE_YEAR = 1800
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_FUTURE_HEADS = frozenset({"schedule", "plan", "expect", "due", "set", "go", "intend", "prepare"})


def date_tokens(entity: SpacySpan) -> list[Token]:
    """The tokens of a DATE entity's date part ("May 3-4" of "May 3-4 Iraq Neighbors' Conference")."""
    length = len(date_prefix(entity.text))
    return [token for token in entity if token.idx - entity.start_char < length] or list(entity)


def dateline_end(sentence: SpacySpan) -> int:
    """Where a sentence's dateline ("LONDON, Feb 26 -", "Washington --") ends; its start if it has none."""
    match = SENTENCE_DATELINE.match(sentence.text)
    return sentence.start_char + (match.end() if match else 0)


def is_dateline(masked: str, start: int, end: int) -> bool:
    """True for the date of a dateline ("WASHINGTON, Nov 28 (AFP) -"): the filing date, not an event."""
    before = masked[max(0, start - 45) : start]
    return bool(DATELINE_BEFORE_DATE.search(before) and DATELINE_AFTER_DATE.match(masked[end : end + 40]))


def is_clock_time(masked: str, end: int) -> bool:
    """True when a four-digit number ending at ``end`` is followed by a time zone or "hours": a clock time."""
    return _CLOCK_TIME_AFTER.match(masked, end) is not None


def governor(tokens: list[Token]) -> tuple[Token, bool]:
    """The verb a time expression modifies, or the event noun it dates; and whether it is a noun."""
    inside = {token.i for token in tokens}
    token = next((t for t in tokens if t.head.i not in inside), tokens[0])
    while token.head.i != token.i:
        token = token.head
        if token.i in inside:
            continue
        if token.tag_.startswith("VB"):
            return token, False
        if token.tag_.startswith("NN") and TRIGGERS.get(token.lower_) not in (None, "statement"):
            return token, True
    return token, not token.tag_.startswith("VB")


def tense(verb: Token) -> Tense:
    """"future", "past" or None (present, unknown) for the clause a verb heads."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    for token in chain:
        if any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUXILIARIES for child in token.children):
            return "future"
        if verb_lemma(token.text) in _FUTURE_HEADS and any(c.dep_ == "xcomp" for c in token.children):
            return "future"
    if any(token.tag_ in ("VBD", "VBN") for token in chain[:1]):
        return "past"
    if any(child.tag_ == "VBD" and child.dep_ in ("aux", "auxpass") for child in verb.children):
        return "past"
    return None


def implausible_bare_year(expression: str, date: str, anchor: str | None) -> bool:
    """Whether a lone four-digit number lies too far before publication to be read as a year."""
    if not (expression.isdigit() and len(expression) == 4 and date == expression):
        return False
    oldest = int(anchor[:4]) - BARE_YEAR_HORIZON if anchor else OLDEST_BARE_YEAR
    return int(date) < oldest
