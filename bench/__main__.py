"""`python -m bench`: build dossiers of growing size from the corpus, measure them, print one table.

The dossiers are stages of one build: the first N articles of the corpus order are ingested
with both cores, the file is copied as the N-article dossier and measured (open, TUI,
quality), then the next articles are added. Raw ``nlp.pipe`` throughput is measured in
the same run on the same texts (a spread sample of each stage, ``--raw-cap``), and, last,
the single-process comparison on the first ``--single`` articles. The table is rewritten to
the output folder after every stage, so an interrupted run still leaves what it measured.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.corpus import CORPUS_ROOT, Article, corpus_articles
from bench.curation import measure_curation
from bench.machine import machine_summary
from bench.measure import REPO_ROOT, median_run, run_child
from bench.report import build_rows, notes_for
from bench.table import render_table

DEFAULT_OUT = REPO_ROOT / "bench" / "out"
TERMINAL_PRESSES = 20  # per key kind in tmux: each press waits for a quiet screen (~0.3 s)


def parse_sizes(text: str, total: int) -> list[int]:
    """Sizes from "1000,5000,all": ascending, distinct, each at most the corpus size."""
    sizes = set()
    for part in text.split(","):
        part = part.strip().lower()
        if part:
            sizes.add(total if part == "all" else min(total, int(part.replace("_", ""))))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"bad --sizes: {text!r}")
    return sorted(sizes)


def build_parser() -> argparse.ArgumentParser:
    """Command-line options of the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,all", help="dossier sizes in articles (default: 1000,5000,all)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_ROOT, help="corpus root (default: ../shared/corpus)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: bench/out)")
    parser.add_argument("--processes", type=int, default=2, help="ingest processes for the build (default: 2)")
    parser.add_argument("--single", type=int, default=1000, help="articles for the 1- vs 2-process comparison; 0 skips it (default: 1000)")
    parser.add_argument("--raw-cap", type=int, default=2000, help="most texts per stage for raw nlp.pipe (default: 2000)")
    parser.add_argument("--repeats", type=int, default=3, help="cold runs per open / first-paint figure (default: 3)")
    parser.add_argument("--presses", type=int, default=40, help="key presses per latency figure (default: 40)")
    parser.add_argument("--edit-repeats", type=int, default=20, help="repeats of each measured edit (default: 20)")
    parser.add_argument("--edit-log", type=int, default=1000, help="generated edits for the open-with-edits figure (default: 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the dossier files after the run")
    parser.add_argument(
        "--extraction",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="score extraction on the annotated set once (bench/eval/events; default: on)",
    )
    return parser


def _write_list(path: Path, articles: list[Article]) -> str:
    """Write the articles a probe should work on as JSON; the path as a string."""
    path.write_text(
        json.dumps([{"path": str(article.path), "override": article.override} for article in articles]),
        encoding="utf-8",
    )
    return str(path)


def _spread_sample(articles: list[Article], cap: int) -> list[Article]:
    """At most ``cap`` articles spread evenly over the list (all of them when it is short)."""
    step = max(1, math.ceil(len(articles) / max(1, cap)))
    return articles[::step]


