"""`python -m bench.title_audit --dossier COPY.json`: the annotated set's title standard over a whole dossier.

Issue 11's acceptance asks, on a large ingest, for the share of event titles that are clean
headlines, the share of kind ``other``, repeated (date, title) pairs and events without an actor.
This reads a dossier file (plain JSON, read only — point it at a copy) and applies the same
automatic title proxy as ``bench.extraction_eval`` to every event, per collection (the first
folder under ``corpus/`` in the source's path: ``reuters``, ``bbc``, else ``other``).
``--json`` ends the output with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench.extraction_eval import title_problem
from dossier.ingest.nlp import load_model


def collection_of(path: str | None) -> str:
    """"reuters" or "bbc" from a corpus path ("…/corpus/reuters/00001.txt"), else "other"."""
    parts = Path(path or "").parts
    if "corpus" in parts and parts.index("corpus") + 1 < len(parts):
        return parts[parts.index("corpus") + 1]
    return "other"


def audit(events: list[dict[str, Any]], collections: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per collection: events, clean-title share, reasons, ``other`` share, repeated pairs, actorless events."""
    nlp = load_model()
    problems = [title_problem(doc) for doc in nlp.pipe((event["title"] for event in events), batch_size=512)]
    report: dict[str, dict[str, Any]] = {}
    for name in sorted(set(collections.values())):
        chosen = [
            (event, problem)
            for event, problem in zip(events, problems, strict=True)
            if collections.get(event["evidence"][0]["source"] if event["evidence"] else "") == name
        ]
        if not chosen:
            continue
        pairs = Counter((event["date"], event["title"]) for event, _ in chosen)
        report[name] = {
            "events": len(chosen),
            "title_clean_share": sum(problem is None for _, problem in chosen) / len(chosen),
            "title_problems": dict(Counter(problem for _, problem in chosen if problem).most_common()),
            "other_share": sum(event["kind"] == "other" for event, _ in chosen) / len(chosen),
            "repeated_date_title_pairs": sum(count - 1 for count in pairs.values() if count > 1),
            "events_without_actor": sum(not event["actors"] for event, _ in chosen),
        }
    return report


def main(argv: list[str] | None = None) -> int:
    """Audit a dossier file's event titles and print the figures (and a JSON line with ``--json``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.title_audit", description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", type=Path, required=True, help="a dossier JSON file (read only; use a copy)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args(argv)
    data = json.loads(args.dossier.read_text(encoding="utf-8"))
    collections = {source["id"]: collection_of(source.get("path")) for source in data["sources"].values()}
    report = audit(list(data["events"].values()), collections)
    for name, figures in report.items():
        print(f"{name}: " + ", ".join(f"{key} {value:.2f}" if isinstance(value, float) else f"{key} {value}" for key, value in figures.items()))
    if args.json:
        print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
