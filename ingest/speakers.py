"""Who said it: the subject of a reporting verb resolved to an actor of the document, and how.

A subject that is an actor's mention is ``named``. A personal pronoun ("he", "she") is the
nearest preceding person in the same or the previous paragraph, preferring one who was a
subject (the centre of attention, as in centering theory); "it" and "they" look for an
organisation or group the same way; both are marked ``pronoun``. A role noun ("a State
Department spokesman", "officials at the ministry") is the organisation or place its phrase
names; "the spokesman" alone is the preceding person holding that title, and "the company" the
preceding organisation; these are marked ``role``. Anything else keeps its words as the
speaker's phrase with no actor: a speaker is never guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dossier.ingest.actors import DocumentActors

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_PRONOUNS = frozenset({"it", "they"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp"})
_ORGANIZATION_NOUNS = frozenset(
    {
        "company", "firm", "group", "bank", "ministry", "department", "government", "agency",
        "party", "union", "court", "army", "committee", "council", "board", "corporation",
        "airline", "club", "association", "administration", "commission", "office", "embassy",
        "organisation", "organization", "unit", "subsidiary", "utility", "exchange", "fund",
    }
)
_NAME_CUT = frozenset({",", "(", "—", "–", "who", "which"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: an actor key or None, the phrase of the text, and how it was found."""

    key: str | None
    text: str
    by: str | None


def subject_of(verb: Token) -> Token | None:
    """The subject of a reporting verb, looking up through "…, adding" and "but insisted" to the clause that has one."""
    token = verb
    for _ in range(4):
        subject = next((child for child in token.children if child.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


class SpeakerResolver:
    """Resolves subjects of one document's reporting verbs to its actors."""

    def __init__(self, doc: Doc, actors: DocumentActors, paragraph_starts: list[int], quoted: list[tuple[int, int]]) -> None:
        """A resolver over ``doc`` with its actors, paragraph start offsets and quoted ranges (whose names are not antecedents)."""
        self.doc = doc
        self.actors = actors
        self.paragraph_starts = paragraph_starts
        self.quoted = quoted
        self._starts = [start for start, _, _ in actors.mention_keys]

    def resolve(self, subject: Token, recent: list[tuple[int, str]]) -> Speaker:
        """The speaker a subject token names; ``recent`` lists earlier speakers as ``(offset, key)``,
        the likeliest antecedents of a pronoun."""
        lower = subject.lower_
        if lower in _PERSON_PRONOUNS:
            return self._antecedent(subject, ("person",), lower, recent)
        if lower in _GROUP_PRONOUNS:
            return self._antecedent(subject, ("organization", "group"), lower, recent)
        start, end = self._name_range(subject)
        phrase = self.doc.text[start:end]
        key = self.actors.key_at(subject.idx, subject.idx + len(subject.text))
        if key is not None:
            return Speaker(key, phrase, "named")
        if subject.tag_.startswith("NN"):
            owner = next(
                (k for k in self.actors.keys_between(start, end) if self._kind(k) in ("organization", "place", "group")),
                None,
            )
            if owner is not None:
                return Speaker(owner, phrase, "role")
            if subject.tag_ in ("NN", "NNS") and any(c.lower_ == "the" for c in subject.children):
                return self._definite(subject, phrase)
        return Speaker(None, phrase, None)

    def _definite(self, subject: Token, phrase: str) -> Speaker:
        """"The spokesman": the preceding person with that title; "the company": the preceding organisation."""
        noun = subject.lower_
        window = self._window_start(subject.idx)
        if noun in _ORGANIZATION_NOUNS:
            key = self._latest(window, subject.idx, ("organization",), prefer_subject=False)
            return Speaker(key, phrase, "role" if key else None)
        for _, _, key in reversed(self._mentions_between(window, subject.idx)):
            draft = self.actors.draft(key)
            if draft is not None and draft.kind == "person" and any(noun in role.role.lower().split() for role in draft.roles):
                return Speaker(key, phrase, "role")
        return Speaker(None, phrase, None)

    def _antecedent(self, pronoun: Token, kinds: tuple[str, ...], phrase: str, recent: list[tuple[int, str]]) -> Speaker:
        """The nearest preceding compatible actor in this or the previous paragraph: the last
        speaker there, else the last subject, else the last mention."""
        window = self._window_start(pronoun.idx)
        speakers = [key for offset, key in recent if window <= offset < pronoun.idx and self._kind(key) in kinds]
        key = speakers[-1] if speakers else self._latest(window, pronoun.idx, kinds, prefer_subject=True)
        return Speaker(key, phrase, "pronoun" if key else None)

    def _latest(self, start: int, end: int, kinds: tuple[str, ...], *, prefer_subject: bool) -> str | None:
        """The key of the last actor of these kinds mentioned in ``[start, end)`` outside quotations."""
        candidates = [
            (mention_start, key)
            for mention_start, _, key in self._mentions_between(start, end)
            if self._kind(key) in kinds
        ]
        if prefer_subject:
            for mention_start, key in reversed(candidates):
                if self._is_subject_at(mention_start):
                    return key
        return candidates[-1][1] if candidates else None

    def _mentions_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions inside ``[start, end)`` that are not quoted words."""
        rows = self.actors.mention_keys[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        return [(s, e, key) for s, e, key in rows if e <= end and not any(qs <= s < qe for qs, qe in self.quoted)]

    def _is_subject_at(self, offset: int) -> bool:
        """Whether the name starting at ``offset`` is (part of) a clause's subject."""
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        token = span[0]
        while token.dep_ in ("compound", "flat", "amod") and token.head.i != token.i:
            token = token.head
        return token.dep_ in SUBJECTS

    def _window_start(self, offset: int) -> int:
        """The start of the paragraph before the one holding ``offset`` (or of this one if it is the first)."""
        starts = [s for s in self.paragraph_starts if s <= offset]
        return starts[-2] if len(starts) >= 2 else 0

    def _kind(self, key: str) -> str | None:
        """The kind of the actor with this key."""
        draft = self.actors.draft(key)
        return draft.kind if draft is not None else None

    def _name_range(self, subject: Token) -> tuple[int, int]:
        """The subject's words up to an apposition or relative clause ("Hassan Kazemi, Iran's ambassador" -> the name)."""
        tokens = list(subject.subtree)
        first = tokens[0].i
        last = subject.i
        for token in tokens:
            if token.i <= subject.i:
                continue
            if token.i != last + 1 or token.text in _NAME_CUT or token.dep_ in ("appos", "relcl", "acl", "punct"):
                break
            last = token.i
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)
