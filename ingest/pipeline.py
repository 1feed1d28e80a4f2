"""Ingest files into a dossier: read, mark furniture, infer metadata, run spaCy, extract, store.

Reading and extraction run in worker processes when there is enough work for both
cores; the dossier (in this process) only merges the small ``ExtractedDocument``s and
flushes them in batches, so a crash loses at most the batch in flight and a re-run
skips what is already stored (by content hash).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from dossier.ingest.furniture import detect_furniture, mask_for_nlp
from dossier.ingest.metadata import infer_metadata
from dossier.ingest.page_layout import PageLayout
from dossier.ingest.read import (
    Limits,
    ReadFailure,
    SkippedLink,
    UnreadableDocument,
    iter_input_files,
    read_document,
)
from dossier.store.drafts import ExtractedDocument
from dossier.store.records import Source
from dossier.store.sanitize import one_line, readable_path, shown_path

FLUSH_SECONDS_ENV = "DOSSIER_FLUSH_SECONDS"
DEFAULT_FLUSH_SECONDS = 5.0
FLUSH_SHARE = 20
"""Batches are stretched so that writing them (a write and an fsync, up to half a second on a busy
disk) takes at most 1/FLUSH_SHARE of the ingest's time; in one process the work waits for it.
``DOSSIER_FLUSH_SECONDS=0`` asks for every document to be written as it comes: never stretched."""
WORKER_CHUNK = 16
PARALLEL_THRESHOLD = 64
PARENT_CHECK_SECONDS = 1.0


@dataclass(slots=True)
class Failure:
    """A file that could not be ingested, with the one-line reason shown to the user."""

    path: Path
    reason: str

    @property
    def line(self) -> str:
        """The path and the reason as one sanitised line of output, whatever the file is called."""
        return f"{shown_path(self.path)}: {one_line(self.reason)}"


@dataclass(slots=True)
class Notice:
    """Something the user should know about a file that was still handled (a skipped link, an
    invalid front-matter block kept in the text), or about the run (``path`` None)."""

    path: Path | None
    message: str

    @property
    def line(self) -> str:
        """The path and the message as one sanitised line of output."""
        if self.path is None:
            return one_line(self.message)
        return f"{shown_path(self.path)}: {one_line(self.message)}"


@dataclass(slots=True)
class Skipped:
    """A file whose text is already in the dossier."""

    path: Path


@dataclass(slots=True)
class IngestProgress:
    """Where a running ingest is, for progress bars."""

    done: int
    total: int
    current: Path | None
    added: int
    skipped: int
    failed: int


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did, and the dossier's totals afterwards."""

    added: int = 0
    skipped: int = 0
    failed: list[Failure] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    actors: int = 0
    events: int = 0
    new_actors: int = 0
    new_events: int = 0
    seconds: float = 0.0


Outcome = ExtractedDocument | Skipped | Failure
"""What became of one file; a file's ``Notice``s come just before its outcome."""


def content_hash(text: str) -> str:
    """The SHA-256 of a stored text: a document's identity for idempotent ingest."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def prepare_source(
    path: Path, text: str, front: Mapping[str, Any]
) -> tuple[Source, str]:
    """The ``Source`` record for a read document, and the same-length text spaCy should see."""
    digest = content_hash(text)
    layout = PageLayout(text)
    furniture = detect_furniture(text, layout)
    meta = infer_metadata(text, furniture, dict(front), layout)
    source = Source(
        id=f"s-{digest[:12]}",
        title=meta.title,
        text=text,
        published=meta.published,
        publisher=meta.publisher,
        place=meta.place,
        path=readable_path(path),
        url=front.get("url"),
        furniture=list(furniture),
        content_hash=digest,
        added=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return source, mask_for_nlp(text, furniture, layout)


class _Extractor:
    """Reads and extracts documents with the process's spaCy model; one per process."""

    def __init__(self, known_hashes: frozenset[str], limits: Limits) -> None:
        self.known_hashes = known_hashes
        self.limits = limits

    def run(self, items: Sequence[tuple[Path, Mapping[str, Any]]]) -> list[Outcome | Notice]:
        """Outcomes for a chunk of files, in order, running spaCy over the chunk at once."""
        from dossier.ingest.extract import extract_document

        outcomes: list[Outcome | None] = [None] * len(items)
        notices: list[list[Notice]] = [[] for _ in items]
        pending: list[tuple[int, Source, str]] = []
        for index, (path, override) in enumerate(items):
            try:
                raw = read_document(path, self.limits)
                notices[index].extend(Notice(path, warning) for warning in raw.warnings)
                source, masked = prepare_source(path, raw.text, {**raw.front, **override})
            except UnreadableDocument as refusal:
                outcomes[index] = Failure(path, str(refusal))
                continue
            except Exception as error:  # one bad file never stops the run
                outcomes[index] = Failure(path, f"could not read: {error!r}")
                continue
            if source.content_hash in self.known_hashes:
                outcomes[index] = Skipped(path)
            else:
                pending.append((index, source, masked))
        if pending:
            from dossier.ingest.nlp import load_model  # loaded only once there is something new to read
            from dossier.ingest.parsing import parse_texts

            docs = parse_texts(load_model(), [masked for _, _, masked in pending])
            for (index, source, masked), doc in zip(pending, docs, strict=True):
                path = items[index][0]
                if isinstance(doc, Exception):
                    outcomes[index] = Failure(path, f"the language model failed: {doc!r}")
                    continue
                try:
                    outcomes[index] = extract_document(doc, source, masked)
                except Exception as error:
                    outcomes[index] = Failure(path, f"extraction failed: {error!r}")
        return [
            entry
            for file_notices, outcome in zip(notices, outcomes, strict=True)
            for entry in (*file_notices, outcome)
            if entry is not None
        ]


