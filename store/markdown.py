"""Markdown that renders document text literally: escaped inline text, blockquotes, code fences, front matter.

Every string that comes from a document is either one line of escaped inline text (terminal
controls made visible, whitespace folded, every ASCII punctuation character that means
something to CommonMark, GFM or Obsidian backslash-escaped, list markers escaped at a line
start), a blockquote whose lines are escaped the same way, a code fence longer than any
backtick run in the text, or a YAML front-matter value written as a double-quoted scalar
whose Markdown punctuation is a YAML ``\\xNN`` escape. So names such as
``[x](javascript:alert(1))``, ``<img src=x onerror=alert(1)>``, ``# h`` or ``---`` stay
plain text under any Markdown renderer, front matter included, while YAML readers
(Obsidian, zk) read the values back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

from dossier.store.sanitize import sanitize

MARKDOWN_PUNCTUATION = "!#$%&()*:<=>[\\]^_`{|}~"
"""Characters with a meaning anywhere in a line (CommonMark, GFM and Obsidian: emphasis, code,
links, HTML, entities, tables, tags, highlights, math, comments, block ids); the rest of ASCII
punctuation (, ; ? ' " / @ and . - + mid-line) is inert and stays unescaped for readability."""

_ALWAYS_ESCAPED = re.compile(f"([{re.escape(MARKDOWN_PUNCTUATION)}])")
# List markers and the dot of "1986." only mean something at the start of a line.
_LINE_START_MARKER = re.compile(r"^(\d*)([-+.])")
_WHITESPACE = re.compile(r"\s+")
_WHITESPACE_BUT_NEWLINE = re.compile(r"[^\S\n]+")
_NON_BLANK_RUN = re.compile(r"\S(?:[^\n]*\S)?")  # one line's text without its surrounding whitespace
_BACKTICK_RUN = re.compile(r"`+")


# --- inline text and blockquotes ------------------------------------------------------------


def plain_text(text: str) -> str:
    """One line of neutral text: terminal controls made visible, all whitespace folded to single spaces."""
    return _WHITESPACE.sub(" ", sanitize(text)).strip()


def _escape_line_start(line: str) -> str:
    """Escape a list marker or an ordered-list dot that opens a line of already-escaped text."""
    return _LINE_START_MARKER.sub(r"\1\\\2", line)


def escape_inline(text: str) -> str:
    """Document text as one line of inline Markdown that renders literally, wherever it is put."""
    return _escape_line_start(_ALWAYS_ESCAPED.sub(r"\\\1", plain_text(text)))


def wikilink_label(text: str) -> str:
    """Document text as the label of an Obsidian ``[[target|label]]`` link: one line with every
    Markdown punctuation character made a space, because Obsidian shows backslash escapes inside
    a wikilink literally and a renderer without wikilinks reads the label as ordinary inline text
    (so ``]]``, ``|``, ``<script>`` or ``[x](y)`` must not survive in it)."""
    return plain_text(_ALWAYS_ESCAPED.sub(" ", text)) or "\u2026"


def blockquote(text: str, highlights: Sequence[tuple[int, int]] = ()) -> list[str]:
    """``text`` as blockquote lines, each escaped, with the given ranges of it in bold where they can be.

    Touching ranges are merged; a range whose ``**`` could not open or close (CommonMark's
    flanking rules, e.g. a name starting with punctuation glued to a word) stays plain.
    """
    pieces: list[str] = []
    position = 0
    for start, end in _bold_ranges(text, highlights):
        core = _escape_quoted(text[start:end])
        before = _escape_quoted(text[start - 1 : start])[-1:] or " "
        after = _escape_quoted(text[end : end + 1])[:1] or " "
        if _can_open(before, core[0]) and _can_close(core[-1], after):
            pieces += [_escape_quoted(text[position:start]), "**", core, "**"]
            position = end
    pieces.append(_escape_quoted(text[position:]))
    lines = "".join(pieces).strip("\n").split("\n")
    return [f"> {_escape_line_start(line)}" if line else ">" for line in map(str.strip, lines)]


def _bold_ranges(text: str, highlights: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Highlight ranges cut at line breaks and trimmed of whitespace, sorted, touching ones merged."""
    ranges: list[tuple[int, int]] = []
    pieces = (
        (line.start() + start, line.end() + start)
        for start, end in highlights
        for line in _NON_BLANK_RUN.finditer(text[start:end])
    )
    for start, end in sorted(pieces):
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
        else:
            ranges.append((start, end))
    return ranges


def _is_punctuation(char: str) -> bool:
    """CommonMark's punctuation test, as markdown-it applies it to emphasis delimiters."""
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _can_open(before: str, first: str) -> bool:
    """Whether ``**`` between these two characters is left-flanking, so it can open bold."""
    return not isWhiteSpace(ord(first)) and (
        not _is_punctuation(first) or isWhiteSpace(ord(before)) or _is_punctuation(before)
    )


def _can_close(last: str, after: str) -> bool:
    """Whether ``**`` between these two characters is right-flanking, so it can close bold."""
    return not isWhiteSpace(ord(last)) and (
        not _is_punctuation(last) or isWhiteSpace(ord(after)) or _is_punctuation(after)
    )


def _escape_quoted(text: str) -> str:
    """Quoted text with line breaks kept, other whitespace folded and meaningful punctuation escaped."""
    return _ALWAYS_ESCAPED.sub(r"\\\1", _WHITESPACE_BUT_NEWLINE.sub(" ", sanitize(text)))


def code_fence(text: str) -> str:
    """``text`` in a backtick fence one longer than its longest backtick run (at least three).

    Controls are made visible one for one (``store.sanitize``), so character offsets still hold.
    """
    longest = max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = sanitize(text)
    closing = fence if body.endswith("\n") or not body else "\n" + fence
    return f"{fence}text\n{body}{closing}"


# --- front matter ---------------------------------------------------------------------------

FrontMatterValue = str | bool | None | Sequence[str]
"""A front-matter value: one line of text, a flag, nothing (YAML ``null``) or a list of lines."""


def _is_yaml_printable(char: str) -> bool:
    """Whether YAML allows ``char`` unescaped in a double-quoted scalar (no line breaks, no BOM)."""
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def _yaml_escape(char: str) -> str:
    """One character as a YAML double-quoted escape (``\\x3C``, ``\\u2028``, ``\\U0001F600``)."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that stays literal text when rendered as Markdown.

    Markdown punctuation, quotes and anything YAML cannot hold unescaped become ``\\x``/``\\u``
    escapes: a YAML reader gets ``text`` back, a Markdown renderer sees a backslash, letters and
    digits, never a tag, link, entity or emphasis.
    """
    inert = (
        char if _is_yaml_printable(char) and char not in MARKDOWN_PUNCTUATION and char != '"' else _yaml_escape(char)
        for char in text
    )
    return '"' + "".join(inert) + '"'


def front_matter(values: Mapping[str, FrontMatterValue]) -> str:
    """YAML front matter between ``---`` lines: one ``key: value`` line per value, lists as ``- item`` lines.

    Keys are the caller's plain identifiers; every text value is folded to one line
    (``plain_text``) and written by ``yaml_string``, so the block is valid YAML and inert Markdown.
    """
    lines = ["---"]
    for key, value in values.items():
        if value is None:
            lines.append(f"{key}: null")
        elif isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif isinstance(value, str):
            lines.append(f"{key}: {yaml_string(plain_text(value))}")
        elif not value:
            lines.append(f"{key}: []")
        else:
            lines += [f"{key}:", *(f"- {yaml_string(plain_text(item))}" for item in value)]
    return "\n".join([*lines, "---", ""])
