"""The one place document text enters the UI: a 1:1 terminal-safe translation, then plain Content.

Wraps ``store.sanitize`` (ESC, C0/C1 controls and bidi overrides become visible stand-ins of
the same length, so source offsets stay valid) and builds Textual ``Content`` that is never
parsed as markup, so ``[@click=...]`` in a name is shown as typed.
"""

from __future__ import annotations

from textual.content import Content

from dossier.store.sanitize import sanitize

_LINE_BREAKS = str.maketrans({"\n": " ", "\t": " ", "\r": " "})


def clean(text: str | None) -> str:
    """``text`` with every terminal control shown as a visible character (same length)."""
    return sanitize(text or "")


def one_line(text: str | None) -> str:
    """``clean(text)`` folded onto one line, for list rows, titles and notifications."""
    return clean(text).translate(_LINE_BREAKS)


def plain(text: str | None, style: str = "") -> Content:
    """Literal one-line Content for data, optionally styled; markup in it stays text."""
    content = Content(one_line(text))
    return content.stylize(style) if style else content
