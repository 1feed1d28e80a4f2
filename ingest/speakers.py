"""Who said it: the subject of a reporting verb resolved to an actor of the document, and how.

A subject that is an actor's mention, or a title with the person's name beside it ("the
spokesman, Reginald McGhee"), is ``named``. A personal pronoun ("he", "she") is the nearest
preceding person in the same or the previous paragraph who was a main clause's subject or a
speaker (the centre of attention, as in centering theory; "Khalilzad" in "McCormack was unable
to say whether Khalilzad had met…" is not); "it" and "they" look for an organisation or group
the same way; both are marked ``pronoun``. A role noun is resolved to the organisation or place
its phrase names ("a State Department spokesman"), a spokesman of nobody named to the
organisation that was just speaking; to the speaker last called so, else the preceding
person holding that title, else the last person who spoke; "the company" or "the report" to the
preceding organisation: these are marked ``role``. Anything else keeps its words as the
speaker's phrase with no actor: a speaker is never guessed beyond these rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dossier.ingest.actors import DocumentActors
from dossier.ingest.nlp import verb_lemma
from dossier.ingest.reporting_verbs import reporting_lemma

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"it", "they", "them"})
_LINE_BREAK = re.compile("\n")
_POSSESSIVE_BASES = {"his": "he", "its": "it", "their": "they"}
_CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl"})
_STRANDED_WINDOW = 10
_PHRASE_EDGE = " \t\n-–—,:;"
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_FALLBACK_PARAGRAPHS = 3  # how far back a pronoun looks for an earlier speaker when its window has none
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp"})
_MAIN_DEPS = frozenset({"ROOT", "conj"})
_ORGANIZATION_NOUNS = frozenset(
    {
        "company", "firm", "group", "bank", "ministry", "department", "government", "agency",
        "party", "union", "court", "army", "committee", "council", "board", "corporation",
        "airline", "club", "association", "administration", "commission", "office", "embassy",
        "organisation", "organization", "unit", "subsidiary", "utility", "exchange", "fund",
        "report", "study", "survey", "statement", "newspaper", "paper", "magazine", "radio",
    }
)
_SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_TITLE_NOUNS = frozenset(
    {
        "spokesman", "spokeswoman", "spokesperson", "chancellor", "minister", "secretary",
        "president", "chairman", "chairwoman", "chair", "premier", "leader", "ambassador",
        "envoy", "governor", "mayor", "official", "officer", "executive", "director", "manager",
        "commissioner", "lawyer", "economist", "analyst", "diplomat", "senator", "general",
    }
)
_NAME_CUT = frozenset({",", "(", "—", "–", "who", "which"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: an actor key or None, the phrase of the text, and how it was found."""

    key: str | None
    text: str
    by: str | None


def paragraph_starts(text: str) -> list[int]:
    """The offsets where a line with words starts (paragraphs, for the pronoun window)."""
    return [
        start for start in (0, *(line_break.end() for line_break in _LINE_BREAK.finditer(text)))
        if text[start : start + 1].strip() or text[start : text.find("\n", start) % (len(text) + 1)].strip()
    ] or [0]


def subject_of(verb: Token) -> Token | None:
    """Who speaks with this verb: its subject, the agent of a passive ("described by X"), the
    one quoted ("quoted X as saying"), looking up through "…, adding" and "but insisted"."""
    token = verb
    for _ in range(5):
        speaker = _own_speaker(token)
        if speaker is not None or is_passive(token):
            return speaker
        head = token.head
        if token.dep_ == "pcomp" and head.lower_ == "as" and verb_lemma(head.head.text) == "quote":
            token = head.head  # "quoted Aqazadeh as saying"
            continue
        if token.dep_ not in _CLIMB_DEPS or head.i == token.i:
            return _stranded_speaker(verb)
        if token.dep_ == "conj" and head.dep_ == "ccomp" and reporting_lemma(head.head) is not None:
            head = head.head  # "he said X and added …": the adder is the sayer, not X's subject
        token = head
    return None


