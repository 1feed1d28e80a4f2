"""The ``dossier`` command as a user runs it: ingest the seeds, list, show, search, export, dump."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


def run_dossier(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``dossier`` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "dossier.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd or ROOT,
        timeout=600,
    )


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier built from the seeds by ``dossier ingest seeds/``, shared by this module."""
    db = tmp_path_factory.mktemp("cli") / "seed.json"
    result = run_dossier("--db", str(db), "ingest", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert "2 sources added, 0 skipped, 0 failed" in result.stdout
    return db


@pytest.fixture(scope="module")
def dump(seed_db: Path) -> dict:
    """The seed dossier as ``dossier dump`` prints it."""
    result = run_dossier("--db", str(seed_db), "dump")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_dump_has_the_documented_shape(dump: dict) -> None:
    assert set(dump) == {"sources", "actors", "events", "statements", "annotations", "edits"}
    assert {"id", "title", "published", "publisher", "place", "path", "text", "furniture"} <= set(dump["sources"][0])
    assert {"id", "name", "kind", "aliases", "roles", "mentions"} <= set(dump["actors"][0])
    assert {"id", "date", "until", "kind", "title", "actors", "place", "evidence"} <= set(dump["events"][0])
    assert {"id", "speaker", "speaker_text", "speaker_by", "verb", "direct", "content", "evidence", "date"} <= set(
        dump["statements"][0]
    )


def test_statements_are_listed_and_dumped_with_their_words(seed_db: Path, dump: dict) -> None:
    texts = {source["id"]: source["text"] for source in dump["sources"]}
    actors = {actor["id"]: actor["name"] for actor in dump["actors"]}
    said = {
        (actors.get(q["speaker"]), texts[q["content"]["source"]][q["content"]["start"] : q["content"]["end"]])
        for q in dump["statements"]
    }
    assert ("Tom Casey", "the Baghdad channel") in said
    assert any(name == "Sean McCormack" and words.startswith("It’s a very narrow mandate") for name, words in said)
    result = run_dossier("--db", str(seed_db), "statements", "--actor", "Casey", "--json")
    assert result.returncode == 0, result.stderr
    casey = json.loads(result.stdout)
    assert casey and all(actors[q["speaker"]] == "Tom Casey" for q in casey)
    assert [q["date"] for q in casey] == sorted((q["date"] for q in casey), reverse=True)
    table = run_dossier("--db", str(seed_db), "statements")
    assert table.returncode == 0 and "“the Baghdad channel”" in table.stdout


def test_every_offset_in_the_dump_points_at_its_evidence(dump: dict) -> None:
    texts = {source["id"]: source["text"] for source in dump["sources"]}
    for actor in dump["actors"]:
        for mention in actor["mentions"]:
            surface = texts[mention["source"]][mention["start"] : mention["end"]]
            assert surface.strip() and surface == surface.strip(), (actor["name"], surface)
    for event in dump["events"]:
        for span in event["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(texts[span["source"]])


def test_seed_files_are_stored_byte_for_byte(dump: dict) -> None:
    stored = {Path(source["path"]).name: source["text"] for source in dump["sources"]}
    for seed in SEEDS.glob("*.txt"):
        assert stored[seed.name] == seed.read_text(encoding="utf-8")


def test_ingesting_again_adds_nothing(seed_db: Path, dump: dict) -> None:
    result = run_dossier("--db", str(seed_db), "ingest", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert "0 sources added, 2 skipped, 0 failed" in result.stdout
    again = json.loads(run_dossier("--db", str(seed_db), "dump").stdout)
    assert len(again["actors"]) == len(dump["actors"])
    assert len(again["events"]) == len(dump["events"])


def test_actors_json_lists_the_merged_cross_article_actors(seed_db: Path) -> None:
    result = run_dossier("--db", str(seed_db), "actors", "--json")
    actors = json.loads(result.stdout)
    names = [actor["name"] for actor in actors]
    for name in ("Iran", "Iraq", "United States", "Baghdad"):
        assert names.count(name) == 1, name
    mentions = [actor["mentions"] for actor in actors]
    assert mentions == sorted(mentions, reverse=True)


def test_show_by_alias_prints_markdown(seed_db: Path) -> None:
    result = run_dossier("--db", str(seed_db), "show", "McCormack")
    assert result.returncode == 0, result.stderr
    tokens = MarkdownIt("commonmark", {"html": False}).parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Sean McCormack" in headings[0]


def test_events_of_an_actor(seed_db: Path) -> None:
    result = run_dossier("--db", str(seed_db), "events", "--actor", "Crocker", "--json")
    assert result.returncode == 0, result.stderr
    assert "2007-05-28" in [event["date"] for event in json.loads(result.stdout)]


def test_search_finds_actor_by_partial_name_and_text(seed_db: Path) -> None:
    result = json.loads(run_dossier("--db", str(seed_db), "search", "khalil", "--json").stdout)
    assert result["actors"][0]["name"] == "Zalmay Khalilzad"
    phrase = json.loads(run_dossier("--db", str(seed_db), "search", '"ball really is"', "--json").stdout)
    assert phrase["texts"], phrase


def test_unknown_ref_is_one_line_and_nonzero(seed_db: Path) -> None:
    result = run_dossier("--db", str(seed_db), "show", "Nobody Atall")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "Nobody Atall" in result.stderr


def test_missing_explicit_dossier_is_one_clear_line(tmp_path: Path) -> None:
    result = run_dossier("--db", str(tmp_path / "none.json"), "actors")
    assert result.returncode != 0
    assert "no dossier at" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "none.json").exists()


def test_garbage_dossier_gives_one_line_and_stays_untouched(tmp_path: Path) -> None:
    db = tmp_path / "bad.json"
    db.write_bytes(b"\x00garbage{{{")
    result = run_dossier("--db", str(db), "actors")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(db) in result.stderr
    assert db.read_bytes() == b"\x00garbage{{{"


def test_ingest_reports_missing_path(tmp_path: Path) -> None:
    result = run_dossier("--db", str(tmp_path / "d.json"), "ingest", str(tmp_path / "nope"))
    assert result.returncode != 0
    assert "no such file or folder" in result.stderr


def test_export_writes_a_markdown_file_and_refuses_to_overwrite(seed_db: Path, tmp_path: Path) -> None:
    result = run_dossier("--db", str(seed_db), "export", "Khalilzad", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent == tmp_path and written.suffix == ".md"
    assert "Zalmay Khalilzad" in written.read_text(encoding="utf-8")
    again = run_dossier("--db", str(seed_db), "export", "Khalilzad", "-o", str(tmp_path))
    assert again.returncode != 0 and "--force" in again.stderr
    forced = run_dossier("--db", str(seed_db), "export", "Khalilzad", "-o", str(tmp_path), "--force")
    assert forced.returncode == 0


def test_metadata_table_sets_dates_for_yearless_wire_stories(tmp_path: Path) -> None:
    article = CORPUS / "reuters" / "00002.txt"
    folder = tmp_path / "wire"
    folder.mkdir()
    shutil.copy(article, folder / "00002.txt")
    (folder / "index.tsv").write_text("file\tdate\n00002.txt\t26-FEB-1987 15:02:20.00\n", encoding="utf-8")
    db = tmp_path / "d.json"
    result = run_dossier("--db", str(db), "ingest", str(folder), "--metadata", str(folder / "index.tsv"))
    assert result.returncode == 0, result.stderr
    sources = json.loads(run_dossier("--db", str(db), "sources", "--json").stdout)
    assert sources[0]["published"] == "1987-02-26"
