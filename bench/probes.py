"""The measured child processes: ``python -m bench.probes <probe> ...``, one JSON line out.

Each probe imports only what its measurement needs, inside the probe, so a cold process
pays exactly the imports a user would: ``open`` the store, ``parse`` only orjson.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def _read_list(path: str) -> list[dict]:
    """The articles a probe works on: [{"path": ..., "override": {...}}, ...]."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def probe_nlp(args: argparse.Namespace) -> dict:
    """Raw spaCy throughput in one process: the ingest model's ``nlp.pipe`` over the texts, nothing else."""
    from bench.corpus import word_count
    from dossier.ingest.nlp import load_model

    texts = [Path(item["path"]).read_text(encoding="utf-8") for item in _read_list(args.list)]
    loading = time.perf_counter()
    nlp = load_model()
    loaded = time.perf_counter()
    docs = 0
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        docs += 1
    finished = time.perf_counter()
    return {
        "docs": docs,
        "words": sum(word_count(text) for text in texts),
        "chars": sum(len(text) for text in texts),
        "load_seconds": loaded - loading,
        "seconds": finished - loaded,
        "pipes": list(nlp.pipe_names),
    }


def probe_ingest(args: argparse.Namespace) -> dict:
    """The real ingest pipeline adding the listed files (with their index dates) to a dossier."""
    from bench.corpus import word_count
    from dossier.ingest.pipeline import ingest_paths
    from dossier.store.dossier import Dossier

    items = _read_list(args.list)
    words = sum(word_count(Path(item["path"]).read_text(encoding="utf-8")) for item in items)
    overrides = {Path(item["path"]): item["override"] for item in items if item["override"]}
    dossier = Dossier.open(Path(args.dossier))
    started = time.perf_counter()
    summary = ingest_paths(
        dossier, [item["path"] for item in items], processes=args.processes, overrides=overrides
    )
    seconds = time.perf_counter() - started
    return {
        "docs": len(items),
        "words": words,
        "seconds": seconds,
        "added": summary.added,
        "skipped": summary.skipped,
        "failed": len(summary.failed),
        "failures": [f"{failure.path.name}: {failure.reason}" for failure in summary.failed[:5]],
        "actors": summary.actors,
        "events": summary.events,
    }


def probe_open(args: argparse.Namespace) -> dict:
    """A cold process opening the dossier through the store, as the app and CLI do."""
    from dossier.store.dossier import Dossier

    started, cpu_started = time.perf_counter(), time.process_time()
    dossier = Dossier.open(Path(args.dossier), create=False)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "sources": len(dossier.sources),
        "actors": len(dossier.actors),
        "events": len(dossier.events),
        "seconds": seconds,
        "cpu_seconds": cpu,  # CPU time: far less sensitive than wall time to other work on a shared machine
    }


def probe_parse(args: argparse.Namespace) -> dict:
    """The floor for opening: a cold process that only parses the same JSON file with orjson."""
    import orjson

    data = orjson.loads(Path(args.dossier).read_bytes())
    return {"tables": len(data)}


def probe_quality(args: argparse.Namespace) -> dict:
    """Country recall and precision of place actors over the dossier's Reuters NORM articles."""
    from bench.corpus import reuters_articles
    from bench.countries import PlaceScore
    from dossier.store.dossier import Dossier

    dossier = Dossier.open(Path(args.dossier), create=False)
    by_path = {str(Path(source.path).resolve()): source.id for source in dossier.sources.values() if source.path}
    score = PlaceScore()
    for article in reuters_articles(Path(args.corpus)):
        source_id = by_path.get(str(article.path.resolve()))
        if source_id is None or article.text_type != "NORM" or not article.places:
            continue
        places = [actor.name for actor in dossier.actors_in(source_id) if actor.kind == "place"]
        score.add(article.places, places)
    return {
        "articles": score.articles,
        "expected": score.expected,
        "found": score.found,
        "country_actors": score.country_actors,
        "relevant": score.relevant,
        "recall": score.recall,
        "precision": score.precision,
    }


def probe_export(args: argparse.Namespace) -> dict:
    """``export --all`` as a Markdown vault into a fresh folder beside the dossier, then again with
    nothing changed (every note compared and kept); the folder is removed afterwards."""
    import shutil
    import tempfile

    from dossier.store.bulk_export import export_all
    from dossier.store.dossier import Dossier

    dossier = Dossier.open(Path(args.dossier), create=False)
    folder = Path(tempfile.mkdtemp(prefix="bench-export-", dir=Path(args.dossier).parent))
    try:
        first = export_all(dossier, folder / "vault")
        again = export_all(dossier, folder / "vault")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "seconds": first.seconds,
        "again_seconds": again.seconds,
        "again_written": again.written,
        "files": first.files,
        "bytes": first.bytes,
    }


PROBES = {
    "nlp": probe_nlp,
    "ingest": probe_ingest,
    "open": probe_open,
    "parse": probe_parse,
    "quality": probe_quality,
    "export": probe_export,
}


def main(argv: list[str] | None = None) -> None:
    """Run one probe and print its report as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m bench.probes")
    parser.add_argument("probe", choices=sorted(PROBES))
    parser.add_argument("--list", help="JSON list of articles")
    parser.add_argument("--dossier", help="dossier file")
    parser.add_argument("--corpus", help="corpus root")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    report = PROBES[args.probe](args)
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
