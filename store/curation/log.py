"""The edit log: one record per human change, kept in the file's ``edits`` table, with undo and redo.

Each entry is ``{"id", "seq", "op", "args", "time", "reason", "undone", "stamp"}``: ``seq``
orders entries as they were made (the order they apply in), ``stamp`` is the step at which the
entry last became active (made or redone), ``undone`` the step it was undone at (or null).
Undo takes back the active entry most recently made or redone; redo brings back the entry
undone last, as long as nothing was done since. Steps come from one counter over the log, so
two processes appending entries keep one order after a reload.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, TypeGuard

from dossier.store.curation.operations import Operation, operation_from
from dossier.store.schema import EDITS_TABLE, RawRecord, utc_now

__all__ = ["EDITS_TABLE", "Change", "Edit", "EditLog", "log_rows"]


@dataclass(slots=True)
class Edit:
    """One entry of the log: an operation, when and why it was made, and whether it is undone."""

    id: str
    seq: int
    operation: Operation
    time: str
    reason: str | None
    undone: int | None
    stamp: int

    @property
    def active(self) -> bool:
        """Whether the edit applies (it is not undone)."""
        return self.undone is None

    @property
    def version(self) -> int:
        """The step at which the entry last changed (made, undone or redone): of two copies the newer wins."""
        return max(self.seq, self.stamp, self.undone or 0)

    def to_json(self) -> RawRecord:
        """The entry as stored in the file and printed by ``dump`` and ``history --json``."""
        return {
            "id": self.id,
            "seq": self.seq,
            "op": self.operation.op,
            "args": self.operation.args(),
            "time": self.time,
            "reason": self.reason,
            "undone": self.undone,
            "stamp": self.stamp,
        }

    @classmethod
    def from_json(cls, raw: object) -> Edit:
        """An entry read from the file; ``ValueError`` saying what is wrong with a damaged one."""
        if not isinstance(raw, dict):
            raise ValueError("an edit is not a JSON object")
        edit_id, seq, args = raw.get("id"), raw.get("seq"), raw.get("args")
        if not isinstance(edit_id, str) or not _is_step(seq) or not isinstance(args, dict):
            raise ValueError(f"the edit {edit_id!r} lacks an id, a step number or arguments")
        undone, stamp = raw.get("undone"), raw.get("stamp", seq)
        if (undone is not None and not _is_step(undone)) or not _is_step(stamp):
            raise ValueError(f"the edit {edit_id} has a bad undo mark")
        reason = raw.get("reason")
        return cls(
            id=edit_id,
            seq=seq,
            operation=operation_from(str(raw.get("op")), args),
            time=str(raw.get("time") or ""),
            reason=reason if isinstance(reason, str) else None,
            undone=undone,
            stamp=stamp,
        )


def _is_step(value: object) -> TypeGuard[int]:
    """Whether a value is a step number (a non-negative integer, not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


Change = tuple[Literal["append", "undo", "redo"], Edit]
"""One change to the log not yet saved, replayed onto a newer file after another process wrote."""


class EditLog:
    """The ordered edits of one dossier, with the entries that could not be read reported aside."""

    def __init__(self, rows: Iterable[object] = ()) -> None:
        """A log of the stored rows; damaged rows are skipped and listed in ``problems``."""
        self._edits: list[Edit] = []
        self.problems: list[str] = []
        for row in rows:
            try:
                self._edits.append(Edit.from_json(row))
            except ValueError as error:
                self.problems.append(f"edit log: skipped an entry: {error}")
        self._edits.sort(key=lambda edit: edit.seq)
        self._by_id = {edit.id: edit for edit in self._edits}
        self.changes: list[Change] = []

    def __iter__(self) -> Iterator[Edit]:
        """Every entry, in the order they apply."""
        return iter(self._edits)

    def __len__(self) -> int:
        """How many entries there are, undone ones included."""
        return len(self._edits)

    def get(self, edit_id: str) -> Edit | None:
        """The entry with this id, or None."""
        return self._by_id.get(edit_id)

    def active(self) -> list[Edit]:
        """The entries that apply, in order."""
        return [edit for edit in self._edits if edit.active]

    def _next_step(self) -> int:
        """A step number after every step the log has seen."""
        steps = [max(edit.seq, edit.stamp, edit.undone or 0) for edit in self._edits]
        return max(steps, default=0) + 1

    def append(self, operation: Operation, reason: str | None = None) -> Edit:
        """Add an active entry for ``operation`` at the end of the log."""
        step = self._next_step()
        edit = Edit(f"x-{os.urandom(6).hex()}", step, operation, utc_now(), reason, None, step)
        self._add(edit)
        self.changes.append(("append", edit))
        return edit

    def _add(self, edit: Edit) -> None:
        """Put an entry at the end of the log."""
        self._edits.append(edit)
        self._by_id[edit.id] = edit

    def undo_candidate(self) -> Edit | None:
        """The active entry most recently made or redone, or None."""
        return max((edit for edit in self._edits if edit.active), key=lambda edit: edit.stamp, default=None)

    def redo_candidate(self) -> Edit | None:
        """The entry undone last, if nothing was made or redone since; else None."""
        undone = max((e for e in self._edits if e.undone is not None), key=lambda e: e.undone or 0, default=None)
        if undone is None:
            return None
        latest_active = max((edit.stamp for edit in self._edits if edit.active), default=0)
        return undone if (undone.undone or 0) > latest_active else None

    def mark_undone(self, edit: Edit) -> None:
        """Undo an entry."""
        edit.undone = self._next_step()
        self.changes.append(("undo", edit))

    def mark_redone(self, edit: Edit) -> None:
        """Redo an undone entry."""
        edit.stamp = self._next_step()  # after the undo's step: every change to an entry has a step of its own
        edit.undone = None
        self.changes.append(("redo", edit))

    def replay(self, changes: list[Change]) -> None:
        """Apply changes made in memory onto this (newer) log: entries appended again after the file's,
        undo and redo marks set again where their entry still is in the state they left it."""
        for kind, edit in changes:
            if kind == "append":
                if edit.id not in self._by_id:
                    step = self._next_step()
                    copy = Edit(edit.id, step, edit.operation, edit.time, edit.reason, None, step)
                    self._add(copy)
                    self.changes.append(("append", copy))
                continue
            stored = self._by_id.get(edit.id)
            if stored is None:
                continue
            if kind == "undo" and stored.active:
                self.mark_undone(stored)
            elif kind == "redo" and not stored.active:
                self.mark_redone(stored)

    def take(self, entry: RawRecord) -> Edit | None:
        """Apply a saved copy of an entry (a journal line): it joins the log, or replaces the entry with
        its id when newer. The entry changed, or None when the log already had it (replay is
        idempotent); ``ValueError`` for a damaged entry."""
        edit = Edit.from_json(entry)
        stored = self._by_id.get(edit.id)
        if stored is None:
            bisect.insort(self._edits, edit, key=lambda known: known.seq)
            self._by_id[edit.id] = edit
            return edit
        if edit.version <= stored.version:
            return None
        stored.undone, stored.stamp = edit.undone, edit.stamp
        return stored

    def take_all(self, entries: Iterable[RawRecord]) -> list[Edit]:
        """``take`` each saved entry in order; the entries that changed. Damaged ones are skipped
        and listed in ``problems``."""
        changed = []
        for entry in entries:
            try:
                edit = self.take(entry)
            except ValueError as error:
                self.problems.append(f"edit journal: skipped an entry: {error}")
                continue
            if edit is not None:
                changed.append(edit)
        return changed

    def unsaved(self) -> list[tuple[str, RawRecord]]:
        """The changes not yet saved as journal lines: ``(change, the entry as it is now)``."""
        return [(kind, edit.to_json()) for kind, edit in self.changes]

    def rows(self) -> dict[str, RawRecord]:
        """The ``edits`` table as stored: ``{position: entry}``."""
        return {str(position): edit.to_json() for position, edit in enumerate(self._edits, start=1)}


def log_rows(table: object) -> list[object]:
    """The rows of a stored ``edits`` table (none when it is missing or not a JSON object)."""
    return list(table.values()) if isinstance(table, dict) else []
