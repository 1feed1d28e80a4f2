"""The inline prompt: a few lines at the foot of the main screen that ask for a line of text or one
choice, like vim's command line, and answer with an ``Answered`` message.

It is shown and hidden in place on its own layer over the panes, so nothing beneath it moves:
hiding it repaints its own lines and the pane the keyboard returns to, where closing a modal
screen re-rendered the whole screen beneath it. The screen that asked closes it (``close``) when
it is done with the answer: an edit closes it in the same frame as it shows its result.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester, SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

MATCHES_SHOWN = 8
"""The most completions the matches line lists for the word being typed."""
TEXT_HINT = "enter apply · → or tab completes · escape cancel"
CHOICE_HINT = "↑/↓ or j/k choose · enter pick · escape cancel"


class LastWordSuggester(Suggester):
    """Completes the last word typed from known words (tags), keeping the words before it."""

    def __init__(self, words: list[str]) -> None:
        """Offer these words, matched without regard to case."""
        super().__init__(use_cache=False, case_sensitive=True)
        self.words = words

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last word completed to the first known word it begins (a leading
        ``-`` for removal is kept)."""
        head, _, last = value.rpartition(" ")
        sign = "-" if last.startswith("-") else ""
        stem = last.removeprefix("-").casefold()
        if not stem:
            return None
        for word in self.words:
            if word.casefold().startswith(stem) and word.casefold() != stem:
                return f"{head} {sign}{word}" if head else f"{sign}{word}"
        return None


