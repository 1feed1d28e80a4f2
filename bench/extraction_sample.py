"""The fixed sample of corpus articles behind the annotated extraction set (bench/eval/events).

The rule is mechanical so anyone can redraw it: Reuters NORM articles by first topic code, and
BBC articles by section, kept only when short enough to annotate every mention by hand, then
an even spread over each group in file order. ``python -m bench.extraction_sample`` prints it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import CORPUS_ROOT, wire_date

REUTERS_TOPICS = ("crude", "trade", "grain", "acq", "earn", "money-fx", "ship")
NON_ECONOMIC = ""  # Reuters rows with no topic code: politics, war, weather, people
PER_REUTERS_GROUP = 3
REUTERS_WORDS = (60, 220)
BBC_SECTIONS = {"business": 3, "entertainment": 3, "politics": 4, "sport": 3, "tech": 3}
BBC_MAX_WORDS = 280


@dataclass(frozen=True, slots=True)
class SampledArticle:
    """One article of the sample: its path under the corpus, group and publication date (ISO or None)."""

    file: str
    group: str
    published: str | None


def spread(items: list[str], count: int) -> list[str]:
    """``count`` items evenly spread over ``items``: the middle of each of ``count`` equal slices."""
    return [items[len(items) * (2 * k + 1) // (2 * count)] for k in range(count)] if items else []


def _body_words(path: Path) -> int:
    """Words after the headline line."""
    return len(path.read_text(encoding="utf-8").split("\n", 1)[-1].split())


def reuters_sample(corpus: Path = CORPUS_ROOT) -> list[SampledArticle]:
    """Three NORM articles per topic group, 60–220 body words, spread over the index order."""
    groups: dict[str, list[str]] = {topic: [] for topic in (*REUTERS_TOPICS, NON_ECONOMIC)}
    dates: dict[str, str | None] = {}
    with (corpus / "reuters" / "index.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            first = row["topics"].split(";")[0]
            if row["text_type"] != "NORM" or first not in groups:
                continue
            if first == NON_ECONOMIC and (not row["places"] or "<" in row["title"]):
                continue
            words = _body_words(corpus / "reuters" / row["file"])
            if REUTERS_WORDS[0] <= words <= REUTERS_WORDS[1]:
                groups[first].append(row["file"])
                dates[row["file"]] = wire_date(row["date"])
    return [
        SampledArticle(f"reuters/{name}", topic or "non-economic", dates[name])
        for topic, names in groups.items()
        for name in spread(names, PER_REUTERS_GROUP)
    ]


def bbc_sample(corpus: Path = CORPUS_ROOT) -> list[SampledArticle]:
    """Three or four articles per BBC section of at most 280 body words, spread over file order."""
    sample = []
    for section, count in BBC_SECTIONS.items():
        names = sorted(p.name for p in (corpus / "bbc" / section).glob("*.txt") if _body_words(p) <= BBC_MAX_WORDS)
        sample += [SampledArticle(f"bbc/{section}/{name}", section, None) for name in spread(names, count)]
    return sample


def sample(corpus: Path = CORPUS_ROOT) -> list[SampledArticle]:
    """The whole sample: 24 Reuters articles, then 16 BBC articles."""
    return reuters_sample(corpus) + bbc_sample(corpus)


if __name__ == "__main__":
    for article in sample():
        print(f"{article.file}\t{article.group}\t{article.published or '-'}")
