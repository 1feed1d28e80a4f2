"""Records, the TinyDB dossier file, indexes, search and Markdown export (no UI imports)."""

from dossier.store.dossier import Dossier
from dossier.store.errors import (
    AmbiguousRef,
    DossierCorrupt,
    DossierError,
    DossierForeign,
    DossierInvalid,
    DossierLocked,
    DossierSchemaTooNew,
    RefNotFound,
)
from dossier.store.search import SearchResults, TextHit

__all__ = [
    "AmbiguousRef",
    "Dossier",
    "DossierCorrupt",
    "DossierError",
    "DossierForeign",
    "DossierInvalid",
    "DossierLocked",
    "DossierSchemaTooNew",
    "RefNotFound",
    "SearchResults",
    "TextHit",
]
