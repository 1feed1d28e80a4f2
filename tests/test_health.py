"""store.health on real dossiers: checking without changing, and restoring the backup."""

from __future__ import annotations

import orjson
import pytest
from store_documents import afp_document, reuters_document, state_document

from dossier.store import Dossier, DossierCorrupt, DossierError
from dossier.store.health import check, restore_backup


@pytest.fixture
def path(tmp_path):
    """A dossier saved twice, so that ``.bak`` holds the first save (the AFP article only)."""
    path = tmp_path / "case.json"
    d = Dossier.open(path)
    with d.writing():
        d.add_document(afp_document())
    with d.writing():
        d.add_document(state_document())
        d.add_document(reuters_document())
    return path


def edit(path, change):
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


def test_a_healthy_dossier_reports_its_counts(path):
    report = check(path)
    assert report.healthy, report.problems
    d = Dossier.open(path)
    assert report.counts == {
        "sources": 3,
        "actors": len(d.actors),
        "events": 8,
        "statements": len(d.statements),
        "mentions": sum(len(a.mentions) for a in d.actors.values()),
    }
    assert report.backup == path.with_name("case.json.bak")
    assert report.lines()[0].endswith("healthy")


def test_spans_outside_their_text_and_broken_links_are_listed(path):
    def damage(data):
        actor = next(a for a in data["actors"].values() if a["id"] == "a-tom-casey")
        actor["mentions"][0][2] = 10**6  # stored as [source, start, end]
        event = next(iter(data["events"].values()))
        event["actors"].append("a-nobody")
        event["evidence"][0]["source"] = "s-000000000000"

    edit(path, damage)
    before = path.read_bytes()
    report = check(path)
    assert not report.healthy
    text = "\n".join(report.problems)
    assert "actor a-tom-casey: a mention [" in text and "outside the text" in text
    assert "links to missing actor 'a-nobody'" in text
    assert "unknown source 's-000000000000'" in text
    assert len(report.problems) == 3
    assert path.read_bytes() == before


def test_a_source_whose_text_was_edited_no_longer_matches_its_id(path):
    edit(path, lambda data: data["sources"]["1"].update(text=data["sources"]["1"]["text"] + "!"))
    assert any("does not match its text" in p for p in check(path).problems)


def test_damaged_file_is_reported_and_left_alone(path):
    content = path.read_bytes()[:-200]
    path.write_bytes(content)
    report = check(path)
    assert not report.healthy and "damaged" in report.problems[0]
    assert path.read_bytes() == content


def test_restore_puts_the_backup_back_and_keeps_the_bad_file_aside(path):
    backup = path.with_name("case.json.bak").read_bytes()
    path.write_bytes(path.read_bytes()[:500])
    damaged = path.read_bytes()
    with pytest.raises(DossierCorrupt):
        Dossier.open(path)
    aside = restore_backup(path)
    assert aside is not None and aside.name.startswith("case.json.corrupt-")
    assert aside.read_bytes() == damaged
    assert path.read_bytes() == backup
    restored = Dossier.open(path)
    assert len(restored.sources) == 1 and check(path).healthy


def test_restore_refuses_without_a_usable_backup(tmp_path):
    path = tmp_path / "solo.json"
    d = Dossier.open(path)
    d.add_document(afp_document())
    d.flush()
    before = path.read_bytes()
    with pytest.raises(DossierError, match="no backup"):
        restore_backup(path)
    path.with_name("solo.json.bak").write_bytes(b"{not json")
    with pytest.raises(DossierError, match="backup cannot be restored"):
        restore_backup(path)
    assert path.read_bytes() == before
