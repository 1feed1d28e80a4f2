"""`python -m bench.ingest_stages`: where one-process ingest time goes besides spaCy, stage by stage.

Runs the pipeline's own steps (``read_document`` + ``prepare_source``, ``parse_texts`` in chunks of
``WORKER_CHUNK``, the three extractors, ``Dossier.add_document`` and a flush every
``DEFAULT_FLUSH_SECONDS``) on the first N bench-corpus articles in one process, with CPU time
(``time.process_time``) around each, and prints a table: extraction ÷ ``nlp.pipe`` is the share
ingest adds to the parse per article. Start-up (imports, model load) is measured apart: it is
paid once per ingesting process, not per article. CPU time, because wall time on a shared machine
moves with the load.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.corpus import CORPUS_ROOT, corpus_articles

STAGES = ("read and prepare", "nlp.pipe (masked texts)", "actors", "events", "statements", "add_document", "flush")


def measure(count: int, corpus: Path) -> tuple[dict[str, float], dict[str, float]]:
    """CPU seconds of start-up steps and of each per-article stage over the first ``count`` articles."""
    startup: dict[str, float] = {}
    clock = time.process_time()
    from dossier.ingest.pipeline import DEFAULT_FLUSH_SECONDS, WORKER_CHUNK, prepare_source
    from dossier.ingest.read import Limits, read_document
    from dossier.store.dossier import Dossier
    from dossier.store.drafts import ExtractedDocument

    startup["import pipeline and store"] = time.process_time() - clock
    clock = time.process_time()
    from dossier.ingest.actors import extract_actors
    from dossier.ingest.attribution import extract_statements
    from dossier.ingest.events import extract_events
    from dossier.ingest.nlp import load_model
    from dossier.ingest.parsing import parse_texts

    startup["import spaCy and extraction"] = time.process_time() - clock
    clock = time.process_time()
    nlp = load_model()
    startup["load_model()"] = time.process_time() - clock

    spent = dict.fromkeys(STAGES, 0.0)
    articles = corpus_articles(corpus)[:count]
    with tempfile.TemporaryDirectory() as folder:
        dossier = Dossier.open(Path(folder) / "stages.json")
        last_flush = time.perf_counter()
        for first in range(0, len(articles), WORKER_CHUNK):
            chunk = articles[first : first + WORKER_CHUNK]
            clock = time.process_time()
            prepared = []
            for article in chunk:
                raw = read_document(article.path, Limits())
                prepared.append(prepare_source(article.path, raw.text, {**raw.front, **article.override}))
            spent["read and prepare"] += time.process_time() - clock
            clock = time.process_time()
            docs = list(parse_texts(nlp, [masked for _, masked in prepared]))
            spent["nlp.pipe (masked texts)"] += time.process_time() - clock
            for (source, _), doc in zip(prepared, docs, strict=True):
                if isinstance(doc, Exception):
                    continue
                clock = time.process_time()
                masked = doc.text
                actors = extract_actors(doc, masked, source)
                spent["actors"] += time.process_time() - clock
                clock = time.process_time()
                events = extract_events(doc, masked, source, actors)
                spent["events"] += time.process_time() - clock
                clock = time.process_time()
                statements = extract_statements(doc, masked, source, actors)
                spent["statements"] += time.process_time() - clock
                clock = time.process_time()
                dossier.add_document(ExtractedDocument(source, actors.drafts, events, statements))
                spent["add_document"] += time.process_time() - clock
                if time.perf_counter() - last_flush >= DEFAULT_FLUSH_SECONDS:
                    clock = time.process_time()
                    dossier.flush()
                    spent["flush"] += time.process_time() - clock
                    last_flush = time.perf_counter()
        clock = time.process_time()
        dossier.flush()
        spent["flush"] += time.process_time() - clock
    return startup, spent


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.ingest_stages", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="first N bench-corpus articles (default: 400)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_ROOT, help="corpus root (default: ../shared/corpus)")
    args = parser.parse_args(argv)
    startup, spent = measure(args.articles, args.corpus)
    parse = spent["nlp.pipe (masked texts)"]
    total = sum(spent.values())
    print(f"one-process ingest of {args.articles:,} articles, CPU seconds")
    for name, seconds in startup.items():
        print(f"  start-up: {name:28s} {seconds:7.2f}")
    for name, seconds in spent.items():
        print(f"  {name:38s} {seconds:7.2f}  {100 * seconds / total:5.1f} %")
    extraction = spent["actors"] + spent["events"] + spent["statements"]
    print(f"  extraction ÷ nlp.pipe                  {extraction / parse:7.2f}")
    print(f"  everything but nlp.pipe ÷ nlp.pipe     {(total - parse) / parse:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
