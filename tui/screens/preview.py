"""A Markdown preview of a record's export, rendered safely (commonmark, no HTML, no link opening)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from markdown_it import MarkdownIt
from textual import work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from dossier.store.filenames import export_filename
from dossier.store.records import Record
from dossier.store.render import Rendered, render_record
from dossier.tui.sanitize import clean, one_line

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier


def safe_parser() -> MarkdownIt:
    """CommonMark with raw HTML off (shown as text, never dropped) and tables on."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


PREVIEW_LIMIT = 40_000
"""Characters of Markdown previewed; the Markdown widget takes seconds per few thousand words."""


def preview_text(body: str, limit: int = PREVIEW_LIMIT) -> str:
    """An export's Markdown body made terminal-safe, cut at a paragraph break past ``limit`` with a note."""
    body = clean(body)
    if len(body) <= limit:
        return body
    cut = body.rfind("\n\n", 0, limit)
    return body[: cut if cut > 0 else limit] + "\n\n*Preview shortened: the exported file has everything.*\n"


def _as_code(text: str) -> str:
    """``text`` on one line as an indented code block: Markdown shows it literally, whatever it holds."""
    return "    " + one_line(text) + "\n"


class PreviewScreen(ModalScreen[str | None]):
    """The export of one record as Markdown (its body: the front matter is for other tools); a link to
    another record closes the preview with that record's id, so the main screen opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p,q", "dismiss(None)", "Close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, dossier: Dossier, record: Record) -> None:
        """Preview this record of this dossier."""
        super().__init__()
        self.dossier = dossier
        self.record = record
        self.rendered: Rendered | None = None
        """The export shown, once built: its body and the records it links to."""

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
        """Build the export in a thread, then show it (or why it could not be built)."""
        try:
            rendered = render_record(self.dossier, self.record)
        except Exception as error:  # the preview says so instead of "Rendering…" forever
            self.app.call_from_thread(self._display_failure, f"{type(error).__name__}: {error}")
            return
        self.app.call_from_thread(self._display_preview, rendered)

    def _display_failure(self, reason: str) -> AwaitComplete:
        """Replace "Rendering…" with the reason the export could not be built, and notify it."""
        self.notify(one_line(reason), title="Could not render the preview", severity="error", markup=False)
        return self.query_one(Markdown).update("**Could not render this record:**\n\n" + _as_code(reason))

    def _display_preview(self, rendered: Rendered) -> AwaitComplete:
        """Put the rendered export's body in the Markdown widget; its links become followable."""
        self.rendered = rendered
        return self.query_one(Markdown).update(preview_text(rendered.body))

    def action_scroll(self, lines: int) -> None:
        """Scroll the preview with j/k."""
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_to(y=scroller.scroll_y + lines, animate=False)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Open a record the export links to; any other link is only shown, never opened."""
        event.prevent_default()
        links = self.rendered.links if self.rendered is not None else ()
        for linked in links:
            if export_filename(linked) == event.href:
                self.dismiss(linked.id)
                return
        self.notify("Not opened: " + one_line(event.href), markup=False)
