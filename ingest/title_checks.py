"""Checks that a clause title kept what its verb acts on: never "Subject + bare transitive verb".

A title whose verb had an object in the parse ("Henman made his debut") but ends on the verb
("Henman makes") lost it; a verb that cannot stand without an object ("found", "sack", "file")
with none in the title ("Scrushy founds in Alabama", the object misparsed away) says nothing.
Either is dropped rather than shown as a fragment.
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.ingest.nlp import verb_lemma

TRANSITIVE_VERBS = frozenset(
    {"acquire", "announce", "appoint", "approve", "arrest", "award", "ban", "block", "bring", "build", "buy", "capture",
     "co-found", "create", "defeat", "do", "establish", "file", "fire", "form", "found", "give", "grant", "hire", "inherit",
     "introduce", "issue", "launch", "make", "name", "own", "publish", "raise", "receive", "reject", "release", "reveal",
     "sack", "seize", "sell", "set", "take", "unveil"}
)
"""Verbs a headline never uses without an object: "X makes", "X sells in May" are fragments."""

_KEPT_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd", "acomp", "prt", "xcomp", "ccomp"})
_PREPOSITIONS = frozenset(
    {"about", "after", "against", "as", "at", "before", "by", "during", "for", "from", "in", "into", "on", "over",
     "since", "through", "to", "under", "until", "with", "within", "without"}
)


def lost_object(verb: Token, verb_form: str, title: str, passive: bool) -> bool:
    """Whether a title built on ``verb`` (shown as ``verb_form``) lost what the verb acts on: it ends on
    the verb though the parse gave it an object or complement, or the verb is one that needs an
    object and the title has nothing but a prepositional phrase after it. Passives are exempt
    (their patient is the subject: "Hoddle sacked at Spurs")."""
    words = title.casefold().split()
    form = verb_form.casefold().split()[-1] if verb_form.strip() else ""
    if not form or form not in words:
        return False
    after = words[words.index(form) + 1 :]
    if not after and (verb.tag_ == "VBG" or any(child.dep_ in _KEPT_OBJECTS for child in verb.children)):
        return True  # "retired from editing" -> "Lee edits": a bare gerund names an activity, not what happened
    if passive or verb_lemma(verb.text).casefold() not in TRANSITIVE_VERBS:
        return False
    particles = {child.lower_ for child in verb.children if child.dep_ == "prt"}
    if after and after[0] in particles:
        return False  # "took over Atomstroieksport": "over" is the verb's own
    return not after or (after[0] in _PREPOSITIONS and after[0] != "into")  # "bought into the business" is whole