class BenchRun:
    """One benchmark run: its folder, the measurements so far, and the table they make."""

    def __init__(self, args: argparse.Namespace, articles: list[Article], sizes: list[int]) -> None:
        self.args = args
        self.articles = articles
        self.sizes = sizes
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        self.folder = args.out / stamp
        self.folder.mkdir(parents=True, exist_ok=True)
        self.header = machine_summary(REPO_ROOT)
        self.started = time.perf_counter()
        self.results: dict[str, Any] = {"sizes": sizes, "processes": args.processes, "single": {}, "by_size": {}}

    def log(self, message: str) -> None:
        """Progress on stderr, so stdout carries only the table."""
        now = datetime.now(UTC).strftime("%H:%M:%S")
        print(f"[bench {now}] {message}", file=sys.stderr, flush=True)

    def nlp(self, name: str, articles: list[Article], processes: int) -> dict[str, Any]:
        """Raw ``nlp.pipe`` over these texts: one fresh process per core, each on its share, at once.

        Independent processes are the model's ceiling on several cores; spaCy's own
        ``n_process`` ships every Doc back to the parent, which ingest never does. The time
        is the slowest share's ``nlp.pipe`` time (model loading excluded).
        """
        shares = [articles[start::processes] for start in range(processes)]
        listings = [_write_list(self.folder / f"{name}-{n}.json", share) for n, share in enumerate(shares) if share]
        with ThreadPoolExecutor(len(listings)) as pool:
            runs = list(
                pool.map(lambda listing: run_child(["bench.probes", "nlp", "--list", listing]), listings)
            )
        return {
            "docs": sum(run.report["docs"] for run in runs),
            "words": sum(run.report["words"] for run in runs),
            "seconds": max(run.report["seconds"] for run in runs),
            "load_seconds": max(run.report["load_seconds"] for run in runs),
            "peak_rss": sum(run.peak_rss for run in runs),
        }

    def ingest(self, name: str, dossier: Path, articles: list[Article], processes: int) -> dict[str, Any]:
        """The real ingest pipeline adding these articles to a dossier, in a fresh process."""
        listing = _write_list(self.folder / f"{name}.json", articles)
        run = run_child(
            ["bench.probes", "ingest", "--list", listing, "--dossier", str(dossier), "--processes", str(processes)]
        )
        if run.report.get("failed"):
            self.log(f"{name}: {run.report['failed']} files failed, e.g. {run.report.get('failures')}")
        return {**run.report, "peak_rss": run.peak_rss, "wall": run.seconds}

    def single_process_comparison(self) -> None:
        """Ingest and raw nlp.pipe on the first articles with one process (raw also with --processes)."""
        first = self.articles[: min(self.args.single, self.sizes[0])]
        self.log(f"single-process comparison on {len(first):,} articles")
        single = self.results["single"]
        single["articles"] = len(first)
        single["nlp_1"] = self.nlp("single-nlp-1", first, 1)
        if self.args.processes > 1:
            single["nlp_n"] = self.nlp("single-nlp-n", first, self.args.processes)
        scratch = self.folder / "single-process.json"
        single["ingest_1"] = self.ingest("single-ingest-1", scratch, first, 1)
        for leftover in self.folder.glob("single-process.json*"):
            leftover.unlink()
        self.save()

    def measure_size(self, size: int, previous: int, build: Path) -> None:
        """Grow the build dossier to ``size`` articles and measure everything on it."""
        stage = self.articles[previous:size]
        entry: dict[str, Any] = {"articles": size}
        self.results["by_size"][str(size)] = entry
        self.log(f"ingest articles {previous + 1:,}–{size:,} with {self.args.processes} processes")
        entry["ingest"] = self.ingest(f"stage-{size}", build, stage, self.args.processes)
        sample = _spread_sample(stage, self.args.raw_cap)
        self.log(f"raw nlp.pipe on {len(sample):,} of those texts with {self.args.processes} processes")
        entry["nlp"] = self.nlp(f"stage-{size}-nlp", sample, self.args.processes)
        dossier = self.folder / f"dossier-{size}.json"
        shutil.copyfile(build, dossier)
        entry["file_bytes"] = dossier.stat().st_size
        entry["raw_bytes"] = sum(article.path.stat().st_size for article in self.articles[:size])
        self.save()

        self.log(f"open vs parse floor, {self.args.repeats} cold runs each")
        entry["open"], opens = median_run(["bench.probes", "open", "--dossier", str(dossier)], self.args.repeats)
        entry["open_rss"] = max(run.peak_rss for run in opens)
        entry["parse"], _ = median_run(["bench.probes", "parse", "--dossier", str(dossier)], self.args.repeats)

        self.log("export --all (Markdown vault), then again with nothing changed")
        export = run_child(["bench.probes", "export", "--dossier", str(dossier)], timeout=3600)
        entry["export"] = {**export.report, "peak_rss": export.peak_rss}
        self.save()

        self.log("country recall / precision")
        entry["quality"] = run_child(
            ["bench.probes", "quality", "--dossier", str(dossier), "--corpus", str(self.args.corpus)]
        ).report
        self.save()

        self.log(f"TUI first paint ({self.args.repeats} cold runs, app and bare floor) and key latency")
        entry["tui"] = self.tui(dossier)
        self.save()

        self.log(f"curation: {self.args.edit_repeats} edits of each kind (store, app), open with {self.args.edit_log:,} edits")
        entry["curation"] = measure_curation(
            dossier, self.folder, repeats=self.args.edit_repeats, open_repeats=self.args.repeats, edit_log=self.args.edit_log
        )
        self.save()

        if shutil.which("tmux") is not None and self.args.presses:
            self.log("key latency in a real terminal (tmux)")
            presses = str(min(self.args.presses, TERMINAL_PRESSES))
            entry["terminal"] = run_child(
                ["bench.terminal_probe", "--dossier", str(dossier), "--presses", presses, "--json"], timeout=900
            ).report
            self.save()

    def extraction_quality(self) -> None:
        """Actors, mentions, events, dates and titles against the hand-annotated set, once per run."""
        self.log("extraction quality on the annotated set (and plain spaCy NER on the same texts)")
        self.results["extraction"] = run_child(["bench.extraction_eval", "--json"], timeout=1800).report
        self.save()

    def tui(self, dossier: Path) -> dict[str, Any]:
        """First paint of the real app and the bare floor, then keypress latencies."""
        paints, bare_paints, peak = [], [], 0
        latency: dict[str, Any] = {}
        for attempt in range(self.args.repeats):
            presses = self.args.presses if attempt == self.args.repeats - 1 else 0
            run = run_child(
                ["bench.tui_probe", "--dossier", str(dossier), "--presses", str(presses)], timeout=1800
            )
            paints.append(run.report["first_paint_at"] - run.started)
            peak = max(peak, run.peak_rss)
            latency = run.report.get("latency", latency) or latency
            bare = run_child(["bench.tui_probe", "--bare"], timeout=600)
            bare_paints.append(bare.report["first_paint_at"] - bare.started)
        return {
            "first_paint": statistics.median(paints),
            "bare_first_paint": statistics.median(bare_paints),
            "peak_rss": peak,
            "latency": latency,
        }

    def save(self) -> str:
        """Write the raw results and the table so far to the run folder; the table."""
        self.results["elapsed_seconds"] = time.perf_counter() - self.started
        table = render_table(self.header, self.sizes, build_rows(self.results), notes_for(self.results))
        (self.folder / "results.json").write_text(json.dumps(self.results, indent=1), encoding="utf-8")
        (self.folder / "table.md").write_text(table, encoding="utf-8")
        shutil.copyfile(self.folder / "table.md", self.args.out / "latest.md")
        return table

    def run(self) -> str:
        """Every measurement, in order; the final table."""
        self.log(f"{len(self.articles):,} corpus articles; sizes {self.sizes}; output in {self.folder}")
        self.log("statements against the hand-annotated articles (bench/eval/statements)")
        self.results["statements"] = run_child(["bench.statements", "--json", "--corpus", str(self.args.corpus)]).report
        self.save()
        build = self.folder / "build.json"
        previous = 0
        for size in self.sizes:
            self.measure_size(size, previous, build)
            previous = size
        if self.args.extraction:
            self.extraction_quality()
        if self.args.single > 0:  # last: the full-size figures matter more if the run is cut short
            self.single_process_comparison()
        if not self.args.keep:
            for dossier in self.folder.glob("*.json*"):
                if dossier.name.startswith(("dossier-", "build.json")):
                    dossier.unlink()
        return self.save()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    args = build_parser().parse_args(argv)
    articles = corpus_articles(args.corpus)
    if not articles:
        print(f"bench: no corpus articles under {args.corpus}", file=sys.stderr)
        return 1
    sizes = parse_sizes(args.sizes, len(articles))
    print(BenchRun(args, articles, sizes).run(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
