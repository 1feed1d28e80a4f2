"""Dating an event: the time expression's tokens, the clause it modifies and that clause's tense.

A DATE entity is cut to its date part and followed up the parse to the verb it modifies (or
the event noun it dates: "the invasion in 2003"); the verb's tense says which way a yearless
date leans. Dates of datelines, clock times ("by 1650 GMT") and bare four-digit numbers far
before publication (prices, index levels) are not event dates; a year alone before the article's
own year (or in an undated article) dates background, not an event.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dossier.ingest.conventions import DATELINE_AFTER_DATE, DATELINE_BEFORE_DATE, MONTHS, SENTENCE_DATELINE, WEEKDAYS
from dossier.ingest.dates import Tense, date_prefix
from dossier.ingest.event_kinds import EVENT_NOUNS
from dossier.ingest.nlp import verb_lemma
from dossier.store.partial_dates import precision

# "By 1650 GMT", "from 1700 local time": a four-digit clock time that looks like a year.
_CLOCK_TIME_AFTER = re.compile(
    r"(?:\s*(?:-|to|and)\s*\d{3,4})?"  # "from 1700 to 2100 local time"
    r"\s*(?:GMT|UTC|BST|CET|[ECMP][SD]T|ET|hours?|hrs|local\s+time|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+time)\b"
)
_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?")
_YEAR_TOKEN = re.compile(r"1[5-9]\d\d|20\d\d")
# A bare four-digit number read as a year this long before publication is far more often a
# price, an index level, a street number or a clock time than history the article recounts.
BARE_YEAR_HORIZON = 150
OLDEST_BARE_YEAR = 1800
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_FUTURE_HEADS = frozenset({"schedule", "plan", "expect", "due", "set", "go", "intend", "prepare"})
_FUTURE_MODALS = frozenset({"must", "should", "may", "might", "ought", "need"})
_PERFECT_AUXILIARIES = frozenset({"has", "have", "'ve", "’ve", "had", "'d", "’d"})
_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "before"})
_SCHEDULING_VERBS = frozenset({"schedule", "set", "plan", "slate", "fix", "due", "book"})


def date_tokens(entity: SpacySpan) -> list[Token]:
    """The tokens of a DATE entity's date part ("May 3-4" of "May 3-4 Iraq Neighbors' Conference"),
    with what the model left out of it: the day after a month ("Tuesday, May" + "9"), the date after a
    weekday ("Monday" + ", Dec 7")."""
    length = len(date_prefix(entity.text))
    tokens = [token for token in entity if token.idx - entity.start_char < length] or list(entity)
    if tokens[-1].i == entity.end - 1:
        tokens += _left_out_day(tokens[-1])
    return tokens


def _left_out_day(last: Token) -> list[Token]:
    """What the model left out after a DATE entity: the day (and ", YEAR") after a month name, or
    ", MONTH DAY" after a weekday ("Monday" + ", Dec 7": the weekday and its date are one expression)."""
    doc = last.doc
    following = list(doc[last.i + 1 : last.i + 6])
    words = [token.text for token in following]
    if last.lower_.rstrip(".") in WEEKDAYS and len(words) >= 3 and words[0] == "," and words[1].lower().rstrip(".") in MONTHS:
        if _DAY.fullmatch(words[2]):
            return [following[0], following[1], *_left_out_day(following[1])]
        return []
    if last.lower_.rstrip(".") not in MONTHS or not words or not _DAY.fullmatch(words[0]):
        return []
    if len(words) >= 3 and words[1] == "," and _YEAR_TOKEN.fullmatch(words[2]):
        return following[:3]
    return following[:1]


def dateline_end(text: str, sentence: SpacySpan) -> int:
    """Where a sentence of the document ``text`` (its ``Doc.text``) has its dateline ("LONDON, Feb 26 -",
    "Washington --") end; its start if it has none."""
    match = SENTENCE_DATELINE.match(text[sentence.start_char : sentence.end_char])
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
        if token.tag_.startswith("NN") and token.lower_ in EVENT_NOUNS:
            return token, True
    return token, not token.tag_.startswith("VB")


def tense(verb: Token) -> Tense:
    """"future", "past" or None (present, unknown) for the clause a verb heads.

    Future: "will"/"shall" or a modal of obligation or possibility ("must be exercised by June
    22", "should", "may", "might"); a planning verb with its complement ("plans to meet"). Past: a past-tense verb or
    auxiliary ("met", "was held", "had agreed"), a present perfect ("has met"), a bare participle
    ("talks held on March 3"). A present passive ("is set for Thursday") and "would"/"could" are
    neither: the nearer date wins.
    """
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    for token in chain:
        if _auxiliaries(token) & (_FUTURE_AUXILIARIES | _FUTURE_MODALS):
            return "future"
        if verb_lemma(token.text) in _FUTURE_HEADS and any(c.dep_ == "xcomp" for c in token.children):
            return "future"
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ == "VBN":
        if words & _PERFECT_AUXILIARIES or not auxiliaries:
            return "past"
        return None  # "is set", "are held": a present passive
    return None


def _auxiliaries(token: Token) -> set[str]:
    """The auxiliary words of a verb, lower-cased ("will", "must", "be" of "must be exercised")."""
    return {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}


def leaning(tokens: list[Token], head: Token, nominal: bool) -> Tense:
    """Which way a yearless date in a sentence leans from publication: the tense of the clause it
    dates (for an event noun, of the clause the noun sits in); forward for an infinitive under a
    verb that is not past ("wants to meet on ..."), a deadline ("by March 3", "until", "before")
    or a date something is set for ("set for Thursday, March 19") in a clause that is not past."""
    verb: Token | None = head
    if nominal:
        verb = next((t for t in head.ancestors if t.tag_.startswith("VB")), None)
    clause = tense(verb) if verb is not None else None
    preposition = _preposition(tokens)
    if preposition == "for" and verb is not None and verb_lemma(verb.text) in _SCHEDULING_VERBS:
        # the date of what was scheduled, not of the scheduling: "had been set for May 14" may lie ahead
        return None if clause == "past" else "future"
    if clause is not None:
        return clause
    if verb is not None and verb.tag_ == "VB" and "to" in _auxiliaries(verb):
        governing = verb.head if verb.head.i != verb.i and verb.head.tag_.startswith("VB") else None
        if governing is None or tense(governing) != "past":
            return "future"  # an infinitive comes after the verb it depends on ("wants to meet on ...")
    if preposition in _DEADLINE_PREPOSITIONS:
        return "future"
    return None


def _preposition(tokens: list[Token]) -> str | None:
    """The preposition that introduces a time expression ("by" of "by March 3"), lower-cased."""
    inside = {token.i for token in tokens}
    top = next((t for t in tokens if t.head.i not in inside), tokens[0])
    return top.head.lower_ if top.head.i != top.i and top.head.dep_ == "prep" else None


def is_attribute_date(tokens: list[Token]) -> bool:
    """True for a date that only describes a thing ("for June shipment", "April 14/30 delivery"):
    it modifies a noun that is no event, so it dates no clause."""
    inside = {token.i for token in tokens}
    top = next((t for t in tokens if t.head.i not in inside), tokens[0])
    if top.dep_ not in ("compound", "nmod", "amod", "nummod") or top.head.i == top.i:
        return False
    noun = top.head
    while noun.dep_ in ("compound", "nmod", "poss") and noun.head.i != noun.i and noun.head.tag_.startswith("NN"):
        noun = noun.head  # to the head of the noun phrase ("Conference" of "May 3-4 Iraq Neighbors' Conference")
    return noun.tag_ in ("NN", "NNS") and noun.lower_ not in EVENT_NOUNS


def is_due_date(tokens: list[Token]) -> bool:
    """True for the date a thing is due ("debentures due 2012", "a eurobond due April 24, 1990",
    "options due to mature in April", "jets due to enter service from 1990"): the term of a security
    or the schedule of a thing, not an event. Only where "due" describes a noun, not a predicate
    ("Reagan is due to visit Moscow on May 3" keeps its event)."""
    inside = {token.i for token in tokens}
    token = next((t for t in tokens if t.head.i not in inside), tokens[0])
    for _ in range(4):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ == "due":
            return token.dep_ not in ("acomp", "ROOT", "xcomp", "ccomp", "conj")
        if token.tag_.startswith("NN") and token.ent_type_ != "DATE":
            return False
    return False


def is_background(date: str, anchor: str | None) -> bool:
    """Whether a date that gives a year and nothing finer ("in 1994", "last year") dates history the
    article recounts rather than what it reports: a year before the article's own, or any such year
    when the article has no date to tell its present from its past."""
    return precision(date) == "year" and (anchor is None or date < anchor[:4])


def implausible_bare_year(expression: str, date: str, anchor: str | None) -> bool:
    """Whether a lone four-digit number lies too far before publication to be read as a year."""
    if not (expression.isdigit() and len(expression) == 4 and date == expression):
        return False
    oldest = int(anchor[:4]) - BARE_YEAR_HORIZON if anchor else OLDEST_BARE_YEAR
    return int(date) < oldest
