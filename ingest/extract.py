"""One document's extraction: spaCy's parse of the masked text in, actors, events and statements out."""

from __future__ import annotations

from spacy.tokens import Doc

from dossier.ingest.actors import extract_actors
from dossier.ingest.attribution import extract_statements
from dossier.ingest.events import extract_events
from dossier.store.drafts import ExtractedDocument
from dossier.store.records import Source


def extract_document(doc: Doc, source: Source, masked: str | None = None) -> ExtractedDocument:
    """Actors and events of a source, from ``doc`` parsed over its furniture-masked text (``masked``,
    when the caller has it: spaCy joins every token on each ``Doc.text`` access).

    ``doc.text`` has the length of ``source.text``, so every token offset is an offset into
    the stored text and every span handed to the store points at the words it names.
    """
    if masked is None:
        masked = doc.text
    if len(masked) != len(source.text) or (len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(masked)):
        raise ValueError("doc must be parsed from the same-length masked text of the source")
    actors = extract_actors(doc, masked, source)
    events = extract_events(doc, masked, source, actors)
    statements = extract_statements(doc, masked, source, actors)
    return ExtractedDocument(source=source, actors=actors.drafts, events=events, statements=statements)
