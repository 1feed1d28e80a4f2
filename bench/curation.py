"""The curation figures of one dossier size (issue 10), each probe in a cold child process on a copy.

``measure_curation`` is what ``make bench`` runs at every size; ``python -m bench.curation
DOSSIER`` runs it alone on one existing dossier (never written: every probe works on a copy)
and prints the same rows of the table for that size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.measure import run_child
from bench.table import render_table

DEFAULT_EDIT_LOG = 1000


def _copy(dossier: Path, folder: Path, name: str) -> Path:
    """A fresh copy of the dossier file (journal and backup not included) to work on, on disk before
    it is used: else the kernel writes it back ~30 s later, in the middle of the probe, and the edit
    whose fsync waits behind that write-back took 40-50 ms longer (one merge in twenty)."""
    copy = folder / name
    for leftover in folder.glob(name + "*"):
        leftover.unlink()
    shutil.copyfile(dossier, copy)
    with copy.open("rb") as written:
        os.fsync(written.fileno())
    return copy


def measure_curation(dossier: Path, folder: Path, *, repeats: int, open_repeats: int, edit_log: int) -> dict[str, Any]:
    """Apply+save of three edits (store and app), and opening with ``edit_log`` edits against none."""
    result: dict[str, Any] = {}
    result["store"] = run_child(
        ["bench.curation_probe", "store", "--dossier", str(_copy(dossier, folder, "edit-store.json")), "--repeats", str(repeats)],
        timeout=3600,
    ).report
    result["app"] = run_child(
        ["bench.curation_probe", "app", "--dossier", str(_copy(dossier, folder, "edit-app.json")), "--repeats", str(repeats)],
        timeout=3600,
    ).report
    plain = _copy(dossier, folder, "edit-none.json")
    logged = _copy(dossier, folder, "edit-log.json")
    result["log"] = run_child(
        ["bench.curation_probe", "log", "--dossier", str(logged), "--edits", str(edit_log)], timeout=3600
    ).report
    walls: dict[str, list[float]] = {"none": [], "log": []}
    inside: dict[str, list[float]] = {"none": [], "log": []}
    cpu: dict[str, list[float]] = {"none": [], "log": []}
    for _ in range(open_repeats):  # interleaved, so a busy moment of the machine hits both alike
        for key, path in (("none", plain), ("log", logged)):
            run = run_child(["bench.probes", "open", "--dossier", str(path)])
            walls[key].append(run.seconds)
            inside[key].append(run.report["seconds"])
            cpu[key].append(run.report["cpu_seconds"])
    result["open"] = {key: statistics.median(values) for key, values in walls.items()}
    result["open_inside"] = {key: statistics.median(values) for key, values in inside.items()}
    result["open_cpu"] = {key: statistics.median(values) for key, values in cpu.items()}
    for leftover in folder.glob("edit-*.json*"):
        leftover.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure one existing dossier's curation figures and print them as the table's rows."""
    from bench.machine import machine_summary
    from bench.measure import REPO_ROOT
    from bench.report import curation_rows

    parser = argparse.ArgumentParser(prog="python -m bench.curation", description=__doc__.splitlines()[0])
    parser.add_argument("dossier", type=Path)
    parser.add_argument("--repeats", type=int, default=20, help="repeats of each edit (default: 20)")
    parser.add_argument("--open-repeats", type=int, default=5, help="cold opens of each file (default: 5)")
    parser.add_argument("--edit-log", type=int, default=DEFAULT_EDIT_LOG, help="edits in the generated log (default: 1000)")
    parser.add_argument("--articles", type=int, help="the size to print in the header (default: the dossier's sources)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-curation-", dir=args.dossier.parent) as scratch:
        result = measure_curation(
            args.dossier.resolve(), Path(scratch), repeats=args.repeats, open_repeats=args.open_repeats, edit_log=args.edit_log
        )
    print(json.dumps(result), file=sys.stderr)
    size = args.articles or result["log"].get("sources", 0)
    print(render_table(machine_summary(REPO_ROOT), [size], curation_rows([size], {size: result}), []), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
