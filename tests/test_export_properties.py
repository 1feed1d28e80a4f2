"""Property: whatever text names, titles and sources hold, exports re-parse safely with valid front matter."""

from __future__ import annotations

import tempfile
from itertools import groupby
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export import (
    assert_safe,
    build,
    headings,
    inline_text,
    quotes_with_citations,
    render_markdown,
    source_for,
    split_front_matter,
    tokens,
    walk,
)

from dossier.store.drafts import ActorDraft, EventDraft, ExtractedDocument
from dossier.store.filenames import export_filename
from dossier.store.markdown import blockquote, plain_text
from dossier.store.records import Span
from dossier.store.sanitize import sanitize

FRAGMENTS = [
    "[@click=app.quit]Eve[/]", "[x](javascript:alert(1))", "<script>alert(1)</script>", "# h", "\n---\n",
    "```", "````", "`", "\x1b[2J", "\x1b]8;;http://x\x07", "&amp;", "&#x3C;", "|", "\n> ", "\n- ", "\n1. ",
    "\n===\n", "*", "**", "_", "\\", "<http://x.y>", "http://x.y", "![i](x.png)", "[a]: http://x", "\r\n",
    "\u2028", "\x85", "\u202e", "\x00", "    ", "\n\n", "'", '"', ": ", "- ", "? ", "!", "{{x}}", "%%", "==",
    "[[wiki]]", "^id", "$x$", "~~", "\ufeff", "\ud7ff", "\U0001f600", ". The ", "Mr. ", "U.S. ",
]
hostile_text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)), max_size=12).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=hostile_text,
    alias=hostile_text,
    title=hostile_text,
    publisher=hostile_text,
    before=hostile_text,
    after=hostile_text,
    event_title=hostile_text,
)
def test_any_text_exports_safely(
    name: str, alias: str, title: str, publisher: str, before: str, after: str, event_title: str
) -> None:
    text = before + name + after
    source = source_for(text, title, publisher=publisher, published="2001-02-03")
    mention = Span(source.id, len(before), len(before) + len(name))
    draft = ActorDraft(key="k", name=name, kind="person", aliases=[alias], mentions=[mention], match_keys=["k"])
    event = EventDraft(date="2001", kind="other", title=event_title, actor_keys=["k"], evidence=[Span(source.id, 0, len(text))])
    with tempfile.TemporaryDirectory() as folder:
        dossier = build(Path(folder) / "d.json", [ExtractedDocument(source, [draft], [event])])
        [actor] = dossier.actors.values()
        [stored_event] = dossier.events.values()
        [stored_source] = dossier.sources.values()
        expected_titles = {
            actor.id: plain_text(name) or plain_text(actor.id),
            stored_event.id: plain_text(event_title) or plain_text(stored_event.id),
            stored_source.id: plain_text(title) or plain_text(stored_source.id),
        }
        for record in (actor, stored_event, stored_source):
            markdown = render_markdown(dossier, record)
            front, _body = split_front_matter(markdown)
            assert front["title"] == expected_titles[record.id]
            assert front["id"] == record.id
            parsed = assert_safe(markdown, dossier)
            assert headings(parsed)[0] == ("h1", expected_titles[record.id])
            assert [tag for tag, _ in headings(parsed)].count("h1") == 1
            assert not {t.type for t in parsed} & {"hr", "code_block", "html_block"}
            for quoted, start, end in quotes_with_citations(parsed):
                assert quoted == plain_text(text[start:end])
        assert split_front_matter(render_markdown(dossier, actor))[0]["aliases"] == (
            [plain_text(alias)] if plain_text(alias) and alias != name else []
        )
        assert split_front_matter(render_markdown(dossier, stored_source))[0]["publisher"] == (
            plain_text(publisher) or None
        )
        [fence] = [t for t in tokens(split_front_matter(render_markdown(dossier, stored_source))[1]) if t.type == "fence"]
        body = sanitize(text)
        assert fence.content == body + ("" if body.endswith("\n") or not body else "\n")
        assert len({export_filename(r) for r in (actor, stored_event, stored_source)}) == 3


@settings(max_examples=300, deadline=None)
@given(text=hostile_text, cuts=st.lists(st.integers(0, 60), max_size=6))
def test_quotes_keep_the_text_and_bold_only_the_highlights(text: str, cuts: list[int]) -> None:
    bounds = sorted(min(cut, len(text)) for cut in cuts)
    highlights = list(zip(bounds[::2], bounds[1::2], strict=False))
    lines = blockquote(text, highlights)
    parsed = tokens("\n".join(lines), html=True)
    everything = walk(parsed)
    assert not {t.type for t in everything} & {"html_inline", "html_block", "link_open", "image", "code_inline"}
    assert {t.type for t in parsed} <= {"blockquote_open", "blockquote_close", "paragraph_open", "paragraph_close", "inline"}
    rendered = " ".join(inline_text(t) for t in parsed if t.type == "inline")
    assert rendered == plain_text(text)
    bold = [everything[i + 1].content for i, t in enumerate(everything) if t.type == "strong_open"]
    is_covered = [any(s <= i < e for s, e in highlights) for i in range(len(text))]
    covered_runs = [
        plain_text("".join(text[i] for i, _ in run))
        for covered, run in groupby(enumerate(is_covered), key=lambda item: item[1])
        if covered
    ]
    assert all(b and any(b in run for run in covered_runs) for b in bold)
    if len(highlights) == 1 and text[highlights[0][0] : highlights[0][1]].isalpha():
        assert bold == [plain_text(text[highlights[0][0] : highlights[0][1]])]
