"""Widgets of the dossier UI; each posts intent messages from ``tui.messages``."""
