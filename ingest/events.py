"""Dated events from the body sentences of one document: who did what, when, and where.

An event starts from a time expression (a spaCy DATE entity, cut to its date part) in a
body sentence — never a headline-shaped paragraph, page furniture or a dateline
("WASHINGTON, Nov 28 (AFP) -"). The expression is resolved against the publication date
(``ingest.dates``) in the tense of the clause it modifies, and that clause (or event noun:
"the American-led invasion in 2003") gives the title — subject, verb in headline present
tense, object — and the kind. Reported speech without its own date ("McCormack told
reporters...") is dated by publication, one statement event per speaker; an undated clause
of a dated event's kind (Crocker "will meet" Iranian officials) joins that event. Repeated
passages (a lede printed twice) give one event.

Kinds follow the top level of CAMEO (the event scheme of GDELT/PETRARCH), grouped:

=========== ============================================ ==========================================
kind        CAMEO top level                              trigger verbs / nouns (lemmas)
=========== ============================================ ==========================================
statement   01 make public statement, 02 appeal,         say, tell, announce, confirm, add, state,
            03 express intent, 10 demand                 signal, insist, note, urge, call, ask, seek
meeting     04 consult (meet, negotiate)                 meet, talk(s), discuss, negotiate, host,
                                                         meeting, conference, summit, consult
visit       04 consult (visit, host a visit)             visit, arrive, travel, tour, trip
accusation  11 disapprove, 12 reject, 13 threaten,       accuse, blame, condemn, criticise, deny,
            14 protest, 16 reduce relations              threaten, warn, reject, protest, sanction
attack      15 force posture, 17 coerce, 18 assault,     attack, kill, bomb, invade, strike, seize,
            19 fight, 20 mass violence                   fight, hostage, invasion, war, raid, arrest
agreement   05 diplomatic / 06 material cooperation,     agree, sign, approve, accord, deal, treaty,
            07 provide aid, 08 yield                     agreement, ceasefire, aid, release, resume
other       everything else (09 investigate, ...)        —
=========== ============================================ ==========================================
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dossier.ingest.actors import DocumentActors, headline_ranges
from dossier.ingest.dates import date_prefix, resolve
from dossier.ingest.nlp import verb_lemma
from dossier.store.drafts import EventDraft
from dossier.store.names import country_of_demonym
from dossier.store.records import Source, Span

TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        ["say", "tell", "announce", "confirm", "add", "state", "signal", "insist", "note", "urge", "call", "ask", "seek", "declare", "report", "reiterate", "stress", "acknowledge", "explain", "predict", "express", "appeal", "demand", "statement", "announcement", "remark", "speech", "interview", "briefing"],
        "statement",
    ),
    **dict.fromkeys(
        ["meet", "talk", "discuss", "negotiate", "host", "consult", "convene", "gather", "meeting", "talks", "conference", "summit", "negotiation", "negotiations", "consultation", "session"],
        "meeting",
    ),
    **dict.fromkeys(["visit", "arrive", "travel", "tour", "fly", "trip", "visit"], "visit"),
    **dict.fromkeys(
        ["accuse", "blame", "condemn", "criticise", "criticize", "deny", "threaten", "warn", "reject", "protest", "sanction", "denounce", "assail", "allege", "expel", "boycott", "sue", "accusation", "threat", "warning", "protest", "sanctions", "criticism", "condemnation"],
        "accusation",
    ),
    **dict.fromkeys(
        ["attack", "kill", "bomb", "invade", "strike", "seize", "fight", "shell", "shoot", "raid", "arrest", "clash", "wound", "capture", "detain", "storm", "explode", "fire", "hijack", "kidnap", "abduct", "attack", "invasion", "war", "bombing", "hostage", "raid", "strike", "fighting", "clash", "assault", "explosion", "killing", "violence", "offensive", "uprising", "coup"],
        "attack",
    ),
    **dict.fromkeys(
        ["agree", "sign", "approve", "ratify", "cooperate", "release", "resume", "restore", "aid", "grant", "accord", "deal", "treaty", "agreement", "ceasefire", "pact", "aid", "cooperation"],
        "agreement",
    ),
}
STATEMENT_VERBS = frozenset(
    word for word, kind in TRIGGERS.items() if kind == "statement"
) - {"seek", "statement", "announcement", "remark", "speech", "interview", "briefing"}
MAX_TITLE_CHARS = 90
# "By 1650 GMT", "from 1700 local time": a four-digit clock time that looks like a year.
_CLOCK_TIME_AFTER = re.compile(
    r"(?:\s*(?:-|to|and)\s*\d{3,4})?"  # "from 1700 to 2100 local time"
    r"\s*(?:GMT|UTC|BST|CET|[ECMP][SD]T|ET|hours?|hrs|local\s+time|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+time)\b"
)
# A bare four-digit number read as a year this long before publication is far more often a
# price, an index level, a street number or a clock time than history the article recounts.
BARE_YEAR_HORIZON = 150
OLDEST_BARE_YEAR = 1800
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_FUTURE_HEADS = frozenset({"schedule", "plan", "expect", "due", "set", "go", "intend", "prepare"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = ("dobj", "dative", "attr", "oprd", "acomp", "prt", "xcomp", "ccomp", "prep", "agent")
_SKIPPED_IN_PHRASES = frozenset({"det", "punct", "relcl", "advcl", "appos", "parataxis", "mark", "preconj", "meta", "predet"})
_DATELINE_BEFORE = re.compile(r"(?:^|\n|[.!?:]\s)\s*[A-Z][A-Za-z.'’ -]{1,40},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,30}\))?\s*(?:-|–|—|--)")
_DATELINE_PREFIX = re.compile(
    r"^\s*(?:[A-Z][\w .&'’]{1,30}:\s*)?"  # an optional source label ("Iran Focus:")
    r"[A-Z][A-Za-z.'’ ]{1,40}(?:,[^-–—\n(]{1,25})?(?:\s*\([^)\n]{1,20}\))?\s*(?:-|–|—|--)\s*"
)
_ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"})
_LOCATION_PREPOSITIONS = frozenset({"in", "at"})
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:to|of|in|at|on|for|with|by|and|or|the|a|an|from|that))+$")


@dataclass(slots=True)
class _Draft:
    """An event being built, with what is needed to merge later evidence into it."""

    event: EventDraft
    speaker: str | None = None
    sentence_text: str = ""


def extract_events(doc: Doc, source: Source, actors: DocumentActors) -> list[EventDraft]:
    """The events of one document, in order of their first evidence."""
    masked = doc.text
    headlines = headline_ranges(masked)
    entities = [entity for entity in doc.ents if entity.label_ in ("DATE", "TIME")]
    entity_starts = [entity.start for entity in entities]
    anchor = source.published
    drafts: list[_Draft] = []
    seen_sentences: set[str] = set()
    undated: list[tuple[SpacySpan, set[int], str]] = []
    for sentence in doc.sents:
        if _skipped(sentence, headlines, source):
            continue
        normalized = " ".join(sentence.text.split())
        if normalized in seen_sentences:
            _add_repeat(drafts, normalized, sentence, source)
            continue
        seen_sentences.add(normalized)
        dated_heads: set[int] = set()
        dateline = _dateline_end(sentence)
        first = bisect_left(entity_starts, sentence.start)
        for entity in entities[first : bisect_left(entity_starts, sentence.end)]:
            if entity.start_char < dateline:
                continue
            draft, governor = _dated_event(masked, sentence, entity, source, actors, anchor, dateline)
            if draft is not None:
                draft.sentence_text = normalized
                dated_heads.add(governor.i)
                _merge_or_add(drafts, draft)
        undated.append((sentence, dated_heads, normalized))
    for sentence, dated_heads, normalized in undated:
        _undated_event(sentence, dated_heads, normalized, source, actors, drafts)
    return [draft.event for draft in sorted(drafts, key=lambda d: d.event.evidence[0].start)]


def _skipped(sentence: SpacySpan, headlines: list[tuple[int, int]], source: Source) -> bool:
    """True for sentences that cannot carry events: headlines, furniture, verbless fragments."""
    start, end = sentence.start_char, _sentence_end(sentence)
    if any(s <= start < e for s, e in headlines) or any(s < end and start < e for s, e in source.furniture):
        return True
    return not any(token.tag_.startswith("VB") for token in sentence)


def _date_tokens(entity: SpacySpan) -> list[Token]:
    """The tokens of a DATE entity's date part ("May 3-4" of "May 3-4 Iraq Neighbors' Conference")."""
    length = len(date_prefix(entity.text))
    return [token for token in entity if token.idx - entity.start_char < length] or list(entity)


