"""The benchmark corpus: every article under ../shared/corpus in one fixed, mixed order.

The order interleaves Reuters and BBC evenly so that every prefix (1k, 5k, all) has the
same mix, which lets the 1k and 5k dossiers be stages of the full build. Reuters dates
and hand-assigned places come from ``reuters/index.tsv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

CORPUS_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

_WIRE_DATE = re.compile(r"^\s*(\d{1,2}-[A-Za-z]{3}-\d{4})")


@dataclass(frozen=True, slots=True)
class Article:
    """One corpus file with what the benchmark knows of it beforehand."""

    path: Path
    collection: str  # "reuters" or "bbc"
    date: str | None = None  # ISO date from the Reuters index
    text_type: str | None = None  # Reuters NORM / BRIEF / UNPROC
    places: tuple[str, ...] = ()  # Reuters index country codes

    @property
    def override(self) -> dict[str, str]:
        """Front-matter-like metadata the ingest pipeline should apply to this file."""
        return {"date": self.date} if self.date else {}


def wire_date(raw: str) -> str | None:
    """The ISO date of a Reuters wire timestamp ("26-FEB-1987 15:01:01.79RM" -> "1987-02-26")."""
    match = _WIRE_DATE.match(raw)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1).title(), "%d-%b-%Y").date().isoformat()
    except ValueError:
        return None


def reuters_articles(root: Path = CORPUS_ROOT) -> list[Article]:
    """Every Reuters file listed in the index, in NEWID order, with date, type and places."""
    folder = root / "reuters"
    with open(folder / "index.tsv", encoding="utf-8", newline="") as index:
        rows = list(csv.DictReader(index, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Article(
            path=folder / row["file"],
            collection="reuters",
            date=wire_date(row["date"] or ""),
            text_type=row["text_type"],
            places=tuple(code for code in (row["places"] or "").split(";") if code),
        )
        for row in sorted(rows, key=lambda row: int(row["newid"]))
    ]


def bbc_articles(root: Path = CORPUS_ROOT) -> list[Article]:
    """Every BBC article, taking the five topic folders in turn so any prefix mixes topics."""
    ranked: list[tuple[int, str, Path]] = []
    for folder in sorted(path for path in (root / "bbc").iterdir() if path.is_dir()):
        for rank, path in enumerate(sorted(folder.glob("*.txt"))):
            ranked.append((rank, folder.name, path))
    return [Article(path=path, collection="bbc") for _, _, path in sorted(ranked)]


def interleave(first: list[Article], second: list[Article]) -> list[Article]:
    """Both lists merged so each keeps its order and is spread evenly over the result."""
    total = len(first) + len(second)
    merged: list[Article] = []
    taken_second = 0
    for position in range(total):
        due_second = (position + 1) * len(second) // total
        if taken_second < due_second:
            merged.append(second[taken_second])
            taken_second += 1
        else:
            merged.append(first[position - taken_second])
    return merged


def corpus_articles(root: Path = CORPUS_ROOT) -> list[Article]:
    """The whole corpus in benchmark order: Reuters and BBC interleaved evenly."""
    return interleave(reuters_articles(root), bbc_articles(root))


def word_count(text: str) -> int:
    """Whitespace-separated words, the unit of every words/s figure."""
    return len(text.split())
