"""Statements of one document: quotations tied to the reporting verb that attributes them, and
indirect speech taken from a reporting verb's complement clause.

A quotation is attributed by a reporting verb (``ingest.reporting_verbs``) after its closing
mark in the same sentence ("…," McCormack said), else before its opening mark in the sentence
or the clause ending in a colon before it (Casey said: "…"). A quotation opening a paragraph
with no verb of its own continues the statement of the paragraph before (news prints a long
quotation as several paragraphs). Two quotations attributed by one verb ("…," she said, "…")
are one statement. A quotation that is only part of a reported clause (Khalilzad told ABC that
the talks were to "encourage …") makes that clause indirect speech. A quotation nobody is said
to have said (a scare quote, a title) is not a statement, nor is anything in a headline or in
page furniture. Indirect speech needs a subject and a complement clause, and is not negated,
hedged by a modal ("would say") or embedded ("declined to say", "whether").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dossier.ingest.actors import DocumentActors
from dossier.ingest.conventions import headline_ranges
from dossier.ingest.dates import resolve
from dossier.ingest.event_dating import dateline_end
from dossier.ingest.quotes import Quotation, find_quotations
from dossier.ingest.reporting_verbs import NAMING_VERBS, REPORTING_VERBS, reporting_lemma, statement_kind
from dossier.ingest.speakers import Speaker, SpeakerResolver, is_passive, paragraph_starts, subject_of
from dossier.ingest.token_arrays import verb_mask
from dossier.store.drafts import StatementDraft
from dossier.store.records import Source, Span

_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall", "'d", "'ll"})
_EMBEDDING_MARKS = frozenset({"whether", "if"})
_MIN_OWN_WORDS = 3  # a reported clause with fewer words of its own around a quotation is the quotation
_EDGE = " \t\n,;:—–-"
_MAX_INTRO_WORDS = 5  # "said in a statement:" — words between a verb and the quotation it introduces
_RELATIVE_STARTS = frozenset({"which", "who", "whom", "whose"})
_MAX_SPLIT_GAP = 60  # characters between the halves of a quotation split around "she said"
_MAX_RUN_ON_GAP = 140  # '"…," said X, head of Y, in a statement. "…"': the second half after its attribution
_TRAILING_CLOSE = re.compile(r"[.,;:!?]?[”\"]")
_DATELINE_MARK = re.compile(r"\d|\b[A-Z]{3,}\b|\(")


@dataclass(slots=True)
class _Attributed:
    """A statement being built: its verb token, quotations (direct) or clause (indirect)."""

    verb: Token
    direct: bool
    start: int
    end: int
    sentences: list[SpacySpan] = field(default_factory=list)


class _Document:
    """One document's parse with its quotations, skipped ranges and paragraph starts."""

    def __init__(self, doc: Doc, masked: str, source: Source) -> None:
        """Index ``doc`` (``masked`` is its text): token offsets, sentences, quotations outside headlines and furniture."""
        self.doc = doc
        self.text = masked
        self.skipped = sorted([*headline_ranges(self.text), *source.furniture])
        self.quotations = find_quotations(self.text, self.skipped)
        self.quoted = [(q.open_at, q.close_at + 1) for q in self.quotations]
        self._quote_starts = [start for start, _ in self.quoted]
        self.token_starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        self.reporting = [token for index, verb in enumerate(verb_mask(doc)) if verb and reporting_lemma(token := doc[index])]
        self.sentences = list(doc.sents)
        self._sentence_starts = [s.start_char for s in self.sentences]
        self.paragraph_starts = paragraph_starts(self.text)

    def token_at(self, offset: int) -> Token:
        """The token holding (or starting right after) a character offset."""
        index = max(0, bisect_right(self.token_starts, offset) - 1)
        return self.doc[index]

    def sentence_at(self, offset: int) -> SpacySpan:
        """The sentence holding a character offset."""
        return self.sentences[max(0, bisect_right(self._sentence_starts, offset) - 1)]

    def is_quoted(self, offset: int) -> bool:
        """Whether a character lies inside a quotation (marks included)."""
        index = bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and offset < self.quoted[index][1]

    def is_skipped(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a headline or page furniture."""
        return any(s < end and start < e for s, e in self.skipped)

    def paragraph_start(self, offset: int) -> int:
        """The offset where the paragraph holding ``offset`` starts."""
        return self.paragraph_starts[bisect_right(self.paragraph_starts, offset) - 1]


def extract_statements(doc: Doc, masked: str, source: Source, actors: DocumentActors) -> list[StatementDraft]:
    """The statements of one document (``masked`` is ``doc.text``), in text order."""
    document = _Document(doc, masked, source)
    attributed = _direct(document)
    used = {item.verb.i for item in attributed}
    attributed += _indirect(document, used)
    resolver = SpeakerResolver(doc, document.text, actors, document.paragraph_starts, document.quoted)
    drafts: list[StatementDraft] = []
    seen: set[tuple[str, str | None]] = set()
    used = {item.verb.i for item in attributed}
    silent = [  # "an ADB spokesman declined to comment": no statement, but the next "he" is that speaker
        _Attributed(token, False, token.idx, token.idx)
        for token in document.reporting
        if token.i not in used and not document.is_quoted(token.idx)
    ]
    for item in sorted([*attributed, *silent], key=lambda a: (min(a.start, a.verb.idx), a.verb.i)):
        if not item.sentences:
            subject = _speaker_token(document, item.verb)
            if subject is not None:
                resolver.floor = _dateline_floor(document.sentence_at(subject.idx), document.text)
                resolver.remember(item.verb.idx, resolver.resolve(subject), subject)
            continue
        draft = _draft(item, document, resolver, source)
        if draft is None:
            continue
        said = (" ".join(document.text[draft.content.start : draft.content.end].split()), draft.speaker_key)
        if said in seen:
            continue  # a passage printed twice (a lede repeated under the dateline) says it once
        seen.add(said)
        drafts.append(draft)
    return _with_continuations(drafts, document, source)


def _direct(document: _Document) -> list[_Attributed]:
    """Quotations attributed by a reporting verb, two by one verb joined into one statement."""
    by_verb: dict[int, _Attributed] = {}
    for quotation in document.quotations:
        verb = _verb_after(document, quotation) or _verb_before(document, quotation)
        if verb is None:
            continue
        if _part_of_clause(document, verb, quotation):
            continue  # the indirect pass takes the whole reported clause
        sentences = [document.sentence_at(quotation.start), document.sentence_at(verb.idx)]
        item = by_verb.get(verb.i)
        if item is None:
            by_verb[verb.i] = _Attributed(verb, True, quotation.start, quotation.end, sentences)
        elif item.end < verb.idx < quotation.open_at and quotation.open_at - item.end <= _MAX_SPLIT_GAP:
            item.end = quotation.end  # "…," she said, "…": one statement split around its attribution
            item.sentences.extend(sentences)
    return list(by_verb.values())


def _verb_after(document: _Document, quotation: Quotation) -> Token | None:
    """A reporting verb with a subject after the closing mark, in its sentence and before the next quotation."""
    sentence = document.sentence_at(quotation.close_at)
    for token in document.doc[document.token_at(quotation.close_at).i + 1 : sentence.end]:
        if document.is_quoted(token.idx):
            return None
        if reporting_lemma(token) is not None and _speaker_token(document, token) is not None:
            clause = _complement(token)
            if clause is not None and not _covers(clause, quotation) and not document.is_quoted(clause.idx):
                return None  # 'because of "volatility", he said the duty would be frozen': the clause is what was said
            return token
    return None


def _covers(clause: Token, quotation: Quotation) -> bool:
    """Whether a clause's words include the quotation."""
    left, right = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
    return left <= quotation.open_at and quotation.close_at < right


def _governs(document: _Document, verb: Token, quotation: Quotation) -> bool:
    """Whether a verb before a quotation introduces it: only a few words between them ("told reporters:"),
    or the quotation hangs from the verb with no other verb between ("termed “the Baghdad channel”")."""
    first = document.token_at(quotation.start)
    gap = [t for t in document.doc[verb.i + 1 : first.i] if not t.is_punct and not document.is_quoted(t.idx)]
    if len(gap) <= _MAX_INTRO_WORDS:
        return True
    token = first
    while token.i != token.head.i:
        token = token.head
        if token.i == verb.i:
            return True
        if token.tag_.startswith("VB") and not document.is_quoted(token.idx):
            return False
    return False


def _verb_before(document: _Document, quotation: Quotation) -> Token | None:
    """The nearest reporting verb with a subject before the opening mark: in the sentence, or the clause ending in a colon."""
    start = document.sentence_at(quotation.open_at).start_char
    colon = quotation.open_at - 1
    while colon >= 0 and document.text[colon].isspace():
        colon -= 1
    if colon >= 0 and document.text[colon] == ":":
        start = min(start, document.sentence_at(colon).start_char)
    index = bisect_left(document.token_starts, start)
    candidates = [
        token
        for token in document.doc[index : document.token_at(quotation.open_at).i + 1]
        if token.idx < quotation.open_at and not document.is_quoted(token.idx)
    ]
    for token in reversed(candidates):
        if reporting_lemma(token) is not None and _speaker_token(document, token) is not None:
            return token if _governs(document, token, quotation) else None
    return None


def _speaker_token(document: _Document, verb: Token) -> Token | None:
    """The verb's subject when it is outside every quotation."""
    subject = subject_of(verb)
    if subject is None or document.is_quoted(subject.idx):
        return None
    return subject


def _part_of_clause(document: _Document, verb: Token, quotation: Quotation) -> bool:
    """Whether the quotation sits inside the verb's reported clause among enough words of the reporter's own."""
    clause = _complement(verb)
    if clause is None:
        return False
    if not _covers(clause, quotation):
        return False
    own = [
        t for t in clause.subtree
        if not document.is_quoted(t.idx) and not t.is_punct and t.dep_ != "mark"
    ]
    return len(own) >= _MIN_OWN_WORDS


def _complement(verb: Token) -> Token | None:
    """The reported clause of a verb of saying (its ``ccomp``), if any."""
    return next((child for child in verb.children if child.dep_ == "ccomp"), None)


def _indirect(document: _Document, used: set[int]) -> list[_Attributed]:
    """Reported clauses of reporting verbs not already attributing a quotation."""
    found: list[_Attributed] = []
    for token in document.reporting:
        if token.i in used:
            continue
        lemma = reporting_lemma(token)
        if lemma is None or (lemma in NAMING_VERBS and lemma not in REPORTING_VERBS):
            continue
        clause = _complement(token)
        if clause is None or not _asserted(token, clause) or document.is_quoted(token.idx):
            continue
        if (_speaker_token(document, token) is None and not is_passive(token)) or document.is_skipped(token.idx, token.idx + 1):
            continue
        start, end = _clause_range(document, clause)
        start = max(start, _dateline_floor(document.sentence_at(start), document.text))
        if end - start < 8 or clause.left_edge.lower_ in _RELATIVE_STARTS:
            continue  # "which he said was diminishing": a relative clause, not a report
        found.append(_Attributed(token, False, start, end, [document.sentence_at(token.idx), document.sentence_at(start)]))
    return found


def _dateline_floor(sentence: SpacySpan, text: str) -> int:
    """Where a sentence's wire dateline ends ("NEW YORK, June 2 - "), or its start when it has none;
    a hyphenated word ("Aqazadeh said the half-billion") is no dateline: one has a date or capitals."""
    end = dateline_end(text, sentence)
    head = text[sentence.start_char : end]
    return end if _DATELINE_MARK.search(head) else sentence.start_char


def _asserted(verb: Token, clause: Token) -> bool:
    """Whether the verb reports something said: not negated, hedged by a modal, embedded or a question."""
    if any(child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _MODALS) for child in verb.children):
        return False
    if verb.dep_ == "xcomp" or (verb.tag_ == "VB" and verb.dep_ != "conj"):
        return False  # "declined to say", "would say"
    return not any(child.dep_ == "mark" and child.lower_ in _EMBEDDING_MARKS for child in clause.children)


