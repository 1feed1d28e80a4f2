"""Dated events from the body sentences of one document: who did what, when, and where.

An event starts from a time expression (a spaCy DATE entity, cut to its date part) in a
body sentence — never a headline-shaped paragraph, page furniture or a dateline
("WASHINGTON, Nov 28 (AFP) -"). The expression is resolved against the publication date
(``ingest.dates``) in the tense of the clause it modifies, and that clause (or event noun:
"the American-led invasion in 2003") gives the title — subject, verb in headline present
tense, object — and the kind. Reported speech without its own date ("McCormack told
reporters...") is a statement (``ingest.attribution``), never an event; an undated clause
of a dated event's kind (Crocker "will meet" Iranian officials) joins that event. Repeated
passages (a lede printed twice) give one event.

The kinds (``ingest.event_kinds``), the dating of a clause (``ingest.event_dating``), whether a
clause reports something that happened at all (``ingest.event_worthiness``) and the titles
(``ingest.event_titles``) each have their own module; this one assembles the events.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dossier.ingest.actors import DocumentActors
from dossier.ingest.conventions import headline_ranges
from dossier.ingest.dates import resolve
from dossier.ingest.event_dating import (
    date_tokens,
    dateline_end,
    governor,
    implausible_bare_year,
    is_attribute_date,
    is_background,
    is_clock_time,
    is_dateline,
    is_due_date,
    leaning,
    tense,
)
from dossier.ingest.event_kinds import kind_of
from dossier.ingest.event_titles import (
    SUBJECT_DEPS,
    Pronouns,
    clause_title,
    has_participant,
    has_subject,
    nominal_title,
)
from dossier.ingest.event_worthiness import (
    describes_subject,
    foretold,
    inside_name,
    no_occurrence,
    reports_no_part,
    says_nothing,
    top_verb,
    unreal,
)
from dossier.ingest.speakers import SpeakerResolver, paragraph_starts
from dossier.ingest.token_arrays import verb_mask
from dossier.store.drafts import EventDraft
from dossier.store.partial_dates import at_common_precision
from dossier.store.records import Source, Span

_LOCATION_PREPOSITIONS = frozenset({"in", "at"})


@dataclass(slots=True)
class _Draft:
    """An event being built, with what is needed to merge later evidence into it."""

    event: EventDraft
    speaker: str | None = None
    sentence_text: str = ""


def extract_events(doc: Doc, masked: str, source: Source, actors: DocumentActors) -> list[EventDraft]:
    """The events of one document (``masked`` is ``doc.text``), in order of their first evidence."""
    headlines = headline_ranges(masked)
    entities = [entity for entity in doc.ents if entity.label_ in ("DATE", "TIME")]
    entity_starts = [entity.start for entity in entities]
    anchor = source.published
    verbs = verb_mask(doc)
    drafts: list[_Draft] = []
    seen_sentences: set[str] = set()
    undated: list[tuple[SpacySpan, set[int], str]] = []
    pronouns = _pronoun_resolver(doc, masked, actors)
    for sentence in doc.sents:
        if _skipped(masked, sentence, headlines, source) or not any(verbs[sentence.start : sentence.end]):
            continue
        normalized = " ".join(masked[sentence.start_char : sentence.end_char].split())
        if normalized in seen_sentences:
            _add_repeat(drafts, normalized, masked, sentence, source)
            continue
        seen_sentences.add(normalized)
        dated_heads: set[int] = set()
        dateline = dateline_end(masked, sentence)
        first = bisect_left(entity_starts, sentence.start)
        covered = dateline  # a DATE entity that an earlier one absorbed ("Monday" + ", Dec 7") is not read again
        for entity in entities[first : bisect_left(entity_starts, sentence.end)]:
            if entity.start_char < covered:
                continue
            tokens = date_tokens(entity)
            covered = tokens[-1].idx + len(tokens[-1].text)
            draft, head = _dated_event(masked, sentence, tokens, source, actors, anchor, dateline, pronouns)
            if draft is None or head.i in dated_heads:
                continue  # one clause, one event: "visited in 1967 and ... in 1981", "today reported ... for February"
            draft.sentence_text = normalized
            dated_heads.add(head.i)
            _merge_or_add(drafts, draft)
        undated.append((sentence, dated_heads, normalized))
    for sentence, dated_heads, normalized in undated:
        _undated_event(masked, sentence, dated_heads, normalized, source, actors, drafts)
    return [draft.event for draft in sorted(drafts, key=lambda d: d.event.evidence[0].start)]


def _skipped(masked: str, sentence: SpacySpan, headlines: list[tuple[int, int]], source: Source) -> bool:
    """True for sentences that cannot carry events: headlines, furniture (verbless fragments: the caller's
    ``verb_mask``)."""
    start, end = sentence.start_char, _sentence_end(masked, sentence)
    return any(s <= start < e for s, e in headlines) or any(s < end and start < e for s, e in source.furniture)


def _dated_event(
    masked: str,
    sentence: SpacySpan,
    tokens: list[Token],
    source: Source,
    actors: DocumentActors,
    anchor: str | None,
    dateline: int,
    pronouns: Pronouns,
) -> tuple[_Draft | None, Token]:
    """The event a time expression (``date_tokens`` of a DATE entity) in a body sentence dates (None
    if it does not resolve, or the clause reports no occurrence by someone), and its governor."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    head, nominal = governor(tokens)
    if is_dateline(masked, start, end) or is_clock_time(masked, end) or is_attribute_date(tokens) or is_due_date(tokens):
        return None, head
    clause_tense = leaning(tokens, head, nominal)
    resolved = resolve(source.text[start:end], anchor, tense=clause_tense)
    if resolved is None:
        return None, head
    date, until = resolved
    if implausible_bare_year(source.text[start:end], date, anchor) or is_background(date, anchor):
        return None, head
    skip = {token.i for token in tokens} | {token.i for token in sentence if token.idx < dateline}
    if not nominal and (unreal(head) or no_occurrence(head) or not has_subject(head, skip, actors, pronouns)):
        return None, head
    if nominal and not head.tag_.startswith("NN"):
        return None, head  # the climb ended on a modal or an adjective ("Victory ... since 1999 will no doubt fuel")
    if not nominal and (inside_name(head) or describes_subject(tokens, head) or (anchor is None and foretold(head))):
        return None, head
    kind = kind_of(head)
    title = _title(head, nominal, tokens, skip, actors, pronouns)
    if title is None:
        return None, head
    keys = actors.keys_between(dateline, sentence.end_char)
    if not keys:
        return None, head
    place = _place(head, actors)
    event = EventDraft(
        date=date,
        until=until,
        kind=kind,
        title=title,
        actor_keys=keys,
        place_key=place,
        evidence=[Span(source.id, sentence.start_char, _sentence_end(masked, sentence))],
        when=Span(source.id, start, end),
    )
    return _Draft(event, speaker=_speaker(head, actors) if event.kind == "statement" else None), head


