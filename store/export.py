"""Markdown export of actors, events and sources: YAML front matter plus a body safe for hostile text.

Every string that comes from a document is either one line of escaped inline text (terminal
controls made visible, whitespace folded, every ASCII punctuation character that means
something to CommonMark, GFM or Obsidian backslash-escaped, list markers escaped at a line
start), a blockquote whose lines are escaped the same way, or - for a source's body - the
stored text verbatim inside a code fence longer than any backtick run in it (a fence rather
than escaped paragraphs so the text reads exactly as stored and citations' character offsets
can be checked against it). Front matter is ``yaml.safe_dump`` of folded single-line values.
So names such as ``[x](javascript:alert(1))``, ``<script>``, ``# h`` or ``---`` parse back as
plain text, the only links are relative links to other records' export files
(``store.filenames``), and exporting linked records into one folder gives working links in
Obsidian, zk or any Markdown viewer.
"""
from __future__ import annotations

import errno
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

from dossier.store.filenames import export_filename
from dossier.store.records import Actor, Event, Record, Source, Span
from dossier.store.sanitize import sanitize

CONTEXT_LIMIT = 300
"""How far (characters) a quoted window reaches either side of a mention without a sentence end."""

# Characters with a meaning anywhere in a line (CommonMark, GFM and Obsidian: emphasis, code,
# links, HTML, entities, tables, tags, highlights, math, comments, block ids); the rest of ASCII
# punctuation (, ; ? ' " / @ and . - + mid-line) is inert and stays unescaped for readability.
_ALWAYS_ESCAPED = re.compile(r"([!#$%&()*:<=>\[\\\]^_`{|}~])")
# List markers and the dot of "1986." only mean something at the start of a line.
_LINE_START_MARKER = re.compile(r"^(\d*)([-+.])")
_WHITESPACE = re.compile(r"\s+")
_WHITESPACE_BUT_NEWLINE = re.compile(r"[^\S\n]+")
_NON_BLANK_RUN = re.compile(r"\S(?:[^\n]*\S)?")  # one line's text without its surrounding whitespace
_BACKTICK_RUN = re.compile(r"`+")
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# A sentence ends at . ! or ? (plus closing quotes/brackets) before whitespace and a capital,
# digit or opening quote - unless the stop closes an initial ("U.S.", "W.") or a title ("Mr.");
# a blank line or an indented line (wire copy) starts a new paragraph.
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)"
    r"(?P<stop>[.!?][\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9])"
    r"|\n[ \t]*\n|\n(?=[ \t])"
)


class ExportExists(FileExistsError):
    """Raised by ``export_record`` when the export file exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EEXIST, "export file exists", str(path))
        self.path = path


# --- safe text -----------------------------------------------------------------------------


def plain_text(text: str) -> str:
    """One line of neutral text: terminal controls made visible, all whitespace folded to single spaces."""
    return _WHITESPACE.sub(" ", sanitize(text)).strip()


def _escape_line_start(line: str) -> str:
    """Escape a list marker or an ordered-list dot that opens a line of already-escaped text."""
    return _LINE_START_MARKER.sub(r"\1\\\2", line)


def escape_inline(text: str) -> str:
    """Document text as one line of inline Markdown that renders literally, wherever it is put."""
    return _escape_line_start(_ALWAYS_ESCAPED.sub(r"\\\1", plain_text(text)))


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


def _date_text(date: str | None) -> str:
    """A record's date for the body: ISO prefixes as they are, anything else escaped, or "undated"."""
    if not date:
        return "undated"
    return date if _ISO_DATE.fullmatch(date) else escape_inline(date)


def _date_range(date: str | None, until: str | None) -> str:
    """A date, or a range "start to end" when the record has an end date."""
    return f"{_date_text(date)} to {_date_text(until)}" if until else _date_text(date)


def _front_matter(values: dict[str, Any]) -> str:
    """YAML front matter between ``---`` lines; every value is a folded single line, dumped safely."""
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=math.inf)
    return f"---\n{dumped}---\n"


def _yaml_text(text: str | None) -> str | None:
    """A front-matter value: folded plain text, or None when there is nothing."""
    return plain_text(text or "") or None


