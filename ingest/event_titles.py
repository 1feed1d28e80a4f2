"""Event titles in headline style: "Subject verb object" for a clause, the noun phrase for an event noun.

Actor mentions are shortened (a person's surname, "US"), asides and relative clauses dropped,
the verb put in headline present tense ("confirms", "to meet" for a future, a participle for a
passive), and the whole cut to ``title_phrases.MAX_TITLE_WORDS`` words, before a prepositional phrase where it can.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from dossier.ingest.actors import DocumentActors
from dossier.ingest.event_dating import tense
from dossier.ingest.event_kinds import kind_of
from dossier.ingest.nlp import verb_lemma
from dossier.ingest.title_checks import lost_object
from dossier.ingest.title_phrases import POSSESSIVE_PRONOUNS, fit, is_plural, origin_only, phrase, short_name

Pronouns = Callable[[Token], "str | None"]
"""Resolves a pronoun subject to the key of the actor it stands for (or None)."""

_PHRASE_WORDS = 8  # an object phrase's words in a title
_SHORT_PHRASE_WORDS = 5  # ... when the whole title cut at a preposition lost what the verb acts on
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = ("dobj", "dative", "attr", "oprd", "acomp", "prt", "xcomp", "ccomp", "prep", "agent")
_PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
_RELATIVE = frozenset({"which", "that", "who", "whom"})
_SCHEDULING = frozenset({"schedule", "set", "slate", "due", "timetable"})
_ASIDES = frozenset({"according", "compared", "including", "excluding", "following"})  # who says so, what else: no object
_NON_FINITE = frozenset({"VBG", "VBN", "VB"})
_CONTROLLED = frozenset({"pcomp", "advcl", "xcomp"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"})


def _present(verb: Token, plural: bool, active: bool = False) -> str:
    """A verb in headline form: present tense, participle for passives (unless turned ``active``), "to" for futures."""
    lemma = verb_lemma(verb.text)
    if _is_passive(verb) and not active:
        return verb.lower_ if verb.is_sent_start else verb.text  # "Born in 1912, ..." -> "Callaghan born"
    if tense(verb) == "future" and verb.tag_ == "VB":
        return f"to {lemma}"
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


def _is_passive(verb: Token) -> bool:
    """Whether a verb is passive: with a passive auxiliary, or a participle describing a noun ("talks held")
    or opening a clause ("Born in 1912, Callaghan ...")."""
    if any(child.dep_ == "auxpass" for child in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i and _is_passive(verb.head):
        return True  # "was shot and stabbed": both passive
    bare = not any(child.dep_ in ("aux", "auxpass") for child in verb.children)
    opening = verb.dep_ == "advcl" and bare and verb.i < verb.head.i  # "Born in 1912, he ..."
    return verb.tag_ == "VBN" and (verb.dep_ == "acl" or opening)


def clause_title(verb: Token, skip: set[int], actors: DocumentActors, depth: int = 0, pronouns: Pronouns | None = None) -> str:
    """"Subject verb object" for a clause, in headline style, within the title budget.

    A missing subject is the one of the verb this one is coordinated with ("rose and closed at");
    a pronoun is the actor ``pronouns`` resolves it to; a passive with a named agent turns active
    ("increases initiated by Sun Co" -> "Sun Co initiates increases"); a passive of scheduling is
    "X to <verb>" ("the offer is scheduled to expire" -> "offer to expire")."""
    top = _top(verb)
    existential = any(child.dep_ == "expl" for child in top.children)
    named = next((child for child in top.children if child.dep_ in ("attr", "nsubj")), None)
    if existential and named is not None:  # "There is also the 1606 act establishing ..."
        return nominal_title(named, skip, actors)
    agent = _named_agent(top, actors) if depth == 0 else None
    subject, subject_skip = _subject_token(top, skip)
    negated = any(child.dep_ == "neg" for child in top.children)
    if agent is not None and not negated:
        patient = phrase(subject, subject_skip, actors, 6) if subject is not None and subject.lower_ not in _PRONOUNS else ""
        if subject is not None and subject.lower_ in _RELATIVE and top.dep_ == "relcl" and top.head.i != top.i:
            patient = phrase(top.head, skip | {token.i for token in top.subtree}, actors, 6)  # "AT&T, which was founded by Bell"
        elif subject is not None and subject.lower_ in _PRONOUNS:  # "he was sacked by Spurs": who "he" is, or no title
            patient = _subject_text(subject, subject_skip, actors, depth, pronouns)
            if not patient:
                return ""
        verb_form = _present(top, plural=is_plural(agent), active=True)
        particle = next((c for c in top.children if c.dep_ == "prt"), None)  # "picked up by ABC": "ABC picks up"
        doer = _subject(agent, skip, actors)
        if patient == doer:
            return ""  # a pronoun resolved to the agent itself: a misreading
        parts = [doer, verb_form, particle.text if particle is not None else "", patient]
        left_out = {c.i for c in top.children if c.dep_ == "agent" for c in c.subtree} | ({particle.i} if particle is not None else set())
        parts.append(_objects(top, skip | left_out, actors, depth))
        title = fit(" ".join(part for part in parts if part), capitalize=True)
        return "" if lost_object(top, verb_form, title, passive=False) else title
    subject_text = _subject_text(subject, subject_skip, actors, depth, pronouns)
    if depth > 0 and not subject_text:
        return ""  # what was said needs its own subject: "told ABC that talks with Tehran were" is not "tells ABC talks"
    scheduled = _scheduled_action(top)
    if scheduled is not None and not negated:  # "the offer is scheduled to expire" -> "offer to expire"
        parts = [subject_text, "to", verb_lemma(scheduled.text), _objects(scheduled, skip, actors, depth)]
        return fit(" ".join(part for part in parts if part), capitalize=depth == 0)
    plural = subject is not None and is_plural(subject)
    pronoun_object = next((c for c in top.children if c.dep_ == "dobj" and c.lower_ in _OBJECT_PRONOUNS), None)
    object_name = ""
    if pronoun_object is not None and depth == 0:  # "Ipswich defeated them": who "them" is, or no title
        key = pronouns(pronoun_object) if pronouns is not None else None
        object_name = short_name(actors, key) if key else ""
        if not object_name or object_name == subject_text:
            return ""  # unresolved, or resolved to the subject itself ("the BBC won them back": not the BBC)
        skip = skip | {pronoun_object.i}
    copula = verb_lemma(top.text) == "be"
    auxiliary = ("are" if plural else "is") if copula else ("do" if plural else "does")
    parts = [subject_text, f"{auxiliary} not" if negated else ""]  # "would not be" -> "is not", never "does not be"
    verb_form = ("" if copula else verb_lemma(top.text)) if negated else _present(top, plural)
    parts.append(verb_form)
    parts.append(_relative_object(top, subject, skip, actors))  # "the record she set in Chicago": "sets record in Chicago"
    parts.append(object_name)
    for budget in (_PHRASE_WORDS, _SHORT_PHRASE_WORDS):  # a cut that lost the object: rebuilt with shorter phrases
        title = fit(" ".join(part for part in [*parts, _objects(top, skip, actors, depth, budget)] if part), capitalize=depth == 0)
        if not lost_object(top, verb_form, title, passive=_is_passive(top)):
            return title  # what was said, too: "told the committee we're considering whether ..." is not "we consider"
    return ""


def _scheduled_action(verb: Token) -> Token | None:
    """What a passive of scheduling says will happen ("Producers are scheduled to hold meetings",
    "the plan is set to go into effect": "hold", "go"), which a headline writes "X to hold"."""
    if verb.tag_ != "VBN" or verb_lemma(verb.text) not in _SCHEDULING:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)


def _relative_object(verb: Token, subject: Token | None, skip: set[int], actors: DocumentActors) -> str:
    """The noun a relative clause's verb acts on when the clause has a subject of its own and no
    object but a relative pronoun or none ("the company which Bell founded", "the start Henman made")."""
    if verb.dep_ != "relcl" or subject is None or subject.i == verb.head.i or not verb.head.tag_.startswith("NN"):
        return ""
    if subject.lower_ in _RELATIVE:
        return ""  # "the man who left": the noun is who acted, not what was acted on
    objects = [child for child in verb.children if child.dep_ in ("dobj", "attr", "oprd")]
    if any(child.tag_ not in ("WDT", "WP") for child in objects):
        return ""
    return phrase(verb.head, skip | {token.i for token in verb.subtree}, actors, 6)


def has_subject(verb: Token, skip: set[int], actors: DocumentActors, pronouns: Pronouns | None = None) -> bool:
    """Whether ``clause_title`` finds who did it among the document's actors: a subject phrase naming
    one ("NATO ambassadors"), a pronoun standing for one, or a passive's named agent."""
    top = _top(verb)
    if _named_agent(top, actors) is not None:
        return True
    subject, subject_skip = _subject_token(top, skip)
    if subject is None or subject.tag_.startswith("VB") or not _subject_text(subject, subject_skip, actors, 0, pronouns):
        return False  # a verb as subject is a misparse ("album ... each produce one disc, was hailed")
    if subject.lower_ in _PRONOUNS:
        return True  # resolved to an actor
    if subject_skip is not skip and kind_of(subject) != "other":
        return True  # an event noun a participle describes ("a three-year agreement signed last year")
    surnames = {draft.name.rsplit(" ", 1)[-1] for draft in actors.drafts if draft.kind == "person"}
    return any(
        (actors.key_at(t.idx, t.idx + len(t.text)) and not origin_only(t)) or t.text in surnames
        for t in _noun_phrase(subject)
        if t.i not in subject_skip
    )


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun's own phrase: its subtree without the clauses hanging from it."""
    tokens = [noun]
    for child in noun.children:
        if child.dep_ not in ("relcl", "acl", "advcl", "ccomp"):
            tokens.extend(child.subtree)
    return tokens


