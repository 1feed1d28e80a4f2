"""Finding page furniture (navigation, link lists, banners, credits, wire trailers) in article text.

Scraped pages carry text that is not the article: breadcrumbs and section labels above the
headline, "Latest news"-style link lists, newsletter and donation banners, credit lines and wire
trailers. ``detect_furniture`` marks them as character spans from the shape of lines (length,
final punctuation, title case, "..." teasers), a general list of the section headings news sites
use, and position (before the headline, after the last body paragraph). Body paragraphs are never
marked. ``mask_for_nlp`` blanks the furniture out for the language model without moving offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

# Headings that news sites put above link lists, sidebars and banners (lower case, no punctuation).
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
# Wire services and agencies whose name alone closes an item ("Reuter").
WIRE_TRAILERS: tuple[str, ...] = (
    "reuter", "reuters", "afp", "ap", "upi", "dpa", "xinhua", "efe", "ansa", "kyodo",
    "tass", "itar-tass", "pti", "bloomberg",
)

# An agency name alone, maybe with stray dots or a "^M" left by a carriage return.
_TRAILER = re.compile(
    rf"\W*(?:{'|'.join(re.escape(name) for name in WIRE_TRAILERS)})[\W_]*(?:\^M)?",
    re.IGNORECASE,
)
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
_INLINE_POINTER = re.compile(
    r"\((?:see|read|click)\s+(?:the\s+)?(?:related|also|more|full)\b[^()\n]{0,80}\)",
    re.IGNORECASE,
)
# Separators between the links of a breadcrumb: "|", "»", "›" or a spaced ">".
_BREADCRUMB_SEPARATOR = re.compile(r"\s*[»›|]\s*|\s+>\s+")
_LINK_TEXT = re.compile(r"[^\W\d][^\d.!?<>]{0,39}")
_GLUED_WORDS = re.compile(r"[a-z]{3}[A-Z]")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_DIGIT = re.compile(r"\d")
_CLOSERS = "\"'”’“‘)]»›*_ \t"
_MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "de", "del", "der", "for", "from", "in", "into", "la", "le", "nor", "of", "off", "on", "onto", "or", "over", "per", "than", "the", "to", "up", "upon", "v", "via", "vs", "von", "with"]
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:1[6-9]|20)\d\d"
# A written date with its year ("Monday, November 28, 2005", "25 May 2007 10:00 GMT").
_DATE_TEXT = (
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
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

HEADLINE_MAX_WORDS = 20
TEASER_MAX_WORDS = 60
PROSE_MIN_WORDS = 8
# Furniture lines are short; longer lines are never matched against furniture patterns.
FURNITURE_LINE_MAX_CHARS = 600
# Lines considered for the headline: a page's top never holds more labels than this.
HEADLINE_CANDIDATES = 40
# An unwrapped paragraph line is longer than this; wire copy is wrapped well below it.
LONG_LINE_CHARS = 150


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
    major = [word for word in words if word.lower() not in _MINOR_WORDS]
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


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph: a run of non-blank lines between blank lines."""

    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        """Offset of the block's first character."""
        return self.lines[0].start

    @property
    def end(self) -> int:
        """Offset just past the block's last character."""
        return self.lines[-1].end

    def content_without(self, excluded: set[Line]) -> str:
        """The block's lines joined by spaces, leaving out ``excluded`` lines."""
        return " ".join(line.content for line in self.lines if line not in excluded)


