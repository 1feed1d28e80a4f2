"""The Markdown page of an actor, event or source, and the records it links to.

A page is YAML front matter (title, type, kind, id, aliases, date) and a body built from the
safe pieces in ``store.markdown``: the only links are relative links to other records' export
files (``store.filenames``), so exporting linked records into one folder gives working links
in Obsidian, zk or any Markdown viewer. ``render_record`` returns the linked records with the
text, so the preview follows a link without working out again what the page links to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from dossier.store.curation.state import Annotation
from dossier.store.evidence import Window, quotes_for, span_is_valid
from dossier.store.filenames import EXPORT_SUFFIX, export_filename, statement_filename
from dossier.store.markdown import (
    FrontMatterValue,
    blockquote,
    code_fence,
    escape_inline,
    front_matter,
    plain_text,
    wikilink_label,
)
from dossier.store.partial_dates import format_date, is_partial_date
from dossier.store.records import Actor, Event, Record, Source, Span, Statement
from dossier.store.sanitize import sanitize

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

LinkStyle = Literal["markdown", "wiki"]
"""How a page links to other records: relative Markdown links (any viewer) or ``[[wikilinks]]`` (Obsidian)."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """A record's export: its front matter, its Markdown body and the records the body links to."""

    front_matter: str
    body: str
    links: tuple[Record, ...]
    """Every record the body links to, once each, in the order of their first link."""

    @property
    def markdown(self) -> str:
        """The whole export file: front matter, a blank line, the body."""
        return self.front_matter + "\n" + self.body


def display_name(record: Record) -> str:
    """The name a record is shown by: an actor's name, an event's or source's title, else its id."""
    label = record.name if isinstance(record, Actor) else record.title
    return plain_text(label) or plain_text(record.id)


def _date_text(date: str | None) -> str:
    """A record's date for the body: ISO prefixes as they are, anything else escaped, or "undated"."""
    if not date:
        return "undated"
    return date if is_partial_date(date) else escape_inline(date)


def _date_range(date: str | None, until: str | None) -> str:
    """A date, or a range "start–end" (``partial_dates.format_date``) when the record has an end date."""
    return format_date(_date_text(date), _date_text(until)) if until else _date_text(date)


def link_to(record: Record, style: LinkStyle = "markdown") -> str:
    """A link to the record's export file with its name as the text: a relative Markdown link with
    the name escaped, or a wikilink to the file's stem with a label that cannot close or break it."""
    filename = export_filename(record)
    if style == "wiki":
        return f"[[{filename.removesuffix(EXPORT_SUFFIX)}|{wikilink_label(display_name(record))}]]"
    return f"[{escape_inline(display_name(record))}]({filename})"


def event_line(event: Event, link: str) -> str:
    """One timeline line of Markdown: the event's date or range, its ``link`` (``link_to``) and its kind."""
    return f"{_date_range(event.date, event.until)} \u2014 {link} \\({escape_inline(event.kind)}\\)"


def _bullets(items: list[str], empty: str) -> list[str]:
    """A Markdown list of already-escaped items, or one italic line saying there are none."""
    return [f"- {item}" for item in items] + [""] if items else [f"*{empty}*", ""]


class _Page:
    """Writes one record's body: links and citations to other records, each linked record remembered."""

    def __init__(self, dossier: Dossier, links: LinkStyle = "markdown", link_texts: dict[str, str] | None = None) -> None:
        """A page over this dossier linking in the given style, with no links yet; ``link_texts``
        (record id -> link) is shared by the pages of one bulk export, so each link is made once."""
        self.dossier = dossier
        self.style = links
        self._linked: dict[str, Record] = {}
        self._texts = link_texts if link_texts is not None else {}

    @property
    def links(self) -> tuple[Record, ...]:
        """The records linked so far, in first-link order."""
        return tuple(self._linked.values())

    def link(self, record: Record) -> str:
        """A link to the record's export file (``link_to``), remembered as one of the page's links."""
        self._linked.setdefault(record.id, record)
        text = self._texts.get(record.id)
        if text is None:
            text = self._texts[record.id] = link_to(record, self.style)
        return text

    def link_or_id(self, record_id: str) -> str:
        """A link to the record with this id, or the escaped id marked missing when the dossier lacks it."""
        record = self.dossier.get(record_id)
        return self.link(record) if record is not None else f"{escape_inline(record_id)} \\(missing\\)"

    def citation(self, source: Source, span: Span | None = None) -> str:
        """A source citation: linked title, publisher, publication date and, given a span, its offsets."""
        parts = [self.link(source)]
        if source.publisher and plain_text(source.publisher):
            parts.append(escape_inline(source.publisher))
        parts.append(_date_text(source.published))
        if span is not None:
            parts.append(f"characters {span.start}\u2013{span.end}")
        return ", ".join(parts)

    def evidence(self, spans: list[Span], *, around_mentions: bool) -> list[str]:
        """Quotes of spans (mentions in bold within their sentences, or spans whole), then any missing ones."""
        sources = self.dossier.sources
        quotes, missing = quotes_for(sources, spans, around_mentions=around_mentions)
        lines = [
            line
            for window, highlights in quotes
            for line in self._quoted(sources[window.source], window, highlights)
        ]
        for span in missing:
            where = f"{escape_inline(span.source)} characters {span.start}\u2013{span.end}"
            lines += [f"- {where}: not in this dossier's stored text", ""]
        return lines

    def _quoted(self, source: Source, window: Window, highlights: list[Span]) -> list[str]:
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
        return [*lines, ">", f"> \u2014 {self.citation(source, cited)}", ""]

    def event_bullet(self, event: Event) -> str:
        """One timeline line: date, linked title, kind (``event_line``)."""
        return event_line(event, self.link(event))