def _top(verb: Token) -> Token:
    """The verb a chain of open complements hangs from ("wants to meet" -> "wants")."""
    top = verb
    while top.dep_ == "xcomp" and top.head.tag_.startswith("VB") and top.head.i != top.i:
        top = top.head
    return top


def _subject_token(top: Token, skip: set[int]) -> tuple[Token | None, set[int]]:
    """A clause's subject token (inherited through coordination, or the noun a relative clause
    hangs from) and the tokens to leave out of its phrase."""
    verb = top
    for _ in range(6):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return _past_dateline(subjects[-1], skip), skip
        if verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.tag_.startswith("VB"):
            verb = verb.head  # "the company bought X and sold Y": the seller is the company
        elif verb.tag_ in _NON_FINITE and verb.dep_ in _CONTROLLED and (controller := _controlling_verb(verb)) is not None:
            verb = controller  # "Jeunet was responsible for directing Tautou": Jeunet directs
        else:
            break
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        return verb.head, skip | {token.i for token in verb.subtree}
    return None, skip


def _controlling_verb(verb: Token) -> Token | None:
    """The nearest verb above a non-finite clause ("responsible for directing" -> "was"), through
    prepositions and adjectives, whose subject is the clause's own."""
    token = verb.head
    for _ in range(3):
        if token.tag_.startswith("VB") and token.i != verb.i:
            return token
        if token.dep_ not in ("prep", "acomp", "pcomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _past_dateline(subject: Token, skip: set[int]) -> Token:
    """The subject itself, or, when the parse made the dateline city the subject ("BRUSSELS, March 27
    - NATO ambassadors met"), the apposition after it."""
    if subject.i not in skip:
        return subject
    return next((child for child in subject.children if child.dep_ == "appos" and child.i not in skip), subject)


def _subject_text(subject: Token | None, skip: set[int], actors: DocumentActors, depth: int, pronouns: Pronouns | None) -> str:
    """The subject as a title names it: an actor's short name for a resolved pronoun, else its phrase."""
    if subject is None:
        return ""
    if subject.lower_ in _PRONOUNS:
        if depth > 0 and subject.lower_ in _PERSONAL_PRONOUNS:
            return subject.lower_  # what was said keeps its pronoun: "United says they receive approach"
        key = pronouns(subject) if pronouns is not None and depth == 0 else None
        return short_name(actors, key) if key else ""
    return _subject(subject, skip, actors)


def _named_agent(verb: Token, actors: DocumentActors) -> Token | None:
    """The actor a passive verb names as its agent ("initiated by Sun Co" -> "Co"), if any."""
    if not any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children) and verb.tag_ != "VBN":
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            for noun in child.children:
                if noun.dep_ == "pobj" and any(actors.key_at(t.idx, t.idx + len(t.text)) and not origin_only(t) for t in noun.subtree):
                    return noun
    return None


