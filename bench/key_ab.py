"""Key latency of two checkouts, back to back: ``python -m bench.key_ab``.

Runs this checkout's ``bench/tui_probe.py`` (with its in-process floor) alternately on the code of
a "before" and an "after" checkout of this repository, each in a fresh process on its own copy of the dossier, swapping
which goes first every round so both see the same machine; pools each side's presses and prints
one Markdown table: wall p50 / p95 of the app and of its floor, their p95 ratio, and the same
for CPU time (steadier than wall time on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import percentile

SAMPLES = ("ms", "floor_ms", "cpu_ms", "floor_cpu_ms")


PROBE = Path(__file__).with_name("tui_probe.py")
"""This checkout's probe, run as a script on either side's ``dossier`` package (an older
checkout's probe may lack ``--scenarios`` and CPU times)."""


def probe(checkout: Path, dossier: Path, presses: int, scenarios: str) -> dict[str, Any]:
    """One probe process on ``checkout``'s code: the latency report of each scenario."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, str(PROBE), "--dossier", str(dossier), "--presses", str(presses), "--scenarios", scenarios]
    done = subprocess.run(command, cwd=checkout, env=environment, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the probe failed on {checkout}:\n{done.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])["latency"]
    return report


def table(pooled: dict[str, dict[str, dict[str, list[float]]]]) -> str:
    """The pooled presses as a Markdown table, one row per scenario and side."""
    lines = [
        "| scenario | checkout | presses | app p50 / p95 ms | floor p50 / p95 ms | p95 ÷ floor p95 "
        "| CPU app p50 / p95 ms | CPU floor p50 / p95 ms | CPU p95 ÷ floor p95 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    scenarios = sorted({scenario for side in pooled.values() for scenario in side})
    for scenario in scenarios:
        for side, reports in pooled.items():
            samples = reports.get(scenario)
            if not samples or not samples["ms"] or not samples["floor_ms"]:
                continue

            def p(key: str, share: float, samples: dict[str, list[float]] = samples) -> float:
                """A quantile of one kind of sample."""
                return percentile(samples[key], share)

            lines.append(
                f"| {scenario} | {side} | {len(samples['ms'])} | {p('ms', 0.5):.1f} / {p('ms', 0.95):.1f} "
                f"| {p('floor_ms', 0.5):.1f} / {p('floor_ms', 0.95):.1f} | {p('ms', 0.95) / p('floor_ms', 0.95):.2f} "
                f"| {p('cpu_ms', 0.5):.1f} / {p('cpu_ms', 0.95):.1f} | {p('floor_cpu_ms', 0.5):.1f} / {p('floor_cpu_ms', 0.95):.1f} "
                f"| {p('cpu_ms', 0.95) / p('floor_cpu_ms', 0.95):.2f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Alternate the two checkouts' probes and print the pooled table."""
    parser = argparse.ArgumentParser(prog="python -m bench.key_ab", description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", type=Path, required=True, help="copied once per checkout, never written")
    parser.add_argument("--before", type=Path, required=True, help="a checkout of this repository (its root folder)")
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--scenarios", default="move,move_events,select_big,follow")
    parser.add_argument("--out", type=Path, help="also write the pooled presses here (JSON)")
    args = parser.parse_args(argv)
    sides = {"before": args.before.resolve(), "after": args.after.resolve()}
    pooled: dict[str, dict[str, dict[str, list[float]]]] = {side: {} for side in sides}
    with tempfile.TemporaryDirectory(prefix="key-ab-") as scratch:
        copies = {side: Path(scratch) / f"{side}-{args.dossier.name}" for side in sides}
        for copy in copies.values():
            shutil.copy(args.dossier, copy)
        for round_number in range(args.rounds):
            order = list(sides) if round_number % 2 == 0 else list(sides)[::-1]
            for side in order:
                started = time.perf_counter()
                for scenario, report in probe(sides[side], copies[side], args.presses, args.scenarios).items():
                    samples = pooled[side].setdefault(scenario, {key: [] for key in SAMPLES})
                    for key in SAMPLES:
                        samples[key].extend(report.get(key, []))
                print(f"round {round_number + 1}/{args.rounds}: {side} in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
                if args.out is not None:
                    args.out.write_text(json.dumps(pooled))
    print(table(pooled))


if __name__ == "__main__":
    main()
