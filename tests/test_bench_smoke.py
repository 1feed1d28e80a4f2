"""The benchmark's own logic on the real corpus, and one end-to-end run of it on twelve articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.__main__ import main as bench_main
from bench.__main__ import parse_sizes
from bench.corpus import corpus_articles, interleave, reuters_articles, wire_date
from bench.countries import PlaceScore, codes_for
from bench.measure import percentile
from bench.table import Row

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "reuters" / "index.tsv").exists(), reason="no ../shared/corpus")


def test_wire_dates_ignore_trailing_junk() -> None:
    assert wire_date("26-FEB-1987 15:01:01.79") == "1987-02-26"
    assert wire_date("27-MAR-1987 00:02:59.13RM") == "1987-03-27"
    assert wire_date(" 5-APR-1987 01:53:30.29") == "1987-04-05"
    assert wire_date("garbage") is None
    assert wire_date("31-FEB-1987 00:00:00.00") is None


@needs_corpus
def test_every_reuters_article_gets_an_iso_date_from_the_index() -> None:
    articles = reuters_articles(CORPUS)
    assert len(articles) == 21_568
    assert all(article.date and article.date.startswith("1987-") for article in articles)
    assert articles[0].places == ("el-salvador", "usa", "uruguay")
    assert articles[0].override == {"date": "1987-02-26"}


@needs_corpus
def test_corpus_prefixes_mix_both_collections_and_all_bbc_topics() -> None:
    articles = corpus_articles(CORPUS)
    assert len(articles) == 23_793
    assert len({article.path for article in articles}) == len(articles)
    first = articles[:1000]
    bbc = [article for article in first if article.collection == "bbc"]
    assert 80 <= len(bbc) <= 110
    assert {article.path.parent.name for article in bbc} == {"business", "entertainment", "politics", "sport", "tech"}


def test_interleave_keeps_order_and_spreads_the_shorter_list() -> None:
    merged = interleave(list("abcdefgh"), list("XY"))
    assert merged == list("abcdXefghY")


def test_country_names_fold_like_the_store() -> None:
    assert codes_for("U.S.") == {"usa"}
    assert codes_for("the United States") == {"usa"}
    assert codes_for("Britain") == {"uk"}
    assert codes_for("West Germany") == {"west-germany"}
    assert codes_for("Soviet Union") == {"ussr"}
    assert codes_for("Paris") == frozenset()


def test_place_score_counts_recall_over_index_and_precision_over_country_actors() -> None:
    score = PlaceScore()
    score.add(["usa", "japan"], ["U.S.", "Tokyo", "France"])  # Tokyo finds Japan: the city lies in it
    score.add(["uk"], ["Britain"])
    score.add(["usa"], ["Houston"])  # a dateline city alone: found, and no country actor invented
    assert (score.found, score.expected) == (4, 4)
    assert (score.relevant, score.country_actors) == (2, 3)


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0


def test_rows_judge_the_largest_size_and_flag_superlinear_growth() -> None:
    sizes = [1000, 5000, 25000]
    row = Row("open", values={1000: 0.1, 5000: 0.5, 25000: 4.0}, target=("<=", 2.0), growth="cost")
    assert row.verdict(sizes) == "FAIL"
    assert "superlinear" in row.growth_cell(sizes)
    linear = Row("size", values={1000: 1.0, 25000: 25.0}, growth="cost")
    assert linear.growth_cell(sizes) == "1.00"
    partial = Row("ratio", values={1000: 0.9}, target=(">=", 0.8))
    assert partial.verdict(sizes) == "pass (at 1,000)"


def test_sizes_parse_all_and_cap_at_the_corpus() -> None:
    assert parse_sizes("5000,1000,all", 23_793) == [1000, 5000, 23_793]
    assert parse_sizes("200,1000", 500) == [200, 500]


@needs_corpus
def test_bench_runs_end_to_end_on_twelve_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = bench_main(
        ["--sizes", "12", "--single", "0", "--repeats", "1", "--presses", "2", "--processes", "1", "--out", str(tmp_path),
         "--edit-repeats", "2", "--edit-log", "20"]
    )
    assert status == 0
    table = capsys.readouterr().out
    assert "| ingest, 1 process: words/s" in table
    assert "commit:" in table.splitlines()[0]
    results = json.loads(next(tmp_path.glob("*/results.json")).read_text())
    entry = results["by_size"]["12"]
    assert entry["ingest"]["added"] == 12
    assert entry["file_bytes"] > entry["raw_bytes"] > 0
    assert entry["open"] > 0 and entry["parse"] > 0
    assert entry["tui"]["first_paint"] > 0
    latency = entry["tui"]["latency"]
    for scenario in ("move", "move_events", "select_big", "follow", "back", "search", "timeline", "connections", "chains"):
        assert len(latency[scenario]["ms"]) == 2, scenario
    for scenario in ("move", "move_events", "select_big", "follow", "back", "search"):
        assert len(latency[scenario]["floor_ms"]) == 2, scenario  # one floor press after each measured one
    assert "| key: back, p95" in table and "back: p95 ÷ floor p95" in table
    if shutil.which("tmux"):
        assert "| terminal (tmux): move in Actors (j), p95" in table
    assert latency["select_big"]["mentions"] >= 2
    assert latency["follow"]["opened"] == 2
    assert "| extraction quality on the annotated set" in table and "|   actor precision" in table
    assert results["extraction"]["articles"] == 40
    curation = entry["curation"]
    for kind in ("merge", "rename", "tag"):
        assert len(curation["store"][kind]["ms"]) == 2 and len(curation["app"][kind]["ms"]) == 2, kind
    assert curation["store"]["file_rewritten"] is False and curation["log"]["edits"] == 20
    assert curation["open"]["log"] > 0 and "| open with edits ÷ without" in table
    assert curation["open_cpu"]["log"] > 0 and "| Dossier.open CPU time (in process): with edits ÷ without" in table
    assert (tmp_path / "latest.md").read_text() == table
    assert not list(tmp_path.glob("*/dossier-*.json"))


@needs_corpus
def test_every_gold_statement_is_found_in_its_article() -> None:
    from bench.statements import EVAL_DIR, gold_of

    files = sorted(EVAL_DIR.glob("*.json"))
    assert len(files) >= 30
    for path in files:
        article, gold = gold_of(path, CORPUS)
        text = article.read_text(encoding="utf-8")
        assert gold and all(0 <= said.start < said.end <= len(text) for said in gold), path.name


def test_statement_scores_count_overlap_exact_span_and_speaker() -> None:
    from bench.statements import Said, score

    text = "He said the talks would resume, and added that nothing was agreed."
    gold = [Said(8, 30, False, ["Tom Casey"]), Said(47, 65, False, ["Tom Casey"])]
    found = [Said(8, 30, False, ["Tom Casey", "Casey"]), Said(40, 60, False, []), Said(0, 2, True, [])]
    scores = score([(text, gold, found)])
    assert scores["all"]["loose_recall"] == 1.0 and scores["all"]["loose_precision"] == round(2 / 3, 3)
    assert scores["all"]["strict_recall"] == 0.5
    assert scores["all"]["speaker_accuracy"] == 0.5
    assert scores["direct"]["gold"] == 0 and scores["direct"]["found"] == 1


def test_ingest_stages_account_for_every_article_stage_on_real_articles() -> None:
    """The per-stage profile runs the pipeline's own steps on corpus articles: every stage costs
    something, and parsing is the largest share (the table's ratio divides by it)."""
    from bench.corpus import CORPUS_ROOT
    from bench.ingest_stages import STAGES, measure

    startup, spent = measure(16, CORPUS_ROOT)
    assert set(spent) == set(STAGES)
    assert all(seconds > 0 for name, seconds in spent.items() if name != "flush")
    assert spent["nlp.pipe (masked texts)"] == max(spent.values())
    assert startup["load_model()"] > 0