def _subject(subject: Token, skip: set[int], actors: DocumentActors) -> str:
    """A clause's subject, as the people it names ("Crocker") when it names any, else compacted."""
    people: list[str] = []
    for token in subject.subtree:
        key = actors.key_at(token.idx, token.idx + len(token.text))
        if (
            key
            and key.startswith("person:")
            and short_name(actors, key) not in people
            and _names_the_subject(token, subject)
        ):
            people.append(short_name(actors, key))
    if people:
        return " and ".join(people[:2])
    named = next((c for c in subject.children if c.dep_ == "appos" and c.tag_ == "NNP" and c.i not in skip), None)
    key = actors.key_at(named.idx, named.idx + len(named.text)) if named is not None else None
    if key and not key.startswith("place:") and subject.tag_ in ("NN", "NNS"):
        return short_name(actors, key)  # "Online auction site, eBay, stopped": eBay
    counted = _counted(subject, skip)
    if counted is not None:  # "Four of the 1905 All Blacks went over" -> "Four All Blacks go over"
        return f"{subject.text} {phrase(counted, skip, actors, 5)}"
    described = {t.i for c in subject.children if c.dep_ == "acl" for t in c.subtree}  # "productions involving ..."
    return phrase(subject, skip | described, actors, 6)


def _counted(subject: Token, skip: set[int]) -> Token | None:
    """The noun a number subject counts: the object of its "of" ("four of the players"), else its
    apposition ("Four of the 1905 All Blacks" with the year read as the object); None for other subjects."""
    if subject.tag_ != "CD" or subject.ent_type_ not in ("CARDINAL", ""):
        return None
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            target = next((c for c in child.children if c.dep_ == "pobj" and c.i not in skip), None)
            if target is not None:
                return target
    return next((c for c in subject.children if c.dep_ == "appos" and c.i not in skip), None)


