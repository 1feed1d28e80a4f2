"""Turning the raw measurements of a run into the table's rows (targets from issue 5) and notes."""

from __future__ import annotations

from typing import Any

from bench.measure import percentile
from bench.table import Row

MB = 1024 * 1024

# (label, scenario key in the TUI probe's report, p95 target in ms)
KEY_SCENARIOS: tuple[tuple[str, str, float, float | None], ...] = (
    # label, latency key, absolute p95 target (quiet machine), p95 target as a multiple of the floor's
    ("move in the Actors list", "move", 50.0, 1.5),
    ("move in the Events timeline", "move_events", 50.0, 1.5),
    ("select actor with most mentions", "select_big", 50.0, 1.5),
    ("follow a link", "follow", 50.0, 1.5),
    ("back", "back", 50.0, 1.5),
    ("search-as-you-type", "search", 30.0, 2.0),
    # the views (issue 13): absolute targets only, no floor ratio
    ("timeline of the most-mentioned actor (T)", "timeline", 100.0, None),
    ("move a timeline bucket", "bucket", 50.0, None),
    ("connections of the most-mentioned actor (c)", "connections", 100.0, None),
    ("shortest chains between the two most-mentioned actors", "chains", 200.0, None),
)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def build_rows(results: dict[str, Any]) -> list[Row]:
    """Every row of the table from a run's results (missing figures print as "–")."""
    sizes: list[int] = results["sizes"]
    by_size: dict[int, dict[str, Any]] = {int(k): v for k, v in results["by_size"].items()}
    single = results.get("single", {})
    first = sizes[0]
    processes = results.get("processes", 2)
    many = f"{processes} process{'es' if processes != 1 else ''}"

    def row(label: str, values: dict[int, float | None], **options: Any) -> Row:
        """A table row (shorthand)."""
        return Row(label, values=values, **options)

    # Ingest and raw nlp.pipe, cumulative over the stages of the build.
    ingest_docs: dict[int, float | None] = {}
    ingest_words: dict[int, float | None] = {}
    ingest_rss: dict[int, float | None] = {}
    raw_words: dict[int, float | None] = {}
    docs, words, seconds, raw_w, raw_s = 0, 0, 0.0, 0, 0.0
    for size in sizes:
        entry = by_size.get(size, {})
        stage, nlp = entry.get("ingest"), entry.get("nlp")
        if stage:
            docs += stage["docs"]
            words += stage["words"]
            seconds += stage["seconds"]
            ingest_docs[size] = _ratio(docs, seconds)
            ingest_words[size] = _ratio(words, seconds)
            ingest_rss[size] = stage["peak_rss"] / MB  # the stage that grew the dossier to this size
        if nlp:
            raw_w += nlp["words"]
            raw_s += nlp["seconds"]
            raw_words[size] = _ratio(raw_w, raw_s)
    ingest_ratio = {size: _ratio(ingest_words.get(size), raw_words.get(size)) for size in sizes}

    def single_rate(key: str) -> float | None:
        """words/s of one single-process comparison run."""
        report = single.get(key)
        return _ratio(report["words"], report["seconds"]) if report else None

    ingest_1, raw_1, raw_n = single_rate("ingest_1"), single_rate("nlp_1"), single_rate("nlp_n")

    def only_first(value: float | None) -> dict[int, float | None]:
        """A figure measured once, on the first articles, shown under the first size."""
        return {first: value}

    rows = [
        row(f"ingest, {many}: articles/s", ingest_docs, digits=1, growth="rate"),
        row(f"ingest, {many}: words/s", ingest_words, digits=0, growth="rate"),
        row(f"raw nlp.pipe, {many}: words/s", raw_words, digits=0, growth="rate"),
        row(f"ingest ÷ raw nlp.pipe, {many}", ingest_ratio, target=(">=", 0.8)),
        row(f"ingest, 1 process: words/s (first {single.get('articles', 0):,} articles)", only_first(ingest_1), digits=0),
        row("raw nlp.pipe, 1 process: words/s (same texts)", only_first(raw_1), digits=0),
        row("ingest ÷ raw nlp.pipe, 1 process", only_first(_ratio(ingest_1, raw_1)), target=(">=", 0.8)),
        row(
            f"ingest {many} ÷ 1-process rate above",
            {size: _ratio(ingest_words.get(size), ingest_1) for size in sizes},
            target=(">=", 1.6),
        ),
        row(f"raw nlp.pipe {many} ÷ 1 process (same texts)", only_first(_ratio(raw_n, raw_1))),
        row("peak RSS of ingest (all processes)", ingest_rss, unit=" MB", digits=0, growth="cost"),
    ]

    def per_size(pick: Any) -> dict[int, float | None]:
        """One figure picked from each size's entry; None where it was not measured."""
        values: dict[int, float | None] = {}
        for size in sizes:
            try:
                values[size] = pick(by_size[size])
            except (KeyError, TypeError):
                values[size] = None
        return values

    raw_mb = per_size(lambda e: e["raw_bytes"] / MB)
    file_mb = per_size(lambda e: e["file_bytes"] / MB)
    rows += [
        row("raw text size", raw_mb, unit=" MB", digits=1, growth="cost"),
        row("dossier file size", file_mb, unit=" MB", digits=1, growth="cost"),
        row("dossier file ÷ raw text", {s: _ratio(file_mb[s], raw_mb[s]) for s in sizes}, target=("<=", 3.0)),
    ]

    open_s = per_size(lambda e: e["open"])
    parse_s = per_size(lambda e: e["parse"])
    rows += [
        row("open: cold process, Dossier.open", open_s, unit=" s", growth="cost"),
        row("open floor: cold process, orjson parse", parse_s, unit=" s", growth="cost"),
        row("open ÷ floor", {s: _ratio(open_s[s], parse_s[s]) for s in sizes}, target=("<=", 2.0)),
    ]

    rows += [
        row("export --all: Markdown vault, every note", per_size(lambda e: e["export"]["seconds"]), unit=" s", growth="cost"),
        row("export --all again, nothing changed", per_size(lambda e: e["export"]["again_seconds"]), unit=" s", growth="cost"),
        row("export --all: vault size", per_size(lambda e: e["export"]["bytes"] / MB), unit=" MB", digits=1, growth="cost"),
        row("export --all: peak RSS", per_size(lambda e: e["export"]["peak_rss"] / MB), unit=" MB", digits=0, growth="cost"),
    ]

    paint = per_size(lambda e: e["tui"]["first_paint"])
    bare = per_size(lambda e: e["tui"]["bare_first_paint"])
    rows += [
        row("TUI first paint with data (cold process)", paint, unit=" s", growth="cost"),
        row("bare Textual app, same widgets (floor)", bare, unit=" s"),
        row(
            "first paint − floor",
            {s: None if paint[s] is None or bare[s] is None else paint[s] - bare[s] for s in sizes},
            unit=" s",
            target=("<=", 1.0),
        ),
    ]

    for label, key, target, floor_target in KEY_SCENARIOS:
        samples = per_size(lambda e, key=key: e["tui"]["latency"][key]["ms"])
        floor = per_size(lambda e, key=key: e["tui"]["latency"][key].get("floor_ms") or None)
        p95 = {s: percentile(v, 0.95) if v else None for s, v in samples.items()}
        floor_p95 = {s: percentile(v, 0.95) if v else None for s, v in floor.items()}
        rows.append(row(f"key: {label}, p50", {s: percentile(v, 0.5) if v else None for s, v in samples.items()}, unit=" ms", digits=1))
        rows.append(row(f"key: {label}, p95", p95, unit=" ms", digits=1, target=("<=", target), growth="cost"))
        if floor_target is None:
            continue
        rows.append(row("  floor during it (bare app, same key), p50", {s: percentile(v, 0.5) if v else None for s, v in floor.items()}, unit=" ms", digits=1))
        rows.append(row("  floor during it, p95", floor_p95, unit=" ms", digits=1))
        rows.append(row(f"  {label}: p95 ÷ floor p95", {s: _ratio(p95[s], floor_p95[s]) for s in sizes}, target=("<=", floor_target)))
    terminal_kinds: dict[str, None] = {}
    for size in sizes:
        terminal_kinds.update(dict.fromkeys(by_size.get(size, {}).get("terminal") or {}))
    for kind in terminal_kinds:
        samples = per_size(lambda e, kind=kind: [v for v in e["terminal"][kind] if v is not None] or None)
        rows.append(row(f"terminal (tmux): {kind}, p50", {s: percentile(v, 0.5) if v else None for s, v in samples.items()}, unit=" ms", digits=0))
        rows.append(row(f"terminal (tmux): {kind}, p95", {s: percentile(v, 0.95) if v else None for s, v in samples.items()}, unit=" ms", digits=0))
    rows.append(row("peak RSS of the TUI", per_size(lambda e: e["tui"]["peak_rss"] / MB), unit=" MB", digits=0, target=("<=", 1536.0), growth="cost"))

    rows += statement_rows(results.get("statements"), first)
    rows += curation_rows(sizes, {size: entry.get("curation") for size, entry in by_size.items()})

    recall = per_size(lambda e: e["quality"]["recall"])
    precision = per_size(lambda e: e["quality"]["precision"])
    rows += [
        row("country recall (Reuters NORM articles)", recall, target=(">=", 0.85)),
        row("country precision (Reuters NORM articles)", precision, target=(">=", 0.6)),
    ]
    rows += extraction_rows(results.get("extraction") or {}, sizes[-1])
    return rows


