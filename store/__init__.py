"""Records, the TinyDB dossier file, indexes, search and Markdown export (no UI imports).

The package exports the ``Dossier`` facade and its errors; search results, records and exports
are imported from their modules, so opening a dossier loads only what reading it needs.
"""

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
]
