"""Event kinds: which verbs and nouns trigger which kind of event, and the kind of a clause.

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

from spacy.tokens import Token

from dossier.ingest.nlp import verb_lemma

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


def kind_of(head: Token) -> str:
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
                return kind_of(target)
    if head.dep_ in ("acl", "relcl") and head.head.i != head.i:
        return TRIGGERS.get(head.head.lower_, "other")  # "the attack, taken in response to ..."
    return "other"