def _names_the_subject(token: Token, subject: Token) -> bool:
    """True when a name is the subject itself or its title's apposition, not a noun inside a prepositional
    phrase nor a modifier of a common noun ("the Clinton administration" is not Clinton)."""
    while token.i != subject.i:
        if token.dep_ not in ("compound", "appos", "conj", "nmod", "flat"):
            return False
        if token.dep_ in ("compound", "nmod") and token.head.tag_ in ("NN", "NNS"):
            return False
        token = token.head
    return True


def _objects(verb: Token, skip: set[int], actors: DocumentActors, depth: int, budget: int = _PHRASE_WORDS) -> str:
    """The objects and complements of a verb, compacted (each phrase at most ``budget`` words)."""
    pieces = []
    has_clause = has_object = False
    children = sorted(verb.children, key=lambda child: (child.i < verb.i and child.dep_ == "ccomp", child.i))
    for child in children:
        if child.i in skip or child.dep_ not in _OBJECTS or child.lower_ in _ASIDES:
            continue
        if child.i < verb.i and child.dep_ not in ("prt", "ccomp"):
            continue
        if child.dep_ == "dobj" and has_object:
            continue  # "sold 2.4 million vehicles in 2004, an increase of 4%": the second is an aside
        has_object = has_object or child.dep_ == "dobj"
        if (child.dep_ == "ccomp" and not child.tag_.startswith("NN")) or (child.dep_ == "xcomp" and child.tag_.startswith("VB")):
            if (depth >= 1 and not (child.dep_ == "xcomp" and _is_passive(verb))) or has_clause:
                continue  # one level of reported clause; a passive keeps its complement ("yields expected to decline")
            has_clause = True
            if child.dep_ == "xcomp":
                negation = "not " if any(c.dep_ == "neg" for c in child.children) else ""  # "decided not to pump"
                form = child.lower_ if child.tag_ == "VBG" else "to " + verb_lemma(child.text)  # "stopped supporting"
                pieces.append(negation + form + " " + _objects(child, skip, actors, depth + 1))
            else:
                clause = clause_title(child, skip, actors, depth + 1)
                if " " in clause:
                    pieces.append(clause)
        elif child.dep_ == "prep" and (
            has_clause or len(pieces) >= 2 - depth or all(t.i in skip for t in child.subtree if t is not child)
        ):
            continue
        else:
            pieces.append(phrase(child, skip, actors, budget))
    return " ".join(piece.strip() for piece in pieces if piece.strip())


