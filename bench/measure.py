"""Running one measurement in a child process: wall time, peak memory of its whole process tree.

Peak RSS is sampled from /proc every few milliseconds over the child and all its
descendants (spaCy and ingest worker processes included) and summed per sample, so it is
the most memory the measured command held at once.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.1


@dataclass(slots=True)
class ChildRun:
    """What one child process did: its JSON report, wall time and peak tree RSS."""

    report: dict[str, Any]
    seconds: float
    peak_rss: int  # bytes, summed over the process tree
    started: float  # time.time() just before the child was spawned


def _children_of() -> dict[int, list[int]]:
    """Every process's direct children, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _rss_bytes(pid: int) -> int:
    """A process's resident set size, or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> int:
    """The summed RSS of a process and all its descendants right now."""
    children = _children_of()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_bytes(pid)
        stack.extend(children.get(pid, ()))
    return total


def run_child(module_args: list[str], *, timeout: float | None = None) -> ChildRun:
    """Run ``python -m <module_args>`` cold and parse the last JSON line it prints as its report."""
    command = [sys.executable, "-m", *module_args]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    peak = 0
    done = threading.Event()
    started = time.time()
    clock = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    finally:
        done.set()
        sampler.join()
    seconds = time.perf_counter() - clock
    if process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(module_args)} exited {process.returncode}: {stderr.strip()[-2000:]}"
        )
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    report = json.loads(lines[-1]) if lines else {}
    return ChildRun(report=report, seconds=seconds, peak_rss=peak, started=started)


def median_run(module_args: list[str], repeats: int) -> tuple[float, list[ChildRun]]:
    """Median wall time of ``repeats`` cold runs of the same child, and the runs."""
    runs = [run_child(module_args) for _ in range(repeats)]
    return statistics.median(run.seconds for run in runs), runs


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0.5, 0.95) of ``values`` by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]