def _actor_body(page: _Page, actor: Actor) -> list[str]:
    """An actor's page: facts, roles, timeline, what they said, co-actors and every mention as quoted evidence."""
    dossier = page.dossier
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
        if source is not None and span_is_valid(source, role.evidence):
            cited = page.citation(source, role.evidence)
        else:
            cited = page.link_or_id(role.evidence.source)
        roles.append(f"{escape_inline(role.role)}, {_date_text(role.date)} \u2014 {cited}")
    lines += _bullets(roles, "no roles recorded")
    lines += ["## Timeline", ""]
    lines += _bullets([page.event_bullet(event) for event in dossier.timeline(actor.id)], "no events recorded")
    lines += ["## Said", ""]
    lines += _said(page, actor) or ["*no statements recorded*", ""]
    lines += ["## Appears with", ""]
    lines += _bullets(
        [
            f"{page.link(other)} \\({escape_inline(other.kind)}\\), {count} shared"
            for other, count in dossier.co_actors(actor.id)
        ],
        "appears with no other actor",
    )
    lines += ["## Mentions", ""]
    lines += page.evidence(mentions, around_mentions=True) or ["*no mentions*", ""]
    return lines


_PAST_TENSE = {"say": "said", "tell": "told", "write": "wrote", "reply": "replied", "deny": "denied", "quote": "was quoted"}


def _past(verb: str) -> str:
    """A reporting verb's lemma in the past tense ("say" -> "said", "warn" -> "warned")."""
    if verb in _PAST_TENSE:
        return _PAST_TENSE[verb]
    return verb + ("d" if verb.endswith("e") else "ed")


def _said(page: _Page, actor: Actor) -> list[str]:
    """What an actor said, newest first: quotations as blockquotes with their citation, reported
    speech as a sentence with its citation."""
    dossier = page.dossier
    lines: list[str] = []
    for statement in dossier.statements_of(actor.id):
        source = dossier.sources.get(statement.content.source)
        if source is None or not span_is_valid(source, statement.content):
            continue
        words = " ".join(source.text[statement.content.start : statement.content.end].split())
        cited = page.citation(source, statement.content)
        when = _date_text(statement.date)
        if statement.direct:
            lines += [*blockquote(words), ">", f"> \u2014 {escape_inline(display_name(actor))}, {when} \u2014 {cited}", ""]
        else:
            sentence = f"{escape_inline(display_name(actor))} {escape_inline(_past(statement.verb))} that {escape_inline(words)}"
            lines += [f"- {when}: {sentence} \u2014 {cited}", ""]
    return lines


def _event_body(page: _Page, event: Event) -> list[str]:
    """An event's page: date, kind, actors, place, sources and its evidence quoted whole."""
    dossier = page.dossier
    lines = [
        f"# {escape_inline(display_name(event))}",
        "",
        f"- Date: {_date_range(event.date, event.until)}",
    ]
    if event.when is not None:
        source = dossier.sources.get(event.when.source)
        if source is not None and span_is_valid(source, event.when):
            lines.append(f"- Dated from: {escape_inline(source.text[event.when.start:event.when.end])}")
    lines += [
        f"- Kind: {escape_inline(event.kind)}",
        "- Actors: " + (", ".join(page.link_or_id(actor_id) for actor_id in event.actors) or "none recorded"),
        f"- Place: {page.link_or_id(event.place) if event.place else 'none recorded'}",
    ]
    for source_id in dict.fromkeys(span.source for span in event.evidence):
        source = dossier.sources.get(source_id)
        lines.append(f"- Source: {page.citation(source) if source else page.link_or_id(source_id)}")
    lines += [f"- Id: {escape_inline(event.id)}", "", "## Evidence", ""]
    lines += page.evidence(event.evidence, around_mentions=False) or ["*no evidence recorded*", ""]
    return lines


def _source_body(page: _Page, source: Source) -> list[str]:
    """A source's page: metadata, its actors and events, then the stored text verbatim in a fence."""
    dossier = page.dossier
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
            f"{page.link(actor)} \\({escape_inline(actor.kind)}\\), "
            f"{mention_counts[actor.id]} mention{'s' if mention_counts[actor.id] != 1 else ''}"
            for actor in dossier.actors_in(source.id)
        ],
        "no actors recorded",
    )
    lines += ["## Events", ""]
    lines += _bullets([page.event_bullet(event) for event in dossier.events_in(source.id)], "no events recorded")
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


