"""A hostile dossier: markup and escape sequences in names, titles and text stay inert and visible."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from conftest import HOSTILE_STRINGS, ROOT

from dossier.tui.app import DossierApp
from dossier.tui.sanitize import clean
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.preview import PreviewScreen
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView

FORBIDDEN_OUTPUT = (
    b"\x1b]52;c;aGk=",  # OSC 52 clipboard write from the data
    b"\x1b[2J",  # clear screen from the data
    "\x9b".encode(),  # 8-bit CSI
    "\u202e".encode(),  # bidi override
    b"\x1b]0;pwned",  # window title change
    b"\x1b]8;",  # OSC 8 hyperlink (a parsed [link=...])
    b"etc/passwd\x1b",
)


def shown(widget: RecordList | SourceView) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_hostile_names_and_text_are_shown_literally_and_the_app_keeps_running(hostile_db: Path) -> None:
    app = DossierApp(hostile_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        actors = screen.query_one("#actors", RecordList)
        listed = shown(actors)
        for value in HOSTILE_STRINGS:
            assert clean(value) in listed
        assert "\x1b" not in listed and "\x9b" not in listed and "\u202e" not in listed
        # Click the row whose name is "[@click=app.quit]Eve[/]", then press keys everywhere.
        eve_row = actors.position_of(next(a for a in screen.dossier.actors.values() if "Eve" in a.name).id)
        await pilot.click(actors, offset=(10, eve_row))
        await pilot.click(actors, offset=(10, eve_row))
        await pilot.press("j", "enter", "3", "m", "enter", "4", "enter", "2", "enter")
        await pilot.press("escape", "escape")
        assert app.is_running
        source = screen.query_one(SourceView)
        screen.open_record(next(iter(screen.dossier.sources)))
        await pilot.pause()
        text = shown(source)
        assert "[@click=app.quit]Eve[/]" in text and "␛]52;c;aGk=␇" in text and "[b]bold?[/b]" in text
        meta = str(screen.query_one("#source-meta").render())
        assert "[@click=app.quit]Title[/]" in meta and "[link=file:///etc/passwd]x[/]" in meta
        await pilot.press("p")
        assert isinstance(app.screen, PreviewScreen)
        await pilot.press("escape", "slash", *"Eve", "enter")
        assert app.is_running
        await pilot.press("e", "enter")
        await app.workers.wait_for_complete()
        exported = list((hostile_db.parent / "exports").glob("*.md"))
        assert exported and app.is_running
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x9b" not in svg and "\u202e" not in svg


def _read_until(fd: int, needle: bytes, seconds: float = 90.0) -> bytes:
    """Read the child's output until ``needle`` appears (the app has drawn it) or time runs out."""
    output, deadline = b"", time.monotonic() + seconds
    while needle not in output and time.monotonic() < deadline:
        output += _read_available(fd, 0.5)
    return output


def _read_available(fd: int, seconds: float) -> bytes:
    """Read whatever the child writes for up to ``seconds`` (stops early at EOF)."""
    chunks, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def test_terminal_output_carries_no_sequence_from_the_data(hostile_db: Path) -> None:
    """Run the real app on a pseudo-terminal and inspect every byte it writes."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    script = "import sys; from pathlib import Path; from dossier.tui.app import run_app; run_app(Path(sys.argv[1]))"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(hostile_db)],
        stdin=child_fd, stdout=child_fd, stderr=child_fd, cwd=ROOT, env=env, close_fds=True,
    )
    os.close(child_fd)
    output = b""
    try:
        output += _read_until(main_fd, b"[@click=app.quit]Eve[/]")
        for key in (b"j", b"j", b"2", b"3", b"m", b"\r", b"4", b"\r", b"p"):
            os.write(main_fd, key)
            output += _read_available(main_fd, 0.4)
        os.write(main_fd, b"\x1b")
        output += _read_available(main_fd, 0.6)
        os.write(main_fd, b"q")
        output += _read_available(main_fd, 5.0)
        child.wait(timeout=30)
        output += _read_available(main_fd, 0.5)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(main_fd)
    assert child.returncode == 0
    assert b"[@click=app.quit]Eve[/]" in output, "the markup-looking name is drawn literally"
    assert "␛]52;c;aGk=␇".encode() in output, "escape sequences are drawn as visible symbols"
    for sequence in FORBIDDEN_OUTPUT:
        assert sequence not in output, sequence
