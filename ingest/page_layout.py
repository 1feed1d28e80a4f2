"""Where one text's headline, body paragraphs and furniture lines lie, from line shapes and position.

A ``PageLayout`` is computed once per document (``ingest.pipeline`` builds it and hands it to
furniture detection, masking and metadata) and answers each question lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from dossier.ingest.line_shapes import (
    MINOR_WORDS,
    TEASER_MAX_WORDS,
    Line,
    capitalised_share,
    digit_count,
    ends_sentence,
    is_banner,
    is_breadcrumb_line,
    is_byline,
    is_credit,
    is_date_line,
    is_glued_menu,
    is_heading,
    is_headline_shaped,
    is_prose,
    is_teaser,
    is_wire_trailer,
    split_lines,
    words_of,
)

# Lines considered for the headline: a page's top never holds more labels than this.
HEADLINE_CANDIDATES = 40
# An unwrapped paragraph line is longer than this; wire copy is wrapped well below it.
LONG_LINE_CHARS = 150


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
        """Split ``text`` into lines and paragraphs (each line one paragraph in unwrapped text)."""
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
            if is_wire_trailer(last.content):
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
                is_prose(content, words_of(content))
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
    return share == 1.0 and not any(word.lower() in MINOR_WORDS for word in words)


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
            or digit_count(line.content) * 10 > len(line.content)
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
    if is_glued_menu(line.content):
        return True
    return any(
        other.content != line.content and line.content.endswith(other.content)
        for other in later
    )


def layout_of(text: str, layout: PageLayout | None) -> PageLayout:
    """The given layout of ``text`` (checked to be of that text), or a new one when none is given."""
    if layout is None:
        return PageLayout(text)
    if layout.text != text:
        raise ValueError("the page layout was computed for another text")
    return layout
