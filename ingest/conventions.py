"""How news copy is written: month and weekday names, news agencies, datelines and headlines.

The one source of these conventions for all of ingest. Furniture detection, metadata, dates,
actors and events each used to keep their own copy, and the copies had drifted apart (two
headline lengths, two agency lists, four month patterns); every rule about the shape of news
text that more than one step needs lives here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Month names and abbreviations, lower case, to their number ("sept" is a common wire spelling).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Weekday names and abbreviations, lower case, to their number (0 = Monday).
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
# Honorifics before a name ("Mr Blair"), lower case, with and without the dot.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms.", "dr", "dr.", "sir", "madam"})
# Religious, royal, military and honorary titles that come before a name and are not part of it
# ("Sheikh Ali al-Khalifa al-Sabah", "Ayatollah Ruhollah Khomeini", "Gen. Ziaul Haq"); after one,
# the given name alone is how news refers to the person again ("Ali said"). Job titles
# ("Spokesman", "Prime Minister") become dated roles instead (``roles``).
NAME_TITLES = frozenset(
    # Words that are also ordinary title parts ("Secretary General", "Major League", "Field Marshal")
    # or common words ("Father", "Count") are left out: only their abbreviations are here.
    {"sheikh", "sheik", "shaikh", "ayatollah", "hojatoleslam", "imam", "mullah", "emir", "amir", "sultan",
     "king", "queen", "prince", "princess", "pope", "cardinal", "archbishop", "bishop", "rabbi",
     "reverend", "rev", "gen", "lieutenant", "lt", "colonel", "col", "maj", "captain", "capt",
     "admiral", "adm", "sergeant", "sgt", "brigadier", "brig", "lord", "lady", "dame", "baroness",
     "baron", "duke", "duchess"}
)
# Articles that open a name's span without belonging to the name ("the State Department").
DETERMINERS = frozenset({"the", "a", "an"})
# News agencies named in datelines, credits, bylines and closing trailers, by the spellings used there.
AGENCIES: dict[str, str] = {
    "afp": "AFP", "ap": "AP", "reuter": "Reuters", "reuters": "Reuters", "upi": "UPI",
    "dpa": "dpa", "xinhua": "Xinhua", "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo",
    "tass": "TASS", "itar-tass": "ITAR-TASS", "pti": "PTI", "bloomberg": "Bloomberg",
    "anadolu": "Anadolu", "yonhap": "Yonhap",
}


def _alternatives(names: Iterable[str]) -> str:
    """A regex alternation of names, longest first, each capitalised ("September|Sept|Sep|...")."""
    return "|".join(name.capitalize() for name in sorted(names, key=lambda name: (-len(name), name)))


# A month name or abbreviation, capitalised (match case-insensitively where case varies), no dot.
MONTH_NAME = rf"(?:{_alternatives(MONTHS)})"
# A weekday name or abbreviation, capitalised, no dot.
WEEKDAY_NAME = rf"(?:{_alternatives(WEEKDAYS)})"
# The three-letter start of every month name, lower case ("jan|feb|...").
MONTH_PREFIX = "|".join(dict.fromkeys(name[:3] for name in MONTHS))
# A full weekday name ("Monday").
FULL_WEEKDAY_NAME = "|".join(name.capitalize() for name in WEEKDAYS if name.endswith("day"))
AGENCY_NAME = "|".join(re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True))

# Dashes that close a dateline: "--", "-", "–" or "—".
DATELINE_DASH = r"(?:--|[-–—])"
# ", March 3", ", Nov 28, 2005" and an agency in brackets, each optional, as datelines write them.
_DATELINE_DATE = (
    rf"(?:,?[ ](?P<month>{MONTH_NAME})\.?[ ](?P<day>\d{{1,2}})(?:,?[ ](?P<year>\d{{4}}))?)?"
    r"(?:[ ]\((?P<agency>[A-Za-z][A-Za-z-]{1,12})\))?"
)
# A metadata dateline in capitals: "WASHINGTON, Nov 28 (AFP) –", "MOSCOW, March 3 -", "NEW YORK
# (Reuters) -", at the start of a line or after a first sentence.
UPPER_DATELINE = re.compile(
    r"(?:(?<=^)|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?]”\s)|(?<=[.!?]\"\s))[ \t]*"
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3})"
    r"(?:,[ ](?P<region>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?))?"
    rf"{_DATELINE_DATE}[ ]?{DATELINE_DASH}[ ]"
)
# A metadata dateline in title case: "Washington -- ", "Gulf Wire: Basra, Iraq, May 27 – ", at
# the start of a line.
TITLED_DATELINE = re.compile(
    r"(?:(?<=^)|(?<=\n))[ \t]*"
    r"(?:(?P<source>[A-Z][\w&.'’-]*(?:[ ][A-Z][\w&.'’-]*){0,3}):[ ])?"
    r"(?P<place>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})"
    r"(?:,[ ](?P<region>[A-Z][a-z.]+(?:[ ][A-Z][a-z.]+)?)(?=,))?"
    rf"{_DATELINE_DATE}[ ]?(?:--|—|–)[ ]"
)
# A wire dateline's place and date, dash or not, at the start of a line or sentence:
# PLACE[, STATE], Month Day ("PITTSBURGH, Feb 26", "ROSEMONT, ILL., March 18"). Actors take
# the place from it; a paragraph opening with one is never a headline.
WIRE_DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?]\s))\s*([A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,3})"
    rf"(?:,\s*([A-Z][A-Za-z]{{1,12}}\.?))?,?\s+{MONTH_NAME}\.?\s+\d{{1,2}}\b"
)
# A month name closing a place entity that swallowed a dateline's date ("HOUSTON, Feb").
TRAILING_MONTH = re.compile(rf",?\s+{MONTH_NAME}\.?$")
# The dateline opening a sentence, up to and with its dash ("Iran Focus: LONDON, Feb 26 (AFP) - ").
SENTENCE_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w .&'’]{1,30}:\s*)?"  # an optional source label ("Iran Focus:")
    r"[A-Z][A-Za-z.'’]*(?: (?:[A-Z][A-Za-z.'’]*|de|da|del|la|le|of|upon|am|an)){0,5}"  # a place: capitalised words
    r"(?:,[^-–—\n(]{1,25})?(?:\s*\([^)\n]{1,20}\))?\s*(?:-|–|—|--)\s*"  # ends at a "--"'s first dash
)
# Around a date: a place and comma before it, and an agency and dash after it, make it a dateline's.
DATELINE_BEFORE_DATE = re.compile(r"(?:^|\n|[.!?:]\s)\s*[A-Z][A-Za-z.'’ -]{1,40},\s*$")
DATELINE_AFTER_DATE = re.compile(rf"^\s*(?:\([^)\n]{{1,30}}\))?\s*{DATELINE_DASH}")

# A headline (or a link, teaser or label) is at most this many words and has no closing stop.
HEADLINE_MAX_WORDS = 20
# A blank line between paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A closing quote or bracket ends a paragraph only after a stop: "Tautou 'to star in Da Vinci film'"
# is a headline.
_PARAGRAPH_END = re.compile(r"[.!?:…][\"'“”‘’)\]]*\s*$")


def headline_ranges(text: str) -> list[tuple[int, int]]:
    """Short paragraphs without closing punctuation (headlines, teasers, labels), as character ranges.

    A paragraph opening with a wire dateline is news, however short.
    """
    ranges: list[tuple[int, int]] = []
    position = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        paragraph = text[position:end]
        if (
            paragraph.strip()
            and not _PARAGRAPH_END.search(paragraph.rstrip())
            and len(paragraph.split()) <= HEADLINE_MAX_WORDS
            and not WIRE_DATELINE.match(paragraph)
        ):
            ranges.append((position, end))
        position = match.end() if match else len(text)
    return ranges
