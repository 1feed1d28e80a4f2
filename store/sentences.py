"""Where each source's sentences start, computed once per source and kept: the geometry the
connections need to tell whether two mentions share a sentence.

A source's text never changes under its id (ids come from the content hash), so an entry is
never stale; a deleted source only leaves an unused entry. The split is the evidence module's
own sentence rule (``evidence.sentence_starts``), so a shared sentence is the one an export quotes.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dossier.store.evidence import sentence_starts

if TYPE_CHECKING:
    from dossier.store.record_map import SourceMap


class SentenceIndex:
    """Source id -> the offsets its sentences start at (the first is 0), made on first use or all at once."""

    def __init__(self, sources: SourceMap) -> None:
        """Split the sources of this map."""
        self._sources = sources
        self.split: dict[str, array[int]] = {}
        """The sources split so far (read it directly in hot loops; ``starts`` splits one on demand)."""
        self._lock = threading.Lock()

    def starts(self, source_id: str) -> Sequence[int]:
        """Where one source's sentences start, ascending."""
        found = self.split.get(source_id)
        if found is None:
            found = array("L", sentence_starts(self._sources.text(source_id)))
            with self._lock:
                self.split[source_id] = found
        return found

    def build_all(self) -> None:
        """Split every source now (in a worker, so the first connections query does not wait)."""
        for source_id in list(self._sources):
            if source_id not in self.split:
                self.starts(source_id)
