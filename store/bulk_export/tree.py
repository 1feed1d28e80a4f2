"""Writing a whole export folder: built beside the target, unchanged files kept, then swapped in.

A bulk export is a folder of many files. ``ExportTree`` writes each file into a fresh temporary
folder next to the target; a file whose bytes equal the previous export's file of the same name is
hard-linked (or, where links are impossible, copied with its times) instead of written, so a
re-export rewrites only what changed and a vault's unchanged notes keep their inode and
modification time (Obsidian, sync tools and ``rsync`` see no change). On success the finished
folder replaces the target by two renames (the old one moved aside, the new one moved in, the old
one deleted); on any failure the temporary folder is removed and the target is left as it was.

A target that exists must be an empty folder or a previous export (it holds ``MARKER``): the swap
deletes the old folder, so a bulk export never replaces a folder it did not write. What the old
folder holds that no export writes (Obsidian's ``.obsidian`` settings, notes the analyst added) is
moved into the new folder before the swap; the previous export's own files that this export did
not write again (a record since deleted or hidden, another format's files) are dropped.
"""

from __future__ import annotations

import filecmp
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from dossier.store.export import ExportFailed

MARKER = ".dossier-export.json"
"""The file that marks a folder as a bulk export (what wrote it), so re-exporting may replace it."""


class ExportTree:
    """A folder being exported: ``write`` each file, then leaving the ``with`` block swaps it in."""

    def __init__(self, target: Path, kind: str, owns: Callable[[str], bool]) -> None:
        """Prepare to export ``kind`` (vault, graph, csv, ftm) into the folder ``target``; ``owns``
        tells the names a bulk export writes (in any format) from anything else kept in the folder."""
        self.target = target
        self.kind = kind
        self.owns = owns
        self.written = 0
        """Files whose bytes were new or changed, written this time."""
        self.kept = 0
        """Files whose bytes equal the previous export's, linked or copied instead of written."""
        self.bytes = 0
        """The size of every file of the export, kept or written."""
        self._staging: Path | None = None

    def __enter__(self) -> ExportTree:
        """Check the target may be replaced and create the temporary folder beside it."""
        _check_replaceable(self.target)
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._staging = _beside(self.target, "tmp")
            self._staging.mkdir()  # made like any folder (the umask decides its mode), unlike mkdtemp's 0700
        except OSError as error:
            raise ExportFailed(self.target, error.strerror or str(error)) from None
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Swap the finished folder in, or throw it away when the export failed."""
        staging = self._require_staging()
        if kind is not None:
            shutil.rmtree(staging, ignore_errors=True)
            return
        carried: list[str] = []
        try:
            self.write(MARKER, json.dumps({"format": self.kind, "files": self.written + self.kept}).encode() + b"\n")
            carried = self._carry_over(staging)
            _swap_in(staging, self.target)
        except OSError as failure:
            for name in carried:  # _swap_in put the old folder back: return what was moved out of it
                os.rename(staging / name, self.target / name)
            shutil.rmtree(staging, ignore_errors=True)
            raise ExportFailed(self.target, failure.strerror or str(failure)) from None

    def _carry_over(self, staging: Path) -> list[str]:
        """Move into the new folder everything of the old one no export writes (an ``.obsidian``
        settings folder, the analyst's own notes), so the swap never deletes it; their names."""
        if not self.target.is_dir():
            return []
        carried = []
        for entry in sorted(self.target.iterdir()):
            if not self.owns(entry.name) and not os.path.lexists(staging / entry.name):
                os.rename(entry, staging / entry.name)
                carried.append(entry.name)
        return carried

    def _require_staging(self) -> Path:
        """The temporary folder (only inside the ``with`` block)."""
        if self._staging is None:
            raise RuntimeError("ExportTree is used outside its with block")
        return self._staging

    def _paths(self, name: str) -> tuple[Path, Path]:
        """Where the file ``name`` is built, and where the previous export has it."""
        if os.sep in name or name in ("", ".", ".."):
            raise ValueError(f"not a plain file name: {name!r}")
        return self._require_staging() / name, self.target / name

    def write(self, name: str, payload: bytes) -> None:
        """Add the file ``name`` (a plain file name made by the exporter, no folders) with these bytes."""
        path, previous = self._paths(name)
        self.bytes += len(payload)
        if _same_bytes(previous, payload):
            _keep(previous, path)
            self.kept += 1
            return
        try:
            with open(path, "xb") as file:
                file.write(payload)
        except OSError as error:
            raise ExportFailed(path, error.strerror or str(error)) from None
        self.written += 1

    def write_chunks(self, name: str, chunks: Iterable[bytes]) -> None:
        """Add the file ``name`` written piece by piece (a big file never held whole in memory); when it
        ends up equal to the previous export's file, that one is kept instead."""
        path, previous = self._paths(name)
        try:
            with open(path, "xb") as file:
                for chunk in chunks:
                    file.write(chunk)
                size = file.tell()
        except OSError as error:
            raise ExportFailed(path, error.strerror or str(error)) from None
        self.bytes += size
        if previous.is_file() and not previous.is_symlink() and filecmp.cmp(previous, path, shallow=False):
            path.unlink()
            _keep(previous, path)
            self.kept += 1
        else:
            self.written += 1


def _beside(target: Path, role: str) -> Path:
    """A hidden, unused name next to ``target`` for the folder being built or the one moved aside."""
    return target.parent / f".{target.name}.{secrets.token_hex(6)}.{role}"


def _keep(previous: Path, path: Path) -> None:
    """Put the previous export's unchanged file at ``path``: the same file by a hard link, else a copy with its times."""
    try:
        os.link(previous, path)
    except OSError:
        shutil.copy2(previous, path)


def _same_bytes(path: Path, payload: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``payload``."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size != len(payload):
            return False
        return path.read_bytes() == payload
    except OSError:
        return False


def _check_replaceable(target: Path) -> None:
    """Refuse a target that is a link, a file, or a folder with content no bulk export wrote."""
    if target.is_symlink():
        raise ExportFailed(target, "it is a symbolic link; give a real folder")
    if not target.exists():
        return
    if not target.is_dir():
        raise ExportFailed(target, "it exists and is not a folder")
    if (target / MARKER).is_file():
        return
    if any(target.iterdir()):
        raise ExportFailed(target, "the folder is not empty and holds no earlier export (give a new or empty folder)")


def _swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target``: move the old folder aside, move the new one in, delete the old one.

    If moving the new folder in fails, the old one is moved back, so the target is never lost.
    """
    if not target.exists():
        os.rename(staging, target)
        return
    aside = _beside(target, "old")
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
