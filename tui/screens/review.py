"""The review queue overlay: one likely duplicate at a time, both sides side by side, one key per decision.

The screen decides nothing itself: each key hands the operation (a merge, a "not the same"
judgement, or None for skip) to the ``decide`` callback of whoever opened it, which applies it
and answers with the refreshed queue through ``show``. Every text from the dossier goes
through ``tui.sanitize`` into plain Content, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from dossier.store.curation.evidence import ActorSide
from dossier.store.curation.operations import Distinct, Merge, Operation
from dossier.store.curation.review import Suggestion
from dossier.tui.labels import counted, date_label
from dossier.tui.sanitize import one_line, plain


class ReviewItem(NamedTuple):
    """One suggestion with both sides read from the dossier (``first`` is the more mentioned)."""

    suggestion: Suggestion
    first: ActorSide
    second: ActorSide


Decide = Callable[[ReviewItem, Operation | None], None]
"""Apply a decision on an item: an operation, or None to skip it for this session."""

HINT = "m merge · M merge as right · d not the same · s skip · esc close"


class ReviewScreen(ModalScreen[None]):
    """Likely duplicates one at a time: merge, mark not the same, or skip; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("m", "merge(0)", "Merge", tooltip="Merge the two, keeping the left (more mentioned) name"),
        Binding("M", "merge(1)", "Merge right", tooltip="Merge the two, keeping the right name"),
        Binding("d", "distinct", "Not the same", tooltip="Remember that the two are different actors"),
        Binding("s,space", "skip", "Skip", tooltip="Skip this suggestion for now"),
    ]

    def __init__(self, decide: Decide) -> None:
        """An empty queue (shown as loading until ``show``); decisions go to ``decide``."""
        super().__init__()
        self._decide = decide
        self.queue: list[ReviewItem] | None = None
        self.busy = False
        self.notice: str | None = None
        """What the last decision did, as said above the suggestion."""

    def compose(self) -> ComposeResult:
        """A title, why the two may be one, the two sides, and the keys."""
        with Vertical(classes="dialog review"):
            yield Label(Content("Review: finding likely duplicates…"), id="review-title", classes="dialog-title")
            yield Label(Content(HINT), id="review-hint", classes="dialog-hint")  # above the sides: a small terminal cuts the bottom
            yield Static(Content(""), id="review-why")
            with Horizontal(id="review-sides"):
                yield Static(Content(""), id="review-first", classes="review-side")
                yield Static(Content(""), id="review-second", classes="review-side")

    def on_mount(self) -> None:
        """While the queue loads there are no sides to draw and no suggestion for the keys (unless the
        queue came before the screen mounted: then ``show`` has already said what to display)."""
        if self.queue is None:
            for part in ("#review-sides", "#review-hint"):
                self.query_one(part).display = False

    @property
    def current(self) -> ReviewItem | None:
        """The suggestion shown, if any."""
        return self.queue[0] if self.queue else None

    def show(self, queue: list[ReviewItem], notice: str | None = None) -> None:
        """Show the first of this queue (the dossier's suggestions now); ``notice`` says what was just done."""
        self.queue, self.busy, self.notice = queue, False, notice
        item = self.current
        title = self.query_one("#review-title", Label)
        why, first, second = (self.query_one(f"#review-{name}", Static) for name in ("why", "first", "second"))
        done = Content.assemble((one_line(notice) + "  ", "italic")) if notice else Content("")
        for part in ("#review-sides", "#review-hint"):  # empty sides would draw bare borders, keys act on nothing
            self.query_one(part).display = item is not None
        if item is None:
            title.update(Content("Review: nothing to review"))
            why.update(done + Content("No likely duplicates left. Press esc to close."))
            first.update(Content(""))
            second.update(Content(""))
            return
        suggestion = item.suggestion
        title.update(
            Content.assemble(
                "Review ", (f"1 of {len(queue)}", "bold"), f" · {suggestion.reason} · score {suggestion.score:.2f}"
            )
        )
        why.update(done + plain(suggestion.explanation))
        first.update(side_content(item.first, "left"))
        second.update(side_content(item.second, "right"))

    def _choose(self, operation: Operation | None) -> None:
        """Hand a decision on the shown suggestion to the opener (once; further keys wait for its answer)."""
        item = self.current
        if item is None or self.busy:
            return
        if operation is not None:
            self.busy = True
            self.query_one("#review-title", Label).update(Content("Review: saving…"))
        self._decide(item, operation)

    def action_merge(self, keep: int) -> None:
        """Merge the two; the kept side's id and name survive (0: left, 1: right)."""
        item = self.current
        if item is not None:
            first, second = item.first.id, item.second.id
            self._choose(Merge((first, second) if keep == 0 else (second, first)))

    def action_distinct(self) -> None:
        """Remember that the two are not the same (never suggested again)."""
        item = self.current
        if item is not None:
            self._choose(Distinct((item.first.id, item.second.id)))

    def action_skip(self) -> None:
        """Skip the suggestion for this session and show the next."""
        item = self.current
        if item is None or self.busy or self.queue is None:
            return
        self._decide(item, None)
        self.show(self.queue[1:], f"Skipped '{item.first.name}' / '{item.second.name}'.")


def side_content(side: ActorSide, label: str) -> Content:
    """One side: name, kind and counts, the dates of its events, its top sources and one sentence."""
    until = side.last_date if side.last_date != side.first_date else None
    dates = date_label(side.first_date, until) if side.first_date else "no dated events"
    lines = [
        Content.assemble((one_line(side.name), "bold"), (f"  ({label})", "dim")),
        plain(f"{side.kind} · {counted(side.mentions, 'mention')} in {counted(side.sources, 'source')}"),
        plain(f"{counted(side.events, 'event')} · {dates}"),
        plain(side.id, "dim"),
        plain("Top sources:", "underline"),
        *(plain(f" {count:>3}  {title}") for _, title, count in side.top_sources),
        Content(""),
        plain(f"“{side.sentence}”", "italic") if side.sentence else plain("(no sentence)", "dim"),
    ]
    return Content("\n").join(lines)
