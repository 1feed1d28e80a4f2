"""The store's exceptions: each carries one clear, user-facing message naming the file or reference."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class DossierError(Exception):
    """Any problem opening, reading or writing a dossier; ``str(error)`` is the message to show."""


class DossierCorrupt(DossierError):
    """The file is not valid JSON (damaged or truncated); it was left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"{path} is damaged and cannot be read ({reason}). The file was not changed. "
            f"Run `dossier doctor {path}` to inspect it, or `dossier restore {path}` "
            f"to go back to the last good version ({path.name}.bak)."
        )


class DossierInvalid(DossierCorrupt):
    """The file parses as a dossier, but a record in it is off the schema (hand-edited or foreign data)."""

    def __init__(self, path: Path, problem: str) -> None:
        """Name the file and the first bad record and field (``problem``)."""
        self.path = path
        self.reason = self.problem = problem
        DossierError.__init__(
            self,
            f"{path} holds a record dossier cannot use: {problem}. The file was not changed. "
            f"Run `dossier doctor {path}` to list every problem, or `dossier restore {path}` "
            f"to go back to the last good version ({path.name}.bak)."
        )


class DossierForeign(DossierError):
    """The file is valid JSON but not a dossier (no dossier meta record)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"{path} is not a dossier file ({reason}). The file was not changed; "
            "choose another file name for a new dossier."
        )


class DossierSchemaTooNew(DossierError):
    """The file was written by a newer version of dossier than this one."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"{path} was written by a newer dossier (schema {found}; this version reads "
            f"schema {supported} and older). The file was not changed; upgrade dossier to open it."
        )


class DossierLocked(DossierError):
    """Another process holds the writer lock and did not release it in time."""

    def __init__(self, path: Path, holder: dict[str, Any], waited: float) -> None:
        self.path = path
        self.holder = holder
        self.pid = holder.get("pid")
        self.command = holder.get("command")
        who = (
            f"process {self.pid} ({self.command})"
            if self.pid
            else "another process"
        )
        super().__init__(
            f"{path} is being written by {who}; waited {waited:g} s. "
            "Try again when it has finished (set DOSSIER_LOCK_TIMEOUT to wait longer)."
        )


class RefNotFound(DossierError, LookupError):
    """No record has this id, and no actor has this name or alias."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"nothing in the dossier is called {ref!r}")


class AmbiguousRef(DossierError, LookupError):
    """Several actors share this name or alias; ``candidates`` lists them."""

    def __init__(self, ref: str, candidates: list[Any]) -> None:
        self.ref = ref
        self.candidates = candidates
        names = ", ".join(f"{c.name} ({c.id})" for c in candidates[:10])
        super().__init__(f"{ref!r} could mean several actors: {names}")
