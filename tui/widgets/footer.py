"""The key footer, redrawn only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer recomposes all its key widgets whenever bindings may have changed,
    which is every focus move (about 100 ms at 160 columns, profiled). Moving between panes
    mostly leaves the shown keys as they were, so this one recomposes only when they differ."""

    _shown: tuple[tuple[str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        """Recompose only if the shown keys (key, description, enabled, tooltip) changed."""
        shown = tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
