"""`python -m bench.statements`: statement extraction scored against hand-annotated articles.

``bench/eval/statements/*.json`` hold, per corpus article, every statement a reader finds in
it: the speaker (a name, a list of acceptable names, or null when the text does not name one),
whether it is a direct quotation, and the content as written (re-found in the text, so no
offsets go stale). Conventions: a statement is a verb of saying (say, tell, add, warn, deny,
claim, "according to" …) with a quotation or a reported clause; direct content is the quoted
words (both halves of a quotation split by its attribution, from the first word to the last),
indirect content the reported clause without "that"; a clause that only embeds a quoted phrase
is indirect; headlines are not statements.

A found statement matches a gold one of the same article when their content spans overlap
(loose) or are equal up to edge punctuation and quotation marks (strict); each gold statement
matches at most one. Speaker accuracy is over loose matches: the found speaker's name or an
alias is one of the gold names (a surname alone counts), or both have no speaker. Precision
and recall are given for direct and indirect statements separately (by the gold statement's
kind for recall, the found one's for precision) and together.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import CORPUS_ROOT

EVAL_DIR = Path(__file__).resolve().parent / "eval" / "statements"
_EDGE = " \t\n.,;:!?\"'“”‘’"


@dataclass(slots=True)
class Said:
    """One statement as a span of an article with its speaker names and kind."""

    start: int
    end: int
    direct: bool
    speakers: list[str] = field(default_factory=list)  # gold: acceptable names; found: name and aliases


@dataclass(slots=True)
class Tally:
    """Counts for one slice (direct, indirect, all)."""

    gold: int = 0
    found: int = 0
    loose_found: int = 0  # found statements matching some gold one (loose)
    loose_gold: int = 0
    strict_found: int = 0
    strict_gold: int = 0
    speaker_right: int = 0
    speaker_judged: int = 0

    def scores(self) -> dict[str, float | int | None]:
        """Precision, recall and F1 (loose and strict) and speaker accuracy."""

        def ratio(a: int, b: int) -> float | None:
            """``a / b`` to three places, or None when nothing was counted."""
            return round(a / b, 3) if b else None

        def f1(p: float | None, r: float | None) -> float | None:
            """The harmonic mean of precision and recall, or None."""
            return round(2 * p * r / (p + r), 3) if p and r else None

        lp, lr = ratio(self.loose_found, self.found), ratio(self.loose_gold, self.gold)
        sp, sr = ratio(self.strict_found, self.found), ratio(self.strict_gold, self.gold)
        return {
            "gold": self.gold,
            "found": self.found,
            "loose_precision": lp,
            "loose_recall": lr,
            "loose_f1": f1(lp, lr),
            "strict_precision": sp,
            "strict_recall": sr,
            "strict_f1": f1(sp, sr),
            "speaker_accuracy": ratio(self.speaker_right, self.speaker_judged),
        }


def find_content(text: str, content: str, after: int = 0) -> tuple[int, int]:
    """Where gold content lies in the article, whitespace-insensitive (first match, else from the start)."""
    pattern = r"\s+".join(re.escape(word) for word in content.split())
    match = re.compile(pattern).search(text, after) or re.compile(pattern).search(text)
    if match is None:
        raise ValueError(f"gold content not found: {content[:60]!r}")
    return match.start(), match.end()


def _trimmed(text: str, start: int, end: int) -> str:
    """A span's words without edge punctuation or quotation marks, spaces normalised."""
    return " ".join(text[start:end].strip(_EDGE).split())


def gold_of(path: Path, corpus: Path) -> tuple[Path, list[Said]]:
    """One annotation file: the article's path and its gold statements."""
    data = json.loads(path.read_text(encoding="utf-8"))
    article = corpus / data["file"]
    text = article.read_text(encoding="utf-8")
    said = []
    for entry in data["statements"]:
        start, end = find_content(text, entry["content"])
        speaker = entry["speaker"]
        names = [] if speaker is None else [speaker] if isinstance(speaker, str) else list(speaker)
        said.append(Said(start, end, bool(entry["direct"]), names))
    return article, said


