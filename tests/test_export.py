"""Markdown export: structure, literal hostile text, valid front matter, citations and safe files."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from dossier.store.dossier import Dossier
from dossier.store.drafts import ActorDraft, EventDraft, ExtractedDocument
from dossier.store.export import ExportExists, write_export
from dossier.store.filenames import export_filename
from dossier.store.markdown import plain_text
from dossier.store.records import Actor, Event, Record, Role, Source, Span
from dossier.store.render import render_record
from dossier.store.sanitize import sanitize

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
OWN_LINK = re.compile(r"(actor|event|source)-[a-z0-9-]+-[0-9a-f]{8}\.md")
CITATION = re.compile(r"characters (\d+)\u2013(\d+)$")

HOSTILE_NAME = "[@click=app.quit]Eve[/]"
HOSTILE_LINES = (
    "\n\n[x](javascript:alert(1)) and <script>alert(1)</script> &amp; <b>bold</b>\n"
    "# h\n---\n1. item\n> quoted\n===\n| a | b |\n``` ```` `inline`\n"
    f"\x1b[2J\x1b]52;c;aGk=\x07 {HOSTILE_NAME} said *this* _now_ ~~gone~~ ==mark== $x$ %%c%% #tag\n\n"
)


# --- building dossiers from real text ------------------------------------------------------


def source_for(text: str, title: str, **metadata: str) -> Source:
    """A source over ``text`` with the id the store gives it, so drafts can point at it."""
    return Source(id="s-" + hashlib.sha256(text.encode()).hexdigest()[:12], title=title, text=text, **metadata)


def occurrences(source: Source, *forms: str) -> list[Span]:
    """Spans of each surface form in the source text (earlier forms win overlaps), in text order."""
    spans: list[Span] = []
    for form in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", source.text):
            start, end = match.span()
            if not any(s.start < end and start < s.end for s in spans):
                spans.append(Span(source.id, start, end))
    return sorted(spans, key=lambda span: span.start)


def actor(source: Source, key: str, name: str, kind: str, *forms: str, **extra) -> ActorDraft:
    """A draft actor mentioned wherever any of its forms (default: its name) occurs."""
    mentions = occurrences(source, *(forms or (name,)))
    assert mentions, f"{name!r} does not occur in the text"
    return ActorDraft(key=key, name=name, kind=kind, mentions=mentions, **extra)


def sentence_span(source: Source, fragment: str) -> Span:
    """The span of the sentence (up to and including its full stop) that starts with ``fragment``."""
    start = source.text.index(fragment)
    return Span(source.id, start, source.text.index(".", start) + 1)


def seed_documents(hostile: bool) -> list[ExtractedDocument]:
    """The two seed articles as hand-made extractions; hostile adds attack text, names and metadata."""
    afp_text = (SEEDS / "000_c7a545a4ddec3c56.txt").read_text(encoding="utf-8")
    usinfo_text = (SEEDS / "004_d259d4587dd7d8d1.txt").read_text(encoding="utf-8")
    afp_title = "US plays down planned contacts with Iranians"
    afp_meta = {"publisher": "AFP", "published": "2006-11-28"}
    if hostile:
        afp_text += HOSTILE_LINES
        afp_title = "<script>alert(1)</script> [x](javascript:alert(1)) # h"
        afp_meta = {"publisher": "*AFP*\n---\ntitle: hacked", "published": "2006-11-28", "url": "javascript:alert(1)"}
    afp = source_for(afp_text, afp_title, **afp_meta)
    spokesman = occurrences(afp, "Spokesman Sean")[0]
    afp_actors = [
        actor(afp, "mccormack", "Sean McCormack", "person", "Sean McCormack", "McCormack",
              aliases=["McCormack"],
              roles=[Role("spokesman", "2006-11-28", Span(afp.id, spokesman.start, spokesman.start + 9))]),
        actor(afp, "khalilzad", "Zalmay Khalilzad", "person", "Zalmay Khalilzad", "Khalilzad"),
        actor(afp, "tehran", "Tehran", "place"),
    ]
    confirms = sentence_span(afp, "Spokesman Sean McCormack confirmed")
    afp_events = [
        EventDraft(date="2006-11-28", kind="statement", title="McCormack confirms plans for contact with Iran",
                   actor_keys=["mccormack", "khalilzad"], place_key="tehran", evidence=[confirms]),
        EventDraft(date="1979", kind="attack", title="US diplomats taken hostage in Tehran",
                   actor_keys=[], place_key="tehran",
                   evidence=[sentence_span(afp, "But he said any such contacts")],
                   when=occurrences(afp, "1979")[0]),
    ]
    if hostile:
        afp_actors.append(actor(afp, "eve", HOSTILE_NAME, "person",
                                aliases=["# h", "---", "`x` ``y``", "a: b\n- c"]))
        hostile_start = afp_text.index("[x](javascript")
        afp_events.append(
            EventDraft(date="2006-11-28", kind="other", title="<script>alert(1)</script> [x](javascript:alert(1)) `x`",
                       actor_keys=["eve"], evidence=[Span(afp.id, hostile_start, len(afp_text) - 2)]))
    usinfo = source_for(usinfo_text, "Iran, United States To Discuss Iraqi Security on May 28",
                        publisher="USINFO", published="2007-05-25")
    usinfo_actors = [
        actor(usinfo, "casey", "Tom Casey", "person", "Tom Casey", "Casey"),
        actor(usinfo, "crocker", "Ryan Crocker", "person"),
        actor(usinfo, "baghdad", "Baghdad", "place"),
        actor(usinfo, "iraq", "Iraq", "place"),
    ]
    usinfo_events = [
        EventDraft(date="2007-05-28", kind="meeting", title="Iran and US hold talks in Baghdad",
                   actor_keys=["crocker", "casey"], place_key="baghdad",
                   evidence=[sentence_span(usinfo, "Washington -- Representatives")]),
    ]
    for draft in (*afp_actors, *usinfo_actors):
        draft.match_keys = [f"{draft.kind}:{draft.name.casefold()}"]
    return [ExtractedDocument(afp, afp_actors, afp_events), ExtractedDocument(usinfo, usinfo_actors, usinfo_events)]


def build(path: Path, documents: list[ExtractedDocument]) -> Dossier:
    """A real dossier file holding the documents, reopened from disk."""
    dossier = Dossier.open(path)
    with dossier.writing():
        for document in documents:
            assert dossier.add_document(document)
    return Dossier.open(path)


@pytest.fixture
def seed_dossier(tmp_path: Path) -> Dossier:
    """The seed articles, extracted by hand, in a real dossier file."""
    return build(tmp_path / "d.json", seed_documents(hostile=False))


@pytest.fixture
def hostile_dossier(tmp_path: Path) -> Dossier:
    """The seed articles with attack text in the source, names, aliases, titles and metadata."""
    return build(tmp_path / "d.json", seed_documents(hostile=True))


# --- reading exports back ------------------------------------------------------------------


def render_markdown(dossier: Dossier, record: Record) -> str:
    """The whole export file's text for a record."""
    return render_record(dossier, record).markdown


