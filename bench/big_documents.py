"""Big single documents built from real wire paragraphs, and the time and memory one costs to ingest.

``python -m bench.big_documents 1000000 5000000`` writes each document to a temp folder, ingests
it alone in a fresh child process and prints characters, seconds, characters per second and the
child's peak memory, so the per-document cost of ingest can be checked to grow linearly.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

CORPUS_FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bbc" / "politics"


def corpus_paragraphs(folder: Path = CORPUS_FOLDER) -> Iterator[str]:
    """The body paragraphs (every line after the headline) of the articles in ``folder``, in name order."""
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        yield from (line.strip() for line in lines[1:] if line.strip())


def big_document(chars: int, folder: Path = CORPUS_FOLDER) -> str:
    """A headline and then corpus paragraphs, repeated as needed, until the text has ``chars`` characters."""
    paragraphs = list(corpus_paragraphs(folder))
    if not paragraphs:
        raise ValueError(f"no paragraphs found under {folder}")
    parts = ["Wire digest of the week's political news\n"]
    length = len(parts[0])
    index = 0
    while length < chars:
        paragraph = "\n" + paragraphs[index % len(paragraphs)] + "\n"
        parts.append(paragraph)
        length += len(paragraph)
        index += 1
    return "".join(parts)[:chars]


def measure(chars: int) -> str:
    """Ingest one ``chars``-character document in a fresh process; one line of what it cost."""
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder, f"big-{chars}.txt")
        document.write_text(big_document(chars), encoding="utf-8")
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "dossier", "--db", str(Path(folder, "d.json")), "ingest", "-q", str(document)],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    outcome = (result.stdout.strip() or result.stderr.strip()).splitlines()[-1:]
    return (
        f"{chars:>11,} chars  {seconds:7.1f} s  {chars / seconds:9,.0f} chars/s"
        f"  peak {peak_mb:7,.0f} MB  exit {result.returncode}  {' '.join(outcome)}"
    )


def main() -> None:
    """Measure the sizes given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="+", type=int, help="document sizes in characters")
    for size in parser.parse_args().sizes:
        print(measure(size), flush=True)


if __name__ == "__main__":
    main()