# (label, key in bench.extraction_eval's figures, digits, target): issue 11's targets where it sets one
EXTRACTION_FIGURES: tuple[tuple[str, str, int, tuple[str, float] | None], ...] = (
    ("actor precision", "actor_precision", 2, (">=", 0.93)),
    ("actor recall", "actor_recall", 2, (">=", 0.90)),
    ("gold actors split across two extracted actors", "actor_splits", 0, ("<=", 0.0)),
    ("actor kind right (matched actors)", "actor_kind_accuracy", 2, None),
    ("plain spaCy NER: actor precision", "spacy_actor_precision", 2, None),
    ("plain spaCy NER: actor recall", "spacy_actor_recall", 2, None),
    ("mention F1 (overlapping spans)", "mention_relaxed_f1", 2, None),
    ("plain spaCy NER: mention F1, same model, same texts", "spacy_mention_relaxed_f1", 2, None),
    ("mention F1 − plain spaCy", "mention_f1_gain", 2, (">=", 0.08)),
    ("event precision (evidence sentence and date)", "event_precision", 2, None),
    ("event recall (all gold events)", "event_recall", 2, None),
    ("event recall (gold events the text dates)", "event_recall_dated", 2, None),
    ("dates exact at their precision (found events)", "date_accuracy", 2, None),
    ("dates a year or more off", "dates_year_off", 0, ("<=", 0.0)),
    ("event kind right (found events)", "kind_accuracy", 2, None),
    ("share of events of kind other", "other_share", 2, ("<=", 0.25)),
    ("titles clean by the automatic proxy", "title_clean_share", 2, (">=", 0.85)),
    ("events on sentences annotated as not events", "events_on_not_event_sentences", 0, None),
)


