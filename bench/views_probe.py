"""The views' store computations on one dossier, timed alone: ``python -m bench.views_probe DOSSIER``.

A quick check of issue 13's figures without the whole benchmark (``make bench`` measures the same
views as key latencies in the TUI): the most-mentioned actor's timeline dates and buckets, a
bucket move's re-bucketing, its connections (top 500: counted, and as the view gets them, kept
until the dossier changes), one pair's evidence, and the shortest
chains between the two most-mentioned actors. Prints wall and CPU milliseconds (p50 / p95) per
row; the CPU figure stays meaningful on a machine other processes keep busy.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.measure import percentile


def timed(work: Callable[[], object], repeats: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of ``repeats`` runs of ``work``."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def main(argv: list[str] | None = None) -> None:
    """Open the dossier, build its indexes as the app does after the first paint, and time each view."""
    parser = argparse.ArgumentParser(prog="python -m bench.views_probe")
    parser.add_argument("dossier", type=Path)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)

    from dossier.store.connections import connections, rank_connections, shared_evidence, shortest_chains
    from dossier.store.dossier import Dossier
    from dossier.store.timeline import histogram
    from dossier.tui.screens.timeline import CHART_ROOM
    from dossier.tui.screens.viewing import timeline_data

    dossier = Dossier.open(args.dossier, create=False)
    started = time.process_time()
    dossier.build_search_index()
    print(f"indexes built in the background after the first paint (sentences included): {time.process_time() - started:.2f} s CPU")
    gc.freeze()  # as the app does once the dossier is open
    first, second = dossier.actor_ids_by_mentions()[:2]
    data = timeline_data(dossier, (first, "", ""))

    def buckets() -> None:
        """Both series of the timeline at the size that fits, as drawn when it opens or a key moves."""
        mentions = data.mention_dates or Counter()
        chart = histogram(data.event_dates, None, room=CHART_ROOM, around=mentions.keys())
        histogram(mentions, chart.size, around=set(data.event_dates))

    rows: list[tuple[str, Callable[[], object]]] = [
        (f"timeline dates of {first}", lambda: timeline_data(dossier, (first, "", ""))),
        ("timeline buckets (both series)", buckets),
        (f"connections of {first} (top 500), counted", lambda: rank_connections(dossier, first, 500)),
        (f"connections of {first} (top 500), as the view asks (kept per revision)", lambda: connections(dossier, first, 500)),
        (f"evidence of {first} and {second}", lambda: shared_evidence(dossier, first, second)),
        (f"shortest chains {first} to {second}", lambda: shortest_chains(dossier, first, second)),
    ]
    for label, work in rows:
        wall, cpu = timed(work, args.repeats)
        print(f"{label}: wall p50 {percentile(wall, 0.5):.0f} p95 {percentile(wall, 0.95):.0f} ms · "
              f"cpu p50 {percentile(cpu, 0.5):.0f} p95 {percentile(cpu, 0.95):.0f} ms")


if __name__ == "__main__":
    main()