class PageLayout:
    """Where one text's headline, body and furniture lie, from line shapes and position."""

    def __init__(self, text: str) -> None:
        self.text = text
        all_lines = split_lines(text)
        self.lines = [line for line in all_lines if line.content]
        self.line_paragraphs = _one_paragraph_per_line(all_lines, self.lines)
        if self.line_paragraphs:
            self.blocks = [Block((line,)) for line in self.lines]
        else:
            self.blocks = _blocks(all_lines)

    @cached_property
    def trailer(self) -> Line | None:
        """The closing wire-service line ("Reuter"), if the text ends with one."""
        if len(self.lines) > 1:
            last = self.lines[-1]
            if _TRAILER.fullmatch(last.content):
                return last
        return None

    @cached_property
    def body_blocks(self) -> list[Block]:
        """Paragraphs that read as body prose (a trailing wire trailer aside), not banners or credits."""
        excluded = {self.trailer} if self.trailer else set()
        prose = []
        for block in self.blocks:
            content = block.content_without(excluded)
            if (
                is_prose(content, _WORD.findall(content))
                and not is_credit(content)
                and not is_banner(Line(block.start, block.end, content))
            ):
                prose.append(block)
        return prose

    @cached_property
    def pattern_lines(self) -> list[Line]:
        """Furniture recognised wherever it is: headings, banners, credits, breadcrumbs, trailer.

        Lines inside body paragraphs are never matched one by one (a wrapped line of a body
        paragraph may well read "share on"); whole paragraphs are matched as credits or banners.
        """
        body = {line for block in self.body_blocks for line in block.lines}
        marked: dict[Line, None] = {self.trailer: None} if self.trailer else {}
        for block in self.blocks:
            content = block.content_without(set(marked) & set(block.lines))
            whole = Line(block.start, block.end, content)
            if content and (is_credit(content) or is_banner(whole)):
                marked.update(dict.fromkeys(block.lines))
                continue
            # Inside a paragraph, a heading counts only where a list begins: at its first
            # line or under other furniture ("...marks a" + newline + "share" is a wrapped headline).
            previous_marked = True
            for line in block.lines:
                if line in body or line in marked:
                    previous_marked = line in marked
                    continue
                matched = (
                    (is_heading(line.content) and previous_marked)
                    or is_credit(line.content)
                    or is_banner(line)
                    or is_breadcrumb_line(line.content)
                )
                if matched:
                    marked[line] = None
                previous_marked = matched
        return list(marked)

    @cached_property
    def headline(self) -> Line | None:
        """The headline: the first one-line paragraph above the body that is not a label.

        Breadcrumbs, date lines, bylines and pattern furniture are never the headline; a short
        title-case label ("Weapons of Mass Destruction (WMD)") or a menu of capitalised words is
        passed over when a real headline follows it (see ``_yields_to_later_headline``).
        """
        body_start = self.body_blocks[0].start if self.body_blocks else None
        marked = set(self.pattern_lines)
        single_lines = {block.lines[0] for block in self.blocks if len(block.lines) == 1}
        # The first line may run straight into the body (wire copy without a blank line).
        first_line = self.lines[0] if self.lines and is_headline_shaped(self.lines[0]) else None
        candidates = [
            line
            for line in self.lines
            if (
                line is first_line
                or (line in single_lines and (body_start is None or line.start < body_start))
            )
            and line not in marked
            and not is_date_line(line.content)
            and not is_byline(line.content)
        ]
        candidates = candidates[:HEADLINE_CANDIDATES]
        candidates = [
            line
            for index, line in enumerate(candidates)
            if not _is_breadcrumb(line, candidates[index + 1 :])
        ]
        for index, line in enumerate(candidates):
            if not _is_label(line) or not _yields_to_later_headline(line, candidates[index + 1 :]):
                return line
        return None

    @cached_property
    def furniture_lines(self) -> list[Line]:
        """Whole lines that are furniture, in text order."""
        marked = set(self.pattern_lines)
        marked.update(self._above_headline())
        marked.update(self._link_lists())
        marked.update(self._after_body())
        return sorted(marked, key=lambda line: line.start)

    def _above_headline(self) -> list[Line]:
        """Labels, breadcrumbs and banners above the headline (date lines and bylines stay)."""
        if self.headline is None or not self.body_blocks:
            return []
        return [
            line
            for line in self.lines
            if line.start < self.headline.start
            and not is_date_line(line.content)
            and not is_byline(line.content)
        ]

    def _link_lists(self) -> list[Line]:
        """Each section heading and the run of headlines and teasers listed under it.

        A teaser is a line ending in "..." or, between two listed headlines (or a headline
        and the end of the page), a one-line paragraph of a sentence or two.
        """
        in_body = {line for block in self.body_blocks for line in block.lines}
        single_lines = {block.lines[0] for block in self.blocks if len(block.lines) == 1}
        marked: list[Line] = []
        in_list = False
        previous_listed: Line | None = None
        for index, line in enumerate(self.lines):
            following = self.lines[index + 1] if index + 1 < len(self.lines) else None
            if line == self.headline or is_date_line(line.content) or is_byline(line.content):
                in_list = False  # a list never runs into the article's own head
            elif is_heading(line.content):
                in_list = True
            elif (in_list and line not in in_body and (
                (is_teaser(line.content) and len(line.words) <= TEASER_MAX_WORDS)
                or is_headline_shaped(line)
            )) or (
                in_list
                and line in single_lines
                and len(line.words) <= TEASER_MAX_WORDS
                and previous_listed is not None
                and is_headline_shaped(previous_listed)
                and (
                    following is None
                    or is_heading(following.content)
                    or is_headline_shaped(following)
                )
            ):
                marked.append(line)
            else:
                in_list = False
            previous_listed = marked[-1] if marked and marked[-1] is line else None
        return marked

    def _after_body(self) -> list[Line]:
        """Headline-like lines and teasers after the body, once furniture has begun there.

        Past the last body paragraph and the first heading, banner or credit after it, the
        rest of a page is sidebars and footers; lines still reading as sentences, and lists
        of names (sports line-ups), stay.
        """
        if not self.body_blocks:
            return []
        last_body_end = self.body_blocks[-1].end
        tail_furniture = [line for line in self.pattern_lines if line.start > last_body_end]
        if tail_furniture:
            furniture_start = min(line.start for line in tail_furniture)
            return [
                line
                for line in self.lines
                if line.start > furniture_start
                and (is_teaser(line.content) or _is_link_text(line))
            ]
        return self._trailing_links(last_body_end)

    def _trailing_links(self, last_body_end: int) -> list[Line]:
        """A closing run of three or more one-line links (and teasers) after the body.

        Without a heading over them, only a run that ends the page counts, and only of
        sentence-case headlines: title-case runs are as often fixtures, rankings or awards.
        """
        single_lines = {block.lines[0] for block in self.blocks if len(block.lines) == 1}
        run: list[Line] = []
        for line in reversed(self.lines):
            if line.start <= last_body_end or line not in single_lines:
                break
            if not (
                is_teaser(line.content)
                or (_is_link_text(line)
                and len(line.words) >= 3
                and capitalised_share(line.words) < 0.75)
            ):
                break
            run.append(line)
        links = [line for line in run if not is_teaser(line.content)]
        return run if len(links) >= 3 else []