_worker: _Extractor | None = None


def _init_worker(known_hashes: frozenset[str], limits: Limits, parent_pid: int) -> None:
    """Set up the extractor once in each worker process, and end the worker with its parent."""
    global _worker
    _worker = _Extractor(known_hashes, limits)
    threading.Thread(target=_exit_when_gone, args=(parent_pid,), daemon=True).start()


def _exit_when_gone(parent_pid: int) -> None:
    """End this worker once the ingesting process is gone (killed with -9, say), so no orphan
    keeps extracting documents nobody will store."""
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(1)


def _run_in_worker(items: Sequence[tuple[Path, Mapping[str, Any]]]) -> list[Outcome | Notice]:
    """Process one chunk in a worker process."""
    assert _worker is not None
    return _worker.run(items)


def _chunks(items: Sequence[Any], size: int, workers: int = 1) -> Iterator[Sequence[Any]]:
    """Consecutive slices of ``items`` of at most ``size``. For several workers the slices shrink
    towards the end (to a quarter of ``size``), so no worker spends the last seconds on a long final
    chunk while the others wait with nothing left to take."""
    start = 0
    while start < len(items):
        remaining = len(items) - start
        step = size if workers <= 1 else max(1, size // 4, min(size, remaining // (2 * workers)))
        yield items[start : start + step]
        start += step


def _outcomes(
    files: Sequence[tuple[Path, Mapping[str, Any]]],
    known_hashes: frozenset[str],
    limits: Limits,
    processes: int,
) -> Iterator[Outcome | Notice]:
    """Outcomes (and notices) for all files in input order, in this process or in a pool of workers."""
    if processes <= 1 or len(files) < PARALLEL_THRESHOLD:
        extractor = _Extractor(known_hashes, limits)
        for chunk in _chunks(files, WORKER_CHUNK):
            yield from extractor.run(chunk)
        return
    context = get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=processes,
        mp_context=context,
        initializer=_init_worker,
        initargs=(known_hashes, limits, os.getpid()),
    ) as pool:
        for outcomes in pool.map(_run_in_worker, _chunks(files, WORKER_CHUNK, processes)):
            yield from outcomes


def default_processes() -> int:
    """Worker processes for a large ingest: every core, up to two by default."""
    return max(1, min(2, os.cpu_count() or 1))


def ingest_paths(
    dossier: Any,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Callable[[IngestProgress], None] | None = None,
    processes: int = 1,
    overrides: Mapping[Path, Mapping[str, Any]] | None = None,
    limits: Limits | None = None,
) -> IngestSummary:
    """Ingest every readable document under ``paths`` into ``dossier`` and summarise.

    ``overrides`` maps a file (resolved path) to metadata that wins over what the
    file says (e.g. a date from a corpus index). The dossier is written in atomic
    batches every few seconds of work, so an interrupted run keeps what it flushed.
    """
    started = time.perf_counter()
    limits = limits or Limits()
    overrides = {Path(key).resolve(): value for key, value in (overrides or {}).items()}
    summary = IngestSummary()
    files: list[tuple[Path, Mapping[str, Any]]] = []
    for entry in iter_input_files([Path(p) for p in paths]):
        if isinstance(entry, ReadFailure):
            summary.failed.append(Failure(entry.path, entry.reason))
        elif isinstance(entry, SkippedLink):
            summary.notices.append(Notice(entry.path, entry.reason))
        else:
            files.append((entry, overrides.get(entry.resolve(), {})))
    if overrides and not any(path.resolve() in overrides for path, _ in files):
        summary.notices.append(
            Notice(None, f"the metadata table matches none of the {len(files)} files to ingest")
        )
    flush_seconds = float(os.environ.get(FLUSH_SECONDS_ENV, DEFAULT_FLUSH_SECONDS))
    if dossier.path.exists():
        with dossier.writing():
            # Up front, briefly: a read-only file or a stuck writer fails now, before any work, and
            # what another writer saved meanwhile is read, so the counts below start from it. A new
            # file is not written before its first batch (a build stopped early leaves none behind).
            pass
    actors_before, events_before = len(dossier.actors), len(dossier.events)
    known = dossier.content_hashes()
    # The lock is not held while documents are extracted: each flush takes it for its own write
    # (re-reading and replaying onto another writer's newer file), so an analyst's edits in the app
    # or another ingest wait at most one write, never the whole run.
    last_flush = time.perf_counter()
    flush_cost = 0.0
    done = 0
    for outcome in _outcomes(files, known, limits, processes):
        if isinstance(outcome, Notice):
            summary.notices.append(outcome)
            continue
        done += 1
        if isinstance(outcome, Failure):
            summary.failed.append(outcome)
            current = outcome.path
        elif isinstance(outcome, Skipped):
            summary.skipped += 1
            current = outcome.path
        else:
            added = dossier.add_document(outcome)
            summary.added += added
            summary.skipped += not added
            current = Path(outcome.source.path or "")
        if progress:
            progress(
                IngestProgress(
                    done, len(files), current, summary.added, summary.skipped, len(summary.failed)
                )
            )
        if not flush_seconds or time.perf_counter() - last_flush >= max(flush_seconds, FLUSH_SHARE * flush_cost):
            flush_started = time.perf_counter()
            dossier.flush()
            last_flush = time.perf_counter()
            flush_cost = last_flush - flush_started
    dossier.flush()
    summary.actors, summary.events = len(dossier.actors), len(dossier.events)
    summary.new_actors = summary.actors - actors_before
    summary.new_events = summary.events - events_before
    summary.seconds = time.perf_counter() - started
    return summary