# --- links and citations -------------------------------------------------------------------


def display_name(record: Record) -> str:
    """The name a record is shown by: an actor's name, an event's or source's title, else its id."""
    label = record.name if isinstance(record, Actor) else record.title
    return plain_text(label) or plain_text(record.id)


def link(record: Record) -> str:
    """A relative Markdown link to the record's export file, with its escaped name as the text."""
    return f"[{escape_inline(display_name(record))}]({export_filename(record)})"


def _link_or_id(dossier: Any, record_id: str) -> str:
    """A link to the record with this id, or the escaped id marked missing when the dossier lacks it."""
    record = dossier.get(record_id)
    return link(record) if record is not None else f"{escape_inline(record_id)} \\(missing\\)"


def _citation(source: Source, span: Span | None = None) -> str:
    """A source citation: linked title, publisher, publication date and, given a span, its offsets."""
    parts = [link(source)]
    if plain_text(source.publisher or ""):
        parts.append(escape_inline(source.publisher))
    parts.append(_date_text(source.published))
    if span is not None:
        parts.append(f"characters {span.start}\u2013{span.end}")
    return ", ".join(parts)


def _span_is_valid(source: Source | None, span: Span) -> bool:
    """Whether a span points inside its source's stored text."""
    return source is not None and 0 <= span.start <= span.end <= len(source.text)


# --- quotes --------------------------------------------------------------------------------


class _Window(NamedTuple):
    """A stretch of one source's text to quote, and whether it was cut short at either end."""

    source: str
    start: int
    end: int
    cut_before: bool = False
    cut_after: bool = False


def _sentence_window(text: str, span: Span) -> _Window:
    """The sentence around a span, cut at a word about ``CONTEXT_LIMIT`` characters away if it runs on."""
    reach_back = max(0, span.start - CONTEXT_LIMIT)
    start = reach_back
    for match in _SENTENCE_BREAK.finditer(text, reach_back, span.start):
        start = match.end()
    cut_before = start == reach_back > 0
    if cut_before:
        space = text.find(" ", reach_back, span.start)
        start = space + 1 if space != -1 else reach_back
    reach_on = min(len(text), span.end + CONTEXT_LIMIT)
    match = _SENTENCE_BREAK.search(text, span.end, reach_on)
    cut_after = match is None and reach_on < len(text)
    if match is not None:
        end = match.end("stop") if match.group("stop") else match.start()
    elif cut_after:
        space = text.rfind(" ", span.end, reach_on)
        end = space if space != -1 else reach_on
    else:
        end = reach_on
    return _Window(span.source, start, end, cut_before, cut_after)


def _quoted_evidence(source: Source, window: _Window, highlights: list[Span]) -> list[str]:
    """One blockquote: the window of source text with the highlighted spans in bold, then its citation."""
    offset = window.start
    lines = blockquote(
        source.text[window.start : window.end],
        [(span.start - offset, span.end - offset) for span in highlights],
    )
    if window.cut_before:
        lines[0] = "> \u2026 " + lines[0][2:]
    if window.cut_after:
        lines[-1] += " \u2026"
    cited = Span(source.id, window.start, window.end)
    return [*lines, ">", f"> \u2014 {_citation(source, cited)}", ""]


def _evidence_section(dossier: Any, spans: list[Span], *, around_mentions: bool) -> list[str]:
    """Quotes of spans: mentions in bold within their sentences (overlapping ones merged), or spans whole."""
    quotes: list[tuple[_Window, list[Span]]] = []
    missing: list[str] = []
    for span in spans:
        source = dossier.sources.get(span.source)
        if not _span_is_valid(source, span):
            where = f"{escape_inline(span.source)} characters {span.start}\u2013{span.end}"
            missing += [f"- {where}: not in this dossier's stored text", ""]
        elif not around_mentions:
            quotes.append((_Window(span.source, span.start, span.end), []))
        else:
            window = _sentence_window(source.text, span)
            last = quotes[-1][0] if quotes else None
            if last is not None and last.source == window.source and last.start < window.end and window.start < last.end:
                merged = _Window(
                    window.source,
                    min(last.start, window.start),
                    max(last.end, window.end),
                    last.cut_before if last.start <= window.start else window.cut_before,
                    last.cut_after if last.end >= window.end else window.cut_after,
                )
                quotes[-1] = (merged, [*quotes[-1][1], span])
            else:
                quotes.append((window, [span]))
    lines = [
        line
        for window, highlights in quotes
        for line in _quoted_evidence(dossier.sources[window.source], window, highlights)
    ]
    return lines + missing


