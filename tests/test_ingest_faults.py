"""Real process faults during ``dossier ingest``: kill -9 at several points, two writers at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.store.dossier import Dossier
from dossier.store.health import check

ROOT = Path(__file__).resolve().parents[1]
POLITICS = ROOT.parent / "shared" / "corpus" / "bbc" / "politics"
ARTICLES = [str(path) for path in sorted(POLITICS.glob("*.txt"))[:64]]


def ingest_command(db: Path, *paths: str) -> list[str]:
    """The command line of a real ``dossier ingest`` run on one core."""
    return [sys.executable, "-m", "dossier.cli", "--db", str(db), "ingest", "--jobs", "1", "--quiet", *paths]


def dump(db: Path) -> dict:
    """The dossier as ``dossier dump`` prints it."""
    result = subprocess.run(
        [sys.executable, "-m", "dossier.cli", "--db", str(db), "dump"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(result.stdout)


def record_ids(data: dict) -> dict[str, set[str]]:
    """The ids of every record, by kind, to compare two dossiers."""
    return {kind: {record["id"] for record in data[kind]} for kind in ("sources", "actors", "events")}


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The dossier an uninterrupted ingest of the articles produces."""
    db = tmp_path_factory.mktemp("clean") / "clean.json"
    subprocess.run(ingest_command(db, *ARTICLES), check=True, capture_output=True, cwd=ROOT)
    return record_ids(dump(db))


def wait_for_sources(db: Path, count: int, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the dossier file on disk holds at least ``count`` sources (counted in its bytes,
    one ``content_hash`` per source: opening the dossier each time is slow enough for the ingest
    to finish between two looks)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if db.read_bytes().count(b'"content_hash"') >= count:
                return
        except OSError:
            pass
        time.sleep(0.01)


@pytest.mark.parametrize("flushed_before_kill", [0, 3, 18])
def test_kill_9_during_ingest_keeps_a_valid_dossier_and_rerun_completes(
    tmp_path: Path, clean_run: dict[str, set[str]], flushed_before_kill: int
) -> None:
    db = tmp_path / "d.json"
    env = {**os.environ, "DOSSIER_FLUSH_SECONDS": "0"}
    process = subprocess.Popen(ingest_command(db, *ARTICLES), env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if flushed_before_kill:
        wait_for_sources(db, flushed_before_kill, process)
    else:
        time.sleep(1.0)
    assert process.poll() is None, "ingest ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    if db.exists():
        report = check(db)
        assert report.healthy, report.problems
        kept = len(Dossier.open(db, create=False).sources)
        assert kept >= flushed_before_kill
        assert kept < len(ARTICLES)
    subprocess.run(ingest_command(db, *ARTICLES), check=True, capture_output=True, cwd=ROOT)
    assert record_ids(dump(db)) == clean_run
    assert check(db).healthy


def test_two_ingests_at_once_never_corrupt_the_dossier(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    first_half, second_half = ARTICLES[:32], ARTICLES[32:]
    waiting = {**os.environ, "DOSSIER_LOCK_TIMEOUT": "300"}
    first = subprocess.Popen(ingest_command(db, *first_half), env=waiting, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(ingest_command(db, *second_half), env=waiting, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert first.wait(timeout=300) == 0, first.communicate()
    assert second.wait(timeout=300) == 0, second.communicate()
    assert len(dump(db)["sources"]) == len(ARTICLES)
    assert check(db).healthy


def test_a_second_writer_that_cannot_wait_says_who_holds_the_dossier(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    hold = f"from dossier.store.dossier import Dossier; import sys, time\nwith Dossier.open({str(db)!r}).writing():\n    print('held', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        impatient = {**os.environ, "DOSSIER_LOCK_TIMEOUT": "0.2"}
        result = subprocess.run(ingest_command(db, ARTICLES[0]), env=impatient, cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert str(holder.pid) in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait(timeout=60)


def test_an_ingest_holds_the_lock_only_while_it_writes(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    # Batches every half second: at the default 5 s a quiet machine ingests all 64 articles in one.
    batches = {**os.environ, "DOSSIER_FLUSH_SECONDS": "0.5"}
    ingest = subprocess.Popen(ingest_command(db, *ARTICLES), cwd=ROOT, env=batches,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    from dossier.store.curation.operations import Annotate

    tagged = []
    try:
        while ingest.poll() is None:
            dossier = Dossier.open(db)
            if dossier.sources:
                dossier.apply(Annotate(next(iter(dossier.sources)), add_tags=(f"t{len(tagged)}",)))  # waits 5 s at most
                tagged.append(f"t{len(tagged)}")
            time.sleep(0.2)
    finally:
        _, errors = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, errors
    assert tagged, "the ingest finished before any article was saved"
    final = Dossier.open(db)
    assert len(final.sources) == len(ARTICLES)
    assert sorted(tag for tags in (final.annotations(s).tags for s in final.sources) for tag in tags) == sorted(tagged)


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_worker_processes_end_with_a_killed_ingest(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "dossier.cli", "--db", str(tmp_path / "d.json"), "ingest", "--jobs", "2", *ARTICLES]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 3:
        workers = descendants(process.pid)
        time.sleep(0.2)
    assert len(workers) >= 3, "expected a fork server and two workers"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)], "worker processes outlived the killed ingest"


def test_a_first_build_stopped_before_its_first_batch_leaves_no_file(tmp_path: Path) -> None:
    # The app's first use builds the seed dossier; quitting at once must not leave an empty dossier
    # that the next start would open instead of building again.
    from dossier.ingest.pipeline import IngestProgress, ingest_paths

    db = tmp_path / "new.json"

    def stop(step: IngestProgress) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(Dossier.open(db), ARTICLES[:3], progress=stop)
    assert not db.exists()
