"""Keypress latency in a real terminal: ``python -m bench.terminal_probe --dossier PATH``.

Runs ``dossier`` in a detached tmux session (160×45), sends keys with ``tmux send-keys`` and
polls ``tmux capture-pane`` until the screen has stopped changing; a press's latency is the
time of its last change. This includes what the headless probe cannot see (the terminal
driver, tmux drawing) and the polling itself, so a trivial key (switching panes) is measured
too, as the floor of the method. Needs tmux; prints one line per key kind.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import percentile

SESSION = f"dossier-terminal-probe-{os.getpid()}"  # two runs at once never share a session
QUIET_SECONDS = 0.15  # a screen unchanged this long after a key has finished updating
TIMEOUT_SECONDS = 3.0


def tmux(*args: str) -> str:
    """Run a tmux command on the probe's session and return its output."""
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen() -> str:
    """The pane's contents with styles (a style change counts as a change)."""
    return tmux("capture-pane", "-p", "-e", "-t", SESSION)


def press(key: str) -> float | None:
    """Send one key; milliseconds until the screen's last change (None if nothing changed)."""
    previous = screen()
    started = time.perf_counter()
    tmux("send-keys", "-t", SESSION, key)
    last_change: float | None = None
    while True:
        current, now = screen(), time.perf_counter()
        if current != previous:
            last_change, previous = now, current
        if (last_change and now - last_change > QUIET_SECONDS) or now - started > TIMEOUT_SECONDS:
            break
    return (last_change - started) * 1000 if last_change else None


def settle(*keys: str, pause: float = 0.3) -> None:
    """Send keys that position the screen (not measured)."""
    for key in keys:
        tmux("send-keys", "-t", SESSION, key)
        time.sleep(pause)


def percentiles(samples: list[float | None]) -> str:
    """p50 / p95 / max of the presses that changed the screen (nearest rank, as in the bench table)."""
    values = [value for value in samples if value is not None]
    if not values:
        return "no changes seen"
    p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
    return f"n={len(values):<3} p50 {p50:4.0f} ms  p95 {p95:4.0f} ms  max {max(values):4.0f} ms"


def run(dossier: Path, presses: int) -> dict[str, list[float | None]]:
    """Each key kind ``presses`` times on a dossier opened in tmux."""
    command = f"{Path(sys.executable).with_name('dossier')} --db {dossier}"  # the script beside this Python
    tmux("kill-session", "-t", SESSION)
    tmux("new-session", "-d", "-s", SESSION, "-x", "160", "-y", "45", command)
    try:
        time.sleep(8)  # opening, and the search index built in the background
        results: dict[str, list[float | None]] = {}
        results["switch pane (1 / 2), the floor"] = [press("2" if n % 2 == 0 else "1") for n in range(presses)]
        settle("1", "g", *["j"] * 5)
        results["move in Actors (j)"] = [press("j") for _ in range(presses)]
        settle("escape", "2", "g", *["j"] * 5)  # escape: the whole timeline, not the last actor's events
        results["move in Events (j)"] = [press("j") for _ in range(presses)]
        follow: list[float | None] = []
        back: list[float | None] = []
        settle("1", "g")
        for n in range(presses):
            settle("4", *["j"] * (1 + n % 3), pause=0.15)
            follow.append(press("Enter"))
            back.append(press("["))
            settle("1")
        results["follow a Detail link (enter)"] = follow
        results["back ([)"] = back
        return results
    finally:
        tmux("kill-session", "-t", SESSION)


def main(argv: list[str] | None = None) -> None:
    """Measure and print one line per key kind."""
    parser = argparse.ArgumentParser(prog="python -m bench.terminal_probe", description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", type=Path, required=True)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="one JSON line of samples (for make bench)")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        parser.error("tmux is not installed")
    results = run(args.dossier.resolve(), args.presses)
    if args.json:
        print(json.dumps(results))
        return
    for name, samples in results.items():
        print(f"{name:32} {percentiles(samples)}")


if __name__ == "__main__":
    main()