def nominal_title(
    noun: Token, skip: set[int], actors: DocumentActors, pronouns: Pronouns | None = None, bare: bool = True
) -> str:
    """A title for an event noun: a clause when the noun's owner is an actor ("its acquisition of
    Space Co" -> "Foote acquires Space Co", "OPEC's conference" -> "OPEC holds conference"), else
    the noun phrase and what its participle or relative clause says ("conference held in X"), else
    the noun phrase alone ("American-led invasion") — or "" when not ``bare`` and no possessive
    pronoun says whose it is."""
    owned = _owned_title(noun, skip, actors, pronouns)
    if owned is not None:
        return owned
    undergone = _undergone_title(noun, skip, actors, pronouns)
    if undergone is not None:
        return undergone
    clause = next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.tag_.startswith("VB")), None)
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
    key = pronouns(owner) if owner is not None and pronouns is not None else None
    if clause is None and not bare and not key:
        return ""  # "the 1984 release of the Mac" names which release; "its 1981 takeover" says whose
    inner_skip = skip | {c.i for c in noun.children if c.dep_ in ("relcl", "acl", "prep") for c in c.subtree}
    title = phrase(noun, inner_skip, actors, 8)
    if key:  # "its 1981 takeover" -> "Santa Fe International Corp's 1981 takeover"
        title = f"{short_name(actors, key)}'s {title}"
    if clause is not None:
        title = f"{title} {clause.text} {_objects(clause, skip, actors, 1)}"
    else:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "with")), None)
        if of is not None:
            title = f"{title} {phrase(of, skip, actors, 6)}"
    return fit(title)


def has_participant(noun: Token, skip: set[int], actors: DocumentActors, pronouns: Pronouns | None = None) -> bool:
    """Whether an event noun names someone who took part in it in its own phrase: an actor as its
    owner, a modifier or a prepositional object ("the meeting of the Group of Seven", "a January
    agreement between the US and the UK"), or a possessive pronoun standing for one — not only a
    place it happened in ("a board meeting in May", "the annual meeting" name no one)."""
    tokens = [noun]
    for child in noun.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp") or (child.dep_ == "prep" and child.lower_ in _LOCATION_WORDS):
            continue
        tokens.extend(child.subtree)
    for token in tokens:
        if token.i in skip:
            continue
        if token.lower_ in POSSESSIVE_PRONOUNS and token.dep_ == "poss":
            if pronouns is not None and pronouns(token):
                return True
        elif actors.key_at(token.idx, token.idx + len(token.text)) and not origin_only(token):
            return True
    return False


def _holder(noun: Token, verb: str, skip: set[int], actors: DocumentActors) -> tuple[Token | None, Token | None]:
    """Who acts in an event noun without a possessor, and the preposition that names them: the agent
    of "by" ("a visit by Japanese officials"), or for a meeting or an agreement the parties "between"
    it names, an organisation or person "of" it or a name modifying it ("the meeting of the Group of
    Seven", "OPEC conference") — never a place, which says where, not who."""
    def names(token: Token, places: bool) -> bool:
        keys = [actors.key_at(t.idx, t.idx + len(t.text)) for t in token.subtree if t.i not in skip and not origin_only(t)]
        return any(key and (places or not key.startswith("place:")) for key in keys)

    for child in noun.children:
        target = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if target is not None and child.lower_ == "by" and names(target, places=True):
            return target, child
        if verb in _HOLDING and target is not None and child.lower_ == "between" and names(target, places=True):
            return target, child
        if verb in _HOLDING and target is not None and child.lower_ == "of" and names(target, places=False):
            return target, child
    if verb in _HOLDING:
        compound = next((c for c in noun.children if c.dep_ == "compound" and c.i not in skip and names(c, places=False)), None)
        return compound, None
    return None, None


