"""Checking a dossier file without changing it (``dossier doctor``) and going back to its backup (``dossier restore``)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier.store.errors import DossierError
from dossier.store.journal import EditJournal, journal_problems
from dossier.store.lock import WriterLock
from dossier.store.record_schema import show, table_problems
from dossier.store.records import SCHEMA_VERSION
from dossier.store.schema import EDITS_TABLE, MIGRATIONS, TABLES, schema_of
from dossier.store.storage import atomic_write, backup_path_for, parse_json, read_file, real_path

MAX_LISTED_PROBLEMS = 200


@dataclass(slots=True)
class HealthReport:
    """What ``check`` found: record counts and every problem, each one readable line."""

    path: Path
    schema: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0
    backup: Path | None = None

    @property
    def healthy(self) -> bool:
        """Whether the file parsed and every check passed."""
        return not self.problems

    def add(self, problem: str) -> None:
        """Record a problem (only the first few hundred are kept; the rest are counted)."""
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more_problems += 1

    def lines(self) -> list[str]:
        """The report as plain text lines for the terminal."""
        lines = [f"{self.path}: {'healthy' if self.healthy else 'PROBLEMS FOUND'}"]
        if self.schema is not None:
            lines.append(f"schema {self.schema}")
        lines.extend(f"{name}: {count}" for name, count in self.counts.items())
        lines.extend(f"- {problem}" for problem in self.problems)
        if self.more_problems:
            lines.append(f"- … and {self.more_problems} more problems")
        if self.backup is not None:
            lines.append(f"backup: {self.backup}")
        return lines


def check(path: str | Path) -> HealthReport:
    """Check a dossier file without changing it: it parses, its schema, every record against the
    documented schema (``record_schema``: the same check opening does), every span within its
    source's text, every link resolving, every source id matching its text. Never raises for
    what the file holds."""
    path = real_path(Path(path).expanduser())
    backup = backup_path_for(path)
    report = HealthReport(path, backup=backup if backup.exists() else None)
    try:
        raw, _ = read_file(path)
        data = parse_json(path, raw)
        report.schema = schema_of(path, data)
    except DossierError as error:
        report.add(str(error))
        return report
    if report.schema > SCHEMA_VERSION:
        report.add(f"schema {report.schema} is newer than this version of dossier reads ({SCHEMA_VERSION})")
        return report
    if report.schema < SCHEMA_VERSION and any(v not in MIGRATIONS for v in range(report.schema, SCHEMA_VERSION)):
        report.add(f"schema {report.schema} is older than this version of dossier can upgrade")
        return report
    tables = _tables(data, report)
    for problem in table_problems(tables):
        report.add(problem)
    _check_ids(tables["sources"], report)
    journal_lines, journal_problems_found = journal_problems(path)
    if journal_lines:
        report.counts["journal edits"] = journal_lines
    for problem in journal_problems_found:
        report.add(problem)
    return report


def _tables(data: dict[str, Any], report: HealthReport) -> dict[str, dict[str, object]]:
    """The record tables that are JSON objects (reporting the others), and the counts of records and mentions."""
    tables: dict[str, dict[str, object]] = {}
    for name in TABLES:
        table = data.get(name, {})
        if not isinstance(table, dict):
            report.add(f"the {name!r} table is {show(table)}, expected a JSON object")
            table = {}
        tables[name] = table
        report.counts[name] = len(table)
    report.counts["mentions"] = sum(
        len(mentions)
        for actor in tables["actors"].values()
        if isinstance(actor, dict) and isinstance(mentions := actor.get("mentions"), list)
    )
    return tables


def _check_ids(sources: dict[str, object], report: HealthReport) -> None:
    """Report sources whose id is not the hash of their text (the text was edited)."""
    for source in sources.values():
        if not isinstance(source, dict):
            continue
        source_id, text = source.get("id"), source.get("text")
        if not isinstance(source_id, str) or not isinstance(text, str):
            continue
        expected = "s-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        if source_id != expected:
            report.add(f"source {source_id}: its id does not match its text (expected {expected})")


def _keep_edits_of(path: Path) -> None:
    """Copy the edit log of the file about to be replaced (when it still reads) into the journal, so
    the restored dossier keeps every edit (replay skips those the backup already has)."""
    try:
        raw, _ = read_file(path)
        edits = parse_json(path, raw).get(EDITS_TABLE)
    except (DossierError, AttributeError):
        return
    if isinstance(edits, dict) and edits:
        journal = EditJournal(path)
        journal.read_all()
        journal.append([("restore", entry) for entry in edits.values() if isinstance(entry, dict)])


def restore_backup(path: str | Path) -> Path | None:
    """Put ``<file>.bak`` back as the dossier, keeping the current file aside as ``<file>.corrupt-<timestamp>``
    and its edits (the journal takes them, see ``_keep_edits_of``).

    Returns where the current file was kept (None if there was none). Refuses, changing
    nothing, when there is no backup or the backup itself cannot be read.
    """
    path = real_path(Path(path).expanduser())
    backup = backup_path_for(path)
    if not backup.exists():
        raise DossierError(f"there is no backup of {path} to restore ({backup} does not exist)")
    raw, _ = read_file(backup)
    try:
        schema_of(backup, parse_json(backup, raw))
    except DossierError as error:
        raise DossierError(f"the backup cannot be restored: {error}") from error
    with WriterLock(path):
        aside = None
        _keep_edits_of(path)
        if path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            aside = path.with_name(f"{path.name}.corrupt-{stamp}")
            try:
                os.link(path, aside)
            except OSError:
                atomic_write(aside, path.read_bytes(), keep_backup=False)
        atomic_write(path, raw, keep_backup=False)
    return aside
