"""The key footer: one line of text listing the screen's main keys."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

Shown = tuple[tuple[str, str, str, bool], ...]
GAP = " "


class KeyFooter(Widget):
    """The screen's shown bindings drawn as one line of text (a click on a key presses it).

    Textual's ``Footer`` recomposes a widget per key whenever bindings may have changed —
    every focus move — which profiled at tens of milliseconds a keypress here; this footer
    only repaints its single line, and only when the keys it shows differ.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description", "key-footer--disabled"}

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    KeyFooter > .key-footer--key { color: $footer-key-foreground; text-style: bold; }
    KeyFooter > .key-footer--description { color: $footer-description-foreground; }
    KeyFooter > .key-footer--disabled { color: $text-disabled; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """An empty footer until the screen's bindings are known."""
        super().__init__(id=id)
        self.shown: Shown = ()

    def on_mount(self) -> None:
        """Follow the screen's bindings (focus moves and enabled actions change them)."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Repaint only if the shown keys (key, label, description, enabled) changed."""
        shown: list[tuple[str, str, str, bool]] = []
        seen_actions: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            if (binding.show or binding.key == palette_key) and binding.action not in seen_actions:
                seen_actions.add(binding.action)
                label = self.app.get_key_display(binding)
                shown.append((binding.key, label, binding.description, enabled))
        if tuple(shown) != self.shown:
            self.shown = tuple(shown)
            self.refresh()

    def _items(self) -> list[tuple[str, str, str, bool]]:
        """Each shown key as (key, " label ", "description ", enabled), in drawing order."""
        return [(key, f" {label} ", f"{description} ", enabled) for key, label, description, enabled in self.shown]

    def render(self) -> RenderResult:
        """Each key bold, then its description; keys that cannot act now are dimmed."""
        key_style = Style.from_rich_style(self.get_component_rich_style("key-footer--key"))
        description_style = Style.from_rich_style(self.get_component_rich_style("key-footer--description"))
        disabled_style = Style.from_rich_style(self.get_component_rich_style("key-footer--disabled"))
        return Content(GAP).join(
            Content.assemble(
                (label, key_style if enabled else disabled_style),
                (description, description_style if enabled else disabled_style),
            )
            for _key, label, description, enabled in self._items()
        )

    def on_click(self, event: events.Click) -> None:
        """A click on a key (or its description) presses that key."""
        x = 0
        for key, label, description, _enabled in self._items():
            x += cell_len(label) + cell_len(description)
            if event.x < x:
                self.app.simulate_key(key.split(",")[0])
                return
            x += cell_len(GAP)
