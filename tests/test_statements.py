"""Statements: extraction on the seed articles and on quote soup, and the store's statements table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_extract_seeds import AFP, SEEDS, USINFO, extract

from dossier.ingest.quotes import find_quotations
from dossier.store import Dossier
from dossier.store.curation.operations import HideActor, Merge
from dossier.store.drafts import ExtractedDocument, StatementDraft
from dossier.store.errors import DossierInvalid
from dossier.store.records import SCHEMA_VERSION


@pytest.fixture(scope="module")
def afp() -> ExtractedDocument:
    """The AFP seed, extracted once."""
    return extract((SEEDS / AFP).read_text(encoding="utf-8"), "2005-11-28")


@pytest.fixture(scope="module")
def usinfo() -> ExtractedDocument:
    """The USINFO seed, extracted once."""
    return extract((SEEDS / USINFO).read_text(encoding="utf-8"), "2007-05-25")


def said(document: ExtractedDocument) -> list[tuple[str | None, str | None, bool, str]]:
    """Each statement as (speaker name, how found, direct, content text)."""
    names = {draft.key: draft.name for draft in document.actors}
    text = document.source.text
    return [
        (names.get(q.speaker_key or ""), q.speaker_by, q.direct, " ".join(text[q.content.start : q.content.end].split()))
        for q in document.statements
    ]


def by_content(document: ExtractedDocument, words: str) -> tuple[str | None, str | None, bool, str]:
    """The one statement whose content holds these words."""
    found = [entry for entry in said(document) if words in entry[3]]
    assert len(found) == 1, (words, said(document))
    return found[0]


def test_afp_statements_have_their_speakers(afp: ExtractedDocument) -> None:
    assert by_content(afp, "It’s a very narrow mandate")[:3] == ("Sean McCormack", "named", True)
    assert by_content(afp, "any such contacts would have no consequence")[:3] == ("Sean McCormack", "pronoun", False)
    assert by_content(afp, "We are not seeking hostile relations")[:3] == ("Zalmay Khalilzad", "pronoun", True)
    assert by_content(afp, "They share a long border")[:3] == ("Sean McCormack", "pronoun", True)
    assert by_content(afp, "We’re considering whether")[:3] == ("Condoleezza Rice", "named", True)
    assert by_content(afp, "an approach to the Iranians was logical")[:3] == ("Sean McCormack", "named", False)


def test_usinfo_statements_have_their_speakers(usinfo: ExtractedDocument) -> None:
    assert by_content(usinfo, "the Baghdad channel") == ("Tom Casey", "named", True, "the Baghdad channel")
    assert by_content(usinfo, "very solely on Iraq issues")[:3] == ("Tom Casey", "pronoun", True)
    assert by_content(usinfo, "haven't been backed up by actions")[:3] == ("Tom Casey", "role", True)
    assert by_content(usinfo, "Ryan Crocker and other officials")[:3] == ("Tom Casey", "named", False)
    casey = [q for q in usinfo.statements if q.speaker_key == "person:tom-casey"]
    assert {q.date for q in casey} == {"2007-05-25"}


def test_statements_are_not_events_and_lie_in_the_body(afp: ExtractedDocument, usinfo: ExtractedDocument) -> None:
    for document in (afp, usinfo):
        text = document.source.text
        for statement in document.statements:
            evidence = statement.evidence[0]
            assert evidence.start <= statement.content.start < statement.content.end <= evidence.end
            assert not any(s < evidence.end and evidence.start < e for s, e in document.source.furniture)
            assert text[statement.content.start : statement.content.end].strip() == text[statement.content.start : statement.content.end]
    assert len({" ".join(afp.source.text[q.content.start : q.content.end].split()) for q in afp.statements}) == len(afp.statements), "the repeated lede says it once"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "it is fine," and left.', ["it is fine,"]),
        ("“a b,” she said, “c d.”", ["a b,", "c d."]),
        ('"Para one.\n"Para two," he said.', ['Para one.\n"Para two,']),
        ('odd " mark here\nnext', []),
        ("“unclosed\nno", []),
    ],
)
def test_quotations_in_straight_curly_and_running_quotes(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotations(text)] == quoted


QUOTE_SOUP = st.lists(
    st.sampled_from(['"', "“", "”", "‘", "’", " said", " he", " Casey", " the", " talks", ",", ".", "\n", "\n\n", " ", ":"]),
    max_size=60,
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUOTE_SOUP)
def test_quote_soup_never_fails_an_article(soup: str) -> None:
    for quotation in find_quotations(soup):
        assert 0 <= quotation.open_at < quotation.start < quotation.end <= quotation.close_at <= len(soup)
    document = extract("Headline\n\nCasey said: " + soup + "\n", None)
    for statement in document.statements:
        assert 0 <= statement.content.start <= statement.content.end <= len(document.source.text)


# ----------------------------------------------------------------------------- the store


@pytest.fixture
def seeded(tmp_path: Path, afp: ExtractedDocument, usinfo: ExtractedDocument) -> Dossier:
    """A dossier holding both seeds with their statements, saved."""
    dossier = Dossier.open(tmp_path / "case.json")
    with dossier.writing():
        dossier.add_document(afp)
        dossier.add_document(usinfo)
    return dossier


def test_statements_are_stored_and_read_back(seeded: Dossier) -> None:
    reopened = Dossier.open(seeded.path)
    assert len(reopened.statements) == len(seeded.statements) > 10
    assert [reopened.statements[i].to_dict() for i in reopened.statements] == [
        seeded.statements[i].to_dict() for i in seeded.statements
    ]
    casey = reopened.resolve("Tom Casey")
    said = reopened.statements_of(casey.id)
    assert len(said) >= 6 and all(q.speaker == casey.id for q in said)
    rice = reopened.statements_of(reopened.resolve("Condoleezza Rice").id)
    assert [q.date for q in rice] == ["2005-10-19", "2005-10"], "newest first"
    source = next(iter(reopened.sources))
    in_source = reopened.statements_in(source)
    assert [q.content.start for q in in_source] == sorted(q.content.start for q in in_source)


def test_statement_ids_are_stable_across_re_ingest(seeded: Dossier, tmp_path: Path, afp: ExtractedDocument) -> None:
    other = Dossier.open(tmp_path / "other.json")
    with other.writing():
        other.add_document(afp)
    source = next(iter(other.sources))
    assert {q.id for q in other.statements_in(source)} <= set(seeded.statements)
    with other.writing():
        other.delete(source)
    assert len(other.statements) == 0
    with other.writing():
        other.add_document(afp)
    assert set(other.statements) <= set(seeded.statements)


def test_speakers_follow_merges_and_hiding(seeded: Dossier) -> None:
    casey = seeded.resolve("Tom Casey").id
    mccormack = seeded.resolve("Sean McCormack").id
    before = len(seeded.statements_of(casey)) + len(seeded.statements_of(mccormack))
    seeded.apply(Merge((casey, mccormack)))
    assert len(seeded.statements_of(casey)) == before
    assert seeded.statements_of(mccormack) == []
    khalilzad = seeded.resolve("Zalmay Khalilzad").id
    spoken = [q.id for q in seeded.statements_of(khalilzad)]
    seeded.apply(HideActor(khalilzad))
    assert seeded.statements_of(khalilzad) == []
    assert all(seeded.statement(i).speaker is None for i in spoken)


def test_a_schema_2_file_opens_with_no_statements(seeded: Dossier) -> None:
    data = orjson.loads(seeded.path.read_bytes())
    del data["statements"]
    data["meta"]["1"]["schema"] = 2
    seeded.path.write_bytes(orjson.dumps(data))
    reopened = Dossier.open(seeded.path)
    assert len(reopened.statements) == 0 and len(reopened.events) == len(seeded.events)
    with reopened.writing():
        pass
    assert orjson.loads(seeded.path.read_bytes())["meta"]["1"]["schema"] == SCHEMA_VERSION == 3


def test_a_statement_outside_its_text_is_refused(seeded: Dossier) -> None:
    data = orjson.loads(seeded.path.read_bytes())
    first = next(iter(data["statements"].values()))
    first["content"]["end"] = 10**9
    seeded.path.write_bytes(orjson.dumps(data))
    with pytest.raises(DossierInvalid, match="statement"):
        Dossier.open(seeded.path)


def test_a_document_with_a_statement_by_an_unknown_actor_changes_nothing(tmp_path: Path, afp: ExtractedDocument) -> None:
    dossier = Dossier.open(tmp_path / "case.json")
    bad = dataclasses.replace(afp, statements=[StatementDraft("person:nobody", "x", "named", "say", False, afp.statements[0].content, [afp.statements[0].content])])
    with pytest.raises(ValueError, match="unknown actor"):
        dossier.add_document(bad)
    assert len(dossier.sources) == 0 and len(dossier.statements) == 0


def test_an_actor_export_says_what_they_said(seeded: Dossier) -> None:
    from dossier.store.render import render_record

    casey = seeded.resolve("Tom Casey")
    markdown = render_record(seeded, casey).markdown
    said = markdown[markdown.index("## Said") : markdown.index("## Appears with")]
    assert "> the Baghdad channel\n>\n> \u2014 Tom Casey, 2007-05-25 \u2014 [" in said
    assert "- 2007-05-25: Tom Casey said that U.S. Ambassador to Iraq Ryan Crocker" in said


def test_who_said_finds_statement_words_grouped_by_speaker(seeded: Dossier) -> None:
    groups = seeded.statements_saying("iraq")
    casey, mccormack = seeded.resolve("Tom Casey").id, seeded.resolve("Sean McCormack").id
    assert {casey, mccormack} <= set(groups)
    for speaker, found in groups.items():
        assert all(q.speaker == speaker for q in found)
        for q in found:
            assert "iraq" in seeded.sources.text(q.content.source)[q.content.start : q.content.end].casefold()
    assert seeded.statements_saying("Baghdad channel") == {casey: [q for q in seeded.statements_of(casey) if q.verb == "term"]}
    assert seeded.statements_saying("ceasefire") == {}


def test_detail_counts_an_actors_statements_and_shows_what_an_events_actors_said(seeded: Dossier) -> None:
    from dossier.tui.presenters import actor_detail, event_detail

    casey = seeded.resolve("Tom Casey")
    assert seeded.statement_count(casey.id) == len(seeded.statements_of(casey.id))
    assert f"{seeded.statement_count(casey.id)} statements (Q lists them)" in actor_detail(seeded, casey).summary.plain
    announcement = next(e for e in seeded.timeline(casey.id) if e.date == "2007-05-25")
    assert "Tom Casey say: U.S. Ambassador to Iraq Ryan Crocker" in event_detail(seeded, announcement).summary.plain
