"""The dossier file under faults: interrupted and failed writes, two writers, damaged or foreign files."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest
from store_documents import afp_document, reuters_document, state_document

import dossier.store.records
import dossier.store.schema
import dossier.store.storage
from dossier.store import (
    Dossier,
    DossierCorrupt,
    DossierError,
    DossierForeign,
    DossierLocked,
    DossierSchemaTooNew,
)

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent


@pytest.fixture
def saved(tmp_path):
    """A dossier file holding the AFP seed article."""
    path = tmp_path / "case.json"
    d = Dossier.open(path)
    with d.writing():
        d.add_document(afp_document())
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind."""
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".bak-" in p.name)


def half_then(error: BaseException):
    """A replacement for the payload writer that writes half the file, then fails."""

    def write(fd: int, payload: bytes) -> None:
        os.write(fd, payload[: len(payload) // 2])
        raise error

    return write


def test_write_interrupted_halfway_leaves_the_old_file(saved, monkeypatch):
    before = saved.read_bytes()
    d = Dossier.open(saved)
    d.add_document(state_document())
    monkeypatch.setattr(dossier.store.storage, "_write_all", half_then(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        d.flush()
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []
    assert len(Dossier.open(saved).sources) == 1


def test_disk_full_keeps_the_previous_version_and_the_unsaved_work(saved, monkeypatch):
    before = saved.read_bytes()
    d = Dossier.open(saved)
    d.add_document(state_document())
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(dossier.store.storage, "_write_all", half_then(full))
    with pytest.raises(DossierError, match=r"No space left on device.*previous version") as error:
        d.flush()
    assert str(saved) in str(error.value)
    assert saved.read_bytes() == before and leftovers(saved.parent) == []
    assert d.dirty
    monkeypatch.undo()
    d.flush()  # space freed: the same work is saved, once
    reopened = Dossier.open(saved)
    assert len(reopened.sources) == 2
    assert len(reopened.events) == len(d.events) == 6


def test_failed_rename_leaves_old_file(saved, monkeypatch):
    before = saved.read_bytes()
    d = Dossier.open(saved)
    d.add_document(reuters_document())

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(dossier.store.storage.os, "replace", refuse)
    with pytest.raises(DossierError, match="Permission denied"):
        d.flush()
    monkeypatch.undo()
    assert saved.read_bytes() == before and leftovers(saved.parent) == []


KILLED_MIDWAY = textwrap.dedent(
    """
    import os, signal, sys
    sys.path[:0] = [{repo!r}, {tests!r}]
    import dossier.store.storage
    from dossier.store import Dossier
    from store_documents import state_document

    def die_halfway(fd, payload):
        os.write(fd, payload[: len(payload) // 2])
        os.kill(os.getpid(), signal.SIGKILL)

    dossier.store.storage._write_all = die_halfway
    d = Dossier.open(sys.argv[1])
    with d.writing():
        d.add_document(state_document())
    """
)


def test_writer_killed_mid_write_leaves_the_old_file_and_the_next_writer_cleans_up(saved):
    before = saved.read_bytes()
    killed = run_script(KILLED_MIDWAY, str(saved))
    killed.communicate(timeout=120)
    assert killed.returncode == -9
    assert saved.read_bytes() == before
    assert len(leftovers(saved.parent)) == 1  # the half-written temp file
    d = Dossier.open(saved)
    with d.writing():
        d.add_document(state_document())
    assert leftovers(saved.parent) == []
    assert len(Dossier.open(saved).sources) == 2


HOLDER = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{repo!r}, {tests!r}]
    from dossier.store import Dossier
    from store_documents import state_document
    d = Dossier.open(sys.argv[1])
    with d.writing():
        d.add_document(state_document())
        print("locked", flush=True)
        sys.stdin.readline()
    print("saved", flush=True)
    """
)

WRITER = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{repo!r}, {tests!r}]
    import store_documents
    from dossier.store import Dossier
    d = Dossier.open(sys.argv[1])
    document = getattr(store_documents, sys.argv[2])()
    with d.writing():
        d.add_document(document)
    print("saved", flush=True)
    """
)


def run_script(script: str, *args: str, **options) -> subprocess.Popen:
    """Start a Python process running one of the scripts above."""
    code = script.format(repo=str(REPO), tests=str(TESTS))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def test_second_writer_is_refused_naming_the_holder(saved, monkeypatch):
    holder = run_script(HOLDER, str(saved))
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("DOSSIER_LOCK_TIMEOUT", "0.2")
        d = Dossier.open(saved)  # readers need no lock
        assert len(d.sources) == 1
        d.add_document(reuters_document())
        with pytest.raises(DossierLocked) as error:
            d.flush()
        assert error.value.pid == holder.pid
        assert f"process {holder.pid}" in str(error.value) and "-c" in str(error.value)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "saved"
    finally:
        holder.communicate(timeout=60)
    assert holder.returncode == 0
    # The refused writer still has its document; once the lock is free it saves it and
    # keeps what the other process wrote meanwhile.
    monkeypatch.setenv("DOSSIER_LOCK_TIMEOUT", "30")
    d.flush()
    final = Dossier.open(saved)
    assert len(final.sources) == 3
    assert final.resolve("Tom Casey") and final.resolve("Perez de Cuellar")


def test_two_processes_writing_at_once_both_succeed(saved):
    env = {**os.environ, "DOSSIER_LOCK_TIMEOUT": "60"}
    writers = [
        run_script(WRITER, str(saved), name, env=env)
        for name in ("state_document", "reuters_document")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "saved"
    final = Dossier.open(saved)
    assert len(final.sources) == 3
    assert len(final.events) == 3 + 3 + 2
    iran = [a for doc in (afp_document(), state_document()) for a in doc.actors if a.key == "iran"]
    assert len(final.actors["a-iran"].mentions) == sum(len(a.mentions) for a in iran)
    assert leftovers(saved.parent) == []


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", DossierCorrupt, "empty"),
        (b'{"meta": {"1": {"schema": 1}}, "sources": {"1": {"id": "s-', DossierCorrupt, "dossier doctor"),
        (b"\x00\xff\xfe garbage", DossierCorrupt, "dossier restore"),
        (b'[1, 2, 3]', DossierForeign, "not a dossier"),
        (b'{"_default": {"1": {"name": "x"}}}', DossierForeign, "not a dossier"),
        (b'{"meta": {"1": {"schema": 7}}, "sources": {}}', DossierSchemaTooNew, "newer"),
        (b'{"meta": {"1": {"schema": 1}}, "actors": {"1": {"name": "no id"}}}', DossierCorrupt, "no id"),
    ],
)
def test_bad_files_give_one_clear_error_and_stay_byte_identical(tmp_path, content, error, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        Dossier.open(path)
    message = str(raised.value)
    assert str(path) in message and words in message and "\n" not in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_truncated_real_dossier_is_reported_not_parsed(saved):
    content = saved.read_bytes()[: saved.stat().st_size // 2]
    saved.write_bytes(content)
    with pytest.raises(DossierCorrupt, match="dossier doctor"):
        Dossier.open(saved)
    assert saved.read_bytes() == content


def test_missing_file_without_create(tmp_path):
    with pytest.raises(DossierError, match="does not exist"):
        Dossier.open(tmp_path / "none.json", create=False)


def test_older_schema_is_migrated_after_a_backup(saved, monkeypatch):
    data = orjson.loads(saved.read_bytes())
    data["meta"]["1"]["schema"] = 0
    for actor in data["actors"].values():
        actor["label"] = actor.pop("name")  # pretend schema 0 called it "label"
    old = orjson.dumps(data)
    saved.write_bytes(old)

    def rename_label(tables):
        for actor in tables["actors"].values():
            actor["name"] = actor.pop("label")

    monkeypatch.setitem(dossier.store.schema.MIGRATIONS, 0, rename_label)
    d = Dossier.open(saved)
    assert saved.with_name("case.json.schema-0.bak").read_bytes() == old
    assert d.actors["a-sean-mccormack"].name == "Sean McCormack"
    assert d.dirty
    d.flush()
    assert orjson.loads(saved.read_bytes())["meta"]["1"]["schema"] == dossier.store.records.SCHEMA_VERSION
    assert Dossier.open(saved).resolve("Sean McCormack").id == "a-sean-mccormack"


def test_older_schema_without_migration_is_refused_unchanged(saved):
    data = orjson.loads(saved.read_bytes())
    data["meta"]["1"]["schema"] = 0
    old = orjson.dumps(data)
    saved.write_bytes(old)
    with pytest.raises(DossierError, match="cannot upgrade"):
        Dossier.open(saved)
    assert saved.read_bytes() == old


def test_a_failing_migration_is_one_clear_error_and_changes_nothing(saved, monkeypatch):
    data = orjson.loads(saved.read_bytes())
    data["meta"]["1"]["schema"] = 0
    old = orjson.dumps(data)
    saved.write_bytes(old)

    def broken(tables):
        raise KeyError("label")

    monkeypatch.setitem(dossier.store.schema.MIGRATIONS, 0, broken)
    with pytest.raises(DossierError, match="could not be upgraded from schema 0"):
        Dossier.open(saved)
    assert saved.read_bytes() == old
    assert not saved.with_name("case.json.schema-0.bak").exists(), "a refused upgrade leaves nothing behind"