def _owned_title(noun: Token, skip: set[int], actors: DocumentActors, pronouns: Pronouns | None) -> str | None:
    """"Owner verb object" for an event noun whose possessor (or agent, or parties: ``_holder``)
    names an actor, or None."""
    verb = _NOMINAL_VERBS.get(noun.lower_)
    if verb is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    preposition = None
    if owner is None:
        owner, preposition = _holder(noun, verb, skip, actors)
    obj = next(
        (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "for", "to", "with") and (preposition is None or c.i != preposition.i)),
        None,
    )
    if owner is None or (verb not in _HOLDING and obj is None):
        return None
    holding = verb in _HOLDING
    if owner.lower_ in _PRONOUNS or owner.lower_ in POSSESSIVE_PRONOUNS:
        key = pronouns(owner) if pronouns is not None else None
        subject = short_name(actors, key) if key else ""
    elif any(actors.key_at(t.idx, t.idx + len(t.text)) for t in owner.subtree):
        subject = _owner_name(owner, skip, actors)
    else:
        return None
    if not subject:
        return None
    if is_plural(owner):  # "the US and the UK reach", "Japanese officials visit"
        verb = verb[:-2] if re.search(r"(?:ch|sh|ss|x)es$", verb) else verb[:-1]
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nummod") and c.i not in skip and c.i != owner.i]
    words = [subject, verb]
    if holding:
        words.append(" ".join(t.text for t in sorted([*modifiers, noun], key=lambda t: t.i)))
    if obj is not None:
        target = next((c for c in obj.children if c.dep_ == "pobj"), None)
        if target is not None:
            words.append(phrase(obj, skip, actors, 6) if holding else phrase(target, skip, actors, 6))
    return fit(" ".join(words))


def _owner_name(owner: Token, skip: set[int], actors: DocumentActors) -> str:
    """Who owns an event noun, as a title names them: the owner's phrase without its "'s", a possessive
    pronoun before a name or where it was ("his Free Democratic Party in Darmstadt" -> "Free Democratic
    Party"); the name of the actor it mentions when the phrase is longer than a subject should be."""
    left_out = {c.i for c in owner.children if c.dep_ == "case"}
    left_out |= {c.i for c in owner.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS}
    left_out |= {t.i for c in owner.children if c.dep_ == "prep" and c.lower_ in _LOCATION_WORDS for t in c.subtree}
    written = phrase(owner, skip | left_out, actors, 8)
    if len(written.split()) <= 6:
        return written
    key = next((k for t in owner.subtree if (k := actors.key_at(t.idx, t.idx + len(t.text)))), None)
    return short_name(actors, key) if key else " ".join(written.split()[:6])


def _undergone_title(noun: Token, skip: set[int], actors: DocumentActors, pronouns: Pronouns | None) -> str | None:
    """"Person participle" for an event noun a person's possessor underwent ("his release from prison" ->
    "Archer released from prison", "Hendrix's death" -> "Hendrix dies"), or None."""
    form = _UNDERGONE.get(noun.lower_)
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.i not in skip), None)
    if form is None or owner is None:
        return None
    if owner.lower_ in POSSESSIVE_PRONOUNS:
        key = pronouns(owner) if pronouns is not None else None
    else:
        key = actors.key_at(owner.idx, owner.idx + len(owner.text))
    if not key or not key.startswith("person:"):
        return None  # "Amazon's release" is what the company released
    where = [phrase(c, skip, actors, 5) for c in noun.children if c.dep_ == "prep" and c.i not in skip]
    return fit(" ".join([short_name(actors, key), form, *where]))


_UNDERGONE = {
    "arrest": "arrested", "release": "released", "death": "dies", "murder": "murdered", "execution": "executed",
    "conviction": "convicted", "resignation": "resigns", "retirement": "retires", "sacking": "sacked",
    "dismissal": "dismissed", "election": "elected", "appointment": "appointed", "birth": "born",
    "kidnapping": "kidnapped", "assassination": "assassinated", "capture": "captured", "imprisonment": "imprisoned",
}
"""Event nouns a person's possessor undergoes or does alone: "his arrest" is "X arrested"."""
_LOCATION_WORDS = frozenset({"in", "at", "near"})
_HOLDING = frozenset({"holds", "reaches"})
_NOMINAL_VERBS = {
    **dict.fromkeys(("meeting", "conference", "summit", "talks", "session", "election", "referendum", "vote"), "holds"),
    **dict.fromkeys(("accord", "agreement", "deal", "pact", "treaty", "ceasefire"), "reaches"),
    "acquisition": "acquires", "purchase": "buys", "visit": "visits", "offer": "offers", "bid": "bids",
    "launch": "launches", "investment": "invests",
}
"""Event nouns whose owner is the one who acts ("its acquisition of X"); nouns whose owner may be the
one acted on ("its takeover", "its sale", "its release") are left as noun phrases."""