def _title(
    head: Token, nominal: bool, tokens: list[Token], skip: set[int], actors: DocumentActors, pronouns: Pronouns
) -> str | None:
    """The headline of the clause or event noun a time expression dates, or None when it reports no
    occurrence by someone: a lone verb ("Confirms"), a saying verb with nothing said ("K mart says"),
    an event noun whose phrase names no one taking part unless the clause around it does."""
    if nominal and not has_participant(head, skip, actors, pronouns):
        return _title_from_clause(head, tokens, skip, actors, pronouns)
    if nominal:  # a noun phrase the date only picks out ("the 1984 release of the Mac") is no headline
        title = nominal_title(head, skip, actors, pronouns, bare=not _modifies(tokens, head))
        if not title:
            return _title_from_clause(head, tokens, skip, actors, pronouns)
    else:
        title = clause_title(head, skip, actors, pronouns=pronouns)
    return None if " " not in title or says_nothing(title) else title


def _title_from_clause(
    noun: Token, tokens: list[Token], skip: set[int], actors: DocumentActors, pronouns: Pronouns
) -> str | None:
    """The headline of the clause around an event noun that names no one, when that clause's subject
    took part ("the Security Council was called to a private meeting on Monday"); None when there is
    no such clause, or the date only describes the noun ("a 1986 pact")."""
    clause = _clause_of(noun)
    if clause is None or _modifies(tokens, noun) or unreal(clause) or reports_no_part(top_verb(clause)):
        return None
    if not has_subject(clause, skip, actors, pronouns):
        return None
    title = clause_title(clause, skip, actors, pronouns=pronouns)  # "called to" says nothing: vetted above
    return title if " " in title else None


def _modifies(tokens: list[Token], noun: Token) -> bool:
    """Whether a time expression is a modifier inside the noun's phrase ("a 1986 pact"), which dates
    the thing, not the clause around it ("a meeting on Monday" dates both)."""
    return any(token.head.i == noun.i and token.dep_ in ("compound", "nummod", "amod", "nmod") for token in tokens)


def _clause_of(noun: Token) -> Token | None:
    """The verb whose object or complement an event noun is ("the Security Council was called to a
    private meeting": "called"), or None when the noun is in its subject or hangs from no verb."""
    token = noun
    while token.head.i != token.i:
        if token.dep_ in SUBJECT_DEPS:
            return None
        token = token.head
        if token.tag_.startswith("VB"):
            return token
    return None


