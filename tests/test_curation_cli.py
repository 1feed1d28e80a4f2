"""The curation subcommands on the pipeline-built seed dossier: messages, --json, errors, faults."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest
from corpus_documents import POLITICS

from dossier.cli import main
from dossier.store import Dossier
from dossier.store.journal import journal_path_for

REPO = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    """Run ``dossier --db DB ARGS`` in this process: exit code, stdout, stderr."""
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_merge_says_what_it_did_and_the_old_id_still_shows(seed_db, capsys):
    code, out, _ = run(capsys, seed_db, "merge", "Iran", "Tehran", "--reason", "capital stands for the state")
    assert (code, out) == (0, "merged 'Tehran' into 'Iran' (a-iran)\n")
    code, out, _ = run(capsys, seed_db, "show", "a-tehran")
    assert code == 0 and 'id: "a-iran"' in out and "Tehran" in out
    code, out, _ = run(capsys, seed_db, "history", "--json")
    [edit] = json.loads(out)
    assert (edit["op"], edit["args"]["actors"], edit["reason"]) == ("merge", ["a-iran", "a-tehran"], "capital stands for the state")


def test_rename_kind_alias_and_their_json(seed_db, capsys):
    name = "Supreme Council for Islamic Revolution in Iraq"
    assert run(capsys, seed_db, "rename", "Shiite", name)[1] == f"renamed 'Shiite' to '{name}' (a-shiite)\n"
    code, out, _ = run(capsys, seed_db, "kind", name, "organization", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["record"]["kind"] == "organization" and payload["edit"]["op"] == "kind"
    assert run(capsys, seed_db, "alias", "a-shiite", "SCIRI")[1] == f"added the alias 'SCIRI' to '{name}' (a-shiite)\n"
    assert run(capsys, seed_db, "show", "sciri")[0] == 0
    code, _, err = run(capsys, seed_db, "unalias", "a-shiite", "nothing-like-it")
    assert code == 1 and err.count("\n") == 1 and "has no alias" in err


def test_hide_and_unhide_by_name(seed_db, capsys):
    code, out, _ = run(capsys, seed_db, "hide", "Shiite")
    assert code == 0 and out.startswith("hid 'Shiite' (a-shiite)")
    assert "a-shiite" not in run(capsys, seed_db, "actors")[1]
    assert run(capsys, seed_db, "hidden")[1] == "a-shiite  group  Shiite\n"
    assert run(capsys, seed_db, "show", "Shiite")[0] == 1
    assert run(capsys, seed_db, "unhide", "Shiite")[1] == "brought back 'Shiite' (a-shiite)\n"
    assert "a-shiite" in run(capsys, seed_db, "actors")[1]


def test_annotations_note_from_stdin_and_the_export(seed_db, capsys, monkeypatch, tmp_path):
    assert run(capsys, seed_db, "tag", "Khalilzad", "envoy", "iraq")[1] == "tagged 'Zalmay Khalilzad' (a-zalmay-khalilzad) #envoy #iraq\n"
    assert run(capsys, seed_db, "star", "Khalilzad")[0] == 0
    assert run(capsys, seed_db, "reviewed", "Khalilzad")[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("Met Iran's envoy in **Baghdad**.\n\n- [ ] follow up\n"))
    assert run(capsys, seed_db, "note", "Khalilzad", "-")[0] == 0
    assert run(capsys, seed_db, "note", "Khalilzad")[1] == "Met Iran's envoy in **Baghdad**.\n\n- [ ] follow up\n"
    code, out, _ = run(capsys, seed_db, "show", "Khalilzad")
    front, body = out.split("\n---\n", 1)
    assert 'tags:\n- "envoy"\n- "iraq"' in front and "starred: true" in front and 'status: "reviewed"' in front
    assert "## Note\n\nMet Iran's envoy in **Baghdad**." in body
    assert 'status: "machine"' in run(capsys, seed_db, "show", "Ryan Crocker")[1]
    code, _, err = run(capsys, seed_db, "read", "Khalilzad")
    assert code == 1 and "not a source" in err


def test_undo_redo_and_nothing_to_undo(seed_db, capsys):
    code, _, err = run(capsys, seed_db, "undo")
    assert (code, err) == (1, "dossier: nothing to undo\n")
    run(capsys, seed_db, "rename", "Shiite", "Shia majority")
    assert run(capsys, seed_db, "undo")[1] == "undid rename actor=a-shiite name=Shia majority\n"
    assert "Shia majority" not in run(capsys, seed_db, "actors")[1]
    assert run(capsys, seed_db, "redo")[1] == "redid rename actor=a-shiite name=Shia majority\n"
    assert "Shia majority" in run(capsys, seed_db, "actors")[1]
    assert run(capsys, seed_db, "redo")[2] == "dossier: nothing to redo\n"


def test_event_edit_rejects_a_bad_date_in_one_line(seed_db, capsys):
    event_id = Dossier.open(seed_db).timeline_ids()[0]
    code, _, err = run(capsys, seed_db, "event", event_id, "--date", "next May")
    assert code == 1 and err.count("\n") == 1 and "not a date" in err
    code, out, _ = run(capsys, seed_db, "event", event_id, "--date", "2007-05", "--title", "Talks in Baghdad", "--json")
    assert json.loads(out)["record"]["date"] == "2007-05"


def test_split_an_alias_into_a_new_actor(seed_db, capsys):
    run(capsys, seed_db, "merge", "Iran", "Tehran")
    code, out, _ = run(capsys, seed_db, "split", "Iran", "--alias", "Tehran")
    assert code == 0 and out == "moved 4 mentions of 'Iran' (a-iran) to 'Tehran' (a-tehran-2)\n"
    code, _, err = run(capsys, seed_db, "split", "Iran")
    assert code == 1 and "at least one --alias or --source" in err


def test_dump_carries_the_curated_state_and_the_log(seed_db, capsys):
    run(capsys, seed_db, "merge", "Iran", "Tehran")
    run(capsys, seed_db, "star", "Iran")
    dump = json.loads(run(capsys, seed_db, "dump")[1])
    assert "a-tehran" not in {a["id"] for a in dump["actors"]}
    assert [e["op"] for e in dump["edits"]] == ["merge", "annotate"]
    assert set(dump["edits"][0]) == {"id", "seq", "op", "args", "time", "reason", "undone", "stamp"}
    assert dump["annotations"]["a-iran"]["star"] is True


def test_doctor_reports_an_edit_naming_a_missing_record(seed_db, capsys):
    run(capsys, seed_db, "rename", "Shiite", "Shia majority")
    data = orjson.loads(seed_db.read_bytes())
    saved = orjson.loads(journal_path_for(seed_db).read_bytes().splitlines()[0])["edit"]  # the edit's journal line
    data["edits"]["2"] = dict(saved, id="x-ghost", seq=5, stamp=5, args={"actor": "a-gone", "name": "G"})
    seed_db.write_bytes(orjson.dumps(data))
    code, out, _ = run(capsys, seed_db, "doctor")
    assert code == 1 and "x-ghost" in out and "a-gone" in out
    assert "Shia majority" in run(capsys, seed_db, "actors")[1]  # the rest still applies


def test_an_edit_is_in_the_file_when_the_command_returns_even_under_kill_9(seed_db):
    machine_file = seed_db.read_bytes()
    script = textwrap.dedent(
        f"""
        import sys, time
        from dossier.store import Dossier
        from dossier.store.curation.operations import Rename
        dossier = Dossier.open({str(seed_db)!r})
        dossier.apply(Rename("a-shiite", "Shia majority"))
        print("done", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert child.stdout is not None and child.stdout.readline() == "done\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert Dossier.open(seed_db).actors["a-shiite"].name == "Shia majority"
    assert seed_db.read_bytes() == machine_file  # the edit is one fsync'd journal line, the file untouched
    assert [orjson.loads(line)["change"] for line in journal_path_for(seed_db).read_bytes().splitlines()] == ["append"]


def test_edits_made_while_another_process_ingests_are_all_kept(seed_db, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("041.txt", "036.txt", "055.txt"):
        (articles / name).write_bytes((POLITICS / name).read_bytes())
    ingest = subprocess.Popen(
        [sys.executable, "-m", "dossier", "--db", str(seed_db), "ingest", "-q", "-j", "1", str(articles)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    dossier = Dossier.open(seed_db)
    from dossier.store.curation.operations import Annotate

    tags = []
    while ingest.poll() is None or len(tags) < 3:
        tags.append(f"t{len(tags)}")
        dossier.apply(Annotate("a-iran", add_tags=(tags[-1],)))
        time.sleep(0.1)  # an analyst's pace: each edit holds the lock only for its own write
    _, errors = ingest.communicate()
    assert ingest.returncode == 0, errors
    reopened = Dossier.open(seed_db)
    assert len(reopened.sources) == 5
    assert reopened.annotations("a-iran").tags == tags


def test_hidden_lists_hidden_events_after_actors_and_search_finds_tags(seed_db, capsys):
    events = json.loads(run(capsys, seed_db, "events", "--json")[1])
    event = next(e for e in events if e["date"] == "2005-10")
    assert run(capsys, seed_db, "hide", "Shiite")[0] == 0
    assert run(capsys, seed_db, "hide", event["id"])[0] == 0
    assert run(capsys, seed_db, "hidden")[1] == f"a-shiite  group  Shiite\n{event['id']}  2005-10  {event['title']}\n"
    assert run(capsys, seed_db, "unhide", event["id"])[0] == 0
    assert run(capsys, seed_db, "tag", "Khalilzad", "envoy")[0] == 0
    assert run(capsys, seed_db, "tag", event["id"], "envoy")[0] == 0
    code, out, _ = run(capsys, seed_db, "search", "tag:envoy")
    assert code == 0 and out.splitlines()[1].split()[:2] == ["actor", "a-zalmay-khalilzad"]
    assert out.splitlines()[2].split()[:2] == ["event", event["id"]]
    assert run(capsys, seed_db, "note", "Khalilzad", "Ask about the Baghdad channel")[0] == 0
    hits = json.loads(run(capsys, seed_db, "search", "channel", "--json")[1])["annotated"]
    assert hits == [{"id": "a-zalmay-khalilzad", "kind": "actor", "why": "Ask about the Baghdad channel"}]
