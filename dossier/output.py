"""What the command line prints: one terminal-safe line per path or message, and JSON that
carries data exactly without letting a control character reach the terminal.

``store.sanitize`` keeps newlines and tabs (document text needs them); a path or a message
must stay on its line, so here they become visible control pictures too. A path that is not
valid UTF-8 (surrogate-escaped by Python) is shown with ``\\xNN`` for its bad bytes instead of
failing to encode. JSON output escapes every character the sanitiser would replace as
``\\uXXXX``: the terminal sees plain ASCII, a JSON reader gets the exact string back.
"""

from __future__ import annotations

import sys

import orjson

from dossier.store.sanitize import TRANSLATION, one_line, readable_path, shown_path

__all__ = ["CliError", "json_text", "one_line", "print_json", "readable_path", "say", "shown_path"]

_UNICODE_LINE_BREAKS = (0x85, 0x2028, 0x2029)
_JSON_ESCAPES = str.maketrans(
    {code: f"\\u{code:04x}" for code in (*TRANSLATION, 0x7F, *_UNICODE_LINE_BREAKS) if code >= 0x7F}
)


class CliError(Exception):
    """A failure to report as one line on stderr."""


def json_text(value: object) -> str:
    """``value`` as indented JSON whose terminal controls (C1, bidi, DEL) are ``\\uXXXX`` escapes."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode().translate(_JSON_ESCAPES)


def print_json(value: object) -> None:
    """Print one JSON value, safe for the terminal and exact for a JSON reader."""
    sys.stdout.write(json_text(value) + "\n")


def say(message: str) -> None:
    """Print one line to stderr, prefixed with ``dossier:`` and made terminal-safe."""
    print(f"dossier: {one_line(message)}", file=sys.stderr)
