"""Hostile input on the app side (issue 15): a source of one huge line, a preview whose rendering
fails, the app stopping on bad data, and another process changing the dossier under the app."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from textual.widgets import Markdown

import dossier.tui.screens.panes as panes_module
import dossier.tui.screens.preview as preview_module
from dossier.store.dossier import Dossier
from dossier.store.drafts import ExtractedDocument
from dossier.store.records import Source
from dossier.tui.app import DossierApp
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.preview import PreviewScreen
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView, wrap_offsets
from tests.conftest import CORPUS, ROOT, build_dossier, hostile_document
from tests.test_tui_safety import _read_available, _read_until


async def ready(app: DossierApp, pilot) -> MainScreen:
    """Wait until the dossier is open and the panes are filled."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen) and screen.dossier is not None
    return screen


def one_line_source(path: Path) -> Path:
    """A dossier whose one source is a single line: BBC politics stories joined with spaces,
    then an unbroken 600,000-character token (a pasted blob), 900,000+ characters in all."""
    stories = sorted((CORPUS / "bbc" / "politics").glob("*.txt"))
    words = " ".join(story.read_text(encoding="utf-8").replace("\n", " ") for story in stories)
    text = (words * (1 + 300_000 // len(words)))[:300_000] + " " + "QmFzZTY0" * 75_000 + " end of the line"
    assert "\n" not in text and len(text) > 900_000
    digest = hashlib.sha256(text.encode()).hexdigest()
    source = Source(id=f"s-{digest[:12]}", title="One long line", text=text, published="2007-05-28",
                    publisher="BBC", path="long.txt", content_hash=digest, added="2026-01-01T00:00:00+00:00")
    return build_dossier(path, [ExtractedDocument(source, [], [])])


def test_wrapping_a_900k_character_word_is_linear() -> None:
    started = time.perf_counter()
    lines = wrap_offsets("x" * 900_000, 80)
    assert time.perf_counter() - started < 1.0
    assert len(lines) == 11_250 and all(end - start == 80 for start, end in lines)


def test_wrapping_wide_characters_fits_the_width_by_cells() -> None:
    text = "漢字" * 50_000
    lines = wrap_offsets(text, 81)
    assert "".join(text[start:end] for start, end in lines) == text
    assert all(end - start == 40 for start, end in lines[:-1])


async def test_a_source_of_one_900k_character_line_opens_and_scrolls_without_freezing(tmp_path: Path) -> None:
    app = DossierApp(one_line_source(tmp_path / "long.json"))
    started = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        view = app.screen.query_one(SourceView)
        assert view.source is not None and view.virtual_size.height > 9_000
        await pilot.press("3", "G")
        await pilot.pause()
        shown = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "end of the line" in shown
        key_started = time.perf_counter()
        await pilot.press("g", "ctrl+d", "ctrl+d", "k")
        await pilot.pause()
        assert time.perf_counter() - key_started < 2.0
    assert time.perf_counter() - started < 20.0


async def test_the_preview_says_why_when_rendering_fails(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise ValueError("no such record \x1b[2J[b]x[/b]")

    monkeypatch.setattr(preview_module, "render_record", broken)
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        assert isinstance(app.screen, PreviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        source = app.screen.query_one(Markdown).source
        assert "Rendering" not in source
        assert "Could not render" in source and "ValueError: no such record ␛[2J[b]x[/b]" in source
        assert any("no such record" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_dossier_that_cannot_be_opened_leaves_a_failure_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"sources": {"1": ', encoding="utf-8")
    app = DossierApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("q")
    assert app.failure is not None and app.failure.startswith(f"could not open {path}")
    assert "\n" not in app.failure


async def test_an_error_nothing_handled_ends_the_app_with_one_line_and_status_1(
    handmade_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def alien(*_args: object) -> None:
        raise KeyError("alien")

    monkeypatch.setattr(panes_module, "dossier_detail", alien)
    app = DossierApp(handmade_db)
    with pytest.raises(KeyError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert app.return_code == 1
    assert app.failure == "the app stopped on an error: KeyError: 'alien'"
    assert app._exit_renderables == [], "no traceback is printed"


def test_the_real_command_exits_non_zero_with_one_line_after_a_damaged_dossier(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"sources": {"1": ', encoding="utf-8")
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "dossier", "--db", str(path)], stdin=child_fd, stdout=child_fd,
                             stderr=child_fd, cwd=ROOT, env=env, close_fds=True)
    os.close(child_fd)
    output = b""
    try:
        output += _read_until(main_fd, b"Could not open")
        os.write(main_fd, b"q")
        output += _read_available(main_fd, 5.0)
        child.wait(timeout=30)
        output += _read_available(main_fd, 0.5)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(main_fd)
    assert child.returncode == 1
    tail = output.rsplit(b"\x1b[?1049l", 1)[-1].decode()  # what is printed once the app left the screen
    assert tail.count("dossier: could not open") == 1 and "Traceback" not in tail
    assert path.read_text(encoding="utf-8") == '{"sources": {"1": '


async def test_the_app_shows_another_process_s_changes_and_keeps_the_place(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actor = screen.dossier.actors_by_mentions()[1]
        screen.open_record(actor.id)
        await pilot.pause()
        sources_before = len(screen.dossier.sources)

        other = Dossier.open(handmade_db, create=False)  # another writer, as a second process would
        with other.writing():
            other.add_document(hostile_document())
        deadline = time.monotonic() + 10
        while len(screen.dossier.sources) == sources_before and time.monotonic() < deadline:
            await pilot.pause(0.2)  # the main screen's own timer notices (every two seconds)
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert len(screen.dossier.sources) == sources_before + 1
        assert f"{sources_before + 1} sources" in app.sub_title
        assert screen.query_one("#actors", RecordList).current_id == actor.id
        assert screen.detail_record_id == actor.id and screen.actor_filter == actor.id
        assert any("The dossier changed on disk: 1 new source" in n.message for n in app._notifications)
        said = len(app._notifications)
        screen.check_file()  # unchanged since: nothing is read again
        await app.workers.wait_for_complete()
        assert len(app._notifications) == said


async def test_a_damaged_newer_file_keeps_the_version_shown(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        shown = screen.dossier
        sources = len(shown.sources)
        handmade_db.write_bytes(b"\x00garbage{{{")
        for _ in range(2):  # the second poll says nothing more about the same unreadable version
            screen.check_file()
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert screen.dossier is shown and len(shown.sources) == sources and app.is_running
        stale = [n for n in app._notifications if "still showing the version read before" in n.message]
        assert len(stale) == 1


async def test_a_huge_source_shows_at_once_and_wraps_the_rest_in_the_background(tmp_path: Path) -> None:
    stories = sorted((CORPUS / "reuters").rglob("*.txt"))[:200]
    words = "\n\n".join(story.read_text(encoding="utf-8") for story in stories)
    text = (words * (1 + 3_000_000 // len(words)))[:3_000_000] + "\nthe last paragraph\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    source = Source(id=f"s-{digest[:12]}", title="Huge", text=text, published="2007-05-28", publisher="Reuters",
                    path="huge.txt", content_hash=digest, added="2026-01-01T00:00:00+00:00")
    app = DossierApp(build_dossier(tmp_path / "huge.json", [ExtractedDocument(source, [], [])]))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        view = app.screen.query_one(SourceView)
        view.show(None)
        started = time.perf_counter()
        view.show(source)
        assert time.perf_counter() - started < 1.0, "only the first part is wrapped before the keys work again"
        assert view.virtual_size.height < len(wrap_offsets(view._text, view._wrapped_width))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view._lines == wrap_offsets(view._text, view._wrapped_width), "the chunks wrap exactly as the whole"
        await pilot.press("3", "G")
        await pilot.pause()
        assert "the last paragraph" in "\n".join(view.render_line(y).text for y in range(view.size.height))