def extraction_rows(figures: dict[str, Any], size: int) -> list[Row]:
    """The "extraction quality on the annotated set" row group: measured once per run, shown in one column."""
    header = Row("extraction quality on the annotated set (once per run, bench/eval/events):")
    return [header] + [
        Row(f"  {label}", values={size: figures.get(key)}, digits=digits, target=target)
        for label, key, digits, target in EXTRACTION_FIGURES
    ]


def statement_rows(scores: dict[str, Any] | None, first: int) -> list[Row]:
    """The statements row group: loose and strict F1 and speaker accuracy, direct, indirect and all
    (measured once on the hand-annotated articles, shown under the first size)."""
    if not scores:
        return []
    rows = []
    for part in ("direct", "indirect", "all"):
        figures = scores.get(part, {})
        rows += [
            Row(f"statements ({part}): loose F1", values={first: figures.get("loose_f1")}, target=(">=", 0.85)),
            Row(f"statements ({part}): strict F1", values={first: figures.get("strict_f1")}),
            Row(f"statements ({part}): speaker accuracy", values={first: figures.get("speaker_accuracy")}, target=(">=", 0.88)),
        ]
    return rows


def curation_rows(sizes: list[int], curation: dict[int, dict[str, Any] | None]) -> list[Row]:
    """Issue 10's rows: one edit applied and saved (store, then the app with the screen updated),
    p50 and p95 per kind, and opening with a generated edit log against none."""

    def pick(read: Any) -> dict[int, float | None]:
        """One figure from each size's curation results; None where it was not measured."""
        values: dict[int, float | None] = {}
        for size in sizes:
            try:
                values[size] = read(curation[size])
            except (KeyError, TypeError, ValueError):
                values[size] = None
        return values

    rows: list[Row] = []
    for where, label in (("store", "edit, store: apply+save"), ("app", "edit, app: key to screen updated")):
        for kind, named in (("merge", "merge top actor"), ("rename", "rename"), ("tag", "tag")):
            samples = pick(lambda c, where=where, kind=kind: c[where][kind]["ms"])
            rows.append(Row(f"{label}, {named}, p50", values={s: percentile(v, 0.5) if v else None for s, v in samples.items()}, unit=" ms", digits=1))
            rows.append(
                Row(
                    f"{label}, {named}, p95",
                    values={s: percentile(v, 0.95) if v else None for s, v in samples.items()},
                    unit=" ms",
                    digits=1,
                    target=("<=", 50.0),
                    growth="cost",
                )
            )
    for kind, named in (("merge", "merge top actor"), ("rename", "rename"), ("tag", "tag")):
        floor = pick(lambda c, kind=kind: percentile(c["app"][kind]["floor_ms"], 0.95))
        ui = pick(lambda c, kind=kind: percentile(c["app"][kind]["ui_ms"], 0.95))
        rows.append(Row(f"floor: the same {named} prompt closed with escape, p95", values=floor, unit=" ms", digits=1))
        rows.append(Row(f"edit, app: {named}, screen update on the UI thread, p95", values=ui, unit=" ms", digits=1))
    rewritten = pick(lambda c: float(c["store"]["file_rewritten"]))
    rows.append(Row("edits that rewrote the dossier file (0: journal only)", values=rewritten, digits=0, target=("<=", 0.0)))
    edits = pick(lambda c: c["log"]["edits"])
    none, logged = pick(lambda c: c["open"]["none"]), pick(lambda c: c["open"]["log"])
    inside_none, inside_logged = pick(lambda c: c["open_inside"]["none"]), pick(lambda c: c["open_inside"]["log"])
    cpu_none, cpu_logged = pick(lambda c: c["open_cpu"]["none"]), pick(lambda c: c["open_cpu"]["log"])
    rows += [
        Row("open: cold process, no edits", values=none, unit=" s", growth="cost"),
        Row(f"open: cold process, {next((int(v) for v in edits.values() if v), 1000):,} generated edits", values=logged, unit=" s", growth="cost"),
        Row("open with edits ÷ without", values={s: _ratio(logged[s], none[s]) for s in sizes}, target=("<=", 1.10)),
        Row(
            "Dossier.open alone (in process): with edits ÷ without",
            values={s: _ratio(inside_logged[s], inside_none[s]) for s in sizes},
        ),
        Row(
            "Dossier.open CPU time (in process): with edits ÷ without",
            values={s: _ratio(cpu_logged[s], cpu_none[s]) for s in sizes},
        ),
    ]
    return rows


