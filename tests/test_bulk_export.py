"""Whole-dossier export (``dossier export --all``): the vault's links, front matter and inert text, the
curated state, rewriting only changed notes, the swap, the graph, the CSV tables and FtM lines."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest
import yaml
from markdown_it import MarkdownIt

from dossier.cli import main
from dossier.store.bulk_export import ExportProgress, export_all, written_by_an_export
from dossier.store.bulk_export.tree import MARKER
from dossier.store.curation.operations import Annotate, HideActor, HideEvent, Merge, Rename, SetKind
from dossier.store.dossier import Dossier
from dossier.store.drafts import StatementDraft
from dossier.store.export import ExportFailed
from dossier.store.filenames import export_filename
from dossier.store.records import Actor, Source
from tests.test_export import build, seed_documents, sentence_span

FTM_SCHEMA = json.loads((Path(__file__).parent / "data" / "ftm_schema.json").read_text(encoding="utf-8"))
EVIL_NAME = "[x](http://evil) <script>alert(1)</script> \x1b[2J"
WIKILINK = re.compile(r"\[\[([^\]|]+)\|([^\]]*)\]\]")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def named(dossier: Dossier, name: str) -> Actor:
    """The curated actor called ``name``."""
    return next(actor for actor in dossier.actors.values() if actor.name == name)


@pytest.fixture
def curated(tmp_path: Path) -> Dossier:
    """The hostile seed copy (script tags, links, escapes in text, names, titles, metadata) with curation
    on top: a merge, a rename to a hostile name, a hidden actor and event, tags, a star and a note."""
    dossier = build(tmp_path / "d.json", seed_documents(hostile=True))
    khalilzad, tehran = named(dossier, "Zalmay Khalilzad"), named(dossier, "Tehran")
    dossier.apply(Merge((named(dossier, "Tom Casey").id, named(dossier, "Ryan Crocker").id), None))
    dossier.apply(Rename(khalilzad.id, EVIL_NAME))
    dossier.apply(HideActor(named(dossier, "Iraq").id))
    dossier.apply(HideEvent(next(e.id for e in dossier.events.values() if e.date == "1979")))
    dossier.apply(Annotate(tehran.id, note="Check the *1979* siege.", add_tags=("iran-file", "<b>x</b>"), star=True))
    return Dossier.open(dossier.path)


def notes(folder: Path) -> dict[str, str]:
    """Every Markdown note of an exported vault by file name."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}


def split(note: str) -> tuple[dict, str]:
    """A note's front matter (parsed as YAML) and its body."""
    assert note.startswith("---\n")
    end = note.index("\n---\n", 3)
    return yaml.safe_load(note[4 : end + 1]), note[end + 5 :]


def inline_tokens(body: str, *, html: bool):
    """Every token of a note body, inline children included, from a CommonMark parser."""
    blocks = MarkdownIt("commonmark", {"html": html}).parse(body)
    return [token for block in blocks for token in (block, *(block.children or []))]


# --- the vault ----------------------------------------------------------------------------


