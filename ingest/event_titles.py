"""Event titles in headline style: "Subject verb object" for a clause, the noun phrase for an event noun.

Actor mentions are shortened (a person's surname, "US"), asides and relative clauses dropped,
the verb put in headline present tense ("confirms", "to meet" for a future, a participle for a
passive), and the whole cut at a word boundary to ``MAX_TITLE_CHARS``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from dossier.ingest.actors import DocumentActors
from dossier.ingest.event_dating import tense
from dossier.ingest.nlp import verb_lemma
from dossier.store.gazetteer import country_of_demonym

MAX_TITLE_CHARS = 90
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = ("dobj", "dative", "attr", "oprd", "acomp", "prt", "xcomp", "ccomp", "prep", "agent")
_SKIPPED_IN_PHRASES = frozenset({"det", "punct", "relcl", "advcl", "appos", "parataxis", "mark", "preconj", "meta", "predet"})
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"})
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:to|of|in|at|on|for|with|by|and|or|the|a|an|from|that))+$")


def _present(verb: Token, plural: bool) -> str:
    """A verb in headline form: present tense, participle for passives, "to" for futures."""
    lemma = verb_lemma(verb.text)
    if any(child.dep_ == "auxpass" for child in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return verb.text
    if tense(verb) == "future" and verb.tag_ == "VB":
        return f"to {lemma}"
    if verb.tag_ == "VBG":
        return verb.text
    if plural:
        return {"be": "are"}.get(lemma, lemma)
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if lemma in irregular:
        return irregular[lemma]
    if re.search(r"(?:s|x|z|ch|sh|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def clause_title(verb: Token, skip: set[int], actors: DocumentActors, depth: int = 0) -> str:
    """"Subject verb object" for a clause, in headline style, within the title budget."""
    top = verb
    while top.dep_ == "xcomp" and top.head.tag_.startswith("VB") and top.head.i != top.i:
        top = top.head
    existential = any(child.dep_ == "expl" for child in top.children)
    named = next((child for child in top.children if child.dep_ in ("attr", "nsubj")), None)
    if existential and named is not None:  # "There is also the 1606 act establishing ..."
        return nominal_title(named, skip, actors)
    subjects = [c for c in top.children if c.dep_ in SUBJECT_DEPS]
    subject = subjects[-1] if subjects else None
    subject_skip = skip
    if subject is None and top.dep_ in ("relcl", "acl") and top.head.i != top.i:
        subject = top.head
        subject_skip = skip | {token.i for token in top.subtree}
    subject_text = _subject(subject, subject_skip, actors) if subject is not None and subject.lower_ not in _PRONOUNS else ""
    plural = subject is not None and (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children))
    negated = any(child.dep_ == "neg" for child in top.children)
    parts = [subject_text, "does not" if negated and not plural else "do not" if negated else ""]
    parts.append(verb_lemma(top.text) if negated else _present(top, plural))
    parts.append(_objects(top, skip, actors, depth))
    return _fit(" ".join(part for part in parts if part), capitalize=depth == 0)


def _subject(subject: Token, skip: set[int], actors: DocumentActors) -> str:
    """A clause's subject, as the people it names ("Crocker") when it names any, else compacted."""
    people: list[str] = []
    for token in subject.subtree:
        key = actors.key_at(token.idx, token.idx + len(token.text))
        if (
            key
            and key.startswith("person:")
            and _short_name(actors, key) not in people
            and _names_the_subject(token, subject)
        ):
            people.append(_short_name(actors, key))
    if people:
        return " and ".join(people[:2])
    return _phrase(subject, skip, actors, 6)


def _names_the_subject(token: Token, subject: Token) -> bool:
    """True when a name is the subject itself or its title's apposition, not a noun inside a prepositional phrase."""
    while token.i != subject.i:
        if token.dep_ not in ("compound", "appos", "conj", "nmod", "flat"):
            return False
        token = token.head
    return True


