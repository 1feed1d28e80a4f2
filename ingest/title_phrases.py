"""The words of an event title: an actor's short name, a compact phrase of a parse subtree (names
shortened, asides and clauses left out) and the fit of a whole title to the headline budget.

``event_titles`` builds clause and noun titles from these pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from dossier.ingest.actors import DocumentActors
from dossier.store.gazetteer import country_of_demonym

MAX_TITLE_CHARS = 90
MAX_TITLE_WORDS = 12
MIN_CUT_WORDS = 3  # a cut never leaves less than "Subject verb object"
CUT_BEFORE = frozenset(
    {"about", "after", "against", "amid", "as", "at", "before", "between", "by", "despite", "during", "for", "from",
     "in", "into", "on", "over", "since", "through", "to", "under", "until", "while", "with", "within", "without"}
)
_SKIPPED_IN_PHRASES = frozenset({"det", "punct", "relcl", "advcl", "appos", "parataxis", "mark", "preconj", "meta", "predet"})
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_STATE_NOUNS = frozenset(
    {"government", "governments", "official", "officials", "authorities", "ministry", "minister", "ministers",
     "army", "troops", "forces", "police", "navy", "diplomats", "diplomat", "ambassador", "president", "leaders",
     "leader", "delegation", "negotiators", "embassy", "parliament", "cabinet", "state", "regime", "military"}
)
_KEPT_SIGNS = frozenset({"-", "%"})  # "9.5%", "US-German": punctuation that belongs to the word
_SURNAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "ter", "bin", "al", "el"})
_TRAILING_FUNCTION_WORDS = re.compile(
    r"(?:\s+(?:to|of|in|at|on|for|with|by|and|or|but|the|a|an|from|that|as|than|then|is|are|was|were|be|been|"
    r"its|their|his|her|our|this|these|those|which|who|whose|whether|if|so|such|until|before|after|since|about|"
    r"into|over|under|while|known|through|against|amid|between|despite|during|within|without|via|among|"
    r"according|some|much|just|also|only|even|still|due|not|'s|’s)|\s+[-–—,;:'’])+$",
    re.IGNORECASE,
)
_LEADING_DATELINE = re.compile(r"^(?:[A-Z][a-z]{2,8}\.? \d{1,2}|[A-Z][A-Z .,]+, [A-Z][a-z]{2,8}\.? \d{1,2}) [-–—] ")
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})


def origin_only(token: Token) -> bool:
    """Whether a demonym only says where something is from ("Japanese yards"), not that the state
    acts ("Greek government", "Iranian officials")."""
    return token.dep_ == "amod" and token.ent_type_ == "NORP" and token.head.lower_ not in _STATE_NOUNS


def is_plural(noun: Token) -> bool:
    """Whether a subject takes a plural verb (a plural noun, or names joined by "and")."""
    counted = noun.tag_ == "CD" and noun.lower_ not in ("one", "1")  # "four of the players go"
    plural_pronoun = noun.lower_ in ("they", "we")
    return counted or plural_pronoun or noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)


def phrase(token: Token, skip: set[int], actors: DocumentActors, budget: int) -> str:
    """A compact rendering of a token's subtree: actor names shortened, clauses and asides dropped."""
    words: list[tuple[int, str]] = []
    _collect(token, skip, actors, words, set(), token)
    doc = token.doc
    present = {index for index, _ in words}
    for index in sorted(present):
        for joined in _hyphen_joined(doc, index):  # "e" of "e-mails" parsed as three objects: the whole word
            if joined not in present and joined not in skip and actors.key_at(doc[joined].idx, doc[joined].idx + len(doc[joined])) is None:
                present.add(joined)
                words.append((joined, doc[joined].text))
    words.sort()
    pieces: list[str] = []
    for position, (index, word) in enumerate(words):
        pieces.append(word)
        adjacent = position + 1 < len(words) and words[position + 1][0] == index + 1
        pieces.append(" " if not adjacent or doc[index].whitespace_ else "")
    kept = "".join(pieces).split()
    if len(kept) > budget:  # cut before a preposition where one starts in time: not "… attempt on British"
        cuts = [i for i in range(2, budget + 1) if kept[i].casefold() in CUT_BEFORE and kept[i] != "to"]  # not "to increase"
        kept = kept[: cuts[-1] if cuts else budget]
    return _TRAILING_FUNCTION_WORDS.sub("", " ".join(kept))


def _hyphen_joined(doc: Doc, index: int) -> Iterator[int]:
    """The tokens written together with ``doc[index]`` through hyphens ("e" "-" "mails"), both ways."""
    right = index
    while right + 2 < len(doc) and not doc[right].whitespace_ and doc[right + 1].text == "-" and not doc[right + 1].whitespace_:
        yield right + 1
        yield right + 2
        right += 2
    left = index
    while left - 2 >= 0 and doc[left - 1].text == "-" and not doc[left - 1].whitespace_ and not doc[left - 2].whitespace_:
        yield left - 1
        yield left - 2
        left -= 2