def test_every_vault_link_resolves_and_no_document_markup_survives(curated: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    summary = export_all(curated, folder)
    vault = notes(folder)
    assert len(vault) == len(curated.actors) + len(curated.events) + len(curated.sources) + 2
    assert summary.files == len(vault) + 1 and summary.kept == 0
    links = 0
    for name, note in vault.items():
        front, body = split(note)
        assert isinstance(front["tags"], list) and isinstance(front["aliases"], list), name
        for html in (False, True):
            tokens = inline_tokens(body, html=html)
            assert not [t for t in tokens if t.type in ("html_block", "html_inline", "image")], name
            for link in (t for t in tokens if t.type == "link_open"):
                href = link.attrGet("href")
                assert (folder / href).is_file() and ":" not in href and "/" not in href, (name, href)
                links += not html
    assert links > 50  # the notes really are linked to each other
    assert "index.md" in vault and "timeline.md" in vault


def test_notes_carry_the_curated_state_and_the_evidence(curated: Dossier, tmp_path: Path) -> None:
    export_all(curated, tmp_path / "vault")
    vault = notes(tmp_path / "vault")
    fronts = {split(note)[0]["id"]: split(note)[0] for note in vault.values() if note.count("\nid: ")}
    assert set(fronts) == {*curated.actors, *curated.events, *curated.sources}
    hidden = [a for a in curated.curation.hidden_actors()]
    assert hidden and not any(actor.id in fronts for actor in hidden)
    assert not any(export_filename(actor) in "".join(vault.values()) for actor in hidden)
    assert not any(front.get("date") == "1979" for front in fronts.values())
    survivor = named(curated, "Tom Casey")
    assert "Ryan Crocker" in fronts[survivor.id]["aliases"]
    evil = next(actor for actor in curated.actors.values() if actor.name.startswith("[x]"))
    assert fronts[evil.id]["title"] == "[x](http://evil) <script>alert(1)</script> \u241b[2J"
    tehran = named(curated, "Tehran")
    assert fronts[tehran.id]["tags"] == ["iran-file", "<b>x</b>"] and fronts[tehran.id]["starred"] is True
    tehran_note = vault[export_filename(tehran)]
    assert "## Note\n\nCheck the *1979* siege." in tehran_note
    assert "> " in tehran_note and "**Tehran**" in tehran_note  # the mentions quoted in their sentences


def test_wikilinks_resolve_to_notes_and_labels_cannot_break_out(curated: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "obsidian"
    export_all(curated, folder, links="wiki")
    found = 0
    for name, note in notes(folder).items():
        _front, body = split(note)
        for target, label in WIKILINK.findall(body):
            assert (folder / f"{target}.md").is_file(), (name, target)
            assert not set(label) & set("[]|<>()`*_#"), label
            found += 1
        tokens = inline_tokens(body, html=True)
        assert not [t for t in tokens if t.type in ("html_block", "html_inline", "image", "link_open")], name
    assert found > 50


def test_reexport_rewrites_only_the_changed_notes(curated: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    first = export_all(curated, folder)
    inodes = {path.name: path.stat().st_ino for path in folder.iterdir()}
    again = export_all(curated, folder)
    assert (again.written, again.kept) == (0, first.files)
    tehran = named(curated, "Tehran")
    curated.apply(Annotate(tehran.id, add_tags=("checked",)))
    third = export_all(curated, folder)
    assert third.written == 1 and third.kept == first.files - 1
    changed = [path.name for path in folder.iterdir() if path.stat().st_ino != inodes[path.name]]
    assert changed == [export_filename(tehran)]
    assert "- \"checked\"" in (folder / export_filename(tehran)).read_text(encoding="utf-8")


def test_a_failed_export_leaves_the_earlier_one_and_no_temporary_folder(curated: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    export_all(curated, folder)
    before = notes(folder)

    def interrupt(progress: ExportProgress) -> None:
        if progress.done == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_all(curated, folder, "csv", progress=interrupt)
    assert notes(folder) == before
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".") and path.is_dir()]  # no temporary folder


def test_a_folder_no_export_wrote_is_never_replaced(curated: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.md").write_text("my work", encoding="utf-8")
    with pytest.raises(ExportFailed, match="not empty"):
        export_all(curated, folder)
    assert (folder / "thesis.md").read_text(encoding="utf-8") == "my work"
    export_all(curated, tmp_path / "empty")  # a new folder is fine, and so is an earlier export
    assert (tmp_path / "empty" / MARKER).is_file()
    export_all(curated, tmp_path / "empty", "graph")
    assert not (tmp_path / "empty" / "index.md").exists()


# --- graph, tables, FollowTheMoney ----------------------------------------------------------


def test_graphml_and_gexf_load_back_with_the_same_counts(curated: Dossier, tmp_path: Path) -> None:
    export_all(curated, tmp_path / "graph", "graph")
    graphml = nx.read_graphml(tmp_path / "graph" / "dossier.graphml")
    gexf = nx.read_gexf(tmp_path / "graph" / "dossier.gexf")
    assert graphml.number_of_nodes() == len(curated.actors) + len(curated.events) == gexf.number_of_nodes()
    assert graphml.number_of_edges() == gexf.number_of_edges() > 0
    casey, mccormack = named(curated, "Tom Casey").id, named(curated, "Sean McCormack").id
    talks = next(e for e in curated.events.values() if e.kind == "meeting")
    edge = graphml.edges[casey, talks.id]
    assert edge["relation"] == "involved" and edge["weight"] >= 1
    statement = next(e for e in curated.events.values() if e.title.startswith("McCormack confirms"))
    assert graphml.edges[mccormack, statement.id]["sentences"] == 1  # McCormack is named in its sentence
    pair = graphml.edges[mccormack, next(a for a in statement.actors if a != mccormack)]
    assert pair["relation"] == "shared events" and pair["weight"] == 1
    assert all(data["weight"] >= 1 for _u, _v, data in graphml.edges(data=True))


def test_csv_tables_join_by_id_and_keep_offsets(curated: Dossier, tmp_path: Path) -> None:
    export_all(curated, tmp_path / "csv", "csv")

    def rows(name: str) -> list[dict[str, str]]:
        with open(tmp_path / "csv" / name, encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    actors, events, sources = rows("actors.csv"), rows("events.csv"), rows("sources.csv")
    actor_ids, event_ids, source_ids = ({r[key] for r in table} for table, key in
                                         ((actors, "actor_id"), (events, "event_id"), (sources, "source_id")))
    assert actor_ids == set(curated.actors) and event_ids == set(curated.events) and source_ids == set(curated.sources)
    links = rows("event_actors.csv")
    assert links and all(r["event_id"] in event_ids and r["actor_id"] in actor_ids for r in links)
    mentions = rows("mentions.csv")
    assert len(mentions) == sum(len(a.mentions) for a in curated.actors.values())
    for row in mentions:
        assert row["actor_id"] in actor_ids and row["source_id"] in source_ids
        text = curated.sources[row["source_id"]].text[int(row["start"]) : int(row["end"])]
        assert row["text"].lstrip("'") == text.replace("\x1b", "\u241b")
    evil = next(r for r in actors if r["name"].startswith("[x]"))
    assert "\x1b" not in evil["name"]


def merged_speakers(
    tmp_path: Path, *, hostile: bool, verbs: tuple[str, str], second_direct: bool
) -> tuple[Dossier, Source, Actor, Actor]:
    """The seed dossier with two statements on McCormack's sentence (his, named, and "officials'", with
    no speaker), then McCormack merged into Khalilzad: the dossier, the AFP source, McCormack, Khalilzad."""
    documents = seed_documents(hostile=hostile)
    afp = documents[0].source
    confirmed = sentence_span(afp, "Spokesman Sean McCormack confirmed")
    documents[0].statements = [
        StatementDraft("mccormack", "Spokesman Sean McCormack", "named", verbs[0], False, confirmed, [confirmed]),
        StatementDraft(None, "officials", None, verbs[1], second_direct, confirmed, [confirmed], date="2006-11-28"),
    ]
    dossier = build(tmp_path / "d.json", documents)
    mccormack, khalilzad = named(dossier, "Sean McCormack"), named(dossier, "Zalmay Khalilzad")
    dossier.apply(Merge((khalilzad.id, mccormack.id)))  # the speaker the analyst sees is the survivor
    return dossier, afp, mccormack, khalilzad


def test_the_statements_table_joins_the_speaker_the_analyst_sees(tmp_path: Path) -> None:
    dossier, afp, mccormack, khalilzad = merged_speakers(
        tmp_path, hostile=False, verbs=("confirmed", "said"), second_direct=False
    )
    export_all(dossier, tmp_path / "csv", "csv")
    with open(tmp_path / "csv" / "statements.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    with open(tmp_path / "csv" / "actors.csv", encoding="utf-8", newline="") as file:
        actor_ids = {row["actor_id"] for row in csv.DictReader(file)}
    assert len(rows) == len(dossier.statements) == 2
    speakers = sorted(row["speaker_id"] for row in rows)
    assert speakers == ["", khalilzad.id] and khalilzad.id in actor_ids and mccormack.id not in actor_ids
    for row in rows:
        assert row["source_id"] == afp.id and row["text"] == afp.text[int(row["start"]) : int(row["end"])]
        assert row["text"].startswith("Spokesman Sean McCormack confirmed")


def test_a_formula_in_a_name_is_not_a_formula_in_the_csv(curated: Dossier, tmp_path: Path) -> None:
    curated.apply(Rename(named(curated, "Tehran").id, '=HYPERLINK("http://evil","x")'))
    export_all(curated, tmp_path / "csv", "csv")
    text = (tmp_path / "csv" / "actors.csv").read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(""http://evil"",""x"")"' in text


def _descends(schema: str, wanted: str) -> bool:
    """Whether FtM ``schema`` is ``wanted`` or extends it."""
    return schema == wanted or wanted in FTM_SCHEMA["schemata"][schema]["extends"]


def test_ftm_lines_validate_against_the_published_schema(curated: Dossier, tmp_path: Path) -> None:
    curated.apply(SetKind(named(curated, "Sean McCormack").id, "group"))  # groups are FtM organisations
    export_all(curated, tmp_path / "ftm", "ftm")
    lines = (tmp_path / "ftm" / "dossier.ftm.jsonl").read_text(encoding="utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities)
    schemata = {entity["schema"] for entity in entities}
    assert {"Person", "Organization", "Address", "Event", "Article", "Mention"} <= schemata
    for entity in entities:
        schema = FTM_SCHEMA["schemata"][entity["schema"]]
        assert not schema["abstract"]
        assert set(schema["required"]) <= set(entity["properties"]), entity
        for prop, values in entity["properties"].items():
            spec = schema["properties"][prop]  # a KeyError is a property the schema does not have
            assert values and all(isinstance(value, str) and value for value in values), (entity["id"], prop)
            if spec["type"] == "entity":
                for value in values:
                    assert _descends(by_id[value]["schema"], spec["range"]), (entity["id"], prop, value)
            if spec["type"] == "date":
                assert all(ISO_DATE.fullmatch(value) for value in values), values
    talks = by_id[next(e.id for e in curated.events.values() if e.kind == "meeting")]
    assert named(curated, "Tom Casey").id in talks["properties"]["involved"]
    assert named(curated, "Baghdad").id in talks["properties"]["addressEntity"]
    assert set(curated.events) <= set(by_id) and curated.curation.hidden_actors()[0].id not in by_id


# --- the command line ---------------------------------------------------------------------


def test_export_all_on_the_command_line_shows_progress_and_a_summary(handmade_db: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "out"
    assert main(["--db", str(handmade_db), "export", "--all", str(folder), "--format", "graph"]) == 0
    captured = capsys.readouterr()
    assert re.search(r"^dossier: graph \d+/\d+ \(100%\)$", captured.err, re.M)
    assert captured.out.startswith(f"{folder}: graph, 3 files (3 written, 0 unchanged)")
    assert main(["--db", str(handmade_db), "export", "--all", str(tmp_path / "v"), "--links", "wiki", "-q"]) == 0
    assert (tmp_path / "v" / "index.md").read_text(encoding="utf-8").count("[[actor-") > 5
    assert capsys.readouterr().err == ""
    for wrong in ([], ["a-iran", "--all", str(folder)], ["a-iran", "--format", "csv"], ["--all", str(folder), "-o", "x"]):
        assert main(["--db", str(handmade_db), "export", *wrong]) == 1, wrong
        assert capsys.readouterr().err.count("\n") == 1


def test_every_format_reexported_unchanged_keeps_every_file(curated: Dossier, tmp_path: Path) -> None:
    for export_format in ("vault", "graph", "csv", "ftm"):
        folder = tmp_path / export_format
        first = export_all(curated, folder, export_format)
        again = export_all(curated, folder, export_format)
        assert (first.kept, again.written, again.kept) == (0, 0, first.files), export_format
        assert again.bytes == first.bytes
        assert all(written_by_an_export(path.name) for path in folder.iterdir()), export_format


def test_the_analysts_own_files_in_the_vault_survive_a_reexport_and_stale_notes_go(curated: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    export_all(curated, folder)
    (folder / ".obsidian").mkdir()
    (folder / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    (folder / "my reading list.md").write_text("[[index]]", encoding="utf-8")
    stale = folder / "actor-someone-since-hidden-0123abcd.md"
    stale.write_text("old", encoding="utf-8")
    again = export_all(curated, folder)
    assert again.written == 0
    assert (folder / ".obsidian" / "app.json").read_text(encoding="utf-8") == "{}"
    assert (folder / "my reading list.md").read_text(encoding="utf-8") == "[[index]]"
    assert not stale.exists()
    export_all(curated, folder, "csv")  # another format in the same folder drops the notes, keeps the analyst's files
    assert not list(folder.glob("actor-*.md")) and (folder / "my reading list.md").exists()


def test_each_statement_has_a_vault_note_linked_to_its_speaker_and_source(tmp_path: Path) -> None:
    dossier, afp, _, khalilzad = merged_speakers(tmp_path, hostile=True, verbs=("confirm", "say"), second_direct=True)
    dossier.apply(Rename(khalilzad.id, EVIL_NAME))
    folder = tmp_path / "vault"
    export_all(dossier, folder)
    vault = notes(folder)
    assert len(vault) == len(dossier.actors) + len(dossier.events) + len(dossier.sources) + 2 + 2
    said = {name: note for name, note in vault.items() if name.startswith("statement-")}
    assert len(said) == 2
    fronts = [split(note)[0] for note in said.values()]
    assert sorted(str(front["speaker"]) for front in fronts) == sorted([khalilzad.id, "None"])
    assert sorted(front["direct"] for front in fronts) == [False, True]
    speaker_note, source_note = export_filename(dossier.actors[khalilzad.id]), export_filename(dossier.sources[afp.id])
    for name, note in said.items():
        _, body = split(note)
        tokens = inline_tokens(body, html=True)
        assert not [t for t in tokens if t.type in ("html_block", "html_inline", "image")], name
        hrefs = {t.attrGet("href") for t in tokens if t.type == "link_open"}
        assert all((folder / href).is_file() for href in hrefs) and source_note in hrefs, (name, hrefs)
        assert (speaker_note in hrefs) == ("officials" not in body), name
        assert "Spokesman Sean McCormack confirmed" in body