# --- records -------------------------------------------------------------------------------


def _event_bullet(event: Event) -> str:
    """One timeline line: date, linked title, kind."""
    return f"{_date_range(event.date, event.until)} \u2014 {link(event)} \\({escape_inline(event.kind)}\\)"


def _bullets(items: list[str], empty: str) -> list[str]:
    """A Markdown list of already-escaped items, or one italic line saying there are none."""
    return [f"- {item}" for item in items] + [""] if items else [f"*{empty}*", ""]


def _render_actor(dossier: Any, actor: Actor) -> list[str]:
    """An actor's page: facts, roles, timeline, co-actors and every mention as quoted evidence."""
    mentions = dossier.mentions_of(actor.id)
    source_count = len({span.source for span in mentions})
    aliases = [escape_inline(alias) for alias in actor.aliases if plain_text(alias)]
    lines = [
        f"# {escape_inline(display_name(actor))}",
        "",
        f"- Kind: {escape_inline(actor.kind)}",
        f"- Also called: {'; '.join(aliases) if aliases else 'no other names'}",
        f"- Mentions: {len(mentions)} in {source_count} source{'s' if source_count != 1 else ''}",
        f"- Id: {escape_inline(actor.id)}",
        "",
        "## Roles",
        "",
    ]
    roles = []
    for role in actor.roles:
        source = dossier.sources.get(role.evidence.source)
        if _span_is_valid(source, role.evidence):
            cited = _citation(source, role.evidence)
        else:
            cited = _link_or_id(dossier, role.evidence.source)
        roles.append(f"{escape_inline(role.role)}, {_date_text(role.date)} \u2014 {cited}")
    lines += _bullets(roles, "no roles recorded")
    lines += ["## Timeline", ""]
    lines += _bullets(
        [
            _event_bullet(event) for event in dossier.timeline(actor.id)
        ],
        "no events recorded",
    )
    lines += ["## Appears with", ""]
    lines += _bullets(
        [
            f"{link(other)} \\({escape_inline(other.kind)}\\), {count} shared"
            for other, count in dossier.co_actors(actor.id)
        ],
        "appears with no other actor",
    )
    lines += ["## Mentions", ""]
    lines += _evidence_section(dossier, mentions, around_mentions=True) or ["*no mentions*", ""]
    return lines


def _render_event(dossier: Any, event: Event) -> list[str]:
    """An event's page: date, kind, actors, place, sources and its evidence quoted whole."""
    lines = [
        f"# {escape_inline(display_name(event))}",
        "",
        f"- Date: {_date_range(event.date, event.until)}",
    ]
    if event.when is not None:
        source = dossier.sources.get(event.when.source)
        if _span_is_valid(source, event.when):
            lines.append(f"- Dated from: {escape_inline(source.text[event.when.start:event.when.end])}")
    lines += [
        f"- Kind: {escape_inline(event.kind)}",
        "- Actors: "
        + (", ".join(_link_or_id(dossier, actor_id) for actor_id in event.actors) or "none recorded"),
        f"- Place: {_link_or_id(dossier, event.place) if event.place else 'none recorded'}",
    ]
    source_ids = list(dict.fromkeys(span.source for span in event.evidence))
    for source_id in source_ids:
        source = dossier.sources.get(source_id)
        lines.append(f"- Source: {_citation(source) if source else _link_or_id(dossier, source_id)}")
    lines += [f"- Id: {escape_inline(event.id)}", "", "## Evidence", ""]
    lines += _evidence_section(dossier, event.evidence, around_mentions=False) or [
        "*no evidence recorded*",
        "",
    ]
    return lines