def split_front_matter(markdown: str) -> tuple[dict, str]:
    """The YAML front matter (parsed) and the body, as Obsidian and zk split them."""
    assert markdown.startswith("---\n")
    end = markdown.index("\n---\n", 3)
    return yaml.safe_load(markdown[4 : end + 1]), markdown[end + 5 :]


def tokens(body: str, *, html: bool = False) -> list[Token]:
    """Block tokens with inline children, from a strict CommonMark parser."""
    return MarkdownIt("commonmark", {"html": html}).parse(body)


def walk(block_tokens: list[Token]) -> list[Token]:
    """Every token, inline children included."""
    return [t for block in block_tokens for t in (block, *(block.children or []))]


def inline_text(inline: Token) -> str:
    """What an inline token renders as text (soft breaks as spaces)."""
    return "".join(
        child.content if child.type in ("text", "code_inline") else " " if child.type == "softbreak" else ""
        for child in inline.children or []
    )


def headings(block_tokens: list[Token]) -> list[tuple[str, str]]:
    """(tag, text) of every heading, in order."""
    return [
        (token.tag, inline_text(block_tokens[index + 1]))
        for index, token in enumerate(block_tokens)
        if token.type == "heading_open"
    ]


def assert_safe(markdown: str, dossier: Dossier) -> list[Token]:
    """The export parses with no HTML (even with HTML on) and links only to records' export files."""
    _front, body = split_front_matter(markdown)
    for html in (False, True):
        parsed = walk(tokens(body, html=html))
        assert not [t for t in parsed if t.type in ("html_block", "html_inline")]
        assert not [t for t in parsed if t.type == "image"]
        known = {export_filename(r) for m in (dossier.sources, dossier.actors, dossier.events) for r in m.values()}
        for link in (t for t in parsed if t.type == "link_open"):
            href = link.attrGet("href")
            assert OWN_LINK.fullmatch(href) and href in known, href
    return tokens(body)