def _dateline_end(sentence: SpacySpan) -> int:
    """Where a sentence's dateline ("LONDON, Feb 26 -", "Washington --") ends; its start if it has none."""
    match = _DATELINE_PREFIX.match(sentence.text)
    return sentence.start_char + (match.end() if match else 0)


def _is_dateline(masked: str, start: int, end: int) -> bool:
    """True for the date of a dateline ("WASHINGTON, Nov 28 (AFP) -"): the filing date, not an event."""
    before = masked[max(0, start - 45) : start]
    return bool(_DATELINE_BEFORE.search(before) and _DATELINE_AFTER.match(masked[end : end + 40]))


def _governor(tokens: list[Token]) -> tuple[Token, bool]:
    """The verb a time expression modifies, or the event noun it dates; and whether it is a noun."""
    inside = {token.i for token in tokens}
    token = next((t for t in tokens if t.head.i not in inside), tokens[0])
    while token.head.i != token.i:
        token = token.head
        if token.i in inside:
            continue
        if token.tag_.startswith("VB"):
            return token, False
        if token.tag_.startswith("NN") and TRIGGERS.get(token.lower_) not in (None, "statement"):
            return token, True
    return token, not token.tag_.startswith("VB")


def _tense(verb: Token) -> str | None:
    """"future", "past" or None (present, unknown) for the clause a verb heads."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    for token in chain:
        if any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUXILIARIES for child in token.children):
            return "future"
        if verb_lemma(token.text) in _FUTURE_HEADS and any(c.dep_ == "xcomp" for c in token.children):
            return "future"
    if any(token.tag_ in ("VBD", "VBN") for token in chain[:1]):
        return "past"
    if any(child.tag_ == "VBD" and child.dep_ in ("aux", "auxpass") for child in verb.children):
        return "past"
    return None


def _implausible_bare_year(expression: str, date: str, anchor: str | None) -> bool:
    """Whether a lone four-digit number lies too far before publication to be read as a year."""
    if not (expression.isdigit() and len(expression) == 4 and date == expression):
        return False
    oldest = int(anchor[:4]) - BARE_YEAR_HORIZON if anchor else OLDEST_BARE_YEAR
    return int(date) < oldest


def _dated_event(
    masked: str,
    sentence: SpacySpan,
    entity: SpacySpan,
    source: Source,
    actors: DocumentActors,
    anchor: str | None,
    dateline: int,
) -> tuple[_Draft | None, Token]:
    """The event a time expression in a body sentence dates (None if it does not resolve), and its governor."""
    tokens = _date_tokens(entity)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    governor, nominal = _governor(tokens)
    if _is_dateline(masked, start, end) or _CLOCK_TIME_AFTER.match(masked, end):
        return None, governor
    tense = None if nominal else _tense(governor)
    resolved = resolve(source.text[start:end], anchor, tense=tense)
    if resolved is None:
        return None, governor
    date, until = resolved
    if _implausible_bare_year(source.text[start:end], date, anchor):
        return None, governor
    skip = {token.i for token in tokens} | {token.i for token in sentence if token.idx < dateline}
    title = _nominal_title(governor, skip, actors) if nominal else _clause_title(governor, skip, actors)
    if " " not in title:  # a lone verb ("Confirms") says nothing of who did what
        return None, governor
    keys = actors.keys_between(dateline, sentence.end_char)
    if not keys:
        return None, governor
    place = _place(governor, actors)
    event = EventDraft(
        date=date,
        until=until,
        kind=_kind(governor),
        title=title,
        actor_keys=keys,
        place_key=place,
        evidence=[Span(source.id, sentence.start_char, _sentence_end(sentence))],
        when=Span(source.id, start, end),
    )
    return _Draft(event, speaker=_speaker(governor, actors) if event.kind == "statement" else None), governor


def _sentence_end(sentence: SpacySpan) -> int:
    """The end of a sentence without trailing whitespace."""
    return sentence.start_char + len(sentence.text.rstrip())


def _speaker(verb: Token, actors: DocumentActors) -> str | None:
    """The actor key of a clause's named subject, if any."""
    subject = next((child for child in verb.children if child.dep_ in _SUBJECTS), None)
    if subject is None:
        return None
    return actors.key_at(subject.idx, subject.idx + len(subject.text))