def _pronoun_resolver(doc: Doc, text: str, actors: DocumentActors) -> Pronouns:
    """Resolves a pronoun subject to the actor it stands for, as statements' speakers are (built on first use)."""
    resolvers: list[SpeakerResolver] = []

    def resolve(pronoun: Token) -> str | None:
        """The key of the actor ``pronoun`` stands for, or None."""
        if not resolvers:
            resolvers.append(SpeakerResolver(doc, text, actors, paragraph_starts(text), []))
        return resolvers[0].antecedent(pronoun)

    return resolve


def _sentence_end(masked: str, sentence: SpacySpan) -> int:
    """The end of a sentence without trailing whitespace (its text sliced from ``masked``: ``Span.text``
    joins the sentence's tokens on every access)."""
    return sentence.start_char + len(masked[sentence.start_char : sentence.end_char].rstrip())


def _speaker(verb: Token, actors: DocumentActors) -> str | None:
    """The actor key of a clause's named subject, if any."""
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return None
    return actors.key_at(subject.idx, subject.idx + len(subject.text))


def _undated_event(
    masked: str,
    sentence: SpacySpan,
    dated_heads: set[int],
    normalized: str,
    source: Source,
    actors: DocumentActors,
    drafts: list[_Draft],
) -> None:
    """Undated clauses joining a dated event of their kind (reported speech without a date of its own
    is a statement, ``ingest.attribution``, not an event)."""
    evidence = Span(source.id, sentence.start_char, _sentence_end(masked, sentence))
    root = sentence.root
    for verb in (root, *(c for c in root.children if c.dep_ in ("ccomp", "xcomp", "conj"))):
        kind = kind_of(verb)
        if verb.i in dated_heads or kind in ("other", "statement") or not verb.tag_.startswith("VB"):
            continue
        target = _matching_dated(drafts, kind, tense(verb), source.published)
        if target is not None:
            clause = actors.keys_between(verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
            _extend(target.event, clause, evidence, _place(verb, actors))


def _matching_dated(drafts: list[_Draft], kind: str, clause_tense: str | None, published: str | None) -> _Draft | None:
    """The dated event of a kind an undated clause most likely speaks of (future clause: a later one)."""
    candidates = [d for d in drafts if d.event.kind == kind and d.event.date and d.event.when]
    if published and clause_tense == "future":
        candidates = [d for d in candidates if _on_or_after(d.event.date, published)]
    elif published and clause_tense == "past":
        candidates = [d for d in candidates if d.event.date is not None and d.event.date <= published]
    return candidates[-1] if len(candidates) >= 1 else None


def _extend(event: EventDraft, keys: list[str], evidence: Span, place: str | None) -> None:
    """Add a sentence's actors and evidence to an event."""
    event.actor_keys.extend(key for key in keys if key not in event.actor_keys)
    if evidence not in event.evidence:
        event.evidence.append(evidence)
    if event.place_key is None and place is not None:
        event.place_key = place


def _add_repeat(drafts: list[_Draft], normalized: str, masked: str, sentence: SpacySpan, source: Source) -> None:
    """A repeated sentence adds its span as evidence to the events it already gave."""
    for draft in drafts:
        if draft.sentence_text == normalized:
            span = Span(source.id, sentence.start_char, _sentence_end(masked, sentence))
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


def _place(head: Token, actors: DocumentActors) -> str | None:
    """A place actor named as the location of a clause or event noun ("in Baghdad", "held in X")."""
    if kind_of(head) == "visit":
        for child in head.children:
            key = actors.key_at(child.idx, child.idx + len(child.text)) if child.dep_ == "dobj" else None
            if key and key.startswith("place:"):
                return key  # "visited Syria"
    layer = [head]
    while layer:
        following = []
        for scope in layer:
            for child in scope.children:
                if child.dep_ in SUBJECT_DEPS or child.dep_ in ("ccomp", "advcl", "parataxis"):
                    continue
                if child.dep_ == "prep" and child.lower_ in _LOCATION_PREPOSITIONS:
                    for obj in child.children:
                        key = actors.key_at(obj.idx, obj.idx + len(obj.text)) if obj.dep_ == "pobj" else None
                        if key and key.startswith("place:"):
                            return key
                following.append(child)
        layer = following
    return None


def _on_or_after(date: str | None, published: str) -> bool:
    """Whether an event's date is not before publication, compared at the coarser of the two precisions."""
    if date is None:
        return False
    event_date, published_date = at_common_precision(date, published)
    return event_date >= published_date
