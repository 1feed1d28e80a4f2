"""The review queue over real BBC politics articles: what is suggested and what is not, "not the same"
remembered through undo, reopening and merges, both sides' evidence, and ``dossier review`` / ``distinct``."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from dossier.cli import main
from dossier.store import Dossier
from dossier.store.curation.evidence import actor_side, sentence_around
from dossier.store.curation.operations import Distinct, Merge
from dossier.store.curation.review import distinct_pairs, initials, spelling_key, suggestions
from dossier.store.folding import fold

pytest_plugins = ["review_documents"]  # the review_db fixtures


def pairs(dossier: Dossier) -> dict[frozenset[str], str]:
    """Every suggested pair with its rule."""
    return {s.pair: s.reason for s in suggestions(dossier)}


def test_the_blair_variants_of_the_issue(review_db: Path) -> None:
    dossier = Dossier.open(review_db)
    found = pairs(dossier)
    assert found[frozenset({"a-tony-blair", "a-blair"})] == "surname"
    blairs = {"a-vote-blair", "a-blairs", "a-blair-brown"}
    assert blairs <= set(dossier.actors)  # the junk the issue names is there, and is not paired with Blair
    assert not [pair for pair in found if pair & blairs]


def test_spelling_surname_and_acronym_suggestions_on_real_text(review_db: Path) -> None:
    found = pairs(Dossier.open(review_db))
    assert found[frozenset({"a-charles-clarke", "a-charles-clark"})] == "spelling"
    assert found[frozenset({"a-frederick-forsyth", "a-frederic-forsythe"})] == "spelling"
    assert found[frozenset({"a-john-prescott", "a-prescott"})] == "surname"
    assert found[frozenset({"a-tuc", "a-trades-union-congress"})] == "acronym"
    # Michael Howard and Tony Blair share many sources but not a name: never paired
    assert frozenset({"a-michael-howard", "a-tony-blair"}) not in found


def test_suggestions_are_ranked_and_the_more_mentioned_comes_first(review_db: Path) -> None:
    dossier = Dossier.open(review_db)
    found = suggestions(dossier)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    for s in found:
        assert dossier.actors.mention_count(s.first) >= dossier.actors.mention_count(s.second)
        assert 0 < s.score <= 1 and s.explanation
    assert len(suggestions(dossier, limit=2)) == 2


def test_not_the_same_is_never_suggested_again_until_undone(review_db: Path) -> None:
    dossier = Dossier.open(review_db)
    pair = frozenset({"a-tony-blair", "a-blair"})
    dossier.apply(Distinct(("a-tony-blair", "a-blair")))
    assert pair not in pairs(dossier)
    assert pair not in pairs(Dossier.open(review_db))  # stored in the file's edit log
    dossier.undo()
    assert pair in pairs(dossier)
    dossier.redo()
    assert pair not in pairs(dossier)


def test_not_the_same_follows_a_later_merge(review_db: Path) -> None:
    dossier = Dossier.open(review_db)
    dossier.apply(Distinct(("a-frederic-forsythe", "a-tony-blair")))
    dossier.apply(Merge(("a-frederick-forsyth", "a-frederic-forsythe")))
    found = pairs(dossier)
    assert frozenset({"a-frederick-forsyth", "a-frederic-forsythe"}) not in found  # merged: one actor now
    assert frozenset({"a-frederick-forsyth", "a-tony-blair"}) in distinct_pairs(dossier)  # judged on the merged id


def test_a_merge_settles_its_suggestion_and_session_skips_are_left_out(review_db: Path) -> None:
    dossier = Dossier.open(review_db)
    dossier.apply(Merge(("a-tony-blair", "a-blair")))
    assert not [pair for pair in pairs(dossier) if "a-blair" in pair]
    skipped = frozenset({"a-charles-clark", "a-charles-clarke"})
    assert skipped not in {s.pair for s in suggestions(dossier, skip=[skipped])}


def test_distinct_rejects_one_actor_and_unknown_ones(review_db: Path) -> None:
    dossier = Dossier.open(review_db)
    with pytest.raises(ValueError, match="two or more"):
        dossier.apply(Distinct(("a-blair", "a-blair")))
    with pytest.raises(ValueError, match="no actor"):
        dossier.apply(Distinct(("a-blair", "a-nobody")))
    assert dossier.history() == []


def test_each_side_shows_counts_dates_top_sources_and_a_sentence(review_db: Path) -> None:
    dossier = Dossier.open(review_db)
    side = actor_side(dossier, "a-blair")
    blair = dossier.actors["a-blair"]
    assert (side.name, side.kind, side.mentions) == ("Blair", "person", len(blair.mentions))
    assert side.sources == len({m.source for m in blair.mentions})
    counts = [count for _, _, count in side.top_sources]
    assert counts == sorted(counts, reverse=True) and 0 < len(counts) <= 3
    assert all(dossier.sources[s].title == title for s, title, _ in side.top_sources)
    assert "Blair" in side.sentence and "\n" not in side.sentence
    dated = [e.date for e in dossier.timeline("a-tony-blair") if e.date]
    tony = actor_side(dossier, "a-tony-blair")
    assert (tony.first_date, tony.last_date) == (min(dated), max(dated))


def test_sentence_around_a_mention() -> None:
    text = "Headline\nFirst one. Mr Blair said so. Next one."
    start = text.index("Blair")
    assert sentence_around(text, start, start + 5) == "Mr Blair said so."
    long = "x " * 400 + "Blair" + " y" * 400
    cut = sentence_around(long, long.index("Blair"), long.index("Blair") + 5)
    assert "Blair" in cut and len(cut) <= 240


def test_name_forms_the_rules_compare() -> None:
    assert spelling_key(fold("Al-Qaeda")) == spelling_key(fold("Al Qaeda"))
    assert spelling_key(fold("Blairs")) == spelling_key(fold("Blair"))
    assert spelling_key(fold("Blair-Brown")) != spelling_key(fold("Blair"))
    assert spelling_key(fold("Congress")) != spelling_key(fold("Congres"))
    assert "IAEA" in initials("International Atomic Energy Agency")
    assert "OPEC" in initials("Organization of Petroleum Exporting Countries")
    assert initials("Blair") == set()


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    """Run ``dossier --db DB ARGS`` in this process: exit code, stdout, stderr."""
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_review_command_lists_and_distinct_remembers(review_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, review_db, "review")
    assert code == 0 and "'Blair' (a-blair, person" in out and "dossier distinct" in err
    code, out, _ = run(capsys, review_db, "review", "--json", "--limit", "0")
    listed = orjson.loads(out)
    blair = next(item for item in listed if set(item["actors"]) == {"a-tony-blair", "a-blair"})
    assert blair["reason"] == "surname" and [side["id"] for side in blair["sides"]] == blair["actors"]
    assert blair["sides"][1]["sentence"] and blair["sides"][0]["top_sources"]

    code, out, _ = run(capsys, review_db, "distinct", "a-tony-blair", "a-blair", "--reason", "checked")
    assert code == 0 and out == "marked 'Tony Blair' (a-tony-blair) and 'Blair' (a-blair) as not the same (undo with: dossier undo)\n"
    _, out, _ = run(capsys, review_db, "review", "--limit", "0")
    assert "(a-blair," not in out
    _, out, _ = run(capsys, review_db, "history", "--json")
    assert orjson.loads(out)[-1]["op"] == "distinct"
    assert run(capsys, review_db, "undo")[1].startswith("undid distinct")
    assert "(a-blair," in run(capsys, review_db, "review", "--limit", "0")[1]


def test_review_command_failures_are_one_line(review_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(review_db), "review", "--limit", "-3"])
    assert exit_info.value.code == 2 and "whole number" in capsys.readouterr().err
    code, _, err = run(capsys, review_db, "distinct", "a-blair", "nobody at all")
    assert code == 1 and err.count("\n") == 1 and "no actor, event or source matches" in err
    code, _, err = run(capsys, review_db, "distinct", "a-blair", "a-blair")
    assert code == 1 and err.count("\n") == 1 and "two or more" in err
