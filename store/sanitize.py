"""Make document text safe to show on a terminal, one character for one character.

Documents are hostile input: ESC-introduced sequences (CSI, OSC 52 clipboard writes,
OSC 8 links, DCS), 8-bit C1 controls such as U+009B (CSI) and bidi overrides can
reach the real terminal through any widget or ``print``. Every such character is
replaced by a visible stand-in of the same length, so offsets into the stored text
stay valid for whatever is shown: ESC becomes "␛", other C0 controls their Unicode
control pictures, C1 controls and bidi controls "�". Newline and tab are kept.
"""

from __future__ import annotations

import os

REPLACEMENT = "\ufffd"

_UNSAFE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
del _UNSAFE[ord("\n")], _UNSAFE[ord("\t")]
_UNSAFE[0x7F] = "\u2421"
_UNSAFE.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
_UNSAFE.update({code: REPLACEMENT for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_UNSAFE.update({0x200E: REPLACEMENT, 0x200F: REPLACEMENT, 0x061C: REPLACEMENT})

TRANSLATION = str.maketrans(_UNSAFE)


def sanitize(text: str) -> str:
    """``text`` with every terminal control character replaced by a visible one (same length)."""
    return text.translate(TRANSLATION)


def is_safe(text: str) -> bool:
    """Whether ``text`` holds no character that ``sanitize`` would replace."""
    return not any(ord(char) in _UNSAFE for char in text)


_ONE_LINE = str.maketrans(
    {**_UNSAFE, ord("\n"): "\u240a", ord("\t"): "\u2409", 0x85: REPLACEMENT, 0x2028: REPLACEMENT, 0x2029: REPLACEMENT}
)


def readable(text: str) -> str:
    """``text`` with bytes that were not UTF-8 (Python's surrogate escapes, as in file names) as ``\\xNN``:
    valid text that JSON can store and a terminal can show."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def readable_path(path: str | os.PathLike[str]) -> str:
    """A file system path as valid text (``readable``): exact when it is valid UTF-8."""
    return readable(os.fspath(path))


def one_line(text: str) -> str:
    """``text`` safe for a terminal and kept on its line, for paths and messages: controls, newlines,
    tabs and Unicode line separators all shown visibly (so a file name cannot forge an output line)."""
    return readable(text).translate(_ONE_LINE)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file system path as printed: one line, every control and bad byte visible."""
    return one_line(os.fspath(path))
