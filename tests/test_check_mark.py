"""The check mark (store.check_mark): a file version the store wrote or checked opens without a
second record check; any version another program wrote is checked in full, mark or not."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

import dossier.store.record_schema as record_schema
from dossier.store import Dossier, DossierInvalid
from dossier.store.check_mark import mark_path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the record check runs on, in order (the real check still runs)."""
    seen: list[Path] = []
    real = record_schema.records_by_id

    def counting(path: Path, tables: record_schema.RawTables) -> dict[str, dict[str, record_schema.RawRecord]]:
        seen.append(path)
        return real(path, tables)

    monkeypatch.setattr(record_schema, "records_by_id", counting)
    return seen


def test_a_version_checked_once_is_not_checked_again(handmade_db: Path, checks: list[Path]) -> None:
    first = Dossier.open(handmade_db, create=False)
    assert len(checks) == 1  # a copy from elsewhere: a new inode, never marked
    assert mark_path(handmade_db).exists()
    again = Dossier.open(handmade_db, create=False)
    assert len(checks) == 1
    assert sorted(again.actors) == sorted(first.actors)


def test_a_version_the_store_wrote_opens_without_a_check(handmade_db: Path, checks: list[Path]) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    actor_id = dossier.actor_ids_by_mentions()[0]
    from dossier.store.curation.operations import Rename

    dossier.apply(Rename(actor_id, "Renamed By The Analyst"))
    checks.clear()
    reopened = Dossier.open(handmade_db, create=False)
    assert checks == []
    assert reopened.actors[actor_id].name == "Renamed By The Analyst"


def test_another_programs_write_is_checked_in_full_even_with_a_mark(handmade_db: Path, checks: list[Path]) -> None:
    Dossier.open(handmade_db, create=False)  # marks this version as checked
    data = orjson.loads(handmade_db.read_bytes())
    actor = next(iter(data["actors"].values()))
    actor["mentions"][0][1] = "not an offset"
    with open(handmade_db, "r+b") as handle:  # in place: same inode, a new size and time
        handle.write(orjson.dumps(data))
        handle.truncate()
    checks.clear()
    with pytest.raises(DossierInvalid):
        Dossier.open(handmade_db, create=False)
    assert checks == [handmade_db]


def test_a_stale_or_damaged_mark_only_means_the_check_runs(handmade_db: Path, checks: list[Path]) -> None:
    mark_path(handmade_db).write_bytes(b"\x00garbage\xff")
    Dossier.open(handmade_db, create=False)
    assert len(checks) == 1
    assert Dossier.open(handmade_db, create=False) is not None
    assert len(checks) == 1  # the check rewrote the mark for this version


def test_the_mark_is_never_written_through_a_link(handmade_db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    os.symlink(victim, mark_path(handmade_db))
    Dossier.open(handmade_db, create=False)
    assert victim.read_text(encoding="utf-8") == "precious\n"