def _collect(
    token: Token,
    skip: set[int],
    actors: DocumentActors,
    words: list[tuple[int, str]],
    done_keys: set[str],
    top: Token,
) -> None:
    """Gather the words of a compact phrase, replacing each actor mention by its short name once."""
    if token.i in skip or (token is not top and token.dep_ in _SKIPPED_IN_PHRASES and not _part_of_name(token)):
        return
    if token.dep_ == "punct" and token.text not in _KEPT_SIGNS and token is not top:
        return
    if token.dep_ == "prep" and (_dated_preposition(token) or (token is not top and all(t.i in skip for t in token.subtree if t is not token))):
        return  # "Brown's pledge in 2001 not to increase": the date is gone, so is its "in"
    key = actors.key_at(token.idx, token.idx + len(token.text))
    person = key is not None and key.startswith("person:")
    if key is not None and token.ent_type_:
        if (country_of_demonym(token.text) and not _inside_name(token)) or _name_crosses(token, top):
            words.append((token.i, token.text))  # "to Toulouse" of a "Leinster to Toulouse" misread as one name
        elif key not in done_keys:
            done_keys.add(key)
            words.append((token.i, short_name(actors, key)))
    elif not token.is_punct or token.text in _KEPT_SIGNS:
        words.append((token.i, token.text))
    for child in token.children:
        if person and child.i < token.i and actors.key_at(child.idx, child.idx + len(child.text)) != key:
            continue
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
            continue  # headline style: "made his Davis Cup debut" -> "makes Davis Cup debut"
        _collect(child, skip, actors, words, done_keys, top)


def _dated_preposition(token: Token) -> bool:
    """Whether a preposition's object is a time expression ("between January 1 and April 13", "in
    2003"): the event's date says when, so a title leaves the phrase out."""
    return any(child.dep_ == "pobj" and child.ent_type_ in ("DATE", "TIME") for child in token.children)


def _name_crosses(token: Token, top: Token) -> bool:
    """Whether the name a word is inside reaches out of the phrase headed by ``top`` (that phrase is
    then its own words, not the whole name: "from Leinster", "to Toulouse" of a misread "Leinster to Toulouse")."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return start < top.left_edge.i or end > top.right_edge.i


def _part_of_name(token: Token) -> bool:
    """Whether a word a phrase would leave out is part of the phrase: a hyphen, or a capitalised
    determiner inside a name ("the All Blacks")."""
    if token.text == "-":
        return True
    return token.dep_ == "det" and token.is_title and not token.is_sent_start and token.lower_ not in ("the", "a", "an")


def _inside_name(token: Token) -> bool:
    """Whether a token is followed by more of its own entity ("Saudi" of "Saudi Arabia")."""
    following = token.i + 1
    return following < len(token.doc) and token.doc[following].ent_iob_ == "I"


def short_name(actors: DocumentActors, key: str) -> str:
    """A person's surname or another actor's display name, for titles."""
    draft = actors.draft(key)
    if draft is None:
        return ""
    if draft.kind == "person":
        words = draft.name.split(" ")
        start = len(words) - 1
        while start > 1 and words[start - 1].casefold() in _SURNAME_PARTICLES:
            start -= 1  # "Vincent van Gogh" -> "van Gogh"
        return " ".join(words[start:])
    if draft.name == "United States":
        return "US"
    return draft.name


def fit(title: str, capitalize: bool = True) -> str:
    """A title cut to the budget (``MAX_TITLE_WORDS`` words, ``MAX_TITLE_CHARS`` characters) before a
    prepositional phrase where one starts in time, else at a word boundary, without dangling
    function words or ticker brackets ("<SCM Corp>")."""
    title = " ".join(_INVISIBLE.sub("", title).replace("<", "").replace(">", "").split()).strip(" ,;:-")
    title = _LEADING_DATELINE.sub("", title)
    words = title.split(" ")
    if len(words) > MAX_TITLE_WORDS:
        cuts = [i for i in range(MIN_CUT_WORDS, MAX_TITLE_WORDS + 1) if words[i].casefold() in CUT_BEFORE]
        title = " ".join(words[: cuts[-1] if cuts else MAX_TITLE_WORDS])
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS + 1].rsplit(" ", 1)[0]
    title = _TRAILING_FUNCTION_WORDS.sub("", title).strip(" ,;:-")
    if not capitalize or any(letter.isupper() for letter in title.split(" ")[0][1:]):
        return title  # "eBay stops", "iPod sales": a name keeps its own case
    return title[:1].upper() + title[1:]
