"""Whether a clause reports something that happened: the tests that keep a dated clause from being
an event.

A negated, speculative or conditional clause ("does not expect", "may raise", "if it buys"), an aim
("an attempt to take over"), a plan or a forecast ("will meet", "expects earnings"), a state or a
copula ("owns land", "stocks are 147 mln tonnes"), a saying verb with nothing said ("K mart said"),
a date that only says which thing ("the original 1977 Star Wars film"), or a "verb" inside a name.
``ingest.events`` assembles events from the clauses these let through.
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.ingest.event_kinds import PLAN_VERBS, STATEMENT_VERBS, STATIVE_VERBS, kind_of
from dossier.ingest.event_titles import SUBJECT_DEPS
from dossier.ingest.nlp import verb_lemma
from dossier.ingest.title_phrases import CUT_BEFORE

_SPECULATIVE_MODALS = frozenset({"may", "might", "could", "should", "can", "must", "ought"})
_CONDITIONS = frozenset({"if", "unless", "whether"})
_HEDGES = frozenset({"likely", "unlikely", "possible", "ready", "willing", "prepared"})
_FORETELLING = frozenset({"will", "shall", "'ll", "’ll", "wo", "would"})
_NAMES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "GPE"})
_SAID = frozenset({"ccomp", "dobj", "xcomp", "dative", "parataxis"})
_SAYING_FORMS = frozenset(form for verb in STATEMENT_VERBS for form in (verb, verb + "s", verb + "es", verb + "ed", verb + "d"))


def unreal(verb: Token) -> bool:
    """Whether a clause reports no occurrence: negated ("does not expect"), speculative ("may
    raise", "could fall") or a condition ("if it buys")."""
    chain = [verb]  # the verb and the clauses above it ("wants to buy", "if it rose and fell")
    while chain[-1].dep_ in ("xcomp", "conj") and chain[-1].head.tag_.startswith("VB") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    own = [verb, *(v for v in chain[1:] if all(link.dep_ == "xcomp" for link in chain[: chain.index(v)]))]
    if any(
        child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _SPECULATIVE_MODALS) or _none_of(child)
        for clause in own
        for child in clause.children
    ):
        return True  # negation and modality stay in their clause: "could not choose … so gave them a tied award"
    if any(clause.dep_ == "xcomp" and clause.head.lower_ in _HEDGES for clause in chain):
        return True  # "base rates are likely to be cut tomorrow": as speculative as "may"
    above = _clauses_above(verb)
    if (verb.dep_ == "acl" and _aimed_at(verb)) or any(_aimed_at(clause) for clause in above[1:]):
        return True  # "Xstrata's attempt to take over WMC", "launched an initiative to allow clubs to provide": aims
    expected = verb
    while expected.dep_ in ("ccomp", "xcomp") and expected.head.tag_.startswith("VB") and expected.head.i != expected.i:
        expected = expected.head
        if verb_lemma(expected.text) in PLAN_VERBS:
            return True  # "analysts expect it to debut in those territories in early 2005": a forecast
    return any(child.dep_ == "mark" and child.lower_ in _CONDITIONS for clause in chain for child in clause.children)


def _clauses_above(verb: Token) -> list[Token]:
    """A verb and the verbs of the clauses it is a complement of ("to allow clubs to provide" -> provide, allow)."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp", "conj") and chain[-1].head.tag_.startswith("VB") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _aimed_at(clause: Token) -> bool:
    """Whether a clause is a to-infinitive saying what a noun or an action aims at ("an attempt to take
    over", "launched an initiative to allow"), which has not happened."""
    return clause.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)


