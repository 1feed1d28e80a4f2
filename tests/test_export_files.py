"""The export service: file or folder, overwriting, links at the target, failures that leave nothing behind,
front matter inert under any Markdown renderer, and the rendered links the preview follows."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from test_cli import run_dossier
from test_export import (
    actor,
    build,
    render_markdown,
    source_for,
    split_front_matter,
    tokens,
    walk,
)
from test_tui import lists, ready, record_named
from textual.widgets import Markdown

from dossier.store import storage
from dossier.store.dossier import Dossier
from dossier.store.drafts import ExtractedDocument
from dossier.store.errors import DossierError
from dossier.store.export import ExportExists, ExportFailed, write_export
from dossier.store.filenames import export_filename
from dossier.store.records import Actor
from dossier.store.render import render_record
from dossier.tui.app import DossierApp
from dossier.tui.screens.preview import PreviewScreen


@pytest.fixture
def seeded(seed_db: Path) -> Dossier:
    """The seed dossier built by the real pipeline (the conftest's session copy)."""
    return Dossier.open(seed_db, create=False)


def khalilzad(seeded: Dossier) -> Actor:
    """Zalmay Khalilzad: an actor of the seed dossier with mentions, events and co-actors."""
    found = seeded.resolve("Zalmay Khalilzad")
    assert isinstance(found, Actor)
    return found


def files_in(folder: Path) -> list[str]:
    """Every entry in a folder, hidden temp files included."""
    return sorted(entry.name for entry in folder.iterdir())


# --- file or folder ------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["notes/zalmay.md", "notes/ZALMAY.MD"])
def test_a_md_target_is_the_file_itself_and_its_folder_is_created(seeded: Dossier, tmp_path: Path, target: str) -> None:
    record = khalilzad(seeded)
    written = write_export(seeded, record, tmp_path / target)
    assert written == tmp_path / target
    assert written.read_text(encoding="utf-8") == render_markdown(seeded, record)
    assert files_in(tmp_path / "notes") == [Path(target).name]


@pytest.mark.parametrize("target", ["vault", "vault/deeper", "exports.d"])
def test_any_other_target_is_a_folder_holding_the_records_own_file(seeded: Dossier, tmp_path: Path, target: str) -> None:
    record = khalilzad(seeded)
    written = write_export(seeded, record, str(tmp_path / target))
    assert written == tmp_path / target / export_filename(record)
    assert files_in(tmp_path / target) == [export_filename(record)]


def test_an_existing_folder_named_like_a_md_file_is_used_as_a_folder(seeded: Dossier, tmp_path: Path) -> None:
    record = khalilzad(seeded)
    (tmp_path / "vault.md").mkdir()
    written = write_export(seeded, record, tmp_path / "vault.md")
    assert written == tmp_path / "vault.md" / export_filename(record) and written.is_file()


# --- overwriting and links at the target ---------------------------------------------------


@pytest.mark.parametrize("into", ["folder", "file"])
def test_an_existing_export_is_kept_unless_overwrite_is_asked(seeded: Dossier, tmp_path: Path, into: str) -> None:
    record = khalilzad(seeded)
    target = tmp_path / "out" if into == "folder" else tmp_path / "out" / "k.md"
    path = write_export(seeded, record, target)
    path.write_text("analyst's edits", encoding="utf-8")
    with pytest.raises(ExportExists) as raised:
        write_export(seeded, record, target)
    assert raised.value.path == path and path.read_text(encoding="utf-8") == "analyst's edits"
    assert write_export(seeded, record, target, overwrite=True) == path
    assert path.read_text(encoding="utf-8") == render_markdown(seeded, record)
    assert files_in(tmp_path / "out") == [path.name]


@pytest.mark.parametrize("into", ["folder", "file"])
@pytest.mark.parametrize("link", ["live", "dangling"])
@pytest.mark.parametrize("overwrite", [False, True])
def test_a_symlink_at_the_target_is_never_written_through(
    seeded: Dossier, tmp_path: Path, into: str, link: str, overwrite: bool
) -> None:
    record = khalilzad(seeded)
    folder, outside = tmp_path / "out", tmp_path / "elsewhere" / "victim.txt"
    folder.mkdir()
    outside.parent.mkdir()
    if link == "live":
        outside.write_text("keep me", encoding="utf-8")
    path = folder / ("k.md" if into == "file" else export_filename(record))
    path.symlink_to(outside)
    target = path if into == "file" else folder
    if overwrite:
        assert write_export(seeded, record, target, overwrite=True) == path
        assert not path.is_symlink() and path.read_text(encoding="utf-8") == render_markdown(seeded, record)
    else:
        with pytest.raises(ExportExists):
            write_export(seeded, record, target)
        assert path.is_symlink()
    assert files_in(outside.parent) == (["victim.txt"] if link == "live" else [])
    if link == "live":
        assert outside.read_text(encoding="utf-8") == "keep me"
    assert files_in(folder) == [path.name]


# --- failures: one clear error, nothing left behind ----------------------------------------


def assert_one_clear_failure(raised: pytest.ExceptionInfo[ExportFailed], where: Path) -> None:
    """The error is what both callers catch (DossierError for the CLI, OSError for the app) and says where."""
    error = raised.value
    assert isinstance(error, DossierError) and isinstance(error, OSError)
    assert str(where) in str(error) and "\n" not in str(error) and "nothing was written" in str(error)


def test_a_read_only_folder_is_one_error_and_leaves_nothing(
    seeded: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: refuse creating files in the folder as the kernel would
        real_open = os.open

        def refuse_in_folder(path: str | os.PathLike[str], flags: int, *args: int) -> int:
            if Path(path).parent == folder and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", refuse_in_folder)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(ExportFailed) as raised:
            write_export(seeded, khalilzad(seeded), folder)
    finally:
        folder.chmod(0o755)
    assert_one_clear_failure(raised, folder)
    assert "Permission denied" in str(raised.value)
    assert files_in(folder) == []


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_full_disk_keeps_the_previous_file_or_nothing(
    seeded: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool
) -> None:
    record = khalilzad(seeded)
    folder = tmp_path / "out"
    folder.mkdir()
    if overwrite:
        (folder / export_filename(record)).write_text("previous export", encoding="utf-8")

    def half_then_full(fd: int, payload: bytes) -> None:
        os.write(fd, payload[: len(payload) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "_write_all", half_then_full)
    with pytest.raises(ExportFailed) as raised:
        write_export(seeded, record, folder, overwrite=overwrite)
    assert_one_clear_failure(raised, folder / export_filename(record))
    assert "No space left on device" in str(raised.value)
    if overwrite:
        assert files_in(folder) == [export_filename(record)]
        assert (folder / export_filename(record)).read_text(encoding="utf-8") == "previous export"
    else:
        assert files_in(folder) == []


@pytest.mark.parametrize("overwrite", [False, True])
def test_dev_null_is_not_a_folder_and_is_left_alone(seeded: Dossier, overwrite: bool) -> None:
    with pytest.raises(ExportFailed) as raised:
        write_export(seeded, khalilzad(seeded), "/dev/null", overwrite=overwrite)
    assert_one_clear_failure(raised, Path("/dev/null"))
    assert "not a folder" in str(raised.value)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("below", ["sub", "sub/k.md"])
def test_a_target_below_an_existing_file_is_one_error(seeded: Dossier, tmp_path: Path, below: str) -> None:
    existing = tmp_path / "work" / "notes.txt"
    existing.parent.mkdir()
    existing.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportFailed) as raised:
        write_export(seeded, khalilzad(seeded), existing / below)
    assert_one_clear_failure(raised, existing / "sub")
    assert existing.read_text(encoding="utf-8") == "not a folder" and files_in(existing.parent) == ["notes.txt"]


def test_the_cli_reports_every_failure_as_one_line(seed_db: Path, tmp_path: Path) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("not a folder", encoding="utf-8")
    for target in ("/dev/null", str(existing), str(existing / "sub")):
        result = run_dossier("--db", str(seed_db), "export", "Khalilzad", "-o", target, "--force")
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith("dossier: could not export to ")
    assert existing.read_text(encoding="utf-8") == "not a folder"


def test_the_cli_refuses_a_dangling_link_without_force_and_replaces_it_with_force(seed_db: Path, tmp_path: Path) -> None:
    link, victim = tmp_path / "k.md", tmp_path / "created-through-the-link.txt"
    link.symlink_to(victim)
    refused = run_dossier("--db", str(seed_db), "export", "Khalilzad", "-o", str(link))
    assert refused.returncode == 1 and "--force" in refused.stderr and not victim.exists()
    forced = run_dossier("--db", str(seed_db), "export", "Khalilzad", "-o", str(link), "--force")
    assert forced.returncode == 0 and not victim.exists()
    assert not link.is_symlink() and "Zalmay Khalilzad" in link.read_text(encoding="utf-8")


# --- front matter inert under any renderer -------------------------------------------------

HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    "[x](http://evil.example/)",
    "![i](http://evil.example/i.png)",
    "<http://evil.example/>",
    "&lt;script&gt; &#x3C;b&#x3E;",
    "*bold* _em_ `code` ~~gone~~",
    "http://evil.example/ www.evil.example",
    "[ref]\n\n[ref]: http://evil.example/",
    '"quoted" \\back\\slash: ok # not a comment',
]


def hostile_actors_dossier(path: Path) -> Dossier:
    """A dossier whose actors are named (and aliased) by attack strings that really occur in the text."""
    source = source_for("Names seen: " + " and ".join(HOSTILE_NAMES) + ".", HOSTILE_NAMES[0],
                        publisher=HOSTILE_NAMES[1], published="2001-02-03")
    drafts = [actor(source, f"k{index}", name, "person", aliases=[HOSTILE_NAMES[-1 - index]])
              for index, name in enumerate(HOSTILE_NAMES)]
    for draft in drafts:
        draft.match_keys = [draft.key]
    return build(path, [ExtractedDocument(source, drafts)])


LIVE_TAGS = ("<img", "<a ", "<script", "<b>", "<em>", "<strong>", "<code>", "<s>", "<del>")
"""HTML a front-matter value must never become: raw tags, links, images, emphasis, code."""


@pytest.mark.parametrize("preset", ["commonmark", "gfm-like"])
def test_front_matter_is_inert_when_rendered_as_markdown_and_exact_as_yaml(tmp_path: Path, preset: str) -> None:
    hostile = hostile_actors_dossier(tmp_path / "d.json")
    renderer = MarkdownIt(preset, {"html": True, "linkify": preset != "commonmark"})
    for record in [*hostile.actors.values(), *hostile.sources.values()]:
        rendered = render_record(hostile, record)
        html = renderer.render(rendered.front_matter)
        assert not [tag for tag in LIVE_TAGS if tag in html], html
        parsed = walk(renderer.parse(rendered.front_matter))
        assert not [t.type for t in parsed if t.type in ("html_inline", "html_block", "link_open", "image")]
        front, _body = split_front_matter(rendered.markdown)
        if isinstance(record, Actor):
            assert front["title"] == " ".join(record.name.split()) and front["aliases"] == [
                " ".join(alias.split()) for alias in record.aliases
            ]
        else:
            assert front["title"] == HOSTILE_NAMES[0] and front["publisher"] == HOSTILE_NAMES[1]
            assert front["date"] == "2001-02-03"


def test_ordinary_front_matter_stays_readable(seeded: Dossier) -> None:
    record = khalilzad(seeded)
    front_matter = render_record(seeded, record).front_matter
    assert front_matter.startswith('---\ntitle: "Zalmay Khalilzad"\ntype: "actor"\nkind: "person"\n')
    assert "\\x" not in front_matter and front_matter.endswith("---\n")


# --- the links a page carries --------------------------------------------------------------


def test_rendered_links_are_exactly_the_records_the_body_links_to(seeded: Dossier) -> None:
    for record in [*seeded.actors.values(), *seeded.events.values(), *seeded.sources.values()]:
        rendered = render_record(seeded, record)
        hrefs = [t.attrGet("href") for t in walk(tokens(rendered.body)) if t.type == "link_open"]
        assert [export_filename(linked) for linked in rendered.links] == list(dict.fromkeys(hrefs)), record.id
        assert all(seeded.get(linked.id) == linked for linked in rendered.links)


async def test_the_preview_follows_exactly_the_links_its_export_has(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        crocker = record_named(screen.dossier, "Ryan Crocker")
        screen.open_record(crocker.id)
        await pilot.pause()
        await pilot.press("p")
        preview = app.screen
        assert isinstance(preview, PreviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert preview.rendered is not None
        linked_ids = {record.id for record in preview.rendered.links}
        unlinked = next(s for s in screen.dossier.sources.values() if s.id not in linked_ids)
        markdown = preview.query_one(Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, export_filename(unlinked)))
        await pilot.pause()
        assert app.screen is preview, "a record the export does not link to is not opened"
        casey = record_named(screen.dossier, "Tom Casey")
        assert casey.id in linked_ids
        markdown.post_message(Markdown.LinkClicked(markdown, export_filename(casey)))
        await pilot.pause()
        assert app.screen is screen
        actors, _events = lists(app)
        assert actors.current_id == casey.id