def _render_source(dossier: Any, source: Source) -> list[str]:
    """A source's page: metadata, its actors and events, then the stored text verbatim in a fence."""
    facts = [
        ("Publisher", escape_inline(source.publisher or "")),
        ("Published", _date_text(source.published) if source.published else ""),
        ("Place", escape_inline(source.place or "")),
        ("URL", escape_inline(source.url or "")),
        ("File", escape_inline(source.path or "")),
        ("Added", escape_inline(source.added)),
        ("Id", escape_inline(source.id)),
    ]
    lines = [f"# {escape_inline(display_name(source))}", ""]
    lines += [f"- {label}: {value}" for label, value in facts if value]
    lines += ["", "## Actors", ""]
    mention_counts = Counter(actor_id for _span, actor_id in dossier.mentions_in(source.id))
    lines += _bullets(
        [
            f"{link(actor)} \\({escape_inline(actor.kind)}\\), "
            f"{mention_counts[actor.id]} mention{'s' if mention_counts[actor.id] != 1 else ''}"
            for actor in dossier.actors_in(source.id)
        ],
        "no actors recorded",
    )
    lines += ["## Events", ""]
    lines += _bullets(
        [
            _event_bullet(event) for event in dossier.events_in(source.id)
        ],
        "no events recorded",
    )
    lines += [
        "## Text",
        "",
        "The stored text exactly as cited by character offsets, in a code fence so nothing in it is",
        "read as Markdown; terminal control characters are shown as visible symbols.",
        "",
        code_fence(source.text),
        "",
    ]
    return lines


def _front_matter_values(record: Record) -> dict[str, Any]:
    """The front matter an Obsidian or zk vault reads: title, type, kind, id, aliases and date."""
    if isinstance(record, Actor):
        aliases = [plain_text(alias) for alias in record.aliases if plain_text(alias)]
        kind, aliases, date = record.kind, [plain_text(a) for a in record.aliases if plain_text(a)], None
        extra: dict[str, Any] = {}
    elif isinstance(record, Event):
        kind, aliases, date = record.kind, [], record.date
        extra = {"until": _yaml_text(record.until)} if record.until else {}
    else:
        kind, aliases, date = "source", [], record.published
        extra = {"publisher": _yaml_text(record.publisher)}
    return {
        "title": display_name(record),
        "type": type(record).__name__.lower(),
        "kind": _yaml_text(kind),
        "id": _yaml_text(record.id),
        "aliases": aliases,
        "date": _yaml_text(date),
        **extra,
    }


def render_markdown(dossier: Any, record: Record) -> str:
    """The whole export of an actor, event or source: front matter then a Markdown body."""
    if isinstance(record, Actor):
        body = _render_actor(dossier, record)
    elif isinstance(record, Event):
        body = _render_event(dossier, record)
    elif isinstance(record, Source):
        body = _render_source(dossier, record)
    else:
        raise TypeError(f"cannot export {type(record).__name__}")
    return _front_matter(_front_matter_values(record)) + "\n" + "\n".join(body).rstrip("\n") + "\n"


# --- files ---------------------------------------------------------------------------------


def _replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temp file in the same folder, fsync, then rename over."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".md.tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def export_record(dossier: Any, record: Record, folder: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write the record's export to ``folder/<safe name>.md`` and return its path.

    Raises ``ExportExists`` when that file exists and ``overwrite`` is False. The name comes
    from ``export_filename`` (no separators, no ``..``), creating never follows an existing
    link (exclusive create) and overwriting renames over it, so nothing lands outside ``folder``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / export_filename(record)
    text = render_markdown(dossier, record)
    if overwrite:
        _replace_file(path, text)
        return path
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise ExportExists(path) from None
    return path


def write_export(dossier: Any, record: Record, target: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Export one record to ``target``: a ``.md`` path is the file itself, anything else a folder
    (the file inside it is named by ``export_filename``). Raises ``ExportExists`` unless ``overwrite``."""
    target = Path(target)
    if target.suffix.lower() != ".md":
        return export_record(dossier, record, target, overwrite=overwrite)
    if target.exists() and not overwrite:
        raise ExportExists(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_markdown(dossier, record), encoding="utf-8")
    return target
