""""Connect two actors": pick the second actor by name, then see the shortest chains of shared
events (or a shared sentence) between the two, each link with its evidence one ``enter`` away.

The chains are listed before the view is painted when they are at hand (kept for the dossier as
it is, or the one link of two actors sharing an event: one paint, not two), else searched in a
worker (``store.connections.chains``); the view closes with a ``ViewOutcome`` (the event or
sentence to open, and where the view stood).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from dossier.store.connections import Link, chains, chains_at_hand
from dossier.store.records import Span
from dossier.tui.labels import actor_label, counted, event_label
from dossier.tui.navigation import Pane, ViewOutcome, ViewPlace
from dossier.tui.rows import Rows
from dossier.tui.sanitize import one_line
from dossier.tui.widgets.record_list import RecordList

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

PICK_LIMIT = 12
"""Actors offered for a typed name."""


class PickActor(ModalScreen[str | None]):
    """Type a name, pick an actor; dismisses with its id, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("enter", "pick", "Pick", priority=True),
    ]

    def __init__(self, dossier: Dossier, question: str) -> None:
        """Ask ``question`` and offer the dossier's actors matching what is typed."""
        super().__init__()
        self.dossier = dossier
        self.question = question

    def compose(self) -> ComposeResult:
        """The question, the name field and the matching actors."""
        with Vertical(classes="dialog search"):
            yield Label(Content(self.question), classes="dialog-title")
            yield Input(placeholder="actor name", id="pick-name")
            yield OptionList(id="pick-actors")

    def on_mount(self) -> None:
        """Take the keyboard in the name field."""
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _typed(self, message: Input.Changed) -> None:
        """Look the name up off the UI thread."""
        self._find(message.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pick")
    def _find(self, query: str) -> None:
        """Actors matching the name, best first, then shown on the UI thread."""
        actors = self.dossier.search(query, PICK_LIMIT).actors if len(query.strip()) >= 2 else []
        options = [Option(actor_label(actor), id=actor.id) for actor, _score in actors]
        self.app.call_from_thread(self._offer, options)

    def _offer(self, options: list[Option]) -> None:
        """Offer these actors, the best highlighted."""
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        listing.highlighted = 0 if options else None

    def action_move(self, step: int) -> None:
        """Move the highlight."""
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if step > 0 else listing.action_cursor_up()

    def action_pick(self) -> None:
        """Answer with the highlighted actor."""
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            self.dismiss(listing.get_option_at_index(listing.highlighted).id)

    @on(OptionList.OptionSelected)
    def _clicked(self, message: OptionList.OptionSelected) -> None:
        """A clicked actor is the answer."""
        self.dismiss(message.option.id)


class ChainsScreen(Screen[ViewOutcome | None]):
    """The shortest chains between two actors, one row per chain and one per link with its evidence."""

    DEFAULT_CSS = """
    ChainsScreen { align: center middle; }
    ChainsScreen > Vertical { width: 100%; height: 100%; border: round $accent; background: $surface; }
    ChainsScreen .view-title { height: 1; padding: 0 1; }
    ChainsScreen #chains-keys { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("left_square_bracket", "back", "Back", show=False),
    ]

    def __init__(self, dossier: Dossier, place: ViewPlace) -> None:
        """The chains between ``place.subject``'s two actors, the cursor on ``place.cursor`` when reopened."""
        super().__init__()
        self.dossier = dossier
        self._generation = 0
        self._start(place)

    def _start(self, place: ViewPlace) -> None:
        """Forget what was listed; search the chains between ``place``'s two actors."""
        self.place = place
        self.rows: dict[str, tuple[Text, str | None, Span | None]] = {}
        self.searched = False
        """Whether the search has finished (its chains, if any, are listed)."""
        self._generation += 1

    def reopen(self, place: ViewPlace) -> None:
        """Search two other actors (or the same again) in this screen, kept between openings so that
        opening the view costs no compose, stylesheet pass or resize: as a new screen would."""
        self._start(place)
        self.query_one("#chains", RecordList).focus()
        self._list_chains(searching=True)

    def _title(self, found: str) -> Text:
        """The question, and what the search found (or that it is searching)."""
        first, second = self.place.subject
        return Text.assemble("How are ", (self._actor_name(first), "bold"), " and ", (self._actor_name(second), "bold"),
                             " connected?", (f" · {found}", "dim"))

    def _actor_name(self, actor_id: str) -> str:
        """An actor's name for a row (its id if it is gone)."""
        return one_line(self.dossier.actor_brief(actor_id)[0]) if actor_id in self.dossier.actors else actor_id

    def compose(self) -> ComposeResult:
        """Title, the chains and the keys."""
        with Vertical():
            yield Static(self._title("searching…"), id="chains-title", classes="view-title", markup=False)
            yield RecordList(Pane.DETAIL, self._row, empty="Searching…", id="chains")
            yield Static(Text("enter open the evidence · esc close", no_wrap=True, overflow="ellipsis"),
                         id="chains-keys", markup=False)

    def on_mount(self) -> None:
        """List the chains, or search them off the UI thread."""
        self.query_one("#chains", RecordList).focus()
        self._list_chains(searching=False)

    def _list_chains(self, *, searching: bool) -> None:
        """List the chains now when they are at hand, else search them off the UI thread (saying so
        first when the list shows an earlier search: ``searching``)."""
        first, second = self.place.subject
        at_hand = chains_at_hand(self.dossier, first, second)
        if at_hand is not None:
            self._show(at_hand, self._generation)
            return
        if searching:
            self.query_one("#chains-title", Static).update(self._title("searching…"), layout=False)
            listing = self.query_one("#chains", RecordList)
            listing.empty = "Searching…"
            listing.set_rows(Rows(()), redraw=True)
        self._search(self._generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="chains")
    def _search(self, generation: int) -> None:
        """Find the chains, then list them on the UI thread."""
        first, second = self.place.subject
        found = chains(self.dossier, first, second)
        self.app.call_from_thread(self._show, found, generation)

    def _show(self, found: list[list[Link]], generation: int) -> None:
        """One row naming each chain, then one per link with its evidence (unless reopened meanwhile)."""
        if generation != self._generation:
            return
        rows: dict[str, tuple[Text, str | None, Span | None]] = {}
        for number, chain in enumerate(found):
            names = [self._actor_name(chain[0].first), *(self._actor_name(link.second) for link in chain)]
            rows[f"chain {number}"] = (Text.assemble((f"{number + 1}. ", "bold"), " → ".join(names)), None, None)
            for step, link in enumerate(chain):
                rows[f"link {number} {step}"] = self._link_row(link)
        summary = counted(len(found), "shortest chain") if found else "no chain of shared events or sentences"
        self.query_one("#chains-title", Static).update(self._title(summary), layout=False)
        self.rows = rows
        listing = self.query_one("#chains", RecordList)
        listing.empty = "Not connected through shared events or sentences"
        listing.set_rows(Rows(list(rows)), select=self.place.cursor, redraw=True)
        self.searched = True

    def _link_row(self, link: Link) -> tuple[Text, str | None, Span | None]:
        """A link: the two actors and its first piece of evidence (an event, else a sentence)."""
        pair = f"   {self._actor_name(link.first)} — {self._actor_name(link.second)}: "
        if link.events and (event := self.dossier.events.get(link.events[0])):
            more = f"  (+{len(link.events) - 1} more)" if len(link.events) > 1 else ""
            return Text.assemble(pair, event_label(event), (more, "dim")), event.id, None
        if link.sentences:
            span = link.sentences[0]
            text = " ".join(self.dossier.sources.text(span.source)[span.start:span.end].split())
            more = f"  (+{len(link.sentences) - 1} more)" if len(link.sentences) > 1 else ""
            return Text.assemble(pair, ("“", "dim"), one_line(text), ("”", "dim"), (more, "dim")), span.source, span
        return Text(pair), None, None

    def _row(self, row_id: str) -> Text:
        """One row."""
        return self.rows[row_id][0] if row_id in self.rows else Text(row_id)

    @on(RecordList.Chosen, "#chains")
    def _open(self, message: RecordList.Chosen) -> None:
        """Open a link's evidence (a chain's own row opens its first link's)."""
        row_id = message.record_id
        if row_id.startswith("chain "):
            row_id = "link " + row_id.split(" ", 1)[1] + " 0"
        _label, record_id, span = self.rows.get(row_id, (Text(), None, None))
        if record_id is not None:
            self.dismiss(ViewOutcome(self.current_place(), record_id=record_id, span=span))

    def current_place(self) -> ViewPlace:
        """Where the view stands: its two actors and the row under the cursor."""
        return ViewPlace("chains", self.place.subject, self.query_one("#chains", RecordList).current_id)

    def action_back(self) -> None:
        """Close and go back in the main screen's history."""
        self.dismiss(ViewOutcome(self.current_place(), back=True))
