"""Finding input files and reading each one into plain text, refusing hostile files with a reason.

Source files are hostile input: anything may be binary, huge, badly encoded, a FIFO, a symlink
loop or deeply nested HTML. Every refusal is one clear line (``UnreadableDocument`` or
``ReadFailure``) and never stops the files around it from being read.

Limits (``Limits``), each settable as an argument or through the environment:

* ``max_bytes`` (``DOSSIER_MAX_BYTES``, default 50 MB): larger files are refused from their
  size alone, without reading them.
* ``max_line_chars`` (``DOSSIER_MAX_LINE_CHARS``, default 1,000,000): a text with a longer line
  is refused (no article has one; minified data and dumps do).
* ``max_chars`` (``DOSSIER_MAX_CHARS``, default 2,000,000): a longer text is refused as soon as it
  is decoded. Ingest time is linear in the text (about 20,000 characters a second per core), so
  the default bounds one document to under two minutes of holding the dossier's writer lock.

Inside a named folder, a symbolic link whose target lies outside that folder is skipped with a
``SkippedLink`` line (a link named directly on the command line is the user's choice and is read).
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | HTML_SUFFIXES

FRONT_MATTER_KEYS: tuple[str, ...] = ("title", "date", "publisher", "url", "place")
_FRONT_MATTER_MAX_CHARS = 16_384
_FRONT_VALUE_MAX_CHARS = 1_000
_SNIFF_BYTES = 8_192
_SURROGATE = re.compile("[\ud800-\udfff]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _env_int(name: str, default: int) -> int:
    """A positive integer from the environment variable ``name``, else ``default``."""
    raw = os.environ.get(name, "").strip().replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits past which a file is refused; defaults come from the environment."""

    max_bytes: int = field(
        default_factory=lambda: _env_int("DOSSIER_MAX_BYTES", 50 * 1024 * 1024)
    )
    max_line_chars: int = field(
        default_factory=lambda: _env_int("DOSSIER_MAX_LINE_CHARS", 1_000_000)
    )
    max_chars: int = field(default_factory=lambda: _env_int("DOSSIER_MAX_CHARS", 2_000_000))


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A file's stored text (LF line ends, no front matter), its front-matter fields, and warnings
    about what reading it left as it was (an invalid front-matter block stays in the text)."""

    path: Path
    text: str
    front: dict[str, str]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A path that could not be listed or read, with a one-line reason for the user."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class SkippedLink:
    """A symbolic link inside a named folder that leads out of it, skipped, with a one-line reason."""

    path: Path
    reason: str


class UnreadableDocument(Exception):
    """Raised when a file cannot become a document; ``reason`` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def iter_input_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterator[Path | ReadFailure | SkippedLink]:
    """Supported files under ``paths`` (folders recursively, sorted), or failures to report.

    Files named directly with an unsupported type are refused with a reason; inside folders
    they are skipped silently. Symlinked folders are followed once each, so loops end; a link
    inside a folder that leads out of it is skipped and reported.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not the characters of its name
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except FileNotFoundError:
            kind = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            yield ReadFailure(path, kind)
            continue
        except OSError as error:
            yield ReadFailure(path, _os_reason(error))
            continue
        except ValueError:  # a NUL byte in the name
            yield ReadFailure(path, "invalid file name")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, seen_dirs, seen_files)
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield ReadFailure(path, _unsupported_reason(path))
        elif not stat.S_ISREG(info.st_mode):
            yield ReadFailure(path, "not a regular file")
        elif (info.st_dev, info.st_ino) not in seen_files:
            seen_files.add((info.st_dev, info.st_ino))
            yield path


def _walk(
    folder: Path, seen_dirs: set[tuple[int, int]], seen_files: set[tuple[int, int]]
) -> Iterator[Path | ReadFailure | SkippedLink]:
    """Supported files under ``folder`` in name order, visiting each real folder once.

    Iterative (a stack of folder listings), so that no depth of nesting exhausts recursion.
    Links are followed only while they stay inside the real ``folder``.
    """
    root = os.path.realpath(folder)
    listing = _list_folder(folder, seen_dirs)
    if isinstance(listing, ReadFailure):
        yield listing
        return
    stack = [iter(listing)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        try:
            child_info = child.stat()
        except OSError as error:
            if child.suffix.lower() in SUPPORTED_SUFFIXES:
                broken = isinstance(error, FileNotFoundError) and child.is_symlink()
                yield ReadFailure(child, "broken symbolic link" if broken else _os_reason(error))
            continue
        wanted = stat.S_ISDIR(child_info.st_mode) or child.suffix.lower() in SUPPORTED_SUFFIXES
        if wanted and child.is_symlink() and not _inside(os.path.realpath(child), root):
            yield SkippedLink(child, f"skipped: symbolic link to {os.path.realpath(child)}, outside {root}")
            continue
        if stat.S_ISDIR(child_info.st_mode):
            listing = _list_folder(child, seen_dirs)
            if isinstance(listing, ReadFailure):
                yield listing
            else:
                stack.append(iter(listing))
        elif (
            stat.S_ISREG(child_info.st_mode)
            and child.suffix.lower() in SUPPORTED_SUFFIXES
            and (child_info.st_dev, child_info.st_ino) not in seen_files
        ):
            seen_files.add((child_info.st_dev, child_info.st_ino))
            yield child


def _inside(path: str, root: str) -> bool:
    """Whether the real ``path`` is ``root`` or lies below it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _list_folder(folder: Path, seen_dirs: set[tuple[int, int]]) -> list[Path] | ReadFailure:
    """The entries of a folder not seen before, sorted by name; empty for a folder seen already."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen_dirs:
            return []
        seen_dirs.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as entries:
            return [Path(entry.path) for entry in sorted(entries, key=lambda entry: entry.name)]
    except OSError as error:
        return ReadFailure(folder, _os_reason(error))


def _unsupported_reason(path: Path) -> str:
    """Why a directly named file of another type is refused."""
    kind = path.suffix.lower() or "no extension"
    return f"unsupported file type ({kind}); dossier reads .txt, .md, .markdown, .html, .htm"


def _os_reason(error: OSError) -> str:
    """One lower-case line for an operating-system error ("permission denied")."""
    return (error.strerror or error.__class__.__name__).lower()


def read_document(path: str | os.PathLike[str], limits: Limits | None = None) -> RawDocument:
    """Read one file into a ``RawDocument`` or raise ``UnreadableDocument`` with the reason."""
    limits = limits or Limits()
    path = Path(path)
    data = _read_bytes(path, limits)
    warnings: tuple[str, ...] = ()
    if path.suffix.lower() in HTML_SUFFIXES:
        text, front = _html_to_text(_decode(data))
    else:
        text, front, warning = _front_matter(_normalise_newlines(_decode(data)))
        warnings = (warning,) if warning else ()
    if not text.strip():
        raise UnreadableDocument("empty file" if not front else "no text besides front matter")
    _check_line_length(text, limits)
    if len(text) > limits.max_chars:
        raise UnreadableDocument(
            f"longer than {limits.max_chars:,} characters ({len(text):,}; limit: DOSSIER_MAX_CHARS)"
        )
    return RawDocument(path, text, front, warnings)


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, after refusing non-regular, empty and oversized files from ``fstat``."""
    try:
        # O_NONBLOCK so that a FIFO named like a text file cannot hang the reader.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise UnreadableDocument(_os_reason(error)) from error
    except ValueError as error:  # a NUL byte in the name
        raise UnreadableDocument("invalid file name") from error
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableDocument("is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableDocument("not a regular file")
        if info.st_size == 0:
            raise UnreadableDocument("empty file")
        if info.st_size > limits.max_bytes:
            raise UnreadableDocument(
                f"larger than {_format_size(limits.max_bytes)} (limit: DOSSIER_MAX_BYTES)"
            )
        try:
            # One byte past the limit, in case the file grew since fstat.
            data = handle.read(limits.max_bytes + 1)
        except OSError as error:
            raise UnreadableDocument(_os_reason(error)) from error
    if len(data) > limits.max_bytes:
        raise UnreadableDocument(
            f"larger than {_format_size(limits.max_bytes)} (limit: DOSSIER_MAX_BYTES)"
        )
    if not data:
        raise UnreadableDocument("empty file")
    return data


def _format_size(size: int) -> str:
    """A byte count as the user would write it ("50 MB", "1,024 bytes")."""
    megabytes = size / (1024 * 1024)
    if size >= 1024 * 1024 and megabytes == int(megabytes):
        return f"{int(megabytes)} MB"
    return f"{size:,} bytes"


def _decode(data: bytes) -> str:
    """Text from bytes: by byte-order mark, else UTF-8, else the detected encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableDocument(f"invalid {encoding.upper()} text") from error
    if b"\x00" in data[:_SNIFF_BYTES] or _looks_binary(data[:_SNIFF_BYTES]):
        raise UnreadableDocument("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes: keep UTF-8 and mark the damage with U+FFFD.
    repaired = data.decode("utf-8", errors="replace")
    damage = repaired.count("\ufffd")
    valid_sequences = sum(1 for char in repaired if char > "\x7f") - damage
    if valid_sequences >= damage:
        return repaired
    return _decode_detected(data)


def _looks_binary(sample: bytes) -> bool:
    """True when a sample holds many control bytes that text never contains."""
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    return controls > max(4, len(sample) // 100)


def _decode_detected(data: bytes) -> str:
    """Text in the encoding charset_normalizer finds likeliest (Windows-1252 on a tie)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableDocument("binary file (no known text encoding fits)")
    best = matches[0]
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            best = match
            break
    return str(best)


def _normalise_newlines(text: str) -> str:
    """LF line ends (CRLF and lone CR become LF) and no leading byte-order mark."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _check_line_length(text: str, limits: Limits) -> None:
    """Refuse a text with any line longer than ``limits.max_line_chars``."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limits.max_line_chars:
            raise UnreadableDocument(
                f"line longer than {limits.max_line_chars:,} characters"
                " (limit: DOSSIER_MAX_LINE_CHARS)"
            )
        start = end + 1


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Remove a YAML front-matter block (``---`` ... ``---``) from the top of ``text``.

    Returns the remaining text and the known keys (title, date, publisher, url, place) as
    strings. A block that is not valid YAML or not a mapping is left in the text untouched.
    """
    body, front, _warning = _front_matter(text)
    return body, front


def _front_matter(text: str) -> tuple[str, dict[str, str], str | None]:
    """``split_front_matter``, plus a one-line warning when a block was found but left in the text."""
    if not text.startswith("---\n"):
        return text, {}, None
    closing = -1
    for marker in ("\n---\n", "\n...\n", "\n---", "\n..."):
        found = text.find(marker, 3, _FRONT_MATTER_MAX_CHARS)
        if found >= 0 and (marker.endswith("\n") or found + len(marker) == len(text)):
            closing = found if closing < 0 else min(closing, found)
    if closing < 0:
        return text, {}, None
    try:
        loaded = yaml.safe_load(text[4 : closing + 1])
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:
        # PyYAML raises ValueError for an impossible date ("date: 2007-02-30").
        problem = " ".join(str(error).split())[:200]
        return text, {}, f"front matter kept in the text: not valid YAML ({problem})"
    if not isinstance(loaded, dict):
        return text, {}, None
    front: dict[str, str] = {}
    for key in FRONT_MATTER_KEYS:
        value = loaded.get(key)
        if isinstance(value, dt.datetime | dt.date):
            front[key] = value.isoformat()
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            # A quoted "\\udcff" escape gives a lone surrogate, which the dossier cannot store.
            valid = _SURROGATE.sub("\ufffd", str(value))
            cleaned = " ".join(valid.split())[:_FRONT_VALUE_MAX_CHARS]
            if cleaned:
                front[key] = cleaned
    body_start = text.find("\n", closing + 1)
    body_start = len(text) if body_start < 0 else body_start + 1
    while text.startswith("\n", body_start):
        body_start += 1
    return text[body_start:], front, None


def _html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text of a web page (one paragraph per block) and its metadata, via trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (RecursionError, ValueError, TypeError, AttributeError, MemoryError) as error:
        raise UnreadableDocument(f"HTML could not be parsed ({type(error).__name__})") from error
    document = None if extracted is None or isinstance(extracted, dict) else extracted
    body = document.text if document is not None else None
    if document is None or not body or not body.strip():
        raise UnreadableDocument("no readable text found in the HTML page")
    paragraphs = [line.strip() for line in _normalise_newlines(body).split("\n")]
    text = "\n\n".join(line for line in paragraphs if line)
    front: dict[str, str] = {}
    for key, value in (
        ("title", document.title),
        ("date", document.date),
        ("publisher", document.sitename),
        ("url", document.url),
    ):
        if isinstance(value, str) and value.strip():
            front[key] = " ".join(value.split())[:_FRONT_VALUE_MAX_CHARS]
    return text, front