def _one_paragraph_per_line(all_lines: list[Line], content_lines: list[Line]) -> bool:
    """True for text with unwrapped paragraphs on lines of their own and few blank lines.

    Some extractors put every paragraph, heading and link on its own line without blank lines
    between them; each line is then a paragraph. Wire copy wrapped at a fixed width is not.
    """
    if len(content_lines) < 3:
        return False
    blank = len(all_lines) - len(content_lines)
    long_lines = sum(1 for line in content_lines if len(line.content) > LONG_LINE_CHARS)
    return blank * 5 < len(content_lines) and long_lines * 10 >= len(content_lines) * 3


def _blocks(lines: list[Line]) -> list[Block]:
    """Group lines into paragraphs separated by blank lines."""
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        if line.content:
            current.append(line)
        elif current:
            blocks.append(Block(tuple(current)))
            current = []
    if current:
        blocks.append(Block(tuple(current)))
    return blocks


def _is_link_text(line: Line) -> bool:
    """True for a headline-like line with no final stop that is not a list of names."""
    return (
        is_headline_shaped(line)
        and line.content[0].isalnum()
        and not ends_sentence(line.content)
        and line.content.count(",") <= 1
    )


def _is_label(line: Line) -> bool:
    """True for a section label or menu: a short title-case line, or capitalised words only."""
    words = line.words
    share = capitalised_share(words)
    if len(words) <= 5:
        return share >= 0.75
    return share == 1.0 and not any(word.lower() in _MINOR_WORDS for word in words)


def _yields_to_later_headline(label: Line, later: list[Line]) -> bool:
    """True when a later line is surely the headline rather than the label.

    A headline has at least four words, few digits and no final full stop; it wins when it
    comes right after the label (date lines and bylines aside), when it is in title case, or
    when the label is one or two words.
    """
    for index, line in enumerate(later):
        if (
            _is_label(line)
            or len(line.words) < 4
            or ends_sentence(line.content)
            or len(_DIGIT.findall(line.content)) * 10 > len(line.content)
        ):
            continue
        if (
            index == 0
            or len(label.content.split()) <= 2
            or capitalised_share(line.words) >= 0.75
        ):
            return True
    return False


def _is_breadcrumb(line: Line, later: list[Line]) -> bool:
    """True for a navigation line: links glued together, or ending in a later line's text."""
    if len(_GLUED_WORDS.findall(line.content)) >= 2:
        return True
    return any(
        other.content != line.content and line.content.endswith(other.content)
        for other in later
    )


@lru_cache(maxsize=2)
def page_layout(text: str) -> PageLayout:
    """The layout of ``text``, kept for the last two texts (furniture and metadata share it)."""
    return PageLayout(text)


def detect_furniture(text: str) -> list[tuple[int, int]]:
    """Page furniture in ``text`` as sorted, non-overlapping ``(start, end)`` character spans."""
    layout = page_layout(text)
    spans = [(line.start, line.end) for line in layout.furniture_lines]
    furniture_lines = {(line.start, line.end) for line in layout.furniture_lines}
    for line in layout.lines:
        if (line.start, line.end) in furniture_lines:
            continue
        for match in _INLINE_POINTER.finditer(text, line.start, line.end):
            spans.append((match.start(), match.end()))
    return _merge(spans, text)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sort spans and join those that touch or are separated only by whitespace."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mask_for_nlp(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with furniture blanked and paragraph-internal line breaks made spaces.

    The result has exactly the same length, so offsets into it are offsets into ``text``.
    Furniture characters become spaces (newlines kept); a single line break between two lines
    of one paragraph becomes a space so that names wrapped across lines are seen whole. A line
    break stays when the next line is indented (a new paragraph in wire copy) or blank, after
    the headline (wire copy runs "...BUMPER CROPS" straight into "HARARE, March 3 -"), and
    everywhere in text written one paragraph per line.
    """
    layout = page_layout(text)
    kept_break = layout.headline.end if layout.headline is not None else -1
    parts = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        parts.append(text[position:start])
        parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        position = end
    parts.append(text[position:])
    if layout.line_paragraphs:
        return "".join(parts)  # every line is a paragraph of its own
    return _WRAPPED_LINE_BREAK.sub(
        lambda match: match.group(0) if match.end(1) == kept_break else match.group(1) + " ",
        "".join(parts),
    )


_NOT_NEWLINE = re.compile(r"[^\n]")
# A line break with text before it on its line and text (not indentation) right after it.
_WRAPPED_LINE_BREAK = re.compile(r"(?<=\S)([^\S\n]*)\n(?=\S)")