def _undated_event(
    sentence: SpacySpan,
    dated_heads: set[int],
    normalized: str,
    source: Source,
    actors: DocumentActors,
    drafts: list[_Draft],
) -> None:
    """Undated clauses joining a dated event of their kind; undated reported speech dated by publication."""
    evidence = Span(source.id, sentence.start_char, _sentence_end(sentence))
    root = sentence.root
    for verb in (root, *(c for c in root.children if c.dep_ in ("ccomp", "xcomp", "conj"))):
        kind = _kind(verb)
        if verb.i in dated_heads or kind in ("other", "statement") or not verb.tag_.startswith("VB"):
            continue
        target = _matching_dated(drafts, kind, _tense(verb), source.published)
        if target is not None:
            clause = actors.keys_between(verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
            _extend(target.event, clause, evidence, _place(verb, actors))
    dateline = _dateline_end(sentence)
    keys = actors.keys_between(dateline, sentence.end_char)
    if root.i in dated_heads or verb_lemma(root.text) not in STATEMENT_VERBS or root.tag_ != "VBD":
        return
    published = source.published
    speaker = _speaker(root, actors)
    if speaker is None or published is None or not _ISO_DAY.match(published):
        return
    for draft in drafts:
        if draft.speaker == speaker and draft.event.date == published and draft.event.kind == "statement":
            _extend(draft.event, keys, evidence, None)
            return
    title = _clause_title(root, {token.i for token in sentence if token.idx < dateline}, actors)
    if title and keys:
        event = EventDraft(published, "statement", title, actor_keys=keys, evidence=[evidence])
        drafts.append(_Draft(event, speaker=speaker, sentence_text=normalized))


def _matching_dated(drafts: list[_Draft], kind: str, tense: str | None, published: str | None) -> _Draft | None:
    """The dated event of a kind an undated clause most likely speaks of (future clause: a later one)."""
    candidates = [d for d in drafts if d.event.kind == kind and d.event.date and d.event.when]
    if published and tense == "future":
        candidates = [d for d in candidates if d.event.date[: len(published)] >= published[: len(d.event.date)]]
    elif published and tense == "past":
        candidates = [d for d in candidates if d.event.date <= published]
    return candidates[-1] if len(candidates) >= 1 else None


def _extend(event: EventDraft, keys: list[str], evidence: Span, place: str | None) -> None:
    """Add a sentence's actors and evidence to an event."""
    event.actor_keys.extend(key for key in keys if key not in event.actor_keys)
    if evidence not in event.evidence:
        event.evidence.append(evidence)
    if event.place_key is None and place is not None:
        event.place_key = place


def _add_repeat(drafts: list[_Draft], normalized: str, sentence: SpacySpan, source: Source) -> None:
    """A repeated sentence adds its span as evidence to the events it already gave."""
    for draft in drafts:
        if draft.sentence_text == normalized:
            span = Span(source.id, sentence.start_char, _sentence_end(sentence))
            if span not in draft.event.evidence:
                draft.event.evidence.append(span)


def _merge_or_add(drafts: list[_Draft], new: _Draft) -> None:
    """Add an event unless one with the same date and title (a repeated passage) exists."""
    for draft in drafts:
        same = (draft.event.date, draft.event.until, draft.event.title.casefold())
        if same == (new.event.date, new.event.until, new.event.title.casefold()):
            _extend(draft.event, new.event.actor_keys, new.event.evidence[0], new.event.place_key)
            return
    drafts.append(new)


def _kind(head: Token) -> str:
    """The event kind of a verb or noun, looking through light verbs to their objects ("hold talks")."""
    lemma = verb_lemma(head.text) if head.tag_.startswith("VB") else head.lower_
    kind = TRIGGERS.get(lemma)
    if kind is not None:
        return kind
    for child in head.children:
        if child.dep_ in ("dobj", "xcomp", "attr", "oprd") or (child.dep_ == "prep" and child.lower_ == "in"):
            target = child if child.dep_ != "prep" else next(iter(child.children), child)
            lemma = verb_lemma(target.text) if target.tag_.startswith("VB") else target.lower_
            if lemma in TRIGGERS:
                return TRIGGERS[lemma]
            if target.dep_ == "xcomp":
                return _kind(target)
    if head.dep_ in ("acl", "relcl") and head.head.i != head.i:
        return TRIGGERS.get(head.head.lower_, "other")  # "the attack, taken in response to ..."
    return "other"


def _place(head: Token, actors: DocumentActors) -> str | None:
    """A place actor named as the location of a clause or event noun ("in Baghdad", "held in X")."""
    if _kind(head) == "visit":
        for child in head.children:
            key = actors.key_at(child.idx, child.idx + len(child.text)) if child.dep_ == "dobj" else None
            if key and key.startswith("place:"):
                return key  # "visited Syria"
    layer = [head]
    while layer:
        following = []
        for scope in layer:
            for child in scope.children:
                if child.dep_ in _SUBJECTS or child.dep_ in ("ccomp", "advcl", "parataxis"):
                    continue
                if child.dep_ == "prep" and child.lower_ in _LOCATION_PREPOSITIONS:
                    for obj in child.children:
                        key = actors.key_at(obj.idx, obj.idx + len(obj.text)) if obj.dep_ == "pobj" else None
                        if key and key.startswith("place:"):
                            return key
                following.append(child)
        layer = following
    return None


def _present(verb: Token, plural: bool) -> str:
    """A verb in headline form: present tense, participle for passives, "to" for futures."""
    lemma = verb_lemma(verb.text)
    if any(child.dep_ == "auxpass" for child in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return verb.text
    if _tense(verb) == "future" and verb.tag_ == "VB":
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


def _clause_title(verb: Token, skip: set[int], actors: DocumentActors, depth: int = 0) -> str:
    """"Subject verb object" for a clause, in headline style, within the title budget."""
    top = verb
    while top.dep_ == "xcomp" and top.head.tag_.startswith("VB") and top.head.i != top.i:
        top = top.head
    existential = any(child.dep_ == "expl" for child in top.children)
    named = next((child for child in top.children if child.dep_ in ("attr", "nsubj")), None)
    if existential and named is not None:  # "There is also the 1606 act establishing ..."
        return _nominal_title(named, skip, actors)
    subjects = [c for c in top.children if c.dep_ in _SUBJECTS]
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
        if key and key.startswith("person:") and _short_name(actors, key) not in people:
            if _names_the_subject(token, subject):
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
                clause = _clause_title(child, skip, actors, depth + 1)
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


def _nominal_title(noun: Token, skip: set[int], actors: DocumentActors) -> str:
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