def _stranded_speaker(verb: Token) -> Token | None:
    """The speaker the parse hung off the reported clause ("…markets, Bernard Reed, manager of the
    exchange said"): the nearest apposition before a subjectless verb, a name before a title."""
    window = [t for t in verb.doc[max(0, verb.i - _STRANDED_WINDOW) : verb.i] if t.dep_ == "appos" and t.tag_.startswith("NN")]
    names = [t for t in window if t.tag_ == "NNP"]
    if names:
        return names[-1]
    return window[-1] if window else None


def _phrase(subject: Token) -> list[Token]:
    """The words of a subject's noun phrase, without clauses hanging from it ("the chancellor, speaking in Africa")."""
    tokens = [subject]
    for child in subject.children:
        if child.dep_ not in _CLAUSE_DEPS:
            tokens.extend(child.subtree)
    return sorted(tokens, key=lambda token: token.i)


def _own_speaker(token: Token) -> Token | None:
    """A verb's own speaker: the one quoted, the agent of a passive, or the active subject."""
    children = list(token.children)
    if verb_lemma(token.text) == "quote":
        quoted = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
        if quoted is not None:
            return quoted
    if is_passive(token):
        for candidate in token.subtree:  # "described as "idle speculation" by Downing Street"
            if candidate.lower_ == "by" and candidate.dep_ in ("agent", "prep") and candidate.i > token.i:
                return next((c for c in candidate.children if c.dep_ == "pobj"), None)
        return None
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < token.i]
    subject = before[-1] if before else subjects[0]  # the one next to the verb ("this year, he said")
    if subject.lower_ in _RELATIVE_PRONOUNS and token.dep_ == "relcl":
        return token.head  # "UKIP spokesman, who said"
    return subject


def is_passive(token: Token) -> bool:
    """Whether a verb is passive ("was told", "were said"): its grammatical subject is not the speaker."""
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in token.children)