class PromptBar(Vertical):
    """Asks one question at a time at the foot of the screen: a line of text (``ask_text``) or one
    of a few options (``choose``); escape answers None. Hidden when no question is open; the
    question stays open after its answer until the screen closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close the prompt without changing anything"),
        Binding("tab", "complete", "Complete", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    class Answered(Message):
        """The open question was answered: the text typed (stripped; None when empty), the id of
        the option picked, or None on escape."""

        def __init__(self, answer: str | None) -> None:
            """Carry the answer."""
            super().__init__()
            self.answer = answer

    def __init__(self, *, id: str | None = None) -> None:
        """A closed prompt."""
        super().__init__(id=id)
        self.is_open = False
        self.options: list[tuple[str, Text]] = []
        """The options of the open choice, as (id, label)."""
        self._hint = ""
        self._completions: list[tuple[str, str]] = []
        """The completions of the open text question, each as (casefolded, as shown)."""
        self._whole = False
        self._returns_to: Widget | None = None
        self._answered = False

    def compose(self) -> ComposeResult:
        """The question and its field on one line, the options of a choice, and a hint line."""
        with Horizontal(id="prompt-line"):
            yield Label(id="prompt-title", markup=False)
            yield Input(id="prompt-input", select_on_focus=False)
        yield OptionList(id="prompt-options")
        yield Label(id="prompt-hint", markup=False)

    def on_mount(self) -> None:
        """Start hidden."""
        self.display = False

    # --- asking ----------------------------------------------------------------------------

    def ask_text(
        self, title: str, value: str = "", *, hint: str = "", completions: list[str] | None = None, whole: bool = False
    ) -> None:
        """Ask ``title`` starting from ``value``; ``completions`` complete the last word typed (``whole``:
        the whole value, e.g. an actor's name of several words) and are listed as they match."""
        field = self.query_one(Input)
        self._completions = [(word.casefold(), word) for word in completions or []]
        self._whole = whole
        self._hint = hint or TEXT_HINT
        field.suggester = None
        if completions:
            field.suggester = SuggestFromList(completions, case_sensitive=False) if whole else LastWordSuggester(completions)
        with self.app.batch_update():
            self.query_one("#prompt-options", OptionList).display = False
            field.display = True
            field.value = value
            field.cursor_position = len(value)
            self._open(title + " ›", field)
            self._show_matches(value)

    def choose(self, title: str, options: list[tuple[str, Text]], *, highlight: str | None = None) -> None:
        """Offer these (id, label) options under ``title``, the cursor on ``highlight`` (else the first)."""
        self.options = options
        self._hint = CHOICE_HINT
        choices = self.query_one("#prompt-options", OptionList)
        with self.app.batch_update():
            self.query_one(Input).display = False
            choices.set_options([Option(label, id=option_id) for option_id, label in options])
            ids = [option_id for option_id, _ in options]
            choices.display = True
            choices.highlighted = ids.index(highlight) if highlight in ids else 0
            self.query_one("#prompt-hint", Label).update(Content(self._hint))
            self._open(title, choices)

    def _open(self, title: str, field: Widget) -> None:
        """Show the question and give its field the keyboard (the focus returns where it was on closing)."""
        self.query_one("#prompt-title", Label).update(Content(title))
        if not self.is_open:
            self._returns_to = self.screen.focused
        self.is_open = True
        self._answered = False
        self.display = True
        self._lend_keyboard(field)
        self.screen.refresh_bindings()

    def _lend_keyboard(self, field: Widget) -> None:
        """Send the keys to ``field`` while the widget that had them keeps its focus and its look.

        ``Screen.set_focus`` would blur that widget and restyle its pane (``:focus-within``), repainting
        both whole and so the whole screen, and again when the keyboard comes back: most of what
        closing the prompt cost (profiled). Keys go to ``Screen.focused``; only the field is told."""
        screen = self.screen
        previous = screen.focused
        if previous is field:
            return
        screen.focused = field
        field.post_message(events.Focus())
        if previous is not None and self in previous.ancestors:  # the field of the question before
            previous.post_message(events.Blur())

    # --- answering -------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Answer with the text typed (None when nothing was)."""
        event.stop()
        self._answer(event.value.strip() or None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Answer with the chosen option's id."""
        event.stop()
        self._answer(event.option.id)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        """List the completions of what is being typed."""
        event.stop()
        if self.is_open:
            self._show_matches(event.value)

    def action_cancel(self) -> None:
        """Answer None (escape closes this layer only)."""
        self._answer(None)

    def action_complete(self) -> None:
        """Accept the completion offered (tab, as → does)."""
        field = self.query_one(Input)
        if field.display:
            field.action_cursor_right()

    def action_move(self, step: int) -> None:
        """Move the highlight of a choice with j/k."""
        choices = self.query_one("#prompt-options", OptionList)
        choices.action_cursor_down() if step > 0 else choices.action_cursor_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """j/k move a choice's highlight; in a text field they are letters."""
        if action == "move":
            return self.query_one("#prompt-options", OptionList).display
        return True

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """A click elsewhere (focus leaving the prompt) cancels the question."""
        self.call_after_refresh(self._cancel_if_left)

    def _cancel_if_left(self) -> None:
        """Cancel if the prompt is still open but no longer has the keyboard."""
        focused = self.screen.focused
        if self.is_open and (focused is None or self not in focused.ancestors):
            self._answer(None)  # closing leaves the keyboard where the user put it

    def _answer(self, answer: str | None) -> None:
        """Post the answer to the open question (once: a second enter while its edit is applied is ignored)."""
        if self.is_open and not self._answered:
            self._answered = True
            self.post_message(self.Answered(answer))

    def close(self) -> None:
        """Hide the prompt and give the keyboard back where it was before the question."""
        if not self.is_open:
            return
        self._give_keyboard_back()
        self.is_open = False
        self.display = False
        self.options = []
        self._returns_to = None
        self.screen.refresh_bindings()

    def _give_keyboard_back(self) -> None:
        """Send the keys back to the widget that lent them (it kept its focus and its look), unless the
        answer or a click already put the keyboard elsewhere: then that widget is blurred after all."""
        screen = self.screen
        focused = screen.focused
        lender = self._returns_to if self._returns_to is not None and self._returns_to.is_attached else None
        if focused is not None and self in focused.ancestors:
            if lender is not None and lender.has_focus:
                screen.focused = lender
                focused.post_message(events.Blur())
            else:
                screen.set_focus(lender)  # blurs the field
        elif lender is not None and lender is not focused and lender.has_focus:
            lender.post_message(events.Blur())
            screen._update_focus_styles(blurred=lender)  # its pane no longer has the keyboard within

    def _show_matches(self, value: str) -> None:
        """The hint line: the known completions of the word being typed, else the question's hint."""
        stem = (value if self._whole else value.rpartition(" ")[2].removeprefix("-")).casefold().strip()
        matches: list[str] = []
        if stem and self._completions:
            for folded, word in self._completions:
                if folded.startswith(stem):
                    matches.append(word)
                    if len(matches) == MATCHES_SHOWN:
                        break
        hint = Content.assemble(("→ ", "bold"), " · ".join(matches)) if matches else Content(self._hint)
        self.query_one("#prompt-hint", Label).update(hint)
