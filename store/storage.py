"""The dossier file on disk: a TinyDB JSON document parsed once with orjson and written atomically.

TinyDB's own JSONStorage re-reads the file on every call and rewrites it in place, so a
crash mid-write destroys the database. ``OrjsonStorage`` keeps the parsed data in memory,
lets TinyDB's batched table operations change it there, and only ``sync()`` touches the
disk: temp file in the same folder, fsync, hard-link the current file to ``.bak``, rename
over, fsync the folder. There is never a moment without a complete current file.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Any

import orjson

from dossier.store.errors import DossierCorrupt, DossierError


def dumps_one_record_per_line(data: dict[str, dict[str, Any]]) -> bytes:
    """The TinyDB document as JSON with one record per line: readable, greppable and diffable
    like indented JSON, at a third of its size (indentation puts every number of every
    mention on a line of its own)."""
    tables = []
    for table, records in data.items():
        rows = b",\n".join(
            b"    " + orjson.dumps(doc_id) + b": " + orjson.dumps(record) for doc_id, record in records.items()
        )
        tables.append(b"  " + orjson.dumps(table) + (b": {\n" + rows + b"\n  }" if rows else b": {}"))
    return b"{\n" + b",\n".join(tables) + b"\n}\n"


def backup_path_for(path: Path) -> Path:
    """The previous good version kept beside a dossier (``name.json`` -> ``name.json.bak``)."""
    return path.with_name(path.name + ".bak")


FileSignature = tuple[int, int, int]
"""(inode, size, mtime in ns): changes whenever another process replaces or edits the file."""


def file_signature(path: Path) -> FileSignature | None:
    """The current signature of ``path``, or None when it does not exist."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def real_path(path: Path) -> Path:
    """The file a dossier path names, symlinks followed (to a target that may not exist yet).

    Resolved once when a dossier is opened, so every write replaces the real file beside
    itself: an atomic rename over the link would swap the link for a copy (a silent fork).
    """
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def refuse_read_only(path: Path) -> None:
    """Raise ``DossierError`` if the user made the dossier file read-only (no write bit, or not
    writable by this user): an atomic rename would otherwise replace it regardless."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing (a new dossier) or unreadable: reading or writing says so
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise DossierError(
            f"{path} is read-only, so nothing was written to it; make it writable (chmod u+w) to change it."
        )


def read_file(path: Path) -> tuple[bytes, FileSignature]:
    """The bytes of a dossier file and the signature of exactly the version read."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            raw = handle.read()
    except IsADirectoryError as error:
        raise DossierError(f"{path} is a folder, not a dossier file") from error
    except OSError as error:
        raise DossierError(f"cannot read {path}: {error.strerror}") from error
    return raw, (status.st_ino, status.st_size, status.st_mtime_ns)


def parse_json(path: Path, raw: bytes) -> Any:
    """Parse a dossier file's bytes; damaged or truncated JSON raises ``DossierCorrupt``."""
    if not raw or raw.isspace():  # isspace stops at the first other byte: no copy of a big file
        raise DossierCorrupt(path, "the file is empty")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DossierCorrupt(path, f"invalid JSON: {error}") from None


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (best effort where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, payload: bytes) -> None:
    """Write every byte of ``payload`` to ``fd`` (``os.write`` may write less than asked)."""
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _keep_backup(path: Path, token: str) -> None:
    """Make ``<path>.bak`` the current file's content, without ever removing the current file."""
    backup = backup_path_for(path)
    staging = path.with_name(f".{path.name}.bak-{token}")
    try:
        os.link(path, staging)
    except OSError:
        # File systems without hard links: copy instead (slower, same guarantee).
        with open(path, "rb") as source, open(staging, "wb") as copy:
            while chunk := source.read(1 << 20):
                copy.write(chunk)
            copy.flush()
            os.fsync(copy.fileno())
    os.replace(staging, backup)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete temp files a killed writer left beside ``path``; call only while holding the writer lock."""
    removed = []
    for pattern in (f".{path.name}.tmp-*", f".{path.name}.bak-*"):
        for leftover in path.parent.glob(pattern):
            try:
                leftover.unlink()
            except OSError:
                continue
            removed.append(leftover)
    return removed


def write_file_atomically(path: Path, payload: bytes, *, keep_backup: bool = True, overwrite: bool = True) -> None:
    """Put ``payload`` at ``path`` so readers see either the old file or the new one, never a part of it.

    The bytes go to a temp file in the same folder and are fsync'd before they take the name:
    renamed over whatever ``path`` is (a symlink there is replaced, never followed) or, without
    ``overwrite``, given the name only while nothing has it (``FileExistsError`` otherwise, a
    dangling link included). On any failure the temp file is removed and the error raised.
    """
    folder = path.parent
    token = f"{os.getpid()}-{os.urandom(4).hex()}"
    temp = path.with_name(f".{path.name}.tmp-{token}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if not overwrite:
            _take_free_name(temp, path)
        else:
            if keep_backup and path.exists():
                _keep_backup(path, token)
            os.replace(temp, path)
        fsync_folder(folder)
    except BaseException:
        # Interrupted or failed: the current file was never touched; drop our partial files.
        for leftover in (temp, path.with_name(f".{path.name}.bak-{token}")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise


def _take_free_name(temp: Path, path: Path) -> None:
    """Give the written temp file the name ``path`` only if no entry has it (a hard link refuses any)."""
    try:
        os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: look, then rename (a writer racing in between is replaced).
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temp, path)
        return
    temp.unlink()


def atomic_write(path: Path, payload: bytes, *, keep_backup: bool = True) -> None:
    """Replace the dossier file ``path`` with ``payload`` (``write_file_atomically``), keeping ``.bak``.

    On any OSError (disk full, permissions...) the previous version stays in place, the temp
    file is removed and a ``DossierError`` says so.
    """
    try:
        write_file_atomically(path, payload, keep_backup=keep_backup)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DossierError(
            f"could not save {path}: {reason}. The previous version of the file is intact; "
            "nothing added since the last save was written."
        ) from error
