"""The review queue's speed on a real dossier: ``python -m bench.review_probe --dossier PATH``.

Copies the dossier (it is only read, but nothing here risks the original), opens it once, then
times (median wall and least CPU time of ``--repeat`` runs): the floor (reading every actor's name, kind and sources,
which any duplicate rule must do), the three rules alone (``suggestions``), the first
suggestions as the app shows them (suggestions plus the first ``FIRST_SHOWN`` items' sides),
and the whole queue of ``QUEUE_LENGTH`` with both sides. Last, ``dossier review`` in a cold
process (interpreter start, open and import included), as a user of the CLI waits for it.
Prints one table.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The median wall time and the least CPU time (this process and its children) of ``work``
    over ``repeat`` runs, in seconds: on a shared machine the CPU time moves less."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), _cpu()
        work()
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), min(cpus)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from dossier.store.curation.evidence import actor_side
    from dossier.store.curation.review import suggestions
    from dossier.store.dossier import Dossier
    from dossier.tui.screens.reviewing import FIRST_SHOWN, QUEUE_LENGTH

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "review.json"
        shutil.copy(args.dossier, copy)
        started = time.perf_counter()
        dossier = Dossier.open(copy)
        opened = time.perf_counter() - started
        actors = dossier.actors
        suggestions(dossier, limit=1)  # imports (rapidfuzz, numpy) once, as the app has by then

        def floor() -> None:
            for actor_id in actors:
                actors.names(actor_id)
                actors.kind(actor_id)
                actors.mention_sources(actor_id)

        def first_shown() -> None:
            for found in suggestions(dossier, limit=QUEUE_LENGTH)[:FIRST_SHOWN]:
                actor_side(dossier, found.first)
                actor_side(dossier, found.second)

        def whole_queue() -> None:
            for found in suggestions(dossier, limit=QUEUE_LENGTH):
                actor_side(dossier, found.first)
                actor_side(dossier, found.second)

        rows = [
            ("open the dossier (once)", (opened, opened)),
            ("floor: read every actor's name, kind, sources", timed(floor, args.repeat)),
            ("the three rules (suggestions)", timed(lambda: suggestions(dossier, limit=QUEUE_LENGTH), args.repeat)),
            (f"first {FIRST_SHOWN} suggestions shown (app)", timed(first_shown, args.repeat)),
            (f"whole queue of {QUEUE_LENGTH} with both sides", timed(whole_queue, args.repeat)),
        ]
        command = [sys.executable, "-m", "dossier", "--db", str(copy), "review"]
        rows.append(("`dossier review`, cold process", timed(
            lambda: subprocess.run(command, check=True, capture_output=True), args.repeat
        )))
        count = len(suggestions(dossier))
    print(f"{len(dossier.sources):,} sources, {len(actors):,} actors, {count:,} suggestions; "
          f"{args.repeat} runs; load average {os.getloadavg()[0]:.1f}")
    print(f"{'':<50} {'wall p50':>9} {'CPU min':>9}")
    for label, (wall, cpu) in rows:
        print(f"{label:<50} {wall:7.2f} s {cpu:7.2f} s")


if __name__ == "__main__":
    main()