def _objects(verb: Token, skip: set[int], actors: DocumentActors, depth: int) -> str:
    """The objects and complements of a verb, compacted."""
    pieces = []
    has_clause = False
    children = sorted(verb.children, key=lambda child: (child.i < verb.i and child.dep_ == "ccomp", child.i))
    for child in children:
        if child.i in skip or child.dep_ not in _OBJECTS:
            continue
        if child.i < verb.i and child.dep_ not in ("prt", "ccomp"):
            continue
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and child.tag_.startswith("VB")):
            if depth >= 1 or has_clause:
                continue
            has_clause = True
            if child.dep_ == "xcomp":
                pieces.append("to " + verb_lemma(child.text) + " " + _objects(child, skip, actors, depth + 1))
            else:
                clause = clause_title(child, skip, actors, depth + 1)
                if " " in clause:
                    pieces.append(clause)
        elif child.dep_ == "prep" and (
            has_clause or len(pieces) >= 2 - depth or all(t.i in skip for t in child.subtree if t is not child)
        ):
            continue
        else:
            pieces.append(_phrase(child, skip, actors, 8))
    return " ".join(piece.strip() for piece in pieces if piece.strip())


def _phrase(token: Token, skip: set[int], actors: DocumentActors, budget: int) -> str:
    """A compact rendering of a token's subtree: actor names shortened, clauses and asides dropped."""
    words: list[tuple[int, str]] = []
    _collect(token, skip, actors, words, set(), token)
    words.sort()
    doc = token.doc
    pieces: list[str] = []
    for position, (index, word) in enumerate(words):
        pieces.append(word)
        adjacent = position + 1 < len(words) and words[position + 1][0] == index + 1
        pieces.append(" " if not adjacent or doc[index].whitespace_ else "")
    text = "".join(pieces)
    return _TRAILING_FUNCTION_WORDS.sub("", " ".join(text.split()[:budget]))


def _collect(
    token: Token,
    skip: set[int],
    actors: DocumentActors,
    words: list[tuple[int, str]],
    done_keys: set[str],
    top: Token,
) -> None:
    """Gather the words of a compact phrase, replacing each actor mention by its short name once."""
    if token.i in skip or (token is not top and token.dep_ in _SKIPPED_IN_PHRASES and token.text not in ("-",)):
        return
    if token.dep_ == "punct" and token.text not in ("-",) and token is not top:
        return
    key = actors.key_at(token.idx, token.idx + len(token.text))
    person = key is not None and key.startswith("person:")
    if key is not None and token.ent_type_:
        if country_of_demonym(token.text):
            words.append((token.i, token.text))
        elif key not in done_keys:
            done_keys.add(key)
            words.append((token.i, _short_name(actors, key)))
    elif not token.is_punct or token.text == "-":
        words.append((token.i, token.text))
    for child in token.children:
        if person and child.i < token.i and actors.key_at(child.idx, child.idx + len(child.text)) != key:
            continue
        _collect(child, skip, actors, words, done_keys, top)


def _short_name(actors: DocumentActors, key: str) -> str:
    """A person's surname or another actor's display name, for titles."""
    draft = actors.draft(key)
    if draft is None:
        return ""
    if draft.kind == "person":
        return draft.name.split(" ")[-1]
    if draft.name == "United States":
        return "US"
    return draft.name


def nominal_title(noun: Token, skip: set[int], actors: DocumentActors) -> str:
    """A title for an event noun: the noun phrase, and what its relative clause says ("held in X")."""
    inner_skip = skip | {c.i for c in noun.children if c.dep_ in ("relcl", "acl", "prep") for c in c.subtree}
    title = _phrase(noun, inner_skip, actors, 8)
    clause = next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.tag_.startswith("VB")), None)
    if clause is not None:
        title = f"{title} {clause.text} {_objects(clause, skip, actors, 1)}"
    else:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "with")), None)
        if of is not None:
            title = f"{title} {_phrase(of, skip, actors, 6)}"
    return _fit(title)


def _fit(title: str, capitalize: bool = True) -> str:
    """A title cut to the budget at a word boundary, without dangling function words."""
    title = " ".join(_INVISIBLE.sub("", title).split()).strip(" ,;:")
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS + 1].rsplit(" ", 1)[0]
    title = _TRAILING_FUNCTION_WORDS.sub("", title).strip(" ,;:")
    return title[:1].upper() + title[1:] if capitalize else title
