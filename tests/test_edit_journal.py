"""The edit journal over real articles: edits saved as appended lines, replayed on open, a torn line
ignored, compaction into the file at each of its crash points, and another process's appends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from corpus_documents import FIRST, LATER, extracted

from dossier.store import Dossier, DossierError
from dossier.store.curation.operations import Annotate, HideActor, Merge, Rename
from dossier.store.health import check, restore_backup
from dossier.store.journal import EditJournal, journal_path_for

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def politics(tmp_path: Path) -> Dossier:
    """The first twelve politics articles, saved."""
    dossier = Dossier.open(tmp_path / "politics.json")
    with dossier.writing():
        for name in FIRST:
            dossier.add_document(extracted(name))
    return dossier


def table_edits(path: Path) -> list[dict[str, object]]:
    """The edits table as stored in the dossier file, in order."""
    return list(orjson.loads(path.read_bytes())["edits"].values())


def journal_lines(path: Path) -> list[dict[str, object]]:
    """The journal's lines beside a dossier, parsed."""
    journal = journal_path_for(path)
    return [orjson.loads(line) for line in journal.read_bytes().splitlines()] if journal.exists() else []


def curated(dossier: Dossier) -> tuple[object, ...]:
    """What an analyst sees of the curated dossier: actors, events, annotations, the log."""
    return (
        sorted(orjson.dumps(a.to_dict()) for a in dossier.actors.values()),
        sorted(orjson.dumps(e.to_dict()) for e in dossier.events.values()),
        {record_id: a.to_json() for record_id, a in dossier.curation.state.annotations.items()},
        [e.to_json() for e in dossier.history()],
    )


def test_an_edit_appends_one_line_and_leaves_the_file_alone(politics):
    before = politics.path.read_bytes()
    politics.apply(Merge(("a-tories", "a-conservatives")))
    politics.apply(Annotate("a-labour", add_tags=("party",)))
    politics.undo()
    assert politics.path.read_bytes() == before  # no rewrite of the dossier file per edit
    lines = journal_lines(politics.path)
    assert [line["change"] for line in lines] == ["append", "append", "undo"]
    assert lines[2]["edit"]["id"] == lines[1]["edit"]["id"] and lines[2]["edit"]["undone"] is not None
    reopened = Dossier.open(politics.path)
    assert curated(reopened) == curated(politics)
    assert reopened.get("a-conservatives").id == "a-tories"
    assert reopened.annotations("a-labour").tags == []


def test_replaying_lines_twice_or_out_of_date_changes_nothing(politics):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    politics.undo()
    politics.redo()
    journal = journal_path_for(politics.path)
    journal.write_bytes(journal.read_bytes() * 2)  # every line again, an older copy after a newer one
    reopened = Dossier.open(politics.path)
    assert curated(reopened) == curated(politics)
    assert reopened.actors["a-tony-blair"].name == "Anthony Blair"


def test_a_torn_last_line_is_ignored_reported_and_cut_off_by_the_next_edit(politics):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    journal = journal_path_for(politics.path)
    whole = journal.read_bytes()
    torn = orjson.dumps({"change": "append", "edit": {"id": "x-torn", "seq": 9}})[:40]
    journal.write_bytes(whole + torn)  # a writer killed mid-append
    reopened = Dossier.open(politics.path)
    assert reopened.actors["a-tony-blair"].name == "Anthony Blair"
    assert [e.id for e in reopened.history()] == [e.id for e in politics.history()]
    report = check(politics.path)
    assert not report.healthy and any("incomplete" in problem for problem in report.problems)
    reopened.apply(Annotate("a-tony-blair", star=True))
    assert journal.read_bytes().startswith(whole) and b"x-torn" not in journal.read_bytes()
    assert len(journal_lines(politics.path)) == 2
    assert check(politics.path).healthy
    assert Dossier.open(politics.path).annotations("a-tony-blair").star


def test_a_damaged_complete_line_is_skipped_and_reported_never_fatal(politics):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    journal = journal_path_for(politics.path)
    journal.write_bytes(b"{not json\n" + journal.read_bytes())
    assert Dossier.open(politics.path).actors["a-tony-blair"].name == "Anthony Blair"
    assert any("damaged line" in problem for problem in check(politics.path).problems)