def _front_matter_values(record: Record, curation: Curation) -> dict[str, FrontMatterValue]:
    """The front matter an Obsidian or zk vault reads: title, type, kind, id, aliases, date, then the
    analyst's tags, star and whether the record is as the machine made it, edited or reviewed."""
    aliases: list[str] = []
    extra: dict[str, FrontMatterValue] = {}
    if isinstance(record, Actor):
        kind, date = record.kind, None
        aliases = [plain_text(alias) for alias in record.aliases if plain_text(alias)]
    elif isinstance(record, Event):
        kind, date = record.kind, record.date
        extra = {"until": plain_text(record.until) or None} if record.until else {}
    else:
        kind, date = "source", record.published
        extra = {"publisher": plain_text(record.publisher or "") or None}
    return {
        "title": display_name(record),
        "type": type(record).__name__.lower(),
        "kind": plain_text(kind) or None,
        "id": plain_text(record.id) or None,
        "aliases": aliases,
        "date": plain_text(date or "") or None,
        **extra,
        "tags": [plain_text(tag) for tag in curation.annotation.tags if plain_text(tag)],
        "starred": curation.annotation.star,
        "status": curation.status,
    }


@dataclass(frozen=True, slots=True)
class Curation:
    """What the analyst said about a record: its annotation and status ("machine", "edited", "reviewed")."""

    annotation: Annotation
    status: str


def _note_section(note: str) -> list[str]:
    """The analyst's note as its own section: their Markdown, terminal controls made visible."""
    if not note.strip():
        return []
    return ["## Note", "", sanitize(note).strip("\n"), ""]


def render_record(
    dossier: Dossier, record: Record, *, links: LinkStyle = "markdown", link_texts: dict[str, str] | None = None
) -> Rendered:
    """The whole export of an actor, event or source, and the records its body links to.

    ``links`` picks relative Markdown links or wikilinks; ``link_texts`` (record id -> link, filled
    as pages are made) lets a bulk export make each record's link once (records must not change
    while it is shared)."""
    page = _Page(dossier, links, link_texts)
    if isinstance(record, Actor):
        body = _actor_body(page, record)
    elif isinstance(record, Event):
        body = _event_body(page, record)
    else:
        body = _source_body(page, record)
    curation = Curation(dossier.annotations(record.id), dossier.curation.status(record.id))
    first_section = next((i for i, line in enumerate(body) if line.startswith("## ")), len(body))
    body[first_section:first_section] = _note_section(curation.annotation.note)
    values = _front_matter_values(record, curation)
    return Rendered(front_matter(values), "\n".join(body).rstrip("\n") + "\n", page.links)


def render_statement(
    dossier: Dossier, statement: Statement, *, links: LinkStyle = "markdown", link_texts: dict[str, str] | None = None
) -> tuple[str, str]:
    """A statement's vault note and its file name: who said it (linked when the speaker is an actor of
    the curated view), what was said (a blockquote for a quotation), when, and the sentence it is
    written in with its source."""
    page = _Page(dossier, links, link_texts)
    source = dossier.sources.get(statement.content.source)
    words = ""
    if source is not None and span_is_valid(source, statement.content):
        words = " ".join(source.text[statement.content.start : statement.content.end].split())
    speaker = dossier.actors.get(statement.speaker) if statement.speaker else None
    who = display_name(speaker) if speaker is not None else plain_text(statement.speaker_text) or "unnamed speaker"
    title = f"{who}: {words[:60]}{'…' if len(words) > 60 else ''}"
    lines = [f"# {escape_inline(title)}", ""]
    said_by = page.link(speaker) if speaker is not None else escape_inline(who)
    how = {"named": "named", "pronoun": "by a pronoun", "role": "by a role"}.get(statement.speaker_by or "", "unresolved")
    lines += [rf"- **Said by:** {said_by} \(speaker found {escape_inline(how)}\)", f"- **Verb:** {escape_inline(_past(statement.verb))}"]
    lines += [f"- **Date:** {_date_text(statement.date)}"]
    if source is not None:
        lines += [f"- **Source:** {page.citation(source, statement.content)}"]
    lines += ["", "## Said", ""]
    if words and statement.direct:
        lines += [*blockquote(words), ""]
    elif words:
        lines += [f"{escape_inline(who)} {escape_inline(_past(statement.verb))} that {escape_inline(words)}", ""]
    lines += ["## Evidence", ""]
    lines += page.evidence(list(statement.evidence), around_mentions=False) or ["*no evidence*", ""]
    values: dict[str, FrontMatterValue] = {
        "title": plain_text(title),
        "type": "statement",
        "kind": plain_text(statement.kind) or None,
        "id": plain_text(statement.id) or None,
        "speaker": plain_text(speaker.id) if speaker is not None else None,
        "speaker_text": plain_text(statement.speaker_text) or None,
        "direct": statement.direct,
        "date": plain_text(statement.date or "") or None,
    }
    return statement_filename(statement, who), front_matter(values) + "\n" + "\n".join(lines).rstrip("\n") + "\n"