def quotes_with_citations(block_tokens: list[Token]) -> list[tuple[str, int, int]]:
    """(quoted text, start, end) for every blockquote that ends in a 'characters a–b' citation."""
    found, depth, paragraphs = [], 0, []
    for token in block_tokens:
        if token.type == "blockquote_open":
            depth, paragraphs = depth + 1, []
        elif token.type == "blockquote_close":
            depth -= 1
            citation = CITATION.search(paragraphs[-1]) if paragraphs else None
            if citation:
                found.append((" ".join(paragraphs[:-1]), int(citation[1]), int(citation[2])))
        elif token.type == "inline" and depth:
            paragraphs.append(inline_text(token))
    return found


# --- structure -----------------------------------------------------------------------------


def test_actor_export_has_facts_timeline_co_actors_and_cited_mentions(seed_dossier: Dossier) -> None:
    sean = seed_dossier.resolve("Sean McCormack")
    markdown = render_markdown(seed_dossier, sean)
    front, _body = split_front_matter(markdown)
    assert front == {"title": "Sean McCormack", "type": "actor", "kind": "person", "id": sean.id,
                     "aliases": ["McCormack"], "date": None, "tags": [], "starred": False, "status": "machine"}
    parsed = assert_safe(markdown, seed_dossier)
    assert headings(parsed) == [("h1", "Sean McCormack"), ("h2", "Roles"), ("h2", "Timeline"),
                                ("h2", "Said"), ("h2", "Appears with"), ("h2", "Mentions")]
    block_types = {t.type for t in parsed}
    assert {"bullet_list_open", "blockquote_open", "strong_open"} <= block_types | {
        c.type for t in parsed for c in t.children or []}
    assert not block_types & {"fence", "code_block", "hr", "ordered_list_open", "html_block"}
    spokesman = sean.roles[0].evidence
    assert re.search(r"^- spokesman, 2006-11-28 \u2014 \[US plays down planned contacts with Iranians\]"
                     rf"\(source-[a-z0-9-]+\.md\), AFP, 2006-11-28, characters {spokesman.start}\u2013{spokesman.end}$",
                     markdown, re.MULTILINE)
    assert seed_dossier.sources[spokesman.source].text[spokesman.start : spokesman.end] == "Spokesman"
    confirms = next(e for e in seed_dossier.events.values() if e.title.startswith("McCormack confirms"))
    assert f"- 2006-11-28 \u2014 [McCormack confirms plans for contact with Iran]({export_filename(confirms)})" in markdown
    khalilzad = seed_dossier.resolve("Zalmay Khalilzad")
    assert f"[Zalmay Khalilzad]({export_filename(khalilzad)})" in markdown
    assert export_filename(seed_dossier.resolve("Tom Casey")) not in markdown  # never appears with him

    quotes = quotes_with_citations(parsed)
    mentions = seed_dossier.mentions_of(sean.id)
    assert len(mentions) == len(quotes) == 5
    text = seed_dossier.sources[mentions[0].source].text
    for (quoted, start, end), mention in zip(quotes, mentions, strict=True):
        assert quoted == plain_text(text[start:end])
        assert start <= mention.start and mention.end <= end
    assert quotes[0][0] == (
        "Spokesman Sean McCormack confirmed plans by Zalmay Khalilzad, the US ambassador in Baghdad, "
        "to reach out to Tehran for assistance in quelling the unrest that has plagued Iraq since the "
        "American-led invasion in 2003.")
    assert quotes[1][0].endswith("\u201d McCormack told reporters at a State Department briefing.")