def describes_subject(tokens: list[Token], verb: Token) -> bool:
    """Whether a time expression only modifies a noun in the clause's subject ("Revenge of the Sith -
    the third prequel to the original 1977 Star Wars film - chronicles …"): it says which thing,
    not when the clause happened."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    inside = {token.i for subject in subjects for token in subject.subtree}
    return any(
        (token.i in inside and token.dep_ in ("nummod", "compound", "amod") and token.head.tag_.startswith("NN"))
        or (token.dep_ == "nummod" and token.head.i == verb.i)  # "the original 1977 Star Wars film - chronicles" misparsed
        for token in tokens
    )


def inside_name(verb: Token) -> bool:
    """Whether a "verb" is a word of a name the parser read as a clause ("for Gonna Fly Now from Rocky")."""
    return verb.ent_type_ in _NAMES


def foretold(verb: Token) -> bool:
    """Whether a clause, or the finite clause a non-finite one hangs from ("will close their bid ... by
    playing Switzerland"), is in the future or the conditional ("will", "would"). Without a publication
    date such a plan cannot be placed against what happened, so it is no event."""
    token = verb
    for _ in range(6):
        if any(child.dep_ == "aux" and child.lower_ in _FORETELLING for child in token.children):
            return True
        finite = token.tag_ in ("VBD", "VBZ", "VBP") or any(
            (c.dep_ in ("aux", "auxpass") and c.tag_ != "TO") or c.dep_ in SUBJECT_DEPS for c in token.children
        )
        if (token.tag_.startswith("VB") and finite) or token.head.i == token.i or token.lower_ in ("after", "since"):
            return False  # "will compete this year after deciding her schedule": the deciding is done
        token = token.head
    return False


def _none_of(argument: Token) -> bool:
    """Whether a subject or object is quantified by "no", which negates its clause ("he made no
    commitment", "Cominco has no contract negotiations scheduled")."""
    return argument.dep_ in (*SUBJECT_DEPS, "dobj", "attr") and any(
        child.dep_ == "det" and child.lower_ == "no" for child in argument.children
    )


def says_nothing(title: str) -> bool:
    """Whether a title is a saying verb with nothing said after it (or only where it was said)."""
    words = title.split(" ")
    for index, word in enumerate(words[1:], start=1):
        if word.casefold() in _SAYING_FORMS:
            rest = words[index + 1 :]
            return not rest or rest[0].casefold() in CUT_BEFORE
    return False


def no_occurrence(verb: Token) -> bool:
    """Whether a clause states how things are or will be rather than what happened (``_no_happening``),
    or is a saying verb with nothing said ("K mart said")."""
    top = top_verb(verb)
    return _no_happening(top) or (kind_of(top) == "statement" and not any(child.dep_ in _SAID for child in top.children))


def reports_no_part(top: Token) -> bool:
    """Whether the clause around an event noun does not say its subject took part in it: a state, a
    plan (``_no_happening``) or reported speech ("Delors was said to have found today's meeting
    useful", "made it clear that ..."); a saying verb with nothing said is no speech ("the Council was
    called to a private meeting")."""
    return _no_happening(top) or (kind_of(top) == "statement" and any(child.dep_ in _SAID for child in top.children))


def top_verb(verb: Token) -> Token:
    """The verb a chain of open complements hangs from ("wants to buy" -> "wants")."""
    top = verb
    while top.dep_ == "xcomp" and top.head.tag_.startswith("VB") and top.head.i != top.i:
        top = top.head
    return top


def _no_happening(top: Token) -> bool:
    """Whether a clause is a copula ("stocks are 147 mln tonnes"), a state ("owns land"), an
    obligation ("has to wait") or a plan or expectation ("expects earnings of …")."""
    lemma = verb_lemma(top.text)
    if lemma == "be" and not any(child.dep_ == "auxpass" for child in top.children):
        return True
    if lemma in PLAN_VERBS:
        return True
    if lemma in STATIVE_VERBS and kind_of(top) == "other":
        return True  # "Vestey Group owns land", "the index includes 30 stocks": a state, not an occurrence
    return lemma in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in top.children
    )  # "Meyer has to wait": an obligation, like a modal
