"""Properties over arbitrary text: ingest never crashes and keeps offsets exact; the sanitiser
never lets a control sequence through."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.ingest.extract import extract_document
from dossier.ingest.nlp import load_model
from dossier.ingest.pipeline import prepare_source
from dossier.store.sanitize import sanitize

SEED_LINES = [
    line
    for seed in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    for line in seed.read_text(encoding="utf-8").splitlines()
]
HOSTILE_PIECES = [
    "\x1b]52;c;aGk=\x07", "\x1b[2J", "\x9b31m", "\u202eevil\u202c", "[@click=app.quit]Eve[/]",
    "[link=file:///etc/passwd]x[/]", "a[/", "\r\n", "\r", "\x00", "WASHINGTON, Nov 28 (AFP) -",
    "Monday", "in 1979", "May 3-4", "Latest news", "Reuter", "\ufeff", "\u00ad", "ß", "İstanbul",
]

article_text = st.lists(
    st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(HOSTILE_PIECES), st.text(max_size=40)),
    min_size=1,
    max_size=25,
).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article_text)
def test_arbitrary_text_ingests_with_every_offset_exact(text: str) -> None:
    source, masked = prepare_source(Path("article.txt"), text, {})
    assert len(masked) == len(text)
    for start, end in source.furniture:
        assert 0 <= start < end <= len(text)
    extracted = extract_document(load_model()(masked), source)
    keys = {draft.key for draft in extracted.actors}
    for draft in extracted.actors:
        for mention in draft.mentions:
            surface = text[mention.start : mention.end]
            assert mention.source == source.id
            assert surface and surface == surface.strip(), (draft.name, surface)
            assert not any(start <= mention.start < end for start, end in source.furniture)
    for event in extracted.events:
        assert set(event.actor_keys) <= keys
        for span in event.evidence:
            assert 0 <= span.start < span.end <= len(text)


UNSAFE = {chr(code) for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]} - {"\n", "\t"}


@settings(max_examples=500)
@given(text=st.text(alphabet=st.characters(codec=None), max_size=200) | st.sampled_from(HOSTILE_PIECES))
def test_sanitised_text_holds_no_control_character_and_keeps_its_length(text: str) -> None:
    shown = sanitize(text)
    assert len(shown) == len(text)
    assert not UNSAFE & set(shown)
    assert [c for c in shown if c in "\n\t"] == [c for c in text if c in "\n\t"]