def _clause_range(document: _Document, clause: Token) -> tuple[int, int]:
    """A reported clause's characters without its leading "that" and edge punctuation."""
    tokens = [t for t in clause.subtree]
    while tokens and ((tokens[0].dep_ == "mark" and tokens[0].lower_ == "that") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ("”", '"', ")"):
        tokens = tokens[:-1]
    if not tokens:
        return clause.idx, clause.idx
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return start, _closing_mark_end(document.text, start, end)


def _closing_mark_end(text: str, start: int, end: int) -> int:
    """``end``, or just past the closing mark of a quotation the clause opened but the parse cut
    before its mark ('… rather than merely “rhetorical statements of support.”')."""
    content = text[start:end]
    unbalanced = content.count("“") > content.count("”") or content.count('"') % 2 == 1
    if unbalanced:
        match = _TRAILING_CLOSE.match(text, end)
        if match is not None:
            return match.end()
    return end


def _draft(item: _Attributed, document: _Document, resolver: SpeakerResolver, source: Source) -> StatementDraft | None:
    """The statement draft of an attributed quotation or clause, with its speaker, date and evidence."""
    subject = subject_of(item.verb)
    if subject is None:
        if not is_passive(item.verb):
            return None
        speaker = Speaker(None, "", None)  # "the inquiry was told": said, by someone unnamed
    else:
        resolver.floor = _dateline_floor(document.sentence_at(subject.idx), document.text)
        speaker = resolver.resolve(subject)
        resolver.remember(item.verb.idx, speaker, subject)
    lemma = reporting_lemma(item.verb) or item.verb.lower_
    start, end = item.start, item.end
    while end > start and document.text[end - 1] in _EDGE:
        end -= 1
    evidence_start = min(s.start_char for s in item.sentences)
    evidence_end = max(s.start_char + len(document.text[s.start_char : s.end_char].rstrip()) for s in item.sentences)
    return StatementDraft(
        speaker_key=speaker.key,
        speaker_text=" ".join(speaker.text.split()),
        speaker_by=speaker.by,
        verb=lemma,
        direct=item.direct,
        content=Span(source.id, start, end),
        evidence=[Span(source.id, min(evidence_start, start), max(evidence_end, end))],
        date=_date(item.verb, source),
        kind=statement_kind(lemma),
    )


def _date(verb: Token, source: Source) -> str | None:
    """The date of the verb's own time expression ("Casey said May 25"), else the publication date."""
    for child in verb.children:
        tokens = [child] if child.ent_type_ == "DATE" else [c for c in child.children if c.ent_type_ == "DATE"] if child.dep_ == "prep" else []
        for token in tokens:
            entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if entity is None:
                continue
            resolved = resolve(entity.text, source.published, tense="past")
            if resolved is not None:
                return resolved[0]
    return source.published


def _with_continuations(drafts: list[StatementDraft], document: _Document, source: Source) -> list[StatementDraft]:
    """Add quotations with no verb of their own that open a sentence right after a statement (in
    its paragraph or the next) as that statement's speaker's: news runs a speaker's words on."""
    if not drafts:
        return drafts
    result = sorted(drafts, key=lambda d: d.content.start)
    for quotation in document.quotations:
        if any(d.content.start <= quotation.start < d.content.end or quotation.start <= d.content.start < quotation.end for d in result):
            continue
        sentence = document.sentence_at(quotation.open_at)
        if document.text[sentence.start_char : quotation.open_at].strip():
            continue  # not at the start of its sentence
        earlier = [d for d in result if d.evidence[0].end <= quotation.open_at]
        if not earlier:
            continue
        last = max(earlier, key=lambda d: d.evidence[0].end)
        gap = document.text[last.content.end : quotation.open_at]
        if last.direct and 0 <= len(gap) <= _MAX_RUN_ON_GAP and "\n" not in gap:
            index = result.index(last)  # '"…," he said. "…"': the same quotation, split by its attribution
            content = Span(source.id, last.content.start, _trim_end(document.text, quotation.start, quotation.end))
            evidence = Span(source.id, last.evidence[0].start, max(last.evidence[0].end, quotation.close_at + 1))
            result[index] = replace(last, content=content, evidence=[evidence])
            continue
        between = document.text[last.evidence[0].end : quotation.open_at]
        if between.count("\n") > 2 or len(between.strip(' \n\t"”.,')) > 0 or not _paragraph_near(document, last, quotation):
            continue
        result.append(
            StatementDraft(
                speaker_key=last.speaker_key,
                speaker_text=last.speaker_text,
                speaker_by=last.speaker_by,
                verb=last.verb,
                direct=True,
                content=Span(source.id, quotation.start, _trim_end(document.text, quotation.start, quotation.end)),
                evidence=[Span(source.id, min(sentence.start_char, quotation.start), max(sentence.end_char, quotation.end))],
                date=last.date,
                kind=last.kind,
            )
        )
        result.sort(key=lambda d: d.content.start)
    return result


def _paragraph_near(document: _Document, statement: StatementDraft, quotation: Quotation) -> bool:
    """Whether a quotation is in the statement's paragraph or the one after it."""
    paragraphs = document.paragraph_starts
    here = bisect_right(paragraphs, quotation.open_at)
    there = bisect_right(paragraphs, statement.evidence[0].end - 1)
    return here - there <= 1


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing commas and spaces."""
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return end
