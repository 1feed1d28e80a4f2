"""tui.sanitize: the one door through which document text reaches widgets."""

from __future__ import annotations

from conftest import HOSTILE_STRINGS, USINFO_SEED

from dossier.tui.sanitize import clean, one_line, plain


def test_clean_keeps_length_and_newlines_and_shows_escape() -> None:
    for value in HOSTILE_STRINGS:
        assert len(clean(value)) == len(value)
    assert clean("a\x1b[2Jb") == "a␛[2Jb"
    assert clean("x\x9by\u202ez\u2066") == "x\ufffdy\ufffdz\ufffd"
    assert clean("line\n\tnext\x7f") == "line\n\tnext\u2421"
    assert clean(None) == ""


def test_clean_leaves_real_article_text_alone() -> None:
    text = USINFO_SEED.read_text(encoding="utf-8")
    assert clean(text) == text
    assert "[T]he ball really is in their court" in clean(text)


def test_plain_content_is_never_markup() -> None:
    for value in HOSTILE_STRINGS:
        content = plain(value)
        assert content.plain == one_line(value)
        assert not content.spans, "no style or action was parsed out of the data"
    assert plain("[b]x[/b]", "bold").plain == "[b]x[/b]"
    assert one_line("two\nlines\tand tab") == "two lines and tab"
