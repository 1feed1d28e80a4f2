"""Hostile input on the ingest side (issue 15, items 1-4, 13, 16, 17): each attack, on real text,
ends with the rest of the run kept and one line per problem."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from bench.big_documents import big_document
from dossier.cli import main
from dossier.ingest.metadata_table import MetadataTableError, read_metadata_table
from dossier.ingest.nlp import load_model
from dossier.ingest.parsing import parse_texts, segments
from dossier.ingest.pipeline import Failure, Notice, ingest_paths
from dossier.ingest.read import Limits, SkippedLink, iter_input_files, read_document
from dossier.store.dossier import Dossier

REPO = Path(__file__).resolve().parents[1]
POLITICS = REPO.parent / "shared" / "corpus" / "bbc" / "politics"
ARTICLES = sorted(POLITICS.glob("*.txt"))[:3]

pytestmark = pytest.mark.skipif(not POLITICS.is_dir(), reason="needs ../shared/corpus")


def _copy_articles(folder: Path) -> list[Path]:
    """The first BBC politics articles copied into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(article, folder / article.name)) for article in ARTICLES]


def test_segments_join_back_exactly_and_cut_after_line_breaks() -> None:
    text = big_document(30_000)
    pieces = segments(text, 4_000)
    assert "".join(pieces) == text and len(pieces) > 7
    assert all(len(piece) <= 4_000 and piece.endswith("\n") for piece in pieces[:-1])
    assert segments("x" * 10, 4) == ["xxxx", "xxxx", "xx"]


