"""Hostile input at the command line (issue 15 items 10, 14, 15, 17): controls in JSON, bad
numbers and settings, empty paths, file names that try to forge output lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.arguments import capped_jobs, usable_cores
from dossier.output import json_text, one_line, shown_path
from tests.test_cli import ROOT, SEEDS, run_dossier

TERMINAL_CONTROLS = ("\x1b", "\x9b", "\u202e", "\u202c", "\x07", "\x7f")


def assert_one_clean_line(stderr: str) -> None:
    """The failure is exactly one line, with no traceback."""
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr and stderr.startswith("dossier: ")


# --- item 10: --json and dump escape C1 controls and bidi overrides -------------------------------


@pytest.mark.parametrize(
    "command",
    [["dump"], ["sources", "--json"], ["actors", "--json"], ["events", "--json"], ["search", "spoke", "--json"]],
)
def test_json_output_escapes_every_terminal_control_and_keeps_the_data_exact(hostile_db: Path, command: list[str]) -> None:
    result = run_dossier("--db", str(hostile_db), *command)
    assert result.returncode == 0, result.stderr
    for control in TERMINAL_CONTROLS:
        assert control not in result.stdout, repr(control)
    data = json.loads(result.stdout)
    if command == ["dump"]:
        assert data["sources"][0]["title"] == "[@click=app.quit]Title[/] \x1b]0;pwned\x07"
        assert "Witness \x9b31m spoke" in data["sources"][0]["text"]
        assert {"\u202eevil\u202c", "\x9b31m"} <= {actor["name"] for actor in data["actors"]}


def test_json_text_escapes_c1_bidi_and_line_separators_as_unicode_escapes() -> None:
    value = {"title": "a\x9bb\u202ec\u2066d\x85e\u2028f\x7f", "plain": "Khalilzad – Baghdad"}
    text = json_text(value)
    assert text.isascii() is False and "–" in text  # ordinary non-ASCII stays readable
    assert "\\u009b" in text and "\\u202e" in text and "\\u2028" in text and "\\u007f" in text
    assert json.loads(text) == value


def test_show_json_of_a_hostile_actor_is_escaped(hostile_db: Path) -> None:
    dump = json.loads(run_dossier("--db", str(hostile_db), "dump").stdout)
    bidi = next(actor for actor in dump["actors"] if actor["name"] == "\u202eevil\u202c")
    result = run_dossier("--db", str(hostile_db), "show", bidi["id"], "--json")
    assert result.returncode == 0, result.stderr
    assert "\u202e" not in result.stdout and json.loads(result.stdout)["name"] == "\u202eevil\u202c"


# --- item 14: bad numbers and settings --------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ["search", "Iran", "--limit", "-1"],
        ["search", "Iran", "--limit", "0"],
        ["search", "Iran", "--limit", "12345678901234567890"],
        ["search", "Iran", "--limit", "ten"],
        ["actors", "--limit", "-3"],
        ["actors", "--limit", "99999999999999999999"],
        ["events", "--actor", ""],
        ["events", "--actor", "   "],
        ["show", ""],
        ["search", ""],
        ["ingest", "-j", "-2", str(SEEDS)],
    ],
)
def test_bad_numbers_and_empty_refs_are_one_line_and_exit_2(handmade_db: Path, arguments: list[str]) -> None:
    before = handmade_db.read_bytes()
    result = run_dossier("--db", str(handmade_db), *arguments)
    assert result.returncode == 2
    assert_one_clean_line(result.stderr)
    assert result.stdout == ""
    assert handmade_db.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DOSSIER_FLUSH_SECONDS", "abc"),
        ("DOSSIER_FLUSH_SECONDS", ""),
        ("DOSSIER_FLUSH_SECONDS", "-1"),
        ("DOSSIER_FLUSH_SECONDS", "nan"),
        ("DOSSIER_LOCK_TIMEOUT", "soon"),
        ("DOSSIER_MAX_BYTES", "50MB"),
        ("DOSSIER_MAX_LINE_CHARS", "0"),
    ],
)
def test_an_unusable_setting_stops_the_ingest_before_it_starts(tmp_path: Path, name: str, value: str) -> None:
    db = tmp_path / "d.json"
    result = run_dossier("--db", str(db), "ingest", str(SEEDS), env={name: value})
    assert result.returncode == 1
    assert_one_clean_line(result.stderr)
    assert name in result.stderr
    assert not db.exists()


def test_more_jobs_than_cores_start_one_worker_per_core() -> None:
    cores = usable_cores()
    assert capped_jobs(1000, 2) == (cores, f"-j 1000 is more than the {cores} cores here; using {cores}")
    assert capped_jobs(0, 2) == (2, None)
    assert capped_jobs(1, 2) == (1, None)


def test_a_limit_on_actors_keeps_the_most_mentioned(handmade_db: Path) -> None:
    everyone = json.loads(run_dossier("--db", str(handmade_db), "actors", "--json").stdout)
    top = json.loads(run_dossier("--db", str(handmade_db), "actors", "--json", "--limit", "3").stdout)
    assert top == everyone[:3] and len(everyone) > 3


# --- item 15: empty paths, and a misspelled --db for the app ---------------------------------


def test_an_empty_path_is_never_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text((SEEDS / "000_c7a545a4ddec3c56.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "d.json"
    result = run_dossier("--db", str(db), "ingest", "", cwd=tmp_path)
    assert result.returncode == 2
    assert_one_clean_line(result.stderr)
    assert not db.exists()


def test_an_empty_db_is_refused_not_the_default_dossier(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    for arguments in (["--db", "", "actors"], ["--db", "", "ingest", str(SEEDS)], ["doctor", ""]):
        result = run_dossier(*arguments, env=env)
        assert result.returncode == 2, arguments
        assert_one_clean_line(result.stderr)
    assert not home.exists(), "nothing was built in the default place"


def test_the_app_on_a_misspelled_db_says_so_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "dosier.json"
    result = run_dossier("--db", str(missing), env={"TERM": "dumb"})
    assert result.returncode == 1
    assert_one_clean_line(result.stderr)
    assert "no dossier at" in result.stderr
    assert not missing.exists() and list(tmp_path.iterdir()) == []


# --- item 17: every printed path on one line -------------------------------------------------


FORGED = "x\n0 sources added, 0 skipped, 0 failed in 0.0 s; all good\n\x1b[2J.txt"


def test_a_newline_in_a_file_name_cannot_forge_an_output_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / FORGED).write_bytes(b"\x00\x01binary\x00" * 100)
    result = run_dossier("--db", str(tmp_path / "d.json"), "ingest", "-q", str(folder))
    assert result.returncode == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failures) == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "x␊0 sources added" in failures[0] and "␛[2J" in failures[0]
    assert not any(line.startswith("0 sources added") for line in result.stdout.splitlines()[:-1])
    assert result.stdout.count("\n") == 1 and "\x1b" not in result.stdout + result.stderr


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_printed_and_reported_as_json(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xff\n.txt"), "wb") as handle:
        handle.write(b"\x00binary\x00" * 100)
    result = run_dossier("--db", str(tmp_path / "d.json"), "ingest", "--json", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "bad\\xff␊.txt" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["failed"][0]["path"].endswith("bad\\xff\n.txt")


def test_printed_paths_are_one_line_with_every_control_visible() -> None:
    assert shown_path(Path("/tmp/a\nb\tc\x1b[2J\x9b\udcff")) == "/tmp/a␊b␉c␛[2J�\\xff"
    assert one_line("line one\nline two") == "line one␊line two"


def test_the_export_path_is_printed_on_one_line(handmade_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out\nforged line"
    result = run_dossier("--db", str(handmade_db), "export", "Khalilzad", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "out␊forged line" in result.stdout


# --- acceptance: no ResourceWarning from dossier's own code under python -X dev ----------------


def test_main_paths_show_no_resource_warning_under_dev_mode(handmade_db: Path, tmp_path: Path) -> None:
    def dev(*arguments: str) -> str:
        """Run the command in Python's development mode, every ResourceWarning shown; its stderr."""
        result = subprocess.run(
            [sys.executable, "-X", "dev", "-W", "always::ResourceWarning", "-m", "dossier", *arguments],
            capture_output=True, text=True, timeout=600, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        return result.stderr

    db = str(handmade_db)
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00garbage{{{")
    runs = [
        dev("--db", str(tmp_path / "new.json"), "ingest", "-q", str(SEEDS)),
        dev("--db", str(tmp_path / "new.json"), "ingest", str(tmp_path / "missing")),
        dev("--db", db, "actors"), dev("--db", db, "events", "--actor", "Khalilzad"), dev("--db", db, "sources", "--json"),
        dev("--db", db, "search", "Baghdad"), dev("--db", db, "show", "Khalilzad"), dev("--db", db, "dump"),
        dev("--db", db, "export", "Khalilzad", "-o", str(tmp_path / "out")), dev("--db", db, "doctor"),
        dev("--db", str(garbage), "actors"), dev("--db", str(garbage), "doctor"), dev("--db", db, "show", "Nobody Atall"),
    ]
    for stderr in runs:
        assert "ResourceWarning" not in stderr and "Traceback" not in stderr, stderr