class SpeakerResolver:
    """Resolves subjects of one document's reporting verbs to its actors, remembering who spoke."""

    def __init__(
        self, doc: Doc, text: str, actors: DocumentActors, paragraph_starts: list[int], quoted: list[tuple[int, int]]
    ) -> None:
        """A resolver over ``doc`` (whose ``text`` is given: ``Doc.text`` joins every token on each access)
        with its actors, paragraph start offsets and quoted ranges (whose names are not antecedents)."""
        self.doc = doc
        self.text = text
        self.actors = actors
        self.paragraph_starts = paragraph_starts
        self.quoted = quoted
        self._starts = [start for start, _, _ in actors.mention_keys]
        self._spoken: list[tuple[int, Speaker, str]] = []  # (offset, speaker, subject word) of earlier statements
        self.floor = 0  # where the sentence being resolved starts after its dateline ("NEW YORK, June 2 -")

    def remember(self, offset: int, speaker: Speaker, subject: Token) -> None:
        """Note a resolved speaker (the likeliest antecedent of a later pronoun or "the spokesman")."""
        self._spoken.append((offset, speaker, subject.lower_))

    def resolve(self, subject: Token) -> Speaker:
        """The speaker a subject token names."""
        lower = subject.lower_
        if lower in _PERSON_PRONOUNS:
            return self._antecedent(subject, ("person",), lower)
        if lower in _GROUP_PRONOUNS:
            return self._antecedent(subject, ("organization", "group"), lower)
        start, end = self._name_range(subject)
        phrase = self.text[max(start, self.floor) : end].strip(_PHRASE_EDGE)
        words = [token for token in _phrase(subject) if token.idx >= self.floor]
        if subject.idx < self.floor:  # the parse took the dateline into the subject ("NEW YORK, June 2 - Lynch said")
            key = next((k for t in words if (k := self.actors.key_at(t.idx, t.idx + len(t.text)))), None)
        else:
            key = self.actors.key_at(subject.idx, subject.idx + len(subject.text)) or self._by_surname(subject)
        if key is not None:
            return Speaker(key, phrase, "named")
        inside = [key for token in words if (key := self.actors.key_at(token.idx, token.idx + len(token.text)))]
        person = next((k for k in inside if self._kind(k) == "person"), None) or next(
            (k for token in words if (k := self._by_surname(token))), None
        )
        if person is not None:
            return Speaker(person, phrase, "named")  # "the spokesman, Reginald McGhee"
        if not subject.tag_.startswith("NN"):
            return Speaker(None, phrase, None)
        determiners = {child.lower_ for child in subject.children if child.dep_ == "det"}
        if "the" in determiners and lower in _TITLE_NOUNS:
            speaker = self._titled(subject)
            if speaker is not None:  # "The Swiss official also said", "the chairman of the bank stressed"
                return Speaker(speaker, phrase, "role")
        owner = next((k for k in inside if self._kind(k) in ("organization", "place", "group")), None)
        if owner is not None:
            return Speaker(owner, phrase, "role")
        if subject.tag_ == "NN" and "the" in determiners:
            return self._definite(subject, phrase)
        if lower in _SPOKES_NOUNS:  # "…," said a spokesman: the organisation that was just speaking
            key = self._last_speaking(subject.idx, ("organization", "group", "place"))
            return Speaker(key, phrase, "role" if key else None)
        return Speaker(None, phrase, None)

    def antecedent(self, pronoun: Token) -> str | None:
        """The actor a personal or possessive pronoun stands for ("he", "its", "their"), or None."""
        lower = _POSSESSIVE_BASES.get(pronoun.lower_, pronoun.lower_)
        if lower in _PERSON_PRONOUNS:
            return self._antecedent(pronoun, ("person",), lower).key
        if lower in _GROUP_PRONOUNS:
            return self._antecedent(pronoun, ("organization", "group"), lower).key
        return None

    def _by_surname(self, subject: Token) -> str | None:
        """An actor the document names, for a name the model did not mark here ("Reed said")."""
        if not subject.text[:1].isupper():
            return None
        matches = {
            draft.key
            for draft in self.actors.drafts
            if draft.kind != "place"
            and (
                subject.text in draft.aliases
                or subject.text == draft.name.split()[-1]
                or (draft.kind == "person" and " " in draft.name and subject.text == draft.name.split()[0])
            )
        }
        return matches.pop() if len(matches) == 1 else None

    def _titled(self, subject: Token) -> str | None:
        """Who "the spokesman" or "the Swiss official" is: the speaker last called so if a person,
        else a person who spoke after them, else the person holding that title, else the last person who spoke."""
        offset, noun = subject.idx, subject.lower_
        window = self._window_start(offset)
        people = [(o, q.key) for o, q, _ in self._spoken if window <= o < offset and q.key and self._kind(q.key) == "person"]
        same = [(o, q.key) for o, q, word in self._spoken if word == noun and o < offset and q.key]
        if same:
            said_at, key = same[-1]
            if self._kind(key) == "person":
                return key
            later = [k for o, k in people if o > said_at]
            return later[-1] if later else key
        for _, _, key in reversed(self._mentions_between(window, offset)):
            draft = self.actors.draft(key)
            if draft is not None and draft.kind == "person" and any(noun in role.role.lower().split() for role in draft.roles):
                return key
        return people[-1][1] if people else None

    def _last_speaking(self, offset: int, kinds: tuple[str, ...]) -> str | None:
        """The last actor of these kinds that spoke or was a main clause's subject in this or the previous paragraph."""
        window = self._window_start(offset)
        candidates = [(o, q.key) for o, q, _ in self._spoken if window <= o < offset and q.key and self._kind(q.key) in kinds]
        subject = self._latest_offset(window, offset, kinds)
        if subject is not None:
            candidates.append(subject)
        return max(candidates)[1] if candidates else None

    def _definite(self, subject: Token, phrase: str) -> Speaker:
        """"The spokesman": the speaker last called so, the person with that title, or the last person
        who spoke; "the company": the preceding organisation."""
        noun = subject.lower_
        window = self._window_start(subject.idx)
        for offset, earlier, said_by in reversed(self._spoken):
            if said_by == noun and offset < subject.idx and earlier.key:
                return Speaker(earlier.key, phrase, "role")
        if noun in _ORGANIZATION_NOUNS:
            kinds = ("organization", "group")
            key = (
                self._last_speaking(subject.idx, kinds)
                or self._latest(window, subject.idx, kinds, main_only=False)
                or self._earlier_speaker(subject.idx, kinds)
            )
            return Speaker(key, phrase, "role" if key else None)
        for _, _, key in reversed(self._mentions_between(window, subject.idx)):
            draft = self.actors.draft(key)
            if draft is not None and draft.kind == "person" and any(noun in role.role.lower().split() for role in draft.roles):
                return Speaker(key, phrase, "role")
        return Speaker(None, phrase, None)

    def _antecedent(self, pronoun: Token, kinds: tuple[str, ...], phrase: str) -> Speaker:
        """The nearest preceding compatible speaker or main-clause subject in this or the previous paragraph."""
        window = self._window_start(pronoun.idx)
        candidates: list[tuple[int, str | None]] = [
            (o, q.key)
            for o, q, word in self._spoken
            if window <= o < pronoun.idx
            and (word in _TITLE_NOUNS or (q.key is not None and (self._kind(q.key) in kinds or q.by == "role")))
        ]
        subject = self._latest_offset(window, pronoun.idx, kinds)
        if subject is not None:
            candidates.append(subject)
        if not candidates:
            key = self._latest(window, pronoun.idx, kinds, main_only=False) or self._earlier_speaker(pronoun.idx, kinds)
            return Speaker(key, phrase, "pronoun" if key else None)
        key = max(candidates, key=lambda c: c[0])[1]  # an unnamed speaker just before ("a spokesman said") stays unnamed
        return Speaker(key, phrase, "pronoun" if key else None)

    def _earlier_speaker(self, offset: int, kinds: tuple[str, ...]) -> str | None:
        """The last compatible speaker a few paragraphs back ("he" running on through a story about one speaker)."""
        index = bisect_left(self.paragraph_starts, offset + 1)
        start = self.paragraph_starts[max(0, index - 1 - _FALLBACK_PARAGRAPHS)]
        keys = [q.key for o, q, _ in self._spoken if start <= o < offset and q.key and self._kind(q.key) in kinds]
        return keys[-1] if keys else None

    def _latest_offset(self, start: int, end: int, kinds: tuple[str, ...]) -> tuple[int, str] | None:
        """The last actor of these kinds that is a main clause's subject in ``[start, end)``, with its offset."""
        for mention_start, _, key in reversed(self._mentions_between(start, end)):
            if self._kind(key) in kinds and self._is_main_subject_at(mention_start):
                return mention_start, key
        return None

    def _latest(self, start: int, end: int, kinds: tuple[str, ...], *, main_only: bool) -> str | None:
        """The key of the last actor of these kinds mentioned in ``[start, end)`` outside quotations."""
        found = self._latest_offset(start, end, kinds)
        if found is not None or main_only:
            return found[1] if found else None
        candidates = [key for _, _, key in self._mentions_between(start, end) if self._kind(key) in kinds]
        return candidates[-1] if candidates else None

    def _mentions_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions inside ``[start, end)`` that are not quoted words."""
        rows = self.actors.mention_keys[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        return [(s, e, key) for s, e, key in rows if e <= end and not any(qs <= s < qe for qs, qe in self.quoted)]

    def _is_main_subject_at(self, offset: int) -> bool:
        """Whether the name starting at ``offset`` is the subject of a main clause (not of a reported or relative one)."""
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        token = span[0]
        while token.dep_ in ("compound", "flat", "amod", "appos") and token.head.i != token.i:
            token = token.head
        if token.dep_ != "nsubj":
            return False
        verb = token.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        return verb.dep_ in _MAIN_DEPS

    def _window_start(self, offset: int) -> int:
        """The start of the paragraph before the one holding ``offset`` (or of this one if it is the first)."""
        index = bisect_left(self.paragraph_starts, offset + 1)
        return self.paragraph_starts[max(0, index - 2)]

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