def test_mentions_sharing_a_sentence_are_quoted_once_with_each_in_bold(seed_dossier: Dossier) -> None:
    iraq = seed_dossier.resolve("Iraq")
    markdown = render_markdown(seed_dossier, iraq)
    parsed = assert_safe(markdown, seed_dossier)
    quotes = quotes_with_citations(parsed)
    mentions = seed_dossier.mentions_of(iraq.id)
    assert len(quotes) < len(mentions)
    assert sum(len(re.findall(r"(?<!\w)Iraq(?!\w)", quoted)) for quoted, _, _ in quotes) == len(mentions)
    strong = [walk(parsed)[i + 1].content for i, t in enumerate(walk(parsed)) if t.type == "strong_open"]
    assert strong == ["Iraq"] * len(mentions)
    assert "> Washington \\-\\- Representatives" not in markdown
    assert "hold talks in Baghdad, **Iraq**, May 28 on issues related to **Iraq** and efforts" in markdown


def test_event_export_has_date_kind_actors_place_source_and_evidence(seed_dossier: Dossier) -> None:
    hostage = next(e for e in seed_dossier.events.values() if e.date == "1979")
    markdown = render_markdown(seed_dossier, hostage)
    front, _body = split_front_matter(markdown)
    assert front == {"title": "US diplomats taken hostage in Tehran", "type": "event", "kind": "attack",
                     "id": hostage.id, "aliases": [], "date": "1979", "tags": [], "starred": False, "status": "machine"}
    parsed = assert_safe(markdown, seed_dossier)
    assert headings(parsed) == [("h1", "US diplomats taken hostage in Tehran"), ("h2", "Evidence")]
    tehran = seed_dossier.resolve("Tehran")
    assert "- Date: 1979\n- Dated from: 1979\n- Kind: attack\n- Actors: none recorded\n" in markdown
    assert f"- Place: [Tehran]({export_filename(tehran)})" in markdown
    quotes = quotes_with_citations(parsed)
    source = seed_dossier.sources[hostage.evidence[0].source]
    assert [(start, end) for _, start, end in quotes] == [(hostage.evidence[0].start, hostage.evidence[0].end)]
    assert quotes[0][0].startswith("But he said any such contacts") and quotes[0][0].endswith("in 1979.")
    assert quotes[0][0] == plain_text(source.text[quotes[0][1] : quotes[0][2]])


def test_source_export_has_metadata_actors_events_and_the_exact_text_in_a_fence(seed_dossier: Dossier) -> None:
    source = next(s for s in seed_dossier.sources.values() if s.publisher == "USINFO")
    markdown = render_markdown(seed_dossier, source)
    front, _body = split_front_matter(markdown)
    assert front["title"] == source.title and front["date"] == "2007-05-25" and front["kind"] == "source"
    parsed = assert_safe(markdown, seed_dossier)
    assert [text for _, text in headings(parsed)] == [source.title, "Actors", "Events", "Text"]
    fences = [t for t in parsed if t.type == "fence"]
    assert len(fences) == 1 and fences[0].content == source.text + ("" if source.text.endswith("\n") else "\n")
    casey = seed_dossier.resolve("Tom Casey")
    assert f"- [Tom Casey]({export_filename(casey)}) \\(person\\), {len(seed_dossier.mentions_of(casey.id))} mentions" in markdown
    assert "- 2007-05-28 \u2014 [Iran and US hold talks in Baghdad](event-2007-05-28-iran-and-us-hold-talks-in-baghdad-" in markdown


