"""Token attributes of a whole document read at once as arrays, so a rule can test every token
without building a spaCy ``Token`` object for each (iterating a ``Doc`` creates one per token)."""

from __future__ import annotations

import numpy
from numpy.typing import NDArray
from spacy.attrs import TAG
from spacy.tokens import Doc


def verb_mask(doc: Doc) -> NDArray[numpy.bool_]:
    """For each token of ``doc``, whether its fine-grained tag is a verb's (``token.tag_`` starts with "VB")."""
    tags = doc.to_array(TAG) if len(doc) else numpy.zeros(0, dtype=numpy.uint64)
    strings = doc.vocab.strings
    verb_tags = [tag for tag in numpy.unique(tags) if strings[int(tag)].startswith("VB")]
    return numpy.isin(tags, verb_tags)
