"""Checking a dossier file without changing it (``dossier doctor``) and going back to its backup (``dossier restore``)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier.store.errors import DossierError
from dossier.store.lock import WriterLock
from dossier.store.records import SCHEMA_VERSION
from dossier.store.schema import TABLES, schema_of
from dossier.store.storage import atomic_write, backup_path_for, parse_json, read_file

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
    """Check a dossier file: it parses, its schema, every span lies within its source text, every link resolves."""
    path = Path(path).expanduser()
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
        report.add(
            f"schema {report.schema} is newer than this version of dossier reads ({SCHEMA_VERSION})"
        )
        return report
    tables = _records(data, report)
    texts = _check_sources(tables["sources"], report)
    _check_actors(tables["actors"], texts, report)
    _check_events(tables["events"], set(tables["actors"]), texts, report)
    return report


def _records(data: dict[str, Any], report: HealthReport) -> dict[str, dict[str, dict[str, Any]]]:
    """Each record table as ``id -> record``, reporting non-records, missing and duplicate ids."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for name in TABLES:
        table = data.get(name, {})
        records: dict[str, dict[str, Any]] = {}
        if not isinstance(table, dict):
            report.add(f"the {name!r} table is not a JSON object")
            table = {}
        for doc_id, record in table.items():
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                report.add(f"{name} document {doc_id} has no string id")
            elif record["id"] in records:
                report.add(f"{name}: the id {record['id']} is used twice")
            else:
                records[record["id"]] = record
        tables[name] = records
        report.counts[name] = len(records)
    return tables


def _span_problem(span: Any, texts: dict[str, str]) -> str | None:
    """Why a stored span is invalid (unknown source, offsets outside its text), or None."""
    if isinstance(span, list) and len(span) == 3:
        source, start, end = span
    elif isinstance(span, dict):
        source, start, end = span.get("source"), span.get("start"), span.get("end")
    else:
        return "a span is neither an object nor a [source, start, end] row"
    if source not in texts:
        return f"points at unknown source {source!r}"
    if not (isinstance(start, int) and isinstance(end, int)):
        return f"has non-integer offsets in {source}"
    if not 0 <= start <= end <= len(texts[source]):
        return f"[{start}:{end}] is outside the text of {source} (length {len(texts[source])})"
    return None


def _check_sources(sources: dict[str, dict[str, Any]], report: HealthReport) -> dict[str, str]:
    """Check each source's text, id and furniture spans; return source id -> text."""
    texts: dict[str, str] = {}
    for source_id, source in sources.items():
        text = source.get("text")
        if not isinstance(text, str):
            report.add(f"source {source_id} has no text")
            continue
        texts[source_id] = text
        expected = "s-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        if source_id != expected:
            report.add(f"source {source_id}: its id does not match its text (expected {expected})")
        for pair in source.get("furniture", []):
            if not (
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(n, int) for n in pair)
                and 0 <= pair[0] <= pair[1] <= len(text)
            ):
                report.add(f"source {source_id}: furniture {pair!r} is outside its text")
    return texts


def _check_actors(
    actors: dict[str, dict[str, Any]], texts: dict[str, str], report: HealthReport
) -> None:
    """Check every actor's mention and role spans; count mentions."""
    mentions = 0
    for actor_id, actor in actors.items():
        if not isinstance(actor.get("name"), str) or not actor.get("kind"):
            report.add(f"actor {actor_id} has no name or kind")
        for span in actor.get("mentions", []):
            mentions += 1
            if problem := _span_problem(span, texts):
                report.add(f"actor {actor_id}: a mention {problem}")
        for role in actor.get("roles", []):
            if problem := _span_problem(role, texts):
                report.add(f"actor {actor_id}: the role {role.get('role')!r} {problem}")
    report.counts["mentions"] = mentions


def _check_events(
    events: dict[str, dict[str, Any]],
    actor_ids: set[str],
    texts: dict[str, str],
    report: HealthReport,
) -> None:
    """Check every event's evidence and date spans and that its actors and place exist."""
    for event_id, event in events.items():
        evidence = event.get("evidence") or []
        if not evidence:
            report.add(f"event {event_id} has no evidence")
        for span in evidence:
            if problem := _span_problem(span, texts):
                report.add(f"event {event_id}: evidence {problem}")
        if event.get("when") and (problem := _span_problem(event["when"], texts)):
            report.add(f"event {event_id}: its date span {problem}")
        for actor_id in event.get("actors", []):
            if actor_id not in actor_ids:
                report.add(f"event {event_id} links to missing actor {actor_id!r}")
        place = event.get("place")
        if place and place not in actor_ids:
            report.add(f"event {event_id} links to missing place {place!r}")


def restore_backup(path: str | Path) -> Path | None:
    """Put ``<file>.bak`` back as the dossier, keeping the current file aside as ``<file>.corrupt-<timestamp>``.

    Returns where the current file was kept (None if there was none). Refuses, changing
    nothing, when there is no backup or the backup itself cannot be read.
    """
    path = Path(path).expanduser()
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
        if path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            aside = path.with_name(f"{path.name}.corrupt-{stamp}")
            try:
                os.link(path, aside)
            except OSError:
                atomic_write(aside, path.read_bytes(), keep_backup=False)
        atomic_write(path, raw, keep_backup=False)
    return aside
