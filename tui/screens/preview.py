"""A Markdown preview of a record's export, rendered safely (commonmark, no HTML, no link opening)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from markdown_it import MarkdownIt
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from dossier.store.export import render_markdown
from dossier.store.filenames import export_filename
from dossier.store.records import Actor, Event, Source
from dossier.tui.sanitize import clean, one_line

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier


def safe_parser() -> MarkdownIt:
    """CommonMark with raw HTML off (shown as text, never dropped) and tables on."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


PREVIEW_LIMIT = 40_000
"""Characters of Markdown previewed; the Markdown widget takes seconds per few thousand words."""


def preview_text(markdown: str, limit: int = PREVIEW_LIMIT) -> str:
    """The export body made terminal-safe, cut at a paragraph break past ``limit`` with a note."""
    body = clean(without_front_matter(markdown))
    if len(body) <= limit:
        return body
    cut = body.rfind("\n\n", 0, limit)
    return body[: cut if cut > 0 else limit] + "\n\n*Preview shortened: the exported file has everything.*\n"


def without_front_matter(markdown: str) -> str:
    """The export's Markdown body: the YAML front matter is for other tools and would render as rules."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :]
    return markdown


class PreviewScreen(ModalScreen[str | None]):
    """The export of one record as Markdown; a link to another record opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p,q", "dismiss(None)", "Close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, dossier: Dossier, record: Actor | Event | Source) -> None:
        """Preview this record of this dossier."""
        super().__init__()
        self.dossier = dossier
        self.record = record

    def compose(self) -> ComposeResult:
        """The export file name and its body rendered by the safe parser."""
        with VerticalScroll(classes="dialog preview"):
            yield Label(Content.assemble("Preview of the export: ", one_line(export_filename(self.record))), classes="dialog-title")
            yield Markdown("*Rendering…*", parser_factory=safe_parser, open_links=False)

    def on_mount(self) -> None:
        """Focus the scroller and render the export off the UI thread."""
        self.query_one(VerticalScroll).focus()
        self._build_preview()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _build_preview(self) -> None:
        """Build the export text in a thread, then show it."""
        text = preview_text(render_markdown(self.dossier, self.record))
        self.app.call_from_thread(self._display_preview, text)  # type: ignore[arg-type]  # textual's overloads infer Never for an async callback

    async def _display_preview(self, text: str) -> None:
        """Put the rendered export in the Markdown widget."""
        await self.query_one(Markdown).update(text)

    def action_scroll(self, lines: int) -> None:
        """Scroll the preview with j/k."""
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_to(y=scroller.scroll_y + lines, animate=False)

    def _linked_ids(self) -> list[str]:
        """Records the export can link to: the ones related to the previewed record."""
        record, dossier = self.record, self.dossier
        if isinstance(record, Actor):
            return [*{span.source for span in record.mentions}, *(e.id for e in dossier.events_of(record.id)),
                    *(actor.id for actor, _ in dossier.co_actors(record.id))]
        if isinstance(record, Event):
            return [*record.actors, *([record.place] if record.place else []), *(span.source for span in record.evidence)]
        return [*(a.id for a in dossier.actors_in(record.id)), *(e.id for e in dossier.events_in(record.id))]

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Open a linked record; any other link is only shown, never opened."""
        event.prevent_default()
        for record_id in self._linked_ids():
            linked = self.dossier.get(record_id)
            if linked is not None and export_filename(linked) == event.href:
                self.dismiss(record_id)
                return
        self.notify("Not opened: " + one_line(event.href), markup=False)