# --- hostile text --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["actor", "event", "source"])
def test_hostile_text_stays_literal(hostile_dossier: Dossier, kind: str) -> None:
    afp = next(s for s in hostile_dossier.sources.values() if "javascript" in s.text)
    record = {
        "actor": hostile_dossier.resolve(HOSTILE_NAME),
        "event": next(e for e in hostile_dossier.events.values() if e.kind == "other"),
        "source": afp,
    }[kind]
    markdown = render_markdown(hostile_dossier, record)
    assert "\x1b" not in markdown and "\x07" not in markdown
    front, _body = split_front_matter(markdown)
    title = record.name if kind == "actor" else record.title
    assert front["title"] == title and front["id"] == record.id
    parsed = assert_safe(markdown, hostile_dossier)
    assert headings(parsed)[0] == ("h1", title)
    assert [tag for tag, _ in headings(parsed)].count("h1") == 1
    assert not {t.type for t in parsed} & {"hr", "ordered_list_open", "code_block", "html_block"}
    everything = walk(parsed)
    assert not {t.type for t in everything} & {"code_inline", "html_inline", "image"}
    emphasised = [everything[i + 1].content for i, t in enumerate(everything) if t.type == "em_open"]
    assert all(re.fullmatch(r"no [a-z ]+|appears with no other actor", e) for e in emphasised), emphasised
    strong = [everything[i + 1].content for i, t in enumerate(everything) if t.type == "strong_open"]
    assert strong == ([HOSTILE_NAME] if kind == "actor" else [])
    if kind == "actor":
        assert front["aliases"] == ["# h", "---", "`x` ``y``", "a: b - c"]
        quotes = quotes_with_citations(parsed)
        assert quotes and all(q == plain_text(sanitize(afp.text[s:e])) for q, s, e in quotes)
    if kind == "event":
        [(quoted, start, end)] = quotes_with_citations(parsed)
        assert "[x](javascript:alert(1)) and <script>alert(1)</script> &amp; <b>bold</b> # h --- 1. item" in quoted
        assert quoted == plain_text(afp.text[start:end])
    if kind == "source":
        [fence] = [t for t in parsed if t.type == "fence"]
        assert fence.content == sanitize(afp.text)
        assert "\u241b[2J" in fence.content  # ESC shown as a visible symbol, one for one
        assert front["publisher"] == "*AFP* --- title: hacked"
        assert "- URL: javascript\\:alert\\(1\\)" in markdown


def test_every_seed_record_exports_to_one_folder_with_working_links(hostile_dossier: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    records = [*hostile_dossier.sources.values(), *hostile_dossier.actors.values(), *hostile_dossier.events.values()]
    written = {write_export(hostile_dossier, record, folder) for record in records}
    assert len(written) == len(records) and {p.parent for p in written} == {folder}
    names = {p.name for p in folder.iterdir()}
    for path in written:
        markdown = path.read_text(encoding="utf-8")
        assert markdown == render_markdown(hostile_dossier, hostile_dossier.get(split_front_matter(markdown)[0]["id"]))
        for token in walk(assert_safe(markdown, hostile_dossier)):
            if token.type == "link_open":
                assert token.attrGet("href") in names


# --- files ---------------------------------------------------------------------------------


def test_export_refuses_to_overwrite_unless_asked(seed_dossier: Dossier, tmp_path: Path) -> None:
    sean = seed_dossier.resolve("Sean McCormack")
    path = write_export(seed_dossier, sean, tmp_path / "out")
    assert path == tmp_path / "out" / export_filename(sean)
    path.write_text("analyst's edits", encoding="utf-8")
    with pytest.raises(ExportExists) as raised:
        write_export(seed_dossier, sean, tmp_path / "out")
    assert raised.value.path == path and path.read_text(encoding="utf-8") == "analyst's edits"
    assert write_export(seed_dossier, sean, tmp_path / "out", overwrite=True) == path
    assert path.read_text(encoding="utf-8") == render_markdown(seed_dossier, sean)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [path.name]


def test_overwrite_replaces_a_planted_link_instead_of_writing_through_it(seed_dossier: Dossier, tmp_path: Path) -> None:
    sean = seed_dossier.resolve("Sean McCormack")
    folder, outside = tmp_path / "out", tmp_path / "outside.txt"
    folder.mkdir()
    outside.write_text("keep me", encoding="utf-8")
    (folder / export_filename(sean)).symlink_to(outside)
    with pytest.raises(ExportExists):
        write_export(seed_dossier, sean, folder)
    path = write_export(seed_dossier, sean, folder, overwrite=True)
    assert not path.is_symlink() and outside.read_text(encoding="utf-8") == "keep me"


WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/abs/path", "C:\\Windows\\system32", "CON", "nul", "com1.txt", "..", ".", "",
     "x" * 500, "\x1b[2J\x00\n\t", "[@click=app.quit]Eve[/]", "金正恩", " .hidden", "a/../../b"],
)
def test_export_filenames_are_safe_whatever_the_name(name: str) -> None:
    for record in (Actor(id=f"a-{name}", name=name, kind="person"),
                   Event(id="e-1", date="../..", kind="other", title=name),
                   Source(id="s-1", title=name, text="")):
        filename = export_filename(record)
        assert re.fullmatch(r"(actor|event|source)-[a-z0-9-]+\.md", filename), filename
        assert ".." not in filename and len(filename) <= 100
        assert filename.split(".")[0] not in WINDOWS_DEVICES and filename == export_filename(record)