def test_a_text_past_the_model_limit_is_parsed_whole_and_a_failing_text_keeps_its_neighbours() -> None:
    nlp = load_model()
    long_text = big_document(120_000)
    short = ARTICLES[0].read_text(encoding="utf-8")
    limit = nlp.max_length
    nlp.max_length = 60_000  # the long text is twice the model's limit
    try:
        parsed = list(parse_texts(nlp, [short, long_text, "x" * 59_000 + " " + "y" * 2_000, short]))
    finally:
        nlp.max_length = limit
    first, long_doc, too_long, last = parsed
    assert not isinstance(first, Exception) and first.text == short
    assert not isinstance(long_doc, Exception) and long_doc.text == long_text
    assert len(long_doc.ents) > 100 and any(token.is_sent_start for token in long_doc[len(long_doc) // 2 :])
    assert isinstance(last, type(first)) and last.text == short
    # 61,000 characters with no line break: the short batch fails, each text is then parsed alone.
    assert not isinstance(too_long, Exception) and too_long.text.startswith("xxx")


def test_a_document_over_a_million_characters_ingests_with_its_chunk(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy_articles(folder)
    big = folder / "zz-wire.txt"
    big.write_text(big_document(1_100_000), encoding="utf-8")
    dossier = Dossier.open(tmp_path / "d.json", create=True)
    started = time.perf_counter()
    summary = ingest_paths(dossier, [folder])
    seconds = time.perf_counter() - started
    assert summary.failed == [] and summary.added == len(ARTICLES) + 1
    stored = [source for source in dossier.sources.values() if source.path == str(big)]
    assert len(stored) == 1 and len(stored[0].text) == 1_100_000
    assert seconds < 600  # ~50 s on an idle core; see docs/reliability.md


def test_a_text_over_the_character_limit_is_refused_in_one_line_and_the_rest_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy_articles(folder)
    (folder / "zz-wire.txt").write_text(big_document(150_000), encoding="utf-8")
    dossier = Dossier.open(tmp_path / "d.json", create=True)
    summary = ingest_paths(dossier, [folder], limits=Limits(max_chars=100_000))
    assert summary.added == len(ARTICLES)
    [failure] = summary.failed
    assert failure.reason == "longer than 100,000 characters (150,000; limit: DOSSIER_MAX_CHARS)"


def test_a_file_name_that_is_not_utf8_is_stored_and_flushed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = Path(os.fsdecode(bytes(folder) + b"/bad\xff.txt"))
    shutil.copy(ARTICLES[0], odd)
    dossier = Dossier.open(tmp_path / "d.json", create=True)
    summary = ingest_paths(dossier, [folder])
    assert summary.added == 1 and summary.failed == []
    reopened = Dossier.open(tmp_path / "d.json")
    [source] = reopened.sources.values()
    assert source.path == str(folder) + "/bad\\xff.txt"


def test_links_that_leave_the_named_folder_are_skipped_with_a_line(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    _copy_articles(outside)
    folder = tmp_path / "tree"
    inner = _copy_articles(folder / "inner")
    (folder / "passwd.txt").symlink_to(outside / ARTICLES[0].name)
    (folder / "up").symlink_to("..")
    (folder / "same.txt").symlink_to(inner[1])
    found = list(iter_input_files([folder]))
    skipped = sorted(entry.path.name for entry in found if isinstance(entry, SkippedLink))
    assert skipped == ["passwd.txt", "up"]
    files = {entry for entry in found if isinstance(entry, Path)}
    assert files == set(inner)  # same.txt is the same file as inner[1], read once
    assert all(str(outside) not in str(path.resolve()) for path in files)
    # A link named directly is the user's choice.
    assert list(iter_input_files([folder / "passwd.txt"])) == [folder / "passwd.txt"]


def test_a_bad_front_matter_date_keeps_the_block_in_the_text_with_a_warning(tmp_path: Path) -> None:
    body = ARTICLES[0].read_text(encoding="utf-8")
    path = tmp_path / "dated.md"
    path.write_text(f"---\ntitle: Budget row\ndate: 2007-02-30\n---\n{body}", encoding="utf-8")
    document = read_document(path)
    assert document.text.startswith("---\ntitle: Budget row\ndate: 2007-02-30\n---\n")
    assert document.front == {}
    assert document.warnings == ("front matter kept in the text: not valid YAML (day is out of range for month)",)
    dossier = Dossier.open(tmp_path / "d.json", create=True)
    summary = ingest_paths(dossier, [path])
    assert summary.added == 1 and summary.failed == []
    assert summary.notices == [Notice(path, document.warnings[0])]


def test_metadata_tables_in_latin1_with_line_breaks_and_huge_fields(tmp_path: Path) -> None:
    name = ARTICLES[0].name
    latin = tmp_path / "latin.csv"
    latin.write_bytes(f'file,title,place\n{name},"Budget row, part one",Bogot\xe1\n'.encode("latin-1"))
    assert read_metadata_table(latin) == {
        (tmp_path / name).resolve(): {"title": "Budget row, part one", "place": "Bogotá"}
    }
    quoted = tmp_path / "quoted.csv"
    quoted.write_text(f'file,title\n{name},"Budget row\nsecond line"\n', encoding="utf-8")
    assert read_metadata_table(quoted)[(tmp_path / name).resolve()] == {"title": "Budget row\nsecond line"}
    huge = tmp_path / "huge.csv"
    huge.write_text(f"file,title\n{name},\"{'x' * 200_000}\"\n", encoding="utf-8")
    with pytest.raises(MetadataTableError, match=r"^metadata table .*huge.csv, line \d+: field larger than"):
        read_metadata_table(huge)


def test_a_metadata_table_matching_no_file_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    [article, *_] = _copy_articles(folder)
    dossier = Dossier.open(tmp_path / "d.json", create=True)
    summary = ingest_paths(dossier, [article], overrides={tmp_path / "elsewhere.txt": {"title": "x"}})
    assert summary.notices == [Notice(None, "the metadata table matches none of the 1 files to ingest")]


def test_a_newline_in_a_file_name_never_forges_an_output_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    forged = folder / "x\n0 sources added, 0 skipped, 0 failed; all good\x1b[2J.txt"
    forged.write_bytes(bytes(range(256)) * 64)
    failure = Failure(forged, "binary file\nall good")
    assert "\n" not in failure.line and "\x1b" not in failure.line
    assert "\n" not in Notice(forged, "x").line
    assert main(["--db", str(tmp_path / "d.json"), "ingest", "-q", str(folder)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 1 and errors[0].startswith("failed: ") and "\x1b" not in errors[0]
    assert "␊0 sources added" in errors[0]


def test_html_noscript_and_iframe_fallback_text_is_dropped(tmp_path: Path) -> None:
    paragraphs = ARTICLES[0].read_text(encoding="utf-8").split("\n")[2:6]
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>Budget row</h1>"
        "<noscript>Please enable JavaScript to watch this video.</noscript>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs if paragraph)
        + "<iframe>Your browser does not support iframes.</iframe>"
        "<noscript><p>Enable JavaScript for the interactive map.</p></noscript>"
        "</article></body></html>",
        encoding="utf-8",
    )
    text = read_document(page).text
    assert paragraphs[0] in text
    assert "JavaScript" not in text and "iframes" not in text
