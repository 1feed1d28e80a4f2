"""Finding input files and reading text, Markdown and HTML documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.ingest.read import (
    Limits,
    ReadFailure,
    UnreadableDocument,
    iter_input_files,
    read_document,
    split_front_matter,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ARTICLE = "Officials met on Monday in Geneva.\n\nThey agreed to talk again in May.\n"


def test_folder_walk_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text(ARTICLE)
    (tmp_path / "b" / "a.HTM").write_text("<p>x</p>")
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.markdown").write_text(ARTICLE)
    found = list(iter_input_files([tmp_path]))
    assert found == [tmp_path / "a.txt", tmp_path / "b" / "a.HTM", tmp_path / "b" / "z.md",
                     tmp_path / "c.markdown"]


def test_named_files_refused_with_reason(tmp_path: Path) -> None:
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    text = tmp_path / "ok.txt"
    text.write_text(ARTICLE)
    found = list(iter_input_files([pdf, tmp_path / "missing.txt", text]))
    assert found[0] == ReadFailure(pdf, found[0].reason)
    assert "unsupported file type (.pdf)" in found[0].reason
    assert found[1] == ReadFailure(tmp_path / "missing.txt", "no such file or folder")
    assert found[2] == text


def test_the_same_file_is_listed_once(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    (tmp_path / "alias.txt").symlink_to(article)
    assert list(iter_input_files([tmp_path, article])) == [article]


def test_plain_text_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    document = read_document(path)
    assert document.text == ARTICLE and document.front == {} and document.path == path


def test_front_matter_is_removed_and_returned(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Talks in Geneva\ndate: 2007-05-25\npublisher: Example News\n"
        "url: https://example.org/a\nplace: Geneva\nauthor: ignored\n---\n\n" + ARTICLE
    )
    document = read_document(path)
    assert document.text == ARTICLE
    assert document.front == {
        "title": "Talks in Geneva", "date": "2007-05-25", "publisher": "Example News",
        "url": "https://example.org/a", "place": "Geneva",
    }


def test_invalid_front_matter_stays_in_the_text() -> None:
    text = "---\n: [unclosed\n---\nBody.\n"
    assert split_front_matter(text) == (text, {})
    ruler = "---\nJust a ruled line, no mapping\n---\nBody.\n"
    assert split_front_matter(ruler) == (ruler, {})


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = "The minister said on Monday that the talks in Geneva had failed again. " * 4
    path.write_text(
        "<html><head><title>Talks fail - Example Times</title>"
        '<meta property="og:site_name" content="Example Times">'
        '<meta property="article:published_time" content="2021-03-04">'
        "</head><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav>"
        "<script>document.write('SCRIPTTEXT')</script>"
        "<iframe src='https://ads.example'>IFRAMETEXT</iframe>"
        f"<article><h1>Talks fail</h1><p>{body}</p>"
        "<p>Both sides will meet again in May, officials from both delegations said.</p>"
        "</article></body></html>"
    )
    document = read_document(path)
    assert "The minister said on Monday" in document.text
    assert "\n\nBoth sides will meet again in May" in document.text
    assert "SCRIPTTEXT" not in document.text and "IFRAMETEXT" not in document.text
    assert document.front["title"].startswith("Talks fail")
    assert document.front["date"] == "2021-03-04"
    assert document.front["publisher"] == "Example Times"


def test_limits_come_from_arguments_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    with pytest.raises(UnreadableDocument, match="larger than 10 bytes"):
        read_document(path, Limits(max_bytes=10))
    monkeypatch.setenv("DOSSIER_MAX_LINE_CHARS", "20")
    assert Limits().max_line_chars == 20
    with pytest.raises(UnreadableDocument, match="line longer than 20 characters"):
        read_document(path)
    monkeypatch.setenv("DOSSIER_MAX_LINE_CHARS", "not a number")
    assert Limits().max_line_chars == 1_000_000


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_articles_read_unchanged() -> None:
    for path in sorted((CORPUS / "bbc" / "tech").glob("*.txt"))[:50]:
        assert read_document(path).text == path.read_text(encoding="utf-8")


def test_html_without_a_date_gets_none_not_a_guess(tmp_path: Path) -> None:
    """A copyright year in the footer is not a publication date."""
    body = "The minister said on Monday that the talks in Geneva had failed again. " * 5
    path = tmp_path / "page.htm"
    path.write_text(
        f"<html><head><title>Talks fail</title></head><body><article><h1>Talks fail</h1>"
        f"<p>{body}</p><p>Copyright 2019 Example</p></article></body></html>"
    )
    document = read_document(path)
    assert "date" not in document.front
    assert document.front["title"] == "Talks fail"


def test_byte_order_marks_are_honoured_and_dropped(tmp_path: Path) -> None:
    cases = {
        "utf8.txt": "\ufeffCafé talks.\n".encode("utf-8"),
        "utf16be.txt": "\ufeffCafé talks.\n".encode("utf-16-be"),
        "utf32.txt": "Café talks.\n".encode("utf-32"),
        "front.md": "\ufeff---\r\ntitle: Café\r\n---\r\nCafé talks.\r\n".encode("utf-8"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert read_document(tmp_path / name).text == "Café talks.\n", name
    assert read_document(tmp_path / "front.md").front == {"title": "Café"}


def test_a_name_with_a_nul_byte_is_refused() -> None:
    assert list(iter_input_files(["bad\x00name.txt"])) == [
        ReadFailure(Path("bad\x00name.txt"), "invalid file name")
    ]
    with pytest.raises(UnreadableDocument, match="invalid file name"):
        read_document("bad\x00name.txt")