def _fold(name: str) -> str:
    """A name compared case- and punctuation-blind."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def speaker_matches(gold: list[str], found: list[str]) -> bool:
    """Whether the found speaker is one of the gold names (null matches null; a surname counts)."""
    if not gold or not found:
        return not gold and not found
    folded = {_fold(name) for name in found}
    last_words = {name.split()[-1] for name in folded if name}
    return any(_fold(name) in folded or (_fold(name).split()[-1:] and _fold(name).split()[-1] in last_words) for name in gold)


def score(pairs: list[tuple[str, list[Said], list[Said]]]) -> dict[str, dict[str, Any]]:
    """Tallies for direct, indirect and all statements over ``(text, gold, found)`` per article."""
    tallies = {"direct": Tally(), "indirect": Tally(), "all": Tally()}
    for text, gold, found in pairs:
        loose = _match(gold, found, lambda g, f: g.start < f.end and f.start < g.end)
        strict = _match(gold, found, lambda g, f, t=text: _trimmed(t, g.start, g.end) == _trimmed(t, f.start, f.end))
        for index, item in enumerate(gold):
            for name in ("direct" if item.direct else "indirect", "all"):
                tally = tallies[name]
                tally.gold += 1
                tally.loose_gold += index in loose
                tally.strict_gold += index in strict
                if index in loose:
                    tally.speaker_judged += 1
                    tally.speaker_right += speaker_matches(item.speakers, found[loose[index]].speakers)
        matched_loose, matched_strict = set(loose.values()), set(strict.values())
        for index, item in enumerate(found):
            for name in ("direct" if item.direct else "indirect", "all"):
                tally = tallies[name]
                tally.found += 1
                tally.loose_found += index in matched_loose
                tally.strict_found += index in matched_strict
    return {name: tally.scores() for name, tally in tallies.items()}


def _match(gold: list[Said], found: list[Said], same: Any) -> dict[int, int]:
    """Gold index -> found index, one to one, each gold taking the first free found statement that fits."""
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for g_index, g in enumerate(gold):
        for f_index, f in enumerate(found):
            if f_index not in taken and same(g, f):
                pairs[g_index] = f_index
                taken.add(f_index)
                break
    return pairs


def extracted(article: Path) -> tuple[str, list[Said]]:
    """The article's text and the statements ingest finds in it, with speaker names."""
    from dossier.ingest.extract import extract_document
    from dossier.ingest.nlp import load_model
    from dossier.ingest.pipeline import prepare_source
    from dossier.ingest.read import Limits, read_document

    raw = read_document(article, Limits())
    source, masked = prepare_source(article, raw.text, raw.front)
    document = extract_document(load_model()(masked), source)
    names = {draft.key: [draft.name, *draft.aliases] for draft in document.actors}
    said = [
        Said(q.content.start, q.content.end, q.direct, names.get(q.speaker_key, []) if q.speaker_key else [])
        for q in document.statements
    ]
    return source.text, said


def split_of(path: Path) -> str:
    """Which part of the set an annotation file belongs to: "dev" (the rules were tuned on it) or
    "held-out" (annotated after the rules were written, and never tuned on)."""
    return str(json.loads(path.read_text(encoding="utf-8")).get("split", "dev"))


def evaluate(
    folder: Path = EVAL_DIR, corpus: Path = CORPUS_ROOT, *, verbose: bool = False, split: str | None = None
) -> dict[str, Any]:
    """Scores over every annotated article, or one split (and, verbose, each miss and false find on stderr)."""
    pairs = []
    files = [path for path in sorted(folder.glob("*.json")) if split is None or split_of(path) == split]
    for path in files:
        article, gold = gold_of(path, corpus)
        text, found = extracted(article)
        pairs.append((text, gold, found))
        if verbose:
            _explain(path.stem, text, gold, found)
    return {"articles": len(files), **score(pairs)}


def _explain(name: str, text: str, gold: list[Said], found: list[Said]) -> None:
    """Print one article's misses, false finds and wrong speakers."""
    loose = _match(gold, found, lambda g, f: g.start < f.end and f.start < g.end)
    for index, item in enumerate(gold):
        if index not in loose:
            print(f"{name} MISS {'D' if item.direct else 'I'} {item.speakers[:1]} {text[item.start:item.end][:90]!r}", file=sys.stderr)
        elif not speaker_matches(item.speakers, found[loose[index]].speakers):
            print(f"{name} SPKR {item.speakers[:1]} got {found[loose[index]].speakers[:1]} {text[item.start:item.end][:60]!r}", file=sys.stderr)
    for index, item in enumerate(found):
        if index not in set(loose.values()):
            print(f"{name} FALSE {'D' if item.direct else 'I'} {item.speakers[:1]} {text[item.start:item.end][:90]!r}", file=sys.stderr)


def table(result: dict[str, Any]) -> str:
    """The scores as a Markdown table (what docs/extraction.md shows)."""
    lines = [
        f"Statements on {result['articles']} hand-annotated articles ({result['all']['gold']} gold statements):",
        "",
        "| statements | gold | found | loose P | loose R | loose F1 | strict P | strict R | strict F1 | speaker acc. |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in ("direct", "indirect", "all"):
        s = result[name]
        cells = [s[k] for k in ("gold", "found", "loose_precision", "loose_recall", "loose_f1", "strict_precision", "strict_recall", "strict_f1", "speaker_accuracy")]
        lines.append("| " + " | ".join([name, *("–" if c is None else str(c) for c in cells)]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score and print the table (``--json``: one JSON line, for ``python -m bench``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.statements", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON line")
    parser.add_argument("--verbose", action="store_true", help="list misses, false finds and wrong speakers on stderr")
    parser.add_argument("--corpus", type=Path, default=CORPUS_ROOT)
    parser.add_argument("--split", choices=["dev", "held-out"], help="only the articles the rules were tuned on, or only the others")
    args = parser.parse_args(argv)
    result = evaluate(corpus=args.corpus, verbose=args.verbose, split=args.split)
    print(json.dumps(result) if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