def notes_for(results: dict[str, Any]) -> list[str]:
    """What the reader needs to interpret the table: samples, counts, what was not measured."""
    notes = [
        "Sizes are stages of one build in corpus order (Reuters and BBC interleaved): each dossier is "
        "the previous one plus the next articles. Ingest and raw rates are cumulative over the stages.",
        "Raw nlp.pipe runs ingest.nlp.load_model() on the raw file texts, on every text of a stage "
        "up to --raw-cap and an even spread sample beyond it, in the same run as the ingest; with N "
        "processes, N independent processes each take 1/N of the texts at once (model loading excluded).",
        "Key latency: keys pressed one at a time (120 ms apart, not a held key); from posting the key event to every message handled and the screen composited "
        "and encoded to escape sequences (headless, no terminal I/O; Pilot's idle sleeps excluded); "
        "search waits for the results of the typed text (searched on every keystroke, no debounce). "
        "The floor is a bare Textual app in the same process, same layout and stylesheet, where a key "
        "moves a list cursor and replaces one pane's text (a seed article); one floor press follows "
        "each measured press, so app and floor see the same machine and their ratio holds when it is busy.",
        "First paint: from spawning the process to the first frame drawn with the Actors list filled.",
        "Terminal (tmux, where installed): `dossier` in a detached 160×45 tmux session; a press lasts until "
        "`tmux capture-pane` stops changing (polled, 150 ms quiet), so it includes the terminal driver and the "
        "polling; switching panes is that method's own floor.",
    ]
    extraction = results.get("extraction")
    if extraction:
        notes.append(
            f"Extraction quality: {extraction['articles']} hand-annotated corpus articles (bench/eval/events, "
            f"{extraction['events_gold']} gold events, {extraction['events_predicted']} extracted), scored once per run by "
            "`python -m bench.extraction_eval` and shown under the largest size; plain spaCy NER is the same "
            "model's PERSON/ORG/GPE/LOC/NORP entities on the same parse. Matching rules: docs/extraction.md, Evaluation."
        )
    statements = results.get("statements")
    if statements:
        overall = statements.get("all", {})
        notes.append(
            f"Statements: {overall.get('gold', '?')} hand-annotated statements in {statements.get('articles', '?')} "
            "BBC politics and Reuters articles (bench/eval/statements); loose = content spans overlap, strict = "
            "equal up to edge punctuation; speaker accuracy over loosely matched statements (python -m bench.statements)."
        )
    if "elapsed_seconds" in results:
        notes.append(f"The whole run took {results['elapsed_seconds'] / 60:.1f} min.")
    for size, entry in sorted(results["by_size"].items(), key=lambda item: int(item[0])):
        stage = entry.get("ingest") or {}
        quality = entry.get("quality") or {}
        latency = (entry.get("tui") or {}).get("latency") or {}
        big = latency.get("select_big", {}).get("mentions")
        parts = [
            f"{int(size):,} articles: {stage.get('actors', '?'):,} actors, {stage.get('events', '?'):,} events"
            if stage
            else f"{int(size):,} articles"
        ]
        if stage.get("failed"):
            parts.append(f"{stage['failed']} files failed in the last stage")
        if quality:
            parts.append(
                f"quality over {quality['articles']:,} Reuters NORM articles with places "
                f"({quality['found']:,}/{quality['expected']:,} countries found, "
                f"{quality['relevant']:,}/{quality['country_actors']:,} country actors relevant)"
            )
        if big:
            parts.append(f"most-mentioned actor has {big:,} mentions")
        if latency:
            counts = ", ".join(f"{key} {len(value.get('ms', []))}" for key, value in latency.items())
            parts.append(f"presses measured: {counts}")
            follow, back = latency.get("follow", {}), latency.get("back", {})
            if follow.get("ms"):
                parts.append(
                    f"{follow.get('opened', 0)}/{len(follow['ms'])} follows showed the chosen source, "
                    f"{back.get('returned', 0)}/{len(back.get('ms', []))} backs showed the actor again"
                )
        notes.append("; ".join(parts) + ".")
    return notes
