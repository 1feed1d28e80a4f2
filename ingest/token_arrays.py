"""Token attributes of a whole document read at once, so a rule can test every token without
building a spaCy ``Token`` object for each (iterating a ``Doc`` creates one per token)."""

from __future__ import annotations

from spacy.attrs import IS_LOWER, ORTH, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc


def verb_mask(doc: Doc) -> list[bool]:
    """For each token of ``doc``, whether its fine-grained tag is a verb's (``token.tag_`` starts with "VB")."""
    if not len(doc):
        return []
    tags: list[int] = doc.to_array(TAG).tolist()
    verbs = _verb_tags(doc.vocab.strings, frozenset(tags))
    return [tag in verbs for tag in tags]


_known: dict[int, bool] = {}


def _verb_tags(strings: StringStore, tags: frozenset[int]) -> set[int]:
    """The tag ids among ``tags`` that name verb tags (a model has a few dozen tags: each looked up once)."""
    for tag in tags - _known.keys():
        _known[tag] = strings[tag].startswith("VB")
    return {tag for tag in tags if _known[tag]}


def lowercase_words(doc: Doc) -> set[str]:
    """The texts of the tokens of ``doc`` written in lower case (``token.is_lower``), read from two arrays."""
    if not len(doc):
        return set()
    rows: list[list[int]] = doc.to_array([ORTH, IS_LOWER]).tolist()
    strings = doc.vocab.strings
    return {strings[orth] for orth in {orth for orth, lower in rows if lower}}
