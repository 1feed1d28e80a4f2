"""A dossier of real BBC politics articles holding the duplicates the curation issue names ("Blair" beside
"Tony Blair", "Vote Blair", "Blairs", "Blair-Brown"), built once per session for the review-queue tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_documents import FIRST, extracted

from dossier.store import Dossier

REVIEW_ARTICLES = [
    *FIRST,
    *("110.txt", "112.txt", "127.txt", "226.txt", "249.txt", "263.txt"),  # "Mr Blair" without his first name
    *("295.txt", "276.txt", "336.txt"),  # "Blairs", "Blair-Brown", "Vote Blair"
    *("042.txt", "290.txt", "225.txt"),  # the TUC, Charles Clark(e), Prescott
]
"""The politics articles of the review dossier."""


def build_review_dossier(path: Path) -> Path:
    """Write the review dossier to ``path`` through the real store (articles extracted by spaCy)."""
    dossier = Dossier.open(path)
    with dossier.writing():
        for name in REVIEW_ARTICLES:
            dossier.add_document(extracted(name))
    return path


@pytest.fixture(scope="session")
def review_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review dossier, built once per session."""
    return build_review_dossier(tmp_path_factory.mktemp("review") / "politics.json")


@pytest.fixture
def review_db(review_db_file: Path, tmp_path: Path) -> Path:
    """A per-test copy of the review dossier."""
    target = tmp_path / "politics.json"
    shutil.copy(review_db_file, target)
    return target
