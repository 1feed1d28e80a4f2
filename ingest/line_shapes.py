"""The shapes of single lines in article text: headings, banners, credits, bylines, date lines, teasers.

Each predicate looks at one line (or one paragraph's joined lines) and says what kind of page
furniture it reads as, from its length, final punctuation, title case and a general list of the
section headings news sites use. ``page_layout`` combines them with position on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.ingest.conventions import AGENCY_NAME, HEADLINE_MAX_WORDS, MONTH_NAME, WEEKDAY_NAME

SECTION_HEADINGS: tuple[str, ...] = (
    "add a comment", "add your comment", "advertisement", "advertising", "also read", "also see",
    "around the web", "continue reading", "continue reading below", "email this article",
    "email this story", "next page", "print this article", "print this story", "print version",
    "printer friendly version", "printer-friendly version", "scroll to continue",
    "send to a friend", "share this page", "story continues below",
    "story continues below advertisement", "top of page",
    "back to top", "breaking news", "comments", "don't miss", "editor's picks",
    "editors' picks", "editors picks", "email", "facebook", "featured", "featured stories",
    "follow us", "linkedin", "pinterest", "reddit", "telegram", "twitter", "whatsapp",
    "from the web", "further reading", "headlines", "home", "in other news", "in pictures",
    "latest", "latest headlines", "latest news", "latest stories", "leave a comment", "menu",
    "more from", "next article", "previous article", "next story", "previous story",
    "more like this", "more news", "more on this story", "more stories", "most popular",
    "most read", "most shared", "most viewed", "must read", "must reads", "navigation",
    "newsletter", "news", "popular", "print", "promoted stories", "read more", "read next",
    "recommended", "recommended for you", "recommended stories", "recommended to you",
    "related", "related articles", "related content", "related coverage", "related links",
    "related news", "related stories", "related topics", "see also", "share",
    "share this", "share this article", "share this story", "sign up", "skip to content",
    "sponsored", "sponsored content", "subscribe", "tags", "top news", "top picks",
    "top stories", "topics", "trending", "trending now", "what to read next",
    "you may also like", "you might also like", "you might be interested in",
)
# A wire-service or agency name alone closing an item ("Reuter"), maybe with stray dots or a
# "^M" left by a carriage return.
_TRAILER = re.compile(rf"\W*(?:{AGENCY_NAME})[\W_]*(?:\^M)?", re.IGNORECASE)
_heading_alternatives = "|".join(
    re.escape(heading).replace(r"\ ", r"\s+").replace("'", "['’]?")
    for heading in sorted(SECTION_HEADINGS, key=len, reverse=True)
)
# One or more headings run together ("You might also likeRELATED"), nothing else on the line.
_HEADING_LINE = re.compile(
    rf"(?:{_heading_alternatives})(?:[\s:|·•/–—-]*(?:{_heading_alternatives}))*[\s:|·•]*",
    re.IGNORECASE,
)
_BANNER = re.compile(
    r"\b(?:donat(?:e|es|ion|ions)|subscribe|newsletters?|mailing\s+list|"
    r"sign\s+up|follow\s+us|support\s+(?:us|our)|join\s+(?:us|our)|share\s+(?:this|on)\s+[A-Z]|"
    r"all\s+rights\s+reserved|cookies?\s+policy|privacy\s+policy|log\s*in|sign\s+in|"
    r"media\s+playback|video\s+(?:can\s*not|cannot)\s+be\s+played|click\s+to\s+enlarge)\b",
    re.IGNORECASE,
)
# An imperative at the start of a line, after an optional "LABEL - " prefix.
_CALL_TO_ACTION = re.compile(
    r"(?:[^\s]{1,30}\s+[-–—:]\s+)?(?:make|join|subscribe|sign|support|donate|follow|share|"
    r"get|help|give|register|click|download|log|media\s+playback)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"\([^()]{1,200}\b(?:is|are)\s+(?:produced|published|distributed|provided|"
    r"brought\s+to\s+you)\s+by\b.{0,400}\)\.?"
    # "This article was originally published on ...", "Reporting by ...; Editing by ...",
    # "... contributed to this report.", "Page 2 of 3"
    r"|this\s+(?:article|story|report)\s+(?:was|is|first)\s+(?:originally\s+|first\s+)?"
    r"(?:published|posted|produced|written|appeared)\b.{0,200}"
    r"|\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\s.{0,200}"
    r"|.{0,120}\bcontributed\s+to\s+this\s+(?:report|story|article)\.?\)?"
    r"|page\s+\d+\s+of\s+\d+",
    re.IGNORECASE,
)
_CONTACT_LINE = re.compile(
    r"(?:web\s?site|online|url|e-?mail|tel|phone|fax)\s*:\s*\S{4,}", re.IGNORECASE
)
# "Tags: Iran, Iraq", "Filed under: Middle East", "Source: AFP", "Read more: ...", "Comments (3)".
_LABELLED_LIST = re.compile(
    r"(?:tags|topics|categories|filed\s+under|keywords|source|sources|via)\s*:\s*[^.!?]{1,120}"
    r"|(?:read\s+more|read\s+next|see\s+also|also\s+read|related)\s*:\s*.{1,150}"
    r"|comments?\s*\(\d+\)|\d+\s+comments?",
    re.IGNORECASE,
)
_MORE_INFORMATION = re.compile(
    r"for\s+(?:more|further|additional|full)\s+(?:information|details|coverage)\b"
    r".{0,200}\b(?:see|visit|go\s+to|read|click|contact)\b.{0,200}",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(
    r"(?:photo|image|picture|photograph|video)(?:\s+(?:copyright|credit|caption|source))?\s*:\s*"
    r"[^.!?]{1,60}|(?:image|photo|picture)\s+(?:copyright|credit|source)\s+[^.!?]{1,60}"
    r"|(?:©|\(c\))?\s*copyright\s*(?:©|\(c\))?\s*\d{4}\b.{0,300}|(?:©|\(c\))\s*\d{4}\b.{0,300}",
    re.IGNORECASE,
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s*[»›|]\s*|\s+>\s+")
_LINK_TEXT = re.compile(r"[^\W\d][^\d.!?<>]{0,39}")
_GLUED_WORDS = re.compile(r"[a-z]{3}[A-Z]")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_DIGIT = re.compile(r"\d")
_CLOSERS = "\"'”’“‘)]»›*_ \t"
MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "de", "del", "der", "for", "from", "in", "into", "la", "le", "nor", "of", "off", "on", "onto", "or", "over", "per", "than", "the", "to", "up", "upon", "v", "via", "vs", "von", "with"]
)
_MONTHS = rf"{MONTH_NAME}\.?"
_YEAR = r"(?:1[6-9]|20)\d\d"
# A written date with its year ("Monday, November 28, 2005", "25 May 2007 10:00 GMT").
_DATE_TEXT = (
    rf"(?:{WEEKDAY_NAME}\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+{_YEAR}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|{_MONTHS}\s+{_YEAR}|{_YEAR}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/{_YEAR})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
)
_DATE = re.compile(rf"(?<!\w){_DATE_TEXT}(?!\w)", re.IGNORECASE)
_DATE_LINE = re.compile(
    rf"(?:(?:published|updated|posted|last\s+updated|date)(?:\s+on)?\s*:?\s*)?{_DATE_TEXT}",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_BYLINE = re.compile(
    rf"(?:(?:[Pp]osted|[Ww]ritten|[Rr]eported)\s+)?[Bb][Yy]\s+{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}}"
    r"(?:\s*(?:[,|•·–—-]|\s(?:at|on)\s).{0,80})?"
)

TEASER_MAX_WORDS = 60
PROSE_MIN_WORDS = 8
# Furniture lines are short; longer lines are never matched against furniture patterns.
FURNITURE_LINE_MAX_CHARS = 600


def words_of(content: str) -> list[str]:
    """The words of a text (letters first; numbers are not words)."""
    return _WORD.findall(content)


def digit_count(content: str) -> int:
    """How many digits a line holds (many digits make a table row or score, not a headline)."""
    return len(_DIGIT.findall(content))


def is_glued_menu(content: str) -> bool:
    """True for menu links run together without spaces ("WorldBusinessSport")."""
    return len(_GLUED_WORDS.findall(content)) >= 2


def is_wire_trailer(content: str) -> bool:
    """True for a line that is only an agency's name closing a wire item ("Reuter")."""
    return _TRAILER.fullmatch(content) is not None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: its offsets (without the newline) and its stripped content."""

    start: int
    end: int
    content: str

    @property
    def words(self) -> list[str]:
        """The line's words (letters first; numbers are not words)."""
        return _WORD.findall(self.content)


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets; blank lines have empty ``content``."""
    lines = []
    start = 0
    for raw in text.split("\n"):
        lines.append(Line(start, start + len(raw), raw.strip()))
        start += len(raw) + 1
    return lines


def ends_sentence(content: str) -> bool:
    """True when the line ends like a sentence (. ! ?), not like a teaser ("...")."""
    stripped = content.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ".!?" and not is_teaser(content)


def is_teaser(content: str) -> bool:
    """True when the line trails off with an ellipsis, as link-list teasers do."""
    stripped = content.rstrip(_CLOSERS)
    return stripped.endswith("...") or stripped.endswith("…")


def capitalised_share(words: list[str]) -> float:
    """Share of the words that are capitalised, ignoring minor words (title case is near 1)."""
    major = [word for word in words if word.lower() not in MINOR_WORDS]
    if not major:
        return 0.0
    return sum(1 for word in major if word[0].isupper()) / len(major)


def is_date_line(content: str) -> bool:
    """True when the whole line is a date ("25 May 2007", "Published: March 3, 1987 10:00")."""
    return len(content) <= 80 and _DATE_LINE.fullmatch(content.strip(" .")) is not None


def date_text_in(content: str) -> str | None:
    """The written date in a date line or byline ("By Jane Doe | May 25, 2007"), if any."""
    if not (is_date_line(content) or is_byline(content)):
        return None
    match = _DATE.search(content)
    return match.group(0) if match else None


def is_byline(content: str) -> bool:
    """True when the whole line is a byline ("By Jane Smith, Reuters")."""
    return len(content) <= 120 and _BYLINE.fullmatch(content) is not None


def is_heading(content: str) -> bool:
    """True when the line is only one or more known section headings ("Latest news")."""
    return (
        0 < len(content) <= FURNITURE_LINE_MAX_CHARS
        and _HEADING_LINE.fullmatch(content) is not None
    )


def is_breadcrumb_line(content: str) -> bool:
    """True for three or more short link texts joined by separators ("Home » World » Iran")."""
    if len(content) > FURNITURE_LINE_MAX_CHARS:
        return False
    parts = _BREADCRUMB_SEPARATOR.split(content)
    return len(parts) >= 3 and all(_LINK_TEXT.fullmatch(part) for part in parts)


def is_banner(line: Line) -> bool:
    """True for a short newsletter, donation, subscription or sharing banner line.

    A sentence or headline that merely mentions a newsletter stays text; a banner is a few
    words ("Privacy policy") or calls on the reader (an imperative or an exclamation).
    """
    if len(line.content) > FURNITURE_LINE_MAX_CHARS or len(line.words) > 15:
        return False
    if _BANNER.search(line.content) is None:
        return False
    return (
        len(line.content.split()) <= 3
        or line.content.rstrip(_CLOSERS).endswith("!")
        or _CALL_TO_ACTION.match(line.content) is not None
    )


def is_credit(content: str) -> bool:
    """True for credit, contact, "for more information", picture-credit and tag lines."""
    return len(content) <= FURNITURE_LINE_MAX_CHARS and any(
        pattern.fullmatch(content) is not None
        for pattern in (_CREDIT, _CONTACT_LINE, _MORE_INFORMATION, _CAPTION_CREDIT, _LABELLED_LIST)
    )


def is_headline_shaped(line: Line) -> bool:
    """True for a short line that reads like a headline or link, not like a sentence."""
    words = line.words
    if not words or len(words) > HEADLINE_MAX_WORDS:
        return False
    if len(_DIGIT.findall(line.content)) > len(line.content) // 4:
        return False  # numbers and tables, not headlines
    return not ends_sentence(line.content) or capitalised_share(words) >= 0.75


def is_prose(content: str, words: list[str]) -> bool:
    """True for a body paragraph: enough words, a sentence ending and not a title-case line."""
    return (
        len(words) >= PROSE_MIN_WORDS
        and ends_sentence(content)
        and (len(words) > HEADLINE_MAX_WORDS or capitalised_share(words) < 0.75)
    )