def test_writing_the_file_compacts_the_journal_into_its_edits_table(politics):
    politics.apply(Merge(("a-tories", "a-conservatives")))
    politics.apply(HideActor("a-labour"))
    with politics.writing():
        politics.add_document(extracted(LATER[0]))
    assert [e["id"] for e in table_edits(politics.path)] == [e.id for e in politics.history()]
    assert journal_lines(politics.path) == []
    reopened = Dossier.open(politics.path)
    assert curated(reopened) == curated(politics) and "a-labour" not in reopened.actors


def test_a_crash_between_writing_the_file_and_emptying_the_journal_loses_and_duplicates_nothing(politics):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    politics.apply(Annotate("a-labour", add_tags=("party",)))
    stale = journal_path_for(politics.path).read_bytes()
    with politics.writing():  # an ingest and an undo saved together: the file holds the undo only
        politics.add_document(extracted(LATER[0]))
        politics.undo()
    journal_path_for(politics.path).write_bytes(stale)  # as if killed before the journal was emptied
    reopened = Dossier.open(politics.path)
    assert curated(reopened) == curated(politics)
    assert reopened.annotations("a-labour").tags == []  # the stale "active" line is older than the undo
    assert len(reopened.history()) == 2


def test_a_crash_while_writing_the_file_keeps_the_journal(politics, monkeypatch):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    before = politics.path.read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        """The rename over the dossier file fails (a crash before it)."""
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(DossierError), politics.writing():
        politics.add_document(extracted(LATER[0]))
    monkeypatch.undo()
    assert politics.path.read_bytes() == before and len(journal_lines(politics.path)) == 1
    assert Dossier.open(politics.path).actors["a-tony-blair"].name == "Anthony Blair"


def test_another_process_s_append_is_seen_by_reload_reading_only_the_new_lines(politics, monkeypatch):
    viewer = Dossier.open(politics.path)
    command = [sys.executable, "-m", "dossier", "--db", str(politics.path), "tag", "a-tony-blair", "pm"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert viewer.changed_on_disk()

    def no_full_read() -> None:
        """Re-reading the whole file is what the journal spares."""
        raise AssertionError("the whole file was re-read")

    monkeypatch.setattr(viewer, "_load", no_full_read)
    viewer.reload()
    assert viewer.annotations("a-tony-blair").tags == ["pm"] and not viewer.changed_on_disk()
    viewer.apply(Merge(("a-tories", "a-conservatives")))  # appends after the other process's line
    assert [line["change"] for line in journal_lines(politics.path)] == ["append", "append"]


def test_an_emptied_journal_makes_reload_read_everything(politics):
    viewer = Dossier.open(politics.path)
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    with politics.writing():
        politics.add_document(extracted(LATER[0]))
    assert viewer.changed_on_disk()
    viewer.reload()
    assert viewer.actors["a-tony-blair"].name == "Anthony Blair" and len(viewer.sources) == len(FIRST) + 1


def test_a_journal_read_stops_before_a_line_still_being_written(politics):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    journal = EditJournal(politics.path)
    path = journal_path_for(politics.path)
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"change": "app')
    assert len(journal.read_all().entries) == 1 and journal.offset == len(whole) and journal.torn_tail() == 15
    with path.open("ab") as handle:  # the writer finishes its line
        handle.write(b'end", "edit": ' + orjson.dumps(politics.history()[0].to_json()) + b"}\n")
    assert len(journal.read_new().entries) == 1 and journal.torn_tail() == 0


def test_restoring_the_backup_keeps_every_edit(politics):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    with politics.writing():  # the edit goes into the file; the backup is the file before it
        politics.add_document(extracted(LATER[0]))
    politics.apply(Annotate("a-labour", star=True))
    restore_backup(politics.path)
    restored = Dossier.open(politics.path)
    assert len(restored.sources) == len(FIRST)  # the document added since the backup is gone
    assert restored.actors["a-tony-blair"].name == "Anthony Blair" and restored.annotations("a-labour").star
    assert [e.id for e in restored.history()] == [e.id for e in politics.history()]
