"""The dossier file under a hostile file system: a deleted lock file, a symlinked or read-only
dossier, another writer between opening and ingesting (issue 15: items 6 and 7, and its remarks)."""

from __future__ import annotations

import os
import stat

import pytest
from store_documents import afp_document, reuters_document, state_document
from test_cli import SEEDS, run_dossier

from dossier.ingest.pipeline import ingest_paths
from dossier.store import Dossier, DossierError, DossierLocked
from dossier.store.health import check
from dossier.store.lock import lock_path_for


def titles(path):
    """The titles of the sources a fresh reader finds in the dossier file."""
    return sorted(source.title for source in Dossier.open(path, create=False).sources.values())


def test_deleting_the_lock_file_never_loses_the_other_writers_work(tmp_path):
    path = tmp_path / "case.json"
    first = Dossier.open(path)
    with first.writing():
        first.add_document(afp_document())
        first.flush()
        lock_path_for(path).unlink()  # "cleaning up" a lock file while an ingest runs
        second = Dossier.open(path)
        with second.writing():  # takes a new lock file: nothing holds that one
            second.add_document(state_document())
        first.add_document(reuters_document())
    expected = sorted(d.source.title for d in (afp_document(), state_document(), reuters_document()))
    assert titles(path) == expected
    assert check(path).healthy


def test_a_writer_whose_lock_file_was_deleted_waits_for_the_new_holder(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_LOCK_TIMEOUT", "0.2")
    path = tmp_path / "case.json"
    first = Dossier.open(path)
    with first.writing():
        first.add_document(afp_document())
        first.flush()
        lock_path_for(path).unlink()
        second = Dossier.open(path)
        with second.writing():
            second.add_document(state_document())
            first.add_document(reuters_document())
            with pytest.raises(DossierLocked):  # the second holds the lock now: the first must not write
                first.flush()
        # The second saved; the first's next flush takes the lock again and keeps both.
    assert len(titles(path)) == 3


def test_a_file_changed_behind_the_lock_is_re_read_not_overwritten(tmp_path):
    path = tmp_path / "case.json"
    first = Dossier.open(path)
    with first.writing():
        first.add_document(afp_document())
        first.flush()
        # Another program replaces the file without taking the lock (a restore, a copy, an editor).
        other = tmp_path / "other.json"
        elsewhere = Dossier.open(other)
        elsewhere.add_document(afp_document())
        elsewhere.add_document(state_document())
        elsewhere.flush()
        os.replace(other, path)
        first.add_document(reuters_document())
    assert len(titles(path)) == 3


def test_a_symlinked_dossier_is_updated_through_its_link(tmp_path):
    real = tmp_path / "real" / "case.json"
    real.parent.mkdir()
    Dossier.open(real).flush()
    link = tmp_path / "case.json"
    link.symlink_to(real)
    for document in (afp_document(), state_document()):
        d = Dossier.open(link)
        with d.writing():
            d.add_document(document)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(titles(real)) == 2 and titles(link) == titles(real)
    assert real.with_name("case.json.bak").exists() and not tmp_path.joinpath("case.json.bak").exists()
    assert Dossier.open(link).name == "case"


def test_a_dangling_dossier_link_creates_its_target(tmp_path):
    link = tmp_path / "case.json"
    link.symlink_to(tmp_path / "kept" / "real.json")
    d = Dossier.open(link)
    with d.writing():
        d.add_document(afp_document())
    assert link.is_symlink() and len(titles(tmp_path / "kept" / "real.json")) == 1


def test_a_dossier_the_user_made_read_only_is_never_replaced(tmp_path):
    path = tmp_path / "case.json"
    d = Dossier.open(path)
    d.add_document(afp_document())
    d.flush()
    path.chmod(0o444)
    before = path.read_bytes()
    d = Dossier.open(path)  # reading is fine
    with pytest.raises(DossierError, match="read-only"), d.writing():
        d.add_document(state_document())
    result = run_dossier("--db", str(path), "ingest", str(SEEDS))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "read-only" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_dossier_made_read_only_during_a_write_is_left_alone(tmp_path):
    path = tmp_path / "case.json"
    Dossier.open(path).flush()
    d = Dossier.open(path)
    with pytest.raises(DossierError, match="read-only"), d.writing():
        d.add_document(afp_document())
        path.chmod(0o400)
    assert titles(path) == []


def test_new_counts_leave_out_what_another_writer_saved_meanwhile(tmp_path):
    path = tmp_path / "case.json"
    d = Dossier.open(path)  # opened (as `dossier ingest` does) before the other writer saves
    other = Dossier.open(path)
    with other.writing():
        other.add_document(afp_document())
    saved_by_other = len(Dossier.open(path).actors), len(Dossier.open(path).events)
    summary = ingest_paths(d, [SEEDS / "004_d259d4587dd7d8d1.txt"])
    assert summary.added == 1
    assert summary.new_actors == summary.actors - saved_by_other[0] > 0
    assert summary.new_events == summary.events - saved_by_other[1] > 0