def test_export_filenames_differ_for_names_that_slug_alike() -> None:
    names = ["Eve", "EVE", "eve", "Eve!", "Éve", "e.v.e", "x" * 500, "x" * 499 + "y"]
    actors = [Actor(id=f"a-{index}", name=name, kind="person") for index, name in enumerate(names)]
    filenames = [export_filename(a) for a in actors]
    assert len(set(filenames)) == len(names)
    assert len({f.casefold() for f in filenames}) == len(names)  # also apart on case-blind disks
    assert export_filename(Actor(id="a-sean-mccormack", name="Sean McCormack", kind="person")).startswith(
        "actor-sean-mccormack-")


def test_export_never_writes_outside_the_folder(tmp_path: Path) -> None:
    names = ["../../escaped", "/tmp/escaped", "..", "CON", "C:\\evil"]
    source = source_for("Names seen: " + ", ".join(names) + ".", "../../title")
    drafts = [actor(source, f"k{i}", name, "group") for i, name in enumerate(names)]
    for draft in drafts:
        draft.match_keys = [draft.key]
    dossier = build(tmp_path / "d.json", [ExtractedDocument(source, drafts)])
    folder = tmp_path / "deep" / "out"
    for record in [*dossier.actors.values(), source]:
        path = write_export(dossier, record, folder)
        assert path.parent == folder and path.resolve().parent == folder.resolve()
    assert sorted(p for p in (tmp_path / "deep").rglob("*") if p.is_file()) == sorted(folder.iterdir())
    assert len(list(folder.iterdir())) == len(names) + 1


def test_wire_copy_quotes_whole_sentences_across_hard_line_wraps(tmp_path: Path) -> None:
    wire = source_for((CORPUS / "reuters" / "21197.txt").read_text(encoding="utf-8"),
                      "SECURITY COUNCIL CALLS TALKS AFTER GULF ATTACK", publisher="Reuters", published="1987-10-19")
    mentions = [Span(wire.id, m.start(), m.end()) for m in re.finditer(r"(Javier )?Perez de\s+Cuellar", wire.text)]
    draft = ActorDraft(key="pdc", name="Javier Perez de Cuellar", kind="person", mentions=mentions, match_keys=["pdc"])
    dossier = build(tmp_path / "d.json", [ExtractedDocument(wire, [draft])])
    markdown = render_markdown(dossier, dossier.resolve("Javier Perez de Cuellar"))
    parsed = assert_safe(markdown, dossier)
    quotes = quotes_with_citations(parsed)
    assert [quoted for quoted, _, _ in quotes] == [
        "Meanwhile, a U.N. spokesman said that as far as he knew a report to the council and Secretary "
        "General Javier Perez de Cuellar on the action had not been received from the Americans.",
        "The U.N. spokesman, Francois Giuliani, said Perez de Cuellar had no comment on the attack, taken in "
        "response to Iranian action against an American-owned tanker last week, but was trying to find out "
        '"what actually happened."',
    ]
    everything = walk(parsed)
    strong = [everything[i + 1].content for i, t in enumerate(everything) if t.type == "strong_open"]
    assert strong == ["Javier Perez de", "Cuellar", "Perez de", "Cuellar"]  # bold never spans a line break
    assert "Reuters, 1987-10-19, characters" in markdown


def test_a_run_on_sentence_is_cut_at_words_around_the_mention_and_marked(tmp_path: Path) -> None:
    text = "Header\n\n" + "and then " * 120 + "Eve arrived " + "and then " * 120 + "end.\n"
    source = source_for(text, "Run-on")
    draft = actor(source, "eve", "Eve", "person")
    draft.match_keys = ["eve"]
    dossier = build(tmp_path / "d.json", [ExtractedDocument(source, [draft])])
    markdown = render_markdown(dossier, dossier.resolve("Eve"))
    [(quoted, start, end)] = quotes_with_citations(assert_safe(markdown, dossier))
    assert quoted.startswith("\u2026 and then") and quoted.endswith("and then \u2026")
    assert quoted[2:-2] == plain_text(text[start:end]) and "**Eve**" in markdown
    assert 500 <= end - start <= 620 and text[start - 1] == " " and text[end] == " "
