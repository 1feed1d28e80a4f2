"""Real BBC politics articles extracted once per test session (spaCy), to add to dossiers by hand."""

from __future__ import annotations

import functools
from pathlib import Path

from dossier.store.drafts import ExtractedDocument

POLITICS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bbc" / "politics"

FIRST = [f"{n:03d}.txt" for n in range(1, 13)]
"""Twelve articles naming Tony Blair, Labour, the Labour Party, the Tories and the Conservatives."""

LATER = ["041.txt", "036.txt", "055.txt", "088.txt"]
"""Later articles naming the Labour Party (041, 088) and the Conservatives (036, 055) again."""


@functools.cache
def extracted(name: str) -> ExtractedDocument:
    """One politics article as the ingest pipeline extracts it (read, furniture, spaCy, drafts)."""
    from dossier.ingest.extract import extract_document
    from dossier.ingest.nlp import load_model
    from dossier.ingest.pipeline import prepare_source
    from dossier.ingest.read import read_document

    path = POLITICS / name
    raw = read_document(path)
    source, masked = prepare_source(path, raw.text, raw.front)
    return extract_document(load_model()(masked), source)
